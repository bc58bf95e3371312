// Operand-level data of the format (BYTECODE_SPEC.md §10.5): ABI types and schemas, typerep
// literals, constants, patterns, call targets, effect specs. Immutable once built.

namespace Rusk.Vm.Format;

/// <summary>Tags of <see cref="AbiType"/>; 0..12 are AbiType, 13 only occurs in schemas.</summary>
public enum AbiKind : byte
{
    /// <summary><c>()</c>.</summary>
    Unit = 0,
    /// <summary>A bool.</summary>
    Bool = 1,
    /// <summary>A 64-bit signed int.</summary>
    Int = 2,
    /// <summary>A 64-bit float.</summary>
    Float = 3,
    /// <summary>A string.</summary>
    String = 4,
    /// <summary>A byte string.</summary>
    Bytes = 5,
    /// <summary>A pinned continuation handle.</summary>
    Continuation = 6,
    /// <summary>A byte.</summary>
    Byte = 7,
    /// <summary>A Unicode scalar value.</summary>
    Char = 8,
    /// <summary>An array of one element type (composite).</summary>
    Array = 9,
    /// <summary>A tuple of item types (composite).</summary>
    Tuple = 10,
    /// <summary>A struct of a nominal type (composite).</summary>
    Struct = 11,
    /// <summary>An enum of a nominal type (composite).</summary>
    Enum = 12,
    /// <summary>A type parameter; only inside the module's ABI schemas, never a value's kind.</summary>
    TypeParam = 13,
}

/// <summary>
/// An ABI type (§3.1), also used for the schema language <c>AbiSchemaType</c>, which adds
/// <see cref="AbiKind.TypeParam"/>. The reader only admits TypeParam inside schemas.
/// </summary>
public sealed class AbiType
{
    /// <summary>The tag.</summary>
    public AbiKind Kind { get; }
    /// <summary>Array: the element type.</summary>
    public AbiType? Elem { get; }
    /// <summary>Tuple: the items; Struct/Enum: the type arguments. Empty otherwise.</summary>
    internal AbiType[] Items { get; }
    /// <summary>Tuple: the item types; Struct/Enum: the type arguments. Empty otherwise. Read-only: types are shared.</summary>
    public System.ReadOnlySpan<AbiType> ItemTypes => Items;
    /// <summary>Struct/Enum: the TypeId; TypeParam: the parameter index.</summary>
    public uint Id { get; }

    AbiType(AbiKind kind, AbiType? elem, AbiType[] items, uint id) { Kind = kind; Elem = elem; Items = items; Id = id; }

    static readonly AbiType[] Leaves = MakeLeaves();
    static AbiType[] MakeLeaves()
    {
        var l = new AbiType[9];
        for (int i = 0; i < l.Length; i++) l[i] = new AbiType((AbiKind)i, null, System.Array.Empty<AbiType>(), 0);
        return l;
    }

    /// <summary>The shared instance of a leaf kind (Unit..Char).</summary>
    public static AbiType Leaf(AbiKind kind) =>
        kind <= AbiKind.Char ? Leaves[(int)kind] : throw new System.ArgumentOutOfRangeException(nameof(kind));

    /// <summary>The unit type.</summary>
    public static AbiType Unit => Leaves[(int)AbiKind.Unit];
    /// <summary>The bool type.</summary>
    public static AbiType Bool => Leaves[(int)AbiKind.Bool];
    /// <summary>The int type.</summary>
    public static AbiType Int => Leaves[(int)AbiKind.Int];
    /// <summary>The float type.</summary>
    public static AbiType Float => Leaves[(int)AbiKind.Float];
    /// <summary>The string type.</summary>
    public static AbiType String => Leaves[(int)AbiKind.String];
    /// <summary>The bytes type.</summary>
    public static AbiType Bytes => Leaves[(int)AbiKind.Bytes];
    /// <summary>The continuation type.</summary>
    public static AbiType Continuation => Leaves[(int)AbiKind.Continuation];
    /// <summary>The byte type.</summary>
    public static AbiType Byte => Leaves[(int)AbiKind.Byte];
    /// <summary>The char type.</summary>
    public static AbiType Char => Leaves[(int)AbiKind.Char];

    /// <summary>An array of <paramref name="elem"/>.</summary>
    public static AbiType Array(AbiType elem) => new(AbiKind.Array, elem, System.Array.Empty<AbiType>(), 0);
    /// <summary>A tuple of <paramref name="items"/> (the array belongs to the type from here on: do not change it).</summary>
    public static AbiType Tuple(AbiType[] items) => new(AbiKind.Tuple, null, items, 0);
    /// <summary>The struct type <paramref name="typeId"/> (<see cref="Module.TryGetTypeId"/>) at <paramref name="args"/> (kept, not copied).</summary>
    public static AbiType Struct(uint typeId, AbiType[] args) => new(AbiKind.Struct, null, args, typeId);
    /// <summary>The enum type <paramref name="typeId"/> (<see cref="Module.TryGetTypeId"/>) at <paramref name="args"/> (kept, not copied).</summary>
    public static AbiType Enum(uint typeId, AbiType[] args) => new(AbiKind.Enum, null, args, typeId);
    internal static AbiType TypeParam(uint index) => new(AbiKind.TypeParam, null, System.Array.Empty<AbiType>(), index);

    /// <summary>Structural equality (the VM compares declared vs actual ABI types).</summary>
    public bool SameAs(AbiType other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (Kind != other.Kind || Id != other.Id || Items.Length != other.Items.Length) return false;
        if (Kind == AbiKind.Array && !Elem!.SameAs(other.Elem!)) return false;
        for (int i = 0; i < Items.Length; i++)
            if (!Items[i].SameAs(other.Items[i])) return false;
        return true;
    }
}

internal sealed class AbiStructField
{
    public string Name { get; }
    public AbiType Type { get; }
    public AbiStructField(string name, AbiType type) { Name = name; Type = type; }
}

internal sealed class AbiEnumVariant
{
    public string Name { get; }
    public AbiType[] Fields { get; }
    public AbiEnumVariant(string name, AbiType[] fields) { Name = name; Fields = fields; }
}

/// <summary>ABI schema of a nominal type (§10.4): a struct (kind 1) or an enum (kind 2).</summary>
internal sealed class AbiSchema
{
    public bool IsEnum { get; }
    public uint TypeParams { get; }
    /// <summary>Struct schemas only (empty for enums).</summary>
    public AbiStructField[] Fields { get; }
    /// <summary>Enum schemas only (empty for structs).</summary>
    public AbiEnumVariant[] Variants { get; }

    AbiSchema(bool isEnum, uint typeParams, AbiStructField[] fields, AbiEnumVariant[] variants)
    {
        IsEnum = isEnum; TypeParams = typeParams; Fields = fields; Variants = variants;
    }

    public static AbiSchema Struct(uint typeParams, AbiStructField[] fields) =>
        new(false, typeParams, fields, System.Array.Empty<AbiEnumVariant>());
    public static AbiSchema Enum(uint typeParams, AbiEnumVariant[] variants) =>
        new(true, typeParams, System.Array.Empty<AbiStructField>(), variants);
}

/// <summary>Tags of <see cref="TypeRepLit"/>.</summary>
internal enum TypeRepKind : byte
{
    Unit = 0, Never = 1, Bool = 2, Int = 3, Float = 4, Byte = 5, Char = 6, String = 7, Bytes = 8,
    Array = 9, Tuple = 10, Struct = 11, Enum = 12, Interface = 13, Fn = 14, Cont = 15,
}

/// <summary>A type constructor literal used to build runtime typereps.</summary>
internal sealed class TypeRepLit
{
    public TypeRepKind Kind { get; }
    /// <summary>Tuple: the arity.</summary>
    public uint Arity { get; }
    /// <summary>Struct/Enum/Interface: the nominal type name.</summary>
    public string? Name { get; }

    TypeRepLit(TypeRepKind kind, uint arity, string? name) { Kind = kind; Arity = arity; Name = name; }

    static readonly TypeRepLit[] Simple = MakeSimple();
    static TypeRepLit[] MakeSimple()
    {
        var s = new TypeRepLit[16];
        for (int i = 0; i < s.Length; i++) s[i] = new TypeRepLit((TypeRepKind)i, 0, null);
        return s;
    }

    /// <summary>A payload-free literal (every kind except Tuple/Struct/Enum/Interface).</summary>
    public static TypeRepLit Of(TypeRepKind kind) => kind switch
    {
        TypeRepKind.Tuple or TypeRepKind.Struct or TypeRepKind.Enum or TypeRepKind.Interface =>
            throw new System.ArgumentException("kind needs a payload", nameof(kind)),
        _ => Simple[(int)kind],
    };
    public static TypeRepLit Tuple(uint arity) => new(TypeRepKind.Tuple, arity, null);
    public static TypeRepLit Named(TypeRepKind kind, string name) => kind switch
    {
        TypeRepKind.Struct or TypeRepKind.Enum or TypeRepKind.Interface => new TypeRepLit(kind, 0, name),
        _ => throw new System.ArgumentException("kind takes no name", nameof(kind)),
    };
}

/// <summary>Tags of <see cref="ConstValue"/>.</summary>
internal enum ConstKind : byte { Unit = 0, Bool = 1, Int = 2, Float = 3, String = 4, Bytes = 5, TypeRep = 6, Function = 7 }

/// <summary>A literal embedded in bytecode (Const instructions and literal patterns).</summary>
internal sealed class ConstValue
{
    public ConstKind Kind { get; }
    /// <summary>Bool: 0/1; Int: the value; Float: the IEEE bits; Function: the FunctionId.</summary>
    public long Bits { get; }
    public string? Text { get; }
    public byte[]? Blob { get; }
    public TypeRepLit? TypeRep { get; }

    ConstValue(ConstKind kind, long bits, string? text, byte[]? blob, TypeRepLit? typeRep)
    {
        Kind = kind; Bits = bits; Text = text; Blob = blob; TypeRep = typeRep;
    }

    public static readonly ConstValue Unit = new(ConstKind.Unit, 0, null, null, null);
    public static readonly ConstValue True = new(ConstKind.Bool, 1, null, null, null);
    public static readonly ConstValue False = new(ConstKind.Bool, 0, null, null, null);
    public static ConstValue Bool(bool b) => b ? True : False;
    public static ConstValue Int(long v) => new(ConstKind.Int, v, null, null, null);
    public static ConstValue FloatBits(long bits) => new(ConstKind.Float, bits, null, null, null);
    public static ConstValue String(string s) => new(ConstKind.String, 0, s, null, null);
    public static ConstValue Bytes(byte[] b) => new(ConstKind.Bytes, 0, null, b, null);
    public static ConstValue OfTypeRep(TypeRepLit lit) => new(ConstKind.TypeRep, 0, null, null, lit);
    public static ConstValue Function(uint id) => new(ConstKind.Function, id, null, null, null);

    public bool AsBool => Bits != 0;
    public double AsFloat => System.BitConverter.Int64BitsToDouble(Bits);
}

/// <summary>Tags of <see cref="Pattern"/>.</summary>
internal enum PatternKind : byte { Wildcard = 0, Bind = 1, Literal = 2, Tuple = 3, Enum = 4, Struct = 5, Array = 6 }

/// <summary>A pattern of `switch` cases and handler clauses (§7).</summary>
internal sealed class Pattern
{
    public PatternKind Kind { get; }
    public ConstValue? Literal { get; }
    /// <summary>Tuple/Array: the patterns before the rest.</summary>
    public Pattern[] Prefix { get; }
    /// <summary>Tuple/Array: the rest pattern (null = exact length).</summary>
    public Pattern? Rest { get; }
    /// <summary>Tuple/Array: the patterns after the rest.</summary>
    public Pattern[] Suffix { get; }
    /// <summary>Enum: the enum name; Struct: the type name.</summary>
    public string? TypeName { get; }
    /// <summary>Enum: the variant name.</summary>
    public string? Variant { get; }
    /// <summary>Enum: field patterns in order; Struct: field patterns paired with <see cref="FieldNames"/>.</summary>
    public Pattern[] Fields { get; }
    /// <summary>Struct: field names, parallel to <see cref="Fields"/>.</summary>
    public string[] FieldNames { get; }

    static readonly Pattern[] NoPatterns = System.Array.Empty<Pattern>();
    static readonly string[] NoNames = System.Array.Empty<string>();

    Pattern(PatternKind kind, ConstValue? literal, Pattern[] prefix, Pattern? rest, Pattern[] suffix,
        string? typeName, string? variant, Pattern[] fields, string[] fieldNames)
    {
        Kind = kind; Literal = literal; Prefix = prefix; Rest = rest; Suffix = suffix;
        TypeName = typeName; Variant = variant; Fields = fields; FieldNames = fieldNames;
    }

    public static readonly Pattern Wildcard = new(PatternKind.Wildcard, null, NoPatterns, null, NoPatterns, null, null, NoPatterns, NoNames);
    public static readonly Pattern Bind = new(PatternKind.Bind, null, NoPatterns, null, NoPatterns, null, null, NoPatterns, NoNames);
    public static Pattern Lit(ConstValue v) => new(PatternKind.Literal, v, NoPatterns, null, NoPatterns, null, null, NoPatterns, NoNames);
    public static Pattern Tuple(Pattern[] prefix, Pattern? rest, Pattern[] suffix) =>
        new(PatternKind.Tuple, null, prefix, rest, suffix, null, null, NoPatterns, NoNames);
    public static Pattern Array(Pattern[] prefix, Pattern? rest, Pattern[] suffix) =>
        new(PatternKind.Array, null, prefix, rest, suffix, null, null, NoPatterns, NoNames);
    public static Pattern Enum(string enumName, string variant, Pattern[] fields) =>
        new(PatternKind.Enum, null, NoPatterns, null, NoPatterns, enumName, variant, fields, NoNames);
    public static Pattern Struct(string typeName, string[] fieldNames, Pattern[] fields) =>
        new(PatternKind.Struct, null, NoPatterns, null, NoPatterns, typeName, null, fields, fieldNames);

    /// <summary>Number of binds in the §7.1 traversal order.</summary>
    public int BindCount()
    {
        switch (Kind)
        {
            case PatternKind.Bind: return 1;
            case PatternKind.Tuple:
            case PatternKind.Array:
            {
                int n = 0;
                foreach (var p in Prefix) n += p.BindCount();
                if (Rest != null) n += Rest.BindCount();
                foreach (var p in Suffix) n += p.BindCount();
                return n;
            }
            case PatternKind.Enum:
            case PatternKind.Struct:
            {
                int n = 0;
                foreach (var p in Fields) n += p.BindCount();
                return n;
            }
            default: return 0;
        }
    }
}

internal enum CallKind : byte { Bc = 0, Host = 1, Intrinsic = 2 }

/// <summary>A call target: a bytecode function, a host import, or an intrinsic (Id = its tag).</summary>
internal readonly struct CallTarget
{
    public readonly CallKind Kind;
    public readonly uint Id;
    public CallTarget(CallKind kind, uint id) { Kind = kind; Id = id; }
    public Intrinsic Intrinsic => (Intrinsic)Id;
}

/// <summary>An effect identity: interface, runtime interface type-arg registers, method.</summary>
internal sealed class EffectSpec
{
    public string Interface { get; }
    public uint[] InterfaceArgs { get; }
    public string Method { get; }
    public EffectSpec(string @interface, uint[] interfaceArgs, string method)
    {
        Interface = @interface; InterfaceArgs = interfaceArgs; Method = method;
    }
}

/// <summary>A handler clause (§6.1); ParamRegs = binds, plus the continuation register if resumptive.</summary>
internal sealed class HandlerClause
{
    public EffectSpec Effect { get; }
    public Pattern[] ArgPatterns { get; }
    public uint TargetPc { get; }
    public uint[] ParamRegs { get; }
    public HandlerClause(EffectSpec effect, Pattern[] argPatterns, uint targetPc, uint[] paramRegs)
    {
        Effect = effect; ArgPatterns = argPatterns; TargetPc = targetPc; ParamRegs = paramRegs;
    }
}

internal sealed class SwitchCase
{
    public Pattern Pattern { get; }
    public uint TargetPc { get; }
    public uint[] ParamRegs { get; }
    public SwitchCase(Pattern pattern, uint targetPc, uint[] paramRegs)
    {
        Pattern = pattern; TargetPc = targetPc; ParamRegs = paramRegs;
    }
}

/// <summary>An optional destination register (`Option&lt;Reg&gt;` on the wire).</summary>
internal readonly struct OptReg
{
    public readonly bool HasValue;
    public readonly uint Reg;
    public OptReg(uint reg) { HasValue = true; Reg = reg; }
    public static readonly OptReg None = default;
}
