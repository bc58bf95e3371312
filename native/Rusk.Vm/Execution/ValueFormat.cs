// Text renderings of values that the reference VM shows to programs and in trap messages: Rust's
// `Display` of f64 (to_string), Rust's `Debug` of its internal values (the `bad args` messages).
using System;
using System.Globalization;
using System.Text;

namespace Rusk.Vm.Execution;

internal static class ValueFormat
{
    /// <summary>
    /// The reference's `{:?}` of an argument list, e.g. <c>[Int(1), Bool(true)]</c>. Primitives print
    /// exactly as Rust does. Heap handles (GcRef index/generation) are the reference's allocator state,
    /// which we do not have: they print as index 0, generation 0, keeping the reference's shape.
    /// </summary>
    public static string DebugList(ReadOnlySpan<Value> values)
    {
        var sb = new StringBuilder();
        sb.Append('[');
        for (int i = 0; i < values.Length; i++)
        {
            if (i > 0) sb.Append(", ");
            AppendDebug(sb, values[i]);
        }
        sb.Append(']');
        return sb.ToString();
    }

    public static string Debug(in Value v)
    {
        var sb = new StringBuilder();
        AppendDebug(sb, v);
        return sb.ToString();
    }

    const string NoHandle = "GcRef { index: 0, generation: 0 }";

    public static void AppendDebug(StringBuilder sb, in Value v)
    {
        switch (v.Tag)
        {
            case Tag.Uninit: sb.Append("<uninit>"); return;
            case Tag.Unit: sb.Append("Unit"); return;
            case Tag.Bool: sb.Append(v.AsBool ? "Bool(true)" : "Bool(false)"); return;
            case Tag.Int: sb.Append("Int(").Append(v.AsInt.ToString(CultureInfo.InvariantCulture)).Append(')'); return;
            case Tag.Float: sb.Append("Float(").Append(FloatDebug(v.AsFloat)).Append(')'); return;
            case Tag.Byte: sb.Append("Byte(").Append(v.AsByte.ToString(CultureInfo.InvariantCulture)).Append(')'); return;
            case Tag.Char: sb.Append("Char(").Append(CharDebug(v.AsChar)).Append(')'); return;
            case Tag.Function: sb.Append("Function(FunctionId(").Append(v.AsFunction.ToString(CultureInfo.InvariantCulture)).Append("))"); return;
        }
        switch (v.Obj)
        {
            case RString s:
                sb.Append("String(StringView { buf: ").Append(NoHandle).Append(", start: ").Append(s.Start)
                  .Append(", len: ").Append(s.Length).Append(" })");
                return;
            case RBytes b:
                sb.Append("Bytes(BytesView { buf: ").Append(NoHandle).Append(", start: ").Append(b.Start)
                  .Append(", len: ").Append(b.Length).Append(" })");
                return;
            case TypeRep t:
                sb.Append("TypeRep(TypeRepId(").Append(t.Id).Append("))");
                return;
            case RStruct or REnum or RArray or RTuple:
                sb.Append(RefDebug(v.IsReadonly));
                return;
            default:
                // The reference prints the whole captured stack here; its shape is all we keep.
                sb.Append("Continuation(ContinuationToken { .. })");
                return;
        }
    }

    /// <summary>`{:?}` of a reference value (also what to_string gives for one).</summary>
    public static string RefDebug(bool readOnly) => readOnly
        ? "Ref(RefValue { readonly: true, handle: " + NoHandle + " })"
        : "Ref(RefValue { readonly: false, handle: " + NoHandle + " })";

    /// <summary>Rust's `{}` of f64: shortest round-trip digits, never an exponent, no ".0" for integers.</summary>
    public static string FloatDisplay(double v)
    {
        if (double.IsNaN(v)) return "NaN";
        if (double.IsInfinity(v)) return v > 0 ? "inf" : "-inf";
        var sb = new StringBuilder();
        if (v < 0 || (v == 0 && double.IsNegative(v))) sb.Append('-');
        if (v == 0) { sb.Append('0'); return sb.ToString(); }
        Shortest(Math.Abs(v), out string digits, out int point);
        AppendPositional(sb, digits, point, minFraction: 0);
        return sb.ToString();
    }

    /// <summary>
    /// Rust's `{:?}` of f64: positional with at least one fractional digit when 1e-4 ≤ |v| &lt; 1e16
    /// (or zero), otherwise shortest scientific such as <c>1e16</c> or <c>1.5e-5</c>.
    /// </summary>
    public static string FloatDebug(double v)
    {
        if (double.IsNaN(v)) return "NaN";
        if (double.IsInfinity(v)) return v > 0 ? "inf" : "-inf";
        var sb = new StringBuilder();
        if (v < 0 || (v == 0 && double.IsNegative(v))) sb.Append('-');
        double a = Math.Abs(v);
        if (a == 0) { sb.Append("0.0"); return sb.ToString(); }
        Shortest(a, out string digits, out int point);
        if (a >= 1e-4 && a < 1e16)
        {
            AppendPositional(sb, digits, point, minFraction: 1);
        }
        else
        {
            sb.Append(digits[0]);
            if (digits.Length > 1) sb.Append('.').Append(digits, 1, digits.Length - 1);
            sb.Append('e').Append((point - 1).ToString(CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    /// <summary>digits × 10^(point − len): digits "15", point 1 → "1.5"; point 3 → "150".</summary>
    static void AppendPositional(StringBuilder sb, string digits, int point, int minFraction)
    {
        if (point <= 0)
        {
            sb.Append("0.").Append('0', -point).Append(digits);
        }
        else if (point >= digits.Length)
        {
            sb.Append(digits).Append('0', point - digits.Length);
            if (minFraction > 0) sb.Append('.').Append('0', minFraction);
        }
        else
        {
            sb.Append(digits, 0, point).Append('.').Append(digits, point, digits.Length - point);
        }
    }

    /// <summary>
    /// Shortest round-trip significant digits of a positive finite double (no leading/trailing zeros)
    /// and the decimal point position: value = 0.DIGITS × 10^point. .NET's "R" is the shortest
    /// round-trip form, like Rust's float formatting (both pick the closest of the shortest).
    /// </summary>
    static void Shortest(double a, out string digits, out int point)
    {
        string r = a.ToString("R", CultureInfo.InvariantCulture);
        int e = r.IndexOfAny(ExpChars);
        int exp = 0;
        string mant = r;
        if (e >= 0)
        {
            exp = int.Parse(r.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            mant = r.Substring(0, e);
        }
        int dot = mant.IndexOf('.');
        string all = dot >= 0 ? mant.Remove(dot, 1) : mant;
        point = (dot >= 0 ? dot : mant.Length) + exp;
        int lead = 0;
        while (lead < all.Length - 1 && all[lead] == '0') lead++;
        point -= lead;
        int end = all.Length;
        while (end > lead + 1 && all[end - 1] == '0') end--;
        digits = all.Substring(lead, end - lead);
    }

    static readonly char[] ExpChars = { 'E', 'e' };

    /// <summary>
    /// Rust's `{:?}` of a char: quoted, with \0 \t \r \n \\ \' escapes, and \u{hex} for
    /// grapheme extenders and non-printable chars (categories Cc Cf Cs Co Cn Zl Zp Zs except space).
    /// Uses .NET's Unicode tables, which may be a version apart from Rust's.
    /// </summary>
    public static string CharDebug(int c)
    {
        switch (c)
        {
            case 0: return "'\\0'";
            case '\t': return "'\\t'";
            case '\r': return "'\\r'";
            case '\n': return "'\\n'";
            case '\\': return "'\\\\'";
            case '\'': return "'\\''";
        }
        if (IsGraphemeExtend(c) || !IsPrintable(c))
            return "'\\u{" + c.ToString("x", CultureInfo.InvariantCulture) + "}'";
        return "'" + char.ConvertFromUtf32(c) + "'";
    }

    static bool IsPrintable(int c)
    {
        if (c == ' ') return true;
        switch (CharUnicodeInfo.GetUnicodeCategory(c))
        {
            case UnicodeCategory.Control:
            case UnicodeCategory.Format:
            case UnicodeCategory.Surrogate:
            case UnicodeCategory.PrivateUse:
            case UnicodeCategory.OtherNotAssigned:
            case UnicodeCategory.LineSeparator:
            case UnicodeCategory.ParagraphSeparator:
            case UnicodeCategory.SpaceSeparator:
                return false;
            default:
                return true;
        }
    }

    static bool IsGraphemeExtend(int c)
    {
        var cat = CharUnicodeInfo.GetUnicodeCategory(c);
        if (cat == UnicodeCategory.NonSpacingMark || cat == UnicodeCategory.EnclosingMark) return true;
        // Other_Grapheme_Extend (spacing marks and a few others that Unicode lists explicitly).
        switch (c)
        {
            case 0x09BE: case 0x09D7: case 0x0B3E: case 0x0B57: case 0x0BBE: case 0x0BD7: case 0x0CC2:
            case 0x0CD5: case 0x0CD6: case 0x0D3E: case 0x0D57: case 0x0DCF: case 0x0DDF: case 0x1B35:
            case 0x200C: case 0x302E: case 0x302F: case 0xFF9E: case 0xFF9F: case 0x1133E: case 0x11357:
            case 0x114B0: case 0x114BD: case 0x115AF: case 0x11930: case 0x1D165:
                return true;
        }
        return (c >= 0x1D16E && c <= 0x1D172) || (c >= 0xE0020 && c <= 0xE007F);
    }
}
