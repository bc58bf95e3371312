// The conformance corpus through RuskWorker (the VM in a module Worker): every case runs twice in
// the worker, as conformance.js runs it on the main thread — once with run() and async effect
// handlers (result, stdout, host log, requests, instruction count), once with the async step API
// at fuel 1000 (result, steps, last yield) — and is compared with its manifest record.
import { RuskTrapError } from "/dist/index.js";
import { toManifest, canonical, DROP, answer, eventScript, compareFullRun, compareFuelRun } from "./conformance.js";

/** The corpus hosts, loaded inside the worker (host imports must be synchronous there). */
export const HOSTS = new URL("./worker-hosts.js", import.meta.url).href;

/** Thrown by a handler whose scripted answer is "drop": run() cancels the request. */
class Dropped extends Error {}

const effectName = (vm, id) => {
  const e = vm.listExternalEffects()[id];
  return `${e.interface}.${e.method}`;
};

async function runPass(worker, module, c) {
  const log = { stdout: "", hostLog: [], requests: [] };
  const vm = await worker.createVm(module, {
    argv: c.argv ?? undefined, metrics: true, hostModule: HOSTS,
    stdout: (t) => { log.stdout += t; }, onMessage: (line) => log.hostLog.push(line),
  });
  try {
    const state = { events: eventScript(c) };
    const effects = {};
    for (const e of vm.listExternalEffects()) {
      const name = `${e.interface}.${e.method}`;
      effects[name] = async (...args) => {
        const value = answer(c, name, args, state);
        const rec = { effect: name, args: args.map((a) => toManifest(a, vm)) };
        rec.resume = value === DROP ? "drop" : toManifest(value, vm);
        log.requests.push(rec);
        if (value === DROP) throw new Dropped();
        return value;
      };
    }
    try {
      log.result = { tag: "done", value: toManifest(await vm.run({ effects }), vm) };
    } catch (e) {
      if (e instanceof RuskTrapError) log.result = { tag: "trap", message: e.message };
      else if (e instanceof Dropped) {
        // The cancelled request left the VM trapped; stepping reports that trap.
        const r = await vm.step();
        log.result = r.tag === "trap" ? { tag: "trap", message: r.message } : { tag: `after drop: ${r.tag}` };
      } else throw e;
    }
    log.instructions = (await vm.takeMetrics()).executedInstructions;
    return log;
  } finally {
    await vm.dispose();
  }
}

async function stepPass(worker, module, c) {
  const vm = await worker.createVm(module, { argv: c.argv ?? undefined, hostModule: HOSTS, stdout: () => {} });
  try {
    const state = { events: eventScript(c) };
    let steps = 0;
    let lastYield = null;
    for (;;) {
      if (++steps > 100_000) throw new Error("runaway: more than 100k steps");
      const r = await vm.step(1000);
      if (r.tag === "yield") {
        lastYield = r.remainingFuel;
        continue;
      }
      if (r.tag === "request") {
        const value = answer(c, effectName(vm, r.effectId), r.args, state);
        if (value === DROP) await vm.dropContinuation(r.k);
        else await vm.resume(r.k, value);
        continue;
      }
      const result = r.tag === "done" ? { tag: "done", value: toManifest(r.value, vm) } : { tag: "trap", message: r.message };
      return { result, steps, lastYield };
    }
  } finally {
    await vm.dispose();
  }
}

/** One case through `worker`; {name, ok, mismatches[]}. */
export async function runCaseInWorker(worker, c, rbc) {
  const mismatches = [];
  const show = (v) => JSON.stringify(canonical(v), (_, x) => (typeof x === "bigint" ? x.toString() : x));
  let module;
  try {
    module = await worker.loadModule(rbc);
    const a = await runPass(worker, module, c);
    compareFullRun(c, a, show, mismatches);
    const b = await stepPass(worker, module, c);
    compareFuelRun(c, b, show, mismatches);
  } catch (e) {
    mismatches.push(`threw: ${e?.stack ?? e}`);
  } finally {
    module?.dispose();
  }
  return { name: c.name, ok: mismatches.length === 0, mismatches };
}

/** Every case of the corpus at `corpusUrl` (or the ones named in `only`) through `worker`. */
export async function runCorpusInWorker(worker, corpusUrl, only) {
  const base = corpusUrl.endsWith("/") ? corpusUrl : `${corpusUrl}/`;
  const manifest = await (await fetch(`${base}manifest.json`)).json();
  const wanted = only ? new Set(only) : null;
  const results = [];
  for (const c of manifest.cases) {
    if (wanted !== null && !wanted.has(c.name)) continue;
    const rbc = new Uint8Array(await (await fetch(`${base}${c.rbc}`)).arrayBuffer());
    results.push(await runCaseInWorker(worker, c, rbc));
  }
  return results;
}
