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
  /** .NET managed heap bytes (after a full GC with `collect: true`). */
  managedBytes: number;
  /** Size of the runtime's linear memory (only grows). */
  wasmMemoryBytes: number;
}

export interface Rusk {
  /** Milliseconds the runtime took to boot. */
  readonly bootMs: number;
  readonly abi: typeof abi;
  loadModule(rbcBytes: Uint8Array | ArrayBuffer): RuskModule;
  createVm(rbc: Uint8Array | ArrayBuffer | RuskModule, options?: CreateVmOptions): Vm;
  /** Live counts and memory of the runtime; `collect: true` runs a full .NET GC first. */
  diagnostics(options?: { collect?: boolean }): Diagnostics;
}

/** Boots the runtime once (later calls share it). `baseUrl`: folder holding `_framework/`. */
export declare function loadRusk(options?: { baseUrl?: string | URL }): Promise<Rusk>;

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
