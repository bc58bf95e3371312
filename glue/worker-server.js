// The worker half of RuskWorker (glue/worker-client.js is the other): boots the runtime inside a
// Worker and serves VM operations requested by the page over postMessage. Host imports run here,
// synchronously, from a host module the page names by URL; external effects go to the page.
//
// It imports the API from "./index.js" (kept external by the build), so a host module that imports
// the same dist/index.js URL shares its classes (abi constructors, HostError) with the VMs here.
//
// Messages in: {op, id?, ...}; a reply {re: id, ok} or {re: id, err: {name, message}} when `id` is
// set. Events out: {ev: "stdout"|"message"|"request", ...}. Values cross in the wire form described
// in worker-client.js (structured-clone data only).
import { loadRusk, abi, HostError, CompositeValue, PinnedContinuation, yieldToEventLoop } from "./index.js";

/** What a host module's install function receives besides the Vm. */
function hostContext(state, data, post) {
  return Object.freeze({
    /** createVm's options.hostData, as cloned into the worker. */
    data,
    /** Sends `value` to createVm's options.onMessage on the page (stdout so far goes first). */
    postMessage(value) {
      flushStdout(state, post);
      post({ ev: "message", vm: state.id, data: value });
    },
    abi,
    HostError,
  });
}

/** One VM served here: the Vm, its unsent stdout, continuations handed to the page, its run. */
class VmState {
  constructor(id) {
    this.id = id;
    this.vm = null;
    this.out = "";
    /** PinnedContinuation handles the page holds by {index, generation}: kept so GC cannot unpin them. */
    this.pins = new Map();
    this.run = null;
  }
}

function flushStdout(state, post) {
  if (state.out === "") return;
  const text = state.out;
  state.out = "";
  post({ ev: "stdout", vm: state.id, text });
}

/** An error as plain data (the page rebuilds TypeError/RangeError/Error by name). */
export function errorWire(e) {
  if (e !== null && typeof e === "object" && typeof e.message === "string") {
    return { name: typeof e.name === "string" ? e.name : "Error", message: e.message };
  }
  return { name: "Error", message: String(e) };
}

// ---- values: VM → page ------------------------------------------------------------------------

const LEAF = new Set(["unit", "bool", "int", "float", "string", "bytes", "continuation", "byte", "char"]);

/**
 * A VM value in wire form. Composite handles become deep copies ({$:"c"}) and are released here;
 * pinned continuations become {$:"k", index, generation} and stay pinned until the page drops them.
 */
function toPage(v, state) {
  if (v === null || typeof v !== "object" || v instanceof Uint8Array) return v;
  if (Array.isArray(v)) return v.map((x) => toPage(x, state));
  if (v instanceof PinnedContinuation) {
    state.pins.set(pinKey(v.index, v.generation), v);
    return { $: "k", index: v.index, generation: v.generation };
  }
  if (v instanceof CompositeValue) {
    try {
      return snapshot(v, state);
    } finally {
      v.dispose();
    }
  }
  const o = {};
  for (const key of Object.keys(v)) o[key] = toPage(v[key], state);
  return { $: "o", v: o };
}

function snapshot(v, state) {
  const kind = v.kind;
  const type = v.abiType;
  const out = { $: "c", kind, type, name: v.typeName, variant: undefined, items: null, names: undefined };
  if (kind === "array" && typeof type.elem === "string" && LEAF.has(type.elem)) {
    // One call for a whole array of primitives instead of one per element.
    out.items = toPage(v.toJS(), state);
    return out;
  }
  if (kind === "struct") {
    const declared = v.vm._module.structFields(v.type);
    out.names = declared ? declared.map((f) => f.name) : Object.keys(v.toJS());
    out.items = out.names.map((n) => toPage(v.field(n), state));
    return out;
  }
  if (kind === "enum") out.variant = v.variant;
  const n = v.length;
  out.items = new Array(n);
  for (let i = 0; i < n; i++) out.items[i] = toPage(v.get(i), state);
  return out;
}

const pinKey = (index, generation) => index * 4294967296 + generation;

// ---- values: page → VM ------------------------------------------------------------------------

/** A wire value from the page as an AbiInput (composites through the abi constructors). */
function fromPage(w) {
  if (w === null || typeof w !== "object" || ArrayBuffer.isView(w)) return w;
  if (Array.isArray(w)) return w.map(fromPage);
  switch (w.$) {
    case "o": {
      const o = {};
      for (const key of Object.keys(w.v)) o[key] = fromPage(w.v[key]);
      return o;
    }
    case "c":
      switch (w.kind) {
        case "array": return abi.array(fromPage(w.items), w.elem ?? undefined);
        case "tuple": return abi.tuple(fromPage(w.items));
        case "struct": return abi.struct(w.name ?? null, fromPage(w.fields), w.typeArgs ?? undefined);
        case "enum": return abi.enumValue(w.name ?? null, w.variant, fromPage(w.fields), w.typeArgs ?? undefined);
      }
  }
  throw new TypeError(`worker: malformed value from the page (${String(w.$)})`);
}

// ---- the server ---------------------------------------------------------------------------------

/**
 * Serves the protocol over `port` = {post(message), listen(handler)}: glue/worker-entry.js gives
 * the Worker's global scope (browser) or parentPort (Node.js worker_threads).
 */
export function serve(port) {
  const post = (m) => port.post(m);
  let rusk;
  let nextId = 1;
  const vms = new Map();
  const modules = new Map();
  const runs = new Map();

  const vmState = (id) => {
    const s = vms.get(id);
    if (s === undefined) throw new Error("Vm used after dispose");
    return s;
  };
  const idle = (s, what) => {
    if (s.run !== null) throw new Error(`${what}: the Vm is already running (await run() or abort it first)`);
  };
  const stepResult = (s, r) => {
    flushStdout(s, post);
    switch (r.tag) {
      case "done": return { tag: "done", value: toPage(r.value, s) };
      case "request": return { tag: "request", effectId: r.effectId, args: r.args.map((a) => toPage(a, s)), k: r.k };
      default: return r;
    }
  };
  const unpin = (s, k) => {
    if (k !== null && typeof k === "object") s.pins.delete(pinKey(k.index, k.generation));
  };

  async function installHosts(s, url, data) {
    let mod;
    try {
      mod = await import(/* webpackIgnore: true */ /* @vite-ignore */ url);
    } catch (e) {
      throw new Error(`createVm options.hostModule: could not import ${url}: ${e?.message ?? e}`);
    }
    const { vm } = s;
    const ctx = hostContext(s, data, post);
    const byName = (name, fn) => {
      if (typeof fn === "function") vm.registerHostImport(name, fn);
    };
    for (const name of Object.keys(mod)) if (name !== "default") byName(name, mod[name]);
    const d = mod.default;
    if (typeof d === "function") await d(vm, ctx);
    else if (d !== null && typeof d === "object") for (const name of Object.keys(d)) byName(name, d[name]);
    else if (d !== undefined) throw new TypeError(`createVm options.hostModule: ${url}: the default export must be an install function (vm, ctx) or an object of host import functions`);
  }

  const ops = {
    async init({ base, engine, probe }) {
      rusk = await loadRusk({ baseUrl: base, engine, probe });
      return { bootMs: rusk.bootMs, engine: rusk.engine };
    },

    loadModule({ bytes }) {
      const m = rusk.loadModule(bytes);
      const id = nextId++;
      modules.set(id, m);
      return { module: id, typeNames: m.typeNames };
    },

    releaseModule({ module }) {
      modules.get(module)?.dispose();
      modules.delete(module);
    },

    async createVm({ vm: id, bytes, module, argv, metrics, hostModule, hostData, journal, maxHeapBytes, restore, replay }) {
      if (!Number.isInteger(id) || vms.has(id)) throw new Error(`worker: bad Vm id ${String(id)}`);
      let source = bytes;
      if (module !== undefined) {
        source = modules.get(module);
        if (source === undefined) throw new Error("createVm: the WorkerModule was disposed");
      }
      const s = new VmState(id);
      const options = { argv, metrics, journal, maxHeapBytes: maxHeapBytes || undefined, stdout: (t) => { s.out += t; } };
      // restoreVm / replayVm arrive here too: the same VM set-up, started from the bytes given.
      if (restore !== undefined) s.vm = rusk.restoreVm(source, restore, options);
      else if (replay !== undefined) s.vm = rusk.replayVm(source, replay, options);
      else s.vm = rusk.createVm(source, options);
      try {
        if (hostModule !== undefined) await installHosts(s, hostModule, hostData);
      } catch (e) {
        s.vm.dispose();
        throw e;
      }
      vms.set(s.id, s);
      return {
        vm: s.id,
        typeNames: s.vm.typeNames,
        hostImports: s.vm.listHostImports(),
        externalEffects: s.vm.listExternalEffects(),
      };
    },

    snapshot({ vm }) {
      const s = vmState(vm);
      idle(s, "snapshot");
      return s.vm.snapshot();
    },

    journal({ vm }) {
      return vmState(vm).vm.journal();
    },

    step({ vm, fuel }) {
      const s = vmState(vm);
      idle(s, "step");
      return stepResult(s, s.vm.step(fuel));
    },

    resume({ vm, k, value }) {
      const s = vmState(vm);
      idle(s, "resume");
      s.vm.resume(k, fromPage(value));
    },

    dropContinuation({ vm, k }) {
      const s = vmState(vm);
      idle(s, "dropContinuation");
      s.vm.dropContinuation(k);
      flushStdout(s, post);
    },

    dropPinnedContinuation({ vm, k }) {
      const s = vmState(vm);
      s.vm.dropPinnedContinuation(k);
      unpin(s, k);
    },

    resumePinnedContinuationTail({ vm, k, value }) {
      const s = vmState(vm);
      idle(s, "resumePinnedContinuationTail");
      s.vm.resumePinnedContinuationTail(k, fromPage(value));
      unpin(s, k);
    },

    state({ vm }) {
      const { vm: v } = vmState(vm);
      return { done: v.isDone(), trapped: v.isTrapped(), suspended: v.isSuspended() };
    },

    takeMetrics({ vm }) {
      return vmState(vm).vm.takeMetrics();
    },

    dispose({ vm }) {
      const s = vms.get(vm);
      if (s === undefined) return;
      vms.delete(vm);
      if (s.run !== null) {
        s.run.aborted = true;
        s.run.wake?.({ drop: true });
      }
      flushStdout(s, post);
      s.pins.clear();
      s.vm.dispose();
    },

    stats() {
      return { vms: vms.size, modules: modules.size, runs: runs.size };
    },

    /**
     * Drives the VM in fuel slices (yielding between them so abort/answer messages get in) and
     * asks the page for every external effect; settles with done, trap, or aborted.
     */
    async run({ vm, run, fuel }) {
      const s = vmState(vm);
      idle(s, "run");
      const r = { id: run, aborted: false, wake: null };
      s.run = r;
      runs.set(run, r);
      try {
        for (;;) {
          if (r.aborted || s.vm.disposed) return { tag: "aborted" };
          const res = stepResult(s, s.vm.step(fuel));
          if (res.tag === "done" || res.tag === "trap") return res;
          if (res.tag === "yield") {
            await yieldToEventLoop();
            continue;
          }
          const answer = await new Promise((resolve) => {
            r.wake = resolve;
            post({ ev: "request", run, effectId: res.effectId, args: res.args });
          });
          r.wake = null;
          if (s.vm.disposed) return { tag: "aborted" };
          if (answer.drop) {
            s.vm.dropContinuation(res.k);
            flushStdout(s, post);
            return { tag: r.aborted ? "aborted" : "dropped" };
          }
          try {
            s.vm.resume(res.k, fromPage(answer.value));
          } catch (e) {
            // A rejected resume value cancels the request, as a throwing handler does.
            s.vm.dropContinuation(res.k);
            flushStdout(s, post);
            throw e;
          }
        }
      } finally {
        s.run = null;
        runs.delete(run);
      }
    },
  };

  port.listen(async (msg) => {
    if (msg === null || typeof msg !== "object") return;
    if (msg.op === "answer" || msg.op === "abort") {
      const r = runs.get(msg.run);
      if (r === undefined || r.wake === null) {
        if (r !== undefined && msg.op === "abort") r.aborted = true;
        return;
      }
      if (msg.op === "abort") r.aborted = true;
      r.wake(msg.op === "abort" ? { drop: true } : msg);
      return;
    }
    const op = ops[msg.op];
    let reply;
    try {
      if (op === undefined) throw new Error(`worker: unknown operation ${String(msg.op)}`);
      if (rusk === undefined && msg.op !== "init") throw new Error("worker: runtime not booted");
      reply = { re: msg.id, ok: await op(msg) };
    } catch (e) {
      reply = { re: msg.id, err: errorWire(e) };
    }
    if (msg.id === undefined) return;
    try {
      post(reply);
    } catch (e) {
      post({ re: msg.id, err: errorWire(e) });
    }
  });
}
