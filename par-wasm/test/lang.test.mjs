// The language of the engine's texts: Vietnamese by default, `{ lang: 'en' }` on any call, the
// environment's PAR_LANG in Node when a call asks for none, and an unknown code refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as par from 'parindex';

// The default is under test here; PAR_LANG is set only in the child processes below.
delete process.env.PAR_LANG;

const cases = new URL('../../fixtures/cases/', import.meta.url);
const read = (name) => readFileSync(new URL(name, cases), 'utf8');
const mini = read('override-semantics/methodology.json');
const packageRoot = fileURLToPath(new URL('..', import.meta.url));

/** One unit whose self-score of criterion 2.1 (max 4) is 9. */
const outOfRange = {
  schema: 'par.assessments/1',
  units: [{ unit: 'UBND xã An Bình', entries: { '2.1': { self: '9' } } }],
};
/** One unit that scored only criterion 2.1: every other leaf is missing (counted as 0). */
const partial = {
  schema: 'par.assessments/1',
  units: [{ unit: 'UBND xã Hòa Lạc', entries: { '2.1': { self: '3' } } }],
};

function thrown(f) {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof par.ParError, `expected a ParError, got ${e}`);
    return e;
  }
  assert.fail('expected a ParError');
}

/**
 * What `score(mini, outOfRange, options)` throws in a fresh Node process whose environment holds
 * `env`: the error's code, field, message and first problem.
 */
function refusalInChild(env, options) {
  const script = `
    import * as par from 'parindex';
    try {
      par.score(${JSON.stringify(mini)}, ${JSON.stringify(outOfRange)}, ${JSON.stringify(options)});
    } catch (e) {
      const { code, path, message, problems } = e;
      console.log(JSON.stringify({ error: e.name, code, path, message, problem: problems[0] }));
    }`;
  const childEnv = { ...process.env, ...env };
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: packageRoot,
    env: childEnv,
    encoding: 'utf8',
  });
  return JSON.parse(out);
}

const VI_LINE =
  'đơn vị UBND xã An Bình: điểm tự chấm của tiêu chí 2.1 “Rà soát văn bản QPPL”: 9 vượt điểm tối đa 4 (mã lỗi: out_of_range)';
const EN_LINE =
  "unit UBND xã An Bình: the self-score of criterion 2.1 'Rà soát văn bản QPPL': 9 exceeds the max of 4 points (code: out_of_range)";

test('messages are Vietnamese by default, naming the unit and the criterion', () => {
  const e = thrown(() => par.score(mini, outOfRange));
  assert.equal(e.code, 'out_of_range');
  assert.equal(e.message, VI_LINE);
  assert.match(e.message, /vượt điểm tối đa/);
  assert.match(e.message, /đơn vị UBND xã An Bình/);
  assert.match(e.message, /tiêu chí 2\.1 “Rà soát văn bản QPPL”/);
  assert.equal(e.problems[0].message, 'điểm tự chấm của tiêu chí 2.1 “Rà soát văn bản QPPL”: 9 vượt điểm tối đa 4');
});

test("{ lang: 'en' } gives English messages; codes and fields stay the same", () => {
  const vi = thrown(() => par.score(mini, outOfRange));
  const en = thrown(() => par.score(mini, outOfRange, { lang: 'en' }));
  assert.equal(en.message, EN_LINE);
  assert.deepEqual(
    en.problems.map(({ message, ...place }) => place),
    vi.problems.map(({ message, ...place }) => place),
  );
  assert.equal(thrown(() => par.score(mini, outOfRange, { lang: 'vi' })).message, VI_LINE);
  // A code as an environment variable may write it.
  assert.equal(thrown(() => par.score(mini, outOfRange, { lang: 'en-US' })).message, EN_LINE);
});

test('warnings of a partial unit are Vietnamese by default, English when asked', () => {
  const vi = par.score(mini, partial).units[0].warnings;
  assert.ok(vi.length > 0);
  assert.ok(vi.every((w) => w.code === 'missing_leaf'));
  assert.equal(vi[0].message, 'tiêu chí 1.1.1 “Ban hành kế hoạch CCHC năm” chưa chấm (tính 0 điểm)');
  assert.ok(vi.every((w) => w.message.endsWith('chưa chấm (tính 0 điểm)')));
  const en = par.score(mini, partial, { lang: 'en' }).units[0].warnings;
  assert.equal(en[0].message, "no score was entered for criterion 1.1.1 'Ban hành kế hoạch CCHC năm'; counted as 0");
});

test('every call that refuses an input speaks the language asked for', () => {
  const results = par.scoreJson(mini, partial);
  const csv = 'unit,1.1.2\nA,x\n';
  const m = new par.Methodology(mini);
  const run = m.scoreResults(partial);
  const calls = {
    'new Methodology': (o) => new par.Methodology('no-such-id', o),
    loadMethodology: (o) => par.loadMethodology('no-such-id', o),
    validateMethodology: (o) => par.validateMethodology(read('error-methodology/methodology.json'), o),
    score: (o) => par.score(mini, outOfRange, o),
    scoreJson: (o) => par.scoreJson(m, outOfRange, o),
    scoreCsv: (o) => par.scoreCsv(mini, csv, o),
    scoreCsvJson: (o) => par.scoreCsvJson(m, csv, o),
    'Methodology#score': (o) => m.score(outOfRange, o),
    'Methodology#scoreResults': (o) => m.scoreResults(outOfRange, o),
    'Methodology#scoreCsv': (o) => m.scoreCsv(csv, o),
    'Methodology#csvToAssessments': (o) => m.csvToAssessments(csv, o),
    'ScoredResults#unit': (o) => run.unit('Nobody', o),
    'ScoredResults#lostPoints': (o) => run.lostPoints('Nobody', o),
    explain: (o) => par.explain(results, 'Nobody', o),
    lostPoints: (o) => par.lostPoints(results, 'Nobody', o),
    compare: (o) => par.compare(results, '{}', o),
  };
  for (const [name, f] of Object.entries(calls)) {
    const vi = thrown(() => f());
    const en = thrown(() => f({ lang: 'en' }));
    assert.equal(en.code, vi.code, name);
    assert.match(vi.message, /\(mã lỗi: [a-z_]+\)$/, `${name}: ${vi.message}`);
    assert.match(en.message, /\(code: [a-z_]+\)$/, `${name}: ${en.message}`);
    assert.notEqual(en.problems[0].message, vi.problems[0].message, name);
  }
  run.free();
});

test('the language belongs to each call, not to a loaded methodology or its results', () => {
  const m = new par.Methodology(mini, { lang: 'en' });
  assert.equal(thrown(() => m.score(outOfRange)).message, VI_LINE);
  assert.equal(thrown(() => m.score(outOfRange, { lang: 'en' })).message, EN_LINE);
  assert.equal(thrown(() => par.score(m, outOfRange, { lang: 'en' })).message, EN_LINE);
  assert.match(m.score(partial, { lang: 'en' }).units[0].warnings[0].message, /^no score was entered/);
  const run = m.scoreResults(partial, { lang: 'en' });
  assert.match(run.rankTable().length ? 'ok' : '', /ok/);
  assert.match(thrown(() => run.unit('Nobody')).message, /^đơn vị Nobody: kết quả không có đơn vị/);
  assert.match(thrown(() => run.unit('Nobody', { lang: 'en' })).message, /^unit Nobody: no unit named/);
  run.free();
});

test('an unknown language is refused with unknown_option, said in Vietnamese', () => {
  for (const f of [
    () => par.score(mini, outOfRange, { lang: 'fr' }),
    () => new par.Methodology(mini, { lang: 'fr' }),
    () => new par.Methodology(mini).score(partial, { lang: 'fr' }),
    () => par.validateMethodology(mini, { lang: '' }),
  ]) {
    const e = thrown(f);
    assert.equal(e.code, 'unknown_option');
    assert.equal(e.path, 'lang');
    assert.match(e.message, /^ngôn ngữ: không có ngôn ngữ “(fr)?”; dùng vi \(tiếng Việt\) hoặc en \(tiếng Anh\)/);
  }
});

test('an option of the wrong JavaScript type is a TypeError', () => {
  assert.throws(() => par.score(mini, partial, 'en'), /options must be an object/);
  assert.throws(() => par.score(mini, partial, { lang: 1 }), /lang option must be a language code/);
  assert.throws(() => new par.Methodology(mini, { lang: true }), TypeError);
  // A file's bytes where JSON text is read would go in as `{"0": …}`; a unit not given by its
  // name would fail deep in the module's glue.
  const bytes = new TextEncoder().encode(mini);
  assert.throws(() => new par.Methodology(bytes), /not a file's bytes: decode them first/);
  const results = new par.Methodology(mini).scoreResults(partial);
  for (const name of [42, undefined, null, {}]) {
    assert.throws(() => results.unit(name), /the unit must be given by its name \(a string\)/);
    assert.throws(() => results.lostPoints(name), TypeError);
  }
  results.free();
});

test('PAR_LANG=en in the environment of a Node process gives English messages', () => {
  const child = refusalInChild({ PAR_LANG: 'en' });
  assert.equal(child.error, 'ParError');
  assert.equal(child.message, EN_LINE);
  assert.match(child.problem.message, /exceeds the max of 4 points/);
});

test('PAR_LANG absent or empty: Vietnamese', () => {
  assert.equal(refusalInChild({}).message, VI_LINE);
  assert.equal(refusalInChild({ PAR_LANG: '' }).message, VI_LINE);
});

test('the lang option beats PAR_LANG', () => {
  assert.equal(refusalInChild({ PAR_LANG: 'en' }, { lang: 'vi' }).message, VI_LINE);
  assert.equal(refusalInChild({ PAR_LANG: 'vi' }, { lang: 'en' }).message, EN_LINE);
  // An unusable PAR_LANG does not matter when the call asks for a language.
  assert.equal(refusalInChild({ PAR_LANG: 'fr' }, { lang: 'en' }).message, EN_LINE);
});

test('an unknown PAR_LANG is refused with unknown_option naming the variable', () => {
  const child = refusalInChild({ PAR_LANG: 'fr' });
  assert.equal(child.error, 'ParError');
  assert.equal(child.code, 'unknown_option');
  assert.equal(child.path, 'PAR_LANG');
  assert.equal(child.problem.value, 'fr');
  assert.match(child.message, /không có ngôn ngữ “fr”/);
});
