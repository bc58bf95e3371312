// System.UInt16 (ushort): equality, ordering, invariant formatting and parsing (Number.cs).
namespace System;

public readonly struct UInt16 : IEquatable<ushort>, IComparable<ushort>, IFormattable
{
    private readonly ushort m_value;

    public const ushort MinValue = 0;
    public const ushort MaxValue = 65535;

    public bool Equals(ushort obj) => m_value == obj;
    public override bool Equals(object? obj) => obj is ushort other && m_value == other;
    public override int GetHashCode() => m_value;
    public int CompareTo(ushort value) => m_value < value ? -1 : m_value > value ? 1 : 0;
    public override string ToString() => ToString((string?)null);
    public string ToString(IFormatProvider? provider) => ToString((string?)null);
    public string ToString(string? format, IFormatProvider? provider) => ToString(format);
    public string ToString(string? format) => Number.FormatUInt64(m_value, format, 16);

    // The provider is ignored: formatting is always invariant.
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format = default, IFormatProvider? provider = null) =>
        Number.TryCopy(ToString(format.IsEmpty ? null : format.ToString()), destination, out charsWritten);

    public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format = default, IFormatProvider? provider = null) =>
        Number.TryCopyUtf8(ToString(format.IsEmpty ? null : format.ToString()), utf8Destination, out bytesWritten);

    public static bool TryParse(string? s, out ushort result) => TryParse(s is null ? default : s.AsSpan(), out result);

    public static bool TryParse(ReadOnlySpan<char> s, out ushort result)
    {
        bool ok = Number.TryParseUInt64(s, MaxValue, out ulong value);
        result = (ushort)value;
        return ok;
    }

    public static ushort Parse(string s)
    {
        if (s is null) throw new ArgumentNullException(nameof(s));
        if (!TryParse(s.AsSpan(), out ushort result)) throw Number.ParseFailure(s, "a UInt16");
        return result;
    }
}
