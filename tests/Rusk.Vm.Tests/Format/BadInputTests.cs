// Malformed `.rbc` input: every failure is a DecodeException that names the offset and what was
// expected, never another exception, a hang, a stack overflow or a huge allocation. Crafted inputs
// pin the reference decoder's acceptance rules; truncations and seeded mutations of corpus files
// sweep the rest.
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using NUnit.Framework;
using Rusk.Cli;
using Rusk.Vm.Format;

namespace Rusk.Vm.Tests.Format;

public sealed class BadInputTests
{
    // ---- a byte builder for crafted modules (the §10.4 layout, written out by hand) -------------

    public sealed class Rbc
    {
        readonly List<byte> _b = new();
        public int Offset => _b.Count;
        public Rbc U8(int v) { _b.Add((byte)v); return this; }
        public Rbc U16(int v) { U8(v & 0xff); return U8(v >> 8); }
        public Rbc U32(uint v) { U16((int)(v & 0xffff)); return U16((int)(v >> 16)); }
        public Rbc U32(int v) => U32((uint)v);
        public Rbc Raw(ReadOnlySpan<byte> bytes) { foreach (var b in bytes) _b.Add(b); return this; }
        public Rbc Str(string s) { var u = Encoding.UTF8.GetBytes(s); U32(u.Length); return Raw(u); }
        public byte[] ToArray() => _b.ToArray();

        public static Rbc Header(int major = 0, int minor = 15) => new Rbc().Raw("RUSKBC0\0"u8).U16(major).U16(minor);
    }

    /// <summary>The tables after the functions; each null hook writes an empty table.</summary>
    public sealed class Tables
    {
        public string[] Types = Array.Empty<string>();
        public string[] Methods = Array.Empty<string>();
        public Action<Rbc>? HostImports, VCall, SCall, Assoc, Impls, Layouts, Schemas, Effects;
    }

    /// <summary>A module whose functions (count included) are written by <paramref name="functions"/>.</summary>
    static byte[] Module(Action<Rbc> functions, Tables? t = null, int genericParams = 1)
    {
        t ??= new Tables();
        var w = Rbc.Header();
        functions(w);
        w.U32(genericParams);
        for (int i = 0; i < genericParams; i++) w.U32(0);
        Table(w, t.HostImports);
        w.U32(t.Types.Length);
        foreach (var s in t.Types) w.Str(s);
        w.U32(t.Methods.Length);
        foreach (var s in t.Methods) w.Str(s);
        Table(w, t.VCall);
        Table(w, t.SCall);
        Table(w, t.Assoc);
        Table(w, t.Impls);
        Table(w, t.Layouts);
        Table(w, t.Schemas);
        Table(w, t.Effects);
        w.U32(0); // entry
        return w.ToArray();
    }

    static void Table(Rbc w, Action<Rbc>? write)
    {
        if (write == null) w.U32(0);
        else write(w);
    }

    /// <summary>One function `main` (1 register, 0 params) with the given code (count included).</summary>
    static byte[] WithMain(int instrs, Action<Rbc> code, Tables? t = null) =>
        Module(w => { w.U32(1).Str("main").U32(1).U32(0).U32(instrs); code(w); }, t);

    static readonly Action<Rbc> ReturnR0 = w => w.U8((int)Opcode.Return).U32(0);

    static DecodeException Rejects(byte[] bytes)
    {
        var e = Assert.Throws<DecodeException>(() => RbcReader.Decode(bytes))!;
        Assert.That(e.Message, Does.Match(MessageShape), "message shape");
        return e;
    }

    static readonly Regex MessageShape = new(@"^offset 0x[0-9a-f]+: expected \S.*$", RegexOptions.Singleline);

    // ---- header --------------------------------------------------------------------------------

    [Test]
    public void Minimal_crafted_module_decodes_and_round_trips()
    {
        byte[] bytes = WithMain(1, ReturnR0);
        Module m = RbcReader.Decode(bytes);
        Assert.That(m.Functions, Has.Length.EqualTo(1));
        Assert.That(m.Functions[0].Name, Is.EqualTo("main"));
        Assert.That(m.Functions[0].Code[0], Is.InstanceOf<ReturnInstr>());
        Assert.That(RbcWriter.Encode(m), Is.EqualTo(bytes));
    }

    [Test]
    public void Wrong_magic_is_rejected_at_offset_0()
    {
        byte[] bytes = WithMain(1, ReturnR0);
        bytes[6] = (byte)'1';
        var e = Rejects(bytes);
        Assert.That(e.Offset, Is.EqualTo(0));
        Assert.That(e.Message, Does.StartWith("offset 0x0: expected magic \"RUSKBC0\\0\", found 52 55 53 4b 42 43 31 00"));
    }

    [TestCase(0)]
    [TestCase(5)]
    [TestCase(8)]
    [TestCase(11)]
    public void Input_shorter_than_the_header_reports_end_of_input(int length)
    {
        var e = Rejects(WithMain(1, ReturnR0).AsSpan(0, length).ToArray());
        Assert.That(e.Detail, Does.Contain("found end of input"));
        Assert.That(e.Offset, Is.LessThanOrEqualTo(length));
    }

    [Test]
    public void Every_cut_off_module_is_reported_as_truncated()
    {
        byte[] whole = RbcWriter.Encode(Rusk.Vm.Text.Assembler.Assemble(
            System.IO.File.ReadAllText(System.IO.Path.Combine(Paths.RepoRoot, "samples", "hello", "hello.rasm"))));
        for (int length = 1; length < whole.Length; length++)
        {
            var e = Rejects(whole.AsSpan(0, length).ToArray());
            Assert.That(e.Detail, Does.Contain("truncated"), $"cut at {length} of {whole.Length}: {e.Message}");
        }
    }

    [TestCase(0, 14)]
    [TestCase(0, 16)]
    [TestCase(1, 15)]
    public void Other_versions_are_rejected(int major, int minor)
    {
        byte[] bytes = WithMain(1, ReturnR0);
        bytes[8] = (byte)major;
        bytes[10] = (byte)minor;
        var e = Rejects(bytes);
        Assert.That(e.Message, Is.EqualTo($"offset 0x8: expected version 0.15, found {major}.{minor}"));
    }

    [Test]
    public void Trailing_byte_is_rejected_at_the_end_of_the_module()
    {
        byte[] good = WithMain(1, ReturnR0);
        var bytes = new byte[good.Length + 1];
        good.CopyTo(bytes, 0);
        var e = Rejects(bytes);
        Assert.That(e.Offset, Is.EqualTo(good.Length));
        Assert.That(e.Detail, Is.EqualTo("expected end of input, found 1 trailing bytes"));
    }

    // ---- lengths -------------------------------------------------------------------------------

    [Test]
    public void Absurd_function_count_fails_at_once_without_allocating()
    {
        var w = Rbc.Header().U32(0xFFFF_FFFFu);
        while (w.Offset < 100) w.U8(0);
        byte[] bytes = w.ToArray();
        RbcReader.Decode(WithMain(1, ReturnR0)); // warm up, so the measurement sees only this input
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<DecodeException>(() => RbcReader.Decode(bytes))!;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(e.Offset, Is.EqualTo(12));
        Assert.That(e.Detail, Is.EqualTo("expected functions_len <= 5 (84 bytes left), found 4294967295 (the input is truncated or the length is corrupt)"));
        Assert.That(allocated, Is.LessThan(64 * 1024), "bytes allocated before rejecting");
    }

    [Test]
    public void Absurd_code_length_fails_at_the_length_field()
    {
        int at = -1;
        byte[] bytes = Module(w => { w.U32(1).Str("main").U32(1).U32(0); at = w.Offset; w.U32(0x7FFF_FFFF); ReturnR0(w); });
        var e = Rejects(bytes);
        Assert.That(e.Offset, Is.EqualTo(at));
        Assert.That(e.Detail, Does.StartWith("expected code_len <= "));
    }

    [Test]
    public void String_longer_than_the_input_is_rejected()
    {
        int at = -1;
        byte[] bytes = Module(w => { w.U32(1); at = w.Offset; w.U32(1000).Raw("main"u8).U32(1).U32(0).U32(0); });
        var e = Rejects(bytes);
        Assert.That(e.Offset, Is.EqualTo(at));
        Assert.That(e.Detail, Does.StartWith("expected function name length <= "));
    }

    // ---- tags ----------------------------------------------------------------------------------

    [Test]
    public void Unknown_opcode_names_offset_expectation_and_byte()
    {
        int at = -1;
        var e = Rejects(WithMain(1, w => { at = w.Offset; w.U8(0x7f); }));
        Assert.That(e.Message, Is.EqualTo($"offset 0x{at:x}: expected instruction opcode 0..63, found 0x7f"));
    }

    [TestCase(0, true)]
    [TestCase(1, true)]
    [TestCase(2, false)]
    [TestCase(0xff, false)]
    public void Bool_byte_must_be_0_or_1(int value, bool accepted)
    {
        byte[] bytes = WithMain(2, w => w.U8((int)Opcode.Const).U32(0).U8((int)ConstKind.Bool).U8(value).Raw(ReturnBytes()));
        if (accepted) Assert.That(((ConstInstr)RbcReader.Decode(bytes).Functions[0].Code[0]).Value.AsBool, Is.EqualTo(value == 1));
        else Assert.That(Rejects(bytes).Detail, Is.EqualTo($"expected bool 0 or 1, found 0x{value:x2}"));
    }

    static byte[] ReturnBytes() => new Rbc().U8((int)Opcode.Return).U32(0).ToArray();

    [Test]
    public void Option_reg_tag_other_than_0_or_1_is_rejected()
    {
        var e = Rejects(WithMain(1, w => w.U8((int)Opcode.Call).U8(2)));
        Assert.That(e.Detail, Is.EqualTo("expected Option<Reg> tag 0 or 1, found 0x02"));
    }

    [TestCase(89, true)]
    [TestCase(90, false)]
    [TestCase(0xffff, false)]
    public void Intrinsic_tags_are_0_to_89(int tag, bool accepted)
    {
        byte[] bytes = WithMain(2, w => w.U8((int)Opcode.Call).U8(0).U8((int)CallKind.Intrinsic).U16(tag).U32(0).Raw(ReturnBytes()));
        if (accepted)
            Assert.That(((CallInstr)RbcReader.Decode(bytes).Functions[0].Code[0]).Target.Intrinsic, Is.EqualTo((Intrinsic)tag));
        else
            Assert.That(Rejects(bytes).Detail, Is.EqualTo($"expected Intrinsic tag 0..89, found {tag}"));
    }

    [Test]
    public void Every_opcode_outside_0_to_63_is_rejected()
    {
        for (int op = 64; op < 256; op++)
            Assert.That(Rejects(WithMain(1, w => w.U8(op))).Detail, Does.StartWith("expected instruction opcode 0..63"));
    }

    [Test]
    public void Type_param_is_rejected_in_a_host_import_signature()
    {
        var t = new Tables { HostImports = w => w.U32(1).Str("h").U32(1).U8((int)AbiKind.TypeParam).U32(0).U8((int)AbiKind.Unit) };
        Assert.That(Rejects(WithMain(1, ReturnR0, t)).Detail, Is.EqualTo("expected AbiType tag 0..12, found 0x0d"));
    }

    [Test]
    public void Type_param_is_accepted_inside_an_abi_schema()
    {
        var t = new Tables
        {
            Types = new[] { "Box" },
            Schemas = w => w.U32(1).U32(0).U8(1).U32(1).U32(1).Str("value").U8((int)AbiKind.TypeParam).U32(0),
        };
        byte[] bytes = WithMain(1, ReturnR0, t);
        var schema = RbcReader.Decode(bytes).AbiSchemas[0]!;
        Assert.That(schema.Fields[0].Type.Kind, Is.EqualTo(AbiKind.TypeParam));
        Assert.That(RbcWriter.Encode(RbcReader.Decode(bytes)), Is.EqualTo(bytes));
    }

    [Test]
    public void Abi_schema_kind_must_be_struct_or_enum()
    {
        var t = new Tables { Types = new[] { "T" }, Schemas = w => w.U32(1).U32(0).U8(3) };
        Assert.That(Rejects(WithMain(1, ReturnR0, t)).Detail, Is.EqualTo("expected abi schema kind 1 (struct) or 2 (enum), found 0x03"));
    }

    // ---- per-type tables -----------------------------------------------------------------------

    static IEnumerable<TestCaseData> TypeIdOutOfRange()
    {
        // Two type names, so TypeId 2 is one past the end.
        yield return new TestCaseData("vcall_dispatch", new Tables { VCall = w => w.U32(1).U32(2).U32(0).U32(0) });
        yield return new TestCaseData("scall_dispatch", new Tables { SCall = w => w.U32(1).U32(2).U32(0).U32(0) });
        yield return new TestCaseData("assoc_type_dispatch", new Tables { Assoc = w => w.U32(1).U32(2).U32(0).Str("Item").U32(0) });
        yield return new TestCaseData("interface_impls", new Tables { Impls = w => w.U32(1).U32(2).U32(0) });
        yield return new TestCaseData("struct_layouts", new Tables { Layouts = w => w.U32(1).U32(2).U32(0) });
        yield return new TestCaseData("abi_schemas", new Tables { Schemas = w => w.U32(1).U32(2).U8(1).U32(0).U32(0) });
    }

    [TestCaseSource(nameof(TypeIdOutOfRange))]
    public void Per_type_entry_with_TypeId_out_of_range_is_rejected(string table, Tables t)
    {
        t.Types = new[] { "A", "B" };
        Assert.That(Rejects(WithMain(1, ReturnR0, t)).Detail, Is.EqualTo($"expected TypeId < 2 in {table}, found 2"));
    }

    [Test]
    public void Duplicate_struct_layout_entry_is_rejected()
    {
        var t = new Tables { Types = new[] { "P" }, Layouts = w => w.U32(2).U32(0).U32(1).Str("x").U32(0).U32(0) };
        Assert.That(Rejects(WithMain(1, ReturnR0, t)).Detail, Does.Contain("found a second for TypeId 0"));
    }

    [Test]
    public void Duplicate_abi_schema_entry_is_rejected()
    {
        var t = new Tables { Types = new[] { "P" }, Schemas = w => w.U32(2).U32(0).U8(1).U32(0).U32(0).U32(0).U8(2).U32(0).U32(0) };
        Assert.That(Rejects(WithMain(1, ReturnR0, t)).Detail, Does.Contain("found a second for TypeId 0"));
    }

    [Test]
    public void Repeated_interface_impls_entry_replaces_the_earlier_one()
    {
        // The reference decoder overwrites the slot rather than rejecting; so do we.
        var t = new Tables { Types = new[] { "S", "I", "J" }, Impls = w => w.U32(2).U32(0).U32(1).U32(1).U32(0).U32(1).U32(2) };
        Assert.That(RbcReader.Decode(WithMain(1, ReturnR0, t)).InterfaceImpls[0], Is.EqualTo(new uint[] { 2 }));
    }

    [Test]
    public void Dispatch_entries_keep_file_order_within_a_type()
    {
        var t = new Tables
        {
            Types = new[] { "A", "B" },
            Methods = new[] { "m", "n" },
            VCall = w => w.U32(3).U32(1).U32(1).U32(0).U32(0).U32(0).U32(0).U32(1).U32(0).U32(0),
        };
        var m = RbcReader.Decode(WithMain(1, ReturnR0, t));
        Assert.That(m.VCallDispatch[0], Has.Length.EqualTo(1));
        Assert.That(m.VCallDispatch[1], Has.Length.EqualTo(2));
        Assert.That(m.VCallDispatch[1][0].MethodId, Is.EqualTo(1));
        Assert.That(m.VCallDispatch[1][1].MethodId, Is.EqualTo(0));
    }

    // ---- names ---------------------------------------------------------------------------------

    static IEnumerable<TestCaseData> Duplicates()
    {
        yield return new TestCaseData("duplicate type name `T`", new Tables { Types = new[] { "T", "T" } }, 1);
        yield return new TestCaseData("duplicate method name `m`", new Tables { Methods = new[] { "m", "m" } }, 1);
        yield return new TestCaseData("duplicate host import name `h`",
            new Tables { HostImports = w => w.U32(2).Str("h").U32(0).U8(0).Str("h").U32(0).U8(0) }, 1);
        yield return new TestCaseData("duplicate external effect `E.op`",
            new Tables { Effects = w => w.U32(2).Str("E").Str("op").U32(0).U8(0).Str("E").Str("op").U32(0).U8(2) }, 1);
        yield return new TestCaseData("duplicate function name `main`", new Tables(), 2);
    }

    [TestCaseSource(nameof(Duplicates))]
    public void Duplicate_names_are_rejected(string message, Tables t, int functions)
    {
        byte[] bytes = Module(w =>
        {
            w.U32(functions);
            for (int i = 0; i < functions; i++) { w.Str("main").U32(1).U32(0).U32(1); ReturnR0(w); }
        }, t, functions);
        var e = Rejects(bytes);
        Assert.That(e.Detail, Does.Contain(message));
        Assert.That(e.Offset, Is.EqualTo(bytes.Length), "reported where decoding stopped");
    }

    [Test]
    public void Invalid_utf8_is_rejected_at_the_offending_byte()
    {
        int at = -1;
        byte[] bytes = Module(w => { w.U32(1).U32(4).Raw("ma"u8); at = w.Offset; w.U8(0xff).U8((byte)'n').U32(1).U32(0).U32(1); ReturnR0(w); });
        var e = Rejects(bytes);
        Assert.That(e.Message, Is.EqualTo($"offset 0x{at:x}: expected UTF-8 function name, found invalid byte 0xff"));
    }

    [TestCase(new byte[] { 0xed, 0xa0, 0x80 }, TestName = "Encoded_surrogate_is_invalid_utf8")]
    [TestCase(new byte[] { 0xc0, 0xaf }, TestName = "Overlong_encoding_is_invalid_utf8")]
    [TestCase(new byte[] { 0xe2, 0x82 }, TestName = "Cut_sequence_is_invalid_utf8")]
    public void Invalid_utf8_sequences_are_rejected(byte[] utf8)
    {
        byte[] bytes = WithMain(1, w => w.U8((int)Opcode.Trap).U32(utf8.Length).Raw(utf8));
        Assert.That(Rejects(bytes).Detail, Does.StartWith("expected UTF-8 trap message"));
    }

    [Test]
    public void Identical_strings_share_one_instance()
    {
        const int n = 1000;
        byte[] bytes = WithMain(n + 1, w =>
        {
            for (int i = 0; i < n; i++) w.U8((int)Opcode.GetField).U32(0).U32(0).Str(i % 2 == 0 ? "value" : "main");
            ReturnR0(w);
        });
        var m = RbcReader.Decode(bytes);
        var code = m.Functions[0].Code;
        for (int i = 0; i < n; i++)
        {
            string field = ((GetFieldInstr)code[i]).Field;
            Assert.That(field, Is.SameAs(i % 2 == 0 ? ((GetFieldInstr)code[0]).Field : m.Functions[0].Name));
        }
    }

    [Test]
    public void Corpus_module_names_are_shared_across_tables()
    {
        var m = RbcReader.Decode(File.ReadAllBytes(Paths.CorpusCases()[0]));
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        int checkedCount = 0;
        void Check(string s)
        {
            if (seen.TryGetValue(s, out var first)) { Assert.That(s, Is.SameAs(first), s); checkedCount++; }
            else seen[s] = s;
        }
        foreach (var t in m.TypeNames) Check(t);
        foreach (var f in m.Functions)
            foreach (var i in f.Code)
                switch (i)
                {
                    case GetFieldInstr g: Check(g.Field); break;
                    case SetFieldInstr s: Check(s.Field); break;
                    case MakeEnumInstr e: Check(e.Variant); break;
                    case MakeTypeRepInstr r when r.Base.Name != null: Check(r.Base.Name); break;
                    case TrapInstr tr: Check(tr.Message); break;
                }
        Assert.That(checkedCount, Is.GreaterThan(100), "repeated names seen");
    }

    // ---- nesting -------------------------------------------------------------------------------

    /// <summary>Switch on r0 with one case: `depth` nested one-element tuple patterns around a Bind.</summary>
    static byte[] NestedPattern(int depth) => WithMain(2, w =>
    {
        w.U8((int)Opcode.Switch).U32(0).U32(1);
        for (int i = 0; i < depth; i++) w.U8((int)PatternKind.Tuple).U32(1);
        w.U8((int)PatternKind.Bind);
        for (int i = 0; i < depth; i++) w.U8(0).U32(0); // no rest, empty suffix
        w.U32(1).U32(0).U32(1); // target pc, default pc
        ReturnR0(w);
    });

    [Test]
    public void Patterns_nested_to_the_limit_decode()
    {
        var sw = (SwitchInstr)RbcReader.Decode(NestedPattern(RbcReader.MaxNesting)).Functions[0].Code[0];
        Assert.That(sw.Cases[0].Pattern.BindCount(), Is.EqualTo(1));
    }

    [TestCase(RbcReader.MaxNesting + 1)]
    [TestCase(1_000_000)]
    public void Patterns_nested_past_the_limit_are_rejected(int depth)
    {
        Assert.That(Rejects(NestedPattern(depth)).Detail, Does.StartWith("expected pattern nesting depth <= 64"));
    }

    [Test]
    public void Nested_lying_lengths_do_not_multiply_allocation()
    {
        // 64 nested tuple patterns, each claiming 60000 items in a 64 KB file: allocating every
        // level's array up front would reserve 64 × 480 KB before the input runs out.
        byte[] bytes = WithMain(1, w =>
        {
            w.U8((int)Opcode.Switch).U32(0).U32(1);
            for (int i = 0; i < RbcReader.MaxNesting; i++) w.U8((int)PatternKind.Tuple).U32(60_000);
            while (w.Offset < 64 * 1024) w.U8(0);
        });
        RbcReader.Decode(WithMain(1, ReturnR0)); // warm up
        long before = GC.GetAllocatedBytesForCurrentThread();
        Rejects(bytes);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(allocated, Is.LessThan(4 << 20), "bytes allocated before rejecting");
    }

    [Test]
    public void Deeply_nested_abi_type_is_rejected_not_a_stack_overflow()
    {
        var t = new Tables
        {
            HostImports = w =>
            {
                w.U32(1).Str("h").U32(0);
                for (int i = 0; i < 1_000_000; i++) w.U8((int)AbiKind.Array);
                w.U8((int)AbiKind.Int);
            },
        };
        Assert.That(Rejects(WithMain(1, ReturnR0, t)).Detail, Does.StartWith("expected ABI type nesting depth <= 64"));
    }

    // ---- corpus sweeps -------------------------------------------------------------------------

    /// <summary>A small, a middle-sized and the largest corpus case.</summary>
    static string[] SweepFiles()
    {
        var files = new List<string>(Paths.CorpusCases());
        files.Sort((a, b) => new FileInfo(a).Length.CompareTo(new FileInfo(b).Length));
        return new[] { files[0], files[files.Count / 2], files[^1] };
    }

    [Test]
    public void Every_truncation_is_a_decode_exception()
    {
        foreach (var path in SweepFiles())
        {
            byte[] bytes = File.ReadAllBytes(path);
            var offsets = new SortedSet<int>();
            for (int i = 0; i < Math.Min(4096, bytes.Length); i++) offsets.Add(i);
            for (int i = 4096; i < bytes.Length; i += 211) offsets.Add(i);
            for (int i = Math.Max(0, bytes.Length - 64); i < bytes.Length; i++) offsets.Add(i);
            foreach (int len in offsets)
            {
                try
                {
                    RbcReader.Decode(bytes.AsSpan(0, len));
                    Assert.Fail($"{Path.GetFileName(path)} truncated to {len} bytes decoded");
                }
                catch (DecodeException e)
                {
                    if (e.Offset > len || !MessageShape.IsMatch(e.Message))
                        Assert.Fail($"{Path.GetFileName(path)} truncated to {len}: bad report `{e.Message}`");
                }
            }
        }
    }

    [Test]
    public void Ten_thousand_seeded_mutations_decode_or_fail_with_decode_exception()
    {
        const ulong seed = 20240611;
        const int count = 10_000;
        var paths = SweepFiles();
        var originals = new byte[paths.Length][];
        for (int i = 0; i < paths.Length; i++) originals[i] = File.ReadAllBytes(paths[i]);
        var mutator = new RbcMutator(originals);
        var failures = new List<string>();
        int accepted = 0, rejected = 0;
        for (long i = 0; i < count; i++)
        {
            var input = mutator.Apply(seed, i);
            int length = input.Length;
            try
            {
                RbcReader.Decode(input);
                accepted++;
            }
            catch (DecodeException e)
            {
                rejected++;
                if (e.Offset > length || !MessageShape.IsMatch(e.Message))
                    failures.Add($"#{i}: bad report `{e.Message}` for {length} bytes");
            }
            catch (Exception e)
            {
                failures.Add($"#{i} (seed {seed}): {e.GetType().Name}: {e.Message}");
            }
        }
        foreach (var f in failures)
        {
            long index = long.Parse(f.AsSpan(1, f.IndexOfAny(new[] { ':', ' ' }) - 1));
            TestContext.Out.WriteLine($"{f}\n    {Path.GetFileName(paths[mutator.FileOf(seed, index)])}: {mutator.Describe(seed, index)}");
        }
        TestContext.Out.WriteLine($"{accepted} accepted, {rejected} rejected");
        Assert.That(failures, Is.Empty);
        Assert.That(rejected, Is.GreaterThan(count / 4), "the mutations reach the decoder's checks");
    }
}
