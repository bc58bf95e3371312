// Installs the corpus's host environment into a VM: every import is registered only if the module
// declares an import of that exact name (README "Host environment"), so an undeclared one stays
// missing and the VM's own "missing host import" trap is what the program sees.
namespace Rusk.Cli.Hosts;

using Rusk.Vm;

internal static class HostRegistry
{
    /// <summary>std::print / std::println only (what `rusk-vm run` offers by default).</summary>
    public static void InstallStdIo(Vm vm, HostState state) => StdIoHosts.Install(vm, state);

    /// <summary>Everything the conformance corpus expects: std I/O, test::*, core::*, abi::*, host::*, js::*, dom::*.</summary>
    public static void InstallAll(Vm vm, HostState state)
    {
        StdIoHosts.Install(vm, state);
        TestHosts.Install(vm, state);
        CoreHosts.Install(vm);
        AbiHosts.Install(vm);
        ExtraHosts.Install(vm, state);
    }

    /// <summary>Registers <paramref name="fn"/> under <paramref name="name"/> if the module declares it.</summary>
    public static bool Register(Vm vm, string name, HostFunction fn)
    {
        if (!vm.Module.TryGetHostImportId(name, out uint id)) return false;
        vm.RegisterHostImport(id, fn);
        return true;
    }
}
