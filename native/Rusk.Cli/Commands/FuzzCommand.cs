// rusk-vm fuzz: seeded random mutations of the .rbc files in a directory, byte-level and through the
// model, each decoded, verified and run (FuzzExecution). Anything but a rejection, a trap, an end or
// running out of fuel is a crash; each input is reproducible from (seed, index) alone.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using Rusk.Vm.Format;

namespace Rusk.Cli;

static class FuzzCommand
{
    const string Usage = """
        usage: rusk-vm fuzz DIR [--count N] [--seed S] [--jobs J] [--hang-ms MS] [--fuel F] [--max-heap B]
               rusk-vm fuzz DIR --seed S --replay I

        Runs N (default 100000) seeded random mutations of the .rbc files in DIR. Half are byte-level
        (bit flips, byte overwrites, inserts, deletes, huge or nudged u32 lengths, truncations; 1-4
        per input), half structure-aware (register operands, jump targets, constants, opcodes,
        whole instructions, reg/param counts, entry, generics, struct layouts, through the model and
        RbcWriter). Each input is decoded, verified, given a VM with the corpus's host imports and
        effect answers, and run for at most F instructions (default 20000) under a heap limit of B
        bytes (default 16777216). A decode/verify/VM-creation error, a trap, the end or running out
        of fuel is fine; anything else (an escaping exception, an "internal error" trap) is a crash,
        printed with its seed and index. --replay I runs input I alone and shows the details.
        An input running longer than --hang-ms (default 10000) aborts the run as a hang.
        Exit: 0 no crash, 1 crashes or hang, 2 usage.
        """;

    public static int Execute(string[] args)
    {
        string? dir = null;
        long count = 100_000, replay = -1;
        ulong seed = 1;
        int jobs = Math.Max(1, Environment.ProcessorCount), hangMs = 10_000;
        ulong fuel = 20_000;
        long maxHeap = 16L * 1024 * 1024;
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            string? v = i + 1 < args.Length ? args[i + 1] : null;
            bool ok;
            switch (a)
            {
                case "-h":
                case "--help":
                    Console.Out.WriteLine(Usage);
                    return 0;
                case "--count": ok = long.TryParse(v, out count) && count >= 0; i++; break;
                case "--seed": ok = ulong.TryParse(v, out seed); i++; break;
                case "--jobs": ok = int.TryParse(v, out jobs) && jobs > 0; i++; break;
                case "--hang-ms": ok = int.TryParse(v, out hangMs) && hangMs > 0; i++; break;
                case "--replay": ok = long.TryParse(v, out replay) && replay >= 0; i++; break;
                case "--fuel": ok = ulong.TryParse(v, out fuel); i++; break;
                case "--max-heap": ok = long.TryParse(v, out maxHeap) && maxHeap > 0; i++; break;
                default:
                    ok = dir == null && !a.StartsWith('-');
                    if (ok) dir = a;
                    break;
            }
            if (!ok)
            {
                Console.Error.WriteLine($"rusk-vm fuzz: bad argument `{a}`{(v != null && a.StartsWith("--", StringComparison.Ordinal) ? " " + v : "")}");
                Console.Error.WriteLine(Usage);
                return 2;
            }
        }
        if (dir == null) return Cli.ShowUsage(Usage);
        if (!Directory.Exists(dir)) return Cli.Failure("fuzz", $"no such directory `{dir}`");
        string[] paths = Directory.GetFiles(dir, "*.rbc");
        Array.Sort(paths, StringComparer.Ordinal);
        if (paths.Length == 0)
        {
            Console.Error.WriteLine($"rusk-vm fuzz: no .rbc files in `{dir}`");
            return 1;
        }
        var originals = new byte[paths.Length][];
        for (int i = 0; i < paths.Length; i++) originals[i] = File.ReadAllBytes(paths[i]);
        var s = new Setup(paths, originals, seed, fuel, maxHeap);

        return replay >= 0 ? Replay(s, replay) : Run(s, count, jobs, hangMs);
    }

    /// <summary>What every input of a run shares: the files, both mutators' originals, the seed and the limits.</summary>
    sealed class Setup
    {
        public readonly string[] Paths;
        public readonly byte[][] Originals;
        /// <summary>The files that decode, and their paths, for the structure-aware mutator.</summary>
        public readonly Module[] Modules;
        public readonly string[] ModulePaths;
        public readonly ulong Seed, Fuel;
        public readonly long MaxHeap;

        public Setup(string[] paths, byte[][] originals, ulong seed, ulong fuel, long maxHeap)
        {
            Paths = paths; Originals = originals; Seed = seed; Fuel = fuel; MaxHeap = maxHeap;
            var modules = new List<Module>();
            var modulePaths = new List<string>();
            for (int i = 0; i < originals.Length; i++)
            {
                try { modules.Add(RbcReader.Decode(originals[i])); modulePaths.Add(paths[i]); }
                catch (DecodeException) { }
            }
            Modules = modules.ToArray();
            ModulePaths = modulePaths.ToArray();
        }

        /// <summary>Half the inputs are structure-aware (when some file decodes), chosen by (seed, index).</summary>
        public bool Structural(long index) => Modules.Length > 0 && (RbcMutator.Mix(Seed ^ 0x7777_0000_0000_0000UL ^ (ulong)index) & 1) == 0;

        public string Describe(long index)
        {
            if (Structural(index))
            {
                var mm = new ModuleMutator(Modules);
                return $"{Path.GetFileName(ModulePaths[mm.FileOf(Seed, index)])} (model): {mm.Describe(Seed, index)}";
            }
            var m = new RbcMutator(Originals);
            return $"{Path.GetFileName(Paths[m.FileOf(Seed, index)])} (bytes): {m.Describe(Seed, index)}";
        }
    }

    static int Replay(Setup s, long index)
    {
        Console.Out.WriteLine($"input #{index} (seed {s.Seed}): {s.Describe(index)}");
        try
        {
            var input = s.Structural(index) ? new ModuleMutator(s.Modules).Apply(s.Seed, index) : new RbcMutator(s.Originals).Apply(s.Seed, index).ToArray();
            var outcome = FuzzExecution.Run(input, s.Fuel, s.MaxHeap, out string detail);
            Console.Out.WriteLine($"{outcome} ({input.Length} bytes): {detail}");
            return outcome == FuzzOutcome.Crash ? 1 : 0;
        }
        catch (Exception e)
        {
            Console.Out.WriteLine($"CRASH: {e}");
            return 1;
        }
    }

    /// <summary>Per-thread state; the main thread reads Current/StartedAt to spot a hang.</summary>
    sealed class Worker
    {
        public long Done, Structural, StructuralExecuted;
        public readonly long[] Outcomes = new long[(int)FuzzOutcome.Crash + 1];
        public long SlowestIndex = -1;
        public double SlowestMs;
        public long Current = -1;
        public long StartedAt;
        public long CrashCount;
        public readonly List<(long Index, string Error)> Crashes = new();
        public readonly Dictionary<string, long> RejectKinds = new(StringComparer.Ordinal);
    }

    const int Block = 64;

    static int Run(Setup s, long count, int jobs, int hangMs)
    {
        long next = 0;
        var workers = new Worker[jobs];
        var threads = new Thread[jobs];
        double cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        var sw = Stopwatch.StartNew();
        for (int j = 0; j < jobs; j++)
        {
            var w = workers[j] = new Worker();
            threads[j] = new Thread(() =>
            {
                var m = new RbcMutator(s.Originals);
                var mm = new ModuleMutator(s.Modules);
                while (true)
                {
                    // Inputs are claimed in blocks so one block reuses one file's working buffer.
                    long first = Interlocked.Add(ref next, Block) - Block;
                    if (first >= count) break;
                    long last = Math.Min(count, first + Block);
                    for (long i = first; i < last; i++) FuzzOne(s, m, mm, w, i);
                }
                Volatile.Write(ref w.Current, -1);
            }, 16 * 1024 * 1024) { IsBackground = true, Name = "fuzz-" + j };
            threads[j].Start();
        }

        long lastReport = 0;
        for (int j = 0; j < jobs; j++)
        {
            while (!threads[j].Join(200))
            {
                long now = Stopwatch.GetTimestamp();
                foreach (var w in workers)
                {
                    long cur = Volatile.Read(ref w.Current);
                    long started = Volatile.Read(ref w.StartedAt);
                    if (cur >= 0 && Stopwatch.GetElapsedTime(started, now).TotalMilliseconds > hangMs
                        && Volatile.Read(ref w.Current) == cur)
                    {
                        Console.Error.WriteLine($"HANG: input #{cur} has run for more than {hangMs} ms: {s.Describe(cur)}");
                        Console.Error.WriteLine($"  reproduce: rusk-vm fuzz DIR --seed {s.Seed} --replay {cur}");
                        return 1;
                    }
                }
                if (sw.ElapsedMilliseconds - lastReport >= 15_000)
                {
                    lastReport = sw.ElapsedMilliseconds;
                    long done = 0;
                    foreach (var w in workers) done += Volatile.Read(ref w.Done);
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  ... {done}/{count} inputs, {done / sw.Elapsed.TotalSeconds:F0}/s"));
                }
            }
        }
        sw.Stop();

        long crashCount = 0, structural = 0, structuralExecuted = 0;
        var outcomes = new long[(int)FuzzOutcome.Crash + 1];
        var slowest = (Index: -1L, Ms: 0.0);
        var crashes = new List<(long Index, string Error)>();
        var kinds = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var w in workers)
        {
            for (int k = 0; k < outcomes.Length; k++) outcomes[k] += w.Outcomes[k];
            crashCount += w.CrashCount;
            structural += w.Structural;
            structuralExecuted += w.StructuralExecuted;
            if (w.SlowestMs > slowest.Ms) slowest = (w.SlowestIndex, w.SlowestMs);
            crashes.AddRange(w.Crashes);
            foreach (var kv in w.RejectKinds) kinds[kv.Key] = kinds.GetValueOrDefault(kv.Key) + kv.Value;
        }
        crashes.Sort((a, b) => a.Index.CompareTo(b.Index));

        var inv = CultureInfo.InvariantCulture;
        double secs = sw.Elapsed.TotalSeconds;
        // CPU time as well as wall time: on a shared machine the wall rate says little on its own.
        double cpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - cpuAtStart;
        long executed = outcomes[(int)FuzzOutcome.Done] + outcomes[(int)FuzzOutcome.Trap] + outcomes[(int)FuzzOutcome.OutOfFuel] + outcomes[(int)FuzzOutcome.Crash];
        Console.Out.WriteLine(string.Create(inv,
            $"fuzz: {count} inputs from {s.Paths.Length} files (seed {s.Seed}, {jobs} threads, fuel {s.Fuel}, heap limit {s.MaxHeap}) in {secs:F1} s: " +
            $"{count / Math.Max(secs, 1e-9):F0} inputs/s ({cpu:F1} CPU-s, {1e6 * cpu / Math.Max(count, 1):F0} CPU-us per input)"));
        Console.Out.WriteLine(string.Create(inv,
            $"  reached execution {executed} ({Pct(executed, count)}); structure-aware inputs {structural}, of which executed {structuralExecuted} ({Pct(structuralExecuted, structural)})"));
        Console.Out.WriteLine("  outcomes: " + string.Join(", ", Array.ConvertAll(Enum.GetValues<FuzzOutcome>(),
            o => string.Create(inv, $"{o} {outcomes[(int)o]} ({Pct(outcomes[(int)o], count)})"))));
        Console.Out.WriteLine(string.Create(inv, $"  crashes {crashCount}"));
        if (slowest.Index >= 0)
            Console.Out.WriteLine(string.Create(inv, $"  slowest input: #{slowest.Index} {slowest.Ms:F2} ms ({s.Describe(slowest.Index)})"));
        var top = new List<KeyValuePair<string, long>>(kinds);
        top.Sort((a, b) => b.Value.CompareTo(a.Value));
        Console.Out.WriteLine("  most frequent decode rejections:");
        for (int i = 0; i < Math.Min(8, top.Count); i++)
            Console.Out.WriteLine($"    {top[i].Value,9}  expected {top[i].Key}");
        for (int i = 0; i < Math.Min(20, crashes.Count); i++)
        {
            var (index, error) = crashes[i];
            Console.Out.WriteLine($"CRASH input #{index}: {s.Describe(index)}");
            Console.Out.WriteLine($"  {error}");
            Console.Out.WriteLine($"  reproduce: rusk-vm fuzz DIR --seed {s.Seed} --replay {index}");
        }
        return crashCount == 0 ? 0 : 1;
    }

    static void FuzzOne(Setup s, RbcMutator m, ModuleMutator mm, Worker w, long index)
    {
        long t0 = Stopwatch.GetTimestamp();
        Volatile.Write(ref w.StartedAt, t0);
        Volatile.Write(ref w.Current, index);
        bool structural = s.Structural(index);
        try
        {
            FuzzOutcome outcome;
            string detail;
            if (structural)
            {
                w.Structural++;
                outcome = FuzzExecution.Run(mm.Apply(s.Seed, index), s.Fuel, s.MaxHeap, out detail);
                if (outcome >= FuzzOutcome.Done) w.StructuralExecuted++;
            }
            else outcome = FuzzExecution.Run(m.Apply(s.Seed, index), s.Fuel, s.MaxHeap, out detail);
            w.Outcomes[(int)outcome]++;
            if (outcome == FuzzOutcome.Crash)
            {
                w.CrashCount++;
                if (w.Crashes.Count < 100) w.Crashes.Add((index, "trap: " + detail));
            }
            else if (outcome == FuzzOutcome.DecodeError)
            {
                // Group by what was expected: the detail up to ", found" without numbers.
                int cut = detail.IndexOf(", found", StringComparison.Ordinal);
                string kind = KindOf(cut < 0 ? detail : detail.Substring(0, cut));
                w.RejectKinds[kind] = w.RejectKinds.GetValueOrDefault(kind) + 1;
            }
        }
        catch (Exception e)
        {
            w.Outcomes[(int)FuzzOutcome.Crash]++;
            w.CrashCount++;
            if (w.Crashes.Count < 100) w.Crashes.Add((index, e.GetType().FullName + ": " + e.Message + " " + e.StackTrace?.Split('\n')[0]?.Trim()));
        }
        double ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        if (ms > w.SlowestMs)
        {
            w.SlowestMs = ms;
            w.SlowestIndex = index;
        }
        Volatile.Write(ref w.Done, w.Done + 1);
    }

    static string KindOf(string expected)
    {
        if (expected.StartsWith("expected ", StringComparison.Ordinal)) expected = expected.Substring(9);
        var sb = new StringBuilder(expected.Length);
        // Numbers become N so messages group by kind; digits inside a word ("UTF-8") stay.
        bool inNumber = false;
        foreach (char c in expected)
        {
            bool digit = char.IsAsciiDigit(c) || (inNumber && (c == 'x' || char.IsAsciiHexDigit(c)));
            if (digit && (inNumber || sb.Length == 0 || !(char.IsAsciiLetter(sb[^1]) || sb[^1] is '-' or '\\')))
            {
                if (!inNumber) sb.Append('N');
                inNumber = true;
                continue;
            }
            inNumber = false;
            sb.Append(c);
        }
        return sb.ToString();
    }

    static string Pct(long part, long whole) =>
        (whole == 0 ? 0 : 100.0 * part / whole).ToString("F1", CultureInfo.InvariantCulture) + "%";
}

/// <summary>
/// Seeded, reproducible mutations of `.rbc` files for fuzzing the decoder. Input <c>index</c> under
/// <c>seed</c> is a pure function of (seed, index): its file, then 1–4 mutations. Mutations are
/// applied in place to one working buffer and undone by restoring the touched range from the
/// original, so a 200 KB file costs a few bytes of copying per input, not a fresh array.
/// </summary>
internal sealed class RbcMutator
{
    public const int MaxMutations = 4;
    const int InputsPerFile = 64;

    readonly byte[][] _originals;
    readonly byte[] _buf;
    int _file = -1;
    int _len;
    // The range [_dirtyFrom, _dirtyTo) of the working buffer that differs from the original.
    int _dirtyFrom = int.MaxValue;
    int _dirtyTo;

    public RbcMutator(byte[][] originals)
    {
        _originals = originals;
        int max = 0;
        foreach (var o in originals) max = Math.Max(max, o.Length);
        _buf = new byte[max + MaxMutations];
    }

    public int FileOf(ulong seed, long index)
    {
        ulong s = Mix(seed ^ 0xA5A5_0000_0000_0000UL ^ (ulong)(index / InputsPerFile));
        return (int)(s % (ulong)_originals.Length);
    }

    /// <summary>The mutated bytes of input <paramref name="index"/>; valid until the next call.</summary>
    public ReadOnlySpan<byte> Apply(ulong seed, long index)
    {
        int file = FileOf(seed, index);
        byte[] original = _originals[file];
        if (file != _file)
        {
            original.CopyTo(_buf, 0);
            _file = file;
        }
        else if (_dirtyFrom < original.Length)
        {
            int to = Math.Min(_dirtyTo, original.Length);
            original.AsSpan(_dirtyFrom, to - _dirtyFrom).CopyTo(_buf.AsSpan(_dirtyFrom));
        }
        _len = original.Length;
        _dirtyFrom = int.MaxValue;
        _dirtyTo = 0;
        Mutate(seed, index, null);
        return _buf.AsSpan(0, _len);
    }

    /// <summary>What <see cref="Apply"/> does to input <paramref name="index"/>, for reproducing it.</summary>
    public string Describe(ulong seed, long index)
    {
        int file = FileOf(seed, index);
        _originals[file].CopyTo(_buf, 0);
        _file = file;
        _len = _originals[file].Length;
        _dirtyFrom = int.MaxValue;
        _dirtyTo = 0;
        var log = new StringBuilder();
        Mutate(seed, index, log);
        _file = -1;
        return log.ToString();
    }

    void Mutate(ulong seed, long index, StringBuilder? log)
    {
        ulong rng = Mix(seed) ^ Mix((ulong)index + 0x9E3779B97F4A7C15UL);
        int roll = (int)(Next(ref rng) % 100);
        int n = roll < 60 ? 1 : roll < 85 ? 2 : roll < 95 ? 3 : 4;
        for (int k = 0; k < n && _len > 0; k++)
        {
            if (log != null && k > 0) log.Append("; ");
            // Now and then aim at the header and the first table lengths, which gate everything else.
            int off = Next(ref rng) % 20 == 0 ? (int)(Next(ref rng) % (ulong)Math.Min(_len, 24)) : (int)(Next(ref rng) % (ulong)_len);
            int kind = (int)(Next(ref rng) % 100);
            if (kind < 30)
            {
                int bit = (int)(Next(ref rng) % 8);
                Touch(off, off + 1);
                _buf[off] ^= (byte)(1 << bit);
                log?.Append(CultureInfo.InvariantCulture, $"flip bit {bit} at 0x{off:x}");
            }
            else if (kind < 48)
            {
                byte v = Interesting8[(int)(Next(ref rng) % (ulong)Interesting8.Length)];
                if (v == 0x42) v = (byte)Next(ref rng);
                Touch(off, off + 1);
                _buf[off] = v;
                log?.Append(CultureInfo.InvariantCulture, $"set byte 0x{off:x} = 0x{v:x2}");
            }
            else if (kind < 70)
            {
                // A u32 length or id field: find a small little-endian u32 near the offset (lengths,
                // ids and registers are small) and make it huge or off by a little.
                if (_len < 4) continue;
                int p = off;
                int end = Math.Min(_len - 4, off + 64);
                while (p <= end && (_buf[p + 2] != 0 || _buf[p + 3] != 0)) p++;
                if (p > end) p = Math.Min(off, _len - 4);
                uint old = (uint)(_buf[p] | _buf[p + 1] << 8 | _buf[p + 2] << 16 | _buf[p + 3] << 24);
                uint v;
                int pick = (int)(Next(ref rng) % 10);
                v = pick switch
                {
                    0 => 0xFFFF_FFFFu,
                    1 => 0x7FFF_FFFFu,
                    2 => 0x8000_0000u,
                    3 => 0x0100_0000u,
                    4 => (uint)(_len - p),
                    5 => (uint)(_len - p) / 4 + 1,
                    6 => old + 1,
                    7 => old - 1,
                    8 => old + (uint)(Next(ref rng) % 16) + 2,
                    _ => 0,
                };
                Touch(p, p + 4);
                _buf[p] = (byte)v;
                _buf[p + 1] = (byte)(v >> 8);
                _buf[p + 2] = (byte)(v >> 16);
                _buf[p + 3] = (byte)(v >> 24);
                log?.Append(CultureInfo.InvariantCulture, $"set u32 at 0x{p:x} from {old} to 0x{v:x8}");
            }
            else if (kind < 82)
            {
                byte v = (byte)Next(ref rng);
                Touch(off, int.MaxValue);
                Array.Copy(_buf, off, _buf, off + 1, _len - off);
                _buf[off] = v;
                _len++;
                log?.Append(CultureInfo.InvariantCulture, $"insert 0x{v:x2} at 0x{off:x}");
            }
            else if (kind < 94)
            {
                Touch(off, int.MaxValue);
                Array.Copy(_buf, off + 1, _buf, off, _len - off - 1);
                _len--;
                log?.Append(CultureInfo.InvariantCulture, $"delete byte 0x{off:x}");
            }
            else
            {
                _len = off;
                log?.Append(CultureInfo.InvariantCulture, $"truncate to 0x{off:x} bytes");
            }
        }
    }

    void Touch(int from, int to)
    {
        if (from < _dirtyFrom) _dirtyFrom = from;
        if (to > _dirtyTo) _dirtyTo = to;
    }

    static readonly byte[] Interesting8 = { 0x00, 0x01, 0x02, 0x0d, 0x0e, 0x3f, 0x40, 0x59, 0x5a, 0x7f, 0x80, 0xfe, 0xff, 0x42, 0x42, 0x42 };

    internal static ulong Next(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        return Mix(state);
    }

    /// <summary>SplitMix64 finaliser: a fixed, platform-independent PRNG step.</summary>
    internal static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
