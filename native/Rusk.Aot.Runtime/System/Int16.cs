// System.Int16 (short): equality, ordering, invariant formatting and parsing (Number.cs).
namespace System;

public readonly struct Int16 : IEquatable<short>, IComparable<short>, IFormattable
{
    private readonly short m_value;

    public const short MinValue = -32768;
    public const short MaxValue = 32767;

    public bool Equals(short obj) => m_value == obj;
    public override bool Equals(object? obj) => obj is short other && m_value == other;
    public override int GetHashCode() => m_value;
    public int CompareTo(short value) => m_value < value ? -1 : m_value > value ? 1 : 0;
    public override string ToString() => ToString((string?)null);
    public string ToString(IFormatProvider? provider) => ToString((string?)null);
    public string ToString(string? format, IFormatProvider? provider) => ToString(format);
    public string ToString(string? format) => Number.FormatInt64(m_value, format, 16);

    // The provider is ignored: formatting is always invariant.
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format = default, IFormatProvider? provider = null) =>
        Number.TryCopy(ToString(format.IsEmpty ? null : format.ToString()), destination, out charsWritten);

    public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format = default, IFormatProvider? provider = null) =>
        Number.TryCopyUtf8(ToString(format.IsEmpty ? null : format.ToString()), utf8Destination, out bytesWritten);

    public static bool TryParse(string? s, out short result) => TryParse(s is null ? default : s.AsSpan(), out result);

    public static bool TryParse(ReadOnlySpan<char> s, out short result)
    {
        bool ok = Number.TryParseInt64(s, MinValue, MaxValue, out long value);
        result = (short)value;
        return ok;
    }

    public static short Parse(string s)
    {
        if (s is null) throw new ArgumentNullException(nameof(s));
        if (!TryParse(s.AsSpan(), out short result)) throw Number.ParseFailure(s, "an Int16");
        return result;
    }
}
