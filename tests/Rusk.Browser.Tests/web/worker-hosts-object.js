// Host module shape 2 (RuskWorker tests): a default object of host import functions by name.
export default {
  "test::add_int": (a, b) => a + b,
  "js::add_int": (a, b) => a + b,
};
