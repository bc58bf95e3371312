// Dictionary<TKey, TValue>: chained hashing over parallel arrays (no array of entry structs: each
// struct element would be a separate box under rusk-aot, docs/aot.md). Enumeration order is .NET's:
// entries in insertion order, a removed entry's slot reused last-freed-first. Shared with the
// CoreCLR comparison tests (tests/Rusk.Aot.Runtime.Tests).
#if RUSK_CORLIB_SHADOW
namespace RuskCorlib.System.Collections.Generic;
#else
namespace System.Collections.Generic;
#endif

public class Dictionary<TKey, TValue> : IReadOnlyCollection<KeyValuePair<TKey, TValue>> where TKey : notnull
{
    // _next[i]: the next entry in i's bucket chain, -1 at its end; a free entry holds
    // FreeListEnd - (next free entry), always < -1.
    private const int FreeListEnd = -3;

    private int[] _buckets;          // 1 + the first entry of each chain; 0 = empty
    private int[] _hashes;
    private int[] _next;
    private TKey[] _keys;
    private TValue[] _values;
    private int _count;              // entries used, including free ones
    private int _freeList = -1;
    private int _freeCount;
    private int _version;
    private readonly IEqualityComparer<TKey> _comparer;
    private KeyCollection? _keyCollection;

    public Dictionary() : this(0, null) { }
    public Dictionary(int capacity) : this(capacity, null) { }
    public Dictionary(IEqualityComparer<TKey>? comparer) : this(0, comparer) { }

    public Dictionary(int capacity, IEqualityComparer<TKey>? comparer)
    {
        if (capacity < 0) throw new ArgumentOutOfRangeException(nameof(capacity), "Non-negative number required.");
        _comparer = comparer ?? EqualityComparer<TKey>.Default;
        _buckets = Array.Empty<int>();
        _hashes = Array.Empty<int>();
        _next = Array.Empty<int>();
        _keys = Array.Empty<TKey>();
        _values = Array.Empty<TValue>();
        if (capacity > 0) Resize(capacity);
    }

    public int Count => _count - _freeCount;

    public IEqualityComparer<TKey> Comparer => _comparer;

    public KeyCollection Keys => _keyCollection ??= new KeyCollection(this);

    public TValue this[TKey key]
    {
        get
        {
            int i = FindEntry(key);
            if (i < 0) throw new KeyNotFoundException("The given key '" + key.ToString() + "' was not present in the dictionary.");
            return _values[i];
        }
        set => Insert(key, value, overwrite: true);
    }

    public void Add(TKey key, TValue value)
    {
        if (!Insert(key, value, overwrite: false))
            throw new ArgumentException("An item with the same key has already been added. Key: " + key.ToString());
    }

    public bool TryAdd(TKey key, TValue value) => Insert(key, value, overwrite: false);

    public bool ContainsKey(TKey key) => FindEntry(key) >= 0;

    public bool TryGetValue(TKey key, [global::System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out TValue value)
    {
        int i = FindEntry(key);
        if (i >= 0)
        {
            value = _values[i];
            return true;
        }
        value = default!;
        return false;
    }

    public bool Remove(TKey key) => Remove(key, out _);

    public bool Remove(TKey key, [global::System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out TValue value)
    {
        if (key is null) throw new ArgumentNullException(nameof(key));
        if (_buckets.Length > 0)
        {
            int hash = _comparer.GetHashCode(key);
            int bucket = BucketOf(hash);
            int last = -1;
            for (int i = _buckets[bucket] - 1; i >= 0; last = i, i = _next[i])
            {
                if (_hashes[i] != hash || !_comparer.Equals(_keys[i], key)) continue;
                if (last < 0) _buckets[bucket] = _next[i] + 1;
                else _next[last] = _next[i];
                value = _values[i];
                _next[i] = FreeListEnd - _freeList;
                _keys[i] = default!;
                _values[i] = default!;
                _freeList = i;
                _freeCount++;
                _version++;
                return true;
            }
        }
        value = default!;
        return false;
    }

    public void Clear()
    {
        if (_count == 0) return;
        Array.Clear(_buckets, 0, _buckets.Length);
        Array.Clear(_keys, 0, _count);
        Array.Clear(_values, 0, _count);
        _count = 0;
        _freeList = -1;
        _freeCount = 0;
        _version++;
    }

    private int FindEntry(TKey key)
    {
        if (key is null) throw new ArgumentNullException(nameof(key));
        if (_buckets.Length == 0) return -1;
        int hash = _comparer.GetHashCode(key);
        for (int i = _buckets[BucketOf(hash)] - 1; i >= 0; i = _next[i])
            if (_hashes[i] == hash && _comparer.Equals(_keys[i], key)) return i;
        return -1;
    }

    private bool Insert(TKey key, TValue value, bool overwrite)
    {
        if (key is null) throw new ArgumentNullException(nameof(key));
        if (_buckets.Length == 0) Resize(4);
        int hash = _comparer.GetHashCode(key);
        for (int i = _buckets[BucketOf(hash)] - 1; i >= 0; i = _next[i])
        {
            if (_hashes[i] != hash || !_comparer.Equals(_keys[i], key)) continue;
            if (!overwrite) return false;
            _values[i] = value;
            _version++;
            return true;
        }
        int index;
        if (_freeCount > 0)
        {
            index = _freeList;
            _freeList = FreeListEnd - _next[index];
            _freeCount--;
        }
        else
        {
            if (_count == _keys.Length) Resize(2 * _count);
            index = _count++;
        }
        int b = BucketOf(hash);
        _hashes[index] = hash;
        _next[index] = _buckets[b] - 1;
        _keys[index] = key;
        _values[index] = value;
        _buckets[b] = index + 1;
        _version++;
        return true;
    }

    // Fibonacci hashing onto a power-of-two table: spreads the sequential and aligned hash codes
    // that integer keys produce.
    private int BucketOf(int hash) => (int)(((uint)hash * 0x9E3779B9u) >> (32 - Log2(_buckets.Length)));

    private static int Log2(int powerOfTwo)
    {
        int log = 0;
        while ((1 << log) < powerOfTwo) log++;
        return log;
    }

    private void Resize(int minimum)
    {
        int size = 4;
        while (size < minimum) size <<= 1;
        int[] hashes = new int[size];
        int[] next = new int[size];
        TKey[] keys = new TKey[size];
        TValue[] values = new TValue[size];
        Array.Copy(_hashes, hashes, _count);
        Array.Copy(_next, next, _count);
        Array.Copy(_keys, keys, _count);
        Array.Copy(_values, values, _count);
        _hashes = hashes;
        _next = next;
        _keys = keys;
        _values = values;
        _buckets = new int[size];
        // Only called with no free entries (Insert fills those first) or on an empty table.
        for (int i = 0; i < _count; i++)
        {
            int b = BucketOf(_hashes[i]);
            _next[i] = _buckets[b] - 1;
            _buckets[b] = i + 1;
        }
    }

    public Enumerator GetEnumerator() => new Enumerator(this);
    IEnumerator<KeyValuePair<TKey, TValue>> IEnumerable<KeyValuePair<TKey, TValue>>.GetEnumerator() => new Enumerator(this);
    global::System.Collections.IEnumerator global::System.Collections.IEnumerable.GetEnumerator() => new Enumerator(this);

    // The next live entry at or after `index`, or _count.
    private int NextLive(int index)
    {
        while (index < _count && _next[index] < -1) index++;
        return index;
    }

    private void CheckVersion(int version)
    {
        if (version != _version) throw new InvalidOperationException("Collection was modified; enumeration operation may not execute.");
    }

    public struct Enumerator : IEnumerator<KeyValuePair<TKey, TValue>>
    {
        private readonly Dictionary<TKey, TValue> _dictionary;
        private readonly int _version;
        private int _index;
        private KeyValuePair<TKey, TValue> _current;

        internal Enumerator(Dictionary<TKey, TValue> dictionary)
        {
            _dictionary = dictionary;
            _version = dictionary._version;
            _index = 0;
            _current = default;
        }

        public KeyValuePair<TKey, TValue> Current => _current;
        object? global::System.Collections.IEnumerator.Current => _current;

        public bool MoveNext()
        {
            Dictionary<TKey, TValue> d = _dictionary;
            d.CheckVersion(_version);
            int i = d.NextLive(_index);
            if (i >= d._count)
            {
                _index = d._count + 1;
                _current = default;
                return false;
            }
            _current = new KeyValuePair<TKey, TValue>(d._keys[i], d._values[i]);
            _index = i + 1;
            return true;
        }

        public void Dispose() { }
        void global::System.Collections.IEnumerator.Reset() => Restart();

        internal void Restart()
        {
            _index = 0;
            _current = default;
        }
    }

    public sealed class KeyCollection : IReadOnlyCollection<TKey>
    {
        private readonly Dictionary<TKey, TValue> _dictionary;

        public KeyCollection(Dictionary<TKey, TValue> dictionary)
        {
            _dictionary = dictionary ?? throw new ArgumentNullException(nameof(dictionary));
        }

        public int Count => _dictionary.Count;

        public Enumerator GetEnumerator() => new Enumerator(_dictionary);
        IEnumerator<TKey> IEnumerable<TKey>.GetEnumerator() => new Enumerator(_dictionary);
        global::System.Collections.IEnumerator global::System.Collections.IEnumerable.GetEnumerator() => new Enumerator(_dictionary);

        // The dictionary's enumerator, projected to keys.
        public struct Enumerator : IEnumerator<TKey>
        {
            private Dictionary<TKey, TValue>.Enumerator _pairs;

            internal Enumerator(Dictionary<TKey, TValue> dictionary) { _pairs = new Dictionary<TKey, TValue>.Enumerator(dictionary); }

            public TKey Current => _pairs.Current.Key;
            object? global::System.Collections.IEnumerator.Current => _pairs.Current.Key;
            public bool MoveNext() => _pairs.MoveNext();
            public void Dispose() { }
            void global::System.Collections.IEnumerator.Reset() => _pairs.Restart();
        }
    }
}
