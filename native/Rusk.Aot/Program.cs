// rusk-aot command line (docs/aot.md): load the program and the corlib, mark everything reachable
// from the [WasmExport] methods, emit WAT, and let binaryen's wasm-opt assemble, validate and
// optimise it into the .wasm.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Reflection.Metadata;
using Rusk.Aot.Codegen;
using Rusk.Aot.Reachability;
using Rusk.Aot.TypeSystem;
using Rusk.Aot.Wasm;

namespace Rusk.Aot;

internal sealed class BuildOptions
{
    public string? Entry, Corlib, Output, Wat, Why;
    public readonly List<string> Refs = new();
    public string Opt = "-O3";
}

internal static class Program
{
    const string Usage = "usage: rusk-aot build --entry X.dll [--ref DIR|DLL]... --corlib Rusk.Aot.Runtime.dll -o out.wasm [--wat out.wat] [--why NAME] [-O0|-Os|-O3]";

    static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] != "build") { Console.Error.WriteLine("rusk-aot: " + Usage); return 2; }
        var o = new BuildOptions();
        for (int i = 1; i < args.Length; i++)
        {
            string a = args[i];
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{a} needs a value");
            try
            {
                switch (a)
                {
                    case "--entry": o.Entry = Next(); break;
                    case "--ref": case "--refs": o.Refs.Add(Next()); break;
                    case "--corlib": o.Corlib = Next(); break;
                    case "-o": o.Output = Next(); break;
                    case "--wat": o.Wat = Next(); break;
                    case "--why": o.Why = Next(); break;
                    case "-O0": case "-Os": case "-O3": case "-O2": case "-O1": case "-Oz": o.Opt = a; break;
                    default: Console.Error.WriteLine($"rusk-aot: unknown option {a}\n{Usage}"); return 2;
                }
            }
            catch (ArgumentException e) { Console.Error.WriteLine("rusk-aot: " + e.Message); return 2; }
        }
        if (o.Entry == null || o.Corlib == null || (o.Output == null && o.Wat == null))
        {
            Console.Error.WriteLine("rusk-aot: " + Usage);
            return 2;
        }
        return Build(o, Console.Out, Console.Error);
    }

    /// <summary>The whole pipeline; returns the exit code (0 ok, 1 compile errors).</summary>
    public static int Build(BuildOptions o, TextWriter stdout, TextWriter stderr)
    {
        var sw = Stopwatch.StartNew();
        var errors = new List<string>();
        string? wat = Compile(o, errors, stdout);
        foreach (var e in errors) stderr.WriteLine("rusk-aot: error: " + e);
        if (wat == null) return 1;
        string watPath = o.Wat ?? Path.ChangeExtension(o.Output!, ".wat");
        File.WriteAllText(watPath, wat);
        if (o.Output != null)
        {
            int code; string output;
            try { (code, output) = RunWasmOpt(watPath, o.Output, o.Opt); }
            catch (Exception e) when (e is CompileError or System.ComponentModel.Win32Exception)
            {
                stderr.WriteLine("rusk-aot: error: " + e.Message);
                return 1;
            }
            if (code != 0)
            {
                stderr.WriteLine("rusk-aot: error: wasm-opt rejected the module (a compiler bug):\n" + output);
                return 1;
            }
            if (o.Wat == null) File.Delete(watPath);
            stdout.WriteLine($"rusk-aot: {o.Output}: {new FileInfo(o.Output).Length} bytes in {sw.ElapsedMilliseconds} ms");
        }
        return 0;
    }

    /// <summary>Front to back up to WAT text; null when there were errors (added to <paramref name="errors"/>).</summary>
    public static string? Compile(BuildOptions o, List<string> errors, TextWriter stdout)
    {
        TypeSystemContext ts;
        try
        {
            var program = new List<string> { o.Entry! };
            foreach (var r in o.Refs)
            {
                if (Directory.Exists(r)) foreach (var f in Directory.GetFiles(r, "*.dll")) { if (IsProgramAssembly(f, o.Corlib!)) program.Add(f); }
                else program.Add(r);
            }
            ts = new TypeSystemContext(program, o.Corlib);
        }
        catch (Exception e) when (e is CompileError or IOException or BadImageFormatException)
        {
            errors.Add(e.Message);
            return null;
        }
        var analysis = new Analysis(ts);
        var entry = ts.Program[0];
        foreach (var th in entry.Md.TypeDefinitions)
        {
            var td = entry.Md.GetTypeDefinition(th);
            foreach (var mh in td.GetMethods())
            {
                var md = entry.Md.GetMethodDefinition(mh);
                foreach (var ah in md.GetCustomAttributes())
                {
                    var a = entry.Md.GetCustomAttribute(ah);
                    if (Virtuals.AttributeName(entry.Md, a) != "Rusk.Aot.Interop.WasmExportAttribute") continue;
                    var blob = entry.Md.GetBlobReader(a.Value);
                    blob.ReadUInt16(); // prolog
                    string name = blob.ReadSerializedString() ?? "";
                    try
                    {
                        var m = ts.MethodOf(ts.DefTypeOf(entry, th, Array.Empty<TypeDesc>()), mh, Array.Empty<TypeDesc>());
                        CheckExportSignature(m);
                        analysis.AddExport(name, m);
                    }
                    catch (CompileError e) { errors.Add(e.Message); }
                }
            }
        }
        if (analysis.Exports.Count == 0) errors.Add($"{entry.Name} has no [WasmExport] methods");
        analysis.Run();
        errors.AddRange(analysis.Errors);
        stdout.WriteLine($"rusk-aot: {analysis.Graph.Count} graph nodes, {analysis.Bodies.Count} method bodies imported, {analysis.Errors.Count} reachability errors");
        if (o.Why != null) stdout.Write(analysis.Graph.Why(o.Why));
        // Code generation runs even after reachability errors, so one build lists every error; a
        // call to a method that failed to import is a consequence, not a new error.
        bool reachErrors = errors.Count > 0;
        var mb = new ModuleBuilder(ts, analysis);
        try { mb.Build(); }
        catch (CompileError e) { if (!reachErrors) errors.Add(e.Message); }
        foreach (var e in mb.Errors)
            if (!(reachErrors && e.Contains(" was not compiled "))) errors.Add(e);
        stdout.WriteLine($"rusk-aot: {mb.Module.Functions.Count} functions generated, {mb.Errors.Count} code generation errors");
        if (errors.Count > 0) return null;
        return WatWriter.Write(mb.Module);
    }

    static bool IsProgramAssembly(string path, string corlib)
    {
        string n = Path.GetFileNameWithoutExtension(path);
        if (Path.GetFullPath(path) == Path.GetFullPath(corlib)) return false;
        return !(n.StartsWith("System.") || n.StartsWith("Microsoft.") || n is "System" or "mscorlib" or "netstandard" || n.StartsWith("nunit", StringComparison.OrdinalIgnoreCase));
    }

    static void CheckExportSignature(MethodDesc m)
    {
        if (!m.IsStatic) throw new CompileError($"[WasmExport] method {m} must be static");
        bool Number(TypeDesc t) => t is DefType { Prim: not null and not PrimitiveTypeCode.IntPtr and not PrimitiveTypeCode.UIntPtr };
        foreach (var p in m.Sig.Params) if (!Number(p)) throw new CompileError($"[WasmExport] method {m}: parameter type {p} is not a number");
        if (!Number(m.Sig.Return)) throw new CompileError($"[WasmExport] method {m}: return type {m.Sig.Return} is not a number or void");
    }

    /// <summary>wasm-opt from npm (binaryen): $RUSK_WASM_OPT, else node_modules/.bin above the working directory or this program.</summary>
    public static string FindWasmOpt()
    {
        var env = Environment.GetEnvironmentVariable("RUSK_WASM_OPT");
        if (!string.IsNullOrEmpty(env)) return env;
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var d = new DirectoryInfo(start); d != null; d = d.Parent)
            {
                var p = Path.Combine(d.FullName, "node_modules", ".bin", "wasm-opt");
                if (File.Exists(p)) return p;
            }
        throw new CompileError("wasm-opt not found (run `make setup`, or set RUSK_WASM_OPT)");
    }

    static (int, string) RunWasmOpt(string wat, string output, string opt)
    {
        var psi = new ProcessStartInfo(FindWasmOpt())
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { wat, "-o", output, "--enable-gc", "--enable-reference-types", "--enable-exception-handling",
                     "--enable-multivalue", "--enable-bulk-memory", "--enable-sign-ext", "--enable-nontrapping-float-to-int",
                     "--enable-tail-call", "--closed-world", opt })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var errTask = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout + errTask.Result);
    }
}
