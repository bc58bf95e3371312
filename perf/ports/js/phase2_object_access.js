// Port of the corpus benchmark phase2_object_access: field get/set on a struct (an object here) and
// a tuple (a 3-element array here) in tight loops. Sums stay below 2^53 (6.5e12 at n = 1,200,000).
function tupleLoop(n) {
  const t = [1, 2, 3];
  let i = 0;
  let sum = 0;
  while (i < n) {
    t[0] = t[0] + 1;
    t[1] = t[1] + 2;
    t[2] = t[2] + 3;
    sum = sum + t[0] + t[1] + t[2];
    i = i + 1;
  }
  return sum;
}

function structLoop(n) {
  const p = { x: 1, y: 2 };
  let i = 0;
  let sum = 0;
  while (i < n) {
    p.x = p.x + 1;
    p.y = p.y + 2;
    sum = sum + p.x + p.y;
    i = i + 1;
  }
  return sum;
}

function bench(n) {
  return structLoop(n) + tupleLoop(n);
}
