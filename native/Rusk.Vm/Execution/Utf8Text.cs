// UTF-16 .NET strings ↔ UTF-8 bytes, our own (instead of Encoding.UTF8, Utf8.IsValid, Rune), with
// the same results: lone surrogates encode as U+FFFD, and decoding replaces each maximal invalid
// subpart with one U+FFFD (Unicode's recommended practice, which Rust's from_utf8_lossy follows too).
using System;

namespace Rusk.Vm.Execution;

internal static class Utf8Text
{
    const char Replacement = '\uFFFD';

    /// <summary>The scalar value at <paramref name="i"/>: a surrogate pair, a BMP char, or U+FFFD for a lone surrogate.</summary>
    static int ScalarAt(string s, ref int i)
    {
        char c = s[i];
        if (c < 0xD800 || c > 0xDFFF) return c;
        if (c <= 0xDBFF && i + 1 < s.Length && s[i + 1] >= 0xDC00 && s[i + 1] <= 0xDFFF)
        {
            i++;
            return 0x10000 + ((c - 0xD800) << 10) + (s[i] - 0xDC00);
        }
        return Replacement;
    }

    public static int ByteCount(string s)
    {
        int n = 0;
        for (int i = 0; i < s.Length; i++) n += s[i] < 0x80 ? 1 : Intrinsics.Utf8Len(ScalarAt(s, ref i));
        return n;
    }

    /// <summary>Writes the UTF-8 of <paramref name="s"/> (room for <see cref="ByteCount"/> bytes); returns the count.</summary>
    public static int Encode(string s, Span<byte> dst)
    {
        int pos = 0;
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] < 0x80) dst[pos++] = (byte)s[i];
            else pos += Intrinsics.Utf8Encode(ScalarAt(s, ref i), dst.Slice(pos));
        }
        return pos;
    }

    public static byte[] Encode(string s)
    {
        var bytes = new byte[ByteCount(s)];
        Encode(s, bytes);
        return bytes;
    }

    public static string Decode(ReadOnlySpan<byte> s)
    {
        // Every sequence, valid or not, gives at most as many UTF-16 units as it has bytes.
        var chars = new char[s.Length];
        int n = 0;
        for (int i = 0; i < s.Length;)
        {
            if (s[i] < 0x80) { chars[n++] = (char)s[i++]; continue; }
            int len = Intrinsics.Utf8Sequence(s, i);
            if (len < 0)
            {
                chars[n++] = Replacement;
                i -= len;
                continue;
            }
            int c = Intrinsics.DecodeValid(s, i);
            i += len;
            if (c < 0x10000) chars[n++] = (char)c;
            else
            {
                chars[n++] = (char)(0xD800 + ((c - 0x10000) >> 10));
                chars[n++] = (char)(0xDC00 + ((c - 0x10000) & 0x3FF));
            }
        }
        return new string(chars, 0, n);
    }

    /// <summary>The offset of the first ill-formed sequence, or −1 when <paramref name="s"/> is valid UTF-8.</summary>
    public static int FirstInvalid(ReadOnlySpan<byte> s)
    {
        for (int i = 0; i < s.Length;)
        {
            if (s[i] < 0x80) { i++; continue; }
            int len = Intrinsics.Utf8Sequence(s, i);
            if (len < 0) return i;
            i += len;
        }
        return -1;
    }
}
