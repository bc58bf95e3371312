// Boots /dist/ under the page's strict CSP, runs the corpus case named by ?case= to the end and
// records the result plus every CSP violation the page reported (window.cspDone).
const violations = [];
document.addEventListener("securitypolicyviolation", (e) =>
  violations.push(`${e.violatedDirective} blocked ${e.blockedURI || "(inline)"} in ${e.sourceFile}:${e.lineNumber}`));

try {
  const Rusk = await import("/dist/index.js");
  const rusk = await Rusk.loadRusk();
  const name = new URLSearchParams(location.search).get("case");
  const bytes = new Uint8Array(await (await fetch(`/corpus/cases/${name}.rbc`)).arrayBuffer());
  const vm = rusk.createVm(bytes);
  const value = await Rusk.runVm(vm);
  const done = vm.isDone();
  vm.dispose();
  // Let any late violation report (they are dispatched as tasks) arrive before reporting.
  await new Promise((r) => setTimeout(r, 50));
  window.cspDone = { ok: true, done, value: typeof value === "bigint" ? String(value) : `${typeof value}: ${value}`, violations };
} catch (e) {
  window.cspDone = { ok: false, done: false, value: `error: ${e?.stack ?? e}`, violations };
}
