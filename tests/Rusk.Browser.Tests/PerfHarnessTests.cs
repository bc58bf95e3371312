// `make bench`'s browser harness (perf/Rusk.Perf) end to end at QUICK size on one micro-benchmark:
// every engine (our VM on the main thread and in a Worker, plain JS, QuickJS, Lua) gives the
// expected result from perf/benchmarks.json and is timed; the same benchmark with a wrong expected
// value is an error on every engine and never timed; the reports are written.
using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using NUnit.Framework;

namespace Rusk.Browser.Tests;

[TestFixture]
public sealed class PerfHarnessTests
{
    static readonly string[] Engines = { "rusk", "rusk-worker", "js", "quickjs", "lua" };

    static string RuskPerf
    {
        get
        {
            // The same configuration as this test binary (.build/bin/Rusk.Browser.Tests/<cfg>/).
            string cfg = Path.GetFileName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
            return Path.Combine(Paths.RepoRoot, ".build", "bin", "Rusk.Perf", cfg, "rusk-perf.dll");
        }
    }

    /// <summary>perf/benchmarks.json's micro_dispatch with absolute paths, and a copy expecting "1".</summary>
    static string BenchmarksFile(string dir)
    {
        var list = JsonNode.Parse(File.ReadAllText(Path.Combine(Paths.RepoRoot, "perf", "benchmarks.json")))!["benchmarks"]!.AsArray();
        JsonObject? source = null;
        foreach (var b in list) if ((string?)b!["name"] == "micro_dispatch") source = b.AsObject();
        Assert.That(source, Is.Not.Null, "perf/benchmarks.json lists micro_dispatch");
        JsonObject Copy(string name, string? expected)
        {
            var c = JsonNode.Parse(source!.ToJsonString())!.AsObject();
            c["name"] = name;
            foreach (var key in new[] { "rbc", "quickRbc" }) c[key] = Path.Combine(Paths.RepoRoot, (string)c[key]!);
            var ports = c["ports"]!.AsObject();
            foreach (var key in new[] { "js", "lua" }) ports[key] = Path.Combine(Paths.RepoRoot, (string)ports[key]!);
            if (expected != null) c["quickExpected"] = expected;
            return c;
        }
        string file = Path.Combine(dir, "benchmarks.json");
        File.WriteAllText(file, new JsonObject { ["benchmarks"] = new JsonArray(Copy("micro_dispatch", null), Copy("micro_dispatch_wrong", "1")) }.ToJsonString());
        return file;
    }

    [Test]
    public void Every_engine_is_timed_and_a_wrong_result_is_an_error_never_timed()
    {
        Assert.That(File.Exists(RuskPerf), Is.True, $"{RuskPerf} (built with the solution)");
        string dir = Path.Combine(Path.GetTempPath(), $"rusk-perf-test-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            string none = Path.Combine(dir, "no-dotnet.json");
            var (exit, output) = Run("--quick", "--benchmarks", BenchmarksFile(dir), "--out", Path.Combine(dir, "out"),
                "--dotnet", none, "--dotnet-aot", none);
            Assert.That(exit, Is.EqualTo(1), "a wrong result makes the run fail\n" + output);

            using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "out", "results.json")));
            var benchmarks = doc.RootElement.GetProperty("benchmarks");
            Assert.That(benchmarks.GetArrayLength(), Is.EqualTo(2));
            var good = benchmarks[0].GetProperty("engines");
            var wrong = benchmarks[1].GetProperty("engines");
            foreach (var e in Engines)
            {
                var r = good.GetProperty(e);
                Assert.That(r.TryGetProperty("error", out var err), Is.False, $"{e}: {err}\n{output}");
                Assert.That(r.GetProperty("timesMs").GetArrayLength(), Is.EqualTo(2), e);
                Assert.That(r.GetProperty("medianMs").GetDouble(), Is.GreaterThan(0), e);

                var w = wrong.GetProperty(e);
                Assert.That(w.GetProperty("error").GetString(), Does.StartWith("wrong result: expected `1`, got `"), e);
                Assert.That(w.TryGetProperty("timesMs", out _), Is.False, $"{e}: a wrong result is never timed");
            }
            Assert.That(good.GetProperty("dotnet").GetProperty("skipped").GetString(), Does.Contain("no-dotnet.json"));
            Assert.That(benchmarks[0].GetProperty("ratios").TryGetProperty("rusk/js", out _), Is.True);

            string md = File.ReadAllText(Path.Combine(dir, "out", "results.md"));
            Assert.That(md, Does.Contain("### micro_dispatch_wrong").And.Contain("**error**: wrong result"));
            var svg = new XmlDocument();
            svg.Load(Path.Combine(dir, "out", "results.svg")); // well-formed
            Assert.That(svg.DocumentElement!.LocalName, Is.EqualTo("svg"));
        }
        finally
        {
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }

    static (int Exit, string Output) Run(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        psi.ArgumentList.Add(RuskPerf);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            p.Kill(true);
            Assert.Fail("rusk-perf did not finish within 5 minutes");
        }
        return (p.ExitCode, stdout.Result + stderr.Result);
    }
}
