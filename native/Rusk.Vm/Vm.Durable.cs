// Durable VMs (docs/snapshot-format.md): Snapshot a VM to bytes, Restore it on any engine that runs
// this VM (.NET, the browser, Node), and replay a run from its journal without a host.
using System;
using Rusk.Vm.Execution;
using Rusk.Vm.Format;

namespace Rusk.Vm;

public sealed partial class Vm
{
    /// <summary>
    /// The VM's whole state as bytes. Allowed whenever no Step is running: suspended on a request,
    /// between steps (after a yield), done or trapped. The same state gives the same bytes on every engine.
    /// </summary>
    public byte[] Snapshot() => _vm.SaveSnapshot();

    /// <summary>
    /// A VM in exactly the state <paramref name="snapshot"/> holds. Host imports are not part of the state:
    /// register them again. Restored at a request, the next Step returns that request again (same effect,
    /// arguments and handle). The argv comes from the snapshot; the other options (limits, metrics) from
    /// <paramref name="options"/>; a restored VM records no journal (a journal replays from main). Throws <see cref="SnapshotException"/> (with the byte offset) for bytes
    /// of another module or format version, truncated or corrupted.
    /// </summary>
    public static Vm Restore(Module module, byte[] snapshot, VmOptions? options = null)
    {
        if (module == null) throw new ArgumentNullException(nameof(module));
        if (snapshot == null) throw new ArgumentNullException(nameof(snapshot));
        options ??= new VmOptions();
        var argv = Interpreter.ReadSnapshotArgv(snapshot, module);
        var vm = new Vm(module, WithArgv(options, argv, journal: false));
        vm._vm.LoadSnapshot(snapshot);
        return vm;
    }

    /// <summary>Instructions run since the VM was created (counted with or without metrics).</summary>
    public ulong ExecutedInstructions => _vm.Executed;

    // A journal replays from main, so a restored VM (which did not start there) records none.
    static VmOptions WithArgv(VmOptions o, string[]? argv, bool journal) => new()
    {
        Argv = argv,
        MaxFrames = o.MaxFrames,
        MaxRegisters = o.MaxRegisters,
        MaxHandlers = o.MaxHandlers,
        MaxPinnedContinuations = o.MaxPinnedContinuations,
        MaxHeapBytes = o.MaxHeapBytes,
        EnableMetrics = o.EnableMetrics,
        Journal = journal,
    };
}

public sealed partial class Vm
{
    Durable.JournalRecorder? _journal;

    /// <summary>The run so far as a replay journal (VmOptions.Journal must be set).</summary>
    public byte[] Journal() =>
        (_journal ?? throw new VmException("invalid vm state: journal recording is off (create the VM with VmOptions.Journal)")).ToBytes();

    /// <summary>
    /// Re-runs a journal on a fresh VM without calling any host: host import results and request
    /// answers come from the journal. Returns the VM in the state the journal ends at; suspended on a
    /// request the journal did not answer, its next Step returns that request. Host imports left
    /// installed read the journal: register the real ones to go on. Throws <see cref="SnapshotException"/>
    /// for bytes that are not a journal of this module, or a run that does not follow it.
    /// </summary>
    public static Vm Replay(Module module, byte[] journal, VmOptions? options = null)
    {
        if (module == null) throw new ArgumentNullException(nameof(module));
        if (journal == null) throw new ArgumentNullException(nameof(journal));
        var vm = new Vm(module, WithArgv(options ?? new VmOptions(), Durable.JournalPlayer.ReadArgv(journal, module), options?.Journal ?? false));
        Durable.JournalPlayer.Run(vm, journal);
        return vm;
    }

    internal void RepeatRequest() => _vm.RepeatPendingRequest();
}
