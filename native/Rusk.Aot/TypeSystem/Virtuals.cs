// Virtual and interface method resolution (ECMA-335 §II.10.3): which method introduces a vtable
// slot, which method a type uses for a slot, which method implements an interface method.
using System.Collections.Generic;
using System.Reflection.Metadata;

namespace Rusk.Aot.TypeSystem;

internal static class Virtuals
{
    /// <summary>The method that introduced the vtable slot <paramref name="m"/> occupies.</summary>
    public static MethodDesc SlotRoot(MethodDesc m)
    {
        if (!m.IsVirtual || m.IsNewSlot || m.Owner.IsInterface) return m;
        for (var b = m.Owner.BaseType; b != null; b = b.BaseType)
            foreach (var c in b.Context.MethodsOf(b))
                if (c.IsVirtual && c.Name == m.Name && c.Sig.SameAs(m.Sig)) return SlotRoot(c);
        return m;
    }

    /// <summary>The method type <paramref name="t"/> runs for slot <paramref name="slot"/> (a slot root).</summary>
    public static MethodDesc? FindOverride(DefType t, MethodDesc slot)
    {
        for (DefType? c = t; c != null; c = c.BaseType)
        {
            if (c == slot.Owner) return slot;
            foreach (var m in ExplicitImpls(c))
                if (m.Decl == slot || (m.Decl.IsVirtual && SlotRoot(m.Decl) == slot)) return m.Body;
            foreach (var m in c.Context.MethodsOf(c))
                if (m.IsVirtual && !m.Owner.IsInterface && m.Name == slot.Name && m.Sig.SameAs(slot.Sig) && SlotRoot(m) == slot) return m;
        }
        return null;
    }

    /// <summary>The method type <paramref name="t"/> runs for interface method <paramref name="im"/>.</summary>
    public static MethodDesc? FindInterfaceImpl(DefType t, MethodDesc im)
    {
        for (DefType? c = t; c != null; c = c.BaseType)
        {
            foreach (var m in ExplicitImpls(c)) if (m.Decl == im) return m.Body;
            foreach (var m in c.Context.MethodsOf(c))
                if (m.IsVirtual && !m.IsStatic && m.Name == im.Name && m.Sig.SameAs(im.Sig)) return m;
        }
        // A default interface method.
        return im.IsAbstract ? null : im;
    }

    static IEnumerable<(MethodDesc Decl, MethodDesc Body)> ExplicitImpls(DefType c)
    {
        if (!c.HasMetadata) yield break;
        var md = c.Asm!.Md;
        var ctx = new GenericContext(c.Inst, System.Array.Empty<TypeDesc>());
        foreach (var h in c.Def.GetMethodImplementations())
        {
            var mi = md.GetMethodImplementation(h);
            var decl = c.Context.ResolveMethod(c.Asm, mi.MethodDeclaration, ctx);
            var body = c.Context.ResolveMethod(c.Asm, mi.MethodBody, ctx);
            // A MethodDef body token resolves against the open type; re-home it on this instantiation.
            if (body.Owner != c && body.Owner.Handle == c.Handle && body.Owner.Asm == c.Asm) body = c.Context.MethodOf(c, body.Handle, body.MethodInst);
            yield return (decl, body);
        }
    }

    public static bool DerivesFrom(DefType t, DefType b)
    {
        for (DefType? c = t; c != null; c = c.BaseType) if (c == b) return true;
        return false;
    }

    public static MethodDesc? FindCctor(DefType t)
    {
        foreach (var m in t.Context.MethodsOf(t)) if (m.Name == ".cctor" && m.IsStatic) return m;
        return null;
    }

    public static bool HasAttribute(MetadataReader md, CustomAttributeHandleCollection attrs, string fullName)
    {
        foreach (var h in attrs)
            if (AttributeName(md, md.GetCustomAttribute(h)) == fullName) return true;
        return false;
    }

    public static string AttributeName(MetadataReader md, CustomAttribute a)
    {
        EntityHandle t = a.Constructor.Kind == HandleKind.MemberReference
            ? md.GetMemberReference((MemberReferenceHandle)a.Constructor).Parent
            : md.GetMethodDefinition((MethodDefinitionHandle)a.Constructor).GetDeclaringType();
        if (t.Kind == HandleKind.TypeReference)
        {
            var r = md.GetTypeReference((TypeReferenceHandle)t);
            return md.GetString(r.Namespace) + "." + md.GetString(r.Name);
        }
        if (t.Kind == HandleKind.TypeDefinition)
        {
            var d = md.GetTypeDefinition((TypeDefinitionHandle)t);
            return md.GetString(d.Namespace) + "." + md.GetString(d.Name);
        }
        return "";
    }
}

/// <summary>What T[] implements (.NET arrays are IReadOnlyList&lt;T&gt;): the corlib's plain C#
/// System.ArrayInterfaces statics stand in for the interface methods, the array passed first.</summary>
internal static class ArrayInterfaces
{
    static readonly string[] Names =
    {
        "System.Collections.Generic.IReadOnlyList`1", "System.Collections.Generic.IReadOnlyCollection`1",
        "System.Collections.Generic.IEnumerable`1", "System.Collections.IEnumerable",
    };

    public static List<DefType> Of(TypeSystemContext ts, ArrayType a)
    {
        var list = new List<DefType>();
        if (ts.Corlib == null) return list;
        foreach (var n in Names)
        {
            if (!ts.Corlib.TryFind(n, out var h)) continue;
            bool generic = n.EndsWith("`1");
            list.Add(ts.DefTypeOf(ts.Corlib, h, generic ? new[] { a.Element } : System.Array.Empty<TypeDesc>()));
        }
        return list;
    }

    /// <summary>The ArrayInterfaces method (instantiated over the element type) for interface method <paramref name="im"/>.</summary>
    public static MethodDesc? Impl(TypeSystemContext ts, ArrayType a, MethodDesc im)
    {
        string? name = im.Name switch { "get_Count" => "Count", "get_Item" => "Item", "GetEnumerator" => "GetEnumerator", _ => null };
        if (name == null || ts.Corlib == null || !ts.Corlib.TryFind("System.ArrayInterfaces", out var h)) return null;
        var owner = ts.DefTypeOf(ts.Corlib, h, System.Array.Empty<TypeDesc>());
        foreach (var m in ts.MethodsOf(owner))
            if (m.Name == name) return ts.MethodOf(owner, m.Handle, new[] { a.Element });
        return null;
    }
}
