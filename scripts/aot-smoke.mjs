// Gate for the AOT engine (scripts/build-browser.sh): dist/aot/rusk.wasm is kept only if it runs
// samples/hello (a host import, std::println, an external effect) to its result under a current
// Node. A module that compiles but does not yet run would otherwise be shipped as an engine.
// With CORPUS_CASE (a conformance .rbc needing no host import) it must run that to "done" too: the
// sample alone exercises too little of the decoder.
// Usage: NODE26 aot-smoke.mjs DIST_INDEX_JS HELLO_RBC [CORPUS_CASE]  → exit 0, or exit 1 with the reason on stderr.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [index, rbc, corpusCase] = process.argv.slice(2);
try {
  const { loadRusk, runVm } = await import(pathToFileURL(index).href);
  const rusk = await loadRusk({ engine: "aot" });
  if (rusk.engine !== "aot") throw new Error(`booted ${rusk.engine}, not aot (feature probe failed)`);
  let out = "";
  const vm = rusk.createVm(new Uint8Array(readFileSync(rbc)), { stdout: (t) => { out += t; } });
  vm.registerHostImport("sample::add", (a, b) => a + b);
  const value = await runVm(vm, { effects: { "Page.ask": async () => "smoke" } });
  if (value !== 42n || !out.includes("Nice to meet you, smoke")) throw new Error(`wrong result ${String(value)} / output ${JSON.stringify(out)}`);
  vm.dispose();
  if (corpusCase) {
    const k = rusk.createVm(new Uint8Array(readFileSync(corpusCase)), { stdout: () => {} });
    const r = k.step();
    if (r.tag !== "done") throw new Error(`${corpusCase}: ended in ${r.tag} ${r.message ?? ""}`);
    k.dispose();
  }
} catch (e) {
  console.error(String(e?.stack ?? e).split("\n").slice(0, 3).join(" | "));
  process.exit(1);
}
