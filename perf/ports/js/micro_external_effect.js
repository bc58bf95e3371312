// Port of perf/micro/micro_external_effect.rasm: the program is a generator that yields each request
// (the perform of Bench.inc); the port drives it itself, answering every request with the host's
// host.call(x) (x + 1) and resuming the generator with that answer.
function* program(n) {
  let acc = 0;
  for (let i = 0; i < n; i++) {
    const r = yield i;
    acc = acc + r;
  }
  return acc;
}

function bench(n, host) {
  const gen = program(n);
  let step = gen.next();
  while (!step.done) step = gen.next(host.call(step.value));
  return step.value;
}
