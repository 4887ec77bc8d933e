// Drives the demo page in headless Chromium: load a methodology, type a unit's self-scores and one
// appraisal override, check the displayed index against the engine's value for that input, then
// rank a multi-unit CSV and check the table against the shared expected results; an invalid entry
// shows the engine's Vietnamese message, and no English is left on the page. Each kind of chart is
// rendered as the browser draws it, and a national run's ranking chart has no label over another.
// Screenshots go to test-artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import * as par from 'parindex';
import { serve } from '../demo/serve.mjs';

const cases = (name) => fileURLToPath(new URL(`../../fixtures/cases/${name}`, import.meta.url));
const artifacts = fileURLToPath(new URL('../test-artifacts/', import.meta.url));

let server;
let browser;
let page;
const pageErrors = [];
const requested = [];

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  server = await serve();
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('pageerror', (e) => pageErrors.push(e));
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await page.goto(`http://127.0.0.1:${server.address().port}/demo/`);
  await page.waitForSelector('body[data-ready="true"]');
});

after(async () => {
  await browser?.close();
  server?.close();
});

const control = (code, name) => page.locator(`[data-code="${code}"][data-field="${name}"]`);
const shownIndex = () => page.locator('#index').getAttribute('data-decimal');

test('the page starts with a built-in methodology and no errors', async () => {
  assert.ok((await page.locator('#builtin option').count()) >= 5);
  assert.match(await page.locator('#methodology-info').textContent(), /tiêu chí/);
  assert.deepEqual(pageErrors, []);
});

test('typing self-scores and an appraisal override updates the index on every keystroke', async () => {
  await page.setInputFiles('#methodology-file', cases('override-semantics/methodology.json'));
  await page.waitForFunction(() => document.querySelector('#methodology-info').textContent.includes('test tree'));
  await page.locator('#unit-name').fill('UBND xã An Bình');

  await control('1.1.1', 'self').selectOption('Ban hành kịp thời');
  await control('1.1.1', 'evidence').pressSequentially('KH 01/KH-UBND');
  await control('1.1.2', 'self').pressSequentially('95');
  await control('1.2.1', 'self').selectOption('true');
  await control('1.2.2', 'self').pressSequentially('87,5');
  await control('2.1', 'self').pressSequentially('3');
  const afterOneKey = await shownIndex();
  await control('2.1', 'self').pressSequentially(',5');
  const beforeOverride = await shownIndex();
  assert.notEqual(afterOneKey, beforeOverride, 'the index follows each keystroke');
  await control('3.1', 'survey').pressSequentially('85,2');
  await control('3.2', 'survey').pressSequentially('77,5');

  // An override without a reason is refused (reason_required), then accepted with one.
  await control('2.1', 'appraisal').pressSequentially('3,25');
  assert.match(
    await page.locator('#problems').textContent(),
    /lần thẩm định 1 đổi điểm 3,5 → 3,25 mà không ghi lý do điều chỉnh \(mã lỗi: reason_required\)/,
  );
  await control('2.1', 'reason').pressSequentially('Thiếu tài liệu kiểm chứng');
  assert.equal(await page.locator('#problems li').count(), 0);

  const expected = par.score(readFileSync(cases('override-semantics/methodology.json'), 'utf8'), {
    schema: 'par.assessments/1',
    units: [{
      unit: 'UBND xã An Bình',
      entries: {
        '1.1.1': { self: 'Ban hành kịp thời', evidence: ['KH 01/KH-UBND'] },
        '1.1.2': { self: '95' },
        '1.2.1': { self: true },
        '1.2.2': { self: '87.5' },
        '2.1': {
          self: '3.5',
          appraisals: [{ round: 1, value: '3.25', reason: 'Thiếu tài liệu kiểm chứng', by: 'Hội đồng thẩm định' }],
        },
        '3.1': { survey: { percent: '85.2' } },
        '3.2': { survey: { percent: '77.5' } },
      },
    }],
  }).units[0];
  assert.equal(await shownIndex(), expected.index);
  assert.equal(await page.locator('#index').textContent(), expected.index.replace('.', ','));
  assert.equal(await page.locator('#points').getAttribute('data-decimal'), expected.points);
  assert.equal(await page.locator('#band').textContent(), expected.band);
  assert.notEqual(await shownIndex(), beforeOverride);
  assert.equal(await page.locator('#fields .field').count(), 3);
  assert.match(await page.locator('#fields').textContent(), /Cải cách thể chế: 3,25\/4,00 \(81,25 %\)/);
  await page.screenshot({ path: `${artifacts}demo-unit.png`, fullPage: true });
  assert.deepEqual(pageErrors, []);
});

test('a multi-unit CSV gives the ranked table per block', async () => {
  await page.setInputFiles('#methodology-file', cases('published-2023-ranks/methodology.json'));
  await page.setInputFiles('#csv-file', cases('published-2023-ranks/input.csv'));
  await page.waitForSelector('#ranking tbody tr');
  const shown = await page.locator('#ranking tbody tr').evaluateAll((rows) =>
    rows.map((r) => [r.dataset.unit, Number(r.dataset.rank), r.dataset.index]),
  );
  const expected = JSON.parse(readFileSync(cases('published-2023-ranks/expected.json'), 'utf8'));
  assert.deepEqual(shown, expected.units.map((u) => [u.unit, u.rank, u.index]));
  assert.match(await page.locator('#ranking').textContent(), /Quảng Ninh/);
  await page.locator('#ranking-section').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${artifacts}demo-ranking.png`, fullPage: true });
  assert.deepEqual(pageErrors, []);
});

test('blocks are ranked separately in the table', async () => {
  await page.setInputFiles('#methodology-file', cases('blocks-ranked-separately/methodology.json'));
  const assessments = JSON.parse(readFileSync(cases('blocks-ranked-separately/input.json'), 'utf8'));
  // The fixture as a wide table; a block may be given by its name, which holds a comma.
  const cell = (text) => `"${text.replaceAll('"', '""')}"`;
  const csv = ['unit,block,1,2,3', ...assessments.units.map((u) =>
    [u.unit, u.block, ...['1', '2', '3'].map((c) => u.entries[c].value ?? u.entries[c].survey.points)]
      .map(cell).join(','))].join('\n');
  await page.setInputFiles('#csv-file', { name: 'units.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.waitForSelector('#ranking .block, #ranking-problems li');
  assert.equal(await page.locator('#ranking-problems li').count(), 0);
  const blocks = await page.locator('#ranking .block').evaluateAll((sections) =>
    sections.map((s) => [s.dataset.block, [...s.querySelectorAll('tbody tr')].map((r) => r.dataset.unit)]),
  );
  const expected = par.rankTable(readFileSync(cases('blocks-ranked-separately/expected.json'), 'utf8'));
  assert.deepEqual(blocks, [
    ['so', expected.filter((r) => r.block === 'so').map((r) => r.unit)],
    ['huyen', expected.filter((r) => r.block === 'huyen').map((r) => r.unit)],
  ]);
  await page.screenshot({ path: `${artifacts}demo-blocks.png`, fullPage: true });
  assert.deepEqual(pageErrors, []);
});

test('switching the methodology clears what was imported for the previous one', async () => {
  await page.setInputFiles('#methodology-file', cases('blocks-ranked-separately/methodology.json'));
  await page.setInputFiles('#assessment-file', cases('blocks-ranked-separately/input.json'));
  await page.waitForFunction(() => document.querySelector('#assessment-info').textContent !== '');
  assert.match(await page.locator('#assessment-info').textContent(), /Đã nhập/);
  const builtin = par.listBuiltin()[0].id;
  await page.locator('#builtin').selectOption(builtin);
  await page.waitForFunction(() => document.querySelector('#assessment-info').textContent === '');
  assert.equal(await page.locator('#ranking').textContent(), '');
  assert.deepEqual(pageErrors, []);
});

const camau = 'camau-1880-2013-field1-excerpt';

test('an invalid entry shows the engine\'s Vietnamese message against its criterion', async () => {
  await page.locator('#builtin').selectOption(camau);
  await page.locator('#unit-name').fill('UBND xã An Bình');
  await control('1.1.1', 'self').selectOption('Ban hành kịp thời');
  await control('1.3', 'self').pressSequentially('5');
  const expected = (() => {
    try {
      par.score(camau, { schema: 'par.assessments/1', units: [{
        unit: 'UBND xã An Bình',
        entries: { '1.1.1': { self: 'Ban hành kịp thời' }, '1.3': { self: '5' } },
      }] }, { lang: 'vi' });
    } catch (e) {
      return e.lines;
    }
    return assert.fail('the engine accepts a self-score of 5 out of 3');
  })();
  assert.deepEqual(await page.locator('#problems li').allTextContents(), expected);
  assert.match(expected[0], /tiêu chí 1\.3 “Kiểm tra công tác CCHC”: 5 vượt điểm tối đa 3/);
  assert.equal(await control('1.3', 'self').evaluate((c) => c.classList.contains('invalid')), true);
  assert.match(await page.locator('#warnings').textContent(), /chưa chấm \(tính 0 điểm\)/);
  await page.screenshot({ path: `${artifacts}demo-problems.png`, fullPage: true });
  assert.deepEqual(pageErrors, []);
});

// Common English words that are not Vietnamese syllables too ("to", "an", "in" are).
const ENGLISH = [
  'the', 'and', 'or', 'of', 'for', 'with', 'from', 'is', 'are', 'not', 'no', 'yes', 'none', 'all',
  'file', 'files', 'choose', 'chosen', 'select', 'load', 'upload', 'import', 'browse',
  'score', 'scores', 'points', 'unit', 'units', 'block', 'blocks', 'rank', 'ranking', 'index',
  'band', 'criterion', 'criteria', 'methodology', 'field', 'fields', 'self', 'appraised',
  'appraisal', 'evidence', 'reason', 'survey', 'total', 'max', 'missing', 'unknown', 'error',
  'errors', 'warning', 'warnings', 'problem', 'problems', 'code', 'name', 'value', 'mean',
  'median', 'highest', 'lowest', 'counted', 'entered', 'exceeds', 'outside', 'expected', 'invalid',
];
const englishWord = new RegExp(`(?<![\\p{L}\\p{N}_])(${ENGLISH.join('|')})(?![\\p{L}\\p{N}_])`, 'giu');

test('no English is left on the page', async () => {
  // The page as an official sees it: a Vietnamese criteria set, a problem, warnings and a ranking
  // read from a table as Excel saves it in Vietnam (Vietnamese headings, `;`, decimal commas).
  const csv = 'Đơn vị;Khối;1.1.1;1.1.2;1.1.3;1.1.4;1.2.1;1.2.2;1.3\n'
    + 'UBND xã An Bình;;1;1;1;1,5;1;0;2,5\n'
    + 'UBND xã Hòa Lạc;;0,5;1;0;2;1;1;3\n';
  await page.setInputFiles('#csv-file', { name: 'bang-diem.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.waitForSelector('#ranking tbody tr, #ranking-problems li');
  assert.deepEqual(await page.locator('#ranking-problems li').allTextContents(), []);
  assert.equal(await page.locator('#ranking tbody tr').count(), 2);
  assert.ok((await page.locator('#problems li').count()) > 0, 'a problem is shown');

  assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
  const texts = await page.evaluate(() => [
    document.title,
    document.body.innerText,
    ...[...document.querySelectorAll('option')].map((o) => o.textContent),
    ...[...document.querySelectorAll('[placeholder]')].map((e) => e.placeholder),
    ...[...document.querySelectorAll('[aria-label], [title]')].flatMap((e) => [e.ariaLabel, e.title]),
  ].filter(Boolean));
  const english = texts.flatMap((text) => [...text.matchAll(englishWord)].map((m) => m[0]));
  assert.deepEqual(english, [], `English on the page: ${english.join(', ')}`);
  await page.screenshot({ path: `${artifacts}demo-vietnamese.png`, fullPage: true });
  assert.deepEqual(pageErrors, []);
});

test('the importer of criteria tables is fetched only when a page asks for it', async () => {
  assert.ok(requested.includes('/pkg/parindex_bg.wasm'));
  assert.ok(!requested.includes('/pkg/parindex_import_bg.wasm'), 'fetched with the page');
  const annex = readFileSync(`${cases('annex-import')}/annex.csv`, 'utf8');
  const seen = await page.evaluate(async (csv) => {
    const par = await import('/js/browser.js');
    let before;
    try {
      par.importTable(csv);
    } catch (e) {
      before = e.message;
    }
    await par.loadImporter();
    const { methodology, rows, warnings } = par.importTable(csv, { id: 'annex' });
    return [before, methodology.definition().decision, rows.length, warnings.map((w) => w.row)];
  }, annex);
  assert.deepEqual(seen, [
    'the module of criteria tables and analyses is not loaded: await loadImporter() first',
    '1234/QĐ-UBND', 20, [18],
  ]);
  assert.ok(requested.includes('/pkg/parindex_import_bg.wasm'));
  assert.deepEqual(pageErrors, []);
});

/** A synthetic national run: 120 units with long Vietnamese names in two blocks, three fields. */
function nationalRun() {
  const methodology = {
    schema: 'par.methodology/1',
    id: 'national-chart',
    name: 'Bộ chỉ số thử nghiệm toàn quốc',
    bands: [{ label: 'Tốt', min: '80' }, { label: 'Khá', min: '70' }, { label: 'Trung bình', min: '50' }],
    blocks: [{ id: 'bo', name: 'Bộ, cơ quan ngang bộ' }, { id: 'tinh', name: 'Tỉnh, thành phố trực thuộc Trung ương' }],
    nodes: [
      { code: '1', name: 'Công tác chỉ đạo, điều hành cải cách hành chính', max: '40' },
      { code: '2', name: 'Cải cách thủ tục hành chính', max: '35', component: 'appraisal' },
      { code: '3', name: 'Mức độ hài lòng của người dân', max: '25', component: 'survey', survey: true },
    ],
  };
  const units = Array.from({ length: 120 }, (_, i) => ({
    unit: `Ủy ban nhân dân tỉnh Thử Nghiệm Số ${String(i + 1).padStart(3, '0')} — Văn phòng cải cách hành chính`,
    block: i % 3 === 0 ? 'bo' : 'tinh',
    entries: {
      1: { value: String(20 + ((i * 7) % 21)) },
      2: { value: String(15 + ((i * 11) % 21)) },
      3: { survey: { points: String(10 + ((i * 5) % 16)) } },
    },
  }));
  return par.scoreJson(methodology, { schema: 'par.assessments/1', units });
}

test('every kind of chart renders in the browser, and a national run\'s ranking has no overlap', async () => {
  const results = nationalRun();
  const charts = {
    ranking: par.chart(results, 'ranking', { lang: 'vi' }),
    components: par.chart(results, 'components', { lang: 'vi' }),
    heatmap: par.chart(results, 'heatmap', { lang: 'vi' }),
    changes: par.chart(results, 'changes', {
      lang: 'vi',
      previous: readFileSync(cases('blocks-ranked-separately/expected.json'), 'utf8'),
    }),
  };
  const view = await browser.newPage({ viewport: { width: 1000, height: 800 } });
  for (const [kind, svg] of Object.entries(charts)) {
    await view.setContent(`<!doctype html><html lang="vi"><body style="margin:0">${svg}</body></html>`);
    const drawn = await view.locator('svg').boundingBox();
    assert.ok(drawn.width >= 900 && drawn.height > 100, `${kind} is drawn (${JSON.stringify(drawn)})`);
    assert.equal(await view.locator('svg').getAttribute('role'), 'img');
    await view.screenshot({ path: `${artifacts}/chart-${kind}.png`, fullPage: true });
  }
  // The ranking's labels (names, ranks, values, headings), as the browser lays them out.
  await view.setContent(`<!doctype html><html lang="vi"><body style="margin:0">${charts.ranking}</body></html>`);
  const overlaps = await view.evaluate(() => {
    const boxes = [...document.querySelectorAll('svg text')].map((t) => {
      const b = t.getBoundingClientRect();
      return { text: t.textContent, left: b.left, right: b.right, top: b.top, bottom: b.bottom };
    });
    const found = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i], boxes[j]];
        // A pixel of rounding either way is not an overlap a reader sees.
        if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) {
          found.push(`${a.text} × ${b.text}`);
        }
      }
    }
    return { labels: boxes.length, found };
  });
  assert.ok(overlaps.labels > 240, `every unit is labelled (${overlaps.labels} labels)`);
  assert.deepEqual(overlaps.found, []);
  await view.close();
});
