// Decimal text → f64, correctly rounded (IEEE round-half-even), without the BCL's double.Parse: the
// grammar of Rust's `f64::from_str` for finite spellings, and the `.rasm` float literals.
using System;

namespace Rusk.Vm.Execution;

/// <summary>
/// Two routes to the same correctly rounded result. Clinger's fast path ("How to Read Floating Point
/// Numbers Accurately", PLDI 1990): at most 15 significant digits and a power of ten up to 10^22
/// are both exact doubles, so one IEEE multiply or divide rounds once and correctly. Everything else
/// goes through the "simple decimal conversion" algorithm (as in Go's strconv and Nigel Tao's
/// description for Wuffs): the decimal digits are kept exactly (up to 800 of them, plus a flag for
/// any non-zero digit dropped beyond that, which is enough because every halfway point between two
/// doubles has fewer significant digits) and shifted by powers of two until the value lies in
/// [1/2, 1); then 53 bits are shifted out of it and rounded.
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

        var dec = new SimpleDecimal((int)point);
        for (int k = first; k < last; k++) dec.Append(DigitAt(intDigits, fracDigits, k));
        return dec.ToDouble();
    }

    static int DigitAt(ReadOnlySpan<byte> intDigits, ReadOnlySpan<byte> fracDigits, int k) =>
        (k < intDigits.Length ? intDigits[k] : fracDigits[k - intDigits.Length]) - '0';

    /// <summary>An exact decimal 0.d[0]d[1]…d[count−1] × 10^Point, shifted by powers of two in place.</summary>
    sealed class SimpleDecimal
    {
        const int MaxDigits = 800;
        // Shifting left by at most 60 bits adds at most 19 digits (2^60 < 10^19) before truncation.
        readonly byte[] _d = new byte[MaxDigits + 19];
        int _count;
        int _point;
        bool _truncated; // a non-zero digit beyond MaxDigits was dropped

        public SimpleDecimal(int point) { _point = point; }

        public void Append(int digit)
        {
            if (_count < MaxDigits) _d[_count++] = (byte)digit;
            else if (digit != 0) _truncated = true;
        }

        // ShiftFor[k]: a shift s with 2^s ≤ 10^k, so that scaling a value below 10^-k by 2^s stays below 1.
        static readonly int[] ShiftFor = { 1, 3, 6, 9, 13, 16, 19, 23, 26, 29, 33, 36, 39, 43, 46, 49, 53, 56, 59 };
        const int MaxShift = 60; // 9·2^60 plus a carry still fits a ulong

        static int ShiftAmount(int k) => k < ShiftFor.Length ? ShiftFor[k] : MaxShift;

        public double ToDouble()
        {
            // Bring the value into [1/2, 1), counting the binary exponent.
            int exp2 = 0;
            while (_point > 0)
            {
                int n = ShiftAmount(_point);
                ShiftRight(n);
                exp2 += n;
            }
            while (_point < 0 || (_point == 0 && _d[0] < 5))
            {
                int n = ShiftAmount(-_point);
                ShiftLeft(n);
                exp2 -= n;
            }
            // Now value × 2^exp2 with value in [1/2, 1), i.e. a significand in [1, 2) × 2^(exp2 − 1).
            exp2--;
            if (exp2 < -1022)
            {
                // Subnormal: keep the exponent at its minimum and lose bits on the right instead.
                int n = -1022 - exp2;
                for (int left = n; left > 0; left -= MaxShift) ShiftRight(Math.Min(left, MaxShift));
                exp2 += n;
            }
            if (exp2 > 1023) return double.PositiveInfinity;
            ShiftLeft(53);
            ulong mant = RoundedInteger();
            if (mant == 1UL << 53)
            {
                // Rounding carried into a new bit.
                mant >>= 1;
                exp2++;
                if (exp2 > 1023) return double.PositiveInfinity;
            }
            int biased = (mant & (1UL << 52)) == 0 ? 0 : exp2 + 1023;
            ulong bits = (mant & ((1UL << 52) - 1)) | ((ulong)biased << 52);
            return BitConverter.Int64BitsToDouble((long)bits);
        }

        /// <summary>value × 2^k for 0 &lt; k ≤ 60, from the last digit up; the result is written 19 places further right, then moved back.</summary>
        void ShiftLeft(int k)
        {
            if (_count == 0) return;
            const int Room = 19;
            int w = _count - 1 + Room;
            ulong carry = 0;
            for (int r = _count - 1; r >= 0; r--, w--)
            {
                ulong n = ((ulong)_d[r] << k) + carry;
                carry = n / 10;
                _d[w] = (byte)(n - carry * 10);
            }
            while (carry > 0)
            {
                ulong q = carry / 10;
                _d[w--] = (byte)(carry - q * 10);
                carry = q;
            }
            int start = w + 1, end = _count + Room;
            int newCount = end - start;
            _point += newCount - _count;
            int keep = Math.Min(newCount, MaxDigits);
            for (int i = keep; i < newCount; i++)
                if (_d[start + i] != 0) _truncated = true;
            Array.Copy(_d, start, _d, 0, keep);
            _count = keep;
            TrimZeros();
        }

        /// <summary>value / 2^k for 0 &lt; k ≤ 60, long division from the first digit.</summary>
        void ShiftRight(int k)
        {
            int r = 0, w = 0;
            ulong n = 0;
            // Read digits until the running remainder holds at least one whole quotient digit.
            for (; (n >> k) == 0; r++)
            {
                if (r >= _count)
                {
                    if (n == 0) { _count = 0; return; }
                    while ((n >> k) == 0) { n *= 10; r++; }
                    break;
                }
                n = n * 10 + _d[r];
            }
            _point -= r - 1;
            ulong mask = (1UL << k) - 1;
            for (; r < _count; r++)
            {
                ulong digit = n >> k;
                n &= mask;
                _d[w++] = (byte)digit;
                n = n * 10 + _d[r];
            }
            while (n > 0)
            {
                ulong digit = n >> k;
                n &= mask;
                if (w < MaxDigits) _d[w++] = (byte)digit;
                else if (digit > 0) _truncated = true;
                n *= 10;
            }
            _count = w;
            TrimZeros();
        }

        void TrimZeros()
        {
            while (_count > 0 && _d[_count - 1] == 0) _count--;
            if (_count == 0) _point = 0;
        }

        /// <summary>The integer part, rounded half to even (a dropped tail counts as above half).</summary>
        ulong RoundedInteger()
        {
            ulong n = 0;
            int i = 0;
            for (; i < _point && i < _count; i++) n = n * 10 + _d[i];
            for (; i < _point; i++) n *= 10;
            if (RoundsUp()) n++;
            return n;
        }

        bool RoundsUp()
        {
            int at = _point;
            if (at < 0 || at >= _count) return false;
            if (_d[at] == 5 && at + 1 == _count)
            {
                if (_truncated) return true;
                return at > 0 && (_d[at - 1] & 1) == 1;
            }
            return _d[at] >= 5;
        }
    }
}
