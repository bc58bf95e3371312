// The Vm class: one Rusk VM in the .NET runtime, driven step by step. Guest failures are results
// ({tag:"trap"}); misuse of the API throws (TypeError/RangeError for bad arguments, Error with the
// VM's message for bad state such as a stale continuation handle).
import { Handle, store } from "./store.js";
import { PinnedContinuation, TapeWriter, readValue, writeValue } from "./abi.js";

/**
 * Live VMs by key (the runtime's key + the native id: two engines on one page number their VMs
 * alike), for the host-call dispatchers (weak: a dropped Vm can be finalized).
 */
const liveVms = new Map();
/**
 * The key of the Vm each request handle came from. Request handles are plain {index,
 * generation} (the reference's shape) and their numbers repeat across VMs, so without this another
 * VM could take one for its own. A key, not the Vm: a kept request handle must not keep its Vm alive.
 */
const requestOwners = new WeakMap();

/**
 * The host-call dispatcher of one runtime (its "rusk"."hostCall" import): every host import call
 * of every VM of that runtime arrives here. `runtime` is {key, scratch} (scratch set once booted).
 * Returns the reply's length.
 */
export function hostDispatcher(runtime) {
  return (vmId, importId, argsLength) => {
    const vm = liveVms.get(runtime.key + vmId)?.deref();
    if (vm === undefined) return errorReply(runtime.scratch, `host call into a disposed Vm (id ${vmId})`);
    return vm._hostCall(importId, argsLength);
  };
}

function errorReply(scratch, message) {
  const w = TapeWriter.shared.reset();
  w.u8(1);
  w.str(message);
  return scratch.put(w);
}

function errorText(e) {
  if (e instanceof Error) return e.message;
  try {
    return typeof e === "string" ? e : JSON.stringify(e) ?? String(e);
  } catch {
    return String(e);
  }
}

/**
 * Thrown by a host import to fail the call with exactly this message (the VM traps with
 * "host call `name` failed: host error: <message>"); any other throw is reported as
 * "js host import `name` threw: <message>", as the reference binding does.
 */
export class HostError extends Error {
  constructor(message) {
    super(message);
    this.name = "HostError";
  }
}

const MAX_U64 = (1n << 64n) - 1n;

/** Fuel as the wasm layer takes it: a non-negative integer, or -1 for unlimited. */
function fuelArg(fuel) {
  if (fuel === undefined || fuel === null) return -1;
  if (typeof fuel === "bigint") {
    if (fuel < 0n || fuel > MAX_U64) throw new RangeError("fuel: bigint out of range");
    return Number(fuel);
  }
  if (typeof fuel !== "number") throw new TypeError("fuel: expected number or bigint");
  if (!Number.isFinite(fuel)) throw new RangeError("fuel: must be finite");
  if (fuel < 0) throw new RangeError("fuel: must be >= 0");
  if (!Number.isInteger(fuel)) throw new RangeError("fuel: must be an integer");
  if (!Number.isSafeInteger(fuel)) throw new RangeError("fuel: out of range (use bigint for large values)");
  return fuel;
}

/** A continuation handle argument: {index, generation} of u32s. */
function handleArg(k, name) {
  if (k === null || typeof k !== "object") throw new TypeError(`${name}: expected a continuation handle {index, generation}`);
  const { index, generation } = k;
  for (const [field, v] of [["index", index], ["generation", generation]]) {
    if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) {
      throw new TypeError(`${name}.${field}: expected an integer in 0..2^32-1, got ${String(v)}`);
    }
  }
  return { index, generation };
}

export class Vm extends Handle {
  #native;
  #module;
  #hostFns = [];
  #pending = null;
  #continuations = new Map();
  /** Store entries of the values and continuations this Vm gave out (released with it). */
  #children = new Map();
  #stdout;
  #line = "";

  /** @internal Use rusk.createVm(). `runtime` is {exports, scratch, key} of the engine that made VM `id`. */
  constructor(runtime, id, module, options = {}) {
    const { exports, scratch } = runtime;
    const key = runtime.key + id;
    super("Vm", () => {
      liveVms.delete(key);
      exports.DisposeVm(id);
    });
    this.#native = { exports, scratch, id, key };
    this.#module = module;
    this.#stdout = options.stdout ?? null;
    liveVms.set(key, new WeakRef(this));
    this.#installStdio();
  }

  get _native() { return this.#native; }
  get _module() { return this.#module; }
  get _children() { return this.#children; }

  /** The module's type names, indexed by type id. */
  get typeNames() { return this.#module.types; }

  #fail() {
    throw new Error(this.#native.exports.LastError());
  }

  // ---- stepping ------------------------------------------------------------------------------

  /**
   * Runs until done, trap, an external effect request, or (with `fuel`) a yield once that many
   * instructions ran. Returns {tag:"done",value} | {tag:"trap",message,stack} |
   * {tag:"request",effectId,args,k:{index,generation}} | {tag:"yield",remainingFuel}.
   */
  step(fuel) {
    this._check();
    const { exports, scratch, id } = this.#native;
    const packed = exports.Step(id, fuelArg(fuel));
    if (packed === 3) return { tag: "yield", remainingFuel: 0 };
    if (packed < 0) this.#fail();
    const kind = packed & 3;
    const r = scratch.reader(packed >>> 2);
    if (kind === 0) {
      this.#flush();
      return { tag: "done", value: readValue(r, this) };
    }
    if (kind === 1) {
      this.#flush();
      const message = r.str();
      const n = r.u32();
      const stack = new Array(n);
      for (let i = 0; i < n; i++) {
        const fn = r.str();
        stack[i] = { function: fn, pc: r.u32() };
      }
      return { tag: "trap", message, stack };
    }
    const effectId = r.u32();
    const index = r.u32();
    const generation = r.u32();
    const n = r.u32();
    const args = new Array(n);
    for (let i = 0; i < n; i++) args[i] = readValue(r, this);
    this.#pending = { effectId, index, generation };
    const k = { index, generation };
    requestOwners.set(k, this.#native.key);
    return { tag: "request", effectId, args, k };
  }

  /**
   * Answers the pending request `k` with `value`, checked against the effect's declared return
   * type (TypeError on a mismatch). Call step() to continue.
   */
  resume(k, value) {
    this._check();
    const { index, generation } = handleArg(k, "k");
    this.#checkOwner(k);
    const p = this.#pending;
    const expected = p !== null && p.index === index && p.generation === generation
      ? this.#module.externalEffects[p.effectId]?.ret
      : undefined;
    const length = this._encode(value, expected, true, "resume value");
    const { exports, id } = this.#native;
    if (exports.Resume(id, index, generation, length) < 0) this.#fail();
    this.#pending = null;
  }

  /** Cancels the pending request `k`: the VM traps with "cancelled". */
  dropContinuation(k) {
    this._check();
    const { index, generation } = handleArg(k, "k");
    this.#checkOwner(k);
    const { exports, id } = this.#native;
    if (exports.DropContinuation(id, index, generation) < 0) this.#fail();
    this.#pending = null;
    this.#flush();
  }

  /** Unpins a continuation the VM handed to JS; the handle is invalid afterwards. */
  dropPinnedContinuation(k) {
    this._check();
    const { index, generation } = handleArg(k, "k");
    this.#checkOwner(k);
    const { exports, id } = this.#native;
    if (exports.DropPinnedContinuation(id, index, generation) < 0) this.#fail();
    this.#forgetContinuation(k, index, generation);
  }

  /**
   * Schedules a pinned continuation to run on top of the current stack with `value` as the
   * result of its perform (its own result is discarded). Call step() to run it.
   */
  resumePinnedContinuationTail(k, value) {
    this._check();
    const { index, generation } = handleArg(k, "k");
    this.#checkOwner(k);
    const length = this._encode(value, undefined, true, "resume value");
    const { exports, id } = this.#native;
    if (exports.ResumePinnedContinuationTail(id, index, generation, length) < 0) this.#fail();
    this.#forgetContinuation(k, index, generation);
  }

  /** A handle this Vm did not give out is refused before its numbers reach the VM (they may be valid there). */
  #checkOwner(k) {
    const pinned = k instanceof PinnedContinuation;
    const owner = pinned ? k.vm._native.key : requestOwners.get(k);
    if (owner === undefined || owner === this.#native.key) return;
    const what = pinned ? "pinned continuation" : "continuation";
    if (liveVms.get(owner)?.deref() === undefined) throw new Error(`${what} belongs to a disposed Vm`);
    throw new TypeError(`${what} belongs to another Vm`);
  }

  /** @internal A pinned continuation's handle was released (dispose or finalization). */
  _pinnedReleased(index, generation) {
    this.#continuations.delete(index * 4294967296 + generation);
  }

  #forgetContinuation(k, index, generation) {
    const key = index * 4294967296 + generation;
    const known = k instanceof PinnedContinuation ? k : this.#continuations.get(key)?.deref();
    this.#continuations.delete(key);
    known?._forget();
  }

  // ---- host imports and effects -----------------------------------------------------------------

  /**
   * Installs `fn` as host import `nameOrId` (replacing any earlier one, std::print included).
   * `fn(...args)` runs synchronously inside step(); its result is checked against the declared
   * return type by the VM; a throw traps the VM. Returns false when the module does not declare
   * that name; an id out of range throws RangeError.
   */
  registerHostImport(nameOrId, fn) {
    this._check();
    if (typeof fn !== "function") throw new TypeError("registerHostImport(nameOrId, fn): fn must be a function");
    let id;
    if (typeof nameOrId === "string") {
      id = this.#module.importIds.get(nameOrId);
      if (id === undefined) return false;
    } else if (Number.isInteger(nameOrId)) {
      if (nameOrId < 0 || nameOrId >= this.#module.hostImports.length) throw new RangeError(`invalid host import id ${nameOrId}`);
      id = nameOrId;
    } else {
      throw new TypeError("registerHostImport(nameOrId, fn): nameOrId must be a string or an integer id");
    }
    if (this.#hostFns[id] === undefined) {
      const { exports, id: vmId } = this.#native;
      if (exports.RegisterHostImport(vmId, id) < 0) this.#fail();
    }
    this.#hostFns[id] = fn;
    return true;
  }

  /** [{id, name, params, ret}] — ABI types as the reference binding lists them, plus `args`. */
  listHostImports() {
    this._check();
    const m = this.#module;
    return m.hostImports.map((imp, id) => ({ id, name: imp.name, params: imp.params.map((t) => m.named(t)), ret: m.named(imp.ret) }));
  }

  /** [{id, interface, method, params, ret}]. */
  listExternalEffects() {
    this._check();
    const m = this.#module;
    return m.externalEffects.map((e, id) => ({
      id, interface: e.interface, method: e.method, params: e.params.map((t) => m.named(t)), ret: m.named(e.ret),
    }));
  }

  /** Id of external effect "Interface.method", or undefined. */
  externalEffectId(name) {
    return this.#module.effectIds.get(name);
  }

  /**
   * @internal Called by the dispatcher with the argument tape's length; leaves the reply (status
   * byte, then a value or a message) in the scratch buffer and returns its length.
   */
  _hostCall(importId, argsLength) {
    const { scratch } = this.#native;
    const imp = this.#module.hostImports[importId];
    const fn = this.#hostFns[importId];
    const name = imp?.name ?? `#${importId}`;
    if (fn === undefined || this.disposed) return errorReply(scratch, `js host import \`${name}\` is not registered`);
    let result;
    try {
      const r = scratch.reader(argsLength);
      const n = r.u32();
      const args = new Array(n);
      for (let i = 0; i < n; i++) args[i] = readValue(r, this);
      result = fn(...args);
    } catch (e) {
      return errorReply(scratch, e instanceof HostError ? e.message : `js host import \`${name}\` threw: ${errorText(e)}`);
    }
    if (result !== null && typeof result === "object" && typeof result.then === "function") {
      return errorReply(scratch, `js host import \`${name}\` returned a Promise; host imports are synchronous (use an external effect for async work)`);
    }
    let w;
    try {
      w = TapeWriter.shared.reset();
      w.u8(0);
      writeValue(w, result, imp.ret, { module: this.#module, vm: this, strict: false }, "");
    } catch (e) {
      return errorReply(scratch, `js host import \`${name}\` returned invalid AbiValue: ${errorText(e)}`);
    }
    return scratch.put(w);
  }

  /**
   * @internal Encodes one value for this VM into the scratch buffer and returns its length
   * (strict = check primitives against `expected`). Call the export that reads it right away.
   */
  _encode(value, expected, strict, path) {
    const w = TapeWriter.shared.reset();
    writeValue(w, value, expected, { module: this.#module, vm: this, strict }, path);
    return this.#native.scratch.put(w);
  }

  /** @internal One handle per pinned continuation, so finalizing a duplicate cannot unpin a live one. */
  _continuation(index, generation) {
    const key = index * 4294967296 + generation;
    const known = this.#continuations.get(key)?.deref();
    if (known !== undefined && !known.disposed) return known;
    const k = new PinnedContinuation(this, index, generation);
    this.#continuations.set(key, new WeakRef(k));
    return k;
  }

  // ---- std I/O ---------------------------------------------------------------------------------

  #installStdio() {
    const m = this.#module;
    if (m.importIds.has("std::print")) this.registerHostImport("std::print", (s) => this.#write(s));
    if (m.importIds.has("std::println")) this.registerHostImport("std::println", (s) => this.#write(`${s}\n`));
  }

  #write(text) {
    if (this.#stdout !== null) {
      this.#stdout(text);
      return;
    }
    const lines = (this.#line + text).split("\n");
    this.#line = lines.pop();
    for (const line of lines) console.log(line);
  }

  #flush() {
    if (this.#line !== "") {
      console.log(this.#line);
      this.#line = "";
    }
  }

  // ---- state ------------------------------------------------------------------------------------

  #state() {
    this._check();
    const s = this.#native.exports.State(this.#native.id);
    if (s < 0) this.#fail();
    return s;
  }

  isDone() { return (this.#state() & 1) !== 0; }
  isTrapped() { return (this.#state() & 2) !== 0; }
  isSuspended() { return (this.#state() & 4) !== 0; }

  /** Counters since creation or the last take (needs createVm(..., {metrics: true}) for instructions). */
  takeMetrics() {
    this._check();
    const m = this.#native.exports.TakeMetrics(this.#native.id);
    if (m === null) this.#fail();
    return { executedInstructions: m[0], hostCalls: m[1], effectRequests: m[2] };
  }

  // ---- durable VMs (docs/snapshot-format.md) ---------------------------------------------------

  /**
   * The VM's whole state as bytes (a Uint8Array): allowed whenever no step() is running — suspended
   * on a request, after a yield, done or trapped. rusk.restoreVm(module, bytes) makes it live again,
   * here or in any other engine (.NET, a Worker, Node); the same state gives the same bytes everywhere.
   */
  snapshot() {
    this._check();
    const bytes = this.#native.exports.SnapshotVm(this.#native.id);
    if (bytes === null) this.#fail();
    return bytes;
  }

  /** The replay journal so far (a Uint8Array; needs createVm(..., {journal: true})). rusk.replayVm re-runs it. */
  journal() {
    this._check();
    const bytes = this.#native.exports.JournalOf(this.#native.id);
    if (bytes === null) this.#fail();
    return bytes;
  }

  /** Frees the VM and releases every value and continuation handle it gave out (later uses throw). */
  dispose() {
    if (!this.disposed) this.#flush();
    super.dispose();
    store.releaseGroup(this.#children);
    this.#pending = null;
    this.#continuations.clear();
  }
}

/** A heap limit option: undefined → 0 (the default), else a positive integer of bytes. */
export function heapLimitArg(value, name) {
  if (value === undefined) return 0;
  if (typeof value !== "number") throw new TypeError(`${name}: expected a number of bytes`);
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name}: expected a positive integer, got ${value}`);
  return value;
}
