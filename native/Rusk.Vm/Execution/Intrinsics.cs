// The VM intrinsics (BYTECODE_SPEC.md §9, tags 0..89): the dispatch switch and the scalar
// operations. Results and trap messages are the reference VM's (`eval_core_intrinsic`).
// Strings/bytes live in Intrinsics.Strings.cs, arrays in Intrinsics.Arrays.cs.
using System;
using System.Runtime.CompilerServices;
using Rusk.Vm.Format;

namespace Rusk.Vm.Execution;

internal static partial class Intrinsics
{
    // FNV-1a 64 (the reference's hash intrinsics).
    const ulong FnvOffset = 0xcbf29ce484222325;
    const ulong FnvPrime = 0x100000001b3;

    /// <summary>
    /// Runs intrinsic <paramref name="id"/> on <paramref name="args"/> (all initialized). Returns null
    /// on success with <paramref name="result"/> set, or the complete trap message.
    /// </summary>
    public static string? Invoke(Intrinsic id, ReadOnlySpan<Value> args, IntrinsicEnv env, out Value result)
    {
        result = default;
        long a, b;
        switch (id)
        {
            // ---- int arithmetic: wrapping, as the reference's release build ----
            case Intrinsic.IntAdd:
                if (!Ints(args, out a, out b)) return BadArgs("core::intrinsics::int_add", args);
                result = Value.Int(unchecked(a + b)); return null;
            case Intrinsic.IntSub:
                if (!Ints(args, out a, out b)) return BadArgs("core::intrinsics::int_sub", args);
                result = Value.Int(unchecked(a - b)); return null;
            case Intrinsic.IntMul:
                if (!Ints(args, out a, out b)) return BadArgs("core::intrinsics::int_mul", args);
                result = Value.Int(unchecked(a * b)); return null;
            case Intrinsic.IntDiv:
                if (!Ints(args, out a, out b)) return BadArgs("core::intrinsics::int_div", args);
                if (b == 0) return "core::intrinsics::int_div: division by zero";
                // The reference evaluates `a / b` unguarded: i64::MIN / -1 is a Rust panic there. We trap
                // with the panic's text instead of crashing.
                if (b == -1 && a == long.MinValue) return "core::intrinsics::int_div: attempt to divide with overflow";
                result = Value.Int(a / b); return null;
            case Intrinsic.IntMod:
                if (!Ints(args, out a, out b)) return BadArgs("core::intrinsics::int_mod", args);
                if (b == 0) return "core::intrinsics::int_mod: modulo by zero";
                if (b == -1 && a == long.MinValue) return "core::intrinsics::int_mod: attempt to calculate the remainder with overflow";
                result = Value.Int(a % b); return null;
            case Intrinsic.IntEq:
                if (!Ints(args, out a, out b)) return BadArgs("core::intrinsics::int_eq", args);
                result = Value.Bool(a == b); return null;
            case Intrinsic.IntNe:
                if (!Ints(args, out a, out b)) return BadArgs("core::intrinsics::int_ne", args);
                result = Value.Bool(a != b); return null;
            case Intrinsic.IntLt:
                if (!Ints(args, out a, out b)) return BadArgs("core::intrinsics::int_lt", args);
                result = Value.Bool(a < b); return null;
            case Intrinsic.IntLe:
                if (!Ints(args, out a, out b)) return BadArgs("core::intrinsics::int_le", args);
                result = Value.Bool(a <= b); return null;
            case Intrinsic.IntGt:
                if (!Ints(args, out a, out b)) return BadArgs("core::intrinsics::int_gt", args);
                result = Value.Bool(a > b); return null;
            case Intrinsic.IntGe:
                if (!Ints(args, out a, out b)) return BadArgs("core::intrinsics::int_ge", args);
                result = Value.Bool(a >= b); return null;
            case Intrinsic.IntAnd:
                if (!Ints(args, out a, out b)) return BadArgs("core::intrinsics::int_and", args);
                result = Value.Int(a & b); return null;
            case Intrinsic.IntOr:
                if (!Ints(args, out a, out b)) return BadArgs("core::intrinsics::int_or", args);
                result = Value.Int(a | b); return null;
            case Intrinsic.IntXor:
                if (!Ints(args, out a, out b)) return BadArgs("core::intrinsics::int_xor", args);
                result = Value.Int(a ^ b); return null;
            case Intrinsic.IntNot:
                if (args.Length != 1 || !args[0].IsInt) return BadArgs("core::intrinsics::int_not", args);
                result = Value.Int(~args[0].AsInt); return null;
            case Intrinsic.IntShl:
                if (!Ints(args, out a, out b)) return BadArgs("core::intrinsics::int_shl", args);
                if ((ulong)b >= 64) return "core::intrinsics::int_shl: shift amount out of range";
                result = Value.Int(a << (int)b); return null;
            case Intrinsic.IntShr:
                if (!Ints(args, out a, out b)) return BadArgs("core::intrinsics::int_shr", args);
                if ((ulong)b >= 64) return "core::intrinsics::int_shr: shift amount out of range";
                result = Value.Int(a >> (int)b); return null;
            case Intrinsic.IntUShr:
                if (!Ints(args, out a, out b)) return BadArgs("core::intrinsics::int_ushr", args);
                if ((ulong)b >= 64) return "core::intrinsics::int_ushr: shift amount out of range";
                result = Value.Int((long)((ulong)a >> (int)b)); return null;

            // ---- float ----
            case Intrinsic.FloatAdd:
                if (!Floats(args)) return BadArgs("core::intrinsics::float_add", args);
                result = Value.Float(args[0].AsFloat + args[1].AsFloat); return null;
            case Intrinsic.FloatSub:
                if (!Floats(args)) return BadArgs("core::intrinsics::float_sub", args);
                result = Value.Float(args[0].AsFloat - args[1].AsFloat); return null;
            case Intrinsic.FloatMul:
                if (!Floats(args)) return BadArgs("core::intrinsics::float_mul", args);
                result = Value.Float(args[0].AsFloat * args[1].AsFloat); return null;
            case Intrinsic.FloatDiv:
                if (!Floats(args)) return BadArgs("core::intrinsics::float_div", args);
                result = Value.Float(args[0].AsFloat / args[1].AsFloat); return null;
            case Intrinsic.FloatMod:
                // C#'s double % is the truncated remainder (C fmod), as Rust's f64 %.
                if (!Floats(args)) return BadArgs("core::intrinsics::float_mod", args);
                result = Value.Float(args[0].AsFloat % args[1].AsFloat); return null;
            case Intrinsic.FloatEq:
                if (!Floats(args)) return BadArgs("core::intrinsics::float_eq", args);
                result = Value.Bool(args[0].AsFloat == args[1].AsFloat); return null;
            case Intrinsic.FloatNe:
                if (!Floats(args)) return BadArgs("core::intrinsics::float_ne", args);
                result = Value.Bool(args[0].AsFloat != args[1].AsFloat); return null;
            case Intrinsic.FloatLt:
                if (!Floats(args)) return BadArgs("core::intrinsics::float_lt", args);
                result = Value.Bool(args[0].AsFloat < args[1].AsFloat); return null;
            case Intrinsic.FloatLe:
                if (!Floats(args)) return BadArgs("core::intrinsics::float_le", args);
                result = Value.Bool(args[0].AsFloat <= args[1].AsFloat); return null;
            case Intrinsic.FloatGt:
                if (!Floats(args)) return BadArgs("core::intrinsics::float_gt", args);
                result = Value.Bool(args[0].AsFloat > args[1].AsFloat); return null;
            case Intrinsic.FloatGe:
                if (!Floats(args)) return BadArgs("core::intrinsics::float_ge", args);
                result = Value.Bool(args[0].AsFloat >= args[1].AsFloat); return null;

            // ---- bool / unit ----
            case Intrinsic.BoolNot:
                if (args.Length != 1 || !args[0].IsBool) return BadArgs("core::intrinsics::bool_not", args);
                result = Value.Bool(!args[0].AsBool); return null;
            case Intrinsic.BoolEq:
                if (!Bools(args)) return BadArgs("core::intrinsics::bool_eq", args);
                result = Value.Bool(args[0].AsBool == args[1].AsBool); return null;
            case Intrinsic.BoolNe:
                if (!Bools(args)) return BadArgs("core::intrinsics::bool_ne", args);
                result = Value.Bool(args[0].AsBool != args[1].AsBool); return null;
            case Intrinsic.UnitEq:
                if (args.Length != 2 || !args[0].IsUnit || !args[1].IsUnit) return BadArgs("core::intrinsics::unit_eq", args);
                result = Value.Bool(true); return null;
            case Intrinsic.UnitNe:
                if (args.Length != 2 || !args[0].IsUnit || !args[1].IsUnit) return BadArgs("core::intrinsics::unit_ne", args);
                result = Value.Bool(false); return null;

            // ---- byte ----
            case Intrinsic.ByteAnd:
                if (!Bytes2(args)) return BadArgs("core::intrinsics::byte_and", args);
                result = Value.Byte((byte)(args[0].AsByte & args[1].AsByte)); return null;
            case Intrinsic.ByteOr:
                if (!Bytes2(args)) return BadArgs("core::intrinsics::byte_or", args);
                result = Value.Byte((byte)(args[0].AsByte | args[1].AsByte)); return null;
            case Intrinsic.ByteXor:
                if (!Bytes2(args)) return BadArgs("core::intrinsics::byte_xor", args);
                result = Value.Byte((byte)(args[0].AsByte ^ args[1].AsByte)); return null;
            case Intrinsic.ByteNot:
                if (args.Length != 1 || !args[0].IsByte) return BadArgs("core::intrinsics::byte_not", args);
                result = Value.Byte((byte)~args[0].AsByte); return null;
            case Intrinsic.ByteShl:
                if (!ByteInt(args)) return BadArgs("core::intrinsics::byte_shl", args);
                if ((ulong)args[1].AsInt >= 8) return "core::intrinsics::byte_shl: shift amount out of range";
                result = Value.Byte((byte)(args[0].AsByte << (int)args[1].AsInt)); return null;
            case Intrinsic.ByteShr:
                if (!ByteInt(args)) return BadArgs("core::intrinsics::byte_shr", args);
                if ((ulong)args[1].AsInt >= 8) return "core::intrinsics::byte_shr: shift amount out of range";
                result = Value.Byte((byte)(args[0].AsByte >> (int)args[1].AsInt)); return null;
            case Intrinsic.ByteUShr:
                // Bytes are unsigned: shr and ushr are the same logical shift in the reference.
                if (!ByteInt(args)) return BadArgs("core::intrinsics::byte_ushr", args);
                if ((ulong)args[1].AsInt >= 8) return "core::intrinsics::byte_ushr: shift amount out of range";
                result = Value.Byte((byte)(args[0].AsByte >> (int)args[1].AsInt)); return null;

            // ---- conversions ----
            case Intrinsic.IntToByte:
                if (args.Length != 1 || !args[0].IsInt) return BadArgs("core::intrinsics::int_to_byte", args);
                result = Value.Byte(unchecked((byte)args[0].AsInt)); return null;
            case Intrinsic.IntTryByte:
            {
                if (args.Length != 1 || !args[0].IsInt) return BadArgs("core::intrinsics::int_try_byte", args);
                long v = args[0].AsInt;
                return (ulong)v <= 255
                    ? Some(env, env.OptionOfByte, Value.Byte((byte)v), out result)
                    : None(env, env.OptionOfByte, out result);
            }
            case Intrinsic.ByteToInt:
                if (args.Length != 1 || !args[0].IsByte) return BadArgs("core::intrinsics::byte_to_int", args);
                result = Value.Int(args[0].AsByte); return null;
            case Intrinsic.IntToChar:
            {
                if (args.Length != 1 || !args[0].IsInt) return BadArgs("core::intrinsics::int_to_char", args);
                long v = args[0].AsInt;
                if ((ulong)v > uint.MaxValue) return "core::intrinsics::int_to_char: value out of range";
                if (v >= 0xD800 && v <= 0xDFFF) return "core::intrinsics::int_to_char: surrogate code point";
                if (v > 0x10FFFF) return "core::intrinsics::int_to_char: invalid scalar value";
                result = Value.Char((int)v); return null;
            }
            case Intrinsic.IntTryChar:
            {
                if (args.Length != 1 || !args[0].IsInt) return BadArgs("core::intrinsics::int_try_char", args);
                long v = args[0].AsInt;
                return v >= 0 && v <= 0x10FFFF && (v < 0xD800 || v > 0xDFFF)
                    ? Some(env, env.OptionOfChar, Value.Char((int)v), out result)
                    : None(env, env.OptionOfChar, out result);
            }
            case Intrinsic.CharToInt:
                if (args.Length != 1 || !args[0].IsChar) return BadArgs("core::intrinsics::char_to_int", args);
                result = Value.Int(args[0].AsChar); return null;

            // ---- hashing ----
            case Intrinsic.HashInt:
                if (args.Length != 1 || !args[0].IsInt) return BadArgs("core::intrinsics::hash_int", args);
                result = Value.Int((long)FnvInt(FnvOffset, args[0].AsInt)); return null;
            case Intrinsic.HashCombine:
                if (!Ints(args, out a, out b)) return BadArgs("core::intrinsics::hash_combine", args);
                result = Value.Int((long)FnvInt(FnvInt(FnvOffset, a), b)); return null;
            case Intrinsic.HashString:
                if (args.Length != 1 || args[0].Obj is not RString hs) return BadArgs("core::intrinsics::hash_string", args);
                result = Value.Int((long)Fnv(hs.Span)); return null;
            case Intrinsic.HashBytes:
                if (args.Length != 1 || args[0].Obj is not RBytes hb) return BadArgs("core::intrinsics::hash_bytes", args);
                result = Value.Int((long)Fnv(hb.Span)); return null;

            // ---- formatting ----
            case Intrinsic.StringConcat: return StringConcat(args, env, out result);
            case Intrinsic.ToString: return ToStringOf(args, out result);
            case Intrinsic.Panic:
                if (args.Length != 1 || args[0].Obj is not RString msg) return BadArgs("core::intrinsics::panic", args);
                return "panic: " + msg.ToString();

            // ---- strings and bytes ----
            case Intrinsic.StringEq:
                if (args.Length != 2 || args[0].Obj is not RString se1 || args[1].Obj is not RString se2)
                    return BadArgs("core::intrinsics::string_eq", args);
                result = Value.Bool(se1.ContentEquals(se2)); return null;
            case Intrinsic.StringNe:
                if (args.Length != 2 || args[0].Obj is not RString sn1 || args[1].Obj is not RString sn2)
                    return BadArgs("core::intrinsics::string_ne", args);
                result = Value.Bool(!sn1.ContentEquals(sn2)); return null;
            case Intrinsic.BytesEq:
                if (args.Length != 2 || args[0].Obj is not RBytes be1 || args[1].Obj is not RBytes be2)
                    return BadArgs("core::intrinsics::bytes_eq", args);
                result = Value.Bool(be1.ContentEquals(be2)); return null;
            case Intrinsic.BytesNe:
                if (args.Length != 2 || args[0].Obj is not RBytes bn1 || args[1].Obj is not RBytes bn2)
                    return BadArgs("core::intrinsics::bytes_ne", args);
                result = Value.Bool(!bn1.ContentEquals(bn2)); return null;
            case Intrinsic.BytesGet: return BytesGet(args, env, out result);
            case Intrinsic.BytesLen:
                if (args.Length != 1 || args[0].Obj is not RBytes bl) return BadArgs("core::intrinsics::bytes_len", args);
                result = Value.Int(bl.Length); return null;
            case Intrinsic.BytesSlice: return BytesSlice(args, env, out result);
            case Intrinsic.BytesToArray: return BytesToArray(args, env, out result);
            case Intrinsic.BytesFromArray: return BytesFromArray(args, env, out result);
            case Intrinsic.StringSlice: return StringSlice(args, env, out result);
            case Intrinsic.StringByteSlice: return StringByteSlice(args, env, out result);
            case Intrinsic.StringNextIndex: return StringNextIndex(args, out result);
            case Intrinsic.StringCodepointAt: return StringCodepointAt(args, out result);
            case Intrinsic.StringFromChars: return StringFromChars(args, env, out result);
            case Intrinsic.StringFromUtf8: return StringFromUtf8(args, env, out result);
            case Intrinsic.StringFromUtf8Strict: return StringFromUtf8Strict(args, env, out result);
            case Intrinsic.StringFromUtf16Le:
            case Intrinsic.StringFromUtf16Be: return StringFromUtf16(args, env, out result);
            case Intrinsic.StringFromUtf16LeStrict:
            case Intrinsic.StringFromUtf16BeStrict: return StringFromUtf16Strict(args, env, out result);
            case Intrinsic.StringToUtf8Bytes:
                if (args.Length != 1 || args[0].Obj is not RString su) return BadArgs("core::intrinsics::string_to_utf8_bytes", args);
                if (env.Charge(HeapMeter.Bytes(su.Length)) is string oom) return oom;
                result = Value.Bytes(new RBytes(su.Span.ToArray())); return null;
            case Intrinsic.FloatFromStringStrict: return FloatFromString(args, env, out result);
            case Intrinsic.IntFromStringStrict: return IntFromString(args, env, out result);

            // ---- arrays ----
            case Intrinsic.ArrayLen:
                if (args.Length != 2 || args[0].Tag != Tag.TypeRep || !args[1].IsRef) return BadArgs("core::intrinsics::array_len", args);
                if (args[1].Obj is not RArray al) return "core::intrinsics::array_len: expected an array";
                result = Value.Int(al.Count); return null;
            case Intrinsic.ArrayLenRo:
                if (args.Length != 2 || args[0].Tag != Tag.TypeRep || !args[1].IsRef) return BadArgs("core::intrinsics::array_len_ro", args);
                if (args[1].Obj is not RArray alr) return "core::intrinsics::array_len_ro: expected an array";
                result = Value.Int(alr.Count); return null;
            case Intrinsic.ArrayPush: return ArrayPush(args, env, out result);
            case Intrinsic.ArrayPop: return ArrayPop(args, env, out result);
            case Intrinsic.ArrayClear: return ArrayClear(args, out result);
            case Intrinsic.ArrayResize: return ArrayResize(args, env, out result);
            case Intrinsic.ArrayInsert: return ArrayInsert(args, env, out result);
            case Intrinsic.ArrayRemove: return ArrayRemove(args, out result);
            case Intrinsic.ArrayExtend: return ArrayExtend(args, env, out result);
            case Intrinsic.ArrayConcat: return ArrayConcat(args, false, env, out result);
            case Intrinsic.ArrayConcatRo: return ArrayConcat(args, true, env, out result);
            case Intrinsic.ArraySlice: return ArraySlice(args, false, env, out result);
            case Intrinsic.ArraySliceRo: return ArraySlice(args, true, env, out result);

            default:
                // Tags are checked by the decoder; this is a caller bug, still reported as a trap.
                return $"unknown intrinsic tag {(ushort)id}";
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool Ints(ReadOnlySpan<Value> args, out long a, out long b)
    {
        if (args.Length == 2 && args[0].IsInt && args[1].IsInt) { a = args[0].AsInt; b = args[1].AsInt; return true; }
        a = 0; b = 0;
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool Floats(ReadOnlySpan<Value> args) => args.Length == 2 && args[0].IsFloat && args[1].IsFloat;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool Bools(ReadOnlySpan<Value> args) => args.Length == 2 && args[0].IsBool && args[1].IsBool;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool Bytes2(ReadOnlySpan<Value> args) => args.Length == 2 && args[0].IsByte && args[1].IsByte;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool ByteInt(ReadOnlySpan<Value> args) => args.Length == 2 && args[0].IsByte && args[1].IsInt;

    /// <summary>The reference's `into_readonly_view`: only struct/enum/array/tuple references change.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Value ReadonlyView(in Value v) => v.AsReadonly();

    [MethodImpl(MethodImplOptions.NoInlining)]
    static string BadArgs(string name, ReadOnlySpan<Value> args) => name + ": bad args: " + ValueFormat.DebugList(args);

    static ulong FnvInt(ulong hash, long v)
    {
        ulong u = (ulong)v;
        for (int i = 0; i < 8; i++)
        {
            hash ^= (u >> (8 * i)) & 0xFF;
            hash = unchecked(hash * FnvPrime);
        }
        return hash;
    }

    static ulong Fnv(ReadOnlySpan<byte> bytes)
    {
        ulong hash = FnvOffset;
        for (int i = 0; i < bytes.Length; i++)
        {
            hash ^= bytes[i];
            hash = unchecked(hash * FnvPrime);
        }
        return hash;
    }

    // ---- Option<T> results (the reference's alloc_option / read_option_int) ----

    const string MissingOption = "missing required enum type `Option`";

    static string? Some(IntrinsicEnv env, TypeRep[] typeArgs, Value payload, out Value result)
    {
        if (!env.HasOption) { result = default; return MissingOption; }
        result = Value.Ref(new REnum(env.OptionTypeId, typeArgs, "Some", new[] { payload }));
        return null;
    }

    static string? None(IntrinsicEnv env, TypeRep[] typeArgs, out Value result)
    {
        if (!env.HasOption) { result = default; return MissingOption; }
        result = Value.Ref(new REnum(env.OptionTypeId, typeArgs, "None", Array.Empty<Value>()));
        return null;
    }

    /// <summary>Reads an `Option&lt;int&gt;` argument: null error and <paramref name="has"/> false for None.</summary>
    static string? ReadOptionInt(IntrinsicEnv env, in Value v, out bool has, out long n)
    {
        has = false; n = 0;
        if (!env.HasOption) return MissingOption;
        if (!v.IsRef) return "expected `Option<int>` value";
        if (v.Obj is not REnum e) return "expected `Option<int>` enum value";
        if (e.TypeId != env.OptionTypeId) return "expected `Option`, got `" + env.TypeName(e.TypeId) + "`";
        switch (e.Variant)
        {
            case "None": return null;
            case "Some":
                if (e.Fields.Length != 1 || !e.Fields[0].IsInt) return "malformed `Option::Some(int)` value";
                has = true; n = e.Fields[0].AsInt;
                return null;
            default:
                return "invalid `Option` variant `" + e.Variant + "`";
        }
    }

    // ---- to_string / string_concat ----

    static string? StringConcat(ReadOnlySpan<Value> args, IntrinsicEnv env, out Value result)
    {
        result = default;
        if (args.Length != 2 || args[0].Obj is not RString x || args[1].Obj is not RString y)
            return BadArgs("core::intrinsics::string_concat", args);
        if (x.Length == 0) { result = args[1]; return null; }
        if (y.Length == 0) { result = args[0]; return null; }
        if ((long)x.Length + y.Length > Array.MaxLength) return "string length overflow";
        if (env.Charge(HeapMeter.Bytes((long)x.Length + y.Length)) is string oom) return oom;
        var buf = new byte[x.Length + y.Length];
        x.Span.CopyTo(buf);
        y.Span.CopyTo(buf.AsSpan(x.Length));
        result = Value.String(new RString(buf));
        return null;
    }

    static string? ToStringOf(ReadOnlySpan<Value> args, out Value result)
    {
        result = default;
        if (args.Length != 2 || args[0].Tag != Tag.TypeRep) return BadArgs("core::intrinsics::to_string", args);
        Value v = args[1];
        switch (v.Obj)
        {
            case null:
                switch (v.Tag)
                {
                    case Tag.Unit: result = Ascii("()"); return null;
                    case Tag.Bool: result = Ascii(v.AsBool ? "true" : "false"); return null;
                    case Tag.Int:
                        result = Value.String(new RString(NumberText.DecimalUtf8(v.AsInt)));
                        return null;
                    case Tag.Float: result = Ascii(ValueFormat.FloatDisplay(v.AsFloat)); return null;
                    case Tag.Byte:
                        result = Value.String(new RString(NumberText.DecimalUtf8(v.AsByte)));
                        return null;
                    case Tag.Char:
                    {
                        var utf8 = new byte[Utf8Len(v.AsChar)];
                        Utf8Encode(v.AsChar, utf8);
                        result = Value.String(new RString(utf8));
                        return null;
                    }
                    case Tag.Function: result = Ascii("fn#" + NumberText.Decimal(v.AsFunction)); return null;
                    default: return BadArgs("core::intrinsics::to_string", args);
                }
            case RString: result = v; return null;
            case RBytes bytes: result = Ascii("bytes(len=" + bytes.Length + ")"); return null;
            case TypeRep t: result = Ascii("typerep(" + t.Id + ")"); return null;
            case RStruct or REnum or RArray or RTuple: result = Ascii(ValueFormat.RefDebug(v.IsReadonly)); return null;
            default: return BadArgs("core::intrinsics::to_string", args);
        }
    }

    /// <summary>A string value from .NET text that is known to be ASCII.</summary>
    static Value Ascii(string s)
    {
        var buf = new byte[s.Length];
        for (int i = 0; i < s.Length; i++) buf[i] = (byte)s[i];
        return Value.String(new RString(buf));
    }
}
