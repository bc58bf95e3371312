// Our List, Dictionary, HashSet and Stack against the BCL's over seeded random operation sequences:
// after every step the contents (in enumeration order), counts, results and exceptions must agree.
using NUnit.Framework;
using Ours = RuskCorlib.System.Collections.Generic;

namespace Rusk.Aot.Runtime.Tests;

[TestFixture]
public sealed class CollectionTests
{
    const int Steps = 2000;

    static string Key(Random r) => "k" + r.Next(40).ToString();

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    public void List_matches_the_BCL_over_random_operations(int seed)
    {
        var r = new Random(seed);
        var ours = new Ours.List<int>();
        var bcl = new List<int>();
        for (int step = 0; step < Steps; step++)
        {
            int op = r.Next(15), a = r.Next(-2, bcl.Count + 3), b = r.Next(-2, 6), v = r.Next(50);
            string what = $"seed {seed} step {step} op {op} ({a}, {b}, {v})";
            switch (op)
            {
                case 0: case 1: case 2: Same.Check(what, () => ours.Add(v), () => bcl.Add(v)); break;
                case 3: Same.Check(what, () => ours.Insert(a, v), () => bcl.Insert(a, v)); break;
                case 4: Same.Check(what, () => ours.RemoveAt(a), () => bcl.RemoveAt(a)); break;
                case 5: Same.Check(what, () => ours.RemoveRange(a, b), () => bcl.RemoveRange(a, b)); break;
                case 6: Same.Check(what, () => ours.Remove(v), () => bcl.Remove(v)); break;
                case 7: Same.Check(what, () => ours[a], () => bcl[a]); break;
                case 8: Same.Check(what, () => ours[a] = v, () => bcl[a] = v); break;
                case 9: Same.Check(what, () => (ours.Contains(v), ours.IndexOf(v)), () => (bcl.Contains(v), bcl.IndexOf(v))); break;
                case 10: Same.Check(what, () => ours.Sort(), () => bcl.Sort()); break;
                case 11: Same.Check(what, () => ours.Reverse(), () => bcl.Reverse()); break;
                case 12:
                {
                    int[] more = { v, v + 1, v + 2 };
                    Same.Check(what, () => ours.AddRange(more), () => bcl.AddRange(more));
                    break;
                }
                case 13:
                {
                    var x = new int[8];
                    var y = new int[8];
                    Same.Check(what, () => { ours.CopyTo(b, x, 1, 3); return x; }, () => { bcl.CopyTo(b, y, 1, 3); return y; });
                    break;
                }
                default: if (r.Next(20) == 0) Same.Check(what, () => ours.Clear(), () => bcl.Clear()); break;
            }
            Assert.That(ours.ToArray(), Is.EqualTo(bcl.ToArray()), what);
            Assert.That(ours.Count, Is.EqualTo(bcl.Count), what);
        }
        var seen = new List<int>();
        foreach (int x in ours) seen.Add(x);
        Assert.That(seen, Is.EqualTo(bcl));
    }

    [Test]
    public void List_enumeration_after_a_change_throws_as_the_BCL_does()
    {
        var ours = new Ours.List<string> { "a", "b" };
        var bcl = new List<string> { "a", "b" };
        Same.Check("modified while enumerating",
            () => { foreach (string s in ours) ours.Add(s); },
            () => { foreach (string s in bcl) bcl.Add(s); });
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    public void Dictionary_matches_the_BCL_including_enumeration_order_after_removals(int seed)
    {
        var r = new Random(seed);
        var ours = new Ours.Dictionary<string, int>();
        var bcl = new Dictionary<string, int>();
        for (int step = 0; step < Steps; step++)
        {
            int op = r.Next(10), v = r.Next(1000);
            string k = Key(r);
            string what = $"seed {seed} step {step} op {op} ({k}, {v})";
            switch (op)
            {
                case 0: case 1: Same.Check(what, () => ours.Add(k, v), () => bcl.Add(k, v)); break;
                case 2: Same.Check(what, () => ours.TryAdd(k, v), () => bcl.TryAdd(k, v)); break;
                case 3: Same.Check(what, () => ours[k] = v, () => bcl[k] = v); break;
                case 4: Same.Check(what, () => ours[k], () => bcl[k]); break;
                case 5: case 6: Same.Check(what, () => ours.Remove(k), () => bcl.Remove(k)); break;
                case 7:
                    Same.Check(what, () => (ours.Remove(k, out int x), x), () => (bcl.Remove(k, out int y), y));
                    break;
                case 8:
                    Same.Check(what, () => (ours.TryGetValue(k, out int x), x, ours.ContainsKey(k)),
                        () => (bcl.TryGetValue(k, out int y), y, bcl.ContainsKey(k)));
                    break;
                default: if (r.Next(30) == 0) Same.Check(what, () => ours.Clear(), () => bcl.Clear()); break;
            }
            Assert.That(Pairs(ours), Is.EqualTo(Pairs(bcl)), what);
            Assert.That(KeysOf(ours.Keys), Is.EqualTo(KeysOf(bcl.Keys)), what);
            Assert.That(ours.Count, Is.EqualTo(bcl.Count), what);
        }
    }

    [Test]
    public void Dictionary_with_int_keys_keeps_the_BCL_order_through_growth_and_slot_reuse()
    {
        var r = new Random(7);
        var ours = new Ours.Dictionary<int, int>(3);
        var bcl = new Dictionary<int, int>(3);
        for (int step = 0; step < 5000; step++)
        {
            // Keys spaced by powers of two collide in any table that only masks low bits.
            int k = r.Next(200) << r.Next(12);
            if (r.Next(3) == 0) Same.Check("remove " + k, () => ours.Remove(k), () => bcl.Remove(k));
            else Same.Check("set " + k, () => ours[k] = step, () => bcl[k] = step);
        }
        Assert.That(Pairs(ours), Is.EqualTo(Pairs(bcl)));
    }

    [Test]
    public void Dictionary_null_keys_and_modified_enumeration_throw_as_the_BCL_does()
    {
        var ours = new Ours.Dictionary<string, int> { ["a"] = 1 };
        var bcl = new Dictionary<string, int> { ["a"] = 1 };
        Same.Check("add null", () => ours.Add(null!, 1), () => bcl.Add(null!, 1));
        Same.Check("get null", () => ours[null!], () => bcl[null!]);
        Same.Check("modified while enumerating keys",
            () => { foreach (string k in ours.Keys) ours[k + "x"] = 2; },
            () => { foreach (string k in bcl.Keys) bcl[k + "x"] = 2; });
    }

    [Test]
    public void Dictionary_and_HashSet_use_the_given_comparer()
    {
        var ours = new Ours.HashSet<object>(ReferenceEqualityComparer.Instance);
        string a = new string('x', 3), b = new string('x', 3);
        Assert.That(ours.Add(a), Is.True);
        Assert.That(ours.Add(b), Is.True, "equal strings that are different objects");
        Assert.That(ours.Add(a), Is.False);
        Assert.That(ours.Count, Is.EqualTo(2));
    }

    [TestCase(1)]
    [TestCase(2)]
    public void HashSet_matches_the_BCL_including_enumeration_order(int seed)
    {
        var r = new Random(seed);
        var ours = new Ours.HashSet<int>();
        var bcl = new HashSet<int>();
        for (int step = 0; step < Steps; step++)
        {
            int v = r.Next(60), op = r.Next(8);
            string what = $"seed {seed} step {step} op {op} ({v})";
            if (op < 4) Same.Check(what, () => ours.Add(v), () => bcl.Add(v));
            else if (op < 6) Same.Check(what, () => ours.Remove(v), () => bcl.Remove(v));
            else if (op < 7) Same.Check(what, () => ours.Contains(v), () => bcl.Contains(v));
            else if (r.Next(20) == 0) Same.Check(what, () => ours.Clear(), () => bcl.Clear());
            var seen = new List<int>();
            foreach (int x in ours) seen.Add(x);
            Assert.That(seen, Is.EqualTo(new List<int>(bcl)), what);
        }
    }

    [Test]
    public void Stack_matches_the_BCL()
    {
        var r = new Random(5);
        var ours = new Ours.Stack<int>();
        var bcl = new Stack<int>();
        for (int step = 0; step < Steps; step++)
        {
            int v = r.Next(100), op = r.Next(6);
            string what = $"step {step} op {op}";
            if (op < 3) Same.Check(what, () => ours.Push(v), () => bcl.Push(v));
            else if (op == 3) Same.Check(what, () => ours.Pop(), () => bcl.Pop());
            else if (op == 4) Same.Check(what, () => ours.Peek(), () => bcl.Peek());
            else Same.Check(what, () => (ours.TryPop(out int x), x), () => (bcl.TryPop(out int y), y));
            Assert.That(new List<int>(ours), Is.EqualTo(new List<int>(bcl)), what);
            Assert.That(ours.Count, Is.EqualTo(bcl.Count), what);
        }
    }

    static List<string> Pairs<TKey, TValue>(IEnumerable<KeyValuePair<TKey, TValue>> d)
    {
        var list = new List<string>();
        foreach (var kv in d) list.Add(kv.Key + "=" + kv.Value);
        return list;
    }

    static List<string> KeysOf(IEnumerable<string> keys) => new List<string>(keys);
}
