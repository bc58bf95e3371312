// Where things are: the repository (found from the binary), its folders, the corpus, Chromium.
using System;
using System.IO;

namespace Rusk.Perf;

static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RuskAot.sln"))) return dir.FullName;
        throw new InvalidOperationException($"RuskAot.sln not found above {AppContext.BaseDirectory}");
    }

    /// <summary>A path of benchmarks.json or the command line: relative to the repository root.</summary>
    public static string Resolve(string path) => Path.GetFullPath(Path.Combine(Root, path));

    public static string Dist => Path.Combine(Root, "dist");
    public static string Web => Path.Combine(Root, "perf", "web");
    public static string NodeModules => Path.Combine(Root, "node_modules");

    public const string Chromium = Rusk.Browser.Host.ChromiumLaunch.Executable;
}
