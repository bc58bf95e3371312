// Readable dumps of a FlowGraph (and a C# line that rebuilds it) and of an SNode tree in wasm text
// style, for failure messages and for the shape tests.
using System.Collections.Generic;
using System.Text;
using Rusk.Aot.Flow;

namespace Rusk.Aot.Tests.Flow;

internal static class FlowText
{
    public static string Graph(FlowGraph graph)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < graph.Nodes.Count; i++)
        {
            var n = graph.Nodes[i];
            sb.Append(i).Append(": ").Append(n.End);
            var targets = new List<string>();
            foreach (int t in n.Targets) targets.Add(t < 0 ? $"exit{~t}" : t.ToString());
            if (targets.Count > 0) sb.Append(" -> ").Append(string.Join(", ", targets));
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>The graph as the Graphs.Parse notation, to paste a failing random graph into a test.</summary>
    public static string Compact(FlowGraph graph)
    {
        var parts = new List<string>();
        foreach (var n in graph.Nodes)
        {
            var targets = new List<string>();
            foreach (int t in n.Targets) targets.Add(t < 0 ? $"x{~t}" : t.ToString());
            parts.Add(n.End switch { EndKind.Jump => "J", EndKind.Branch => "B", EndKind.Switch => "S", _ => "L" }
                + (targets.Count > 0 ? " " + string.Join(" ", targets) : ""));
        }
        return string.Join("; ", parts);
    }

    public static string Tree(SNode tree)
    {
        var sb = new StringBuilder();
        Write(tree, 0, sb);
        return sb.ToString();
    }

    private static void Write(SNode node, int indent, StringBuilder sb)
    {
        switch (node)
        {
            case SSeq s:
                foreach (var item in s.Items) Write(item, indent, sb);
                return;
            case SBlock b:
                Line("block", indent, sb);
                Write(b.Body, indent + 1, sb);
                Line("end", indent, sb);
                return;
            case SLoop l:
                Line("loop", indent, sb);
                Write(l.Body, indent + 1, sb);
                Line("end", indent, sb);
                return;
            case SIf i:
                Line("if", indent, sb);
                Write(i.Then, indent + 1, sb);
                if (!(i.Else is SSeq { Items.Count: 0 }))
                {
                    Line("else", indent, sb);
                    Write(i.Else, indent + 1, sb);
                }
                Line("end", indent, sb);
                return;
            case SCode c: Line($"code {c.Id}", indent, sb); return;
            case SBr br: Line($"br {br.Depth}", indent, sb); return;
            case SBrIf bi: Line($"br_if {bi.Depth}", indent, sb); return;
            case SBrTable t: Line($"br_table [{string.Join(" ", t.Depths)}] {t.Default}", indent, sb); return;
            case SExit e: Line($"exit {e.K}", indent, sb); return;
            case SSetLabel set: Line($"set_label {set.Value}", indent, sb); return;
            case SGetLabel: Line("get_label", indent, sb); return;
            case SUnreachable: Line("unreachable", indent, sb); return;
            default: Line($"?{node.GetType().Name}", indent, sb); return;
        }
    }

    private static void Line(string text, int indent, StringBuilder sb) => sb.Append(' ', 2 * indent).Append(text).Append('\n');
}
