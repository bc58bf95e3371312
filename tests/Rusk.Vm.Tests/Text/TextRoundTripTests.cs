// Module → text → Module is the identity for modules built in memory: random ones covering every
// opcode and table, and targeted edge cases (floats, strings, names, sparse tables).
using System;
using NUnit.Framework;
using Rusk.Vm.Format;
using Rusk.Vm.Text;

namespace Rusk.Vm.Tests.Text;

public sealed class TextRoundTripTests
{
    static void AssertRoundTrips(Module m)
    {
        string text = Disassembler.Disassemble(m);
        Module back;
        try { back = Assembler.Assemble(text); }
        catch (AsmException e)
        {
            var lines = text.Split('\n');
            string line = e.Line - 1 < lines.Length ? lines[e.Line - 1] : "";
            Assert.Fail($"disassembly does not assemble: {e.Message}\n  {line}");
            return;
        }
        string? diff = ModuleDiff.First(m, back);
        Assert.That(diff, Is.Null, diff);
        Assert.That(Disassembler.Disassemble(back), Is.EqualTo(text), "second disassembly differs");
    }

    [Test]
    public void Random_modules_round_trip([Range(0, 199)] int seed) => AssertRoundTrips(RandomModules.Make(seed));

    static Module OneFunction(params Instr[] code) => Build(new[] { new Function("main", 8, 0, code) });

    static Module Build(Function[] fns, string[]? types = null)
    {
        types ??= new[] { "unit", "bool", "int", "float", "byte", "char", "string", "bytes" };
        int t = types.Length;
        var vcall = new DispatchEntry[t][];
        var scall = new DispatchEntry[t][];
        var assoc = new AssocTypeEntry[t][];
        var impls = new uint[t][];
        for (int i = 0; i < t; i++)
        {
            vcall[i] = Array.Empty<DispatchEntry>();
            scall[i] = Array.Empty<DispatchEntry>();
            assoc[i] = Array.Empty<AssocTypeEntry>();
            impls[i] = Array.Empty<uint>();
        }
        return new Module(fns, new uint[fns.Length], Array.Empty<HostImport>(), types, Array.Empty<string>(),
            vcall, scall, assoc, impls, new string[]?[t], new AbiSchema?[t], Array.Empty<ExternalEffectDecl>(), 0);
    }

    [TestCase(0L)]
    [TestCase(long.MinValue)] // -0.0
    [TestCase(0x7ff8000000000000L)] // NaN
    [TestCase(unchecked((long)0xfff8000000000000))] // -NaN
    [TestCase(0x7ff8000000000001L)] // NaN with a payload
    [TestCase(0x7ff0000000000001L)] // signalling NaN
    [TestCase(0x7ff0000000000000L)] // inf
    [TestCase(unchecked((long)0xfff0000000000000))] // -inf
    [TestCase(1L)] // smallest subnormal
    [TestCase(0x7fefffffffffffffL)] // largest finite
    [TestCase(0x3fb999999999999aL)] // 0.1
    public void Float_constants_keep_their_bits(long bits) =>
        AssertRoundTrips(OneFunction(new ConstInstr(0, ConstValue.FloatBits(bits)), new ReturnInstr(0)));

    [Test]
    public void Floats_print_readably_when_exact()
    {
        string text = Disassembler.Disassemble(OneFunction(
            new ConstInstr(0, ConstValue.FloatBits(BitConverter.DoubleToInt64Bits(1.5))),
            new ConstInstr(1, ConstValue.FloatBits(long.MinValue)),
            new ConstInstr(2, ConstValue.FloatBits(BitConverter.DoubleToInt64Bits(1e300))),
            new ConstInstr(3, ConstValue.FloatBits(0x7ff8000000000001)),
            new ConstInstr(4, ConstValue.FloatBits(BitConverter.DoubleToInt64Bits(2.0)))));
        Assert.That(text, Does.Contain("r0 = const 1.5\n"));
        Assert.That(text, Does.Contain("r1 = const -0.0\n"));
        Assert.That(text, Does.Contain("r2 = const 1e300\n"));
        Assert.That(text, Does.Contain("r3 = const f64bits(0x7ff8000000000001)\n"));
        Assert.That(text, Does.Contain("r4 = const 2.0\n"));
    }

    [Test]
    public void Awkward_strings_round_trip()
    {
        string[] strings = { "", "plain", "q\"uote", "back\\slash", "\n\r\t\0", "\u0001\u007f\u0085", "ünïcödé 😀", "lone \ud800 high",
            "lone \udc00 low", "\u2028\u2029\u200b\ufeff", "\\u{41}", "; not a comment", "# nor this" };
        var code = new Instr[strings.Length + 1];
        for (int i = 0; i < strings.Length; i++) code[i] = new ConstInstr((uint)i, ConstValue.String(strings[i]));
        code[^1] = new TrapInstr("all\tof \"them\"\n");
        AssertRoundTrips(OneFunction(code));
    }

    [Test]
    public void Bytes_round_trip()
    {
        var all = new byte[256];
        for (int i = 0; i < all.Length; i++) all[i] = (byte)i;
        AssertRoundTrips(OneFunction(new ConstInstr(0, ConstValue.Bytes(all)), new ConstInstr(1, ConstValue.Bytes(Array.Empty<byte>()))));
    }

    [Test]
    public void Names_that_look_like_syntax_are_quoted()
    {
        var fns = new[]
        {
            new Function("host", 1, 0, new Instr[] { new CallInstr(new OptReg(0), new CallTarget(CallKind.Bc, 1), Array.Empty<uint>()), new ReturnInstr(0) }),
            new Function("core::option::Option<T>::unwrap", 1, 1, new Instr[] { new ReturnInstr(0) }),
            new Function("r1", 1, 0, new Instr[] { new ConstInstr(0, ConstValue.Function(0)), new ReturnInstr(0) }),
            new Function("", 0, 0, Array.Empty<Instr>()),
        };
        var m = Build(fns);
        string text = Disassembler.Disassemble(m);
        Assert.That(text, Does.Contain("fn \"host\" params 0"));
        Assert.That(text, Does.Contain("r0 = call \"core::option::Option<T>::unwrap\"()"));
        Assert.That(text, Does.Contain("fn \"r1\""));
        AssertRoundTrips(m);
    }

    [Test]
    public void Types_without_the_primitives_first_are_listed_in_full()
    {
        var m = Build(new[] { new Function("main", 0, 0, Array.Empty<Instr>()) }, new[] { "Foo", "int", "unit" });
        string text = Disassembler.Disassemble(m);
        Assert.That(text, Does.Contain("no_implied_primitives"));
        AssertRoundTrips(m);
    }

    [Test]
    public void Disassembly_of_a_switch_reads_like_the_documentation()
    {
        var sw = new SwitchInstr(1, new[]
        {
            new SwitchCase(Pattern.Enum("Option", "Some", new[] { Pattern.Bind }), 2, new uint[] { 2 }),
            new SwitchCase(Pattern.Tuple(new[] { Pattern.Lit(ConstValue.Int(1)) }, Pattern.Wildcard, Array.Empty<Pattern>()), 3, Array.Empty<uint>()),
        }, 3);
        string text = Disassembler.Disassemble(Build(new[] { new Function("main", 3, 2, new Instr[] { sw, new ReturnInstr(2), new ReturnInstr(0) }) }));
        Assert.That(text, Does.Contain(
            "    0: switch r1 {\n" +
            "         Option::Some(bind) -> @2 (r2)\n" +
            "         (1, .._) -> @3\n" +
            "         default -> @3\n" +
            "       }\n" +
            "    1: return r2\n"));
    }
}
