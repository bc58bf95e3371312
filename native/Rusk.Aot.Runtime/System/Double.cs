// System.Double / System.Single: classification helpers and equality as .NET defines it
// (NaN equals NaN in Equals, unlike ==). Formatting is in Number.cs.
namespace System;

// IsNaN is x != x, the one test that needs no bit cast.
#pragma warning disable CS1718

public readonly struct Double : IEquatable<double>, IComparable<double>
{
    private readonly double m_value;

    public const double MinValue = -1.7976931348623157E+308;
    public const double MaxValue = 1.7976931348623157E+308;
    public const double Epsilon = 4.9406564584124654E-324;
    public const double NaN = 0.0 / 0.0;
    public const double NegativeInfinity = -1.0 / 0.0;
    public const double PositiveInfinity = 1.0 / 0.0;

    public static bool IsNaN(double d) => d != d;
    public static bool IsInfinity(double d) => d == PositiveInfinity || d == NegativeInfinity;
    public static bool IsPositiveInfinity(double d) => d == PositiveInfinity;
    public static bool IsNegativeInfinity(double d) => d == NegativeInfinity;
    public static bool IsFinite(double d) => d - d == 0.0;
    public static bool IsNegative(double d) => BitConverter.DoubleToInt64Bits(d) < 0;
    public static bool IsInteger(double d) => IsFinite(d) && d == Math.Truncate(d);

    public bool Equals(double obj) => m_value == obj || (IsNaN(m_value) && IsNaN(obj));
    public override bool Equals(object? obj) => obj is double other && Equals(other);

    public override int GetHashCode()
    {
        double d = m_value;
        // .NET: every NaN hashes alike, and 0.0 == -0.0 so they must hash alike too.
        if (IsNaN(d)) d = NaN;
        else if (d == 0.0) d = 0.0;
        long bits = BitConverter.DoubleToInt64Bits(d);
        return (int)bits ^ (int)(bits >> 32);
    }

    public int CompareTo(double value)
    {
        if (m_value < value) return -1;
        if (m_value > value) return 1;
        if (m_value == value) return 0;
        // NaN sorts first, as in .NET.
        if (IsNaN(m_value)) return IsNaN(value) ? 0 : -1;
        return 1;
    }
}

public readonly struct Single : IEquatable<float>, IComparable<float>
{
    private readonly float m_value;

    public const float MinValue = -3.40282347E+38f;
    public const float MaxValue = 3.40282347E+38f;
    public const float NaN = 0.0f / 0.0f;
    public const float NegativeInfinity = -1.0f / 0.0f;
    public const float PositiveInfinity = 1.0f / 0.0f;

    public static bool IsNaN(float f) => f != f;
    public static bool IsInfinity(float f) => f == PositiveInfinity || f == NegativeInfinity;

    public bool Equals(float obj) => m_value == obj || (IsNaN(m_value) && IsNaN(obj));
    public override bool Equals(object? obj) => obj is float other && Equals(other);
    public override int GetHashCode() => ((double)m_value).GetHashCode();

    public int CompareTo(float value)
    {
        if (m_value < value) return -1;
        if (m_value > value) return 1;
        if (m_value == value) return 0;
        if (IsNaN(m_value)) return IsNaN(value) ? 0 : -1;
        return 1;
    }
}
