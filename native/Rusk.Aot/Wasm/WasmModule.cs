// A small model of the wasm module we emit (WasmGC + exception handling): one rec group of types,
// imports, memory, one exception tag, globals, functions, exports. Instructions are kept as WAT
// text lines in folded-free (flat) form; WatWriter prints the whole module for wasm-opt.
using System.Collections.Generic;
using System.Text;

namespace Rusk.Aot.Wasm;

internal sealed record WasmTypeDef(string Name, string Definition);
internal sealed record WasmImport(string Module, string Field, string FuncName, string TypeName);
internal sealed record WasmGlobal(string Name, string Type, bool Mutable, string Init);
internal sealed record WasmExport(string Name, string FuncName);

internal sealed class WasmFunction
{
    public required string Name;
    public required string TypeName;
    public readonly List<(string Name, string Type)> Params = new();
    public readonly List<string> Results = new();
    public readonly List<(string Name, string Type)> Locals = new();
    public readonly WasmCode Body = new();
    /// <summary>Text shown above the function in the WAT (the C# member it compiles).</summary>
    public string? Comment;
    /// <summary>Cold code (throw helpers, static constructors, [MethodImpl(NoInlining)]): wasm-opt never
    /// inlines it (<c>@binaryen.inline "\00"</c>), so hot callers such as the interpreter loop stay small.</summary>
    public bool NeverInline;
}

/// <summary>A function body under construction: flat instructions, indented by nesting.</summary>
internal sealed class WasmCode
{
    public readonly List<string> Lines = new();
    int _depth;
    public void Add(string instr) => Lines.Add(new string(' ', 2 * _depth) + instr);
    public void Open(string header) { Add(header); _depth++; }
    public void Else() { _depth--; Add("else"); _depth++; }
    public void Close() { _depth--; Add("end"); }
    public int Depth => _depth;
}

internal sealed class WasmModule
{
    public readonly List<WasmTypeDef> Types = new();
    public readonly List<WasmImport> Imports = new();
    public readonly List<WasmGlobal> Globals = new();
    public readonly List<WasmFunction> Functions = new();
    public readonly List<WasmExport> Exports = new();
    public readonly SortedSet<string> DeclaredFuncRefs = new(System.StringComparer.Ordinal);
    public int MemoryPages = 1;
    /// <summary>Passive data segments (name, bytes): array initialisers read by array.init_data.</summary>
    public readonly List<(string Name, byte[] Bytes)> DataSegments = new();
    /// <summary>The exception tag's parameter type, or null when nothing throws.</summary>
    public string? TagParam;
}
