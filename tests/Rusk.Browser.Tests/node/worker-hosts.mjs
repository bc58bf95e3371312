// Host module for worker-cases.mjs: the core intrinsics of the corpus host environment and the
// test host import, as a default object of host import functions (loaded inside the worker thread).
const bytesEq = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

export default {
  "core::intrinsics::string_concat": (a, b) => a + b,
  "core::intrinsics::string_eq": (a, b) => a === b,
  "core::intrinsics::string_ne": (a, b) => a !== b,
  "core::intrinsics::bytes_eq": (a, b) => bytesEq(a, b),
  "core::intrinsics::bytes_ne": (a, b) => !bytesEq(a, b),
  "core::intrinsics::unit_eq": () => true,
  "core::intrinsics::unit_ne": () => false,
  "core::intrinsics::float_lt": (a, b) => a < b,
  "core::intrinsics::float_ge": (a, b) => a >= b,
  "test::add_int": (a, b) => BigInt.asIntN(64, a + b),
};
