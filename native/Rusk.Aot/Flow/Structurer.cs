// FlowGraph → structured wasm control (docs/aot.md "Control flow"). Reducible graphs are translated
// directly as Ramsey describes; irreducible ones first get a dispatcher per multiple-entry loop.
using System;
using System.Collections.Generic;

namespace Rusk.Aot.Flow;

/// <summary>
/// Norman Ramsey, "Beyond Relooper: recursive translation of unstructured control flow to
/// structured control flow (functional pearl)", ICFP 2022. The dominator tree drives the nesting:
/// each node x is emitted once, by its immediate dominator, as
/// <code>
///   [loop]                  if x is a loop header (the target of a back edge)
///     block                 one block per "follower" of x, the outermost for the last follower
///       block
///         x; x's ending     branches to followers leave their block; a branch to x restarts the loop
///       end
///       follower 1
///     end
///     follower 2            ... and what falls off the end of follower i runs follower i+1
///   [end]
/// </code>
/// The followers of x are its dominator-tree children that are merge nodes (two or more forward
/// in-edges, counting duplicate edges), in reverse postorder, innermost first. A child with a single
/// forward in-edge is not a follower: the branch to it is replaced by its whole translation (inside
/// the if arm, or after a br_if). A branch to the code that would run next anyway (the
/// fallthrough) emits nothing. Beyond the paper, three details keep the output small:
/// - br_table needs a label for every target, so all a switch's dominator children, and each
///   distinct exit it names, are its followers;
/// - a two-way branch whose non-zero target has a label (a loop, a merge, the fallthrough) is a
///   br_if followed by the zero case, unnested; so an if never has an empty then arm;
/// - a block no branch names (the join after an if/else whose arms both fall into it) is dropped.
///
/// Irreducible graphs (legal IL, never produced by Roslyn for our code) are first made reducible:
/// every strongly connected region with more than one entry gets a dispatcher node (SGetLabel;
/// br_table over the entries) and every edge into one of its entries becomes SSetLabel(j) followed
/// by a jump to the dispatcher; nested regions are handled the same way once the region's header
/// (or dispatcher) is removed. Only the irreducible regions pay for dispatch; node splitting was not
/// chosen because it can grow code exponentially. The resulting graph goes through the same
/// translation, so every node's code is still emitted exactly once.
///
/// Work is an explicit task stack, not recursion: a method's long chains of blocks must not
/// exhaust the .NET stack.
/// </summary>
internal sealed class Structurer : IStructurer
{
    public SNode Structure(FlowGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var nodes = Import(graph);
        var dom = new Dominators(Successors(nodes), 0);
        if (!dom.IsReducible())
        {
            new Dispatchers(nodes, dom).Insert();
            dom = new Dominators(Successors(nodes), 0);
            if (!dom.IsReducible())
                throw new InvalidOperationException("structurer: the graph is still irreducible after inserting dispatchers (a bug in the structurer)");
        }
        return Freeze(new Translation(nodes, dom).Run());
    }

    private enum Op { Code, SetLabel, GetLabel }

    /// <summary>A node of the graph being translated: one of the caller's nodes (Code), or a
    /// dispatcher's label store (SetLabel, a Jump) or the dispatcher itself (GetLabel, a Switch).</summary>
    private sealed class Node(Op op, int arg, EndKind end, int[] targets)
    {
        public readonly Op Op = op;
        public readonly int Arg = arg; // Code: the caller's node id; SetLabel: the label value
        public readonly EndKind End = end;
        public readonly int[] Targets = targets; // ours: dispatcher insertion rewrites entries
    }

    private static List<Node> Import(FlowGraph graph)
    {
        int n = graph.Nodes.Count;
        if (n == 0) throw new ArgumentException("the graph has no nodes (node 0 is the entry)", nameof(graph));
        var nodes = new List<Node>(n);
        for (int i = 0; i < n; i++)
        {
            var (end, targets) = graph.Nodes[i];
            if (targets is null) throw new ArgumentException($"node {i}: Targets is null", nameof(graph));
            int expected = end switch
            {
                EndKind.Jump => 1,
                EndKind.Branch => 2,
                EndKind.Leave => 0,
                EndKind.Switch => -1,
                _ => throw new ArgumentException($"node {i}: unknown end kind {(int)end}", nameof(graph))
            };
            if (expected >= 0 && targets.Length != expected)
                throw new ArgumentException($"node {i}: a {end} needs {expected} target(s), found {targets.Length}", nameof(graph));
            if (end == EndKind.Switch && targets.Length == 0)
                throw new ArgumentException($"node {i}: a Switch needs at least its default target", nameof(graph));
            foreach (int t in targets)
                if (t >= n) throw new ArgumentException($"node {i}: target {t} is not a node (there are {n}) nor an exit (negative)", nameof(graph));
            nodes.Add(new Node(Op.Code, i, end, (int[])targets.Clone()));
        }
        return nodes;
    }

    private static int[][] Successors(List<Node> nodes)
    {
        var s = new int[nodes.Count][];
        for (int i = 0; i < s.Length; i++) s[i] = nodes[i].Targets;
        return s;
    }

    /// <summary>Makes an irreducible graph reducible by routing every multiple-entry region through
    /// a dispatcher (see the class comment).</summary>
    private sealed class Dispatchers(List<Node> nodes, Dominators dom)
    {
        private readonly List<bool> reachable = new();

        public void Insert()
        {
            var all = new List<int>();
            for (int i = 0; i < nodes.Count; i++)
            {
                reachable.Add(dom.IsReachable(i));
                if (dom.IsReachable(i)) all.Add(i);
            }
            var work = new Stack<List<int>>();
            work.Push(all);
            while (work.Count > 0)
            {
                var region = work.Pop();
                foreach (var scc in StronglyConnected(region))
                {
                    if (scc.Count < 2) continue; // one node: at most a self-loop, which has one entry
                    var inScc = new HashSet<int>(scc);
                    var entries = Entries(scc, inScc);
                    if (entries.Count == 1)
                    {
                        scc.Remove(entries[0]);
                        work.Push(scc);
                        continue;
                    }
                    // Every cycle of the region now passes the dispatcher; with it removed, no cycle
                    // can contain an old entry (their only in-edges come from the dispatcher), so
                    // the nested regions are strictly smaller.
                    scc.AddRange(AddDispatcher(entries, inScc));
                    work.Push(scc);
                }
            }
        }

        private List<int> Entries(List<int> scc, HashSet<int> inScc)
        {
            // A region holding the graph's entry has no other entry: whatever reaches it from outside
            // is itself reached from the entry, hence inside. So the entry never needs redirecting.
            var isEntry = new HashSet<int>();
            if (inScc.Contains(dom.Entry)) isEntry.Add(dom.Entry);
            for (int u = 0; u < nodes.Count; u++)
            {
                if (!reachable[u] || inScc.Contains(u)) continue;
                foreach (int v in nodes[u].Targets)
                    if (v >= 0 && inScc.Contains(v)) isEntry.Add(v);
            }
            var entries = new List<int>();
            foreach (int v in scc) if (isEntry.Contains(v)) entries.Add(v);
            entries.Sort((a, b) => Order(a).CompareTo(Order(b)));
            return entries;
        }

        // Original nodes by reverse postorder (a natural layout); nodes added later come after.
        private int Order(int v) => v < dom.Rpo.Length ? dom.Rpo[v] : dom.Rpo.Length + v;

        /// <summary>Adds the dispatcher and its label stores; returns the stores inside the region
        /// (they close the region's cycles through the dispatcher).</summary>
        private List<int> AddDispatcher(List<int> entries, HashSet<int> inScc)
        {
            int firstNew = nodes.Count;
            int dispatcher = Add(new Node(Op.GetLabel, 0, EndKind.Switch, entries.ToArray()));
            var storeIn = new int[entries.Count];
            var storeOut = new int[entries.Count];
            Array.Fill(storeIn, -1);
            Array.Fill(storeOut, -1);
            var inside = new List<int>();
            for (int u = 0; u < firstNew; u++)
            {
                if (!reachable[u]) continue;
                var targets = nodes[u].Targets;
                for (int i = 0; i < targets.Length; i++)
                {
                    int j = entries.IndexOf(targets[i]);
                    if (j < 0) continue;
                    targets[i] = inScc.Contains(u) ? Store(storeIn, j, inside) : Store(storeOut, j, null);
                }
            }
            return inside;

            int Store(int[] stores, int j, List<int>? created)
            {
                if (stores[j] < 0)
                {
                    stores[j] = Add(new Node(Op.SetLabel, j, EndKind.Jump, [dispatcher]));
                    created?.Add(stores[j]);
                }
                return stores[j];
            }
        }

        private int Add(Node node)
        {
            nodes.Add(node);
            reachable.Add(true);
            return nodes.Count - 1;
        }

        /// <summary>Tarjan's strongly connected components of the subgraph induced by
        /// <paramref name="region"/>, iteratively.</summary>
        private List<List<int>> StronglyConnected(List<int> region)
        {
            int n = nodes.Count;
            var inRegion = new bool[n];
            foreach (int v in region) inRegion[v] = true;
            var index = new int[n];
            var low = new int[n];
            var onStack = new bool[n];
            Array.Fill(index, -1);
            var sccs = new List<List<int>>();
            var stack = new Stack<int>();
            var calls = new Stack<(int Node, int Next)>();
            int clock = 0;
            foreach (int root in region)
            {
                if (index[root] >= 0) continue;
                Visit(root);
                while (calls.Count > 0)
                {
                    var (v, next) = calls.Pop();
                    var targets = nodes[v].Targets;
                    if (next < targets.Length)
                    {
                        calls.Push((v, next + 1));
                        int w = targets[next];
                        if (w < 0 || !inRegion[w]) continue;
                        if (index[w] < 0) Visit(w);
                        else if (onStack[w]) low[v] = Math.Min(low[v], index[w]);
                        continue;
                    }
                    if (calls.Count > 0) { int parent = calls.Peek().Node; low[parent] = Math.Min(low[parent], low[v]); }
                    if (low[v] != index[v]) continue;
                    var scc = new List<int>();
                    int x;
                    do { x = stack.Pop(); onStack[x] = false; scc.Add(x); } while (x != v);
                    sccs.Add(scc);
                }
            }
            return sccs;

            void Visit(int v)
            {
                index[v] = low[v] = clock++;
                stack.Push(v);
                onStack[v] = true;
                calls.Push((v, 0));
            }
        }
    }

    private enum LabelKind { Block, Loop, If, ExitBlock }

    /// <summary>The enclosing wasm labels, innermost first; Target is the node a Block is followed
    /// by or a Loop is headed by, or the exit number of an ExitBlock.</summary>
    private sealed record Labels(LabelKind Kind, int Target, Labels? Outer);

    /// <summary>Ramsey's translation of a reducible graph (see the class comment).</summary>
    private sealed class Translation
    {
        // "Nothing runs next": the top level, where falling off the end is never allowed.
        private const int NoFallthrough = int.MinValue;

        private readonly List<Node> nodes;
        private readonly Dominators dom;
        private readonly bool[] loopHeader, merge;
        private readonly Stack<(int Node, Labels? Context, int Fallthrough, List<SNode> Out)> tasks = new();

        public Translation(List<Node> nodes, Dominators dom)
        {
            this.nodes = nodes;
            this.dom = dom;
            loopHeader = new bool[nodes.Count];
            merge = new bool[nodes.Count];
            var forwardIn = new int[nodes.Count];
            foreach (int u in dom.Order)
                foreach (int v in nodes[u].Targets)
                {
                    if (v < 0) continue;
                    if (dom.IsRetreating(u, v)) loopHeader[v] = true;
                    else if (++forwardIn[v] == 2) merge[v] = true;
                }
        }

        public SNode Run()
        {
            var top = new List<SNode>();
            tasks.Push((dom.Entry, null, NoFallthrough, top));
            while (tasks.Count > 0)
            {
                var (x, context, fallthrough, output) = tasks.Pop();
                Emit(x, context, fallthrough, output);
            }
            return new SSeq(top);
        }

        /// <summary>Appends node x and everything it immediately dominates to <paramref name="output"/>;
        /// falling off the end of what is appended runs <paramref name="fallthrough"/> (a node, an exit, or nothing).</summary>
        private void Emit(int x, Labels? context, int fallthrough, List<SNode> output)
        {
            if (loopHeader[x])
            {
                var body = new List<SNode>();
                output.Add(new SLoop(new SSeq(body)));
                output = body;
                context = new Labels(LabelKind.Loop, x, context);
            }
            var followers = Followers(x);
            // Open the blocks outermost (last follower) first; follower i goes right after its block.
            var places = new (List<SNode> Out, Labels? Context)[followers.Count];
            for (int i = followers.Count - 1; i >= 0; i--)
            {
                var body = new List<SNode>();
                output.Add(new SBlock(new SSeq(body)));
                places[i] = (output, context);
                var (kind, target) = followers[i];
                context = new Labels(kind, target, context);
                output = body;
            }
            for (int i = 0; i < followers.Count; i++)
            {
                var (kind, target) = followers[i];
                int next = i + 1 < followers.Count ? FollowerTarget(followers[i + 1]) : fallthrough;
                if (kind == LabelKind.ExitBlock) places[i].Out.Add(new SExit(target));
                else tasks.Push((target, places[i].Context, next, places[i].Out));
            }
            output.Add(Code(nodes[x]));
            EmitEnding(x, context, followers.Count > 0 ? FollowerTarget(followers[0]) : fallthrough, output);
        }

        private static int FollowerTarget((LabelKind Kind, int Target) f) => f.Kind == LabelKind.ExitBlock ? FlowGraph.Exit(f.Target) : f.Target;

        private static SNode Code(Node node) => node.Op switch
        {
            Op.Code => new SCode(node.Arg),
            Op.SetLabel => new SSetLabel(node.Arg),
            _ => new SGetLabel(),
        };

        /// <summary>The blocks x opens, innermost first: a switch's distinct exits, then (in reverse
        /// postorder) its dominator children that need a label.</summary>
        private List<(LabelKind Kind, int Target)> Followers(int x)
        {
            var node = nodes[x];
            var followers = new List<(LabelKind, int)>();
            bool isSwitch = node.End == EndKind.Switch;
            if (isSwitch)
                foreach (int t in node.Targets)
                    if (t < 0 && !followers.Contains((LabelKind.ExitBlock, ~t))) followers.Add((LabelKind.ExitBlock, ~t));
            foreach (int c in dom.Children(x))
                if (isSwitch || merge[c]) followers.Add((LabelKind.Block, c));
            return followers;
        }

        private void EmitEnding(int x, Labels? context, int fallthrough, List<SNode> output)
        {
            var node = nodes[x];
            switch (node.End)
            {
                case EndKind.Leave:
                    return;
                case EndKind.Jump:
                    Goto(x, node.Targets[0], context, fallthrough, output);
                    return;
                case EndKind.Branch:
                    int then = node.Targets[0], otherwise = node.Targets[1];
                    if (then >= 0 && Classify(x, then, fallthrough) is Way.Br or Way.Fallthrough)
                    {
                        // br_if needs no label of its own and the zero case continues unnested. A
                        // fallthrough node always has the block it follows around us, so "if (then
                        // nothing) else (...)" becomes br_if too.
                        output.Add(new SBrIf(BrDepth(x, then, context)));
                        Goto(x, otherwise, context, fallthrough, output);
                        return;
                    }
                    var inIf = new Labels(LabelKind.If, 0, context);
                    var thenArm = new List<SNode>();
                    var elseArm = new List<SNode>();
                    Goto(x, then, inIf, fallthrough, thenArm);
                    Goto(x, otherwise, inIf, fallthrough, elseArm);
                    output.Add(new SIf(new SSeq(thenArm), new SSeq(elseArm)));
                    return;
                default: // Switch: every target has a label (Followers gave the forward ones one).
                    var depths = new int[node.Targets.Length];
                    for (int i = 0; i < depths.Length; i++)
                    {
                        int t = node.Targets[i];
                        depths[i] = t < 0 ? Depth(context, LabelKind.ExitBlock, ~t) : BrDepth(x, t, context);
                    }
                    output.Add(new SBrTable(depths[..^1], depths[^1]));
                    return;
            }
        }

        private enum Way { Fallthrough, Exit, Br, Inline }

        private Way Classify(int x, int target, int fallthrough)
        {
            if (target == fallthrough) return Way.Fallthrough;
            if (target < 0) return Way.Exit;
            if (dom.IsRetreating(x, target) || merge[target]) return Way.Br;
            return Way.Inline; // a single forward in-edge, from x: x is its idom and it goes here
        }

        private void Goto(int x, int target, Labels? context, int fallthrough, List<SNode> output)
        {
            switch (Classify(x, target, fallthrough))
            {
                case Way.Exit: output.Add(new SExit(~target)); break;
                case Way.Br: output.Add(new SBr(BrDepth(x, target, context))); break;
                case Way.Inline: tasks.Push((target, context, fallthrough, output)); break;
            }
        }

        // A retreating edge of a reducible graph continues its target's loop; a forward one leaves
        // the block its target follows (Ramsey: both labels enclose every such branch).
        private int BrDepth(int x, int target, Labels? context) =>
            Depth(context, dom.IsRetreating(x, target) ? LabelKind.Loop : LabelKind.Block, target);

        private static int Depth(Labels? context, LabelKind kind, int target)
        {
            int depth = 0;
            for (var l = context; l != null; l = l.Outer, depth++)
                if (l.Kind == kind && l.Target == target) return depth;
            throw new InvalidOperationException($"structurer: no enclosing {kind} label for {target} (a bug in the structurer)");
        }
    }

    /// <summary>Replaces the builder's growing lists with arrays, flattens nested sequences, and
    /// drops the blocks no branch names: a merge node reached only by falling through (the join of
    /// an if/else whose arms both end there) needs Ramsey's block for the nesting, not for a label.</summary>
    private static SNode Freeze(SNode tree)
    {
        var used = new HashSet<SBlock>(ReferenceEqualityComparer.Instance);
        MarkTargets(tree, new List<SNode>(), used);
        return Rebuild(tree, new List<bool>(), used);
    }

    private static void MarkTargets(SNode node, List<SNode> labels, HashSet<SBlock> used)
    {
        switch (node)
        {
            case SSeq s:
                foreach (var item in s.Items) MarkTargets(item, labels, used);
                return;
            case SBlock or SLoop or SIf:
                labels.Add(node);
                if (node is SIf i) { MarkTargets(i.Then, labels, used); MarkTargets(i.Else, labels, used); }
                else MarkTargets(node is SBlock b ? b.Body : ((SLoop)node).Body, labels, used);
                labels.RemoveAt(labels.Count - 1);
                return;
            case SBr br: Mark(br.Depth); return;
            case SBrIf bi: Mark(bi.Depth); return;
            case SBrTable t:
                foreach (int d in t.Depths) Mark(d);
                Mark(t.Default);
                return;
        }

        void Mark(int depth)
        {
            if (labels[labels.Count - 1 - depth] is SBlock target) used.Add(target);
        }
    }

    /// <summary><paramref name="removed"/> holds, innermost last, whether each enclosing label was dropped.</summary>
    private static SNode Rebuild(SNode node, List<bool> removed, HashSet<SBlock> used)
    {
        switch (node)
        {
            case SSeq s:
                var items = new List<SNode>(s.Items.Count);
                foreach (var item in s.Items)
                {
                    var rebuilt = Rebuild(item, removed, used);
                    if (rebuilt is SSeq inner) items.AddRange(inner.Items);
                    else items.Add(rebuilt);
                }
                return items.Count == 1 ? items[0] : new SSeq(items.ToArray());
            case SBlock b:
                bool keep = used.Contains(b);
                var body = Within(b.Body, !keep);
                return keep ? new SBlock(body) : body;
            case SLoop l:
                return new SLoop(Within(l.Body, false));
            case SIf i:
                return new SIf(Within(i.Then, false), Within(i.Else, false));
            case SBr br: return new SBr(Depth(br.Depth));
            case SBrIf bi: return new SBrIf(Depth(bi.Depth));
            case SBrTable t:
                var depths = new int[t.Depths.Count];
                for (int k = 0; k < depths.Length; k++) depths[k] = Depth(t.Depths[k]);
                return new SBrTable(depths, Depth(t.Default));
            default:
                return node;
        }

        SNode Within(SNode body, bool dropped)
        {
            removed.Add(dropped);
            var result = Rebuild(body, removed, used);
            removed.RemoveAt(removed.Count - 1);
            return result;
        }

        // A branch no longer counts the dropped labels it used to cross (its own target is kept).
        int Depth(int depth)
        {
            int crossed = 0;
            for (int k = 0; k < depth; k++)
                if (removed[removed.Count - 1 - k]) crossed++;
            return depth - crossed;
        }
    }
}
