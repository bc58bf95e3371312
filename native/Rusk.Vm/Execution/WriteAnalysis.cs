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
    public static int[] RegistersNeedingInit(Function f)
    {
        var code = f.Code;
        int regs = (int)Math.Min(f.RegCount, int.MaxValue);
        int n = code.Length;
        if (n == 0 || regs == 0) return Array.Empty<int>();
        int words = (regs + 63) >> 6;
        var state = new ulong[n][];
        var work = new Stack<int>();
        var entry = new ulong[words];
        for (uint r = 0; r < f.ParamCount && r < regs; r++) Set(entry, r);
        state[0] = entry;
        work.Push(0);
        var reads = new List<uint>();
        var writes = new List<uint>();
        var tmp = new ulong[words];
        while (work.Count > 0)
        {
            int pc = work.Pop();
            reads.Clear(); writes.Clear();
            Operands(code[pc], reads, writes);
            Array.Copy(state[pc], tmp, words);
            foreach (var w in writes) Set(tmp, w);
            foreach (var (target, extra) in Successors(code[pc], pc, n))
            {
                if (target >= n) continue;
                var incoming = tmp;
                if (extra != null)
                {
                    // Clause targets start from the state at the push (before it), not after.
                    incoming = (ulong[])(code[pc] is PushHandlerInstr ? state[pc].Clone() : tmp.Clone());
                    foreach (var r in extra) Set(incoming, r);
                }
                if (state[target] == null)
                {
                    state[target] = (ulong[])incoming.Clone();
                    work.Push(target);
                }
                else if (Meet(state[target], incoming)) work.Push(target);
            }
        }
        var need = new SortedSet<int>();
        for (int pc = 0; pc < n; pc++)
        {
            if (state[pc] == null) continue;
            reads.Clear(); writes.Clear();
            Operands(code[pc], reads, writes);
            foreach (var r in reads)
                if (r < (uint)regs && !Get(state[pc], r)) need.Add((int)r);
        }
        var result = new int[need.Count];
        need.CopyTo(result);
        return result;
    }

    static void Set(ulong[] s, uint r) { if ((r >> 6) < (uint)s.Length) s[r >> 6] |= 1UL << (int)(r & 63); }
    static bool Get(ulong[] s, uint r) => (s[r >> 6] & (1UL << (int)(r & 63))) != 0;

    /// <summary>target &= incoming; true if target changed.</summary>
    static bool Meet(ulong[] target, ulong[] incoming)
    {
        bool changed = false;
        for (int i = 0; i < target.Length; i++)
        {
            ulong v = target[i] & incoming[i];
            if (v != target[i]) { target[i] = v; changed = true; }
        }
        return changed;
    }

    static IEnumerable<(int, uint[]?)> Successors(Format.Instr ins, int pc, int n)
    {
        switch (ins)
        {
            case JumpInstr j: yield return (Clamp(j.Target, n), null); break;
            case JumpIfInstr ji: yield return (Clamp(ji.Then, n), null); yield return (Clamp(ji.Else, n), null); break;
            case SwitchInstr sw:
                foreach (var c in sw.Cases) yield return (Clamp(c.TargetPc, n), c.ParamRegs);
                yield return (Clamp(sw.Default, n), null);
                break;
            case ReturnInstr:
            case ReturnMultiInstr:
            case TrapInstr:
            case ResumeTailInstr:
                break;
            case PushHandlerInstr ph:
                yield return (pc + 1, null);
                foreach (var c in ph.Clauses) yield return (Clamp(c.TargetPc, n), c.ParamRegs);
                break;
            default: yield return (pc + 1, null); break;
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
