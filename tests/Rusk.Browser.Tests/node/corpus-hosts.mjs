// What the Node scripts share: the core intrinsics of the corpus's host environment
// (../shared/conformance/README.md) as host import functions, and a result's {type, value} form.
const bytesEq = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
/** String programs declare these; registerHostImport ignores the ones a module does not import. */
export const coreHosts = {
  "core::intrinsics::string_concat": (a, b) => a + b,
  "core::intrinsics::string_eq": (a, b) => a === b,
  "core::intrinsics::string_ne": (a, b) => a !== b,
  "core::intrinsics::bytes_eq": (a, b) => bytesEq(a, b),
  "core::intrinsics::bytes_ne": (a, b) => !bytesEq(a, b),
  "core::intrinsics::unit_eq": () => true,
  "core::intrinsics::unit_ne": () => false,
  "core::intrinsics::float_lt": (a, b) => a < b,
  "core::intrinsics::float_ge": (a, b) => a >= b,
};

export function describe(v) {
  switch (typeof v) {
    case "undefined": return { type: "unit" };
    case "bigint": return { type: "int", value: String(v) };
    case "boolean": return { type: "bool", value: v };
    case "string": return { type: "string", value: v };
    default: return { type: typeof v, value: String(v) };
  }
}
