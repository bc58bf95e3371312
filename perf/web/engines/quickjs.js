// QuickJS compiled to wasm (quickjs-emscripten, the release-sync variant, loaded from node_modules;
// its .wasm resolves beside emscripten-module.browser.mjs). A fresh context per benchmark; the port
// is evaluated in it once. host.call / host.drive are functions of this page (outside QuickJS), so
// each call and each generator resume crosses the QuickJS boundary. Timed: the call of bench(n, host).
import { newQuickJSWASMModuleFromVariant } from "quickjs-emscripten-core";
import variant from "@jitl/quickjs-wasmfile-release-sync";
import { fetchText, collect } from "./util.js";

let QuickJS;
let ctx;
let runFn;
let args;

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

function incHandle(c, h) {
  return c.typeof(h) === "bigint" ? c.newBigInt(c.getBigInt(h) + 1n) : c.newNumber(c.getNumber(h) + 1);
}

function makeHost(c) {
  const host = c.newObject();
  const call = c.newFunction("call", (x) => incHandle(c, x));
  const drive = c.newFunction("drive", (gen) => {
    const next = c.getProp(gen, "next");
    let arg;
    try {
      for (;;) {
        const res = arg === undefined ? c.callFunction(next, gen) : c.callFunction(next, gen, arg);
        arg?.dispose();
        arg = undefined;
        if (res.error) return res;
        const doneH = c.getProp(res.value, "done");
        const valueH = c.getProp(res.value, "value");
        const done = c.dump(doneH);
        doneH.dispose();
        res.value.dispose();
        if (done) return valueH;
        arg = incHandle(c, valueH);
        valueH.dispose();
      }
    } finally {
      next.dispose();
    }
  });
  c.setProp(host, "call", call);
  c.setProp(host, "drive", drive);
  call.dispose();
  drive.dispose();
  return host;
}

export async function load(spec) {
  const src = await fetchText(spec.portUrl);
  if (ctx) {
    runFn.dispose();
    for (const a of args) a.dispose();
    ctx.dispose();
  }
  ctx = QuickJS.newContext();
  ctx.unwrapResult(ctx.evalCode(src, spec.portUrl)).dispose();
  runFn = ctx.unwrapResult(ctx.evalCode("(function (n, host) { globalThis.__result = bench(n, host); })"));
  args = [ctx.newNumber(spec.n), makeHost(ctx)];
}

export async function run() {
  collect();
  const t0 = performance.now();
  const res = ctx.callFunction(runFn, ctx.undefined, ...args);
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
