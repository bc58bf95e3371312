// The VM core behind the public Vm class: machine state (register stack, frames, handlers, typerep
// table, pinned continuations, host imports) and the step state machine (§5.2). The instruction
// loop is in Interpreter.Loop.cs; calls, effects, patterns and errors in the other partial files.
using System;
using System.Collections.Generic;
using Rusk.Vm.Format;

namespace Rusk.Vm.Execution;

internal enum VmState : byte { Running, Suspended, Done, Trapped }

internal sealed partial class Interpreter
{
    readonly LoweredModule _p;
    readonly Module _m;
    readonly VmOptions _opt;
    readonly int _maxFrames, _maxRegisters;

    // Register stack and frames. Slots above the top frame's window hold whatever earlier frames
    // left there; a new frame only resets the registers it may read before writing (InitRegs).
    Value[] _stack;
    Frame[] _frames;
    int _fp;

    HandlerEntry[] _handlers = new HandlerEntry[8];
    int _hc;

    // Handler lookup cache (the reference's: reused while the handler stack is unchanged).
    uint _handlerGen;
    bool _cacheValid;
    uint _cacheGen;
    int _cacheLen, _cacheKey, _cacheHandler, _cacheClause;
    TypeRep[] _cacheIfaceArgs = Array.Empty<TypeRep>();

    public readonly TypeRepTable Types = new();
    readonly TypeRep?[] _litCache;
    readonly IntrinsicEnv _env;

    // Monomorphic VCall/SCall caches per site: receiver type id + 1, and its callee.
    readonly int[] _dcType;
    readonly LFunction?[] _dcFn;
    // MakeTypeRep caches per site: the last argument typereps and the interned result.
    readonly TypeRep[]?[] _mtArgs;
    readonly TypeRep?[] _mtResult;
    // MakeStruct/MakeEnum caches per site: the last type-argument array, reused while unchanged.
    readonly TypeRep[]?[] _taCache;

    readonly HostFunction?[] _hostFns;
    readonly HeapMeter _heap;
    bool _inHostCall;
    public readonly PinnedContinuations Pinned;
    public readonly AbiConverter Abi;
    public readonly HostContext HostContext;

    VmState _state;
    StepResult? _final;
    // Suspension (§6.4): handle generation, perform destination, declared return type.
    uint _contGeneration;
    int _suspendDst;
    AbiType _suspendRet = AbiType.Unit;

    /// <summary>Fuel left in the current Step, kept in sync whenever the loop calls out.</summary>
    long _fuel;
    public VmMetrics Metrics = new();

    // Scratch buffers (argument lists, pattern binds); never live across a Step boundary.
    Value[] _scratch = new Value[16];
    Value[] _binds = new Value[16];

    static readonly RuskStackFrame[] NoFrames = Array.Empty<RuskStackFrame>();

    public Interpreter(Module module, VmOptions options)
    {
        _m = module;
        _opt = options;
        _maxFrames = options.MaxFrames;
        _maxRegisters = options.MaxRegisters;
        var entryId = module.Entry;
        if (entryId >= (uint)module.Functions.Length)
            throw new VmException($"invalid vm state: invalid entry function id {entryId}");
        var entry = module.Functions[entryId];
        if (entry.ParamCount > entry.RegCount)
            throw new VmException($"invalid vm state: entry param_count {entry.ParamCount} exceeds reg_count {entry.RegCount}");
        try
        {
            _p = LoweredModule.Of(module);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Hand-built modules can hold null operand lists and the like; the reader never makes them.
            throw new VmException($"invalid vm state: malformed module: {e.Message}");
        }
        if (_p.MissingPrimitive != null)
            throw new VmException($"invalid vm state: missing required primitive type name `{_p.MissingPrimitive}` in module type table");
        uint generic = entryId < (uint)module.FunctionGenericParams.Length ? module.FunctionGenericParams[entryId] : 0;
        if (generic != 0) throw new VmException("invalid vm state: entry function cannot be generic");
        if (options.Argv == null && entry.ParamCount != 0)
            throw new VmException($"invalid vm state: entry function expects {entry.ParamCount} parameter(s); use Vm::new_with_argv");
        if (options.Argv != null && entry.ParamCount != 1)
            throw new VmException($"invalid vm state: entry function expects {entry.ParamCount} parameter(s); cannot pass argv");
        if (options.MaxFrames < 1 || options.MaxRegisters < 0 || options.MaxHandlers < 0 || options.MaxHeapBytes < 1)
            throw new VmException("invalid vm state: VmOptions limits must be positive");
        if (options.MaxRegisters > LFunction.MaxRegCount)
            throw new VmException($"invalid vm state: VmOptions.MaxRegisters must be at most {LFunction.MaxRegCount}");

        var lentry = _p.Functions[entryId];
        if (entry.RegCount > (uint)options.MaxRegisters)
            throw new VmException($"invalid vm state: entry reg_count {entry.RegCount} exceeds the register limit {options.MaxRegisters}");
        if (HeapMeter.Values(lentry.RegCount) > options.MaxHeapBytes)
            throw new VmException($"invalid vm state: entry reg_count {lentry.RegCount} needs more than the heap limit of {options.MaxHeapBytes} bytes");
        _heap = new HeapMeter(options.MaxHeapBytes);
        // Small first buffers (Ensure grows both): a page may keep a thousand VMs suspended, and on
        // browser-wasm an array over 8,000 bytes goes to the large-object space (freed only by full
        // collections). 256 registers × 24 B and 32 frames keep a fresh VM near 12 KB instead of 33.
        long first = Math.Min(Math.Max(256, lentry.RegCount * 2L), Math.Max(options.MaxRegisters, lentry.RegCount));
        _stack = new Value[Math.Max(lentry.RegCount, Math.Min(first, options.MaxHeapBytes / HeapMeter.ValueBytes))];
        _frames = new Frame[Math.Min(32, options.MaxFrames)];
        _frames[0] = new Frame { Fn = lentry, Pc = 0, Bp = 0, RetDst = -1 };
        _fp = 1;

        _litCache = new TypeRep?[_p.TypeRepLits.Length];
        _env = new IntrinsicEnv(module, Types.Primitives) { Heap = this };
        _dcType = new int[_p.DispatchSiteCount];
        _dcFn = new LFunction?[_p.DispatchSiteCount];
        _mtArgs = new TypeRep[]?[_p.TypeRepSiteCount];
        _mtResult = new TypeRep?[_p.TypeRepSiteCount];
        _taCache = new TypeRep[]?[_p.TypeArgSiteCount];
        _hostFns = new HostFunction?[module.HostImports.Length];
        Pinned = new PinnedContinuations(options.MaxPinnedContinuations);
        Abi = new AbiConverter(_p, Types, Pinned, _heap);
        HostContext = new HostContext(module, Abi);

        if (options.Argv != null)
        {
            var argv = options.Argv.Length == 0 ? new[] { "" } : options.Argv;
            var items = new Value[argv.Length];
            for (int i = 0; i < argv.Length; i++)
                items[i] = Value.String(RString.FromString(argv[i] ?? throw new VmException("invalid vm state: argv entries must not be null")));
            _stack[0] = Value.Ref(new RArray(items));
        }
    }

    public Module Module => _m;
    public VmState State => _state;

    // ---- host imports -------------------------------------------------------------------------

    public void RegisterHostImport(uint id, HostFunction fn)
    {
        if (fn == null) throw new ArgumentNullException(nameof(fn));
        if (id >= (uint)_hostFns.Length) throw new VmException($"invalid vm state: host import id {id} out of range");
        _hostFns[id] = fn;
    }

    // ---- stepping -----------------------------------------------------------------------------

    public StepResult Step(ulong? fuel)
    {
        if (_inHostCall) return StepResult.Trap("vm re-entered during host call", NoFrames);
        if (_repeatRequest) return RepeatRequest();
        switch (_state)
        {
            case VmState.Suspended: return StepResult.Trap("vm is suspended; call resume/drop first", NoFrames);
            case VmState.Done:
            case VmState.Trapped: return _final!;
        }
        long budget = fuel is ulong f ? (f > long.MaxValue ? long.MaxValue : (long)f) : long.MaxValue;
        _fuel = budget;
        StepResult result;
        try
        {
            CheckHeap();
            result = Run();
        }
        catch (GuestTrap t)
        {
            result = EnterTrap(t.Message);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug of ours, not guest behaviour; still a clean trap rather than an escaping exception.
            result = EnterTrap("internal error: " + ExceptionName(e) + ": " + e.Message);
        }
        if (_opt.EnableMetrics) Metrics.ExecutedInstructions += (ulong)(budget - _fuel);
        _executed += (ulong)(budget - _fuel);
        if (result.Kind == StepKind.Request) _pendingRequest = result;
        return result;
    }

    // Explicit names rather than e.GetType().Name: the VM uses no reflection (docs/aot-bcl-surface.txt).
    static string ExceptionName(Exception e) => e switch
    {
        IndexOutOfRangeException => "IndexOutOfRangeException",
        NullReferenceException => "NullReferenceException",
        InvalidCastException => "InvalidCastException",
        ArgumentOutOfRangeException => "ArgumentOutOfRangeException",
        ArgumentException => "ArgumentException",
        InvalidOperationException => "InvalidOperationException",
        OverflowException => "OverflowException",
        DivideByZeroException => "DivideByZeroException",
        _ => "Exception",
    };

    StepResult EnterTrap(string message)
    {
        var stack = CaptureStack();
        ReleaseMachine();
        _state = VmState.Trapped;
        _final = StepResult.Trap(message, stack);
        return _final;
    }

    RuskStackFrame[] CaptureStack()
    {
        if (_fp == 0) return NoFrames;
        var r = new RuskStackFrame[_fp];
        for (int i = 0; i < _fp; i++)
        {
            ref Frame f = ref _frames[_fp - 1 - i];
            r[i] = new RuskStackFrame(f.Fn?.Name ?? "<unknown>", Math.Max(0, f.Pc - 1));
        }
        return r;
    }

    StepResult Finish(AbiValue value)
    {
        ReleaseMachine();
        _state = VmState.Done;
        _final = StepResult.Done(value);
        return _final;
    }

    /// <summary>Records pc and fuel of the running frame, then makes the trap to throw.</summary>
    GuestTrap Fail(int pc, long fuel, string message)
    {
        if (_fp > 0) _frames[_fp - 1].Pc = pc;
        _fuel = fuel;
        return new GuestTrap(message);
    }

    /// <summary>
    /// Fail with `prefix + number + suffix`. The loop calls this instead of interpolating inline:
    /// an interpolated string is a dozen interpreter ops in the hot method's body, and the
    /// jiterpreter's trace of that body has a size budget.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    GuestTrap Fail(int pc, long fuel, string prefix, long number, string suffix = "")
        => Fail(pc, fuel, prefix + NumberText.Decimal(number) + suffix);

    // ---- frame and stack management -------------------------------------------------------------

    /// <summary>Makes room for registers up to <paramref name="top"/> and <paramref name="frames"/> live frames.</summary>
    void Ensure(long top, int frames)
    {
        if (top > _stack.Length)
        {
            if (top > _opt.MaxRegisters) throw new GuestTrap($"stack overflow: register limit {_opt.MaxRegisters} exceeded");
            long size = Math.Min(Math.Max(top, (long)_stack.Length * 2), _opt.MaxRegisters);
            // The register stack counts against the heap limit too: a callee's reg_count is the module's word.
            if (!_heap.TryCharge(HeapMeter.Values(size), this) && !_heap.TryCharge(HeapMeter.Values(size = top), this))
                throw new GuestTrap(_heap.OutOfMemory);
            Array.Resize(ref _stack, (int)size);
        }
        if (frames > _frames.Length)
        {
            if (frames > _opt.MaxFrames) throw new GuestTrap($"stack overflow: frame depth limit {_opt.MaxFrames} exceeded");
            int size = (int)Math.Min(Math.Max(frames, (long)_frames.Length * 2), _opt.MaxFrames);
            if (!_heap.TryCharge((long)size * HeapMeter.FrameBytes, this)) throw new GuestTrap(_heap.OutOfMemory);
            Array.Resize(ref _frames, size);
        }
    }

    /// <summary>The first register slot above the top frame's window.</summary>
    int StackTop => _fp == 0 ? 0 : _frames[_fp - 1].Bp + _frames[_fp - 1].Fn.RegCount;

    /// <summary>Pushes a frame for <paramref name="callee"/> above the top frame; returns its base.</summary>
    int PushFrame(LFunction callee, int retDst, int[]? retMulti)
    {
        int bp = StackTop;
        Ensure((long)bp + callee.RegCount, _fp + 1);
        ref Frame f = ref _frames[_fp++];
        f.Fn = callee; f.Pc = 0; f.Bp = bp; f.RetDst = retDst; f.RetMulti = retMulti;
        InitRegisters(callee, bp);
        return bp;
    }

    void InitRegisters(LFunction callee, int bp)
    {
        int[] init = callee.InitRegs;
        for (int k = 0; k < init.Length; k++) _stack[bp + init[k]] = default;
    }

    /// <summary>Pops frames down to <paramref name="depth"/> (their register slots become garbage).</summary>
    void PopFramesTo(int depth)
    {
        if (depth >= _fp) return;
        _fp = depth;
    }

    /// <summary>Drops everything the machine still references once it can run no more (Done/Trap).</summary>
    void ReleaseMachine()
    {
        _stack = Array.Empty<Value>();
        _frames = new Frame[1];
        _fp = 0;
        _hc = 0;
        _handlers = Array.Empty<HandlerEntry>();
        ReleaseBuffers();
    }

    /// <summary>Scratch buffer of at least <paramref name="n"/> values.</summary>
    Value[] Scratch(int n)
    {
        if (_scratch.Length < n) _scratch = new Value[Math.Max(n, _scratch.Length * 2)];
        return _scratch;
    }

    // ---- handler stack ------------------------------------------------------------------------

    void HandlersChanged()
    {
        _handlerGen++;
        _cacheValid = false;
    }

    void PushHandlerEntry(in HandlerEntry e)
    {
        if (_hc >= _opt.MaxHandlers) throw new GuestTrap($"handler stack overflow: limit {_opt.MaxHandlers} exceeded");
        if (_hc == _handlers.Length)
        {
            Array.Resize(ref _handlers, (int)Math.Min(Math.Max((long)_hc * 2, 8), _opt.MaxHandlers));
        }
        _handlers[_hc++] = e;
    }

    /// <summary>Pops handlers owned by frames at or above <paramref name="depth"/>; true if any.</summary>
    bool UnwindHandlers(int depth)
    {
        bool popped = false;
        while (_hc > 0 && _handlers[_hc - 1].OwnerDepth >= depth)
        {
            _handlers[--_hc] = default;
            popped = true;
        }
        return popped;
    }

    void TruncateHandlers(int count)
    {
        while (_hc > count) _handlers[--_hc] = default;
    }
}
