// BitConverter: the float/integer bit casts (wasm reinterpret instructions).
using Rusk.Aot.Runtime;

namespace System;

public static class BitConverter
{
    public static readonly bool IsLittleEndian = true;

    [CompilerIntrinsic]
    public static extern long DoubleToInt64Bits(double value);

    [CompilerIntrinsic]
    public static extern double Int64BitsToDouble(long value);

    [CompilerIntrinsic]
    public static extern int SingleToInt32Bits(float value);

    [CompilerIntrinsic]
    public static extern float Int32BitsToSingle(int value);

    public static ulong DoubleToUInt64Bits(double value) => (ulong)DoubleToInt64Bits(value);
    public static double UInt64BitsToDouble(ulong value) => Int64BitsToDouble((long)value);
}
