// System.UInt32 (uint): equality, ordering, invariant formatting (Number.cs).
namespace System;

public readonly struct UInt32 : IEquatable<uint>, IComparable<uint>
{
    private readonly uint m_value;

    public const uint MinValue = 0;
    public const uint MaxValue = 4294967295;

    public bool Equals(uint obj) => m_value == obj;
    public override bool Equals(object? obj) => obj is uint other && m_value == other;
    public override int GetHashCode() => (int)m_value;
    public int CompareTo(uint value) => m_value < value ? -1 : m_value > value ? 1 : 0;
    public override string ToString() => Number.FormatUInt64(m_value);
}
