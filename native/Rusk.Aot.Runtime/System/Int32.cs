// System.Int32 (int): equality, ordering, invariant formatting and parsing (Number.cs).
namespace System;

public readonly struct Int32 : IEquatable<int>, IComparable<int>, IFormattable
{
    private readonly int m_value;

    public const int MinValue = -2147483648;
    public const int MaxValue = 2147483647;

    public bool Equals(int obj) => m_value == obj;
    public override bool Equals(object? obj) => obj is int other && m_value == other;
    public override int GetHashCode() => m_value;
    public int CompareTo(int value) => m_value < value ? -1 : m_value > value ? 1 : 0;
    public override string ToString() => ToString((string?)null);
    public string ToString(IFormatProvider? provider) => ToString((string?)null);
    public string ToString(string? format, IFormatProvider? provider) => ToString(format);
    public string ToString(string? format) => Number.FormatInt64(m_value, format, 32);

    // The provider is ignored: formatting is always invariant.
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format = default, IFormatProvider? provider = null) =>
        Number.TryCopy(ToString(format.IsEmpty ? null : format.ToString()), destination, out charsWritten);

    public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format = default, IFormatProvider? provider = null) =>
        Number.TryCopyUtf8(ToString(format.IsEmpty ? null : format.ToString()), utf8Destination, out bytesWritten);

    public static bool TryParse(string? s, out int result) => TryParse(s is null ? default : s.AsSpan(), out result);

    public static bool TryParse(ReadOnlySpan<char> s, out int result)
    {
        bool ok = Number.TryParseInt64(s, MinValue, MaxValue, out long value);
        result = (int)value;
        return ok;
    }

    public static int Parse(string s)
    {
        if (s is null) throw new ArgumentNullException(nameof(s));
        if (!TryParse(s.AsSpan(), out int result)) throw Number.ParseFailure(s, "an Int32");
        return result;
    }
}
