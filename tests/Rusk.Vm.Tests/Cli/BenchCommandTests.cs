// `rusk-vm bench` on a small stand-in benchmark directory (its manifest points at the corpus's
// default-size phase6 module, 150k instructions): a correct program is timed and written to JSON,
// a wrong result or instruction count is an error and never timed, usage errors exit 2; --quick
// takes the default size; --micro adds .rasm micro-benchmarks whose host import / effect the
// command answers with value + 1.
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

    [Test]
    public void Quick_runs_the_default_size()
    {
        string dir = BenchDir(large => large["rbc"] = "missing.large.rbc");
        string manifest = Path.Combine(dir, "bench", "manifest.json");
        var doc = JsonNode.Parse(File.ReadAllText(manifest))!;
        var p0 = doc["programs"]![0]!.AsObject();
        var large = p0["large"]!.AsObject();
        var def = JsonNode.Parse(large.ToJsonString())!.AsObject();
        def["rbc"] = Path.GetFullPath(Path.Combine(Paths.Corpus, "bench", "phase6_effects_generator.rbc"));
        p0["default"] = def;
        File.WriteAllText(manifest, doc.ToJsonString());
        string json = Path.Combine(dir, "bench.json");
        var (exit, stdout, stderr) = RunBench(dir, "--quick", "--runs", "1", "--warmup", "0", "--out", json);
        Assert.That(exit, Is.EqualTo(0), stdout + stderr);
        using var result = JsonDocument.Parse(File.ReadAllBytes(json));
        Assert.That(result.RootElement.GetProperty("size").GetString(), Is.EqualTo("quick"));
        Assert.That(result.RootElement.GetProperty("programs")[0].GetProperty("rbc").GetString(), Does.EndWith("phase6_effects_generator.rbc"));
    }

    static string Loop(string decl, string body, int n) => $$"""
        {{decl}}
        fn main params 0 {
            r0 = const 0
            r1 = const {{n}}
            r2 = const 1
            r5 = const 0
        loop:
            r3 = int_lt r0, r1
            jump_if r3, body, done
        body:
            {{body}}
            r5 = int_add r5, r4
            r0 = int_add r0, r2
            jump loop
        done:
            return r5
        }
        """;

    /// <summary>A benchmarks.json with a host-call and an effect micro-benchmark (sum of i + 1 for i &lt; n) and one corpus entry it must skip.</summary>
    static string MicroFile(string dir, string expected)
    {
        File.WriteAllText(Path.Combine(dir, "host.rasm"), Loop("host \"bench::host_inc\" (int) -> int", "r4 = call host \"bench::host_inc\"(r0)", 1000));
        File.WriteAllText(Path.Combine(dir, "effect.rasm"), Loop("effect Bench.ping (int) -> int", "r4 = perform Bench.ping(r0)", 1000));
        var list = new JsonArray
        {
            new JsonObject { ["name"] = "corpus_entry", ["kind"] = "corpus", ["rbc"] = "nowhere.rbc" },
            new JsonObject
            {
                ["name"] = "m_host", ["kind"] = "micro", ["rbc"] = Path.Combine(dir, "host.rasm"), ["expected"] = expected,
                ["quickExpected"] = expected, ["hosts"] = "hostcall", ["hostImport"] = "bench::host_inc",
            },
            new JsonObject
            {
                ["name"] = "m_effect", ["kind"] = "micro", ["rbc"] = Path.Combine(dir, "effect.rasm"), ["expected"] = expected,
                ["quickExpected"] = expected, ["hosts"] = "effect", ["effect"] = "Bench.ping",
            },
        };
        string file = Path.Combine(dir, "benchmarks.json");
        File.WriteAllText(file, new JsonObject { ["benchmarks"] = list }.ToJsonString());
        return file;
    }

    [Test]
    public void Micro_benchmarks_get_host_import_and_effect_answers()
    {
        string dir = BenchDir(_ => { });
        string json = Path.Combine(dir, "bench.json");
        var (exit, stdout, stderr) = RunBench(dir, "--micro", MicroFile(dir, "500500"), "--runs", "1", "--warmup", "0", "--out", json);
        Assert.That(exit, Is.EqualTo(0), stdout + stderr);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(json));
        var programs = doc.RootElement.GetProperty("programs");
        Assert.That(programs.GetArrayLength(), Is.EqualTo(3));
        for (int i = 1; i < 3; i++)
        {
            var m = programs[i];
            Assert.That(m.GetProperty("kind").GetString(), Is.EqualTo("micro"));
            Assert.That(m.GetProperty("medianMs").GetDouble(), Is.GreaterThan(0));
            Assert.That(m.TryGetProperty("ratio", out _), Is.False, "no reference time for a micro-benchmark");
        }
        Assert.That(doc.RootElement.GetProperty("programsTimed").GetInt32(), Is.EqualTo(1), "the geomean covers the corpus program only");
    }

    [Test]
    public void Micro_benchmark_with_a_wrong_result_is_an_error()
    {
        string dir = BenchDir(_ => { });
        string json = Path.Combine(dir, "bench.json");
        var (exit, stdout, _) = RunBench(dir, "--micro", MicroFile(dir, "7"), "--filter", "m_", "--runs", "1", "--warmup", "0", "--out", json);
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stdout, Does.Contain("m_host").And.Contain("ERROR: wrong result: expected `done 7`, got `done 500500`"));
        Assert.That(stdout, Does.Contain("m_effect").And.Contain("got `done 500500`"));
    }

    [Test]
    public void Micro_entries_of_perf_benchmarks_json_run_at_quick_size_with_n_in_argv()
    {
        string dir = BenchDir(_ => { });
        string json = Path.Combine(dir, "bench.json");
        string file = Path.Combine(Paths.RepoRoot, "perf", "benchmarks.json");
        var (exit, stdout, stderr) = RunBench(dir, "--quick", "--micro", file, "--filter", "micro_", "--runs", "1", "--warmup", "0", "--out", json);
        Assert.That(exit, Is.EqualTo(0), stdout + stderr);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(json));
        var programs = doc.RootElement.GetProperty("programs");
        Assert.That(programs.GetArrayLength(), Is.GreaterThanOrEqualTo(7));
        foreach (var p in programs.EnumerateArray())
            Assert.That(p.TryGetProperty("medianMs", out _), Is.True, p.GetProperty("name").GetString());
    }
}
