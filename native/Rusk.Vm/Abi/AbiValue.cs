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
    /// <summary>The pinned-continuation slot.</summary>
    public uint Index { get; }
    /// <summary>The slot's generation when the handle was made; a stale handle is rejected.</summary>
    public uint Generation { get; }
    /// <summary>A handle from its parts (as received from <see cref="StepResult.K"/> or an ABI value).</summary>
    public ContinuationHandle(uint index, uint generation) { Index = index; Generation = generation; }

    /// <summary>Same slot and generation.</summary>
    public bool Equals(ContinuationHandle other) => Index == other.Index && Generation == other.Generation;
    /// <summary>Same slot and generation.</summary>
    public override bool Equals(object? obj) => obj is ContinuationHandle h && Equals(h);
    /// <summary>A hash of slot and generation.</summary>
    public override int GetHashCode() => (int)(Index * 397 ^ Generation);
    /// <c>k</c>slot<c>@</c>generation, for diagnostics.
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

    /// <summary>The unit value <c>()</c>.</summary>
    public static AbiValue Unit => new(AbiKind.Unit, 0, null);
    /// <summary>A bool.</summary>
    public static AbiValue Bool(bool v) => new(AbiKind.Bool, v ? 1 : 0, null);
    /// <summary>A 64-bit signed int.</summary>
    public static AbiValue Int(long v) => new(AbiKind.Int, v, null);
    /// <summary>A 64-bit float (NaN payloads kept).</summary>
    public static AbiValue Float(double v) => new(AbiKind.Float, BitConverter.DoubleToInt64Bits(v), null);
    /// <summary>A byte.</summary>
    public static AbiValue Byte(byte v) => new(AbiKind.Byte, v, null);

    /// <summary>A char; throws ArgumentOutOfRangeException unless <paramref name="scalar"/> is a Unicode scalar value.</summary>
    public static AbiValue Char(int scalar)
    {
        if (scalar < 0 || scalar > 0x10FFFF || (scalar >= 0xD800 && scalar <= 0xDFFF))
            throw new ArgumentOutOfRangeException(nameof(scalar), "not a Unicode scalar value: 0x" + NumberText.UpperHex((uint)scalar));
        return new(AbiKind.Char, scalar, null);
    }

    /// <summary>A string (UTF-16 here; the VM's strings are Unicode scalar sequences).</summary>
    public static AbiValue String(string v) => new(AbiKind.String, 0, v ?? throw new ArgumentNullException(nameof(v)));
    /// <summary>Bytes; the array is owned by the value from here on (do not mutate it).</summary>
    public static AbiValue Bytes(byte[] v) => new(AbiKind.Bytes, 0, v ?? throw new ArgumentNullException(nameof(v)));
    /// <summary>A pinned continuation handle as a value.</summary>
    public static AbiValue Continuation(ContinuationHandle k) => new(AbiKind.Continuation, ((long)k.Generation << 32) | k.Index, null);

    /// <summary>Wraps a VM heap object as a composite ABI value (VM-internal).</summary>
    internal static AbiValue Composite(AbiType type, object heapObject, bool isReadonly) =>
        new(type.Kind, 0, heapObject, type, isReadonly);

    /// <summary>The bool; throws InvalidOperationException for any other kind.</summary>
    public bool AsBool => Kind == AbiKind.Bool ? _bits != 0 : throw Wrong(AbiKind.Bool);
    /// <summary>The int; throws InvalidOperationException for any other kind.</summary>
    public long AsInt => Kind == AbiKind.Int ? _bits : throw Wrong(AbiKind.Int);
    /// <summary>The float; throws InvalidOperationException for any other kind.</summary>
    public double AsFloat => Kind == AbiKind.Float ? BitConverter.Int64BitsToDouble(_bits) : throw Wrong(AbiKind.Float);
    /// <summary>The byte; throws InvalidOperationException for any other kind.</summary>
    public byte AsByte => Kind == AbiKind.Byte ? (byte)_bits : throw Wrong(AbiKind.Byte);
    /// <summary>The char as a Unicode scalar value; throws InvalidOperationException for any other kind.</summary>
    public int AsChar => Kind == AbiKind.Char ? (int)_bits : throw Wrong(AbiKind.Char);
    /// <summary>The string; throws InvalidOperationException for any other kind.</summary>
    public string AsString => Kind == AbiKind.String ? (string)_obj! : throw Wrong(AbiKind.String);
    /// <summary>The bytes (do not mutate them); throws InvalidOperationException for any other kind.</summary>
    public byte[] AsBytes => Kind == AbiKind.Bytes ? (byte[])_obj! : throw Wrong(AbiKind.Bytes);
    /// <summary>The continuation handle; throws InvalidOperationException for any other kind.</summary>
    public ContinuationHandle AsContinuation => Kind == AbiKind.Continuation
        ? new ContinuationHandle((uint)_bits, (uint)(_bits >> 32)) : throw Wrong(AbiKind.Continuation);

    /// <summary>The raw IEEE bits of a float (exact, NaN payloads included).</summary>
    public long FloatBits => Kind == AbiKind.Float ? _bits : throw Wrong(AbiKind.Float);

    /// <summary>Composites: the VM heap object (VM-internal).</summary>
    internal object? HeapObject => _obj;

    /// <summary>Array, tuple, struct or enum: inspect it through a <see cref="HostContext"/>.</summary>
    public bool IsComposite => Kind is AbiKind.Array or AbiKind.Tuple or AbiKind.Struct or AbiKind.Enum;

    InvalidOperationException Wrong(AbiKind wanted) => new("ABI value is " + AbiConverter.KindName(Kind) + ", not " + AbiConverter.KindName(wanted));

    /// <summary>The value as text, for diagnostics (composites print only their kind).</summary>
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
        AbiKind.Array => "<array>",
        AbiKind.Tuple => "<tuple>",
        AbiKind.Struct => "<struct>",
        AbiKind.Enum => "<enum>",
        _ => "<" + AbiConverter.KindName(Kind) + ">",
    };
}
