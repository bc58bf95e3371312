// Lists the framework types and members a program assembly references (its TypeRef/MemberRef
// tables, read with System.Reflection.Metadata) and checks each against our corlib by the rules
// rusk-aot resolves them with (docs/aot.md "Type mapping"): a type by full name (nested types as
// Outer+Inner, generic arity in the name); a method by name and signature (return, parameters,
// instance or static, generic arity; custom modifiers ignored) on the type or one of its base
// types; a field by name on the type itself.
using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Rusk.Aot.Tests.Corlib;

internal sealed class CorlibSurface
{
    /// <summary>One reference: "type NAME", "method [static ]TYPE::NAME[<arity>](PARAMS):RETURN" or "field TYPE::NAME".</summary>
    public readonly List<string> Required = new();
    public readonly List<string> Missing = new();

    public static CorlibSurface Check(string programPath, string corlibPath)
    {
        var surface = new CorlibSurface();
        using var program = new PEReader(File.OpenRead(programPath));
        using var corlibPe = new PEReader(File.OpenRead(corlibPath));
        var corlib = new CorlibIndex(corlibPe.GetMetadataReader());
        surface.Scan(program.GetMetadataReader(), corlib);
        surface.Required.Sort(StringComparer.Ordinal);
        surface.Missing.Sort(StringComparer.Ordinal);
        return surface;
    }

    /// <summary>Framework assemblies: what the program was compiled against instead of our corlib.</summary>
    public static bool IsFramework(string assemblyName) =>
        assemblyName == "mscorlib" || assemblyName == "netstandard" || assemblyName == "System" ||
        assemblyName.StartsWith("System.", StringComparison.Ordinal);

    void Scan(MetadataReader md, CorlibIndex corlib)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var names = new SignatureNames();
        foreach (var h in md.TypeReferences)
        {
            if (!IsFrameworkType(md, h)) continue;
            string name = SignatureNames.TypeRefName(md, h);
            Add(seen, "type " + name, corlib.Types.ContainsKey(name));
        }
        foreach (var h in md.MemberReferences)
        {
            var mr = md.GetMemberReference(h);
            string? owner = FrameworkOwner(md, mr.Parent);
            if (owner is null) continue;
            string member = md.GetString(mr.Name);
            if (mr.GetKind() == MemberReferenceKind.Field)
            {
                Add(seen, $"field {owner}::{member}", corlib.HasField(owner, member));
            }
            else
            {
                var decoded = mr.DecodeMethodSignature(names, null);
                string sig = SignatureNames.Method(decoded);
                Add(seen, "method " + (decoded.Header.IsInstance ? "" : "static ") + $"{owner}::{member}{sig}",
                    corlib.HasMethod(owner, member, decoded.Header.IsInstance, sig));
            }
        }
    }

    void Add(HashSet<string> seen, string entry, bool found)
    {
        if (!seen.Add(entry)) return;
        Required.Add(entry);
        if (!found) Missing.Add(entry);
    }

    static bool IsFrameworkType(MetadataReader md, TypeReferenceHandle h)
    {
        var scope = md.GetTypeReference(h).ResolutionScope;
        while (scope.Kind == HandleKind.TypeReference) scope = md.GetTypeReference((TypeReferenceHandle)scope).ResolutionScope;
        return scope.Kind == HandleKind.AssemblyReference &&
            IsFramework(md.GetString(md.GetAssemblyReference((AssemblyReferenceHandle)scope).Name));
    }

    // The full name of a member reference's parent if it is a framework type (or an instantiation of one).
    static string? FrameworkOwner(MetadataReader md, EntityHandle parent)
    {
        if (parent.Kind == HandleKind.TypeSpecification)
        {
            var blob = md.GetBlobReader(md.GetTypeSpecification((TypeSpecificationHandle)parent).Signature);
            if (blob.ReadSignatureTypeCode() != SignatureTypeCode.GenericTypeInstance) return null;
            blob.ReadCompressedInteger(); // CLASS or VALUETYPE
            parent = blob.ReadTypeHandle();
        }
        if (parent.Kind != HandleKind.TypeReference) return null;
        var h = (TypeReferenceHandle)parent;
        return IsFrameworkType(md, h) ? SignatureNames.TypeRefName(md, h) : null;
    }
}

/// <summary>Our corlib's types by full name, with their base type and members.</summary>
internal sealed class CorlibIndex
{
    readonly MetadataReader _md;
    readonly SignatureNames _names;
    public readonly Dictionary<string, TypeDefinitionHandle> Types = new(StringComparer.Ordinal);

    public CorlibIndex(MetadataReader md)
    {
        _md = md;
        _names = new SignatureNames();
        foreach (var h in md.TypeDefinitions) Types[SignatureNames.TypeDefName(md, h)] = h;
    }

    public bool HasField(string owner, string name)
    {
        if (!Types.TryGetValue(owner, out var t)) return false;
        foreach (var f in _md.GetTypeDefinition(t).GetFields())
            if (_md.GetString(_md.GetFieldDefinition(f).Name) == name) return true;
        return false;
    }

    public bool HasMethod(string owner, string name, bool instance, string signature)
    {
        for (string? type = owner; type is not null && Types.TryGetValue(type, out var t); type = BaseOf(t))
        {
            foreach (var m in _md.GetTypeDefinition(t).GetMethods())
            {
                var def = _md.GetMethodDefinition(m);
                if (_md.GetString(def.Name) != name) continue;
                var sig = def.DecodeSignature(_names, null);
                if (sig.Header.IsInstance == instance && SignatureNames.Method(sig) == signature) return true;
            }
        }
        return false;
    }

    string? BaseOf(TypeDefinitionHandle t)
    {
        var b = _md.GetTypeDefinition(t).BaseType;
        return b.IsNil ? null : b.Kind switch
        {
            HandleKind.TypeDefinition => SignatureNames.TypeDefName(_md, (TypeDefinitionHandle)b),
            HandleKind.TypeSpecification => _md.GetTypeSpecification((TypeSpecificationHandle)b).DecodeSignature(_names, null) is var s
                && s.IndexOf('<') is int lt && lt > 0 ? s.Substring(0, lt) : null,
            _ => null,
        };
    }
}

/// <summary>Signature types as strings that read the same from the program (type references) and the
/// corlib (type definitions): full names, `!0`/`!!0` for generic parameters, modifiers dropped.</summary>
internal sealed class SignatureNames : ISignatureTypeProvider<string, object?>
{

    /// <summary>"[<arity>](PARAMS):RETURN"; whether it is static is compared separately.</summary>
    public static string Method(MethodSignature<string> sig) =>
        (sig.GenericParameterCount > 0 ? "<" + sig.GenericParameterCount + ">" : "") +
        "(" + string.Join(",", sig.ParameterTypes) + "):" + sig.ReturnType;

    public static string TypeRefName(MetadataReader md, TypeReferenceHandle h)
    {
        var r = md.GetTypeReference(h);
        string name = md.GetString(r.Name);
        if (r.ResolutionScope.Kind == HandleKind.TypeReference)
            return TypeRefName(md, (TypeReferenceHandle)r.ResolutionScope) + "+" + name;
        string ns = md.GetString(r.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    public static string TypeDefName(MetadataReader md, TypeDefinitionHandle h)
    {
        var d = md.GetTypeDefinition(h);
        string name = md.GetString(d.Name);
        if (d.IsNested) return TypeDefName(md, d.GetDeclaringType()) + "+" + name;
        string ns = md.GetString(d.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode switch
    {
        PrimitiveTypeCode.Boolean => "System.Boolean",
        PrimitiveTypeCode.Char => "System.Char",
        PrimitiveTypeCode.SByte => "System.SByte",
        PrimitiveTypeCode.Byte => "System.Byte",
        PrimitiveTypeCode.Int16 => "System.Int16",
        PrimitiveTypeCode.UInt16 => "System.UInt16",
        PrimitiveTypeCode.Int32 => "System.Int32",
        PrimitiveTypeCode.UInt32 => "System.UInt32",
        PrimitiveTypeCode.Int64 => "System.Int64",
        PrimitiveTypeCode.UInt64 => "System.UInt64",
        PrimitiveTypeCode.Single => "System.Single",
        PrimitiveTypeCode.Double => "System.Double",
        PrimitiveTypeCode.IntPtr => "System.IntPtr",
        PrimitiveTypeCode.UIntPtr => "System.UIntPtr",
        PrimitiveTypeCode.Object => "System.Object",
        PrimitiveTypeCode.String => "System.String",
        PrimitiveTypeCode.Void => "System.Void",
        PrimitiveTypeCode.TypedReference => "System.TypedReference",
        _ => "?" + typeCode,
    };

    public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => TypeDefName(reader, handle);
    public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => TypeRefName(reader, handle);
    public string GetTypeFromSpecification(MetadataReader reader, object? context, TypeSpecificationHandle handle, byte rawTypeKind) =>
        reader.GetTypeSpecification(handle).DecodeSignature(this, context);
    public string GetSZArrayType(string elementType) => elementType + "[]";
    public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[" + new string(',', shape.Rank - 1) + "]";
    public string GetByReferenceType(string elementType) => elementType + "&";
    public string GetPointerType(string elementType) => elementType + "*";
    public string GetPinnedType(string elementType) => elementType;
    public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;
    public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) =>
        genericType + "<" + string.Join(",", typeArguments) + ">";
    public string GetGenericMethodParameter(object? genericContext, int index) => "!!" + index;
    public string GetGenericTypeParameter(object? genericContext, int index) => "!" + index;
    public string GetFunctionPointerType(MethodSignature<string> signature) => "method" + Method(signature);
}
