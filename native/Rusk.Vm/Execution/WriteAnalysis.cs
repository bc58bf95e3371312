// Which registers a function may read before writing them (per activation). Only those need to
// be set to uninitialized at frame entry (§4.2: non-parameter registers start uninitialized);
// every other register is provably written first, so whatever a previous frame left in that stack
// slot is never observed and frames need no clearing on entry or exit. A forward must-analysis
// ("definitely written") over the instruction graph; handler clause targets start from the state
// at their PushHandler (written sets only grow along paths, and every perform that can reach the
// clause happens after the push) plus the clause's parameter registers.
using System;
using System.Collections.Generic;
using Rusk.Vm.Format;

namespace Rusk.Vm.Execution;

internal static class WriteAnalysis
{
    /// <summary>
    /// Most words of analysis state (instructions × register words) one function may take: 16 MB.
    /// reg_count comes from the module and costs no bytes there, so a mutated count must not size
    /// the state; past this the answer is the conservative one instead.
    /// </summary>
    const long MaxStateWords = 2 * 1024 * 1024;

    public static int[] RegistersNeedingInit(Function f)
    {
        var code = f.Code;
        int n = code.Length;
        if (n == 0 || f.RegCount == 0) return Array.Empty<int>();

        // Operands and edges of every instruction, flattened once.
        var reads = new List<uint>(n * 2);
        var writes = new List<uint>(n);
        var readAt = new int[n + 1];
        var writeAt = new int[n + 1];
        var edges = new List<(int Target, uint[]? Extra)>(n + 8);
        var edgeAt = new int[n + 1];
        for (int pc = 0; pc < n; pc++)
        {
            readAt[pc] = reads.Count;
            writeAt[pc] = writes.Count;
            edgeAt[pc] = edges.Count;
            Operands(code[pc], reads, writes);
            Successors(code[pc], pc, n, edges);
        }
        readAt[n] = reads.Count; writeAt[n] = writes.Count; edgeAt[n] = edges.Count;

        // Registers above every one the code names are never read: the state covers only those named.
        long named = 0;
        foreach (var r in reads) named = Math.Max(named, (long)r + 1);
        foreach (var r in writes) named = Math.Max(named, (long)r + 1);
        foreach (var (_, extra) in edges)
            if (extra != null) foreach (var r in extra) named = Math.Max(named, (long)r + 1);
        int regs = (int)Math.Min(Math.Min((long)f.RegCount, named), int.MaxValue);
        if (regs == 0) return Array.Empty<int>();
        int words = (regs + 63) >> 6;
        if ((long)n * words > MaxStateWords) return EveryReadRegister(reads, f.ParamCount, f.RegCount);

        // Forward must-analysis: state[pc] = registers definitely written before pc runs.
        var state = new ulong[(long)n * words];
        var visited = new bool[n];
        var queued = new bool[n];
        var work = new Stack<int>();
        for (uint r = 0; r < f.ParamCount && r < regs; r++) state[r >> 6] |= 1UL << (int)(r & 63);
        visited[0] = true;
        queued[0] = true;
        work.Push(0);
        var tmp = new ulong[words];
        while (work.Count > 0)
        {
            int pc = work.Pop();
            queued[pc] = false;
            Array.Copy(state, (long)pc * words, tmp, 0, words);
            for (int i = writeAt[pc]; i < writeAt[pc + 1]; i++) Set(tmp, 0, writes[i]);
            for (int e = edgeAt[pc]; e < edgeAt[pc + 1]; e++)
            {
                var (target, extra) = edges[e];
                if (target >= n) continue;
                long at = (long)target * words;
                bool changed;
                if (!visited[target])
                {
                    visited[target] = true;
                    Array.Copy(tmp, 0, state, at, words);
                    if (extra != null) foreach (var r in extra) Set(state, at, r);
                    changed = true;
                }
                else
                {
                    changed = false;
                    for (int w = 0; w < words; w++)
                    {
                        ulong incoming = tmp[w];
                        if (extra != null)
                            foreach (var r in extra)
                                if ((r >> 6) == (uint)w) incoming |= 1UL << (int)(r & 63);
                        ulong v = state[at + w] & incoming;
                        if (v != state[at + w]) { state[at + w] = v; changed = true; }
                    }
                }
                if (changed && !queued[target]) { queued[target] = true; work.Push(target); }
            }
        }

        List<int>? need = null;
        var added = new bool[regs];
        for (int pc = 0; pc < n; pc++)
        {
            if (!visited[pc]) continue;
            long at = (long)pc * words;
            for (int i = readAt[pc]; i < readAt[pc + 1]; i++)
            {
                uint r = reads[i];
                if (r >= (uint)regs || (state[at + (r >> 6)] & (1UL << (int)(r & 63))) != 0 || added[r]) continue;
                need ??= new List<int>();
                added[r] = true;
                need.Add((int)r);
            }
        }
        if (need == null) return Array.Empty<int>();
        // Distinct registers, usually a handful: an insertion sort (no comparer machinery needed).
        var sorted = need.ToArray();
        for (int i = 1; i < sorted.Length; i++)
        {
            int x = sorted[i], j = i - 1;
            for (; j >= 0 && sorted[j] > x; j--) sorted[j + 1] = sorted[j];
            sorted[j + 1] = x;
        }
        return sorted;
    }

    /// <summary>The conservative answer: every non-parameter register the code reads, once each.</summary>
    static int[] EveryReadRegister(List<uint> reads, uint paramCount, uint regCount)
    {
        var all = reads.ToArray();
        Array.Sort(all);
        var need = new List<int>();
        for (int i = 0; i < all.Length; i++)
        {
            uint r = all[i];
            if (r < paramCount || r >= regCount || r > int.MaxValue || (i > 0 && all[i - 1] == r)) continue;
            need.Add((int)r);
        }
        return need.ToArray();
    }

    static void Set(ulong[] s, long at, uint r)
    {
        long w = at + (r >> 6);
        if (w < s.Length) s[w] |= 1UL << (int)(r & 63);
    }

    static void Successors(Format.Instr ins, int pc, int n, List<(int, uint[]?)> edges)
    {
        switch (ins)
        {
            case JumpInstr j: edges.Add((Clamp(j.Target, n), null)); break;
            case JumpIfInstr ji: edges.Add((Clamp(ji.Then, n), null)); edges.Add((Clamp(ji.Else, n), null)); break;
            case SwitchInstr sw:
                foreach (var c in sw.Cases) edges.Add((Clamp(c.TargetPc, n), c.ParamRegs));
                edges.Add((Clamp(sw.Default, n), null));
                break;
            case ReturnInstr:
            case ReturnMultiInstr:
            case TrapInstr:
            case ResumeTailInstr:
                break;
            case PushHandlerInstr ph:
                // PushHandler writes nothing, so the state after it equals the state at the push.
                edges.Add((pc + 1, null));
                foreach (var c in ph.Clauses) edges.Add((Clamp(c.TargetPc, n), c.ParamRegs));
                break;
            default: edges.Add((pc + 1, null)); break;
        }
    }

    static int Clamp(uint target, int n) => target >= (uint)n ? n : (int)target;
    static void Operands(Format.Instr ins, List<uint> r, List<uint> w)
    {
        switch (ins)
        {
            case ConstInstr c: w.Add(c.Dst); break;
            case UnaryInstr u: r.Add(u.Src); w.Add(u.Dst); if (u.Op == Opcode.Move) w.Add(u.Src); break;
            case BinaryInstr b: r.Add(b.A); r.Add(b.B); w.Add(b.Dst); break;
            case MakeTypeRepInstr mt: r.AddRange(mt.Args); w.Add(mt.Dst); break;
            case AssocTypeRepInstr at: r.Add(at.Recv); w.Add(at.Dst); break;
            case MakeStructInstr ms: r.AddRange(ms.TypeArgs); r.AddRange(ms.FieldRegs); w.Add(ms.Dst); break;
            case MakeSeqInstr mq: r.AddRange(mq.Items); w.Add(mq.Dst); break;
            case MakeEnumInstr me: r.AddRange(me.TypeArgs); r.AddRange(me.Fields); w.Add(me.Dst); break;
            case GetFieldInstr gf: r.Add(gf.Obj); w.Add(gf.Dst); break;
            case SetFieldInstr sf: r.Add(sf.Obj); r.Add(sf.Value); break;
            case IndexedGetInstr ig: r.Add(ig.Obj); w.Add(ig.Dst); break;
            case IndexedSetInstr iset: r.Add(iset.Obj); r.Add(iset.Value); break;
            case IndexSetInstr ix: r.Add(ix.Arr); r.Add(ix.Idx); r.Add(ix.Value); break;
            case CallInstr call: r.AddRange(call.Args); if (call.Dst.HasValue) w.Add(call.Dst.Reg); break;
            case CallMultiInstr cm: r.AddRange(cm.Args); w.AddRange(cm.Dsts); break;
            case ICallInstr ic: r.Add(ic.FnPtr); r.AddRange(ic.Args); if (ic.Dst.HasValue) w.Add(ic.Dst.Reg); break;
            case DispatchCallInstr dc:
                r.Add(dc.Receiver); r.AddRange(dc.MethodTypeArgs); r.AddRange(dc.Args);
                if (dc.Dst.HasValue) w.Add(dc.Dst.Reg);
                break;
            case PushHandlerInstr ph:
                foreach (var c in ph.Clauses) r.AddRange(c.Effect.InterfaceArgs);
                break;
            case PerformInstr pf:
                r.AddRange(pf.Effect.InterfaceArgs); r.AddRange(pf.Args);
                if (pf.Dst.HasValue) w.Add(pf.Dst.Reg);
                break;
            case ResumeInstr rs: r.Add(rs.K); r.Add(rs.Value); if (rs.Dst.HasValue) w.Add(rs.Dst.Reg); break;
            case ResumeTailInstr rt: r.Add(rt.K); r.Add(rt.Value); break;
            case JumpIfInstr ji: r.Add(ji.Cond); break;
            case SwitchInstr sw: r.Add(sw.Value); break;
            case ReturnInstr ret: r.Add(ret.Value); break;
            case ReturnMultiInstr rm: r.AddRange(rm.Values); break;
        }
    }
}
