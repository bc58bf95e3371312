// rusk-vm fuzz: not built yet (see the issue tracker).
using System;

namespace Rusk.Cli;

static class FuzzCommand
{
    public static int Execute(string[] args)
    {
        Console.Error.WriteLine("rusk-vm: this command is not available yet");
        return 2;
    }
}
