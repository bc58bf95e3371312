// Types of the Rusk VM browser API (glue/index.js). Hand-written; keep in step with the JS.

/** An ABI type as the module declares it (struct/enum carry `name` in listings). */
export type AbiType =
  | "unit" | "bool" | "int" | "float" | "string" | "bytes" | "continuation" | "byte" | "char"
  | { tag: "array"; elem: AbiType }
  | { tag: "tuple"; items: AbiType[] }
  | { tag: "struct" | "enum"; typeId: number; name?: string; args: AbiType[] }
  | { tag: "param"; index: number };

/** A type spec in ABI constructors: like AbiType, with struct/enum named by `name` or `typeId`. */
export type AbiTypeSpec =
  | Exclude<AbiType, { tag: "struct" | "enum" }>
  | string
  | { tag: "struct" | "enum"; name?: string; typeId?: number; args?: AbiTypeSpec[] };

export interface AbiByte { tag: "byte"; value: number }
export interface AbiChar { tag: "char"; value: string }
export interface ContinuationHandle { index: number; generation: number }

/** A value coming out of the VM. */
export type AbiValue =
  | undefined | boolean | bigint | number | string | Uint8Array
  | AbiByte | AbiChar | PinnedContinuation | CompositeValue;

/**
 * A value going into the VM: everything AbiValue is, ABI constructors, and — where the declared
 * type says which composite — plain arrays, objects ({field: value}) and {variant, fields}.
 */
export type AbiInput =
  | AbiValue | null | ContinuationHandle | Composite
  | AbiInput[] | { [field: string]: AbiInput } | { variant: string; fields?: AbiInput[] };

/** Plain JS produced by CompositeValue.toJS(). */
export type PlainValue =
  | undefined | boolean | bigint | number | string | Uint8Array | AbiByte | AbiChar | PinnedContinuation
  | PlainValue[] | { [field: string]: PlainValue } | { variant: string; fields: PlainValue[] };

export interface StackFrame { function: string; pc: number }

export type StepResult =
  | { tag: "done"; value: AbiValue }
  | { tag: "trap"; message: string; stack: StackFrame[] }
  | { tag: "request"; effectId: number; args: AbiValue[]; k: ContinuationHandle }
  | { tag: "yield"; remainingFuel: number };

export interface HostImportInfo { id: number; name: string; params: AbiType[]; ret: AbiType }
export interface ExternalEffectInfo { id: number; interface: string; method: string; params: AbiType[]; ret: AbiType }
export interface Metrics { executedInstructions: number; hostCalls: number; effectRequests: number }

/** A host import implementation: synchronous; throw to make the VM trap. */
export type HostImportFn = (...args: AbiValue[]) => AbiInput;

/** Something that pins .NET memory until disposed (or finalized once unreachable). */
export interface Disposable {
  readonly disposed: boolean;
  dispose(): void;
  [Symbol.dispose](): void;
}

export interface CreateVmOptions {
  /** Arguments for `main(argv: [string])`; omit for a zero-parameter main. */
  argv?: string[];
  /** Receives std::print / std::println output (println adds "\n"). Default: console.log per line. */
  stdout?: (text: string) => void;
  /** Count executed instructions (takeMetrics). */
  metrics?: boolean;
  /** Record a replay journal (vm.journal(), rusk.replayVm). */
  journal?: boolean;
  /**
   * Most bytes of guest data (arrays, strings, bytes, structs, enums, tuples, continuations) the VM
   * may keep alive; past it the allocating instruction traps `out of memory: heap limit of N bytes
   * (maxHeapBytes) exceeded`, and the page and every other VM go on. Default 256 MiB.
   */
  maxHeapBytes?: number;
}

export declare class Vm implements Disposable {
  private constructor();
  readonly disposed: boolean;
  /** Type names by type id. */
  readonly typeNames: readonly string[];
  /** Runs until done/trap/request, or until `fuel` instructions ran (then `yield`). */
  step(fuel?: number | bigint): StepResult;
  /** Answers request `k`; `value` is checked against the effect's return type (TypeError). */
  resume(k: ContinuationHandle, value: AbiInput): void;
  /** Cancels request `k`; the VM traps with "cancelled". */
  dropContinuation(k: ContinuationHandle): void;
  dropPinnedContinuation(k: ContinuationHandle): void;
  resumePinnedContinuationTail(k: ContinuationHandle, value: AbiInput): void;
  /** Installs a host import; false when the module does not declare `name`. */
  registerHostImport(nameOrId: string | number, fn: HostImportFn): boolean;
  listHostImports(): HostImportInfo[];
  listExternalEffects(): ExternalEffectInfo[];
  externalEffectId(name: string): number | undefined;
  isDone(): boolean;
  isTrapped(): boolean;
  isSuspended(): boolean;
  takeMetrics(): Metrics;
  /** The whole state as bytes (not during a step); rusk.restoreVm makes it live again on any engine. */
  snapshot(): Uint8Array;
  /** The replay journal so far (createVm(..., {journal: true})). */
  journal(): Uint8Array;
  dispose(): void;
  [Symbol.dispose](): void;
}

/** An array, tuple, struct or enum value in a VM's heap. */
export declare class CompositeValue implements Disposable {
  private constructor();
  readonly disposed: boolean;
  readonly vm: Vm;
  readonly kind: "array" | "tuple" | "struct" | "enum";
  readonly type: AbiType;
  readonly abiType: AbiType;
  readonly typeName: string | undefined;
  /** Elements (array/tuple) or fields (struct, enum variant). */
  readonly length: number;
  readonly variant: string;
  readonly fields: AbiValue[];
  get(index: number): AbiValue;
  field(name: string): AbiValue;
  set(index: number, value: AbiInput): void;
  setField(name: string, value: AbiInput): void;
  toJS(): PlainValue;
  dispose(): void;
  [Symbol.dispose](): void;
}

/** A continuation the VM handed out, pinned until dropped, resumed or disposed. */
export declare class PinnedContinuation implements Disposable, ContinuationHandle {
  private constructor();
  readonly disposed: boolean;
  readonly vm: Vm;
  readonly index: number;
  readonly generation: number;
  toJSON(): ContinuationHandle;
  dispose(): void;
  [Symbol.dispose](): void;
}

/** A decoded module shared by many VMs. */
export declare class RuskModule implements Disposable {
  private constructor();
  readonly disposed: boolean;
  readonly typeNames: readonly string[];
  dispose(): void;
  [Symbol.dispose](): void;
}

/** A composite built in JS (see the constructors). */
export declare class Composite {
  private constructor();
  readonly kind: "array" | "tuple" | "struct" | "enum";
}

export declare function byte(value: number): AbiByte;
export declare function char(value: string): AbiChar;
export declare function array(items: AbiInput[], elem?: AbiTypeSpec): Composite;
export declare function tuple(items: AbiInput[]): Composite;
export declare function struct(name: string | null, fields: { [field: string]: AbiInput }, typeArgs?: AbiTypeSpec[]): Composite;
export declare function enumValue(name: string | null, variant: string, fields?: AbiInput[], typeArgs?: AbiTypeSpec[]): Composite;

export declare const abi: {
  byte: typeof byte; char: typeof char; array: typeof array; tuple: typeof tuple;
  struct: typeof struct; enumValue: typeof enumValue;
};

/** Rusk.diagnostics(): what the runtime holds (leak checks). */
export interface Diagnostics {
  /** Live (not yet disposed or finalized) VMs and modules in the runtime. */
  vms: number;
  modules: number;
  /** Composite values and continuations pinned for JS handles, over all live VMs. */
  compositeValues: number;
  pinnedContinuations: number;
  /** JS handles (Vm, RuskModule, CompositeValue, PinnedContinuation) not yet released. */
  handles: number;
  /** .NET managed heap bytes (after a full GC with `collect: true`); -1 on the "aot" engine. */
  managedBytes: number;
  /** Size of the runtime's linear memory (only grows). */
  wasmMemoryBytes: number;
}

/** "mono": the .NET runtime (_framework/); "aot": the VM compiled to WasmGC (aot/rusk.wasm). */
export type RuskEngine = "mono" | "aot";

export interface EngineOptions {
  /** The engine to boot (default "aot"). "aot" falls back to "mono" where WasmGC or exception handling is missing. */
  engine?: RuskEngine;
  /** Test hook: replaces the WasmGC/EH feature probe (a boolean only, in worker mode). */
  probe?: boolean | (() => boolean);
}

/** The engine loadRusk() boots when `engine` is not given. */
export declare const DEFAULT_ENGINE: RuskEngine;
/** The engine loadRusk(options) would boot here (after the feature probe). */
export declare function resolveEngine(options?: EngineOptions): RuskEngine;

export interface Rusk {
  /** The engine that booted (after the probe's fallback). */
  readonly engine: RuskEngine;
  /** Milliseconds the runtime took to boot. */
  readonly bootMs: number;
  readonly abi: typeof abi;
  loadModule(rbcBytes: Uint8Array | ArrayBuffer): RuskModule;
  createVm(rbc: Uint8Array | ArrayBuffer | RuskModule, options?: CreateVmOptions): Vm;
  /** A VM in the state a snapshot holds (argv from the snapshot); Error with the byte offset for bad bytes. */
  restoreVm(rbc: Uint8Array | ArrayBuffer | RuskModule, snapshot: Uint8Array | ArrayBuffer, options?: CreateVmOptions): Vm;
  /** Re-runs a journal without hosts; the VM is left where the journal ends. */
  replayVm(rbc: Uint8Array | ArrayBuffer | RuskModule, journal: Uint8Array | ArrayBuffer, options?: CreateVmOptions): Vm;
  /** Live counts and memory of the runtime; `collect: true` runs a full .NET GC first. */
  diagnostics(options?: { collect?: boolean }): Diagnostics;
}

/** Boots an engine once (later calls share it). `baseUrl`: folder holding `_framework/` and `aot/`. */
export declare function loadRusk(options?: EngineOptions & { baseUrl?: string | URL; worker?: false }): Promise<Rusk>;
/** Starts a RuskWorker (a new module Worker per call), as RuskWorker.start(options). */
export declare function loadRusk(options: RuskWorkerOptions & { worker: true }): Promise<RuskWorker>;

export type EffectHandler = (...args: AbiValue[]) => AbiInput | Promise<AbiInput>;

export interface RunVmOptions {
  /** Handlers keyed by "Interface.method" or effect id. */
  effects?: Record<string, EffectHandler> | Map<string | number, EffectHandler>;
  /** Instructions per slice between yields (default 50 000). */
  fuelPerTick?: number;
  signal?: AbortSignal;
  /** Replaces the default yield (a MessageChannel macrotask). */
  onYield?: () => Promise<void> | void;
}

/** Drives `vm` to completion; rejects with RuskTrapError on a trap. */
export declare function runVm(vm: Vm, options?: RunVmOptions): Promise<AbiValue>;

export declare class RuskTrapError extends Error {
  readonly frames: StackFrame[];
}

/** Throw from a host import to fail it with exactly this message. */
export declare class HostError extends Error {
  constructor(message: string);
}

export declare function yieldToEventLoop(): Promise<void>;

// ---- worker mode -------------------------------------------------------------------------------

export interface RuskWorkerOptions extends EngineOptions {
  /** The dist/ folder: holds worker.js, index.js and _framework/ (default: this module's folder). */
  baseUrl?: string | URL;
  /** The worker script, if not `${baseUrl}worker.js` (resolved against baseUrl). */
  workerUrl?: string | URL;
}

/**
 * What a host module's default install function receives with the worker-side Vm. Host modules
 * run inside the worker: `vm.registerHostImport` there is the synchronous main-thread API.
 */
export interface HostModuleContext {
  /** createVm's options.hostData, structured-cloned into the worker. */
  readonly data: unknown;
  /** Sends `value` (structured-cloned) to createVm's options.onMessage; stdout so far goes first. */
  postMessage(value: unknown): void;
  /** The worker's ABI constructors (use these, or import the worker's own dist/index.js URL). */
  readonly abi: typeof abi;
  readonly HostError: typeof HostError;
}

/**
 * The shape of a host module (createVm options.hostModule). Every export named like a declared
 * host import is registered (ES2022 string names: `export { add as "js::add_int" }`); a default
 * object registers its properties by name; a default function is called once per VM (may be
 * async) and registers what it wants — per-VM state lives in its closure.
 */
export interface HostModule {
  default?: ((vm: Vm, ctx: HostModuleContext) => void | Promise<void>) | Record<string, HostImportFn>;
  [importName: string]: unknown;
}

export interface WorkerCreateVmOptions {
  argv?: string[];
  metrics?: boolean;
  /** Record a replay journal (vm.journal()). */
  journal?: boolean;
  /** As CreateVmOptions.maxHeapBytes. */
  maxHeapBytes?: number;
  /** Program output, in chunks (one per slice or step, not one call per print). Default: console.log per line. */
  stdout?: (text: string) => void;
  /** URL of the host module the worker imports (relative: to the page). */
  hostModule?: string | URL;
  /** Structured-cloneable data for the host module (ctx.data). */
  hostData?: unknown;
  /** Receives what host imports send with ctx.postMessage. */
  onMessage?: (data: unknown) => void;
}

/** A value of a worker VM on the page: copies (composites as CompositeSnapshot, continuations as handles). */
export type WorkerValue =
  | undefined | boolean | bigint | number | string | Uint8Array
  | AbiByte | AbiChar | ContinuationHandle | CompositeSnapshot;

/** A value going into a worker VM: AbiInput, plus CompositeSnapshot (rebuilt by value). */
export type WorkerInput = AbiInput | CompositeSnapshot;

export type WorkerStepResult =
  | { tag: "done"; value: WorkerValue }
  | { tag: "trap"; message: string; stack: StackFrame[] }
  | { tag: "request"; effectId: number; args: WorkerValue[]; k: ContinuationHandle }
  | { tag: "yield"; remainingFuel: number };

export type WorkerEffectHandler = (...args: WorkerValue[]) => WorkerInput | Promise<WorkerInput>;

export interface WorkerRunOptions {
  /** Handlers (on the page) keyed by "Interface.method" or effect id. */
  effects?: Record<string, WorkerEffectHandler> | Map<string | number, WorkerEffectHandler>;
  /** Instructions per slice; the worker yields between slices (default 50 000). */
  fuelPerTick?: number;
  signal?: AbortSignal;
}

/** A module Worker (a worker thread under Node.js) holding VMs; every call is a message. */
export declare class RuskWorker {
  private constructor();
  static start(options?: RuskWorkerOptions): Promise<RuskWorker>;
  /** The dist/ folder the worker booted from. */
  readonly baseUrl: string;
  /** Milliseconds the runtime took to boot inside the worker. */
  readonly bootMs: number;
  /** The engine the worker booted (after its own feature probe). */
  readonly engine: RuskEngine;
  readonly terminated: boolean;
  loadModule(rbcBytes: Uint8Array | ArrayBuffer): Promise<WorkerModule>;
  createVm(rbc: Uint8Array | ArrayBuffer | WorkerModule, options?: WorkerCreateVmOptions): Promise<WorkerVm>;
  /** As Rusk.restoreVm, in the worker (host imports from options.hostModule). */
  restoreVm(rbc: Uint8Array | ArrayBuffer | WorkerModule, snapshot: Uint8Array | ArrayBuffer, options?: WorkerCreateVmOptions): Promise<WorkerVm>;
  /** As Rusk.replayVm, in the worker. */
  replayVm(rbc: Uint8Array | ArrayBuffer | WorkerModule, journal: Uint8Array | ArrayBuffer, options?: WorkerCreateVmOptions): Promise<WorkerVm>;
  /** Live objects inside the worker (leak checks). */
  stats(): Promise<{ vms: number; modules: number; runs: number }>;
  /** Stops the worker; its VMs are gone, pending calls reject. */
  terminate(): void;
  [Symbol.dispose](): void;
}

/** A module decoded inside a worker, shared by many of its VMs. */
export declare class WorkerModule {
  private constructor();
  readonly worker: RuskWorker;
  readonly typeNames: readonly string[];
  readonly disposed: boolean;
  dispose(): void;
  [Symbol.dispose](): void;
}

/** One VM inside a RuskWorker: Vm + runVm, async. */
export declare class WorkerVm {
  private constructor();
  readonly worker: RuskWorker;
  readonly disposed: boolean;
  readonly typeNames: readonly string[];
  listHostImports(): HostImportInfo[];
  listExternalEffects(): ExternalEffectInfo[];
  externalEffectId(name: string): number | undefined;
  step(fuel?: number | bigint): Promise<WorkerStepResult>;
  /** As Vm.snapshot() (not while run() is in flight). */
  snapshot(): Promise<Uint8Array>;
  /** As Vm.journal(). */
  journal(): Promise<Uint8Array>;
  resume(k: ContinuationHandle, value: WorkerInput): Promise<void>;
  dropContinuation(k: ContinuationHandle): Promise<void>;
  dropPinnedContinuation(k: ContinuationHandle): Promise<void>;
  resumePinnedContinuationTail(k: ContinuationHandle, value: WorkerInput): Promise<void>;
  state(): Promise<{ done: boolean; trapped: boolean; suspended: boolean }>;
  isDone(): Promise<boolean>;
  isTrapped(): Promise<boolean>;
  isSuspended(): Promise<boolean>;
  takeMetrics(): Promise<Metrics>;
  /** As runVm: resolves with the result, rejects with RuskTrapError on a trap. */
  run(options?: WorkerRunOptions): Promise<WorkerValue>;
  /** Frees the VM in the worker (a run in flight rejects); resolves once freed. */
  dispose(): Promise<void>;
  [Symbol.dispose](): void;
  [Symbol.asyncDispose](): Promise<void>;
}

/** A composite of a worker VM, copied when it crossed: CompositeValue's reading API, read-only. */
export declare class CompositeSnapshot {
  private constructor();
  readonly kind: "array" | "tuple" | "struct" | "enum";
  readonly type: AbiType;
  readonly abiType: AbiType;
  readonly typeName: string | undefined;
  readonly length: number;
  /** Enum variant (undefined for other kinds). */
  readonly variant: string | undefined;
  readonly fields: WorkerValue[];
  /** Always false (a copy pins nothing). */
  readonly disposed: boolean;
  get(index: number): WorkerValue;
  field(name: string): WorkerValue;
  /** Throws: a copy cannot be written. */
  set(index: number, value: unknown): never;
  setField(name: string, value: unknown): never;
  toJS(): PlainValue;
  dispose(): void;
  [Symbol.dispose](): void;
}
