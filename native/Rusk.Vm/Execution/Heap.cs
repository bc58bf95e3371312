// Heap objects of the VM. They are ordinary .NET objects: the host's GC is the VM's collector.
// Strings and bytes are immutable views (buffer, start, length) so slicing never copies.
using System;

namespace Rusk.Vm.Execution;

/// <summary>An immutable UTF-8 string view. Rusk string indices are byte offsets.</summary>
internal sealed class RString
{
    public readonly byte[] Buffer;
    public readonly int Start;
    public readonly int Length;

    public RString(byte[] buffer, int start, int length) { Buffer = buffer; Start = start; Length = length; }
    public RString(byte[] utf8) : this(utf8, 0, utf8.Length) { }

    public static readonly RString Empty = new(Array.Empty<byte>());
    public static RString FromString(string s) => new(Utf8Text.Encode(s));

    public ReadOnlySpan<byte> Span => new(Buffer, Start, Length);
    public override string ToString() => Utf8Text.Decode(Span);

    public bool ContentEquals(RString other) => Span.SequenceEqual(other.Span);
}

/// <summary>An immutable byte-sequence view.</summary>
internal sealed class RBytes
{
    public readonly byte[] Buffer;
    public readonly int Start;
    public readonly int Length;

    public RBytes(byte[] buffer, int start, int length) { Buffer = buffer; Start = start; Length = length; }
    public RBytes(byte[] data) : this(data, 0, data.Length) { }

    public static readonly RBytes Empty = new(Array.Empty<byte>());
    public ReadOnlySpan<byte> Span => new(Buffer, Start, Length);
    public bool ContentEquals(RBytes other) => Span.SequenceEqual(other.Span);
}

/// <summary>
/// The containers a heap-limit measurement visits most (HeapWalk): it marks one visited by writing
/// its epoch here instead of adding it to a set, about eight times faster. The int fits in the
/// padding of RArray, RStruct and REnum; RTuple grows by 8 bytes.
/// </summary>
internal abstract class Marked
{
    public int Mark;
}

/// <summary>A struct instance: nominal type, applied type args, fields in layout order.</summary>
internal sealed class RStruct : Marked
{
    public readonly uint TypeId;
    public readonly TypeRep[] TypeArgs;
    public readonly Value[] Fields;
    public RStruct(uint typeId, TypeRep[] typeArgs, Value[] fields) { TypeId = typeId; TypeArgs = typeArgs; Fields = fields; }
}

/// <summary>An enum instance. Variant names are interned per module, so equal names are usually the same object.</summary>
internal sealed class REnum : Marked
{
    public readonly uint TypeId;
    public readonly TypeRep[] TypeArgs;
    public readonly string Variant;
    public readonly Value[] Fields;
    public REnum(uint typeId, TypeRep[] typeArgs, string variant, Value[] fields)
    {
        TypeId = typeId; TypeArgs = typeArgs; Variant = variant; Fields = fields;
    }
}

/// <summary>A growable array (Rusk arrays support push/pop/insert/remove).</summary>
internal sealed class RArray : Marked
{
    public Value[] Items;
    public int Count;

    public RArray(Value[] items) { Items = items; Count = items.Length; }
    public RArray(Value[] items, int count) { Items = items; Count = count; }

    public Span<Value> Span => new(Items, 0, Count);

    public void Push(Value v)
    {
        if (Count == Items.Length) Grow(Count + 1);
        Items[Count++] = v;
    }

    public void Grow(int min)
    {
        int cap = Math.Max(min, Math.Max(4, Items.Length * 2));
        Array.Resize(ref Items, cap);
    }
}

/// <summary>A tuple of arity ≥ 1 (the 0-tuple is unit, §8.3).</summary>
internal sealed class RTuple : Marked
{
    public readonly Value[] Items;
    public RTuple(Value[] items) { Items = items; }
}
