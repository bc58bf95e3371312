// The handle store: everything JS holds that pins something in the .NET runtime (VMs, composite
// values, pinned continuations, modules) is an entry here, named by slot + generation. Releasing
// an entry runs its release function once; a FinalizationRegistry releases entries whose handle
// object JS dropped without dispose(). A handle whose entry is gone fails with a clear Error.
// Entries may belong to a group (a Vm's values and continuations): releasing the group releases
// them all at once, without their release functions (what they pinned went with the group's owner).

const disposeSymbol = Symbol.dispose ?? Symbol.for("Symbol.dispose");

export class HandleStore {
  #gens = [];
  #releases = [];
  #groups = [];
  #free = [];
  #live = 0;
  #registry = new FinalizationRegistry((held) => this.release(held.slot, held.generation));

  /** Number of live entries (tests and leak checks). */
  get size() {
    return this.#live;
  }

  /**
   * Adds an entry for `owner` (the object handed to user code) whose `release` runs once when
   * the entry is released, in `group` (a Map of slot → generation) if given. Returns its slot and
   * generation.
   */
  add(owner, release, group) {
    const slot = this.#free.length > 0 ? this.#free.pop() : this.#gens.push(0) - 1;
    const generation = this.#gens[slot];
    this.#releases[slot] = release;
    this.#groups[slot] = group;
    group?.set(slot, generation);
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
    this.#groups[slot]?.delete(slot);
    this.#groups[slot] = undefined;
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

  /** Releases every live entry of `group` without running its release function. */
  releaseGroup(group) {
    for (const [slot, generation] of Array.from(group)) this.release(slot, generation, undefined, false);
  }
}

/** The one store of the page (every runtime object shares it). */
export const store = new HandleStore();

/**
 * Base of every handle: holds its store entry, checks it on use, and releases it on dispose()
 * or `using` (Symbol.dispose). `what` names the object in errors ("Vm", "composite value", ...);
 * `group` is the owner's group of entries, if any.
 */
export class Handle {
  #slot;
  #generation;
  #what;

  constructor(what, release, group) {
    this.#what = what;
    const { slot, generation } = store.add(this, release, group);
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
