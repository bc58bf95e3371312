// Runs many cases across cores (results stay in manifest order) and judges them against the
// expected-failures list, the same way for `rusk-vm corpus` and the NUnit suite.
using System;
using System.Threading.Tasks;

namespace Rusk.Cli.Corpus;

internal enum Verdict : byte
{
    Passed,
    Failed,
    /// <summary>Failed, and listed as an expected failure: counted as skipped.</summary>
    ExpectedFailure,
    /// <summary>Passed although listed as an expected failure: the list is stale, which is a failure.</summary>
    UnexpectedPass,
}

internal static class CorpusRunner
{
    public static CaseReport[] RunAll(CorpusCase[] cases, RunnerOptions options, int parallelism)
    {
        var reports = new CaseReport[cases.Length];
        if (parallelism <= 1)
        {
            for (int i = 0; i < cases.Length; i++) reports[i] = CaseRunner.Run(cases[i], options);
            return reports;
        }
        Parallel.For(0, cases.Length, new ParallelOptions { MaxDegreeOfParallelism = parallelism },
            i => reports[i] = CaseRunner.Run(cases[i], options));
        return reports;
    }

    public static Verdict Judge(CaseReport report, ExpectedFailureList expected)
    {
        bool listed = expected.Contains(report.Case.Name);
        if (report.Passed) return listed ? Verdict.UnexpectedPass : Verdict.Passed;
        return listed ? Verdict.ExpectedFailure : Verdict.Failed;
    }

    public const string UnexpectedPassMessage = "listed in expected-failures.txt but passes: remove it";
}
