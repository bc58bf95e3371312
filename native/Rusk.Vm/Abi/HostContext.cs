// Inspection and construction of composite ABI values (arrays, tuples, structs, enums) for host
// code: host imports receive one per call; embedders get one from Vm.HostContext between steps.
// Every failure throws HostException with the reference's wording (inside a host import it becomes
// the trap message).
using System;
using Rusk.Vm.Format;

namespace Rusk.Vm;

public sealed partial class HostContext
{
    /// <summary>The module of the VM this context belongs to.</summary>
    public Module Module { get; }

    readonly AbiConverter _abi;

    internal HostContext(Module module, AbiConverter abi) { Module = module; _abi = abi; }

    // Contract (implemented in HostContext.Impl.cs):
    // inspection
    //   int ArrayLength(AbiValue array);             AbiValue ArrayGet(AbiValue array, int index);
    //   void ArraySet(AbiValue array, int index, AbiValue value);
    //   int TupleLength(AbiValue tuple);             AbiValue TupleGet(AbiValue tuple, int index);
    //   string StructTypeName(AbiValue value);       AbiValue StructGet(AbiValue value, string field);
    //   void StructSet(AbiValue value, string field, AbiValue v);
    //   string EnumTypeName(AbiValue value);         string EnumVariant(AbiValue value);
    //   int EnumFieldCount(AbiValue value);          AbiValue EnumGet(AbiValue value, int index);
    // construction (validated against the module's ABI schemas)
    //   AbiValue NewArray(AbiType elem, ReadOnlySpan<AbiValue> items);
    //   AbiValue NewTuple(ReadOnlySpan<AbiValue> items);
    //   AbiValue NewStruct(string typeName, AbiType[] typeArgs, string[] fieldNames, ReadOnlySpan<AbiValue> fieldValues);
    //   AbiValue NewEnum(string typeName, AbiType[] typeArgs, string variant, ReadOnlySpan<AbiValue> fields);
    // type helpers
    //   AbiType TypeOf(AbiValue value);   // the full ABI type of any value
}
