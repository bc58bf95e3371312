// System.IntPtr / UIntPtr (nint / nuint): i32 on wasm32 (docs/aot.md). Only what the C# compiler
// needs to know they exist; the program does no pointer arithmetic.
namespace System;

public readonly struct IntPtr : IEquatable<nint>
{
    private readonly nint m_value;

    public static readonly nint Zero;

    public bool Equals(nint other) => m_value == other;
    public override bool Equals(object? obj) => obj is nint other && m_value == other;
    public override int GetHashCode() => (int)m_value;
    public override string ToString() => Number.FormatInt64(m_value);
}

public readonly struct UIntPtr : IEquatable<nuint>
{
    private readonly nuint m_value;

    public static readonly nuint Zero;

    public bool Equals(nuint other) => m_value == other;
    public override bool Equals(object? obj) => obj is nuint other && m_value == other;
    public override int GetHashCode() => (int)m_value;
    public override string ToString() => Number.FormatUInt64(m_value);
}
