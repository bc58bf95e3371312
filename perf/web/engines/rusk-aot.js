// Our VM on the AOT engine (dist/aot/rusk.wasm: the VM's C# compiled to WasmGC by rusk-aot): the
// adapter of engines/rusk.js, booted with loadRusk({ engine: "aot" }). Timed region as rusk's.
import { bootEngine } from "./rusk.js";

export { trivial, load, run } from "./rusk.js";
export const boot = () => bootEngine("aot");
