// A runtime type representation (§8.2): a constructor applied to interned type arguments.
// Interning (one TypeRep object per distinct (ctor, args)) makes equality a reference compare.
using Rusk.Vm.Format;

namespace Rusk.Vm.Execution;

internal sealed partial class TypeRep
{
    /// <summary>The constructor kind (shares the TypeRepLit tags).</summary>
    public readonly TypeRepKind Ctor;
    /// <summary>Struct/Enum/Interface: the TypeId; Tuple: the arity; otherwise 0.</summary>
    public readonly uint Payload;
    public readonly TypeRep[] Args;
    /// <summary>Dense id in the interning table, stable for the life of the table.</summary>
    public readonly int Id;

    public TypeRep(TypeRepKind ctor, uint payload, TypeRep[] args, int id)
    {
        Ctor = ctor; Payload = payload; Args = args; Id = id;
    }
}
