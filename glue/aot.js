// The AOT engine: loads dist/aot/rusk.wasm (the VM compiled by rusk-aot, docs/aot.md) and adapts
// its number-only exports to the object the Mono runtime's [JSExport]s give the rest of the glue
// (strings, string[], Uint8Array, number[]), so vm.js, abi.js and driver.js run unchanged.
// Buffers in the module's linear memory (native/Rusk.Vm.Aot/Scratch.cs; glue/README.md):
//   header at ScratchHeader(): [tape address, tape capacity, text address, text capacity]
//   tape buffer: value tapes, .rbc / snapshot / journal bytes, f64 results
//   text buffer: UTF-16 strings, argv

/**
 * A tiny module using what rusk.wasm needs beyond MVP: a GC struct (struct.new / struct.get), an
 * exception tag, try_table with catch_all_ref and an exnref block result. Its function throws,
 * catches, and returns 7 from a struct field.
 */
const PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  // types: 0 = (struct (field i32)), 1 = (func (result i32)), 2 = (func)
  0x01, 0x0c, 0x03, 0x5f, 0x01, 0x7f, 0x00, 0x60, 0x00, 0x01, 0x7f, 0x60, 0x00, 0x00,
  // one function of type 1; one tag of type 2; export "f"
  0x03, 0x02, 0x01, 0x01,
  0x0d, 0x03, 0x01, 0x00, 0x02,
  0x07, 0x05, 0x01, 0x01, 0x66, 0x00, 0x00,
  // code: (block (result exnref) (try_table (catch_all_ref 0) (throw 0)) unreachable) drop
  //       (struct.get 0 0 (struct.new 0 (i32.const 7)))
  0x0a, 0x1a, 0x01, 0x18,
  0x00, 0x02, 0x69, 0x1f, 0x40, 0x01, 0x03, 0x00, 0x08, 0x00, 0x0b, 0x00, 0x0b, 0x1a,
  0x41, 0x07, 0xfb, 0x00, 0x00, 0xfb, 0x02, 0x00, 0x00, 0x0b,
]);

/** True when this engine validates and runs WasmGC with exnref exception handling (the probe). */
export function aotSupported() {
  try {
    if (typeof WebAssembly !== "object" || !WebAssembly.validate(PROBE)) return false;
    return new WebAssembly.Instance(new WebAssembly.Module(PROBE)).exports.f() === 7;
  } catch {
    return false;
  }
}

/** The engine loadRusk() boots when `engine` is not given ("mono" where the probe fails). */
export const DEFAULT_ENGINE = "aot";

/**
 * Checks loadRusk's `engine` and `probe` options. `probe` (a test hook) replaces the built-in
 * probe: a function returning a boolean, or the boolean itself (only a boolean crosses to a worker).
 */
export function engineOptions(options, worker) {
  const { engine = DEFAULT_ENGINE, probe } = options;
  if (engine !== "aot" && engine !== "mono") throw new TypeError(`loadRusk options.engine: expected "aot" or "mono", got ${String(engine)}`);
  if (probe !== undefined && typeof probe !== "boolean" && (worker || typeof probe !== "function")) {
    throw new TypeError(`loadRusk options.probe: expected ${worker ? "a boolean in worker mode" : "a function returning a boolean, or a boolean"}`);
  }
  return { engine, probe };
}

/**
 * The engine to boot for `options`: "aot" only where the probe says WasmGC and exception handling
 * (exnref) work; "mono" otherwise, and whenever "mono" is asked for.
 */
export function resolveEngine(options = {}) {
  const { engine, probe } = engineOptions(options, false);
  if (engine === "mono") return "mono";
  const supported = probe === undefined ? aotSupported() : typeof probe === "function" ? Boolean(probe()) : probe;
  return supported ? "aot" : "mono";
}

/** Compiles and instantiates `url` (streaming where the server allows it; file: URLs under Node). */
async function instantiate(url, imports) {
  if (url.protocol === "file:") {
    // Node: fetch() has no file: scheme. A computed specifier keeps bundlers from resolving it.
    const fsName = "node:fs/promises";
    const fs = await import(/* webpackIgnore: true */ /* @vite-ignore */ fsName);
    let bytes;
    try {
      bytes = await fs.readFile(url);
    } catch (e) {
      throw new Error(`AOT engine: cannot read ${url.href} (${e.code ?? e.message}); is dist/aot/rusk.wasm built? dist/aot/BUILD-ERRORS.txt says why not`);
    }
    return (await WebAssembly.instantiate(bytes, imports)).instance;
  }
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`AOT engine: ${url.href}: HTTP ${response.status}; is dist/aot/rusk.wasm built? dist/aot/BUILD-ERRORS.txt says why not`);
  }
  if (typeof WebAssembly.instantiateStreaming === "function") {
    try {
      return (await WebAssembly.instantiateStreaming(response.clone(), imports)).instance;
    } catch (e) {
      // A server that does not send application/wasm: compile from the bytes instead.
      if (!(e instanceof TypeError)) throw e;
    }
  }
  return (await WebAssembly.instantiate(await response.arrayBuffer(), imports)).instance;
}

const utf16 = new TextDecoder("utf-16le");

/** Exports whose arguments and results are the same numbers on both engines. */
const PASSED_THROUGH = ["ScratchHeader", "EnsureScratch", "ReleaseModule", "DisposeVm", "RegisterHostImport", "Step", "Resume",
  "DropContinuation", "ResumePinnedContinuationTail", "DropPinnedContinuation", "State", "ValueLength", "ValueGet", "ValueSet",
  "ReleaseValue", "LiveValueCount"];
/** Exports AotExports wraps (strings, arrays, bytes or booleans cross through memory). */
const ADAPTED = ["LastError", "EnsureText", "LoadModule", "ModuleJson", "CreateVm", "TakeMetrics", "ValueField", "ValueVariant",
  "ValueRead", "ValueSetField", "Diagnostics", "SnapshotVm", "RestoreVm", "JournalOf", "ReplayVm"];

/**
 * The raw exports as the glue calls them: the same names, arguments and results as the [JSExport]s
 * of native/Rusk.Vm.Wasm/Exports.cs.
 */
class AotExports {
  #raw;
  #memory;
  #u8 = new Uint8Array(0);
  #u32 = new Uint32Array(0);
  #header;

  constructor(raw) {
    if (!(raw.memory instanceof WebAssembly.Memory)) throw new Error("AOT engine: rusk.wasm does not export its linear memory as `memory`");
    for (const name of [...PASSED_THROUGH, ...ADAPTED]) {
      if (typeof raw[name] !== "function") throw new Error(`AOT engine: rusk.wasm does not export ${name}`);
    }
    for (const name of PASSED_THROUGH) this[name] = raw[name];
    this.#raw = raw;
    this.#memory = raw.memory;
    this.#header = raw.ScratchHeader();
  }

  /** Linear memory as bytes (a new view after memory.grow detached the old buffer). */
  heapU8() {
    if (this.#u8.buffer !== this.#memory.buffer) this.#u8 = new Uint8Array(this.#memory.buffer);
    return this.#u8;
  }

  heapU32() {
    if (this.#u32.buffer !== this.#memory.buffer) this.#u32 = new Uint32Array(this.#memory.buffer);
    return this.#u32;
  }

  #i32(at) {
    return new DataView(this.heapU8().buffer).getInt32(at, true);
  }

  #text(units) {
    if (units < 0) return null;
    const at = this.#i32(this.#header + 8);
    return utf16.decode(this.heapU8().subarray(at, at + units * 2));
  }

  /** Writes strings into the text buffer: each as i32 unit count + units when `counted`, else one bare string. */
  #putText(strings, counted) {
    let bytes = 0;
    for (const s of strings) bytes += s.length * 2 + (counted ? 4 : 0);
    if (bytes > this.#i32(this.#header + 12) && this.#raw.EnsureText(bytes) < 0) throw new RangeError(this.LastError());
    const view = new DataView(this.heapU8().buffer);
    let at = this.#i32(this.#header + 8);
    for (const s of strings) {
      if (counted) {
        view.setInt32(at, s.length, true);
        at += 4;
      }
      for (let i = 0; i < s.length; i++, at += 2) view.setUint16(at, s.charCodeAt(i), true);
    }
    return counted ? strings.length : strings[0].length;
  }

  #doubles(count) {
    if (count < 0) return null;
    const at = this.#i32(this.#header);
    return Array.from(new Float64Array(this.heapU8().buffer, at, count));
  }

  /** Copies `bytes` into the tape buffer from 0 (growing it); returns their count, or -1 (LastError) when it cannot grow. */
  #putBytes(bytes) {
    if (bytes.length > this.#i32(this.#header + 4) && this.#raw.EnsureScratch(bytes.length) < 0) return -1;
    this.heapU8().set(bytes, this.#i32(this.#header));
    return bytes.length;
  }

  /** A byte result: a copy of the first `count` bytes of the tape buffer (a Uint8Array, as Mono's byte[]); -1 = null. */
  #bytes(count) {
    if (count < 0) return null;
    const at = this.#i32(this.#header);
    return this.heapU8().slice(at, at + count);
  }

  LastError() { return this.#text(this.#raw.LastError()) ?? ""; }

  LoadModule(bytes) {
    const length = this.#putBytes(bytes);
    return length < 0 ? -1 : this.#raw.LoadModule(length);
  }

  ModuleJson(module) { return this.#text(this.#raw.ModuleJson(module)); }

  CreateVm(module, argv, metrics, maxHeapBytes, journal) {
    const argc = argv === null ? -1 : this.#putText(argv, true);
    return this.#raw.CreateVm(module, argc, metrics ? 1 : 0, maxHeapBytes, journal ? 1 : 0);
  }

  SnapshotVm(vm) { return this.#bytes(this.#raw.SnapshotVm(vm)); }

  RestoreVm(module, snapshot, metrics, maxHeapBytes) {
    const length = this.#putBytes(snapshot);
    return length < 0 ? -1 : this.#raw.RestoreVm(module, length, metrics ? 1 : 0, maxHeapBytes);
  }

  JournalOf(vm) { return this.#bytes(this.#raw.JournalOf(vm)); }

  ReplayVm(module, journal, metrics, record, maxHeapBytes) {
    const length = this.#putBytes(journal);
    return length < 0 ? -1 : this.#raw.ReplayVm(module, length, metrics ? 1 : 0, record ? 1 : 0, maxHeapBytes);
  }

  TakeMetrics(vm) { return this.#doubles(this.#raw.TakeMetrics(vm)); }

  ValueField(vm, slot, generation, name) {
    return this.#raw.ValueField(vm, slot, generation, this.#putText([name], false));
  }

  ValueVariant(vm, slot, generation) { return this.#text(this.#raw.ValueVariant(vm, slot, generation)); }

  ValueRead(vm, slot, generation, deep) { return this.#raw.ValueRead(vm, slot, generation, deep ? 1 : 0); }

  /** The value tape is already in the tape buffer (vm._encode); the name goes to the text buffer. */
  ValueSetField(vm, slot, generation, name, valueLength) {
    return this.#raw.ValueSetField(vm, slot, generation, this.#putText([name], false), valueLength);
  }

  Diagnostics(collect) { return this.#doubles(this.#raw.Diagnostics(collect ? 1 : 0)); }
}

/**
 * Loads `${base}aot/rusk.wasm` with `hostCall` as its "rusk"."hostCall" import. Returns the adapted
 * exports and a runtime-like object with the heap views glue/abi.js's Scratch reads through.
 */
export async function bootAot(base, hostCall) {
  const instance = await instantiate(new URL("aot/rusk.wasm", base), { rusk: { hostCall } });
  const exports = new AotExports(instance.exports);
  const runtime = { localHeapViewU8: () => exports.heapU8(), localHeapViewU32: () => exports.heapU32() };
  return { exports, runtime };
}
