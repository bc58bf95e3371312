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
        r = r.Primary ?? r;
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
        var (region, exits, _) = _regionStack[^1];
        if (region == null) throw new CompileError("a branch leaves the method body");
        // The enclosing graph numbers the region's exits by RegionLeaveTargets, not this graph's order.
        int index = RegionLeaveTargets(region.Primary ?? region).IndexOf(exits[k]);
        if (index < 0) throw new CompileError($"leave to block {exits[k]} is not an exit of its region");
        _c.Add("i32.const " + index);
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
            _c.Add("local.set " + e);
            // Each clause in order: its type test and filter branch to the next clause when they
            // do not take the exception; the last falls back to rethrowing it.
            var clauses = new List<EhRegion> { r };
            clauses.AddRange(r.Siblings);
            foreach (var c in clauses)
            {
                _caught[c] = e;
                _exitLabel[c] = _exitLabel[r];
                Open("block");
                int next = _labels.Count - 1;
                var ct = c.CatchType ?? _ts.Object;
                string target = ct == _ts.Object ? "" : _L.ValType(ct);
                if (target.Length > 0)
                {
                    _c.Add("local.get " + e);
                    _c.Add("ref.test " + target.Replace("ref null", "ref"));
                    _c.Add("i32.eqz");
                    _c.Add("br_if 0");
                }
                if (c.FilterStart >= 0)
                {
                    var fb = _ir.Blocks.Find(b => b.Start == c.FilterStart)!;
                    _c.Add("local.get " + e);
                    _c.Add("local.set " + Spill(0, 0, _L.ValTypes(fb.Entry![0])[0]));
                    Open("block");
                    _filterEnds.Add((_labels.Count - 1, next));
                    EmitRegion(c, RegionPart.Filter);
                    _filterEnds.RemoveAt(_filterEnds.Count - 1);
                    Close();
                }
                var hb = _ir.Blocks.Find(b => b.Start == c.HandlerStart)!;
                _c.Add("local.get " + e);
                if (target.Length > 0) _c.Add("ref.cast " + target);
                _c.Add("local.set " + Spill(0, 0, _L.ValTypes(hb.Entry![0])[0]));
                _catchStack.Add(c);
                EmitRegion(c, RegionPart.Handler);
                _catchStack.RemoveAt(_catchStack.Count - 1);
                _c.Add("unreachable");
                Close();
            }
            _c.Add("local.get " + e);
            _c.Add("throw $exn");
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

    /// <summary>Per filter being emitted: the label after the filter (taken) and after its clause (declined).</summary>
    readonly List<(int Taken, int Declined)> _filterEnds = new();

    void EmitEndFilter()
    {
        if (_filterEnds.Count == 0) throw new CompileError("endfilter outside a filter");
        var (taken, declined) = _filterEnds[^1];
        _c.Add("i32.eqz");
        _c.Add("br_if " + (_labels.Count - 1 - declined));
        _c.Add("br " + (_labels.Count - 1 - taken));
    }

    void EmitEndFinally()
    {
        if (_finallyEnds.Count == 0) throw new CompileError("endfinally outside a finally handler");
        _c.Add("br " + (_labels.Count - 1 - _finallyEnds[^1]));
    }
}
