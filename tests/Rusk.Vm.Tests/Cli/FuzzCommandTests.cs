// `rusk-vm fuzz` with its execution stage, a short run over the corpus: no crash, most structure-
// aware inputs reach the interpreter, and an input replays to the same outcome from (seed, index).
using System.IO;
using System.Text.RegularExpressions;
using NUnit.Framework;

namespace Rusk.Vm.Tests.Cli;

public sealed class FuzzCommandTests
{
    static string Cases => Path.Combine(Paths.Corpus, "cases");

    [Test]
    public void Short_run_executes_inputs_and_finds_no_crash()
    {
        var (exit, stdout, stderr) = RuskVmProcess.RunCommand("fuzz", new[] { Cases, "--count", "600", "--seed", "11", "--jobs", "2" });
        Assert.That(exit, Is.EqualTo(0), stdout + stderr);
        Assert.That(stdout, Does.Contain("crashes 0"));
        var reached = Regex.Match(stdout, @"structure-aware inputs (\d+), of which executed (\d+)");
        Assert.That(reached.Success, Is.True, stdout);
        long structural = long.Parse(reached.Groups[1].Value), executed = long.Parse(reached.Groups[2].Value);
        Assert.That(structural, Is.GreaterThan(200), stdout);
        Assert.That(executed * 4, Is.GreaterThan(structural), "at least a quarter of the model mutations run: " + stdout);
        Assert.That(stdout, Does.Contain("Done "));
    }

    [Test]
    public void Replay_reproduces_an_input_from_seed_and_index()
    {
        var first = RuskVmProcess.RunCommand("fuzz", new[] { Cases, "--seed", "5", "--replay", "42" });
        var second = RuskVmProcess.RunCommand("fuzz", new[] { Cases, "--seed", "5", "--replay", "42" });
        Assert.That(first.Exit, Is.EqualTo(0), first.Out + first.Err);
        Assert.That(first.Out, Does.StartWith("input #42 (seed 5): "));
        Assert.That(second.Out, Is.EqualTo(first.Out));
    }
}
