// The small interfaces of namespace System: disposal, equality, ordering, formatting.
namespace System;

public interface IDisposable
{
    void Dispose();
}

public interface IEquatable<T>
{
    bool Equals(T? other);
}

public interface IComparable<in T>
{
    int CompareTo(T? other);
}

public interface IFormatProvider
{
}

public interface IFormattable
{
    string ToString(string? format, IFormatProvider? formatProvider);
}
