// Calls (§8.6): bytecode calls, function references, dynamic dispatch (vcall/scall with type
// arguments, primitive fast paths), associated-type projections, multi-value returns, depth limits.
using System;
using NUnit.Framework;
using Rusk.Vm.Format;
using static Rusk.Vm.Tests.Execution.TestModule;
using static Rusk.Vm.Tests.Execution.InstructionTests;

namespace Rusk.Vm.Tests.Execution;

public sealed class CallTests
{
    [Test]
    public void Calls_pass_arguments_and_return_values()
    {
        var t = new TestModule();
        t.Fn("main", 3, 0, Int(0, 20), Int(1, 22), Call(2, 1, 0, 1), Ret(2));
        t.Fn("add", 3, 2, Bin(Opcode.IntAdd, 2, 0, 1), Ret(2));
        Assert.That(DoneInt(Run(t.Build())), Is.EqualTo(42));
    }

    static Module WrapperProgram(long divisor)
    {
        // main: r2 = div(r0, r1) three times, summed; div is a thin intrinsic wrapper (args swapped
        // to check the argument mapping).
        var t = new TestModule();
        t.Fn("main", 5, 0, Int(0, divisor), Int(1, 84), Call(2, 1, 0, 1), Call(3, 1, 0, 1), Bin(Opcode.IntAdd, 4, 2, 3), Ret(4));
        t.Fn("div", 3, 2, Intr(2, Intrinsic.IntDiv, 1, 0), Ret(2));
        return t.Build();
    }

    [Test]
    public void Calls_to_intrinsic_wrappers_behave_like_real_calls()
    {
        Assert.That(DoneInt(Run(WrapperProgram(2))), Is.EqualTo(84));
        for (ulong fuel = 1; fuel <= 12; fuel++)
        {
            var vm = new Vm(WrapperProgram(2), new VmOptions { EnableMetrics = true });
            int steps = 0;
            StepResult r;
            do { r = vm.Step(fuel); steps++; } while (r.Kind == StepKind.Yield);
            Assert.That(DoneInt(r), Is.EqualTo(84));
            Assert.That(vm.Metrics.ExecutedInstructions, Is.EqualTo(10UL), $"fuel {fuel}");
            Assert.That(steps, Is.EqualTo((int)((10 + fuel - 1) / fuel)), $"fuel {fuel}");
        }
        var vm0 = new Vm(WrapperProgram(0), new VmOptions { EnableMetrics = true });
        var trap = vm0.Step();
        Assert.That(TrapMessage(trap), Is.EqualTo("core::intrinsics::int_div: division by zero"));
        Assert.That(trap.Stack[0].Function, Is.EqualTo("div"));
        Assert.That(trap.Stack[0].Pc, Is.EqualTo(0));
        Assert.That(trap.Stack[1].Function, Is.EqualTo("main"));
        Assert.That(trap.Stack[1].Pc, Is.EqualTo(2));
        Assert.That(vm0.Metrics.ExecutedInstructions, Is.EqualTo(4UL));
    }

    [Test]
    public void Call_with_an_uninitialized_argument_traps()
    {
        var t = new TestModule();
        t.Fn("main", 3, 0, Int(0, 20), Call(2, 1, 0, 1), Ret(2));
        t.Fn("add", 3, 2, Bin(Opcode.IntAdd, 2, 0, 1), Ret(2));
        Assert.That(TrapMessage(Run(t.Build())), Is.EqualTo("call arg reg 1 is uninitialized"));
    }

    [Test]
    public void Call_arity_mismatch_traps_when_executed()
    {
        var t = new TestModule();
        t.Fn("main", 3, 0, Int(0, 20), Call(2, 1, 0), Ret(2));
        t.Fn("add", 3, 2, Bin(Opcode.IntAdd, 2, 0, 1), Ret(2));
        Assert.That(TrapMessage(Run(t.Build())), Is.EqualTo("call arity mismatch: expected 2 args but got 1"));
    }

    [Test]
    public void Icall_calls_through_a_function_reference()
    {
        var t = new TestModule();
        t.Fn("main", 3, 0, FnRef(0, 1), Int(1, 5), new ICallInstr(new OptReg(2), 0, new uint[] { 1 }), Ret(2));
        t.Fn("double", 2, 1, Bin(Opcode.IntAdd, 1, 0, 0), Ret(1));
        Assert.That(DoneInt(Run(t.Build())), Is.EqualTo(10));

        t = new TestModule();
        t.Fn("main", 3, 0, Int(0, 1), new ICallInstr(new OptReg(2), 0, System.Array.Empty<uint>()), Ret(2));
        Assert.That(TrapMessage(Run(t.Build())), Is.EqualTo("type error in icall: expected fn reference, got int"));
    }

    [Test]
    public void Vcall_passes_receiver_type_args_then_method_type_args_then_receiver()
    {
        // The reference's own test: S<int>.foo<bool>() builds typereps from both and returns field x.
        var t = new TestModule();
        uint s = t.Struct("S", "x");
        uint foo = t.Method("foo");
        t.Fn("main", 5, 0,
            TypeRepC(0, TypeRepKind.Int), TypeRepC(1, TypeRepKind.Bool), Int(2, 42),
            new MakeStructInstr(3, s, new uint[] { 0 }, new[] { "x" }, new uint[] { 2 }),
            new DispatchCallInstr(Opcode.VCall, new OptReg(4), 3, foo, new uint[] { 1 }, System.Array.Empty<uint>()),
            Ret(4));
        uint f = t.Fn("S::foo", 6, 3,
            new MakeTypeRepInstr(3, TypeRepLit.Of(TypeRepKind.Array), new uint[] { 0 }),
            new MakeTypeRepInstr(4, TypeRepLit.Of(TypeRepKind.Array), new uint[] { 1 }),
            new IndexedGetInstr(Opcode.StructGet, 5, 2, 0), Ret(5));
        t.VCall(s, foo, f);
        Assert.That(DoneInt(Run(t.Build())), Is.EqualTo(42));
    }

    [Test]
    public void Vcall_dispatches_on_primitive_receivers_and_reports_missing_methods()
    {
        var t = new TestModule();
        uint m = t.Method("twice");
        t.Fn("main", 2, 0, Int(0, 21),
            new DispatchCallInstr(Opcode.VCall, new OptReg(1), 0, m, System.Array.Empty<uint>(), System.Array.Empty<uint>()), Ret(1));
        uint f = t.Fn("int::twice", 2, 1, Bin(Opcode.IntAdd, 1, 0, 0), Ret(1));
        t.VCall(2 /* int */, m, f);
        Assert.That(DoneInt(Run(t.Build())), Is.EqualTo(42));

        t = new TestModule();
        m = t.Method("twice");
        t.Fn("main", 2, 0, Bool(0, true),
            new DispatchCallInstr(Opcode.VCall, new OptReg(1), 0, m, System.Array.Empty<uint>(), System.Array.Empty<uint>()), Ret(1));
        Assert.That(TrapMessage(Run(t.Build())), Is.EqualTo("unresolved vcall method: twice on bool"));
    }

    [Test]
    public void Vcall_fast_paths_hash_and_compare_primitives_without_a_dispatch_entry()
    {
        var t = new TestModule();
        uint hash = t.Method("core::hash::Hash::hash");
        uint eq = t.Method("core::ops::Eq::eq");
        t.Fn("main", 5, 0, Int(0, 0),
            new DispatchCallInstr(Opcode.VCall, new OptReg(1), 0, hash, System.Array.Empty<uint>(), System.Array.Empty<uint>()),
            Str(2, "ab"), Str(3, "ab"),
            new DispatchCallInstr(Opcode.VCall, new OptReg(4), 2, eq, System.Array.Empty<uint>(), new uint[] { 3 }),
            JumpIf(4, 6, 7), Ret(1), Trap("strings differ"));
        // FNV-1a of the 8 little-endian zero bytes of 0.
        ulong h = 0xcbf29ce484222325;
        for (int i = 0; i < 8; i++) { h ^= 0; h *= 0x100000001b3; }
        Assert.That(DoneInt(Run(t.Build())), Is.EqualTo((long)h));
    }

    [Test]
    public void Scall_dispatches_on_a_typerep_and_passes_its_type_args()
    {
        var t = new TestModule();
        uint make = t.Method("Default::default");
        uint box = t.Struct("Box", "v");
        t.Fn("main", 3, 0, TypeRepC(0, TypeRepKind.Int),
            new MakeTypeRepInstr(1, TypeRepLit.Named(TypeRepKind.Struct, "Box"), new uint[] { 0 }),
            new DispatchCallInstr(Opcode.SCall, new OptReg(2), 1, make, System.Array.Empty<uint>(), System.Array.Empty<uint>()),
            Ret(2));
        uint f = t.Fn("Box::default", 3, 1, 1, Int(1, 7),
            new MakeStructInstr(2, box, new uint[] { 0 }, new[] { "v" }, new uint[] { 1 }),
            new IndexedGetInstr(Opcode.StructGet, 1, 2, 0), Ret(1));
        t.SCall(box, make, f);
        Assert.That(DoneInt(Run(t.Build())), Is.EqualTo(7));
    }

    [Test]
    public void Assoc_typerep_calls_the_projection_with_the_receiver_type_args()
    {
        var t = new TestModule();
        uint iface = t.Type("Container");
        uint box = t.Struct("Box", "v");
        // <Box<int> as Container>::Item = int; test: is_type(5, Item).
        t.Fn("main", 5, 0, TypeRepC(0, TypeRepKind.Int),
            new MakeTypeRepInstr(1, TypeRepLit.Named(TypeRepKind.Struct, "Box"), new uint[] { 0 }),
            new AssocTypeRepInstr(2, 1, iface, "Item"),
            Int(3, 5), Bin(Opcode.IsType, 4, 3, 2), Ret(4));
        uint proj = t.Fn("Box::Item", 1, 1, 1, Ret(0));
        t.Assoc(box, iface, "Item", proj);
        Assert.That(Run(t.Build()).Value.AsBool, Is.True);

        t = new TestModule();
        iface = t.Type("Container");
        t.Fn("main", 3, 0, TypeRepC(0, TypeRepKind.Int), new AssocTypeRepInstr(2, 0, iface, "Item"), Ret(2));
        Assert.That(TrapMessage(Run(t.Build())), Is.EqualTo("unresolved assoc type: <int as Container>::Item"));
    }

    [Test]
    public void Call_multi_writes_every_returned_value()
    {
        var t = new TestModule();
        t.Fn("main", 3, 0, new CallMultiInstr(new uint[] { 0, 1 }, new CallTarget(CallKind.Bc, 1), System.Array.Empty<uint>()),
            Bin(Opcode.IntSub, 2, 0, 1), Ret(2));
        t.Fn("pair", 2, 0, Int(0, 50), Int(1, 8), new ReturnMultiInstr(new uint[] { 0, 1 }));
        Assert.That(DoneInt(Run(t.Build())), Is.EqualTo(42));

        t = new TestModule();
        t.Fn("main", 3, 0, Call(2, 1), Ret(2));
        t.Fn("pair", 2, 0, Int(0, 50), Int(1, 8), new ReturnMultiInstr(new uint[] { 0, 1 }));
        Assert.That(TrapMessage(Run(t.Build())), Is.EqualTo("multi-value return does not match caller destination"));
    }

    [Test]
    public void A_million_deep_recursion_traps_at_the_frame_limit_instead_of_crashing()
    {
        // f(n) = n == 0 ? 0 : f(n - 1) + 1, with n = 1_000_000.
        var t = new TestModule();
        t.Fn("main", 2, 0, Int(0, 1_000_000), Call(1, 1, 0), Ret(1));
        t.Fn("f", 5, 1,
            Int(1, 0), Bin(Opcode.IntEq, 2, 0, 1), JumpIf(2, 3, 4),
            Ret(1),
            Int(3, 1), Bin(Opcode.IntSub, 4, 0, 3), Call(4, 1, 4), Bin(Opcode.IntAdd, 4, 4, 3), Ret(4));
        var r = Run(t.Build());
        Assert.That(TrapMessage(r), Is.EqualTo("stack overflow: frame depth limit 200000 exceeded"));
        Assert.That(r.Stack.Count, Is.EqualTo(200_000));

        // With a higher limit a deep recursion completes.
        t = new TestModule();
        t.Fn("main", 2, 0, Int(0, 300_000), Call(1, 1, 0), Ret(1));
        t.Fn("f", 5, 1,
            Int(1, 0), Bin(Opcode.IntEq, 2, 0, 1), JumpIf(2, 3, 4),
            Ret(1),
            Int(3, 1), Bin(Opcode.IntSub, 4, 0, 3), Call(4, 1, 4), Bin(Opcode.IntAdd, 4, 4, 3), Ret(4));
        var ok = new Vm(t.Build(), new VmOptions { MaxFrames = 400_000 }).Step();
        Assert.That(DoneInt(ok), Is.EqualTo(300_000));
    }

    [Test]
    public void The_register_limit_traps_cleanly()
    {
        var t = new TestModule();
        t.Fn("main", 1, 0, Call(0, 1), Ret(0));
        t.Fn("loop", 100, 0, Call(0, 1), Ret(0));
        var r = new Vm(t.Build(), new VmOptions { MaxRegisters = 10_000 }).Step();
        Assert.That(TrapMessage(r), Is.EqualTo("stack overflow: register limit 10000 exceeded"));
    }
}
