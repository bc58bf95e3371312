// Decoded modules and live sessions by id. Ids are never reused, so a late release from a JS
// finalizer can never hit a newer object; the maps drop released entries, so memory follows the
// live count, not the number of VMs ever created.
using System.Collections.Generic;
using Rusk.Vm.Format;

namespace Rusk.Vm.Marshalling;

static class Registry
{
    static readonly Dictionary<int, Module> s_modules = new();
    static int s_nextModule = 1;
    static readonly Dictionary<int, Session> s_sessions = new();
    static int s_nextSession = 1;

    public static int ModuleCount => s_modules.Count;
    public static int SessionCount => s_sessions.Count;

    public static int AddModule(Module m)
    {
        int id = s_nextModule++;
        s_modules[id] = m;
        return id;
    }

    public static Module Module(int id) =>
        s_modules.TryGetValue(id, out var m) ? m : throw new WasmApiException($"unknown or released module id {id}");

    public static void ReleaseModule(int id) => s_modules.Remove(id);

    public static Session AddSession(Module module, Vm vm)
    {
        int id = s_nextSession++;
        var s = new Session(id, module, vm);
        s_sessions[id] = s;
        return s;
    }

    public static Session Session(int id) =>
        s_sessions.TryGetValue(id, out var s) ? s : throw new WasmApiException($"unknown or disposed vm id {id}");

    public static Session? TrySession(int id) => s_sessions.TryGetValue(id, out var s) ? s : null;

    public static void RemoveSession(int id) => s_sessions.Remove(id);

    /// <summary>Composite values held for the glue and continuations pinned for it, over all live VMs.</summary>
    public static (long Values, long Pinned) HeldCounts()
    {
        long values = 0, pinned = 0;
        // Over the entries, not .Values: one enumerator type fewer for the AOT corlib to provide.
        foreach (var entry in s_sessions)
        {
            values += entry.Value.Values.LiveCount;
            pinned += entry.Value.Vm.PinnedContinuationCount;
        }
        return (values, pinned);
    }
}
