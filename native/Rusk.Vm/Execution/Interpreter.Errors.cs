// Slow paths of the loop's fast cases: they re-read the operands in the reference VM's order and
// build its exact trap message (or, for IndexGet on bytes, finish the instruction).
using System;
using Rusk.Vm.Format;

namespace Rusk.Vm.Execution;

internal sealed partial class Interpreter
{
    /// <summary>The reference's `Value::kind()` name.</summary>
    internal static string Kind(in Value v) => v.Tag switch
    {
        Tag.Unit => "unit", Tag.Bool => "bool", Tag.Int => "int", Tag.Float => "float", Tag.Byte => "byte",
        Tag.Char => "char", Tag.Function => "function", Tag.String => "string", Tag.Bytes => "bytes",
        Tag.TypeRep => "typerep", Tag.Continuation => "continuation", Tag.Uninit => "uninit", _ => "ref",
    };

    static string OpName(Op op) => op switch
    {
        Op.IntAdd or Op.IntAddJump => "int_add", Op.IntLtJump => "int_lt", Op.IntLeJump => "int_le", Op.IntGtJump => "int_gt",
        Op.IntGeJump => "int_ge", Op.IntEqJump => "int_eq", Op.IntNeJump => "int_ne", Op.IntSub => "int_sub", Op.IntMul => "int_mul", Op.IntDiv => "int_div", Op.IntMod => "int_mod",
        Op.IntLt => "int_lt", Op.IntLe => "int_le", Op.IntGt => "int_gt", Op.IntGe => "int_ge", Op.IntEq => "int_eq", Op.IntNe => "int_ne",
        Op.IntAnd => "int_and", Op.IntOr => "int_or", Op.IntXor => "int_xor", Op.IntShl => "int_shl", Op.IntShr => "int_shr",
        Op.IntUShr => "int_ushr", Op.IntNot => "int_not",
        Op.ByteAnd => "byte_and", Op.ByteOr => "byte_or", Op.ByteXor => "byte_xor", Op.ByteShl => "byte_shl",
        Op.ByteShr => "byte_shr", Op.ByteUShr => "byte_ushr", Op.ByteNot => "byte_not",
        Op.BoolNot => "bool_not", Op.BoolEq => "bool_eq", Op.BoolNe => "bool_ne",
        _ => "op#" + NumberText.Decimal((int)op),
    };

    int CurrentBp => _frames[_fp - 1].Bp;

    /// <summary>The reference's read_value error for register <paramref name="reg"/>, or null if initialized.</summary>
    string? TypedReadError(int bp, int reg, Tag tag, string what)
    {
        ref Value v = ref _stack[bp + reg];
        if (v.Tag == Tag.Uninit) return $"read from uninitialized reg {reg}";
        if (v.Tag != tag) return $"expected {what}, got {ValueFormat.Debug(v)}";
        return null;
    }

    string? ShiftReadError(int bp, int reg, int width)
    {
        var e = TypedReadError(bp, reg, Tag.Int, "int");
        if (e != null) return e;
        long s = _stack[bp + reg].Bits;
        return (ulong)s >= (ulong)width ? $"shift amount out of range: {s}" : null;
    }

    string? TypeRepReadError(int bp, int reg)
    {
        ref Value v = ref _stack[bp + reg];
        if (v.Tag == Tag.Uninit) return $"read from uninitialized reg {reg}";
        if (v.Obj is not TypeRep) return $"type error in typerep: expected typerep, got {Kind(v)}";
        return null;
    }

    /// <summary>Reads a typerep register or throws the reference's error with <paramref name="context"/>.</summary>
    TypeRep ReadTypeRep(int bp, int reg, string context)
    {
        if (_stack[bp + reg].Obj is TypeRep t) return t;
        throw new GuestTrap($"{context}: {TypeRepReadError(bp, reg)}");
    }

    Value Read(int bp, int reg, string context)
    {
        Value v = _stack[bp + reg];
        if (v.Tag == Tag.Uninit) throw new GuestTrap($"{context}: read from uninitialized reg {reg}");
        return v;
    }

    GuestTrap IntOpError(int pc, long fuel, ref LInstr ins) =>
        BinaryOpError(pc, fuel, ref ins, Tag.Int, "int", ins.Op is Op.IntShl or Op.IntShr or Op.IntUShr ? 64 : 0);

    GuestTrap ByteOpError(int pc, long fuel, ref LInstr ins) =>
        BinaryOpError(pc, fuel, ref ins, Tag.Byte, "byte", ins.Op is Op.ByteShl or Op.ByteShr or Op.ByteUShr ? 8 : 0);

    GuestTrap BoolOpError(int pc, long fuel, ref LInstr ins) => BinaryOpError(pc, fuel, ref ins, Tag.Bool, "bool", 0);

    /// <summary>
    /// The reference's message for a failed `dst = op a, b`: operand `a` is checked first, then `b`
    /// (a shift amount when <paramref name="shiftWidth"/> is non-zero, else the same type as `a`).
    /// </summary>
    GuestTrap BinaryOpError(int pc, long fuel, ref LInstr ins, Tag operand, string what, int shiftWidth)
    {
        var t = Fail(pc, fuel, "");
        int bp = CurrentBp;
        string name = OpName(ins.Op);
        string? e = TypedReadError(bp, ins.B, operand, what);
        if (e != null) return new GuestTrap($"{name} a: {e}");
        e = shiftWidth != 0 ? ShiftReadError(bp, ins.C, shiftWidth) : TypedReadError(bp, ins.C, operand, what);
        return e != null ? new GuestTrap($"{name} b: {e}") : t;
    }

    GuestTrap UnaryError(int pc, long fuel, ref LInstr ins)
    {
        Fail(pc, fuel, "");
        // Two switches, not a (Tag, string) tuple: a tuple holding an enum would make the AOT
        // engine keep Enum.ToString (ValueTuple.ToString formats its items).
        Tag tag = ins.Op switch { Op.IntNot => Tag.Int, Op.ByteNot => Tag.Byte, _ => Tag.Bool };
        string what = ins.Op switch { Op.IntNot => "int", Op.ByteNot => "byte", _ => "bool" };
        return new GuestTrap($"{OpName(ins.Op)} v: {TypedReadError(CurrentBp, ins.B, tag, what)}");
    }

    GuestTrap CondError(int pc, long fuel, int reg)
    {
        Fail(pc, fuel, "");
        return new GuestTrap($"jump_if cond: {TypedReadError(CurrentBp, reg, Tag.Bool, "bool")}");
    }

    GuestTrap StructGetError(int pc, long fuel, ref LInstr ins)
    {
        Fail(pc, fuel, "");
        int bp = CurrentBp;
        ref Value o = ref _stack[bp + ins.B];
        if (o.Tag == Tag.Uninit) return new GuestTrap($"struct_get obj: read from uninitialized reg {ins.B}");
        if (!o.IsRef) return new GuestTrap($"type error in struct_get: expected ref(struct), got {Kind(o)}");
        if (o.Obj is not RStruct s) return new GuestTrap("type error in struct_get: expected struct, got ref");
        var layout = s.TypeId < (uint)_m.StructLayouts.Length ? _m.StructLayouts[s.TypeId] : null;
        string field = layout != null && (uint)ins.C < (uint)layout.Length ? layout[ins.C] : $"#{ins.C}";
        return new GuestTrap($"missing field: {field}");
    }

    GuestTrap StructSetError(int pc, long fuel, ref LInstr ins)
    {
        Fail(pc, fuel, "");
        int bp = CurrentBp;
        ref Value o = ref _stack[bp + ins.A];
        if (o.Tag == Tag.Uninit) return new GuestTrap($"struct_set obj: read from uninitialized reg {ins.A}");
        if (!o.IsRef) return new GuestTrap($"type error in struct_set: expected ref(struct), got {Kind(o)}");
        if (o.IsReadonly) return new GuestTrap("illegal write through readonly reference");
        if (_stack[bp + ins.C].Tag == Tag.Uninit) return new GuestTrap($"struct_set value: read from uninitialized reg {ins.C}");
        if (o.Obj is not RStruct) return new GuestTrap("type error in struct_set: expected struct, got ref");
        return new GuestTrap($"missing field: #{ins.B}");
    }

    GuestTrap TupleGetError(int pc, long fuel, ref LInstr ins)
    {
        Fail(pc, fuel, "");
        int bp = CurrentBp;
        ref Value o = ref _stack[bp + ins.B];
        if (o.Tag == Tag.Uninit) return new GuestTrap($"tuple_get tup: read from uninitialized reg {ins.B}");
        if (!o.IsRef) return new GuestTrap($"type error in tuple_get: expected ref(tuple), got {Kind(o)}");
        if (o.Obj is not RTuple) return new GuestTrap("type error in tuple_get: expected tuple, got ref");
        return new GuestTrap($"missing field: .{ins.C}");
    }

    GuestTrap TupleSetError(int pc, long fuel, ref LInstr ins)
    {
        Fail(pc, fuel, "");
        int bp = CurrentBp;
        ref Value o = ref _stack[bp + ins.A];
        if (o.Tag == Tag.Uninit) return new GuestTrap($"tuple_set tup: read from uninitialized reg {ins.A}");
        if (!o.IsRef) return new GuestTrap($"type error in tuple_set: expected ref(tuple), got {Kind(o)}");
        if (o.IsReadonly) return new GuestTrap("illegal write through readonly reference");
        if (_stack[bp + ins.C].Tag == Tag.Uninit) return new GuestTrap($"tuple_set value: read from uninitialized reg {ins.C}");
        if (o.Obj is not RTuple) return new GuestTrap("type error in tuple_set: expected tuple, got ref");
        return new GuestTrap($"missing field: .{ins.B}");
    }

    Value IndexGetSlow(int bp, ref LInstr ins)
    {
        Value o = Read(bp, ins.B, "index_get arr");
        string? e = TypedReadError(bp, ins.C, Tag.Int, "int");
        if (e != null) throw new GuestTrap($"type error in index_get: expected int index, got {e}");
        long i = _stack[bp + ins.C].Bits;
        switch (o.Obj)
        {
            case RArray arr:
                if ((ulong)i >= (ulong)arr.Count) throw new GuestTrap($"index out of bounds: index={i}, len={arr.Count}");
                return arr.Items[(int)i].ViewedThrough(o.IsReadonly);
            case RStruct or REnum or RTuple:
                throw new GuestTrap("type error in index_get: expected array, got ref");
            case RBytes b:
                if ((ulong)i >= (ulong)b.Length) throw new GuestTrap($"index out of bounds: index={i}, len={b.Length}");
                return Value.Byte(b.Buffer[b.Start + (int)i]);
            default:
                throw new GuestTrap($"type error in index_get: expected array or bytes, got {Kind(o)}");
        }
    }

    GuestTrap IndexSetError(int pc, long fuel, ref LInstr ins)
    {
        Fail(pc, fuel, "");
        int bp = CurrentBp;
        ref Value o = ref _stack[bp + ins.A];
        if (o.Tag == Tag.Uninit) return new GuestTrap($"index_set arr: read from uninitialized reg {ins.A}");
        if (!o.IsRef) return new GuestTrap($"type error in index_set: expected ref(array), got {Kind(o)}");
        if (o.IsReadonly) return new GuestTrap("illegal write through readonly reference");
        string? e = TypedReadError(bp, ins.B, Tag.Int, "int");
        if (e != null) return new GuestTrap($"type error in index_set: expected int index, got {e}");
        if (_stack[bp + ins.C].Tag == Tag.Uninit) return new GuestTrap($"index_set value: read from uninitialized reg {ins.C}");
        if (o.Obj is not RArray arr) return new GuestTrap("type error in index_set: expected array, got ref");
        return new GuestTrap($"index out of bounds: index={_stack[bp + ins.B].Bits}, len={arr.Count}");
    }

    GuestTrap LenError(int pc, long fuel, ref LInstr ins)
    {
        Fail(pc, fuel, "");
        int bp = CurrentBp;
        ref Value o = ref _stack[bp + ins.B];
        if (o.Tag == Tag.Uninit) return new GuestTrap($"len arr: read from uninitialized reg {ins.B}");
        if (!o.IsRef) return new GuestTrap($"type error in len: expected ref(array), got {Kind(o)}");
        return new GuestTrap("type error in len: expected array, got ref");
    }
}
