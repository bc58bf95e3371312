// The importer (after ILCompiler's ILImporter): splits a method body into basic blocks, resolves
// every token, and abstract-interprets the evaluation stack (ECMA-335 §III.1.7) so each IR
// instruction knows the types it pops and pushes. One case per opcode family; anything we do not
// compile is a CompileError naming the IL offset.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection.Metadata;
using Rusk.Aot.TypeSystem;

namespace Rusk.Aot.IL;

internal sealed class Importer
{
    readonly TypeSystemContext _ts;
    public Importer(TypeSystemContext ts) { _ts = ts; }

    /// <summary>`this` as the body sees it: the class itself; a struct's box (ByRef, docs/aot.md);
    /// a primitive or enum by value (the corlib convention for Int32.ToString etc.).</summary>
    public TypeDesc ThisType(DefType owner)
    {
        if (!owner.IsValueType) return owner;
        return owner.IsStruct ? _ts.ByRefOf(owner) : owner;
    }

    public static SType StackOf(TypeDesc t)
    {
        switch (t)
        {
            case ByRefType r: return new SType(SK.ByRef, r.Target);
            case DefType d when d.Prim != null:
                return d.Prim switch
                {
                    PrimitiveTypeCode.Int64 or PrimitiveTypeCode.UInt64 => SType.I64,
                    PrimitiveTypeCode.Single => SType.F32,
                    PrimitiveTypeCode.Double => SType.F64,
                    PrimitiveTypeCode.Void => throw new CompileError("void value"),
                    _ => SType.I32,
                };
            case DefType d when d.IsEnum: return StackOf(EnumUnderlying(d));
            case GenericParamType g: throw new CompileError($"uninstantiated generic parameter {g}");
            default: return new SType(SK.Ref, t);
        }
    }

    public static TypeDesc EnumUnderlying(DefType e)
    {
        foreach (var f in e.Context.FieldsOf(e))
            if (!f.IsStatic) return f.Type;
        throw new CompileError($"enum {e} has no value__ field");
    }

    public IrMethod Import(MethodDesc m)
    {
        var asm = m.Owner.Asm!;
        var def = m.Def;
        if (def.RelativeVirtualAddress == 0) throw new CompileError($"{m} has no IL body (extern, abstract or runtime-implemented)");
        var body = asm.Pe.GetMethodBody(def.RelativeVirtualAddress);
        var ctx = new GenericContext(m.Owner.Inst, m.MethodInst);
        var args = new List<TypeDesc>();
        if (!m.IsStatic) args.Add(ThisType(m.Owner));
        args.AddRange(m.Sig.Params);
        var locals = body.LocalSignature.IsNil ? Array.Empty<TypeDesc>()
            : asm.Md.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(_ts.Decoder(asm), ctx).ToArray();
        var ir = new IrMethod { Method = m, Args = args.ToArray(), Locals = locals };
        var il = ILReader.Decode(body.GetILBytes() ?? Array.Empty<byte>());
        foreach (var r in body.ExceptionRegions)
        {
            ir.Regions.Add(new EhRegion
            {
                Kind = r.Kind,
                TryStart = r.TryOffset,
                TryEnd = r.TryOffset + r.TryLength,
                HandlerStart = r.HandlerOffset,
                HandlerEnd = r.HandlerOffset + r.HandlerLength,
                CatchType = r.Kind == ExceptionRegionKind.Catch ? _ts.ResolveType(asm, r.CatchType, ctx) : null,
                FilterStart = r.Kind == ExceptionRegionKind.Filter ? r.FilterOffset : -1,
            });
        }
        SplitBlocks(ir, il);
        new Typer(this, ir, asm, ctx).Run(il);
        CheckFilters(ir);
        return ir;
    }

    /// <summary>Filters run after inner finally blocks here (catch, test, rethrow), not before them as
    /// .NET's first pass does; that is only unobservable when the filter has no effects, so a filter
    /// may only read locals, arguments and fields, test types and compare (else a CompileError).</summary>
    static void CheckFilters(IrMethod ir)
    {
        foreach (var b in ir.Blocks)
        {
            if (b.Part != RegionPart.Filter) continue;
            foreach (var ins in b.Insts)
            {
                bool pure = ins.Op is ILOpCode.Nop or ILOpCode.Ldloc or ILOpCode.Stloc or ILOpCode.Ldarg or ILOpCode.Ldc_i4
                    or ILOpCode.Ldc_i8 or ILOpCode.Ldnull or ILOpCode.Isinst or ILOpCode.Dup or ILOpCode.Pop or ILOpCode.Ceq
                    or ILOpCode.Cgt or ILOpCode.Cgt_un or ILOpCode.Clt or ILOpCode.Clt_un or ILOpCode.Ldfld or ILOpCode.Endfilter
                    or ILOpCode.Br or ILOpCode.Unbox_any or ILOpCode.Castclass or ILOpCode.Ldc_r4 or ILOpCode.Ldc_r8
                    or ILOpCode.Add or ILOpCode.Sub or ILOpCode.Mul or ILOpCode.And or ILOpCode.Or or ILOpCode.Xor
                    or ILOpCode.Not or ILOpCode.Neg or ILOpCode.Shl or ILOpCode.Shr or ILOpCode.Shr_un or ILOpCode.Ldlen
                    || IsCondBranch(ins.Op) || (ins.Op.ToString().StartsWith("Conv_") && !ins.Op.ToString().Contains("ovf"));
                if (!pure) throw new CompileError($"IL_{ins.IL.Offset:X4}: exception filter with {ins.Op.ToString().ToLowerInvariant()} (only effect-free filters are supported)");
            }
        }
    }

    static void SplitBlocks(IrMethod ir, List<ILInstr> il)
    {
        var leaders = new SortedSet<int> { 0 };
        int end = il.Count == 0 ? 0 : il[^1].Next;
        foreach (var ins in il)
        {
            if (ins.Targets != null) foreach (int t in ins.Targets) leaders.Add(t);
            if (EndsBlock(ins.Op) && ins.Next < end) leaders.Add(ins.Next);
        }
        foreach (var r in ir.Regions)
        {
            leaders.Add(r.TryStart); leaders.Add(r.HandlerStart);
            if (r.FilterStart >= 0) leaders.Add(r.FilterStart);
            if (r.TryEnd < end) leaders.Add(r.TryEnd);
            if (r.HandlerEnd < end) leaders.Add(r.HandlerEnd);
        }
        var starts = new List<int>(leaders);
        var valid = new HashSet<int>();
        foreach (var ins in il) valid.Add(ins.Offset);
        foreach (int s in starts)
            if (s < end && !valid.Contains(s)) throw new CompileError($"IL_{s:X4}: branch or region boundary inside an instruction");
        for (int k = 0; k < starts.Count; k++)
        {
            if (starts[k] >= end) continue;
            ir.Blocks.Add(new IrBlock { Index = ir.Blocks.Count, Start = starts[k], End = k + 1 < starts.Count ? Math.Min(starts[k + 1], end) : end });
        }
        // Innermost region per block: regions are listed inner-first (ECMA-335 §II.19).
        for (int ri = 0; ri < ir.Regions.Count; ri++)
        {
            var r = ir.Regions[ri];
            for (int rj = ri + 1; rj < ir.Regions.Count; rj++)
            {
                var o = ir.Regions[rj];
                if (o.TryStart == r.TryStart && o.TryEnd == r.TryEnd)
                {
                    // Another clause of the same try: it belongs to the first clause.
                    var first = r.Primary ?? r;
                    if (o.Kind is not (ExceptionRegionKind.Catch or ExceptionRegionKind.Filter) || first.Kind is not (ExceptionRegionKind.Catch or ExceptionRegionKind.Filter))
                        throw new CompileError($"IL_{r.TryStart:X4}: a try with a finally/fault and other handlers");
                    if (o.Primary == null) { o.Primary = first; first.Siblings.Add(o); }
                    continue;
                }
                bool inside = (r.TryStart >= o.TryStart && r.HandlerEnd <= o.TryEnd) || (r.TryStart >= o.HandlerStart && r.HandlerEnd <= o.HandlerEnd)
                    || (o.FilterStart >= 0 && r.TryStart >= o.FilterStart && r.HandlerEnd <= o.HandlerStart);
                if (inside && r.Parent < 0) r.Parent = rj;
            }
        }
        foreach (var b in ir.Blocks)
            for (int ri = 0; ri < ir.Regions.Count; ri++)
            {
                var r = ir.Regions[ri];
                bool inTry = b.Start >= r.TryStart && b.Start < r.TryEnd, inHandler = b.Start >= r.HandlerStart && b.Start < r.HandlerEnd;
                if (inTry || inHandler || r.InFilter(b.Start))
                {
                    b.Region = ri;
                    b.Part = inTry ? RegionPart.Try : inHandler ? RegionPart.Handler : RegionPart.Filter;
                    break;
                }
            }
    }

    static bool EndsBlock(ILOpCode op) => op is ILOpCode.Ret or ILOpCode.Throw or ILOpCode.Rethrow or ILOpCode.Endfinally
        or ILOpCode.Leave or ILOpCode.Br or ILOpCode.Switch or ILOpCode.Jmp or ILOpCode.Endfilter
        || op is >= ILOpCode.Brfalse and <= ILOpCode.Blt_un;

    public static bool IsCondBranch(ILOpCode op) => op is >= ILOpCode.Brfalse and <= ILOpCode.Blt_un;

    /// <summary>The abstract interpreter over one method's blocks.</summary>
    sealed class Typer
    {
        readonly Importer _imp; readonly TypeSystemContext _ts; readonly IrMethod _ir; readonly LoadedAssembly _asm; readonly GenericContext _ctx;
        readonly Dictionary<int, IrBlock> _byStart = new();
        public Typer(Importer imp, IrMethod ir, LoadedAssembly asm, GenericContext ctx)
        {
            _imp = imp; _ts = imp._ts; _ir = ir; _asm = asm; _ctx = ctx;
            foreach (var b in ir.Blocks) _byStart[b.Start] = b;
        }

        public void Run(List<ILInstr> il)
        {
            var byBlock = new Dictionary<IrBlock, List<ILInstr>>();
            int bi = 0;
            foreach (var ins in il)
            {
                while (bi + 1 < _ir.Blocks.Count && ins.Offset >= _ir.Blocks[bi + 1].Start) bi++;
                var b = _ir.Blocks[bi];
                if (!byBlock.TryGetValue(b, out var l)) byBlock[b] = l = new List<ILInstr>();
                l.Add(ins);
            }
            var work = new Queue<IrBlock>();
            void Enter(IrBlock b, SType[] stack)
            {
                if (b.Entry == null) { b.Entry = stack; work.Enqueue(b); return; }
                if (b.Entry.Length != stack.Length) throw new CompileError($"IL_{b.Start:X4}: stack depth {stack.Length} differs from {b.Entry.Length} on another path");
                bool changed = false;
                var merged = (SType[])b.Entry.Clone();
                for (int i = 0; i < stack.Length; i++)
                {
                    var m = Merge(merged[i], stack[i], b.Start);
                    if (m != merged[i]) { merged[i] = m; changed = true; }
                }
                if (changed) { b.Entry = merged; work.Enqueue(b); }
            }
            if (_ir.Blocks.Count > 0) Enter(_ir.Blocks[0], Array.Empty<SType>());
            foreach (var r in _ir.Regions)
            {
                var hb = _byStart[r.HandlerStart];
                Enter(hb, r.Kind == ExceptionRegionKind.Catch ? new[] { new SType(SK.Ref, r.CatchType) }
                    : r.Kind == ExceptionRegionKind.Filter ? new[] { new SType(SK.Ref, _ts.Object) } : Array.Empty<SType>());
                if (r.FilterStart >= 0) Enter(_byStart[r.FilterStart], new[] { new SType(SK.Ref, _ts.Object) });
            }
            while (work.Count > 0)
            {
                var b = work.Dequeue();
                var stack = new List<SType>(b.Entry!);
                b.Insts.Clear();
                var insts = byBlock.TryGetValue(b, out var li) ? li : new List<ILInstr>();
                foreach (var ins in insts) b.Insts.Add(Step(ins, stack));
                var last = insts.Count > 0 ? insts[^1] : null;
                var succ = new List<int>();
                int next = b.End;
                if (last == null || !EndsBlock(last.Op)) succ.Add(next);
                else if (last.Op == ILOpCode.Br || last.Op == ILOpCode.Leave) succ.Add(last.Targets![0]);
                else if (IsCondBranch(last.Op)) { succ.Add(last.Targets![0]); succ.Add(next); }
                else if (last.Op == ILOpCode.Switch) { succ.AddRange(last.Targets!); succ.Add(next); }
                var ids = new int[succ.Count];
                var exit = last?.Op == ILOpCode.Leave ? Array.Empty<SType>() : stack.ToArray();
                for (int k = 0; k < succ.Count; k++)
                {
                    if (!_byStart.TryGetValue(succ[k], out var sb)) throw new CompileError($"IL_{b.Start:X4}: falls off the end of the method");
                    ids[k] = sb.Index;
                    Enter(sb, exit);
                }
                b.Succs = ids;
            }
        }

        SType Merge(SType a, SType b, int at)
        {
            if (a == b) return a;
            if (a.Kind == SK.Ref && b.Kind == SK.Ref)
            {
                if (a.Type == null) return b;
                if (b.Type == null) return a;
                return new SType(SK.Ref, CommonBase(a.Type, b.Type));
            }
            if ((a.Kind == SK.F32 || a.Kind == SK.F64) && (b.Kind == SK.F32 || b.Kind == SK.F64)) return SType.F64;
            throw new CompileError($"IL_{at:X4}: stack slot is {a} on one path and {b} on another");
        }

        TypeDesc CommonBase(TypeDesc a, TypeDesc b)
        {
            if (a is DefType da && b is DefType db && !da.IsInterface && !db.IsInterface && !da.IsValueType && !db.IsValueType)
                for (DefType? x = da; x != null; x = x.BaseType)
                    for (DefType? y = db; y != null; y = y.BaseType)
                        if (x == y) return x;
            return _ts.Object;
        }

        static SType Pop(List<SType> s, ILInstr ins)
        {
            if (s.Count == 0) throw new CompileError($"IL_{ins.Offset:X4}: stack underflow");
            var v = s[^1]; s.RemoveAt(s.Count - 1); return v;
        }

        IrInst Step(ILInstr ins, List<SType> s)
        {
            var ir = new IrInst(ins);
            var pops = new List<SType>();
            void P(int n) { var tmp = new SType[n]; for (int k = n - 1; k >= 0; k--) tmp[k] = Pop(s, ins); pops.AddRange(tmp); }
            void Push(SType t) { ir.Push = t; s.Add(t); }
            TypeDesc TokType() => _ts.ResolveType(_asm, ins.Token, _ctx);
            switch (ins.Op)
            {
                case ILOpCode.Nop: case ILOpCode.Break: break;
                case ILOpCode.Ldarg: Push(StackOf(Arg(ins))); break;
                case ILOpCode.Ldarga: Push(new SType(SK.ByRef, Arg(ins))); break;
                case ILOpCode.Starg: Arg(ins); P(1); break;
                case ILOpCode.Ldloc: Push(StackOf(Local(ins))); break;
                case ILOpCode.Ldloca: Push(new SType(SK.ByRef, Local(ins))); break;
                case ILOpCode.Stloc: Local(ins); P(1); break;
                case ILOpCode.Ldnull: Push(SType.Null); break;
                case ILOpCode.Ldc_i4: Push(SType.I32); break;
                case ILOpCode.Ldc_i8: Push(SType.I64); break;
                case ILOpCode.Ldc_r4: Push(SType.F32); break;
                case ILOpCode.Ldc_r8: Push(SType.F64); break;
                case ILOpCode.Ldstr:
                    ir.Operand = _asm.Md.GetUserString(System.Reflection.Metadata.Ecma335.MetadataTokens.UserStringHandle((int)(ins.Int & 0xFFFFFF)));
                    Push(new SType(SK.Ref, _ts.String)); break;
                case ILOpCode.Dup: { var t = s.Count > 0 ? s[^1] : throw new CompileError($"IL_{ins.Offset:X4}: stack underflow"); P(1); Push(t); s.Add(t); ir.Push = t; break; }
                case ILOpCode.Pop: P(1); break;
                case ILOpCode.Ret:
                    if (!(_ir.Method.Sig.Return is DefType { IsVoid: true })) P(1);
                    if (s.Count != 0) throw new CompileError($"IL_{ins.Offset:X4}: stack not empty at ret");
                    break;
                case ILOpCode.Br: case ILOpCode.Leave: if (ins.Op == ILOpCode.Leave) s.Clear(); break;
                case ILOpCode.Brfalse: case ILOpCode.Brtrue: P(1); break;
                case ILOpCode.Beq:
                case ILOpCode.Bge:
                case ILOpCode.Bgt:
                case ILOpCode.Ble:
                case ILOpCode.Blt:
                case ILOpCode.Bne_un:
                case ILOpCode.Bge_un:
                case ILOpCode.Bgt_un:
                case ILOpCode.Ble_un:
                case ILOpCode.Blt_un:
                    P(2); break;
                case ILOpCode.Switch: P(1); break;
                case ILOpCode.Ceq:
                case ILOpCode.Cgt:
                case ILOpCode.Cgt_un:
                case ILOpCode.Clt:
                case ILOpCode.Clt_un:
                    P(2); Push(SType.I32); break;
                case ILOpCode.Add:
                case ILOpCode.Sub:
                case ILOpCode.Mul:
                case ILOpCode.Div:
                case ILOpCode.Div_un:
                case ILOpCode.Rem:
                case ILOpCode.Rem_un:
                case ILOpCode.And:
                case ILOpCode.Or:
                case ILOpCode.Xor:
                case ILOpCode.Add_ovf:
                case ILOpCode.Add_ovf_un:
                case ILOpCode.Sub_ovf:
                case ILOpCode.Sub_ovf_un:
                case ILOpCode.Mul_ovf:
                case ILOpCode.Mul_ovf_un:
                {
                    P(2);
                    var (a, b) = (pops[0], pops[1]);
                    if (a.Kind is SK.ByRef or SK.Ref || b.Kind is SK.ByRef or SK.Ref)
                        throw new CompileError($"IL_{ins.Offset:X4}: pointer arithmetic ({ins.Op} on {a}, {b}) is not supported");
                    if (a.Kind is SK.F32 or SK.F64 || b.Kind is SK.F32 or SK.F64)
                        Push(a.Kind == SK.F32 && b.Kind == SK.F32 ? SType.F32 : SType.F64);
                    else if (a.Kind != b.Kind) throw new CompileError($"IL_{ins.Offset:X4}: {ins.Op} on {a} and {b}");
                    else Push(a);
                    break;
                }
                case ILOpCode.Shl: case ILOpCode.Shr: case ILOpCode.Shr_un: P(2); Push(pops[0]); break;
                case ILOpCode.Neg: case ILOpCode.Not: P(1); Push(pops[0]); break;
                case ILOpCode.Conv_i1:
                case ILOpCode.Conv_i2:
                case ILOpCode.Conv_i4:
                case ILOpCode.Conv_u1:
                case ILOpCode.Conv_u2:
                case ILOpCode.Conv_u4:
                case ILOpCode.Conv_i:
                case ILOpCode.Conv_u:
                case ILOpCode.Conv_ovf_i1:
                case ILOpCode.Conv_ovf_i2:
                case ILOpCode.Conv_ovf_i4:
                case ILOpCode.Conv_ovf_u1:
                case ILOpCode.Conv_ovf_u2:
                case ILOpCode.Conv_ovf_u4:
                case ILOpCode.Conv_ovf_i:
                case ILOpCode.Conv_ovf_u:
                case ILOpCode.Conv_ovf_i1_un:
                case ILOpCode.Conv_ovf_i2_un:
                case ILOpCode.Conv_ovf_i4_un:
                case ILOpCode.Conv_ovf_u1_un:
                case ILOpCode.Conv_ovf_u2_un:
                case ILOpCode.Conv_ovf_u4_un:
                case ILOpCode.Conv_ovf_i_un:
                case ILOpCode.Conv_ovf_u_un:
                    P(1); NumericOperand(pops[0], ins); Push(SType.I32); break;
                case ILOpCode.Conv_i8:
                case ILOpCode.Conv_u8:
                case ILOpCode.Conv_ovf_i8:
                case ILOpCode.Conv_ovf_u8:
                case ILOpCode.Conv_ovf_i8_un:
                case ILOpCode.Conv_ovf_u8_un:
                    P(1); NumericOperand(pops[0], ins); Push(SType.I64); break;
                case ILOpCode.Conv_r4: P(1); NumericOperand(pops[0], ins); Push(SType.F32); break;
                case ILOpCode.Conv_r8: case ILOpCode.Conv_r_un: P(1); NumericOperand(pops[0], ins); Push(SType.F64); break;
                case ILOpCode.Ckfinite: P(1); Push(pops[0]); break;
                case ILOpCode.Throw: P(1); s.Clear(); break;
                case ILOpCode.Rethrow: case ILOpCode.Endfinally: s.Clear(); break;
                case ILOpCode.Endfilter: P(1); s.Clear(); break;
                case ILOpCode.Call:
                case ILOpCode.Callvirt:
                case ILOpCode.Newobj:
                {
                    var m = _ts.ResolveMethod(_asm, ins.Token, _ctx);
                    ir.Operand = m;
                    if (m.Sig.GenericArity > 0 && m.MethodInst.Length == 0) throw new CompileError($"IL_{ins.Offset:X4}: call to uninstantiated generic method {m}");
                    int n = m.Sig.Params.Length + (m.IsStatic || ins.Op == ILOpCode.Newobj ? 0 : 1);
                    P(n);
                    if (ins.Op == ILOpCode.Newobj) Push(new SType(SK.Ref, m.Owner));
                    else if (!(m.Sig.Return is DefType { IsVoid: true })) Push(StackOf(m.Sig.Return));
                    if (!ins.Constrained.IsNil) ir.Constrained = _ts.ResolveType(_asm, ins.Constrained, _ctx);
                    break;
                }
                case ILOpCode.Ldftn: ir.Operand = _ts.ResolveMethod(_asm, ins.Token, _ctx); Push(new SType(SK.FnPtr, null)); break;
                case ILOpCode.Ldvirtftn: ir.Operand = _ts.ResolveMethod(_asm, ins.Token, _ctx); P(1); Push(new SType(SK.FnPtr, null)); break;
                case ILOpCode.Ldfld:
                case ILOpCode.Ldflda:
                {
                    var f = _ts.ResolveField(_asm, ins.Token, _ctx);
                    ir.Operand = f; P(1);
                    Push(ins.Op == ILOpCode.Ldfld ? StackOf(f.Type) : new SType(SK.ByRef, f.Type));
                    break;
                }
                case ILOpCode.Stfld: ir.Operand = _ts.ResolveField(_asm, ins.Token, _ctx); P(2); break;
                case ILOpCode.Ldsfld:
                case ILOpCode.Ldsflda:
                {
                    var f = _ts.ResolveField(_asm, ins.Token, _ctx);
                    ir.Operand = f;
                    Push(ins.Op == ILOpCode.Ldsfld ? StackOf(f.Type) : new SType(SK.ByRef, f.Type));
                    break;
                }
                case ILOpCode.Stsfld: ir.Operand = _ts.ResolveField(_asm, ins.Token, _ctx); P(1); break;
                case ILOpCode.Newarr: { var t = TokType(); ir.Operand = t; P(1); Push(new SType(SK.Ref, _ts.ArrayOf(t))); break; }
                case ILOpCode.Ldlen: P(1); ArrayOperand(pops[0], ins); Push(SType.I32); break;
                case ILOpCode.Ldelema: { var t = TokType(); ir.Operand = t; P(2); Push(new SType(SK.ByRef, t)); break; }
                case ILOpCode.Ldelem:
                case ILOpCode.Ldelem_i1:
                case ILOpCode.Ldelem_u1:
                case ILOpCode.Ldelem_i2:
                case ILOpCode.Ldelem_u2:
                case ILOpCode.Ldelem_i4:
                case ILOpCode.Ldelem_u4:
                case ILOpCode.Ldelem_i8:
                case ILOpCode.Ldelem_i:
                case ILOpCode.Ldelem_r4:
                case ILOpCode.Ldelem_r8:
                case ILOpCode.Ldelem_ref:
                {
                    P(2);
                    var et = ArrayOperand(pops[0], ins);
                    ir.Operand = et;
                    Push(StackOf(et));
                    break;
                }
                case ILOpCode.Stelem:
                case ILOpCode.Stelem_i:
                case ILOpCode.Stelem_i1:
                case ILOpCode.Stelem_i2:
                case ILOpCode.Stelem_i4:
                case ILOpCode.Stelem_i8:
                case ILOpCode.Stelem_r4:
                case ILOpCode.Stelem_r8:
                case ILOpCode.Stelem_ref:
                    P(3); ir.Operand = ArrayOperand(pops[0], ins); break;
                case ILOpCode.Ldind_i1:
                case ILOpCode.Ldind_u1:
                case ILOpCode.Ldind_i2:
                case ILOpCode.Ldind_u2:
                case ILOpCode.Ldind_i4:
                case ILOpCode.Ldind_u4:
                case ILOpCode.Ldind_i8:
                case ILOpCode.Ldind_i:
                case ILOpCode.Ldind_r4:
                case ILOpCode.Ldind_r8:
                case ILOpCode.Ldind_ref:
                {
                    P(1);
                    var target = IndirTarget(pops[0], ins);
                    ir.Operand = target;
                    Push(StackOf(target));
                    break;
                }
                case ILOpCode.Ldobj: { var t = TokType(); ir.Operand = t; P(1); IndirTarget(pops[0], ins); Push(StackOf(t)); break; }
                case ILOpCode.Stind_i1:
                case ILOpCode.Stind_i2:
                case ILOpCode.Stind_i4:
                case ILOpCode.Stind_i8:
                case ILOpCode.Stind_r4:
                case ILOpCode.Stind_r8:
                case ILOpCode.Stind_i:
                case ILOpCode.Stind_ref:
                    P(2); ir.Operand = IndirTarget(pops[0], ins); break;
                case ILOpCode.Stobj: ir.Operand = TokType(); P(2); IndirTarget(pops[0], ins); break;
                case ILOpCode.Initobj: ir.Operand = TokType(); P(1); IndirTarget(pops[0], ins); break;
                case ILOpCode.Cpobj: ir.Operand = TokType(); P(2); break;
                case ILOpCode.Box:
                {
                    var t = TokType(); ir.Operand = t; P(1);
                    Push(new SType(SK.Ref, t is DefType { IsStruct: true } ? t : t.IsValueType ? _ts.Object : t));
                    break;
                }
                case ILOpCode.Unbox_any: { var t = TokType(); ir.Operand = t; P(1); Push(StackOf(t)); break; }
                case ILOpCode.Unbox: { var t = TokType(); ir.Operand = t; P(1); Push(new SType(SK.ByRef, t)); break; }
                case ILOpCode.Castclass:
                case ILOpCode.Isinst:
                {
                    var t = TokType(); ir.Operand = t; P(1);
                    Push(new SType(SK.Ref, t.IsValueType && t is not DefType { IsStruct: true } ? _ts.Object : t));
                    break;
                }
                case ILOpCode.Ldtoken:
                {
                    if (ins.Token.Kind != HandleKind.FieldDefinition && ins.Token.Kind != HandleKind.MemberReference)
                        throw new CompileError($"IL_{ins.Offset:X4}: ldtoken of a {ins.Token.Kind} (reflection) is not supported");
                    ir.Operand = _ts.ResolveField(_asm, ins.Token, _ctx);
                    Push(new SType(SK.Token, null));
                    break;
                }
                default:
                    throw new CompileError($"IL_{ins.Offset:X4}: {ins.Op.ToString().ToLowerInvariant().Replace('_', '.')} is not supported");
            }
            ir.Pops = pops.ToArray();
            return ir;
        }

        static void NumericOperand(SType t, ILInstr ins)
        {
            if (t.Kind is SK.Ref or SK.ByRef or SK.FnPtr or SK.Token)
                throw new CompileError($"IL_{ins.Offset:X4}: numeric conversion of {t} (a pointer) is not supported");
        }

        TypeDesc ArrayOperand(SType t, ILInstr ins)
        {
            if (t.Kind == SK.Ref && t.Type is ArrayType a) return a.Element;
            throw new CompileError($"IL_{ins.Offset:X4}: array operand of static type {t} (use a typed array)");
        }

        TypeDesc IndirTarget(SType t, ILInstr ins)
        {
            if (t.Kind == SK.ByRef) return t.Type!;
            // `this` of a primitive's own method is the value itself (corlib convention).
            if (t.Kind is SK.I32 or SK.I64 or SK.F32 or SK.F64 && _ir.Method.Owner.IsPrimitive) return _ir.Method.Owner;
            if (t.Kind is SK.I32 or SK.I64 or SK.F32 or SK.F64 && _ir.Method.Owner.IsEnum) return Importer.EnumUnderlying(_ir.Method.Owner);
            throw new CompileError($"IL_{ins.Offset:X4}: indirect access through {t} (not a managed pointer) is not supported");
        }

        TypeDesc Arg(ILInstr ins)
        {
            if (ins.Int < 0 || ins.Int >= _ir.Args.Length) throw new CompileError($"IL_{ins.Offset:X4}: argument {ins.Int} out of range");
            return _ir.Args[ins.Int];
        }

        TypeDesc Local(ILInstr ins)
        {
            if (ins.Int < 0 || ins.Int >= _ir.Locals.Length) throw new CompileError($"IL_{ins.Offset:X4}: local {ins.Int} out of range");
            return _ir.Locals[ins.Int];
        }
    }
}
