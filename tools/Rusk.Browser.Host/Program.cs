// Console harness over the same server + Chromium + pages the tests use:
//   conformance DIR [--engine mono|aot]
//                     run a corpus directory in Chromium; one line per failure, then `N passed, M failed`
//   sample NAME       serve samples/NAME, run its page headless, print what the program printed
//   report            size / cold start / per-call numbers of the browser build
//   serve [PORT]      serve dist/, samples/ and the corpus on 127.0.0.1 until Ctrl-C (`make playground`)
using System;
using System.IO;
using System.Threading.Tasks;

namespace Rusk.Browser.Host;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        try
        {
            return args.Length switch
            {
                2 when args[0] == "conformance" => await Conformance(args[1], "mono"),
                4 when args[0] == "conformance" && args[2] == "--engine" && args[3] is "mono" or "aot" => await Conformance(args[1], args[3]),
                2 when args[0] == "sample" => await Sample.RunAsync(args[1]),
                1 when args[0] == "report" => await Report.RunAsync(),
                1 when args[0] == "serve" => Serve.Run(0),
                2 when args[0] == "serve" && ushort.TryParse(args[1], out ushort port) => Serve.Run(port),
                _ => Usage(),
            };
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    static int Usage()
    {
        Console.Error.WriteLine("usage: Rusk.Browser.Host conformance DIR [--engine mono|aot] | sample NAME | report | serve [PORT]");
        return 2;
    }

    static async Task<int> Conformance(string dir, string engine)
    {
        string corpus = Path.GetFullPath(dir);
        if (!File.Exists(Path.Combine(corpus, "manifest.json")))
        {
            Console.Error.WriteLine($"error: {corpus}/manifest.json not found");
            return 1;
        }
        int passed = 0, failed = 0;
        if (AotBuild.Missing(engine) is { } why)
        {
            // Every case fails for the same reason; say it once per case so the count is the corpus's.
            foreach (string name in CorpusRun.CaseNames(corpus)) Console.WriteLine($"FAIL {name}\n  {why}");
            Console.WriteLine($"0 passed, {CorpusRun.CaseNames(corpus).Count} failed");
            return 1;
        }
        await using var session = await BrowserSession.StartAsync(corpus);
        var page = await session.OpenAsync(Harness.Url(engine));
        var results = await CorpusRun.RunAsync(page);
        foreach (var r in results)
        {
            if (r.Ok) { passed++; continue; }
            failed++;
            Console.WriteLine($"FAIL {r.Name}");
            foreach (var m in r.Mismatches) Console.WriteLine($"  {m}");
        }
        Console.WriteLine($"{passed} passed, {failed} failed");
        return failed == 0 ? 0 : 1;
    }
}
