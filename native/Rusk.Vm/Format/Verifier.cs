// The bytecode verifier (BYTECODE_SPEC.md §4.1, §4.3): the table-integrity and per-instruction
// rules of the reference's `verify_module`, run after decoding and before anything executes.
using System.Collections.Generic;

namespace Rusk.Vm.Format;

/// <summary>
/// Checks a decoded <see cref="Module"/> against the reference verifier's rules. The reference
/// stops at its first problem; we report every problem, in the order the reference looks for them,
/// so our first error is the reference's error (with the same wording). Checks that depend on an
/// earlier one that failed (e.g. a struct layout behind an out-of-range TypeId) are skipped.
/// </summary>
internal static class Verifier
{
    // Needed for unified runtime dispatch on primitives (the reference requires them too).
    static readonly string[] PrimitiveTypeNames = { "unit", "bool", "int", "float", "byte", "char", "string", "bytes" };

    /// <summary>Every problem found in <paramref name="module"/>; empty when it is valid.</summary>
    public static IReadOnlyList<VerifyError> Verify(Module module)
    {
        var pass = new Pass(module);
        pass.Run();
        return pass.Errors;
    }

    sealed class Pass
    {
        readonly Module _m;
        public readonly List<VerifyError> Errors = new();

        // The function being checked, for instruction-level messages.
        string _fn = "";
        int _pc;
        uint _regCount;
        uint _codeLen;

        public Pass(Module m) { _m = m; }

        public void Run()
        {
            CheckModuleTables();
            CheckTypeNames();
            CheckAbiSchemas();
            CheckMethodNames();
            CheckPrimitiveTypeNames();
            CheckDispatch(_m.VCallDispatch, "vcall", "vcall_dispatch");
            CheckDispatch(_m.SCallDispatch, "scall", "scall_dispatch");
            CheckAssocTypeDispatch();
            CheckInterfaceImpls();
            CheckStructLayouts();
            int[] arities = ReturnArities();
            for (int i = 0; i < _m.Functions.Length; i++) CheckFunction(i, _m.Functions[i]);
            CheckCallReturnArities(arities);
        }

        void Table(string table, string message) => Errors.Add(VerifyError.InTable(table, message));

        string TypeName(uint id) => id < (uint)_m.TypeNames.Length ? _m.TypeNames[id] : "<unknown>";

        // ---- module tables -------------------------------------------------------------------

        void CheckModuleTables()
        {
            // Duplicate names and per-type table lengths are already refused by the Module
            // constructor, so of the reference's first checks only these two remain.
            if (_m.FunctionGenericParams.Length != _m.Functions.Length)
                Table("function_generic_params",
                    $"function_generic_params length {_m.FunctionGenericParams.Length} does not match functions length {_m.Functions.Length}");
            if (_m.Entry >= (uint)_m.Functions.Length)
                Table("entry", $"entry function id {_m.Entry} out of range (functions={_m.Functions.Length})");

            foreach (var import in _m.HostImports)
            {
                for (int i = 0; i < import.Sig.Params.Length; i++)
                {
                    var problem = AbiTypeProblem(import.Sig.Params[i], -1);
                    if (problem != null) Table("host_imports", $"host import `{import.Name}` param {i}: {problem}");
                }
                var ret = AbiTypeProblem(import.Sig.Ret, -1);
                if (ret != null) Table("host_imports", $"host import `{import.Name}` return: {ret}");
            }

            foreach (var decl in _m.ExternalEffects)
            {
                for (int i = 0; i < decl.Sig.Params.Length; i++)
                {
                    var problem = AbiTypeProblem(decl.Sig.Params[i], -1);
                    if (problem != null)
                        Table("external_effects", $"external effect `{decl.Interface}.{decl.Method}` param {i}: {problem}");
                }
                var ret = AbiTypeProblem(decl.Sig.Ret, -1);
                if (ret != null) Table("external_effects", $"external effect `{decl.Interface}.{decl.Method}` return: {ret}");
            }
        }

        void CheckTypeNames()
        {
            foreach (var name in _m.TypeNames)
                if (name.Length == 0) Table("type_names", "type_names contains empty type name");
        }

        void CheckMethodNames()
        {
            foreach (var name in _m.MethodNames)
                if (name.Length == 0) Table("method_names", "method_names contains empty method name");
        }

        void CheckPrimitiveTypeNames()
        {
            foreach (var name in PrimitiveTypeNames)
                if (!_m.TryGetTypeId(name, out _))
                    Table("type_names", $"missing required primitive type name `{name}` in type table");
        }

        void CheckAbiSchemas()
        {
            for (uint idx = 0; idx < (uint)_m.AbiSchemas.Length; idx++)
            {
                var schema = _m.AbiSchemas[idx];
                if (schema == null) continue;
                if (schema.IsEnum)
                {
                    foreach (var variant in schema.Variants)
                        for (int i = 0; i < variant.Fields.Length; i++)
                        {
                            var problem = AbiTypeProblem(variant.Fields[i], schema.TypeParams);
                            if (problem != null)
                                Table("abi_schemas", $"abi schema for enum id {idx} variant `{variant.Name}` field {i}: {problem}");
                        }
                    continue;
                }

                var layout = _m.StructLayouts[idx];
                bool compareNames = false;
                if (layout == null)
                    Table("abi_schemas", $"abi_schemas[{idx}] is Struct but type id {idx} (`{TypeName(idx)}`) has no struct_layout");
                else if (schema.Fields.Length != layout.Length)
                    Table("abi_schemas",
                        $"abi schema for struct id {idx} (`{TypeName(idx)}`) has {schema.Fields.Length} fields but struct_layout has {layout.Length}");
                else
                    compareNames = true;

                for (int i = 0; i < schema.Fields.Length; i++)
                {
                    var field = schema.Fields[i];
                    if (compareNames && field.Name != layout![i])
                        Table("abi_schemas",
                            $"abi schema for struct id {idx} (`{TypeName(idx)}`) field {i} name mismatch: schema has `{field.Name}`, layout has `{layout[i]}`");
                    var problem = AbiTypeProblem(field.Type, schema.TypeParams);
                    if (problem != null) Table("abi_schemas", $"abi schema for struct id {idx} field `{field.Name}`: {problem}");
                }
            }
        }

        /// <summary>
        /// The first problem of an ABI type (host signatures: <paramref name="schemaTypeParams"/> = -1)
        /// or of a schema type with that many type parameters; null when it is fine.
        /// </summary>
        string? AbiTypeProblem(AbiType t, long schemaTypeParams)
        {
            string prefix = schemaTypeParams < 0 ? "AbiType" : "AbiSchemaType";
            switch (t.Kind)
            {
                case AbiKind.Array:
                    return AbiTypeProblem(t.Elem!, schemaTypeParams);
                case AbiKind.Tuple:
                    foreach (var item in t.Items)
                    {
                        var p = AbiTypeProblem(item, schemaTypeParams);
                        if (p != null) return p;
                    }
                    return null;
                case AbiKind.Struct:
                case AbiKind.Enum:
                {
                    // Type arguments are checked before the nominal type itself, as the reference does.
                    foreach (var arg in t.Items)
                    {
                        var p = AbiTypeProblem(arg, schemaTypeParams);
                        if (p != null) return p;
                    }
                    bool isStruct = t.Kind == AbiKind.Struct;
                    string what = isStruct ? "Struct" : "Enum";
                    if (t.Id >= (uint)_m.TypeNames.Length)
                        return $"invalid {(isStruct ? "struct" : "enum")} type id {t.Id} (type_names={_m.TypeNames.Length})";
                    string name = _m.TypeNames[t.Id];
                    if (isStruct && _m.StructLayouts[t.Id] == null)
                        return $"{prefix}::Struct refers to non-struct type id {t.Id} (`{name}`)";
                    var schema = _m.AbiSchemas[t.Id];
                    if (schema != null)
                    {
                        if (schema.IsEnum == isStruct)
                            return $"{prefix}::{what} refers to type id {t.Id} (`{name}`) but abi schema is not {(isStruct ? "a struct" : "an enum")}";
                        if ((uint)t.Items.Length != schema.TypeParams)
                            return $"{prefix}::{what} `{name}` type arg arity mismatch: expected {schema.TypeParams}, got {t.Items.Length}";
                    }
                    return null;
                }
                case AbiKind.TypeParam:
                    // Not representable in the reference's AbiType; only a hand-built module has it.
                    if (schemaTypeParams < 0) return $"type param {t.Id} outside an abi schema";
                    if (t.Id >= schemaTypeParams)
                        return $"schema type param index {t.Id} out of bounds (type_params={schemaTypeParams})";
                    return null;
                default:
                    return t.Kind <= AbiKind.Char ? null : $"invalid abi type kind {(int)t.Kind}";
            }
        }

        void CheckDispatch(DispatchEntry[][] table, string kind, string tableName)
        {
            uint methods = (uint)_m.MethodNames.Length;
            for (int type = 0; type < table.Length; type++)
            {
                var entries = table[type];
                if (entries == null) continue;
                bool unsortedReported = false;
                for (int i = 0; i < entries.Length; i++)
                {
                    var e = entries[i];
                    if (e.MethodId >= methods)
                        Table(tableName, $"{kind} dispatch entry for TypeId {type} has invalid MethodId {e.MethodId} (methods={methods})");
                    if (i > 0 && entries[i - 1].MethodId >= e.MethodId && !unsortedReported)
                    {
                        Table(tableName, $"{kind} dispatch list for TypeId {type} is not strictly sorted/unique by MethodId");
                        unsortedReported = true;
                    }
                    if (e.FunctionId >= (uint)_m.Functions.Length)
                        Table(tableName,
                            $"{kind} dispatch entry (TypeId {type}, MethodId {e.MethodId}) points to invalid function id {e.FunctionId}");
                }
            }
        }

        void CheckAssocTypeDispatch()
        {
            uint types = (uint)_m.TypeNames.Length;
            for (int type = 0; type < _m.AssocTypeDispatch.Length; type++)
            {
                var entries = _m.AssocTypeDispatch[type];
                if (entries == null) continue;
                bool unsortedReported = false;
                for (int i = 0; i < entries.Length; i++)
                {
                    var e = entries[i];
                    if (e.IfaceTypeId >= types)
                        Table("assoc_type_dispatch",
                            $"assoc_type_dispatch for TypeId {type} contains invalid interface TypeId {e.IfaceTypeId} (types={types})");
                    if (e.Assoc.Length == 0)
                        Table("assoc_type_dispatch", $"assoc_type_dispatch for TypeId {type} contains empty assoc name");
                    if (i > 0 && !unsortedReported)
                    {
                        var prev = entries[i - 1];
                        if (prev.IfaceTypeId > e.IfaceTypeId
                            || (prev.IfaceTypeId == e.IfaceTypeId && CompareCodePoints(prev.Assoc, e.Assoc) >= 0))
                        {
                            Table("assoc_type_dispatch",
                                $"assoc_type_dispatch list for TypeId {type} is not strictly sorted/unique by (interface, assoc)");
                            unsortedReported = true;
                        }
                    }
                    if (e.FunctionId >= (uint)_m.Functions.Length)
                        Table("assoc_type_dispatch",
                            $"assoc_type_dispatch entry (TypeId {type}, interface TypeId {e.IfaceTypeId}, assoc `{e.Assoc}`) points to invalid function id {e.FunctionId}");
                }
            }
        }

        void CheckInterfaceImpls()
        {
            uint types = (uint)_m.TypeNames.Length;
            for (int type = 0; type < _m.InterfaceImpls.Length; type++)
            {
                var ifaces = _m.InterfaceImpls[type];
                if (ifaces == null) continue;
                bool unsortedReported = false;
                for (int i = 0; i < ifaces.Length; i++)
                {
                    if (ifaces[i] >= types)
                        Table("interface_impls",
                            $"interface_impls for TypeId {type} contains invalid interface TypeId {ifaces[i]} (types={types})");
                    if (i > 0 && ifaces[i - 1] >= ifaces[i] && !unsortedReported)
                    {
                        Table("interface_impls", $"interface_impls list for TypeId {type} is not strictly sorted/unique");
                        unsortedReported = true;
                    }
                }
            }
        }

        void CheckStructLayouts()
        {
            for (uint type = 0; type < (uint)_m.StructLayouts.Length; type++)
            {
                var fields = _m.StructLayouts[type];
                if (fields == null) continue;
                foreach (var field in fields)
                    if (field.Length == 0)
                        Table("struct_layouts", $"struct_layouts for `{TypeName(type)}` contains empty field name");
            }
        }

        /// <summary>
        /// Rust orders strings by UTF-8 bytes, i.e. by code point; UTF-16 ordinal order differs only
        /// where a surrogate meets a unit in U+E000..U+FFFF, so shift those ranges apart.
        /// </summary>
        static int CompareCodePoints(string a, string b)
        {
            int n = a.Length < b.Length ? a.Length : b.Length;
            for (int i = 0; i < n; i++)
            {
                char x = a[i], y = b[i];
                if (x == y) continue;
                return CodePointRank(x) - CodePointRank(y);
            }
            return a.Length - b.Length;
        }

        static int CodePointRank(char c) => c >= 0xE000 ? c - 0x800 : c >= 0xD800 ? c + 0x2000 : c;

        // ---- return arities ------------------------------------------------------------------

        const int UnknownArity = -1;

        /// <summary>
        /// Each function's return arity (1 for Return or falling off the end, n for ReturnMulti n);
        /// <see cref="UnknownArity"/> when the function's returns disagree (reported here).
        /// </summary>
        int[] ReturnArities()
        {
            var arities = new int[_m.Functions.Length];
            for (int f = 0; f < _m.Functions.Length; f++)
            {
                var fn = _m.Functions[f];
                int multi = 0; // 0 = no ReturnMulti seen
                bool single = false;
                int arity = 1;
                for (int pc = 0; pc < fn.Code.Length; pc++)
                {
                    string? problem = null;
                    if (fn.Code[pc] is ReturnInstr)
                    {
                        if (multi > 0) problem = $"function `{fn.Name}` mixes Return and ReturnMulti";
                        single = true;
                    }
                    else if (fn.Code[pc] is ReturnMultiInstr rm)
                    {
                        int n = rm.Values.Length;
                        if (n == 0) problem = $"function `{fn.Name}` has invalid ReturnMulti with 0 values";
                        else if (single) problem = $"function `{fn.Name}` mixes Return and ReturnMulti";
                        else if (multi > 0 && multi != n)
                            problem = $"function `{fn.Name}` has inconsistent ReturnMulti arity: expected {multi}, got {n}";
                        else { multi = n; arity = n; }
                    }
                    if (problem != null)
                    {
                        // The first disagreement makes the function's arity meaningless; later ones add nothing.
                        Errors.Add(VerifyError.InFunction(fn.Name, pc, problem));
                        arity = UnknownArity;
                        break;
                    }
                }
                arities[f] = arity;
            }
            return arities;
        }

        void CheckCallReturnArities(int[] arities)
        {
            foreach (var fn in _m.Functions)
            {
                _fn = fn.Name;
                for (_pc = 0; _pc < fn.Code.Length; _pc++)
                {
                    if (fn.Code[_pc] is CallInstr call)
                    {
                        if (call.Target.Kind != CallKind.Bc || call.Target.Id >= (uint)arities.Length) continue;
                        int arity = arities[call.Target.Id];
                        if (arity != 1 && arity != UnknownArity)
                            At($"Call expects single return, but callee `{_m.Functions[call.Target.Id].Name}` returns {arity} values");
                    }
                    else if (fn.Code[_pc] is CallMultiInstr cm)
                    {
                        if (cm.Target.Kind != CallKind.Bc) { At("CallMulti only supports bytecode functions"); continue; }
                        if (cm.Dsts.Length == 0) { At("CallMulti requires at least one dst register"); continue; }
                        // An out-of-range callee was already reported by the instruction checks.
                        if (cm.Target.Id >= (uint)arities.Length) continue;
                        int arity = arities[cm.Target.Id];
                        if (arity != cm.Dsts.Length && arity != UnknownArity)
                            At($"CallMulti dst count {cm.Dsts.Length} does not match callee `{_m.Functions[cm.Target.Id].Name}` return arity {arity}");
                    }
                }
            }
        }

        // ---- function bodies -----------------------------------------------------------------

        void CheckFunction(int index, Function fn)
        {
            _fn = fn.Name;
            _regCount = fn.RegCount;
            _codeLen = (uint)fn.Code.Length;
            if (fn.ParamCount > fn.RegCount)
                Errors.Add(VerifyError.InFunction(fn.Name, -1,
                    $"function `{fn.Name}` has param_count {fn.ParamCount} > reg_count {fn.RegCount}"));

            uint generic = index < _m.FunctionGenericParams.Length ? _m.FunctionGenericParams[index] : 0;
            for (_pc = 0; _pc < fn.Code.Length; _pc++)
            {
                CheckInstruction(fn.Code[_pc]);
                // The reference tests the generic arity after each instruction, so it is reported
                // after pc 0's problems, and never for a function without code.
                if (_pc == 0 && fn.ParamCount < generic)
                    Errors.Add(VerifyError.InFunction(fn.Name, -1,
                        $"function `{fn.Name}` has param_count {fn.ParamCount} smaller than generic param count {generic}"));
            }
        }

        void At(string detail) => Errors.Add(VerifyError.InFunction(_fn, _pc, $"function `{_fn}` pc {_pc}: {detail}"));

        void Reg(uint reg, string context)
        {
            if (reg >= _regCount) At($"{context}: reg {reg} out of range (reg_count={_regCount})");
        }

        void Reg(OptReg reg, string context)
        {
            if (reg.HasValue) Reg(reg.Reg, context);
        }

        void Regs(uint[] regs, string context)
        {
            foreach (var r in regs) Reg(r, context);
        }

        void Target(uint pc, string context)
        {
            if (pc >= _codeLen) At($"{context}: pc {pc} out of range (code_len={_codeLen})");
        }

        bool TypeIdInRange(uint id, string context)
        {
            if (id < (uint)_m.TypeNames.Length) return true;
            At($"{context}: TypeId {id} out of range (types={_m.TypeNames.Length})");
            return false;
        }

        void MethodId(uint id, string context)
        {
            if (id >= (uint)_m.MethodNames.Length) At($"{context}: MethodId {id} out of range (methods={_m.MethodNames.Length})");
        }

        void TypeRepInterned(TypeRepLit lit, string context)
        {
            if (lit.Kind is TypeRepKind.Struct or TypeRepKind.Enum or TypeRepKind.Interface
                && !_m.TryGetTypeId(lit.Name!, out _))
                At($"{context}: unknown type name `{lit.Name}` (not interned)");
        }

        void Effect(EffectSpec spec, string context)
        {
            if (spec.Interface.Length == 0) At($"{context}: empty interface name");
            if (spec.Method.Length == 0) At($"{context}: empty method name");
            foreach (var r in spec.InterfaceArgs) Reg(r, context + ": interface arg");
        }

        void CallTarget(CallTarget target)
        {
            switch (target.Kind)
            {
                case CallKind.Bc:
                    if (target.Id >= (uint)_m.Functions.Length) At($"invalid function id {target.Id}");
                    break;
                case CallKind.Host:
                    if (target.Id >= (uint)_m.HostImports.Length) At($"invalid host import id {target.Id}");
                    break;
                case CallKind.Intrinsic:
                    // The reference's decoder already refuses unknown intrinsic tags; a hand-built
                    // module can still carry one.
                    if (target.Id >= Tags.IntrinsicCount) At($"invalid intrinsic id {target.Id}");
                    break;
                default:
                    At($"invalid call target kind {(int)target.Kind}");
                    break;
            }
        }

        /// <summary>Our operand classes are shared by several opcodes; a hand-built one may mismatch.</summary>
        bool ShapeFits(Instr instr) => instr switch
        {
            UnaryInstr => UnaryInstr.Accepts(instr.Op),
            BinaryInstr => BinaryInstr.Accepts(instr.Op),
            MakeSeqInstr => instr.Op is Opcode.MakeArray or Opcode.MakeTuple,
            IndexedGetInstr => instr.Op is Opcode.StructGet or Opcode.TupleGet,
            IndexedSetInstr => instr.Op is Opcode.StructSet or Opcode.TupleSet,
            DispatchCallInstr => instr.Op is Opcode.VCall or Opcode.SCall,
            _ => true,
        };

        void CheckInstruction(Instr instr)
        {
            if (!ShapeFits(instr))
            {
                At($"opcode {(int)instr.Op} does not fit its operand shape");
                return;
            }
            switch (instr)
            {
                case ConstInstr c:
                    Reg(c.Dst, "const dst");
                    if (c.Value.Kind == ConstKind.TypeRep) TypeRepInterned(c.Value.TypeRep!, "const typerep");
                    break;
                case UnaryInstr u:
                    Reg(u.Dst, "dst");
                    Reg(u.Src, u.Op switch
                    {
                        Opcode.Len => "arr",
                        Opcode.IntNot or Opcode.ByteNot or Opcode.BoolNot => "v",
                        _ => "src",
                    });
                    break;
                case BinaryInstr b:
                    Reg(b.Dst, "dst");
                    if (b.Op == Opcode.IsType) { Reg(b.A, "value"); Reg(b.B, "ty"); }
                    else if (b.Op == Opcode.IndexGet) { Reg(b.A, "arr"); Reg(b.B, "idx"); }
                    else { Reg(b.A, "a"); Reg(b.B, "b"); }
                    break;
                case MakeTypeRepInstr mt:
                    Reg(mt.Dst, "dst");
                    TypeRepInterned(mt.Base, "MakeTypeRep base");
                    Regs(mt.Args, "MakeTypeRep arg");
                    break;
                case AssocTypeRepInstr at:
                    Reg(at.Dst, "dst");
                    Reg(at.Recv, "recv");
                    TypeIdInRange(at.IfaceTypeId, "iface type id");
                    if (at.Assoc.Length == 0) At("AssocTypeRep has empty assoc name");
                    break;
                case MakeStructInstr ms:
                    if (TypeIdInRange(ms.TypeId, "type id") && _m.StructLayouts[ms.TypeId] == null)
                        At($"missing struct layout for `{TypeName(ms.TypeId)}`");
                    Reg(ms.Dst, "dst");
                    Regs(ms.TypeArgs, "type arg");
                    Regs(ms.FieldRegs, "field value");
                    if (ms.FieldNames.Length != ms.FieldRegs.Length)
                        At($"MakeStruct has {ms.FieldNames.Length} field names but {ms.FieldRegs.Length} field registers");
                    break;
                case MakeSeqInstr seq:
                    Reg(seq.Dst, "dst");
                    Regs(seq.Items, "item");
                    break;
                case MakeEnumInstr me:
                    TypeIdInRange(me.TypeId, "enum type id");
                    Reg(me.Dst, "dst");
                    Regs(me.TypeArgs, "type arg");
                    Regs(me.Fields, "enum field");
                    break;
                case GetFieldInstr gf:
                    Reg(gf.Dst, "dst");
                    Reg(gf.Obj, "obj");
                    break;
                case SetFieldInstr sf:
                    Reg(sf.Obj, "obj");
                    Reg(sf.Value, "value");
                    break;
                case IndexedGetInstr ig:
                    Reg(ig.Dst, "dst");
                    Reg(ig.Obj, ig.Op == Opcode.TupleGet ? "tup" : "obj");
                    break;
                case IndexedSetInstr iset:
                    Reg(iset.Obj, iset.Op == Opcode.TupleSet ? "tup" : "obj");
                    Reg(iset.Value, "value");
                    break;
                case IndexSetInstr ix:
                    Reg(ix.Arr, "arr");
                    Reg(ix.Idx, "idx");
                    Reg(ix.Value, "value");
                    break;
                case CallInstr call:
                    Reg(call.Dst, "dst");
                    CallTarget(call.Target);
                    Regs(call.Args, "arg");
                    break;
                case CallMultiInstr cm:
                    Regs(cm.Dsts, "dst");
                    CallTarget(cm.Target);
                    Regs(cm.Args, "arg");
                    break;
                case ICallInstr ic:
                    Reg(ic.Dst, "dst");
                    Reg(ic.FnPtr, "fnptr");
                    Regs(ic.Args, "arg");
                    break;
                case DispatchCallInstr dc:
                    MethodId(dc.Method, "method id");
                    Reg(dc.Dst, "dst");
                    Reg(dc.Receiver, dc.Op == Opcode.VCall ? "obj" : "self_ty");
                    Regs(dc.MethodTypeArgs, "method type arg");
                    Regs(dc.Args, "arg");
                    break;
                case PushHandlerInstr ph:
                    foreach (var clause in ph.Clauses)
                    {
                        Effect(clause.Effect, "handler effect");
                        Target(clause.TargetPc, "handler target");
                        Regs(clause.ParamRegs, "handler param reg");
                        int binds = 0;
                        foreach (var p in clause.ArgPatterns) binds += p.BindCount();
                        // Binds, plus the continuation register when the clause is resumptive (§6.1).
                        int n = clause.ParamRegs.Length;
                        if (n != binds && n != binds + 1)
                            At($"handler clause param_regs length {n} does not match expected {binds} or {binds + 1}");
                    }
                    break;
                case PopHandlerInstr:
                    break;
                case PerformInstr pf:
                    Reg(pf.Dst, "dst");
                    Effect(pf.Effect, "perform effect");
                    Regs(pf.Args, "perform arg");
                    break;
                case ResumeInstr rs:
                    Reg(rs.Dst, "dst");
                    Reg(rs.K, "k");
                    Reg(rs.Value, "value");
                    break;
                case ResumeTailInstr rt:
                    Reg(rt.K, "k");
                    Reg(rt.Value, "value");
                    break;
                case JumpInstr j:
                    Target(j.Target, "jump");
                    break;
                case JumpIfInstr ji:
                    Reg(ji.Cond, "cond");
                    Target(ji.Then, "then");
                    Target(ji.Else, "else");
                    break;
                case SwitchInstr sw:
                    Reg(sw.Value, "value");
                    Target(sw.Default, "default");
                    foreach (var c in sw.Cases)
                    {
                        Target(c.TargetPc, "case target");
                        Regs(c.ParamRegs, "case param");
                        int binds = c.Pattern.BindCount();
                        if (c.ParamRegs.Length != binds)
                            At($"switch case param_regs length {c.ParamRegs.Length} does not match expected {binds}");
                    }
                    break;
                case ReturnInstr r:
                    Reg(r.Value, "return value");
                    break;
                case ReturnMultiInstr rm:
                    // An empty ReturnMulti was already reported by the return-arity pass, as in the
                    // reference (whose own per-instruction message for it is therefore unreachable).
                    Regs(rm.Values, "return value");
                    break;
                case TrapInstr:
                    break;
                default:
                    At($"unknown instruction kind (opcode {(int)instr.Op})");
                    break;
            }
        }
    }
}
