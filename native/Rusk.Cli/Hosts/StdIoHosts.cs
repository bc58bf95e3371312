// std::print and std::println (rusk-host `std_io`), writing to the state's stdout writer.
using System;

namespace Rusk.Cli.Hosts;

using Rusk.Vm;

internal static class StdIoHosts
{
    public static void Install(Vm vm, HostState state)
    {
        HostRegistry.Register(vm, "std::print", (HostContext _, ReadOnlySpan<AbiValue> args) =>
        {
            state.Stdout.Write(HostArgs.String("std::print", args, 0));
            return AbiValue.Unit;
        });
        HostRegistry.Register(vm, "std::println", (HostContext _, ReadOnlySpan<AbiValue> args) =>
        {
            state.Stdout.Write(HostArgs.String("std::println", args, 0));
            state.Stdout.Write('\n');
            return AbiValue.Unit;
        });
    }
}
