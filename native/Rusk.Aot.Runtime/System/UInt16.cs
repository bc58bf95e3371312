// System.UInt16 (ushort): equality, ordering, invariant formatting (Number.cs).
namespace System;

public readonly struct UInt16 : IEquatable<ushort>, IComparable<ushort>
{
    private readonly ushort m_value;

    public const ushort MinValue = 0;
    public const ushort MaxValue = 65535;

    public bool Equals(ushort obj) => m_value == obj;
    public override bool Equals(object? obj) => obj is ushort other && m_value == other;
    public override int GetHashCode() => m_value;
    public int CompareTo(ushort value) => m_value < value ? -1 : m_value > value ? 1 : 0;
    public override string ToString() => Number.FormatUInt64(m_value);
}
