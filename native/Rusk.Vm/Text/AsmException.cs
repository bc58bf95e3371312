// The one error the assembler throws: what was wrong and where (1-based line and column).
namespace Rusk.Vm.Text;

/// <summary>Invalid `.rasm` text. <see cref="System.Exception.Message"/> reads "line L, column C: what".</summary>
internal sealed class AsmException : System.Exception
{
    public int Line { get; }
    public int Column { get; }
    /// <summary>The message without the position prefix.</summary>
    public string Detail { get; }

    public AsmException(int line, int column, string detail)
        : base($"line {line}, column {column}: {detail}")
    {
        Line = line; Column = column; Detail = detail;
    }
}
