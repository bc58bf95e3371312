// Our VM booted inside a module Worker (engines/worker.js); this page side only forwards the calls.
// The times come from the worker (postMessage is outside them).
let worker;
let seq = 0;
const pending = new Map();

function call(op, arg) {
  return new Promise((resolve, reject) => {
    const id = ++seq;
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, op, arg });
  });
}

export async function boot() {
  worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
  worker.onmessage = ({ data }) => {
    const p = pending.get(data.id);
    pending.delete(data.id);
    if ("error" in data) p.reject(new Error(`worker: ${data.error}`));
    else p.resolve(data.value);
  };
  worker.onerror = (e) => {
    for (const p of pending.values()) p.reject(new Error(`worker error: ${e.message}`));
    pending.clear();
  };
  await call("boot");
}

export const trivial = () => call("trivial");
export const load = (spec) => call("load", spec);
export const run = () => call("run");
