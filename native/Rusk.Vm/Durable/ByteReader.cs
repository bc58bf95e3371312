// Reads what ByteWriter wrote, bounds-checking every item once; every failure is a
// SnapshotException naming the byte offset and what was expected there.
using Rusk.Vm.Execution;
using System;
using System.Text;

namespace Rusk.Vm.Durable;

internal sealed class ByteReader
{
    readonly byte[] _data;
    readonly int _end;
    readonly string _what;
    int _pos;

    // what: "snapshot" or "journal", the word errors begin with.
    public ByteReader(byte[] data, int start, int end, string what) { _data = data; _pos = start; _end = end; _what = what; }

    public int Offset => _pos;
    public int Remaining => _end - _pos;
    public bool AtEnd => _pos >= _end;

    /// <summary>Re-reads from <paramref name="offset"/> (an item whose first byte selects how to read it).</summary>
    public void Back(int offset) => _pos = offset;

    public SnapshotException Error(int offset, string detail) => new(_what, offset, detail);
    public SnapshotException Error(string detail) => new(_what, _pos, detail);

    public byte Byte(string expected)
    {
        if (_pos >= _end) throw Error($"expected {expected}, found end of input");
        return _data[_pos++];
    }

    public ulong U64(string expected)
    {
        int at = _pos;
        ulong v = 0;
        for (int shift = 0; ; shift += 7)
        {
            if (_pos >= _end) throw Error(at, $"expected {expected}, found end of input");
            byte b = _data[_pos++];
            if (shift == 63 && b > 1) throw Error(at, $"expected {expected}, found an over-long LEB128 number");
            v |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80) return v;
        }
    }

    /// <summary>An unsigned number in [0, <paramref name="max"/>].</summary>
    public int U(string expected, long max)
    {
        int at = _pos;
        ulong v = U64(expected);
        if (max < 0) throw Error(at, $"expected no {expected} (there is none to refer to), found {v}");
        if (v > (ulong)max) throw Error(at, $"expected {expected} at most {max}, found {v}");
        return (int)v;
    }

    /// <summary>A count of items that each take at least <paramref name="minBytes"/> bytes: bounded by what remains, so nothing is allocated for bytes that are not there.</summary>
    public int Count(string expected, int minBytes = 1, long max = int.MaxValue)
    {
        int at = _pos;
        ulong v = U64(expected);
        long limit = Math.Min(max, minBytes <= 0 ? max : Remaining / minBytes);
        if (v > (ulong)limit) throw Error(at, $"expected {expected} at most {limit} (bytes left: {Remaining}), found {v}");
        return (int)v;
    }

    public long S(string expected)
    {
        ulong u = U64(expected);
        return (long)(u >> 1) ^ -(long)(u & 1);
    }

    public long Fixed64(string expected)
    {
        if (Remaining < 8) throw Error($"expected {expected} (8 bytes), found end of input");
        long v = 0;
        for (int i = 0; i < 8; i++) v |= (long)_data[_pos++] << (8 * i);
        return v;
    }

    public uint Fixed32(string expected)
    {
        if (Remaining < 4) throw Error($"expected {expected} (4 bytes), found end of input");
        uint v = 0;
        for (int i = 0; i < 4; i++) v |= (uint)_data[_pos++] << (8 * i);
        return v;
    }

    public ReadOnlySpan<byte> Raw(int n, string expected)
    {
        if (n < 0 || Remaining < n) throw Error($"expected {expected} ({n} bytes), found {Remaining} bytes");
        var s = new ReadOnlySpan<byte>(_data, _pos, n);
        _pos += n;
        return s;
    }

    public byte[] Blob(string expected) => Raw(Count(expected + " length"), expected).ToArray();

    public string Str(string expected)
    {
        int at = _pos;
        var bytes = Raw(Count(expected + " length"), expected);
        if (Utf8Text.FirstInvalid(bytes) >= 0) throw Error(at, $"expected {expected} as UTF-8, found invalid UTF-8");
        return Utf8Text.Decode(bytes);
    }
}
