// In/Out: `in` parameters and `ref readonly` returns carry modreq(InAttribute) in signatures, so
// member references from the program name this type.
namespace System.Runtime.InteropServices;

[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class InAttribute : Attribute
{
    public InAttribute() { }
}

[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class OutAttribute : Attribute
{
    public OutAttribute() { }
}
