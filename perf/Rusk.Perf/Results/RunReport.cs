// Everything one `make bench` run produced, as the reports read it: the settings, the benchmarks
// with all engines' times, the cold starts and page bytes, and which ratios are reported.
using System;
using System.Collections.Generic;
using Rusk.Perf.Browser;

namespace Rusk.Perf.Results;

sealed class RunReport
{
    public required PerfOptions Options { get; init; }
    public required string Chromium { get; init; }
    public required List<BenchmarkResult> Benchmarks { get; init; }
    public required IReadOnlyList<Engine> BrowserEngines { get; init; }
    public Dictionary<string, ColdStartResult> ColdStart { get; init; } = new();
    /// <summary>engine → how its numbers were made (the .NET runs' JSON headers).</summary>
    public Dictionary<string, string> DotnetRuns { get; } = new();
    public DateTime Started { get; init; } = DateTime.Now;
    public double WallSeconds { get; set; }

    /// <summary>Every engine column, in report order.</summary>
    public List<string> EngineNames()
    {
        var names = new List<string>();
        foreach (var e in BrowserEngines) names.Add(e.Name);
        names.Add("dotnet");
        names.Add("dotnet-nolimit");
        names.Add("dotnet-aot");
        return names;
    }

    public static string Label(string engine) => engine switch
    {
        "dotnet" => "Rusk VM on .NET (CoreCLR JIT), rusk-vm bench",
        "dotnet-nolimit" => "Rusk VM on .NET (CoreCLR JIT), heap limit off (rusk-vm bench --max-heap 0)",
        "dotnet-aot" => "Rusk VM, NativeAOT linux-x64 CLI",
        "native" => "reference Rust VM (bench manifest)",
        _ => Engine.Find(engine)?.Label ?? engine,
    };

    /// <summary>Ratios against plain JS (time / JS time; above 1 = slower than JS).</summary>
    public static readonly (string A, string B)[] VersusJs =
    {
        ("rusk", "js"), ("rusk-aot", "js"), ("rusk-worker", "js"), ("quickjs", "js"), ("lua", "js"), ("dotnet", "js"), ("dotnet-aot", "js"),
    };

    /// <summary>Our VM against its peers, our .NET builds and the reference (time / time).</summary>
    public static readonly (string A, string B)[] VersusPeers =
    {
        ("rusk-aot", "rusk"), ("rusk-aot", "quickjs"), ("rusk-aot", "lua"),
        ("rusk", "quickjs"), ("rusk", "lua"), ("rusk", "dotnet"), ("rusk", "dotnet-aot"), ("rusk", "native"),
        ("rusk-worker", "rusk"), ("dotnet", "native"), ("dotnet-aot", "native"), ("dotnet", "dotnet-nolimit"),
    };

    /// <summary>Geometric mean of a ratio over the benchmarks that have it, and how many do.</summary>
    public (double Geomean, int Count) Geomean(string a, string b)
    {
        var xs = new List<double>();
        foreach (var r in Benchmarks)
        {
            double x = r.Ratio(a, b);
            if (double.IsFinite(x) && x > 0) xs.Add(x);
        }
        return (Stats.Geomean(xs), xs.Count);
    }
}
