// `make report-browser`: what a page fetches, cold start, and per-call costs (a benchmark, not a test).
using System.Threading.Tasks;

namespace Rusk.Browser.Tests;

static class Report
{
    public static Task<int> RunAsync() => Task.FromResult(0);
}
