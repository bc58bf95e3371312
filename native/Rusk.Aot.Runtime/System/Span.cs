// Span<T> and ReadOnlySpan<T>: plain (array, start, length) views — no ref fields, no pointers
// (docs/aot.md), so a span over a string views the string's own char[]. Indexers return a ref
// into the array. Bounds failures throw what .NET's do.
namespace System;

internal static class SpanChecks
{
    // [start, start + length) within [0, available): what .NET's span constructors and Slice check.
    internal static void CheckRange(int available, int start, int length)
    {
        if ((uint)start > (uint)available || (uint)length > (uint)(available - start)) throw new ArgumentOutOfRangeException();
    }
}

public readonly ref struct Span<T>
{
    internal readonly T[]? _array;
    internal readonly int _start;
    private readonly int _length;

    public Span(T[]? array)
    {
        _array = array;
        _start = 0;
        _length = array is null ? 0 : array.Length;
    }

    public Span(T[]? array, int start, int length)
    {
        SpanChecks.CheckRange(array is null ? 0 : array.Length, start, length);
        _array = array;
        _start = start;
        _length = length;
    }

    public static Span<T> Empty => default;

    public int Length => _length;
    public bool IsEmpty => _length == 0;

    public ref T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_length) throw new IndexOutOfRangeException();
            return ref _array![_start + index];
        }
    }

    public Span<T> Slice(int start) => Slice(start, _length - start);

    public Span<T> Slice(int start, int length)
    {
        SpanChecks.CheckRange(_length, start, length);
        return new Span<T>(_array, _start + start, length);
    }

    public void Clear()
    {
        if (_length > 0) Array.Clear(_array!, _start, _length);
    }

    public void Fill(T value)
    {
        for (int i = 0; i < _length; i++) _array![_start + i] = value;
    }

    public void CopyTo(Span<T> destination) => ((ReadOnlySpan<T>)this).CopyTo(destination);
    public bool TryCopyTo(Span<T> destination) => ((ReadOnlySpan<T>)this).TryCopyTo(destination);
    public T[] ToArray() => ((ReadOnlySpan<T>)this).ToArray();
    public override string ToString() => ((ReadOnlySpan<T>)this).ToString();

    public static implicit operator Span<T>(T[]? array) => new Span<T>(array);
    public static implicit operator ReadOnlySpan<T>(Span<T> span) => new ReadOnlySpan<T>(span._array, span._start, span._length);
}

public readonly ref struct ReadOnlySpan<T>
{
    internal readonly T[]? _array;
    internal readonly int _start;
    private readonly int _length;

    public ReadOnlySpan(T[]? array)
    {
        _array = array;
        _start = 0;
        _length = array is null ? 0 : array.Length;
    }

    public ReadOnlySpan(T[]? array, int start, int length)
    {
        SpanChecks.CheckRange(array is null ? 0 : array.Length, start, length);
        _array = array;
        _start = start;
        _length = length;
    }

    public static ReadOnlySpan<T> Empty => default;

    public int Length => _length;
    public bool IsEmpty => _length == 0;

    public ref readonly T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_length) throw new IndexOutOfRangeException();
            return ref _array![_start + index];
        }
    }

    public ReadOnlySpan<T> Slice(int start) => Slice(start, _length - start);

    public ReadOnlySpan<T> Slice(int start, int length)
    {
        SpanChecks.CheckRange(_length, start, length);
        return new ReadOnlySpan<T>(_array, _start + start, length);
    }

    public void CopyTo(Span<T> destination)
    {
        if (!TryCopyTo(destination)) throw new ArgumentException("Destination is too short.", nameof(destination));
    }

    public bool TryCopyTo(Span<T> destination)
    {
        if (_length > destination.Length) return false;
        if (_length > 0) Array.Copy(_array!, _start, destination._array!, destination._start, _length);
        return true;
    }

    public T[] ToArray()
    {
        if (_length == 0) return Array.Empty<T>();
        T[] array = new T[_length];
        Array.Copy(_array!, _start, array, 0, _length);
        return array;
    }

    // As .NET: the characters for a span of char, the type and length otherwise.
    public override string ToString()
    {
        if (_array is char[] chars) return new string(chars, _start, _length);
        return "System.ReadOnlySpan[" + _length.ToString() + "]";
    }

    public static implicit operator ReadOnlySpan<T>(T[]? array) => new ReadOnlySpan<T>(array);
}
