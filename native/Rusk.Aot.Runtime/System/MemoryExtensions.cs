// MemoryExtensions: spans over arrays and strings, and the span comparisons the VM uses.
namespace System;

public static class MemoryExtensions
{
    public static Span<T> AsSpan<T>(this T[]? array) => new Span<T>(array);
    public static Span<T> AsSpan<T>(this T[]? array, int start)
    {
        if (array is null)
        {
            if (start != 0) throw new ArgumentOutOfRangeException();
            return default;
        }
        return new Span<T>(array, start, array.Length - start);
    }

    public static Span<T> AsSpan<T>(this T[]? array, int start, int length) => new Span<T>(array, start, length);

    public static ReadOnlySpan<char> AsSpan(this string? text) =>
        text is null ? default : new ReadOnlySpan<char>(text.RawChars, 0, text.Length);

    public static ReadOnlySpan<char> AsSpan(this string? text, int start)
    {
        if (text is null)
        {
            if (start != 0) throw new ArgumentOutOfRangeException(nameof(start));
            return default;
        }
        if ((uint)start > (uint)text.Length) throw new ArgumentOutOfRangeException(nameof(start));
        return new ReadOnlySpan<char>(text.RawChars, start, text.Length - start);
    }

    public static ReadOnlySpan<char> AsSpan(this string? text, int start, int length)
    {
        if (text is null)
        {
            if (start != 0 || length != 0) throw new ArgumentOutOfRangeException(nameof(start));
            return default;
        }
        if ((uint)start > (uint)text.Length || (uint)length > (uint)(text.Length - start)) throw new ArgumentOutOfRangeException(nameof(start));
        return new ReadOnlySpan<char>(text.RawChars, start, length);
    }

    public static bool SequenceEqual<T>(this ReadOnlySpan<T> span, ReadOnlySpan<T> other) where T : IEquatable<T>?
    {
        if (span.Length != other.Length) return false;
        for (int i = 0; i < span.Length; i++)
        {
            T a = span[i];
            if (a is null ? other[i] is not null : !a.Equals(other[i])) return false;
        }
        return true;
    }

    public static bool SequenceEqual<T>(this Span<T> span, ReadOnlySpan<T> other) where T : IEquatable<T>? =>
        SequenceEqual((ReadOnlySpan<T>)span, other);

    public static int IndexOf<T>(this ReadOnlySpan<T> span, T value) where T : IEquatable<T>?
    {
        for (int i = 0; i < span.Length; i++)
        {
            T a = span[i];
            if (a is null ? value is null : a.Equals(value)) return i;
        }
        return -1;
    }

    public static int IndexOf<T>(this Span<T> span, T value) where T : IEquatable<T>? => IndexOf((ReadOnlySpan<T>)span, value);

    public static bool StartsWith<T>(this ReadOnlySpan<T> span, ReadOnlySpan<T> value) where T : IEquatable<T>? =>
        value.Length <= span.Length && SequenceEqual(span.Slice(0, value.Length), value);
}
