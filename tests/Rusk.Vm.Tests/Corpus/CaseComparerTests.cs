// The runner notices every kind of difference: real corpus cases run against records with one field
// altered must fail on exactly that field (a runner that always says "pass" would fail these).
using System;
using System.Collections.Generic;
using NUnit.Framework;
using Rusk.Cli.Corpus;

namespace Rusk.Vm.Tests.Corpus;

public sealed class CaseComparerTests
{
    static CorpusCase Case(string name)
    {
        foreach (var c in CorpusManifest.Load(Paths.Corpus).Cases)
            if (c.Name == name) return c;
        Assert.Fail($"corpus case {name} not found");
        throw new InvalidOperationException();
    }

    static IReadOnlyList<string> Mismatches(CorpusCase c)
    {
        var report = CaseRunner.Run(c);
        Assert.That(report.Passed, Is.False, "the altered record should not match");
        return report.Mismatches;
    }

    [Test]
    public void Wrong_result_value_is_reported_as_result()
    {
        var c = Case("212_bytecode_external_effect_two_requests_ok");
        var m = Mismatches(c with { Result = ValueText.Done("11") });
        Assert.That(m, Has.Count.EqualTo(1));
        Assert.That(m[0], Does.StartWith("result: expected done 11, got " + c.Result));
    }

    [Test]
    public void Wrong_trap_message_is_reported_as_result()
    {
        var c = Case("021_array_oob_runtime_error");
        var m = Mismatches(c with { Result = ValueText.Trap("index out of bounds: index=998, len=3") });
        Assert.That(m, Has.Count.EqualTo(1));
        Assert.That(m[0], Does.StartWith("result: "));
    }

    [Test]
    public void Wrong_stdout_names_the_first_differing_char()
    {
        var c = Case("examples__01-hello-world");
        var m = Mismatches(c with { Stdout = c.Stdout.Replace("world", "World") });
        Assert.That(m, Has.Count.EqualTo(1));
        Assert.That(m[0], Does.StartWith("stdout: expected "));
    }

    [Test]
    public void Wrong_request_resume_is_reported_as_requests()
    {
        var c = Case("212_bytecode_external_effect_two_requests_ok");
        var requests = (string[])c.Requests.Clone();
        requests[1] = requests[1].Replace("-> 7", "-> 8");
        Assert.That(requests[1], Is.Not.EqualTo(c.Requests[1]), "the record's form changed; update this test");
        var m = Mismatches(c with { Requests = requests });
        Assert.That(m, Has.Count.EqualTo(1));
        Assert.That(m[0], Does.StartWith("requests: first difference at [1]"));
    }

    [Test]
    public void Wrong_host_log_is_reported_as_hostLog()
    {
        var c = Case("browser__host-imports");
        var m = Mismatches(c with { HostLog = Array.Empty<string>() });
        Assert.That(m, Has.Count.EqualTo(1));
        Assert.That(m[0], Does.StartWith("hostLog: expected 0 entries, got 1"));
    }

    [Test]
    public void Wrong_counts_are_reported_per_field()
    {
        var c = Case("261_vcall_primitive_fast_path_ok");
        var m = Mismatches(c with { Instructions = c.Instructions + 1, StepsAtFuel1000 = c.StepsAtFuel1000 + 1, LastYieldRemainingFuel = null });
        Assert.That(m, Is.EqualTo(new[]
        {
            $"instructions: expected {c.Instructions + 1}, got {c.Instructions}",
            $"steps_at_fuel_1000: expected {c.StepsAtFuel1000 + 1}, got {c.StepsAtFuel1000}",
            $"lastYieldRemainingFuel: expected null, got {c.LastYieldRemainingFuel}",
        }));
    }

    [Test]
    public void Runaway_program_is_cut_short_by_the_instruction_cap()
    {
        var c = Case("261_vcall_primitive_fast_path_ok");
        var report = CaseRunner.Run(c, new RunnerOptions { InstructionCap = c.Instructions / 2 });
        Assert.That(report.Passed, Is.False);
        Assert.That(report.Mismatches[0], Does.StartWith("fuel-1000 run result: ").And.Contain("runaway"));
    }

    [Test]
    public void Missing_module_is_a_failure_not_a_crash()
    {
        var c = Case("001_smoke_unit");
        var report = CaseRunner.Run(c with { RbcPath = c.RbcPath + ".missing" });
        Assert.That(report.Mismatches, Has.Count.EqualTo(1));
        Assert.That(report.Mismatches[0], Does.StartWith("load: "));
    }
}
