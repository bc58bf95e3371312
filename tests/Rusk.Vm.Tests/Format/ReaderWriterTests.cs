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

    static Module Make(string[] types, HostImport[] imports, string[]?[] layouts, uint[][] impls) => new(
        new[] { new Function("main", 1, 0, new Instr[] { new ReturnInstr(0) }) }, new uint[1], imports,
        types, Array.Empty<string>(),
        Empties<DispatchEntry>(types.Length), Empties<DispatchEntry>(types.Length), Empties<AssocTypeEntry>(types.Length),
        impls, layouts, new AbiSchema?[types.Length], Array.Empty<ExternalEffectDecl>(), 0);

    static T[][] Empties<T>(int n)
    {
        var a = new T[n][];
        for (int i = 0; i < n; i++) a[i] = Array.Empty<T>();
        return a;
    }

    [Test]
    public void Sparse_tables_keep_empty_layouts_and_drop_empty_impl_lists()
    {
        // A present-but-empty struct layout is written (the reference's Some(vec![])); an empty
        // interface list is not (the reference skips empty lists).
        var m = Make(new[] { "A", "B", "C" }, Array.Empty<HostImport>(),
            new string[]?[] { null, Array.Empty<string>(), new[] { "x" } },
            new[] { Array.Empty<uint>(), new uint[] { 2 }, Array.Empty<uint>() });
        var back = RbcReader.Decode(RbcWriter.Encode(m));
        Assert.That(back.StructLayouts[0], Is.Null);
        Assert.That(back.StructLayouts[1], Is.Empty);
        Assert.That(back.StructLayouts[2], Is.EqualTo(new[] { "x" }));
        Assert.That(back.InterfaceImpls[1], Is.EqualTo(new uint[] { 2 }));
        Assert.That(back.InterfaceImpls[0], Is.Empty);
        Assert.That(RbcWriter.Encode(back), Is.EqualTo(RbcWriter.Encode(m)));
    }

    [Test]
    public void Encoding_a_type_param_outside_a_schema_is_an_argument_error()
    {
        var m = Make(Array.Empty<string>(),
            new[] { new HostImport("h", new HostFnSig(new[] { AbiType.TypeParam(0) }, AbiType.Unit)) },
            Array.Empty<string[]?>(), Array.Empty<uint[]>());
        Assert.Throws<ArgumentException>(() => RbcWriter.Encode(m));
    }
}
