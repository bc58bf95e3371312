// The compiler's view of types, methods and fields: interned descriptors over System.Reflection.Metadata
// handles, always fully instantiated (generics are monomorphised; GenericParam only appears in open
// signatures while resolving member references).
using System;
using System.Collections.Generic;
using System.Reflection.Metadata;

namespace Rusk.Aot.TypeSystem;

internal abstract class TypeDesc
{
    public abstract string FullName { get; }
    public override string ToString() => FullName;
    public virtual bool IsValueType => false;
}

/// <summary>A named type: a class, struct, enum, interface or delegate from metadata, possibly a
/// generic instantiation. The primitives (System.Int32, …) are DefTypes too, with <see cref="Prim"/> set;
/// <see cref="Asm"/> is null only for a primitive the corlib does not define.</summary>
internal sealed class DefType : TypeDesc
{
    public readonly LoadedAssembly? Asm;
    public readonly TypeDefinitionHandle Handle;
    public readonly TypeDesc[] Inst;
    public readonly PrimitiveTypeCode? Prim;
    readonly string _name;
    internal DefType? BaseCache; internal bool BaseDone;
    internal bool? ValueTypeCache;
    internal TypeSystemContext Context = null!;

    public DefType(LoadedAssembly? asm, TypeDefinitionHandle handle, TypeDesc[] inst, PrimitiveTypeCode? prim, string name)
    {
        Asm = asm; Handle = handle; Inst = inst; Prim = prim; _name = name;
    }

    public override string FullName => _name;
    public TypeDefinition Def => Asm!.Md.GetTypeDefinition(Handle);
    public bool HasMetadata => Asm != null;
    public bool IsInterface => HasMetadata && (Def.Attributes & System.Reflection.TypeAttributes.Interface) != 0;
    public bool IsSealed => HasMetadata && (Def.Attributes & System.Reflection.TypeAttributes.Sealed) != 0;
    public bool IsAbstract => HasMetadata && (Def.Attributes & System.Reflection.TypeAttributes.Abstract) != 0;
    public bool IsVoid => Prim == PrimitiveTypeCode.Void;
    public bool IsPrimitive => Prim != null;
    public DefType? BaseType => Context.BaseOf(this);
    public override bool IsValueType => ValueTypeCache ??= Context.ComputeIsValueType(this);
    public bool IsEnum => BaseType?.FullName == "System.Enum";
    /// <summary>A value type that is not a primitive or enum: represented by a box (docs/aot.md).</summary>
    public bool IsStruct => IsValueType && Prim == null && !IsEnum;
    public bool IsDelegate => BaseType?.FullName == "System.MulticastDelegate";
    public string MetadataName => Asm!.Md.GetString(Def.Name);
    public bool IsGenericDefinitionName => HasMetadata && Def.GetGenericParameters().Count > 0 && Inst.Length == 0;
}

internal sealed class ArrayType : TypeDesc
{
    public readonly TypeDesc Element;
    public ArrayType(TypeDesc element) { Element = element; }
    public override string FullName => Element.FullName + "[]";
}

internal sealed class ByRefType : TypeDesc
{
    public readonly TypeDesc Target;
    public ByRefType(TypeDesc target) { Target = target; }
    public override string FullName => Target.FullName + "&";
}

/// <summary>!N (type parameter) or !!N (method parameter): only in open signatures.</summary>
internal sealed class GenericParamType : TypeDesc
{
    public readonly bool IsMethod; public readonly int Index;
    public GenericParamType(bool isMethod, int index) { IsMethod = isMethod; Index = index; }
    public override string FullName => (IsMethod ? "!!" : "!") + Index;
}

internal sealed record MethodSig(TypeDesc Return, TypeDesc[] Params, bool HasThis, int GenericArity)
{
    public bool SameAs(MethodSig o)
    {
        if (Return != o.Return || Params.Length != o.Params.Length || HasThis != o.HasThis || GenericArity != o.GenericArity) return false;
        for (int i = 0; i < Params.Length; i++) if (Params[i] != o.Params[i]) return false;
        return true;
    }
}

internal sealed class MethodDesc
{
    public readonly DefType Owner;
    public readonly MethodDefinitionHandle Handle;
    public readonly TypeDesc[] MethodInst;
    public readonly MethodSig Sig;       // instantiated
    public readonly MethodSig OpenSig;   // as declared (generic parameters as placeholders)
    public readonly string Name;

    public MethodDesc(DefType owner, MethodDefinitionHandle handle, TypeDesc[] methodInst, MethodSig sig, MethodSig openSig, string name)
    {
        Owner = owner; Handle = handle; MethodInst = methodInst; Sig = sig; OpenSig = openSig; Name = name;
    }

    public MethodDefinition Def => Owner.Asm!.Md.GetMethodDefinition(Handle);
    public System.Reflection.MethodAttributes Attrs => Def.Attributes;
    public bool IsStatic => (Attrs & System.Reflection.MethodAttributes.Static) != 0;
    public bool IsVirtual => (Attrs & System.Reflection.MethodAttributes.Virtual) != 0;
    public bool IsAbstract => (Attrs & System.Reflection.MethodAttributes.Abstract) != 0;
    public bool IsNewSlot => (Attrs & System.Reflection.MethodAttributes.NewSlot) != 0;
    public bool IsFinal => (Attrs & System.Reflection.MethodAttributes.Final) != 0;
    public bool IsCtor => Name == ".ctor";
    public override string ToString()
    {
        string inst = MethodInst.Length == 0 ? "" : "<" + string.Join(",", (object[])MethodInst) + ">";
        return $"{Owner.FullName}::{Name}{inst}({string.Join(",", (object[])Sig.Params)})";
    }
}

internal sealed class FieldDesc
{
    public readonly DefType Owner;
    public readonly FieldDefinitionHandle Handle;
    public readonly TypeDesc Type;
    public readonly string Name;
    public FieldDesc(DefType owner, FieldDefinitionHandle handle, TypeDesc type, string name)
    {
        Owner = owner; Handle = handle; Type = type; Name = name;
    }
    public FieldDefinition Def => Owner.Asm!.Md.GetFieldDefinition(Handle);
    public bool IsStatic => (Def.Attributes & System.Reflection.FieldAttributes.Static) != 0;
    public bool IsLiteral => (Def.Attributes & System.Reflection.FieldAttributes.Literal) != 0;
    public bool HasRva => (Def.Attributes & System.Reflection.FieldAttributes.HasFieldRVA) != 0;
    public override string ToString() => $"{Owner.FullName}::{Name}";
}

/// <summary>An unsupported construct or unresolved member: reported as
/// `rusk-aot: error: &lt;what&gt; in &lt;caller&gt;` (docs/aot.md), never compiled silently.</summary>
internal sealed class CompileError : Exception
{
    public CompileError(string message) : base(message) { }
}
