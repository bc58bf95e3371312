// dist/ under Node.js (20+): `import { loadRusk } from ".../dist/index.js"` boots the same runtime
// and runs corpus cases to the manifest's results.
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
}
