// Reads what `rusk-vm bench` wrote (perf/out/dotnet-bench.json, dotnet-bench-nolimit.json, dotnet-aot-bench.json) into the
// results: one engine per file, matched to benchmarks by name; a file of the other size
// (quick vs large) or a missing one leaves the engine "skipped" with the reason.
using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace Rusk.Perf.Results;

static class DotnetResults
{
    /// <summary>Fills <paramref name="engine"/> of every benchmark; returns a one-line description of the run (or why none).</summary>
    public static string Merge(string file, string engine, bool quick, List<BenchmarkResult> benchmarks)
    {
        string? why = null;
        var programs = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        string description = "";
        JsonDocument? doc = null;
        try
        {
            if (!File.Exists(file)) why = $"no {Path.GetFileName(file)}";
            else
            {
                doc = JsonDocument.Parse(File.ReadAllBytes(file));
                var root = doc.RootElement;
                string size = root.TryGetProperty("size", out var s) ? s.GetString() ?? "large" : "large";
                if (size != (quick ? "quick" : "large")) why = $"{Path.GetFileName(file)} is of the {size} size";
                description = $"{Str(root, "runtime")}{(root.TryGetProperty("nativeAot", out var aot) && aot.ValueKind == JsonValueKind.True ? " NativeAOT" : " JIT")}, " +
                    $"{root.GetProperty("warmup").GetInt32()} warm-up + {root.GetProperty("runs").GetInt32()} runs, {HeapLimit(root)}written {File.GetLastWriteTime(file):yyyy-MM-dd HH:mm}";
                foreach (var p in root.GetProperty("programs").EnumerateArray()) programs[Str(p, "name")] = p.Clone();
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IOException)
        {
            why = $"{Path.GetFileName(file)} unreadable: {e.Message}";
        }
        finally
        {
            doc?.Dispose();
        }

        foreach (var b in benchmarks)
        {
            if (why != null) { b.Engines[engine] = EngineResult.Skip(why); continue; }
            if (!programs.TryGetValue(b.Spec.Name, out var p)) { b.Engines[engine] = EngineResult.Skip("not in the .NET run"); continue; }
            if (p.TryGetProperty("error", out var err)) { b.Engines[engine] = EngineResult.Fail(err.GetString() ?? "error"); continue; }
            var r = new EngineResult();
            foreach (var t in p.GetProperty("timesMs").EnumerateArray()) r.TimesMs.Add(t.GetDouble());
            b.Engines[engine] = r;
        }
        return why ?? description;
    }

    /// <summary>The run's heap limit (maxHeapBytes: null when off), as a clause; empty in files written before it was recorded.</summary>
    static string HeapLimit(JsonElement root) =>
        !root.TryGetProperty("maxHeapBytes", out var h) ? "" : h.ValueKind == JsonValueKind.Null ? "heap limit off, " : $"heap limit {h.GetInt64()} bytes, ";

    static string Str(JsonElement e, string prop) => e.TryGetProperty(prop, out var v) ? v.GetString() ?? "" : "";
}
