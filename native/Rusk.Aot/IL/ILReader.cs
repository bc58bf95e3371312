using Rusk.Aot.TypeSystem;
// Decodes a method body's IL bytes (ECMA-335 §III) into instructions, normalising short and
// constant forms (ldarg.0 → ldarg 0, br.s → br, ldc.i4.m1 → ldc.i4 -1) so later stages see one
// opcode per operation. Errors name the IL offset and what was expected.
using System;
using System.Collections.Generic;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace Rusk.Aot.IL;

/// <summary>One IL instruction. <see cref="Int"/> holds integer immediates (locals, args, ldc.i4/i8),
/// <see cref="Float"/> ldc.r4/r8, <see cref="Token"/> metadata operands, <see cref="Targets"/> branch targets
/// (IL offsets; for switch the cases, the fall-through being the next instruction).
/// Prefixes (constrained., readonly., volatile., unaligned., tail.) attach to the next instruction.</summary>
internal sealed record ILInstr(int Offset, ILOpCode Op, long Int, double Float, EntityHandle Token, int[]? Targets, int Next)
{
    public EntityHandle Constrained { get; init; }
}

internal static class ILReader
{
    public static List<ILInstr> Decode(byte[] il)
    {
        var list = new List<ILInstr>();
        int pc = 0;
        EntityHandle constrained = default;
        int prefixStart = -1;   // a prefixed instruction starts at its first prefix (branch targets point there)
        while (pc < il.Length)
        {
            int start = pc;
            if (prefixStart < 0) prefixStart = pc;
            int op = il[pc++];
            if (op == 0xFE)
            {
                if (pc >= il.Length) throw Err(start, "expected a two-byte opcode after 0xFE, found end of IL");
                op = 0xFE00 | il[pc++];
            }
            var code = (ILOpCode)op;
            long i = 0; double f = 0; EntityHandle tok = default; int[]? targets = null;
            switch (code)
            {
                case ILOpCode.Ldarg_0:
                case ILOpCode.Ldarg_1:
                case ILOpCode.Ldarg_2:
                case ILOpCode.Ldarg_3:
                    i = code - ILOpCode.Ldarg_0; code = ILOpCode.Ldarg; break;
                case ILOpCode.Ldloc_0:
                case ILOpCode.Ldloc_1:
                case ILOpCode.Ldloc_2:
                case ILOpCode.Ldloc_3:
                    i = code - ILOpCode.Ldloc_0; code = ILOpCode.Ldloc; break;
                case ILOpCode.Stloc_0:
                case ILOpCode.Stloc_1:
                case ILOpCode.Stloc_2:
                case ILOpCode.Stloc_3:
                    i = code - ILOpCode.Stloc_0; code = ILOpCode.Stloc; break;
                case ILOpCode.Ldarg_s: i = U8(il, ref pc, start); code = ILOpCode.Ldarg; break;
                case ILOpCode.Ldarga_s: i = U8(il, ref pc, start); code = ILOpCode.Ldarga; break;
                case ILOpCode.Starg_s: i = U8(il, ref pc, start); code = ILOpCode.Starg; break;
                case ILOpCode.Ldloc_s: i = U8(il, ref pc, start); code = ILOpCode.Ldloc; break;
                case ILOpCode.Ldloca_s: i = U8(il, ref pc, start); code = ILOpCode.Ldloca; break;
                case ILOpCode.Stloc_s: i = U8(il, ref pc, start); code = ILOpCode.Stloc; break;
                case ILOpCode.Ldarg:
                case ILOpCode.Ldarga:
                case ILOpCode.Starg:
                case ILOpCode.Ldloc:
                case ILOpCode.Ldloca:
                case ILOpCode.Stloc:
                    i = U16(il, ref pc, start); break;
                case ILOpCode.Ldc_i4_m1: i = -1; code = ILOpCode.Ldc_i4; break;
                case ILOpCode.Ldc_i4_0:
                case ILOpCode.Ldc_i4_1:
                case ILOpCode.Ldc_i4_2:
                case ILOpCode.Ldc_i4_3:
                case ILOpCode.Ldc_i4_4:
                case ILOpCode.Ldc_i4_5:
                case ILOpCode.Ldc_i4_6:
                case ILOpCode.Ldc_i4_7:
                case ILOpCode.Ldc_i4_8:
                    i = code - ILOpCode.Ldc_i4_0; code = ILOpCode.Ldc_i4; break;
                case ILOpCode.Ldc_i4_s: i = (sbyte)U8(il, ref pc, start); code = ILOpCode.Ldc_i4; break;
                case ILOpCode.Ldc_i4: i = I32(il, ref pc, start); break;
                case ILOpCode.Ldc_i8: Need(il, pc, 8, start); i = BitConverter.ToInt64(il, pc); pc += 8; break;
                case ILOpCode.Ldc_r4: Need(il, pc, 4, start); f = BitConverter.ToSingle(il, pc); pc += 4; break;
                case ILOpCode.Ldc_r8: Need(il, pc, 8, start); f = BitConverter.ToDouble(il, pc); pc += 8; break;
                case ILOpCode.Switch:
                {
                    int n = I32(il, ref pc, start);
                    if (n < 0 || (long)n * 4 > il.Length - pc) throw Err(start, $"switch with {n} targets overruns the body");
                    targets = new int[n];
                    int baseOff = pc + n * 4;
                    for (int k = 0; k < n; k++) targets[k] = baseOff + I32(il, ref pc, start);
                    break;
                }
                case ILOpCode.Unaligned: case (ILOpCode)0xFE19: U8(il, ref pc, start); continue;
                case ILOpCode.Volatile: case ILOpCode.Tail: case ILOpCode.Readonly: continue;
                case ILOpCode.Constrained: constrained = Tok(il, ref pc, start); continue;
                default:
                    if (IsShortBranch(code))
                    {
                        int d = (sbyte)U8(il, ref pc, start);
                        targets = new[] { pc + d };
                        code = LongForm(code);
                    }
                    else if (IsLongBranch(code))
                    {
                        int d = I32(il, ref pc, start);
                        targets = new[] { pc + d };
                    }
                    else if (code == ILOpCode.Ldstr) i = I32(il, ref pc, start); // a user-string token, not an EntityHandle
                    else if (HasToken(code)) tok = Tok(il, ref pc, start);
                    else if (!IsNoOperand(code)) throw Err(start, $"unknown opcode 0x{op:X2}");
                    break;
            }
            list.Add(new ILInstr(prefixStart, code, i, f, tok, targets, pc) { Constrained = constrained });
            constrained = default;
            prefixStart = -1;
        }
        foreach (var ins in list)
            if (ins.Targets != null)
                foreach (int t in ins.Targets)
                    if (t < 0 || t >= il.Length) throw Err(ins.Offset, $"branch target IL_{t:X4} outside the body");
        return list;
    }

    static CompileError Err(int offset, string what) => new($"IL_{offset:X4}: {what}");
    static void Need(byte[] il, int pc, int n, int start)
    {
        if (pc + n > il.Length) throw Err(start, $"expected a {n}-byte operand, found end of IL");
    }
    static int U8(byte[] il, ref int pc, int start) { Need(il, pc, 1, start); return il[pc++]; }
    static int U16(byte[] il, ref int pc, int start) { Need(il, pc, 2, start); int v = il[pc] | il[pc + 1] << 8; pc += 2; return v; }
    static int I32(byte[] il, ref int pc, int start) { Need(il, pc, 4, start); int v = BitConverter.ToInt32(il, pc); pc += 4; return v; }
    static EntityHandle Tok(byte[] il, ref int pc, int start) => MetadataTokens.EntityHandle(I32(il, ref pc, start));

    static bool IsShortBranch(ILOpCode c) => c is >= ILOpCode.Br_s and <= ILOpCode.Blt_un_s || c == ILOpCode.Leave_s;
    static bool IsLongBranch(ILOpCode c) => c is >= ILOpCode.Br and <= ILOpCode.Blt_un || c == ILOpCode.Leave;
    static ILOpCode LongForm(ILOpCode c) => c == ILOpCode.Leave_s ? ILOpCode.Leave : c + (ILOpCode.Br - ILOpCode.Br_s);

    static bool HasToken(ILOpCode c) => c switch
    {
        ILOpCode.Jmp or ILOpCode.Call or ILOpCode.Calli or ILOpCode.Callvirt or ILOpCode.Cpobj or ILOpCode.Ldobj
        or ILOpCode.Newobj or ILOpCode.Castclass or ILOpCode.Isinst or ILOpCode.Unbox
        or ILOpCode.Ldfld or ILOpCode.Ldflda or ILOpCode.Stfld or ILOpCode.Ldsfld or ILOpCode.Ldsflda or ILOpCode.Stsfld
        or ILOpCode.Stobj or ILOpCode.Box or ILOpCode.Newarr or ILOpCode.Ldelema or ILOpCode.Ldelem or ILOpCode.Stelem
        or ILOpCode.Unbox_any or ILOpCode.Refanyval or ILOpCode.Mkrefany or ILOpCode.Ldtoken or ILOpCode.Ldftn
        or ILOpCode.Ldvirtftn or ILOpCode.Initobj or ILOpCode.Sizeof => true,
        _ => false,
    };

    static bool IsNoOperand(ILOpCode c) => c switch
    {
        ILOpCode.Nop or ILOpCode.Break or ILOpCode.Ldnull or ILOpCode.Dup or ILOpCode.Pop or ILOpCode.Ret
        or ILOpCode.Ldind_i1 or ILOpCode.Ldind_u1 or ILOpCode.Ldind_i2 or ILOpCode.Ldind_u2 or ILOpCode.Ldind_i4
        or ILOpCode.Ldind_u4 or ILOpCode.Ldind_i8 or ILOpCode.Ldind_i or ILOpCode.Ldind_r4 or ILOpCode.Ldind_r8
        or ILOpCode.Ldind_ref or ILOpCode.Stind_ref or ILOpCode.Stind_i1 or ILOpCode.Stind_i2 or ILOpCode.Stind_i4
        or ILOpCode.Stind_i8 or ILOpCode.Stind_r4 or ILOpCode.Stind_r8 or ILOpCode.Stind_i
        or ILOpCode.Add or ILOpCode.Sub or ILOpCode.Mul or ILOpCode.Div or ILOpCode.Div_un or ILOpCode.Rem
        or ILOpCode.Rem_un or ILOpCode.And or ILOpCode.Or or ILOpCode.Xor or ILOpCode.Shl or ILOpCode.Shr
        or ILOpCode.Shr_un or ILOpCode.Neg or ILOpCode.Not
        or ILOpCode.Conv_i1 or ILOpCode.Conv_i2 or ILOpCode.Conv_i4 or ILOpCode.Conv_i8 or ILOpCode.Conv_r4
        or ILOpCode.Conv_r8 or ILOpCode.Conv_u4 or ILOpCode.Conv_u8 or ILOpCode.Conv_r_un or ILOpCode.Throw
        or ILOpCode.Conv_ovf_i1_un or ILOpCode.Conv_ovf_i2_un or ILOpCode.Conv_ovf_i4_un or ILOpCode.Conv_ovf_i8_un
        or ILOpCode.Conv_ovf_u1_un or ILOpCode.Conv_ovf_u2_un or ILOpCode.Conv_ovf_u4_un or ILOpCode.Conv_ovf_u8_un
        or ILOpCode.Conv_ovf_i_un or ILOpCode.Conv_ovf_u_un or ILOpCode.Ldlen
        or ILOpCode.Ldelem_i1 or ILOpCode.Ldelem_u1 or ILOpCode.Ldelem_i2 or ILOpCode.Ldelem_u2 or ILOpCode.Ldelem_i4
        or ILOpCode.Ldelem_u4 or ILOpCode.Ldelem_i8 or ILOpCode.Ldelem_i or ILOpCode.Ldelem_r4 or ILOpCode.Ldelem_r8
        or ILOpCode.Ldelem_ref or ILOpCode.Stelem_i or ILOpCode.Stelem_i1 or ILOpCode.Stelem_i2 or ILOpCode.Stelem_i4
        or ILOpCode.Stelem_i8 or ILOpCode.Stelem_r4 or ILOpCode.Stelem_r8 or ILOpCode.Stelem_ref
        or ILOpCode.Conv_ovf_i1 or ILOpCode.Conv_ovf_u1 or ILOpCode.Conv_ovf_i2 or ILOpCode.Conv_ovf_u2
        or ILOpCode.Conv_ovf_i4 or ILOpCode.Conv_ovf_u4 or ILOpCode.Conv_ovf_i8 or ILOpCode.Conv_ovf_u8
        or ILOpCode.Ckfinite or ILOpCode.Conv_u2 or ILOpCode.Conv_u1 or ILOpCode.Conv_i or ILOpCode.Conv_ovf_i
        or ILOpCode.Conv_ovf_u or ILOpCode.Add_ovf or ILOpCode.Add_ovf_un or ILOpCode.Mul_ovf or ILOpCode.Mul_ovf_un
        or ILOpCode.Sub_ovf or ILOpCode.Sub_ovf_un or ILOpCode.Endfinally or ILOpCode.Stind_i or ILOpCode.Conv_u
        or ILOpCode.Arglist or ILOpCode.Ceq or ILOpCode.Cgt or ILOpCode.Cgt_un or ILOpCode.Clt or ILOpCode.Clt_un
        or ILOpCode.Localloc or ILOpCode.Endfilter or ILOpCode.Cpblk or ILOpCode.Initblk or ILOpCode.Rethrow
        or ILOpCode.Refanytype => true,
        _ => false,
    };
}
