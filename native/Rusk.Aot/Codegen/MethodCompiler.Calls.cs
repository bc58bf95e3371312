// Calls: direct, virtual (vtable slot + call_ref), interface (itable entry + call_ref), constrained
// calls on value types (resolved statically), object and struct construction, delegates, and the
// intrinsics of Codegen/Intrinsics.cs.
using System.Collections.Generic;
using System.Reflection.Metadata;
using Rusk.Aot.IL;
using Rusk.Aot.Layout;
using Rusk.Aot.Reachability;
using Rusk.Aot.TypeSystem;

namespace Rusk.Aot.Codegen;

internal sealed partial class MethodCompiler
{
    /// <summary>Pops the call's arguments into fresh locals (first argument first in the list).</summary>
    List<string> ParkArgs(SType[] pops, int from)
    {
        var names = new List<string>();
        for (int k = pops.Length - 1; k >= from; k--)
        {
            var vts = _L.ValTypes(pops[k]);
            var part = new string[vts.Length];
            for (int j = vts.Length - 1; j >= 0; j--) { part[j] = Temp(vts[j]); _c.Add("local.set " + part[j]); }
            names.InsertRange(0, part);
        }
        return names;
    }

    void Reload(List<string> names) { foreach (var n in names) _c.Add("local.get " + n); }

    void EmitCall(IrInst ins, IrInst? prev)
    {
        var m = ins.Method;
        var kind = Intrinsics.Classify(m);
        if (kind != IntrinsicKind.None && kind != IntrinsicKind.Import) { EmitIntrinsic(kind, ins, prev); return; }
        var p = ins.Pops;
        if (ins.Constrained is { } ct) { EmitConstrained(ins, ct); return; }
        if (!m.IsStatic && p.Length > 0) ThisArgument(m, p);
        if (ins.Op == ILOpCode.Callvirt && Analysis.IsVirtualCall(m))
        {
            if (m.Owner.IsInterface) EmitInterfaceCall(m, p);
            else EmitVirtualCall(m, p);
            return;
        }
        if (m.IsStatic && m.Owner.FullName == "System.Array" && TypedArrayCall(m, p)) return;
        _c.Add("call " + _mb.Func(m));
    }

    /// <summary>
    /// Array.Copy(Array, int, Array, int, int), Array.Copy(Array, Array, int) and Array.Clear(Array, int,
    /// int) on operands whose static types are arrays of one element type: a helper checks the
    /// arguments and copies or clears with that type's code, and calls the corlib's method (which
    /// throws .NET's exception) only when a check fails. Without it every such call would go through
    /// the corlib's body, where the arrays are only `Array`, and find the element type at run time.
    /// </summary>
    /// <summary>The operands of Copy(src, dst, n) on the stack become those of Copy(src, 0, dst, 0, n).</summary>
    void WidenCopy3(SType[] p)
    {
        string n = Temp("i32"), dst = Temp(_L.ValTypes(p[1])[0]);
        _c.Add("local.set " + n); _c.Add("local.set " + dst);
        _c.Add("i32.const 0"); _c.Add("local.get " + dst); _c.Add("i32.const 0"); _c.Add("local.get " + n);
    }

    bool TypedArrayCall(MethodDesc m, SType[] p)
    {
        static bool IsInt(TypeDesc t) => t is DefType { Prim: PrimitiveTypeCode.Int32 };
        var ps = m.Sig.Params;
        if (m.Name == "Copy" && ps.Length == 5 && IsInt(ps[1]) && p[0].Type is ArrayType sa && p[2].Type is ArrayType da && sa.Element == da.Element)
        {
            _c.Add("call " + _mb.ArrayCopyChecked(sa, m));
            return true;
        }
        if (m.Name == "Copy" && ps.Length == 3 && IsInt(ps[2]) && p[0].Type is ArrayType s3 && p[1].Type is ArrayType d3 && s3.Element == d3.Element)
        {
            MethodDesc? copy5 = null;
            foreach (var c in _ts.MethodsOf(m.Owner))
                if (c.Name == "Copy" && c.IsStatic && c.Sig.Params.Length == 5 && IsInt(c.Sig.Params[1])) copy5 = c;
            if (copy5 == null || !_mb.IsCompiled(copy5)) return false;
            // Copy(src, dst, n) is Copy(src, 0, dst, 0, n), exceptions included.
            WidenCopy3(p);
            _c.Add("call " + _mb.ArrayCopyChecked(s3, copy5));
            return true;
        }
        if (m.Name == "Clear" && ps.Length == 3 && p[0].Type is ArrayType ca)
        {
            _c.Add("call " + _mb.ArrayClearChecked(ca, m));
            return true;
        }
        return false;
    }

    /// <summary>Adjusts the `this` operand under the arguments: a byref to a primitive becomes its value
    /// (the corlib convention), a byref to a class reference is loaded.</summary>
    void ThisArgument(MethodDesc m, SType[] p)
    {
        var t = p[0];
        bool needsValue = t.Kind == SK.ByRef && t.Type is not DefType { IsStruct: true };
        if (!needsValue) return;
        var args = ParkArgs(p, 1);
        _c.Add($"array.get{_mb.PackSuffix(t.Type!)} {_L.DataArray(t.Type!)}");
        Reload(args);
        _ = m;
    }

    void EmitVirtualCall(MethodDesc m, SType[] p)
    {
        var root = Virtuals.SlotRoot(m);
        var owner = root.Owner;
        var ci = _L.Class(owner);
        var args = ParkArgs(p, 1);
        string self = Temp(_L.ValType(owner));
        _c.Add("local.tee " + self);
        Reload(args);
        _c.Add("local.get " + self);
        _c.Add($"struct.get {ci.Struct} {WasmLayout.VTableField}");
        _c.Add($"struct.get {ci.VTable} {_L.SlotIndex(owner, root)}");
        _c.Add("call_ref " + _L.SlotFuncType(root));
    }

    void EmitInterfaceCall(MethodDesc m, SType[] p)
    {
        var oci = _L.Class(_ts.Object);
        var methods = _L.InterfaceMethods(m.Owner);
        int slot = methods.IndexOf(m);
        if (slot < 0) throw new CompileError($"interface method {m} has no dispatch slot");
        string it = _L.InterfaceTable(m.Owner);
        var args = ParkArgs(p, 1);
        string self = Temp($"(ref null {oci.Struct})");
        _c.Add($"ref.cast (ref null {oci.Struct})");
        _c.Add("local.tee " + self);
        Reload(args);
        _c.Add("local.get " + self);
        _c.Add($"struct.get {oci.Struct} {WasmLayout.VTableField}");
        _c.Add($"struct.get {oci.VTable} {WasmLayout.VtItable}");
        _c.Add("i32.const " + _L.InterfaceId(m.Owner));
        _c.Add($"array.get {WasmLayout.ItableType}");
        _c.Add($"ref.cast (ref {it})");
        _c.Add($"struct.get {it} {slot}");
        _c.Add("call_ref " + _L.SlotFuncType(m));
    }

    /// <summary>`constrained. T callvirt M` (ECMA-335 §III.2.1): T's own implementation is called
    /// directly; a reference T is loaded and dispatched; otherwise the value is boxed and dispatched.</summary>
    void EmitConstrained(IrInst ins, TypeDesc ct)
    {
        var m = ins.Method;
        var p = ins.Pops;
        if (ct is DefType d && d.IsValueType)
        {
            var impl = m.Owner.IsInterface ? Virtuals.FindInterfaceImpl(d, m) : Virtuals.FindOverride(d, Virtuals.SlotRoot(m));
            if (impl != null && impl.Owner == d)
            {
                if (!d.IsStruct) ThisArgument(impl, p);
                _c.Add("call " + _mb.Func(impl));
                return;
            }
            // Inherited from Object/ValueType: box and dispatch.
            var args = ParkArgs(p, 1);
            if (!d.IsStruct) _c.Add($"array.get{_mb.PackSuffix(d)} {_L.DataArray(d)}");
            EmitBox(d.IsStruct ? new SType(SK.Ref, d) : Importer.StackOf(d), d);
            Reload(args);
            var boxed = (SType[])p.Clone();
            boxed[0] = new SType(SK.Ref, _ts.Object);
            if (Analysis.IsVirtualCall(m)) { if (m.Owner.IsInterface) EmitInterfaceCall(m, boxed); else EmitVirtualCall(m, boxed); }
            else _c.Add("call " + _mb.Func(m));
            return;
        }
        // A reference type: the byref holds the reference.
        var rest = ParkArgs(p, 1);
        _c.Add($"array.get {_L.DataArray(ct)}");
        Reload(rest);
        var refp = (SType[])p.Clone();
        refp[0] = new SType(SK.Ref, ct);
        if (Analysis.IsVirtualCall(m)) { if (m.Owner.IsInterface) EmitInterfaceCall(m, refp); else EmitVirtualCall(m, refp); }
        else _c.Add("call " + _mb.Func(m));
    }

    void EmitNewobj(IrInst ins, IrInst? prev)
    {
        var m = ins.Method;
        var t = m.Owner;
        if (t.IsDelegate) { EmitDelegateCtor(t, prev); return; }
        if (Intrinsics.Classify(m) == IntrinsicKind.StringCtor) { _c.Add("call " + _mb.Func(Intrinsics.StringCtorImpl(m))); return; }
        var args = ParkArgs(ins.Pops, 0);
        if (t.IsPrimitive || t.IsEnum) throw new CompileError($"newobj of primitive {t}");
        string obj = Temp($"(ref null {_L.StructType(t)})");
        _c.Add("call " + _mb.Alloc(t));
        _c.Add("local.tee " + obj);
        Reload(args);
        _c.Add("call " + _mb.Func(m));
        _c.Add("local.get " + obj);
    }

    // ---- delegates: { vtable, target, fn } ----

    /// <summary>The delegate type's extra fields live in a struct subtype of its class struct:
    /// target (Object) and the function taking the target first.</summary>
    void EmitDelegateCtor(DefType d, IrInst? prev)
    {
        if (prev == null || (prev.Op != ILOpCode.Ldftn && prev.Op != ILOpCode.Ldvirtftn))
            throw new CompileError("a delegate constructor must follow ldftn");
        var target = prev.Method;
        var (dstruct, fnType) = _mb.DelegateLayout(d);
        string thunk = _mb.DelegateThunk(d, target, prev.Op == ILOpCode.Ldvirtftn);
        // Stack: target object (or null for a static method).
        string tobj = Temp($"(ref null {_L.StructType(_ts.Object)})");
        _c.Add("local.set " + tobj);
        _c.Add("global.get " + _mb.VTable(d));
        _c.Add("i32.const 0");
        var ci = _L.Class(d);
        foreach (var f in ci.Fields) _mb.DefaultOf(_c, f.Type);
        _c.Add("local.get " + tobj);
        _c.Add("ref.func " + _mb.FuncRef(thunk));
        _c.Add("struct.new " + dstruct);
        _ = fnType;
    }

    // ---- intrinsics ----

    void EmitIntrinsic(IntrinsicKind kind, IrInst ins, IrInst? prev)
    {
        var m = ins.Method;
        var p = ins.Pops;
        switch (kind)
        {
            case IntrinsicKind.Memory:
                foreach (var line in Intrinsics.Memory(m).Split('\n')) _c.Add(line.Trim());
                return;
            case IntrinsicKind.Instruction: _c.Add(Intrinsics.Instruction(m)!); return;
            case IntrinsicKind.ObjectReferenceEquals: _c.Add("ref.eq"); return;
            case IntrinsicKind.ArrayLength:
                if (p[0].Type is ArrayType) { _c.Add($"struct.get {ArrayStruct(p[0])} {_L.ArrayDataField}"); _c.Add("array.len"); }
                else _c.Add("call " + _mb.ArrayDispatch("length"));
                return;
            case IntrinsicKind.ArrayCopy5:
            case IntrinsicKind.ArrayCopy3:
            {
                if (kind == IntrinsicKind.ArrayCopy3) WidenCopy3(p);
                var srcT = p[0]; var dstT = kind == IntrinsicKind.ArrayCopy5 ? p[2] : p[1];
                if (srcT.Type is ArrayType sa && dstT.Type is ArrayType da && sa.Element == da.Element) _c.Add("call " + _mb.ArrayCopyOf(sa));
                else _c.Add("call " + _mb.ArrayDispatch("copy"));
                return;
            }
            case IntrinsicKind.ArrayClear3:
            case IntrinsicKind.ArrayClear1:
            {
                if (kind == IntrinsicKind.ArrayClear1)
                {
                    string arr = Temp(_L.ValTypes(p[0])[0]);
                    _c.Add("local.tee " + arr); _c.Add("i32.const 0"); _c.Add("local.get " + arr);
                    if (p[0].Type is ArrayType) { _c.Add($"struct.get {ArrayStruct(p[0])} {_L.ArrayDataField}"); _c.Add("array.len"); }
                    else _c.Add("call " + _mb.ArrayDispatch("length"));
                }
                if (p[0].Type is ArrayType a) _c.Add("call " + _mb.ArrayClearOf(a));
                else _c.Add("call " + _mb.ArrayDispatch("clear"));
                return;
            }
            case IntrinsicKind.ArrayClone:
                if (p[0].Type is ArrayType ca) _c.Add("call " + _mb.ArrayCloneOf(ca));
                else _c.Add("call " + _mb.ArrayDispatch("clone"));
                return;
            case IntrinsicKind.ObjectGetType: _c.Add("call " + _mb.GetTypeHelper()); return;
            case IntrinsicKind.StringNewString:
            {
                string chars = Temp(_L.ValTypes(p[0])[0]);
                _c.Add("local.set " + chars);
                _c.Add("global.get " + _mb.VTable(_ts.String)); _c.Add("i32.const 0"); _c.Add("local.get " + chars);
                _c.Add("struct.new " + _L.StructType(_ts.String));
                return;
            }
            case IntrinsicKind.StringFindLiteral: _c.Add("call " + _mb.FindLiteral()); return;
            case IntrinsicKind.ObjectMemberwiseClone:
            {
                var oci = _L.Class(_ts.Object);
                string o = Temp($"(ref null {oci.Struct})");
                _c.Add("local.tee " + o);
                _c.Add("local.get " + o);
                _c.Add($"struct.get {oci.Struct} {WasmLayout.VTableField}");
                _c.Add($"struct.get {oci.VTable} {WasmLayout.VtClone}");
                _c.Add("call_ref " + _L.CloneFuncType);
                return;
            }
            case IntrinsicKind.InitializeArray:
                EmitInitializeArray(ins, prev);
                return;
            case IntrinsicKind.DelegateInvoke:
            {
                var d = m.Owner;
                var (dstruct, fnType) = _mb.DelegateLayout(d);
                var args = ParkArgs(p, 1);
                string self = Temp($"(ref null {dstruct})");
                _c.Add($"ref.cast (ref null {dstruct})");
                _c.Add("local.tee " + self);
                int n = _L.Class(d).Fields.Count;
                _c.Add($"struct.get {dstruct} {n + WasmLayout.FirstField}");
                Reload(args);
                _c.Add("local.get " + self);
                _c.Add($"struct.get {dstruct} {n + WasmLayout.FirstField + 1}");
                _c.Add("call_ref " + fnType);
                return;
            }
            case IntrinsicKind.ObjectGetHashCode: _c.Add("call " + _mb.IdentityHash()); return;
        }
        throw new CompileError($"intrinsic {m} ({kind}) is not implemented");
    }

    /// <summary>`ldtoken field; call InitializeArray`: the array is filled from the field's RVA data.</summary>
    void EmitInitializeArray(IrInst ins, IrInst? prev)
    {
        if (prev == null || prev.Op != ILOpCode.Ldtoken) throw new CompileError("InitializeArray must follow ldtoken");
        var f = prev.Field;
        if (ins.Pops[0].Type is not ArrayType a || a.Element is not DefType { Prim: { } code } el)
            throw new CompileError($"InitializeArray of {ins.Pops[0]}: a primitive array is required");
        var bytes = FieldRvaData(f);
        int size = code switch
        {
            PrimitiveTypeCode.Boolean or PrimitiveTypeCode.Byte or PrimitiveTypeCode.SByte => 1,
            PrimitiveTypeCode.Char or PrimitiveTypeCode.Int16 or PrimitiveTypeCode.UInt16 => 2,
            PrimitiveTypeCode.Int32 or PrimitiveTypeCode.UInt32 or PrimitiveTypeCode.Single => 4,
            _ => 8,
        };
        // The RVA bytes are the elements' little-endian storage, as a wasm array of the same element
        // type reads them: one passive data segment, copied by array.init_data (as many elements as
        // the array has; an array longer than the data traps, where .NET throws).
        if (bytes.Length % size != 0) throw new CompileError($"InitializeArray of {el}[]: {bytes.Length} bytes of data is not a whole number of elements");
        string data = Temp($"(ref null {_L.DataArray(el)})");
        _c.Add($"struct.get {_L.ArrayStruct(a)} {_L.ArrayDataField}");
        _c.Add("local.tee " + data);
        _c.Add("i32.const 0"); _c.Add("i32.const 0");
        _c.Add("local.get " + data); _c.Add("array.len");
        _c.Add($"array.init_data {_L.DataArray(el)} {_mb.DataSegment(bytes)}");
    }

    static byte[] FieldRvaData(FieldDesc f)
    {
        var def = f.Def;
        int rva = def.GetRelativeVirtualAddress();
        if (rva == 0) throw new CompileError($"field {f} has no RVA data");
        var pe = f.Owner.Asm!.Pe;
        // The field's type is a compiler-generated struct whose ClassSize is the data length.
        int size = 0;
        // Roslyn types data of 1, 2, 4 or 8 bytes as a primitive (byte/short/int/long), which has
        // metadata too (our corlib's struct with an explicit size of 0): test for a primitive first.
        if (f.Type is DefType { Prim: { } p }) size = p switch
        {
            PrimitiveTypeCode.Int64 or PrimitiveTypeCode.UInt64 or PrimitiveTypeCode.Double => 8,
            PrimitiveTypeCode.Int32 or PrimitiveTypeCode.UInt32 or PrimitiveTypeCode.Single => 4,
            PrimitiveTypeCode.Int16 or PrimitiveTypeCode.UInt16 or PrimitiveTypeCode.Char => 2,
            _ => 1,
        };
        else if (f.Type is DefType dt && dt.HasMetadata) size = dt.Def.GetLayout().Size;
        var block = pe.GetSectionData(rva);
        var reader = block.GetReader(0, size);
        return reader.ReadBytes(size);
    }
}
