// The JS API contract in Chromium: step result shapes, one-shot and stale handles, API misuse,
// re-entry, host import failures, wrong ABI types from JS, composites built in JS, lifetimes
// (dispose, Symbol.dispose, finalization), yields, many VMs, runVm and AbortSignal. Programs are
// conformance corpus cases; the values asserted are the corpus's recorded results. Every test runs
// on both engines (AotContractTests: loadRusk({engine:"aot"})), except the few that open their own
// (mono) pages.
using System.Threading.Tasks;
using NUnit.Framework;

namespace Rusk.Browser.Tests;

[TestFixture]
[NonParallelizable]
public class ContractTests : BrowserTest
{
    [Test]
    public async Task Vm_lists_host_imports_and_external_effects_with_abi_types()
    {
        var r = await Js<string[]>(@"
            const a = rusk.createVm(await load('200_bytecode_call_host_add_int_ok'));
            const b = rusk.createVm(await load('210_bytecode_external_effect_add_int_ok'));
            const imp = a.listHostImports().find((x) => x.name === 'test::add_int');
            const eff = b.listExternalEffects().find((x) => x.interface === 'TestFfi' && x.method === 'add');
            const out = [show(imp.params), show(imp.ret), typeof imp.id, show(eff.params), show(eff.ret), String(eff.id === b.externalEffectId('TestFfi.add'))];
            a.dispose(); b.dispose();
            return out;");
        Assert.That(r, Is.EqualTo(new[] { "[\"int\",\"int\"]", "\"int\"", "number", "[\"int\",\"int\"]", "\"int\"", "true" }));
    }

    [Test]
    public async Task Decode_error_is_thrown_with_the_decoder_message()
    {
        string msg = await Js<string>("return err(() => rusk.loadModule(new Uint8Array([1, 2, 3])));");
        Assert.That(msg, Does.StartWith("Error: "));
        Assert.That(msg, Does.Contain("offset").IgnoreCase);
    }

    [Test]
    public async Task Step_results_have_exactly_the_documented_shapes()
    {
        var r = await Js<string[]>(@"
            const vm = rusk.createVm(await load('210_bytecode_external_effect_add_int_ok'));
            const req = vm.step();
            const out = [Object.keys(req).join(','), show(req.args), Object.keys(req.k).join(','), typeof req.k.index, String(req.effectId === vm.externalEffectId('TestFfi.add'))];
            vm.resume(req.k, 3n);
            const done = vm.step();
            out.push(Object.keys(done).join(','), show(done.value), String(vm.isDone()), String(vm.isTrapped()));
            const t = rusk.createVm(await load('214_bytecode_unhandled_effect_not_externalized_runtime_error'));
            const trap = t.step();
            out.push(Object.keys(trap).join(','), trap.message, String(Array.isArray(trap.stack)), String(t.isTrapped()));
            const y = rusk.createVm(await load('bytecode_effect_opt__tail_resume_keeps_stack_bounded_in_yield_loop'));
            out.push(show(y.step(10)));
            vm.dispose(); t.dispose(); y.dispose();
            return out;");
        Assert.That(r, Is.EqualTo(new[]
        {
            "tag,effectId,args,k", "[\"1n\",\"2n\"]", "index,generation", "number", "true",
            "tag,value", "\"3n\"", "true", "false",
            "tag,message,stack", "unhandled effect: NoExternal.boom", "true", "true",
            "{\"tag\":\"yield\",\"remainingFuel\":0}",
        }));
    }

    [Test]
    public async Task Request_handles_are_one_shot_and_stale_ones_are_rejected()
    {
        var r = await Js<string[]>(@"
            const vm = rusk.createVm(await load('212_bytecode_external_effect_two_requests_ok'));
            const r1 = vm.step();
            vm.resume(r1.k, 3n);
            const again = err(() => vm.resume(r1.k, 3n));
            const r2 = vm.step();
            const stale = err(() => vm.resume(r1.k, 7n));
            const forged = err(() => vm.resume({ index: r2.k.index, generation: r2.k.generation + 1 }, 7n));
            vm.resume(r2.k, 7n);
            const done = vm.step();
            vm.dispose();
            return [again, stale, forged, show(done)];");
        Assert.That(r[0], Does.StartWith("Error: "));
        Assert.That(r[1], Does.StartWith("Error: "));
        Assert.That(r[2], Does.StartWith("Error: "));
        Assert.That(r[3], Is.EqualTo("{\"tag\":\"done\",\"value\":\"10n\"}"));
    }

    [Test]
    public async Task Resume_after_drop_throws_and_the_vm_is_cancelled()
    {
        var r = await Js<string[]>(@"
            const vm = rusk.createVm(await load('210_bytecode_external_effect_add_int_ok'));
            const req = vm.step();
            vm.dropContinuation(req.k);
            const resumed = err(() => vm.resume(req.k, 3n));
            const dropped = err(() => vm.dropContinuation(req.k));
            const after = vm.step();
            const out = [resumed, dropped, after.tag, after.message, String(vm.isTrapped())];
            vm.dispose();
            return out;");
        Assert.That(r[0], Does.StartWith("Error: "));
        Assert.That(r[1], Does.StartWith("Error: "));
        Assert.That(r[2..], Is.EqualTo(new[] { "trap", "cancelled", "true" }));
    }

    [Test]
    public async Task Step_while_suspended_reports_a_trap_and_keeps_the_request()
    {
        var r = await Js<string[]>(@"
            const vm = rusk.createVm(await load('210_bytecode_external_effect_add_int_ok'));
            const req = vm.step();
            const again = vm.step();
            const suspended = vm.isSuspended();
            vm.resume(req.k, 3n);
            const done = vm.step();
            vm.dispose();
            return [again.tag, again.message, String(suspended), show(done.value)];");
        Assert.That(r[0], Is.EqualTo("trap"));
        Assert.That(r[1], Does.Contain("suspended"));
        Assert.That(r[2..], Is.EqualTo(new[] { "true", "\"3n\"" }));
    }

    [Test]
    public async Task A_host_import_cannot_reenter_its_vm()
    {
        var r = await Js<string[]>(@"
            const vm = rusk.createVm(await load('200_bytecode_call_host_add_int_ok'));
            let inner, resumeErr;
            vm.registerHostImport('test::add_int', (a, b) => {
              inner = vm.step();
              resumeErr = err(() => vm.resume({ index: 0, generation: 0 }, 1n));
              return a + b;
            });
            const done = vm.step();
            vm.dispose();
            return [inner.tag, inner.message, resumeErr, show(done)];");
        Assert.That(r[0], Is.EqualTo("trap"));
        Assert.That(r[1], Does.Contain("re-entered during host call"));
        Assert.That(r[2], Does.StartWith("Error: ").And.Contain("re-entered during host call"));
        Assert.That(r[3], Is.EqualTo("{\"tag\":\"done\",\"value\":\"3n\"}"));
    }

    [Test]
    public async Task A_throwing_host_import_traps_the_vm_with_its_message()
    {
        var r = await Js<string[]>(@"
            const bytes = await load('200_bytecode_call_host_add_int_ok');
            const run = (fn) => { const vm = rusk.createVm(bytes); vm.registerHostImport('test::add_int', fn); const s = vm.step(); vm.dispose(); return `${s.tag}: ${s.message}`; };
            return [
              run(() => { throw new Error('boom'); }),
              run(() => { throw new Rusk.HostError('exactly this'); }),
              run(() => { throw 'a string'; }),
              run(async (a, b) => a + b),
            ];");
        Assert.That(r, Is.EqualTo(new[]
        {
            "trap: host call `test::add_int` failed: host error: js host import `test::add_int` threw: boom",
            "trap: host call `test::add_int` failed: host error: exactly this",
            "trap: host call `test::add_int` failed: host error: js host import `test::add_int` threw: a string",
            "trap: host call `test::add_int` failed: host error: js host import `test::add_int` returned a Promise; host imports are synchronous (use an external effect for async work)",
        }));
    }

    [Test]
    public async Task Wrong_types_returned_by_a_host_import_trap_the_vm()
    {
        var r = await Js<string[]>(@"
            const bytes = await load('200_bytecode_call_host_add_int_ok');
            const run = (fn) => { const vm = rusk.createVm(bytes); vm.registerHostImport('test::add_int', fn); const s = vm.step(); vm.dispose(); return `${s.tag}: ${s.message}`; };
            return [
              run((a, b) => 3),
              run(() => 2n ** 63n),
              run(() => Symbol('x')),
              run(() => 'three'),
            ];");
        Assert.That(r[0], Does.StartWith("trap: host call `test::add_int` return type mismatch"));
        Assert.That(r[1], Is.EqualTo("trap: host call `test::add_int` failed: host error: js host import `test::add_int` returned invalid AbiValue: bigint out of range for int(i64)"));
        Assert.That(r[2], Is.EqualTo("trap: host call `test::add_int` failed: host error: js host import `test::add_int` returned invalid AbiValue: unsupported AbiValue JS type (got symbol)"));
        Assert.That(r[3], Does.StartWith("trap: host call `test::add_int` return type mismatch"));
    }

    [Test]
    public async Task Wrong_types_passed_to_the_api_throw_at_the_edge()
    {
        var r = await Js<string[]>(@"
            const vm = rusk.createVm(await load('210_bytecode_external_effect_add_int_ok'));
            const req = vm.step();
            const out = [
              err(() => vm.resume(req.k, 3)),
              err(() => vm.resume(req.k, 2n ** 64n)),
              err(() => vm.resume(req.k, 'three')),
              err(() => vm.resume(req.k, [1n])),
              err(() => vm.resume({ index: -1, generation: 0 }, 3n)),
              err(() => vm.registerHostImport('test::add_int', 42)),
              err(() => vm.registerHostImport(10_000, () => 1n)),
              String(vm.registerHostImport('not::declared', () => 1n)),
            ];
            vm.resume(req.k, 3n);
            out.push(err(() => vm.step('10')), err(() => vm.step(-1)), err(() => vm.step(1.5)), err(() => vm.step(2 ** 60)), show(vm.step(10n)));
            vm.dispose();
            return out;");
        Assert.That(r, Is.EqualTo(new[]
        {
            "TypeError: resume value: expected int (a bigint), got number 3",
            "RangeError: resume value: bigint out of range for int(i64)",
            "TypeError: resume value: expected `int`, got string",
            "TypeError: resume value: a JS array where `int` is expected (use abi.array() or abi.tuple() where the type is not declared)",
            "TypeError: k.index: expected an integer in 0..2^32-1, got -1",
            "TypeError: registerHostImport(nameOrId, fn): fn must be a function",
            "RangeError: invalid host import id 10000",
            "false",
            "TypeError: fuel: expected number or bigint",
            "RangeError: fuel: must be >= 0",
            "RangeError: fuel: must be an integer",
            "RangeError: fuel: out of range (use bigint for large values)",
            "{\"tag\":\"done\",\"value\":\"3n\"}",
        }));
    }

    [Test]
    public async Task Composites_cross_as_handles_and_are_built_from_plain_js_or_constructors()
    {
        var r = await Js<string[]>(@"
            const out = [];
            const run = async (name, host, fn) => {
              const vm = rusk.createVm(await load(name));
              conformance.installHosts(vm, { hostLog: [] });
              vm.registerHostImport(host, fn);
              const s = vm.step();
              out.push(`${name}: ${s.tag} ${s.tag === 'done' ? show(s.value) : s.message}`);
              vm.dispose();
            };
            await run('280_bytecode_call_host_struct_param_ok', 'abi::sum_point', (p) => {
              out.push(p.kind, String(p.typeName.endsWith('Point')), show(p.toJS()), String(p.length), show(p.field('x')));
              return p.field('x') + p.field('y');
            });
            await run('281_bytecode_call_host_struct_return_ok', 'abi::make_point', (x, y) => ({ x, y }));
            await run('281_bytecode_call_host_struct_return_ok', 'abi::make_point', (x, y) => Rusk.struct(null, { x, y }));
            await run('281_bytecode_call_host_struct_return_ok', 'abi::make_point', (x, y) => ({ x }));
            await run('283_bytecode_call_host_tuple_return_ok', 'abi::make_pair', (a, b) => [a, b]);
            await run('285_bytecode_call_host_array_return_ok', 'abi::make_ints', () => [1n, 2n, 3n]);
            await run('284_bytecode_call_host_array_param_ok', 'abi::sum_ints', (xs) => { out.push(show(xs.toJS())); return xs.toJS().reduce((a, b) => a + b, 0n); });
            await run('287_bytecode_call_host_enum_roundtrip_ok', 'abi::make_rect', (w, h) => ({ variant: 'Rect', fields: [w, h] }));
            await run('287_bytecode_call_host_enum_roundtrip_ok', 'abi::shape_sum', (s) => { out.push(s.variant, show(s.toJS())); return s.get(0) + s.get(1); });
            await run('287_bytecode_call_host_enum_roundtrip_ok', 'abi::make_rect', (w, h) => ({ variant: 'Circle', fields: [w] }));
            return out;");
        Assert.That(r, Is.EqualTo(new[]
        {
            "struct", "true", "{\"x\":\"1n\",\"y\":\"2n\"}", "2", "\"1n\"",
            "280_bytecode_call_host_struct_param_ok: done \"3n\"",
            "281_bytecode_call_host_struct_return_ok: done \"42n\"",
            "281_bytecode_call_host_struct_return_ok: done \"42n\"",
            r[8],
            "283_bytecode_call_host_tuple_return_ok: done \"7n\"",
            "285_bytecode_call_host_array_return_ok: done \"6n\"",
            "[\"1n\",\"2n\",\"3n\"]",
            "284_bytecode_call_host_array_param_ok: done \"6n\"",
            "287_bytecode_call_host_enum_roundtrip_ok: done \"7n\"",
            r[14], r[15],
            "287_bytecode_call_host_enum_roundtrip_ok: done \"7n\"",
            r[17],
        }));
        Assert.That(r[8], Does.StartWith("281_bytecode_call_host_struct_return_ok: trap host call `abi::make_point` failed: host error: js host import `abi::make_point` returned invalid AbiValue: struct `").And.EndWith("` needs field `y`"));
        Assert.That(r[14], Is.EqualTo("Rect"));
        Assert.That(r[15], Does.StartWith("{\"variant\":\"Rect\",\"fields\":[\""));
        Assert.That(r[17], Does.Contain("has no variant `Circle`"));
    }

    [Test]
    public async Task Resume_values_are_checked_against_the_declared_composite_type()
    {
        // HostFx.swap(Point) -> Point; the corpus answers with Point { x: p.y, y: p.x } (result 21).
        var r = await Js<string[]>(@"
            const vm = rusk.createVm(await load('complex_abi_effects__external_effect_can_roundtrip_struct_values'));
            const req = vm.step();
            const p = req.args[0];
            const out = [
              err(() => vm.resume(req.k, Rusk.tuple([p.field('y'), p.field('x')]))),
              err(() => vm.resume(req.k, 5n)),
              err(() => vm.resume(req.k, { x: p.field('y') })),
              err(() => vm.resume(req.k, { x: p.field('y'), y: 1 })),
            ];
            vm.resume(req.k, { x: p.field('y'), y: p.field('x') });
            out.push(show(vm.step()));
            vm.dispose();
            return out;");
        Assert.That(r[0], Does.StartWith("TypeError: resume value: expected `").And.EndWith("Point`, got tuple"));
        Assert.That(r[1], Does.StartWith("TypeError: resume value: expected `").And.EndWith("Point`, got int"));
        Assert.That(r[2], Does.StartWith("TypeError: resume value: struct `").And.EndWith("Point` needs field `y`"));
        Assert.That(r[3], Is.EqualTo("TypeError: resume value.y: expected int (a bigint), got number 1"));
        Assert.That(r[4], Is.EqualTo("{\"tag\":\"done\",\"value\":\"21n\"}"));
    }

    [Test]
    public async Task Pinned_continuations_are_handles_that_drop_once()
    {
        var r = await Js<string[]>(@"
            const vm = rusk.createVm(await load('206_bytecode_call_host_continuation_roundtrip_ok'));
            let kept;
            conformance.installHosts(vm, { hostLog: [] });
            vm.registerHostImport('test::store_cont', (k) => { kept = k; });
            vm.registerHostImport('test::take_cont', () => kept);
            const done = vm.step();
            const out = [show(done), String(kept instanceof Rusk.PinnedContinuation), typeof kept.index, typeof kept.generation, show(Object.keys(kept.toJSON()))];
            vm.dropPinnedContinuation(kept);
            out.push(String(kept.disposed), err(() => vm.dropPinnedContinuation({ index: kept.index, generation: kept.generation })));
            vm.dispose();
            return out;");
        Assert.That(r[..5], Is.EqualTo(new[] { "{\"tag\":\"done\",\"value\":\"42n\"}", "true", "number", "number", "[\"index\",\"generation\"]" }));
        Assert.That(r[5], Is.EqualTo("true"));
        Assert.That(r[6], Does.StartWith("Error: "));
    }

    [Test]
    public async Task A_pinned_continuation_can_be_tail_resumed_from_js()
    {
        // Fixture 207 stores its continuation for "an embedding host [that] may later resume the
        // stored handle via vm_resume_pinned_continuation_tail"; resumed with 5, main's match yields 5.
        var r = await Js<string[]>(@"
            const vm = rusk.createVm(await load('207_bytecode_host_tail_resume_pinned_continuation_ok'));
            let k;
            vm.registerHostImport('test::store_cont', (c) => { k = c; });
            const first = vm.step();
            vm.resumePinnedContinuationTail(k, 5n);
            const again = err(() => vm.resumePinnedContinuationTail(k, 5n));
            const second = vm.step();
            vm.dispose();
            return [show(first), String(k.disposed), again, show(second)];");
        Assert.That(r[0], Is.EqualTo("{\"tag\":\"done\",\"value\":\"0n\"}"));
        Assert.That(r[1], Is.EqualTo("true"));
        Assert.That(r[2], Does.StartWith("Error: "));
        Assert.That(r[3], Is.EqualTo("{\"tag\":\"done\",\"value\":\"5n\"}"));
    }

    [Test]
    public async Task Use_after_dispose_is_a_clear_error()
    {
        var r = await Js<string[]>(@"
            const vm = rusk.createVm(await load('280_bytecode_call_host_struct_param_ok'));
            let p, q;
            conformance.installHosts(vm, { hostLog: [] });
            vm.registerHostImport('abi::sum_point', (v) => { p = v; q = v; return v.field('x') + v.field('y'); });
            vm.step();
            p.dispose();
            const afterValueDispose = err(() => p.toJS());
            const vm2 = rusk.createVm(await load('280_bytecode_call_host_struct_param_ok'));
            let held;
            conformance.installHosts(vm2, { hostLog: [] });
            vm2.registerHostImport('abi::sum_point', (v) => { held = v; return 3n; });
            vm2.step();
            vm2[Symbol.dispose]();
            const out = [
              afterValueDispose, String(q.disposed),
              err(() => vm2.step()), err(() => vm2.isDone()), err(() => held.field('x')), String(vm2.disposed),
              err(() => vm2.dispose()),
            ];
            vm.dispose();
            out.push(err(() => vm.listHostImports()));
            return out;");
        Assert.That(r, Is.EqualTo(new[]
        {
            "Error: composite value used after dispose", "true",
            "Error: Vm used after dispose", "Error: Vm used after dispose",
            "Error: composite value used after dispose (its Vm was disposed)", "true",
            "no error",
            "Error: Vm used after dispose",
        }));
    }

    [Test]
    public async Task Dropped_handles_are_released_by_finalization()
    {
        var r = await Js<string[]>(@"
            const vm = rusk.createVm(await load('280_bytecode_call_host_struct_param_ok'));
            conformance.installHosts(vm, { hostLog: [] });
            vm.registerHostImport('abi::sum_point', (v) => { for (let i = 0; i < 50; i++) v.field('x'); return v.field('x') + v.field('y'); });
            vm.step();
            const { exports, id } = vm._native;
            const before = exports.LiveValueCount(id);
            const released = await gcUntil(() => exports.LiveValueCount(id) === 0);
            const out = [String(before > 0), String(released)];
            vm.dispose();
            return out;");
        Assert.That(r, Is.EqualTo(new[] { "true", "true" }));
    }

    [Test]
    public async Task Small_fuel_yields_once_per_slice()
    {
        // 22019 instructions (the corpus's count): fuel 7 gives floor(22019 / 7) yields, then done.
        var r = await Js<string[]>(@"
            const vm = rusk.createVm(await load('bytecode_effect_opt__tail_resume_keeps_stack_bounded_in_yield_loop'));
            let yields = 0, s;
            while ((s = vm.step(7)).tag === 'yield') yields++;
            vm.dispose();
            const vm2 = rusk.createVm(await load('bytecode_effect_opt__tail_resume_keeps_stack_bounded_in_yield_loop'));
            let ticks = 0;
            const v = await Rusk.runVm(vm2, { fuelPerTick: 1000, onYield: () => { ticks++; } });
            vm2.dispose();
            return [String(yields), show(s), String(ticks), show(v)];");
        Assert.That(r, Is.EqualTo(new[] { (22019 / 7).ToString(), "{\"tag\":\"done\",\"value\":\"1999000n\"}", "22", "\"1999000n\"" }));
    }

    [Test]
    public async Task A_hundred_vms_run_interleaved()
    {
        var r = await Js<string[]>(@"
            const m = rusk.loadModule(await load('examples__03-control-flow-if-match'));
            const vms = [];
            for (let i = 0; i < 100; i++) {
              const o = { out: '' };
              o.vm = rusk.createVm(m, { stdout: (t) => { o.out += t; } });
              vms.push(o);
            }
            let live = vms.length, rounds = 0;
            while (live > 0) {
              rounds++;
              for (const o of vms) {
                if (o.result) continue;
                const s = o.vm.step(5);
                if (s.tag !== 'yield') { o.result = s; live--; o.vm.dispose(); }
              }
            }
            m.dispose();
            const distinct = new Set(vms.map((o) => show(o.result) + '|' + o.out));
            return [...distinct, String(rounds)];");
        Assert.That(r, Has.Length.EqualTo(2));
        Assert.That(r[0], Is.EqualTo("{\"tag\":\"done\",\"value\":\"3n\"}|abs(-3) = 3\nclassify(3) = many (like 3)\n"));
        Assert.That(int.Parse(r[1]), Is.EqualTo(57 / 5 + 1));
    }

    [Test]
    public async Task RunVm_answers_effects_by_name_or_id_and_rejects_on_a_throwing_handler()
    {
        var r = await Js<string[]>(@"
            const bytes = await load('212_bytecode_external_effect_two_requests_ok');
            const a = rusk.createVm(bytes);
            const byName = await Rusk.runVm(a, { effects: { 'TestFfi.add': async (x, y) => x + y } });
            const b = rusk.createVm(bytes);
            const byId = await Rusk.runVm(b, { effects: new Map([[b.externalEffectId('TestFfi.add'), (x, y) => x + y]]) });
            const c = rusk.createVm(bytes);
            const thrown = await aerr(Rusk.runVm(c, { effects: { 'TestFfi.add': async () => { throw new Error('nope'); } } }));
            const d = rusk.createVm(bytes);
            const missing = await aerr(Rusk.runVm(d));
            const t = rusk.createVm(await load('214_bytecode_unhandled_effect_not_externalized_runtime_error'));
            const trap = await aerr(Rusk.runVm(t));
            const out = [show(byName), show(byId), thrown, String(c.isTrapped()), missing, String(d.isTrapped()), trap];
            for (const vm of [a, b, c, d, t]) vm.dispose();
            return out;");
        Assert.That(r, Is.EqualTo(new[]
        {
            "\"10n\"", "\"10n\"", "Error: nope", "true",
            "Error: unhandled external effect TestFfi.add (id 0)", "true",
            "RuskTrapError: unhandled effect: NoExternal.boom",
        }));
    }

    [Test]
    public async Task RunVm_checks_its_options_as_worker_run_does()
    {
        var r = await Js<string[]>(@"
            const vm = rusk.createVm(await load('210_bytecode_external_effect_add_int_ok'));
            const out = [
              await aerr(Rusk.runVm(vm, 7)),
              await aerr(Rusk.runVm(vm, { fuelPerTick: 0 })),
              await aerr(Rusk.runVm(vm, { effects: 5 })),
              await aerr(Rusk.runVm(vm, { effects: { 'TestFfi.add': 5 } })),
              await aerr(Rusk.runVm(vm, { effects: new Map([[0, 'x']]) })),
              await aerr(Rusk.runVm(vm, { signal: {} })),
              await aerr(Rusk.runVm(vm, { onYield: 1 })),
              String(vm.isDone() || vm.isTrapped() || vm.isSuspended()),
            ];
            out.push(show(await Rusk.runVm(vm, { effects: { 'TestFfi.add': (a, b) => a + b } })));
            vm.dispose();
            return out;");
        Assert.That(r, Is.EqualTo(new[]
        {
            "TypeError: runVm options: expected an object",
            "RangeError: fuelPerTick: must be a positive integer",
            "TypeError: runVm options.effects: expected an object or Map of handlers",
            "TypeError: runVm options.effects[\"TestFfi.add\"]: expected a function",
            "TypeError: runVm options.effects[\"TestFfi.add\"]: expected a function",
            "TypeError: runVm options.signal: expected an AbortSignal",
            "TypeError: runVm options.onYield: expected a function",
            "false",
            "\"3n\"",
        }));
    }

    [Test]
    public async Task An_abort_signal_cancels_a_pending_request_and_a_running_loop()
    {
        var r = await Js<string[]>(@"
            const pending = rusk.createVm(await load('210_bytecode_external_effect_add_int_ok'));
            const c1 = new AbortController();
            const p1 = Rusk.runVm(pending, { signal: c1.signal, effects: { 'TestFfi.add': () => new Promise(() => {}) } });
            setTimeout(() => c1.abort(), 20);
            const e1 = await aerr(p1);
            const running = rusk.createVm(await load('bytecode_effect_opt__tail_resume_keeps_stack_bounded_in_yield_loop'));
            const c2 = new AbortController();
            let slices = 0;
            const e2 = await aerr(Rusk.runVm(running, { signal: c2.signal, fuelPerTick: 100, onYield: () => { if (++slices === 3) c2.abort(new Error('stop')); } }));
            const out = [e1, String(pending.isTrapped()), e2, String(running.isDone()), String(slices)];
            const resumed = await Rusk.runVm(running);
            out.push(show(resumed));
            pending.dispose(); running.dispose();
            return out;");
        Assert.That(r[0], Does.StartWith("AbortError: "));
        Assert.That(r[1..], Is.EqualTo(new[] { "true", "Error: stop", "false", "3", "\"1999000n\"" }));
    }

    [Test]
    public async Task Std_print_goes_to_console_log_line_by_line_by_default()
    {
        await Js<bool>(@"
            const vm = rusk.createVm(await load('examples__03-control-flow-if-match'));
            await Rusk.runVm(vm);
            vm.dispose();
            return true;");
        Assert.That(ConsoleText, Does.Contain("[log] abs(-3) = 3\n[log] classify(3) = many (like 3)"));
    }

    [Test]
    public async Task Dist_works_served_under_another_path()
    {
        MonoPageOnly();
        var page = await OpenAsync("/web/other-path.html");
        var r = await Js<string>(page, @"
            const vm = rusk.createVm(await load('200_bytecode_call_host_add_int_ok'));
            vm.registerHostImport('test::add_int', (a, b) => a + b);
            const s = vm.step();
            vm.dispose();
            return show(s);");
        Assert.That(r, Is.EqualTo("{\"tag\":\"done\",\"value\":\"3n\"}"));
    }

    [Test]
    public async Task BaseUrl_points_the_runtime_at_another_folder()
    {
        // This fixture's engine: ?engine= tells the page which one to boot from the other folder.
        var page = await OpenAsync("/web/base-url.html?engine=" + Engine);
        var r = await Js<string[]>(page, @"
            const vm = rusk.createVm(await load('200_bytecode_call_host_add_int_ok'));
            vm.registerHostImport('test::add_int', (a, b) => a + b);
            const s = vm.step();
            vm.dispose();
            const urls = performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname);
            return [show(s), rusk.engine, String(urls.includes('/cdn/some/deep/path/RUNTIME')), String(urls.some((u) => u.startsWith('/dist/_framework/') || u.startsWith('/dist/aot/')))];"
            .Replace("RUNTIME", Engine == "aot" ? "aot/rusk.wasm" : "_framework/dotnet.native.wasm"));
        Assert.That(r, Is.EqualTo(new[] { "{\"tag\":\"done\",\"value\":\"3n\"}", Engine, "true", "false" }));
    }

    [Test]
    public async Task RunVm_works_in_a_module_worker()
    {
        MonoPageOnly();
        var r = await Js<string[]>(@"
            const run = (name) => new Promise((resolve) => {
              const w = new Worker('/web/worker.js', { type: 'module' });
              w.onmessage = (e) => { resolve(e.data); w.terminate(); };
              w.onerror = (e) => { resolve(`worker error: ${e.message}`); w.terminate(); };
              w.postMessage(name);
            });
            return [await run('212_bytecode_external_effect_two_requests_ok'), await run('bytecode_effect_opt__tail_resume_keeps_stack_bounded_in_yield_loop')];");
        Assert.That(r, Is.EqualTo(new[] { "10 after 0 slices", "1999000 after 22 slices" }));
    }
}

/// <summary>The same contract on the AOT engine (skipped, with the compiler's first error, while rusk.wasm cannot be built).</summary>
[TestFixture]
[NonParallelizable]
public sealed class AotContractTests : ContractTests
{
    protected override string Engine => "aot";
}
