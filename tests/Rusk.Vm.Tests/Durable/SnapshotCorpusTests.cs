// The corpus through snapshots and journals: every case is run moving into a freshly restored VM at
// several yield points and at every request, and must still match the manifest exactly (result,
// stdout, host log, requests, instruction count); a journal recorded on every case replays, with no
// host installed, to a VM whose snapshot is byte-identical to the original's final one.
using System;
using System.Collections.Generic;
using System.IO;
using NUnit.Framework;
using Rusk.Cli.Corpus;
using Rusk.Vm.Format;
using Rusk.Vm.Tests.Corpus;

namespace Rusk.Vm.Tests.Durable;

[TestFixture]
[Parallelizable(ParallelScope.Children)]
public sealed class SnapshotCorpusTests
{
    static readonly Lazy<Dictionary<string, CorpusCase>> _byName = new(() =>
    {
        var map = new Dictionary<string, CorpusCase>(StringComparer.Ordinal);
        foreach (var c in CorpusManifest.Load(Paths.Corpus).Cases) map.Add(c.Name, c);
        return map;
    });

    public static IEnumerable<TestCaseData> Cases()
    {
        var list = new List<TestCaseData>();
        try
        {
            foreach (var name in _byName.Value.Keys) list.Add(new TestCaseData(name).SetName("Snapshot_" + name));
        }
        catch (Exception e)
        {
            list.Add(new TestCaseData("(manifest: " + e.Message + ")").SetName("Snapshot_corpus_manifest_loads"));
        }
        return list;
    }

    static CorpusCase Case(string name, out Module module)
    {
        if (!_byName.Value.TryGetValue(name, out var c)) Assert.Fail(name);
        if (ExpectedFailures.List.TryGetReason(name, out var reason)) Assert.Ignore("expected failure: " + reason);
        module = ModuleLoader.Load(File.ReadAllBytes(c!.RbcPath));
        return c;
    }

    [TestCaseSource(nameof(Cases))]
    public void Restored_at_yields_and_requests_runs_as_the_manifest_says(string name)
    {
        var c = Case(name, out var module);
        var hook = new TransplantHook(c);
        var run = CaseRunner.Execute(c, module, null, new RunnerOptions(), hook);
        var report = CaseComparer.CompareRun(c, run, "restored run");
        var problems = new List<string>(report.Mismatches);
        problems.AddRange(hook.Problems);
        Assert.That(problems, Is.Empty, string.Join("\n", problems));
        Assert.That(hook.Transplants, Is.GreaterThan(0), "the run never reached a yield or request to restore at");
    }

    [TestCaseSource(nameof(Cases))]
    public void Journal_replays_without_a_host_to_the_same_state(string name)
    {
        var c = Case(name, out var module);
        var hook = new JournalHook();
        var run = CaseRunner.Execute(c, module, null, new RunnerOptions(), hook);
        Assert.That(CaseComparer.CompareRun(c, run, "journaled run").Mismatches, Is.Empty);
        Assert.That(hook.Journal, Is.Not.Null);
        var replayed = Vm.Replay(module, hook.Journal!, new VmOptions { EnableMetrics = true });
        if (run.Finished) Assert.That(replayed.IsDone || replayed.IsTrapped, "replay ended before the run did");
        Assert.That(replayed.Metrics.ExecutedInstructions, Is.EqualTo(c.Instructions));
        Assert.That(replayed.Snapshot(), Is.EqualTo(hook.FinalSnapshot), "the replayed VM's final snapshot differs from the original's");
    }
}
