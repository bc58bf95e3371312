// Entry point: loadRusk() boots an engine once — the .NET runtime ("mono", _framework/) or the
// VM compiled to WasmGC ("aot", aot/rusk.wasm) — and returns the Rusk API (createVm, loadModule,
// ABI constructors), the same over both. Assets resolve relative to this file unless `baseUrl`
// says otherwise, so the built folder can be copied anywhere (a CDN path included) as is.
import { Handle, store } from "./store.js";
import { ModuleInfo, Scratch, array, byte, char, enumValue, struct, tuple, CompositeValue, PinnedContinuation, Composite } from "./abi.js";
import { Vm, HostError, hostDispatcher, heapLimitArg } from "./vm.js";
import { bootAot, resolveEngine, DEFAULT_ENGINE } from "./aot.js";
import { runVm, RuskTrapError, yieldToEventLoop } from "./driver.js";
import { RuskWorker, WorkerVm, WorkerModule } from "./worker-client.js";
import { CompositeSnapshot } from "./worker-snapshot.js";

export { Vm, HostError, runVm, RuskTrapError, yieldToEventLoop, CompositeValue, PinnedContinuation, Composite };
export { array, byte, char, enumValue, struct, tuple };
export { RuskWorker, WorkerVm, WorkerModule, CompositeSnapshot };
export { resolveEngine, DEFAULT_ENGINE };

/** ABI constructors, also reachable as rusk.abi. */
export const abi = Object.freeze({ array, byte, char, enumValue, struct, tuple });

/** Boots in progress or done, by engine (one runtime per engine per page or Worker). */
const booting = new Map();
/** Added to a runtime's VM ids where the glue keys VMs (vm.js): the two engines number theirs alike. */
const ENGINE_KEYS = { mono: 0, aot: 2 ** 32 };
/**
 * Boots an engine (once per page or Worker; later calls share it). `engine`: "aot" (default)
 * — the AOT engine where the browser has WasmGC and exception handling, else "mono" (the booted
 * API's `engine` says which) — or "mono". `baseUrl`: the folder that holds `_framework/` and `aot/`
 * (default: this module's folder). `worker: true` starts a RuskWorker instead: a new module Worker
 * per call, booted from the same folder with the same engine choice (glue/worker-client.js).
 */
export function loadRusk(options = {}) {
  if (options?.worker === true) return RuskWorker.start(options);
  const engine = resolveEngine(options ?? {});
  let p = booting.get(engine);
  if (p === undefined) {
    p = boot(engine, options?.baseUrl).catch((e) => {
      booting.delete(engine);
      throw e;
    });
    booting.set(engine, p);
  }
  return p;
}

async function boot(engine, baseUrl) {
  let base = new URL(baseUrl ?? ".", import.meta.url).href;
  if (!base.endsWith("/")) base += "/";
  const started = performance.now();
  // What every Vm of this runtime shares (vm.js); exports and scratch are set once booted.
  const runtime = { key: ENGINE_KEYS[engine], exports: null, scratch: null };
  if (engine === "aot") {
    const aot = await bootAot(base, hostDispatcher(runtime));
    runtime.exports = aot.exports;
    runtime.scratch = new Scratch(aot.exports, aot.runtime);
    return new Rusk(engine, runtime, performance.now() - started);
  }
  // In a Worker, dotnet.js takes itself for a runtime pthread (and waits forever for its start
  // message) unless `dotnetSidecar` is defined; it only sets that itself when the Worker has no
  // onmessage handler yet. We are never a pthread (single-threaded build): say so.
  if (typeof importScripts === "function" && globalThis.dotnetSidecar === undefined) globalThis.dotnetSidecar = true;
  const { dotnet } = await import(/* webpackIgnore: true */ /* @vite-ignore */ `${base}_framework/dotnet.js`);
  // The jiterpreter compiles a bounded prefix of the VM's dispatch loop into one wasm trace; ops
  // past it leave the trace twice per dispatch. 24000 is just under the runtime's fixed 24 KB
  // blob limit (default 16384); measured: object_access 4.5 M trace exits → 0.1 M.
  const dotnetRuntime = await dotnet.withRuntimeOptions(["--jiterpreter-max-module-size=24000"]).create();
  dotnetRuntime.setModuleImports("rusk", { hostCall: hostDispatcher(runtime) });
  const assembly = await dotnetRuntime.getAssemblyExports("Rusk.Vm.Wasm");
  const exports = assembly.Rusk.Vm.Wasm.Exports;
  runtime.exports = exports;
  runtime.scratch = new Scratch(exports, dotnetRuntime);
  return new Rusk(engine, runtime, performance.now() - started);
}

function bytesArg(bytes, name) {
  if (bytes instanceof Uint8Array) return bytes;
  if (bytes instanceof ArrayBuffer) return new Uint8Array(bytes);
  throw new TypeError(`${name}: expected a Uint8Array or ArrayBuffer of .rbc bytes`);
}

/** A decoded module, shareable by many VMs (decode once, create many). */
export class RuskModule extends Handle {
  #exports;
  #id;
  #info;

  /** @internal Use rusk.loadModule(). */
  constructor(exports, id) {
    super("RuskModule", () => exports.ReleaseModule(id));
    this.#exports = exports;
    this.#id = id;
    const json = exports.ModuleJson(id);
    if (json === null) throw new Error(exports.LastError());
    this.#info = new ModuleInfo(json);
  }

  get _id() { this._check(); return this.#id; }
  get _info() { return this.#info; }
  /** Type names by type id. */
  get typeNames() { return this.#info.types; }
}

export class Rusk {
  #exports;
  #runtime;

  /** @internal */
  constructor(engine, runtime, bootMs) {
    this.#exports = runtime.exports;
    this.#runtime = runtime;
    /** "mono" (the .NET runtime) or "aot" (rusk.wasm): the engine that booted. */
    this.engine = engine;
    /** Milliseconds the runtime took to boot. */
    this.bootMs = bootMs;
    this.abi = abi;
  }

  /** Decodes .rbc bytes; throws Error with the decoder's message (byte offset included). */
  loadModule(rbcBytes) {
    const id = this.#exports.LoadModule(bytesArg(rbcBytes, "loadModule(rbcBytes)"));
    if (id < 0) throw new Error(this.#exports.LastError());
    return new RuskModule(this.#exports, id);
  }

  /**
   * Creates a VM from .rbc bytes or a RuskModule. Options: `argv` (string[] → main(argv)),
   * `stdout(text)` for std::print/println (default: console.log, line-buffered), `metrics`,
   * `maxHeapBytes` (what the guest may keep alive; past it the VM traps "out of memory"; default 256 MiB).
   */
  createVm(rbcOrModule, options = {}) {
    const { argv, metrics = false } = options;
    if (argv !== undefined && argv !== null && !(Array.isArray(argv) && argv.every((a) => typeof a === "string"))) {
      throw new TypeError("createVm options.argv: expected an array of strings");
    }
    return this.#makeVm(rbcOrModule, options, "createVm",
      (id, maxHeapBytes) => this.#exports.CreateVm(id, argv ?? null, Boolean(metrics), maxHeapBytes, options.journal === true));
  }

  /**
   * A VM in exactly the state `snapshot` (from vm.snapshot(), in any engine) holds, for the same
   * module (.rbc bytes or a RuskModule). Options as createVm (argv comes from the snapshot). Register
   * host imports again; restored at a request, its next step() returns that request again. Bytes of
   * another module or format version, truncated or corrupted throw an Error naming the byte offset.
   */
  restoreVm(rbcOrModule, snapshot, options = {}) {
    const bytes = bytesArg(snapshot, "restoreVm(module, snapshot)");
    return this.#makeVm(rbcOrModule, options, "restoreVm", (id, maxHeapBytes) => this.#exports.RestoreVm(id, bytes, Boolean(options.metrics), maxHeapBytes));
  }

  /**
   * Re-runs a journal (vm.journal() of a VM created with {journal: true}) without calling any host:
   * host import results and request answers come from the journal. Returns the VM in the state the
   * journal ends at (suspended on an unanswered request: its next step() returns it). Options as
   * createVm; `journal: true` keeps recording from there.
   */
  replayVm(rbcOrModule, journal, options = {}) {
    const bytes = bytesArg(journal, "replayVm(module, journal)");
    return this.#makeVm(rbcOrModule, options, "replayVm",
      (id, maxHeapBytes) => this.#exports.ReplayVm(id, bytes, Boolean(options.metrics), options.journal === true, maxHeapBytes));
  }

  #makeVm(rbcOrModule, options, what, create) {
    if (options.stdout !== undefined && typeof options.stdout !== "function") throw new TypeError(`${what} options.stdout: expected a function`);
    const owned = !(rbcOrModule instanceof RuskModule);
    const module = owned ? this.loadModule(rbcOrModule) : rbcOrModule;
    try {
      const id = create(module._id, heapLimitArg(options.maxHeapBytes, `${what} options.maxHeapBytes`));
      if (id < 0) throw new Error(this.#exports.LastError());
      return new Vm(this.#runtime, id, module._info, options);
    } finally {
      if (owned) module.dispose();
    }
  }

  /**
   * What the runtime holds right now, for leak checks: live `vms` and `modules`, `compositeValues`
   * and `pinnedContinuations` held for JS (over all VMs), JS `handles` not yet released (every
   * Vm, RuskModule, CompositeValue and PinnedContinuation: disposed, or finalized after JS dropped
   * it), `managedBytes` of the .NET heap (-1 on the AOT engine: its objects live in the browser's
   * GC heap, which cannot be measured from inside) and `wasmMemoryBytes` of linear memory (it
   * never shrinks). `collect: true` runs a full .NET GC first so `managedBytes` counts only what is live.
   */
  diagnostics(options = {}) {
    const d = this.#exports.Diagnostics(Boolean(options.collect));
    return {
      vms: d[0], modules: d[1], compositeValues: d[2], pinnedContinuations: d[3], handles: store.size,
      managedBytes: d[4], wasmMemoryBytes: this.#runtime.scratch.heapBytes,
    };
  }
}
