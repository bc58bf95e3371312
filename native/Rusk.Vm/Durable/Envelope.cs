// The frame shared by snapshots and journals (docs/snapshot-format.md): an 8-byte magic, the format
// version, the SHA-256 of the module, the total length, the body, and a SHA-256 of everything before
// it. Opening checks them in that order, so the error names the first thing that is wrong.
using Rusk.Vm.Execution;
using System;
using Rusk.Vm.Format;

namespace Rusk.Vm.Durable;

internal static class Envelope
{
    public const int HeaderSize = 8 + 4 + Sha256.Size + 4;

    /// <summary>A writer with the header in place (length patched by Seal).</summary>
    public static ByteWriter Begin(ReadOnlySpan<byte> magic, uint version, Module module, int capacity = 256)
    {
        var w = new ByteWriter(capacity);
        w.Raw(magic);
        w.Fixed32(version);
        w.Raw(ModuleIdentity.Of(module).Hash);
        w.Fixed32(0);
        return w;
    }

    /// <summary>The finished bytes: total length patched in, digest appended.</summary>
    public static byte[] Seal(ByteWriter w)
    {
        var bytes = new byte[w.Length + Sha256.Size];
        w.Written.CopyTo(bytes);
        uint total = (uint)bytes.Length;
        for (int i = 0; i < 4; i++) bytes[HeaderSize - 4 + i] = (byte)(total >> (8 * i));
        Sha256.Hash(bytes.AsSpan(0, w.Length)).CopyTo(bytes, w.Length);
        return bytes;
    }

    /// <summary>Checks magic, version, module, length and digest; returns a reader over the body.
    /// <c>what</c> ("snapshot" or "journal") starts every error message.</summary>
    public static ByteReader Open(byte[] bytes, Module module, ReadOnlySpan<byte> magic, uint version, string what)
    {
        var r = new ByteReader(bytes, 0, bytes.Length, what);
        string magicText = Utf8Text.Decode(magic);
        if (bytes.Length < magic.Length || !bytes.AsSpan(0, magic.Length).SequenceEqual(magic))
            throw r.Error(0, $"expected the magic \"{magicText}\": not a Rusk VM {what}");
        r.Raw(magic.Length, "magic");
        int at = r.Offset;
        uint found = r.Fixed32("format version");
        if (found != version) throw r.Error(at, $"expected format version {version}, found {found}");
        at = r.Offset;
        if (r.Remaining < Sha256.Size) throw r.Error(at, $"expected the module hash ({Sha256.Size} bytes), found end of input");
        var hash = r.Raw(Sha256.Size, "module hash");
        var want = ModuleIdentity.Of(module).Hash;
        if (!hash.SequenceEqual(want))
            throw r.Error(at, $"{what} of another module: expected module sha256 {Sha256.Hex(want)}, found {Sha256.Hex(hash)}");
        at = r.Offset;
        uint total = r.Fixed32("total length");
        if (total != (uint)bytes.Length)
            throw r.Error(at, total > (uint)bytes.Length
                ? $"truncated: the {what} is {total} bytes, found {bytes.Length}"
                : $"expected total length {bytes.Length}, found {total}");
        int bodyEnd = bytes.Length - Sha256.Size;
        if (bodyEnd < HeaderSize) throw r.Error(at, "truncated: no room for the digest");
        if (!Sha256.Hash(bytes.AsSpan(0, bodyEnd)).AsSpan().SequenceEqual(bytes.AsSpan(bodyEnd)))
            throw r.Error(bodyEnd, $"corrupted: the sha256 digest does not match the {what}'s content");
        return new ByteReader(bytes, HeaderSize, bodyEnd, what);
    }
}
