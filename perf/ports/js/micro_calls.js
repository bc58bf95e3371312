// Port of perf/micro/micro_calls.rasm: three plain function calls per iteration, one two deep.
function mix(a, b) {
  return a + b;
}

function twice(a, b) {
  return mix(mix(a, b), 1);
}

function bench(n) {
  let acc = 0;
  for (let i = 0; i < n; i++) acc = twice(acc, i);
  return acc;
}
