// System.Char (char): UTF-16 code unit helpers. No Unicode category tables (size): only the
// surrogate and ASCII helpers the VM uses.
namespace System;

public readonly struct Char : IEquatable<char>, IComparable<char>
{
    private readonly char m_value;

    public const char MinValue = '\0';
    public const char MaxValue = '\uffff';

    public bool Equals(char obj) => m_value == obj;
    public override bool Equals(object? obj) => obj is char other && m_value == other;
    public override int GetHashCode() => m_value | (m_value << 16);
    public int CompareTo(char value) => m_value - value;
    public override string ToString() => string.FromChar(m_value);
    public static string ToString(char c) => string.FromChar(c);

    public static bool IsHighSurrogate(char c) => c >= '\ud800' && c <= '\udbff';
    public static bool IsLowSurrogate(char c) => c >= '\udc00' && c <= '\udfff';
    public static bool IsSurrogate(char c) => c >= '\ud800' && c <= '\udfff';
    public static bool IsSurrogatePair(char highSurrogate, char lowSurrogate) =>
        IsHighSurrogate(highSurrogate) && IsLowSurrogate(lowSurrogate);
    public static bool IsAsciiDigit(char c) => c >= '0' && c <= '9';
    public static bool IsAsciiLetter(char c) => (uint)((c | 0x20) - 'a') <= 'z' - 'a';
    public static bool IsAsciiHexDigit(char c) => IsAsciiDigit(c) || (uint)((c | 0x20) - 'a') <= 'f' - 'a';

    public static int ConvertToUtf32(char highSurrogate, char lowSurrogate)
    {
        if (!IsHighSurrogate(highSurrogate))
            throw new ArgumentOutOfRangeException(nameof(highSurrogate), "A valid high surrogate character is between 0xd800 and 0xdbff, inclusive.");
        if (!IsLowSurrogate(lowSurrogate))
            throw new ArgumentOutOfRangeException(nameof(lowSurrogate), "A valid low surrogate character is between 0xdc00 and 0xdfff, inclusive.");
        return ((highSurrogate - 0xd800) << 10) + (lowSurrogate - 0xdc00) + 0x10000;
    }

    public static string ConvertFromUtf32(int utf32)
    {
        if (utf32 < 0 || utf32 > 0x10ffff || (utf32 >= 0xd800 && utf32 <= 0xdfff))
            throw new ArgumentOutOfRangeException(nameof(utf32), "A valid UTF32 value is between 0x000000 and 0x10ffff, inclusive, and should not include surrogate codepoint values (0x00d800 ~ 0x00dfff).");
        if (utf32 < 0x10000) return string.FromChar((char)utf32);
        int v = utf32 - 0x10000;
        char[] pair = new char[2];
        pair[0] = (char)(0xd800 + (v >> 10));
        pair[1] = (char)(0xdc00 + (v & 0x3ff));
        return string.FromArrayNoCopy(pair);
    }
}
