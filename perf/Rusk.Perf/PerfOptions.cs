// Command-line settings of rusk-perf; --quick changes the defaults (small sizes, fewer runs, no
// traces, fewer cold starts) so that `make bench QUICK=1` stays under two minutes.
using System;
using System.Collections.Generic;
using System.IO;

namespace Rusk.Perf;

sealed class PerfOptions
{
    public const string Usage = """
        usage: rusk-perf [--quick] [--runs N] [--warmup N] [--cold N] [--no-traces] [--reuse-pages] [--filter S]
                         [--engines a,b,...] [--max-run-ms N] [--budget-ms N] [--max-trace-ms N]
                         [--benchmarks FILE] [--corpus DIR] [--out DIR]
                         [--dotnet FILE] [--dotnet-aot FILE]

        Times perf/benchmarks.json in headless Chromium on the engines rusk, rusk-aot, rusk-worker, js, quickjs
        and lua (interleaved, one page each), merges the .NET results of `rusk-vm bench` (--dotnet,
        --dotnet-aot; default perf/out/dotnet-bench.json and dotnet-aot-bench.json), and writes
        results.json, results.md and results.svg to --out (default perf/out), traces to OUT/traces.
        Defaults: 2 warm-up + 5 runs, 7 cold starts, traces on (of runs up to --max-trace-ms, 15000),
        a fresh page per engine and benchmark. --quick: the small sizes, 0 + 2 runs (the checking run
        warms up), no cold starts, no traces, one page per engine for all benchmarks (--reuse-pages).
        An engine whose checking run exceeds --max-run-ms (default 120000, quick 5000) is reported
        as skipped; one whose runs used --budget-ms (default 60000, quick 3000) on a benchmark gets
        no further rounds (it keeps at least one timed run), and no warm-up when a run costs more
        than the budget's share. Paths are relative to the repository root.
        """;

    public bool Quick { get; private set; }
    public int Runs { get; private set; } = 5;
    public int Warmup { get; private set; } = 2;
    public int ColdRuns { get; private set; } = 7;
    public bool Traces { get; private set; } = true;
    public bool ReusePages { get; private set; }
    public int MaxRunMs { get; private set; } = 120_000;
    /// <summary>Per engine and benchmark: once the runs used this much, no further rounds (at least one timed run).</summary>
    public int BudgetMs { get; private set; } = 60_000;
    /// <summary>No trace of runs longer than this (a sampled trace grows with the run).</summary>
    public int MaxTraceMs { get; private set; } = 15_000;
    public string? Filter { get; private set; }
    public List<string>? Engines { get; private set; }
    public string BenchmarksFile { get; private set; } = RepoPaths.Resolve("perf/benchmarks.json");
    public string Corpus { get; private set; } = RepoPaths.Resolve("../shared/conformance");
    public string OutDir { get; private set; } = RepoPaths.Resolve("perf/out");
    public string? DotnetFile { get; private set; }
    public string? DotnetAotFile { get; private set; }

    /// <summary>Null (and a message on stderr) for a usage error.</summary>
    public static PerfOptions? Parse(string[] args)
    {
        var o = new PerfOptions();
        foreach (var a in args) if (a == "--quick") { o.Quick = true; o.Runs = 2; o.Warmup = 0; o.ColdRuns = 0; o.Traces = false; o.MaxRunMs = 5_000; o.BudgetMs = 3_000; o.ReusePages = true; }
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            string? next = i + 1 < args.Length ? args[i + 1] : null;
            switch (a)
            {
                case "--quick": break;
                case "--no-traces": o.Traces = false; break;
                case "--traces": o.Traces = true; break;
                case "--reuse-pages": o.ReusePages = true; break;
                case "--runs" when Int(next, 1, out int runs): o.Runs = runs; i++; break;
                case "--warmup" when Int(next, 0, out int warmup): o.Warmup = warmup; i++; break;
                case "--cold" when Int(next, 0, out int cold): o.ColdRuns = cold; i++; break;
                case "--max-run-ms" when Int(next, 1, out int max): o.MaxRunMs = max; i++; break;
                case "--budget-ms" when Int(next, 1, out int budget): o.BudgetMs = budget; i++; break;
                case "--max-trace-ms" when Int(next, 1, out int trace): o.MaxTraceMs = trace; i++; break;
                case "--filter" when next != null: o.Filter = next; i++; break;
                case "--engines" when next != null: o.Engines = new List<string>(next.Split(',', StringSplitOptions.RemoveEmptyEntries)); i++; break;
                case "--benchmarks" when next != null: o.BenchmarksFile = RepoPaths.Resolve(next); i++; break;
                case "--corpus" when next != null: o.Corpus = RepoPaths.Resolve(next); i++; break;
                case "--out" when next != null: o.OutDir = RepoPaths.Resolve(next); i++; break;
                case "--dotnet" when next != null: o.DotnetFile = RepoPaths.Resolve(next); i++; break;
                case "--dotnet-aot" when next != null: o.DotnetAotFile = RepoPaths.Resolve(next); i++; break;
                case "-h":
                case "--help":
                    Console.Out.Write(Usage);
                    return null;
                default:
                    Console.Error.WriteLine($"rusk-perf: unexpected argument `{a}`");
                    Console.Error.Write(Usage);
                    return null;
            }
        }
        o.DotnetFile ??= Path.Combine(o.OutDir, "dotnet-bench.json");
        o.DotnetAotFile ??= Path.Combine(o.OutDir, "dotnet-aot-bench.json");
        return o;
    }

    static bool Int(string? s, int min, out int value) => int.TryParse(s, out value) && value >= min;
}
