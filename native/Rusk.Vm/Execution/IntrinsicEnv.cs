// Per-VM context of the intrinsics: the module's `Option` enum (the reference looks it up by the
// exact type name "Option") and the pre-interned primitive typereps used as its type argument.
using System;
using Rusk.Vm.Format;

namespace Rusk.Vm.Execution;

internal sealed class IntrinsicEnv
{
    public readonly Module Module;
    /// <summary>False when the module has no type named `Option`: Option-returning intrinsics then trap.</summary>
    public readonly bool HasOption;
    public readonly uint OptionTypeId;

    // Type-argument lists of the Option values the intrinsics build for primitive payloads. Shared
    // between all values: type-argument arrays are never mutated once a value holds them.
    public readonly TypeRep[] OptionOfInt;
    public readonly TypeRep[] OptionOfFloat;
    public readonly TypeRep[] OptionOfByte;
    public readonly TypeRep[] OptionOfChar;
    public readonly TypeRep[] OptionOfString;

    /// <summary>The VM whose heap limit allocating intrinsics charge (null: no limit, for an env built alone).</summary>
    public Interpreter? Heap { get; init; }

    /// <summary>Charges <paramref name="bytes"/> about to be allocated; the trap message when over the limit, else null.</summary>
    public string? Charge(long bytes) => Heap?.ChargeHeap(bytes);

    /// <param name="module">The module whose types the intrinsics name.</param>
    /// <param name="primitiveTypeReps">Interned payload-free typereps indexed by <see cref="TypeRepKind"/>.</param>
    public IntrinsicEnv(Module module, TypeRep[] primitiveTypeReps)
    {
        Module = module;
        HasOption = module.TryGetTypeId("Option", out OptionTypeId);
        OptionOfInt = Single(primitiveTypeReps, TypeRepKind.Int);
        OptionOfFloat = Single(primitiveTypeReps, TypeRepKind.Float);
        OptionOfByte = Single(primitiveTypeReps, TypeRepKind.Byte);
        OptionOfChar = Single(primitiveTypeReps, TypeRepKind.Char);
        OptionOfString = Single(primitiveTypeReps, TypeRepKind.String);
    }

    static TypeRep[] Single(TypeRep[] reps, TypeRepKind kind)
    {
        if ((int)kind >= reps.Length || reps[(int)kind] is null || reps[(int)kind].Ctor != kind)
            throw new ArgumentException($"primitiveTypeReps[{(int)kind}] must be the interned typerep of that kind", nameof(reps));
        return new[] { reps[(int)kind] };
    }

    /// <summary>The type's name, or the reference's placeholder for an id outside the table.</summary>
    public string TypeName(uint typeId) =>
        typeId < (uint)Module.TypeNames.Length ? Module.TypeNames[typeId] : "<unknown>";
}
