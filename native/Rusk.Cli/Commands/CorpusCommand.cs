// rusk-vm corpus DIR: runs every case of a conformance corpus (manifest.json + cases/) and prints one
// line per failing case with what differs, then `N passed, M failed[, K skipped]`.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using Rusk.Cli.Corpus;

namespace Rusk.Cli;

static class CorpusCommand
{
    const string Usage = """
        usage: rusk-vm corpus DIR [--filter SUBSTR] [--expected-failures FILE] [-j N] [--instruction-cap N]

          DIR                       a corpus directory holding manifest.json and cases/
          --filter SUBSTR           only cases whose name contains SUBSTR
          --expected-failures FILE  cases listed there (`name  # reason`) that fail count as skipped;
                                    listed cases that pass, or are not in the manifest, count as failed
          -j N                      cases run in parallel (default: the number of cores)
          --instruction-cap N       a run executing more instructions is a failure (default 100000000)

        Exit status: 0 when nothing failed, 1 when a case failed, 2 on a usage error.
        """;

    public static int Execute(string[] args)
    {
        string? dir = null, filter = null, expectedPath = null;
        int parallelism = Environment.ProcessorCount;
        ulong cap = new RunnerOptions().InstructionCap;
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            if (a is "-h" or "--help") { Console.Out.WriteLine(Usage); return 0; }
            if (a is "--filter" or "--expected-failures" or "-j" or "--instruction-cap")
            {
                if (i + 1 >= args.Length) return UsageError($"{a} needs a value");
                string v = args[++i];
                switch (a)
                {
                    case "--filter": filter = v; break;
                    case "--expected-failures": expectedPath = v; break;
                    case "-j":
                        if (!int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out parallelism) || parallelism < 1)
                            return UsageError($"-j expects a positive number, found `{v}`");
                        break;
                    default:
                        if (!ulong.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out cap) || cap == 0)
                            return UsageError($"--instruction-cap expects a positive number, found `{v}`");
                        break;
                }
            }
            else if (a.StartsWith('-') && a.Length > 1) return UsageError($"unknown option `{a}`");
            else if (dir == null) dir = a;
            else return UsageError($"unexpected argument `{a}`");
        }
        if (dir == null) return UsageError("missing corpus directory");

        CorpusManifest manifest;
        ExpectedFailureList expected = ExpectedFailureList.Empty;
        try
        {
            manifest = CorpusManifest.Load(dir);
            if (expectedPath != null) expected = ExpectedFailureList.Load(expectedPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CorpusFormatException)
        {
            Console.Error.WriteLine($"rusk-vm corpus: {e.Message}");
            return 1;
        }

        var selected = new List<CorpusCase>();
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in manifest.Cases)
        {
            known.Add(c.Name);
            if (filter == null || c.Name.Contains(filter, StringComparison.Ordinal)) selected.Add(c);
        }

        var clock = Stopwatch.StartNew();
        var reports = CorpusRunner.RunAll(selected.ToArray(), new RunnerOptions { InstructionCap = cap }, parallelism);
        clock.Stop();

        int passed = 0, failed = 0, skipped = 0;
        var stdout = Console.Out;
        foreach (var r in reports)
        {
            switch (CorpusRunner.Judge(r, expected))
            {
                case Verdict.Passed: passed++; break;
                case Verdict.ExpectedFailure: skipped++; break;
                case Verdict.UnexpectedPass:
                    failed++;
                    stdout.WriteLine($"FAIL {r.Case.Name}: {CorpusRunner.UnexpectedPassMessage}");
                    break;
                default:
                    failed++;
                    stdout.WriteLine($"FAIL {r.Case.Name}: {r.Summary}");
                    break;
            }
        }
        foreach (var name in expected.Names)
        {
            if (known.Contains(name)) continue;
            failed++;
            stdout.WriteLine($"FAIL {name}: listed in {expectedPath} but not a case of {manifest.Directory}");
        }

        Console.Error.WriteLine($"rusk-vm corpus: {reports.Length} cases in {clock.Elapsed.TotalSeconds:F1} s");
        stdout.WriteLine(expected.Count > 0 ? $"{passed} passed, {failed} failed, {skipped} skipped" : $"{passed} passed, {failed} failed");
        return failed > 0 ? 1 : 0;
    }

    static int UsageError(string message)
    {
        Console.Error.WriteLine($"rusk-vm corpus: {message}");
        Console.Error.WriteLine(Usage);
        return 2;
    }
}
