// The AOT engine's export layer (native/Rusk.Vm.Aot) on CoreCLR, driven exactly as glue/aot.js
// drives rusk.wasm: arguments written into LinearMemory, numbers in, numbers out, results read
// through the scratch header, host calls through the "rusk"."hostCall" import's test double.
// Expected values are the corpus's recorded results (manifest.json).
using System;
using System.Text.Json;
using NUnit.Framework;
using Rusk.Vm.Aot;
using Rusk.Vm.Format;
using Rusk.Vm.Marshalling;

namespace Rusk.Vm.Tests.AotExports;

[NonParallelizable]
public sealed class AotExportTests
{
    const int Done = 0, Trap = 1, Request = 2, Yield = 3;

    [TearDown]
    public void NoHost() => HostDispatcher.TestDouble = null;

    [Test]
    public void Module_json_crosses_as_utf16_text()
    {
        int module = GlueDouble.LoadModule("200_bytecode_call_host_add_int_ok");
        int units = Exports.ModuleJson(module);
        Assert.That(units, Is.GreaterThan(0));
        string json = GlueDouble.Text(units);
        using var doc = JsonDocument.Parse(json);
        Assert.That(json, Does.Contain("{\"name\":\"test::add_int\",\"params\":[\"int\",\"int\"],\"ret\":\"int\"}"));
        Exports.ReleaseModule(module);
        Assert.That(Exports.ModuleJson(module), Is.EqualTo(-1));
        Assert.That(GlueDouble.LastError(), Is.EqualTo($"unknown or released module id {module}"));
    }

    [Test]
    public void Bad_module_bytes_fail_with_the_decoder_message_in_LastError()
    {
        Assert.That(Exports.LoadModule(GlueDouble.PutTape(new byte[] { 1, 2, 3 })), Is.EqualTo(-1));
        Assert.That(GlueDouble.LastError(), Does.Contain("offset"));
        Assert.That(Exports.LoadModule(-5), Is.EqualTo(-1));
        Assert.That(GlueDouble.LastError(), Does.Contain("byte length -5 exceeds the scratch buffer"));
    }

    [Test]
    public void Step_to_done_leaves_the_value_tape()
    {
        int vm = GlueDouble.CreateVm("001_smoke_unit");
        var (kind, tape) = GlueDouble.Step(vm);
        Assert.That(kind, Is.EqualTo(Done));
        Assert.That(tape.U8(), Is.EqualTo(0), "unit");
        Assert.That(tape.AtEnd);
        Assert.That(Exports.State(vm), Is.EqualTo(1));
        Exports.DisposeVm(vm);
        Assert.That(Exports.State(vm), Is.EqualTo(-1));
        Assert.That(GlueDouble.LastError(), Is.EqualTo($"unknown or disposed vm id {vm}"));
    }

    [Test]
    public void Argv_crosses_through_the_text_buffer()
    {
        int vm = GlueDouble.CreateVm("compiler_main_argv__main_can_receive_argv_from_host", new[] { "", "hello" });
        var (kind, tape) = GlueDouble.Step(vm);
        Assert.That(kind, Is.EqualTo(Done));
        Assert.That(tape.U8(), Is.EqualTo(4), "string");
        Assert.That(tape.Str(), Is.EqualTo("hello"));
        Exports.DisposeVm(vm);
    }

    [Test]
    public void A_malformed_argv_is_refused_with_a_message()
    {
        int module = GlueDouble.LoadModule("001_smoke_unit");
        GlueDouble.PutText("\uffff\uffff");  // unit count 0xffffffff = -1 for the first string
        Assert.That(Exports.CreateVm(module, 1, false, 0, false), Is.EqualTo(-1));
        Assert.That(GlueDouble.LastError(), Is.EqualTo("string 0 of -1 code units runs past the text buffer"));
        Exports.ReleaseModule(module);
    }

    [Test]
    public void Request_is_answered_with_a_value_tape_and_the_vm_finishes()
    {
        int vm = GlueDouble.CreateVm("210_bytecode_external_effect_add_int_ok", metrics: true);
        var (kind, req) = GlueDouble.Step(vm);
        Assert.That(kind, Is.EqualTo(Request));
        req.U32();  // effect id
        uint index = req.U32(), generation = req.U32();
        Assert.That(req.U32(), Is.EqualTo(2));
        Assert.That((req.U8(), req.I64(), req.U8(), req.I64()), Is.EqualTo(((byte)2, 1L, (byte)2, 2L)));
        Assert.That(Exports.State(vm), Is.EqualTo(4), "suspended");

        Assert.That(Exports.Resume(vm, index, generation, GlueDouble.PutTape(TapeBytes.Int(3))), Is.EqualTo(0));
        var (kind2, done) = GlueDouble.Step(vm);
        Assert.That(kind2, Is.EqualTo(Done));
        Assert.That((done.U8(), done.I64()), Is.EqualTo(((byte)2, 3L)));

        Assert.That(Exports.Resume(vm, index, generation, GlueDouble.PutTape(TapeBytes.Int(3))), Is.EqualTo(-1), "one-shot");
        Assert.That(GlueDouble.LastError(), Is.Not.Empty);

        Assert.That(Exports.TakeMetrics(vm), Is.EqualTo(3));
        var m = GlueDouble.Doubles(3);
        Assert.That(m[0], Is.EqualTo(4), "instructions (manifest)");
        Assert.That(m[2], Is.EqualTo(1), "effect requests");
        Exports.DisposeVm(vm);
        Assert.That(Exports.TakeMetrics(vm), Is.EqualTo(-1));
    }

    [Test]
    public void Host_call_goes_through_the_import_with_an_argument_tape_and_a_reply()
    {
        int vm = GlueDouble.CreateVm("200_bytecode_call_host_add_int_ok");
        int importId = ImportId("200_bytecode_call_host_add_int_ok", "test::add_int");
        Assert.That(Exports.RegisterHostImport(vm, importId), Is.EqualTo(0));
        int calls = 0;
        HostDispatcher.TestDouble = (vmId, id, argsLength) =>
        {
            calls++;
            Assert.That((vmId, id), Is.EqualTo((vm, importId)));
            var args = new TapeBytes(GlueDouble.Tape(argsLength));
            Assert.That(args.U32(), Is.EqualTo(2));
            long a = Int(args), b = Int(args);
            var reply = new TapeBytes().W8(0).W8(2).W64(a + b).ToArray();
            return GlueDouble.PutTape(reply);
        };
        var (kind, done) = GlueDouble.Step(vm);
        Assert.That(calls, Is.EqualTo(1));
        Assert.That(kind, Is.EqualTo(Done));
        Assert.That((done.U8(), done.I64()), Is.EqualTo(((byte)2, 3L)));
        Exports.DisposeVm(vm);
    }

    [Test]
    public void Host_error_reply_traps_the_vm_with_its_message()
    {
        int vm = GlueDouble.CreateVm("200_bytecode_call_host_add_int_ok");
        Assert.That(Exports.RegisterHostImport(vm, ImportId("200_bytecode_call_host_add_int_ok", "test::add_int")), Is.EqualTo(0));
        HostDispatcher.TestDouble = (_, _, _) => GlueDouble.PutTape(new TapeBytes().W8(1).WStr("no adding today").ToArray());
        var (kind, trap) = GlueDouble.Step(vm);
        Assert.That(kind, Is.EqualTo(Trap));
        Assert.That(trap.Str(), Does.Contain("no adding today"));
        Assert.That(trap.U32(), Is.GreaterThan(0), "stack frames");
        Exports.DisposeVm(vm);
    }

    [Test]
    public void Unregistered_import_id_and_unknown_vm_fail_with_messages()
    {
        int vm = GlueDouble.CreateVm("200_bytecode_call_host_add_int_ok");
        Assert.That(Exports.RegisterHostImport(vm, 9999), Is.EqualTo(-1));
        Assert.That(GlueDouble.LastError(), Is.EqualTo("invalid host import id 9999"));
        Exports.DisposeVm(vm);
        Assert.That(Exports.Step(vm, -1), Is.EqualTo(-1));
        Assert.That(GlueDouble.LastError(), Is.EqualTo($"unknown or disposed vm id {vm}"));
    }

    [Test]
    public void Fuel_yields_then_the_vm_continues()
    {
        int vm = GlueDouble.CreateVm("bytecode_effect_opt__tail_resume_keeps_stack_bounded_in_yield_loop");
        Assert.That(Exports.Step(vm, 10), Is.EqualTo(Yield), "a yield has no payload");
        int kind;
        do kind = GlueDouble.Step(vm, 100_000).Kind; while (kind == Yield);
        Assert.That(kind, Is.EqualTo(Done));
        Exports.DisposeVm(vm);
    }

    [Test]
    public void Composites_are_held_and_read_by_field_name_from_the_text_buffer()
    {
        const string name = "280_bytecode_call_host_struct_param_ok";
        int vm = GlueDouble.CreateVm(name);
        int importId = ImportId(name, (imp) => imp.GetProperty("params")[0].ValueKind == JsonValueKind.Object);
        Assert.That(Exports.RegisterHostImport(vm, importId), Is.EqualTo(0));
        HostDispatcher.TestDouble = (_, _, argsLength) =>
        {
            var args = new TapeBytes(GlueDouble.Tape(argsLength));
            args.U32();
            Assert.That(args.U8(), Is.EqualTo(16), "a struct crosses as a ref");
            int slot = (int)args.U32(), gen = (int)args.U32();
            Assert.That(Exports.LiveValueCount(vm), Is.EqualTo(1));

            var contents = new TapeBytes(GlueDouble.Tape(Exports.ValueRead(vm, slot, gen, true)));
            Assert.That(contents.U8(), Is.EqualTo(11), "struct inline");
            contents.U32();                                   // type id
            Assert.That(contents.U32(), Is.EqualTo(0), "no type arguments");
            uint n = contents.U32();
            long sum = 0;
            for (int i = 0; i < n; i++)
            {
                string field = contents.Str();
                long inline = Int(contents);
                var one = new TapeBytes(GlueDouble.Tape(Exports.ValueField(vm, slot, gen, GlueDouble.PutText(field))));
                Assert.That(Int(one), Is.EqualTo(inline), field);
                sum += inline;
            }
            Assert.That(Exports.ValueField(vm, slot, gen, GlueDouble.PutText("no_such_field")), Is.EqualTo(-1));
            Assert.That(Exports.ValueVariant(vm, slot, gen), Is.EqualTo(-1));
            Assert.That(GlueDouble.LastError(), Is.EqualTo("struct has no variant"));
            Exports.ReleaseValue(vm, slot, gen);
            Assert.That(Exports.LiveValueCount(vm), Is.EqualTo(0));
            return GlueDouble.PutTape(new TapeBytes().W8(0).W8(2).W64(sum).ToArray());
        };
        var (kind, done) = GlueDouble.Step(vm);
        Assert.That(kind, Is.EqualTo(Done));
        Assert.That(Int(done), Is.EqualTo(3), "manifest: ok int 3");
        Exports.DisposeVm(vm);
    }

    [Test]
    public void Scratch_grows_keeping_its_contents_and_the_header_follows()
    {
        GlueDouble.PutTape(new byte[] { 7, 8, 9 });
        int capacity = GlueDouble.TapeCapacity;
        Assert.That(Exports.EnsureScratch(capacity + 1), Is.EqualTo(0));
        Assert.That(GlueDouble.TapeCapacity, Is.GreaterThan(capacity));
        Assert.That(GlueDouble.Tape(3), Is.EqualTo(new byte[] { 7, 8, 9 }));
        Assert.That(Exports.EnsureScratch(1 << 29), Is.EqualTo(-1));
        Assert.That(GlueDouble.LastError(), Is.EqualTo($"value tape of {1 << 29} bytes is too large"));
        string longName = new string('x', 10_000);
        Assert.That(GlueDouble.Text(GlueDouble.PutText(longName)), Is.EqualTo(longName));
    }

    [Test]
    public void Diagnostics_counts_vms_and_reports_unknown_managed_bytes()
    {
        Assert.That(Exports.Diagnostics(false), Is.EqualTo(5));
        double before = GlueDouble.Doubles(5)[0];
        int vm = GlueDouble.CreateVm("001_smoke_unit");
        Exports.Diagnostics(true);
        var d = GlueDouble.Doubles(5);
        Assert.That(d[0], Is.EqualTo(before + 1));
        Assert.That(d[4], Is.EqualTo(-1), "the wasm GC heap cannot be measured from inside");
        Exports.DisposeVm(vm);
    }

    [Test]
    public void Snapshot_and_journal_bytes_cross_through_the_tape_buffer_both_ways()
    {
        const string name = "210_bytecode_external_effect_add_int_ok";
        int vm = GlueDouble.CreateVm(name, journal: true);
        var (kind, req) = GlueDouble.Step(vm);
        Assert.That(kind, Is.EqualTo(Request));
        byte[] snapshot = GlueDouble.Tape(Exports.SnapshotVm(vm));
        byte[] journal = GlueDouble.Tape(Exports.JournalOf(vm));

        // The same bytes as the .NET API gives for the same run.
        var module = ModuleLoader.Load(GlueDouble.Case(name));
        var reference = new Vm(module, new VmOptions { Journal = true });
        Assert.That(reference.Step().Kind, Is.EqualTo(StepKind.Request));
        Assert.That(snapshot, Is.EqualTo(reference.Snapshot()));
        Assert.That(journal, Is.EqualTo(reference.Journal()));

        int m = GlueDouble.LoadModule(name);
        int restored = Exports.RestoreVm(m, GlueDouble.PutTape(snapshot), false, 0);
        Assert.That(restored, Is.GreaterThan(0), GlueDouble.LastError());
        Assert.That(GlueDouble.Tape(Exports.SnapshotVm(restored)), Is.EqualTo(snapshot), "snapshot → restore → snapshot");
        var (again, req2) = GlueDouble.Step(restored);
        Assert.That(again, Is.EqualTo(Request));
        Assert.That(req2.ToArray(), Is.EqualTo(req.ToArray()), "the restored VM returns the same request");
        Assert.That(Exports.JournalOf(restored), Is.EqualTo(-1));
        Assert.That(GlueDouble.LastError(), Does.Contain("journal recording is off"));

        int replayed = Exports.ReplayVm(m, GlueDouble.PutTape(journal), false, true, 0);
        Assert.That(replayed, Is.GreaterThan(0), GlueDouble.LastError());
        Assert.That(GlueDouble.Tape(Exports.SnapshotVm(replayed)), Is.EqualTo(snapshot), "the replayed VM is where the journal ends");
        Assert.That(GlueDouble.Tape(Exports.JournalOf(replayed)), Is.EqualTo(journal), "record: keeps journaling");

        Assert.That(Exports.RestoreVm(m, GlueDouble.PutTape(snapshot[..40]), false, 0), Is.EqualTo(-1));
        Assert.That(GlueDouble.LastError(), Is.EqualTo("snapshot offset 0xc: expected the module hash (32 bytes), found end of input"));
        Assert.That(Exports.ReplayVm(m, GlueDouble.PutTape(snapshot), false, false, 0), Is.EqualTo(-1));
        Assert.That(GlueDouble.LastError(), Does.StartWith("journal offset 0x0: expected the magic"));
        Assert.That(Exports.RestoreVm(m, -1, false, 0), Is.EqualTo(-1));
        Assert.That(GlueDouble.LastError(), Does.Contain("byte length -1 exceeds the scratch buffer"));
        Exports.DisposeVm(vm);
        Exports.DisposeVm(restored);
        Exports.DisposeVm(replayed);
        Exports.ReleaseModule(m);
    }

    static long Int(TapeBytes t)
    {
        Assert.That(t.U8(), Is.EqualTo(2));
        return t.I64();
    }

    static int ImportId(string caseName, string importName) =>
        ImportId(caseName, (imp) => imp.GetProperty("name").GetString() == importName);

    /// <summary>The id of the first host import of <paramref name="caseName"/>'s module JSON that matches.</summary>
    static int ImportId(string caseName, Predicate<JsonElement> match)
    {
        int module = GlueDouble.LoadModule(caseName);
        string json = GlueDouble.Text(Exports.ModuleJson(module));
        Exports.ReleaseModule(module);
        using var doc = JsonDocument.Parse(json);
        int id = 0;
        foreach (var imp in doc.RootElement.GetProperty("hostImports").EnumerateArray())
        {
            if (match(imp)) return id;
            id++;
        }
        throw new InvalidOperationException($"{caseName}: no such host import");
    }
}
