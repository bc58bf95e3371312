// `rusk-vm run` and `rusk-vm corpus` as a user runs them (a child process), checked against the
// corpus records: output, exit status, argv, trap and request reporting, metrics, fuel.
using System;
using System.Diagnostics;
using System.IO;
using NUnit.Framework;
using Rusk.Cli.Corpus;

namespace Rusk.Vm.Tests.Corpus;

[TestFixture]
[Parallelizable(ParallelScope.Children)]
public sealed class CliTests
{
    sealed record Outcome(int Exit, string Stdout, string Stderr);

    static Outcome RuskVm(params string[] args)
    {
        var (exit, stdout, stderr) = RuskVmProcess.Run(args);
        return new Outcome(exit, stdout, stderr);
    }

    static CorpusCase Case(string name)
    {
        foreach (var c in CorpusManifest.Load(Paths.Corpus).Cases)
            if (c.Name == name) return c;
        throw new InvalidOperationException($"corpus case {name} not found");
    }

    static string DoneValue(CorpusCase c) =>
        c.Result.StartsWith("done ", StringComparison.Ordinal) ? c.Result.Substring(5) : throw new InvalidOperationException(c.Result);

    [Test]
    public void Run_writes_std_output_and_exits_0()
    {
        var c = Case("examples__01-hello-world");
        var o = RuskVm("run", c.RbcPath);
        Assert.That(o.Exit, Is.EqualTo(0), o.Stderr);
        Assert.That(o.Stdout, Is.EqualTo(c.Stdout));
    }

    [Test]
    public void Run_trap_reports_message_and_stack_and_exits_1()
    {
        var c = Case("021_array_oob_runtime_error");
        var o = RuskVm("run", c.RbcPath);
        Assert.That(o.Exit, Is.EqualTo(1));
        Assert.That(o.Stderr, Does.StartWith("runtime error: " + c.Result.Substring("trap ".Length) + "\n"));
        Assert.That(o.Stderr, Does.Contain("  at main @ pc "));
    }

    [Test]
    public void Run_passes_the_file_and_args_as_argv()
    {
        var c = Case("compiler_main_argv__main_can_receive_argv_from_host");
        Assert.That(c.Argv, Is.EqualTo(new[] { "", "hello" }));
        var o = RuskVm("run", c.RbcPath, "hello", "--print-result");
        Assert.That(o.Exit, Is.EqualTo(0), o.Stderr);
        Assert.That(o.Stdout, Is.EqualTo(DoneValue(c) + "\n"));
    }

    [Test]
    public void Run_unanswered_external_effect_request_exits_1()
    {
        var c = Case("210_bytecode_external_effect_add_int_ok");
        var o = RuskVm("run", c.RbcPath);
        Assert.That(o.Exit, Is.EqualTo(1));
        string request = c.Requests[0].Substring(0, c.Requests[0].IndexOf(" -> ", StringComparison.Ordinal));
        Assert.That(o.Stderr, Does.StartWith("runtime error: external effect request: " + request));
    }

    [Test]
    public void Run_with_test_hosts_answers_requests_like_the_corpus()
    {
        var c = Case("212_bytecode_external_effect_two_requests_ok");
        var o = RuskVm("run", c.RbcPath, "--test-hosts", "--print-result");
        Assert.That(o.Exit, Is.EqualTo(0), o.Stderr);
        Assert.That(o.Stdout, Is.EqualTo(DoneValue(c) + "\n"));
    }

    [Test]
    public void Run_metrics_reports_the_reference_instruction_count()
    {
        var c = Case("261_vcall_primitive_fast_path_ok");
        var o = RuskVm("run", c.RbcPath, "--metrics");
        Assert.That(o.Exit, Is.EqualTo(0), o.Stderr);
        Assert.That(o.Stderr, Is.EqualTo($"executed instructions: {c.Instructions}\n"));
    }

    [Test]
    public void Run_fuel_limit_stops_a_longer_program_with_exit_1()
    {
        var c = Case("261_vcall_primitive_fast_path_ok");
        var stopped = RuskVm("run", c.RbcPath, "--fuel", (c.Instructions - 1).ToString());
        Assert.That(stopped.Exit, Is.EqualTo(1));
        Assert.That(stopped.Stderr, Does.Contain("out of fuel"));
        var enough = RuskVm("run", c.RbcPath, "--fuel", c.Instructions.ToString());
        Assert.That(enough.Exit, Is.EqualTo(0), enough.Stderr);
    }

    [Test]
    public void Run_without_file_is_a_usage_error()
    {
        Assert.That(RuskVm("run").Exit, Is.EqualTo(2));
        Assert.That(RuskVm("run", "--bogus", "x.rbc").Exit, Is.EqualTo(2));
    }

    [Test]
    public void Corpus_filter_runs_matching_cases_and_summarises()
    {
        var o = RuskVm("corpus", Paths.Corpus, "--filter", "bytecode_external_effect");
        int expected = 0;
        foreach (var c in CorpusManifest.Load(Paths.Corpus).Cases)
            if (c.Name.Contains("bytecode_external_effect", StringComparison.Ordinal)) expected++;
        Assert.That(o.Exit, Is.EqualTo(0), o.Stdout);
        Assert.That(o.Stdout, Is.EqualTo($"{expected} passed, 0 failed\n"));
    }

    [Test]
    public void Corpus_expected_failure_that_passes_or_is_unknown_fails()
    {
        string list = Path.Combine(Path.GetTempPath(), $"rusk-ef-{Guid.NewGuid():N}.txt");
        File.WriteAllText(list, "001_smoke_unit  # pretend\nno_such_case\n");
        try
        {
            var o = RuskVm("corpus", Paths.Corpus, "--filter", "001_smoke_unit", "--expected-failures", list);
            Assert.That(o.Exit, Is.EqualTo(1));
            Assert.That(o.Stdout, Does.Contain("FAIL 001_smoke_unit: " + CorpusRunner.UnexpectedPassMessage));
            Assert.That(o.Stdout, Does.Contain("FAIL no_such_case: "));
            Assert.That(o.Stdout, Does.EndWith("0 passed, 2 failed, 0 skipped\n"));
        }
        finally
        {
            File.Delete(list);
        }
    }
}
