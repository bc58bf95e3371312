// Restores a snapshot made by .NET under Node.js, checks the request comes back, answers it and
// writes the finished VM's snapshot for .NET to restore. Prints one JSON line: {request, arg, done}.
// Usage: node resume-snapshot.mjs DIST_INDEX_JS MODULE.rbc SNAPSHOT_IN ANSWER SNAPSHOT_OUT
// RUSK_ENGINE=aot runs it on the AOT engine (and fails rather than fall back to mono).
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [index, rbcPath, snapIn, answer, snapOut] = process.argv.slice(2);
const { loadRusk } = await import(pathToFileURL(index).href);
const engine = process.env.RUSK_ENGINE || undefined;
const rusk = await loadRusk({ engine });
if (engine !== undefined && rusk.engine !== engine) throw new Error(`asked for engine ${engine}, booted ${rusk.engine} (feature probe failed)`);
const rbc = new Uint8Array(readFileSync(rbcPath));
const vm = rusk.restoreVm(rbc, new Uint8Array(readFileSync(snapIn)));
const r = vm.step();
vm.resume(r.k, answer);
const done = vm.step();
writeFileSync(snapOut, vm.snapshot());
console.log(JSON.stringify({ request: r.tag, arg: r.args[0], done: done.value }));
vm.dispose();
