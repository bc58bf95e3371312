// Cold start and page bytes per engine. Cold start: a fresh browser context (empty cache) opens the
// engine's page; the page records when the engine had booted and when it had run a trivial program
// (ms since navigation start); median over the runs, engines interleaved. Page bytes: what the
// engine's runtime made the first of those pages fetch (dist/ or node_modules/ files; the harness'
// own page scripts are left out), raw and compressed as a server would (gzip -9, brotli q11).
using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Microsoft.Playwright;

namespace Rusk.Perf.Browser;

sealed class ColdStartResult
{
    public List<double> BootedMs { get; } = new();
    public List<double> FirstResultMs { get; } = new();
    public string? Error { get; set; }
    public List<(string Path, long Raw, long Gzip, long Brotli)> Files { get; } = new();
}

static class ColdStart
{
    public static async Task<Dictionary<string, ColdStartResult>> RunAsync(PerfBrowser browser, IReadOnlyList<Engine> engines, int runs, CompressedSizes sizes)
    {
        var results = new Dictionary<string, ColdStartResult>();
        foreach (var e in engines) results[e.Name] = new ColdStartResult();
        for (int i = 0; i < runs; i++)
        {
            foreach (var e in engines)
            {
                var r = results[e.Name];
                if (r.Error != null) continue;
                if (i == 0) lock (browser.Server.Served) browser.Server.Served.Clear();
                IBrowserContext context = await browser.NewContextAsync();
                try
                {
                    var page = await browser.OpenAsync(e, context);
                    var (booted, first, value) = await page.ColdAsync();
                    if (value != "42") { r.Error = $"the trivial program gave `{value}`, expected 42"; continue; }
                    r.BootedMs.Add(booted);
                    r.FirstResultMs.Add(first);
                    if (i == 0) Bytes(browser, r, sizes);
                }
                catch (Exception ex) when (ex is PlaywrightException or InvalidOperationException or TimeoutException)
                {
                    r.Error = ex.Message;
                }
                finally
                {
                    await context.CloseAsync();
                }
            }
        }
        return results;
    }

    static void Bytes(PerfBrowser browser, ColdStartResult r, CompressedSizes sizes)
    {
        var paths = new List<string>();
        lock (browser.Server.Served)
            foreach (var p in browser.Server.Served.Keys)
                if (p.StartsWith("/dist/", StringComparison.Ordinal) || p.StartsWith("/node_modules/", StringComparison.Ordinal)) paths.Add(p);
        paths.Sort(StringComparer.Ordinal);
        foreach (var p in paths)
        {
            string file = p.StartsWith("/dist/", StringComparison.Ordinal)
                ? Path.Combine(RepoPaths.Dist, p.Substring("/dist/".Length))
                : Path.Combine(RepoPaths.NodeModules, p.Substring("/node_modules/".Length));
            var (raw, gz, br) = sizes.Of(file);
            r.Files.Add((p, raw, gz, br));
        }
    }
}
