// Host imports implemented in JS: every call goes through the one [JSImport] dispatcher with the
// VM id, the import id and the argument tape; the glue answers with a status byte and a value tape.
using System;
using System.Runtime.InteropServices.JavaScript;

namespace Rusk.Vm.Wasm;

static partial class HostBridge
{
    /// <summary>glue/index.js registers this as module "rusk", function "hostCall".</summary>
    [JSImport("hostCall", "rusk")]
    internal static partial byte[] HostCall(int vm, int importId, byte[] args);

    public static HostFunction For(Session session, int importId) => new JsHostImport(session, importId).Invoke;

    sealed class JsHostImport
    {
        readonly Session _session;
        readonly int _id;
        public JsHostImport(Session session, int id) { _session = session; _id = id; }

        public AbiValue Invoke(HostContext cx, ReadOnlySpan<AbiValue> args)
        {
            var w = new TapeWriter();
            w.U32((uint)args.Length);
            for (int i = 0; i < args.Length; i++) w.Value(args[i], _session);
            byte[] reply;
            try { reply = HostCall(_session.Id, _id, w.ToArray()); }
            catch (JSException e) { throw new HostException($"js host dispatcher failed: {e.Message}"); }

            var r = new TapeReader(reply);
            try
            {
                if (r.U8() != 0) throw new HostException(r.Str());
                return r.Value(_session, cx);
            }
            catch (WasmApiException e) { throw new HostException(e.Message); }
        }
    }
}
