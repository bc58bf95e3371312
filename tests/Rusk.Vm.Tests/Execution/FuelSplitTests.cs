// Yield points fall between any two instructions (§5.3): every corpus case, stepped with small and
// odd fuel budgets, must end exactly as the reference's run did (result, output, requests,
// instruction count). This exercises fused instruction runs and inlined calls at every split.
using System;
using System.IO;
using NUnit.Framework;
using Rusk.Cli.Corpus;
using Rusk.Vm.Format;

namespace Rusk.Vm.Tests.Execution;

public sealed class FuelSplitTests
{
    [TestCase(1UL)]
    [TestCase(2UL)]
    [TestCase(3UL)]
    [TestCase(7UL)]
    [TestCase(61UL)]
    public void Corpus_outcomes_do_not_depend_on_where_the_fuel_runs_out(ulong fuel)
    {
        var manifest = CorpusManifest.Load(Paths.Corpus);
        var options = new RunnerOptions();
        int failures = 0;
        foreach (var c in manifest.Cases)
        {
            var module = RbcReader.Decode(File.ReadAllBytes(c.RbcPath));
            var run = CaseRunner.Execute(c, module, fuel, options);
            string? diff = null;
            if (run.Result != c.Result) diff = $"result {run.Result}";
            else if (run.Stdout.ToString() != c.Stdout) diff = "stdout";
            else if (string.Join("\n", run.Requests) != string.Join("\n", c.Requests)) diff = "requests";
            else if (run.Instructions != c.Instructions) diff = $"instructions {run.Instructions} vs {c.Instructions}";
            if (diff == null) continue;
            failures++;
            TestContext.Out.WriteLine($"{c.Name}: {diff}");
        }
        Assert.That(failures, Is.EqualTo(0), $"fuel {fuel}: cases differ (see output)");
    }
}
