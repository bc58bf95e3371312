// Invariant-culture integer formatting and parsing (what int/long/… ToString, TryFormat and
// TryParse do with no format and no provider): '-' sign, ASCII digits, no group separators.
namespace System;

internal static class Number
{
    internal static string FormatInt64(long value)
    {
        if (value >= 0) return FormatUInt64((ulong)value);
        char[] buffer = new char[20];
        int start = WriteDigits((ulong)(-(value + 1)) + 1, buffer);
        buffer[--start] = '-';
        return new string(buffer, start, buffer.Length - start);
    }

    internal static string FormatUInt64(ulong value)
    {
        char[] buffer = new char[20];
        int start = WriteDigits(value, buffer);
        return new string(buffer, start, buffer.Length - start);
    }

    // Writes the decimal digits of `value` right-aligned at the end of `buffer`; returns where they start.
    private static int WriteDigits(ulong value, char[] buffer)
    {
        int at = buffer.Length;
        do
        {
            ulong quotient = value / 10;
            buffer[--at] = (char)('0' + (int)(value - quotient * 10));
            value = quotient;
        }
        while (value != 0);
        return at;
    }
}
