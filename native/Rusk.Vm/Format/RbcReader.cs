// Decodes `.rbc` bytes into a Module: a straight walk of BYTECODE_SPEC.md §10.3–§10.5 in order, one
// method per table or tagged enum. Accepts what the reference decoder accepts before verification.
using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using Rusk.Vm.Execution;

namespace Rusk.Vm.Format;

/// <summary>
/// The `.rbc` decoder. Structural only: it does not run the verifier. Every failure is a
/// <see cref="DecodeException"/> naming the byte offset and what was expected there; no other
/// exception escapes, and no allocation is larger than a small multiple of the input.
/// </summary>
internal static class RbcReader
{
    /// <summary>
    /// Deepest nesting of patterns and ABI types accepted. The reference recurses without a limit
    /// on the native stack; hostile input must not be able to overflow ours.
    /// </summary>
    public const int MaxNesting = 64;

    static readonly byte[] Magic = { (byte)'R', (byte)'U', (byte)'S', (byte)'K', (byte)'B', (byte)'C', (byte)'0', 0 };

    /// <summary>Decodes a whole module; trailing bytes are an error.</summary>
    public static Module Decode(ReadOnlySpan<byte> bytes)
    {
        var d = new Decoder(bytes);
        d.ReadHeader();
        Module module = d.ReadModule();
        d.ExpectEnd();
        return module;
    }

    /// <summary>
    /// The cursor over the input. Each read checks the bounds once; lengths are checked against the
    /// bytes that remain (times the element's minimum encoded size) before any array is allocated.
    /// </summary>
    ref struct Decoder
    {
        readonly ReadOnlySpan<byte> _bytes;
        readonly StringTable _strings;
        // Recursive lists (patterns, ABI types) collect their items here and are copied out once
        // complete. Allocating `new T[n]` up front at every level would let nested lying lengths
        // reserve (nesting depth × input size) before the first missing byte is noticed.
        readonly List<Pattern> _patterns;
        readonly List<string> _names;
        readonly List<AbiType> _abiTypes;
        int _pos;
        int _depth;

        public Decoder(ReadOnlySpan<byte> bytes)
        {
            _bytes = bytes;
            _strings = new StringTable(bytes.Length);
            _patterns = new List<Pattern>();
            _names = new List<string>();
            _abiTypes = new List<AbiType>();
            _pos = 0;
            _depth = 0;
        }

        readonly int Remaining => _bytes.Length - _pos;

        // ---- §10.3 file header ------------------------------------------------------------------

        public void ReadHeader()
        {
            ReadOnlySpan<byte> magic = Magic;
            int have = Math.Min(_bytes.Length, magic.Length);
            if (!_bytes.Slice(0, have).SequenceEqual(magic.Slice(0, have)))
                throw new DecodeException(0, "expected magic \"RUSKBC0\\0\", found " + Hex(_bytes.Slice(0, have)));
            if (have < magic.Length)
                throw new DecodeException(have, "expected magic \"RUSKBC0\\0\", found end of input (truncated)");
            _pos = magic.Length;
            ushort major = U16("major version");
            ushort minor = U16("minor version");
            if (major != Module.VersionMajor || minor != Module.VersionMinor)
                throw new DecodeException(magic.Length,
                    $"expected version {Module.VersionMajor}.{Module.VersionMinor}, found {major}.{minor}");
        }

        public readonly void ExpectEnd()
        {
            if (_pos != _bytes.Length)
                throw new DecodeException(_pos, $"expected end of input, found {Remaining} trailing bytes");
        }

        // ---- §10.4 module layout ----------------------------------------------------------------

        public Module ReadModule()
        {
            int n = Len("functions_len", 16);
            var functions = n == 0 ? Array.Empty<Function>() : new Function[n];
            for (int i = 0; i < n; i++) functions[i] = ReadFunction();

            uint[] genericParams = U32s("function_generic_params_len");

            n = Len("host_imports_len", 9);
            var hostImports = n == 0 ? Array.Empty<HostImport>() : new HostImport[n];
            for (int i = 0; i < n; i++) hostImports[i] = ReadHostImport();

            string[] typeNames = Strings("type_names_len", "type name");
            string[] methodNames = Strings("method_names_len", "method name");
            int types = typeNames.Length;

            var vcall = ReadDispatchTable("vcall_dispatch_len", "vcall_dispatch", types);
            var scall = ReadDispatchTable("scall_dispatch_len", "scall_dispatch", types);
            var assoc = ReadAssocTypeDispatch(types);
            var impls = ReadInterfaceImpls(types);
            var layouts = ReadStructLayouts(types);
            var schemas = ReadAbiSchemas(types);

            n = Len("external_effects_len", 13);
            var effects = n == 0 ? Array.Empty<ExternalEffectDecl>() : new ExternalEffectDecl[n];
            for (int i = 0; i < n; i++) effects[i] = ReadExternalEffectDecl();

            uint entry = U32("entry");
            try
            {
                return new Module(functions, genericParams, hostImports, typeNames, methodNames,
                    vcall, scall, assoc, impls, layouts, schemas, effects, entry);
            }
            catch (ModuleException e)
            {
                // Duplicate names: the reference rejects them while decoding, so do we.
                throw new DecodeException(_pos, "expected unique names, found " + e.Message);
            }
        }

        Function ReadFunction()
        {
            string name = Str("function name");
            uint regCount = U32("reg_count");
            uint paramCount = U32("param_count");
            int n = Len("code_len", 1);
            var code = n == 0 ? Array.Empty<Instr>() : new Instr[n];
            for (int i = 0; i < n; i++) code[i] = ReadInstruction();
            return new Function(name, regCount, paramCount, code);
        }

        HostImport ReadHostImport()
        {
            string name = Str("host import name");
            return new HostImport(name, ReadHostFnSig());
        }

        ExternalEffectDecl ReadExternalEffectDecl()
        {
            string iface = Str("effect interface");
            string method = Str("effect method");
            return new ExternalEffectDecl(iface, method, ReadHostFnSig());
        }

        HostFnSig ReadHostFnSig()
        {
            AbiType[] ps = ReadAbiTypes("params_len", schema: false);
            return new HostFnSig(ps, ReadAbiType());
        }

        /// <summary>vcall_dispatch / scall_dispatch: sparse { type_id, method_id, fn_id } entries.</summary>
        DispatchEntry[][] ReadDispatchTable(string lenName, string table, int types)
        {
            int n = Len(lenName, 12);
            var keys = n == 0 ? Array.Empty<uint>() : new uint[n];
            var items = n == 0 ? Array.Empty<DispatchEntry>() : new DispatchEntry[n];
            for (int i = 0; i < n; i++)
            {
                int at = _pos;
                uint typeId = U32("type_id");
                uint methodId = U32("method_id");
                uint fnId = U32("fn_id");
                CheckTypeId(at, typeId, types, table);
                keys[i] = typeId;
                items[i] = new DispatchEntry(methodId, fnId);
            }
            return GroupByType(keys, items, types);
        }

        AssocTypeEntry[][] ReadAssocTypeDispatch(int types)
        {
            int n = Len("assoc_type_dispatch_len", 16);
            var keys = n == 0 ? Array.Empty<uint>() : new uint[n];
            var items = n == 0 ? Array.Empty<AssocTypeEntry>() : new AssocTypeEntry[n];
            for (int i = 0; i < n; i++)
            {
                int at = _pos;
                uint typeId = U32("type_id");
                uint ifaceTypeId = U32("iface_type_id");
                string assocName = Str("assoc name");
                uint fnId = U32("fn_id");
                CheckTypeId(at, typeId, types, "assoc_type_dispatch");
                keys[i] = typeId;
                items[i] = new AssocTypeEntry(ifaceTypeId, assocName, fnId);
            }
            return GroupByType(keys, items, types);
        }

        uint[][] ReadInterfaceImpls(int types)
        {
            var impls = new uint[types][];
            for (int t = 0; t < types; t++) impls[t] = Array.Empty<uint>();
            int n = Len("interface_impls_len", 8);
            for (int i = 0; i < n; i++)
            {
                int at = _pos;
                uint typeId = U32("type_id");
                CheckTypeId(at, typeId, types, "interface_impls");
                // A repeated TypeId replaces the earlier list, as in the reference decoder.
                impls[typeId] = U32s("ifaces_len");
            }
            return impls;
        }

        string[]?[] ReadStructLayouts(int types)
        {
            var layouts = new string[]?[types];
            int n = Len("struct_layouts_len", 8);
            for (int i = 0; i < n; i++)
            {
                int at = _pos;
                uint typeId = U32("type_id");
                CheckTypeId(at, typeId, types, "struct_layouts");
                if (layouts[typeId] != null)
                    throw new DecodeException(at, $"expected one struct_layouts entry per TypeId, found a second for TypeId {typeId}");
                layouts[typeId] = Strings("fields_len", "field name");
            }
            return layouts;
        }

        AbiSchema?[] ReadAbiSchemas(int types)
        {
            var schemas = new AbiSchema?[types];
            int n = Len("abi_schemas_len", 13);
            for (int i = 0; i < n; i++)
            {
                int at = _pos;
                uint typeId = U32("type_id");
                CheckTypeId(at, typeId, types, "abi_schemas");
                if (schemas[typeId] != null)
                    throw new DecodeException(at, $"expected one abi_schemas entry per TypeId, found a second for TypeId {typeId}");
                schemas[typeId] = ReadAbiSchema();
            }
            return schemas;
        }

        AbiSchema ReadAbiSchema()
        {
            int at = _pos;
            byte kind = U8("abi schema kind");
            if (kind == 1)
            {
                uint typeParams = U32("type_params");
                int n = Len("fields_len", 5);
                var fields = n == 0 ? Array.Empty<AbiStructField>() : new AbiStructField[n];
                for (int i = 0; i < n; i++)
                {
                    string name = Str("field name");
                    fields[i] = new AbiStructField(name, ReadAbiSchemaType());
                }
                return AbiSchema.Struct(typeParams, fields);
            }
            if (kind == 2)
            {
                uint typeParams = U32("type_params");
                int n = Len("variants_len", 8);
                var variants = n == 0 ? Array.Empty<AbiEnumVariant>() : new AbiEnumVariant[n];
                for (int i = 0; i < n; i++)
                {
                    string name = Str("variant name");
                    variants[i] = new AbiEnumVariant(name, ReadAbiTypes("fields_len", schema: true));
                }
                return AbiSchema.Enum(typeParams, variants);
            }
            throw BadTag(at, "abi schema kind 1 (struct) or 2 (enum)", kind);
        }

        // ---- §10.5 tagged enums -----------------------------------------------------------------

        AbiType ReadAbiType() => ReadAbiTypeOrSchema(schema: false);

        /// <summary>An <c>AbiSchemaType</c>: an AbiType that may also name a TypeParam (tag 13).</summary>
        AbiType ReadAbiSchemaType() => ReadAbiTypeOrSchema(schema: true);

        AbiType ReadAbiTypeOrSchema(bool schema)
        {
            int at = _pos;
            byte tag = U8(schema ? "AbiSchemaType tag" : "AbiType tag");
            if (tag <= (byte)AbiKind.Char) return AbiType.Leaf((AbiKind)tag);
            if (tag == (byte)AbiKind.TypeParam && schema) return AbiType.TypeParam(U32("type parameter index"));
            if (tag > (byte)AbiKind.Enum)
                throw BadTag(at, schema ? "AbiSchemaType tag 0..13" : "AbiType tag 0..12", tag);
            Enter(at, "ABI type");
            AbiType t;
            switch ((AbiKind)tag)
            {
                case AbiKind.Array:
                    t = AbiType.Array(ReadAbiTypeOrSchema(schema));
                    break;
                case AbiKind.Tuple:
                    t = AbiType.Tuple(ReadAbiTypes("tuple items_len", schema));
                    break;
                case AbiKind.Struct:
                {
                    uint typeId = U32("TypeId");
                    t = AbiType.Struct(typeId, ReadAbiTypes("type args_len", schema));
                    break;
                }
                default:
                {
                    uint typeId = U32("TypeId");
                    t = AbiType.Enum(typeId, ReadAbiTypes("type args_len", schema));
                    break;
                }
            }
            _depth--;
            return t;
        }

        AbiType[] ReadAbiTypes(string lenName, bool schema)
        {
            int n = Len(lenName, 1);
            if (n == 0) return Array.Empty<AbiType>();
            int start = _abiTypes.Count;
            for (int i = 0; i < n; i++) _abiTypes.Add(ReadAbiTypeOrSchema(schema));
            return TakeFrom(_abiTypes, start);
        }

        ConstValue ReadConstValue()
        {
            int at = _pos;
            byte tag = U8("ConstValue tag");
            switch ((ConstKind)tag)
            {
                case ConstKind.Unit: return ConstValue.Unit;
                case ConstKind.Bool: return ConstValue.Bool(Bool("bool"));
                case ConstKind.Int: return ConstValue.Int(I64("i64"));
                case ConstKind.Float: return ConstValue.FloatBits(I64("f64"));
                case ConstKind.String: return ConstValue.String(Str("string"));
                case ConstKind.Bytes: return ConstValue.Bytes(Blob());
                case ConstKind.TypeRep: return ConstValue.OfTypeRep(ReadTypeRepLit());
                case ConstKind.Function: return ConstValue.Function(U32("FunctionId"));
                default: throw BadTag(at, "ConstValue tag 0..7", tag);
            }
        }

        TypeRepLit ReadTypeRepLit()
        {
            int at = _pos;
            byte tag = U8("TypeRepLit tag");
            switch ((TypeRepKind)tag)
            {
                case TypeRepKind.Tuple: return TypeRepLit.Tuple(U32("tuple arity"));
                case TypeRepKind.Struct:
                case TypeRepKind.Enum:
                case TypeRepKind.Interface:
                    return TypeRepLit.Named((TypeRepKind)tag, Str("type name"));
                default:
                    if (tag > (byte)TypeRepKind.Cont) throw BadTag(at, "TypeRepLit tag 0..15", tag);
                    return TypeRepLit.Of((TypeRepKind)tag);
            }
        }

        Pattern ReadPattern()
        {
            int at = _pos;
            byte tag = U8("Pattern tag");
            switch ((PatternKind)tag)
            {
                case PatternKind.Wildcard: return Pattern.Wildcard;
                case PatternKind.Bind: return Pattern.Bind;
                case PatternKind.Literal: return Pattern.Lit(ReadConstValue());
            }
            if (tag > (byte)PatternKind.Array) throw BadTag(at, "Pattern tag 0..6", tag);
            Enter(at, "pattern");
            Pattern p;
            switch ((PatternKind)tag)
            {
                case PatternKind.Enum:
                {
                    string enumName = Str("enum name");
                    string variant = Str("variant name");
                    p = Pattern.Enum(enumName, variant, ReadPatterns("fields_len"));
                    break;
                }
                case PatternKind.Struct:
                {
                    string typeName = Str("type name");
                    int n = Len("fields_len", 5);
                    int namesStart = _names.Count, fieldsStart = _patterns.Count;
                    for (int i = 0; i < n; i++)
                    {
                        _names.Add(Str("field name"));
                        _patterns.Add(ReadPattern());
                    }
                    p = Pattern.Struct(typeName, TakeFrom(_names, namesStart), TakeFrom(_patterns, fieldsStart));
                    break;
                }
                default:
                {
                    // Tuple and Array share `len + prefix* + opt(rest) + len + suffix*`.
                    var prefix = ReadPatterns("prefix_len");
                    int restAt = _pos;
                    byte restTag = U8("rest option tag");
                    Pattern? rest = restTag switch
                    {
                        0 => null,
                        1 => ReadPattern(),
                        _ => throw BadTag(restAt, "rest option tag 0 or 1", restTag),
                    };
                    var suffix = ReadPatterns("suffix_len");
                    p = tag == (byte)PatternKind.Tuple ? Pattern.Tuple(prefix, rest, suffix) : Pattern.Array(prefix, rest, suffix);
                    break;
                }
            }
            _depth--;
            return p;
        }

        Pattern[] ReadPatterns(string lenName)
        {
            int n = Len(lenName, 1);
            if (n == 0) return Array.Empty<Pattern>();
            int start = _patterns.Count;
            for (int i = 0; i < n; i++) _patterns.Add(ReadPattern());
            return TakeFrom(_patterns, start);
        }

        EffectSpec ReadEffectSpec()
        {
            string iface = Str("effect interface");
            uint[] args = U32s("interface_args_len");
            string method = Str("effect method");
            return new EffectSpec(iface, args, method);
        }

        HandlerClause ReadHandlerClause()
        {
            EffectSpec effect = ReadEffectSpec();
            Pattern[] patterns = ReadPatterns("arg_patterns_len");
            uint target = U32("target_pc");
            return new HandlerClause(effect, patterns, target, U32s("param_regs_len"));
        }

        SwitchCase ReadSwitchCase()
        {
            Pattern pattern = ReadPattern();
            uint target = U32("target_pc");
            return new SwitchCase(pattern, target, U32s("param_regs_len"));
        }

        CallTarget ReadCallTarget()
        {
            int at = _pos;
            byte tag = U8("CallTarget tag");
            switch ((CallKind)tag)
            {
                case CallKind.Bc: return new CallTarget(CallKind.Bc, U32("FunctionId"));
                case CallKind.Host: return new CallTarget(CallKind.Host, U32("HostImportId"));
                case CallKind.Intrinsic:
                {
                    int intrAt = _pos;
                    ushort intr = U16("Intrinsic tag");
                    if (intr >= Tags.IntrinsicCount)
                        throw new DecodeException(intrAt, $"expected Intrinsic tag 0..{Tags.IntrinsicCount - 1}, found {intr}");
                    return new CallTarget(CallKind.Intrinsic, intr);
                }
                default: throw BadTag(at, "CallTarget tag 0..2", tag);
            }
        }

        OptReg ReadOptReg()
        {
            int at = _pos;
            byte tag = U8("Option<Reg> tag");
            if (tag == 0) return OptReg.None;
            if (tag == 1) return new OptReg(U32("dst"));
            throw BadTag(at, "Option<Reg> tag 0 or 1", tag);
        }

        /// <summary>One instruction: the opcode, then its operands in the §8 definition order.</summary>
        Instr ReadInstruction()
        {
            int at = _pos;
            byte tag = U8("instruction opcode");
            var op = (Opcode)tag;
            switch (op)
            {
                case Opcode.Const:
                {
                    uint dst = U32("dst");
                    return new ConstInstr(dst, ReadConstValue());
                }
                case Opcode.Copy:
                case Opcode.Move:
                case Opcode.AsReadonly:
                case Opcode.Len:
                case Opcode.BoolNot:
                case Opcode.IntNot:
                case Opcode.ByteNot:
                {
                    uint dst = U32("dst");
                    return new UnaryInstr(op, dst, U32("src"));
                }
                case Opcode.IsType:
                case Opcode.IndexGet:
                case Opcode.IntAdd: case Opcode.IntSub: case Opcode.IntMul: case Opcode.IntDiv: case Opcode.IntMod:
                case Opcode.IntLt: case Opcode.IntLe: case Opcode.IntGt: case Opcode.IntGe: case Opcode.IntEq: case Opcode.IntNe:
                case Opcode.BoolEq: case Opcode.BoolNe:
                case Opcode.IntAnd: case Opcode.IntOr: case Opcode.IntXor: case Opcode.IntShl: case Opcode.IntShr: case Opcode.IntUShr:
                case Opcode.ByteAnd: case Opcode.ByteOr: case Opcode.ByteXor: case Opcode.ByteShl: case Opcode.ByteShr: case Opcode.ByteUShr:
                {
                    uint dst = U32("dst");
                    uint a = U32("operand");
                    return new BinaryInstr(op, dst, a, U32("operand"));
                }
                case Opcode.MakeTypeRep:
                {
                    uint dst = U32("dst");
                    TypeRepLit lit = ReadTypeRepLit();
                    return new MakeTypeRepInstr(dst, lit, U32s("args_len"));
                }
                case Opcode.AssocTypeRep:
                {
                    uint dst = U32("dst");
                    uint recv = U32("recv");
                    uint iface = U32("iface_type_id");
                    return new AssocTypeRepInstr(dst, recv, iface, Str("assoc name"));
                }
                case Opcode.MakeStruct:
                {
                    uint dst = U32("dst");
                    uint typeId = U32("type_id");
                    uint[] typeArgs = U32s("type_args_len");
                    int n = Len("fields_len", 8);
                    var names = n == 0 ? Array.Empty<string>() : new string[n];
                    var regs = n == 0 ? Array.Empty<uint>() : new uint[n];
                    for (int i = 0; i < n; i++)
                    {
                        names[i] = Str("field name");
                        regs[i] = U32("field reg");
                    }
                    return new MakeStructInstr(dst, typeId, typeArgs, names, regs);
                }
                case Opcode.MakeArray:
                case Opcode.MakeTuple:
                {
                    uint dst = U32("dst");
                    return new MakeSeqInstr(op, dst, U32s("items_len"));
                }
                case Opcode.MakeEnum:
                {
                    uint dst = U32("dst");
                    uint typeId = U32("enum_type_id");
                    uint[] typeArgs = U32s("type_args_len");
                    string variant = Str("variant name");
                    return new MakeEnumInstr(dst, typeId, typeArgs, variant, U32s("fields_len"));
                }
                case Opcode.GetField:
                {
                    uint dst = U32("dst");
                    uint obj = U32("obj");
                    return new GetFieldInstr(dst, obj, Str("field name"));
                }
                case Opcode.SetField:
                {
                    uint obj = U32("obj");
                    string field = Str("field name");
                    return new SetFieldInstr(obj, field, U32("value"));
                }
                case Opcode.StructGet:
                case Opcode.TupleGet:
                {
                    uint dst = U32("dst");
                    uint obj = U32("obj");
                    return new IndexedGetInstr(op, dst, obj, U32("idx"));
                }
                case Opcode.StructSet:
                case Opcode.TupleSet:
                {
                    uint obj = U32("obj");
                    uint idx = U32("idx");
                    return new IndexedSetInstr(op, obj, idx, U32("value"));
                }
                case Opcode.IndexSet:
                {
                    uint arr = U32("arr");
                    uint idx = U32("idx");
                    return new IndexSetInstr(arr, idx, U32("value"));
                }
                case Opcode.Call:
                {
                    OptReg dst = ReadOptReg();
                    CallTarget target = ReadCallTarget();
                    return new CallInstr(dst, target, U32s("args_len"));
                }
                case Opcode.CallMulti:
                {
                    uint[] dsts = U32s("dsts_len");
                    CallTarget target = ReadCallTarget();
                    return new CallMultiInstr(dsts, target, U32s("args_len"));
                }
                case Opcode.ICall:
                {
                    OptReg dst = ReadOptReg();
                    uint fnPtr = U32("fnptr");
                    return new ICallInstr(dst, fnPtr, U32s("args_len"));
                }
                case Opcode.VCall:
                case Opcode.SCall:
                {
                    OptReg dst = ReadOptReg();
                    uint receiver = U32(op == Opcode.VCall ? "obj" : "self_ty");
                    uint method = U32("MethodId");
                    uint[] typeArgs = U32s("method_type_args_len");
                    return new DispatchCallInstr(op, dst, receiver, method, typeArgs, U32s("args_len"));
                }
                case Opcode.PushHandler:
                {
                    int n = Len("clauses_len", 24);
                    var clauses = n == 0 ? Array.Empty<HandlerClause>() : new HandlerClause[n];
                    for (int i = 0; i < n; i++) clauses[i] = ReadHandlerClause();
                    return new PushHandlerInstr(clauses);
                }
                case Opcode.PopHandler:
                    return PopHandlerInstr.Instance;
                case Opcode.Perform:
                {
                    OptReg dst = ReadOptReg();
                    EffectSpec effect = ReadEffectSpec();
                    return new PerformInstr(dst, effect, U32s("args_len"));
                }
                case Opcode.Resume:
                {
                    OptReg dst = ReadOptReg();
                    uint k = U32("k");
                    return new ResumeInstr(dst, k, U32("value"));
                }
                case Opcode.ResumeTail:
                {
                    uint k = U32("k");
                    return new ResumeTailInstr(k, U32("value"));
                }
                case Opcode.Jump:
                    return new JumpInstr(U32("target_pc"));
                case Opcode.JumpIf:
                {
                    uint cond = U32("cond");
                    uint then = U32("then_pc");
                    return new JumpIfInstr(cond, then, U32("else_pc"));
                }
                case Opcode.Switch:
                {
                    uint value = U32("value");
                    int n = Len("cases_len", 9);
                    var cases = n == 0 ? Array.Empty<SwitchCase>() : new SwitchCase[n];
                    for (int i = 0; i < n; i++) cases[i] = ReadSwitchCase();
                    return new SwitchInstr(value, cases, U32("default_pc"));
                }
                case Opcode.Return:
                    return new ReturnInstr(U32("value"));
                case Opcode.ReturnMulti:
                    return new ReturnMultiInstr(U32s("values_len"));
                case Opcode.Trap:
                    return new TrapInstr(Str("trap message"));
                default:
                    throw BadTag(at, "instruction opcode 0..63", tag);
            }
        }

        // ---- §10.2 primitive encodings ----------------------------------------------------------

        byte U8(string what)
        {
            int p = _pos;
            if (p >= _bytes.Length) ThrowEof(what, 1);
            _pos = p + 1;
            return _bytes[p];
        }

        ushort U16(string what)
        {
            int p = _pos;
            if (_bytes.Length - p < 2) ThrowEof(what, 2);
            _pos = p + 2;
            return BinaryPrimitives.ReadUInt16LittleEndian(_bytes.Slice(p, 2));
        }

        uint U32(string what)
        {
            int p = _pos;
            if (_bytes.Length - p < 4) ThrowEof(what, 4);
            _pos = p + 4;
            return BinaryPrimitives.ReadUInt32LittleEndian(_bytes.Slice(p, 4));
        }

        long I64(string what)
        {
            int p = _pos;
            if (_bytes.Length - p < 8) ThrowEof(what, 8);
            _pos = p + 8;
            return BinaryPrimitives.ReadInt64LittleEndian(_bytes.Slice(p, 8));
        }

        bool Bool(string what)
        {
            int at = _pos;
            byte b = U8(what);
            if (b > 1) throw BadTag(at, what + " 0 or 1", b);
            return b == 1;
        }

        /// <summary>
        /// A `len` prefix. Each element takes at least <paramref name="minSize"/> bytes, so a count
        /// the remaining input cannot hold is rejected here, before anything is allocated.
        /// </summary>
        int Len(string what, int minSize)
        {
            int at = _pos;
            uint n = U32(what);
            int max = Remaining / minSize;
            if (n > (uint)max)
                throw new DecodeException(at, $"expected {what} <= {max} ({Remaining} bytes left), found {n}{Truncated}");
            return (int)n;
        }

        uint[] U32s(string lenName)
        {
            int n = Len(lenName, 4);
            if (n == 0) return Array.Empty<uint>();
            var values = new uint[n];
            var src = _bytes.Slice(_pos, n * 4);
            for (int i = 0; i < values.Length; i++)
                values[i] = BinaryPrimitives.ReadUInt32LittleEndian(src.Slice(i * 4, 4));
            _pos += n * 4;
            return values;
        }

        string[] Strings(string lenName, string what)
        {
            int n = Len(lenName, 4);
            if (n == 0) return Array.Empty<string>();
            var values = new string[n];
            for (int i = 0; i < n; i++) values[i] = Str(what);
            return values;
        }

        byte[] Blob()
        {
            int n = Len("blob len", 1);
            byte[] b = _bytes.Slice(_pos, n).ToArray();
            _pos += n;
            return b;
        }

        /// <summary>
        /// A `string`: validated UTF-8, interned so every occurrence of one name in a module is the
        /// same .NET string (and is decoded and allocated once).
        /// </summary>
        string Str(string what)
        {
            int at = _pos;
            if (_bytes.Length - at < 4) ThrowEof(what, 4, " length");
            uint n = BinaryPrimitives.ReadUInt32LittleEndian(_bytes.Slice(at, 4));
            int start = at + 4;
            _pos = start;
            if (n > (uint)Remaining)
                throw new DecodeException(at, $"expected {what} length <= {Remaining}, found {n}{Truncated}");
            _pos = start + (int)n;
            if (n == 0) return string.Empty;
            var utf8 = _bytes.Slice(start, (int)n);
            int hash = StringTable.Hash(utf8);
            return _strings.Find(_bytes, utf8, hash) ?? NewString(start, (int)n, hash, what);
        }

        string NewString(int start, int length, int hash, string what)
        {
            var utf8 = _bytes.Slice(start, length);
            int bad = Utf8Text.FirstInvalid(utf8);
            if (bad >= 0) ThrowInvalidUtf8(start + bad, utf8[bad], what);
            string s = Utf8Text.Decode(utf8);
            _strings.Add(hash, start, length, s);
            return s;
        }

        // ---- errors (kept out of the read paths) ------------------------------------------------

        void Enter(int at, string what)
        {
            if (++_depth > MaxNesting)
                throw new DecodeException(at, $"expected {what} nesting depth <= {MaxNesting}, found deeper");
        }

        readonly void CheckTypeId(int at, uint typeId, int types, string table)
        {
            if (typeId >= (uint)types)
                throw new DecodeException(at, $"expected TypeId < {types} in {table}, found {typeId}");
        }

        [DoesNotReturn]
        readonly void ThrowEof(string what, int size, string suffix = "") =>
            throw new DecodeException(_pos, Remaining == 0
                ? $"expected {what}{suffix}, found end of input (truncated)"
                : $"expected {what}{suffix} ({size} bytes), found end of input after {Remaining} bytes (truncated)");

        // A length the rest of the input cannot hold: most often a cut-off file, so say so.
        const string Truncated = " (the input is truncated or the length is corrupt)";

        [DoesNotReturn]
        static void ThrowInvalidUtf8(int at, byte found, string what) =>
            throw new DecodeException(at, "expected UTF-8 " + what + ", found invalid byte 0x" + NumberText.Hex(found, 2));

        static DecodeException BadTag(int at, string expected, byte found) =>
            new(at, "expected " + expected + ", found 0x" + NumberText.Hex(found, 2));

        static string Hex(ReadOnlySpan<byte> bytes)
        {
            if (bytes.IsEmpty) return "end of input";
            var sb = new StringBuilder();
            for (int i = 0; i < bytes.Length; i++)
            {
                if (i > 0) sb.Append(' ');
                sb.Append(NumberText.Hex(bytes[i], 2));
            }
            return sb.ToString();
        }
    }

    /// <summary>Moves the items from <paramref name="start"/> on out of a scratch list into an array.</summary>
    static T[] TakeFrom<T>(List<T> scratch, int start)
    {
        int n = scratch.Count - start;
        if (n == 0) return Array.Empty<T>();
        var items = new T[n];
        scratch.CopyTo(start, items, 0, n);
        scratch.RemoveRange(start, n);
        return items;
    }

    /// <summary>Sparse per-type entries → arrays parallel to type_names, keeping file order per type.</summary>
    static T[][] GroupByType<T>(uint[] keys, T[] items, int types)
    {
        var result = new T[types][];
        var counts = new int[types];
        for (int i = 0; i < keys.Length; i++) counts[keys[i]]++;
        for (int t = 0; t < types; t++) result[t] = counts[t] == 0 ? Array.Empty<T>() : new T[counts[t]];
        Array.Clear(counts);
        for (int i = 0; i < keys.Length; i++)
        {
            uint k = keys[i];
            result[k][counts[k]++] = items[i];
        }
        return result;
    }

    /// <summary>
    /// Interning table keyed by UTF-8 content. Entries point at the first occurrence in the input, so
    /// a lookup is a hash plus a byte compare and never allocates.
    /// </summary>
    sealed class StringTable
    {
        // Bounds the work of one lookup when hostile input makes many names share a hash: past this
        // many chain steps the name is simply not shared (still correct, just a separate instance).
        const int MaxChainSteps = 64;

        // Parallel arrays rather than an array of entry structs: each stays far below the 85 KB
        // large-object threshold, whose allocations would cost a gen2 collection now and then.
        int[] _buckets;   // entry index + 1; 0 = empty
        int[] _hashes;
        int[] _starts;
        int[] _lengths;
        int[] _next;      // entry index, -1 = end of chain
        string[] _values;
        int _count;

        public StringTable(int inputLength)
        {
            // A 200 KB module holds about a thousand distinct strings.
            int size = inputLength > (1 << 16) ? 1024 : 64;
            _buckets = new int[size];
            _hashes = new int[size];
            _starts = new int[size];
            _lengths = new int[size];
            _next = new int[size];
            _values = new string[size];
        }

        public static int Hash(ReadOnlySpan<byte> s)
        {
            uint h = 2166136261u ^ (uint)s.Length;
            int i = 0;
            for (; i + 4 <= s.Length; i += 4)
                { uint x = h ^ BinaryPrimitives.ReadUInt32LittleEndian(s.Slice(i, 4)); h = ((x << 13) | (x >> 19)) * 0x9E3779B1u; }
            for (; i < s.Length; i++)
                h = (h ^ s[i]) * 16777619u;
            return (int)(h ^ (h >> 16));
        }

        public string? Find(ReadOnlySpan<byte> input, ReadOnlySpan<byte> key, int hash)
        {
            int i = _buckets[hash & (_buckets.Length - 1)] - 1;
            for (int steps = 0; i >= 0 && steps < MaxChainSteps; steps++)
            {
                if (_hashes[i] == hash && _lengths[i] == key.Length && input.Slice(_starts[i], key.Length).SequenceEqual(key))
                    return _values[i];
                i = _next[i];
            }
            return null;
        }

        public void Add(int hash, int start, int length, string value)
        {
            if (_count == _values.Length) Grow();
            int i = _count++;
            int b = hash & (_buckets.Length - 1);
            _hashes[i] = hash;
            _starts[i] = start;
            _lengths[i] = length;
            _values[i] = value;
            _next[i] = _buckets[b] - 1;
            _buckets[b] = i + 1;
        }

        void Grow()
        {
            int size = _values.Length * 2;
            Array.Resize(ref _hashes, size);
            Array.Resize(ref _starts, size);
            Array.Resize(ref _lengths, size);
            Array.Resize(ref _next, size);
            Array.Resize(ref _values, size);
            _buckets = new int[size];
            for (int i = 0; i < _count; i++)
            {
                int b = _hashes[i] & (size - 1);
                _next[i] = _buckets[b] - 1;
                _buckets[b] = i + 1;
            }
        }
    }
}
