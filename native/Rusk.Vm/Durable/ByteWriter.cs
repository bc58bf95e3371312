// The growable little-endian byte buffer snapshots and journals are written into: unsigned LEB128
// for counts and ids, zigzag LEB128 for signed numbers, raw bytes for strings and float bits.
using Rusk.Vm.Execution;
using System;
using System.Text;

namespace Rusk.Vm.Durable;

internal sealed class ByteWriter
{
    byte[] _buf;
    int _len;

    public ByteWriter(int capacity = 256) { _buf = new byte[Math.Max(16, capacity)]; }

    public int Length => _len;

    void Room(int n)
    {
        if (_len + n <= _buf.Length) return;
        Array.Resize(ref _buf, Math.Max(_len + n, _buf.Length * 2));
    }

    public void Byte(byte b) { Room(1); _buf[_len++] = b; }

    public void U(ulong v)
    {
        Room(10);
        while (v >= 0x80) { _buf[_len++] = (byte)(v | 0x80); v >>= 7; }
        _buf[_len++] = (byte)v;
    }

    public void U(int v) => U((ulong)(uint)v);

    /// <summary>Zigzag: small negative numbers stay short.</summary>
    public void S(long v) => U((ulong)((v << 1) ^ (v >> 63)));

    public void Fixed64(long v)
    {
        Room(8);
        for (int i = 0; i < 8; i++) _buf[_len++] = (byte)(v >> (8 * i));
    }

    public void Fixed32(uint v)
    {
        Room(4);
        for (int i = 0; i < 4; i++) _buf[_len++] = (byte)(v >> (8 * i));
    }

    public void Raw(ReadOnlySpan<byte> bytes)
    {
        Room(bytes.Length);
        bytes.CopyTo(_buf.AsSpan(_len));
        _len += bytes.Length;
    }

    public void Blob(ReadOnlySpan<byte> bytes) { U(bytes.Length); Raw(bytes); }

    public void Str(string s) => Blob(Utf8Text.Encode(s));

    public ReadOnlySpan<byte> Written => new(_buf, 0, _len);

    public byte[] ToArray() => _buf.AsSpan(0, _len).ToArray();
}
