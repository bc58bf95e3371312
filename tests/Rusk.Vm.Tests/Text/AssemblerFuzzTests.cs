// Mangled text never crashes the assembler: every outcome is a module or an AsmException with a
// position inside the text.
using System;
using NUnit.Framework;
using Rusk.Vm.Text;

namespace Rusk.Vm.Tests.Text;

public sealed class AssemblerFuzzTests
{
    static readonly string[] Snippets =
    {
        "(", ")", "{", "}", "[", "]", "<", ">", ",", ":", "::", ".", "..", "->", "=", "@", "$", "-", "\"", "b\"", "\\",
        "\n", " ", "r0", "r99999999999", "@7", "$4294967296", "fn", "type", "struct", "host", "effect", "method", "entry",
        "params", "regs", "generics", "switch", "push_handler", "default", "bind", "_", "0x", "1e", "1.5", "-0x1",
        "f64bits", "typerep", "tuple(", "T0", "abi", "fields", "impl", "vcall", "assoc", "no_implied_primitives",
        "function_generic_params", "\\u{110000}", "\\x80", "\ud800", "\ufeff", "9:", "loop:", "jump loop",
    };

    [Test]
    public void Mutated_disassembly_only_ever_raises_AsmException([Range(0, 7)] int seed)
    {
        var rnd = new Random(seed);
        string original = Disassembler.Disassemble(RandomModules.Make(1000 + seed));
        for (int round = 0; round < 150; round++)
        {
            var text = new System.Text.StringBuilder(original);
            for (int k = 0, n = 1 + rnd.Next(4); k < n; k++)
            {
                int at = rnd.Next(text.Length + 1);
                switch (rnd.Next(3))
                {
                    case 0: text.Insert(at, Snippets[rnd.Next(Snippets.Length)]); break;
                    case 1: if (at < text.Length) text.Remove(at, Math.Min(rnd.Next(1, 20), text.Length - at)); break;
                    default: text.Length = at; break;
                }
            }
            string s = text.ToString();
            try { Assembler.Assemble(s); }
            catch (AsmException e)
            {
                int lines = s.Split('\n').Length;
                Assert.That(e.Line, Is.InRange(1, lines), e.Message);
                Assert.That(e.Column, Is.GreaterThanOrEqualTo(1), e.Message);
            }
            catch (Exception e)
            {
                Assert.Fail($"seed {seed} round {round}: {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            }
        }
    }
}
