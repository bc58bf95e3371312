// The one component that decides wasm representations (docs/aot.md "Representations"): value
// types, class/box structs and their field indices, vtable structs and slot indices, itables,
// array types, function types, globals for statics, function names. Codegen asks; nothing else
// invents a type or an index. Runs after reachability, so slot sets are final.
using System;
using System.Collections.Generic;
using System.Reflection.Metadata;
using System.Text;
using Rusk.Aot.IL;
using Rusk.Aot.TypeSystem;
using Rusk.Aot.Wasm;

namespace Rusk.Aot.Layout;

internal sealed class WasmLayout
{
    readonly TypeSystemContext _ts;
    readonly WasmModule _module;
    readonly Func<MethodDesc, bool> _slotUsed;
    readonly Func<MethodDesc, bool> _interfaceMethodUsed;
    readonly Dictionary<object, string> _names = new();
    readonly HashSet<string> _taken = new(StringComparer.Ordinal);
    readonly Dictionary<DefType, ClassInfo> _classes = new();
    readonly Dictionary<string, string> _funcTypes = new(StringComparer.Ordinal);
    readonly Dictionary<DefType, int> _interfaceIds = new();
    readonly Dictionary<DefType, List<MethodDesc>> _interfaceMethods = new();

    /// <summary>Object header: the vtable, then the identity hash (RuntimeHelpers.GetHashCode,
    /// assigned lazily); declared instance fields follow from <see cref="FirstField"/>.</summary>
    public const int VTableField = 0, HashField = 1, FirstField = 2;
    /// <summary>Vtable fields before the slots: the itable, the type name, the cached type object
    /// (GetType(), set on first use) and the shallow-clone function (MemberwiseClone).</summary>
    public const int VtItable = 0, VtTypeName = 1, VtTypeObject = 2, VtClone = 3, VtFirstSlot = 4;
    public const string ItableType = "$itable";

    public WasmLayout(TypeSystemContext ts, WasmModule module, Func<MethodDesc, bool> slotUsed, Func<MethodDesc, bool> interfaceMethodUsed)
    {
        _ts = ts; _module = module; _slotUsed = slotUsed; _interfaceMethodUsed = interfaceMethodUsed;
        module.Types.Add(new WasmTypeDef(ItableType, "(array (ref null struct))"));
        _taken.Add(ItableType);
    }

    /// <summary>A unique wasm identifier for <paramref name="key"/>, readable after the C# name.</summary>
    public string Name(object key, string hint)
    {
        if (_names.TryGetValue(key, out var n)) return n;
        var sb = new StringBuilder("$");
        foreach (char c in hint)
            sb.Append(char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-./:<=>?@\\^_`|~".IndexOf(c) >= 0 ? c : '_');
        string b = sb.ToString(), name = b;
        for (int k = 2; !_taken.Add(name); k++) name = b + "#" + k;
        _names[key] = name;
        return name;
    }

    // ---- values ----

    public string ValType(TypeDesc t)
    {
        switch (t)
        {
            case DefType d when d.Prim != null:
                return d.Prim switch
                {
                    PrimitiveTypeCode.Int64 or PrimitiveTypeCode.UInt64 => "i64",
                    PrimitiveTypeCode.Single => "f32",
                    PrimitiveTypeCode.Double => "f64",
                    PrimitiveTypeCode.Void => throw new CompileError("void has no wasm type"),
                    _ => "i32",
                };
            case DefType d when d.IsEnum: return ValType(Importer.EnumUnderlying(d));
            case DefType d when d.IsInterface: return $"(ref null {StructType(_ts.Object)})";
            case DefType d: return $"(ref null {StructType(d)})";
            case ArrayType a: return $"(ref null {ArrayStruct(a)})";
            case ByRefType r when r.Target is DefType { IsStruct: true } s: return $"(ref null {StructType(s)})";
            case ByRefType r: throw new CompileError($"a byref to {r.Target} is two wasm values (use ValTypes)");
            default: throw new CompileError($"no wasm type for {t}");
        }
    }

    /// <summary>The wasm values of one C# value: one, or two for a byref to a non-struct (data array, index).</summary>
    public string[] ValTypes(TypeDesc t) =>
        t is ByRefType r && r.Target is not DefType { IsStruct: true } ? new[] { $"(ref null {DataArray(r.Target)})", "i32" } : new[] { ValType(t) };

    public string[] ValTypes(SType s) => s.Kind switch
    {
        SK.I32 => new[] { "i32" },
        SK.I64 => new[] { "i64" },
        SK.F32 => new[] { "f32" },
        SK.F64 => new[] { "f64" },
        // A null literal: the bottom reference type, which every struct reference type accepts.
        SK.Ref => new[] { s.Type == null ? "(ref null none)" : ValType(s.Type) },
        SK.ByRef => ValTypes(_ts.ByRefOf(s.Type!)),
        // ldftn / ldtoken results have no wasm value: their consumer reads the instruction.
        _ => System.Array.Empty<string>(),
    };

    /// <summary>The storage type of an array element / field: packed i8/i16 for small integers.</summary>
    public string StorageType(TypeDesc t) => t is DefType { Prim: { } p } ? p switch
    {
        PrimitiveTypeCode.Boolean or PrimitiveTypeCode.Byte or PrimitiveTypeCode.SByte => "i8",
        PrimitiveTypeCode.Char or PrimitiveTypeCode.Int16 or PrimitiveTypeCode.UInt16 => "i16",
        _ => ValType(t),
    } : t is DefType { IsEnum: true } e ? StorageType(Importer.EnumUnderlying(e)) : ValType(t);

    public static bool IsSignedSmall(TypeDesc t) => t is DefType { Prim: PrimitiveTypeCode.SByte or PrimitiveTypeCode.Int16 }
        || (t is DefType { IsEnum: true } e && IsSignedSmall(Importer.EnumUnderlying(e)));

    // ---- arrays ----

    /// <summary>`(array (mut T'))`: the element storage of T[] and of cells / byrefs to T.</summary>
    public string DataArray(TypeDesc element)
    {
        string st = StorageType(element);
        string key = "data:" + st;
        if (_names.TryGetValue(key, out var n)) return n;
        n = Name(key, "data." + (element is DefType { Prim: not null } ? st : element.FullName));
        _module.Types.Add(new WasmTypeDef(n, $"(array (mut {st}))"));
        return n;
    }

    /// <summary>T[]: `{ vtable, data }`, a subtype of System.Array.</summary>
    public string ArrayStruct(ArrayType a)
    {
        if (_names.TryGetValue(a, out var n)) return n;
        var arr = Class(_ts.CorlibType("System.Array"));
        n = Name(a, a.FullName);
        string data = DataArray(a.Element);
        _module.Types.Add(new WasmTypeDef(n, $"(sub {arr.Struct} (struct (field (ref {arr.VTable})) (field (mut i32)){FieldList(arr)} (field (ref {data}))))"));
        return n;
    }

    /// <summary>The data field's index in an array struct.</summary>
    public int ArrayDataField => Class(_ts.CorlibType("System.Array")).Fields.Count + FirstField;

    // ---- classes, boxes, vtables ----

    internal sealed class ClassInfo
    {
        public required DefType Type;
        public required string Struct, VTable;
        public readonly List<FieldDesc> Fields = new();          // instance fields, base first; index = position + 1
        public readonly List<MethodDesc> Slots = new();           // slot roots; index = position + VtFirstSlot
    }

    public ClassInfo Class(DefType t)
    {
        if (_classes.TryGetValue(t, out var ci)) return ci;
        if (t.IsInterface) throw new CompileError($"interface {t} has no struct type");
        var b = t.BaseType;
        ClassInfo? bi = b != null ? Class(b) : null;
        // Laying out the base can lay out this type (a base's slot returning it): done then.
        if (_classes.TryGetValue(t, out ci)) return ci;
        ci = new ClassInfo { Type = t, Struct = Name(t, t.FullName), VTable = Name(("vt", t), t.FullName + ".vt") };
        _classes[t] = ci;
        if (bi != null) { ci.Fields.AddRange(bi.Fields); ci.Slots.AddRange(bi.Slots); }
        foreach (var f in _ts.FieldsOf(t)) if (!f.IsStatic) ci.Fields.Add(f);
        foreach (var m in _ts.MethodsOf(t))
            if (m.IsVirtual && Virtuals.SlotRoot(m) == m && _slotUsed(m)) ci.Slots.Add(m);
        var fields = new StringBuilder();
        foreach (var f in ci.Fields) fields.Append($" (field (mut {FieldStorage(f)}))");
        var slots = new StringBuilder();
        foreach (var s in ci.Slots) slots.Append($" (field (ref null {SlotFuncType(s)}))");
        string sub = bi != null ? "sub " + bi.Struct + " " : "sub ";
        string vsub = bi != null ? "sub " + bi.VTable + " " : "sub ";
        if (t.IsDelegate)
            fields.Append($" (field (ref null {StructType(_ts.Object)})) (field (ref {DelegateFuncType(t)}))");
        _module.Types.Add(new WasmTypeDef(ci.Struct, $"({sub}(struct (field (ref {ci.VTable})) (field (mut i32)){fields}))"));
        _module.Types.Add(new WasmTypeDef(ci.VTable, $"({vsub}(struct (field (ref null {ItableType})) (field (ref null {DataArray(_ts.Primitive(PrimitiveTypeCode.Char))})) (field (mut (ref null struct))) (field (ref null {CloneFuncType})){slots}))"));
        return ci;
    }

    string FieldList(ClassInfo ci)
    {
        var sb = new StringBuilder();
        foreach (var f in ci.Fields) sb.Append($" (field (mut {FieldStorage(f)}))");
        return sb.ToString();
    }

    /// <summary>A field's storage: packed integers, a struct field owns its box, an address-taken field is celled.</summary>
    public string FieldStorage(FieldDesc f)
    {
        if (IsCelled(f)) return $"(ref null {DataArray(f.Type)})";
        return StorageType(f.Type);
    }

    /// <summary>Set by the driver: fields/statics whose address is taken somewhere (docs/aot.md byrefs).</summary>
    public Func<FieldDesc, bool> IsCelled = _ => false;

    public string StructType(DefType t) => Class(t).Struct;
    public int FieldIndex(FieldDesc f)
    {
        var ci = Class(f.Owner);
        int i = ci.Fields.IndexOf(f);
        if (i < 0) throw new CompileError($"field {f} is not an instance field of {f.Owner}");
        return i + FirstField;
    }

    public int SlotIndex(DefType t, MethodDesc slotRoot)
    {
        var ci = Class(t);
        int i = ci.Slots.IndexOf(slotRoot);
        if (i < 0) throw new CompileError($"virtual slot {slotRoot} is not in {t}'s vtable");
        return i + VtFirstSlot;
    }

    // ---- interfaces ----

    public int InterfaceId(DefType i)
    {
        if (!_interfaceIds.TryGetValue(i, out int id)) _interfaceIds[i] = id = _interfaceIds.Count;
        return id;
    }

    public int InterfaceCount => _interfaceIds.Count;

    /// <summary>The interface's dispatch struct: one function ref per used method (`this` as Object).</summary>
    public string InterfaceTable(DefType i)
    {
        string key = "it:" + i.FullName;
        if (_names.TryGetValue(key, out var n)) return n;
        n = Name(key, i.FullName + ".it");
        var list = new List<MethodDesc>();
        foreach (var m in _ts.MethodsOf(i)) if (!m.IsStatic && m.IsVirtual && _interfaceMethodUsed(m)) list.Add(m);
        _interfaceMethods[i] = list;
        var sb = new StringBuilder();
        foreach (var m in list) sb.Append($" (field (ref null {SlotFuncType(m)}))");
        _module.Types.Add(new WasmTypeDef(n, $"(struct{sb})"));
        return n;
    }

    public List<MethodDesc> InterfaceMethods(DefType i) { InterfaceTable(i); return _interfaceMethods[i]; }

    // ---- functions ----

    public string FuncType(IReadOnlyList<string> ps, IReadOnlyList<string> rs)
    {
        string key = string.Join(" ", ps) + " -> " + string.Join(" ", rs);
        if (_funcTypes.TryGetValue(key, out var n)) return n;
        var hint = new StringBuilder("sig");
        foreach (var p in ps) hint.Append('.').Append(Short(p));
        hint.Append("_");
        foreach (var r in rs) hint.Append('.').Append(Short(r));
        n = Name("ft:" + key, hint.ToString());
        _funcTypes[key] = n;
        var def = new StringBuilder("(func");
        foreach (var p in ps) def.Append(" (param ").Append(p).Append(')');
        foreach (var r in rs) def.Append(" (result ").Append(r).Append(')');
        _module.Types.Add(new WasmTypeDef(n, def.Append(')').ToString()));
        return n;
    }

    static string Short(string valType)
    {
        if (!valType.StartsWith("(ref")) return valType;
        int d = valType.IndexOf('$');
        return d < 0 ? "ref" : valType[(d + 1)..^1].Replace(")", "");
    }

    /// <summary>`this` as a compiled method's first parameter: a slot root's or interface method's
    /// owner for virtual methods (so every override fits the slot's function type), else its own.</summary>
    public TypeDesc ThisParam(MethodDesc m)
    {
        if (m.Owner.IsInterface) return _ts.Object;
        if (m.IsVirtual && !m.Owner.IsValueType)
        {
            var root = Virtuals.SlotRoot(m);
            return root.Owner.IsInterface ? _ts.Object : root.Owner;
        }
        if (m.IsVirtual && m.Owner.IsStruct) return _ts.ByRefOf(m.Owner);
        return new Importer(_ts).ThisType(m.Owner);
    }

    public (List<string> Params, List<string> Results) Signature(MethodDesc m)
    {
        var ps = new List<string>();
        if (!m.IsStatic) ps.AddRange(ValTypes(ThisParam(m)));
        foreach (var p in m.Sig.Params) ps.AddRange(ValTypes(p));
        var rs = new List<string>();
        if (!(m.Sig.Return is DefType { IsVoid: true })) rs.AddRange(ValTypes(m.Sig.Return));
        return (ps, rs);
    }

    public string FuncTypeOf(MethodDesc m) { var (p, r) = Signature(m); return FuncType(p, r); }

    /// <summary>The function type of a virtual slot or interface method: `this` as the root's owner (Object for interfaces).</summary>
    public string SlotFuncType(MethodDesc root)
    {
        var ps = new List<string> { ValType(root.Owner.IsInterface ? _ts.Object : root.Owner) };
        foreach (var p in root.Sig.Params) ps.AddRange(ValTypes(p));
        var rs = new List<string>();
        if (!(root.Sig.Return is DefType { IsVoid: true })) rs.AddRange(ValTypes(root.Sig.Return));
        return FuncType(ps, rs);
    }

    /// <summary>A delegate's function: the target (Object) first, then Invoke's parameters.</summary>
    public string DelegateFuncType(DefType d)
    {
        MethodDesc? invoke = null;
        foreach (var m in _ts.MethodsOf(d)) if (m.Name == "Invoke") invoke = m;
        if (invoke == null) throw new CompileError($"delegate {d} has no Invoke");
        var ps = new List<string> { $"(ref null {StructType(_ts.Object)})" };
        foreach (var p in invoke.Sig.Params) ps.AddRange(ValTypes(p));
        var rs = new List<string>();
        if (!(invoke.Sig.Return is DefType { IsVoid: true })) rs.AddRange(ValTypes(invoke.Sig.Return));
        return FuncType(ps, rs);
    }

    /// <summary>`(Object) → Object`: a vtable's shallow-clone function.</summary>
    public string CloneFuncType
    {
        get { string o = $"(ref null {StructType(_ts.Object)})"; return FuncType(new[] { o }, new[] { o }); }
    }

    public string FunctionName(MethodDesc m) => Name(m, m.ToString());

    public string StaticGlobal(FieldDesc f) => Name(f, "s." + f.Owner.FullName + "::" + f.Name);
    public string CctorFlag(DefType t) => Name("cctor:" + t.FullName, "cctor-done." + t.FullName);
}
