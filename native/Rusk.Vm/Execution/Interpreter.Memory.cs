// The interpreter's side of the heap limit (HeapMeter): charging from slow paths, running Step in
// fuel slices when the module allocates inline, the roots a measurement walks, and dropping the
// buffers a finished VM would otherwise keep alive.
using System;

namespace Rusk.Vm.Execution;

internal sealed partial class Interpreter
{
    /// <summary>Charges an allocation made by a slow path; the trap message when over the limit, else null.</summary>
    public string? ChargeHeap(long bytes) => _heap.TryCharge(bytes, this) ? null : _heap.OutOfMemory;

    /// <summary>Charges an allocation made by a slow path; traps when over the limit.</summary>
    void Charge(long bytes)
    {
        if (!_heap.TryCharge(bytes, this)) throw new GuestTrap(_heap.OutOfMemory);
    }

    /// <summary>A make_array/make_tuple too large to build inline (Op.MakeSeqLarge), charged first.</summary>
    Value MakeSeqLarge(int bp, int at, bool array)
    {
        int[] pool = _p.Pool;
        int n = pool[at];
        Charge(HeapMeter.ObjectBytes + 16 + HeapMeter.Values(n));
        var items = new Value[n];
        for (int k = 0; k < n; k++)
        {
            int r = pool[at + 1 + k];
            Value s = _stack[bp + r];
            if (s.Tag == Tag.Uninit) throw new GuestTrap($"{(array ? "make_array" : "make_tuple")} item: read from uninitialized reg {r}");
            items[k] = s;
        }
        return Value.Ref(array ? new RArray(items) : new RTuple(items));
    }

    /// <summary>
    /// Run() in fuel slices, each small enough that its inline allocations (bounded per instruction)
    /// fit in the headroom; between slices the meter charges that bound and measures when needed.
    /// The loop itself is unchanged: a slice ends through its ordinary out-of-fuel exit.
    /// </summary>
    StepResult RunSliced()
    {
        long remaining = _fuel;
        while (true)
        {
            long slice = _heap.SliceFor(remaining);
            _fuel = slice;
            StepResult r;
            try { r = Run(); }
            catch (Exception) { _fuel += remaining - slice; throw; } // Step counts the fuel of a trap too
            long used = slice - _fuel;
            remaining -= used;
            _fuel = remaining;
            // Charged after every slice, also the last of a Step(fuel): a host stepping with small
            // fuel must not run allocation unmeasured. Only a slice that stopped between
            // instructions can trap here; a Done or Request result stands and the charge carries on.
            bool within = _heap.AfterSlice(used, this);
            if (r.Kind != StepKind.Yield) return r;
            if (!within) throw new GuestTrap(_heap.OutOfMemory);
            if (remaining == 0) return r;
        }
    }

    /// <summary>
    /// Everything the VM keeps alive for the guest. Called between instructions or at a slow path's
    /// entry, where register slots above the top frame are dead (frames initialise what they read),
    /// so they are cleared first: the host's GC would otherwise keep what they point to.
    /// </summary>
    internal void VisitRoots(HeapWalk walk)
    {
        int top = StackTop;
        if (top < _stack.Length) Array.Clear(_stack, top, _stack.Length - top);
        walk.Values(_stack, top);
        walk.Add(HeapMeter.Values(_stack.Length) + HeapMeter.ArrayBytes + _frames.Length * HeapMeter.FrameBytes);
        walk.Values(_scratch, _scratch.Length);
        walk.Values(_binds, _binds.Length);
        walk.Values(_performArgs, _performArgs.Length);
        for (int i = 0; i < Pinned.SlotCount; i++) walk.Object(Pinned.At(i));
        // Interned typereps live as long as the VM; MakeTypeRep can build ever deeper ones.
        walk.Add((long)Types.Count * (HeapMeter.ObjectBytes + 40));
    }

    /// <summary>Drops the scratch buffers' references once the VM can run no more.</summary>
    void ReleaseBuffers()
    {
        Array.Clear(_scratch);
        Array.Clear(_binds);
        Array.Clear(_performArgs);
        _spareState = null;
    }
}
