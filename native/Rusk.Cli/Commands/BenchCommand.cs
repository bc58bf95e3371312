// rusk-vm bench: times the corpus benchmarks (DIR/bench/*.large.rbc, DIR/bench/manifest.json) the way
// the reference timed them — fresh VM per run, metrics off, only the Step() loop timed — after a
// checking run has confirmed the result and the instruction count; compares with the reference's
// native medians and writes the numbers as JSON. With --micro it also times the .rasm micro-benchmarks
// of perf/benchmarks.json (host-import and effect round trips answered here with value + 1).
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using Rusk.Cli.Corpus;
using Rusk.Cli.Hosts;
using Rusk.Vm.Format;
using Rusk.Vm.Text;

namespace Rusk.Cli;

using Rusk.Vm;

static class BenchCommand
{
    const string Usage = """
        usage: rusk-vm bench DIR [--runs N] [--warmup N] [--filter S] [--out FILE] [--quick] [--micro FILE] [--max-heap B]

        Runs every benchmark of DIR/bench/manifest.json at its large size (DIR/bench/*.large.rbc).
        Each program first runs once with metrics on; its result and instruction count must match
        the manifest, or it is reported as an error and not timed. Then it runs --warmup times
        (default 2) and --runs times (default 5), each on a fresh VM with the corpus test hosts and
        metrics off; only the Step() loop is timed. Prints median/min/max ms per program, the ratio
        reference-native-median / our median (above 1 = faster than the reference) and the geometric
        mean of the ratios, and writes them to FILE (default perf/out/dotnet-bench.json).
        --max-heap B sets every VM's heap limit (VmOptions.MaxHeapBytes; default 268435456), 0 for
        none, to time the limit's cost (`make bench` runs both: dotnet-bench-nolimit.json). --filter keeps the programs whose name contains S. Exit status 1 if any program failed.
        --quick runs the manifest's default (small) size instead. --micro FILE also runs the
        `"kind": "micro"` entries of FILE (perf/benchmarks.json; paths relative to the repository
        holding FILE, else to the current directory): .rasm assembled here, result compared with `expected` (`quickExpected` with
        --quick), main(argv) given ["", n] when `nInArgv` (n: `quickN` with --quick), host import
        `hostImport` answered with x + 1, requests of `effect` resumed with args[0] + 1; they have
        no reference time or instruction count.
        """;

    sealed class Program
    {
        public required string Name { get; init; }
        public required string RbcPath { get; init; }
        public required string ExpectedResult { get; init; }
        /// <summary>Null for micro-benchmarks (no reference count).</summary>
        public required ulong? ExpectedInstructions { get; init; }
        /// <summary>Null for micro-benchmarks (no reference time).</summary>
        public required double? NativeMedianMs { get; init; }
        public string Kind { get; init; } = "corpus";
        public string? HostImport { get; init; }
        /// <summary>main(argv) gets ["", n] (benchmarks.json `nInArgv`).</summary>
        public string[]? Argv { get; init; }
        public string? Effect { get; init; }
        public string? Error { get; set; }
        public double[] TimesMs { get; set; } = Array.Empty<double>();
        public double Median => TimesMs.Length == 0 ? double.NaN : MedianOf(TimesMs);
        public double Ratio => NativeMedianMs is double n ? n / Median : double.NaN;
    }

    public static int Execute(string[] args)
    {
        string? dir = null, filter = null, micro = null, outPath = Path.Combine("perf", "out", "dotnet-bench.json");
        int runs = 5, warmup = 2;
        bool quick = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "-h":
                case "--help":
                    Console.Out.WriteLine(Usage);
                    return 0;
                case "--runs" when i + 1 < args.Length && int.TryParse(args[i + 1], out runs) && runs >= 1:
                case "--warmup" when i + 1 < args.Length && int.TryParse(args[i + 1], out warmup) && warmup >= 0:
                    i++;
                    break;
                case "--filter" when i + 1 < args.Length:
                    filter = args[++i];
                    break;
                case "--out" when i + 1 < args.Length:
                    outPath = args[++i];
                    break;
                case "--micro" when i + 1 < args.Length:
                    micro = args[++i];
                    break;
                case "--quick":
                    quick = true;
                    break;
                case "--max-heap" when i + 1 < args.Length && long.TryParse(args[i + 1], out s_maxHeap) && s_maxHeap >= 0:
                    if (s_maxHeap == 0) s_maxHeap = long.MaxValue;
                    i++;
                    break;
                default:
                    if (dir == null && !args[i].StartsWith('-')) { dir = args[i]; break; }
                    return Cli.UsageError("bench", $"unexpected argument `{args[i]}`", Usage);
            }
        }
        if (dir == null) return Cli.ShowUsage(Usage);

        List<Program> programs;
        try
        {
            programs = ReadManifest(dir, filter, quick);
            if (micro != null) ReadMicro(micro, filter, quick, programs);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or FormatException or CorpusFormatException)
        {
            Console.Error.WriteLine($"rusk-vm bench: {e.Message}");
            return 1;
        }
        if (programs.Count == 0)
        {
            Console.Error.WriteLine($"rusk-vm bench: no benchmark matches `{filter}`");
            return 1;
        }

        bool aot = !RuntimeFeature.IsDynamicCodeSupported;
        Console.Out.WriteLine($"rusk-vm bench: {programs.Count} programs ({(quick ? "quick" : "large")} size), {warmup} warm-up + {runs} timed runs each, " +
            $"{RuntimeInformation.FrameworkDescription}{(aot ? " (NativeAOT)" : " (JIT)")}, {Environment.ProcessorCount} cpus");
        Console.Out.WriteLine($"{"program",-26} {"median ms",10} {"min ms",9} {"max ms",9} {"ref ms",9} {"ratio",7}");
        foreach (var p in programs)
        {
            Bench(p, runs, warmup);
            if (p.Error != null)
                Console.Out.WriteLine($"{p.Name,-26} ERROR: {p.Error}");
            else
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{p.Name,-26} {p.Median,10:F1} {Min(p.TimesMs),9:F1} {Max(p.TimesMs),9:F1} {p.NativeMedianMs?.ToString("F1", CultureInfo.InvariantCulture) ?? "-",9} {(p.NativeMedianMs == null ? "-" : p.Ratio.ToString("F3", CultureInfo.InvariantCulture)),7}"));
        }

        double geomean = Geomean(programs, out int timed);
        Console.Out.WriteLine(timed == 0
            ? "geomean ratio: n/a (no program was timed)"
            : string.Create(CultureInfo.InvariantCulture,
                $"geomean ratio (reference native / ours, >1 = we are faster) over {timed} programs: {geomean:F3}"));

        try
        {
            string? parent = Path.GetDirectoryName(Path.GetFullPath(outPath));
            if (parent != null) Directory.CreateDirectory(parent);
            File.WriteAllBytes(outPath, Json(programs, runs, warmup, aot, quick, geomean, timed));
            Console.Out.WriteLine($"wrote {outPath}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"rusk-vm bench: cannot write `{outPath}`: {e.Message}");
            return 1;
        }
        foreach (var p in programs) if (p.Error != null) return 1;
        return 0;
    }

    static List<Program> ReadManifest(string dir, string? filter, bool quick)
    {
        string size = quick ? "default" : "large";
        string manifestPath = Path.Combine(dir, "bench", "manifest.json");
        using var doc = JsonDocument.Parse(File.ReadAllBytes(manifestPath));
        if (!doc.RootElement.TryGetProperty("programs", out var list) || list.ValueKind != JsonValueKind.Array)
            throw new FormatException($"{manifestPath}: expected a `programs` array");
        var programs = new List<Program>();
        foreach (var entry in list.EnumerateArray())
        {
            string name = Str(entry, "name", manifestPath);
            if (filter != null && !name.Contains(filter, StringComparison.Ordinal)) continue;
            string where = $"{manifestPath}: {name}.{size}";
            if (!entry.TryGetProperty(size, out var large) || large.ValueKind != JsonValueKind.Object)
                throw new FormatException($"{where}: missing `{size}` object");
            if (!large.TryGetProperty("result", out var result) || Str(result, "tag", where) != "done" || !result.TryGetProperty("value", out var value))
                throw new FormatException($"{where}: expected a `done` result with a value");
            if (!large.TryGetProperty("instructions", out var ins) || !ins.TryGetUInt64(out ulong instructions))
                throw new FormatException($"{where}: expected an unsigned `instructions`");
            if (!large.TryGetProperty("nativeMedianMs", out var nm) || !nm.TryGetDouble(out double nativeMedian) || !(nativeMedian > 0))
                throw new FormatException($"{where}: expected a positive `nativeMedianMs`");
            programs.Add(new Program
            {
                Name = name,
                RbcPath = Path.Combine(dir, Str(large, "rbc", where)),
                ExpectedResult = ValueText.Done(ValueText.FromJson(value, where)),
                ExpectedInstructions = instructions,
                NativeMedianMs = nativeMedian,
            });
        }
        return programs;
    }

    /// <summary>The `"kind": "micro"` entries of perf/benchmarks.json (see PERF-CONTRACT in perf/README.md).</summary>
    static void ReadMicro(string file, string? filter, bool quick, List<Program> programs)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
        string root = RepoRootAbove(file);
        if (!doc.RootElement.TryGetProperty("benchmarks", out var list) || list.ValueKind != JsonValueKind.Array)
            throw new FormatException($"{file}: expected a `benchmarks` array");
        foreach (var entry in list.EnumerateArray())
        {
            string name = Str(entry, "name", file);
            if (!entry.TryGetProperty("kind", out var kind) || kind.GetString() != "micro") continue;
            if (filter != null && !name.Contains(filter, StringComparison.Ordinal)) continue;
            string where = $"{file}: {name}";
            string rbc = quick && entry.TryGetProperty("quickRbc", out var q) && q.ValueKind == JsonValueKind.String
                ? q.GetString()! : Str(entry, "rbc", where);
            string hosts = entry.TryGetProperty("hosts", out var h) && h.ValueKind == JsonValueKind.String ? h.GetString()! : "none";
            string[]? argv = null;
            if (entry.TryGetProperty("nInArgv", out var inArgv) && inArgv.ValueKind == JsonValueKind.True)
            {
                if (!entry.TryGetProperty(quick ? "quickN" : "n", out var n) || !n.TryGetInt64(out long size))
                    throw new FormatException($"{where}: expected an integer `{(quick ? "quickN" : "n")}`");
                argv = new[] { "", size.ToString(CultureInfo.InvariantCulture) };
            }
            programs.Add(new Program
            {
                Name = name,
                Kind = "micro",
                RbcPath = Path.Combine(root, rbc),
                ExpectedResult = ValueText.Done(Str(entry, quick ? "quickExpected" : "expected", where)),
                ExpectedInstructions = null,
                NativeMedianMs = null,
                HostImport = hosts == "hostcall" ? Str(entry, "hostImport", where) : null,
                Effect = hosts == "effect" ? Str(entry, "effect", where) : null,
                Argv = argv,
            });
        }
    }

    /// <summary>The folder holding RuskAot.sln above <paramref name="file"/> (benchmarks.json paths are relative to it), else the current one.</summary>
    static string RepoRootAbove(string file)
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(Path.GetFullPath(file))!); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RuskAot.sln"))) return dir.FullName;
        return Directory.GetCurrentDirectory();
    }

    static string Str(JsonElement e, string prop, string where) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(prop, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()!
            : throw new FormatException($"{where}: expected a string `{prop}`");

    static void Bench(Program p, int runs, int warmup)
    {
        Module module;
        try
        {
            module = p.RbcPath.EndsWith(".rasm", StringComparison.Ordinal)
                ? ModuleLoader.Load(RbcWriter.Encode(Assembler.Assemble(File.ReadAllText(p.RbcPath))))
                : ModuleLoader.Load(File.ReadAllBytes(p.RbcPath));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DecodeException or ModuleLoadException or AsmException)
        {
            p.Error = $"load {p.RbcPath}: {e.Message}";
            return;
        }

        // The checking run: metrics on, result and count compared before anything is timed.
        var check = NewVm(p, module, metrics: true);
        string got = Run(p, check);
        if (got != p.ExpectedResult)
        {
            p.Error = $"wrong result: expected `{p.ExpectedResult}`, got `{Short(got)}`";
            return;
        }
        if (p.ExpectedInstructions != null && check.Metrics.ExecutedInstructions != p.ExpectedInstructions)
        {
            p.Error = $"wrong instruction count: expected {p.ExpectedInstructions}, got {check.Metrics.ExecutedInstructions}";
            return;
        }

        var times = new double[runs];
        uint effectId = EffectId(p, module);
        for (int i = -warmup; i < runs; i++)
        {
            var vm = NewVm(p, module, metrics: false);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            long t0 = Stopwatch.GetTimestamp();
            var r = vm.Step();
            if (p.Effect != null) r = AnswerRequests(vm, r, effectId);
            double ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            // Every run's result is checked too (after the clock stopped): a fast wrong answer is no result.
            got = Finish(p, vm, r);
            if (got != p.ExpectedResult)
            {
                p.Error = $"wrong result in run {i + warmup + 1}: expected `{p.ExpectedResult}`, got `{Short(got)}`";
                return;
            }
            if (i >= 0) times[i] = ms;
        }
        Array.Sort(times);
        p.TimesMs = times;
    }

    /// <summary>--max-heap: the heap limit of every VM the command creates (long.MaxValue: none).</summary>
    static long s_maxHeap = VmOptions.DefaultMaxHeapBytes;

    static Vm NewVm(Program p, Module module, bool metrics)
    {
        var vm = new Vm(module, new VmOptions { EnableMetrics = metrics, Argv = p.Argv, MaxHeapBytes = s_maxHeap });
        HostRegistry.InstallAll(vm, new HostState(TextWriter.Null));
        if (p.HostImport != null) vm.RegisterHostImport(p.HostImport, IncrementHost);
        return vm;
    }

    /// <summary>The micro-benchmarks' host import, the same as the browser harness's x => x + 1n.</summary>
    static AbiValue IncrementHost(HostContext cx, ReadOnlySpan<AbiValue> args) => AbiValue.Int(unchecked(args[0].AsInt + 1));

    /// <summary>The id of the program's `Iface.method` effect (uint.MaxValue when absent: every request is then unexpected).</summary>
    static uint EffectId(Program p, Module module)
    {
        int dot = p.Effect == null ? -1 : p.Effect.LastIndexOf('.');
        return dot > 0 && module.TryGetExternalEffectId(p.Effect![..dot], p.Effect[(dot + 1)..], out uint id) ? id : uint.MaxValue;
    }

    /// <summary>Answers every request of the program's effect with args[0] + 1 until the run ends otherwise.</summary>
    static StepResult AnswerRequests(Vm vm, StepResult r, uint effectId)
    {
        while (r.Kind == StepKind.Request)
        {
            if (r.EffectId != effectId || r.Args.Count != 1 || r.Args[0].Kind != AbiKind.Int) return r;
            vm.Resume(r.K, AbiValue.Int(unchecked(r.Args[0].AsInt + 1)));
            r = vm.Step();
        }
        return r;
    }

    /// <summary>The checking run: to the end, effect requests answered.</summary>
    static string Run(Program p, Vm vm)
    {
        var r = vm.Step();
        if (p.Effect != null) r = AnswerRequests(vm, r, EffectId(p, vm.Module));
        if (r.Kind == StepKind.Request && p.Effect != null)
        {
            var decl = vm.Module.ExternalEffects[r.EffectId];
            return $"unexpected request of {decl.Interface}.{decl.Method} ({r.Args.Count} args; expected {p.Effect}(int))";
        }
        return Finish(p, vm, r);
    }

    /// <summary>The run's end in the corpus's text form (micro: a plain decimal int or raw string, as
    /// benchmarks.json writes `expected`); a request (none of the corpus benchmarks makes one) is a failure.</summary>
    static string Finish(Program p, Vm vm, StepResult r) => r.Kind switch
    {
        StepKind.Done when p.Kind == "micro" && r.Value.Kind == AbiKind.Int =>
            ValueText.Done(r.Value.AsInt.ToString(CultureInfo.InvariantCulture)),
        StepKind.Done when p.Kind == "micro" && r.Value.Kind == AbiKind.String => ValueText.Done(r.Value.AsString),
        StepKind.Done => ValueText.Done(ValueText.FromAbi(r.Value, vm.HostContext)),
        StepKind.Trap => ValueText.Trap(r.Message),
        StepKind.Request => $"unexpected request of effect {r.EffectId}",
        _ => "unexpected yield",
    };

    static string Short(string s) => s.Length > 200 ? s.Substring(0, 200) + "…" : s;

    static double Geomean(List<Program> programs, out int count)
    {
        double logSum = 0;
        count = 0;
        foreach (var p in programs)
        {
            if (p.Error != null || p.NativeMedianMs == null) continue;
            logSum += Math.Log(p.Ratio);
            count++;
        }
        return count == 0 ? double.NaN : Math.Exp(logSum / count);
    }

    static double MedianOf(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;

    static double Min(double[] sorted) => sorted[0];
    static double Max(double[] sorted) => sorted[^1];

    static byte[] Json(List<Program> programs, int runs, int warmup, bool aot, bool quick, double geomean, int timed)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("runtime", RuntimeInformation.FrameworkDescription);
            w.WriteBoolean("nativeAot", aot);
            w.WriteString("os", RuntimeInformation.OSDescription);
            w.WriteNumber("processorCount", Environment.ProcessorCount);
            w.WriteString("timing", "fresh Vm per run with the corpus test hosts, metrics off; timed region = Step() to Done " +
                "(micro: with the effect requests answered in the loop); " +
                $"{warmup} warm-up and {runs} timed runs; result checked on every run, instruction count on a separate metrics run");
            w.WriteString("size", quick ? "quick" : "large");
            w.WriteNumber("runs", runs);
            w.WriteNumber("warmup", warmup);
            if (s_maxHeap == long.MaxValue) w.WriteNull("maxHeapBytes");
            else w.WriteNumber("maxHeapBytes", s_maxHeap);
            w.WriteStartArray("programs");
            foreach (var p in programs)
            {
                w.WriteStartObject();
                w.WriteString("name", p.Name);
                w.WriteString("kind", p.Kind);
                w.WriteString("rbc", p.RbcPath);
                if (p.ExpectedInstructions is ulong count) w.WriteNumber("instructions", count);
                if (p.NativeMedianMs is double native) w.WriteNumber("nativeMedianMs", native);
                if (p.Error != null)
                {
                    w.WriteString("error", p.Error);
                }
                else
                {
                    w.WriteNumber("medianMs", Math.Round(p.Median, 3));
                    w.WriteNumber("minMs", Math.Round(Min(p.TimesMs), 3));
                    w.WriteNumber("maxMs", Math.Round(Max(p.TimesMs), 3));
                    w.WriteStartArray("timesMs");
                    foreach (var t in p.TimesMs) w.WriteNumberValue(Math.Round(t, 3));
                    w.WriteEndArray();
                    if (p.NativeMedianMs != null) w.WriteNumber("ratio", Math.Round(p.Ratio, 4));
                    if (p.ExpectedInstructions is ulong n) w.WriteNumber("minstrPerSec", Math.Round(n / (p.Median / 1000) / 1e6, 1));
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (timed > 0) w.WriteNumber("geomeanRatio", Math.Round(geomean, 4));
            else w.WriteNull("geomeanRatio");
            w.WriteNumber("programsTimed", timed);
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
