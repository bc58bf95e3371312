// The expected-failures file (tests/expected-failures.txt): corpus cases known not to pass yet, one
// per line as `name  # reason`, or `engine:name  # reason` for one engine only (`aot:` — the
// browser's AOT engine); unprefixed lines hold for every engine. Shared by `rusk-vm corpus
// --expected-failures`, the NUnit suite and the browser suite (linked there).
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

    /// <summary>The list as <paramref name="engine"/> sees it (null: the .NET VM, which only unprefixed lines name).</summary>
    public static ExpectedFailureList Load(string path, string? engine = null) => Parse(File.ReadAllText(path), path, engine);

    /// <summary>
    /// Blank lines and `#` comment lines are skipped; a name may be followed by `# reason`. A name
    /// `engine:case` counts only for that <paramref name="engine"/>. Throws CorpusFormatException on a malformed line.
    /// </summary>
    public static ExpectedFailureList Parse(string text, string source, string? engine = null)
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
            int colon = line.IndexOf(':');
            if (colon >= 0)
            {
                string only = line.Substring(0, colon);
                line = line.Substring(colon + 1);
                if (only.Length == 0 || line.Length == 0)
                    throw new CorpusFormatException($"{source}:{i + 1}: expected `engine:case_name  # reason`, found `{lines[i].Trim()}`");
                if (only != engine) continue;
            }
            if (!reasons.TryAdd(line, reason))
                throw new CorpusFormatException($"{source}:{i + 1}: `{line}` is listed twice");
            names.Add(line);
        }
        return new ExpectedFailureList(reasons, names);
    }
}
