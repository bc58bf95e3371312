// One IR instruction → wasm, by opcode family: locals/args, constants, arithmetic and conversions,
// comparisons, fields and statics, arrays, byrefs (docs/aot.md: a struct's box, or data array + index),
// objects, casts and boxes, calls.
using System.Collections.Generic;
using System.Reflection.Metadata;
using Rusk.Aot.IL;
using Rusk.Aot.Layout;
using Rusk.Aot.Reachability;
using Rusk.Aot.TypeSystem;

namespace Rusk.Aot.Codegen;

internal sealed partial class MethodCompiler
{
    static string N(SType t) => t.Kind switch
    {
        SK.I32 => "i32",
        SK.I64 => "i64",
        SK.F32 => "f32",
        SK.F64 => "f64",
        _ => throw new CompileError($"{t} is not a number"),
    };

    void Emit(IrInst ins, IrInst? prev)
    {
        var p = ins.Pops;
        switch (ins.Op)
        {
            case ILOpCode.Nop: case ILOpCode.Break: return;
            case ILOpCode.Ldarg: Load(_argLocals[ins.IL.Int], _ir.Args[ins.IL.Int], _celledArgs.Contains((int)ins.IL.Int)); return;
            case ILOpCode.Ldloc: Load(_localLocals[ins.IL.Int], _ir.Locals[ins.IL.Int], _celledLocals.Contains((int)ins.IL.Int)); return;
            case ILOpCode.Starg: Store(_argLocals[ins.IL.Int], _ir.Args[ins.IL.Int], _celledArgs.Contains((int)ins.IL.Int)); return;
            case ILOpCode.Stloc: Store(_localLocals[ins.IL.Int], _ir.Locals[ins.IL.Int], _celledLocals.Contains((int)ins.IL.Int)); return;
            case ILOpCode.Ldarga: Address(_argLocals[ins.IL.Int], _ir.Args[ins.IL.Int]); return;
            case ILOpCode.Ldloca: Address(_localLocals[ins.IL.Int], _ir.Locals[ins.IL.Int]); return;
            case ILOpCode.Ldnull: _c.Add("ref.null none"); return;
            case ILOpCode.Ldc_i4: _c.Add("i32.const " + (int)ins.IL.Int); return;
            case ILOpCode.Ldc_i8: _c.Add("i64.const " + ins.IL.Int); return;
            case ILOpCode.Ldc_r4: _c.Add("f32.const " + FloatLit(ins.IL.Float)); return;
            case ILOpCode.Ldc_r8: _c.Add("f64.const " + FloatLit(ins.IL.Float)); return;
            case ILOpCode.Ldstr: _c.Add("global.get " + _mb.StringLiteral((string)ins.Operand!)); return;
            case ILOpCode.Dup:
            {
                var vts = _L.ValTypes(p[0]);
                if (vts.Length == 1) { string t = Temp(vts[0]); _c.Add("local.tee " + t); _c.Add("local.get " + t); return; }
                string a = Temp(vts[0]), i = Temp(vts[1]);
                _c.Add("local.set " + i); _c.Add("local.tee " + a); _c.Add("local.get " + i); _c.Add("local.get " + a); _c.Add("local.get " + i);
                return;
            }
            case ILOpCode.Pop: for (int k = 0; k < _L.ValTypes(p[0]).Length; k++) _c.Add("drop"); return;
            case ILOpCode.Ret: EmitRet(p); return;
            case ILOpCode.Add:
            case ILOpCode.Sub:
            case ILOpCode.Mul:
            case ILOpCode.And:
            case ILOpCode.Or:
            case ILOpCode.Xor:
            case ILOpCode.Div:
            case ILOpCode.Div_un:
            case ILOpCode.Rem:
            case ILOpCode.Rem_un:
                Binary(ins); return;
            case ILOpCode.Add_ovf:
            case ILOpCode.Add_ovf_un:
            case ILOpCode.Sub_ovf:
            case ILOpCode.Sub_ovf_un:
            case ILOpCode.Mul_ovf:
            case ILOpCode.Mul_ovf_un:
                CheckedBinary(ins.Op, p[0], p[1]); return;
            case ILOpCode.Shl:
            case ILOpCode.Shr:
            case ILOpCode.Shr_un:
            {
                string t = N(p[0]);
                if (t == "i64" && p[1].Kind == SK.I32) _c.Add("i64.extend_i32_u");
                _c.Add(t + (ins.Op == ILOpCode.Shl ? ".shl" : ins.Op == ILOpCode.Shr ? ".shr_s" : ".shr_u"));
                return;
            }
            case ILOpCode.Neg:
                if (p[0].Kind is SK.F32 or SK.F64) _c.Add(N(p[0]) + ".neg");
                else { _c.Add(N(p[0]) + ".const -1"); _c.Add(N(p[0]) + ".mul"); }
                return;
            case ILOpCode.Not: _c.Add(N(p[0]) + ".const -1"); _c.Add(N(p[0]) + ".xor"); return;
            case ILOpCode.Ceq:
            case ILOpCode.Cgt:
            case ILOpCode.Cgt_un:
            case ILOpCode.Clt:
            case ILOpCode.Clt_un:
                Compare(ins.Op, p[0], p[1]); return;
            case ILOpCode.Ckfinite: throw new CompileError("ckfinite is not supported");
            case ILOpCode.Throw: EmitThrow(); return;
            case ILOpCode.Rethrow: EmitRethrow(); return;
            case ILOpCode.Endfinally: EmitEndFinally(); return;
            case ILOpCode.Endfilter: EmitEndFilter(); return;
            case ILOpCode.Call: case ILOpCode.Callvirt: EmitCall(ins, prev); return;
            case ILOpCode.Newobj: EmitNewobj(ins, prev); return;
            case ILOpCode.Ldftn:
            case ILOpCode.Ldvirtftn:
                // Consumed by the delegate constructor that follows (EmitNewobj looks back).
                if (ins.Op == ILOpCode.Ldvirtftn) _c.Add("drop");
                return;
            case ILOpCode.Ldfld: EmitLdfld(ins); return;
            case ILOpCode.Stfld: EmitStfld(ins); return;
            case ILOpCode.Ldflda: EmitLdflda(ins); return;
            case ILOpCode.Ldsfld: case ILOpCode.Stsfld: case ILOpCode.Ldsflda: EmitStatic(ins); return;
            case ILOpCode.Newarr: EmitNewarr(ins.Type); return;
            case ILOpCode.Ldlen: _c.Add($"struct.get {ArrayStruct(p[0])} {_L.ArrayDataField}"); _c.Add("array.len"); return;
            case ILOpCode.Ldelema: EmitLdelema(ins); return;
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
                var et = ins.Type;
                string idx = Temp("i32");
                _c.Add("local.set " + idx);
                _c.Add($"struct.get {ArrayStruct(p[0])} {_L.ArrayDataField}");
                _c.Add("local.get " + idx);
                _c.Add($"array.get{_mb.PackSuffix(et)} {_L.DataArray(et)}");
                return;
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
            {
                var et = ins.Type;
                CheckNoCovariance(p[2], et);
                string v = Temp(_L.ValTypes(p[2])[0]), idx = Temp("i32");
                _c.Add("local.set " + v); _c.Add("local.set " + idx);
                _c.Add($"struct.get {ArrayStruct(p[0])} {_L.ArrayDataField}");
                _c.Add("local.get " + idx);
                if (et is DefType { IsStruct: true } s)
                {
                    _c.Add($"array.get {_L.DataArray(et)}");
                    _c.Add("local.get " + v);
                    _c.Add("call " + _mb.Copy(s));
                    return;
                }
                _c.Add("local.get " + v);
                Coerce(p[2], et);
                _c.Add($"array.set {_L.DataArray(et)}");
                return;
            }
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
            case ILOpCode.Ldobj:
                LoadIndirect(p[0], ins.Op == ILOpCode.Ldobj ? ins.Type : ins.Type);
                return;
            case ILOpCode.Stind_i1:
            case ILOpCode.Stind_i2:
            case ILOpCode.Stind_i4:
            case ILOpCode.Stind_i8:
            case ILOpCode.Stind_r4:
            case ILOpCode.Stind_r8:
            case ILOpCode.Stind_i:
            case ILOpCode.Stind_ref:
            case ILOpCode.Stobj:
                StoreIndirect(p[0], p[1], ins.Op == ILOpCode.Stobj ? ins.Type : p[0].Type!);
                return;
            case ILOpCode.Initobj:
            {
                var t = ins.Type;
                if (t is DefType { IsStruct: true } s) { _c.Add("call " + _mb.Alloc(s)); _c.Add("call " + _mb.Copy(s)); return; }
                _mb.DefaultOf(_c, t);
                _c.Add($"array.set {_L.DataArray(t)}");
                return;
            }
            case ILOpCode.Box: EmitBox(p[0], ins.Type); return;
            case ILOpCode.Unbox_any: EmitUnbox(ins.Type, p[0], byRef: false); return;
            case ILOpCode.Unbox: EmitUnbox(ins.Type, p[0], byRef: true); return;
            case ILOpCode.Castclass: case ILOpCode.Isinst: EmitCast(ins.Op == ILOpCode.Isinst, ins.Type); return;
            case ILOpCode.Ldtoken: return; // consumed by RuntimeHelpers.InitializeArray
        }
        if (ins.Op.ToString().StartsWith("Conv")) { Convert(ins.Op, p[0]); return; }
        throw new CompileError($"{ins.Op} is not supported");
    }

    static string FloatLit(double d) =>
        double.IsNaN(d) ? "nan" : double.IsPositiveInfinity(d) ? "inf" : double.IsNegativeInfinity(d) ? "-inf"
        : d.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    // ---- locals ----

    void Load(string[] names, TypeDesc t, bool celled)
    {
        if (celled) { _c.Add("local.get " + names[0]); _c.Add("i32.const 0"); _c.Add($"array.get{_mb.PackSuffix(t)} {_L.DataArray(t)}"); return; }
        foreach (var n in names) _c.Add("local.get " + n);
    }

    void Store(string[] names, TypeDesc t, bool celled)
    {
        if (t is DefType { IsStruct: true } s && !celled)
        {
            string v = Temp(_L.ValType(t));
            _c.Add("local.set " + v); _c.Add("local.get " + names[0]); _c.Add("local.get " + v); _c.Add("call " + _mb.Copy(s));
            return;
        }
        if (celled)
        {
            string v = Temp(_L.ValTypes(t)[0]);
            _c.Add("local.set " + v); _c.Add("local.get " + names[0]); _c.Add("i32.const 0"); _c.Add("local.get " + v);
            _c.Add($"array.set {_L.DataArray(t)}");
            return;
        }
        for (int k = names.Length - 1; k >= 0; k--) _c.Add("local.set " + names[k]);
    }

    void Address(string[] names, TypeDesc t)
    {
        if (t is DefType { IsStruct: true }) { _c.Add("local.get " + names[0]); return; }
        if (t is ByRefType) throw new CompileError("the address of a byref local is not supported");
        _c.Add("local.get " + names[0]);
        _c.Add("i32.const 0");
    }

    // ---- arithmetic ----

    void Binary(IrInst ins)
    {
        var p = ins.Pops;
        string t = N(ins.Push!.Value);
        if (t == "f64" && (p[0].Kind == SK.F32 || p[1].Kind == SK.F32))
        {
            string b = Temp(N(p[1]));
            _c.Add("local.set " + b);
            if (p[0].Kind == SK.F32) _c.Add("f64.promote_f32");
            _c.Add("local.get " + b);
            if (p[1].Kind == SK.F32) _c.Add("f64.promote_f32");
        }
        bool f = t[0] == 'f';
        switch (ins.Op)
        {
            case ILOpCode.Add: _c.Add(t + ".add"); break;
            case ILOpCode.Sub: _c.Add(t + ".sub"); break;
            case ILOpCode.Mul: _c.Add(t + ".mul"); break;
            case ILOpCode.And: _c.Add(t + ".and"); break;
            case ILOpCode.Or: _c.Add(t + ".or"); break;
            case ILOpCode.Xor: _c.Add(t + ".xor"); break;
            case ILOpCode.Div: _c.Add(t + (f ? ".div" : ".div_s")); break;
            case ILOpCode.Div_un: _c.Add(t + ".div_u"); break;
            case ILOpCode.Rem when f:
            {
                // IEEE fmod (C# %): x - trunc(x / y) * y.
                string y = Temp(t), x = Temp(t);
                _c.Add("local.set " + y); _c.Add("local.tee " + x);
                _c.Add("local.get " + x); _c.Add("local.get " + y); _c.Add(t + ".div"); _c.Add(t + ".trunc");
                _c.Add("local.get " + y); _c.Add(t + ".mul"); _c.Add(t + ".sub");
                break;
            }
            case ILOpCode.Rem:
            {
                // wasm traps on MIN % -1; C# gives 0.
                string y = Temp(t);
                _c.Add("local.tee " + y); _c.Add(t + ".const -1"); _c.Add(t + ".eq");
                _c.Add($"if (param {t}) (result {t})"); _c.Add("  drop"); _c.Add($"  {t}.const 0"); _c.Add("else");
                _c.Add("  local.get " + y); _c.Add($"  {t}.rem_s"); _c.Add("end");
                break;
            }
            case ILOpCode.Rem_un: _c.Add(t + ".rem_u"); break;
        }
    }

    void Compare(ILOpCode op, SType a, SType b)
    {
        if (a.Kind is SK.Ref || b.Kind is SK.Ref)
        {
            if (op == ILOpCode.Ceq) { _c.Add("ref.eq"); return; }
            if (op == ILOpCode.Cgt_un) { _c.Add("ref.eq"); _c.Add("i32.eqz"); return; }
            throw new CompileError($"{op} on references");
        }
        string t = a.Kind == SK.F64 || b.Kind == SK.F64 ? "f64" : N(a);
        if (t == "f64" && (a.Kind == SK.F32 || b.Kind == SK.F32))
        {
            string tb = Temp(N(b)); _c.Add("local.set " + tb);
            if (a.Kind == SK.F32) _c.Add("f64.promote_f32");
            _c.Add("local.get " + tb);
            if (b.Kind == SK.F32) _c.Add("f64.promote_f32");
        }
        bool f = t[0] == 'f';
        switch (op)
        {
            case ILOpCode.Ceq: _c.Add(t + ".eq"); break;
            case ILOpCode.Cgt: _c.Add(t + (f ? ".gt" : ".gt_s")); break;
            case ILOpCode.Clt: _c.Add(t + (f ? ".lt" : ".lt_s")); break;
            // .un on floats: unordered or the relation (so !(a <= b) for cgt.un).
            case ILOpCode.Cgt_un: if (f) { _c.Add(t + ".le"); _c.Add("i32.eqz"); } else _c.Add(t + ".gt_u"); break;
            case ILOpCode.Clt_un: if (f) { _c.Add(t + ".ge"); _c.Add("i32.eqz"); } else _c.Add(t + ".lt_u"); break;
        }
    }

    /// <summary>A conditional branch's operands → the i32 the structured `if`/`br_if` pops.</summary>
    void EmitCondition(IrInst ins)
    {
        var p = ins.Pops;
        switch (ins.Op)
        {
            case ILOpCode.Brtrue:
            case ILOpCode.Brfalse:
                if (p[0].Kind == SK.Ref) { _c.Add("ref.is_null"); if (ins.Op == ILOpCode.Brtrue) _c.Add("i32.eqz"); return; }
                if (p[0].Kind == SK.I64) { _c.Add("i64.eqz"); if (ins.Op == ILOpCode.Brtrue) _c.Add("i32.eqz"); return; }
                if (p[0].Kind != SK.I32) throw new CompileError($"{ins.Op} on {p[0]}");
                if (ins.Op == ILOpCode.Brfalse) _c.Add("i32.eqz");
                return;
            case ILOpCode.Beq: Compare(ILOpCode.Ceq, p[0], p[1]); return;
            case ILOpCode.Bne_un:
                Compare(ILOpCode.Ceq, p[0], p[1]); _c.Add("i32.eqz"); return;
            case ILOpCode.Bgt: Compare(ILOpCode.Cgt, p[0], p[1]); return;
            case ILOpCode.Blt: Compare(ILOpCode.Clt, p[0], p[1]); return;
            case ILOpCode.Bgt_un: Compare(ILOpCode.Cgt_un, p[0], p[1]); return;
            case ILOpCode.Blt_un: Compare(ILOpCode.Clt_un, p[0], p[1]); return;
            // a >= b is !(a < b) for integers; for floats bge is ordered (so not via clt.un).
            case ILOpCode.Bge: if (IsFloat(p)) { FloatCmp(p, ".ge"); return; } Compare(ILOpCode.Clt, p[0], p[1]); _c.Add("i32.eqz"); return;
            case ILOpCode.Ble: if (IsFloat(p)) { FloatCmp(p, ".le"); return; } Compare(ILOpCode.Cgt, p[0], p[1]); _c.Add("i32.eqz"); return;
            case ILOpCode.Bge_un: if (IsFloat(p)) { Compare(ILOpCode.Clt, p[0], p[1]); _c.Add("i32.eqz"); return; } Compare(ILOpCode.Clt_un, p[0], p[1]); _c.Add("i32.eqz"); return;
            case ILOpCode.Ble_un: if (IsFloat(p)) { Compare(ILOpCode.Cgt, p[0], p[1]); _c.Add("i32.eqz"); return; } Compare(ILOpCode.Cgt_un, p[0], p[1]); _c.Add("i32.eqz"); return;
        }
        throw new CompileError($"{ins.Op} is not a conditional branch");
    }

    static bool IsFloat(SType[] p) => p[0].Kind is SK.F32 or SK.F64;

    void FloatCmp(SType[] p, string op)
    {
        string t = p[0].Kind == SK.F64 || p[1].Kind == SK.F64 ? "f64" : "f32";
        if (t == "f64" && (p[0].Kind == SK.F32 || p[1].Kind == SK.F32))
        {
            string tb = Temp(N(p[1])); _c.Add("local.set " + tb);
            if (p[0].Kind == SK.F32) _c.Add("f64.promote_f32");
            _c.Add("local.get " + tb);
            if (p[1].Kind == SK.F32) _c.Add("f64.promote_f32");
        }
        _c.Add(t + op);
    }

    void Convert(ILOpCode op, SType from)
    {
        string s = N(from);
        string name = op.ToString().ToLowerInvariant();
        bool ovf = name.Contains("ovf");
        if (ovf) { CheckedConvert(op, from); return; }
        bool fromUn = false;
        switch (op)
        {
            case ILOpCode.Conv_i1: ToI32(s, false); _c.Add("i32.extend8_s"); return;
            case ILOpCode.Conv_i2: ToI32(s, false); _c.Add("i32.extend16_s"); return;
            case ILOpCode.Conv_u1: ToI32(s, true); _c.Add("i32.const 255"); _c.Add("i32.and"); return;
            case ILOpCode.Conv_u2: ToI32(s, true); _c.Add("i32.const 65535"); _c.Add("i32.and"); return;
            case ILOpCode.Conv_i4: case ILOpCode.Conv_i: ToI32(s, false); return;
            case ILOpCode.Conv_u4: case ILOpCode.Conv_u: ToI32(s, true); return;
            case ILOpCode.Conv_i8:
                if (s == "i32") _c.Add("i64.extend_i32_s"); else if (s != "i64") _c.Add($"i64.trunc_sat_{s}_s");
                return;
            case ILOpCode.Conv_u8:
                if (s == "i32") _c.Add("i64.extend_i32_u"); else if (s != "i64") _c.Add($"i64.trunc_sat_{s}_u");
                return;
            case ILOpCode.Conv_r_un: fromUn = true; goto case ILOpCode.Conv_r8;
            case ILOpCode.Conv_r8:
                if (s == "f32") _c.Add("f64.promote_f32"); else if (s != "f64") _c.Add($"f64.convert_{s}_{(fromUn ? "u" : "s")}");
                return;
            case ILOpCode.Conv_r4:
                if (s == "f64") _c.Add("f32.demote_f64"); else if (s != "f32") _c.Add($"f32.convert_{s}_s");
                return;
        }
        throw new CompileError($"{op} is not supported");
    }

    void ToI32(string s, bool unsigned)
    {
        if (s == "i64") _c.Add("i32.wrap_i64");
        else if (s is "f32" or "f64") _c.Add($"i32.trunc_sat_{s}_{(unsigned ? "u" : "s")}");
    }

    /// <summary>Stack value → the storage of a location of type <paramref name="t"/> (f32/f64 widening only).</summary>
    void Coerce(SType from, TypeDesc t)
    {
        if (t is DefType { Prim: PrimitiveTypeCode.Double } && from.Kind == SK.F32) _c.Add("f64.promote_f32");
        if (t is DefType { Prim: PrimitiveTypeCode.Single } && from.Kind == SK.F64) _c.Add("f32.demote_f64");
    }

    // ---- arrays ----

    string ArrayStruct(SType arr) => arr.Type is ArrayType a ? _L.ArrayStruct(a) : throw new CompileError($"{arr} is not an array");

    void CheckNoCovariance(SType value, TypeDesc element)
    {
        _ = value; _ = element; // exact element types: a store of a subtype is a plain store; covariance is caught at newarr/cast sites
    }

    void EmitNewarr(TypeDesc et)
    {
        var at = _ts.ArrayOf(et);
        string arr = _L.ArrayStruct(at), data = _L.DataArray(et);
        if (et is DefType { IsStruct: true } s)
        {
            // Every element owns a box (docs/aot.md).
            string n = Temp("i32"), d = Temp($"(ref null {data})"), i = Temp("i32");
            _c.Add("local.tee " + n);
            _c.Add($"array.new_default {data}");
            _c.Add("local.set " + d);
            // The counter restarts at 0: a newarr inside a loop of the method reuses this local.
            _c.Add("i32.const 0"); _c.Add("local.set " + i);
            _c.Add("block"); _c.Add("loop");
            _c.Add("local.get " + i); _c.Add("local.get " + n); _c.Add("i32.ge_s"); _c.Add("br_if 1");
            _c.Add("local.get " + d); _c.Add("local.get " + i); _c.Add("call " + _mb.Alloc(s)); _c.Add($"array.set {data}");
            _c.Add("local.get " + i); _c.Add("i32.const 1"); _c.Add("i32.add"); _c.Add("local.set " + i);
            _c.Add("br 0"); _c.Add("end"); _c.Add("end");
            string tmp = Temp($"(ref null {data})");
            _c.Add("local.get " + d); _c.Add("local.set " + tmp);
            _c.Add("global.get " + _mb.VTable(at));
            _c.Add("i32.const 0");
            _c.Add("local.get " + tmp); _c.Add("ref.as_non_null");
            _c.Add("struct.new " + arr);
            return;
        }
        string len = Temp("i32");
        _c.Add("local.set " + len);
        _c.Add("global.get " + _mb.VTable(at));
        _c.Add("i32.const 0");
        _c.Add("local.get " + len);
        _c.Add($"array.new_default {data}");
        _c.Add("struct.new " + arr);
    }

    void EmitLdelema(IrInst ins)
    {
        var et = ins.Type;
        string idx = Temp("i32");
        _c.Add("local.set " + idx);
        _c.Add($"struct.get {ArrayStruct(ins.Pops[0])} {_L.ArrayDataField}");
        _c.Add("local.get " + idx);
        if (et is DefType { IsStruct: true }) _c.Add($"array.get {_L.DataArray(et)}");
    }

    // ---- byrefs ----

    void LoadIndirect(SType addr, TypeDesc t)
    {
        if (addr.Kind != SK.ByRef) return; // a primitive's by-value `this`: already the value
        if (t is DefType { IsStruct: true }) return; // the box is the value (borrowed)
        _c.Add($"array.get{_mb.PackSuffix(addr.Type!)} {_L.DataArray(addr.Type!)}");
    }

    void StoreIndirect(SType addr, SType value, TypeDesc t)
    {
        if (addr.Kind != SK.ByRef) throw new CompileError($"store through {addr}");
        if (addr.Type is DefType { IsStruct: true } s) { _c.Add("call " + _mb.Copy(s)); return; }
        Coerce(value, addr.Type!);
        _c.Add($"array.set {_L.DataArray(addr.Type!)}");
        _ = t;
    }

    // ---- fields and statics ----

    /// <summary>The struct type to access a field through, given the object operand's stack type.</summary>
    string FieldOwnerStruct(FieldDesc f) => _L.StructType(f.Owner);

    void EmitLdfld(IrInst ins)
    {
        var f = ins.Field;
        var obj = ins.Pops[0];
        if (obj.Kind == SK.ByRef && obj.Type is not DefType { IsStruct: true })
        {
            // ldfld through a byref to a class reference or a primitive's own m_value.
            if (f.Owner.IsPrimitive || f.Owner.IsEnum) { _c.Add($"array.get{_mb.PackSuffix(obj.Type!)} {_L.DataArray(obj.Type!)}"); return; }
            _c.Add($"array.get {_L.DataArray(obj.Type!)}");
        }
        else if (obj.Kind is SK.I32 or SK.I64 or SK.F32 or SK.F64) return; // m_value of a by-value primitive
        string st = FieldOwnerStruct(f);
        int idx = _L.FieldIndex(f);
        if (_L.IsCelled(f))
        {
            _c.Add($"struct.get {st} {idx}"); _c.Add("i32.const 0"); _c.Add($"array.get{_mb.PackSuffix(f.Type)} {_L.DataArray(f.Type)}");
            return;
        }
        string storage = _L.StorageType(f.Type);
        _c.Add($"struct.get{(storage is "i8" or "i16" ? (WasmLayout.IsSignedSmall(f.Type) ? "_s" : "_u") : "")} {st} {idx}");
    }

    void EmitStfld(IrInst ins)
    {
        var f = ins.Field;
        var obj = ins.Pops[0];
        var val = ins.Pops[1];
        string v = Temp(_L.ValTypes(val)[0]);
        _c.Add("local.set " + v);
        if (obj.Kind == SK.ByRef && obj.Type is not DefType { IsStruct: true }) _c.Add($"array.get {_L.DataArray(obj.Type!)}");
        string st = FieldOwnerStruct(f);
        int idx = _L.FieldIndex(f);
        if (_L.IsCelled(f))
        {
            _c.Add($"struct.get {st} {idx}"); _c.Add("i32.const 0"); _c.Add("local.get " + v); Coerce(val, f.Type);
            _c.Add($"array.set {_L.DataArray(f.Type)}");
            return;
        }
        if (f.Type is DefType { IsStruct: true } s)
        {
            _c.Add($"struct.get {st} {idx}"); _c.Add("local.get " + v); _c.Add("call " + _mb.Copy(s));
            return;
        }
        _c.Add("local.get " + v);
        Coerce(val, f.Type);
        _c.Add($"struct.set {st} {idx}");
    }

    void EmitLdflda(IrInst ins)
    {
        var f = ins.Field;
        var obj = ins.Pops[0];
        if (obj.Kind == SK.ByRef && obj.Type is not DefType { IsStruct: true }) _c.Add($"array.get {_L.DataArray(obj.Type!)}");
        string st = FieldOwnerStruct(f);
        int idx = _L.FieldIndex(f);
        _c.Add($"struct.get {st} {idx}");
        if (!(f.Type is DefType { IsStruct: true })) _c.Add("i32.const 0");
    }

    void EmitStatic(IrInst ins)
    {
        var f = ins.Field;
        if (f.IsLiteral) throw new CompileError($"access to literal field {f}");
        if (_mb.StaticInit(f.Owner) is { } init && !(f.Owner == _ir.Method.Owner && _ir.Method.Name == ".cctor")) _c.Add("call " + init);
        string g = _mb.Static(f);
        bool celled = _L.IsCelled(f);
        switch (ins.Op)
        {
            case ILOpCode.Ldsfld:
                _c.Add("global.get " + g);
                if (celled) { _c.Add("i32.const 0"); _c.Add($"array.get{_mb.PackSuffix(f.Type)} {_L.DataArray(f.Type)}"); }
                return;
            case ILOpCode.Ldsflda:
                _c.Add("global.get " + g);
                if (!(f.Type is DefType { IsStruct: true })) _c.Add("i32.const 0");
                return;
            default:
            {
                var val = ins.Pops[0];
                if (f.Type is DefType { IsStruct: true } s && !celled)
                {
                    string v = Temp(_L.ValType(s)); _c.Add("local.set " + v); _c.Add("global.get " + g); _c.Add("local.get " + v); _c.Add("call " + _mb.Copy(s));
                    return;
                }
                if (celled)
                {
                    string v = Temp(_L.ValTypes(val)[0]); _c.Add("local.set " + v); _c.Add("global.get " + g); _c.Add("i32.const 0"); _c.Add("local.get " + v);
                    Coerce(val, f.Type); _c.Add($"array.set {_L.DataArray(f.Type)}");
                    return;
                }
                Coerce(val, f.Type);
                _c.Add("global.set " + g);
                return;
            }
        }
    }

    // ---- boxes and casts ----

    void EmitBox(SType v, TypeDesc t)
    {
        if (t is DefType { IsStruct: true } s) { _c.Add("call " + _mb.Clone(s)); return; }
        if (!t.IsValueType) return; // box of a reference type (generic code): nothing
        var d = (DefType)t;
        if (d.FullName.StartsWith("System.Nullable`1")) throw new CompileError("boxing Nullable<T> is not supported");
        var ci = _L.Class(d);
        string tmp = Temp(_L.ValTypes(v)[0]);
        _c.Add("local.set " + tmp);
        _c.Add("global.get " + _mb.VTable(d));
        _c.Add("i32.const 0");
        _c.Add("local.get " + tmp);
        Coerce(v, d.IsEnum ? Importer.EnumUnderlying(d) : d);
        _c.Add("struct.new " + ci.Struct);
    }

    void EmitUnbox(TypeDesc t, SType from, bool byRef)
    {
        _ = from;
        if (!t.IsValueType) { if (!byRef) EmitCast(false, t); return; }
        var d = (DefType)t;
        var ci = _L.Class(d);
        _c.Add($"ref.cast (ref {ci.Struct})");
        if (d.IsStruct) return; // the box is the value / the byref
        if (byRef) throw new CompileError($"unbox (address) of primitive {t} is not supported");
        _c.Add($"struct.get {ci.Struct} {WasmLayout.FirstField}");
    }

    void EmitCast(bool isinst, TypeDesc t)
    {
        if (t is DefType { IsInterface: true } i) { InterfaceCast(isinst, i); return; }
        string target = t switch
        {
            DefType d when d.IsValueType => $"(ref null {_L.StructType(d)})",
            _ => _L.ValType(t),
        };
        if (t == _ts.Object) return;
        if (!isinst) { _c.Add("ref.cast " + target); return; }
        string v = Temp("(ref null any)");
        _c.Add("local.tee " + v);
        _c.Add("ref.test " + target.Replace("ref null", "ref"));
        _c.Add($"if (result {target})");
        _c.Add("  local.get " + v); _c.Add("  ref.cast " + target);
        _c.Add("else"); _c.Add("  ref.null none"); _c.Add("end");
    }

    /// <summary>Interface tests read the itable: the object implements I iff entry id(I) is present.</summary>
    void InterfaceCast(bool isinst, DefType i)
    {
        string obj = _L.StructType(_ts.Object);
        var oci = _L.Class(_ts.Object);
        int id = _L.InterfaceId(i);
        string v = Temp($"(ref null {obj})"), it = Temp($"(ref null {WasmLayout.ItableType})");
        _c.Add($"ref.cast (ref null {obj})");
        _c.Add("local.tee " + v);
        _c.Add("ref.is_null");
        _c.Add("if (result i32)"); _c.Add("  i32.const 0"); _c.Add("else");
        _c.Add("  local.get " + v); _c.Add($"  struct.get {obj} 0"); _c.Add($"  struct.get {oci.VTable} {WasmLayout.VtItable}");
        _c.Add("  local.tee " + it); _c.Add("  ref.is_null");
        _c.Add("  if (result i32)"); _c.Add("    i32.const 0"); _c.Add("  else");
        _c.Add("    i32.const " + id); _c.Add("    local.get " + it); _c.Add("    array.len"); _c.Add("    i32.lt_u");
        _c.Add("    if (result i32)"); _c.Add("      local.get " + it); _c.Add("      i32.const " + id); _c.Add($"      array.get {WasmLayout.ItableType}");
        _c.Add("      ref.is_null"); _c.Add("      i32.eqz"); _c.Add("    else"); _c.Add("      i32.const 0"); _c.Add("    end");
        _c.Add("  end"); _c.Add("end");
        if (isinst)
        {
            _c.Add($"if (result (ref null {obj}))"); _c.Add("  local.get " + v); _c.Add("else"); _c.Add("  ref.null none"); _c.Add("end");
            return;
        }
        // castclass: null passes, a non-implementer traps (InvalidCastException is not catchable yet).
        _c.Add("local.get " + v); _c.Add("ref.is_null"); _c.Add("i32.or"); _c.Add("i32.eqz");
        _c.Add("if"); _c.Add("  unreachable"); _c.Add("end");
        _c.Add("local.get " + v);
    }

    // ---- ret ----

    void EmitRet(SType[] p)
    {
        if (p.Length == 1 && p[0].Kind == SK.Ref && p[0].Type is DefType { IsStruct: true } s) _c.Add("call " + _mb.Clone(s));
        else if (p.Length == 1) Coerce(p[0], _ir.Method.Sig.Return);
        _c.Add("return");
    }
}
