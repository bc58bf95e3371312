// The flat surface the glue calls through [JSExport]: numbers and strings only (plus the module
// bytes once). Each export is a shim over Surface (native/Shared/Surface.cs), which the AOT layer
// (native/Rusk.Vm.Aot) shares; values cross as tapes (Tape.cs) in the scratch buffer (Scratch.cs).
// A call that fails returns -1 (or null) and LastError() says why; nothing here throws into JS.
using System;
using System.Runtime.InteropServices.JavaScript;
using Rusk.Vm.Marshalling;

namespace Rusk.Vm.Wasm;

static partial class Exports
{
    /// <summary>The message of the last call that returned -1 or null.</summary>
    [JSExport]
    internal static string LastError() => Surface.LastError;

    /// <summary>Address of the scratch header ([0] = buffer address, [1] = capacity).</summary>
    [JSExport]
    internal static int ScratchHeader() => Scratch.HeaderAddress;

    /// <summary>Grows the scratch buffer so the glue can write a tape of <paramref name="bytes"/>.</summary>
    [JSExport]
    internal static int EnsureScratch(int bytes) => Surface.EnsureScratch(bytes);

    [JSExport]
    internal static int LoadModule(byte[] rbc) => Surface.LoadModule(rbc);

    [JSExport]
    internal static string? ModuleJson(int module) => Surface.ModuleJson(module);

    [JSExport]
    internal static void ReleaseModule(int module) => Surface.ReleaseModule(module);

    [JSExport]
    internal static int CreateVm(int module, string[]? argv, bool metrics, double maxHeapBytes, bool journal) =>
        Surface.CreateVm(module, argv, metrics, maxHeapBytes, journal);

    [JSExport]
    internal static byte[]? SnapshotVm(int vm) => Surface.SnapshotVm(vm);

    [JSExport]
    internal static int RestoreVm(int module, byte[] snapshot, bool metrics, double maxHeapBytes) =>
        Surface.RestoreVm(module, snapshot, metrics, maxHeapBytes);

    [JSExport]
    internal static byte[]? JournalOf(int vm) => Surface.JournalOf(vm);

    [JSExport]
    internal static int ReplayVm(int module, byte[] journal, bool metrics, bool record, double maxHeapBytes) =>
        Surface.ReplayVm(module, journal, metrics, record, maxHeapBytes);

    [JSExport]
    internal static void DisposeVm(int vm) => Surface.DisposeVm(vm);

    [JSExport]
    internal static int RegisterHostImport(int vm, int importId) => Surface.RegisterHostImport(vm, importId);

    [JSExport]
    internal static int Step(int vm, double fuel) => Surface.Step(vm, fuel);

    [JSExport]
    internal static int Resume(int vm, double kIndex, double kGeneration, int valueLength) =>
        Surface.Resume(vm, kIndex, kGeneration, valueLength);

    [JSExport]
    internal static int DropContinuation(int vm, double kIndex, double kGeneration) =>
        Surface.DropContinuation(vm, kIndex, kGeneration);

    [JSExport]
    internal static int ResumePinnedContinuationTail(int vm, double kIndex, double kGeneration, int valueLength) =>
        Surface.ResumePinnedContinuationTail(vm, kIndex, kGeneration, valueLength);

    [JSExport]
    internal static int DropPinnedContinuation(int vm, double kIndex, double kGeneration) =>
        Surface.DropPinnedContinuation(vm, kIndex, kGeneration);

    [JSExport]
    internal static int State(int vm) => Surface.State(vm);

    [JSExport]
    internal static double[]? TakeMetrics(int vm) => Surface.TakeMetrics(vm);

    [JSExport]
    internal static int ValueLength(int vm, int slot, int generation) => Surface.ValueLength(vm, slot, generation);

    [JSExport]
    internal static int ValueGet(int vm, int slot, int generation, int index) => Surface.ValueGet(vm, slot, generation, index);

    [JSExport]
    internal static int ValueField(int vm, int slot, int generation, string name) => Surface.ValueField(vm, slot, generation, name);

    [JSExport]
    internal static string? ValueVariant(int vm, int slot, int generation) => Surface.ValueVariant(vm, slot, generation);

    [JSExport]
    internal static int ValueRead(int vm, int slot, int generation, bool deep) => Surface.ValueRead(vm, slot, generation, deep);

    [JSExport]
    internal static int ValueSet(int vm, int slot, int generation, int index, int valueLength) =>
        Surface.ValueSet(vm, slot, generation, index, valueLength);

    [JSExport]
    internal static int ValueSetField(int vm, int slot, int generation, string name, int valueLength) =>
        Surface.ValueSetField(vm, slot, generation, name, valueLength);

    [JSExport]
    internal static void ReleaseValue(int vm, int slot, int generation) => Surface.ReleaseValue(vm, slot, generation);

    [JSExport]
    internal static int LiveValueCount(int vm) => Surface.LiveValueCount(vm);

    /// <summary>Surface.Diagnostics with the managed heap's bytes; <paramref name="collect"/> runs a full GC first, so the count is what is reachable.</summary>
    [JSExport]
    internal static double[] Diagnostics(bool collect) => Surface.Diagnostics(GC.GetTotalMemory(collect));
}
