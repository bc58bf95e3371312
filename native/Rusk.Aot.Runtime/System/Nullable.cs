// System.Nullable<T> (T?): a value and a flag, with .NET's semantics (boxing is the compiler's:
// a null Nullable boxes to null).
namespace System;

public struct Nullable<T> where T : struct
{
    private readonly bool hasValue;
    internal T value;

    public Nullable(T value)
    {
        this.value = value;
        hasValue = true;
    }

    public readonly bool HasValue => hasValue;

    public readonly T Value
    {
        get
        {
            if (!hasValue) throw new InvalidOperationException("Nullable object must have a value.");
            return value;
        }
    }

    public readonly T GetValueOrDefault() => value;
    public readonly T GetValueOrDefault(T defaultValue) => hasValue ? value : defaultValue;

    public override bool Equals(object? other)
    {
        if (!hasValue) return other is null;
        if (other is null) return false;
        return value.Equals(other);
    }

    public override int GetHashCode() => hasValue ? value.GetHashCode() : 0;
    public override string? ToString() => hasValue ? value.ToString() : "";

    public static implicit operator T?(T value) => new T?(value);
    public static explicit operator T(T? value) => value!.Value;
}
