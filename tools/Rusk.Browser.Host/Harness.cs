// The harness page per engine, and whether the AOT engine exists at all: while rusk-aot cannot
// compile the VM, dist/aot/ holds BUILD-ERRORS.txt instead of rusk.wasm (scripts/build-browser.sh).
using System.IO;
using System.Linq;

namespace Rusk.Browser.Host;

static class Harness
{
    /// <summary>web/harness.html booting <paramref name="engine"/> (and failing to boot when it falls back).</summary>
    public static string Url(string engine) => engine == "mono" ? "/web/harness.html" : $"/web/harness.html?engine={engine}";
}

static class AotBuild
{
    public static string WasmPath => Path.Combine(Paths.Dist, "aot", "rusk.wasm");

    /// <summary>Null when <paramref name="engine"/> can run; else why not ("engine not built yet: <first compiler error>").</summary>
    public static string? Missing(string engine)
    {
        if (engine != "aot" || File.Exists(WasmPath)) return null;
        string errors = Path.Combine(Paths.Dist, "aot", "BUILD-ERRORS.txt");
        string first = File.Exists(errors)
            ? File.ReadLines(errors).FirstOrDefault(l => l.Contains("error:", System.StringComparison.Ordinal))
              ?? File.ReadLines(errors).FirstOrDefault() ?? "no message"
            : $"{WasmPath} and its BUILD-ERRORS.txt are missing: run `make build`";
        return $"aot: engine not built yet: {first.Trim()}";
    }
}
