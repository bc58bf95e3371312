// A hook into a corpus run between steps (CaseRunner.Execute): the snapshot/restore and journal
// tests use it to move a run into a restored VM at each yield and request, or to record a journal.
namespace Rusk.Cli.Corpus;

using Rusk.Cli.Hosts;
using Rusk.Vm;

internal abstract class StepHook
{
    /// <summary>The options of the run's VM.</summary>
    public virtual VmOptions Options(CorpusCase c) => new() { Argv = c.Argv, EnableMetrics = true };

    /// <summary>The fuel of the next Step (null: unlimited), given the run's fuel and the calls made so far.</summary>
    public virtual ulong? Fuel(ulong? fuel, ulong stepCalls) => fuel;

    /// <summary>After a Yield or Request: the VM the run goes on with, and the request it answers (from that VM).</summary>
    public virtual Vm AfterStep(Vm vm, ref StepResult r, HostState hosts) => vm;

    /// <summary>The run ended (done, trap, or cut short).</summary>
    public virtual void Finished(Vm vm) { }
}
