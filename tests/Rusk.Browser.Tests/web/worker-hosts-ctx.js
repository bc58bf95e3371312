// Host module shape 3 (RuskWorker tests): a default install function called per VM with the
// worker's Vm and ctx {data, postMessage, abi, HostError} — no import of dist/ needed, so it works
// wherever the worker's dist/ is served from. Reports where the worker loaded its runtime from.
export default function install(vm, ctx) {
  const { data } = ctx;
  vm.registerHostImport("js::log", (s) => ctx.postMessage(`${data?.prefix ?? "js::log"} ${s}`));
  vm.registerHostImport("js::add_int", (a, b) => a + b);
  vm.registerHostImport("test::add_int", (a, b) => {
    if (data?.fail) throw new ctx.HostError(data.fail);
    return a + b;
  });
  vm.registerHostImport("abi::make_point", (x, y) => ctx.abi.struct("Point", { x, y }));
  if (data?.throwLater) setTimeout(() => { throw new Error(data.throwLater); }, 0);
  if (data?.probe) {
    ctx.postMessage({
      resources: performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname),
      script: String(globalThis.location),
    });
  }
}
