// The typed IR the importer produces once per method: basic blocks of IL instructions with their
// operands resolved (MethodDesc/FieldDesc/TypeDesc/string) and every popped and pushed stack slot
// typed, so codegen never re-decodes IL or re-derives stack types.
using System.Collections.Generic;
using System.Reflection.Metadata;
using Rusk.Aot.TypeSystem;

namespace Rusk.Aot.IL;

internal enum SK
{
    I32, I64, F32, F64,
    /// <summary>An object reference, a struct value (a borrowed box), or null (Type == null).</summary>
    Ref,
    /// <summary>A managed pointer; Type is the target type.</summary>
    ByRef,
    /// <summary>ldftn/ldvirtftn result: only consumed by a delegate constructor (Type unused).</summary>
    FnPtr,
    /// <summary>ldtoken result: only consumed by RuntimeHelpers.InitializeArray.</summary>
    Token,
}

internal readonly record struct SType(SK Kind, TypeDesc? Type)
{
    public static readonly SType I32 = new(SK.I32, null), I64 = new(SK.I64, null), F32 = new(SK.F32, null),
        F64 = new(SK.F64, null), Null = new(SK.Ref, null);
    public override string ToString() => Kind switch
    {
        SK.Ref => Type?.FullName ?? "null",
        SK.ByRef => Type + "&",
        _ => Kind.ToString().ToLowerInvariant(),
    };
}

internal sealed class IrInst
{
    public readonly ILInstr IL;
    public ILOpCode Op => IL.Op;
    /// <summary>The resolved operand: MethodDesc, FieldDesc, TypeDesc, string (ldstr) or null.</summary>
    public object? Operand;
    public SType[] Pops = System.Array.Empty<SType>();
    public SType? Push;
    /// <summary>The `constrained.` prefix's type on a call.</summary>
    public TypeDesc? Constrained;
    public IrInst(ILInstr il) { IL = il; }
    public MethodDesc Method => (MethodDesc)Operand!;
    public FieldDesc Field => (FieldDesc)Operand!;
    public TypeDesc Type => (TypeDesc)Operand!;
    public override string ToString() => $"IL_{IL.Offset:X4}: {Op.ToString().ToLowerInvariant().Replace('_', '.')} {Operand}";
}

internal sealed class IrBlock
{
    public int Index;
    public int Start, End;           // IL offsets [Start, End)
    public readonly List<IrInst> Insts = new();
    public SType[]? Entry;           // null: unreachable
    public int[] Succs = System.Array.Empty<int>();
    /// <summary>Innermost exception region whose try body or handler contains this block (-1: none).</summary>
    public int Region = -1;
    /// <summary>Which part of <see cref="Region"/> the block is in.</summary>
    public RegionPart Part;
}

internal enum RegionPart { Try, Handler, Filter }

internal sealed class EhRegion
{
    public ExceptionRegionKind Kind;
    public int TryStart, TryEnd, HandlerStart, HandlerEnd;
    /// <summary>A filter's code: [FilterStart, HandlerStart); -1 without a filter.</summary>
    public int FilterStart = -1;
    public bool InFilter(int offset) => FilterStart >= 0 && offset >= FilterStart && offset < HandlerStart;
    /// <summary>Further catch/filter clauses of the same try (try/catch/catch), tried in order after this one.</summary>
    public readonly List<EhRegion> Siblings = new();
    /// <summary>For a further clause: the first clause of its try, which owns the try body (null otherwise).</summary>
    public EhRegion? Primary;
    bool OwnContains(int offset) => offset >= TryStart && offset < TryEnd || offset >= HandlerStart && offset < HandlerEnd || InFilter(offset);
    /// <summary>Inside the try, a handler or a filter of this clause or its siblings.</summary>
    public bool Contains(int offset)
    {
        if (OwnContains(offset)) return true;
        foreach (var s in Siblings) if (s.OwnContains(offset)) return true;
        return false;
    }
    public TypeDesc? CatchType;
    /// <summary>Enclosing region (-1: none), by try body or handler containment.</summary>
    public int Parent = -1;
}

internal sealed class IrMethod
{
    public required MethodDesc Method;
    public required TypeDesc[] Args;   // including `this` (see Importer.ThisType)
    public required TypeDesc[] Locals;
    public readonly List<IrBlock> Blocks = new();
    public readonly List<EhRegion> Regions = new();
    public IEnumerable<IrInst> AllInsts
    {
        get { foreach (var b in Blocks) foreach (var i in b.Insts) yield return i; }
    }
}
