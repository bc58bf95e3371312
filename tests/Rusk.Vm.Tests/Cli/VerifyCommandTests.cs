// `rusk-vm verify` as a user runs it: one verdict per file, errors on stderr, exit 0 / 1 / 2.
using System;
using System.Diagnostics;
using System.IO;
using NUnit.Framework;
using Rusk.Vm.Format;

namespace Rusk.Vm.Tests.Cli;

public sealed class VerifyCommandTests
{
    static (int Exit, string Out, string Err) RunVerify(params string[] args) => RuskVmProcess.RunCommand("verify", args);

    static string TempFile(byte[] bytes)
    {
        var path = Path.Combine(Path.GetTempPath(), $"rusk-verify-{Guid.NewGuid():N}.rbc");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    static Module Minimal(uint regCount, Instr[] code) => new(
        new[] { new Function("main", regCount, 0, code) }, new uint[1], Array.Empty<HostImport>(),
        new[] { "unit", "bool", "int", "float", "byte", "char", "string", "bytes" }, Array.Empty<string>(),
        Empty<DispatchEntry>(8), Empty<DispatchEntry>(8), Empty<AssocTypeEntry>(8), Empty<uint>(8),
        new string[]?[8], new AbiSchema?[8], Array.Empty<ExternalEffectDecl>(), 0);

    static T[][] Empty<T>(int n)
    {
        var a = new T[n][];
        for (int i = 0; i < n; i++) a[i] = Array.Empty<T>();
        return a;
    }

    [Test]
    public void Valid_module_prints_ok_with_counts()
    {
        var path = Path.Combine(Paths.Corpus, "cases", "001_smoke_unit.rbc");
        var m = RbcReader.Decode(File.ReadAllBytes(path));
        int instructions = 0;
        foreach (var f in m.Functions) instructions += f.Code.Length;
        var (exit, stdout, stderr) = RunVerify(path);
        Assert.That(exit, Is.EqualTo(0), stderr);
        Assert.That(stdout, Is.EqualTo($"{path}: ok ({m.Functions.Length} functions, {instructions} instructions)\n"));
    }

    [Test]
    public void Invalid_files_exit_1_with_every_error_on_stderr()
    {
        var bad = TempFile(RbcWriter.Encode(Minimal(1, new Instr[] { new UnaryInstr(Opcode.Copy, 3, 0), new ReturnInstr(4) })));
        var truncated = TempFile(new byte[] { (byte)'R', (byte)'U', (byte)'S', (byte)'K' });
        try
        {
            var (exit, stdout, stderr) = RunVerify(bad, truncated);
            Assert.That(exit, Is.EqualTo(1));
            Assert.That(stdout, Is.Empty);
            Assert.That(stderr, Does.Contain($"rusk-vm verify: {bad}: 2 verifier errors"));
            Assert.That(stderr, Does.Contain("function `main` pc 0: dst: reg 3 out of range (reg_count=1)"));
            Assert.That(stderr, Does.Contain("function `main` pc 1: return value: reg 4 out of range (reg_count=1)"));
            Assert.That(stderr, Does.Contain($"rusk-vm verify: {truncated}: malformed module: offset 0x"));
        }
        finally
        {
            File.Delete(bad);
            File.Delete(truncated);
        }
    }

    [Test]
    public void No_files_or_unknown_option_is_a_usage_error()
    {
        Assert.That(RunVerify().Exit, Is.EqualTo(2));
        var (exit, _, stderr) = RunVerify("--frobnicate", "x.rbc");
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("unknown option `--frobnicate`"));
        Assert.That(RunVerify("--help").Exit, Is.EqualTo(0));
    }
}
