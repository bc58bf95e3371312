// Equality and ordering for collections: the interfaces and the Default comparers. Without
// reflection, Default tests IEquatable<T>/IComparable<T> per call; rusk-aot specialises each T, so
// the test folds away for sealed and value types.
namespace System.Collections.Generic;

public interface IEqualityComparer<in T>
{
    bool Equals(T? x, T? y);
    int GetHashCode(T obj);
}

public interface IComparer<in T>
{
    int Compare(T? x, T? y);
}

public abstract class EqualityComparer<T> : IEqualityComparer<T>
{
    public static EqualityComparer<T> Default { get; } = new DefaultEqualityComparer<T>();

    protected EqualityComparer() { }

    public abstract bool Equals(T? x, T? y);
    public abstract int GetHashCode(T obj);
}

internal sealed class DefaultEqualityComparer<T> : EqualityComparer<T>
{
    public override bool Equals(T? x, T? y)
    {
        if (x is null) return y is null;
        if (y is null) return false;
        if (x is IEquatable<T> equatable) return equatable.Equals(y);
        return x.Equals(y);
    }

    public override int GetHashCode(T obj) => obj is null ? 0 : obj.GetHashCode();
}

public abstract class Comparer<T> : IComparer<T>
{
    public static Comparer<T> Default { get; } = new DefaultComparer<T>();

    protected Comparer() { }

    public abstract int Compare(T? x, T? y);
}

internal sealed class DefaultComparer<T> : Comparer<T>
{
    // null sorts before everything, as in .NET.
    public override int Compare(T? x, T? y)
    {
        if (x is null) return y is null ? 0 : -1;
        if (y is null) return 1;
        if (x is IComparable<T> comparable) return comparable.CompareTo(y);
        throw new ArgumentException("At least one object must implement IComparable.");
    }
}

public sealed class ReferenceEqualityComparer : IEqualityComparer<object?>
{
    private ReferenceEqualityComparer() { }

    public static ReferenceEqualityComparer Instance { get; } = new ReferenceEqualityComparer();

    public new bool Equals(object? x, object? y) => ReferenceEquals(x, y);
    public int GetHashCode(object? obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
}
