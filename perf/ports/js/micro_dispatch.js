// Port of perf/micro/micro_dispatch.rasm: int arithmetic, a bitwise and, compares and a two-way
// branch per iteration. `i & 7` is exact while i < 2^31; |acc| stays below 2^53 for n < 2^26.
function bench(n) {
  let acc = 0;
  for (let i = 0; i < n; i++) {
    const t = i & 7;
    if (t < 4) acc = acc + i;
    else acc = acc - t;
  }
  return acc;
}
