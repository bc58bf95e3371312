// The runtime value (BYTECODE_SPEC.md §2): 16 bytes, never allocates for unit/bool/int/float/byte/
// char/function refs. `Obj` is either a shared PrimTag (the value is a primitive; `Bits` is its
// payload) or the heap object itself (`Bits` = 1 marks a readonly view of a reference, §2.4).
// `Obj == null` is an uninitialized register (§2.2).
using System.Runtime.CompilerServices;

namespace Rusk.Vm.Execution;

/// <summary>Kinds of primitive values; a PrimTag instance stands for each.</summary>
internal enum PrimKind : byte { Unit, Bool, Int, Float, Byte, Char, Function }

/// <summary>The tag object of a primitive value; compared by reference on the hot path.</summary>
internal sealed class PrimTag
{
    public readonly PrimKind Kind;
    PrimTag(PrimKind kind) { Kind = kind; }

    public static readonly PrimTag Unit = new(PrimKind.Unit);
    public static readonly PrimTag Bool = new(PrimKind.Bool);
    public static readonly PrimTag Int = new(PrimKind.Int);
    public static readonly PrimTag Float = new(PrimKind.Float);
    public static readonly PrimTag Byte = new(PrimKind.Byte);
    public static readonly PrimTag Char = new(PrimKind.Char);
    public static readonly PrimTag Function = new(PrimKind.Function);
}

internal readonly struct Value
{
    public readonly object? Obj;
    public readonly long Bits;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Value(object obj, long bits) { Obj = obj; Bits = bits; }

    public static Value Unit => new(PrimTag.Unit, 0);
    public static Value Bool(bool b) => new(PrimTag.Bool, b ? 1 : 0);
    public static Value Int(long v) => new(PrimTag.Int, v);
    public static Value Float(double v) => new(PrimTag.Float, System.BitConverter.DoubleToInt64Bits(v));
    public static Value Byte(byte v) => new(PrimTag.Byte, v);
    /// <summary>A Unicode scalar value (callers guarantee it is one).</summary>
    public static Value Char(int scalar) => new(PrimTag.Char, scalar);
    public static Value Function(uint id) => new(PrimTag.Function, id);
    public static Value String(RString s) => new(s, 0);
    public static Value Bytes(RBytes b) => new(b, 0);
    /// <summary>A reference (struct/enum/array/tuple/typerep/continuation), writable view.</summary>
    public static Value Ref(object o) => new(o, 0);
    public static Value ReadonlyRef(object o) => new(o, 1);

    public bool IsInit => Obj != null;
    public bool IsUnit => ReferenceEquals(Obj, PrimTag.Unit);
    public bool IsBool => ReferenceEquals(Obj, PrimTag.Bool);
    public bool IsInt => ReferenceEquals(Obj, PrimTag.Int);
    public bool IsFloat => ReferenceEquals(Obj, PrimTag.Float);
    public bool IsByte => ReferenceEquals(Obj, PrimTag.Byte);
    public bool IsChar => ReferenceEquals(Obj, PrimTag.Char);
    public bool IsFunction => ReferenceEquals(Obj, PrimTag.Function);
    public bool IsPrimitiveTag => Obj is PrimTag;

    public bool AsBool => Bits != 0;
    public long AsInt => Bits;
    public double AsFloat => System.BitConverter.Int64BitsToDouble(Bits);
    public byte AsByte => (byte)Bits;
    public int AsChar => (int)Bits;
    public uint AsFunction => (uint)Bits;

    /// <summary>True for a reference value seen through a readonly view (§2.4).</summary>
    public bool IsReadonly => Bits != 0 && Obj is not PrimTag;

    /// <summary>The same value seen through a readonly view; primitives are unchanged.</summary>
    public Value AsReadonly() => Obj is RStruct or REnum or RArray or RTuple ? new Value(Obj, 1) : this;

    /// <summary>When loading through a readonly reference, loaded references become readonly too.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Value ViewedThrough(bool readonlyParent) => readonlyParent ? AsReadonly() : this;
}
