// The public result and option types of the step API (BYTECODE_SPEC.md §5.2): Done, Trap, Request,
// Yield; VM limits; metrics; host functions; API-misuse and host-error exceptions.
using System;
using System.Collections.Generic;

namespace Rusk.Vm;

/// <summary>How a <see cref="Vm.Step()"/> call ended.</summary>
public enum StepKind : byte
{
    /// <summary>The entry function returned; <see cref="StepResult.Value"/> is its result.</summary>
    Done,
    /// <summary>The guest failed; <see cref="StepResult.Message"/> and <see cref="StepResult.Stack"/> say how.</summary>
    Trap,
    /// <summary>The guest performed an external effect; answer with <see cref="Vm.Resume"/> or <see cref="Vm.DropContinuation"/>.</summary>
    Request,
    /// <summary>The fuel given to <see cref="Vm.Step(ulong)"/> is spent; call Step again to go on.</summary>
    Yield,
}

/// <summary>One Rusk frame of a trap's stack: function name and the pc of the instruction it was executing.</summary>
public readonly struct RuskStackFrame
{
    /// <summary>The function's name.</summary>
    public string Function { get; }
    /// <summary>The index of the instruction the frame was executing.</summary>
    public int Pc { get; }
    /// <summary>A frame from its parts.</summary>
    public RuskStackFrame(string function, int pc) { Function = function; Pc = pc; }
    /// <c>name @ pc N</c>.
    public override string ToString() => $"{Function} @ pc {Pc}";
}

/// <summary>What one <c>Vm.Step</c> call ended with.</summary>
public sealed class StepResult
{
    /// <summary>Which of Done, Trap, Request, Yield this is; the other properties say more.</summary>
    public StepKind Kind { get; }
    /// <summary>Done: the entry function's return value.</summary>
    public AbiValue Value { get; }
    /// <summary>Trap: the reference VM's message.</summary>
    public string Message { get; }
    /// <summary>Trap: the Rusk stack at the trap, innermost frame first (empty when no frame was live).</summary>
    public IReadOnlyList<RuskStackFrame> Stack { get; }
    /// <summary>Request: index into <c>Module.ExternalEffects</c>.</summary>
    public uint EffectId { get; }
    /// <summary>Request: the effect's arguments.</summary>
    public IReadOnlyList<AbiValue> Args { get; }
    /// <summary>Request: the handle to pass to Resume or DropContinuation.</summary>
    public ContinuationHandle K { get; }
    /// <summary>Yield: fuel left (always 0: the VM yields only when the fuel is spent).</summary>
    public ulong RemainingFuel { get; }

    static readonly RuskStackFrame[] NoFrames = Array.Empty<RuskStackFrame>();
    static readonly AbiValue[] NoArgs = Array.Empty<AbiValue>();

    StepResult(StepKind kind, AbiValue value, string message, IReadOnlyList<RuskStackFrame> stack,
        uint effectId, IReadOnlyList<AbiValue> args, ContinuationHandle k, ulong remainingFuel)
    {
        Kind = kind; Value = value; Message = message; Stack = stack; EffectId = effectId; Args = args; K = k;
        RemainingFuel = remainingFuel;
    }

    internal static StepResult Done(AbiValue value) => new(StepKind.Done, value, "", NoFrames, 0, NoArgs, default, 0);
    internal static StepResult Trap(string message, IReadOnlyList<RuskStackFrame> stack) =>
        new(StepKind.Trap, AbiValue.Unit, message, stack, 0, NoArgs, default, 0);
    internal static StepResult Request(uint effectId, IReadOnlyList<AbiValue> args, ContinuationHandle k) =>
        new(StepKind.Request, AbiValue.Unit, "", NoFrames, effectId, args, k, 0);
    internal static StepResult Yield(ulong remainingFuel) => new(StepKind.Yield, AbiValue.Unit, "", NoFrames, 0, NoArgs, default, remainingFuel);

    /// <summary>A one-line description, for diagnostics.</summary>
    public override string ToString() => Kind switch
    {
        StepKind.Done => "done " + Value.ToString(),
        StepKind.Trap => $"trap {Message}",
        StepKind.Request => $"request effect {EffectId} ({Args.Count} args) " + K.ToString(),
        _ => $"yield {RemainingFuel}",
    };
}

/// <summary>Construction options and limits. Every limit ends in a clean trap, never a host crash.</summary>
public sealed class VmOptions
{
    /// <summary>Arguments for <c>main(argv: [string])</c>; null = call a zero-parameter main.</summary>
    public string[]? Argv { get; init; }
    /// <summary>Maximum live call frames (frames held by captured continuations not included).</summary>
    public int MaxFrames { get; init; } = 200_000;
    /// <summary>Maximum live register slots across all frames.</summary>
    public int MaxRegisters { get; init; } = 16 * 1024 * 1024;
    /// <summary>Maximum installed effect handlers.</summary>
    public int MaxHandlers { get; init; } = 100_000;
    /// <summary>Maximum pinned continuations the host may hold at once.</summary>
    public int MaxPinnedContinuations { get; init; } = 1_000_000;
    /// <summary>
    /// Most bytes of guest data (arrays, strings, bytes, structs, enums, tuples, continuations) the VM
    /// may keep alive; past it the allocating instruction traps `out of memory`. The default keeps a
    /// browser tab, whose wasm heap tops out at 2-4 GB, alive with room for the runtime and other VMs.
    /// </summary>
    public long MaxHeapBytes { get; init; } = DefaultMaxHeapBytes;
    /// <summary>The default of <see cref="MaxHeapBytes"/>: 256 MiB.</summary>
    public const long DefaultMaxHeapBytes = 256L * 1024 * 1024;
    /// <summary>Count executed instructions (<see cref="VmMetrics"/>).</summary>
    public bool EnableMetrics { get; init; }
    /// <summary>Record every host import result and effect answer (<c>Vm.Journal()</c>, <c>Vm.Replay</c>).</summary>
    public bool Journal { get; init; }
}

/// <summary>Execution counters (cumulative over all Step calls since creation or the last take).</summary>
public sealed class VmMetrics
{
    /// <summary>One per fetched and dispatched instruction, as the reference counts.</summary>
    public ulong ExecutedInstructions { get; internal set; }
    /// <summary>Host import calls made.</summary>
    public ulong HostCalls { get; internal set; }
    /// <summary>Requests handed to the host (external effects performed).</summary>
    public ulong EffectRequests { get; internal set; }
    /// <summary>A copy of the counters as they are now.</summary>
    public VmMetrics Clone() => (VmMetrics)MemberwiseClone();
}

/// <summary>
/// A host import implementation. Arguments are already checked against the declared signature;
/// the return value is checked after. Throw <see cref="HostException"/> to fail the call (the VM traps
/// with the reference's `host call ... failed: host error: ...` message). Must not re-enter the VM.
/// </summary>
public delegate AbiValue HostFunction(HostContext context, ReadOnlySpan<AbiValue> args);

/// <summary>A host import's failure; its message becomes part of the trap message.</summary>
public sealed class HostException : Exception
{
    /// <summary>A host failure with the message the trap will carry.</summary>
    public HostException(string message) : base(message) { }
}

/// <summary>Misuse of the embedding API (stale handle, resume when not suspended, ...). Guest errors are traps, not this.</summary>
public sealed class VmException : Exception
{
    internal VmException(string message) : base(message) { }
}
