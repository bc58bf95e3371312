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

internal struct Value
{
    // Fields are written only by the constructors and Set (which keeps the invariant); every other
    // member is `readonly`. Not a readonly struct because Set writes a slot in place (see there).
    /// <summary>The heap object (string/bytes/typerep/continuation/struct/enum/array/tuple), else null.</summary>
    public object? Obj;
    /// <summary>The primitive payload (bool 0/1, int, float bits, byte, char scalar, function id).</summary>
    public long Bits;
    public Tag Tag;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Value(Tag tag, long bits) { Obj = null; Bits = bits; Tag = tag; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Value(Tag tag, object obj) { Obj = obj; Bits = 0; Tag = tag; }

    /// <summary>
    /// Overwrites this slot with a primitive in place. On Mono's interpreter and jiterpreter, storing
    /// a whole Value into an array is a value copy with a GC write barrier (the struct holds a
    /// reference) even when Obj is null; writing the two primitive fields is two plain stores, and
    /// Obj is cleared only when it held something.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Set(Tag tag, long bits)
    {
        if (Obj != null) Obj = null;
        Bits = bits;
        Tag = tag;
    }

    /// <summary>Copies <paramref name="src"/> into this slot; primitives without the write barrier (see Set).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void CopyFrom(in Value src)
    {
        if (src.Obj == null) Set(src.Tag, src.Bits);
        else this = src;
    }

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

    public readonly bool IsInit => Tag != Tag.Uninit;
    public readonly bool IsUnit => Tag == Tag.Unit;
    public readonly bool IsBool => Tag == Tag.Bool;
    public readonly bool IsInt => Tag == Tag.Int;
    public readonly bool IsFloat => Tag == Tag.Float;
    public readonly bool IsByte => Tag == Tag.Byte;
    public readonly bool IsChar => Tag == Tag.Char;
    public readonly bool IsFunction => Tag == Tag.Function;
    /// <summary>A primitive (unit/bool/int/float/byte/char/function).</summary>
    public readonly bool IsPrimitive => Tag is >= Tag.Unit and <= Tag.Function;
    /// <summary>A struct/enum/array/tuple reference (either view).</summary>
    public readonly bool IsRef => Tag >= Tag.Ref;

    public readonly bool AsBool => Bits != 0;
    public readonly long AsInt => Bits;
    public readonly double AsFloat => System.BitConverter.Int64BitsToDouble(Bits);
    public readonly byte AsByte => (byte)Bits;
    public readonly int AsChar => (int)Bits;
    public readonly uint AsFunction => (uint)Bits;

    /// <summary>True for a reference value seen through a readonly view (§2.4).</summary>
    public readonly bool IsReadonly => Tag == Tag.RefRo;

    /// <summary>The same value seen through a readonly view; only references change.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly Value AsReadonly() => Tag == Tag.Ref ? new Value(Tag.RefRo, Obj!) : this;

    /// <summary>When loading through a readonly reference, loaded references become readonly too.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly Value ViewedThrough(bool readonlyParent) => readonlyParent ? AsReadonly() : this;
}
