// The two engines export the same surface: every [JSExport] of the Mono layer
// (native/Rusk.Vm.Wasm/Exports.cs, read as text: that project targets browser-wasm) has a
// [WasmExport] of the same name in the AOT layer, and glue/aot.js passes it through or adapts it —
// an export missing on one engine is a gap in the API there (vm.snapshot() once was one).
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using NUnit.Framework;
using Rusk.Aot.Interop;

namespace Rusk.Vm.Tests.AotExports;

public sealed class ExportParityTests
{
    static string[] MonoExports()
    {
        string source = File.ReadAllText(Path.Combine(Paths.RepoRoot, "native", "Rusk.Vm.Wasm", "Exports.cs"));
        return Regex.Matches(source, @"\[JSExport\]\s+internal static [^(=]*?(\w+)\(")
            .Select(m => m.Groups[1].Value).OrderBy(n => n, System.StringComparer.Ordinal).ToArray();
    }

    [Test]
    public void Every_mono_export_has_an_aot_export_of_the_same_name()
    {
        string[] mono = MonoExports();
        Assert.That(mono, Has.Length.GreaterThan(20), "the [JSExport] pattern still matches");
        string[] aot = typeof(Rusk.Vm.Aot.Exports).GetMethods(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)
            .Select(m => m.GetCustomAttribute<WasmExportAttribute>()?.Name).OfType<string>().ToArray();
        Assert.That(mono.Except(aot), Is.Empty, "mono exports the AOT layer lacks");
        // EnsureText grows the text buffer, which only the AOT layer has (Mono passes strings itself).
        Assert.That(aot.Except(mono), Is.EqualTo(new[] { "EnsureText" }), "AOT exports mono lacks");
    }

    [Test]
    public void Glue_aot_js_passes_through_or_adapts_every_export()
    {
        string glue = File.ReadAllText(Path.Combine(Paths.RepoRoot, "glue", "aot.js"));
        string List(string name) => Regex.Match(glue, $@"const {name} = \[([^\]]*)\]").Groups[1].Value;
        var listed = Regex.Matches(List("PASSED_THROUGH") + List("ADAPTED"), "\"(\\w+)\"").Select(m => m.Groups[1].Value).ToArray();
        Assert.That(listed, Is.Unique);
        Assert.That(MonoExports().Except(listed), Is.Empty, "exports glue/aot.js does not hand to the glue");
    }
}
