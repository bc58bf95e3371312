// Plays glue/aot.js on CoreCLR: writes arguments into LinearMemory where the AOT export layer
// (native/Rusk.Vm.Aot) reads them, and reads its results back the way the glue does, through the
// header at ScratchHeader() — never through the layer's own C# helpers.
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Rusk.Aot.Interop;
using Rusk.Vm.Aot;

namespace Rusk.Vm.Tests.AotExports;

static class GlueDouble
{
    static int Header => Exports.ScratchHeader();
    public static int TapeAddress => LinearMemory.Load32(Header);
    public static int TapeCapacity => LinearMemory.Load32(Header + 4);
    static int TextAddress => LinearMemory.Load32(Header + 8);
    static int TextCapacity => LinearMemory.Load32(Header + 12);

    public static byte[] Case(string name) => File.ReadAllBytes(Path.Combine(Paths.Corpus, "cases", name + ".rbc"));

    /// <summary>Copies <paramref name="bytes"/> to the tape buffer (growing it first); returns the length.</summary>
    public static int PutTape(byte[] bytes)
    {
        if (bytes.Length > TapeCapacity && Exports.EnsureScratch(bytes.Length) < 0) throw new InvalidOperationException(LastError());
        int at = TapeAddress;
        for (int i = 0; i < bytes.Length; i++) LinearMemory.Store8(at + i, bytes[i]);
        return bytes.Length;
    }

    public static byte[] Tape(int length)
    {
        var bytes = new byte[length];
        int at = TapeAddress;
        for (int i = 0; i < length; i++) bytes[i] = LinearMemory.Load8(at + i);
        return bytes;
    }

    public static double[] Doubles(int count)
    {
        var d = new double[count];
        for (int i = 0; i < count; i++) d[i] = LinearMemory.LoadF64(TapeAddress + i * 8);
        return d;
    }

    /// <summary>A string result: <paramref name="units"/> UTF-16 code units in the text buffer.</summary>
    public static string Text(int units)
    {
        var sb = new StringBuilder(units);
        for (int i = 0; i < units; i++) sb.Append(LinearMemory.Load16(TextAddress + i * 2));
        return sb.ToString();
    }

    /// <summary>A string argument: written as UTF-16 into the text buffer; returns its unit count.</summary>
    public static int PutText(string s)
    {
        if (s.Length * 2 > TextCapacity && Exports.EnsureText(s.Length * 2) < 0) throw new InvalidOperationException(LastError());
        for (int i = 0; i < s.Length; i++) LinearMemory.Store16(TextAddress + i * 2, s[i]);
        return s.Length;
    }

    /// <summary>argv: per string an i32 unit count then the units; returns the count.</summary>
    public static int PutArgv(string[] argv)
    {
        int bytes = 0;
        foreach (var a in argv) bytes += 4 + a.Length * 2;
        if (bytes > TextCapacity && Exports.EnsureText(bytes) < 0) throw new InvalidOperationException(LastError());
        int at = TextAddress;
        foreach (var a in argv)
        {
            LinearMemory.Store32(at, a.Length);
            at += 4;
            for (int i = 0; i < a.Length; i++) LinearMemory.Store16(at + i * 2, a[i]);
            at += a.Length * 2;
        }
        return argv.Length;
    }

    public static string LastError() => Text(Exports.LastError());

    public static int LoadModule(string caseName)
    {
        int id = Exports.LoadModule(PutTape(Case(caseName)));
        if (id < 0) throw new InvalidOperationException(LastError());
        return id;
    }

    public static int CreateVm(string caseName, string[]? argv = null, bool metrics = false, bool journal = false)
    {
        int module = LoadModule(caseName);
        int vm = Exports.CreateVm(module, argv is null ? -1 : PutArgv(argv), metrics, 0, journal);
        Exports.ReleaseModule(module);
        if (vm < 0) throw new InvalidOperationException(LastError());
        return vm;
    }

    /// <summary>Step and split its packed result: (kind, payload tape).</summary>
    public static (int Kind, TapeBytes Payload) Step(int vm, double fuel = -1)
    {
        int packed = Exports.Step(vm, fuel);
        if (packed < 0) throw new InvalidOperationException(LastError());
        return (packed & 3, new TapeBytes(Tape(packed >> 2)));
    }
}

/// <summary>A little-endian tape (Tape.cs encoding) read or written by the tests.</summary>
sealed class TapeBytes
{
    readonly List<byte> _bytes;
    int _pos;

    public TapeBytes(byte[] bytes) { _bytes = new List<byte>(bytes); }
    public TapeBytes() { _bytes = new List<byte>(); }

    public byte[] ToArray() => _bytes.ToArray();
    public bool AtEnd => _pos == _bytes.Count;

    public byte U8() => _bytes[_pos++];
    public uint U32() { uint v = BitConverter.ToUInt32(_bytes.ToArray(), _pos); _pos += 4; return v; }
    public long I64() { long v = BitConverter.ToInt64(_bytes.ToArray(), _pos); _pos += 8; return v; }
    public string Str() { int n = (int)U32(); var s = Encoding.UTF8.GetString(_bytes.ToArray(), _pos, n); _pos += n; return s; }

    public TapeBytes W8(byte v) { _bytes.Add(v); return this; }
    public TapeBytes W32(uint v) { _bytes.AddRange(BitConverter.GetBytes(v)); return this; }
    public TapeBytes W64(long v) { _bytes.AddRange(BitConverter.GetBytes(v)); return this; }
    public TapeBytes WStr(string s) { var b = Encoding.UTF8.GetBytes(s); W32((uint)b.Length); _bytes.AddRange(b); return this; }

    /// <summary>An int value: tag 2, i64.</summary>
    public static byte[] Int(long v) => new TapeBytes().W8(2).W64(v).ToArray();
}
