// Lifetime workloads shared by LifetimeTests and `make report-browser`: handle churn over
// lifetimes.rasm, VM churn and many suspended VMs over many-vms.rasm. Each returns plain numbers
// (rusk.diagnostics() snapshots included); the callers decide what to assert or print.
// Needs a page started with --js-flags=--expose-gc (BrowserSession does that).
import { CompositeValue, PinnedContinuation } from "/dist/index.js";

const delay = (ms) => new Promise((r) => setTimeout(r, ms));

/** Runs gc() and yields (finalizers run as tasks) until `cond()` holds or the tries run out. */
export async function gcUntil(cond, tries = 300) {
  for (let i = 0; i < tries && !cond(); i++) {
    gc();
    await delay(5);
  }
  return cond();
}

/** .rbc bytes from base64 (the tests assemble the .rasm programs in C#). */
export function bytesOf(base64) {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

/** True when nothing is held beyond `base` (an earlier rusk.diagnostics()). */
export function backTo(rusk, base, slack = 0) {
  const d = rusk.diagnostics();
  return d.vms <= base.vms && d.modules <= base.modules && d.handles <= base.handles + slack &&
    d.compositeValues <= base.compositeValues + slack && d.pinnedContinuations <= base.pinnedContinuations + slack;
}

/**
 * lifetimes.rasm with `iterations` loop turns: 22 handles per turn reach JS (the 20 composite
 * arguments of lt::take, the Lt.ask argument, the pinned continuation from lt::keep) and are all
 * dropped without dispose(); the requests are answered with structs built by abi.struct.
 */
export function handleChurn(rusk, module, iterations) {
  const vm = rusk.createVm(module);
  let composites = 0, pinned = 0, requests = 0;
  vm.registerHostImport("lt::count", () => BigInt(iterations));
  vm.registerHostImport("lt::take", (...args) => {
    for (const a of args) if (a instanceof CompositeValue) composites++;
    return BigInt(args.length);
  });
  vm.registerHostImport("lt::keep", (k) => {
    if (k instanceof PinnedContinuation) pinned++;
  });
  const started = performance.now();
  let s;
  while ((s = vm.step()).tag === "request") {
    const p = s.args[0];
    if (p instanceof CompositeValue) composites++;
    requests++;
    vm.resume(s.k, rusk.abi.struct("Point", { x: p.field("x") * 2n, y: 0n }));
  }
  const ms = performance.now() - started;
  const n = BigInt(iterations);
  return {
    vm, tag: s.tag, value: s.tag === "done" ? String(s.value) : s.message,
    expected: String((3n * n * (n - 1n)) / 2n + 20n * n), composites, pinned, requests, ms, held: rusk.diagnostics(),
  };
}

/**
 * Creates a many-vms.rasm VM seeded with `seed`, steps it to its Lt.double request and disposes
 * or drops it there. Nothing of it stays reachable from the caller (so the collector can take a
 * dropped one at the caller's next await). Returns whether it suspended.
 */
function suspendAndLeave(rusk, module, seed, dispose) {
  const vm = rusk.createVm(module);
  vm.registerHostImport("lt::seed", () => seed);
  const suspended = vm.step().tag === "request";
  if (dispose) vm.dispose();
  return suspended;
}

/**
 * Creates `count` VMs one after the other, each run to its request; `dispose` = dispose each
 * while suspended, else drop it (FinalizationRegistry releases it; every `batch` VMs the
 * collector is given the chance). Returns the VMs that did not suspend (should be 0).
 */
export async function vmChurn(rusk, module, count, dispose, batch = 500) {
  let odd = 0;
  const base = rusk.diagnostics();
  for (let i = 0; i < count; i++) {
    if (!suspendAndLeave(rusk, module, BigInt(i), dispose)) odd++;
    if (!dispose && i % batch === batch - 1) await gcUntil(() => rusk.diagnostics().vms <= base.vms);
  }
  if (!dispose) await gcUntil(() => rusk.diagnostics().vms <= base.vms);
  return odd;
}

/**
 * `count` VMs of one module, all suspended on Lt.double at once, then all resumed to completion.
 * Returns timings (µs per VM), .NET and wasm memory per suspended VM, and the wrong results.
 */
export async function manyVms(rusk, module, count) {
  await gcUntil(() => false, 3);
  const before = rusk.diagnostics({ collect: true });
  const t0 = performance.now();
  const vms = new Array(count);
  for (let i = 0; i < count; i++) vms[i] = rusk.createVm(module);
  const t1 = performance.now();
  const requests = new Array(count);
  for (let i = 0; i < count; i++) {
    const seed = BigInt(i * 7 + 1);
    vms[i].registerHostImport("lt::seed", () => seed);
    requests[i] = vms[i].step();
  }
  const t2 = performance.now();
  const held = rusk.diagnostics({ collect: true });
  let suspendedCount = 0;
  for (const vm of vms) if (vm.isSuspended()) suspendedCount++;
  const t3 = performance.now();
  const wrong = [];
  for (let i = 0; i < count; i++) {
    const r = requests[i];
    if (r.tag !== "request") { wrong.push(`${i}: ${r.tag}`); continue; }
    vms[i].resume(r.k, r.args[0] * 2n);
    const done = vms[i].step();
    const expected = BigInt(i * 7 + 1) * 3n + 1n;
    if (done.tag !== "done" || done.value !== expected) wrong.push(`${i}: ${done.tag} ${String(done.value ?? done.message)}`);
  }
  const t4 = performance.now();
  for (const vm of vms) vm.dispose();
  return {
    count, suspended: suspendedCount, wrong,
    createUs: ((t1 - t0) * 1000) / count,
    toRequestUs: ((t2 - t1) * 1000) / count,
    resumeToDoneUs: ((t4 - t3) * 1000) / count,
    managedBytesPerVm: (held.managedBytes - before.managedBytes) / count,
    wasmBytesPerVm: (held.wasmMemoryBytes - before.wasmMemoryBytes) / count,
    before, held,
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/**
 * The lifetime figures of `make report-browser`: 1,000 suspended VMs of one module (a warm-up
 * round, then the median of 3), the handle churn of LifetimeTests with its counts before and
 * after collection, and 10,000 VMs disposed plus 10,000 dropped with memory before and after.
 */
export async function report(rusk, churnBytes, manyBytes) {
  const out = {};
  const many = rusk.loadModule(manyBytes);
  const first = await manyVms(rusk, many, 1000);
  const rounds = [];
  for (let i = 0; i < 3; i++) rounds.push(await manyVms(rusk, many, 1000));
  const pick = (key) => median(rounds.map((r) => r[key]));
  out.many = {
    count: 1000, wrong: rounds.reduce((n, r) => n + r.wrong.length, first.wrong.length),
    suspended: Math.min(first.suspended, ...rounds.map((r) => r.suspended)),
    firstCreateUs: first.createUs, createUs: pick("createUs"), toRequestUs: pick("toRequestUs"),
    resumeToDoneUs: pick("resumeToDoneUs"), managedBytesPerVm: pick("managedBytesPerVm"),
    firstWasmBytesPerVm: first.wasmBytesPerVm, wasmBytesPerVm: pick("wasmBytesPerVm"),
  };

  const churn = rusk.loadModule(churnBytes);
  await gcUntil(() => false, 3);
  const base = rusk.diagnostics();
  const run = handleChurn(rusk, churn, 4800);
  const t0 = performance.now();
  const released = await gcUntil(() => backTo(rusk, { ...base, vms: base.vms + 1, modules: base.modules + 1, handles: base.handles + 2 }));
  const gcMs = performance.now() - t0;
  const after = rusk.diagnostics();
  const delta = (d) => ({ handles: d.handles - base.handles, compositeValues: d.compositeValues - base.compositeValues, pinnedContinuations: d.pinnedContinuations - base.pinnedContinuations });
  out.handles = {
    turns: 4800, composites: run.composites, pinned: run.pinned, correct: run.value === run.expected, released,
    runMs: run.ms, gcMs, held: delta(run.held), after: delta(after),
  };
  run.vm.dispose();
  churn.dispose();

  await vmChurn(rusk, many, 1000, true);
  await vmChurn(rusk, many, 1000, false);
  await gcUntil(() => false, 3);
  const b0 = rusk.diagnostics({ collect: true });
  let t = performance.now();
  let odd = await vmChurn(rusk, many, 10000, true);
  const disposeMs = performance.now() - t;
  const b1 = rusk.diagnostics({ collect: true });
  t = performance.now();
  odd += await vmChurn(rusk, many, 10000, false);
  const dropMs = performance.now() - t;
  await gcUntil(() => false, 3);
  const b2 = rusk.diagnostics({ collect: true });
  out.vmChurn = { count: 10000, odd, disposeMs, dropMs, before: b0, afterDispose: b1, afterDrop: b2 };
  many.dispose();
  return out;
}
