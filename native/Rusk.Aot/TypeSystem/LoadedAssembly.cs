// One loaded assembly (PE + metadata) and its index of type definitions by full name
// (nested types as `Outer+Inner`, generic arity kept in the name as metadata spells it).
using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Rusk.Aot.TypeSystem;

internal sealed class LoadedAssembly
{
    public readonly string Path;
    public readonly PEReader Pe;
    public readonly MetadataReader Md;
    public readonly string Name;
    public readonly bool IsCorlib;
    readonly Dictionary<string, TypeDefinitionHandle> _types = new(StringComparer.Ordinal);

    public LoadedAssembly(string path, bool isCorlib)
    {
        Path = path;
        IsCorlib = isCorlib;
        Pe = new PEReader(new MemoryStream(File.ReadAllBytes(path)));
        if (!Pe.HasMetadata) throw new CompileError($"{path}: not a .NET assembly (no metadata)");
        Md = Pe.GetMetadataReader();
        Name = Md.GetString(Md.GetAssemblyDefinition().Name);
        foreach (var h in Md.TypeDefinitions) _types[TypeName(h)] = h;
    }

    public string TypeName(TypeDefinitionHandle h)
    {
        var td = Md.GetTypeDefinition(h);
        var declaring = td.GetDeclaringType();
        if (!declaring.IsNil) return TypeName(declaring) + "+" + Md.GetString(td.Name);
        string ns = Md.GetString(td.Namespace);
        return ns.Length == 0 ? Md.GetString(td.Name) : ns + "." + Md.GetString(td.Name);
    }

    public bool TryFind(string fullName, out TypeDefinitionHandle h) => _types.TryGetValue(fullName, out h);

    public IEnumerable<TypeDefinitionHandle> AllTypes => _types.Values;
}
