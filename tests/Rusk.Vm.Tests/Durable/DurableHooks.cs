// Step hooks for the durable-VM corpus tests: TransplantHook moves a run into a restored VM at
// every yield of its first steps and at every request; JournalHook records the run's journal.
using System;
using System.Collections.Generic;
using Rusk.Cli.Corpus;
using Rusk.Cli.Hosts;

namespace Rusk.Vm.Tests.Durable;

sealed class TransplantHook : StepHook
{
    // Fuel of the first steps (yield points after 1, 8, 69, 466 instructions), then unlimited.
    static readonly ulong[] Plan = { 1, 7, 61, 397 };

    readonly VmOptions _options;
    public readonly List<string> Problems = new();
    public int Transplants;

    public TransplantHook(CorpusCase c) { _options = base.Options(c); }

    public override VmOptions Options(CorpusCase c) => _options;

    public override ulong? Fuel(ulong? fuel, ulong stepCalls) => stepCalls < (ulong)Plan.Length ? Plan[stepCalls] : null;

    public override Vm AfterStep(Vm vm, ref StepResult r, HostState hosts)
    {
        var bytes = vm.Snapshot();
        var restored = Vm.Restore(vm.Module, bytes, _options);
        HostRegistry.InstallAll(restored, hosts);
        var again = restored.Snapshot();
        if (!again.AsSpan().SequenceEqual(bytes))
            Problems.Add($"transplant {Transplants}: snapshot → restore → snapshot differs ({bytes.Length} vs {again.Length} bytes, first difference at {FirstDifference(bytes, again)})");
        if (r.Kind == StepKind.Request)
        {
            var r2 = restored.Step();
            string before = Describe(r, vm.HostContext), after = Describe(r2, restored.HostContext);
            if (before != after) Problems.Add($"transplant {Transplants}: the restored VM's first step is `{after}`, expected `{before}`");
            r = r2;
        }
        Transplants++;
        return restored;
    }

    /// <summary>A finished VM restores finished: same snapshot, and its Step returns the same result.</summary>
    public override void Finished(Vm vm)
    {
        if (!vm.IsDone && !vm.IsTrapped) return;
        var bytes = vm.Snapshot();
        var restored = Vm.Restore(vm.Module, bytes, _options);
        if (!restored.Snapshot().AsSpan().SequenceEqual(bytes)) Problems.Add("finished VM: snapshot → restore → snapshot differs");
        string before = Describe(vm.Step(), vm.HostContext), after = Describe(restored.Step(), restored.HostContext);
        if (before != after) Problems.Add($"finished VM: restored step is `{after}`, expected `{before}`");
        Transplants++;
    }

    static string Describe(StepResult r, HostContext cx)
    {
        if (r.Kind == StepKind.Done) return "done " + ValueText.FromAbi(r.Value, cx);
        if (r.Kind == StepKind.Trap) return "trap " + r.Message + " at " + string.Join(" < ", r.Stack);
        if (r.Kind != StepKind.Request) return r.ToString();
        var args = new string[r.Args.Count];
        for (int i = 0; i < args.Length; i++) args[i] = ValueText.FromAbi(r.Args[i], cx);
        return $"request {r.EffectId} ({string.Join(", ", args)}) {r.K}";
    }

    static int FirstDifference(byte[] a, byte[] b)
    {
        int n = System.Math.Min(a.Length, b.Length);
        for (int i = 0; i < n; i++) if (a[i] != b[i]) return i;
        return n;
    }
}

sealed class JournalHook : StepHook
{
    public byte[]? Journal;
    public byte[]? FinalSnapshot;

    public override VmOptions Options(CorpusCase c) => new() { Argv = c.Argv, EnableMetrics = true, Journal = true };

    public override void Finished(Vm vm)
    {
        Journal = vm.Journal();
        FinalSnapshot = vm.Snapshot();
    }
}
