// One benchmark at the size of this run (large, or the QUICK size): where its program and ports
// are, the size parameter, the expected result, what it needs from the host, the reference time.
namespace Rusk.Perf.Benchmarks;

sealed class BenchmarkSpec
{
    public required string Name { get; init; }
    /// <summary>"corpus" or "micro".</summary>
    public required string Kind { get; init; }
    /// <summary>Absolute path of the .rbc (corpus) or .rasm (micro).</summary>
    public required string Program { get; init; }
    public required long N { get; init; }
    /// <summary>main(argv) takes n as its last argv element (micro programs): argv = ["", n].</summary>
    public bool NInArgv { get; init; }
    public required string Expected { get; init; }
    /// <summary>"none", "hostcall" or "effect".</summary>
    public required string Hosts { get; init; }
    public string? HostImport { get; init; }
    public string? Effect { get; init; }
    /// <summary>Absolute path of the JS port (plain JS and QuickJS), or null.</summary>
    public string? JsPort { get; init; }
    /// <summary>Absolute path of the Lua port, or null.</summary>
    public string? LuaPort { get; init; }
    /// <summary>The reference VM's native median at this size (corpus only; bench/manifest.json).</summary>
    public double? NativeMedianMs { get; init; }
}
