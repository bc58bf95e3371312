// One headless Chromium (the Debian package, by path; never downloaded), non-persistent (fresh
// contexts for cold starts, a browser-level DevTools session for traces), the loopback server the
// pages come from, and engine pages.
using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Microsoft.Playwright;
using Rusk.Browser.Host;

namespace Rusk.Perf.Browser;

sealed class PerfBrowser : IAsyncDisposable
{
    readonly IPlaywright _playwright;
    readonly IBrowser _browser;

    public StaticServer Server { get; }
    /// <summary>The context of the timed pages (one session; each engine in its own page).</summary>
    public IBrowserContext Context { get; }
    public string Version => _browser.Version;

    PerfBrowser(IPlaywright pw, IBrowser browser, IBrowserContext context, StaticServer server)
    {
        _playwright = pw; _browser = browser; Context = context; Server = server;
    }

    public static async Task<PerfBrowser> StartAsync(string stageDir)
    {
        if (!File.Exists(Path.Combine(RepoPaths.Dist, "index.js")))
            throw new InvalidOperationException($"{RepoPaths.Dist}/index.js missing: run `make build` first");
        if (!File.Exists(RepoPaths.Chromium))
            throw new InvalidOperationException($"{RepoPaths.Chromium} missing: run `make setup`");
        if (!Directory.Exists(Path.Combine(RepoPaths.NodeModules, "wasmoon")) || !Directory.Exists(Path.Combine(RepoPaths.NodeModules, "quickjs-emscripten-core")))
            throw new InvalidOperationException("node_modules lacks wasmoon or quickjs-emscripten: run `make setup`");
        var server = new StaticServer(
            ("/dist/", RepoPaths.Dist),
            ("/perf/web/", RepoPaths.Web),
            ("/node_modules/", RepoPaths.NodeModules),
            ("/stage/", stageDir));
        var pw = await Playwright.CreateAsync();
        var browser = await pw.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = RepoPaths.Chromium,
            Headless = true,
            Args = ChromiumLaunch.Args,
        });
        var context = await browser.NewContextAsync();
        return new PerfBrowser(pw, browser, context, server);
    }

    /// <summary>A fresh context: its own empty cache (the cold-start runs).</summary>
    public Task<IBrowserContext> NewContextAsync() => _browser.NewContextAsync();

    /// <summary>Opens bench.html for <paramref name="engine"/> in <paramref name="context"/> (default: the session's) and waits until it booted.</summary>
    public async Task<EnginePage> OpenAsync(Engine engine, IBrowserContext? context = null)
    {
        var page = await (context ?? Context).NewPageAsync();
        var log = new List<string>();
        page.Console += (_, m) => { if (m.Type is "error" or "warning") lock (log) log.Add($"[{m.Type}] {m.Text}"); };
        page.PageError += (_, e) => { lock (log) log.Add($"[pageerror] {e}"); };
        var ep = new EnginePage(engine, page, log);
        await page.GotoAsync($"{Server.Url}perf/web/bench.html?engine={engine.Name}");
        await page.WaitForFunctionAsync("() => window.benchReady !== undefined", null, new() { Timeout = 120_000 });
        string ready = await page.EvaluateAsync<string>("() => window.benchReady");
        if (ready != "ok")
        {
            await page.CloseAsync();
            throw new InvalidOperationException($"{engine.Name} page failed to boot: {ready}{ep.LogTail()}");
        }
        return ep;
    }

    TraceRecorder? _tracer;

    /// <summary>Starts a Chromium trace (all processes: the pages and their Workers) into <paramref name="path"/>.</summary>
    public async Task StartTracingAsync(string path)
    {
        _tracer ??= await TraceRecorder.CreateAsync(_browser);
        await _tracer.StartAsync(path);
    }

    public Task StopTracingAsync() => _tracer!.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        await _browser.CloseAsync();
        _playwright.Dispose();
        Server.Dispose();
    }
}
