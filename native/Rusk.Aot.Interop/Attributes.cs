// Marks the static methods that become the wasm module's exports and imports (docs/aot.md).
using System;

namespace Rusk.Aot.Interop;

/// <summary>The static method is exported from the wasm module under <see cref="Name"/>.
/// Parameters and result: bool, int, uint, long, ulong, float, double (wasm numbers) only.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class WasmExportAttribute : Attribute
{
    public WasmExportAttribute(string name) { Name = name; }
    public string Name { get; }
}

/// <summary>The static method is imported: `(import "Module" "Name" (func ...))`. Its C# body is
/// what CoreCLR runs (e.g. a test double); rusk-aot ignores the body. Numbers only, as for exports.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class WasmImportAttribute : Attribute
{
    public WasmImportAttribute(string module, string name) { Module = module; Name = name; }
    public string Module { get; }
    public string Name { get; }
}
