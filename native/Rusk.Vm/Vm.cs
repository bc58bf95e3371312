// The public embedding API (BYTECODE_SPEC.md §5, docs/embedding-vm.md): create a VM for a module,
// drive it with Step, answer requests with Resume/DropContinuation, install host imports.
using System;
using Rusk.Vm.Format;

namespace Rusk.Vm;

/// <summary>A Rusk bytecode VM instance: one program run over one module.</summary>
public sealed class Vm
{
    public Vm(Module module, VmOptions? options = null)
    {
        Module = module ?? throw new ArgumentNullException(nameof(module));
        _options = options ?? new VmOptions();
        HostContext = new HostContext(module);
        Metrics = new VmMetrics();
        throw new NotImplementedException();
    }

    readonly VmOptions _options;

    public Module Module { get; }
    public HostContext HostContext { get; }
    public VmMetrics Metrics { get; private set; }

    public bool IsDone => throw new NotImplementedException();
    public bool IsTrapped => throw new NotImplementedException();
    public bool IsSuspended => throw new NotImplementedException();

    public StepResult Step() => throw new NotImplementedException();
    public StepResult Step(ulong fuel) => throw new NotImplementedException();
    public void Resume(ContinuationHandle k, AbiValue value) => throw new NotImplementedException();
    public void DropContinuation(ContinuationHandle k) => throw new NotImplementedException();
    public void RegisterHostImport(uint id, HostFunction fn) => throw new NotImplementedException();
    public bool RegisterHostImport(string name, HostFunction fn) => throw new NotImplementedException();
    public void ResumePinnedContinuationTail(ContinuationHandle k, AbiValue value) => throw new NotImplementedException();
    public void DropPinnedContinuation(ContinuationHandle k) => throw new NotImplementedException();

    public VmMetrics TakeMetrics()
    {
        var m = Metrics.Clone();
        Metrics = new VmMetrics();
        return m;
    }
}
