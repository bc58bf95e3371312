// The one buffer every value tape crosses in: native memory (wasm linear memory) that the glue
// reads and writes through the heap view, so a call moves only numbers and no byte[] is copied
// or allocated per call. A fixed header holds its current address and capacity (it moves when
// it grows). Single-threaded: each side consumes a tape before it calls the other side again.
using System;
using System.Runtime.InteropServices;

namespace Rusk.Vm.Wasm;

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

    public static Span<byte> Span(int offset, int length) => new(s_ptr + offset, length);

    /// <summary>The first <paramref name="length"/> bytes, as written by the glue.</summary>
    public static ReadOnlySpan<byte> Read(int length)
    {
        if ((uint)length > (uint)s_capacity) throw new WasmApiException($"value tape length {length} exceeds the scratch buffer ({s_capacity} bytes)");
        return new ReadOnlySpan<byte>(s_ptr, length);
    }
}
