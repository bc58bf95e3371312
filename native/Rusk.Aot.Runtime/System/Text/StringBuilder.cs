// StringBuilder: one growable char[] (.NET's chunk list buys nothing for the VM's small strings).
// Source shared with the CoreCLR comparison tests (tests/Rusk.Aot.Runtime.Tests), so it names
// only public BCL API.
#if RUSK_CORLIB_SHADOW
namespace RuskCorlib.System.Text;
#else
namespace System.Text;
#endif

public sealed class StringBuilder
{
    private char[] _chars;
    private int _length;

    public StringBuilder() : this(16) { }

    public StringBuilder(int capacity)
    {
        if (capacity < 0) throw new ArgumentOutOfRangeException(nameof(capacity), "'capacity' must be greater than zero.");
        _chars = new char[capacity];
    }

    public StringBuilder(string? value) : this(value is null || value.Length < 16 ? 16 : value.Length)
    {
        Append(value);
    }

    public int Length
    {
        get => _length;
        set
        {
            if (value < 0) throw new ArgumentOutOfRangeException(nameof(value), "Length cannot be less than zero.");
            if (value > _length)
            {
                EnsureCapacity(value);
                Array.Clear(_chars, _length, value - _length);
            }
            _length = value;
        }
    }

    public int Capacity => _chars.Length;

    [global::System.Runtime.CompilerServices.IndexerName("Chars")]
    public char this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_length) throw new IndexOutOfRangeException();
            return _chars[index];
        }
        set
        {
            if ((uint)index >= (uint)_length) throw new ArgumentOutOfRangeException(nameof(index), "Index was out of range. Must be non-negative and less than the size of the collection.");
            _chars[index] = value;
        }
    }

    private void EnsureCapacity(int needed)
    {
        if (needed <= _chars.Length) return;
        int capacity = _chars.Length < 8 ? 16 : 2 * _chars.Length;
        if (capacity < needed) capacity = needed;
        char[] chars = new char[capacity];
        Array.Copy(_chars, chars, _length);
        _chars = chars;
    }

    public StringBuilder Append(char value)
    {
        if (_length == _chars.Length) EnsureCapacity(_length + 1);
        _chars[_length++] = value;
        return this;
    }

    public StringBuilder Append(char value, int repeatCount)
    {
        if (repeatCount < 0) throw new ArgumentOutOfRangeException(nameof(repeatCount), "Count cannot be less than zero.");
        EnsureCapacity(_length + repeatCount);
        for (int i = 0; i < repeatCount; i++) _chars[_length++] = value;
        return this;
    }

    public StringBuilder Append(string? value) => value is null ? this : Append(value, 0, value.Length);

    public StringBuilder Append(string? value, int startIndex, int count)
    {
        if (startIndex < 0) throw new ArgumentOutOfRangeException(nameof(startIndex), "Index was out of range. Must be non-negative and less than the size of the collection.");
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), "Count cannot be less than zero.");
        if (value is null)
        {
            if (startIndex == 0 && count == 0) return this;
            throw new ArgumentNullException(nameof(value));
        }
        if (count == 0) return this; // .NET: no range check for an empty append
        if (startIndex > value.Length - count) throw new ArgumentOutOfRangeException(nameof(startIndex), "Index and count must refer to a location within the string.");
        EnsureCapacity(_length + count);
        for (int i = 0; i < count; i++) _chars[_length + i] = value[startIndex + i];
        _length += count;
        return this;
    }

    public StringBuilder Append(ReadOnlySpan<char> value)
    {
        EnsureCapacity(_length + value.Length);
        for (int i = 0; i < value.Length; i++) _chars[_length + i] = value[i];
        _length += value.Length;
        return this;
    }

    public StringBuilder Append(char[]? value) => value is null ? this : Append(new ReadOnlySpan<char>(value));
    public StringBuilder Append(StringBuilder? value) => value is null ? this : Append(new ReadOnlySpan<char>(value._chars, 0, value._length));
    public StringBuilder Append(bool value) => Append(value.ToString());
    public StringBuilder Append(byte value) => Append(value.ToString());
    public StringBuilder Append(ushort value) => Append(value.ToString());
    public StringBuilder Append(int value) => Append(value.ToString());
    public StringBuilder Append(uint value) => Append(value.ToString());
    public StringBuilder Append(long value) => Append(value.ToString());
    public StringBuilder Append(ulong value) => Append(value.ToString());
    public StringBuilder Append(object? value) => value is null ? this : Append(value.ToString());

    public StringBuilder Insert(int index, char value) => Insert(index, new ReadOnlySpan<char>(new char[] { value }));

    public StringBuilder Insert(int index, string? value)
    {
        if ((uint)index > (uint)_length) throw new ArgumentOutOfRangeException(nameof(index), "Index was out of range. Must be non-negative and less than or equal to the size of the collection.");
        return value is null ? this : Insert(index, value.AsSpan());
    }

    private StringBuilder Insert(int index, ReadOnlySpan<char> value)
    {
        if ((uint)index > (uint)_length) throw new ArgumentOutOfRangeException(nameof(index), "Index was out of range. Must be non-negative and less than or equal to the size of the collection.");
        EnsureCapacity(_length + value.Length);
        Array.Copy(_chars, index, _chars, index + value.Length, _length - index);
        for (int i = 0; i < value.Length; i++) _chars[index + i] = value[i];
        _length += value.Length;
        return this;
    }

    public StringBuilder Remove(int startIndex, int length)
    {
        if (length < 0) throw new ArgumentOutOfRangeException(nameof(length), "Length cannot be less than zero.");
        if (startIndex < 0) throw new ArgumentOutOfRangeException(nameof(startIndex), "StartIndex cannot be less than zero.");
        if (length > _length - startIndex) throw new ArgumentOutOfRangeException(nameof(length), "Index was out of range. Must be non-negative and less than the size of the collection.");
        Array.Copy(_chars, startIndex + length, _chars, startIndex, _length - startIndex - length);
        _length -= length;
        return this;
    }

    public StringBuilder Clear()
    {
        _length = 0;
        return this;
    }

    public override string ToString() => new string(_chars, 0, _length);

    public string ToString(int startIndex, int length)
    {
        if (startIndex < 0) throw new ArgumentOutOfRangeException(nameof(startIndex), "StartIndex cannot be less than zero.");
        if (startIndex > _length) throw new ArgumentOutOfRangeException(nameof(startIndex), "startIndex cannot be larger than length of string.");
        if (length < 0) throw new ArgumentOutOfRangeException(nameof(length), "Length cannot be less than zero.");
        if (startIndex > _length - length) throw new ArgumentOutOfRangeException(nameof(length), "Index and length must refer to a location within the string.");
        return new string(_chars, startIndex, length);
    }
}
