// Bytes to a module the VM may run: decode, then verify (the reference's `from_bytes` does both).
using System;
using System.Collections.Generic;

namespace Rusk.Vm.Format;

/// <summary>Turns <c>.rbc</c> bytes into a <see cref="Module"/> VMs can run.</summary>
public static class ModuleLoader
{
    /// <summary>
    /// Decodes and verifies <paramref name="rbc"/>. Throws <see cref="DecodeException"/> for bytes
    /// that are not a well-formed module and <see cref="ModuleLoadException"/> for a module that
    /// the verifier rejects; nothing else escapes.
    /// </summary>
    public static Module Load(ReadOnlySpan<byte> rbc)
    {
        Module module = RbcReader.Decode(rbc);
        var errors = Verifier.Verify(module);
        if (errors.Count > 0) throw new ModuleLoadException(errors);
        return module;
    }
}

/// <summary>A decoded module that failed verification; <see cref="Errors"/> lists every problem.</summary>
public sealed class ModuleLoadException : Exception
{
    /// <summary>Every problem, in the order the verifier found them.</summary>
    public IReadOnlyList<VerifyError> Errors { get; }

    internal ModuleLoadException(IReadOnlyList<VerifyError> errors) : base(Describe(errors))
    {
        Errors = errors;
    }

    static string Describe(IReadOnlyList<VerifyError> errors)
    {
        if (errors.Count == 0) return "module failed verification";
        string first = errors[0].Message;
        return errors.Count == 1 ? first : $"{first} (and {errors.Count - 1} more)";
    }
}
