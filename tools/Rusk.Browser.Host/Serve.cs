// `make playground`: the static server the tests use, left running on 127.0.0.1 for a person —
// /dist/, /samples/ and (when present) the conformance corpus under /corpus/, as the tests mount them.
using System;
using System.IO;
using System.Threading;

namespace Rusk.Browser.Host;

static class Serve
{
    public static int Run(int port)
    {
        if (!File.Exists(Path.Combine(Paths.Dist, "index.js")))
        {
            Console.Error.WriteLine($"error: {Paths.Dist}/index.js missing: run `make build` first");
            return 1;
        }
        bool corpus = File.Exists(Path.Combine(Paths.Corpus, "manifest.json"));
        var mounts = corpus
            ? new[] { ("/dist/", Paths.Dist), ("/samples/", Paths.Samples), ("/corpus/", Paths.Corpus) }
            : new[] { ("/dist/", Paths.Dist), ("/samples/", Paths.Samples) };
        using var server = new StaticServer(port, mounts);
        Console.WriteLine($"Rusk playground: {server.Url}samples/playground/");
        Console.WriteLine(corpus
            ? $"  (corpus cases from {Paths.Corpus} are in its sample list)"
            : "  (no corpus found: set RUSK_CORPUS to list its cases)");
        Console.WriteLine("Ctrl-C stops the server.");
        using var stop = new ManualResetEventSlim();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Set(); };
        stop.Wait();
        return 0;
    }
}
