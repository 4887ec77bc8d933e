// The synthetic national commune run, timed in a fresh process: `node bench/national.mjs
// [DETAIL] [KIND] < FILE`, where FILE holds the run's assessments JSON (bench.mjs builds it and
// pipes it in), or its long table when KIND is `csv` (`python3 scripts/national-run.py --keep
// DIR` writes DIR/national-long.csv), and DETAIL is how much of their inputs the results keep
// (`full`, the default, or `scores`, all a ranking needs). Reports figures only; nothing is
// asserted.
//
// The file is given as its bytes, as a portal's file input gives the file a user picks
// (`await file.arrayBuffer()`): they go into the module as they are, not decoded to a string
// and encoded back. The first run is reported apart: a fresh module first grows its memory to
// the run's working size and V8 first compiles the module's hot code optimised, as on a portal's
// one national run.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as par from 'parindex';

// Read as a stream: the pipe a parent process gives may not be blocking, which a synchronous read
// of it refuses (EAGAIN).
const pieces = [];
for await (const piece of process.stdin) pieces.push(piece);
const bytes = Buffer.concat(pieces);
pieces.length = 0;
const detail = process.argv[2] ?? 'full';
const fromCsv = process.argv[3] === 'csv';
const m = new par.Methodology(
  readFileSync(new URL('../../fixtures/bench/national-commune-100.json', import.meta.url), 'utf8'),
);

/** Milliseconds to score the run and read its ranking table, and to free it; units ranked. */
function nationalRun() {
  const start = performance.now();
  const run = fromCsv ? m.scoreCsvResults(bytes, { detail }) : m.scoreResults(bytes, { detail });
  const table = run.rankTable();
  const ranked = performance.now();
  run.free();
  return { ranked: ranked - start, freed: performance.now() - ranked, units: table.length };
}

const ms = (x) => `${x.toFixed(0)} ms`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const first = nationalRun();
const later = [nationalRun(), nationalRun(), nationalRun()];
const inMiB = (bytes.length / 1048576).toFixed(1);
console.log(
  `national commune run, ${first.units.toLocaleString('en')} units (${inMiB} MiB of ` +
    `${fromCsv ? 'CSV' : 'JSON'} bytes in; Methodology#${fromCsv ? 'scoreCsvResults' : 'scoreResults'} ` +
    `with ${detail} detail + rankTable): ` +
    `first run ${ms(first.ranked)}, then median ${ms(median(later.map((r) => r.ranked)))} of 3 ` +
    `(freeing the results afterwards: first ${ms(first.freed)}, then median ` +
    `${ms(median(later.map((r) => r.freed)))})`,
);
