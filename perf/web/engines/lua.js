// Lua 5.4 compiled to wasm (wasmoon, its UMD build and glue.wasm from node_modules). A fresh Lua
// state per benchmark; the port chunk is loaded inside Lua and called through a small Lua wrapper
// so that the result is turned into text by Lua's tostring (64-bit integers survive), untimed.
// host.call is a JS function (each call crosses wasmoon's boundary; the effect ports resume their
// coroutine with it themselves).
// Timed: one call of the wrapper, i.e. bench(n, host).
import { fetchText, inc } from "./util.js";

let factory;
let lua;
let fns;
let spec;

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const s = document.createElement("script");
    s.src = src;
    s.onload = resolve;
    s.onerror = () => reject(new Error(`cannot load ${src}`));
    document.head.append(s);
  });
}

export async function boot() {
  await loadScript("/node_modules/wasmoon/dist/index.js");
  factory = new globalThis.wasmoon.LuaFactory("/node_modules/wasmoon/dist/glue.wasm");
  await factory.getLuaModule();
}

export async function trivial() {
  const e = await factory.createEngine();
  const v = await e.doString("return 40 + 2");
  e.global.close();
  return String(v);
}

export async function load(s) {
  spec = s;
  const src = await fetchText(s.portUrl);
  lua?.global.close();
  lua = await factory.createEngine();
  lua.global.set("__src", src);
  lua.global.set("__hostcall", inc);
  await lua.doString(`
    local bench = assert(load(__src, "=${s.name}.lua"))()
    __src = nil
    local host = { call = __hostcall }
    local n = ${Number(s.n)}
    local result
    __bench_gc = function() collectgarbage() end
    __bench_run = function() result = bench(n, host) end
    __bench_result = function() return tostring(result) end
  `);
  fns = { gc: lua.global.get("__bench_gc"), run: lua.global.get("__bench_run"), result: lua.global.get("__bench_result") };
}

export async function run() {
  fns.gc();
  globalThis.gc?.();
  const t0 = performance.now();
  try {
    fns.run();
  } catch (e) {
    return { ms: performance.now() - t0, result: `error: ${e?.message ?? e}` };
  }
  const ms = performance.now() - t0;
  return { ms, result: fns.result() };
}
