// Prints a WasmModule as WAT text (the WebAssembly text format, with the GC and exception-handling
// proposals' syntax as binaryen parses it).
using System.Text;

namespace Rusk.Aot.Wasm;

internal static class WatWriter
{
    /// <summary>The types in creation order, except that a declared supertype (`(sub $S …)`) always
    /// comes before its subtypes, as the GC proposal requires within a rec group.</summary>
    static System.Collections.Generic.List<WasmTypeDef> SupertypesFirst(System.Collections.Generic.List<WasmTypeDef> types)
    {
        var byName = new System.Collections.Generic.Dictionary<string, WasmTypeDef>();
        foreach (var t in types) byName[t.Name] = t;
        var done = new System.Collections.Generic.HashSet<string>();
        var list = new System.Collections.Generic.List<WasmTypeDef>();
        void Visit(WasmTypeDef t)
        {
            if (!done.Add(t.Name)) return;
            if (t.Definition.StartsWith("(sub $"))
            {
                int end = t.Definition.IndexOf(' ', 5);
                if (byName.TryGetValue(t.Definition[5..end], out var super)) Visit(super);
            }
            list.Add(t);
        }
        foreach (var t in types) Visit(t);
        return list;
    }

    public static string Write(WasmModule m)
    {
        var sb = new StringBuilder();
        sb.Append("(module\n");
        if (m.Types.Count > 0)
        {
            sb.Append("  (rec\n");
            foreach (var t in SupertypesFirst(m.Types)) sb.Append("    (type ").Append(t.Name).Append(' ').Append(t.Definition).Append(")\n");
            sb.Append("  )\n");
        }
        foreach (var i in m.Imports)
            sb.Append($"  (import \"{i.Module}\" \"{i.Field}\" (func {i.FuncName} (type {i.TypeName})))\n");
        sb.Append($"  (memory $memory {m.MemoryPages})\n");
        foreach (var (name, bytes) in m.DataSegments)
        {
            sb.Append("  (data ").Append(name).Append(" \"");
            foreach (byte b in bytes) sb.Append('\\').Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            sb.Append("\")\n");
        }
        if (m.TagParam != null) sb.Append($"  (tag $exn (param {m.TagParam}))\n");
        foreach (var g in m.Globals)
            sb.Append($"  (global {g.Name} {(g.Mutable ? $"(mut {g.Type})" : g.Type)} {g.Init})\n");
        foreach (var f in m.Functions)
        {
            if (f.Comment != null) sb.Append("  ;; ").Append(f.Comment.Replace("\n", " ")).Append('\n');
            if (f.NeverInline) sb.Append("  (@binaryen.inline \"\\00\")\n");
            sb.Append("  (func ").Append(f.Name).Append(" (type ").Append(f.TypeName).Append(')');
            foreach (var p in f.Params) sb.Append(" (param ").Append(p.Name).Append(' ').Append(p.Type).Append(')');
            foreach (var r in f.Results) sb.Append(" (result ").Append(r).Append(')');
            sb.Append('\n');
            foreach (var l in f.Locals) sb.Append("    (local ").Append(l.Name).Append(' ').Append(l.Type).Append(")\n");
            foreach (var line in f.Body.Lines) sb.Append("    ").Append(line).Append('\n');
            sb.Append("  )\n");
        }
        sb.Append("  (export \"memory\" (memory $memory))\n");
        foreach (var e in m.Exports) sb.Append($"  (export \"{e.Name}\" (func {e.FuncName}))\n");
        if (m.DeclaredFuncRefs.Count > 0) sb.Append("  (elem declare func ").Append(string.Join(' ', m.DeclaredFuncRefs)).Append(")\n");
        sb.Append(")\n");
        return sb.ToString();
    }
}
