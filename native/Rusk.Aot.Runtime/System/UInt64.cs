// System.UInt64 (ulong): equality, ordering, invariant formatting and parsing (Number.cs).
namespace System;

public readonly struct UInt64 : IEquatable<ulong>, IComparable<ulong>, IFormattable
{
    private readonly ulong m_value;

    public const ulong MinValue = 0;
    public const ulong MaxValue = 18446744073709551615;

    public bool Equals(ulong obj) => m_value == obj;
    public override bool Equals(object? obj) => obj is ulong other && m_value == other;
    public override int GetHashCode() => (int)m_value ^ (int)(m_value >> 32);
    public int CompareTo(ulong value) => m_value < value ? -1 : m_value > value ? 1 : 0;
    public override string ToString() => ToString((string?)null);
    public string ToString(IFormatProvider? provider) => ToString((string?)null);
    public string ToString(string? format, IFormatProvider? provider) => ToString(format);
    public string ToString(string? format) => Number.FormatUInt64(m_value, format, 64);

    // The provider is ignored: formatting is always invariant.
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format = default, IFormatProvider? provider = null) =>
        Number.TryCopy(ToString(format.IsEmpty ? null : format.ToString()), destination, out charsWritten);

    public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format = default, IFormatProvider? provider = null) =>
        Number.TryCopyUtf8(ToString(format.IsEmpty ? null : format.ToString()), utf8Destination, out bytesWritten);

    public static bool TryParse(string? s, out ulong result) => TryParse(s is null ? default : s.AsSpan(), out result);

    public static bool TryParse(ReadOnlySpan<char> s, out ulong result)
    {
        bool ok = Number.TryParseUInt64(s, MaxValue, out ulong value);
        result = (ulong)value;
        return ok;
    }

    public static ulong Parse(string s)
    {
        if (s is null) throw new ArgumentNullException(nameof(s));
        if (!TryParse(s.AsSpan(), out ulong result)) throw Number.ParseFailure(s, "a UInt64");
        return result;
    }
}
