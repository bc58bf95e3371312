// Invariant-culture integer text: what ToString/TryFormat/TryParse of the integer types do with the
// invariant culture — '-' sign, ASCII digits, no group separators; formats G/D/X with an optional
// digit count. Source shared with the CoreCLR comparison tests (tests/Rusk.Aot.Runtime.Tests).
#if RUSK_CORLIB_SHADOW
namespace RuskCorlib.System;
#else
namespace System;
#endif

internal static class Number
{
    internal static string FormatInt64(long value) => FormatInt64(value, null, 64);
    internal static string FormatUInt64(ulong value) => FormatUInt64(value, null, 64);

    /// <summary>`value` of a signed type `bits` wide (hex formats print its two's complement).</summary>
    internal static string FormatInt64(long value, string? format, int bits)
    {
        char kind = ParseFormat(format, out int digits);
        if (kind == 'X' || kind == 'x')
            return FormatHex(bits == 64 ? (ulong)value : (ulong)value & ((1UL << bits) - 1), digits, kind == 'X');
        if (value >= 0) return FormatDecimal((ulong)value, digits, false);
        return FormatDecimal((ulong)(-(value + 1)) + 1, digits, true);
    }

    internal static string FormatUInt64(ulong value, string? format, int bits)
    {
        char kind = ParseFormat(format, out int digits);
        if (kind == 'X' || kind == 'x') return FormatHex(value, digits, kind == 'X');
        return FormatDecimal(value, digits, false);
    }

    // "", "G", "D", "X", "x", each optionally followed by a digit count (at most 9 digits, as .NET).
    private static char ParseFormat(string? format, out int digits)
    {
        digits = 0;
        if (format is null || format.Length == 0) return 'D';
        char kind = format[0];
        bool known = kind == 'G' || kind == 'g' || kind == 'D' || kind == 'd' || kind == 'X' || kind == 'x';
        for (int i = 1; i < format.Length && known; i++)
        {
            char c = format[i];
            known = c >= '0' && c <= '9' && i <= 9;
            digits = digits * 10 + (c - '0');
        }
        if (!known) throw new FormatException("Format specifier '" + format + "' is not supported (only G, D and X, with an optional digit count).");
        return kind == 'X' || kind == 'x' ? kind : 'D';
    }

    private static string FormatDecimal(ulong magnitude, int minDigits, bool negative)
    {
        char[] buffer = new char[minDigits > 20 ? minDigits + 1 : 21];
        int at = buffer.Length;
        do
        {
            ulong quotient = magnitude / 10;
            buffer[--at] = (char)('0' + (int)(magnitude - quotient * 10));
            magnitude = quotient;
        }
        while (magnitude != 0);
        while (buffer.Length - at < minDigits) buffer[--at] = '0';
        if (negative) buffer[--at] = '-';
        return new string(buffer, at, buffer.Length - at);
    }

    private static string FormatHex(ulong value, int minDigits, bool upper)
    {
        char[] buffer = new char[minDigits > 16 ? minDigits : 16];
        int at = buffer.Length;
        int letter = upper ? 'A' - 10 : 'a' - 10;
        do
        {
            int nibble = (int)(value & 0xF);
            buffer[--at] = (char)(nibble < 10 ? '0' + nibble : letter + nibble);
            value >>= 4;
        }
        while (value != 0);
        while (buffer.Length - at < minDigits) buffer[--at] = '0';
        return new string(buffer, at, buffer.Length - at);
    }

    /// <summary>Copies `text` into `destination` (chars or, for UTF-8, its ASCII bytes).</summary>
    internal static bool TryCopy(string text, Span<char> destination, out int charsWritten)
    {
        if (text.Length > destination.Length)
        {
            charsWritten = 0;
            return false;
        }
        for (int i = 0; i < text.Length; i++) destination[i] = text[i];
        charsWritten = text.Length;
        return true;
    }

    internal static bool TryCopyUtf8(string text, Span<byte> destination, out int bytesWritten)
    {
        if (text.Length > destination.Length)
        {
            bytesWritten = 0;
            return false;
        }
        for (int i = 0; i < text.Length; i++) destination[i] = (byte)text[i];
        bytesWritten = text.Length;
        return true;
    }

    /// <summary>NumberStyles.Integer: optional white space, an optional sign, decimal digits,
    /// optional white space; the result must lie in [min, max].</summary>
    internal static bool TryParseInt64(ReadOnlySpan<char> s, long min, long max, out long result)
    {
        result = 0;
        if (!TryParseMagnitude(s, out bool negative, out ulong magnitude)) return false;
        if (negative)
        {
            if (magnitude > (ulong)(-(min + 1)) + 1) return false;
            result = (long)(0 - magnitude);
            return true;
        }
        if (magnitude > (ulong)max) return false;
        result = (long)magnitude;
        return true;
    }

    internal static bool TryParseUInt64(ReadOnlySpan<char> s, ulong max, out ulong result)
    {
        result = 0;
        if (!TryParseMagnitude(s, out bool negative, out ulong magnitude)) return false;
        // .NET accepts "-0" for unsigned types, nothing else negative.
        if (negative ? magnitude != 0 : magnitude > max) return false;
        result = magnitude;
        return true;
    }

    private static bool TryParseMagnitude(ReadOnlySpan<char> s, out bool negative, out ulong magnitude)
    {
        negative = false;
        magnitude = 0;
        int i = 0, end = s.Length;
        while (i < end && IsWhite(s[i])) i++;
        while (end > i && IsWhite(s[end - 1])) end--;
        if (i < end && (s[i] == '-' || s[i] == '+'))
        {
            negative = s[i] == '-';
            i++;
        }
        if (i == end) return false;
        for (; i < end; i++)
        {
            uint digit = (uint)(s[i] - '0');
            if (digit > 9) return false;
            if (magnitude > (ulong.MaxValue - digit) / 10) return false;
            magnitude = magnitude * 10 + digit;
        }
        return true;
    }

    private static bool IsWhite(char c) => c == ' ' || (c >= '\t' && c <= '\r');

    internal static Exception ParseFailure(ReadOnlySpan<char> s, string typeName)
    {
        if (TryParseMagnitude(s, out _, out _))
            return new OverflowException("Value was either too large or too small for " + typeName + ".");
        return new FormatException("The input string '" + s.ToString() + "' was not in a correct format.");
    }
}
