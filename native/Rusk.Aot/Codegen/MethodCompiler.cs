// IR → wasm for one method body. The IL evaluation stack is the wasm operand stack inside a basic
// block; at block ends the remaining slots are spilled to typed locals the successor reloads.
// Control flow goes through the IStructurer (Flow/); exception regions are structured separately
// (one FlowGraph per try body and handler) and appear to the enclosing graph as one node.
using System;
using System.Collections.Generic;
using System.Reflection.Metadata;
using Rusk.Aot.Flow;
using Rusk.Aot.IL;
using Rusk.Aot.Layout;
using Rusk.Aot.Reachability;
using Rusk.Aot.TypeSystem;
using Rusk.Aot.Wasm;

namespace Rusk.Aot.Codegen;

internal sealed partial class MethodCompiler
{
    readonly ModuleBuilder _mb;
    readonly WasmLayout _L;
    readonly TypeSystemContext _ts;
    readonly IrMethod _ir;
    readonly WasmFunction _f;
    readonly WasmCode _c;
    readonly string[][] _argLocals;      // wasm locals of each IL argument (1 or 2 names)
    readonly string[][] _localLocals;
    readonly HashSet<int> _celledArgs = new(), _celledLocals = new();
    readonly Dictionary<string, int> _tempCount = new();
    readonly List<(string Name, string Type)> _freeTemps = new();
    bool _hasLabel;

    public MethodCompiler(ModuleBuilder mb, IrMethod ir)
    {
        _mb = mb; _L = mb.Layout; _ts = mb.Ts; _ir = ir;
        var m = ir.Method;
        _f = new WasmFunction { Name = _L.FunctionName(m), TypeName = _L.FuncTypeOf(m), Comment = m.ToString() };
        _f.NeverInline = IsCold(m, ir);
        _c = _f.Body;
        _f.Results.AddRange(_L.Signature(m).Results);
        foreach (var ins in ir.AllInsts)
        {
            if (ins.Op == ILOpCode.Ldarga && !IsStruct(ir.Args[ins.IL.Int])) _celledArgs.Add((int)ins.IL.Int);
            if (ins.Op == ILOpCode.Ldloca && !IsStruct(ir.Locals[ins.IL.Int])) _celledLocals.Add((int)ins.IL.Int);
        }
        _argLocals = new string[ir.Args.Length][];
        _localLocals = new string[ir.Locals.Length][];
    }

    static bool IsStruct(TypeDesc t) => t is DefType { IsStruct: true };

    /// <summary>
    /// Code a caller should call rather than absorb: what C# marks NoInlining, static constructors
    /// (run once), methods that never return (every exit throws), and methods that make an exception
    /// for their caller to throw (`throw Error(...)` helpers). wasm-opt would otherwise inline a
    /// single-caller helper of either kind, error-message formatting included, into its hot caller.
    /// </summary>
    static bool IsCold(MethodDesc m, IrMethod ir)
    {
        if ((m.Def.ImplAttributes & System.Reflection.MethodImplAttributes.NoInlining) != 0) return true;
        if (m.Name == ".cctor") return true;
        if (m.Sig.Return is DefType ret && IsException(ret)) return true;
        foreach (var ins in ir.AllInsts)
            if (ins.Op == ILOpCode.Ret) return false;
        return true;
    }

    static bool IsException(DefType t)
    {
        for (DefType? b = t; b != null; b = b.BaseType)
            if (b.FullName == "System.Exception") return true;
        return false;
    }

    string NewLocal(string hint, string type)
    {
        string n = "$" + hint + _f.Locals.Count;
        _f.Locals.Add((n, type));
        return n;
    }

    /// <summary>A scratch local of a type, for shuffling the operand stack; fresh per use (wasm-opt coalesces).</summary>
    string Temp(string type) => NewLocal("t", type);

    public WasmFunction Compile()
    {
        var m = _ir.Method;
        int argIndex = 0;
        if (!m.IsStatic)
        {
            var thisParam = _L.ThisParam(m);
            var own = _ir.Args[0];
            var pnames = ParamNames(0, thisParam);
            if (_L.ValTypes(thisParam)[0] != _L.ValTypes(own)[0])
            {
                // Virtual overrides take `this` as the slot root's type (one function type per slot).
                string t = NewLocal("this", _L.ValTypes(own)[0]);
                _c.Add("local.get " + pnames[0]);
                _c.Add($"ref.cast {_L.ValTypes(own)[0]}");
                _c.Add("local.set " + t);
                _argLocals[0] = new[] { t };
            }
            else _argLocals[0] = pnames;
            argIndex = 1;
        }
        for (int i = argIndex; i < _ir.Args.Length; i++)
        {
            var t = _ir.Args[i];
            _argLocals[i] = ParamNames(i, t);
            if (IsStruct(t))
            {
                // By-value struct arguments: the callee owns a copy (docs/aot.md).
                _c.Add("local.get " + _argLocals[i][0]);
                _c.Add("call " + _mb.Clone((DefType)t));
                _c.Add("local.set " + _argLocals[i][0]);
            }
            if (_celledArgs.Contains(i))
            {
                string cell = NewLocal("cell_a", $"(ref null {_L.DataArray(t)})");
                _c.Add("local.get " + _argLocals[i][0]);
                _c.Add($"array.new_fixed {_L.DataArray(t)} 1");
                _c.Add("local.set " + cell);
                _argLocals[i] = new[] { cell };
            }
        }
        for (int i = 0; i < _ir.Locals.Length; i++)
        {
            var t = _ir.Locals[i];
            if (_celledLocals.Contains(i))
            {
                string cell = NewLocal("cell_l", $"(ref null {_L.DataArray(t)})");
                _mb.DefaultOf(_c, t);
                _c.Add($"array.new_fixed {_L.DataArray(t)} 1");
                _c.Add("local.set " + cell);
                _localLocals[i] = new[] { cell };
                continue;
            }
            var vts = _L.ValTypes(t);
            var names = new string[vts.Length];
            for (int k = 0; k < vts.Length; k++) names[k] = NewLocal("l" + i + "_", vts[k]);
            _localLocals[i] = names;
            if (IsStruct(t))
            {
                _c.Add("call " + _mb.Alloc((DefType)t));
                _c.Add("local.set " + names[0]);
            }
        }
        if ((m.IsStatic || m.IsCtor) && m.Name != ".cctor" && _mb.StaticInit(m.Owner) is { } init) _c.Add("call " + init);

        EmitRegion(null, RegionPart.Try);
        if (_f.Results.Count > 0) _c.Add("unreachable");
        return _f;
    }

    string[] ParamNames(int i, TypeDesc t)
    {
        var vts = _L.ValTypes(t);
        var names = new string[vts.Length];
        for (int k = 0; k < vts.Length; k++)
        {
            names[k] = "$a" + i + (k == 0 ? "" : "_" + k);
            _f.Params.Add((names[k], vts[k]));
        }
        return names;
    }

    // ---- control flow ----

    /// <summary>Structures and emits the blocks of one region body (null: the method's top level).
    /// Blocks of nested regions are folded into one node that runs the whole try/handler.</summary>
    void EmitRegion(EhRegion? region, RegionPart part)
    {
        // Nodes: the region's own blocks, and each nested region as one node; the entry first
        // (a block or a nested try starting at the region's first offset).
        int entryStart = region == null ? 0 : part switch { RegionPart.Handler => region.HandlerStart, RegionPart.Filter => region.FilterStart, _ => region.TryStart };
        var nodes = new List<object>();      // IrBlock or EhRegion
        foreach (var b in _ir.Blocks)
            if (b.Entry != null && DirectlyIn(b, region, part)) nodes.Add(b);
        nodes.AddRange(ChildRegions(region, part));
        int entry = nodes.FindIndex(n => n is IrBlock b ? b.Start == entryStart : ((EhRegion)n).TryStart == entryStart);
        if (entry < 0) return;
        (nodes[0], nodes[entry]) = (nodes[entry], nodes[0]);
        var nodeOf = new Dictionary<int, int>();
        for (int id = 0; id < nodes.Count; id++)
        {
            if (nodes[id] is IrBlock b) nodeOf[b.Index] = id;
            else foreach (var rb in _ir.Blocks) if (rb.Entry != null && Contains((EhRegion)nodes[id], rb)) nodeOf[rb.Index] = id;
        }
        var g = new FlowGraph();
        var exits = new List<int>();       // exit k → IL block index outside this region
        int Target(int blockIndex)
        {
            if (nodeOf.TryGetValue(blockIndex, out int id)) return id;
            int k = exits.IndexOf(blockIndex);
            if (k < 0) { exits.Add(blockIndex); k = exits.Count - 1; }
            return FlowGraph.Exit(k);
        }
        for (int n = 0; n < nodes.Count; n++)
        {
            if (nodes[n] is IrBlock b)
            {
                var last = b.Insts.Count > 0 ? b.Insts[^1] : null;
                var ts = new int[b.Succs.Length];
                for (int k = 0; k < ts.Length; k++) ts[k] = Target(b.Succs[k]);
                EndKind end = last == null ? EndKind.Jump
                    : Importer.IsCondBranch(last.Op) ? EndKind.Branch
                    : last.Op == ILOpCode.Switch ? EndKind.Switch
                    : b.Succs.Length == 0 ? EndKind.Leave : EndKind.Jump;
                g.Add(end, ts);
            }
            else
            {
                var r = (EhRegion)nodes[n];
                var leaves = RegionLeaveTargets(r);
                var ts = new int[leaves.Count];
                for (int k = 0; k < ts.Length; k++) ts[k] = Target(leaves[k]);
                if (ts.Length == 0) g.Add(EndKind.Leave);
                else if (ts.Length == 1) g.Add(EndKind.Jump, ts);
                else g.Add(EndKind.Switch, ts);
            }
        }
        var tree = _mb.Structurer.Structure(g);
        // Each graph's dispatch starts at label 0 (an enclosing graph sets the label again before it branches).
        _c.Add("i32.const 0");
        _c.Add("local.set $label");
        _hasLabel = true;
        _regionStack.Add((region, exits, _labels.Count));
        EmitTree(tree, nodes);
        _regionStack.RemoveAt(_regionStack.Count - 1);
    }

    readonly List<(EhRegion? Region, List<int> Exits, int LabelDepth)> _regionStack = new();
    /// <summary>Enclosing wasm labels, innermost last: what each is (for exits) — a region's exit block target or null.</summary>
    readonly List<string?> _labels = new();

    bool DirectlyIn(IrBlock b, EhRegion? region, RegionPart part)
    {
        if (region == null) return b.Region == -1;
        return b.Region == _ir.Regions.IndexOf(region) && b.Part == part;
    }

    static bool Contains(EhRegion r, IrBlock b) => r.Contains(b.Start);

    List<EhRegion> ChildRegions(EhRegion? region, RegionPart part)
    {
        var list = new List<EhRegion>();
        int ri = region == null ? -1 : _ir.Regions.IndexOf(region);
        foreach (var r in _ir.Regions)
        {
            if (r.Parent != ri || r.Primary != null) continue;
            bool inTry = region != null && r.TryStart >= region.TryStart && r.TryStart < region.TryEnd;
            if (region == null || (part == RegionPart.Try) == inTry && part != RegionPart.Filter) list.Add(r);
        }
        return list;
    }

    void EmitTree(SNode node, List<object> nodes)
    {
        switch (node)
        {
            case SCode c:
                if (nodes[c.Id] is IrBlock ib) EmitBlock(ib);
                else EmitTry((EhRegion)nodes[c.Id]);
                break;
            case SSeq s: foreach (var i in s.Items) EmitTree(i, nodes); break;
            case SBlock b: _c.Open("block"); _labels.Add(null); EmitTree(b.Body, nodes); _labels.RemoveAt(_labels.Count - 1); _c.Close(); break;
            case SLoop l: _c.Open("loop"); _labels.Add(null); EmitTree(l.Body, nodes); _labels.RemoveAt(_labels.Count - 1); _c.Close(); break;
            case SIf i:
                _c.Open("if"); _labels.Add(null);
                EmitTree(i.Then, nodes);
                _c.Else();
                EmitTree(i.Else, nodes);
                _labels.RemoveAt(_labels.Count - 1); _c.Close();
                break;
            case SBr br: _c.Add("br " + br.Depth); break;
            case SBrIf bi: _c.Add("br_if " + bi.Depth); break;
            case SBrTable t: _c.Add("br_table " + string.Join(' ', t.Depths) + " " + t.Default); break;
            case SExit e: EmitExit(e.K); break;
            case SSetLabel sl: _hasLabel = true; _c.Add("i32.const " + sl.Value); _c.Add("local.set $label"); break;
            case SGetLabel: _hasLabel = true; _c.Add("local.get $label"); break;
            case SUnreachable: _c.Add("unreachable"); break;
            default: throw new CompileError($"unknown structured node {node}");
        }
        if (_hasLabel && !_f.Locals.Exists(l => l.Name == "$label")) _f.Locals.Add(("$label", "i32"));
    }

    // ---- one basic block ----

    void EmitBlock(IrBlock b)
    {
        // Reload the entry stack from the spill locals (bottom first).
        for (int d = 0; d < b.Entry!.Length; d++)
        {
            var vts = _L.ValTypes(b.Entry[d]);
            for (int k = 0; k < vts.Length; k++) _c.Add("local.get " + Spill(d, k, vts[k]));
        }
        int n = b.Insts.Count;
        for (int i = 0; i < n; i++)
        {
            var ins = b.Insts[i];
            bool last = i == n - 1;
            try
            {
                if (last && (Importer.IsCondBranch(ins.Op) || ins.Op == ILOpCode.Switch)) { EmitTerminator(b, ins); return; }
                if (last && (ins.Op == ILOpCode.Br || ins.Op == ILOpCode.Leave)) { SpillExit(b, StackAfter(b)); return; }
                Emit(ins, i > 0 ? b.Insts[i - 1] : null);
            }
            catch (CompileError e) when (!e.Message.StartsWith("IL_")) { throw new CompileError($"IL_{ins.IL.Offset:X4}: {e.Message}"); }
        }
        // Fall-through into the next block.
        if (b.Succs.Length == 1) SpillExit(b, StackAfter(b));
    }

    /// <summary>The stack left when the block ends (after its terminator pops its operands).</summary>
    List<SType> StackAfter(IrBlock b)
    {
        var s = new List<SType>(b.Entry!);
        foreach (var ins in b.Insts)
        {
            if (ins.Op == ILOpCode.Leave) { s.Clear(); continue; }
            for (int k = 0; k < ins.Pops.Length; k++) s.RemoveAt(s.Count - 1);
            if (ins.Push is { } p) { s.Add(p); if (ins.Op == ILOpCode.Dup) s.Add(p); }
        }
        return s;
    }

    string Spill(int depth, int part, string type)
    {
        string key = $"$s{depth}_{part}:{type}";
        foreach (var l in _f.Locals) if (l.Name == NameOfSpill(key)) return l.Name;
        _f.Locals.Add((NameOfSpill(key), type));
        return NameOfSpill(key);
    }

    readonly Dictionary<string, string> _spillNames = new();
    string NameOfSpill(string key)
    {
        if (!_spillNames.TryGetValue(key, out var n)) _spillNames[key] = n = "$spill" + _spillNames.Count;
        return n;
    }

    /// <summary>Stores the stack into every successor's entry spill locals (top first).</summary>
    void SpillExit(IrBlock b, List<SType> stack)
    {
        if (stack.Count == 0) return;
        var targets = new List<string[]>[stack.Count];
        for (int d = 0; d < stack.Count; d++) targets[d] = new List<string[]>();
        foreach (int si in b.Succs)
        {
            var e = _ir.Blocks[si].Entry!;
            for (int d = 0; d < stack.Count; d++)
            {
                var vts = _L.ValTypes(e[d]);
                var names = new string[vts.Length];
                for (int k = 0; k < vts.Length; k++) names[k] = Spill(d, k, vts[k]);
                if (!targets[d].Exists(x => x[0] == names[0])) targets[d].Add(names);
            }
        }
        for (int d = stack.Count - 1; d >= 0; d--)
        {
            var parts = _L.ValTypes(stack[d]).Length;
            for (int k = parts - 1; k >= 0; k--)
            {
                var ts = targets[d];
                for (int j = 0; j < ts.Count; j++) _c.Add((j < ts.Count - 1 ? "local.tee " : "local.set ") + ts[j][k]);
            }
        }
    }

    void EmitTerminator(IrBlock b, IrInst ins)
    {
        var rest = StackAfter(b);
        if (rest.Count > 0)
        {
            // Operands sit above the values to spill: park them, spill, reload.
            var parked = new List<string>();
            for (int k = ins.Pops.Length - 1; k >= 0; k--)
            {
                var vts = _L.ValTypes(ins.Pops[k]);
                for (int j = vts.Length - 1; j >= 0; j--) { string t = Temp(vts[j]); _c.Add("local.set " + t); parked.Add(t); }
            }
            SpillExit(b, rest);
            for (int k = parked.Count - 1; k >= 0; k--) _c.Add("local.get " + parked[k]);
        }
        if (ins.Op == ILOpCode.Switch) return; // the i32 index is left for the br_table
        EmitCondition(ins);
    }

}
