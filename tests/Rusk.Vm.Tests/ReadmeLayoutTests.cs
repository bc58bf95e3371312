// README.md's "Layout" block is the map a newcomer reads first: every path it names exists, and
// every project folder and top-level folder of the tree is on it, so the map cannot drift.
using System;
using System.Collections.Generic;
using System.IO;
using NUnit.Framework;

namespace Rusk.Vm.Tests;

public sealed class ReadmeLayoutTests
{
    // Folders the build, npm or tests make; never part of the tree a reader is shown.
    static readonly HashSet<string> Generated = new(StringComparer.Ordinal) { ".build", "artifacts", "dist", "node_modules", "bin", "obj", "TestResults" };

    static List<string> LayoutEntries()
    {
        string readme = File.ReadAllText(Path.Combine(Paths.RepoRoot, "README.md"));
        int start = readme.IndexOf("## Layout", StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), "README.md has a ## Layout section");
        int open = readme.IndexOf("```\n", start, StringComparison.Ordinal) + 4;
        int close = readme.IndexOf("```", open, StringComparison.Ordinal);
        var entries = new List<string>();
        string top = "";
        foreach (var line in readme.Substring(open, close - open).Split('\n'))
        {
            string token = line.TrimStart().Split(' ', 2)[0];
            int indent = line.Length - line.TrimStart().Length;
            if (token.Length == 0) continue;
            if (indent == 0 && token.Contains('/'))
            {
                entries.Add(token.TrimEnd('/'));
                if (token.EndsWith('/')) top = token;
            }
            else if (indent == 2 && token.EndsWith('/'))
            {
                entries.Add((top + token).TrimEnd('/'));
            }
        }
        return entries;
    }

    [Test]
    public void Every_path_the_layout_names_exists()
    {
        foreach (var entry in LayoutEntries())
        {
            string path = Path.Combine(Paths.RepoRoot, entry);
            Assert.That(Directory.Exists(path) || File.Exists(path), Is.True, $"README layout names {entry}, which does not exist");
        }
    }

    [Test]
    public void Every_project_and_top_level_folder_is_on_the_layout()
    {
        var entries = new HashSet<string>(LayoutEntries(), StringComparer.Ordinal);
        var expected = new List<string>();
        foreach (var dir in Directory.GetDirectories(Paths.RepoRoot))
        {
            string name = Path.GetFileName(dir);
            if (name.StartsWith('.') || Generated.Contains(name)) continue;
            if (name is "native" or "tests" or "tools" or "samples")
            {
                foreach (var sub in Directory.GetDirectories(dir))
                    if (!Generated.Contains(Path.GetFileName(sub))) expected.Add(name + "/" + Path.GetFileName(sub));
            }
            else expected.Add(name);
        }
        foreach (var sub in new[] { "Format", "Text", "Execution", "Abi" }) expected.Add("native/Rusk.Vm/" + sub);
        foreach (var e in expected)
            Assert.That(entries, Does.Contain(e), $"{e} is missing from README.md's layout");
    }
}
