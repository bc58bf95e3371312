// Our corlib compiled by rusk-aot and run in Node, against the real BCL on CoreCLR
// (Corlib/CorlibSnippetTests.cs): strings, collections, text, spans. Each export folds what it observed into one
// number, so a single differing character or element changes the result.
using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Text;
using Rusk.Aot.Interop;

namespace Rusk.Aot.CorlibSnippets;

public static class CorlibSnippets
{
    static int Hash(string s)
    {
        int h = s.Length;
        for (int i = 0; i < s.Length; i++) h = h * 31 + s[i];
        return h;
    }

    static string Text(int n) => n < 0 ? "neg" : "pos" + n.ToString();

    [WasmExport("corlib_string_concat")]
    public static int StringConcat()
    {
        string a = Text(7), b = Text(-1);
        string s = a + b + "!" + a;
        return Hash(s) + Hash(string.Concat(a, b, a, b)) + (s == "pos7neg!pos7" ? 1000 : 0) + (s != a ? 1 : 0);
    }

    [WasmExport("corlib_string_search")]
    public static int StringSearch()
    {
        string s = "Hello, World" + Text(42);
        return s.IndexOf('o') + 10 * s.IndexOf('o', 5, 5) + 100 * s.IndexOf('z') + Hash(s.Substring(3, 6)) +
            Hash(s.Substring(7)) + Hash(s.ToLowerInvariant()) + Hash(s.ToUpperInvariant()) + Hash(s.Replace('l', 'L')) +
            (s.Contains("World") ? 3 : 0) + (s.StartsWith('H') ? 5 : 0) + (s.EndsWith('2') ? 7 : 0);
    }

    [WasmExport("corlib_string_equality")]
    public static int StringEquality()
    {
        string a = new string('x', 3), b = "xx" + "x".Substring(0, 1);
        int r = 0;
        if (a == b) r += 1;
        if (a.Equals(b)) r += 2;
        if (a.Equals((object)b)) r += 4;
        if (a.GetHashCode() == b.GetHashCode()) r += 8;
        if (string.Equals(a, null)) r += 16;
        if (string.CompareOrdinal(a, "xxy") < 0) r += 32;
        if (string.IsNullOrEmpty("")) r += 64;
        return r + Hash(string.Join(", ", new[] { a, "y", b }));
    }

    [WasmExport("corlib_list")]
    public static int ListOps()
    {
        var list = new List<int>();
        for (int i = 0; i < 50; i++) list.Add((i * 37) % 23);
        list.Insert(3, 99);
        list.RemoveAt(10);
        list.RemoveRange(5, 4);
        list.Remove(99);
        list.Sort();
        int h = list.Count;
        foreach (int x in list) h = h * 31 + x;
        int[] arr = list.ToArray();
        return h + arr.Length + (list.Contains(22) ? 1 : 0) + list.IndexOf(5);
    }

    [WasmExport("corlib_dictionary")]
    public static int DictionaryOps()
    {
        var d = new Dictionary<string, int>();
        for (int i = 0; i < 40; i++) d["k" + (i % 17).ToString()] = i;
        d.Remove("k3");
        d.Remove("k9", out int nine);
        d.Add("new", 1);
        d.TryAdd("k1", 500);
        int h = d.Count * 1000 + nine;
        foreach (var kv in d) h = h * 31 + Hash(kv.Key) + kv.Value;
        foreach (string k in d.Keys) h += k.Length;
        if (d.TryGetValue("k5", out int v)) h += v;
        if (!d.ContainsKey("k3")) h += 7;
        return h;
    }

    [WasmExport("corlib_dictionary_missing_key")]
    public static int DictionaryMissingKey()
    {
        var d = new Dictionary<int, int> { [1] = 2 };
        try { return d[5]; }
        catch (KeyNotFoundException) { return -1; }
    }

    [WasmExport("corlib_hashset_stack")]
    public static int HashSetAndStack()
    {
        var set = new HashSet<(string, string)>();
        set.Add(("a", "b"));
        set.Add(("a", "b"));
        set.Add(("b", "a"));
        var refs = new HashSet<object>(ReferenceEqualityComparer.Instance);
        string s1 = Text(1), s2 = Text(1);
        refs.Add(s1);
        refs.Add(s2);
        var stack = new Stack<int>();
        for (int i = 0; i < 10; i++) stack.Push(i * i);
        int h = set.Count * 100 + refs.Count * 10 + stack.Count;
        while (stack.Count > 3) h = h * 7 + stack.Pop();
        return h + (set.Contains(("b", "a")) ? 1 : 0) + (set.Remove(("a", "b")) ? 2 : 0);
    }

    [WasmExport("corlib_string_builder")]
    public static int StringBuilderOps()
    {
        var sb = new StringBuilder();
        sb.Append("abc").Append('d').Append(42).Append(-7L).Append(3u).Append((ushort)9).Append('-', 3);
        sb.Insert(2, "XY").Insert(0, '[');
        sb[1] = 'A';
        sb.Append("0123456789", 2, 5);
        int h = Hash(sb.ToString()) + sb.Length;
        sb.Length = 4;
        h = h * 31 + Hash(sb.ToString());
        sb.Clear().Append("z");
        return h * 31 + Hash(sb.ToString()) + sb[0];
    }

    [WasmExport("corlib_integer_text")]
    public static int IntegerText()
    {
        int h = Hash(12345.ToString()) + Hash((-7).ToString()) + Hash(long.MinValue.ToString()) + Hash(ulong.MaxValue.ToString()) +
            Hash(255.ToString("x2")) + Hash((-1).ToString("X")) + Hash(((byte)7).ToString()) + Hash(((short)-5).ToString("D4"));
        if (int.TryParse(" -123 ", out int a)) h += a;
        if (!int.TryParse("2147483648", out _)) h += 1;
        if (long.TryParse("9223372036854775807", out long b)) h += (int)(b >> 40);
        if (uint.TryParse("4294967295", out uint c)) h += (int)(c >> 16);
        return h + int.Parse("77");
    }

    [WasmExport("corlib_interpolation")]
    public static int Interpolation()
    {
        int n = 255;
        long big = -1234567890123;
        string name = Text(3);
        return Hash($"n={n} hex={n:x4} big={big} name={name} c={'q'} b={true}");
    }

    [WasmExport("corlib_spans")]
    public static int Spans()
    {
        byte[] buf = new byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(buf.AsSpan(1), 0xDEADBEEF);
        BinaryPrimitives.WriteInt64LittleEndian(buf.AsSpan(6, 8), -2);
        BinaryPrimitives.WriteUInt16LittleEndian(buf.AsSpan(14), 0x1234);
        int h = (int)BinaryPrimitives.ReadUInt32LittleEndian(buf.AsSpan(1)) ^ (int)BinaryPrimitives.ReadInt64LittleEndian(buf.AsSpan(6));
        h += BinaryPrimitives.ReadUInt16LittleEndian(buf.AsSpan(14));
        ReadOnlySpan<byte> ro = buf;
        Span<byte> copy = new byte[5];
        ro.Slice(1, 5).CopyTo(copy);
        copy.Slice(3, 2).Clear();
        byte[] arr = copy.ToArray();
        h = h * 31 + arr[0] + arr[1] * 3 + arr[2] * 5 + arr[3] + (ro.IsEmpty ? 1 : 0) + ro.Length;
        h += ro.Slice(1, 4).SequenceEqual(buf.AsSpan(1, 4)) ? 11 : 0;
        return h + "hello".AsSpan(1, 3).ToString().Length + "hello".AsSpan().Length;
    }

    [WasmExport("corlib_array_statics")]
    public static int ArrayStatics()
    {
        int[] a = { 5, 1, 9, 3 };
        Array.Resize(ref a, 6);
        Array.Fill(a, 7, 4, 2);
        int[] sorted = { 1, 3, 5, 7, 9, 11 };
        int h = Array.IndexOf(a, 9) * 100 + Array.IndexOf(a, 42) + Array.BinarySearch(sorted, 7) * 10 + Array.BinarySearch(sorted, 4);
        int[] b = new int[8];
        Array.Copy(a, 1, b, 2, 4);
        Array.Clear(b, 3, 1);
        foreach (int x in b) h = h * 31 + x;
        return h + Array.Empty<string>().Length + a.Length;
    }

    [WasmExport("corlib_exceptions")]
    public static int Exceptions()
    {
        // Exception types and parameter names; the messages need Object.GetType, which rusk-aot
        // does not provide yet.
        int h = 0;
        var list = new List<int> { 1 };
        try { _ = list[3]; } catch (ArgumentOutOfRangeException e) { h += Hash(e.ParamName ?? "?"); }
        try { _ = new Stack<int>().Pop(); } catch (InvalidOperationException) { h = h * 31 + 1; }
        try { int.Parse("x1"); } catch (FormatException) { h = h * 31 + 2; }
        try { int.Parse("99999999999"); } catch (OverflowException) { h = h * 31 + 3; }
        try { _ = "abc".Substring(2, 5); } catch (ArgumentOutOfRangeException e) { h = h * 31 + Hash(e.ParamName ?? "?"); }
        try { new Dictionary<string, int> { ["a"] = 1 }.Add("a", 2); } catch (ArgumentException) { h = h * 31 + 4; }
        int? none = null;
        try { _ = none!.Value; } catch (InvalidOperationException) { h = h * 31 + 5; }
        return h;
    }

    [WasmExport("corlib_nullable_math")]
    public static long NullableAndMath()
    {
        int? a = 5, b = null;
        long h = a.GetValueOrDefault() + b.GetValueOrDefault(3) + (a.HasValue ? 10 : 0) + (b.HasValue ? 100 : 0);
        h += Math.Max(3, 9) + Math.Min(-2L, 4L) + Math.Abs(-12) + (long)Math.Max(1.5, -0.5) * 1000;
        h += char.IsHighSurrogate('\ud800') ? 1 : 0;
        h += Hash(char.ConvertFromUtf32(0x1F600)) + Hash(char.ConvertFromUtf32(65));
        h += BitConverter.DoubleToInt64Bits(1.0) >> 52;
        h += (long)System.Numerics.BitOperations.RotateLeft(0x80000001u, 4);
        return h + (double.IsNaN(0.0 / Id(0)) ? 1 : 0) + (double.IsNegative(-0.0) ? 2 : 0) + (double.IsInfinity(1 / Id(0)) ? 4 : 0);
    }

    static double Id(double x) => x;
}
