// rusk-vm asm: assembles `.rasm` text (docs/text-format.md) into an `.rbc` module.
using System;
using System.IO;
using System.Text;
using Rusk.Vm.Format;
using Rusk.Vm.Text;

namespace Rusk.Cli;

static class AsmCommand
{
    const string Usage = """
        usage: rusk-vm asm FILE.rasm -o OUT.rbc

        Assembles the text form of a module (.rasm, see docs/text-format.md; `rusk-vm dis`
        prints it) and writes the encoded module to OUT.rbc (`-o -` writes to stdout).
        Errors are reported as FILE:LINE:COLUMN: message.
        Exit status: 0 ok, 1 unreadable input or an error in the text, 2 usage.
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
                    return Cli.UsageError("asm", $"unexpected argument `{args[i]}`", Usage);
            }
        }
        if (input == null || output == null)
        {
            if (input != null) Console.Error.WriteLine("rusk-vm asm: missing `-o OUT.rbc`");
            Console.Error.WriteLine(Usage);
            return 2;
        }

        byte[]? source = Cli.ReadInput("asm", input);
        if (source == null) return 1;
        string text;
        // A leading byte order mark is not part of the text (as File.ReadAllText would drop it).
        int bom = source.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }) ? 3 : 0;
        try { text = new UTF8Encoding(false, true).GetString(source, bom, source.Length - bom); }
        catch (DecoderFallbackException)
        {
            return Cli.Failure("asm", $"{input}: not valid UTF-8 text");
        }

        byte[] bytes;
        try { bytes = RbcWriter.Encode(Assembler.Assemble(text)); }
        catch (AsmException e)
        {
            Console.Error.WriteLine($"{input}:{e.Line}:{e.Column}: {e.Detail}");
            return 1;
        }

        try
        {
            if (output == "-")
            {
                using var stdout = Console.OpenStandardOutput();
                stdout.Write(bytes);
            }
            else File.WriteAllBytes(output, bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"rusk-vm asm: cannot write `{output}`: {e.Message}");
            return 1;
        }
        return 0;
    }
}
