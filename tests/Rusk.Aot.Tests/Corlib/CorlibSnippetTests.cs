// Our corlib compiled to wasm against the real BCL: every [WasmExport] of Rusk.Aot.CorlibSnippets
// is compiled by rusk-aot (with Rusk.Aot.Runtime as the corlib), run in Node 26 and by reflection
// on CoreCLR; the numbers must agree. While rusk-aot cannot compile the module yet, each case is
// ignored (counted as skipped) with the compiler's errors, so the gap stays visible in the summary.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Reflection;
using NUnit.Framework;
using Rusk.Aot.Interop;

namespace Rusk.Aot.Tests.Corlib;

[TestFixture]
public sealed class CorlibSnippetTests
{
    static readonly Assembly Snippets = typeof(Rusk.Aot.CorlibSnippets.CorlibSnippets).Assembly;
    static readonly Lazy<(Dictionary<string, string> Results, string Errors)> Run = new(CompileAndRun);

    static IEnumerable<MethodInfo> Exports()
    {
        foreach (var t in Snippets.GetTypes())
            foreach (var m in t.GetMethods(BindingFlags.Public | BindingFlags.Static))
                if (m.GetCustomAttribute<WasmExportAttribute>() is not null) yield return m;
    }

    public static IEnumerable<TestCaseData> Cases(string suffix)
    {
        foreach (var m in Exports())
        {
            string name = m.GetCustomAttribute<WasmExportAttribute>()!.Name;
            yield return new TestCaseData(name, m).SetName(name + suffix);
        }
    }

    [TestCaseSource(nameof(Cases), new object[] { "" })]
    public void Corlib_snippet_agrees_with_the_BCL(string export, MethodInfo method)
    {
        var (results, errors) = Run.Value;
        if (errors.Length > 0) Assert.Ignore("rusk-aot cannot compile the corlib snippets yet:\n" + errors);
        string expected = Convert.ToString(method.Invoke(null, null), System.Globalization.CultureInfo.InvariantCulture)!;
        Assert.That(results.TryGetValue(export, out var actual), Is.True, $"export {export} missing from the module");
        Assert.That(actual, Is.EqualTo(expected), $"{method.Name}: wasm (our corlib) vs CoreCLR (the BCL)");
    }

    // The CoreCLR half on its own: every snippet returns a number on the real BCL (a snippet that
    // throws there would compare nothing).
    [TestCaseSource(nameof(Cases), new object[] { " on CoreCLR" })]
    public void Corlib_snippet_runs_on_CoreCLR(string export, MethodInfo method)
    {
        object? result = method.Invoke(null, null);
        Assert.That(result, Is.TypeOf<int>().Or.TypeOf<long>(), export);
    }

    static (Dictionary<string, string>, string) CompileAndRun()
    {
        string dir = Path.Combine(Path.GetTempPath(), "rusk-aot-corlib-snippets-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        var o = new BuildOptions
        {
            Entry = Snippets.Location,
            Corlib = SnippetTests.Corlib(),
            Output = Path.Combine(dir, "corlib-snippets.wasm"),
            Opt = "-O1",
        };
        o.Refs.Add(typeof(WasmExportAttribute).Assembly.Location);
        var err = new StringWriter();
        var results = new Dictionary<string, string>();
        if (Program.Build(o, TextWriter.Null, err) != 0) return (results, err.ToString());
        var psi = new ProcessStartInfo(SnippetTests.Node()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "run-exports.mjs"));
        psi.ArgumentList.Add(o.Output);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Directory.Delete(dir, true);
        // A module that compiled but does not run is a failure, not a compiler gap.
        Assert.That(p.ExitCode, Is.Zero, "node: " + stderr.Result);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            int i = line.IndexOfAny(new[] { '=', '!' });
            results[line[..i]] = line[i] == '!' ? line[i..] : line[(i + 1)..];
        }
        return (results, "");
    }
}
