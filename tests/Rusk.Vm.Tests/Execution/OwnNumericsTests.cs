// The VM's own number and UTF-8 routines (FloatParse, BigNat via ValueFormat.Shortest, NumberText,
// Utf8Text) against the BCL members and the BigInteger implementation they replaced, on seeded
// random and edge inputs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using System.Text;
using NUnit.Framework;
using Rusk.Vm.Execution;
using Rusk.Vm.Text;

namespace Rusk.Vm.Tests.Execution;

public sealed class OwnNumericsTests
{
    // ---- decimal → double -----------------------------------------------------------------------

    static long NetBits(string s) =>
        BitConverter.DoubleToInt64Bits(double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture));

    static long OwnBits(string s)
    {
        Assert.That(FloatParse.TryParse(Encoding.ASCII.GetBytes(s), out double d), Is.True, s);
        return BitConverter.DoubleToInt64Bits(d);
    }

    /// <summary>Exact decimal text of a double's value, or of the midpoint above it (+ half an ulp).</summary>
    static string ExactDecimal(long bits, bool midpointAbove)
    {
        int biased = (int)((bits >> 52) & 0x7FF);
        long frac = bits & 0xFFFFFFFFFFFFFL;
        BigInteger m = biased == 0 ? frac : frac | (1L << 52);
        int e = (biased == 0 ? 1 : biased) - 1075;
        m *= 2; e -= 1; // room for the half ulp
        if (midpointAbove) m += 1;
        // value = m × 2^e = m × 5^-e / 10^-e when e < 0
        if (e >= 0) return (m << e).ToString(CultureInfo.InvariantCulture);
        var digits = (m * BigInteger.Pow(5, -e)).ToString(CultureInfo.InvariantCulture);
        return digits + "e-" + (-e).ToString(CultureInfo.InvariantCulture);
    }

    static IEnumerable<string> ParseInputs(int seed, int count)
    {
        var r = new Random(seed);
        string[] fixedCases =
        {
            "0", "-0", "0.0", "1", "-1", ".5", "5.", "1e0", "1E+0", "1e-0", "00000.00000e5",
            "2.2250738585072011e-308", "2.2250738585072012e-308", "2.2250738585072014e-308", // largest subnormal / smallest normal
            "4.9406564584124654e-324", "2.4703282292062327e-324", "2.4703282292062328e-324", "2.4703282292062327208e-324",
            "1e-324", "3e-324", "1e-400", "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308",
            "1.797693134862315807e308", "1.7976931348623158079e308", "1e308", "1e309", "9e307", "179769313486231580793728971405301e276",
            "9007199254740993", "9007199254740992.5", "9007199254740993.0000000000000000000000000001", "123456789012345678901234567890",
            "0.1", "0.2", "0.3", "3.14159265358979323846264338327950288", "1e22", "1e23", "8.988465674311579e307",
            "7.2057594037927933e16", "1e-5", "1e15", "1e16", "123e-20", "1e1000000000000000000000", "1e-1000000000000000000000",
        };
        foreach (var s in fixedCases) yield return s;
        for (int i = 0; i < count; i++)
        {
            switch (r.Next(7))
            {
                case 0: // a random double's round-trip text
                {
                    double d = BitConverter.Int64BitsToDouble(r.NextInt64() & long.MaxValue);
                    if (!double.IsFinite(d)) continue;
                    yield return d.ToString("R", CultureInfo.InvariantCulture);
                    break;
                }
                case 1: // a random double's 17 to 25 significant digits (rounded differently from shortest)
                {
                    double d = BitConverter.Int64BitsToDouble(r.NextInt64() & long.MaxValue);
                    if (!double.IsFinite(d)) continue;
                    yield return d.ToString("E" + r.Next(16, 25), CultureInfo.InvariantCulture);
                    break;
                }
                case 2: // an exact midpoint between two doubles (ties to even), and just off it
                {
                    long bits = r.Next(4) == 0 ? r.NextInt64(0, 1L << 53) : r.NextInt64() & 0x7FEFFFFFFFFFFFFFL;
                    string mid = ExactDecimal(bits, midpointAbove: true);
                    yield return mid;
                    int ePos = mid.IndexOf('e');
                    string mant = ePos < 0 ? mid : mid.Substring(0, ePos), tail = ePos < 0 ? "" : mid.Substring(ePos);
                    yield return mant + "1" + (tail.Length == 0 ? "e-1" : "e-" + (int.Parse(tail.AsSpan(2), CultureInfo.InvariantCulture) + 1));
                    if (mant.Length > 1 && mant[^1] != '0')
                        yield return mant.Substring(0, mant.Length - 1) + (char)(mant[^1] - 1) + "9999" + (tail.Length == 0 ? "e-4" : "e-" + (int.Parse(tail.AsSpan(2), CultureInfo.InvariantCulture) + 4));
                    break;
                }
                case 3: // random digits, a random point and exponent near the limits
                {
                    var sb = new StringBuilder();
                    int n = r.Next(4) == 0 ? r.Next(1, 900) : r.Next(1, 30);
                    int dot = r.Next(-1, n + 1);
                    for (int k = 0; k < n; k++)
                    {
                        if (k == dot) sb.Append('.');
                        sb.Append((char)('0' + r.Next(10)));
                    }
                    if (dot == n) sb.Append(".0");
                    int exp = r.Next(3) switch { 0 => r.Next(-30, 30), 1 => r.Next(-345, -290), _ => r.Next(280, 320) };
                    sb.Append(r.Next(2) == 0 ? 'e' : 'E').Append(exp);
                    yield return sb.ToString();
                    break;
                }
                case 4: // small integers and short decimals (the fast path)
                    yield return r.Next(1000000).ToString(CultureInfo.InvariantCulture) + "." + r.Next(1000).ToString(CultureInfo.InvariantCulture) + "e" + r.Next(-25, 25);
                    break;
                case 5: // subnormal range
                {
                    double d = BitConverter.Int64BitsToDouble(r.NextInt64(1, 1L << 53));
                    yield return d.ToString("E" + r.Next(0, 20), CultureInfo.InvariantCulture);
                    break;
                }
                default: // leading and trailing zeros around few digits
                    yield return new string('0', r.Next(5)) + "." + new string('0', r.Next(30)) + r.Next(1, 100000).ToString(CultureInfo.InvariantCulture) + new string('0', r.Next(30)) + "e" + r.Next(-300, 330);
                    break;
            }
        }
    }

    [Test]
    public void FloatParse_agrees_with_double_Parse_on_random_and_edge_inputs()
    {
        int n = 0, wrong = 0;
        string first = "";
        foreach (var s in ParseInputs(seed: 20261203, count: 300_000))
        {
            n++;
            foreach (var text in s[0] is '-' or '+' ? new[] { s } : new[] { s, "-" + s, "+" + s })
            {
                long want = NetBits(text), got = OwnBits(text);
                if (want != got && wrong++ == 0) first = $"{text}: want 0x{want:x16}, got 0x{got:x16}";
            }
        }
        Assert.That(wrong, Is.Zero, $"{wrong} of {3 * n} inputs differ; first: {first}");
        Assert.That(n, Is.GreaterThan(300_000));
    }

    [Test]
    public void FloatParse_accepts_exactly_the_old_grammar()
    {
        // Short strings over the grammar's alphabet, plus the inf/nan spellings `parse::<f64>` knows
        // (which float_from_string_strict filters out as non-finite): the old parser against the new.
        var r = new Random(7);
        const string alphabet = "0123456789.eE+-x in";
        var inputs = new List<string> { "inf", "-inf", "+inf", "infinity", "Infinity", "INF", "nan", "NaN", "-nan", "∞", "", ".", "e5", "-", "+.e1", "1e", "1e+", "1.e3", ".e3", " 1", "1 " };
        for (int i = 0; i < 200_000; i++)
        {
            var sb = new StringBuilder();
            int len = r.Next(0, 9);
            for (int k = 0; k < len; k++) sb.Append(alphabet[r.Next(alphabet.Length)]);
            inputs.Add(sb.ToString());
        }
        int accepted = 0;
        foreach (var s in inputs)
        {
            var bytes = Encoding.UTF8.GetBytes(s);
            bool oldOk = OldTryParseFiniteF64(bytes, out double oldV);
            bool newOk = Intrinsics.TryParseFiniteF64(bytes, out double newV);
            Assert.That(newOk, Is.EqualTo(oldOk), $"`{s}`");
            if (oldOk)
            {
                accepted++;
                Assert.That(BitConverter.DoubleToInt64Bits(newV), Is.EqualTo(BitConverter.DoubleToInt64Bits(oldV)), $"`{s}`");
            }
        }
        Assert.That(accepted, Is.GreaterThan(1000));
    }

    [Test]
    public void Rasm_float_literals_parse_as_double_TryParse_did()
    {
        // The lexer's float form: -?digits(.digits)?([eE][+-]?digits)?, including overflow to ±inf.
        foreach (var s in ParseInputs(seed: 99, count: 50_000))
        {
            if (s.StartsWith('.') || s.Contains(".e", StringComparison.OrdinalIgnoreCase) || s.EndsWith('.')) continue;
            foreach (var text in s[0] is '-' or '+' ? new[] { s } : new[] { s, "-" + s })
            {
                Assert.That(Mnemonics.TryParseFloat(text, out long got), Is.True, text);
                Assert.That(got, Is.EqualTo(NetBits(text)), text);
            }
        }
    }

    // Intrinsics.TryParseFiniteF64 as it was (grammar scan, then double.Parse), kept as the reference.
    static bool OldTryParseFiniteF64(ReadOnlySpan<byte> s, out double value)
    {
        static bool IsDigit(byte b) => (uint)(b - '0') <= 9;
        value = 0;
        if (s.Length == 0) return false;
        bool neg = s[0] == '-';
        if (s[0] == '+' || s[0] == '-') s = s.Slice(1);
        int i = 0;
        while (i < s.Length && IsDigit(s[i])) i++;
        int intEnd = i;
        int fracStart = i, fracEnd = i;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            fracStart = i;
            while (i < s.Length && IsDigit(s[i])) i++;
            fracEnd = i;
        }
        if (intEnd + (fracEnd - fracStart) == 0) return false;
        long exp = 0;
        if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            i++;
            bool expNeg = false;
            if (i < s.Length && (s[i] == '+' || s[i] == '-')) { expNeg = s[i] == '-'; i++; }
            int expStart = i;
            while (i < s.Length && IsDigit(s[i]))
            {
                if (exp < 1_000_000_000_000) exp = exp * 10 + (s[i] - '0');
                i++;
            }
            if (i == expStart) return false;
            if (expNeg) exp = -exp;
        }
        if (i != s.Length) return false;
        var digits = new StringBuilder();
        long point = intEnd;
        bool leading = true;
        for (int k = 0; k < intEnd; k++)
        {
            if (leading && s[k] == '0') { point--; continue; }
            leading = false;
            digits.Append((char)s[k]);
        }
        for (int k = fracStart; k < fracEnd; k++)
        {
            if (leading && s[k] == '0') { point--; continue; }
            leading = false;
            digits.Append((char)s[k]);
        }
        int len = digits.Length;
        while (len > 0 && digits[len - 1] == '0') len--;
        digits.Length = len;
        double mag;
        if (len == 0) mag = 0;
        else
        {
            point += exp;
            if (point > 400) return false;
            if (point < -400) mag = 0;
            else
            {
                digits.Insert(0, "0.").Append('e').Append(point.ToString(CultureInfo.InvariantCulture));
                mag = double.Parse(digits.ToString(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);
                if (double.IsInfinity(mag)) return false;
            }
        }
        value = neg ? -mag : mag;
        return true;
    }

    // ---- double → shortest digits -------------------------------------------------------------

    static IEnumerable<double> RandomDoubles(int seed, int count)
    {
        var r = new Random(seed);
        yield return double.Epsilon;
        yield return double.MaxValue;
        yield return 2.2250738585072014e-308;
        yield return BitConverter.Int64BitsToDouble(0x000FFFFFFFFFFFFFL);
        for (int e = -1074; e <= 1023; e++) yield return Math.ScaleB(1, e);
        for (int i = 0; i < count; i++)
        {
            switch (r.Next(4))
            {
                case 0: yield return BitConverter.Int64BitsToDouble(r.NextInt64(1, 0x7FF0000000000000L)); break;
                case 1: yield return BitConverter.Int64BitsToDouble(r.NextInt64(1, 1L << 52)); break;
                case 2: yield return Math.Round(r.NextDouble() * Math.Pow(10, r.Next(-8, 20)), r.Next(0, 8)); break;
                default: yield return r.Next() / Math.Pow(10, r.Next(0, 12)); break;
            }
        }
    }

    [Test]
    public void Shortest_digits_are_those_of_the_BigInteger_implementation()
    {
        int n = 0;
        foreach (double d in RandomDoubles(seed: 5, count: 300_000))
        {
            if (d <= 0 || !double.IsFinite(d)) continue;
            n++;
            ValueFormat.Shortest(d, out string digits, out int point);
            OldShortest(d, out string oldDigits, out int oldPoint);
            if (digits != oldDigits || point != oldPoint)
                Assert.Fail($"{d:R} (0x{BitConverter.DoubleToInt64Bits(d):x16}): {digits}@{point}, was {oldDigits}@{oldPoint}");
        }
        Assert.That(n, Is.GreaterThan(280_000));
    }

    [Test]
    public void Float_display_and_debug_are_unchanged_for_special_values()
    {
        // Sign, zero, NaN and infinity are handled before the digits; pin them.
        Assert.That(ValueFormat.FloatDisplay(-0.0), Is.EqualTo("-0"));
        Assert.That(ValueFormat.FloatDebug(-0.0), Is.EqualTo("-0.0"));
        Assert.That(ValueFormat.FloatDisplay(double.NegativeInfinity), Is.EqualTo("-inf"));
        Assert.That(ValueFormat.FloatDebug(1e16), Is.EqualTo("1e16"));
        Assert.That(ValueFormat.FloatDebug(1.5e-5), Is.EqualTo("1.5e-5"));
        Assert.That(ValueFormat.FloatDisplay(Math.ScaleB(1, -25)), Is.EqualTo("0.000000029802322387695313"));
    }

    [Test]
    public void Round_trip_text_matches_R_wherever_R_round_trips()
    {
        // The disassembler's float constants and AbiValue.ToString used .NET's "R". Our digits are
        // Rust's shortest, which always round-trip; "R"'s digits differ only where they do not (and
        // FormatFloat then printed f64bits), or on a tie between two shortest candidates (…784.125:
        // Rust's rule takes …13, "R" …12). Where .NET counts trailing zeros of a large integer as
        // digits it stays positional and we do not. Never more digits than "R".
        int n = 0, differ = 0, oldFallback = 0;
        foreach (double d in RandomDoubles(seed: 11, count: 300_000))
        {
            foreach (double v in new[] { d, -d })
            {
                n++;
                string net = v.ToString("R", CultureInfo.InvariantCulture);
                string own = ValueFormat.FloatRoundTrip(v);
                if (double.Parse(own, CultureInfo.InvariantCulture) != v) Assert.Fail($"{own} does not round-trip");
                if (own == net) continue;
                if (differ++ < 5) TestContext.Out.WriteLine($"\"R\" {net}, now {own}");
                if (double.Parse(net, CultureInfo.InvariantCulture) != v) { oldFallback++; continue; }
                Assert.That(SignificantDigits(own), Is.EqualTo(SignificantDigits(net)), $"{net} vs {own}");
            }
        }
        TestContext.Out.WriteLine($"{n} doubles: {differ} differ from \"R\", {oldFallback} of them where \"R\" did not round-trip");
        Assert.That(oldFallback, Is.LessThan(10));
    }

    // Digits of the mantissa without leading and trailing zeros.
    static int SignificantDigits(string s)
    {
        int e = s.IndexOfAny(new[] { 'E', 'e' });
        return (e < 0 ? s : s.Substring(0, e)).Replace("-", "").Replace(".", "").Trim('0').Length;
    }

    [Test]
    public void Rasm_float_text_matches_the_old_formatter_wherever_that_round_tripped()
    {
        var r = new Random(3);
        int n = 0, differ = 0;
        for (int i = 0; i < 200_000; i++)
        {
            long bits = r.NextInt64();
            if (i % 4 == 0) bits = (long)(r.NextInt64(0, 2048)) << 52 | (bits & 0xF); // specials, powers of two
            string own = Mnemonics.FormatFloat(bits);
            string old = OldFormatFloat(bits);
            n++;
            Assert.That(Mnemonics.TryParseFloat(own, out long back) || own.StartsWith("f64bits") || own.Contains("nan") || own.Contains("inf"), Is.True, own);
            if (own == old) continue;
            if (differ++ < 5) TestContext.Out.WriteLine($"was {old}, now {own}");
            Assert.That(back, Is.EqualTo(bits), own);
            if (old.StartsWith("f64bits(")) continue;
            Assert.That(SignificantDigits(own), Is.EqualTo(SignificantDigits(old)), $"0x{bits:x16}: {own} vs {old}");
        }
        TestContext.Out.WriteLine($"{n} bit patterns: {differ} print differently (f64bits before, a tie rounded up, or an exponent where \"R\" stayed positional)");
    }

    // Mnemonics.FormatFloat as it was (on .NET's "R" and double.TryParse), kept as the reference.
    static string OldFormatFloat(long bits)
    {
        double d = BitConverter.Int64BitsToDouble(bits);
        if (double.IsNaN(d))
        {
            if (bits == Mnemonics.CanonicalNaN) return "nan";
            if (bits == Mnemonics.NegativeCanonicalNaN) return "-nan";
            return "f64bits(0x" + ((ulong)bits).ToString("x16", CultureInfo.InvariantCulture) + ")";
        }
        if (double.IsPositiveInfinity(d)) return "inf";
        if (double.IsNegativeInfinity(d)) return "-inf";
        string s = d.ToString("R", CultureInfo.InvariantCulture);
        int e = s.IndexOf('E');
        if (e >= 0)
        {
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
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double back) || BitConverter.DoubleToInt64Bits(back) != bits)
            return "f64bits(0x" + ((ulong)bits).ToString("x16", CultureInfo.InvariantCulture) + ")";
        return s;
    }

    // ValueFormat.Shortest as it was (Steele & White on BigInteger), kept as the reference.
    static void OldShortest(double a, out string digits, out int point)
    {
        if (a < 9007199254740992.0 && a == Math.Floor(a))
        {
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
        long mant, minus = 1, plus = 1;
        int exp;
        bool inclusive;
        if (biased == 0) { mant = frac << 1; exp = -1075; inclusive = true; }
        else
        {
            long f = frac | (1L << 52);
            int e = biased - 1075;
            inclusive = (f & 1) == 0;
            if (frac == 0) { mant = f << 2; plus = 2; exp = e - 2; }
            else { mant = f << 1; exp = e - 1; }
        }
        BigInteger r = mant, mm = minus, mp = plus, s = BigInteger.One;
        if (exp >= 0) { r <<= exp; mm <<= exp; mp <<= exp; }
        else s <<= -exp;
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

    // ---- integers and hex -----------------------------------------------------------------------

    [Test]
    public void Integer_text_matches_the_invariant_culture()
    {
        var r = new Random(1);
        var values = new List<long> { 0, 1, -1, 9, 10, -10, long.MaxValue, long.MinValue, int.MaxValue, int.MinValue, 255 };
        for (int i = 0; i < 100_000; i++) values.Add(r.NextInt64() >> r.Next(64));
        foreach (long v in values)
        {
            string inv = v.ToString(CultureInfo.InvariantCulture);
            Assert.That(NumberText.Decimal(v), Is.EqualTo(inv));
            Assert.That(Encoding.ASCII.GetString(NumberText.DecimalUtf8(v)), Is.EqualTo(inv));
            Assert.That(NumberText.Hex((ulong)v), Is.EqualTo(((ulong)v).ToString("x", CultureInfo.InvariantCulture)));
            Assert.That(NumberText.Hex((ulong)v, 16), Is.EqualTo(((ulong)v).ToString("x16", CultureInfo.InvariantCulture)));
            Assert.That(NumberText.UpperHex((ulong)v), Is.EqualTo(((ulong)v).ToString("X", CultureInfo.InvariantCulture)));
            Assert.That(NumberText.Hex((byte)v, 2), Is.EqualTo(((byte)v).ToString("x2", CultureInfo.InvariantCulture)));
            Assert.That(NumberText.Hex((uint)(int)v), Is.EqualTo(((int)v).ToString("x", CultureInfo.InvariantCulture)));
        }
        var bytes = new byte[300];
        r.NextBytes(bytes);
        Assert.That(NumberText.HexBytes(bytes), Is.EqualTo(Convert.ToHexString(bytes).ToLowerInvariant()));
    }

    [Test]
    public void Integer_parsing_matches_the_NumberStyles_it_replaced()
    {
        var r = new Random(2);
        var inputs = new List<string> { "", "+", "-", "0", "-0", "+0", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
            "-9223372036854775809", "4294967295", "4294967296", "ffffffffffffffff", "10000000000000000", "0000000000000000000001", "FfE", "g", " 1", "1 " };
        const string alphabet = "0123456789abcdefABCDEFg+- ";
        for (int i = 0; i < 200_000; i++)
        {
            var sb = new StringBuilder();
            int len = r.Next(0, 22);
            for (int k = 0; k < len; k++) sb.Append(k < 2 || r.Next(3) > 0 ? alphabet[r.Next(10)] : alphabet[r.Next(alphabet.Length)]);
            inputs.Add(sb.ToString());
        }
        foreach (var s in inputs)
        {
            Assert.That(NumberText.TryParseInt64(s, out long l), Is.EqualTo(long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l2)), s);
            Assert.That(l, Is.EqualTo(l2), s);
            Assert.That(NumberText.TryParseUInt32(s, out uint u), Is.EqualTo(uint.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out uint u2)), s);
            Assert.That(u, Is.EqualTo(u2), s);
            Assert.That(NumberText.TryParseHexUInt64(s, out ulong h), Is.EqualTo(ulong.TryParse(s, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong h2)), s);
            Assert.That(h, Is.EqualTo(h2), s);
        }
    }

    // ---- UTF-8 ---------------------------------------------------------------------------------

    [Test]
    public void Utf8_matches_Encoding_UTF8_and_the_old_validation()
    {
        var r = new Random(4);
        byte[][] interesting =
        {
            new byte[] { 0xE2, 0x82, 0x41 }, new byte[] { 0xF0, 0x90, 0x80 }, new byte[] { 0xED, 0xA0, 0x80 }, new byte[] { 0xC0, 0x80 },
            new byte[] { 0xF4, 0x90, 0x80, 0x80 }, new byte[] { 0xF5 }, new byte[] { 0x80 }, new byte[] { 0xEF, 0xBF, 0xBD }, new byte[] { 0xF0, 0x9F, 0x98, 0x80 },
        };
        var cases = new List<byte[]>(interesting);
        byte[] pool = { 0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xA0, 0xED, 0x9F, 0xEF, 0xF0, 0x90, 0xF4, 0x8F, 0xF5, 0xFF };
        for (int i = 0; i < 200_000; i++)
        {
            var b = new byte[r.Next(0, 12)];
            for (int k = 0; k < b.Length; k++) b[k] = r.Next(3) == 0 ? (byte)r.Next(256) : pool[r.Next(pool.Length)];
            cases.Add(b);
        }
        foreach (var b in cases)
        {
            string hex = Convert.ToHexString(b);
            Assert.That(Utf8Text.Decode(b), Is.EqualTo(Encoding.UTF8.GetString(b)), hex);
            Assert.That(Utf8Text.FirstInvalid(b), Is.EqualTo(OldFirstInvalid(b)), hex);
        }

        var chars = new char[12];
        char[] charPool = { 'a', '\u007F', '\u0080', '\u07FF', '\u0800', '\uD7FF', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uE000', '\uFFFF' };
        for (int i = 0; i < 200_000; i++)
        {
            int len = r.Next(0, chars.Length);
            for (int k = 0; k < len; k++) chars[k] = r.Next(3) == 0 ? (char)r.Next(65536) : charPool[r.Next(charPool.Length)];
            string s = new string(chars, 0, len);
            var want = Encoding.UTF8.GetBytes(s);
            Assert.That(Utf8Text.Encode(s), Is.EqualTo(want));
            Assert.That(Utf8Text.ByteCount(s), Is.EqualTo(want.Length));
        }
    }

    // RbcReader's error offset as it was: the first position where Rune.DecodeFromUtf8 fails.
    static int OldFirstInvalid(byte[] utf8)
    {
        if (System.Text.Unicode.Utf8.IsValid(utf8)) return -1;
        int i = 0;
        while (i < utf8.Length)
        {
            if (Rune.DecodeFromUtf8(utf8.AsSpan(i), out _, out int used) != System.Buffers.OperationStatus.Done) break;
            i += used;
        }
        return i;
    }
}
