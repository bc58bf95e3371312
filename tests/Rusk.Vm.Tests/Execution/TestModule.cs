// Builds small Modules in C# for interpreter unit tests: functions from instruction lists, plus
// the per-type tables (struct layouts, dispatch, ABI schemas) the tests need. The primitive type
// names the VM requires are always present.
using System;
using System.Collections.Generic;
using Rusk.Vm.Format;

namespace Rusk.Vm.Tests.Execution;

sealed class TestModule
{
    readonly List<Function> _fns = new();
    readonly List<uint> _generic = new();
    readonly List<string> _types = new() { "unit", "bool", "int", "float", "byte", "char", "string", "bytes", "array" };
    readonly List<string> _methods = new();
    readonly List<HostImport> _imports = new();
    readonly List<ExternalEffectDecl> _effects = new();
    readonly Dictionary<uint, string[]> _layouts = new();
    readonly Dictionary<uint, AbiSchema> _schemas = new();
    readonly Dictionary<uint, List<DispatchEntry>> _vcall = new();
    readonly Dictionary<uint, List<DispatchEntry>> _scall = new();
    readonly Dictionary<uint, List<AssocTypeEntry>> _assoc = new();
    readonly Dictionary<uint, List<uint>> _impls = new();

    public uint Fn(string name, uint regs, uint @params, params Instr[] code) => Fn(name, regs, @params, 0, code);

    public uint Fn(string name, uint regs, uint @params, uint generic, params Instr[] code)
    {
        _fns.Add(new Function(name, regs, @params, code));
        _generic.Add(generic);
        return (uint)_fns.Count - 1;
    }

    public uint Type(string name)
    {
        int i = _types.IndexOf(name);
        if (i >= 0) return (uint)i;
        _types.Add(name);
        return (uint)_types.Count - 1;
    }

    public uint Struct(string name, params string[] fields)
    {
        uint id = Type(name);
        _layouts[id] = fields;
        return id;
    }

    public uint Method(string name)
    {
        int i = _methods.IndexOf(name);
        if (i >= 0) return (uint)i;
        _methods.Add(name);
        return (uint)_methods.Count - 1;
    }

    public uint Import(string name, AbiType ret, params AbiType[] @params)
    {
        _imports.Add(new HostImport(name, new HostFnSig(@params, ret)));
        return (uint)_imports.Count - 1;
    }

    public uint External(string iface, string method, AbiType ret, params AbiType[] @params)
    {
        _effects.Add(new ExternalEffectDecl(iface, method, new HostFnSig(@params, ret)));
        return (uint)_effects.Count - 1;
    }

    public void Schema(uint type, AbiSchema schema) => _schemas[type] = schema;

    public void VCall(uint type, uint method, uint fn) => Add(_vcall, type, new DispatchEntry(method, fn));
    public void SCall(uint type, uint method, uint fn) => Add(_scall, type, new DispatchEntry(method, fn));
    public void Assoc(uint type, uint iface, string assoc, uint fn) => Add(_assoc, type, new AssocTypeEntry(iface, assoc, fn));
    public void Implements(uint type, uint iface) => Add(_impls, type, iface);

    static void Add<T>(Dictionary<uint, List<T>> d, uint key, T v)
    {
        if (!d.TryGetValue(key, out var l)) d[key] = l = new List<T>();
        l.Add(v);
    }

    public Module Build(uint entry = 0)
    {
        int n = _types.Count;
        var vcall = new DispatchEntry[n][];
        var scall = new DispatchEntry[n][];
        var assoc = new AssocTypeEntry[n][];
        var impls = new uint[n][];
        var layouts = new string[]?[n];
        var schemas = new AbiSchema?[n];
        for (uint t = 0; t < n; t++)
        {
            vcall[t] = _vcall.TryGetValue(t, out var v) ? Sorted(v) : System.Array.Empty<DispatchEntry>();
            scall[t] = _scall.TryGetValue(t, out var s) ? Sorted(s) : System.Array.Empty<DispatchEntry>();
            assoc[t] = _assoc.TryGetValue(t, out var a) ? a.ToArray() : System.Array.Empty<AssocTypeEntry>();
            if (_impls.TryGetValue(t, out var im)) { var arr = im.ToArray(); System.Array.Sort(arr); impls[t] = arr; }
            else impls[t] = System.Array.Empty<uint>();
            layouts[t] = _layouts.TryGetValue(t, out var l) ? l : null;
            schemas[t] = _schemas.TryGetValue(t, out var sc) ? sc : null;
        }
        return new Module(_fns.ToArray(), _generic.ToArray(), _imports.ToArray(), _types.ToArray(), _methods.ToArray(),
            vcall, scall, assoc, impls, layouts, schemas, _effects.ToArray(), entry);
    }

    static DispatchEntry[] Sorted(List<DispatchEntry> l)
    {
        var a = l.ToArray();
        System.Array.Sort(a, (x, y) => x.MethodId.CompareTo(y.MethodId));
        return a;
    }

    // ---- instruction shorthands ----------------------------------------------------------------

    public static Instr Int(uint dst, long v) => new ConstInstr(dst, ConstValue.Int(v));
    public static Instr Bool(uint dst, bool v) => new ConstInstr(dst, ConstValue.Bool(v));
    public static Instr Str(uint dst, string v) => new ConstInstr(dst, ConstValue.String(v));
    public static Instr UnitC(uint dst) => new ConstInstr(dst, ConstValue.Unit);
    public static Instr Float(uint dst, double v) => new ConstInstr(dst, ConstValue.FloatBits(BitConverter.DoubleToInt64Bits(v)));
    public static Instr TypeRepC(uint dst, TypeRepKind k) => new ConstInstr(dst, ConstValue.OfTypeRep(TypeRepLit.Of(k)));
    public static Instr FnRef(uint dst, uint fn) => new ConstInstr(dst, ConstValue.Function(fn));
    public static Instr Bin(Opcode op, uint dst, uint a, uint b) => new BinaryInstr(op, dst, a, b);
    public static Instr Un(Opcode op, uint dst, uint src) => new UnaryInstr(op, dst, src);
    public static Instr Ret(uint r) => new ReturnInstr(r);
    public static Instr Jump(uint t) => new JumpInstr(t);
    public static Instr JumpIf(uint c, uint t, uint e) => new JumpIfInstr(c, t, e);
    public static Instr Call(uint? dst, uint fn, params uint[] args) =>
        new CallInstr(dst is uint d ? new OptReg(d) : OptReg.None, new CallTarget(CallKind.Bc, fn), args);
    public static Instr Host(uint? dst, uint id, params uint[] args) =>
        new CallInstr(dst is uint d ? new OptReg(d) : OptReg.None, new CallTarget(CallKind.Host, id), args);
    public static Instr Intr(uint? dst, Intrinsic id, params uint[] args) =>
        new CallInstr(dst is uint d ? new OptReg(d) : OptReg.None, new CallTarget(CallKind.Intrinsic, (uint)id), args);
    public static Instr Tuple(uint dst, params uint[] items) => new MakeSeqInstr(Opcode.MakeTuple, dst, items);
    public static Instr Array(uint dst, params uint[] items) => new MakeSeqInstr(Opcode.MakeArray, dst, items);
    public static EffectSpec Eff(string iface, string method) => new(iface, System.Array.Empty<uint>(), method);
    public static Instr Perform(uint? dst, string iface, string method, params uint[] args) =>
        new PerformInstr(dst is uint d ? new OptReg(d) : OptReg.None, Eff(iface, method), args);
    public static Instr Trap(string message) => new TrapInstr(message);
}
