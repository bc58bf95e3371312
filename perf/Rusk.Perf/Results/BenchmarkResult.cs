// One benchmark's results over every engine (browser and .NET), and its ratios.
using System.Collections.Generic;
using Rusk.Perf.Benchmarks;

namespace Rusk.Perf.Results;

sealed class BenchmarkResult
{
    public BenchmarkResult(BenchmarkSpec spec) { Spec = spec; }

    public BenchmarkSpec Spec { get; }
    /// <summary>By engine name: rusk, rusk-aot, rusk-worker, js, quickjs, lua, dotnet, dotnet-nolimit, dotnet-aot.</summary>
    public Dictionary<string, EngineResult> Engines { get; } = new();

    /// <summary>Median of <paramref name="engine"/> ("native": the reference's time), or NaN.</summary>
    public double MedianOf(string engine)
    {
        if (engine == "native") return Spec.NativeMedianMs ?? double.NaN;
        return Engines.TryGetValue(engine, out var r) ? r.Median : double.NaN;
    }

    /// <summary>Time of <paramref name="a"/> / time of <paramref name="b"/> (above 1: a is slower), or NaN.</summary>
    public double Ratio(string a, string b)
    {
        double x = MedianOf(a), y = MedianOf(b);
        return double.IsFinite(x) && double.IsFinite(y) && y > 0 ? x / y : double.NaN;
    }
}
