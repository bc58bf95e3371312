// Instruction semantics (BYTECODE_SPEC.md §8) and the reference VM's trap messages for misuse:
// arithmetic, data movement, heap objects, readonly views, patterns, runtime types.
using System;
using NUnit.Framework;
using Rusk.Vm.Format;
using static Rusk.Vm.Tests.Execution.TestModule;

namespace Rusk.Vm.Tests.Execution;

public sealed class InstructionTests
{
    internal static StepResult Run(Module m, VmOptions? o = null) => new Vm(m, o).Step();

    internal static StepResult RunMain(uint regs, params Instr[] code)
    {
        var t = new TestModule();
        t.Fn("main", regs, 0, code);
        return Run(t.Build());
    }

    internal static long DoneInt(StepResult r)
    {
        Assert.That(r.Kind, Is.EqualTo(StepKind.Done), r.ToString());
        return r.Value.AsInt;
    }

    internal static string TrapMessage(StepResult r)
    {
        Assert.That(r.Kind, Is.EqualTo(StepKind.Trap), r.ToString());
        return r.Message;
    }

    static long IntOp(Opcode op, long a, long b) =>
        DoneInt(RunMain(3, Int(0, a), Int(1, b), Bin(op, 2, 0, 1), Ret(2)));

    [Test]
    public void Int_arithmetic_wraps_and_truncates_like_i64()
    {
        Assert.That(IntOp(Opcode.IntAdd, long.MaxValue, 1), Is.EqualTo(long.MinValue));
        Assert.That(IntOp(Opcode.IntSub, long.MinValue, 1), Is.EqualTo(long.MaxValue));
        Assert.That(IntOp(Opcode.IntMul, long.MaxValue, 2), Is.EqualTo(-2));
        Assert.That(IntOp(Opcode.IntDiv, -7, 2), Is.EqualTo(-3));
        Assert.That(IntOp(Opcode.IntMod, -7, 2), Is.EqualTo(-1));
        Assert.That(IntOp(Opcode.IntDiv, long.MinValue, -1), Is.EqualTo(long.MinValue));
        Assert.That(IntOp(Opcode.IntMod, long.MinValue, -1), Is.EqualTo(0));
        Assert.That(IntOp(Opcode.IntXor, 6, 3), Is.EqualTo(5));
        Assert.That(IntOp(Opcode.IntShr, -16, 2), Is.EqualTo(-4));
        Assert.That(IntOp(Opcode.IntUShr, -1, 60), Is.EqualTo(15));
        Assert.That(IntOp(Opcode.IntShl, 1, 63), Is.EqualTo(long.MinValue));
    }

    [Test]
    public void Division_by_zero_traps_with_the_reference_message()
    {
        Assert.That(TrapMessage(RunMain(3, Int(0, 1), Int(1, 0), Bin(Opcode.IntDiv, 2, 0, 1), Ret(2))), Is.EqualTo("int_div: division by zero"));
        Assert.That(TrapMessage(RunMain(3, Int(0, 1), Int(1, 0), Bin(Opcode.IntMod, 2, 0, 1), Ret(2))), Is.EqualTo("int_mod: modulo by zero"));
    }

    [Test]
    public void Shift_amounts_outside_the_width_trap()
    {
        Assert.That(TrapMessage(RunMain(3, Int(0, 1), Int(1, 64), Bin(Opcode.IntShl, 2, 0, 1), Ret(2))),
            Is.EqualTo("int_shl b: shift amount out of range: 64"));
        Assert.That(TrapMessage(RunMain(3, Int(0, 1), Int(1, -1), Bin(Opcode.IntUShr, 2, 0, 1), Ret(2))),
            Is.EqualTo("int_ushr b: shift amount out of range: -1"));
    }

    [Test]
    public void Wrong_operand_types_name_the_operand_and_the_value()
    {
        Assert.That(TrapMessage(RunMain(3, Bool(0, true), Int(1, 1), Bin(Opcode.IntAdd, 2, 0, 1), Ret(2))),
            Is.EqualTo("int_add a: expected int, got Bool(true)"));
        Assert.That(TrapMessage(RunMain(3, Int(0, 1), Float(1, 1.5), Bin(Opcode.IntLt, 2, 0, 1), Ret(2))),
            Is.EqualTo("int_lt b: expected int, got Float(1.5)"));
        Assert.That(TrapMessage(RunMain(2, Int(0, 1), JumpIf(0, 1, 1), Ret(0))),
            Is.EqualTo("jump_if cond: expected bool, got Int(1)"));
    }

    [Test]
    public void Reading_an_uninitialized_register_traps()
    {
        Assert.That(TrapMessage(RunMain(3, Int(0, 1), Bin(Opcode.IntAdd, 2, 0, 1), Ret(2))),
            Is.EqualTo("int_add b: read from uninitialized reg 1"));
        Assert.That(TrapMessage(RunMain(2, Un(Opcode.Copy, 0, 1), Ret(0))), Is.EqualTo("copy from uninitialized reg 1"));
        Assert.That(TrapMessage(RunMain(2, Ret(1))), Is.EqualTo("return from uninitialized reg 1"));
    }

    [Test]
    public void Errors_in_the_second_half_of_a_fused_run_report_that_instruction()
    {
        // const + add lower to one fused instruction; the add's failure must still be the add's.
        var r = RunMain(3, Int(0, 1), Bin(Opcode.IntAdd, 2, 1, 0), Ret(2));
        Assert.That(TrapMessage(r), Is.EqualTo("int_add a: read from uninitialized reg 1"));
        Assert.That(r.Stack[0].Pc, Is.EqualTo(1));
        r = RunMain(4, Int(0, 1), Bool(1, true), Int(2, 5), Bin(Opcode.IntLt, 3, 1, 2), JumpIf(3, 5, 5), Ret(3));
        Assert.That(TrapMessage(r), Is.EqualTo("int_lt a: expected int, got Bool(true)"));
        Assert.That(r.Stack[0].Pc, Is.EqualTo(3));
    }

    [Test]
    public void Move_leaves_the_source_uninitialized()
    {
        Assert.That(DoneInt(RunMain(2, Int(0, 7), Un(Opcode.Move, 1, 0), Ret(1))), Is.EqualTo(7));
        Assert.That(TrapMessage(RunMain(2, Int(0, 7), Un(Opcode.Move, 1, 0), Ret(0))), Is.EqualTo("return from uninitialized reg 0"));
    }

    [Test]
    public void Registers_start_uninitialized_in_every_activation()
    {
        // f(flag): if flag { r1 = 5 }; return r1 — the second call must not see the first call's r1.
        var t = new TestModule();
        t.Fn("main", 4, 0,
            Bool(0, true), Call(1, 1, 0),
            Bool(2, false), Call(3, 1, 2),
            Ret(3));
        t.Fn("f", 2, 1, JumpIf(0, 1, 2), Int(1, 5), Ret(1));
        Assert.That(TrapMessage(Run(t.Build(0))), Is.EqualTo("return from uninitialized reg 1"));
    }

    [Test]
    public void Bool_and_byte_operations()
    {
        Assert.That(RunMain(3, Bool(0, true), Bool(1, false), Bin(Opcode.BoolNe, 2, 0, 1), Ret(2)).Value.AsBool, Is.True);
        Assert.That(RunMain(2, Bool(0, true), Un(Opcode.BoolNot, 1, 0), Ret(1)).Value.AsBool, Is.False);
        var t = new TestModule();
        t.Fn("main", 4, 0, Int(0, 0xF0), Intr(1, Intrinsic.IntToByte, 0), Int(2, 4), Bin(Opcode.ByteShl, 3, 1, 2), Ret(3));
        Assert.That(Run(t.Build()).Value.AsByte, Is.EqualTo(0));
        t = new TestModule();
        t.Fn("main", 4, 0, Int(0, 0xF0), Intr(1, Intrinsic.IntToByte, 0), Int(2, 8), Bin(Opcode.ByteShr, 3, 1, 2), Ret(3));
        Assert.That(TrapMessage(Run(t.Build())), Is.EqualTo("byte_shr b: shift amount out of range: 8"));
    }

    [Test]
    public void Falling_off_the_end_returns_unit()
    {
        var r = RunMain(1, Int(0, 1));
        Assert.That(r.Kind, Is.EqualTo(StepKind.Done));
        Assert.That(r.Value.Kind, Is.EqualTo(AbiKind.Unit));
    }

    [Test]
    public void Trap_instruction_traps_with_its_message_and_the_rusk_stack()
    {
        var t = new TestModule();
        t.Fn("main", 1, 0, Int(0, 1), Call(null, 1));
        t.Fn("inner", 1, 0, Int(0, 2), Trap("boom"));
        var r = Run(t.Build());
        Assert.That(TrapMessage(r), Is.EqualTo("boom"));
        Assert.That(r.Stack.Count, Is.EqualTo(2));
        Assert.That(r.Stack[0].Function, Is.EqualTo("inner"));
        Assert.That(r.Stack[0].Pc, Is.EqualTo(1));
        Assert.That(r.Stack[1].Function, Is.EqualTo("main"));
        Assert.That(r.Stack[1].Pc, Is.EqualTo(1));
    }

    [Test]
    public void Tuples_and_arrays_read_write_and_bounds_check()
    {
        Assert.That(DoneInt(RunMain(5, Int(0, 1), Int(1, 2), Tuple(2, 0, 1), new IndexedGetInstr(Opcode.TupleGet, 3, 2, 1), Ret(3))), Is.EqualTo(2));
        Assert.That(TrapMessage(RunMain(5, Int(0, 1), Tuple(2, 0), new IndexedGetInstr(Opcode.TupleGet, 3, 2, 4), Ret(3))), Is.EqualTo("missing field: .4"));
        Assert.That(DoneInt(RunMain(5, Int(0, 1), Int(1, 9), Array(2, 0, 1), Int(3, 1), Bin(Opcode.IndexGet, 4, 2, 3), Ret(4))), Is.EqualTo(9));
        Assert.That(TrapMessage(RunMain(5, Int(0, 1), Array(2, 0, 0, 0), Int(3, 999), Bin(Opcode.IndexGet, 4, 2, 3), Ret(4))),
            Is.EqualTo("index out of bounds: index=999, len=3"));
        Assert.That(TrapMessage(RunMain(5, Int(0, 1), Array(2, 0), Int(3, -1), new IndexSetInstr(2, 3, 0), Ret(0))),
            Is.EqualTo("index out of bounds: index=-1, len=1"));
        Assert.That(DoneInt(RunMain(4, Int(0, 1), Array(2, 0, 0, 0), Un(Opcode.Len, 3, 2), Ret(3))), Is.EqualTo(3));
        Assert.That(TrapMessage(RunMain(3, Int(0, 1), Un(Opcode.Len, 2, 0), Ret(2))), Is.EqualTo("type error in len: expected ref(array), got int"));
        var r = RunMain(2, Tuple(0), Ret(0));
        Assert.That(r.Value.Kind, Is.EqualTo(AbiKind.Unit), "the empty tuple is unit");
    }

    [Test]
    public void Writes_through_a_readonly_view_trap_and_loads_through_it_are_readonly()
    {
        // r2 = [[1]] readonly; r4 = r2[0] (readonly too); r4[0] = 5 → trap.
        Assert.That(TrapMessage(RunMain(6,
            Int(0, 1), Array(1, 0), Array(2, 1), Un(Opcode.AsReadonly, 2, 2), Int(3, 0),
            Bin(Opcode.IndexGet, 4, 2, 3), new IndexSetInstr(4, 3, 0), Ret(0))),
            Is.EqualTo("illegal write through readonly reference"));
        // The writable alias still works.
        Assert.That(DoneInt(RunMain(6,
            Int(0, 1), Array(1, 0), Un(Opcode.AsReadonly, 2, 1), Int(3, 0), Int(4, 5),
            new IndexSetInstr(1, 3, 4), Bin(Opcode.IndexGet, 5, 2, 3), Ret(5))), Is.EqualTo(5));
    }

    [Test]
    public void Structs_are_built_in_layout_order_and_checked()
    {
        var t = new TestModule();
        uint p = t.Struct("Point", "x", "y");
        t.Fn("main", 5, 0, Int(0, 1), Int(1, 2),
            new MakeStructInstr(2, p, System.Array.Empty<uint>(), new[] { "y", "x" }, new uint[] { 1, 0 }),
            new IndexedGetInstr(Opcode.StructGet, 3, 2, 1), Ret(3));
        Assert.That(DoneInt(Run(t.Build())), Is.EqualTo(2));

        t = new TestModule();
        p = t.Struct("Point", "x", "y");
        t.Fn("main", 5, 0, Int(0, 1),
            new MakeStructInstr(2, p, System.Array.Empty<uint>(), new[] { "x", "x" }, new uint[] { 0, 0 }), Ret(2));
        Assert.That(TrapMessage(Run(t.Build())), Is.EqualTo("duplicate field `x` in `Point` literal"));

        t = new TestModule();
        p = t.Struct("Point", "x", "y");
        t.Fn("main", 5, 0, Int(0, 1),
            new MakeStructInstr(2, p, System.Array.Empty<uint>(), new[] { "x" }, new uint[] { 0 }), Ret(2));
        Assert.That(TrapMessage(Run(t.Build())), Is.EqualTo("missing field: y"));
    }

    [Test]
    public void Name_based_field_access_works_on_structs_and_tuples()
    {
        var t = new TestModule();
        uint p = t.Struct("Point", "x", "y");
        t.Fn("main", 6, 0, Int(0, 1), Int(1, 2),
            new MakeStructInstr(2, p, System.Array.Empty<uint>(), new[] { "x", "y" }, new uint[] { 0, 1 }),
            new SetFieldInstr(2, "y", 0), new GetFieldInstr(3, 2, "y"),
            Tuple(4, 1, 3), new GetFieldInstr(5, 4, ".1"), Ret(5));
        Assert.That(DoneInt(Run(t.Build())), Is.EqualTo(1));

        t = new TestModule();
        p = t.Struct("Point", "x", "y");
        t.Fn("main", 6, 0, Int(0, 1), Int(1, 2),
            new MakeStructInstr(2, p, System.Array.Empty<uint>(), new[] { "x", "y" }, new uint[] { 0, 1 }),
            new GetFieldInstr(3, 2, "z"), Ret(3));
        Assert.That(TrapMessage(Run(t.Build())), Is.EqualTo("missing field: z"));
    }

    static Instr Enum(uint dst, uint type, string variant, params uint[] fields) =>
        new MakeEnumInstr(dst, type, System.Array.Empty<uint>(), variant, fields);

    [Test]
    public void Switch_matches_enum_variants_and_binds_fields()
    {
        var t = new TestModule();
        uint opt = t.Type("Option");
        t.Fn("main", 4, 0,
            Int(0, 41), Enum(1, opt, "Some", 0),
            new SwitchInstr(1, new[]
            {
                new SwitchCase(Pattern.Enum("Option", "None", System.Array.Empty<Pattern>()), 5, System.Array.Empty<uint>()),
                new SwitchCase(Pattern.Enum("Option", "Some", new[] { Pattern.Bind }), 4, new uint[] { 2 }),
            }, 5),
            Trap("unreachable"),
            Ret(2),
            Trap("no match"));
        Assert.That(DoneInt(Run(t.Build())), Is.EqualTo(41));
    }

    [Test]
    public void Enum_switch_binds_readonly_views_and_falls_through_to_later_cases()
    {
        // e = E::A([1]) seen readonly; switch e { E::A(x) => x[0] = 2 (must trap), ... }
        var t = new TestModule();
        uint et = t.Type("E");
        t.Fn("main", 5, 0,
            Int(0, 1), Array(1, 0), Enum(2, et, "A", 1), Un(Opcode.AsReadonly, 2, 2),
            new SwitchInstr(2, new[]
            {
                new SwitchCase(Pattern.Enum("E", "A", new[] { Pattern.Bind }), 6, new uint[] { 3 }),
                new SwitchCase(Pattern.Wildcard, 9, System.Array.Empty<uint>()),
            }, 9),
            Trap("no match"),
            Int(4, 0), new IndexSetInstr(3, 4, 0), Ret(0),
            Trap("wildcard"));
        Assert.That(TrapMessage(Run(t.Build())), Is.EqualTo("illegal write through readonly reference"));

        // A variant not listed before the wildcard reaches the wildcard case.
        t = new TestModule();
        et = t.Type("E");
        t.Fn("main", 3, 0,
            Enum(0, et, "C"),
            new SwitchInstr(0, new[]
            {
                new SwitchCase(Pattern.Enum("E", "A", System.Array.Empty<Pattern>()), 3, System.Array.Empty<uint>()),
                new SwitchCase(Pattern.Enum("E", "B", System.Array.Empty<Pattern>()), 3, System.Array.Empty<uint>()),
                new SwitchCase(Pattern.Bind, 4, new uint[] { 1 }),
            }, 3),
            Trap("default"),
            Trap("A or B"),
            Int(2, 42), Ret(2));
        Assert.That(DoneInt(Run(t.Build())), Is.EqualTo(42));

        // Option values made by intrinsics match the module's `Some` pattern.
        t = new TestModule();
        t.Type("Option");
        t.Fn("main", 4, 0, Int(0, 65), Intr(1, Intrinsic.IntTryChar, 0),
            new SwitchInstr(1, new[] { new SwitchCase(Pattern.Enum("Option", "Some", new[] { Pattern.Bind }), 4, new uint[] { 2 }) }, 3),
            Trap("None"),
            Intr(3, Intrinsic.CharToInt, 2), Ret(3));
        Assert.That(DoneInt(Run(t.Build())), Is.EqualTo(65));
    }

    [Test]
    public void Switch_patterns_cover_literals_tuples_with_rest_and_arrays()
    {
        // switch (1, 2, 3) { (a, .., c) => a + c }
        Assert.That(DoneInt(RunMain(8, Int(0, 1), Int(1, 2), Int(2, 3), Tuple(3, 0, 1, 2),
            new SwitchInstr(3, new[]
            {
                new SwitchCase(Pattern.Tuple(new[] { Pattern.Bind }, Pattern.Wildcard, new[] { Pattern.Bind }), 6, new uint[] { 4, 5 }),
            }, 5),
            Trap("no match"),
            Bin(Opcode.IntAdd, 6, 4, 5), Ret(6))), Is.EqualTo(4));

        // switch [7, 8, 9] { [x, ..rest] => len(rest) }
        Assert.That(DoneInt(RunMain(8, Int(0, 7), Int(1, 8), Int(2, 9), Array(3, 0, 1, 2),
            new SwitchInstr(3, new[]
            {
                new SwitchCase(Pattern.Array(new[] { Pattern.Lit(ConstValue.Int(1)) }, Pattern.Bind, System.Array.Empty<Pattern>()), 6, new uint[] { 5 }),
                new SwitchCase(Pattern.Array(new[] { Pattern.Bind }, Pattern.Bind, System.Array.Empty<Pattern>()), 6, new uint[] { 4, 5 }),
            }, 5),
            Trap("no match"),
            Un(Opcode.Len, 6, 5), Ret(6))), Is.EqualTo(2));

        // A literal string pattern; no case matches → default.
        Assert.That(DoneInt(RunMain(3, Str(0, "b"),
            new SwitchInstr(0, new[] { new SwitchCase(Pattern.Lit(ConstValue.String("a")), 2, System.Array.Empty<uint>()) }, 3),
            Trap("never"), Int(1, 2), Int(1, 3), Ret(1))), Is.EqualTo(3));
    }

    [Test]
    public void Switch_with_a_wrong_param_count_traps_when_the_case_matches()
    {
        Assert.That(TrapMessage(RunMain(3, Int(0, 1),
            new SwitchInstr(0, new[] { new SwitchCase(Pattern.Bind, 2, System.Array.Empty<uint>()) }, 2),
            Ret(0))), Is.EqualTo("invalid switch binds: expected 0, got 1"));
    }

    [Test]
    public void Typereps_are_interned_and_tested()
    {
        var t = new TestModule();
        uint s = t.Struct("Box", "v");
        // r2 = Box<int>{v: 1}; r3 = typerep(Box, int); is_type(r2, r3) && !is_type(r2, Box<bool>)
        t.Fn("main", 9, 0,
            TypeRepC(0, TypeRepKind.Int), Int(1, 1),
            new MakeStructInstr(2, s, new uint[] { 0 }, new[] { "v" }, new uint[] { 1 }),
            new MakeTypeRepInstr(3, TypeRepLit.Named(TypeRepKind.Struct, "Box"), new uint[] { 0 }),
            Bin(Opcode.IsType, 4, 2, 3),
            TypeRepC(5, TypeRepKind.Bool),
            new MakeTypeRepInstr(6, TypeRepLit.Named(TypeRepKind.Struct, "Box"), new uint[] { 5 }),
            Bin(Opcode.IsType, 7, 2, 6),
            Bin(Opcode.BoolNe, 8, 4, 7), Ret(8));
        Assert.That(Run(t.Build()).Value.AsBool, Is.True);
    }

    [Test]
    public void Interface_type_tests_use_the_impl_table()
    {
        var t = new TestModule();
        uint iface = t.Type("Show");
        t.Implements(2 /* int */, iface);
        t.Fn("main", 4, 0, Int(0, 1),
            new MakeTypeRepInstr(1, TypeRepLit.Named(TypeRepKind.Interface, "Show"), System.Array.Empty<uint>()),
            Bin(Opcode.IsType, 2, 0, 1), Ret(2));
        Assert.That(Run(t.Build()).Value.AsBool, Is.True);
        Assert.That(TrapMessage(RunMain(3, Int(0, 1), Int(1, 2), Bin(Opcode.IsType, 2, 0, 1), Ret(2))),
            Is.EqualTo("is_type ty: type error in typerep: expected typerep, got int"));
    }

    [Test]
    public void Non_abi_entry_results_trap()
    {
        Assert.That(TrapMessage(RunMain(1, TypeRepC(0, TypeRepKind.Int), Ret(0))), Is.EqualTo("non-ABI-safe value (typerep)"));
        Assert.That(TrapMessage(RunMain(1, FnRef(0, 0), Ret(0))), Is.EqualTo("non-ABI-safe value (function)"));
        Assert.That(TrapMessage(RunMain(1, Array(0), Ret(0))), Is.EqualTo("cannot infer ABI element type for empty array"));
    }

    [Test]
    public void Composite_entry_results_are_readable_through_the_host_context()
    {
        var vm = new Vm(Build(t => t.Fn("main", 4, 0, Int(0, 1), Str(1, "x"), Tuple(2, 0, 1), Array(3, 2, 2), Ret(3))));
        var r = vm.Step();
        Assert.That(r.Kind, Is.EqualTo(StepKind.Done));
        Assert.That(vm.HostContext.ArrayLength(r.Value), Is.EqualTo(2));
        var item = vm.HostContext.ArrayGet(r.Value, 1);
        Assert.That(vm.HostContext.TupleGet(item, 1).AsString, Is.EqualTo("x"));
        Assert.That(AbiTypeText(vm.HostContext.TypeOf(r.Value)), Is.EqualTo("Array(Tuple([Int, String]))"));
    }

    internal static string AbiTypeText(AbiType t) => Rusk.Vm.Execution.AbiConverter.Debug(t);

    internal static Module Build(Action<TestModule> f)
    {
        var t = new TestModule();
        f(t);
        return t.Build();
    }
}
