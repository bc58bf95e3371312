// System.Attribute and the attributes of namespace System that C# code (the VM's and ours) uses.
// rusk-aot never reads attribute data except [WasmExport]/[WasmImport]; these exist so references
// resolve and our own source compiles.
namespace System;

public abstract class Attribute
{
    protected Attribute() { }
}

[Flags]
public enum AttributeTargets
{
    Assembly = 0x0001,
    Module = 0x0002,
    Class = 0x0004,
    Struct = 0x0008,
    Enum = 0x0010,
    Constructor = 0x0020,
    Method = 0x0040,
    Property = 0x0080,
    Field = 0x0100,
    Event = 0x0200,
    Interface = 0x0400,
    Parameter = 0x0800,
    Delegate = 0x1000,
    ReturnValue = 0x2000,
    GenericParameter = 0x4000,
    All = Assembly | Module | Class | Struct | Enum | Constructor | Method | Property | Field | Event |
          Interface | Parameter | Delegate | ReturnValue | GenericParameter,
}

[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class AttributeUsageAttribute : Attribute
{
    public AttributeUsageAttribute(AttributeTargets validOn) { ValidOn = validOn; }
    public AttributeTargets ValidOn { get; }
    public bool AllowMultiple { get; set; }
    public bool Inherited { get; set; } = true;
}

[AttributeUsage(AttributeTargets.Parameter, Inherited = true, AllowMultiple = false)]
public sealed class ParamArrayAttribute : Attribute
{
    public ParamArrayAttribute() { }
}

[AttributeUsage(AttributeTargets.Enum, Inherited = false)]
public sealed class FlagsAttribute : Attribute
{
    public FlagsAttribute() { }
}

[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Enum | AttributeTargets.Constructor |
    AttributeTargets.Method | AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Event |
    AttributeTargets.Interface | AttributeTargets.Delegate, Inherited = false)]
public sealed class ObsoleteAttribute : Attribute
{
    public ObsoleteAttribute() { }
    public ObsoleteAttribute(string? message) { Message = message; }
    public ObsoleteAttribute(string? message, bool error) { Message = message; IsError = error; }
    public string? Message { get; }
    public bool IsError { get; }
    public string? DiagnosticId { get; set; }
    public string? UrlFormat { get; set; }
}

[AttributeUsage(AttributeTargets.All, Inherited = true, AllowMultiple = false)]
public sealed class CLSCompliantAttribute : Attribute
{
    public CLSCompliantAttribute(bool isCompliant) { IsCompliant = isCompliant; }
    public bool IsCompliant { get; }
}
