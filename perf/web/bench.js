// The benchmark page: boots one engine adapter (engines/<name>.js), records cold-start milestones
// (ms since navigation start) and exposes window.harness = { load(spec), run() } to the harness.
const engine = new URL(location.href).searchParams.get("engine") ?? "";
const scriptStart = performance.now();
try {
  if (!/^[a-z-]+$/.test(engine)) throw new TypeError(`?engine=: expected an engine name, got "${engine}"`);
  const adapter = await import(`./engines/${engine}.js`);
  await adapter.boot();
  const booted = performance.now();
  const first = await adapter.trivial();
  const firstResult = performance.now();
  window.cold = { scriptStart, booted, firstResult, first };
  window.harness = {
    engine,
    /** spec: { name, rbcUrl, portUrl, n, argv, hosts, hostImport, effect } */
    load: (spec) => adapter.load(spec),
    /** One run: { ms, result } with result as text, made after the clock stopped. */
    run: () => adapter.run(),
  };
  window.benchReady = "ok";
} catch (e) {
  window.benchReady = `error: ${e?.stack ?? e}`;
}
