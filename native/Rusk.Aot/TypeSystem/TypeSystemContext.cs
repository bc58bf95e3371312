// Loads the program's assemblies and our corlib, interns every type/method/field descriptor, and
// resolves metadata tokens. References whose resolution scope is not a loaded program assembly
// (System.Runtime, System.Private.CoreLib, System.Collections, …) are resolved by full name in the
// corlib (docs/aot.md "Type mapping"); nothing from the real BCL is ever read.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace Rusk.Aot.TypeSystem;

internal sealed class TypeSystemContext
{
    public readonly List<LoadedAssembly> Program = new();
    public readonly LoadedAssembly? Corlib;
    readonly Dictionary<string, LoadedAssembly> _byName = new(StringComparer.OrdinalIgnoreCase);
    readonly Dictionary<string, TypeDesc> _types = new(StringComparer.Ordinal);
    readonly Dictionary<TypeDesc, int> _ids = new(ReferenceEqualityComparer.Instance);
    readonly Dictionary<string, MethodDesc> _methods = new(StringComparer.Ordinal);
    readonly Dictionary<string, FieldDesc> _fields = new(StringComparer.Ordinal);
    readonly Dictionary<LoadedAssembly, SignatureDecoder> _decoders = new();

    static readonly Dictionary<string, PrimitiveTypeCode> PrimitiveNames = new()
    {
        ["System.Void"] = PrimitiveTypeCode.Void,
        ["System.Boolean"] = PrimitiveTypeCode.Boolean,
        ["System.Char"] = PrimitiveTypeCode.Char,
        ["System.SByte"] = PrimitiveTypeCode.SByte,
        ["System.Byte"] = PrimitiveTypeCode.Byte,
        ["System.Int16"] = PrimitiveTypeCode.Int16,
        ["System.UInt16"] = PrimitiveTypeCode.UInt16,
        ["System.Int32"] = PrimitiveTypeCode.Int32,
        ["System.UInt32"] = PrimitiveTypeCode.UInt32,
        ["System.Int64"] = PrimitiveTypeCode.Int64,
        ["System.UInt64"] = PrimitiveTypeCode.UInt64,
        ["System.Single"] = PrimitiveTypeCode.Single,
        ["System.Double"] = PrimitiveTypeCode.Double,
        ["System.IntPtr"] = PrimitiveTypeCode.IntPtr,
        ["System.UIntPtr"] = PrimitiveTypeCode.UIntPtr,
    };

    public TypeSystemContext(IEnumerable<string> programPaths, string? corlibPath)
    {
        foreach (var p in programPaths)
        {
            var a = new LoadedAssembly(p, false);
            if (_byName.ContainsKey(a.Name)) continue;
            Program.Add(a); _byName[a.Name] = a;
        }
        if (corlibPath != null) Corlib = new LoadedAssembly(corlibPath, true);
    }

    public SignatureDecoder Decoder(LoadedAssembly a)
    {
        if (!_decoders.TryGetValue(a, out var d)) _decoders[a] = d = new SignatureDecoder(this, a);
        return d;
    }

    int Id(TypeDesc t)
    {
        if (!_ids.TryGetValue(t, out int id)) _ids[t] = id = _ids.Count;
        return id;
    }

    T Intern<T>(string key, Func<T> make) where T : TypeDesc
    {
        if (_types.TryGetValue(key, out var t)) return (T)t;
        var n = make();
        _types[key] = n; Id(n);
        return n;
    }

    public DefType Object => CorlibType("System.Object");
    public DefType String => CorlibType("System.String");

    /// <summary>A corlib type by full name; a compile error if our corlib lacks it.</summary>
    public DefType CorlibType(string fullName)
    {
        if (PrimitiveNames.TryGetValue(fullName, out var code)) return Primitive(code);
        if (Corlib == null || !Corlib.TryFind(fullName, out var h))
            throw new CompileError($"{fullName} is not in the corlib (Rusk.Aot.Runtime)");
        return DefTypeOf(Corlib, h, System.Array.Empty<TypeDesc>());
    }

    public DefType Primitive(PrimitiveTypeCode code)
    {
        string name = "System." + code;
        return Intern("prim:" + name, () =>
        {
            LoadedAssembly? asm = null; TypeDefinitionHandle h = default;
            if (Corlib != null && Corlib.TryFind(name, out h)) asm = Corlib;
            return new DefType(asm, h, System.Array.Empty<TypeDesc>(), code, name) { Context = this };
        });
    }

    public ArrayType ArrayOf(TypeDesc element) => Intern("arr:" + Id(element), () => new ArrayType(element));
    public ByRefType ByRefOf(TypeDesc target) => Intern("ref:" + Id(target), () => new ByRefType(target));
    public GenericParamType GenericParam(bool isMethod, int index) =>
        Intern((isMethod ? "mvar:" : "var:") + index, () => new GenericParamType(isMethod, index));

    public DefType DefTypeOf(LoadedAssembly asm, TypeDefinitionHandle h, TypeDesc[] inst)
    {
        string name = asm.TypeName(h);
        if (asm.IsCorlib && inst.Length == 0 && PrimitiveNames.TryGetValue(name, out var code)) return Primitive(code);
        string key = "def:" + asm.Name + ":" + MetadataTokens.GetRowNumber(h);
        if (inst.Length > 0)
        {
            var parts = new string[inst.Length];
            for (int i = 0; i < inst.Length; i++) parts[i] = Id(inst[i]).ToString();
            key += "<" + string.Join(",", parts) + ">";
            name += "<" + string.Join(",", (object[])inst) + ">";
        }
        return Intern(key, () => new DefType(asm, h, inst, null, name) { Context = this });
    }

    public DefType ResolveTypeRef(LoadedAssembly asm, TypeReferenceHandle h)
    {
        var md = asm.Md;
        var tr = md.GetTypeReference(h);
        var scope = tr.ResolutionScope;
        string name = md.GetString(tr.Name);
        string ns = md.GetString(tr.Namespace);
        if (scope.Kind == HandleKind.TypeReference)
        {
            var outer = ResolveTypeRef(asm, (TypeReferenceHandle)scope);
            return FindByName(outer.Asm!, outer.Asm!.TypeName(outer.Handle) + "+" + name);
        }
        string full = ns.Length == 0 ? name : ns + "." + name;
        if (scope.Kind == HandleKind.AssemblyReference)
        {
            string an = md.GetString(md.GetAssemblyReference((AssemblyReferenceHandle)scope).Name);
            if (_byName.TryGetValue(an, out var target)) return FindByName(target, full);
            return CorlibType(full);
        }
        return FindByName(asm, full);
    }

    DefType FindByName(LoadedAssembly asm, string fullName)
    {
        if (asm.IsCorlib) return CorlibType(fullName);
        if (!asm.TryFind(fullName, out var h)) throw new CompileError($"type {fullName} not found in {asm.Name}");
        return DefTypeOf(asm, h, System.Array.Empty<TypeDesc>());
    }

    /// <summary>A type token (TypeDef, TypeRef, TypeSpec) in the given generic context.</summary>
    public TypeDesc ResolveType(LoadedAssembly asm, EntityHandle h, GenericContext ctx)
    {
        switch (h.Kind)
        {
            case HandleKind.TypeDefinition: return DefTypeOf(asm, (TypeDefinitionHandle)h, System.Array.Empty<TypeDesc>());
            case HandleKind.TypeReference: return ResolveTypeRef(asm, (TypeReferenceHandle)h);
            case HandleKind.TypeSpecification:
                return asm.Md.GetTypeSpecification((TypeSpecificationHandle)h).DecodeSignature(Decoder(asm), ctx);
            default: throw new CompileError($"token {h.Kind} is not a type");
        }
    }

    public DefType? BaseOf(DefType t)
    {
        if (t.BaseDone) return t.BaseCache;
        t.BaseDone = true;
        if (!t.HasMetadata)
        {
            t.BaseCache = t.IsVoid ? null : CorlibType("System.ValueType");
            return t.BaseCache;
        }
        var b = t.Def.BaseType;
        t.BaseCache = b.IsNil ? null : ResolveType(t.Asm!, b, new GenericContext(t.Inst, System.Array.Empty<TypeDesc>())) as DefType;
        return t.BaseCache;
    }

    internal bool ComputeIsValueType(DefType t)
    {
        if (t.Prim != null) return t.Prim != PrimitiveTypeCode.Void;
        if (t.FullName == "System.Enum") return false;
        var b = t.BaseType;
        return b != null && (b.FullName == "System.ValueType" || b.FullName == "System.Enum");
    }

    GenericContext CtxOf(DefType owner, TypeDesc[] methodInst) => new(owner.Inst, methodInst);

    public MethodDesc MethodOf(DefType owner, MethodDefinitionHandle h, TypeDesc[] methodInst)
    {
        var sb = new System.Text.StringBuilder();
        sb.Append(Id(owner)).Append(':').Append(MetadataTokens.GetRowNumber(h));
        foreach (var a in methodInst) sb.Append(',').Append(Id(a));
        string key = sb.ToString();
        if (_methods.TryGetValue(key, out var m)) return m;
        var asm = owner.Asm!;
        var def = asm.Md.GetMethodDefinition(h);
        var dec = Decoder(asm);
        var s = def.DecodeSignature(dec, CtxOf(owner, methodInst));
        var o = def.DecodeSignature(dec, null);
        m = new MethodDesc(owner, h, methodInst,
            new MethodSig(s.ReturnType, s.ParameterTypes.ToArray(), s.Header.IsInstance, s.GenericParameterCount),
            new MethodSig(o.ReturnType, o.ParameterTypes.ToArray(), o.Header.IsInstance, o.GenericParameterCount),
            asm.Md.GetString(def.Name));
        _methods[key] = m;
        return m;
    }

    public FieldDesc FieldOf(DefType owner, FieldDefinitionHandle h)
    {
        string key = Id(owner) + ":" + MetadataTokens.GetRowNumber(h);
        if (_fields.TryGetValue(key, out var f)) return f;
        var asm = owner.Asm!;
        var def = asm.Md.GetFieldDefinition(h);
        var t = def.DecodeSignature(Decoder(asm), CtxOf(owner, System.Array.Empty<TypeDesc>()));
        f = new FieldDesc(owner, h, t, asm.Md.GetString(def.Name));
        _fields[key] = f;
        return f;
    }

    public IEnumerable<MethodDesc> MethodsOf(DefType t)
    {
        if (!t.HasMetadata) yield break;
        foreach (var h in t.Def.GetMethods()) yield return MethodOf(t, h, System.Array.Empty<TypeDesc>());
    }

    public List<FieldDesc> FieldsOf(DefType t)
    {
        var list = new List<FieldDesc>();
        if (!t.HasMetadata) return list;
        foreach (var h in t.Def.GetFields()) list.Add(FieldOf(t, h));
        return list;
    }

    /// <summary>Every interface the type implements (its own list, its bases', and inherited interfaces).</summary>
    public List<DefType> InterfacesOf(DefType t)
    {
        var result = new List<DefType>();
        void Add(DefType i)
        {
            if (result.Contains(i)) return;
            result.Add(i);
            foreach (var j in DirectInterfaces(i)) Add(j);
        }
        for (DefType? c = t; c != null; c = c.BaseType)
            foreach (var i in DirectInterfaces(c)) Add(i);
        return result;
    }

    List<DefType> DirectInterfaces(DefType t)
    {
        var list = new List<DefType>();
        if (!t.HasMetadata) return list;
        var ctx = CtxOf(t, System.Array.Empty<TypeDesc>());
        foreach (var ih in t.Def.GetInterfaceImplementations())
            if (ResolveType(t.Asm!, t.Asm!.Md.GetInterfaceImplementation(ih).Interface, ctx) is DefType d) list.Add(d);
        return list;
    }

    /// <summary>A method token (MethodDef, MemberRef, MethodSpec) in a caller's generic context.</summary>
    public MethodDesc ResolveMethod(LoadedAssembly asm, EntityHandle h, GenericContext ctx)
    {
        var md = asm.Md;
        switch (h.Kind)
        {
            case HandleKind.MethodDefinition:
            {
                var mh = (MethodDefinitionHandle)h;
                var owner = DefTypeOf(asm, md.GetMethodDefinition(mh).GetDeclaringType(), System.Array.Empty<TypeDesc>());
                return MethodOf(owner, mh, System.Array.Empty<TypeDesc>());
            }
            case HandleKind.MethodSpecification:
            {
                var spec = md.GetMethodSpecification((MethodSpecificationHandle)h);
                var generic = ResolveMethod(asm, spec.Method, ctx);
                var args = spec.DecodeSignature(Decoder(asm), ctx).ToArray();
                return MethodOf(generic.Owner, generic.Handle, args);
            }
            case HandleKind.MemberReference:
            {
                var mr = md.GetMemberReference((MemberReferenceHandle)h);
                string name = md.GetString(mr.Name);
                var parent = ParentOf(asm, mr.Parent, ctx);
                var open = mr.DecodeMethodSignature(Decoder(asm), null);
                var want = new MethodSig(open.ReturnType, open.ParameterTypes.ToArray(), open.Header.IsInstance, open.GenericParameterCount);
                for (DefType? t = parent; t != null; t = t.BaseType)
                    foreach (var m in MethodsOf(t))
                        if (m.Name == name && m.OpenSig.SameAs(want)) return m;
                throw new CompileError($"method {parent.FullName}::{name}({string.Join(",", (object[])want.Params)}) not found" +
                    (parent.Asm?.IsCorlib == true || parent.Asm == null ? " in the corlib" : ""));
            }
            default: throw new CompileError($"token {h.Kind} is not a method");
        }
    }

    public FieldDesc ResolveField(LoadedAssembly asm, EntityHandle h, GenericContext ctx)
    {
        var md = asm.Md;
        if (h.Kind == HandleKind.FieldDefinition)
        {
            var fh = (FieldDefinitionHandle)h;
            return FieldOf(DefTypeOf(asm, md.GetFieldDefinition(fh).GetDeclaringType(), System.Array.Empty<TypeDesc>()), fh);
        }
        if (h.Kind != HandleKind.MemberReference) throw new CompileError($"token {h.Kind} is not a field");
        var mr = md.GetMemberReference((MemberReferenceHandle)h);
        string name = md.GetString(mr.Name);
        var parent = ParentOf(asm, mr.Parent, ctx);
        foreach (var fh in parent.Def.GetFields())
            if (parent.Asm!.Md.GetString(parent.Asm.Md.GetFieldDefinition(fh).Name) == name) return FieldOf(parent, fh);
        throw new CompileError($"field {parent.FullName}::{name} not found");
    }

    DefType ParentOf(LoadedAssembly asm, EntityHandle parent, GenericContext ctx)
    {
        var t = ResolveType(asm, parent, ctx);
        if (t is DefType d)
        {
            if (!d.HasMetadata) throw new CompileError($"{d.FullName} is not in the corlib (Rusk.Aot.Runtime)");
            return d;
        }
        throw new CompileError($"members of {t} are not supported");
    }
}
