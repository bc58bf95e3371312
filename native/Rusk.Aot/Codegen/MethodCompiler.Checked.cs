// Checked arithmetic and conversions (add.ovf, conv.ovf.*): the result is range-checked and an
// out-of-range value throws System.OverflowException, as ECMA-335 §III.3.19 and §III.3.1 say.
using System.Reflection.Metadata;
using Rusk.Aot.IL;
using Rusk.Aot.TypeSystem;

namespace Rusk.Aot.Codegen;

internal sealed partial class MethodCompiler
{
    /// <summary>Pops a value of <paramref name="from"/>; pushes it converted to the ovf target, or throws.</summary>
    void CheckedConvert(ILOpCode op, SType from)
    {
        string name = op.ToString().ToLowerInvariant();          // e.g. conv_ovf_i4_un
        bool un = name.EndsWith("_un");
        string target = name.Replace("conv_ovf_", "").Replace("_un", "");
        (long min, ulong max, bool wide) = target switch
        {
            "i1" => (-128L, 127UL, false),
            "u1" => (0L, 255UL, false),
            "i2" => (-32768L, 32767UL, false),
            "u2" => (0L, 65535UL, false),
            "i4" or "i" => (int.MinValue, (ulong)int.MaxValue, false),
            "u4" or "u" => (0L, uint.MaxValue, false),
            "i8" => (long.MinValue, (ulong)long.MaxValue, true),
            "u8" => (0L, ulong.MaxValue, true),
            _ => throw new CompileError($"{op} is not a checked conversion"),
        };
        string s = N(from);
        if (s is "f32" or "f64")
        {
            // In range iff min - 1 < v < max + 1 (NaN fails both).
            if (s == "f32") _c.Add("f64.promote_f32");
            string v = Temp("f64");
            _c.Add("local.tee " + v);
            _c.Add("f64.const " + FloatLit((double)min - 1)); _c.Add("f64.gt");
            _c.Add("local.get " + v); _c.Add("f64.const " + FloatLit((double)max + 1)); _c.Add("f64.lt");
            _c.Add("i32.and"); _c.Add("i32.eqz");
            ThrowOverflowIf();
            _c.Add("local.get " + v);
            _c.Add(wide ? (min < 0 ? "i64.trunc_sat_f64_s" : "i64.trunc_sat_f64_u") : (min < 0 ? "i32.trunc_sat_f64_s" : "i32.trunc_sat_f64_u"));
            return;
        }
        // Integers: widen to i64 (unsigned for .un or for an i32 source read as unsigned), then check.
        bool sourceUnsigned = un;
        if (s == "i32") _c.Add(un ? "i64.extend_i32_u" : "i64.extend_i32_s");
        string x = Temp("i64");
        _c.Add("local.set " + x);
        if (s == "i64" && un)
        {
            // An unsigned 64-bit source: only the upper bound matters.
            if (max < ulong.MaxValue) { _c.Add("local.get " + x); _c.Add("i64.const " + (long)max); _c.Add("i64.gt_u"); ThrowOverflowIf(); }
        }
        else
        {
            _c.Add("local.get " + x); _c.Add("i64.const " + min); _c.Add("i64.lt_s");
            if (max <= long.MaxValue) { _c.Add("local.get " + x); _c.Add("i64.const " + (long)max); _c.Add("i64.gt_s"); _c.Add("i32.or"); }
            ThrowOverflowIf();
        }
        _ = sourceUnsigned;
        _c.Add("local.get " + x);
        if (!wide) _c.Add("i32.wrap_i64");
    }

    /// <summary>add/sub/mul .ovf (.un): the exact result, or OverflowException.</summary>
    void CheckedBinary(ILOpCode op, SType a, SType b)
    {
        string t = N(a);
        if (t != N(b) || t is not ("i32" or "i64")) throw new CompileError($"{op} on {a} and {b}");
        bool un = op is ILOpCode.Add_ovf_un or ILOpCode.Sub_ovf_un or ILOpCode.Mul_ovf_un;
        string kind = op is ILOpCode.Add_ovf or ILOpCode.Add_ovf_un ? "add" : op is ILOpCode.Sub_ovf or ILOpCode.Sub_ovf_un ? "sub" : "mul";
        if (t == "i32")
        {
            // Exact in 64 bits, then range-checked.
            string y = Temp("i64"), r = Temp("i64");
            _c.Add(un ? "i64.extend_i32_u" : "i64.extend_i32_s"); _c.Add("local.set " + y);
            _c.Add(un ? "i64.extend_i32_u" : "i64.extend_i32_s"); _c.Add("local.get " + y);
            _c.Add("i64." + kind); _c.Add("local.tee " + r);
            if (un) { _c.Add("i64.const 4294967295"); _c.Add("i64.gt_u"); }
            else
            {
                _c.Add("local.get " + r); _c.Add("i64.extend32_s"); _c.Add("i64.ne");
            }
            ThrowOverflowIf();
            _c.Add("local.get " + r); _c.Add("i32.wrap_i64");
            return;
        }
        if (kind == "mul") throw new CompileError($"64-bit checked multiplication ({op}) is not supported yet");
        string bb = Temp("i64"), aa = Temp("i64"), res = Temp("i64");
        _c.Add("local.set " + bb); _c.Add("local.tee " + aa); _c.Add("local.get " + bb); _c.Add("i64." + kind); _c.Add("local.set " + res);
        if (un)
        {
            // add: wrapped iff result < a; sub: borrow iff a < b.
            if (kind == "add") { _c.Add("local.get " + res); _c.Add("local.get " + aa); }
            else { _c.Add("local.get " + aa); _c.Add("local.get " + bb); }
            _c.Add("i64.lt_u");
        }
        else if (kind == "add")
        {
            // Overflow iff both operands' signs differ from the result's: ((a ^ r) & (b ^ r)) < 0.
            _c.Add("local.get " + aa); _c.Add("local.get " + res); _c.Add("i64.xor");
            _c.Add("local.get " + bb); _c.Add("local.get " + res); _c.Add("i64.xor");
            _c.Add("i64.and"); _c.Add("i64.const 0"); _c.Add("i64.lt_s");
        }
        else
        {
            // a - b overflows iff a and b differ in sign and the result's sign differs from a's.
            _c.Add("local.get " + aa); _c.Add("local.get " + bb); _c.Add("i64.xor");
            _c.Add("local.get " + aa); _c.Add("local.get " + res); _c.Add("i64.xor");
            _c.Add("i64.and"); _c.Add("i64.const 0"); _c.Add("i64.lt_s");
        }
        ThrowOverflowIf();
        _c.Add("local.get " + res);
    }

    void ThrowOverflowIf()
    {
        _c.Add("if"); _c.Add("  call " + _mb.ThrowOverflow()); _c.Add("end");
    }
}
