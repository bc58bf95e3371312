// What T[] implements: .NET arrays are IReadOnlyList<T> (the VM passes arrays where an
// IReadOnlyList<T> is expected). rusk-aot fills each array type's itable with these methods, the
// array itself as the first argument (Intrinsics.cs); the bodies are plain C#.
using System.Collections.Generic;

namespace System;

internal static class ArrayInterfaces
{
    // IReadOnlyCollection<T>.Count
    internal static int Count<T>(T[] array) => array.Length;

    // IReadOnlyList<T>.this[int]: .NET's array adapter throws ArgumentOutOfRangeException, not
    // IndexOutOfRangeException as direct indexing does.
    internal static T Item<T>(T[] array, int index)
    {
        if ((uint)index >= (uint)array.Length)
            throw new ArgumentOutOfRangeException("index", "Index was out of range. Must be non-negative and less than the size of the collection.");
        return array[index];
    }

    // IEnumerable<T>.GetEnumerator and IEnumerable.GetEnumerator
    internal static IEnumerator<T> GetEnumerator<T>(T[] array) => new ArrayEnumerator<T>(array);
}

internal sealed class ArrayEnumerator<T> : IEnumerator<T>
{
    private readonly T[] _array;
    private int _index = -1;

    internal ArrayEnumerator(T[] array) { _array = array; }

    public T Current
    {
        get
        {
            if ((uint)_index >= (uint)_array.Length)
                throw new InvalidOperationException(_index < 0 ? "Enumeration has not started. Call MoveNext." : "Enumeration already finished.");
            return _array[_index];
        }
    }

    object? System.Collections.IEnumerator.Current => Current;

    public bool MoveNext()
    {
        if (_index < _array.Length) _index++;
        return _index < _array.Length;
    }

    public void Reset() => _index = -1;
    public void Dispose() { }
}
