-- Port of perf/micro/micro_field_access.rasm: one table, three fields read and written per iteration.
return function(n)
  local c = { x = 0, y = 0, z = 0 }
  for _ = 1, n do
    c.x = c.x + 1
    c.y = c.y + c.x
    c.z = c.z + 2
  end
  return c.x + c.y + c.z
end
