// The durable-VM options shared by `rusk-vm run` and `rusk-vm resume`: where to write the snapshot
// when the program suspends, and where to write the run's journal when it stops.
using System;
using System.IO;
using Rusk.Cli.Corpus;

namespace Rusk.Cli;

using Rusk.Vm;

internal sealed class DurableOptions
{
    /// <summary>--snapshot-on-request OUT.</summary>
    public string? SnapshotOut { get; set; }
    /// <summary>--journal OUT.</summary>
    public string? JournalOut { get; set; }

    /// <summary>Writes the snapshot of a VM suspended on <paramref name="r"/>; exit status 0, or 1 when the file cannot be written.</summary>
    public int WriteSnapshot(Vm vm, StepResult r, TextWriter stdout)
    {
        var bytes = vm.Snapshot();
        try
        {
            File.WriteAllBytes(SnapshotOut!, bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Cli.Failure("run", $"cannot write {SnapshotOut}: {e.Message}");
        }
        stdout.Flush();
        Console.Error.WriteLine($"suspended at {DescribeRequest(vm, r)}: snapshot ({bytes.Length} bytes) written to {SnapshotOut}");
        return 0;
    }

    /// <summary>`Iface.method(args)` of a request, in the corpus notation.</summary>
    public static string DescribeRequest(Vm vm, StepResult r)
    {
        var effects = vm.Module.ExternalEffects;
        string name = r.EffectId < effects.Length ? effects[r.EffectId].Interface + "." + effects[r.EffectId].Method : $"<unknown {r.EffectId}>";
        var args = new string[r.Args.Count];
        for (int i = 0; i < args.Length; i++) args[i] = ValueText.FromAbi(r.Args[i], vm.HostContext);
        return $"{name}({string.Join(", ", args)})";
    }

    /// <summary>Writes the journal (if asked for) when disposed, however the run stopped.</summary>
    public IDisposable? WriteJournalOnExit(Vm vm) => JournalOut == null ? null : new JournalWriter(vm, JournalOut);

    sealed class JournalWriter : IDisposable
    {
        readonly Vm _vm;
        readonly string _path;
        public JournalWriter(Vm vm, string path) { _vm = vm; _path = path; }

        public void Dispose()
        {
            try
            {
                File.WriteAllBytes(_path, _vm.Journal());
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"rusk-vm: cannot write the journal {_path}: {e.Message}");
            }
        }
    }
}
