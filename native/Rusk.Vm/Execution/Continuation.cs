// Call frames, installed effect handlers, and captured continuations (BYTECODE_SPEC.md §5.1, §6).
// Frames are plain structs over one shared register stack; a continuation owns a copy of the
// register windows of the frames it captured, with frame bases relative to its first frame.
using System;

namespace Rusk.Vm.Execution;

/// <summary>A live call frame: registers are stack[Bp .. Bp + Fn.RegCount).</summary>
internal struct Frame
{
    public LFunction Fn;
    /// <summary>The next instruction to execute (saved while the frame is not running).</summary>
    public int Pc;
    public int Bp;
    /// <summary>Return destination register in the caller, -1 = discard.</summary>
    public int RetDst;
    /// <summary>Multi-register return destinations (CallMulti), else null.</summary>
    public int[]? RetMulti;
}

/// <summary>An installed handler: owner frame depth plus its clauses' runtime interface args.</summary>
internal struct HandlerEntry
{
    public int OwnerDepth;
    public HandlerDef Def;
    /// <summary>Per clause, the interface type args read at push time (null when the handler is monomorphic).</summary>
    public TypeRep[][]? IfaceArgs;
}

/// <summary>
/// A one-shot delimited continuation (§6.2). Taking it hands its state to the caller and leaves it
/// consumed. The arrays may be longer than their content (they are recycled between captures).
/// </summary>
internal sealed class RContinuation
{
    ContinuationState? _state;

    public RContinuation(ContinuationState state) { _state = state; }

    public bool IsConsumed => _state == null;

    /// <summary>The captured state without consuming it (snapshots, the heap meter); null when consumed.</summary>
    public ContinuationState? Peek() => _state;

    /// <summary>An already-consumed continuation (restored from a snapshot).</summary>
    public static RContinuation Consumed() { var k = new RContinuation(new ContinuationState()); k._state = null; return k; }

    /// <summary>Consumes the continuation; null when it was already consumed.</summary>
    public ContinuationState? Take()
    {
        var s = _state;
        _state = null;
        return s;
    }
}

/// <summary>
/// What a continuation captured: the register windows (frame bases relative to the first frame),
/// the frames, the handlers (owner depths relative to the first frame) and the perform's
/// destination register. Recycled by the interpreter once spliced back.
/// </summary>
internal sealed class ContinuationState
{
    public Value[] Regs = System.Array.Empty<Value>();
    public int RegCount;
    public Frame[] Frames = System.Array.Empty<Frame>();
    public int FrameCount;
    public HandlerEntry[] Handlers = System.Array.Empty<HandlerEntry>();
    public int HandlerCount;
    public int PerformDst;
}

/// <summary>A trap raised by guest behaviour; caught at the Step boundary and turned into StepResult.Trap.</summary>
internal sealed class GuestTrap : Exception
{
    public GuestTrap(string message) : base(message) { }
}
