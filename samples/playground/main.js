// The playground page: boots the runtime from dist/, loads a .rbc (file picker, drop, built-in
// list, ?url=), and wires the panels to a Session. window.ruskReady says when it booted.
import { loadRusk } from "../../dist/index.js";
import { Session } from "./session.js";
import { loadSavedVm, saveVm } from "./saved.js";
import { describeSignature, describeType, formatValue, inputHint, typeOfValue } from "./values.js";

const $ = (id) => document.getElementById(id);
const el = (tag, props = {}, ...children) => {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children);
  return e;
};

// Long-printing programs would make the page slow; keep the tail of each panel.
const PANEL_LIMIT = 200_000;

let rusk;
let session = null;
let manifest = null; // the conformance corpus' manifest, when the server has /corpus/
let stdoutText = "";
let hostLogText = "";
let shownRequest = null;
let shownResult; // undefined = nothing shown yet (null is "no outcome")

// ---- output panels ----------------------------------------------------------------------------

function clip(text) {
  return text.length > PANEL_LIMIT ? `…(earlier output cut)\n${text.slice(-PANEL_LIMIT)}` : text;
}

const hooks = {
  stdout(text) { stdoutText = clip(stdoutText + text); },
  hostLog(line) { hostLogText = clip(`${hostLogText}${line}\n`); },
  cleared() {
    stdoutText = "";
    hostLogText = "";
  },
  changed() { render(); },
};

// ---- loading ----------------------------------------------------------------------------------

function showLoadError(message) {
  $("load-error").hidden = message === null;
  $("load-error").textContent = message ?? "";
}

function parseArgv(text) {
  const s = text.trim();
  if (s === "") return undefined;
  if (s.startsWith("[")) {
    const a = JSON.parse(s);
    if (!Array.isArray(a) || !a.every((x) => typeof x === "string")) throw new Error("argv: expected a JSON array of strings");
    return a;
  }
  // Plain words: argv[0] is the program name, empty as the corpus passes it.
  return ["", ...s.split(/\s+/)];
}

function options() {
  return { argv: parseArgv($("argv").value), metrics: $("metrics").checked };
}

async function loadBytes(bytes, name) {
  showLoadError(null);
  let next;
  try {
    next = new Session(rusk, bytes, name, options(), hooks);
  } catch (e) {
    showLoadError(`Could not load ${name}: ${e.message}`);
    return;
  }
  session?.dispose();
  session = next;
  shownRequest = null;
  shownResult = undefined;
  buildModulePanel();
  render();
}

async function loadUrl(url) {
  showLoadError(null);
  try {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    await loadBytes(new Uint8Array(await res.arrayBuffer()), decodeURIComponent(url.split("/").pop()));
  } catch (e) {
    showLoadError(`Could not fetch ${url}: ${e.message}`);
  }
}

async function loadFile(file) {
  await loadBytes(new Uint8Array(await file.arrayBuffer()), file.name);
}

// ---- module panel (built once per program) ----------------------------------------------------

function buildModulePanel() {
  const s = session;
  $("module-info").textContent = `${s.name} — ${s.size.toLocaleString("en")} bytes, ${s.imports.length} host import(s), ` +
    `${s.effects.length} external effect(s), ${s.typeNames.length} type(s)`;

  const imports = $("imports");
  imports.replaceChildren();
  if (s.hosts.length === 0) imports.append(el("p", { className: "none", textContent: "none" }));
  for (const h of s.hosts) {
    const { id, name, params, ret } = h.info;
    const mode = el("select", { "aria-label": `implementation of ${name}` },
      el("option", { value: "js", textContent: "JS" }),
      el("option", { value: "off", textContent: "not provided" }));
    mode.value = h.provided ? "js" : "off";
    const source = el("textarea", { value: h.source, spellcheck: false, rows: Math.min(4, h.source.split("\n").length) });
    const error = el("div", { className: "host-error" });
    const row = el("div", { className: "import" },
      el("div", { className: "sig" }, el("code", { textContent: describeSignature(name, params, ret) }), mode),
      source, error);
    row.dataset.name = name;
    const apply = () => s.setHost(id, source.value, mode.value === "js");
    source.addEventListener("input", apply);
    mode.addEventListener("change", apply);
    imports.append(row);
  }

  const effects = $("effects");
  effects.replaceChildren();
  if (s.effects.length === 0) effects.append(el("li", { className: "none", textContent: "none" }));
  for (const e of s.effects) {
    const li = el("li", {}, el("code", { textContent: describeSignature(`${e.interface}.${e.method}`, e.params, e.ret) }));
    li.dataset.name = `${e.interface}.${e.method}`;
    effects.append(li);
  }

  $("type-count").textContent = String(s.typeNames.length);
  $("types").replaceChildren(...s.typeNames.map((t) => el("li", { textContent: t })));

  const ref = manifest?.get(s.name.replace(/\.rbc$/, ""));
  $("reference").hidden = ref === undefined;
  if (ref !== undefined) $("reference").textContent = describeReference(ref);
}

/** A manifest value (README "Value encoding") in the page's own notation. */
function referenceValue(x) {
  if (x === "drop") return "drop";
  const list = (items) => items.map(referenceValue).join(", ");
  switch (x.type) {
    case "unit": return "()";
    case "string": return JSON.stringify(x.value);
    case "bytes": return `b"${x.hex}"`;
    case "byte": return `${x.value}u8`;
    case "char": return `'${x.value}'`;
    case "float": return x.approx === null ? `bits ${x.value}` : String(x.approx);
    case "continuation": return "continuation";
    case "array": return `[${list(x.items)}]`;
    case "tuple": return `(${list(x.items)})`;
    case "struct": return `${x.name} { ${Object.entries(x.fields).map(([k, f]) => `${k}: ${referenceValue(f)}`).join(", ")} }`;
    case "enum": return x.fields.length ? `${x.variant}(${list(x.fields)})` : x.variant;
    default: return String(x.value);
  }
}

/** The corpus' recorded outcome of this case, for comparison (the reference VM produced it). */
function describeReference(c) {
  const v = referenceValue;
  const outcome = c.result.tag === "done" ? `done ${c.result.value.type} ${v(c.result.value)}` : `trap "${c.result.message}"`;
  const requests = c.requests.map((r) => `${r.effect}(${r.args.map(v).join(", ")}) → ${v(r.resume)}`);
  return `Reference (conformance manifest): ${outcome}; ${c.instructions} instructions; ` +
    `${c.steps_at_fuel_1000} steps at fuel 1000` + (requests.length ? `; requests: ${requests.join(", ")}` : "") +
    (c.argv ? `; argv ${JSON.stringify(c.argv)}` : "");
}

// ---- rendering --------------------------------------------------------------------------------

function statusText(s) {
  switch (s.status) {
    case "ready": return "Ready: Run or Step.";
    case "running": return "Running…";
    case "paused": return s.running ? `Running… ${s.steps} steps` : `Paused after ${s.steps} step(s): fuel used up; Run or Step to go on.`;
    case "stopped": return `Stopped after ${s.steps} step(s); Run or Step to go on, Reset to start over.`;
    case "request": return `Waiting: the program performed ${s.pending.effect.interface}.${s.pending.effect.method}; answer it below.`;
    case "done": return "Done.";
    case "trap": return "Trapped.";
    default: return `Error: ${s.error}`;
  }
}

function ms(x) {
  return `${x < 10 ? x.toFixed(2) : x.toFixed(0)} ms`;
}

function render() {
  const s = session;
  const has = s !== null;
  const busy = has && s.running;
  const canStep = has && !busy && !s.finished && s.status !== "request";
  $("run").disabled = !canStep;
  $("step").disabled = !canStep;
  $("stop").disabled = !busy;
  $("reset").disabled = !has || busy;
  $("save").disabled = !has || busy || s.vm === null;
  $("argv").disabled = busy;
  $("metrics").disabled = busy;
  if (!has) return;

  const status = busy && s.status === "paused" ? "running" : s.status;
  $("status").dataset.status = status;
  $("status").textContent = statusText(s);

  for (const row of $("imports").children) {
    const h = s.hosts.find((x) => x.info.name === row.dataset.name);
    if (h === undefined) continue;
    row.classList.toggle("off", !h.provided);
    row.querySelector(".host-error").textContent = h.error ?? "";
  }

  renderRequest(s);
  renderOutcome(s);

  $("stdout").textContent = stdoutText;
  $("hostlog").textContent = hostLogText;

  const m = s.options.metrics;
  $("m-instructions").textContent = m ? s.instructions.toLocaleString("en") : "— (metrics off)";
  $("m-steps").textContent = s.steps.toLocaleString("en");
  $("m-host-calls").textContent = m ? String(s.hostCalls) : "—";
  $("m-effect-requests").textContent = m ? String(s.effectRequests) : "—";
  $("m-vm-ms").textContent = ms(s.vmMs);
  $("m-wall-ms").textContent = ms(s.wallMs);
}

function renderRequest(s) {
  const p = s.pending;
  $("effect").hidden = p === null;
  if (p === null || p === shownRequest) return;
  shownRequest = p;
  $("effect-name").textContent = `${p.effect.interface}.${p.effect.method}`;
  $("effect-args").textContent = p.args.map(formatValue).join(", ");
  $("effect-ret").textContent = describeType(p.effect.ret);
  const input = $("effect-value");
  input.value = "";
  input.placeholder = inputHint(p.effect.ret);
  $("effect-error").hidden = true;
  input.focus();
}

function renderOutcome(s) {
  // Trap stacks and composite results are read once per outcome, not on every repaint.
  const key = s.status === "error" ? `error: ${s.error}` : s.result;
  if (key === shownResult) return;
  shownResult = key;
  const result = $("result");
  const trap = $("trap");
  trap.hidden = true;
  result.className = "";
  if (s.status === "error") {
    result.textContent = `Error: ${s.error}`;
    result.className = "error";
  } else if (s.result === null) {
    result.textContent = "—";
    result.className = "none";
  } else if (s.result.tag === "done") {
    result.textContent = `main returned ${formatValue(s.result.value)} : ${typeOfValue(s.result.value)}`;
  } else {
    result.textContent = "The program trapped.";
    trap.hidden = false;
    $("trap-message").textContent = s.result.message;
    const rows = s.result.stack.map((f, i) =>
      el("tr", {}, el("td", { textContent: String(i) }), el("td", { textContent: f.function }), el("td", { textContent: String(f.pc) })));
    if (rows.length === 0) rows.push(el("tr", {}, el("td", { colSpan: 3, className: "none", textContent: "(no frames)" })));
    $("trap-stack").tBodies[0].replaceChildren(...rows);
  }
}

// ---- controls ---------------------------------------------------------------------------------

function showSaved(text) {
  $("saved-info").hidden = false;
  $("saved-info").textContent = text;
}

function fuel() {
  const n = Number($("fuel").value);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error("fuel: a whole number ≥ 1");
  return n;
}

function guarded(action) {
  return async (e) => {
    e?.preventDefault?.();
    try {
      showLoadError(null);
      await action(e);
    } catch (err) {
      showLoadError(err.message);
    }
  };
}

function wireControls() {
  $("run").addEventListener("click", guarded(() => session.run(fuel())));
  $("step").addEventListener("click", guarded(() => session.stepOnce(fuel())));
  $("stop").addEventListener("click", () => session?.stop());
  $("reset").addEventListener("click", guarded(() => {
    session.options = options();
    shownRequest = null;
    session.reset();
  }));
  $("save").addEventListener("click", guarded(async () => {
    const snapshot = session.snapshot();
    await saveVm({ name: session.name, rbc: session.bytes, snapshot, options: session.options, stdout: stdoutText, hostLog: hostLogText });
    showSaved(`Saved ${session.name} (${session.status}): a ${snapshot.length.toLocaleString("en")}-byte snapshot in this browser; Restore brings it back, after a reload too.`);
  }));
  $("restore").addEventListener("click", guarded(async () => {
    const saved = await loadSavedVm();
    if (saved === undefined) throw new Error("Nothing saved yet: Save a program first.");
    if (session?.running) session.stop();
    $("argv").value = saved.options.argv === undefined ? "" : JSON.stringify(saved.options.argv);
    $("metrics").checked = saved.options.metrics;
    await loadBytes(saved.rbc, saved.name);
    if (session === null || session.name !== saved.name) return;
    shownRequest = null;
    shownResult = undefined;
    session.restore(saved.snapshot);
    stdoutText = saved.stdout;
    hostLogText = saved.hostLog;
    render();
    showSaved(`Restored ${saved.name} from its ${saved.snapshot.length.toLocaleString("en")}-byte snapshot.`);
  }));
  for (const id of ["argv", "metrics"]) {
    // VM creation options: a change restarts the program with them.
    $(id).addEventListener("change", guarded(() => {
      if (session === null || session.running) return;
      session.options = options();
      session.reset();
    }));
  }

  const answer = (act) => guarded(async () => {
    let again;
    try {
      again = act();
    } catch (err) {
      $("effect-error").hidden = false;
      $("effect-error").textContent = err.message;
      return;
    }
    if (again) await session.run(fuel());
  });
  $("effect-form").addEventListener("submit", answer(() => session.resume($("effect-value").value)));
  $("drop").addEventListener("click", answer(() => session.drop()));

  // Both controls are cleared after use so that picking the same entry again reloads it.
  $("file").addEventListener("change", guarded(async () => {
    const f = $("file").files[0];
    $("file").value = "";
    if (f) await loadFile(f);
  }));
  $("samples").addEventListener("change", guarded(async () => {
    const url = $("samples").value;
    $("samples").value = "";
    if (url) await loadUrl(url);
  }));
  $("url-form").addEventListener("submit", guarded(async () => {
    const url = $("url").value.trim();
    if (url) await loadUrl(url);
  }));

  document.addEventListener("dragover", (e) => {
    e.preventDefault();
    document.body.classList.add("dragging");
  });
  document.addEventListener("dragleave", (e) => {
    if (e.relatedTarget === null) document.body.classList.remove("dragging");
  });
  document.addEventListener("drop", guarded(async (e) => {
    document.body.classList.remove("dragging");
    const f = e.dataTransfer?.files?.[0];
    if (f) await loadFile(f);
  }));
}

/** Adds the corpus' cases to the sample list when the server has /corpus/ (tests, `make playground`). */
async function loadCorpusList() {
  try {
    const res = await fetch("../../corpus/manifest.json");
    if (!res.ok) return;
    const cases = (await res.json()).cases;
    manifest = new Map(cases.map((c) => [c.name, c]));
    const group = el("optgroup", { label: `conformance corpus (${cases.length})` });
    for (const c of cases) group.append(el("option", { value: `../../corpus/${c.rbc}`, textContent: c.name }));
    $("samples").append(group);
  } catch {
    // No corpus on this server: the list keeps the samples only.
  }
}

try {
  wireControls();
  rusk = await loadRusk();
  $("m-boot-ms").textContent = ms(rusk.bootMs);
  await loadCorpusList();
  const url = new URLSearchParams(location.search).get("url");
  if (url) await loadUrl(url);
  render();
  window.ruskReady = "ok";
} catch (e) {
  showLoadError(`The runtime did not start: ${e?.message ?? e}`);
  window.ruskReady = String(e?.message ?? e);
}
