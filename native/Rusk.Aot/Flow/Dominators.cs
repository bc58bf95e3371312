// Reverse postorder, immediate dominators and the reducibility test that the structurer
// (Structurer.cs) builds on: computed once per graph over plain successor lists.
using System;
using System.Collections.Generic;

namespace Rusk.Aot.Flow;

/// <summary>Depth-first order and dominance of the nodes reachable from an entry. Successor lists
/// hold node ids; negative entries (graph exits, <see cref="FlowGraph.Exit"/>) are not nodes and are
/// skipped. Unreachable nodes have <c>Rpo == -1</c> and <c>Idom == -1</c>.</summary>
internal sealed class Dominators
{
    public int Entry { get; }
    /// <summary>The reachable nodes in reverse postorder (the entry first).</summary>
    public int[] Order { get; }
    /// <summary>Node → its position in <see cref="Order"/>; -1 when unreachable.</summary>
    public int[] Rpo { get; }
    /// <summary>Node → immediate dominator; the entry's is itself; -1 when unreachable.</summary>
    public int[] Idom { get; }

    private readonly List<int>[] children;
    // Pre/post numbers in the dominator tree: a dominates b iff a's interval contains b's.
    private readonly int[] treeIn, treeOut;
    private readonly IReadOnlyList<int[]> successors;

    public Dominators(IReadOnlyList<int[]> successors, int entry)
    {
        ArgumentNullException.ThrowIfNull(successors);
        if ((uint)entry >= (uint)successors.Count)
            throw new ArgumentOutOfRangeException(nameof(entry), entry, $"entry must name one of the {successors.Count} nodes");
        this.successors = successors;
        Entry = entry;
        int n = successors.Count;
        Rpo = new int[n];
        Idom = new int[n];
        Array.Fill(Rpo, -1);
        Array.Fill(Idom, -1);
        Order = ReversePostorder(successors, entry, Rpo);
        ComputeIdoms();
        children = new List<int>[n];
        for (int i = 0; i < n; i++) children[i] = new List<int>();
        foreach (int v in Order)
            if (v != entry) children[Idom[v]].Add(v); // in reverse postorder, as Order is
        treeIn = new int[n];
        treeOut = new int[n];
        NumberTree();
    }

    /// <summary>The nodes whose immediate dominator is <paramref name="node"/>, in reverse postorder.</summary>
    public IReadOnlyList<int> Children(int node) => children[node];

    public bool IsReachable(int node) => Rpo[node] >= 0;

    /// <summary>Whether every path from the entry to <paramref name="b"/> passes <paramref name="a"/>
    /// (a node dominates itself). Both must be reachable.</summary>
    public bool Dominates(int a, int b) => treeIn[a] <= treeIn[b] && treeOut[b] <= treeOut[a];

    /// <summary>An edge u→v is retreating when v does not come after u in reverse postorder.</summary>
    public bool IsRetreating(int u, int v) => Rpo[v] <= Rpo[u];

    /// <summary>Reducible iff every retreating edge between reachable nodes is a back edge, i.e.
    /// targets a dominator of its source (then removing back edges leaves a DAG, and every loop
    /// has a single entry: its header).</summary>
    public bool IsReducible()
    {
        foreach (int u in Order)
            foreach (int v in successors[u])
                if (v >= 0 && IsRetreating(u, v) && !Dominates(v, u)) return false;
        return true;
    }

    // Iterative DFS (methods can have thousands of blocks). Successors are visited last-first so that
    // Targets[0] ends up earliest in reverse postorder: the "then" arm and switch case 0 come first.
    private static int[] ReversePostorder(IReadOnlyList<int[]> successors, int entry, int[] rpo)
    {
        int n = successors.Count;
        var visited = new bool[n];
        var post = new List<int>(n);
        var stack = new Stack<(int Node, int Next)>();
        visited[entry] = true;
        stack.Push((entry, successors[entry].Length - 1));
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            if (next < 0) { post.Add(node); continue; }
            stack.Push((node, next - 1));
            int s = successors[node][next];
            if (s < 0) continue;
            if ((uint)s >= (uint)n)
                throw new ArgumentException($"node {node}: successor {s} is not a node (there are {n})", nameof(successors));
            if (visited[s]) continue;
            visited[s] = true;
            stack.Push((s, successors[s].Length - 1));
        }
        var order = new int[post.Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = post[post.Count - 1 - i];
            rpo[order[i]] = i;
        }
        return order;
    }

    // Keith D. Cooper, Timothy J. Harvey, Ken Kennedy, "A Simple, Fast Dominance Algorithm"
    // (Software Practice & Experience 4, 2001), figure 3: iterate over the nodes in reverse
    // postorder, setting each idom to the intersection of its processed predecessors' dominator
    // chains, until nothing changes; "intersect" walks the two fingers up by postorder number
    // (here: down by reverse-postorder number).
    private void ComputeIdoms()
    {
        int n = successors.Count;
        var preds = new List<int>[n];
        foreach (int u in Order)
            foreach (int v in successors[u])
                if (v >= 0) (preds[v] ??= new List<int>()).Add(u);
        Idom[Entry] = Entry;
        bool changed = true;
        while (changed)
        {
            changed = false;
            for (int i = 1; i < Order.Length; i++)
            {
                int b = Order[i];
                int newIdom = -1;
                foreach (int p in preds[b]!)
                {
                    if (Idom[p] < 0) continue; // not processed yet
                    newIdom = newIdom < 0 ? p : Intersect(p, newIdom);
                }
                if (Idom[b] != newIdom) { Idom[b] = newIdom; changed = true; }
            }
        }
    }

    private int Intersect(int a, int b)
    {
        while (a != b)
        {
            while (Rpo[a] > Rpo[b]) a = Idom[a];
            while (Rpo[b] > Rpo[a]) b = Idom[b];
        }
        return a;
    }

    private void NumberTree()
    {
        int clock = 0;
        var stack = new Stack<(int Node, int Next)>();
        stack.Push((Entry, 0));
        treeIn[Entry] = clock++;
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            if (next == children[node].Count) { treeOut[node] = clock++; continue; }
            stack.Push((node, next + 1));
            int c = children[node][next];
            treeIn[c] = clock++;
            stack.Push((c, 0));
        }
    }
}
