// Seeded random modules that use every table, every opcode and operand form, awkward names
// (keywords, `::`, `<>`, quotes, control characters, lone surrogates) and odd values (NaN payloads,
// -0.0, out-of-range ids), to check that text round trips hold beyond what the corpus contains.
using System;
using System.Collections.Generic;
using Rusk.Vm.Format;

namespace Rusk.Vm.Tests.Text;

sealed class RandomModules
{
    readonly Random _r;
    int _fnCount, _typeCount, _methodCount, _hostCount;

    RandomModules(int seed) { _r = new Random(seed); }

    public static Module Make(int seed) => new RandomModules(seed).Module();

    static readonly string[] Awkward =
    {
        "main", "core::option::Option::unwrap", "Vec<T, U>", "impl::core::Clone::for::Option", "a b", "",
        "host", "intrinsic", "bind", "_", "default", "fn", "unit", "true", "nan", "inf", "typerep", "struct", "enum",
        "r0", "r12", "T0", "T7", "params", "regs", "type", "entry", "x", "Some", "None", "int", "42", "-1", "@3", "$1",
        "quote\"d", "back\\slash", "new\nline", "tab\there", "nul\0", "ünïcödé", "emoji😀", "lone\ud800", "lone\udc00x",
        "\u2028sep", "zero\u200bwidth", "del\u007f", "semi;colon", "hash#tag", "dot.name", "colon:", "{brace}", "(p)",
    };

    string Name(string prefix, int i)
    {
        if (_r.Next(3) == 0) return Awkward[_r.Next(Awkward.Length)] + "#" + prefix + i;
        return _r.Next(2) == 0 ? prefix + i : Awkward[_r.Next(Awkward.Length)].Length > 0 ? prefix + "::" + Awkward[_r.Next(Awkward.Length)] + i : prefix + i;
    }

    static string[] Unique(List<string> names)
    {
        var seen = new HashSet<string>();
        var list = new List<string>();
        foreach (var n in names) if (seen.Add(n)) list.Add(n);
        return list.ToArray();
    }

    string AnyString()
    {
        int kind = _r.Next(4);
        if (kind == 0) return Awkward[_r.Next(Awkward.Length)];
        var chars = new char[_r.Next(12)];
        for (int i = 0; i < chars.Length; i++) chars[i] = (char)(kind == 1 ? _r.Next(0x20, 0x7f) : _r.Next(0, 0x10000));
        return new string(chars);
    }

    Module Module()
    {
        // Types: usually the primitives first, sometimes shuffled or missing some.
        var types = new List<string>();
        int mode = _r.Next(4);
        string[] prims = { "unit", "bool", "int", "float", "byte", "char", "string", "bytes" };
        if (mode != 3) types.AddRange(prims);
        if (mode == 1) { types.Reverse(); }
        if (mode == 2) types.RemoveAt(_r.Next(types.Count));
        int extra = _r.Next(8);
        for (int i = 0; i < extra; i++) types.Add(Name("T", i));
        var typeNames = Unique(types);
        _typeCount = typeNames.Length;

        var methods = new List<string>();
        for (int i = 0, n = _r.Next(6); i < n; i++) methods.Add(Name("m", i));
        var methodNames = Unique(methods);
        _methodCount = methodNames.Length;

        var fnNames = new List<string>();
        for (int i = 0, n = 1 + _r.Next(5); i < n; i++) fnNames.Add(Name("f", i));
        var fns = Unique(fnNames);
        _fnCount = fns.Length;

        var hostNames = new List<string>();
        for (int i = 0, n = _r.Next(4); i < n; i++) hostNames.Add(Name("h", i));
        var hosts = Unique(hostNames);
        _hostCount = hosts.Length;
        var hostImports = new HostImport[hosts.Length];
        for (int i = 0; i < hosts.Length; i++) hostImports[i] = new HostImport(hosts[i], Sig());

        var effects = new List<ExternalEffectDecl>();
        var effectKeys = new HashSet<(string, string)>();
        for (int i = 0, n = _r.Next(4); i < n; i++)
        {
            var e = new ExternalEffectDecl(Name("I", i), Name("op", i), Sig());
            if (effectKeys.Add((e.Interface, e.Method))) effects.Add(e);
        }

        int t = typeNames.Length;
        var vcall = new DispatchEntry[t][];
        var scall = new DispatchEntry[t][];
        var assoc = new AssocTypeEntry[t][];
        var impls = new uint[t][];
        var layouts = new string[]?[t];
        var schemas = new AbiSchema?[t];
        for (int i = 0; i < t; i++)
        {
            vcall[i] = Dispatch();
            scall[i] = Dispatch();
            assoc[i] = new AssocTypeEntry[_r.Next(3) == 0 ? _r.Next(3) : 0];
            for (int k = 0; k < assoc[i].Length; k++) assoc[i][k] = new AssocTypeEntry(TypeId(), AnyString(), FnId());
            impls[i] = new uint[_r.Next(3) == 0 ? _r.Next(4) : 0];
            for (int k = 0; k < impls[i].Length; k++) impls[i][k] = TypeId();
            if (_r.Next(3) == 0)
            {
                layouts[i] = new string[_r.Next(4)];
                for (int k = 0; k < layouts[i]!.Length; k++) layouts[i]![k] = AnyString();
            }
            if (_r.Next(3) == 0) schemas[i] = Schema();
        }

        var functions = new Function[fns.Length];
        for (int i = 0; i < fns.Length; i++)
        {
            var code = new Instr[_r.Next(40)];
            for (int k = 0; k < code.Length; k++) code[k] = Instruction();
            functions[i] = new Function(fns[i], (uint)_r.Next(0, 300), (uint)_r.Next(0, 5), code);
        }
        var generics = new uint[_r.Next(8) == 0 ? _r.Next(6) : fns.Length];
        for (int i = 0; i < generics.Length; i++) generics[i] = (uint)(_r.Next(3) == 0 ? _r.Next(3) : 0);
        uint entry = _r.Next(10) == 0 ? (uint)_r.Next(100, 200) : (uint)_r.Next(fns.Length);

        return new Module(functions, generics, hostImports, typeNames, methodNames, vcall, scall, assoc, impls,
            layouts, schemas, effects.ToArray(), entry);
    }

    // Ids are usually valid, sometimes out of range (the text then uses the raw `$N` form).
    uint Id(int count) => _r.Next(12) == 0 || count == 0 ? (uint)(count + _r.Next(1000)) : (uint)_r.Next(count);
    uint TypeId() => Id(_typeCount);
    uint FnId() => Id(_fnCount);
    uint MethodId() => Id(_methodCount);
    uint Reg() => _r.Next(20) == 0 ? uint.MaxValue - (uint)_r.Next(3) : (uint)_r.Next(64);

    uint[] Regs(int max)
    {
        var a = new uint[_r.Next(max + 1)];
        for (int i = 0; i < a.Length; i++) a[i] = Reg();
        return a;
    }

    DispatchEntry[] Dispatch()
    {
        var a = new DispatchEntry[_r.Next(3) == 0 ? _r.Next(4) : 0];
        for (int i = 0; i < a.Length; i++) a[i] = new DispatchEntry(MethodId(), FnId());
        return a;
    }

    HostFnSig Sig()
    {
        var ps = new AbiType[_r.Next(4)];
        for (int i = 0; i < ps.Length; i++) ps[i] = Abi(false, 2);
        return new HostFnSig(ps, Abi(false, 2));
    }

    AbiType Abi(bool schema, int depth)
    {
        int k = _r.Next(depth > 0 ? (schema ? 14 : 13) : 9);
        if (schema && depth > 0 && _r.Next(4) == 0) k = 13;
        switch (k)
        {
            case 9: return AbiType.Array(Abi(schema, depth - 1));
            case 10:
            {
                var items = new AbiType[_r.Next(3)];
                for (int i = 0; i < items.Length; i++) items[i] = Abi(schema, depth - 1);
                return AbiType.Tuple(items);
            }
            case 11:
            case 12:
            {
                var items = new AbiType[_r.Next(3)];
                for (int i = 0; i < items.Length; i++) items[i] = Abi(schema, depth - 1);
                return k == 11 ? AbiType.Struct(TypeId(), items) : AbiType.Enum(TypeId(), items);
            }
            case 13: return AbiType.TypeParam((uint)_r.Next(4));
            default: return AbiType.Leaf((AbiKind)k);
        }
    }

    AbiSchema Schema()
    {
        uint tps = (uint)_r.Next(3);
        if (_r.Next(2) == 0)
        {
            var fields = new AbiStructField[_r.Next(4)];
            for (int i = 0; i < fields.Length; i++) fields[i] = new AbiStructField(AnyString(), Abi(true, 2));
            return AbiSchema.Struct(tps, fields);
        }
        var variants = new AbiEnumVariant[_r.Next(4)];
        for (int i = 0; i < variants.Length; i++)
        {
            var f = new AbiType[_r.Next(3)];
            for (int j = 0; j < f.Length; j++) f[j] = Abi(true, 2);
            variants[i] = new AbiEnumVariant(AnyString(), f);
        }
        return AbiSchema.Enum(tps, variants);
    }

    static readonly long[] SpecialFloats =
    {
        0, long.MinValue, BitConverter.DoubleToInt64Bits(double.PositiveInfinity), BitConverter.DoubleToInt64Bits(double.NegativeInfinity),
        0x7ff8000000000000, unchecked((long)0xfff8000000000000), 0x7ff8000000000001, 0x7ff0000000000001, unchecked((long)0xfff4000000000abc),
        1, 0x000fffffffffffff, 0x7fefffffffffffff, BitConverter.DoubleToInt64Bits(0.1), BitConverter.DoubleToInt64Bits(1e300),
        BitConverter.DoubleToInt64Bits(-1.5e-7), BitConverter.DoubleToInt64Bits(123456789.0), BitConverter.DoubleToInt64Bits(1.0),
    };

    static readonly long[] SpecialInts = { 0, 1, -1, long.MinValue, long.MaxValue, int.MinValue, uint.MaxValue };

    ConstValue Const(int depth)
    {
        switch (_r.Next(8))
        {
            case 0: return ConstValue.Unit;
            case 1: return ConstValue.Bool(_r.Next(2) == 0);
            case 2: return ConstValue.Int(_r.Next(3) == 0 ? SpecialInts[_r.Next(SpecialInts.Length)] : _r.NextInt64(-1000, 1000));
            case 3: return ConstValue.FloatBits(_r.Next(2) == 0 ? SpecialFloats[_r.Next(SpecialFloats.Length)] : _r.NextInt64(long.MinValue, long.MaxValue));
            case 4: return ConstValue.String(AnyString());
            case 5:
            {
                var b = new byte[_r.Next(10)];
                _r.NextBytes(b);
                return ConstValue.Bytes(b);
            }
            case 6: return ConstValue.OfTypeRep(TypeRep());
            default: return ConstValue.Function(FnId());
        }
    }

    TypeRepLit TypeRep()
    {
        var k = (TypeRepKind)_r.Next(16);
        return k switch
        {
            TypeRepKind.Tuple => TypeRepLit.Tuple((uint)_r.Next(5)),
            TypeRepKind.Struct or TypeRepKind.Enum or TypeRepKind.Interface => TypeRepLit.Named(k, AnyString()),
            _ => TypeRepLit.Of(k),
        };
    }

    Pattern Pattern(int depth)
    {
        int k = _r.Next(depth > 0 ? 7 : 3);
        switch (k)
        {
            case 0: return global::Rusk.Vm.Format.Pattern.Wildcard;
            case 1: return global::Rusk.Vm.Format.Pattern.Bind;
            case 2: return global::Rusk.Vm.Format.Pattern.Lit(Const(0));
            case 3:
            case 6:
            {
                var pre = Patterns(depth - 1, 3);
                Pattern? rest = _r.Next(2) == 0 ? Pattern(depth - 1) : null;
                var suf = Patterns(depth - 1, 2);
                return k == 3 ? global::Rusk.Vm.Format.Pattern.Tuple(pre, rest, suf) : global::Rusk.Vm.Format.Pattern.Array(pre, rest, suf);
            }
            case 4: return global::Rusk.Vm.Format.Pattern.Enum(AnyString(), AnyString(), Patterns(depth - 1, 3));
            default:
            {
                var fields = Patterns(depth - 1, 3);
                var names = new string[fields.Length];
                for (int i = 0; i < names.Length; i++) names[i] = AnyString();
                return global::Rusk.Vm.Format.Pattern.Struct(AnyString(), names, fields);
            }
        }
    }

    Pattern[] Patterns(int depth, int max)
    {
        var a = new Pattern[_r.Next(max + 1)];
        for (int i = 0; i < a.Length; i++) a[i] = Pattern(depth);
        return a;
    }

    OptReg Opt() => _r.Next(3) == 0 ? OptReg.None : new OptReg(Reg());
    uint Pc() => _r.Next(10) == 0 ? (uint)_r.Next(1000, 100000) : (uint)_r.Next(40);

    CallTarget Target()
    {
        switch (_r.Next(3))
        {
            case 0: return new CallTarget(CallKind.Bc, FnId());
            case 1: return new CallTarget(CallKind.Host, Id(_hostCount));
            default: return new CallTarget(CallKind.Intrinsic, _r.Next(10) == 0 ? (uint)_r.Next(90, 65536) : (uint)_r.Next(90));
        }
    }

    EffectSpec Effect() => new(AnyString(), Regs(2), AnyString());

    Instr Instruction()
    {
        var op = (Opcode)_r.Next(64);
        switch (op)
        {
            case Opcode.Const: return new ConstInstr(Reg(), Const(1));
            case Opcode.Copy: case Opcode.Move: case Opcode.AsReadonly: case Opcode.Len:
            case Opcode.IntNot: case Opcode.ByteNot: case Opcode.BoolNot:
                return new UnaryInstr(op, Reg(), Reg());
            case Opcode.MakeTypeRep: return new MakeTypeRepInstr(Reg(), TypeRep(), Regs(3));
            case Opcode.AssocTypeRep: return new AssocTypeRepInstr(Reg(), Reg(), TypeId(), AnyString());
            case Opcode.MakeStruct:
            {
                var regs = Regs(3);
                var names = new string[regs.Length];
                for (int i = 0; i < names.Length; i++) names[i] = AnyString();
                return new MakeStructInstr(Reg(), TypeId(), Regs(2), names, regs);
            }
            case Opcode.MakeArray: case Opcode.MakeTuple: return new MakeSeqInstr(op, Reg(), Regs(4));
            case Opcode.MakeEnum: return new MakeEnumInstr(Reg(), TypeId(), Regs(2), AnyString(), Regs(3));
            case Opcode.GetField: return new GetFieldInstr(Reg(), Reg(), AnyString());
            case Opcode.SetField: return new SetFieldInstr(Reg(), AnyString(), Reg());
            case Opcode.StructGet: case Opcode.TupleGet: return new IndexedGetInstr(op, Reg(), Reg(), (uint)_r.Next(10));
            case Opcode.StructSet: case Opcode.TupleSet: return new IndexedSetInstr(op, Reg(), (uint)_r.Next(10), Reg());
            case Opcode.IndexSet: return new IndexSetInstr(Reg(), Reg(), Reg());
            case Opcode.Call: return new CallInstr(Opt(), Target(), Regs(4));
            case Opcode.CallMulti: return new CallMultiInstr(Regs(3), Target(), Regs(3));
            case Opcode.ICall: return new ICallInstr(Opt(), Reg(), Regs(3));
            case Opcode.VCall: case Opcode.SCall: return new DispatchCallInstr(op, Opt(), Reg(), MethodId(), Regs(2), Regs(3));
            case Opcode.PushHandler:
            {
                var clauses = new HandlerClause[_r.Next(4)];
                for (int i = 0; i < clauses.Length; i++) clauses[i] = new HandlerClause(Effect(), Patterns(2, 3), Pc(), Regs(3));
                return new PushHandlerInstr(clauses);
            }
            case Opcode.PopHandler: return PopHandlerInstr.Instance;
            case Opcode.Perform: return new PerformInstr(Opt(), Effect(), Regs(3));
            case Opcode.Resume: return new ResumeInstr(Opt(), Reg(), Reg());
            case Opcode.ResumeTail: return new ResumeTailInstr(Reg(), Reg());
            case Opcode.Jump: return new JumpInstr(Pc());
            case Opcode.JumpIf: return new JumpIfInstr(Reg(), Pc(), Pc());
            case Opcode.Switch:
            {
                var cases = new SwitchCase[_r.Next(4)];
                for (int i = 0; i < cases.Length; i++) cases[i] = new SwitchCase(Pattern(3), Pc(), Regs(3));
                return new SwitchInstr(Reg(), cases, Pc());
            }
            case Opcode.Return: return new ReturnInstr(Reg());
            case Opcode.ReturnMulti: return new ReturnMultiInstr(Regs(3));
            case Opcode.Trap: return new TrapInstr(AnyString());
            default: return new BinaryInstr(op, Reg(), Reg(), Reg());
        }
    }
}
