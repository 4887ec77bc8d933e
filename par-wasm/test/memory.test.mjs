// The scoring module running out of memory, as a portal that keeps result after result meets
// it: a module that stopped cannot be trusted, so that call and every one after it are refused
// in the catalogue's words, never JavaScript's `unreachable` or `memory access out of bounds`.
// Run in a process of its own whose WebAssembly memory V8 holds to 64 MiB, where a few hundred
// units kept whole run out, rather than at the module's own 4 GiB.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';

const RUN_OUT = `
import * as par from 'parindex';
import { readFileSync } from 'node:fs';
const m = new par.Methodology(readFileSync('../fixtures/bench/national-commune-100.json', 'utf8'));
const leaves = m.tree().filter((n) => n.leaf).map((n) => n.code);
const units = Array.from({ length: 300 }, (_, i) => ({
  unit: 'Xã ' + i,
  entries: Object.fromEntries(leaves.map((code, j) => [code, {
    self: '0.5',
    evidence: ['TLKC-' + i + '-' + j],
    appraisals: [{ round: 1, value: '0.25', reason: 'Thiếu tài liệu kiểm chứng', by: 'HĐTĐ' }],
  }])),
}));
const document = JSON.stringify({ schema: 'par.assessments/1', units });
const said = (f) => {
  try {
    f();
    return 'answered';
  } catch (e) {
    return { kind: e.name, code: e.code ?? null, limit: e.limit ?? null, message: e.message };
  }
};
const kept = [];
let refused;
for (let run = 0; run < 100 && refused === undefined; run++) {
  try {
    kept.push(m.scoreResults(document));
  } catch (e) {
    refused = said(() => { throw e; });
  }
}
console.log(JSON.stringify({
  kept: kept.length,
  refused,
  after: [
    said(() => kept[0].rankTable()),
    said(() => new par.Methodology('camau-1880-2013-field1-excerpt')),
    said(() => par.scoreJson('camau-1880-2013-field1-excerpt', '{"schema": "par.assessments/1", "units": []}')),
  ],
  freed: said(() => kept.forEach((r) => r.free())),
}));
`;

test('a module that ran out of memory refuses that call and every one after it, and frees nothing', () => {
  const output = execFileSync(
    process.execPath,
    ['--wasm-max-mem-pages=1024', '--input-type=module', '-e', RUN_OUT],
    { cwd: new URL('..', import.meta.url), env: { ...process.env, PAR_LANG: 'en' }, encoding: 'utf8' },
  );
  const { kept, refused, after, freed } = JSON.parse(output);
  assert.ok(kept >= 1, 'results were kept before memory ran out');
  assert.equal(refused.kind, 'ParError');
  assert.equal(refused.code, 'limit_exceeded');
  assert.equal(refused.limit, 'wasm_memory');
  assert.match(refused.message, /ran out of memory .* reload the page/);
  assert.match(refused.message, /detail: 'scores'/);
  assert.deepEqual(after, [refused, refused, refused]);
  assert.equal(freed, 'answered');
});
