// Port of the corpus benchmark phase4_call_dispatch: one plain function call per iteration.
function inc(x) {
  return x + 1;
}

function bench(n) {
  let i = 0;
  let acc = 0;
  while (i < n) {
    acc = inc(acc);
    i = i + 1;
  }
  return acc;
}
