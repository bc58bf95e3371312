// Decimal text → f64, correctly rounded (IEEE round-half-even), without the BCL's double.Parse: the
// grammar of Rust's `f64::from_str` for finite spellings, and the `.rasm` float literals.
using System;

namespace Rusk.Vm.Execution;

/// <summary>
/// Two routes to the same correctly rounded result. Clinger's fast path ("How to Read Floating Point
/// Numbers Accurately", PLDI 1990): at most 15 significant digits and a power of ten up to 10^22
/// are both exact doubles, so one IEEE multiply or divide rounds once and correctly. Otherwise a
/// candidate from double arithmetic (a few ulps off at worst) is corrected by exact comparisons
/// of the input with the midpoints beside the candidate, on our own big integers: Clinger's
/// AlgorithmR in the "bigcomp" form of David Gay's strtod. Digits past the 800th are dropped
/// with a flag: every midpoint between two doubles has at most 767 significant digits, so a
/// dropped non-zero tail only ever breaks a tie upwards.
/// </summary>
internal static class FloatParse
{
    /// <summary>
    /// [+-] then digits with an optional `.` (at least one digit on either side: "5.", ".5"), then
    /// an optional exponent `e`/`E` [+-] digits; nothing else (no whitespace, no inf/nan). Values
    /// too large for a double give ±infinity, too small ±0: both are successful parses.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> s, out double value)
    {
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
                // Saturate: far beyond any double's range either way.
                if (exp < 1_000_000_000_000) exp = exp * 10 + (s[i] - '0');
                i++;
            }
            if (i == expStart) return false;
            if (expNeg) exp = -exp;
        }
        if (i != s.Length) return false;
        double mag = Convert(s.Slice(0, intEnd), s.Slice(fracStart, fracEnd - fracStart), exp);
        value = neg ? -mag : mag;
        return true;
    }

    static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    // Exact powers of ten as doubles (10^22 is the last one below 2^53·2^22 that is exact).
    static readonly double[] ExactPowers =
    {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };

    /// <summary>The magnitude of int.frac × 10^exp, correctly rounded (may be +∞ or 0).</summary>
    static double Convert(ReadOnlySpan<byte> intDigits, ReadOnlySpan<byte> fracDigits, long exp)
    {
        // Significant digits with leading zeros skipped: value = 0.D × 10^point.
        long point = 0;
        int first = 0, total = intDigits.Length + fracDigits.Length;
        while (first < total && DigitAt(intDigits, fracDigits, first) == 0) first++;
        if (first == total) return 0;
        point = intDigits.Length - first;
        int last = total;
        while (DigitAt(intDigits, fracDigits, last - 1) == 0) last--;
        int count = last - first;
        point += exp;
        if (point > 310) return double.PositiveInfinity; // ≥ 10^309
        if (point < -330) return 0;                      // < 10^-331, below half the least subnormal

        long e10 = point - count; // value = D × 10^e10 with D the digits as an integer
        if (count <= 15 && e10 >= -22 && e10 <= 22)
        {
            long d = 0;
            for (int k = first; k < last; k++) d = d * 10 + DigitAt(intDigits, fracDigits, k);
            return e10 >= 0 ? d * ExactPowers[e10] : d / ExactPowers[-e10];
        }

        return Refine(intDigits, fracDigits, first, last, e10);
    }

    const int MaxDigits = 800;

    /// <summary>D × 10^e10 rounded to nearest even, D the digits [first, last) (the first non-zero).</summary>
    static double Refine(ReadOnlySpan<byte> intDigits, ReadOnlySpan<byte> fracDigits, int first, int last, long e10)
    {
        bool truncated = false;
        if (last - first > MaxDigits)
        {
            for (int k = first + MaxDigits; k < last && !truncated; k++) truncated = DigitAt(intDigits, fracDigits, k) != 0;
            e10 += last - first - MaxDigits;
            last = first + MaxDigits;
        }
        var digits = new BigNat();
        digits.Set(0);
        ulong lead = 0;
        int leadCount = Math.Min(19, last - first);
        for (int k = first; k < last; k++)
        {
            int d = DigitAt(intDigits, fracDigits, k);
            digits.MulSmall(10);
            digits.AddSmall((uint)d);
            if (k < first + leadCount) lead = lead * 10 + (uint)d;
        }

        double z = Approximate(lead, e10 + (last - first - leadCount));
        var l = new BigNat();
        var r = new BigNat();
        long bits = BitConverter.DoubleToInt64Bits(z);
        // Each step moves one ulp toward the value; the candidate starts a few ulps away at most.
        while (true)
        {
            int above = CompareWithUpperMidpoint(digits, truncated, (int)e10, bits, l, r);
            if (above > 0 || (above == 0 && (bits & 1) == 1))
            {
                bits++; // to the next double up (the bit pattern order is the value order)
                if (bits == 0x7FF0000000000000L) return double.PositiveInfinity;
                if (above == 0) break;
                continue;
            }
            if (above == 0 || bits == 0) break;
            int below = CompareWithUpperMidpoint(digits, truncated, (int)e10, bits - 1, l, r);
            if (below < 0 || (below == 0 && ((bits - 1) & 1) == 0)) { bits--; continue; }
            break;
        }
        return BitConverter.Int64BitsToDouble(bits);
    }

    /// <summary>A finite double within a few ulps of lead × 10^e10 (or 0 below the subnormals).</summary>
    static double Approximate(ulong lead, long e10)
    {
        double z = lead;
        // Scale in steps of 10^22, each of which rounds once.
        for (; e10 > 22; e10 -= 22) z *= 1e22;
        for (; e10 < -22; e10 += 22) z /= 1e22;
        z = e10 >= 0 ? z * ExactPowers[e10] : z / ExactPowers[-e10];
        return z > double.MaxValue ? double.MaxValue : z;
    }

    /// <summary>
    /// The sign of D × 10^e10 − (b + next(b)) / 2 for the non-negative finite double with bits
    /// <paramref name="bits"/>: with b = m × 2^q the midpoint is (2m + 1) × 2^(q − 1). Both sides
    /// become integers by moving negative powers to the other side. A truncated D counts as larger.
    /// </summary>
    static int CompareWithUpperMidpoint(BigNat digits, bool truncated, int e10, long bits, BigNat l, BigNat r)
    {
        int biased = (int)(bits >> 52);
        long m = bits & 0xFFFFFFFFFFFFFL;
        int q;
        if (biased == 0) q = -1074;
        else { m |= 1L << 52; q = biased - 1075; }
        l.CopyFrom(digits);
        r.Set((ulong)(2 * m + 1));
        if (e10 >= 0) l.MulPow10(e10);
        else r.MulPow10(-e10);
        int q1 = q - 1;
        if (q1 >= 0) r.ShiftLeft(q1);
        else l.ShiftLeft(-q1);
        int c = BigNat.Compare(l, r);
        return c == 0 && truncated ? 1 : c;
    }

    static int DigitAt(ReadOnlySpan<byte> intDigits, ReadOnlySpan<byte> fracDigits, int k) =>
        (k < intDigits.Length ? intDigits[k] : fracDigits[k - intDigits.Length]) - '0';
}
