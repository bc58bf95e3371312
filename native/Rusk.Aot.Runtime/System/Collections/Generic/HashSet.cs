// HashSet<T>: the keys of a Dictionary<T, bool> — the same hashing, enumeration order and slot
// reuse as .NET's HashSet, without a second copy of the table code.
#if RUSK_CORLIB_SHADOW
namespace RuskCorlib.System.Collections.Generic;
#else
namespace System.Collections.Generic;
#endif

// .NET's HashSet<T> has no notnull constraint; the table below rejects null items at run time.
#pragma warning disable CS8714

public class HashSet<T> : IReadOnlyCollection<T>
{
    private readonly Dictionary<T, bool> _map;

    public HashSet() : this((IEqualityComparer<T>?)null) { }

    public HashSet(IEqualityComparer<T>? comparer)
    {
        _map = new Dictionary<T, bool>(comparer!);
    }

    public int Count => _map.Count;

    public IEqualityComparer<T> Comparer => _map.Comparer;

    // .NET's HashSet accepts null; our table does not (the VM never adds null).
    public bool Add(T item) => _map.TryAdd(item, true);
    public bool Contains(T item) => _map.ContainsKey(item);
    public bool Remove(T item) => _map.Remove(item);
    public void Clear() => _map.Clear();

    public Enumerator GetEnumerator() => new Enumerator(_map);
    IEnumerator<T> IEnumerable<T>.GetEnumerator() => GetEnumerator();
    global::System.Collections.IEnumerator global::System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public struct Enumerator : IEnumerator<T>
    {
        private readonly Dictionary<T, bool> _map;
        private Dictionary<T, bool>.KeyCollection.Enumerator _keys;

        internal Enumerator(Dictionary<T, bool> map)
        {
            _map = map;
            _keys = map.Keys.GetEnumerator();
        }

        public T Current => _keys.Current;
        object? global::System.Collections.IEnumerator.Current => _keys.Current;
        public bool MoveNext() => _keys.MoveNext();
        public void Dispose() { }
        void global::System.Collections.IEnumerator.Reset() => _keys = _map.Keys.GetEnumerator();
    }
}
