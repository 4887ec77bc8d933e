// Size and speed of the built package: `node bench/bench.mjs` (after run-tests.sh built pkg/).
// Reports figures only; nothing is asserted. See README.md for the recorded results.
//
// - size: the .wasm modules as shipped (scoring; importer of criteria tables), raw and gzipped
//   (level 9);
// - re-scoring one unit of the 100-leaf methodology (fixtures/bench/national-commune-100.json),
//   median of many runs: text in/out (`Methodology#scoreJson`) and objects in/out (`#score`),
//   and an open form with one entry changed (`Form#setJson`, `Form#set`);
// - the synthetic national commune run (10,600 units, recipe in fixtures/bench/README.md), timed
//   by national.mjs.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import * as par from 'parindex';

const wasm = readFileSync(new URL('../pkg/parindex_bg.wasm', import.meta.url));
const importerWasm = readFileSync(new URL('../pkg/parindex_import_bg.wasm', import.meta.url));
const methodologyText = readFileSync(
  new URL('../../fixtures/bench/national-commune-100.json', import.meta.url),
  'utf8',
);
const m = new par.Methodology(methodologyText);
const leaves = m.tree().filter((n) => n.leaf).map((n) => n.code);

/** Hundredths as decimal text with two places (57 → "0.57"), by integer arithmetic. */
const hundredths = (k) => `${Math.trunc(k / 100)}.${String(k % 100).padStart(2, '0')}`;

/** Unit `i` of the national commune run (fixtures/bench/README.md). */
function unit(i) {
  const entries = {};
  leaves.forEach((code, j) => {
    const s = (i * 7 + j * 13) % 101;
    const cut = (i + j) % 5 === 0;
    const appraisal = cut
      ? { round: 1, value: hundredths(Math.max(s - 25, 0)), reason: 'Thiếu tài liệu kiểm chứng', by: 'HĐTĐ' }
      : { round: 1, value: hundredths(s), by: 'HĐTĐ' };
    entries[code] = { self: hundredths(s), evidence: [`TLKC-${i}-${j}`], appraisals: [appraisal] };
  });
  return { unit: `Xã ${String(i).padStart(5, '0')}`, entries };
}

function median(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Median and fastest of `runs` timed calls, after 50 untimed ones. */
function time(f, runs) {
  for (let i = 0; i < 50; i++) f();
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    samples.push(performance.now() - t);
  }
  return { median: median(samples), min: Math.min(...samples) };
}

const ms = (x) => `${x.toFixed(3)} ms`;

console.log(`parindex bench — node ${process.version}, ${leaves.length}-leaf methodology '${m.id}'`);
const size = (bytes) => `${(bytes.length / 1024).toFixed(1)} KiB raw, ${(gzipSync(bytes, { level: 9 }).length / 1024).toFixed(1)} KiB gzipped`;
console.log(`wasm size: ${size(wasm)}`);
console.log(`importer module (loaded on demand): ${size(importerWasm)}`);

const one = { schema: 'par.assessments/1', units: [unit(0)] };
const oneText = JSON.stringify(one);
const runs = 2000;
const textPath = time(() => m.scoreJson(oneText), runs);
const objectPath = time(() => m.score(one), runs);
console.log(`re-score one unit, text in/out (Methodology#scoreJson): median ${ms(textPath.median)}, min ${ms(textPath.min)} over ${runs} runs`);
console.log(`re-score one unit, objects in/out (Methodology#score): median ${ms(objectPath.median)}, min ${ms(objectPath.min)} over ${runs} runs`);

// A portal's form, kept open: each keystroke sends the one entry it changed (`Form#set`), as the
// demo page does; the entry alternates between two values so that every call scores a change.
const form = m.openForm(unit(0));
const typed = [0, 1].map((k) => ({ self: hundredths(37 + k), evidence: ['TLKC-0-5'] }));
let keystroke = 0;
const formText = time(() => form.setJson(leaves[5], typed[keystroke++ % 2]), runs);
const formObject = time(() => form.set(leaves[5], typed[keystroke++ % 2]), runs);
form.free();
console.log(`re-score an open form, one entry changed, text out (Form#setJson): median ${ms(formText.median)}, min ${ms(formText.min)} over ${runs} runs`);
console.log(`re-score an open form, one entry changed, object out (Form#set): median ${ms(formObject.median)}, min ${ms(formObject.min)} over ${runs} runs`);

// The national run is timed in a fresh Node process that is given the run's bytes, as a portal
// is given the file a user picks: a fresh module, and no garbage from building the input here
// (the garbage collector's marking of a million discarded objects would run during the timed
// call). The text is built unit by unit, so that millions of objects are never live at once. The
// bytes go through a pipe, not a temporary file: a machine's temporary directory may not hold
// 124 MB, and a file cut short there would be timed as a refusal.
const unitTexts = [];
for (let i = 0; i < 10_600; i++) unitTexts.push(JSON.stringify(unit(i)));
const nationalRun = Buffer.from(`{"schema":"par.assessments/1","units":[${unitTexts.join(',')}]}`);
unitTexts.length = 0;
// Keeping every input (what the results show), and the scores only (all a ranking needs).
for (const detail of ['full', 'scores']) {
  const national = fileURLToPath(new URL('national.mjs', import.meta.url));
  execFileSync(process.execPath, [national, detail], {
    input: nationalRun,
    stdio: ['pipe', 'inherit', 'inherit'],
  });
}
