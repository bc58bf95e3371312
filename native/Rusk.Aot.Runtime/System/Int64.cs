// System.Int64 (long): equality, ordering, invariant formatting (Number.cs).
namespace System;

public readonly struct Int64 : IEquatable<long>, IComparable<long>
{
    private readonly long m_value;

    public const long MinValue = -9223372036854775808;
    public const long MaxValue = 9223372036854775807;

    public bool Equals(long obj) => m_value == obj;
    public override bool Equals(object? obj) => obj is long other && m_value == other;
    public override int GetHashCode() => (int)m_value ^ (int)(m_value >> 32);
    public int CompareTo(long value) => m_value < value ? -1 : m_value > value ? 1 : 0;
    public override string ToString() => Number.FormatInt64(m_value);
}
