// Bit rotations and counts (wasm has rotl/clz/ctz/popcnt; wasm-opt recognises these shapes).
namespace System.Numerics;

public static class BitOperations
{
    public static uint RotateLeft(uint value, int offset) => (value << offset) | (value >> (32 - offset));
    public static ulong RotateLeft(ulong value, int offset) => (value << offset) | (value >> (64 - offset));
    public static uint RotateRight(uint value, int offset) => (value >> offset) | (value << (32 - offset));
    public static ulong RotateRight(ulong value, int offset) => (value >> offset) | (value << (64 - offset));

    public static int LeadingZeroCount(uint value)
    {
        if (value == 0) return 32;
        int n = 0;
        while ((value & 0x80000000u) == 0)
        {
            value <<= 1;
            n++;
        }
        return n;
    }

    public static int Log2(uint value) => 31 - LeadingZeroCount(value | 1);

    public static int PopCount(uint value)
    {
        int n = 0;
        for (; value != 0; value &= value - 1) n++;
        return n;
    }
}
