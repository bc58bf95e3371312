// The text format's acceptance criterion: for every corpus module, bytes → decode → disassemble →
// assemble → encode reproduces the original bytes exactly.
using System;
using System.Collections.Generic;
using System.IO;
using NUnit.Framework;
using Rusk.Vm.Format;
using Rusk.Vm.Text;

namespace Rusk.Vm.Tests.Text;

[Parallelizable(ParallelScope.Children)]
public sealed class CorpusTextRoundTripTests
{
    public static IEnumerable<TestCaseData> CorpusFiles()
    {
        var files = new List<string>(Paths.CorpusCases());
        files.AddRange(Directory.GetFiles(Path.Combine(Paths.Corpus, "bench"), "*.rbc"));
        files.Sort(StringComparer.Ordinal);
        foreach (var f in files)
            yield return new TestCaseData(f).SetName("Text_round_trip_is_byte_identical(" + Path.GetFileName(f) + ")");
    }

    [TestCaseSource(nameof(CorpusFiles))]
    public void Text_round_trip_is_byte_identical(string path)
    {
        byte[] original = File.ReadAllBytes(path);
        Module m = RbcReader.Decode(original);
        string text = Disassembler.Disassemble(m);
        Module back;
        try { back = Assembler.Assemble(text); }
        catch (AsmException e)
        {
            var lines = text.Split('\n');
            Assert.Fail($"{Path.GetFileName(path)}: disassembly does not assemble: {e.Message}\n  {(e.Line <= lines.Length ? lines[e.Line - 1] : "")}");
            return;
        }
        byte[] again = RbcWriter.Encode(back);
        if (again.AsSpan().SequenceEqual(original)) return;
        string? diff = ModuleDiff.First(m, back);
        int i = 0;
        while (i < Math.Min(again.Length, original.Length) && again[i] == original[i]) i++;
        Assert.Fail($"{Path.GetFileName(path)}: bytes differ first at offset 0x{i:x}; first model difference: {diff ?? "none"}");
    }
}
