// tests/expected-failures.txt for the corpus suite: which cases are known not to pass yet, and the
// checks that keep that list honest (every name is a case; the format parses).
using System;
using System.IO;
using NUnit.Framework;
using Rusk.Cli.Corpus;

namespace Rusk.Vm.Tests.Corpus;

static class ExpectedFailures
{
    public static string FilePath => Path.Combine(Paths.RepoRoot, "tests", "expected-failures.txt");

    static readonly Lazy<ExpectedFailureList> _list = new(() =>
        File.Exists(FilePath) ? ExpectedFailureList.Load(FilePath) : ExpectedFailureList.Empty);

    /// <summary>The parsed list (a malformed file throws CorpusFormatException naming the line).</summary>
    public static ExpectedFailureList List => _list.Value;
}

public sealed class ExpectedFailuresFileTests
{
    [TestCase(null)]
    [TestCase("aot")]
    public void Every_listed_case_is_in_the_manifest(string? engine)
    {
        var manifest = CorpusManifest.Load(Paths.Corpus);
        var missing = new System.Collections.Generic.List<string>();
        foreach (var name in ExpectedFailureList.Load(ExpectedFailures.FilePath, engine).Names)
        {
            bool found = false;
            foreach (var c in manifest.Cases)
                if (c.Name == name) { found = true; break; }
            if (!found) missing.Add(name);
        }
        Assert.That(missing, Is.Empty, "listed in expected-failures.txt but not a corpus case");
    }

    [Test]
    public void Names_reasons_comments_and_blank_lines_parse()
    {
        var list = ExpectedFailureList.Parse("# header\n\ncase_a  # not yet: float printing\r\ncase_b\n   # indented comment\n", "t");
        Assert.That(list.Names, Is.EqualTo(new[] { "case_a", "case_b" }));
        Assert.That(list.TryGetReason("case_a", out var reason) && reason == "not yet: float printing");
        Assert.That(list.TryGetReason("case_b", out var none) && none == "");
        Assert.That(list.Contains("case_c"), Is.False);
    }

    [Test]
    public void Engine_prefixed_lines_count_only_for_their_engine()
    {
        const string text = "both # everywhere\naot:only_aot  # aot: engine not built yet: x: y\nmono:only_mono\n";
        Assert.That(ExpectedFailureList.Parse(text, "t").Names, Is.EqualTo(new[] { "both" }));
        var aot = ExpectedFailureList.Parse(text, "t", "aot");
        Assert.That(aot.Names, Is.EqualTo(new[] { "both", "only_aot" }));
        Assert.That(aot.TryGetReason("only_aot", out var reason) && reason == "aot: engine not built yet: x: y");
        Assert.That(ExpectedFailureList.Parse(text, "t", "mono").Names, Is.EqualTo(new[] { "both", "only_mono" }));
        var bad = Assert.Throws<CorpusFormatException>(() => ExpectedFailureList.Parse("ok\naot:  # no name\n", "f.txt", "aot"));
        Assert.That(bad!.Message, Does.StartWith("f.txt:2:"));
    }

    [Test]
    public void Duplicate_and_malformed_lines_name_their_line()
    {
        var dup = Assert.Throws<CorpusFormatException>(() => ExpectedFailureList.Parse("a\nb\na # again\n", "f.txt"));
        Assert.That(dup!.Message, Does.StartWith("f.txt:3:"));
        var bad = Assert.Throws<CorpusFormatException>(() => ExpectedFailureList.Parse("two words # x\n", "f.txt"));
        Assert.That(bad!.Message, Does.StartWith("f.txt:1:"));
    }
}
