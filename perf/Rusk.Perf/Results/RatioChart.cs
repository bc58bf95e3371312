// perf/out/results.svg, written by hand (no chart library): per benchmark, one horizontal bar per
// engine for its time relative to plain JS, on a log scale (1× = V8 running the JS port), plus the
// geometric means.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Rusk.Perf.Results;

static class RatioChart
{
    static readonly (string Engine, string Color)[] Series =
    {
        ("rusk", "#d62728"), ("rusk-aot", "#e377c2"), ("rusk-worker", "#ff9896"), ("quickjs", "#1f77b4"),
        ("lua", "#2ca02c"), ("dotnet", "#9467bd"), ("dotnet-aot", "#8c564b"),
    };

    const double Left = 200, PlotWidth = 600, Right = 70, Top = 70, BarHeight = 9, BarGap = 2, GroupGap = 14;

    public static string Write(RunReport report)
    {
        // Rows: each benchmark, then the geomeans.
        var rows = new List<(string Name, double[] Ratios)>();
        foreach (var b in report.Benchmarks)
        {
            var xs = new double[Series.Length];
            for (int i = 0; i < Series.Length; i++) xs[i] = b.Ratio(Series[i].Engine, "js");
            rows.Add((b.Spec.Name, xs));
        }
        var geo = new double[Series.Length];
        for (int i = 0; i < Series.Length; i++) geo[i] = report.Geomean(Series[i].Engine, "js").Geomean;
        rows.Add(("geomean", geo));

        double lo = 1, hi = 1;
        foreach (var (_, xs) in rows)
            foreach (var x in xs)
                if (double.IsFinite(x) && x > 0) { lo = Math.Min(lo, x); hi = Math.Max(hi, x); }
        int d0 = (int)Math.Floor(Math.Log10(lo)), d1 = (int)Math.Ceiling(Math.Log10(hi));
        if (d1 == d0) d1++;
        double X(double r) => Left + (Math.Log10(r) - d0) / (d1 - d0) * PlotWidth;

        double groupHeight = Series.Length * (BarHeight + BarGap) + GroupGap;
        double height = Top + rows.Count * groupHeight + 40;
        double width = Left + PlotWidth + Right;
        var sb = new StringBuilder();
        sb.AppendLine(F($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"11\">"));
        sb.AppendLine(F($"<rect width=\"{width}\" height=\"{height}\" fill=\"white\"/>"));
        sb.AppendLine(F($"<text x=\"{Left}\" y=\"18\" font-size=\"14\" font-weight=\"bold\">Time relative to plain JS, log scale (1× = V8 running the port; lower is faster)</text>"));
        sb.AppendLine(F($"<text x=\"{Left}\" y=\"34\" fill=\"#555\">{Esc(report.Options.Quick ? "QUICK (small sizes)" : "large sizes")}, median of up to {report.Options.Runs} interleaved runs, {report.Started:yyyy-MM-dd HH:mm}</text>"));
        for (int i = 0; i < Series.Length; i++)
        {
            double lx = Left + i * 100;
            sb.AppendLine(F($"<rect x=\"{lx}\" y=\"44\" width=\"10\" height=\"10\" fill=\"{Series[i].Color}\"/><text x=\"{lx + 14}\" y=\"53\">{Esc(Series[i].Engine)}</text>"));
        }

        // Grid: every decade (labelled) and its 2× and 5× lines.
        double plotBottom = Top + rows.Count * groupHeight - GroupGap / 2;
        for (int d = d0; d <= d1; d++)
        {
            foreach (int m in new[] { 1, 2, 5 })
            {
                double v = m * Math.Pow(10, d);
                if (Math.Log10(v) > d1 + 1e-9) continue;
                double x = X(v);
                bool major = m == 1;
                sb.AppendLine(F($"<line x1=\"{x:F1}\" y1=\"{Top - 6}\" x2=\"{x:F1}\" y2=\"{plotBottom:F1}\" stroke=\"{(v == 1 ? "#000" : major ? "#bbb" : "#eee")}\" stroke-width=\"{(v == 1 ? 1.5 : 1)}\"/>"));
                if (major) sb.AppendLine(F($"<text x=\"{x:F1}\" y=\"{plotBottom + 14:F1}\" text-anchor=\"middle\">{Esc(Label(v))}</text>"));
            }
        }

        double y = Top;
        foreach (var (name, xs) in rows)
        {
            bool isGeo = ReferenceEquals(xs, geo);
            sb.AppendLine(F($"<text x=\"{Left - 8}\" y=\"{y + groupHeight / 2 - GroupGap / 2 + 4:F1}\" text-anchor=\"end\"{(isGeo ? " font-weight=\"bold\"" : "")}>{Esc(name)}</text>"));
            for (int i = 0; i < Series.Length; i++)
            {
                double by = y + i * (BarHeight + BarGap);
                double r = xs[i];
                if (!double.IsFinite(r) || r <= 0) continue;
                double x1 = X(1), x2 = X(r);
                double bx = Math.Min(x1, x2), bw = Math.Max(Math.Abs(x2 - x1), 1);
                sb.AppendLine(F($"<rect x=\"{bx:F1}\" y=\"{by:F1}\" width=\"{bw:F1}\" height=\"{BarHeight}\" fill=\"{Series[i].Color}\"><title>{Esc($"{name}: {Series[i].Engine} {Stats.Ratio(r)}× JS")}</title></rect>"));
                double tx = r >= 1 ? x2 + 3 : x2 - 3;
                sb.AppendLine(F($"<text x=\"{tx:F1}\" y=\"{by + BarHeight - 1:F1}\" font-size=\"9\" fill=\"#333\"{(r >= 1 ? "" : " text-anchor=\"end\"")}>{Stats.Ratio(r)}</text>"));
            }
            y += groupHeight;
        }
        sb.AppendLine("</svg>");
        return sb.ToString();
    }

    static string Label(double v) => (v >= 1 ? v.ToString("0", CultureInfo.InvariantCulture) : v.ToString("0.###", CultureInfo.InvariantCulture)) + "×";

    static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    static string Esc(string s) => s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;");
}
