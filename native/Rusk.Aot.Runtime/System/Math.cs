// System.Math: integer helpers in C#; the float operations are wasm instructions or host Math
// imports (Intrinsics.cs).
using Rusk.Aot.Runtime;

namespace System;

public static class Math
{
    public const double PI = 3.14159265358979323846;
    public const double E = 2.7182818284590452354;

    [CompilerIntrinsic]
    public static extern double Truncate(double d);

    [CompilerIntrinsic]
    public static extern double Floor(double d);

    [CompilerIntrinsic]
    public static extern double Ceiling(double a);

    [CompilerIntrinsic]
    public static extern double Sqrt(double d);

    [CompilerIntrinsic]
    public static extern double Abs(double value);

    [CompilerIntrinsic]
    public static extern double Log10(double d);

    public static int Abs(int value)
    {
        if (value < 0)
        {
            if (value == int.MinValue) throw new OverflowException("Negating the minimum value of a twos complement number is invalid.");
            return -value;
        }
        return value;
    }

    public static long Abs(long value)
    {
        if (value < 0)
        {
            if (value == long.MinValue) throw new OverflowException("Negating the minimum value of a twos complement number is invalid.");
            return -value;
        }
        return value;
    }

    public static int Max(int val1, int val2) => val1 >= val2 ? val1 : val2;
    public static int Min(int val1, int val2) => val1 <= val2 ? val1 : val2;
    public static long Max(long val1, long val2) => val1 >= val2 ? val1 : val2;
    public static long Min(long val1, long val2) => val1 <= val2 ? val1 : val2;
    public static uint Max(uint val1, uint val2) => val1 >= val2 ? val1 : val2;
    public static uint Min(uint val1, uint val2) => val1 <= val2 ? val1 : val2;
    public static ulong Max(ulong val1, ulong val2) => val1 >= val2 ? val1 : val2;
    public static ulong Min(ulong val1, ulong val2) => val1 <= val2 ? val1 : val2;

    // .NET: NaN if either is NaN; max(-0.0, 0.0) is 0.0.
    public static double Max(double val1, double val2)
    {
        if (val1 != val2) return double.IsNaN(val1) ? val1 : val2 < val1 ? val1 : val2;
        return double.IsNegative(val2) ? val1 : val2;
    }

    public static double Min(double val1, double val2)
    {
        if (val1 != val2) return double.IsNaN(val1) ? val1 : val1 < val2 ? val1 : val2;
        return double.IsNegative(val1) ? val1 : val2;
    }
}
