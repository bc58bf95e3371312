// System.Byte (byte): equality, ordering, invariant formatting and parsing (Number.cs).
namespace System;

public readonly struct Byte : IEquatable<byte>, IComparable<byte>, IFormattable
{
    private readonly byte m_value;

    public const byte MinValue = 0;
    public const byte MaxValue = 255;

    public bool Equals(byte obj) => m_value == obj;
    public override bool Equals(object? obj) => obj is byte other && m_value == other;
    public override int GetHashCode() => m_value;
    public int CompareTo(byte value) => m_value < value ? -1 : m_value > value ? 1 : 0;
    public override string ToString() => ToString((string?)null);
    public string ToString(IFormatProvider? provider) => ToString((string?)null);
    public string ToString(string? format, IFormatProvider? provider) => ToString(format);
    public string ToString(string? format) => Number.FormatUInt64(m_value, format, 8);

    // The provider is ignored: formatting is always invariant.
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format = default, IFormatProvider? provider = null) =>
        Number.TryCopy(ToString(format.IsEmpty ? null : format.ToString()), destination, out charsWritten);

    public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format = default, IFormatProvider? provider = null) =>
        Number.TryCopyUtf8(ToString(format.IsEmpty ? null : format.ToString()), utf8Destination, out bytesWritten);

    public static bool TryParse(string? s, out byte result) => TryParse(s is null ? default : s.AsSpan(), out result);

    public static bool TryParse(ReadOnlySpan<char> s, out byte result)
    {
        bool ok = Number.TryParseUInt64(s, MaxValue, out ulong value);
        result = (byte)value;
        return ok;
    }

    public static byte Parse(string s)
    {
        if (s is null) throw new ArgumentNullException(nameof(s));
        if (!TryParse(s.AsSpan(), out byte result)) throw Number.ParseFailure(s, "an unsigned byte");
        return result;
    }
}
