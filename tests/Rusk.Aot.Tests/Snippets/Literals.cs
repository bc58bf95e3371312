// String literals: one object per distinct literal, and string.Intern of equal text returns that
// very object (the VM compares interned variant names by reference).
using Rusk.Aot.Interop;

namespace Rusk.Aot.Snippets;

public static class Literals
{
    [WasmExport("string_intern_finds_literals")]
    public static int InternFindsLiterals()
    {
        int r = ReferenceEquals(string.Intern(new string(new[] { 'S', 'o', 'm', 'e' })), "Some") ? 1 : 0;
        string other = new(new[] { 'z', 'q', 'x' });
        r += ReferenceEquals(string.Intern(other), other) ? 10 : 0;
        r += ReferenceEquals(string.Intern(new string(new[] { 'z', 'q', 'x' })), other) ? 100 : 0;
        r += ReferenceEquals(string.Intern(new string(new[] { 'S', 'o', 'm' })), "Som") ? 1000 : 0;
        r += ReferenceEquals(string.Intern(new string(new[] { 'S', 'o', 'm', 'e', 'x' })), "Some") ? 10000 : 0;
        r += ReferenceEquals(string.Intern(string.Empty), "") ? 100000 : 0;
        return r;
    }
}
