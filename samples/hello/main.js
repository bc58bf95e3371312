// The sample page: boots the runtime from dist/, runs hello.rbc with a JS host import and a JS
// effect handler, and shows every line (window.sampleDone lets `make run` read them).
import { loadRusk, runVm } from "../../dist/index.js";

const out = document.getElementById("out");
const lines = [];
const show = (line) => {
  lines.push(line);
  out.textContent += `${line}\n`;
};

try {
  const rusk = await loadRusk();
  const rbc = new Uint8Array(await (await fetch("hello.rbc")).arrayBuffer());

  // std::println goes to `stdout`; keep whole lines.
  let pending = "";
  const vm = rusk.createVm(rbc, {
    stdout(text) {
      pending += text;
      for (let i = pending.indexOf("\n"); i >= 0; i = pending.indexOf("\n")) {
        show(pending.slice(0, i));
        pending = pending.slice(i + 1);
      }
    },
  });

  vm.registerHostImport("sample::add", (a, b) => {
    show(`  [js] host import sample::add(${a}, ${b})`);
    return a + b;
  });

  const result = await runVm(vm, {
    effects: {
      async "Page.ask"(question) {
        const answer = "Chromium";
        show(`  [js] effect Page.ask(${JSON.stringify(question)}) answered ${JSON.stringify(answer)}`);
        return answer;
      },
    },
  });
  show(`  [js] main returned ${result}`);
  vm.dispose();
  window.sampleDone = { ok: true, lines };
} catch (e) {
  show(`error: ${e?.message ?? e}`);
  window.sampleDone = { ok: false, lines };
}
