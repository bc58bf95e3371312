// Port of the corpus benchmark phase7_map_dict: a hash map with int keys (a JS Map here): n inserts,
// n lookups, n overwrites, n/2 removals, n lookups, then the size.
function bench(n) {
  const m = new Map();

  // Insert.
  for (let i = 0; i < n; i++) m.set(i, i + 1);

  // Lookup sum.
  let sum1 = 0;
  for (let j = 0; j < n; j++) {
    const v = m.get(j);
    if (v !== undefined) sum1 = sum1 + v;
  }

  // Update (overwrite existing keys).
  for (let k = 0; k < n; k++) m.set(k, k + 2);

  // Remove every other key (even keys).
  for (let r = 0; r < n; r++) {
    if (r % 2 === 0) m.delete(r);
  }

  // Lookup sum after removals.
  let sum2 = 0;
  for (let t = 0; t < n; t++) {
    const v = m.get(t);
    if (v !== undefined) sum2 = sum2 + v;
  }

  return sum1 + sum2 + m.size;
}
