// Graphs for the structurer tests: a compact notation, seeded random generators (reducible by
// construction, or anything), and independent oracles for dominance and reducibility.
using System;
using System.Collections.Generic;
using Rusk.Aot.Flow;

namespace Rusk.Aot.Tests.Flow;

internal static class Graphs
{
    /// <summary>"B 1 2; J 3; J x0; L": one node per ';' — J(ump), B(ranch), S(witch) or L(eave) and
    /// its targets, node ids or xK for exit K.</summary>
    public static FlowGraph Parse(string text)
    {
        var g = new FlowGraph();
        foreach (var part in text.Split(';'))
        {
            var words = part.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var end = words[0] switch
            {
                "J" => EndKind.Jump,
                "B" => EndKind.Branch,
                "S" => EndKind.Switch,
                "L" => EndKind.Leave,
                _ => throw new ArgumentException($"unknown end '{words[0]}' in '{part}'"),
            };
            var targets = new int[words.Length - 1];
            for (int i = 1; i < words.Length; i++)
                targets[i - 1] = words[i][0] == 'x' ? FlowGraph.Exit(int.Parse(words[i][1..])) : int.Parse(words[i]);
            g.Add(end, targets);
        }
        return g;
    }

    /// <summary>Forward edges (a DAG in node order) plus back edges, each to a dominator of its
    /// source: reducible by construction, since removing the back edges leaves the DAG. Edges are
    /// only ever added, and an edge to a dominator of its source changes no node's dominators, so
    /// the dominators of the DAG stay valid throughout. About one node in twenty is left without a
    /// predecessor (unreachable); every other node gets one earlier in node order.</summary>
    public static FlowGraph RandomReducible(Random random, int count)
    {
        var g = RandomDag(random, count);
        for (int i = 1; i < count; i++)
            if (!HasEarlierPredecessor(g, i) && random.Next(20) != 0) AddTarget(g, random.Next(i), i);
        var reachable = Reachable(g, -1);
        var dominators = new List<int>[count];
        for (int v = 0; v < count; v++) dominators[v] = new List<int>();
        for (int d = 0; d < count; d++)
        {
            if (!reachable[d]) continue;
            var without = Reachable(g, d);
            for (int v = 0; v < count; v++)
                if (reachable[v] && (v == d || !without[v])) dominators[v].Add(d);
        }
        int backEdges = random.Next(count / 2 + 2);
        for (int k = 0; k < backEdges; k++)
        {
            int u = random.Next(count);
            if (reachable[u]) AddTarget(g, u, dominators[u][random.Next(dominators[u].Count)]);
        }
        return g;
    }

    private static bool HasEarlierPredecessor(FlowGraph g, int v)
    {
        for (int u = 0; u < v; u++)
            if (Array.IndexOf(g.Nodes[u].Targets, v) >= 0) return true;
        return false;
    }

    /// <summary>Adds an edge u→t by giving u one more way out: Leave becomes Jump, Jump becomes
    /// Branch, Branch becomes a three-way Switch, a Switch gets one more case; where the new target goes depends on u.</summary>
    private static void AddTarget(FlowGraph g, int u, int t)
    {
        var (end, targets) = g.Nodes[u];
        var more = new List<int>(targets);
        more.Insert(u % (more.Count + 1), t);
        var newEnd = end switch { EndKind.Leave => EndKind.Jump, EndKind.Jump => EndKind.Branch, _ => EndKind.Switch };
        g.Nodes[u] = new FlowNode(newEnd, more.ToArray());
    }

    /// <summary>Any graph: targets anywhere, so most graphs with cycles are irreducible.</summary>
    public static FlowGraph RandomAny(Random random, int count)
    {
        var g = new FlowGraph();
        for (int i = 0; i < count; i++)
        {
            var end = RandomEnd(random);
            var targets = new int[Arity(random, end)];
            for (int t = 0; t < targets.Length; t++)
                targets[t] = random.Next(8) == 0 ? FlowGraph.Exit(random.Next(3)) : random.Next(count);
            g.Add(end, targets);
        }
        return g;
    }

    private static FlowGraph RandomDag(Random random, int count)
    {
        var g = new FlowGraph();
        for (int i = 0; i < count; i++)
        {
            var end = i == count - 1 ? (random.Next(2) == 0 ? EndKind.Leave : EndKind.Jump) : RandomEnd(random);
            var targets = new int[Arity(random, end)];
            for (int t = 0; t < targets.Length; t++)
            {
                bool exit = i == count - 1 || random.Next(8) == 0;
                // Mostly near targets, as real code has, with the odd long jump.
                targets[t] = exit ? FlowGraph.Exit(random.Next(3))
                    : random.Next(3) == 0 ? random.Next(i + 1, count) : Math.Min(count - 1, i + 1 + random.Next(3));
            }
            g.Add(end, targets);
        }
        return g;
    }

    private static EndKind RandomEnd(Random random) => random.Next(10) switch
    {
        < 4 => EndKind.Jump,
        < 8 => EndKind.Branch,
        8 => EndKind.Switch,
        _ => EndKind.Leave,
    };

    private static int Arity(Random random, EndKind end) => end switch
    {
        EndKind.Jump => 1,
        EndKind.Branch => 2,
        EndKind.Switch => random.Next(1, 6),
        _ => 0,
    };

    /// <summary>Nodes reachable from node 0 when <paramref name="removed"/> is taken out of the graph.</summary>
    public static bool[] Reachable(FlowGraph g, int removed)
    {
        var seen = new bool[g.Nodes.Count];
        if (removed == 0) return seen;
        var work = new Stack<int>();
        seen[0] = true;
        work.Push(0);
        while (work.Count > 0)
            foreach (int t in g.Nodes[work.Pop()].Targets)
                if (t >= 0 && t != removed && !seen[t]) { seen[t] = true; work.Push(t); }
        return seen;
    }

    /// <summary>The definition: d dominates v iff v is unreachable once d is removed (or d is v).</summary>
    public static bool NaiveDominates(FlowGraph g, int d, int v) => d == v || !Reachable(g, d)[v];

    /// <summary>Hecht and Ullman's T1/T2 reduction of the reachable part: delete self-loops (T1),
    /// merge a node with a single predecessor into it (T2); reducible iff one node remains.</summary>
    public static bool ReducibleByT1T2(FlowGraph g)
    {
        var reachable = Reachable(g, -1);
        var succ = new Dictionary<int, HashSet<int>>();
        for (int i = 0; i < g.Nodes.Count; i++)
        {
            if (!reachable[i]) continue;
            succ[i] = new HashSet<int>();
            foreach (int t in g.Nodes[i].Targets) if (t >= 0) succ[i].Add(t);
        }
        bool progress = true;
        while (progress && succ.Count > 1)
        {
            progress = false;
            foreach (var s in succ) s.Value.Remove(s.Key); // T1
            foreach (int v in new List<int>(succ.Keys))
            {
                if (v == 0) continue;
                int pred = -1, preds = 0;
                foreach (var s in succ) if (s.Value.Contains(v)) { pred = s.Key; preds++; }
                if (preds != 1) continue;
                succ[pred].Remove(v); // T2: pred absorbs v
                succ[pred].UnionWith(succ[v]);
                succ.Remove(v);
                foreach (var s in succ) if (s.Value.Remove(v)) s.Value.Add(pred);
                progress = true;
                break;
            }
        }
        return succ.Count == 1;
    }
}
