// Instantiates a rusk-aot module and calls every exported function (no arguments), printing one
// line per export: `name=value` or `name!error message`. Run by SnippetTests with Node 26.
import { readFileSync } from "node:fs";

const bytes = readFileSync(process.argv[2]);
const imports = { rusk: { hostAdd: (a, b) => a + b } };
const { instance } = await WebAssembly.instantiate(bytes, imports);
for (const [name, fn] of Object.entries(instance.exports)) {
  if (typeof fn !== "function") continue;
  try {
    const v = fn();
    console.log(`${name}=${typeof v === "bigint" ? v.toString() : v === undefined ? "void" : Object.is(v, -0) ? "-0" : String(v)}`);
  } catch (e) {
    console.log(`${name}!${String(e && e.message || e).replace(/\n/g, " ")}`);
  }
}
