// The AOT build's side of the scratch seam (native/Shared reads and writes tapes through it): two
// buffers in the module's linear memory, found through a fixed header, that the glue (glue/aot.js)
// reads and writes directly. Layout (glue/README.md, "The wasm surface"):
//   address 16: i32 tape address, i32 tape capacity, i32 text address, i32 text capacity
//   tape buffer: value tapes (Tape.cs), .rbc bytes, f64 result arrays — from offset 0
//   text buffer: strings as UTF-16 code units (a call passes or returns the unit count);
//                argv as, per string, an i32 unit count then the units
// Regions come from a bump allocator over memory.grow: a buffer that grows moves to a new region
// (memory never shrinks, so the old one is left; doubling bounds the waste by the live size).
// Plain C#: no Span over this memory, no unsafe (docs/aot.md).
using System;
using Rusk.Vm.Execution;
using Rusk.Aot.Interop;

namespace Rusk.Vm.Marshalling;

static class Scratch
{
    const int PageSize = 65536;
    /// <summary>Where the header lives (below it nothing is used, so address 0 is never valid data).</summary>
    public const int HeaderAddress = 16;
    const int MaxBytes = 1 << 28;

    static int s_top = 64;
    static readonly Region s_tapeRegion = new(HeaderAddress, 4096, "value tape");
    static readonly Region s_textRegion = new(HeaderAddress + 8, 1024, "text");

    static Scratch()
    {
        s_tapeRegion.Ensure(64 * 1024);
        s_textRegion.Ensure(4096);
    }

    static int TapeAt => s_tapeRegion.Address;
    static int TextAt => s_textRegion.Address;
    static int TextCapacity => s_textRegion.Capacity;

    public static int Capacity => s_tapeRegion.Capacity;

    /// <summary>Grows the tape buffer to at least <paramref name="bytes"/> (its address may change; contents are kept).</summary>
    public static void Ensure(int bytes) => s_tapeRegion.Ensure(bytes);

    /// <summary>Grows the text buffer to at least <paramref name="bytes"/> (contents are kept).</summary>
    public static void EnsureText(int bytes) => s_textRegion.Ensure(bytes);

    /// <summary>One buffer: its address and capacity, mirrored in its two header slots.</summary>
    sealed class Region
    {
        readonly int _header;
        readonly int _minimum;
        readonly string _what;
        public int Address { get; private set; }
        public int Capacity { get; private set; }

        public Region(int header, int minimum, string what) { _header = header; _minimum = minimum; _what = what; }

        public void Ensure(int bytes)
        {
            if (bytes <= Capacity) return;
            if (bytes < 0 || bytes > MaxBytes) throw new WasmApiException($"{_what} of {bytes} bytes is too large");
            int cap = Math.Max(bytes, Math.Max(Capacity * 2, _minimum));
            Address = Move(Address, Capacity, cap);
            Capacity = cap;
            LinearMemory.Store32(_header, Address);
            LinearMemory.Store32(_header + 4, cap);
        }
    }

    /// <summary>A new region of <paramref name="capacity"/> bytes holding the old region's bytes.</summary>
    static int Move(int from, int length, int capacity)
    {
        int at = (s_top + 7) & ~7;
        long end = (long)at + capacity;
        long size = LinearMemory.Size();
        if (end > size)
        {
            int pages = (int)((end - size + PageSize - 1) / PageSize);
            if (LinearMemory.Grow(pages) < 0) throw new WasmApiException($"linear memory cannot grow by {pages} pages");
        }
        for (int i = 0; i < length; i++) LinearMemory.Store8(at + i, LinearMemory.Load8(from + i));
        s_top = (int)end;
        return at;
    }

    // ---- tape buffer (offsets are checked by TapeReader / TapeWriter against the tape and capacity)

    public static byte Load8(int offset) => LinearMemory.Load8(TapeAt + offset);
    public static uint Load32(int offset) => (uint)LinearMemory.Load32(TapeAt + offset);
    public static long Load64(int offset) => LinearMemory.Load64(TapeAt + offset);
    public static void Store8(int offset, byte value) => LinearMemory.Store8(TapeAt + offset, value);
    public static void Store32(int offset, uint value) => LinearMemory.Store32(TapeAt + offset, (int)value);
    public static void Store64(int offset, long value) => LinearMemory.Store64(TapeAt + offset, value);

    public static byte[] LoadBytes(int offset, int length)
    {
        var bytes = new byte[length];
        for (int i = 0; i < length; i++) bytes[i] = LinearMemory.Load8(TapeAt + offset + i);
        return bytes;
    }

    public static void StoreBytes(int offset, byte[] bytes)
    {
        for (int i = 0; i < bytes.Length; i++) LinearMemory.Store8(TapeAt + offset + i, bytes[i]);
    }

    public static string LoadUtf8(int offset, int length) => Utf8Text.Decode(LoadBytes(offset, length));

    /// <summary>Writes u32 UTF-8 length + bytes at <paramref name="offset"/> (growing the buffer); returns the bytes written.</summary>
    public static int StoreUtf8(int offset, string s)
    {
        byte[] bytes = Utf8Text.Encode(s);
        Ensure(checked(offset + 4 + bytes.Length));
        Store32(offset, (uint)bytes.Length);
        StoreBytes(offset + 4, bytes);
        return 4 + bytes.Length;
    }

    /// <summary>The first <paramref name="length"/> bytes of the tape buffer, as the glue wrote them (.rbc bytes).</summary>
    public static byte[] TapeBytes(int length)
    {
        if ((uint)length > (uint)Capacity)
            throw new WasmApiException($"byte length {length} exceeds the scratch buffer ({Capacity} bytes)");
        return LoadBytes(0, length);
    }

    /// <summary>Writes <paramref name="values"/> as f64s from tape offset 0; returns their count.</summary>
    public static int StoreDoubles(double[] values)
    {
        Ensure(values.Length * 8);
        for (int i = 0; i < values.Length; i++) LinearMemory.StoreF64(TapeAt + i * 8, values[i]);
        return values.Length;
    }

    // ---- text buffer ---------------------------------------------------------------------------

    /// <summary>Writes <paramref name="s"/> as UTF-16 into the text buffer; returns its length in code units.</summary>
    public static int StoreText(string s)
    {
        EnsureText(checked(s.Length * 2));
        for (int i = 0; i < s.Length; i++) LinearMemory.Store16(TextAt + i * 2, s[i]);
        return s.Length;
    }

    /// <summary>The string of <paramref name="units"/> UTF-16 code units the glue wrote into the text buffer.</summary>
    public static string LoadText(int units)
    {
        if (units < 0 || units > TextCapacity / 2)
            throw new WasmApiException($"string length {units} exceeds the text buffer ({TextCapacity / 2} code units)");
        return Text(0, units);
    }

    /// <summary><paramref name="count"/> strings from the text buffer, each an i32 unit count then its units.</summary>
    public static string[] LoadStrings(int count)
    {
        if (count < 0 || count > TextCapacity / 4)
            throw new WasmApiException($"string count {count} exceeds the text buffer");
        var strings = new string[count];
        int at = 0;
        for (int i = 0; i < count; i++)
        {
            if (at + 4 > TextCapacity) throw new WasmApiException($"string {i} starts past the text buffer");
            int units = LinearMemory.Load32(TextAt + at);
            at += 4;
            if (units < 0 || units > (TextCapacity - at) / 2)
                throw new WasmApiException($"string {i} of {units} code units runs past the text buffer");
            strings[i] = Text(at, units);
            at += units * 2;
        }
        return strings;
    }

    static string Text(int offset, int units)
    {
        var chars = new char[units];
        for (int i = 0; i < units; i++) chars[i] = LinearMemory.Load16(TextAt + offset + i * 2);
        return new string(chars);
    }
}
