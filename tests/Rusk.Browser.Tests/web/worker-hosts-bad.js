// A host module whose default export has neither supported shape (RuskWorker tests).
export default 42;
