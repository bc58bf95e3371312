// perf/out/results.md: one table per benchmark (median/min/max per engine), the ratio tables with
// their geometric means, page bytes and cold start; the chart beside it is results.svg.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Rusk.Perf.Results;

static class ResultsMarkdown
{
    public static string Write(RunReport report)
    {
        var o = report.Options;
        var sb = new StringBuilder();
        sb.AppendLine($"# Benchmarks ({(o.Quick ? "QUICK: small sizes" : "large sizes")}) — {report.Started:yyyy-MM-dd HH:mm}");
        sb.AppendLine();
        sb.AppendLine($"{o.Warmup} warm-up + {o.Runs} timed runs per engine (fewer for an engine whose runs took over {o.BudgetMs / 1000} s " +
            "on a benchmark: see the runs column), interleaved across engines; median, min and max in ms. " +
            $"Chromium {report.Chromium} headless, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cpus; " +
            $"run took {report.WallSeconds:F0} s. Every run's result was checked; an error is never timed. " +
            "What each engine's time covers: perf/README.md.");
        sb.AppendLine();
        foreach (var (name, how) in report.DotnetRuns) sb.AppendLine($"- `{name}`: {how}");
        if (report.DotnetRuns.Count > 0) sb.AppendLine();

        sb.AppendLine("## Ratios to plain JS (time / JS time; above 1 = slower than V8 running the same algorithm)");
        sb.AppendLine();
        RatioTable(sb, report, RunReport.VersusJs);
        sb.AppendLine("![ratios to plain JS](results.svg)");
        sb.AppendLine();
        sb.AppendLine("## Our VM against the peers, our .NET builds and the reference (time / time; above 1 = the first is slower)");
        sb.AppendLine();
        RatioTable(sb, report, RunReport.VersusPeers);

        sb.AppendLine("## Times per benchmark");
        var names = report.EngineNames();
        foreach (var b in report.Benchmarks)
        {
            var s = b.Spec;
            sb.AppendLine();
            sb.AppendLine($"### {s.Name} ({s.Kind}{(s.Hosts == "none" ? "" : ", " + s.Hosts)}{(s.N > 0 ? $", n = {s.N.ToString("N0", CultureInfo.InvariantCulture)}" : "")}; expected `{s.Expected}`)");
            sb.AppendLine();
            sb.AppendLine("| engine | median ms | min ms | max ms | runs | × JS | note |");
            sb.AppendLine("|---|---:|---:|---:|---:|---:|---|");
            foreach (var n in names)
            {
                if (!b.Engines.TryGetValue(n, out var r)) continue;
                string note = r.Error != null ? $"**error**: {Cell(r.Error)}" : r.Skipped != null ? $"skipped: {Cell(r.Skipped)}" : r.Trace != null ? $"trace: `{r.Trace}`" : "";
                sb.AppendLine($"| {n} | {Stats.Ms(r.Median)} | {Stats.Ms(r.Min)} | {Stats.Ms(r.Max)} | {(r.Timed ? r.TimesMs.Count.ToString(CultureInfo.InvariantCulture) : "")} | {Stats.Ratio(b.Ratio(n, "js"))} | {note} |");
            }
            if (s.NativeMedianMs is double native)
                sb.AppendLine($"| native (reference) | {Stats.Ms(native)} | | | | {Stats.Ratio(b.Ratio("native", "js"))} | bench manifest (reference Rust VM, another machine) |");
        }
        sb.AppendLine();

        if (report.ColdStart.Count > 0)
        {
            sb.AppendLine($"## Cold start and page bytes (fresh browser context each run; median of {o.ColdRuns})");
            sb.AppendLine();
            sb.AppendLine("Milestones in ms since navigation start (loopback server, nothing cached): the engine booted, and a trivial " +
                "program gave its result. Bytes: the engine's runtime files the page fetched (raw / gzip -9 / brotli q11).");
            sb.AppendLine();
            sb.AppendLine("| engine | booted ms | first result ms | files | raw | gzip | brotli |");
            sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
            foreach (var (name, r) in report.ColdStart)
            {
                if (r.Error != null) { sb.AppendLine($"| {name} | **error**: {Cell(r.Error)} | | | | | |"); continue; }
                long raw = 0, gz = 0, br = 0;
                foreach (var f in r.Files) { raw += f.Raw; gz += f.Gzip; br += f.Brotli; }
                sb.AppendLine($"| {name} | {Stats.Median(r.BootedMs):F0} | {Stats.Median(r.FirstResultMs):F0} | {r.Files.Count} | {Kb(raw)} | {Kb(gz)} | {Kb(br)} |");
            }
            sb.AppendLine();
        }
        if (o.Traces)
            sb.AppendLine("Traces (one traced run per engine and benchmark, after the timed runs, with a `.top.txt` of the hottest functions): " +
                "`perf/out/traces/`; how to read them: perf/README.md.");
        return sb.ToString();
    }

    static void RatioTable(StringBuilder sb, RunReport report, (string A, string B)[] pairs)
    {
        sb.Append("| benchmark |");
        foreach (var (a, b) in pairs) sb.Append($" {a} / {b} |");
        sb.AppendLine();
        sb.Append("|---|");
        foreach (var _ in pairs) sb.Append("---:|");
        sb.AppendLine();
        foreach (var r in report.Benchmarks)
        {
            sb.Append($"| {r.Spec.Name} |");
            foreach (var (a, b) in pairs) sb.Append($" {Stats.Ratio(r.Ratio(a, b))} |");
            sb.AppendLine();
        }
        sb.Append("| **geomean** |");
        foreach (var (a, b) in pairs)
        {
            var (g, n) = report.Geomean(a, b);
            sb.Append(n == 0 ? " – |" : $" **{Stats.Ratio(g)}** ({n}) |");
        }
        sb.AppendLine();
        sb.AppendLine();
    }

    static string Kb(long bytes) => (bytes / 1024.0).ToString("N0", CultureInfo.InvariantCulture) + " KiB";

    static string Cell(string s) => s.Replace("|", "\\|").Replace("\n", " ");
}
