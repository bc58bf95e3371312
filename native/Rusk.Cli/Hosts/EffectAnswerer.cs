// Answers externalized effect requests the way the corpus's driver did (README "How external effect
// requests are answered"): TestFfi.*, HostFx.swap, and Dom.wait_event from a scripted list of events.
using System;
using System.Collections.Generic;
using Rusk.Vm.Format;

namespace Rusk.Cli.Hosts;

using Rusk.Vm;

internal enum AnswerKind : byte
{
    /// <summary>Resume the continuation with the given value.</summary>
    Resume,
    /// <summary>Drop the continuation (the VM is cancelled).</summary>
    Drop,
    /// <summary>No answer known for this effect; the error says why.</summary>
    Unanswered,
}

/// <summary>One per VM run (it keeps the position in the event script).</summary>
internal sealed class EffectAnswerer
{
    readonly bool _dropFirst;
    readonly string[] _events;
    int _nextEvent;
    int _requests;

    /// <param name="dropFirst">Drop the first request instead of answering it (case `bytecode_step_api__drop_cancels_vm`).</param>
    /// <param name="events">Dom.wait_event answers in order; a request after the last one is dropped.</param>
    public EffectAnswerer(bool dropFirst = false, string[]? events = null)
    {
        _dropFirst = dropFirst;
        _events = events ?? Array.Empty<string>();
    }

    /// <summary>The answerer a corpus case needs: special behaviour comes from its name and `notes`.</summary>
    public static EffectAnswerer ForCase(string name, string? notes) =>
        new(name == "bytecode_step_api__drop_cancels_vm", ParseEventScript(notes));

    public AnswerKind Answer(ExternalEffectDecl effect, IReadOnlyList<AbiValue> args, HostContext cx, out AbiValue value, out string error)
    {
        value = AbiValue.Unit;
        error = "";
        bool first = _requests++ == 0;
        if (first && _dropFirst) return AnswerKind.Drop;
        string name = effect.Interface + "." + effect.Method;
        try
        {
            switch (name)
            {
                case "TestFfi.add":
                    value = AbiValue.Int(unchecked(Arg(args, 0, AbiKind.Int, name).AsInt + Arg(args, 1, AbiKind.Int, name).AsInt));
                    return AnswerKind.Resume;
                case "TestFfi.echo":
                    value = AbiValue.String(Arg(args, 0, AbiKind.String, name).AsString);
                    return AnswerKind.Resume;
                case "TestFfi.echo_bytes":
                    value = AbiValue.Bytes(Arg(args, 0, AbiKind.Bytes, name).AsBytes);
                    return AnswerKind.Resume;
                case "TestFfi.yield":
                    return AnswerKind.Resume;
                case "HostFx.swap":
                {
                    var p = Arg(args, 0, AbiKind.Struct, name);
                    var fields = new[] { cx.StructGet(p, "y"), cx.StructGet(p, "x") };
                    value = cx.NewStruct(cx.StructTypeName(p), cx.TypeOf(p).Items, new[] { "x", "y" }, fields);
                    return AnswerKind.Resume;
                }
                case "Dom.wait_event":
                    if (_nextEvent >= _events.Length) return AnswerKind.Drop;
                    value = AbiValue.String(_events[_nextEvent++]);
                    return AnswerKind.Resume;
                default:
                    error = $"no answer for external effect `{name}`";
                    return AnswerKind.Unanswered;
            }
        }
        catch (HostException e)
        {
            error = $"cannot answer `{name}`: {e.Message}";
            return AnswerKind.Unanswered;
        }
    }

    static AbiValue Arg(IReadOnlyList<AbiValue> args, int i, AbiKind kind, string effect)
    {
        if (i >= args.Count || args[i].Kind != kind)
            throw new HostException($"argument {i} should be {kind}, got {(i < args.Count ? args[i].Kind.ToString() : "nothing")}");
        return args[i];
    }

    /// <summary>
    /// The quoted strings after `Dom.wait_event answered with` in a case's notes, e.g.
    /// `Dom.wait_event answered with "inc","dec" in order, ...` → [inc, dec]; null when absent.
    /// </summary>
    internal static string[]? ParseEventScript(string? notes)
    {
        const string Marker = "Dom.wait_event answered with";
        if (notes == null) return null;
        int at = notes.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0) return null;
        int i = at + Marker.Length;
        var events = new List<string>();
        while (true)
        {
            while (i < notes.Length && notes[i] == ' ') i++;
            if (i >= notes.Length || notes[i] != '"') break;
            int end = notes.IndexOf('"', i + 1);
            if (end < 0) break;
            events.Add(notes.Substring(i + 1, end - i - 1));
            i = end + 1;
            while (i < notes.Length && notes[i] == ' ') i++;
            if (i < notes.Length && notes[i] == ',') i++;
            else break;
        }
        return events.ToArray();
    }
}
