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

    public TypeRep Intern(TypeRepKind ctor, uint payload, TypeRep[] args)
    {
        var key = new Key(ctor, payload, args);
        if (_map.TryGetValue(key, out var t)) return t;
        t = new TypeRep(ctor, payload, args, _all.Count);
        _all.Add(t);
        _map.Add(key, t);
        return t;
    }

    readonly struct Key : IEquatable<Key>
    {
        readonly TypeRepKind _ctor;
        readonly uint _payload;
        readonly TypeRep[] _args;

        public Key(TypeRepKind ctor, uint payload, TypeRep[] args) { _ctor = ctor; _payload = payload; _args = args; }

        public bool Equals(Key o)
        {
            if (_ctor != o._ctor || _payload != o._payload || _args.Length != o._args.Length) return false;
            for (int i = 0; i < _args.Length; i++)
                if (!ReferenceEquals(_args[i], o._args[i])) return false;
            return true;
        }

        public override bool Equals(object? obj) => obj is Key k && Equals(k);

        public override int GetHashCode()
        {
            int h = ((int)_ctor * 31 + (int)_payload) * 31 + _args.Length;
            for (int i = 0; i < _args.Length; i++) h = h * 16777619 ^ _args[i].Id;
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
