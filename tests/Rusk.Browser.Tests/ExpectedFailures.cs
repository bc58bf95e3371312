// tests/expected-failures.txt (kept by the .NET corpus suite): the browser run skips the same
// known failures, so both suites hold the same expectations. Format: `case_name  # reason`.
using System;
using System.Collections.Generic;
using System.IO;

namespace Rusk.Browser.Tests;

static class ExpectedFailures
{
    static readonly Lazy<Dictionary<string, string>> s_list = new(Load);

    /// <summary>The reason a case is listed, or null when it is not.</summary>
    public static string? Reason(string name) => s_list.Value.TryGetValue(name, out var r) ? r : null;

    static Dictionary<string, string> Load()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        string file = Path.Combine(Paths.RepoRoot, "tests", "expected-failures.txt");
        if (!File.Exists(file)) return map;
        foreach (var raw in File.ReadAllLines(file))
        {
            int hash = raw.IndexOf('#');
            string name = (hash < 0 ? raw : raw.Substring(0, hash)).Trim();
            if (name.Length == 0) continue;
            map[name] = hash < 0 ? "" : raw.Substring(hash + 1).Trim();
        }
        return map;
    }
}
