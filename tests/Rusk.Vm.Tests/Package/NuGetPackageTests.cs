// The Rusk.Vm NuGet package as a .NET developer meets it: `dotnet pack`, then a fresh console
// project that installs it from a local folder feed (no other source, an empty package cache, so
// nothing comes from the network or from an older copy) and runs samples/hello through the public
// API alone: stdout, a host import, an external effect answered by the host.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using NUnit.Framework;
using Rusk.Vm.Format;
using Rusk.Vm.Text;

namespace Rusk.Vm.Tests.Package;

[TestFixture, NonParallelizable]
public sealed class NuGetPackageTests
{
    string _dir = "";
    string _feed = "";

    [OneTimeSetUp]
    public void Pack()
    {
        _dir = Path.Combine(Path.GetTempPath(), "rusk-nuget-" + Guid.NewGuid().ToString("n"));
        _feed = Path.Combine(_dir, "feed");
        Directory.CreateDirectory(_feed);
        // The tests run from .build/bin/Rusk.Vm.Tests/<config>/: pack what that build made.
        string config = Path.GetFileName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (exit, output) = Dotnet(Paths.RepoRoot, "pack", Path.Combine(Paths.RepoRoot, "native", "Rusk.Vm", "Rusk.Vm.csproj"),
            "-c", config, "--no-build", "-o", _feed);
        Assert.That(exit, Is.EqualTo(0), "dotnet pack failed:\n" + output);
    }

    [OneTimeTearDown]
    public void Clean()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Test]
    public void Package_carries_readme_license_repository_docs_and_symbols()
    {
        string nupkg = Path.Combine(_feed, "Rusk.Vm.0.1.0.nupkg");
        Assert.That(File.Exists(Path.Combine(_feed, "Rusk.Vm.0.1.0.snupkg")), "symbols package");
        using var zip = ZipFile.OpenRead(nupkg);
        var names = new List<string>();
        foreach (var e in zip.Entries) names.Add(e.FullName);
        Assert.That(names, Does.Contain("README.md"));
        Assert.That(names, Does.Contain("lib/net10.0/Rusk.Vm.dll"));
        Assert.That(names, Does.Contain("lib/net10.0/Rusk.Vm.xml"), "XML docs");
        using var nuspec = new StreamReader(zip.GetEntry("Rusk.Vm.nuspec")!.Open());
        string spec = nuspec.ReadToEnd();
        Assert.That(spec, Does.Contain("<license type=\"expression\">MIT</license>"));
        Assert.That(spec, Does.Contain("<readme>README.md</readme>"));
        Assert.That(spec, Does.Match("<repository type=\"git\" url=\"[^\"]+\""));
        // The package depends on nothing (the API analyzer is build-time only).
        Assert.That(spec, Does.Not.Contain("<dependency "));
    }

    [Test]
    public void Fresh_console_project_installs_the_package_and_runs_a_program()
    {
        string app = Path.Combine(_dir, "app");
        Directory.CreateDirectory(app);
        File.WriteAllBytes(Path.Combine(app, "hello.rbc"),
            RbcWriter.Encode(Assembler.Assemble(File.ReadAllText(Path.Combine(Paths.RepoRoot, "samples", "hello", "hello.rasm")))));
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{_feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(app, "app.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <UseAppHost>false</UseAppHost>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Rusk.Vm" Version="0.1.0" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using System;
            using System.IO;
            using Rusk.Vm;
            using Rusk.Vm.Format;

            Module module = ModuleLoader.Load(File.ReadAllBytes(args[0]));
            var vm = new Vm(module);
            vm.RegisterHostImport("std::println", (ctx, a) => { Console.WriteLine(a[0].AsString); return AbiValue.Unit; });
            vm.RegisterHostImport("sample::add", (ctx, a) => AbiValue.Int(a[0].AsInt + a[1].AsInt));
            while (true)
            {
                StepResult r = vm.Step(1000);
                switch (r.Kind)
                {
                    case StepKind.Done: Console.WriteLine($"done: {r.Value}"); return 0;
                    case StepKind.Trap: Console.WriteLine($"trap: {r.Message}"); return 1;
                    case StepKind.Request:
                        Console.WriteLine($"request: {module.ExternalEffectNames[(int)r.EffectId]}({r.Args[0].AsString})");
                        vm.Resume(r.K, AbiValue.String("NuGet"));
                        break;
                }
            }
            """);
        var (exit, output) = Dotnet(app, "run", "-c", "Release", "--", Path.Combine(app, "hello.rbc"));
        Assert.That(exit, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain(string.Join("\n",
            "Hello from Rusk, running in the browser!",
            "sample::add(20, 22) returned 42",
            "request: Page.ask(What is your name?)",
            "Nice to meet you, NuGet",
            "done: 42")));
    }

    /// <summary>Runs the dotnet CLI with a private, empty package cache and no build servers left behind.</summary>
    (int Exit, string Output) Dotnet(string workDir, params string[] args)
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        var psi = new ProcessStartInfo(string.IsNullOrEmpty(host) ? "dotnet" : host)
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["NUGET_PACKAGES"] = Path.Combine(_dir, "packages");
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        psi.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        psi.Environment["UseSharedCompilation"] = "false";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"dotnet {string.Join(' ', args)} timed out");
        }
        return (p.ExitCode, (stdout.Result + stderr.Result).Replace("\r\n", "\n"));
    }
}
