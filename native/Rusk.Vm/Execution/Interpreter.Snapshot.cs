// Snapshot and restore of the whole machine (docs/snapshot-format.md): frames and registers, the
// heap reachable from them with sharing and cycles kept, handlers, continuations (captured and
// pinned, with handle numbers and generations), typereps, counters and the pending request. The
// interpreter's caches are not state: a restored VM starts with them empty and refills them.
using System;
using System.Collections.Generic;
using Rusk.Vm.Durable;
using Rusk.Vm.Format;

namespace Rusk.Vm.Execution;

internal sealed partial class Interpreter
{
    /// <summary>The Request the VM is suspended on (kept so a snapshot can name it again).</summary>
    StepResult? _pendingRequest;
    /// <summary>Restored at a request: the next Step returns it again instead of running.</summary>
    bool _repeatRequest;
    /// <summary>Instructions run since creation, counted with or without metrics (journal positions).</summary>
    ulong _executed;

    public ulong Executed => _executed;

    StepResult RepeatRequest()
    {
        _repeatRequest = false;
        return _pendingRequest!;
    }

    /// <summary>Makes the next Step return the pending request again (a replay that ends at one).</summary>
    public void RepeatPendingRequest() => _repeatRequest = _state == VmState.Suspended && _pendingRequest != null;

    void ForgetRequest()
    {
        _pendingRequest = null;
        _repeatRequest = false;
    }

    // ---- format constants -----------------------------------------------------------------------

    internal static ReadOnlySpan<byte> SnapshotMagic => s_snapshotMagic;
    // A byte[] rather than a u8 literal: the literal compiles to a span over a pointer, which the AOT engine has no use for.
    static readonly byte[] s_snapshotMagic = { (byte)'R', (byte)'U', (byte)'S', (byte)'K', (byte)'S', (byte)'N', (byte)'A', (byte)'P' };
    internal const uint SnapshotVersion = 1;

    enum ObjKind : byte { String = 1, Bytes, Struct, Enum, Array, Tuple, Continuation, ConsumedContinuation }

    // ---- writing ----------------------------------------------------------------------------------

    /// <summary>Collects the heap objects reachable from the machine, numbered in discovery order.</summary>
    sealed class ObjectTable
    {
        public readonly Dictionary<object, int> Index = new(ReferenceEqualityComparer.Instance);
        public readonly List<object> Order = new();
        int _next;

        public void Add(object? o)
        {
            if (o == null || o is TypeRep || Index.ContainsKey(o)) return;
            Index.Add(o, Order.Count);
            Order.Add(o);
        }

        public void Add(in Value v) => Add(v.Obj);

        void AddAll(Value[] values, int count)
        {
            for (int i = 0; i < count; i++) Add(values[i].Obj);
        }

        /// <summary>Breadth-first over the children of everything added so far (no recursion: graphs may be deep).</summary>
        public void Close()
        {
            while (_next < Order.Count)
            {
                switch (Order[_next++])
                {
                    case RStruct s: AddAll(s.Fields, s.Fields.Length); break;
                    case REnum e: AddAll(e.Fields, e.Fields.Length); break;
                    case RArray a: AddAll(a.Items, a.Count); break;
                    case RTuple t: AddAll(t.Items, t.Items.Length); break;
                    case RContinuation k when k.Peek() is ContinuationState cs: AddAll(cs.Regs, cs.RegCount); break;
                }
            }
        }
    }

    public byte[] SaveSnapshot()
    {
        if (_inHostCall) throw new VmException("invalid vm state: cannot snapshot during a host call");
        var ident = ModuleIdentity.Of(_m);
        // Registers up to the highest one ever written, not just the top frame's window: a new frame
        // reads none of its registers before writing them, but they still hold what deeper calls left
        // there, and later snapshots see it. Keeping it makes a restored VM's later snapshots equal to
        // the original's.
        int stackCount = _stack.Length;
        while (stackCount > StackTop && _stack[stackCount - 1].Tag == Tag.Uninit) stackCount--;

        var objs = new ObjectTable();
        for (int i = 0; i < stackCount; i++) objs.Add(_stack[i]);
        for (int i = 0; i < Pinned.SlotCount; i++) objs.Add(Pinned.At(i));
        if (_state == VmState.Suspended) foreach (var a in _pendingRequest!.Args) if (a.IsComposite) objs.Add(a.HeapObject);
        if (_state == VmState.Done && _final!.Value.IsComposite) objs.Add(_final.Value.HeapObject);
        objs.Close();

        var w = Envelope.Begin(SnapshotMagic, SnapshotVersion, _m, 256 + stackCount * 4);

        w.Byte((byte)_state);
        WriteArgv(w, _opt.Argv);
        w.U(Metrics.ExecutedInstructions); w.U(Metrics.HostCalls); w.U(Metrics.EffectRequests); w.U(_executed);
        w.U(_contGeneration);

        w.U(Types.Count);
        for (int i = 0; i < Types.Count; i++)
        {
            var t = Types.At(i);
            w.Byte((byte)t.Ctor); w.U(t.Payload);
            WriteTypeReps(w, t.Args);
        }

        w.U(objs.Order.Count);
        foreach (var o in objs.Order) WriteObjectHeader(w, o);
        foreach (var o in objs.Order) WriteObjectBody(w, o, objs);

        w.U(stackCount);
        for (int i = 0; i < stackCount; i++) WriteValue(w, _stack[i], objs);
        w.U(_fp);
        for (int i = 0; i < _fp; i++) WriteFrame(w, _frames[i]);
        w.U(_hc);
        for (int i = 0; i < _hc; i++) WriteHandler(w, _handlers[i], ident);

        Pinned.Write(w, objs.Index);

        switch (_state)
        {
            case VmState.Suspended:
                w.U(_pendingRequest!.EffectId);
                w.S(_suspendDst);
                w.U(_pendingRequest.Args.Count);
                foreach (var a in _pendingRequest.Args) WriteAbiValue(w, a, objs);
                break;
            case VmState.Done:
                WriteAbiValue(w, _final!.Value, objs);
                break;
            case VmState.Trapped:
                w.Str(_final!.Message);
                w.U(_final.Stack.Count);
                foreach (var f in _final.Stack) { w.Str(f.Function); w.U(f.Pc); }
                break;
        }

        return Envelope.Seal(w);
    }

    internal static void WriteArgv(ByteWriter w, string[]? argv)
    {
        if (argv == null) { w.U(0); return; }
        w.U(argv.Length + 1);
        foreach (var a in argv) w.Str(a ?? "");
    }

    static void WriteTypeReps(ByteWriter w, TypeRep[] reps)
    {
        w.U(reps.Length);
        foreach (var r in reps) w.U(r.Id);
    }

    static void WriteObjectHeader(ByteWriter w, object o)
    {
        switch (o)
        {
            case RString s: w.Byte((byte)ObjKind.String); w.U(s.Length); break;
            case RBytes b: w.Byte((byte)ObjKind.Bytes); w.U(b.Length); break;
            case RStruct st:
                w.Byte((byte)ObjKind.Struct); w.U(st.Fields.Length); w.U(st.TypeId); WriteTypeReps(w, st.TypeArgs);
                break;
            case REnum e:
                w.Byte((byte)ObjKind.Enum); w.U(e.Fields.Length); w.U(e.TypeId); WriteTypeReps(w, e.TypeArgs); w.Str(e.Variant);
                break;
            case RArray a: w.Byte((byte)ObjKind.Array); w.U(a.Count); break;
            case RTuple t: w.Byte((byte)ObjKind.Tuple); w.U(t.Items.Length); break;
            case RContinuation k:
                w.Byte((byte)(k.IsConsumed ? ObjKind.ConsumedContinuation : ObjKind.Continuation)); w.U(0);
                break;
            default: throw new VmException("invalid vm state: a heap object of a kind snapshots do not know");
        }
    }

    void WriteObjectBody(ByteWriter w, object o, ObjectTable objs)
    {
        switch (o)
        {
            case RString s: w.Raw(s.Span); break;
            case RBytes b: w.Raw(b.Span); break;
            case RStruct st: foreach (var v in st.Fields) WriteValue(w, v, objs); break;
            case REnum e: foreach (var v in e.Fields) WriteValue(w, v, objs); break;
            case RArray a: for (int i = 0; i < a.Count; i++) WriteValue(w, a.Items[i], objs); break;
            case RTuple t: foreach (var v in t.Items) WriteValue(w, v, objs); break;
            case RContinuation k when k.Peek() is ContinuationState cs:
                w.U(cs.RegCount);
                for (int i = 0; i < cs.RegCount; i++) WriteValue(w, cs.Regs[i], objs);
                w.U(cs.FrameCount);
                for (int i = 0; i < cs.FrameCount; i++) WriteFrame(w, cs.Frames[i]);
                w.U(cs.HandlerCount);
                var ident = ModuleIdentity.Of(_m);
                for (int i = 0; i < cs.HandlerCount; i++) WriteHandler(w, cs.Handlers[i], ident);
                w.S(cs.PerformDst);
                break;
        }
    }

    static void WriteValue(ByteWriter w, in Value v, ObjectTable objs)
    {
        w.Byte((byte)v.Tag);
        switch (v.Tag)
        {
            case Tag.Uninit: case Tag.Unit: break;
            case Tag.Bool: case Tag.Byte: case Tag.Char: case Tag.Function: w.U((ulong)v.Bits); break;
            case Tag.Int: w.S(v.Bits); break;
            case Tag.Float: w.Fixed64(v.Bits); break;
            case Tag.TypeRep: w.U(((TypeRep)v.Obj!).Id); break;
            default: w.U(objs.Index[v.Obj!]); break;
        }
    }

    static void WriteFrame(ByteWriter w, in Frame f)
    {
        w.U(f.Fn.Id); w.U(f.Pc); w.U(f.Bp); w.S(f.RetDst);
        if (f.RetMulti == null) { w.U(0); return; }
        w.U(f.RetMulti.Length + 1);
        foreach (var r in f.RetMulti) w.S(r);
    }

    static void WriteHandler(ByteWriter w, in HandlerEntry h, ModuleIdentity ident)
    {
        w.U(h.OwnerDepth);
        w.U(ident.HandlerSites[h.Def]);
        if (h.IfaceArgs == null) { w.U(0); return; }
        w.U(h.IfaceArgs.Length + 1);
        foreach (var a in h.IfaceArgs) WriteTypeReps(w, a);
    }

    static void WriteAbiValue(ByteWriter w, in AbiValue a, ObjectTable objs)
    {
        if (!a.IsComposite) { AbiCodec.WritePrimitive(w, a); return; }
        AbiCodec.WriteType(w, a.CompositeType!);
        w.Byte(a.IsReadonly ? (byte)1 : (byte)0);
        w.U(objs.Index[a.HeapObject!]);
    }

    // ---- reading ----------------------------------------------------------------------------------

    internal static ByteReader OpenSnapshot(byte[] bytes, Module module) =>
        Envelope.Open(bytes, module, SnapshotMagic, SnapshotVersion, "snapshot");

    /// <summary>The argv a snapshot was taken with (read before the VM is built, which checks it against main).</summary>
    internal static string[]? ReadSnapshotArgv(byte[] bytes, Module module)
    {
        var r = OpenSnapshot(bytes, module);
        r.Byte("vm state");
        int at = r.Offset;
        var argv = ReadArgv(r);
        // The VM is built with this argv before the rest is read; it must be one the entry accepts.
        bool takesArgv = module.Entry < (uint)module.Functions.Length && module.Functions[module.Entry].ParamCount == 1;
        if ((argv != null) != takesArgv)
            throw r.Error(at, takesArgv ? "expected argv: the entry function takes it" : "expected no argv: the entry function takes none");
        return argv;
    }

    internal static string[]? ReadArgv(ByteReader r)
    {
        int n = r.Count("argv count + 1");
        if (n == 0) return null;
        var argv = new string[n - 1];
        for (int i = 0; i < argv.Length; i++) argv[i] = r.Str("argv entry");
        return argv;
    }

    /// <summary>Replaces this fresh VM's state with the snapshot's (bytes already checked by OpenSnapshot).</summary>
    public void LoadSnapshot(byte[] bytes)
    {
        var r = OpenSnapshot(bytes, _m);
        int at = r.Offset;
        byte state = r.Byte("vm state");
        if (state > (byte)VmState.Trapped) throw r.Error(at, $"expected vm state 0..3, found {state}");
        ReadArgv(r);
        var metrics = new VmMetrics
        {
            ExecutedInstructions = r.U64("executed instructions"),
            HostCalls = r.U64("host calls"),
            EffectRequests = r.U64("effect requests"),
        };
        ulong executed = r.U64("instruction count");
        uint generation = (uint)r.U("continuation generation", uint.MaxValue);

        ReadTypeTable(r);
        var objects = ReadObjects(r);

        int stackCount = r.Count("register count", 1, _opt.MaxRegisters);
        var stack = stackCount == 0 && state >= (byte)VmState.Done
            ? Array.Empty<Value>() : new Value[Math.Max(stackCount, Math.Min(256, _opt.MaxRegisters))];
        for (int i = 0; i < stackCount; i++) stack[i] = ReadValue(r, objects);
        int fp = r.Count("frame count", 4, _opt.MaxFrames);
        var frames = new Frame[Math.Max(Math.Max(fp, 1), state >= (byte)VmState.Done ? 1 : Math.Min(32, _opt.MaxFrames))];
        for (int i = 0; i < fp; i++)
        {
            int fat = r.Offset;
            frames[i] = ReadFrame(r);
            int minBp = i == 0 ? 0 : frames[i - 1].Bp + frames[i - 1].Fn.RegCount;
            if (frames[i].Bp < minBp) throw r.Error(fat, $"expected frame {i} base at least {minBp}, found {frames[i].Bp}");
        }
        int top = fp == 0 ? 0 : frames[fp - 1].Bp + frames[fp - 1].Fn.RegCount;
        if (stackCount < top) throw r.Error($"expected at least {top} registers for the frames, found {stackCount}");
        if (state == (byte)VmState.Suspended && fp == 0) throw r.Error("expected frames in a suspended vm, found none");
        if (state >= (byte)VmState.Done && fp != 0) throw r.Error($"expected no frames in a finished vm, found {fp}");
        int hc = r.Count("handler count", 3, _opt.MaxHandlers);
        var handlers = hc == 0 && state >= (byte)VmState.Done ? Array.Empty<HandlerEntry>() : new HandlerEntry[Math.Max(hc, Math.Min(8, _opt.MaxHandlers))];
        for (int i = 0; i < hc; i++)
        {
            int hat = r.Offset;
            handlers[i] = ReadHandler(r, fp);
            if (i > 0 && handlers[i].OwnerDepth < handlers[i - 1].OwnerDepth)
                throw r.Error(hat, "expected handlers in owner-depth order");
        }

        Pinned.Read(r, objects);

        StepResult? pending = null, final = null;
        int suspendDst = -1;
        AbiType suspendRet = AbiType.Unit;
        switch ((VmState)state)
        {
            case VmState.Suspended:
            {
                at = r.Offset;
                int effect = r.U("external effect id", _m.ExternalEffects.Length - 1);
                var decl = _m.ExternalEffects[effect];
                at = r.Offset;
                suspendDst = (int)r.S("perform destination");
                if (suspendDst < -1 || suspendDst >= frames[fp - 1].Fn.RegCount)
                    throw r.Error(at, $"expected perform destination -1..{frames[fp - 1].Fn.RegCount - 1}, found {suspendDst}");
                at = r.Offset;
                int n = r.Count("request argument count");
                if (n != decl.Sig.Params.Length) throw r.Error(at, $"expected {decl.Sig.Params.Length} request arguments, found {n}");
                var args = new AbiValue[n];
                for (int i = 0; i < n; i++)
                {
                    at = r.Offset;
                    args[i] = ReadAbiValue(r, objects, 0);
                    if (!AbiConverter.TypeOf(args[i]).SameAs(decl.Sig.Params[i]))
                        throw r.Error(at, $"expected request argument {i} of type {AbiConverter.Debug(decl.Sig.Params[i])}");
                }
                suspendRet = decl.Sig.Ret;
                pending = StepResult.Request((uint)effect, args, new ContinuationHandle(0, generation));
                break;
            }
            case VmState.Done:
                final = StepResult.Done(ReadAbiValue(r, objects, 0));
                break;
            case VmState.Trapped:
            {
                string message = r.Str("trap message");
                int n = r.Count("trap stack depth", 2);
                var st = new RuskStackFrame[n];
                for (int i = 0; i < n; i++) st[i] = new RuskStackFrame(r.Str("function name"), r.U("pc", int.MaxValue));
                final = StepResult.Trap(message, st);
                break;
            }
        }
        if (!r.AtEnd) throw r.Error($"expected the end of the snapshot body, found {r.Remaining} more bytes");

        // Everything read and checked: only now does the VM change.
        _state = (VmState)state;
        Metrics = metrics;
        _executed = executed;
        _contGeneration = generation;
        _stack = stack;
        _frames = frames;
        _fp = fp;
        _handlers = handlers;
        _hc = hc;
        HandlersChanged();
        _final = final;
        _pendingRequest = pending;
        _repeatRequest = pending != null;
        _suspendDst = suspendDst;
        _suspendRet = suspendRet;
        _heap.MeasureLoaded(this); // the loaded graph was never charged
    }

    void ReadTypeTable(ByteReader r)
    {
        int at = r.Offset;
        int n = r.Count("typerep count", 2);
        if (n < Types.Count) throw r.Error(at, $"expected at least {Types.Count} typereps, found {n}");
        var buf = new TypeRep[8];
        for (int i = 0; i < n; i++)
        {
            at = r.Offset;
            byte ctor = r.Byte("typerep constructor");
            if (ctor > 15) throw r.Error(at, $"expected typerep constructor 0..15, found {ctor}");
            uint payload = (uint)r.U("typerep payload", uint.MaxValue);
            int argc = r.Count("typerep argument count");
            if (buf.Length < argc) buf = new TypeRep[argc];
            for (int j = 0; j < argc; j++) buf[j] = Types.At(r.U("typerep argument id", i - 1));
            var kind = (TypeRepKind)ctor;
            bool nominal = kind is TypeRepKind.Struct or TypeRepKind.Enum or TypeRepKind.Interface;
            if (nominal && payload >= (uint)_m.TypeNames.Length) throw r.Error(at, $"expected a type id below {_m.TypeNames.Length}, found {payload}");
            var t = i < Types.Count ? Types.At(i) : Types.Intern(kind, payload, buf, argc);
            if (t.Id != i || t.Ctor != kind || t.Payload != payload || t.Args.Length != argc)
                throw r.Error(at, $"expected typerep {i} to be new and as interned before, found a duplicate or mismatch");
            for (int j = 0; j < argc; j++)
                if (!ReferenceEquals(t.Args[j], buf[j])) throw r.Error(at, $"typerep {i} arguments differ from the pre-interned ones");
        }
    }

    TypeRep[] ReadTypeRepList(ByteReader r)
    {
        int n = r.Count("typerep list length");
        if (n == 0) return NoTypeReps;
        var a = new TypeRep[n];
        for (int i = 0; i < n; i++) a[i] = Types.At(r.U("typerep id", Types.Count - 1));
        return a;
    }

    object[] ReadObjects(ByteReader r)
    {
        int n = r.Count("object count", 2);
        var objs = new object[n];
        var kinds = new ObjKind[n];
        // Headers make every object (so bodies can point forward); sizes are bounded by the bytes left,
        // each element of a body taking at least one byte.
        long budget = 0;
        for (int i = 0; i < n; i++)
        {
            int at = r.Offset;
            byte k = r.Byte("object kind");
            if (k < 1 || k > (byte)ObjKind.ConsumedContinuation) throw r.Error(at, $"expected object kind 1..8, found {k}");
            int size = r.Count("object size");
            budget += size;
            if (budget > r.Remaining) throw r.Error(at, $"expected objects whose contents fit in the {r.Remaining} bytes left, found size {size}");
            kinds[i] = (ObjKind)k;
            switch ((ObjKind)k)
            {
                case ObjKind.String: objs[i] = new RString(new byte[size]); break;
                case ObjKind.Bytes: objs[i] = new RBytes(new byte[size]); break;
                case ObjKind.Struct:
                {
                    int tat = r.Offset;
                    uint type = (uint)r.U("struct type id", _m.TypeNames.Length - 1);
                    var layout = _m.StructLayouts.Length > type ? _m.StructLayouts[type] : null;
                    if (layout != null && layout.Length != size) throw r.Error(tat, $"expected {layout.Length} fields for struct `{_m.TypeNames[type]}`, found {size}");
                    objs[i] = new RStruct(type, ReadTypeRepList(r), new Value[size]);
                    break;
                }
                case ObjKind.Enum:
                {
                    uint type = (uint)r.U("enum type id", _m.TypeNames.Length - 1);
                    var targs = ReadTypeRepList(r);
                    string variant = r.Str("enum variant");
                    if (_p.Variants.TryGetValue(variant, out var interned)) variant = interned;
                    objs[i] = new REnum(type, targs, variant, size == 0 ? Array.Empty<Value>() : new Value[size]);
                    break;
                }
                case ObjKind.Array: objs[i] = new RArray(new Value[size]); break;
                case ObjKind.Tuple:
                    if (size == 0) throw r.Error(at, "expected a tuple of arity at least 1");
                    objs[i] = new RTuple(new Value[size]);
                    break;
                case ObjKind.Continuation:
                case ObjKind.ConsumedContinuation:
                    if (size != 0) throw r.Error(at, $"expected size 0 for a continuation, found {size}");
                    objs[i] = k == (byte)ObjKind.Continuation ? new RContinuation(new ContinuationState()) : RContinuation.Consumed();
                    break;
            }
        }
        for (int i = 0; i < n; i++)
        {
            switch (objs[i])
            {
                case RString s: r.Raw(s.Length, "string bytes").CopyTo(s.Buffer); break;
                case RBytes b: r.Raw(b.Length, "bytes").CopyTo(b.Buffer); break;
                case RStruct st: for (int j = 0; j < st.Fields.Length; j++) st.Fields[j] = ReadValue(r, objs); break;
                case REnum e: for (int j = 0; j < e.Fields.Length; j++) e.Fields[j] = ReadValue(r, objs); break;
                case RArray a: for (int j = 0; j < a.Count; j++) a.Items[j] = ReadValue(r, objs); break;
                case RTuple t: for (int j = 0; j < t.Items.Length; j++) t.Items[j] = ReadValue(r, objs); break;
                case RContinuation k when kinds[i] == ObjKind.Continuation: ReadContinuation(r, k.Peek()!, objs); break;
            }
        }
        return objs;
    }

    void ReadContinuation(ByteReader r, ContinuationState cs, object[] objs)
    {
        int nregs = r.Count("continuation register count");
        cs.Regs = new Value[nregs];
        for (int i = 0; i < nregs; i++) cs.Regs[i] = ReadValue(r, objs);
        cs.RegCount = nregs;
        int at = r.Offset;
        int nframes = r.Count("continuation frame count", 4);
        if (nframes == 0) throw r.Error(at, "expected a continuation of at least one frame");
        cs.Frames = new Frame[nframes];
        for (int i = 0; i < nframes; i++)
        {
            int fat = r.Offset;
            cs.Frames[i] = ReadFrame(r);
            int minBp = i == 0 ? 0 : cs.Frames[i - 1].Bp + cs.Frames[i - 1].Fn.RegCount;
            if (cs.Frames[i].Bp < minBp || (i == 0 && cs.Frames[i].Bp != 0)) throw r.Error(fat, $"expected continuation frame {i} base at least {minBp}");
        }
        int end = cs.Frames[nframes - 1].Bp + cs.Frames[nframes - 1].Fn.RegCount;
        if (end != nregs) throw r.Error(at, $"expected {end} continuation registers for its frames, found {nregs}");
        cs.FrameCount = nframes;
        int nh = r.Count("continuation handler count", 3);
        cs.Handlers = new HandlerEntry[nh];
        for (int i = 0; i < nh; i++)
        {
            int hat = r.Offset;
            cs.Handlers[i] = ReadHandler(r, nframes);
            if (i > 0 && cs.Handlers[i].OwnerDepth < cs.Handlers[i - 1].OwnerDepth) throw r.Error(hat, "expected handlers in owner-depth order");
        }
        cs.HandlerCount = nh;
        at = r.Offset;
        cs.PerformDst = (int)r.S("perform destination");
        int lastRegs = cs.Frames[nframes - 1].Fn.RegCount;
        if (cs.PerformDst < -1 || cs.PerformDst >= lastRegs) throw r.Error(at, $"expected perform destination -1..{lastRegs - 1}, found {cs.PerformDst}");
    }

    Value ReadValue(ByteReader r, object[] objs)
    {
        int at = r.Offset;
        byte tag = r.Byte("value tag");
        switch ((Tag)tag)
        {
            case Tag.Uninit: return default;
            case Tag.Unit: return Value.Unit;
            case Tag.Bool: return Value.Bool(r.U("bool", 1) != 0);
            case Tag.Int: return Value.Int(r.S("int"));
            case Tag.Float: return Value.FloatBits(r.Fixed64("float bits"));
            case Tag.Byte: return Value.Byte((byte)r.U("byte", 255));
            case Tag.Char:
            {
                int c = r.U("char", 0x10FFFF);
                if (c >= 0xD800 && c <= 0xDFFF) throw r.Error(at + 1, $"expected a Unicode scalar value, found 0x{c:X}");
                return Value.Char(c);
            }
            case Tag.Function: return Value.Function((uint)r.U("function id", _p.Functions.Length - 1));
            case Tag.TypeRep: return Value.TypeRep(Types.At(r.U("typerep id", Types.Count - 1)));
            case Tag.String:
            case Tag.Bytes:
            case Tag.Continuation:
            case Tag.Ref:
            case Tag.RefRo:
            {
                object o = objs[r.U("object index", objs.Length - 1)];
                bool ok = (Tag)tag switch
                {
                    Tag.String => o is RString,
                    Tag.Bytes => o is RBytes,
                    Tag.Continuation => o is RContinuation,
                    _ => o is RStruct or REnum or RArray or RTuple,
                };
                if (!ok) throw r.Error(at, $"expected an object of the kind tag {(int)tag} holds, found another kind");
                return new Value((Tag)tag, o);
            }
            default: throw r.Error(at, $"expected value tag 0..{(int)Tag.RefRo}, found {(int)tag}");
        }
    }

    Frame ReadFrame(ByteReader r)
    {
        var fn = _p.Functions[r.U("function id", _p.Functions.Length - 1)];
        int pc = r.U("pc", fn.Code.Length - 1);
        int bp = r.U("frame base", _opt.MaxRegisters);
        int at = r.Offset;
        long retDst = r.S("return destination");
        if (retDst < -1 || retDst > int.MaxValue) throw r.Error(at, $"expected a return destination ≥ -1, found {retDst}");
        int[]? multi = null;
        int m = r.Count("multi-return count + 1");
        if (m > 0)
        {
            multi = new int[m - 1];
            for (int i = 0; i < multi.Length; i++)
            {
                long reg = r.S("multi-return register");
                multi[i] = reg < -1 ? -1 : reg > int.MaxValue ? int.MaxValue : (int)reg;
            }
        }
        return new Frame { Fn = fn, Pc = pc, Bp = bp, RetDst = (int)retDst, RetMulti = multi };
    }

    HandlerEntry ReadHandler(ByteReader r, int frames)
    {
        int depth = r.U("handler owner depth", frames - 1);
        int at = r.Offset;
        int site = r.U("handler site", _p.Sites.Length - 1);
        if (_p.Sites[site] is not HandlerDef def) throw r.Error(at, $"expected a handler site, found site {site} of another kind");
        at = r.Offset;
        int n = r.Count("handler clause count + 1");
        TypeRep[][]? iargs = null;
        if (n != (def.Monomorphic ? 0 : def.Clauses.Length + 1))
            throw r.Error(at, $"expected {(def.Monomorphic ? 0 : def.Clauses.Length + 1)} for the handler's clause count + 1, found {n}");
        if (n > 0)
        {
            iargs = new TypeRep[n - 1][];
            for (int c = 0; c < iargs.Length; c++)
            {
                at = r.Offset;
                iargs[c] = ReadTypeRepList(r);
                if (iargs[c].Length != def.Clauses[c].Effect.IfaceArgRegs.Length)
                    throw r.Error(at, $"expected {def.Clauses[c].Effect.IfaceArgRegs.Length} interface args for clause {c}");
            }
        }
        return new HandlerEntry { OwnerDepth = depth, Def = def, IfaceArgs = iargs };
    }

    AbiValue ReadAbiValue(ByteReader r, object[] objs, int depth)
    {
        int at = r.Offset;
        byte k = r.Byte("abi value kind");
        if (AbiCodec.TryReadPrimitive(r, k, at, out var prim)) return prim;
        // A composite: its type, the readonly flag and the object.
        r.Back(at);
        var type = AbiCodec.ReadType(r, _m, depth);
        bool ro = r.U("readonly flag", 1) != 0;
        object o = objs[r.U("object index", objs.Length - 1)];
        bool ok = type.Kind switch
        {
            AbiKind.Array => o is RArray,
            AbiKind.Tuple => o is RTuple t && t.Items.Length == type.Items.Length,
            AbiKind.Struct => o is RStruct s && s.TypeId == type.Id,
            _ => o is REnum e && e.TypeId == type.Id,
        };
        if (!ok) throw r.Error(at, $"expected an object of ABI type {AbiConverter.Debug(type)}");
        return AbiValue.Composite(type, o, ro);
    }
}
