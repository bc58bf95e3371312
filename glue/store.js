// The handle store: everything JS holds that pins something in the .NET runtime (VMs, composite
// values, pinned continuations, modules) is an entry here, named by slot + generation. Releasing
// an entry runs its release function once; a FinalizationRegistry releases entries whose handle
// object JS dropped without dispose(). A handle whose entry is gone fails with a clear Error.

const disposeSymbol = Symbol.dispose ?? Symbol.for("Symbol.dispose");

export class HandleStore {
  #gens = [];
  #releases = [];
  #free = [];
  #live = 0;
  #registry = new FinalizationRegistry((held) => this.release(held.slot, held.generation));

  /** Number of live entries (tests and leak checks). */
  get size() {
    return this.#live;
  }

  /**
   * Adds an entry for `owner` (the object handed to user code) whose `release` runs once when
   * the entry is released. Returns its slot and generation.
   */
  add(owner, release) {
    const slot = this.#free.length > 0 ? this.#free.pop() : this.#gens.push(0) - 1;
    const generation = this.#gens[slot];
    this.#releases[slot] = release;
    this.#live++;
    this.#registry.register(owner, { slot, generation }, owner);
    return { slot, generation };
  }

  isLive(slot, generation) {
    return this.#gens[slot] === generation && this.#releases[slot] !== undefined;
  }

  /** Releases the entry if it is still live (repeated or stale releases do nothing). */
  release(slot, generation, owner, runRelease = true) {
    if (!this.isLive(slot, generation)) return false;
    const release = this.#releases[slot];
    this.#releases[slot] = undefined;
    this.#gens[slot] = (generation + 1) >>> 0;
    this.#free.push(slot);
    this.#live--;
    if (owner !== undefined) this.#registry.unregister(owner);
    if (!runRelease) return true;
    try {
      release();
    } catch {
      // A release only frees memory; a failure there (runtime gone) must not surface in a finalizer.
    }
    return true;
  }
}

/** The one store of the page (every runtime object shares it). */
export const store = new HandleStore();

/**
 * Base of every handle: holds its store entry, checks it on use, and releases it on dispose()
 * or `using` (Symbol.dispose). `what` names the object in errors ("Vm", "composite value", ...).
 */
export class Handle {
  #slot;
  #generation;
  #what;

  constructor(what, release) {
    this.#what = what;
    const { slot, generation } = store.add(this, release);
    this.#slot = slot;
    this.#generation = generation;
  }

  /** True once dispose() ran (or the owning VM was disposed). */
  get disposed() {
    return !store.isLive(this.#slot, this.#generation);
  }

  /** Throws if this handle was disposed. */
  _check() {
    if (!store.isLive(this.#slot, this.#generation)) {
      throw new Error(`${this.#what} used after dispose`);
    }
  }

  /** Releases what this handle pins; later uses throw. Safe to call twice. */
  dispose() {
    store.release(this.#slot, this.#generation, this);
  }

  /** Drops the entry without running its release (what it pinned is already gone). */
  _forget() {
    store.release(this.#slot, this.#generation, this, false);
  }

  [disposeSymbol]() {
    this.dispose();
  }
}
