// The heap limit from the host's side (issue 11): a runaway VM traps while another VM of the same
// module runs to its result, its memory comes back, limits are checked at creation, and a module
// whose register count is far larger than its code (the fuzzer's OutOfMemoryException class) loads.
using System;
using System.Collections.Generic;
using NUnit.Framework;
using Rusk.Vm.Format;
using Rusk.Vm.Text;

namespace Rusk.Vm.Tests.Execution;

public sealed class MemoryLimitTests
{
    // Keeps pushing a fresh 16-element array onto one it keeps (the program).
    const string Runaway = """
        fn main params 0 {
            r0 = const typerep int
            r1 = make_array []
            r2 = const 0
            r6 = const 1
        loop:
            r3 = make_array [r2, r2, r2, r2, r2, r2, r2, r2, r2, r2, r2, r2, r2, r2, r2, r2]
            r4 = call intrinsic array_push(r0, r1, r3)
            r2 = int_add r2, r6
            jump loop
        }
        """;

    const string Bounded = """
        fn main params 0 {
            r0 = const typerep int
            r1 = make_array []
            r2 = const 0
            r6 = const 1
            r9 = const 1000
        loop:
            r3 = make_array [r2, r2, r2, r2]
            r4 = call intrinsic array_push(r0, r1, r3)
            r2 = int_add r2, r6
            r5 = int_lt r2, r9
            jump_if r5, loop, end
        end:
            r8 = len r1
            return r8
        }
        """;

    static Module Pushing() => Assembler.Assemble(Runaway);

    [Test]
    public void Runaway_vm_traps_out_of_memory_while_another_vm_runs_to_its_result()
    {
        var runaway = new Vm(Pushing(), new VmOptions { MaxHeapBytes = 32L << 20 });
        var bounded = new Vm(Assembler.Assemble(Bounded), new VmOptions { MaxHeapBytes = 32L << 20 });
        StepResult r;
        do r = runaway.Step(10_000); while (r.Kind == StepKind.Yield);
        Assert.That(r.Kind, Is.EqualTo(StepKind.Trap));
        Assert.That(r.Message, Is.EqualTo("out of memory: heap limit of 33554432 bytes (maxHeapBytes) exceeded"));
        Assert.That(r.Stack[0].Function, Is.EqualTo("main"));
        Assert.That(runaway.IsTrapped, Is.True);
        Assert.That(runaway.Step().Message, Is.EqualTo(r.Message), "a trapped VM repeats its trap");

        var done = bounded.Step();
        Assert.That(done.Kind, Is.EqualTo(StepKind.Done));
        Assert.That(done.Value.AsInt, Is.EqualTo(1000));
    }

    [Test]
    public void Memory_of_a_trapped_vm_comes_back()
    {
        long before = GC.GetTotalMemory(forceFullCollection: true);
        var vm = new Vm(Pushing(), new VmOptions { MaxHeapBytes = 64L << 20 });
        Assert.That(vm.Step().Kind, Is.EqualTo(StepKind.Trap));
        long held = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(vm);
        // The trapped VM is still referenced here, yet its guest data is gone: a trap releases the machine.
        Assert.That(held - before, Is.LessThan(4L << 20), $"before {before}, after the trap {held}");
    }

    [Test]
    public void The_limit_holds_while_stepping_with_little_fuel()
    {
        var vm = new Vm(Pushing(), new VmOptions { MaxHeapBytes = 8L << 20 });
        StepResult r;
        int steps = 0;
        do r = vm.Step(100); while (r.Kind == StepKind.Yield && ++steps < 10_000_000);
        Assert.That(r.Kind, Is.EqualTo(StepKind.Trap));
        Assert.That(r.Message, Does.StartWith("out of memory: heap limit of 8388608 bytes"));
    }

    // Allocates 200,000 dropped 16-element arrays (440 bytes each as charged, 88 MB in all) and keeps none.
    const string Churn = """
        fn main params 0 {
            r0 = const 0
            r1 = const 1
            r2 = const 200000
        loop:
            r3 = make_array [r0, r0, r0, r0, r0, r0, r0, r0, r0, r0, r0, r0, r0, r0, r0, r0]
            r0 = int_add r0, r1
            r4 = int_lt r0, r2
            jump_if r4, loop, end
        end:
            return r0
        }
        """;

    /// <summary>
    /// The limit's cost: the live graph is measured once per (limit - live) bytes allocated, not more
    /// (charges are the allocations' sizes, not a per-instruction bound), whatever fuel the host steps with.
    /// </summary>
    [TestCase(null)]
    [TestCase(1000UL)]
    public void Garbage_is_measured_once_per_limit_of_allocation(ulong? fuel)
    {
        var vm = new Vm(Assembler.Assemble(Churn), new VmOptions { MaxHeapBytes = 4L << 20 });
        StepResult r;
        do r = fuel is ulong f ? vm.Step(f) : vm.Step(); while (r.Kind == StepKind.Yield);
        Assert.That(r.Kind, Is.EqualTo(StepKind.Done));
        Assert.That(r.Value.AsInt, Is.EqualTo(200_000));
        // 200,000 × 440 bytes / 4 MiB ≈ 21.
        Assert.That(vm.HeapMeasurements, Is.InRange(20, 22));
    }

    // Stores 64 strings from the host (256 KB each, 16 MB in all) into an array it keeps: the guest
    // itself allocates almost nothing, so only the host's values can take it past the limit.
    const string HostStrings = """
        host "test::big" () -> string
        fn main params 0 {
            r0 = const typerep string
            r1 = const ""
            r2 = make_array [r1, r1, r1, r1, r1, r1, r1, r1, r1, r1, r1, r1, r1, r1, r1, r1]
            r2 = call intrinsic array_concat(r0, r2, r2)
            r2 = call intrinsic array_concat(r0, r2, r2)
            r3 = const 0
            r4 = const 1
            r5 = const 64
        loop:
            r6 = call host "test::big"()
            index_set r2, r3, r6
            r3 = int_add r3, r4
            r7 = int_lt r3, r5
            jump_if r7, loop, end
        end:
            return r3
        }
        """;

    /// <summary>What the host hands the guest counts too: values are charged as they come in and checked at the call's return.</summary>
    [Test]
    public void Host_values_the_guest_keeps_count()
    {
        string big = new string('x', 256 * 1024);
        var vm = new Vm(Assembler.Assemble(HostStrings), new VmOptions { MaxHeapBytes = 4L << 20 });
        vm.RegisterHostImport("test::big", (cx, args) => AbiValue.String(big));
        var r = vm.Step();
        Assert.That(r.Kind, Is.EqualTo(StepKind.Trap));
        Assert.That(r.Message, Is.EqualTo("out of memory: heap limit of 4194304 bytes (maxHeapBytes) exceeded"));

        var roomy = new Vm(Assembler.Assemble(HostStrings), new VmOptions { MaxHeapBytes = 64L << 20 });
        roomy.RegisterHostImport("test::big", (cx, args) => AbiValue.String(big));
        Assert.That(roomy.Step().Value.AsInt, Is.EqualTo(64));
    }

    // Builds an array of 524,288 ints (about 12 MB) and keeps it across a request.
    const string BigAtRequest = """
        effect TestFfi.add (int, int) -> int
        fn main params 0 {
            r0 = const typerep int
            r1 = const 1
            r2 = make_array [r1, r1, r1, r1, r1, r1, r1, r1, r1, r1, r1, r1, r1, r1, r1, r1]
            r3 = const 0
            r4 = const 15
        loop:
            r2 = call intrinsic array_concat(r0, r2, r2)
            r3 = int_add r3, r1
            r5 = int_lt r3, r4
            jump_if r5, loop, end
        end:
            r6 = perform TestFfi.add(r1, r1)
            r7 = len r2
            return r7
        }
        """;

    /// <summary>A snapshot's graph was never charged: the restored VM measures before it runs again.</summary>
    [Test]
    public void A_restored_graph_over_the_limit_traps_at_the_next_step()
    {
        var m = Assembler.Assemble(BigAtRequest);
        var vm = new Vm(m, new VmOptions { MaxHeapBytes = 64L << 20 });
        Assert.That(vm.Step().Kind, Is.EqualTo(StepKind.Request));
        byte[] snapshot = vm.Snapshot();

        var small = Vm.Restore(m, snapshot, new VmOptions { MaxHeapBytes = 4L << 20 });
        var request = small.Step();
        Assert.That(request.Kind, Is.EqualTo(StepKind.Request));
        small.Resume(request.K, AbiValue.Int(2));
        var r = small.Step();
        Assert.That(r.Kind, Is.EqualTo(StepKind.Trap));
        Assert.That(r.Message, Is.EqualTo("out of memory: heap limit of 4194304 bytes (maxHeapBytes) exceeded"));

        var roomy = Vm.Restore(m, snapshot, new VmOptions { MaxHeapBytes = 64L << 20 });
        roomy.Resume(roomy.Step().K, AbiValue.Int(2));
        Assert.That(roomy.Step().Value.AsInt, Is.EqualTo(16 << 15));
    }

    [Test]
    public void Entry_register_count_over_the_heap_limit_is_refused_at_creation()
    {
        var m = Assembler.Assemble("fn main params 0 regs 100000 {\n    r0 = const 1\n    return r0\n}\n");
        var e = Assert.Throws<VmException>(() => new Vm(m, new VmOptions { MaxHeapBytes = 1L << 20 }));
        Assert.That(e!.Message, Is.EqualTo("invalid vm state: entry reg_count 100000 needs more than the heap limit of 1048576 bytes"));
        Assert.That(new Vm(m, new VmOptions { MaxHeapBytes = 4L << 20 }).Step().Value.AsInt, Is.EqualTo(1));
    }

    [Test]
    public void Non_positive_heap_limit_is_refused()
    {
        var m = Assembler.Assemble("fn main params 0 {\n    r0 = const 1\n    return r0\n}\n");
        Assert.Throws<VmException>(() => new Vm(m, new VmOptions { MaxHeapBytes = 0 }));
    }

    /// <summary>
    /// Issue 11's nine fuzz crashes: a mutated reg_count passes the verifier and sized a bit matrix of
    /// instructions × registers in WriteAnalysis, so `new Vm` threw OutOfMemoryException.
    /// </summary>
    [TestCase(0x7FFF_FFFFu)]
    [TestCase(0xFFFF_FFFFu)]
    [TestCase(1u << 24)]
    public void Huge_register_count_of_a_long_function_loads_and_traps_when_called(uint regs)
    {
        var body = new List<string>();
        for (int i = 0; i < 3000; i++) body.Add($"    r{i % 50} = const {i}");
        var text = "fn big params 0 regs 50 {\n" + string.Join("\n", body) + "\n    return r1\n}\n"
            + "fn main params 0 {\n    r0 = call big()\n    return r0\n}\n";
        var m = Assembler.Assemble(text);
        var f = m.Functions[0];
        var fns = (Function[])m.Functions.Clone();
        fns[0] = new Function(f.Name, regs, f.ParamCount, f.Code);
        var mutated = RbcReader.Decode(RbcWriter.Encode(new Module(fns, m.FunctionGenericParams, m.HostImports, m.TypeNames,
            m.MethodNames, m.VCallDispatch, m.SCallDispatch, m.AssocTypeDispatch, m.InterfaceImpls, m.StructLayouts,
            m.AbiSchemas, m.ExternalEffects, 1)));
        Assert.That(Verifier.Verify(mutated), Is.Empty, "the verifier accepts it, as it did in the crashes");
        var vm = new Vm(mutated);
        var r = vm.Step();
        Assert.That(r.Kind, Is.EqualTo(StepKind.Trap));
        Assert.That(r.Message, Does.StartWith("stack overflow: register limit").Or.StartWith("out of memory:"));
    }
}
