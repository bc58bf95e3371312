// The module description the glue needs, as JSON (built once per module): host imports, external
// effects, type names and ABI schemas. Types use the shapes of the reference browser binding.
using System.Text;
using Rusk.Vm.Execution;
using Rusk.Vm.Format;

namespace Rusk.Vm.Marshalling;

static class ModuleInfo
{
    public static string Json(Module m)
    {
        var sb = new StringBuilder(4096);
        sb.Append("{\"hostImports\":[");
        for (int i = 0; i < m.HostImports.Length; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append("{\"name\":"); Str(sb, m.HostImports[i].Name);
            Sig(sb, m.HostImports[i].Sig);
            sb.Append('}');
        }
        sb.Append("],\"externalEffects\":[");
        for (int i = 0; i < m.ExternalEffects.Length; i++)
        {
            var e = m.ExternalEffects[i];
            if (i > 0) sb.Append(',');
            sb.Append("{\"interface\":"); Str(sb, e.Interface);
            sb.Append(",\"method\":"); Str(sb, e.Method);
            Sig(sb, e.Sig);
            sb.Append('}');
        }
        sb.Append("],\"types\":[");
        for (int i = 0; i < m.TypeNames.Length; i++)
        {
            if (i > 0) sb.Append(',');
            Str(sb, m.TypeNames[i]);
        }
        sb.Append("],\"schemas\":[");
        for (int i = 0; i < m.AbiSchemas.Length; i++)
        {
            if (i > 0) sb.Append(',');
            Schema(sb, m.AbiSchemas[i]);
        }
        sb.Append("]}");
        return sb.ToString();
    }

    static void Sig(StringBuilder sb, HostFnSig sig)
    {
        sb.Append(",\"params\":[");
        for (int i = 0; i < sig.Params.Length; i++)
        {
            if (i > 0) sb.Append(',');
            Type(sb, sig.Params[i]);
        }
        sb.Append("],\"ret\":");
        Type(sb, sig.Ret);
    }

    static void Schema(StringBuilder sb, AbiSchema? s)
    {
        if (s is null) { sb.Append("null"); return; }
        sb.Append(s.IsEnum ? "{\"kind\":\"enum\"" : "{\"kind\":\"struct\"");
        sb.Append(",\"typeParams\":").Append(NumberText.Decimal(s.TypeParams));
        if (s.IsEnum)
        {
            sb.Append(",\"variants\":[");
            for (int i = 0; i < s.Variants.Length; i++)
            {
                if (i > 0) sb.Append(',');
                sb.Append("{\"name\":"); Str(sb, s.Variants[i].Name);
                sb.Append(",\"fields\":[");
                for (int j = 0; j < s.Variants[i].Fields.Length; j++)
                {
                    if (j > 0) sb.Append(',');
                    Type(sb, s.Variants[i].Fields[j]);
                }
                sb.Append("]}");
            }
        }
        else
        {
            sb.Append(",\"fields\":[");
            for (int i = 0; i < s.Fields.Length; i++)
            {
                if (i > 0) sb.Append(',');
                sb.Append("{\"name\":"); Str(sb, s.Fields[i].Name);
                sb.Append(",\"type\":"); Type(sb, s.Fields[i].Type);
                sb.Append('}');
            }
        }
        sb.Append("]}");
    }

    static void Type(StringBuilder sb, AbiType t)
    {
        switch (t.Kind)
        {
            case AbiKind.Unit: sb.Append("\"unit\""); break;
            case AbiKind.Bool: sb.Append("\"bool\""); break;
            case AbiKind.Int: sb.Append("\"int\""); break;
            case AbiKind.Float: sb.Append("\"float\""); break;
            case AbiKind.String: sb.Append("\"string\""); break;
            case AbiKind.Bytes: sb.Append("\"bytes\""); break;
            case AbiKind.Continuation: sb.Append("\"continuation\""); break;
            case AbiKind.Byte: sb.Append("\"byte\""); break;
            case AbiKind.Char: sb.Append("\"char\""); break;
            case AbiKind.Array:
                sb.Append("{\"tag\":\"array\",\"elem\":"); Type(sb, t.Elem!); sb.Append('}');
                break;
            case AbiKind.Tuple:
                sb.Append("{\"tag\":\"tuple\",\"items\":"); Types(sb, t.Items); sb.Append('}');
                break;
            case AbiKind.Struct:
            case AbiKind.Enum:
                sb.Append(t.Kind == AbiKind.Struct ? "{\"tag\":\"struct\"" : "{\"tag\":\"enum\"");
                sb.Append(",\"typeId\":").Append(NumberText.Decimal(t.Id));
                sb.Append(",\"args\":"); Types(sb, t.Items); sb.Append('}');
                break;
            default:
                sb.Append("{\"tag\":\"param\",\"index\":").Append(NumberText.Decimal(t.Id)).Append('}');
                break;
        }
    }

    static void Types(StringBuilder sb, AbiType[] ts)
    {
        sb.Append('[');
        for (int i = 0; i < ts.Length; i++)
        {
            if (i > 0) sb.Append(',');
            Type(sb, ts[i]);
        }
        sb.Append(']');
    }

    static void Str(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (char c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                default:
                    if (c < 0x20) sb.Append("\\u").Append(NumberText.Hex(c, 4));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }
}
