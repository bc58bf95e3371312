// Snapshot and journal bytes that are not right are refused with the offset and what is wrong
// (another module, another version, truncated, corrupted); SHA-256 against the FIPS 180-4 examples;
// handles kept by the host stay valid across a restore; the CLI's run → resume → replay path.
using System;
using System.IO;
using System.Text;
using NUnit.Framework;
using Rusk.Cli.Corpus;
using Rusk.Vm.Durable;
using Rusk.Vm.Format;

namespace Rusk.Vm.Tests.Durable;

[TestFixture]
[Parallelizable(ParallelScope.Children)]
public sealed class SnapshotFormatTests
{
    const string EchoCase = "211_bytecode_external_effect_echo_string_ok";

    static CorpusCase Case(string name)
    {
        foreach (var c in CorpusManifest.Load(Paths.Corpus).Cases)
            if (c.Name == name) return c;
        throw new InvalidOperationException($"corpus case {name} not found");
    }

    static Module Load(string name) => ModuleLoader.Load(File.ReadAllBytes(Case(name).RbcPath));

    /// <summary>The echo case's VM suspended on its request, and that request.</summary>
    static (Vm, StepResult) Suspended(VmOptions? options = null)
    {
        var vm = new Vm(Load(EchoCase), options);
        var r = vm.Step();
        Assert.That(r.Kind, Is.EqualTo(StepKind.Request));
        return (vm, r);
    }

    [TestCase("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [TestCase("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [TestCase("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    public void Sha256_matches_the_standard_examples(string text, string hex) =>
        Assert.That(Sha256.Hex(Sha256.Hash(Encoding.ASCII.GetBytes(text))), Is.EqualTo(hex));

    [Test]
    public void Restored_request_is_returned_again_and_the_old_handle_answers_it()
    {
        var (vm, r) = Suspended();
        var restored = Vm.Restore(vm.Module, vm.Snapshot());
        Assert.That(restored.IsSuspended);
        var again = restored.Step();
        Assert.That(again.Kind, Is.EqualTo(StepKind.Request));
        Assert.That(again.K, Is.EqualTo(r.K));
        Assert.That(again.Args[0].AsString, Is.EqualTo(r.Args[0].AsString));
        restored.Resume(r.K, AbiValue.String("hi"));
        var done = restored.Step();
        Assert.That(done.Kind, Is.EqualTo(StepKind.Done));
        Assert.That(done.Value.AsString, Is.EqualTo("hi"));
    }

    [Test]
    public void Snapshot_of_another_module_is_refused_at_the_module_hash()
    {
        var (vm, _) = Suspended();
        var e = Assert.Throws<SnapshotException>(() => Vm.Restore(Load("010_int_math"), vm.Snapshot()))!;
        Assert.That(e.Offset, Is.EqualTo(12));
        Assert.That(e.Message, Does.StartWith("snapshot offset 0xc: snapshot of another module"));
    }

    [Test]
    public void Snapshot_of_another_format_version_is_refused()
    {
        var (vm, _) = Suspended();
        var bytes = vm.Snapshot();
        bytes[8] = 99;
        var e = Assert.Throws<SnapshotException>(() => Vm.Restore(vm.Module, bytes))!;
        Assert.That(e.Message, Is.EqualTo("snapshot offset 0x8: expected format version 1, found 99"));
    }

    [Test]
    public void Truncated_snapshot_is_refused_with_both_lengths()
    {
        var (vm, _) = Suspended();
        var bytes = vm.Snapshot();
        var e = Assert.Throws<SnapshotException>(() => Vm.Restore(vm.Module, bytes.AsSpan(0, bytes.Length - 10).ToArray()))!;
        Assert.That(e.Message, Is.EqualTo($"snapshot offset 0x2c: truncated: the snapshot is {bytes.Length} bytes, found {bytes.Length - 10}"));
    }

    [Test]
    public void Corrupted_snapshot_is_refused_by_its_digest()
    {
        var (vm, _) = Suspended();
        var bytes = vm.Snapshot();
        bytes[Envelope.HeaderSize + 3] ^= 0x10;
        var e = Assert.Throws<SnapshotException>(() => Vm.Restore(vm.Module, bytes))!;
        Assert.That(e.Detail, Does.StartWith("corrupted: the sha256 digest"));
        Assert.That(e.Offset, Is.EqualTo(bytes.Length - Sha256.Size));
    }

    [Test]
    public void Not_a_snapshot_is_refused_at_offset_0()
    {
        var module = Load(EchoCase);
        var e = Assert.Throws<SnapshotException>(() => Vm.Restore(module, new byte[] { 1, 2, 3 }))!;
        Assert.That(e.Message, Is.EqualTo("snapshot offset 0x0: expected the magic \"RUSKSNAP\": not a Rusk VM snapshot"));
    }

    [Test]
    public void Snapshot_is_refused_during_a_host_call()
    {
        var module = Load("201_bytecode_call_host_concat_string_ok");
        var vm = new Vm(module);
        string? error = null;
        for (uint id = 0; id < module.HostImports.Length; id++)
            vm.RegisterHostImport(id, (cx, args) =>
            {
                try { vm.Snapshot(); } catch (VmException e) { error = e.Message; }
                return AbiValue.String("ab");
            });
        vm.Step();
        Assert.That(error, Is.EqualTo("invalid vm state: cannot snapshot during a host call"));
    }

    [Test]
    public void Journal_of_an_unanswered_request_replays_to_that_request()
    {
        var (vm, r) = Suspended(new VmOptions { Journal = true });
        var replayed = Vm.Replay(vm.Module, vm.Journal());
        var again = replayed.Step();
        Assert.That(again.Kind, Is.EqualTo(StepKind.Request));
        Assert.That(again.K, Is.EqualTo(r.K));
        Assert.That(replayed.Snapshot(), Is.EqualTo(vm.Snapshot()));
    }

    [Test]
    public void Journal_of_another_module_or_a_snapshot_is_refused()
    {
        var (vm, _) = Suspended(new VmOptions { Journal = true });
        var e = Assert.Throws<SnapshotException>(() => Vm.Replay(Load("010_int_math"), vm.Journal()))!;
        Assert.That(e.Message, Does.StartWith("journal offset 0xc: journal of another module"));
        e = Assert.Throws<SnapshotException>(() => Vm.Replay(vm.Module, vm.Snapshot()))!;
        Assert.That(e.Message, Is.EqualTo("journal offset 0x0: expected the magic \"RUSKJRNL\": not a Rusk VM journal"));
    }

    [Test]
    public void Journal_without_recording_is_an_api_error()
    {
        var (vm, _) = Suspended();
        Assert.Throws<VmException>(() => vm.Journal());
    }

    [Test]
    public void Cli_run_snapshot_on_request_then_resume_with_an_answer_then_replay()
    {
        var c = Case(EchoCase);
        string dir = Path.Combine(Path.GetTempPath(), "rusk-snap-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string snap = Path.Combine(dir, "s.snap"), journal = Path.Combine(dir, "j.jrnl");
            var run = RuskVmProcess.Run("run", c.RbcPath, "--snapshot-on-request", snap);
            Assert.That(run.Exit, Is.EqualTo(0), run.Err);
            Assert.That(run.Err, Does.Contain("suspended at TestFfi.echo(\"hi\")"));
            var resume = RuskVmProcess.Run("resume", snap, c.RbcPath, "--answer", "hi", "--print-result");
            Assert.That(resume.Exit, Is.EqualTo(0), resume.Err);
            Assert.That(resume.Out, Is.EqualTo(c.Result.Substring("done ".Length) + "\n"));

            var journaled = RuskVmProcess.Run("run", c.RbcPath, "--test-hosts", "--journal", journal);
            Assert.That(journaled.Exit, Is.EqualTo(0), journaled.Err);
            var replay = RuskVmProcess.Run("replay", journal, c.RbcPath);
            Assert.That(replay.Exit, Is.EqualTo(0), replay.Err);
            Assert.That(replay.Out, Is.EqualTo($"{c.Result}\ninstructions: {c.Instructions}\n"));

            var wrong = RuskVmProcess.Run("resume", snap, Case("010_int_math").RbcPath, "--answer", "1");
            Assert.That(wrong.Exit, Is.EqualTo(1));
            Assert.That(wrong.Err, Does.Contain("snapshot of another module"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
