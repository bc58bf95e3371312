// Times one benchmark on every browser engine: each engine in its own page of the one session (a
// fresh page per benchmark; with --reuse-pages, as QUICK does, one page per engine for the whole
// run: the adapters then start each benchmark on a fresh VM/context/state); a checking run first (a wrong result is an error and never timed), then warm-up and timed runs
// interleaved across engines (A B C A B C ...) so that a noisy machine slows all of them alike, then
// one traced run per engine. A slow engine (seconds per run) gets fewer runs: no warm-up once a
// run costs more than the budget's share, and no further rounds once its runs used the budget.
using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Microsoft.Playwright;
using System.Text.Json;
using Rusk.Perf.Benchmarks;
using Rusk.Perf.Results;

namespace Rusk.Perf.Browser;

sealed class BrowserBench
{
    readonly PerfBrowser _browser;
    readonly PerfOptions _options;
    readonly Stage _stage;
    readonly TraceSummary _summary = new();
    /// <summary>With ReusePages: the open page of each engine.</summary>
    readonly Dictionary<string, EnginePage> _pool = new();

    public BrowserBench(PerfBrowser browser, PerfOptions options, Stage stage)
    {
        _browser = browser; _options = options; _stage = stage;
    }

    public async Task RunAsync(BenchmarkResult bench, IReadOnlyList<Engine> engines)
    {
        var b = bench.Spec;
        var live = new List<(Engine Engine, EngineResult Result, Task<EnginePage> Page)>();
        foreach (var e in engines)
        {
            string? missing = e.Input switch
            {
                EngineInput.JsPort when !File.Exists(Path.Combine(_stage.Dir, b.Name + ".js")) => "no JS port",
                EngineInput.LuaPort when !File.Exists(Path.Combine(_stage.Dir, b.Name + ".lua")) => "no Lua port",
                _ => null,
            };
            if (missing != null) { bench.Engines[e.Name] = EngineResult.Skip(missing); continue; }
            var r = new EngineResult();
            bench.Engines[e.Name] = r;
            // The pages boot concurrently; nothing is timed yet.
            live.Add((e, r, _pool.TryGetValue(e.Name, out var open) ? Task.FromResult(open) : _browser.OpenAsync(e)));
        }

        var pages = new Dictionary<string, EnginePage>();
        try
        {
            foreach (var (e, r, open) in live)
            {
                try
                {
                    var page = await open;
                    pages[e.Name] = page;
                    await page.LoadAsync(b);
                }
                catch (Exception ex) when (ex is PlaywrightException or InvalidOperationException or TimeoutException)
                {
                    r.Error = $"load: {FirstLine(ex.Message)}";
                }
            }

            // The checking run: untimed; the result must be right and the run short enough to repeat.
            int limit = _options.MaxRunMs * 3 + 30_000;
            var spent = new Dictionary<string, double>();
            foreach (var (e, r, _) in live)
            {
                if (r.Error != null) continue;
                var (ms, result, error) = await RunOnceAsync(pages[e.Name], b, limit);
                r.CheckMs = ms;
                spent[e.Name] = ms;
                if (error != null) r.Error = error;
                else if (ms > _options.MaxRunMs) r.Skipped = $"too slow: the checking run took {ms / 1000:F1} s (limit {_options.MaxRunMs / 1000} s)";
            }

            double share = (double)_options.BudgetMs / (_options.Warmup + _options.Runs);
            for (int round = -_options.Warmup; round < _options.Runs; round++)
            {
                foreach (var (e, r, _) in live)
                {
                    if (r.Error != null || r.Skipped != null) continue;
                    if (round < 0 && r.CheckMs > share) continue; // a run this long warms itself up
                    if (round >= 0 && r.TimesMs.Count > 0 && spent[e.Name] >= _options.BudgetMs) continue;
                    var (ms, _, error) = await RunOnceAsync(pages[e.Name], b, limit);
                    if (error != null) { r.Error = $"{(round < 0 ? "warm-up" : "timed")} run: {error}"; r.TimesMs.Clear(); continue; }
                    spent[e.Name] += ms;
                    if (round >= 0) r.TimesMs.Add(ms);
                }
            }

            if (_options.Traces)
            {
                foreach (var (e, r, _) in live)
                {
                    if (!r.Timed || r.Median > _options.MaxTraceMs) continue;
                    string rel = Path.Combine("traces", $"{b.Name}.{e.Name}.json");
                    string path = Path.Combine(_options.OutDir, rel);
                    var page = pages[e.Name];
                    await _browser.StartTracingAsync(path);
                    var (_, _, error) = await RunOnceAsync(page, b, _options.MaxRunMs * 3 + 30_000);
                    await _browser.StopTracingAsync();
                    if (error != null) continue;
                    r.Trace = rel;
                    try { r.Hot = _summary.Process(path, 25); }
                    catch (Exception ex) when (ex is IOException or JsonException or InvalidOperationException or FormatException)
                    {
                        Console.Error.WriteLine($"rusk-perf: cannot summarize {rel}: {ex.Message}");
                    }
                }
            }
        }
        finally
        {
            foreach (var (e, r, _) in live)
            {
                if (!pages.TryGetValue(e.Name, out var p)) continue;
                // A page whose run failed may still be busy or broken: never reuse it.
                if (_options.ReusePages && r.Error == null) { _pool[e.Name] = p; continue; }
                _pool.Remove(e.Name);
                await p.CloseAsync();
            }
        }
    }

    public async Task CloseAsync()
    {
        foreach (var p in _pool.Values) await p.CloseAsync();
        _pool.Clear();
    }

    /// <summary>One run; error is set (and the time kept) when the result is wrong or the run failed.</summary>
    static async Task<(double Ms, string Result, string? Error)> RunOnceAsync(EnginePage page, BenchmarkSpec b, int limitMs)
    {
        try
        {
            var (ms, result) = await page.RunAsync(limitMs);
            if (result != b.Expected)
                return (ms, result, $"wrong result: expected `{b.Expected}`, got `{Short(result)}`");
            return (ms, result, null);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException or KeyNotFoundException or System.Text.Json.JsonException)
        {
            return (double.NaN, "", $"{FirstLine(ex.Message)}{page.LogTail()}");
        }
    }

    static string Short(string s) => s.Length > 120 ? s.Substring(0, 120) + "…" : s;

    static string FirstLine(string s)
    {
        int nl = s.IndexOf('\n');
        return nl < 0 ? s : s.Substring(0, nl);
    }
}
