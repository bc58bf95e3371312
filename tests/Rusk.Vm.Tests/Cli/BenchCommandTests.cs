// `rusk-vm bench` on a small stand-in benchmark directory (its manifest points at the corpus's
// default-size phase6 module, 150k instructions): a correct program is timed and written to JSON,
// a wrong result or instruction count is an error and never timed, usage errors exit 2.
using System;
using System.Diagnostics;
using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;
using NUnit.Framework;

namespace Rusk.Vm.Tests.Cli;

public sealed class BenchCommandTests
{
    static (int Exit, string Out, string Err) RunBench(params string[] args) => RuskVmProcess.RunCommand("bench", args);

    /// <summary>A bench dir whose `large` entries are the corpus's default phase6 entry, edited by <paramref name="edit"/>.</summary>
    static string BenchDir(params Action<JsonObject>[] edits)
    {
        var corpus = JsonNode.Parse(File.ReadAllText(Path.Combine(Paths.Corpus, "bench", "manifest.json")))!;
        JsonObject? phase6 = null;
        foreach (var p in corpus["programs"]!.AsArray())
            if ((string?)p!["name"] == "phase6_effects_generator") phase6 = p.AsObject();
        Assert.That(phase6, Is.Not.Null, "phase6_effects_generator is in the corpus bench manifest");
        var programs = new JsonArray();
        int n = 0;
        foreach (var edit in edits)
        {
            var large = JsonNode.Parse(phase6!["default"]!.ToJsonString())!.AsObject();
            large["rbc"] = Path.GetFullPath(Path.Combine(Paths.Corpus, (string)phase6["default"]!["rbc"]!));
            edit(large);
            programs.Add(new JsonObject { ["name"] = $"p{n++}", ["large"] = large });
        }
        string dir = Path.Combine(Path.GetTempPath(), $"rusk-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(dir, "bench"));
        File.WriteAllText(Path.Combine(dir, "bench", "manifest.json"), new JsonObject { ["programs"] = programs }.ToJsonString());
        return dir;
    }

    [Test]
    public void Correct_program_is_timed_and_written_to_json()
    {
        string dir = BenchDir(_ => { });
        string json = Path.Combine(dir, "out", "bench.json");
        var (exit, stdout, stderr) = RunBench(dir, "--runs", "3", "--warmup", "1", "--out", json);
        Assert.That(exit, Is.EqualTo(0), stdout + stderr);
        Assert.That(stdout, Does.Contain("p0 ").And.Contain("geomean ratio"));
        using var doc = JsonDocument.Parse(File.ReadAllBytes(json));
        var p = doc.RootElement.GetProperty("programs")[0];
        Assert.That(p.GetProperty("timesMs").GetArrayLength(), Is.EqualTo(3));
        double median = p.GetProperty("medianMs").GetDouble();
        Assert.That(median, Is.GreaterThan(0));
        Assert.That(p.GetProperty("minMs").GetDouble(), Is.LessThanOrEqualTo(median));
        Assert.That(p.GetProperty("maxMs").GetDouble(), Is.GreaterThanOrEqualTo(median));
        double expectedRatio = p.GetProperty("nativeMedianMs").GetDouble() / median;
        Assert.That(p.GetProperty("ratio").GetDouble(), Is.EqualTo(expectedRatio).Within(0.01 * expectedRatio));
        Assert.That(doc.RootElement.GetProperty("geomeanRatio").GetDouble(), Is.EqualTo(p.GetProperty("ratio").GetDouble()).Within(0.001));
    }

    [Test]
    public void Wrong_result_is_an_error_and_not_timed()
    {
        string dir = BenchDir(large => large["result"] = JsonNode.Parse("""{"tag":"done","value":{"type":"int","value":"1"}}"""));
        string json = Path.Combine(dir, "bench.json");
        var (exit, stdout, _) = RunBench(dir, "--runs", "1", "--warmup", "0", "--out", json);
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stdout, Does.Contain("p0").And.Contain("ERROR: wrong result: expected `done 1`, got `done 49995000`"));
        using var doc = JsonDocument.Parse(File.ReadAllBytes(json));
        var p = doc.RootElement.GetProperty("programs")[0];
        Assert.That(p.TryGetProperty("medianMs", out _), Is.False);
        Assert.That(p.GetProperty("error").GetString(), Does.StartWith("wrong result"));
        Assert.That(doc.RootElement.GetProperty("geomeanRatio").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public void Wrong_instruction_count_is_an_error_and_the_others_still_run()
    {
        string dir = BenchDir(large => large["instructions"] = 5, _ => { });
        string json = Path.Combine(dir, "bench.json");
        var (exit, stdout, _) = RunBench(dir, "--runs", "1", "--warmup", "0", "--out", json);
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stdout, Does.Contain("ERROR: wrong instruction count: expected 5, got 150021"));
        using var doc = JsonDocument.Parse(File.ReadAllBytes(json));
        Assert.That(doc.RootElement.GetProperty("programs")[1].TryGetProperty("medianMs", out _), Is.True);
        Assert.That(doc.RootElement.GetProperty("programsTimed").GetInt32(), Is.EqualTo(1));
    }

    [Test]
    public void Filter_keeps_matching_programs_only()
    {
        string dir = BenchDir(_ => { }, _ => { });
        string json = Path.Combine(dir, "bench.json");
        var (exit, _, stderr) = RunBench(dir, "--runs", "1", "--warmup", "0", "--filter", "p1", "--out", json);
        Assert.That(exit, Is.EqualTo(0), stderr);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(json));
        Assert.That(doc.RootElement.GetProperty("programs").GetArrayLength(), Is.EqualTo(1));
        Assert.That(doc.RootElement.GetProperty("programs")[0].GetProperty("name").GetString(), Is.EqualTo("p1"));
    }

    [Test]
    public void Usage_errors_exit_2_and_a_missing_manifest_exits_1()
    {
        Assert.That(RunBench().Exit, Is.EqualTo(2));
        Assert.That(RunBench("dir", "--runs", "0").Exit, Is.EqualTo(2));
        var (exit, _, stderr) = RunBench(Path.Combine(Path.GetTempPath(), $"rusk-no-bench-{Guid.NewGuid():N}"));
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stderr, Does.Contain("manifest.json"));
    }
}
