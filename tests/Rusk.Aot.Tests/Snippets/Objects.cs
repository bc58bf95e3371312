// Step 2 snippets: objects, virtual and interface calls, casts, arrays, structs (box model),
// byrefs, statics, strings, exceptions, delegates.
using Rusk.Aot.Interop;

namespace Rusk.Aot.Snippets;

public abstract class Shape
{
    public int Id;
    protected Shape(int id) { Id = id; }
    public abstract int Area();
    public virtual int Sides() => 0;
}

public sealed class Rect : Shape
{
    readonly int _w, _h;
    public Rect(int id, int w, int h) : base(id) { _w = w; _h = h; }
    public override int Area() => _w * _h;
    public override int Sides() => 4;
}

public class Circle : Shape, ICounter
{
    readonly int _r;
    int _count;
    public Circle(int id, int r) : base(id) { _r = r; }
    public override int Area() => 3 * _r * _r;
    public int Next() => ++_count;
}

public interface ICounter { int Next(); }

public struct Point
{
    public int X, Y;
    public Point(int x, int y) { X = x; Y = y; }
    public int Sum() => X + Y;
    public void Move(int d) { X += d; Y -= d; }
}

public static class Objects
{
    static int s_counter = 5;
    static readonly int[] s_table = { 3, 1, 4, 1, 5, 9, 2, 6 };

    [WasmExport("virtual_calls")]
    public static int VirtualCalls()
    {
        Shape[] shapes = { new Rect(1, 2, 3), new Circle(2, 4), new Rect(3, 5, 5) };
        int s = 0;
        foreach (var sh in shapes) s += sh.Area() * 10 + sh.Sides() + sh.Id * 1000;
        return s;
    }

    [WasmExport("interface_calls")]
    public static int InterfaceCalls()
    {
        ICounter c = new Circle(1, 1);
        c.Next(); c.Next();
        return c.Next() + (c is Shape ? 100 : 0) + (((object)new Rect(1, 1, 1)) is ICounter ? 1000 : 0);
    }

    [WasmExport("casts")]
    public static int Casts()
    {
        object o = new Circle(7, 2);
        int s = 0;
        if (o is Shape sh) s += sh.Id;
        if (o is Rect) s += 100;
        var c = o as Circle;
        if (c != null) s += c.Area();
        return s;
    }

    [WasmExport("arrays")]
    public static long Arrays()
    {
        var a = new long[10];
        for (int i = 0; i < a.Length; i++) a[i] = (long)i * i;
        var b = new byte[4]; b[0] = 200; b[1] = (byte)(b[0] + 100);
        var c = new char[] { 'a', 'b' };
        var sb = new sbyte[1]; sb[0] = -5;
        return a[9] + a.Length + b[0] + b[1] + c[1] + sb[0] + s_table[5];
    }

    [WasmExport("structs")]
    public static int Structs()
    {
        var p = new Point(1, 2);
        var q = p;          // a copy
        q.X = 10;
        p.Move(3);
        var arr = new Point[3];
        arr[1] = q;
        arr[1].Y = 7;
        arr[2].Move(1);
        return p.Sum() * 1000 + q.X * 100 + arr[1].Y * 10 + arr[2].X + arr[0].Sum();
    }

    static void Swap(ref int a, ref int b) { int t = a; a = b; b = t; }
    static bool TryHalf(int x, out int half) { half = x / 2; return x % 2 == 0; }
    static ref int Slot(int[] a, int i) => ref a[i];

    [WasmExport("byrefs")]
    public static int ByRefs()
    {
        int x = 1, y = 2;
        Swap(ref x, ref y);
        var arr = new[] { 5, 6, 7 };
        Swap(ref arr[0], ref arr[2]);
        Slot(arr, 1) += 10;
        TryHalf(9, out int h);
        bool even = TryHalf(8, out int h2);
        return x * 10000 + y * 1000 + arr[0] * 100 + arr[1] + h + h2 + (even ? 1 : 0);
    }

    [WasmExport("statics")] public static int Statics() { s_counter += 2; return s_counter + Holder.Value; }

    static class Holder { public static readonly int Value = Compute(); static int Compute() => 40 + 2; }

    [WasmExport("strings")]
    public static int Strings()
    {
        string s = "héllo";
        string t = "héllo";
        return s.Length * 100 + s[1] + (ReferenceEquals(s, t) ? 1 : 0);
    }

    [WasmExport("exceptions")]
    public static int Exceptions()
    {
        int s = 0;
        try { s += 1; Thrower(5); s += 100; }
        catch (System.InvalidOperationException) { s += 10; }
        finally { s += 1000; }
        try { try { Thrower(1); } finally { s += 20000; } }
        catch (System.Exception) { s += 300000; }
        return s;
    }

    [WasmExport("exception_filters")]
    public static int ExceptionFilters()
    {
        int s = 0;
        for (int i = 0; i < 3; i++)
        {
            try
            {
                try { s += 1; if (i == 1) Thrower(1); if (i == 2) throw new System.ArgumentException(); }
                catch (System.Exception e) when (e is not System.InvalidOperationException) { s += 10; }
                finally { s += 100; }
            }
            catch (System.InvalidOperationException) { s += 1000; }
        }
        return s;
    }

    static int Classify(int k)
    {
        try
        {
            if (k == 0) return 1;
            if (k == 1) throw new System.InvalidOperationException();
            if (k == 2) throw new System.ArgumentException();
            if (k == 3) throw new System.ArgumentNullException();
            throw new System.Exception("other");
        }
        catch (System.ArgumentNullException) { return 30; }
        catch (System.InvalidOperationException) { k += 100; }
        catch (System.ArgumentException e) when (k == 2 && e != null) { return 20; }
        catch (System.Exception) { k += 1000; }
        return k;
    }

    [WasmExport("several_catches")]
    public static int SeveralCatches()
    {
        int s = 0;
        for (int k = 0; k < 5; k++) s = s * 7 + Classify(k);
        return s;
    }

    static void Thrower(int n) { if (n > 0) throw new System.InvalidOperationException(); }

    [WasmExport("delegates")]
    public static int Delegates()
    {
        int k = 3;
        System.Func<int, int> add = x => x + k;
        System.Func<int, int> dbl = Double;
        var c = new Circle(1, 2);
        System.Func<int> area = c.Area;
        return add(4) * 100 + dbl(5) + area();
    }

    static int Double(int x) => 2 * x;
}
