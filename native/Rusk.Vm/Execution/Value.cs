// The runtime value (BYTECODE_SPEC.md §2): a tag, a 64-bit payload and an object reference (24
// bytes). Primitives (unit/bool/int/float/byte/char/function refs) keep `Obj` null, so writing one
// into a register or field needs no GC write barrier (measured: ~1.2 ns per store on CoreCLR, about
// half the cost of a simple instruction, which the earlier 16-byte "shared tag object" layout paid
// on every int store). Heap values keep their object in `Obj`. The all-zero value (Tag.Uninit) is
// an uninitialized register (§2.2).
using System.Runtime.CompilerServices;

namespace Rusk.Vm.Execution;

/// <summary>What a value is. Ref covers the heap objects with identity (struct, enum, array, tuple);
/// RefRo is a readonly view of one (§2.4).</summary>
internal enum Tag : int
{
    Uninit = 0, Unit, Bool, Int, Float, Byte, Char, Function, String, Bytes, TypeRep, Continuation, Ref, RefRo,
}

internal readonly struct Value
{
    /// <summary>The heap object (string/bytes/typerep/continuation/struct/enum/array/tuple), else null.</summary>
    public readonly object? Obj;
    /// <summary>The primitive payload (bool 0/1, int, float bits, byte, char scalar, function id).</summary>
    public readonly long Bits;
    public readonly Tag Tag;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Value(Tag tag, long bits) { Obj = null; Bits = bits; Tag = tag; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Value(Tag tag, object obj) { Obj = obj; Bits = 0; Tag = tag; }

    public static Value Unit => new(Tag.Unit, 0L);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value Bool(bool b) => new(Tag.Bool, b ? 1L : 0L);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value Int(long v) => new(Tag.Int, v);
    public static Value Float(double v) => new(Tag.Float, System.BitConverter.DoubleToInt64Bits(v));
    public static Value FloatBits(long bits) => new(Tag.Float, bits);
    public static Value Byte(byte v) => new(Tag.Byte, (long)v);
    /// <summary>A Unicode scalar value (callers guarantee it is one).</summary>
    public static Value Char(int scalar) => new(Tag.Char, (long)scalar);
    public static Value Function(uint id) => new(Tag.Function, (long)id);
    public static Value String(RString s) => new(Tag.String, s);
    public static Value Bytes(RBytes b) => new(Tag.Bytes, b);
    public static Value TypeRep(TypeRep t) => new(Tag.TypeRep, t);
    public static Value Continuation(RContinuation k) => new(Tag.Continuation, k);
    /// <summary>A reference (struct/enum/array/tuple), writable view.</summary>
    public static Value Ref(object o) => new(Tag.Ref, o);
    public static Value ReadonlyRef(object o) => new(Tag.RefRo, o);

    /// <summary>The value holding heap object <paramref name="o"/>, tagged by its type.</summary>
    public static Value Of(object o) => o switch
    {
        RString s => String(s),
        RBytes b => Bytes(b),
        TypeRep t => TypeRep(t),
        RContinuation k => Continuation(k),
        _ => Ref(o),
    };

    public bool IsInit => Tag != Tag.Uninit;
    public bool IsUnit => Tag == Tag.Unit;
    public bool IsBool => Tag == Tag.Bool;
    public bool IsInt => Tag == Tag.Int;
    public bool IsFloat => Tag == Tag.Float;
    public bool IsByte => Tag == Tag.Byte;
    public bool IsChar => Tag == Tag.Char;
    public bool IsFunction => Tag == Tag.Function;
    /// <summary>A primitive (unit/bool/int/float/byte/char/function).</summary>
    public bool IsPrimitive => Tag is >= Tag.Unit and <= Tag.Function;
    /// <summary>A struct/enum/array/tuple reference (either view).</summary>
    public bool IsRef => Tag >= Tag.Ref;

    public bool AsBool => Bits != 0;
    public long AsInt => Bits;
    public double AsFloat => System.BitConverter.Int64BitsToDouble(Bits);
    public byte AsByte => (byte)Bits;
    public int AsChar => (int)Bits;
    public uint AsFunction => (uint)Bits;

    /// <summary>True for a reference value seen through a readonly view (§2.4).</summary>
    public bool IsReadonly => Tag == Tag.RefRo;

    /// <summary>The same value seen through a readonly view; only references change.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Value AsReadonly() => Tag == Tag.Ref ? new Value(Tag.RefRo, Obj!) : this;

    /// <summary>When loading through a readonly reference, loaded references become readonly too.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Value ViewedThrough(bool readonlyParent) => readonlyParent ? AsReadonly() : this;
}
