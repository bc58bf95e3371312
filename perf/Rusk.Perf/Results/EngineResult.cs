// One engine on one benchmark: its timed runs, or why it has none (error: wrong result, failure;
// skipped: no port, too slow, no .NET results of this size).
using System.Collections.Generic;

namespace Rusk.Perf.Results;

sealed class EngineResult
{
    public List<double> TimesMs { get; } = new();
    /// <summary>The untimed correctness run's time (browser engines).</summary>
    public double? CheckMs { get; set; }
    public string? Error { get; set; }
    public string? Skipped { get; set; }
    /// <summary>Trace file, relative to perf/out.</summary>
    public string? Trace { get; set; }
    /// <summary>The traced run's functions with the most self time (CPU samples, all threads).</summary>
    public List<(string Function, double SelfMs)>? Hot { get; set; }

    public bool Timed => Error == null && Skipped == null && TimesMs.Count > 0;
    public double Median => Timed ? Stats.Median(TimesMs) : double.NaN;
    public double Min
    {
        get
        {
            if (!Timed) return double.NaN;
            double m = double.PositiveInfinity;
            foreach (var t in TimesMs) if (t < m) m = t;
            return m;
        }
    }
    public double Max
    {
        get
        {
            if (!Timed) return double.NaN;
            double m = double.NegativeInfinity;
            foreach (var t in TimesMs) if (t > m) m = t;
            return m;
        }
    }

    public static EngineResult Skip(string why) => new() { Skipped = why };
    public static EngineResult Fail(string why) => new() { Error = why };
}
