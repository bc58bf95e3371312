// rusk-vm replay JOURNAL FILE.rbc: re-runs a journal recorded with `run --journal` without any host
// (host import results and answers come from the journal) and reports the state it ends in.
using System;
using System.IO;
using Rusk.Cli.Corpus;
using Rusk.Vm.Format;

namespace Rusk.Cli;

using Rusk.Vm;

static class ReplayCommand
{
    const string Usage = """
        usage: rusk-vm replay JOURNAL FILE.rbc [--snapshot OUT]

          Re-runs the journal to the state it ends in and prints that state: `done VALUE`, `trap MESSAGE`
          or `suspended at Iface.method(args)`, then `instructions: N` (stdout of the original run is not
          printed again: std::print is a host import, answered from the journal).
          --snapshot OUT  also write the final state as a snapshot (e.g. to `rusk-vm resume` it)
        """;

    public static int Execute(string[] args)
    {
        string? journal = null, file = null, snapshotOut = null;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "-h" or "--help": Console.Out.Write(Usage); return 0;
                case "--snapshot":
                    if (i + 1 >= args.Length) return Cli.UsageError("replay", "--snapshot needs a file name", Usage);
                    snapshotOut = args[++i];
                    continue;
            }
            if (args[i].StartsWith("--", StringComparison.Ordinal)) return Cli.UsageError("replay", $"unknown option `{args[i]}`", Usage);
            if (journal == null) journal = args[i];
            else if (file == null) file = args[i];
            else return Cli.UsageError("replay", $"unexpected argument `{args[i]}`", Usage);
        }
        if (journal == null || file == null) return Cli.UsageError("replay", "missing JOURNAL or FILE.rbc", Usage);
        try
        {
            var module = ModuleLoader.Load(File.ReadAllBytes(file));
            var vm = Vm.Replay(module, File.ReadAllBytes(journal), new VmOptions { EnableMetrics = true });
            if (snapshotOut != null) File.WriteAllBytes(snapshotOut, vm.Snapshot());
            ulong instructions = vm.ExecutedInstructions;
            var r = vm.Step(0);
            Console.Out.WriteLine(r.Kind switch
            {
                StepKind.Done => ValueText.Done(ValueText.FromAbi(r.Value, vm.HostContext)),
                StepKind.Trap => ValueText.Trap(r.Message),
                StepKind.Request => "suspended at " + DurableOptions.DescribeRequest(vm, r),
                _ => "between steps",
            });
            Console.Out.WriteLine($"instructions: {instructions}");
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DecodeException or ModuleException or SnapshotException or VmException)
        {
            return Cli.Failure("replay", e.Message);
        }
    }
}
