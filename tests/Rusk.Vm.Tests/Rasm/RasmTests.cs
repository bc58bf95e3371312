// Runs every hand-written .rasm program under this folder (README.md): assemble, verify, run through
// the public Vm API without fuel (metrics on), with fuel 1000 (or the file's `steps` fuel) and, for
// small programs, with fuel 1, and compare each run with the file's expectations and with each other.
using System;
using System.Collections.Generic;
using System.IO;
using NUnit.Framework;
using Rusk.Vm.Format;
using Rusk.Vm.Text;

namespace Rusk.Vm.Tests.Rasm;

public sealed class RasmTests
{
    // Programs up to this many instructions are also run one instruction per Step.
    const ulong FuelOneLimit = 20_000;

    static string Root => Path.Combine(Paths.RepoRoot, "tests", "Rusk.Vm.Tests", "Rasm");

    public static IEnumerable<TestCaseData> Programs()
    {
        var files = Directory.GetFiles(Root, "*.rasm", SearchOption.AllDirectories);
        Array.Sort(files, StringComparer.Ordinal);
        foreach (var f in files)
        {
            string rel = Path.GetRelativePath(Root, f).Replace('\\', '/');
            yield return new TestCaseData(rel).SetName(rel.Substring(0, rel.Length - ".rasm".Length));
        }
    }

    [TestCaseSource(nameof(Programs))]
    public void Rasm(string file)
    {
        string text = File.ReadAllText(Path.Combine(Root, file));
        var spec = RasmSpec.Parse(text);
        var module = Load(file, text);

        if (spec.NewError != null)
        {
            var e = Assert.Throws<VmException>(() => new Vm(module, spec.Options(false)));
            Assert.That(e!.Message, Is.EqualTo(spec.NewError));
            return;
        }

        var problems = new List<string>();
        var free = RasmRunner.Run(module, spec, new StepMode("no fuel", null, true));
        Report(problems, "no fuel", free);
        if (spec.Final != null && free.Final != spec.Final)
            problems.Add($"final result: expected `{spec.Final}`, got `{free.Final}`");
        if (spec.TrapContains != null && !(free.Final.StartsWith("trap ", StringComparison.Ordinal) && free.Final.Contains(spec.TrapContains, StringComparison.Ordinal)))
            problems.Add($"final result: expected a trap containing `{spec.TrapContains}`, got `{free.Final}`");
        if (spec.Stdout != null && free.Stdout != spec.Stdout)
            problems.Add($"stdout: expected `{Esc(spec.Stdout)}`, got `{Esc(free.Stdout)}`");
        if (spec.Instructions is ulong n && free.Instructions != n)
            problems.Add($"instructions: expected {n}, got {free.Instructions}");

        var fuel = RasmRunner.Run(module, spec, new StepMode($"fuel {spec.StepsFuel}", spec.StepsFuel, false));
        Report(problems, $"fuel {spec.StepsFuel}", fuel);
        Same(problems, $"fuel {spec.StepsFuel}", free, fuel, instructions: false);
        if (spec.Steps is int steps && fuel.Steps != steps)
            problems.Add($"steps at fuel {spec.StepsFuel}: expected {steps}, got {fuel.Steps}");

        if (free.Instructions <= FuelOneLimit)
        {
            var one = RasmRunner.Run(module, spec, new StepMode("fuel 1", 1, true));
            Report(problems, "fuel 1", one);
            Same(problems, "fuel 1", free, one, instructions: true);
        }

        if (problems.Count > 0) Assert.Fail(file + ":\n  " + string.Join("\n  ", problems));
    }

    /// <summary>Every opcode, pattern kind and constant kind appears in some .rasm program.</summary>
    [Test]
    public void Programs_cover_every_opcode_pattern_kind_and_constant_kind()
    {
        var ops = new HashSet<Opcode>();
        var patterns = new HashSet<PatternKind>();
        var consts = new HashSet<ConstKind>();
        foreach (var data in Programs())
        {
            string file = (string)data.Arguments[0]!;
            var m = Load(file, File.ReadAllText(Path.Combine(Root, file)));
            foreach (var f in m.Functions)
                foreach (var ins in f.Code)
                {
                    ops.Add(ins.Op);
                    if (ins is ConstInstr c) consts.Add(c.Value.Kind);
                    if (ins is SwitchInstr sw) foreach (var cs in sw.Cases) AddPattern(cs.Pattern);
                    if (ins is PushHandlerInstr ph) foreach (var cl in ph.Clauses) foreach (var p in cl.ArgPatterns) AddPattern(p);
                }
        }
        Assert.Multiple(() =>
        {
            Assert.That(Missing(ops), Is.Empty, "opcodes no .rasm program uses");
            Assert.That(Missing(patterns), Is.Empty, "pattern kinds no .rasm program uses");
            Assert.That(Missing(consts), Is.Empty, "constant kinds no .rasm program uses");
        });

        void AddPattern(Pattern p)
        {
            patterns.Add(p.Kind);
            if (p.Kind == PatternKind.Literal) consts.Add(p.Literal!.Kind);
            foreach (var q in p.Prefix) AddPattern(q);
            if (p.Rest != null) AddPattern(p.Rest);
            foreach (var q in p.Suffix) AddPattern(q);
            foreach (var q in p.Fields) AddPattern(q);
        }
    }

    static List<T> Missing<T>(HashSet<T> seen) where T : struct, Enum
    {
        var missing = new List<T>();
        foreach (T v in Enum.GetValues<T>()) if (!seen.Contains(v)) missing.Add(v);
        return missing;
    }

    static Module Load(string file, string text)
    {
        Module module;
        try
        {
            module = Assembler.Assemble(text);
        }
        catch (AsmException e)
        {
            Assert.Fail($"{file}:{e.Line}:{e.Column}: {e.Detail}");
            throw;
        }
        var errors = Verifier.Verify(module);
        if (errors.Count > 0) Assert.Fail($"{file} does not verify:\n  " + string.Join("\n  ", errors));
        return module;
    }

    static void Report(List<string> problems, string mode, RasmRun run)
    {
        foreach (var p in run.Problems) problems.Add($"[{mode}] {p}");
    }

    static void Same(List<string> problems, string mode, RasmRun a, RasmRun b, bool instructions)
    {
        if (a.Final != b.Final) problems.Add($"[{mode}] final result `{b.Final}` differs from the run without fuel (`{a.Final}`)");
        if (a.Stdout != b.Stdout) problems.Add($"[{mode}] stdout `{Esc(b.Stdout)}` differs from the run without fuel (`{Esc(a.Stdout)}`)");
        if (instructions && a.Instructions != b.Instructions)
            problems.Add($"[{mode}] {b.Instructions} instructions, the run without fuel counted {a.Instructions}");
    }

    static string Esc(string s) => s.Replace("\\", "\\\\").Replace("\n", "\\n");
}
