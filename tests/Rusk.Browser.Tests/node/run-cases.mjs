// Runs conformance cases under Node.js through the public API and prints one JSON line per case:
// {name, tag, value: {type, value}, stdout}. The test compares them with manifest.json.
// Usage: node run-cases.mjs SPECIFIER CORPUS_DIR CASE...  (SPECIFIER: a dist/index.js path or
// URL, or a package name resolved from this script's folder). RUSK_ENGINE=aot runs them on the AOT
// engine (an error, not a fallback, where this Node cannot run it).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { coreHosts, describe } from "./corpus-hosts.mjs";

const [spec, corpus, ...names] = process.argv.slice(2);
const url = spec.startsWith("/") ? pathToFileURL(spec).href : spec;
const { loadRusk, runVm } = await import(url);
const engine = process.env.RUSK_ENGINE || undefined;
const rusk = await loadRusk({ engine });
if (engine !== undefined && rusk.engine !== engine) throw new Error(`asked for engine ${engine}, booted ${rusk.engine} (feature probe failed)`);

for (const name of names) {
  let stdout = "";
  const bytes = new Uint8Array(readFileSync(join(corpus, "cases", `${name}.rbc`)));
  const vm = rusk.createVm(bytes, { stdout: (t) => { stdout += t; } });
  for (const [n, f] of Object.entries(coreHosts)) vm.registerHostImport(n, f);
  try {
    const value = await runVm(vm);
    console.log(JSON.stringify({ name, tag: "done", value: describe(value), stdout }));
  } catch (e) {
    console.log(JSON.stringify({ name, tag: "error", value: { type: "error", value: String(e?.message ?? e) }, stdout }));
  } finally {
    vm.dispose();
  }
}
