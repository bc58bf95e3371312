// Decoded modules and live sessions by id. Ids are never reused, so a late release from a JS
// finalizer can never hit a newer object.
using System;
using Rusk.Vm.Format;

namespace Rusk.Vm.Wasm;

static class Registry
{
    static Module?[] s_modules = new Module?[8];
    static int s_nextModule = 1;
    static Session?[] s_sessions = new Session?[8];
    static int s_nextSession = 1;

    public static int AddModule(Module m)
    {
        int id = s_nextModule++;
        if (id >= s_modules.Length) Array.Resize(ref s_modules, s_modules.Length * 2);
        s_modules[id] = m;
        return id;
    }

    public static Module Module(int id) =>
        (uint)id < (uint)s_modules.Length && s_modules[id] is { } m ? m : throw new WasmApiException($"unknown or released module id {id}");

    public static void ReleaseModule(int id)
    {
        if ((uint)id < (uint)s_modules.Length) s_modules[id] = null;
    }

    public static Session AddSession(Module module, Vm vm)
    {
        int id = s_nextSession++;
        if (id >= s_sessions.Length) Array.Resize(ref s_sessions, s_sessions.Length * 2);
        var s = new Session(id, module, vm);
        s_sessions[id] = s;
        return s;
    }

    public static Session Session(int id) =>
        (uint)id < (uint)s_sessions.Length && s_sessions[id] is { } s ? s : throw new WasmApiException($"unknown or disposed vm id {id}");

    public static Session? TrySession(int id) =>
        (uint)id < (uint)s_sessions.Length ? s_sessions[id] : null;

    public static void RemoveSession(int id)
    {
        if ((uint)id < (uint)s_sessions.Length) s_sessions[id] = null;
    }
}
