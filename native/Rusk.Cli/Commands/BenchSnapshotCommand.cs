// rusk-vm bench-snapshot DIR: what durable VMs cost. For each corpus benchmark (DIR/bench, default
// size) suspended halfway through its run: snapshot size, time to snapshot and to restore, and the
// VM's live heap; then 1,000 VMs suspended on a request: total bytes and time for all of them.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text.Json;
using Rusk.Cli.Hosts;
using Rusk.Vm.Format;

namespace Rusk.Cli;

using Rusk.Vm;

static class BenchSnapshotCommand
{
    const string Usage = """
        usage: rusk-vm bench-snapshot DIR [--runs N] [--vms N]

          DIR       a conformance corpus (DIR/bench/manifest.json, DIR/cases)
          --runs N  timed snapshots and restores per benchmark (default 20; the median is shown)
          --vms N   VMs suspended on a request for the many-VMs line (default 1000)
        """;

    const string SuspendingCase = "211_bytecode_external_effect_echo_string_ok.rbc";

    public static int Execute(string[] args)
    {
        string? dir = null;
        int runs = 20, vms = 1000;
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            string? v = i + 1 < args.Length ? args[i + 1] : null;
            bool ok;
            switch (a)
            {
                case "-h" or "--help": Console.Out.Write(Usage); return 0;
                case "--runs": ok = int.TryParse(v, out runs) && runs > 0; i++; break;
                case "--vms": ok = int.TryParse(v, out vms) && vms > 0; i++; break;
                default:
                    ok = dir == null && !a.StartsWith('-');
                    if (ok) dir = a;
                    break;
            }
            if (!ok) return Cli.UsageError("bench-snapshot", $"bad argument `{a}`", Usage);
        }
        if (dir == null) return Cli.ShowUsage(Usage);
        string manifest = Path.Combine(dir, "bench", "manifest.json");
        if (!File.Exists(manifest)) return Cli.Failure("bench-snapshot", $"no {manifest}");

        var inv = CultureInfo.InvariantCulture;
        Console.Out.WriteLine("| program | suspended after | snapshot bytes | live heap bytes | snapshot ms | restore ms |");
        Console.Out.WriteLine("|---|---:|---:|---:|---:|---:|");
        using (var doc = JsonDocument.Parse(File.ReadAllBytes(manifest)))
        {
            foreach (var p in doc.RootElement.GetProperty("programs").EnumerateArray())
            {
                var d = p.GetProperty("default");
                var module = ModuleLoader.Load(File.ReadAllBytes(Path.Combine(dir, d.GetProperty("rbc").GetString()!)));
                ulong half = d.GetProperty("instructions").GetUInt64() / 2;
                new Vm(module).Step(1); // lowers the module (shared by its VMs) outside the measured heap
                long before = GC.GetTotalMemory(true);
                var vm = new Vm(module);
                HostRegistry.InstallAll(vm, new HostState(TextWriter.Null));
                BenchHosts.Install(vm);
                var r = vm.Step(half);
                if (r.Kind != StepKind.Yield) return Cli.Failure("bench-snapshot", $"{p.GetProperty("name").GetString()} stopped early: {r}");
                long live = GC.GetTotalMemory(true) - before;
                byte[] bytes = vm.Snapshot();
                double snapMs = Median(runs, () => vm.Snapshot());
                double restoreMs = Median(runs, () => Vm.Restore(module, bytes));
                GC.KeepAlive(vm);
                Console.Out.WriteLine(string.Format(inv, "| {0} | {1:N0} | {2:N0} | {3:N0} | {4:F3} | {5:F3} |",
                    p.GetProperty("name").GetString(), half, bytes.Length, live, snapMs, restoreMs));
            }
        }

        // Many VMs suspended on a request (the durable-workflow case: each waits for its host).
        string path = Path.Combine(dir, "cases", SuspendingCase);
        if (!File.Exists(path)) return Cli.Failure("bench-snapshot", $"no {path}");
        var m = ModuleLoader.Load(File.ReadAllBytes(path));
        Vm.Restore(m, Suspend(m).Snapshot()); // warm-up: JIT and the module's hash
        long heap0 = GC.GetTotalMemory(true);
        var all = new Vm[vms];
        for (int i = 0; i < vms; i++) all[i] = Suspend(m);
        long heap = GC.GetTotalMemory(true) - heap0;
        var snaps = new byte[vms][];
        var sw = Stopwatch.StartNew();
        for (int i = 0; i < vms; i++) snaps[i] = all[i].Snapshot();
        double snapAll = sw.Elapsed.TotalMilliseconds;
        long total = 0;
        foreach (var s in snaps) total += s.Length;
        sw.Restart();
        var restored = new Vm[vms];
        for (int i = 0; i < vms; i++) restored[i] = Vm.Restore(m, snaps[i]);
        double restoreAll = sw.Elapsed.TotalMilliseconds;
        GC.KeepAlive(all);
        GC.KeepAlive(restored);
        Console.Out.WriteLine();
        Console.Out.WriteLine(string.Format(inv,
            "{0:N0} VMs suspended on a request ({1}): snapshots {2:N0} bytes in all ({3:N0} per VM; live heap {4:N0} bytes per VM); snapshot all {5:F1} ms, restore all {6:F1} ms",
            vms, SuspendingCase, total, total / vms, heap / vms, snapAll, restoreAll));
        return 0;
    }

    static Vm Suspend(Module m)
    {
        var vm = new Vm(m);
        if (vm.Step().Kind != StepKind.Request) throw new InvalidOperationException($"{SuspendingCase} did not suspend on a request");
        return vm;
    }

    static double Median(int runs, Action a)
    {
        a();
        var times = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            a();
            times[i] = sw.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return times[runs / 2];
    }
}
