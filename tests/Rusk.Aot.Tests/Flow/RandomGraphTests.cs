// The structurer and the dominator computation on thousands of seeded random graphs (reproducible:
// a failure prints the graph in Graphs.Parse notation to paste into StructurerTests).
using System;
using NUnit.Framework;
using Rusk.Aot.Flow;

namespace Rusk.Aot.Tests.Flow;

public sealed class RandomGraphTests
{
    private const int GraphCount = 2000;
    private const int Runs = 20;

    [Test]
    public void Random_reducible_graphs_run_like_the_graph_without_a_dispatcher()
    {
        double worst = 0;
        for (int seed = 0; seed < GraphCount; seed++)
        {
            var random = new Random(seed);
            var g = Graphs.RandomReducible(random, 1 + random.Next(16));
            Assert.That(Graphs.ReducibleByT1T2(g), Is.True, $"generator seed {seed}: {FlowText.Compact(g)}");
            var stats = FlowCheck.Check(g, Runs, $"reducible seed {seed}");
            Assert.That(stats.UsesLabel, Is.False);
            worst = Math.Max(worst, (double)stats.Size / g.Nodes.Count);
        }
        TestContext.Out.WriteLine($"{GraphCount} reducible graphs; largest tree: {worst:F1} constructs per node");
    }

    [Test]
    public void Random_large_reducible_graphs_stay_linear()
    {
        double worst = 0;
        int reachableNodes = 0;
        for (int seed = 0; seed < 200; seed++)
        {
            var random = new Random(100_000 + seed);
            var g = Graphs.RandomReducible(random, 40 + random.Next(60));
            var stats = FlowCheck.Check(g, Runs, $"large reducible seed {100_000 + seed}");
            Assert.That(stats.Reducible && !stats.UsesLabel, Is.True, $"seed {100_000 + seed}");
            int reachable = Array.FindAll(Graphs.Reachable(g, -1), r => r).Length;
            reachableNodes += reachable;
            worst = Math.Max(worst, (double)stats.Size / reachable);
        }
        TestContext.Out.WriteLine($"200 graphs of 40..99 nodes, {reachableNodes / 200} reachable on average; largest tree: {worst:F1} constructs per reachable node");
    }

    [Test]
    public void Random_graphs_of_any_shape_run_like_the_graph()
    {
        int irreducible = 0;
        for (int seed = 0; seed < GraphCount; seed++)
        {
            var random = new Random(200_000 + seed);
            var g = Graphs.RandomAny(random, 1 + random.Next(12));
            var stats = FlowCheck.Check(g, Runs, $"any seed {200_000 + seed}");
            Assert.That(stats.UsesLabel, Is.EqualTo(!stats.Reducible), $"seed {200_000 + seed}: dispatcher exactly when irreducible");
            if (!stats.Reducible) irreducible++;
        }
        TestContext.Out.WriteLine($"{GraphCount} graphs of any shape, {irreducible} irreducible");
        Assert.That(irreducible, Is.GreaterThan(GraphCount / 20), "the generator must exercise the dispatcher");
    }

    [Test]
    public void Random_irreducible_graphs_run_like_the_graph()
    {
        int checkedGraphs = 0, largest = 0;
        for (int seed = 0; checkedGraphs < GraphCount / 2; seed++)
        {
            var random = new Random(400_000 + seed);
            var g = Graphs.RandomAny(random, 3 + random.Next(28));
            if (Graphs.ReducibleByT1T2(g)) continue;
            var stats = FlowCheck.Check(g, Runs, $"irreducible seed {400_000 + seed}");
            Assert.That(stats.UsesLabel, Is.True);
            largest = Math.Max(largest, stats.Size);
            checkedGraphs++;
        }
        TestContext.Out.WriteLine($"{checkedGraphs} irreducible graphs of 3..30 nodes; largest tree: {largest} constructs");
    }

    [Test]
    public void Dominators_agree_with_the_definition_and_reducibility_with_T1_T2()
    {
        for (int seed = 0; seed < GraphCount; seed++)
        {
            var random = new Random(300_000 + seed);
            var g = seed % 2 == 0 ? Graphs.RandomAny(random, 1 + random.Next(12)) : Graphs.RandomReducible(random, 1 + random.Next(12));
            var dom = new Dominators(FlowCheck.Targets(g), 0);
            var reachable = Graphs.Reachable(g, -1);
            string where = $"seed {300_000 + seed}: {FlowText.Compact(g)}";
            Assert.That(dom.IsReducible(), Is.EqualTo(Graphs.ReducibleByT1T2(g)), where);
            Assert.That(dom.Order[0], Is.EqualTo(0), where);
            int count = 0;
            for (int v = 0; v < g.Nodes.Count; v++)
            {
                Assert.That(dom.IsReachable(v), Is.EqualTo(reachable[v]), where);
                if (!reachable[v]) { Assert.That(dom.Idom[v], Is.EqualTo(-1), where); continue; }
                count++;
                Assert.That(dom.Order[dom.Rpo[v]], Is.EqualTo(v), where);
                if (v != 0) Assert.That(HasEarlierPredecessor(g, dom, v), Is.True, $"{where}: node {v} first in order among its predecessors");
                for (int d = 0; d < g.Nodes.Count; d++)
                    if (reachable[d])
                        Assert.That(dom.Dominates(d, v), Is.EqualTo(Graphs.NaiveDominates(g, d, v)), $"{where}: does {d} dominate {v}?");
                if (v != 0)
                    Assert.That(Graphs.NaiveDominates(g, dom.Idom[v], v) && dom.Idom[v] != v, Is.True, $"{where}: idom of {v}");
            }
            Assert.That(dom.Order.Length, Is.EqualTo(count), where);
        }
    }

    [Test]
    public void Dominators_reject_a_bad_entry_or_successor()
    {
        Assert.That(() => new Dominators([[1], []], 2), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("entry"));
        Assert.That(() => new Dominators([[1], [7]], 0), Throws.ArgumentException.With.Message.Contains("node 1: successor 7"));
    }

    // In a reverse postorder every node but the entry comes after one of its predecessors (its
    // depth-first tree parent).
    private static bool HasEarlierPredecessor(FlowGraph g, Dominators dom, int v)
    {
        for (int u = 0; u < g.Nodes.Count; u++)
            if (dom.IsReachable(u) && Array.IndexOf(g.Nodes[u].Targets, v) >= 0 && dom.Rpo[u] < dom.Rpo[v]) return true;
        return false;
    }
}
