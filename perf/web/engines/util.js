// Shared by the engine adapters: fetching, the embedder's host function of the ports (host.call =
// x + 1), result text.

export async function fetchBytes(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url}: ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

export async function fetchText(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url}: ${res.status}`);
  return res.text();
}

/** host.call of the ports (numbers: every value of the ports stays below 2^53). The effect ports
 *  drive their generator/coroutine themselves with it (perf/ports/README.md). */
export const inc = (x) => x + 1;

/** gc() exists with --js-flags=--expose-gc (the harness' Chromium has it); called outside timing. */
export const collect = () => globalThis.gc?.();

/** A result as text: bigint/number/string as String(); anything else as JSON. */
export function text(v) {
  if (v === null || typeof v !== "object") return String(v);
  return JSON.stringify(v, (_, x) => (typeof x === "bigint" ? x.toString() : x));
}
