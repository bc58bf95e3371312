// Chromium performance traces through the browser's DevTools protocol session (Tracing domain,
// events reported as they come and streamed into a trace file DevTools and Perfetto open:
// {"traceEvents":[...]}). Playwright .NET has no Browser.StartTracing, hence CDP.
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Playwright;

namespace Rusk.Perf.Browser;

sealed class TraceRecorder
{
    /// <summary>V8 (compile, GC, wasm), the DevTools timeline with JS/wasm stack samples, user timing.</summary>
    static readonly string[] Categories =
    {
        "v8", "v8.execute", "devtools.timeline", "disabled-by-default-devtools.timeline",
        "disabled-by-default-devtools.timeline.stack", "disabled-by-default-v8.cpu_profiler",
        "disabled-by-default-v8.gc", "blink.user_timing", "toplevel", "__metadata",
    };

    readonly ICDPSession _session;
    readonly object _lock = new();
    Stream? _out;
    int _events;
    TaskCompletionSource? _complete;

    TraceRecorder(ICDPSession session)
    {
        _session = session;
        session.Event("Tracing.dataCollected").OnEvent += (_, e) => Collect(e);
        session.Event("Tracing.tracingComplete").OnEvent += (_, _) => _complete?.TrySetResult();
    }

    public static async Task<TraceRecorder> CreateAsync(IBrowser browser) => new(await browser.NewBrowserCDPSessionAsync());

    public async Task StartAsync(string path)
    {
        lock (_lock)
        {
            _out = File.Create(path);
            _out.Write("{\"traceEvents\":[\n"u8);
            _events = 0;
        }
        _complete = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _session.SendAsync("Tracing.start", new Dictionary<string, object>
        {
            ["transferMode"] = "ReportEvents",
            ["traceConfig"] = new Dictionary<string, object>
            {
                ["recordMode"] = "recordAsMuchAsPossible",
                ["includedCategories"] = Categories,
            },
        });
    }

    /// <summary>Ends the trace and closes the file once Chromium has sent every event (or after 60 s).</summary>
    public async Task StopAsync()
    {
        await _session.SendAsync("Tracing.end");
        var done = _complete!.Task;
        await Task.WhenAny(done, Task.Delay(60_000));
        lock (_lock)
        {
            _out!.Write("\n]}\n"u8);
            _out.Dispose();
            _out = null;
        }
    }

    void Collect(JsonElement? e)
    {
        if (e is not JsonElement p || !p.TryGetProperty("value", out var events)) return;
        lock (_lock)
        {
            if (_out == null) return;
            foreach (var ev in events.EnumerateArray())
            {
                if (_events++ > 0) _out.Write(",\n"u8);
                _out.Write(Encoding.UTF8.GetBytes(ev.GetRawText()));
            }
        }
    }
}
