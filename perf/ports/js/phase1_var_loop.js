// Port of the corpus benchmark phase1_var_loop (locals, int arithmetic, a compare-and-branch loop).
// Every value stays below 2^53 (x + y = 8.2e13 at n = 12,800,000), so plain numbers are exact.
function bench(n) {
  let i = 0;
  let x = 0;
  let y = 0;
  while (i < n) {
    x = x + 1;
    y = y + x;
    i = i + 1;
  }
  return x + y;
}
