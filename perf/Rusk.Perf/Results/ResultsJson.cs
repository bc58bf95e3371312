// perf/out/results.json: the whole run in one file (every time of every engine, ratios, geomeans,
// cold start, page bytes), for tools and for comparing runs.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rusk.Perf.Results;

static class ResultsJson
{
    public static string Write(RunReport report)
    {
        var o = report.Options;
        var root = new JsonObject
        {
            ["generated"] = report.Started.ToString("yyyy-MM-ddTHH:mm:ssK"),
            ["quick"] = o.Quick,
            ["runs"] = o.Runs,
            ["warmup"] = o.Warmup,
            ["wallSeconds"] = Math.Round(report.WallSeconds, 1),
            ["chromium"] = report.Chromium,
            ["machine"] = new JsonObject
            {
                ["os"] = RuntimeInformation.OSDescription,
                ["processorCount"] = Environment.ProcessorCount,
            },
            ["ratioDefinition"] = "time of A / time of B (medians); above 1 = A is slower",
        };
        var engines = new JsonArray();
        foreach (var e in report.BrowserEngines)
            engines.Add(new JsonObject { ["name"] = e.Name, ["label"] = e.Label, ["timed"] = e.Timed });
        foreach (var (name, how) in report.DotnetRuns)
            engines.Add(new JsonObject { ["name"] = name, ["label"] = RunReport.Label(name), ["timed"] = "Step() loop on a fresh Vm (rusk-vm bench)", ["run"] = how });
        root["engines"] = engines;

        var benchmarks = new JsonArray();
        foreach (var b in report.Benchmarks)
        {
            var s = b.Spec;
            var bo = new JsonObject
            {
                ["name"] = s.Name,
                ["kind"] = s.Kind,
                ["hosts"] = s.Hosts,
                ["n"] = s.N,
                ["expected"] = s.Expected,
                ["nativeMedianMs"] = s.NativeMedianMs,
            };
            var eo = new JsonObject();
            foreach (var (name, r) in b.Engines)
            {
                var x = new JsonObject();
                if (r.Error != null) x["error"] = r.Error;
                if (r.Skipped != null) x["skipped"] = r.Skipped;
                if (r.Timed)
                {
                    x["medianMs"] = Stats.Round(r.Median, 3);
                    x["minMs"] = Stats.Round(r.Min, 3);
                    x["maxMs"] = Stats.Round(r.Max, 3);
                    var times = new JsonArray();
                    foreach (var t in r.TimesMs) times.Add(Stats.Round(t, 3));
                    x["timesMs"] = times;
                }
                if (r.CheckMs is double c && double.IsFinite(c)) x["checkMs"] = Stats.Round(c, 3);
                if (r.Trace != null) x["trace"] = r.Trace;
                if (r.Hot != null)
                {
                    var hot = new JsonArray();
                    for (int i = 0; i < r.Hot.Count && i < 10; i++)
                        hot.Add(new JsonObject { ["function"] = r.Hot[i].Function, ["selfMs"] = Stats.Round(r.Hot[i].SelfMs, 1) });
                    x["hotFunctions"] = hot;
                }
                eo[name] = x;
            }
            bo["engines"] = eo;
            var ratios = new JsonObject();
            foreach (var (a, c) in AllRatios())
            {
                double v = b.Ratio(a, c);
                if (double.IsFinite(v)) ratios[$"{a}/{c}"] = Stats.Round(v, 4);
            }
            bo["ratios"] = ratios;
            benchmarks.Add(bo);
        }
        root["benchmarks"] = benchmarks;

        var geo = new JsonObject();
        foreach (var (a, c) in AllRatios())
        {
            var (g, n) = report.Geomean(a, c);
            if (n > 0) geo[$"{a}/{c}"] = new JsonObject { ["geomean"] = Stats.Round(g, 4), ["benchmarks"] = n };
        }
        root["geomeans"] = geo;

        var cold = new JsonObject();
        var bytes = new JsonObject();
        foreach (var (name, r) in report.ColdStart)
        {
            var co = new JsonObject();
            if (r.Error != null) co["error"] = r.Error;
            else
            {
                co["bootedMedianMs"] = Stats.Round(Stats.Median(r.BootedMs), 1);
                co["firstResultMedianMs"] = Stats.Round(Stats.Median(r.FirstResultMs), 1);
                var runs = new JsonArray();
                foreach (var t in r.FirstResultMs) runs.Add(Stats.Round(t, 1));
                co["firstResultMs"] = runs;
            }
            cold[name] = co;
            if (r.Files.Count == 0) continue;
            long raw = 0, gz = 0, br = 0;
            var files = new JsonArray();
            foreach (var (path, fr, fg, fb) in r.Files)
            {
                raw += fr; gz += fg; br += fb;
                files.Add(new JsonObject { ["path"] = path, ["raw"] = fr, ["gzip"] = fg, ["brotli"] = fb });
            }
            bytes[name] = new JsonObject { ["raw"] = raw, ["gzip"] = gz, ["brotli"] = br, ["files"] = files };
        }
        root["coldStart"] = cold;
        root["pageBytes"] = bytes;
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    static IEnumerable<(string, string)> AllRatios()
    {
        foreach (var p in RunReport.VersusJs) yield return p;
        foreach (var p in RunReport.VersusPeers) yield return p;
    }
}
