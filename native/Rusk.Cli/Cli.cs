// What every rusk-vm command reports the same way: usage errors (exit 2), failures (exit 1), and
// the input module: one wording for a file that cannot be read, is malformed, or fails verification.
using System;
using System.Collections.Generic;
using System.IO;
using Rusk.Vm.Format;

namespace Rusk.Cli;

static class Cli
{
    /// <summary>`rusk-vm COMMAND: MESSAGE`, then the usage, on stderr; exit 2.</summary>
    public static int UsageError(string command, string message, string usage)
    {
        Console.Error.WriteLine($"{Prefix(command)}: {message}");
        Console.Error.WriteLine(usage);
        return 2;
    }

    /// <summary>The usage alone on stderr (a missing operand); exit 2.</summary>
    public static int ShowUsage(string usage)
    {
        Console.Error.WriteLine(usage);
        return 2;
    }

    /// <summary>`rusk-vm COMMAND: MESSAGE` on stderr; exit 1.</summary>
    public static int Failure(string command, string message)
    {
        Console.Error.WriteLine($"{Prefix(command)}: {message}");
        return 1;
    }

    static string Prefix(string command) => command.Length == 0 ? "rusk-vm" : "rusk-vm " + command;

    /// <summary>
    /// The bytes of an input file, or null after `rusk-vm COMMAND: FILE: cannot read: REASON` on
    /// stderr (a directory or a missing file named as such, not as the OS's access error).
    /// </summary>
    public static byte[]? ReadInput(string command, string file)
    {
        string? problem = null;
        if (Directory.Exists(file)) problem = "is a directory";
        else if (!File.Exists(file)) problem = "no such file";
        else
        {
            try { return File.ReadAllBytes(file); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                problem = e.Message;
            }
        }
        Failure(command, $"{file}: cannot read: {problem}");
        return null;
    }

    /// <summary>`rusk-vm COMMAND: FILE: malformed module: offset 0x..: expected ..., found ...`; exit 1.</summary>
    public static int Malformed(string command, string file, DecodeException e) =>
        Failure(command, $"{file}: malformed module: {e.Message}");

    /// <summary>`rusk-vm COMMAND: FILE: N verifier error(s)`, then every error indented; exit 1.</summary>
    public static int Unverifiable(string command, string file, IReadOnlyList<VerifyError> errors)
    {
        Failure(command, $"{file}: {errors.Count} verifier error{(errors.Count == 1 ? "" : "s")}");
        foreach (var e in errors) Console.Error.WriteLine($"  {e.Message}");
        return 1;
    }

    /// <summary>
    /// Reads, decodes and verifies FILE; null after reporting the problem in the wording above
    /// (run, and every other command that needs a runnable module).
    /// </summary>
    public static Module? LoadModule(string command, string file)
    {
        byte[]? bytes = ReadInput(command, file);
        if (bytes == null) return null;
        try { return ModuleLoader.Load(bytes); }
        catch (DecodeException e) { Malformed(command, file, e); }
        catch (ModuleLoadException e) { Unverifiable(command, file, e.Errors); }
        return null;
    }
}
