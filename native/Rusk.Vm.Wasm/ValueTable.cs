// Composite ABI values the glue holds, by slot + generation. An entry keeps its VM heap object alive
// until the glue releases it (explicitly or from its FinalizationRegistry); stale handles are refused.
using System;

namespace Rusk.Vm.Wasm;

sealed class ValueTable
{
    AbiValue[] _values = new AbiValue[16];
    uint[] _gens = new uint[16];
    bool[] _live = new bool[16];
    int[] _free = new int[16];
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
                int n = _values.Length * 2;
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
        if (_freeCount == _free.Length) Array.Resize(ref _free, _free.Length * 2);
        _free[_freeCount++] = (int)slot;
    }
}
