// HostContext implementation: composite ABI value inspection and construction (stub; filled in below).
using System;
using Rusk.Vm.Format;

namespace Rusk.Vm;

public sealed partial class HostContext
{
    public int ArrayLength(AbiValue array) => throw new NotImplementedException();
    public AbiValue ArrayGet(AbiValue array, int index) => throw new NotImplementedException();
    public void ArraySet(AbiValue array, int index, AbiValue value) => throw new NotImplementedException();
    public int TupleLength(AbiValue tuple) => throw new NotImplementedException();
    public AbiValue TupleGet(AbiValue tuple, int index) => throw new NotImplementedException();
    public string StructTypeName(AbiValue value) => throw new NotImplementedException();
    public AbiValue StructGet(AbiValue value, string field) => throw new NotImplementedException();
    public void StructSet(AbiValue value, string field, AbiValue v) => throw new NotImplementedException();
    public string EnumTypeName(AbiValue value) => throw new NotImplementedException();
    public string EnumVariant(AbiValue value) => throw new NotImplementedException();
    public int EnumFieldCount(AbiValue value) => throw new NotImplementedException();
    public AbiValue EnumGet(AbiValue value, int index) => throw new NotImplementedException();
    public AbiValue NewArray(AbiType elem, ReadOnlySpan<AbiValue> items) => throw new NotImplementedException();
    public AbiValue NewTuple(ReadOnlySpan<AbiValue> items) => throw new NotImplementedException();
    public AbiValue NewStruct(string typeName, AbiType[] typeArgs, string[] fieldNames, ReadOnlySpan<AbiValue> fieldValues) => throw new NotImplementedException();
    public AbiValue NewEnum(string typeName, AbiType[] typeArgs, string variant, ReadOnlySpan<AbiValue> fields) => throw new NotImplementedException();
    public AbiType TypeOf(AbiValue value) => throw new NotImplementedException();
}
