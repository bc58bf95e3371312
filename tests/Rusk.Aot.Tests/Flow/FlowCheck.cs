// The structurer's contract, checked on one graph: the tree runs the same nodes in the same order and
// leaves by the same way as the graph for many scripted runs, and has the static shape codegen needs.
using System.Collections.Generic;
using System.Linq;
using NUnit.Framework;
using Rusk.Aot.Flow;

namespace Rusk.Aot.Tests.Flow;

internal sealed record TreeStats(int Size, int MaxDepth, bool UsesLabel, bool Reducible);

internal static class FlowCheck
{
    public const int MaxVisits = 120;

    /// <summary>Structures <paramref name="graph"/> and checks the tree against it; a failure names
    /// the graph (in Graphs.Parse notation too), the tree and the first differing run.</summary>
    public static TreeStats Check(FlowGraph graph, int runs, string name = "")
    {
        var tree = new Structurer().Structure(graph);
        bool reducible = new Dominators(Targets(graph), 0).IsReducible();
        var problems = new List<string>();
        CheckDepths(tree, problems, out int size, out int maxDepth, out bool usesLabel);
        CheckCodeOnce(tree, graph, problems);
        CheckNoRedundantBr(tree, problems);
        CheckConditionsConsumedAtOnce(tree, graph, problems);
        if (reducible && usesLabel) problems.Add("dispatcher (set_label/get_label) on a reducible graph");
        int edges = 0;
        foreach (var n in graph.Nodes) edges += n.Targets.Length;
        // Every node is emitted once, with O(1) constructs per edge and per follower block.
        if (reducible && size > 4 * (graph.Nodes.Count + edges) + 1)
            problems.Add($"tree of {size} constructs for {graph.Nodes.Count} nodes and {edges} edges");
        if (problems.Count == 0)
            for (int seed = 0; seed < runs; seed++)
            {
                var expected = FlowRun.Walk(graph, seed, MaxVisits);
                var actual = FlowRun.Run(tree, graph, seed, MaxVisits);
                if (expected.ToString() != actual.ToString())
                {
                    problems.Add($"script seed {seed}:\n  graph: {expected}\n  tree:  {actual}");
                    break;
                }
            }
        if (problems.Count > 0)
            Assert.Fail($"{name}\n{string.Join("\n", problems)}\ngraph ({(reducible ? "reducible" : "irreducible")}): {FlowText.Compact(graph)}\n"
                + FlowText.Graph(graph) + "tree:\n" + FlowText.Tree(tree));
        return new TreeStats(size, maxDepth, usesLabel, reducible);
    }

    public static int[][] Targets(FlowGraph graph)
    {
        var s = new int[graph.Nodes.Count][];
        for (int i = 0; i < s.Length; i++) s[i] = graph.Nodes[i].Targets;
        return s;
    }

    /// <summary>Every br/br_if/br_table depth names an enclosing block, loop or if.</summary>
    private static void CheckDepths(SNode tree, List<string> problems, out int size, out int maxDepth, out bool usesLabel)
    {
        int nodes = 0, deepest = 0;
        bool label = false;
        Walk(tree, 0);
        size = nodes;
        maxDepth = deepest;
        usesLabel = label;

        void Walk(SNode n, int depth)
        {
            nodes++;
            if (depth > deepest) deepest = depth;
            switch (n)
            {
                case SSeq s: foreach (var item in s.Items) Walk(item, depth); break;
                case SBlock b: Walk(b.Body, depth + 1); break;
                case SLoop l: Walk(l.Body, depth + 1); break;
                case SIf i: Walk(i.Then, depth + 1); Walk(i.Else, depth + 1); break;
                case SBr br: Label(br.Depth, depth, "br"); break;
                case SBrIf bi: Label(bi.Depth, depth, "br_if"); break;
                case SBrTable t:
                    foreach (int d in t.Depths) Label(d, depth, "br_table");
                    Label(t.Default, depth, "br_table default");
                    break;
                case SSetLabel or SGetLabel: label = true; break;
                case SUnreachable: problems.Add("unreachable in the tree"); break;
            }
        }

        void Label(int d, int depth, string what)
        {
            if (d < 0 || d >= depth) problems.Add($"{what} {d} with {depth} enclosing labels");
        }
    }

    /// <summary>Each reachable node's code is emitted exactly once; unreachable nodes not at all.</summary>
    private static void CheckCodeOnce(SNode tree, FlowGraph graph, List<string> problems)
    {
        var count = new int[graph.Nodes.Count];
        var stack = new Stack<SNode>();
        stack.Push(tree);
        while (stack.Count > 0)
            switch (stack.Pop())
            {
                case SCode c: count[c.Id]++; break;
                case SSeq s: foreach (var item in s.Items) stack.Push(item); break;
                case SBlock b: stack.Push(b.Body); break;
                case SLoop l: stack.Push(l.Body); break;
                case SIf i: stack.Push(i.Then); stack.Push(i.Else); break;
            }
        var reachable = Graphs.Reachable(graph, -1);
        for (int i = 0; i < count.Length; i++)
            if (count[i] != (reachable[i] ? 1 : 0))
                problems.Add($"node {i} ({(reachable[i] ? "reachable" : "unreachable")}) emitted {count[i]} times");
    }

    /// <summary>The i32 a Branch/Switch node (or get_label) leaves is popped by the very next
    /// construct of its sequence, an if, br_if or br_table; a Leave node ends its sequence.</summary>
    private static void CheckConditionsConsumedAtOnce(SNode tree, FlowGraph graph, List<string> problems)
    {
        var stack = new Stack<SNode>();
        stack.Push(tree);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            switch (node)
            {
                case SSeq s:
                    for (int k = 0; k < s.Items.Count; k++)
                    {
                        var next = k + 1 < s.Items.Count ? s.Items[k + 1] : null;
                        var end = s.Items[k] switch
                        {
                            SCode c => graph.Nodes[c.Id].End,
                            SGetLabel => EndKind.Switch,
                            _ => EndKind.Jump,
                        };
                        string what = s.Items[k] is SCode code ? $"code {code.Id}" : "get_label";
                        string followedBy = next?.GetType().Name ?? "nothing";
                        if (end == EndKind.Leave && next != null) problems.Add($"{followedBy} follows {what} (a Leave)");
                        if (end == EndKind.Branch && next is not (SIf or SBrIf)) problems.Add($"{what} (a Branch) followed by {followedBy}");
                        if (end == EndKind.Switch && next is not SBrTable) problems.Add($"{what} (a Switch) followed by {followedBy}");
                        if (s.Items[k] is not SCode) stack.Push(s.Items[k]);
                    }
                    break;
                case SCode c when graph.Nodes[c.Id].End is EndKind.Branch or EndKind.Switch:
                    problems.Add($"code {c.Id} (a {graph.Nodes[c.Id].End}) is not in a sequence with its if/br_if/br_table");
                    break;
                case SBlock b: stack.Push(b.Body); break;
                case SLoop l: stack.Push(l.Body); break;
                case SIf i: stack.Push(i.Then); stack.Push(i.Else); break;
            }
        }
    }

    /// <summary>No "br 0" as the last thing of a block or if arm (falling through does the same), no
    /// block without a branch to it, and no if whose then arm is empty.</summary>
    private static void CheckNoRedundantBr(SNode tree, List<string> problems)
    {
        var stack = new Stack<SNode>();
        stack.Push(tree);
        while (stack.Count > 0)
            switch (stack.Pop())
            {
                case SSeq s: foreach (var item in s.Items) stack.Push(item); break;
                case SBlock b:
                    Last(b.Body, "block");
                    if (!Targets(b)) problems.Add("a block no branch names");
                    stack.Push(b.Body);
                    break;
                case SLoop l: stack.Push(l.Body); break;
                case SIf i:
                    // br_if covers "if (nothing) else (...)", so codegen never needs i32.eqz.
                    if (i.Then is SSeq { Items.Count: 0 }) problems.Add("if with an empty then arm");
                    Last(i.Then, "then"); Last(i.Else, "else"); stack.Push(i.Then); stack.Push(i.Else);
                    break;
            }

        // Whether some branch inside the block names it.
        static bool Targets(SBlock block)
        {
            var work = new Stack<(SNode Node, int Labels)>();
            work.Push((block.Body, 0));
            while (work.Count > 0)
            {
                var (n, labels) = work.Pop();
                switch (n)
                {
                    case SSeq s: foreach (var item in s.Items) work.Push((item, labels)); break;
                    case SBlock b: work.Push((b.Body, labels + 1)); break;
                    case SLoop l: work.Push((l.Body, labels + 1)); break;
                    case SIf i: work.Push((i.Then, labels + 1)); work.Push((i.Else, labels + 1)); break;
                    case SBr br when br.Depth == labels: return true;
                    case SBrIf bi when bi.Depth == labels: return true;
                    case SBrTable t when t.Default == labels || t.Depths.Contains(labels): return true;
                }
            }
            return false;
        }

        void Last(SNode body, string what)
        {
            var last = body is SSeq { Items.Count: > 0 } s ? s.Items[^1] : body;
            if (last is SBr { Depth: 0 }) problems.Add($"br 0 ends a {what}: fallthrough would do");
        }
    }
}
