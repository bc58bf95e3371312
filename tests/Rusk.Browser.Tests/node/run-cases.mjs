// Runs conformance cases under Node.js through the public API and prints one JSON line per case:
// {name, tag, value: {type, value}, stdout}. The test compares them with manifest.json.
// Usage: node run-cases.mjs SPECIFIER CORPUS_DIR CASE...  (SPECIFIER: a dist/index.js path or
// URL, or a package name resolved from this script's folder)
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [spec, corpus, ...names] = process.argv.slice(2);
const url = spec.startsWith("/") ? pathToFileURL(spec).href : spec;
const { loadRusk, runVm } = await import(url);
const rusk = await loadRusk();

// The core intrinsics of the corpus's host environment (../shared/conformance/README.md) that
// string programs declare; registerHostImport ignores the ones a module does not import.
const bytesEq = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
const core = {
  "core::intrinsics::string_concat": (a, b) => a + b,
  "core::intrinsics::string_eq": (a, b) => a === b,
  "core::intrinsics::string_ne": (a, b) => a !== b,
  "core::intrinsics::bytes_eq": (a, b) => bytesEq(a, b),
  "core::intrinsics::bytes_ne": (a, b) => !bytesEq(a, b),
  "core::intrinsics::unit_eq": () => true,
  "core::intrinsics::unit_ne": () => false,
  "core::intrinsics::float_lt": (a, b) => a < b,
  "core::intrinsics::float_ge": (a, b) => a >= b,
};

function describe(v) {
  switch (typeof v) {
    case "undefined": return { type: "unit" };
    case "bigint": return { type: "int", value: String(v) };
    case "boolean": return { type: "bool", value: v };
    case "string": return { type: "string", value: v };
    default: return { type: typeof v, value: String(v) };
  }
}

for (const name of names) {
  let stdout = "";
  const bytes = new Uint8Array(readFileSync(join(corpus, "cases", `${name}.rbc`)));
  const vm = rusk.createVm(bytes, { stdout: (t) => { stdout += t; } });
  for (const [n, f] of Object.entries(core)) vm.registerHostImport(n, f);
  try {
    const value = await runVm(vm);
    console.log(JSON.stringify({ name, tag: "done", value: describe(value), stdout }));
  } catch (e) {
    console.log(JSON.stringify({ name, tag: "error", value: { type: "error", value: String(e?.message ?? e) }, stdout }));
  } finally {
    vm.dispose();
  }
}
