// Exception regions (docs/aot.md "exceptions"): one tag carrying the exception object; a try body
// runs inside try_table; `catch T` tests the payload with ref.test and rethrows what it does not
// take; finally/fault bodies are emitted on the exceptional path (ending in throw_ref) and, for
// finally, again on the normal path. Leaving a region sets its leave index and branches out; the
// enclosing graph continues from that index.
using System.Collections.Generic;
using Rusk.Aot.IL;
using System.Reflection.Metadata;
using Rusk.Aot.TypeSystem;

namespace Rusk.Aot.Codegen;

internal sealed partial class MethodCompiler
{
    readonly Dictionary<EhRegion, int> _exitLabel = new();
    readonly Dictionary<EhRegion, string> _leaveLocal = new();
    readonly Dictionary<EhRegion, string> _caught = new();
    readonly List<int> _finallyEnds = new();
    readonly List<EhRegion> _catchStack = new();

    string ExnType()
    {
        string t = $"(ref null {_L.StructType(_ts.CorlibType("System.Exception"))})";
        _mb.Module.TagParam = t;
        return t;
    }

    int ExitLabel(EhRegion r) => _exitLabel[r];

    string LeaveLocal(EhRegion r)
    {
        if (!_leaveLocal.TryGetValue(r, out var n)) _leaveLocal[r] = n = NewLocal("leave", "i32");
        return n;
    }

    static bool InRegion(EhRegion r, int offset) => r.Contains(offset);

    /// <summary>Blocks outside the region that `leave` (or fall-through) from inside it reach, in IL order.</summary>
    List<int> RegionLeaveTargets(EhRegion r)
    {
        var list = new List<int>();
        foreach (var b in _ir.Blocks)
        {
            if (b.Entry == null || !InRegion(r, b.Start)) continue;
            foreach (int s in b.Succs)
                if (!InRegion(r, _ir.Blocks[s].Start) && !list.Contains(s)) list.Add(s);
        }
        list.Sort();
        return list;
    }

    void EmitExit(int k)
    {
        var (region, _, _) = _regionStack[^1];
        if (region == null) throw new CompileError("a branch leaves the method body");
        _c.Add("i32.const " + k);
        _c.Add("local.set " + LeaveLocal(region));
        _c.Add("br " + (_labels.Count - 1 - ExitLabel(region)));
    }

    void Open(string header) { _c.Open(header); _labels.Add(null); }
    void Close() { _labels.RemoveAt(_labels.Count - 1); _c.Close(); }

    /// <summary>The whole try/handler as one node of the enclosing graph.</summary>
    void EmitTry(EhRegion r)
    {
        string exn = ExnType();
        int targets = RegionLeaveTargets(r).Count;
        Open("block");
        _exitLabel[r] = _labels.Count - 1;
        if (r.Kind is ExceptionRegionKind.Catch or ExceptionRegionKind.Filter)
        {
            Open($"block (result {exn})");
            Open("try_table (catch $exn 0)");
            EmitRegion(r, RegionPart.Try);
            Close();
            _c.Add("unreachable");
            Close();
            string e = NewLocal("exn", exn);
            _caught[r] = e;
            var ct = r.CatchType ?? _ts.Object;
            string target = ct == _ts.Object ? "" : _L.ValType(ct);
            _c.Add("local.set " + e);
            if (target.Length > 0)
            {
                _c.Add("local.get " + e);
                _c.Add("ref.test " + target.Replace("ref null", "ref"));
                _c.Add("i32.eqz");
                _c.Add("if"); _c.Add("  local.get " + e); _c.Add("  throw $exn"); _c.Add("end");
            }
            if (r.FilterStart >= 0)
            {
                // The filter sees the exception; endfilter rethrows on 0 and otherwise falls into the handler.
                var fb = _ir.Blocks.Find(b => b.Start == r.FilterStart)!;
                _c.Add("local.get " + e);
                _c.Add("local.set " + Spill(0, 0, _L.ValTypes(fb.Entry![0])[0]));
                Open("block");
                _filterEnds.Add((_labels.Count - 1, e));
                EmitRegion(r, RegionPart.Filter);
                _filterEnds.RemoveAt(_filterEnds.Count - 1);
                Close();
            }
            var hb = _ir.Blocks.Find(b => b.Start == r.HandlerStart)!;
            _c.Add("local.get " + e);
            if (target.Length > 0) _c.Add("ref.cast " + target);
            _c.Add("local.set " + Spill(0, 0, _L.ValTypes(hb.Entry![0])[0]));
            _catchStack.Add(r);
            EmitRegion(r, RegionPart.Handler);
            _catchStack.RemoveAt(_catchStack.Count - 1);
            _c.Add("unreachable");
        }
        else if (r.Kind is ExceptionRegionKind.Finally or ExceptionRegionKind.Fault)
        {
            Open("block (result exnref)");
            Open("try_table (catch_all_ref 0)");
            EmitRegion(r, RegionPart.Try);
            Close();
            _c.Add("unreachable");
            Close();
            string x = NewLocal("exnref", "exnref");
            _c.Add("local.set " + x);
            EmitFinallyBody(r);
            _c.Add("local.get " + x);
            _c.Add("throw_ref");
        }
        else throw new CompileError($"IL_{r.HandlerStart:X4}: {r.Kind} handlers are not supported");
        Close();
        if (r.Kind == ExceptionRegionKind.Finally) EmitFinallyBody(r);
        if (targets == 0) _c.Add("unreachable");
        else if (targets > 1) _c.Add("local.get " + LeaveLocal(r));
    }

    void EmitFinallyBody(EhRegion r)
    {
        Open("block");
        _finallyEnds.Add(_labels.Count - 1);
        EmitRegion(r, RegionPart.Handler);
        _finallyEnds.RemoveAt(_finallyEnds.Count - 1);
        Close();
    }

    void EmitThrow()
    {
        ExnType();
        _c.Add("throw $exn");
    }

    void EmitRethrow()
    {
        if (_catchStack.Count == 0) throw new CompileError("rethrow outside a catch handler");
        _c.Add("local.get " + _caught[_catchStack[^1]]);
        _c.Add("throw $exn");
    }

    readonly List<(int Label, string Exception)> _filterEnds = new();

    void EmitEndFilter()
    {
        if (_filterEnds.Count == 0) throw new CompileError("endfilter outside a filter");
        var (label, e) = _filterEnds[^1];
        _c.Add("i32.eqz");
        _c.Add("if"); _c.Add("  local.get " + e); _c.Add("  throw $exn"); _c.Add("end");
        _c.Add("br " + (_labels.Count - 1 - label));
    }

    void EmitEndFinally()
    {
        if (_finallyEnds.Count == 0) throw new CompileError("endfinally outside a finally handler");
        _c.Add("br " + (_labels.Count - 1 - _finallyEnds[^1]));
    }
}
