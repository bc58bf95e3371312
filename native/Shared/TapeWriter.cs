// Writes values, types and step payloads in the tape encoding (Tape.cs) into the scratch buffer,
// from offset 0. One writer at a time: Begin() starts a tape, Length is what the glue reads.
using System.Collections.Generic;
using Rusk.Vm.Format;

namespace Rusk.Vm.Marshalling;

sealed class TapeWriter
{
    int _len;

    /// <summary>The shared writer (the scratch buffer holds one tape at a time).</summary>
    public static TapeWriter Shared { get; } = new();

    public TapeWriter Begin()
    {
        _len = 0;
        return this;
    }

    public int Length => _len;

    /// <summary>Claims the next <paramref name="n"/> bytes (growing the buffer); returns their offset.</summary>
    int Grow(int n)
    {
        Scratch.Ensure(checked(_len + n));
        int at = _len;
        _len += n;
        return at;
    }

    public void U8(byte v) => Scratch.Store8(Grow(1), v);
    public void U32(uint v) => Scratch.Store32(Grow(4), v);
    public void I64(long v) => Scratch.Store64(Grow(8), v);

    /// <summary>u32 UTF-8 byte length, then the bytes.</summary>
    public void Str(string s) => _len += Scratch.StoreUtf8(_len, s);

    public void Blob(byte[] b)
    {
        U32((uint)b.Length);
        Scratch.StoreBytes(Grow(b.Length), b);
    }

    public void Type(AbiType t)
    {
        U8((byte)t.Kind);
        switch (t.Kind)
        {
            case AbiKind.Array: Type(t.Elem!); break;
            case AbiKind.Tuple: Types(t.Items); break;
            case AbiKind.Struct:
            case AbiKind.Enum: U32(t.Id); Types(t.Items); break;
            case AbiKind.TypeParam: U32(t.Id); break;
        }
    }

    void Types(AbiType[] ts)
    {
        U32((uint)ts.Length);
        foreach (var t in ts) Type(t);
    }

    /// <summary>A value; composites become refs pinned in <paramref name="session"/>'s value table.</summary>
    public void Value(AbiValue v, Session session)
    {
        switch (v.Kind)
        {
            case AbiKind.Unit: U8(Tape.Unit); break;
            case AbiKind.Bool: U8(Tape.Bool); U8(v.AsBool ? (byte)1 : (byte)0); break;
            case AbiKind.Int: U8(Tape.Int); I64(v.AsInt); break;
            case AbiKind.Float: U8(Tape.Float); I64(v.FloatBits); break;
            case AbiKind.String: U8(Tape.String); Str(v.AsString); break;
            case AbiKind.Bytes: U8(Tape.Bytes); Blob(v.AsBytes); break;
            case AbiKind.Continuation:
                U8(Tape.Continuation);
                U32(v.AsContinuation.Index);
                U32(v.AsContinuation.Generation);
                break;
            case AbiKind.Byte: U8(Tape.Byte); U8(v.AsByte); break;
            case AbiKind.Char: U8(Tape.Char); U32((uint)v.AsChar); break;
            default:
                var (slot, gen) = session.Values.Pin(v);
                U8(Tape.Ref);
                U32(slot);
                U32(gen);
                Type(v.CompositeType!);
                break;
        }
    }

    /// <summary>
    /// A composite's contents inline: children as refs when <paramref name="deep"/> is false, else
    /// recursively inline (struct field names and order from the module's ABI schema).
    /// </summary>
    public void Contents(AbiValue v, Session session, bool deep, int depth)
    {
        if (depth > Tape.MaxDepth) throw new WasmApiException($"value nested deeper than {Tape.MaxDepth} levels (cyclic?)");
        var cx = session.Vm.HostContext;
        var type = v.CompositeType!;
        switch (v.Kind)
        {
            case AbiKind.Array:
            {
                int n = cx.ArrayLength(v);
                U8(Tape.Array); Type(type.Elem!); U32((uint)n);
                for (int i = 0; i < n; i++) Child(cx.ArrayGet(v, i), session, deep, depth);
                break;
            }
            case AbiKind.Tuple:
            {
                int n = cx.TupleLength(v);
                U8(Tape.Tuple); U32((uint)n);
                for (int i = 0; i < n; i++) Child(cx.TupleGet(v, i), session, deep, depth);
                break;
            }
            case AbiKind.Struct:
            {
                U8(Tape.Struct); U32(type.Id); Types(type.Items);
                var schema = session.Module.AbiSchemas[type.Id];
                var fields = schema is null ? System.Array.Empty<AbiStructField>() : schema.Fields;
                U32((uint)fields.Length);
                foreach (var f in fields)
                {
                    Str(f.Name);
                    Child(cx.StructGet(v, f.Name), session, deep, depth);
                }
                break;
            }
            case AbiKind.Enum:
            {
                U8(Tape.Enum); U32(type.Id); Types(type.Items);
                Str(cx.EnumVariant(v));
                int n = cx.EnumFieldCount(v);
                U32((uint)n);
                for (int i = 0; i < n; i++) Child(cx.EnumGet(v, i), session, deep, depth);
                break;
            }
            default:
                Value(v, session);
                break;
        }
    }

    void Child(AbiValue v, Session session, bool deep, int depth)
    {
        if (deep && v.IsComposite) Contents(v, session, true, depth + 1);
        else Value(v, session);
    }

    public void Done(AbiValue value, Session session) => Value(value, session);

    public void Trap(string message, IReadOnlyList<RuskStackFrame> stack)
    {
        Str(message);
        U32((uint)stack.Count);
        for (int i = 0; i < stack.Count; i++)
        {
            Str(stack[i].Function);
            U32((uint)stack[i].Pc);
        }
    }

    public void Request(StepResult r, Session session)
    {
        U32(r.EffectId);
        U32(r.K.Index);
        U32(r.K.Generation);
        U32((uint)r.Args.Count);
        for (int i = 0; i < r.Args.Count; i++) Value(r.Args[i], session);
    }
}
