// Starts a RuskWorker from /dist/ under the page's (and the worker script's) CSP, runs the corpus
// case named by ?case= with host imports from a host module and async effect handlers, and records
// the result plus every CSP violation the page reported (window.cspDone).
const violations = [];
document.addEventListener("securitypolicyviolation", (e) =>
  violations.push(`${e.violatedDirective} blocked ${e.blockedURI || "(inline)"} in ${e.sourceFile}:${e.lineNumber}`));

try {
  const Rusk = await import("/dist/index.js");
  const worker = await Rusk.loadRusk({ worker: true });
  const name = new URLSearchParams(location.search).get("case");
  const bytes = new Uint8Array(await (await fetch(`/corpus/cases/${name}.rbc`)).arrayBuffer());
  const log = [];
  const vm = await worker.createVm(bytes, { hostModule: "/web/worker-hosts-ctx.js", onMessage: (m) => log.push(m) });
  const value = await vm.run({ effects: { "TestFfi.add": async (a, b) => a + b } });
  worker.terminate();
  await new Promise((r) => setTimeout(r, 50));
  window.cspDone = { ok: true, value: String(value), log, violations };
} catch (e) {
  window.cspDone = { ok: false, value: `error: ${e?.stack ?? e}`, log: [], violations };
}
