// The interpreter benchmark (explicit: run with `dotnet test --filter Name~Bench_large`): each
// bench/*.large.rbc on a fresh VM per run, metrics off, timing only the Step loop, against the
// reference VM's native median from bench/manifest.json. Prints one line per program.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text.Json;
using NUnit.Framework;
using Rusk.Vm.Format;

namespace Rusk.Vm.Tests.Execution;

public sealed class BenchmarkTests
{
    [Test, Explicit("benchmark: seconds per program")]
    public void Bench_large_programs_against_the_reference()
    {
        string dir = Path.Combine(Paths.Corpus, "bench");
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "manifest.json")));
        double logSum = 0;
        int count = 0;
        foreach (var p in manifest.RootElement.GetProperty("programs").EnumerateArray())
        {
            string name = p.GetProperty("name").GetString()!;
            var large = p.GetProperty("large");
            double native = large.GetProperty("nativeMedianMs").GetDouble();
            var module = RbcReader.Decode(File.ReadAllBytes(Path.Combine(dir, name + ".large.rbc")));
            var times = new List<double>();
            StepResult? last = null;
            for (int run = 0; run < 6; run++)
            {
                var vm = new Vm(module);
                vm.RegisterHostImport("std::print", (cx, a) => AbiValue.Unit);
                vm.RegisterHostImport("std::println", (cx, a) => AbiValue.Unit);
                var sw = Stopwatch.StartNew();
                var r = vm.Step();
                sw.Stop();
                last = r;
                if (run > 0) times.Add(sw.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            double median = times[times.Count / 2];
            logSum += Math.Log(native / median);
            count++;
            TestContext.Out.WriteLine($"{name,-26} median {median,8:F1} ms  native {native,7:F1} ms  speedup {native / median,5:F2}x  {last}");
            Assert.That(last!.Kind, Is.EqualTo(StepKind.Done), name);
        }
        TestContext.Out.WriteLine($"geometric mean speedup {Math.Exp(logSum / count):F2}x");
    }
}
