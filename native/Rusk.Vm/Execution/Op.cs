// Opcodes of the lowered instruction stream the interpreter loop runs (see Lowering.cs). They
// mirror BYTECODE_SPEC.md §8 with call targets split by kind and an implicit-return sentinel.

namespace Rusk.Vm.Execution;

internal enum Op : byte
{
    /// <summary>Sentinel after the last instruction (§5.1 "falling off the end"): returns unit, costs no fuel.</summary>
    ImplicitReturn,
    Const, ConstTypeRep, Copy, Move, AsReadonly, IsType, MakeTypeRep, AssocTypeRep,
    MakeStruct, MakeStructChecked, MakeArray, MakeTuple, MakeEnum, GetField, SetField,
    StructGet, StructSet, TupleGet, TupleSet, IndexGet, IndexSet, Len,
    IntAdd, IntSub, IntMul, IntDiv, IntMod, IntLt, IntLe, IntGt, IntGe, IntEq, IntNe,
    BoolNot, BoolEq, BoolNe,
    IntAnd, IntOr, IntXor, IntShl, IntShr, IntUShr, IntNot,
    ByteAnd, ByteOr, ByteXor, ByteShl, ByteShr, ByteUShr, ByteNot,
    Call, CallHost, CallIntrinsic, CallMulti, ICall, VCall, SCall,
    PushHandler, PopHandler, Perform, Resume, ResumeTail,
    Jump, JumpIf, Switch, Return, ReturnMulti,
    /// <summary>The Trap instruction, and every instruction the lowering proved always traps.</summary>
    Trap,

    // Constants without a pool load: int (B = low, C = high 32 bits), bool (B), unit.
    ConstInt, ConstBool, ConstUnit,

    // Fused pairs (peephole, see Lowering.Fuse): the first instruction's own operands, then the next
    // instruction (still present at pc + 1, operands unchanged) runs inline when fuel is left and its
    // fast path applies; otherwise execution simply continues at pc + 1. Each costs fuel per part.
    ConstIntAdd,
    IntLtJump, IntLeJump, IntGtJump, IntGeJump, IntEqJump, IntNeJump,
    IntAddJump,
    StructGetRo, TupleGetRo, IndexGetRo,
    CopyJump,
    // Triples: const + add + jump (loop increments), const + compare + branch (loop bounds).
    ConstIntAddJump, ConstIntCmpJump,

    /// <summary>
    /// A Call to a function whose body is `dst = intrinsic(params...); return dst` (the sysroot's
    /// many thin wrappers). With fuel for all three instructions and room for the frame it would
    /// push, the intrinsic runs directly; otherwise it is an ordinary Call. Operands as Call; the
    /// pool list is followed by [intrinsic, count, caller registers in intrinsic-argument order].
    /// </summary>
    CallWrapped,
    /// <summary>Switch whose leading cases are plain enum variant patterns (see SwitchSite.EnumVariants).</summary>
    SwitchEnum,
    /// <summary>
    /// make_array (C = 1) / make_tuple (C = 0) of more than HeapMeter.MaxInlineItems items: built by a
    /// helper that charges the heap limit, so the loop's inline cases stay short.
    /// </summary>
    MakeSeqLarge,
}

/// <summary>
/// One lowered instruction: an opcode and three int operands (registers, pcs, or indices into
/// the program's pools). 16 bytes; read through a ref in the loop.
/// </summary>
internal struct LInstr
{
    public Op Op;
    public int A;
    public int B;
    public int C;

    public LInstr(Op op, int a = 0, int b = 0, int c = 0) { Op = op; A = a; B = b; C = c; }
}
