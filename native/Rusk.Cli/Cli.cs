// What every rusk-vm command reports the same way: usage errors (exit 2) and failures (exit 1).
using System;

namespace Rusk.Cli;

static class Cli
{
    /// <summary>`rusk-vm COMMAND: MESSAGE`, then the usage, on stderr; exit 2.</summary>
    public static int UsageError(string command, string message, string usage)
    {
        Console.Error.WriteLine($"rusk-vm {command}: {message}");
        Console.Error.Write(usage);
        return 2;
    }

    /// <summary>The usage alone on stderr (a missing operand); exit 2.</summary>
    public static int ShowUsage(string usage)
    {
        Console.Error.Write(usage);
        return 2;
    }

    /// <summary>`rusk-vm COMMAND: MESSAGE` on stderr; exit 1.</summary>
    public static int Failure(string command, string message)
    {
        Console.Error.WriteLine($"rusk-vm {command}: {message}");
        return 1;
    }
}
