// The runtime pieces the corlib's intrinsics need (native/Rusk.Aot.Runtime/Intrinsics.cs): shallow
// clones (MemberwiseClone), type objects (GetType), identity hashes, and System.Array operations
// on an array whose element type is only known at run time (a ref.test chain over the program's
// constructed array types).
using System.Collections.Generic;
using System.Reflection.Metadata;
using System.Text;
using Rusk.Aot.Layout;
using Rusk.Aot.TypeSystem;
using Rusk.Aot.Wasm;

namespace Rusk.Aot.Codegen;

internal sealed partial class ModuleBuilder
{
    string ObjRef => $"(ref null {Layout.StructType(Ts.Object)})";

    /// <summary>The vtable's clone entry: a ref.func when MemberwiseClone is in the program, else null.</summary>
    string CloneFunc(TypeDesc t)
    {
        string ft = Layout.CloneFuncType;
        if (!Analysis.NeedsClone) return $"(ref.null {ft})";
        if (t is DefType d && (d.IsInterface || d.IsAbstract)) return $"(ref.null {ft})";
        return $"(ref.func {FuncRef(ShallowClone(t))})";
    }

    string ShallowClone(TypeDesc t)
    {
        if (_helpers.TryGetValue(("mclone", t), out var n)) return n;
        n = Layout.Name(("mclone", t), "memberwise-clone." + t.FullName);
        _helpers[("mclone", t)] = n;
        var f = NewFunction(n, "MemberwiseClone of " + t, new() { ("$o", ObjRef) }, new() { ObjRef });
        if (t is ArrayType a)
        {
            f.Body.Add("local.get $o");
            f.Body.Add($"ref.cast (ref {Layout.ArrayStruct(a)})");
            f.Body.Add("call " + ArrayCloneOf(a));
            return n;
        }
        var d = (DefType)t;
        var ci = Layout.Class(d);
        f.Locals.Add(("$s", $"(ref null {ci.Struct})"));
        f.Body.Add("local.get $o"); f.Body.Add($"ref.cast (ref {ci.Struct})"); f.Body.Add("local.set $s");
        f.Body.Add("global.get " + VTable(d));
        f.Body.Add("i32.const 0");
        foreach (var fd in ci.Fields)
        {
            int idx = Layout.FieldIndex(fd);
            f.Body.Add("local.get $s");
            f.Body.Add($"struct.get{(Layout.StorageType(fd.Type) is "i8" or "i16" ? "_u" : "")} {ci.Struct} {idx}");
            if (Layout.IsCelled(fd))
            {
                // A fresh cell holding the same value.
                f.Body.Add("i32.const 0");
                f.Body.Add($"array.get{PackSuffix(fd.Type)} {Layout.DataArray(fd.Type)}");
                if (fd.Type is DefType { IsStruct: true } cs) f.Body.Add("call " + Clone(cs));
                f.Body.Add($"array.new_fixed {Layout.DataArray(fd.Type)} 1");
            }
            else if (fd.Type is DefType { IsStruct: true } s) f.Body.Add("call " + Clone(s));
        }
        if (d.IsDelegate)
            for (int k = 0; k < 2; k++) { f.Body.Add("local.get $s"); f.Body.Add($"struct.get {ci.Struct} {ci.Fields.Count + WasmLayout.FirstField + k}"); }
        f.Body.Add("struct.new " + ci.Struct);
        return n;
    }

    /// <summary>`(T[]) → T[]`: a fresh array with the same elements (struct elements copied).</summary>
    public string ArrayCloneOf(ArrayType a)
    {
        if (_helpers.TryGetValue(("aclone", a), out var n)) return n;
        n = Layout.Name(("aclone", a), "array-clone." + a.FullName);
        _helpers[("aclone", a)] = n;
        string st = Layout.ArrayStruct(a), data = Layout.DataArray(a.Element);
        var f = NewFunction(n, "Clone of " + a, new() { ("$a", $"(ref null {st})") }, new() { $"(ref {st})" });
        f.Locals.Add(("$src", $"(ref null {data})"));
        f.Locals.Add(("$dst", $"(ref null {data})"));
        f.Locals.Add(("$i", "i32"));
        f.Body.Add("local.get $a"); f.Body.Add($"struct.get {st} {Layout.ArrayDataField}"); f.Body.Add("local.tee $src");
        f.Body.Add("array.len"); f.Body.Add($"array.new_default {data}"); f.Body.Add("local.set $dst");
        if (a.Element is DefType { IsStruct: true } s)
        {
            f.Body.Add("block"); f.Body.Add("loop");
            f.Body.Add("local.get $i"); f.Body.Add("local.get $src"); f.Body.Add("array.len"); f.Body.Add("i32.ge_u"); f.Body.Add("br_if 1");
            f.Body.Add("local.get $dst"); f.Body.Add("local.get $i");
            f.Body.Add("local.get $src"); f.Body.Add("local.get $i"); f.Body.Add($"array.get {data}"); f.Body.Add("call " + Clone(s));
            f.Body.Add($"array.set {data}");
            f.Body.Add("local.get $i"); f.Body.Add("i32.const 1"); f.Body.Add("i32.add"); f.Body.Add("local.set $i");
            f.Body.Add("br 0"); f.Body.Add("end"); f.Body.Add("end");
        }
        else
        {
            f.Body.Add("local.get $dst"); f.Body.Add("i32.const 0"); f.Body.Add("local.get $src"); f.Body.Add("i32.const 0");
            f.Body.Add("local.get $src"); f.Body.Add("array.len"); f.Body.Add($"array.copy {data} {data}");
        }
        f.Body.Add("global.get " + VTable(a)); f.Body.Add("i32.const 0"); f.Body.Add("local.get $dst"); f.Body.Add("ref.as_non_null");
        f.Body.Add("struct.new " + st);
        return n;
    }

    /// <summary>`(T[] src, si, T[] dst, di, n)`: Array.Copy within one element type, overlap-safe
    /// (array.copy is memmove; struct elements are copied field by field in the safe direction).</summary>
    public string ArrayCopyOf(ArrayType a)
    {
        if (_helpers.TryGetValue(("acopy", a), out var n)) return n;
        n = Layout.Name(("acopy", a), "array-copy." + a.FullName);
        _helpers[("acopy", a)] = n;
        string st = Layout.ArrayStruct(a), data = Layout.DataArray(a.Element), r = $"(ref null {st})";
        var f = NewFunction(n, "Array.Copy of " + a, new() { ("$src", r), ("$si", "i32"), ("$dst", r), ("$di", "i32"), ("$n", "i32") }, new());
        if (a.Element is DefType { IsStruct: true } s)
        {
            f.Locals.Add(("$k", "i32"));
            f.Locals.Add(("$step", "i32"));
            // Forward unless copying up within the same array (then backward).
            f.Body.Add("i32.const 1"); f.Body.Add("local.set $step");
            f.Body.Add("local.get $si"); f.Body.Add("local.get $di"); f.Body.Add("i32.lt_s");
            f.Body.Add("if"); f.Body.Add("  i32.const -1"); f.Body.Add("  local.set $step"); f.Body.Add("  local.get $n"); f.Body.Add("  i32.const 1"); f.Body.Add("  i32.sub"); f.Body.Add("  local.set $k"); f.Body.Add("end");
            f.Body.Add("block"); f.Body.Add("loop");
            f.Body.Add("local.get $k"); f.Body.Add("local.get $n"); f.Body.Add("i32.ge_u"); f.Body.Add("br_if 1");
            f.Body.Add("local.get $dst"); f.Body.Add($"struct.get {st} {Layout.ArrayDataField}"); f.Body.Add("local.get $di"); f.Body.Add("local.get $k"); f.Body.Add("i32.add"); f.Body.Add($"array.get {data}");
            f.Body.Add("local.get $src"); f.Body.Add($"struct.get {st} {Layout.ArrayDataField}"); f.Body.Add("local.get $si"); f.Body.Add("local.get $k"); f.Body.Add("i32.add"); f.Body.Add($"array.get {data}");
            f.Body.Add("call " + Copy(s));
            f.Body.Add("local.get $k"); f.Body.Add("local.get $step"); f.Body.Add("i32.add"); f.Body.Add("local.set $k");
            f.Body.Add("br 0"); f.Body.Add("end"); f.Body.Add("end");
            return n;
        }
        f.Body.Add("local.get $dst"); f.Body.Add($"struct.get {st} {Layout.ArrayDataField}"); f.Body.Add("local.get $di");
        f.Body.Add("local.get $src"); f.Body.Add($"struct.get {st} {Layout.ArrayDataField}"); f.Body.Add("local.get $si");
        f.Body.Add("local.get $n");
        f.Body.Add($"array.copy {data} {data}");
        return n;
    }

    /// <summary>`(T[] src, si, T[] dst, di, n)` as Array.Copy(Array, int, Array, int, int): arguments in
    /// range → <see cref="ArrayCopyOf"/>; otherwise <paramref name="general"/>, which throws .NET's exception.</summary>
    public string ArrayCopyChecked(ArrayType a, MethodDesc general)
    {
        string st = Layout.ArrayStruct(a), r = $"(ref null {st})";
        return CheckedArrayOp(("acopychk", a), "array-copy-checked." + a.FullName, "Array.Copy of " + a + " (checked)",
            new() { ("$src", r), ("$si", "i32"), ("$dst", r), ("$di", "i32"), ("$n", "i32") }, b =>
            {
                b.Add("local.get $src"); b.Add("ref.is_null"); b.Add("local.get $dst"); b.Add("ref.is_null"); b.Add("i32.or"); b.Add("br_if $slow");
                b.Add("local.get $si"); b.Add("local.get $di"); b.Add("i32.or"); b.Add("local.get $n"); b.Add("i32.or"); b.Add("i32.const 0"); b.Add("i32.lt_s"); b.Add("br_if $slow");
                PastEnd(b, st, "$src", "$si");
                PastEnd(b, st, "$dst", "$di");
            }, ArrayCopyOf(a), general);
    }

    /// <summary>`(T[] a, index, n)` as Array.Clear(Array, int, int): in range → <see cref="ArrayClearOf"/>;
    /// otherwise <paramref name="general"/>, which throws .NET's exception.</summary>
    public string ArrayClearChecked(ArrayType a, MethodDesc general)
    {
        string st = Layout.ArrayStruct(a), r = $"(ref null {st})";
        return CheckedArrayOp(("aclearchk", a), "array-clear-checked." + a.FullName, "Array.Clear of " + a + " (checked)",
            new() { ("$a", r), ("$i", "i32"), ("$n", "i32") }, b =>
            {
                b.Add("local.get $a"); b.Add("ref.is_null"); b.Add("br_if $slow");
                b.Add("local.get $i"); b.Add("local.get $n"); b.Add("i32.or"); b.Add("i32.const 0"); b.Add("i32.lt_s"); b.Add("br_if $slow");
                PastEnd(b, st, "$a", "$i");
            }, ArrayClearOf(a), general);
    }

    /// <summary>A helper that runs <paramref name="checks"/> (each branching to `$slow` on failure), then
    /// passes its parameters to <paramref name="fast"/>; on a failed check to <paramref name="general"/>.</summary>
    string CheckedArrayOp(object key, string name, string comment, List<(string Name, string Type)> ps,
        System.Action<WasmCode> checks, string fast, MethodDesc general)
    {
        if (_helpers.TryGetValue(key, out var n)) return n;
        n = Layout.Name(key, name);
        _helpers[key] = n;
        var b = NewFunction(n, comment, ps, new()).Body;
        b.Open("block $slow");
        checks(b);
        foreach (var (p, _) in ps) b.Add("local.get " + p);
        b.Add("call " + fast); b.Add("return");
        b.Close();
        foreach (var (p, _) in ps) b.Add("local.get " + p);
        b.Add("call " + Func(general));
        return n;
    }

    /// <summary>Branches to `$slow` when `at > length - $n` (no overflow: both are non-negative).</summary>
    void PastEnd(WasmCode b, string arrayStruct, string array, string at)
    {
        b.Add("local.get " + at); b.Add("local.get " + array); b.Add($"struct.get {arrayStruct} {Layout.ArrayDataField}"); b.Add("array.len");
        b.Add("local.get $n"); b.Add("i32.sub"); b.Add("i32.gt_s"); b.Add("br_if $slow");
    }

    /// <summary>`(T[] a, index, n)`: Array.Clear — every element back to its default.</summary>
    public string ArrayClearOf(ArrayType a)
    {
        if (_helpers.TryGetValue(("aclear", a), out var n)) return n;
        n = Layout.Name(("aclear", a), "array-clear." + a.FullName);
        _helpers[("aclear", a)] = n;
        string st = Layout.ArrayStruct(a), data = Layout.DataArray(a.Element);
        var f = NewFunction(n, "Array.Clear of " + a, new() { ("$a", $"(ref null {st})"), ("$i", "i32"), ("$n", "i32") }, new());
        if (a.Element is DefType { IsStruct: true } s)
        {
            f.Locals.Add(("$k", "i32"));
            // One default box, copied into each element's box.
            f.Locals.Add(("$zero", Layout.ValType(s)));
            f.Body.Add("call " + Alloc(s)); f.Body.Add("local.set $zero");
            f.Body.Add("block"); f.Body.Add("loop");
            f.Body.Add("local.get $k"); f.Body.Add("local.get $n"); f.Body.Add("i32.ge_u"); f.Body.Add("br_if 1");
            f.Body.Add("local.get $a"); f.Body.Add($"struct.get {st} {Layout.ArrayDataField}"); f.Body.Add("local.get $i"); f.Body.Add("local.get $k"); f.Body.Add("i32.add"); f.Body.Add($"array.get {data}");
            f.Body.Add("local.get $zero"); f.Body.Add("call " + Copy(s));
            f.Body.Add("local.get $k"); f.Body.Add("i32.const 1"); f.Body.Add("i32.add"); f.Body.Add("local.set $k");
            f.Body.Add("br 0"); f.Body.Add("end"); f.Body.Add("end");
            return n;
        }
        f.Body.Add("local.get $a"); f.Body.Add($"struct.get {st} {Layout.ArrayDataField}"); f.Body.Add("local.get $i");
        DefaultOf(f.Body, a.Element);
        f.Body.Add("local.get $n");
        f.Body.Add($"array.fill {data}");
        return n;
    }

    /// <summary>An Array operation on a System.Array of unknown element type: tests the receiver against
    /// every constructed array type and runs that type's specialised helper.</summary>
    public string ArrayDispatch(string op)
    {
        if (_helpers.TryGetValue(("adispatch", op), out var n)) return n;
        n = Layout.Name(("adispatch", op), "array-" + op + ".dynamic");
        _helpers[("adispatch", op)] = n;
        string arr = $"(ref null {Layout.StructType(Ts.CorlibType("System.Array"))})";
        var ps = op switch
        {
            "length" or "clone" => new List<(string, string)> { ("$a", arr) },
            "copy" => new() { ("$src", arr), ("$si", "i32"), ("$dst", arr), ("$di", "i32"), ("$n", "i32") },
            _ => new() { ("$a", arr), ("$i", "i32"), ("$n", "i32") },
        };
        var rs = op switch { "length" => new List<string> { "i32" }, "clone" => new() { ObjRef }, _ => new() };
        var f = NewFunction(n, $"Array {op} by the array's run-time type", ps, rs);
        foreach (var t in Analysis.Constructed)
        {
            if (t is not ArrayType a) continue;
            string st = Layout.ArrayStruct(a), cast = $"ref.cast (ref {st})";
            f.Body.Add(op == "copy" ? "local.get $src" : "local.get $a");
            f.Body.Add($"ref.test (ref {st})");
            f.Body.Add("if");
            switch (op)
            {
                case "length":
                    f.Body.Add("  local.get $a"); f.Body.Add("  " + cast); f.Body.Add($"  struct.get {st} {Layout.ArrayDataField}"); f.Body.Add("  array.len");
                    break;
                case "clone":
                    f.Body.Add("  local.get $a"); f.Body.Add("  " + cast); f.Body.Add("  call " + ArrayCloneOf(a));
                    break;
                case "copy":
                    // A destination of another element type traps in the cast (ArrayTypeMismatchException in .NET).
                    f.Body.Add("  local.get $src"); f.Body.Add("  " + cast); f.Body.Add("  local.get $si");
                    f.Body.Add("  local.get $dst"); f.Body.Add("  " + cast); f.Body.Add("  local.get $di"); f.Body.Add("  local.get $n");
                    f.Body.Add("  call " + ArrayCopyOf(a));
                    break;
                default:
                    f.Body.Add("  local.get $a"); f.Body.Add("  " + cast); f.Body.Add("  local.get $i"); f.Body.Add("  local.get $n");
                    f.Body.Add("  call " + ArrayClearOf(a));
                    break;
            }
            f.Body.Add("  return");
            f.Body.Add("end");
        }
        f.Body.Add("unreachable");
        return n;
    }

    /// <summary>`() → ⊥`: throws a new System.OverflowException (checked arithmetic).</summary>
    public string ThrowOverflow()
    {
        if (_helpers.TryGetValue("overflow", out var n)) return n;
        n = Layout.Name("overflow", "throw-overflow");
        _helpers["overflow"] = n;
        var t = Ts.CorlibType("System.OverflowException");
        MethodDesc? ctor = null;
        foreach (var c in Ts.MethodsOf(t)) if (c.IsCtor && c.Sig.Params.Length == 0) ctor = c;
        var f = NewFunction(n, "throw new OverflowException()", new(), new());
        f.Locals.Add(("$e", Layout.ValType(t)));
        f.Body.Add("call " + Alloc(t)); f.Body.Add("local.tee $e"); f.Body.Add("call " + Func(ctor!));
        f.Body.Add("local.get $e");
        Module.TagParam = $"(ref null {Layout.StructType(Ts.CorlibType("System.Exception"))})";
        f.Body.Add("throw $exn");
        return n;
    }

    /// <summary>`(Object) → Type`: the type object cached in the vtable, made on first use.</summary>
    public string GetTypeHelper()
    {
        if (_helpers.TryGetValue("gettype", out var n)) return n;
        n = Layout.Name("gettype", "object-get-type");
        _helpers["gettype"] = n;
        var oci = Layout.Class(Ts.Object);
        var rt = Ts.CorlibType("System.RuntimeType");
        var rci = Layout.Class(rt);
        MethodDesc? ctor = null;
        foreach (var c in Ts.MethodsOf(rt)) if (c.IsCtor && c.Sig.Params.Length == 1) ctor = c;
        if (ctor == null) throw new CompileError("System.RuntimeType has no .ctor(string)");
        var type = Ts.CorlibType("System.Type");
        var chars = Ts.ArrayOf(Ts.Primitive(PrimitiveTypeCode.Char));
        var sci = Layout.Class(Ts.String);
        var f = NewFunction(n, "Object.GetType()", new() { ("$o", ObjRef) }, new() { Layout.ValType(type) });
        f.Locals.Add(("$vt", $"(ref null {oci.VTable})"));
        f.Locals.Add(("$t", $"(ref null {rci.Struct})"));
        f.Body.Add("local.get $o"); f.Body.Add($"struct.get {oci.Struct} {WasmLayout.VTableField}"); f.Body.Add("local.tee $vt");
        f.Body.Add($"struct.get {oci.VTable} {WasmLayout.VtTypeObject}"); f.Body.Add("ref.is_null");
        f.Body.Add("if");
        f.Body.Add("  call " + Alloc(rt)); f.Body.Add("  local.tee $t");
        // The name string: String { vtable, hash, char[] { vtable, hash, the vtable's name chars } }.
        f.Body.Add("  global.get " + VTable(Ts.String)); f.Body.Add("  i32.const 0");
        f.Body.Add("  global.get " + VTable(chars)); f.Body.Add("  i32.const 0");
        f.Body.Add("  local.get $vt"); f.Body.Add($"  struct.get {oci.VTable} {WasmLayout.VtTypeName}"); f.Body.Add("  ref.as_non_null");
        f.Body.Add("  struct.new " + Layout.ArrayStruct(chars));
        f.Body.Add("  struct.new " + sci.Struct);
        f.Body.Add("  call " + Func(ctor));
        f.Body.Add("  local.get $vt"); f.Body.Add("  local.get $t");
        f.Body.Add($"  struct.set {oci.VTable} {WasmLayout.VtTypeObject}");
        f.Body.Add("end");
        f.Body.Add("local.get $vt"); f.Body.Add($"struct.get {oci.VTable} {WasmLayout.VtTypeObject}");
        f.Body.Add($"ref.cast {Layout.ValType(type)}");
        return n;
    }

    /// <summary>`(Object) → i32`: a per-object hash assigned from a counter on first use (deterministic
    /// across runs), kept in the object header; 0 for null.</summary>
    public string IdentityHash()
    {
        if (_helpers.TryGetValue("idhash", out var n)) return n;
        n = Layout.Name("idhash", "identity-hash");
        _helpers["idhash"] = n;
        string counter = Layout.Name("idhash-counter", "identity-hash-counter");
        Module.Globals.Add(new WasmGlobal(counter, "i32", true, "(i32.const 0)"));
        var oci = Layout.Class(Ts.Object);
        var f = NewFunction(n, "RuntimeHelpers.GetHashCode(object)", new() { ("$o", ObjRef) }, new() { "i32" });
        f.Locals.Add(("$h", "i32"));
        f.Body.Add("local.get $o"); f.Body.Add("ref.is_null");
        f.Body.Add("if"); f.Body.Add("  i32.const 0"); f.Body.Add("  return"); f.Body.Add("end");
        f.Body.Add("local.get $o"); f.Body.Add($"struct.get {oci.Struct} {WasmLayout.HashField}"); f.Body.Add("local.tee $h");
        f.Body.Add("i32.eqz");
        f.Body.Add("if");
        // Fibonacci hashing of a counter spreads consecutive objects over the buckets; never 0.
        f.Body.Add("  global.get " + counter); f.Body.Add("  i32.const 1"); f.Body.Add("  i32.add"); f.Body.Add("  global.set " + counter);
        f.Body.Add("  global.get " + counter); f.Body.Add("  i32.const -1640531535"); f.Body.Add("  i32.mul");
        f.Body.Add("  i32.const 1"); f.Body.Add("  i32.shr_u"); f.Body.Add("  i32.const 1"); f.Body.Add("  i32.or"); f.Body.Add("  local.set $h");
        f.Body.Add("  local.get $o"); f.Body.Add("  local.get $h"); f.Body.Add($"  struct.set {oci.Struct} {WasmLayout.HashField}");
        f.Body.Add("end");
        f.Body.Add("local.get $h");
        return n;
    }
}

internal sealed partial class ModuleBuilder
{
    /// <summary>ValueType.Equals / GetHashCode (and Enum's) for one boxed type, as the vtable slot
    /// function `(Object this, …)`: field by field — numbers by their bits (as .NET's bitwise
    /// comparison of packed structs), references through Object.Equals(a, b) / their virtual
    /// GetHashCode, nested structs recursively.</summary>
    public string ValueTypeMethod(DefType t, string name)
    {
        if (_helpers.TryGetValue(("vtm", t, name), out var n)) return n;
        n = Layout.Name(("vtm", t, name), name + "." + t.FullName);
        _helpers[("vtm", t, name)] = n;
        var ci = Layout.Class(t);
        bool eq = name == "Equals";
        var ps = new List<(string, string)> { ("$this", ObjRef) };
        if (eq) ps.Add(("$other", ObjRef));
        var f = NewFunction(n, $"{t}::{name} (field-wise)", ps, new() { "i32" });
        string self = $"(ref null {ci.Struct})";
        f.Locals.Add(("$a", self)); f.Locals.Add(("$b", self)); f.Locals.Add(("$h", "i32"));
        f.Body.Add("local.get $this"); f.Body.Add($"ref.cast {self}"); f.Body.Add("local.set $a");
        if (eq)
        {
            f.Body.Add("local.get $other"); f.Body.Add($"ref.test (ref {ci.Struct})"); f.Body.Add("i32.eqz");
            f.Body.Add("if"); f.Body.Add("  i32.const 0"); f.Body.Add("  return"); f.Body.Add("end");
            f.Body.Add("local.get $other"); f.Body.Add($"ref.cast {self}"); f.Body.Add("local.set $b");
        }
        foreach (var fd in ci.Fields)
        {
            int idx = Layout.FieldIndex(fd);
            string get = Layout.IsCelled(fd)
                ? $"struct.get {ci.Struct} {idx}\ni32.const 0\narray.get{PackSuffix(fd.Type)} {Layout.DataArray(fd.Type)}"
                : $"struct.get{(Layout.StorageType(fd.Type) is "i8" or "i16" ? "_u" : "")} {ci.Struct} {idx}";
            string vt = Layout.StorageType(fd.Type) is "i8" or "i16" ? "i32" : Layout.ValType(fd.Type);
            if (eq)
            {
                f.Body.Add("local.get $a"); f.Body.Add(get); Bits(f, vt);
                f.Body.Add("local.get $b"); f.Body.Add(get); Bits(f, vt);
                if (vt.StartsWith("(ref"))
                {
                    if (fd.Type is DefType { IsStruct: true } ns) { f.Body.Add("call " + ValueTypeMethod(ns, "Equals")); }
                    else f.Body.Add("call " + Func(ObjectEqualsStatic()));
                }
                else f.Body.Add(BitsType(vt) + ".eq");
                f.Body.Add("i32.eqz");
                f.Body.Add("if"); f.Body.Add("  i32.const 0"); f.Body.Add("  return"); f.Body.Add("end");
            }
            else
            {
                f.Body.Add("local.get $h"); f.Body.Add("i32.const 31"); f.Body.Add("i32.mul");
                f.Body.Add("local.get $a"); f.Body.Add(get); Bits(f, vt);
                if (vt.StartsWith("(ref"))
                {
                    if (fd.Type is DefType { IsStruct: true } ns) f.Body.Add("call " + ValueTypeMethod(ns, "GetHashCode"));
                    else f.Body.Add("call " + RefHash());
                }
                else if (BitsType(vt) == "i64")
                {
                    string tmp = "$t" + f.Locals.Count; f.Locals.Add((tmp, "i64"));
                    f.Body.Add("local.tee " + tmp); f.Body.Add("i32.wrap_i64"); f.Body.Add("local.get " + tmp);
                    f.Body.Add("i64.const 32"); f.Body.Add("i64.shr_u"); f.Body.Add("i32.wrap_i64"); f.Body.Add("i32.xor");
                }
                f.Body.Add("i32.add"); f.Body.Add("local.set $h");
            }
        }
        f.Body.Add(eq ? "i32.const 1" : "local.get $h");
        return n;
    }

    static string BitsType(string vt) => vt switch { "f32" => "i32", "f64" => "i64", _ => vt };

    static void Bits(WasmFunction f, string vt)
    {
        if (vt == "f32") f.Body.Add("i32.reinterpret_f32");
        if (vt == "f64") f.Body.Add("i64.reinterpret_f64");
    }

    MethodDesc ObjectEqualsStatic()
    {
        foreach (var m in Ts.MethodsOf(Ts.Object)) if (m.Name == "Equals" && m.IsStatic) return m;
        throw new CompileError("System.Object has no static Equals(object, object)");
    }

    /// <summary>`(Object) → i32`: 0 for null, else the object's virtual GetHashCode.</summary>
    string RefHash()
    {
        if (_helpers.TryGetValue("refhash", out var n)) return n;
        n = Layout.Name("refhash", "ref-hash");
        _helpers["refhash"] = n;
        MethodDesc? slot = null;
        foreach (var m in Ts.MethodsOf(Ts.Object)) if (m.Name == "GetHashCode" && m.IsVirtual) slot = m;
        var oci = Layout.Class(Ts.Object);
        var f = NewFunction(n, "GetHashCode of a reference field", new() { ("$o", ObjRef) }, new() { "i32" });
        f.Body.Add("local.get $o"); f.Body.Add("ref.is_null");
        f.Body.Add("if"); f.Body.Add("  i32.const 0"); f.Body.Add("  return"); f.Body.Add("end");
        f.Body.Add("local.get $o");
        f.Body.Add("local.get $o"); f.Body.Add($"struct.get {oci.Struct} {WasmLayout.VTableField}");
        f.Body.Add($"struct.get {oci.VTable} {Layout.SlotIndex(Ts.Object, slot!)}");
        f.Body.Add("call_ref " + Layout.SlotFuncType(slot!));
        return n;
    }
}

internal sealed partial class ModuleBuilder
{
    readonly List<(string Text, string Global)> _literals = new();
    WasmFunction? _findLiteral;

    /// <summary>`(String) → String?`: the program's literal with the same characters (String.Intern
    /// must return the very object ldstr gives). The body is written once every literal is known.</summary>
    public string FindLiteral()
    {
        if (_findLiteral != null) return _findLiteral.Name;
        string sr = Layout.ValType(Ts.String);
        _findLiteral = NewFunction(Layout.Name("findliteral", "string-find-literal"), "String.FindLiteral", new() { ("$s", sr) }, new() { sr });
        return _findLiteral.Name;
    }

    void FinishFindLiteral()
    {
        if (_findLiteral == null) return;
        var f = _findLiteral;
        var chars = Ts.ArrayOf(Ts.Primitive(PrimitiveTypeCode.Char));
        string st = Layout.StructType(Ts.String), ast = Layout.ArrayStruct(chars), data = Layout.DataArray(chars.Element);
        string table = Layout.DataArray(Ts.String);
        int charsField = WasmLayout.FirstField, dataField = Layout.ArrayDataField;
        // Every literal once, in a table the search loops over (one compare loop, not code per literal).
        string tableGlobal = Layout.Name("findliteral-table", "string-literal-table");
        var init = new StringBuilder($"(array.new_fixed {table} {_literals.Count}");
        foreach (var (_, global) in _literals) init.Append(" (global.get ").Append(global).Append(')');
        init.Append(')');
        Module.Globals.Add(new WasmGlobal(tableGlobal, $"(ref {table})", false, init.ToString()));
        f.Locals.Add(("$d", $"(ref null {data})"));
        f.Locals.Add(("$t", $"(ref null {data})"));
        f.Locals.Add(("$n", "i32"));
        f.Locals.Add(("$i", "i32"));
        f.Locals.Add(("$j", "i32"));
        var b = f.Body;
        b.Add("local.get $s"); b.Add($"struct.get {st} {charsField}"); b.Add($"struct.get {ast} {dataField}"); b.Add("local.tee $d");
        b.Add("array.len"); b.Add("local.set $n");
        b.Open("block $none");
        b.Open("loop $literals");
        b.Add("local.get $i"); b.Add("global.get " + tableGlobal); b.Add("array.len"); b.Add("i32.ge_u"); b.Add("br_if $none");
        b.Open("block $next");
        // Same length, then every character.
        b.Add("global.get " + tableGlobal); b.Add("local.get $i"); b.Add($"array.get {table}");
        b.Add($"struct.get {st} {charsField}"); b.Add($"struct.get {ast} {dataField}"); b.Add("local.tee $t");
        b.Add("array.len"); b.Add("local.get $n"); b.Add("i32.ne"); b.Add("br_if $next");
        b.Add("i32.const 0"); b.Add("local.set $j");
        b.Open("block $same");
        b.Open("loop $chars");
        b.Add("local.get $j"); b.Add("local.get $n"); b.Add("i32.ge_u"); b.Add("br_if $same");
        b.Add("local.get $t"); b.Add("local.get $j"); b.Add($"array.get_u {data}");
        b.Add("local.get $d"); b.Add("local.get $j"); b.Add($"array.get_u {data}");
        b.Add("i32.ne"); b.Add("br_if $next");
        b.Add("local.get $j"); b.Add("i32.const 1"); b.Add("i32.add"); b.Add("local.set $j");
        b.Add("br $chars");
        b.Close();
        b.Close();
        b.Add("global.get " + tableGlobal); b.Add("local.get $i"); b.Add($"array.get {table}"); b.Add("return");
        b.Close();
        b.Add("local.get $i"); b.Add("i32.const 1"); b.Add("i32.add"); b.Add("local.set $i");
        b.Add("br $literals");
        b.Close();
        b.Close();
        b.Add($"ref.null {st}");
    }
}
