// String and bytes intrinsics. Strings are UTF-8 with byte-offset indices; decoding follows Rust's
// `str`/`String` exactly (strict validation, from_utf8_lossy's one U+FFFD per maximal invalid
// subpart, decode_utf16, `parse::<f64>` / `parse::<i64>` grammars).
using System;

namespace Rusk.Vm.Execution;

internal static partial class Intrinsics
{
    // ---- bytes ----

    static string? BytesGet(ReadOnlySpan<Value> args, IntrinsicEnv env, out Value result)
    {
        result = default;
        if (args.Length != 2 || args[0].Obj is not RBytes b || !args[1].IsInt) return BadArgs("core::intrinsics::bytes_get", args);
        long idx = args[1].AsInt;
        return (ulong)idx < (ulong)b.Length
            ? Some(env, env.OptionOfByte, Value.Byte(b.Buffer[b.Start + (int)idx]), out result)
            : None(env, env.OptionOfByte, out result);
    }

    static string? BytesSlice(ReadOnlySpan<Value> args, IntrinsicEnv env, out Value result)
    {
        result = default;
        if (args.Length != 3 || args[0].Obj is not RBytes b || !args[1].IsInt) return BadArgs("core::intrinsics::bytes_slice", args);
        string? err = ByteRange(b.Length, args[1].AsInt, args[2], env, "core::intrinsics::bytes_slice", out int from, out int len);
        if (err != null) return err;
        result = Value.Bytes(new RBytes(b.Buffer, b.Start + from, len));
        return null;
    }

    static string? StringByteSlice(ReadOnlySpan<Value> args, IntrinsicEnv env, out Value result)
    {
        result = default;
        if (args.Length != 3 || args[0].Obj is not RString s || !args[1].IsInt) return BadArgs("core::intrinsics::string_byte_slice", args);
        string? err = ByteRange(s.Length, args[1].AsInt, args[2], env, "core::intrinsics::string_byte_slice", out int from, out int len);
        if (err != null) return err;
        // The result is `bytes`: a view of the string's buffer (both are immutable).
        result = Value.Bytes(new RBytes(s.Buffer, s.Start + from, len));
        return null;
    }

    /// <summary>The shared checks of bytes_slice / string_byte_slice: `to` is an Option&lt;int&gt; defaulting to len.</summary>
    static string? ByteRange(int length, long from, in Value toOpt, IntrinsicEnv env, string name, out int start, out int len)
    {
        start = 0; len = 0;
        string? err = ReadOptionInt(env, toOpt, out bool has, out long to);
        if (err != null) return err;
        if (!has) to = length;
        if (from < 0) return name + ": from must be >= 0";
        if (to < 0) return name + ": to must be >= 0";
        if (from > to) return name + ": from > to";
        if (to > length) return name + ": to out of bounds";
        start = (int)from;
        len = (int)(to - from);
        return null;
    }

    static string? BytesToArray(ReadOnlySpan<Value> args, IntrinsicEnv env, out Value result)
    {
        result = default;
        if (args.Length != 1 || args[0].Obj is not RBytes b) return BadArgs("core::intrinsics::bytes_to_array", args);
        if (env.Charge(HeapMeter.Values(b.Length)) is string oom) return oom;
        var items = new Value[b.Length];
        var src = b.Span;
        for (int i = 0; i < items.Length; i++) items[i] = Value.Byte(src[i]);
        result = Value.Ref(new RArray(items));
        return null;
    }

    static string? BytesFromArray(ReadOnlySpan<Value> args, IntrinsicEnv env, out Value result)
    {
        result = default;
        if (args.Length != 1 || !args[0].IsRef) return BadArgs("core::intrinsics::bytes_from_array", args);
        if (args[0].Obj is not RArray arr) return "core::intrinsics::bytes_from_array: expected an array";
        if (env.Charge(HeapMeter.Bytes(arr.Count)) is string oom) return oom;
        var data = new byte[arr.Count];
        for (int i = 0; i < data.Length; i++)
        {
            if (!arr.Items[i].IsByte) return "core::intrinsics::bytes_from_array: expected `[byte]`";
            data[i] = arr.Items[i].AsByte;
        }
        result = Value.Bytes(new RBytes(data));
        return null;
    }

    // ---- string indexing ----

    static string? StringSlice(ReadOnlySpan<Value> args, IntrinsicEnv env, out Value result)
    {
        result = default;
        if (args.Length != 3 || args[0].Obj is not RString s || !args[1].IsInt) return BadArgs("core::intrinsics::string_slice", args);
        long from = args[1].AsInt;
        string? err = ReadOptionInt(env, args[2], out bool hasTo, out long to);
        if (err != null) return err;
        if (from < 0) return "core::intrinsics::string_slice: from must be >= 0";
        if (hasTo && to < 0) return "core::intrinsics::string_slice: to must be >= 0";
        if (hasTo && from > to) return "core::intrinsics::string_slice: from > to";

        // `from`/`to` count Unicode scalar values; convert them to byte offsets.
        var span = s.Span;
        int fromByte = CodepointOffset(span, from);
        if (fromByte < 0) return "core::intrinsics::string_slice: from out of bounds";
        int toByte = span.Length;
        if (hasTo)
        {
            int rel = CodepointOffset(span.Slice(fromByte), to - from);
            if (rel < 0) return "core::intrinsics::string_slice: to out of bounds";
            toByte = fromByte + rel;
        }
        result = Value.String(new RString(s.Buffer, s.Start + fromByte, toByte - fromByte));
        return null;
    }

    /// <summary>Byte offset of the <paramref name="cp"/>-th scalar value (the length when cp = count), or −1 past the end.</summary>
    static int CodepointOffset(ReadOnlySpan<byte> s, long cp)
    {
        if (cp == 0) return 0;
        long seen = 0;
        for (int i = 0; i < s.Length; i++)
        {
            if ((s[i] & 0xC0) != 0x80)
            {
                if (seen == cp) return i;
                seen++;
            }
        }
        return seen == cp ? s.Length : -1;
    }

    static bool IsCharBoundary(ReadOnlySpan<byte> s, int i) => i == 0 || i == s.Length || (i < s.Length && (s[i] & 0xC0) != 0x80);

    static string? StringNextIndex(ReadOnlySpan<Value> args, out Value result)
    {
        result = default;
        if (args.Length != 2 || args[0].Obj is not RString s || !args[1].IsInt) return BadArgs("core::intrinsics::string_next_index", args);
        long idx = args[1].AsInt;
        if (idx < 0) return "core::intrinsics::string_next_index: idx must be >= 0";
        if (idx > s.Length) return "core::intrinsics::string_next_index: idx out of bounds";
        if (idx == s.Length) { result = Value.Int(-1); return null; }
        var span = s.Span;
        if (!IsCharBoundary(span, (int)idx)) return "core::intrinsics::string_next_index: invalid UTF-8 boundary";
        result = Value.Int(idx + Utf8Width(span[(int)idx]));
        return null;
    }

    static string? StringCodepointAt(ReadOnlySpan<Value> args, out Value result)
    {
        result = default;
        if (args.Length != 2 || args[0].Obj is not RString s || !args[1].IsInt) return BadArgs("core::intrinsics::string_codepoint_at", args);
        long idx = args[1].AsInt;
        if (idx < 0) return "core::intrinsics::string_codepoint_at: idx must be >= 0";
        if (idx >= s.Length) return "core::intrinsics::string_codepoint_at: idx out of bounds";
        var span = s.Span;
        if (!IsCharBoundary(span, (int)idx)) return "core::intrinsics::string_codepoint_at: invalid UTF-8 boundary";
        result = Value.Int(DecodeValid(span, (int)idx));
        return null;
    }

    /// <summary>Sequence length from the lead byte of valid UTF-8.</summary>
    static int Utf8Width(byte lead) => lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;

    /// <summary>The scalar value at a char boundary of valid UTF-8.</summary>
    internal static int DecodeValid(ReadOnlySpan<byte> s, int i)
    {
        int b0 = s[i];
        if (b0 < 0x80) return b0;
        if (b0 < 0xE0) return ((b0 & 0x1F) << 6) | (s[i + 1] & 0x3F);
        if (b0 < 0xF0) return ((b0 & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
        return ((b0 & 0x07) << 18) | ((s[i + 1] & 0x3F) << 12) | ((s[i + 2] & 0x3F) << 6) | (s[i + 3] & 0x3F);
    }

    /// <summary>UTF-8 length of a scalar value.</summary>
    internal static int Utf8Len(int c) => c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;

    /// <summary>Writes the UTF-8 encoding of scalar value <paramref name="c"/>; returns its length.</summary>
    internal static int Utf8Encode(int c, Span<byte> dst)
    {
        if (c < 0x80) { dst[0] = (byte)c; return 1; }
        if (c < 0x800) { dst[0] = (byte)(0xC0 | (c >> 6)); dst[1] = (byte)(0x80 | (c & 0x3F)); return 2; }
        if (c < 0x10000)
        {
            dst[0] = (byte)(0xE0 | (c >> 12)); dst[1] = (byte)(0x80 | ((c >> 6) & 0x3F)); dst[2] = (byte)(0x80 | (c & 0x3F));
            return 3;
        }
        dst[0] = (byte)(0xF0 | (c >> 18)); dst[1] = (byte)(0x80 | ((c >> 12) & 0x3F));
        dst[2] = (byte)(0x80 | ((c >> 6) & 0x3F)); dst[3] = (byte)(0x80 | (c & 0x3F));
        return 4;
    }

    // ---- building strings ----

    static string? StringFromChars(ReadOnlySpan<Value> args, IntrinsicEnv env, out Value result)
    {
        result = default;
        if (args.Length != 1 || !args[0].IsRef) return BadArgs("core::intrinsics::string_from_chars", args);
        if (args[0].Obj is not RArray arr) return "core::intrinsics::string_from_chars: expected an array";
        long total = 0;
        for (int i = 0; i < arr.Count; i++)
        {
            if (!arr.Items[i].IsChar) return "core::intrinsics::string_from_chars: expected `[char]`";
            total += Utf8Len(arr.Items[i].AsChar);
        }
        if (total > Array.MaxLength) return "string length overflow";
        if (env.Charge(HeapMeter.Bytes(total)) is string oom) return oom;
        var buf = new byte[total];
        int pos = 0;
        for (int i = 0; i < arr.Count; i++) pos += Utf8Encode(arr.Items[i].AsChar, buf.AsSpan(pos));
        result = Value.String(new RString(buf));
        return null;
    }

    const int Replacement = 0xFFFD;

    /// <summary>
    /// Rust's UTF-8 decoding step at <paramref name="i"/>: the length of the valid sequence there
    /// (1..4), or minus the length of the invalid maximal subpart (−1..−3) that gets one U+FFFD.
    /// </summary>
    internal static int Utf8Sequence(ReadOnlySpan<byte> s, int i)
    {
        int first = s[i];
        if (first < 0x80) return 1;
        int next = i + 1 < s.Length ? s[i + 1] : 0;
        if (first >= 0xC2 && first <= 0xDF) return IsCont(next) ? 2 : -1;
        if (first >= 0xE0 && first <= 0xEF)
        {
            bool ok = first == 0xE0 ? next >= 0xA0 && next <= 0xBF
                : first == 0xED ? next >= 0x80 && next <= 0x9F
                : IsCont(next);
            if (!ok) return -1;
            return i + 2 < s.Length && IsCont(s[i + 2]) ? 3 : -2;
        }
        if (first >= 0xF0 && first <= 0xF4)
        {
            bool ok = first == 0xF0 ? next >= 0x90 && next <= 0xBF
                : first == 0xF4 ? next >= 0x80 && next <= 0x8F
                : IsCont(next);
            if (!ok) return -1;
            if (!(i + 2 < s.Length && IsCont(s[i + 2]))) return -2;
            return i + 3 < s.Length && IsCont(s[i + 3]) ? 4 : -3;
        }
        return -1;
    }

    static bool IsCont(int b) => (b & 0xC0) == 0x80;

    static bool IsValidUtf8(ReadOnlySpan<byte> s)
    {
        for (int i = 0; i < s.Length;)
        {
            if (s[i] < 0x80) { i++; continue; }
            int n = Utf8Sequence(s, i);
            if (n < 0) return false;
            i += n;
        }
        return true;
    }

    static string? StringFromUtf8(ReadOnlySpan<Value> args, IntrinsicEnv env, out Value result)
    {
        result = default;
        if (args.Length != 1 || args[0].Obj is not RBytes b) return BadArgs("core::intrinsics::string_from_utf8", args);
        var src = b.Span;
        long outLen = 0;
        for (int i = 0; i < src.Length;)
        {
            int n = Utf8Sequence(src, i);
            if (n > 0) { outLen += n; i += n; }
            else { outLen += 3; i -= n; }
        }
        if (outLen > Array.MaxLength) return "string length overflow";
        if (env.Charge(HeapMeter.Bytes(outLen)) is string oom) return oom;
        var buf = new byte[outLen];
        int pos = 0;
        for (int i = 0; i < src.Length;)
        {
            int n = Utf8Sequence(src, i);
            if (n > 0) { src.Slice(i, n).CopyTo(buf.AsSpan(pos)); pos += n; i += n; }
            else { buf[pos] = 0xEF; buf[pos + 1] = 0xBF; buf[pos + 2] = 0xBD; pos += 3; i -= n; }
        }
        result = Value.String(new RString(buf));
        return null;
    }

    static string? StringFromUtf8Strict(ReadOnlySpan<Value> args, IntrinsicEnv env, out Value result)
    {
        result = default;
        if (args.Length != 1 || args[0].Obj is not RBytes b) return BadArgs("core::intrinsics::string_from_utf8_strict", args);
        if (!IsValidUtf8(b.Span)) return None(env, env.OptionOfString, out result);
        if (env.Charge(HeapMeter.Bytes(b.Length)) is string oom) return oom;
        return Some(env, env.OptionOfString, Value.String(new RString(b.Span.ToArray())), out result);
    }

    /// <summary>
    /// Lossy UTF-16 from an `[int]` of code units (the reference ignores LE/BE: the units are ints):
    /// a non-int or out-of-range item and each unpaired surrogate become U+FFFD.
    /// </summary>
    static string? StringFromUtf16(ReadOnlySpan<Value> args, IntrinsicEnv env, out Value result)
    {
        result = default;
        if (args.Length != 1 || !args[0].IsRef) return BadArgs("core::intrinsics::string_from_utf16", args);
        if (args[0].Obj is not RArray arr) return "core::intrinsics::string_from_utf16: expected an array";
        if (env.Charge(HeapMeter.Bytes(arr.Count * 7L)) is string oom) return oom; // units, then up to 3 UTF-8 bytes each
        var units = new int[arr.Count];
        for (int i = 0; i < units.Length; i++)
        {
            Value item = arr.Items[i];
            units[i] = item.IsInt && (ulong)item.AsInt <= 0xFFFF ? (int)item.AsInt : Replacement;
        }
        result = Value.String(new RString(DecodeUtf16(units, strict: false)!));
        return null;
    }

    static string? StringFromUtf16Strict(ReadOnlySpan<Value> args, IntrinsicEnv env, out Value result)
    {
        result = default;
        if (args.Length != 1 || !args[0].IsRef) return BadArgs("core::intrinsics::string_from_utf16_strict", args);
        if (args[0].Obj is not RArray arr) return "core::intrinsics::string_from_utf16_strict: expected an array";
        if (env.Charge(HeapMeter.Bytes(arr.Count * 7L)) is string oom) return oom; // units, then up to 3 UTF-8 bytes each
        var units = new int[arr.Count];
        for (int i = 0; i < units.Length; i++)
        {
            Value item = arr.Items[i];
            if (!item.IsInt || (ulong)item.AsInt > 0xFFFF) return None(env, env.OptionOfString, out result);
            units[i] = (int)item.AsInt;
        }
        byte[]? utf8 = DecodeUtf16(units, strict: true);
        return utf8 == null
            ? None(env, env.OptionOfString, out result)
            : Some(env, env.OptionOfString, Value.String(new RString(utf8)), out result);
    }

    /// <summary>Rust's decode_utf16 into UTF-8; an unpaired surrogate is U+FFFD, or null when strict.</summary>
    static byte[]? DecodeUtf16(int[] units, bool strict)
    {
        // Every unit yields at most 3 bytes (a surrogate pair: 4 bytes for 2 units).
        var buf = new byte[(long)units.Length * 3];
        int pos = 0;
        for (int i = 0; i < units.Length; i++)
        {
            int u = units[i];
            int c;
            if (u < 0xD800 || u > 0xDFFF) c = u;
            else if (u <= 0xDBFF && i + 1 < units.Length && units[i + 1] >= 0xDC00 && units[i + 1] <= 0xDFFF)
            {
                c = 0x10000 + ((u - 0xD800) << 10) + (units[i + 1] - 0xDC00);
                i++;
            }
            else if (strict) return null;
            else c = Replacement;
            pos += Utf8Encode(c, buf.AsSpan(pos));
        }
        return pos == buf.Length ? buf : buf.AsSpan(0, pos).ToArray();
    }

    // ---- parsing ----

    static string? FloatFromString(ReadOnlySpan<Value> args, IntrinsicEnv env, out Value result)
    {
        result = default;
        if (args.Length != 1 || args[0].Obj is not RString s) return BadArgs("core::intrinsics::float_from_string_strict", args);
        // `parse::<f64>()` also accepts inf/infinity/nan, but those are filtered out as non-finite.
        return TryParseFiniteF64(s.Span, out double v)
            ? Some(env, env.OptionOfFloat, Value.Float(v), out result)
            : None(env, env.OptionOfFloat, out result);
    }

    static string? IntFromString(ReadOnlySpan<Value> args, IntrinsicEnv env, out Value result)
    {
        result = default;
        if (args.Length != 1 || args[0].Obj is not RString s) return BadArgs("core::intrinsics::int_from_string_strict", args);
        return TryParseI64(s.Span, out long v)
            ? Some(env, env.OptionOfInt, Value.Int(v), out result)
            : None(env, env.OptionOfInt, out result);
    }

    static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    /// <summary>
    /// Rust's `i64::from_str`: optional `+`/`-` (not alone), then one or more ASCII digits, no
    /// overflow. Nothing else (no whitespace, no underscores).
    /// </summary>
    internal static bool TryParseI64(ReadOnlySpan<byte> s, out long value)
    {
        value = 0;
        if (s.Length == 0) return false;
        bool neg = false;
        if (s[0] == '+' || s[0] == '-')
        {
            neg = s[0] == '-';
            s = s.Slice(1);
            if (s.Length == 0) return false;
        }
        long acc = 0;
        for (int i = 0; i < s.Length; i++)
        {
            if (!IsDigit(s[i])) return false;
            int d = s[i] - '0';
            // Accumulate toward the sign so that i64::MIN parses.
            if (neg)
            {
                if (acc < (long.MinValue + d) / 10) return false;
                acc = acc * 10 - d;
            }
            else
            {
                if (acc > (long.MaxValue - d) / 10) return false;
                acc = acc * 10 + d;
            }
        }
        value = acc;
        return true;
    }

    /// <summary>
    /// Rust's `f64::from_str` restricted to finite results: [+-] then digits with an optional `.`
    /// (at least one digit on either side: "5.", ".5"), then an optional exponent `e`/`E` [+-]
    /// digits. Correctly rounded; out-of-range magnitudes round to infinity (rejected) or zero.
    /// </summary>
    internal static bool TryParseFiniteF64(ReadOnlySpan<byte> s, out double value) =>
        FloatParse.TryParse(s, out value) && !double.IsInfinity(value);
}
