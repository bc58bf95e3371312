// System.SByte (sbyte): equality, ordering, invariant formatting (Number.cs).
namespace System;

public readonly struct SByte : IEquatable<sbyte>, IComparable<sbyte>
{
    private readonly sbyte m_value;

    public const sbyte MinValue = -128;
    public const sbyte MaxValue = 127;

    public bool Equals(sbyte obj) => m_value == obj;
    public override bool Equals(object? obj) => obj is sbyte other && m_value == other;
    public override int GetHashCode() => m_value;
    public int CompareTo(sbyte value) => m_value < value ? -1 : m_value > value ? 1 : 0;
    public override string ToString() => Number.FormatInt64(m_value);
}
