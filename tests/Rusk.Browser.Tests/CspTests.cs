// The runtime under the strictest CSP a wasm page can have: `script-src 'self' 'wasm-unsafe-eval'`
// (no 'unsafe-eval', no inline script). It must boot, run a corpus case to Done and cause no
// CSP violation (glue/README.md, "the CSP line").
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using NUnit.Framework;

namespace Rusk.Browser.Tests;

[TestFixture]
[NonParallelizable]
public sealed class CspTests
{
    const string Policy = "script-src 'self' 'wasm-unsafe-eval'";
    const string Case = "010_int_math";

    [Test]
    public async Task Runtime_runs_a_program_under_script_src_self_and_wasm_unsafe_eval_without_violations()
    {
        await using var session = await BrowserSession.StartAsync();
        session.Server.Headers.Add(("/web/csp.html", "Content-Security-Policy", Policy));
        var page = await session.OpenAsync($"/web/csp.html?case={Case}", "cspDone");
        string json = await page.EvaluateAsync<string>("() => JSON.stringify(window.cspDone)");
        using var doc = JsonDocument.Parse(json);
        var r = doc.RootElement;
        string console = string.Join("\n", session.Console);

        Assert.That(r.GetProperty("ok").GetBoolean(), Is.True, r.GetProperty("value").GetString() + "\n" + console);
        Assert.That(r.GetProperty("done").GetBoolean(), Is.True);
        Assert.That(r.GetProperty("value").GetString(), Is.EqualTo(ExpectedInt(Case)));
        Assert.That(r.GetProperty("violations").GetArrayLength(), Is.EqualTo(0), json);
        Assert.That(console, Does.Not.Contain("Content Security Policy").IgnoreCase);
        Assert.That(console, Does.Not.Contain("[error]"));
        Assert.That(console, Does.Not.Contain("[pageerror]"));
    }

    [Test]
    public async Task Csp_header_is_actually_enforced_on_the_test_page()
    {
        // Guards the test above: an inline script on the same policy must be blocked and reported.
        await using var session = await BrowserSession.StartAsync();
        session.Server.Headers.Add(("/web/csp.html", "Content-Security-Policy", Policy));
        var page = await session.OpenAsync($"/web/csp.html?case={Case}", "cspDone");
        string blocked = await page.EvaluateAsync<string>(@"async () => {
            const seen = new Promise((r) => document.addEventListener('securitypolicyviolation', (e) => r(e.violatedDirective), { once: true }));
            const s = document.createElement('script');
            s.textContent = 'window.inlineRan = true';
            document.body.append(s);
            const directive = await Promise.race([seen, new Promise((r) => setTimeout(() => r('no violation'), 2000))]);
            return `${directive} ${window.inlineRan === true}`;
        }");
        Assert.That(blocked, Does.StartWith("script-src"));
        Assert.That(blocked, Does.EndWith("false"));
    }

    /// <summary>The manifest's recorded int result of a case (the corpus is the reference).</summary>
    static string ExpectedInt(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Paths.Corpus, "manifest.json")));
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            if (c.GetProperty("name").GetString() != name) continue;
            var res = c.GetProperty("result");
            Assert.That(res.GetProperty("tag").GetString(), Is.EqualTo("done"));
            Assert.That(res.GetProperty("value").GetProperty("type").GetString(), Is.EqualTo("int"));
            return res.GetProperty("value").GetProperty("value").GetString()!;
        }
        throw new AssertionException($"{name} not in manifest.json");
    }
}
