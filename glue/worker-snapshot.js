// CompositeSnapshot: an array, tuple, struct or enum value of a worker VM as the page sees it — a
// deep, read-only copy taken when the value crossed (the VM's heap is in another thread). It reads
// like a CompositeValue, so effect handlers written for runVm work on it unchanged.

const disposeSymbol = Symbol.dispose ?? Symbol.for("Symbol.dispose");

export class CompositeSnapshot {
  #kind;
  #type;
  #typeName;
  #variant;
  #items;
  #names;

  /** @internal Built by the worker client from the wire form. */
  constructor(kind, type, typeName, variant, items, names) {
    this.#kind = kind;
    this.#type = type;
    this.#typeName = typeName;
    this.#variant = variant;
    this.#items = Object.freeze(items);
    this.#names = names === undefined ? undefined : Object.freeze(names);
  }

  /** "array" | "tuple" | "struct" | "enum". */
  get kind() { return this.#kind; }
  /** The ABI type, struct/enum names filled in. */
  get type() { return this.#type; }
  get abiType() { return this.#type; }
  /** Struct/enum type name as the module spells it (undefined for arrays and tuples). */
  get typeName() { return this.#typeName; }
  /** Elements (array/tuple) or fields (struct, enum variant). */
  get length() { return this.#items.length; }
  /** Enum variant name (undefined for other kinds). */
  get variant() { return this.#variant; }
  /** Enum variant fields or struct fields, in order. */
  get fields() { return this.#items.slice(); }
  /** Always false: a copy pins nothing. */
  get disposed() { return false; }

  /** Element `i` of an array or tuple, or field `i` of a struct or enum variant. */
  get(i) {
    if (!Number.isInteger(i) || i < 0) throw new RangeError(`index must be a non-negative integer, got ${String(i)}`);
    if (i >= this.#items.length) throw new RangeError(`index ${i} out of range (length ${this.#items.length})`);
    return this.#items[i];
  }

  /** Struct field `name`. */
  field(name) {
    if (typeof name !== "string") throw new TypeError("field(name): name must be a string");
    const i = this.#names === undefined ? -1 : this.#names.indexOf(name);
    if (i < 0) throw new Error(`${this.#typeName ?? this.#kind} has no field \`${name}\``);
    return this.#items[i];
  }

  set() {
    throw new Error("CompositeSnapshot.set: a value of a worker Vm is a read-only copy");
  }

  setField() {
    throw new Error("CompositeSnapshot.setField: a value of a worker Vm is a read-only copy");
  }

  /** Deep copy as plain JS, in the shapes of CompositeValue.toJS(). */
  toJS() {
    const plain = (x) => (x instanceof CompositeSnapshot ? x.toJS() : x);
    switch (this.#kind) {
      case "array":
      case "tuple":
        return this.#items.map(plain);
      case "struct": {
        const o = {};
        this.#names.forEach((n, i) => { o[n] = plain(this.#items[i]); });
        return o;
      }
      default:
        return { variant: this.#variant, fields: this.#items.map(plain) };
    }
  }

  /** A copy pins nothing; dispose() exists so code written for CompositeValue runs unchanged. */
  dispose() {}

  [disposeSymbol]() {}

  /** @internal The struct's field names in schema order. */
  get _names() { return this.#names; }
}
