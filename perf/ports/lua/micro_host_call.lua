-- Port of perf/micro/micro_host_call.rasm: n calls of the embedder's function host.call(x) (x + 1),
-- a JS function outside the Lua engine.
return function(n, host)
  local call = host.call
  local acc = 0
  for i = 0, n - 1 do acc = acc + call(i) end
  return acc
end
