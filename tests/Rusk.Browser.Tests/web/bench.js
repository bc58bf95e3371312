// Per-call costs, measured in the page: step() with no work, a host import call, an effect round
// trip (step → request → resume), plus decode time and plain interpreter throughput for scale.
// The loop programs come from Report.cs (assembled .rasm) under /bench/.

const load = async (url) => new Uint8Array(await (await fetch(url)).arrayBuffer());

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

/** Median over `runs` of fn()'s duration in ms (after one warm-up). */
function time(fn, runs = 5) {
  fn();
  const ts = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    ts.push(performance.now() - t);
  }
  return median(ts);
}

export async function perCall(rusk, n) {
  const loop = rusk.loadModule(await load("/bench/loop.rbc"));
  const host = rusk.loadModule(await load("/bench/host.rbc"));
  const effect = rusk.loadModule(await load("/bench/effect.rbc"));
  const corpusCase = await load("/corpus/cases/examples__26-std-json-serde.rbc");
  const out = {};

  // step(0): a full JS → .NET → JS round trip that executes nothing.
  {
    const vm = rusk.createVm(loop);
    const calls = 100_000;
    out.stepNoWorkUs = (time(() => { for (let i = 0; i < calls; i++) vm.step(0); }) * 1000) / calls;
    vm.dispose();
  }
  // The bare loop: n iterations of 5 instructions, one step() call.
  const loopMs = time(() => { const vm = rusk.createVm(loop); vm.step(); vm.dispose(); });
  out.loopIterationUs = (loopMs * 1000) / n;
  out.instructionsPerSecond = Math.round((5 * n) / (loopMs / 1000));
  // The same loop with a host import call per iteration.
  const hostMs = time(() => {
    const vm = rusk.createVm(host);
    vm.registerHostImport("bench::id", (x) => x);
    vm.step();
    vm.dispose();
  });
  out.hostCallUs = ((hostMs - loopMs) * 1000) / n;
  // The same loop performing an external effect per iteration, answered from JS.
  const effectMs = time(() => {
    const vm = rusk.createVm(effect);
    for (let r = vm.step(); r.tag === "request"; r = vm.step()) vm.resume(r.k, r.args[0]);
    vm.dispose();
  });
  out.effectRoundTripUs = ((effectMs - loopMs) * 1000) / n;
  // Decode of a 187 KB corpus module (the whole sysroot).
  out.decodeCorpusModuleMs = time(() => rusk.loadModule(corpusCase).dispose(), 5);
  out.n = n;
  loop.dispose(); host.dispose(); effect.dispose();
  return out;
}
