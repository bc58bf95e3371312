// Plain JavaScript (V8, the upper bound): the port's text is evaluated on the page, wrapped in a
// function so that ports of different benchmarks never share globals. Timed: bench(n, host) only.
import { fetchText, inc, collect, text } from "./util.js";

let bench;
let spec;
const host = { call: inc };

export async function boot() {}

export async function trivial() {
  return String(new Function("return 40 + 2")());
}

export async function load(s) {
  spec = s;
  const src = await fetchText(s.portUrl);
  bench = new Function(`${src}\n;return bench;\n//# sourceURL=${s.portUrl}`)();
  if (typeof bench !== "function") throw new TypeError(`${s.portUrl}: expected it to define function bench(n, host)`);
}

export async function run() {
  collect();
  const t0 = performance.now();
  const value = bench(spec.n, host);
  const ms = performance.now() - t0;
  return { ms, result: text(value) };
}
