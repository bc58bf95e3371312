// What runVm (driver.js) and WorkerVm.run (worker-client.js) share: one check of the run options
// and one effect-handler lookup, so the main thread and worker mode accept and reject the same.

/**
 * Checks run options and returns them with defaults; `what` names them in errors
 * ("runVm options", "run options").
 */
export function runOptions(options, what) {
  if (options === undefined) options = {};
  else if (options === null || typeof options !== "object") throw new TypeError(`${what}: expected an object`);
  const { effects, fuelPerTick = 50_000, signal, onYield } = options;
  if (!Number.isSafeInteger(fuelPerTick) || fuelPerTick <= 0) throw new RangeError("fuelPerTick: must be a positive integer");
  if (effects !== undefined && effects !== null && typeof effects !== "object") {
    throw new TypeError(`${what}.effects: expected an object or Map of handlers`);
  }
  if (signal !== undefined && !(typeof signal?.aborted === "boolean" && typeof signal.addEventListener === "function")) {
    throw new TypeError(`${what}.signal: expected an AbortSignal`);
  }
  if (onYield !== undefined && typeof onYield !== "function") throw new TypeError(`${what}.onYield: expected a function`);
  return { effects, fuelPerTick, signal, onYield };
}

/**
 * Handlers by effect id for a module's external effects (`[{id, interface, method}]`), looked up
 * in `effects` (an object or Map) by id or by "Interface.method"; `names` by id for messages.
 */
export function effectHandlers(externalEffects, effects, what) {
  const table = [];
  const names = [];
  for (const e of externalEffects) {
    const name = `${e.interface}.${e.method}`;
    names[e.id] = name;
    if (effects === undefined || effects === null) continue;
    const h = effects instanceof Map ? (effects.get(e.id) ?? effects.get(name)) : (effects[e.id] ?? effects[name]);
    if (h !== undefined && typeof h !== "function") throw new TypeError(`${what}.effects["${name}"]: expected a function`);
    table[e.id] = h;
  }
  return { table, names };
}

/** The rejection of a run whose request no handler answers. */
export function unhandledEffect(names, effectId) {
  return new Error(`unhandled external effect ${names[effectId] ?? "?"} (id ${effectId})`);
}
