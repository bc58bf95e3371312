// Array.Copy / Array.Clear on statically typed arrays go through the compiler's checked, typed
// helpers: overlapping copies, struct elements copied by value, and .NET's exceptions for bad
// arguments (the helper falls back to the corlib's method to throw them).
using System;
using Rusk.Aot.Interop;

namespace Rusk.Aot.Snippets;

public static class TypedArrays
{
    struct P
    {
        public int X;
        public string? S;
    }

    static int Kind(Exception e) => e switch
    {
        ArgumentNullException => 1,
        ArgumentOutOfRangeException => 2,
        ArgumentException => 3,
        IndexOutOfRangeException => 4,
        _ => 9,
    };

    [WasmExport("typed_array_copy_clear")]
    public static long CopyClear()
    {
        long h = 0;
        var a = new[] { 1, 2, 3, 4, 5, 6 };
        Array.Copy(a, 0, a, 2, 3); // overlapping, upwards
        Array.Copy(a, 3, a, 1, 2); // overlapping, downwards
        foreach (var x in a) h = h * 10 + x;
        var ps = new P[4];
        for (int i = 0; i < 4; i++) ps[i] = new P { X = i + 1, S = "s" + i };
        var qs = new P[4];
        Array.Copy(ps, qs, 4);
        ps[0].X = 99; // qs holds copies
        h = h * 7 + qs[0].X;
        Array.Clear(qs, 1, 2);
        h = h * 7 + qs[1].X + (qs[2].S == null ? 100 : 0) + qs[3].X + (qs[3].S == "s3" ? 1000 : 0);
        Array.Copy(qs, 0, qs, 1, 3);
        h = h * 7 + qs[1].X + qs[2].X * 10;
        int[]? none = null;
        long codes = 0;
        foreach (var bad in new Action[]
        {
            () => Array.Copy(a, 4, a, 0, 5),
            () => Array.Copy(a, 0, a, 4, 5),
            () => Array.Copy(a, -1, a, 0, 1),
            () => Array.Copy(a, 0, a, 0, -1),
            () => Array.Copy(none!, a, 1),
            () => Array.Copy(a, none!, 1),
            () => Array.Copy(a, new int[2], 3),
            () => Array.Clear(a, 5, 2),
            () => Array.Clear(none!, 0, 0),
            () => Array.Clear(a, -1, 1),
        })
        {
            try { bad(); codes = codes * 10 + 0; }
            catch (Exception e) { codes = codes * 10 + Kind(e); }
        }
        return h * 31 + codes;
    }
}
