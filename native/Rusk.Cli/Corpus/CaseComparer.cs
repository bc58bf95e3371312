// Compares a case's runs with its manifest record, field by field, and words each difference as
// `field: expected X, got Y` with long texts cut down to the neighbourhood of their first difference.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Rusk.Cli.Corpus;

internal static class CaseComparer
{
    const int Context = 40;

    /// <summary><paramref name="full"/> is the unlimited-fuel run, null when the fuel run did not finish.</summary>
    public static CaseReport Compare(CorpusCase c, CaseRun? full, CaseRun fuel)
    {
        var diffs = new List<string>();
        if (full != null)
        {
            CompareObservations(c, full, "", diffs);
            // The fuel-1000 run must behave like the unlimited one (the reference's did); only
            // differences between our two runs are reported, not the same mismatch twice.
            if (fuel.Result != full.Result) diffs.Add("fuel-1000 run result: " + Text(full.Result, fuel.Result, "unlimited run", quote: false));
            if (fuel.Stdout.ToString() != full.Stdout.ToString()) diffs.Add("fuel-1000 run stdout: " + Text(full.Stdout.ToString(), fuel.Stdout.ToString(), "unlimited run"));
            if (!SameList(fuel.HostLog, full.HostLog)) diffs.Add("fuel-1000 run hostLog: " + List(full.HostLog, fuel.HostLog, "unlimited run"));
            if (!SameList(fuel.Requests, full.Requests)) diffs.Add("fuel-1000 run requests: " + List(full.Requests, fuel.Requests, "unlimited run"));
            if (fuel.Instructions != full.Instructions)
                diffs.Add($"fuel-1000 run instructions: unlimited run {full.Instructions}, got {fuel.Instructions}");
        }
        else
        {
            CompareObservations(c, fuel, "fuel-1000 run ", diffs);
        }

        // Step counts and instruction totals of a run cut short (exception, runaway) only repeat the result line.
        if (fuel.Finished)
        {
            if (fuel.StepCalls != c.StepsAtFuel1000)
                diffs.Add($"steps_at_fuel_1000: expected {c.StepsAtFuel1000}, got {fuel.StepCalls}");
            if (fuel.LastYieldRemainingFuel != c.LastYieldRemainingFuel)
                diffs.Add($"lastYieldRemainingFuel: expected {Opt(c.LastYieldRemainingFuel)}, got {Opt(fuel.LastYieldRemainingFuel)}");
        }
        return new CaseReport(c, diffs);
    }

    /// <summary>One run against the manifest's result, stdout, host log, requests and instruction count.</summary>
    public static CaseReport CompareRun(CorpusCase c, CaseRun run, string label)
    {
        var diffs = new List<string>();
        CompareObservations(c, run, label + " ", diffs);
        return new CaseReport(c, diffs);
    }

    static void CompareObservations(CorpusCase c, CaseRun run, string prefix, List<string> diffs)
    {
        if (run.Result != c.Result) diffs.Add(prefix + "result: " + Text(c.Result, run.Result, "expected", quote: false));
        string stdout = run.Stdout.ToString();
        if (stdout != c.Stdout) diffs.Add(prefix + "stdout: " + Text(c.Stdout, stdout, "expected"));
        if (!SameList(c.HostLog, run.HostLog)) diffs.Add(prefix + "hostLog: " + List(c.HostLog, run.HostLog, "expected"));
        if (!SameList(c.Requests, run.Requests)) diffs.Add(prefix + "requests: " + List(c.Requests, run.Requests, "expected"));
        if (run.Finished && run.Instructions != c.Instructions) diffs.Add($"{prefix}instructions: expected {c.Instructions}, got {run.Instructions}");
    }

    static string Opt(ulong? v) => v is ulong n ? n.ToString(CultureInfo.InvariantCulture) : "null";

    static bool SameList(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (a.Count != b.Count) return false;
        for (int i = 0; i < a.Count; i++)
            if (!string.Equals(a[i], b[i], StringComparison.Ordinal)) return false;
        return true;
    }

    /// <summary>`expected X, got Y` for two texts, both cut to the region around their first difference.</summary>
    internal static string Text(string expected, string actual, string expectedLabel, bool quote = true)
    {
        int at = 0;
        int n = Math.Min(expected.Length, actual.Length);
        while (at < n && expected[at] == actual[at]) at++;
        bool shortEnough = expected.Length <= 2 * Context && actual.Length <= 2 * Context;
        if (shortEnough)
            return $"{expectedLabel} {Q(expected, quote)}, got {Q(actual, quote)}";
        return $"first difference at char {at} (lengths {expected.Length}/{actual.Length}): "
            + $"{expectedLabel} {Window(expected, at, quote)}, got {Window(actual, at, quote)}";
    }

    static string Q(string s, bool quote) => quote ? ValueText.Quote(s) : s;

    static string Window(string s, int at, bool quote)
    {
        int start = Math.Max(0, at - Context / 2);
        int end = Math.Min(s.Length, at + Context);
        var sb = new StringBuilder();
        if (start > 0) sb.Append('…');
        sb.Append(Q(s.Substring(start, end - start), quote));
        if (end < s.Length) sb.Append('…');
        return sb.ToString();
    }

    /// <summary>Lists: count difference and the first differing entry.</summary>
    internal static string List(IReadOnlyList<string> expected, IReadOnlyList<string> actual, string expectedLabel)
    {
        int at = 0;
        int n = Math.Min(expected.Count, actual.Count);
        while (at < n && expected[at] == actual[at]) at++;
        var sb = new StringBuilder();
        if (expected.Count != actual.Count) sb.Append($"{expectedLabel} {expected.Count} entries, got {actual.Count}; ");
        sb.Append($"first difference at [{at}]: ");
        string e = at < expected.Count ? Shorten(expected[at]) : "(none)";
        string a = at < actual.Count ? Shorten(actual[at]) : "(none)";
        sb.Append($"{expectedLabel} {e}, got {a}");
        return sb.ToString();
    }

    static string Shorten(string s) => s.Length <= 3 * Context ? s : s.Substring(0, 3 * Context) + "…";
}
