// Inspection and construction of composite ABI values (arrays, tuples, structs, enums) for host
// code: host imports receive one per call; embedders get one from Vm.HostContext between steps.
// Every failure throws HostException with the reference's wording (inside a host import it becomes
// the trap message). The operations are in HostContext.Impl.cs.
using Rusk.Vm.Execution;
using Rusk.Vm.Format;

namespace Rusk.Vm;

/// <summary>
/// Inspects and builds composite ABI values (arrays, tuples, structs, enums) of one VM. Every
/// failure throws <see cref="HostException"/>; inside a host import that becomes the trap message.
/// </summary>
public sealed partial class HostContext
{
    /// <summary>The module of the VM this context belongs to.</summary>
    public Module Module { get; }

    readonly AbiConverter _abi;

    internal HostContext(Module module, AbiConverter abi) { Module = module; _abi = abi; }
}
