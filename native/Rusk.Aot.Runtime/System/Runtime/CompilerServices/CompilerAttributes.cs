// The attributes the C# compiler emits or requires in System.Runtime.CompilerServices (nullable
// metadata, ref safety, init-only setters, ref structs, extension methods, interpolated strings).
namespace System.Runtime.CompilerServices;

[AttributeUsage(AttributeTargets.All, Inherited = true)]
public sealed class CompilerGeneratedAttribute : Attribute
{
    public CompilerGeneratedAttribute() { }
}

[AttributeUsage(AttributeTargets.All, Inherited = false)]
public sealed class IsReadOnlyAttribute : Attribute
{
    public IsReadOnlyAttribute() { }
}

[AttributeUsage(AttributeTargets.Struct)]
public sealed class IsByRefLikeAttribute : Attribute
{
    public IsByRefLikeAttribute() { }
}

[AttributeUsage(AttributeTargets.All)]
public sealed class IsUnmanagedAttribute : Attribute
{
    public IsUnmanagedAttribute() { }
}

public static class IsExternalInit
{
}

[AttributeUsage(AttributeTargets.Class | AttributeTargets.Event | AttributeTargets.Field | AttributeTargets.GenericParameter |
    AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.ReturnValue, Inherited = false)]
public sealed class NullableAttribute : Attribute
{
    public readonly byte[] NullableFlags;
    public NullableAttribute(byte value) { NullableFlags = new byte[] { value }; }
    public NullableAttribute(byte[] value) { NullableFlags = value; }
}

[AttributeUsage(AttributeTargets.Class | AttributeTargets.Delegate | AttributeTargets.Interface | AttributeTargets.Method |
    AttributeTargets.Struct, Inherited = false)]
public sealed class NullableContextAttribute : Attribute
{
    public readonly byte Flag;
    public NullableContextAttribute(byte value) { Flag = value; }
}

[AttributeUsage(AttributeTargets.Module, Inherited = false)]
public sealed class NullablePublicOnlyAttribute : Attribute
{
    public readonly bool IncludesInternals;
    public NullablePublicOnlyAttribute(bool value) { IncludesInternals = value; }
}

[AttributeUsage(AttributeTargets.Module, Inherited = false)]
public sealed class RefSafetyRulesAttribute : Attribute
{
    public readonly int Version;
    public RefSafetyRulesAttribute(int version) { Version = version; }
}

[AttributeUsage(AttributeTargets.All, AllowMultiple = true, Inherited = false)]
public sealed class CompilerFeatureRequiredAttribute : Attribute
{
    public CompilerFeatureRequiredAttribute(string featureName) { FeatureName = featureName; }
    public string FeatureName { get; }
    public bool IsOptional { get; init; }
    public const string RefStructs = nameof(RefStructs);
    public const string RequiredMembers = nameof(RequiredMembers);
}

[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Field | AttributeTargets.Property, Inherited = false)]
public sealed class RequiredMemberAttribute : Attribute
{
    public RequiredMemberAttribute() { }
}

[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class ScopedRefAttribute : Attribute
{
    public ScopedRefAttribute() { }
}

[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Assembly)]
public sealed class ExtensionAttribute : Attribute
{
    public ExtensionAttribute() { }
}

[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class IndexerNameAttribute : Attribute
{
    public IndexerNameAttribute(string indexerName) { }
}

[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
public sealed class InternalsVisibleToAttribute : Attribute
{
    public InternalsVisibleToAttribute(string assemblyName) { AssemblyName = assemblyName; }
    public string AssemblyName { get; }
    public bool AllInternalsVisible { get; set; } = true;
}

[AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Module | AttributeTargets.Class | AttributeTargets.Method)]
public sealed class CompilationRelaxationsAttribute : Attribute
{
    public CompilationRelaxationsAttribute(int relaxations) { CompilationRelaxations = relaxations; }
    public int CompilationRelaxations { get; }
}

[AttributeUsage(AttributeTargets.Assembly, Inherited = false, AllowMultiple = false)]
public sealed class RuntimeCompatibilityAttribute : Attribute
{
    public RuntimeCompatibilityAttribute() { }
    public bool WrapNonExceptionThrows { get; set; }
}

[AttributeUsage(AttributeTargets.Class | AttributeTargets.Field | AttributeTargets.Parameter | AttributeTargets.Property |
    AttributeTargets.ReturnValue | AttributeTargets.Event)]
public sealed class TupleElementNamesAttribute : Attribute
{
    private readonly string?[] _transformNames;
    public TupleElementNamesAttribute(string?[] transformNames) { _transformNames = transformNames; }
    public string?[] TransformNames => _transformNames;
}

[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
public sealed class InterpolatedStringHandlerAttribute : Attribute
{
    public InterpolatedStringHandlerAttribute() { }
}

[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class InterpolatedStringHandlerArgumentAttribute : Attribute
{
    public InterpolatedStringHandlerArgumentAttribute(string argument) { Arguments = new string[] { argument }; }
    public InterpolatedStringHandlerArgumentAttribute(params string[] arguments) { Arguments = arguments; }
    public string[] Arguments { get; }
}

[AttributeUsage(AttributeTargets.Parameter, Inherited = true, AllowMultiple = false)]
public sealed class ParamCollectionAttribute : Attribute
{
    public ParamCollectionAttribute() { }
}

public enum MethodImplOptions
{
    Unmanaged = 0x0004,
    NoInlining = 0x0008,
    ForwardRef = 0x0010,
    Synchronized = 0x0020,
    NoOptimization = 0x0040,
    PreserveSig = 0x0080,
    AggressiveInlining = 0x0100,
    AggressiveOptimization = 0x0200,
    InternalCall = 0x1000,
}

[AttributeUsage(AttributeTargets.Constructor | AttributeTargets.Method, Inherited = false)]
public sealed class MethodImplAttribute : Attribute
{
    public MethodImplAttribute() { }
    public MethodImplAttribute(MethodImplOptions methodImplOptions) { Value = methodImplOptions; }
    public MethodImplAttribute(short value) { Value = (MethodImplOptions)value; }
    public MethodImplOptions Value { get; }
}
