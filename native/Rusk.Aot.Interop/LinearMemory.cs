// The module's one linear memory (exported as "memory"): where value tapes and strings cross
// between JS and the compiled VM. rusk-aot compiles each method to the wasm instruction named in
// its comment and never compiles these bodies; on CoreCLR they run over a byte[] so the export
// layer can be tested on .NET. Addresses are byte offsets; out-of-range access traps (wasm) or
// throws IndexOutOfRangeException (CoreCLR).
using System;

namespace Rusk.Aot.Interop;

public static class LinearMemory
{
    const int PageSize = 65536;
    static byte[] s_bytes = new byte[PageSize];

    /// <summary>memory.size, in bytes.</summary>
    public static int Size() => s_bytes.Length;

    /// <summary>memory.grow by whole pages; returns the old size in pages, or -1.</summary>
    public static int Grow(int pages)
    {
        int old = s_bytes.Length / PageSize;
        if (pages < 0 || (long)old + pages > 32768) return -1;
        Array.Resize(ref s_bytes, (old + pages) * PageSize);
        return old;
    }

    /// <summary>i32.load8_u</summary>
    public static byte Load8(int address) => s_bytes[address];
    /// <summary>i32.store8</summary>
    public static void Store8(int address, byte value) => s_bytes[address] = value;
    /// <summary>i32.load16_u (little-endian)</summary>
    public static char Load16(int address) => (char)(s_bytes[address] | s_bytes[address + 1] << 8);
    /// <summary>i32.store16</summary>
    public static void Store16(int address, char value)
    {
        s_bytes[address] = (byte)value;
        s_bytes[address + 1] = (byte)(value >> 8);
    }
    /// <summary>i32.load</summary>
    public static int Load32(int address) => BitConverter.ToInt32(s_bytes, address);
    /// <summary>i32.store</summary>
    public static void Store32(int address, int value) => BitConverter.TryWriteBytes(s_bytes.AsSpan(address, 4), value);
    /// <summary>i64.load</summary>
    public static long Load64(int address) => BitConverter.ToInt64(s_bytes, address);
    /// <summary>i64.store</summary>
    public static void Store64(int address, long value) => BitConverter.TryWriteBytes(s_bytes.AsSpan(address, 8), value);
    /// <summary>f64.load</summary>
    public static double LoadF64(int address) => BitConverter.ToDouble(s_bytes, address);
    /// <summary>f64.store</summary>
    public static void StoreF64(int address, double value) => BitConverter.TryWriteBytes(s_bytes.AsSpan(address, 8), value);
}
