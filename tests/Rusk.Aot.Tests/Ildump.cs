// A short IL listing of a CoreCLR method (opcodes and raw operands) for failure messages.
using System.Reflection;
using System.Reflection.Emit;
using System.Text;

namespace Rusk.Aot.Tests;

internal static class Ildump
{
    static readonly System.Collections.Generic.Dictionary<short, OpCode> Codes = new();

    static Ildump()
    {
        foreach (var f in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
            if (f.GetValue(null) is OpCode op) Codes[op.Value] = op;
    }

    public static string Of(MethodInfo m)
    {
        var il = m.GetMethodBody()?.GetILAsByteArray();
        if (il == null) return "(no body)";
        var sb = new StringBuilder();
        int pc = 0;
        while (pc < il.Length)
        {
            int start = pc;
            short v = il[pc++];
            if (v == 0xFE) v = (short)(0xFE00 | il[pc++]);
            if (!Codes.TryGetValue(v, out var op)) { sb.Append($"IL_{start:X4}: ?? {v:X}\n"); break; }
            int size = op.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + 4 * System.BitConverter.ToInt32(il, pc),
                _ => 4,
            };
            sb.Append($"IL_{start:X4}: {op.Name}");
            if (size is > 0 and <= 8 && op.OperandType != OperandType.InlineSwitch)
            {
                long val = size switch { 1 => (sbyte)il[pc], 2 => System.BitConverter.ToInt16(il, pc), 4 => System.BitConverter.ToInt32(il, pc), _ => System.BitConverter.ToInt64(il, pc) };
                sb.Append(' ').Append(op.OperandType is OperandType.InlineTok or OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineString ? $"0x{val:X8}" : val.ToString());
            }
            sb.Append('\n');
            pc += size;
        }
        return sb.ToString();
    }
}
