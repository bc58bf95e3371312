// Runs one corpus case as the reference driver did: a fuel-1000 run (which also guards against
// runaway programs) and an unlimited run, each on a fresh VM with fresh hosts, then compares both
// with the manifest. Never throws: anything the VM throws is a finding reported for that case.
using System;
using System.IO;
using Rusk.Cli.Hosts;
using Rusk.Vm.Format;

namespace Rusk.Cli.Corpus;

using Rusk.Vm;

internal sealed class RunnerOptions
{
    /// <summary>A run that executes more instructions than this is cut short as a runaway (≈4500× the longest case).</summary>
    public ulong InstructionCap { get; init; } = 100_000_000;
    /// <summary>More requests than this in one run is a runaway too (no case makes more than 8).</summary>
    public int RequestCap { get; init; } = 100_000;
    public const ulong Fuel = 1000;
}

internal static class CaseRunner
{
    public static CaseReport Run(CorpusCase c, RunnerOptions? options = null)
    {
        options ??= new RunnerOptions();
        Module module;
        try
        {
            module = ModuleLoader.Load(File.ReadAllBytes(c.RbcPath));
        }
        catch (Exception e)
        {
            return CaseReport.Failed(c, $"load: {e.GetType().Name}: {e.Message}");
        }

        // The fuel run goes first: its bounded steps notice a program that never ends, so the
        // unlimited run (which cannot be interrupted) only starts for programs known to finish.
        var fuelRun = Execute(c, module, RunnerOptions.Fuel, options);
        CaseRun? fullRun = fuelRun.Finished ? Execute(c, module, null, options) : null;
        return CaseComparer.Compare(c, fullRun, fuelRun);
    }

    /// <summary>One run on a fresh VM; <paramref name="fuel"/> null = Step() without a fuel limit.</summary>
    internal static CaseRun Execute(CorpusCase c, Module module, ulong? fuel, RunnerOptions options, StepHook? hook = null)
    {
        var run = new CaseRun();
        Vm? vm = null;
        try
        {
            vm = new Vm(module, hook != null ? hook.Options(c) : new VmOptions { Argv = c.Argv, EnableMetrics = true });
            var state = new HostState(new StringWriter(run.Stdout)) ;
            run.HostLog = state.HostLog;
            HostRegistry.InstallAll(vm, state);
            var answerer = EffectAnswerer.ForCase(c.Name, c.Notes);
            ulong maxCalls = fuel is ulong f ? options.InstructionCap / f + 2 + (ulong)options.RequestCap : ulong.MaxValue;
            while (true)
            {
                if (run.StepCalls >= maxCalls)
                {
                    run.Result = $"runaway: still running after {run.StepCalls} Step({fuel}) calls";
                    break;
                }
                ulong? stepFuel = hook != null ? hook.Fuel(fuel, run.StepCalls) : fuel;
                var r = stepFuel is ulong budget ? vm.Step(budget) : vm.Step();
                run.StepCalls++;
                run.Instructions = vm.Metrics.ExecutedInstructions;
                if (hook != null && r.Kind is StepKind.Yield or StepKind.Request) vm = hook.AfterStep(vm, ref r, state);
                if (r.Kind == StepKind.Done)
                {
                    run.Result = ValueText.Done(ValueText.FromAbi(r.Value, vm.HostContext));
                    run.Finished = true;
                    break;
                }
                if (r.Kind == StepKind.Trap)
                {
                    run.Result = ValueText.Trap(r.Message);
                    run.Finished = true;
                    break;
                }
                if (run.Instructions > options.InstructionCap)
                {
                    run.Result = $"runaway: more than {options.InstructionCap} instructions";
                    break;
                }
                if (r.Kind == StepKind.Yield)
                {
                    run.LastYieldRemainingFuel = r.RemainingFuel;
                    if (stepFuel == null)
                    {
                        run.Result = "Yield from Step() without fuel";
                        break;
                    }
                    continue;
                }
                if (run.Requests.Count >= options.RequestCap)
                {
                    run.Result = $"runaway: more than {options.RequestCap} effect requests";
                    break;
                }
                if (!Answer(vm, r, answerer, run)) break;
            }
            hook?.Finished(vm);
        }
        catch (Exception e)
        {
            run.Result = $"exception: {e.GetType().Name}: {e.Message}";
            run.Finished = false;
            if (vm != null)
            {
                try { run.Instructions = vm.Metrics.ExecutedInstructions; } catch (Exception) { }
            }
        }
        return run;
    }

    /// <summary>Records the request and resumes or drops it; false (with the run's result set) when it cannot be answered.</summary>
    static bool Answer(Vm vm, StepResult r, EffectAnswerer answerer, CaseRun run)
    {
        var effects = vm.Module.ExternalEffects;
        if (r.EffectId >= effects.Length)
        {
            run.Result = $"request for effect id {r.EffectId}, but the module declares {effects.Length} external effects";
            return false;
        }
        var effect = effects[r.EffectId];
        var cx = vm.HostContext;
        var args = new string[r.Args.Count];
        for (int i = 0; i < args.Length; i++) args[i] = ValueText.FromAbi(r.Args[i], cx);
        string name = effect.Interface + "." + effect.Method;

        switch (answerer.Answer(effect, r.Args, cx, out var value, out var error))
        {
            case AnswerKind.Resume:
                run.Requests.Add(ValueText.Request(name, args, ValueText.FromAbi(value, cx)));
                vm.Resume(r.K, value);
                return true;
            case AnswerKind.Drop:
                run.Requests.Add(ValueText.Request(name, args, null));
                vm.DropContinuation(r.K);
                return true;
            default:
                run.Requests.Add(ValueText.Request(name, args, "unanswered"));
                run.Result = "unanswered request: " + error;
                return false;
        }
    }
}
