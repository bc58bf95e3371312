-- Port of perf/micro/micro_calls.rasm: three plain function calls per iteration, one two deep.
local function mix(a, b)
  return a + b
end

local function twice(a, b)
  return mix(mix(a, b), 1)
end

return function(n)
  local acc = 0
  for i = 0, n - 1 do acc = twice(acc, i) end
  return acc
end
