// Proves the benchmark ports correct: runs every port listed in perf/benchmarks.json in plain JS (this
// node), in QuickJS (quickjs-emscripten) and in Lua 5.4 (wasmoon) and compares each result with the
// benchmark's expected value. Times are informational (one run each, no warm-up unless --runs).
//
// usage: node perf/ports/check.mjs [--quick] [--filter TEXT] [--engines js,quickjs,lua] [--runs N] [--json FILE]
//   --quick    quickN / quickExpected instead of n / expected (what the test suite runs)
//   --filter   only benchmarks whose name contains TEXT
//   --engines  a comma-separated subset of js, quickjs, lua
//   --runs N   time N runs per port (the table shows the fastest); every run's result is checked
//   --json     also write the results as JSON
// Exit status: 0 when every result matched, 1 on a mismatch or an error, 2 on a usage error.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { getQuickJS } from "quickjs-emscripten";
import { LuaFactory } from "wasmoon";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const ENGINES = ["js", "quickjs", "lua"];

function usage(message) {
  console.error(`check.mjs: ${message}`);
  console.error("usage: node perf/ports/check.mjs [--quick] [--filter TEXT] [--engines js,quickjs,lua] [--runs N] [--json FILE]");
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { quick: false, filter: "", engines: ENGINES, runs: 1, json: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => (i + 1 < argv.length ? argv[++i] : usage(`${a} needs a value`));
    if (a === "--quick") opts.quick = true;
    else if (a === "--filter") opts.filter = value();
    else if (a === "--engines") {
      opts.engines = value().split(",").filter((e) => e !== "");
      for (const e of opts.engines) if (!ENGINES.includes(e)) usage(`unknown engine \`${e}\` (expected ${ENGINES.join(", ")})`);
    } else if (a === "--runs") {
      opts.runs = Number(value());
      if (!Number.isInteger(opts.runs) || opts.runs < 1) usage("--runs expects a positive integer");
    } else if (a === "--json") opts.json = value();
    else usage(`unknown argument \`${a}\``);
  }
  return opts;
}

/** The embedder's side of the host-boundary benchmarks, as the harness provides it: call(x) = x + 1. */
const jsHost = { call: (x) => x + 1 };

/** Plain JS: the port's script text evaluated in this isolate (a Function body keeps ports apart). */
function jsEngine() {
  return {
    load(source) {
      const bench = new Function(`${source}\n;return bench;`)();
      return { run: (n) => String(bench(n, jsHost)), dispose() {} };
    },
    dispose() {},
  };
}

/** QuickJS: a fresh runtime per port without memory or stack limits or an interrupt handler. */
async function quickjsEngine() {
  const QuickJS = await getQuickJS();
  return {
    load(source, name) {
      const rt = QuickJS.newRuntime();
      rt.setMemoryLimit(-1);
      rt.setMaxStackSize(0);
      rt.removeInterruptHandler();
      const ctx = rt.newContext();
      const handles = [];
      const keep = (h) => (handles.push(h), h);
      const unwrap = (r, what) => {
        if (r.error) {
          const e = ctx.dump(r.error);
          r.error.dispose();
          throw new Error(`${name}: QuickJS ${what}: ${typeof e === "object" ? `${e.name}: ${e.message}` : e}`);
        }
        return r.value;
      };
      try {
        unwrap(ctx.evalCode(source, `${name}.js`), "load").dispose();
        const runner = keep(unwrap(ctx.evalCode("(function (n, host) { return String(bench(n, host)); })", "runner.js"), "runner"));
        const host = keep(ctx.newObject());
        const call = ctx.newFunction("call", (x) => ctx.newNumber(ctx.getNumber(x) + 1));
        ctx.setProp(host, "call", call);
        call.dispose();
        return {
          run(n) {
            const nH = ctx.newNumber(n);
            try {
              const r = unwrap(ctx.callFunction(runner, ctx.undefined, nH, host), "run");
              try { return ctx.getString(r); } finally { r.dispose(); }
            } finally {
              nH.dispose();
            }
          },
          dispose() {
            for (const h of handles) h.dispose();
            ctx.dispose();
            rt.dispose();
          },
        };
      } catch (e) {
        for (const h of handles) h.dispose();
        ctx.dispose();
        rt.dispose();
        throw e;
      }
    },
    dispose() {},
  };
}

/** Lua 5.4: a fresh wasmoon state per port; the chunk returns function(n, host), its result goes through tostring. */
async function luaEngine() {
  const factory = new LuaFactory();
  return {
    async load(source, name) {
      const lua = await factory.createEngine();
      try {
        lua.global.set("__port_source", source);
        const run = await lua.doString(
          `local f = assert(load(__port_source, "=${name}.lua"))()\n` +
          "__port_source = nil\n" +
          "return function(n, host) return tostring(f(n, host)) end");
        return { run: (n) => run(n, jsHost), dispose: () => lua.global.close() };
      } catch (e) {
        lua.global.close();
        throw e;
      }
    },
    dispose() {},
  };
}

async function checkOne(engine, bench, engineName, n, expected, runs) {
  const portKey = engineName === "lua" ? "lua" : "js";
  const file = bench.ports?.[portKey];
  if (!file) return { ok: false, error: `no ${portKey} port listed` };
  let port;
  try {
    port = await engine.load(readFileSync(join(repoRoot, file), "utf8"), bench.name);
  } catch (e) {
    return { ok: false, error: `load failed: ${e.message}` };
  }
  try {
    let best = Infinity;
    let result = "";
    for (let r = 0; r < runs; r++) {
      const t0 = performance.now();
      result = port.run(n);
      const ms = performance.now() - t0;
      if (ms < best) best = ms;
      if (result !== expected) return { ok: false, ms: best, result, error: `got ${result}, expected ${expected}` };
    }
    return { ok: true, ms: best, result };
  } catch (e) {
    return { ok: false, error: `run failed: ${e.message}` };
  } finally {
    port.dispose();
  }
}

const pad = (s, w) => String(s).padEnd(w);
const padL = (s, w) => String(s).padStart(w);

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const list = JSON.parse(readFileSync(join(repoRoot, "perf", "benchmarks.json"), "utf8")).benchmarks
    .filter((b) => b.name.includes(opts.filter));
  if (list.length === 0) usage(`no benchmark matches \`${opts.filter}\``);

  const makers = { js: jsEngine, quickjs: quickjsEngine, lua: luaEngine };
  const engines = {};
  for (const e of opts.engines) engines[e] = await makers[e]();

  const nameW = Math.max(...list.map((b) => b.name.length));
  console.log(`${pad("benchmark", nameW)}  ${padL("n", 9)}  ${opts.engines.map((e) => padL(`${e} ms`, 11)).join("  ")}  result`);
  const rows = [];
  let failures = 0;
  for (const b of list) {
    const n = opts.quick ? b.quickN : b.n;
    const expected = opts.quick ? b.quickExpected : b.expected;
    const cells = [];
    const row = { name: b.name, n, expected, engines: {} };
    const problems = [];
    for (const e of opts.engines) {
      const r = await checkOne(engines[e], b, e, n, expected, opts.runs);
      row.engines[e] = r;
      cells.push(padL(r.ok ? r.ms.toFixed(1) : "FAIL", 11));
      if (!r.ok) problems.push(`${e}: ${r.error}`);
    }
    failures += problems.length;
    rows.push(row);
    console.log(`${pad(b.name, nameW)}  ${padL(n, 9)}  ${cells.join("  ")}  ${problems.length === 0 ? `ok ${expected}` : problems.join("; ")}`);
  }
  for (const e of Object.values(engines)) e.dispose();

  const total = list.length * opts.engines.length;
  console.log(`${total - failures} of ${total} port runs match (${opts.quick ? "quick sizes" : "full sizes"})`);
  if (opts.json) writeFileSync(opts.json, JSON.stringify({ quick: opts.quick, runs: opts.runs, benchmarks: rows }, null, 2) + "\n");
  process.exitCode = failures === 0 ? 0 : 1;
}

main().catch((e) => {
  console.error(`check.mjs: ${e.stack ?? e}`);
  process.exitCode = 1;
});
