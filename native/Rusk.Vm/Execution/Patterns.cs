// Pattern programs (BYTECODE_SPEC.md §7): Format.Pattern resolved once per module into LPattern
// trees with type ids, field indices and literal values precomputed. Matching lives in
// Interpreter.Patterns.cs.
using System;
using Rusk.Vm.Format;

namespace Rusk.Vm.Execution;

internal sealed class LPattern
{
    public readonly PatternKind Kind;
    public readonly int BindCount;

    // Literal: the constant (unit/bool/int/float/function in Bits, string/bytes as objects).
    public readonly ConstKind LitKind;
    public readonly long LitBits;
    public readonly byte[]? LitBytes;
    /// <summary>Typerep literal: resolved constructor (LitTypeValid false when the name is unknown).</summary>
    public readonly TypeRepKind LitTypeKind;
    public readonly uint LitTypePayload;
    public readonly bool LitTypeValid;

    // Tuple/Array.
    public readonly LPattern[] Prefix;
    public readonly LPattern? Rest;
    public readonly LPattern[] Suffix;

    // Enum/Struct: the pattern's type id, -1 when the name is unknown (never matches).
    public readonly int TypeId;
    public readonly string? Variant;
    public readonly LPattern[] Fields;
    /// <summary>Struct: layout index of each listed field, -1 where FieldErrors holds the trap message.</summary>
    public readonly int[] FieldIndices;
    public readonly string?[] FieldErrors;
    public readonly string[] FieldNames;

    static readonly LPattern[] None = Array.Empty<LPattern>();

    LPattern(PatternKind kind, int bindCount, ConstKind litKind = ConstKind.Unit, long litBits = 0, byte[]? litBytes = null,
        TypeRepKind litTypeKind = TypeRepKind.Unit, uint litTypePayload = 0, bool litTypeValid = false,
        LPattern[]? prefix = null, LPattern? rest = null, LPattern[]? suffix = null,
        int typeId = -1, string? variant = null, LPattern[]? fields = null, int[]? fieldIndices = null,
        string?[]? fieldErrors = null, string[]? fieldNames = null)
    {
        Kind = kind; BindCount = bindCount; LitKind = litKind; LitBits = litBits; LitBytes = litBytes;
        LitTypeKind = litTypeKind; LitTypePayload = litTypePayload; LitTypeValid = litTypeValid;
        Prefix = prefix ?? None; Rest = rest; Suffix = suffix ?? None;
        TypeId = typeId; Variant = variant; Fields = fields ?? None;
        FieldIndices = fieldIndices ?? Array.Empty<int>(); FieldErrors = fieldErrors ?? Array.Empty<string?>();
        FieldNames = fieldNames ?? Array.Empty<string>();
        bool trivial = kind == PatternKind.Enum;
        foreach (var f in Fields) trivial &= f.IsTrivial;
        TrivialFields = trivial;
    }

    public static readonly LPattern Wildcard = new(PatternKind.Wildcard, 0);
    public static readonly LPattern Bind = new(PatternKind.Bind, 1);

    /// <summary>True for a pattern that matches anything without looking at it (wildcard or bind).</summary>
    public bool IsTrivial => Kind is PatternKind.Wildcard or PatternKind.Bind;

    /// <summary>Enum pattern whose field patterns are all wildcards/binds: matching is a type + variant check.</summary>
    public readonly bool TrivialFields;

    public static LPattern From(Pattern p, Module module, Func<string, string> internVariant)
    {
        switch (p.Kind)
        {
            case PatternKind.Wildcard: return Wildcard;
            case PatternKind.Bind: return Bind;
            case PatternKind.Literal: return Literal(p.Literal!, module);
            case PatternKind.Tuple:
            case PatternKind.Array:
            {
                var prefix = Map(p.Prefix, module, internVariant);
                var suffix = Map(p.Suffix, module, internVariant);
                var rest = p.Rest == null ? null : From(p.Rest, module, internVariant);
                return new LPattern(p.Kind, p.BindCount(), prefix: prefix, rest: rest, suffix: suffix);
            }
            case PatternKind.Enum:
            {
                int typeId = module.TryGetTypeId(p.TypeName!, out var id) ? (int)id : -1;
                return new LPattern(PatternKind.Enum, p.BindCount(), typeId: typeId, variant: internVariant(p.Variant!),
                    fields: Map(p.Fields, module, internVariant));
            }
            default:
            {
                int typeId = module.TryGetTypeId(p.TypeName!, out var id) ? (int)id : -1;
                int n = p.Fields.Length;
                var indices = new int[n];
                var errors = new string?[n];
                string[]? layout = typeId >= 0 ? module.StructLayouts[typeId] : null;
                for (int i = 0; i < n; i++)
                {
                    indices[i] = -1;
                    if (typeId < 0) continue;
                    if (layout == null) { errors[i] = $"missing struct layout for `{module.TypeNames[typeId]}`"; continue; }
                    int idx = Array.IndexOf(layout, p.FieldNames[i]);
                    if (idx < 0) errors[i] = $"missing field: {p.FieldNames[i]}";
                    else indices[i] = idx;
                }
                return new LPattern(PatternKind.Struct, p.BindCount(), typeId: typeId, fields: Map(p.Fields, module, internVariant),
                    fieldIndices: indices, fieldErrors: errors, fieldNames: p.FieldNames);
            }
        }
    }

    static LPattern[] Map(Pattern[] ps, Module module, Func<string, string> internVariant)
    {
        if (ps.Length == 0) return None;
        var r = new LPattern[ps.Length];
        for (int i = 0; i < ps.Length; i++) r[i] = From(ps[i], module, internVariant);
        return r;
    }

    static LPattern Literal(ConstValue c, Module module)
    {
        switch (c.Kind)
        {
            case ConstKind.String:
                return new LPattern(PatternKind.Literal, 0, litKind: ConstKind.String, litBytes: Utf8Text.Encode(c.Text!));
            case ConstKind.Bytes:
                return new LPattern(PatternKind.Literal, 0, litKind: ConstKind.Bytes, litBytes: c.Blob!);
            case ConstKind.TypeRep:
            {
                var info = Lowering.ResolveLit(c.TypeRep!, module);
                return new LPattern(PatternKind.Literal, 0, litKind: ConstKind.TypeRep, litTypeKind: info.Kind,
                    litTypePayload: info.Payload, litTypeValid: info.Error == null);
            }
            default:
                return new LPattern(PatternKind.Literal, 0, litKind: c.Kind, litBits: c.Bits);
        }
    }
}
