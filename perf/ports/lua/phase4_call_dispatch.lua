-- Port of the corpus benchmark phase4_call_dispatch: one plain function call per iteration.
local function inc(x)
  return x + 1
end

return function(n)
  local i = 0
  local acc = 0
  while i < n do
    acc = inc(acc)
    i = i + 1
  end
  return acc
end
