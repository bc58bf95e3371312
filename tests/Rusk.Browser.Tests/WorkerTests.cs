// Worker mode in Chromium: RuskWorker / WorkerVm (loadRusk({ worker: true })) run VMs in a module
// Worker booted from dist/worker.js. The whole corpus through the async API (host imports from a
// host module inside the worker, effects answered on the page), traps with their stack, abort,
// many VMs in one worker, argument errors, dispose and finalization, other paths, strict CSP.
// Expected values are the corpus manifest's, or the main-thread Vm's on the same program.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using NUnit.Framework;

namespace Rusk.Browser.Tests;

[TestFixture]
[NonParallelizable]
public sealed class WorkerTests : BrowserTest
{
    /// <summary>`worker` = the fixture's RuskWorker (booting one costs seconds; tests share it).</summary>
    Task<T> InWorker<T>(string body) => Js<T>($@"
        window.sharedWorker ??= Rusk.loadRusk({{ worker: true }});
        const worker = await window.sharedWorker;
        {body}");

    /// <summary>`worker` = a RuskWorker of its own, for tests that count its VMs or terminate it.</summary>
    Task<T> InFreshWorker<T>(string body) => Js<T>($@"
        const worker = await Rusk.loadRusk({{ worker: true }});
        try {{ {body} }} finally {{ worker.terminate(); }}");

    static JsonElement Manifest(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Paths.Corpus, "manifest.json")));
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
            if (c.GetProperty("name").GetString() == name) return c.Clone();
        throw new AssertionException($"{name} not in manifest.json");
    }

    [Test]
    public async Task Whole_corpus_runs_through_the_worker_api_to_its_manifest_results()
    {
        string json = await InWorker<string>(@"
            const wc = await import('/web/worker-conformance.js');
            return JSON.stringify(await wc.runCorpusInWorker(worker, '/corpus/'));");
        using var doc = JsonDocument.Parse(json);
        var failures = new List<string>();
        int count = 0;
        foreach (var r in doc.RootElement.EnumerateArray())
        {
            count++;
            string name = r.GetProperty("name").GetString()!;
            if (r.GetProperty("ok").GetBoolean() || ExpectedFailures.Reason(name) != null) continue;
            failures.Add(name + ": " + string.Join("; ", r.GetProperty("mismatches").EnumerateArray().Select(m => m.GetString())));
        }
        Assert.That(count, Is.EqualTo(CorpusRun.CaseNames(Paths.Corpus).Count), "every case ran");
        Assert.That(failures, Is.Empty, string.Join("\n", failures));
    }

    [Test]
    public async Task Trap_rejects_with_RuskTrapError_carrying_the_rusk_stack_of_the_main_thread_vm()
    {
        foreach (var name in new[] { "249_core_sysroot_option_unwrap_panics_runtime_error", "064_resume_one_shot_runtime_error" })
        {
            var r = await InWorker<string[]>($@"
                const bytes = await load('{name}');
                const vm = await worker.createVm(bytes);
                let e;
                try {{ await vm.run(); }} catch (x) {{ e = x; }}
                const main = rusk.createVm(bytes);
                const s = main.step();
                main.dispose();
                return [String(e instanceof Rusk.RuskTrapError), e.name, e.message, JSON.stringify(e.frames), JSON.stringify(s.stack), String(await vm.isTrapped())];");
            string expected = Manifest(name).GetProperty("result").GetProperty("message").GetString()!;
            Assert.That(r[0], Is.EqualTo("true"), name);
            Assert.That(r[1], Is.EqualTo("RuskTrapError"), name);
            Assert.That(r[2], Is.EqualTo(expected), name);
            Assert.That(r[3], Is.EqualTo(r[4]), name + ": same stack as the main-thread Vm");
            Assert.That(JsonDocument.Parse(r[3]).RootElement.GetArrayLength(), Is.EqualTo(2), name + ": two frames");
            Assert.That(r[3], Does.Contain("\"function\":\"main\""), name);
            Assert.That(r[5], Is.EqualTo("true"), name);
        }
    }

    [Test]
    public async Task Abort_between_slices_stops_the_worker_and_leaves_the_vm_resumable()
    {
        const string name = "examples__19-fixed-point-combinator";
        var r = await InWorker<string[]>($@"
            let out = '';
            const ac = new AbortController();
            const vm = await worker.createVm(await load('{name}'), {{ stdout: (t) => {{ out += t; if (!ac.signal.aborted) ac.abort(new Error('stop here')); }} }});
            const first = await aerr(vm.run({{ fuelPerTick: 10, signal: ac.signal }}));
            const before = out;
            const state = await vm.state();
            const value = await vm.run({{ fuelPerTick: 10 }});
            return [first, String(before.length > 0), String(before.length < out.length), JSON.stringify(state), String(value), out, String(await vm.isDone())];");
        var c = Manifest(name);
        Assert.That(r[0], Is.EqualTo("Error: stop here"), "rejects with the signal's reason");
        Assert.That(r[1], Is.EqualTo("true"));
        Assert.That(r[2], Is.EqualTo("true"), "the worker stopped before the end");
        Assert.That(r[3], Is.EqualTo("{\"done\":false,\"trapped\":false,\"suspended\":false}"));
        Assert.That(r[4], Is.EqualTo("undefined"), "unit result");
        Assert.That(r[5], Is.EqualTo(c.GetProperty("stdout").GetString()), "aborted + continued output is the whole output");
        Assert.That(r[6], Is.EqualTo("true"));
    }

    [Test]
    public async Task Abort_while_an_effect_handler_is_pending_cancels_the_request()
    {
        var r = await InWorker<string[]>(@"
            const vm = await worker.createVm(await load('210_bytecode_external_effect_add_int_ok'));
            const ac = new AbortController();
            let called = 0;
            const p = vm.run({ signal: ac.signal, effects: { 'TestFfi.add': () => { called++; setTimeout(() => ac.abort(), 10); return new Promise(() => {}); } } });
            const e = await aerr(p);
            const trap = await vm.step();
            const pre = new AbortController();
            pre.abort();
            const vm2 = await worker.createVm(await load('200_bytecode_call_host_add_int_ok'), { hostModule: '/web/worker-hosts-named.js' });
            const early = await aerr(vm2.run({ signal: pre.signal }));
            const after = await vm2.run();
            return [e, String(called), trap.tag, trap.message, early, show(after)];");
        Assert.That(r[0], Does.StartWith("AbortError: "), "rejects with the signal's default reason");
        Assert.That(r.Skip(1), Is.EqualTo(new[] { "1", "trap", "cancelled", r[0], "\"3n\"" }));
    }

    [Test]
    public async Task Effect_handler_failures_cancel_the_request_and_reject_like_runVm()
    {
        var r = await InWorker<string[]>(@"
            const bytes = await load('210_bytecode_external_effect_add_int_ok');
            const out = [];
            for (const effects of [undefined, { 'TestFfi.add': () => { throw new RangeError('handler says no'); } }, { 'TestFfi.add': async () => 'three' }, { 'TestFfi.add': () => () => 3n }]) {
              const vm = await worker.createVm(bytes);
              out.push(await aerr(vm.run({ effects })));
              const s = await vm.step();
              out.push(`${s.tag} ${s.message}`);
            }
            const main = rusk.createVm(bytes);
            const req = main.step();
            out.push(err(() => main.resume(req.k, 'three')));
            main.dispose();
            return out;");
        Assert.That(r[0], Is.EqualTo("Error: unhandled external effect TestFfi.add (id 0)"));
        Assert.That(r[2], Is.EqualTo("RangeError: handler says no"));
        Assert.That(r[4], Is.EqualTo(r[8]), "a mistyped resume value fails as on the main thread");
        Assert.That(r[4], Does.StartWith("TypeError: "));
        Assert.That(r[6], Is.EqualTo("TypeError: resume value: unsupported AbiValue JS type (got function)"));
        foreach (int i in new[] { 1, 3, 5, 7 }) Assert.That(r[i], Is.EqualTo("trap cancelled"), $"request {i / 2} cancelled");
    }

    [Test]
    public async Task Many_vms_share_one_worker_and_run_concurrently()
    {
        string[] names =
        {
            "212_bytecode_external_effect_two_requests_ok", "browser__host-imports",
            "bytecode_effect_opt__tail_resume_keeps_stack_bounded_in_yield_loop", "examples__01-hello-world",
        };
        var r = await InFreshWorker<string[]>($@"
            const wc = await import('/web/worker-conformance.js');
            const names = {JsonSerializer.Serialize(names)};
            const modules = await Promise.all(names.map(async (n) => worker.loadModule(await load(n))));
            const vms = [];
            const outs = [];
            for (let i = 0; i < 24; i++) {{
              const o = {{ stdout: '', log: [] }};
              outs.push(o);
              vms.push(await worker.createVm(modules[i % 4], {{ hostModule: wc.HOSTS, stdout: (t) => {{ o.stdout += t; }}, onMessage: (m) => o.log.push(m) }}));
            }}
            const live = (await worker.stats()).vms;
            const values = await Promise.all(vms.map((vm) => vm.run({{ fuelPerTick: 500, effects: {{ 'TestFfi.add': async (a, b) => a + b }} }})));
            await Promise.all(vms.map((vm) => vm.dispose()));
            modules.forEach((m) => m.dispose());
            const stats = await worker.stats();
            return [String(live), JSON.stringify(stats), ...values.map((v, i) => `${{names[i % 4]}} ${{v}} ${{JSON.stringify(outs[i].stdout)}} ${{JSON.stringify(outs[i].log)}}`)];");
        Assert.That(r[0], Is.EqualTo("24"));
        Assert.That(r[1], Is.EqualTo("{\"vms\":0,\"modules\":0,\"runs\":0}"));
        for (int i = 0; i < 24; i++)
        {
            var c = Manifest(names[i % 4]);
            var v = c.GetProperty("result").GetProperty("value");
            string value = v.TryGetProperty("value", out var x) ? x.GetString()! : "undefined";
            string log = JsonSerializer.Serialize(c.GetProperty("hostLog"));
            Assert.That(r[i + 2], Is.EqualTo($"{names[i % 4]} {value} {JsonSerializer.Serialize(c.GetProperty("stdout").GetString())} {log}"));
        }
    }

    [Test]
    public async Task Host_modules_register_named_exports_a_default_object_or_a_default_install_function()
    {
        var r = await InWorker<string[]>(@"
            const out = [];
            for (const m of ['named', 'object', 'ctx']) {
              const vm = await worker.createVm(await load('200_bytecode_call_host_add_int_ok'), { hostModule: `/web/worker-hosts-${m}.js` });
              out.push(`${m} ${show(await vm.run())}`);
            }
            const log = [];
            let stdout = '';
            const vm = await worker.createVm(await load('browser__host-imports'), {
              hostModule: new URL('/web/worker-hosts-ctx.js', location.href), hostData: { prefix: 'data says' },
              onMessage: (m) => log.push(m), stdout: (t) => { stdout += t; } });
            out.push(show(await vm.run()), JSON.stringify(log));
            const fails = await worker.createVm(await load('200_bytecode_call_host_add_int_ok'), { hostModule: '/web/worker-hosts-ctx.js', hostData: { fail: 'nope' } });
            out.push(await aerr(fails.run()));
            const main = rusk.createVm(await load('200_bytecode_call_host_add_int_ok'));
            main.registerHostImport('test::add_int', () => { throw new Rusk.HostError('nope'); });
            out.push(`RuskTrapError: ${main.step().message}`);
            main.dispose();
            const point = await worker.createVm(await load('281_bytecode_call_host_struct_return_ok'), { hostModule: '/web/worker-hosts-ctx.js' });
            out.push(show(await point.run()));
            return out;");
        Assert.That(r[0], Is.EqualTo("named \"3n\""));
        Assert.That(r[1], Is.EqualTo("object \"3n\""));
        Assert.That(r[2], Is.EqualTo("ctx \"3n\""));
        Assert.That(r[3], Is.EqualTo($"\"{Manifest("browser__host-imports").GetProperty("result").GetProperty("value").GetProperty("value").GetString()}n\""));
        Assert.That(r[4], Is.EqualTo("[\"data says hello from Rusk (via host import)\"]"), "ctx.data and ctx.postMessage");
        Assert.That(r[5], Is.EqualTo(r[6]), "HostError from ctx traps as on the main thread");
        var point = Manifest("281_bytecode_call_host_struct_return_ok").GetProperty("result").GetProperty("value");
        Assert.That(r[7], Is.EqualTo($"\"{point.GetProperty("value").GetString()}n\""), "ctx.abi.struct");
    }

    [Test]
    public async Task Values_crossing_the_worker_boundary_are_copies_with_the_composite_reading_api()
    {
        var c = Manifest("complex_abi_effects__external_effect_can_roundtrip_struct_values");
        var arg = c.GetProperty("requests")[0].GetProperty("args")[0];
        string x = arg.GetProperty("fields").GetProperty("x").GetProperty("value").GetString()!;
        string y = arg.GetProperty("fields").GetProperty("y").GetProperty("value").GetString()!;
        string result = c.GetProperty("result").GetProperty("value").GetProperty("value").GetString()!;
        var r = await InWorker<string[]>(@"
            const vm = await worker.createVm(await load('complex_abi_effects__external_effect_can_roundtrip_struct_values'));
            const req = await vm.step();
            const p = req.args[0];
            const out = [String(p instanceof Rusk.CompositeSnapshot), p.kind, p.typeName, show(p.toJS()), show(p.field('x')), show(p.get(1)), String(p.length),
              err(() => p.setField('x', 1n)), err(() => p.field('z')), err(() => p.get(5)), JSON.stringify(req.k) ];
            await vm.resume(req.k, Rusk.abi.struct(p.typeName, { x: p.field('y'), y: p.field('x') }));
            out.push(show((await vm.step()).value));
            const vm2 = await worker.createVm(await load('complex_abi_effects__external_effect_can_roundtrip_struct_values'));
            const r2 = await vm2.step();
            out.push(await aerr(vm2.resume(r2.k, { x: " + y + @"n, y: " + x + @"n })), show((await vm2.step()).value));
            const vm3 = await worker.createVm(await load('complex_abi_effects__external_effect_can_roundtrip_struct_values'));
            out.push(show(await vm3.run({ effects: { 'HostFx.swap': (q) => q } })));
            return out;");
        Assert.That(r[0], Is.EqualTo("true"));
        Assert.That(r[1], Is.EqualTo("struct"));
        Assert.That(r[2], Is.EqualTo(arg.GetProperty("name").GetString()));
        Assert.That(r[3], Is.EqualTo($"{{\"x\":\"{x}n\",\"y\":\"{y}n\"}}"));
        Assert.That(r[4], Is.EqualTo($"\"{x}n\""));
        Assert.That(r[5], Is.EqualTo($"\"{y}n\""));
        Assert.That(r[6], Is.EqualTo("2"));
        Assert.That(r[7], Does.StartWith("Error: ").And.Contain("read-only copy"));
        Assert.That(r[8], Does.StartWith("Error: ").And.Contain("no field `z`"));
        Assert.That(r[9], Does.StartWith("RangeError: "));
        Assert.That(r[10], Does.Match("^\\{\"index\":\\d+,\"generation\":\\d+\\}$"));
        Assert.That(r[11], Is.EqualTo($"\"{result}n\""), "abi.struct built on the page, rebuilt in the worker");
        Assert.That(r[12], Is.EqualTo("no error"), "a plain object where the declared type says struct");
        Assert.That(r[13], Is.EqualTo($"\"{result}n\""));
        Assert.That(r[14], Is.Not.EqualTo($"\"{result}n\""), "a snapshot passed back is rebuilt by value (unswapped)");
        Assert.That(r[14], Does.EndWith("n\""));
    }

    [Test]
    public async Task Bad_arguments_fail_with_errors_naming_the_argument()
    {
        var r = await InWorker<string[]>(@"
            const bytes = await load('210_bytecode_external_effect_add_int_ok');
            const vm = await worker.createVm(bytes);
            const out = [
              await aerr(Rusk.loadRusk({ worker: true, baseUrl: 5 })),
              await aerr(Rusk.loadRusk({ worker: true, workerUrl: {} })),
              await aerr(Rusk.RuskWorker.start(null)),
              err(() => new Rusk.RuskWorker()),
              await aerr(worker.createVm('nope')),
              await aerr(worker.createVm(bytes, null)),
              await aerr(worker.createVm(bytes, { argv: [1] })),
              await aerr(worker.createVm(bytes, { stdout: 'x' })),
              await aerr(worker.createVm(bytes, { onMessage: 1 })),
              await aerr(worker.createVm(bytes, { hostModule: 7 })),
              await aerr(worker.createVm(bytes, { hostModule: '/web/no-such-hosts.js' })),
              await aerr(worker.createVm(bytes, { hostModule: '/web/worker-hosts-throws.js' })),
              await aerr(worker.createVm(bytes, { hostModule: '/web/worker-hosts-bad.js' })),
              await aerr(worker.createVm(bytes, { hostData: () => 1 })),
              await aerr(worker.createVm(new Uint8Array([1, 2, 3]))),
              err(() => rusk.loadModule(new Uint8Array([1, 2, 3]))),
              await aerr(worker.loadModule(42)),
              await aerr(vm.run({ fuelPerTick: 0 })),
              await aerr(vm.run({ effects: 5 })),
              await aerr(vm.run({ effects: { 'TestFfi.add': 5 } })),
              await aerr(vm.run({ signal: {} })),
              await aerr(vm.run(7)),
              await aerr(vm.step('x')),
              await aerr(vm.step(-1)),
              await aerr(vm.resume({ index: -1, generation: 0 }, 1n)),
              await aerr(vm.resume({ index: 0, generation: 0 }, Symbol('s'))),
              await aerr(vm.dropContinuation(null)),
            ];
            const running = vm.run({ effects: { 'TestFfi.add': () => new Promise((r) => setTimeout(() => r(3n), 20)) } });
            out.push(await aerr(vm.run()), await aerr(vm.step()), show(await running));
            const main = rusk.createVm(bytes);
            out.push(err(() => main.step('x')), err(() => main.resume({ index: -1, generation: 0 }, 1n)));
            main.dispose();
            return out;");
        string[] expected =
        {
            "TypeError: loadRusk options.baseUrl: expected a string or URL",
            "TypeError: loadRusk options.workerUrl: expected a string or URL",
            "TypeError: loadRusk options: expected an object",
            "TypeError: RuskWorker: use RuskWorker.start() or loadRusk({ worker: true })",
            "TypeError: createVm(rbc): expected a Uint8Array or ArrayBuffer of .rbc bytes, or a WorkerModule of this RuskWorker",
            "TypeError: createVm options: expected an object",
            "TypeError: createVm options.argv: expected an array of strings",
            "TypeError: createVm options.stdout: expected a function",
            "TypeError: createVm options.onMessage: expected a function",
            "TypeError: createVm options.hostModule: expected a string or URL",
        };
        for (int i = 0; i < expected.Length; i++) Assert.That(r[i], Is.EqualTo(expected[i]), $"#{i}");
        Assert.That(r[10], Does.StartWith("Error: createVm options.hostModule: could not import http://").And.Contain("/web/no-such-hosts.js"));
        Assert.That(r[11], Is.EqualTo("RangeError: install failed on purpose"));
        Assert.That(r[12], Does.StartWith("TypeError: createVm options.hostModule: ").And.Contain("default export must be"));
        Assert.That(r[13], Does.StartWith("TypeError: createVm: an argument cannot be sent to the worker"));
        Assert.That(r[14], Is.EqualTo(r[15]), "decode errors as on the main thread");
        Assert.That(r[16], Is.EqualTo("TypeError: loadModule(rbcBytes): expected a Uint8Array or ArrayBuffer of .rbc bytes"));
        Assert.That(r[17], Is.EqualTo("RangeError: fuelPerTick: must be a positive integer"));
        Assert.That(r[18], Is.EqualTo("TypeError: run options.effects: expected an object or Map of handlers"));
        Assert.That(r[19], Is.EqualTo("TypeError: run options.effects[\"TestFfi.add\"]: expected a function"));
        Assert.That(r[20], Is.EqualTo("TypeError: run options.signal: expected an AbortSignal"));
        Assert.That(r[21], Is.EqualTo("TypeError: run options: expected an object"));
        Assert.That(r[22], Is.EqualTo(r[30]), "fuel errors as on the main thread");
        Assert.That(r[23], Is.EqualTo("RangeError: fuel: must be >= 0"));
        Assert.That(r[24], Is.EqualTo(r[31]), "handle errors as on the main thread");
        Assert.That(r[25], Is.EqualTo("TypeError: resume value: unsupported AbiValue JS type (got symbol)"));
        Assert.That(r[26], Does.StartWith("TypeError: k: "));
        Assert.That(r[27], Is.EqualTo("Error: run: the Vm is already running (await run() or abort it first)"));
        Assert.That(r[28], Is.EqualTo("Error: step: the Vm is already running (await run() or abort it first)"));
        Assert.That(r[29], Is.EqualTo("\"3n\""), "the first run is unaffected");
    }

    [Test]
    public async Task Dispose_frees_the_vm_in_the_worker_and_later_use_throws()
    {
        var r = await InFreshWorker<string[]>(@"
            const bytes = await load('210_bytecode_external_effect_add_int_ok');
            const a = await worker.createVm(bytes);
            const b = await worker.createVm(bytes);
            const before = (await worker.stats()).vms;
            await a.dispose();
            const afterOne = (await worker.stats()).vms;
            const used = await aerr(a.step());
            const sync = err(() => a.listExternalEffects());
            const running = b.run({ effects: { 'TestFfi.add': () => new Promise(() => {}) } });
            await new Promise((r) => setTimeout(r, 20));
            b.dispose();
            const duringRun = await aerr(running);
            const afterTwo = await worker.stats();
            const again = await b.dispose();
            (() => { worker.createVm(bytes); })();
            await worker.createVm(bytes);
            const lost = (await worker.stats()).vms;
            let gone = false;
            for (let i = 0; i < 100 && !gone; i++) { gc(); await new Promise((r) => setTimeout(r, 20)); gone = (await worker.stats()).vms === 0; }
            const c = await worker.createVm(bytes);
            const pending = c.run({ effects: { 'TestFfi.add': () => new Promise(() => {}) } });
            await new Promise((r) => setTimeout(r, 20));
            worker.terminate();
            return [String(before), String(afterOne), used, sync, String(b.disposed), duringRun, JSON.stringify(afterTwo), String(again), String(lost), String(gone),
              await aerr(pending), await aerr(worker.createVm(bytes)), await aerr(c.state()), String(c.disposed), String(worker.terminated)];");
        Assert.That(r, Is.EqualTo(new[]
        {
            "2", "1", "Error: Vm used after dispose", "Error: Vm used after dispose", "true",
            "Error: run: the Vm was disposed while running", "{\"vms\":0,\"modules\":0,\"runs\":0}", "undefined", "2", "true",
            "Error: RuskWorker was terminated", "Error: RuskWorker was terminated", "Error: RuskWorker was terminated", "true", "true",
        }));
    }

    [Test]
    public async Task Uncaught_error_in_the_worker_after_boot_is_reported_and_the_worker_keeps_serving()
    {
        var r = await InWorker<string[]>(@"
            const vm = await worker.createVm(await load('200_bytecode_call_host_add_int_ok'), { hostModule: '/web/worker-hosts-ctx.js', hostData: { throwLater: 'thrown from a host module timer' } });
            await new Promise((r) => setTimeout(r, 100));
            return [show(await vm.run()), String(worker.terminated)];");
        Assert.That(r, Is.EqualTo(new[] { "\"3n\"", "false" }));
        Assert.That(ConsoleText, Does.Contain("RuskWorker: uncaught error in the worker:").And.Contain("thrown from a host module timer"));
    }

    [TestCase("aot", "aot/rusk.wasm")]
    [TestCase("mono", "_framework/dotnet.native.wasm")]
    public async Task Worker_boots_from_the_glue_folder_when_dist_is_served_under_another_path(string engine, string runtime)
    {
        var page = await OpenAsync("/web/other-path.html");
        var r = await Js<string[]>(page, @"
            const worker = await Rusk.loadRusk({ worker: true, engine: 'ENGINE' });
            const probe = [];
            const vm = await worker.createVm(await load('browser__host-imports'), { hostModule: '/web/worker-hosts-ctx.js', hostData: { probe: true }, onMessage: (m) => probe.push(m) });
            const v = await vm.run();
            worker.terminate();
            const p = probe.find((m) => typeof m === 'object');
            return [show(v), worker.baseUrl.replace(location.origin, ''), p.script.replace(location.origin, ''),
              String(p.resources.includes('/cdn/some/deep/path/RUNTIME')), String(p.resources.some((u) => u.startsWith('/dist/'))), worker.engine];".Replace("ENGINE", engine).Replace("RUNTIME", runtime));
        Assert.That(r, Is.EqualTo(new[] { "\"42n\"", "/cdn/some/deep/path/", "/cdn/some/deep/path/worker.js", "true", "false", engine }));
    }

    [TestCase("aot", "aot/rusk.wasm")]
    [TestCase("mono", "_framework/dotnet.native.wasm")]
    public async Task BaseUrl_points_the_worker_at_another_folder(string engine, string runtime)
    {
        var page = await OpenAsync("/web/base-url.html");
        var r = await Js<string[]>(page, @"
            const worker = await Rusk.loadRusk({ worker: true, engine: 'ENGINE', baseUrl: '/cdn/some/deep/path/' });
            const probe = [];
            const vm = await worker.createVm(await load('browser__host-imports'), { hostModule: '/web/worker-hosts-ctx.js', hostData: { probe: true }, onMessage: (m) => probe.push(m) });
            const v = await vm.run();
            worker.terminate();
            const p = probe.find((m) => typeof m === 'object');
            const bad = await aerr(Rusk.loadRusk({ worker: true, baseUrl: '/no/such/folder/' }));
            return [show(v), p.script.replace(location.origin, ''), String(p.resources.includes('/cdn/some/deep/path/RUNTIME')),
              String(p.resources.some((u) => u.startsWith('/dist/'))), bad];".Replace("ENGINE", engine).Replace("RUNTIME", runtime));
        Assert.That(r[0], Is.EqualTo("\"42n\""));
        Assert.That(r[1], Is.EqualTo("/cdn/some/deep/path/worker.js"));
        Assert.That(r[2], Is.EqualTo("true"));
        Assert.That(r[3], Is.EqualTo("false"));
        Assert.That(r[4], Does.StartWith("Error: RuskWorker: the worker could not start from http://").And.Contain("/no/such/folder/worker.js"));
    }

    [TestCase("aot", "aot/rusk.wasm")]
    [TestCase("mono", "_framework/dotnet.native.wasm")]
    public async Task Worker_script_from_another_origin_starts_through_a_module_shim(string engine, string runtime)
    {
        // A second server is another origin (another port), like a CDN: it serves dist/ with CORS.
        using var cdn = new StaticServer(("/dist/", Paths.Dist));
        cdn.Headers.Add(("/", "Access-Control-Allow-Origin", "*"));
        var page = await OpenAsync("/web/cross-origin.html?dist=" + Uri.EscapeDataString(cdn.Url + "dist/"));
        var r = await Js<string[]>(page, @"
            const worker = await Rusk.loadRusk({ worker: true, engine: 'ENGINE' });
            const probe = [];
            const vm = await worker.createVm(await load('browser__host-imports'), { hostModule: '/web/worker-hosts-ctx.js', hostData: { probe: true }, onMessage: (m) => probe.push(m) });
            const v = await vm.run();
            worker.terminate();
            const p = probe.find((m) => typeof m === 'object');
            return [show(v), String(new URL(worker.baseUrl).origin !== location.origin), p.script.slice(0, 5),
              String(p.resources.some((u) => u.endsWith('/dist/RUNTIME')))];".Replace("ENGINE", engine).Replace("RUNTIME", runtime));
        Assert.That(r, Is.EqualTo(new[] { "\"42n\"", "true", "blob:", "true" }));
        Assert.That(cdn.Served.Keys, Does.Contain("/dist/worker.js").And.Contain("/dist/" + runtime), "the worker loaded everything from the other origin");
    }

    const string StrictCsp = "script-src 'self' 'wasm-unsafe-eval'";

    [Test]
    public async Task Worker_runs_under_script_src_self_and_wasm_unsafe_eval_without_violations()
    {
        const string name = "210_bytecode_external_effect_add_int_ok";
        await using var session = await BrowserSession.StartAsync();
        session.Server.Headers.Add(("/", "Content-Security-Policy", StrictCsp));
        var page = await session.OpenAsync($"/web/csp-worker.html?case={name}", "cspDone");
        string json = await page.EvaluateAsync<string>("() => JSON.stringify(window.cspDone)");
        using var doc = JsonDocument.Parse(json);
        var r = doc.RootElement;
        string console = string.Join("\n", session.Console);
        Assert.That(r.GetProperty("ok").GetBoolean(), Is.True, r.GetProperty("value").GetString() + "\n" + console);
        Assert.That(r.GetProperty("value").GetString(), Is.EqualTo(Manifest(name).GetProperty("result").GetProperty("value").GetProperty("value").GetString()));
        Assert.That(r.GetProperty("violations").GetArrayLength(), Is.EqualTo(0), json);
        Assert.That(console, Does.Not.Contain("Content Security Policy").IgnoreCase);
    }

    [Test]
    public async Task Csp_of_the_worker_script_is_enforced_inside_the_worker()
    {
        // Guards the test above: without 'wasm-unsafe-eval' the worker cannot compile the runtime.
        await using var session = await BrowserSession.StartAsync();
        session.Server.Headers.Add(("/", "Content-Security-Policy", "script-src 'self'"));
        var page = await session.OpenAsync("/web/csp-worker.html?case=210_bytecode_external_effect_add_int_ok", "cspDone");
        string json = await page.EvaluateAsync<string>("() => JSON.stringify(window.cspDone)");
        using var doc = JsonDocument.Parse(json);
        Assert.That(doc.RootElement.GetProperty("ok").GetBoolean(), Is.False, json);
        Assert.That(doc.RootElement.GetProperty("value").GetString(), Does.Contain("RuskWorker: the worker could not start"));
    }
}
