// Placeholder until the compiler lands: the FlowGraph contract encodes exits as negative targets.
using NUnit.Framework;
using Rusk.Aot.Flow;

namespace Rusk.Aot.Tests;

public sealed class FlowGraphTests
{
    [Test]
    public void Exit_targets_are_negative_and_round_trip()
    {
        var g = new FlowGraph();
        int a = g.Add(EndKind.Branch, 1, FlowGraph.Exit(3));
        Assert.That(a, Is.EqualTo(0));
        Assert.That(g.Nodes[0].Targets[1], Is.LessThan(0));
        Assert.That(~g.Nodes[0].Targets[1], Is.EqualTo(3));
    }
}
