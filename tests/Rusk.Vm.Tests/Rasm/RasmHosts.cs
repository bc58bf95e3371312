// The host imports a .rasm test may declare (README.md): each is registered only when the module
// declares an import of that name, so an undeclared-but-called one is "missing". Signatures are
// the ones listed in the README; the VM checks arguments and results against the declared ones.
using System;
using System.Text;

namespace Rusk.Vm.Tests.Rasm;

sealed class RasmHosts
{
    public StringBuilder Stdout { get; } = new();
    /// <summary>The continuation handle last given to test::store_cont (pinned by the VM).</summary>
    public ContinuationHandle? Stored { get; private set; }
    readonly Vm _vm;

    RasmHosts(Vm vm) { _vm = vm; }

    public static RasmHosts Install(Vm vm)
    {
        var h = new RasmHosts(vm);
        h.Register("std::print", (_, a) => { h.Stdout.Append(a[0].AsString); return AbiValue.Unit; });
        h.Register("std::println", (_, a) => { h.Stdout.Append(a[0].AsString).Append('\n'); return AbiValue.Unit; });
        h.Register("test::add", (_, a) => AbiValue.Int(a[0].AsInt + a[1].AsInt));
        h.Register("test::fail", (_, a) => throw new HostException(a[0].AsString));
        h.Register("test::throw", (_, _) => throw new InvalidOperationException("not a HostException"));
        h.Register("test::wrong_ret", (_, _) => AbiValue.String("oops"));
        h.Register("test::sum", (cx, a) =>
        {
            long sum = 0;
            int n = cx.ArrayLength(a[0]);
            for (int i = 0; i < n; i++) sum += cx.ArrayGet(a[0], i).AsInt;
            return AbiValue.Int(sum);
        });
        h.Register("test::zero_first", (cx, a) => { cx.ArraySet(a[0], 0, AbiValue.Int(0)); return AbiValue.Unit; });
        h.Register("test::store_cont", (_, a) => { h.Stored = a[0].AsContinuation; return AbiValue.Unit; });
        h.Register("test::take_cont", (_, _) =>
            AbiValue.Continuation(h.Stored ?? throw new HostException("test::take_cont: nothing stored")));
        // Re-entry (BYTECODE_SPEC §3.2): the inner call's result is handed back to the program as text.
        h.Register("test::reenter_step", (_, _) => AbiValue.String(h._vm.Step().ToString()));
        h.Register("test::reenter_resume", (_, _) => AbiValue.String(Attempt(() => h._vm.Resume(default, AbiValue.Unit))));
        h.Register("test::reenter_drop", (_, _) => AbiValue.String(Attempt(() => h._vm.DropContinuation(default))));
        h.Register("test::reenter_resume_pinned", (_, _) =>
            AbiValue.String(Attempt(() => h._vm.ResumePinnedContinuationTail(default, AbiValue.Unit))));
        h.Register("test::reenter_drop_pinned", (_, _) => AbiValue.String(Attempt(() => h._vm.DropPinnedContinuation(default))));
        return h;
    }

    void Register(string name, HostFunction fn) => _vm.RegisterHostImport(name, fn);

    static string Attempt(Action a)
    {
        try
        {
            a();
            return "ok";
        }
        catch (VmException e)
        {
            return "error " + e.Message;
        }
    }
}
