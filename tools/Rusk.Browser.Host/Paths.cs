// Where things are: the repository (found from the test binary), dist/, the test pages, the corpus.
using System;
using System.IO;

namespace Rusk.Browser.Host;

static class Paths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RuskAot.sln"))) return dir.FullName;
        throw new InvalidOperationException($"RuskAot.sln not found above {AppContext.BaseDirectory}");
    }

    /// <summary>The built bundle (`make build` writes it).</summary>
    public static string Dist => Path.Combine(RepoRoot, "dist");

    public static string Web => Path.Combine(RepoRoot, "tests", "Rusk.Browser.Tests", "web");

    public static string Samples => Path.Combine(RepoRoot, "samples");

    /// <summary>RUSK_CORPUS, else ../shared/conformance beside the repository.</summary>
    public static string Corpus =>
        Environment.GetEnvironmentVariable("RUSK_CORPUS") is { Length: > 0 } c
            ? Path.GetFullPath(c)
            : Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "conformance"));

    public const string Chromium = ChromiumLaunch.Executable;
}
