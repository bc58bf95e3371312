// System.Object: the root of every class. Identity hash and clone are compiler intrinsics.
using Rusk.Aot.Runtime;

namespace System;

public class Object
{
    public Object() { }

    // .NET: the type's full name.
    public virtual string? ToString() => GetType().ToString();
    public virtual bool Equals(object? obj) => ReferenceEquals(this, obj);
    public virtual int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);

    public static bool Equals(object? objA, object? objB)
    {
        if (ReferenceEquals(objA, objB)) return true;
        if (objA is null || objB is null) return false;
        return objA.Equals(objB);
    }

    public static bool ReferenceEquals(object? objA, object? objB) => objA == objB;

    [CompilerIntrinsic]
    public extern Type GetType();

    [CompilerIntrinsic]
    protected extern object MemberwiseClone();

}
