// The examples in docs/text-format.md assemble to what the text around them says.
using System.IO;
using NUnit.Framework;
using Rusk.Vm.Format;
using Rusk.Vm.Text;

namespace Rusk.Vm.Tests.Text;

public sealed class DocumentationTests
{
    static string[] Blocks()
    {
        string doc = File.ReadAllText(Path.Combine(Paths.RepoRoot, "docs", "text-format.md"));
        var blocks = new System.Collections.Generic.List<string>();
        System.Text.StringBuilder? block = null;
        foreach (var line in doc.Split('\n'))
        {
            if (line.StartsWith("```"))
            {
                if (block == null) block = new System.Text.StringBuilder();
                else
                {
                    string body = block.ToString();
                    if (body.StartsWith(';') || body.StartsWith("fn ")) blocks.Add(body);
                    block = null;
                }
                continue;
            }
            block?.Append(line).Append('\n');
        }
        return blocks.ToArray();
    }

    [Test]
    public void The_small_example_assembles_as_described()
    {
        var m = Assembler.Assemble(Blocks()[0]);
        Assert.That(m.Functions[0].RegCount, Is.EqualTo(7u));
        Assert.That(m.TypeNames[8], Is.EqualTo("Point"));
        Assert.That(m.TryGetFunctionId("main", out uint main) && m.Entry == main);
        var code = RbcReader.Decode(RbcWriter.Encode(m)).Functions[0].Code;
        Assert.That(code, Has.Length.EqualTo(13));
        var ji = (JumpIfInstr)code[5];
        Assert.That((ji.Then, ji.Else, ((JumpInstr)code[8]).Target), Is.EqualTo((6u, 9u, 4u)));
    }

    [Test]
    public void The_disassembly_sample_assembles_and_prints_back_identically()
    {
        string sample = Blocks()[1];
        var m = Assembler.Assemble(sample);
        Assert.That(Disassembler.Disassemble(m), Does.Contain(sample));
    }
}
