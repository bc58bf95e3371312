// Effects and continuations (§6): handler push/pop, perform (handler search with the reference's
// lookup cache, abortive and resumptive clauses, externalized requests), in-VM resume / resume_tail,
// and the embedding API's resume, drop and pinned-continuation operations.
using System;
using Rusk.Vm.Format;

namespace Rusk.Vm.Execution;

internal sealed partial class Interpreter
{
    Value[] _performArgs = new Value[8];

    void PushHandler(int bp, HandlerDef def)
    {
        TypeRep[][]? iargs = null;
        if (!def.Monomorphic)
        {
            iargs = new TypeRep[def.Clauses.Length][];
            for (int c = 0; c < iargs.Length; c++)
                iargs[c] = ReadTypeArgs(bp, def.Clauses[c].Effect.IfaceArgRegs, "push_handler interface args");
        }
        PushHandlerEntry(new HandlerEntry { OwnerDepth = _fp - 1, Def = def, IfaceArgs = iargs });
        HandlersChanged();
    }

    void PopHandler()
    {
        if (_hc == 0 || _handlers[_hc - 1].OwnerDepth != _fp - 1) throw new GuestTrap("mismatched pop_handler");
        _handlers[--_hc] = default;
        HandlersChanged();
    }

    /// <summary>Does clause <paramref name="ci"/> of handler <paramref name="hi"/> handle this perform? Binds go to _binds.</summary>
    bool ClauseMatches(int hi, int ci, EffectRef eff, TypeRep[] iargs, Value[] args, int n, out int nb)
    {
        nb = 0;
        ref HandlerEntry he = ref _handlers[hi];
        var clause = he.Def.Clauses[ci];
        if (clause.Effect.Key != eff.Key) return false;
        var cargs = he.IfaceArgs != null ? he.IfaceArgs[ci] : NoTypeReps;
        if (!TypeRep.SameArgs(cargs, iargs)) return false;
        var pats = clause.ArgPatterns;
        if (pats.Length != n) return false;
        for (int i = 0; i < n; i++)
            if (!Match(pats[i], args[i], ref nb)) return false;
        return true;
    }

    /// <summary>Perform (§6.2, §6.4): null when an in-VM handler took it, else the Request to return.</summary>
    StepResult? Perform(int bp, int dst, PerformSite site)
    {
        var eff = site.Effect;
        var iargs = ReadTypeArgs(bp, eff.IfaceArgRegs, "perform interface args");
        int n = site.Args.Length;
        if (_performArgs.Length < n) _performArgs = new Value[n * 2];
        var args = _performArgs;
        for (int i = 0; i < n; i++) args[i] = Read(bp, site.Args[i], "perform arg");

        int h = -1, c = -1, nb = 0;
        if (_cacheValid && _cacheGen == _handlerGen && _cacheLen == _hc && _cacheKey == eff.Key
            && TypeRep.SameArgs(_cacheIfaceArgs, iargs)
            && ClauseMatches(_cacheHandler, _cacheClause, eff, iargs, args, n, out nb))
        {
            h = _cacheHandler; c = _cacheClause;
        }
        if (h < 0)
        {
            for (int hi = _hc - 1; hi >= 0 && h < 0; hi--)
            {
                var clauses = _handlers[hi].Def.Clauses;
                for (int ci = 0; ci < clauses.Length; ci++)
                {
                    if (!ClauseMatches(hi, ci, eff, iargs, args, n, out nb)) continue;
                    h = hi; c = ci;
                    _cacheValid = true; _cacheGen = _handlerGen; _cacheLen = _hc; _cacheKey = eff.Key;
                    _cacheIfaceArgs = iargs; _cacheHandler = hi; _cacheClause = ci;
                    break;
                }
            }
        }

        if (h < 0) return External(dst, eff, iargs, args, n);
        args.AsSpan(0, n).Clear();
        HandleInVm(dst, eff, h, c, nb);
        return null;
    }

    void HandleInVm(int dst, EffectRef eff, int h, int c, int nb)
    {
        int ownerDepth = _handlers[h].OwnerDepth;
        var clause = _handlers[h].Def.Clauses[c];
        int[] pregs = clause.ParamRegs;
        bool resumptive;
        if (pregs.Length == nb) resumptive = false;
        else if (pregs.Length == nb + 1) resumptive = true;
        else throw new GuestTrap($"invalid handler params for {eff.Interface}.{eff.Method}: expected {nb} or {nb + 1}, got {pregs.Length}");

        RContinuation? k = null;
        if (!resumptive)
        {
            PopFramesTo(ownerDepth + 1);
            if (_hc != h + 1) { TruncateHandlers(h + 1); HandlersChanged(); }
        }
        else
        {
            // Capture (§6.2): a snapshot of the owner frame plus the frames above it (moved out).
            int top = _fp - 1;
            int ownerBp = _frames[ownerDepth].Bp;
            int end = StackTop;
            int nregs = end - ownerBp;
            Charge(HeapMeter.ObjectBytes * 2 + 56 + HeapMeter.Values(nregs) + HeapMeter.ArrayBytes + (top - ownerDepth + 1) * HeapMeter.FrameBytes);
            var cs = NewState();
            if (cs.Regs.Length < nregs) cs.Regs = new Value[nregs];
            Array.Copy(_stack, ownerBp, cs.Regs, 0, nregs);
            cs.RegCount = nregs;
            int nframes = top - ownerDepth + 1;
            if (cs.Frames.Length < nframes) cs.Frames = new Frame[nframes];
            for (int i = 0; i < nframes; i++)
            {
                cs.Frames[i] = _frames[ownerDepth + i];
                cs.Frames[i].Bp -= ownerBp;
            }
            cs.FrameCount = nframes;
            if (dst >= 0) cs.Regs[cs.Frames[nframes - 1].Bp + dst] = default;
            cs.PerformDst = dst;
            PopFramesTo(ownerDepth + 1);

            int kept = 0;
            for (int i = 0; i <= h; i++) if (_handlers[i].OwnerDepth >= ownerDepth) kept++;
            int moved = _hc - (h + 1);
            if (cs.Handlers.Length < kept + moved) cs.Handlers = new HandlerEntry[kept + moved];
            int j = 0;
            for (int i = 0; i < _hc; i++)
            {
                if (i <= h && _handlers[i].OwnerDepth < ownerDepth) continue;
                cs.Handlers[j] = _handlers[i];
                cs.Handlers[j].OwnerDepth -= ownerDepth;
                j++;
            }
            cs.HandlerCount = j;
            if (moved > 0) { TruncateHandlers(h + 1); HandlersChanged(); }
            k = new RContinuation(cs);
        }

        int obp = _frames[ownerDepth].Bp;
        for (int i = 0; i < nb; i++) _stack[obp + pregs[i]] = _binds[i];
        _binds.AsSpan(0, nb).Clear();
        if (k != null) _stack[obp + pregs[nb]] = Value.Continuation(k);
        _frames[ownerDepth].Pc = clause.TargetPc;
    }

    StepResult External(int dst, EffectRef eff, TypeRep[] iargs, Value[] args, int n)
    {
        if (iargs.Length != 0 || eff.ExternalId < 0) throw new GuestTrap($"unhandled effect: {eff.Interface}.{eff.Method}");
        var decl = _m.ExternalEffects[eff.ExternalId];
        if (n != decl.Sig.Params.Length)
            throw new GuestTrap($"external effect `{decl.Interface}.{decl.Method}` arity mismatch: expected {decl.Sig.Params.Length} args but got {n}");
        var abi = new AbiValue[n];
        for (int i = 0; i < n; i++)
        {
            try { abi[i] = Abi.ToAbi(args[i], decl.Sig.Params[i]); }
            catch (AbiError e) { throw new GuestTrap($"external effect `{decl.Interface}.{decl.Method}` arg {i} conversion failed: {e.Message}"); }
        }
        args.AsSpan(0, n).Clear();
        var k = new ContinuationHandle(0, _contGeneration);
        _state = VmState.Suspended;
        _suspendDst = dst;
        _suspendRet = decl.Sig.Ret;
        Metrics.EffectRequests++;
        return StepResult.Request((uint)eff.ExternalId, abi, k);
    }

    // One recycled continuation state: capture and splice alternate in generator-style code, so
    // a single spare removes nearly all capture allocation.
    ContinuationState? _spareState;

    ContinuationState NewState()
    {
        var s = _spareState;
        if (s == null) return new ContinuationState();
        _spareState = null;
        return s;
    }

    /// <summary>Splices a taken continuation on top of the frame stack (§6.3), then recycles its state.</summary>
    void Splice(ContinuationState cs, in Value v, int retDst, int[]? retMulti)
    {
        var frames = cs.Frames;
        int nframes = cs.FrameCount;
        if (cs.PerformDst >= 0) cs.Regs[frames[nframes - 1].Bp + cs.PerformDst] = v;
        int baseDepth = _fp;
        int newBase = StackTop;
        Ensure((long)newBase + cs.RegCount, _fp + nframes);
        Array.Copy(cs.Regs, 0, _stack, newBase, cs.RegCount);
        for (int i = 0; i < nframes; i++)
        {
            ref Frame f = ref _frames[_fp++];
            f = frames[i];
            f.Bp += newBase;
            if (i == 0) { f.RetDst = retDst; f.RetMulti = retMulti; }
        }
        for (int i = 0; i < cs.HandlerCount; i++)
        {
            var e = cs.Handlers[i];
            e.OwnerDepth += baseDepth;
            PushHandlerEntry(e);
        }
        if (cs.HandlerCount != 0) HandlersChanged();
        Array.Clear(cs.Regs, 0, cs.RegCount);
        Array.Clear(frames, 0, nframes);
        Array.Clear(cs.Handlers, 0, cs.HandlerCount);
        _spareState = cs;
    }

    void Resume(int bp, int dst, int kReg, int valueReg)
    {
        Value kv = Read(bp, kReg, "resume k");
        if (kv.Obj is not RContinuation k) throw new GuestTrap("invalid resume");
        Value v = Read(bp, valueReg, "resume value");
        var cs = k.Take() ?? throw new GuestTrap("invalid resume");
        Splice(cs, v, dst, null);
    }

    void ResumeTail(int bp, int kReg, int valueReg)
    {
        Value kv = Read(bp, kReg, "resume_tail k");
        if (kv.Obj is not RContinuation k) throw new GuestTrap("invalid resume");
        Value v = Read(bp, valueReg, "resume_tail value");
        var cs = k.Take() ?? throw new GuestTrap("invalid resume");
        ref Frame cur = ref _frames[_fp - 1];
        int retDst = cur.RetDst;
        int[]? retMulti = cur.RetMulti;
        PopFramesTo(_fp - 1);
        if (UnwindHandlers(_fp)) HandlersChanged();
        Splice(cs, v, retDst, retMulti);
    }

    // ---- embedding API ------------------------------------------------------------------------

    void CheckNotInHostCall()
    {
        if (_inHostCall) throw new VmException("invalid vm state: vm re-entered during host call");
    }

    public bool IsSuspended => _state == VmState.Suspended;

    public void ResumeRequest(ContinuationHandle k, AbiValue value)
    {
        CheckNotInHostCall();
        if (_state != VmState.Suspended) throw new VmException("invalid vm state: vm is not suspended");
        if (k.Index != 0 || k.Generation != _contGeneration) throw new VmException("invalid continuation: continuation handle mismatch");
        var got = AbiConverter.TypeOf(value);
        if (!got.SameAs(_suspendRet))
            throw new VmException($"invalid vm state: resume value type mismatch: expected {AbiConverter.Debug(_suspendRet)}, got {AbiConverter.Debug(got)}");
        if (_suspendDst >= 0)
        {
            Value v;
            try { v = Abi.FromAbi(value); }
            catch (AbiError e) { throw new VmException("invalid vm state: resume value conversion failed: " + e.Message); }
            if (_fp == 0) throw new VmException("invalid vm state: resume with empty stack");
            _stack[_frames[_fp - 1].Bp + _suspendDst] = v;
        }
        _state = VmState.Running;
        _contGeneration++;
        ForgetRequest();
    }

    public void DropRequest(ContinuationHandle k)
    {
        CheckNotInHostCall();
        if (_state != VmState.Suspended) throw new VmException("invalid vm state: vm is not suspended");
        if (k.Index != 0 || k.Generation != _contGeneration) throw new VmException("invalid continuation: continuation handle mismatch");
        _contGeneration++;
        ForgetRequest();
        ReleaseMachine();
        _state = VmState.Trapped;
        _final = StepResult.Trap("cancelled", NoFrames);
    }

    public void DropPinned(ContinuationHandle k)
    {
        CheckNotInHostCall();
        Pinned.Drop(k);
    }

    public void ResumePinnedTail(ContinuationHandle k, AbiValue value)
    {
        CheckNotInHostCall();
        if (_state == VmState.Suspended) throw new VmException("invalid vm state: vm is suspended; call resume/drop first");
        if (_state == VmState.Trapped) throw new VmException("invalid vm state: vm is trapped");
        RContinuation token;
        try { token = Pinned.Resolve(k); }
        catch (AbiError e) { throw new VmException("invalid continuation: " + e.Message); }
        Value v;
        try { v = Abi.FromAbi(value); }
        catch (AbiError e) { throw new VmException("invalid vm state: resume value conversion failed: " + e.Message); }
        var cs = token.Take() ?? throw new VmException("invalid continuation: invalid pinned continuation handle: already consumed");
        _state = VmState.Running;
        _final = null;
        try
        {
            Splice(cs, v, -1, null);
        }
        catch (GuestTrap t)
        {
            // A limit hit while splicing: the VM traps on its next step, as if the resume had run there.
            EnterTrap(t.Message);
        }
        Pinned.Drop(k);
    }
}
