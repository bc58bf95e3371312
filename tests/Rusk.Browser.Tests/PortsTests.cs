// The benchmark ports (perf/ports) are correct before the harness times them: check.mjs --quick runs
// every JS port in node and QuickJS and every Lua port in wasmoon, and each must give quickExpected.
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using NUnit.Framework;

namespace Rusk.Browser.Tests;

[TestFixture]
public sealed class PortsTests
{
    static readonly string[] Engines = { "js", "quickjs", "lua" };

    [Test]
    public void Every_port_gives_the_expected_quick_result_in_node_quickjs_and_lua()
    {
        string json = Path.Combine(Path.GetTempPath(), $"rusk-ports-{System.Guid.NewGuid():N}.json");
        try
        {
            // A mismatch already fails here (exit status 1, with the checker's table in the message).
            NodeRun.Run("node", Paths.RepoRoot, Path.Combine("perf", "ports", "check.mjs"), "--quick", "--json", json);

            using var list = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Paths.RepoRoot, "perf", "benchmarks.json")));
            using var report = JsonDocument.Parse(File.ReadAllBytes(json));
            var rows = new Dictionary<string, JsonElement>();
            foreach (var row in report.RootElement.GetProperty("benchmarks").EnumerateArray())
                rows[row.GetProperty("name").GetString()!] = row;

            var benchmarks = list.RootElement.GetProperty("benchmarks");
            Assert.That(benchmarks.GetArrayLength(), Is.EqualTo(14), "7 corpus + 7 micro benchmarks");
            Assert.That(rows, Has.Count.EqualTo(benchmarks.GetArrayLength()), "the checker reports every benchmark once");
            foreach (var b in benchmarks.EnumerateArray())
            {
                string name = b.GetProperty("name").GetString()!;
                string expected = b.GetProperty("quickExpected").GetString()!;
                Assert.That(rows.ContainsKey(name), name);
                var engines = rows[name].GetProperty("engines");
                foreach (var e in Engines)
                {
                    var r = engines.GetProperty(e);
                    Assert.That(r.GetProperty("ok").GetBoolean(), Is.True, $"{name} in {e}");
                    Assert.That(r.GetProperty("result").GetString(), Is.EqualTo(expected), $"{name} in {e}");
                }
            }
        }
        finally
        {
            File.Delete(json);
        }
    }
}
