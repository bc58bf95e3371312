// Every framework type and member Rusk.Vm.dll references must resolve in our corlib, except the
// entries in expected-missing.txt (BCL uses the `vmsurface` work removes from the VM).
using System;
using System.Collections.Generic;
using System.IO;
using NUnit.Framework;

namespace Rusk.Aot.Tests.Corlib;

[TestFixture]
public sealed class CorlibSurfaceTests
{
    // .build/bin/<project>/<configuration>/ (Directory.Build.props: ArtifactsPath), the layout this
    // test assembly itself is built into.
    internal static string Built(string project, string file)
    {
        var self = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string path = Path.Combine(self.Parent!.Parent!.FullName, project, self.Name, file);
        if (!File.Exists(path)) Assert.Fail($"{path} is missing: build {project} first (make build)");
        return path;
    }

    /// <summary>The checkout: .build/bin/&lt;project&gt;/&lt;configuration&gt;/ is four levels below it.</summary>
    internal static string RepoRoot()
    {
        var self = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return self.Parent!.Parent!.Parent!.Parent!.FullName;
    }

    static (HashSet<string> Entries, List<string> Duplicates) ExpectedMissing()
    {
        var entries = new HashSet<string>(StringComparer.Ordinal);
        var duplicates = new List<string>();
        foreach (string raw in File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Corlib", "expected-missing.txt")))
        {
            int hash = raw.IndexOf('#');
            string line = (hash >= 0 ? raw.Substring(0, hash) : raw).Trim();
            if (line.Length > 0 && !entries.Add(line)) duplicates.Add(line);
        }
        return (entries, duplicates);
    }

    [Test]
    public void Every_framework_reference_of_Rusk_Vm_resolves_in_the_corlib_or_is_expected_missing()
    {
        var surface = CorlibSurface.Check(Built("Rusk.Vm", "Rusk.Vm.dll"), Built("Rusk.Aot.Runtime", "Rusk.Aot.Runtime.dll"));
        var (expected, duplicates) = ExpectedMissing();
        Assert.That(duplicates, Is.Empty, "duplicate lines in expected-missing.txt");
        Assert.That(surface.Required, Has.Count.GreaterThan(100), "the scan found the VM's framework references");

        var unexpected = surface.Missing.FindAll(m => !expected.Contains(m));
        var stale = new List<string>(expected);
        stale.RemoveAll(e => surface.Missing.Contains(e));
        TestContext.Out.WriteLine($"{surface.Required.Count} framework references, {surface.Missing.Count} missing " +
            $"({surface.Missing.Count - unexpected.Count} expected)");
        // Entries the VM no longer references (or the corlib now has): delete them from the list.
        foreach (string e in stale) TestContext.Out.WriteLine("stale expected-missing entry: " + e);
        Assert.That(unexpected, Is.Empty, "missing in Rusk.Aot.Runtime:\n  " + string.Join("\n  ", unexpected));
    }

    [Test]
    public void The_checker_reports_a_member_the_corlib_lacks()
    {
        // This test assembly references BCL members our corlib deliberately lacks (file system,
        // AppContext) next to ones it has.
        var surface = CorlibSurface.Check(typeof(CorlibSurfaceTests).Assembly.Location, Built("Rusk.Aot.Runtime", "Rusk.Aot.Runtime.dll"));
        Assert.That(surface.Missing, Does.Contain("type System.IO.Path"));
        Assert.That(surface.Missing, Does.Contain("method static System.AppContext::get_BaseDirectory():System.String"));
        Assert.That(surface.Required, Does.Contain("method static System.String::Concat(System.String,System.String):System.String"));
        Assert.That(surface.Missing, Does.Not.Contain("method static System.String::Concat(System.String,System.String):System.String"));
        Assert.That(surface.Required, Does.Contain("type System.Object"));
        Assert.That(surface.Missing, Does.Not.Contain("type System.Object"));
    }
}
