// A trivially correct structurer for any graph, reducible or not: one loop around a br_table on a
// label local; every edge sets the label and re-enters the loop. Slow (every edge is an indirect
// jump) — the stand-in until Flow/Structurer.cs (Ramsey, "Beyond Relooper", ICFP 2022) lands, and
// the reference it is tested against.
using System.Collections.Generic;

namespace Rusk.Aot.Flow;

internal sealed class DispatchStructurer : IStructurer
{
    public SNode Structure(FlowGraph graph)
    {
        int n = graph.Nodes.Count;
        if (n == 0) return new SSeq(new List<SNode>());
        // loop { block_{n-1} { … block_0 { br_table label } code_0 … } code_{n-1} }
        // code_k sits inside blocks k+1..n-1 and the loop: `br (n-1-k)` re-enters the loop.
        var depths = new List<int>();
        for (int k = 0; k < n; k++) depths.Add(k);
        SNode inner = new SSeq(new List<SNode> { new SGetLabel(), new SBrTable(depths, n - 1) });
        for (int k = 0; k < n; k++)
        {
            int toLoop = n - 1 - k;
            inner = new SSeq(new List<SNode> { new SBlock(inner), CodeAndTransfer(k, graph.Nodes[k], toLoop) });
        }
        return new SLoop(inner);
    }

    static SNode CodeAndTransfer(int k, FlowNode node, int toLoop)
    {
        SNode Seq(params SNode[] items) => new SSeq(items);
        switch (node.End)
        {
            case EndKind.Leave: return Seq(new SCode(k), new SUnreachable());
            case EndKind.Jump: return Seq(new SCode(k), Go(node.Targets[0], toLoop));
            case EndKind.Branch:
                // SIf adds one label level inside both arms.
                return Seq(new SCode(k), new SIf(Go(node.Targets[0], toLoop + 1), Go(node.Targets[1], toLoop + 1)));
            default:
            {
                // The node's code goes innermost so its index meets the br_table on the stack (a
                // block cannot take it in); case i lands after block i and transfers to Targets[i].
                int m = node.Targets.Length;
                var ds = new List<int>();
                for (int i = 0; i < m - 1; i++) ds.Add(i);
                SNode body = Seq(new SCode(k), new SBrTable(ds, m - 1));
                for (int i = 0; i < m; i++)
                {
                    // Code after block i is inside blocks i+1..m-1: (m-1-i) extra levels.
                    body = new SSeq(new List<SNode> { new SBlock(body), Go(node.Targets[i], toLoop + (m - 1 - i)) });
                }
                return body;
            }
        }
    }

    static SNode Go(int target, int toLoop) => target < 0
        ? new SExit(~target)
        : new SSeq(new List<SNode> { new SSetLabel(target), new SBr(toLoop) });
}
