// The verdict on one case: pass, or the list of fields that differ from the manifest.
using System.Collections.Generic;

namespace Rusk.Cli.Corpus;

internal sealed class CaseReport
{
    public CorpusCase Case { get; }
    /// <summary>One entry per mismatching field: `field: expected X, got Y`.</summary>
    public IReadOnlyList<string> Mismatches { get; }
    public bool Passed => Mismatches.Count == 0;

    public CaseReport(CorpusCase c, IReadOnlyList<string> mismatches) { Case = c; Mismatches = mismatches; }

    public static CaseReport Failed(CorpusCase c, string why) => new(c, new[] { why });

    /// <summary>All mismatches on one line.</summary>
    public string Summary => string.Join("; ", Mismatches);
}
