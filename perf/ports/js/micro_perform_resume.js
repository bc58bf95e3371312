// Port of perf/micro/micro_perform_resume.rasm: `count` yields i (the perform) and the driver loop
// (the handler) resumes it with i + 1; `count` sums what it gets back and returns the sum.
function* count(n) {
  let acc = 0;
  for (let i = 0; i < n; i++) {
    const r = yield i;
    acc = acc + r;
  }
  return acc;
}

function bench(n) {
  const gen = count(n);
  let step = gen.next();
  while (!step.done) step = gen.next(step.value + 1);
  return step.value;
}
