// The expected-failures file (tests/expected-failures.txt): corpus cases known not to pass yet, one
// per line as `name  # reason`. Shared by `rusk-vm corpus --expected-failures` and the NUnit suite.
using System;
using System.Collections.Generic;
using System.IO;

namespace Rusk.Cli.Corpus;

internal sealed class ExpectedFailureList
{
    readonly Dictionary<string, string> _reasons;
    /// <summary>Names in file order.</summary>
    public IReadOnlyList<string> Names { get; }

    ExpectedFailureList(Dictionary<string, string> reasons, List<string> names) { _reasons = reasons; Names = names; }

    public static readonly ExpectedFailureList Empty = new(new Dictionary<string, string>(), new List<string>());

    public int Count => Names.Count;
    public bool Contains(string name) => _reasons.ContainsKey(name);
    public bool TryGetReason(string name, out string reason) => _reasons.TryGetValue(name, out reason!);

    public static ExpectedFailureList Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Blank lines and `#` comment lines are skipped; a name may be followed by `# reason`. Throws CorpusFormatException on a malformed line.</summary>
    public static ExpectedFailureList Parse(string text, string source)
    {
        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        var names = new List<string>();
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r').Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            string reason = "";
            int hash = line.IndexOf('#');
            if (hash >= 0)
            {
                reason = line.Substring(hash + 1).Trim();
                line = line.Substring(0, hash).Trim();
            }
            if (line.Length == 0 || line.IndexOfAny(new[] { ' ', '\t' }) >= 0)
                throw new CorpusFormatException($"{source}:{i + 1}: expected `case_name  # reason`, found `{lines[i].Trim()}`");
            if (!reasons.TryAdd(line, reason))
                throw new CorpusFormatException($"{source}:{i + 1}: `{line}` is listed twice");
            names.Add(line);
        }
        return new ExpectedFailureList(reasons, names);
    }
}
