// System.UInt32 (uint): equality, ordering, invariant formatting and parsing (Number.cs).
namespace System;

public readonly struct UInt32 : IEquatable<uint>, IComparable<uint>, IFormattable
{
    private readonly uint m_value;

    public const uint MinValue = 0;
    public const uint MaxValue = 4294967295;

    public bool Equals(uint obj) => m_value == obj;
    public override bool Equals(object? obj) => obj is uint other && m_value == other;
    public override int GetHashCode() => (int)m_value;
    public int CompareTo(uint value) => m_value < value ? -1 : m_value > value ? 1 : 0;
    public override string ToString() => ToString((string?)null);
    public string ToString(IFormatProvider? provider) => ToString((string?)null);
    public string ToString(string? format, IFormatProvider? provider) => ToString(format);
    public string ToString(string? format) => Number.FormatUInt64(m_value, format, 32);

    // The provider is ignored: formatting is always invariant.
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format = default, IFormatProvider? provider = null) =>
        Number.TryCopy(ToString(format.IsEmpty ? null : format.ToString()), destination, out charsWritten);

    public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format = default, IFormatProvider? provider = null) =>
        Number.TryCopyUtf8(ToString(format.IsEmpty ? null : format.ToString()), utf8Destination, out bytesWritten);

    public static bool TryParse(string? s, out uint result) => TryParse(s is null ? default : s.AsSpan(), out result);

    public static bool TryParse(ReadOnlySpan<char> s, out uint result)
    {
        bool ok = Number.TryParseUInt64(s, MaxValue, out ulong value);
        result = (uint)value;
        return ok;
    }

    public static uint Parse(string s)
    {
        if (s is null) throw new ArgumentNullException(nameof(s));
        if (!TryParse(s.AsSpan(), out uint result)) throw Number.ParseFailure(s, "a UInt32");
        return result;
    }
}
