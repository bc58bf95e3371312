// RuskWorker / WorkerVm: the VM in a module Worker (dist/worker.js, glue/worker-server.js), driven
// from the page with an async API shaped like Vm + runVm. Host imports run inside the worker (they
// are synchronous and called during a step), loaded from a host module named by URL; external
// effects are answered here by async handlers; stdout and host messages are forwarded here.
//
// Values cross in a wire form of structured-clone data: primitives, bigint and Uint8Array as they
// are; arrays as arrays; every other object is tagged — {$:"o", v} a plain object (byte, char,
// a struct written as an object, ...), {$:"k", index, generation} a pinned continuation,
// {$:"c", kind, ...} a composite (from the VM: a deep copy with its type; to the VM: the fields of
// an abi constructor, rebuilt with the worker's constructors).
import { Composite, CompositeValue, PinnedContinuation } from "./abi.js";
import { RuskTrapError } from "./driver.js";
import { effectHandlers, runOptions, unhandledEffect } from "./run-options.js";
import { heapLimitArg } from "./vm.js";
import { engineOptions } from "./aot.js";
import { CompositeSnapshot } from "./worker-snapshot.js";

const disposeSymbol = Symbol.dispose ?? Symbol.for("Symbol.dispose");
const asyncDisposeSymbol = Symbol.asyncDispose ?? Symbol.for("Symbol.asyncDispose");
const internal = Symbol("RuskWorker internal");

// ---- values -----------------------------------------------------------------------------------

const at = (path) => (path ? `${path}: ` : "");

/** A wire value from the worker as page-side JS (composites become CompositeSnapshot copies). */
function fromWorker(w) {
  if (w === null || typeof w !== "object" || w instanceof Uint8Array) return w;
  if (Array.isArray(w)) return w.map(fromWorker);
  switch (w.$) {
    case "k": return Object.freeze({ index: w.index, generation: w.generation });
    case "c": return new CompositeSnapshot(w.kind, w.type, w.name, w.variant, w.items.map(fromWorker), w.names);
    default: {
      const o = {};
      for (const key of Object.keys(w.v)) o[key] = fromWorker(w.v[key]);
      return o;
    }
  }
}

/** A type of a snapshot as a type spec naming struct/enum types (ids are per module). */
function typeSpec(t) {
  if (typeof t === "string") return t;
  switch (t.tag) {
    case "array": return { tag: "array", elem: typeSpec(t.elem) };
    case "tuple": return { tag: "tuple", items: t.items.map(typeSpec) };
    case "struct":
    case "enum": return { tag: t.tag, name: t.name, args: t.args.map(typeSpec) };
    default: return t;
  }
}

/** An AbiInput in wire form; TypeError naming `path` for what cannot cross. */
function toWorker(v, path) {
  switch (typeof v) {
    case "undefined":
    case "boolean":
    case "bigint":
    case "number":
    case "string":
      return v;
    case "object":
      break;
    default:
      throw new TypeError(`${at(path)}unsupported AbiValue JS type (got ${typeof v})`);
  }
  if (v === null || ArrayBuffer.isView(v)) return v;
  if (Array.isArray(v)) return v.map((x, i) => toWorker(x, `${path}[${i}]`));
  if (v instanceof Composite) {
    const list = (xs, sep) => xs.map((x, i) => toWorker(x, `${path}${sep}${i}`));
    switch (v.kind) {
      case "array": return { $: "c", kind: "array", elem: v.elem, items: list(v.items, "[") };
      case "tuple": return { $: "c", kind: "tuple", items: list(v.items, ".") };
      case "struct": return { $: "c", kind: "struct", name: v.name, typeArgs: v.typeArgs, fields: toWorker(v.fields, path) };
      default: return { $: "c", kind: "enum", name: v.name, variant: v.variant, typeArgs: v.typeArgs, fields: list(v.fields, ".") };
    }
  }
  if (v instanceof CompositeSnapshot) {
    const t = v.type;
    const items = v.fields.map((x, i) => toWorker(x, `${path}.${i}`));
    switch (v.kind) {
      case "array": return { $: "c", kind: "array", elem: typeSpec(t.elem), items };
      case "tuple": return { $: "c", kind: "tuple", items };
      case "struct": {
        const fields = {};
        v._names.forEach((n, i) => { fields[n] = items[i]; });
        return { $: "c", kind: "struct", name: v.typeName, typeArgs: t.args.map(typeSpec), fields: { $: "o", v: fields } };
      }
      default: return { $: "c", kind: "enum", name: v.typeName, variant: v.variant, typeArgs: t.args.map(typeSpec), fields: items };
    }
  }
  if (v instanceof CompositeValue || v instanceof PinnedContinuation) {
    throw new TypeError(`${at(path)}a value of a main-thread Vm cannot be passed to a worker Vm`);
  }
  const o = {};
  for (const key of Object.keys(v)) o[key] = toWorker(v[key], path ? `${path}.${key}` : key);
  return { $: "o", v: o };
}

/** An error the worker reported, as the same kind of error here. */
function rebuildError(w) {
  switch (w.name) {
    case "TypeError": return new TypeError(w.message);
    case "RangeError": return new RangeError(w.message);
    case "AbortError": return new DOMException(w.message, "AbortError");
    default: {
      const e = new Error(w.message);
      if (w.name !== "Error") e.name = w.name;
      return e;
    }
  }
}

// ---- arguments --------------------------------------------------------------------------------

function urlArg(value, name) {
  if (value === undefined) return undefined;
  if (typeof value !== "string" && !(value instanceof URL)) throw new TypeError(`${name}: expected a string or URL`);
  return value;
}

/** The dist/ folder (holding worker.js, index.js and _framework/): baseUrl, else this module's. */
function resolveBase(baseUrl) {
  let base = new URL(urlArg(baseUrl, "loadRusk options.baseUrl") ?? ".", import.meta.url).href;
  if (!base.endsWith("/")) base += "/";
  return base;
}

/** A host module URL, absolute (relative ones resolve against the page, not the worker). */
function hostModuleArg(value) {
  urlArg(value, "createVm options.hostModule");
  const page = globalThis.document?.baseURI ?? globalThis.location?.href;
  try {
    return new URL(String(value), page).href;
  } catch {
    throw new TypeError(`createVm options.hostModule: ${String(value)} is not a valid URL (use an absolute URL, e.g. new URL("./hosts.js", import.meta.url))`);
  }
}

function functionArg(value, name) {
  if (value !== undefined && typeof value !== "function") throw new TypeError(`${name}: expected a function`);
  return value;
}

function objectArg(value, name) {
  if (value === undefined) return {};
  if (value === null || typeof value !== "object") throw new TypeError(`${name}: expected an object`);
  return value;
}

// ---- the worker -------------------------------------------------------------------------------

/** A port over a browser module Worker or a Node.js worker thread. */
async function openWorker(url) {
  if (typeof Worker === "function") {
    let src = url.href;
    let shim;
    if (globalThis.location !== undefined && url.origin !== globalThis.location.origin) {
      // A Worker script must be same-origin; a one-line module importing the real one is not.
      shim = URL.createObjectURL(new Blob([`import ${JSON.stringify(url.href)};\n`], { type: "text/javascript" }));
      src = shim;
    }
    const w = new Worker(src, { type: "module", name: "rusk" });
    return {
      post: (m) => w.postMessage(m),
      listen(onMessage, onError, onExit) {
        w.onmessage = (e) => onMessage(e.data);
        w.onerror = (e) => {
          e.preventDefault();
          onError(e.message || `could not load the worker script ${url.href}`);
        };
        w.onmessageerror = () => onExit("a message from the worker could not be deserialized");
      },
      busy() {},
      terminate() {
        w.terminate();
        if (shim !== undefined) URL.revokeObjectURL(shim);
      },
    };
  }
  const nodeWorkerThreads = "node:worker_threads";
  const { Worker: NodeWorker } = await import(/* webpackIgnore: true */ /* @vite-ignore */ nodeWorkerThreads);
  const w = new NodeWorker(url);
  w.unref();
  return {
    post: (m) => w.postMessage(m),
    listen(onMessage, onError, onExit) {
      w.on("message", onMessage);
      w.on("error", (e) => onError(e?.message ?? String(e)));
      w.on("exit", (code) => onExit(`the worker thread exited (code ${code})`));
    },
    // An idle worker thread must not keep the process alive; a pending call must.
    busy(on) {
      if (on) w.ref();
      else w.unref();
    },
    terminate: () => { void w.terminate(); },
  };
}

/**
 * A module Worker (a worker thread under Node.js) running the Rusk runtime; every WorkerVm it
 * creates lives there. Start it with `RuskWorker.start()` or `loadRusk({ worker: true })`.
 */
export class RuskWorker {
  #port;
  #calls = new Map();
  #nextCall = 1;
  #nextRun = 1;
  #nextVm = 1;
  /** Event sinks by VM id: {vm: WeakRef<WorkerVm>} once created, {early: [...]} while creating. */
  #vms = new Map();
  #runs = new Map();
  #dead = null;
  #booted = false;
  #registry = new FinalizationRegistry((held) => {
    if (held.op === "dispose") this.#vms.delete(held.vm);
    this.#send(held);
  });
  #link;

  /** @internal Use RuskWorker.start() or loadRusk({ worker: true }). */
  constructor(token, port, baseUrl) {
    if (token !== internal) throw new TypeError("RuskWorker: use RuskWorker.start() or loadRusk({ worker: true })");
    this.#port = port;
    /** The dist/ folder the worker booted from. */
    this.baseUrl = baseUrl;
    /** Milliseconds the worker took to boot the runtime (inside the worker). */
    this.bootMs = 0;
    /** The engine the worker booted: "mono" or "aot" (loadRusk's `engine`, after the worker's probe). */
    this.engine = undefined;
    port.listen(
      (m) => this.#receive(m),
      (why) => {
        // Before boot the script did not load or threw: fatal. Later, an uncaught error (say, in
        // a host module's timer) leaves the worker serving: report it and go on.
        if (this.#booted) console.error(`RuskWorker: uncaught error in the worker: ${why}`);
        else this.#die(`RuskWorker: the worker failed: ${why}`);
      },
      (why) => this.#die(`RuskWorker: the worker failed: ${why}`),
    );
    const self = this;
    this.#link = Object.freeze({
      call: (op, payload, what) => this.#call(op, payload, what),
      send: (m) => this.#send(m),
      check: () => this.#check(),
      nextRun: () => this.#nextRun++,
      runs: this.#runs,
      forget: (id) => this.#vms.delete(id),
      register: (owner, held) => this.#registry.register(owner, held, owner),
      unregister: (owner) => this.#registry.unregister(owner),
      get alive() { return self.#dead === null; },
    });
  }

  /**
   * Starts a worker and boots the runtime in it. `baseUrl`: the dist/ folder (worker.js, index.js,
   * _framework/; default: this module's folder). `workerUrl`: the worker script, if not
   * `${baseUrl}worker.js`. `engine` / `probe`: as for loadRusk, decided inside the worker.
   */
  static async start(options) {
    const { baseUrl, workerUrl } = objectArg(options, "loadRusk options");
    const { engine, probe } = engineOptions(options, true);
    const base = resolveBase(baseUrl);
    const script = new URL(urlArg(workerUrl, "loadRusk options.workerUrl") ?? "worker.js", base);
    const w = new RuskWorker(internal, await openWorker(script), base);
    try {
      const booted = await w.#call("init", { base, engine, probe }, "loadRusk");
      w.bootMs = booted.bootMs;
      w.engine = booted.engine;
      w.#booted = true;
    } catch (e) {
      w.terminate();
      throw new Error(`RuskWorker: the worker could not start from ${script.href}: ${e.message}`);
    }
    return w;
  }

  /** Decodes .rbc bytes in the worker once, for many createVm calls. */
  async loadModule(rbcBytes) {
    const bytes = bytesArg(rbcBytes, "loadModule(rbcBytes)");
    const { module, typeNames } = await this.#call("loadModule", { bytes }, "loadModule");
    return new WorkerModule(internal, this.#link, this, module, typeNames);
  }

  /**
   * Creates a VM in the worker from .rbc bytes or a WorkerModule of this worker. Options: `argv`,
   * `metrics`, `stdout(text)` (page side), `hostModule` (URL of the module that provides host
   * imports inside the worker), `hostData` (cloned to the host module), `onMessage(data)` (what
   * host imports send with ctx.postMessage).
   */
  async createVm(rbcOrModule, options) {
    return this.#createVm(rbcOrModule, options, {}, "createVm");
  }

  /** As rusk.restoreVm, in the worker (host imports come from options.hostModule, as for createVm). */
  async restoreVm(rbcOrModule, snapshot, options = {}) {
    return this.#createVm(rbcOrModule, options, { restore: bytesArg(snapshot, "restoreVm(rbc, snapshot)") }, "restoreVm");
  }

  /** As rusk.replayVm, in the worker. */
  async replayVm(rbcOrModule, journal, options = {}) {
    return this.#createVm(rbcOrModule, options, { replay: bytesArg(journal, "replayVm(rbc, journal)") }, "replayVm");
  }

  async #createVm(rbcOrModule, options, start, what) {
    const o = objectArg(options, `${what} options`);
    const { argv, metrics = false, hostData } = o;
    if (argv !== undefined && argv !== null && !(Array.isArray(argv) && argv.every((a) => typeof a === "string"))) {
      throw new TypeError("createVm options.argv: expected an array of strings");
    }
    functionArg(o.stdout, "createVm options.stdout");
    functionArg(o.onMessage, "createVm options.onMessage");
    const hostModule = o.hostModule === undefined ? undefined : hostModuleArg(o.hostModule);
    const maxHeapBytes = heapLimitArg(o.maxHeapBytes, "createVm options.maxHeapBytes");
    
    const payload = { argv: argv ?? null, metrics: Boolean(metrics), journal: o.journal === true, maxHeapBytes, hostModule, hostData, ...start };
    if (rbcOrModule instanceof WorkerModule) {
      if (rbcOrModule.worker !== this) throw new TypeError("createVm(rbc): this WorkerModule belongs to another RuskWorker");
      payload.module = rbcOrModule._id;
    } else {
      payload.bytes = bytesArg(rbcOrModule, "createVm(rbc)");
    }
    // The id is ours so that what the host module's install sends before the reply is kept.
    const sink = { vm: null, early: [] };
    payload.vm = this.#nextVm++;
    this.#vms.set(payload.vm, sink);
    let info;
    try {
      info = await this.#call("createVm", payload, "createVm");
    } catch (e) {
      this.#vms.delete(payload.vm);
      throw e;
    }
    const vm = new WorkerVm(internal, this.#link, this, info, o);
    sink.vm = new WeakRef(vm);
    for (const m of sink.early) this.#deliver(vm, m);
    sink.early = null;
    return vm;
  }

  /** Counts of live objects inside the worker (leak checks): {vms, modules, runs}. */
  stats() {
    return this.#call("stats", {}, "stats");
  }

  /** True once terminate() ran or the worker failed. */
  get terminated() {
    return this.#dead !== null;
  }

  /** Stops the worker: every VM in it is gone, pending calls and runs reject. */
  terminate() {
    this.#die("RuskWorker was terminated");
  }

  [disposeSymbol]() {
    this.terminate();
  }

  #check() {
    if (this.#dead !== null) throw new Error(this.#dead);
  }

  #call(op, payload, what) {
    if (this.#dead !== null) return Promise.reject(new Error(this.#dead));
    const id = this.#nextCall++;
    return new Promise((resolve, reject) => {
      try {
        this.#port.post({ ...payload, op, id });
      } catch (e) {
        reject(new TypeError(`${what}: an argument cannot be sent to the worker (${e?.message ?? e})`));
        return;
      }
      this.#calls.set(id, { resolve, reject });
      if (this.#calls.size === 1) this.#port.busy(true);
    });
  }

  /** Posts a message that gets no reply (answers, aborts, releases from finalizers). */
  #send(m) {
    if (this.#dead !== null) return;
    try {
      this.#port.post(m);
    } catch {
      // Only answers carry user data, and they are encoded (so cloneable) before they get here.
    }
  }

  #receive(m) {
    if (m.re !== undefined) {
      const c = this.#calls.get(m.re);
      if (c === undefined) return;
      this.#calls.delete(m.re);
      if (this.#calls.size === 0) this.#port.busy(false);
      if (m.err !== undefined) c.reject(rebuildError(m.err));
      else c.resolve(m.ok);
      return;
    }
    if (m.ev === "request") {
      this.#runs.get(m.run)?.(m);
      return;
    }
    const sink = this.#vms.get(m.vm);
    if (sink === undefined) return;
    if (sink.early !== null) sink.early.push(m);
    else {
      const vm = sink.vm.deref();
      if (vm !== undefined) this.#deliver(vm, m);
    }
  }

  #deliver(vm, m) {
    if (m.ev === "stdout") vm._stdout(m.text);
    else if (m.ev === "message") vm._message(m.data);
  }

  #die(message) {
    if (this.#dead !== null) return;
    this.#dead = message;
    this.#port.terminate();
    const calls = [...this.#calls.values()];
    this.#calls.clear();
    for (const c of calls) c.reject(new Error(message));
  }
}

function bytesArg(bytes, name) {
  if (bytes instanceof Uint8Array) return bytes;
  if (bytes instanceof ArrayBuffer) return new Uint8Array(bytes);
  throw new TypeError(`${name}: expected a Uint8Array or ArrayBuffer of .rbc bytes${name.startsWith("createVm") ? ", or a WorkerModule of this RuskWorker" : ""}`);
}

/** A module decoded inside a worker, shareable by many of its VMs. */
export class WorkerModule {
  #link;
  #id;
  #disposed = false;

  /** @internal Use worker.loadModule(). */
  constructor(token, link, worker, id, typeNames) {
    if (token !== internal) throw new TypeError("WorkerModule: use RuskWorker.loadModule()");
    this.#link = link;
    this.#id = id;
    /** The RuskWorker this module lives in. */
    this.worker = worker;
    /** Type names by type id. */
    this.typeNames = typeNames;
    link.register(this, { op: "releaseModule", module: id });
  }

  get _id() {
    if (this.#disposed) throw new Error("WorkerModule used after dispose");
    this.#link.check();
    return this.#id;
  }

  get disposed() { return this.#disposed || !this.#link.alive; }

  /** Frees the module in the worker (VMs created from it keep working). */
  dispose() {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#link.unregister(this);
    this.#link.send({ op: "releaseModule", module: this.#id });
  }

  [disposeSymbol]() {
    this.dispose();
  }
}

/**
 * One VM inside a RuskWorker. Shaped like Vm + runVm, but every operation is async; values from
 * the VM are copies (CompositeSnapshot for composites, {index, generation} for continuations).
 */
export class WorkerVm {
  #link;
  #id;
  #info;
  #stdout;
  #onMessage;
  #line = "";
  #disposed = false;
  #disposing = null;
  #active = null;

  /** @internal Use worker.createVm(). */
  constructor(token, link, worker, info, options) {
    if (token !== internal) throw new TypeError("WorkerVm: use RuskWorker.createVm()");
    this.#link = link;
    this.#id = info.vm;
    this.#info = info;
    this.#stdout = options.stdout ?? null;
    this.#onMessage = options.onMessage ?? null;
    /** The RuskWorker this VM lives in. */
    this.worker = worker;
    link.register(this, { op: "dispose", vm: info.vm });
  }

  /** True once dispose() ran or the worker was terminated. */
  get disposed() { return this.#disposed || !this.#link.alive; }

  /** The module's type names, indexed by type id. */
  get typeNames() { return this.#info.typeNames; }

  /** [{id, name, params, ret}] (as Vm.listHostImports). */
  listHostImports() {
    this.#check();
    return structuredClone(this.#info.hostImports);
  }

  /** [{id, interface, method, params, ret}] (as Vm.listExternalEffects). */
  listExternalEffects() {
    this.#check();
    return structuredClone(this.#info.externalEffects);
  }

  /** Id of external effect "Interface.method", or undefined. */
  externalEffectId(name) {
    return this.#info.externalEffects.find((e) => `${e.interface}.${e.method}` === name)?.id;
  }

  #check() {
    if (this.#disposed) throw new Error("Vm used after dispose");
    this.#link.check();
  }

  /** Waits until no run() is in flight in the worker; throws if one is still live. */
  async #idle(what) {
    const a = this.#active;
    if (a === null) return;
    if (!a.settled) throw new Error(`${what}: the Vm is already running (await run() or abort it first)`);
    if (a.ended !== null) await a.ended;
    this.#check();
  }

  async #op(op, payload = {}) {
    this.#check();
    await this.#idle(op);
    return this.#link.call(op, { ...payload, vm: this.#id }, op);
  }

  // ---- stepping ------------------------------------------------------------------------------

  /** As Vm.step, in the worker: {tag:"done",value} | {tag:"trap",…} | {tag:"request",…} | {tag:"yield",…}. */
  async step(fuel) {
    const r = await this.#op("step", { fuel });
    switch (r.tag) {
      case "done":
        this.#flushLine();
        return { tag: "done", value: fromWorker(r.value) };
      case "trap":
        this.#flushLine();
        return r;
      case "request":
        return { tag: "request", effectId: r.effectId, args: r.args.map(fromWorker), k: r.k };
      default:
        return r;
    }
  }

  /** As Vm.snapshot(): the VM's state as a Uint8Array (not while run() is in flight). */
  async snapshot() {
    return this.#op("snapshot");
  }

  /** As Vm.journal() (createVm(..., {journal: true})). */
  async journal() {
    return this.#op("journal");
  }

  /** Answers request `k` (checked against the effect's return type in the worker: TypeError). */
  async resume(k, value) {
    const wire = toWorker(value, "resume value");
    await this.#op("resume", { k, value: wire });
  }

  /** Cancels request `k`: the VM traps with "cancelled". */
  async dropContinuation(k) {
    await this.#op("dropContinuation", { k });
    this.#flushLine();
  }

  /** Unpins a continuation the VM handed out. */
  async dropPinnedContinuation(k) {
    await this.#op("dropPinnedContinuation", { k });
  }

  /** As Vm.resumePinnedContinuationTail; call step() or run() to run it. */
  async resumePinnedContinuationTail(k, value) {
    const wire = toWorker(value, "resume value");
    await this.#op("resumePinnedContinuationTail", { k, value: wire });
  }

  /** {done, trapped, suspended} in one round trip. */
  state() {
    return this.#op("state");
  }

  async isDone() { return (await this.state()).done; }
  async isTrapped() { return (await this.state()).trapped; }
  async isSuspended() { return (await this.state()).suspended; }

  /** As Vm.takeMetrics. */
  takeMetrics() {
    return this.#op("takeMetrics");
  }

  // ---- running -------------------------------------------------------------------------------

  /**
   * Runs the VM in the worker until it finishes, as runVm does on the main thread: resolves with
   * the result, rejects with RuskTrapError on a trap. `effects` handlers run here (may be async);
   * a missing or throwing handler, or a resume value of the wrong type, cancels the request and
   * rejects. `signal` aborts at once: the worker stops before its next slice (the VM is left as
   * is and can run again) or cancels a pending request.
   */
  async run(options) {
    this.#check();
    const { effects, fuelPerTick, signal } = runOptions(options, "run options");
    const handlers = effectHandlers(this.#info.externalEffects, effects, "run options");
    const aborted = () => signal?.reason ?? new DOMException("run aborted", "AbortError");
    if (signal?.aborted) throw aborted();
    // Claim the Vm before any await, so a second run() or step() now sees it running.
    const previous = this.#active;
    if (previous !== null && !previous.settled) throw new Error("run: the Vm is already running (await run() or abort it first)");
    const active = { settled: false, ended: null, cancel: null };
    this.#active = active;
    try {
      if (previous !== null) await previous.ended;
      this.#check();
      if (signal?.aborted) throw aborted();
    } catch (e) {
      active.settled = true;
      if (this.#active === active) this.#active = null;
      throw e;
    }
    const link = this.#link;
    const runId = link.nextRun();
    return new Promise((resolve, reject) => {
      const settle = (fn, v) => {
        if (active.settled) return;
        active.settled = true;
        signal?.removeEventListener("abort", onAbort);
        fn(v);
      };
      const onAbort = () => {
        link.send({ op: "abort", run: runId });
        settle(reject, aborted());
      };
      active.cancel = (e) => settle(reject, e);
      link.runs.set(runId, (m) => this.#answer(m, handlers, active));
      active.ended = link.call("run", { vm: this.#id, run: runId, fuel: fuelPerTick }, "run").then(
        (r) => {
          if (r.tag === "done") {
            this.#flushLine();
            settle(resolve, fromWorker(r.value));
          } else if (r.tag === "trap") {
            this.#flushLine();
            settle(reject, new RuskTrapError(r.message, r.stack));
          } else {
            settle(reject, new Error(`run: the worker stopped the run (${r.tag})`));
          }
        },
        (e) => settle(reject, e),
      ).finally(() => {
        link.runs.delete(runId);
        if (this.#active === active) this.#active = null;
      });
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  /** A request from the worker's run loop: call the handler, send the answer (or a cancel). */
  async #answer(m, handlers, active) {
    if (active.settled) return;
    const drop = () => this.#link.send({ op: "answer", run: m.run, drop: true });
    const handler = handlers.table[m.effectId];
    if (typeof handler !== "function") {
      drop();
      active.cancel(unhandledEffect(handlers.names, m.effectId));
      return;
    }
    let wire;
    try {
      wire = toWorker(await handler(...m.args.map(fromWorker)), "resume value");
    } catch (e) {
      if (active.settled) return;
      drop();
      active.cancel(e);
      return;
    }
    if (active.settled) return;
    this.#link.send({ op: "answer", run: m.run, value: wire });
  }

  // ---- output ----------------------------------------------------------------------------------

  /** @internal Text the program printed, forwarded by the worker. */
  _stdout(text) {
    if (this.#stdout !== null) {
      try {
        this.#stdout(text);
      } catch (e) {
        console.error(e);
      }
      return;
    }
    const lines = (this.#line + text).split("\n");
    this.#line = lines.pop();
    for (const line of lines) console.log(line);
  }

  /** @internal What a host import sent with ctx.postMessage. */
  _message(data) {
    if (this.#onMessage === null) return;
    try {
      this.#onMessage(data);
    } catch (e) {
      console.error(e);
    }
  }

  #flushLine() {
    if (this.#line !== "") {
      console.log(this.#line);
      this.#line = "";
    }
  }

  // ---- lifetime --------------------------------------------------------------------------------

  /**
   * Frees the VM in the worker (a run in flight rejects). Resolves once the worker freed it;
   * later uses throw "Vm used after dispose".
   */
  dispose() {
    if (this.#disposing !== null) return this.#disposing;
    this.#disposed = true;
    this.#link.unregister(this);
    this.#active?.cancel?.(new Error("run: the Vm was disposed while running"));
    this.#flushLine();
    this.#disposing = this.#link.alive
      ? this.#link.call("dispose", { vm: this.#id }, "dispose").then(() => { this.#link.forget(this.#id); }, () => {})
      : Promise.resolve();
    return this.#disposing;
  }

  [disposeSymbol]() {
    void this.dispose();
  }

  [asyncDisposeSymbol]() {
    return this.dispose();
  }
}
