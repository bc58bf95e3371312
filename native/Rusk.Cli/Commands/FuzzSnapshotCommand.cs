// rusk-vm fuzz-snapshot: restores seeded random mutations of snapshots taken from the .rbc files in a
// directory (at yields, at the first request, at the end). Every input must restore or be refused
// with a SnapshotException; a restored VM must then step and snapshot without any exception. Half
// the inputs are re-sealed (length and digest fixed up) so the checks behind the digest are fuzzed too.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using Rusk.Cli.Hosts;
using Rusk.Vm.Durable;
using Rusk.Vm.Format;

namespace Rusk.Cli;

using Rusk.Vm;

static class FuzzSnapshotCommand
{
    const string Usage = """
        usage: rusk-vm fuzz-snapshot DIR [--count N] [--seed S] [--replay I]

        Runs each .rbc in DIR with the corpus hosts and snapshots it after 7 and 68 instructions, at its
        first request and when it ends; then restores N (default 100000) seeded mutations of those
        snapshots (bit flips, byte overwrites, inserts, deletes, truncations, nudged numbers; 1-4 per
        input; every other input re-sealed with a correct length and digest). Anything but a VM or a
        SnapshotException is a crash, printed with its seed and index; --replay I runs input I alone.
        Exit: 0 no crash, 1 crashes, 2 usage.
        """;

    sealed class Seed
    {
        public required Module Module;
        public required byte[] Bytes;
        public required string Name;
    }

    public static int Execute(string[] args)
    {
        string? dir = null;
        long count = 100_000, replay = -1;
        ulong seed = 1;
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            string? v = i + 1 < args.Length ? args[i + 1] : null;
            bool ok;
            switch (a)
            {
                case "-h" or "--help": Console.Out.Write(Usage); return 0;
                case "--count": ok = long.TryParse(v, out count) && count >= 0; i++; break;
                case "--seed": ok = ulong.TryParse(v, out seed); i++; break;
                case "--replay": ok = long.TryParse(v, out replay) && replay >= 0; i++; break;
                default:
                    ok = dir == null && !a.StartsWith('-');
                    if (ok) dir = a;
                    break;
            }
            if (!ok) return Cli.UsageError("fuzz-snapshot", $"bad argument `{a}`", Usage);
        }
        if (dir == null) return Cli.ShowUsage(Usage);
        if (!Directory.Exists(dir)) return Cli.Failure("fuzz-snapshot", $"no such directory `{dir}`");
        var seeds = Collect(dir);
        if (seeds.Count == 0) return Cli.Failure("fuzz-snapshot", $"no snapshots could be taken from the .rbc files in `{dir}`");

        if (replay >= 0)
        {
            var (s, input, how) = Make(seeds, seed, replay);
            Console.Out.WriteLine($"input #{replay} (seed {seed}): {s.Name}: {how}");
            string? crash = Try(s.Module, input, out string outcome);
            Console.Out.WriteLine(crash ?? outcome);
            return crash == null ? 0 : 1;
        }

        var sw = Stopwatch.StartNew();
        long rejected = 0, restored = 0, crashes = 0;
        for (long i = 0; i < count; i++)
        {
            var (s, input, how) = Make(seeds, seed, i);
            string? crash = Try(s.Module, input, out string outcome);
            if (crash != null)
            {
                crashes++;
                if (crashes <= 20) Console.Out.WriteLine($"CRASH input #{i} (seed {seed}, {s.Name}: {how}): {crash}");
            }
            else if (outcome == "restored") restored++;
            else rejected++;
        }
        double secs = Math.Max(sw.Elapsed.TotalSeconds, 1e-9);
        Console.Out.WriteLine($"{count} inputs from {seeds.Count} snapshots in {secs:F1} s ({count / secs:F0} inputs/s): "
            + $"{rejected} refused with SnapshotException, {restored} restored, {crashes} crashes");
        return crashes == 0 ? 0 : 1;
    }

    /// <summary>Snapshots of every module in <paramref name="dir"/> at a few points of its run.</summary>
    static List<Seed> Collect(string dir)
    {
        var seeds = new List<Seed>();
        var paths = Directory.GetFiles(dir, "*.rbc");
        Array.Sort(paths, StringComparer.Ordinal);
        foreach (var path in paths)
        {
            Module module;
            try { module = ModuleLoader.Load(File.ReadAllBytes(path)); }
            catch (DecodeException) { continue; }
            string name = Path.GetFileName(path);
            Vm vm;
            try
            {
                bool takesArgv = module.Entry < module.Functions.Length && module.Functions[module.Entry].ParamCount > 0;
                vm = new Vm(module, new VmOptions { Argv = takesArgv ? new[] { name } : null });
            }
            catch (VmException) { continue; }
            HostRegistry.InstallAll(vm, new HostState(TextWriter.Null));
            foreach (ulong fuel in new ulong[] { 7, 61, 100_000 })
            {
                var r = vm.Step(fuel);
                seeds.Add(new Seed { Module = module, Bytes = vm.Snapshot(), Name = $"{name} after {vm.ExecutedInstructions} instructions ({r.Kind})" });
                if (r.Kind != StepKind.Yield) break;
            }
        }
        return seeds;
    }

    /// <summary>Null when the input was restored (and the VM behaved) or refused; else what escaped.</summary>
    static string? Try(Module module, byte[] input, out string outcome)
    {
        outcome = "refused";
        Vm vm;
        try
        {
            vm = Vm.Restore(module, input);
        }
        catch (SnapshotException e)
        {
            outcome = "refused: " + e.Message;
            return null;
        }
        catch (Exception e)
        {
            return $"restore threw {e.GetType().Name}: {e.Message}";
        }
        outcome = "restored";
        try
        {
            // Host imports stay unregistered: a call of one is a clean trap. Steps are bounded.
            for (int i = 0; i < 4; i++)
            {
                var r = vm.Step(10_000);
                if (r.Kind == StepKind.Request) { vm.DropContinuation(r.K); continue; }
                if (r.Kind != StepKind.Yield) break;
            }
            vm.Snapshot();
        }
        catch (Exception e)
        {
            return $"the restored VM threw {e.GetType().Name}: {e.Message}";
        }
        return null;
    }

    /// <summary>Input <paramref name="index"/> of the run: a function of (seed, index) alone.</summary>
    static (Seed, byte[], string) Make(List<Seed> seeds, ulong seed, long index)
    {
        var rng = new SplitMix(seed * 0x9E3779B97F4A7C15UL ^ (ulong)index);
        var s = seeds[(int)(rng.Next() % (ulong)seeds.Count)];
        var data = new List<byte>(s.Bytes);
        int n = 1 + (int)(rng.Next() % 4);
        var how = new List<string>();
        // Mutate the body (after the header) mostly: the header checks are simple and found at once.
        for (int m = 0; m < n && data.Count > 0; m++)
        {
            int at = rng.Next() % 8 == 0 ? (int)(rng.Next() % (ulong)data.Count)
                : Envelope.HeaderSize + (int)(rng.Next() % (ulong)Math.Max(1, data.Count - Envelope.HeaderSize - Sha256.Size));
            at = Math.Min(at, data.Count - 1);
            switch (rng.Next() % 6)
            {
                case 0: data[at] ^= (byte)(1 << (int)(rng.Next() % 8)); how.Add($"flip bit @{at}"); break;
                case 1: data[at] = (byte)rng.Next(); how.Add($"overwrite @{at}"); break;
                case 2: data.Insert(at, (byte)rng.Next()); how.Add($"insert @{at}"); break;
                case 3: data.RemoveAt(at); how.Add($"delete @{at}"); break;
                case 4: data.RemoveRange(at, data.Count - at); how.Add($"truncate @{at}"); break;
                default: data[at] = (byte)(data[at] + 1 + (int)(rng.Next() % 3)); how.Add($"nudge @{at}"); break;
            }
        }
        var bytes = data.ToArray();
        if (index % 2 == 1 && bytes.Length >= Envelope.HeaderSize + Sha256.Size)
        {
            Reseal(bytes);
            how.Add("resealed");
        }
        return (s, bytes, string.Join(", ", how));
    }

    /// <summary>Writes a correct total length and digest, so the mutation reaches the body's own checks.</summary>
    static void Reseal(byte[] bytes)
    {
        uint total = (uint)bytes.Length;
        for (int i = 0; i < 4; i++) bytes[Envelope.HeaderSize - 4 + i] = (byte)(total >> (8 * i));
        int body = bytes.Length - Sha256.Size;
        Sha256.Hash(bytes.AsSpan(0, body)).CopyTo(bytes, body);
    }

    /// <summary>SplitMix64: small, fast, and the same sequence on every platform.</summary>
    struct SplitMix
    {
        ulong _s;
        public SplitMix(ulong seed) { _s = seed; }
        public ulong Next()
        {
            ulong z = _s += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
