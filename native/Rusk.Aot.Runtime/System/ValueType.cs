// System.ValueType and System.Enum: the bases of structs and enums. .NET compares and hashes
// structs field by field through reflection, and names enum values from metadata; here rusk-aot
// generates those bodies per type (Intrinsics.cs), since it knows every struct's fields and every
// enum's underlying type and members.
using Rusk.Aot.Runtime;

namespace System;

public abstract class ValueType
{
    protected ValueType() { }

    // Same type and every field equal (Equals on each field), as .NET's ValueType.Equals.
    [CompilerIntrinsic]
    public override extern bool Equals(object? obj);

    // Deterministic and consistent with Equals (e.g. combining the fields' hash codes).
    [CompilerIntrinsic]
    public override extern int GetHashCode();
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
