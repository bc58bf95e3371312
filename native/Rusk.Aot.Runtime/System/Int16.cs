// System.Int16 (short): equality, ordering, invariant formatting (Number.cs).
namespace System;

public readonly struct Int16 : IEquatable<short>, IComparable<short>
{
    private readonly short m_value;

    public const short MinValue = -32768;
    public const short MaxValue = 32767;

    public bool Equals(short obj) => m_value == obj;
    public override bool Equals(object? obj) => obj is short other && m_value == other;
    public override int GetHashCode() => m_value;
    public int CompareTo(short value) => m_value < value ? -1 : m_value > value ? 1 : 0;
    public override string ToString() => Number.FormatInt64(m_value);
}
