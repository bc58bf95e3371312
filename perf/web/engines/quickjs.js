// QuickJS compiled to wasm (quickjs-emscripten, the release-sync variant, loaded from node_modules;
// its .wasm resolves beside emscripten-module.browser.mjs). A fresh runtime per benchmark with no
// memory or stack limit and no interrupt handler (as perf/ports/check.mjs); the port is evaluated
// in it once. host.call is a function of this page (outside QuickJS), so each call crosses the
// QuickJS boundary. Timed: the call of bench(n, host) through a small wrapper.
import { newQuickJSWASMModuleFromVariant } from "quickjs-emscripten-core";
import variant from "@jitl/quickjs-wasmfile-release-sync";
import { fetchText, collect } from "./util.js";

let QuickJS;
let rt;
let ctx;
let handles = [];

export async function boot() {
  QuickJS = await newQuickJSWASMModuleFromVariant(variant);
}

export async function trivial() {
  const c = QuickJS.newContext();
  const h = c.unwrapResult(c.evalCode("40 + 2"));
  const v = c.getNumber(h);
  h.dispose();
  c.dispose();
  return String(v);
}

function dispose() {
  for (const h of handles) h.dispose();
  handles = [];
  ctx?.dispose();
  rt?.dispose();
  ctx = rt = undefined;
}

export async function load(spec) {
  const src = await fetchText(spec.portUrl);
  dispose();
  rt = QuickJS.newRuntime();
  rt.setMemoryLimit(-1);
  rt.setMaxStackSize(0);
  rt.removeInterruptHandler();
  ctx = rt.newContext();
  const c = ctx;
  c.unwrapResult(c.evalCode(src, spec.portUrl)).dispose();
  const runFn = c.unwrapResult(c.evalCode("(function (n, host) { globalThis.__result = bench(n, host); })"));
  const host = c.newObject();
  const call = c.newFunction("call", (x) => c.newNumber(c.getNumber(x) + 1));
  c.setProp(host, "call", call);
  call.dispose();
  handles = [runFn, c.newNumber(spec.n), host];
}

export async function run() {
  collect();
  const [runFn, n, host] = handles;
  const t0 = performance.now();
  const res = ctx.callFunction(runFn, ctx.undefined, n, host);
  const ms = performance.now() - t0;
  if (res.error) {
    const e = ctx.dump(res.error);
    res.error.dispose();
    return { ms, result: `error: ${e?.message ?? JSON.stringify(e)}` };
  }
  res.value.dispose();
  const s = ctx.unwrapResult(ctx.evalCode("String(globalThis.__result)"));
  const result = ctx.getString(s);
  s.dispose();
  return { ms, result };
}
