// The heap limit in Chromium (issue 11): each runaway-allocation program of the .NET tests
// (tests/Rusk.Vm.Tests/Rasm/memory) traps "out of memory" under createVm's maxHeapBytes, on the main
// thread and in worker mode; the same page then runs another VM to its result, and the page's wasm
// memory stays far below what the programs would take without the limit.
using System;
using System.IO;
using System.Threading.Tasks;
using NUnit.Framework;
using Rusk.Vm.Format;
using Rusk.Vm.Text;

namespace Rusk.Browser.Tests;

[TestFixture]
public class MemoryLimitTests : BrowserTest
{
    const long Limit = 4L * 1024 * 1024;

    static readonly string[] Runaways =
    {
        "array_growth_traps", "string_doubling_traps", "bytes_doubling_traps", "deep_struct_chain_traps",
        "tuple_chain_traps", "closure_chain_traps", "continuations_captured_in_a_loop_trap",
    };

    static string Base64(string name)
    {
        var path = Path.Combine(Paths.RepoRoot, "tests", "Rusk.Vm.Tests", "Rasm", "memory", name + ".rasm");
        return Convert.ToBase64String(RbcWriter.Encode(Assembler.Assemble(File.ReadAllText(path))));
    }

    static string Programs()
    {
        var js = "const bytesOf = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));\nconst programs = {\n";
        foreach (var n in Runaways) js += $"  '{n}': bytesOf('{Base64(n)}'),\n";
        return js + "};\n" + $"const bounded = bytesOf('{Base64("growth_under_the_limit_runs")}');\n";
    }

    [Test]
    public async Task Runaway_programs_trap_out_of_memory_and_the_page_runs_another_vm_after()
    {
        var r = await Js<string[]>(Programs() + $$"""
            const before = rusk.diagnostics().wasmMemoryBytes;
            const out = [];
            for (const [name, bytes] of Object.entries(programs)) {
              const vm = rusk.createVm(bytes, { maxHeapBytes: {{Limit}} });
              let s;
              do s = vm.step(1000000); while (s.tag === 'yield');
              out.push(`${name}: ${s.tag}: ${s.message}`);
              vm.dispose();
            }
            const after = rusk.diagnostics().wasmMemoryBytes;
            const next = rusk.createVm(bounded, { maxHeapBytes: {{Limit}} });
            const done = next.step();
            next.dispose();
            out.push(`bounded: ${done.tag}: ${done.value}`);
            out.push(String(after - before));
            return out;
            """);
        for (int i = 0; i < Runaways.Length; i++)
            Assert.That(r[i], Is.EqualTo($"{Runaways[i]}: trap: out of memory: heap limit of {Limit} bytes (maxHeapBytes) exceeded"));
        Assert.That(r[Runaways.Length], Is.EqualTo("bounded: done: 50000"));
        // Unlimited, the first program alone grows to gigabytes; seven 4 MiB VMs leave room for the GC's slack.
        Assert.That(long.Parse(r[Runaways.Length + 1]), Is.LessThan(256L << 20), "wasm memory growth in bytes");
    }

    [Test]
    public async Task Worker_vm_traps_out_of_memory_and_the_worker_runs_another_vm_after()
    {
        var r = await Js<string[]>(Programs() + $$"""
            const worker = await Rusk.loadRusk({ worker: true, engine: '{{Engine}}' });
            try {
              const vm = await worker.createVm(programs['array_growth_traps'], { maxHeapBytes: {{Limit}} });
              let e;
              try { await vm.run(); } catch (x) { e = x; }
              const next = await worker.createVm(bounded, { maxHeapBytes: {{Limit}} });
              const value = await next.run();
              return [String(e instanceof Rusk.RuskTrapError), e.message, String(value),
                err(() => rusk.createVm(bounded, { maxHeapBytes: -1 })), err(() => rusk.createVm(bounded, { maxHeapBytes: '1' }))];
            } finally { worker.terminate(); }
            """);
        Assert.That(r[0], Is.EqualTo("true"));
        Assert.That(r[1], Is.EqualTo($"out of memory: heap limit of {Limit} bytes (maxHeapBytes) exceeded"));
        Assert.That(r[2], Is.EqualTo("50000"));
        Assert.That(r[3], Is.EqualTo("RangeError: createVm options.maxHeapBytes: expected a positive integer, got -1"));
        Assert.That(r[4], Is.EqualTo("TypeError: createVm options.maxHeapBytes: expected a number of bytes"));
    }
}

/// <summary>The same limits on the AOT engine (the VM's objects are WasmGC objects there).</summary>
[TestFixture]
public sealed class AotMemoryLimitTests : MemoryLimitTests
{
    protected override string Engine => "aot";
}
