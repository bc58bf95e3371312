// Encodes a Module as `.rbc` bytes (BYTECODE_SPEC.md §10), mirroring RbcReader field for field, so
// decode → encode reproduces the reference encoder's bytes exactly.
using System;
using System.Buffers.Binary;
using System.Text;

namespace Rusk.Vm.Format;

/// <summary>The `.rbc` encoder (format v0.15).</summary>
internal static class RbcWriter
{
    static readonly byte[] Magic = { (byte)'R', (byte)'U', (byte)'S', (byte)'K', (byte)'B', (byte)'C', (byte)'0', 0 };

    /// <summary>
    /// Encodes <paramref name="module"/>. Sparse per-type tables are written in TypeId order, the
    /// entries of one type in stored order, as the reference encoder does.
    /// </summary>
    /// <exception cref="ArgumentException">The module holds an ABI TypeParam outside an ABI schema,
    /// which the format cannot express.</exception>
    public static byte[] Encode(Module module)
    {
        // Two passes over the module: the first only counts bytes, the second writes into an array
        // of exactly that size. One allocation, instead of a growth chain of large-object arrays.
        var e = new Encoder();
        e.WriteFile(module);
        e.StartWriting();
        e.WriteFile(module);
        return e.Result();
    }

    sealed class Encoder
    {
        byte[]? _buf;   // null while measuring
        int _len;

        public void StartWriting()
        {
            _buf = new byte[_len];
            _len = 0;
        }

        public byte[] Result() => _buf!;

        public void WriteFile(Module module)
        {
            Bytes(Magic);
            U16(Module.VersionMajor);
            U16(Module.VersionMinor);
            WriteModule(module);
        }

        // ---- §10.4 module layout ----------------------------------------------------------------

        public void WriteModule(Module m)
        {
            U32((uint)m.Functions.Length);
            foreach (var f in m.Functions) WriteFunction(f);

            U32s(m.FunctionGenericParams);

            U32((uint)m.HostImports.Length);
            foreach (var h in m.HostImports)
            {
                Str(h.Name);
                WriteHostFnSig(h.Sig);
            }

            Strings(m.TypeNames);
            Strings(m.MethodNames);

            WriteDispatchTable(m.VCallDispatch);
            WriteDispatchTable(m.SCallDispatch);

            uint count = 0;
            foreach (var entries in m.AssocTypeDispatch) count += (uint)(entries?.Length ?? 0);
            U32(count);
            for (int t = 0; t < m.AssocTypeDispatch.Length; t++)
            {
                var entries = m.AssocTypeDispatch[t];
                if (entries == null) continue;
                foreach (var a in entries)
                {
                    U32((uint)t);
                    U32(a.IfaceTypeId);
                    Str(a.Assoc);
                    U32(a.FunctionId);
                }
            }

            count = 0;
            foreach (var ifaces in m.InterfaceImpls) if (ifaces != null && ifaces.Length != 0) count++;
            U32(count);
            for (int t = 0; t < m.InterfaceImpls.Length; t++)
            {
                var ifaces = m.InterfaceImpls[t];
                if (ifaces == null || ifaces.Length == 0) continue;
                U32((uint)t);
                U32s(ifaces);
            }

            count = 0;
            foreach (var layout in m.StructLayouts) if (layout != null) count++;
            U32(count);
            for (int t = 0; t < m.StructLayouts.Length; t++)
            {
                var layout = m.StructLayouts[t];
                if (layout == null) continue;
                U32((uint)t);
                Strings(layout);
            }

            count = 0;
            foreach (var schema in m.AbiSchemas) if (schema != null) count++;
            U32(count);
            for (int t = 0; t < m.AbiSchemas.Length; t++)
            {
                var schema = m.AbiSchemas[t];
                if (schema == null) continue;
                U32((uint)t);
                WriteAbiSchema(schema);
            }

            U32((uint)m.ExternalEffects.Length);
            foreach (var e in m.ExternalEffects)
            {
                Str(e.Interface);
                Str(e.Method);
                WriteHostFnSig(e.Sig);
            }

            U32(m.Entry);
        }

        void WriteFunction(Function f)
        {
            Str(f.Name);
            U32(f.RegCount);
            U32(f.ParamCount);
            U32((uint)f.Code.Length);
            foreach (var instr in f.Code) WriteInstruction(instr);
        }

        void WriteHostFnSig(HostFnSig sig)
        {
            U32((uint)sig.Params.Length);
            foreach (var p in sig.Params) WriteAbiType(p, schema: false);
            WriteAbiType(sig.Ret, schema: false);
        }

        void WriteDispatchTable(DispatchEntry[][] table)
        {
            uint count = 0;
            foreach (var entries in table) count += (uint)(entries?.Length ?? 0);
            U32(count);
            for (int t = 0; t < table.Length; t++)
            {
                var entries = table[t];
                if (entries == null) continue;
                foreach (var d in entries)
                {
                    U32((uint)t);
                    U32(d.MethodId);
                    U32(d.FunctionId);
                }
            }
        }

        void WriteAbiSchema(AbiSchema s)
        {
            U8(s.IsEnum ? (byte)2 : (byte)1);
            U32(s.TypeParams);
            if (s.IsEnum)
            {
                U32((uint)s.Variants.Length);
                foreach (var v in s.Variants)
                {
                    Str(v.Name);
                    U32((uint)v.Fields.Length);
                    foreach (var f in v.Fields) WriteAbiType(f, schema: true);
                }
            }
            else
            {
                U32((uint)s.Fields.Length);
                foreach (var f in s.Fields)
                {
                    Str(f.Name);
                    WriteAbiType(f.Type, schema: true);
                }
            }
        }

        // ---- §10.5 tagged enums -----------------------------------------------------------------

        void WriteAbiType(AbiType t, bool schema)
        {
            U8((byte)t.Kind);
            switch (t.Kind)
            {
                case AbiKind.Array:
                    WriteAbiType(t.Elem!, schema);
                    break;
                case AbiKind.Tuple:
                    U32((uint)t.Items.Length);
                    foreach (var i in t.Items) WriteAbiType(i, schema);
                    break;
                case AbiKind.Struct:
                case AbiKind.Enum:
                    U32(t.Id);
                    U32((uint)t.Items.Length);
                    foreach (var i in t.Items) WriteAbiType(i, schema);
                    break;
                case AbiKind.TypeParam:
                    if (!schema) throw new ArgumentException("an ABI TypeParam can only occur inside an ABI schema", "module");
                    U32(t.Id);
                    break;
            }
        }

        void WriteConstValue(ConstValue v)
        {
            U8((byte)v.Kind);
            switch (v.Kind)
            {
                case ConstKind.Bool: U8(v.AsBool ? (byte)1 : (byte)0); break;
                case ConstKind.Int:
                case ConstKind.Float: I64(v.Bits); break;
                case ConstKind.String: Str(v.Text!); break;
                case ConstKind.Bytes:
                    U32((uint)v.Blob!.Length);
                    Bytes(v.Blob);
                    break;
                case ConstKind.TypeRep: WriteTypeRepLit(v.TypeRep!); break;
                case ConstKind.Function: U32((uint)v.Bits); break;
            }
        }

        void WriteTypeRepLit(TypeRepLit lit)
        {
            U8((byte)lit.Kind);
            switch (lit.Kind)
            {
                case TypeRepKind.Tuple: U32(lit.Arity); break;
                case TypeRepKind.Struct:
                case TypeRepKind.Enum:
                case TypeRepKind.Interface: Str(lit.Name!); break;
            }
        }

        void WritePattern(Pattern p)
        {
            U8((byte)p.Kind);
            switch (p.Kind)
            {
                case PatternKind.Literal:
                    WriteConstValue(p.Literal!);
                    break;
                case PatternKind.Tuple:
                case PatternKind.Array:
                    WritePatterns(p.Prefix);
                    if (p.Rest == null) U8(0);
                    else
                    {
                        U8(1);
                        WritePattern(p.Rest);
                    }
                    WritePatterns(p.Suffix);
                    break;
                case PatternKind.Enum:
                    Str(p.TypeName!);
                    Str(p.Variant!);
                    WritePatterns(p.Fields);
                    break;
                case PatternKind.Struct:
                    Str(p.TypeName!);
                    U32((uint)p.Fields.Length);
                    for (int i = 0; i < p.Fields.Length; i++)
                    {
                        Str(p.FieldNames[i]);
                        WritePattern(p.Fields[i]);
                    }
                    break;
            }
        }

        void WritePatterns(Pattern[] ps)
        {
            U32((uint)ps.Length);
            foreach (var p in ps) WritePattern(p);
        }

        void WriteEffectSpec(EffectSpec e)
        {
            Str(e.Interface);
            U32s(e.InterfaceArgs);
            Str(e.Method);
        }

        void WriteCallTarget(CallTarget t)
        {
            U8((byte)t.Kind);
            if (t.Kind == CallKind.Intrinsic) U16((ushort)t.Id);
            else U32(t.Id);
        }

        void WriteOptReg(OptReg r)
        {
            if (!r.HasValue) U8(0);
            else
            {
                U8(1);
                U32(r.Reg);
            }
        }

        void WriteInstruction(Instr instr)
        {
            U8((byte)instr.Op);
            switch (instr)
            {
                case ConstInstr i: U32(i.Dst); WriteConstValue(i.Value); break;
                case UnaryInstr i: U32(i.Dst); U32(i.Src); break;
                case BinaryInstr i: U32(i.Dst); U32(i.A); U32(i.B); break;
                case MakeTypeRepInstr i: U32(i.Dst); WriteTypeRepLit(i.Base); U32s(i.Args); break;
                case AssocTypeRepInstr i: U32(i.Dst); U32(i.Recv); U32(i.IfaceTypeId); Str(i.Assoc); break;
                case MakeStructInstr i:
                    U32(i.Dst);
                    U32(i.TypeId);
                    U32s(i.TypeArgs);
                    U32((uint)i.FieldNames.Length);
                    for (int k = 0; k < i.FieldNames.Length; k++)
                    {
                        Str(i.FieldNames[k]);
                        U32(i.FieldRegs[k]);
                    }
                    break;
                case MakeSeqInstr i: U32(i.Dst); U32s(i.Items); break;
                case MakeEnumInstr i: U32(i.Dst); U32(i.TypeId); U32s(i.TypeArgs); Str(i.Variant); U32s(i.Fields); break;
                case GetFieldInstr i: U32(i.Dst); U32(i.Obj); Str(i.Field); break;
                case SetFieldInstr i: U32(i.Obj); Str(i.Field); U32(i.Value); break;
                case IndexedGetInstr i: U32(i.Dst); U32(i.Obj); U32(i.Index); break;
                case IndexedSetInstr i: U32(i.Obj); U32(i.Index); U32(i.Value); break;
                case IndexSetInstr i: U32(i.Arr); U32(i.Idx); U32(i.Value); break;
                case CallInstr i: WriteOptReg(i.Dst); WriteCallTarget(i.Target); U32s(i.Args); break;
                case CallMultiInstr i: U32s(i.Dsts); WriteCallTarget(i.Target); U32s(i.Args); break;
                case ICallInstr i: WriteOptReg(i.Dst); U32(i.FnPtr); U32s(i.Args); break;
                case DispatchCallInstr i:
                    WriteOptReg(i.Dst);
                    U32(i.Receiver);
                    U32(i.Method);
                    U32s(i.MethodTypeArgs);
                    U32s(i.Args);
                    break;
                case PushHandlerInstr i:
                    U32((uint)i.Clauses.Length);
                    foreach (var c in i.Clauses)
                    {
                        WriteEffectSpec(c.Effect);
                        WritePatterns(c.ArgPatterns);
                        U32(c.TargetPc);
                        U32s(c.ParamRegs);
                    }
                    break;
                case PopHandlerInstr: break;
                case PerformInstr i: WriteOptReg(i.Dst); WriteEffectSpec(i.Effect); U32s(i.Args); break;
                case ResumeInstr i: WriteOptReg(i.Dst); U32(i.K); U32(i.Value); break;
                case ResumeTailInstr i: U32(i.K); U32(i.Value); break;
                case JumpInstr i: U32(i.Target); break;
                case JumpIfInstr i: U32(i.Cond); U32(i.Then); U32(i.Else); break;
                case SwitchInstr i:
                    U32(i.Value);
                    U32((uint)i.Cases.Length);
                    foreach (var c in i.Cases)
                    {
                        WritePattern(c.Pattern);
                        U32(c.TargetPc);
                        U32s(c.ParamRegs);
                    }
                    U32(i.Default);
                    break;
                case ReturnInstr i: U32(i.Value); break;
                case ReturnMultiInstr i: U32s(i.Values); break;
                case TrapInstr i: Str(i.Message); break;
                default: throw new ArgumentException("unknown instruction shape for opcode " + Rusk.Vm.Execution.NumberText.Decimal((int)instr.Op), "module");
            }
        }

        // ---- §10.2 primitive encodings ----------------------------------------------------------

        // Each primitive advances _len; only the writing pass stores bytes.

        void U8(byte v)
        {
            if (_buf != null) _buf[_len] = v;
            _len += 1;
        }

        void U16(ushort v)
        {
            if (_buf != null) BinaryPrimitives.WriteUInt16LittleEndian(_buf.AsSpan(_len, 2), v);
            _len += 2;
        }

        void U32(uint v)
        {
            if (_buf != null) BinaryPrimitives.WriteUInt32LittleEndian(_buf.AsSpan(_len, 4), v);
            _len += 4;
        }

        void I64(long v)
        {
            if (_buf != null) BinaryPrimitives.WriteInt64LittleEndian(_buf.AsSpan(_len, 8), v);
            _len += 8;
        }

        void Bytes(ReadOnlySpan<byte> b)
        {
            if (_buf != null) b.CopyTo(_buf.AsSpan(_len, b.Length));
            _len += b.Length;
        }

        void U32s(uint[] values)
        {
            U32((uint)values.Length);
            if (_buf != null)
            {
                var dst = _buf.AsSpan(_len, values.Length * 4);
                for (int i = 0; i < values.Length; i++)
                    BinaryPrimitives.WriteUInt32LittleEndian(dst.Slice(i * 4, 4), values[i]);
            }
            _len += values.Length * 4;
        }

        void Strings(string[] values)
        {
            U32((uint)values.Length);
            foreach (var s in values) Str(s);
        }

        void Str(string s)
        {
            if (_buf == null)
            {
                _len += 4 + Rusk.Vm.Execution.Utf8Text.ByteCount(s);
                return;
            }
            int n = Rusk.Vm.Execution.Utf8Text.Encode(s, _buf.AsSpan(_len + 4));
            BinaryPrimitives.WriteUInt32LittleEndian(_buf.AsSpan(_len, 4), (uint)n);
            _len += 4 + n;
        }
    }
}
