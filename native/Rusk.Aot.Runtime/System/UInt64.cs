// System.UInt64 (ulong): equality, ordering, invariant formatting (Number.cs).
namespace System;

public readonly struct UInt64 : IEquatable<ulong>, IComparable<ulong>
{
    private readonly ulong m_value;

    public const ulong MinValue = 0;
    public const ulong MaxValue = 18446744073709551615;

    public bool Equals(ulong obj) => m_value == obj;
    public override bool Equals(object? obj) => obj is ulong other && m_value == other;
    public override int GetHashCode() => (int)m_value ^ (int)(m_value >> 32);
    public int CompareTo(ulong value) => m_value < value ? -1 : m_value > value ? 1 : 0;
    public override string ToString() => Number.FormatUInt64(m_value);
}
