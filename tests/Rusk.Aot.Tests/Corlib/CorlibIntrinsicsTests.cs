// The compiler engineer's checklist at the top of native/Rusk.Aot.Runtime/Intrinsics.cs must name
// every corlib member marked [CompilerIntrinsic] (an extern without a C# body), so nothing the
// compiler has to provide goes unlisted.
using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using NUnit.Framework;

namespace Rusk.Aot.Tests.Corlib;

[TestFixture]
public sealed class CorlibIntrinsicsTests
{
    /// <summary>"Type::Method" of every method carrying Rusk.Aot.Runtime.CompilerIntrinsicAttribute.</summary>
    internal static List<string> IntrinsicMethods(string corlibPath)
    {
        using var pe = new PEReader(File.OpenRead(corlibPath));
        var md = pe.GetMetadataReader();
        var found = new List<string>();
        foreach (var th in md.TypeDefinitions)
            foreach (var mh in md.GetTypeDefinition(th).GetMethods())
            {
                var m = md.GetMethodDefinition(mh);
                foreach (var ah in m.GetCustomAttributes())
                {
                    var ctor = md.GetCustomAttribute(ah).Constructor;
                    if (ctor.Kind != HandleKind.MethodDefinition) continue;
                    var attrType = md.GetTypeDefinition(md.GetMethodDefinition((MethodDefinitionHandle)ctor).GetDeclaringType());
                    if (md.GetString(attrType.Name) != "CompilerIntrinsicAttribute") continue;
                    found.Add(SignatureNames.TypeDefName(md, th) + "::" + md.GetString(m.Name));
                }
            }
        return found;
    }

    [Test]
    public void Every_compiler_intrinsic_is_in_the_checklist_of_Intrinsics_cs()
    {
        string corlib = CorlibSurfaceTests.Built("Rusk.Aot.Runtime", "Rusk.Aot.Runtime.dll");
        var intrinsics = IntrinsicMethods(corlib);
        Assert.That(intrinsics, Does.Contain("System.Object::MemberwiseClone"), "the scan finds intrinsics");

        string source = Path.Combine(CorlibSurfaceTests.RepoRoot(), "native", "Rusk.Aot.Runtime", "Intrinsics.cs");
        string checklist = File.ReadAllText(source);
        checklist = checklist.Substring(0, checklist.IndexOf("namespace ", StringComparison.Ordinal));
        var unlisted = intrinsics.FindAll(name => !Listed(checklist, name));
        Assert.That(unlisted, Is.Empty, "intrinsics missing from the comment at the top of Intrinsics.cs");
    }

    // Listed as "Type::Member", or in a line "Type::A, B, Member" / "Type::A(...), Member".
    static bool Listed(string checklist, string name)
    {
        int sep = name.IndexOf("::", StringComparison.Ordinal);
        string type = name.Substring(0, sep + 2), member = name.Substring(sep + 2);
        if (member.StartsWith("get_", StringComparison.Ordinal) && checklist.Contains(name)) return true;
        foreach (string line in checklist.Split('\n'))
        {
            int at = line.IndexOf(type, StringComparison.Ordinal);
            if (at < 0) continue;
            string rest = line.Substring(at + type.Length);
            foreach (string part in rest.Split(',', ' ', '(', ')', '-', '>'))
                if (part == member) return true;
        }
        return false;
    }
}
