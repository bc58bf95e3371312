// Hand-written `.rasm` assembles to the module it describes, and mistakes are reported with the
// line and column of the offending token.
using System;
using NUnit.Framework;
using Rusk.Vm.Format;
using Rusk.Vm.Text;

namespace Rusk.Vm.Tests.Text;

public sealed class AssemblerTests
{
    [Test]
    public void Labels_comments_and_default_register_count()
    {
        var m = Assembler.Assemble("""
            ; count down from 3
            fn main params 0 {      # a comment of the other kind
                r0 = const 3
                r1 = const 0
            loop:
                r2 = int_gt r0, r1
                jump_if r2, body, done
            body: r3 = const 1
                r0 = int_sub r0, r3
                jump loop
            done:
                return r0
            }
            """);
        Assert.That(m.Functions, Has.Length.EqualTo(1));
        var f = m.Functions[0];
        Assert.That((f.Name, f.ParamCount, f.RegCount), Is.EqualTo(("main", 0u, 4u)));
        Assert.That(f.Code, Has.Length.EqualTo(8));
        var ji = (JumpIfInstr)f.Code[3];
        Assert.That((ji.Cond, ji.Then, ji.Else), Is.EqualTo((2u, 4u, 7u)));
        Assert.That(((JumpInstr)f.Code[6]).Target, Is.EqualTo(2u));
        Assert.That(((ConstInstr)f.Code[0]).Value.Bits, Is.EqualTo(3));
        Assert.That(m.TypeNames, Is.EqualTo(new[] { "unit", "bool", "int", "float", "byte", "char", "string", "bytes" }));
        Assert.That(m.FunctionGenericParams, Is.EqualTo(new uint[] { 0 }));
        Assert.That(m.Entry, Is.EqualTo(0u));
    }

    [Test]
    public void Register_count_covers_the_parameters_and_can_be_given()
    {
        var m = Assembler.Assemble("""
            fn a params 3 {
                return r0
            }
            fn b params 1 regs 10 generics 1 {
                return r0
            }
            """);
        Assert.That(m.Functions[0].RegCount, Is.EqualTo(3u));
        Assert.That(m.Functions[1].RegCount, Is.EqualTo(10u));
        Assert.That(m.FunctionGenericParams, Is.EqualTo(new uint[] { 0, 1 }));
    }

    [Test]
    public void Type_tables_host_imports_and_effects()
    {
        var m = Assembler.Assemble("""
            method show
            type Point {
                impl Show
                vcall show -> "Point::show"
                scall make -> main
                assoc Show.Output -> main
                fields x, y
                abi struct { x: int, y: [struct Point] }
            }
            type Show
            struct Pair { a, b }
            type int { impl Show }
            type Option { abi enum<T0> { Some(T0), None } }
            host "std::println" (string) -> unit
            effect Logger.log (string, (int, bool)) -> unit
            entry main

            fn "Point::show" params 1 {
                r1 = get_field r0, x
                call host "std::println"(r1)
                r2 = const unit
                return r2
            }
            fn main params 0 {
                r0 = const 1
                r1 = const 2
                r2 = make_struct Point { x: r0, y: r1 }
                r3 = vcall r2.show()
                r4 = perform Logger.log(r3)
                return r4
            }
            """);
        Assert.That(m.TypeNames, Is.EqualTo(new[] { "unit", "bool", "int", "float", "byte", "char", "string", "bytes", "Point", "Show", "Pair", "Option" }));
        Assert.That(m.MethodNames, Is.EqualTo(new[] { "show", "make" }));
        Assert.That(m.InterfaceImpls[8], Is.EqualTo(new uint[] { 9 }));
        Assert.That(m.InterfaceImpls[2], Is.EqualTo(new uint[] { 9 }));
        Assert.That(m.VCallDispatch[8], Has.Length.EqualTo(1));
        Assert.That((m.VCallDispatch[8][0].MethodId, m.VCallDispatch[8][0].FunctionId), Is.EqualTo((0u, 0u)));
        Assert.That((m.SCallDispatch[8][0].MethodId, m.SCallDispatch[8][0].FunctionId), Is.EqualTo((1u, 1u)));
        Assert.That((m.AssocTypeDispatch[8][0].IfaceTypeId, m.AssocTypeDispatch[8][0].Assoc), Is.EqualTo((9u, "Output")));
        Assert.That(m.StructLayouts[8], Is.EqualTo(new[] { "x", "y" }));
        Assert.That(m.StructLayouts[10], Is.EqualTo(new[] { "a", "b" }));
        Assert.That(m.StructLayouts[9], Is.Null);
        var schema = m.AbiSchemas[8]!;
        Assert.That(schema.IsEnum, Is.False);
        Assert.That(schema.Fields[1].Type.Kind, Is.EqualTo(AbiKind.Array));
        Assert.That(schema.Fields[1].Type.Elem!.Id, Is.EqualTo(8u));
        var opt = m.AbiSchemas[11]!;
        Assert.That((opt.IsEnum, opt.TypeParams, opt.Variants.Length), Is.EqualTo((true, 1u, 2)));
        Assert.That(opt.Variants[0].Fields[0].Kind, Is.EqualTo(AbiKind.TypeParam));
        Assert.That(m.HostImports[0].Name, Is.EqualTo("std::println"));
        Assert.That(m.HostImports[0].Sig.Params[0].Kind, Is.EqualTo(AbiKind.String));
        Assert.That(m.ExternalEffects[0].Interface + "." + m.ExternalEffects[0].Method, Is.EqualTo("Logger.log"));
        Assert.That(m.ExternalEffects[0].Sig.Params[1].Kind, Is.EqualTo(AbiKind.Tuple));
        Assert.That(m.Entry, Is.EqualTo(1u));
        var call = (CallInstr)m.Functions[0].Code[1];
        Assert.That((call.Dst.HasValue, call.Target.Kind, call.Target.Id), Is.EqualTo((false, CallKind.Host, 0u)));
        var ms = (MakeStructInstr)m.Functions[1].Code[2];
        Assert.That((ms.TypeId, ms.FieldNames[1], ms.FieldRegs[1]), Is.EqualTo((8u, "y", 1u)));
        var perform = (PerformInstr)m.Functions[1].Code[4];
        Assert.That((perform.Effect.Interface, perform.Effect.Method, perform.Args[0]), Is.EqualTo(("Logger", "log", 3u)));
    }

    [Test]
    public void Undeclared_methods_are_interned_on_first_use()
    {
        var m = Assembler.Assemble("""
            method declared
            fn main params 1 {
                r1 = vcall r0.to_string()
                r2 = scall r0."from<T>"<r1>(r1)
                r3 = vcall r0.to_string()
                return r3
            }
            """);
        Assert.That(m.MethodNames, Is.EqualTo(new[] { "declared", "to_string", "from<T>" }));
        var sc = (DispatchCallInstr)m.Functions[0].Code[1];
        Assert.That((sc.Op, sc.Method, sc.MethodTypeArgs[0]), Is.EqualTo((Opcode.SCall, 2u, 1u)));
    }

    [Test]
    public void Entry_defaults_to_main()
    {
        var m = Assembler.Assemble("fn helper params 0 {\n}\nfn main params 0 {\n}\n");
        Assert.That(m.Entry, Is.EqualTo(1u));
    }

    [Test]
    public void Every_pattern_kind()
    {
        var m = Assembler.Assemble("""
            fn main params 1 {
                switch r0 {
                    _ -> @1
                    bind -> @1 (r1)
                    -42 -> @1
                    (1, ..bind, "s") -> @1 (r1)
                    [.., 2.5] -> @1
                    Option::Some(bind) -> @1 (r2)
                    "core::Point" { x: true, y: [bind, .._] } -> @1 (r3)
                    default -> @1
                }
                return r0
            }
            """);
        var sw = (SwitchInstr)m.Functions[0].Code[0];
        var kinds = Array.ConvertAll(sw.Cases, c => c.Pattern.Kind);
        Assert.That(kinds, Is.EqualTo(new[] { PatternKind.Wildcard, PatternKind.Bind, PatternKind.Literal, PatternKind.Tuple,
            PatternKind.Array, PatternKind.Enum, PatternKind.Struct }));
        Assert.That(sw.Cases[2].Pattern.Literal!.Bits, Is.EqualTo(-42));
        var tuple = sw.Cases[3].Pattern;
        Assert.That((tuple.Prefix.Length, tuple.Rest!.Kind, tuple.Suffix[0].Literal!.Text), Is.EqualTo((1, PatternKind.Bind, "s")));
        var arr = sw.Cases[4].Pattern;
        Assert.That((arr.Prefix.Length, arr.Rest, arr.Suffix[0].Literal!.AsFloat), Is.EqualTo((0, (Pattern?)null, 2.5)));
        Assert.That((sw.Cases[5].Pattern.TypeName, sw.Cases[5].Pattern.Variant), Is.EqualTo(("Option", "Some")));
        var st = sw.Cases[6].Pattern;
        Assert.That((st.TypeName, st.FieldNames[1], st.Fields[1].Kind), Is.EqualTo(("core::Point", "y", PatternKind.Array)));
        Assert.That(st.Fields[1].Rest!.Kind, Is.EqualTo(PatternKind.Wildcard));
        Assert.That(sw.Cases[6].ParamRegs, Is.EqualTo(new uint[] { 3 }));
        Assert.That(sw.Default, Is.EqualTo(1u));
    }

    [Test]
    public void Handlers_calls_and_constants()
    {
        var m = Assembler.Assemble("""
            type Option
            fn main params 0 {
                push_handler {
                    State<r9>.get() -> got (r1, r2)
                    State<r9>.set(bind) -> @5 (r1, r2)
                }
                r0 = perform State<r9>.get()
                pop_handler
                r3 = call intrinsic string_concat(r0, r0)
                (r4, r5) = call_multi main()
            got:
                r6 = const typerep struct("core::Vec")
                r7 = make_typerep tuple(2) <r6, r6>
                r8 = const fn main
                r8 = const b"\x00\xffA"
                r8 = const -inf
                r8 = const f64bits(0x7ff8000000000001)
                r8 = make_enum Option<r6>::None
                return_multi (r4, r5)
            }
            """);
        var code = m.Functions[0].Code;
        var ph = (PushHandlerInstr)code[0];
        Assert.That(ph.Clauses, Has.Length.EqualTo(2));
        Assert.That((ph.Clauses[0].TargetPc, ph.Clauses[0].Effect.InterfaceArgs[0]), Is.EqualTo((5u, 9u)));
        Assert.That(ph.Clauses[1].ArgPatterns[0].Kind, Is.EqualTo(PatternKind.Bind));
        var ic = (CallInstr)code[3];
        Assert.That((ic.Target.Kind, ic.Target.Intrinsic), Is.EqualTo((CallKind.Intrinsic, Intrinsic.StringConcat)));
        Assert.That(((CallMultiInstr)code[4]).Dsts, Is.EqualTo(new uint[] { 4, 5 }));
        var tr = ((ConstInstr)code[5]).Value.TypeRep!;
        Assert.That((tr.Kind, tr.Name), Is.EqualTo((TypeRepKind.Struct, "core::Vec")));
        var mt = (MakeTypeRepInstr)code[6];
        Assert.That((mt.Base.Kind, mt.Base.Arity, mt.Args.Length), Is.EqualTo((TypeRepKind.Tuple, 2u, 2)));
        Assert.That(((ConstInstr)code[7]).Value.Kind, Is.EqualTo(ConstKind.Function));
        Assert.That(((ConstInstr)code[8]).Value.Blob, Is.EqualTo(new byte[] { 0, 255, 65 }));
        Assert.That(((ConstInstr)code[9]).Value.AsFloat, Is.EqualTo(double.NegativeInfinity));
        Assert.That(((ConstInstr)code[10]).Value.Bits, Is.EqualTo(0x7ff8000000000001));
        var me = (MakeEnumInstr)code[11];
        Assert.That(me.Variant, Is.EqualTo("None"));
        Assert.That(m.Functions[0].RegCount, Is.EqualTo(10u));
    }

    static AsmException Fails(string text) => Assert.Throws<AsmException>(() => Assembler.Assemble(text))!;

    [Test]
    public void Unknown_opcode_is_reported_at_the_mnemonic()
    {
        var e = Fails("fn main params 0 {\n    r0 = frob r1\n}\n");
        Assert.That(e.Message, Is.EqualTo("line 2, column 10: unknown opcode `frob`"));
        Assert.That((e.Line, e.Column), Is.EqualTo((2, 10)));
    }

    [Test]
    public void Bad_register_is_reported_with_what_was_found()
    {
        var e = Fails("fn main params 0 {\n    r0 = copy x3\n}\n");
        Assert.That(e.Message, Is.EqualTo("line 2, column 15: expected register (r<N>), found \"x3\""));
        e = Fails("fn main params 0 {\n    r0 = int_add r1,\n}\n");
        Assert.That(e.Message, Is.EqualTo("line 2, column 21: expected register (r<N>), found end of line"));
    }

    [Test]
    public void Unknown_label_is_reported_at_the_use()
    {
        var e = Fails("fn main params 0 {\nstart:\n    jump_if r0, start, nowhere\n}\n");
        Assert.That(e.Message, Is.EqualTo("line 3, column 24: unknown label `nowhere`"));
    }

    [Test]
    public void Unterminated_string_is_reported_at_its_opening_quote()
    {
        var e = Fails("fn main params 0 {\n    trap \"oops\n}\n");
        Assert.That((e.Line, e.Column), Is.EqualTo((2, 10)));
        Assert.That(e.Detail, Does.StartWith("unterminated string"));
    }

    [Test]
    public void Duplicate_function_is_reported_at_the_second_declaration()
    {
        var e = Fails("fn main params 0 {\n}\n\nfn  main params 1 {\n}\n");
        Assert.That(e.Message, Is.EqualTo("line 4, column 5: duplicate function `main` (first declared on line 1)"));
    }

    [Test]
    public void Unknown_function_in_a_call_target_is_reported()
    {
        var e = Fails("fn main params 0 {\n    r0 = call \"core::missing\"(r1)\n}\n");
        Assert.That(e.Message, Is.EqualTo("line 2, column 15: unknown function `core::missing`"));
        e = Fails("fn main params 0 {\n    call host print(r1)\n}\n");
        Assert.That(e.Message, Is.EqualTo("line 2, column 15: unknown host import `print`"));
        e = Fails("fn main params 0 {\n    call intrinsic frobnicate(r1)\n}\n");
        Assert.That(e.Message, Is.EqualTo("line 2, column 20: unknown intrinsic `frobnicate`"));
    }

    [Test]
    public void Deep_nesting_is_an_error_not_a_stack_overflow()
    {
        string deep = new string('[', 100000) + "_" + new string(']', 100000);
        var e = Fails("fn main params 0 {\n  switch r0 {\n    " + deep + " -> @0\n    default -> @0\n  }\n}\n");
        Assert.That(e.Detail, Does.Contain("nested deeper than 64"));
        Assert.That((e.Line, e.Column), Is.EqualTo((3, 69)));
        string ok = new string('(', 63) + "_" + new string(')', 63); // 64 levels with the wildcard
        Assert.DoesNotThrow(() => Assembler.Assemble("fn main params 0 {\n  switch r0 {\n    " + ok + " -> @0\n    default -> @0\n  }\n}\n"));
    }

    [Test]
    public void A_byte_order_mark_and_crlf_line_ends_are_accepted()
    {
        var m = Assembler.Assemble("\ufefffn main params 0 {\r\n  r0 = const 1\r\n  return r0\r\n}\r\n");
        Assert.That(m.Functions[0].Code, Has.Length.EqualTo(2));
        var e = Fails("\ufefffn main params 0 {\r\n  r0 = copy x1\r\n}\r\n");
        Assert.That((e.Line, e.Column), Is.EqualTo((2, 13)));
    }

    [TestCase("fn main {\n}\n", 1, 9, "missing `params N`")]
    [TestCase("fn main params 0 {\n  1: return r0\n}\n", 2, 3, "pc mark `1:` does not match")]
    [TestCase("fn main params 0 {\n  r0 = make_struct Nope {}\n}\n", 2, 20, "unknown type `Nope`")]
    [TestCase("fn main params 0 {\n  switch r0 {\n    _ -> @0\n  }\n}\n", 4, 3, "every switch has a default")]
    [TestCase("fn main params 0 {\n  jump r0\n}\n", 2, 8, "expected jump target")]
    [TestCase("fn main params 0 {\n  int_add r0, r1\n}\n", 2, 3, "`int_add` needs a destination register")]
    [TestCase("fn main params 0 {\n  r1 = jump @0\n}\n", 2, 8, "`jump` has no destination register")]
    [TestCase("fn main params 0 {\n  r1 = const 99999999999999999999\n}\n", 2, 14, "does not fit in 64 bits")]
    [TestCase("fn main params 0 {\n  r1 = const \"a\\qb\"\n}\n", 2, 16, "unknown escape `\\q`")]
    [TestCase("type A\ntype A\n", 2, 6, "duplicate type `A`")]
    [TestCase("method m\nmethod \"m\"\n", 2, 8, "duplicate method `m`")]
    [TestCase("frob x\n", 1, 1, "expected a declaration")]
    [TestCase("fn main params 0 {\n  return r0 r1\n}\n", 2, 13, "expected end of line")]
    [TestCase("fn main params 0 {\n  r0 = const 1 ~\n}\n", 2, 16, "unexpected character `~`")]
    [TestCase("fn main params 0 {\n  a:\n  a:\n}\n", 3, 3, "duplicate label `a`")]
    [TestCase("host h (T0) -> unit\n", 1, 9, "only allowed in an `abi` schema")]
    public void Mistakes_are_reported_with_their_position(string text, int line, int column, string detail)
    {
        var e = Fails(text);
        Assert.That(e.Detail, Does.Contain(detail));
        Assert.That((e.Line, e.Column), Is.EqualTo((line, column)), e.Message);
    }
}
