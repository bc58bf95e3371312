// Host module for worker-cases.mjs: the core intrinsics of the corpus host environment and the
// test host import, as a default object of host import functions (loaded inside the worker thread).
import { coreHosts } from "./corpus-hosts.mjs";

export default {
  ...coreHosts,
  "test::add_int": (a, b) => BigInt.asIntN(64, a + b),
};
