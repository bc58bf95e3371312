// glue/index.d.ts is hand-written: `tsc` (npm typescript, a devDependency) checks it on its own and
// against the documented use (types/usage.ts), so a declaration that drifts from the API fails here.
using System;
using System.IO;
using NUnit.Framework;

namespace Rusk.Browser.Tests;

[TestFixture]
public sealed class TypesTests
{
    [Test]
    public void Index_d_ts_type_checks_with_the_documented_usage()
    {
        // RUSK_TSC: a tsc to use instead of node_modules' (a checkout whose node_modules predates it).
        string tsc = Environment.GetEnvironmentVariable("RUSK_TSC") is { Length: > 0 } t
            ? t
            : Path.Combine(Paths.RepoRoot, "node_modules", "typescript", "bin", "tsc");
        Assert.That(File.Exists(tsc), Is.True, $"{tsc} missing: `make setup` installs typescript from package.json");
        string output = NodeRun.Run("node", Paths.RepoRoot, tsc, "-p", Path.Combine("tests", "Rusk.Browser.Tests", "types"), "--pretty", "false");
        Assert.That(output.Trim(), Is.Empty);
    }
}
