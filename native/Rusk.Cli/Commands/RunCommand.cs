// rusk-vm run FILE.rbc: loads a module and runs its main with std::print/println on stdout, like the
// reference `rusk FILE.rbc`. Exit 0 when main returns, 1 on a trap or any other failure, 2 on usage.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using Rusk.Cli.Corpus;
using Rusk.Cli.Hosts;
using Rusk.Vm.Format;

namespace Rusk.Cli;

using Rusk.Vm;

static class RunCommand
{
    const string Usage = """
        usage: rusk-vm run FILE.rbc [ARGS...] [--fuel N] [--max-heap BYTES] [--metrics] [--print-result] [--test-hosts] [--bench-hosts]
                   [--snapshot-on-request OUT] [--journal OUT] [-- ARGS...]

          ARGS            passed to main(argv) as [absolute FILE path, ARGS...] when main takes a parameter
          --fuel N        stop (exit 1) once N instructions have run in total
          --max-heap BYTES  the VM's heap limit (default 268435456); past it the program traps `out of memory`
          --metrics       print the executed-instruction count to stderr
          --print-result  print main's return value (in the corpus runner's notation) to stdout
          --test-hosts    also install the conformance corpus's host imports (test::*, abi::*, host::*,
                          js::*, dom::*, core::*) and answer its external effects (TestFfi.*, HostFx.swap);
                          js::log / dom::set_text lines go to stderr
          --bench-hosts   also install the micro benchmarks' host import bench::host_inc(int) -> int and
                          answer their external effect Bench.inc(int) -> int, both with x + 1 (perf/micro)
          --snapshot-on-request OUT
                          when the program first suspends on a request, write the VM's snapshot to OUT
                          and stop (exit 0); `rusk-vm resume OUT FILE.rbc --answer VALUE` goes on from there
          --journal OUT   record a replay journal of the run and write it to OUT when the run stops
                          (`rusk-vm replay OUT FILE.rbc` re-runs it without hosts)
          --              everything after it is an ARG, even when it looks like an option

        Only std::print and std::println are provided otherwise, and only if the module imports them.
        An external effect request that is not answered ends the run: the effect and its arguments are
        printed to stderr and the exit status is 1 (the reference CLI does the same).
        On a trap the message and the Rusk stack go to stderr, exit status 1.
        """;

    public static int Execute(string[] args)
    {
        string? file = null;
        var programArgs = new List<string>();
        ulong? fuel = null;
        long maxHeap = VmOptions.DefaultMaxHeapBytes;
        bool metrics = false, printResult = false, testHosts = false, benchHosts = false, rest = false;
        var durable = new DurableOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            if (!rest)
            {
                switch (a)
                {
                    case "-h" or "--help": Console.Out.WriteLine(Usage); return 0;
                    case "--": rest = true; continue;
                    case "--metrics": metrics = true; continue;
                    case "--print-result": printResult = true; continue;
                    case "--test-hosts": testHosts = true; continue;
                    case "--bench-hosts": benchHosts = true; continue;
                    case "--snapshot-on-request" or "--journal":
                        if (i + 1 >= args.Length) return UsageError($"{a} needs a file name");
                        if (a == "--journal") durable.JournalOut = args[++i]; else durable.SnapshotOut = args[++i];
                        continue;
                    case "--fuel":
                        if (i + 1 >= args.Length) return UsageError("--fuel needs a value");
                        if (!ulong.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out ulong f))
                            return UsageError($"--fuel expects a non-negative integer, found `{args[i]}`");
                        fuel = f;
                        continue;
                    case "--max-heap":
                        if (i + 1 >= args.Length) return UsageError("--max-heap needs a value");
                        if (!long.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out maxHeap) || maxHeap < 1)
                            return UsageError($"--max-heap expects a positive integer, found `{args[i]}`");
                        continue;
                }
                if (a.StartsWith("--", StringComparison.Ordinal) && file == null) return UsageError($"unknown option `{a}`");
            }
            if (file == null) file = a;
            else programArgs.Add(a);
        }
        if (file == null) return UsageError("missing FILE.rbc");

        Module? module = Cli.LoadModule("run", file);
        if (module == null) return 1;

        var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16);
        try
        {
            return Run(module, file, programArgs, fuel, maxHeap, metrics, printResult, testHosts, benchHosts, durable, stdout);
        }
        finally
        {
            stdout.Flush();
        }
    }

    static int Run(Module module, string file, List<string> programArgs, ulong? fuel, long maxHeap, bool metrics, bool printResult,
        bool testHosts, bool benchHosts, DurableOptions durable, StreamWriter stdout)
    {
        string[]? argv = null;
        if (module.Entry < module.Functions.Length && module.Functions[module.Entry].ParamCount > 0)
        {
            argv = new string[programArgs.Count + 1];
            argv[0] = Path.GetFullPath(file);
            programArgs.CopyTo(argv, 1);
        }

        Vm vm;
        try
        {
            vm = new Vm(module, new VmOptions { Argv = argv, MaxHeapBytes = maxHeap, EnableMetrics = metrics || fuel != null, Journal = durable.JournalOut != null });
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"rusk-vm run: vm init error: {e.Message}");
            return 1;
        }

        return Drive(vm, fuel, metrics, printResult, testHosts, benchHosts, durable, stdout);
    }

    /// <summary>Installs the hosts and steps <paramref name="vm"/> until it stops (run, and resume after its answer).</summary>
    internal static int Drive(Vm vm, ulong? fuel, bool metrics, bool printResult, bool testHosts, bool benchHosts,
        DurableOptions durable, StreamWriter stdout)
    {
        var state = new HostState(stdout) { HostLogEcho = testHosts ? Console.Error : null };
        if (testHosts) HostRegistry.InstallAll(vm, state);
        else HostRegistry.InstallStdIo(vm, state);
        if (benchHosts) BenchHosts.Install(vm);
        var answerer = testHosts ? new EffectAnswerer() : null;
        using var journal = durable.WriteJournalOnExit(vm);

        try
        {
            while (true)
            {
                StepResult r;
                if (fuel is ulong budget)
                {
                    ulong used = vm.Metrics.ExecutedInstructions;
                    if (used >= budget)
                    {
                        stdout.Flush();
                        Console.Error.WriteLine($"rusk-vm run: out of fuel after {budget} instructions");
                        ReportMetrics(vm, metrics, stdout);
                        return 1;
                    }
                    r = vm.Step(budget - used);
                }
                else r = vm.Step();

                switch (r.Kind)
                {
                    case StepKind.Done:
                        if (printResult) stdout.WriteLine(ValueText.FromAbi(r.Value, vm.HostContext));
                        ReportMetrics(vm, metrics, stdout);
                        return 0;
                    case StepKind.Trap:
                        stdout.Flush();
                        Console.Error.WriteLine($"runtime error: {r.Message}");
                        PrintStack(r.Stack);
                        ReportMetrics(vm, metrics, stdout);
                        return 1;
                    case StepKind.Yield:
                        if (fuel == null)
                        {
                            stdout.Flush();
                            Console.Error.WriteLine("runtime error: unexpected yield");
                            return 1;
                        }
                        continue;
                    default:
                        if (durable.SnapshotOut != null) return durable.WriteSnapshot(vm, r, stdout);
                        if (!AnswerRequest(vm, r, answerer, benchHosts, stdout))
                        {
                            ReportMetrics(vm, metrics, stdout);
                            return 1;
                        }
                        continue;
                }
            }
        }
        catch (Exception e)
        {
            // API misuse or a VM bug: reported, never an unhandled crash of the CLI.
            stdout.Flush();
            Console.Error.WriteLine($"rusk-vm run: internal error: {e.GetType().Name}: {e.Message}");
            return 1;
        }
    }

    static bool AnswerRequest(Vm vm, StepResult r, EffectAnswerer? answerer, bool benchHosts, StreamWriter stdout)
    {
        var effects = vm.Module.ExternalEffects;
        string name = r.EffectId < effects.Length ? effects[r.EffectId].Interface + "." + effects[r.EffectId].Method : $"<unknown {r.EffectId}>";
        string error = "no host answers external effects (try --test-hosts or --bench-hosts)";
        if (benchHosts && r.EffectId < effects.Length)
        {
            if (BenchHosts.TryAnswer(effects[r.EffectId], r.Args, out var answer, out error)) { vm.Resume(r.K, answer); return true; }
        }
        if (answerer != null && r.EffectId < effects.Length)
        {
            switch (answerer.Answer(effects[r.EffectId], r.Args, vm.HostContext, out var value, out error))
            {
                case AnswerKind.Resume: vm.Resume(r.K, value); return true;
                case AnswerKind.Drop: vm.DropContinuation(r.K); return true;
            }
        }
        var args = new string[r.Args.Count];
        for (int i = 0; i < args.Length; i++) args[i] = ValueText.FromAbi(r.Args[i], vm.HostContext);
        stdout.Flush();
        Console.Error.WriteLine($"runtime error: external effect request: {ValueText.Request(name, args, "?")} ({error})");
        return false;
    }

    static void ReportMetrics(Vm vm, bool metrics, StreamWriter stdout)
    {
        if (!metrics) return;
        stdout.Flush();
        Console.Error.WriteLine($"executed instructions: {vm.Metrics.ExecutedInstructions}");
    }

    static int UsageError(string message) => Cli.UsageError("run", message, Usage);

    // A deep recursion traps with up to MaxFrames frames; show both ends, like a native backtrace.
    const int StackHead = 20, StackTail = 5;

    static void PrintStack(System.Collections.Generic.IReadOnlyList<RuskStackFrame> stack)
    {
        int n = stack.Count;
        for (int i = 0; i < n; i++)
        {
            if (n > StackHead + StackTail && i == StackHead)
            {
                Console.Error.WriteLine($"  ... {n - StackHead - StackTail} more frames ...");
                i = n - StackTail;
            }
            Console.Error.WriteLine($"  at {stack[i].Function} @ pc {stack[i].Pc}");
        }
    }

}
