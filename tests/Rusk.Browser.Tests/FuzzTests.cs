// The JS API under fuzzing in Chromium (web/fuzz.js): byte-level mutations of small corpus modules
// through loadModule, createVm and step, on a smaller count than `rusk-vm fuzz`. No input may
// throw anything but a load or creation Error, or trap with "internal error".
using System.Text.Json;
using System.Threading.Tasks;
using NUnit.Framework;

namespace Rusk.Browser.Tests;

[TestFixture]
public class FuzzTests : BrowserTest
{
    static readonly string[] Files =
    {
        "001_smoke_unit", "010_int_math", "020_arrays_get_set", "024_array_push_pop_intrinsics",
        "025_array_concat_slice_intrinsics", "064_resume_one_shot_runtime_error", "210_bytecode_external_effect_add_int_ok",
    };

    [Test]
    public async Task Mutated_modules_through_the_js_api_load_or_fail_cleanly_and_run_or_trap()
    {
        string json = await Js<string>($$"""
            const fz = await import('/web/fuzz.js');
            const files = [];
            for (const name of {{JsonSerializer.Serialize(Files)}}) files.push(await load(name));
            return JSON.stringify(fz.fuzz(rusk, files, 7, 1000));
            """);
        using var doc = JsonDocument.Parse(json);
        var t = doc.RootElement;
        TestContext.Out.WriteLine(json.Length > 2000 ? json[..2000] : json);
        Assert.That(t.GetProperty("crashes").GetArrayLength(), Is.EqualTo(0), json);
        int ran = t.GetProperty("done").GetInt32() + t.GetProperty("trap").GetInt32() + t.GetProperty("fuel").GetInt32();
        Assert.That(ran, Is.GreaterThan(30), "some inputs reach the interpreter: " + json);
        Assert.That(t.GetProperty("decode").GetInt32(), Is.GreaterThan(30), json);
    }
}

/// <summary>The same fuzzing through the AOT engine.</summary>
[TestFixture]
public sealed class AotFuzzTests : FuzzTests
{
    protected override string Engine => "aot";
}
