// The conformance corpus as NUnit tests: one test per manifest case (named after it), run by the same
// runner as `rusk-vm corpus`, asserting a full match; tests/expected-failures.txt turns known
// failures into skips and fails when a listed case starts passing.
using System;
using System.Collections.Generic;
using NUnit.Framework;
using Rusk.Cli.Corpus;
using Rusk.Cli.Hosts;

namespace Rusk.Vm.Tests.Corpus;

[TestFixture]
[Parallelizable(ParallelScope.Children)]
public sealed class CorpusTests
{
    static readonly Lazy<CorpusManifest> _manifest = new(() => CorpusManifest.Load(Paths.Corpus));
    static readonly Lazy<Dictionary<string, CorpusCase>> _byName = new(() =>
    {
        var map = new Dictionary<string, CorpusCase>(StringComparer.Ordinal);
        foreach (var c in _manifest.Value.Cases) map.Add(c.Name, c);
        return map;
    });

    public static IEnumerable<TestCaseData> Cases()
    {
        CorpusManifest manifest;
        try
        {
            manifest = _manifest.Value;
        }
        catch (Exception e)
        {
            // Discovery must not crash: the corpus problem becomes one failing test.
            return new[] { new TestCaseData("(manifest: " + e.Message + ")").SetName("Corpus_manifest_loads") };
        }
        var list = new List<TestCaseData>(manifest.Cases.Length);
        foreach (var c in manifest.Cases) list.Add(new TestCaseData(c.Name).SetName(c.Name));
        return list;
    }

    [TestCaseSource(nameof(Cases))]
    public void Case(string name)
    {
        if (!_byName.Value.TryGetValue(name, out var c)) { Assert.Fail(name); return; }
        var report = CaseRunner.Run(c);
        switch (CorpusRunner.Judge(report, ExpectedFailures.List))
        {
            case Verdict.Passed: return;
            case Verdict.UnexpectedPass: Assert.Fail(CorpusRunner.UnexpectedPassMessage); return;
            case Verdict.ExpectedFailure:
                ExpectedFailures.List.TryGetReason(name, out var reason);
                Assert.Ignore($"expected failure ({reason}): {report.Summary}");
                return;
            default:
                Assert.Fail(string.Join("\n", report.Mismatches));
                return;
        }
    }
}

/// <summary>Checks of the runner's inputs against the corpus itself (no values invented here).</summary>
public sealed class CorpusRunnerTests
{
    [Test]
    public void Manifest_parses_every_case_with_its_module_present()
    {
        var manifest = CorpusManifest.Load(Paths.Corpus);
        Assert.That(manifest.Cases, Is.Not.Empty);
        foreach (var c in manifest.Cases)
            Assert.That(System.IO.File.Exists(c.RbcPath), c.RbcPath);
    }

    [Test]
    public void Dom_event_script_from_notes_matches_the_recorded_resumes()
    {
        var manifest = CorpusManifest.Load(Paths.Corpus);
        int checkedCases = 0;
        foreach (var c in manifest.Cases)
        {
            var script = EffectAnswerer.ParseEventScript(c.Notes);
            if (script == null) continue;
            checkedCases++;
            var resumed = new List<string>();
            foreach (var r in c.Requests)
                if (r.StartsWith("Dom.wait_event() -> \"", StringComparison.Ordinal))
                    resumed.Add(r.Substring("Dom.wait_event() -> \"".Length).TrimEnd('"'));
            Assert.That(script, Is.EqualTo(resumed), c.Name);
        }
        Assert.That(checkedCases, Is.GreaterThan(0), "no case with a Dom.wait_event script");
    }
}
