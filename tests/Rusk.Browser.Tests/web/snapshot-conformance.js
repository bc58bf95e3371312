// The corpus through vm.snapshot() / rusk.restoreVm() / rusk.replayVm() in the page: every case runs
// moving into a freshly restored VM at the yields of its first steps (fuel 1, 7, 61, 397) and at
// every request, and must match its manifest record; snapshot → restore → snapshot must give the
// same bytes; a journal must replay with no host to the original's final state. The digests of
// every snapshot (their last 32 bytes) go back to .NET, which takes the same snapshots and compares.
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

/** One run with transplants; returns the log, the snapshot digests and problems found on the way. */
function transplantRun(rusk, module, c) {
  const log = { stdout: "", hostLog: [], requests: [] };
  const options = { argv: c.argv ?? undefined, metrics: true, stdout: (t) => { log.stdout += t; } };
  const hosts = { slot: undefined, stack: [], cell: 0n };
  const problems = [];
  const digests = [];
  let kept;
  let vm = rusk.createVm(module, options);
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
        const restored = rusk.restoreVm(module, bytes, options);
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

/** A journaled run, replayed with no host: the replayed VM's snapshot must equal the original's. */
function journalRun(rusk, module, c, problems) {
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
    const replayed = rusk.replayVm(module, vm.journal());
    try {
      if (!sameBytes(replayed.snapshot(), vm.snapshot())) problems.push("journal: the replayed VM's snapshot differs from the original's");
    } finally {
      replayed.dispose();
    }
  } finally {
    vm.dispose();
  }
}

/** Runs one case; returns {name, ok, mismatches[], digests[], kept (base64 snapshot)}. */
export function runSnapshotCase(rusk, c, rbc) {
  const mismatches = [];
  const show = (v) => JSON.stringify(canonical(v), (_, x) => (typeof x === "bigint" ? x.toString() : x));
  let module;
  let digests = [];
  let kept = null;
  try {
    module = rusk.loadModule(rbc);
    const t = transplantRun(rusk, module, c);
    compareFullRun(c, t.log, show, mismatches);
    mismatches.push(...t.problems);
    digests = t.digests;
    kept = t.kept === undefined ? null : base64(t.kept.bytes);
    journalRun(rusk, module, c, mismatches);
  } catch (e) {
    mismatches.push(`threw: ${e?.stack ?? e}`);
  } finally {
    module?.dispose();
  }
  return { name: c.name, ok: mismatches.length === 0, mismatches, digests, kept };
}

/** Every case of the corpus at `corpusUrl` (manifest.json + .rbc files); `only`: optional names. */
export async function runSnapshotCorpus(rusk, corpusUrl, only) {
  const base = corpusUrl.endsWith("/") ? corpusUrl : `${corpusUrl}/`;
  const manifest = await (await fetch(`${base}manifest.json`)).json();
  const wanted = only ? new Set(only) : null;
  const results = [];
  for (const c of manifest.cases.filter((x) => wanted === null || wanted.has(x.name))) {
    const r = await fetch(`${base}${c.rbc}`);
    results.push(r.ok
      ? runSnapshotCase(rusk, c, new Uint8Array(await r.arrayBuffer()))
      : { name: c.name, ok: false, mismatches: [`fetch: HTTP ${r.status}`], digests: [], kept: null });
  }
  return results;
}
