// HostContext implementation (reference: vm/host_context.rs): composite values are checked against
// the ABI type they were handed out with and the module's ABI schemas; every failure is a
// HostException with the reference's wording.
using System;
using System.Collections.Generic;
using Rusk.Vm.Execution;
using Rusk.Vm.Format;

namespace Rusk.Vm;

public sealed partial class HostContext
{
    static HostException Err(string message) => new(message);

    AbiValue ToAbi(in Value v, AbiType expected)
    {
        try { return _abi.ToAbi(v, expected); }
        catch (AbiError e) { throw Err(e.Message); }
    }

    Value FromAbi(in AbiValue v)
    {
        try { return _abi.FromAbi(v); }
        catch (AbiError e) { throw Err(e.Message); }
    }

    void ExpectTypeArgs(TypeRep[] got, AbiType[] expected, string kind, uint typeId)
    {
        try { _abi.ExpectTypeArgsMatch(got, expected, kind, _abi.TypeName(typeId)); }
        catch (AbiError e) { throw Err(e.Message); }
    }

    TypeRep TypeRepFor(AbiType t)
    {
        try { return _abi.TypeRepFor(t); }
        catch (AbiError e) { throw Err(e.Message); }
    }

    AbiSchema Schema(uint typeId)
    {
        var s = typeId < (uint)Module.AbiSchemas.Length ? Module.AbiSchemas[typeId] : null;
        return s ?? throw Err($"no ABI schema available for type id {typeId} (`{_abi.TypeName(typeId)}`)");
    }

    static RArray ArrayOf(in AbiValue a) =>
        a.Kind == AbiKind.Array && a.HeapObject is RArray arr ? arr : throw Err("abi array ref: expected array object");
    static RTuple TupleOf(in AbiValue a) =>
        a.Kind == AbiKind.Tuple && a.HeapObject is RTuple t ? t : throw Err("abi tuple ref: expected tuple object");
    static RStruct StructOf(in AbiValue a) =>
        a.Kind == AbiKind.Struct && a.HeapObject is RStruct s ? s : throw Err("abi struct ref: expected struct object");
    static REnum EnumOf(in AbiValue a) =>
        a.Kind == AbiKind.Enum && a.HeapObject is REnum e ? e : throw Err("abi enum ref: expected enum object");

    // ---- arrays and tuples --------------------------------------------------------------------

    /// <summary>The number of elements of an array value.</summary>
    public int ArrayLength(AbiValue array) => ArrayOf(array).Count;

    /// <summary>Element <paramref name="index"/> of an array value, converted to its declared element type.</summary>
    public AbiValue ArrayGet(AbiValue array, int index)
    {
        var arr = ArrayOf(array);
        if ((uint)index >= (uint)arr.Count) throw Err($"abi array ref: index {index} out of bounds (len {arr.Count})");
        return ToAbi(arr.Items[index], array.CompositeType!.Elem!);
    }

    /// <summary>Replaces element <paramref name="index"/> of a writable array value; the value must have the element type.</summary>
    public void ArraySet(AbiValue array, int index, AbiValue value)
    {
        if (array.Kind == AbiKind.Array && array.IsReadonly) throw Err("abi array ref is readonly");
        var expected = array.Kind == AbiKind.Array ? array.CompositeType!.Elem! : throw Err("abi array ref: expected array object");
        var got = AbiConverter.TypeOf(value);
        if (!got.SameAs(expected))
            throw Err($"abi array ref set type mismatch: expected {AbiConverter.Debug(expected)}, got {AbiConverter.Debug(got)}");
        var v = FromAbi(value);
        var arr = ArrayOf(array);
        if ((uint)index >= (uint)arr.Count) throw Err($"abi array ref: index {index} out of bounds (len {arr.Count})");
        arr.Items[index] = v;
    }

    /// <summary>The number of items of a tuple value.</summary>
    public int TupleLength(AbiValue tuple) => TupleOf(tuple).Items.Length;

    /// <summary>Item <paramref name="index"/> of a tuple value.</summary>
    public AbiValue TupleGet(AbiValue tuple, int index)
    {
        var tys = tuple.Kind == AbiKind.Tuple ? tuple.CompositeType!.Items : throw Err("abi tuple ref: expected tuple object");
        if ((uint)index >= (uint)tys.Length) throw Err($"abi tuple ref: index {index} out of bounds (len {tys.Length})");
        var t = TupleOf(tuple);
        if ((uint)index >= (uint)t.Items.Length) throw Err($"abi tuple ref: index {index} out of bounds (len {t.Items.Length})");
        return ToAbi(t.Items[index], tys[index]);
    }

    // ---- structs ------------------------------------------------------------------------------

    /// <summary>The nominal type name of a struct value (e.g. <c>Point</c>).</summary>
    public string StructTypeName(AbiValue value)
    {
        if (value.Kind != AbiKind.Struct) throw Err("abi struct ref: expected struct object");
        uint id = value.CompositeType!.Id;
        return id < (uint)Module.TypeNames.Length ? Module.TypeNames[id] : throw Err($"unknown struct type id {id}");
    }

    /// <summary>The struct schema's field index and instantiated type of <paramref name="field"/>.</summary>
    (int, AbiType) StructField(AbiValue value, string field)
    {
        if (value.Kind != AbiKind.Struct) throw Err("abi struct ref: expected struct object");
        var type = value.CompositeType!;
        var schema = Schema(type.Id);
        if (schema.IsEnum) throw Err("abi struct ref: missing struct ABI schema");
        string name = _abi.TypeName(type.Id);
        if (schema.TypeParams != (uint)type.Items.Length)
            throw Err($"abi struct ref: type arg arity mismatch for `{name}`: expected {schema.TypeParams}, got {type.Items.Length}");
        for (int i = 0; i < schema.Fields.Length; i++)
            if (schema.Fields[i].Name == field) return (i, schema.Fields[i].Type);
        throw Err($"unknown field `{field}` for struct `{name}`");
    }

    /// <summary>Field <paramref name="field"/> of a struct value, per the module's ABI schema of its type.</summary>
    public AbiValue StructGet(AbiValue value, string field)
    {
        var (idx, schemaType) = StructField(value, field);
        var type = value.CompositeType!;
        var s = StructOf(value);
        if (s.TypeId != type.Id) throw Err("abi struct ref: type id mismatch");
        if ((uint)idx >= (uint)s.Fields.Length)
            throw Err($"struct `{_abi.TypeName(type.Id)}` field index {idx} out of range (len {s.Fields.Length})");
        var v = s.Fields[idx];
        ExpectTypeArgs(s.TypeArgs, type.Items, "struct", type.Id);
        var expected = _abi.Instantiate(schemaType, type.Items);
        return ToAbi(v, expected);
    }

    /// <summary>Sets field <paramref name="field"/> of a writable struct value to <paramref name="v"/> (which must have the field's type).</summary>
    public void StructSet(AbiValue value, string field, AbiValue v)
    {
        if (value.Kind == AbiKind.Struct && value.IsReadonly) throw Err("abi struct ref is readonly");
        var (idx, schemaType) = StructField(value, field);
        var type = value.CompositeType!;
        var expected = _abi.Instantiate(schemaType, type.Items);
        var got = AbiConverter.TypeOf(v);
        if (!got.SameAs(expected))
            throw Err($"struct `{_abi.TypeName(type.Id)}` field `{field}` type mismatch: expected {AbiConverter.Debug(expected)}, got {AbiConverter.Debug(got)}");
        var converted = FromAbi(v);
        var s = StructOf(value);
        if (s.TypeId != type.Id) throw Err("abi struct ref: type id mismatch");
        ExpectTypeArgs(s.TypeArgs, type.Items, "struct", type.Id);
        if ((uint)idx >= (uint)s.Fields.Length) throw Err("struct field index out of range");
        s.Fields[idx] = converted;
    }

    // ---- enums --------------------------------------------------------------------------------

    /// <summary>The nominal type name of an enum value (e.g. <c>Option</c>).</summary>
    public string EnumTypeName(AbiValue value)
    {
        if (value.Kind != AbiKind.Enum) throw Err("abi enum ref: expected enum object");
        uint id = value.CompositeType!.Id;
        return id < (uint)Module.TypeNames.Length ? Module.TypeNames[id] : throw Err($"unknown enum type id {id}");
    }

    /// <summary>The variant name of an enum value (e.g. <c>Some</c>).</summary>
    public string EnumVariant(AbiValue value) => EnumOf(value).Variant;

    /// <summary>The number of fields of an enum value's variant.</summary>
    public int EnumFieldCount(AbiValue value) => EnumOf(value).Fields.Length;

    /// <summary>Field <paramref name="index"/> of an enum value's variant.</summary>
    public AbiValue EnumGet(AbiValue value, int index)
    {
        var e = EnumOf(value);
        var type = value.CompositeType!;
        if (e.TypeId != type.Id) throw Err("abi enum ref: type id mismatch");
        if ((uint)index >= (uint)e.Fields.Length)
            throw Err($"abi enum ref: field index {index} out of range (len {e.Fields.Length})");
        var v = e.Fields[index];
        var schema = Schema(type.Id);
        if (!schema.IsEnum) throw Err("abi enum ref: missing enum ABI schema");
        string name = _abi.TypeName(type.Id);
        if (schema.TypeParams != (uint)type.Items.Length)
            throw Err($"abi enum ref: type arg arity mismatch for `{name}`: expected {schema.TypeParams}, got {type.Items.Length}");
        ExpectTypeArgs(e.TypeArgs, type.Items, "enum", type.Id);
        AbiEnumVariant? sv = null;
        foreach (var cand in schema.Variants)
            if (cand.Name == e.Variant) { sv = cand; break; }
        if (sv == null) throw Err($"unknown enum variant `{e.Variant}` for enum `{name}`");
        if ((uint)index >= (uint)sv.Fields.Length)
            throw Err($"abi enum ref: index {index} out of bounds for variant `{sv.Name}` (arity {sv.Fields.Length})");
        var expected = _abi.Instantiate(sv.Fields[index], type.Items);
        return ToAbi(v, expected);
    }

    // ---- construction -------------------------------------------------------------------------

    /// <summary>A new array of <paramref name="elem"/> holding <paramref name="items"/> (each must have that type).</summary>
    public AbiValue NewArray(AbiType elem, ReadOnlySpan<AbiValue> items)
    {
        if (elem == null) throw new ArgumentNullException(nameof(elem));
        var values = new Value[items.Length];
        for (int i = 0; i < items.Length; i++)
        {
            var got = AbiConverter.TypeOf(items[i]);
            if (!got.SameAs(elem))
                throw Err($"alloc_array_typed: element {i} type mismatch: expected {AbiConverter.Debug(elem)}, got {AbiConverter.Debug(got)}");
            values[i] = FromAbi(items[i]);
        }
        _abi.ChargeHost(HeapMeter.ArrayOf(values.Length));
        return AbiValue.Composite(AbiType.Array(elem), new RArray(values), false);
    }

    /// <summary>A new tuple of <paramref name="items"/>; no items is unit.</summary>
    public AbiValue NewTuple(ReadOnlySpan<AbiValue> items)
    {
        if (items.Length == 0) return AbiValue.Unit;
        var tys = new AbiType[items.Length];
        var values = new Value[items.Length];
        for (int i = 0; i < items.Length; i++)
        {
            tys[i] = AbiConverter.TypeOf(items[i]);
            values[i] = FromAbi(items[i]);
        }
        _abi.ChargeHost(HeapMeter.TupleOf(values.Length));
        return AbiValue.Composite(AbiType.Tuple(tys), new RTuple(values), false);
    }

    (uint, AbiSchema) NominalSchema(string typeName, bool isEnum)
    {
        string what = isEnum ? "enum" : "struct";
        if (!Module.TryGetTypeId(typeName, out uint typeId)) throw Err($"unknown {what} type `{typeName}`");
        var schema = Schema(typeId);
        if (schema.IsEnum != isEnum) throw Err($"type `{typeName}` is not {(isEnum ? "an enum" : "a struct")} ABI schema");
        return (typeId, schema);
    }

    TypeRep[] TypeRepsFor(AbiType[] typeArgs)
    {
        if (typeArgs.Length == 0) return Array.Empty<TypeRep>();
        var reps = new TypeRep[typeArgs.Length];
        for (int i = 0; i < reps.Length; i++) reps[i] = TypeRepFor(typeArgs[i]);
        return reps;
    }

    /// A new struct of the module's type <paramref name="typeName"/> instantiated at <paramref name="typeArgs"/>,
    /// with every schema field given once by name.
    public AbiValue NewStruct(string typeName, AbiType[] typeArgs, string[] fieldNames, ReadOnlySpan<AbiValue> fieldValues)
    {
        if (typeName == null) throw new ArgumentNullException(nameof(typeName));
        typeArgs ??= Array.Empty<AbiType>();
        fieldNames ??= Array.Empty<string>();
        if (fieldNames.Length != fieldValues.Length)
            throw Err($"struct `{typeName}`: {fieldNames.Length} field names but {fieldValues.Length} values");
        var (typeId, schema) = NominalSchema(typeName, isEnum: false);
        if (typeArgs.Length != schema.TypeParams)
            throw Err($"struct `{typeName}` type arg arity mismatch: expected {schema.TypeParams}, got {typeArgs.Length}");
        var provided = new Dictionary<string, int>(fieldNames.Length);
        for (int i = 0; i < fieldNames.Length; i++)
            if (!provided.TryAdd(fieldNames[i], i)) throw Err($"duplicate struct field `{fieldNames[i]}`");
        var values = new Value[schema.Fields.Length];
        for (int i = 0; i < schema.Fields.Length; i++)
        {
            var f = schema.Fields[i];
            if (!provided.Remove(f.Name, out int at)) throw Err($"missing struct field `{f.Name}`");
            var expected = _abi.Instantiate(f.Type, typeArgs);
            var got = AbiConverter.TypeOf(fieldValues[at]);
            if (!got.SameAs(expected))
                throw Err($"struct `{typeName}` field `{f.Name}` type mismatch: expected {AbiConverter.Debug(expected)}, got {AbiConverter.Debug(got)}");
            values[i] = FromAbi(fieldValues[at]);
        }
        foreach (var extra in provided.Keys) throw Err($"unknown struct field `{extra}` for `{typeName}`");
        _abi.ChargeHost(HeapMeter.StructOf(values.Length));
        var s = new RStruct(typeId, TypeRepsFor(typeArgs), values);
        return AbiValue.Composite(AbiType.Struct(typeId, (AbiType[])typeArgs.Clone()), s, false);
    }

    /// A new enum value of the module's type <paramref name="typeName"/> instantiated at <paramref name="typeArgs"/>:
    /// <paramref name="variant"/> with its fields in order.
    public AbiValue NewEnum(string typeName, AbiType[] typeArgs, string variant, ReadOnlySpan<AbiValue> fields)
    {
        if (typeName == null) throw new ArgumentNullException(nameof(typeName));
        if (variant == null) throw new ArgumentNullException(nameof(variant));
        typeArgs ??= Array.Empty<AbiType>();
        var (typeId, schema) = NominalSchema(typeName, isEnum: true);
        if (typeArgs.Length != schema.TypeParams)
            throw Err($"enum `{typeName}` type arg arity mismatch: expected {schema.TypeParams}, got {typeArgs.Length}");
        AbiEnumVariant? sv = null;
        foreach (var cand in schema.Variants)
            if (cand.Name == variant) { sv = cand; break; }
        if (sv == null) throw Err($"unknown enum variant `{variant}` for `{typeName}`");
        if (sv.Fields.Length != fields.Length)
            throw Err($"enum `{typeName}` variant `{variant}` arity mismatch: expected {sv.Fields.Length}, got {fields.Length}");
        var values = fields.Length == 0 ? Array.Empty<Value>() : new Value[fields.Length];
        for (int i = 0; i < fields.Length; i++)
        {
            var expected = _abi.Instantiate(sv.Fields[i], typeArgs);
            var got = AbiConverter.TypeOf(fields[i]);
            if (!got.SameAs(expected))
                throw Err($"enum `{typeName}` variant `{variant}` field {i} type mismatch: expected {AbiConverter.Debug(expected)}, got {AbiConverter.Debug(got)}");
            values[i] = FromAbi(fields[i]);
        }
        // Use the module's interned variant name so switch compares references first.
        string name = _abi.Lowered.Variants.TryGetValue(sv.Name, out var interned) ? interned : sv.Name;
        _abi.ChargeHost(HeapMeter.EnumOf(values.Length));
        var e = new REnum(typeId, TypeRepsFor(typeArgs), name, values);
        return AbiValue.Composite(AbiType.Enum(typeId, (AbiType[])typeArgs.Clone()), e, false);
    }

    /// <summary>The full ABI type of any value (composites carry theirs; primitives are leaves).</summary>
    public AbiType TypeOf(AbiValue value) => AbiConverter.TypeOf(value);
}
