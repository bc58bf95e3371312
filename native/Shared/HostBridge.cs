// Host imports implemented by the embedder: every call goes through the one host dispatcher
// (HostDispatcher.cs of each export layer: a [JSImport] or a [WasmImport] "rusk"."hostCall") with
// the VM id, the import id and the length of the argument tape in the scratch buffer; the glue
// leaves its answer there (a status byte, then a value tape or a message) and returns its length.
using System;

namespace Rusk.Vm.Marshalling;

static class HostBridge
{
    public static HostFunction For(Session session, int importId) => new HostImport(session, importId).Invoke;

    sealed class HostImport
    {
        readonly Session _session;
        readonly int _id;
        public HostImport(Session session, int id) { _session = session; _id = id; }

        public AbiValue Invoke(HostContext cx, ReadOnlySpan<AbiValue> args)
        {
            var w = TapeWriter.Shared.Begin();
            w.U32((uint)args.Length);
            for (int i = 0; i < args.Length; i++) w.Value(args[i], _session);
            int replyLength = HostDispatcher.Call(_session.Id, _id, w.Length);

            var r = new TapeReader(replyLength);
            try
            {
                if (r.U8() != 0) throw new HostException(r.Str());
                return r.Value(_session, cx);
            }
            catch (WasmApiException e) { throw new HostException(e.Message); }
        }
    }
}
