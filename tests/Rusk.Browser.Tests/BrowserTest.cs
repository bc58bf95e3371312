// Base of the contract tests: one Chromium + one booted harness page per fixture (on the fixture's
// engine); each test runs an async JS body in that page (window.Rusk = the module, window.rusk =
// the booted API, `load(name)` = corpus case bytes).
using System;
using System.Threading.Tasks;
using Microsoft.Playwright;
using NUnit.Framework;

namespace Rusk.Browser.Tests;

public abstract class BrowserTest
{
    BrowserSession? _session;
    IPage? _page;

    /// <summary>"mono" or "aot": the engine the harness page boots.</summary>
    protected virtual string Engine => "mono";

    [OneTimeSetUp]
    public async Task StartBrowser()
    {
        if (AotBuild.Missing(Engine) is { } why) Assert.Ignore(why);
        _session = await BrowserSession.StartAsync();
        _page = await OpenAsync(Harness.Url(Engine));
    }

    /// <summary>For tests that open a page of their own (which boots the default engine, aot): run once, in the mono fixture.</summary>
    protected void MonoPageOnly()
    {
        if (Engine != "mono") Assert.Ignore("opens its own page on the default engine: run once, by the mono fixture");
    }

    [OneTimeTearDown]
    public async Task StopBrowser()
    {
        if (_session != null) await _session.DisposeAsync();
    }

    protected Task<IPage> OpenAsync(string path) => _session!.OpenAsync(path);

    protected string ConsoleText => string.Join("\n", _session!.Console);

    /// <summary>Evaluates `async () => { body }` in the harness page and returns its JSON result.</summary>
    protected Task<T> Js<T>(string body) => Js<T>(_page!, body);

    protected static async Task<T> Js<T>(IPage page, string body)
    {
        const string prelude = """
            const load = async (name) => new Uint8Array(await (await fetch(`/corpus/cases/${name}.rbc`)).arrayBuffer());
            const show = (v) => JSON.stringify(v, (k, x) => (typeof x === "bigint" ? `${x}n` : x));
            const err = (f) => { try { f(); return "no error"; } catch (e) { return `${e.name}: ${e.message}`; } };
            const aerr = async (p) => { try { await p; return "no error"; } catch (e) { return `${e.name}: ${e.message}`; } };
            const gcUntil = async (cond) => {
              for (let i = 0; i < 200 && !cond(); i++) { gc(); await new Promise((r) => setTimeout(r, 10)); }
              return cond();
            };
            """;
        try
        {
            // A hung page becomes a failure, not a hung suite.
            return await page.EvaluateAsync<T>($"async () => {{ {prelude}\n{body}\n}}").WaitAsync(TimeSpan.FromMinutes(3));
        }
        catch (PlaywrightException e)
        {
            throw new InvalidOperationException("page script failed: " + e.Message, e);
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException("page script did not finish within 3 minutes");
        }
    }
}
