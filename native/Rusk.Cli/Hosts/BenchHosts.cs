// The embedder side of the host-boundary micro benchmarks (perf/micro, perf/benchmarks.json): the host
// import bench::host_inc and the external effect Bench.inc, both x + 1, as the browser harness does.
using System;
using System.Collections.Generic;
using Rusk.Vm.Format;

namespace Rusk.Cli.Hosts;

using Rusk.Vm;

internal static class BenchHosts
{
    public const string HostInc = "bench::host_inc";
    public const string EffectInterface = "Bench";
    public const string EffectMethod = "inc";

    /// <summary>Registers bench::host_inc(int) -> int if the module declares it.</summary>
    public static void Install(Vm vm) =>
        HostRegistry.Register(vm, HostInc, static (HostContext _, ReadOnlySpan<AbiValue> a) =>
        {
            HostArgs.Count(HostInc, a, 1);
            return AbiValue.Int(unchecked(HostArgs.Int(HostInc, a, 0) + 1));
        });

    /// <summary>The answer to a Bench.inc(x) request (x + 1); false for any other effect or a wrong argument.</summary>
    public static bool TryAnswer(ExternalEffectDecl effect, IReadOnlyList<AbiValue> args, out AbiValue value, out string error)
    {
        value = AbiValue.Unit;
        error = "";
        if (effect.Interface != EffectInterface || effect.Method != EffectMethod)
        {
            error = $"--bench-hosts answers only {EffectInterface}.{EffectMethod}";
            return false;
        }
        if (args.Count != 1 || args[0].Kind != AbiKind.Int)
        {
            error = $"{EffectInterface}.{EffectMethod} expects one int argument";
            return false;
        }
        value = AbiValue.Int(unchecked(args[0].AsInt + 1));
        return true;
    }
}
