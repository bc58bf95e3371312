// The decoded `.rbc` module (BYTECODE_SPEC.md §4, §10): an immutable data model that the reader
// produces, the writer/disassembler consume, and the interpreter lowers into its own flat form.
using System.Collections.Generic;

namespace Rusk.Vm.Format;

/// <summary>A bytecode function (§4.2). Registers 0..ParamCount hold the arguments.</summary>
internal sealed class Function
{
    public string Name { get; }
    public uint RegCount { get; }
    public uint ParamCount { get; }
    public Instr[] Code { get; }

    public Function(string name, uint regCount, uint paramCount, Instr[] code)
    {
        Name = name; RegCount = regCount; ParamCount = paramCount; Code = code;
    }
}

/// <summary>A host import or external effect signature, restricted to ABI types (§3.1).</summary>
internal sealed class HostFnSig
{
    public AbiType[] Params { get; }
    public AbiType Ret { get; }
    public HostFnSig(AbiType[] @params, AbiType ret) { Params = @params; Ret = ret; }
}

internal sealed class HostImport
{
    public string Name { get; }
    public HostFnSig Sig { get; }
    public HostImport(string name, HostFnSig sig) { Name = name; Sig = sig; }
}

/// <summary>An effect operation the VM may hand to the host as a Request (§6.4).</summary>
internal sealed class ExternalEffectDecl
{
    public string Interface { get; }
    public string Method { get; }
    public HostFnSig Sig { get; }
    public ExternalEffectDecl(string @interface, string method, HostFnSig sig)
    {
        Interface = @interface; Method = method; Sig = sig;
    }
}

/// <summary>One (method → function) entry of a per-type vcall/scall dispatch table.</summary>
internal readonly struct DispatchEntry
{
    public readonly uint MethodId;
    public readonly uint FunctionId;
    public DispatchEntry(uint methodId, uint functionId) { MethodId = methodId; FunctionId = functionId; }
}

/// <summary>One associated-type projection entry: (interface, assoc name) → projection function.</summary>
internal readonly struct AssocTypeEntry
{
    public readonly uint IfaceTypeId;
    public readonly string Assoc;
    public readonly uint FunctionId;
    public AssocTypeEntry(uint ifaceTypeId, string assoc, uint functionId)
    {
        IfaceTypeId = ifaceTypeId; Assoc = assoc; FunctionId = functionId;
    }
}

/// <summary>
/// A decoded and verified module (§4.1), from <see cref="ModuleLoader.Load"/>: an opaque, immutable
/// handle that any number of VMs may share. Internally, per-type tables are parallel to the type
/// names and keep entries in file order, so decode → encode is byte-identical for anything the
/// reference wrote; every array is read-only once constructed.
/// </summary>
public sealed class Module
{
    /// <summary>The major version of the <c>.rbc</c> format this VM reads.</summary>
    public const ushort VersionMajor = 0;
    /// <summary>The minor version of the <c>.rbc</c> format this VM reads.</summary>
    public const ushort VersionMinor = 15;

    internal Function[] Functions { get; }
    internal uint[] FunctionGenericParams { get; }
    internal HostImport[] HostImports { get; }
    internal string[] TypeNames { get; }
    internal string[] MethodNames { get; }
    internal DispatchEntry[][] VCallDispatch { get; }
    internal DispatchEntry[][] SCallDispatch { get; }
    internal AssocTypeEntry[][] AssocTypeDispatch { get; }
    internal uint[][] InterfaceImpls { get; }
    /// <summary>Field names by TypeId, null where the type has no struct layout.</summary>
    internal string[]?[] StructLayouts { get; }
    /// <summary>ABI schemas by TypeId, null where absent.</summary>
    internal AbiSchema?[] AbiSchemas { get; }
    internal ExternalEffectDecl[] ExternalEffects { get; }
    internal uint Entry { get; }
    /// <summary>The interpreter's lowering of this module (Execution.LoweredModule.Of), made once and shared by its VMs.</summary>
    internal Execution.LoweredModule? Lowered;

    /// <summary>
    /// The host imports the module declares, by id: each must be registered
    /// (<see cref="Vm.RegisterHostImport(string, HostFunction)"/>) before a call to it runs.
    /// </summary>
    public IReadOnlyList<string> HostImportNames { get; }

    /// <summary>
    /// The effects the module hands to its host, by id (<see cref="StepResult.EffectId"/>), each as
    /// <c>Interface.method</c>.
    /// </summary>
    public IReadOnlyList<string> ExternalEffectNames { get; }

    /// <summary>What snapshots and journals need of the module (content hash, site numbering), built on first use.</summary>
    internal Durable.ModuleIdentity? DurableCache;

    readonly Dictionary<string, uint> _functionIds;
    readonly Dictionary<string, uint> _hostImportIds;
    readonly Dictionary<string, uint> _typeIds;
    readonly Dictionary<string, uint> _methodIds;

    /// <summary>
    /// Builds the module and its name indexes. Throws <see cref="ModuleException"/> on duplicate
    /// names (the reference decoder rejects them) or tables not parallel to the type names.
    /// </summary>
    internal Module(
        Function[] functions, uint[] functionGenericParams, HostImport[] hostImports,
        string[] typeNames, string[] methodNames,
        DispatchEntry[][] vcallDispatch, DispatchEntry[][] scallDispatch,
        AssocTypeEntry[][] assocTypeDispatch, uint[][] interfaceImpls,
        string[]?[] structLayouts, AbiSchema?[] abiSchemas,
        ExternalEffectDecl[] externalEffects, uint entry)
    {
        int types = typeNames.Length;
        if (vcallDispatch.Length != types || scallDispatch.Length != types || assocTypeDispatch.Length != types
            || interfaceImpls.Length != types || structLayouts.Length != types || abiSchemas.Length != types)
            throw new ModuleException("per-type tables must be parallel to type_names");

        Functions = functions; FunctionGenericParams = functionGenericParams; HostImports = hostImports;
        TypeNames = typeNames; MethodNames = methodNames;
        VCallDispatch = vcallDispatch; SCallDispatch = scallDispatch; AssocTypeDispatch = assocTypeDispatch;
        InterfaceImpls = interfaceImpls; StructLayouts = structLayouts; AbiSchemas = abiSchemas;
        ExternalEffects = externalEffects; Entry = entry;

        _typeIds = Index(typeNames, "type name");
        _methodIds = Index(methodNames, "method name");
        _functionIds = new Dictionary<string, uint>(functions.Length);
        for (int i = 0; i < functions.Length; i++)
            if (!_functionIds.TryAdd(functions[i].Name, (uint)i))
                throw new ModuleException($"duplicate function name `{functions[i].Name}`");
        _hostImportIds = new Dictionary<string, uint>(hostImports.Length);
        for (int i = 0; i < hostImports.Length; i++)
            if (!_hostImportIds.TryAdd(hostImports[i].Name, (uint)i))
                throw new ModuleException($"duplicate host import name `{hostImports[i].Name}`");
        var importNames = new string[hostImports.Length];
        for (int i = 0; i < hostImports.Length; i++) importNames[i] = hostImports[i].Name;
        HostImportNames = System.Array.AsReadOnly(importNames);
        var effectNames = new string[externalEffects.Length];
        for (int i = 0; i < externalEffects.Length; i++) effectNames[i] = externalEffects[i].Interface + "." + externalEffects[i].Method;
        ExternalEffectNames = System.Array.AsReadOnly(effectNames);
        var effects = new HashSet<(string, string)>();
        foreach (var e in externalEffects)
            if (!effects.Add((e.Interface, e.Method)))
                throw new ModuleException($"duplicate external effect `{e.Interface}.{e.Method}`");
    }

    static Dictionary<string, uint> Index(string[] names, string what)
    {
        var map = new Dictionary<string, uint>(names.Length);
        for (int i = 0; i < names.Length; i++)
            if (!map.TryAdd(names[i], (uint)i))
                throw new ModuleException($"duplicate {what} `{names[i]}`");
        return map;
    }

    internal bool TryGetFunctionId(string name, out uint id) => _functionIds.TryGetValue(name, out id);
    /// <summary>The id of the host import called <paramref name="name"/> (its index in <see cref="HostImportNames"/>).</summary>
    public bool TryGetHostImportId(string name, out uint id) => _hostImportIds.TryGetValue(name, out id);
    /// <summary>The id of the nominal type called <paramref name="name"/> (for <see cref="AbiType.Struct"/>/<see cref="AbiType.Enum"/>).</summary>
    public bool TryGetTypeId(string name, out uint id) => _typeIds.TryGetValue(name, out id);
    internal bool TryGetMethodId(string name, out uint id) => _methodIds.TryGetValue(name, out id);

    /// <summary>The id of the external effect <c>iface.method</c> (its index in <see cref="ExternalEffectNames"/>).</summary>
    public bool TryGetExternalEffectId(string iface, string method, out uint id)
    {
        for (int i = 0; i < ExternalEffects.Length; i++)
            if (ExternalEffects[i].Interface == iface && ExternalEffects[i].Method == method) { id = (uint)i; return true; }
        id = 0;
        return false;
    }
}

/// <summary>A structurally invalid module (duplicate names, non-parallel tables).</summary>
internal sealed class ModuleException : System.Exception
{
    public ModuleException(string message) : base(message) { }
}
