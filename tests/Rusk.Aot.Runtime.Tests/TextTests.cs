// Our StringBuilder and integer text (Number) against the BCL with the invariant culture, over
// seeded random inputs and the edge values of each integer type.
using System.Globalization;
using NUnit.Framework;
using OurNumber = RuskCorlib.System.Number;
using OurStringBuilder = RuskCorlib.System.Text.StringBuilder;

namespace Rusk.Aot.Runtime.Tests;

[TestFixture]
public sealed class TextTests
{
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void StringBuilder_matches_the_BCL_over_random_operations(int seed)
    {
        var r = new Random(seed);
        var ours = new OurStringBuilder();
        var bcl = new System.Text.StringBuilder();
        for (int step = 0; step < 3000; step++)
        {
            int op = r.Next(14), a = r.Next(-2, bcl.Length + 3), b = r.Next(-2, 6);
            char c = (char)('a' + r.Next(26));
            string s = new string(c, r.Next(0, 4));
            long n = r.NextInt64(long.MinValue, long.MaxValue) >> r.Next(64);
            string what = $"seed {seed} step {step} op {op} ({a}, {b}, '{s}', {n})";
            switch (op)
            {
                case 0: Same.Check(what, () => ours.Append(c).ToString(), () => bcl.Append(c).ToString()); break;
                case 1: Same.Check(what, () => ours.Append(s).ToString(), () => bcl.Append(s).ToString()); break;
                case 2: Same.Check(what, () => ours.Append(c, b).ToString(), () => bcl.Append(c, b).ToString()); break;
                case 3: Same.Check(what, () => ours.Append("xyzw", a, b).ToString(), () => bcl.Append("xyzw", a, b).ToString()); break;
                case 4:
                    Same.Check(what, () => ours.Append((int)n).Append(n).Append((uint)n).Append((ushort)n).ToString(),
                            () => bcl.Append((int)n).Append(n).Append((uint)n).Append((ushort)n).ToString()); break;
                case 5: Same.Check(what, () => ours.Insert(a, s).ToString(), () => bcl.Insert(a, s).ToString()); break;
                case 6: Same.Check(what, () => ours.Insert(a, c).ToString(), () => bcl.Insert(a, c).ToString()); break;
                case 7: Same.Check(what, () => ours.Remove(a, b).ToString(), () => bcl.Remove(a, b).ToString()); break;
                case 8: Same.Check(what, () => ours[a], () => bcl[a]); break;
                case 9: Same.Check(what, () => { ours[a] = c; return ours.ToString(); }, () => { bcl[a] = c; return bcl.ToString(); }); break;
                case 10: Same.Check(what, () => { ours.Length = a; return ours.ToString(); }, () => { bcl.Length = a; return bcl.ToString(); }); break;
                case 11: Same.Check(what, () => ours.ToString(a, b), () => bcl.ToString(a, b)); break;
                case 12: Same.Check(what, () => ours.Append(s.AsSpan()).ToString(), () => bcl.Append(s.AsSpan()).ToString()); break;
                default: if (r.Next(15) == 0) Same.Check(what, () => ours.Clear().Length, () => bcl.Clear().Length); break;
            }
            Assert.That(ours.Length, Is.EqualTo(bcl.Length), what);
        }
    }

    static IEnumerable<long> SignedValues(int seed, long min, long max)
    {
        var r = new Random(seed);
        foreach (long v in new[] { min, min + 1, -1, 0, 1, 9, 10, max - 1, max }) yield return v;
        for (int i = 0; i < 500; i++) yield return Math.Clamp(r.NextInt64(long.MinValue, long.MaxValue) >> r.Next(64), min, max);
    }

    static readonly string?[] Formats = { null, "", "G", "D", "d", "D1", "D7", "D25", "x", "X", "x2", "X8", "x17" };

    [Test]
    public void Signed_integers_format_as_the_BCL_does()
    {
        foreach (long v in SignedValues(1, long.MinValue, long.MaxValue))
            foreach (string? f in Formats)
            {
                Same.Check($"long {v} '{f}'", () => OurNumber.FormatInt64(v, f, 64), () => v.ToString(f, Invariant));
                int i = (int)v;
                Same.Check($"int {i} '{f}'", () => OurNumber.FormatInt64(i, f, 32), () => i.ToString(f, Invariant));
                short h = (short)v;
                Same.Check($"short {h} '{f}'", () => OurNumber.FormatInt64(h, f, 16), () => h.ToString(f, Invariant));
                sbyte b = (sbyte)v;
                Same.Check($"sbyte {b} '{f}'", () => OurNumber.FormatInt64(b, f, 8), () => b.ToString(f, Invariant));
            }
    }

    [Test]
    public void Unsigned_integers_format_as_the_BCL_does()
    {
        foreach (long s in SignedValues(2, long.MinValue, long.MaxValue))
            foreach (string? f in Formats)
            {
                ulong v = (ulong)s;
                Same.Check($"ulong {v} '{f}'", () => OurNumber.FormatUInt64(v, f, 64), () => v.ToString(f, Invariant));
                uint i = (uint)v;
                Same.Check($"uint {i} '{f}'", () => OurNumber.FormatUInt64(i, f, 32), () => i.ToString(f, Invariant));
                byte b = (byte)v;
                Same.Check($"byte {b} '{f}'", () => OurNumber.FormatUInt64(b, f, 8), () => b.ToString(f, Invariant));
            }
    }

    [TestCase("Q")]
    [TestCase("N0")]
    [TestCase("x-1")]
    [TestCase("D1000000000")]
    public void Integer_formats_beyond_G_D_X_throw_FormatException_naming_the_format(string format)
    {
        // .NET would apply a custom or culture format; our corlib has none and says so.
        var e = Assert.Throws<FormatException>(() => OurNumber.FormatInt64(5, format, 32));
        Assert.That(e!.Message, Does.Contain(format));
    }

    static IEnumerable<string> ParseInputs()
    {
        var r = new Random(3);
        string[] fixedInputs =
        {
            "", " ", "0", "-0", "+0", "-", "+", "--1", "+-1", "12a", "a12", " 42 ", "\t-7\r\n", "4 2", "00000000000000000000001",
            "127", "128", "-128", "-129", "255", "256", "32767", "32768", "-32769", "65535", "65536",
            "2147483647", "2147483648", "-2147483648", "-2147483649", "4294967295", "4294967296",
            "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
            "18446744073709551615", "18446744073709551616", "99999999999999999999999", "1_000", "1,000", "1.0", "0x10", "\u00a01",
        };
        foreach (string s in fixedInputs) yield return s;
        const string alphabet = "0123456789-+ \t";
        for (int i = 0; i < 2000; i++)
        {
            var chars = new char[r.Next(1, 22)];
            for (int j = 0; j < chars.Length; j++) chars[j] = r.Next(4) == 0 ? alphabet[r.Next(alphabet.Length)] : (char)('0' + r.Next(10));
            yield return new string(chars);
        }
    }

    [Test]
    public void Integer_parsing_matches_the_BCL_with_NumberStyles_Integer()
    {
        const NumberStyles style = NumberStyles.Integer;
        foreach (string s in ParseInputs())
        {
            Same.Check($"long '{s}'", () => (OurNumber.TryParseInt64(s, long.MinValue, long.MaxValue, out long x), x),
                () => (long.TryParse(s, style, Invariant, out long y), y));
            Same.Check($"int '{s}'", () => (OurNumber.TryParseInt64(s, int.MinValue, int.MaxValue, out long x), x != 0 ? (int)x : 0),
                () => (int.TryParse(s, style, Invariant, out int y), y));
            Same.Check($"sbyte '{s}'", () => (OurNumber.TryParseInt64(s, sbyte.MinValue, sbyte.MaxValue, out long x), (sbyte)x),
                () => (sbyte.TryParse(s, style, Invariant, out sbyte y), y));
            Same.Check($"ulong '{s}'", () => (OurNumber.TryParseUInt64(s, ulong.MaxValue, out ulong x), x),
                () => (ulong.TryParse(s, style, Invariant, out ulong y), y));
            Same.Check($"uint '{s}'", () => (OurNumber.TryParseUInt64(s, uint.MaxValue, out ulong x), (uint)x),
                () => (uint.TryParse(s, style, Invariant, out uint y), y));
            Same.Check($"byte '{s}'", () => (OurNumber.TryParseUInt64(s, byte.MaxValue, out ulong x), (byte)x),
                () => (byte.TryParse(s, style, Invariant, out byte y), y));
        }
    }

    [TestCase("12a")]
    [TestCase("")]
    [TestCase("99999999999")]
    [TestCase("-99999999999")]
    public void Parse_failures_have_the_BCL_exception_and_message(string s)
    {
        Same.Check(s, () => { throw OurNumber.ParseFailure(s, "an Int32"); }, () => int.Parse(s, Invariant));
    }

    [Test]
    public void Formatting_into_spans_reports_what_fits()
    {
        var chars = new char[3];
        Assert.That(OurNumber.TryCopy("-12", chars, out int n), Is.True);
        Assert.That((new string(chars), n), Is.EqualTo(("-12", 3)));
        Assert.That(OurNumber.TryCopy("1234", chars, out n), Is.False);
        Assert.That(n, Is.Zero);
        var bytes = new byte[4];
        Assert.That(OurNumber.TryCopyUtf8("-12", bytes, out n), Is.True);
        Assert.That(bytes[..n], Is.EqualTo("-12"u8.ToArray()));
    }
}
