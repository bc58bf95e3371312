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

    /// <summary>The engines reported side by side: the Mono runtime and the AOT module.</summary>
    static readonly string[] Engines = { "mono", "aot" };

    sealed class EngineRun
    {
        public List<JsonElement> Cold { get; } = new();
        public Dictionary<string, long> Served { get; set; } = new();
        public JsonElement PerCall { get; set; }
        public JsonElement Lifetimes { get; set; }
    }

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

            var runs = new Dictionary<string, EngineRun>();
            foreach (var e in Engines) runs[e] = new EngineRun();
            // Engines interleaved run by run, so a noisy machine slows both alike.
            for (int run = 0; run < ColdRuns; run++)
            {
                foreach (var engine in Engines)
                {
                    var r = runs[engine];
                    // A fresh browser profile per run: nothing cached, the runtime boots from the network.
                    await using var session = await BrowserSession.StartAsync(null, ("/bench/", benchDir));
                    var page = await session.OpenAsync($"/web/bench.html?engine={engine}");
                    r.Cold.Add(JsonDocument.Parse(await page.EvaluateAsync<string>("() => JSON.stringify(window.cold)")).RootElement);
                    if (run == 0) lock (session.Server.Served) r.Served = new Dictionary<string, long>(session.Server.Served);
                    if (run == ColdRuns - 1)
                    {
                        r.PerCall = JsonDocument.Parse(await page.EvaluateAsync<string>(
                            $"async () => JSON.stringify(await (await import('/web/bench.js')).perCall(rusk, {N}))")).RootElement;
                        r.Lifetimes = JsonDocument.Parse(await page.EvaluateAsync<string>(LifetimesScript)).RootElement;
                    }
                }
            }

            var sb = new StringBuilder();
            sb.AppendLine($"# Browser report: engines {string.Join(" and ", Engines)} side by side (`make report-browser`)");
            sb.AppendLine();
            foreach (var e in Engines) Sizes(sb, e, runs[e].Served);
            ColdStart(sb, runs);
            PerCall(sb, runs);
            Lifetimes(sb, runs);
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

    static void Sizes(StringBuilder sb, string engine, Dictionary<string, long> served)
    {
        sb.AppendLine($"## Bytes a page fetches on the {engine} engine (the runtime and the glue, from dist/)");
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

    /// <summary>A table header: the first column's title, then one column per engine.</summary>
    static void Header(StringBuilder sb, string first)
    {
        sb.Append($"| {first} |");
        foreach (var e in Engines) sb.Append($" {e} |");
        sb.AppendLine();
        sb.Append("|---|");
        foreach (var _ in Engines) sb.Append("---:|");
        sb.AppendLine();
    }

    /// <summary>One row: the label, then each engine's value as <paramref name="cell"/> formats it.</summary>
    static void Row(StringBuilder sb, string label, Func<string, string> cell)
    {
        sb.Append($"| {label} |");
        foreach (var e in Engines) sb.Append($" {cell(e)} |");
        sb.AppendLine();
    }

    static string F(double x, string format) => x.ToString(format, CultureInfo.InvariantCulture);

    static void ColdStart(StringBuilder sb, Dictionary<string, EngineRun> runs)
    {
        sb.AppendLine($"## Cold start (fresh profile, loopback server; median of {ColdRuns}, engines interleaved; every run in brackets)");
        sb.AppendLine();
        Header(sb, "milestone (ms since navigation start)");
        foreach (var (key, label) in new[]
        {
            ("scriptStart", "page script starts"), ("imported", "dist/index.js imported"),
            ("booted", "runtime booted (loadRusk)"), ("firstResult", "first step result of the sample"),
        })
        {
            Row(sb, label, e =>
            {
                var xs = new List<double>();
                foreach (var r in runs[e].Cold) xs.Add(r.GetProperty(key).GetDouble());
                var sorted = new List<double>(xs);
                sorted.Sort();
                return $"{F(sorted[sorted.Count / 2], "F0")} ({string.Join(", ", xs.ConvertAll(x => F(x, "F0")))})";
            });
        }
        sb.AppendLine();
    }

    static void PerCall(StringBuilder sb, Dictionary<string, EngineRun> runs)
    {
        double D(string e, string key) => runs[e].PerCall.GetProperty(key).GetDouble();
        sb.AppendLine($"## Per-call costs (median of 5, after a warm-up; loops of {N:N0} iterations)");
        sb.AppendLine();
        Header(sb, "what");
        Row(sb, "`vm.step(0)` (a full JS → engine → JS round trip, no instruction)", e => $"{F(D(e, "stepNoWorkUs"), "F2")} µs");
        Row(sb, "host import call (JS function, int → int), over the bare loop", e => $"{F(D(e, "hostCallUs"), "F2")} µs");
        Row(sb, "effect round trip (`step` → request → `resume`), over the bare loop", e => $"{F(D(e, "effectRoundTripUs"), "F2")} µs");
        Row(sb, "bare loop iteration (5 instructions)", e => $"{F(D(e, "loopIterationUs"), "F3")} µs");
        Row(sb, "interpreter throughput", e => $"{F(D(e, "instructionsPerSecond") / 1e6, "F1")} M instructions/s");
        Row(sb, "decode a 187 KB corpus module (`loadModule`)", e => $"{F(D(e, "decodeCorpusModuleMs"), "F1")} ms");
        sb.AppendLine();
    }

    static void Lifetimes(StringBuilder sb, Dictionary<string, EngineRun> runs)
    {
        static double D(JsonElement e, string key) => e.GetProperty(key).GetDouble();
        // The .NET heap is the Mono engine's; the AOT engine's objects live in the browser's GC heap (-1).
        static string Managed(double bytes) => bytes < 0 ? "n/a (browser GC heap)" : $"{bytes:N0}";
        JsonElement L(string e, string part) => runs[e].Lifetimes.GetProperty(part);

        var m0 = L(Engines[0], "many");
        sb.AppendLine($"## Many VMs of one module ({D(m0, "count"):N0} VMs from one `rusk.loadModule(bytes)`, all suspended at once; web/many-vms.rasm)");
        sb.AppendLine();
        Header(sb, "what");
        Row(sb, "suspended at once / wrong results after resuming all", e => $"{D(L(e, "many"), "suspended"):N0} / {D(L(e, "many"), "wrong"):N0}");
        Row(sb, "`rusk.createVm(module)`, first 1,000 (cold runtime code)", e => $"{F(D(L(e, "many"), "firstCreateUs"), "F1")} µs/VM");
        Row(sb, "`rusk.createVm(module)`, warm (median of 3 rounds)", e => $"{F(D(L(e, "many"), "createUs"), "F1")} µs/VM");
        Row(sb, "step to the request (a host import call, then the effect request)", e => $"{F(D(L(e, "many"), "toRequestUs"), "F1")} µs/VM");
        Row(sb, "resume + step to done", e => $"{F(D(L(e, "many"), "resumeToDoneUs"), "F1")} µs/VM");
        Row(sb, ".NET managed heap per suspended VM (full GC before and after), bytes", e => Managed(e == "aot" ? -1 : D(L(e, "many"), "managedBytesPerVm")));
        Row(sb, "wasm linear memory growth per VM, first 1,000 / warm rounds, bytes", e => $"{D(L(e, "many"), "firstWasmBytesPerVm"):N0} / {D(L(e, "many"), "wasmBytesPerVm"):N0}");
        sb.AppendLine();

        var h0 = L(Engines[0], "handles");
        sb.AppendLine($"## Handle churn ({D(h0, "turns"):N0} turns of web/lifetimes.rasm: {D(h0, "composites"):N0} composite values + {D(h0, "pinned"):N0} pinned continuations reach JS, dropped without dispose())");
        sb.AppendLine();
        Header(sb, "what");
        foreach (var (part, label) in new[] { ("held", "held after the run, before any collection (+ the Vm and its module)"), ("after", "after `gc()` until released") })
        {
            Row(sb, $"JS handles (`store.size`), {label}", e => $"{D(L(e, "handles").GetProperty(part), "handles"):N0}");
            Row(sb, $"composite values in the engine, {label}", e => $"{D(L(e, "handles").GetProperty(part), "compositeValues"):N0}");
            Row(sb, $"pinned continuations in the engine, {label}", e => $"{D(L(e, "handles").GetProperty(part), "pinnedContinuations"):N0}");
        }
        Row(sb, "time until released by `gc()`", e => $"{F(D(L(e, "handles"), "gcMs"), "F0")} ms");
        Row(sb, "program result correct", e => L(e, "handles").GetProperty("correct").GetBoolean() ? "yes" : "**no**");
        Row(sb, "µs per turn (3 host import calls, a request answered with an `abi.struct`, a continuation captured in the VM, 22 handles)",
            e => F(D(L(e, "handles"), "runMs") * 1000 / D(L(e, "handles"), "turns"), "F0"));
        sb.AppendLine();

        var c0 = L(Engines[0], "vmChurn");
        sb.AppendLine($"## VM churn ({D(c0, "count"):N0} VMs disposed while suspended, then {D(c0, "count"):N0} dropped while suspended and released by the FinalizationRegistry; after a warm-up of 1,000 each)");
        sb.AppendLine();
        Header(sb, "what");
        foreach (var (part, label) in new[] { ("before", "before"), ("afterDispose", "after disposing"), ("afterDrop", "after dropping") })
        {
            Row(sb, $"live VMs, {label}", e => $"{D(L(e, "vmChurn").GetProperty(part), "vms"):N0}");
            Row(sb, $".NET managed heap (after a full GC), {label}", e => Managed(D(L(e, "vmChurn").GetProperty(part), "managedBytes")));
            Row(sb, $"wasm linear memory, {label}", e => $"{D(L(e, "vmChurn").GetProperty(part), "wasmMemoryBytes"):N0}");
        }
        Row(sb, "time per VM: create, step to the request, dispose", e => $"{F(D(L(e, "vmChurn"), "disposeMs") * 1000 / D(L(e, "vmChurn"), "count"), "F0")} µs");
        Row(sb, "time per VM: create, step to the request, drop (gc() every 500)", e => $"{F(D(L(e, "vmChurn"), "dropMs") * 1000 / D(L(e, "vmChurn"), "count"), "F0")} µs");
        Row(sb, "VMs that did not suspend on their request", e => $"{D(L(e, "vmChurn"), "odd"):N0}");
        sb.AppendLine();
    }
}
