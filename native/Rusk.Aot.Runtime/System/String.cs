// System.String: an immutable sealed class over exactly one field, `char[] _chars`, whose length
// is the string's length — rusk-aot builds string literals as that (docs/aot.md), so no other
// instance field may ever be added. Comparisons are ordinal; casing is ASCII/invariant only.
using Rusk.Aot.Runtime;

namespace System;

public sealed partial class String : IEquatable<string>
{
    private readonly char[] _chars;

    public static readonly string Empty = "";

    // The constructors have no bodies: as in CoreCLR, `newobj String::.ctor(args)` becomes a call of
    // the static `Ctor(args)` below, which returns the string (rusk-aot: Intrinsics.cs), because a
    // string is built whole by NewString and its one field never changes.
    [CompilerIntrinsic]
    public extern String(char[]? value);

    [CompilerIntrinsic]
    public extern String(char[] value, int startIndex, int length);

    [CompilerIntrinsic]
    public extern String(char c, int count);

    [CompilerIntrinsic]
    public extern String(ReadOnlySpan<char> value);

    private static string Ctor(char[]? value) =>
        value is null || value.Length == 0 ? Empty : NewString(CopyOf(value, 0, value.Length));

    private static string Ctor(char[] value, int startIndex, int length)
    {
        if (value is null) throw new ArgumentNullException(nameof(value));
        if (startIndex < 0) throw new ArgumentOutOfRangeException(nameof(startIndex), "StartIndex cannot be less than zero.");
        if (length < 0) throw new ArgumentOutOfRangeException(nameof(length), "Length cannot be less than zero.");
        if (startIndex > value.Length - length) throw new ArgumentOutOfRangeException(nameof(startIndex), "Index and length must refer to a location within the string.");
        return length == 0 ? Empty : NewString(CopyOf(value, startIndex, length));
    }

    private static string Ctor(char c, int count)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), "Count cannot be less than zero.");
        if (count == 0) return Empty;
        char[] chars = new char[count];
        for (int i = 0; i < count; i++) chars[i] = c;
        return NewString(chars);
    }

    private static string Ctor(ReadOnlySpan<char> value) => value.IsEmpty ? Empty : NewString(value.ToArray());

    /// <summary>The string over `chars` (struct.new of String with its vtable and `chars`): the one
    /// place a string object is made. The caller hands `chars` over and never writes it again.</summary>
    [CompilerIntrinsic]
    private static extern string NewString(char[] chars);

    internal static string FromArrayNoCopy(char[] chars) => chars.Length == 0 ? Empty : NewString(chars);

    internal static string FromChar(char c)
    {
        char[] chars = new char[1];
        chars[0] = c;
        return NewString(chars);
    }

    internal static char[] CopyOf(char[] source, int start, int length)
    {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) chars[i] = source[start + i];
        return chars;
    }

    // The backing array, for spans over the string; never written through.
    internal char[] RawChars => _chars;

    public int Length => _chars.Length;

    [System.Runtime.CompilerServices.IndexerName("Chars")]
    public char this[int index] => _chars[index];

    public static bool IsNullOrEmpty(string? value) => value is null || value.Length == 0;

    public static string Concat(string? str0, string? str1)
    {
        if (IsNullOrEmpty(str0)) return str1 ?? Empty;
        if (IsNullOrEmpty(str1)) return str0!;
        char[] chars = new char[str0!.Length + str1!.Length];
        str0.CopyTo(chars, 0);
        str1.CopyTo(chars, str0.Length);
        return NewString(chars);
    }

    public static string Concat(string? str0, string? str1, string? str2)
    {
        int length = (str0?.Length ?? 0) + (str1?.Length ?? 0) + (str2?.Length ?? 0);
        if (length == 0) return Empty;
        char[] chars = new char[length];
        int at = 0;
        at = AppendTo(str0, chars, at);
        at = AppendTo(str1, chars, at);
        AppendTo(str2, chars, at);
        return NewString(chars);
    }

    public static string Concat(string? str0, string? str1, string? str2, string? str3)
    {
        int length = (str0?.Length ?? 0) + (str1?.Length ?? 0) + (str2?.Length ?? 0) + (str3?.Length ?? 0);
        if (length == 0) return Empty;
        char[] chars = new char[length];
        int at = 0;
        at = AppendTo(str0, chars, at);
        at = AppendTo(str1, chars, at);
        at = AppendTo(str2, chars, at);
        AppendTo(str3, chars, at);
        return NewString(chars);
    }

    public static string Concat(params string?[] values)
    {
        if (values is null) throw new ArgumentNullException(nameof(values));
        int length = 0;
        for (int i = 0; i < values.Length; i++) length += values[i]?.Length ?? 0;
        if (length == 0) return Empty;
        char[] chars = new char[length];
        int at = 0;
        for (int i = 0; i < values.Length; i++) at = AppendTo(values[i], chars, at);
        return NewString(chars);
    }

    public static string Concat(object? arg0, object? arg1) => Concat(arg0?.ToString(), arg1?.ToString());
    public static string Concat(object? arg0, object? arg1, object? arg2) =>
        Concat(arg0?.ToString(), arg1?.ToString(), arg2?.ToString());

    private static int AppendTo(string? s, char[] chars, int at)
    {
        if (s is null) return at;
        s.CopyTo(chars, at);
        return at + s.Length;
    }

    private void CopyTo(char[] destination, int at)
    {
        char[] chars = _chars;
        for (int i = 0; i < chars.Length; i++) destination[at + i] = chars[i];
    }

    public override bool Equals(object? obj) => obj is string s && EqualsOrdinal(this, s);
    public bool Equals(string? value) => value is not null && EqualsOrdinal(this, value);
    public static bool Equals(string? a, string? b) =>
        (object?)a == b || (a is not null && b is not null && EqualsOrdinal(a, b));
    public static bool operator ==(string? a, string? b) => Equals(a, b);
    public static bool operator !=(string? a, string? b) => !Equals(a, b);

    private static bool EqualsOrdinal(string a, string b)
    {
        if ((object)a == b) return true;
        char[] x = a._chars, y = b._chars;
        if (x.Length != y.Length) return false;
        for (int i = 0; i < x.Length; i++)
            if (x[i] != y[i]) return false;
        return true;
    }

    // Deterministic (no per-process seed, unlike .NET): nothing may depend on the value itself,
    // only on equal strings hashing alike.
    public override int GetHashCode()
    {
        char[] chars = _chars;
        uint h = 2166136261;
        for (int i = 0; i < chars.Length; i++) h = (h ^ chars[i]) * 16777619;
        return (int)h;
    }

    public override string ToString() => this;

    public static implicit operator ReadOnlySpan<char>(string? value) =>
        value is null ? default : new ReadOnlySpan<char>(value._chars, 0, value._chars.Length);
}
