// `make report-browser` (a benchmark, not a test): the bytes a page fetches (raw, gzip, brotli per
// file), cold start to the first step result in fresh profiles, per-call costs of step, a host
// import call and an effect round trip, and lifetimes (many VMs, handle churn, VM churn; the
// workloads of LifetimeTests in web/lifetimes.js). Loop programs are assembled here from .rasm text.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Rusk.Vm.Format;
using Rusk.Vm.Text;

namespace Rusk.Browser.Host;

static class Report
{
    const int N = 100_000;
    const int ColdRuns = 3;

    static string LoopProgram(string body, string decls) => $$"""
        {{decls}}
        fn main params 0 {
            r0 = const 0
            r1 = const {{N}}
            r2 = const 1
        loop:
            r3 = int_lt r0, r1
            jump_if r3, body, done
        body:
            {{body}}
            r0 = int_add r0, r2
            jump loop
        done:
            return r0
        }
        """;

    const string LifetimesScript = """
        async () => {
          const load = async (url) => new Uint8Array(await (await fetch(url)).arrayBuffer());
          const lt = await import('/web/lifetimes.js');
          return JSON.stringify(await lt.report(rusk, await load('/bench/lifetimes.rbc'), await load('/bench/many-vms.rbc')));
        }
        """;

    public static async Task<int> RunAsync()
    {
        string benchDir = Path.Combine(Path.GetTempPath(), "rusk-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(benchDir);
        try
        {
            Write(benchDir, "loop", LoopProgram("r4 = copy r0", ""));
            Write(benchDir, "host", LoopProgram("r4 = call host \"bench::id\"(r0)", "host \"bench::id\" (int) -> int"));
            Write(benchDir, "effect", LoopProgram("r4 = perform Bench.ping(r0)", "effect Bench.ping (int) -> int"));
            foreach (var name in new[] { "lifetimes", "many-vms" })
                Write(benchDir, name, File.ReadAllText(Path.Combine(Paths.Web, name + ".rasm")));

            var cold = new List<JsonElement>();
            Dictionary<string, long>? served = null;
            string perCall = "", lifetimes = "";
            for (int run = 0; run < ColdRuns; run++)
            {
                // A fresh browser profile per run: nothing cached, the runtime boots from the network.
                await using var session = await BrowserSession.StartAsync(null, ("/bench/", benchDir));
                var page = await session.OpenAsync("/web/bench.html");
                cold.Add(JsonDocument.Parse(await page.EvaluateAsync<string>("() => JSON.stringify(window.cold)")).RootElement);
                if (run == 0) lock (session.Server.Served) served = new Dictionary<string, long>(session.Server.Served);
                if (run == ColdRuns - 1)
                {
                    perCall = await page.EvaluateAsync<string>(
                        $"async () => JSON.stringify(await (await import('/web/bench.js')).perCall(rusk, {N}))");
                    lifetimes = await page.EvaluateAsync<string>(LifetimesScript);
                }
            }

            var sb = new StringBuilder();
            Sizes(sb, served!);
            ColdStart(sb, cold);
            PerCall(sb, JsonDocument.Parse(perCall).RootElement);
            Lifetimes(sb, JsonDocument.Parse(lifetimes).RootElement);
            Console.Write(sb.ToString());
            string outDir = Path.Combine(Paths.RepoRoot, "perf", "out");
            Directory.CreateDirectory(outDir);
            File.WriteAllText(Path.Combine(outDir, "browser-report.md"), sb.ToString());
            return 0;
        }
        finally
        {
            try { Directory.Delete(benchDir, true); } catch (IOException) { }
        }
    }

    static void Write(string dir, string name, string rasm) =>
        File.WriteAllBytes(Path.Combine(dir, name + ".rbc"), RbcWriter.Encode(Assembler.Assemble(rasm)));

    static void Sizes(StringBuilder sb, Dictionary<string, long> served)
    {
        sb.AppendLine("## Bytes a page fetches (the runtime and the glue, from dist/)");
        sb.AppendLine();
        sb.AppendLine("| file | raw | gzip -9 | brotli q11 |");
        sb.AppendLine("|---|---:|---:|---:|");
        var paths = new List<string>();
        foreach (var p in served.Keys) if (p.StartsWith("/dist/", StringComparison.Ordinal)) paths.Add(p);
        paths.Sort(StringComparer.Ordinal);
        long raw = 0, gz = 0, br = 0;
        foreach (var p in paths)
        {
            byte[] bytes = File.ReadAllBytes(Path.Combine(Paths.Dist, p.Substring("/dist/".Length)));
            long g = Gzip(bytes), b = Brotli(bytes);
            raw += bytes.Length; gz += g; br += b;
            sb.AppendLine($"| {p.Substring("/dist/".Length)} | {bytes.Length:N0} | {g:N0} | {b:N0} |");
        }
        sb.AppendLine($"| **total ({paths.Count} files)** | **{raw:N0}** | **{gz:N0}** | **{br:N0}** |");
        sb.AppendLine();
    }

    static long Gzip(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var z = new GZipStream(ms, CompressionLevel.SmallestSize, leaveOpen: true)) z.Write(data);
        return ms.Length;
    }

    static long Brotli(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var z = new BrotliStream(ms, CompressionLevel.SmallestSize, leaveOpen: true)) z.Write(data);
        return ms.Length;
    }

    static void ColdStart(StringBuilder sb, List<JsonElement> runs)
    {
        sb.AppendLine($"## Cold start (fresh profile, loopback server; median of {runs.Count})");
        sb.AppendLine();
        sb.AppendLine("| milestone (ms since navigation start) | median | runs |");
        sb.AppendLine("|---|---:|---|");
        foreach (var (key, label) in new[]
        {
            ("scriptStart", "page script starts"), ("imported", "dist/index.js imported"),
            ("booted", "runtime booted (loadRusk)"), ("firstResult", "first step result of the sample"),
        })
        {
            var xs = new List<double>();
            foreach (var r in runs) xs.Add(r.GetProperty(key).GetDouble());
            var sorted = new List<double>(xs);
            sorted.Sort();
            sb.AppendLine($"| {label} | {sorted[sorted.Count / 2]:F0} | {string.Join(", ", xs.ConvertAll(x => x.ToString("F0", CultureInfo.InvariantCulture)))} |");
        }
        sb.AppendLine();
    }

    static void PerCall(StringBuilder sb, JsonElement r)
    {
        sb.AppendLine($"## Per-call costs (median of 5, after a warm-up; loops of {r.GetProperty("n").GetInt32():N0} iterations)");
        sb.AppendLine();
        sb.AppendLine("| what | cost |");
        sb.AppendLine("|---|---:|");
        sb.AppendLine($"| `vm.step(0)` (a full JS → .NET → JS round trip, no instruction) | {r.GetProperty("stepNoWorkUs").GetDouble():F2} µs |");
        sb.AppendLine($"| host import call (JS function, int → int), over the bare loop | {r.GetProperty("hostCallUs").GetDouble():F2} µs |");
        sb.AppendLine($"| effect round trip (`step` → request → `resume`), over the bare loop | {r.GetProperty("effectRoundTripUs").GetDouble():F2} µs |");
        sb.AppendLine($"| bare loop iteration (5 instructions) | {r.GetProperty("loopIterationUs").GetDouble():F3} µs |");
        sb.AppendLine($"| interpreter throughput | {r.GetProperty("instructionsPerSecond").GetDouble() / 1e6:F1} M instructions/s |");
        sb.AppendLine($"| decode a 187 KB corpus module (`loadModule`) | {r.GetProperty("decodeCorpusModuleMs").GetDouble():F1} ms |");
        sb.AppendLine();
    }

    static void Lifetimes(StringBuilder sb, JsonElement r)
    {
        static double D(JsonElement e, string key) => e.GetProperty(key).GetDouble();
        var m = r.GetProperty("many");
        sb.AppendLine($"## Many VMs of one module ({D(m, "count"):N0} VMs from one `rusk.loadModule(bytes)`, all suspended at once; web/many-vms.rasm)");
        sb.AppendLine();
        sb.AppendLine("| what | value |");
        sb.AppendLine("|---|---:|");
        sb.AppendLine($"| suspended at once / wrong results after resuming all | {D(m, "suspended"):N0} / {D(m, "wrong"):N0} |");
        sb.AppendLine($"| `rusk.createVm(module)`, first 1,000 (cold runtime code) | {D(m, "firstCreateUs"):F1} µs/VM |");
        sb.AppendLine($"| `rusk.createVm(module)`, warm (median of 3 rounds) | {D(m, "createUs"):F1} µs/VM |");
        sb.AppendLine($"| step to the request (a host import call, then the effect request) | {D(m, "toRequestUs"):F1} µs/VM |");
        sb.AppendLine($"| resume + step to done | {D(m, "resumeToDoneUs"):F1} µs/VM |");
        sb.AppendLine($"| .NET managed heap per suspended VM (full GC before and after) | {D(m, "managedBytesPerVm"):N0} bytes |");
        sb.AppendLine($"| wasm linear memory growth per VM, first 1,000 / warm rounds | {D(m, "firstWasmBytesPerVm"):N0} / {D(m, "wasmBytesPerVm"):N0} bytes |");
        sb.AppendLine();

        var h = r.GetProperty("handles");
        var held = h.GetProperty("held");
        var after = h.GetProperty("after");
        double handles = D(h, "composites") + D(h, "pinned");
        sb.AppendLine($"## Handle churn ({D(h, "turns"):N0} turns of web/lifetimes.rasm: {D(h, "composites"):N0} composite values + {D(h, "pinned"):N0} pinned continuations reach JS, dropped without dispose())");
        sb.AppendLine();
        sb.AppendLine("| what | JS handles (`store.size`) | .NET composite values | .NET pinned continuations |");
        sb.AppendLine("|---|---:|---:|---:|");
        sb.AppendLine($"| held after the run, before any collection (+ the Vm and its module) | {D(held, "handles"):N0} | {D(held, "compositeValues"):N0} | {D(held, "pinnedContinuations"):N0} |");
        sb.AppendLine($"| after `gc()` until released ({D(h, "gcMs"):F0} ms; program result correct: {h.GetProperty("correct").GetBoolean()}) | {D(after, "handles"):N0} | {D(after, "compositeValues"):N0} | {D(after, "pinnedContinuations"):N0} |");
        sb.AppendLine();
        sb.AppendLine($"The run: {D(h, "runMs"):F0} ms, {D(h, "runMs") * 1000 / D(h, "turns"):F0} µs per turn (3 host import calls, a request answered with an `abi.struct`, a continuation captured in the VM, 22 handles), {D(h, "runMs") * 1000 / handles:F1} µs per handle over all.");
        sb.AppendLine();

        var c = r.GetProperty("vmChurn");
        JsonElement b0 = c.GetProperty("before"), b1 = c.GetProperty("afterDispose"), b2 = c.GetProperty("afterDrop");
        sb.AppendLine($"## VM churn ({D(c, "count"):N0} VMs disposed while suspended, then {D(c, "count"):N0} dropped while suspended and released by the FinalizationRegistry; after a warm-up of 1,000 each)");
        sb.AppendLine();
        sb.AppendLine("| | before | after disposing | after dropping |");
        sb.AppendLine("|---|---:|---:|---:|");
        sb.AppendLine($"| live VMs | {D(b0, "vms"):N0} | {D(b1, "vms"):N0} | {D(b2, "vms"):N0} |");
        sb.AppendLine($"| .NET managed heap (after a full GC) | {D(b0, "managedBytes"):N0} | {D(b1, "managedBytes"):N0} | {D(b2, "managedBytes"):N0} |");
        sb.AppendLine($"| wasm linear memory | {D(b0, "wasmMemoryBytes"):N0} | {D(b1, "wasmMemoryBytes"):N0} | {D(b2, "wasmMemoryBytes"):N0} |");
        sb.AppendLine($"| time per VM (create, step to the request, dispose or drop) | | {D(c, "disposeMs") * 1000 / D(c, "count"):F0} µs | {D(c, "dropMs") * 1000 / D(c, "count"):F0} µs (with gc() every 500) |");
        sb.AppendLine();
        if (D(c, "odd") != 0) sb.AppendLine($"**{D(c, "odd"):N0} VMs did not suspend on their request.**");
    }
}
