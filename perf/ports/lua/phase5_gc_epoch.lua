-- Port of the corpus benchmark phase5_gc_epoch: keep 200,000 two-element tuples (tables) alive, then
-- allocate n cycles x 20,000 short-lived ones. n is the cycle count (150 large, 100 default); the
-- result is the kept sequence's length.
return function(n)
  -- Phase A: grow the heap to a large high-water mark by keeping allocations alive.
  local keep = { { 0, 0 } }
  local i = 0
  while i < 200000 do
    keep[#keep + 1] = { i, i + 1 }
    i = i + 1
  end
  local grown = #keep

  -- Phase B: churn allocations while the heap is large.
  local cycle = 0
  while cycle < n do
    local j = 0
    while j < 20000 do
      local t = { j, j + 1 }
      j = j + 1
    end
    cycle = cycle + 1
  end

  return grown
end
