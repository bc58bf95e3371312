// tests/expected-failures.txt (kept by the .NET corpus suite) as each browser engine sees it:
// unprefixed lines hold for every engine, `aot:name` lines for the AOT engine only. The browser
// suites apply the rule of the .NET suite: a listed case that fails is skipped, a listed case that
// passes fails (remove it), an unlisted failing case fails.
using System.Collections.Concurrent;
using System.IO;
using Rusk.Cli.Corpus;

namespace Rusk.Browser.Tests;

static class ExpectedFailures
{
    static readonly ConcurrentDictionary<string, ExpectedFailureList> s_lists = new();

    public const string UnexpectedPassMessage = "listed in expected-failures.txt but passes: remove it";

    /// <summary>The reason <paramref name="name"/> is listed for <paramref name="engine"/> ("mono" or "aot"), or null.</summary>
    public static string? Reason(string name, string engine = "mono") =>
        s_lists.GetOrAdd(engine, Load).TryGetReason(name, out var reason) ? reason : null;

    static ExpectedFailureList Load(string engine)
    {
        string file = Path.Combine(Paths.RepoRoot, "tests", "expected-failures.txt");
        return File.Exists(file) ? ExpectedFailureList.Load(file, engine) : ExpectedFailureList.Empty;
    }
}
