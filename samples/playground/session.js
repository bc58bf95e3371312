// One loaded program in the playground: its VM, the host imports the user chose, and the driving
// (single steps, or runs in fuel slices that yield to the event loop) with the counters shown.
import { HostError, yieldToEventLoop } from "../../dist/index.js";
import { compileHost, defaultHost } from "./hosts.js";
import { parseInput } from "./values.js";

export class Session {
  #rusk;
  #module;
  #hooks;
  #stopRequested = false;

  /**
   * `hooks`: stdout(text), hostLog(line), cleared() when a fresh VM starts (output starts over),
   * changed() after every state change. `options`: argv
   * (string[] or undefined for a zero-parameter main), metrics (count instructions).
   */
  constructor(rusk, bytes, name, options, hooks) {
    this.#rusk = rusk;
    this.#hooks = hooks;
    this.name = name;
    this.size = bytes.length;
    this.bytes = bytes;
    this.options = options;
    this.vm = null;
    // Decoded (and verified) once, here, so a bad file fails before anything is shown; every
    // reset creates its VM from this module.
    this.#module = rusk.loadModule(bytes);
    try {
      const probe = this.#probe(options.argv);
      this.imports = probe.listHostImports();
      this.effects = probe.listExternalEffects();
      probe.dispose();
    } catch (e) {
      this.#module.dispose();
      throw e;
    }
    this.typeNames = this.#module.typeNames;
    this.hosts = this.imports.map((info) => ({ info, ...defaultHost(info), fn: null, error: null, registered: false }));
    this.reset();
  }

  /** A VM only to list imports and effects: with or without argv, whichever main accepts. */
  #probe(argv) {
    try {
      return this.#rusk.createVm(this.#module, { argv });
    } catch (e) {
      try {
        return this.#rusk.createVm(this.#module, { argv: argv === undefined ? [""] : undefined });
      } catch {
        throw e;
      }
    }
  }

  /** A fresh VM from the same module; host state, output and counters start over. */
  reset() {
    this.#start(() => this.#rusk.createVm(this.#module, {
      argv: this.options.argv,
      metrics: this.options.metrics,
      stdout: (t) => this.#hooks.stdout(t),
    }));
  }

  /**
   * Replaces the VM with one restored from `snapshot` (vm.snapshot() of this program), then takes
   * a zero-fuel step so the page shows where it stands: the request it waits on, its outcome, or paused.
   */
  restore(snapshot) {
    this.#start(() => this.#rusk.restoreVm(this.#module, snapshot, {
      metrics: this.options.metrics,
      stdout: (t) => this.#hooks.stdout(t),
    }));
    if (this.vm === null) return;
    this.stepOnce(0);
    // Answering the restored request goes on running, as it would have before the save.
    this.mode = "run";
  }

  /** The VM's snapshot (only while it is not running). */
  snapshot() {
    if (this.running || this.vm === null) throw new Error("nothing to save while the program runs");
    return this.vm.snapshot();
  }

  #start(create) {
    this.vm?.dispose();
    this.#hooks.cleared();
    this.#stopRequested = false;
    this.running = false;
    this.mode = "step";
    this.status = "ready";
    this.pending = null;
    this.result = null;
    this.error = null;
    this.steps = 0;
    this.instructions = 0;
    this.hostCalls = 0;
    this.effectRequests = 0;
    this.vmMs = 0;
    this.wallMs = 0;
    this.state = {};
    this.vm = null;
    try {
      this.vm = create();
    } catch (e) {
      // E.g. main takes argv and none was given: shown as the outcome; fix argv, then Reset.
      this.status = "error";
      this.error = e.message;
    }
    for (const h of this.hosts) {
      h.registered = false;
      this.#compile(h);
    }
    this.#hooks.changed();
  }

  /** Changes host import `id` (expression text and/or whether it is provided); applies at once. */
  setHost(id, source, provided) {
    const h = this.hosts[id];
    h.source = source;
    h.provided = provided;
    if (!provided && h.registered && this.steps === 0 && !this.running) {
      // Nothing ran yet: a fresh VM leaves it unregistered, so calling it traps with the VM's own message.
      this.reset();
      return;
    }
    this.#compile(h);
    this.#hooks.changed();
  }

  #compile(h) {
    h.fn = null;
    h.error = null;
    try {
      h.fn = compileHost(h.source, { stdout: this.#hooks.stdout, hostLog: this.#hooks.hostLog, state: this.state });
    } catch (e) {
      h.error = e.message;
    }
    // Never registered = the VM's own "missing host import implementation" trap. Once registered
    // (the glue cannot unregister), "not provided" is the dispatcher's HostError below.
    if (h.provided && !h.registered && this.vm !== null) {
      const id = h.info.id;
      this.vm.registerHostImport(id, (...args) => this.#callHost(id, args));
      h.registered = true;
    }
  }

  #callHost(id, args) {
    const h = this.hosts[id];
    if (!h.provided) throw new HostError(`missing host import implementation: \`${h.info.name}\` (not provided in the playground)`);
    if (h.fn === null) throw new HostError(`the playground's expression for \`${h.info.name}\` does not compile: ${h.error}`);
    return h.fn(...args);
  }

  get finished() { return this.status === "done" || this.status === "trap" || this.status === "error"; }

  /** The Step button: one vm.step(fuel). Returns the StepResult, or null when the VM cannot step now. */
  stepOnce(fuel) {
    if (this.running) return null;
    this.mode = "step";
    const t0 = performance.now();
    const r = this.#step(fuel);
    this.wallMs += performance.now() - t0;
    this.#hooks.changed();
    return r;
  }

  #step(fuel) {
    if (this.finished || this.status === "request") return null;
    let r;
    const t0 = performance.now();
    try {
      r = this.vm.step(fuel);
    } catch (e) {
      this.status = "error";
      this.error = e.message;
      this.#hooks.changed();
      return null;
    } finally {
      this.vmMs += performance.now() - t0;
    }
    this.steps++;
    if (this.options.metrics) {
      const m = this.vm.takeMetrics();
      this.instructions += m.executedInstructions;
      this.hostCalls += m.hostCalls;
      this.effectRequests += m.effectRequests;
    }
    switch (r.tag) {
      case "yield":
        this.status = "paused";
        break;
      case "request":
        this.status = "request";
        this.pending = { effect: this.effects[r.effectId], args: r.args, k: r.k };
        break;
      default:
        this.status = r.tag;
        this.result = r;
        break;
    }
    return r;
  }

  /** Steps in slices of `fuel` until done, trap, an effect request or stop(); yields between slices. */
  async run(fuel) {
    if (this.running) return;
    this.running = true;
    this.mode = "run";
    this.#stopRequested = false;
    const t0 = performance.now();
    let lastPaint = t0;
    try {
      while (!this.#stopRequested) {
        const r = this.#step(fuel);
        if (r === null || r.tag !== "yield") break;
        const now = performance.now();
        if (now - lastPaint > 100) {
          lastPaint = now;
          this.wallMs += now - t0;
          this.#hooks.changed();
          this.wallMs -= now - t0;
        }
        await yieldToEventLoop();
      }
      if (this.#stopRequested && this.status === "paused") this.status = "stopped";
    } finally {
      this.wallMs += performance.now() - t0;
      this.running = false;
      this.#hooks.changed();
    }
  }

  stop() {
    this.#stopRequested = true;
  }

  /**
   * Answers the pending request with `text` parsed as the effect's return type (Error with the
   * reason when it does not parse or the glue rejects it). Returns whether a run was interrupted.
   */
  resume(text) {
    const p = this.pending;
    if (p === null) throw new Error("no effect request is pending");
    const value = parseInput(text, p.effect.ret);
    this.vm.resume(p.k, value);
    this.pending = null;
    this.status = "paused";
    this.#hooks.changed();
    return this.mode === "run";
  }

  /** Drops the pending continuation: the next step traps with "cancelled". */
  drop() {
    const p = this.pending;
    if (p === null) throw new Error("no effect request is pending");
    this.vm.dropContinuation(p.k);
    this.pending = null;
    this.status = "paused";
    this.#hooks.changed();
    return this.mode === "run";
  }

  dispose() {
    this.#stopRequested = true;
    this.vm?.dispose();
    this.vm = null;
    this.#module.dispose();
  }
}
