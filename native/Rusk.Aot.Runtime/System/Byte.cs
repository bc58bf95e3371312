// System.Byte (byte): equality, ordering, invariant formatting (Number.cs).
namespace System;

public readonly struct Byte : IEquatable<byte>, IComparable<byte>
{
    private readonly byte m_value;

    public const byte MinValue = 0;
    public const byte MaxValue = 255;

    public bool Equals(byte obj) => m_value == obj;
    public override bool Equals(object? obj) => obj is byte other && m_value == other;
    public override int GetHashCode() => m_value;
    public int CompareTo(byte value) => m_value < value ? -1 : m_value > value ? 1 : 0;
    public override string ToString() => Number.FormatUInt64(m_value);
}
