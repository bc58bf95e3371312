// rusk-perf: the browser half of `make bench` (see PerfOptions.Usage and perf/README.md). Exit 0
// when every engine that had a port gave the right result, 1 when any failed, 2 for usage errors.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using Rusk.Perf.Benchmarks;
using Rusk.Perf.Browser;
using Rusk.Perf.Results;

namespace Rusk.Perf;

static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var options = PerfOptions.Parse(args);
        if (options == null) return Array.IndexOf(args, "--help") >= 0 || Array.IndexOf(args, "-h") >= 0 ? 0 : 2;
        try
        {
            return await RunAsync(options);
        }
        catch (Exception e) when (e is IOException or FormatException or JsonException or InvalidOperationException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"rusk-perf: {e.Message}");
            return 1;
        }
    }

    static async Task<int> RunAsync(PerfOptions o)
    {
        var clock = Stopwatch.StartNew();
        var engines = new List<Engine>();
        if (o.Engines == null) engines.AddRange(Engine.Browser);
        else
            foreach (var name in o.Engines)
                engines.Add(Engine.Find(name) ?? throw new FormatException($"--engines: unknown engine `{name}` ({string.Join(", ", EngineNames())})"));

        var specs = BenchmarkList.Read(o.BenchmarksFile, o.Corpus, o.Quick, o.Filter);
        if (specs.Count == 0) throw new InvalidOperationException($"no benchmark matches `{o.Filter}`");
        var stage = new Stage(Path.Combine(o.OutDir, "stage"));
        var benchmarks = new List<BenchmarkResult>();
        foreach (var s in specs)
        {
            var r = new BenchmarkResult(s);
            benchmarks.Add(r);
            try { stage.Add(s); }
            catch (Exception e) when (e is IOException or FormatException)
            {
                foreach (var en in engines) r.Engines[en.Name] = EngineResult.Fail(e.Message);
            }
        }
        Directory.CreateDirectory(o.OutDir);
        if (o.Traces)
        {
            string traces = Path.Combine(o.OutDir, "traces");
            if (Directory.Exists(traces)) Directory.Delete(traces, true);
            Directory.CreateDirectory(traces);
        }

        Console.WriteLine($"rusk-perf: {specs.Count} benchmarks ({(o.Quick ? "quick" : "large")} size) on {string.Join(", ", engines.ConvertAll(e => e.Name))}; " +
            $"{o.Warmup} warm-up + {o.Runs} interleaved runs{(o.Traces ? ", traces" : "")}, {o.ColdRuns} cold starts");
        RunReport report;
        await using (var browser = await PerfBrowser.StartAsync(stage.Dir))
        {
            report = new RunReport { Options = o, Chromium = browser.Version, Benchmarks = benchmarks, BrowserEngines = engines };
            Console.WriteLine($"Chromium {browser.Version} started ({clock.Elapsed.TotalSeconds:F1} s)");
            var bench = new BrowserBench(browser, o, stage);
            foreach (var b in benchmarks)
            {
                var todo = new List<Engine>();
                foreach (var e in engines) if (!b.Engines.ContainsKey(e.Name)) todo.Add(e);
                var t = Stopwatch.StartNew();
                await bench.RunAsync(b, todo);
                PrintBenchmark(b, engines, t.Elapsed.TotalSeconds);
            }
            await bench.CloseAsync();
            if (o.ColdRuns > 0)
            {
                var t = Stopwatch.StartNew();
                var sizes = new CompressedSizes(Path.Combine(o.OutDir, "compressed-sizes.json"));
                var cold = await ColdStart.RunAsync(browser, engines, o.ColdRuns, sizes);
                sizes.Save();
                foreach (var (k, v) in cold) report.ColdStart[k] = v;
                Console.WriteLine($"cold starts and page bytes ({t.Elapsed.TotalSeconds:F1} s)");
            }
        }

        Console.WriteLine($"browser closed ({clock.Elapsed.TotalSeconds:F1} s)");
        report.DotnetRuns["dotnet"] = DotnetResults.Merge(o.DotnetFile!, "dotnet", o.Quick, benchmarks);
        report.DotnetRuns["dotnet-nolimit"] = DotnetResults.Merge(Path.ChangeExtension(o.DotnetFile!, null) + "-nolimit.json", "dotnet-nolimit", o.Quick, benchmarks);
        report.DotnetRuns["dotnet-aot"] = DotnetResults.Merge(o.DotnetAotFile!, "dotnet-aot", o.Quick, benchmarks);
        report.WallSeconds = clock.Elapsed.TotalSeconds;

        File.WriteAllText(Path.Combine(o.OutDir, "results.json"), ResultsJson.Write(report));
        string md = ResultsMarkdown.Write(report);
        File.WriteAllText(Path.Combine(o.OutDir, "results.md"), md);
        File.WriteAllText(Path.Combine(o.OutDir, "results.svg"), RatioChart.Write(report));
        PrintSummary(report);
        Console.WriteLine($"wrote {Path.Combine(o.OutDir, "results.md")}, results.json, results.svg ({report.WallSeconds:F0} s)");

        bool failed = false;
        foreach (var b in benchmarks)
            foreach (var r in b.Engines.Values)
                if (r.Error != null) failed = true;
        return failed ? 1 : 0;
    }

    static List<string> EngineNames()
    {
        var names = new List<string>();
        foreach (var e in Engine.Browser) names.Add(e.Name);
        return names;
    }

    static void PrintBenchmark(BenchmarkResult b, List<Engine> engines, double seconds)
    {
        var parts = new List<string>();
        foreach (var e in engines)
        {
            var r = b.Engines[e.Name];
            parts.Add(r.Error != null ? $"{e.Name} ERROR" : r.Skipped != null ? $"{e.Name} –" : $"{e.Name} {Stats.Ms(r.Median)}");
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{b.Spec.Name,-28} {string.Join("  ", parts)}   ({seconds:F1} s)"));
        foreach (var e in engines)
            if (b.Engines[e.Name].Error is string err) Console.WriteLine($"    {e.Name}: {err}");
    }

    static void PrintSummary(RunReport report)
    {
        var line = new List<string>();
        foreach (var (a, b) in RunReport.VersusJs)
        {
            var (g, n) = report.Geomean(a, b);
            if (n > 0) line.Add($"{a} {Stats.Ratio(g)}×");
        }
        Console.WriteLine($"geomean time / plain JS: {string.Join(", ", line)}");
        line.Clear();
        foreach (var (a, b) in RunReport.VersusPeers)
        {
            var (g, n) = report.Geomean(a, b);
            if (n > 0) line.Add($"{a}/{b} {Stats.Ratio(g)}");
        }
        Console.WriteLine($"geomean ratios: {string.Join(", ", line)}");
    }
}
