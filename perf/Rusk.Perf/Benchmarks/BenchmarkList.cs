// Reads perf/benchmarks.json (written by the ports side; shape in perf/README.md) at the size of
// this run and adds the reference native medians from the corpus's bench/manifest.json. Without a
// benchmarks.json, the corpus programs alone (no ports) are the list.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace Rusk.Perf.Benchmarks;

static class BenchmarkList
{
    public static List<BenchmarkSpec> Read(string? benchmarksFile, string corpus, bool quick, string? filter)
    {
        var native = NativeMedians(corpus, quick);
        var list = new List<BenchmarkSpec>();
        if (benchmarksFile == null || !File.Exists(benchmarksFile))
        {
            Console.Error.WriteLine($"rusk-perf: {benchmarksFile ?? "benchmarks.json"} not found; timing the corpus programs without ports");
            FromManifest(corpus, quick, native, filter, list);
            return list;
        }
        using var doc = JsonDocument.Parse(File.ReadAllBytes(benchmarksFile));
        if (!doc.RootElement.TryGetProperty("benchmarks", out var entries) || entries.ValueKind != JsonValueKind.Array)
            throw new FormatException($"{benchmarksFile}: expected a `benchmarks` array");
        foreach (var e in entries.EnumerateArray())
        {
            string name = Str(e, "name", benchmarksFile);
            if (filter != null && !name.Contains(filter, StringComparison.Ordinal)) continue;
            string where = $"{benchmarksFile}: {name}";
            string kind = Str(e, "kind", where);
            if (kind != "corpus" && kind != "micro") throw new FormatException($"{where}: `kind` must be \"corpus\" or \"micro\", found \"{kind}\"");
            string hosts = OptStr(e, "hosts") ?? "none";
            string program = (quick ? OptStr(e, "quickRbc") : null) ?? Str(e, "rbc", where);
            string? js = null, lua = null;
            if (e.TryGetProperty("ports", out var ports) && ports.ValueKind == JsonValueKind.Object)
            {
                js = OptStr(ports, "js");
                lua = OptStr(ports, "lua");
            }
            list.Add(new BenchmarkSpec
            {
                Name = name,
                Kind = kind,
                Program = RepoPaths.Resolve(program),
                N = Long(e, quick ? "quickN" : "n", where),
                NInArgv = e.TryGetProperty("nInArgv", out var inArgv) && inArgv.ValueKind == JsonValueKind.True,
                Expected = Str(e, quick ? "quickExpected" : "expected", where),
                Hosts = hosts,
                HostImport = hosts == "hostcall" ? Str(e, "hostImport", where) : null,
                Effect = hosts == "effect" ? Str(e, "effect", where) : null,
                JsPort = js == null ? null : RepoPaths.Resolve(js),
                LuaPort = lua == null ? null : RepoPaths.Resolve(lua),
                NativeMedianMs = kind == "corpus" ? NativeFor(native, name, program) : null,
            });
        }
        return list;
    }

    /// <summary>name → (rbc file name, native median) at this size.</summary>
    static Dictionary<string, (string Rbc, double Ms)> NativeMedians(string corpus, bool quick)
    {
        var map = new Dictionary<string, (string, double)>(StringComparer.Ordinal);
        string manifest = Path.Combine(corpus, "bench", "manifest.json");
        if (!File.Exists(manifest)) return map;
        using var doc = JsonDocument.Parse(File.ReadAllBytes(manifest));
        foreach (var p in doc.RootElement.GetProperty("programs").EnumerateArray())
        {
            if (!p.TryGetProperty(quick ? "default" : "large", out var size)) continue;
            if (size.TryGetProperty("nativeMedianMs", out var ms) && ms.TryGetDouble(out double v))
                map[Str(p, "name", manifest)] = (Path.GetFileName(Str(size, "rbc", manifest)), v);
        }
        return map;
    }

    static double? NativeFor(Dictionary<string, (string Rbc, double Ms)> native, string name, string program)
    {
        if (native.TryGetValue(name, out var byName)) return byName.Ms;
        string file = Path.GetFileName(program);
        foreach (var (rbc, ms) in native.Values) if (rbc == file) return ms;
        return null;
    }

    static void FromManifest(string corpus, bool quick, Dictionary<string, (string Rbc, double Ms)> native, string? filter, List<BenchmarkSpec> list)
    {
        string manifest = Path.Combine(corpus, "bench", "manifest.json");
        using var doc = JsonDocument.Parse(File.ReadAllBytes(manifest));
        foreach (var p in doc.RootElement.GetProperty("programs").EnumerateArray())
        {
            string name = Str(p, "name", manifest);
            if (filter != null && !name.Contains(filter, StringComparison.Ordinal)) continue;
            var size = p.GetProperty(quick ? "default" : "large");
            var value = size.GetProperty("result").GetProperty("value");
            list.Add(new BenchmarkSpec
            {
                Name = name,
                Kind = "corpus",
                Program = Path.GetFullPath(Path.Combine(corpus, Str(size, "rbc", manifest))),
                N = 0,
                Expected = value.GetProperty("value").GetString() ?? "",
                Hosts = "none",
                NativeMedianMs = native.TryGetValue(name, out var n) ? n.Ms : null,
            });
        }
    }

    static string Str(JsonElement e, string prop, string where) =>
        OptStr(e, prop) ?? throw new FormatException($"{where}: expected a string `{prop}`");

    static string? OptStr(JsonElement e, string prop) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(prop, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    static long Long(JsonElement e, string prop, string where)
    {
        if (e.TryGetProperty(prop, out var v))
        {
            if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out long n)) return n;
            if (v.ValueKind == JsonValueKind.String && long.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out n)) return n;
        }
        throw new FormatException($"{where}: expected an integer `{prop}`");
    }
}
