// Per-VM interning of runtime typereps (§8.2): one TypeRep object per distinct (ctor, payload,
// args), so typerep equality is a reference compare. Ids are dense in interning order.
using System;
using System.Collections.Generic;
using Rusk.Vm.Format;

namespace Rusk.Vm.Execution;

internal sealed class TypeRepTable
{
    readonly Dictionary<Key, TypeRep> _map = new();
    readonly List<TypeRep> _all = new();

    /// <summary>Pre-interned argument-less typereps of the payload-free kinds, indexed by kind.</summary>
    public readonly TypeRep[] Primitives = new TypeRep[16];

    public TypeRepTable()
    {
        for (int k = 0; k < 16; k++)
        {
            var kind = (TypeRepKind)k;
            if (kind is TypeRepKind.Tuple or TypeRepKind.Struct or TypeRepKind.Enum or TypeRepKind.Interface) continue;
            Primitives[k] = Intern(kind, 0, Array.Empty<TypeRep>());
        }
    }

    public int Count => _all.Count;

    /// <summary>The typerep with dense id <paramref name="id"/> (snapshots write the table in id order).</summary>
    public TypeRep At(int id) => _all[id];

    /// <summary>Interns (ctor, payload, args); the array is kept only if the typerep is new.</summary>
    public TypeRep Intern(TypeRepKind ctor, uint payload, TypeRep[] args) => Intern(ctor, payload, args, args.Length, owned: true);

    /// <summary>Interns (ctor, payload, buffer[0..count)); the buffer may be reused by the caller.</summary>
    public TypeRep Intern(TypeRepKind ctor, uint payload, TypeRep[] buffer, int count) => Intern(ctor, payload, buffer, count, owned: false);

    TypeRep Intern(TypeRepKind ctor, uint payload, TypeRep[] buffer, int count, bool owned)
    {
        var key = new Key(ctor, payload, buffer, count);
        if (_map.TryGetValue(key, out var t)) return t;
        TypeRep[] args;
        if (count == 0) args = Array.Empty<TypeRep>();
        else if (owned && count == buffer.Length) args = buffer;
        else { args = new TypeRep[count]; Array.Copy(buffer, args, count); }
        t = new TypeRep(ctor, payload, args, _all.Count);
        _all.Add(t);
        _map.Add(new Key(ctor, payload, args, count), t);
        return t;
    }

    readonly struct Key : IEquatable<Key>
    {
        readonly TypeRepKind _ctor;
        readonly uint _payload;
        readonly TypeRep[] _args;
        readonly int _count;

        public Key(TypeRepKind ctor, uint payload, TypeRep[] args, int count) { _ctor = ctor; _payload = payload; _args = args; _count = count; }

        public bool Equals(Key o)
        {
            if (_ctor != o._ctor || _payload != o._payload || _count != o._count) return false;
            for (int i = 0; i < _count; i++)
                if (!ReferenceEquals(_args[i], o._args[i])) return false;
            return true;
        }

        public override bool Equals(object? obj) => obj is Key k && Equals(k);

        public override int GetHashCode()
        {
            int h = ((int)_ctor * 31 + (int)_payload) * 31 + _count;
            for (int i = 0; i < _count; i++) h = h * 16777619 ^ _args[i].Id;
            return h;
        }
    }
}

internal sealed partial class TypeRep
{
    /// <summary>True when both arrays hold the same interned typereps.</summary>
    public static bool SameArgs(TypeRep[] a, TypeRep[] b)
    {
        if (ReferenceEquals(a, b)) return true;
        if (a.Length != b.Length) return false;
        for (int i = 0; i < a.Length; i++)
            if (!ReferenceEquals(a[i], b[i])) return false;
        return true;
    }
}
