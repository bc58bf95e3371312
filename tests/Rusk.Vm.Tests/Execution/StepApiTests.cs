// The step API (§5.2, §5.3): fuel and Yield, instruction metrics, Done/Trap idempotence, VM
// construction checks (entry arity, argv), and no .NET exception escaping Step.
using System;
using NUnit.Framework;
using Rusk.Vm.Format;
using static Rusk.Vm.Tests.Execution.TestModule;
using static Rusk.Vm.Tests.Execution.InstructionTests;

namespace Rusk.Vm.Tests.Execution;

public sealed class StepApiTests
{
    // A counted loop of 10 iterations: 1 + 5 * 10 + 1 = 52 instructions.
    static Module Loop10() => Build(t => t.Fn("main", 4, 0,
        Int(0, 0),                                 // 0
        Int(1, 1), Bin(Opcode.IntAdd, 0, 0, 1),    // 1, 2
        Int(2, 10), Bin(Opcode.IntLt, 3, 0, 2), JumpIf(3, 1, 6), // 3, 4, 5
        Ret(0)));                                  // 6

    [Test]
    public void Fuel_bounds_each_step_and_yields_with_zero_remaining()
    {
        var vm = new Vm(Loop10(), new VmOptions { EnableMetrics = true });
        int steps = 0;
        StepResult r;
        do
        {
            r = vm.Step(7);
            steps++;
            if (r.Kind == StepKind.Yield) Assert.That(r.RemainingFuel, Is.EqualTo(0UL));
        } while (r.Kind == StepKind.Yield);
        Assert.That(DoneInt(r), Is.EqualTo(10));
        // 1 + 5 * 10 + 1 = 52 instructions → 7 full steps of 7 (49) and the rest in the 8th.
        Assert.That(vm.Metrics.ExecutedInstructions, Is.EqualTo(52UL));
        Assert.That(steps, Is.EqualTo(8));
    }

    [Test]
    public void Every_fuel_budget_splits_fused_instruction_runs_exactly()
    {
        // The loop body lowers to fused runs (const+add, const+compare+branch); yielding must still
        // happen after exactly `fuel` instructions, wherever that falls inside a run.
        for (ulong fuel = 1; fuel <= 60; fuel++)
        {
            var vm = new Vm(Loop10(), new VmOptions { EnableMetrics = true });
            int steps = 0;
            StepResult r;
            do { r = vm.Step(fuel); steps++; } while (r.Kind == StepKind.Yield && steps < 1000);
            Assert.That(DoneInt(r), Is.EqualTo(10), $"fuel {fuel}");
            Assert.That(vm.Metrics.ExecutedInstructions, Is.EqualTo(52UL), $"fuel {fuel}");
            Assert.That(steps, Is.EqualTo((int)((52 + fuel - 1) / fuel)), $"fuel {fuel}");
        }
    }

    [Test]
    public void Fuel_that_ends_exactly_on_the_last_instruction_needs_one_more_step()
    {
        var vm = new Vm(Loop10(), new VmOptions { EnableMetrics = true });
        Assert.That(vm.Step(52).Kind, Is.EqualTo(StepKind.Done), "the 52nd instruction is the return");
        vm = new Vm(Loop10());
        Assert.That(vm.Step(51).Kind, Is.EqualTo(StepKind.Yield));
        Assert.That(vm.Step(0).Kind, Is.EqualTo(StepKind.Yield), "zero fuel yields before anything runs");
        Assert.That(vm.Step(1).Kind, Is.EqualTo(StepKind.Done));
    }

    [Test]
    public void Implicit_return_costs_no_fuel()
    {
        var vm = new Vm(Build(t => t.Fn("main", 1, 0, Int(0, 1))), new VmOptions { EnableMetrics = true });
        Assert.That(vm.Step(1).Kind, Is.EqualTo(StepKind.Yield));
        Assert.That(vm.Step(1).Kind, Is.EqualTo(StepKind.Done));
        Assert.That(vm.Metrics.ExecutedInstructions, Is.EqualTo(1UL));
    }

    [Test]
    public void Metrics_count_only_when_enabled_and_take_resets_them()
    {
        var vm = new Vm(Loop10());
        vm.Step();
        Assert.That(vm.Metrics.ExecutedInstructions, Is.EqualTo(0UL));
        vm = new Vm(Loop10(), new VmOptions { EnableMetrics = true });
        vm.Step(10);
        var taken = vm.TakeMetrics();
        Assert.That(taken.ExecutedInstructions, Is.EqualTo(10UL));
        Assert.That(vm.Metrics.ExecutedInstructions, Is.EqualTo(0UL));
        vm.Step();
        Assert.That(vm.Metrics.ExecutedInstructions, Is.EqualTo(42UL));
    }

    [Test]
    public void Done_and_trap_are_idempotent()
    {
        var vm = new Vm(Loop10());
        var a = vm.Step();
        var b = vm.Step(5);
        Assert.That(b.Kind, Is.EqualTo(StepKind.Done));
        Assert.That(b.Value.AsInt, Is.EqualTo(a.Value.AsInt));
        Assert.That(vm.IsDone, Is.True);

        vm = new Vm(Build(t => t.Fn("main", 1, 0, Trap("boom"))));
        Assert.That(vm.Step().Message, Is.EqualTo("boom"));
        Assert.That(vm.Step().Message, Is.EqualTo("boom"));
        Assert.That(vm.IsTrapped, Is.True);
    }

    [Test]
    public void Construction_checks_the_entry_like_the_reference()
    {
        var zeroParams = Build(t => t.Fn("main", 1, 0, Ret(0)));
        var ex = Assert.Throws<VmException>(() => new Vm(zeroParams, new VmOptions { Argv = new[] { "" } }));
        Assert.That(ex!.Message, Does.Contain("entry function expects 0 parameter(s); cannot pass argv"));

        var oneParam = Build(t => t.Fn("main", 1, 1, Ret(0)));
        ex = Assert.Throws<VmException>(() => new Vm(oneParam));
        Assert.That(ex!.Message, Does.Contain("entry function expects 1 parameter(s); use Vm::new_with_argv"));

        var generic = Build(t => t.Fn("main", 1, 0, 1, Ret(0)));
        ex = Assert.Throws<VmException>(() => new Vm(generic));
        Assert.That(ex!.Message, Does.Contain("entry function cannot be generic"));
    }

    [Test]
    public void Main_receives_argv_as_an_array_of_strings()
    {
        var m = Build(t => t.Fn("main", 3, 1, Int(1, 1), Bin(Opcode.IndexGet, 2, 0, 1), Ret(2)));
        var r = new Vm(m, new VmOptions { Argv = new[] { "", "hello" } }).Step();
        Assert.That(r.Value.AsString, Is.EqualTo("hello"));
        // An empty argv still holds the program name "".
        m = Build(t => t.Fn("main", 2, 1, Un(Opcode.Len, 1, 0), Ret(1)));
        Assert.That(new Vm(m, new VmOptions { Argv = System.Array.Empty<string>() }).Step().Value.AsInt, Is.EqualTo(1));
    }

    [Test]
    public void Intrinsic_failures_become_traps()
    {
        Assert.That(TrapMessage(RunMain(2, Int(0, 1), Int(1, 0), Intr(0, Intrinsic.IntDiv, 0, 1), Ret(0))),
            Is.EqualTo("core::intrinsics::int_div: division by zero"));
        Assert.That(TrapMessage(RunMain(2, Int(0, 1), Intr(1, Intrinsic.IntAdd, 0, 1), Ret(1))),
            Is.EqualTo("read from uninitialized reg 1"));
    }

    [Test]
    public void Malformed_modules_trap_instead_of_throwing()
    {
        // Register out of range and a jump past the end: lowering turns them into clean results.
        Assert.That(RunMain(1, Un(Opcode.Copy, 0, 7), Ret(0)).Kind, Is.EqualTo(StepKind.Trap));
        Assert.That(RunMain(1, Jump(100)).Kind, Is.EqualTo(StepKind.Done));
        Assert.That(TrapMessage(RunMain(1, Call(0, 42), Ret(0))), Is.EqualTo("invalid function id 42"));
    }
}
