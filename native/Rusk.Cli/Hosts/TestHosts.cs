// The standard test hosts (reference tests/common: install_test_host_fns_vm): test::* primitives and
// the single continuation slot of test::store_cont / test::take_cont.
using System;
using Rusk.Vm.Format;

namespace Rusk.Cli.Hosts;

using Rusk.Vm;

internal static class TestHosts
{
    public static void Install(Vm vm, HostState state)
    {
        // Integer arithmetic wraps, as the reference (a release build) does.
        HostRegistry.Register(vm, "test::add_int", static (HostContext _, ReadOnlySpan<AbiValue> a) =>
            AbiValue.Int(unchecked(HostArgs.Int("test::add_int", a, 0) + HostArgs.Int("test::add_int", a, 1))));
        HostRegistry.Register(vm, "test::concat_string", static (HostContext _, ReadOnlySpan<AbiValue> a) =>
            AbiValue.String(HostArgs.String("test::concat_string", a, 0) + HostArgs.String("test::concat_string", a, 1)));
        HostRegistry.Register(vm, "test::bool_not", static (HostContext _, ReadOnlySpan<AbiValue> a) =>
            AbiValue.Bool(!HostArgs.Bool("test::bool_not", a, 0)));
        HostRegistry.Register(vm, "test::float_mul", static (HostContext _, ReadOnlySpan<AbiValue> a) =>
            AbiValue.Float(HostArgs.Float("test::float_mul", a, 0) * HostArgs.Float("test::float_mul", a, 1)));
        HostRegistry.Register(vm, "test::float_eq", static (HostContext _, ReadOnlySpan<AbiValue> a) =>
            AbiValue.Bool(HostArgs.Float("test::float_eq", a, 0) == HostArgs.Float("test::float_eq", a, 1)));
        HostRegistry.Register(vm, "test::unit", static (HostContext _, ReadOnlySpan<AbiValue> a) => AbiValue.Unit);
        HostRegistry.Register(vm, "test::bytes_echo", static (HostContext _, ReadOnlySpan<AbiValue> a) =>
            AbiValue.Bytes(HostArgs.Bytes("test::bytes_echo", a, 0)));
        HostRegistry.Register(vm, "test::bytes_eq", static (HostContext _, ReadOnlySpan<AbiValue> a) =>
            AbiValue.Bool(HostArgs.SameBytes(HostArgs.Bytes("test::bytes_eq", a, 0), HostArgs.Bytes("test::bytes_eq", a, 1))));

        HostRegistry.Register(vm, "test::store_cont", (HostContext _, ReadOnlySpan<AbiValue> a) =>
        {
            state.TestSlot = HostArgs.Get("test::store_cont", a, 0, AbiKind.Continuation);
            return AbiValue.Unit;
        });
        HostRegistry.Register(vm, "test::take_cont", (HostContext _, ReadOnlySpan<AbiValue> a) =>
            state.TestSlot ?? throw new HostException("test::take_cont: missing stored continuation"));
    }
}
