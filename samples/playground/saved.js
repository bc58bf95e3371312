// The playground's one saved VM, kept in IndexedDB so it survives a reload or a closed tab: the
// program's bytes, the VM's snapshot, the options it ran with and the output shown so far.
const DB = "rusk-playground";
const STORE = "saved";
const KEY = "vm";

function open() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function transact(mode, act) {
  const db = await open();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = act(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/** Stores `record` ({name, rbc, snapshot, options, stdout, hostLog}), replacing the last one. */
export const saveVm = (record) => transact("readwrite", (s) => s.put(record, KEY));

/** The saved record, or undefined. */
export const loadSavedVm = () => transact("readonly", (s) => s.get(KEY));
