// Host imports in the playground: each import is a JS expression (editable on the page) that
// evaluates to a function. Common imports get a working default; the rest start "not provided"
// with a template, so calling them traps until the user supplies one.
import { HostError, abi } from "../../dist/index.js";
import { describeType } from "./values.js";

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** Defaults by exact name (the conformance corpus' test hosts and the hello sample). */
const BY_NAME = {
  "test::add_int": "(a, b) => a + b",
  "host::add": "(a, b) => a + b",
  "js::add_int": "(a, b) => a + b",
  "sample::add": "(a, b) => a + b",
  "test::concat_string": "(a, b) => a + b",
  "test::bool_not": "(v) => !v",
  "test::float_mul": "(a, b) => a * b",
  "test::float_eq": "(a, b) => a === b",
  "test::unit": "() => undefined",
  "test::bytes_echo": "(b) => b",
  "test::bytes_eq": "(a, b) => a.length === b.length && a.every((x, i) => x === b[i])",
  "host::set": "(v) => { state.cell = v; }",
  "host::get": "() => state.cell ?? 0n",
  "js::log": '(s) => hostLog("js::log " + s)',
  "dom::set_text": '(id, text) => hostLog("dom::set_text " + id + " " + text)',
  "host::store_cont": "(k) => { (state.conts ??= []).push(k); }",
  "host::store": "(k) => { (state.conts ??= []).push(k); }",
  "js::store_cont": "(k) => { (state.conts ??= []).push(k); }",
  "host::pop_cont": '() => { if (!state.conts?.length) throw new HostError("host::pop_cont: empty"); return state.conts.pop(); }',
  "host::take_cont": '() => { if (!state.conts?.length) throw new HostError("host::take_cont: empty"); return state.conts.at(-1); }',
  "host::peek": '() => { if (!state.conts?.length) throw new HostError("host::peek: empty"); return state.conts.at(-1); }',
};

/** A default by shape: print-like (string) -> unit imports write to the stdout panel. */
function byShape(imp) {
  if (!same(imp.params, ["string"]) || imp.ret !== "unit") return undefined;
  const last = imp.name.split("::").pop();
  if (/^(print|write|puts|eprint)$/i.test(last)) return "(s) => stdout(s)";
  if (/^(println|writeln|eprintln)$/i.test(last)) return '(s) => stdout(s + "\\n")';
  if (/log$/i.test(last)) return `(s) => hostLog(${JSON.stringify(`${imp.name} `)} + s)`;
  return undefined;
}

/** A placeholder value of type `t` as JS source, for templates. */
function zeroOf(t) {
  switch (t) {
    case "unit": return "undefined";
    case "bool": return "false";
    case "int": return "0n";
    case "float": return "0.0";
    case "string": return '""';
    case "bytes": return "new Uint8Array()";
    case "byte": return "abi.byte(0)";
    case "char": return 'abi.char("a")';
    default: return `undefined /* ${describeType(t)} */`;
  }
}

/** {source, provided}: the expression to show and whether the import starts provided. */
export function defaultHost(imp) {
  const known = BY_NAME[imp.name] ?? byShape(imp);
  if (known !== undefined) return { source: known, provided: true };
  const names = imp.params.map((_, i) => String.fromCharCode(97 + (i % 26)) + (i >= 26 ? i : ""));
  return { source: `(${names.join(", ")}) => ${zeroOf(imp.ret)}`, provided: false };
}

/**
 * Evaluates `source` to a function with the playground's helpers in scope: stdout(text),
 * hostLog(line), state (a per-VM object), abi (value constructors), HostError (exact trap text).
 * Throws Error when it is not valid JS or not a function.
 */
export function compileHost(source, scope) {
  let fn;
  try {
    fn = new Function("stdout", "hostLog", "state", "abi", "HostError", `"use strict"; return (${source}\n);`)(
      scope.stdout, scope.hostLog, scope.state, abi, HostError);
  } catch (e) {
    throw new Error(`${e.name}: ${e.message}`);
  }
  if (typeof fn !== "function") throw new Error(`expected a function expression, got ${typeof fn}`);
  return fn;
}
