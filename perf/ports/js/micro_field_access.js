// Port of perf/micro/micro_field_access.rasm: one object, three fields read and written per iteration.
function bench(n) {
  const c = { x: 0, y: 0, z: 0 };
  for (let i = 0; i < n; i++) {
    c.x = c.x + 1;
    c.y = c.y + c.x;
    c.z = c.z + 2;
  }
  return c.x + c.y + c.z;
}
