// Hosts of the non-fixture cases (README "Extra hosts"): one LIFO stack of pinned continuation handles
// shared by host::* and js::store_cont, an int cell, sums, and the logging imports js::log and dom::set_text.
using System;
using Rusk.Vm.Format;

namespace Rusk.Cli.Hosts;

using Rusk.Vm;

internal static class ExtraHosts
{
    public static void Install(Vm vm, HostState state)
    {
        foreach (var name in new[] { "host::store_cont", "host::store", "js::store_cont" })
        {
            string fn = name;
            HostRegistry.Register(vm, fn, (HostContext _, ReadOnlySpan<AbiValue> a) =>
            {
                state.ContStack.Add(HostArgs.Get(fn, a, 0, AbiKind.Continuation));
                return AbiValue.Unit;
            });
        }
        HostRegistry.Register(vm, "host::pop_cont", (HostContext _, ReadOnlySpan<AbiValue> a) =>
        {
            var stack = state.ContStack;
            if (stack.Count == 0) throw new HostException("host::pop_cont: empty");
            var top = stack[stack.Count - 1];
            stack.RemoveAt(stack.Count - 1);
            return top;
        });
        HostRegistry.Register(vm, "host::take_cont", (HostContext _, ReadOnlySpan<AbiValue> a) => Top(state, "host::take_cont"));
        HostRegistry.Register(vm, "host::peek", (HostContext _, ReadOnlySpan<AbiValue> a) => Top(state, "host::peek"));

        HostRegistry.Register(vm, "host::set", (HostContext _, ReadOnlySpan<AbiValue> a) =>
        {
            state.Cell = HostArgs.Int("host::set", a, 0);
            return AbiValue.Unit;
        });
        HostRegistry.Register(vm, "host::get", (HostContext _, ReadOnlySpan<AbiValue> a) => AbiValue.Int(state.Cell));
        HostRegistry.Register(vm, "host::add", static (HostContext _, ReadOnlySpan<AbiValue> a) =>
            AbiValue.Int(unchecked(HostArgs.Int("host::add", a, 0) + HostArgs.Int("host::add", a, 1))));
        HostRegistry.Register(vm, "js::add_int", static (HostContext _, ReadOnlySpan<AbiValue> a) =>
            AbiValue.Int(unchecked(HostArgs.Int("js::add_int", a, 0) + HostArgs.Int("js::add_int", a, 1))));

        HostRegistry.Register(vm, "js::log", (HostContext _, ReadOnlySpan<AbiValue> a) =>
        {
            state.Log("js::log " + HostArgs.String("js::log", a, 0));
            return AbiValue.Unit;
        });
        HostRegistry.Register(vm, "dom::set_text", (HostContext _, ReadOnlySpan<AbiValue> a) =>
        {
            state.Log("dom::set_text " + HostArgs.String("dom::set_text", a, 0) + " " + HostArgs.String("dom::set_text", a, 1));
            return AbiValue.Unit;
        });
    }

    static AbiValue Top(HostState state, string fn)
    {
        var stack = state.ContStack;
        if (stack.Count == 0) throw new HostException(fn + ": empty");
        return stack[stack.Count - 1];
    }
}
