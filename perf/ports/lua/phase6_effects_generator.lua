-- Port of the corpus benchmark phase6_effects_generator: a generator (a coroutine) yields 0..n-1 and
-- the consumer sums them. Rusk's `yield` helper performs the effect from a nested call; a coroutine
-- can yield from nested calls too, so the helper is kept.
local yield = coroutine.yield

local function range(e)
  local i = 0
  while i < e do
    yield(i)
    i = i + 1
  end
end

return function(n)
  local sum = 0
  for value in coroutine.wrap(function() range(n) end) do
    sum = sum + value
  end
  return sum
end
