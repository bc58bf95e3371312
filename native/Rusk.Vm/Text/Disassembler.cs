// Module → `.rasm` text (docs/text-format.md). Everything in the module is printed, by name where
// the name is unique and as a raw `$N` index where an id is out of range, so the assembler rebuilds
// an identical module from the output.
using System;
using System.Text;
using Rusk.Vm.Format;

namespace Rusk.Vm.Text;

internal static class Disassembler
{
    public static string Disassemble(Module m)
    {
        var all = new StringBuilder();
        Write(m, chunk => all.Append(chunk));
        return all.ToString();
    }

    /// <summary>Prints <paramref name="m"/> in chunks of about 32 KB; each chunk is valid only during the call.</summary>
    public static void Write(Module m, Action<StringBuilder> write) => new Printer(m, write).Run();

    sealed class Printer
    {
        readonly Module _m;
        readonly Action<StringBuilder> _w;
        readonly StringBuilder _sb = new(1 << 16);

        public Printer(Module m, Action<StringBuilder> w) { _m = m; _w = w; }

        void Flush()
        {
            if (_sb.Length < 1 << 15) return;
            _w(_sb);
            _sb.Clear();
        }

        public void Run()
        {
            _sb.Append("; Rusk bytecode module (.rbc v").Append(Module.VersionMajor).Append('.').Append(Module.VersionMinor)
                .Append("), text format: docs/text-format.md\n");
            _sb.Append("entry ");
            FunctionRef(_m.Entry);
            _sb.Append('\n');
            bool genericsPerFunction = _m.FunctionGenericParams.Length == _m.Functions.Length;
            if (!genericsPerFunction)
            {
                _sb.Append("function_generic_params [");
                for (int i = 0; i < _m.FunctionGenericParams.Length; i++)
                {
                    if (i > 0) _sb.Append(", ");
                    _sb.Append(_m.FunctionGenericParams[i]);
                }
                _sb.Append("]\n");
            }

            if (_m.MethodNames.Length > 0) _sb.Append('\n');
            foreach (var name in _m.MethodNames)
            {
                _sb.Append("method ");
                Mnemonics.AppendName(_sb, name);
                _sb.Append('\n');
            }
            Flush();

            Types();

            if (_m.HostImports.Length > 0) _sb.Append('\n');
            foreach (var h in _m.HostImports)
            {
                _sb.Append("host ");
                Mnemonics.AppendName(_sb, h.Name);
                Signature(h.Sig);
                _sb.Append('\n');
            }
            if (_m.ExternalEffects.Length > 0) _sb.Append('\n');
            foreach (var e in _m.ExternalEffects)
            {
                _sb.Append("effect ");
                Mnemonics.AppendName(_sb, e.Interface);
                _sb.Append('.');
                Mnemonics.AppendName(_sb, e.Method);
                Signature(e.Sig);
                _sb.Append('\n');
            }

            for (int i = 0; i < _m.Functions.Length; i++)
            {
                _sb.Append('\n');
                Function(_m.Functions[i], genericsPerFunction ? _m.FunctionGenericParams[i] : 0);
                Flush();
            }
            _w(_sb);
            _sb.Clear();
        }

        void Types()
        {
            var names = _m.TypeNames;
            // The eight primitives are implied when a module starts with them in the usual order;
            // they are printed only to attach tables to them.
            int first = StartsWithPrimitives(names) ? Mnemonics.PrimitiveTypes.Length : 0;
            _sb.Append('\n');
            if (first > 0) _sb.Append("; types 0..7 are the implied primitives unit, bool, int, float, byte, char, string, bytes\n");
            else _sb.Append("no_implied_primitives\n");
            for (int t = 0; t < names.Length; t++)
            {
                bool hasBody = _m.InterfaceImpls[t].Length > 0 || _m.VCallDispatch[t].Length > 0 || _m.SCallDispatch[t].Length > 0
                    || _m.AssocTypeDispatch[t].Length > 0 || _m.StructLayouts[t] != null || _m.AbiSchemas[t] != null;
                if (t < first && !hasBody) continue;
                var layout = _m.StructLayouts[t];
                bool onlyLayout = layout != null && _m.InterfaceImpls[t].Length == 0 && _m.VCallDispatch[t].Length == 0
                    && _m.SCallDispatch[t].Length == 0 && _m.AssocTypeDispatch[t].Length == 0 && _m.AbiSchemas[t] == null;
                if (onlyLayout)
                {
                    _sb.Append("struct ");
                    Mnemonics.AppendName(_sb, names[t]);
                    _sb.Append(" {");
                    NameList(layout!);
                    _sb.Append(" }\n");
                    continue;
                }
                _sb.Append("type ");
                Mnemonics.AppendName(_sb, names[t]);
                if (!hasBody) { _sb.Append('\n'); continue; }
                _sb.Append(" {\n");
                if (_m.InterfaceImpls[t].Length > 0)
                {
                    _sb.Append("    impl ");
                    var impls = _m.InterfaceImpls[t];
                    for (int i = 0; i < impls.Length; i++)
                    {
                        if (i > 0) _sb.Append(", ");
                        TypeRef(impls[i]);
                    }
                    _sb.Append('\n');
                }
                foreach (var e in _m.VCallDispatch[t]) Dispatch("vcall", e);
                foreach (var e in _m.SCallDispatch[t]) Dispatch("scall", e);
                foreach (var e in _m.AssocTypeDispatch[t])
                {
                    _sb.Append("    assoc ");
                    TypeRef(e.IfaceTypeId);
                    _sb.Append('.');
                    Mnemonics.AppendName(_sb, e.Assoc);
                    _sb.Append(" -> ");
                    FunctionRef(e.FunctionId);
                    _sb.Append('\n');
                }
                if (layout != null)
                {
                    _sb.Append("    fields");
                    if (layout.Length > 0) _sb.Append(' ');
                    for (int i = 0; i < layout.Length; i++)
                    {
                        if (i > 0) _sb.Append(", ");
                        Mnemonics.AppendName(_sb, layout[i]);
                    }
                    _sb.Append('\n');
                }
                if (_m.AbiSchemas[t] is { } schema)
                {
                    _sb.Append("    abi ");
                    Schema(schema);
                    _sb.Append('\n');
                }
                _sb.Append("}\n");
                Flush();
            }
        }

        static bool StartsWithPrimitives(string[] names)
        {
            var p = Mnemonics.PrimitiveTypes;
            if (names.Length < p.Length) return false;
            for (int i = 0; i < p.Length; i++)
                if (names[i] != p[i]) return false;
            return true;
        }

        void NameList(string[] names)
        {
            for (int i = 0; i < names.Length; i++)
            {
                _sb.Append(i > 0 ? ", " : " ");
                Mnemonics.AppendName(_sb, names[i]);
            }
        }

        void Dispatch(string kind, DispatchEntry e)
        {
            _sb.Append("    ").Append(kind).Append(' ');
            MethodRef(e.MethodId);
            _sb.Append(" -> ");
            FunctionRef(e.FunctionId);
            _sb.Append('\n');
        }

        void Schema(AbiSchema s)
        {
            _sb.Append(s.IsEnum ? "enum" : "struct");
            if (s.TypeParams > 0)
            {
                _sb.Append('<');
                for (uint i = 0; i < s.TypeParams; i++)
                {
                    if (i > 0) _sb.Append(", ");
                    _sb.Append('T').Append(i);
                }
                _sb.Append('>');
            }
            _sb.Append(" {");
            if (s.IsEnum)
            {
                for (int i = 0; i < s.Variants.Length; i++)
                {
                    _sb.Append(i > 0 ? ", " : " ");
                    var v = s.Variants[i];
                    Mnemonics.AppendName(_sb, v.Name);
                    if (v.Fields.Length > 0) AbiList('(', v.Fields, ')');
                }
            }
            else
            {
                for (int i = 0; i < s.Fields.Length; i++)
                {
                    _sb.Append(i > 0 ? ", " : " ");
                    Mnemonics.AppendName(_sb, s.Fields[i].Name);
                    _sb.Append(": ");
                    Abi(s.Fields[i].Type);
                }
            }
            _sb.Append(s.IsEnum ? (s.Variants.Length > 0 ? " }" : "}") : (s.Fields.Length > 0 ? " }" : "}"));
        }

        void Signature(HostFnSig sig)
        {
            _sb.Append(' ');
            AbiList('(', sig.Params, ')');
            _sb.Append(" -> ");
            Abi(sig.Ret);
        }

        void AbiList(char open, AbiType[] items, char close)
        {
            _sb.Append(open);
            for (int i = 0; i < items.Length; i++)
            {
                if (i > 0) _sb.Append(", ");
                Abi(items[i]);
            }
            _sb.Append(close);
        }

        void Abi(AbiType t)
        {
            switch (t.Kind)
            {
                case AbiKind.Array:
                    _sb.Append('[');
                    Abi(t.Elem!);
                    _sb.Append(']');
                    return;
                case AbiKind.Tuple:
                    AbiList('(', t.Items, ')');
                    return;
                case AbiKind.Struct:
                case AbiKind.Enum:
                    _sb.Append(t.Kind == AbiKind.Struct ? "struct " : "enum ");
                    TypeRef(t.Id);
                    if (t.Items.Length > 0) AbiList('<', t.Items, '>');
                    return;
                case AbiKind.TypeParam:
                    _sb.Append('T').Append(t.Id);
                    return;
                default:
                    _sb.Append(Mnemonics.AbiLeaves[(int)t.Kind]);
                    return;
            }
        }

        void TypeRef(uint id)
        {
            if (id < (uint)_m.TypeNames.Length) Mnemonics.AppendName(_sb, _m.TypeNames[id]);
            else _sb.Append('$').Append(id);
        }

        void MethodRef(uint id)
        {
            if (id < (uint)_m.MethodNames.Length) Mnemonics.AppendName(_sb, _m.MethodNames[id]);
            else _sb.Append('$').Append(id);
        }

        void FunctionRef(uint id)
        {
            if (id < (uint)_m.Functions.Length) Mnemonics.AppendName(_sb, _m.Functions[id].Name);
            else _sb.Append('$').Append(id);
        }

        void Function(Function f, uint generics)
        {
            _sb.Append("fn ");
            Mnemonics.AppendName(_sb, f.Name);
            _sb.Append(" params ").Append(f.ParamCount);
            if (generics != 0) _sb.Append(" generics ").Append(generics);
            _sb.Append(" regs ").Append(f.RegCount).Append(" {\n");
            var code = f.Code;
            int width = Digits(code.Length == 0 ? 0 : code.Length - 1);
            for (int pc = 0; pc < code.Length; pc++)
            {
                int pad = 4 + width - Digits(pc);
                _sb.Append(' ', pad).Append(pc).Append(": ");
                Instruction(code[pc], width + 6);
                _sb.Append('\n');
            }
            _sb.Append("}\n");
        }

        static int Digits(int n)
        {
            int d = 1;
            while (n >= 10) { n /= 10; d++; }
            return d;
        }

        void Reg(uint r) => _sb.Append('r').Append(r);

        void Dst(uint r)
        {
            Reg(r);
            _sb.Append(" = ");
        }

        void Dst(OptReg r)
        {
            if (r.HasValue) Dst(r.Reg);
        }

        void Regs(char open, uint[] regs, char close)
        {
            _sb.Append(open);
            for (int i = 0; i < regs.Length; i++)
            {
                if (i > 0) _sb.Append(", ");
                Reg(regs[i]);
            }
            _sb.Append(close);
        }

        void TypeArgs(uint[] regs)
        {
            if (regs.Length > 0) Regs('<', regs, '>');
        }

        void Op(Opcode op) => _sb.Append(Mnemonics.Opcodes[(int)op]);

        void Target(uint pc) => _sb.Append('@').Append(pc);

        /// <summary>One instruction; <paramref name="indent"/> is the column of the mnemonic, for block lines.</summary>
        void Instruction(Instr ins, int indent)
        {
            switch (ins)
            {
                case ConstInstr c:
                    Dst(c.Dst);
                    _sb.Append("const ");
                    Const(c.Value);
                    return;
                case UnaryInstr u:
                    Dst(u.Dst);
                    Op(u.Op);
                    _sb.Append(' ');
                    Reg(u.Src);
                    return;
                case BinaryInstr b:
                    Dst(b.Dst);
                    Op(b.Op);
                    _sb.Append(' ');
                    Reg(b.A);
                    _sb.Append(", ");
                    Reg(b.B);
                    return;
                case MakeTypeRepInstr mt:
                    Dst(mt.Dst);
                    _sb.Append("make_typerep ");
                    TypeRep(mt.Base);
                    if (mt.Args.Length > 0) { _sb.Append(' '); Regs('<', mt.Args, '>'); }
                    return;
                case AssocTypeRepInstr at:
                    Dst(at.Dst);
                    _sb.Append("assoc_typerep ");
                    Reg(at.Recv);
                    _sb.Append(", ");
                    TypeRef(at.IfaceTypeId);
                    _sb.Append('.');
                    Mnemonics.AppendName(_sb, at.Assoc);
                    return;
                case MakeStructInstr ms:
                    Dst(ms.Dst);
                    _sb.Append("make_struct ");
                    TypeRef(ms.TypeId);
                    TypeArgs(ms.TypeArgs);
                    _sb.Append(" {");
                    for (int i = 0; i < ms.FieldNames.Length; i++)
                    {
                        _sb.Append(i > 0 ? ", " : " ");
                        Mnemonics.AppendName(_sb, ms.FieldNames[i]);
                        _sb.Append(": ");
                        Reg(ms.FieldRegs[i]);
                    }
                    _sb.Append(ms.FieldNames.Length > 0 ? " }" : "}");
                    return;
                case MakeSeqInstr seq:
                    Dst(seq.Dst);
                    Op(seq.Op);
                    _sb.Append(' ');
                    if (seq.Op == Opcode.MakeArray) Regs('[', seq.Items, ']');
                    else Regs('(', seq.Items, ')');
                    return;
                case MakeEnumInstr me:
                    Dst(me.Dst);
                    _sb.Append("make_enum ");
                    TypeRef(me.TypeId);
                    TypeArgs(me.TypeArgs);
                    _sb.Append("::");
                    Mnemonics.AppendName(_sb, me.Variant);
                    if (me.Fields.Length > 0) Regs('(', me.Fields, ')');
                    return;
                case GetFieldInstr gf:
                    Dst(gf.Dst);
                    _sb.Append("get_field ");
                    Reg(gf.Obj);
                    _sb.Append(", ");
                    Mnemonics.AppendName(_sb, gf.Field);
                    return;
                case SetFieldInstr sf:
                    _sb.Append("set_field ");
                    Reg(sf.Obj);
                    _sb.Append(", ");
                    Mnemonics.AppendName(_sb, sf.Field);
                    _sb.Append(", ");
                    Reg(sf.Value);
                    return;
                case IndexedGetInstr ig:
                    Dst(ig.Dst);
                    Op(ig.Op);
                    _sb.Append(' ');
                    Reg(ig.Obj);
                    _sb.Append(", ").Append(ig.Index);
                    return;
                case IndexedSetInstr iset:
                    Op(iset.Op);
                    _sb.Append(' ');
                    Reg(iset.Obj);
                    _sb.Append(", ").Append(iset.Index).Append(", ");
                    Reg(iset.Value);
                    return;
                case IndexSetInstr xs:
                    _sb.Append("index_set ");
                    Reg(xs.Arr);
                    _sb.Append(", ");
                    Reg(xs.Idx);
                    _sb.Append(", ");
                    Reg(xs.Value);
                    return;
                case CallInstr call:
                    Dst(call.Dst);
                    _sb.Append("call ");
                    CallTarget(call.Target);
                    Regs('(', call.Args, ')');
                    return;
                case CallMultiInstr cm:
                    Regs('(', cm.Dsts, ')');
                    _sb.Append(" = call_multi ");
                    CallTarget(cm.Target);
                    Regs('(', cm.Args, ')');
                    return;
                case ICallInstr ic:
                    Dst(ic.Dst);
                    _sb.Append("icall ");
                    Reg(ic.FnPtr);
                    Regs('(', ic.Args, ')');
                    return;
                case DispatchCallInstr dc:
                    Dst(dc.Dst);
                    Op(dc.Op);
                    _sb.Append(' ');
                    Reg(dc.Receiver);
                    _sb.Append('.');
                    MethodRef(dc.Method);
                    TypeArgs(dc.MethodTypeArgs);
                    Regs('(', dc.Args, ')');
                    return;
                case PushHandlerInstr ph:
                    _sb.Append("push_handler {");
                    if (ph.Clauses.Length == 0) { _sb.Append('}'); return; }
                    _sb.Append('\n');
                    foreach (var cl in ph.Clauses)
                    {
                        _sb.Append(' ', indent + 2);
                        Effect(cl.Effect);
                        _sb.Append('(');
                        for (int i = 0; i < cl.ArgPatterns.Length; i++)
                        {
                            if (i > 0) _sb.Append(", ");
                            Pattern(cl.ArgPatterns[i]);
                        }
                        _sb.Append(") -> ");
                        Target(cl.TargetPc);
                        if (cl.ParamRegs.Length > 0) { _sb.Append(' '); Regs('(', cl.ParamRegs, ')'); }
                        _sb.Append('\n');
                    }
                    _sb.Append(' ', indent).Append('}');
                    return;
                case PopHandlerInstr:
                    _sb.Append("pop_handler");
                    return;
                case PerformInstr pf:
                    Dst(pf.Dst);
                    _sb.Append("perform ");
                    Effect(pf.Effect);
                    Regs('(', pf.Args, ')');
                    return;
                case ResumeInstr rs:
                    Dst(rs.Dst);
                    _sb.Append("resume ");
                    Reg(rs.K);
                    _sb.Append(", ");
                    Reg(rs.Value);
                    return;
                case ResumeTailInstr rt:
                    _sb.Append("resume_tail ");
                    Reg(rt.K);
                    _sb.Append(", ");
                    Reg(rt.Value);
                    return;
                case JumpInstr j:
                    _sb.Append("jump ");
                    Target(j.Target);
                    return;
                case JumpIfInstr ji:
                    _sb.Append("jump_if ");
                    Reg(ji.Cond);
                    _sb.Append(", ");
                    Target(ji.Then);
                    _sb.Append(", ");
                    Target(ji.Else);
                    return;
                case SwitchInstr sw:
                    _sb.Append("switch ");
                    Reg(sw.Value);
                    _sb.Append(" {\n");
                    foreach (var c in sw.Cases)
                    {
                        _sb.Append(' ', indent + 2);
                        Pattern(c.Pattern);
                        _sb.Append(" -> ");
                        Target(c.TargetPc);
                        if (c.ParamRegs.Length > 0) { _sb.Append(' '); Regs('(', c.ParamRegs, ')'); }
                        _sb.Append('\n');
                    }
                    _sb.Append(' ', indent + 2).Append("default -> ");
                    Target(sw.Default);
                    _sb.Append('\n').Append(' ', indent).Append('}');
                    return;
                case ReturnInstr r:
                    _sb.Append("return ");
                    Reg(r.Value);
                    return;
                case ReturnMultiInstr rm:
                    _sb.Append("return_multi ");
                    Regs('(', rm.Values, ')');
                    return;
                case TrapInstr tr:
                    _sb.Append("trap ");
                    Mnemonics.AppendQuoted(_sb, tr.Message);
                    return;
                default:
                    throw new System.InvalidOperationException("unknown instruction shape for opcode " + Rusk.Vm.Execution.NumberText.Decimal((int)ins.Op));
            }
        }

        void CallTarget(Format.CallTarget t)
        {
            switch (t.Kind)
            {
                case CallKind.Bc:
                    FunctionRef(t.Id);
                    return;
                case CallKind.Host:
                    _sb.Append("host ");
                    if (t.Id < (uint)_m.HostImports.Length) Mnemonics.AppendName(_sb, _m.HostImports[t.Id].Name);
                    else _sb.Append('$').Append(t.Id);
                    return;
                default:
                    _sb.Append("intrinsic ");
                    if (t.Id < (uint)Mnemonics.Intrinsics.Length) _sb.Append(Mnemonics.Intrinsics[t.Id]);
                    else _sb.Append('$').Append(t.Id);
                    return;
            }
        }

        void Effect(EffectSpec e)
        {
            Mnemonics.AppendName(_sb, e.Interface);
            TypeArgs(e.InterfaceArgs);
            _sb.Append('.');
            Mnemonics.AppendName(_sb, e.Method);
        }

        void TypeRep(TypeRepLit t)
        {
            _sb.Append(Mnemonics.TypeReps[(int)t.Kind]);
            if (t.Kind == TypeRepKind.Tuple) _sb.Append('(').Append(t.Arity).Append(')');
            else if (t.Name != null)
            {
                _sb.Append('(');
                Mnemonics.AppendName(_sb, t.Name);
                _sb.Append(')');
            }
        }

        void Const(ConstValue v)
        {
            switch (v.Kind)
            {
                case ConstKind.Unit: _sb.Append("unit"); return;
                case ConstKind.Bool: _sb.Append(v.AsBool ? "true" : "false"); return;
                case ConstKind.Int: _sb.Append(v.Bits); return;
                case ConstKind.Float: _sb.Append(Mnemonics.FormatFloat(v.Bits)); return;
                case ConstKind.String: Mnemonics.AppendQuoted(_sb, v.Text!); return;
                case ConstKind.Bytes: Mnemonics.AppendBytes(_sb, v.Blob!); return;
                case ConstKind.TypeRep:
                    _sb.Append("typerep ");
                    TypeRep(v.TypeRep!);
                    return;
                default:
                    _sb.Append("fn ");
                    FunctionRef((uint)v.Bits);
                    return;
            }
        }

        void Pattern(Pattern p)
        {
            switch (p.Kind)
            {
                case PatternKind.Wildcard: _sb.Append('_'); return;
                case PatternKind.Bind: _sb.Append("bind"); return;
                case PatternKind.Literal: Const(p.Literal!); return;
                case PatternKind.Tuple: Sequence('(', p, ')'); return;
                case PatternKind.Array: Sequence('[', p, ']'); return;
                case PatternKind.Enum:
                    Mnemonics.AppendName(_sb, p.TypeName!);
                    _sb.Append("::");
                    Mnemonics.AppendName(_sb, p.Variant!);
                    if (p.Fields.Length > 0)
                    {
                        _sb.Append('(');
                        for (int i = 0; i < p.Fields.Length; i++)
                        {
                            if (i > 0) _sb.Append(", ");
                            Pattern(p.Fields[i]);
                        }
                        _sb.Append(')');
                    }
                    return;
                default:
                    Mnemonics.AppendName(_sb, p.TypeName!);
                    _sb.Append(" {");
                    for (int i = 0; i < p.Fields.Length; i++)
                    {
                        _sb.Append(i > 0 ? ", " : " ");
                        Mnemonics.AppendName(_sb, p.FieldNames[i]);
                        _sb.Append(": ");
                        Pattern(p.Fields[i]);
                    }
                    _sb.Append(p.Fields.Length > 0 ? " }" : "}");
                    return;
            }
        }

        /// <summary>`(prefix.., ..rest, suffix..)`; a bare `..` marks a suffix without a rest pattern.</summary>
        void Sequence(char open, Pattern p, char close)
        {
            _sb.Append(open);
            bool first = true;
            foreach (var q in p.Prefix)
            {
                if (!first) _sb.Append(", ");
                first = false;
                Pattern(q);
            }
            if (p.Rest != null || p.Suffix.Length > 0)
            {
                if (!first) _sb.Append(", ");
                first = false;
                _sb.Append("..");
                if (p.Rest != null) Pattern(p.Rest);
            }
            foreach (var q in p.Suffix)
            {
                _sb.Append(", ");
                Pattern(q);
            }
            _sb.Append(close);
        }
    }
}
