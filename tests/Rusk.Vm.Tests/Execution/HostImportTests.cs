// Host imports (§3.2) and the ABI boundary: argument/return checks, failure messages, the
// re-entry guard, composite values through HostContext validated against ABI schemas, and pinned
// continuations (docs/embedding-vm.md).
using System;
using NUnit.Framework;
using Rusk.Vm.Format;
using static Rusk.Vm.Tests.Execution.TestModule;
using static Rusk.Vm.Tests.Execution.InstructionTests;

namespace Rusk.Vm.Tests.Execution;

public sealed class HostImportTests
{
    static Module AddProgram(params Instr[] code)
    {
        var t = new TestModule();
        t.Import("test::add_int", AbiType.Int, AbiType.Int, AbiType.Int);
        t.Fn("main", 3, 0, code);
        return t.Build();
    }

    static readonly HostFunction Add = (cx, a) => AbiValue.Int(a[0].AsInt + a[1].AsInt);

    static StepResult RunWith(Module m, HostFunction f)
    {
        var vm = new Vm(m);
        Assert.That(vm.RegisterHostImport("test::add_int", f), Is.True);
        return vm.Step();
    }

    [Test]
    public void Host_imports_receive_abi_arguments_and_return_values()
    {
        Assert.That(DoneInt(RunWith(AddProgram(Int(0, 1), Int(1, 2), Host(2, 0, 0, 1), Ret(2)), Add)), Is.EqualTo(3));
    }

    [Test]
    public void Host_call_argument_problems_trap_with_the_import_name()
    {
        Assert.That(TrapMessage(RunWith(AddProgram(Int(0, 1), Host(2, 0, 0), Ret(2)), Add)),
            Is.EqualTo("host call `test::add_int` arity mismatch: expected 2 args but got 1"));
        Assert.That(TrapMessage(RunWith(AddProgram(Bool(0, true), Int(1, 2), Host(2, 0, 0, 1), Ret(2)), Add)),
            Is.EqualTo("host call `test::add_int` arg conversion: abi type mismatch: expected Int, got bool"));
        Assert.That(TrapMessage(RunWith(AddProgram(Int(0, 1), Host(2, 0, 0, 1), Ret(2)), Add)),
            Is.EqualTo("host call `test::add_int` read from uninitialized reg 1"));
        Assert.That(TrapMessage(new Vm(AddProgram(Int(0, 1), Int(1, 2), Host(2, 0, 0, 1), Ret(2))).Step()),
            Is.EqualTo("missing host import implementation: `test::add_int`"));
    }

    [Test]
    public void Host_failures_and_wrong_returns_trap()
    {
        var m = AddProgram(Int(0, 1), Int(1, 2), Host(2, 0, 0, 1), Ret(2));
        Assert.That(TrapMessage(RunWith(m, (cx, a) => throw new HostException("nope"))),
            Is.EqualTo("host call `test::add_int` failed: host error: nope"));
        Assert.That(TrapMessage(RunWith(m, (cx, a) => throw new InvalidOperationException("host bug"))),
            Is.EqualTo("host call `test::add_int` failed: host error: host bug"));
        Assert.That(TrapMessage(RunWith(m, (cx, a) => AbiValue.String("3"))),
            Is.EqualTo("host call `test::add_int` return type mismatch: expected Int, got String"));
    }

    [Test]
    public void A_host_import_cannot_re_enter_the_vm()
    {
        var m = AddProgram(Int(0, 1), Int(1, 2), Host(2, 0, 0, 1), Ret(2));
        Vm? vm = null;
        string? inner = null;
        vm = new Vm(m);
        vm.RegisterHostImport(0, (cx, a) =>
        {
            inner = vm!.Step().Message;
            return AbiValue.Int(0);
        });
        Assert.That(DoneInt(vm.Step()), Is.EqualTo(0));
        Assert.That(inner, Is.EqualTo("vm re-entered during host call"));

        vm = new Vm(m);
        vm.RegisterHostImport(0, (cx, a) =>
        {
            vm!.DropPinnedContinuation(new ContinuationHandle(1, 0));
            return AbiValue.Int(0);
        });
        Assert.That(TrapMessage(vm.Step()), Does.Contain("vm re-entered during host call"));
    }

    [Test]
    public void Registration_checks_ids_and_names()
    {
        var vm = new Vm(AddProgram(Ret(0)));
        Assert.That(vm.RegisterHostImport("nope::missing", Add), Is.False);
        var ex = Assert.Throws<VmException>(() => vm.RegisterHostImport(5, Add));
        Assert.That(ex!.Message, Does.Contain("host import id 5 out of range"));
    }

    // ---- composite values -----------------------------------------------------------------------

    static (TestModule, uint point) PointModule()
    {
        var t = new TestModule();
        uint point = t.Struct("Point", "x", "y");
        t.Schema(point, AbiSchema.Struct(0, new[] { new AbiStructField("x", AbiType.Int), new AbiStructField("y", AbiType.Int) }));
        return (t, point);
    }

    [Test]
    public void Structs_cross_the_boundary_as_references_checked_against_their_schema()
    {
        var (t, point) = PointModule();
        var pt = AbiType.Struct(point, System.Array.Empty<AbiType>());
        t.Import("abi::swap", pt, pt);
        t.Fn("main", 6, 0, Int(0, 1), Int(1, 2),
            new MakeStructInstr(2, point, System.Array.Empty<uint>(), new[] { "x", "y" }, new uint[] { 0, 1 }),
            Host(3, 0, 2), new IndexedGetInstr(Opcode.StructGet, 4, 3, 0), Ret(4));
        var vm = new Vm(t.Build());
        vm.RegisterHostImport("abi::swap", (cx, a) =>
        {
            var p = a[0];
            Assert.That(cx.StructTypeName(p), Is.EqualTo("Point"));
            var x = cx.StructGet(p, "x");
            var y = cx.StructGet(p, "y");
            Assert.Throws<HostException>(() => cx.StructGet(p, "z"));
            var e = Assert.Throws<HostException>(() => cx.NewStruct("Point", System.Array.Empty<AbiType>(), new[] { "x" }, new[] { y }));
            Assert.That(e!.Message, Is.EqualTo("missing struct field `y`"));
            e = Assert.Throws<HostException>(() => cx.NewStruct("Point", System.Array.Empty<AbiType>(), new[] { "x", "y" }, new[] { y, AbiValue.Bool(true) }));
            Assert.That(e!.Message, Is.EqualTo("struct `Point` field `y` type mismatch: expected Int, got Bool"));
            return cx.NewStruct("Point", System.Array.Empty<AbiType>(), new[] { "y", "x" }, new[] { x, y });
        });
        Assert.That(DoneInt(vm.Step()), Is.EqualTo(2));
    }

    [Test]
    public void Generic_enums_check_their_type_arguments()
    {
        var t = new TestModule();
        uint opt = t.Type("Option");
        t.Schema(opt, AbiSchema.Enum(1, new[] { new AbiEnumVariant("None", System.Array.Empty<AbiType>()), new AbiEnumVariant("Some", new[] { AbiType.TypeParam(0) }) }));
        var optBytes = AbiType.Enum(opt, new[] { AbiType.Bytes });
        t.Import("abi::make", optBytes);
        t.Import("abi::bad", optBytes);
        t.Fn("main", 3, 0,
            Host(0, 0),
            new SwitchInstr(0, new[] { new SwitchCase(Pattern.Enum("Option", "Some", new[] { Pattern.Bind }), 3, new uint[] { 1 }) }, 2),
            Trap("not Some"),
            Intr(2, Intrinsic.BytesLen, 1), Ret(2));
        var vm = new Vm(t.Build());
        vm.RegisterHostImport("abi::make", (cx, a) =>
            cx.NewEnum("Option", new[] { AbiType.Bytes }, "Some", new[] { AbiValue.Bytes(new byte[] { 1, 2, 3 }) }));
        Assert.That(DoneInt(vm.Step()), Is.EqualTo(3));

        t.Fn("bad_main", 1, 0, Host(0, 1), Ret(0));
        var m = t.Build(1);
        vm = new Vm(m);
        vm.RegisterHostImport("abi::bad", (cx, a) => cx.NewEnum("Option", new[] { AbiType.Int }, "None", ReadOnlySpan<AbiValue>.Empty));
        Assert.That(TrapMessage(vm.Step()), Is.EqualTo(
            $"host call `abi::bad` return type mismatch: expected Enum {{ type_id: TypeId({opt}), args: [Bytes] }}, got Enum {{ type_id: TypeId({opt}), args: [Int] }}"));
    }

    [Test]
    public void Arrays_and_tuples_through_the_host_context()
    {
        var t = new TestModule();
        var ints = AbiType.Array(AbiType.Int);
        t.Import("abi::sum", AbiType.Int, ints);
        t.Fn("main", 5, 0, Int(0, 4), Int(1, 5), Array(2, 0, 1), Un(Opcode.AsReadonly, 3, 2), Host(4, 0, 3), Ret(4));
        var vm = new Vm(t.Build());
        vm.RegisterHostImport("abi::sum", (cx, a) =>
        {
            long sum = 0;
            var arr = a[0];
            for (int i = 0; i < cx.ArrayLength(arr); i++) sum += cx.ArrayGet(arr, i).AsInt;
            var e = Assert.Throws<HostException>(() => cx.ArraySet(arr, 0, AbiValue.Int(1)));
            Assert.That(e!.Message, Is.EqualTo("abi array ref is readonly"));
            e = Assert.Throws<HostException>(() => cx.ArrayGet(arr, 2));
            Assert.That(e!.Message, Is.EqualTo("abi array ref: index 2 out of bounds (len 2)"));
            var tup = cx.NewTuple(new[] { AbiValue.Int(1), AbiValue.String("s") });
            Assert.That(cx.TupleLength(tup), Is.EqualTo(2));
            Assert.That(cx.TupleGet(tup, 1).AsString, Is.EqualTo("s"));
            return AbiValue.Int(sum);
        });
        Assert.That(DoneInt(vm.Step()), Is.EqualTo(9));
    }

    // ---- pinned continuations --------------------------------------------------------------------

    static Module PinnedProgram(bool reuse)
    {
        var t = new TestModule();
        t.Import("host::store", AbiType.Unit, AbiType.Continuation);
        t.Import("host::take", AbiType.Continuation);
        var code = new System.Collections.Generic.List<Instr>
        {
            new PushHandlerInstr(new[] { new HandlerClause(Eff("E", "boom"), System.Array.Empty<Pattern>(), 5, new uint[] { 3 }) }),
            Perform(1, "E", "boom"),
            Int(2, 1), Bin(Opcode.IntAdd, 1, 1, 2), Ret(1),
            Host(null, 0, 3),
            Host(4, 1),
            Int(5, 41), new ResumeInstr(new OptReg(6), 4, 5),
        };
        if (reuse) code.Add(Host(7, 1));
        code.Add(Ret(6));
        t.Fn("main", 8, 0, code.ToArray());
        return t.Build();
    }

    static Vm WithStore(Module m, Func<ContinuationHandle?> get, Action<ContinuationHandle> set)
    {
        var vm = new Vm(m);
        vm.RegisterHostImport("host::store", (cx, a) => { set(a[0].AsContinuation); return AbiValue.Unit; });
        vm.RegisterHostImport("host::take", (cx, a) => get() is ContinuationHandle h ? AbiValue.Continuation(h) : throw new HostException("empty"));
        return vm;
    }

    [Test]
    public void Continuations_pinned_by_the_host_can_be_resumed_in_rusk_once()
    {
        ContinuationHandle? slot = null;
        var vm = WithStore(PinnedProgram(reuse: false), () => slot, h => slot = h);
        Assert.That(DoneInt(vm.Step()), Is.EqualTo(42));
        Assert.That(slot!.Value.Index, Is.EqualTo(1u), "pinned handles start at index 1 (0 is the request handle)");

        slot = null;
        vm = WithStore(PinnedProgram(reuse: true), () => slot, h => slot = h);
        Assert.That(TrapMessage(vm.Step()),
            Is.EqualTo("host call `host::take` return conversion: invalid pinned continuation handle: already consumed"));
    }

    [Test]
    public void The_host_can_tail_resume_or_drop_a_pinned_continuation()
    {
        // main: capture k, store it, return 0; then the host tail-resumes k with 9 → 9 + 1.
        var t = new TestModule();
        t.Import("host::store", AbiType.Unit, AbiType.Continuation);
        t.Fn("main", 8, 0,
            new PushHandlerInstr(new[] { new HandlerClause(Eff("E", "boom"), System.Array.Empty<Pattern>(), 5, new uint[] { 3 }) }),
            Perform(1, "E", "boom"),
            Int(2, 1), Bin(Opcode.IntAdd, 1, 1, 2), Ret(1),
            Host(null, 0, 3), Int(6, 0), Ret(6));
        ContinuationHandle? slot = null;
        var vm = new Vm(t.Build());
        vm.RegisterHostImport("host::store", (cx, a) => { slot = a[0].AsContinuation; return AbiValue.Unit; });
        Assert.That(DoneInt(vm.Step()), Is.EqualTo(0));
        vm.ResumePinnedContinuationTail(slot!.Value, AbiValue.Int(9));
        Assert.That(vm.IsDone, Is.False);
        Assert.That(DoneInt(vm.Step()), Is.EqualTo(10));
        var ex = Assert.Throws<VmException>(() => vm.DropPinnedContinuation(slot.Value));
        Assert.That(ex!.Message, Does.Contain("invalid pinned continuation handle: generation mismatch"));

        slot = null;
        vm = new Vm(t.Build());
        vm.RegisterHostImport("host::store", (cx, a) => { slot = a[0].AsContinuation; return AbiValue.Unit; });
        vm.Step();
        vm.DropPinnedContinuation(slot!.Value);
        ex = Assert.Throws<VmException>(() => vm.ResumePinnedContinuationTail(slot.Value, AbiValue.Int(1)));
        Assert.That(ex!.Message, Does.Contain("invalid pinned continuation handle: generation mismatch"));
        ex = Assert.Throws<VmException>(() => vm.DropPinnedContinuation(new ContinuationHandle(0, 0)));
        Assert.That(ex!.Message, Does.Contain("index 0 is reserved"));
    }
}
