// The flat surface as wasm exports (docs/aot.md, "The host contract"): numbers only. Each export
// is a shim over Surface (native/Shared/Surface.cs, shared with the Mono layer); what Mono passes
// as a string, string[], byte[] or double[] crosses here through the buffers of Scratch.cs:
//   string argument  → UTF-16 in the text buffer, the call passes its unit count
//   string result    → UTF-16 in the text buffer, the call returns its unit count (-1 = null)
//   argv             → the text buffer holds each string as i32 unit count + units; the call
//                      passes the count (-1 = no argv)
//   .rbc bytes       → the tape buffer from offset 0, the call passes the byte count
//   double[] result  → f64s in the tape buffer from offset 0, the call returns the count (-1 = null)
//   snapshot/journal → bytes in the tape buffer from offset 0 both ways: an argument passes the
//                      byte count, a result returns it (-1 = null)
// glue/aot.js turns these back into the object the Mono runtime's JSExports give the glue.
using System;
using Rusk.Aot.Interop;
using Rusk.Vm.Marshalling;

namespace Rusk.Vm.Aot;

static class Exports
{
    /// <summary>The message of the last call that returned -1, as text (returns its unit count).</summary>
    [WasmExport("LastError")]
    internal static int LastError() => Scratch.StoreText(Surface.LastError);

    /// <summary>Address of the header: [tape address, tape capacity, text address, text capacity].</summary>
    [WasmExport("ScratchHeader")]
    internal static int ScratchHeader() => Scratch.HeaderAddress;

    /// <summary>Grows the tape buffer so the glue can write <paramref name="bytes"/>.</summary>
    [WasmExport("EnsureScratch")]
    internal static int EnsureScratch(int bytes) => Surface.EnsureScratch(bytes);

    /// <summary>Grows the text buffer so the glue can write <paramref name="bytes"/> (2 per code unit).</summary>
    [WasmExport("EnsureText")]
    internal static int EnsureText(int bytes)
    {
        try { Scratch.EnsureText(bytes); return 0; }
        catch (Exception e) { return Surface.Fail(e); }
    }

    [WasmExport("LoadModule")]
    internal static int LoadModule(int length)
    {
        byte[] rbc;
        try { rbc = Scratch.TapeBytes(length); }
        catch (Exception e) { return Surface.Fail(e); }
        return Surface.LoadModule(rbc);
    }

    [WasmExport("ModuleJson")]
    internal static int ModuleJson(int module) => Text(Surface.ModuleJson(module));

    [WasmExport("ReleaseModule")]
    internal static void ReleaseModule(int module) => Surface.ReleaseModule(module);

    [WasmExport("CreateVm")]
    internal static int CreateVm(int module, int argc, bool metrics, double maxHeapBytes, bool journal)
    {
        string[]? argv = null;
        try { if (argc >= 0) argv = Scratch.LoadStrings(argc); }
        catch (Exception e) { return Surface.Fail(e); }
        return Surface.CreateVm(module, argv, metrics, maxHeapBytes, journal);
    }

    // ---- durable VMs (docs/snapshot-format.md) -----------------------------------------------

    /// <summary>The VM's snapshot bytes in the tape buffer; returns their count, -1 (LastError) when refused.</summary>
    [WasmExport("SnapshotVm")]
    internal static int SnapshotVm(int vm) => Bytes(Surface.SnapshotVm(vm));

    /// <summary>The snapshot is in the tape buffer (<paramref name="length"/> bytes); returns the new VM id or -1.</summary>
    [WasmExport("RestoreVm")]
    internal static int RestoreVm(int module, int length, bool metrics, double maxHeapBytes)
    {
        byte[] snapshot;
        try { snapshot = Scratch.TapeBytes(length); }
        catch (Exception e) { return Surface.Fail(e); }
        return Surface.RestoreVm(module, snapshot, metrics, maxHeapBytes);
    }

    /// <summary>The VM's journal bytes in the tape buffer; returns their count, -1 (LastError) when it records none.</summary>
    [WasmExport("JournalOf")]
    internal static int JournalOf(int vm) => Bytes(Surface.JournalOf(vm));

    /// <summary>The journal is in the tape buffer (<paramref name="length"/> bytes); returns the new VM id or -1.</summary>
    [WasmExport("ReplayVm")]
    internal static int ReplayVm(int module, int length, bool metrics, bool record, double maxHeapBytes)
    {
        byte[] journal;
        try { journal = Scratch.TapeBytes(length); }
        catch (Exception e) { return Surface.Fail(e); }
        return Surface.ReplayVm(module, journal, metrics, record, maxHeapBytes);
    }

    [WasmExport("DisposeVm")]
    internal static void DisposeVm(int vm) => Surface.DisposeVm(vm);

    [WasmExport("RegisterHostImport")]
    internal static int RegisterHostImport(int vm, int importId) => Surface.RegisterHostImport(vm, importId);

    [WasmExport("Step")]
    internal static int Step(int vm, double fuel) => Surface.Step(vm, fuel);

    [WasmExport("Resume")]
    internal static int Resume(int vm, double kIndex, double kGeneration, int valueLength) =>
        Surface.Resume(vm, kIndex, kGeneration, valueLength);

    [WasmExport("DropContinuation")]
    internal static int DropContinuation(int vm, double kIndex, double kGeneration) =>
        Surface.DropContinuation(vm, kIndex, kGeneration);

    [WasmExport("ResumePinnedContinuationTail")]
    internal static int ResumePinnedContinuationTail(int vm, double kIndex, double kGeneration, int valueLength) =>
        Surface.ResumePinnedContinuationTail(vm, kIndex, kGeneration, valueLength);

    [WasmExport("DropPinnedContinuation")]
    internal static int DropPinnedContinuation(int vm, double kIndex, double kGeneration) =>
        Surface.DropPinnedContinuation(vm, kIndex, kGeneration);

    [WasmExport("State")]
    internal static int State(int vm) => Surface.State(vm);

    /// <summary>[executedInstructions, hostCalls, effectRequests] as 3 f64s in the tape buffer; returns 3, or -1.</summary>
    [WasmExport("TakeMetrics")]
    internal static int TakeMetrics(int vm) => Doubles(Surface.TakeMetrics(vm));

    [WasmExport("ValueLength")]
    internal static int ValueLength(int vm, int slot, int generation) => Surface.ValueLength(vm, slot, generation);

    [WasmExport("ValueGet")]
    internal static int ValueGet(int vm, int slot, int generation, int index) => Surface.ValueGet(vm, slot, generation, index);

    /// <summary>The field name is in the text buffer (<paramref name="nameUnits"/> code units).</summary>
    [WasmExport("ValueField")]
    internal static int ValueField(int vm, int slot, int generation, int nameUnits)
    {
        string name;
        try { name = Scratch.LoadText(nameUnits); }
        catch (Exception e) { return Surface.Fail(e); }
        return Surface.ValueField(vm, slot, generation, name);
    }

    [WasmExport("ValueVariant")]
    internal static int ValueVariant(int vm, int slot, int generation) => Text(Surface.ValueVariant(vm, slot, generation));

    [WasmExport("ValueRead")]
    internal static int ValueRead(int vm, int slot, int generation, bool deep) => Surface.ValueRead(vm, slot, generation, deep);

    [WasmExport("ValueSet")]
    internal static int ValueSet(int vm, int slot, int generation, int index, int valueLength) =>
        Surface.ValueSet(vm, slot, generation, index, valueLength);

    /// <summary>The field name is in the text buffer, the value in the tape buffer.</summary>
    [WasmExport("ValueSetField")]
    internal static int ValueSetField(int vm, int slot, int generation, int nameUnits, int valueLength)
    {
        string name;
        try { name = Scratch.LoadText(nameUnits); }
        catch (Exception e) { return Surface.Fail(e); }
        return Surface.ValueSetField(vm, slot, generation, name, valueLength);
    }

    [WasmExport("ReleaseValue")]
    internal static void ReleaseValue(int vm, int slot, int generation) => Surface.ReleaseValue(vm, slot, generation);

    [WasmExport("LiveValueCount")]
    internal static int LiveValueCount(int vm) => Surface.LiveValueCount(vm);

    /// <summary>
    /// [vms, modules, compositeValues, pinnedContinuations, managedBytes] as 5 f64s in the tape
    /// buffer; returns 5. managedBytes is -1: the VM's objects live in the engine's GC heap, which
    /// a wasm module cannot measure (<paramref name="collect"/> is accepted and has no effect).
    /// </summary>
    [WasmExport("Diagnostics")]
    internal static int Diagnostics(bool collect)
    {
        _ = collect;
        return Doubles(Surface.Diagnostics(-1));
    }

    static int Text(string? s)
    {
        if (s is null) return -1;
        try { return Scratch.StoreText(s); }
        catch (Exception e) { return Surface.Fail(e); }
    }

    static int Bytes(byte[]? bytes)
    {
        if (bytes is null) return -1;
        try
        {
            Scratch.Ensure(bytes.Length);
            Scratch.StoreBytes(0, bytes);
            return bytes.Length;
        }
        catch (Exception e) { return Surface.Fail(e); }
    }

    static int Doubles(double[]? values)
    {
        if (values is null) return -1;
        try { return Scratch.StoreDoubles(values); }
        catch (Exception e) { return Surface.Fail(e); }
    }
}
