// System.Int64 (long): equality, ordering, invariant formatting and parsing (Number.cs).
namespace System;

public readonly struct Int64 : IEquatable<long>, IComparable<long>, IFormattable
{
    private readonly long m_value;

    public const long MinValue = -9223372036854775808;
    public const long MaxValue = 9223372036854775807;

    public bool Equals(long obj) => m_value == obj;
    public override bool Equals(object? obj) => obj is long other && m_value == other;
    public override int GetHashCode() => (int)m_value ^ (int)(m_value >> 32);
    public int CompareTo(long value) => m_value < value ? -1 : m_value > value ? 1 : 0;
    public override string ToString() => ToString((string?)null);
    public string ToString(IFormatProvider? provider) => ToString((string?)null);
    public string ToString(string? format, IFormatProvider? provider) => ToString(format);
    public string ToString(string? format) => Number.FormatInt64(m_value, format, 64);

    // The provider is ignored: formatting is always invariant.
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format = default, IFormatProvider? provider = null) =>
        Number.TryCopy(ToString(format.IsEmpty ? null : format.ToString()), destination, out charsWritten);

    public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format = default, IFormatProvider? provider = null) =>
        Number.TryCopyUtf8(ToString(format.IsEmpty ? null : format.ToString()), utf8Destination, out bytesWritten);

    public static bool TryParse(string? s, out long result) => TryParse(s is null ? default : s.AsSpan(), out result);

    public static bool TryParse(ReadOnlySpan<char> s, out long result)
    {
        bool ok = Number.TryParseInt64(s, MinValue, MaxValue, out long value);
        result = (long)value;
        return ok;
    }

    public static long Parse(string s)
    {
        if (s is null) throw new ArgumentNullException(nameof(s));
        if (!TryParse(s.AsSpan(), out long result)) throw Number.ParseFailure(s, "an Int64");
        return result;
    }
}
