-- Port of perf/micro/micro_alloc.rasm: a fresh two-field table and a fresh two-element sequence per
-- iteration, each read once.
return function(n)
  local acc = 0
  for i = 0, n - 1 do
    local p = { a = i, b = 1 }
    local arr = { i, 1 }
    acc = acc + p.b + arr[1]
  end
  return acc
end
