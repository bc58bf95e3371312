// RuntimeHelpers: array literals from field data and identity hashes — both compiler intrinsics.
using Rusk.Aot.Runtime;

namespace System.Runtime.CompilerServices;

public static class RuntimeHelpers
{
    [CompilerIntrinsic]
    public static extern void InitializeArray(Array array, RuntimeFieldHandle fldHandle);

    [CompilerIntrinsic]
    public static extern int GetHashCode(object? o);
}
