// Conversion between VM values and ABI values (BYTECODE_SPEC.md §3): checked against a declared
// AbiType at host calls and requests, inferred for the entry's result, and back from the host.
// Errors carry the reference VM's wording; callers add where the conversion happened.
using System;
using System.Collections.Generic;
using System.Text;
using Rusk.Vm.Format;

namespace Rusk.Vm.Execution;

internal sealed class AbiConverter
{
    readonly LoweredModule _p;
    readonly Module _m;
    readonly TypeRepTable _types;
    readonly PinnedContinuations _pinned;
    readonly HeapMeter _heap;

    public AbiConverter(LoweredModule program, TypeRepTable types, PinnedContinuations pinned, HeapMeter heap)
    {
        _p = program; _m = program.Module; _types = types; _pinned = pinned; _heap = heap;
    }

    /// <summary>
    /// Charges the heap limit for an object the host made for the guest, without a check (the host is
    /// not a guest instruction to trap at); the VM checks at the host call's return and at Step.
    /// </summary>
    public void ChargeHost(long bytes) => _heap.Charged += bytes;

    public Module Module => _m;
    public LoweredModule Lowered => _p;

    /// <summary>The ABI type of a value (the reference's `AbiValue::ty`).</summary>
    public static AbiType TypeOf(in AbiValue v) => v.IsComposite ? v.CompositeType! : AbiType.Leaf(v.Kind);

    /// <summary>Rust's `{:?}` of an AbiType, e.g. <c>Enum { type_id: TypeId(8), args: [String, Int] }</c>.</summary>
    public static string Debug(AbiType t)
    {
        var sb = new StringBuilder();
        AppendDebug(sb, t);
        return sb.ToString();
    }

    static void AppendDebug(StringBuilder sb, AbiType t)
    {
        switch (t.Kind)
        {
            case AbiKind.Array: sb.Append("Array("); AppendDebug(sb, t.Elem!); sb.Append(')'); return;
            case AbiKind.Tuple: sb.Append("Tuple("); AppendList(sb, t.Items); sb.Append(')'); return;
            case AbiKind.Struct:
            case AbiKind.Enum:
                sb.Append(t.Kind == AbiKind.Struct ? "Struct" : "Enum").Append(" { type_id: TypeId(").Append(t.Id).Append("), args: ");
                AppendList(sb, t.Items);
                sb.Append(" }");
                return;
            case AbiKind.TypeParam: sb.Append("TypeParam(").Append(t.Id).Append(')'); return;
            default: sb.Append(KindName(t.Kind)); return;
        }
    }

    /// <summary>The <see cref="AbiKind"/> member's name, spelled out (no Enum.ToString in the VM).</summary>
    internal static string KindName(AbiKind k) => k switch
    {
        AbiKind.Unit => "Unit", AbiKind.Bool => "Bool", AbiKind.Int => "Int", AbiKind.Float => "Float",
        AbiKind.String => "String", AbiKind.Bytes => "Bytes", AbiKind.Continuation => "Continuation",
        AbiKind.Byte => "Byte", AbiKind.Char => "Char", AbiKind.Array => "Array", AbiKind.Tuple => "Tuple",
        AbiKind.Struct => "Struct", AbiKind.Enum => "Enum", AbiKind.TypeParam => "TypeParam",
        _ => NumberText.Decimal((int)k),
    };

    static void AppendList(StringBuilder sb, AbiType[] items)
    {
        sb.Append('[');
        for (int i = 0; i < items.Length; i++)
        {
            if (i > 0) sb.Append(", ");
            AppendDebug(sb, items[i]);
        }
        sb.Append(']');
    }

    public string TypeName(uint id) => _p.TypeName(id);

    static string HeapKind(object? o) => o switch
    {
        RStruct => "struct", RArray => "array", RTuple => "tuple", REnum => "enum", _ => "buffer",
    };

    // ---- VM → ABI -----------------------------------------------------------------------------

    /// <summary>Converts a VM value to the declared ABI type (host call args, request args, HostContext reads).</summary>
    public AbiValue ToAbi(in Value v, AbiType expected)
    {
        switch (expected.Kind)
        {
            case AbiKind.Unit: if (v.IsUnit) return AbiValue.Unit; break;
            case AbiKind.Bool: if (v.IsBool) return AbiValue.Bool(v.AsBool); break;
            case AbiKind.Int: if (v.IsInt) return AbiValue.Int(v.AsInt); break;
            case AbiKind.Float: if (v.IsFloat) return AbiValue.Float(v.AsFloat); break;
            case AbiKind.Byte: if (v.IsByte) return AbiValue.Byte(v.AsByte); break;
            case AbiKind.Char: if (v.IsChar) return AbiValue.Char(v.AsChar); break;
            case AbiKind.String: if (v.Obj is RString s) return AbiValue.String(s.ToString()); break;
            case AbiKind.Bytes: if (v.Obj is RBytes b) return AbiValue.Bytes(b.Span.ToArray()); break;
            case AbiKind.Continuation: if (v.Obj is RContinuation k) return AbiValue.Continuation(_pinned.Pin(k)); break;
            case AbiKind.Array:
                if (v.IsRef)
                {
                    if (v.Obj is not RArray) throw new AbiError($"abi type mismatch: expected array, got {HeapKind(v.Obj)}");
                    return AbiValue.Composite(expected, v.Obj!, v.IsReadonly);
                }
                break;
            case AbiKind.Tuple:
                if (v.IsRef)
                {
                    if (v.Obj is not RTuple t) throw new AbiError($"abi type mismatch: expected tuple, got {HeapKind(v.Obj)}");
                    if (t.Items.Length != expected.Items.Length)
                        throw new AbiError($"abi tuple length mismatch: expected {expected.Items.Length}, got {t.Items.Length}");
                    return AbiValue.Composite(expected, t, v.IsReadonly);
                }
                break;
            case AbiKind.Struct:
                if (v.IsRef)
                {
                    if (v.Obj is not RStruct st) throw new AbiError($"abi type mismatch: expected struct, got {HeapKind(v.Obj)}");
                    if (st.TypeId != expected.Id) throw new AbiError($"abi struct type mismatch: expected TypeId({expected.Id}), got TypeId({st.TypeId})");
                    ExpectTypeArgsMatch(st.TypeArgs, expected.Items, "struct", TypeName(expected.Id));
                    return AbiValue.Composite(expected, st, v.IsReadonly);
                }
                break;
            case AbiKind.Enum:
                if (v.IsRef)
                {
                    if (v.Obj is not REnum e) throw new AbiError($"abi type mismatch: expected enum, got {HeapKind(v.Obj)}");
                    if (e.TypeId != expected.Id) throw new AbiError($"abi enum type mismatch: expected TypeId({expected.Id}), got TypeId({e.TypeId})");
                    ExpectTypeArgsMatch(e.TypeArgs, expected.Items, "enum", TypeName(expected.Id));
                    return AbiValue.Composite(expected, e, v.IsReadonly);
                }
                break;
        }
        throw new AbiError($"abi type mismatch: expected {Debug(expected)}, got {Interpreter.Kind(v)}");
    }


    // Inference recurses per nesting level; bounded so a deep guest structure cannot overflow the host stack.
    const int MaxInferDepth = 2_000;

    /// <summary>Converts the entry function's result, inferring its ABI type (no declared signature).</summary>
    public AbiValue ToAbiInfer(in Value v)
    {
        switch (v.Obj)
        {
            case null:
                switch (v.Tag)
                {
                    case Tag.Unit: return AbiValue.Unit;
                    case Tag.Bool: return AbiValue.Bool(v.AsBool);
                    case Tag.Int: return AbiValue.Int(v.AsInt);
                    case Tag.Float: return AbiValue.Float(v.AsFloat);
                    case Tag.Byte: return AbiValue.Byte(v.AsByte);
                    case Tag.Char: return AbiValue.Char(v.AsChar);
                    default: throw new AbiError("non-ABI-safe value (function)");
                }
            case RString s: return AbiValue.String(s.ToString());
            case RBytes b: return AbiValue.Bytes(b.Span.ToArray());
            case RContinuation k: return AbiValue.Continuation(_pinned.Pin(k));
            case TypeRep: throw new AbiError("non-ABI-safe value (typerep)");
            case RArray a:
            {
                var seen = new HashSet<object>(ReferenceEqualityComparer.Instance) { a };
                return AbiValue.Composite(AbiType.Array(InferElem(a, seen, 0)), a, v.IsReadonly);
            }
            case RTuple tu:
            {
                var seen = new HashSet<object>(ReferenceEqualityComparer.Instance) { tu };
                var items = new AbiType[tu.Items.Length];
                for (int i = 0; i < items.Length; i++) items[i] = Infer(tu.Items[i], seen, 0);
                return AbiValue.Composite(AbiType.Tuple(items), tu, v.IsReadonly);
            }
            case RStruct st: return AbiValue.Composite(AbiType.Struct(st.TypeId, AbiTypesFor(st.TypeArgs)), st, v.IsReadonly);
            case REnum en: return AbiValue.Composite(AbiType.Enum(en.TypeId, AbiTypesFor(en.TypeArgs)), en, v.IsReadonly);
            default: throw new AbiError("non-ABI-safe value (buffer)");
        }
    }

    AbiType InferElem(RArray a, HashSet<object> seen, int depth)
    {
        if (a.Count == 0) throw new AbiError("cannot infer ABI element type for empty array");
        var elem = Infer(a.Items[0], seen, depth);
        for (int i = 1; i < a.Count; i++)
        {
            var got = Infer(a.Items[i], seen, depth);
            if (!got.SameAs(elem))
                throw new AbiError($"cannot infer ABI element type for array: element {i} has type {Debug(got)}, expected {Debug(elem)}");
        }
        return elem;
    }

    AbiType Infer(in Value v, HashSet<object> seen, int depth)
    {
        switch (v.Obj)
        {
            case null:
                return v.Tag switch
                {
                    Tag.Unit => AbiType.Unit, Tag.Bool => AbiType.Bool, Tag.Int => AbiType.Int,
                    Tag.Float => AbiType.Float, Tag.Byte => AbiType.Byte, Tag.Char => AbiType.Char,
                    _ => throw new AbiError("non-ABI-safe value (function)"),
                };
            case RString: return AbiType.String;
            case RBytes: return AbiType.Bytes;
            case RContinuation: return AbiType.Continuation;
            case TypeRep: throw new AbiError("non-ABI-safe value (typerep)");
        }
        object o = v.Obj!;
        if (depth > MaxInferDepth) throw new AbiError("object graph too deep for ABI type inference");
        if (!seen.Add(o)) throw new AbiError("cyclic object graph is not supported for ABI type inference");
        AbiType r;
        switch (o)
        {
            case RArray a: r = AbiType.Array(InferElem(a, seen, depth + 1)); break;
            case RTuple tu:
            {
                var items = new AbiType[tu.Items.Length];
                for (int i = 0; i < items.Length; i++) items[i] = Infer(tu.Items[i], seen, depth + 1);
                r = AbiType.Tuple(items);
                break;
            }
            case RStruct st: r = AbiType.Struct(st.TypeId, AbiTypesFor(st.TypeArgs)); break;
            case REnum en: r = AbiType.Enum(en.TypeId, AbiTypesFor(en.TypeArgs)); break;
            default: throw new AbiError("non-ABI-safe value (buffer)");
        }
        seen.Remove(o);
        return r;
    }

    // ---- ABI → VM -----------------------------------------------------------------------------

    public Value FromAbi(in AbiValue a)
    {
        switch (a.Kind)
        {
            case AbiKind.Unit: return Value.Unit;
            case AbiKind.Bool: return Value.Bool(a.AsBool);
            case AbiKind.Int: return Value.Int(a.AsInt);
            case AbiKind.Float: return Value.FloatBits(a.FloatBits);
            case AbiKind.Byte: return Value.Byte(a.AsByte);
            case AbiKind.Char: return Value.Char(a.AsChar);
            case AbiKind.String:
            {
                var s = RString.FromString(a.AsString);
                ChargeHost(HeapMeter.TextOf(s.Length));
                return Value.String(s);
            }
            case AbiKind.Bytes:
            {
                var b = new RBytes(a.AsBytes);
                ChargeHost(HeapMeter.TextOf(b.Length));
                return Value.Bytes(b);
            }
            case AbiKind.Continuation: return Value.Continuation(_pinned.Resolve(a.AsContinuation));
        }
        object? o = a.HeapObject;
        var type = a.CompositeType!;
        if (o == null) throw new AbiError("dangling abi object handle");
        switch (a.Kind)
        {
            case AbiKind.Array:
                if (o is not RArray) throw new AbiError($"abi ref kind mismatch: expected array, got {HeapKind(o)}");
                break;
            case AbiKind.Tuple:
                if (o is not RTuple t) throw new AbiError($"abi ref kind mismatch: expected tuple, got {HeapKind(o)}");
                if (t.Items.Length != type.Items.Length)
                    throw new AbiError($"abi tuple length mismatch: expected {type.Items.Length}, got {t.Items.Length}");
                break;
            case AbiKind.Struct:
                if (o is not RStruct s) throw new AbiError($"abi ref kind mismatch: expected struct, got {HeapKind(o)}");
                if (s.TypeId != type.Id) throw new AbiError("abi struct ref: type id mismatch");
                ExpectTypeArgsMatch(s.TypeArgs, type.Items, "struct", TypeName(s.TypeId));
                break;
            default:
                if (o is not REnum e) throw new AbiError($"abi ref kind mismatch: expected enum, got {HeapKind(o)}");
                if (e.TypeId != type.Id) throw new AbiError("abi enum ref: type id mismatch");
                ExpectTypeArgsMatch(e.TypeArgs, type.Items, "enum", TypeName(e.TypeId));
                break;
        }
        return a.IsReadonly ? Value.ReadonlyRef(o) : Value.Ref(o);
    }

    // ---- typereps ↔ ABI types -----------------------------------------------------------------

    public TypeRep TypeRepFor(AbiType t)
    {
        switch (t.Kind)
        {
            case AbiKind.Unit: return _types.Primitives[(int)TypeRepKind.Unit];
            case AbiKind.Bool: return _types.Primitives[(int)TypeRepKind.Bool];
            case AbiKind.Int: return _types.Primitives[(int)TypeRepKind.Int];
            case AbiKind.Float: return _types.Primitives[(int)TypeRepKind.Float];
            case AbiKind.Byte: return _types.Primitives[(int)TypeRepKind.Byte];
            case AbiKind.Char: return _types.Primitives[(int)TypeRepKind.Char];
            case AbiKind.String: return _types.Primitives[(int)TypeRepKind.String];
            case AbiKind.Bytes: return _types.Primitives[(int)TypeRepKind.Bytes];
            case AbiKind.Continuation: return _types.Primitives[(int)TypeRepKind.Cont];
            case AbiKind.Array: return _types.Intern(TypeRepKind.Array, 0, new[] { TypeRepFor(t.Elem!) });
            case AbiKind.Tuple: return _types.Intern(TypeRepKind.Tuple, (uint)t.Items.Length, TypeRepsFor(t.Items));
            case AbiKind.Struct: return _types.Intern(TypeRepKind.Struct, t.Id, TypeRepsFor(t.Items));
            case AbiKind.Enum: return _types.Intern(TypeRepKind.Enum, t.Id, TypeRepsFor(t.Items));
            default: throw new AbiError($"abi type parameter {t.Id} is not a closed ABI type");
        }
    }

    TypeRep[] TypeRepsFor(AbiType[] ts)
    {
        if (ts.Length == 0) return Array.Empty<TypeRep>();
        var r = new TypeRep[ts.Length];
        for (int i = 0; i < ts.Length; i++) r[i] = TypeRepFor(ts[i]);
        return r;
    }

    public AbiType AbiTypeFor(TypeRep t)
    {
        switch (t.Ctor)
        {
            case TypeRepKind.Unit: return AbiType.Unit;
            case TypeRepKind.Bool: return AbiType.Bool;
            case TypeRepKind.Int: return AbiType.Int;
            case TypeRepKind.Float: return AbiType.Float;
            case TypeRepKind.Byte: return AbiType.Byte;
            case TypeRepKind.Char: return AbiType.Char;
            case TypeRepKind.String: return AbiType.String;
            case TypeRepKind.Bytes: return AbiType.Bytes;
            case TypeRepKind.Cont: return AbiType.Continuation;
            case TypeRepKind.Array:
                if (t.Args.Length != 1) throw new AbiError("typerep array node has invalid arity");
                return AbiType.Array(AbiTypeFor(t.Args[0]));
            case TypeRepKind.Tuple:
                if ((uint)t.Args.Length != t.Payload) throw new AbiError("typerep tuple node has invalid arity");
                return AbiType.Tuple(AbiTypesFor(t.Args));
            case TypeRepKind.Struct: return AbiType.Struct(t.Payload, AbiTypesFor(t.Args));
            case TypeRepKind.Enum: return AbiType.Enum(t.Payload, AbiTypesFor(t.Args));
            case TypeRepKind.Never: throw new AbiError("non-ABI-safe typerep (`!`)");
            case TypeRepKind.Interface: throw new AbiError("non-ABI-safe typerep (interface)");
            default: throw new AbiError("non-ABI-safe typerep (fn)");
        }
    }

    AbiType[] AbiTypesFor(TypeRep[] ts)
    {
        if (ts.Length == 0) return Array.Empty<AbiType>();
        var r = new AbiType[ts.Length];
        for (int i = 0; i < ts.Length; i++) r[i] = AbiTypeFor(ts[i]);
        return r;
    }

    public void ExpectTypeArgsMatch(TypeRep[] got, AbiType[] expected, string kind, string typeName)
    {
        if (got.Length != expected.Length)
            throw new AbiError($"abi {kind} `{typeName}` type arg arity mismatch: expected {expected.Length}, got {got.Length}");
        for (int i = 0; i < got.Length; i++)
        {
            var want = TypeRepFor(expected[i]);
            if (ReferenceEquals(want, got[i])) continue;
            string gotDesc;
            try { gotDesc = Debug(AbiTypeFor(got[i])); }
            catch (AbiError) { gotDesc = $"typerep#{got[i].Id}"; }
            throw new AbiError($"abi {kind} `{typeName}` type arg {i} mismatch: expected {Debug(expected[i])}, got {gotDesc}");
        }
    }

    /// <summary>A schema type with its type parameters replaced by <paramref name="typeArgs"/>.</summary>
    public AbiType Instantiate(AbiType schemaType, AbiType[] typeArgs)
    {
        switch (schemaType.Kind)
        {
            case AbiKind.Array: return AbiType.Array(Instantiate(schemaType.Elem!, typeArgs));
            case AbiKind.Tuple: return AbiType.Tuple(InstantiateAll(schemaType.Items, typeArgs));
            case AbiKind.Struct: return AbiType.Struct(schemaType.Id, InstantiateAll(schemaType.Items, typeArgs));
            case AbiKind.Enum: return AbiType.Enum(schemaType.Id, InstantiateAll(schemaType.Items, typeArgs));
            case AbiKind.TypeParam:
                if (schemaType.Id >= (uint)typeArgs.Length)
                    throw new HostException($"abi schema type param index {schemaType.Id} out of bounds (type_args={typeArgs.Length})");
                return typeArgs[schemaType.Id];
            default: return schemaType;
        }
    }

    AbiType[] InstantiateAll(AbiType[] items, AbiType[] typeArgs)
    {
        if (items.Length == 0) return items;
        var r = new AbiType[items.Length];
        for (int i = 0; i < items.Length; i++) r[i] = Instantiate(items[i], typeArgs);
        return r;
    }
}
