// The structuring contract (docs/aot.md "Control flow"): a method region's basic blocks as a graph
// in, a tree of structured wasm control in out. Codegen owns the blocks' code; the structurer owns
// only their order and nesting. Exception regions are opaque nodes here: codegen structures each
// try body / handler as its own FlowGraph and gives the outer graph one node for the whole region.
using System.Collections.Generic;

namespace Rusk.Aot.Flow;

/// <summary>How a node ends. Targets are node ids (0..Count-1) or exits (<see cref="FlowGraph.Exit"/>).</summary>
internal enum EndKind
{
    /// <summary>Continues at Targets[0] (IL fallthrough or br).</summary>
    Jump,
    /// <summary>Pops an i32 left by the node's code: non-zero → Targets[0], zero → Targets[1].</summary>
    Branch,
    /// <summary>Pops an i32 index: Targets[i] for i &lt; Targets.Length-1, else the last (the default).</summary>
    Switch,
    /// <summary>The node's own code leaves the function (ret, throw, rethrow); no successors.</summary>
    Leave,
}

internal readonly record struct FlowNode(EndKind End, int[] Targets);

/// <summary>A single-entry graph: node 0 is the entry. A target t &lt; 0 is exit number
/// <c>~t</c> (see <see cref="Exit"/>): control leaves this graph to something the caller knows
/// (a label of an enclosing region, the code after a try).</summary>
internal sealed class FlowGraph
{
    public readonly List<FlowNode> Nodes = new();
    public static int Exit(int k) => ~k;
    public int Add(EndKind end, params int[] targets) { Nodes.Add(new FlowNode(end, targets)); return Nodes.Count - 1; }
}

/// <summary>Structured control, emitted by codegen in tree order. A wasm label is introduced by
/// <see cref="SBlock"/> and <see cref="SLoop"/>; branches name them by relative depth as wasm does
/// (0 = the innermost enclosing SBlock/SLoop/SIf).</summary>
internal abstract record SNode;
/// <summary>Emit node <c>Id</c>'s code (its end's condition/index is left on the stack for the next SIf/SBrTable/SBrIf).</summary>
internal sealed record SCode(int Id) : SNode;
internal sealed record SSeq(IReadOnlyList<SNode> Items) : SNode;
/// <summary>wasm block: a br to it continues after it.</summary>
internal sealed record SBlock(SNode Body) : SNode;
/// <summary>wasm loop: a br to it continues at its start.</summary>
internal sealed record SLoop(SNode Body) : SNode;
/// <summary>wasm if/else popping an i32 (SIf counts as one label level inside both arms).</summary>
internal sealed record SIf(SNode Then, SNode Else) : SNode;
internal sealed record SBr(int Depth) : SNode;
/// <summary>br_if popping an i32.</summary>
internal sealed record SBrIf(int Depth) : SNode;
/// <summary>br_table popping an i32: Depths[i] for index i, Default otherwise.</summary>
internal sealed record SBrTable(IReadOnlyList<int> Depths, int Default) : SNode;
/// <summary>Leave this graph through exit <c>K</c> (codegen knows where that goes and at which depth it is now).</summary>
internal sealed record SExit(int K) : SNode;
/// <summary>For dispatch-loop lowering of irreducible flow: set / read the label local codegen owns.</summary>
internal sealed record SSetLabel(int Value) : SNode;
internal sealed record SGetLabel : SNode;
internal sealed record SUnreachable : SNode;

internal interface IStructurer
{
    /// <summary>A tree that runs the graph's nodes exactly as its edges say, for any graph (reducible or not).</summary>
    SNode Structure(FlowGraph graph);
}
