// The one error the `.rbc` decoder reports: the byte offset where decoding stopped and what was
// expected there, in the form `offset 0x1a4: expected instruction opcode 0..63, found 0x7f`.
using System;

namespace Rusk.Vm.Format;

/// <summary>Malformed `.rbc` input. <see cref="Offset"/> is the byte offset of the offending item.</summary>
public sealed class DecodeException : Exception
{
    /// <summary>Byte offset into the input where the offending item starts.</summary>
    public int Offset { get; }

    /// <summary>The message without the offset prefix.</summary>
    public string Detail { get; }

    internal DecodeException(int offset, string detail)
        : base("offset 0x" + Rusk.Vm.Execution.NumberText.Hex((uint)offset) + ": " + detail)
    {
        Offset = offset;
        Detail = detail;
    }
}
