// Members the compiler implements instead of compiling a body (docs/aot.md contracts): the linear
// memory accessors of Rusk.Aot.Interop, System.Array's untyped statics specialised by the static
// array type at the call site, RuntimeHelpers.InitializeArray, delegate Invoke, float bit casts and
// the Math functions that are single wasm instructions.
using System.Reflection.Metadata;
using Rusk.Aot.IL;
using Rusk.Aot.TypeSystem;

namespace Rusk.Aot.Codegen;

internal enum IntrinsicKind
{
    None,
    /// <summary>A [WasmImport] method: a call to the imported function.</summary>
    Import,
    Memory,
    ArrayLength, ArrayCopy5, ArrayCopy3, ArrayClear3, ArrayClear1, ArrayClone,
    InitializeArray,
    DelegateInvoke, DelegateCtor,
    /// <summary>One wasm instruction (the string in <see cref="Intrinsics.Instruction"/>).</summary>
    Instruction,
    ObjectGetHashCode, ObjectReferenceEquals, ObjectGetType, ObjectMemberwiseClone,
    /// <summary>`newobj String::.ctor(args)` → `call String::Ctor(args)` (the corlib's statics).</summary>
    StringCtor, StringNewString, StringFindLiteral,
}

internal static class Intrinsics
{
    /// <summary>ValueType/Enum Equals and GetHashCode: bodiless in the corlib, generated per type
    /// (ModuleBuilder.ValueTypeMethod) where a vtable slot needs them.</summary>
    public static bool IsPerTypeValueMethod(MethodDesc m) =>
        (m.Owner.FullName is "System.ValueType" or "System.Enum") && m.Name is "Equals" or "GetHashCode"
        && m.Owner.HasMetadata && m.Def.RelativeVirtualAddress == 0;

    public static IntrinsicKind Classify(MethodDesc m)
    {
        var owner = m.Owner.FullName;
        if (m.Owner.HasMetadata && Virtuals.HasAttribute(m.Owner.Asm!.Md, m.Def.GetCustomAttributes(), "Rusk.Aot.Interop.WasmImportAttribute"))
            return IntrinsicKind.Import;
        if (owner == "Rusk.Aot.Interop.LinearMemory") return IntrinsicKind.Memory;
        if (m.Owner.IsDelegate && m.Name == "Invoke") return IntrinsicKind.DelegateInvoke;
        if (m.Owner.IsDelegate && m.Name == ".ctor") return IntrinsicKind.DelegateCtor;
        // System.Array's bodiless members (the corlib's C# checks arguments around them).
        if (owner == "System.Array" && m.MethodInst.Length == 0 && m.Def.RelativeVirtualAddress == 0)
        {
            switch (m.Name)
            {
                case "get_Length": return IntrinsicKind.ArrayLength;
                case "Copy" or "CopyUnchecked" when m.Sig.Params.Length == 5: return IntrinsicKind.ArrayCopy5;
                case "Copy" when m.Sig.Params.Length == 3: return IntrinsicKind.ArrayCopy3;
                case "Clear" or "ClearUnchecked" when m.Sig.Params.Length == 3: return IntrinsicKind.ArrayClear3;
                case "Clear" when m.Sig.Params.Length == 1: return IntrinsicKind.ArrayClear1;
                case "Clone": return IntrinsicKind.ArrayClone;
            }
        }
        if (owner == "System.String" && m.Def.RelativeVirtualAddress == 0)
        {
            if (m.Name == ".ctor") return IntrinsicKind.StringCtor;
            if (m.Name == "NewString") return IntrinsicKind.StringNewString;
            if (m.Name == "FindLiteral") return IntrinsicKind.StringFindLiteral;
        }
        if (owner == "System.Object" && m.Name == "GetType" && m.Sig.Params.Length == 0) return IntrinsicKind.ObjectGetType;
        if (owner == "System.Object" && m.Name == "MemberwiseClone") return IntrinsicKind.ObjectMemberwiseClone;
        if (owner == "System.Runtime.CompilerServices.RuntimeHelpers" && m.Name == "InitializeArray") return IntrinsicKind.InitializeArray;
        if (owner == "System.Runtime.CompilerServices.RuntimeHelpers" && m.Name == "GetHashCode") return IntrinsicKind.ObjectGetHashCode;
        if (owner == "System.Object" && m.Name == "ReferenceEquals") return IntrinsicKind.ObjectReferenceEquals;
        if (Instruction(m) != null) return IntrinsicKind.Instruction;
        return IntrinsicKind.None;
    }

    /// <summary>The corlib's `static string Ctor(same parameters)` standing in for a String constructor.</summary>
    public static MethodDesc StringCtorImpl(MethodDesc ctor)
    {
        foreach (var m in ctor.Owner.Context.MethodsOf(ctor.Owner))
        {
            if (m.Name != "Ctor" || !m.IsStatic || m.Sig.Params.Length != ctor.Sig.Params.Length) continue;
            bool same = true;
            for (int i = 0; i < m.Sig.Params.Length; i++) same &= m.Sig.Params[i] == ctor.Sig.Params[i];
            if (same) return m;
        }
        throw new CompileError($"the corlib has no static String.Ctor for {ctor}");
    }

    /// <summary>The wasm instruction a call compiles to, for members that are exactly one.</summary>
    public static string? Instruction(MethodDesc m)
    {
        string owner = m.Owner.FullName;
        var p = m.Sig.Params;
        bool D(int i) => p.Length > i && p[i] is DefType { Prim: PrimitiveTypeCode.Double };
        bool F(int i) => p.Length > i && p[i] is DefType { Prim: PrimitiveTypeCode.Single };
        if (owner == "System.BitConverter")
            return m.Name switch
            {
                "DoubleToInt64Bits" => "i64.reinterpret_f64",
                "Int64BitsToDouble" => "f64.reinterpret_i64",
                "SingleToInt32Bits" => "i32.reinterpret_f32",
                "Int32BitsToSingle" => "f32.reinterpret_i32",
                _ => null,
            };
        if (owner == "System.Math" || owner == "System.MathF")
        {
            string t = D(0) ? "f64" : F(0) ? "f32" : "";
            if (t.Length == 0) return null;
            return m.Name switch
            {
                "Sqrt" => t + ".sqrt",
                "Floor" => t + ".floor",
                "Ceiling" => t + ".ceil",
                "Truncate" => t + ".trunc",
                "Abs" => t + ".abs",
                "Round" when p.Length == 1 => t + ".nearest",
                "CopySign" => t + ".copysign",
                "Min" when p.Length == 2 => null,
                "Max" when p.Length == 2 => null,
                _ => null,
            };
        }
        return null;
    }

    /// <summary>LinearMemory.X → its wasm instruction (Rusk.Aot.Interop/LinearMemory.cs comments).</summary>
    public static string Memory(MethodDesc m) => m.Name switch
    {
        "Size" => "memory.size\n    i32.const 65536\n    i32.mul",
        "Grow" => "memory.grow",
        "Load8" => "i32.load8_u",
        "Store8" => "i32.store8",
        "Load16" => "i32.load16_u",
        "Store16" => "i32.store16",
        "Load32" => "i32.load",
        "Store32" => "i32.store",
        "Load64" => "i64.load",
        "Store64" => "i64.store",
        "LoadF64" => "f64.load",
        "StoreF64" => "f64.store",
        _ => throw new CompileError($"{m} is not a LinearMemory intrinsic"),
    };
}
