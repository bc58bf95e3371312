// Runs conformance cases under Node.js in a RuskWorker (a worker thread: loadRusk({ worker: true }))
// and prints one JSON line per case, as run-cases.mjs does: {name, tag, value: {type, value}, stdout}.
// It never calls terminate(): an idle worker thread must not keep the process alive.
// Usage: node worker-cases.mjs DIST_INDEX_JS CORPUS_DIR CASE...
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe } from "./corpus-hosts.mjs";

const [index, corpus, ...names] = process.argv.slice(2);
const { loadRusk } = await import(pathToFileURL(index).href);
const worker = await loadRusk({ worker: true });
const hostModule = new URL("./worker-hosts.mjs", import.meta.url);

for (const name of names) {
  let stdout = "";
  const bytes = new Uint8Array(readFileSync(join(corpus, "cases", `${name}.rbc`)));
  const vm = await worker.createVm(bytes, { hostModule, stdout: (t) => { stdout += t; } });
  try {
    const value = await vm.run({ effects: { "TestFfi.add": async (a, b) => BigInt.asIntN(64, a + b) } });
    console.log(JSON.stringify({ name, tag: "done", value: describe(value), stdout }));
  } catch (e) {
    console.log(JSON.stringify({ name, tag: "error", value: { type: "error", value: String(e?.message ?? e) }, stdout }));
  } finally {
    await vm.dispose();
  }
}
