// `make run`: serves samples/NAME/ (its page imports /dist/), runs it in headless Chromium and
// prints the lines the page reports (the program's stdout and what the host saw).
using System;
using System.Threading.Tasks;

namespace Rusk.Browser.Host;

static class Sample
{
    public static async Task<int> RunAsync(string name)
    {
        await using var session = await BrowserSession.StartAsync();
        var page = await session.OpenAsync($"/samples/{name}/index.html", "sampleDone");
        var lines = await page.EvaluateAsync<string[]>("() => window.sampleDone.lines");
        bool ok = await page.EvaluateAsync<bool>("() => window.sampleDone.ok");
        foreach (var l in lines) Console.WriteLine(l);
        return ok ? 0 : 1;
    }
}
