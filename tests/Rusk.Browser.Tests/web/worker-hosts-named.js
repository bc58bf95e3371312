// Host module shape 1 (RuskWorker tests): named exports under the host import's own name
// (ES2022 string export names); exports no module declares are ignored.
const add = (a, b) => a + b;
export { add as "test::add_int", add as "js::add_int" };
export const notAHostImport = () => 0n;
