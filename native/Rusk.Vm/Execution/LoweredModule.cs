// The lowered form of a Module that the interpreter runs: flat instruction arrays per function plus
// side tables (operand lists, constants, call/dispatch/handler/switch sites, pattern programs).
// Built once per Module (Lowering.cs) and shared read-only by every VM of that module.
using System.Collections.Generic;
using Rusk.Vm.Format;

namespace Rusk.Vm.Execution;

internal sealed class LFunction
{
    /// <summary>
    /// reg_count is clamped to this (no frame that large fits under any register limit, which is at
    /// most this too), so frame base + reg_count, computed in int by the loop, cannot overflow.
    /// </summary>
    public const int MaxRegCount = 1 << 30;

    public readonly int Id;
    public readonly string Name;
    public readonly int RegCount;
    public readonly int ParamCount;
    public readonly int GenericParams;
    /// <summary>Lowered code; Code[Source.Code.Length] is the ImplicitReturn sentinel.</summary>
    public LInstr[] Code = System.Array.Empty<LInstr>();
    /// <summary>Non-parameter registers that may be read before being written (WriteAnalysis); set to uninitialized at entry.</summary>
    public int[] InitRegs = System.Array.Empty<int>();

    public LFunction(int id, string name, int regCount, int paramCount, int genericParams)
    {
        Id = id; Name = name; RegCount = regCount; ParamCount = paramCount; GenericParams = genericParams;
    }
}

/// <summary>A typerep constructor literal resolved against the module's type table.</summary>
internal sealed class TypeRepLitInfo
{
    public readonly TypeRepKind Kind;
    public readonly uint Payload;
    /// <summary>Non-null when the literal names an unknown type (the reference's lookup error).</summary>
    public readonly string? Error;
    public TypeRepLitInfo(TypeRepKind kind, uint payload, string? error) { Kind = kind; Payload = payload; Error = error; }
}

internal sealed class MakeTypeRepSite
{
    public readonly int Lit;
    public readonly int[] Args;
    /// <summary>Index of this site's per-VM cache entry (last args → interned result).</summary>
    public readonly int CacheSlot;
    public MakeTypeRepSite(int lit, int[] args, int cacheSlot) { Lit = lit; Args = args; CacheSlot = cacheSlot; }
}

internal sealed class AssocSite
{
    public readonly uint IfaceTypeId;
    public readonly string Assoc;
    public AssocSite(uint ifaceTypeId, string assoc) { IfaceTypeId = ifaceTypeId; Assoc = assoc; }
}

/// <summary>MakeStruct with its fields already permuted into layout order (well-formed literals only).</summary>
internal sealed class MakeStructSite
{
    public readonly uint TypeId;
    public readonly int[] TypeArgs;
    public readonly int[] FieldRegs;
    /// <summary>The original instruction, for the checked (malformed literal) path.</summary>
    public readonly MakeStructInstr Source;
    /// <summary>Per-VM cache slot of the last type-argument array (shared by objects built with the same typereps).</summary>
    public readonly int TypeArgSlot;
    public MakeStructSite(uint typeId, int[] typeArgs, int[] fieldRegs, MakeStructInstr source, int typeArgSlot)
    {
        TypeId = typeId; TypeArgs = typeArgs; FieldRegs = fieldRegs; Source = source; TypeArgSlot = typeArgSlot;
    }
}

internal sealed class MakeEnumSite
{
    public readonly uint TypeId;
    public readonly int[] TypeArgs;
    public readonly string Variant;
    public readonly int[] Fields;
    public readonly int TypeArgSlot;
    public MakeEnumSite(uint typeId, int[] typeArgs, string variant, int[] fields, int typeArgSlot)
    {
        TypeId = typeId; TypeArgs = typeArgs; Variant = variant; Fields = fields; TypeArgSlot = typeArgSlot;
    }
}

/// <summary>Name-based GetField/SetField (only reachable from hand-built modules).</summary>
internal sealed class FieldSite
{
    public readonly string Field;
    public readonly int Obj;
    /// <summary>GetField: dst; SetField: value.</summary>
    public readonly int Other;
    public FieldSite(string field, int obj, int other) { Field = field; Obj = obj; Other = other; }
}

internal sealed class CallMultiSite
{
    public readonly int[] Dsts;
    public CallMultiSite(int[] dsts) { Dsts = dsts; }
}

internal enum FastPath : byte { None, Hash, Eq, Ne }

/// <summary>A VCall/SCall site; CacheSlot indexes the per-VM monomorphic dispatch cache.</summary>
internal sealed class DispatchSite
{
    public readonly uint Method;
    public readonly int[] MethodTypeArgs;
    public readonly int[] Args;
    public readonly FastPath Fast;
    public readonly int CacheSlot;
    public DispatchSite(uint method, int[] methodTypeArgs, int[] args, FastPath fast, int cacheSlot)
    {
        Method = method; MethodTypeArgs = methodTypeArgs; Args = args; Fast = fast; CacheSlot = cacheSlot;
    }
}

/// <summary>An effect identity without its runtime interface args; Key is dense per (interface, method).</summary>
internal sealed class EffectRef
{
    public readonly int Key;
    public readonly string Interface;
    public readonly string Method;
    public readonly int[] IfaceArgRegs;
    /// <summary>Index into Module.ExternalEffects, -1 when the effect is not declared external.</summary>
    public readonly int ExternalId;
    public EffectRef(int key, string iface, string method, int[] ifaceArgRegs, int externalId)
    {
        Key = key; Interface = iface; Method = method; IfaceArgRegs = ifaceArgRegs; ExternalId = externalId;
    }
}

internal sealed class HandlerClauseDef
{
    public readonly EffectRef Effect;
    public readonly LPattern[] ArgPatterns;
    public readonly int TargetPc;
    public readonly int[] ParamRegs;
    public readonly int BindCount;
    public HandlerClauseDef(EffectRef effect, LPattern[] argPatterns, int targetPc, int[] paramRegs, int bindCount)
    {
        Effect = effect; ArgPatterns = argPatterns; TargetPc = targetPc; ParamRegs = paramRegs; BindCount = bindCount;
    }
}

internal sealed class HandlerDef
{
    public readonly HandlerClauseDef[] Clauses;
    /// <summary>True when no clause has runtime interface args (nothing to read at push time).</summary>
    public readonly bool Monomorphic;
    public HandlerDef(HandlerClauseDef[] clauses, bool monomorphic) { Clauses = clauses; Monomorphic = monomorphic; }
}

internal sealed class PerformSite
{
    public readonly EffectRef Effect;
    public readonly int[] Args;
    public PerformSite(EffectRef effect, int[] args) { Effect = effect; Args = args; }
}

internal sealed class SwitchCaseDef
{
    public readonly LPattern Pattern;
    public readonly int TargetPc;
    public readonly int[] ParamRegs;
    /// <summary>Non-null when the case's param count cannot equal its bind count (traps on match).</summary>
    public readonly string? BindError;
    public SwitchCaseDef(LPattern pattern, int targetPc, int[] paramRegs, string? bindError)
    {
        Pattern = pattern; TargetPc = targetPc; ParamRegs = paramRegs; BindError = bindError;
    }
}

internal sealed class SwitchSite
{
    public readonly SwitchCaseDef[] Cases;
    public readonly int DefaultPc;

    // The leading cases that are enum patterns of one type with only wildcard/bind fields (the
    // usual `match`): their interned variant names and the field index each bind reads. The loop
    // matches these by reference compare (Op.SwitchEnum); anything else takes the general path.
    public readonly int EnumTypeId = -1;
    public readonly string[] EnumVariants = System.Array.Empty<string>();
    public readonly int[][] EnumBindFields = System.Array.Empty<int[]>();

    public SwitchSite(SwitchCaseDef[] cases, int defaultPc)
    {
        Cases = cases; DefaultPc = defaultPc;
        int n = 0;
        while (n < cases.Length && cases[n].Pattern.TrivialFields && cases[n].Pattern.TypeId >= 0
               && cases[n].Pattern.TypeId == cases[0].Pattern.TypeId && cases[n].BindError == null)
            n++;
        if (n == 0) return;
        EnumTypeId = cases[0].Pattern.TypeId;
        EnumVariants = new string[n];
        EnumBindFields = new int[n][];
        for (int i = 0; i < n; i++)
        {
            var p = cases[i].Pattern;
            EnumVariants[i] = p.Variant!;
            var binds = new System.Collections.Generic.List<int>();
            for (int f = 0; f < p.Fields.Length; f++) if (p.Fields[f].Kind == PatternKind.Bind) binds.Add(f);
            EnumBindFields[i] = binds.ToArray();
        }
    }
}

/// <summary>The lowered module.</summary>
internal sealed class LoweredModule
{
    public readonly Module Module;
    public readonly LFunction[] Functions;
    /// <summary>Register lists: at an offset, a count followed by that many registers.</summary>
    public readonly int[] Pool;
    public readonly object[] Sites;
    public readonly Value[] Consts;
    public readonly TypeRepLitInfo[] TypeRepLits;
    public readonly string[] Messages;
    public readonly int DispatchSiteCount;
    public readonly int TypeRepSiteCount;
    public readonly int TypeArgSiteCount;

    // Type ids the VM needs by name (-1 when the module lacks them).
    public readonly int UnitId, BoolId, IntId, FloatId, ByteId, CharId, StringId, BytesId, ArrayId, ControlId;
    /// <summary>The first required primitive type name missing from the module, if any.</summary>
    public readonly string? MissingPrimitive;

    /// <summary>Variant names interned at lowering (MakeEnum, patterns, ABI schemas); read-only after.</summary>
    public readonly Dictionary<string, string> Variants;

    public LoweredModule(Module module, LFunction[] functions, int[] pool, object[] sites, Value[] consts,
        TypeRepLitInfo[] typeRepLits, string[] messages, int dispatchSiteCount, int typeRepSiteCount, int typeArgSiteCount, Dictionary<string, string> variants)
    {
        Module = module; Functions = functions; Pool = pool; Sites = sites; Consts = consts;
        TypeRepLits = typeRepLits; Messages = messages; DispatchSiteCount = dispatchSiteCount;
        TypeRepSiteCount = typeRepSiteCount; TypeArgSiteCount = typeArgSiteCount; Variants = variants;
        UnitId = Find(module, "unit"); BoolId = Find(module, "bool"); IntId = Find(module, "int");
        FloatId = Find(module, "float"); ByteId = Find(module, "byte"); CharId = Find(module, "char");
        StringId = Find(module, "string"); BytesId = Find(module, "bytes"); ArrayId = Find(module, "array");
        ControlId = Find(module, "$Control");
        foreach (var name in new[] { "unit", "bool", "int", "float", "byte", "char", "string", "bytes" })
            if (!module.TryGetTypeId(name, out _)) { MissingPrimitive = name; break; }
    }

    static int Find(Module m, string name) => m.TryGetTypeId(name, out var id) ? (int)id : -1;

    public string TypeName(uint id) => id < (uint)Module.TypeNames.Length ? Module.TypeNames[id] : "<unknown>";
    public string MethodName(uint id) => id < (uint)Module.MethodNames.Length ? Module.MethodNames[id] : "<unknown>";

    /// <summary>The lowered program of a module, built on first use and shared by its VMs. It lives
    /// in the module's one typed cache slot (not a ConditionalWeakTable: the AOT engine has no weak
    /// references, and the slot makes the lowering live exactly as long as the module anyway).
    /// Two threads racing here both lower and one result wins; both are equivalent.</summary>
    public static LoweredModule Of(Module module) => module.Lowered ??= Lowering.Lower(module);

    /// <summary>Binary search of a sorted (MethodId → FunctionId) table, as the reference's dispatch lookup.</summary>
    public static int FindDispatch(DispatchEntry[]? entries, uint method)
    {
        if (entries == null) return -1;
        int lo = 0, hi = entries.Length - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >> 1;
            uint m = entries[mid].MethodId;
            if (m == method) return (int)entries[mid].FunctionId;
            if (m < method) lo = mid + 1; else hi = mid - 1;
        }
        return -1;
    }
}
