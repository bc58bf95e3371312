// Port of the corpus benchmark phase5_gc_epoch: keep 200,000 two-element tuples (arrays here) alive,
// then allocate n cycles x 20,000 short-lived ones. n is the cycle count (150 large, 100 default);
// the result is the kept array's length. An optimizing engine (V8) may remove the unused tuples of
// phase B entirely; QuickJS and Lua allocate them, as the Rusk VM does.
function bench(n) {
  // Phase A: grow the heap to a large high-water mark by keeping allocations alive.
  const keep = [[0, 0]];
  let i = 0;
  while (i < 200000) {
    keep.push([i, i + 1]);
    i = i + 1;
  }
  const grown = keep.length;

  // Phase B: churn allocations while the heap is large.
  let cycle = 0;
  while (cycle < n) {
    let j = 0;
    while (j < 20000) {
      const t = [j, j + 1];
      j = j + 1;
    }
    cycle = cycle + 1;
  }

  return grown;
}
