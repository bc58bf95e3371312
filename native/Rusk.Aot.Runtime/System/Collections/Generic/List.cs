// List<T>: a growable array with .NET's contract (growth by doubling from 4, version-checked
// enumerator, .NET's exception messages). Source shared with the CoreCLR comparison tests
// (tests/Rusk.Aot.Runtime.Tests), so it names only public BCL API.
#if RUSK_CORLIB_SHADOW
namespace RuskCorlib.System.Collections.Generic;
#else
namespace System.Collections.Generic;
#endif

public class List<T> : IReadOnlyList<T>
{
    private T[] _items;
    private int _size;
    private int _version;

    public List() { _items = Array.Empty<T>(); }

    public List(int capacity)
    {
        if (capacity < 0) throw new ArgumentOutOfRangeException(nameof(capacity), "Non-negative number required.");
        _items = capacity == 0 ? Array.Empty<T>() : new T[capacity];
    }

    public List(IEnumerable<T> collection) : this()
    {
        AddRange(collection);
    }

    public int Count => _size;

    public int Capacity
    {
        get => _items.Length;
        set
        {
            if (value < _size) throw new ArgumentOutOfRangeException(nameof(value), "capacity was less than the current size.");
            if (value == _items.Length) return;
            T[] items = new T[value];
            Array.Copy(_items, items, _size);
            _items = items;
        }
    }

    public T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_size) throw IndexOutOfRange();
            return _items[index];
        }
        set
        {
            if ((uint)index >= (uint)_size) throw IndexOutOfRange();
            _items[index] = value;
            _version++;
        }
    }

    private static ArgumentOutOfRangeException IndexOutOfRange() =>
        new ArgumentOutOfRangeException("index", "Index was out of range. Must be non-negative and less than the size of the collection.");

    public void Add(T item)
    {
        _version++;
        if (_size == _items.Length) Grow(_size + 1);
        _items[_size++] = item;
    }

    public void AddRange(IEnumerable<T> collection)
    {
        if (collection is null) throw new ArgumentNullException(nameof(collection));
        foreach (T item in collection) Add(item);
    }

    public void Insert(int index, T item)
    {
        if ((uint)index > (uint)_size) throw new ArgumentOutOfRangeException(nameof(index), "Index must be within the bounds of the List.");
        if (_size == _items.Length) Grow(_size + 1);
        if (index < _size) Array.Copy(_items, index, _items, index + 1, _size - index);
        _items[index] = item;
        _size++;
        _version++;
    }

    // .NET: double, at least 4, at least what is needed.
    private void Grow(int needed)
    {
        int capacity = _items.Length == 0 ? 4 : 2 * _items.Length;
        if ((uint)capacity > 0x7FFFFFC7) capacity = 0x7FFFFFC7;
        if (capacity < needed) capacity = needed;
        Capacity = capacity;
    }

    public void Clear()
    {
        _version++;
        if (_size > 0) Array.Clear(_items, 0, _size);
        _size = 0;
    }

    public bool Contains(T item) => _size != 0 && IndexOf(item) >= 0;

    public int IndexOf(T item)
    {
        EqualityComparer<T> comparer = EqualityComparer<T>.Default;
        for (int i = 0; i < _size; i++)
            if (comparer.Equals(_items[i], item)) return i;
        return -1;
    }

    public bool Remove(T item)
    {
        int index = IndexOf(item);
        if (index < 0) return false;
        RemoveAt(index);
        return true;
    }

    public void RemoveAt(int index)
    {
        if ((uint)index >= (uint)_size) throw IndexOutOfRange();
        _size--;
        if (index < _size) Array.Copy(_items, index + 1, _items, index, _size - index);
        _items[_size] = default!;
        _version++;
    }

    public void RemoveRange(int index, int count)
    {
        if (index < 0) throw new ArgumentOutOfRangeException(nameof(index), "Non-negative number required.");
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), "Non-negative number required.");
        if (_size - index < count) throw new ArgumentException("Offset and length were out of bounds for the array or count is greater than the number of elements from index to the end of the source collection.");
        if (count == 0) return;
        _size -= count;
        if (index < _size) Array.Copy(_items, index + count, _items, index, _size - index);
        _version++;
        Array.Clear(_items, _size, count);
    }

    public void CopyTo(T[] array) => CopyTo(0, array, 0, _size);
    public void CopyTo(T[] array, int arrayIndex) => CopyTo(0, array, arrayIndex, _size);

    public void CopyTo(int index, T[] array, int arrayIndex, int count)
    {
        if (_size - index < count) throw new ArgumentException("Offset and length were out of bounds for the array or count is greater than the number of elements from index to the end of the source collection.");
        Array.Copy(_items, index, array, arrayIndex, count);
    }

    public T[] ToArray()
    {
        if (_size == 0) return Array.Empty<T>();
        T[] array = new T[_size];
        Array.Copy(_items, array, _size);
        return array;
    }

    public void Reverse()
    {
        for (int i = 0, j = _size - 1; i < j; i++, j--)
        {
            T t = _items[i];
            _items[i] = _items[j];
            _items[j] = t;
        }
        _version++;
    }

    public void Sort() => Sort((IComparer<T>?)null);

    // Unstable, like .NET's introsort: equal elements may come out in any order, so callers
    // that can tell equal elements apart must not depend on their order (the VM sorts ints only).
    public void Sort(IComparer<T>? comparer)
    {
        if (_size > 1) ArraySort.Sort(_items, 0, _size, comparer ?? Comparer<T>.Default);
        _version++;
    }

    public Enumerator GetEnumerator() => new Enumerator(this);
    IEnumerator<T> IEnumerable<T>.GetEnumerator() => new Enumerator(this);
    global::System.Collections.IEnumerator global::System.Collections.IEnumerable.GetEnumerator() => new Enumerator(this);

    public struct Enumerator : IEnumerator<T>
    {
        private readonly List<T> _list;
        private readonly int _version;
        private int _index;
        private T _current;

        internal Enumerator(List<T> list)
        {
            _list = list;
            _version = list._version;
            _index = 0;
            _current = default!;
        }

        public T Current => _current;
        object? global::System.Collections.IEnumerator.Current => _current;

        public bool MoveNext()
        {
            List<T> list = _list;
            if (_version != list._version) throw new InvalidOperationException("Collection was modified; enumeration operation may not execute.");
            if ((uint)_index < (uint)list._size)
            {
                _current = list._items[_index];
                _index++;
                return true;
            }
            _index = list._size + 1;
            _current = default!;
            return false;
        }

        public void Dispose() { }

        void global::System.Collections.IEnumerator.Reset()
        {
            _index = 0;
            _current = default!;
        }
    }
}
