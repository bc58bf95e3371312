// Structure-aware mutations for rusk-vm fuzz: decoded corpus modules changed through the model
// (register operands, jump targets, constants, opcodes within a shape, whole instructions, register
// and parameter counts, the entry, generic counts, struct layouts) and written back with RbcWriter,
// so most inputs still decode and verify and reach the interpreter. Input (seed, index) is a pure
// function of both, like RbcMutator's byte-level inputs.
using System;
using System.Globalization;
using System.Text;
using Rusk.Vm.Format;

namespace Rusk.Cli;

internal sealed class ModuleMutator
{
    readonly Module[] _originals;

    public ModuleMutator(Module[] originals) { _originals = originals; }

    public int FileOf(ulong seed, long index) => (int)(RbcMutator.Mix(seed ^ 0x5A5A_0000_0000_0000UL ^ (ulong)index) % (ulong)_originals.Length);

    /// <summary>The mutated module of input <paramref name="index"/>, encoded.</summary>
    public byte[] Apply(ulong seed, long index) => RbcWriter.Encode(Mutate(seed, index, null));

    public string Describe(ulong seed, long index)
    {
        var log = new StringBuilder();
        Mutate(seed, index, log);
        return log.ToString();
    }

    Module Mutate(ulong seed, long index, StringBuilder? log)
    {
        var m = _originals[FileOf(seed, index)];
        ulong rng = RbcMutator.Mix(seed ^ 0x3C3C_3C3C_0000_0000UL) ^ RbcMutator.Mix((ulong)index + 0x9E3779B97F4A7C15UL);
        var fns = (Function[])m.Functions.Clone();
        var generic = (uint[])m.FunctionGenericParams.Clone();
        var layouts = (string[]?[])m.StructLayouts.Clone();
        uint entry = m.Entry;
        int n = 1 + (int)(RbcMutator.Next(ref rng) % 3);
        for (int k = 0; k < n && fns.Length > 0; k++)
        {
            if (log != null && k > 0) log.Append("; ");
            int fi = (int)(RbcMutator.Next(ref rng) % (ulong)fns.Length);
            var f = fns[fi];
            int kind = (int)(RbcMutator.Next(ref rng) % 100);
            if (kind < 70 && f.Code.Length > 0)
            {
                var code = (Instr[])f.Code.Clone();
                int pc = (int)(RbcMutator.Next(ref rng) % (ulong)code.Length);
                string what = MutateInstr(code, pc, f, fns, ref rng);
                fns[fi] = new Function(f.Name, f.RegCount, f.ParamCount, code);
                log?.Append(CultureInfo.InvariantCulture, $"fn {fi} pc {pc}: {what}");
            }
            else if (kind < 82)
            {
                uint regs = Pick(ref rng, f.RegCount, 0, f.ParamCount, f.RegCount + 1, f.RegCount - 1, f.RegCount * 2, 1u << 20, 1u << 24, 0x7FFF_FFFF, 0xFFFF_FFFF);
                fns[fi] = new Function(f.Name, regs, f.ParamCount, f.Code);
                log?.Append(CultureInfo.InvariantCulture, $"fn {fi}: reg_count {f.RegCount} -> {regs}");
            }
            else if (kind < 88)
            {
                uint ps = Pick(ref rng, f.ParamCount, 0, f.ParamCount + 1, f.ParamCount - 1, f.RegCount, f.RegCount + 1);
                fns[fi] = new Function(f.Name, f.RegCount, ps, f.Code);
                log?.Append(CultureInfo.InvariantCulture, $"fn {fi}: param_count {f.ParamCount} -> {ps}");
            }
            else if (kind < 92)
            {
                entry = (uint)(RbcMutator.Next(ref rng) % (ulong)(fns.Length + 1));
                log?.Append(CultureInfo.InvariantCulture, $"entry -> {entry}");
            }
            else if (kind < 95 && generic.Length > fi)
            {
                generic[fi] = Pick(ref rng, generic[fi], 0, 1, 2, generic[fi] + 1, 0xFFFF_FFFF);
                log?.Append(CultureInfo.InvariantCulture, $"fn {fi}: generics -> {generic[fi]}");
            }
            else
            {
                int t = layouts.Length == 0 ? -1 : (int)(RbcMutator.Next(ref rng) % (ulong)layouts.Length);
                if (t < 0 || layouts[t] is not string[] fields || fields.Length == 0) { log?.Append("no layout"); continue; }
                int i = (int)(RbcMutator.Next(ref rng) % (ulong)fields.Length);
                var changed = (string[])fields.Clone();
                int how = (int)(RbcMutator.Next(ref rng) % 3);
                if (how == 0) changed = Array.FindAll(fields, x => x != fields[i]);
                else if (how == 1) changed[i] = changed[(i + 1) % changed.Length];
                else changed[i] = changed[i] + "_";
                layouts[t] = changed;
                log?.Append(CultureInfo.InvariantCulture, $"type {t}: layout field {i} {(how == 0 ? "dropped" : how == 1 ? "duplicated" : "renamed")}");
            }
        }
        try
        {
            return new Module(fns, generic, m.HostImports, m.TypeNames, m.MethodNames, m.VCallDispatch, m.SCallDispatch,
                m.AssocTypeDispatch, m.InterfaceImpls, layouts, m.AbiSchemas, m.ExternalEffects, entry);
        }
        catch (ModuleException)
        {
            // The model refused the changed tables: the input keeps its instruction mutations only.
            return new Module(fns, generic, m.HostImports, m.TypeNames, m.MethodNames, m.VCallDispatch, m.SCallDispatch,
                m.AssocTypeDispatch, m.InterfaceImpls, m.StructLayouts, m.AbiSchemas, m.ExternalEffects, entry);
        }
    }

    /// <summary>Changes code[pc] in one of several ways; returns what it did.</summary>
    static string MutateInstr(Instr[] code, int pc, Function f, Function[] fns, ref ulong rng)
    {
        var ins = code[pc];
        int how = (int)(RbcMutator.Next(ref rng) % 100);
        if (how < 40 && WithRegister(ins, (int)(RbcMutator.Next(ref rng) % 4), Register(ref rng, f), out var r))
        {
            code[pc] = r;
            return $"register of {ins.Op}";
        }
        if (how < 55 && Retarget(ins, Target(ref rng, code.Length), out var t))
        {
            code[pc] = t;
            return $"target of {ins.Op}";
        }
        if (how < 65 && ins is ConstInstr c)
        {
            code[pc] = new ConstInstr(c.Dst, Constant(ref rng, c.Value));
            return "constant";
        }
        if (how < 75 && Reop(ins, ref rng, out var o))
        {
            code[pc] = o;
            return $"{ins.Op} -> {o.Op}";
        }
        if (how < 90)
        {
            var src = fns[(int)(RbcMutator.Next(ref rng) % (ulong)fns.Length)].Code;
            if (src.Length > 0)
            {
                code[pc] = src[(int)(RbcMutator.Next(ref rng) % (ulong)src.Length)];
                return $"{ins.Op} replaced by {code[pc].Op}";
            }
        }
        int other = (int)(RbcMutator.Next(ref rng) % (ulong)code.Length);
        (code[pc], code[other]) = (code[other], code[pc]);
        return $"swapped with pc {other}";
    }

    static uint Register(ref ulong rng, Function f) =>
        Pick(ref rng, 0, 0, 1, f.RegCount - 1, f.RegCount, f.ParamCount, (uint)(RbcMutator.Next(ref rng) % (f.RegCount + 2UL)), 0xFFFF_FFFF);

    static uint Target(ref ulong rng, int n) => Pick(ref rng, 0, 0, (uint)n, (uint)n + 1, (uint)(RbcMutator.Next(ref rng) % (ulong)(n + 1)));

    static uint Pick(ref ulong rng, uint fallback, params uint[] choices) =>
        choices.Length == 0 ? fallback : choices[(int)(RbcMutator.Next(ref rng) % (ulong)choices.Length)];

    static ConstValue Constant(ref ulong rng, ConstValue old)
    {
        switch (RbcMutator.Next(ref rng) % 8)
        {
            case 0: return ConstValue.Int(0);
            case 1: return ConstValue.Int(-1);
            case 2: return ConstValue.Int(long.MaxValue);
            case 3: return ConstValue.Int(long.MinValue);
            case 4: return ConstValue.Int(old.Kind == ConstKind.Int ? old.Bits * 1000 + 1 : 1 << 30);
            case 5: return ConstValue.String(old.Kind == ConstKind.String ? old.Text + old.Text : "");
            case 6: return ConstValue.Bool(RbcMutator.Next(ref rng) % 2 == 0);
            default: return ConstValue.Function((uint)(RbcMutator.Next(ref rng) % 64));
        }
    }

    /// <summary>The instruction with its <paramref name="which"/>-th register operand (mod its count) set to <paramref name="v"/>.</summary>
    static bool WithRegister(Instr ins, int which, uint v, out Instr result)
    {
        result = ins;
        switch (ins)
        {
            case ConstInstr c: result = new ConstInstr(v, c.Value); return true;
            case UnaryInstr u: result = which % 2 == 0 ? new UnaryInstr(u.Op, v, u.Src) : new UnaryInstr(u.Op, u.Dst, v); return true;
            case BinaryInstr b:
                result = (which % 3) switch
                {
                    0 => new BinaryInstr(b.Op, v, b.A, b.B),
                    1 => new BinaryInstr(b.Op, b.Dst, v, b.B),
                    _ => new BinaryInstr(b.Op, b.Dst, b.A, v),
                };
                return true;
            case IndexedGetInstr g: result = which % 2 == 0 ? new IndexedGetInstr(g.Op, v, g.Obj, g.Index) : new IndexedGetInstr(g.Op, g.Dst, v, g.Index); return true;
            case IndexedSetInstr s: result = which % 2 == 0 ? new IndexedSetInstr(s.Op, v, s.Index, s.Value) : new IndexedSetInstr(s.Op, s.Obj, s.Index, v); return true;
            case IndexSetInstr x:
                result = (which % 3) switch
                {
                    0 => new IndexSetInstr(v, x.Idx, x.Value),
                    1 => new IndexSetInstr(x.Arr, v, x.Value),
                    _ => new IndexSetInstr(x.Arr, x.Idx, v),
                };
                return true;
            case JumpIfInstr j: result = new JumpIfInstr(v, j.Then, j.Else); return true;
            case ReturnInstr: result = new ReturnInstr(v); return true;
            case MakeSeqInstr q:
                if (q.Items.Length == 0 || which == 0) { result = new MakeSeqInstr(q.Op, v, q.Items); return true; }
                result = new MakeSeqInstr(q.Op, q.Dst, Replace(q.Items, which, v));
                return true;
            case CallInstr call:
                if (call.Args.Length == 0 || which == 0) { result = new CallInstr(new OptReg(v), call.Target, call.Args); return true; }
                result = new CallInstr(call.Dst, call.Target, Replace(call.Args, which, v));
                return true;
            case ICallInstr ic:
                if (which == 0) { result = new ICallInstr(ic.Dst, v, ic.Args); return true; }
                if (ic.Args.Length == 0) { result = new ICallInstr(new OptReg(v), ic.FnPtr, ic.Args); return true; }
                result = new ICallInstr(ic.Dst, ic.FnPtr, Replace(ic.Args, which, v));
                return true;
            case ResumeInstr rs: result = which % 2 == 0 ? new ResumeInstr(rs.Dst, v, rs.Value) : new ResumeInstr(rs.Dst, rs.K, v); return true;
            case GetFieldInstr gf: result = new GetFieldInstr(gf.Dst, v, gf.Field); return true;
            case SetFieldInstr sf: result = new SetFieldInstr(sf.Obj, sf.Field, v); return true;
            default: return false;
        }
    }

    static uint[] Replace(uint[] regs, int which, uint v)
    {
        var r = (uint[])regs.Clone();
        r[which % r.Length] = v;
        return r;
    }

    static bool Retarget(Instr ins, uint target, out Instr result)
    {
        result = ins;
        switch (ins)
        {
            case JumpInstr: result = new JumpInstr(target); return true;
            case JumpIfInstr j: result = (target & 1) == 0 ? new JumpIfInstr(j.Cond, target, j.Else) : new JumpIfInstr(j.Cond, j.Then, target); return true;
            default: return false;
        }
    }

    /// <summary>Another opcode of the same operand shape (an int op for a byte op, len for copy, ...).</summary>
    static bool Reop(Instr ins, ref ulong rng, out Instr result)
    {
        result = ins;
        var op = (Opcode)(RbcMutator.Next(ref rng) % 64);
        switch (ins)
        {
            case UnaryInstr u when UnaryInstr.Accepts(op): result = new UnaryInstr(op, u.Dst, u.Src); return true;
            case BinaryInstr b when BinaryInstr.Accepts(op): result = new BinaryInstr(op, b.Dst, b.A, b.B); return true;
            default: return false;
        }
    }
}
