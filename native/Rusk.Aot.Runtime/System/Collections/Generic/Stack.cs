// Stack<T>: an array and a count, with .NET's growth (double, from 4) and messages.
#if RUSK_CORLIB_SHADOW
namespace RuskCorlib.System.Collections.Generic;
#else
namespace System.Collections.Generic;
#endif

public class Stack<T> : IReadOnlyCollection<T>
{
    private T[] _array;
    private int _size;

    public Stack() { _array = Array.Empty<T>(); }

    public Stack(int capacity)
    {
        if (capacity < 0) throw new ArgumentOutOfRangeException(nameof(capacity), "Non-negative number required.");
        _array = new T[capacity];
    }

    public int Count => _size;

    public void Push(T item)
    {
        if (_size == _array.Length)
        {
            T[] array = new T[_array.Length == 0 ? 4 : 2 * _array.Length];
            Array.Copy(_array, array, _size);
            _array = array;
        }
        _array[_size++] = item;
    }

    public T Pop()
    {
        if (_size == 0) throw new InvalidOperationException("Stack empty.");
        T item = _array[--_size];
        _array[_size] = default!;
        return item;
    }

    public T Peek()
    {
        if (_size == 0) throw new InvalidOperationException("Stack empty.");
        return _array[_size - 1];
    }

    public bool TryPop([global::System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out T result)
    {
        if (_size == 0)
        {
            result = default!;
            return false;
        }
        result = Pop();
        return true;
    }

    public void Clear()
    {
        Array.Clear(_array, 0, _size);
        _size = 0;
    }

    // Enumerates from the top, as .NET's Stack<T> does.
    public IEnumerator<T> GetEnumerator()
    {
        for (int i = _size - 1; i >= 0; i--) yield return _array[i];
    }

    global::System.Collections.IEnumerator global::System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
