// What every export of the flat surface does, in managed types (string, byte[], double[]): the
// Mono layer (Rusk.Vm.Wasm/Exports.cs, [JSExport]) and the AOT layer (Rusk.Vm.Aot/Exports.cs,
// [WasmExport], numbers only) are thin shims over it that differ only in how arguments cross.
// A call that fails returns -1 (or null) and LastError says why; nothing here throws to the caller.
// Plain C# only (docs/aot.md): rusk-aot compiles this file too.
using System;
using Rusk.Vm.Format;

namespace Rusk.Vm.Marshalling;

static class Surface
{
    static string s_lastError = "";

    /// <summary>The message of the last call that returned -1 or null.</summary>
    public static string LastError => s_lastError;

    /// <summary>Records <paramref name="e"/>'s message for LastError; returns -1.</summary>
    public static int Fail(Exception e)
    {
        s_lastError = e.Message;
        return -1;
    }

    public static int EnsureScratch(int bytes)
    {
        try { Scratch.Ensure(bytes); return 0; }
        catch (Exception e) { return Fail(e); }
    }

    // ---- modules and VMs ------------------------------------------------------------------

    /// <summary>Decodes and verifies an .rbc module (as the reference's from_bytes); returns its id.</summary>
    public static int LoadModule(byte[] rbc)
    {
        try { return Registry.AddModule(ModuleLoader.Load(rbc)); }
        catch (Exception e) { return Fail(e); }
    }

    /// <summary>JSON description of a module (ModuleInfo.cs); null on an unknown id.</summary>
    public static string? ModuleJson(int module)
    {
        try { return ModuleInfo.Json(Registry.Module(module)); }
        catch (Exception e) { Fail(e); return null; }
    }

    public static void ReleaseModule(int module) => Registry.ReleaseModule(module);

    /// <summary>Creates a VM; <paramref name="argv"/> null calls a zero-parameter main. Returns the VM id.</summary>
    /// <summary>
    /// Creates a VM; <paramref name="argv"/> null calls a zero-parameter main; <paramref name="maxHeapBytes"/>
    /// 0 keeps the default heap limit (the glue has checked it is a positive integer);
    /// <paramref name="journal"/> records a replay journal (JournalOf reads it). Returns the VM id.
    /// </summary>
    public static int CreateVm(int module, string[]? argv, bool metrics, double maxHeapBytes, bool journal)
    {
        try
        {
            var m = Registry.Module(module);
            var vm = new Vm(m, Options(argv, metrics, maxHeapBytes, journal));
            return Registry.AddSession(m, vm).Id;
        }
        catch (Exception e) { return Fail(e); }
    }

    static VmOptions Options(string[]? argv, bool metrics, double maxHeapBytes, bool journal) => new()
    {
        Argv = argv,
        EnableMetrics = metrics,
        Journal = journal,
        MaxHeapBytes = maxHeapBytes > 0 ? (long)maxHeapBytes : VmOptions.DefaultMaxHeapBytes,
    };

    // ---- durable VMs (docs/snapshot-format.md) ---------------------------------------------

    /// <summary>The VM's snapshot bytes; null (LastError says why) during a host call or for an unknown VM.</summary>
    public static byte[]? SnapshotVm(int vm)
    {
        try { return Registry.Session(vm).Vm.Snapshot(); }
        catch (Exception e) { Fail(e); return null; }
    }

    /// <summary>A new VM restored from <paramref name="snapshot"/> of module <paramref name="module"/>; returns its id, -1 when refused.</summary>
    public static int RestoreVm(int module, byte[] snapshot, bool metrics, double maxHeapBytes)
    {
        try
        {
            var m = Registry.Module(module);
            return Registry.AddSession(m, Vm.Restore(m, snapshot, Options(null, metrics, maxHeapBytes, false))).Id;
        }
        catch (Exception e) { return Fail(e); }
    }

    /// <summary>The VM's replay journal so far; null when it records none.</summary>
    public static byte[]? JournalOf(int vm)
    {
        try { return Registry.Session(vm).Vm.Journal(); }
        catch (Exception e) { Fail(e); return null; }
    }

    /// <summary>A new VM that re-ran <paramref name="journal"/> without any host; returns its id, -1 when refused or diverged.</summary>
    public static int ReplayVm(int module, byte[] journal, bool metrics, bool record, double maxHeapBytes)
    {
        try
        {
            var m = Registry.Module(module);
            return Registry.AddSession(m, Vm.Replay(m, journal, Options(null, metrics, maxHeapBytes, record))).Id;
        }
        catch (Exception e) { return Fail(e); }
    }

    public static void DisposeVm(int vm) => Registry.RemoveSession(vm);

    /// <summary>Routes host import <paramref name="importId"/> to the host's dispatcher (HostBridge.cs).</summary>
    public static int RegisterHostImport(int vm, int importId)
    {
        try
        {
            var s = Registry.Session(vm);
            if ((uint)importId >= (uint)s.Module.HostImports.Length)
                throw new WasmApiException($"invalid host import id {importId}");
            s.Vm.RegisterHostImport((uint)importId, HostBridge.For(s, importId));
            return 0;
        }
        catch (Exception e) { return Fail(e); }
    }

    // ---- stepping ---------------------------------------------------------------------------

    /// <summary>
    /// Runs with <paramref name="fuel"/> (negative = unlimited). Returns (payload length &lt;&lt; 2) |
    /// StepKind (0 done, 1 trap, 2 request, 3 yield); the payload is in the scratch buffer:
    /// done → value; trap → message + stack; request → effect id, k, args; yield → nothing.
    /// </summary>
    public static int Step(int vm, double fuel)
    {
        try
        {
            var s = Registry.Session(vm);
            var r = fuel < 0 ? s.Vm.Step() : s.Vm.Step((ulong)fuel);
            if (r.Kind == StepKind.Yield) return (int)StepKind.Yield;
            var w = TapeWriter.Shared.Begin();
            switch (r.Kind)
            {
                case StepKind.Done: w.Done(r.Value, s); break;
                case StepKind.Trap: w.Trap(r.Message, r.Stack); break;
                default: w.Request(r, s); break;
            }
            return (w.Length << 2) | (int)r.Kind;
        }
        catch (Exception e) { return Fail(e); }
    }

    public static int Resume(int vm, double kIndex, double kGeneration, int valueLength)
    {
        try
        {
            var s = Registry.Session(vm);
            var v = ReadOne(s, valueLength);
            s.Vm.Resume(Handle(kIndex, kGeneration), v);
            return 0;
        }
        catch (Exception e) { return Fail(e); }
    }

    public static int DropContinuation(int vm, double kIndex, double kGeneration)
    {
        try { Registry.Session(vm).Vm.DropContinuation(Handle(kIndex, kGeneration)); return 0; }
        catch (Exception e) { return Fail(e); }
    }

    public static int ResumePinnedContinuationTail(int vm, double kIndex, double kGeneration, int valueLength)
    {
        try
        {
            var s = Registry.Session(vm);
            s.Vm.ResumePinnedContinuationTail(Handle(kIndex, kGeneration), ReadOne(s, valueLength));
            return 0;
        }
        catch (Exception e) { return Fail(e); }
    }

    public static int DropPinnedContinuation(int vm, double kIndex, double kGeneration)
    {
        try { Registry.Session(vm).Vm.DropPinnedContinuation(Handle(kIndex, kGeneration)); return 0; }
        catch (Exception e) { return Fail(e); }
    }

    /// <summary>State bits: 1 done, 2 trapped, 4 suspended; -1 unknown VM.</summary>
    public static int State(int vm)
    {
        var s = Registry.TrySession(vm);
        if (s is null) { s_lastError = $"unknown or disposed vm id {vm}"; return -1; }
        return (s.Vm.IsDone ? 1 : 0) | (s.Vm.IsTrapped ? 2 : 0) | (s.Vm.IsSuspended ? 4 : 0);
    }

    /// <summary>[executedInstructions, hostCalls, effectRequests] since the last take; resets them. Null on an unknown VM.</summary>
    public static double[]? TakeMetrics(int vm)
    {
        try
        {
            var m = Registry.Session(vm).Vm.TakeMetrics();
            return new double[] { m.ExecutedInstructions, m.HostCalls, m.EffectRequests };
        }
        catch (Exception e) { Fail(e); return null; }
    }

    // ---- composite values held by the glue -----------------------------------------------

    /// <summary>Elements of an array or tuple, fields of a struct or of an enum's variant.</summary>
    public static int ValueLength(int vm, int slot, int generation)
    {
        try
        {
            var s = Registry.Session(vm);
            var v = s.Values.Get((uint)slot, (uint)generation);
            var cx = s.Vm.HostContext;
            return v.Kind switch
            {
                AbiKind.Array => cx.ArrayLength(v),
                AbiKind.Tuple => cx.TupleLength(v),
                AbiKind.Enum => cx.EnumFieldCount(v),
                _ => s.Module.AbiSchemas[v.CompositeType!.Id]?.Fields.Length ?? 0,
            };
        }
        catch (Exception e) { return Fail(e); }
    }

    /// <summary>Element <paramref name="index"/> of an array or tuple, or field of an enum variant, as a one-value tape (returns its length).</summary>
    public static int ValueGet(int vm, int slot, int generation, int index)
    {
        try
        {
            var s = Registry.Session(vm);
            var v = s.Values.Get((uint)slot, (uint)generation);
            var cx = s.Vm.HostContext;
            var item = v.Kind switch
            {
                AbiKind.Array => cx.ArrayGet(v, index),
                AbiKind.Tuple => cx.TupleGet(v, index),
                AbiKind.Enum => cx.EnumGet(v, index),
                _ => throw new WasmApiException($"{Kind(v)} has no indexed elements (use a field name)"),
            };
            return One(s, item);
        }
        catch (Exception e) { return Fail(e); }
    }

    /// <summary>Struct field <paramref name="name"/> as a one-value tape (returns its length).</summary>
    public static int ValueField(int vm, int slot, int generation, string name)
    {
        try
        {
            var s = Registry.Session(vm);
            var v = s.Values.Get((uint)slot, (uint)generation);
            if (v.Kind != AbiKind.Struct) throw new WasmApiException($"{Kind(v)} has no named fields");
            return One(s, s.Vm.HostContext.StructGet(v, name));
        }
        catch (Exception e) { return Fail(e); }
    }

    public static string? ValueVariant(int vm, int slot, int generation)
    {
        try
        {
            var s = Registry.Session(vm);
            var v = s.Values.Get((uint)slot, (uint)generation);
            if (v.Kind != AbiKind.Enum) throw new WasmApiException($"{Kind(v)} has no variant");
            return s.Vm.HostContext.EnumVariant(v);
        }
        catch (Exception e) { Fail(e); return null; }
    }

    /// <summary>The composite's contents inline (Tape.cs tags 9..12): children as refs, or all the way down when <paramref name="deep"/>.</summary>
    public static int ValueRead(int vm, int slot, int generation, bool deep)
    {
        try
        {
            var s = Registry.Session(vm);
            var v = s.Values.Get((uint)slot, (uint)generation);
            var w = TapeWriter.Shared.Begin();
            w.Contents(v, s, deep, 0);
            return w.Length;
        }
        catch (Exception e) { return Fail(e); }
    }

    /// <summary>Writes array element <paramref name="index"/>.</summary>
    public static int ValueSet(int vm, int slot, int generation, int index, int valueLength)
    {
        try
        {
            var s = Registry.Session(vm);
            var v = s.Values.Get((uint)slot, (uint)generation);
            if (v.Kind != AbiKind.Array) throw new WasmApiException($"{Kind(v)} elements cannot be set (only array elements)");
            s.Vm.HostContext.ArraySet(v, index, ReadOne(s, valueLength));
            return 0;
        }
        catch (Exception e) { return Fail(e); }
    }

    /// <summary>Writes struct field <paramref name="name"/>.</summary>
    public static int ValueSetField(int vm, int slot, int generation, string name, int valueLength)
    {
        try
        {
            var s = Registry.Session(vm);
            var v = s.Values.Get((uint)slot, (uint)generation);
            if (v.Kind != AbiKind.Struct) throw new WasmApiException($"{Kind(v)} has no named fields");
            s.Vm.HostContext.StructSet(v, name, ReadOne(s, valueLength));
            return 0;
        }
        catch (Exception e) { return Fail(e); }
    }

    /// <summary>Lets the VM collect a composite the glue no longer holds; stale releases are ignored.</summary>
    public static void ReleaseValue(int vm, int slot, int generation) =>
        Registry.TrySession(vm)?.Values.Release((uint)slot, (uint)generation);

    /// <summary>Composite values currently held for the glue (tests check finalization with it).</summary>
    public static int LiveValueCount(int vm) => Registry.TrySession(vm)?.Values.LiveCount ?? -1;

    // ---- diagnostics -----------------------------------------------------------------------

    /// <summary>
    /// [live VMs, live modules, composite values held for the glue, pinned continuations, managed
    /// heap bytes] over the whole runtime; the caller measures <paramref name="managedBytes"/>
    /// (-1 where the collector cannot be asked).
    /// </summary>
    public static double[] Diagnostics(long managedBytes)
    {
        var (values, pinned) = Registry.HeldCounts();
        return new double[] { Registry.SessionCount, Registry.ModuleCount, values, pinned, managedBytes };
    }

    // ---- helpers -----------------------------------------------------------------------------

    static ContinuationHandle Handle(double index, double generation) =>
        new((uint)index, (uint)generation);

    static AbiValue ReadOne(Session s, int length)
    {
        var r = new TapeReader(length);
        var v = r.Value(s, s.Vm.HostContext);
        if (!r.AtEnd) throw new WasmApiException("value tape has trailing bytes");
        return v;
    }

    static int One(Session s, AbiValue v)
    {
        var w = TapeWriter.Shared.Begin();
        w.Value(v, s);
        return w.Length;
    }

    /// <summary>A composite kind as messages spell it (a switch, not Enum.ToString: no reflection under AOT).</summary>
    static string Kind(AbiValue v) => v.Kind switch
    {
        AbiKind.Array => "array",
        AbiKind.Tuple => "tuple",
        AbiKind.Struct => "struct",
        AbiKind.Enum => "enum",
        _ => "value",
    };
}
