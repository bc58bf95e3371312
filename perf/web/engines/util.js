// Shared by the engine adapters: fetching, the JS host functions of the contract (x + 1 of the same
// type; a generator driver answering each yield with value + 1), result text.

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

/** The host import of the hostcall benchmarks, for numbers and bigints alike. */
export const inc = (x) => (typeof x === "bigint" ? x + 1n : x + 1);

/** The host side of an effect benchmark's generator: answers every yield with value + 1. */
export function drive(gen) {
  let r = gen.next();
  while (!r.done) r = gen.next(inc(r.value));
  return r.value;
}

/** gc() exists with --js-flags=--expose-gc (the harness' Chromium has it); called outside timing. */
export const collect = () => globalThis.gc?.();

/** A result as text: bigint/number/string as String(); anything else as JSON. */
export function text(v) {
  if (v === null || typeof v !== "object") return String(v);
  return JSON.stringify(v, (_, x) => (typeof x === "bigint" ? x.toString() : x));
}
