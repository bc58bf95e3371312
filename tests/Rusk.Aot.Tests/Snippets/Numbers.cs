// Step 1 snippets: static methods over ints, longs and doubles — locals, arithmetic, comparisons,
// branches, loops, switch, calls.
using Rusk.Aot.Interop;

namespace Rusk.Aot.Snippets;

public static class Numbers
{
    [WasmExport("int_arith")] public static int IntArith() { int a = 7, b = -3; return a * b + a / b - a % b + (a << 3) + (b >> 1) + (int)((uint)b >> 28) + (a ^ b) + (a & b) + (a | b); }
    [WasmExport("int_overflow")] public static int IntOverflow() { int a = int.MaxValue; return unchecked(a + 1) + int.MinValue % -1; }
    [WasmExport("long_arith")] public static long LongArith() { long a = 1L << 40, b = -12345; return a * 3 + b / 7 - (a >> 3) + (long)((ulong)b >> 60) + (a ^ b); }
    [WasmExport("double_arith")] public static double DoubleArith() { double x = 1.5, y = -0.25; return x * y + x / y - 7.5 % 2 + (float)x * 3; }
    [WasmExport("conversions")]
    public static long Conversions()
    {
        double d = Id(-3.75); long l = 0x1_2345_6789; int i300 = Id(300), m1 = Id(-1);
        return (int)d + (long)(byte)i300 + (sbyte)Id(200) + (short)Id(70000) + (ushort)m1 + (int)l + (long)(uint)m1 + (long)(d * 1000) + (char)Id(65);
    }
    [WasmExport("loop_sum")] public static int LoopSum() { int s = 0; for (int i = 0; i < 100; i++) { if (i % 3 == 0) continue; s += i; if (s > 2000) break; } return s; }
    [WasmExport("nested_loops")] public static long NestedLoops() { long s = 0; for (int i = 0; i < 20; i++) for (int j = i; j < 20; j++) { while (j % 7 == 3) j++; s += i * j; } return s; }
    static int Id(int x) => x;
    static long Id(long x) => x;
    static double Id(double x) => x;
    [WasmExport("fib")] public static int FibExport() => Fib(20);
    static int Fib(int n) => n < 2 ? n : Fib(n - 1) + Fib(n - 2);
    [WasmExport("switch")]
    public static int Switch()
    {
        int s = 0;
        for (int i = -2; i < 12; i++)
        {
            switch (i) { case 0: s += 1; break; case 1: s += 10; break; case 2: case 3: s += 100; break; case 7: s *= 2; break; default: s -= 1; break; }
        }
        return s;
    }
    [WasmExport("ternary")] public static int Ternary() { int s = 0; for (int i = 0; i < 10; i++) s += (i & 1) == 0 ? i : -i * 2; return s + (s > 0 ? 1 : 2); }
    [WasmExport("compare_unsigned")] public static int CompareUnsigned() { uint a = 0xFFFF_FFF0u, b = 3; int r = 0; if (a > b) r += 1; if ((ulong)a < b) r += 2; double nan = Id(double.NaN); if (!(nan >= 1)) r += 8; if (-1.0 < nan) r += 16; return r; }
    [WasmExport("bool_logic")] public static int BoolLogic() { bool t = Fib(3) == 2, f = Fib(4) == 2; return (t && !f ? 1 : 0) + (t || f ? 2 : 0) + (t ^ f ? 4 : 0) + (t == f ? 8 : 0); }
    static int Over(System.Func<long> f) { try { return (int)(f() & 0xFFFF); } catch (System.OverflowException) { return -1; } }

    [WasmExport("checked")]
    public static long Checked()
    {
        long big = Id(3) * 1_000_000_000L; int m = Id(-1); double d = Id(3e9);
        int r = 0;
        r = r * 3 + Over(() => checked((int)big));
        r = r * 3 + Over(() => checked((int)(big / 2)));
        r = r * 3 + Over(() => checked((uint)m));
        r = r * 3 + Over(() => checked((byte)Id(256)));
        r = r * 3 + Over(() => checked((sbyte)Id(-128)));
        r = r * 3 + Over(() => checked((int)d));
        r = r * 3 + Over(() => checked((long)d));
        r = r * 3 + Over(() => checked(Id(int.MaxValue) + 1));
        r = r * 3 + Over(() => checked(Id(46341) * 46341));
        r = r * 3 + Over(() => checked((uint)Id(3) - 4u));
        r = r * 3 + Over(() => checked(long.MaxValue - Id(-5L)));
        r = r * 3 + Over(() => checked(big + big));
        r = r * 3 + Over(() => (long)checked((ulong)big - (ulong)(big + 1)));
        r = r * 3 + Over(() => (long)checked((ulong)m));
        return r;
    }

    [WasmExport("math")] public static double MathOps() => System.Math.Sqrt(2) + System.Math.Floor(-2.5) + System.Math.Abs(-3.0) + System.Math.Ceiling(1.1);
}
