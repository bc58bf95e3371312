// Median, geometric mean, and number formatting shared by the reports.
using System;
using System.Collections.Generic;
using System.Globalization;

namespace Rusk.Perf.Results;

static class Stats
{
    public static double Median(IReadOnlyList<double> xs)
    {
        if (xs.Count == 0) return double.NaN;
        var s = new List<double>(xs);
        s.Sort();
        return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
    }

    public static double Geomean(IReadOnlyList<double> xs)
    {
        if (xs.Count == 0) return double.NaN;
        double sum = 0;
        foreach (var x in xs) sum += Math.Log(x);
        return Math.Exp(sum / xs.Count);
    }

    /// <summary>Milliseconds with about three significant digits.</summary>
    public static string Ms(double ms) => ms switch
    {
        double.NaN => "–",
        >= 100 => ms.ToString("F0", CultureInfo.InvariantCulture),
        >= 10 => ms.ToString("F1", CultureInfo.InvariantCulture),
        _ => ms.ToString("F2", CultureInfo.InvariantCulture),
    };

    /// <summary>A ratio with about three significant digits.</summary>
    public static string Ratio(double r) => r switch
    {
        double.NaN => "–",
        >= 100 => r.ToString("F0", CultureInfo.InvariantCulture),
        >= 10 => r.ToString("F1", CultureInfo.InvariantCulture),
        _ => r.ToString("F2", CultureInfo.InvariantCulture),
    };

    public static double Round(double x, int digits) => double.IsFinite(x) ? Math.Round(x, digits) : x;
}
