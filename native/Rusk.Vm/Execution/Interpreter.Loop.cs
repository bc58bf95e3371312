// The instruction loop: one method, locals caching the running frame (code, pc, register base) and
// the fuel. Each case handles the common case inline; type errors, allocation-heavy work, calls
// into other kinds of code and effects go to helpers. Before calling a helper that can trap or
// change frames, the loop stores pc into the top frame and the fuel into _fuel, so a trap's Rusk
// stack and the instruction count are exact; helpers that change frames end in `goto reload`.
// Fused ops (Op.cs) run a following instruction inline, costing one fuel per instruction.
// The order of the cases matters for speed in the browser: Mono's jiterpreter compiles only a
// prefix of this method (about 24 KB of wasm, the budget loadRusk sets) into its trace, and a
// case laid out past it leaves the trace on every dispatch. Keep the hot cases first and the
// slow paths in helpers; measure with `make bench` (perf/README.md, "Where the time went").
using System;
using Rusk.Vm.Format;

namespace Rusk.Vm.Execution;

internal sealed partial class Interpreter
{
    StepResult Run()
    {
        var p = _p;
        int[] pool = p.Pool;
        object[] sites = p.Sites;
        Value[] consts = p.Consts;
        LFunction[] funcs = p.Functions;
        long fuel = _fuel;

        LFunction fn;
        LInstr[] code;
        Value[] stack;
        int pc, bp;

    reload:
        if (_fp == 0)
        {
            // Only reachable when a pinned tail resume left nothing to run.
            _fuel = fuel;
            if (fuel == 0) return StepResult.Yield(0);
            return Finish(AbiValue.Unit);
        }
        {
            ref Frame top = ref _frames[_fp - 1];
            fn = top.Fn; code = fn.Code; pc = top.Pc; bp = top.Bp;
            stack = _stack;
        }

        while (true)
        {
            if (--fuel < 0)
            {
                _frames[_fp - 1].Pc = pc;
                _fuel = 0;
                return StepResult.Yield(0);
            }
            ref LInstr ins = ref code[pc++];
            switch (ins.Op)
            {
                case Op.ConstInt:
                    stack[bp + ins.A].Set(Tag.Int, (long)(uint)ins.B | ((long)ins.C << 32));
                    continue;

                case Op.ConstIntAddJump:
                {
                    stack[bp + ins.A].Set(Tag.Int, (long)(uint)ins.B | ((long)ins.C << 32));
                    if (fuel == 0) continue;
                    ref LInstr n = ref code[pc];
                    ref Value a = ref stack[bp + n.B];
                    ref Value b = ref stack[bp + n.C];
                    if (a.Tag != Tag.Int || b.Tag != Tag.Int) continue;
                    fuel--;
                    pc++;
                    stack[bp + n.A].Set(Tag.Int, a.Bits + b.Bits);
                    if (fuel == 0) continue;
                    fuel--;
                    pc = code[pc].A;
                    continue;
                }

                case Op.ConstIntCmpJump:
                {
                    stack[bp + ins.A].Set(Tag.Int, (long)(uint)ins.B | ((long)ins.C << 32));
                    if (fuel == 0) continue;
                    ref LInstr n = ref code[pc];
                    ref Value a = ref stack[bp + n.B];
                    ref Value b = ref stack[bp + n.C];
                    if (a.Tag != Tag.Int || b.Tag != Tag.Int) continue;
                    fuel--;
                    pc++;
                    long x = a.Bits, y = b.Bits;
                    bool r = n.Op switch
                    {
                        Op.IntLt or Op.IntLtJump => x < y, Op.IntLe or Op.IntLeJump => x <= y,
                        Op.IntGt or Op.IntGtJump => x > y, Op.IntGe or Op.IntGeJump => x >= y,
                        Op.IntEq or Op.IntEqJump => x == y, _ => x != y,
                    };
                    stack[bp + n.A].Set(Tag.Bool, r ? 1L : 0L);
                    if (fuel == 0) continue;
                    fuel--;
                    ref LInstr j = ref code[pc];
                    pc = r ? j.B : j.C;
                    continue;
                }

                case Op.ConstIntAdd:
                {
                    stack[bp + ins.A].Set(Tag.Int, (long)(uint)ins.B | ((long)ins.C << 32));
                    if (fuel == 0) continue;
                    ref LInstr n = ref code[pc];
                    ref Value a = ref stack[bp + n.B];
                    ref Value b = ref stack[bp + n.C];
                    if (a.Tag != Tag.Int || b.Tag != Tag.Int) continue;
                    fuel--;
                    pc++;
                    stack[bp + n.A].Set(Tag.Int, a.Bits + b.Bits);
                    continue;
                }

                case Op.IntAdd:
                case Op.IntSub:
                case Op.IntMul:
                case Op.IntAnd:
                case Op.IntOr:
                case Op.IntXor:
                {
                    // One body for the non-trapping binary int ops keeps the loop's hot part small
                    // (the jiterpreter compiles a bounded prefix of this method into one trace).
                    ref Value a = ref stack[bp + ins.B];
                    ref Value b = ref stack[bp + ins.C];
                    if (a.Tag != Tag.Int || b.Tag != Tag.Int) throw IntOpError(pc, fuel, ref ins);
                    long x = a.Bits, y = b.Bits;
                    stack[bp + ins.A].Set(Tag.Int, ins.Op switch
                    {
                        Op.IntAdd => x + y, Op.IntSub => x - y, Op.IntMul => x * y,
                        Op.IntAnd => x & y, Op.IntOr => x | y, _ => x ^ y,
                    });
                    continue;
                }

                case Op.IntLtJump:
                case Op.IntLeJump:
                case Op.IntGtJump:
                case Op.IntGeJump:
                case Op.IntEqJump:
                case Op.IntNeJump:
                {
                    ref Value a = ref stack[bp + ins.B];
                    ref Value b = ref stack[bp + ins.C];
                    if (a.Tag != Tag.Int || b.Tag != Tag.Int) throw IntOpError(pc, fuel, ref ins);
                    long x = a.Bits, y = b.Bits;
                    bool r = ins.Op switch
                    {
                        Op.IntLtJump => x < y, Op.IntLeJump => x <= y, Op.IntGtJump => x > y,
                        Op.IntGeJump => x >= y, Op.IntEqJump => x == y, _ => x != y,
                    };
                    stack[bp + ins.A].Set(Tag.Bool, r ? 1L : 0L);
                    if (fuel == 0) continue;
                    fuel--;
                    ref LInstr j = ref code[pc];
                    pc = r ? j.B : j.C;
                    continue;
                }

                case Op.Copy:
                {
                    ref Value s = ref stack[bp + ins.B];
                    if (s.Tag == Tag.Uninit) throw Fail(pc, fuel, "copy from uninitialized reg ", ins.B);
                    stack[bp + ins.A].CopyFrom(s);
                    continue;
                }

                case Op.CopyJump:
                {
                    ref Value s = ref stack[bp + ins.B];
                    if (s.Tag == Tag.Uninit) throw Fail(pc, fuel, "copy from uninitialized reg ", ins.B);
                    stack[bp + ins.A].CopyFrom(s);
                    if (fuel == 0) continue;
                    fuel--;
                    pc = code[pc].A;
                    continue;
                }

                case Op.Jump:
                    pc = ins.A;
                    continue;

                case Op.JumpIf:
                {
                    ref Value c = ref stack[bp + ins.A];
                    if (c.Tag != Tag.Bool) throw CondError(pc, fuel, ins.A);
                    pc = c.Bits != 0 ? ins.B : ins.C;
                    continue;
                }

                case Op.StructGet:
                {
                    ref Value o = ref stack[bp + ins.B];
                    if (o.Obj is RStruct s && (uint)ins.C < (uint)s.Fields.Length)
                    {
                        Value v = s.Fields[ins.C];
                        stack[bp + ins.A].CopyFrom(v.ViewedThrough(o.Tag != Tag.Ref));
                        continue;
                    }
                    throw StructGetError(pc, fuel, ref ins);
                }

                case Op.StructSet:
                {
                    ref Value o = ref stack[bp + ins.A];
                    ref Value v = ref stack[bp + ins.C];
                    if (o.Obj is RStruct s && o.Tag == Tag.Ref && v.Tag != Tag.Uninit && (uint)ins.B < (uint)s.Fields.Length)
                    {
                        s.Fields[ins.B].CopyFrom(v);
                        continue;
                    }
                    throw StructSetError(pc, fuel, ref ins);
                }

                case Op.TupleGet:
                {
                    ref Value o = ref stack[bp + ins.B];
                    if (o.Obj is RTuple t && (uint)ins.C < (uint)t.Items.Length)
                    {
                        Value v = t.Items[ins.C];
                        stack[bp + ins.A].CopyFrom(v.ViewedThrough(o.Tag != Tag.Ref));
                        continue;
                    }
                    throw TupleGetError(pc, fuel, ref ins);
                }

                case Op.TupleSet:
                {
                    ref Value o = ref stack[bp + ins.A];
                    ref Value v = ref stack[bp + ins.C];
                    if (o.Obj is RTuple t && o.Tag == Tag.Ref && v.Tag != Tag.Uninit && (uint)ins.B < (uint)t.Items.Length)
                    {
                        t.Items[ins.B].CopyFrom(v);
                        continue;
                    }
                    throw TupleSetError(pc, fuel, ref ins);
                }

                case Op.Return:
                {
                    Value v = stack[bp + ins.A];
                    if (v.Tag == Tag.Uninit) throw Fail(pc, fuel, "return from uninitialized reg ", ins.A);
                    int fi = --_fp;
                    ref Frame f = ref _frames[fi];
                    int retDst = f.RetDst;
                    int[]? multi = f.RetMulti;
                    if (_hc != 0 && _handlers[_hc - 1].OwnerDepth >= fi && UnwindHandlers(fi)) HandlersChanged();
                    if (fi == 0)
                    {
                        _fuel = fuel;
                        return FinishEntry(v, retDst, multi, explicitReturn: true);
                    }
                    ref Frame c = ref _frames[fi - 1];
                    fn = c.Fn; code = fn.Code; pc = c.Pc; bp = c.Bp;
                    if (multi != null)
                        throw Fail(pc, fuel, "single-value return does not match multi-return destination (dsts=", multi.Length, ")");
                    if (retDst >= 0) stack[bp + retDst].CopyFrom(v);
                    continue;
                }

                case Op.ICall:
                {
                    ref Value fv = ref stack[bp + ins.B];
                    if (fv.Tag == Tag.Function && fv.Bits < funcs.Length)
                    {
                        LFunction callee = funcs[(int)fv.Bits];
                        int at = ins.C;
                        int n = pool[at];
                        int nbp = bp + fn.RegCount;
                        if (n == callee.ParamCount && nbp + callee.RegCount <= stack.Length && _fp < _frames.Length)
                        {
                            for (int k = 0; k < n; k++)
                            {
                                int r = pool[at + 1 + k];
                                ref Value s = ref stack[bp + r];
                                if (s.Tag == Tag.Uninit) throw Fail(pc, fuel, "icall arg reg ", r, " is uninitialized");
                                stack[nbp + k].CopyFrom(s);
                            }
                            int[] init = callee.InitRegs;
                            for (int k = 0; k < init.Length; k++) stack[nbp + init[k]].Set(Tag.Uninit, 0);
                            _frames[_fp - 1].Pc = pc;
                            ref Frame nf = ref _frames[_fp++];
                            // Reference fields are written only when they change: each write is a GC
                            // barrier call under the jiterpreter, and a popped frame keeps its Fn.
                            if (!ReferenceEquals(nf.Fn, callee)) nf.Fn = callee;
                            if (nf.RetMulti != null) nf.RetMulti = null;
                            nf.Pc = 0; nf.Bp = nbp; nf.RetDst = ins.A;
                            fn = callee; code = callee.Code; bp = nbp; pc = 0;
                            continue;
                        }
                    }
                    _frames[_fp - 1].Pc = pc; _fuel = fuel;
                    ICall(bp, ref ins);
                    goto reload;
                }

                case Op.Call:
                {
                    LFunction callee = funcs[ins.B];
                    int nbp = bp + fn.RegCount;
                    if (nbp + callee.RegCount > stack.Length || _fp == _frames.Length)
                    {
                        _frames[_fp - 1].Pc = pc; _fuel = fuel;
                        Ensure((long)nbp + callee.RegCount, _fp + 1);
                        stack = _stack;
                    }
                    int at = ins.C;
                    int n = pool[at];
                    for (int k = 0; k < n; k++)
                    {
                        int r = pool[at + 1 + k];
                        ref Value s = ref stack[bp + r];
                        if (s.Tag == Tag.Uninit) throw Fail(pc, fuel, "call arg reg ", r, " is uninitialized");
                        stack[nbp + k].CopyFrom(s);
                    }
                    int[] init = callee.InitRegs;
                    for (int k = 0; k < init.Length; k++) stack[nbp + init[k]].Set(Tag.Uninit, 0);
                    _frames[_fp - 1].Pc = pc;
                    ref Frame nf = ref _frames[_fp++];
                    // Reference fields are written only when they change: each write is a GC
                    // barrier call under the jiterpreter, and a popped frame keeps its Fn.
                    if (!ReferenceEquals(nf.Fn, callee)) nf.Fn = callee;
                    if (nf.RetMulti != null) nf.RetMulti = null;
                    nf.Pc = 0; nf.Bp = nbp; nf.RetDst = ins.A;
                    fn = callee; code = callee.Code; bp = nbp; pc = 0;
                    continue;
                }

                case Op.MakeTuple:
                {
                    int at = ins.B;
                    int n = pool[at];
                    if (n == 0) { stack[bp + ins.A] = Value.Unit; continue; }
                    long hb = HeapMeter.TupleOf(n);
                    if ((_heap.Charged += hb) > _heap.Headroom) { _frames[_fp - 1].Pc = pc; _fuel = fuel; ChargeOver(hb); }
                    var items = new Value[n];
                    for (int k = 0; k < n; k++)
                    {
                        int r = pool[at + 1 + k];
                        Value s = stack[bp + r];
                        if (s.Tag == Tag.Uninit) throw Fail(pc, fuel, "make_tuple item: read from uninitialized reg ", r);
                        items[k].CopyFrom(s);
                    }
                    stack[bp + ins.A] = Value.Ref(new RTuple(items));
                    continue;
                }

                case Op.ConstTypeRep:
                {
                    TypeRep? t = _litCache[ins.B];
                    if (t == null)
                    {
                        _frames[_fp - 1].Pc = pc; _fuel = fuel;
                        t = ResolveConstLit(ins.B);
                    }
                    stack[bp + ins.A] = Value.TypeRep(t);
                    continue;
                }

                case Op.StructGetRo:
                {
                    ref Value o = ref stack[bp + ins.B];
                    if (o.Obj is RStruct s && (uint)ins.C < (uint)s.Fields.Length)
                    {
                        Value v = s.Fields[ins.C];
                        if (o.Tag != Tag.Ref) v = v.AsReadonly();
                        stack[bp + ins.A].CopyFrom(v);
                        if (fuel == 0) continue;
                        fuel--;
                        ref LInstr n = ref code[pc++];
                        stack[bp + n.A].CopyFrom(v.AsReadonly());
                        continue;
                    }
                    throw StructGetError(pc, fuel, ref ins);
                }

                case Op.SwitchEnum:
                {
                    var site = (SwitchSite)sites[ins.B];
                    ref Value v = ref stack[bp + ins.A];
                    if (v.Obj is REnum e && e.TypeId == (uint)site.EnumTypeId)
                    {
                        string[] variants = site.EnumVariants;
                        string ev = e.Variant;
                        int i = 0;
                        while (i < variants.Length && !ReferenceEquals(variants[i], ev)) i++;
                        if (i < variants.Length)
                        {
                            var c = site.Cases[i];
                            Value[] fields = e.Fields;
                            if (c.Pattern.Fields.Length == fields.Length)
                            {
                                int[] bf = site.EnumBindFields[i];
                                int[] pr = c.ParamRegs;
                                bool ro = v.Tag == Tag.RefRo;
                                for (int k = 0; k < bf.Length; k++)
                                    stack[bp + pr[k]].CopyFrom(fields[bf[k]].ViewedThrough(ro));
                                pc = c.TargetPc;
                                continue;
                            }
                        }
                    }
                    _frames[_fp - 1].Pc = pc; _fuel = fuel;
                    pc = Switch(bp, ins.A, site);
                    continue;
                }

                case Op.IntAddJump:
                {
                    ref Value a = ref stack[bp + ins.B];
                    ref Value b = ref stack[bp + ins.C];
                    if (a.Tag != Tag.Int || b.Tag != Tag.Int) throw IntOpError(pc, fuel, ref ins);
                    stack[bp + ins.A].Set(Tag.Int, a.Bits + b.Bits);
                    if (fuel == 0) continue;
                    fuel--;
                    pc = code[pc].A;
                    continue;
                }

                case Op.IntLt:
                case Op.IntLe:
                case Op.IntGt:
                case Op.IntGe:
                case Op.IntEq:
                case Op.IntNe:
                {
                    ref Value a = ref stack[bp + ins.B];
                    ref Value b = ref stack[bp + ins.C];
                    if (a.Tag != Tag.Int || b.Tag != Tag.Int) throw IntOpError(pc, fuel, ref ins);
                    long x = a.Bits, y = b.Bits;
                    bool r = ins.Op switch
                    {
                        Op.IntLt => x < y, Op.IntLe => x <= y, Op.IntGt => x > y,
                        Op.IntGe => x >= y, Op.IntEq => x == y, _ => x != y,
                    };
                    stack[bp + ins.A].Set(Tag.Bool, r ? 1L : 0L);
                    continue;
                }

                case Op.ConstUnit:
                    stack[bp + ins.A].Set(Tag.Unit, 0L);
                    continue;

                case Op.ConstBool:
                    stack[bp + ins.A].Set(Tag.Bool, (long)ins.B);
                    continue;

                case Op.Const:
                    stack[bp + ins.A] = consts[ins.B];
                    continue;

                case Op.CallWrapped:
                {
                    LFunction callee = funcs[ins.B];
                    if (fuel < 2 || _fp >= _maxFrames || (long)bp + fn.RegCount + callee.RegCount > _maxRegisters) goto case Op.Call;
                    int at = ins.C;
                    int n = pool[at];
                    for (int k = 0; k < n; k++)
                    {
                        int r = pool[at + 1 + k];
                        if (stack[bp + r].Tag == Tag.Uninit) throw Fail(pc, fuel, "call arg reg ", r, " is uninitialized");
                    }
                    _frames[_fp - 1].Pc = pc; _fuel = fuel;
                    Value res = CallWrapped(bp, callee, at + 1 + n, fuel);
                    fuel -= 2;
                    if (ins.A >= 0) stack[bp + ins.A].CopyFrom(res);
                    continue;
                }

                case Op.IndexGet:
                {
                    ref Value o = ref stack[bp + ins.B];
                    ref Value i = ref stack[bp + ins.C];
                    if (o.Obj is RArray arr && i.Tag == Tag.Int && (ulong)i.Bits < (ulong)arr.Count)
                    {
                        Value v = arr.Items[(int)i.Bits];
                        stack[bp + ins.A].CopyFrom(v.ViewedThrough(o.Tag != Tag.Ref));
                        continue;
                    }
                    _frames[_fp - 1].Pc = pc; _fuel = fuel;
                    stack[bp + ins.A] = IndexGetSlow(bp, ref ins);
                    continue;
                }

                case Op.IndexSet:
                {
                    ref Value o = ref stack[bp + ins.A];
                    ref Value i = ref stack[bp + ins.B];
                    ref Value v = ref stack[bp + ins.C];
                    if (o.Obj is RArray arr && o.Tag == Tag.Ref && i.Tag == Tag.Int && v.Tag != Tag.Uninit && (ulong)i.Bits < (ulong)arr.Count)
                    {
                        arr.Items[(int)i.Bits].CopyFrom(v);
                        continue;
                    }
                    throw IndexSetError(pc, fuel, ref ins);
                }

                case Op.Len:
                {
                    ref Value o = ref stack[bp + ins.B];
                    if (o.Obj is RArray arr)
                    {
                        stack[bp + ins.A].Set(Tag.Int, arr.Count);
                        continue;
                    }
                    throw LenError(pc, fuel, ref ins);
                }

                case Op.IndexGetRo:
                {
                    ref Value o = ref stack[bp + ins.B];
                    ref Value i = ref stack[bp + ins.C];
                    if (o.Obj is RArray arr && i.Tag == Tag.Int && (ulong)i.Bits < (ulong)arr.Count)
                    {
                        Value v = arr.Items[(int)i.Bits];
                        if (o.Tag != Tag.Ref) v = v.AsReadonly();
                        stack[bp + ins.A].CopyFrom(v);
                        if (fuel == 0) continue;
                        fuel--;
                        ref LInstr n = ref code[pc++];
                        stack[bp + n.A].CopyFrom(v.AsReadonly());
                        continue;
                    }
                    _frames[_fp - 1].Pc = pc; _fuel = fuel;
                    stack[bp + ins.A] = IndexGetSlow(bp, ref ins);
                    continue;
                }

                case Op.TupleGetRo:
                {
                    ref Value o = ref stack[bp + ins.B];
                    if (o.Obj is RTuple t && (uint)ins.C < (uint)t.Items.Length)
                    {
                        Value v = t.Items[ins.C];
                        if (o.Tag != Tag.Ref) v = v.AsReadonly();
                        stack[bp + ins.A].CopyFrom(v);
                        if (fuel == 0) continue;
                        fuel--;
                        ref LInstr n = ref code[pc++];
                        stack[bp + n.A].CopyFrom(v.AsReadonly());
                        continue;
                    }
                    throw TupleGetError(pc, fuel, ref ins);
                }

                case Op.MakeStruct:
                {
                    var site = (MakeStructSite)sites[ins.B];
                    int[] fr = site.FieldRegs;
                    long hb = HeapMeter.StructOf(fr.Length);
                    if ((_heap.Charged += hb) > _heap.Headroom) { _frames[_fp - 1].Pc = pc; _fuel = fuel; ChargeOver(hb); }
                    TypeRep[]? targs = site.TypeArgs.Length == 0 ? Array.Empty<TypeRep>() : SharedTypeArgs(bp, site.TypeArgs, site.TypeArgSlot);
                    bool ok = targs != null;
                    var fields = new Value[fr.Length];
                    for (int k = 0; k < fr.Length && ok; k++)
                    {
                        Value s = stack[bp + fr[k]];
                        if (s.Tag == Tag.Uninit) ok = false;
                        fields[k].CopyFrom(s);
                    }
                    if (ok)
                    {
                        stack[bp + ins.A] = Value.Ref(new RStruct(site.TypeId, targs!, fields));
                        continue;
                    }
                    _frames[_fp - 1].Pc = pc; _fuel = fuel;
                    stack[bp + ins.A] = MakeStructSlow(bp, site, checkedForm: false);
                    continue;
                }

                case Op.MakeArray:
                {
                    int at = ins.B;
                    int n = pool[at];
                    long hb = HeapMeter.ArrayOf(n);
                    if ((_heap.Charged += hb) > _heap.Headroom) { _frames[_fp - 1].Pc = pc; _fuel = fuel; ChargeOver(hb); }
                    var items = n == 0 ? Array.Empty<Value>() : new Value[n];
                    for (int k = 0; k < n; k++)
                    {
                        int r = pool[at + 1 + k];
                        Value s = stack[bp + r];
                        if (s.Tag == Tag.Uninit) throw Fail(pc, fuel, "make_array item: read from uninitialized reg ", r);
                        items[k].CopyFrom(s);
                    }
                    stack[bp + ins.A] = Value.Ref(new RArray(items));
                    continue;
                }

                case Op.CallIntrinsic:
                {
                    _frames[_fp - 1].Pc = pc; _fuel = fuel;
                    CallIntrinsic(bp, ref ins);
                    continue;
                }

                case Op.MakeTypeRep:
                {
                    _frames[_fp - 1].Pc = pc; _fuel = fuel;
                    stack[bp + ins.A] = Value.TypeRep(MakeTypeRep(bp, (MakeTypeRepSite)sites[ins.B]));
                    continue;
                }

                case Op.Move:
                {
                    Value v = stack[bp + ins.B];
                    if (v.Tag == Tag.Uninit) throw Fail(pc, fuel, "move from uninitialized reg ", ins.B);
                    stack[bp + ins.B].Set(Tag.Uninit, 0);
                    stack[bp + ins.A].CopyFrom(v);
                    continue;
                }

                case Op.IntDiv:
                {
                    ref Value a = ref stack[bp + ins.B];
                    ref Value b = ref stack[bp + ins.C];
                    if (a.Tag != Tag.Int || b.Tag != Tag.Int) throw IntOpError(pc, fuel, ref ins);
                    long d = b.Bits;
                    if (d == 0) throw Fail(pc, fuel, "int_div: division by zero");
                    stack[bp + ins.A].Set(Tag.Int, d == -1 ? unchecked(-a.Bits) : a.Bits / d);
                    continue;
                }

                case Op.IntMod:
                {
                    ref Value a = ref stack[bp + ins.B];
                    ref Value b = ref stack[bp + ins.C];
                    if (a.Tag != Tag.Int || b.Tag != Tag.Int) throw IntOpError(pc, fuel, ref ins);
                    long d = b.Bits;
                    if (d == 0) throw Fail(pc, fuel, "int_mod: modulo by zero");
                    stack[bp + ins.A].Set(Tag.Int, d == -1 ? 0 : a.Bits % d);
                    continue;
                }

                case Op.IntShl:
                {
                    ref Value a = ref stack[bp + ins.B];
                    ref Value b = ref stack[bp + ins.C];
                    if (a.Tag != Tag.Int || b.Tag != Tag.Int || (ulong)b.Bits >= 64) throw IntOpError(pc, fuel, ref ins);
                    stack[bp + ins.A].Set(Tag.Int, a.Bits << (int)b.Bits);
                    continue;
                }

                case Op.IntShr:
                {
                    ref Value a = ref stack[bp + ins.B];
                    ref Value b = ref stack[bp + ins.C];
                    if (a.Tag != Tag.Int || b.Tag != Tag.Int || (ulong)b.Bits >= 64) throw IntOpError(pc, fuel, ref ins);
                    stack[bp + ins.A].Set(Tag.Int, a.Bits >> (int)b.Bits);
                    continue;
                }

                case Op.IntUShr:
                {
                    ref Value a = ref stack[bp + ins.B];
                    ref Value b = ref stack[bp + ins.C];
                    if (a.Tag != Tag.Int || b.Tag != Tag.Int || (ulong)b.Bits >= 64) throw IntOpError(pc, fuel, ref ins);
                    stack[bp + ins.A].Set(Tag.Int, (long)((ulong)a.Bits >> (int)b.Bits));
                    continue;
                }

                case Op.IntNot:
                {
                    ref Value a = ref stack[bp + ins.B];
                    if (a.Tag != Tag.Int) throw UnaryError(pc, fuel, ref ins);
                    stack[bp + ins.A].Set(Tag.Int, ~a.Bits);
                    continue;
                }

                case Op.ByteAnd:
                case Op.ByteOr:
                case Op.ByteXor:
                {
                    ref Value a = ref stack[bp + ins.B];
                    ref Value b = ref stack[bp + ins.C];
                    if (a.Tag != Tag.Byte || b.Tag != Tag.Byte) throw ByteOpError(pc, fuel, ref ins);
                    long x = a.Bits, y = b.Bits;
                    stack[bp + ins.A].Set(Tag.Byte, ins.Op == Op.ByteAnd ? x & y : ins.Op == Op.ByteOr ? x | y : x ^ y);
                    continue;
                }

                case Op.ByteShl:
                {
                    ref Value a = ref stack[bp + ins.B];
                    ref Value b = ref stack[bp + ins.C];
                    if (a.Tag != Tag.Byte || b.Tag != Tag.Int || (ulong)b.Bits >= 8) throw ByteOpError(pc, fuel, ref ins);
                    stack[bp + ins.A].Set(Tag.Byte, (byte)(a.Bits << (int)b.Bits));
                    continue;
                }

                case Op.ByteShr:
                case Op.ByteUShr:
                {
                    ref Value a = ref stack[bp + ins.B];
                    ref Value b = ref stack[bp + ins.C];
                    if (a.Tag != Tag.Byte || b.Tag != Tag.Int || (ulong)b.Bits >= 8) throw ByteOpError(pc, fuel, ref ins);
                    stack[bp + ins.A].Set(Tag.Byte, a.Bits >> (int)b.Bits);
                    continue;
                }

                case Op.ByteNot:
                {
                    ref Value a = ref stack[bp + ins.B];
                    if (a.Tag != Tag.Byte) throw UnaryError(pc, fuel, ref ins);
                    stack[bp + ins.A].Set(Tag.Byte, (byte)~a.Bits);
                    continue;
                }

                case Op.BoolNot:
                {
                    ref Value a = ref stack[bp + ins.B];
                    if (a.Tag != Tag.Bool) throw UnaryError(pc, fuel, ref ins);
                    stack[bp + ins.A].Set(Tag.Bool, a.Bits == 0 ? 1 : 0);
                    continue;
                }

                case Op.BoolEq:
                case Op.BoolNe:
                {
                    ref Value a = ref stack[bp + ins.B];
                    ref Value b = ref stack[bp + ins.C];
                    if (a.Tag != Tag.Bool || b.Tag != Tag.Bool) throw BoolOpError(pc, fuel, ref ins);
                    stack[bp + ins.A].Set(Tag.Bool, (a.Bits == b.Bits) == (ins.Op == Op.BoolEq) ? 1 : 0);
                    continue;
                }

                case Op.ImplicitReturn:
                {
                    fuel++; // falling off the end is not an instruction (§5.1)
                    int fi = --_fp;
                    ref Frame f = ref _frames[fi];
                    int retDst = f.RetDst;
                    int[]? multi = f.RetMulti;
                    if (_hc != 0 && _handlers[_hc - 1].OwnerDepth >= fi && UnwindHandlers(fi)) HandlersChanged();
                    if (fi == 0)
                    {
                        _fuel = fuel;
                        return FinishEntry(Value.Unit, retDst, multi, explicitReturn: false);
                    }
                    ref Frame c = ref _frames[fi - 1];
                    fn = c.Fn; code = fn.Code; pc = c.Pc; bp = c.Bp;
                    if (multi != null)
                        throw Fail(pc, fuel, "unexpected implicit return from multi-return frame (dsts=", multi.Length, ")");
                    if (retDst >= 0) stack[bp + retDst] = Value.Unit;
                    continue;
                }

                case Op.AsReadonly:
                {
                    Value v = stack[bp + ins.B];
                    if (v.Tag == Tag.Uninit) throw Fail(pc, fuel, "as_readonly src: read from uninitialized reg ", ins.B);
                    stack[bp + ins.A] = v.AsReadonly();
                    continue;
                }

                case Op.MakeStructChecked:
                {
                    _frames[_fp - 1].Pc = pc; _fuel = fuel;
                    stack[bp + ins.A] = MakeStructSlow(bp, (MakeStructSite)sites[ins.B], checkedForm: true);
                    continue;
                }

                case Op.MakeEnum:
                {
                    var site = (MakeEnumSite)sites[ins.B];
                    _frames[_fp - 1].Pc = pc; _fuel = fuel;
                    stack[bp + ins.A] = MakeEnum(bp, site);
                    continue;
                }

                case Op.Switch:
                {
                    _frames[_fp - 1].Pc = pc; _fuel = fuel;
                    pc = Switch(bp, ins.A, (SwitchSite)sites[ins.B]);
                    continue;
                }

                case Op.IsType:
                {
                    _frames[_fp - 1].Pc = pc; _fuel = fuel;
                    stack[bp + ins.A] = Value.Bool(IsType(bp, ins.B, ins.C));
                    continue;
                }

                case Op.GetField:
                case Op.SetField:
                {
                    _frames[_fp - 1].Pc = pc; _fuel = fuel;
                    NamedField(bp, ins.Op == Op.SetField, (FieldSite)sites[ins.A]);
                    continue;
                }

                case Op.Trap:
                    throw Fail(pc, fuel, p.Messages[ins.A]);

                // Everything below may change the frame stack: sync, call out, reload.
                case Op.CallHost:
                    _frames[_fp - 1].Pc = pc; _fuel = fuel;
                    CallHost(bp, ref ins);
                    stack = _stack;
                    continue;

                case Op.CallMulti:
                    _frames[_fp - 1].Pc = pc; _fuel = fuel;
                    CallBytecode(bp, funcs[ins.B], ins.C, -1, ((CallMultiSite)sites[ins.A]).Dsts);
                    goto reload;

                case Op.VCall:
                    _frames[_fp - 1].Pc = pc; _fuel = fuel;
                    VCall(bp, ins.A, ins.B, (DispatchSite)sites[ins.C]);
                    goto reload;

                case Op.SCall:
                    _frames[_fp - 1].Pc = pc; _fuel = fuel;
                    SCall(bp, ins.A, ins.B, (DispatchSite)sites[ins.C]);
                    goto reload;

                case Op.AssocTypeRep:
                    _frames[_fp - 1].Pc = pc; _fuel = fuel;
                    AssocTypeRep(bp, ins.A, ins.B, (AssocSite)sites[ins.C]);
                    goto reload;

                case Op.ReturnMulti:
                {
                    _frames[_fp - 1].Pc = pc; _fuel = fuel;
                    ReturnMulti(bp, ins.A);
                    goto reload;
                }

                case Op.PushHandler:
                    _frames[_fp - 1].Pc = pc; _fuel = fuel;
                    PushHandler(bp, (HandlerDef)sites[ins.A]);
                    continue;

                case Op.PopHandler:
                    _frames[_fp - 1].Pc = pc; _fuel = fuel;
                    PopHandler();
                    continue;

                case Op.Perform:
                {
                    _frames[_fp - 1].Pc = pc; _fuel = fuel;
                    var request = Perform(bp, ins.A, (PerformSite)sites[ins.B]);
                    if (request != null) return request;
                    goto reload;
                }

                case Op.Resume:
                    _frames[_fp - 1].Pc = pc; _fuel = fuel;
                    Resume(bp, ins.A, ins.B, ins.C);
                    goto reload;

                case Op.ResumeTail:
                    _frames[_fp - 1].Pc = pc; _fuel = fuel;
                    ResumeTail(bp, ins.A, ins.B);
                    goto reload;

                case Op.MakeSeqLarge:
                    _frames[_fp - 1].Pc = pc; _fuel = fuel;
                    stack[bp + ins.A] = MakeSeqLarge(bp, ins.B, ins.C != 0);
                    continue;

                default:
                    throw Fail(pc, fuel, "internal error: unknown lowered opcode " + NumberText.Decimal((int)ins.Op));
            }
        }
    }
}
