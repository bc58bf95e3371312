// The conformance corpus's manifest.json (shared/conformance/README.md): one record per case with the
// reference VM's observed behaviour. Parsed with JsonDocument (no reflection) so the CLI stays AOT-safe.
using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace Rusk.Cli.Corpus;

/// <summary>What the reference VM did on one case. Values and requests are kept in <see cref="ValueText"/> form.</summary>
internal sealed record CorpusCase
{
    public required string Name { get; init; }
    public required string Kind { get; init; }
    /// <summary>Absolute path of the case's module.</summary>
    public required string RbcPath { get; init; }
    /// <summary>null → the VM is created without argv; otherwise exactly this list.</summary>
    public string[]? Argv { get; init; }
    /// <summary>`done VALUE` or `trap MESSAGE` (see <see cref="ValueText.Done"/>).</summary>
    public required string Result { get; init; }
    public required string Stdout { get; init; }
    public required string[] HostLog { get; init; }
    /// <summary>One line per request: `Iface.method(args) -> resume` (see <see cref="ValueText.Request"/>).</summary>
    public required string[] Requests { get; init; }
    public ulong Instructions { get; init; }
    public ulong StepsAtFuel1000 { get; init; }
    public ulong? LastYieldRemainingFuel { get; init; }
    public string? Notes { get; init; }
}

/// <summary>A malformed manifest: says which case and field.</summary>
internal sealed class CorpusFormatException : Exception
{
    public CorpusFormatException(string message) : base(message) { }
}

internal sealed class CorpusManifest
{
    public string Directory { get; }
    public string ReferenceCommit { get; }
    public CorpusCase[] Cases { get; }

    CorpusManifest(string directory, string referenceCommit, CorpusCase[] cases)
    {
        Directory = directory; ReferenceCommit = referenceCommit; Cases = cases;
    }

    /// <summary>Reads DIR/manifest.json. Throws CorpusFormatException (or IOException) with the place of the problem.</summary>
    public static CorpusManifest Load(string directory)
    {
        var path = Path.Combine(directory, "manifest.json");
        byte[] bytes = File.ReadAllBytes(path);
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            return Parse(Path.GetFullPath(directory), doc.RootElement);
        }
        catch (JsonException e)
        {
            throw new CorpusFormatException($"{path}: invalid JSON: {e.Message}");
        }
    }

    static CorpusManifest Parse(string dir, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) throw new CorpusFormatException("manifest.json: expected an object at the top level");
        string commit = root.TryGetProperty("referenceCommit", out var rc) && rc.ValueKind == JsonValueKind.String ? rc.GetString()! : "";
        if (!root.TryGetProperty("cases", out var cases) || cases.ValueKind != JsonValueKind.Array)
            throw new CorpusFormatException("manifest.json: expected `cases` to be an array");
        var list = new List<CorpusCase>(cases.GetArrayLength());
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int index = 0;
        foreach (var c in cases.EnumerateArray())
        {
            var parsed = ParseCase(dir, c, index);
            if (!seen.Add(parsed.Name)) throw new CorpusFormatException($"manifest.json: duplicate case name `{parsed.Name}`");
            list.Add(parsed);
            index++;
        }
        return new CorpusManifest(dir, commit, list.ToArray());
    }

    static CorpusCase ParseCase(string dir, JsonElement c, int index)
    {
        string where = $"manifest.json: cases[{index}]";
        if (c.ValueKind != JsonValueKind.Object) throw new CorpusFormatException($"{where}: expected an object");
        string name = Str(c, "name", where);
        where = $"manifest.json: case `{name}`";

        string[]? argv = null;
        if (c.TryGetProperty("argv", out var a) && a.ValueKind != JsonValueKind.Null)
            argv = StrList(a, where + " field `argv`");

        var result = Field(c, "result", where);
        string tag = Str(result, "tag", where + " field `result`");
        string resultText = tag switch
        {
            "done" => ValueText.Done(ValueText.FromJson(Field(result, "value", where + " field `result`"), where + " result value")),
            "trap" => ValueText.Trap(Str(result, "message", where + " field `result`")),
            _ => throw new CorpusFormatException($"{where}: result tag must be `done` or `trap`, found `{tag}`"),
        };

        var reqs = Field(c, "requests", where);
        if (reqs.ValueKind != JsonValueKind.Array) throw new CorpusFormatException($"{where}: expected `requests` to be an array");
        var requests = new List<string>();
        int ri = 0;
        foreach (var r in reqs.EnumerateArray())
        {
            string rw = $"{where} requests[{ri++}]";
            string effect = Str(r, "effect", rw);
            var argsEl = Field(r, "args", rw);
            if (argsEl.ValueKind != JsonValueKind.Array) throw new CorpusFormatException($"{rw}: expected `args` to be an array");
            var args = new List<string>();
            foreach (var v in argsEl.EnumerateArray()) args.Add(ValueText.FromJson(v, rw + " args"));
            var resume = Field(r, "resume", rw);
            string? resumeText = resume.ValueKind == JsonValueKind.String && resume.GetString() == "drop"
                ? null : ValueText.FromJson(resume, rw + " resume");
            requests.Add(ValueText.Request(effect, args, resumeText));
        }

        ulong? lastYield = null;
        if (c.TryGetProperty("lastYieldRemainingFuel", out var ly) && ly.ValueKind != JsonValueKind.Null)
            lastYield = U64(ly, where + " field `lastYieldRemainingFuel`");

        string rbc = Str(c, "rbc", where);
        return new CorpusCase
        {
            Name = name,
            Kind = c.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString()! : "",
            RbcPath = Path.GetFullPath(Path.Combine(dir, rbc)),
            Argv = argv,
            Result = resultText,
            Stdout = Str(c, "stdout", where),
            HostLog = StrList(Field(c, "hostLog", where), where + " field `hostLog`"),
            Requests = requests.ToArray(),
            Instructions = U64(Field(c, "instructions", where), where + " field `instructions`"),
            StepsAtFuel1000 = U64(Field(c, "steps_at_fuel_1000", where), where + " field `steps_at_fuel_1000`"),
            LastYieldRemainingFuel = lastYield,
            Notes = c.TryGetProperty("notes", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null,
        };
    }

    static JsonElement Field(JsonElement obj, string name, string where)
    {
        if (obj.ValueKind != JsonValueKind.Object) throw new CorpusFormatException($"{where}: expected an object");
        if (!obj.TryGetProperty(name, out var v)) throw new CorpusFormatException($"{where}: missing field `{name}`");
        return v;
    }

    static string Str(JsonElement obj, string name, string where)
    {
        var v = Field(obj, name, where);
        if (v.ValueKind != JsonValueKind.String) throw new CorpusFormatException($"{where}: field `{name}` must be a string, found {v.ValueKind}");
        return v.GetString()!;
    }

    static string[] StrList(JsonElement v, string where)
    {
        if (v.ValueKind != JsonValueKind.Array) throw new CorpusFormatException($"{where}: expected an array of strings");
        var list = new string[v.GetArrayLength()];
        int i = 0;
        foreach (var e in v.EnumerateArray())
        {
            if (e.ValueKind != JsonValueKind.String) throw new CorpusFormatException($"{where}[{i}]: expected a string, found {e.ValueKind}");
            list[i++] = e.GetString()!;
        }
        return list;
    }

    static ulong U64(JsonElement v, string where)
    {
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetUInt64(out var n))
            throw new CorpusFormatException($"{where}: expected a non-negative integer, found {v.GetRawText()}");
        return n;
    }
}
