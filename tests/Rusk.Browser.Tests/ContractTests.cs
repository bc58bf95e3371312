// The JS API contract in Chromium: boot, module description, handles and their lifetimes, wrong
// types from JS, re-entry, yields, many VMs, aborting. Programs come from the conformance corpus.
using System.Text.Json;
using System.Threading.Tasks;
using NUnit.Framework;

namespace Rusk.Browser.Tests;

[TestFixture]
[NonParallelizable]
public sealed class ContractTests : BrowserTest
{
    [Test]
    public async Task Boot_decodes_a_module_and_lists_its_host_imports_and_effects()
    {
        string json = await Js<string>(@"
            const m = rusk.loadModule(await load('212_bytecode_external_effect_two_requests_ok'));
            const names = m.typeNames.length;
            m.dispose();
            const vmInfo = (() => { try { const vm = rusk.createVm(m); return 'created'; } catch (e) { return e.message; } })();
            return JSON.stringify({ names, vmInfo });");
        using var doc = JsonDocument.Parse(json);
        Assert.That(doc.RootElement.GetProperty("names").GetInt32(), Is.GreaterThan(0));
        Assert.That(doc.RootElement.GetProperty("vmInfo").GetString(), Is.EqualTo("RuskModule used after dispose"));
    }

    [Test]
    public async Task Decode_error_names_the_offset()
    {
        string msg = await Js<string>(@"
            try { rusk.loadModule(new Uint8Array([1, 2, 3])); return 'no error'; } catch (e) { return e.message; }");
        Assert.That(msg, Does.Contain("offset").IgnoreCase);
    }
}
