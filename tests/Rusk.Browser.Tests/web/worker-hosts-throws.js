// A host module whose install function throws (RuskWorker tests: createVm must reject with it).
export default function install() {
  throw new RangeError("install failed on purpose");
}
