// core::intrinsics::* as host imports (reference install_core_host_fns_vm). The current sysroot
// implements these as VM intrinsics, so they are only registered for modules that still import them.
using System;

namespace Rusk.Cli.Hosts;

using Rusk.Vm;

internal static class CoreHosts
{
    const string P = "core::intrinsics::";

    public static void Install(Vm vm)
    {
        HostRegistry.Register(vm, P + "string_concat", static (HostContext _, ReadOnlySpan<AbiValue> a) =>
            AbiValue.String(HostArgs.String(P + "string_concat", a, 0) + HostArgs.String(P + "string_concat", a, 1)));
        HostRegistry.Register(vm, P + "string_eq", static (HostContext _, ReadOnlySpan<AbiValue> a) =>
            AbiValue.Bool(string.Equals(HostArgs.String(P + "string_eq", a, 0), HostArgs.String(P + "string_eq", a, 1), StringComparison.Ordinal)));
        HostRegistry.Register(vm, P + "string_ne", static (HostContext _, ReadOnlySpan<AbiValue> a) =>
            AbiValue.Bool(!string.Equals(HostArgs.String(P + "string_ne", a, 0), HostArgs.String(P + "string_ne", a, 1), StringComparison.Ordinal)));
        HostRegistry.Register(vm, P + "bytes_eq", static (HostContext _, ReadOnlySpan<AbiValue> a) =>
            AbiValue.Bool(HostArgs.SameBytes(HostArgs.Bytes(P + "bytes_eq", a, 0), HostArgs.Bytes(P + "bytes_eq", a, 1))));
        HostRegistry.Register(vm, P + "bytes_ne", static (HostContext _, ReadOnlySpan<AbiValue> a) =>
            AbiValue.Bool(!HostArgs.SameBytes(HostArgs.Bytes(P + "bytes_ne", a, 0), HostArgs.Bytes(P + "bytes_ne", a, 1))));
        HostRegistry.Register(vm, P + "unit_eq", static (HostContext _, ReadOnlySpan<AbiValue> a) => AbiValue.Bool(true));
        HostRegistry.Register(vm, P + "unit_ne", static (HostContext _, ReadOnlySpan<AbiValue> a) => AbiValue.Bool(false));
        HostRegistry.Register(vm, P + "float_lt", static (HostContext _, ReadOnlySpan<AbiValue> a) =>
            AbiValue.Bool(HostArgs.Float(P + "float_lt", a, 0) < HostArgs.Float(P + "float_lt", a, 1)));
        HostRegistry.Register(vm, P + "float_ge", static (HostContext _, ReadOnlySpan<AbiValue> a) =>
            AbiValue.Bool(HostArgs.Float(P + "float_ge", a, 0) >= HostArgs.Float(P + "float_ge", a, 1)));
    }
}
