// The per-VM memory limit (VmOptions.MaxHeapBytes). The host's GC stays the VM's collector; this
// only decides when the guest keeps too much alive. Every allocation is charged its approximate
// size before it is made: slow paths through TryCharge, the loop's inline make_array/make_tuple/
// make_struct by adding to Charged and comparing with Headroom (one add and one compare). What the
// host hands in (host call results, resume values, HostContext constructors) is added unchecked
// when it is made and checked at the next host call's return or Step. Live data can only grow by
// what was charged, so while the last measured live size plus the charges stays within the limit
// nothing is measured; past it the live graph is measured from the VM's roots, the charges start
// again from zero, and only a measured live size plus the pending allocation over the limit traps.
// A measurement costs time proportional to what is live and comes at most once per (limit - live)
// bytes allocated: rare far below the limit, frequent for a program that keeps nearly all of it.
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
    /// lowered to slow paths (Op.MakeSeqLarge, Op.MakeStructChecked), which keeps the loop's cases short.
    /// </summary>
    public const int MaxInlineItems = 32;

    public readonly long Limit;
    long _live;
    int _epoch;

    /// <summary>
    /// Bytes charged since the last measurement. The loop adds its inline allocations here directly
    /// and calls <see cref="Over"/> once the sum passes <see cref="Headroom"/>.
    /// </summary>
    public long Charged;
    /// <summary>Charges allowed before the next measurement: the limit less the last measured live size.</summary>
    public long Headroom;

    public HeapMeter(long limit)
    {
        Limit = limit;
        Headroom = limit;
    }

    /// <summary>Live bytes found by the last measurement.</summary>
    public long LastLive => _live;
    /// <summary>Measurements so far (diagnostics and tests).</summary>
    public long Measurements { get; private set; }

    /// <summary>The trap message: names the limit, as embedders set it.</summary>
    public string OutOfMemory => $"out of memory: heap limit of {Limit} bytes (maxHeapBytes) exceeded";

    /// <summary>
    /// Accounts for <paramref name="bytes"/> about to be allocated; false when the live graph plus
    /// them would pass the limit. <paramref name="measure"/> walks the graph (it is called only then).
    /// </summary>
    public bool TryCharge(long bytes, Interpreter measure)
    {
        if (bytes < 0 || bytes > Limit) return false;
        if ((Charged += bytes) <= Headroom) return true;
        return Over(bytes, measure);
    }

    /// <summary>
    /// The charges passed the headroom, the last being <paramref name="bytes"/> (not yet allocated):
    /// measures the live graph and starts the charges again from that allocation. False when the live
    /// graph plus it is over the limit.
    /// </summary>
    public bool Over(long bytes, Interpreter measure)
    {
        Measure(measure, clearDead: true);
        Charged = bytes;
        return bytes <= Headroom;
    }

    /// <summary>
    /// The live graph changed without charges (a snapshot was loaded): measures it now, leaving the
    /// dead register slots as they are (a walk at the next step would clear them, and the restored
    /// VM's later snapshots would then differ from the original's). Over the limit, the next check traps.
    /// </summary>
    public void MeasureLoaded(Interpreter measure)
    {
        Measure(measure, clearDead: false);
        Charged = 0;
    }

    /// <summary>Walks the live graph from the VM's roots; the headroom becomes the limit less it.</summary>
    void Measure(Interpreter vm, bool clearDead)
    {
        Measurements++;
        var walk = new HeapWalk(++_epoch);
        vm.VisitRoots(walk, clearDead);
        _live = walk.Drain();
        Headroom = Limit - _live;
    }

    /// <summary>Bytes of a Value[] of <paramref name="n"/> slots.</summary>
    public static long Values(long n) => ArrayBytes + n * ValueBytes;

    /// <summary>Bytes of a byte[] of <paramref name="n"/> bytes (rounded to 8 as the allocator does).</summary>
    public static long Bytes(long n) => ArrayBytes + ((n + 7) & ~7L);

    /// <summary>Bytes of an RArray whose items array has <paramref name="capacity"/> slots.</summary>
    public static long ArrayOf(long capacity) => ObjectBytes + 16 + Values(capacity);

    /// <summary>Bytes of an RTuple of <paramref name="n"/> items.</summary>
    public static long TupleOf(long n) => ObjectBytes + 16 + Values(n);

    /// <summary>Bytes of an RStruct of <paramref name="n"/> fields.</summary>
    public static long StructOf(long n) => ObjectBytes + 24 + Values(n);

    /// <summary>Bytes of an REnum of <paramref name="n"/> fields.</summary>
    public static long EnumOf(long n) => ObjectBytes + 32 + Values(n);

    /// <summary>Bytes of an RString or RBytes with its own buffer of <paramref name="n"/> bytes.</summary>
    public static long TextOf(long n) => ObjectBytes + 16 + Bytes(n);
}

/// <summary>
/// One measurement of what a VM keeps alive: a walk of its object graph (each object once, by
/// identity) that sums approximate .NET sizes. Arrays, tuples, structs and enums are marked
/// visited with the walk's epoch (one per measurement of this VM, so a mark left by an earlier one
/// never matches); the rest (strings, bytes and their shared buffers, continuations) go through a
/// set. An object two VMs share (only a host can hand one VM's object to another) may be missed or
/// counted twice when both measure at once. TypeReps are counted by the VM's interning table, not
/// here. An explicit work list, so a deep structure cannot overflow the host's stack.
/// </summary>
internal sealed class HeapWalk
{
    readonly HashSet<object> _seen = new(ReferenceEqualityComparer.Instance);
    readonly Stack<object> _work = new();
    readonly int _epoch;
    long _bytes;

    public HeapWalk(int epoch) { _epoch = epoch; }

    public void Add(long bytes) => _bytes += bytes;

    public void Value(in Value v) => Object(v.Obj);

    public void Values(Value[] items, int count)
    {
        for (int i = 0; i < count; i++) Object(items[i].Obj);
    }

    public void Object(object? o)
    {
        if (o is Marked m)
        {
            if (m.Mark != _epoch) { m.Mark = _epoch; _work.Push(o); }
        }
        else if (o != null && o is not TypeRep && _seen.Add(o)) _work.Push(o);
    }

    /// <summary>Walks everything reachable from what was added; returns the total bytes.</summary>
    public long Drain()
    {
        while (_work.Count > 0)
        {
            switch (_work.Pop())
            {
                case RArray a:
                    _bytes += HeapMeter.ArrayOf(a.Items.Length);
                    Values(a.Items, a.Count);
                    break;
                case RTuple t:
                    _bytes += HeapMeter.TupleOf(t.Items.Length);
                    Values(t.Items, t.Items.Length);
                    break;
                case RStruct s:
                    _bytes += HeapMeter.StructOf(s.Fields.Length);
                    Values(s.Fields, s.Fields.Length);
                    break;
                case REnum e:
                    _bytes += HeapMeter.EnumOf(e.Fields.Length);
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
