// Runs one assembled .rasm program through the public Vm API in one stepping mode, playing its
// `; run:` script, and records what happened as text so that modes and expectations compare as strings.
using System;
using System.Collections.Generic;
using System.Text;
using Rusk.Cli.Corpus;
using Rusk.Vm.Format;

namespace Rusk.Vm.Tests.Rasm;

/// <summary>How `step` actions and the final run drive the VM.</summary>
readonly record struct StepMode(string Name, ulong? Fuel, bool Metrics);

sealed class RasmRun
{
    /// <summary>Mismatches between the script and what the VM did (empty = the script held).</summary>
    public List<string> Problems { get; } = new();
    public string Final { get; set; } = "";
    public string Stdout { get; set; } = "";
    public ulong Instructions { get; set; }
    public int Steps { get; set; }
}

static class RasmRunner
{
    // A program that needs more steps than this in a fuel mode is treated as a runaway.
    const int MaxSteps = 5_000_000;

    public static RasmRun Run(Module module, RasmSpec spec, StepMode mode)
    {
        var run = new RasmRun();
        var vm = new Vm(module, spec.Options(mode.Metrics));
        var hosts = RasmHosts.Install(vm);
        var requests = new List<ContinuationHandle>();
        // The last step's result while no API call has changed the state since.
        StepResult? last = null;

        foreach (var action in spec.Actions)
        {
            string got;
            switch (action.Verb)
            {
                case "step":
                {
                    var r = action.Fuel is ulong f ? Count(run, vm.Step(f)) : Drive(run, vm, mode);
                    if (r.Kind == StepKind.Request) requests.Add(r.K);
                    got = Describe(vm, r);
                    last = r;
                    break;
                }
                case "resume":
                case "resume-old":
                    got = Api(() => vm.Resume(Handle(requests, action), RasmValue.Parse(action.Value!)));
                    break;
                case "drop":
                case "drop-old":
                    got = Api(() => vm.DropContinuation(Handle(requests, action)));
                    break;
                case "resume-pinned":
                    got = Api(() => vm.ResumePinnedContinuationTail(Pinned(hosts, action), RasmValue.Parse(action.Value!)));
                    break;
                case "drop-pinned":
                    got = Api(() => vm.DropPinnedContinuation(Pinned(hosts, action)));
                    break;
                default:
                    throw new InvalidOperationException(action.Verb);
            }
            if (action.Verb != "step") last = null;
            if (got != action.Outcome) run.Problems.Add($"{action}: got `{got}`");
        }

        // A script that already ended the run is not stepped again (that Step would not count).
        var final = last is { Kind: StepKind.Done or StepKind.Trap } ? last : Drive(run, vm, mode);
        if (final.Kind == StepKind.Request) run.Problems.Add($"unexpected request at the end of the script: {Describe(vm, final)}");
        run.Final = Describe(vm, final);
        // §1.3 / §5.2: Done and Trap are idempotent.
        string again = Describe(vm, vm.Step());
        if (final.Kind is StepKind.Done or StepKind.Trap && again != run.Final)
            run.Problems.Add($"a further Step gave `{again}` instead of repeating `{run.Final}`");
        run.Stdout = hosts.Stdout.ToString();
        run.Instructions = vm.Metrics.ExecutedInstructions;
        return run;

        static ContinuationHandle Handle(List<ContinuationHandle> requests, RasmAction a)
        {
            // Before any request (or without an older one) the host can only pass a default handle.
            int back = a.Verb.EndsWith("-old", StringComparison.Ordinal) ? 2 : 1;
            return requests.Count < back ? default : requests[requests.Count - back];
        }

        static ContinuationHandle Pinned(RasmHosts hosts, RasmAction a) =>
            hosts.Stored ?? throw new InvalidOperationException($"{a}: test::store_cont was never called");
    }

    /// <summary>Steps until a result other than Yield (a single Step() without fuel, or Step(fuel) repeatedly).</summary>
    static StepResult Drive(RasmRun run, Vm vm, StepMode mode)
    {
        if (mode.Fuel is not ulong fuel) return Count(run, vm.Step());
        while (true)
        {
            var r = Count(run, vm.Step(fuel));
            if (r.Kind != StepKind.Yield) return r;
            if (r.RemainingFuel != 0) run.Problems.Add($"Yield with remaining fuel {r.RemainingFuel} (always 0 in the reference)");
            if (run.Steps > MaxSteps) return StepResult.Trap($"<runaway: more than {MaxSteps} steps>", Array.Empty<RuskStackFrame>());
        }
    }

    static StepResult Count(RasmRun run, StepResult r)
    {
        run.Steps++;
        return r;
    }

    public static string Describe(Vm vm, StepResult r) => r.Kind switch
    {
        StepKind.Done => "done " + ValueText.FromAbi(r.Value, vm.HostContext),
        StepKind.Trap => "trap " + r.Message,
        StepKind.Yield => "yield",
        _ => "request " + Request(vm.Module, vm, r),
    };

    static string Request(Module m, Vm vm, StepResult r)
    {
        var sb = new StringBuilder();
        if (r.EffectId < (uint)m.ExternalEffects.Length)
            sb.Append(m.ExternalEffects[r.EffectId].Interface).Append('.').Append(m.ExternalEffects[r.EffectId].Method);
        else
            sb.Append("<effect ").Append(r.EffectId).Append('>');
        sb.Append('(');
        for (int i = 0; i < r.Args.Count; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append(ValueText.FromAbi(r.Args[i], vm.HostContext));
        }
        return sb.Append(')').ToString();
    }

    static string Api(Action call)
    {
        try
        {
            call();
            return "ok";
        }
        catch (VmException e)
        {
            return "error " + e.Message;
        }
    }
}
