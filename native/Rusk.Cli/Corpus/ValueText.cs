// One canonical text form for ABI values, built both from the manifest's JSON encoding and from live
// VM values, so that comparing two values is comparing two strings and a diff is readable as is.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Rusk.Vm.Format;

namespace Rusk.Cli.Corpus;

using Rusk.Vm;

/// <summary>
/// Forms: `()`, `true`, `123`, `7u8`, `'x'`, `"text"`, `bytes(6869)`, `float(1.5, 0x3ff8000000000000)`,
/// `<continuation>`, `[a, b]`, `(a, b)`, `Point { x: 1, y: 2 }`, `Shape::Rect(1, 2)`.
/// Floats compare by their bits; the decimal is derived from the bits on both sides (the manifest's
/// `approx` is ignored).
/// </summary>
internal static class ValueText
{
    public static string Done(string value) => "done " + value;
    public static string Trap(string message) => "trap " + message;

    public static string Request(string effect, IReadOnlyList<string> args, string? resume)
    {
        var sb = new StringBuilder(effect).Append('(');
        for (int i = 0; i < args.Count; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append(args[i]);
        }
        return sb.Append(") -> ").Append(resume ?? "drop").ToString();
    }

    // ---- from the manifest ----

    public static string FromJson(JsonElement v, string where)
    {
        var sb = new StringBuilder();
        AppendJson(sb, v, where, 0);
        return sb.ToString();
    }

    static void AppendJson(StringBuilder sb, JsonElement v, string where, int depth)
    {
        if (depth > 64) throw new CorpusFormatException($"{where}: value nested too deeply");
        if (v.ValueKind != JsonValueKind.Object || !v.TryGetProperty("type", out var t) || t.ValueKind != JsonValueKind.String)
            throw new CorpusFormatException($"{where}: expected a value object with a string `type`, found {Short(v)}");
        string type = t.GetString()!;
        switch (type)
        {
            case "unit": sb.Append("()"); break;
            case "bool": sb.Append(Prop(v, "value", JsonValueKind.True, where, type).ValueKind == JsonValueKind.True ? "true" : "false"); break;
            case "int":
            {
                string s = Prop(v, "value", JsonValueKind.String, where, type).GetString()!;
                if (!long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n))
                    throw new CorpusFormatException($"{where}: int value `{s}` is not a decimal i64");
                AppendInt(sb, n);
                break;
            }
            case "float":
            {
                string s = Prop(v, "value", JsonValueKind.String, where, type).GetString()!;
                if (s.Length != 16 || !ulong.TryParse(s, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong bits))
                    throw new CorpusFormatException($"{where}: float value `{s}` is not 16 hex digits");
                AppendFloat(sb, (long)bits);
                break;
            }
            case "byte":
            {
                var e = Prop(v, "value", JsonValueKind.Number, where, type);
                if (!e.TryGetByte(out byte b)) throw new CorpusFormatException($"{where}: byte value {e.GetRawText()} out of range");
                AppendByte(sb, b);
                break;
            }
            case "char":
            {
                string s = Prop(v, "value", JsonValueKind.String, where, type).GetString()!;
                int cp = -1;
                if (s.Length is 1 or 2 && !char.IsSurrogate(s, 0)) cp = s[0];
                else if (s.Length == 2 && char.IsSurrogatePair(s[0], s[1])) cp = char.ConvertToUtf32(s[0], s[1]);
                if (cp < 0 || char.ConvertFromUtf32(cp).Length != s.Length)
                    throw new CorpusFormatException($"{where}: char value must be one Unicode scalar");
                AppendChar(sb, cp);
                break;
            }
            case "string": AppendString(sb, Prop(v, "value", JsonValueKind.String, where, type).GetString()!); break;
            case "bytes":
            {
                string hex = Prop(v, "hex", JsonValueKind.String, where, type).GetString()!;
                byte[] data;
                try { data = Convert.FromHexString(hex); }
                catch (FormatException) { throw new CorpusFormatException($"{where}: bytes hex `{hex}` is not hex"); }
                AppendBytes(sb, data);
                break;
            }
            case "continuation": sb.Append("<continuation>"); break;
            case "array":
            case "tuple":
            {
                var items = Prop(v, "items", JsonValueKind.Array, where, type);
                bool tuple = type == "tuple";
                sb.Append(tuple ? '(' : '[');
                int i = 0;
                foreach (var item in items.EnumerateArray())
                {
                    if (i++ > 0) sb.Append(", ");
                    AppendJson(sb, item, where, depth + 1);
                }
                if (tuple && i == 1) sb.Append(',');
                sb.Append(tuple ? ')' : ']');
                break;
            }
            case "struct":
            {
                sb.Append(Prop(v, "name", JsonValueKind.String, where, type).GetString()).Append(" {");
                var fields = Prop(v, "fields", JsonValueKind.Object, where, type);
                int i = 0;
                foreach (var f in fields.EnumerateObject())
                {
                    sb.Append(i++ > 0 ? ", " : " ").Append(f.Name).Append(": ");
                    AppendJson(sb, f.Value, where, depth + 1);
                }
                sb.Append(i > 0 ? " }" : "}");
                break;
            }
            case "enum":
            {
                sb.Append(Prop(v, "name", JsonValueKind.String, where, type).GetString())
                  .Append("::").Append(Prop(v, "variant", JsonValueKind.String, where, type).GetString());
                var fields = Prop(v, "fields", JsonValueKind.Array, where, type);
                if (fields.GetArrayLength() > 0)
                {
                    sb.Append('(');
                    int i = 0;
                    foreach (var f in fields.EnumerateArray())
                    {
                        if (i++ > 0) sb.Append(", ");
                        AppendJson(sb, f, where, depth + 1);
                    }
                    sb.Append(')');
                }
                break;
            }
            default: throw new CorpusFormatException($"{where}: unknown value type `{type}`");
        }
    }

    static JsonElement Prop(JsonElement v, string name, JsonValueKind kind, string where, string type)
    {
        if (!v.TryGetProperty(name, out var p)) throw new CorpusFormatException($"{where}: {type} value has no `{name}`");
        bool ok = kind == JsonValueKind.True ? p.ValueKind is JsonValueKind.True or JsonValueKind.False : p.ValueKind == kind;
        if (!ok) throw new CorpusFormatException($"{where}: {type} value's `{name}` must be {(kind == JsonValueKind.True ? "a bool" : kind.ToString())}, found {Short(p)}");
        return p;
    }

    static string Short(JsonElement v)
    {
        string raw = v.GetRawText();
        return raw.Length > 60 ? raw.Substring(0, 60) + "…" : raw;
    }

    // ---- from the VM ----

    /// <summary>Renders a live value; composites are read through <paramref name="ctx"/> (errors are rendered inline).</summary>
    public static string FromAbi(AbiValue v, HostContext? ctx)
    {
        var sb = new StringBuilder();
        AppendAbi(sb, v, ctx, 0);
        return sb.ToString();
    }

    static void AppendAbi(StringBuilder sb, AbiValue v, HostContext? ctx, int depth)
    {
        if (depth > 64) { sb.Append("<nested too deeply>"); return; }
        switch (v.Kind)
        {
            case AbiKind.Unit: sb.Append("()"); return;
            case AbiKind.Bool: sb.Append(v.AsBool ? "true" : "false"); return;
            case AbiKind.Int: AppendInt(sb, v.AsInt); return;
            case AbiKind.Float: AppendFloat(sb, v.FloatBits); return;
            case AbiKind.Byte: AppendByte(sb, v.AsByte); return;
            case AbiKind.Char: AppendChar(sb, v.AsChar); return;
            case AbiKind.String: AppendString(sb, v.AsString); return;
            case AbiKind.Bytes: AppendBytes(sb, v.AsBytes); return;
            case AbiKind.Continuation: sb.Append("<continuation>"); return;
        }
        if (ctx == null) { sb.Append("<composite ").Append(v.Kind).Append('>'); return; }
        try
        {
            switch (v.Kind)
            {
                case AbiKind.Array:
                case AbiKind.Tuple:
                {
                    bool tuple = v.Kind == AbiKind.Tuple;
                    int n = tuple ? ctx.TupleLength(v) : ctx.ArrayLength(v);
                    sb.Append(tuple ? '(' : '[');
                    for (int i = 0; i < n; i++)
                    {
                        if (i > 0) sb.Append(", ");
                        AppendAbi(sb, tuple ? ctx.TupleGet(v, i) : ctx.ArrayGet(v, i), ctx, depth + 1);
                    }
                    if (tuple && n == 1) sb.Append(',');
                    sb.Append(tuple ? ')' : ']');
                    return;
                }
                case AbiKind.Struct:
                {
                    sb.Append(ctx.StructTypeName(v)).Append(" {");
                    uint typeId = v.CompositeType!.Id;
                    var layouts = ctx.Module.StructLayouts;
                    string[] fields = typeId < layouts.Length ? layouts[typeId] ?? Array.Empty<string>() : Array.Empty<string>();
                    for (int i = 0; i < fields.Length; i++)
                    {
                        sb.Append(i > 0 ? ", " : " ").Append(fields[i]).Append(": ");
                        AppendAbi(sb, ctx.StructGet(v, fields[i]), ctx, depth + 1);
                    }
                    sb.Append(fields.Length > 0 ? " }" : "}");
                    return;
                }
                case AbiKind.Enum:
                {
                    sb.Append(ctx.EnumTypeName(v)).Append("::").Append(ctx.EnumVariant(v));
                    int n = ctx.EnumFieldCount(v);
                    if (n > 0)
                    {
                        sb.Append('(');
                        for (int i = 0; i < n; i++)
                        {
                            if (i > 0) sb.Append(", ");
                            AppendAbi(sb, ctx.EnumGet(v, i), ctx, depth + 1);
                        }
                        sb.Append(')');
                    }
                    return;
                }
                default: sb.Append("<unknown kind ").Append((int)v.Kind).Append('>'); return;
            }
        }
        catch (Exception e)
        {
            // A VM that cannot show us its own value is a finding, not a crash of the runner.
            sb.Append("<error reading ").Append(v.Kind).Append(": ").Append(e.Message).Append('>');
        }
    }

    // ---- shared leaf forms ----

    static void AppendInt(StringBuilder sb, long n) => sb.Append(n.ToString(CultureInfo.InvariantCulture));
    static void AppendByte(StringBuilder sb, byte b) => sb.Append(b.ToString(CultureInfo.InvariantCulture)).Append("u8");

    static void AppendFloat(StringBuilder sb, long bits)
    {
        double d = BitConverter.Int64BitsToDouble(bits);
        sb.Append("float(").Append(d.ToString("R", CultureInfo.InvariantCulture))
          .Append(", 0x").Append(((ulong)bits).ToString("x16", CultureInfo.InvariantCulture)).Append(')');
    }

    static void AppendBytes(StringBuilder sb, byte[] data) =>
        sb.Append("bytes(").Append(Convert.ToHexString(data).ToLowerInvariant()).Append(')');

    static void AppendChar(StringBuilder sb, int scalar)
    {
        sb.Append('\'');
        AppendEscaped(sb, char.ConvertFromUtf32(scalar), '\'');
        sb.Append('\'');
    }

    public static void AppendString(StringBuilder sb, string s)
    {
        sb.Append('"');
        AppendEscaped(sb, s, '"');
        sb.Append('"');
    }

    /// <summary>A double-quoted, escaped copy of <paramref name="s"/> (control characters as \n, \t, \u{..}).</summary>
    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2);
        AppendString(sb, s);
        return sb.ToString();
    }

    static void AppendEscaped(StringBuilder sb, string s, char quote)
    {
        foreach (char c in s)
        {
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c == quote) sb.Append('\\').Append(c);
                    else if (c < 0x20 || c == 0x7f) sb.Append("\\u{").Append(((int)c).ToString("x", CultureInfo.InvariantCulture)).Append('}');
                    else sb.Append(c);
                    break;
            }
        }
    }
}
