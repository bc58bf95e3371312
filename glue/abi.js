// ABI value mapping between JS and the VM, over the value tape (native/Rusk.Vm.Wasm/Tape.cs is the
// other half; keep the two in step). Primitives map as in the reference browser binding:
//   unit ↔ undefined (null accepted), bool ↔ boolean, int ↔ bigint (i64, range-checked),
//   float ↔ number, string ↔ string, bytes ↔ Uint8Array, byte ↔ {tag:"byte",value},
//   char ↔ {tag:"char",value}, continuation ↔ {index, generation} (a PinnedContinuation handle).
// Composites (array/tuple/struct/enum) coming from the VM are CompositeValue handles; JS builds
// composites with the constructors below or, where the declared ABI type is known, from plain JS
// (arrays for arrays and tuples, objects for structs, {variant, fields} for enums).
import { Handle } from "./store.js";

export const Tag = Object.freeze({
  unit: 0, bool: 1, int: 2, float: 3, string: 4, bytes: 5, continuation: 6, byte: 7, char: 8,
  array: 9, tuple: 10, struct: 11, enum: 12, ref: 16,
});

/** Leaf ABI type names by AbiKind (0..8). */
const LEAVES = ["unit", "bool", "int", "float", "string", "bytes", "continuation", "byte", "char"];
const KIND_OF = { array: 9, tuple: 10, struct: 11, enum: 12 };
const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder("utf-8", { fatal: false });

// ---- tape ------------------------------------------------------------------------------------

export class TapeWriter {
  #buf = new Uint8Array(256);
  #view = new DataView(this.#buf.buffer);
  #len = 0;

  /** One writer for every tape the glue sends (encoding never calls into .NET, so tapes never interleave). */
  static shared = new TapeWriter();

  reset() {
    this.#len = 0;
    return this;
  }

  get length() {
    return this.#len;
  }

  #ensure(n) {
    if (this.#len + n <= this.#buf.length) return;
    let size = this.#buf.length * 2;
    while (size < this.#len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.#buf.subarray(0, this.#len));
    this.#buf = next;
    this.#view = new DataView(next.buffer);
  }

  u8(v) {
    this.#ensure(1);
    this.#buf[this.#len++] = v;
  }

  u32(v) {
    this.#ensure(4);
    this.#view.setUint32(this.#len, v, true);
    this.#len += 4;
  }

  i64(v) {
    this.#ensure(8);
    this.#view.setBigInt64(this.#len, v, true);
    this.#len += 8;
  }

  f64(v) {
    this.#ensure(8);
    this.#view.setFloat64(this.#len, v, true);
    this.#len += 8;
  }

  str(s) {
    // UTF-8 is at most 3 bytes per UTF-16 unit.
    this.#ensure(4 + s.length * 3);
    const { written } = utf8Encoder.encodeInto(s, this.#buf.subarray(this.#len + 4));
    this.#view.setUint32(this.#len, written, true);
    this.#len += 4 + written;
  }

  blob(bytes) {
    this.u32(bytes.length);
    this.#ensure(bytes.length);
    this.#buf.set(bytes, this.#len);
    this.#len += bytes.length;
  }

  /** The tape so far (a view: copy it before the next reset). */
  bytes() {
    return this.#buf.subarray(0, this.#len);
  }
}

/**
 * Reads a tape. Over the scratch buffer it must be used up before the next call into .NET (which
 * may overwrite the buffer or grow the heap); strings and bytes are copied out.
 */
export class TapeReader {
  #buf;
  #view;
  #pos;

  constructor(bytes, offset = 0, length = bytes.length - offset) {
    this.#buf = bytes;
    this.#pos = offset;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  u8() {
    return this.#buf[this.#pos++];
  }

  u32() {
    const v = this.#view.getUint32(this.#pos, true);
    this.#pos += 4;
    return v;
  }

  i64() {
    const v = this.#view.getBigInt64(this.#pos, true);
    this.#pos += 8;
    return v;
  }

  f64() {
    const v = this.#view.getFloat64(this.#pos, true);
    this.#pos += 8;
    return v;
  }

  str() {
    const n = this.u32();
    const s = utf8Decoder.decode(this.#buf.subarray(this.#pos, this.#pos + n));
    this.#pos += n;
    return s;
  }

  blob() {
    const n = this.u32();
    const b = this.#buf.slice(this.#pos, this.#pos + n);
    this.#pos += n;
    return b;
  }

  /** An ABI type in the JSON shape of ModuleInfo ("int", {tag:"array",elem}, ...). */
  type() {
    const kind = this.u8();
    if (kind <= 8) return LEAVES[kind];
    if (kind === 9) return { tag: "array", elem: this.type() };
    if (kind === 10) return { tag: "tuple", items: this.#types() };
    const typeId = this.u32();
    return { tag: kind === 11 ? "struct" : "enum", typeId, args: this.#types() };
  }

  #types() {
    const n = this.u32();
    const ts = new Array(n);
    for (let i = 0; i < n; i++) ts[i] = this.type();
    return ts;
  }
}

/**
 * The scratch buffer in .NET's linear memory through which tapes cross (Scratch.cs): .NET leaves
 * a tape there and returns its length; the glue copies its tapes in before a call.
 */
export class Scratch {
  #exports;
  #heapU8;
  #heapU32;
  #header;

  constructor(exports, runtime) {
    this.#exports = exports;
    this.#heapU8 = runtime.localHeapViewU8;
    this.#heapU32 = runtime.localHeapViewU32;
    this.#header = exports.ScratchHeader() >>> 2;
  }

  /** Bytes of .NET's linear memory (it only grows). */
  get heapBytes() {
    return this.#heapU8().byteLength;
  }

  /** A reader over the `length`-byte tape the last .NET call left. */
  reader(length) {
    return new TapeReader(this.#heapU8(), this.#heapU32()[this.#header], length);
  }

  /** Copies `w`'s tape into the buffer (growing it first if needed); returns its length. */
  put(w) {
    const n = w.length;
    if (n > this.#heapU32()[this.#header + 1] && this.#exports.EnsureScratch(n) < 0) {
      throw new RangeError(this.#exports.LastError());
    }
    this.#heapU8().set(w.bytes(), this.#heapU32()[this.#header]);
    return n;
  }
}

function writeType(w, t) {
  if (typeof t === "string") {
    w.u8(LEAVES.indexOf(t));
    return;
  }
  w.u8(KIND_OF[t.tag]);
  if (t.tag === "array") writeType(w, t.elem);
  else {
    if (t.tag === "struct" || t.tag === "enum") w.u32(t.typeId);
    const items = t.tag === "tuple" ? t.items : t.args;
    w.u32(items.length);
    for (const item of items) writeType(w, item);
  }
}

// ---- module description ---------------------------------------------------------------------

/** The parsed module description (types, schemas, host imports, external effects). */
export class ModuleInfo {
  constructor(json) {
    const m = JSON.parse(json);
    this.types = m.types;
    this.schemas = m.schemas;
    this.hostImports = m.hostImports;
    this.externalEffects = m.externalEffects;
    this.typeIds = new Map();
    m.types.forEach((name, id) => this.typeIds.set(name, id));
    this.importIds = new Map();
    m.hostImports.forEach((imp, id) => this.importIds.set(imp.name, id));
    this.effectIds = new Map();
    m.externalEffects.forEach((e, id) => this.effectIds.set(`${e.interface}.${e.method}`, id));
  }

  /** Type id of `name`: the exact module type name, else the one name ending in `::name`. */
  typeId(name) {
    const exact = this.typeIds.get(name);
    if (exact !== undefined) return exact;
    let found;
    for (const [full, id] of this.typeIds) {
      if (full.endsWith(`::${name}`)) {
        if (found !== undefined) throw new TypeError(`type name \`${name}\` is ambiguous in this module; use the full name`);
        found = id;
      }
    }
    if (found === undefined) throw new TypeError(`unknown type \`${name}\` in this module`);
    return found;
  }

  /** Field types of a struct type, type parameters substituted. */
  structFields(t) {
    const s = this.schemas[t.typeId];
    if (!s || s.kind !== "struct") return undefined;
    return s.fields.map((f) => ({ name: f.name, type: substitute(f.type, t.args) }));
  }

  /** Field types of variant `variant` of an enum type, or undefined when unknown. */
  variantFields(t, variant) {
    const s = this.schemas[t.typeId];
    const v = s && s.kind === "enum" ? s.variants.find((x) => x.name === variant) : undefined;
    return v ? v.fields.map((f) => substitute(f, t.args)) : undefined;
  }

  /** A type with struct/enum names filled in, for listings. */
  named(t) {
    if (typeof t === "string") return t;
    switch (t.tag) {
      case "array": return { tag: "array", elem: this.named(t.elem) };
      case "tuple": return { tag: "tuple", items: t.items.map((x) => this.named(x)) };
      case "param": return t;
      default: return { tag: t.tag, typeId: t.typeId, name: this.types[t.typeId], args: t.args.map((x) => this.named(x)) };
    }
  }

  /** A type as Rusk-like text for messages: `[int]`, `(int, string)`, `Option<bytes>`. */
  describe(t) {
    if (t === undefined) return "unknown";
    if (typeof t === "string") return t;
    switch (t.tag) {
      case "array": return `[${this.describe(t.elem)}]`;
      case "tuple": return `(${t.items.map((x) => this.describe(x)).join(", ")})`;
      case "param": return `T${t.index}`;
      default: {
        const name = this.types[t.typeId] ?? `#${t.typeId}`;
        return t.args.length ? `${name}<${t.args.map((x) => this.describe(x)).join(", ")}>` : name;
      }
    }
  }

  /** Resolves a user type spec ("int", {tag:"struct", name:"Point"}, ...) to a module type. */
  resolveType(spec) {
    if (typeof spec === "string") {
      if (LEAVES.includes(spec)) return spec;
      return this.resolveType({ tag: this.schemas[this.typeId(spec)]?.kind ?? "struct", name: spec });
    }
    if (spec === null || typeof spec !== "object") throw new TypeError(`not an ABI type: ${String(spec)}`);
    switch (spec.tag) {
      case "array": return { tag: "array", elem: this.resolveType(spec.elem) };
      case "tuple": return { tag: "tuple", items: (spec.items ?? []).map((x) => this.resolveType(x)) };
      case "struct":
      case "enum": {
        const typeId = spec.typeId ?? this.typeId(spec.name);
        return { tag: spec.tag, typeId, args: (spec.args ?? []).map((x) => this.resolveType(x)) };
      }
      default: throw new TypeError(`not an ABI type: ${JSON.stringify(spec)}`);
    }
  }
}

function substitute(t, args) {
  if (typeof t === "string") return t;
  switch (t.tag) {
    case "param": return args[t.index] ?? t;
    case "array": return { tag: "array", elem: substitute(t.elem, args) };
    case "tuple": return { tag: "tuple", items: t.items.map((x) => substitute(x, args)) };
    default: return t.args.length ? { tag: t.tag, typeId: t.typeId, args: t.args.map((x) => substitute(x, args)) } : t;
  }
}

export function sameType(a, b) {
  if (a === b) return true;
  if (typeof a === "string" || typeof b === "string" || a.tag !== b.tag) return false;
  switch (a.tag) {
    case "array": return sameType(a.elem, b.elem);
    case "tuple": return a.items.length === b.items.length && a.items.every((x, i) => sameType(x, b.items[i]));
    case "param": return a.index === b.index;
    default: return a.typeId === b.typeId && a.args.length === b.args.length && a.args.every((x, i) => sameType(x, b.args[i]));
  }
}

// ---- constructors ----------------------------------------------------------------------------

/** A composite built in JS, materialized in the VM when it is passed to it. */
export class Composite {
  constructor(kind, props) {
    this.kind = kind;
    Object.assign(this, props);
    Object.freeze(this);
  }
}

/** An ABI byte (0..255). */
export function byte(value) {
  return { tag: "byte", value };
}

/** An ABI char: a string holding exactly one Unicode scalar value. */
export function char(value) {
  return { tag: "char", value };
}

/** An array; `elem` (an ABI type) is needed only where the declared type does not say it. */
export function array(items, elem) {
  if (!Array.isArray(items)) throw new TypeError("array(items): items must be an Array");
  return new Composite("array", { items, elem });
}

export function tuple(items) {
  if (!Array.isArray(items)) throw new TypeError("tuple(items): items must be an Array");
  return new Composite("tuple", { items });
}

/**
 * A struct. `name` may be null where the declared type says it; `typeArgs` default to the declared
 * type's (explicit ones win, so a host can return a deliberately wrong instantiation).
 */
export function struct(name, fields, typeArgs) {
  if (fields === null || typeof fields !== "object") throw new TypeError("struct(name, fields): fields must be an object");
  return new Composite("struct", { name, fields, typeArgs });
}

/** An enum value: `enumValue("Option", "Some", [x])`; same `name`/`typeArgs` rules as struct(). */
export function enumValue(name, variant, fields = [], typeArgs) {
  if (typeof variant !== "string") throw new TypeError("enumValue(name, variant, fields): variant must be a string");
  if (!Array.isArray(fields)) throw new TypeError("enumValue(name, variant, fields): fields must be an Array");
  return new Composite("enum", { name, variant, fields, typeArgs });
}

// ---- encoding (JS → VM) ----------------------------------------------------------------------

/**
 * Encodes `v` for a place of declared type `expected` (undefined when unknown). `cx` = {module,
 * vm, strict}. Strict (resume values) also rejects primitive kind mismatches here; otherwise the
 * VM checks them and traps with its own message, as the reference binding does for host imports.
 * Throws TypeError/RangeError naming `path`.
 */
export function writeValue(w, v, expected, cx, path) {
  switch (typeof v) {
    case "undefined":
      return prim(w, Tag.unit, "unit", expected, cx, path);
    case "boolean":
      prim(w, Tag.bool, "bool", expected, cx, path);
      return w.u8(v ? 1 : 0);
    case "bigint":
      if (v < I64_MIN || v > I64_MAX) throw new RangeError(`${at(path)}bigint out of range for int(i64)`);
      prim(w, Tag.int, "int", expected, cx, path);
      return w.i64(v);
    case "number":
      if (cx.strict && expected === "int") throw new TypeError(`${at(path)}expected int (a bigint), got number ${v}`);
      prim(w, Tag.float, "float", expected, cx, path);
      return w.f64(v);
    case "string":
      prim(w, Tag.string, "string", expected, cx, path);
      return w.str(v);
    case "object":
      break;
    default:
      throw new TypeError(`${at(path)}unsupported AbiValue JS type (got ${typeof v})`);
  }
  if (v === null) return prim(w, Tag.unit, "unit", expected, cx, path);
  if (v instanceof Uint8Array) {
    prim(w, Tag.bytes, "bytes", expected, cx, path);
    return w.blob(v);
  }
  if (v instanceof CompositeValue) return writeRef(w, v, expected, cx, path);
  if (v instanceof Composite) return writeComposite(w, v, expected, cx, path);
  if (v.tag === "byte") {
    const n = v.value;
    if (!Number.isInteger(n) || n < 0 || n > 255) throw new RangeError(`${at(path)}byte.value: out of range for u8 (got ${String(n)})`);
    prim(w, Tag.byte, "byte", expected, cx, path);
    return w.u8(n);
  }
  if (v.tag === "char") {
    const s = v.value;
    if (typeof s !== "string") throw new TypeError(`${at(path)}char.value: expected string`);
    const cp = s.codePointAt(0);
    if (cp === undefined) throw new TypeError(`${at(path)}char.value: must not be empty`);
    if (String.fromCodePoint(cp) !== s || (cp >= 0xd800 && cp <= 0xdfff)) {
      throw new TypeError(`${at(path)}char.value: must be a single Unicode scalar value`);
    }
    prim(w, Tag.char, "char", expected, cx, path);
    return w.u32(cp);
  }
  if (typeof v.index === "number" && typeof v.generation === "number") {
    prim(w, Tag.continuation, "continuation", expected, cx, path);
    if (v instanceof PinnedContinuation) {
      if (v.vm !== cx.vm) throw foreign("pinned continuation", v.vm, path);
      v._check();
    }
    w.u32(v.index >>> 0);
    return w.u32(v.generation >>> 0);
  }
  // Plain JS for a composite: only where the declared type says which.
  const t = expected;
  if (Array.isArray(v)) {
    if (t?.tag === "array") return writeComposite(w, new Composite("array", { items: v }), t, cx, path);
    if (t?.tag === "tuple") return writeComposite(w, new Composite("tuple", { items: v }), t, cx, path);
    throw new TypeError(`${at(path)}a JS array where ${describe(cx, t)} is expected (use abi.array() or abi.tuple() where the type is not declared)`);
  }
  if (t?.tag === "struct") return writeComposite(w, new Composite("struct", { name: null, fields: v }), t, cx, path);
  if (t?.tag === "enum" && typeof v.variant === "string") {
    return writeComposite(w, new Composite("enum", { name: null, variant: v.variant, fields: v.fields ?? [] }), t, cx, path);
  }
  throw new TypeError(`${at(path)}unsupported AbiValue JS type (got object) where ${describe(cx, t)} is expected`);
}

/** Message prefix naming where in a value the problem is ("" at the top level). */
function at(path) {
  return path ? `${path}: ` : "";
}

function describe(cx, t) {
  return t === undefined ? "no declared type" : `\`${cx.module.describe(t)}\``;
}

function prim(w, tag, name, expected, cx, path) {
  if (cx.strict && expected !== undefined && expected !== name) {
    throw new TypeError(`${at(path)}expected ${describe(cx, expected)}, got ${name}`);
  }
  w.u8(tag);
}

/** The error for a handle passed to a Vm other than its own. */
function foreign(what, owner, path) {
  return owner.disposed
    ? new Error(`${at(path)}this ${what} belongs to a disposed Vm`)
    : new TypeError(`${at(path)}this ${what} belongs to another Vm`);
}

function writeRef(w, v, expected, cx, path) {
  if (v.vm !== cx.vm) throw foreign("composite value", v.vm, path);
  v._check();
  if (cx.strict && expected !== undefined && !sameType(expected, v.type)) {
    throw new TypeError(`${at(path)}expected ${describe(cx, expected)}, got \`${cx.module.describe(v.type)}\``);
  }
  w.u8(Tag.ref);
  w.u32(v._slot);
  w.u32(v._generation);
}

function writeComposite(w, c, expected, cx, path) {
  const m = cx.module;
  const t = expected !== undefined && expected.tag === c.kind ? expected : undefined;
  if (cx.strict && expected !== undefined && t === undefined) {
    throw new TypeError(`${at(path)}expected ${describe(cx, expected)}, got ${c.kind}`);
  }
  switch (c.kind) {
    case "array": {
      const elem = c.elem !== undefined ? m.resolveType(c.elem) : t?.elem;
      if (elem === undefined) throw new TypeError(`${at(path)}array element type unknown; pass it: abi.array(items, elemType)`);
      if (cx.strict && t && !sameType(elem, t.elem)) throw new TypeError(`${at(path)}expected ${describe(cx, t)}, got \`[${m.describe(elem)}]\``);
      w.u8(Tag.array);
      writeType(w, elem);
      w.u32(c.items.length);
      c.items.forEach((x, i) => writeValue(w, x, elem, cx, `${path}[${i}]`));
      return;
    }
    case "tuple": {
      const items = t && t.items.length === c.items.length ? t.items : undefined;
      if (cx.strict && t && !items) throw new TypeError(`${at(path)}expected ${describe(cx, t)}, got a ${c.items.length}-tuple`);
      w.u8(Tag.tuple);
      w.u32(c.items.length);
      c.items.forEach((x, i) => writeValue(w, x, items?.[i], cx, `${path}.${i}`));
      return;
    }
    default: {
      const isStruct = c.kind === "struct";
      const typeId = c.name == null ? t?.typeId : m.typeId(c.name);
      if (typeId === undefined) throw new TypeError(`${at(path)}${c.kind} type name needed (no declared type here)`);
      const schema = m.schemas[typeId];
      if (schema && schema.kind !== c.kind) throw new TypeError(`${at(path)}\`${m.types[typeId]}\` is ${schema.kind === "enum" ? "an enum" : "a struct"}, not ${isStruct ? "a struct" : "an enum"}`);
      let args;
      if (c.typeArgs !== undefined) args = c.typeArgs.map((a) => m.resolveType(a));
      else if (t !== undefined && t.typeId === typeId) args = t.args;
      else args = [];
      const actual = { tag: c.kind, typeId, args };
      if (cx.strict && t !== undefined && !sameType(actual, t)) {
        throw new TypeError(`${at(path)}expected ${describe(cx, t)}, got \`${m.describe(actual)}\``);
      }
      if (schema && schema.typeParams !== args.length) {
        throw new TypeError(`${at(path)}\`${m.types[typeId]}\` takes ${schema.typeParams} type argument(s), got ${args.length} (pass typeArgs)`);
      }
      w.u8(isStruct ? Tag.struct : Tag.enum);
      w.u32(typeId);
      w.u32(args.length);
      for (const a of args) writeType(w, a);
      if (isStruct) {
        const declared = m.structFields(actual);
        const names = Object.keys(c.fields);
        if (declared) {
          for (const f of declared) {
            if (!(f.name in c.fields)) throw new TypeError(`${at(path)}struct \`${m.types[typeId]}\` needs field \`${f.name}\``);
          }
          for (const n of names) {
            if (!declared.some((f) => f.name === n)) throw new TypeError(`${at(path)}struct \`${m.types[typeId]}\` has no field \`${n}\``);
          }
        }
        const order = declared ? declared.map((f) => f.name) : names;
        w.u32(order.length);
        order.forEach((n, i) => {
          w.str(n);
          writeValue(w, c.fields[n], declared?.[i].type, cx, `${path}.${n}`);
        });
      } else {
        const fieldTypes = m.variantFields(actual, c.variant);
        if (schema && !fieldTypes) throw new TypeError(`${at(path)}enum \`${m.types[typeId]}\` has no variant \`${c.variant}\``);
        if (fieldTypes && fieldTypes.length !== c.fields.length) {
          throw new TypeError(`${at(path)}\`${m.types[typeId]}::${c.variant}\` has ${fieldTypes.length} field(s), got ${c.fields.length}`);
        }
        w.str(c.variant);
        w.u32(c.fields.length);
        c.fields.forEach((x, i) => writeValue(w, x, fieldTypes?.[i], cx, `${path}.${c.variant}.${i}`));
      }
    }
  }
}

// ---- decoding (VM → JS) ----------------------------------------------------------------------

/** One value; refs and continuations become handles owned by `vm`. */
export function readValue(r, vm) {
  const tag = r.u8();
  switch (tag) {
    case Tag.unit: return undefined;
    case Tag.bool: return r.u8() !== 0;
    case Tag.int: return r.i64();
    case Tag.float: return r.f64();
    case Tag.string: return r.str();
    case Tag.bytes: return r.blob();
    case Tag.continuation: {
      const index = r.u32();
      return vm._continuation(index, r.u32());
    }
    case Tag.byte: return { tag: "byte", value: r.u8() };
    case Tag.char: return { tag: "char", value: String.fromCodePoint(r.u32()) };
    case Tag.ref: {
      const slot = r.u32();
      const generation = r.u32();
      return new CompositeValue(vm, slot, generation, r.type());
    }
    case Tag.array:
    case Tag.tuple:
    case Tag.struct:
    case Tag.enum:
      return readContents(r, vm, tag);
    default:
      throw new Error(`value tape: bad tag ${tag}`);
  }
}

/** Inline composite contents as plain JS (the toJS() shapes). */
function readContents(r, vm, tag) {
  switch (tag) {
    case Tag.array: {
      r.type();
      return readList(r, vm);
    }
    case Tag.tuple:
      return readList(r, vm);
    case Tag.struct: {
      skipNominal(r);
      const n = r.u32();
      const obj = {};
      for (let i = 0; i < n; i++) {
        const name = r.str();
        obj[name] = readValue(r, vm);
      }
      return obj;
    }
    default: {
      skipNominal(r);
      const variant = r.str();
      return { variant, fields: readList(r, vm) };
    }
  }
}

function skipNominal(r) {
  r.u32();
  const n = r.u32();
  for (let i = 0; i < n; i++) r.type();
}

function readList(r, vm) {
  const n = r.u32();
  const items = new Array(n);
  for (let i = 0; i < n; i++) items[i] = readValue(r, vm);
  return items;
}

// ---- handles ---------------------------------------------------------------------------------

/**
 * A composite value (array, tuple, struct or enum) living in a VM's heap. It keeps the value
 * alive until dispose() (or until JS drops it). Reads go to the VM, so they see later writes.
 */
export class CompositeValue extends Handle {
  #vm;
  #slot;
  #generation;
  #type;

  constructor(vm, slot, generation, type) {
    const native = vm._native;
    super("composite value", () => native.exports.ReleaseValue(native.id, slot, generation), vm._children);
    this.#vm = vm;
    this.#slot = slot;
    this.#generation = generation;
    this.#type = type;
  }

  get vm() { return this.#vm; }
  get _slot() { return this.#slot; }
  get _generation() { return this.#generation; }

  _check() {
    if (this.#vm.disposed) throw new Error("composite value used after dispose (its Vm was disposed)");
    super._check();
  }

  /** "array" | "tuple" | "struct" | "enum". */
  get kind() { return this.#type.tag; }
  /** The full ABI type, struct/enum names filled in. */
  get type() { return this.#type; }
  get abiType() { return this.#vm._module.named(this.#type); }
  /** Struct/enum type name as the module spells it. */
  get typeName() {
    return this.#type.typeId === undefined ? undefined : this.#vm._module.types[this.#type.typeId];
  }

  #call(fn, ...args) {
    this._check();
    const { exports, id } = this.#vm._native;
    const out = exports[fn](id, this.#slot, this.#generation, ...args);
    if (out === null || out === -1) throw new Error(exports.LastError());
    return out;
  }

  /** Calls an export that leaves a one-value tape in the scratch buffer, and reads it. */
  #value(fn, ...args) {
    const n = this.#call(fn, ...args);
    return readValue(this.#vm._native.scratch.reader(n), this.#vm);
  }

  /** Array/tuple length, or the number of fields of a struct or of an enum's variant. */
  get length() { return this.#call("ValueLength"); }

  /** Element `i` of an array or tuple, or field `i` of an enum variant. */
  get(i) {
    if (!Number.isInteger(i) || i < 0) throw new RangeError(`index must be a non-negative integer, got ${String(i)}`);
    return this.#value("ValueGet", i);
  }

  /** Struct field `name`. */
  field(name) {
    if (typeof name !== "string") throw new TypeError("field(name): name must be a string");
    return this.#value("ValueField", name);
  }

  /** Enum variant name. */
  get variant() { return this.#call("ValueVariant"); }

  /** Enum variant fields (as values). */
  get fields() {
    const n = this.length;
    const out = new Array(n);
    for (let i = 0; i < n; i++) out[i] = this.get(i);
    return out;
  }

  /** Writes array element `i` (checked against the element type). */
  set(i, value) {
    if (!Number.isInteger(i) || i < 0) throw new RangeError(`index must be a non-negative integer, got ${String(i)}`);
    this._check();
    const elem = this.#type.tag === "array" ? this.#type.elem : undefined;
    this.#call("ValueSet", i, this.#vm._encode(value, elem, true, `element ${i}`));
  }

  /** Writes struct field `name` (checked against the field type). */
  setField(name, value) {
    this._check();
    const f = this.#vm._module.structFields(this.#type)?.find((x) => x.name === name);
    this.#call("ValueSetField", name, this.#vm._encode(value, f?.type, true, `field ${name}`));
  }

  /**
   * Deep copy as plain JS: arrays and tuples → Array, structs → object (fields in schema order),
   * enums → {variant, fields}; primitives as everywhere else.
   */
  toJS() {
    return this.#value("ValueRead", true);
  }
}

/**
 * A continuation the VM handed to JS (pinned in the VM until dropped, resumed or disposed).
 * Shaped like the reference binding's {index, generation}; dispose() unpins it.
 */
export class PinnedContinuation extends Handle {
  #vm;
  #index;
  #generation;

  constructor(vm, index, generation) {
    const native = vm._native;
    super("pinned continuation", () => {
      vm._pinnedReleased(index, generation);
      native.exports.DropPinnedContinuation(native.id, index, generation);
    }, vm._children);
    this.#vm = vm;
    this.#index = index;
    this.#generation = generation;
  }

  get vm() { return this.#vm; }

  _check() {
    if (this.#vm.disposed) throw new Error("pinned continuation used after dispose (its Vm was disposed)");
    super._check();
  }

  get index() { return this.#index; }
  get generation() { return this.#generation; }

  toJSON() {
    return { index: this.#index, generation: this.#generation };
  }
}
