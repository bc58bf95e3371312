// The whole conformance corpus through the JS API in Chromium, with the JS test hosts: one NUnit
// test per case (same expectations as the .NET suite, instruction counts included). The corpus
// runs once, in one page, in the fixture set-up; each test reports its case.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using NUnit.Framework;

namespace Rusk.Browser.Tests;

[TestFixture]
[NonParallelizable]
public sealed class BrowserCorpusTests
{
    Dictionary<string, CaseResult>? _results;
    string? _setupError;

    [OneTimeSetUp]
    public async Task RunWholeCorpus()
    {
        try
        {
            await using var session = await BrowserSession.StartAsync();
            var page = await session.OpenAsync("/web/harness.html");
            var results = await CorpusRun.RunAsync(page);
            _results = new Dictionary<string, CaseResult>(StringComparer.Ordinal);
            foreach (var r in results) _results[r.Name] = r;
        }
        catch (Exception e)
        {
            _setupError = e.ToString();
        }
    }

    public static IEnumerable<TestCaseData> Cases()
    {
        List<string> names;
        try { names = CorpusRun.CaseNames(Paths.Corpus); }
        catch (Exception e)
        {
            return new[] { new TestCaseData("(manifest: " + e.Message + ")").SetName("Browser_corpus_manifest_loads") };
        }
        var list = new List<TestCaseData>(names.Count);
        foreach (var n in names) list.Add(new TestCaseData(n).SetName("Browser_" + n));
        return list;
    }

    [TestCaseSource(nameof(Cases))]
    public void Case(string name)
    {
        if (_setupError != null) Assert.Fail("browser corpus run failed: " + _setupError);
        if (_results == null || !_results.TryGetValue(name, out var r)) { Assert.Fail($"no result for {name}"); return; }
        if (!r.Ok && ExpectedFailures.Reason(name) is { } reason)
            Assert.Ignore($"expected failure ({reason}): {string.Join("; ", r.Mismatches)}");
        Assert.That(r.Ok, Is.True, string.Join("\n", r.Mismatches));
    }
}
