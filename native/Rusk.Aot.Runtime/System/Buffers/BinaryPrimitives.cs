// Little-endian reads and writes of integers in byte spans (the .rbc format is little-endian).
namespace System.Buffers.Binary;

public static class BinaryPrimitives
{
    public static ushort ReadUInt16LittleEndian(ReadOnlySpan<byte> source)
    {
        if (source.Length < 2) throw TooShort(nameof(source));
        return (ushort)(source[0] | source[1] << 8);
    }

    public static uint ReadUInt32LittleEndian(ReadOnlySpan<byte> source)
    {
        if (source.Length < 4) throw TooShort(nameof(source));
        return (uint)(source[0] | source[1] << 8 | source[2] << 16 | source[3] << 24);
    }

    public static int ReadInt32LittleEndian(ReadOnlySpan<byte> source) => (int)ReadUInt32LittleEndian(source);

    public static ulong ReadUInt64LittleEndian(ReadOnlySpan<byte> source)
    {
        if (source.Length < 8) throw TooShort(nameof(source));
        return ReadUInt32LittleEndian(source) | (ulong)ReadUInt32LittleEndian(source.Slice(4)) << 32;
    }

    public static long ReadInt64LittleEndian(ReadOnlySpan<byte> source) => (long)ReadUInt64LittleEndian(source);

    public static void WriteUInt16LittleEndian(Span<byte> destination, ushort value)
    {
        if (destination.Length < 2) throw TooShort(nameof(destination));
        destination[0] = (byte)value;
        destination[1] = (byte)(value >> 8);
    }

    public static void WriteUInt32LittleEndian(Span<byte> destination, uint value)
    {
        if (destination.Length < 4) throw TooShort(nameof(destination));
        destination[0] = (byte)value;
        destination[1] = (byte)(value >> 8);
        destination[2] = (byte)(value >> 16);
        destination[3] = (byte)(value >> 24);
    }

    public static void WriteInt32LittleEndian(Span<byte> destination, int value) => WriteUInt32LittleEndian(destination, (uint)value);

    public static void WriteUInt64LittleEndian(Span<byte> destination, ulong value)
    {
        if (destination.Length < 8) throw TooShort(nameof(destination));
        WriteUInt32LittleEndian(destination, (uint)value);
        WriteUInt32LittleEndian(destination.Slice(4), (uint)(value >> 32));
    }

    public static void WriteInt64LittleEndian(Span<byte> destination, long value) => WriteUInt64LittleEndian(destination, (ulong)value);

    // .NET throws ArgumentOutOfRangeException naming the span when it is too short.
    private static ArgumentOutOfRangeException TooShort(string paramName) =>
        new ArgumentOutOfRangeException(paramName, "Specified argument was out of the range of valid values.");
}
