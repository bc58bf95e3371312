// Runs conformance cases in a harness page (web/conformance.js) and brings the per-case results
// back to .NET: one page, one boot, every case.
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Playwright;

namespace Rusk.Browser.Host;

sealed record CaseResult(string Name, bool Ok, string[] Mismatches);

static class CorpusRun
{
    /// <summary>Case names of a corpus directory's manifest.json, in manifest order.</summary>
    public static List<string> CaseNames(string corpusDir)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(corpusDir, "manifest.json")));
        var names = new List<string>();
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
            names.Add(c.GetProperty("name").GetString()!);
        return names;
    }

    /// <summary>Runs the corpus served at /corpus/ (all cases, or <paramref name="only"/>).</summary>
    public static async Task<List<CaseResult>> RunAsync(IPage page, string[]? only = null)
    {
        string json = await page.EvaluateAsync<string>(
            "async (only) => JSON.stringify(await conformance.runCorpus(rusk, '/corpus/', only))", only)
            .WaitAsync(System.TimeSpan.FromMinutes(20));
        var list = new List<CaseResult>();
        using var doc = JsonDocument.Parse(json);
        foreach (var r in doc.RootElement.EnumerateArray())
        {
            var mismatches = new List<string>();
            foreach (var m in r.GetProperty("mismatches").EnumerateArray()) mismatches.Add(m.GetString()!);
            list.Add(new CaseResult(r.GetProperty("name").GetString()!, r.GetProperty("ok").GetBoolean(), mismatches.ToArray()));
        }
        return list;
    }
}
