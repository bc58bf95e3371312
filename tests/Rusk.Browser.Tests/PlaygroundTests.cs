// The playground page (samples/playground) driven like a user would: load a .rbc through the file
// input, the sample list or ?url=, click Run/Step/Stop, answer effect requests in the form, and read
// stdout, host log, outcome and metrics from the DOM. Corpus cases are checked against manifest.json.
// Each test leaves a full-page screenshot under the test output (playground-screenshots/).
using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Playwright;
using NUnit.Framework;

namespace Rusk.Browser.Tests;

[TestFixture]
[NonParallelizable]
public sealed class PlaygroundTests
{
    const string PagePath = "/samples/playground/index.html";
    const int Timeout = 60_000;

    BrowserSession? _session;
    JsonDocument? _manifest;
    IPage? _shared;

    [OneTimeSetUp]
    public async Task Start()
    {
        _manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Paths.Corpus, "manifest.json")));
        _session = await BrowserSession.StartAsync();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_session != null) await _session.DisposeAsync();
        _manifest?.Dispose();
    }

    // ---- corpus cases played through the UI -------------------------------------------------------

    /// <summary>
    /// Cases with an effect request answered by typing (212), a drop after seven answers and a
    /// host log from the default dom::set_text (browser__counter), a drop in step mode, a trap
    /// after stdout (cov__03), a trap with a panic, a longer stdout over many fuel slices, and a
    /// struct argument answered with a JS object, and main(argv) with the argv box filled.
    /// </summary>
    [TestCase("212_bytecode_external_effect_two_requests_ok", "run")]
    [TestCase("browser__counter", "run")]
    [TestCase("bytecode_step_api__drop_cancels_vm", "step")]
    [TestCase("cov__03_intrinsic_int_div_zero_trap", "step")]
    [TestCase("249_core_sysroot_option_unwrap_panics_runtime_error", "run")]
    [TestCase("examples__19-fixed-point-combinator", "run")]
    [TestCase("complex_abi_effects__external_effect_can_roundtrip_struct_values", "step")]
    [TestCase("compiler_main_argv__main_can_receive_argv_from_host", "run")]
    public async Task Corpus_case_played_through_the_page_matches_the_manifest(string name, string mode)
    {
        var c = Case(name);
        // One page for all cases: loading the next program into it is part of what is tested.
        if (_shared == null || _shared.IsClosed) _shared = await OpenAsync();
        var page = _shared;
        if (await page.InputValueAsync("#argv") != "")
        {
            await page.FillAsync("#argv", "");
            await page.DispatchEventAsync("#argv", "change");
        }
        await LoadByFileInputAsync(page, c);
        await page.FillAsync("#fuel", "1000");

        await PlayAsync(page, c, mode);

        var result = c.GetProperty("result");
        if (result.GetProperty("tag").GetString() == "done")
        {
            Assert.That(await Status(page), Is.EqualTo("done"));
            Assert.That(await Text(page, "#result"), Is.EqualTo($"main returned {ValueText(result.GetProperty("value"))} : {result.GetProperty("value").GetProperty("type").GetString()}"));
        }
        else
        {
            Assert.That(await Status(page), Is.EqualTo("trap"));
            Assert.That(await Text(page, "#trap-message"), Is.EqualTo(result.GetProperty("message").GetString()));
            await AssertStackShownAsync(page);
        }
        Assert.That(await Text(page, "#stdout"), Is.EqualTo(c.GetProperty("stdout").GetString()));
        Assert.That(await Text(page, "#hostlog"), Is.EqualTo(HostLog(c)));
        Assert.That(await Text(page, "#m-instructions"), Is.EqualTo(c.GetProperty("instructions").GetInt32().ToString("N0", Invariant)));
        Assert.That(await Text(page, "#m-effect-requests"), Is.EqualTo(c.GetProperty("requests").GetArrayLength().ToString()));
        // With fuel 1000, both Run and Step count one vm.step per call as the manifest does.
        Assert.That(await Text(page, "#m-steps"), Is.EqualTo(c.GetProperty("steps_at_fuel_1000").GetInt32().ToString()));

        await ScreenshotAsync(page, name, ExpectedOutcomeText(c));
        AssertNoPageErrors();
    }

    /// <summary>Answers the manifest's requests in order (typed value + Resume, or Drop), stepping or running.</summary>
    static async Task PlayAsync(IPage page, JsonElement c, string mode)
    {
        bool stepping = mode == "step";
        string button = stepping ? "#step" : "#run";
        await page.ClickAsync(button);
        foreach (var req in c.GetProperty("requests").EnumerateArray())
        {
            // Step (fuel-1000 slices) until the request shows; a run stops at it by itself.
            while (stepping && await Status(page) == "paused") await page.ClickAsync(button);
            await WaitForAsync(page, "request", null);
            Assert.That(await Text(page, "#effect-name"), Is.EqualTo(req.GetProperty("effect").GetString()));
            var args = new List<string>();
            foreach (var a in req.GetProperty("args").EnumerateArray()) args.Add(ValueText(a));
            Assert.That(await Text(page, "#effect-args"), Is.EqualTo(string.Join(", ", args)));
            int steps = await Steps(page);
            var resume = req.GetProperty("resume");
            if (resume.ValueKind == JsonValueKind.String && resume.GetString() == "drop")
            {
                await page.ClickAsync("#drop");
            }
            else
            {
                await page.FillAsync("#effect-value", InputText(resume));
                await page.ClickAsync("#resume");
            }
            if (stepping)
            {
                // Answered: the VM waits for the next Step.
                await WaitForAsync(page, "paused", null);
                await page.ClickAsync(button);
            }
            else
            {
                // Answered: the run went on by itself (at least one more vm.step).
                await WaitForAsync(page, null, steps);
            }
        }
        while (stepping && await Status(page) == "paused") await page.ClickAsync(button);
        await WaitForAsync(page, null, null);
    }

    // ---- the page's own features ---------------------------------------------------------------------

    [Test]
    public async Task Hello_sample_from_the_built_in_list_runs_with_its_default_host_import_and_a_typed_effect_answer()
    {
        var page = await OpenAsync();
        await page.SelectOptionAsync("#samples", "../hello/hello.rbc");
        await page.WaitForFunctionAsync("() => document.querySelector('#module-info').textContent.startsWith('hello.rbc')", null, new() { Timeout = Timeout });
        // The listing: signatures of the imports, the effect; sample::add has a working default.
        Assert.That(await Text(page, "#imports [data-name='sample::add'] code"), Is.EqualTo("sample::add(int, int) -> int"));
        Assert.That(await Text(page, "#imports [data-name='std::println'] code"), Is.EqualTo("std::println(string) -> unit"));
        Assert.That(await Text(page, "#effects"), Is.EqualTo("Page.ask(string) -> string"));

        await page.ClickAsync("#run");
        await WaitForAsync(page, "request", null);
        Assert.That(await Text(page, "#effect-name"), Is.EqualTo("Page.ask"));
        Assert.That(await Text(page, "#effect-args"), Is.EqualTo("\"What is your name?\""));
        Assert.That(await Text(page, "#effect-ret"), Is.EqualTo("string"));
        await page.FillAsync("#effect-value", "Playwright");
        await ScreenshotAsync(page, "hello-request", "Effect request");
        await page.Keyboard.PressAsync("Enter");
        await WaitForAsync(page, "done", null);

        // hello.rasm: prints a greeting, 20 + 22 from the host import, then the answer; returns 42.
        string stdout = await Text(page, "#stdout");
        Assert.That(stdout, Does.Contain("sample::add(20, 22) returned 42\n"));
        Assert.That(stdout, Does.EndWith("Nice to meet you, Playwright\n"));
        Assert.That(await Text(page, "#result"), Is.EqualTo("main returned 42 : int"));
        Assert.That(await Text(page, "#m-host-calls"), Is.EqualTo("4"));
        await ScreenshotAsync(page, "hello", "Nice to meet you, Playwright");
        await page.CloseAsync();
        AssertNoPageErrors();
    }

    [Test]
    public async Task A_VM_saved_while_it_waits_on_an_effect_is_restored_after_a_reload_and_answered()
    {
        var page = await OpenAsync();
        await page.SelectOptionAsync("#samples", "../hello/hello.rbc");
        await page.WaitForFunctionAsync("() => document.querySelector('#module-info').textContent.startsWith('hello.rbc')", null, new() { Timeout = Timeout });
        await page.ClickAsync("#run");
        await WaitForAsync(page, "request", null);
        string before = await Text(page, "#stdout");
        await page.ClickAsync("#save");
        await page.WaitForFunctionAsync("() => document.querySelector('#saved-info').textContent.startsWith('Saved hello.rbc (request)')", null, new() { Timeout = Timeout });

        await page.ReloadAsync();
        await page.WaitForFunctionAsync("() => window.ruskReady === 'ok'", null, new() { Timeout = Timeout });
        Assert.That(await page.IsDisabledAsync("#save"), Is.True, "nothing is loaded after the reload");
        await page.ClickAsync("#restore");
        await WaitForAsync(page, "request", null);
        Assert.That(await Text(page, "#effect-name"), Is.EqualTo("Page.ask"));
        Assert.That(await Text(page, "#effect-args"), Is.EqualTo("\"What is your name?\""));
        Assert.That(await Text(page, "#stdout"), Is.EqualTo(before));
        await page.FillAsync("#effect-value", "Restored");
        await page.Keyboard.PressAsync("Enter");
        await WaitForAsync(page, "done", null);
        Assert.That(await Text(page, "#stdout"), Does.EndWith("Nice to meet you, Restored\n"));
        Assert.That(await Text(page, "#result"), Is.EqualTo("main returned 42 : int"));
        await ScreenshotAsync(page, "restored", "Nice to meet you, Restored");
        await page.CloseAsync();
        AssertNoPageErrors();
    }

    [Test]
    public async Task A_file_dropped_on_the_page_is_loaded_and_runs()
    {
        var c = Case("examples__01-hello-world");
        var page = await OpenAsync();
        await page.EvaluateAsync(@"async (url) => {
            const bytes = await (await fetch(url)).arrayBuffer();
            const dt = new DataTransfer();
            dt.items.add(new File([bytes], url.split('/').pop()));
            document.body.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
            document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
        }", "/corpus/" + c.GetProperty("rbc").GetString());
        await page.WaitForFunctionAsync("(n) => document.querySelector('#module-info').textContent.startsWith(n)",
            Path.GetFileName(c.GetProperty("rbc").GetString()), new() { Timeout = Timeout });
        Assert.That(await page.EvaluateAsync<bool>("() => document.body.classList.contains('dragging')"), Is.False);
        await page.ClickAsync("#run");
        await WaitForAsync(page, "done", null);
        Assert.That(await Text(page, "#stdout"), Is.EqualTo(c.GetProperty("stdout").GetString()));
        await page.CloseAsync();
    }

    [Test]
    public async Task An_import_switched_to_not_provided_traps_as_the_reference_does_when_it_is_missing()
    {
        // The reference never registers host::println for this case; the playground's print-like
        // default would, so the user switches it off.
        var c = Case("host_modules__vm_traps_if_declared_host_import_missing");
        var page = await OpenAsync();
        await LoadByFileInputAsync(page, c);
        await page.SelectOptionAsync("#imports [data-name='host::println'] select", "off");
        await page.ClickAsync("#run");
        await WaitForAsync(page, "trap", null);
        Assert.That(await Text(page, "#trap-message"), Is.EqualTo(c.GetProperty("result").GetProperty("message").GetString()));
        await AssertStackShownAsync(page);
        await ScreenshotAsync(page, "not-provided", "missing host import implementation");
        await page.CloseAsync();
    }

    [Test]
    public async Task A_JS_expression_replaces_an_import_and_a_broken_one_says_why()
    {
        var page = await OpenAsync();
        await page.GotoAsync(_session!.Server.Url + "samples/playground/index.html?url=../hello/hello.rbc");
        await page.WaitForFunctionAsync("() => window.ruskReady === 'ok' && document.querySelector('#module-info').textContent.startsWith('hello.rbc')", null, new() { Timeout = Timeout });
        const string editor = "#imports [data-name='sample::add'] textarea";
        await page.FillAsync(editor, "(a, b) => ");
        Assert.That(await Text(page, "#imports [data-name='sample::add'] .host-error"), Does.StartWith("SyntaxError"));
        await page.FillAsync(editor, "(a, b) => a * b");
        Assert.That(await Text(page, "#imports [data-name='sample::add'] .host-error"), Is.Empty);
        await page.ClickAsync("#run");
        await WaitForAsync(page, "request", null);
        Assert.That(await Text(page, "#stdout"), Does.Contain("sample::add(20, 22) returned 440\n"));
        await page.ClickAsync("#drop");
        await WaitForAsync(page, "trap", null);
        Assert.That(await Text(page, "#trap-message"), Is.EqualTo("cancelled"));
        await page.CloseAsync();
    }

    [Test]
    public async Task A_typed_answer_that_does_not_parse_as_the_effect_type_is_refused_and_the_request_stays()
    {
        var c = Case("212_bytecode_external_effect_two_requests_ok");
        var page = await OpenAsync();
        await LoadByFileInputAsync(page, c);
        await page.ClickAsync("#step");
        await WaitForAsync(page, "request", null);
        Assert.That(await Text(page, "#effect-ret"), Is.EqualTo("int"));
        await page.FillAsync("#effect-value", "three");
        await page.ClickAsync("#resume");
        Assert.That(await Text(page, "#effect-error"), Is.EqualTo("int: expected an integer, got \"three\""));
        Assert.That(await Status(page), Is.EqualTo("request"));
        await page.FillAsync("#effect-value", "99999999999999999999");
        await page.ClickAsync("#resume");
        Assert.That(await Text(page, "#effect-error"), Does.Contain("range").IgnoreCase);
        Assert.That(await Status(page), Is.EqualTo("request"));
        await page.CloseAsync();
    }

    [Test]
    public async Task Stop_pauses_a_long_run_the_page_stays_responsive_and_run_finishes_it_with_the_reference_counts()
    {
        // A benchmark module (1.6 M instructions) in slices of 100: thousands of yields.
        using var bench = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Paths.Corpus, "bench", "manifest.json")));
        var program = bench.RootElement.GetProperty("programs")[0].GetProperty("default");
        string file = Path.Combine(Paths.Corpus, program.GetProperty("rbc").GetString()!);
        var page = await OpenAsync();
        await page.SetInputFilesAsync("#file", file);
        await page.WaitForFunctionAsync("(n) => document.querySelector('#module-info').textContent.startsWith(n)",
            Path.GetFileName(file), new() { Timeout = Timeout });
        await page.FillAsync("#fuel", "100");
        await page.ClickAsync("#run");
        await page.WaitForFunctionAsync("() => Number(document.querySelector('#m-steps').textContent.replace(/,/g, '')) > 10", null, new() { Timeout = Timeout });
        // The page answers while the program runs: the run yields to the event loop between slices.
        Assert.That(await page.EvaluateAsync<string>("() => document.querySelector('#status').dataset.status"), Is.EqualTo("running"));
        await page.ClickAsync("#stop");
        await WaitForAsync(page, "stopped", null);
        int stoppedAt = await Steps(page);
        long instructions = program.GetProperty("instructions").GetInt64();
        Assert.That(stoppedAt, Is.GreaterThan(10).And.LessThan(instructions / 100));
        Assert.That(await Text(page, "#m-instructions"), Is.EqualTo((stoppedAt * 100L).ToString("N0", Invariant)), "every slice used all its fuel");

        await page.FillAsync("#fuel", "1000000");
        await page.ClickAsync("#run");
        await WaitForAsync(page, "done", null);
        Assert.That(await Text(page, "#result"), Is.EqualTo($"main returned {ValueText(program.GetProperty("result").GetProperty("value"))} : int"));
        Assert.That(await Text(page, "#m-instructions"), Is.EqualTo(instructions.ToString("N0", Invariant)));
        await ScreenshotAsync(page, "stopped-then-run", "main returned");
        await page.CloseAsync();
    }

    [Test]
    public async Task A_file_that_is_not_rbc_is_reported_and_nothing_is_loaded()
    {
        var page = await OpenAsync();
        await page.SetInputFilesAsync("#file", Path.Combine(Paths.Corpus, "manifest.json"));
        await page.WaitForSelectorAsync("#load-error", new() { State = WaitForSelectorState.Visible, Timeout = Timeout });
        Assert.That(await Text(page, "#load-error"), Does.StartWith("Could not load manifest.json: "));
        Assert.That(await Text(page, "#module-info"), Is.EqualTo("No program loaded."));
        Assert.That(await page.IsDisabledAsync("#run"), Is.True);
        await page.CloseAsync();
    }

    // ---- helpers ---------------------------------------------------------------------------------

    JsonElement Case(string name)
    {
        foreach (var c in _manifest!.RootElement.GetProperty("cases").EnumerateArray())
            if (c.GetProperty("name").GetString() == name) return c;
        throw new AssertionException($"{name} not in manifest.json");
    }

    Task<IPage> OpenAsync() => _session!.OpenAsync(PagePath);

    static async Task LoadByFileInputAsync(IPage page, JsonElement c)
    {
        string file = Path.Combine(Paths.Corpus, c.GetProperty("rbc").GetString()!);
        await page.SetInputFilesAsync("#file", file);
        await page.WaitForFunctionAsync("(n) => document.querySelector('#module-info').textContent.startsWith(n)",
            Path.GetFileName(file), new() { Timeout = Timeout });
        if (c.GetProperty("argv").ValueKind == JsonValueKind.Array)
        {
            // Without argv a main(argv) cannot start: the page says so until argv is given.
            await WaitForAsync(page, "error", null);
            Assert.That(await Text(page, "#result"), Does.StartWith("Error: "));
            await page.FillAsync("#argv", c.GetProperty("argv").GetRawText());
            await page.DispatchEventAsync("#argv", "change");
            await WaitForAsync(page, "ready", null);
        }
    }

    static Task<string> Text(IPage page, string selector) => page.Locator(selector).TextContentAsync(new() { Timeout = Timeout })!;

    static Task<string> Status(IPage page) => page.GetAttributeAsync("#status", "data-status")!;

    static readonly System.Globalization.CultureInfo Invariant = System.Globalization.CultureInfo.InvariantCulture;

    static async Task<int> Steps(IPage page) =>
        int.Parse(await Text(page, "#m-steps"), System.Globalization.NumberStyles.AllowThousands, Invariant);

    /// <summary>Waits until the page is idle in `status` (any finished/request state when null) and past `afterSteps`.</summary>
    static Task WaitForAsync(IPage page, string? status, int? afterSteps) =>
        page.WaitForFunctionAsync(@"([status, after]) => {
            const s = document.querySelector('#status').dataset.status;
            const steps = Number(document.querySelector('#m-steps').textContent.replace(/,/g, ''));
            const idle = !['running', 'paused', 'ready', 'empty'].includes(s);
            return (status === null ? idle : s === status) && (after === null || steps > after);
        }", new object?[] { status, afterSteps }, new() { Timeout = Timeout });

    static async Task AssertStackShownAsync(IPage page)
    {
        var rows = await page.Locator("#trap-stack tbody tr").AllAsync();
        Assert.That(rows, Is.Not.Empty);
        if (await Text(page, "#trap-message") == "cancelled")
        {
            // A dropped continuation cancels the whole VM: no frame is left to show.
            Assert.That(await Text(page, "#trap-stack tbody"), Is.EqualTo("(no frames)"));
            return;
        }
        foreach (var row in rows)
        {
            var cells = await row.Locator("td").AllTextContentsAsync();
            Assert.That(cells, Has.Count.EqualTo(3), "a stack row is index, function, pc");
            Assert.That(cells[1], Is.Not.Empty);
            Assert.That(cells[2], Does.Match("^[0-9]+$"));
        }
    }

    /// <summary>A manifest value as the page prints it (the corpus only has these kinds here).</summary>
    static string ValueText(JsonElement v) => v.GetProperty("type").GetString() switch
    {
        "unit" => "()",
        "int" => v.GetProperty("value").GetString()!,
        "bool" => v.GetProperty("value").GetBoolean() ? "true" : "false",
        "string" => JsonSerializer.Serialize(v.GetProperty("value").GetString()),
        "struct" => $"{v.GetProperty("name").GetString()} {{ {Fields(v, (name, x) => $"{name}: {ValueText(x)}")} }}",
        var t => throw new AssertionException($"value kind {t} not used by these tests"),
    };

    static string Fields(JsonElement v, Func<string, JsonElement, string> each)
    {
        var parts = new List<string>();
        foreach (var f in v.GetProperty("fields").EnumerateObject()) parts.Add(each(f.Name, f.Value));
        return string.Join(", ", parts);
    }

    /// <summary>What a user types to resume with a manifest value.</summary>
    static string InputText(JsonElement v) => v.GetProperty("type").GetString() switch
    {
        "unit" => "",
        "string" => v.GetProperty("value").GetString()!,
        // Composites are typed as JS (ints as BigInt literals).
        "struct" => $"{{ {Fields(v, (name, x) => $"{name}: {InputText(x)}{(x.GetProperty("type").GetString() == "int" ? "n" : "")}")} }}",
        _ => ValueText(v),
    };

    static string HostLog(JsonElement c)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var line in c.GetProperty("hostLog").EnumerateArray()) sb.Append(line.GetString()).Append('\n');
        return sb.ToString();
    }

    static string ExpectedOutcomeText(JsonElement c)
    {
        var r = c.GetProperty("result");
        return r.GetProperty("tag").GetString() == "done" ? "main returned " + ValueText(r.GetProperty("value")) : r.GetProperty("message").GetString()!;
    }

    /// <summary>Full-page screenshot under the test output; it must be a real PNG of the page showing `expected`.</summary>
    static async Task ScreenshotAsync(IPage page, string name, string expected)
    {
        Assert.That(await page.Locator("body").InnerTextAsync(), Does.Contain(expected));
        string dir = Path.Combine(TestContext.CurrentContext.WorkDirectory, "playground-screenshots");
        Directory.CreateDirectory(dir);
        string file = Path.Combine(dir, name + ".png");
        await page.ScreenshotAsync(new() { Path = file, FullPage = true });
        byte[] png = File.ReadAllBytes(file);
        Assert.That(png.Length, Is.GreaterThan(20_000), $"{file} looks empty");
        Assert.That(png[..8], Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "PNG signature");
        // Width/height from the IHDR chunk: a full page, not a blank sliver.
        int width = (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19];
        int height = (png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23];
        Assert.That(width, Is.GreaterThanOrEqualTo(800));
        Assert.That(height, Is.GreaterThanOrEqualTo(600));
        TestContext.AddTestAttachment(file, name);
    }

    void AssertNoPageErrors()
    {
        lock (_session!.Console)
        {
            foreach (var line in _session.Console)
                Assert.That(line, Does.Not.StartWith("[pageerror]").And.Not.StartWith("[error]"), string.Join("\n", _session.Console));
        }
    }
}
