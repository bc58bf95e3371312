// Reads the primitive value texts of `; run: resume VALUE` lines into ABI values; the forms are
// those the corpus runner prints (ValueText): (), true, 42, 7u8, 'c', "s", bytes(6869), float(x, 0xBITS).
using System;
using System.Globalization;

namespace Rusk.Vm.Tests.Rasm;

static class RasmValue
{
    public static AbiValue Parse(string s)
    {
        s = s.Trim();
        if (s == "()") return AbiValue.Unit;
        if (s == "true") return AbiValue.Bool(true);
        if (s == "false") return AbiValue.Bool(false);
        if (s.StartsWith('"'))
        {
            int at = 0;
            string v = RasmSpec.ReadQuoted(s, ref at);
            if (at != s.Length) throw new FormatException($"unexpected text after the string in `{s}`");
            return AbiValue.String(v);
        }
        if (s.Length >= 3 && s[0] == '\'' && s[^1] == '\'')
        {
            string inner = s.Substring(1, s.Length - 2);
            if (char.IsSurrogatePair(inner, 0) ? inner.Length != 2 : inner.Length != 1)
                throw new FormatException($"expected one character in `{s}`");
            return AbiValue.Char(char.ConvertToUtf32(inner, 0));
        }
        if (s.StartsWith("bytes(", StringComparison.Ordinal) && s.EndsWith(')'))
            return AbiValue.Bytes(Convert.FromHexString(s.AsSpan(6, s.Length - 7)));
        if (s.StartsWith("float(", StringComparison.Ordinal) && s.EndsWith(')'))
        {
            int hex = s.IndexOf("0x", StringComparison.Ordinal);
            if (hex < 0) throw new FormatException($"expected float(DECIMAL, 0xBITS), found `{s}`");
            ulong bits = ulong.Parse(s.AsSpan(hex + 2, s.Length - hex - 3), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            return AbiValue.Float(BitConverter.Int64BitsToDouble((long)bits));
        }
        if (s.EndsWith("u8", StringComparison.Ordinal))
            return AbiValue.Byte(byte.Parse(s.AsSpan(0, s.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture));
        if (long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n)) return AbiValue.Int(n);
        throw new FormatException($"cannot read `{s}` as a primitive ABI value");
    }
}
