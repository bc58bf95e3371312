// Replays a journal (Vm.Replay): runs a fresh VM from main, answering every host import call and
// every request from the journal instead of a host, and applying pinned-continuation resumes and
// drops at the instruction count they were recorded at. Any divergence is a SnapshotException.
using System;
using Rusk.Vm.Format;

namespace Rusk.Vm.Durable;

internal sealed class JournalPlayer
{
    readonly ByteReader _r;
    readonly Vm _vm;
    string? _diverged;
    int _divergedAt;

    JournalPlayer(ByteReader r, Vm vm) { _r = r; _vm = vm; }

    public static string[]? ReadArgv(byte[] journal, Module module)
    {
        var r = Envelope.Open(journal, module, JournalRecorder.Magic, JournalRecorder.Version, "journal");
        return Execution.Interpreter.ReadArgv(r);
    }

    /// <summary>Runs <paramref name="vm"/> (fresh, built with the journal's argv) to the journal's end.</summary>
    public static void Run(Vm vm, byte[] journal)
    {
        var r = Envelope.Open(journal, vm.Module, JournalRecorder.Magic, JournalRecorder.Version, "journal");
        Execution.Interpreter.ReadArgv(r);
        var p = new JournalPlayer(r, vm);
        int n = r.Count("registered import count", 1, vm.Module.HostImports.Length);
        for (int i = 0; i < n; i++)
        {
            uint id = (uint)r.U("host import id", vm.Module.HostImports.Length - 1);
            vm.RegisterHostImport(id, p.HostCall(id));
        }
        p.Drive();
    }

    HostFunction HostCall(uint id) => (cx, args) =>
    {
        if (_diverged != null) throw new HostException(_diverged);
        int at = _r.Offset;
        string name = _vm.Module.HostImports[id].Name;
        if (_r.AtEnd) throw Diverge(at, $"expected no more host calls, but the program called `{name}`");
        byte e = _r.Byte("journal entry");
        if (e != (byte)JournalEntry.HostResult && e != (byte)JournalEntry.HostError)
            throw Diverge(at, $"expected entry {e}, but the program called `{name}`");
        uint recorded = (uint)_r.U("host import id", uint.MaxValue);
        if (recorded != id) throw Diverge(at, $"expected a call of host import {recorded}, but the program called `{name}` ({id})");
        if (e == (byte)JournalEntry.HostError) throw new HostException(_r.Str("host error message"));
        try
        {
            return JournalRecorder.ReadValue(_r, cx, args, 0);
        }
        catch (SnapshotException x)
        {
            throw Diverge(x.Offset, x.Detail);
        }
    };

    HostException Diverge(int at, string message)
    {
        _diverged ??= message;
        _divergedAt = at;
        return new HostException("journal replay diverged: " + message);
    }

    void CheckDiverged()
    {
        if (_diverged != null) throw _r.Error(_divergedAt, "replay diverged: " + _diverged);
    }

    void Drive()
    {
        while (true)
        {
            CheckDiverged();
            bool more = !_r.AtEnd;
            int at = _r.Offset;
            byte next = more ? _r.Byte("journal entry") : (byte)0;
            ulong pos = 0;
            if (next == (byte)JournalEntry.PinnedTail || next == (byte)JournalEntry.DropPinned)
            {
                pos = _r.U64("instruction count");
                if (pos < _vm.ExecutedInstructions) throw _r.Error(at, $"expected an instruction count of at least {_vm.ExecutedInstructions}, found {pos}");
                if (pos == _vm.ExecutedInstructions)
                {
                    ApplyPinned(next, at);
                    continue;
                }
            }
            else if (more) _r.Back(at);

            if (_vm.IsDone || _vm.IsTrapped)
            {
                if (!more) return;
                if (pos == 0) throw _r.Error(at, $"expected the end of the journal after the run ended, found entry {next}");
                throw _r.Error(at, $"expected instruction count {_vm.ExecutedInstructions} (the run ended there), found {pos}");
            }
            var res = pos > 0 ? _vm.Step(pos - _vm.ExecutedInstructions) : _vm.Step();
            CheckDiverged();
            if (pos > 0) _r.Back(at);
            if (res.Kind != StepKind.Request) continue;

            at = _r.Offset;
            if (_r.AtEnd)
            {
                _vm.RepeatRequest();
                return;
            }
            byte e = _r.Byte("journal entry");
            if (e != (byte)JournalEntry.Resume && e != (byte)JournalEntry.Drop)
                throw _r.Error(at, $"expected an answer to the request (entry 3 or 4), found entry {e}");
            int gat = _r.Offset;
            uint gen = (uint)_r.U("request generation", uint.MaxValue);
            if (gen != res.K.Generation) throw _r.Error(gat, $"expected request generation {res.K.Generation}, found {gen}");
            try
            {
                if (e == (byte)JournalEntry.Drop) _vm.DropContinuation(res.K);
                else _vm.Resume(res.K, JournalRecorder.ReadValue(_r, _vm.HostContext, ReadOnlySpan<AbiValue>.Empty, 0));
            }
            catch (VmException x)
            {
                throw _r.Error(at, "replay diverged: " + x.Message);
            }
        }
    }

    void ApplyPinned(byte entry, int at)
    {
        var k = new ContinuationHandle((uint)_r.U("handle index", uint.MaxValue), (uint)_r.U("handle generation", uint.MaxValue));
        try
        {
            if (entry == (byte)JournalEntry.DropPinned) _vm.DropPinnedContinuation(k);
            else _vm.ResumePinnedContinuationTail(k, JournalRecorder.ReadValue(_r, _vm.HostContext, ReadOnlySpan<AbiValue>.Empty, 0));
        }
        catch (VmException x)
        {
            throw _r.Error(at, "replay diverged: " + x.Message);
        }
    }
}
