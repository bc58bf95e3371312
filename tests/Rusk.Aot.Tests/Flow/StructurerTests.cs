// The structurer on hand-written graphs: the shapes of the common statements, each run against the
// graph under many scripts (FlowCheck), plus the exact tree for a few where Ramsey's output is known.
using System;
using NUnit.Framework;
using Rusk.Aot.Flow;

namespace Rusk.Aot.Tests.Flow;

public sealed class StructurerTests
{
    private const int Runs = 200;

    // name, graph in Graphs.Parse notation, reducible?
    private static readonly object[] Cases =
    [
        new object[] { "single leave", "L", true },
        new object[] { "single exit", "J x3", true },
        new object[] { "straight line", "J 1; J 2; L", true },
        new object[] { "if/else diamond", "B 1 2; J 3; J 3; L", true },
        new object[] { "if without else", "B 1 2; J 2; L", true },
        new object[] { "nested diamonds", "B 1 4; B 2 3; J 7; J 7; B 5 6; J 7; J 7; L", true },
        new object[] { "branch with both targets equal", "B 1 1; L", true },
        new object[] { "branch with both targets one exit", "B x0 x0", true },
        new object[] { "while loop", "J 1; B 2 3; J 1; L", true },
        new object[] { "do-while (self-loop)", "J 1; B 1 2; L", true },
        new object[] { "entry is a self-loop", "B 0 1; L", true },
        new object[] { "entry is a loop header", "J 1; B 0 2; L", true },
        new object[] { "infinite loop", "J 1; J 1", true },
        new object[] { "loop with break", "J 1; B 2 4; B 4 3; J 1; L", true },
        new object[] { "loop with continue", "J 1; B 2 5; B 1 3; J 4; J 1; L", true },
        new object[] { "nested loops", "J 1; B 2 6; J 3; B 4 5; J 3; J 1; L", true },
        new object[] { "break out of two loops", "J 1; B 2 7; J 3; B 4 6; B 7 5; J 3; J 1; L", true },
        new object[] { "continue the outer loop from the inner", "J 1; B 2 6; J 3; B 4 5; B 1 3; J 1; L", true },
        new object[] { "loop with exits to different places", "J 1; B 2 5; B 6 3; B 1 4; J 6; J 7; J 7; L", true },
        new object[] { "loop header that is also a merge", "B 1 2; J 2; B 2 3; L", true },
        new object[] { "return inside a loop", "J 1; B 2 3; B 4 1; L; L", true },
        new object[] { "early returns", "B 1 2; L; B 3 4; L; J x0", true },
        new object[] { "exits from inside a loop", "J 1; B 2 x0; B x1 1", true },
        new object[] { "exit from a nested loop", "J 1; B 2 x0; B 3 1; B 2 x1", true },
        new object[] { "switch with shared targets and fallthrough", "S 1 2 1 3; J 2; J 3; L", true },
        new object[] { "switch to exits", "S x0 1 x1 x0 2; J x2; L", true },
        new object[] { "switch with one target", "S 1; L", true },
        new object[] { "switch with all targets equal", "S 1 1 1; L", true },
        new object[] { "switch to merges owned elsewhere", "B 1 2; S 3 4 2; J 3; J 4; L", true },
        new object[] { "switch in a loop, break and continue", "J 1; S 2 3 4 1; J 1; J 5; J 1; L", true },
        new object[] { "switch to a loop header and itself", "S 0 1 2; S 1 0 2; L", true },
        new object[] { "unreachable nodes", "B 1 3; J 3; J 1; L; J 2", true },
        new object[] { "unreachable cycle", "L; J 2; J 1", true },
        new object[] { "irreducible: two entries", "B 1 2; B 2 3; B 1 3; L", false },
        new object[] { "irreducible: three entries", "S 1 2 3; B 2 4; B 3 4; B 1 4; L", false },
        new object[] { "irreducible inside a loop", "J 1; B 2 3; B 3 4; B 2 4; B 1 5; L", false },
        new object[] { "irreducible inside irreducible", "B 1 2; B 2 3; B 1 5; B 4 1; B 3 5; L", false },
        new object[] { "irreducible with exits and a switch", "B 1 2; S 2 x0 3; B 1 x1; J x2", false },
        new object[] { "irreducible with an unreachable node", "B 1 2; B 2 3; B 1 3; L; J 1", false },
    ];

    [TestCaseSource(nameof(Cases))]
    public void Tree_runs_like_the_graph(string name, string graph, bool reducible)
    {
        var g = Graphs.Parse(graph);
        var stats = FlowCheck.Check(g, Runs, name);
        Assert.That(stats.Reducible, Is.EqualTo(reducible), "the case's reducibility");
        Assert.That(stats.UsesLabel, Is.EqualTo(!reducible), "a dispatcher exactly when irreducible");
    }

    // The shapes below are what Ramsey's translation gives; a change here is a change of output
    // size or nesting that codegen would see.

    [Test]
    public void Diamond_is_one_if_and_no_block()
    {
        // The join's block has no branch to it (both arms fall through), so it is dropped.
        var g = Graphs.Parse("B 1 2; J 3; J 3; L");
        Assert.That(Text(g), Is.EqualTo(Lines(
            "code 0", "if", "  code 1", "else", "  code 2", "end", "code 3")));
    }

    [Test]
    public void While_loop_inlines_body_and_exit_into_one_if()
    {
        var g = Graphs.Parse("J 1; B 2 3; J 1; L");
        Assert.That(Text(g), Is.EqualTo(Lines(
            "code 0", "loop", "  code 1", "  if", "    code 2", "    br 1", "  else", "    code 3", "  end", "end")));
    }

    [Test]
    public void Loop_with_break_uses_br_if_for_the_break()
    {
        // 0: i = 0;  1: while (i < n) { 2: if (a[i] == x) break;  3: i++; }  4: return i;
        var g = Graphs.Parse("J 1; B 2 4; B 4 3; J 1; L");
        Assert.That(Text(g), Is.EqualTo(Lines(
            "code 0", "loop", "  block", "    code 1", "    if", "      code 2", "      br_if 1", "      code 3", "      br 2",
            "    end", "  end", "  code 4", "end")));
    }

    [Test]
    public void Switch_gets_one_block_per_distinct_target()
    {
        var g = Graphs.Parse("S 1 2 1 3; J 2; J 3; L");
        Assert.That(Text(g), Is.EqualTo(Lines(
            "block", "  block", "    block", "      code 0", "      br_table [0 1 0] 2", "    end", "    code 1",
            "  end", "  code 2", "end", "code 3")));
    }

    [Test]
    public void Long_chains_do_not_recurse()
    {
        // 50,000 blocks of "if (c) x;" one after another, then a 50,000-deep dominator chain.
        const int ifs = 50_000;
        var g = new FlowGraph();
        for (int i = 0; i < ifs; i++)
        {
            g.Add(EndKind.Branch, 2 * i + 1, 2 * i + 2);
            g.Add(EndKind.Jump, 2 * i + 2);
        }
        g.Add(EndKind.Leave);
        var stats = FlowCheck.Check(g, 3);
        Assert.That(stats.MaxDepth, Is.LessThanOrEqualTo(1), "the ifs follow each other at the top level");
        var chain = new FlowGraph();
        for (int i = 0; i < ifs; i++) chain.Add(EndKind.Jump, i + 1);
        chain.Add(EndKind.Leave);
        Assert.That(FlowCheck.Check(chain, 1).Size, Is.EqualTo(ifs + 2));
    }

    [Test]
    public void Big_switch_nests_one_block_per_case()
    {
        // An interpreter's opcode switch: 2,000 cases, each joining the loop's back edge.
        const int cases = 2_000;
        var g = new FlowGraph();
        var targets = new int[cases + 1];
        for (int i = 0; i <= cases; i++) targets[i] = i == cases ? FlowGraph.Exit(0) : 1 + i;
        g.Add(EndKind.Switch, targets);
        for (int i = 0; i < cases; i++) g.Add(EndKind.Branch, 0, FlowGraph.Exit(1));
        var stats = FlowCheck.Check(g, 50);
        Assert.That(stats.MaxDepth, Is.EqualTo(cases + 2), "a loop, a block per case and one for the exit");
    }

    [Test]
    public void Malformed_graphs_are_rejected_with_the_node_named()
    {
        var structurer = new Structurer();
        Assert.That(() => structurer.Structure(new FlowGraph()), Throws.ArgumentException.With.Message.Contains("no nodes"));
        Assert.That(() => structurer.Structure(Graphs.Parse("J 1; J 5")), Throws.ArgumentException.With.Message.Contains("node 1: target 5"));
        var g = new FlowGraph();
        g.Add(EndKind.Branch, 0);
        Assert.That(() => structurer.Structure(g), Throws.ArgumentException.With.Message.Contains("node 0: a Branch needs 2"));
        var s = new FlowGraph();
        s.Add(EndKind.Switch);
        Assert.That(() => structurer.Structure(s), Throws.ArgumentException.With.Message.Contains("default target"));
    }

    private static string Text(FlowGraph g)
    {
        FlowCheck.Check(g, Runs);
        return FlowText.Tree(new Structurer().Structure(g));
    }

    private static string Lines(params string[] lines) => string.Join("\n", lines) + "\n";
}
