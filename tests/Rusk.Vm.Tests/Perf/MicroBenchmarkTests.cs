// perf/benchmarks.json and the micro benchmark programs (perf/micro/*.rasm): each micro program
// assembles, verifies and runs on our VM at its quick size to the closed-form result recorded in the
// list, with the embedder side of `rusk-vm run --bench-hosts`; the corpus entries carry the manifest's
// results.
using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using NUnit.Framework;
using Rusk.Cli.Corpus;
using Rusk.Cli.Hosts;
using Rusk.Vm.Format;
using Rusk.Vm.Text;

namespace Rusk.Vm.Tests.Perf;

public sealed class MicroBenchmarkTests
{
    static string ListPath => Path.Combine(Paths.RepoRoot, "perf", "benchmarks.json");

    static JsonElement[] Benchmarks(string kind)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(ListPath));
        var list = new List<JsonElement>();
        foreach (var b in doc.RootElement.GetProperty("benchmarks").EnumerateArray())
            if (b.GetProperty("kind").GetString() == kind) list.Add(b.Clone());
        return list.ToArray();
    }

    public static IEnumerable<TestCaseData> Micro()
    {
        foreach (var b in Benchmarks("micro"))
            yield return new TestCaseData(b).SetArgDisplayNames(b.GetProperty("name").GetString()!);
    }

    /// <summary>Assembles like `rusk-vm asm` and loads the bytes like the harness (decode + verify).</summary>
    static Module Load(string rasm) =>
        ModuleLoader.Load(RbcWriter.Encode(Assembler.Assemble(File.ReadAllText(Path.Combine(Paths.RepoRoot, rasm)))));

    /// <summary>Runs main(["", n]) to the end, answering Bench.inc requests when the benchmark needs them.</summary>
    static StepResult Run(Module module, string hosts, string n, out Vm vm)
    {
        vm = new Vm(module, new VmOptions { Argv = new[] { "", n } });
        if (hosts == "hostcall") BenchHosts.Install(vm);
        while (true)
        {
            var r = vm.Step();
            if (r.Kind != StepKind.Request) return r;
            var effect = module.ExternalEffects[r.EffectId];
            if (hosts != "effect" || !BenchHosts.TryAnswer(effect, r.Args, out var answer, out string error))
                return StepResult.Trap($"unanswered request {effect.Interface}.{effect.Method}", Array.Empty<RuskStackFrame>());
            vm.Resume(r.K, answer);
        }
    }

    [TestCaseSource(nameof(Micro))]
    public void Micro_program_runs_to_its_expected_result_at_the_quick_size(JsonElement b)
    {
        string rbc = b.GetProperty("rbc").GetString()!;
        Assert.That(rbc, Is.EqualTo($"perf/micro/{b.GetProperty("name").GetString()}.rasm"));
        Assert.That(b.GetProperty("quickRbc").GetString(), Is.EqualTo(rbc));
        Assert.That(b.GetProperty("nInArgv").GetBoolean(), Is.True);

        string hosts = b.GetProperty("hosts").GetString()!;
        var r = Run(Load(rbc), hosts, b.GetProperty("quickN").GetInt64().ToString(), out var vm);
        Assert.That(r.Kind, Is.EqualTo(StepKind.Done), r.Message);
        Assert.That(ValueText.FromAbi(r.Value, vm.HostContext), Is.EqualTo(b.GetProperty("quickExpected").GetString()));
    }

    [TestCaseSource(nameof(Micro))]
    public void Micro_program_without_n_in_argv_traps_before_its_loop(JsonElement b)
    {
        var r = Run(Load(b.GetProperty("rbc").GetString()!), b.GetProperty("hosts").GetString()!, "12x", out _);
        Assert.That(r.Kind, Is.EqualTo(StepKind.Trap));
        Assert.That(r.Message, Is.EqualTo("expected n (a decimal integer) as the last argv element"));
    }

    [Test]
    public void Host_boundary_benchmarks_name_the_import_and_effect_that_bench_hosts_provides()
    {
        var byName = new Dictionary<string, JsonElement>();
        foreach (var b in Benchmarks("micro")) byName[b.GetProperty("name").GetString()!] = b;
        Assert.That(byName["micro_host_call"].GetProperty("hosts").GetString(), Is.EqualTo("hostcall"));
        Assert.That(byName["micro_host_call"].GetProperty("hostImport").GetString(), Is.EqualTo(BenchHosts.HostInc));
        Assert.That(byName["micro_external_effect"].GetProperty("hosts").GetString(), Is.EqualTo("effect"));
        Assert.That(byName["micro_external_effect"].GetProperty("effect").GetString(),
            Is.EqualTo(BenchHosts.EffectInterface + "." + BenchHosts.EffectMethod));
    }

    [Test]
    public void Corpus_entries_carry_the_bench_manifest_results_and_files()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Paths.Corpus, "bench", "manifest.json")));
        var programs = new Dictionary<string, JsonElement>();
        foreach (var p in manifest.RootElement.GetProperty("programs").EnumerateArray())
            programs[p.GetProperty("name").GetString()!] = p.Clone();

        var corpus = Benchmarks("corpus");
        Assert.That(corpus, Has.Length.EqualTo(programs.Count), "every corpus benchmark is listed");
        foreach (var b in corpus)
        {
            string name = b.GetProperty("name").GetString()!;
            var p = programs[name];
            Assert.That(b.GetProperty("expected").GetString(), Is.EqualTo(p.GetProperty("large").GetProperty("result").GetProperty("value").GetProperty("value").GetString()), name);
            Assert.That(b.GetProperty("quickExpected").GetString(), Is.EqualTo(p.GetProperty("default").GetProperty("result").GetProperty("value").GetProperty("value").GetString()), name);
            Assert.That(b.GetProperty("rbc").GetString(), Is.EqualTo("../shared/conformance/" + p.GetProperty("large").GetProperty("rbc").GetString()), name);
            Assert.That(b.GetProperty("quickRbc").GetString(), Is.EqualTo("../shared/conformance/" + p.GetProperty("default").GetProperty("rbc").GetString()), name);
        }
    }

    [Test]
    public void Every_benchmark_has_a_js_and_a_lua_port()
    {
        foreach (var kind in new[] { "corpus", "micro" })
            foreach (var b in Benchmarks(kind))
            {
                string name = b.GetProperty("name").GetString()!;
                var ports = b.GetProperty("ports");
                Assert.That(ports.GetProperty("js").GetString(), Is.EqualTo($"perf/ports/js/{name}.js"));
                Assert.That(ports.GetProperty("lua").GetString(), Is.EqualTo($"perf/ports/lua/{name}.lua"));
                Assert.That(File.Exists(Path.Combine(Paths.RepoRoot, ports.GetProperty("js").GetString()!)), name);
                Assert.That(File.Exists(Path.Combine(Paths.RepoRoot, ports.GetProperty("lua").GetString()!)), name);
            }
    }

    [Test]
    public void Run_with_bench_hosts_answers_the_external_effect_from_the_command_line()
    {
        string rbc = Path.Combine(Path.GetTempPath(), $"rusk-micro-{Guid.NewGuid():N}.rbc");
        try
        {
            File.WriteAllBytes(rbc, RbcWriter.Encode(Assembler.Assemble(File.ReadAllText(
                Path.Combine(Paths.RepoRoot, "perf", "micro", "micro_external_effect.rasm")))));
            var (exit, stdout, stderr) = RuskVmProcess.Run("run", rbc, "100", "--bench-hosts", "--print-result");
            Assert.That(exit, Is.EqualTo(0), stderr);
            Assert.That(stdout.Trim(), Is.EqualTo("5050"), "sum of i + 1 for i < 100");

            var without = RuskVmProcess.Run("run", rbc, "100");
            Assert.That(without.Exit, Is.EqualTo(1));
            Assert.That(without.Err, Does.Contain("external effect request: Bench.inc(0)"));
        }
        finally
        {
            File.Delete(rbc);
        }
    }
}
