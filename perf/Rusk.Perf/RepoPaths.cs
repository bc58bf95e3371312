// Where things are: the repository (found from the binary), its folders, the corpus, Chromium.
using System.IO;

namespace Rusk.Perf;

static class RepoPaths
{
    /// <summary>The repository root, found as the browser host finds it.</summary>
    public static string Root => Rusk.Browser.Host.Paths.RepoRoot;

    /// <summary>A path of benchmarks.json or the command line: relative to the repository root.</summary>
    public static string Resolve(string path) => Path.GetFullPath(Path.Combine(Root, path));

    public static string Dist => Rusk.Browser.Host.Paths.Dist;
    public static string Web => Path.Combine(Root, "perf", "web");
    public static string NodeModules => Path.Combine(Root, "node_modules");

    public const string Chromium = Rusk.Browser.Host.ChromiumLaunch.Executable;
}
