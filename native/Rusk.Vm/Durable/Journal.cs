// The replay journal (docs/snapshot-format.md): everything nondeterministic a run received from its
// host, in order — host import results and failures, answers to requests, and pinned-continuation
// resumes and drops with the instruction count they happened at. Values are written by content
// (composites field by field through the HostContext), so a replay rebuilds them without the host.
using System;
using System.Collections.Generic;
using Rusk.Vm.Format;

namespace Rusk.Vm.Durable;

internal enum JournalEntry : byte { HostResult = 1, HostError, Resume, Drop, PinnedTail, DropPinned }

/// <summary>Records a VM's journal as it runs (installed by VmOptions.Journal).</summary>
internal sealed class JournalRecorder
{
    internal static ReadOnlySpan<byte> Magic => s_magic;
    static readonly byte[] s_magic = { (byte)'R', (byte)'U', (byte)'S', (byte)'K', (byte)'J', (byte)'R', (byte)'N', (byte)'L' };
    internal const uint Version = 1;
    const byte SameAsArg = 0xF0;
    const int MaxDepth = 1_000;

    readonly Module _module;
    readonly string[]? _argv;
    readonly ByteWriter _entries = new();
    // Imports the host ever registered: a replay installs only these, so a call of one the host
    // never provided traps as "missing host import" again.
    readonly bool[] _registered;

    public JournalRecorder(Module module, string[]? argv)
    {
        _module = module; _argv = argv;
        _registered = new bool[module.HostImports.Length];
    }

    public int EntryBytes => _entries.Length;

    /// <summary>The host function that calls <paramref name="fn"/> and records what it returned or threw.</summary>
    public HostFunction Wrap(uint id, HostFunction fn)
    {
        if (id < (uint)_registered.Length) _registered[id] = true;
        return (cx, args) => Call(id, fn, cx, args);
    }

    AbiValue Call(uint id, HostFunction fn, HostContext cx, ReadOnlySpan<AbiValue> args)
    {
        AbiValue ret;
        try
        {
            ret = fn(cx, args);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _entries.Byte((byte)JournalEntry.HostError);
            _entries.U(id);
            _entries.Str(e.Message);
            throw;
        }
        var w = new ByteWriter();
        try
        {
            WriteValue(w, ret, cx, args, 0);
        }
        catch (HostException e)
        {
            throw new HostException("journal: cannot record the result: " + e.Message);
        }
        _entries.Byte((byte)JournalEntry.HostResult);
        _entries.U(id);
        _entries.Raw(w.Written);
        return ret;
    }

    public void Resume(ContinuationHandle k, AbiValue value, HostContext cx)
    {
        var w = new ByteWriter();
        WriteValue(w, value, cx, ReadOnlySpan<AbiValue>.Empty, 0);
        _entries.Byte((byte)JournalEntry.Resume);
        _entries.U(k.Generation);
        _entries.Raw(w.Written);
    }

    public void Drop(ContinuationHandle k)
    {
        _entries.Byte((byte)JournalEntry.Drop);
        _entries.U(k.Generation);
    }

    public void PinnedTail(ulong at, ContinuationHandle k, AbiValue value, HostContext cx)
    {
        var w = new ByteWriter();
        WriteValue(w, value, cx, ReadOnlySpan<AbiValue>.Empty, 0);
        _entries.Byte((byte)JournalEntry.PinnedTail);
        _entries.U(at); _entries.U(k.Index); _entries.U(k.Generation);
        _entries.Raw(w.Written);
    }

    public void DropPinned(ulong at, ContinuationHandle k)
    {
        _entries.Byte((byte)JournalEntry.DropPinned);
        _entries.U(at); _entries.U(k.Index); _entries.U(k.Generation);
    }

    public byte[] ToBytes()
    {
        var w = Envelope.Begin(Magic, Version, _module, _entries.Length + 64);
        Execution.Interpreter.WriteArgv(w, _argv);
        int n = 0;
        foreach (bool b in _registered) if (b) n++;
        w.U(n);
        for (int id = 0; id < _registered.Length; id++) if (_registered[id]) w.U(id);
        w.Raw(_entries.Written);
        return Envelope.Seal(w);
    }

    // A value by content. Composites the host handed back unchanged from its own arguments keep
    // their identity (SameAsArg); anything else is rebuilt as a new object on replay.
    static void WriteValue(ByteWriter w, AbiValue v, HostContext cx, ReadOnlySpan<AbiValue> args, int depth)
    {
        if (depth > MaxDepth) throw new HostException($"value nested deeper than {MaxDepth} (or cyclic)");
        if (v.IsComposite && depth == 0)
        {
            for (int i = 0; i < args.Length; i++)
            {
                if (!args[i].IsComposite || !ReferenceEquals(args[i].HeapObject, v.HeapObject) || args[i].IsReadonly != v.IsReadonly) continue;
                w.Byte(SameAsArg);
                w.U(i);
                return;
            }
        }
        if (!v.IsComposite)
        {
            AbiCodec.WritePrimitive(w, v);
            return;
        }
        w.Byte((byte)v.Kind);
        var t = v.CompositeType!;
        w.Byte(v.IsReadonly ? (byte)1 : (byte)0);
        switch (v.Kind)
        {
            case AbiKind.Array:
            {
                AbiCodec.WriteType(w, t.Elem!);
                int n = cx.ArrayLength(v);
                w.U(n);
                for (int i = 0; i < n; i++) WriteValue(w, cx.ArrayGet(v, i), cx, args, depth + 1);
                break;
            }
            case AbiKind.Tuple:
            {
                int n = cx.TupleLength(v);
                w.U(n);
                for (int i = 0; i < n; i++) WriteValue(w, cx.TupleGet(v, i), cx, args, depth + 1);
                break;
            }
            case AbiKind.Struct:
            {
                w.U(t.Id); AbiCodec.WriteTypes(w, t.Items);
                var fields = cx.Module.AbiSchemas[t.Id]!.Fields;
                w.U(fields.Length);
                foreach (var f in fields) WriteValue(w, cx.StructGet(v, f.Name), cx, args, depth + 1);
                break;
            }
            default:
            {
                w.U(t.Id); AbiCodec.WriteTypes(w, t.Items);
                w.Str(cx.EnumVariant(v));
                int n = cx.EnumFieldCount(v);
                w.U(n);
                for (int i = 0; i < n; i++) WriteValue(w, cx.EnumGet(v, i), cx, args, depth + 1);
                break;
            }
        }
    }

    // ---- reading ----------------------------------------------------------------------------------

    /// <summary>Rebuilds a recorded value in the replaying VM (HostContext checks it as a host's value would be).</summary>
    internal static AbiValue ReadValue(ByteReader r, HostContext cx, ReadOnlySpan<AbiValue> args, int depth)
    {
        int at = r.Offset;
        if (depth > MaxDepth) throw r.Error(at, $"expected a value nested at most {MaxDepth} deep");
        byte k = r.Byte("value kind");
        if (k == SameAsArg)
        {
            int i = r.U("argument index", args.Length - 1);
            return args[i];
        }
        var m = cx.Module;
        if (AbiCodec.TryReadPrimitive(r, k, at, out var prim)) return prim;
        bool ro = r.U("readonly flag", 1) != 0;
        AbiValue v;
        try
        {
            switch ((AbiKind)k)
            {
                case AbiKind.Array:
                {
                    var elem = AbiCodec.ReadType(r, m, 0);
                    var items = new AbiValue[r.Count("array length")];
                    for (int i = 0; i < items.Length; i++) items[i] = ReadValue(r, cx, args, depth + 1);
                    v = cx.NewArray(elem, items);
                    break;
                }
                case AbiKind.Tuple:
                {
                    var items = new AbiValue[r.Count("tuple arity")];
                    for (int i = 0; i < items.Length; i++) items[i] = ReadValue(r, cx, args, depth + 1);
                    v = cx.NewTuple(items);
                    break;
                }
                case AbiKind.Struct:
                {
                    uint id = (uint)r.U("struct type id", m.TypeNames.Length - 1);
                    var targs = AbiCodec.ReadTypes(r, m, 0);
                    var schema = m.AbiSchemas.Length > id ? m.AbiSchemas[id] : null;
                    int fat = r.Offset;
                    int n = r.Count("field count");
                    if (schema == null || schema.IsEnum || schema.Fields.Length != n) throw r.Error(fat, $"expected the {n} fields of a struct ABI schema for type {id}");
                    var names = new string[n];
                    var values = new AbiValue[n];
                    for (int i = 0; i < n; i++) { names[i] = schema.Fields[i].Name; values[i] = ReadValue(r, cx, args, depth + 1); }
                    v = cx.NewStruct(m.TypeNames[id], targs, names, values);
                    break;
                }
                default:
                {
                    uint id = (uint)r.U("enum type id", m.TypeNames.Length - 1);
                    var targs = AbiCodec.ReadTypes(r, m, 0);
                    string variant = r.Str("enum variant");
                    var values = new AbiValue[r.Count("field count")];
                    for (int i = 0; i < values.Length; i++) values[i] = ReadValue(r, cx, args, depth + 1);
                    v = cx.NewEnum(m.TypeNames[id], targs, variant, values);
                    break;
                }
            }
        }
        catch (HostException e)
        {
            throw r.Error(at, "expected a value this module can hold: " + e.Message);
        }
        return ro ? AbiValue.Composite(v.CompositeType!, v.HeapObject!, true) : v;
    }
}
