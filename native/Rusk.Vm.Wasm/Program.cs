// Entry point of the browser runtime. Nothing runs at start-up: the glue calls the [JSExport]s.
using System.Runtime.Versioning;

[assembly: SupportedOSPlatform("browser")]

namespace Rusk.Vm.Wasm;

static class Program
{
    static void Main() { }
}
