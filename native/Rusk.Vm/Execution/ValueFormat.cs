// Text renderings of values that the reference VM shows to programs and in trap messages: Rust's
// `Display` of f64 (to_string), Rust's `Debug` of its internal values (the `bad args` messages).
using System;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace Rusk.Vm.Execution;

internal static partial class ValueFormat
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
    /// Shortest round-trip significant digits of a positive finite double and the decimal point
    /// position: value = 0.DIGITS × 10^point. This is Steele &amp; White's free-format algorithm on exact
    /// big integers with the same inputs as Rust's `flt2dec` (its decoder's margins, inclusive bounds
    /// for an even mantissa, and a final digit that rounds up on a tie). .NET's "R" is not used: it
    /// rounds ties the other way and is off at some powers of two (2^-25 → "2.980232238769531E-08").
    /// </summary>
    static void Shortest(double a, out string digits, out int point)
    {
        if (a < 9007199254740992.0 && a == Math.Floor(a))
        {
            // An integer below 2^53: its rounding interval is at most ±0.5, so its own digits are
            // the shortest (a shorter decimal would be another multiple of ten).
            string all = ((long)a).ToString(CultureInfo.InvariantCulture);
            int end = all.Length;
            while (end > 1 && all[end - 1] == '0') end--;
            digits = all.Substring(0, end);
            point = all.Length;
            return;
        }
        long bits = BitConverter.DoubleToInt64Bits(a);
        int biased = (int)((bits >> 52) & 0x7FF);
        long frac = bits & 0xFFFFFFFFFFFFFL;
        // value = mant·2^exp; the rounding interval is (mant − minus, mant + plus)·2^exp.
        long mant, minus = 1, plus = 1;
        int exp;
        bool inclusive;
        if (biased == 0)
        {
            // Rust decodes subnormals with a doubled mantissa, so its "even" test always passes.
            mant = frac << 1; exp = -1075; inclusive = true;
        }
        else
        {
            long f = frac | (1L << 52);
            int e = biased - 1075;
            inclusive = (f & 1) == 0;
            if (frac == 0) { mant = f << 2; plus = 2; exp = e - 2; } // the gap below is half the gap above
            else { mant = f << 1; exp = e - 1; }
        }
        BigInteger r = mant, mm = minus, mp = plus, s = BigInteger.One;
        if (exp >= 0) { r <<= exp; mm <<= exp; mp <<= exp; }
        else s <<= -exp;

        // Scale so that the interval's top is just below 1 (k minimal): value = r/s × 10^k.
        int k = (int)Math.Ceiling(Math.Log10(a));
        if (k >= 0) s *= BigInteger.Pow(10, k);
        else { var p = BigInteger.Pow(10, -k); r *= p; mm *= p; mp *= p; }
        while (inclusive ? r + mp >= s : r + mp > s) { s *= 10; k++; }
        while (true)
        {
            var high10 = (r + mp) * 10;
            if (inclusive ? high10 >= s : high10 > s) break;
            r *= 10; mm *= 10; mp *= 10; k--;
        }

        var sb = new StringBuilder(20);
        bool down, up;
        while (true)
        {
            r *= 10; mm *= 10; mp *= 10;
            int d = (int)BigInteger.DivRem(r, s, out r);
            sb.Append((char)('0' + d));
            down = inclusive ? r <= mm : r < mm;
            up = inclusive ? s <= r + mp : s < r + mp;
            if (down || up) break;
        }
        if (up && (!down || r * 2 >= s))
        {
            int i = sb.Length - 1;
            while (i >= 0 && sb[i] == '9') { sb[i] = '0'; i--; }
            if (i >= 0) sb[i] = (char)(sb[i] + 1);
            else { sb.Insert(0, '1'); k++; }
            int end = sb.Length;
            while (end > 1 && sb[end - 1] == '0') end--;
            sb.Length = end;
        }
        digits = sb.ToString();
        point = k;
    }

    /// <summary>
    /// Rust's `{:?}` of a char: quoted, with \0 \t \r \n \\ \' escapes, and \u{hex} for
    /// grapheme extenders and non-printable chars (the table in ValueFormat.Escapes.cs).
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
        if (IsEscaped(c) || (uint)c > 0x10FFFF) // the latter cannot be a char; printed rather than thrown on
            return "'\\u{" + c.ToString("x", CultureInfo.InvariantCulture) + "}'";
        return "'" + char.ConvertFromUtf32(c) + "'";
    }

    static bool IsEscaped(int c)
    {
        int lo = 0, hi = EscapedRanges.Length / 2 - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >> 1;
            if (c < EscapedRanges[2 * mid]) hi = mid - 1;
            else if (c > EscapedRanges[2 * mid + 1]) lo = mid + 1;
            else return true;
        }
        return false;
    }
}
