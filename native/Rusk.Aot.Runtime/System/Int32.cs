// System.Int32 (int): equality, ordering, invariant formatting (Number.cs).
namespace System;

public readonly struct Int32 : IEquatable<int>, IComparable<int>
{
    private readonly int m_value;

    public const int MinValue = -2147483648;
    public const int MaxValue = 2147483647;

    public bool Equals(int obj) => m_value == obj;
    public override bool Equals(object? obj) => obj is int other && m_value == other;
    public override int GetHashCode() => m_value;
    public int CompareTo(int value) => m_value < value ? -1 : m_value > value ? 1 : 0;
    public override string ToString() => Number.FormatInt64(m_value);
}
