// Integer ↔ ASCII text without the BCL's culture-aware formatting and parsing (no CultureInfo,
// IFormatProvider, NumberStyles): the output never depends on the host's culture, and an AOT corlib
// needs nothing beyond char and string basics to run it.
using System;
using System.Text;

namespace Rusk.Vm.Execution;

internal static class NumberText
{
    const string HexDigits = "0123456789abcdef";
    const string UpperHexDigits = "0123456789ABCDEF";

    /// <summary>Decimal digits of <paramref name="v"/>, '-' first when negative (long.MinValue included).</summary>
    public static string Decimal(long v)
    {
        ulong m = Magnitude(v);
        var buf = new char[DecimalLength(v, m)];
        for (int i = buf.Length - 1; i >= 0; i--)
        {
            ulong q = m / 10;
            buf[i] = (char)('0' + (int)(m - q * 10));
            m = q;
        }
        if (v < 0) buf[0] = '-';
        return new string(buf);
    }

    /// <summary>The same text as <see cref="Decimal"/>, as ASCII bytes.</summary>
    public static byte[] DecimalUtf8(long v)
    {
        ulong m = Magnitude(v);
        var buf = new byte[DecimalLength(v, m)];
        for (int i = buf.Length - 1; i >= 0; i--)
        {
            ulong q = m / 10;
            buf[i] = (byte)('0' + (int)(m - q * 10));
            m = q;
        }
        if (v < 0) buf[0] = (byte)'-';
        return buf;
    }

    public static StringBuilder AppendDecimal(StringBuilder sb, long v) => sb.Append(Decimal(v));

    // The magnitude as ulong, so that long.MinValue needs no special case.
    static ulong Magnitude(long v) => v < 0 ? (ulong)(-(v + 1)) + 1 : (ulong)v;

    static int DecimalLength(long v, ulong magnitude)
    {
        int n = v < 0 ? 2 : 1;
        for (ulong p = 10; magnitude >= p; p *= 10)
        {
            n++;
            if (p == 10_000_000_000_000_000_000) break; // the next power would overflow
        }
        return n;
    }

    /// <summary>Lower-case hex of <paramref name="v"/>, zero-padded to at least <paramref name="minDigits"/> digits.</summary>
    public static string Hex(ulong v, int minDigits = 1) => HexOf(v, minDigits, HexDigits);

    /// <summary>Upper-case hex of <paramref name="v"/>, zero-padded to at least <paramref name="minDigits"/> digits.</summary>
    public static string UpperHex(ulong v, int minDigits = 1) => HexOf(v, minDigits, UpperHexDigits);

    static string HexOf(ulong v, int minDigits, string alphabet)
    {
        int digits = 1;
        for (ulong t = v >> 4; t != 0; t >>= 4) digits++;
        if (digits < minDigits) digits = minDigits;
        var buf = new char[digits];
        for (int i = digits - 1; i >= 0; i--)
        {
            buf[i] = alphabet[(int)(v & 15)];
            v >>= 4;
        }
        return new string(buf);
    }

    /// <summary>Lower-case hex of each byte, two digits per byte, no separators.</summary>
    public static string HexBytes(ReadOnlySpan<byte> bytes)
    {
        var buf = new char[bytes.Length * 2];
        for (int i = 0; i < bytes.Length; i++)
        {
            buf[2 * i] = HexDigits[bytes[i] >> 4];
            buf[2 * i + 1] = HexDigits[bytes[i] & 15];
        }
        return new string(buf);
    }

    static int DigitValue(char c) => (uint)(c - '0') <= 9 ? c - '0' : -1;

    static int HexValue(char c) =>
        (uint)(c - '0') <= 9 ? c - '0' : (uint)((c | 0x20) - 'a') <= 5 ? (c | 0x20) - 'a' + 10 : -1;

    /// <summary>One or more ASCII decimal digits, no sign, no overflow past uint.MaxValue.</summary>
    public static bool TryParseUInt32(ReadOnlySpan<char> s, out uint value)
    {
        value = 0;
        if (s.Length == 0) return false;
        ulong acc = 0;
        for (int i = 0; i < s.Length; i++)
        {
            int d = DigitValue(s[i]);
            if (d < 0) return false;
            acc = acc * 10 + (uint)d;
            if (acc > uint.MaxValue) return false;
        }
        value = (uint)acc;
        return true;
    }

    /// <summary>One or more hex digits (either case), no prefix, no overflow past ulong.MaxValue.</summary>
    public static bool TryParseHexUInt64(ReadOnlySpan<char> s, out ulong value)
    {
        value = 0;
        if (s.Length == 0) return false;
        ulong acc = 0;
        for (int i = 0; i < s.Length; i++)
        {
            int d = HexValue(s[i]);
            if (d < 0 || (acc >> 60) != 0) return false;
            acc = (acc << 4) | (uint)d;
        }
        value = acc;
        return true;
    }

    /// <summary>An optional '+' or '-', then one or more ASCII decimal digits, no overflow.</summary>
    public static bool TryParseInt64(ReadOnlySpan<char> s, out long value)
    {
        value = 0;
        bool neg = s.Length > 0 && s[0] == '-';
        if (s.Length > 0 && (s[0] == '+' || s[0] == '-')) s = s.Slice(1);
        if (s.Length == 0) return false;
        ulong acc = 0, limit = neg ? 1UL << 63 : long.MaxValue;
        for (int i = 0; i < s.Length; i++)
        {
            int d = DigitValue(s[i]);
            if (d < 0 || acc > (limit - (uint)d) / 10) return false;
            acc = acc * 10 + (uint)d;
        }
        value = neg ? (long)(0 - acc) : (long)acc;
        return true;
    }
}
