// The expectations a hand-written .rasm test states in its `; keyword: ...` comment lines
// (README.md in this folder): the final outcome, output, counts, VM options and a host script.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Rusk.Vm.Tests.Rasm;

/// <summary>One `; run:` line: an embedding-API call and what it must give.</summary>
sealed class RasmAction
{
    public required int Line { get; init; }
    /// <summary>step, resume, resume-old, drop, drop-old, resume-pinned, drop-pinned.</summary>
    public required string Verb { get; init; }
    /// <summary>`step fuel N`: the exact fuel of one Step call; null = run to the next non-yield result.</summary>
    public ulong? Fuel { get; init; }
    /// <summary>The value text handed to a resume.</summary>
    public string? Value { get; init; }
    /// <summary>The expected outcome text (`done 1`, `trap MSG`, `request E.m(1)`, `yield`, `ok`, `error MSG`).</summary>
    public required string Outcome { get; init; }
    public override string ToString() => $"line {Line}: {Verb}{(Fuel is ulong f ? " fuel " + f : "")}{(Value != null ? " " + Value : "")} -> {Outcome}";
}

sealed class RasmSpec
{
    /// <summary>`done VALUE` or `trap MESSAGE` (unquoted), or null when only a trap substring is given.</summary>
    public string? Final { get; private set; }
    public string? TrapContains { get; private set; }
    public string? NewError { get; private set; }
    public string? Stdout { get; private set; }
    public ulong? Instructions { get; private set; }
    public int? Steps { get; private set; }
    public ulong StepsFuel { get; private set; } = 1000;
    public int? MaxFrames { get; private set; }
    public int? MaxRegisters { get; private set; }
    public int? MaxHandlers { get; private set; }
    public int? MaxPinned { get; private set; }
    public long? MaxHeap { get; private set; }
    public string[]? Argv { get; private set; }
    public List<RasmAction> Actions { get; } = new();

    public VmOptions Options(bool metrics) => new()
    {
        Argv = Argv,
        MaxFrames = MaxFrames ?? new VmOptions().MaxFrames,
        MaxRegisters = MaxRegisters ?? new VmOptions().MaxRegisters,
        MaxHandlers = MaxHandlers ?? new VmOptions().MaxHandlers,
        MaxPinnedContinuations = MaxPinned ?? new VmOptions().MaxPinnedContinuations,
        MaxHeapBytes = MaxHeap ?? VmOptions.DefaultMaxHeapBytes,
        EnableMetrics = metrics,
    };

    public static RasmSpec Parse(string text)
    {
        var spec = new RasmSpec();
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (!line.StartsWith(';')) continue;
            line = line.Substring(1).Trim();
            int colon = line.IndexOf(':');
            if (colon <= 0) continue;
            string key = line.Substring(0, colon);
            string rest = line.Substring(colon + 1).Trim();
            try
            {
                switch (key)
                {
                    case "expect": spec.ParseExpect(rest); break;
                    case "option": spec.ParseOption(rest); break;
                    case "run": spec.Actions.Add(ParseAction(rest, i + 1)); break;
                }
            }
            catch (FormatException e)
            {
                throw new FormatException($"line {i + 1}: {e.Message}");
            }
        }
        if (spec.NewError == null && spec.Final == null && spec.TrapContains == null)
            throw new FormatException("no `; expect: done ...`, `; expect: trap ...` or `; expect: new-error ...` line");
        return spec;
    }

    void ParseExpect(string s)
    {
        var (word, arg) = Word(s);
        switch (word)
        {
            case "done": Final = "done " + Required(arg, "done VALUE"); break;
            case "trap": Final = "trap " + Quoted(arg); break;
            case "trap-contains": TrapContains = Quoted(arg); break;
            case "new-error": NewError = Quoted(arg); break;
            case "stdout": Stdout = Quoted(arg); break;
            case "instructions": Instructions = ulong.Parse(arg, CultureInfo.InvariantCulture); break;
            case "steps":
            {
                // steps N at fuel F
                var parts = arg.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length != 4 || parts[1] != "at" || parts[2] != "fuel")
                    throw new FormatException($"expected `steps N at fuel F`, found `steps {arg}`");
                Steps = int.Parse(parts[0], CultureInfo.InvariantCulture);
                StepsFuel = ulong.Parse(parts[3], CultureInfo.InvariantCulture);
                break;
            }
            default: throw new FormatException($"unknown expectation `{word}`");
        }
    }

    void ParseOption(string s)
    {
        var (word, arg) = Word(s);
        switch (word)
        {
            case "max-frames": MaxFrames = int.Parse(arg, CultureInfo.InvariantCulture); break;
            case "max-registers": MaxRegisters = int.Parse(arg, CultureInfo.InvariantCulture); break;
            case "max-handlers": MaxHandlers = int.Parse(arg, CultureInfo.InvariantCulture); break;
            case "max-pinned": MaxPinned = int.Parse(arg, CultureInfo.InvariantCulture); break;
            case "max-heap": MaxHeap = long.Parse(arg, CultureInfo.InvariantCulture); break;
            case "argv":
            {
                var items = new List<string>();
                int at = 0;
                while (true)
                {
                    while (at < arg.Length && arg[at] == ' ') at++;
                    if (at >= arg.Length) break;
                    items.Add(ReadQuoted(arg, ref at));
                }
                Argv = items.ToArray();
                break;
            }
            default: throw new FormatException($"unknown option `{word}`");
        }
    }

    static RasmAction ParseAction(string s, int line)
    {
        string outcome = "ok";
        int arrow = s.IndexOf("->", StringComparison.Ordinal);
        // A value may itself contain "->" only inside quotes; our action values never do.
        if (arrow >= 0)
        {
            outcome = NormalizeOutcome(s.Substring(arrow + 2).Trim());
            s = s.Substring(0, arrow).Trim();
        }
        var (verb, arg) = Word(s);
        switch (verb)
        {
            case "step":
                if (arg.Length == 0) return new RasmAction { Line = line, Verb = verb, Outcome = outcome };
                if (!arg.StartsWith("fuel ", StringComparison.Ordinal)) throw new FormatException($"expected `step` or `step fuel N`, found `{s}`");
                return new RasmAction { Line = line, Verb = verb, Fuel = ulong.Parse(arg.Substring(5).Trim(), CultureInfo.InvariantCulture), Outcome = outcome };
            case "resume":
            case "resume-old":
            case "resume-pinned":
                return new RasmAction { Line = line, Verb = verb, Value = Required(arg, verb + " VALUE"), Outcome = outcome };
            case "drop":
            case "drop-old":
            case "drop-pinned":
                if (arg.Length != 0) throw new FormatException($"`{verb}` takes no value");
                return new RasmAction { Line = line, Verb = verb, Outcome = outcome };
            default:
                throw new FormatException($"unknown action `{verb}`");
        }
    }

    /// <summary>`trap "m"` → `trap m`, `error "m"` → `error m`; other outcomes are kept as written.</summary>
    static string NormalizeOutcome(string s)
    {
        var (word, arg) = Word(s);
        return word is "trap" or "error" ? word + " " + Quoted(arg) : s;
    }

    static (string Head, string Tail) Word(string s)
    {
        int sp = s.IndexOf(' ');
        return sp < 0 ? (s, "") : (s.Substring(0, sp), s.Substring(sp + 1).Trim());
    }

    static string Required(string arg, string form) =>
        arg.Length > 0 ? arg : throw new FormatException($"expected `{form}`");

    static string Quoted(string s)
    {
        int at = 0;
        string v = ReadQuoted(s, ref at);
        if (at != s.Length) throw new FormatException($"unexpected text after the closing quote: `{s.Substring(at)}`");
        return v;
    }

    /// <summary>A "..." string with the escapes \\ \" \n \r \t \0 \u{HEX}.</summary>
    public static string ReadQuoted(string s, ref int at)
    {
        if (at >= s.Length || s[at] != '"') throw new FormatException($"expected a quoted string, found `{s.Substring(at)}`");
        var sb = new StringBuilder();
        at++;
        while (true)
        {
            if (at >= s.Length) throw new FormatException("unterminated string");
            char c = s[at++];
            if (c == '"') return sb.ToString();
            if (c != '\\') { sb.Append(c); continue; }
            if (at >= s.Length) throw new FormatException("unterminated escape");
            char e = s[at++];
            switch (e)
            {
                case '\\': sb.Append('\\'); break;
                case '"': sb.Append('"'); break;
                case '\'': sb.Append('\''); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case '0': sb.Append('\0'); break;
                case 'u':
                {
                    int close = s.IndexOf('}', at);
                    if (at >= s.Length || s[at] != '{' || close < 0) throw new FormatException("expected \\u{HEX}");
                    int cp = int.Parse(s.AsSpan(at + 1, close - at - 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    sb.Append(char.ConvertFromUtf32(cp));
                    at = close + 1;
                    break;
                }
                default: throw new FormatException($"unknown escape \\{e}");
            }
        }
    }
}
