// ABI types and primitive ABI values in the byte form snapshots and journals share
// (docs/snapshot-format.md "ABI values"): a kind byte, then the payload.
using System;
using Rusk.Vm.Format;

namespace Rusk.Vm.Durable;

internal static class AbiCodec
{
    const int MaxTypeDepth = 1_000;

    public static void WriteType(ByteWriter w, AbiType t)
    {
        w.Byte((byte)t.Kind);
        switch (t.Kind)
        {
            case AbiKind.Array: WriteType(w, t.Elem!); break;
            case AbiKind.Tuple: WriteTypes(w, t.Items); break;
            case AbiKind.Struct: case AbiKind.Enum: w.U(t.Id); WriteTypes(w, t.Items); break;
        }
    }

    public static void WriteTypes(ByteWriter w, AbiType[] types)
    {
        w.U(types.Length);
        foreach (var t in types) WriteType(w, t);
    }

    public static AbiType ReadType(ByteReader r, Module m, int depth)
    {
        int at = r.Offset;
        if (depth > MaxTypeDepth) throw r.Error(at, $"expected an ABI type nested at most {MaxTypeDepth} deep");
        byte k = r.Byte("abi type kind");
        switch ((AbiKind)k)
        {
            case <= AbiKind.Char: return AbiType.Leaf((AbiKind)k);
            case AbiKind.Array: return AbiType.Array(ReadType(r, m, depth + 1));
            case AbiKind.Tuple: return AbiType.Tuple(ReadTypes(r, m, depth));
            case AbiKind.Struct:
            case AbiKind.Enum:
            {
                uint id = (uint)r.U("abi type id", m.TypeNames.Length - 1);
                var items = ReadTypes(r, m, depth);
                return (AbiKind)k == AbiKind.Struct ? AbiType.Struct(id, items) : AbiType.Enum(id, items);
            }
            default: throw r.Error(at, $"expected an ABI type kind 0..12, found {k}");
        }
    }

    public static AbiType[] ReadTypes(ByteReader r, Module m, int depth)
    {
        var items = new AbiType[r.Count("type count")];
        for (int i = 0; i < items.Length; i++) items[i] = ReadType(r, m, depth + 1);
        return items;
    }

    /// <summary>Writes a non-composite value (kind byte and payload).</summary>
    public static void WritePrimitive(ByteWriter w, in AbiValue v)
    {
        w.Byte((byte)v.Kind);
        switch (v.Kind)
        {
            case AbiKind.Unit: break;
            case AbiKind.Bool: w.U(v.AsBool ? 1 : 0); break;
            case AbiKind.Int: w.S(v.AsInt); break;
            case AbiKind.Float: w.Fixed64(v.FloatBits); break;
            case AbiKind.Byte: w.U(v.AsByte); break;
            case AbiKind.Char: w.U(v.AsChar); break;
            case AbiKind.String: w.Str(v.AsString); break;
            case AbiKind.Bytes: w.Blob(v.AsBytes); break;
            case AbiKind.Continuation: w.U(v.AsContinuation.Index); w.U(v.AsContinuation.Generation); break;
            default: throw new ArgumentException("a composite value", nameof(v));
        }
    }

    /// <summary>Reads the payload of a non-composite value of kind <paramref name="k"/>; false for the composite kinds.</summary>
    public static bool TryReadPrimitive(ByteReader r, byte k, int at, out AbiValue v)
    {
        switch ((AbiKind)k)
        {
            case AbiKind.Unit: v = AbiValue.Unit; return true;
            case AbiKind.Bool: v = AbiValue.Bool(r.U("bool", 1) != 0); return true;
            case AbiKind.Int: v = AbiValue.Int(r.S("int")); return true;
            case AbiKind.Float: v = AbiValue.Float(BitConverter.Int64BitsToDouble(r.Fixed64("float bits"))); return true;
            case AbiKind.Byte: v = AbiValue.Byte((byte)r.U("byte", 255)); return true;
            case AbiKind.Char:
            {
                int c = r.U("char", 0x10FFFF);
                if (c >= 0xD800 && c <= 0xDFFF) throw r.Error(at + 1, $"expected a Unicode scalar value, found 0x{c:X}");
                v = AbiValue.Char(c);
                return true;
            }
            case AbiKind.String: v = AbiValue.String(r.Str("string")); return true;
            case AbiKind.Bytes: v = AbiValue.Bytes(r.Blob("bytes")); return true;
            case AbiKind.Continuation:
                v = AbiValue.Continuation(new ContinuationHandle((uint)r.U("handle index", uint.MaxValue), (uint)r.U("handle generation", uint.MaxValue)));
                return true;
            case AbiKind.Array:
            case AbiKind.Tuple:
            case AbiKind.Struct:
            case AbiKind.Enum:
                v = default;
                return false;
            default: throw r.Error(at, $"expected a value kind 0..12, found {k}");
        }
    }
}
