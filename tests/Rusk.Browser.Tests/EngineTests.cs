// loadRusk's engine choice in Chromium: the default, the WasmGC/EH probe and its fallback to mono
// (forced through the `probe` test hook), argument errors, worker mode passing the choice through,
// and what asking for "aot" does while dist/aot/rusk.wasm exists or not.
using System.IO;
using System.Threading.Tasks;
using NUnit.Framework;

namespace Rusk.Browser.Tests;

[TestFixture]
[NonParallelizable]
public sealed class EngineTests : BrowserTest
{
    [Test]
    public async Task Default_is_aot_where_the_probe_passes_and_this_chromium_passes_it()
    {
        var r = await Js<string[]>(@"
            return [Rusk.DEFAULT_ENGINE, rusk.engine, (await Rusk.loadRusk()).engine, Rusk.resolveEngine({ engine: 'aot' }), Rusk.resolveEngine({})];");
        Assert.That(r, Is.EqualTo(new[] { "aot", "mono", "aot", "aot", "aot" }));
    }

    [Test]
    public async Task Aot_falls_back_to_mono_when_the_probe_fails_and_says_so()
    {
        var r = await Js<string[]>(@"
            const calls = [];
            const fb = await Rusk.loadRusk({ engine: 'aot', probe: () => { calls.push(1); return false; } });
            const vm = fb.createVm(await load('200_bytecode_call_host_add_int_ok'));
            vm.registerHostImport('test::add_int', (a, b) => a + b);
            const s = show(vm.step());
            vm.dispose();
            const asBool = await Rusk.loadRusk({ engine: 'aot', probe: false });
            return [fb.engine, String(fb === rusk), String(calls.length), s, asBool.engine];");
        Assert.That(r, Is.EqualTo(new[] { "mono", "true", "1", "{\"tag\":\"done\",\"value\":\"3n\"}", "mono" }));
    }

    [Test]
    public async Task Bad_engine_options_throw_TypeError_naming_the_option()
    {
        var r = await Js<string[]>(@"
            return [
              err(() => Rusk.loadRusk({ engine: 'wasm' })),
              err(() => Rusk.loadRusk({ engine: 'aot', probe: 'yes' })),
              await aerr(Rusk.loadRusk({ worker: true, engine: 'aot', probe: () => true })),
            ];");
        Assert.That(r, Is.EqualTo(new[]
        {
            "TypeError: loadRusk options.engine: expected \"aot\" or \"mono\", got wasm",
            "TypeError: loadRusk options.probe: expected a function returning a boolean, or a boolean",
            "TypeError: loadRusk options.probe: expected a boolean in worker mode",
        }));
    }

    [Test]
    public async Task Worker_mode_passes_the_engine_and_the_probe_result_through()
    {
        var r = await Js<string[]>(@"
            const w = await Rusk.loadRusk({ worker: true, engine: 'aot', probe: false });
            const vm = await w.createVm(await load('001_smoke_unit'));
            const v = await vm.run();
            await vm.dispose();
            const byDefault = await Rusk.loadRusk({ worker: true });
            const asked = await Rusk.loadRusk({ worker: true, engine: 'mono' });
            const out = [w.engine, String(v), byDefault.engine, asked.engine];
            w.terminate(); byDefault.terminate(); asked.terminate();
            return out;");
        Assert.That(r, Is.EqualTo(new[] { "mono", "undefined", "aot", "mono" }));
    }

    [Test]
    public async Task Asking_for_aot_boots_rusk_wasm_or_names_what_is_missing()
    {
        var r = await Js<string[]>(@"
            const main = await Rusk.loadRusk({ engine: 'aot' }).then((x) => `booted ${x.engine}`, (e) => `${e.name}: ${e.message}`);
            const w = await Rusk.loadRusk({ worker: true, engine: 'aot' }).then((x) => { x.terminate(); return `booted ${x.engine}`; }, (e) => `${e.name}: ${e.message}`);
            return [main, w];");
        if (File.Exists(AotBuild.WasmPath))
            Assert.That(r, Is.EqualTo(new[] { "booted aot", "booted aot" }));
        else
        {
            Assert.That(r[0], Does.StartWith("Error: AOT engine: ").And.Contain("/dist/aot/rusk.wasm: HTTP 404").And.Contain("BUILD-ERRORS.txt"));
            Assert.That(r[1], Does.StartWith("Error: RuskWorker: the worker could not start").And.Contain("/dist/aot/rusk.wasm: HTTP 404"));
        }
    }
}
