// rusk-vm verify: decode and verify each module, one verdict per file (exit 0 all ok, 1 any invalid).
using System;
using System.Collections.Generic;
using System.IO;
using Rusk.Vm.Format;

namespace Rusk.Cli;

static class VerifyCommand
{
    const string Usage = """
        usage: rusk-vm verify FILE.rbc...

        Decodes and verifies each module. Prints `FILE: ok (N functions, M instructions)` on stdout
        for a valid module; for an invalid one prints the decode error (with its byte offset) or
        every verifier error (with function and pc) on stderr.
        Exit status: 0 all valid, 1 any invalid or unreadable, 2 usage.

        options:
          -h, --help    show this help
          --            treat every later argument as a file
        """;

    public static int Execute(string[] args)
    {
        var files = new List<string>();
        bool optionsDone = false;
        foreach (var arg in args)
        {
            if (!optionsDone && arg.StartsWith('-') && arg.Length > 1)
            {
                if (arg is "-h" or "--help") { Console.Out.WriteLine(Usage); return 0; }
                if (arg == "--") { optionsDone = true; continue; }
                Console.Error.WriteLine($"rusk-vm verify: unknown option `{arg}`");
                Console.Error.WriteLine(Usage);
                return 2;
            }
            files.Add(arg);
        }
        if (files.Count == 0)
        {
            Console.Error.WriteLine("rusk-vm verify: expected at least one FILE.rbc");
            Console.Error.WriteLine(Usage);
            return 2;
        }

        int invalid = 0;
        foreach (var file in files)
            if (!VerifyFile(file)) invalid++;
        if (files.Count > 1 && invalid > 0)
            Console.Error.WriteLine($"{invalid} of {files.Count} files invalid");
        return invalid == 0 ? 0 : 1;
    }

    static bool VerifyFile(string file)
    {
        byte[]? bytes = Cli.ReadInput("verify", file);
        if (bytes == null) return false;

        Module module;
        try
        {
            module = RbcReader.Decode(bytes);
        }
        catch (DecodeException e)
        {
            Cli.Malformed("verify", file, e);
            return false;
        }

        // Every error, not only the first (ModuleLoader.Load stops the message at one).
        var errors = Verifier.Verify(module);
        if (errors.Count > 0)
        {
            Cli.Unverifiable("verify", file, errors);
            return false;
        }

        long instructions = 0;
        foreach (var f in module.Functions) instructions += f.Code.Length;
        Console.Out.WriteLine($"{file}: ok ({module.Functions.Length} functions, {instructions} instructions)");
        return true;
    }
}
