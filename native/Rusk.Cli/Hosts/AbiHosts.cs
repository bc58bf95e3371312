// Composite-ABI hosts (reference install_complex_abi_host_fns_vm): read and build structs, tuples,
// arrays and enums through the HostContext, including one that returns a deliberately mistyped value.
using System;
using System.Text;
using Rusk.Vm.Format;

namespace Rusk.Cli.Hosts;

using Rusk.Vm;

internal static class AbiHosts
{
    static readonly string[] PointFields = { "x", "y" };

    public static void Install(Vm vm)
    {
        var module = vm.Module;
        HostRegistry.Register(vm, "abi::sum_point", static (HostContext cx, ReadOnlySpan<AbiValue> a) =>
        {
            var p = HostArgs.Get("abi::sum_point", a, 0, AbiKind.Struct);
            long x = HostArgs.IntOf(cx.StructGet(p, "x"), "abi::sum_point: Point.x is not an int");
            long y = HostArgs.IntOf(cx.StructGet(p, "y"), "abi::sum_point: Point.y is not an int");
            return AbiValue.Int(unchecked(x + y));
        });
        HostRegistry.Register(vm, "abi::make_point", static (HostContext cx, ReadOnlySpan<AbiValue> a) =>
        {
            var values = new[] { AbiValue.Int(HostArgs.Int("abi::make_point", a, 0)), AbiValue.Int(HostArgs.Int("abi::make_point", a, 1)) };
            return cx.NewStruct("Point", Array.Empty<AbiType>(), PointFields, values);
        });
        HostRegistry.Register(vm, "abi::sum_pair", static (HostContext cx, ReadOnlySpan<AbiValue> a) =>
        {
            var t = HostArgs.Get("abi::sum_pair", a, 0, AbiKind.Tuple);
            long x = HostArgs.IntOf(cx.TupleGet(t, 0), "abi::sum_pair: expected int at index 0");
            long y = HostArgs.IntOf(cx.TupleGet(t, 1), "abi::sum_pair: expected int at index 1");
            return AbiValue.Int(unchecked(x + y));
        });
        HostRegistry.Register(vm, "abi::make_pair", static (HostContext cx, ReadOnlySpan<AbiValue> a) =>
            cx.NewTuple(new[] { AbiValue.Int(HostArgs.Int("abi::make_pair", a, 0)), AbiValue.Int(HostArgs.Int("abi::make_pair", a, 1)) }));
        HostRegistry.Register(vm, "abi::sum_ints", static (HostContext cx, ReadOnlySpan<AbiValue> a) =>
        {
            var xs = HostArgs.Get("abi::sum_ints", a, 0, AbiKind.Array);
            int n = cx.ArrayLength(xs);
            long sum = 0;
            for (int i = 0; i < n; i++)
                sum = unchecked(sum + HostArgs.IntOf(cx.ArrayGet(xs, i), $"abi::sum_ints: expected int at index {i}"));
            return AbiValue.Int(sum);
        });
        HostRegistry.Register(vm, "abi::make_ints", static (HostContext cx, ReadOnlySpan<AbiValue> a) =>
        {
            HostArgs.Count("abi::make_ints", a, 0);
            return cx.NewArray(AbiType.Int, new[] { AbiValue.Int(1), AbiValue.Int(2), AbiValue.Int(3) });
        });
        HostRegistry.Register(vm, "abi::sum_points", static (HostContext cx, ReadOnlySpan<AbiValue> a) =>
        {
            var ps = HostArgs.Get("abi::sum_points", a, 0, AbiKind.Array);
            int n = cx.ArrayLength(ps);
            long sum = 0;
            for (int i = 0; i < n; i++)
            {
                var p = cx.ArrayGet(ps, i);
                if (p.Kind != AbiKind.Struct) throw new HostException($"abi::sum_points: expected Point at index {i}");
                long x = HostArgs.IntOf(cx.StructGet(p, "x"), "abi::sum_points: Point.x is not an int");
                long y = HostArgs.IntOf(cx.StructGet(p, "y"), "abi::sum_points: Point.y is not an int");
                sum = unchecked(sum + x + y);
            }
            return AbiValue.Int(sum);
        });
        HostRegistry.Register(vm, "abi::make_rect", static (HostContext cx, ReadOnlySpan<AbiValue> a) =>
            cx.NewEnum("Shape", Array.Empty<AbiType>(), "Rect",
                new[] { AbiValue.Int(HostArgs.Int("abi::make_rect", a, 0)), AbiValue.Int(HostArgs.Int("abi::make_rect", a, 1)) }));
        HostRegistry.Register(vm, "abi::shape_sum", static (HostContext cx, ReadOnlySpan<AbiValue> a) =>
        {
            var e = HostArgs.Get("abi::shape_sum", a, 0, AbiKind.Enum);
            string variant = cx.EnumVariant(e);
            switch (variant)
            {
                case "Rect":
                    long w = HostArgs.IntOf(cx.EnumGet(e, 0), "abi::shape_sum: Rect field 0 is not an int");
                    long h = HostArgs.IntOf(cx.EnumGet(e, 1), "abi::shape_sum: Rect field 1 is not an int");
                    return AbiValue.Int(unchecked(w + h));
                case "Unit": return AbiValue.Int(0);
                default: throw new HostException($"abi::shape_sum: unknown variant `{variant}`");
            }
        });

        // Option<bytes> / Result<string, int> are built by type name, found as the reference finds it.
        string? option = FindTypeName(module, "core::option::Option", "Option");
        string? result = FindTypeName(module, "core::result::Result", "Result");
        var bytesArgs = new[] { AbiType.Bytes };
        var resultArgs = new[] { AbiType.String, AbiType.Int };
        var swappedArgs = new[] { AbiType.Int, AbiType.String };

        HostRegistry.Register(vm, "abi::make_some_bytes", (HostContext cx, ReadOnlySpan<AbiValue> a) =>
        {
            HostArgs.Count("abi::make_some_bytes", a, 0);
            return cx.NewEnum(Need(option, "abi::make_some_bytes", "Option"), bytesArgs, "Some",
                new[] { AbiValue.Bytes(new byte[] { (byte)'h', (byte)'i' }) });
        });
        HostRegistry.Register(vm, "abi::make_none_bytes", (HostContext cx, ReadOnlySpan<AbiValue> a) =>
        {
            HostArgs.Count("abi::make_none_bytes", a, 0);
            return cx.NewEnum(Need(option, "abi::make_none_bytes", "Option"), bytesArgs, "None", ReadOnlySpan<AbiValue>.Empty);
        });
        HostRegistry.Register(vm, "abi::option_bytes_len", (HostContext cx, ReadOnlySpan<AbiValue> a) =>
        {
            var o = HostArgs.Get("abi::option_bytes_len", a, 0, AbiKind.Enum);
            var typeArgs = cx.TypeOf(o).Items;
            if (!SameTypes(typeArgs, bytesArgs))
                throw new HostException($"abi::option_bytes_len: expected Option<bytes>, got type args {Debug(typeArgs)}");
            string variant = cx.EnumVariant(o);
            int arity = cx.EnumFieldCount(o);
            switch (variant)
            {
                case "None": return AbiValue.Int(0);
                case "Some":
                    if (arity != 1) throw new HostException($"abi::option_bytes_len: Some arity mismatch: expected 1, got {arity}");
                    var b = cx.EnumGet(o, 0);
                    if (b.Kind != AbiKind.Bytes) throw new HostException("abi::option_bytes_len: Some field 0 is not bytes");
                    return AbiValue.Int(b.AsBytes.Length);
                default: throw new HostException($"abi::option_bytes_len: unknown variant `{variant}`");
            }
        });

        HostRegistry.Register(vm, "abi::make_ok_string", (HostContext cx, ReadOnlySpan<AbiValue> a) =>
        {
            HostArgs.Count("abi::make_ok_string", a, 0);
            return cx.NewEnum(Need(result, "abi::make_ok_string", "Result"), resultArgs, "Ok", new[] { AbiValue.String("ok") });
        });
        HostRegistry.Register(vm, "abi::make_err_int", (HostContext cx, ReadOnlySpan<AbiValue> a) =>
        {
            HostArgs.Count("abi::make_err_int", a, 0);
            return cx.NewEnum(Need(result, "abi::make_err_int", "Result"), resultArgs, "Err", new[] { AbiValue.Int(5) });
        });
        HostRegistry.Register(vm, "abi::result_code", (HostContext cx, ReadOnlySpan<AbiValue> a) =>
        {
            var r = HostArgs.Get("abi::result_code", a, 0, AbiKind.Enum);
            var typeArgs = cx.TypeOf(r).Items;
            if (!SameTypes(typeArgs, resultArgs))
                throw new HostException($"abi::result_code: expected Result<string, int>, got type args {Debug(typeArgs)}");
            string variant = cx.EnumVariant(r);
            int arity = cx.EnumFieldCount(r);
            switch (variant)
            {
                case "Ok":
                {
                    if (arity != 1) throw new HostException($"abi::result_code: Ok arity mismatch: expected 1, got {arity}");
                    var s = cx.EnumGet(r, 0);
                    if (s.Kind != AbiKind.String) throw new HostException("abi::result_code: Ok field 0 is not string");
                    if (s.AsString != "ok") throw new HostException($"abi::result_code: unexpected Ok value {Corpus.ValueText.Quote(s.AsString)}");
                    return AbiValue.Int(10);
                }
                case "Err":
                {
                    if (arity != 1) throw new HostException($"abi::result_code: Err arity mismatch: expected 1, got {arity}");
                    var e = cx.EnumGet(r, 0);
                    if (e.Kind != AbiKind.Int) throw new HostException("abi::result_code: Err field 0 is not int");
                    if (e.AsInt != 5) throw new HostException($"abi::result_code: unexpected Err value {e.AsInt}");
                    return AbiValue.Int(20);
                }
                default: throw new HostException($"abi::result_code: unknown variant `{variant}`");
            }
        });
        // Swapped type args on purpose: the VM must reject the return value (fixture 295).
        HostRegistry.Register(vm, "abi::bad_result", (HostContext cx, ReadOnlySpan<AbiValue> a) =>
        {
            HostArgs.Count("abi::bad_result", a, 0);
            return cx.NewEnum(Need(result, "abi::bad_result", "Result"), swappedArgs, "Ok", new[] { AbiValue.Int(1) });
        });

        HostRegistry.Register(vm, "abi::xor_byte", static (HostContext _, ReadOnlySpan<AbiValue> a) =>
            AbiValue.Byte((byte)(HostArgs.Byte("abi::xor_byte", a, 0) ^ HostArgs.Byte("abi::xor_byte", a, 1))));
        HostRegistry.Register(vm, "abi::next_char", static (HostContext _, ReadOnlySpan<AbiValue> a) =>
        {
            int next = HostArgs.Char("abi::next_char", a, 0) + 1;
            if (next > 0x10FFFF || (next >= 0xD800 && next <= 0xDFFF)) throw new HostException("abi::next_char: overflow");
            return AbiValue.Char(next);
        });
    }

    /// <summary>The first candidate name the module has, else the first type name equal to or ending in `::short`.</summary>
    internal static string? FindTypeName(Module module, string qualified, string shortName)
    {
        if (module.TryGetTypeId(qualified, out _)) return qualified;
        if (module.TryGetTypeId(shortName, out _)) return shortName;
        string suffix = "::" + shortName;
        foreach (var name in module.TypeNames)
            if (name == shortName || name.EndsWith(suffix, StringComparison.Ordinal)) return name;
        return null;
    }

    static string Need(string? typeName, string fn, string what) =>
        typeName ?? throw new HostException($"{fn}: the module has no `{what}` type");

    static bool SameTypes(AbiType[] a, AbiType[] b)
    {
        if (a.Length != b.Length) return false;
        for (int i = 0; i < a.Length; i++)
            if (!a[i].SameAs(b[i])) return false;
        return true;
    }

    /// <summary>Roughly the reference's Rust `Debug` of a type list, for error messages only.</summary>
    static string Debug(AbiType[] types)
    {
        var sb = new StringBuilder("[");
        for (int i = 0; i < types.Length; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append(types[i].Kind);
        }
        return sb.Append(']').ToString();
    }
}
