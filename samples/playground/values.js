// Playground values: ABI types as Rusk-like text, VM values as text, and the text a user types
// for an effect's answer parsed into the JS value the glue expects for the declared type.
import { CompositeValue, PinnedContinuation, abi } from "../../dist/index.js";

/** `int`, `[string]`, `(int, bool)`, `Option<bytes>`, `T0` — the declared type as text. */
export function describeType(t) {
  if (t === undefined || t === null) return "?";
  if (typeof t === "string") return t;
  switch (t.tag) {
    case "array": return `[${describeType(t.elem)}]`;
    case "tuple": return `(${t.items.map(describeType).join(", ")})`;
    case "param": return `T${t.index}`;
    default: {
      const name = t.name ?? `#${t.typeId}`;
      return t.args && t.args.length > 0 ? `${name}<${t.args.map(describeType).join(", ")}>` : name;
    }
  }
}

/** `name(int, int) -> int`. */
export function describeSignature(name, params, ret) {
  return `${name}(${params.map(describeType).join(", ")}) -> ${describeType(ret)}`;
}

function hex(bytes) {
  let s = "";
  for (const b of bytes) s += b.toString(16).padStart(2, "0");
  return s;
}

function formatFloat(x) {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  // Keep floats recognisable next to ints: 2 prints as 2.0.
  return Number.isInteger(x) && !Object.is(x, -0) && Math.abs(x) < 1e21 ? `${x}.0` : String(x);
}

/** One value as Rusk-like text: 10, "hi", 2.0, b"6869", 'x', Point { x: 1, y: 2 }, Some(3). */
export function formatValue(v) {
  if (v === undefined || v === null) return "()";
  switch (typeof v) {
    case "boolean": return String(v);
    case "bigint": return v.toString();
    case "number": return formatFloat(v);
    case "string": return JSON.stringify(v);
    default: break;
  }
  if (v instanceof Uint8Array) return `b"${hex(v)}"`;
  if (v instanceof PinnedContinuation) return `continuation #${v.index}.${v.generation}`;
  if (v instanceof CompositeValue) return formatComposite(v);
  if (Array.isArray(v)) return `[${v.map(formatValue).join(", ")}]`;
  if (v.tag === "byte") return `${v.value}u8`;
  if (v.tag === "char") return `'${v.value}'`;
  if (typeof v.variant === "string") return formatVariant(v.variant, v.fields ?? []);
  return `{ ${Object.entries(v).map(([k, x]) => `${k}: ${formatValue(x)}`).join(", ")} }`;
}

function formatVariant(variant, fields) {
  return fields.length === 0 ? variant : `${variant}(${fields.map(formatValue).join(", ")})`;
}

function formatComposite(c) {
  const plain = c.toJS();
  const short = (c.typeName ?? "").split("::").pop();
  switch (c.kind) {
    case "array": return `[${plain.map(formatValue).join(", ")}]`;
    case "tuple": return `(${plain.map(formatValue).join(", ")})`;
    case "enum": return `${short ? `${short}::` : ""}${formatVariant(plain.variant, plain.fields)}`;
    default: return `${short} { ${Object.entries(plain).map(([k, x]) => `${k}: ${formatValue(x)}`).join(", ")} }`;
  }
}

/** The ABI type name of a value coming out of the VM (for the result line). */
export function typeOfValue(v) {
  if (v === undefined || v === null) return "unit";
  switch (typeof v) {
    case "boolean": return "bool";
    case "bigint": return "int";
    case "number": return "float";
    case "string": return "string";
    default: break;
  }
  if (v instanceof Uint8Array) return "bytes";
  if (v instanceof PinnedContinuation) return "continuation";
  if (v instanceof CompositeValue) return describeType(v.abiType);
  return v.tag ?? "value";
}

/** What to type for a value of type `t` (the answer box's placeholder). */
export function inputHint(t) {
  switch (t) {
    case "unit": return "nothing to type (unit)";
    case "bool": return "true or false";
    case "int": return "an integer, e.g. 42 or -7";
    case "float": return "a number, e.g. 1.5, NaN, inf";
    case "string": return "text, taken as is (no quotes)";
    case "bytes": return 'hex digits (e.g. 6869) or a "quoted" UTF-8 string';
    case "byte": return "0..255";
    case "char": return "one character";
    default: return `a JS expression for ${describeType(t)}, e.g. [1n, 2n] or {x: 1n} or {variant: "None"}`;
  }
}

/**
 * Parses the typed answer `text` as a value of type `t`. Throws Error with a message saying what
 * was expected; the glue checks the result against the declared type again.
 */
export function parseInput(text, t) {
  const s = text.trim();
  switch (t) {
    case "unit":
      if (s !== "" && s !== "()") throw new Error("unit: leave the box empty (or type ())");
      return undefined;
    case "bool":
      if (/^true$/i.test(s)) return true;
      if (/^false$/i.test(s)) return false;
      throw new Error(`bool: expected true or false, got ${JSON.stringify(text)}`);
    case "int":
      if (!/^[+-]?(\d+|0x[0-9a-f]+)$/i.test(s)) throw new Error(`int: expected an integer, got ${JSON.stringify(text)}`);
      return s.startsWith("-") ? -BigInt(s.slice(1)) : BigInt(s.replace(/^\+/, ""));
    case "float": {
      if (/^[+-]?inf(inity)?$/i.test(s)) return s.startsWith("-") ? -Infinity : Infinity;
      if (/^nan$/i.test(s)) return NaN;
      const x = Number(s);
      if (s === "" || Number.isNaN(x)) throw new Error(`float: expected a number, got ${JSON.stringify(text)}`);
      return x;
    }
    case "string":
      return text;
    case "bytes": {
      if (s.startsWith('"')) return new TextEncoder().encode(JSON.parse(s));
      const digits = s.replace(/\s+/g, "");
      if (!/^([0-9a-f]{2})*$/i.test(digits)) throw new Error(`bytes: expected pairs of hex digits or a "quoted" string, got ${JSON.stringify(text)}`);
      const out = new Uint8Array(digits.length / 2);
      for (let i = 0; i < out.length; i++) out[i] = parseInt(digits.substr(i * 2, 2), 16);
      return out;
    }
    case "byte": {
      const n = Number(s);
      if (!/^\d+$/.test(s) || n > 255) throw new Error(`byte: expected an integer 0..255, got ${JSON.stringify(text)}`);
      return abi.byte(n);
    }
    case "char":
      if ([...text].length !== 1) throw new Error(`char: expected exactly one character, got ${JSON.stringify(text)}`);
      return abi.char(text);
    default:
      // Composites, continuations, type parameters: a JS expression the glue maps by the declared type.
      try {
        return new Function("abi", `"use strict"; return (${text}\n);`)(abi);
      } catch (e) {
        throw new Error(`${describeType(t)}: the JS expression failed: ${e.message}`);
      }
  }
}
