// Port of perf/micro/micro_alloc.rasm: a fresh two-field object and a fresh two-element array per
// iteration, each read once. V8's escape analysis may keep them off the heap; QuickJS allocates them.
function bench(n) {
  let acc = 0;
  for (let i = 0; i < n; i++) {
    const p = { a: i, b: 1 };
    const arr = [i, 1];
    acc = acc + p.b + arr[0];
  }
  return acc;
}
