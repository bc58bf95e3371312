-- Port of perf/micro/micro_dispatch.rasm: int arithmetic, a bitwise and, compares and a two-way
-- branch per iteration.
return function(n)
  local acc = 0
  for i = 0, n - 1 do
    local t = i & 7
    if t < 4 then acc = acc + i else acc = acc - t end
  end
  return acc
end
