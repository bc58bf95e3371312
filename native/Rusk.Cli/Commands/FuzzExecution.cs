// The execution stage of rusk-vm fuzz: an input that decodes and verifies gets a VM with the
// corpus's host imports and effect answers and runs under fuel and a small heap limit. The outcome
// says how far it got; a rejection (decode, verify, VM creation), a trap, an end or running out of
// fuel are all fine; anything else, including a trap the VM built from one of its own exceptions
// ("internal error: ..."), is a crash.
using System;
using System.IO;
using Rusk.Cli.Hosts;
using Rusk.Vm.Format;

namespace Rusk.Cli;

using Rusk.Vm;

internal enum FuzzOutcome { DecodeError, VerifyError, CreateError, Done, Trap, OutOfFuel, Crash }

internal static class FuzzExecution
{
    /// <summary>Step calls per input at most: requests answered in a loop must not run forever.</summary>
    const int MaxSteps = 1000;

    public static FuzzOutcome Run(ReadOnlySpan<byte> input, ulong fuel, long maxHeap, out string detail)
    {
        Module module;
        try { module = RbcReader.Decode(input); }
        catch (DecodeException e) { detail = e.Detail; return FuzzOutcome.DecodeError; }
        var errors = Verifier.Verify(module);
        if (errors.Count > 0) { detail = errors[0].Message; return FuzzOutcome.VerifyError; }

        Vm vm;
        try
        {
            bool wantsArgv = module.Entry < (uint)module.Functions.Length && module.Functions[module.Entry].ParamCount == 1;
            vm = new Vm(module, new VmOptions { Argv = wantsArgv ? new[] { "fuzz" } : null, MaxHeapBytes = maxHeap, EnableMetrics = true });
        }
        catch (VmException e) { detail = e.Message; return FuzzOutcome.CreateError; }

        HostRegistry.InstallAll(vm, new HostState(TextWriter.Null));
        var answerer = new EffectAnswerer();
        var effects = module.ExternalEffects;
        for (int step = 0; step < MaxSteps; step++)
        {
            ulong used = vm.Metrics.ExecutedInstructions;
            if (used >= fuel) break;
            var r = vm.Step(fuel - used);
            switch (r.Kind)
            {
                case StepKind.Done:
                    detail = "done";
                    return FuzzOutcome.Done;
                case StepKind.Trap:
                    detail = r.Message;
                    return r.Message.StartsWith("internal error", StringComparison.Ordinal) ? FuzzOutcome.Crash : FuzzOutcome.Trap;
                case StepKind.Yield:
                    continue;
            }
            // A request: answered as the corpus's driver would, else dropped (the VM then traps "cancelled").
            var value = AbiValue.Unit;
            var kind = AnswerKind.Unanswered;
            if (r.EffectId < effects.Length) kind = answerer.Answer(effects[r.EffectId], r.Args, vm.HostContext, out value, out _);
            if (kind != AnswerKind.Resume) { vm.DropContinuation(r.K); continue; }
            try { vm.Resume(r.K, value); }
            catch (VmException e)
            {
                // The answer no longer fits the mutated declaration: the VM refused it cleanly.
                detail = e.Message;
                return FuzzOutcome.Trap;
            }
        }
        detail = "out of fuel";
        return FuzzOutcome.OutOfFuel;
    }
}
