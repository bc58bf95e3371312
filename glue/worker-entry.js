// Entry of dist/worker.js, the script RuskWorker starts: serves glue/worker-server.js over the
// Worker's global scope in a browser, or over parentPort in a Node.js worker thread.
import { serve } from "./worker-server.js";

if (typeof WorkerGlobalScope !== "undefined" && globalThis instanceof WorkerGlobalScope) {
  serve({
    post: (m) => globalThis.postMessage(m),
    listen: (handler) => { globalThis.onmessage = (e) => handler(e.data); },
  });
} else {
  const nodeWorkerThreads = "node:worker_threads";
  const { parentPort } = await import(/* webpackIgnore: true */ /* @vite-ignore */ nodeWorkerThreads);
  if (parentPort === null) throw new Error("dist/worker.js runs inside a Worker (new RuskWorker / loadRusk({ worker: true })), not as a main script");
  serve({
    post: (m) => parentPort.postMessage(m),
    listen: (handler) => parentPort.on("message", handler),
  });
}
