// Port of perf/micro/micro_host_call.rasm: n calls of the embedder's function host.call(x) (x + 1),
// which is outside the engine under test: a host function in QuickJS and Lua, a plain JS function
// for the plain-JS engine.
function bench(n, host) {
  let acc = 0;
  for (let i = 0; i < n; i++) acc = acc + host.call(i);
  return acc;
}
