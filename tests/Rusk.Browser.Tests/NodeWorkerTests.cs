// Worker mode under Node.js 20+: loadRusk({ worker: true }) runs the VMs in a worker thread (the
// same dist/worker.js), host imports from a host module, effects answered by async handlers; the
// process exits on its own (an idle worker thread is unref'd).
using System.IO;
using NUnit.Framework;

namespace Rusk.Browser.Tests;

[TestFixture]
public sealed class NodeWorkerTests
{
    static readonly string[] Cases =
    {
        "200_bytecode_call_host_add_int_ok", "212_bytecode_external_effect_two_requests_ok",
        "071_formatted_strings", "examples__01-hello-world", "examples__04-arrays-and-for-loops",
    };

    [Test]
    public void Worker_thread_runs_corpus_cases_with_host_module_and_effects_to_their_manifest_results()
    {
        var args = new System.Collections.Generic.List<string>
        {
            Path.Combine(Paths.RepoRoot, "tests", "Rusk.Browser.Tests", "node", "worker-cases.mjs"),
            Path.Combine(Paths.Dist, "index.js"), Paths.Corpus,
        };
        args.AddRange(Cases);
        string output = NodeRun.Run("node", Paths.RepoRoot, args.ToArray());
        NodeRun.AssertMatchesManifest(output, Cases);
    }
}
