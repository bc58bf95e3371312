// String searching, slicing and ASCII casing: ordinal (char by char) everywhere, as the VM only
// uses these on identifiers and ASCII text. No culture-sensitive overloads exist here on purpose.
using Rusk.Aot.Runtime;

namespace System;

public sealed partial class String
{
    private static System.Collections.Generic.Dictionary<string, string>? s_internPool;

    public int IndexOf(char value) => IndexOf(value, 0, _chars.Length);

    public int IndexOf(char value, int startIndex)
    {
        if ((uint)startIndex > (uint)_chars.Length) throw new ArgumentOutOfRangeException(nameof(startIndex), "Index was out of range. Must be non-negative and less than or equal to the size of the collection.");
        return IndexOf(value, startIndex, _chars.Length - startIndex);
    }

    public int IndexOf(char value, int startIndex, int count)
    {
        if ((uint)startIndex > (uint)_chars.Length) throw new ArgumentOutOfRangeException(nameof(startIndex), "Index was out of range. Must be non-negative and less than or equal to the size of the collection.");
        if ((uint)count > (uint)(_chars.Length - startIndex)) throw new ArgumentOutOfRangeException(nameof(count), "Count must be positive and count must refer to a location within the string/array/collection.");
        char[] chars = _chars;
        for (int i = startIndex; i < startIndex + count; i++)
            if (chars[i] == value) return i;
        return -1;
    }

    public int LastIndexOf(char value)
    {
        char[] chars = _chars;
        for (int i = chars.Length - 1; i >= 0; i--)
            if (chars[i] == value) return i;
        return -1;
    }

    public bool Contains(char value) => IndexOf(value) >= 0;

    public bool Contains(string value)
    {
        if (value is null) throw new ArgumentNullException(nameof(value));
        return OrdinalIndexOf(value) >= 0;
    }

    private int OrdinalIndexOf(string value)
    {
        char[] chars = _chars, find = value._chars;
        for (int i = 0; i + find.Length <= chars.Length; i++)
            if (MatchesAt(chars, i, find)) return i;
        return -1;
    }

    private static bool MatchesAt(char[] chars, int at, char[] find)
    {
        for (int j = 0; j < find.Length; j++)
            if (chars[at + j] != find[j]) return false;
        return true;
    }

    public bool StartsWith(char value) => _chars.Length != 0 && _chars[0] == value;
    public bool EndsWith(char value) => _chars.Length != 0 && _chars[_chars.Length - 1] == value;

    public string Substring(int startIndex) => Substring(startIndex, _chars.Length - startIndex);

    public string Substring(int startIndex, int length)
    {
        if (startIndex < 0) throw new ArgumentOutOfRangeException(nameof(startIndex), "StartIndex cannot be less than zero.");
        if (startIndex > _chars.Length) throw new ArgumentOutOfRangeException(nameof(startIndex), "startIndex cannot be larger than length of string.");
        if (length < 0) throw new ArgumentOutOfRangeException(nameof(length), "Length cannot be less than zero.");
        if (startIndex > _chars.Length - length) throw new ArgumentOutOfRangeException(nameof(length), "Index and length must refer to a location within the string.");
        if (length == _chars.Length) return this;
        return FromArrayNoCopy(CopyOf(_chars, startIndex, length));
    }

    public string Replace(char oldChar, char newChar)
    {
        int first = IndexOf(oldChar);
        if (first < 0) return this;
        char[] chars = CopyOf(_chars, 0, _chars.Length);
        for (int i = first; i < chars.Length; i++)
            if (chars[i] == oldChar) chars[i] = newChar;
        return NewString(chars);
    }

    // ASCII only: the invariant mapping of non-ASCII letters needs Unicode tables we do not ship.
    public string ToLowerInvariant() => MapAscii('A', 'Z', 32);
    public string ToUpperInvariant() => MapAscii('a', 'z', -32);

    private string MapAscii(char first, char last, int delta)
    {
        char[]? mapped = null;
        char[] chars = _chars;
        for (int i = 0; i < chars.Length; i++)
        {
            char c = chars[i];
            if (c < first || c > last) continue;
            mapped ??= CopyOf(chars, 0, chars.Length);
            mapped[i] = (char)(c + delta);
        }
        return mapped is null ? this : NewString(mapped);
    }

    public static string Join(string? separator, params string?[] value)
    {
        if (value is null) throw new ArgumentNullException(nameof(value));
        if (value.Length == 0) return Empty;
        string?[] parts = new string?[2 * value.Length - 1];
        for (int i = 0; i < value.Length; i++)
        {
            if (i > 0) parts[2 * i - 1] = separator;
            parts[2 * i] = value[i];
        }
        return Concat(parts);
    }

    public static int CompareOrdinal(string? strA, string? strB)
    {
        if ((object?)strA == strB) return 0;
        if (strA is null) return -1;
        if (strB is null) return 1;
        char[] a = strA._chars, b = strB._chars;
        int n = a.Length < b.Length ? a.Length : b.Length;
        for (int i = 0; i < n; i++)
            if (a[i] != b[i]) return a[i] - b[i];
        return a.Length - b.Length;
    }

    /// <summary>The one instance of `str`'s contents: the program's literal with those contents if
    /// there is one (the VM compares interned strings with literals by reference), else the first
    /// string interned with them.</summary>
    public static string Intern(string str)
    {
        if (str is null) throw new ArgumentNullException(nameof(str));
        s_internPool ??= new System.Collections.Generic.Dictionary<string, string>();
        if (s_internPool.TryGetValue(str, out string? known)) return known;
        string canonical = FindLiteral(str) ?? str;
        s_internPool.Add(canonical, canonical);
        return canonical;
    }

    [CompilerIntrinsic]
    private static extern string? FindLiteral(string value);
}
