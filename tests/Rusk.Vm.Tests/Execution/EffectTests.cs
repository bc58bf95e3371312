// Effects and continuations (§6): in-VM handlers (resumptive, abortive, tail), one-shot
// continuations, nested captures, handler scoping, and externalized requests with the step API's
// resume/drop rules.
using System;
using NUnit.Framework;
using Rusk.Vm.Format;
using static Rusk.Vm.Tests.Execution.TestModule;
using static Rusk.Vm.Tests.Execution.InstructionTests;

namespace Rusk.Vm.Tests.Execution;

public sealed class EffectTests
{
    static Instr Handler(string iface, string method, Pattern[] args, uint target, params uint[] paramRegs) =>
        new PushHandlerInstr(new[] { new HandlerClause(Eff(iface, method), args, target, paramRegs) });

    static readonly Pattern[] NoArgs = System.Array.Empty<Pattern>();

    [Test]
    public void Resumptive_handler_resumes_the_continuation_in_place()
    {
        // The reference's own test: handler gets 41, resumes with it; the body adds 1.
        var r = RunMain(5,
            Handler("Test", "boom", new[] { Pattern.Bind }, 6, 0, 1),
            Int(2, 41),
            Perform(3, "Test", "boom", 2),
            Int(4, 1), Bin(Opcode.IntAdd, 4, 3, 4), Ret(4),
            new ResumeInstr(new OptReg(2), 1, 0), PopHandlerInstr.Instance, Ret(2));
        Assert.That(DoneInt(r), Is.EqualTo(42));
    }

    [Test]
    public void Abortive_handler_unwinds_to_the_owner_frame()
    {
        var t = new TestModule();
        t.Fn("main", 3, 0,
            Handler("E", "fail", new[] { Pattern.Bind }, 3, 1),
            Call(0, 1),
            Ret(0),
            Int(2, 1), Bin(Opcode.IntAdd, 2, 1, 2), Ret(2));
        t.Fn("f", 1, 0, Call(0, 2), Ret(0));
        t.Fn("g", 2, 0, Int(0, 7), Perform(1, "E", "fail", 0), Ret(1));
        Assert.That(DoneInt(Run(t.Build())), Is.EqualTo(8));
    }

    [Test]
    public void Continuations_are_one_shot()
    {
        var r = RunMain(6,
            Handler("E", "get", NoArgs, 4, 4),
            Perform(1, "E", "get"),
            Ret(1),
            Trap("unreachable"),
            Int(3, 1), new ResumeInstr(new OptReg(5), 4, 3), new ResumeInstr(new OptReg(5), 4, 3), Ret(5));
        Assert.That(TrapMessage(r), Is.EqualTo("invalid resume"));
    }

    [Test]
    public void Resumed_continuations_carry_their_handlers_for_later_performs()
    {
        var r = RunMain(6,
            Handler("E", "get", NoArgs, 6, 4),
            Perform(1, "E", "get"),
            Perform(2, "E", "get"),
            Bin(Opcode.IntAdd, 0, 1, 2),
            PopHandlerInstr.Instance,
            Ret(0),
            Int(3, 10), new ResumeInstr(new OptReg(5), 4, 3), Ret(5));
        Assert.That(DoneInt(r), Is.EqualTo(20));
    }

    [Test]
    public void Resume_tail_replaces_the_handler_frame()
    {
        var r = RunMain(6,
            Handler("E", "get", NoArgs, 3, 4),
            Perform(1, "E", "get"),
            Ret(1),
            Int(3, 5), new ResumeTailInstr(4, 3));
        Assert.That(DoneInt(r), Is.EqualTo(5));
    }

    [Test]
    public void Handlers_are_scoped_to_their_frame()
    {
        Assert.That(TrapMessage(RunMain(2, Perform(0, "E", "boom"), Ret(0))), Is.EqualTo("unhandled effect: E.boom"));
        var t = new TestModule();
        t.Fn("main", 1, 0, Call(0, 1), Perform(0, "E", "boom"), Ret(0));
        t.Fn("installs", 2, 0, Handler("E", "boom", NoArgs, 2), Ret(1), Int(1, 0), Ret(1));
        Assert.That(TrapMessage(Run(t.Build())), Is.EqualTo("return from uninitialized reg 1"));
        Assert.That(TrapMessage(RunMain(1, PopHandlerInstr.Instance)), Is.EqualTo("mismatched pop_handler"));
    }

    [Test]
    public void Handler_arg_patterns_select_the_clause()
    {
        // Two clauses: E.op(0) → returns 100, E.op(x) → resumes with x + 1.
        var r = RunMain(8,
            new PushHandlerInstr(new[]
            {
                new HandlerClause(Eff("E", "op"), new[] { Pattern.Lit(ConstValue.Int(0)) }, 6, System.Array.Empty<uint>()),
                new HandlerClause(Eff("E", "op"), new[] { Pattern.Bind }, 8, new uint[] { 4, 5 }),
            }),
            Int(0, 3), Perform(1, "E", "op", 0), Ret(1),
            Trap("unreachable"), Trap("unreachable"),
            Int(2, 100), Ret(2),
            Int(6, 1), Bin(Opcode.IntAdd, 6, 4, 6), new ResumeInstr(new OptReg(7), 5, 6), Ret(7));
        Assert.That(DoneInt(r), Is.EqualTo(4));
    }

    static Module External()
    {
        var t = new TestModule();
        t.External("TestFfi", "add", AbiType.Int, AbiType.Int, AbiType.Int);
        t.Fn("main", 4, 0, Int(0, 1), Int(1, 2), Perform(2, "TestFfi", "add", 0, 1), Int(3, 10), Bin(Opcode.IntAdd, 3, 2, 3), Ret(3));
        return t.Build();
    }

    [Test]
    public void External_effects_become_requests_that_the_host_resumes()
    {
        var vm = new Vm(External(), new VmOptions { EnableMetrics = true });
        var r = vm.Step();
        Assert.That(r.Kind, Is.EqualTo(StepKind.Request));
        Assert.That(r.EffectId, Is.EqualTo(0u));
        Assert.That(r.Args.Count, Is.EqualTo(2));
        Assert.That(r.Args[0].AsInt + r.Args[1].AsInt, Is.EqualTo(3));
        Assert.That(vm.IsSuspended, Is.True);
        Assert.That(vm.Metrics.ExecutedInstructions, Is.EqualTo(3UL), "the perform counts once");

        Assert.That(vm.Step().Message, Is.EqualTo("vm is suspended; call resume/drop first"));
        Assert.That(vm.IsSuspended, Is.True, "stepping while suspended changes nothing");

        var ex = Assert.Throws<VmException>(() => vm.Resume(new ContinuationHandle(0, r.K.Generation + 1), AbiValue.Int(3)));
        Assert.That(ex!.Message, Does.Contain("continuation handle mismatch"));
        ex = Assert.Throws<VmException>(() => vm.Resume(r.K, AbiValue.Bool(true)));
        Assert.That(ex!.Message, Does.Contain("resume value type mismatch: expected Int, got Bool"));

        vm.Resume(r.K, AbiValue.Int(3));
        Assert.That(DoneInt(vm.Step()), Is.EqualTo(13));
        ex = Assert.Throws<VmException>(() => vm.Resume(r.K, AbiValue.Int(3)));
        Assert.That(ex!.Message, Does.Contain("vm is not suspended"));
    }

    [Test]
    public void Dropping_the_request_cancels_the_vm()
    {
        var vm = new Vm(External());
        var r = vm.Step();
        vm.DropContinuation(r.K);
        Assert.That(vm.Step().Message, Is.EqualTo("cancelled"));
        Assert.That(vm.Step().Message, Is.EqualTo("cancelled"));
        Assert.Throws<VmException>(() => vm.DropContinuation(r.K));
    }

    [Test]
    public void Generic_effects_are_never_externalized()
    {
        var t = new TestModule();
        t.External("E", "get", AbiType.Int);
        t.Fn("main", 2, 0, TypeRepC(0, TypeRepKind.Int),
            new PerformInstr(new OptReg(1), new EffectSpec("E", new uint[] { 0 }, "get"), System.Array.Empty<uint>()), Ret(1));
        Assert.That(TrapMessage(Run(t.Build())), Is.EqualTo("unhandled effect: E.get"));
    }
}
