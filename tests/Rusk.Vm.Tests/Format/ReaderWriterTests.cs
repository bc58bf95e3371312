// The decoder and encoder against the reference corpus: every module decodes, and re-encoding it
// reproduces the reference encoder's bytes exactly (BYTECODE_SPEC.md §10.1 determinism).
using System;
using System.Collections.Generic;
using System.IO;
using NUnit.Framework;
using Rusk.Vm.Format;

namespace Rusk.Vm.Tests.Format;

public sealed class ReaderWriterTests
{
    /// <summary>Every .rbc of the corpus: cases/ and bench/.</summary>
    public static IEnumerable<TestCaseData> CorpusFiles()
    {
        var files = new List<string>(Paths.CorpusCases());
        files.AddRange(Directory.GetFiles(Path.Combine(Paths.Corpus, "bench"), "*.rbc"));
        files.Sort(StringComparer.Ordinal);
        foreach (var f in files)
            yield return new TestCaseData(f).SetName("Decode_then_encode_is_byte_identical(" + Path.GetFileName(f) + ")");
    }

    [TestCaseSource(nameof(CorpusFiles))]
    public void Decode_then_encode_is_byte_identical(string path)
    {
        byte[] original = File.ReadAllBytes(path);
        Module m = RbcReader.Decode(original);
        byte[] again = RbcWriter.Encode(m);
        if (again.AsSpan().SequenceEqual(original)) return;
        int i = 0;
        while (i < Math.Min(again.Length, original.Length) && again[i] == original[i]) i++;
        Assert.Fail($"{Path.GetFileName(path)}: re-encoded bytes differ first at offset 0x{i:x} " +
                    $"(original {original.Length} bytes, re-encoded {again.Length})");
    }
}
