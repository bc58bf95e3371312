// The corpus through vm.snapshot() / rusk.restoreVm() / rusk.replayVm() in the page: every case runs
// moving into a freshly restored VM at the yields of its first steps (fuel 1, 7, 61, 397) and at
// every request, and must match its manifest record; snapshot → restore → snapshot must give the
// same bytes; a journal must replay with no host to the original's final state. The digests of
// every snapshot (their last 32 bytes) go back to .NET, which takes the same snapshots and compares.
// Given a second engine (`other`, another booted API), each transplant moves the VM to the engine
// it is not on (mono → aot → mono …) and the journal replays on the other engine: snapshots must be
// byte-identical across engines.
import { answer, answerRequest, canonical, compareFullRun, DROP, eventScript, installHosts, toManifest } from "./conformance.js";

const PLAN = [1, 7, 61, 397];

const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
const digest = (snapshot) => hex(snapshot.subarray(snapshot.length - 32));
const sameBytes = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

function base64(bytes) {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function describe(r, vm) {
  if (r.tag !== "request") return r.tag;
  return `request ${r.effectId} ${JSON.stringify(r.args.map((a) => canonical(toManifest(a, vm))), (_, x) => (typeof x === "bigint" ? x.toString() : x))} k${r.k.index}@${r.k.generation}`;
}

/**
 * One run with transplants; returns the log, the snapshot digests and problems found on the way.
 * `engines`: [{rusk, module}] — one, or two to alternate between at every transplant.
 */
function transplantRun(engines, c) {
  const log = { stdout: "", hostLog: [], requests: [] };
  const options = { argv: c.argv ?? undefined, metrics: true, stdout: (t) => { log.stdout += t; } };
  const hosts = { slot: undefined, stack: [], cell: 0n };
  const problems = [];
  const digests = [];
  let kept;
  let on = 0;
  let vm = engines[on].rusk.createVm(engines[on].module, options);
  try {
    installHosts(vm, log, hosts);
    const effects = vm.listExternalEffects();
    const state = { events: eventScript(c) };
    let steps = 0;
    for (;;) {
      if (++steps > 5_000_000) throw new Error("runaway: more than 5M steps");
      let r = vm.step(steps <= PLAN.length ? PLAN[steps - 1] : undefined);
      if (r.tag === "yield" || r.tag === "request") {
        const bytes = vm.snapshot();
        digests.push(digest(bytes));
        if (kept === undefined || (r.tag === "request" && kept.tag !== "request")) kept = { tag: r.tag, bytes };
        on = (on + 1) % engines.length;
        const restored = engines[on].rusk.restoreVm(engines[on].module, bytes, options);
        if (!sameBytes(restored.snapshot(), bytes)) problems.push(`transplant ${digests.length - 1}: snapshot → restore → snapshot differs`);
        // The hosts' stored continuations become the restored VM's handles (same numbers).
        const move = (k) => (k !== undefined && typeof k.index === "number" ? restored._continuation(k.index, k.generation) : k);
        hosts.slot = move(hosts.slot);
        hosts.stack.splice(0, hosts.stack.length, ...hosts.stack.map(move));
        installHosts(restored, log, hosts);
        if (r.tag === "request") {
          const again = restored.step();
          if (describe(again, restored) !== describe(r, vm)) problems.push(`transplant ${digests.length - 1}: restored step is ${describe(again, restored)}, expected ${describe(r, vm)}`);
          r = again;
        }
        vm.dispose();
        vm = restored;
      }
      if (r.tag === "yield") continue;
      if (r.tag === "request") {
        answerRequest(c, vm, effects, r, state, log);
        continue;
      }
      log.result = r.tag === "done" ? { tag: "done", value: toManifest(r.value, vm) } : { tag: "trap", message: r.message };
      break;
    }
    log.instructions = vm.takeMetrics().executedInstructions;
    return { log, digests, problems, kept };
  } finally {
    vm.dispose();
  }
}

/** A journaled run, replayed with no host (on the last engine given): the replayed VM's snapshot must equal the original's. */
function journalRun(engines, c, problems) {
  const { rusk, module } = engines[0];
  const vm = rusk.createVm(module, { argv: c.argv ?? undefined, journal: true, stdout: () => {} });
  try {
    installHosts(vm, { hostLog: [] });
    const effects = vm.listExternalEffects();
    const state = { events: eventScript(c) };
    for (;;) {
      const r = vm.step();
      if (r.tag !== "request") break;
      const e = effects[r.effectId];
      const value = answer(c, `${e.interface}.${e.method}`, r.args, state);
      if (value === DROP) vm.dropContinuation(r.k); else vm.resume(r.k, value);
    }
    const replay = engines[engines.length - 1];
    const replayed = replay.rusk.replayVm(replay.module, vm.journal());
    try {
      if (!sameBytes(replayed.snapshot(), vm.snapshot())) problems.push("journal: the replayed VM's snapshot differs from the original's");
    } finally {
      replayed.dispose();
    }
  } finally {
    vm.dispose();
  }
}

/** Runs one case (on `rusk`, and `other` when given); returns {name, ok, mismatches[], digests[], kept (base64 snapshot)}. */
export function runSnapshotCase(rusk, c, rbc, other) {
  const mismatches = [];
  const show = (v) => JSON.stringify(canonical(v), (_, x) => (typeof x === "bigint" ? x.toString() : x));
  const engines = [];
  let digests = [];
  let kept = null;
  try {
    for (const r of other === undefined ? [rusk] : [rusk, other]) engines.push({ rusk: r, module: r.loadModule(rbc) });
    const t = transplantRun(engines, c);
    compareFullRun(c, t.log, show, mismatches);
    mismatches.push(...t.problems);
    digests = t.digests;
    kept = t.kept === undefined ? null : base64(t.kept.bytes);
    journalRun(engines, c, mismatches);
  } catch (e) {
    mismatches.push(`threw: ${e?.stack ?? e}`);
  } finally {
    for (const e of engines) e.module.dispose();
  }
  return { name: c.name, ok: mismatches.length === 0, mismatches, digests, kept };
}

/** Every case of the corpus at `corpusUrl` (manifest.json + .rbc files); `only`: optional names; `other`: a second engine. */
export async function runSnapshotCorpus(rusk, corpusUrl, only, other) {
  const base = corpusUrl.endsWith("/") ? corpusUrl : `${corpusUrl}/`;
  const manifest = await (await fetch(`${base}manifest.json`)).json();
  const wanted = only ? new Set(only) : null;
  const results = [];
  for (const c of manifest.cases.filter((x) => wanted === null || wanted.has(x.name))) {
    const r = await fetch(`${base}${c.rbc}`);
    results.push(r.ok
      ? runSnapshotCase(rusk, c, new Uint8Array(await r.arrayBuffer()), other)
      : { name: c.name, ok: false, mismatches: [`fetch: HTTP ${r.status}`], digests: [], kept: null });
  }
  return results;
}
