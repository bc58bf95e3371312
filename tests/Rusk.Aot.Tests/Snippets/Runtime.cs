// Snippets over the corlib and the compiler's intrinsics: generic collections, arrays seen as
// System.Array or IReadOnlyList<T>, GetType, MemberwiseClone, identity hashes, strings.
using System.Collections.Generic;
using Rusk.Aot.Interop;

namespace Rusk.Aot.Snippets;

public sealed class Pair
{
    public int A; public long B; public Point P; public string? S;
    public Pair Copy() => (Pair)MemberwiseClone();
}

public static class Runtime
{
    [WasmExport("list")]
    public static int ListOps()
    {
        var l = new List<int>();
        for (int i = 0; i < 20; i++) l.Add(i * 3);
        l.RemoveAt(0);
        int s = 0;
        foreach (var x in l) s += x;
        return s * 100 + l.Count + l[5] + (l.Contains(27) ? 1000000 : 0);
    }

    [WasmExport("dictionary")]
    public static int DictionaryOps()
    {
        var d = new Dictionary<string, int>();
        string[] keys = { "alpha", "beta", "gamma", "alpha", "delta", "beta" };
        foreach (var k in keys) d[k] = d.TryGetValue(k, out int v) ? v + 1 : 1;
        int s = 0;
        foreach (var kv in d) s = s * 7 + kv.Value + kv.Key.Length;
        return s + d.Count * 1000 + (d.ContainsKey("zeta") ? 1 : 0);
    }

    [WasmExport("array_as_base")]
    public static int ArrayAsBase()
    {
        int[] a = { 1, 2, 3, 4, 5 };
        var b = new int[5];
        System.Array arr = a;
        System.Array.Copy(a, 1, b, 0, 4);
        System.Array.Copy(a, 0, a, 1, 4);   // overlapping, upward
        System.Array.Clear(b, 3, 1);
        var c = (int[])a.Clone();
        c[0] = 99;
        var pts = new Point[3];
        pts[0].X = 4;
        System.Array.Copy(pts, 0, pts, 1, 2);
        pts[0].X = 5;
        return arr.Length * 100000 + b[0] * 10000 + b[3] * 1000 + a[1] * 100 + a[0] * 10 + c[0] + pts[1].X * 1000000 + pts[2].X * 10000000;
    }

    static int Total(IReadOnlyList<int> xs) { int s = 0; for (int i = 0; i < xs.Count; i++) s += xs[i]; foreach (var x in xs) s += x; return s; }

    [WasmExport("array_interfaces")] public static int ArrayInterfacesOps() => Total(new[] { 1, 2, 3 }) + Total(new List<int> { 10, 20 }) + (((object)new int[0]) is IEnumerable<int> ? 1000 : 0);

    [WasmExport("get_type")]
    public static int GetTypeName()
    {
        object o = new Pair();
        string n = o.GetType().Name;
        return n.Length * 100 + n[0] + (ReferenceEquals(o.GetType(), new Pair().GetType()) ? 1000 : 0);
    }

    [WasmExport("memberwise_clone")]
    public static long MemberwiseCloneOps()
    {
        var p = new Pair { A = 3, B = 1L << 40, P = new Point(1, 2), S = "x" };
        var q = p.Copy();
        q.P.X = 50; q.A = 4;
        return p.A + p.B + p.P.X * 10 + q.A * 100 + q.P.X * 1000 + (ReferenceEquals(p.S, q.S) ? 1 : 0) + (ReferenceEquals(p, q) ? 7 : 0);
    }

    [WasmExport("identity_hash")]
    public static int IdentityHash()
    {
        object a = new Pair(), b = new Pair();
        int ha = System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(a);
        return (ha == System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(a) ? 1 : 0) + (ha == a.GetHashCode() ? 2 : 0)
            + (System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(null!) == 0 ? 4 : 0) + (ha != System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(b) ? 8 : 0);
    }

    [WasmExport("string_ops")]
    public static int StringOps()
    {
        string s = "rusk" + 42 + "-" + "vm";
        string t = $"{s}:{7}";
        return t.Length * 1000 + t[5] + (t == "rusk42-vm:7" ? 100 : 0) + (s.IndexOf('-') * 10000);
    }
}

/// <summary>The decoder's header check (RbcReader.ReadHeader): byte spans over a static array and a slice.</summary>
public static class Spans
{
    static readonly byte[] Magic = { (byte)'R', (byte)'U', (byte)'S', (byte)'K', (byte)'B', (byte)'C', (byte)'0', 0 };

    [WasmExport("span_sequence_equal")]
    public static int SequenceEqualOverStaticArray()
    {
        byte[] input = { 0x52, 0x55, 0x53, 0x4b, 0x42, 0x43, 0x30, 0x00, 7 };
        System.ReadOnlySpan<byte> bytes = input;
        System.ReadOnlySpan<byte> magic = Magic;
        int have = System.Math.Min(bytes.Length, magic.Length);
        int r = System.MemoryExtensions.SequenceEqual(bytes.Slice(0, have), magic.Slice(0, have)) ? 1 : 0;
        r = r * 10 + (bytes[3] == magic[3] ? 1 : 0);
        r = r * 10 + (magic[7] == 0 ? 1 : 0);
        r = r * 10 + ((byte)0x4b).Equals(magic[3]).GetHashCode() % 7;
        return r * 100 + have;
    }

    [WasmExport("span_elements")]
    public static int SpanElements()
    {
        byte[] input = { 0x52, 0x55, 0x53, 0x4b, 0x42, 0x43, 0x30, 0x00, 7 };
        System.ReadOnlySpan<byte> bytes = input;
        System.ReadOnlySpan<byte> magic = Magic;
        return input[3] * 1000000 + Magic[3] * 1000 + bytes[3] + magic[7] * 100000000 + Magic.Length * 10000000;
    }

    /// <summary>RbcReader.GroupByType's shape: arrays of structs made in a loop, elements stored by copy.</summary>
    [WasmExport("struct_arrays_in_a_loop")]
    public static int StructArraysInALoop()
    {
        var rows = new Point[3][];
        for (int t = 0; t < rows.Length; t++) rows[t] = new Point[t + 2];
        int s = 0;
        for (int t = 0; t < rows.Length; t++)
        {
            for (int i = 0; i < rows[t].Length; i++)
            {
                rows[t][i] = new Point(t, i);
                s += rows[t][i].X * 10 + rows[t][i].Y;
            }
        }
        return s;
    }

    [WasmExport("byte_equals")]
    public static int ByteEquals()
    {
        byte a = 0x52, b = 0x52, c = 0x53;
        return (a.Equals(b) ? 1 : 0) * 10 + (a.Equals(c) ? 1 : 0);
    }
}
