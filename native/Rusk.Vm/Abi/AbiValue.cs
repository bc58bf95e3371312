// Values that cross the VM ↔ host boundary (BYTECODE_SPEC.md §3): primitives by value, continuations
// as generation-checked handles, composites as opaque references into one VM's heap plus their ABI
// type. Composites are inspected and built through a HostContext.
using System;
using Rusk.Vm.Execution;
using Rusk.Vm.Format;

namespace Rusk.Vm;

/// <summary>A pinned continuation's handle: slot index + generation (stale handles are rejected).</summary>
public readonly struct ContinuationHandle : IEquatable<ContinuationHandle>
{
    public uint Index { get; }
    public uint Generation { get; }
    public ContinuationHandle(uint index, uint generation) { Index = index; Generation = generation; }

    public bool Equals(ContinuationHandle other) => Index == other.Index && Generation == other.Generation;
    public override bool Equals(object? obj) => obj is ContinuationHandle h && Equals(h);
    public override int GetHashCode() => (int)(Index * 397 ^ Generation);
    public override string ToString() => $"k{Index}@{Generation}";
}

/// <summary>An ABI value. Composite values (array/tuple/struct/enum) are only meaningful in the VM that made them.</summary>
public readonly struct AbiValue
{
    /// <summary>The value's kind (Unit..Enum; never TypeParam).</summary>
    public AbiKind Kind { get; }
    readonly long _bits;
    readonly object? _obj;
    /// <summary>Composites: the full ABI type (element type, item types, nominal type + args).</summary>
    public AbiType? CompositeType { get; }
    /// <summary>Composites: true when the VM handed out a readonly view (writes through it fail).</summary>
    public bool IsReadonly { get; }

    AbiValue(AbiKind kind, long bits, object? obj, AbiType? compositeType = null, bool isReadonly = false)
    {
        Kind = kind; _bits = bits; _obj = obj; CompositeType = compositeType; IsReadonly = isReadonly;
    }

    public static AbiValue Unit => new(AbiKind.Unit, 0, null);
    public static AbiValue Bool(bool v) => new(AbiKind.Bool, v ? 1 : 0, null);
    public static AbiValue Int(long v) => new(AbiKind.Int, v, null);
    public static AbiValue Float(double v) => new(AbiKind.Float, BitConverter.DoubleToInt64Bits(v), null);
    public static AbiValue Byte(byte v) => new(AbiKind.Byte, v, null);

    /// <summary>A char; throws ArgumentOutOfRangeException unless <paramref name="scalar"/> is a Unicode scalar value.</summary>
    public static AbiValue Char(int scalar)
    {
        if (scalar < 0 || scalar > 0x10FFFF || (scalar >= 0xD800 && scalar <= 0xDFFF))
            throw new ArgumentOutOfRangeException(nameof(scalar), "not a Unicode scalar value: 0x" + NumberText.UpperHex((uint)scalar));
        return new(AbiKind.Char, scalar, null);
    }

    public static AbiValue String(string v) => new(AbiKind.String, 0, v ?? throw new ArgumentNullException(nameof(v)));
    /// <summary>Bytes; the array is owned by the value from here on (do not mutate it).</summary>
    public static AbiValue Bytes(byte[] v) => new(AbiKind.Bytes, 0, v ?? throw new ArgumentNullException(nameof(v)));
    public static AbiValue Continuation(ContinuationHandle k) => new(AbiKind.Continuation, ((long)k.Generation << 32) | k.Index, null);

    /// <summary>Wraps a VM heap object as a composite ABI value (VM-internal).</summary>
    internal static AbiValue Composite(AbiType type, object heapObject, bool isReadonly) =>
        new(type.Kind, 0, heapObject, type, isReadonly);

    public bool AsBool => Kind == AbiKind.Bool ? _bits != 0 : throw Wrong(AbiKind.Bool);
    public long AsInt => Kind == AbiKind.Int ? _bits : throw Wrong(AbiKind.Int);
    public double AsFloat => Kind == AbiKind.Float ? BitConverter.Int64BitsToDouble(_bits) : throw Wrong(AbiKind.Float);
    public byte AsByte => Kind == AbiKind.Byte ? (byte)_bits : throw Wrong(AbiKind.Byte);
    public int AsChar => Kind == AbiKind.Char ? (int)_bits : throw Wrong(AbiKind.Char);
    public string AsString => Kind == AbiKind.String ? (string)_obj! : throw Wrong(AbiKind.String);
    public byte[] AsBytes => Kind == AbiKind.Bytes ? (byte[])_obj! : throw Wrong(AbiKind.Bytes);
    public ContinuationHandle AsContinuation => Kind == AbiKind.Continuation
        ? new ContinuationHandle((uint)_bits, (uint)(_bits >> 32)) : throw Wrong(AbiKind.Continuation);

    /// <summary>The raw IEEE bits of a float (exact, NaN payloads included).</summary>
    public long FloatBits => Kind == AbiKind.Float ? _bits : throw Wrong(AbiKind.Float);

    /// <summary>Composites: the VM heap object (VM-internal).</summary>
    internal object? HeapObject => _obj;

    public bool IsComposite => Kind is AbiKind.Array or AbiKind.Tuple or AbiKind.Struct or AbiKind.Enum;

    InvalidOperationException Wrong(AbiKind wanted) => new("ABI value is " + AbiConverter.KindName(Kind) + ", not " + AbiConverter.KindName(wanted));

    public override string ToString() => Kind switch
    {
        AbiKind.Unit => "()",
        AbiKind.Bool => AsBool ? "true" : "false",
        AbiKind.Int => NumberText.Decimal(AsInt),
        AbiKind.Float => ValueFormat.FloatRoundTrip(AsFloat),
        AbiKind.Byte => NumberText.Decimal(AsByte),
        AbiKind.Char => char.ConvertFromUtf32(AsChar),
        AbiKind.String => AsString,
        AbiKind.Bytes => NumberText.HexBytes(AsBytes),
        AbiKind.Continuation => AsContinuation.ToString(),
        AbiKind.Array => "<array>", AbiKind.Tuple => "<tuple>", AbiKind.Struct => "<struct>", AbiKind.Enum => "<enum>",
        _ => "<" + AbiConverter.KindName(Kind) + ">",
    };
}
