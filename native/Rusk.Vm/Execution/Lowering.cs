// Lowers a Module into the interpreter's flat form (LoweredModule.cs): one pass per function, operands
// validated once (so the loop indexes registers without range checks), call targets and struct
// layouts resolved, constants pre-built, patterns compiled. Instructions whose failure is certain
// from the module alone become Trap instructions carrying the reference VM's runtime message.
using System;
using System.Collections.Generic;
using Rusk.Vm.Format;

namespace Rusk.Vm.Execution;

internal static class Lowering
{
    public static LoweredModule Lower(Module module) => new Builder(module).Build();

    public static TypeRepLitInfo ResolveLit(TypeRepLit lit, Module module)
    {
        switch (lit.Kind)
        {
            case TypeRepKind.Tuple: return new TypeRepLitInfo(TypeRepKind.Tuple, lit.Arity, null);
            case TypeRepKind.Struct:
            case TypeRepKind.Enum:
            case TypeRepKind.Interface:
            {
                if (module.TryGetTypeId(lit.Name!, out var id)) return new TypeRepLitInfo(lit.Kind, id, null);
                string what = lit.Kind == TypeRepKind.Struct ? "struct" : lit.Kind == TypeRepKind.Enum ? "enum" : "interface";
                return new TypeRepLitInfo(lit.Kind, 0, $"unknown {what} type `{lit.Name}`");
            }
            default: return new TypeRepLitInfo(lit.Kind, 0, null);
        }
    }

    sealed class Builder
    {
        readonly Module _m;
        readonly List<int> _pool = new();
        readonly List<object> _sites = new();
        readonly List<Value> _consts = new();
        readonly List<TypeRepLitInfo> _lits = new();
        readonly List<string> _messages = new();
        readonly Dictionary<(string, string), int> _effectKeys = new();
        readonly Dictionary<string, string> _variants = new();
        readonly Func<string, string> _intern;
        int _dispatchSites, _typeRepSites, _typeArgSites;
        readonly uint _hashMethod, _eqMethod, _neMethod;
        readonly bool _hasHash, _hasEq, _hasNe;

        // Per-instruction state: the first out-of-range operand seen.
        LFunction _fn = null!;
        string? _regError;

        public Builder(Module m)
        {
            _m = m;
            _intern = Intern;
            _hasHash = m.TryGetMethodId("core::hash::Hash::hash", out _hashMethod);
            _hasEq = m.TryGetMethodId("core::ops::Eq::eq", out _eqMethod);
            _hasNe = m.TryGetMethodId("core::ops::Ne::ne", out _neMethod);
        }

        /// <summary>
        /// Variant names go through the runtime's intern pool, so module strings and the intrinsics'
        /// literals ("Some", "None") are the same objects and a switch compares references.
        /// </summary>
        string Intern(string s)
        {
            if (_variants.TryGetValue(s, out var x)) return x;
            x = string.Intern(s);
            _variants[s] = x;
            return x;
        }

        public LoweredModule Build()
        {
            var fs = _m.Functions;
            var lfs = new LFunction[fs.Length];
            for (int i = 0; i < fs.Length; i++)
            {
                var f = fs[i];
                int generic = i < _m.FunctionGenericParams.Length ? (int)Math.Min(_m.FunctionGenericParams[i], int.MaxValue) : 0;
                lfs[i] = new LFunction(i, f.Name, (int)Math.Min(f.RegCount, LFunction.MaxRegCount), (int)Math.Min(f.ParamCount, int.MaxValue), generic);
            }
            foreach (var schema in _m.AbiSchemas)
                if (schema != null)
                    foreach (var v in schema.Variants) Intern(v.Name);
            for (int i = 0; i < fs.Length; i++) LowerFunction(fs[i], lfs[i], lfs);
            return new LoweredModule(_m, lfs, _pool.ToArray(), _sites.ToArray(), _consts.ToArray(), _lits.ToArray(),
                _messages.ToArray(), _dispatchSites, _typeRepSites, _typeArgSites, _variants);
        }

        void LowerFunction(Function f, LFunction lf, LFunction[] all)
        {
            _fn = lf;
            var src = f.Code;
            var code = new LInstr[src.Length + 1];
            for (int pc = 0; pc < src.Length; pc++)
            {
                _regError = null;
                var ins = LowerInstr(src[pc], src.Length, all);
                code[pc] = _regError != null ? TrapWith(_regError) : ins;
            }
            code[src.Length] = new LInstr(Op.ImplicitReturn);
            Fuse(code);
            lf.Code = code;
            lf.InitRegs = WriteAnalysis.RegistersNeedingInit(f);
        }

        int R(uint reg)
        {
            if (reg < (uint)_fn.RegCount) return (int)reg;
            _regError ??= $"reg {reg} out of range (reg_count={_fn.RegCount})";
            return 0;
        }

        int Dst(OptReg d) => d.HasValue ? R(d.Reg) : -1;

        static int Pc(uint target, int codeLen) => target > (uint)codeLen ? codeLen : (int)target;

        int[] Regs(uint[] regs)
        {
            if (regs.Length == 0) return Array.Empty<int>();
            var r = new int[regs.Length];
            for (int i = 0; i < regs.Length; i++) r[i] = R(regs[i]);
            return r;
        }

        int List(uint[] regs)
        {
            int at = _pool.Count;
            _pool.Add(regs.Length);
            foreach (var r in regs) _pool.Add(R(r));
            return at;
        }

        int Site(object site) { _sites.Add(site); return _sites.Count - 1; }

        LInstr TrapWith(string message)
        {
            _messages.Add(message);
            return new LInstr(Op.Trap, _messages.Count - 1);
        }

        int Lit(TypeRepLit lit)
        {
            _lits.Add(ResolveLit(lit, _m));
            return _lits.Count - 1;
        }

        EffectRef Effect(EffectSpec e)
        {
            var key = (e.Interface, e.Method);
            if (!_effectKeys.TryGetValue(key, out int k)) { k = _effectKeys.Count; _effectKeys[key] = k; }
            int ext = _m.TryGetExternalEffectId(e.Interface, e.Method, out var id) ? (int)id : -1;
            return new EffectRef(k, e.Interface, e.Method, Regs(e.InterfaceArgs), ext);
        }

        LPattern Pat(Pattern p) => LPattern.From(p, _m, _intern);

        LInstr LowerInstr(Format.Instr ins, int codeLen, LFunction[] all)
        {
            switch (ins)
            {
                case ConstInstr c:
                {
                    int dst = R(c.Dst);
                    var v = c.Value;
                    Value val;
                    switch (v.Kind)
                    {
                        case ConstKind.Unit: return new LInstr(Op.ConstUnit, dst);
                        case ConstKind.Bool: return new LInstr(Op.ConstBool, dst, v.AsBool ? 1 : 0);
                        case ConstKind.Int: return new LInstr(Op.ConstInt, dst, (int)v.Bits, (int)(v.Bits >> 32));
                        case ConstKind.Float: val = Value.FloatBits(v.Bits); break;
                        case ConstKind.String: val = Value.String(RString.FromString(v.Text!)); break;
                        case ConstKind.Bytes: val = Value.Bytes(new RBytes(v.Blob!)); break;
                        case ConstKind.Function: val = Value.Function((uint)v.Bits); break;
                        default: return new LInstr(Op.ConstTypeRep, dst, Lit(v.TypeRep!));
                    }
                    _consts.Add(val);
                    return new LInstr(Op.Const, dst, _consts.Count - 1);
                }
                case UnaryInstr u:
                {
                    Op op = u.Op switch
                    {
                        Opcode.Copy => Op.Copy, Opcode.Move => Op.Move, Opcode.AsReadonly => Op.AsReadonly,
                        Opcode.Len => Op.Len, Opcode.IntNot => Op.IntNot, Opcode.ByteNot => Op.ByteNot, _ => Op.BoolNot,
                    };
                    return new LInstr(op, R(u.Dst), R(u.Src));
                }
                case BinaryInstr b:
                    return new LInstr(BinaryOp(b.Op), R(b.Dst), R(b.A), R(b.B));
                case MakeTypeRepInstr mt:
                {
                    int dst = R(mt.Dst);
                    return new LInstr(Op.MakeTypeRep, dst, Site(new MakeTypeRepSite(Lit(mt.Base), Regs(mt.Args), _typeRepSites++)));
                }
                case AssocTypeRepInstr at:
                    return new LInstr(Op.AssocTypeRep, R(at.Dst), R(at.Recv), Site(new AssocSite(at.IfaceTypeId, at.Assoc)));
                case MakeStructInstr ms:
                {
                    int dst = R(ms.Dst);
                    var typeArgs = Regs(ms.TypeArgs);
                    var fieldRegs = Regs(ms.FieldRegs);
                    var layout = ms.TypeId < (uint)_m.StructLayouts.Length ? _m.StructLayouts[ms.TypeId] : null;
                    int[]? ordered = layout == null ? null : new int[layout.Length];
                    bool ok = ordered != null && ms.FieldNames.Length == layout!.Length;
                    if (ok)
                    {
                        var seen = new bool[layout!.Length];
                        for (int i = 0; i < ms.FieldNames.Length && ok; i++)
                        {
                            int idx = Array.IndexOf(layout, ms.FieldNames[i]);
                            if (idx < 0 || seen[idx]) ok = false;
                            else { seen[idx] = true; ordered![idx] = fieldRegs[i]; }
                        }
                    }
                    var site = new MakeStructSite(ms.TypeId, typeArgs, ok ? ordered! : fieldRegs, ms, _typeArgSites++);
                    // A large literal takes the checked helper, which charges the heap limit (HeapMeter.MaxInlineItems).
                    return new LInstr(ok && fieldRegs.Length <= HeapMeter.MaxInlineItems ? Op.MakeStruct : Op.MakeStructChecked, dst, Site(site));
                }
                case MakeSeqInstr mq:
                    if (mq.Items.Length > HeapMeter.MaxInlineItems)
                        return new LInstr(Op.MakeSeqLarge, R(mq.Dst), List(mq.Items), mq.Op == Opcode.MakeArray ? 1 : 0);
                    return new LInstr(mq.Op == Opcode.MakeArray ? Op.MakeArray : Op.MakeTuple, R(mq.Dst), List(mq.Items));
                case MakeEnumInstr me:
                {
                    int dst = R(me.Dst);
                    return new LInstr(Op.MakeEnum, dst, Site(new MakeEnumSite(me.TypeId, Regs(me.TypeArgs), Intern(me.Variant), Regs(me.Fields), _typeArgSites++)));
                }
                case GetFieldInstr gf:
                    return new LInstr(Op.GetField, Site(new FieldSite(gf.Field, R(gf.Obj), R(gf.Dst))));
                case SetFieldInstr sf:
                    return new LInstr(Op.SetField, Site(new FieldSite(sf.Field, R(sf.Obj), R(sf.Value))));
                case IndexedGetInstr ig:
                    return new LInstr(ig.Op == Opcode.StructGet ? Op.StructGet : Op.TupleGet, R(ig.Dst), R(ig.Obj), Index(ig.Index));
                case IndexedSetInstr iset:
                    return new LInstr(iset.Op == Opcode.StructSet ? Op.StructSet : Op.TupleSet, R(iset.Obj), Index(iset.Index), R(iset.Value));
                case IndexSetInstr ix:
                    return new LInstr(Op.IndexSet, R(ix.Arr), R(ix.Idx), R(ix.Value));
                case CallInstr call:
                    return LowerCall(call.Dst, call.Target, call.Args, all);
                case CallMultiInstr cm:
                {
                    if (cm.Target.Kind != CallKind.Bc) return TrapWith("CallMulti target must be a bytecode function");
                    if (cm.Target.Id >= (uint)all.Length) return TrapWith($"invalid function id {cm.Target.Id}");
                    var callee = all[cm.Target.Id];
                    if (cm.Args.Length != callee.ParamCount)
                        return TrapWith($"call arity mismatch: expected {callee.ParamCount} args but got {cm.Args.Length}");
                    return new LInstr(Op.CallMulti, Site(new CallMultiSite(Regs(cm.Dsts))), (int)cm.Target.Id, List(cm.Args));
                }
                case ICallInstr ic:
                    return new LInstr(Op.ICall, Dst(ic.Dst), R(ic.FnPtr), List(ic.Args));
                case DispatchCallInstr dc:
                {
                    var fast = FastPath.None;
                    if (dc.Op == Opcode.VCall && dc.MethodTypeArgs.Length == 0)
                    {
                        if (_hasHash && dc.Method == _hashMethod) fast = FastPath.Hash;
                        else if (_hasEq && dc.Method == _eqMethod) fast = FastPath.Eq;
                        else if (_hasNe && dc.Method == _neMethod) fast = FastPath.Ne;
                    }
                    var site = new DispatchSite(dc.Method, Regs(dc.MethodTypeArgs), Regs(dc.Args), fast, _dispatchSites++);
                    return new LInstr(dc.Op == Opcode.VCall ? Op.VCall : Op.SCall, Dst(dc.Dst), R(dc.Receiver), Site(site));
                }
                case PushHandlerInstr ph:
                {
                    var clauses = new HandlerClauseDef[ph.Clauses.Length];
                    bool mono = true;
                    for (int i = 0; i < clauses.Length; i++)
                    {
                        var c = ph.Clauses[i];
                        var pats = new LPattern[c.ArgPatterns.Length];
                        int binds = 0;
                        for (int j = 0; j < pats.Length; j++) { pats[j] = Pat(c.ArgPatterns[j]); binds += pats[j].BindCount; }
                        var eff = Effect(c.Effect);
                        if (eff.IfaceArgRegs.Length != 0) mono = false;
                        clauses[i] = new HandlerClauseDef(eff, pats, Pc(c.TargetPc, codeLen), Regs(c.ParamRegs), binds);
                    }
                    return new LInstr(Op.PushHandler, Site(new HandlerDef(clauses, mono)));
                }
                case PopHandlerInstr:
                    return new LInstr(Op.PopHandler);
                case PerformInstr pf:
                    return new LInstr(Op.Perform, Dst(pf.Dst), Site(new PerformSite(Effect(pf.Effect), Regs(pf.Args))));
                case ResumeInstr rs:
                    return new LInstr(Op.Resume, Dst(rs.Dst), R(rs.K), R(rs.Value));
                case ResumeTailInstr rt:
                    return new LInstr(Op.ResumeTail, R(rt.K), R(rt.Value));
                case JumpInstr j:
                    return new LInstr(Op.Jump, Pc(j.Target, codeLen));
                case JumpIfInstr ji:
                    return new LInstr(Op.JumpIf, R(ji.Cond), Pc(ji.Then, codeLen), Pc(ji.Else, codeLen));
                case SwitchInstr sw:
                {
                    int value = R(sw.Value);
                    var cases = new SwitchCaseDef[sw.Cases.Length];
                    for (int i = 0; i < cases.Length; i++)
                    {
                        var c = sw.Cases[i];
                        var pat = Pat(c.Pattern);
                        string? err = pat.BindCount != c.ParamRegs.Length
                            ? $"invalid switch binds: expected {c.ParamRegs.Length}, got {pat.BindCount}" : null;
                        cases[i] = new SwitchCaseDef(pat, Pc(c.TargetPc, codeLen), Regs(c.ParamRegs), err);
                    }
                    var site = new SwitchSite(cases, Pc(sw.Default, codeLen));
                    return new LInstr(site.EnumTypeId >= 0 ? Op.SwitchEnum : Op.Switch, value, Site(site));
                }
                case ReturnInstr ret:
                    return new LInstr(Op.Return, R(ret.Value));
                case ReturnMultiInstr rm:
                    return new LInstr(Op.ReturnMulti, List(rm.Values));
                case TrapInstr t:
                    return TrapWith(t.Message);
                default:
                    return TrapWith("unsupported instruction " + Rusk.Vm.Text.Mnemonics.OpcodeName(ins.Op));
            }
        }

        /// <summary>
        /// Marks fusable runs: only the first instruction's opcode changes (see Op.ConstIntAdd), so
        /// every instruction stays executable on its own (jump targets, fuel running out mid-run).
        /// </summary>
        static void Fuse(LInstr[] code)
        {
            int n = code.Length;
            var orig = new Op[n];
            for (int i = 0; i < n; i++) orig[i] = code[i].Op;
            Op At(int i) => i < n ? orig[i] : Op.ImplicitReturn;
            static bool IsCmp(Op op) => op is Op.IntLt or Op.IntLe or Op.IntGt or Op.IntGe or Op.IntEq or Op.IntNe;
            for (int i = 0; i + 1 < n; i++)
            {
                ref LInstr a = ref code[i];
                LInstr b = code[i + 1];
                switch (orig[i])
                {
                    case Op.ConstInt when b.Op == Op.IntAdd && At(i + 2) == Op.Jump:
                        a.Op = Op.ConstIntAddJump;
                        break;
                    case Op.ConstInt when IsCmp(b.Op) && At(i + 2) == Op.JumpIf && code[i + 2].A == b.A:
                        a.Op = Op.ConstIntCmpJump;
                        break;
                    case Op.ConstInt when b.Op == Op.IntAdd:
                        a.Op = Op.ConstIntAdd;
                        break;
                    case Op.StructGet or Op.TupleGet or Op.IndexGet when b.Op == Op.AsReadonly && b.B == a.A:
                        a.Op = a.Op == Op.StructGet ? Op.StructGetRo : a.Op == Op.TupleGet ? Op.TupleGetRo : Op.IndexGetRo;
                        break;
                    case Op.IntAdd when b.Op == Op.Jump:
                        a.Op = Op.IntAddJump;
                        break;
                    case Op.Copy when b.Op == Op.Jump:
                        a.Op = Op.CopyJump;
                        break;
                    case Op.IntLt or Op.IntLe or Op.IntGt or Op.IntGe or Op.IntEq or Op.IntNe when b.Op == Op.JumpIf && b.A == a.A:
                        a.Op = a.Op switch
                        {
                            Op.IntLt => Op.IntLtJump, Op.IntLe => Op.IntLeJump, Op.IntGt => Op.IntGtJump,
                            Op.IntGe => Op.IntGeJump, Op.IntEq => Op.IntEqJump, _ => Op.IntNeJump,
                        };
                        break;
                }
            }
        }

        /// <summary>`r = intrinsic(params...); return r` with every argument a parameter register.</summary>
        static bool IsIntrinsicWrapper(Function f, out CallInstr call)
        {
            call = null!;
            if (f.Code.Length != 2 || f.Code[0] is not CallInstr c || f.Code[1] is not ReturnInstr ret) return false;
            if (c.Target.Kind != CallKind.Intrinsic || !c.Dst.HasValue || c.Dst.Reg != ret.Value || c.Dst.Reg >= f.RegCount) return false;
            foreach (var a in c.Args)
                if (a >= f.ParamCount) return false;
            call = c;
            return true;
        }

        static int Index(uint idx) => idx > int.MaxValue ? int.MaxValue : (int)idx;

        LInstr LowerCall(OptReg dst, CallTarget target, uint[] args, LFunction[] all)
        {
            switch (target.Kind)
            {
                case CallKind.Bc:
                {
                    if (target.Id >= (uint)all.Length) return TrapWith($"invalid function id {target.Id}");
                    var callee = all[target.Id];
                    if (args.Length != callee.ParamCount)
                        return TrapWith($"call arity mismatch: expected {callee.ParamCount} args but got {args.Length}");
                    if (IsIntrinsicWrapper(_m.Functions[target.Id], out var intrinsic))
                    {
                        int at = List(args);
                        _pool.Add((int)intrinsic.Target.Id);
                        _pool.Add(intrinsic.Args.Length);
                        foreach (var p in intrinsic.Args) _pool.Add(R(args[p]));
                        return new LInstr(Op.CallWrapped, Dst(dst), (int)target.Id, at);
                    }
                    return new LInstr(Op.Call, Dst(dst), (int)target.Id, List(args));
                }
                case CallKind.Host:
                {
                    if (target.Id >= (uint)_m.HostImports.Length) return TrapWith($"invalid host import id {target.Id}");
                    var import = _m.HostImports[target.Id];
                    if (args.Length != import.Sig.Params.Length)
                        return TrapWith($"host call `{import.Name}` arity mismatch: expected {import.Sig.Params.Length} args but got {args.Length}");
                    return new LInstr(Op.CallHost, Dst(dst), (int)target.Id, List(args));
                }
                default:
                    return new LInstr(Op.CallIntrinsic, Dst(dst), (int)target.Id, List(args));
            }
        }

        static Op BinaryOp(Opcode op) => op switch
        {
            Opcode.IsType => Op.IsType,
            Opcode.IndexGet => Op.IndexGet,
            Opcode.IntAdd => Op.IntAdd, Opcode.IntSub => Op.IntSub, Opcode.IntMul => Op.IntMul,
            Opcode.IntDiv => Op.IntDiv, Opcode.IntMod => Op.IntMod,
            Opcode.IntLt => Op.IntLt, Opcode.IntLe => Op.IntLe, Opcode.IntGt => Op.IntGt, Opcode.IntGe => Op.IntGe,
            Opcode.IntEq => Op.IntEq, Opcode.IntNe => Op.IntNe,
            Opcode.BoolEq => Op.BoolEq, Opcode.BoolNe => Op.BoolNe,
            Opcode.IntAnd => Op.IntAnd, Opcode.IntOr => Op.IntOr, Opcode.IntXor => Op.IntXor,
            Opcode.IntShl => Op.IntShl, Opcode.IntShr => Op.IntShr, Opcode.IntUShr => Op.IntUShr,
            Opcode.ByteAnd => Op.ByteAnd, Opcode.ByteOr => Op.ByteOr, Opcode.ByteXor => Op.ByteXor,
            Opcode.ByteShl => Op.ByteShl, Opcode.ByteShr => Op.ByteShr, _ => Op.ByteUShr,
        };
    }
}
