// The host dispatcher of the Mono build: glue/index.js registers module "rusk", function
// "hostCall" (vm.js dispatchHostCall); HostBridge (native/Shared) calls it for every host import.
using System.Runtime.InteropServices.JavaScript;

namespace Rusk.Vm.Marshalling;

static partial class HostDispatcher
{
    [JSImport("hostCall", "rusk")]
    internal static partial int HostCall(int vm, int importId, int argsLength);

    /// <summary>Returns the reply's length in the scratch buffer; a dispatcher failure is a HostException.</summary>
    public static int Call(int vm, int importId, int argsLength)
    {
        try { return HostCall(vm, importId, argsLength); }
        catch (JSException e) { throw new HostException($"js host dispatcher failed: {e.Message}"); }
    }
}
