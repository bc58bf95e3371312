// The npm package `rusk-aot` (root package.json): `npm pack` holds dist/, the READMEs and LICENSE,
// installs offline into an empty project (no runtime dependencies) and runs by its bare name.
using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using NUnit.Framework;

namespace Rusk.Browser.Tests;

[TestFixture]
public sealed class PackageTests
{
    string _temp = "";

    [SetUp]
    public void MakeTemp()
    {
        _temp = Path.Combine(Path.GetTempPath(), "rusk-pkg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_temp);
    }

    [TearDown]
    public void DropTemp()
    {
        try { Directory.Delete(_temp, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [Test]
    public void Packed_tarball_installs_offline_and_runs_a_program_imported_as_rusk_aot()
    {
        Assert.That(File.Exists(Path.Combine(Paths.Dist, "index.js")), Is.True, "dist/ missing: run `make build` first");
        string packDir = Path.Combine(_temp, "pack");
        Directory.CreateDirectory(packDir);
        string packJson = NodeRun.Run("npm", Paths.RepoRoot, "pack", "--json", "--pack-destination", packDir);
        using var pack = JsonDocument.Parse(packJson.Substring(packJson.IndexOf('[')));
        var info = pack.RootElement[0];
        string tarball = Path.Combine(packDir, info.GetProperty("filename").GetString()!);
        var files = new List<string>();
        foreach (var f in info.GetProperty("files").EnumerateArray()) files.Add(f.GetProperty("path").GetString()!);
        TestContext.Out.WriteLine($"{Path.GetFileName(tarball)}: {info.GetProperty("size").GetInt64()} bytes packed, " +
                                  $"{info.GetProperty("unpackedSize").GetInt64()} unpacked, {files.Count} files");

        Assert.That(info.GetProperty("name").GetString(), Is.EqualTo("rusk-aot"));
        Assert.That(files, Does.Contain("dist/index.js").And.Contain("dist/index.d.ts").And.Contain("dist/_framework/dotnet.js").And.Contain("README.md"));
        foreach (var f in files)
            Assert.That(f.StartsWith("dist/", StringComparison.Ordinal) || f is "README.md" or "glue/README.md" or "docs/snapshot-format.md" or "LICENSE" or "package.json",
                Is.True, $"unexpected file in package: {f}");
        using (var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Paths.RepoRoot, "package.json"))))
        {
            Assert.That(manifest.RootElement.GetProperty("license").GetString(), Is.EqualTo("MIT"));
            Assert.That(manifest.RootElement.GetProperty("repository").GetProperty("url").GetString(), Does.StartWith("git+https://"));
            Assert.That(files, Does.Contain("LICENSE"));
        }
        // Every relative link of the READMEs shipped in the tarball points at a file shipped with them.
        foreach (var readme in new[] { "README.md", "glue/README.md" })
            foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(
                         File.ReadAllText(Path.Combine(Paths.RepoRoot, readme)), @"\]\(([^)#\s]+)(#[^)]*)?\)"))
            {
                string target = m.Groups[1].Value;
                if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal)) continue;
                string resolved = Path.GetRelativePath(Paths.RepoRoot, Path.GetFullPath(Path.Combine(Paths.RepoRoot, Path.GetDirectoryName(readme)!, target))).Replace('\\', '/');
                Assert.That(files, Does.Contain(resolved), $"{readme} links to {target}, which the package does not hold");
            }

        string app = Path.Combine(_temp, "app");
        Directory.CreateDirectory(app);
        File.WriteAllText(Path.Combine(app, "package.json"), "{ \"name\": \"app\", \"private\": true, \"type\": \"module\" }\n");
        NodeRun.Run("npm", app, "install", "--offline", "--no-audit", "--no-fund", tarball);
        Assert.That(File.Exists(Path.Combine(app, "node_modules", "rusk-aot", "dist", "index.js")), Is.True);

        // The script sits in the app so that the bare name resolves from its node_modules.
        string script = Path.Combine(app, "run-cases.mjs");
        File.Copy(NodeRun.Script, script);
        File.Copy(NodeRun.HostsScript, Path.Combine(app, Path.GetFileName(NodeRun.HostsScript)));
        string[] cases = { "examples__01-hello-world", "010_int_math" };
        string output = NodeRun.Run("node", app, script, "rusk-aot", Paths.Corpus, cases[0], cases[1]);
        NodeRun.AssertMatchesManifest(output, cases);
    }

    [Test]
    public void Exports_map_resolves_every_condition_to_an_existing_dist_file()
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Paths.RepoRoot, "package.json")));
        var dot = doc.RootElement.GetProperty("exports").GetProperty(".");
        foreach (var condition in new[] { "types", "browser", "node", "default" })
        {
            string target = dot.GetProperty(condition).GetString()!;
            Assert.That(target, Does.StartWith("./dist/"), condition);
            Assert.That(File.Exists(Path.Combine(Paths.RepoRoot, target)), Is.True, $"{condition} → {target} missing");
        }
    }
}
