// Host-held continuation handles (docs/embedding-vm.md "Pinned Continuations"): a continuation that
// crosses the ABI boundary is stored in a slot; its handle is slot + 1 (0 is the Request handle)
// plus the slot's generation, which is bumped when the slot is freed so stale handles are rejected.
using System;
using System.Collections.Generic;

namespace Rusk.Vm.Execution;

internal sealed partial class PinnedContinuations
{
    struct Slot
    {
        public uint Generation;
        public RContinuation? Token;
    }

    Slot[] _slots = new Slot[4];
    int _count;
    readonly Stack<int> _free = new();
    readonly int _max;

    public PinnedContinuations(int max) { _max = max; }

    public ContinuationHandle Pin(RContinuation k)
    {
        int slot;
        if (_free.Count > 0) slot = _free.Pop();
        else
        {
            if (_count >= _max) throw new AbiError("pinned continuation table overflow (too many continuations)");
            if (_count == _slots.Length) Array.Resize(ref _slots, _slots.Length * 2);
            slot = _count++;
        }
        _slots[slot].Token = k;
        return new ContinuationHandle((uint)slot + 1, _slots[slot].Generation);
    }

    public RContinuation Resolve(ContinuationHandle h)
    {
        if (h.Index == 0) throw new AbiError("invalid pinned continuation handle: index 0 is reserved");
        uint slot = h.Index - 1;
        if (slot >= (uint)_count) throw new AbiError("invalid pinned continuation handle: out of range");
        ref Slot s = ref _slots[slot];
        if (s.Generation != h.Generation) throw new AbiError("invalid pinned continuation handle: generation mismatch");
        if (s.Token == null) throw new AbiError("invalid pinned continuation handle: dropped");
        if (s.Token.IsConsumed) throw new AbiError("invalid pinned continuation handle: already consumed");
        return s.Token;
    }

    public void Drop(ContinuationHandle h)
    {
        if (h.Index == 0) throw new VmException("invalid continuation: invalid pinned continuation handle: index 0 is reserved");
        uint slot = h.Index - 1;
        if (slot >= (uint)_count) throw new VmException("invalid continuation: invalid pinned continuation handle: out of range");
        ref Slot s = ref _slots[slot];
        if (s.Generation != h.Generation) throw new VmException("invalid continuation: invalid pinned continuation handle: generation mismatch");
        if (s.Token == null) throw new VmException("invalid continuation: invalid pinned continuation handle: already dropped");
        s.Token = null;
        s.Generation++;
        _free.Push((int)slot);
    }

    /// <summary>Slots in use or freed (the heap meter walks <see cref="At"/> over them).</summary>
    public int SlotCount => _count;

    /// <summary>The continuation in slot <paramref name="slot"/>, null when freed.</summary>
    public RContinuation? At(int slot) => _slots[slot].Token;

    /// <summary>Number of live pinned handles.</summary>
    public int Live => _count - _free.Count;
}

/// <summary>An ABI conversion failure; callers prefix it with where it happened (trap or HostException).</summary>
internal sealed class AbiError : Exception
{
    public AbiError(string message) : base(message) { }
}
