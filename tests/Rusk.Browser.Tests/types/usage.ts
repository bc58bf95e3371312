// The embedding API as README.md and glue/README.md show it, written against glue/index.d.ts: a
// declaration that stops matching the documented use fails `tsc` (TypesTests).
import {
  loadRusk, runVm, RuskTrapError, HostError,
  type AbiValue, type RunVmOptions, type StepResult, type Vm, type WorkerValue,
} from "../../../glue/index.js";

export async function mainThread(bytes: Uint8Array): Promise<AbiValue> {
  const rusk = await loadRusk({ baseUrl: "https://cdn.example/rusk/" });
  const module = rusk.loadModule(bytes);
  using vm = rusk.createVm(module, { stdout: (text: string) => console.log(text) });
  vm.registerHostImport("sample::add", (a, b) => {
    if (typeof a !== "bigint" || typeof b !== "bigint") throw new HostError("expected ints");
    return a + b;
  });
  const controller = new AbortController();
  const options: RunVmOptions = {
    effects: { "Page.ask": async (q) => `answer to ${String(q)}` },
    fuelPerTick: 10_000,
    signal: controller.signal,
    onYield: () => new Promise<void>((resolve) => setTimeout(resolve, 0)),
  };
  try {
    return await runVm(vm, options);
  } catch (e) {
    if (e instanceof RuskTrapError) console.error(e.message, e.frames);
    throw e;
  }
}

export function stepByHand(vm: Vm): string {
  const r: StepResult = vm.step(1000);
  switch (r.tag) {
    case "done": return `done ${String(r.value)}`;
    case "trap": return `trap ${r.message} at ${r.stack.map((f) => `${f.function}@${f.pc}`).join(" ")}`;
    case "request":
      vm.resume(r.k, 42n);
      return `request ${r.effectId}`;
    case "yield": return `yield ${r.remainingFuel}`;
  }
}

export async function workerMode(bytes: Uint8Array): Promise<WorkerValue> {
  const worker = await loadRusk({ worker: true });
  try {
    const vm = await worker.createVm(bytes, { hostModule: "./hosts.js" });
    const effects = new Map([["Page.ask", async () => "from the page"]]);
    return await vm.run({ effects, fuelPerTick: 5_000 });
  } finally {
    worker.terminate();
  }
}
