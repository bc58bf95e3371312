// Port of the corpus benchmark phase6_effects_generator: a generator yields 0..n-1 and the consumer
// sums them. Rusk performs a Yield effect that a handler resumes; JS has generators for that
// (the yield sits in `range` itself: a JS helper function cannot yield for its caller).
// The sum stays below 2^53 (3.2e11 at n = 800,000).
function* range(end) {
  let i = 0;
  while (i < end) {
    yield i;
    i = i + 1;
  }
}

function bench(n) {
  let sum = 0;
  for (const value of range(n)) {
    sum = sum + value;
  }
  return sum;
}
