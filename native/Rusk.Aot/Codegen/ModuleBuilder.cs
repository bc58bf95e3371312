// Assembles the module from the analysis: one function per reached method body, imports and
// exports, and the shared pieces methods ask for by name — vtable globals, allocation/copy helpers
// for class instances and struct boxes, string literal globals, static globals and cctor checks.
using System.Collections.Generic;
using System.Reflection.Metadata;
using System.Text;
using Rusk.Aot.IL;
using Rusk.Aot.Layout;
using Rusk.Aot.Reachability;
using Rusk.Aot.TypeSystem;
using Rusk.Aot.Wasm;

namespace Rusk.Aot.Codegen;

internal sealed partial class ModuleBuilder
{
    public readonly WasmModule Module = new();
    public readonly WasmLayout Layout;
    public readonly TypeSystemContext Ts;
    public readonly Analysis Analysis;
    public readonly List<string> Errors = new();
    public Flow.IStructurer Structurer = new Flow.Structurer();
    readonly Dictionary<object, string> _helpers = new();
    readonly HashSet<FieldDesc> _staticsDone = new();

    public ModuleBuilder(TypeSystemContext ts, Analysis analysis)
    {
        Ts = ts; Analysis = analysis;
        Layout = new WasmLayout(ts, Module, analysis.Slots.Contains, analysis.InterfaceMethods.Contains)
        {
            IsCelled = analysis.CelledFields.Contains,
        };
    }

    public void Build()
    {
        foreach (var m in Analysis.Imports)
        {
            var attr = ImportName(m);
            Module.Imports.Add(new WasmImport(attr.Module, attr.Name, Layout.FunctionName(m), Layout.FuncTypeOf(m)));
        }
        AssignInterfaceIds();
        foreach (var (m, ir) in Analysis.Bodies)
        {
            try { Module.Functions.Add(new MethodCompiler(this, ir).Compile()); }
            catch (CompileError e) { Errors.Add($"{e.Message} in {m}"); }
        }
        foreach (var (name, m) in Analysis.Exports)
            Module.Exports.Add(new WasmExport(name, Layout.FunctionName(m)));
        FinishFindLiteral();
    }

    (string Module, string Name) ImportName(MethodDesc m)
    {
        var md = m.Owner.Asm!.Md;
        foreach (var h in m.Def.GetCustomAttributes())
        {
            var a = md.GetCustomAttribute(h);
            if (Virtuals.AttributeName(md, a) != "Rusk.Aot.Interop.WasmImportAttribute") continue;
            var v = a.DecodeValue(new StringAttributeDecoder());
            return ((string)v.FixedArguments[0].Value!, (string)v.FixedArguments[1].Value!);
        }
        throw new CompileError($"{m} has no [WasmImport]");
    }

    public bool IsCompiled(MethodDesc m) => Analysis.Bodies.ContainsKey(m) || Analysis.Imports.Contains(m);

    public string Func(MethodDesc m)
    {
        if (!IsCompiled(m)) throw new CompileError($"{m} was not compiled (not reached or has no body)");
        return Layout.FunctionName(m);
    }

    public string FuncRef(string func) { Module.DeclaredFuncRefs.Add(func); return func; }

    WasmFunction NewFunction(string name, string comment, List<(string, string)> ps, List<string> rs)
    {
        var pt = new List<string>();
        foreach (var p in ps) pt.Add(p.Item2);
        var f = new WasmFunction { Name = name, TypeName = Layout.FuncType(pt, rs), Comment = comment };
        f.Params.AddRange(ps); f.Results.AddRange(rs);
        Module.Functions.Add(f);
        return f;
    }

    // ---- vtables ----

    /// <summary>The immutable global holding type <paramref name="t"/>'s vtable (slots filled with
    /// the type's overrides, the itable with its interfaces' dispatch structs).</summary>
    public string VTable(DefType t)
    {
        if (_helpers.TryGetValue(("vt", t), out var g)) return g;
        var ci = Layout.Class(t);
        g = Layout.Name(("vtg", t), "vt." + t.FullName);
        _helpers[("vt", t)] = g;
        var init = new StringBuilder($"(struct.new {ci.VTable} ");
        init.Append(Itable(t)).Append(' ').Append(CharArrayConst(SimpleName(t))).Append(" (ref.null struct) ").Append(CloneFunc(t));
        foreach (var slot in ci.Slots)
        {
            var impl = Virtuals.FindOverride(t, slot);
            string ft = Layout.SlotFuncType(slot);
            if (impl != null && Intrinsics.IsPerTypeValueMethod(impl)) { init.Append($" (ref.func {FuncRef(ValueTypeMethod(t, impl.Name))})"); continue; }
            init.Append(impl == null || impl.IsAbstract || !IsCompiled(impl) ? $" (ref.null {ft})" : $" (ref.func {FuncRef(Adapter(impl, ft, slot.Owner))})");
        }
        init.Append(')');
        Module.Globals.Add(new WasmGlobal(g, $"(ref {ci.VTable})", false, init.ToString()));
        return g;
    }

    /// <summary>Vtable of an array type: System.Array's, named after the array type.</summary>
    public string VTable(ArrayType a)
    {
        if (_helpers.TryGetValue(("vt", a), out var g)) return g;
        var arr = Ts.CorlibType("System.Array");
        var ci = Layout.Class(arr);
        g = Layout.Name(("vtg", a), "vt." + a.FullName);
        _helpers[("vt", a)] = g;
        var init = new StringBuilder($"(struct.new {ci.VTable} {Itable(a)} {CharArrayConst(SimpleName(a))} (ref.null struct) {CloneFunc(a)}");
        foreach (var slot in ci.Slots)
        {
            var impl = Virtuals.FindOverride(arr, slot);
            string ft = Layout.SlotFuncType(slot);
            init.Append(impl == null || impl.IsAbstract || !IsCompiled(impl) ? $" (ref.null {ft})" : $" (ref.func {FuncRef(Adapter(impl, ft, slot.Owner))})");
        }
        init.Append(')');
        Module.Globals.Add(new WasmGlobal(g, $"(ref {ci.VTable})", false, init.ToString()));
        return g;
    }

    /// <summary>The name the vtable holds for GetType(): the full name as the corlib's RuntimeType
    /// expects it (`Ns.Outer+Inner`, generic arity kept, no type arguments; arrays `Elem[]`).</summary>
    static string SimpleName(TypeDesc t) => t switch
    {
        ArrayType a => SimpleName(a.Element) + "[]",
        DefType { HasMetadata: true } d => d.Asm!.TypeName(d.Handle),
        _ => t.FullName,
    };

    List<DefType> InterfacesOf(TypeDesc t) => t is DefType d ? Ts.InterfacesOf(d) : ArrayInterfaces.Of(Ts, (ArrayType)t);

    /// <summary>Every interface a constructed type implements gets its dense id before any itable is
    /// built, so each itable has an entry (possibly with no methods) for all of its interfaces.</summary>
    void AssignInterfaceIds()
    {
        var all = new SortedDictionary<string, DefType>(System.StringComparer.Ordinal);
        foreach (var t in Analysis.Constructed)
            if (t is DefType or ArrayType) foreach (var i in InterfacesOf(t)) all[i.FullName] = i;
        foreach (var i in all.Values) Layout.InterfaceId(i);
    }

    string Itable(TypeDesc t)
    {
        var ifaces = InterfacesOf(t);
        var entries = new SortedDictionary<int, string>();
        foreach (var i in ifaces)
        {
            var methods = Layout.InterfaceMethods(i);
            var sb = new StringBuilder($"(struct.new {Layout.InterfaceTable(i)}");
            foreach (var im in methods)
            {
                var impl = t is DefType d ? Virtuals.FindInterfaceImpl(d, im) : ArrayInterfaces.Impl(Ts, (ArrayType)t, im);
                string ft = Layout.SlotFuncType(im);
                sb.Append(impl == null || impl.IsAbstract || !IsCompiled(impl) ? $" (ref.null {ft})" : $" (ref.func {FuncRef(Adapter(impl, ft, Ts.Object))})");
            }
            entries[Layout.InterfaceId(i)] = sb.Append(')').ToString();
        }
        if (entries.Count == 0) return $"(ref.null {WasmLayout.ItableType})";
        int n = 0;
        foreach (var k in entries.Keys) n = k + 1;
        var arr = new StringBuilder($"(array.new_fixed {WasmLayout.ItableType} {n}");
        for (int k = 0; k < n; k++) arr.Append(' ').Append(entries.TryGetValue(k, out var e) ? e : "(ref.null struct)");
        return arr.Append(')').ToString();
    }

    /// <summary>The function to put in a slot of type <paramref name="funcType"/> (`this` typed as
    /// <paramref name="thisType"/>): the method itself when its type already fits, else a thunk that
    /// casts `this` (and unboxes a primitive's value) before calling it.</summary>
    public string Adapter(MethodDesc impl, string funcType, TypeDesc thisType)
    {
        string name = Func(impl);
        if (Layout.FuncTypeOf(impl) == funcType) return name;
        if (_helpers.TryGetValue(("thunk", impl, funcType), out var t)) return t;
        t = Layout.Name(("thunk", impl, funcType), "thunk." + impl);
        _helpers[("thunk", impl, funcType)] = t;
        var ps = new List<(string, string)> { ("$this", Layout.ValType(thisType)) };
        int k = 0;
        // A static implementation (System.ArrayInterfaces) takes the receiver as its first parameter.
        for (int pi = impl.IsStatic ? 1 : 0; pi < impl.Sig.Params.Length; pi++)
            foreach (var vt in Layout.ValTypes(impl.Sig.Params[pi])) ps.Add(("$p" + k++, vt));
        var (_, rs) = Layout.Signature(impl);
        var f = NewFunction(t, "adapter for " + impl, ps, rs);
        var target = impl.IsStatic ? impl.Sig.Params[0] : Layout.ThisParam(impl);
        f.Body.Add("local.get $this");
        if (target is DefType { IsPrimitive: true } or DefType { IsEnum: true })
        {
            var box = Layout.Class((DefType)target);
            f.Body.Add($"ref.cast (ref {box.Struct})");
            f.Body.Add($"struct.get {box.Struct} {WasmLayout.FirstField}");
        }
        else f.Body.Add($"ref.cast {Layout.ValTypes(target)[0]}");
        for (int i = 0; i < k; i++) f.Body.Add("local.get $p" + i);
        f.Body.Add("call " + name);
        return t;
    }

    // ---- delegates ----

    public (string Struct, string FuncType) DelegateLayout(DefType d) => (Layout.StructType(d), Layout.DelegateFuncType(d));

    /// <summary>The function a delegate of type <paramref name="d"/> bound to <paramref name="target"/> holds:
    /// takes the target object first (ignored for a static method) and calls the method.</summary>
    public string DelegateThunk(DefType d, MethodDesc target, bool virtualCall = false)
    {
        if (_helpers.TryGetValue(("dthunk", d, target), out var n)) return n;
        n = Layout.Name(("dthunk", d, target), "delegate." + target);
        _helpers[("dthunk", d, target)] = n;
        MethodDesc? invoke = null;
        foreach (var m in Ts.MethodsOf(d)) if (m.Name == "Invoke") invoke = m;
        var ps = new List<(string, string)> { ("$target", $"(ref null {Layout.StructType(Ts.Object)})") };
        int k = 0;
        foreach (var p in invoke!.Sig.Params) foreach (var vt in Layout.ValTypes(p)) ps.Add(("$p" + k++, vt));
        var rs = new List<string>();
        if (!(invoke.Sig.Return is DefType { IsVoid: true })) rs.AddRange(Layout.ValTypes(invoke.Sig.Return));
        var f = NewFunction(n, $"{d} → {target}", ps, rs);
        if (!target.IsStatic)
        {
            var self = Layout.ThisParam(target);
            if (self is ByRefType || self.IsValueType) throw new CompileError($"a delegate over a value type's method ({target}) is not supported");
            f.Body.Add("local.get $target");
            f.Body.Add($"ref.cast {Layout.ValType(self)}");
        }
        for (int i = 0; i < k; i++) f.Body.Add("local.get $p" + i);
        if (virtualCall && Analysis.IsVirtualCall(target))
        {
            // ldvirtftn: the override of the target's own class, found through its vtable.
            var root = Virtuals.SlotRoot(target);
            var ci = Layout.Class(root.Owner);
            f.Body.Add("local.get $target");
            f.Body.Add($"ref.cast (ref {ci.Struct})");
            f.Body.Add($"struct.get {ci.Struct} {WasmLayout.VTableField}");
            f.Body.Add($"struct.get {ci.VTable} {Layout.SlotIndex(root.Owner, root)}");
            f.Body.Add("call_ref " + Layout.SlotFuncType(root));
            return n;
        }
        f.Body.Add("call " + Func(target));
        return n;
    }

    // ---- allocation and struct copies ----

    /// <summary>A function returning a fresh default instance of class or struct <paramref name="t"/>
    /// (vtable set, every struct-typed field owning a fresh box).</summary>
    public string Alloc(DefType t)
    {
        if (_helpers.TryGetValue(("alloc", t), out var n)) return n;
        n = Layout.Name(("alloc", t), "new." + t.FullName);
        _helpers[("alloc", t)] = n;
        var ci = Layout.Class(t);
        var f = NewFunction(n, "default instance of " + t, new(), new() { $"(ref {ci.Struct})" });
        f.Body.Add("global.get " + VTable(t));
        f.Body.Add("i32.const 0");
        foreach (var fd in ci.Fields) DefaultValue(f.Body, fd);
        f.Body.Add("struct.new " + ci.Struct);
        return n;
    }

    void DefaultValue(WasmCode code, FieldDesc f)
    {
        if (Layout.IsCelled(f))
        {
            if (f.Type is DefType { IsStruct: true } s) code.Add("call " + Alloc(s));
            else DefaultOf(code, f.Type);
            code.Add($"array.new_fixed {Layout.DataArray(f.Type)} 1");
            return;
        }
        if (f.Type is DefType { IsStruct: true } st) { code.Add("call " + Alloc(st)); return; }
        DefaultOf(code, f.Type);
    }

    public void DefaultOf(WasmCode code, TypeDesc t)
    {
        if (t is DefType { IsStruct: true } s) { code.Add("call " + Alloc(s)); return; }
        string vt = Layout.StorageType(t);
        code.Add(vt switch
        {
            "i8" or "i16" or "i32" => "i32.const 0",
            "i64" => "i64.const 0",
            "f32" => "f32.const 0",
            "f64" => "f64.const 0",
            _ => "ref.null " + HeapType(vt),
        });
    }

    public static string HeapType(string refType) => refType.StartsWith("(ref null ") ? refType[10..^1] : refType.StartsWith("(ref ") ? refType[5..^1] : refType;

    /// <summary>`(dst, src)`: copies struct <paramref name="s"/>'s fields from one box into another.</summary>
    public string Copy(DefType s)
    {
        if (_helpers.TryGetValue(("copy", s), out var n)) return n;
        n = Layout.Name(("copy", s), "copy." + s.FullName);
        _helpers[("copy", s)] = n;
        var ci = Layout.Class(s);
        string rt = $"(ref null {ci.Struct})";
        var f = NewFunction(n, "copy the fields of " + s, new() { ("$dst", rt), ("$src", rt) }, new());
        for (int k = 0; k < ci.Fields.Count; k++)
        {
            var fd = ci.Fields[k];
            int i = k + WasmLayout.FirstField - 1; // `i + 1` below is the field's struct index
            if (fd.Type is DefType { IsStruct: true } inner && !Layout.IsCelled(fd))
            {
                f.Body.Add($"local.get $dst"); f.Body.Add($"struct.get {ci.Struct} {i + 1}");
                f.Body.Add($"local.get $src"); f.Body.Add($"struct.get {ci.Struct} {i + 1}");
                f.Body.Add("call " + Copy(inner));
                continue;
            }
            if (Layout.IsCelled(fd))
            {
                // The cell stays the destination's own; its content is copied.
                string data = Layout.DataArray(fd.Type);
                f.Body.Add("local.get $dst"); f.Body.Add($"struct.get {ci.Struct} {i + 1}"); f.Body.Add("i32.const 0");
                f.Body.Add("local.get $src"); f.Body.Add($"struct.get {ci.Struct} {i + 1}"); f.Body.Add("i32.const 0");
                f.Body.Add($"array.get{PackSuffix(fd.Type)} {data}");
                f.Body.Add($"array.set {data}");
                continue;
            }
            string st = Layout.StorageType(fd.Type);
            f.Body.Add("local.get $dst");
            f.Body.Add("local.get $src");
            f.Body.Add($"struct.get{(st is "i8" or "i16" ? "_u" : "")} {ci.Struct} {i + 1}");
            f.Body.Add($"struct.set {ci.Struct} {i + 1}");
        }
        return n;
    }

    public string PackSuffix(TypeDesc t)
    {
        string st = Layout.StorageType(t);
        return st is "i8" or "i16" ? (WasmLayout.IsSignedSmall(t) ? "_s" : "_u") : "";
    }

    /// <summary>`(src) → fresh box`: a by-value copy of a struct.</summary>
    public string Clone(DefType s)
    {
        if (_helpers.TryGetValue(("clone", s), out var n)) return n;
        n = Layout.Name(("clone", s), "clone." + s.FullName);
        _helpers[("clone", s)] = n;
        var ci = Layout.Class(s);
        var f = NewFunction(n, "a copy of a " + s, new() { ("$src", $"(ref null {ci.Struct})") }, new() { $"(ref {ci.Struct})" });
        f.Locals.Add(("$dst", $"(ref null {ci.Struct})"));
        f.Body.Add("call " + Alloc(s));
        f.Body.Add("local.tee $dst");
        f.Body.Add("local.get $src");
        f.Body.Add("call " + Copy(s));
        f.Body.Add("local.get $dst");
        f.Body.Add("ref.as_non_null");
        return n;
    }

    // ---- literals ----

    static string CharArrayData(string s)
    {
        var sb = new StringBuilder();
        foreach (char c in s) sb.Append(" (i32.const ").Append((int)c).Append(')');
        return sb.ToString();
    }

    string CharArrayConst(string s) => $"(array.new_fixed {Layout.DataArray(Ts.Primitive(PrimitiveTypeCode.Char))} {s.Length}{CharArrayData(s)})";

    /// <summary>An immutable global holding the literal (one object per distinct literal, as .NET interns them).</summary>
    /// <summary>A passive data segment holding <paramref name="bytes"/> (one per distinct content).</summary>
    public string DataSegment(byte[] bytes)
    {
        string key = System.Convert.ToBase64String(bytes);
        if (_helpers.TryGetValue(("data", key), out var name)) return name;
        name = Layout.Name(("data", key), "init");
        _helpers[("data", key)] = name;
        Module.DataSegments.Add((name, bytes));
        return name;
    }

    public string StringLiteral(string s)
    {
        if (_helpers.TryGetValue(("str", s), out var g)) return g;
        var str = Ts.String;
        var ci = Layout.Class(str);
        if (ci.Fields.Count != 1 || ci.Fields[0].Type is not ArrayType { Element: DefType { Prim: PrimitiveTypeCode.Char } } charArr)
            throw new CompileError("the corlib's System.String must have exactly one instance field, char[] _chars");
        var arrStruct = Layout.ArrayStruct(charArr);
        string vtChars = VTable(charArr), vtStr = VTable(str);
        string hint = s.Length > 24 ? s[..24] : s;
        g = Layout.Name(("str", s), "str." + hint);
        _helpers[("str", s)] = g;
        _literals.Add((s, g));
        var arrFields = new StringBuilder();
        foreach (var fd in Layout.Class(Ts.CorlibType("System.Array")).Fields) throw new CompileError($"System.Array has an instance field ({fd.Name}); arrays cannot have one");
        Module.Globals.Add(new WasmGlobal(g, $"(ref {ci.Struct})", false,
            $"(struct.new {ci.Struct} (global.get {vtStr}) (i32.const 0) (struct.new {arrStruct} (global.get {vtChars}) (i32.const 0) {CharArrayConst(s)}))"));
        return g;
    }

    // ---- statics ----

    /// <summary>The global for a static field (a one-element array when its address is taken).</summary>
    public string Static(FieldDesc f)
    {
        string g = Layout.StaticGlobal(f);
        if (!_staticsDone.Add(f)) return g;
        if (f.Type is DefType { IsStruct: true } s)
        {
            // A struct static owns one box for the program's life: created at the cctor check.
            Module.Globals.Add(new WasmGlobal(g, Layout.ValType(s), true, $"(ref.null {Layout.StructType(s)})"));
            return g;
        }
        if (Layout.IsCelled(f))
        {
            Module.Globals.Add(new WasmGlobal(g, $"(ref null {Layout.DataArray(f.Type)})", true, $"(ref.null {Layout.DataArray(f.Type)})"));
            return g;
        }
        string vt = Layout.ValType(f.Type);
        string init = vt switch
        {
            "i32" => "(i32.const 0)",
            "i64" => "(i64.const 0)",
            "f32" => "(f32.const 0)",
            "f64" => "(f64.const 0)",
            _ => $"(ref.null {HeapType(vt)})",
        };
        Module.Globals.Add(new WasmGlobal(g, vt, true, init));
        return g;
    }

    /// <summary>A function run before a static member of <paramref name="t"/> is used: allocates the
    /// cells and boxes of its statics, and runs its .cctor once (if any).</summary>
    public string? StaticInit(DefType t)
    {
        var cctor = Virtuals.FindCctor(t);
        bool needsBoxes = false;
        foreach (var f in Ts.FieldsOf(t))
            if (f.IsStatic && !f.IsLiteral && (f.Type is DefType { IsStruct: true } || Layout.IsCelled(f))) needsBoxes = true;
        if (cctor == null && !needsBoxes) return null;
        if (_helpers.TryGetValue(("sinit", t), out var n)) return n;
        n = Layout.Name(("sinit", t), "static-init." + t.FullName);
        _helpers[("sinit", t)] = n;
        string flag = Layout.CctorFlag(t);
        Module.Globals.Add(new WasmGlobal(flag, "i32", true, "(i32.const 0)"));
        var f0 = NewFunction(n, "statics of " + t, new(), new());
        f0.Body.Add("global.get " + flag);
        f0.Body.Add("if");
        f0.Body.Add("  return");
        f0.Body.Add("end");
        f0.Body.Add("i32.const 1");
        f0.Body.Add("global.set " + flag);
        foreach (var f in Ts.FieldsOf(t))
        {
            if (!f.IsStatic || f.IsLiteral) continue;
            if (Layout.IsCelled(f))
            {
                if (f.Type is DefType { IsStruct: true } s) f0.Body.Add("call " + Alloc(s)); else DefaultOf(f0.Body, f.Type);
                f0.Body.Add($"array.new_fixed {Layout.DataArray(f.Type)} 1");
                f0.Body.Add("global.set " + Static(f));
            }
            else if (f.Type is DefType { IsStruct: true } s)
            {
                f0.Body.Add("call " + Alloc(s));
                f0.Body.Add("global.set " + Static(f));
            }
        }
        if (cctor != null && Analysis.Bodies.ContainsKey(cctor)) f0.Body.Add("call " + Func(cctor));
        return n;
    }

    sealed class StringAttributeDecoder : ICustomAttributeTypeProvider<object?>
    {
        public object? GetPrimitiveType(PrimitiveTypeCode typeCode) => null;
        public object? GetSystemType() => null;
        public object? GetSZArrayType(object? elementType) => null;
        public object? GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => null;
        public object? GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => null;
        public object? GetTypeFromSerializedName(string name) => null;
        public PrimitiveTypeCode GetUnderlyingEnumType(object? type) => PrimitiveTypeCode.Int32;
        public bool IsSystemType(object? type) => false;
    }
}
