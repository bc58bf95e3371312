// Durable VMs in Chromium (web/snapshot-conformance.js): every corpus case restored at yields and
// requests through the JS API must match its manifest record, and its journal must replay. Then
// across engines: .NET takes the same early snapshots (after 1, 8, 69, 466 instructions, before any
// host call) and must produce the same bytes (the digests match), and .NET restores the snapshot the
// page took and writes it back byte for byte. Once per engine (mono, aot), and once across them
// (BrowserCrossSnapshotTests: a mono page restoring on aot, aot on mono, alternately, and replaying
// mono's journals on aot).
using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using NUnit.Framework;
using RuskVm = Rusk.Vm.Vm;
using Rusk.Vm;
using Rusk.Vm.Format;

namespace Rusk.Browser.Tests;

public abstract class SnapshotFixture
{
    sealed record Result(bool Ok, string[] Mismatches, string[] Digests, string? Kept);

    Dictionary<string, Result>? _results;
    string? _setupError;

    /// <summary>"mono" or "aot": the engine the harness page boots (VMs start there).</summary>
    protected abstract string Engine { get; }

    /// <summary>A second engine every transplant alternates with (and journals replay on); null: none.</summary>
    protected virtual string? Other => null;

    [OneTimeSetUp]
    public async Task RunWholeCorpus()
    {
        try
        {
            if ((AotBuild.Missing(Engine) ?? (Other is null ? null : AotBuild.Missing(Other))) is { } why) { _setupError = why; return; }
            await using var session = await BrowserSession.StartAsync();
            var page = await session.OpenAsync(Harness.Url(Engine));
            // The second engine must not fall back to mono (loadRusk does when the probe fails).
            string other = Other is null ? "undefined"
                : $"await Rusk.loadRusk({{ engine: '{Other}' }}).then((o) => {{ if (o.engine !== '{Other}') throw new Error(`booted ${{o.engine}}`); return o; }})";
            string json = await page.EvaluateAsync<string>(
                $"async () => JSON.stringify(await snapshotConformance.runSnapshotCorpus(rusk, '/corpus/', undefined, {other}))")
                .WaitAsync(TimeSpan.FromMinutes(20));
            _results = new Dictionary<string, Result>(StringComparer.Ordinal);
            using var doc = JsonDocument.Parse(json);
            foreach (var r in doc.RootElement.EnumerateArray())
            {
                _results[r.GetProperty("name").GetString()!] = new Result(
                    r.GetProperty("ok").GetBoolean(), Strings(r.GetProperty("mismatches")), Strings(r.GetProperty("digests")),
                    r.GetProperty("kept").ValueKind == JsonValueKind.String ? r.GetProperty("kept").GetString() : null);
            }
        }
        catch (Exception e)
        {
            _setupError = e.ToString();
        }
    }

    static string[] Strings(JsonElement a)
    {
        var l = new List<string>();
        foreach (var x in a.EnumerateArray()) l.Add(x.GetString()!);
        return l.ToArray();
    }

    /// <summary>(name, rbc path, argv) of every manifest case.</summary>
    static readonly Lazy<Dictionary<string, (string Rbc, string[]? Argv)>> s_cases = new(() =>
    {
        var map = new Dictionary<string, (string, string[]?)>(StringComparer.Ordinal);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Paths.Corpus, "manifest.json")));
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            string[]? argv = c.TryGetProperty("argv", out var a) && a.ValueKind == JsonValueKind.Array ? Strings(a) : null;
            map[c.GetProperty("name").GetString()!] = (Path.Combine(Paths.Corpus, c.GetProperty("rbc").GetString()!), argv);
        }
        return map;
    });

    protected static IEnumerable<TestCaseData> Cases(string prefix) => CorpusFixture.Cases(prefix);

    protected void Check(string name)
    {
        if (_setupError != null) Assert.Fail($"browser snapshot run ({Engine}{(Other is null ? "" : " with " + Other)}) failed: " + _setupError);
        if (_results == null || !_results.TryGetValue(name, out var r)) { Assert.Fail($"no result for {name}"); return; }
        if (!r.Ok && (ExpectedFailures.Reason(name, Engine) ?? (Other is null ? null : ExpectedFailures.Reason(name, Other))) is { } reason)
            Assert.Ignore($"expected failure ({reason})");
        Assert.That(r.Ok, Is.True, string.Join("\n", r.Mismatches));

        var (rbc, argv) = s_cases.Value[name];
        var module = ModuleLoader.Load(File.ReadAllBytes(rbc));
        if (r.Kept != null)
        {
            var bytes = Convert.FromBase64String(r.Kept);
            Assert.That(RuskVm.Restore(module, bytes, new VmOptions { EnableMetrics = true }).Snapshot(), Is.EqualTo(bytes),
                "the page's snapshot restored in .NET snapshots to other bytes");
        }
        // The page stepped with fuel 1, 7, 61, 397 first; without hosts .NET can follow until a host call or request.
        var vm = new RuskVm(module, new VmOptions { Argv = argv, EnableMetrics = true });
        ulong[] plan = { 1, 7, 61, 397 };
        for (int i = 0; i < plan.Length && i < r.Digests.Length; i++)
        {
            if (vm.Step(plan[i]).Kind != StepKind.Yield || vm.Metrics.HostCalls != 0) break;
            var snap = vm.Snapshot();
            Assert.That(Convert.ToHexString(snap, snap.Length - 32, 32).ToLowerInvariant(), Is.EqualTo(r.Digests[i]),
                $"snapshot {i} (after {vm.Metrics.ExecutedInstructions} instructions) differs between .NET and the page");
        }
    }
}

[TestFixture]
[NonParallelizable]
public sealed class BrowserSnapshotTests : SnapshotFixture
{
    protected override string Engine => "mono";

    public static IEnumerable<TestCaseData> MonoCases() => Cases("BrowserSnapshot_");

    [TestCaseSource(nameof(MonoCases))]
    public void Case(string name) => Check(name);
}

[TestFixture]
[NonParallelizable]
public sealed class BrowserAotSnapshotTests : SnapshotFixture
{
    protected override string Engine => "aot";

    public static IEnumerable<TestCaseData> AotCases() => Cases("BrowserAotSnapshot_");

    [TestCaseSource(nameof(AotCases))]
    public void Case(string name) => Check(name);
}

/// <summary>Snapshots moving between the engines at every transplant; journals of mono replayed on aot.</summary>
[TestFixture]
[NonParallelizable]
public sealed class BrowserCrossSnapshotTests : SnapshotFixture
{
    protected override string Engine => "mono";
    protected override string? Other => "aot";

    public static IEnumerable<TestCaseData> CrossCases() => Cases("BrowserCrossSnapshot_");

    [TestCaseSource(nameof(CrossCases))]
    public void Case(string name) => Check(name);
}
