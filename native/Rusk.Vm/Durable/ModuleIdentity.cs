// What snapshots and journals know about a module: its content hash (SHA-256 of its canonical
// encoding, so a module decoded from bytes and one built in memory hash alike) and the numbering
// of the lowered program's handler sites, by which a snapshot names an installed handler.
using System.Collections.Generic;
using Rusk.Vm.Execution;
using Rusk.Vm.Format;

namespace Rusk.Vm.Durable;

internal sealed class ModuleIdentity
{
    public readonly byte[] Hash;
    /// <summary>Site object → its index in Program.Sites (handler definitions only).</summary>
    public readonly Dictionary<object, int> HandlerSites;

    ModuleIdentity(byte[] hash, Dictionary<object, int> handlerSites) { Hash = hash; HandlerSites = handlerSites; }

    public static ModuleIdentity Of(Module module)
    {
        if (module.DurableCache is { } id) return id;
        var p = LoweredModule.Of(module);
        var sites = new Dictionary<object, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < p.Sites.Length; i++)
            if (p.Sites[i] is HandlerDef) sites.Add(p.Sites[i], i);
        id = new ModuleIdentity(Sha256.Hash(RbcWriter.Encode(module)), sites);
        module.DurableCache = id;
        return id;
    }
}
