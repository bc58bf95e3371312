// The Module data model rejects what the reference decoder rejects: duplicate names, bad tables.
using System;
using NUnit.Framework;
using Rusk.Vm.Format;

namespace Rusk.Vm.Tests;

public sealed class ModuleTests
{
    static Module Make(string[] types, Function[] functions) => new(
        functions, new uint[functions.Length], Array.Empty<HostImport>(), types, Array.Empty<string>(),
        new DispatchEntry[types.Length][], new DispatchEntry[types.Length][], new AssocTypeEntry[types.Length][],
        new uint[types.Length][], new string[]?[types.Length], new AbiSchema?[types.Length],
        Array.Empty<ExternalEffectDecl>(), 0);

    static Function Fn(string name) => new(name, 1, 0, new Instr[] { new ReturnInstr(0) });

    [Test]
    public void Duplicate_type_names_are_rejected()
    {
        var ex = Assert.Throws<ModuleException>(() => Make(new[] { "int", "int" }, new[] { Fn("main") }));
        Assert.That(ex!.Message, Does.Contain("duplicate type name `int`"));
    }

    [Test]
    public void Duplicate_function_names_are_rejected()
    {
        var ex = Assert.Throws<ModuleException>(() => Make(new[] { "int" }, new[] { Fn("main"), Fn("main") }));
        Assert.That(ex!.Message, Does.Contain("duplicate function name `main`"));
    }

    [Test]
    public void Names_resolve_to_their_ids()
    {
        var m = Make(new[] { "unit", "int" }, new[] { Fn("a"), Fn("b") });
        Assert.That(m.TryGetTypeId("int", out var t) && t == 1);
        Assert.That(m.TryGetFunctionId("b", out var f) && f == 1);
        Assert.That(m.TryGetTypeId("float", out _), Is.False);
    }
}
