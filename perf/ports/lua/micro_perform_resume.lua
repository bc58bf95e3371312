-- Port of perf/micro/micro_perform_resume.rasm: `count` yields i (the perform) from a coroutine and
-- the driver loop (the handler) resumes it with i + 1; `count` sums what it gets back.
local yield, resume, status = coroutine.yield, coroutine.resume, coroutine.status

local function count(n)
  local acc = 0
  for i = 0, n - 1 do
    acc = acc + yield(i)
  end
  return acc
end

return function(n)
  local co = coroutine.create(count)
  local ok, v = resume(co, n)
  while ok and status(co) == "suspended" do
    ok, v = resume(co, v + 1)
  end
  if not ok then error(v) end
  return v
end
