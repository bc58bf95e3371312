// Host module for the RuskWorker tests: the corpus host environment (conformance.js installHosts)
// installed per VM inside the worker; host log lines go to the page through ctx.postMessage.
import { installHosts } from "./conformance.js";

export default function install(vm, ctx) {
  installHosts(vm, { hostLog: { push: (line) => ctx.postMessage(line) } });
}
