-- Port of perf/micro/micro_external_effect.rasm: the program is a coroutine that yields each request
-- (the perform of Bench.inc); the port drives it itself, answering every request with the host's
-- host.call(x) (x + 1, a JS function outside the Lua engine) and resuming the coroutine with it.
local yield, resume, status = coroutine.yield, coroutine.resume, coroutine.status

local function program(n)
  local acc = 0
  for i = 0, n - 1 do
    acc = acc + yield(i)
  end
  return acc
end

return function(n, host)
  local call = host.call
  local co = coroutine.create(program)
  local ok, v = resume(co, n)
  while ok and status(co) == "suspended" do
    ok, v = resume(co, call(v))
  end
  if not ok then error(v) end
  return v
end
