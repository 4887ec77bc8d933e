// A national run's assessments with one problem near their end, in a fresh process: the time the
// package takes to refuse them with the problem, and the process's resident memory afterwards.
// `node bench/refused.mjs FILE`, where FILE is `national-with-a-problem.json` as
// `python3 scripts/national-run.py --keep DIR` writes it. Reports figures only.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as par from 'parindex';

const text = readFileSync(process.argv[2], 'utf8');
const m = new par.Methodology(
  readFileSync(new URL('../../fixtures/bench/national-commune-100.json', import.meta.url), 'utf8'),
);
const start = performance.now();
let outcome = 'scored, not refused';
try {
  m.scoreResults(text).free();
} catch (e) {
  if (!(e instanceof par.ParError)) throw e;
  outcome = `refused: ${e.problems.length} problem (${e.code})`;
}
const seconds = (performance.now() - start) / 1000;
const rss = process.memoryUsage().rss / 1048576;
console.log(
  `national run with a problem (${(text.length / 1048576).toFixed(1)} MiB in; ` +
    `Methodology#scoreResults): ${outcome} in ${seconds.toFixed(1)} s, ${rss.toFixed(0)} MiB resident`,
);
