// One engine's page (perf/web/bench.html?engine=NAME) seen from the harness: load a benchmark,
// run it once (time + result text), with a time limit so a hung engine cannot stall the session.
using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Playwright;
using Rusk.Perf.Benchmarks;

namespace Rusk.Perf.Browser;

sealed class EnginePage
{
    readonly List<string> _log;

    public Engine Engine { get; }
    public IPage Page { get; }

    public EnginePage(Engine engine, IPage page, List<string> log)
    {
        Engine = engine; Page = page; _log = log;
    }

    public Task LoadAsync(BenchmarkSpec b) => Page.EvaluateAsync("s => window.harness.load(s)", new Dictionary<string, object?>
    {
        ["name"] = b.Name,
        ["rbcUrl"] = Stage.RbcUrl(b),
        ["portUrl"] = Engine.Input == EngineInput.LuaPort ? Stage.LuaUrl(b) : Stage.JsUrl(b),
        ["n"] = b.N,
        ["argv"] = b.NInArgv ? new[] { "", b.N.ToString(System.Globalization.CultureInfo.InvariantCulture) } : null,
        ["hosts"] = b.Hosts,
        ["hostImport"] = b.HostImport,
        ["effect"] = b.Effect,
    });

    /// <summary>One run: the page's time and the result as text. Throws TimeoutException after <paramref name="limitMs"/>.</summary>
    public async Task<(double Ms, string Result)> RunAsync(int limitMs)
    {
        var run = Page.EvaluateAsync<string>("async () => JSON.stringify(await window.harness.run())");
        if (await Task.WhenAny(run, Task.Delay(limitMs)) != run)
            throw new TimeoutException($"no result within {limitMs / 1000} s");
        using var doc = JsonDocument.Parse(await run);
        return (doc.RootElement.GetProperty("ms").GetDouble(), doc.RootElement.GetProperty("result").GetString() ?? "");
    }

    /// <summary>The cold-start milestones the page recorded (ms since navigation start).</summary>
    public async Task<(double Booted, double FirstResult, string First)> ColdAsync()
    {
        using var doc = JsonDocument.Parse(await Page.EvaluateAsync<string>("() => JSON.stringify(window.cold)"));
        var r = doc.RootElement;
        return (r.GetProperty("booted").GetDouble(), r.GetProperty("firstResult").GetDouble(), r.GetProperty("first").GetString() ?? "");
    }

    /// <summary>The page's last console errors/warnings, for error messages.</summary>
    public string LogTail()
    {
        lock (_log)
        {
            if (_log.Count == 0) return "";
            int from = Math.Max(0, _log.Count - 5);
            return " | " + string.Join(" | ", _log.GetRange(from, _log.Count - from));
        }
    }

    public async Task CloseAsync()
    {
        try { await Page.CloseAsync(); } catch (PlaywrightException) { }
    }
}
