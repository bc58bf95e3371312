// A module Worker running a corpus case with runVm (the runtime boots inside the worker).
import { loadRusk, runVm } from "/dist/index.js";

self.onmessage = async (e) => {
  try {
    const rusk = await loadRusk();
    const bytes = new Uint8Array(await (await fetch(`/corpus/cases/${e.data}.rbc`)).arrayBuffer());
    const vm = rusk.createVm(bytes);
    let slices = 0;
    const value = await runVm(vm, {
      fuelPerTick: 1000,
      effects: { "TestFfi.add": async (a, b) => a + b },
      onYield: () => new Promise((resolve) => { slices++; setTimeout(resolve, 0); }),
    });
    vm.dispose();
    self.postMessage(`${value} after ${slices} slices`);
  } catch (err) {
    self.postMessage(`error: ${err?.stack ?? err}`);
  }
};
