// SRM signature provider producing our interned TypeDescs. Generic parameters are substituted from
// the context when one is given, else kept as GenericParamType placeholders (open signatures, used
// to match member references against definitions).
using System.Collections.Immutable;
using System.Linq;
using System.Reflection.Metadata;

namespace Rusk.Aot.TypeSystem;

/// <summary>The instantiation in force while decoding: the owner's type arguments and the method's.</summary>
internal sealed record GenericContext(TypeDesc[] TypeArgs, TypeDesc[] MethodArgs)
{
    public static readonly GenericContext Empty = new(System.Array.Empty<TypeDesc>(), System.Array.Empty<TypeDesc>());
}

internal sealed class SignatureDecoder : ISignatureTypeProvider<TypeDesc, GenericContext?>
{
    readonly TypeSystemContext _ts;
    readonly LoadedAssembly _asm;
    public SignatureDecoder(TypeSystemContext ts, LoadedAssembly asm) { _ts = ts; _asm = asm; }

    public TypeDesc GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode switch
    {
        PrimitiveTypeCode.Object => _ts.Object,
        PrimitiveTypeCode.String => _ts.String,
        PrimitiveTypeCode.TypedReference => throw new CompileError("TypedReference is not supported"),
        _ => _ts.Primitive(typeCode),
    };
    public TypeDesc GetSZArrayType(TypeDesc elementType) => _ts.ArrayOf(elementType);
    public TypeDesc GetByReferenceType(TypeDesc elementType) => _ts.ByRefOf(elementType);
    public TypeDesc GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) =>
        _ts.DefTypeOf(_asm, handle, System.Array.Empty<TypeDesc>());
    public TypeDesc GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) =>
        _ts.ResolveTypeRef(_asm, handle);
    public TypeDesc GetTypeFromSpecification(MetadataReader reader, GenericContext? ctx, TypeSpecificationHandle handle, byte rawTypeKind) =>
        reader.GetTypeSpecification(handle).DecodeSignature(this, ctx);
    public TypeDesc GetArrayType(TypeDesc elementType, ArrayShape shape) =>
        throw new CompileError($"multi-dimensional array {elementType}[{new string(',', shape.Rank - 1)}] is not supported");
    public TypeDesc GetPointerType(TypeDesc elementType) => throw new CompileError($"pointer type {elementType}* is not supported");
    public TypeDesc GetFunctionPointerType(MethodSignature<TypeDesc> signature) => throw new CompileError("function pointers are not supported");
    public TypeDesc GetGenericInstantiation(TypeDesc genericType, ImmutableArray<TypeDesc> typeArguments)
    {
        var d = (DefType)genericType;
        return _ts.DefTypeOf(d.Asm!, d.Handle, typeArguments.ToArray());
    }
    // An empty instantiation (a generic definition being scanned, not compiled) keeps placeholders.
    public TypeDesc GetGenericMethodParameter(GenericContext? ctx, int index) =>
        ctx != null && ctx.MethodArgs.Length > 0 ? Pick(ctx.MethodArgs, index, "!!") : _ts.GenericParam(true, index);
    public TypeDesc GetGenericTypeParameter(GenericContext? ctx, int index) =>
        ctx != null && ctx.TypeArgs.Length > 0 ? Pick(ctx.TypeArgs, index, "!") : _ts.GenericParam(false, index);
    public TypeDesc GetModifiedType(TypeDesc modifier, TypeDesc unmodifiedType, bool isRequired) => unmodifiedType;
    public TypeDesc GetPinnedType(TypeDesc elementType) => elementType;

    static TypeDesc Pick(TypeDesc[] args, int index, string what) =>
        index < args.Length ? args[index] : throw new CompileError($"generic parameter {what}{index} outside its instantiation");
}
