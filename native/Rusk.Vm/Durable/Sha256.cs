// SHA-256 (FIPS 180-4) written out in plain C#: the module content hash in snapshots and journals
// and the snapshot's integrity trailer. Our own because the VM is compiled to WebAssembly by our AOT
// compiler, whose corlib has no System.Security.Cryptography; SHA-256 rather than a 128-bit FNV or
// xxHash because the same digest also guards snapshots against corruption and a collision-resistant
// hash makes "same module" a safe claim even for modules an attacker chose.
using System;

namespace Rusk.Vm.Durable;

internal static class Sha256
{
    static readonly uint[] K =
    {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    };

    public const int Size = 32;

    /// <summary>The 32-byte digest of <paramref name="data"/>.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        uint[] h = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
        var w = new uint[64];
        int full = data.Length / 64;
        for (int b = 0; b < full; b++) Block(h, w, data.Slice(b * 64, 64));
        // The tail: the remaining bytes, 0x80, zeros, and the bit length big-endian (one or two blocks).
        var tail = new byte[128];
        int rest = data.Length - full * 64;
        data.Slice(full * 64).CopyTo(tail);
        tail[rest] = 0x80;
        int tailLen = rest + 9 <= 64 ? 64 : 128;
        ulong bits = (ulong)data.Length * 8;
        for (int i = 0; i < 8; i++) tail[tailLen - 1 - i] = (byte)(bits >> (8 * i));
        for (int off = 0; off < tailLen; off += 64) Block(h, w, new ReadOnlySpan<byte>(tail, off, 64));
        var r = new byte[Size];
        for (int i = 0; i < 8; i++)
        {
            r[4 * i] = (byte)(h[i] >> 24); r[4 * i + 1] = (byte)(h[i] >> 16);
            r[4 * i + 2] = (byte)(h[i] >> 8); r[4 * i + 3] = (byte)h[i];
        }
        return r;
    }

    static uint Rotr(uint x, int n) => (x >> n) | (x << (32 - n));

    static void Block(uint[] h, uint[] w, ReadOnlySpan<byte> p)
    {
        for (int t = 0; t < 16; t++)
            w[t] = (uint)p[4 * t] << 24 | (uint)p[4 * t + 1] << 16 | (uint)p[4 * t + 2] << 8 | p[4 * t + 3];
        for (int t = 16; t < 64; t++)
        {
            uint s0 = Rotr(w[t - 15], 7) ^ Rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
            uint s1 = Rotr(w[t - 2], 17) ^ Rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
            w[t] = w[t - 16] + s0 + w[t - 7] + s1;
        }
        uint a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
        for (int t = 0; t < 64; t++)
        {
            uint t1 = hh + (Rotr(e, 6) ^ Rotr(e, 11) ^ Rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[t] + w[t];
            uint t2 = (Rotr(a, 2) ^ Rotr(a, 13) ^ Rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
            hh = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
        }
        h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
    }

    /// <summary>Lower-case hex of a digest (messages and the CLI).</summary>
    public static string Hex(ReadOnlySpan<byte> digest)
    {
        const string digits = "0123456789abcdef";
        var sb = new System.Text.StringBuilder(digest.Length * 2);
        for (int i = 0; i < digest.Length; i++) sb.Append(digits[digest[i] >> 4]).Append(digits[digest[i] & 15]);
        return sb.ToString();
    }
}
