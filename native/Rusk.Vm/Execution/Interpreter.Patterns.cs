// Pattern matching (§7) for switch and handler clauses, and runtime type tests (§8.2 IsType).
// Binds are collected in _binds and only written to registers once the whole pattern matched.
using System;
using Rusk.Vm.Format;

namespace Rusk.Vm.Execution;

internal sealed partial class Interpreter
{
    void AddBind(in Value v, ref int nb)
    {
        if (nb == _binds.Length) Array.Resize(ref _binds, nb * 2);
        _binds[nb++] = v;
    }

    int Switch(int bp, int valueReg, SwitchSite site)
    {
        Value v = Read(bp, valueReg, "switch value");
        var cases = site.Cases;
        var e = v.Obj as REnum;
        for (int i = 0; i < cases.Length; i++)
        {
            var c = cases[i];
            var p = c.Pattern;
            if (p.TrivialFields && e != null)
            {
                // The common `match` on an enum: type and variant decide, fields bind as they are.
                if (p.TypeId != (int)e.TypeId || !SameVariant(p.Variant!, e.Variant) || p.Fields.Length != e.Fields.Length)
                    continue;
                if (c.BindError != null) throw new GuestTrap(c.BindError);
                int[] pr = c.ParamRegs;
                bool ro = v.Tag == Tag.RefRo;
                var fields = e.Fields;
                var fps = p.Fields;
                for (int f = 0, j = 0; f < fps.Length; f++)
                    if (fps[f].Kind == PatternKind.Bind) _stack[bp + pr[j++]] = ro ? fields[f].AsReadonly() : fields[f];
                return c.TargetPc;
            }
            int nb = 0;
            if (!Match(c.Pattern, v, ref nb)) continue;
            if (c.BindError != null) throw new GuestTrap(c.BindError);
            int[] regs = c.ParamRegs;
            for (int j = 0; j < nb; j++) _stack[bp + regs[j]] = _binds[j];
            _binds.AsSpan(0, nb).Clear();
            return c.TargetPc;
        }
        return site.DefaultPc;
    }

    /// <summary>Variant names are interned (Lowering.Intern), so this is nearly always the reference test.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    static bool SameVariant(string a, string b) =>
        ReferenceEquals(a, b) || (a.Length == b.Length && string.Equals(a, b));

    bool Match(LPattern p, in Value v, ref int nb)
    {
        switch (p.Kind)
        {
            case PatternKind.Wildcard:
                return true;
            case PatternKind.Bind:
                AddBind(v, ref nb);
                return true;
            case PatternKind.Literal:
                return LiteralMatches(p, v);
            case PatternKind.Enum:
            {
                if (v.Obj is not REnum e || p.TypeId < 0 || e.TypeId != (uint)p.TypeId) return false;
                if (!SameVariant(p.Variant!, e.Variant)) return false;
                var fields = e.Fields;
                var pats = p.Fields;
                if (fields.Length != pats.Length) return false;
                bool ro = v.Tag == Tag.RefRo;
                for (int i = 0; i < pats.Length; i++)
                {
                    var fp = pats[i];
                    if (fp.Kind == PatternKind.Wildcard) continue;
                    if (!Match(fp, ro ? fields[i].AsReadonly() : fields[i], ref nb)) return false;
                }
                return true;
            }
            case PatternKind.Struct:
            {
                if (v.Obj is not RStruct s || p.TypeId < 0 || s.TypeId != (uint)p.TypeId) return false;
                bool ro = v.Tag == Tag.RefRo;
                for (int i = 0; i < p.Fields.Length; i++)
                {
                    int idx = p.FieldIndices[i];
                    if (idx < 0) throw new GuestTrap(p.FieldErrors[i]!);
                    if (idx >= s.Fields.Length) throw new GuestTrap($"missing field: {p.FieldNames[i]}");
                    if (!Match(p.Fields[i], ro ? s.Fields[idx].AsReadonly() : s.Fields[idx], ref nb)) return false;
                }
                return true;
            }
            case PatternKind.Tuple:
            {
                if (v.Obj is not RTuple t) return false;
                return MatchSequence(p, t.Items, t.Items.Length, v.Tag == Tag.RefRo, tuple: true, ref nb);
            }
            default:
            {
                if (v.Obj is not RArray a) return false;
                return MatchSequence(p, a.Items, a.Count, v.Tag == Tag.RefRo, tuple: false, ref nb);
            }
        }
    }

    bool MatchSequence(LPattern p, Value[] items, int len, bool ro, bool tuple, ref int nb)
    {
        var prefix = p.Prefix;
        var suffix = p.Suffix;
        int min = prefix.Length + suffix.Length;
        if (p.Rest != null ? len < min : len != min) return false;
        for (int i = 0; i < prefix.Length; i++)
            if (!Match(prefix[i], ro ? items[i].AsReadonly() : items[i], ref nb)) return false;
        if (p.Rest != null)
        {
            switch (p.Rest.Kind)
            {
                case PatternKind.Wildcard:
                    break;
                case PatternKind.Bind:
                {
                    int start = prefix.Length, count = len - suffix.Length - start;
                    if (!tuple || count > 0) Charge(tuple ? HeapMeter.TupleOf(count) : HeapMeter.ArrayOf(count));
                    var slice = count == 0 ? Array.Empty<Value>() : new Value[count];
                    for (int i = 0; i < count; i++) slice[i] = ro ? items[start + i].AsReadonly() : items[start + i];
                    if (tuple) AddBind(count == 0 ? Value.Unit : Value.Ref(new RTuple(slice)), ref nb);
                    else AddBind(Value.Ref(new RArray(slice)), ref nb);
                    break;
                }
                default:
                    return false;
            }
        }
        int sbase = len - suffix.Length;
        for (int i = 0; i < suffix.Length; i++)
            if (!Match(suffix[i], ro ? items[sbase + i].AsReadonly() : items[sbase + i], ref nb)) return false;
        return true;
    }

    static bool LiteralMatches(LPattern p, in Value v)
    {
        switch (p.LitKind)
        {
            case ConstKind.Unit: return v.IsUnit;
            case ConstKind.Bool: return v.IsBool && (v.Bits != 0) == (p.LitBits != 0);
            case ConstKind.Int: return v.IsInt && v.Bits == p.LitBits;
            case ConstKind.Float: return v.IsFloat && v.AsFloat == BitConverter.Int64BitsToDouble(p.LitBits);
            case ConstKind.String: return v.Obj is RString s && s.Span.SequenceEqual(p.LitBytes);
            case ConstKind.Bytes: return v.Obj is RBytes b && b.Span.SequenceEqual(p.LitBytes);
            case ConstKind.TypeRep:
                return v.Obj is TypeRep t && p.LitTypeValid && t.Ctor == p.LitTypeKind && t.Payload == p.LitTypePayload && t.Args.Length == 0;
            case ConstKind.Function: return v.IsFunction && v.Bits == p.LitBits;
            default: return false;
        }
    }

    /// <summary>Binary search of a sorted id list (interface_impls are verified sorted).</summary>
    static bool SortedContains(uint[] sorted, uint id)
    {
        int lo = 0, hi = sorted.Length - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >> 1;
            if (sorted[mid] == id) return true;
            if (sorted[mid] < id) lo = mid + 1;
            else hi = mid - 1;
        }
        return false;
    }

    bool IsType(int bp, int valueReg, int tyReg)
    {
        Value v = Read(bp, valueReg, "is_type value");
        TypeRep target = ReadTypeRep(bp, tyReg, "is_type ty");
        return TypeTest(v, target);
    }

    bool TypeTest(in Value v, TypeRep target)
    {
        switch (target.Ctor)
        {
            case TypeRepKind.Unit: return v.IsUnit;
            case TypeRepKind.Never: return false;
            case TypeRepKind.Bool: return v.IsBool;
            case TypeRepKind.Int: return v.IsInt;
            case TypeRepKind.Float: return v.IsFloat;
            case TypeRepKind.Byte: return v.IsByte;
            case TypeRepKind.Char: return v.IsChar;
            case TypeRepKind.String: return v.Obj is RString;
            case TypeRepKind.Bytes: return v.Obj is RBytes;
            case TypeRepKind.Array: return v.Obj is RArray;
            case TypeRepKind.Tuple:
                if (v.IsUnit) return target.Payload == 0;
                return v.Obj is RTuple t && (uint)t.Items.Length == target.Payload;
            case TypeRepKind.Struct:
                return v.Obj is RStruct s && s.TypeId == target.Payload && TypeRep.SameArgs(s.TypeArgs, target.Args);
            case TypeRepKind.Enum:
                return v.Obj is REnum e && e.TypeId == target.Payload && TypeRep.SameArgs(e.TypeArgs, target.Args);
            case TypeRepKind.Interface:
            {
                uint dynId;
                TypeRep[] dynArgs = NoTypeReps;
                switch (v.Tag)
                {
                    case Tag.Unit: case Tag.Bool: case Tag.Int: case Tag.Float: case Tag.Byte: case Tag.Char:
                    case Tag.String: case Tag.Bytes:
                        dynId = PrimTypeId(v.Tag); break;
                    case Tag.Ref:
                    case Tag.RefRo:
                        if (v.Obj is RStruct rs) { dynId = rs.TypeId; dynArgs = rs.TypeArgs; }
                        else if (v.Obj is REnum re) { dynId = re.TypeId; dynArgs = re.TypeArgs; }
                        else return false;
                        break;
                    default: return false;
                }
                if (dynId >= (uint)_m.InterfaceImpls.Length) throw new GuestTrap($"invalid TypeId {dynId} in interface_impls lookup");
                var ifaces = _m.InterfaceImpls[dynId] ?? Array.Empty<uint>();
                if (!SortedContains(ifaces, target.Payload)) return false;
                var targs = target.Args;
                if (targs.Length == 0) return true;
                if (dynArgs.Length < targs.Length) return false;
                for (int i = 0; i < targs.Length; i++)
                    if (!ReferenceEquals(dynArgs[i], targs[i])) return false;
                return true;
            }
            default: return false;
        }
    }
}
