// rusk-aot command line (docs/aot.md). Placeholder entry until the driver lands.
namespace Rusk.Aot;

static class Program
{
    static int Main(string[] args)
    {
        System.Console.Error.WriteLine("rusk-aot: usage: rusk-aot build --entry ASSEMBLY.dll --corlib CORLIB.dll -o OUT.wasm");
        return 2;
    }
}
