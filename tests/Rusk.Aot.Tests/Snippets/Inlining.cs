// Inlining hints: the compiler marks cold code never-inline for wasm-opt (SnippetTests checks the
// WAT); the export also checks the helpers still compute what CoreCLR computes.
using System;
using System.Runtime.CompilerServices;
using Rusk.Aot.Interop;

namespace Rusk.Aot.Snippets;

public static class Inlining
{
    static int Twice(int x) => x * 2;

    [MethodImpl(MethodImplOptions.NoInlining)]
    static int Thrice(int x) => x * 3;

    static InvalidOperationException Problem(int x) => new("bad " + x);

    static int Refuse(int x) => throw new ArgumentException("refused " + x);

    [WasmExport("inlining_hints")]
    public static int Hints()
    {
        int r = Twice(2) + Thrice(3);
        try { if (r > 10) throw Problem(r); }
        catch (InvalidOperationException e) { r += e.Message.Length; }
        try { r += Refuse(r); }
        catch (ArgumentException e) { r += e.Message.Length * 100; }
        return r;
    }
}
