// Where the tests find the repository and the shared conformance corpus (never copied in).
using System;
using System.IO;
using NUnit.Framework;

namespace Rusk.Vm.Tests;

static class Paths
{
    /// <summary>The repository root (the folder holding RuskAot.sln).</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>`../shared/conformance` beside the checkout, or $RUSK_CORPUS.</summary>
    public static string Corpus
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("RUSK_CORPUS");
            var dir = !string.IsNullOrEmpty(env) ? env : Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "conformance"));
            if (!File.Exists(Path.Combine(dir, "manifest.json")))
                Assert.Fail($"conformance corpus not found at {dir} (set RUSK_CORPUS)");
            return dir;
        }
    }

    public static string[] CorpusCases() => Directory.GetFiles(Path.Combine(Corpus, "cases"), "*.rbc");

    static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "RuskAot.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("RuskAot.sln not found above " + AppContext.BaseDirectory);
    }
}
