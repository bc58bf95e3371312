// runVm: drives a Vm to completion on the event loop — steps in fuel slices, yields between
// slices, answers external effect requests with (possibly async) JS handlers.

import { effectHandlers, runOptions, unhandledEffect } from "./run-options.js";

/** Trap of a Rusk program, as runVm rejects with it. */
export class RuskTrapError extends Error {
  constructor(message, frames) {
    super(message);
    this.name = "RuskTrapError";
    /** The Rusk stack at the trap, innermost first: [{function, pc}]. */
    this.frames = frames;
  }
}

/**
 * Yields to the event loop with a macrotask. MessageChannel is not throttled in background tabs
 * (setTimeout is, to 1 s) and exists in Workers; requestAnimationFrame would stall when hidden.
 */
export function yieldToEventLoop() {
  if (typeof MessageChannel === "function") {
    return new Promise((resolve) => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        ch.port1.close();
        resolve();
      };
      ch.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Runs `vm` until it finishes; resolves with the program's result, rejects with a RuskTrapError
 * on a trap. `effects` maps "Interface.method" or an effect id to a handler `(...args) => value`
 * (may be async); a missing or throwing handler cancels the request (dropContinuation) and
 * rejects. `signal` aborts between slices and while a handler is pending (the VM is left as is,
 * a pending request is cancelled). `onYield` replaces the default yield between slices.
 */
export async function runVm(vm, options) {
  const { effects, fuelPerTick, signal, onYield } = runOptions(options, "runVm options");
  const pause = onYield ?? yieldToEventLoop;
  const { table, names } = effectHandlers(vm.listExternalEffects(), effects, "runVm options");
  const aborted = () => signal?.reason ?? new DOMException("runVm aborted", "AbortError");
  for (;;) {
    if (signal?.aborted) throw aborted();
    const r = vm.step(fuelPerTick);
    switch (r.tag) {
      case "done":
        return r.value;
      case "trap":
        throw new RuskTrapError(r.message, r.stack);
      case "yield":
        await pause();
        break;
      case "request": {
        const handler = table[r.effectId];
        if (typeof handler !== "function") {
          vm.dropContinuation(r.k);
          throw unhandledEffect(names, r.effectId);
        }
        let value;
        try {
          value = await raceAbort(handler(...r.args), signal, aborted);
        } catch (e) {
          if (!vm.disposed && vm.isSuspended()) vm.dropContinuation(r.k);
          throw e;
        }
        vm.resume(r.k, value);
        break;
      }
    }
  }
}

function raceAbort(value, signal, aborted) {
  if (signal === undefined) return value;
  if (signal.aborted) return Promise.reject(aborted());
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(aborted());
    signal.addEventListener("abort", onAbort, { once: true });
    Promise.resolve(value).then(
      (v) => { signal.removeEventListener("abort", onAbort); resolve(v); },
      (e) => { signal.removeEventListener("abort", onAbort); reject(e); },
    );
  });
}
