// Lifetimes under load in Chromium: handles dropped by the hundred thousand come back through
// finalization on both sides (JS handle store, .NET value table and pinned continuations), VM
// churn leaves memory flat, handles that outlive their VM fail clearly, and a thousand VMs of one
// module suspend and resume together. Workloads: web/lifetimes.js over the two .rasm programs in
// web/, assembled here. Counts come from rusk.diagnostics().
using System;
using System.IO;
using System.Threading.Tasks;
using NUnit.Framework;
using Rusk.Vm.Format;
using Rusk.Vm.Text;

namespace Rusk.Browser.Tests;

[TestFixture]
public sealed class LifetimeTests : BrowserTest
{
    /// <summary>Binds `lt` (web/lifetimes.js) in every test body.</summary>
    const string Setup = "const lt = await import('/web/lifetimes.js');\n";

    /// <summary>Binds `churn` (lifetimes.rasm) and `many` (many-vms.rasm) .rbc bytes in every test body.</summary>
    string _programs = "";

    [OneTimeSetUp]
    public void AssemblePrograms()
    {
        _programs = $"""
            const churn = lt.bytesOf('{Base64("lifetimes")}');
            const many = lt.bytesOf('{Base64("many-vms")}');

            """;
    }

    /// <summary>A web/*.rasm program assembled by our assembler, as base64 .rbc.</summary>
    internal static string Base64(string name) =>
        Convert.ToBase64String(RbcWriter.Encode(Assembler.Assemble(File.ReadAllText(Path.Combine(Paths.Web, name + ".rasm")))));

    Task<T> Run<T>(string body) => Js<T>(Setup + _programs + body);

    [Test]
    public async Task A_hundred_thousand_dropped_handles_are_released_on_both_sides()
    {
        // 4,800 turns × 22 handles: 100,800 composite values and 4,800 pinned continuations reach
        // JS and are dropped without dispose(); the collector must give every one back.
        var r = await Run<double[]>("""
            await lt.gcUntil(() => false, 3);
            const base = rusk.diagnostics();
            const module = rusk.loadModule(churn);
            const run = lt.handleChurn(rusk, module, 4800);
            const h = run.held;
            const t0 = performance.now();
            const released = await lt.gcUntil(() => lt.backTo(rusk, { ...base, vms: base.vms + 1, modules: base.modules + 1, handles: base.handles + 2 }));
            const gcMs = performance.now() - t0;
            const after = rusk.diagnostics();
            run.vm.dispose();
            module.dispose();
            const end = rusk.diagnostics();
            return [
              run.tag === 'done' ? 1 : 0, run.value === run.expected ? 1 : 0, run.composites, run.pinned, run.requests,
              h.handles - base.handles, h.compositeValues - base.compositeValues, h.pinnedContinuations - base.pinnedContinuations,
              released ? 1 : 0, after.handles - base.handles, after.compositeValues - base.compositeValues, after.pinnedContinuations - base.pinnedContinuations,
              end.handles - base.handles, end.vms - base.vms, end.modules - base.modules, run.ms, gcMs,
            ];
            """);
        TestContext.Out.WriteLine($"run {r[15]:F0} ms, collection {r[16]:F0} ms");
        Assert.That(r[0..2], Is.EqualTo(new double[] { 1, 1 }), "the program ran to its expected sum");
        Assert.That(r[2..5], Is.EqualTo(new double[] { 100_800, 4_800, 4_800 }), "composites, pinned continuations, requests seen by JS");
        // While held: every handle is a store entry, and pins the value / continuation in .NET.
        Assert.That(r[5], Is.EqualTo(105_602), "JS handles held before collection (+ the Vm and its module)");
        Assert.That(r[6], Is.EqualTo(100_800), ".NET composite values held before collection");
        Assert.That(r[7], Is.EqualTo(4_800), ".NET pinned continuations held before collection");
        Assert.That(r[8], Is.EqualTo(1), "everything released after gc()");
        Assert.That(r[9..12], Is.EqualTo(new double[] { 2, 0, 0 }), "handles (the Vm and module only), composite values, pinned continuations after gc()");
        Assert.That(r[12..15], Is.EqualTo(new double[] { 0, 0, 0 }), "handles, vms, modules after dispose");
    }

    [Test]
    public async Task Vm_churn_leaves_memory_flat()
    {
        // 10,000 VMs disposed while suspended, 10,000 dropped while suspended (released by the
        // FinalizationRegistry). A warm-up of the same shape and size first: wasm linear memory only
        // grows, and how far the GC lets its heap grow before collecting is its own business (a
        // 2,000-VM warm-up left 30 MB of growth to the measured round on one run, with the managed
        // heap flat); a leak shows up as growth in a second identical round.
        var r = await Run<double[]>("""
            const module = rusk.loadModule(many);
            let odd = await lt.vmChurn(rusk, module, 10000, true) + await lt.vmChurn(rusk, module, 10000, false);
            await lt.gcUntil(() => false, 3);
            const before = rusk.diagnostics({ collect: true });
            odd += await lt.vmChurn(rusk, module, 10000, true);
            const mid = rusk.diagnostics();
            odd += await lt.vmChurn(rusk, module, 10000, false);
            await lt.gcUntil(() => false, 3);
            const after = rusk.diagnostics({ collect: true });
            module.dispose();
            return [odd, mid.vms - before.vms, after.vms - before.vms, after.handles - before.handles,
              after.managedBytes - before.managedBytes, after.wasmMemoryBytes - before.wasmMemoryBytes,
              before.managedBytes, before.wasmMemoryBytes];
            """);
        TestContext.Out.WriteLine($"managed {r[6]:N0} → +{r[4]:N0} bytes; wasm memory {r[7]:N0} → +{r[5]:N0} bytes");
        Assert.That(r[0], Is.EqualTo(0), "every VM suspended on its request");
        Assert.That(r[1..4], Is.EqualTo(new double[] { 0, 0, 0 }), "live VMs after disposing, after dropping; JS handles");
        // A VM holds tens of KB in .NET (its register stack alone is 16 KB): a leak of even one
        // percent of 20,000 VMs would pass 4 MB. The bounds allow for heap noise only.
        Assert.That(r[4], Is.LessThan(1 << 20), ".NET managed heap growth over 20,000 VMs (bytes)");
        Assert.That(r[5], Is.LessThan(16 << 20), "wasm linear memory growth over 20,000 VMs (bytes)");
    }

    [Test]
    public async Task A_vm_disposed_while_suspended_fails_its_handles_clearly_and_leaks_nothing()
    {
        var r = await Run<string[]>("""
            await lt.gcUntil(() => false, 3);
            const base = rusk.diagnostics();
            const module = rusk.loadModule(churn);
            const vm = rusk.createVm(module);
            let arr, point, kept;
            vm.registerHostImport('lt::count', () => 2n);
            vm.registerHostImport('lt::take', (a, p) => { arr = a; point = p; return 0n; });
            vm.registerHostImport('lt::keep', (k) => { kept = k; });
            const first = vm.step();
            vm.resume(first.k, { x: 0n, y: 0n });
            const req = vm.step();               // second turn: suspended on Lt.ask again, a pinned continuation held
            const pending = req.args[0];
            const other = rusk.createVm(module);
            other.registerHostImport('lt::count', () => 2n);
            other.registerHostImport('lt::take', () => 0n);
            other.registerHostImport('lt::keep', () => {});
            other.resume(other.step().k, { x: 0n, y: 0n });
            const otherReq = other.step();       // its second request: the same {index, generation} numbers as req.k
            const held = rusk.diagnostics();
            vm.dispose();
            const freed = rusk.diagnostics();
            const out = [
              req.tag, String(held.compositeValues - base.compositeValues), String(held.pinnedContinuations - base.pinnedContinuations),
              String(held.handles - freed.handles), String(held.compositeValues - freed.compositeValues),
              String(held.pinnedContinuations - freed.pinnedContinuations), String(held.vms - freed.vms),
              String(vm.disposed), String(pending.disposed), String(arr.disposed), String(kept.disposed),
              err(() => vm.resume(req.k, { x: 1n, y: 1n })),
              err(() => other.resume(req.k, { x: 1n, y: 1n })),
              err(() => other.dropContinuation(req.k)),
              err(() => pending.field('x')),
              err(() => point.toJS()),
              err(() => arr.get(0)),
              err(() => other.dropPinnedContinuation(kept)),
              err(() => other.resumePinnedContinuationTail(kept, 0n)),
              show(otherReq.k) === show(req.k) ? 'same numbers' : 'different numbers',
              String(other.isSuspended()),
            ];
            other.resume(otherReq.k, { x: 4n, y: 0n });
            out.push(show(other.step()));
            other.dispose();
            module.dispose();
            const cleared = await lt.gcUntil(() => lt.backTo(rusk, base));
            const end = rusk.diagnostics();
            out.push(String(cleared), String(end.handles - base.handles), String(end.compositeValues - base.compositeValues),
              String(end.pinnedContinuations - base.pinnedContinuations), String(end.vms - base.vms));
            return out;
            """);
        // Nothing was collected yet (no await since the steps): two turns of each VM (lt::take's
        // 20 composites and Lt.ask's argument each) and each one's turn-0 pinned continuation.
        Assert.That(r[0..3], Is.EqualTo(new[] { "request", "84", "2" }), "suspended; composite values and pinned continuations held");
        // dispose() releases at once, without waiting for the collector, the Vm and its 42 + 1 handles.
        Assert.That(r[3..7], Is.EqualTo(new[] { "44", "42", "1", "1" }), "released by dispose: JS handles, composite values, pinned continuations, VMs");
        Assert.That(r[7..11], Is.EqualTo(new[] { "true", "true", "true", "true" }), "the Vm and every handle it gave out read as disposed");
        Assert.That(r[11..19], Is.EqualTo(new[]
        {
            "Error: Vm used after dispose",
            "Error: continuation belongs to a disposed Vm",
            "Error: continuation belongs to a disposed Vm",
            "Error: composite value used after dispose (its Vm was disposed)",
            "Error: composite value used after dispose (its Vm was disposed)",
            "Error: composite value used after dispose (its Vm was disposed)",
            "Error: pinned continuation belongs to a disposed Vm",
            "Error: pinned continuation belongs to a disposed Vm",
        }));
        // The other VM's request has the same numbers, so only the owner check kept it from being
        // resumed by the disposed VM's handle; it is still suspended and runs on: turn 0 gives
        // 0 + 0 + 0, turn 1 gives take 0 + ask.x 4 + 1.
        Assert.That(r[19..22], Is.EqualTo(new[] { "same numbers", "true", "{\"tag\":\"done\",\"value\":\"5n\"}" }));
        Assert.That(r[22..], Is.EqualTo(new[] { "true", "0", "0", "0", "0" }), "after gc(): JS handles, composite values, pinned continuations, VMs back to the baseline");
    }

    [Test]
    public async Task A_kept_request_handle_does_not_keep_its_dropped_vm_alive()
    {
        var r = await Run<string[]>("""
            await lt.gcUntil(() => false, 3);
            const base = rusk.diagnostics();
            const module = rusk.loadModule(many);
            const keep = (() => {
              const vm = rusk.createVm(module);
              vm.registerHostImport('lt::seed', () => 1n);
              return vm.step().k;              // the Vm itself is dropped here, suspended
            })();
            const finalized = await lt.gcUntil(() => rusk.diagnostics().vms <= base.vms);
            const other = rusk.createVm(module);
            other.registerHostImport('lt::seed', () => 2n);
            const req = other.step();
            const out = [String(finalized), show(keep) === show(req.k) ? 'same numbers' : 'different numbers',
              err(() => other.resume(keep, 0n)), err(() => other.dropContinuation(keep))];
            other.resume(req.k, 4n);
            out.push(show(other.step()));
            other.dispose();
            module.dispose();
            return out;
            """);
        Assert.That(r, Is.EqualTo(new[]
        {
            "true", "same numbers",
            "Error: continuation belongs to a disposed Vm", "Error: continuation belongs to a disposed Vm",
            "{\"tag\":\"done\",\"value\":\"7n\"}",
        }));
    }

    [Test]
    public async Task Handles_outliving_their_vm_fail_clearly_and_are_released()
    {
        // Values obtained from a VM that then finished and was disposed: every use names the
        // handle and the reason, passing them to another VM is refused, and nothing stays held.
        var r = await Run<string[]>("""
            await lt.gcUntil(() => false, 3);
            const base = rusk.diagnostics();
            const module = rusk.loadModule(churn);
            const kept = [];
            const vm = rusk.createVm(module);
            vm.registerHostImport('lt::count', () => 3n);
            vm.registerHostImport('lt::take', (a, p) => { kept.push(a, p); return 0n; });
            vm.registerHostImport('lt::keep', (k) => { kept.push(k); });
            let s;
            while ((s = vm.step()).tag === 'request') { kept.push(s.args[0]); vm.resume(s.k, { x: 0n, y: 0n }); }
            const live = rusk.diagnostics();
            const other = rusk.createVm(module);
            other.registerHostImport('lt::count', () => 1n);
            other.registerHostImport('lt::take', () => 0n);
            other.registerHostImport('lt::keep', () => {});
            const otherReq = other.step();
            // Before the dispose: a live VM's handles are refused by another VM.
            const crossLive = [err(() => other.resume(otherReq.k, kept[2])), err(() => other.dropPinnedContinuation(kept[3]))];
            vm.dispose();
            const [arr, point, asked, pinned] = kept;
            const out = [
              s.tag, String(live.compositeValues - base.compositeValues), String(live.pinnedContinuations - base.pinnedContinuations),
              ...crossLive,
              err(() => arr.length), err(() => arr.set(0, 1n)), err(() => point.setField('x', 1n)), err(() => asked.variant),
              err(() => other.resume(otherReq.k, asked)), err(() => other.resume(otherReq.k, { x: point, y: 0n })),
              err(() => other.dropPinnedContinuation(pinned)),
              String(kept.every((h) => h.disposed)),
            ];
            kept.length = 0;
            other.resume(otherReq.k, { x: 0n, y: 0n });
            out.push(show(other.step()));
            other.dispose();
            module.dispose();
            const cleared = await lt.gcUntil(() => lt.backTo(rusk, base));
            const end = rusk.diagnostics();
            out.push(String(cleared), String(end.handles - base.handles), String(end.compositeValues - base.compositeValues),
              String(end.pinnedContinuations - base.pinnedContinuations), String(end.vms - base.vms), String(end.modules - base.modules));
            return out;
            """);
        Assert.That(r[0..3], Is.EqualTo(new[] { "done", "63", "3" }), "3 turns: 63 composites and 3 pinned continuations held by JS");
        Assert.That(r[3..5], Is.EqualTo(new[]
        {
            "TypeError: resume value: this composite value belongs to another Vm",
            "TypeError: pinned continuation belongs to another Vm",
        }));
        Assert.That(r[5..13], Is.EqualTo(new[]
        {
            "Error: composite value used after dispose (its Vm was disposed)",
            "Error: composite value used after dispose (its Vm was disposed)",
            "Error: composite value used after dispose (its Vm was disposed)",
            "Error: composite value used after dispose (its Vm was disposed)",
            "Error: resume value: this composite value belongs to a disposed Vm",
            "Error: resume value.x: this composite value belongs to a disposed Vm",
            "Error: pinned continuation belongs to a disposed Vm",
            "true",
        }));
        Assert.That(r[13], Is.EqualTo("{\"tag\":\"done\",\"value\":\"0n\"}"));
        Assert.That(r[14..], Is.EqualTo(new[] { "true", "0", "0", "0", "0", "0" }), "after gc(): JS handles, composite values, pinned continuations, VMs, modules back to the baseline");
    }

    [Test]
    public async Task A_thousand_vms_of_one_module_suspend_together_and_all_resume()
    {
        var r = await Run<double[]>("""
            const module = rusk.loadModule(many);
            const base = rusk.diagnostics();
            const m = await lt.manyVms(rusk, module, 1000);
            const end = rusk.diagnostics();
            module.dispose();
            return [m.suspended, m.held.vms - m.before.vms, m.wrong.length, end.vms - base.vms, end.handles - base.handles,
              m.createUs, m.managedBytesPerVm, m.wasmBytesPerVm];
            """);
        TestContext.Out.WriteLine($"create {r[5]:F1} µs/VM; {r[6]:N0} managed bytes/VM; {r[7]:N0} wasm bytes/VM");
        Assert.That(r[0..5], Is.EqualTo(new double[] { 1000, 1000, 0, 0, 0 }),
            "suspended at once, live at once, wrong results, VMs and handles left after dispose");
    }
}
