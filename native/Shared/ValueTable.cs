// Composite ABI values the glue holds, by slot + generation. An entry keeps its VM heap object alive
// until the glue releases it (explicitly or from its FinalizationRegistry); stale handles are refused.
using System;

namespace Rusk.Vm.Marshalling;

sealed class ValueTable
{
    // Empty until the first value: most VMs never hand a composite to JS, and a page may hold
    // thousands of VMs.
    AbiValue[] _values = Array.Empty<AbiValue>();
    uint[] _gens = Array.Empty<uint>();
    bool[] _live = Array.Empty<bool>();
    int[] _free = Array.Empty<int>();
    int _freeCount;
    int _used;

    public int LiveCount { get; private set; }

    public (uint Slot, uint Generation) Pin(AbiValue v)
    {
        int slot;
        if (_freeCount > 0) slot = _free[--_freeCount];
        else
        {
            if (_used == _values.Length)
            {
                int n = Math.Max(16, _values.Length * 2);
                Array.Resize(ref _values, n);
                Array.Resize(ref _gens, n);
                Array.Resize(ref _live, n);
            }
            slot = _used++;
        }
        _values[slot] = v;
        _live[slot] = true;
        LiveCount++;
        return ((uint)slot, _gens[slot]);
    }

    public AbiValue Get(uint slot, uint gen)
    {
        if (slot >= (uint)_used || !_live[slot] || _gens[slot] != gen)
            throw new WasmApiException($"stale value handle (slot {slot}, generation {gen}): it was released");
        return _values[slot];
    }

    /// <summary>Frees the entry; a stale or repeated release is ignored (finalizers may race dispose).</summary>
    public void Release(uint slot, uint gen)
    {
        if (slot >= (uint)_used || !_live[slot] || _gens[slot] != gen) return;
        _values[slot] = default;
        _live[slot] = false;
        _gens[slot]++;
        LiveCount--;
        if (_freeCount == _free.Length) Array.Resize(ref _free, Math.Max(16, _free.Length * 2));
        _free[_freeCount++] = (int)slot;
    }
}
