// Deep structural comparison of two modules, naming the first difference by its path
// (e.g. `functions[3].code[12].args[1]`), so a failed text round trip says exactly what changed.
using System.Collections.Generic;
using Rusk.Vm.Format;

namespace Rusk.Vm.Tests.Text;

static class ModuleDiff
{
    /// <summary>Null when equal, else "path: expected X, got Y".</summary>
    public static string? First(Module a, Module b)
    {
        var d = new Differ();
        d.Module(a, b);
        return d.Result;
    }

    sealed class Differ
    {
        public string? Result;
        readonly List<string> _path = new();

        bool Done => Result != null;

        void Fail(string what, object? x, object? y)
        {
            if (Done) return;
            Result = string.Join("", _path) + (what.Length > 0 ? "." + what : "") + $": expected {Show(x)}, got {Show(y)}";
        }

        static string Show(object? o) => o switch
        {
            null => "null",
            string s => "\"" + s + "\"",
            _ => o.ToString() ?? "?",
        };

        void Eq<T>(string what, T x, T y)
        {
            if (!EqualityComparer<T>.Default.Equals(x, y)) Fail(what, x, y);
        }

        void Push(string p) => _path.Add(p);
        void Pop() => _path.RemoveAt(_path.Count - 1);

        void Arr<T>(string what, T[] x, T[] y, System.Action<T, T> item)
        {
            if (Done) return;
            if (x.Length != y.Length) { Fail(what + ".length", x.Length, y.Length); return; }
            for (int i = 0; i < x.Length && !Done; i++)
            {
                Push((_path.Count > 0 || what.Length > 0 ? "." : "") + what + "[" + i + "]");
                item(x[i], y[i]);
                Pop();
            }
        }

        void U32s(string what, uint[] x, uint[] y) => Arr(what, x, y, (p, q) => Eq("", p, q));
        void Strs(string what, string[] x, string[] y) => Arr(what, x, y, (p, q) => Eq("", p, q));

        public void Module(Module a, Module b)
        {
            Arr("functions", a.Functions, b.Functions, Function);
            U32s("function_generic_params", a.FunctionGenericParams, b.FunctionGenericParams);
            Arr("host_imports", a.HostImports, b.HostImports, (x, y) => { Eq("name", x.Name, y.Name); Sig(x.Sig, y.Sig); });
            Strs("type_names", a.TypeNames, b.TypeNames);
            Strs("method_names", a.MethodNames, b.MethodNames);
            Arr("vcall_dispatch", a.VCallDispatch, b.VCallDispatch, (x, y) => Arr("", x, y, Dispatch));
            Arr("scall_dispatch", a.SCallDispatch, b.SCallDispatch, (x, y) => Arr("", x, y, Dispatch));
            Arr("assoc_type_dispatch", a.AssocTypeDispatch, b.AssocTypeDispatch, (x, y) => Arr("", x, y, (p, q) =>
            {
                Eq("iface", p.IfaceTypeId, q.IfaceTypeId);
                Eq("assoc", p.Assoc, q.Assoc);
                Eq("fn", p.FunctionId, q.FunctionId);
            }));
            Arr("interface_impls", a.InterfaceImpls, b.InterfaceImpls, (x, y) => U32s("", x, y));
            Arr("struct_layouts", a.StructLayouts, b.StructLayouts, (x, y) =>
            {
                if (x == null || y == null) { if (x != y) Fail("", x == null ? "none" : "layout", y == null ? "none" : "layout"); }
                else Strs("", x, y);
            });
            Arr("abi_schemas", a.AbiSchemas, b.AbiSchemas, Schema);
            Arr("external_effects", a.ExternalEffects, b.ExternalEffects, (x, y) =>
            {
                Eq("interface", x.Interface, y.Interface);
                Eq("method", x.Method, y.Method);
                Sig(x.Sig, y.Sig);
            });
            Eq("entry", a.Entry, b.Entry);
        }

        void Dispatch(DispatchEntry x, DispatchEntry y)
        {
            Eq("method", x.MethodId, y.MethodId);
            Eq("fn", x.FunctionId, y.FunctionId);
        }

        void Sig(HostFnSig x, HostFnSig y)
        {
            Arr("params", x.Params, y.Params, Abi);
            Push(".ret");
            Abi(x.Ret, y.Ret);
            Pop();
        }

        void Abi(AbiType x, AbiType y)
        {
            if (!x.SameAs(y)) Fail("", Describe(x), Describe(y));
        }

        static string Describe(AbiType t) => t.Kind switch
        {
            AbiKind.Array => "[" + Describe(t.Elem!) + "]",
            AbiKind.Tuple or AbiKind.Struct or AbiKind.Enum =>
                t.Kind + "#" + t.Id + "(" + string.Join(",", System.Array.ConvertAll(t.Items, Describe)) + ")",
            AbiKind.TypeParam => "T" + t.Id,
            _ => t.Kind.ToString(),
        };

        void Schema(AbiSchema? x, AbiSchema? y)
        {
            if (x == null || y == null) { if (x != y) Fail("", x == null ? "none" : "schema", y == null ? "none" : "schema"); return; }
            Eq("is_enum", x.IsEnum, y.IsEnum);
            Eq("type_params", x.TypeParams, y.TypeParams);
            Arr("fields", x.Fields, y.Fields, (p, q) => { Eq("name", p.Name, q.Name); Push(".ty"); Abi(p.Type, q.Type); Pop(); });
            Arr("variants", x.Variants, y.Variants, (p, q) => { Eq("name", p.Name, q.Name); Arr("fields", p.Fields, q.Fields, Abi); });
        }

        void Function(Function x, Function y)
        {
            Eq("name", x.Name, y.Name);
            Eq("reg_count", x.RegCount, y.RegCount);
            Eq("param_count", x.ParamCount, y.ParamCount);
            Arr("code", x.Code, y.Code, Instr);
        }

        void Opt(string what, OptReg x, OptReg y)
        {
            Eq(what + ".some", x.HasValue, y.HasValue);
            Eq(what, x.Reg, y.Reg);
        }

        void Target(string what, CallTarget x, CallTarget y)
        {
            Eq(what + ".kind", x.Kind, y.Kind);
            Eq(what + ".id", x.Id, y.Id);
        }

        void Instr(Instr x, Instr y)
        {
            Eq("op", x.Op, y.Op);
            if (Done) return;
            if (x.GetType() != y.GetType()) { Fail("shape", x.GetType().Name, y.GetType().Name); return; }
            switch (x)
            {
                case ConstInstr a: { var b = (ConstInstr)y; Eq("dst", a.Dst, b.Dst); Push(".value"); Const(a.Value, b.Value); Pop(); break; }
                case UnaryInstr a: { var b = (UnaryInstr)y; Eq("dst", a.Dst, b.Dst); Eq("src", a.Src, b.Src); break; }
                case BinaryInstr a: { var b = (BinaryInstr)y; Eq("dst", a.Dst, b.Dst); Eq("a", a.A, b.A); Eq("b", a.B, b.B); break; }
                case MakeTypeRepInstr a: { var b = (MakeTypeRepInstr)y; Eq("dst", a.Dst, b.Dst); TypeRep("base", a.Base, b.Base); U32s("args", a.Args, b.Args); break; }
                case AssocTypeRepInstr a: { var b = (AssocTypeRepInstr)y; Eq("dst", a.Dst, b.Dst); Eq("recv", a.Recv, b.Recv); Eq("iface", a.IfaceTypeId, b.IfaceTypeId); Eq("assoc", a.Assoc, b.Assoc); break; }
                case MakeStructInstr a: { var b = (MakeStructInstr)y; Eq("dst", a.Dst, b.Dst); Eq("type", a.TypeId, b.TypeId); U32s("type_args", a.TypeArgs, b.TypeArgs); Strs("field_names", a.FieldNames, b.FieldNames); U32s("field_regs", a.FieldRegs, b.FieldRegs); break; }
                case MakeSeqInstr a: { var b = (MakeSeqInstr)y; Eq("dst", a.Dst, b.Dst); U32s("items", a.Items, b.Items); break; }
                case MakeEnumInstr a: { var b = (MakeEnumInstr)y; Eq("dst", a.Dst, b.Dst); Eq("type", a.TypeId, b.TypeId); U32s("type_args", a.TypeArgs, b.TypeArgs); Eq("variant", a.Variant, b.Variant); U32s("fields", a.Fields, b.Fields); break; }
                case GetFieldInstr a: { var b = (GetFieldInstr)y; Eq("dst", a.Dst, b.Dst); Eq("obj", a.Obj, b.Obj); Eq("field", a.Field, b.Field); break; }
                case SetFieldInstr a: { var b = (SetFieldInstr)y; Eq("obj", a.Obj, b.Obj); Eq("field", a.Field, b.Field); Eq("value", a.Value, b.Value); break; }
                case IndexedGetInstr a: { var b = (IndexedGetInstr)y; Eq("dst", a.Dst, b.Dst); Eq("obj", a.Obj, b.Obj); Eq("index", a.Index, b.Index); break; }
                case IndexedSetInstr a: { var b = (IndexedSetInstr)y; Eq("obj", a.Obj, b.Obj); Eq("index", a.Index, b.Index); Eq("value", a.Value, b.Value); break; }
                case IndexSetInstr a: { var b = (IndexSetInstr)y; Eq("arr", a.Arr, b.Arr); Eq("idx", a.Idx, b.Idx); Eq("value", a.Value, b.Value); break; }
                case CallInstr a: { var b = (CallInstr)y; Opt("dst", a.Dst, b.Dst); Target("target", a.Target, b.Target); U32s("args", a.Args, b.Args); break; }
                case CallMultiInstr a: { var b = (CallMultiInstr)y; U32s("dsts", a.Dsts, b.Dsts); Target("target", a.Target, b.Target); U32s("args", a.Args, b.Args); break; }
                case ICallInstr a: { var b = (ICallInstr)y; Opt("dst", a.Dst, b.Dst); Eq("fnptr", a.FnPtr, b.FnPtr); U32s("args", a.Args, b.Args); break; }
                case DispatchCallInstr a: { var b = (DispatchCallInstr)y; Opt("dst", a.Dst, b.Dst); Eq("receiver", a.Receiver, b.Receiver); Eq("method", a.Method, b.Method); U32s("method_type_args", a.MethodTypeArgs, b.MethodTypeArgs); U32s("args", a.Args, b.Args); break; }
                case PushHandlerInstr a:
                {
                    var b = (PushHandlerInstr)y;
                    Arr("clauses", a.Clauses, b.Clauses, (p, q) =>
                    {
                        Effect(p.Effect, q.Effect);
                        Arr("patterns", p.ArgPatterns, q.ArgPatterns, Pattern);
                        Eq("target", p.TargetPc, q.TargetPc);
                        U32s("params", p.ParamRegs, q.ParamRegs);
                    });
                    break;
                }
                case PopHandlerInstr: break;
                case PerformInstr a: { var b = (PerformInstr)y; Opt("dst", a.Dst, b.Dst); Effect(a.Effect, b.Effect); U32s("args", a.Args, b.Args); break; }
                case ResumeInstr a: { var b = (ResumeInstr)y; Opt("dst", a.Dst, b.Dst); Eq("k", a.K, b.K); Eq("value", a.Value, b.Value); break; }
                case ResumeTailInstr a: { var b = (ResumeTailInstr)y; Eq("k", a.K, b.K); Eq("value", a.Value, b.Value); break; }
                case JumpInstr a: Eq("target", a.Target, ((JumpInstr)y).Target); break;
                case JumpIfInstr a: { var b = (JumpIfInstr)y; Eq("cond", a.Cond, b.Cond); Eq("then", a.Then, b.Then); Eq("else", a.Else, b.Else); break; }
                case SwitchInstr a:
                {
                    var b = (SwitchInstr)y;
                    Eq("value", a.Value, b.Value);
                    Arr("cases", a.Cases, b.Cases, (p, q) =>
                    {
                        Push(".pattern"); Pattern(p.Pattern, q.Pattern); Pop();
                        Eq("target", p.TargetPc, q.TargetPc);
                        U32s("params", p.ParamRegs, q.ParamRegs);
                    });
                    Eq("default", a.Default, b.Default);
                    break;
                }
                case ReturnInstr a: Eq("value", a.Value, ((ReturnInstr)y).Value); break;
                case ReturnMultiInstr a: U32s("values", a.Values, ((ReturnMultiInstr)y).Values); break;
                case TrapInstr a: Eq("message", a.Message, ((TrapInstr)y).Message); break;
                default: Fail("shape", "known", x.GetType().Name); break;
            }
        }

        void Effect(EffectSpec x, EffectSpec y)
        {
            Eq("effect.interface", x.Interface, y.Interface);
            U32s("effect.args", x.InterfaceArgs, y.InterfaceArgs);
            Eq("effect.method", x.Method, y.Method);
        }

        void TypeRep(string what, TypeRepLit x, TypeRepLit y)
        {
            Eq(what + ".kind", x.Kind, y.Kind);
            Eq(what + ".arity", x.Arity, y.Arity);
            Eq(what + ".name", x.Name, y.Name);
        }

        void Const(ConstValue x, ConstValue y)
        {
            Eq("kind", x.Kind, y.Kind);
            Eq("bits", x.Bits, y.Bits);
            Eq("text", x.Text, y.Text);
            if (x.Blob != null || y.Blob != null)
            {
                if (x.Blob == null || y.Blob == null) Fail("blob", x.Blob == null ? "null" : "bytes", y.Blob == null ? "null" : "bytes");
                else Arr("blob", x.Blob, y.Blob, (p, q) => Eq("", p, q));
            }
            if (x.TypeRep != null || y.TypeRep != null)
            {
                if (x.TypeRep == null || y.TypeRep == null) Fail("typerep", x.TypeRep?.Kind, y.TypeRep?.Kind);
                else TypeRep("typerep", x.TypeRep, y.TypeRep);
            }
        }

        void Pattern(Pattern x, Pattern y)
        {
            Eq("kind", x.Kind, y.Kind);
            if (Done) return;
            switch (x.Kind)
            {
                case PatternKind.Literal: Push(".literal"); Const(x.Literal!, y.Literal!); Pop(); break;
                case PatternKind.Tuple:
                case PatternKind.Array:
                    Arr("prefix", x.Prefix, y.Prefix, Pattern);
                    if (x.Rest == null || y.Rest == null) { if (x.Rest != y.Rest) Fail("rest", x.Rest?.Kind, y.Rest?.Kind); }
                    else { Push(".rest"); Pattern(x.Rest, y.Rest); Pop(); }
                    Arr("suffix", x.Suffix, y.Suffix, Pattern);
                    break;
                case PatternKind.Enum:
                    Eq("enum", x.TypeName, y.TypeName);
                    Eq("variant", x.Variant, y.Variant);
                    Arr("fields", x.Fields, y.Fields, Pattern);
                    break;
                case PatternKind.Struct:
                    Eq("type", x.TypeName, y.TypeName);
                    Strs("field_names", x.FieldNames, y.FieldNames);
                    Arr("fields", x.Fields, y.Fields, Pattern);
                    break;
            }
        }
    }
}
