// Fuzzing the JS API in the page (issue 11): seeded byte-level mutations of corpus modules go
// through rusk.loadModule, rusk.createVm and vm.step under fuel, with requests dropped. A load or
// creation error (an Error naming what is wrong) and a trap are fine; anything else thrown, or a
// trap the VM made from one of its own exceptions ("internal error: ..."), is a crash. Input
// (seed, index) is a pure function of both, so a crash replays with fuzzOne(rusk, files, seed, index).

/** SplitMix32-style step over a 32-bit state: platform-independent. */
function next(state) {
  let z = (state.s = (state.s + 0x9e3779b9) | 0);
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** Input `index` under `seed`: a copy of one file with 1-3 byte changes (set, flip, small u32). */
export function mutate(files, seed, index) {
  const st = { s: (seed * 0x27d4eb2d) ^ index };
  const src = files[next(st) % files.length];
  const b = src.slice();
  const n = 1 + (next(st) % 3);
  for (let k = 0; k < n; k++) {
    const at = next(st) % b.length;
    switch (next(st) % 3) {
      case 0: b[at] ^= 1 << (next(st) % 8); break;
      case 1: b[at] = [0, 1, 0x7f, 0x80, 0xff][next(st) % 5]; break;
      default: if (at + 4 <= b.length) new DataView(b.buffer).setUint32(at, [0xffffffff, 0x7fffffff, 1 << 24, 2][next(st) % 4], true);
    }
  }
  return b;
}

/** Runs one input; returns its outcome: decode, create, done, trap, fuel, or crash:<what>. */
export function fuzzOne(rusk, files, seed, index, fuel = 20000) {
  const bytes = mutate(files, seed, index);
  let module;
  try { module = rusk.loadModule(bytes); } catch (e) { return e instanceof Error && !(e instanceof TypeError) ? "decode" : `crash: load threw ${e}`; }
  let vm;
  try { vm = rusk.createVm(module, { maxHeapBytes: 16 << 20, stdout: () => {} }); }
  catch (e) { module.dispose(); return e instanceof Error && !(e instanceof TypeError) ? "create" : `crash: createVm threw ${e}`; }
  try {
    for (let left = fuel, steps = 0; steps < 1000; steps++) {
      const s = vm.step(left);
      if (s.tag === "done") return "done";
      if (s.tag === "trap") return s.message.startsWith("internal error") ? `crash: ${s.message}` : "trap";
      if (s.tag === "yield") return "fuel";
      vm.dropContinuation(s.k);
    }
    return "fuel";
  } catch (e) {
    return `crash: step threw ${e?.stack ?? e}`;
  } finally {
    vm.dispose();
    module.dispose();
  }
}

/** Runs inputs [0, count) and tallies the outcomes; crashes keep their index. */
export function fuzz(rusk, files, seed, count) {
  const tally = { decode: 0, create: 0, done: 0, trap: 0, fuel: 0, crashes: [] };
  for (let i = 0; i < count; i++) {
    const o = fuzzOne(rusk, files, seed, i);
    if (o.startsWith("crash")) tally.crashes.push(`#${i}: ${o}`);
    else tally[o]++;
  }
  return tally;
}
