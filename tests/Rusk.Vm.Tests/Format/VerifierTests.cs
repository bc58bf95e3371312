// The verifier applies the reference's `verify_module` rules with the reference's wording, and
// reports every problem in the order the reference would find them (its first = our first).
using System;
using System.Collections.Generic;
using System.IO;
using NUnit.Framework;
using Rusk.Vm.Format;

namespace Rusk.Vm.Tests.Format;

public sealed class VerifierTests
{
    // ---- a small valid module to break in one place per test --------------------------------

    const uint Point = 8, Opt = 9, Show = 10; // TypeIds after the eight primitives

    sealed class Builder
    {
        public List<Function> Functions = new();
        public uint[]? GenericParams;
        public List<HostImport> HostImports = new();
        public List<string> Types = new() { "unit", "bool", "int", "float", "byte", "char", "string", "bytes", "Point", "Opt", "Show" };
        public List<string> Methods = new() { "show" };
        public Dictionary<int, DispatchEntry[]> VCall = new();
        public Dictionary<int, DispatchEntry[]> SCall = new();
        public Dictionary<int, AssocTypeEntry[]> Assoc = new();
        public Dictionary<int, uint[]> Impls = new();
        public Dictionary<int, string[]> Layouts = new() { [(int)Point] = new[] { "x", "y" } };
        public Dictionary<int, AbiSchema> Schemas = new()
        {
            [(int)Point] = AbiSchema.Struct(0, new[] { new AbiStructField("x", AbiType.Int), new AbiStructField("y", AbiType.Int) }),
            [(int)Opt] = AbiSchema.Enum(1, new[]
            {
                new AbiEnumVariant("Some", new[] { AbiType.TypeParam(0) }),
                new AbiEnumVariant("None", Array.Empty<AbiType>()),
            }),
        };
        public List<ExternalEffectDecl> Effects = new();
        public uint Entry;

        public Builder()
        {
            Functions.Add(new Function("main", 4, 0, new Instr[]
            {
                new ConstInstr(0, ConstValue.Int(1)),
                new CallInstr(new OptReg(1), new CallTarget(CallKind.Bc, 1), new uint[] { 0 }),
                new ReturnInstr(1),
            }));
            Functions.Add(new Function("helper", 2, 1, new Instr[] { new ReturnInstr(0) }));
            VCall[(int)Point] = new[] { new DispatchEntry(0, 1) };
            Impls[(int)Point] = new[] { Show };
        }

        public Builder Main(uint regCount, params Instr[] code)
        {
            Functions[0] = new Function("main", regCount, 0, code);
            return this;
        }

        public Builder Add(Function f) { Functions.Add(f); return this; }

        public Module Build()
        {
            int n = Types.Count;
            var vcall = new DispatchEntry[n][];
            var scall = new DispatchEntry[n][];
            var assoc = new AssocTypeEntry[n][];
            var impls = new uint[n][];
            var layouts = new string[]?[n];
            var schemas = new AbiSchema?[n];
            for (int i = 0; i < n; i++)
            {
                vcall[i] = VCall.TryGetValue(i, out var v) ? v : Array.Empty<DispatchEntry>();
                scall[i] = SCall.TryGetValue(i, out var s) ? s : Array.Empty<DispatchEntry>();
                assoc[i] = Assoc.TryGetValue(i, out var a) ? a : Array.Empty<AssocTypeEntry>();
                impls[i] = Impls.TryGetValue(i, out var im) ? im : Array.Empty<uint>();
                layouts[i] = Layouts.TryGetValue(i, out var l) ? l : null;
                schemas[i] = Schemas.TryGetValue(i, out var sc) ? sc : null;
            }
            return new Module(Functions.ToArray(), GenericParams ?? new uint[Functions.Count], HostImports.ToArray(),
                Types.ToArray(), Methods.ToArray(), vcall, scall, assoc, impls, layouts, schemas, Effects.ToArray(), Entry);
        }
    }

    static IReadOnlyList<VerifyError> Verify(Builder b) => Verifier.Verify(b.Build());

    static string[] Messages(IReadOnlyList<VerifyError> errors)
    {
        var m = new string[errors.Count];
        for (int i = 0; i < m.Length; i++) m[i] = errors[i].Message;
        return m;
    }

    static VerifyError Single(Builder b)
    {
        var errors = Verify(b);
        Assert.That(Messages(errors), Has.Length.EqualTo(1), "expected exactly one error");
        return errors[0];
    }

    static void AssertOnly(Builder b, string message) => Assert.That(Single(b).Message, Is.EqualTo(message));

    static Function Fn(string name, uint regs, uint parms, params Instr[] code) => new(name, regs, parms, code);

    // ---- the baseline ----------------------------------------------------------------------

    [Test]
    public void Valid_module_has_no_errors()
    {
        var b = new Builder();
        b.Add(Fn("pair", 2, 2, new ReturnMultiInstr(new uint[] { 0, 1 })));
        b.Add(Fn("user", 3, 0,
            new CallMultiInstr(new uint[] { 0, 1 }, new CallTarget(CallKind.Bc, 2), new uint[] { 0, 1 }),
            new PushHandlerInstr(new[]
            {
                new HandlerClause(new EffectSpec("Io", Array.Empty<uint>(), "read"), new[] { Pattern.Bind }, 3, new uint[] { 0, 1 }),
                new HandlerClause(new EffectSpec("Io", Array.Empty<uint>(), "write"), new[] { Pattern.Bind }, 3, new uint[] { 0 }),
            }),
            new SwitchInstr(0, new[] { new SwitchCase(Pattern.Enum("Opt", "Some", new[] { Pattern.Bind }), 3, new uint[] { 2 }) }, 3),
            new ReturnInstr(0)));
        b.HostImports.Add(new HostImport("h", new HostFnSig(new[] { AbiType.Struct(Point, Array.Empty<AbiType>()) },
            AbiType.Enum(Opt, new[] { AbiType.Int }))));
        b.Effects.Add(new ExternalEffectDecl("Io", "read", new HostFnSig(new[] { AbiType.Array(AbiType.String) }, AbiType.Unit)));
        Assert.That(Messages(Verify(b)), Is.Empty);
    }

    // ---- module tables ---------------------------------------------------------------------

    [Test]
    public void Entry_out_of_range_is_a_table_error()
    {
        var b = new Builder { Entry = 2 };
        var e = Single(b);
        Assert.That(e.Message, Is.EqualTo("entry function id 2 out of range (functions=2)"));
        Assert.That(e.Table, Is.EqualTo("entry"));
        Assert.That(e.Function, Is.Null);
        Assert.That(e.Pc, Is.EqualTo(-1));
    }

    [Test]
    public void Generic_params_must_be_parallel_to_functions()
    {
        var b = new Builder { GenericParams = new uint[1] };
        AssertOnly(b, "function_generic_params length 1 does not match functions length 2");
    }

    [Test]
    public void Generic_arity_above_param_count_is_reported_after_pc_0()
    {
        var b = new Builder { GenericParams = new uint[] { 0, 2 } };
        var e = Single(b);
        Assert.That(e.Message, Is.EqualTo("function `helper` has param_count 1 smaller than generic param count 2"));
        Assert.That(e.Function, Is.EqualTo("helper"));
    }

    [Test]
    public void Generic_arity_is_not_checked_for_a_function_without_code()
    {
        // The reference only tests it after an instruction, so an empty body passes.
        var b = new Builder { GenericParams = new uint[] { 0, 0, 3 } };
        b.Add(Fn("empty", 0, 0));
        Assert.That(Messages(Verify(b)), Is.Empty);
    }

    [Test]
    public void Generic_arity_error_follows_the_first_instructions_errors()
    {
        var b = new Builder { GenericParams = new uint[] { 0, 2 } };
        b.Functions[1] = Fn("helper", 2, 1, new ReturnInstr(7), new ReturnInstr(8));
        Assert.That(Messages(Verify(b)), Is.EqualTo(new[]
        {
            "function `helper` pc 0: return value: reg 7 out of range (reg_count=2)",
            "function `helper` has param_count 1 smaller than generic param count 2",
            "function `helper` pc 1: return value: reg 8 out of range (reg_count=2)",
        }));
    }

    [Test]
    public void Param_count_above_reg_count_is_reported()
    {
        var b = new Builder();
        b.Functions[1] = Fn("helper", 0, 1, new TrapInstr("x"));
        AssertOnly(b, "function `helper` has param_count 1 > reg_count 0");
    }

    [Test]
    public void Missing_primitive_type_names_are_each_reported()
    {
        var b = new Builder();
        b.Types.Remove("char");
        b.Types.Remove("bytes");
        // Point/Opt/Show moved down by two; keep only tables that do not refer to them.
        b.VCall.Clear(); b.Impls.Clear(); b.Layouts.Clear(); b.Schemas.Clear();
        Assert.That(Messages(Verify(b)), Is.EqualTo(new[]
        {
            "missing required primitive type name `char` in type table",
            "missing required primitive type name `bytes` in type table",
        }));
    }

    [Test]
    public void Empty_type_and_method_names_are_rejected()
    {
        var b = new Builder();
        b.Types.Add("");
        b.Methods.Add("");
        Assert.That(Messages(Verify(b)), Is.EqualTo(new[]
        {
            "type_names contains empty type name",
            "method_names contains empty method name",
        }));
    }

    [Test]
    public void Vcall_dispatch_entries_are_checked_for_ids_and_order()
    {
        var b = new Builder();
        b.Methods.Add("eq");
        b.VCall[(int)Point] = new[] { new DispatchEntry(1, 0), new DispatchEntry(0, 5), new DispatchEntry(4, 1) };
        var errors = Verify(b);
        Assert.That(Messages(errors), Is.EqualTo(new[]
        {
            "vcall dispatch list for TypeId 8 is not strictly sorted/unique by MethodId",
            "vcall dispatch entry (TypeId 8, MethodId 0) points to invalid function id 5",
            "vcall dispatch entry for TypeId 8 has invalid MethodId 4 (methods=2)",
        }));
        Assert.That(errors[0].Table, Is.EqualTo("vcall_dispatch"));
    }

    [Test]
    public void Scall_dispatch_rejects_duplicate_methods()
    {
        var b = new Builder();
        b.SCall[(int)Show] = new[] { new DispatchEntry(0, 0), new DispatchEntry(0, 1) };
        AssertOnly(b, "scall dispatch list for TypeId 10 is not strictly sorted/unique by MethodId");
    }

    [Test]
    public void Assoc_type_dispatch_is_checked()
    {
        var b = new Builder();
        b.Assoc[(int)Point] = new[]
        {
            new AssocTypeEntry(Show, "Item", 0),
            new AssocTypeEntry(Show, "Item", 1),   // duplicate
            new AssocTypeEntry(99, "", 7),
        };
        Assert.That(Messages(Verify(b)), Is.EqualTo(new[]
        {
            "assoc_type_dispatch list for TypeId 8 is not strictly sorted/unique by (interface, assoc)",
            "assoc_type_dispatch for TypeId 8 contains invalid interface TypeId 99 (types=11)",
            "assoc_type_dispatch for TypeId 8 contains empty assoc name",
            "assoc_type_dispatch entry (TypeId 8, interface TypeId 99, assoc ``) points to invalid function id 7",
        }));
    }

    [Test]
    public void Assoc_names_are_ordered_by_code_point_like_rust_strings()
    {
        // U+FF21 sorts before U+1F600 by code point (and UTF-8 bytes), but after its surrogates in UTF-16.
        var b = new Builder();
        b.Assoc[(int)Point] = new[] { new AssocTypeEntry(Show, "\uFF21", 0), new AssocTypeEntry(Show, "\U0001F600", 0) };
        Assert.That(Messages(Verify(b)), Is.Empty);
        b.Assoc[(int)Point] = new[] { new AssocTypeEntry(Show, "\U0001F600", 0), new AssocTypeEntry(Show, "\uFF21", 0) };
        AssertOnly(b, "assoc_type_dispatch list for TypeId 8 is not strictly sorted/unique by (interface, assoc)");
    }

    [Test]
    public void Interface_impls_must_be_valid_and_sorted()
    {
        var b = new Builder();
        b.Impls[(int)Point] = new uint[] { Show, Opt, 40 };
        Assert.That(Messages(Verify(b)), Is.EqualTo(new[]
        {
            "interface_impls list for TypeId 8 is not strictly sorted/unique",
            "interface_impls for TypeId 8 contains invalid interface TypeId 40 (types=11)",
        }));
    }

    [Test]
    public void Struct_layout_field_names_must_not_be_empty()
    {
        var b = new Builder();
        b.Layouts[(int)Point] = new[] { "x", "" };
        b.Schemas.Remove((int)Point);
        AssertOnly(b, "struct_layouts for `Point` contains empty field name");
    }

    // ---- ABI schemas and signatures --------------------------------------------------------

    [Test]
    public void Struct_schema_needs_a_layout_with_the_same_fields()
    {
        var b = new Builder();
        b.Layouts.Remove((int)Point);
        AssertOnly(b, "abi_schemas[8] is Struct but type id 8 (`Point`) has no struct_layout");

        b = new Builder();
        b.Layouts[(int)Point] = new[] { "x" };
        AssertOnly(b, "abi schema for struct id 8 (`Point`) has 2 fields but struct_layout has 1");

        b = new Builder();
        b.Layouts[(int)Point] = new[] { "x", "z" };
        AssertOnly(b, "abi schema for struct id 8 (`Point`) field 1 name mismatch: schema has `y`, layout has `z`");
    }

    [Test]
    public void Schema_types_are_checked_against_the_schema_type_params()
    {
        var b = new Builder();
        b.Schemas[(int)Opt] = AbiSchema.Enum(1, new[] { new AbiEnumVariant("Some", new[] { AbiType.TypeParam(1) }) });
        AssertOnly(b, "abi schema for enum id 9 variant `Some` field 0: schema type param index 1 out of bounds (type_params=1)");

        b = new Builder();
        b.Schemas[(int)Point] = AbiSchema.Struct(0, new[]
        {
            new AbiStructField("x", AbiType.Struct(Show, Array.Empty<AbiType>())),
            new AbiStructField("y", AbiType.Enum(Opt, Array.Empty<AbiType>())),
        });
        Assert.That(Messages(Verify(b)), Is.EqualTo(new[]
        {
            "abi schema for struct id 8 field `x`: AbiSchemaType::Struct refers to non-struct type id 10 (`Show`)",
            "abi schema for struct id 8 field `y`: AbiSchemaType::Enum `Opt` type arg arity mismatch: expected 1, got 0",
        }));
    }

    [Test]
    public void Host_import_signatures_use_the_reference_wording()
    {
        var b = new Builder();
        b.HostImports.Add(new HostImport("h", new HostFnSig(
            new[] { AbiType.Int, AbiType.Struct(2, Array.Empty<AbiType>()), AbiType.Array(AbiType.Enum(Point, Array.Empty<AbiType>())) },
            AbiType.Struct(77, Array.Empty<AbiType>()))));
        Assert.That(Messages(Verify(b)), Is.EqualTo(new[]
        {
            "host import `h` param 1: AbiType::Struct refers to non-struct type id 2 (`int`)",
            "host import `h` param 2: AbiType::Enum refers to type id 8 (`Point`) but abi schema is not an enum",
            "host import `h` return: invalid struct type id 77 (type_names=11)",
        }));
        Assert.That(Verify(b)[0].Table, Is.EqualTo("host_imports"));
    }

    [Test]
    public void Type_arguments_are_checked_before_the_nominal_type()
    {
        var b = new Builder();
        b.HostImports.Add(new HostImport("h", new HostFnSig(Array.Empty<AbiType>(),
            AbiType.Enum(99, new[] { AbiType.Struct(Point, new[] { AbiType.Int }) }))));
        AssertOnly(b, "host import `h` return: AbiType::Struct `Point` type arg arity mismatch: expected 0, got 1");
    }

    [Test]
    public void External_effect_signatures_are_checked()
    {
        var b = new Builder();
        b.Effects.Add(new ExternalEffectDecl("Io", "read", new HostFnSig(new[] { AbiType.Enum(50, Array.Empty<AbiType>()) },
            AbiType.Struct(Point, new[] { AbiType.Int }))));
        Assert.That(Messages(Verify(b)), Is.EqualTo(new[]
        {
            "external effect `Io.read` param 0: invalid enum type id 50 (type_names=11)",
            "external effect `Io.read` return: AbiType::Struct `Point` type arg arity mismatch: expected 0, got 1",
        }));
    }

    // ---- instructions ----------------------------------------------------------------------

    [Test]
    public void Register_out_of_range_names_function_pc_and_operand()
    {
        var b = new Builder().Main(2, new UnaryInstr(Opcode.Copy, 1, 0), new UnaryInstr(Opcode.Copy, 40, 0), new ReturnInstr(0));
        var e = Single(b);
        Assert.That(e.Function, Is.EqualTo("main"));
        Assert.That(e.Pc, Is.EqualTo(1));
        Assert.That(e.Table, Is.Null);
        Assert.That(e.Message, Is.EqualTo("function `main` pc 1: dst: reg 40 out of range (reg_count=2)"));
        Assert.That(e.ToString(), Is.EqualTo(e.Message));
    }

    [Test]
    public void Every_operand_register_is_checked_in_operand_order()
    {
        var b = new Builder().Main(1,
            new BinaryInstr(Opcode.IsType, 1, 2, 3),
            new BinaryInstr(Opcode.IndexGet, 0, 4, 0),
            new UnaryInstr(Opcode.IntNot, 0, 5),
            new UnaryInstr(Opcode.Len, 0, 6),
            new IndexSetInstr(7, 0, 8),
            new IndexedGetInstr(Opcode.TupleGet, 0, 9, 0),
            new IndexedSetInstr(Opcode.StructSet, 10, 0, 0),
            new MakeSeqInstr(Opcode.MakeTuple, 0, new uint[] { 0, 11 }),
            new ICallInstr(new OptReg(12), 13, new uint[] { 14 }),
            new ResumeInstr(OptReg.None, 15, 16),
            new ReturnMultiInstr(new uint[] { 17 }));
        Assert.That(Messages(Verify(b)), Is.EqualTo(new[]
        {
            "function `main` pc 0: dst: reg 1 out of range (reg_count=1)",
            "function `main` pc 0: value: reg 2 out of range (reg_count=1)",
            "function `main` pc 0: ty: reg 3 out of range (reg_count=1)",
            "function `main` pc 1: arr: reg 4 out of range (reg_count=1)",
            "function `main` pc 2: v: reg 5 out of range (reg_count=1)",
            "function `main` pc 3: arr: reg 6 out of range (reg_count=1)",
            "function `main` pc 4: arr: reg 7 out of range (reg_count=1)",
            "function `main` pc 4: value: reg 8 out of range (reg_count=1)",
            "function `main` pc 5: tup: reg 9 out of range (reg_count=1)",
            "function `main` pc 6: obj: reg 10 out of range (reg_count=1)",
            "function `main` pc 7: item: reg 11 out of range (reg_count=1)",
            "function `main` pc 8: dst: reg 12 out of range (reg_count=1)",
            "function `main` pc 8: fnptr: reg 13 out of range (reg_count=1)",
            "function `main` pc 8: arg: reg 14 out of range (reg_count=1)",
            "function `main` pc 9: k: reg 15 out of range (reg_count=1)",
            "function `main` pc 9: value: reg 16 out of range (reg_count=1)",
            "function `main` pc 10: return value: reg 17 out of range (reg_count=1)",
        }));
    }

    [Test]
    public void Jump_targets_must_be_inside_the_code()
    {
        var b = new Builder().Main(1,
            new JumpInstr(3),
            new JumpIfInstr(0, 1, 9),
            new SwitchInstr(0, new[] { new SwitchCase(Pattern.Wildcard, 5, Array.Empty<uint>()) }, 4));
        Assert.That(Messages(Verify(b)), Is.EqualTo(new[]
        {
            "function `main` pc 0: jump: pc 3 out of range (code_len=3)",
            "function `main` pc 1: else: pc 9 out of range (code_len=3)",
            "function `main` pc 2: default: pc 4 out of range (code_len=3)",
            "function `main` pc 2: case target: pc 5 out of range (code_len=3)",
        }));
    }

    [Test]
    public void Switch_case_param_regs_must_match_the_pattern_binds()
    {
        var pattern = Pattern.Tuple(new[] { Pattern.Bind, Pattern.Wildcard }, Pattern.Bind, new[] { Pattern.Struct("Point", new[] { "x" }, new[] { Pattern.Bind }) });
        var b = new Builder().Main(4,
            new SwitchInstr(0, new[] { new SwitchCase(pattern, 1, new uint[] { 1, 2 }) }, 1),
            new ReturnInstr(0));
        AssertOnly(b, "function `main` pc 0: switch case param_regs length 2 does not match expected 3");
    }

    [Test]
    public void Handler_clause_params_are_the_binds_plus_an_optional_continuation()
    {
        static PushHandlerInstr Handler(uint[] regs) => new(new[]
        {
            new HandlerClause(new EffectSpec("Io", Array.Empty<uint>(), "read"), new[] { Pattern.Bind, Pattern.Lit(ConstValue.Int(3)) }, 1, regs),
        });
        var b = new Builder().Main(4, Handler(new uint[] { 0, 1, 2 }), new ReturnInstr(0));
        AssertOnly(b, "function `main` pc 0: handler clause param_regs length 3 does not match expected 1 or 2");
        b = new Builder().Main(4, Handler(Array.Empty<uint>()), new ReturnInstr(0));
        AssertOnly(b, "function `main` pc 0: handler clause param_regs length 0 does not match expected 1 or 2");
    }

    [Test]
    public void Effect_specs_need_names_and_valid_interface_args()
    {
        var b = new Builder().Main(2,
            new PushHandlerInstr(new[] { new HandlerClause(new EffectSpec("", new uint[] { 5 }, ""), Array.Empty<Pattern>(), 7, new uint[] { 9 }) }),
            new PerformInstr(new OptReg(3), new EffectSpec("Io", new uint[] { 6 }, ""), new uint[] { 8 }));
        Assert.That(Messages(Verify(b)), Is.EqualTo(new[]
        {
            "function `main` pc 0: handler effect: empty interface name",
            "function `main` pc 0: handler effect: empty method name",
            "function `main` pc 0: handler effect: interface arg: reg 5 out of range (reg_count=2)",
            "function `main` pc 0: handler target: pc 7 out of range (code_len=2)",
            "function `main` pc 0: handler param reg: reg 9 out of range (reg_count=2)",
            "function `main` pc 1: dst: reg 3 out of range (reg_count=2)",
            "function `main` pc 1: perform effect: empty method name",
            "function `main` pc 1: perform effect: interface arg: reg 6 out of range (reg_count=2)",
            "function `main` pc 1: perform arg: reg 8 out of range (reg_count=2)",
        }));
    }

    [Test]
    public void Call_targets_must_exist()
    {
        var b = new Builder().Main(1,
            new CallInstr(OptReg.None, new CallTarget(CallKind.Bc, 2), Array.Empty<uint>()),
            new CallInstr(OptReg.None, new CallTarget(CallKind.Host, 0), Array.Empty<uint>()),
            new CallInstr(OptReg.None, new CallTarget(CallKind.Intrinsic, Tags.IntrinsicCount), Array.Empty<uint>()),
            new CallInstr(OptReg.None, new CallTarget(CallKind.Intrinsic, (uint)Intrinsic.StringToUtf8Bytes), Array.Empty<uint>()));
        Assert.That(Messages(Verify(b)), Is.EqualTo(new[]
        {
            "function `main` pc 0: invalid function id 2",
            "function `main` pc 1: invalid host import id 0",
            "function `main` pc 2: invalid intrinsic id 90",
        }));
    }

    [Test]
    public void Dispatch_calls_check_the_method_id_first()
    {
        var b = new Builder().Main(1,
            new DispatchCallInstr(Opcode.VCall, new OptReg(0), 3, 1, new uint[] { 4 }, new uint[] { 5 }),
            new DispatchCallInstr(Opcode.SCall, OptReg.None, 6, 0, Array.Empty<uint>(), Array.Empty<uint>()));
        Assert.That(Messages(Verify(b)), Is.EqualTo(new[]
        {
            "function `main` pc 0: method id: MethodId 1 out of range (methods=1)",
            "function `main` pc 0: obj: reg 3 out of range (reg_count=1)",
            "function `main` pc 0: method type arg: reg 4 out of range (reg_count=1)",
            "function `main` pc 0: arg: reg 5 out of range (reg_count=1)",
            "function `main` pc 1: self_ty: reg 6 out of range (reg_count=1)",
        }));
    }

    [Test]
    public void Make_struct_needs_a_type_with_a_struct_layout()
    {
        var b = new Builder().Main(2,
            new MakeStructInstr(0, Point, Array.Empty<uint>(), new[] { "x", "y" }, new uint[] { 1, 1 }),
            new MakeStructInstr(0, Opt, Array.Empty<uint>(), Array.Empty<string>(), Array.Empty<uint>()),
            new MakeStructInstr(0, 11, new uint[] { 3 }, new[] { "x" }, new uint[] { 4 }),
            new MakeEnumInstr(5, 12, Array.Empty<uint>(), "Some", new uint[] { 6 }));
        Assert.That(Messages(Verify(b)), Is.EqualTo(new[]
        {
            "function `main` pc 1: missing struct layout for `Opt`",
            "function `main` pc 2: type id: TypeId 11 out of range (types=11)",
            "function `main` pc 2: type arg: reg 3 out of range (reg_count=2)",
            "function `main` pc 2: field value: reg 4 out of range (reg_count=2)",
            "function `main` pc 3: enum type id: TypeId 12 out of range (types=11)",
            "function `main` pc 3: dst: reg 5 out of range (reg_count=2)",
            "function `main` pc 3: enum field: reg 6 out of range (reg_count=2)",
        }));
    }

    [Test]
    public void Typerep_literals_must_name_interned_types()
    {
        var b = new Builder().Main(1,
            new ConstInstr(0, ConstValue.OfTypeRep(TypeRepLit.Named(TypeRepKind.Struct, "Nope"))),
            new ConstInstr(0, ConstValue.OfTypeRep(TypeRepLit.Named(TypeRepKind.Interface, "Show"))),
            new MakeTypeRepInstr(0, TypeRepLit.Named(TypeRepKind.Enum, "Gone"), new uint[] { 2 }),
            new AssocTypeRepInstr(0, 0, 30, ""));
        Assert.That(Messages(Verify(b)), Is.EqualTo(new[]
        {
            "function `main` pc 0: const typerep: unknown type name `Nope` (not interned)",
            "function `main` pc 2: MakeTypeRep base: unknown type name `Gone` (not interned)",
            "function `main` pc 2: MakeTypeRep arg: reg 2 out of range (reg_count=1)",
            "function `main` pc 3: iface type id: TypeId 30 out of range (types=11)",
            "function `main` pc 3: AssocTypeRep has empty assoc name",
        }));
    }

    [Test]
    public void Opcode_that_does_not_fit_the_operand_shape_is_rejected()
    {
        var b = new Builder().Main(1, new UnaryInstr(Opcode.IntAdd, 0, 0), new ReturnInstr(0));
        var e = Single(b);
        Assert.That(e.Pc, Is.EqualTo(0));
        Assert.That(e.Message, Does.StartWith("function `main` pc 0: opcode 19 "));
    }

    // ---- return arities --------------------------------------------------------------------

    [Test]
    public void Return_and_return_multi_cannot_be_mixed()
    {
        var b = new Builder();
        b.Add(Fn("f", 2, 0, new ReturnMultiInstr(new uint[] { 0, 1 }), new ReturnInstr(0), new ReturnInstr(1)));
        var e = Single(b);
        Assert.That(e.Message, Is.EqualTo("function `f` mixes Return and ReturnMulti"));
        Assert.That(e.Function, Is.EqualTo("f"));
        Assert.That(e.Pc, Is.EqualTo(1));
    }

    [Test]
    public void Return_multi_arity_must_be_consistent_and_non_zero()
    {
        var b = new Builder();
        b.Add(Fn("f", 3, 0, new ReturnMultiInstr(new uint[] { 0, 1 }), new ReturnMultiInstr(new uint[] { 0, 1, 2 })));
        b.Add(Fn("g", 1, 0, new ReturnMultiInstr(Array.Empty<uint>())));
        Assert.That(Messages(Verify(b)), Is.EqualTo(new[]
        {
            "function `f` has inconsistent ReturnMulti arity: expected 2, got 3",
            "function `g` has invalid ReturnMulti with 0 values",
        }));
    }

    [Test]
    public void Calls_must_agree_with_the_callee_return_arity()
    {
        var b = new Builder();
        b.Add(Fn("pair", 2, 0, new ReturnMultiInstr(new uint[] { 0, 1 })));
        b.Add(Fn("user", 3, 0,
            new CallInstr(new OptReg(0), new CallTarget(CallKind.Bc, 2), Array.Empty<uint>()),
            new CallMultiInstr(new uint[] { 0, 1, 2 }, new CallTarget(CallKind.Bc, 2), Array.Empty<uint>()),
            new CallMultiInstr(new uint[] { 0 }, new CallTarget(CallKind.Intrinsic, 0), Array.Empty<uint>()),
            new CallMultiInstr(Array.Empty<uint>(), new CallTarget(CallKind.Bc, 1), Array.Empty<uint>()),
            new CallMultiInstr(new uint[] { 0 }, new CallTarget(CallKind.Bc, 1), Array.Empty<uint>())));
        Assert.That(Messages(Verify(b)), Is.EqualTo(new[]
        {
            "function `user` pc 0: Call expects single return, but callee `pair` returns 2 values",
            "function `user` pc 1: CallMulti dst count 3 does not match callee `pair` return arity 2",
            "function `user` pc 2: CallMulti only supports bytecode functions",
            "function `user` pc 3: CallMulti requires at least one dst register",
        }));
    }

    // ---- several problems at once ----------------------------------------------------------

    [Test]
    public void Several_problems_are_all_reported_in_reference_order()
    {
        var b = new Builder { Entry = 9 };
        b.Types.Remove("float");
        b.VCall.Clear(); b.Impls.Clear(); b.Layouts.Clear(); b.Schemas.Clear();
        b.VCall[0] = new[] { new DispatchEntry(0, 42) };
        b.Functions[0] = Fn("main", 2, 0,
            new CallInstr(new OptReg(0), new CallTarget(CallKind.Bc, 2), Array.Empty<uint>()),
            new JumpInstr(10),
            new ReturnInstr(3));
        b.Functions[1] = Fn("helper", 1, 2, new ReturnInstr(0));
        b.Add(Fn("pair", 2, 0, new ReturnMultiInstr(new uint[] { 0, 1 }), new ReturnInstr(0)));
        var errors = Verify(b);
        Assert.That(Messages(errors), Is.EqualTo(new[]
        {
            "entry function id 9 out of range (functions=3)",
            "missing required primitive type name `float` in type table",
            "vcall dispatch entry (TypeId 0, MethodId 0) points to invalid function id 42",
            "function `pair` mixes Return and ReturnMulti",
            "function `main` pc 1: jump: pc 10 out of range (code_len=3)",
            "function `main` pc 2: return value: reg 3 out of range (reg_count=2)",
            "function `helper` has param_count 2 > reg_count 1",
        }));
        Assert.That(errors[4].Function, Is.EqualTo("main"));
        Assert.That(errors[4].Pc, Is.EqualTo(1));
        Assert.That(errors[3].Pc, Is.EqualTo(1));
    }

    // ---- the reference corpus and the loader -----------------------------------------------

    /// <summary>Every .rbc of the corpus (cases/ and bench/): the reference accepted all of them.</summary>
    public static IEnumerable<TestCaseData> CorpusFiles()
    {
        var files = new List<string>(Paths.CorpusCases());
        files.AddRange(Directory.GetFiles(Path.Combine(Paths.Corpus, "bench"), "*.rbc"));
        files.Sort(StringComparer.Ordinal);
        foreach (var f in files)
            yield return new TestCaseData(f).SetName("Corpus_module_verifies(" + Path.GetFileName(f) + ")");
    }

    [TestCaseSource(nameof(CorpusFiles))]
    public void Corpus_module_verifies(string path)
    {
        var errors = Verifier.Verify(RbcReader.Decode(File.ReadAllBytes(path)));
        Assert.That(Messages(errors), Is.Empty);
    }

    [Test]
    public void Loader_returns_a_verified_corpus_module()
    {
        var path = Path.Combine(Paths.Corpus, "cases", "001_smoke_unit.rbc");
        var m = ModuleLoader.Load(File.ReadAllBytes(path));
        Assert.That(m.TryGetFunctionId("main", out var main) && main == m.Entry);
    }

    [Test]
    public void Loader_reports_every_verifier_error_with_the_first_in_its_message()
    {
        var b = new Builder().Main(2, new JumpInstr(7), new ReturnInstr(5));
        var bytes = RbcWriter.Encode(b.Build());
        var ex = Assert.Throws<ModuleLoadException>(() => ModuleLoader.Load(bytes));
        Assert.That(Messages(ex!.Errors), Is.EqualTo(new[]
        {
            "function `main` pc 0: jump: pc 7 out of range (code_len=2)",
            "function `main` pc 1: return value: reg 5 out of range (reg_count=2)",
        }));
        Assert.That(ex.Message, Is.EqualTo("function `main` pc 0: jump: pc 7 out of range (code_len=2) (and 1 more)"));
    }

    [Test]
    public void Loader_lets_decode_errors_through_with_their_offset()
    {
        var bytes = RbcWriter.Encode(new Builder().Build());
        var ex = Assert.Throws<DecodeException>(() => ModuleLoader.Load(bytes.AsSpan(0, bytes.Length - 1)));
        Assert.That(ex!.Offset, Is.GreaterThan(0).And.LessThanOrEqualTo(bytes.Length - 1));
    }
}
