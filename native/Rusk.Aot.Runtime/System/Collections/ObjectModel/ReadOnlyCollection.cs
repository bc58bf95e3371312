// ReadOnlyCollection<T>: what Array.AsReadOnly returns — a read-only view of an array.
using System.Collections.Generic;

namespace System.Collections.ObjectModel;

public class ReadOnlyCollection<T> : IReadOnlyList<T>
{
    private readonly T[] _items;

    internal ReadOnlyCollection(T[] items) { _items = items; }

    public int Count => _items.Length;
    public T this[int index] => ArrayInterfaces.Item(_items, index);

    public IEnumerator<T> GetEnumerator() => new ArrayEnumerator<T>(_items);
    IEnumerator IEnumerable.GetEnumerator() => new ArrayEnumerator<T>(_items);
}
