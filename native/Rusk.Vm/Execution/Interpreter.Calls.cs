// Calls (§8.6) other than the loop's inline Call: CallMulti, ICall, VCall (with the reference's
// primitive fast paths), SCall, AssocTypeRep, host imports, intrinsics; returns from the entry
// frame and multi-value returns; the allocation-heavy constructors and typerep operations (§8.2).
using System;
using Rusk.Vm.Format;

namespace Rusk.Vm.Execution;

internal sealed partial class Interpreter
{
    static readonly TypeRep[] NoTypeReps = Array.Empty<TypeRep>();

    // ---- returns ------------------------------------------------------------------------------

    StepResult FinishEntry(Value v, int retDst, int[]? multi, bool explicitReturn)
    {
        if (retDst != -1 || multi != null) throw new GuestTrap("non-empty return destination at entry return");
        if (explicitReturn) v = UnwrapControl(v);
        AbiValue abi;
        try { abi = Abi.ToAbiInfer(v); }
        catch (AbiError e) { throw new GuestTrap(e.Message); }
        return Finish(abi);
    }

    /// <summary>The compiler's internal `$Control` enum must not escape to the host (reference: unwrap_control_token_at_host_boundary).</summary>
    Value UnwrapControl(Value v)
    {
        if (_p.ControlId < 0 || v.Obj is not REnum e || e.TypeId != (uint)_p.ControlId) return v;
        switch (e.Variant)
        {
            case "Value":
            case "Return":
                if (e.Fields.Length == 0) throw new GuestTrap("invalid control flow token");
                return e.Fields[0];
            case "Break": throw new GuestTrap("`break` outside of a loop");
            case "Continue": throw new GuestTrap("`continue` outside of a loop");
            default: throw new GuestTrap("invalid control flow token");
        }
    }

    void ReturnMulti(int bp, int at)
    {
        int[] pool = _p.Pool;
        int n = pool[at];
        var rets = Scratch(n);
        for (int k = 0; k < n; k++)
        {
            int r = pool[at + 1 + k];
            rets[k] = _stack[bp + r];
            if (rets[k].Tag == Tag.Uninit) throw new GuestTrap($"return from uninitialized reg {r}");
        }
        int[]? dsts = _frames[_fp - 1].RetMulti;
        PopFramesTo(_fp - 1);
        if (UnwindHandlers(_fp)) HandlersChanged();
        if (_fp == 0) throw new GuestTrap("multi-value return from entry frame is not supported");
        if (dsts == null) throw new GuestTrap("multi-value return does not match caller destination");
        if (dsts.Length != n) throw new GuestTrap($"return arity mismatch: expected {dsts.Length} values but got {n}");
        int cbp = _frames[_fp - 1].Bp;
        for (int k = 0; k < n; k++) _stack[cbp + dsts[k]] = rets[k];
        rets.AsSpan(0, n).Clear();
    }

    // ---- bytecode calls -----------------------------------------------------------------------

    /// <summary>Pushes a frame for <paramref name="callee"/> with the pool list at <paramref name="argsAt"/> as arguments.</summary>
    void CallBytecode(int bp, LFunction callee, int argsAt, int retDst, int[]? retMulti, string argContext = "call")
    {
        int[] pool = _p.Pool;
        int n = pool[argsAt];
        int nbp = StackTop;
        Ensure((long)nbp + callee.RegCount, _fp + 1);
        for (int k = 0; k < n; k++)
        {
            int r = pool[argsAt + 1 + k];
            Value v = _stack[bp + r];
            if (v.Tag == Tag.Uninit) throw new GuestTrap($"{argContext} arg reg {r} is uninitialized");
            _stack[nbp + k] = v;
        }
        ref Frame f = ref _frames[_fp++];
        f.Fn = callee; f.Pc = 0; f.Bp = nbp; f.RetDst = retDst; f.RetMulti = retMulti;
        InitRegisters(callee, nbp);
    }

    void ICall(int bp, ref LInstr ins)
    {
        Value fv = Read(bp, ins.B, "icall fnptr");
        if (!fv.IsFunction) throw new GuestTrap($"type error in icall: expected fn reference, got {Kind(fv)}");
        uint id = fv.AsFunction;
        if (id >= (uint)_p.Functions.Length) throw new GuestTrap($"invalid function id {id}");
        var callee = _p.Functions[id];
        int n = _p.Pool[ins.C];
        if (n != callee.ParamCount) throw new GuestTrap($"icall arity mismatch: expected {callee.ParamCount} args but got {n}");
        CallBytecode(bp, callee, ins.C, ins.A, null, "icall");
    }

    // ---- dynamic dispatch ---------------------------------------------------------------------

    /// <summary>The TypeId of a primitive value's type (unit..char, string, bytes).</summary>
    uint PrimTypeId(Tag t) => (uint)(t switch
    {
        Tag.Unit => _p.UnitId, Tag.Bool => _p.BoolId, Tag.Int => _p.IntId, Tag.Float => _p.FloatId,
        Tag.Byte => _p.ByteId, Tag.Char => _p.CharId, Tag.String => _p.StringId, _ => _p.BytesId,
    });

    LFunction Dispatch(DispatchSite site, uint typeId, bool scall)
    {
        int slot = site.CacheSlot;
        if (_dcType[slot] == (int)typeId + 1) return _dcFn[slot]!;
        var table = scall ? _m.SCallDispatch : _m.VCallDispatch;
        int fid = typeId < (uint)table.Length ? LoweredModule.FindDispatch(table[typeId], site.Method) : -1;
        if (fid < 0)
            throw new GuestTrap($"unresolved {(scall ? "scall" : "vcall")} method: {_p.MethodName(site.Method)} on {_p.TypeName(typeId)}");
        if (fid >= _p.Functions.Length) throw new GuestTrap($"invalid function id {fid}");
        var fn = _p.Functions[fid];
        _dcType[slot] = (int)typeId + 1;
        _dcFn[slot] = fn;
        return fn;
    }

    void VCall(int bp, int dst, int recvReg, DispatchSite site)
    {
        Value recv = Read(bp, recvReg, "vcall obj");
        if (site.Fast != FastPath.None && FastVCall(bp, dst, recv, site)) return;
        uint typeId;
        TypeRep[] typeArgs;
        switch (recv.Tag)
        {
            case Tag.Ref:
            case Tag.RefRo:
                if (recv.Obj is RStruct s) { typeId = s.TypeId; typeArgs = s.TypeArgs; }
                else if (recv.Obj is REnum e) { typeId = e.TypeId; typeArgs = e.TypeArgs; }
                else throw new GuestTrap("type error in vcall: expected struct|enum, got ref");
                break;
            case Tag.Unit: case Tag.Bool: case Tag.Int: case Tag.Float: case Tag.Byte: case Tag.Char: case Tag.String: case Tag.Bytes:
                typeId = PrimTypeId(recv.Tag); typeArgs = NoTypeReps; break;
            default: throw new GuestTrap($"type error in vcall: expected struct|enum ref or primitive value, got {Kind(recv)}");
        }
        var callee = Dispatch(site, typeId, scall: false);
        EnterDispatched(bp, dst, callee, typeArgs, site, recv, hasRecv: true, "vcall");
    }

    /// <summary>Builds the callee's frame: receiver type args, method type args, [receiver], args (§8.6).</summary>
    void EnterDispatched(int bp, int dst, LFunction callee, TypeRep[] typeArgs, DispatchSite site, Value recv, bool hasRecv, string what)
    {
        int[] mta = site.MethodTypeArgs, args = site.Args;
        int n = typeArgs.Length + mta.Length + (hasRecv ? 1 : 0) + args.Length;
        int nbp = StackTop;
        Ensure((long)nbp + Math.Max(callee.RegCount, n), _fp + 1);
        var stack = _stack;
        int k = 0;
        for (int i = 0; i < typeArgs.Length; i++) stack[nbp + k++] = Value.TypeRep(typeArgs[i]);
        for (int i = 0; i < mta.Length; i++) stack[nbp + k++] = Value.TypeRep(ReadTypeRep(bp, mta[i], what + " method_type_args"));
        if (hasRecv) stack[nbp + k++] = recv;
        for (int i = 0; i < args.Length; i++) stack[nbp + k++] = Read(bp, args[i], what + " arg");
        if (n != callee.ParamCount)
        {
            stack.AsSpan(nbp, n).Clear();
            throw new GuestTrap($"{what} arity mismatch: expected {callee.ParamCount} args but got {n}");
        }
        ref Frame f = ref _frames[_fp++];
        f.Fn = callee; f.Pc = 0; f.Bp = nbp; f.RetDst = dst; f.RetMulti = null;
        InitRegisters(callee, nbp);
    }

    const ulong FnvOffset = 0xcbf29ce484222325, FnvPrime = 0x100000001b3;

    static long Fnv(ReadOnlySpan<byte> bytes)
    {
        ulong h = FnvOffset;
        foreach (byte b in bytes) { h ^= b; h *= FnvPrime; }
        return (long)h;
    }

    static long FnvInt(long v)
    {
        ulong h = FnvOffset, u = (ulong)v;
        for (int i = 0; i < 8; i++) { h ^= (byte)(u >> (8 * i)); h *= FnvPrime; }
        return (long)h;
    }

    /// <summary>The reference's VCall fast paths for Hash::hash / Eq::eq / Ne::ne on primitive receivers.</summary>
    bool FastVCall(int bp, int dst, in Value recv, DispatchSite site)
    {
        Value result;
        if (site.Fast == FastPath.Hash)
        {
            if (site.Args.Length != 0) return false;
            switch (recv.Tag)
            {
                case Tag.Unit: result = Value.Int(0); break;
                case Tag.Bool: result = Value.Int(FnvInt(recv.Bits != 0 ? 1 : 0)); break;
                case Tag.Int: result = Value.Int(FnvInt(recv.Bits)); break;
                case Tag.Byte: result = Value.Int(FnvInt(recv.Bits & 0xFF)); break;
                case Tag.Char: result = Value.Int(FnvInt((uint)recv.Bits)); break;
                case Tag.String: result = Value.Int(Fnv(((RString)recv.Obj!).Span)); break;
                case Tag.Bytes: result = Value.Int(Fnv(((RBytes)recv.Obj!).Span)); break;
                default: return false;
            }
        }
        else
        {
            if (site.Args.Length != 1) return false;
            switch (recv.Tag)
            {
                case Tag.Unit: case Tag.Bool: case Tag.Int: case Tag.Float: case Tag.Byte: case Tag.Char:
                case Tag.String: case Tag.Bytes:
                    break;
                default: return false;
            }
            Value o = Read(bp, site.Args[0], "vcall arg");
            if (o.Tag != recv.Tag) return false;
            bool same = recv.Tag switch
            {
                Tag.Unit => true,
                // IEEE comparison: NaN is unequal to itself, -0.0 equals 0.0.
                Tag.Float => recv.AsFloat == o.AsFloat,
                Tag.String => ((RString)recv.Obj!).ContentEquals((RString)o.Obj!),
                Tag.Bytes => ((RBytes)recv.Obj!).ContentEquals((RBytes)o.Obj!),
                _ => recv.Bits == o.Bits,
            };
            result = Value.Bool(site.Fast == FastPath.Eq ? same : !same);
        }
        if (dst >= 0) _stack[bp + dst] = result;
        return true;
    }

    /// <summary>The dispatch TypeId and type args a typerep names (SCall / AssocTypeRep), with each one's errors.</summary>
    (uint, TypeRep[]) TypeOfRep(TypeRep t, bool scall)
    {
        string who = scall ? "scall" : "assoc_typerep";
        switch (t.Ctor)
        {
            case TypeRepKind.Unit: return ((uint)_p.UnitId, NoTypeReps);
            case TypeRepKind.Bool: return ((uint)_p.BoolId, NoTypeReps);
            case TypeRepKind.Int: return ((uint)_p.IntId, NoTypeReps);
            case TypeRepKind.Float: return ((uint)_p.FloatId, NoTypeReps);
            case TypeRepKind.Byte: return ((uint)_p.ByteId, NoTypeReps);
            case TypeRepKind.Char: return ((uint)_p.CharId, NoTypeReps);
            case TypeRepKind.String: return ((uint)_p.StringId, NoTypeReps);
            case TypeRepKind.Bytes: return ((uint)_p.BytesId, NoTypeReps);
            case TypeRepKind.Never:
                throw new GuestTrap(scall ? "scall: cannot call static interface methods on `never`"
                    : "assoc_typerep: cannot project associated types from `never`");
            case TypeRepKind.Array:
                if (_p.ArrayId < 0) throw new GuestTrap($"{who}: missing required type name `array` in module type table");
                return ((uint)_p.ArrayId, t.Args);
            case TypeRepKind.Tuple:
            {
                if (!scall) throw new GuestTrap("assoc_typerep: tuples do not support associated types in this stage");
                string name = "tuple" + t.Payload;
                if (!_m.TryGetTypeId(name, out var id)) throw new GuestTrap($"scall: missing required type name `{name}` in module type table");
                return (id, t.Args);
            }
            case TypeRepKind.Struct:
            case TypeRepKind.Enum:
            case TypeRepKind.Interface:
                return (t.Payload, t.Args);
            default:
                throw new GuestTrap(scall ? "scall: functions do not support interface static methods in this stage"
                    : "assoc_typerep: functions do not support associated types in this stage");
        }
    }

    void SCall(int bp, int dst, int selfReg, DispatchSite site)
    {
        TypeRep self = ReadTypeRep(bp, selfReg, "scall self_ty");
        var (typeId, typeArgs) = TypeOfRep(self, scall: true);
        var callee = Dispatch(site, typeId, scall: true);
        EnterDispatched(bp, dst, callee, typeArgs, site, default, hasRecv: false, "scall");
    }

    void AssocTypeRep(int bp, int dst, int recvReg, AssocSite site)
    {
        TypeRep recv = ReadTypeRep(bp, recvReg, "assoc_typerep recv");
        var (typeId, typeArgs) = TypeOfRep(recv, scall: false);
        int fid = -1;
        if (typeId < (uint)_m.AssocTypeDispatch.Length)
            foreach (var e in _m.AssocTypeDispatch[typeId] ?? Array.Empty<AssocTypeEntry>())
                if (e.IfaceTypeId == site.IfaceTypeId && e.Assoc == site.Assoc) { fid = (int)e.FunctionId; break; }
        if (fid < 0)
            throw new GuestTrap($"unresolved assoc type: <{_p.TypeName(typeId)} as {_p.TypeName(site.IfaceTypeId)}>::{site.Assoc}");
        if (fid >= _p.Functions.Length) throw new GuestTrap($"invalid function id {fid}");
        var callee = _p.Functions[fid];
        if (typeArgs.Length != callee.ParamCount)
            throw new GuestTrap($"assoc_typerep arity mismatch: expected {callee.ParamCount} type args but got {typeArgs.Length}");
        int nbp = StackTop;
        Ensure((long)nbp + callee.RegCount, _fp + 1);
        for (int i = 0; i < typeArgs.Length; i++) _stack[nbp + i] = Value.TypeRep(typeArgs[i]);
        ref Frame f = ref _frames[_fp++];
        f.Fn = callee; f.Pc = 0; f.Bp = nbp; f.RetDst = dst; f.RetMulti = null;
        InitRegisters(callee, nbp);
    }

    // ---- host imports and intrinsics ----------------------------------------------------------

    void CallHost(int bp, ref LInstr ins)
    {
        uint hid = (uint)ins.B;
        var import = _m.HostImports[hid];
        string name = import.Name;
        var fn = _hostFns[hid] ?? throw new GuestTrap($"missing host import implementation: `{name}`");
        int[] pool = _p.Pool;
        int at = ins.C;
        int n = pool[at];
        var args = n == 0 ? Array.Empty<AbiValue>() : new AbiValue[n];
        for (int k = 0; k < n; k++)
        {
            int r = pool[at + 1 + k];
            Value v = _stack[bp + r];
            if (v.Tag == Tag.Uninit) throw new GuestTrap($"host call `{name}` read from uninitialized reg {r}");
            try { args[k] = Abi.ToAbi(v, import.Sig.Params[k]); }
            catch (AbiError e) { throw new GuestTrap($"host call `{name}` arg conversion: {e.Message}"); }
        }
        Metrics.HostCalls++;
        AbiValue ret;
        string? failure = null;
        _inHostCall = true;
        try
        {
            ret = fn(HostContext, args);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // HostException is the documented way to fail; any other exception is a host bug, which
            // must not take the VM down either.
            ret = default;
            failure = e.Message;
        }
        finally
        {
            _inHostCall = false;
        }
        if (failure != null) throw new GuestTrap($"host call `{name}` failed: host error: {failure}");
        var got = AbiConverter.TypeOf(ret);
        if (!got.SameAs(import.Sig.Ret))
            throw new GuestTrap($"host call `{name}` return type mismatch: expected {AbiConverter.Debug(import.Sig.Ret)}, got {AbiConverter.Debug(got)}");
        if (ins.A >= 0)
        {
            Value v;
            try { v = Abi.FromAbi(ret); }
            catch (AbiError e) { throw new GuestTrap($"host call `{name}` return conversion: {e.Message}"); }
            _stack[bp + ins.A] = v;
        }
        CheckHeap();
    }

    /// <summary>
    /// Runs an intrinsic wrapper's body in place of the call (see Op.CallWrapped). On failure the
    /// trap shows what the real call would have: the wrapper's frame stopped at its intrinsic call.
    /// </summary>
    Value CallWrapped(int bp, LFunction callee, int at, long fuelAfterCall)
    {
        int[] pool = _p.Pool;
        var id = (Intrinsic)pool[at];
        int m = pool[at + 1];
        Charge(HeapMeter.SmallBytes);
        var args = Scratch(m);
        var stack = _stack;
        for (int k = 0; k < m; k++) args[k] = stack[bp + pool[at + 2 + k]];
        string? error = Intrinsics.Invoke(id, new ReadOnlySpan<Value>(args, 0, m), _env, out Value result);
        args.AsSpan(0, m).Clear();
        if (error != null)
        {
            int nbp = StackTop;
            Ensure((long)nbp + callee.RegCount, _fp + 1);
            ref Frame f = ref _frames[_fp++];
            f.Fn = callee; f.Pc = 1; f.Bp = nbp; f.RetDst = -1; f.RetMulti = null;
            _fuel = fuelAfterCall - 1;
            throw new GuestTrap(error);
        }
        return result;
    }

    void CallIntrinsic(int bp, ref LInstr ins)
    {
        int[] pool = _p.Pool;
        int at = ins.C;
        int n = pool[at];
        Charge(HeapMeter.SmallBytes);
        var args = Scratch(n);
        var stack = _stack;
        for (int k = 0; k < n; k++)
        {
            int r = pool[at + 1 + k];
            ref Value v = ref stack[bp + r];
            if (v.Tag == Tag.Uninit) throw new GuestTrap($"read from uninitialized reg {r}");
            args[k] = v;
        }
        string? error = Intrinsics.Invoke((Intrinsic)ins.B, new ReadOnlySpan<Value>(args, 0, n), _env, out Value result);
        args.AsSpan(0, n).Clear();
        if (error != null) throw new GuestTrap(error);
        if (ins.A >= 0) stack[bp + ins.A] = result;
    }

    // ---- constructors and typereps ------------------------------------------------------------

    TypeRep ResolveConstLit(int index)
    {
        var info = _p.TypeRepLits[index];
        if (info.Error != null) throw new GuestTrap($"const typerep: {info.Error}");
        var t = Types.Intern(info.Kind, info.Payload, NoTypeReps);
        _litCache[index] = t;
        return t;
    }

    TypeRep[] _typeArgBuf = new TypeRep[8];

    TypeRep MakeTypeRep(int bp, MakeTypeRepSite site)
    {
        int[] regs = site.Args;
        var last = _mtArgs[site.CacheSlot];
        if (last != null)
        {
            int i = 0;
            while (i < regs.Length && ReferenceEquals(_stack[bp + regs[i]].Obj, last[i])) i++;
            if (i == regs.Length) return _mtResult[site.CacheSlot]!;
        }
        Charge(HeapMeter.SmallBytes);
        var t = MakeTypeRepSlow(bp, site);
        _mtArgs[site.CacheSlot] = t.Args;
        _mtResult[site.CacheSlot] = t;
        return t;
    }

    TypeRep MakeTypeRepSlow(int bp, MakeTypeRepSite site)
    {
        int[] regs = site.Args;
        if (_typeArgBuf.Length < regs.Length) _typeArgBuf = new TypeRep[regs.Length * 2];
        var buf = _typeArgBuf;
        for (int i = 0; i < regs.Length; i++) buf[i] = ReadTypeRep(bp, regs[i], "make_typerep arg");
        var info = _p.TypeRepLits[site.Lit];
        if (info.Error != null) throw new GuestTrap($"make_typerep base: {info.Error}");
        return Types.Intern(info.Kind, info.Payload, buf, regs.Length);
    }

    TypeRep[] ReadTypeArgs(int bp, int[] regs, string context)
    {
        if (regs.Length == 0) return NoTypeReps;
        var r = new TypeRep[regs.Length];
        for (int i = 0; i < regs.Length; i++) r[i] = ReadTypeRep(bp, regs[i], context);
        return r;
    }

    /// <summary>
    /// The typereps in <paramref name="regs"/> as an array shared with the previous object built at
    /// this site when they are the same (type-argument arrays are never mutated); null if a register
    /// does not hold a typerep (the caller then reports the reference's error).
    /// </summary>
    TypeRep[]? SharedTypeArgs(int bp, int[] regs, int slot)
    {
        if (regs.Length == 0) return NoTypeReps;
        var stack = _stack;
        var last = _taCache[slot];
        if (last != null)
        {
            int i = 0;
            while (i < regs.Length && ReferenceEquals(stack[bp + regs[i]].Obj, last[i])) i++;
            if (i == regs.Length) return last;
        }
        var arr = new TypeRep[regs.Length];
        for (int i = 0; i < regs.Length; i++)
        {
            if (stack[bp + regs[i]].Obj is TypeRep t) arr[i] = t;
            else return null;
        }
        _taCache[slot] = arr;
        return arr;
    }

    Value MakeEnum(int bp, MakeEnumSite site)
    {
        var typeArgs = SharedTypeArgs(bp, site.TypeArgs, site.TypeArgSlot) ?? ReadTypeArgs(bp, site.TypeArgs, "make_enum type_args");
        int[] fr = site.Fields;
        Charge(HeapMeter.EnumOf(fr.Length));
        var fields = fr.Length == 0 ? Array.Empty<Value>() : new Value[fr.Length];
        for (int i = 0; i < fr.Length; i++) fields[i] = Read(bp, fr[i], "make_enum field");
        return Value.Ref(new REnum(site.TypeId, typeArgs, site.Variant, fields));
    }

    Value MakeStructSlow(int bp, MakeStructSite site, bool checkedForm)
    {
        var typeArgs = ReadTypeArgs(bp, site.TypeArgs, "make_struct type_args");
        var src = site.Source;
        string typeName = _p.TypeName(site.TypeId);
        var layout = site.TypeId < (uint)_m.StructLayouts.Length ? _m.StructLayouts[site.TypeId] : null;
        if (layout == null) throw new GuestTrap($"missing struct layout for `{typeName}`");
        Charge(HeapMeter.StructOf(layout.Length));
        var fields = new Value[layout.Length];
        for (int i = 0; i < src.FieldNames.Length; i++)
        {
            string name = src.FieldNames[i];
            int reg = (int)src.FieldRegs[i];
            Value v = Read(bp, reg, $"make_struct field `{name}`");
            int idx = Array.IndexOf(layout, name);
            if (idx < 0) throw new GuestTrap($"missing field: {name}");
            if (fields[idx].IsInit) throw new GuestTrap($"duplicate field `{name}` in `{typeName}` literal");
            fields[idx] = v;
        }
        for (int i = 0; i < fields.Length; i++)
            if (!fields[i].IsInit) throw new GuestTrap($"missing field: {layout[i]}");
        return Value.Ref(new RStruct(site.TypeId, typeArgs, fields));
    }

    /// <summary>Name-based GetField/SetField on a struct (layout lookup) or tuple (".N").</summary>
    void NamedField(int bp, bool set, FieldSite site)
    {
        string what = set ? "set_field" : "get_field";
        Value obj = Read(bp, site.Obj, what + " obj");
        if (!obj.IsRef) throw new GuestTrap($"type error in {what}: expected ref(struct/tuple), got {Kind(obj)}");
        Value val = default;
        if (set)
        {
            if (obj.IsReadonly) throw new GuestTrap("illegal write through readonly reference");
            val = Read(bp, site.Other, "set_field value");
        }
        Value[] slots;
        int idx;
        switch (obj.Obj)
        {
            case RStruct s:
            {
                var layout = s.TypeId < (uint)_m.StructLayouts.Length ? _m.StructLayouts[s.TypeId] : null;
                if (layout == null) throw new GuestTrap($"missing struct layout for `{_p.TypeName(s.TypeId)}`");
                idx = Array.IndexOf(layout, site.Field);
                if (idx < 0 || idx >= s.Fields.Length) throw new GuestTrap($"missing field: {site.Field}");
                slots = s.Fields;
                break;
            }
            case RTuple t:
                idx = TupleFieldIndex(site.Field);
                if (idx < 0 || idx >= t.Items.Length) throw new GuestTrap($"missing field: {site.Field}");
                slots = t.Items;
                break;
            default:
                throw new GuestTrap($"type error in {what}: expected struct/tuple, got ref");
        }
        if (set) slots[idx] = val;
        else _stack[bp + site.Other] = slots[idx].ViewedThrough(obj.IsReadonly);
    }

    /// <summary>".N" → N (Rust usize parsing: optional '+', decimal digits); -1 if not of that form.</summary>
    static int TupleFieldIndex(string field)
    {
        if (field.Length < 2 || field[0] != '.') return -1;
        int i = 1;
        if (field[i] == '+') i++;
        if (i >= field.Length) return -1;
        long v = 0;
        for (; i < field.Length; i++)
        {
            char c = field[i];
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
            if (v > int.MaxValue) return int.MaxValue;
        }
        return (int)v;
    }
}
