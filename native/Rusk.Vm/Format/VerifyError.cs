// One problem the verifier found in a decoded module: where it is (a function and pc, or a table)
// and the reference verifier's wording of it, so diagnostics read the same as rusk's `from_bytes`.

namespace Rusk.Vm.Format;

/// <summary>One problem the verifier found (a <see cref="ModuleLoadException"/> lists them all).</summary>
public sealed class VerifyError
{
    /// <summary>The function the problem is in, or null for a module table problem.</summary>
    public string? Function { get; }
    /// <summary>The table the problem is in (e.g. <c>vcall_dispatch</c>), or null for a function problem.</summary>
    public string? Table { get; }
    /// <summary>The instruction index, or -1 when the problem is not tied to one instruction.</summary>
    public int Pc { get; }
    /// <summary>
    /// The full message in the reference's words; instruction problems start with
    /// "function `NAME` pc N: ", as the reference's do.
    /// </summary>
    public string Message { get; }

    VerifyError(string? function, string? table, int pc, string message)
    {
        Function = function; Table = table; Pc = pc; Message = message;
    }

    internal static VerifyError InFunction(string function, int pc, string message) => new(function, null, pc, message);
    internal static VerifyError InTable(string table, string message) => new(null, table, -1, message);

    /// <summary>The message.</summary>
    public override string ToString() => Message;
}
