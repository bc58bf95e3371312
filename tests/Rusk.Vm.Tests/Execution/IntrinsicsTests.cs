// Every intrinsic's results and trap messages, called directly. Expected values come from the
// reference's `eval_core_intrinsic` (crates/rusk-vm/src/vm/mod.rs); tables marked "rustc" were
// printed by Rust 1.95's std (the reference's toolchain) for the same inputs.
using System;
using NUnit.Framework;
using Rusk.Vm.Execution;
using Rusk.Vm.Format;
using FInstr = Rusk.Vm.Format.Instr;

namespace Rusk.Vm.Tests.Execution;

public sealed class IntrinsicsTests
{
    // ---- fixture: a module with `Option` (TypeId 1) and a struct `Point` (TypeId 2) ----

    static readonly TypeRep[] Prims = MakePrims();
    static TypeRep[] MakePrims()
    {
        var reps = new TypeRep[16];
        for (int i = 0; i < reps.Length; i++) reps[i] = new TypeRep((TypeRepKind)i, 0, Array.Empty<TypeRep>(), i);
        return reps;
    }

    static Module MakeModule(string[] types) => new(
        new[] { new Function("main", 1, 0, new FInstr[] { new ReturnInstr(0) }) }, new uint[1],
        Array.Empty<HostImport>(), types, Array.Empty<string>(),
        new DispatchEntry[types.Length][], new DispatchEntry[types.Length][], new AssocTypeEntry[types.Length][],
        new uint[types.Length][], new string[]?[types.Length], new AbiSchema?[types.Length],
        Array.Empty<ExternalEffectDecl>(), 0);

    const uint OptionId = 1;
    const uint PointId = 2;
    static readonly IntrinsicEnv Env = new(MakeModule(new[] { "unit", "Option", "Point", "core::option::Option" }), Prims);
    static readonly IntrinsicEnv NoOption = new(MakeModule(new[] { "unit", "core::option::Option" }), Prims);

    static TypeRep Rep(TypeRepKind k) => Prims[(int)k];
    static Value TR(TypeRepKind k) => Value.TypeRep(Rep(k));
    static readonly Value IntT = TR(TypeRepKind.Int);

    static Value I(long v) => Value.Int(v);
    static Value F(double v) => Value.Float(v);
    static Value B(bool v) => Value.Bool(v);
    static Value By(byte v) => Value.Byte(v);
    static Value C(int c) => Value.Char(c);
    static Value U => Value.Unit;
    static Value S(string s) => Value.String(RString.FromString(s));
    static Value Bs(params byte[] b) => Value.Bytes(new RBytes(b));
    static Value Arr(params Value[] items) => Value.Ref(new RArray(items));
    static RArray ArrOf(Value v) => (RArray)v.Obj!;
    static Value Point() => Value.Ref(new RStruct(PointId, Array.Empty<TypeRep>(), new[] { I(1), I(2) }));
    static Value SomeInt(long n) => Value.Ref(new REnum(OptionId, new[] { Rep(TypeRepKind.Int) }, "Some", new[] { I(n) }));
    static Value NoneInt() => Value.Ref(new REnum(OptionId, new[] { Rep(TypeRepKind.Int) }, "None", Array.Empty<Value>()));

    static Value Ok(Intrinsic id, params Value[] args) => OkIn(Env, id, args);
    static Value OkIn(IntrinsicEnv env, Intrinsic id, params Value[] args)
    {
        string? err = Intrinsics.Invoke(id, args, env, out Value r);
        Assert.That(err, Is.Null, $"{id} trapped");
        return r;
    }

    static string Trap(Intrinsic id, params Value[] args) => TrapIn(Env, id, args);
    static string TrapIn(IntrinsicEnv env, Intrinsic id, params Value[] args)
    {
        string? err = Intrinsics.Invoke(id, args, env, out _);
        Assert.That(err, Is.Not.Null, $"{id} should trap");
        return err!;
    }

    static long Int(Value v) { Assert.That(v.IsInt, "expected int"); return v.AsInt; }
    static bool Bool(Value v) { Assert.That(v.IsBool, "expected bool"); return v.AsBool; }
    static string Str(Value v) { Assert.That(v.Obj, Is.InstanceOf<RString>()); return v.Obj!.ToString()!; }
    static string Hex(ReadOnlySpan<byte> b) => Convert.ToHexString(b).ToLowerInvariant();
    static string BytesHex(Value v) { Assert.That(v.Obj, Is.InstanceOf<RBytes>()); return Hex(((RBytes)v.Obj!).Span); }

    /// <summary>"None" or "Some(payload)" of an intrinsic-built Option, checking its type and type argument.</summary>
    static string Opt(Value v, TypeRepKind payload)
    {
        Assert.That(v.Obj, Is.InstanceOf<REnum>());
        var e = (REnum)v.Obj!;
        Assert.That(e.TypeId, Is.EqualTo(OptionId));
        Assert.That(e.TypeArgs, Has.Length.EqualTo(1));
        Assert.That(e.TypeArgs[0], Is.SameAs(Rep(payload)));
        if (e.Variant == "None") { Assert.That(e.Fields, Is.Empty); return "None"; }
        Assert.That(e.Variant, Is.EqualTo("Some"));
        Assert.That(e.Fields, Has.Length.EqualTo(1));
        var f = e.Fields[0];
        return "Some(" + (f.Obj switch
        {
            RString s => s.ToString(),
            _ when f.IsInt => f.AsInt.ToString(),
            _ when f.IsByte => "b" + f.AsByte,
            _ when f.IsChar => "c" + f.AsChar.ToString("x"),
            _ when f.IsFloat => BitConverter.DoubleToInt64Bits(f.AsFloat).ToString("x16"),
            _ => ValueFormat.Debug(f),
        }) + ")";
    }

    // ---- bad args: every intrinsic names itself ----

    [TestCase(Intrinsic.StringConcat, "string_concat")]
    [TestCase(Intrinsic.ToString, "to_string")]
    [TestCase(Intrinsic.Panic, "panic")]
    [TestCase(Intrinsic.BoolNot, "bool_not")]
    [TestCase(Intrinsic.BoolEq, "bool_eq")]
    [TestCase(Intrinsic.BoolNe, "bool_ne")]
    [TestCase(Intrinsic.IntAdd, "int_add")]
    [TestCase(Intrinsic.IntSub, "int_sub")]
    [TestCase(Intrinsic.IntMul, "int_mul")]
    [TestCase(Intrinsic.IntDiv, "int_div")]
    [TestCase(Intrinsic.IntMod, "int_mod")]
    [TestCase(Intrinsic.IntEq, "int_eq")]
    [TestCase(Intrinsic.IntNe, "int_ne")]
    [TestCase(Intrinsic.IntLt, "int_lt")]
    [TestCase(Intrinsic.IntLe, "int_le")]
    [TestCase(Intrinsic.IntGt, "int_gt")]
    [TestCase(Intrinsic.IntGe, "int_ge")]
    [TestCase(Intrinsic.FloatAdd, "float_add")]
    [TestCase(Intrinsic.FloatSub, "float_sub")]
    [TestCase(Intrinsic.FloatMul, "float_mul")]
    [TestCase(Intrinsic.FloatDiv, "float_div")]
    [TestCase(Intrinsic.FloatMod, "float_mod")]
    [TestCase(Intrinsic.FloatEq, "float_eq")]
    [TestCase(Intrinsic.FloatNe, "float_ne")]
    [TestCase(Intrinsic.FloatLt, "float_lt")]
    [TestCase(Intrinsic.FloatLe, "float_le")]
    [TestCase(Intrinsic.FloatGt, "float_gt")]
    [TestCase(Intrinsic.FloatGe, "float_ge")]
    [TestCase(Intrinsic.StringEq, "string_eq")]
    [TestCase(Intrinsic.StringNe, "string_ne")]
    [TestCase(Intrinsic.BytesEq, "bytes_eq")]
    [TestCase(Intrinsic.BytesNe, "bytes_ne")]
    [TestCase(Intrinsic.UnitEq, "unit_eq")]
    [TestCase(Intrinsic.UnitNe, "unit_ne")]
    [TestCase(Intrinsic.ArrayLen, "array_len")]
    [TestCase(Intrinsic.ArrayLenRo, "array_len_ro")]
    [TestCase(Intrinsic.ArrayPush, "array_push")]
    [TestCase(Intrinsic.ArrayPop, "array_pop")]
    [TestCase(Intrinsic.ArrayClear, "array_clear")]
    [TestCase(Intrinsic.ArrayResize, "array_resize")]
    [TestCase(Intrinsic.ArrayInsert, "array_insert")]
    [TestCase(Intrinsic.ArrayRemove, "array_remove")]
    [TestCase(Intrinsic.ArrayExtend, "array_extend")]
    [TestCase(Intrinsic.ArrayConcat, "array_concat")]
    [TestCase(Intrinsic.ArrayConcatRo, "array_concat_ro")]
    [TestCase(Intrinsic.ArraySlice, "array_slice")]
    [TestCase(Intrinsic.ArraySliceRo, "array_slice_ro")]
    [TestCase(Intrinsic.IntToByte, "int_to_byte")]
    [TestCase(Intrinsic.IntTryByte, "int_try_byte")]
    [TestCase(Intrinsic.ByteToInt, "byte_to_int")]
    [TestCase(Intrinsic.IntToChar, "int_to_char")]
    [TestCase(Intrinsic.IntTryChar, "int_try_char")]
    [TestCase(Intrinsic.CharToInt, "char_to_int")]
    [TestCase(Intrinsic.BytesGet, "bytes_get")]
    [TestCase(Intrinsic.BytesLen, "bytes_len")]
    [TestCase(Intrinsic.BytesSlice, "bytes_slice")]
    [TestCase(Intrinsic.BytesToArray, "bytes_to_array")]
    [TestCase(Intrinsic.BytesFromArray, "bytes_from_array")]
    [TestCase(Intrinsic.StringSlice, "string_slice")]
    [TestCase(Intrinsic.StringNextIndex, "string_next_index")]
    [TestCase(Intrinsic.StringCodepointAt, "string_codepoint_at")]
    [TestCase(Intrinsic.StringFromChars, "string_from_chars")]
    [TestCase(Intrinsic.StringFromUtf8, "string_from_utf8")]
    [TestCase(Intrinsic.StringFromUtf8Strict, "string_from_utf8_strict")]
    [TestCase(Intrinsic.StringFromUtf16Le, "string_from_utf16")]
    [TestCase(Intrinsic.StringFromUtf16LeStrict, "string_from_utf16_strict")]
    [TestCase(Intrinsic.StringFromUtf16Be, "string_from_utf16")]
    [TestCase(Intrinsic.StringFromUtf16BeStrict, "string_from_utf16_strict")]
    [TestCase(Intrinsic.HashInt, "hash_int")]
    [TestCase(Intrinsic.HashString, "hash_string")]
    [TestCase(Intrinsic.HashBytes, "hash_bytes")]
    [TestCase(Intrinsic.HashCombine, "hash_combine")]
    [TestCase(Intrinsic.IntAnd, "int_and")]
    [TestCase(Intrinsic.IntOr, "int_or")]
    [TestCase(Intrinsic.IntXor, "int_xor")]
    [TestCase(Intrinsic.IntNot, "int_not")]
    [TestCase(Intrinsic.IntShl, "int_shl")]
    [TestCase(Intrinsic.IntShr, "int_shr")]
    [TestCase(Intrinsic.IntUShr, "int_ushr")]
    [TestCase(Intrinsic.ByteAnd, "byte_and")]
    [TestCase(Intrinsic.ByteOr, "byte_or")]
    [TestCase(Intrinsic.ByteXor, "byte_xor")]
    [TestCase(Intrinsic.ByteNot, "byte_not")]
    [TestCase(Intrinsic.ByteShl, "byte_shl")]
    [TestCase(Intrinsic.ByteShr, "byte_shr")]
    [TestCase(Intrinsic.ByteUShr, "byte_ushr")]
    [TestCase(Intrinsic.StringByteSlice, "string_byte_slice")]
    [TestCase(Intrinsic.FloatFromStringStrict, "float_from_string_strict")]
    [TestCase(Intrinsic.IntFromStringStrict, "int_from_string_strict")]
    [TestCase(Intrinsic.StringToUtf8Bytes, "string_to_utf8_bytes")]
    public void No_args_is_bad_args_named_after_the_intrinsic(Enum intrinsic, string name)
    {
        var id = (Intrinsic)intrinsic; // Intrinsic is internal; NUnit test methods are public
        Assert.That(Trap(id), Is.EqualTo($"core::intrinsics::{name}: bad args: []"));
        // A unit argument matches no intrinsic's pattern either (unit_eq/ne need two).
        Assert.That(Trap(id, U, U, U, U, U), Is.EqualTo($"core::intrinsics::{name}: bad args: [Unit, Unit, Unit, Unit, Unit]"));
    }

    [Test]
    public void Every_tag_is_handled()
    {
        for (int i = 0; i < Tags.IntrinsicCount; i++)
            Assert.That(Trap((Intrinsic)i), Does.StartWith("core::intrinsics::").And.Contain(": bad args: []"), $"tag {i}");
    }

    [Test]
    public void Bad_args_print_primitives_as_rust_debug()
    {
        Assert.That(Trap(Intrinsic.IntAdd, I(1), B(true)), Is.EqualTo("core::intrinsics::int_add: bad args: [Int(1), Bool(true)]"));
        Assert.That(Trap(Intrinsic.IntAdd, F(1.5), By(7)), Is.EqualTo("core::intrinsics::int_add: bad args: [Float(1.5), Byte(7)]"));
        Assert.That(Trap(Intrinsic.BoolNot, C('x')), Is.EqualTo("core::intrinsics::bool_not: bad args: [Char('x')]"));
        Assert.That(Trap(Intrinsic.BoolNot, I(-9)), Is.EqualTo("core::intrinsics::bool_not: bad args: [Int(-9)]"));
        Assert.That(Trap(Intrinsic.IntNot, Value.Function(3)), Is.EqualTo("core::intrinsics::int_not: bad args: [Function(FunctionId(3))]"));
        Assert.That(Trap(Intrinsic.IntNot, Value.TypeRep(new TypeRep(TypeRepKind.Int, 0, Array.Empty<TypeRep>(), 5))),
            Is.EqualTo("core::intrinsics::int_not: bad args: [TypeRep(TypeRepId(5))]"));
        Assert.That(Trap(Intrinsic.IntNot, Value.String(new RString(new byte[10], 2, 3))),
            Is.EqualTo("core::intrinsics::int_not: bad args: [String(StringView { buf: GcRef { index: 0, generation: 0 }, start: 2, len: 3 })]"));
        Assert.That(Trap(Intrinsic.IntNot, Bs(1, 2)),
            Is.EqualTo("core::intrinsics::int_not: bad args: [Bytes(BytesView { buf: GcRef { index: 0, generation: 0 }, start: 0, len: 2 })]"));
        Assert.That(Trap(Intrinsic.IntNot, Arr()),
            Is.EqualTo("core::intrinsics::int_not: bad args: [Ref(RefValue { readonly: false, handle: GcRef { index: 0, generation: 0 } })]"));
        Assert.That(Trap(Intrinsic.IntNot, Arr().AsReadonly()),
            Is.EqualTo("core::intrinsics::int_not: bad args: [Ref(RefValue { readonly: true, handle: GcRef { index: 0, generation: 0 } })]"));
    }

    // rustc: `{:?}` of f64 (bits → text).
    [TestCase(0x0000000000000000L, "0.0")]
    [TestCase(unchecked((long)0x8000000000000000UL), "-0.0")]
    [TestCase(0x3ff0000000000000L, "1.0")]
    [TestCase(unchecked((long)0xbff0000000000000UL), "-1.0")]
    [TestCase(0x3fd3333333333334L, "0.30000000000000004")]
    [TestCase(0x444b1ae4d6e2ef50L, "1e21")]
    [TestCase(0x430c6bf526340000L, "1000000000000000.0")]
    [TestCase(0x4341c37937e08000L, "1e16")]
    [TestCase(0x419d6f3454800000L, "123456789.125")]
    [TestCase(0x3f1a36e2eb1c432dL, "0.0001")]
    [TestCase(0x3ee4f8b588e368f1L, "1e-5")]
    [TestCase(0x3f1f75104d551d69L, "0.00012")]
    [TestCase(0x3eef75104d551d69L, "1.5e-5")]
    [TestCase(0x0000000000000001L, "5e-324")]
    [TestCase(0x7fefffffffffffffL, "1.7976931348623157e308")]
    [TestCase(0x0010000000000000L, "2.2250738585072014e-308")]
    [TestCase(0x7ff8000000000000L, "NaN")]
    [TestCase(0x7ff0000000000000L, "inf")]
    [TestCase(unchecked((long)0xfff0000000000000UL), "-inf")]
    [TestCase(0x4340000000000000L, "9007199254740992.0")]
    [TestCase(0x43e56a95319d63e1L, "1.2345678901234567e19")]
    [TestCase(0x3fd5555555555555L, "0.3333333333333333")]
    [TestCase(0x3e60000000000000L, "2.9802322387695313e-8")]      // 2^-25: the gap below a power of two is half
    [TestCase(0x4307dc638314e07aL, "839530552925199.3")]          // exact tie between .2 and .3: Rust rounds up
    [TestCase(0x42ea8090bb0f6d84L, "233115890514796.13")]
    public void Float_debug_matches_rust(long bits, string expected)
    {
        Assert.That(Trap(Intrinsic.BoolNot, Value.Float(BitConverter.Int64BitsToDouble(bits))),
            Is.EqualTo($"core::intrinsics::bool_not: bad args: [Float({expected})]"));
    }

    // rustc: `{:?}` of char.
    [TestCase(0x78, "'x'")]
    [TestCase(0x27, @"'\''")]
    [TestCase(0x22, "'\"'")]
    [TestCase(0x5c, @"'\\'")]
    [TestCase(0x0a, @"'\n'")]
    [TestCase(0x09, @"'\t'")]
    [TestCase(0x0d, @"'\r'")]
    [TestCase(0x00, @"'\0'")]
    [TestCase(0x20, "' '")]
    [TestCase(0x7f, @"'\u{7f}'")]
    [TestCase(0x301, @"'\u{301}'")]
    [TestCase(0x200b, @"'\u{200b}'")]
    [TestCase(0xa0, @"'\u{a0}'")]
    [TestCase(0xe9, "'é'")]
    [TestCase(0x1f600, "'😀'")]
    [TestCase(0xe000, @"'\u{e000}'")]
    [TestCase(0x2028, @"'\u{2028}'")]
    [TestCase(0x10ffff, @"'\u{10ffff}'")]
    [TestCase(0x200c, @"'\u{200c}'")]
    [TestCase(0xff9e, @"'\u{ff9e}'")]
    [TestCase(0x9be, @"'\u{9be}'")]
    [TestCase(0x378, @"'\u{378}'")]
    [TestCase(0x4e2d, "'中'")]
    [TestCase(0x88f, "'\u088f'")]          // printable in Rust's (newer) Unicode tables
    [TestCase(0xcc0, @"'\u{cc0}'")]       // a spacing mark that is Grapheme_Extend in Rust's tables
    [TestCase(0x1715, @"'\u{1715}'")]
    [TestCase(0xfbc3, "'\ufbc3'")]
    public void Char_debug_matches_rust(int c, string expected)
    {
        Assert.That(Trap(Intrinsic.BoolNot, C(c)), Is.EqualTo($"core::intrinsics::bool_not: bad args: [Char({expected})]"));
    }

    // ---- to_string / string_concat / panic ----

    // rustc: `{}` of f64 (bits → text).
    [TestCase(0x0000000000000000L, "0")]
    [TestCase(unchecked((long)0x8000000000000000UL), "-0")]
    [TestCase(0x3ff0000000000000L, "1")]
    [TestCase(unchecked((long)0xbff0000000000000UL), "-1")]
    [TestCase(0x3ff8000000000000L, "1.5")]
    [TestCase(0x3fb999999999999aL, "0.1")]
    [TestCase(0x3fd3333333333334L, "0.30000000000000004")]
    [TestCase(0x444b1ae4d6e2ef50L, "1000000000000000000000")]
    [TestCase(0x4480f0cf064dd592L, "10000000000000000000000")]
    [TestCase(0x419d6f3454800000L, "123456789.125")]
    [TestCase(0x3ee4f8b588e368f1L, "0.00001")]
    [TestCase(0x3eef75104d551d69L, "0.000015")]
    [TestCase(0x3e7ad7f29abcaf48L, "0.0000001")]
    [TestCase(0x7ff8000000000000L, "NaN")]
    [TestCase(0x7ff0000000000000L, "inf")]
    [TestCase(unchecked((long)0xfff0000000000000UL), "-inf")]
    [TestCase(0x4059000000000000L, "100")]
    [TestCase(0x43e56a95319d63e1L, "12345678901234567000")]
    [TestCase(0x4011666666666666L, "4.35")]
    [TestCase(unchecked((long)0xc00c000000000000UL), "-3.5")]
    [TestCase(0x3e60000000000000L, "0.000000029802322387695313")]
    [TestCase(0x4307dc638314e07aL, "839530552925199.3")]
    [TestCase(0x54b249ad2594c37dL, "10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000")]
    public void To_string_of_float_is_rust_display(long bits, string expected)
    {
        Assert.That(Str(Ok(Intrinsic.ToString, TR(TypeRepKind.Float), Value.Float(BitConverter.Int64BitsToDouble(bits)))), Is.EqualTo(expected));
    }

    [Test]
    public void To_string_of_extreme_floats_is_positional()
    {
        string tiny = Str(Ok(Intrinsic.ToString, TR(TypeRepKind.Float), Value.Float(double.Epsilon)));
        Assert.That(tiny, Is.EqualTo("0." + new string('0', 323) + "5"));
        string max = Str(Ok(Intrinsic.ToString, TR(TypeRepKind.Float), Value.Float(double.MaxValue)));
        Assert.That(max, Is.EqualTo("17976931348623157" + new string('0', 292)));
    }

    [Test]
    public void To_string_formats_each_kind_as_the_reference()
    {
        var t = TR(TypeRepKind.Int);
        Assert.That(Str(Ok(Intrinsic.ToString, t, U)), Is.EqualTo("()"));
        Assert.That(Str(Ok(Intrinsic.ToString, t, B(true))), Is.EqualTo("true"));
        Assert.That(Str(Ok(Intrinsic.ToString, t, B(false))), Is.EqualTo("false"));
        Assert.That(Str(Ok(Intrinsic.ToString, t, I(-9223372036854775808))), Is.EqualTo("-9223372036854775808"));
        Assert.That(Str(Ok(Intrinsic.ToString, t, I(42))), Is.EqualTo("42"));
        Assert.That(Str(Ok(Intrinsic.ToString, t, By(255))), Is.EqualTo("255"));
        Assert.That(Str(Ok(Intrinsic.ToString, t, C('x'))), Is.EqualTo("x"));
        Assert.That(Str(Ok(Intrinsic.ToString, t, C(0x1F600))), Is.EqualTo("😀"));
        Assert.That(Str(Ok(Intrinsic.ToString, t, C('\n'))), Is.EqualTo("\n"));
        var s = S("hé");
        Assert.That(Ok(Intrinsic.ToString, t, s).Obj, Is.SameAs(s.Obj), "strings are returned as is");
        Assert.That(Str(Ok(Intrinsic.ToString, t, Bs(1, 2, 3))), Is.EqualTo("bytes(len=3)"));
        Assert.That(Str(Ok(Intrinsic.ToString, t, Value.Function(12))), Is.EqualTo("fn#12"));
        Assert.That(Str(Ok(Intrinsic.ToString, t, TR(TypeRepKind.String))), Is.EqualTo("typerep(7)"));
        Assert.That(Str(Ok(Intrinsic.ToString, t, Point())), Is.EqualTo("Ref(RefValue { readonly: false, handle: GcRef { index: 0, generation: 0 } })"));
        Assert.That(Trap(Intrinsic.ToString, I(1), I(2)), Is.EqualTo("core::intrinsics::to_string: bad args: [Int(1), Int(2)]"));
    }

    [Test]
    public void String_concat_joins_utf8()
    {
        Assert.That(Str(Ok(Intrinsic.StringConcat, S("ab"), S("çd"))), Is.EqualTo("abçd"));
        Assert.That(Str(Ok(Intrinsic.StringConcat, S(""), S(""))), Is.EqualTo(""));
        Assert.That(Str(Ok(Intrinsic.StringConcat, S("x"), S(""))), Is.EqualTo("x"));
        Assert.That(Trap(Intrinsic.StringConcat, S("a"), I(1)), Does.StartWith("core::intrinsics::string_concat: bad args: [String("));
    }

    [Test]
    public void Panic_traps_with_the_message()
    {
        Assert.That(Trap(Intrinsic.Panic, S("boom")), Is.EqualTo("panic: boom"));
        Assert.That(Trap(Intrinsic.Panic, S("")), Is.EqualTo("panic: "));
        Assert.That(Trap(Intrinsic.Panic, I(1)), Is.EqualTo("core::intrinsics::panic: bad args: [Int(1)]"));
    }

    // ---- bool / unit ----

    [Test]
    public void Bool_and_unit_ops()
    {
        Assert.That(Bool(Ok(Intrinsic.BoolNot, B(true))), Is.False);
        Assert.That(Bool(Ok(Intrinsic.BoolNot, B(false))), Is.True);
        Assert.That(Bool(Ok(Intrinsic.BoolEq, B(true), B(true))), Is.True);
        Assert.That(Bool(Ok(Intrinsic.BoolEq, B(true), B(false))), Is.False);
        Assert.That(Bool(Ok(Intrinsic.BoolNe, B(true), B(false))), Is.True);
        Assert.That(Bool(Ok(Intrinsic.BoolNe, B(false), B(false))), Is.False);
        Assert.That(Bool(Ok(Intrinsic.UnitEq, U, U)), Is.True);
        Assert.That(Bool(Ok(Intrinsic.UnitNe, U, U)), Is.False);
        Assert.That(Trap(Intrinsic.BoolEq, B(true), I(1)), Is.EqualTo("core::intrinsics::bool_eq: bad args: [Bool(true), Int(1)]"));
        Assert.That(Trap(Intrinsic.UnitEq, U, B(false)), Is.EqualTo("core::intrinsics::unit_eq: bad args: [Unit, Bool(false)]"));
        Assert.That(Trap(Intrinsic.UnitNe, U), Is.EqualTo("core::intrinsics::unit_ne: bad args: [Unit]"));
    }

    // ---- int ----

    [Test]
    public void Int_arithmetic_wraps_like_the_release_build()
    {
        Assert.That(Int(Ok(Intrinsic.IntAdd, I(2), I(3))), Is.EqualTo(5));
        Assert.That(Int(Ok(Intrinsic.IntAdd, I(long.MaxValue), I(1))), Is.EqualTo(long.MinValue));
        Assert.That(Int(Ok(Intrinsic.IntSub, I(-3), I(0))), Is.EqualTo(-3));
        Assert.That(Int(Ok(Intrinsic.IntSub, I(long.MinValue), I(1))), Is.EqualTo(long.MaxValue));
        Assert.That(Int(Ok(Intrinsic.IntMul, I(6), I(-7))), Is.EqualTo(-42));
        Assert.That(Int(Ok(Intrinsic.IntMul, I(long.MaxValue), I(2))), Is.EqualTo(-2));
        Assert.That(Int(Ok(Intrinsic.IntMul, I(long.MinValue), I(-1))), Is.EqualTo(long.MinValue));
    }

    [Test]
    public void Int_div_and_mod_truncate_toward_zero()
    {
        // cov__02_int_intrinsics: "div -3 -3 -4611686018427387904|mod -1 1 -1"
        Assert.That(Int(Ok(Intrinsic.IntDiv, I(7), I(-2))), Is.EqualTo(-3));
        Assert.That(Int(Ok(Intrinsic.IntDiv, I(-7), I(2))), Is.EqualTo(-3));
        Assert.That(Int(Ok(Intrinsic.IntDiv, I(long.MinValue), I(2))), Is.EqualTo(-4611686018427387904));
        Assert.That(Int(Ok(Intrinsic.IntMod, I(-7), I(2))), Is.EqualTo(-1));
        Assert.That(Int(Ok(Intrinsic.IntMod, I(7), I(-2))), Is.EqualTo(1));
        Assert.That(Int(Ok(Intrinsic.IntMod, I(-7), I(-2))), Is.EqualTo(-1));
    }

    [Test]
    public void Int_div_and_mod_by_zero_trap()
    {
        Assert.That(Trap(Intrinsic.IntDiv, I(1), I(0)), Is.EqualTo("core::intrinsics::int_div: division by zero"));
        Assert.That(Trap(Intrinsic.IntMod, I(1), I(0)), Is.EqualTo("core::intrinsics::int_mod: modulo by zero"));
        Assert.That(Trap(Intrinsic.IntDiv, I(1), F(0)), Is.EqualTo("core::intrinsics::int_div: bad args: [Int(1), Float(0.0)]"));
    }

    [Test]
    public void Int_div_overflow_traps_instead_of_panicking()
    {
        // The reference panics (Rust's `/` overflow check); we keep the panic's text as a trap.
        Assert.That(Trap(Intrinsic.IntDiv, I(long.MinValue), I(-1)), Is.EqualTo("core::intrinsics::int_div: attempt to divide with overflow"));
        Assert.That(Trap(Intrinsic.IntMod, I(long.MinValue), I(-1)),
            Is.EqualTo("core::intrinsics::int_mod: attempt to calculate the remainder with overflow"));
    }

    [Test]
    public void Int_comparisons()
    {
        // cov__02: "cmp FTTFTFTF" shape: each op on (1,2) and (2,2).
        Assert.That(Bool(Ok(Intrinsic.IntEq, I(1), I(2))), Is.False);
        Assert.That(Bool(Ok(Intrinsic.IntEq, I(2), I(2))), Is.True);
        Assert.That(Bool(Ok(Intrinsic.IntNe, I(1), I(2))), Is.True);
        Assert.That(Bool(Ok(Intrinsic.IntNe, I(2), I(2))), Is.False);
        Assert.That(Bool(Ok(Intrinsic.IntLt, I(-1), I(0))), Is.True);
        Assert.That(Bool(Ok(Intrinsic.IntLt, I(0), I(0))), Is.False);
        Assert.That(Bool(Ok(Intrinsic.IntLe, I(0), I(0))), Is.True);
        Assert.That(Bool(Ok(Intrinsic.IntLe, I(1), I(0))), Is.False);
        Assert.That(Bool(Ok(Intrinsic.IntGt, I(1), I(0))), Is.True);
        Assert.That(Bool(Ok(Intrinsic.IntGt, I(0), I(0))), Is.False);
        Assert.That(Bool(Ok(Intrinsic.IntGe, I(0), I(0))), Is.True);
        Assert.That(Bool(Ok(Intrinsic.IntGe, I(long.MinValue), I(0))), Is.False);
    }

    [Test]
    public void Int_bit_ops()
    {
        // cov__01/02: "bits 6 15 -8 9223372036854775807 -8", "xor 37 -43 ...", "not -43 0 ..."
        Assert.That(Int(Ok(Intrinsic.IntAnd, I(14), I(7))), Is.EqualTo(6));
        Assert.That(Int(Ok(Intrinsic.IntOr, I(8), I(7))), Is.EqualTo(15));
        Assert.That(Int(Ok(Intrinsic.IntXor, I(42), I(15))), Is.EqualTo(37));
        Assert.That(Int(Ok(Intrinsic.IntNot, I(42))), Is.EqualTo(-43));
        Assert.That(Int(Ok(Intrinsic.IntNot, I(-1))), Is.EqualTo(0));
        Assert.That(Int(Ok(Intrinsic.IntNot, I(long.MinValue))), Is.EqualTo(long.MaxValue));
    }

    [Test]
    public void Int_shifts()
    {
        // cov__02: "sh -9223372036854775808 28 -1 -4 1 15 7"
        Assert.That(Int(Ok(Intrinsic.IntShl, I(1), I(63))), Is.EqualTo(long.MinValue));
        Assert.That(Int(Ok(Intrinsic.IntShl, I(7), I(2))), Is.EqualTo(28));
        Assert.That(Int(Ok(Intrinsic.IntShl, I(5), I(0))), Is.EqualTo(5));
        Assert.That(Int(Ok(Intrinsic.IntShr, I(-1), I(63))), Is.EqualTo(-1));
        Assert.That(Int(Ok(Intrinsic.IntShr, I(-13), I(2))), Is.EqualTo(-4));
        Assert.That(Int(Ok(Intrinsic.IntShr, I(42), I(1))), Is.EqualTo(21));
        Assert.That(Int(Ok(Intrinsic.IntUShr, I(-1), I(63))), Is.EqualTo(1));
        Assert.That(Int(Ok(Intrinsic.IntUShr, I(-1), I(1))), Is.EqualTo(long.MaxValue));
        Assert.That(Int(Ok(Intrinsic.IntUShr, I(60), I(2))), Is.EqualTo(15));
    }

    [TestCase(Intrinsic.IntShl, "int_shl")]
    [TestCase(Intrinsic.IntShr, "int_shr")]
    [TestCase(Intrinsic.IntUShr, "int_ushr")]
    public void Int_shift_amount_outside_0_to_63_traps(Enum intrinsic, string name)
    {
        var id = (Intrinsic)intrinsic; // Intrinsic is internal; NUnit test methods are public
        string msg = $"core::intrinsics::{name}: shift amount out of range";
        Assert.That(Trap(id, I(1), I(64)), Is.EqualTo(msg));
        Assert.That(Trap(id, I(1), I(-1)), Is.EqualTo(msg));
        Assert.That(Trap(id, I(1), I(long.MinValue)), Is.EqualTo(msg));
        Assert.That(Trap(id, I(1), I(1L << 32)), Is.EqualTo(msg));
        Assert.That(Trap(id, I(1), By(1)), Is.EqualTo($"core::intrinsics::{name}: bad args: [Int(1), Byte(1)]"));
    }

    // ---- float ----

    [Test]
    public void Float_arithmetic_is_ieee()
    {
        // cov__05: "vals 0.75 -0.75 -6 -3.5 1.5 -1.5 1.5"
        Assert.That(Ok(Intrinsic.FloatAdd, F(0.5), F(0.25)).AsFloat, Is.EqualTo(0.75));
        Assert.That(Ok(Intrinsic.FloatSub, F(0.5), F(1.25)).AsFloat, Is.EqualTo(-0.75));
        Assert.That(Ok(Intrinsic.FloatMul, F(-2), F(3)).AsFloat, Is.EqualTo(-6));
        Assert.That(Ok(Intrinsic.FloatDiv, F(7), F(-2)).AsFloat, Is.EqualTo(-3.5));
        Assert.That(Ok(Intrinsic.FloatMod, F(7.5), F(2)).AsFloat, Is.EqualTo(1.5));
        Assert.That(Ok(Intrinsic.FloatMod, F(-7.5), F(2)).AsFloat, Is.EqualTo(-1.5));
        Assert.That(Ok(Intrinsic.FloatMod, F(7.5), F(-2)).AsFloat, Is.EqualTo(1.5));
        Assert.That(double.IsNaN(Ok(Intrinsic.FloatMod, F(1), F(0)).AsFloat));
        Assert.That(Ok(Intrinsic.FloatDiv, F(1), F(0)).AsFloat, Is.EqualTo(double.PositiveInfinity));
        Assert.That(Trap(Intrinsic.FloatAdd, F(1), I(1)), Is.EqualTo("core::intrinsics::float_add: bad args: [Float(1.0), Int(1)]"));
    }

    [Test]
    public void Float_comparisons_follow_ieee_nan_rules()
    {
        // cov__05: "1v2=FTTTFF 2v2=TFFTFT nan=FTFFFF" for (eq, ne, lt, le, gt, ge)
        var ops = new[] { Intrinsic.FloatEq, Intrinsic.FloatNe, Intrinsic.FloatLt, Intrinsic.FloatLe, Intrinsic.FloatGt, Intrinsic.FloatGe };
        string Row(double x, double y)
        {
            var chars = new char[ops.Length];
            for (int i = 0; i < ops.Length; i++) chars[i] = Bool(Ok(ops[i], F(x), F(y))) ? 'T' : 'F';
            return new string(chars);
        }
        Assert.That(Row(1, 2), Is.EqualTo("FTTTFF"));
        Assert.That(Row(2, 2), Is.EqualTo("TFFTFT"));
        Assert.That(Row(double.NaN, double.NaN), Is.EqualTo("FTFFFF"));
        Assert.That(Row(double.NaN, 1), Is.EqualTo("FTFFFF"));
        Assert.That(Row(0.0, -0.0), Is.EqualTo("TFFTFT"));
        Assert.That(Row(double.NegativeInfinity, double.PositiveInfinity), Is.EqualTo("FTTTFF"));
    }

    // ---- byte ----

    [Test]
    public void Byte_ops()
    {
        // cov__06: "and 64 or 223 xor 159 not 53 255 shl 2 128 shr 1 101 ushr 31 202"
        Assert.That(Ok(Intrinsic.ByteAnd, By(0xCA), By(0x55)).AsByte, Is.EqualTo(0x40));
        Assert.That(Ok(Intrinsic.ByteOr, By(0xCA), By(0x55)).AsByte, Is.EqualTo(0xDF));
        Assert.That(Ok(Intrinsic.ByteXor, By(0xCA), By(0x55)).AsByte, Is.EqualTo(0x9F));
        Assert.That(Ok(Intrinsic.ByteNot, By(0xCA)).AsByte, Is.EqualTo(0x35));
        Assert.That(Ok(Intrinsic.ByteNot, By(0)).AsByte, Is.EqualTo(255));
        Assert.That(Ok(Intrinsic.ByteShl, By(1), I(1)).AsByte, Is.EqualTo(2));
        Assert.That(Ok(Intrinsic.ByteShl, By(0xFF), I(7)).AsByte, Is.EqualTo(128));
        Assert.That(Ok(Intrinsic.ByteShr, By(0xCA), I(7)).AsByte, Is.EqualTo(1));
        Assert.That(Ok(Intrinsic.ByteShr, By(0xCA), I(1)).AsByte, Is.EqualTo(101));
        Assert.That(Ok(Intrinsic.ByteUShr, By(0xFF), I(3)).AsByte, Is.EqualTo(31));
        Assert.That(Ok(Intrinsic.ByteUShr, By(0xCA), I(0)).AsByte, Is.EqualTo(202));
        Assert.That(Trap(Intrinsic.ByteAnd, By(1), I(1)), Is.EqualTo("core::intrinsics::byte_and: bad args: [Byte(1), Int(1)]"));
        Assert.That(Trap(Intrinsic.ByteShl, By(1), By(1)), Is.EqualTo("core::intrinsics::byte_shl: bad args: [Byte(1), Byte(1)]"));
    }

    [TestCase(Intrinsic.ByteShl, "byte_shl")]
    [TestCase(Intrinsic.ByteShr, "byte_shr")]
    [TestCase(Intrinsic.ByteUShr, "byte_ushr")]
    public void Byte_shift_amount_outside_0_to_7_traps(Enum intrinsic, string name)
    {
        var id = (Intrinsic)intrinsic; // Intrinsic is internal; NUnit test methods are public
        string msg = $"core::intrinsics::{name}: shift amount out of range";
        Assert.That(Trap(id, By(1), I(8)), Is.EqualTo(msg));
        Assert.That(Trap(id, By(1), I(-1)), Is.EqualTo(msg));
        Assert.That(Trap(id, By(1), I(1L << 40)), Is.EqualTo(msg));
    }

    // ---- conversions ----

    [Test]
    public void Int_byte_conversions()
    {
        Assert.That(Ok(Intrinsic.IntToByte, I(300)).AsByte, Is.EqualTo(44));
        Assert.That(Ok(Intrinsic.IntToByte, I(-1)).AsByte, Is.EqualTo(255));
        Assert.That(Int(Ok(Intrinsic.ByteToInt, By(200))), Is.EqualTo(200));
        Assert.That(Opt(Ok(Intrinsic.IntTryByte, I(255)), TypeRepKind.Byte), Is.EqualTo("Some(b255)"));
        Assert.That(Opt(Ok(Intrinsic.IntTryByte, I(0)), TypeRepKind.Byte), Is.EqualTo("Some(b0)"));
        Assert.That(Opt(Ok(Intrinsic.IntTryByte, I(256)), TypeRepKind.Byte), Is.EqualTo("None"));
        Assert.That(Opt(Ok(Intrinsic.IntTryByte, I(-1)), TypeRepKind.Byte), Is.EqualTo("None"));
        Assert.That(TrapIn(NoOption, Intrinsic.IntTryByte, I(1)), Is.EqualTo("missing required enum type `Option`"));
        Assert.That(Trap(Intrinsic.ByteToInt, I(1)), Is.EqualTo("core::intrinsics::byte_to_int: bad args: [Int(1)]"));
    }

    [Test]
    public void Int_char_conversions()
    {
        Assert.That(Ok(Intrinsic.IntToChar, I(0x1F600)).AsChar, Is.EqualTo(0x1F600));
        Assert.That(Ok(Intrinsic.IntToChar, I(0)).AsChar, Is.EqualTo(0));
        Assert.That(Ok(Intrinsic.IntToChar, I(0x10FFFF)).AsChar, Is.EqualTo(0x10FFFF));
        Assert.That(Trap(Intrinsic.IntToChar, I(-1)), Is.EqualTo("core::intrinsics::int_to_char: value out of range"));
        Assert.That(Trap(Intrinsic.IntToChar, I(1L << 32)), Is.EqualTo("core::intrinsics::int_to_char: value out of range"));
        Assert.That(Trap(Intrinsic.IntToChar, I(0xD800)), Is.EqualTo("core::intrinsics::int_to_char: surrogate code point"));
        Assert.That(Trap(Intrinsic.IntToChar, I(0xDFFF)), Is.EqualTo("core::intrinsics::int_to_char: surrogate code point"));
        Assert.That(Trap(Intrinsic.IntToChar, I(0x110000)), Is.EqualTo("core::intrinsics::int_to_char: invalid scalar value"));
        Assert.That(Trap(Intrinsic.IntToChar, I(uint.MaxValue)), Is.EqualTo("core::intrinsics::int_to_char: invalid scalar value"));
        Assert.That(Opt(Ok(Intrinsic.IntTryChar, I(0x41)), TypeRepKind.Char), Is.EqualTo("Some(c41)"));
        Assert.That(Opt(Ok(Intrinsic.IntTryChar, I(0xD7FF)), TypeRepKind.Char), Is.EqualTo("Some(cd7ff)"));
        Assert.That(Opt(Ok(Intrinsic.IntTryChar, I(0xDC00)), TypeRepKind.Char), Is.EqualTo("None"));
        Assert.That(Opt(Ok(Intrinsic.IntTryChar, I(0x110000)), TypeRepKind.Char), Is.EqualTo("None"));
        Assert.That(Opt(Ok(Intrinsic.IntTryChar, I(-5)), TypeRepKind.Char), Is.EqualTo("None"));
        Assert.That(TrapIn(NoOption, Intrinsic.IntTryChar, I(-5)), Is.EqualTo("missing required enum type `Option`"));
        Assert.That(Int(Ok(Intrinsic.CharToInt, C(0x10FFFF))), Is.EqualTo(0x10FFFF));
        Assert.That(Trap(Intrinsic.CharToInt, I(1)), Is.EqualTo("core::intrinsics::char_to_int: bad args: [Int(1)]"));
    }

    // ---- hashing: FNV-1a 64 ----

    [Test]
    public void Hashes_are_fnv1a_64()
    {
        // Values printed by cov__09_hash_string_bytes (reference run): "", "abc", "é", "abd"; FNV-1a("a") from its source.
        Assert.That(Int(Ok(Intrinsic.HashString, S(""))), Is.EqualTo(-3750763034362895579));
        Assert.That(Int(Ok(Intrinsic.HashBytes, Bs())), Is.EqualTo(-3750763034362895579));
        Assert.That(Int(Ok(Intrinsic.HashString, S("abc"))), Is.EqualTo(-1792535898324117685));
        Assert.That(Int(Ok(Intrinsic.HashBytes, Bs(0x61, 0x62, 0x63))), Is.EqualTo(-1792535898324117685));
        Assert.That(Int(Ok(Intrinsic.HashString, S("é"))), Is.EqualTo(775207407765167617));
        Assert.That(Int(Ok(Intrinsic.HashBytes, Bs(0xC3, 0xA9))), Is.EqualTo(775207407765167617));
        Assert.That(Int(Ok(Intrinsic.HashString, S("abd"))), Is.EqualTo(-1792530400765976630));
        Assert.That(Int(Ok(Intrinsic.HashString, S("a"))), Is.EqualTo(-5808556873153909620));
        // Hashes of a view cover only the view's bytes.
        Assert.That(Int(Ok(Intrinsic.HashString, Value.String(new RString(new byte[] { 0x78, 0x61, 0x79 }, 1, 1)))),
            Is.EqualTo(-5808556873153909620));
        // hash_int hashes the 8 little-endian bytes; hash_combine hashes a's then b's (same FNV-1a as above).
        Assert.That(Fnv(new byte[] { 0x61, 0x62, 0x63 }), Is.EqualTo(-1792535898324117685), "test helper is FNV-1a");
        Assert.That(Int(Ok(Intrinsic.HashInt, I(0))), Is.EqualTo(Fnv(new byte[8])));
        Assert.That(Int(Ok(Intrinsic.HashInt, I(0x0102030405060708))), Is.EqualTo(Fnv(new byte[] { 8, 7, 6, 5, 4, 3, 2, 1 })));
        Assert.That(Int(Ok(Intrinsic.HashCombine, I(1), I(-1))),
            Is.EqualTo(Fnv(new byte[] { 1, 0, 0, 0, 0, 0, 0, 0, 255, 255, 255, 255, 255, 255, 255, 255 })));
        Assert.That(Trap(Intrinsic.HashInt, B(true)), Is.EqualTo("core::intrinsics::hash_int: bad args: [Bool(true)]"));
        Assert.That(Trap(Intrinsic.HashCombine, I(1)), Is.EqualTo("core::intrinsics::hash_combine: bad args: [Int(1)]"));
        Assert.That(Trap(Intrinsic.HashString, Bs()), Does.StartWith("core::intrinsics::hash_string: bad args: [Bytes("));
        Assert.That(Trap(Intrinsic.HashBytes, S("")), Does.StartWith("core::intrinsics::hash_bytes: bad args: [String("));
    }

    static long Fnv(byte[] data)
    {
        ulong h = 0xcbf29ce484222325;
        foreach (byte b in data) { h ^= b; h = unchecked(h * 0x100000001b3); }
        return (long)h;
    }

    // ---- string / bytes equality ----

    [Test]
    public void String_and_bytes_equality_compare_contents()
    {
        var shared = new byte[] { 0x61, 0x62, 0x61, 0x62 };
        Assert.That(Bool(Ok(Intrinsic.StringEq, Value.String(new RString(shared, 0, 2)), Value.String(new RString(shared, 2, 2)))), Is.True);
        Assert.That(Bool(Ok(Intrinsic.StringEq, S("ab"), S("abc"))), Is.False);
        Assert.That(Bool(Ok(Intrinsic.StringNe, S("ab"), S("abc"))), Is.True);
        Assert.That(Bool(Ok(Intrinsic.StringNe, S(""), S(""))), Is.False);
        Assert.That(Bool(Ok(Intrinsic.BytesEq, Bs(1, 2), Bs(1, 2))), Is.True);
        Assert.That(Bool(Ok(Intrinsic.BytesEq, Bs(1, 2), Bs(1, 3))), Is.False);
        Assert.That(Bool(Ok(Intrinsic.BytesNe, Bs(1), Bs())), Is.True);
        Assert.That(Bool(Ok(Intrinsic.BytesNe, Bs(), Bs())), Is.False);
        Assert.That(Trap(Intrinsic.StringEq, S("a"), Bs(0x61)), Does.StartWith("core::intrinsics::string_eq: bad args: [String(StringView"));
        Assert.That(Trap(Intrinsic.BytesNe, Bs(), S("")), Does.StartWith("core::intrinsics::bytes_ne: bad args: [Bytes(BytesView"));
    }

    // ---- bytes ----

    [Test]
    public void Bytes_get_and_len()
    {
        var b = Value.Bytes(new RBytes(new byte[] { 9, 1, 2, 3 }, 1, 3));
        Assert.That(Int(Ok(Intrinsic.BytesLen, b)), Is.EqualTo(3));
        Assert.That(Opt(Ok(Intrinsic.BytesGet, b, I(0)), TypeRepKind.Byte), Is.EqualTo("Some(b1)"));
        Assert.That(Opt(Ok(Intrinsic.BytesGet, b, I(2)), TypeRepKind.Byte), Is.EqualTo("Some(b3)"));
        Assert.That(Opt(Ok(Intrinsic.BytesGet, b, I(3)), TypeRepKind.Byte), Is.EqualTo("None"));
        Assert.That(Opt(Ok(Intrinsic.BytesGet, b, I(-1)), TypeRepKind.Byte), Is.EqualTo("None"));
        Assert.That(TrapIn(NoOption, Intrinsic.BytesGet, b, I(0)), Is.EqualTo("missing required enum type `Option`"));
        Assert.That(Trap(Intrinsic.BytesLen, S("x")), Does.StartWith("core::intrinsics::bytes_len: bad args: [String("));
    }

    [Test]
    public void Bytes_slice_takes_an_optional_end()
    {
        var b = Bs(10, 11, 12, 13, 14);
        Assert.That(BytesHex(Ok(Intrinsic.BytesSlice, b, I(1), SomeInt(3))), Is.EqualTo("0b0c"));
        Assert.That(BytesHex(Ok(Intrinsic.BytesSlice, b, I(2), NoneInt())), Is.EqualTo("0c0d0e"));
        Assert.That(BytesHex(Ok(Intrinsic.BytesSlice, b, I(5), NoneInt())), Is.EqualTo(""));
        Assert.That(BytesHex(Ok(Intrinsic.BytesSlice, b, I(0), SomeInt(0))), Is.EqualTo(""));
        // A slice of a slice is relative to the view.
        var inner = Ok(Intrinsic.BytesSlice, b, I(1), SomeInt(4));
        Assert.That(BytesHex(Ok(Intrinsic.BytesSlice, inner, I(1), SomeInt(3))), Is.EqualTo("0c0d"));
    }

    [TestCase(Intrinsic.BytesSlice, "bytes_slice")]
    [TestCase(Intrinsic.StringByteSlice, "string_byte_slice")]
    public void Byte_range_traps(Enum intrinsic, string name)
    {
        var id = (Intrinsic)intrinsic; // Intrinsic is internal; NUnit test methods are public
        Value src = id == Intrinsic.BytesSlice ? Bs(1, 2, 3) : S("abc");
        string p = $"core::intrinsics::{name}: ";
        Assert.That(Trap(id, src, I(-1), NoneInt()), Is.EqualTo(p + "from must be >= 0"));
        Assert.That(Trap(id, src, I(0), SomeInt(-1)), Is.EqualTo(p + "to must be >= 0"));
        Assert.That(Trap(id, src, I(-1), SomeInt(-1)), Is.EqualTo(p + "from must be >= 0"));
        Assert.That(Trap(id, src, I(2), SomeInt(1)), Is.EqualTo(p + "from > to"));
        Assert.That(Trap(id, src, I(4), NoneInt()), Is.EqualTo(p + "from > to"));
        Assert.That(Trap(id, src, I(0), SomeInt(4)), Is.EqualTo(p + "to out of bounds"));
        // The Option<int> argument is read first, with the reference's unprefixed messages.
        Assert.That(Trap(id, src, I(-1), I(3)), Is.EqualTo("expected `Option<int>` value"));
        Assert.That(Trap(id, src, I(0), Point()), Is.EqualTo("expected `Option<int>` enum value"));
        Assert.That(Trap(id, src, I(0), Value.Ref(new REnum(PointId, Array.Empty<TypeRep>(), "None", Array.Empty<Value>()))),
            Is.EqualTo("expected `Option`, got `Point`"));
        Assert.That(Trap(id, src, I(0), Value.Ref(new REnum(99, Array.Empty<TypeRep>(), "None", Array.Empty<Value>()))),
            Is.EqualTo("expected `Option`, got `<unknown>`"));
        Assert.That(Trap(id, src, I(0), Value.Ref(new REnum(OptionId, Array.Empty<TypeRep>(), "Some", new[] { B(true) }))),
            Is.EqualTo("malformed `Option::Some(int)` value"));
        Assert.That(Trap(id, src, I(0), Value.Ref(new REnum(OptionId, Array.Empty<TypeRep>(), "Some", Array.Empty<Value>()))),
            Is.EqualTo("malformed `Option::Some(int)` value"));
        Assert.That(Trap(id, src, I(0), Value.Ref(new REnum(OptionId, Array.Empty<TypeRep>(), "Maybe", Array.Empty<Value>()))),
            Is.EqualTo("invalid `Option` variant `Maybe`"));
        Assert.That(TrapIn(NoOption, id, src, I(0), NoneInt()), Is.EqualTo("missing required enum type `Option`"));
        Assert.That(Trap(id, src, B(true), NoneInt()), Does.StartWith($"core::intrinsics::{name}: bad args: ["));
    }

    [Test]
    public void String_byte_slice_gives_bytes_at_any_offset()
    {
        // Byte offsets need not be char boundaries: the result is `bytes`.
        var s = S("hé!");
        Assert.That(BytesHex(Ok(Intrinsic.StringByteSlice, s, I(2), SomeInt(3))), Is.EqualTo("a9"));
        Assert.That(BytesHex(Ok(Intrinsic.StringByteSlice, s, I(0), NoneInt())), Is.EqualTo("68c3a921"));
    }

    [Test]
    public void Bytes_array_conversions()
    {
        var arr = Ok(Intrinsic.BytesToArray, Value.Bytes(new RBytes(new byte[] { 0, 7, 255 }, 1, 2)));
        var items = ArrOf(arr);
        Assert.That(items.Count, Is.EqualTo(2));
        Assert.That(items.Items[0].IsByte && items.Items[0].AsByte == 7 && items.Items[1].AsByte == 255);
        Assert.That(BytesHex(Ok(Intrinsic.BytesFromArray, Arr(By(1), By(0xAB)))), Is.EqualTo("01ab"));
        Assert.That(BytesHex(Ok(Intrinsic.BytesFromArray, Arr().AsReadonly())), Is.EqualTo(""));
        Assert.That(Trap(Intrinsic.BytesFromArray, Arr(By(1), I(2))), Is.EqualTo("core::intrinsics::bytes_from_array: expected `[byte]`"));
        Assert.That(Trap(Intrinsic.BytesFromArray, Point()), Is.EqualTo("core::intrinsics::bytes_from_array: expected an array"));
        Assert.That(Trap(Intrinsic.BytesFromArray, Bs(1)), Does.StartWith("core::intrinsics::bytes_from_array: bad args: [Bytes("));
        Assert.That(Trap(Intrinsic.BytesToArray, Arr()), Does.StartWith("core::intrinsics::bytes_to_array: bad args: [Ref("));
    }

    // ---- strings ----

    [Test]
    public void String_slice_counts_scalar_values()
    {
        var s = S("aé😀z");
        Assert.That(Str(Ok(Intrinsic.StringSlice, s, I(1), SomeInt(3))), Is.EqualTo("é😀"));
        Assert.That(Str(Ok(Intrinsic.StringSlice, s, I(2), NoneInt())), Is.EqualTo("😀z"));
        Assert.That(Str(Ok(Intrinsic.StringSlice, s, I(4), NoneInt())), Is.EqualTo(""));
        Assert.That(Str(Ok(Intrinsic.StringSlice, s, I(4), SomeInt(4))), Is.EqualTo(""));
        Assert.That(Str(Ok(Intrinsic.StringSlice, s, I(0), SomeInt(0))), Is.EqualTo(""));
        Assert.That(Str(Ok(Intrinsic.StringSlice, s, I(0), SomeInt(4))), Is.EqualTo("aé😀z"));
        Assert.That(Str(Ok(Intrinsic.StringSlice, S(""), I(0), NoneInt())), Is.EqualTo(""));
        var inner = Ok(Intrinsic.StringSlice, s, I(1), NoneInt());
        Assert.That(Str(Ok(Intrinsic.StringSlice, inner, I(1), SomeInt(2))), Is.EqualTo("😀"));
    }

    [Test]
    public void String_slice_traps()
    {
        var s = S("aé");
        const string p = "core::intrinsics::string_slice: ";
        Assert.That(Trap(Intrinsic.StringSlice, s, I(-1), NoneInt()), Is.EqualTo(p + "from must be >= 0"));
        Assert.That(Trap(Intrinsic.StringSlice, s, I(0), SomeInt(-1)), Is.EqualTo(p + "to must be >= 0"));
        Assert.That(Trap(Intrinsic.StringSlice, s, I(2), SomeInt(1)), Is.EqualTo(p + "from > to"));
        Assert.That(Trap(Intrinsic.StringSlice, s, I(3), NoneInt()), Is.EqualTo(p + "from out of bounds"));
        Assert.That(Trap(Intrinsic.StringSlice, s, I(3), SomeInt(5)), Is.EqualTo(p + "from out of bounds"));
        Assert.That(Trap(Intrinsic.StringSlice, s, I(1), SomeInt(3)), Is.EqualTo(p + "to out of bounds"));
        Assert.That(Trap(Intrinsic.StringSlice, s, I(-1), I(0)), Is.EqualTo("expected `Option<int>` value"));
        Assert.That(TrapIn(NoOption, Intrinsic.StringSlice, s, I(0), NoneInt()), Is.EqualTo("missing required enum type `Option`"));
    }

    [Test]
    public void String_next_index_steps_over_one_scalar()
    {
        var s = S("aé😀");
        Assert.That(Int(Ok(Intrinsic.StringNextIndex, s, I(0))), Is.EqualTo(1));
        Assert.That(Int(Ok(Intrinsic.StringNextIndex, s, I(1))), Is.EqualTo(3));
        Assert.That(Int(Ok(Intrinsic.StringNextIndex, s, I(3))), Is.EqualTo(7));
        Assert.That(Int(Ok(Intrinsic.StringNextIndex, s, I(7))), Is.EqualTo(-1));
        const string p = "core::intrinsics::string_next_index: ";
        Assert.That(Trap(Intrinsic.StringNextIndex, s, I(-1)), Is.EqualTo(p + "idx must be >= 0"));
        Assert.That(Trap(Intrinsic.StringNextIndex, s, I(8)), Is.EqualTo(p + "idx out of bounds"));
        Assert.That(Trap(Intrinsic.StringNextIndex, s, I(2)), Is.EqualTo(p + "invalid UTF-8 boundary"));
        Assert.That(Trap(Intrinsic.StringNextIndex, s, I(5)), Is.EqualTo(p + "invalid UTF-8 boundary"));
    }

    [Test]
    public void String_codepoint_at_decodes_at_a_byte_offset()
    {
        var s = S("aé😀");
        Assert.That(Int(Ok(Intrinsic.StringCodepointAt, s, I(0))), Is.EqualTo('a'));
        Assert.That(Int(Ok(Intrinsic.StringCodepointAt, s, I(1))), Is.EqualTo(0xE9));
        Assert.That(Int(Ok(Intrinsic.StringCodepointAt, s, I(3))), Is.EqualTo(0x1F600));
        const string p = "core::intrinsics::string_codepoint_at: ";
        Assert.That(Trap(Intrinsic.StringCodepointAt, s, I(-1)), Is.EqualTo(p + "idx must be >= 0"));
        Assert.That(Trap(Intrinsic.StringCodepointAt, s, I(7)), Is.EqualTo(p + "idx out of bounds"));
        Assert.That(Trap(Intrinsic.StringCodepointAt, s, I(4)), Is.EqualTo(p + "invalid UTF-8 boundary"));
        Assert.That(Trap(Intrinsic.StringCodepointAt, S(""), I(0)), Is.EqualTo(p + "idx out of bounds"));
    }

    [Test]
    public void String_from_chars_encodes_utf8()
    {
        Assert.That(Str(Ok(Intrinsic.StringFromChars, Arr(C('h'), C(0xE9), C(0x1F600), C(0x800)))), Is.EqualTo("hé😀\u0800"));
        Assert.That(Str(Ok(Intrinsic.StringFromChars, Arr())), Is.EqualTo(""));
        Assert.That(Trap(Intrinsic.StringFromChars, Arr(C('a'), I(1))), Is.EqualTo("core::intrinsics::string_from_chars: expected `[char]`"));
        Assert.That(Trap(Intrinsic.StringFromChars, Point()), Is.EqualTo("core::intrinsics::string_from_chars: expected an array"));
        Assert.That(Trap(Intrinsic.StringFromChars, S("a")), Does.StartWith("core::intrinsics::string_from_chars: bad args: [String("));
    }

    [Test]
    public void String_to_utf8_bytes_copies_the_view()
    {
        var s = Value.String(new RString(new byte[] { 0x78, 0xC3, 0xA9, 0x79 }, 1, 2));
        Assert.That(BytesHex(Ok(Intrinsic.StringToUtf8Bytes, s)), Is.EqualTo("c3a9"));
        Assert.That(Trap(Intrinsic.StringToUtf8Bytes, Bs()), Does.StartWith("core::intrinsics::string_to_utf8_bytes: bad args: [Bytes("));
    }

    // rustc: String::from_utf8_lossy (input hex → output hex) and whether String::from_utf8 accepts it.
    [TestCase("618062", "61efbfbd62", false)]
    [TestCase("e282", "efbfbd", false)]
    [TestCase("e28241", "efbfbd41", false)]
    [TestCase("f09f98", "efbfbd", false)]
    [TestCase("f09f9880", "f09f9880", true)]
    [TestCase("eda080", "efbfbdefbfbdefbfbd", false)]
    [TestCase("c0af", "efbfbdefbfbd", false)]
    [TestCase("f4908080", "efbfbdefbfbdefbfbdefbfbd", false)]
    [TestCase("f580", "efbfbdefbfbd", false)]
    [TestCase("e08080", "efbfbdefbfbdefbfbd", false)]
    [TestCase("f0808080", "efbfbdefbfbdefbfbdefbfbd", false)]
    [TestCase("ff", "efbfbd", false)]
    [TestCase("c2", "efbfbd", false)]
    [TestCase("e180c280", "efbfbdc280", false)]
    [TestCase("f18080e180c262806380bf64", "efbfbdefbfbdefbfbd62efbfbd63efbfbdefbfbd64", false)]
    [TestCase("", "", true)]
    [TestCase("68c3a9", "68c3a9", true)]
    public void String_from_utf8_matches_rust(string inHex, string outHex, bool valid)
    {
        var input = Value.Bytes(new RBytes(Convert.FromHexString(inHex)));
        Assert.That(Hex(((RString)Ok(Intrinsic.StringFromUtf8, input).Obj!).Span), Is.EqualTo(outHex));
        string strict = Opt(Ok(Intrinsic.StringFromUtf8Strict, input), TypeRepKind.String);
        Assert.That(strict, Is.EqualTo(valid ? "Some(" + System.Text.Encoding.UTF8.GetString(Convert.FromHexString(inHex)) + ")" : "None"));
    }

    [Test]
    public void String_from_utf8_strict_needs_option()
    {
        Assert.That(TrapIn(NoOption, Intrinsic.StringFromUtf8Strict, Bs(0x61)), Is.EqualTo("missing required enum type `Option`"));
        Assert.That(Trap(Intrinsic.StringFromUtf8, S("a")), Does.StartWith("core::intrinsics::string_from_utf8: bad args: [String("));
        Assert.That(Trap(Intrinsic.StringFromUtf8Strict, S("a")), Does.StartWith("core::intrinsics::string_from_utf8_strict: bad args: [String("));
    }

    static Value Units(params long[] units)
    {
        var items = new Value[units.Length];
        for (int i = 0; i < units.Length; i++) items[i] = I(units[i]);
        return Arr(items);
    }

    [TestCase(Intrinsic.StringFromUtf16Le)]
    [TestCase(Intrinsic.StringFromUtf16Be)]
    public void String_from_utf16_lossy(Enum intrinsic)
    {
        var id = (Intrinsic)intrinsic; // Intrinsic is internal; NUnit test methods are public
        // cov__08_utf16_be: "hi😀!|A�B|�C|D��E"
        Assert.That(Str(Ok(id, Units('h', 'i', 0xD83D, 0xDE00, '!'))), Is.EqualTo("hi😀!"));
        Assert.That(Str(Ok(id, Units('A', 0xD800, 'B'))), Is.EqualTo("A\uFFFDB"));
        Assert.That(Str(Ok(id, Units(0xDC00, 'C'))), Is.EqualTo("\uFFFDC"));
        Assert.That(Str(Ok(id, Units('D', 0xD800, 0xD800, 'E'))), Is.EqualTo("D\uFFFD\uFFFDE"));
        Assert.That(Str(Ok(id, Units('D', 65536, -1, 'E'))), Is.EqualTo("D\uFFFD\uFFFDE"));
        Assert.That(Str(Ok(id, Units(0xD83D))), Is.EqualTo("\uFFFD"));
        Assert.That(Str(Ok(id, Units(0x10000, -1, 'x'))), Is.EqualTo("\uFFFD\uFFFDx"));
        Assert.That(Str(Ok(id, Arr(C('a'), I('b')))), Is.EqualTo("\uFFFDb"));
        Assert.That(Str(Ok(id, Units(0xD83D, 0x10000))), Is.EqualTo("\uFFFD\uFFFD"), "an out-of-range unit does not pair");
        Assert.That(Str(Ok(id, Units())), Is.EqualTo(""));
        Assert.That(Trap(id, Point()), Is.EqualTo("core::intrinsics::string_from_utf16: expected an array"));
        Assert.That(Trap(id, S("x")), Does.StartWith("core::intrinsics::string_from_utf16: bad args: [String("));
    }

    [TestCase(Intrinsic.StringFromUtf16LeStrict)]
    [TestCase(Intrinsic.StringFromUtf16BeStrict)]
    public void String_from_utf16_strict(Enum intrinsic)
    {
        var id = (Intrinsic)intrinsic; // Intrinsic is internal; NUnit test methods are public
        // cov__08_utf16_be: "Some(hi😀!)|None|None|None|Some()"
        Assert.That(Opt(Ok(id, Units('h', 'i', 0xD83D, 0xDE00, '!')), TypeRepKind.String), Is.EqualTo("Some(hi😀!)"));
        Assert.That(Opt(Ok(id, Units('A', 0xD800, 'B')), TypeRepKind.String), Is.EqualTo("None"));
        Assert.That(Opt(Ok(id, Units(0xDC00)), TypeRepKind.String), Is.EqualTo("None"));
        Assert.That(Opt(Ok(id, Units(0x10000)), TypeRepKind.String), Is.EqualTo("None"));
        Assert.That(Opt(Ok(id, Units(-1)), TypeRepKind.String), Is.EqualTo("None"));
        Assert.That(Opt(Ok(id, Arr(C('a'))), TypeRepKind.String), Is.EqualTo("None"));
        Assert.That(Opt(Ok(id, Units()), TypeRepKind.String), Is.EqualTo("Some()"));
        Assert.That(Trap(id, Point()), Is.EqualTo("core::intrinsics::string_from_utf16_strict: expected an array"));
        Assert.That(TrapIn(NoOption, id, Units(1)), Is.EqualTo("missing required enum type `Option`"));
        Assert.That(TrapIn(NoOption, id, Point()), Is.EqualTo("core::intrinsics::string_from_utf16_strict: expected an array"));
    }

    // rustc: `s.parse::<f64>()` (bits, ERR) and `s.parse::<i64>()` for the same strings. The float
    // intrinsic keeps only finite results, so inf/nan/overflow are None.
    [TestCase("", null, null)]
    [TestCase("+", null, null)]
    [TestCase("-", null, null)]
    [TestCase("1", "3ff0000000000000", "1")]
    [TestCase("+1", "3ff0000000000000", "1")]
    [TestCase("-1", "bff0000000000000", "-1")]
    [TestCase("1.", "3ff0000000000000", null)]
    [TestCase(".5", "3fe0000000000000", null)]
    [TestCase("5.", "4014000000000000", null)]
    [TestCase(".", null, null)]
    [TestCase("-.5", "bfe0000000000000", null)]
    [TestCase("1e5", "40f86a0000000000", null)]
    [TestCase("1E5", "40f86a0000000000", null)]
    [TestCase("1e+5", "40f86a0000000000", null)]
    [TestCase("1e-5", "3ee4f8b588e368f1", null)]
    [TestCase("1e", null, null)]
    [TestCase("1e+", null, null)]
    [TestCase("e5", null, null)]
    [TestCase("inf", null, null)]
    [TestCase("-inf", null, null)]
    [TestCase("Infinity", null, null)]
    [TestCase("NaN", null, null)]
    [TestCase(" 1", null, null)]
    [TestCase("1 ", null, null)]
    [TestCase("1_000", null, null)]
    [TestCase("0x10", null, null)]
    [TestCase("1.5e308", "7feab36d48e1acf0", null)]
    [TestCase("1.8e308", null, null)]
    [TestCase("1.7976931348623157e308", "7fefffffffffffff", null)]
    [TestCase("1.7976931348623158e308", "7fefffffffffffff", null)]
    [TestCase("1.7976931348623159e308", null, null)]
    [TestCase("2.4703282292062327e-324", "0000000000000000", null)]
    [TestCase("2.4703282292062328e-324", "0000000000000001", null)]
    [TestCase("1e-400", "0000000000000000", null)]
    [TestCase("-0", "8000000000000000", "0")]
    [TestCase("-0.0", "8000000000000000", null)]
    [TestCase("00012.5000", "4029000000000000", null)]
    [TestCase("1e99999999999999999999", null, null)]
    [TestCase("0e99999999999999999999", "0000000000000000", null)]
    [TestCase("1e-99999999999999999999", "0000000000000000", null)]
    [TestCase("9223372036854775807", "43e0000000000000", "9223372036854775807")]
    [TestCase("9223372036854775808", "43e0000000000000", null)]
    [TestCase("-9223372036854775808", "c3e0000000000000", "-9223372036854775808")]
    [TestCase("-9223372036854775809", "c3e0000000000000", null)]
    [TestCase("0.1000000000000000055511151231257827021181583404541015625", "3fb999999999999a", null)]
    [TestCase("0.10000000000000000555111512312578270211815834045410156250000000000001", "3fb999999999999a", null)]
    [TestCase("2.2250738585072011e-308", "000fffffffffffff", null)]
    [TestCase("4.9406564584124654e-324", "0000000000000001", null)]
    [TestCase("1..2", null, null)]
    [TestCase("1.2.3", null, null)]
    [TestCase("１", null, null)]
    [TestCase("+-1", null, null)]
    [TestCase("--1", null, null)]
    [TestCase("00", "0000000000000000", "0")]
    [TestCase("-000", "8000000000000000", "0")]
    [TestCase("12a", null, null)]
    [TestCase("٣", null, null)]
    public void Parsing_matches_rust(string text, string? floatBits, string? intText)
    {
        string f = Opt(Ok(Intrinsic.FloatFromStringStrict, S(text)), TypeRepKind.Float);
        Assert.That(f, Is.EqualTo(floatBits == null ? "None" : "Some(" + floatBits + ")"), "float");
        string n = Opt(Ok(Intrinsic.IntFromStringStrict, S(text)), TypeRepKind.Int);
        Assert.That(n, Is.EqualTo(intText == null ? "None" : "Some(" + intText + ")"), "int");
    }

    [Test]
    public void Parsing_needs_option_and_a_string()
    {
        Assert.That(TrapIn(NoOption, Intrinsic.FloatFromStringStrict, S("1")), Is.EqualTo("missing required enum type `Option`"));
        Assert.That(TrapIn(NoOption, Intrinsic.IntFromStringStrict, S("x")), Is.EqualTo("missing required enum type `Option`"));
        Assert.That(Trap(Intrinsic.FloatFromStringStrict, F(1)), Is.EqualTo("core::intrinsics::float_from_string_strict: bad args: [Float(1.0)]"));
        Assert.That(Trap(Intrinsic.IntFromStringStrict, I(1)), Is.EqualTo("core::intrinsics::int_from_string_strict: bad args: [Int(1)]"));
    }

    [Test]
    public void Long_float_literals_round_correctly()
    {
        // 2^-1074 × 0.5 exactly is a tie that rounds to even (0); a digit past it breaks the tie.
        string half = "2.4703282292062327208828439643411068618252990130716238221279284125033775363510437593264991818081799618989828234772285886546332835517796989819938739800539093906315035659515570226392290858392449105184435931802849936536152500319370457678249219365623669863658480757001585769269903706311928279558551332927834338409351978015531246597263579574622766465272827220056374006485499977096599470454020828166226237857393450736339007967761930577506740176324673600968951340535537458516661134223766678604162159680461914467291840300530057530849048765391711386591646239524912623653881879636239373280423891018672348497668235089863388587925628302755995657524455507255189313690836254779186948667994968324049705821028513185451396213837722826145437693412532098591327667236328125e-324";
        Assert.That(Opt(Ok(Intrinsic.FloatFromStringStrict, S(half)), TypeRepKind.Float), Is.EqualTo("Some(0000000000000000)"));
        Assert.That(Opt(Ok(Intrinsic.FloatFromStringStrict, S(half.Replace("125e-324", "1250000000000000000000001e-324"))), TypeRepKind.Float),
            Is.EqualTo("Some(0000000000000001)"));
    }

    // ---- arrays ----

    [Test]
    public void Array_len_counts_items_through_any_view()
    {
        var a = Arr(I(1), I(2), I(3));
        Assert.That(Int(Ok(Intrinsic.ArrayLen, IntT, a)), Is.EqualTo(3));
        Assert.That(Int(Ok(Intrinsic.ArrayLenRo, IntT, a.AsReadonly())), Is.EqualTo(3));
        Assert.That(Int(Ok(Intrinsic.ArrayLen, IntT, a.AsReadonly())), Is.EqualTo(3));
        Assert.That(Int(Ok(Intrinsic.ArrayLen, IntT, Value.Ref(new RArray(new Value[8], 2)))), Is.EqualTo(2));
        Assert.That(Trap(Intrinsic.ArrayLen, IntT, Point()), Is.EqualTo("core::intrinsics::array_len: expected an array"));
        Assert.That(Trap(Intrinsic.ArrayLenRo, IntT, Point()), Is.EqualTo("core::intrinsics::array_len_ro: expected an array"));
        Assert.That(Trap(Intrinsic.ArrayLen, a), Does.StartWith("core::intrinsics::array_len: bad args: [Ref("));
        Assert.That(Trap(Intrinsic.ArrayLen, IntT, S("x")), Does.StartWith("core::intrinsics::array_len: bad args: [TypeRep(TypeRepId(3)), String("));
    }

    static long[] Ints(Value arr)
    {
        var a = ArrOf(arr);
        var r = new long[a.Count];
        for (int i = 0; i < r.Length; i++) r[i] = Int(a.Items[i]);
        return r;
    }

    [Test]
    public void Array_push_pop_clear()
    {
        var a = Arr();
        for (int i = 0; i < 10; i++) Assert.That(Ok(Intrinsic.ArrayPush, IntT, a, I(i)).IsUnit);
        Assert.That(Ints(a), Is.EqualTo(new long[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }));
        Assert.That(Opt(Ok(Intrinsic.ArrayPop, IntT, a), TypeRepKind.Int), Is.EqualTo("Some(9)"));
        Assert.That(ArrOf(a).Count, Is.EqualTo(9));
        Assert.That(Ok(Intrinsic.ArrayClear, IntT, a).IsUnit);
        Assert.That(ArrOf(a).Count, Is.EqualTo(0));
        Assert.That(Opt(Ok(Intrinsic.ArrayPop, IntT, a), TypeRepKind.Int), Is.EqualTo("None"));
        // The popped Option's type argument is the call's element typerep.
        var strs = Arr(S("x"));
        Assert.That(Opt(Ok(Intrinsic.ArrayPop, TR(TypeRepKind.String), strs), TypeRepKind.String), Is.EqualTo("Some(x)"));
    }

    [Test]
    public void Array_pop_without_option_traps_after_popping()
    {
        var a = Arr(I(1), I(2));
        Assert.That(TrapIn(NoOption, Intrinsic.ArrayPop, IntT, a), Is.EqualTo("missing required enum type `Option`"));
        Assert.That(ArrOf(a).Count, Is.EqualTo(1));
    }

    [TestCase(Intrinsic.ArrayPush, "array_push")]
    [TestCase(Intrinsic.ArrayPop, "array_pop")]
    [TestCase(Intrinsic.ArrayClear, "array_clear")]
    [TestCase(Intrinsic.ArrayResize, "array_resize")]
    [TestCase(Intrinsic.ArrayInsert, "array_insert")]
    [TestCase(Intrinsic.ArrayRemove, "array_remove")]
    [TestCase(Intrinsic.ArrayExtend, "array_extend")]
    public void Mutating_a_readonly_view_traps_before_anything_else(Enum intrinsic, string name)
    {
        var id = (Intrinsic)intrinsic; // Intrinsic is internal; NUnit test methods are public
        Value[] Args(Value target) => id switch
        {
            Intrinsic.ArrayPush => new[] { IntT, target, I(1) },
            Intrinsic.ArrayResize => new[] { IntT, target, I(-1), I(0) },
            Intrinsic.ArrayInsert => new[] { IntT, target, I(99), I(0) },
            Intrinsic.ArrayRemove => new[] { IntT, target, I(99) },
            Intrinsic.ArrayExtend => new[] { IntT, target, Point() },
            _ => new[] { IntT, target },
        };
        var a = Arr(I(1));
        Assert.That(Trap(id, Args(a.AsReadonly())), Is.EqualTo("illegal write through readonly reference"));
        Assert.That(Trap(id, Args(Point().AsReadonly())), Is.EqualTo("illegal write through readonly reference"));
        Assert.That(ArrOf(a).Count, Is.EqualTo(1));
        // On a writable non-array the type check comes next (resize checks new_len first; extend checks `other` first).
        string expected = id switch
        {
            Intrinsic.ArrayResize => $"core::intrinsics::{name}: new_len must be >= 0",
            Intrinsic.ArrayExtend => $"core::intrinsics::{name}: expected an array for `other`",
            _ => $"core::intrinsics::{name}: expected an array",
        };
        Assert.That(Trap(id, Args(Point())), Is.EqualTo(expected));
        Assert.That(Trap(id, Args(I(1))), Does.StartWith($"core::intrinsics::{name}: bad args: [TypeRep("));
    }

    [Test]
    public void Array_resize_truncates_or_fills()
    {
        var a = Arr(I(1), I(2), I(3));
        Assert.That(Ok(Intrinsic.ArrayResize, IntT, a, I(5), I(9)).IsUnit);
        Assert.That(Ints(a), Is.EqualTo(new long[] { 1, 2, 3, 9, 9 }));
        Assert.That(Ok(Intrinsic.ArrayResize, IntT, a, I(2), I(0)).IsUnit);
        Assert.That(Ints(a), Is.EqualTo(new long[] { 1, 2 }));
        Assert.That(Ok(Intrinsic.ArrayResize, IntT, a, I(3), I(7)).IsUnit);
        Assert.That(Ints(a), Is.EqualTo(new long[] { 1, 2, 7 }));
        Assert.That(Ok(Intrinsic.ArrayResize, IntT, a, I(0), I(7)).IsUnit);
        Assert.That(Ints(a), Is.Empty);
        Assert.That(Trap(Intrinsic.ArrayResize, IntT, a, I(-1), I(0)), Is.EqualTo("core::intrinsics::array_resize: new_len must be >= 0"));
        Assert.That(Trap(Intrinsic.ArrayResize, IntT, a, I(long.MaxValue), I(0)), Is.EqualTo("core::intrinsics::array_resize: capacity overflow"));
        Assert.That(Trap(Intrinsic.ArrayResize, IntT, a, B(true), I(0)), Does.StartWith("core::intrinsics::array_resize: bad args: ["));
    }

    [Test]
    public void Array_insert_and_remove()
    {
        var a = Arr(I(1), I(3));
        Assert.That(Ok(Intrinsic.ArrayInsert, IntT, a, I(1), I(2)).IsUnit);
        Assert.That(Ok(Intrinsic.ArrayInsert, IntT, a, I(3), I(4)).IsUnit);
        Assert.That(Ok(Intrinsic.ArrayInsert, IntT, a, I(0), I(0)).IsUnit);
        Assert.That(Ints(a), Is.EqualTo(new long[] { 0, 1, 2, 3, 4 }));
        Assert.That(Trap(Intrinsic.ArrayInsert, IntT, a, I(6), I(0)), Is.EqualTo("index out of bounds: index=6, len=5"));
        Assert.That(Trap(Intrinsic.ArrayInsert, IntT, a, I(-1), I(0)), Is.EqualTo("index out of bounds: index=-1, len=5"));
        Assert.That(Int(Ok(Intrinsic.ArrayRemove, IntT, a, I(2))), Is.EqualTo(2));
        Assert.That(Int(Ok(Intrinsic.ArrayRemove, IntT, a, I(3))), Is.EqualTo(4));
        Assert.That(Ints(a), Is.EqualTo(new long[] { 0, 1, 3 }));
        Assert.That(Trap(Intrinsic.ArrayRemove, IntT, a, I(3)), Is.EqualTo("index out of bounds: index=3, len=3"));
        Assert.That(Trap(Intrinsic.ArrayRemove, IntT, a, I(-2)), Is.EqualTo("index out of bounds: index=-2, len=3"));
        Assert.That(Trap(Intrinsic.ArrayRemove, IntT, a, B(true)), Does.StartWith("core::intrinsics::array_remove: bad args: ["));
        Assert.That(Trap(Intrinsic.ArrayInsert, IntT, a, B(true), I(1)), Does.StartWith("core::intrinsics::array_insert: bad args: ["));
    }

    [Test]
    public void Array_extend_appends_a_copy_even_of_itself()
    {
        var a = Arr(I(1), I(2));
        Assert.That(Ok(Intrinsic.ArrayExtend, IntT, a, Arr(I(3)).AsReadonly()).IsUnit);
        Assert.That(Ints(a), Is.EqualTo(new long[] { 1, 2, 3 }));
        Assert.That(Ok(Intrinsic.ArrayExtend, IntT, a, a).IsUnit);
        Assert.That(Ints(a), Is.EqualTo(new long[] { 1, 2, 3, 1, 2, 3 }));
        Assert.That(Trap(Intrinsic.ArrayExtend, IntT, Point(), Arr()), Is.EqualTo("core::intrinsics::array_extend: expected an array for `arr`"));
        Assert.That(Trap(Intrinsic.ArrayExtend, IntT, a, I(1)), Does.StartWith("core::intrinsics::array_extend: bad args: ["));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Array_concat_builds_a_new_array(bool ro)
    {
        var id = ro ? Intrinsic.ArrayConcatRo : Intrinsic.ArrayConcat;
        string name = ro ? "array_concat_ro" : "array_concat";
        var inner = Arr(I(5));
        var x = Arr(I(1), inner);
        var y = Arr(I(2));
        var r = Ok(id, IntT, x, y.AsReadonly());
        Assert.That(r.IsReadonly, Is.False);
        var items = ArrOf(r);
        Assert.That(items.Count, Is.EqualTo(3));
        Assert.That(items.Items[1].Obj, Is.SameAs(inner.Obj));
        Assert.That(items.Items[1].IsReadonly, Is.EqualTo(ro), "_ro hands out readonly views of reference elements");
        Assert.That(items.Items[0].AsInt, Is.EqualTo(1));
        Assert.That(items.Items[0].IsInt && items.Items[2].IsInt);
        Assert.That(ArrOf(x).Count, Is.EqualTo(2), "inputs are unchanged");
        Assert.That(Trap(id, IntT, Point(), Arr()), Is.EqualTo($"core::intrinsics::{name}: expected an array for `a`"));
        Assert.That(Trap(id, IntT, Arr(), Point()), Is.EqualTo($"core::intrinsics::{name}: expected an array for `b`"));
        Assert.That(Trap(id, IntT, Arr(), I(1)), Does.StartWith($"core::intrinsics::{name}: bad args: ["));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Array_slice_copies_a_range(bool ro)
    {
        var id = ro ? Intrinsic.ArraySliceRo : Intrinsic.ArraySlice;
        string name = ro ? "array_slice_ro" : "array_slice";
        var inner = Arr();
        var a = Arr(I(0), I(1), inner, I(3));
        var r = Ok(id, IntT, a, I(1), I(3));
        Assert.That(ArrOf(r).Count, Is.EqualTo(2));
        Assert.That(ArrOf(r).Items[0].AsInt, Is.EqualTo(1));
        Assert.That(ArrOf(r).Items[1].Obj, Is.SameAs(inner.Obj));
        Assert.That(ArrOf(r).Items[1].IsReadonly, Is.EqualTo(ro));
        Assert.That(ArrOf(Ok(id, IntT, a, I(4), I(4))).Count, Is.EqualTo(0));
        Assert.That(ArrOf(Ok(id, IntT, a.AsReadonly(), I(0), I(4))).Count, Is.EqualTo(4));
        Assert.That(Trap(id, IntT, a, I(-1), I(2)), Is.EqualTo("index out of bounds: index=-1, len=4"));
        Assert.That(Trap(id, IntT, a, I(0), I(-2)), Is.EqualTo("index out of bounds: index=-2, len=4"));
        Assert.That(Trap(id, IntT, a, I(3), I(2)), Is.EqualTo($"core::intrinsics::{name}: start must be <= end"));
        Assert.That(Trap(id, IntT, a, I(9), I(5)), Is.EqualTo($"core::intrinsics::{name}: start must be <= end"));
        Assert.That(Trap(id, IntT, a, I(0), I(5)), Is.EqualTo("index out of bounds: index=5, len=4"));
        Assert.That(Trap(id, IntT, Point(), I(0), I(0)), Is.EqualTo($"core::intrinsics::{name}: expected an array"));
        Assert.That(Trap(id, IntT, a, I(0)), Does.StartWith($"core::intrinsics::{name}: bad args: ["));
    }

    [Test]
    public void Common_cases_do_not_allocate()
    {
        var args = new[] { I(40), I(2) };
        var arr = Arr(I(1), I(2));
        var lenArgs = new[] { IntT, arr };
        var fargs = new[] { F(1.5), F(2) };
        for (int i = 0; i < 100; i++) { Intrinsics.Invoke(Intrinsic.IntAdd, args, Env, out _); Intrinsics.Invoke(Intrinsic.ArrayLen, lenArgs, Env, out _); }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            Intrinsics.Invoke(Intrinsic.IntAdd, args, Env, out _);
            Intrinsics.Invoke(Intrinsic.IntLt, args, Env, out _);
            Intrinsics.Invoke(Intrinsic.FloatMul, fargs, Env, out _);
            Intrinsics.Invoke(Intrinsic.ArrayLen, lenArgs, Env, out _);
        }
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.EqualTo(0));
    }
}
