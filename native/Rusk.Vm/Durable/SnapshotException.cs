// The one error restore and replay report: snapshot or journal bytes that are not what this VM
// wrote for this module (another module, another format version, truncated, corrupted).
using System;

namespace Rusk.Vm;

/// <summary>Refused snapshot or journal bytes. <see cref="Offset"/> is where reading stopped.</summary>
public sealed class SnapshotException : Exception
{
    /// <summary>Byte offset into the input of the offending item.</summary>
    public int Offset { get; }

    /// <summary>The message without the "snapshot offset 0x..:" prefix.</summary>
    public string Detail { get; }

    internal SnapshotException(string what, int offset, string detail)
        : base(what + " offset 0x" + Execution.NumberText.Hex((uint)offset) + ": " + detail)
    {
        Offset = offset;
        Detail = detail;
    }
}
