// The interpreter's side of the heap limit (HeapMeter): charging from slow paths and from the loop's
// inline allocations, the roots a measurement walks, and dropping the buffers a finished VM would
// otherwise keep alive.
using System;

namespace Rusk.Vm.Execution;

internal sealed partial class Interpreter
{
    /// <summary>How often the heap limit has measured the live graph.</summary>
    internal long HeapMeasurements => _heap.Measurements;

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
        Charge(array ? HeapMeter.ArrayOf(n) : HeapMeter.TupleOf(n));
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
    /// An inline make_array/make_tuple/make_struct of <paramref name="bytes"/> took the charges past
    /// the headroom (the loop has added them): measures, and traps when the live graph plus it is over the limit.
    /// </summary>
    void ChargeOver(long bytes)
    {
        if (!_heap.Over(bytes, this)) throw new GuestTrap(_heap.OutOfMemory);
    }

    /// <summary>
    /// Between instructions: measures when what the host handed in (charged unchecked: host values,
    /// HostContext constructors) took the charges past the headroom; traps when over the limit.
    /// </summary>
    void CheckHeap()
    {
        if (_heap.Charged > _heap.Headroom) ChargeOver(0);
    }

    /// <summary>
    /// Everything the VM keeps alive for the guest. Called between instructions or at a slow path's
    /// entry, where register slots above the top frame are dead (frames initialise what they read),
    /// so they are cleared first (unless <paramref name="clearDead"/> is false): the host's GC would otherwise keep what they point to.
    /// </summary>
    internal void VisitRoots(HeapWalk walk, bool clearDead = true)
    {
        int top = StackTop;
        if (clearDead && top < _stack.Length) Array.Clear(_stack, top, _stack.Length - top);
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
