// The module Worker of rusk-worker: the same adapter as the main-thread engine, driven by messages
// { id, op, arg } → { id, value } | { id, error }. Times are taken inside the worker.
import * as engine from "./rusk.js";

self.onmessage = async ({ data: { id, op, arg } }) => {
  try {
    self.postMessage({ id, value: await engine[op](arg) });
  } catch (e) {
    self.postMessage({ id, error: String(e?.stack ?? e) });
  }
};
