// The folder the pages fetch programs and ports from (/stage/ on the server): each benchmark's
// program as .rbc (micro .rasm assembled here with our assembler), its ports, and the trivial
// program of the cold-start measurement.
using System;
using System.IO;
using Rusk.Vm.Format;
using Rusk.Vm.Text;

namespace Rusk.Perf.Benchmarks;

sealed class Stage
{
    public string Dir { get; }

    public Stage(string dir)
    {
        Dir = dir;
        if (Directory.Exists(dir)) Directory.Delete(dir, true);
        Directory.CreateDirectory(dir);
        File.WriteAllBytes(Path.Combine(dir, "trivial.rbc"), RbcWriter.Encode(Assembler.Assemble("""
            ; cold start: the smallest program that gives a result
            fn main params 0 {
                r0 = const 42
                return r0
            }
            """)));
    }

    /// <summary>Copies (or assembles) the benchmark's files; throws with the file named when one is unusable.</summary>
    public void Add(BenchmarkSpec b)
    {
        byte[] rbc;
        if (b.Program.EndsWith(".rasm", StringComparison.Ordinal))
        {
            try { rbc = RbcWriter.Encode(Assembler.Assemble(File.ReadAllText(b.Program))); }
            catch (AsmException e) { throw new FormatException($"{b.Program}: {e.Message}", e); }
        }
        else
        {
            rbc = File.ReadAllBytes(b.Program);
        }
        File.WriteAllBytes(Path.Combine(Dir, b.Name + ".rbc"), rbc);
        if (b.JsPort != null && File.Exists(b.JsPort)) File.Copy(b.JsPort, Path.Combine(Dir, b.Name + ".js"));
        if (b.LuaPort != null && File.Exists(b.LuaPort)) File.Copy(b.LuaPort, Path.Combine(Dir, b.Name + ".lua"));
    }

    public static string RbcUrl(BenchmarkSpec b) => $"/stage/{b.Name}.rbc";
    public static string JsUrl(BenchmarkSpec b) => $"/stage/{b.Name}.js";
    public static string LuaUrl(BenchmarkSpec b) => $"/stage/{b.Name}.lua";
}
