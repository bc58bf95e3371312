// The public embedding API (BYTECODE_SPEC.md §5, docs/embedding-vm.md): create a VM for a module,
// drive it with Step, answer requests with Resume/DropContinuation, install host imports, manage
// pinned continuations. Guest failures are StepResult traps; API misuse throws VmException.
using System;
using Rusk.Vm.Execution;
using Rusk.Vm.Format;

namespace Rusk.Vm;

/// <summary>A Rusk bytecode VM instance: one program run over one module.</summary>
public sealed partial class Vm
{
    readonly Interpreter _vm;
    readonly bool _metricsEnabled;

    /// <summary>
    /// Creates a VM positioned at the module's entry function. Throws <see cref="VmException"/> where the
    /// reference's Vm::new / new_with_argv fail (bad entry, generic entry, argv/parameter mismatch,
    /// missing primitive type names).
    /// </summary>
    public Vm(Module module, VmOptions? options = null)
    {
        if (module == null) throw new ArgumentNullException(nameof(module));
        options ??= new VmOptions();
        _vm = new Interpreter(module, options);
        _metricsEnabled = options.EnableMetrics;
        if (options.Journal) _journal = new Durable.JournalRecorder(module, options.Argv);
    }

    /// <summary>The module this VM runs.</summary>
    public Module Module => _vm.Module;

    /// <summary>Inspects and builds composite ABI values of this VM (also handed to host imports).</summary>
    public HostContext HostContext => _vm.HostContext;

    /// <summary>Live counters; ExecutedInstructions only advances when VmOptions.EnableMetrics is set.</summary>
    public VmMetrics Metrics => _vm.Metrics;

    /// <summary>How often the heap limit has measured the live graph (tests of its cost).</summary>
    internal long HeapMeasurements => _vm.HeapMeasurements;

    /// <summary>Returns the counters so far and resets them.</summary>
    public VmMetrics TakeMetrics()
    {
        var m = _vm.Metrics.Clone();
        _vm.Metrics = new VmMetrics();
        return m;
    }

    /// <summary>Continuations pinned for the host and not yet dropped (leak checks and diagnostics).</summary>
    public int PinnedContinuationCount => _vm.Pinned.Live;

    /// <summary>True once a Step returned Done.</summary>
    public bool IsDone => _vm.State == VmState.Done;
    /// <summary>True once a Step returned Trap (the VM stays trapped).</summary>
    public bool IsTrapped => _vm.State == VmState.Trapped;
    /// <summary>True while a Request waits for Resume or DropContinuation.</summary>
    public bool IsSuspended => _vm.State == VmState.Suspended;

    /// <summary>Runs until Done, Trap or Request.</summary>
    public StepResult Step() => _vm.Step(null);

    /// <summary>Runs at most <paramref name="fuel"/> instructions, then returns Yield(0).</summary>
    public StepResult Step(ulong fuel) => _vm.Step(fuel);

    /// <summary>Answers the outstanding Request with <paramref name="value"/> (must match the effect's return type).</summary>
    public void Resume(ContinuationHandle k, AbiValue value)
    {
        _vm.ResumeRequest(k, value);
        _journal?.Resume(k, value, HostContext);
    }

    /// <summary>Cancels the outstanding Request; the next Step returns Trap "cancelled".</summary>
    public void DropContinuation(ContinuationHandle k)
    {
        _vm.DropRequest(k);
        _journal?.Drop(k);
    }

    /// <summary>Registers the host import with id <paramref name="id"/> (its index in <see cref="Module.HostImportNames"/>).</summary>
    public void RegisterHostImport(uint id, HostFunction fn) =>
        _vm.RegisterHostImport(id, _journal == null || fn == null ? fn! : _journal.Wrap(id, fn));

    /// <summary>Registers by import name; false when the module declares no such import.</summary>
    public bool RegisterHostImport(string name, HostFunction fn)
    {
        if (name == null) throw new ArgumentNullException(nameof(name));
        if (!_vm.Module.TryGetHostImportId(name, out var id)) return false;
        RegisterHostImport(id, fn);
        return true;
    }

    /// <summary>Schedules a host-held continuation to run on top of the current stack; its result is discarded.</summary>
    public void ResumePinnedContinuationTail(ContinuationHandle k, AbiValue value)
    {
        ulong at = _vm.Executed;
        _vm.ResumePinnedTail(k, value);
        _journal?.PinnedTail(at, k, value, HostContext);
    }

    /// <summary>Releases a host-held continuation handle.</summary>
    public void DropPinnedContinuation(ContinuationHandle k)
    {
        _vm.DropPinned(k);
        _journal?.DropPinned(_vm.Executed, k);
    }
}
