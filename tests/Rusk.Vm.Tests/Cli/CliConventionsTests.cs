// What every rusk-vm command does alike: help on stdout ending in a newline (exit 0), usage
// errors on stderr (exit 2), and one wording per input problem whichever command meets it.
using System;
using System.IO;
using NUnit.Framework;

namespace Rusk.Vm.Tests.Cli;

public sealed class CliConventionsTests
{
    static readonly string[] Commands = { "run", "verify", "dis", "asm", "corpus", "fuzz", "bench-decode", "bench" };

    [Test]
    public void Help_goes_to_stdout_and_ends_with_a_newline()
    {
        foreach (var help in new[] { new[] { "--help" }, new[] { "help" } })
        {
            var r = RuskVmProcess.Run(help);
            Assert.That(r.Exit, Is.EqualTo(0));
            Assert.That(r.Out, Does.StartWith("usage: rusk-vm <command>").And.EndWith(".\n"));
        }
        foreach (var command in Commands)
        {
            var r = RuskVmProcess.Run(command, "--help");
            Assert.That(r.Exit, Is.EqualTo(0), command);
            Assert.That(r.Out, Does.StartWith($"usage: rusk-vm {command}").And.EndWith("\n").And.Not.EndWith("\n\n"), command);
        }
    }

    [Test]
    public void No_command_and_unknown_command_are_usage_errors_on_stderr()
    {
        var none = RuskVmProcess.Run();
        Assert.That((none.Exit, none.Out), Is.EqualTo((2, "")));
        Assert.That(none.Err, Does.StartWith("usage: rusk-vm <command>").And.EndWith("\n"));
        var unknown = RuskVmProcess.Run("frobnicate");
        Assert.That((unknown.Exit, unknown.Out), Is.EqualTo((2, "")));
        Assert.That(unknown.Err, Does.StartWith("rusk-vm: unknown command `frobnicate`\nusage: rusk-vm <command>"));
    }

    [Test]
    public void Run_verify_and_dis_word_each_input_problem_the_same_way()
    {
        string dir = Path.Combine(Path.GetTempPath(), "rusk-cli-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(dir);
        try
        {
            string missing = Path.Combine(dir, "missing.rbc");
            string cut = Path.Combine(dir, "cut.rbc");
            byte[] whole = File.ReadAllBytes(Path.Combine(Paths.Corpus, "cases", "010_int_math.rbc"));
            File.WriteAllBytes(cut, whole.AsSpan(0, whole.Length / 2).ToArray());
            foreach (var command in new[] { "run", "verify", "dis" })
            {
                Assert.That(RuskVmProcess.Run(command, missing), Is.EqualTo((1, "", $"rusk-vm {command}: {missing}: cannot read: no such file\n")));
                Assert.That(RuskVmProcess.Run(command, dir), Is.EqualTo((1, "", $"rusk-vm {command}: {dir}: cannot read: is a directory\n")));
                var r = RuskVmProcess.Run(command, cut);
                Assert.That((r.Exit, r.Out), Is.EqualTo((1, "")), command);
                Assert.That(r.Err, Does.StartWith($"rusk-vm {command}: {cut}: malformed module: offset 0x").And.Contain("truncated"), command);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
