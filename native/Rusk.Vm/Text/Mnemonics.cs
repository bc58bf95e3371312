// The vocabulary shared by the disassembler and the assembler of the `.rasm` text format
// (docs/text-format.md): opcode and intrinsic mnemonics, which names print bare, and escapes.
using System;
using System.Collections.Generic;
using System.Text;
using Rusk.Vm.Execution;
using Rusk.Vm.Format;

namespace Rusk.Vm.Text;

internal static partial class Mnemonics
{
    /// <summary>Opcode mnemonics indexed by the wire tag (§10.5).</summary>
    public static readonly string[] Opcodes =
    {
        "const", "copy", "move", "as_readonly", "is_type", "make_typerep", "make_struct", "make_array",
        "make_tuple", "make_enum", "get_field", "set_field", "struct_get", "struct_set", "tuple_get", "tuple_set",
        "index_get", "index_set", "len", "int_add", "int_sub", "int_mul", "int_div", "int_mod",
        "int_lt", "int_le", "int_gt", "int_ge", "int_eq", "int_ne", "bool_not", "bool_eq",
        "bool_ne", "call", "icall", "vcall", "push_handler", "pop_handler", "perform", "resume",
        "jump", "jump_if", "switch", "return", "trap", "resume_tail", "call_multi", "return_multi",
        "int_and", "int_or", "int_xor", "int_shl", "int_shr", "int_ushr", "int_not", "byte_and",
        "byte_or", "byte_xor", "byte_shl", "byte_shr", "byte_ushr", "byte_not", "assoc_typerep", "scall",
    };

    /// <summary>Intrinsic mnemonics indexed by the wire tag.</summary>
    public static readonly string[] Intrinsics =
    {
        "string_concat", "to_string", "panic", "bool_not", "bool_eq",
        "bool_ne", "int_add", "int_sub", "int_mul", "int_div",
        "int_mod", "int_eq", "int_ne", "int_lt", "int_le",
        "int_gt", "int_ge", "float_add", "float_sub", "float_mul",
        "float_div", "float_mod", "float_eq", "float_ne", "float_lt",
        "float_le", "float_gt", "float_ge", "string_eq", "string_ne",
        "bytes_eq", "bytes_ne", "unit_eq", "unit_ne", "array_len",
        "array_len_ro", "array_push", "array_pop", "array_clear", "array_resize",
        "array_insert", "array_remove", "array_extend", "array_concat", "array_concat_ro",
        "array_slice", "array_slice_ro", "int_to_byte", "int_try_byte", "byte_to_int",
        "int_to_char", "int_try_char", "char_to_int", "bytes_get", "bytes_len",
        "bytes_slice", "bytes_to_array", "bytes_from_array", "string_slice", "string_next_index",
        "string_codepoint_at", "string_from_chars", "string_from_utf8", "string_from_utf8_strict", "string_from_utf16_le",
        "string_from_utf16_le_strict", "string_from_utf16_be", "string_from_utf16_be_strict", "hash_int", "hash_string",
        "hash_bytes", "hash_combine", "int_and", "int_or", "int_xor",
        "int_not", "int_shl", "int_shr", "int_ushr", "byte_and",
        "byte_or", "byte_xor", "byte_not", "byte_shl", "byte_shr",
        "byte_ushr", "string_byte_slice", "float_from_string_strict", "int_from_string_strict", "string_to_utf8_bytes",
    };

    /// <summary>ABI leaf type keywords indexed by <see cref="AbiKind"/> (Unit..Char).</summary>
    public static readonly string[] AbiLeaves =
        { "unit", "bool", "int", "float", "string", "bytes", "continuation", "byte", "char" };

    /// <summary>TypeRepLit keywords indexed by <see cref="TypeRepKind"/>.</summary>
    public static readonly string[] TypeReps =
    {
        "unit", "never", "bool", "int", "float", "byte", "char", "string", "bytes",
        "array", "tuple", "struct", "enum", "interface", "fn", "cont",
    };

    /// <summary>The primitive type names every module declares first (§4.1), in the compiler's order.</summary>
    public static readonly string[] PrimitiveTypes = { "unit", "bool", "int", "float", "byte", "char", "string", "bytes" };

    public static string OpcodeName(Opcode op) =>
        (int)op < Opcodes.Length ? Opcodes[(int)op] : "opcode " + NumberText.Decimal((int)op);

    // Opcode index + 1 by mnemonic hash, open addressing (0 = empty): the assembler looks a token's
    // span up without allocating a string for it.
    static readonly int[] OpcodeSlots = BuildSlots(Opcodes);

    static int NameHash(ReadOnlySpan<char> s)
    {
        uint h = 2166136261u;
        for (int i = 0; i < s.Length; i++) h = (h ^ s[i]) * 16777619u;
        return (int)(h ^ (h >> 15));
    }

    static int[] BuildSlots(string[] names)
    {
        int size = 16;
        while (size < names.Length * 4) size <<= 1;
        var slots = new int[size];
        for (int i = 0; i < names.Length; i++)
        {
            int at = NameHash(names[i]) & (size - 1);
            while (slots[at] != 0) at = (at + 1) & (size - 1);
            slots[at] = i + 1;
        }
        return slots;
    }

    public static bool TryGetOpcode(ReadOnlySpan<char> name, out int index)
    {
        int mask = OpcodeSlots.Length - 1;
        for (int at = NameHash(name) & mask; ; at = (at + 1) & mask)
        {
            int e = OpcodeSlots[at];
            if (e == 0) break;
            if (name.SequenceEqual(Opcodes[e - 1].AsSpan())) { index = e - 1; return true; }
        }
        index = -1;
        return false;
    }
    public static readonly Dictionary<string, int> IntrinsicByName = IndexOf(Intrinsics);

    // `host` and `intrinsic` would change the meaning of a call target; the others would read like
    // a pattern or a switch default. Names spelled like them are printed quoted.
    static readonly HashSet<string> Reserved = new() { "host", "intrinsic", "_", "bind", "default", "true", "false", "nan", "inf" };

    static Dictionary<string, int> IndexOf(string[] names)
    {
        var map = new Dictionary<string, int>(names.Length);
        for (int i = 0; i < names.Length; i++) map.Add(names[i], i);
        return map;
    }

    public static bool IsIdentStart(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    public static bool IsIdentPart(char c) => IsIdentStart(c) || (c >= '0' && c <= '9');

    /// <summary>True when <paramref name="s"/> can be written without quotes and reads back as the same name.</summary>
    public static bool IsBareName(string s)
    {
        if (s.Length == 0 || !IsIdentStart(s[0])) return false;
        for (int i = 1; i < s.Length; i++)
            if (!IsIdentPart(s[i])) return false;
        return !Reserved.Contains(s) && !IsRegisterLike(s) && !IsTypeParamLike(s);
    }

    /// <summary>`r` followed by digits: reads as a register.</summary>
    public static bool IsRegisterLike(string s) => s.Length > 1 && s[0] == 'r' && AllDigits(s, 1);

    /// <summary>`T` followed by digits: reads as an ABI schema type parameter.</summary>
    public static bool IsTypeParamLike(string s) => s.Length > 1 && s[0] == 'T' && AllDigits(s, 1);

    static bool AllDigits(string s, int from)
    {
        for (int i = from; i < s.Length; i++)
            if (s[i] < '0' || s[i] > '9') return false;
        return true;
    }

    /// <summary>Appends a name: bare when that reads back unchanged, a quoted string otherwise.</summary>
    public static void AppendName(StringBuilder sb, string name)
    {
        if (IsBareName(name)) sb.Append(name);
        else AppendQuoted(sb, name);
    }

    /// <summary>
    /// Appends a double-quoted string. Printable characters stay as they are (the file is UTF-8);
    /// control and format characters and lone surrogates become escapes so that every string,
    /// even one no UTF-8 file could hold, reads back identically.
    /// </summary>
    public static void AppendQuoted(StringBuilder sb, string s)
    {
        sb.Append('"');
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); continue;
                case '\\': sb.Append("\\\\"); continue;
                case '\n': sb.Append("\\n"); continue;
                case '\r': sb.Append("\\r"); continue;
                case '\t': sb.Append("\\t"); continue;
                case '\0': sb.Append("\\0"); continue;
            }
            if (c >= 0x20 && c < 0x7f) { sb.Append(c); continue; }
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                sb.Append(c).Append(s[i + 1]);
                i++;
                continue;
            }
            if (c < 0x20 || c == 0x7f || char.IsSurrogate(c) || NeedsEscape(c)) AppendUnicodeEscape(sb, c);
            else sb.Append(c);
        }
        sb.Append('"');
    }

    // Invisible or line-breaking characters would make the text misleading or break the line structure:
    // the categories Cc, Cf, Zl, Zp, Cn and Co (the table in Mnemonics.Escapes.cs).
    static bool NeedsEscape(char c)
    {
        // The number of boundaries at or below c is odd exactly inside an escaped range.
        int lo = 0, hi = EscapeBoundaries.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >> 1;
            if (EscapeBoundaries[mid] <= c) lo = mid + 1;
            else hi = mid;
        }
        return (lo & 1) == 1;
    }

    static void AppendUnicodeEscape(StringBuilder sb, char c)
    {
        sb.Append("\\u{");
        sb.Append(NumberText.UpperHex(c));
        sb.Append('}');
    }

    /// <summary>Appends a byte string `b"..."`: printable ASCII as is, everything else as `\xNN`.</summary>
    public static void AppendBytes(StringBuilder sb, byte[] bytes)
    {
        sb.Append("b\"");
        foreach (byte b in bytes)
        {
            switch (b)
            {
                case (byte)'"': sb.Append("\\\""); continue;
                case (byte)'\\': sb.Append("\\\\"); continue;
                case (byte)'\n': sb.Append("\\n"); continue;
                case (byte)'\t': sb.Append("\\t"); continue;
            }
            if (b >= 0x20 && b < 0x7f) sb.Append((char)b);
            else
            {
                const string hex = "0123456789abcdef";
                sb.Append("\\x").Append(hex[b >> 4]).Append(hex[b & 15]);
            }
        }
        sb.Append('"');
    }

    /// <summary>
    /// The text of a float constant: the shortest decimal that parses back to the same bits,
    /// `inf`/`-inf`/`nan`/`-nan` for the special values, and `f64bits(0x…)` for any other NaN.
    /// </summary>
    public static string FormatFloat(long bits)
    {
        double d = System.BitConverter.Int64BitsToDouble(bits);
        if (double.IsNaN(d))
        {
            if (bits == CanonicalNaN) return "nan";
            if (bits == NegativeCanonicalNaN) return "-nan";
            return "f64bits(0x" + NumberText.Hex((ulong)bits, 16) + ")";
        }
        if (double.IsPositiveInfinity(d)) return "inf";
        if (double.IsNegativeInfinity(d)) return "-inf";
        string s = ValueFormat.FloatRoundTrip(d);
        int e = s.IndexOf('E');
        if (e >= 0)
        {
            // "1.5E-07" → "1.5e-7": shorter, and the lexer's float form.
            var sb = new StringBuilder(s.Length);
            sb.Append(s, 0, e).Append('e');
            int i = e + 1;
            if (s[i] == '-') { sb.Append('-'); i++; }
            else if (s[i] == '+') i++;
            while (i < s.Length - 1 && s[i] == '0') i++;
            sb.Append(s, i, s.Length - i);
            s = sb.ToString();
        }
        else if (s.IndexOf('.') < 0) s += ".0";
        if (!TryParseFloat(s, out long back) || back != bits)
            return "f64bits(0x" + NumberText.Hex((ulong)bits, 16) + ")";
        return s;
    }

    /// <summary>Rust's `f64::NAN` (the quiet NaN with a zero payload and sign).</summary>
    public const long CanonicalNaN = 0x7ff8000000000000;
    public const long NegativeCanonicalNaN = unchecked((long)0xfff8000000000000);

    /// <summary>A float literal's value (the lexer's form, or Rust's `f64::from_str` grammar); too large a magnitude is ±inf.</summary>
    public static bool TryParseFloat(string s, out long bits)
    {
        bits = 0;
        var ascii = new byte[s.Length];
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] > 0x7e) return false;
            ascii[i] = (byte)s[i];
        }
        if (!FloatParse.TryParse(ascii, out double d)) return false;
        bits = System.BitConverter.DoubleToInt64Bits(d);
        return true;
    }
}
