// The value tape: the one binary encoding of ABI values (and step payloads) that crosses the
// JS ↔ .NET boundary in the scratch buffer (Scratch.cs of each export layer). glue/abi.js holds
// the JS half; the two must change together.
//
// Little-endian. A value is a tag byte then its payload:
//   0 unit | 1 bool u8 | 2 int i64 | 3 float f64 | 4 string str | 5 bytes u32 n, n bytes
//   6 continuation u32 index, u32 generation | 7 byte u8 | 8 char u32 scalar
//   9 array  type elem, u32 n, n values                          (inline composite)
//  10 tuple  u32 n, n values                                     (inline composite)
//  11 struct u32 typeId, u32 a, a types, u32 n, n (str name, value)   (inline composite)
//  12 enum   u32 typeId, u32 a, a types, str variant, u32 n, n values (inline composite)
//  16 ref    u32 slot, u32 generation, type       (a composite held in the session's value table;
//            the glue sends refs back without the type: the table entry is authoritative)
// str = u32 byte length + UTF-8. A type is u8 AbiKind then: array → elem type; tuple → u32 n,
// n types; struct/enum → u32 typeId, u32 n, n types; leaves → nothing.
namespace Rusk.Vm.Marshalling;

static class Tape
{
    public const byte Unit = 0, Bool = 1, Int = 2, Float = 3, String = 4, Bytes = 5, Continuation = 6,
        Byte = 7, Char = 8, Array = 9, Tuple = 10, Struct = 11, Enum = 12, Ref = 16;

    /// <summary>Nesting limit of inline composites, both ways (cyclic values end here).</summary>
    public const int MaxDepth = 200;
}
