// rusk-vm dis: decodes a module and prints its `.rasm` text form (docs/text-format.md).
using System;
using System.IO;
using System.Text;
using Rusk.Vm.Format;
using Rusk.Vm.Text;

namespace Rusk.Cli;

static class DisCommand
{
    const string Usage = """
        usage: rusk-vm dis FILE.rbc [-o OUT.rasm]

        Decodes FILE.rbc and prints its text form (.rasm, see docs/text-format.md) to stdout,
        or writes it to OUT.rasm. `rusk-vm asm` turns the text back into the same bytes.
        Exit status: 0 ok, 1 unreadable or malformed module (the byte offset is reported), 2 usage.
        """;

    public static int Execute(string[] args)
    {
        string? input = null, output = null;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "-h":
                case "--help":
                    Console.Out.WriteLine(Usage);
                    return 0;
                case "-o" when i + 1 < args.Length && output == null:
                    output = args[++i];
                    break;
                default:
                    if (input == null && !args[i].StartsWith('-')) { input = args[i]; break; }
                    return Cli.UsageError("dis", $"unexpected argument `{args[i]}`", Usage);
            }
        }
        if (input == null) return Cli.ShowUsage(Usage);

        byte[]? bytes = Cli.ReadInput("dis", input);
        if (bytes == null) return 1;
        // Decoded, not verified: dis shows a module even when the verifier would reject it.
        Module module;
        try { module = RbcReader.Decode(bytes); }
        catch (DecodeException e) { return Cli.Malformed("dis", input, e); }

        var utf8 = new UTF8Encoding(false);
        try
        {
            if (output == null || output == "-")
            {
                using var w = new StreamWriter(Console.OpenStandardOutput(), utf8, 1 << 16);
                Disassembler.Write(module, chunk => w.Write(chunk));
            }
            else
            {
                using var w = new StreamWriter(output, false, utf8, 1 << 16);
                Disassembler.Write(module, chunk => w.Write(chunk));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"rusk-vm dis: cannot write `{output}`: {e.Message}");
            return 1;
        }
        return 0;
    }
}
