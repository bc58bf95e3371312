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

/// <summary>A one-shot delimited continuation (§6.2). Taking it clears its state.</summary>
internal sealed class RContinuation
{
    Value[]? _regs;
    Frame[]? _frames;
    HandlerEntry[]? _handlers;
    public readonly int PerformDst;

    public RContinuation(Value[] regs, Frame[] frames, HandlerEntry[] handlers, int performDst)
    {
        _regs = regs; _frames = frames; _handlers = handlers; PerformDst = performDst;
    }

    public bool IsConsumed => _frames == null;

    /// <summary>Consumes the continuation; false when it was already consumed.</summary>
    public bool Take(out Value[] regs, out Frame[] frames, out HandlerEntry[] handlers)
    {
        if (_frames == null) { regs = Array.Empty<Value>(); frames = Array.Empty<Frame>(); handlers = Array.Empty<HandlerEntry>(); return false; }
        regs = _regs!; frames = _frames; handlers = _handlers!;
        _regs = null; _frames = null; _handlers = null;
        return true;
    }
}

/// <summary>A trap raised by guest behaviour; caught at the Step boundary and turned into StepResult.Trap.</summary>
internal sealed class GuestTrap : Exception
{
    public GuestTrap(string message) : base(message) { }
}
