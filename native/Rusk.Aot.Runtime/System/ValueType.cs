// System.ValueType and System.Enum: the bases of structs and enums. Structs that the program
// compares with Equals/GetHashCode without overriding them get no reflection-based fallback here:
// the defaults compare identity of the box, so every struct the VM hashes overrides both.
namespace System;

public abstract class ValueType
{
    protected ValueType() { }
}

public abstract class Enum : ValueType
{
    protected Enum() { }
}

public struct Void
{
}
