// Argument access for host imports: the VM checks arguments against the declared signature, but a
// module may declare an import with a different signature than ours; that must be a host error
// (a trap), never an exception of another type escaping into the VM.
using System;
using Rusk.Vm.Format;

namespace Rusk.Cli.Hosts;

using Rusk.Vm;

internal static class HostArgs
{
    public static void Count(string fn, ReadOnlySpan<AbiValue> args, int n)
    {
        if (args.Length != n) throw new HostException($"{fn}: expected {n} argument(s), got {args.Length}");
    }

    public static AbiValue Get(string fn, ReadOnlySpan<AbiValue> args, int i, AbiKind kind)
    {
        if (i >= args.Length) throw new HostException($"{fn}: missing argument {i}");
        if (args[i].Kind != kind) throw new HostException($"{fn}: argument {i} is {args[i].Kind}, expected {kind}");
        return args[i];
    }

    public static long Int(string fn, ReadOnlySpan<AbiValue> args, int i) => Get(fn, args, i, AbiKind.Int).AsInt;
    public static bool Bool(string fn, ReadOnlySpan<AbiValue> args, int i) => Get(fn, args, i, AbiKind.Bool).AsBool;
    public static double Float(string fn, ReadOnlySpan<AbiValue> args, int i) => Get(fn, args, i, AbiKind.Float).AsFloat;
    public static string String(string fn, ReadOnlySpan<AbiValue> args, int i) => Get(fn, args, i, AbiKind.String).AsString;
    public static byte[] Bytes(string fn, ReadOnlySpan<AbiValue> args, int i) => Get(fn, args, i, AbiKind.Bytes).AsBytes;
    public static byte Byte(string fn, ReadOnlySpan<AbiValue> args, int i) => Get(fn, args, i, AbiKind.Byte).AsByte;
    public static int Char(string fn, ReadOnlySpan<AbiValue> args, int i) => Get(fn, args, i, AbiKind.Char).AsChar;

    /// <summary>An int read out of a composite (struct field, tuple item, ...), with the host's own error text.</summary>
    public static long IntOf(AbiValue v, string error) => v.Kind == AbiKind.Int ? v.AsInt : throw new HostException(error);

    public static bool SameBytes(byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b);
}
