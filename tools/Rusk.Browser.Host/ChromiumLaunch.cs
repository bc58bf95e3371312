// How the browser tests and the benchmark harness (perf/Rusk.Perf) launch Chromium:
// the Debian package by path (Playwright never downloads a browser), headless, with these flags.
namespace Rusk.Browser.Host;

static class ChromiumLaunch
{
    public const string Executable = "/usr/bin/chromium";

    /// <summary>--expose-gc lets pages collect garbage: lifetime tests, and outside benchmarks' timed regions.</summary>
    public static readonly string[] Args =
    {
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic", "--js-flags=--expose-gc",
    };
}
