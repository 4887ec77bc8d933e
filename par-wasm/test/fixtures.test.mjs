// Runs every case of fixtures/cases/ against the built package and compares the output with the
// case's expected.json byte for byte, exactly as par-core/tests/fixtures.rs does, in the case's
// language (lang.txt, else Vietnamese). The shared files are read in place.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import * as par from 'parindex';

const casesDir = fileURLToPath(new URL('../../fixtures/cases/', import.meta.url));

function read(dir, name) {
  const p = path.join(dir, name);
  return existsSync(p) ? readFileSync(p, 'utf8') : null;
}

/** A comparison case's previous ranking: results, or a ranking as published. */
function previousOf(dir) {
  return read(dir, 'previous.json') ?? read(dir, 'previous.csv');
}

function outcome(f) {
  try {
    return f();
  } catch (e) {
    if (e instanceof par.ParError) return e.toJSONText();
    throw e;
  }
}

/**
 * The case's language as an option: lang.txt, else Vietnamese, given explicitly as the Rust suite
 * does, so that a PAR_LANG in the shell running the suite changes nothing; and the detail its
 * results keep (detail.txt), if it names one.
 */
function options(dir) {
  const detail = read(dir, 'detail.txt')?.trim();
  return { lang: read(dir, 'lang.txt')?.trim() ?? 'vi', ...(detail ? { detail } : {}) };
}

/** The case's methodology: its JSON text (methodology.json), or a built-in one's id. */
function caseMethodology(dir) {
  return read(dir, 'methodology.json') ?? read(dir, 'methodology.txt').trim();
}

/** The case through the package's top-level functions (methodology by id or JSON text). */
function runCase(dir) {
  const lang = options(dir);
  // The previous ranking may be a published table (previous.csv) rather than results.
  const previous = read(dir, 'previous.json') ?? read(dir, 'previous.csv');
  const current = read(dir, 'current.json');
  if (previous !== null && current !== null) return outcome(() => par.compareJson(previous, current, lang));
  const methodology = caseMethodology(dir);
  const input = read(dir, 'input.json');
  if (input !== null) return outcome(() => par.scoreJson(methodology, input, lang));
  return outcome(() => par.scoreCsvJson(methodology, read(dir, 'input.csv'), lang));
}

/**
 * An annex case (annex.csv): its import, from the text and from the file's bytes, is
 * expected.json; its input.csv scored against the imported methodology is expected-scores.json.
 */
function runAnnexCase(dir, name) {
  const lang = options(dir);
  const expected = read(dir, 'expected.json');
  test(`fixture ${name} (annex text)`, () => {
    assert.equal(outcome(() => par.importTableJson(read(dir, 'annex.csv'), { id: 'annex', ...lang })), expected);
  });
  test(`fixture ${name} (annex bytes)`, () => {
    const bytes = new Uint8Array(readFileSync(path.join(dir, 'annex.csv')));
    assert.equal(outcome(() => par.importTableJson(bytes, { id: 'annex', ...lang })), expected);
  });
  const workbook = path.join(dir, 'annex.xlsx');
  if (existsSync(workbook)) {
    test(`fixture ${name} (annex workbook)`, () => {
      const imported = JSON.parse(par.importTableJson(new Uint8Array(readFileSync(workbook)), { id: 'annex', ...lang }));
      assert.deepEqual(imported.methodology, JSON.parse(expected).methodology);
    });
  }
  const input = read(dir, 'input.csv');
  if (input !== null) {
    test(`fixture ${name} (scored against the annex)`, () => {
      const m = par.Methodology.fromTable(read(dir, 'annex.csv'), { id: 'annex', ...lang });
      assert.equal(m.scoreCsvJson(input, lang), read(dir, 'expected-scores.json'));
    });
  }
}

/** The case through a loaded Methodology, the per-keystroke path, in the case's language. */
function runCaseLoaded(dir) {
  const lang = options(dir);
  const methodology = caseMethodology(dir);
  const input = read(dir, 'input.json');
  return outcome(() => {
    const m = new par.Methodology(methodology, lang);
    return input !== null ? m.scoreJson(input, lang) : m.scoreCsvJson(read(dir, 'input.csv'), lang);
  });
}

/**
 * The same table saved other ways (input-<how>.csv|txt), each scored from the file's bytes as a
 * page's file input gives them: expected.json, or expected-<how>.json where the way it was saved
 * shows in the results (as par-core/tests/fixtures.rs); and input.xlsx, read by `sheetToCsv`.
 */
function runVariants(dir, name) {
  const saved = readdirSync(dir).filter((f) => /^input-.*\.(csv|txt)$/.test(f)).sort();
  for (const file of saved) {
    const how = file.replace(/^input-/, '').replace(/\.[a-z]+$/, '');
    const expected = read(dir, `expected-${how}.json`) ?? read(dir, 'expected.json');
    test(`fixture ${name} (${file} as bytes)`, () => {
      const m = new par.Methodology(caseMethodology(dir));
      const bytes = new Uint8Array(readFileSync(path.join(dir, file)));
      assert.equal(outcome(() => m.scoreCsvJson(bytes, options(dir))), expected);
      assert.equal(outcome(() => par.scoreCsvJson(m, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length), options(dir))), expected);
    });
  }
  const workbook = path.join(dir, 'input.xlsx');
  if (existsSync(workbook)) {
    test(`fixture ${name} (input.xlsx through sheetToCsv)`, () => {
      const m = new par.Methodology(caseMethodology(dir));
      const csv = par.sheetToCsv(new Uint8Array(readFileSync(workbook)));
      assert.equal(outcome(() => m.scoreCsvJson(csv, options(dir))), read(dir, 'expected.json'));
    });
  }
}

const cases = readdirSync(casesDir)
  .filter((name) => statSync(path.join(casesDir, name)).isDirectory())
  .sort();

test('the whole fixture set is there', () => {
  assert.ok(cases.length >= 40, `expected the whole fixture set, found ${cases.length}`);
});

for (const name of cases) {
  const dir = path.join(casesDir, name);
  if (read(dir, 'annex.csv') !== null) {
    runAnnexCase(dir, name);
    continue;
  }
  runVariants(dir, name);
  const expected = readFileSync(path.join(dir, 'expected.json'), 'utf8');
  test(`fixture ${name}`, () => {
    assert.equal(runCase(dir), expected);
  });
  if (existsSync(path.join(dir, 'input.json'))) {
    // As a portal's file input gives the JSON file: its bytes, read without a string between.
    test(`fixture ${name} (input.json as bytes)`, () => {
      const bytes = new Uint8Array(readFileSync(path.join(dir, 'input.json')));
      assert.equal(outcome(() => par.scoreJson(caseMethodology(dir), bytes, options(dir))), expected);
    });
  }
  const analysis = read(dir, 'expected-analysis.json');
  if (analysis !== null) {
    test(`fixture ${name} (criterion analysis)`, () => {
      assert.equal(par.criteriaJson(runCase(dir)), analysis);
      assert.deepEqual(par.criteria(JSON.parse(runCase(dir))), JSON.parse(analysis));
    });
  }
  const tableRead = read(dir, 'expected-read.json');
  if (tableRead !== null) {
    test(`fixture ${name} (the table read into assessments)`, () => {
      const m = new par.Methodology(caseMethodology(dir));
      assert.equal(outcome(() => m.readCsvJson(read(dir, 'input.csv'), options(dir))), tableRead);
    });
  }
  if (existsSync(path.join(dir, 'expected-report.xlsx'))) {
    test(`fixture ${name} (Excel report)`, () => {
      const methodology = new par.Methodology(read(dir, 'methodology.json'), options(dir));
      const bytes = par.toXlsx(runCase(dir), { methodology, ...options(dir) });
      assert.ok(Buffer.from(bytes).equals(readFileSync(path.join(dir, 'expected-report.xlsx'))));
    });
    for (const kind of ['ranking', 'components', 'heatmap']) {
      test(`fixture ${name} (${kind} chart)`, () => {
        assert.equal(par.chart(runCase(dir), kind, options(dir)), read(dir, `expected-chart-${kind}.svg`));
      });
    }
    for (const table of ['ranking', 'criteria']) {
      test(`fixture ${name} (${table} as CSV for Excel)`, () => {
        assert.equal(par.toExcelCsv(runCase(dir), { table, ...options(dir) }), read(dir, `expected-${table}-excel.csv`));
      });
    }
  }
  if (read(dir, 'expected-changes-excel.csv') !== null) {
    test(`fixture ${name} (changes as CSV for Excel)`, () => {
      const csv = par.toExcelCsv(read(dir, 'current.json'), { table: 'changes', previous: previousOf(dir), lang: 'vi' });
      assert.equal(csv, read(dir, 'expected-changes-excel.csv'));
    });
  }
  if (read(dir, 'expected-chart-changes.svg') !== null) {
    test(`fixture ${name} (changes chart)`, () => {
      const svg = par.chart(read(dir, 'current.json'), 'changes', { previous: previousOf(dir), ...options(dir) });
      assert.equal(svg, read(dir, 'expected-chart-changes.svg'));
    });
  }
  if (read(dir, 'expected-form-model.json') !== null) {
    test(`fixture ${name} (form model)`, () => {
      const methodology = new par.Methodology(read(dir, 'methodology.json'), options(dir));
      assert.deepEqual(methodology.formModel(), JSON.parse(read(dir, 'expected-form-model.json')));
    });
  }
  for (const form of readdirSync(dir).filter((f) => f.startsWith('form') && f.endsWith('.json')).sort()) {
    test(`fixture ${name} (${form})`, () => {
      const methodology = new par.Methodology(read(dir, 'methodology.json'), options(dir));
      assert.equal(methodology.scoreFormJson(read(dir, form), options(dir)), read(dir, `expected-${form}`));
      assert.equal(methodology.scoreForm(JSON.parse(read(dir, form)), options(dir)).schema, 'par.form/1');
    });
  }
  for (const steps of readdirSync(dir).filter((f) => f.startsWith('open-form')).sort()) {
    test(`fixture ${name} (${steps})`, () => {
      const { open, set } = JSON.parse(read(dir, steps));
      const methodology = new par.Methodology(read(dir, 'methodology.json'), options(dir));
      const answer = outcome(() => {
        const form = methodology.openForm(open, options(dir));
        // An entry given as text is sent as that text, JSON or not.
        let last;
        for (const { code, entry } of set) last = form.setJson(code, entry, options(dir));
        assert.equal(form.scoreJson(options(dir)), last);
        form.free();
        return last;
      });
      assert.equal(answer, read(dir, `expected-${steps}`));
    });
  }
  for (const question of readdirSync(dir).filter((f) => f.startsWith('what-if')).sort()) {
    test(`fixture ${name} (${question})`, () => {
      const asked = JSON.parse(read(dir, question));
      const methodology = new par.Methodology(read(dir, 'methodology.json'), options(dir));
      const answer = outcome(() =>
        par.whatIfJson(methodology, runCase(dir), asked.unit, { set: asked.set, target: asked.target }, options(dir)),
      );
      assert.equal(answer, read(dir, `expected-${question}`));
    });
  }
  if (read(dir, 'previous.json') === null && read(dir, 'previous.csv') === null) {
    test(`fixture ${name} (loaded Methodology)`, () => {
      assert.equal(runCaseLoaded(dir), expected);
    });
  }
}
