// Headless Chromium (the Debian package, by path; Playwright never downloads a browser) with a
// fresh profile, plus the static server the pages come from.
using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Microsoft.Playwright;

namespace Rusk.Browser.Host;

sealed class BrowserSession : IAsyncDisposable
{
    readonly IPlaywright _playwright;
    readonly IBrowserContext _context;
    readonly string _profile;

    public StaticServer Server { get; }
    /// <summary>Console lines and page errors of every page (for failure messages).</summary>
    public List<string> Console { get; } = new();

    BrowserSession(IPlaywright pw, IBrowserContext context, string profile, StaticServer server)
    {
        _playwright = pw; _context = context; _profile = profile; Server = server;
    }

    /// <summary>Serves dist/, the test pages, the corpus and the samples, and launches Chromium.</summary>
    public static async Task<BrowserSession> StartAsync(string? corpus = null, params (string Prefix, string Dir)[] extra)
    {
        if (!File.Exists(Path.Combine(Paths.Dist, "index.js")))
            throw new InvalidOperationException($"{Paths.Dist}/index.js missing: run `make build` first");
        if (!File.Exists(Paths.Chromium))
            throw new InvalidOperationException($"{Paths.Chromium} missing: run `make setup` (installs the Debian chromium package)");
        var mounts = new List<(string, string)>
        {
            ("/dist/", Paths.Dist),
            ("/cdn/some/deep/path/", Paths.Dist),
            ("/web/", Paths.Web),
            ("/samples/", Paths.Samples),
            ("/corpus/", corpus ?? Paths.Corpus),
        };
        mounts.AddRange(extra);
        var server = new StaticServer(mounts.ToArray());
        string profile = Path.Combine(Path.GetTempPath(), "rusk-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        var pw = await Playwright.CreateAsync();
        var context = await pw.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = Paths.Chromium,
            Headless = true,
            Args = ChromiumLaunch.Args,
        });
        return new BrowserSession(pw, context, profile, server);
    }

    /// <summary>Opens `path` on the server and waits until the page sets window.ruskReady (or <paramref name="flag"/>).</summary>
    public async Task<IPage> OpenAsync(string path, string flag = "ruskReady")
    {
        var page = await _context.NewPageAsync();
        page.Console += (_, m) => { lock (Console) Console.Add($"[{m.Type}] {m.Text}"); };
        page.PageError += (_, e) => { lock (Console) Console.Add($"[pageerror] {e}"); };
        await page.GotoAsync(Server.Url + path.TrimStart('/'));
        await page.WaitForFunctionAsync($"() => window.{flag} !== undefined", null, new() { Timeout = 120_000 });
        if (flag != "ruskReady") return page;
        string ready = await page.EvaluateAsync<string>("() => window.ruskReady");
        if (ready != "ok") throw new InvalidOperationException($"page {path} failed to boot: {ready}");
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await _context.CloseAsync();
        _playwright.Dispose();
        Server.Dispose();
        try { Directory.Delete(_profile, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
