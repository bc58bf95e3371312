// The per-VM memory limit (VmOptions.MaxHeapBytes). The host's GC stays the VM's collector; this
// only decides when the guest keeps too much alive. Slow paths charge what they are about to
// allocate; the loop's inline allocations (make_array/make_tuple/make_struct) are not counted one
// by one but bounded per instruction (Program.InlineAllocBytes) and charged per fuel slice. Once the
// charges pass the headroom left by the last measurement, the live graph is measured from the VM's
// roots; only a measured live size over the limit (plus the pending allocation) traps.
using System;
using System.Collections.Generic;

namespace Rusk.Vm.Execution;

internal sealed class HeapMeter
{
    /// <summary>Approximate .NET sizes (64-bit): object header, array header, one Value, one Frame.</summary>
    public const long ObjectBytes = 16, ArrayBytes = 24, ValueBytes = 24, FrameBytes = 32;
    /// <summary>Charged per intrinsic call and slow-path constructor: their small results (Option values,
    /// short strings) are otherwise uncounted, and counting them keeps a chain of them from outrunning a measurement.</summary>
    public const long SmallBytes = 64;
    /// <summary>
    /// Items of the largest make_array/make_tuple/make_struct the loop builds inline; larger ones are
    /// lowered to slow paths that charge. It keeps the per-instruction bound (and so the measurement
    /// rate of a module with one big literal) small.
    /// </summary>
    public const int MaxInlineItems = 32;
    /// <summary>Smallest fuel slice: below it the re-entry into the loop would show in the benchmarks.</summary>
    const long MinSlice = 4096;

    public readonly long Limit;
    readonly long _inlinePerInstr;
    long _live;
    long _charged;

    public HeapMeter(long limit, long inlineAllocBytesPerInstruction)
    {
        Limit = limit;
        _inlinePerInstr = inlineAllocBytesPerInstruction;
    }

    /// <summary>Live bytes found by the last measurement.</summary>
    public long LastLive => _live;
    /// <summary>Measurements so far (diagnostics and tests).</summary>
    public long Measurements { get; private set; }

    /// <summary>The trap message: names the limit, as embedders set it.</summary>
    public string OutOfMemory => $"out of memory: heap limit of {Limit} bytes (maxHeapBytes) exceeded";

    /// <summary>True when the module can allocate in the loop's hot cases (then Step runs in slices).</summary>
    public bool Slices => _inlinePerInstr > 0;

    /// <summary>
    /// Accounts for <paramref name="bytes"/> about to be allocated; false when the live graph plus
    /// them would pass the limit. <paramref name="measure"/> walks the graph (it is called only then).
    /// </summary>
    public bool TryCharge(long bytes, Interpreter measure)
    {
        if (bytes < 0 || bytes > Limit) return false;
        _charged += bytes;
        if (_live + _charged <= Limit) return true;
        Remeasure(measure);
        _charged = bytes;
        return _live + bytes <= Limit;
    }

    /// <summary>Fuel for the next slice: its inline allocations must fit in half the headroom.</summary>
    public long SliceFor(long remaining)
    {
        long headroom = Limit - _live - _charged;
        long slice = headroom / 2 / _inlinePerInstr;
        if (slice < MinSlice) slice = MinSlice;
        return slice < remaining ? slice : remaining;
    }

    /// <summary>Charges the worst case of a finished slice's inline allocations; false when over the limit.</summary>
    public bool AfterSlice(long executed, Interpreter measure)
    {
        _charged += executed * _inlinePerInstr;
        if (_live + _charged <= Limit) return true;
        Remeasure(measure);
        _charged = 0;
        return _live <= Limit;
    }

    void Remeasure(Interpreter vm)
    {
        Measurements++;
        var walk = new HeapWalk();
        vm.VisitRoots(walk);
        _live = walk.Drain();
    }

    /// <summary>Bytes of a Value[] of <paramref name="n"/> slots.</summary>
    public static long Values(long n) => ArrayBytes + n * ValueBytes;

    /// <summary>Bytes of a byte[] of <paramref name="n"/> bytes (rounded to 8 as the allocator does).</summary>
    public static long Bytes(long n) => ArrayBytes + ((n + 7) & ~7L);

    /// <summary>The most one lowered instruction of <paramref name="functions"/> allocates without a slow path.</summary>
    public static long InlineAllocBound(LFunction[] functions, int[] pool, object[] sites)
    {
        long max = 0;
        foreach (var f in functions)
            foreach (ref readonly LInstr ins in f.Code.AsSpan())
            {
                long n;
                switch (ins.Op)
                {
                    case Op.MakeArray: n = ObjectBytes + 16 + Values(pool[ins.B]); break;
                    case Op.MakeTuple: n = ObjectBytes + 8 + Values(pool[ins.B]); break;
                    case Op.MakeStruct: n = ObjectBytes + 24 + Values(((MakeStructSite)sites[ins.B]).FieldRegs.Length); break;
                    default: continue;
                }
                if (n > max) max = n;
            }
        return max;
    }
}

/// <summary>
/// One measurement of what a VM keeps alive: a walk of its object graph (each object once, by
/// identity) that sums approximate .NET sizes. TypeReps are counted by the VM's interning table,
/// not here. An explicit work list, so a deep structure cannot overflow the host's stack.
/// </summary>
internal sealed class HeapWalk
{
    readonly HashSet<object> _seen = new(ReferenceEqualityComparer.Instance);
    readonly Stack<object> _work = new();
    long _bytes;

    public void Add(long bytes) => _bytes += bytes;

    public void Value(in Value v)
    {
        object? o = v.Obj;
        if (o != null && o is not TypeRep && _seen.Add(o)) _work.Push(o);
    }

    public void Values(Value[] items, int count)
    {
        for (int i = 0; i < count; i++) Value(items[i]);
    }

    public void Object(object? o)
    {
        if (o != null && _seen.Add(o)) _work.Push(o);
    }

    /// <summary>Walks everything reachable from what was added; returns the total bytes.</summary>
    public long Drain()
    {
        while (_work.Count > 0)
        {
            switch (_work.Pop())
            {
                case RArray a:
                    _bytes += HeapMeter.ObjectBytes + 16 + HeapMeter.Values(a.Items.Length);
                    Values(a.Items, a.Count);
                    break;
                case RTuple t:
                    _bytes += HeapMeter.ObjectBytes + 8 + HeapMeter.Values(t.Items.Length);
                    Values(t.Items, t.Items.Length);
                    break;
                case RStruct s:
                    _bytes += HeapMeter.ObjectBytes + 24 + HeapMeter.Values(s.Fields.Length);
                    Values(s.Fields, s.Fields.Length);
                    break;
                case REnum e:
                    _bytes += HeapMeter.ObjectBytes + 32 + HeapMeter.Values(e.Fields.Length);
                    Values(e.Fields, e.Fields.Length);
                    break;
                case RString s:
                    _bytes += HeapMeter.ObjectBytes + 16;
                    Object(s.Buffer);
                    break;
                case RBytes b:
                    _bytes += HeapMeter.ObjectBytes + 16;
                    Object(b.Buffer);
                    break;
                case byte[] buffer:
                    // Slices share their buffer: counted once, whole, for as long as any view holds it.
                    _bytes += HeapMeter.Bytes(buffer.Length);
                    break;
                case RContinuation k:
                    _bytes += HeapMeter.ObjectBytes + 8;
                    Object(k.Peek());
                    break;
                case ContinuationState cs:
                    _bytes += HeapMeter.ObjectBytes + 48 + HeapMeter.Values(cs.Regs.Length)
                        + HeapMeter.ArrayBytes + cs.Frames.Length * HeapMeter.FrameBytes
                        + HeapMeter.ArrayBytes + cs.Handlers.Length * HeapMeter.FrameBytes;
                    Values(cs.Regs, cs.RegCount);
                    break;
            }
        }
        return _bytes;
    }
}
