// Runs the built `rusk-vm` CLI as a child process, as a user would, for the command-line tests.
using System;
using System.Diagnostics;
using System.IO;

namespace Rusk.Vm.Tests;

static class RuskVmProcess
{
    /// <summary>Runs `rusk-vm ARGS...` and returns its exit code, stdout and stderr.</summary>
    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        var psi = new ProcessStartInfo(string.IsNullOrEmpty(host) ? "dotnet" : host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "rusk-vm.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs `rusk-vm COMMAND ARGS...`.</summary>
    public static (int Exit, string Out, string Err) RunCommand(string command, string[] args)
    {
        var all = new string[args.Length + 1];
        all[0] = command;
        Array.Copy(args, 0, all, 1, args.Length);
        return Run(all);
    }
}
