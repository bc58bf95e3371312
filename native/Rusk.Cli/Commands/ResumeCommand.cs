// rusk-vm resume SNAPSHOT FILE.rbc --answer VALUE: restores a VM that `run --snapshot-on-request`
// left suspended, answers its request with VALUE (read as the effect's declared return type) and
// runs on as `rusk-vm run` would.
using System;
using System.Globalization;
using System.IO;
using System.Text;
using Rusk.Vm.Format;

namespace Rusk.Cli;

using Rusk.Vm;

static class ResumeCommand
{
    const string Usage = """
        usage: rusk-vm resume SNAPSHOT FILE.rbc (--answer VALUE | --drop) [--metrics] [--print-result]
                              [--test-hosts] [--bench-hosts] [--snapshot-on-request OUT]

          SNAPSHOT        a snapshot of FILE.rbc's VM suspended on a request (run --snapshot-on-request)
          --answer VALUE  resume the request with VALUE, read as the effect's return type:
                          unit `()`, bool `true`/`false`, int, float, byte, char (one character),
                          string (the text as is), bytes (hex)
          --drop          cancel the request instead (the program traps with "cancelled")
          other options   as for `rusk-vm run`; --snapshot-on-request OUT stops at the next request again
        """;

    public static int Execute(string[] args)
    {
        string? snapshot = null, file = null, answer = null;
        bool drop = false, metrics = false, printResult = false, testHosts = false, benchHosts = false;
        var durable = new DurableOptions();
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "-h" or "--help": Console.Out.Write(Usage); return 0;
                case "--drop": drop = true; continue;
                case "--metrics": metrics = true; continue;
                case "--print-result": printResult = true; continue;
                case "--test-hosts": testHosts = true; continue;
                case "--bench-hosts": benchHosts = true; continue;
                case "--answer" or "--snapshot-on-request":
                    if (i + 1 >= args.Length) return Cli.UsageError("resume", $"{args[i]} needs a value", Usage);
                    if (args[i] == "--answer") answer = args[++i]; else durable.SnapshotOut = args[++i];
                    continue;
            }
            if (args[i].StartsWith("--", StringComparison.Ordinal)) return Cli.UsageError("resume", $"unknown option `{args[i]}`", Usage);
            if (snapshot == null) snapshot = args[i];
            else if (file == null) file = args[i];
            else return Cli.UsageError("resume", $"unexpected argument `{args[i]}`", Usage);
        }
        if (snapshot == null || file == null) return Cli.UsageError("resume", "missing SNAPSHOT or FILE.rbc", Usage);
        if ((answer == null) == !drop) return Cli.UsageError("resume", "give exactly one of --answer VALUE and --drop", Usage);

        Vm vm;
        StepResult request;
        try
        {
            var module = ModuleLoader.Load(File.ReadAllBytes(file));
            vm = Vm.Restore(module, File.ReadAllBytes(snapshot), new VmOptions { EnableMetrics = metrics });
            request = vm.Step();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DecodeException or ModuleException or SnapshotException or VmException)
        {
            return Cli.Failure("resume", e.Message);
        }
        if (request.Kind != StepKind.Request)
            return Cli.Failure("resume", $"the snapshot is not suspended on a request (its VM is {(vm.IsDone ? "done" : vm.IsTrapped ? "trapped" : "between steps")})");

        var decl = vm.Module.ExternalEffects[request.EffectId];
        if (drop) vm.DropContinuation(request.K);
        else
        {
            if (!TryParse(answer!, decl.Sig.Ret, out var value, out string error))
                return Cli.Failure("resume", $"--answer `{answer}` for {DurableOptions.DescribeRequest(vm, request)}: {error}");
            vm.Resume(request.K, value);
        }
        var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16);
        try
        {
            return RunCommand.Drive(vm, null, metrics, printResult, testHosts, benchHosts, durable, stdout);
        }
        finally
        {
            stdout.Flush();
        }
    }

    static bool TryParse(string text, AbiType type, out AbiValue value, out string error)
    {
        value = AbiValue.Unit;
        error = "";
        var inv = CultureInfo.InvariantCulture;
        switch (type.Kind)
        {
            case AbiKind.Unit: if (text is "()" or "") return true; break;
            case AbiKind.Bool: if (text is "true" or "false") { value = AbiValue.Bool(text == "true"); return true; } break;
            case AbiKind.Int: if (long.TryParse(text, NumberStyles.AllowLeadingSign, inv, out long n)) { value = AbiValue.Int(n); return true; } break;
            case AbiKind.Float: if (double.TryParse(text, NumberStyles.Float, inv, out double d)) { value = AbiValue.Float(d); return true; } break;
            case AbiKind.Byte: if (byte.TryParse(text, NumberStyles.None, inv, out byte b)) { value = AbiValue.Byte(b); return true; } break;
            case AbiKind.Char:
                if (text.Length > 0 && char.ConvertToUtf32(text, 0) is int c && char.ConvertFromUtf32(c).Length == text.Length) { value = AbiValue.Char(c); return true; }
                break;
            case AbiKind.String: value = AbiValue.String(text); return true;
            case AbiKind.Bytes:
                try { value = AbiValue.Bytes(Convert.FromHexString(text)); return true; }
                catch (FormatException) { break; }
            default:
                error = $"the effect returns {type.Kind.ToString().ToLowerInvariant()}, which --answer cannot spell";
                return false;
        }
        error = $"expected a {type.Kind.ToString().ToLowerInvariant()}";
        return false;
    }
}
