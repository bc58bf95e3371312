// The engines of the harness: which page adapter (perf/web/engines/<name>.js) runs what, and what
// each one's timed region contains (perf/README.md says the same at length).
using System.Collections.Generic;

namespace Rusk.Perf.Browser;

enum EngineInput : byte { Rbc, JsPort, LuaPort }

sealed class Engine
{
    public required string Name { get; init; }
    public required string Label { get; init; }
    public required EngineInput Input { get; init; }
    public required string Timed { get; init; }

    public static readonly Engine Rusk = new()
    {
        Name = "rusk", Label = "Rusk VM, Mono wasm, main thread", Input = EngineInput.Rbc,
        Timed = "createVm(decoded module) + host import registration + step loop (effects answered in JS) to Done",
    };
    public static readonly Engine RuskAot = new()
    {
        Name = "rusk-aot", Label = "Rusk VM, AOT WasmGC (rusk.wasm), main thread", Input = EngineInput.Rbc,
        Timed = "as rusk, on the AOT engine (loadRusk({engine: \"aot\"}))",
    };
    public static readonly Engine RuskWorker = new()
    {
        Name = "rusk-worker", Label = "Rusk VM, Mono wasm, module Worker", Input = EngineInput.Rbc,
        Timed = "as rusk, measured inside the Worker (postMessage excluded)",
    };
    public static readonly Engine Js = new()
    {
        Name = "js", Label = "plain JavaScript (V8)", Input = EngineInput.JsPort,
        Timed = "the call bench(n, host) of the JS port",
    };
    public static readonly Engine QuickJs = new()
    {
        Name = "quickjs", Label = "QuickJS (quickjs-emscripten, release-sync)", Input = EngineInput.JsPort,
        Timed = "ctx.callFunction of a wrapper calling bench(n, host) (port evaluated before)",
    };
    public static readonly Engine Lua = new()
    {
        Name = "lua", Label = "Lua 5.4 (wasmoon)", Input = EngineInput.LuaPort,
        Timed = "one call of a Lua wrapper calling bench(n, host) (chunk loaded before; tostring after)",
    };

    /// <summary>In page order (the order of each interleaved round).</summary>
    public static readonly IReadOnlyList<Engine> Browser = new[] { Rusk, RuskAot, RuskWorker, Js, QuickJs, Lua };

    public static Engine? Find(string name)
    {
        foreach (var e in Browser) if (e.Name == name) return e;
        return null;
    }
}
