// rusk-vm: the command-line front end. Exit codes: 0 ok, 1 invalid input / trap / failures, 2 usage.
using System;

namespace Rusk.Cli;

static class Program
{
    const string Usage = """
        usage: rusk-vm <command> [options]

        commands:
          run FILE.rbc [ARGS...] [--fuel N] [--metrics] [--print-result]
                                        run a module's main
          resume SNAPSHOT FILE.rbc --answer VALUE
                                        restore a suspended VM, answer its request, run on
          replay JOURNAL FILE.rbc       re-run a journal without hosts, print the state it ends in
          verify FILE.rbc...            decode and verify modules
          dis FILE.rbc [-o OUT.rasm]    print the text form of a module
          asm FILE.rasm -o OUT.rbc      assemble the text form
          corpus DIR                    run a conformance corpus (manifest.json + cases/)
          fuzz DIR [--count N] [--seed S]
                                        mutate the .rbc files in DIR and decode them
          fuzz-snapshot DIR [--count N] [--seed S]
                                        mutate snapshots of DIR's cases and restore them
          bench-decode DIR              time decoding of the largest modules in DIR
          bench-snapshot DIR            snapshot size and time of the benchmarks suspended halfway
          bench DIR [--runs N] [--warmup N] [--filter S] [--out FILE] [--max-heap B]
                                        time the corpus benchmarks (DIR/bench) against the reference
                                        (--max-heap 0: with the heap limit off)

        rusk-vm COMMAND --help shows a command's options.
        """;

    static int Main(string[] args)
    {
        // Asked-for help is output (stdout, exit 0); a missing or unknown command is a usage error
        // (stderr, exit 2), as in every command.
        if (args.Length == 0) return Cli.ShowUsage(Usage);
        if (args[0] is "-h" or "--help" or "help")
        {
            Console.Out.WriteLine(Usage);
            return 0;
        }
        var rest = args.AsSpan(1).ToArray();
        switch (args[0])
        {
            case "run": return RunCommand.Execute(rest);
            case "resume": return ResumeCommand.Execute(rest);
            case "replay": return ReplayCommand.Execute(rest);
            case "fuzz-snapshot": return FuzzSnapshotCommand.Execute(rest);
            case "bench-snapshot": return BenchSnapshotCommand.Execute(rest);
            case "verify": return VerifyCommand.Execute(rest);
            case "dis": return DisCommand.Execute(rest);
            case "asm": return AsmCommand.Execute(rest);
            case "corpus": return CorpusCommand.Execute(rest);
            case "fuzz": return FuzzCommand.Execute(rest);
            case "bench-decode": return BenchDecodeCommand.Execute(rest);
            case "bench": return BenchCommand.Execute(rest);
            default:
                return Cli.UsageError("", $"unknown command `{args[0]}`", Usage);
        }
    }
}
