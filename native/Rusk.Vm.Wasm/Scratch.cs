// The scratch buffer of the Mono build (the seam native/Shared reads and writes tapes through):
// native memory (wasm linear memory) that the glue reads and writes through the heap view, so a
// call moves only numbers and no byte[] is copied or allocated per call. A fixed header holds its
// current address and capacity (it moves when it grows). Single-threaded: each side consumes a
// tape before it calls the other side again.
using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Rusk.Vm.Marshalling;

static unsafe class Scratch
{
    static readonly int* s_header = (int*)NativeMemory.AllocZeroed(16);
    static byte* s_ptr;
    static int s_capacity;

    static Scratch() => Ensure(64 * 1024);

    /// <summary>Address of the header: [0] = scratch address, [1] = capacity in bytes.</summary>
    public static int HeaderAddress => (int)s_header;

    public static int Capacity => s_capacity;

    /// <summary>Grows the buffer to at least <paramref name="bytes"/> (its address may change; contents are kept).</summary>
    public static void Ensure(int bytes)
    {
        if (bytes <= s_capacity) return;
        if (bytes < 0 || bytes > 1 << 28) throw new WasmApiException($"value tape of {bytes} bytes is too large");
        int cap = Math.Max(bytes, Math.Max(s_capacity * 2, 4096));
        s_ptr = (byte*)NativeMemory.Realloc(s_ptr, (nuint)cap);
        s_capacity = cap;
        s_header[0] = (int)s_ptr;
        s_header[1] = cap;
    }

    // Offsets below are checked by TapeReader / TapeWriter against the tape and the capacity.
    public static byte Load8(int offset) => s_ptr[offset];
    public static uint Load32(int offset) => Unsafe.ReadUnaligned<uint>(s_ptr + offset);
    public static long Load64(int offset) => Unsafe.ReadUnaligned<long>(s_ptr + offset);
    public static void Store8(int offset, byte value) => s_ptr[offset] = value;
    public static void Store32(int offset, uint value) => Unsafe.WriteUnaligned(s_ptr + offset, value);
    public static void Store64(int offset, long value) => Unsafe.WriteUnaligned(s_ptr + offset, value);

    public static string LoadUtf8(int offset, int length) => Encoding.UTF8.GetString(s_ptr + offset, length);

    public static byte[] LoadBytes(int offset, int length) => new ReadOnlySpan<byte>(s_ptr + offset, length).ToArray();

    public static void StoreBytes(int offset, byte[] bytes) => bytes.CopyTo(new Span<byte>(s_ptr + offset, bytes.Length));

    /// <summary>Writes u32 UTF-8 length + bytes at <paramref name="offset"/> (growing the buffer); returns the bytes written.</summary>
    public static int StoreUtf8(int offset, string s)
    {
        int n = Encoding.UTF8.GetByteCount(s);
        Ensure(checked(offset + 4 + n));
        Store32(offset, (uint)n);
        Encoding.UTF8.GetBytes(s, new Span<byte>(s_ptr + offset + 4, n));
        return 4 + n;
    }
}
