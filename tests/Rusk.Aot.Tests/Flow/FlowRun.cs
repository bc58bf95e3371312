// Two executions of the same control flow: walking a FlowGraph's edges directly, and interpreting the
// structurer's SNode tree with wasm's semantics. Both draw branch decisions from the same script.
using System;
using System.Collections.Generic;
using Rusk.Aot.Flow;

namespace Rusk.Aot.Tests.Flow;

/// <summary>What one execution did: the nodes it ran, in order, and how it stopped.</summary>
internal sealed record FlowTrace(IReadOnlyList<int> Visits, string Outcome)
{
    public override string ToString() => $"[{string.Join(" ", Visits)}] {Outcome}";
}

/// <summary>The branch decisions and switch indices of one run, drawn in visit order from a seeded
/// generator: two runs that visit the same nodes see the same decisions.</summary>
internal sealed class Script(int seed)
{
    private readonly Random random = new(seed);

    /// <summary>The i32 that node's code leaves for its Branch or Switch end.</summary>
    public int Next(FlowNode node) => node.End == EndKind.Branch
        ? random.Next(4) switch { 0 => 0, 1 => 1, 2 => 0, _ => -7 } // any non-zero is true
        : random.Next(-1, node.Targets.Length + 1); // -1 and Length exercise the default
}

internal static class FlowRun
{
    /// <summary>Runs the graph by its edges: the reference semantics of FlowGraph.cs.</summary>
    public static FlowTrace Walk(FlowGraph graph, int seed, int maxVisits)
    {
        var script = new Script(seed);
        var visits = new List<int>();
        int node = 0;
        while (true)
        {
            visits.Add(node);
            if (visits.Count >= maxVisits) return new FlowTrace(visits, "limit");
            var n = graph.Nodes[node];
            int next = n.End switch
            {
                EndKind.Jump => n.Targets[0],
                EndKind.Branch => script.Next(n) != 0 ? n.Targets[0] : n.Targets[1],
                EndKind.Switch => SwitchTarget(n.Targets, script.Next(n)),
                _ => int.MinValue,
            };
            if (n.End == EndKind.Leave) return new FlowTrace(visits, "leave");
            if (next < 0) return new FlowTrace(visits, $"exit {~next}");
            node = next;
        }
    }

    // The index is unsigned, as IL's switch and wasm's br_table read it.
    private static int SwitchTarget(int[] targets, int index) =>
        (uint)index < (uint)(targets.Length - 1) ? targets[index] : targets[^1];

    /// <summary>Interprets the tree as wasm would. Also checks the stack discipline codegen relies
    /// on: every SCode starts with an empty stack, SIf/SBrIf/SBrTable pop the one i32 left by the
    /// node before them (or by SGetLabel), and nothing is left at a branch or at the end of a label.</summary>
    public static FlowTrace Run(SNode tree, FlowGraph graph, int seed, int maxVisits)
    {
        var machine = new Machine(graph, new Script(seed), maxVisits);
        string outcome;
        try
        {
            var signal = machine.Exec(tree);
            outcome = signal.Kind switch
            {
                SignalKind.Leave => "leave",
                SignalKind.Exit => $"exit {signal.Value}",
                SignalKind.Limit => "limit",
                SignalKind.Br => $"error: br {signal.Value} escapes the tree",
                _ => "error: fell off the end of the tree",
            };
        }
        catch (TreeError e)
        {
            outcome = "error: " + e.Message;
        }
        return new FlowTrace(machine.Visits, outcome);
    }

    private enum SignalKind { Normal, Br, Exit, Leave, Limit }

    private readonly record struct Signal(SignalKind Kind, int Value = 0);

    private sealed class TreeError(string message) : Exception(message);

    private sealed class Machine(FlowGraph graph, Script script, int maxVisits)
    {
        public readonly List<int> Visits = new();
        private readonly Stack<int> stack = new();
        private int label;
        private int fuel = 1_000_000; // a wrong tree may loop without running any node

        public Signal Exec(SNode node)
        {
            if (--fuel < 0) throw new TreeError("out of fuel (a loop that runs no node?)");
            switch (node)
            {
                case SCode c:
                    if ((uint)c.Id >= (uint)graph.Nodes.Count) throw new TreeError($"code {c.Id} is not a node");
                    ExpectEmpty($"at code {c.Id}");
                    Visits.Add(c.Id);
                    if (Visits.Count >= maxVisits) return new Signal(SignalKind.Limit);
                    var n = graph.Nodes[c.Id];
                    if (n.End == EndKind.Leave) return new Signal(SignalKind.Leave);
                    if (n.End is EndKind.Branch or EndKind.Switch) stack.Push(script.Next(n));
                    return new Signal(SignalKind.Normal);
                case SSeq s:
                    foreach (var item in s.Items)
                    {
                        var r = Exec(item);
                        if (r.Kind != SignalKind.Normal) return r;
                    }
                    return new Signal(SignalKind.Normal);
                case SBlock b:
                    return Leaving(Exec(b.Body), "block");
                case SLoop l:
                    while (true)
                    {
                        var r = Exec(l.Body);
                        if (r.Kind == SignalKind.Br && r.Value == 0) { ExpectEmpty("at br to loop"); continue; }
                        return Leaving(r, "loop");
                    }
                case SIf i:
                    int cond = Pop("if");
                    ExpectEmpty("under if's condition");
                    return Leaving(Exec(cond != 0 ? i.Then : i.Else), "if");
                case SBr br:
                    ExpectEmpty($"at br {br.Depth}");
                    return new Signal(SignalKind.Br, br.Depth);
                case SBrIf bi:
                    int taken = Pop("br_if");
                    ExpectEmpty($"at br_if {bi.Depth}");
                    return taken != 0 ? new Signal(SignalKind.Br, bi.Depth) : new Signal(SignalKind.Normal);
                case SBrTable t:
                    int index = Pop("br_table");
                    ExpectEmpty("at br_table");
                    return new Signal(SignalKind.Br, (uint)index < (uint)t.Depths.Count ? t.Depths[index] : t.Default);
                case SExit e:
                    ExpectEmpty($"at exit {e.K}");
                    return new Signal(SignalKind.Exit, e.K);
                case SSetLabel set:
                    ExpectEmpty("at set_label");
                    label = set.Value;
                    return new Signal(SignalKind.Normal);
                case SGetLabel:
                    ExpectEmpty("at get_label");
                    stack.Push(label);
                    return new Signal(SignalKind.Normal);
                case SUnreachable:
                    throw new TreeError("reached unreachable");
                default:
                    throw new TreeError($"unknown node {node.GetType().Name}");
            }
        }

        // A br to this label (depth 0) ends it; deeper ones pass outward one level.
        private Signal Leaving(Signal r, string what)
        {
            if (r.Kind == SignalKind.Normal) { ExpectEmpty($"at end of {what}"); return r; }
            if (r.Kind != SignalKind.Br) return r;
            return r.Value == 0 ? new Signal(SignalKind.Normal) : new Signal(SignalKind.Br, r.Value - 1);
        }

        private int Pop(string what) =>
            stack.Count > 0 ? stack.Pop() : throw new TreeError($"{what} has no i32 to pop");

        private void ExpectEmpty(string where)
        {
            if (stack.Count != 0) throw new TreeError($"{stack.Count} value(s) on the stack {where}");
        }
    }
}
