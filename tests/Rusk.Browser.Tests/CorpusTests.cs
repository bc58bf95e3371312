// The whole conformance corpus through the JS API in Chromium, with the JS test hosts: one NUnit
// test per case (same expectations as the .NET suite, instruction counts included), once per
// engine (loadRusk({engine})). The corpus runs once, in one page, in the fixture set-up; each test
// reports its case against tests/expected-failures.txt as that engine reads it.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using NUnit.Framework;

namespace Rusk.Browser.Tests;

public abstract class CorpusFixture
{
    Dictionary<string, CaseResult>? _results;
    string? _setupError;

    /// <summary>"mono" or "aot": what the harness page passes to loadRusk.</summary>
    protected abstract string Engine { get; }

    [OneTimeSetUp]
    public async Task RunWholeCorpus()
    {
        try
        {
            if (AotBuild.Missing(Engine) is { } why) { _setupError = why; return; }
            await using var session = await BrowserSession.StartAsync();
            var page = await session.OpenAsync(Harness.Url(Engine));
            var results = await CorpusRun.RunAsync(page);
            _results = new Dictionary<string, CaseResult>(StringComparer.Ordinal);
            foreach (var r in results) _results[r.Name] = r;
        }
        catch (Exception e)
        {
            _setupError = e.ToString();
        }
    }

    /// <summary>One test per manifest case, named <paramref name="prefix"/> + case name (one failing test when the manifest does not load).</summary>
    public static IEnumerable<TestCaseData> Cases(string prefix)
    {
        List<string> names;
        try { names = CorpusRun.CaseNames(Paths.Corpus); }
        catch (Exception e)
        {
            return new[] { new TestCaseData("(manifest: " + e.Message + ")").SetName(prefix + "corpus_manifest_loads") };
        }
        var list = new List<TestCaseData>(names.Count);
        foreach (var n in names) list.Add(new TestCaseData(n).SetName(prefix + n));
        return list;
    }

    protected void Check(string name)
    {
        string? listed = ExpectedFailures.Reason(name, Engine);
        string? failure = _setupError != null ? $"{Engine} corpus run failed: {_setupError}"
            : _results == null || !_results.TryGetValue(name, out var r) ? $"no result for {name}"
            : r.Ok ? null
            : string.Join("\n", r.Mismatches);
        if (failure == null)
        {
            if (listed != null) Assert.Fail(ExpectedFailures.UnexpectedPassMessage);
            return;
        }
        if (listed != null) Assert.Ignore($"expected failure ({listed}): {failure}");
        Assert.Fail(failure);
    }
}

[TestFixture]
[NonParallelizable]
public sealed class BrowserCorpusTests : CorpusFixture
{
    protected override string Engine => "mono";

    public static IEnumerable<TestCaseData> MonoCases() => Cases("Browser_");

    [TestCaseSource(nameof(MonoCases))]
    public void Case(string name) => Check(name);
}

[TestFixture]
[NonParallelizable]
public sealed class BrowserAotCorpusTests : CorpusFixture
{
    protected override string Engine => "aot";

    public static IEnumerable<TestCaseData> AotCases() => Cases("BrowserAot_");

    [TestCaseSource(nameof(AotCases))]
    public void Case(string name) => Check(name);
}
