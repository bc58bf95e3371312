// Replays 2580 intrinsic calls whose outcomes were recorded from the reference VM itself
// (IntrinsicsReference/expected.tsv; see its README) and compares results and trap messages.
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using NUnit.Framework;
using Rusk.Vm.Execution;
using Rusk.Vm.Format;
using FInstr = Rusk.Vm.Format.Instr;

namespace Rusk.Vm.Tests.Execution;

public sealed class IntrinsicsReferenceTests
{
    // The harness module's types: ExecutableModule::new()'s primitives, then `Option` (or a
    // stand-in name for `~` cases) and the struct `Point`.
    const uint OptionId = 8, PointId = 9;
    static readonly TypeRep[] Prims = MakePrims();
    static TypeRep[] MakePrims()
    {
        var reps = new TypeRep[16];
        for (int i = 0; i < reps.Length; i++) reps[i] = new TypeRep((TypeRepKind)i, 0, Array.Empty<TypeRep>(), i);
        return reps;
    }

    static IntrinsicEnv MakeEnv(bool withOption)
    {
        var types = new[] { "unit", "bool", "int", "float", "byte", "char", "string", "bytes", withOption ? "Option" : "NotOption", "Point" };
        int n = types.Length;
        var module = new Module(new[] { new Function("main", 1, 0, new FInstr[] { new ReturnInstr(0) }) }, new uint[1],
            Array.Empty<HostImport>(), types, Array.Empty<string>(), new DispatchEntry[n][], new DispatchEntry[n][],
            new AssocTypeEntry[n][], new uint[n][], new string[]?[n], new AbiSchema?[n], Array.Empty<ExternalEffectDecl>(), 0);
        return new IntrinsicEnv(module, Prims);
    }

    static readonly IntrinsicEnv WithOption = MakeEnv(true), WithoutOption = MakeEnv(false);

    static TypeRep Rep(string name) => Prims[(int)(name switch
    {
        "int" => TypeRepKind.Int, "float" => TypeRepKind.Float, "string" => TypeRepKind.String, "byte" => TypeRepKind.Byte,
        "char" => TypeRepKind.Char, "bool" => TypeRepKind.Bool, "unit" => TypeRepKind.Unit, "bytes" => TypeRepKind.Bytes,
        _ => throw new FormatException($"typerep `{name}`"),
    })];

    /// <summary>One argument of the case language (gen_cases.py documents it).</summary>
    static Value Arg(string a)
    {
        if (a.EndsWith('!')) return Arg(a[..^1]).AsReadonly();
        int colon = a.IndexOf(':');
        string k = colon < 0 ? a : a[..colon], v = colon < 0 ? "" : a[(colon + 1)..];
        switch (k)
        {
            case "u": return Value.Unit;
            case "b": return Value.Bool(v == "1");
            case "i": return Value.Int(long.Parse(v));
            case "f": return Value.Float(BitConverter.Int64BitsToDouble(Convert.ToInt64(v, 16)));
            case "y": return Value.Byte(unchecked((byte)long.Parse(v)));
            case "c": return Value.Char(Convert.ToInt32(v, 16));
            case "s": return Value.String(RString.FromString(v));
            case "x": return Value.Bytes(new RBytes(Convert.FromHexString(v)));
            case "fn": return Value.Function(uint.Parse(v));
            case "t": return Value.TypeRep(Rep(v));
            case "a":
            {
                if (v.Length == 0) return Value.Ref(new RArray(Array.Empty<Value>()));
                var parts = v.Split(',');
                var items = new Value[parts.Length];
                for (int i = 0; i < parts.Length; i++) items[i] = Arg(parts[i].Replace('=', ':'));
                return Value.Ref(new RArray(items));
            }
            case "tup": return Value.Ref(new RTuple(new[] { Value.Int(1), Value.Int(2) }));
            case "pt": return Value.Ref(new RStruct(PointId, Array.Empty<TypeRep>(), new[] { Value.Int(1), Value.Int(2) }));
            case "some": return Value.Ref(new REnum(OptionId, new[] { Rep("int") }, "Some", new[] { Arg(v.Replace('=', ':')) }));
            case "none": return Value.Ref(new REnum(OptionId, new[] { Rep("int") }, "None", Array.Empty<Value>()));
            case "en": return Value.Ref(new REnum(OptionId, Array.Empty<TypeRep>(), v, Array.Empty<Value>()));
            case "penum": return Value.Ref(new REnum(PointId, Array.Empty<TypeRep>(), "None", Array.Empty<Value>()));
        }
        throw new FormatException($"argument `{a}`");
    }

    // ---- the harness's rendering of a returned value (Rust Debug of AbiValue for scalars) ----

    static string AbiTypeName(TypeRep t) => t.Ctor switch
    {
        TypeRepKind.Int => "Int", TypeRepKind.Byte => "Byte", TypeRepKind.Char => "Char", TypeRepKind.String => "String",
        TypeRepKind.Float => "Float", TypeRepKind.Bool => "Bool", TypeRepKind.Unit => "Unit", TypeRepKind.Bytes => "Bytes",
        _ => t.Ctor.ToString(),
    };

    static string StrDebug(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var rune in s.EnumerateRunes())
        {
            if (rune.Value == '"') sb.Append("\\\"");
            else if (rune.Value == '\'') sb.Append('\'');
            else { string d = ValueFormat.CharDebug(rune.Value); sb.Append(d, 1, d.Length - 2); }
        }
        return sb.Append('"').ToString();
    }

    static string Render(Value v, string[] types)
    {
        string ro = v.IsReadonly ? "ro" : "";
        var parts = new List<string>();
        switch (v.Obj)
        {
            case RString s: return "String(" + StrDebug(s.ToString()) + ")";
            case RBytes b:
                foreach (byte x in b.Span) parts.Add(x.ToString());
                return "Bytes([" + string.Join(", ", parts) + "])";
            case RArray a:
                for (int i = 0; i < a.Count; i++) parts.Add(Render(a.Items[i], types));
                return ro + "[" + string.Join(", ", parts) + "]";
            case RTuple t:
                foreach (var x in t.Items) parts.Add(Render(x, types));
                return ro + "(" + string.Join(", ", parts) + ")";
            case RStruct: return ro + "struct";
            case REnum e:
            {
                foreach (var x in e.Fields) parts.Add(Render(x, types));
                var typeArgs = new List<string>();
                foreach (var t in e.TypeArgs) typeArgs.Add(AbiTypeName(t));
                return ro + types[e.TypeId] + "::" + e.Variant + "[" + string.Join(", ", typeArgs) + "](" + string.Join(", ", parts) + ")";
            }
            default: return v.IsUnit ? "Unit" : ValueFormat.Debug(v);
        }
    }

    static readonly Regex Handles = new(@"GcRef \{ index: \d+, generation: \d+ \}");
    static readonly Regex TypeRepIds = new(@"TypeRepId\(\d+\)");
    static string Normalize(string s) => TypeRepIds.Replace(Handles.Replace(s, "GcRef"), "TypeRepId(*)");

    /// <summary>Our outcome in the harness's text form; array mutators have a second, shorter form.</summary>
    static string[] Run(string testCase)
    {
        int bar = testCase.IndexOf('|');
        string name = testCase[..bar], rest = testCase[(bar + 1)..];
        var env = name.StartsWith('~') ? WithoutOption : WithOption;
        var id = Enum.Parse<Intrinsic>(name.TrimStart('~'));
        var argText = rest.Length == 0 ? Array.Empty<string>() : rest.Split(';');
        var args = new Value[argText.Length];
        for (int i = 0; i < args.Length; i++) args[i] = Arg(argText[i]);
        string? trap = Intrinsics.Invoke(id, args, env, out Value result);
        if (trap != null) return new[] { "T\t" + trap };
        var types = env.Module.TypeNames;
        bool mutator = name.Contains("Array") && !name.Contains("Concat") && !name.Contains("Slice") && !name.Contains("Len") && args.Length > 1;
        if (!mutator) return new[] { "D\t" + Render(result, types) };
        // The harness returns (result, len, array), or (result, len) when the reference cannot
        // convert the array to an ABI value (empty, or mixed element types).
        var arr = (RArray)args[1].Obj!;
        string head = "D\t(" + Render(result, types) + ", Int(" + arr.Count + ")";
        return new[] { head + ", " + Render(args[1], types) + ")", head + ")" };
    }

    [Test]
    public void Every_recorded_case_matches_the_reference()
    {
        string path = Path.Combine(Paths.RepoRoot, "tests", "Rusk.Vm.Tests", "Execution", "IntrinsicsReference", "expected.tsv");
        int total = 0, failed = 0;
        var report = new StringBuilder();
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0) continue;
            var cols = line.Split('\t', 3);
            total++;
            string expected = cols[1] + "\t" + cols[2];
            string[] candidates = Run(cols[0]);
            bool ok = false;
            foreach (string c in candidates) ok |= Normalize(c) == expected;
            string actual = Normalize(candidates[0]);
            if (!ok && failed++ < 40)
                report.AppendLine($"{cols[0]}\n    reference: {expected}\n    ours:      {actual}");
        }
        Assert.That(total, Is.GreaterThan(2500), "expected.tsv is incomplete");
        Assert.That(failed, Is.EqualTo(0), $"{failed} of {total} cases differ:\n{report}");
    }
}
