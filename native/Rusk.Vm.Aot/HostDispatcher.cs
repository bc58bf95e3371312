// The host dispatcher of the AOT build: the module's one import, "rusk"."hostCall" (glue/aot.js
// passes vm.js dispatchHostCall); HostBridge (native/Shared) calls it for every host import.
using System;
using Rusk.Aot.Interop;

namespace Rusk.Vm.Marshalling;

static class HostDispatcher
{
    /// <summary>CoreCLR only: what the import does in tests (rusk-aot never compiles the body below).</summary>
    internal static Func<int, int, int, int>? TestDouble { get; set; }

    /// <summary>Returns the reply's length in the tape buffer (status byte, then a value or a message).</summary>
    [WasmImport("rusk", "hostCall")]
    internal static int HostCall(int vm, int importId, int argsLength) =>
        TestDouble is { } d ? d(vm, importId, argsLength)
            : throw new HostException("rusk.hostCall: no host on CoreCLR (set HostDispatcher.TestDouble)");

    public static int Call(int vm, int importId, int argsLength) => HostCall(vm, importId, argsLength);
}
