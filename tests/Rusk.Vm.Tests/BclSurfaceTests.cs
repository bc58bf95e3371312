// Guards the framework surface Rusk.Vm.dll uses (docs/aot-bcl-surface.txt): every type, member and
// generic method instantiation of the BCL that the AOT corlib (native/Rusk.Aot.Runtime) must provide.
using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text;
using NUnit.Framework;

namespace Rusk.Vm.Tests;

public sealed class BclSurfaceTests
{
    const string Header =
        "# The framework (BCL) surface of native/Rusk.Vm: every type, member and generic method instantiation\n" +
        "# that Rusk.Vm.dll references, from its TypeRef/MemberRef/MethodSpec tables (Release build).\n" +
        "# The AOT corlib (native/Rusk.Aot.Runtime) must provide exactly these; tests/Rusk.Vm.Tests/BclSurfaceTests.cs\n" +
        "# fails when the VM starts or stops using one. Regenerate: RUSK_UPDATE_SURFACE=1 dotnet test tests/Rusk.Vm.Tests\n" +
        "#   -c Release --filter BclSurface (then review the diff).\n";

    static string SurfacePath => Path.Combine(Paths.RepoRoot, "docs", "aot-bcl-surface.txt");

    [Test]
    public void Rusk_Vm_framework_references_match_docs_aot_bcl_surface()
    {
        var actual = Surface(typeof(Rusk.Vm.Execution.Value).Assembly.Location);
        string text = Header + string.Join("\n", actual) + "\n";
        if (Environment.GetEnvironmentVariable("RUSK_UPDATE_SURFACE") == "1")
        {
            File.WriteAllText(SurfacePath, text);
            Assert.Pass($"wrote {SurfacePath}");
        }
        var expected = new List<string>();
        foreach (var line in File.ReadAllLines(SurfacePath))
            if (line.Length > 0 && !line.StartsWith('#')) expected.Add(line);

        var added = new List<string>();
        var removed = new List<string>();
        var expectedSet = new HashSet<string>(expected, StringComparer.Ordinal);
        var actualSet = new HashSet<string>(actual, StringComparer.Ordinal);
        foreach (var a in actual) if (!expectedSet.Contains(a)) added.Add("+ " + a);
        foreach (var e in expected) if (!actualSet.Contains(e)) removed.Add("- " + e);
        if (added.Count + removed.Count > 0)
            Assert.Fail($"Rusk.Vm's framework surface changed ({added.Count} new, {removed.Count} no longer used); " +
                "update docs/aot-bcl-surface.txt (RUSK_UPDATE_SURFACE=1) and tell the corlib:\n" +
                string.Join("\n", added) + (added.Count > 0 && removed.Count > 0 ? "\n" : "") + string.Join("\n", removed));
        Assert.That(expected, Is.EqualTo(actual), "docs/aot-bcl-surface.txt is not sorted or has duplicates");
    }

    /// <summary>Sorted lines: `type T`, `method T::M(params) -> ret`, `field T::F : type`, `generic T::M&lt;args&gt;`.</summary>
    internal static List<string> Surface(string assemblyPath)
    {
        using var pe = new PEReader(File.OpenRead(assemblyPath));
        var md = pe.GetMetadataReader();
        var names = new SignatureNames(md);
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var h in md.TypeReferences)
            lines.Add("type " + names.TypeRefName(h));
        foreach (var h in md.MemberReferences)
        {
            var mr = md.GetMemberReference(h);
            string? parent = ParentName(md, names, mr.Parent);
            if (parent == null) continue; // a member of one of our own types (e.g. a vararg call site)
            lines.Add(Describe(md, names, parent, mr));
        }
        for (int row = 1; row <= md.GetTableRowCount(TableIndex.MethodSpec); row++)
        {
            var spec = md.GetMethodSpecification(MetadataTokens.MethodSpecificationHandle(row));
            if (spec.Method.Kind != HandleKind.MemberReference) continue; // generic methods of our own
            var mr = md.GetMemberReference((MemberReferenceHandle)spec.Method);
            string? parent = ParentName(md, names, mr.Parent);
            if (parent == null) continue;
            var args = spec.DecodeSignature(names, null);
            lines.Add("generic " + parent + "::" + md.GetString(mr.Name) + "<" + string.Join(", ", args) + ">");
        }
        return new List<string>(lines);
    }

    static string? ParentName(MetadataReader md, SignatureNames names, EntityHandle parent)
    {
        switch (parent.Kind)
        {
            case HandleKind.TypeReference: return names.TypeRefName((TypeReferenceHandle)parent);
            case HandleKind.TypeSpecification:
            {
                // A generic instantiation such as List<int>: the open type is what the corlib provides.
                var blob = md.GetBlobReader(md.GetTypeSpecification((TypeSpecificationHandle)parent).Signature);
                if (blob.ReadSignatureTypeCode() != SignatureTypeCode.GenericTypeInstance) return null;
                blob.ReadSignatureTypeCode(); // class or value type
                var t = blob.ReadTypeHandle();
                return t.Kind == HandleKind.TypeReference ? names.TypeRefName((TypeReferenceHandle)t) : null;
            }
            default: return null;
        }
    }

    static string Describe(MetadataReader md, SignatureNames names, string parent, MemberReference mr)
    {
        string name = md.GetString(mr.Name);
        if (mr.GetKind() == MemberReferenceKind.Field)
            return "field " + parent + "::" + name + " : " + mr.DecodeFieldSignature(names, null);
        var sig = mr.DecodeMethodSignature(names, null);
        string generic = sig.GenericParameterCount > 0 ? "<" + sig.GenericParameterCount + ">" : "";
        return "method " + parent + "::" + name + generic + "(" + string.Join(", ", sig.ParameterTypes) + ") -> " + sig.ReturnType;
    }

    /// <summary>Type names as text: namespace-qualified, nested with '+', generics as `List`1&lt;!0&gt;`.</summary>
    sealed class SignatureNames : ISignatureTypeProvider<string, object?>
    {
        readonly MetadataReader _md;
        public SignatureNames(MetadataReader md) { _md = md; }

        public string TypeRefName(TypeReferenceHandle h)
        {
            var t = _md.GetTypeReference(h);
            string name = _md.GetString(t.Name);
            if (t.ResolutionScope.Kind == HandleKind.TypeReference)
                return TypeRefName((TypeReferenceHandle)t.ResolutionScope) + "+" + name;
            string ns = _md.GetString(t.Namespace);
            return ns.Length == 0 ? name : ns + "." + name;
        }

        string TypeDefName(TypeDefinitionHandle h)
        {
            var t = _md.GetTypeDefinition(h);
            string name = _md.GetString(t.Name);
            var outer = t.GetDeclaringType();
            if (!outer.IsNil) return TypeDefName(outer) + "+" + name;
            string ns = _md.GetString(t.Namespace);
            return ns.Length == 0 ? name : ns + "." + name;
        }

        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode switch
        {
            PrimitiveTypeCode.Boolean => "bool",
            PrimitiveTypeCode.Char => "char",
            PrimitiveTypeCode.SByte => "sbyte",
            PrimitiveTypeCode.Byte => "byte",
            PrimitiveTypeCode.Int16 => "short",
            PrimitiveTypeCode.UInt16 => "ushort",
            PrimitiveTypeCode.Int32 => "int",
            PrimitiveTypeCode.UInt32 => "uint",
            PrimitiveTypeCode.Int64 => "long",
            PrimitiveTypeCode.UInt64 => "ulong",
            PrimitiveTypeCode.Single => "float",
            PrimitiveTypeCode.Double => "double",
            PrimitiveTypeCode.String => "string",
            PrimitiveTypeCode.Object => "object",
            PrimitiveTypeCode.Void => "void",
            PrimitiveTypeCode.IntPtr => "nint",
            PrimitiveTypeCode.UIntPtr => "nuint",
            PrimitiveTypeCode.TypedReference => "typedref",
            _ => typeCode.ToString(),
        };

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => TypeRefName(handle);
        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => TypeDefName(handle);
        public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
        public string GetSZArrayType(string elementType) => elementType + "[]";
        public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[" + new string(',', shape.Rank - 1) + "]";
        public string GetByReferenceType(string elementType) => elementType + "&";
        public string GetPointerType(string elementType) => elementType + "*";
        public string GetPinnedType(string elementType) => elementType;
        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;
        public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) =>
            genericType + "<" + string.Join(", ", typeArguments) + ">";
        public string GetGenericTypeParameter(object? genericContext, int index) => "!" + index;
        public string GetGenericMethodParameter(object? genericContext, int index) => "!!" + index;
        public string GetFunctionPointerType(MethodSignature<string> signature) =>
            "fnptr(" + string.Join(", ", signature.ParameterTypes) + ") -> " + signature.ReturnType;
    }
}
