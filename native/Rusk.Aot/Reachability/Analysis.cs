// Whole-program reachability from the [WasmExport] roots (docs/aot.md "Compilation model"): marks
// methods (imported once into IR here), constructed types, used virtual slots and interface
// methods, static bases; a slot marks the override in every constructed type and vice versa.
// Errors are collected (each naming the member and who needed it) instead of stopping at the first.
using System.Collections.Generic;
using System.Reflection.Metadata;
using Rusk.Aot.Codegen;
using Rusk.Aot.IL;
using Rusk.Aot.TypeSystem;

namespace Rusk.Aot.Reachability;

internal sealed record MethodNode(MethodDesc Method);
internal sealed record ConstructedNode(TypeDesc Type);
internal sealed record SlotNode(MethodDesc Root);
internal sealed record InterfaceMethodNode(MethodDesc Method);
internal sealed record StaticBaseNode(DefType Type);

internal sealed class Analysis
{
    readonly TypeSystemContext _ts;
    readonly Importer _importer;
    public readonly DependencyGraph Graph = new();
    public readonly Dictionary<MethodDesc, IrMethod> Bodies = new();
    public readonly List<MethodDesc> Imports = new();
    public readonly List<(string Name, MethodDesc Method)> Exports = new();
    public readonly List<TypeDesc> Constructed = new();
    public readonly HashSet<MethodDesc> Slots = new();
    public readonly HashSet<MethodDesc> InterfaceMethods = new();
    public readonly HashSet<FieldDesc> CelledFields = new();
    public readonly List<string> Errors = new();

    public Analysis(TypeSystemContext ts) { _ts = ts; _importer = new Importer(ts); }

    public void AddExport(string name, MethodDesc m)
    {
        Exports.Add((name, m));
        Graph.Mark(new MethodNode(m), m.ToString(), null, $"exported as \"{name}\"");
    }

    public void Run()
    {
        while (Graph.TryNext(out var node))
        {
            try { Process(node); }
            catch (CompileError e) { Errors.Add($"{e.Message} in {node.Name}{(node.Parent != null ? " (needed by " + node.Parent.Name + ")" : "")}"); }
        }
    }

    void Method(MethodDesc m, DependencyGraph.Node from, string why) => Graph.Mark(new MethodNode(m), m.ToString(), from, why);
    void Construct(TypeDesc t, DependencyGraph.Node from, string why) => Graph.Mark(new ConstructedNode(t), "new " + t, from, why);

    void Process(DependencyGraph.Node node)
    {
        switch (node.Key)
        {
            case MethodNode { Method: var m }:
                ProcessMethod(m, node);
                break;
            case ConstructedNode { Type: var t }:
                Constructed.Add(t);
                if (t is DefType d)
                {
                    if (d.BaseType != null) Graph.Mark(new ConstructedNode(d.BaseType), "new " + d.BaseType, node, "base of a constructed type");
                    foreach (var s in Slots) OverrideOf(d, s, node);
                    foreach (var im in InterfaceMethods) ImplOf(d, im, node);
                }
                else if (t is ArrayType at)
                {
                    Construct(_ts.CorlibType("System.Array"), node, "arrays are System.Array");
                    foreach (var im in InterfaceMethods) ArrayImplOf(at, im, node);
                }
                break;
            case SlotNode { Root: var root }:
                Slots.Add(root);
                foreach (var t in Constructed.ToArray()) if (t is DefType ct) OverrideOf(ct, root, node);
                break;
            case InterfaceMethodNode { Method: var im }:
                InterfaceMethods.Add(im);
                foreach (var t in Constructed.ToArray())
                {
                    if (t is DefType ct) ImplOf(ct, im, node);
                    else if (t is ArrayType at) ArrayImplOf(at, im, node);
                }
                break;
            case StaticBaseNode { Type: var t }:
                if (Virtuals.FindCctor(t) is { } cctor) Method(cctor, node, "static constructor");
                break;
        }
    }

    void OverrideOf(DefType t, MethodDesc slot, DependencyGraph.Node from)
    {
        if (!Virtuals.DerivesFrom(t, slot.Owner)) return;
        var impl = Virtuals.FindOverride(t, slot);
        if (impl != null && Intrinsics.IsPerTypeValueMethod(impl))
        {
            // Generated per type; Equals also calls Object.Equals(object, object) on reference fields.
            if (impl.Name == "Equals") foreach (var m in _ts.MethodsOf(_ts.Object)) if (m.Name == "Equals" && m.IsStatic) Method(m, from, "field-wise Equals of " + t);
            return;
        }
        if (impl != null && !impl.IsAbstract) Method(impl, from, $"overrides {slot.Name} in constructed {t}");
    }

    void ImplOf(DefType t, MethodDesc im, DependencyGraph.Node from)
    {
        if (!_ts.InterfacesOf(t).Contains(im.Owner)) return;
        var impl = Virtuals.FindInterfaceImpl(t, im);
        if (impl == null) throw new CompileError($"{t} implements no {im}");
        if (!impl.IsAbstract) Method(impl, from, $"implements {im} in constructed {t}");
    }

    void ArrayImplOf(ArrayType a, MethodDesc im, DependencyGraph.Node from)
    {
        if (!ArrayInterfaces.Of(_ts, a).Contains(im.Owner)) return;
        var impl = ArrayInterfaces.Impl(_ts, a, im) ?? throw new CompileError($"{a} has no implementation of {im} (System.ArrayInterfaces)");
        Method(impl, from, $"implements {im} for constructed {a}");
    }

    /// <summary>Set when Object.MemberwiseClone is reached: every class vtable gets a clone function.</summary>
    public bool NeedsClone;

    void ProcessMethod(MethodDesc m, DependencyGraph.Node node)
    {
        var kind = Intrinsics.Classify(m);
        if (kind == IntrinsicKind.Import) { Imports.Add(m); return; }
        if (kind == IntrinsicKind.ObjectMemberwiseClone) NeedsClone = true;
        if (kind is IntrinsicKind.StringNewString or IntrinsicKind.StringFindLiteral)
        {
            Construct(_ts.String, node, "strings made at run time");
            Construct(_ts.ArrayOf(_ts.Primitive(PrimitiveTypeCode.Char)), node, "strings made at run time");
        }
        if (kind == IntrinsicKind.ObjectGetType)
        {
            var rt = _ts.CorlibType("System.RuntimeType");
            Construct(rt, node, "GetType() makes type objects");
            foreach (var c in _ts.MethodsOf(rt)) if (c.IsCtor) Method(c, node, "GetType() makes type objects");
            Construct(_ts.String, node, "type names");
            Construct(_ts.ArrayOf(_ts.Primitive(PrimitiveTypeCode.Char)), node, "type names");
        }
        if (kind != IntrinsicKind.None) return;
        if (m.Owner.IsInterface && m.IsAbstract) return;
        if (m.Sig.GenericArity > 0 && m.MethodInst.Length == 0) throw new CompileError($"uninstantiated generic method {m}");
        if ((m.IsStatic || m.IsCtor) && Virtuals.FindCctor(m.Owner) != null && m.Name != ".cctor")
            Graph.Mark(new StaticBaseNode(m.Owner), "static base " + m.Owner, node, "static or constructor of a type with a .cctor");
        var ir = _importer.Import(m);
        Bodies[m] = ir;
        foreach (var b in ir.Blocks)
            foreach (var ins in b.Insts)
            {
                try { Scan(ins, node, ir); }
                catch (CompileError e) { throw new CompileError($"IL_{ins.IL.Offset:X4}: {e.Message}"); }
            }
        foreach (var r in ir.Regions) if (r.CatchType != null) Construct(r.CatchType, node, "catch type");
    }

    void Scan(IrInst ins, DependencyGraph.Node node, IrMethod ir)
    {
        switch (ins.Op)
        {
            case ILOpCode.Call:
            case ILOpCode.Callvirt:
            {
                var m = ins.Method;
                if (ins.Constrained is DefType ct && ct.IsValueType)
                {
                    var root = Virtuals.SlotRoot(m);
                    var impl = m.Owner.IsInterface ? Virtuals.FindInterfaceImpl(ct, m) : Virtuals.FindOverride(ct, root);
                    if (impl != null && impl.Owner == ct) { Method(impl, node, "constrained call"); break; }
                    Construct(ct, node, "boxed for a constrained call");
                }
                if (ins.Op == ILOpCode.Callvirt && IsVirtualCall(m))
                {
                    if (m.Owner.IsInterface) Graph.Mark(new InterfaceMethodNode(m), "interface " + m, node, "interface call");
                    else { var r = Virtuals.SlotRoot(m); Graph.Mark(new SlotNode(r), "slot " + r, node, "virtual call"); }
                }
                else Method(m, node, "called");
                if (Intrinsics.Classify(m) == IntrinsicKind.DelegateInvoke) Construct(m.Owner, node, "delegate invoked");
                break;
            }
            case ILOpCode.Newobj:
                Construct(ins.Method.Owner, node, "allocated");
                if (Intrinsics.Classify(ins.Method) == IntrinsicKind.StringCtor) Method(Intrinsics.StringCtorImpl(ins.Method), node, "string constructor");
                else if (!ins.Method.Owner.IsDelegate) Method(ins.Method, node, "constructor called");
                break;
            case ILOpCode.Ldftn: Method(ins.Method, node, "ldftn"); break;
            case ILOpCode.Ldvirtftn:
                if (ins.Method.Owner.IsInterface) throw new CompileError($"ldvirtftn of interface method {ins.Method} is not supported");
                if (IsVirtualCall(ins.Method)) { var r = Virtuals.SlotRoot(ins.Method); Graph.Mark(new SlotNode(r), "slot " + r, node, "ldvirtftn"); }
                else Method(ins.Method, node, "ldvirtftn");
                break;
            case ILOpCode.Ldsfld:
            case ILOpCode.Stsfld:
            case ILOpCode.Ldsflda:
                Graph.Mark(new StaticBaseNode(ins.Field.Owner), "static base " + ins.Field.Owner, node, "static field " + ins.Field.Name);
                if (ins.Op == ILOpCode.Ldsflda && !IsStruct(ins.Field.Type)) CelledFields.Add(ins.Field);
                break;
            case ILOpCode.Ldflda:
                if (!IsStruct(ins.Field.Type)) CelledFields.Add(ins.Field);
                break;
            case ILOpCode.Newarr: Construct(_ts.ArrayOf(ins.Type), node, "new array"); ConstructValue(ins.Type, node); break;
            case ILOpCode.Box: Construct(ins.Type, node, "boxed"); break;
            case ILOpCode.Ldstr:
                Construct(_ts.String, node, "string literal");
                Construct(_ts.ArrayOf(_ts.Primitive(PrimitiveTypeCode.Char)), node, "string literal");
                break;
            case ILOpCode.Initobj: case ILOpCode.Ldloca: case ILOpCode.Ldarga: break;
            case var op when op.ToString().Contains("ovf"):
            {
                // Checked arithmetic throws OverflowException.
                var ovf = _ts.CorlibType("System.OverflowException");
                Construct(ovf, node, "checked arithmetic");
                foreach (var c in _ts.MethodsOf(ovf)) if (c.IsCtor && c.Sig.Params.Length == 0) Method(c, node, "checked arithmetic");
                break;
            }
        }
        foreach (var p in ins.Pops) if (p.Kind == SK.Ref && p.Type is DefType { IsStruct: true } s) ConstructValue(s, node);
        if (ins.Push is { Kind: SK.Ref, Type: DefType { IsStruct: true } ps }) ConstructValue(ps, node);
        _ = ir;
    }

    /// <summary>A struct value needs its box type's vtable (boxes are allocated for locations).</summary>
    void ConstructValue(TypeDesc t, DependencyGraph.Node node)
    {
        if (t is DefType { IsStruct: true }) Construct(t, node, "struct location");
    }

    static bool IsStruct(TypeDesc t) => t is DefType { IsStruct: true };

    /// <summary>A call that needs dispatch: virtual, not final, owner not sealed.</summary>
    public static bool IsVirtualCall(MethodDesc m) => m.IsVirtual && !m.IsFinal && !(m.Owner.IsSealed && !m.Owner.IsInterface) && !m.Owner.IsValueType;
}
