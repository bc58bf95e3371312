// String literals: one object per distinct literal, and string.Intern of equal text returns that
// very object (the VM compares interned variant names by reference).
using Rusk.Aot.Interop;

namespace Rusk.Aot.Snippets;

public static class Literals
{
    [WasmExport("string_intern_finds_literals")]
    public static int InternFindsLiterals()
    {
        int r = ReferenceEquals(string.Intern(new string(new[] { 'S', 'o', 'm', 'e' })), "Some") ? 1 : 0;
        string other = new(new[] { 'z', 'q', 'x' });
        r += ReferenceEquals(string.Intern(other), other) ? 10 : 0;
        r += ReferenceEquals(string.Intern(new string(new[] { 'z', 'q', 'x' })), other) ? 100 : 0;
        r += ReferenceEquals(string.Intern(new string(new[] { 'S', 'o', 'm' })), "Som") ? 1000 : 0;
        r += ReferenceEquals(string.Intern(new string(new[] { 'S', 'o', 'm', 'e', 'x' })), "Some") ? 10000 : 0;
        r += ReferenceEquals(string.Intern(string.Empty), "") ? 100000 : 0;
        return r;
    }
}

/// <summary>Array initialisers of every primitive element type (RuntimeHelpers.InitializeArray from
/// RVA data: array.init_data from a passive data segment).</summary>
public static class ArrayInitialisers
{
    static readonly byte[] Bytes = { 1, 2, 3, 250, 251, 252, 253, 254 };
    static readonly sbyte[] SBytes = { -1, -2, 3, -128, 127, 0, 5, 6 };
    static readonly bool[] Bools = { true, false, true, true, false, false, true, false, true };
    static readonly char[] Chars = { 'a', 'é', '€', '\uffff', 'z', '0', '\n', 'Q' };
    static readonly short[] Shorts = { -1, -32768, 32767, 2, 3, 4, 5, 6 };
    static readonly ushort[] UShorts = { 65535, 1, 2, 3, 40000, 5, 6, 7 };
    static readonly int[] Ints = { -1, int.MinValue, int.MaxValue, 3, 4, 5, 6, 7 };
    static readonly uint[] UInts = { uint.MaxValue, 1, 2, 3, 4, 5, 6, 7 };
    static readonly long[] Longs = { -1, long.MinValue, long.MaxValue, 3, 4, 5, 6, 7 };
    static readonly ulong[] ULongs = { ulong.MaxValue, 1, 2, 3, 4, 5, 6, 7 };
    static readonly float[] Floats = { 1.5f, -0f, float.MaxValue, float.Epsilon, 3, 4, 5, 6 };
    static readonly double[] Doubles = { 1.5, -0.0, double.MaxValue, double.Epsilon, 3, 4, 5, 6 };

    [WasmExport("array_initialisers")]
    public static long Checksum()
    {
        long h = 17;
        void Mix(long x) => h = unchecked(h * 31 + x);
        foreach (var x in Bytes) Mix(x);
        foreach (var x in SBytes) Mix(x);
        foreach (var x in Bools) Mix(x ? 1 : 0);
        foreach (var x in Chars) Mix(x);
        foreach (var x in Shorts) Mix(x);
        foreach (var x in UShorts) Mix(x);
        foreach (var x in Ints) Mix(x);
        foreach (var x in UInts) Mix(x);
        foreach (var x in Longs) Mix(x);
        foreach (var x in ULongs) Mix((long)x);
        foreach (var x in Floats) Mix(System.BitConverter.SingleToInt32Bits(x));
        foreach (var x in Doubles) Mix(System.BitConverter.DoubleToInt64Bits(x));
        return h + Bytes.Length + Bools.Length + Doubles.Length;
    }
}
