// A dependency graph after NativeAOT's DependencyAnalysisFramework: each node is marked once, with
// the node and reason that first required it, so `--why NAME` can print the chain from a root.
using System.Collections.Generic;
using System.Text;

namespace Rusk.Aot.Reachability;

internal sealed class DependencyGraph
{
    internal sealed class Node
    {
        public required object Key;
        public required string Name;
        public Node? Parent;
        public required string Reason;
    }

    readonly Dictionary<object, Node> _nodes = new();
    readonly Queue<Node> _work = new();

    public int Count => _nodes.Count;
    public bool IsMarked(object key) => _nodes.ContainsKey(key);
    public Node? Get(object key) => _nodes.TryGetValue(key, out var n) ? n : null;

    /// <summary>Marks <paramref name="key"/> (if new) and queues it; returns whether it was new.</summary>
    public bool Mark(object key, string name, Node? parent, string reason)
    {
        if (_nodes.ContainsKey(key)) return false;
        var n = new Node { Key = key, Name = name, Parent = parent, Reason = reason };
        _nodes[key] = n;
        _work.Enqueue(n);
        return true;
    }

    public bool TryNext(out Node node) => _work.TryDequeue(out node!);

    /// <summary>For every node whose name contains <paramref name="name"/>: the chain of reasons from a root.</summary>
    public string Why(string name)
    {
        var sb = new StringBuilder();
        foreach (var n in _nodes.Values)
        {
            if (!n.Name.Contains(name, System.StringComparison.Ordinal)) continue;
            sb.Append(n.Name).Append('\n');
            for (var c = n; c != null; c = c.Parent)
                sb.Append("  ").Append(c.Reason).Append(c.Parent != null ? " (" + c.Parent.Name + ")" : "").Append('\n');
        }
        return sb.Length == 0 ? $"{name}: not in the output\n" : sb.ToString();
    }
}
