// After a trace is written: names the .NET runtime's wasm functions in its CPU samples (dist/ ships
// dotnet.native.wasm without a name section; the runtime pack beside it in the NuGet cache has the
// symbol map `dotnet.native.js.symbols`, "index:name" lines, used only when its .wasm is byte-for-byte
// dist's) and lists the functions with the most self time, beside the trace as NAME.top.txt.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rusk.Perf.Browser;

sealed class TraceSummary
{
    readonly Dictionary<int, string>? _symbols;

    public TraceSummary()
    {
        _symbols = LoadSymbols();
    }

    /// <summary>True when the runtime's function names are known (then traces show them).</summary>
    public bool HasSymbols => _symbols != null;

    static Dictionary<int, string>? LoadSymbols()
    {
        string dist = Path.Combine(RepoPaths.Dist, "_framework", "dotnet.native.wasm");
        string packs = Path.Combine(Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p ? p
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
            "microsoft.netcore.app.runtime.mono.browser-wasm");
        if (!File.Exists(dist) || !Directory.Exists(packs)) return null;
        byte[] want = Hash(dist);
        foreach (var version in Directory.GetDirectories(packs))
        {
            string native = Path.Combine(version, "runtimes", "browser-wasm", "native");
            string wasm = Path.Combine(native, "dotnet.native.wasm"), symbols = Path.Combine(native, "dotnet.native.js.symbols");
            if (!File.Exists(wasm) || !File.Exists(symbols) || !Hash(wasm).AsSpan().SequenceEqual(want)) continue;
            var map = new Dictionary<int, string>();
            foreach (var line in File.ReadLines(symbols))
            {
                int colon = line.IndexOf(':');
                if (colon > 0 && int.TryParse(line.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out int index))
                    map[index] = line.Substring(colon + 1);
            }
            return map;
        }
        return null;
    }

    static byte[] Hash(string file)
    {
        using var s = File.OpenRead(file);
        return SHA256.HashData(s);
    }

    /// <summary>Renames runtime frames in <paramref name="trace"/> and writes its self-time summary; returns the top entries.</summary>
    public List<(string Function, double SelfMs)> Process(string trace, int top = 25)
    {
        JsonNode? root;
        using (var s = File.OpenRead(trace)) root = JsonNode.Parse(s);
        var events = root?["traceEvents"]?.AsArray();
        if (events == null) return new();

        // Per profile (pid + profile id): node id → name; self time per name from samples + deltas.
        var names = new Dictionary<(string, long), string>();
        var self = new Dictionary<string, double>(StringComparer.Ordinal);
        double total = 0;
        bool renamed = false;
        foreach (var ev in events)
        {
            if (ev is not JsonObject e || (string?)e["name"] != "ProfileChunk") continue;
            string profile = $"{e["pid"]}/{e["id"]}";
            var data = e["args"]?["data"];
            if (data?["cpuProfile"]?["nodes"] is JsonArray nodes)
            {
                foreach (var n in nodes)
                {
                    if (n?["callFrame"] is not JsonObject frame) continue;
                    string fn = (string?)frame["functionName"] ?? "";
                    string url = (string?)frame["url"] ?? "";
                    if (_symbols != null && url.EndsWith("dotnet.native.wasm", StringComparison.Ordinal) && WasmIndex(fn) is int index
                        && _symbols.TryGetValue(index, out var symbol))
                    {
                        fn = symbol;
                        frame["functionName"] = symbol;
                        renamed = true;
                    }
                    names[(profile, (long)n["id"]!)] = Label(fn, url);
                }
            }
            if (data?["cpuProfile"]?["samples"] is JsonArray samples && data["timeDeltas"] is JsonArray deltas)
            {
                for (int i = 0; i < samples.Count && i < deltas.Count; i++)
                {
                    double ms = (double)deltas[i]! / 1000.0;
                    if (ms < 0) continue;
                    string name = names.TryGetValue((profile, (long)samples[i]!), out var nm) ? nm : "?";
                    self[name] = self.GetValueOrDefault(name) + ms;
                    total += ms;
                }
            }
        }
        if (renamed) File.WriteAllText(trace, root!.ToJsonString());

        var list = new List<(string Function, double SelfMs)>();
        foreach (var (name, ms) in self) list.Add((name, ms));
        list.Sort((a, b) => b.SelfMs.CompareTo(a.SelfMs));
        if (list.Count > top) list.RemoveRange(top, list.Count - top);
        var sb = new StringBuilder();
        sb.AppendLine($"# self time by function in the CPU samples of {Path.GetFileName(trace)} (all threads, {total:F0} ms sampled)");
        foreach (var (name, ms) in list)
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{ms,9:F1} ms {(total > 0 ? 100 * ms / total : 0),5:F1}%  {name}"));
        File.WriteAllText(Path.ChangeExtension(trace, ".top.txt"), sb.ToString());
        return list;
    }

    static int? WasmIndex(string fn) =>
        fn.StartsWith("wasm-function[", StringComparison.Ordinal) && fn.EndsWith(']')
        && int.TryParse(fn.AsSpan(14, fn.Length - 15), NumberStyles.None, CultureInfo.InvariantCulture, out int i) ? i : null;

    /// <summary>The function with where it lives: the file name, or "jiterpreter" for code the .NET runtime made at run time.</summary>
    static string Label(string fn, string url)
    {
        if (fn.Length == 0) fn = "(anonymous)";
        if (url.Length == 0) return fn;
        string file = url.StartsWith("wasm://", StringComparison.Ordinal) ? "wasm made at run time"
            : Path.GetFileName(Uri.TryCreate(url, UriKind.Absolute, out var u) ? u.AbsolutePath : url);
        return $"{fn}  [{file}]";
    }
}
