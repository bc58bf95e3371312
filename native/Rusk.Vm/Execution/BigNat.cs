// A small mutable multi-precision natural number: just what the exact shortest-digits routine
// (ValueFormat.Shortest) and FloatParse's exact comparisons need, instead of BigInteger.
using System;

namespace Rusk.Vm.Execution;

/// <summary>
/// Little-endian base-2^32 limbs, changed in place (the digit loop would otherwise allocate a new
/// number per step). The largest value Shortest builds is about 2^2200 (a subnormal scaled by 10^340).
/// </summary>
internal sealed class BigNat
{
    uint[] _limbs = new uint[8];
    int _count; // limbs in use; the top one is non-zero (zero has none)

    public void Set(ulong v)
    {
        _limbs[0] = (uint)v;
        _limbs[1] = (uint)(v >> 32);
        _count = _limbs[1] != 0 ? 2 : _limbs[0] != 0 ? 1 : 0;
    }

    public void CopyFrom(BigNat other)
    {
        Reserve(other._count);
        Array.Copy(other._limbs, _limbs, other._count);
        _count = other._count;
    }

    public void ShiftLeft(int bits)
    {
        if (_count == 0 || bits == 0) return;
        int words = bits >> 5, shift = bits & 31;
        Reserve(_count + words + 1);
        uint[] d = _limbs;
        d[_count + words] = 0;
        if (shift == 0)
        {
            for (int i = _count - 1; i >= 0; i--) d[i + words] = d[i];
        }
        else
        {
            for (int i = _count - 1; i >= 0; i--)
            {
                d[i + words + 1] |= d[i] >> (32 - shift);
                d[i + words] = d[i] << shift;
            }
        }
        for (int i = 0; i < words; i++) d[i] = 0;
        _count += words + 1;
        Trim();
    }

    public void MulSmall(uint m)
    {
        ulong carry = 0;
        for (int i = 0; i < _count; i++)
        {
            ulong p = (ulong)_limbs[i] * m + carry;
            _limbs[i] = (uint)p;
            carry = p >> 32;
        }
        if (carry != 0)
        {
            Reserve(_count + 1);
            _limbs[_count++] = (uint)carry;
        }
    }

    public void AddSmall(uint v)
    {
        ulong carry = v;
        for (int i = 0; i < _count && carry != 0; i++)
        {
            ulong sum = _limbs[i] + carry;
            _limbs[i] = (uint)sum;
            carry = sum >> 32;
        }
        if (carry != 0)
        {
            Reserve(_count + 1);
            _limbs[_count++] = (uint)carry;
        }
    }

    public void MulPow10(int k)
    {
        for (; k >= 9; k -= 9) MulSmall(1_000_000_000);
        uint p = 1;
        for (; k > 0; k--) p *= 10;
        if (p != 1) MulSmall(p);
    }

    public void Add(BigNat other)
    {
        int n = Math.Max(_count, other._count);
        Reserve(n + 1);
        ulong carry = 0;
        for (int i = 0; i < n; i++)
        {
            ulong s = (ulong)(i < _count ? _limbs[i] : 0u) + (i < other._count ? other._limbs[i] : 0u) + carry;
            _limbs[i] = (uint)s;
            carry = s >> 32;
        }
        _limbs[n] = (uint)carry;
        _count = n + 1;
        Trim();
    }

    /// <summary>this −= other; the caller guarantees this ≥ other.</summary>
    public void Subtract(BigNat other)
    {
        long borrow = 0;
        for (int i = 0; i < _count; i++)
        {
            long s = (long)_limbs[i] - (i < other._count ? other._limbs[i] : 0u) - borrow;
            borrow = s < 0 ? 1 : 0;
            _limbs[i] = (uint)s;
        }
        Trim();
    }

    public static int Compare(BigNat a, BigNat b)
    {
        if (a._count != b._count) return a._count < b._count ? -1 : 1;
        for (int i = a._count - 1; i >= 0; i--)
            if (a._limbs[i] != b._limbs[i]) return a._limbs[i] < b._limbs[i] ? -1 : 1;
        return 0;
    }

    void Reserve(int limbs)
    {
        if (limbs <= _limbs.Length) return;
        var grown = new uint[Math.Max(limbs, _limbs.Length * 2)];
        Array.Copy(_limbs, grown, _count);
        _limbs = grown;
    }

    void Trim()
    {
        while (_count > 0 && _limbs[_count - 1] == 0) _count--;
    }
}
