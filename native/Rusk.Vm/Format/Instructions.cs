// Decoded instructions (BYTECODE_SPEC.md §8, payload order §10.5), grouped by operand shape: one
// class per shape, the opcode says which instruction. Fields are in wire order.

namespace Rusk.Vm.Format;

internal abstract class Instr
{
    public Opcode Op { get; }
    protected Instr(Opcode op) { Op = op; }
}

/// <summary>Const { dst, value }.</summary>
internal sealed class ConstInstr : Instr
{
    public uint Dst { get; }
    public ConstValue Value { get; }
    public ConstInstr(uint dst, ConstValue value) : base(Opcode.Const) { Dst = dst; Value = value; }
}

/// <summary>{ dst, src }: Copy, Move, AsReadonly, Len (src = arr), IntNot, ByteNot, BoolNot (src = v).</summary>
internal sealed class UnaryInstr : Instr
{
    public uint Dst { get; }
    public uint Src { get; }
    public UnaryInstr(Opcode op, uint dst, uint src) : base(op) { Dst = dst; Src = src; }

    public static bool Accepts(Opcode op) => op is Opcode.Copy or Opcode.Move or Opcode.AsReadonly or Opcode.Len
        or Opcode.IntNot or Opcode.ByteNot or Opcode.BoolNot;
}

/// <summary>
/// { dst, a, b }: the int/byte/bool binary ops, IsType (a = value, b = ty) and IndexGet (a = arr, b = idx).
/// </summary>
internal sealed class BinaryInstr : Instr
{
    public uint Dst { get; }
    public uint A { get; }
    public uint B { get; }
    public BinaryInstr(Opcode op, uint dst, uint a, uint b) : base(op) { Dst = dst; A = a; B = b; }

    public static bool Accepts(Opcode op) => op switch
    {
        Opcode.IsType or Opcode.IndexGet => true,
        >= Opcode.IntAdd and <= Opcode.IntNe => true,
        Opcode.BoolEq or Opcode.BoolNe => true,
        >= Opcode.IntAnd and <= Opcode.IntUShr => true,
        >= Opcode.ByteAnd and <= Opcode.ByteUShr => true,
        _ => false,
    };
}

/// <summary>MakeTypeRep { dst, base, args }.</summary>
internal sealed class MakeTypeRepInstr : Instr
{
    public uint Dst { get; }
    public TypeRepLit Base { get; }
    public uint[] Args { get; }
    public MakeTypeRepInstr(uint dst, TypeRepLit @base, uint[] args) : base(Opcode.MakeTypeRep) { Dst = dst; Base = @base; Args = args; }
}

/// <summary>AssocTypeRep { dst, recv, iface_type_id, assoc }.</summary>
internal sealed class AssocTypeRepInstr : Instr
{
    public uint Dst { get; }
    public uint Recv { get; }
    public uint IfaceTypeId { get; }
    public string Assoc { get; }
    public AssocTypeRepInstr(uint dst, uint recv, uint ifaceTypeId, string assoc) : base(Opcode.AssocTypeRep)
    {
        Dst = dst; Recv = recv; IfaceTypeId = ifaceTypeId; Assoc = assoc;
    }
}

/// <summary>MakeStruct { dst, type_id, type_args, fields: [(name, reg)] }.</summary>
internal sealed class MakeStructInstr : Instr
{
    public uint Dst { get; }
    public uint TypeId { get; }
    public uint[] TypeArgs { get; }
    public string[] FieldNames { get; }
    public uint[] FieldRegs { get; }
    public MakeStructInstr(uint dst, uint typeId, uint[] typeArgs, string[] fieldNames, uint[] fieldRegs) : base(Opcode.MakeStruct)
    {
        Dst = dst; TypeId = typeId; TypeArgs = typeArgs; FieldNames = fieldNames; FieldRegs = fieldRegs;
    }
}

/// <summary>MakeArray / MakeTuple { dst, items }.</summary>
internal sealed class MakeSeqInstr : Instr
{
    public uint Dst { get; }
    public uint[] Items { get; }
    public MakeSeqInstr(Opcode op, uint dst, uint[] items) : base(op) { Dst = dst; Items = items; }
}

/// <summary>MakeEnum { dst, enum_type_id, type_args, variant, fields }.</summary>
internal sealed class MakeEnumInstr : Instr
{
    public uint Dst { get; }
    public uint TypeId { get; }
    public uint[] TypeArgs { get; }
    public string Variant { get; }
    public uint[] Fields { get; }
    public MakeEnumInstr(uint dst, uint typeId, uint[] typeArgs, string variant, uint[] fields) : base(Opcode.MakeEnum)
    {
        Dst = dst; TypeId = typeId; TypeArgs = typeArgs; Variant = variant; Fields = fields;
    }
}

/// <summary>GetField { dst, obj, field }.</summary>
internal sealed class GetFieldInstr : Instr
{
    public uint Dst { get; }
    public uint Obj { get; }
    public string Field { get; }
    public GetFieldInstr(uint dst, uint obj, string field) : base(Opcode.GetField) { Dst = dst; Obj = obj; Field = field; }
}

/// <summary>SetField { obj, field, value }.</summary>
internal sealed class SetFieldInstr : Instr
{
    public uint Obj { get; }
    public string Field { get; }
    public uint Value { get; }
    public SetFieldInstr(uint obj, string field, uint value) : base(Opcode.SetField) { Obj = obj; Field = field; Value = value; }
}

/// <summary>StructGet { dst, obj, idx } / TupleGet { dst, tup, idx }.</summary>
internal sealed class IndexedGetInstr : Instr
{
    public uint Dst { get; }
    public uint Obj { get; }
    public uint Index { get; }
    public IndexedGetInstr(Opcode op, uint dst, uint obj, uint index) : base(op) { Dst = dst; Obj = obj; Index = index; }
}

/// <summary>StructSet { obj, idx, value } / TupleSet { tup, idx, value }.</summary>
internal sealed class IndexedSetInstr : Instr
{
    public uint Obj { get; }
    public uint Index { get; }
    public uint Value { get; }
    public IndexedSetInstr(Opcode op, uint obj, uint index, uint value) : base(op) { Obj = obj; Index = index; Value = value; }
}

/// <summary>IndexSet { arr, idx, value }.</summary>
internal sealed class IndexSetInstr : Instr
{
    public uint Arr { get; }
    public uint Idx { get; }
    public uint Value { get; }
    public IndexSetInstr(uint arr, uint idx, uint value) : base(Opcode.IndexSet) { Arr = arr; Idx = idx; Value = value; }
}

/// <summary>Call { dst?, func, args }.</summary>
internal sealed class CallInstr : Instr
{
    public OptReg Dst { get; }
    public CallTarget Target { get; }
    public uint[] Args { get; }
    public CallInstr(OptReg dst, CallTarget target, uint[] args) : base(Opcode.Call) { Dst = dst; Target = target; Args = args; }
}

/// <summary>CallMulti { dsts, func, args }.</summary>
internal sealed class CallMultiInstr : Instr
{
    public uint[] Dsts { get; }
    public CallTarget Target { get; }
    public uint[] Args { get; }
    public CallMultiInstr(uint[] dsts, CallTarget target, uint[] args) : base(Opcode.CallMulti) { Dsts = dsts; Target = target; Args = args; }
}

/// <summary>ICall { dst?, fnptr, args }.</summary>
internal sealed class ICallInstr : Instr
{
    public OptReg Dst { get; }
    public uint FnPtr { get; }
    public uint[] Args { get; }
    public ICallInstr(OptReg dst, uint fnPtr, uint[] args) : base(Opcode.ICall) { Dst = dst; FnPtr = fnPtr; Args = args; }
}

/// <summary>VCall { dst?, obj, method, method_type_args, args } / SCall { dst?, self_ty, ... }.</summary>
internal sealed class DispatchCallInstr : Instr
{
    public OptReg Dst { get; }
    /// <summary>VCall: the receiver register; SCall: the self typerep register.</summary>
    public uint Receiver { get; }
    public uint Method { get; }
    public uint[] MethodTypeArgs { get; }
    public uint[] Args { get; }
    public DispatchCallInstr(Opcode op, OptReg dst, uint receiver, uint method, uint[] methodTypeArgs, uint[] args) : base(op)
    {
        Dst = dst; Receiver = receiver; Method = method; MethodTypeArgs = methodTypeArgs; Args = args;
    }
}

/// <summary>PushHandler { clauses }.</summary>
internal sealed class PushHandlerInstr : Instr
{
    public HandlerClause[] Clauses { get; }
    public PushHandlerInstr(HandlerClause[] clauses) : base(Opcode.PushHandler) { Clauses = clauses; }
}

/// <summary>PopHandler (no operands).</summary>
internal sealed class PopHandlerInstr : Instr
{
    public static readonly PopHandlerInstr Instance = new();
    PopHandlerInstr() : base(Opcode.PopHandler) { }
}

/// <summary>Perform { dst?, effect, args }.</summary>
internal sealed class PerformInstr : Instr
{
    public OptReg Dst { get; }
    public EffectSpec Effect { get; }
    public uint[] Args { get; }
    public PerformInstr(OptReg dst, EffectSpec effect, uint[] args) : base(Opcode.Perform) { Dst = dst; Effect = effect; Args = args; }
}

/// <summary>Resume { dst?, k, value }.</summary>
internal sealed class ResumeInstr : Instr
{
    public OptReg Dst { get; }
    public uint K { get; }
    public uint Value { get; }
    public ResumeInstr(OptReg dst, uint k, uint value) : base(Opcode.Resume) { Dst = dst; K = k; Value = value; }
}

/// <summary>ResumeTail { k, value }.</summary>
internal sealed class ResumeTailInstr : Instr
{
    public uint K { get; }
    public uint Value { get; }
    public ResumeTailInstr(uint k, uint value) : base(Opcode.ResumeTail) { K = k; Value = value; }
}

/// <summary>Jump { target_pc }.</summary>
internal sealed class JumpInstr : Instr
{
    public uint Target { get; }
    public JumpInstr(uint target) : base(Opcode.Jump) { Target = target; }
}

/// <summary>JumpIf { cond, then_pc, else_pc }.</summary>
internal sealed class JumpIfInstr : Instr
{
    public uint Cond { get; }
    public uint Then { get; }
    public uint Else { get; }
    public JumpIfInstr(uint cond, uint then, uint @else) : base(Opcode.JumpIf) { Cond = cond; Then = then; Else = @else; }
}

/// <summary>Switch { value, cases, default_pc }.</summary>
internal sealed class SwitchInstr : Instr
{
    public uint Value { get; }
    public SwitchCase[] Cases { get; }
    public uint Default { get; }
    public SwitchInstr(uint value, SwitchCase[] cases, uint @default) : base(Opcode.Switch) { Value = value; Cases = cases; Default = @default; }
}

/// <summary>Return { value }.</summary>
internal sealed class ReturnInstr : Instr
{
    public uint Value { get; }
    public ReturnInstr(uint value) : base(Opcode.Return) { Value = value; }
}

/// <summary>ReturnMulti { values }.</summary>
internal sealed class ReturnMultiInstr : Instr
{
    public uint[] Values { get; }
    public ReturnMultiInstr(uint[] values) : base(Opcode.ReturnMulti) { Values = values; }
}

/// <summary>Trap { message }.</summary>
internal sealed class TrapInstr : Instr
{
    public string Message { get; }
    public TrapInstr(string message) : base(Opcode.Trap) { Message = message; }
}
