// Runs one step on our corlib and on the BCL and checks they agree: the same value, or the same
// exception type and message — for argument errors the same type and parameter name (.NET 10's
// argument messages embed the actual value and vary by method; the VM never shows them to users,
// an argument error being a bug of ours).
using NUnit.Framework;

namespace Rusk.Aot.Runtime.Tests;

internal static class Same
{
    public static void Check<T>(string step, Func<T> ours, Func<T> bcl)
    {
        var (ourValue, ourError) = Run(ours);
        var (bclValue, bclError) = Run(bcl);
        if (bclError is not null || ourError is not null)
        {
            Assert.That(Describe(ourError), Is.EqualTo(Describe(bclError)), step);
            return;
        }
        Assert.That(ourValue, Is.EqualTo(bclValue), step);
    }

    public static void Check(string step, Action ours, Action bcl) =>
        Check(step, () => { ours(); return 0; }, () => { bcl(); return 0; });

    static (T? Value, Exception? Error) Run<T>(Func<T> f)
    {
        try { return (f(), null); }
        catch (Exception e) { return (default, e); }
    }

    static string Describe(Exception? e) => e switch
    {
        null => "no exception",
        ArgumentException a => a.GetType().FullName + " (parameter " + a.ParamName + ")",
        _ => e.GetType().FullName + ": " + e.Message,
    };
}
