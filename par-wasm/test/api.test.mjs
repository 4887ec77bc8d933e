// The package's API beyond the fixtures: errors as ParError, object inputs, decimals as strings,
// the helpers (rank table, explain, lost points, compare), and survival of hostile inputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import * as par from 'parindex';

// Messages are compared with the shared expected files, which are Vietnamese, the default: a
// PAR_LANG in the shell running the suite must not change them (lang.test.mjs tests PAR_LANG).
delete process.env.PAR_LANG;

const cases = new URL('../../fixtures/cases/', import.meta.url);
const read = (name) => readFileSync(new URL(name, cases), 'utf8');
const mini = read('override-semantics/methodology.json');

// Keys whose values are counts, ranks, depths or rounds: the only numbers a document may hold.
const INTEGER_KEYS = new Set([
  'rank', 'depth', 'round', 'count', 'above_mean', 'unbanded', 'places', 'row',
  'previous_rank', 'current_rank', 'rank_change',
]);

function assertNoDecimalNumbers(value, where = '$', parentKey = '') {
  if (typeof value === 'number') {
    assert.ok(
      INTEGER_KEYS.has(parentKey) || where.includes('.bands.'),
      `${where} is a JavaScript number`,
    );
    assert.ok(Number.isInteger(value), `${where} is not an integer`);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => assertNoDecimalNumbers(v, `${where}[${i}]`, parentKey));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) assertNoDecimalNumbers(v, `${where}.${k}`, k);
  }
}

function thrown(f) {
  try {
    f();
  } catch (e) {
    return e;
  }
  assert.fail('expected a ParError');
}

test('lists and loads the built-in methodologies', () => {
  const list = par.listBuiltin();
  assert.ok(list.some((b) => b.id === 'bnv-876-2022-province'));
  assert.deepEqual(JSON.parse(par.listBuiltinJson()), list);
  for (const { id } of list) {
    const m = par.loadMethodology(id);
    assert.equal(m.id, id);
    assert.equal(typeof m.name, 'string');
    const tree = m.tree();
    assert.ok(tree.length > 0);
    assert.ok(tree.every((n) => typeof n.max === 'string'));
    assert.equal(m.definition().id, id);
    m.free();
  }
});

test('validates a methodology and returns it normalised', () => {
  const normalised = par.validateMethodology(mini);
  assert.equal(normalised, new par.Methodology(mini).toJson());
  assert.equal(par.validateMethodology(JSON.parse(mini)), normalised);
  const e = thrown(() => par.validateMethodology(read('error-methodology/methodology.json')));
  assert.ok(e instanceof par.ParError);
  assert.equal(e.toJSONText(), read('error-methodology/expected.json'));
});

test('scores objects and text alike; every decimal is a string', () => {
  const input = read('override-semantics/input.json');
  const expected = read('override-semantics/expected.json');
  const m = new par.Methodology(JSON.parse(mini));
  assert.equal(m.scoreJson(JSON.parse(input)), expected);
  assert.equal(par.scoreJson(m, input), expected);
  assert.equal(par.scoreJson(JSON.parse(mini), JSON.parse(input)), expected);
  const results = par.score(mini, input);
  assert.deepEqual(results, JSON.parse(expected));
  assertNoDecimalNumbers(results);
  assert.equal(results.units[0].index, '83.56');
  assertNoDecimalNumbers(par.scoreCsv(mini, read('csv-long-dot/input.csv')));
  assertNoDecimalNumbers(par.compare(read('compare-2022-2023/previous.json'), read('compare-2022-2023/current.json')));
  assertNoDecimalNumbers(par.listBuiltin());
});

test('NaN and Infinity typed as scores are refused, not read as scores not entered', () => {
  // `JSON.stringify` would write them as null: a portal's `Number('97,5')` is NaN.
  const m = new par.Methodology(mini);
  for (const measured of [NaN, Infinity, -Infinity, Number('97,5')]) {
    const unit = { unit: 'Sở A', entries: { '1.1.2': { self: measured } } };
    assert.throws(
      () => m.score({ schema: 'par.assessments/1', units: [unit] }),
      (e) => e instanceof par.ParError && e.code === 'bad_decimal' && e.node === '1.1.2',
      String(measured),
    );
  }
  m.free();
});

test('text typed with combining accents scores as text in NFC, on every way in', () => {
  // The module finds the accents typed apart from their letter and the package sends the text
  // again in NFC; an accent that NFC cannot compose (on an `x`) is then read as it is.
  const m = new par.Methodology(mini);
  const input = read('override-semantics/input.json');
  const expected = read('override-semantics/expected.json');
  const typed = input.normalize('NFD');
  assert.notEqual(typed, input);
  assert.equal(m.scoreJson(typed), expected);
  assert.equal(par.scoreJson(mini, typed), expected);
  assert.equal(m.scoreResults(typed).toJson(), expected);
  const csv = read('csv-long-dot/input.csv');
  assert.equal(m.scoreCsvJson(csv.normalize('NFD')), m.scoreCsvJson(csv));
  assert.equal(par.scoreCsvJson(mini, csv.normalize('NFD')), m.scoreCsvJson(csv));
  assert.equal(m.csvToAssessmentsJson(csv.normalize('NFD')), m.csvToAssessmentsJson(csv));
  const uncomposed = input.replace('Hoàn thành 19/20 nhiệm vụ', 'Hoàn thành x\u0303');
  assert.ok(uncomposed.normalize('NFC').includes('x\u0303'));
  const explained = JSON.parse(m.scoreJson(uncomposed)).units
    .flatMap((u) => Object.values(u.nodes))
    .find((n) => n.explanation?.startsWith('Hoàn thành x'));
  assert.equal(explained.explanation, 'Hoàn thành x\u0303');
});

test('a sign NFC makes a letter reads as the letter, in large texts and small ones', () => {
  // Not only accents typed apart from their letter: NFC makes the ohm sign (U+2126) the letter
  // Ω (U+03A9), as the native builds read it. The module's list of such characters is what the
  // package looks for, in the assessments (in the module) and in a unit's name (here).
  const m = new par.Methodology(mini);
  const input = read('override-semantics/input.json').replace('UBND xã An Bình', 'UBND xã An Bình Ω');
  const signed = input.replace('Bình Ω', 'Bình \u2126').replace('19/20 nhiệm vụ', '19/20 nhiệm vụ \u2126');
  assert.notEqual(signed, input);
  const expected = m.scoreJson(input.replace('19/20 nhiệm vụ', '19/20 nhiệm vụ Ω'));
  assert.equal(m.scoreJson(signed), expected);
  assert.equal(m.scoreResults(signed).toJson(), expected);
  assert.equal(m.scoreResults(input).unit('UBND xã An Bình \u2126').unit, 'UBND xã An Bình Ω');
});

test('a large text goes in in pieces, read as the text whole', () => {
  // The package hands assessments to the module a million UTF-16 code units at a time: a
  // character past the first plane cut by a piece's end, an accent typed apart from its letter in
  // a later piece, and a problem in a later piece are read as in the text whole.
  const m = new par.Methodology(mini);
  const input = read('override-semantics/input.json');
  const piece = 1 << 20;
  const laugh = 'Hoàn thành 😀';
  const named = input.replace('Hoàn thành 19/20 nhiệm vụ', laugh);
  const cut = named.indexOf('😀');
  const padded = ' '.repeat(piece - 1 - cut) + named;
  assert.equal(padded.charCodeAt(piece - 1) & 0xfc00, 0xd800, 'the high half ends the first piece');
  const explanations = (json) => JSON.parse(json).units.flatMap((u) => Object.values(u.nodes))
    .map((n) => n.explanation).filter(Boolean);
  assert.ok(explanations(m.scoreJson(padded)).includes(laugh));
  assert.equal(m.scoreResults(padded).toJson(), m.scoreJson(named));
  const far = ' '.repeat(3 * piece) + input;
  assert.equal(m.scoreJson(far.normalize('NFD')), read('override-semantics/expected.json'));
  const wrong = read('error-many-problems/input.json');
  const wrongMethodology = new par.Methodology(read('error-many-problems/methodology.json'));
  const e = thrown(() => wrongMethodology.scoreJson(' '.repeat(2 * piece) + wrong));
  assert.equal(e.toJSONText(), read('error-many-problems/expected.json'));
});

test("a JSON file's bytes score as its text, however the file was saved", () => {
  // A portal hands over the file a user picks as bytes (`await file.arrayBuffer()`), which go in
  // as they are; a byte-order mark, UTF-16 as Notepad saves "Unicode", accents typed apart from
  // their letter and a character cut by a piece's end read as the text does.
  const m = new par.Methodology(mini);
  const input = read('override-semantics/input.json');
  const expected = read('override-semantics/expected.json');
  const utf8 = (text) => new TextEncoder().encode(text);
  assert.equal(m.scoreJson(utf8(input)), expected);
  assert.equal(m.scoreJson(utf8(input).buffer), expected);
  assert.equal(par.scoreJson(mini, Buffer.from(input)), expected);
  assert.equal(m.scoreResults(utf8(input)).toJson(), expected);
  assert.equal(m.scoreJson(utf8(`\ufeff${input}`)), expected);
  assert.equal(m.scoreJson(utf8(input.normalize('NFD'))), expected);
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(input, 'utf16le')]);
  assert.equal(m.scoreJson(utf16), expected);
  // UTF-16 either way round, typed with accents apart from their letters: decoded by the engine,
  // put in NFC, read as text.
  const typed = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(input.normalize('NFD'), 'utf16le')]);
  assert.equal(m.scoreJson(typed), expected);
  assert.equal(m.scoreResults(Buffer.from(typed).swap16()).toJson(), expected);
  assert.throws(() => m.scoreJson(42), /assessments must be JSON text, an object or a JSON file's bytes/);
  // A piece of bytes ends before a byte continuing a character: `ậ` (three bytes) is not cut.
  const piece = 3 << 20;
  const named = input.replace('Hoàn thành 19/20 nhiệm vụ', 'Hoàn thành tập huấn');
  const at = utf8(named).indexOf(utf8('ậ')[0]);
  const padded = ' '.repeat(piece - 1 - at) + named;
  assert.equal(utf8(padded)[piece] & 0xc0, 0x80, 'a piece of 3 MiB would end inside `ậ`');
  assert.equal(m.scoreJson(utf8(padded)), m.scoreJson(named));
  assert.equal(m.scoreResults(utf8(padded.normalize('NFD'))).toJson(), m.scoreJson(named));
});

test("JSON bytes that are not UTF-8, or a workbook's, are refused saying so", () => {
  const m = new par.Methodology(mini);
  const input = read('override-semantics/input.json');
  const lines = input.split('\n');
  const cut = Buffer.from(lines.slice(0, 3).join('\n') + '\n');
  const latin1 = Buffer.concat([cut, Buffer.from([0xe0]), Buffer.from(lines.slice(3).join('\n'))]);
  const e = thrown(() => m.scoreJson(latin1, { lang: 'en' }));
  assert.equal(e.code, 'bad_encoding');
  assert.equal(e.value, '0xE0');
  assert.match(e.message, /line 4/);
  // The same byte past the first piece, in a file whose start reads.
  const far = Buffer.concat([Buffer.from(' '.repeat(4 << 20)), latin1]);
  assert.equal(thrown(() => m.scoreResults(far, { lang: 'en' })).code, 'bad_encoding');
  const workbook = readFileSync(new URL('csv-saved-every-way/input.xlsx', cases));
  assert.equal(thrown(() => m.scoreJson(workbook)).code, 'unreadable_file');
  // As the command line and Python refuse them: UTF-16 with half a character, a character cut
  // by the end, and UTF-16 behind a UTF-8 mark.
  const utf16 = (text) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const half = utf16(input.replace('UBND xã An Bình', 'UBND xã An Bình\ud800'));
  assert.equal(thrown(() => m.scoreJson(half, { lang: 'en' })).code, 'bad_encoding');
  const odd = Buffer.concat([utf16(input), Buffer.from([0x20])]);
  assert.equal(thrown(() => m.scoreJson(odd, { lang: 'en' })).code, 'bad_encoding');
  const bom = Buffer.from([0xef, 0xbb, 0xbf]);
  // Two byte-order marks (a file saved again with its mark kept as text) read as one, as the
  // command line and Python read them.
  const twice = Buffer.concat([bom, bom, Buffer.from(input)]);
  assert.deepEqual(JSON.parse(m.scoreJson(twice)), JSON.parse(m.scoreJson(input)));
  assert.equal(thrown(() => m.scoreJson(Buffer.concat([bom, utf16(input)]))).code, 'bad_encoding');
});

test('any view of a JSON file\'s bytes scores as the bytes, from this realm or another', () => {
  const m = new par.Methodology(mini);
  const input = read('override-semantics/input.json');
  const expected = read('override-semantics/expected.json');
  const bytes = new TextEncoder().encode(input);
  assert.equal(m.scoreJson(new Uint8ClampedArray(bytes)), expected);
  assert.equal(m.scoreJson(new DataView(bytes.buffer)), expected);
  const shared = new SharedArrayBuffer(bytes.length);
  new Uint8Array(shared).set(bytes);
  assert.equal(m.scoreJson(shared), expected);
  const elsewhere = (of) => {
    const view = vm.runInNewContext('new Uint8Array(length)', { length: of.length });
    view.set(of);
    return view;
  };
  assert.equal(m.scoreJson(elsewhere(bytes)), expected);
  const csv = read('csv-long-dot/input.csv');
  assert.equal(m.scoreCsvJson(elsewhere(new TextEncoder().encode(csv))), m.scoreCsvJson(csv));
});

test('ParError carries the first problem and all of them', () => {
  const e = thrown(() =>
    par.score(read('error-many-problems/methodology.json'), read('error-many-problems/input.json')),
  );
  assert.ok(e instanceof par.ParError);
  assert.ok(e instanceof Error);
  assert.equal(e.name, 'ParError');
  assert.equal(e.code, 'out_of_range');
  assert.equal(e.unit, 'Sở A');
  assert.equal(e.node, '2.1');
  assert.equal(e.path, 'self');
  assert.equal(e.value, '9');
  assert.equal(e.row, null);
  assert.equal(e.problems.length, 4);
  // One line per problem for people, as the CLI prints them: where, what, and the code.
  assert.equal(e.lines.length, 4);
  assert.equal(e.message, e.lines.join('\n'));
  assert.equal(
    e.lines[0],
    'đơn vị Sở A: điểm tự chấm của tiêu chí 2.1 “Rà soát văn bản QPPL”: 9 vượt điểm tối đa 4 (mã lỗi: out_of_range)',
  );
  assert.equal(e.lines[1], 'đơn vị Sở B, tiêu chí x: tiêu chí x không có trong bộ tiêu chí “test-mini” (mã lỗi: unknown_node)');
  assert.deepEqual(e.problems.map((p) => p.code), [
    'out_of_range', 'unknown_node', 'unknown_option', 'duplicate_unit',
  ]);
  assert.equal(e.toJSONText(), read('error-many-problems/expected.json'));
  assert.deepEqual(JSON.parse(JSON.stringify(e)), JSON.parse(e.toJSONText()));
});

test('CSV problems carry their row', () => {
  const e = thrown(() => new par.Methodology(mini).scoreCsv(read('csv-errors/input.csv')));
  const byRow = Object.fromEntries(e.problems.map((p) => [p.row, p]));
  assert.equal(byRow[2].code, 'unknown_node');
  assert.equal(byRow[3].code, 'bad_decimal');
  assert.equal(byRow[3].field, 'self');
  assert.equal(byRow[6].code, 'missing_field');
  assert.equal(e.row, e.problems[0].row);
});

test('a single problem is one line holding the engine message', () => {
  const e = thrown(() => par.loadMethodology('no-such-id'));
  assert.equal(e.code, 'unknown_methodology');
  assert.equal(e.value, 'no-such-id');
  assert.equal(e.problems.length, 1);
  assert.deepEqual(e.lines, [e.message]);
  assert.equal(e.message, `${e.problems[0].message} (mã lỗi: unknown_methodology)`);
});

test('reads a CSV into assessments', () => {
  const m = new par.Methodology(mini);
  const csv = read('csv-long-dot/input.csv');
  const assessments = m.csvToAssessments(csv);
  assert.equal(assessments.schema, 'par.assessments/1');
  assert.deepEqual(assessments.units.map((u) => u.unit), ['UBND xã An Bình', 'UBND xã Hòa Lạc']);
  assert.equal(assessments.units[0].entries['1.1.2'].self, '95.5');
  assert.equal(m.scoreJson(m.csvToAssessmentsJson(csv)), m.scoreCsvJson(csv));
  // A table that cannot be read is refused as when it is scored, each problem with its place.
  const e = thrown(() => m.csvToAssessments(read('csv-errors/input.csv')));
  assert.equal(e.toJSONText(), read('csv-errors/expected.json'));
  const badDecimal = e.problems.find((p) => p.code === 'bad_decimal');
  assert.deepEqual([badDecimal.unit, badDecimal.node, badDecimal.value, badDecimal.row], ['A', '2.1', '3.x', 3]);
});

test('rank table per block, in results order', () => {
  const results = par.scoreJson(
    read('blocks-ranked-separately/methodology.json'),
    read('blocks-ranked-separately/input.json'),
  );
  const rows = par.rankTable(results);
  assert.deepEqual(rows, par.rankTable(JSON.parse(results)));
  assert.deepEqual(
    rows.map((r) => [r.block, r.rank, r.unit, r.index]),
    [
      ['so', 1, 'Sở Tư pháp', '93.00'],
      ['so', 2, 'Sở Nội vụ', '86.00'],
      ['so', 3, 'Sở Y tế', '80.00'],
      ['huyen', 1, 'Huyện Giao Thủy', '85.00'],
      ['huyen', 2, 'Huyện Hải Hậu', '75.00'],
      ['huyen', 3, 'Huyện Ý Yên', '65.00'],
    ],
  );
  // Anything but results is refused saying what it takes, not with a property of undefined.
  for (const notResults of [{}, null, 7, { schema: 'par.assessments/1', units: [] }]) {
    assert.throws(() => par.rankTable(notResults), /rankTable takes results \(par\.results\/1/);
  }
});

test('an object nested deeper than JSON.stringify reaches is refused as too deeply nested JSON', () => {
  const m = read('blocks-ranked-separately/methodology.json');
  let deep = '2';
  for (let i = 0; i < 100_000; i++) deep = [deep];
  const e = thrown(() => par.score(m, [{ unit: 'A', entries: { '1': { self: deep } } }], { lang: 'en' }));
  assert.ok(e instanceof par.ParError, String(e));
  assert.deepEqual([e.code, e.limit], ['limit_exceeded', 'json_depth']);
  assert.match(e.message, /^limit json_depth: more than 128 levels/);
  // The module still scores.
  assert.equal(par.score(m, read('blocks-ranked-separately/input.json')).units.length, 6);
});

test('explain, lost points and compare', () => {
  const results = read('override-semantics/expected.json');
  const unit = 'UBND xã An Bình';
  assert.deepEqual(par.explain(results, unit), JSON.parse(results).units[0]);
  assert.deepEqual(JSON.parse(par.explainJson(JSON.parse(results), unit)).unit, unit);
  // Typed without its marks, on a phone: the one unit so named.
  assert.equal(par.explain(results, 'ubnd xa an binh').unit, unit);
  const lost = par.lostPoints(results, unit);
  assert.deepEqual(lost.map((l) => [l.code, l.lost]), [
    ['3.2', '0.90'], ['3.1', '0.89'], ['2.1', '0.75'], ['1.1.1', '0.50'], ['1.2.2', '0.25'],
  ]);
  assert.equal(par.lostPointsJson(results, unit), par.lostPointsJson(JSON.parse(results), unit));
  const e = thrown(() => par.explain(results, 'Nobody'));
  assert.equal(e.code, 'unknown_unit');
  assert.equal(e.unit, 'Nobody');
  const comparison = par.compare(read('compare-2022-2023/previous.json'), read('compare-2022-2023/current.json'));
  assert.equal(comparison.schema, 'par.comparison/1');
  assert.equal(
    par.compareJson(JSON.parse(read('compare-2022-2023/previous.json')), read('compare-2022-2023/current.json')),
    read('compare-2022-2023/expected.json'),
  );
});

test('arguments that are neither text nor objects are a TypeError', () => {
  assert.throws(() => par.score(mini, 42), TypeError);
  assert.throws(() => new par.Methodology(null), TypeError);
  assert.throws(() => par.scoreCsv(mini, 42), TypeError);
  assert.throws(() => new par.Methodology(mini).scoreCsvJson(undefined), /a table must be CSV text or a file's bytes \(Uint8Array\), not undefined/);
  assert.throws(() => new par.Methodology(mini).csvToAssessments(42), /a table must be CSV text or a file's bytes \(Uint8Array\), not number/);
  assert.throws(() => par.score(mini, null), /not null/);
});

test('hostile inputs are refused with ParError and the module keeps working', () => {
  const m = new par.Methodology(mini);
  const hostile = [
    '', ' ', '{', '[', 'null', '1e999', '"\\ud800"', '{"schema":"par.assessments/1"}',
    '['.repeat(100_000), '{"a":'.repeat(50_000),
    '{"schema":"par.assessments/1","units":[{"unit":"A","entries":{"1.1.2":{"self":"1e30"}}}]}',
    '{"schema":"par.assessments/1","units":[{"unit":"A","entries":{"1.1.2":{"self":"99999999999999999999999999999999"}}}]}',
    '{"schema":"par.assessments/1","units":[{"unit":"A","entries":{"2.1":{"self":"-0","appraisals":[{"round":4294967296,"value":"1"}]}}}]}',
    '{"schema":"par.assessments/1","units":[{"unit":"A","entries":{"2.1":{"self":7}}}]}',
    '{"schema":"par.assessments/1","units":[{"unit":"A","entries":{"2.1":{"self":"1","appraisals":[{"round":2,"value":"1"},{"round":1,"value":"2"}]}}}]}',
    '{"schema":"par.methodology/1","id":"x","name":"x","nodes":[{"code":"1","name":"x","max":"1e28"}]}',
  ];
  // A deterministic pseudo-random mix of JSON-ish characters.
  let seed = 7;
  const alphabet = '{}[]":,.-0123456789eE truefalsnul\\uđ ';
  for (let i = 0; i < 300; i++) {
    let s = '';
    const length = (seed % 60) + 1;
    for (let j = 0; j < length; j++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      s += alphabet[seed % alphabet.length];
    }
    hostile.push(s);
  }
  for (const input of hostile) {
    for (const f of [
      () => m.scoreJson(input),
      () => m.scoreCsvJson(input),
      () => par.scoreJson(input, '{}'),
      () => par.validateMethodology(`{${input}`),
      () => par.explainJson(input, 'A'),
      () => par.compareJson(input, input),
    ]) {
      try {
        f();
      } catch (e) {
        assert.ok(e instanceof par.ParError, `${JSON.stringify(input.slice(0, 40))}: ${e}`);
      }
    }
  }
  assert.equal(m.scoreJson(read('override-semantics/input.json')), read('override-semantics/expected.json'));
});

// The reproducers of issue 12, as the Rust suite has them (par-core/tests/hostile_inputs.rs):
// each is refused with the limit it passes, or scored, and the module keeps working.
test('issue 12: hostile documents end in a coded refusal naming the limit', () => {
  const methodology = (nodes, extra = {}) =>
    JSON.stringify({ schema: 'par.methodology/1', id: 't', name: 't', nodes, ...extra });
  const range = (n) => Array.from({ length: n }, (_, i) => i);
  const two = [{ code: '1', name: 'a', max: '5' }, { code: '2', name: 'b', max: '5' }];
  const options = range(50_000).map((i) => ({ label: `Phương án ${i}`, points: '0' }));
  const refusals = [
    ['rule_options', () => new par.Methodology(methodology(
      [{ code: '1', name: 'a', max: '1', rule: { type: 'choice', options } }]))],
    ['blocks', () => new par.Methodology(methodology(
      [{ code: '1', name: 'a', max: '1' }], { blocks: range(200_000).map((i) => ({ id: `k${i}` })) }))],
    ['tie_breakers', () => new par.Methodology(methodology(two, {
      policies: { ranking: { tie_breakers: range(100_000).map((i) => ({ node: `${1 + (i % 2)}` })) } },
    }))],
    ['node_results', () => new par.Methodology(methodology(
      range(9_999).map((i) => ({ code: `${i + 1}`, name: 'n', max: '1' }))))
      .scoreJson(JSON.stringify(range(1_000).map((i) => ({ unit: `u${i}` }))))],
    ['table_bytes', () => new par.Methodology(mini).scoreCsvJson('x'.repeat(128 * 1024 * 1024 + 1))],
    ['problems', () => new par.Methodology(methodology([{ code: '1', name: 'a', max: '1' }]))
      .scoreCsvJson(`unit,1\n${range(100_000).map((i) => `u${i},x`).join('\n')}\n`)],
  ];
  for (const [limit, f] of refusals) {
    const e = thrown(f);
    assert.ok(e instanceof par.ParError, `${limit}: ${e}`);
    const named = e.problems.find((p) => p.code === 'limit_exceeded');
    assert.equal(named?.limit, limit, `${limit}: ${e.message}`);
  }
  const tied = new par.Methodology(methodology(two, {
    policies: { ranking: { tie_breakers: [{ node: '1' }, { node: '2' }] } },
  })).score(range(10_000).map((i) => ({ unit: `u${i}`, entries: { 1: { value: '2.5' }, 2: { value: '2.5' } } })));
  assert.ok(tied.units.every((u) => u.rank === 1));
  const m = new par.Methodology(mini);
  assert.equal(m.scoreJson(read('override-semantics/input.json')), read('override-semantics/expected.json'));
});

test('scored results stay in WebAssembly memory and are read piece by piece', () => {
  const m = new par.Methodology(mini);
  const input = read('rules-every-type/input.json');
  const expected = JSON.parse(read('rules-every-type/expected.json'));
  const run = m.scoreResults(input);
  assert.equal(run.count, expected.units.length);
  assert.equal(run.toJson(), read('rules-every-type/expected.json'));
  assert.deepEqual(run.rankTable(), par.rankTable(expected));
  assert.deepEqual(run.statistics(), expected.blocks);
  assert.deepEqual(run.unit(expected.units[1].unit), expected.units[1]);
  assert.deepEqual(run.lostPoints('Sở Nội vụ'), par.lostPoints(expected, 'Sở Nội vụ'));
  const e = thrown(() => run.unit('Sở Không Có'));
  assert.equal(e.code, 'unknown_unit');
  run.free();
});

test('results keep only the scores when asked, on every way of scoring', () => {
  const m = new par.Methodology(mini);
  const input = read('override-semantics/input.json');
  const expected = read('results-scores-only/expected.json');
  const detail = { detail: 'scores' };
  assert.equal(m.scoreJson(input, detail), expected);
  assert.equal(par.scoreJson(mini, input, detail), expected);
  const run = m.scoreResults(input, detail);
  assert.equal(run.toJson(), expected);
  run.free();
  // A table's results too: its nodes keep no self-score, round or evidence.
  const csv = read('csv-long-comma/input.csv');
  const fromTable = par.scoreCsv(read('csv-long-comma/methodology.json'), csv, detail);
  assert.equal(fromTable.detail, 'scores');
  assert.ok(fromTable.units.every((u) => Object.values(u.nodes).every((n) => !('appraisals' in n) && !('self' in n))));
  assert.equal(m.scoreJson(input, { detail: 'full' }), read('override-semantics/expected.json'));
  const e = thrown(() => m.scoreJson(input, { detail: 'điểm', lang: 'en' }));
  assert.deepEqual([e.code, e.problems[0].field, e.problems[0].value], ['unknown_option', 'detail', 'điểm']);
  assert.match(e.problems[0].message, /^no results detail 'điểm'/);
  assert.throws(() => m.scoreJson(input, { detail: 2 }), TypeError);
});

const annexDir = new URL('../../fixtures/cases/annex-import/', import.meta.url);

test('imports a criteria annex with what each row was read as', () => {
  const csv = readFileSync(new URL('annex.csv', annexDir), 'utf8');
  const { methodology, rows, warnings } = par.importTable(csv, { id: 'so-2024', lang: 'en' });
  assert.equal(methodology.id, 'so-2024');
  assert.equal(methodology.definition().decision, '1234/QĐ-UBND');
  const row = rows.find((r) => r.code === '1.1.2');
  assert.deepEqual([row.row, row.number, row.max], [10, '1.2', '2']);
  assert.match(row.read_as, /^by bands: \[90, \+∞\) = 2/);
  assert.deepEqual(
    warnings.map((w) => [w.code, w.row, w.node]),
    [['guidance_not_read', 18, '2.1.2']],
  );
});

test('an annex saved as Unicode Text (UTF-16, tabs) imports as its CSV does', () => {
  const csv = readFileSync(new URL('annex.csv', annexDir), 'utf8');
  // Separators outside quotes become tabs (the fixture's cells hold commas and line breaks, never
  // tabs); quoted cells are kept as they are.
  let quoted = false;
  const tabbed = [...csv].map((c) => {
    if (c === '"') quoted = !quoted;
    return c === ',' && !quoted ? '\t' : c;
  }).join('');
  const utf16 = new Uint8Array(Buffer.from('\ufeff' + tabbed, 'utf16le'));
  const fromBytes = par.Methodology.fromTable(utf16, { id: 'annex' });
  assert.equal(fromBytes.toJson(), par.Methodology.fromTable(csv, { id: 'annex' }).toJson());
});

test("last year's report compares on every block sheet", () => {
  // A report's ranking is a sheet a block: read on its first sheet only, the other blocks'
  // units were said to be new.
  const results = par.scoreJson(
    read('blocks-ranked-separately/methodology.json'),
    read('blocks-ranked-separately/input.json'),
  );
  const report = par.toXlsx(results, { methodology: read('blocks-ranked-separately/methodology.json') });
  const comparison = par.compare(par.rankingToCsv(report), results);
  assert.deepEqual([comparison.only_in_previous, comparison.only_in_current], [[], []]);
  assert.equal(comparison.units.length, 6);
  assert.ok(comparison.units.every((m) => m.rank_change === 0));
  assert.throws(() => par.rankingToCsv('a,b'), TypeError);
  // A year a sheet: a unit on two sheets is refused naming both, and a sheet is asked for.
  const years = new Uint8Array(readFileSync(new URL('../../fixtures/tables/ranking-a-year-a-sheet.xlsx', import.meta.url)));
  assert.throws(
    () => par.rankingToCsv(years),
    (e) => e instanceof par.ParError && e.code === 'duplicate_unit' && e.lines[0].includes('“2024” và “2023”'),
  );
  for (const [sheet, index] of [['2023', '88'], [2, '88'], ['2024', '93']]) {
    assert.match(par.rankingToCsv(years, { sheet }), new RegExp(`Sở Tư pháp,${index}`));
  }
  // A block a sheet, one rank not a number: the problem names its sheet in its place.
  const blocks = new Uint8Array(
    readFileSync(new URL('../../fixtures/tables/ranking-a-block-a-sheet-with-a-problem.xlsx', import.meta.url)),
  );
  assert.throws(
    () => par.rankingToCsv(blocks),
    (e) => e instanceof par.ParError && e.sheet === 'Huyện' && e.row === 2 && e.lines[0].startsWith('trang “Huyện”, dòng 2'),
  );
});

test('units in rows a sheet hides, and sheets alike not read, are said as the command line says them', () => {
  const book = new Uint8Array(readFileSync(new URL('../../fixtures/tables/units-hidden-in-rows.xlsx', import.meta.url)));
  const m = new par.Methodology('camau-1880-2013-field1-excerpt');
  const results = m.scoreSheet(book);
  assert.equal(results.units.length, 4);
  assert.equal(results.warnings[0].code, 'rows_hidden');
  assert.ok(results.warnings[0].message.startsWith('2 dòng đang bị ẩn trong trang tính (dòng 5, 7; đơn vị “Sở Tư pháp”, “Sở Xây dựng”)'));
  assert.deepEqual(m.readSheet(book).warnings, results.warnings);
  assert.deepEqual(JSON.parse(m.scoreSheetResults(book).toJson()).warnings, results.warnings);
  // As CSV text alone, the rows hidden are not known.
  assert.ok((m.scoreCsv(par.sheetToCsv(book)).warnings ?? []).every((w) => w.code !== 'rows_hidden'));
  // A workbook of a sheet per block: the sheet read, and the others with its columns said.
  const blocks = new Uint8Array(readFileSync(new URL('../../fixtures/tables/a-block-a-sheet.xlsx', import.meta.url)));
  const alike = m.scoreSheet(blocks, { lang: 'en' }).warnings[0];
  assert.equal(alike.code, 'sheets_alike');
  assert.ok(alike.message.startsWith("sheet 'Khối Huyện' holds a table with the columns of sheet 'Khối Sở'"));
  assert.deepEqual(m.readSheet(blocks, { lang: 'en' }).warnings, [alike]);
  assert.equal(m.scoreSheet(blocks, { sheet: 'Khối Huyện' }).warnings, undefined);
});

test('a workbook past its cover scores as the command line scores it, naming the sheet read', () => {
  const book = (name) => new Uint8Array(readFileSync(new URL(`../../fixtures/tables/${name}`, import.meta.url)));
  const m = new par.Methodology('camau-1880-2013-field1-excerpt');
  const results = m.scoreSheet(book('cover-then-scores.xlsx'));
  assert.equal(results.warnings[0].code, 'sheet_chosen');
  assert.match(results.warnings[0].message, /“Điểm”/);
  const fromCsv = m.scoreCsv(par.sheetToCsv(book('cover-then-scores.xlsx')));
  assert.deepEqual(results.units, fromCsv.units);
  // Refused, each problem names the sheet its row is on: the workbook opens on the cover.
  assert.throws(
    () => m.scoreSheet(book('cover-then-scores-with-a-problem.xlsx')),
    (e) => e instanceof par.ParError && e.sheet === 'Điểm' && e.row === 4 && e.lines[0].startsWith('trang “Điểm”, dòng 4'),
  );
  // A sheet asked for by its name or number is the one read, and said by no warning.
  assert.deepEqual(m.scoreSheet(book('cover-then-scores.xlsx'), { sheet: 'Điểm' }).warnings, fromCsv.warnings);
  assert.deepEqual(m.scoreSheet(book('cover-then-scores.xlsx'), { sheet: 2 }).units, fromCsv.units);
  // In English, and as text.
  assert.throws(
    () => m.scoreSheetJson(book('cover-then-scores-with-a-problem.xlsx'), { lang: 'en' }),
    (e) => e instanceof par.ParError && e.lines[0].startsWith("sheet 'Điểm', row 4"),
  );
  assert.deepEqual(JSON.parse(m.scoreSheetJson(book('cover-then-scores.xlsx'))), results);
  // Kept in WebAssembly memory, as a province's workbook of every commune is.
  const kept = m.scoreSheetResults(book('cover-then-scores.xlsx'));
  assert.equal(kept.toJson(), m.scoreSheetJson(book('cover-then-scores.xlsx')));
  assert.deepEqual(kept.rankTable(), par.rankTable(results));
  kept.free();
  assert.throws(
    () => m.scoreSheetResults(book('cover-then-scores-with-a-problem.xlsx'), { lang: 'en' }),
    (e) => e instanceof par.ParError && e.lines[0].startsWith("sheet 'Điểm', row 4"),
  );
  m.free();
});

test('a table scored and kept in WebAssembly memory reads as its results text does', () => {
  // As a portal scores a national table, whose results with every input are longer than a
  // JavaScript string can be (the results text is then refused, naming the way around).
  const m = new par.Methodology(read('csv-long-comma/methodology.json'));
  const csv = read('csv-long-comma/input.csv');
  for (const options of [{}, { detail: 'scores' }]) {
    const kept = m.scoreCsvResults(csv, options);
    assert.equal(kept.toJson({ lang: 'en' }), m.scoreCsvJson(csv, options));
    assert.deepEqual(kept.rankTable(), par.rankTable(m.scoreCsv(csv, options)));
    kept.free();
  }
  // A file's bytes in the encoding Excel saved them in, as `scoreCsvJson` reads them.
  const bytes = new Uint8Array(readFileSync(new URL('../../fixtures/cases/csv-long-comma/input.csv', import.meta.url)));
  const fromBytes = m.scoreCsvResults(bytes);
  assert.equal(fromBytes.toJson(), m.scoreCsvJson(bytes));
  fromBytes.free();
  const e = thrown(() => m.scoreCsvResults('unit,code,self\nSở A,9.9,1\n', { lang: 'en' }));
  assert.equal(e.code, 'unknown_node');
  m.free();
});

test('a sheet read into assessments says what reading did with it, as scoring it does', () => {
  // As a portal fills a form from a department's file: what did not come with it is said.
  const book = (name) => new Uint8Array(readFileSync(new URL(`../../fixtures/tables/${name}`, import.meta.url)));
  const m = new par.Methodology('camau-1880-2013-field1-excerpt');
  const read = m.readSheet(book('cover-then-scores.xlsx'));
  const scored = m.scoreSheet(book('cover-then-scores.xlsx'));
  assert.deepEqual(read.warnings, scored.warnings);
  assert.equal(read.warnings[0].code, 'sheet_chosen');
  const standing = (units) => units.map((u) => [u.unit, u.rank, u.index]);
  assert.deepEqual(standing(JSON.parse(m.scoreJson(read.assessments)).units), standing(scored.units));
  assert.throws(
    () => m.readSheet(book('cover-then-scores-with-a-problem.xlsx'), { lang: 'en' }),
    (e) => e instanceof par.ParError && e.sheet === 'Điểm' && e.lines[0].startsWith("sheet 'Điểm', row 4"),
  );
  // A file saved as Windows-1258: its encoding was guessed, and said.
  const saved = new Uint8Array(readFileSync(new URL('csv-saved-every-way/input-cp1258.csv', cases)));
  const guessed = m.readCsv(saved, { lang: 'en' });
  assert.deepEqual(guessed.warnings.map((w) => w.code), ['encoding_guessed']);
  assert.deepEqual(guessed.assessments, m.csvToAssessments(saved));
  assert.equal(m.readCsvJson(saved, { lang: 'en' }), `${JSON.stringify(guessed, null, 2)}\n`);
  m.free();
});

test('a damaged xls that stops the workbook reader is refused as natively, and the reads after it go on', () => {
  // calamine panics on this .xls; a panic cannot be caught in WebAssembly, where the module
  // traps. It is refused as the native engines refuse it, and the module is a fresh one after.
  const book = (name) => new Uint8Array(readFileSync(new URL(`../../fixtures/tables/${name}`, import.meta.url)));
  const damaged = (e) =>
    e instanceof par.ParError && e.code === 'unreadable_file' && /workbook is damaged/.test(e.message);
  for (let i = 0; i < 3; i++) {
    assert.throws(() => par.sheetToCsv(book('damaged-calamine-panics.xls'), { lang: 'en' }), damaged);
    assert.throws(() => par.importTable(book('damaged-calamine-panics.xls'), { id: 'x', lang: 'en' }), damaged);
    assert.match(par.sheetToCsv(book('cover-then-scores.xlsx')), /Sở Y tế/);
  }
  assert.throws(() => par.sheetToCsv(book('damaged-calamine-panics.xls')), (e) => /tệp bảng tính bị hỏng/.test(e.message));
});

test('a what-if question with a key misspelt is refused, not answered without it', () => {
  const methodology = read('rules-every-type/methodology.json');
  const results = read('rules-every-type/expected.json');
  const { unit } = JSON.parse(read('rules-every-type/what-if.json'));
  assert.throws(
    () => par.whatIf(methodology, results, unit, { targt: 'band' }),
    /the question takes 'set' and 'target', not 'targt'/,
  );
  for (const notAQuestion of ['band', [], new Map()]) {
    assert.throws(() => par.whatIf(methodology, results, unit, notAQuestion), /the question must be an object/);
  }
});

/** Where a call refusing half a character says it is (`line 2`, `unit`): its message's start. */
function placeOfHalfCharacter(f) {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof TypeError && /half a character|nửa ký tự/.test(e.message), e.message);
    return e.message.split(':')[0];
  }
  assert.fail('refused');
}

test('a string holding half a character is refused naming its place, not scored as U+FFFD', () => {
  const m = new par.Methodology(read('blocks-ranked-separately/methodology.json'));
  const en = { lang: 'en' };
  const said = placeOfHalfCharacter;
  // In the call's language, whatever the environment's; a line as an editor counts it.
  assert.equal(said(() => m.scoreCsv('unit,block,1\nA,so,1\nB\ud800,so,1\n', en)), 'line 3');
  assert.equal(said(() => m.scoreCsv('unit,block,1\rA,so,1\rB\ud800,so,1\r', en)), 'line 3');
  assert.equal(said(() => m.scoreCsv('unit,block,1\nB\ud800,so,1\n')), 'dòng 2');
  assert.equal(said(() => m.scoreJson('{"units":[{"unit":"A\ud800","entries":{}}]}', en)), 'line 1');
  const unit = { unit: 'A', entries: { 1: { self: '\udc00' } } };
  assert.equal(said(() => m.score([unit], en)), 'assessments[0].entries.1.self');
  const key = { unit: 'A', entries: { '1\ud800': { self: '1' } } };
  assert.equal(said(() => m.score([key], en)), 'assessments[0].entries');
  // A small JSON text (a form's unit, a methodology) is looked at as it is passed in.
  assert.equal(said(() => m.scoreFormJson('{"unit":"A\ud800",\n"entries":{}}', en)), 'line 1');
  // A string `toJSON` makes is in no place of the object: the object is named.
  const made = { toJSON: () => [{ unit: 'A\ud800', entries: {} }] };
  assert.equal(said(() => m.score(made, en)), 'assessments');
  // U+FFFD typed, and a character of two halves, are text like any other.
  assert.equal(m.scoreCsv('unit,block,1\nA\ufffd😀,so,1\n').units[0].unit, 'A\ufffd😀');
});

test('a text argument holding half a character is refused naming it, not sent as U+FFFD', () => {
  const m = new par.Methodology('camau-1880-2013-field1-excerpt');
  const results = par.scoreJson(m, [{ unit: 'Sở A', entries: { '1.1.4': { self: '1' } } }]);
  const kept = m.scoreResults([{ unit: 'Sở A', entries: {} }]);
  const en = { lang: 'en' };
  const said = placeOfHalfCharacter;
  const csv = 'code,name,max\n1,Tiêu chí,1\n';
  assert.equal(said(() => par.importTable('code,name,max\n1,Ti\ud800êu chí,1\n', en)), 'line 2');
  assert.equal(said(() => par.importTable(csv, { id: 'id\udc00', lang: 'en' })), 'id');
  assert.equal(said(() => par.importTable(csv, { name: 'N\ud800', lang: 'en' })), 'name');
  assert.equal(said(() => par.importTable(csv, { id: 'x', sheet: 'S\ud800' })), 'sheet');
  const book = new Uint8Array([0x50, 0x4b, 0x03, 0x04]);
  assert.equal(said(() => par.sheetToCsv(book, { sheet: 'S\ud800', lang: 'en' })), 'sheet');
  assert.equal(said(() => par.rankingToCsv(book, { sheet: 'S\ud800', lang: 'en' })), 'sheet');
  assert.equal(said(() => m.openForm({ unit: 'A', entries: {} }).set('1.1.4\ud800', { self: '1' }, en)), 'code');
  assert.equal(said(() => par.explain(results, 'Sở A\ud800', en)), 'unit');
  assert.equal(said(() => par.lostPoints(results, 'Sở A\ud800', en)), 'unit');
  assert.equal(said(() => kept.unit('Sở A\ud800', en)), 'unit');
  assert.equal(said(() => kept.lostPoints('Sở A\ud800', en)), 'unit');
  // A what-if question names the text in it, not a column of the JSON the package wrote.
  const ask = (unit, question) => said(() => par.whatIf(m, results, unit, question, en));
  assert.equal(ask('Sở A\ud800', { set: { '1.1.4': '1' } }), 'unit');
  assert.equal(ask('Sở A', { set: { '1.1.4\ud800': '1' } }), 'set');
  assert.equal(ask('Sở A', { set: { '1.1.4': '1\ud800' } }), 'set.1.1.4');
  assert.equal(ask('Sở A', { set: {}, target: 'band=\ud800' }), 'target');
  kept.free();
});

test('an object used after free() is refused before the module is called, and freeing twice does nothing', () => {
  const m = new par.Methodology('camau-1880-2013-field1-excerpt');
  const kept = m.scoreResults({ schema: 'par.assessments/1', units: [{ unit: 'Sở Y tế', entries: {} }] });
  const form = m.openForm({ unit: 'Sở Y tế', entries: {} });
  form.free();
  kept.free();
  m.free();
  m.free();
  const freed = (what) => (e) => e instanceof TypeError && e.message === `the ${what} was freed (free()) and can no longer be used`;
  assert.throws(() => m.id, freed('methodology'));
  assert.throws(() => kept.rankTable(), freed('results'));
  assert.throws(() => form.scoreJson(), freed('form'));
  // A form whose methodology was freed first is refused as the methodology.
  const m2 = new par.Methodology('camau-1880-2013-field1-excerpt');
  const orphan = m2.openForm({ unit: 'Sở Y tế', entries: {} });
  m2.free();
  assert.throws(() => orphan.scoreJson(), freed('methodology'));
  assert.throws(() => orphan.set('1.1', { self: '1' }), freed('methodology'));
  for (let i = 0; i < 20000; i++) assert.throws(() => orphan.scoreJson(), TypeError);
  orphan.free();
  // A freed object handed to the module leaves some of its stack behind each time: used so ten
  // thousand times, every object of the module failed.
  for (let i = 0; i < 20000; i++) assert.throws(() => m.tree(), TypeError);
  assert.equal(new par.Methodology('camau-1880-2013-field1-excerpt').id, 'camau-1880-2013-field1-excerpt');
});

test('a workbook protected by a password is refused saying how to take the password off', () => {
  const locked = new Uint8Array(readFileSync(new URL('../../fixtures/tables/password-protected.xlsx', import.meta.url)));
  const said = (e) =>
    e instanceof par.ParError && e.code === 'unreadable_file' && /protected by a password.*remove the password/.test(e.message);
  assert.throws(() => par.sheetToCsv(locked, { lang: 'en' }), said);
  assert.throws(() => new par.Methodology('camau-1880-2013-field1-excerpt').scoreSheet(locked, { lang: 'en' }), said);
  assert.throws(() => par.importTable(locked, { id: 'x', lang: 'en' }), said);
  assert.throws(() => par.sheetToCsv(locked), (e) => /được bảo vệ bằng mật khẩu/.test(e.message));
});

test('a workbook imports as its CSV does, with the sheets of its sections', () => {
  const xlsx = new Uint8Array(readFileSync(new URL('annex.xlsx', annexDir)));
  const csv = readFileSync(new URL('annex.csv', annexDir), 'utf8');
  const fromWorkbook = par.importTable(xlsx, { id: 'annex' });
  assert.equal(fromWorkbook.methodology.toJson(), par.Methodology.fromTable(csv, { id: 'annex' }).toJson());
  assert.deepEqual([...new Set(fromWorkbook.rows.filter((r) => r.sheet).map((r) => r.sheet))], ['Xếp loại']);
  assert.throws(() => par.importTable(xlsx, { sheet: 'Phụ lục II' }), (e) => e instanceof par.ParError && e.code === 'unknown_option');
  // A number is a sheet's place (`#1`), as Python's `sheet=1` is.
  assert.equal(par.importTable(xlsx, { id: 'annex', sheet: 1 }).methodology.toJson(), fromWorkbook.methodology.toJson());
  assert.throws(() => par.importTable(xlsx, { sheet: 9 }), (e) => e instanceof par.ParError && e.value === '#9');
  assert.throws(() => par.importTable(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d])), (e) => e instanceof par.ParError && e.code === 'unreadable_file');
  assert.throws(() => par.importTable(42), TypeError);
  assert.throws(() => par.importTable('a,b', { id: 7 }), TypeError);
});
