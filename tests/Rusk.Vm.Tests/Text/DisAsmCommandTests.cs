// `rusk-vm dis` and `rusk-vm asm` as a user runs them: output, exit codes (0 ok, 1 invalid input,
// 2 usage) and error positions on stderr.
using System;
using System.Diagnostics;
using System.IO;
using NUnit.Framework;

namespace Rusk.Vm.Tests.Text;

public sealed class DisAsmCommandTests
{
    string _dir = "";

    [SetUp]
    public void MakeDir()
    {
        _dir = Path.Combine(Path.GetTempPath(), "rusk-text-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void RemoveDir() => Directory.Delete(_dir, true);

    static (int Exit, string Out, string Err) Run(params string[] args) => RuskVmProcess.Run(args);

    static string SmallCase() => Path.Combine(Paths.Corpus, "cases", "001_smoke_unit.rbc");

    [Test]
    public void Dis_then_asm_reproduces_the_module_bytes()
    {
        string rasm = Path.Combine(_dir, "m.rasm"), rbc = Path.Combine(_dir, "m.rbc");
        var dis = Run("dis", SmallCase(), "-o", rasm);
        Assert.That(dis.Exit, Is.EqualTo(0), dis.Err);
        Assert.That(File.ReadAllText(rasm), Does.Contain("fn main params 0"));
        var asm = Run("asm", rasm, "-o", rbc);
        Assert.That(asm.Exit, Is.EqualTo(0), asm.Err);
        Assert.That(File.ReadAllBytes(rbc), Is.EqualTo(File.ReadAllBytes(SmallCase())));
    }

    [Test]
    public void Dis_prints_to_stdout_by_default()
    {
        var r = Run("dis", SmallCase());
        Assert.That(r.Exit, Is.EqualTo(0), r.Err);
        Assert.That(r.Out, Does.StartWith("; Rusk bytecode module"));
        Assert.That(r.Out, Does.Contain("\nentry main\n"));
    }

    [Test]
    public void Dis_of_a_malformed_module_reports_the_offset()
    {
        string bad = Path.Combine(_dir, "bad.rbc");
        File.WriteAllBytes(bad, new byte[] { (byte)'R', (byte)'U', (byte)'S', (byte)'K', (byte)'B', (byte)'C', (byte)'0', 0, 0, 0, 99, 0 });
        var r = Run("dis", bad);
        Assert.That(r.Exit, Is.EqualTo(1));
        Assert.That(r.Err, Does.Contain("bad.rbc: malformed module: offset 0x"));
    }

    [Test]
    public void Asm_error_reports_file_line_and_column()
    {
        string src = Path.Combine(_dir, "e.rasm");
        File.WriteAllText(src, "fn main params 0 {\n    r0 = const 1\n    r1 = copy x3\n}\n");
        var r = Run("asm", src, "-o", Path.Combine(_dir, "e.rbc"));
        Assert.That(r.Exit, Is.EqualTo(1));
        Assert.That(r.Err.Trim(), Is.EqualTo(src + ":3:15: expected register (r<N>), found \"x3\""));
        Assert.That(File.Exists(Path.Combine(_dir, "e.rbc")), Is.False);
    }

    [Test]
    public void Usage_mistakes_exit_2_and_help_exits_0()
    {
        Assert.That(Run("dis").Exit, Is.EqualTo(2));
        Assert.That(Run("dis", "a.rbc", "--bogus").Exit, Is.EqualTo(2));
        Assert.That(Run("asm", "a.rasm").Exit, Is.EqualTo(2), "asm needs -o");
        var help = Run("dis", "--help");
        Assert.That(help.Exit, Is.EqualTo(0));
        Assert.That(help.Out, Does.Contain("usage: rusk-vm dis FILE.rbc [-o OUT.rasm]"));
        help = Run("asm", "--help");
        Assert.That(help.Exit, Is.EqualTo(0));
        Assert.That(help.Out, Does.Contain("usage: rusk-vm asm FILE.rasm -o OUT.rbc"));
    }

    [Test]
    public void Missing_input_file_exits_1()
    {
        var r = Run("dis", Path.Combine(_dir, "nope.rbc"));
        Assert.That(r.Exit, Is.EqualTo(1));
        Assert.That(r.Err, Does.Contain("cannot read"));
        r = Run("asm", Path.Combine(_dir, "nope.rasm"), "-o", Path.Combine(_dir, "x.rbc"));
        Assert.That(r.Exit, Is.EqualTo(1));
    }
}
