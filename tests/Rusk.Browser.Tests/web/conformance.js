// The conformance corpus in Chromium: the host environment of ../shared/conformance/README.md
// written against the public glue API, and a runner that compares every case with its manifest
// record (result, stdout, host log, requests, instruction count, steps at fuel 1000).
import { abi, HostError } from "/dist/index.js";

const { byte, char, enumValue, struct, tuple, array } = abi;

/** A host error whose message becomes the trap text as is, like the reference's HostError. */
const fail = (message) => new HostError(message);

const wrap = (v) => BigInt.asIntN(64, v);

function optionLikeName(vm, short) {
  const names = vm.typeNames;
  for (const n of [`core::${short.toLowerCase()}::${short}`, short]) if (names.includes(n)) return n;
  const found = names.find((n) => n.endsWith(`::${short}`));
  if (found === undefined) throw fail(`no ${short} type in module`);
  return found;
}

function argsOf(v) {
  return v.abiType.args;
}

/**
 * Installs every README host whose name the module declares (registerHostImport returns false
 * otherwise). `hosts` holds the hosts' state (a stored continuation, a stack of them, a cell), so
 * the snapshot tests can hand a run's hosts on to the VM restored in its place.
 */
export function installHosts(vm, log, hosts = { slot: undefined, stack: [], cell: 0n }) {
  const reg = (name, fn) => vm.registerHostImport(name, fn);
  // tests/common: install_test_host_fns_vm
  reg("test::add_int", (a, b) => wrap(a + b));
  reg("test::concat_string", (a, b) => a + b);
  reg("test::bool_not", (v) => !v);
  reg("test::float_mul", (a, b) => a * b);
  reg("test::float_eq", (a, b) => a === b);
  reg("test::unit", () => undefined);
  reg("test::bytes_echo", (b) => b);
  reg("test::bytes_eq", (a, b) => a.length === b.length && a.every((x, i) => x === b[i]));
  reg("test::store_cont", (k) => { hosts.slot = k; });
  reg("test::take_cont", () => {
    if (hosts.slot === undefined) throw fail("test::take_cont: missing stored continuation");
    return hosts.slot;
  });
  // install_core_host_fns_vm
  const bytesEq = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
  reg("core::intrinsics::string_concat", (a, b) => a + b);
  reg("core::intrinsics::string_eq", (a, b) => a === b);
  reg("core::intrinsics::string_ne", (a, b) => a !== b);
  reg("core::intrinsics::bytes_eq", (a, b) => bytesEq(a, b));
  reg("core::intrinsics::bytes_ne", (a, b) => !bytesEq(a, b));
  reg("core::intrinsics::unit_eq", () => true);
  reg("core::intrinsics::unit_ne", () => false);
  reg("core::intrinsics::float_lt", (a, b) => a < b);
  reg("core::intrinsics::float_ge", (a, b) => a >= b);
  // install_complex_abi_host_fns_vm
  const int = (v, what) => {
    if (typeof v !== "bigint") throw fail(`${what}: expected int`);
    return v;
  };
  reg("abi::sum_point", (p) => wrap(int(p.field("x"), "x") + int(p.field("y"), "y")));
  reg("abi::make_point", (x, y) => struct("Point", { x, y }));
  reg("abi::sum_pair", (t) => wrap(t.get(0) + t.get(1)));
  reg("abi::make_pair", (a, b) => tuple([a, b]));
  reg("abi::sum_ints", (xs) => {
    let s = 0n;
    for (let i = 0; i < xs.length; i++) s = wrap(s + xs.get(i));
    return s;
  });
  reg("abi::make_ints", () => array([1n, 2n, 3n], "int"));
  reg("abi::sum_points", (ps) => {
    let s = 0n;
    for (let i = 0; i < ps.length; i++) {
      const p = ps.get(i);
      s = wrap(s + p.field("x") + p.field("y"));
      p.dispose();
    }
    return s;
  });
  reg("abi::make_rect", (w, h) => enumValue("Shape", "Rect", [w, h]));
  reg("abi::shape_sum", (s) => {
    if (s.variant === "Rect") return wrap(s.get(0) + s.get(1));
    if (s.variant === "Unit") return 0n;
    throw fail(`abi::shape_sum: unsupported variant ${s.variant}`);
  });
  reg("abi::make_some_bytes", () => enumValue(optionLikeName(vm, "Option"), "Some", [new TextEncoder().encode("hi")], ["bytes"]));
  reg("abi::make_none_bytes", () => enumValue(optionLikeName(vm, "Option"), "None", [], ["bytes"]));
  reg("abi::option_bytes_len", (o) => {
    const a = argsOf(o);
    if (a.length !== 1 || a[0] !== "bytes") throw fail("abi::option_bytes_len: expected Option<bytes>");
    return o.variant === "None" ? 0n : BigInt(o.get(0).length);
  });
  reg("abi::make_ok_string", () => enumValue(optionLikeName(vm, "Result"), "Ok", ["ok"], ["string", "int"]));
  reg("abi::make_err_int", () => enumValue(optionLikeName(vm, "Result"), "Err", [5n], ["string", "int"]));
  reg("abi::result_code", (r) => {
    const a = argsOf(r);
    if (a.length !== 2 || a[0] !== "string" || a[1] !== "int") throw fail("abi::result_code: expected Result<string, int>");
    if (r.variant === "Ok" && r.get(0) === "ok") return 10n;
    if (r.variant === "Err" && r.get(0) === 5n) return 20n;
    throw fail("abi::result_code: unexpected value");
  });
  reg("abi::bad_result", () => enumValue(optionLikeName(vm, "Result"), "Ok", [1n], ["int", "string"]));
  reg("abi::xor_byte", (a, b) => byte(a.value ^ b.value));
  reg("abi::next_char", (c) => {
    const next = c.value.codePointAt(0) + 1;
    if (next > 0x10ffff || (next >= 0xd800 && next <= 0xdfff)) throw fail("abi::next_char: overflow");
    return char(String.fromCodePoint(next));
  });
  // extra hosts: one LIFO stack of pinned continuations per VM
  const stack = hosts.stack;
  const push = (k) => { stack.push(k); };
  const top = (name) => () => {
    if (stack.length === 0) throw fail(`${name}: empty`);
    return stack[stack.length - 1];
  };
  reg("host::store_cont", push);
  reg("host::store", push);
  reg("js::store_cont", push);
  reg("host::pop_cont", () => {
    if (stack.length === 0) throw fail("host::pop_cont: empty");
    return stack.pop();
  });
  reg("host::take_cont", top("host::take_cont"));
  reg("host::peek", top("host::peek"));
  reg("host::set", (v) => { hosts.cell = v; });
  reg("host::get", () => hosts.cell);
  reg("host::add", (a, b) => wrap(a + b));
  reg("js::add_int", (a, b) => wrap(a + b));
  reg("js::log", (s) => { log.hostLog.push(`js::log ${s}`); });
  reg("dom::set_text", (id, text) => { log.hostLog.push(`dom::set_text ${id} ${text}`); });
}

// ---- values as the manifest writes them --------------------------------------------------------

function floatHex(x) {
  const dv = new DataView(new ArrayBuffer(8));
  dv.setFloat64(0, x);
  return dv.getBigUint64(0).toString(16).padStart(16, "0");
}

function hex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** A value (from the VM or built with the ABI constructors) in the manifest's JSON encoding. */
export function toManifest(v, vm) {
  switch (typeof v) {
    case "undefined": return { type: "unit" };
    case "boolean": return { type: "bool", value: v };
    case "bigint": return { type: "int", value: v.toString() };
    case "number": return { type: "float", value: floatHex(v) };
    case "string": return { type: "string", value: v };
  }
  if (v === null) return { type: "unit" };
  if (v instanceof Uint8Array) return { type: "bytes", hex: hex(v) };
  if (v.tag === "byte") return { type: "byte", value: v.value };
  if (v.tag === "char") return { type: "char", value: v.value };
  if (typeof v.index === "number" && typeof v.generation === "number") return { type: "continuation" };
  if (v.kind !== undefined && typeof v.get === "function") {
    switch (v.kind) {
      case "array":
      case "tuple": {
        const items = [];
        for (let i = 0; i < v.length; i++) items.push(toManifest(v.get(i), vm));
        return { type: v.kind, items };
      }
      case "struct": {
        const fields = {};
        for (const name of Object.keys(v.toJS())) fields[name] = toManifest(v.field(name), vm);
        return { type: "struct", name: v.typeName, fields };
      }
      default:
        return { type: "enum", name: v.typeName, variant: v.variant, fields: v.fields.map((x) => toManifest(x, vm)) };
    }
  }
  // ABI constructors (what a host answered with)
  switch (v.kind) {
    case "array":
    case "tuple": return { type: v.kind, items: v.items.map((x) => toManifest(x, vm)) };
    case "struct": {
      const fields = {};
      for (const [k, x] of Object.entries(v.fields)) fields[k] = toManifest(x, vm);
      return { type: "struct", name: v.name, fields };
    }
    case "enum": return { type: "enum", name: v.name, variant: v.variant, fields: v.fields.map((x) => toManifest(x, vm)) };
  }
  return { type: "?", value: String(v) };
}

export function canonical(v) {
  if (Array.isArray(v)) return v.map(canonical);
  if (v !== null && typeof v === "object") {
    const out = {};
    for (const k of Object.keys(v).sort()) if (k !== "approx") out[k] = canonical(v[k]);
    return out;
  }
  return v;
}

export const same = (a, b) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

// ---- effects ------------------------------------------------------------------------------------

export const DROP = Symbol("drop");

export function eventScript(c) {
  const m = /Dom\.wait_event answered with (.*?) in order/.exec(c.notes ?? "");
  return m ? [...m[1].matchAll(/"([^"]*)"/g)].map((x) => x[1]) : [];
}

export function answer(c, name, args, state) {
  if (c.name === "bytecode_step_api__drop_cancels_vm") return DROP;
  switch (name) {
    case "TestFfi.add": return wrap(args[0] + args[1]);
    case "TestFfi.echo": return args[0];
    case "TestFfi.echo_bytes": return args[0];
    case "TestFfi.yield": return undefined;
    case "HostFx.swap": {
      const p = args[0];
      return struct(p.typeName, { x: p.field("y"), y: p.field("x") });
    }
    case "Dom.wait_event": return state.events.length > 0 ? state.events.shift() : DROP;
    default: return DROP;
  }
}

/** Answers request `r` as the corpus' host does and records it in `log.requests`. */
export function answerRequest(c, vm, effects, r, state, log) {
  const e = effects[r.effectId];
  const name = `${e.interface}.${e.method}`;
  const value = answer(c, name, r.args, state);
  const rec = { effect: name, args: r.args.map((a) => toManifest(a, vm)) };
  if (value === DROP) {
    rec.resume = "drop";
    vm.dropContinuation(r.k);
  } else {
    rec.resume = toManifest(value, vm);
    vm.resume(r.k, value);
  }
  log.requests.push(rec);
}

// ---- runner ---------------------------------------------------------------------------------------

/** One run with `fuel` per step (undefined = unlimited). */
function runOnce(rusk, module, c, fuel) {
  const log = { stdout: "", hostLog: [], requests: [] };
  const vm = rusk.createVm(module, { argv: c.argv ?? undefined, metrics: true, stdout: (t) => { log.stdout += t; } });
  try {
    installHosts(vm, log);
    const effects = vm.listExternalEffects();
    const state = { events: eventScript(c) };
    let steps = 0;
    let lastYield = null;
    for (;;) {
      if (++steps > 5_000_000) throw new Error("runaway: more than 5M steps");
      const r = vm.step(fuel);
      if (r.tag === "yield") {
        lastYield = r.remainingFuel;
        continue;
      }
      if (r.tag === "request") {
        answerRequest(c, vm, effects, r, state, log);
        continue;
      }
      log.result = r.tag === "done" ? { tag: "done", value: toManifest(r.value, vm) } : { tag: "trap", message: r.message };
      break;
    }
    log.instructions = vm.takeMetrics().executedInstructions;
    log.steps = steps;
    log.lastYield = lastYield;
    return log;
  } finally {
    vm.dispose();
  }
}

// The one message whose tail is Rust Debug text of the reference's internal type ids (README).
const PREFIX_ONLY = { "295_bytecode_call_host_generic_type_arg_mismatch_runtime_error": "host call `abi::bad_result` return type mismatch" };

export function sameResult(c, actual) {
  const prefix = PREFIX_ONLY[c.name];
  if (prefix && c.result.tag === "trap" && actual.tag === "trap") return actual.message.startsWith(prefix);
  return same(c.result, actual);
}

/** Runs one case; returns {name, ok, mismatches[]}. */
export function runCase(rusk, c, rbc) {
  const mismatches = [];
  const show = (v) => JSON.stringify(canonical(v), (_, x) => (typeof x === "bigint" ? x.toString() : x));
  let module;
  try {
    module = rusk.loadModule(rbc);
    const a = runOnce(rusk, module, c, undefined);
    compareFullRun(c, a, show, mismatches);
    const b = runOnce(rusk, module, c, 1000);
    compareFuelRun(c, b, show, mismatches);
  } catch (e) {
    mismatches.push(`threw: ${e?.stack ?? e}`);
  } finally {
    module?.dispose();
  }
  return { name: c.name, ok: mismatches.length === 0, mismatches };
}

/** Adds to `mismatches` what differs between case `c` and `a`, a run without a fuel limit. */
export function compareFullRun(c, a, show, mismatches) {
  if (!sameResult(c, a.result)) mismatches.push(`result: expected ${show(c.result)}, got ${show(a.result)}`);
  if (a.stdout !== c.stdout) mismatches.push(`stdout: expected ${JSON.stringify(c.stdout)}, got ${JSON.stringify(a.stdout)}`);
  if (!same(c.hostLog, a.hostLog)) mismatches.push(`hostLog: expected ${show(c.hostLog)}, got ${show(a.hostLog)}`);
  if (!same(c.requests, a.requests)) mismatches.push(`requests: expected ${show(c.requests)}, got ${show(a.requests)}`);
  if (a.instructions !== c.instructions) mismatches.push(`instructions: expected ${c.instructions}, got ${a.instructions}`);
}

/** Adds to `mismatches` what differs between case `c` and `b`, a run stepped at fuel 1000. */
export function compareFuelRun(c, b, show, mismatches) {
  if (!sameResult(c, b.result)) mismatches.push(`result at fuel 1000: expected ${show(c.result)}, got ${show(b.result)}`);
  if (b.steps !== c.steps_at_fuel_1000) mismatches.push(`steps at fuel 1000: expected ${c.steps_at_fuel_1000}, got ${b.steps}`);
  if (b.lastYield !== c.lastYieldRemainingFuel) mismatches.push(`last yield remainingFuel: expected ${c.lastYieldRemainingFuel}, got ${b.lastYield}`);
}

/**
 * Runs every case of the corpus served at `corpusUrl` (a folder with manifest.json and the .rbc
 * files). `only`: optional list of case names.
 */
export async function runCorpus(rusk, corpusUrl, only) {
  const base = corpusUrl.endsWith("/") ? corpusUrl : `${corpusUrl}/`;
  const manifest = await (await fetch(`${base}manifest.json`)).json();
  const wanted = only ? new Set(only) : null;
  const cases = manifest.cases.filter((c) => wanted === null || wanted.has(c.name));
  const results = [];
  let next = fetchBytes(base, cases[0]);
  for (let i = 0; i < cases.length; i++) {
    const bytes = await next;
    if (i + 1 < cases.length) next = fetchBytes(base, cases[i + 1]);
    results.push(bytes instanceof Error
      ? { name: cases[i].name, ok: false, mismatches: [`fetch: ${bytes.message}`] }
      : runCase(rusk, cases[i], bytes));
  }
  return results;
}

async function fetchBytes(base, c) {
  try {
    const r = await fetch(`${base}${c.rbc}`);
    if (!r.ok) return new Error(`${c.rbc}: HTTP ${r.status}`);
    return new Uint8Array(await r.arrayBuffer());
  } catch (e) {
    return e;
  }
}
