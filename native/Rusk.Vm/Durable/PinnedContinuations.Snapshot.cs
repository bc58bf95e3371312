// The pinned-continuation table in a snapshot: every slot with its generation and token, and the
// free list in pop order, so handles the host kept resolve after restore and new pins get the same
// numbers the original VM would have handed out.
using System;
using System.Collections.Generic;
using Rusk.Vm.Durable;
using Rusk.Vm.Execution;

namespace Rusk.Vm.Execution;

internal sealed partial class PinnedContinuations
{
    public void Write(ByteWriter w, Dictionary<object, int> objects)
    {
        w.U(_count);
        for (int i = 0; i < _count; i++)
        {
            w.U(_slots[i].Generation);
            w.U(_slots[i].Token == null ? 0 : objects[_slots[i].Token!] + 1);
        }
        // The free list in pop order, put back as it was (Push/Pop only: the AOT corlib's Stack surface).
        var free = new int[_free.Count];
        for (int i = 0; i < free.Length; i++) free[i] = _free.Pop();
        for (int i = free.Length - 1; i >= 0; i--) _free.Push(free[i]);
        w.U(free.Length);
        foreach (int slot in free) w.U(slot);
    }

    /// <summary>Replaces the table with the snapshot's (only called on a fresh VM).</summary>
    public void Read(ByteReader r, object[] objects)
    {
        int n = r.Count("pinned slot count", 2, _max);
        var slots = new Slot[Math.Max(4, n)];
        for (int i = 0; i < n; i++)
        {
            slots[i].Generation = (uint)r.U("pinned slot generation", uint.MaxValue);
            int at = r.Offset;
            int token = r.U("pinned slot object + 1", objects.Length);
            if (token == 0) continue;
            slots[i].Token = objects[token - 1] as RContinuation ?? throw r.Error(at, "expected a continuation in a pinned slot");
        }
        int nfree = r.Count("free slot count", 1, n);
        var free = new int[nfree];
        var seen = new HashSet<int>();
        for (int i = 0; i < nfree; i++)
        {
            int at = r.Offset;
            free[i] = r.U("free slot", n - 1);
            if (slots[free[i]].Token != null || !seen.Add(free[i])) throw r.Error(at, $"expected a dropped slot, found slot {free[i]} in use or listed twice");
        }
        _slots = slots;
        _count = n;
        while (_free.Count > 0) _free.Pop();
        for (int i = nfree - 1; i >= 0; i--) _free.Push(free[i]);
    }
}
