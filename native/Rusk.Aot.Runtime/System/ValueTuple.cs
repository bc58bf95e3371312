// ValueTuple<T1, T2> ((a, b) in C#): public fields, equality and hash by component.
using System.Collections.Generic;

namespace System;

public struct ValueTuple<T1, T2> : IEquatable<(T1, T2)>
{
    public T1 Item1;
    public T2 Item2;

    public ValueTuple(T1 item1, T2 item2)
    {
        Item1 = item1;
        Item2 = item2;
    }

    public override bool Equals(object? obj) => obj is ValueTuple<T1, T2> other && Equals(other);

    public bool Equals((T1, T2) other) =>
        EqualityComparer<T1>.Default.Equals(Item1, other.Item1) && EqualityComparer<T2>.Default.Equals(Item2, other.Item2);

    public override int GetHashCode()
    {
        int h1 = Item1 is null ? 0 : Item1.GetHashCode();
        int h2 = Item2 is null ? 0 : Item2.GetHashCode();
        return (int)((uint)h1 * 0x9E3779B1u) ^ h2;
    }

    public override string ToString() => "(" + Text(Item1) + ", " + Text(Item2) + ")";

    private static string? Text<T>(T value)
    {
        if (value is null) return null;
        return value.ToString();
    }
}
