// Our VM through the glue (dist/index.js) on the Mono engine (rusk-aot.js boots the AOT engine
// through the same code). Runs in the page and, unchanged, inside the module Worker of rusk-worker. Timed: createVm from the already decoded module (argv ["", n] for the micro
// programs that read n from it), registering the host import,
// the step loop with effect requests answered (resume with args[0] + 1n). Not timed: boot, fetch,
// decode (loadModule), dispose and turning the result into text.
import { loadRusk } from "/dist/index.js";
import { fetchBytes, collect, text } from "./util.js";

let rusk;
let module;
let spec;
let options;
const inc = (x) => x + 1n;
const quiet = () => {};

/** Boots `engine` ("mono" | "aot"); an engine that falls back to another is an error here. */
export async function bootEngine(engine) {
  rusk = await loadRusk({ engine });
  if (rusk.engine !== engine) throw new Error(`asked for the ${engine} engine, booted ${rusk.engine}`);
}

export const boot = () => bootEngine("mono");

export async function trivial() {
  const vm = rusk.createVm(await fetchBytes("/stage/trivial.rbc"), { stdout: quiet });
  const r = vm.step();
  vm.dispose();
  return r.tag === "done" ? text(r.value) : `${r.tag}: ${r.message ?? ""}`;
}

export async function load(s) {
  spec = s;
  options = s.argv ? { argv: s.argv, stdout: quiet } : { stdout: quiet };
  module?.dispose();
  module = rusk.loadModule(await fetchBytes(s.rbcUrl));
}

export async function run() {
  collect();
  const t0 = performance.now();
  const vm = rusk.createVm(module, options);
  if (spec.hostImport) vm.registerHostImport(spec.hostImport, inc);
  let r = vm.step();
  while (r.tag === "request") {
    vm.resume(r.k, r.args[0] + 1n);
    r = vm.step();
  }
  const ms = performance.now() - t0;
  let result;
  if (r.tag === "done") result = text(r.value);
  else if (r.tag === "trap") result = `trap: ${r.message}`;
  else result = `unexpected ${r.tag}`;
  if (r.tag === "done" && spec.effect && vm.externalEffectId(spec.effect) === undefined) {
    result = `the module declares no effect ${spec.effect}`;
  }
  vm.dispose();
  return { ms, result };
}
