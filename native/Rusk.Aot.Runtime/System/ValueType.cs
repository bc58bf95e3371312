// System.ValueType and System.Enum: the bases of structs and enums. .NET compares and hashes
// structs field by field through reflection; without reflection a struct that is compared or hashed
// must override Equals and GetHashCode (every struct the VM hashes does), and the defaults say so.
// Enums are compared, hashed and named by rusk-aot per enum type (Intrinsics.cs), from metadata.
using Rusk.Aot.Runtime;

namespace System;

public abstract class ValueType
{
    protected ValueType() { }

    public override bool Equals(object? obj) => throw NoFieldwiseEquality();
    public override int GetHashCode() => throw NoFieldwiseEquality();

    private static NotSupportedException NoFieldwiseEquality() =>
        new NotSupportedException("Struct equality and hashing need Equals and GetHashCode overrides (no reflection in rusk-aot).");
}

public abstract class Enum : ValueType
{
    protected Enum() { }

    // Same enum type and the same underlying value.
    [CompilerIntrinsic]
    public override extern bool Equals(object? obj);

    // The underlying value's hash code.
    [CompilerIntrinsic]
    public override extern int GetHashCode();

    // The member's name, or the decimal underlying value when no member has it (.NET's "G").
    [CompilerIntrinsic]
    public override extern string ToString();
}

public struct Void
{
}
