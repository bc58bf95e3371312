// Text renderings of values that the reference VM shows to programs and in trap messages: Rust's
// `Display` of f64 (to_string), Rust's `Debug` of its internal values (the `bad args` messages).
using System;
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
            case Tag.Int: sb.Append("Int(").Append(NumberText.Decimal(v.AsInt)).Append(')'); return;
            case Tag.Float: sb.Append("Float(").Append(FloatDebug(v.AsFloat)).Append(')'); return;
            case Tag.Byte: sb.Append("Byte(").Append(NumberText.Decimal(v.AsByte)).Append(')'); return;
            case Tag.Char: sb.Append("Char(").Append(CharDebug(v.AsChar)).Append(')'); return;
            case Tag.Function: sb.Append("Function(FunctionId(").Append(NumberText.Decimal(v.AsFunction)).Append("))"); return;
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
            sb.Append('e').Append(NumberText.Decimal(point - 1));
        }
        return sb.ToString();
    }

    /// <summary>
    /// The layout .NET documents for its round-trip format ("R", invariant culture), with our
    /// shortest digits: positional while −4 &lt; point ≤ max(15, digit count), else <c>d.dddE±XX</c>
    /// (two exponent digits at least); <c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c>, <c>-0</c>.
    /// .NET itself counts trailing zeros of some large integers as digits and then stays positional
    /// (2575401976972540 rather than 2.57540197697254E+15): the same value, laid out differently.
    /// </summary>
    public static string FloatRoundTrip(double v)
    {
        if (double.IsNaN(v)) return "NaN";
        if (double.IsInfinity(v)) return v > 0 ? "Infinity" : "-Infinity";
        var sb = new StringBuilder();
        if (v < 0 || (v == 0 && double.IsNegative(v))) sb.Append('-');
        if (v == 0) return sb.Append('0').ToString();
        Shortest(Math.Abs(v), out string digits, out int point);
        if (point > Math.Max(15, digits.Length) || point < -3)
        {
            sb.Append(digits[0]);
            if (digits.Length > 1) sb.Append('.').Append(digits, 1, digits.Length - 1);
            int e = point - 1;
            sb.Append(e < 0 ? "E-" : "E+");
            if (e < 0) e = -e;
            if (e < 10) sb.Append('0');
            sb.Append(NumberText.Decimal(e));
        }
        else AppendPositional(sb, digits, point, minFraction: 0);
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
    internal static void Shortest(double a, out string digits, out int point)
    {
        if (a < 9007199254740992.0 && a == Math.Floor(a))
        {
            // An integer below 2^53: its rounding interval is at most ±0.5, so its own digits are
            // the shortest (a shorter decimal would be another multiple of ten).
            string all = NumberText.Decimal((long)a);
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
        var r = new BigNat(); var mm = new BigNat(); var mp = new BigNat(); var s = new BigNat(); var t = new BigNat();
        r.Set((ulong)mant); mm.Set((ulong)minus); mp.Set((ulong)plus); s.Set(1);
        if (exp >= 0) { r.ShiftLeft(exp); mm.ShiftLeft(exp); mp.ShiftLeft(exp); }
        else s.ShiftLeft(-exp);

        // Scale so that the interval's top is just below 1 (k minimal): value = r/s × 10^k. The
        // estimate ⌈e2·log10 2⌉ (e2 = ⌊log2 a⌋) is at most one low; the first loop corrects it.
        int e2 = biased == 0 ? -1075 + BitLength(frac) : biased - 1023;
        int k = (int)Math.Ceiling(e2 * 0.30102999566398119521);
        if (k >= 0) s.MulPow10(k);
        else { r.MulPow10(-k); mm.MulPow10(-k); mp.MulPow10(-k); }
        int least = inclusive ? 0 : 1; // Compare(…) >= least is ≥ for an inclusive interval, > otherwise
        while (true)
        {
            t.CopyFrom(r); t.Add(mp);
            if (BigNat.Compare(t, s) < least) break;
            s.MulSmall(10); k++;
        }
        while (true)
        {
            t.CopyFrom(r); t.Add(mp); t.MulSmall(10);
            if (BigNat.Compare(t, s) >= least) break;
            r.MulSmall(10); mm.MulSmall(10); mp.MulSmall(10); k--;
        }

        var sb = new StringBuilder(20);
        bool down, up;
        while (true)
        {
            r.MulSmall(10); mm.MulSmall(10); mp.MulSmall(10);
            int d = 0;
            while (BigNat.Compare(r, s) >= 0) { r.Subtract(s); d++; }
            sb.Append((char)('0' + d));
            down = BigNat.Compare(mm, r) >= least;
            t.CopyFrom(r); t.Add(mp);
            up = BigNat.Compare(t, s) >= least;
            if (down || up) break;
        }
        if (up && (!down || TwiceAtLeast(r, s, t)))
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

    static bool TwiceAtLeast(BigNat r, BigNat s, BigNat scratch)
    {
        scratch.CopyFrom(r);
        scratch.ShiftLeft(1);
        return BigNat.Compare(scratch, s) >= 0;
    }

    static int BitLength(long v)
    {
        int n = 0;
        for (; v != 0; v >>= 1) n++;
        return n;
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
            return "'\\u{" + NumberText.Hex((uint)c) + "}'";
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
