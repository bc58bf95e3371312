// Reads values the glue encoded (Tape.cs) from the scratch buffer and builds them in the VM:
// primitives directly, inline composites through the HostContext constructors (which validate
// them), refs from the value table. Reads go through the Scratch seam, so the same code serves the
// Mono build (native memory) and the AOT build (LinearMemory).
using System;
using Rusk.Vm.Format;

namespace Rusk.Vm.Marshalling;

struct TapeReader
{
    readonly int _length;
    int _pos;

    /// <summary>A reader over the first <paramref name="length"/> bytes of the scratch buffer, as the glue wrote them.</summary>
    public TapeReader(int length)
    {
        if ((uint)length > (uint)Scratch.Capacity)
            throw new WasmApiException($"value tape length {length} exceeds the scratch buffer ({Scratch.Capacity} bytes)");
        _length = length;
        _pos = 0;
    }

    public bool AtEnd => _pos == _length;

    /// <summary>Claims the next <paramref name="n"/> bytes; returns their offset in the scratch buffer.</summary>
    int Take(int n)
    {
        if (n < 0 || _pos + n > _length)
            throw new WasmApiException($"value tape truncated at byte {_pos} (wanted {n} more)");
        int at = _pos;
        _pos += n;
        return at;
    }

    public byte U8() => Scratch.Load8(Take(1));
    public uint U32() => Scratch.Load32(Take(4));
    public long I64() => Scratch.Load64(Take(8));

    public string Str()
    {
        int n = checked((int)U32());
        return Scratch.LoadUtf8(Take(n), n);
    }

    int Count()
    {
        uint n = U32();
        // Every element takes at least one byte: a count beyond what remains is a corrupt tape.
        if (n > (uint)(_length - _pos)) throw new WasmApiException($"value tape count {n} at byte {_pos - 4} exceeds its length");
        return (int)n;
    }

    public AbiType Type(Module module, int depth = 0)
    {
        if (depth > Tape.MaxDepth) throw new WasmApiException("ABI type nested too deeply");
        var kind = (AbiKind)U8();
        switch (kind)
        {
            case AbiKind.Array: return AbiType.Array(Type(module, depth + 1));
            case AbiKind.Tuple: return AbiType.Tuple(Types(module, depth));
            case AbiKind.Struct: return AbiType.Struct(TypeId(module), Types(module, depth));
            case AbiKind.Enum: return AbiType.Enum(TypeId(module), Types(module, depth));
            default:
                if (kind > AbiKind.Char) throw new WasmApiException($"value tape: bad ABI type kind {(byte)kind} at byte {_pos - 1}");
                return AbiType.Leaf(kind);
        }
    }

    AbiType[] Types(Module module, int depth)
    {
        int n = Count();
        var ts = n == 0 ? System.Array.Empty<AbiType>() : new AbiType[n];
        for (int i = 0; i < n; i++) ts[i] = Type(module, depth + 1);
        return ts;
    }

    uint TypeId(Module module)
    {
        uint id = U32();
        if (id >= (uint)module.TypeNames.Length) throw new WasmApiException($"value tape: type id {id} out of range");
        return id;
    }

    /// <summary>One value, composites built with <paramref name="cx"/> (errors throw HostException).</summary>
    public AbiValue Value(Session session, HostContext cx, int depth = 0)
    {
        if (depth > Tape.MaxDepth) throw new WasmApiException($"value nested deeper than {Tape.MaxDepth} levels");
        byte tag = U8();
        switch (tag)
        {
            case Tape.Unit: return AbiValue.Unit;
            case Tape.Bool: return AbiValue.Bool(U8() != 0);
            case Tape.Int: return AbiValue.Int(I64());
            case Tape.Float: return AbiValue.Float(BitConverter.Int64BitsToDouble(I64()));
            case Tape.String: return AbiValue.String(Str());
            case Tape.Bytes:
            {
                int n = checked((int)U32());
                return AbiValue.Bytes(Scratch.LoadBytes(Take(n), n));
            }
            case Tape.Continuation:
            {
                uint index = U32();
                return AbiValue.Continuation(new ContinuationHandle(index, U32()));
            }
            case Tape.Byte: return AbiValue.Byte(U8());
            case Tape.Char:
            {
                uint c = U32();
                if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) throw new WasmApiException($"char: 0x{c:X} is not a Unicode scalar value");
                return AbiValue.Char((int)c);
            }
            case Tape.Array:
            {
                var elem = Type(session.Module);
                var items = Values(session, cx, depth);
                return cx.NewArray(elem, items);
            }
            case Tape.Tuple: return cx.NewTuple(Values(session, cx, depth));
            case Tape.Struct:
            {
                uint id = TypeId(session.Module);
                var args = Types(session.Module, 0);
                int n = Count();
                var names = new string[n];
                var values = new AbiValue[n];
                for (int i = 0; i < n; i++)
                {
                    names[i] = Str();
                    values[i] = Value(session, cx, depth + 1);
                }
                return cx.NewStruct(session.Module.TypeNames[id], args, names, values);
            }
            case Tape.Enum:
            {
                uint id = TypeId(session.Module);
                var args = Types(session.Module, 0);
                string variant = Str();
                return cx.NewEnum(session.Module.TypeNames[id], args, variant, Values(session, cx, depth));
            }
            case Tape.Ref:
            {
                uint slot = U32();
                return session.Values.Get(slot, U32());
            }
            default:
                throw new WasmApiException($"value tape: bad value tag {tag} at byte {_pos - 1}");
        }
    }

    AbiValue[] Values(Session session, HostContext cx, int depth)
    {
        int n = Count();
        var vs = n == 0 ? System.Array.Empty<AbiValue>() : new AbiValue[n];
        for (int i = 0; i < n; i++) vs[i] = Value(session, cx, depth + 1);
        return vs;
    }
}
