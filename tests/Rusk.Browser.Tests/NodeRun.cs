// Runs node/npm for the Node.js and package tests and checks run-cases.mjs output against the
// corpus manifest (the reference values, never ours).
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Text.Json;
using NUnit.Framework;

namespace Rusk.Browser.Tests;

static class NodeRun
{
    /// <summary>Small programs that cover int, bool, string (non-ASCII too), unit and stdout.</summary>
    public static readonly string[] Cases =
    {
        "010_int_math", "012_equality", "071_formatted_strings", "091_string_add_and_from_chars",
        "examples__01-hello-world", "examples__04-arrays-and-for-loops",
    };

    public static string Script => Path.Combine(Paths.RepoRoot, "tests", "Rusk.Browser.Tests", "node", "run-cases.mjs");
    /// <summary>The module run-cases.mjs imports from beside itself (corpus host imports, result form).</summary>
    public static string HostsScript => Path.Combine(Paths.RepoRoot, "tests", "Rusk.Browser.Tests", "node", "corpus-hosts.mjs");

    /// <summary>Runs `file args` in `dir`; returns stdout, fails the test on a non-zero exit or a timeout.</summary>
    public static string Run(string file, string dir, params string[] args) => Run(file, dir, null, args);

    /// <summary>As <see cref="Run(string, string, string[])"/>, with <paramref name="env"/> added to the environment.</summary>
    public static string Run(string file, string dir, System.Collections.Generic.IDictionary<string, string>? env, params string[] args)
    {
        var psi = new ProcessStartInfo(file)
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        // npm must never reach a registry from a test.
        psi.Environment["npm_config_offline"] = "true";
        psi.Environment["npm_config_audit"] = "false";
        psi.Environment["npm_config_fund"] = "false";
        psi.Environment["npm_config_update_notifier"] = "false";
        if (env != null) foreach (var (k, v) in env) psi.Environment[k] = v;
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {file}");
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(120_000))
        {
            p.Kill(true);
            Assert.Fail($"{file} {string.Join(' ', args)} did not finish within 2 minutes");
        }
        Assert.That(p.ExitCode, Is.EqualTo(0), $"{file} {string.Join(' ', args)} failed:\n{stderr.Result}\n{stdout}");
        return stdout;
    }

    /// <summary>Asserts that every case line of run-cases.mjs output matches the manifest's result and stdout.</summary>
    public static void AssertMatchesManifest(string output, string[] cases)
    {
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Paths.Corpus, "manifest.json")));
        var expected = new Dictionary<string, JsonElement>();
        foreach (var c in manifest.RootElement.GetProperty("cases").EnumerateArray())
            expected[c.GetProperty("name").GetString()!] = c;

        var seen = new List<string>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var doc = JsonDocument.Parse(line);
            var r = doc.RootElement;
            string name = r.GetProperty("name").GetString()!;
            seen.Add(name);
            var want = expected[name];
            var wantValue = want.GetProperty("result").GetProperty("value");
            var gotValue = r.GetProperty("value");
            Assert.That(r.GetProperty("tag").GetString(), Is.EqualTo(want.GetProperty("result").GetProperty("tag").GetString()), line);
            Assert.That(gotValue.GetProperty("type").GetString(), Is.EqualTo(wantValue.GetProperty("type").GetString()), line);
            if (wantValue.TryGetProperty("value", out var v))
                Assert.That(gotValue.GetProperty("value").ToString(), Is.EqualTo(v.ToString()), line);
            Assert.That(r.GetProperty("stdout").GetString(), Is.EqualTo(want.GetProperty("stdout").GetString()), line);
        }
        Assert.That(seen, Is.EqualTo(cases), "every case reported once, in order");
    }
}
