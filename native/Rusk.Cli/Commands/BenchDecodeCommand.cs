// rusk-vm bench-decode: times RbcReader.Decode and RbcWriter.Encode on the largest modules under a
// directory (warm-up first, then median/min of many runs), in ms per call and MB/s.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using Rusk.Vm.Format;

namespace Rusk.Cli;

static class BenchDecodeCommand
{
    const string Usage = """
        usage: rusk-vm bench-decode DIR [--files K] [--runs N]

        Times decoding (and re-encoding) of the K largest .rbc files under DIR, searched
        recursively (default K = 5). Each file is decoded until warmed up, then timed N times
        (default 30, at least 20); prints median and min ms per call and MB/s at the median.
        """;

    public static int Execute(string[] args)
    {
        string? dir = null;
        int files = 5, runs = 30;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "-h":
                case "--help":
                    Console.Out.WriteLine(Usage);
                    return 0;
                case "--files" when i + 1 < args.Length && int.TryParse(args[i + 1], out files) && files > 0:
                case "--runs" when i + 1 < args.Length && int.TryParse(args[i + 1], out runs) && runs >= 20:
                    i++;
                    break;
                default:
                    if (dir == null && !args[i].StartsWith('-')) { dir = args[i]; break; }
                    return Cli.UsageError("bench-decode", $"unexpected argument `{args[i]}`", Usage);
            }
        }
        if (dir == null) return Cli.ShowUsage(Usage);
        if (!Directory.Exists(dir)) return Cli.Failure("bench-decode", $"no such directory `{dir}`");

        var all = new List<FileInfo>();
        foreach (var path in Directory.GetFiles(dir, "*.rbc", SearchOption.AllDirectories)) all.Add(new FileInfo(path));
        if (all.Count == 0)
        {
            Console.Error.WriteLine($"rusk-vm bench-decode: no .rbc files under `{dir}`");
            return 1;
        }
        all.Sort((a, b) => b.Length != a.Length ? b.Length.CompareTo(a.Length) : string.CompareOrdinal(a.FullName, b.FullName));
        if (all.Count > files) all.RemoveRange(files, all.Count - files);

        var inputs = new byte[all.Count][];
        var modules = new Module[all.Count];
        for (int f = 0; f < all.Count; f++)
        {
            inputs[f] = File.ReadAllBytes(all[f].FullName);
            try
            {
                modules[f] = RbcReader.Decode(inputs[f]);
            }
            catch (DecodeException e)
            {
                Console.Error.WriteLine($"{all[f].FullName}: {e.Message}");
                return 1;
            }
        }
        Warm(inputs, modules);

        Console.Out.WriteLine($"decode/encode of the {all.Count} largest .rbc under {dir}: median (min) of {runs} runs after warm-up");
        Console.Out.WriteLine($"{"file",-58} {"KB",7} {"decode ms",16} {"MB/s",7} {"alloc KB",9} {"encode ms",16} {"MB/s",7}");
        double totalBytes = 0, totalDecodeMs = 0, totalEncodeMs = 0;
        for (int f = 0; f < all.Count; f++)
        {
            byte[] bytes = inputs[f];
            var decode = new double[runs];
            var encode = new double[runs];
            long allocated = 0;
            for (int r = 0; r < runs; r++)
            {
                long a0 = GC.GetAllocatedBytesForCurrentThread();
                long t0 = Stopwatch.GetTimestamp();
                RbcReader.Decode(bytes);
                decode[r] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                allocated += GC.GetAllocatedBytesForCurrentThread() - a0;
            }
            for (int r = 0; r < runs; r++)
            {
                long t0 = Stopwatch.GetTimestamp();
                RbcWriter.Encode(modules[f]);
                encode[r] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            }
            Array.Sort(decode);
            Array.Sort(encode);
            double dMed = Median(decode), eMed = Median(encode);
            double mb = bytes.Length / 1e6;
            totalBytes += bytes.Length;
            totalDecodeMs += dMed;
            totalEncodeMs += eMed;
            string name = Path.GetRelativePath(dir, all[f].FullName);
            if (name.Length > 58) name = "…" + name.Substring(name.Length - 57);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-58} {bytes.Length / 1024.0,7:F1} {dMed,7:F3} ({decode[0],6:F3}) {mb / (dMed / 1000),7:F1} {allocated / runs / 1024.0,9:F0} {eMed,7:F3} ({encode[0],6:F3}) {mb / (eMed / 1000),7:F1}"));
        }
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"overall: decode {totalBytes / 1e6 / (totalDecodeMs / 1000):F1} MB/s, encode {totalBytes / 1e6 / (totalEncodeMs / 1000):F1} MB/s (at the medians)"));
        return 0;
    }

    /// <summary>
    /// Round-robin decodes and encodes for about two seconds, so tiered compilation has settled
    /// (tier-1 code with PGO) before anything is timed.
    /// </summary>
    static void Warm(byte[][] inputs, Module[] modules)
    {
        var sw = Stopwatch.StartNew();
        for (int i = 0; i < 20 * inputs.Length || sw.ElapsedMilliseconds < 2000; i++)
        {
            RbcReader.Decode(inputs[i % inputs.Length]);
            RbcWriter.Encode(modules[i % inputs.Length]);
            if (i > 100_000) break;
        }
    }

    static double Median(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}
