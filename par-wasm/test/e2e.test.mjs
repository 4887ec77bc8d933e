// Drives the demo page, a reference portal, in headless Chromium at a desktop's width and a
// phone's: the form drawn from the engine's form model, scored on every keystroke (an invalid
// entry shown against its criterion in Vietnamese while the total counts the others), the total
// always in sight, no horizontal scrolling on a phone; criteria tables and score sheets imported
// from JSON, CSV and Excel, file errors naming the file; a ranking with its chart and the Excel
// and CSV downloads, byte for byte the engine's. Each kind of chart is rendered as the browser
// draws it, and a national run's ranking chart has no label over another. Screenshots go to
// test-artifacts/.
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

/** A fresh page of the demo at a viewport, its errors collected. */
async function openDemo(viewport, errors = pageErrors) {
  const opened = await browser.newPage({ viewport, acceptDownloads: true });
  opened.on('pageerror', (e) => errors.push(e));
  await opened.goto(`http://127.0.0.1:${server.address().port}/demo/`);
  await opened.waitForSelector('body[data-ready="true"]');
  return opened;
}

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
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  page.on('pageerror', (e) => pageErrors.push(e));
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await page.goto(`http://127.0.0.1:${server.address().port}/demo/`);
  await page.waitForSelector('body[data-ready="true"]');
});

after(async () => {
  await browser?.close();
  server?.close();
});

const control = (code, name, on = page) => on.locator(`[data-code="${code}"][data-field="${name}"]`);
const cardProblems = (code, on = page) => on.locator(`[data-problems="${code}"] li`);
const shownIndex = (on = page) => on.locator('#index').getAttribute('data-decimal');

/** Whether an element lies wholly inside the viewport as it is scrolled now. */
const inView = (locator) => locator.evaluate((e) => {
  const b = e.getBoundingClientRect();
  return b.top >= 0 && b.left >= 0 && b.bottom <= window.innerHeight && b.right <= window.innerWidth;
});

/** How far the page scrolls sideways: 0 when nothing is wider than the viewport. */
const sideways = (on) => on.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test('the page starts with a built-in methodology, no errors, and without the importer', async () => {
  assert.ok((await page.locator('#builtin option').count()) >= 5);
  assert.match(await page.locator('#methodology-info').textContent(), /tiêu chí/);
  assert.ok(requested.includes('/pkg/parindex_bg.wasm'));
  assert.ok(!requested.includes('/pkg/parindex_import_bg.wasm'), 'the importer is fetched with the page');
  const refused = await page.evaluate(async () => {
    const par = await import('/js/browser.js');
    try {
      par.importTable('a;b');
    } catch (e) {
      return e.message;
    }
    return null;
  });
  assert.equal(refused, 'the module of criteria tables and analyses is not loaded: await loadImporter() first');
  // The built-in set has no blocks: no block to choose.
  assert.equal(await page.locator('#block-label').isVisible(), false);
  assert.equal(await page.locator('#downloads').isVisible(), false);
  assert.deepEqual(pageErrors, []);
});

test('the form is drawn from the engine\'s form model, one card per criterion', async () => {
  const m = new par.Methodology('camau-1880-2013-field1-excerpt');
  const model = m.formModel();
  const cards = await page.locator('.criterion').evaluateAll((all) => all.map((c) => [c.dataset.node, c.dataset.input]));
  assert.deepEqual(cards, model.nodes.filter((n) => n.input !== 'children').map((n) => [n.code, n.input]));
  // A choice lists its options with their points; yes/no says Có/Không.
  const choice = model.nodes.find((n) => n.input === 'choice');
  const options = await control(choice.code, 'self').locator('option').allTextContents();
  assert.deepEqual(options.slice(1), choice.rule.options.map((o) => `${o.label} (${o.points.replace('.', ',')})`));
  m.free();
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

  // An override without a reason is refused (reason_required) in its criterion's card, then
  // accepted with one.
  await control('2.1', 'appraisal').pressSequentially('3,25');
  assert.match(
    await cardProblems('2.1').allTextContents().then((t) => t.join('\n')),
    /lần thẩm định 1 đổi điểm 3,5 → 3,25 mà không ghi lý do điều chỉnh/,
  );
  assert.equal(await control('2.1', 'reason').evaluate((c) => c.classList.contains('invalid')), true);
  // Until the reason is typed, the self-score counts.
  assert.equal(await page.locator('output[data-points="2.1"]').textContent(), '3,50');
  await control('2.1', 'reason').pressSequentially('Thiếu tài liệu kiểm chứng');
  assert.equal(await page.locator('.criterion .problems li').count(), 0);

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
  assert.equal(await page.locator('output[data-points="2.1"]').textContent(), '3,25');
  assert.notEqual(await shownIndex(), beforeOverride);
  assert.equal(await page.locator('#fields .field').count(), 3);
  assert.match(await page.locator('#fields').textContent(), /Cải cách thể chế: 3,25\/4,00 \(81,25 %\)/);
  assert.match(await page.locator('#status').textContent(), /Đã chấm đủ/);
  await page.screenshot({ path: `${artifacts}demo-unit.png`, fullPage: true });
  assert.deepEqual(pageErrors, []);
});

test('a number typed with both marks is refused as typed, against its criterion', async () => {
  await control('2.1', 'self').fill('1.093,5');
  const problems = await cardProblems('2.1').allTextContents();
  assert.equal(problems.length, 1);
  assert.match(problems[0], /“1\.093,5”/);
  assert.doesNotMatch(problems[0], /1\.093\.5/);
  await control('2.1', 'self').fill('3,5');
  assert.equal(await cardProblems('2.1').count(), 0);
});

/**
 * The form on a page at `viewport`: an out-of-range self-score is shown against its criterion in
 * Vietnamese while the total counts the valid entries; the total stays in sight while the last
 * criterion is filled in. Returns the page, for its screenshots.
 */
async function outOfRangeOn(viewport, name) {
  const errors = [];
  const view = await openDemo(viewport, errors);
  await view.locator('#builtin').selectOption('camau-1880-2013-field1-excerpt');
  await view.locator('#unit-name').fill('UBND xã An Bình');
  assert.equal(await inView(view.locator('#total')), true, 'the total is in sight on arrival');
  await control('1.1.1', 'self', view).selectOption('Ban hành kịp thời');
  await control('1.1.3', 'self', view).selectOption('Đạt yêu cầu');
  await control('1.3', 'self', view).pressSequentially('5');
  const unit = {
    unit: 'UBND xã An Bình',
    entries: { '1.1.1': { self: 'Ban hành kịp thời' }, '1.1.3': { self: 'Đạt yêu cầu' }, '1.3': { self: '5' } },
  };
  const m = new par.Methodology('camau-1880-2013-field1-excerpt');
  const expected = m.scoreForm(unit);
  m.free();
  assert.equal(expected.problems.length, 1);
  assert.deepEqual(await cardProblems('1.3', view).allTextContents(), [expected.problems[0].message]);
  assert.match(expected.problems[0].message, /tiêu chí 1\.3 “Kiểm tra công tác CCHC”: 5 vượt điểm tối đa 3/);
  assert.equal(await control('1.3', 'self', view).evaluate((c) => c.classList.contains('invalid')), true);
  // The total counts the two valid entries, and says that it is not final.
  assert.equal(await view.locator('#points').getAttribute('data-decimal'), expected.unit.points);
  assert.equal(expected.unit.points, '2.00');
  assert.match(await view.locator('#status').textContent(), /1 lỗi cần sửa/);
  // The last criterion is the one being filled in: the total is in sight beside it.
  assert.equal(await inView(control('1.3', 'self', view)), true);
  assert.equal(await inView(view.locator('#total')), true, 'the total is in sight while the form is filled in');
  assert.equal(await sideways(view), 0, 'the page does not scroll sideways');
  await view.screenshot({ path: `${artifacts}demo-${name}.png` });
  await view.screenshot({ path: `${artifacts}demo-${name}-full.png`, fullPage: true });
  assert.deepEqual(errors, []);
  return view;
}

test('at a desktop\'s width, an out-of-range entry is shown against its criterion while the total counts the others', async () => {
  const view = await outOfRangeOn({ width: 1280, height: 800 }, '1280');
  await view.close();
});

test('on a phone (390 px), one card per criterion, no sideways scrolling, the total always in sight', async () => {
  const view = await outOfRangeOn({ width: 390, height: 844 }, '390');
  // Every card fits the screen's width.
  const widths = await view.locator('.criterion').evaluateAll((cards) => cards.map((c) => c.getBoundingClientRect().right));
  assert.ok(widths.every((right) => right <= 390), `cards end at ${widths.join(', ')}`);
  // A ranking, with its tables and chart, keeps the page as wide as the screen.
  await view.setInputFiles('#ranking-file', cases('csv-saved-every-way/input.csv'));
  await view.waitForSelector('#ranking-chart svg');
  assert.equal(await sideways(view), 0, 'the page does not scroll sideways with a ranking');
  await view.locator('#ranking-section').scrollIntoViewIfNeeded();
  assert.equal(await inView(view.locator('#total')), true);
  await view.screenshot({ path: `${artifacts}demo-390-ranking.png` });
  await view.close();
});

test('a multi-unit CSV gives the ranked table per block, its chart and the downloads', async () => {
  await page.setInputFiles('#methodology-file', cases('published-2023-ranks/methodology.json'));
  await page.setInputFiles('#ranking-file', cases('published-2023-ranks/input.csv'));
  await page.waitForSelector('#ranking tbody tr');
  const shown = await page.locator('#ranking tbody tr').evaluateAll((rows) =>
    rows.map((r) => [r.dataset.unit, Number(r.dataset.rank), r.dataset.index]),
  );
  const expected = JSON.parse(readFileSync(cases('published-2023-ranks/expected.json'), 'utf8'));
  assert.deepEqual(shown, expected.units.map((u) => [u.unit, u.rank, u.index]));
  assert.match(await page.locator('#ranking').textContent(), /Quảng Ninh/);
  await page.waitForSelector('#ranking-chart svg');
  assert.equal(await page.locator('#ranking-chart svg').getAttribute('role'), 'img');

  // The downloads are the engine's bytes for these results.
  await par.loadImporter();
  const methodology = new par.Methodology(readFileSync(cases('published-2023-ranks/methodology.json'), 'utf8'));
  const results = methodology.scoreCsvJson(readFileSync(cases('published-2023-ranks/input.csv')));
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.locator('#download-xlsx').click()]);
  assert.equal(xlsx.suggestedFilename(), 'xep-hang-input.xlsx');
  assert.deepEqual(readFileSync(await xlsx.path()), Buffer.from(par.toXlsx(results, { methodology })));
  const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('#download-csv').click()]);
  assert.equal(readFileSync(await csv.path(), 'utf8'), par.toExcelCsv(results));
  methodology.free();
  await page.locator('#ranking-section').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${artifacts}demo-ranking.png`, fullPage: true });
  assert.deepEqual(pageErrors, []);
});

test('a score sheet kept as an Excel workbook is ranked as its CSV is', async () => {
  await page.locator('#builtin').selectOption('camau-1880-2013-field1-excerpt');
  await page.setInputFiles('#ranking-file', cases('csv-saved-every-way/input.xlsx'));
  await page.waitForSelector('#ranking tbody tr');
  const shown = await page.locator('#ranking tbody tr').evaluateAll((rows) =>
    rows.map((r) => [r.dataset.unit, Number(r.dataset.rank), r.dataset.index]));
  const expected = JSON.parse(readFileSync(cases('csv-saved-every-way/expected.json'), 'utf8'));
  assert.deepEqual(shown, expected.units.map((u) => [u.unit, u.rank, u.index]));
  assert.deepEqual(pageErrors, []);
});

test('blocks are asked for and ranked separately', async () => {
  await page.setInputFiles('#methodology-file', cases('blocks-ranked-separately/methodology.json'));
  await page.waitForFunction(() => !document.querySelector('#block-label').hidden);
  assert.deepEqual(await page.locator('#block option').allTextContents(), ['—', 'Sở, ban, ngành', 'UBND cấp huyện']);
  const assessments = JSON.parse(readFileSync(cases('blocks-ranked-separately/input.json'), 'utf8'));
  // The fixture as a wide table; a block may be given by its name, which holds a comma.
  const cell = (text) => `"${text.replaceAll('"', '""')}"`;
  const csv = ['unit,block,1,2,3', ...assessments.units.map((u) =>
    [u.unit, u.block, ...['1', '2', '3'].map((c) => u.entries[c].value ?? u.entries[c].survey.points)]
      .map(cell).join(','))].join('\n');
  await page.setInputFiles('#ranking-file', { name: 'units.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
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

test('a JSON file of units is ranked from its bytes', async () => {
  await page.setInputFiles('#methodology-file', cases('blocks-ranked-separately/methodology.json'));
  await page.waitForFunction(() => !document.querySelector('#block-label').hidden);
  // With a byte-order mark, as Notepad saves UTF-8: the bytes go into the module as they are.
  const saved = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(cases('blocks-ranked-separately/input.json'))]);
  await page.setInputFiles('#ranking-file', { name: 'units.json', mimeType: 'application/json', buffer: saved });
  await page.waitForSelector('#ranking .block, #ranking-problems li');
  assert.equal(await page.locator('#ranking-problems li').count(), 0);
  const units = await page.locator('#ranking tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.unit));
  const expected = par.rankTable(readFileSync(cases('blocks-ranked-separately/expected.json'), 'utf8'));
  assert.deepEqual(units, expected.map((r) => r.unit));
  assert.deepEqual(pageErrors, []);
});

test('switching the methodology clears what was imported for the previous one', async () => {
  await page.setInputFiles('#methodology-file', cases('blocks-ranked-separately/methodology.json'));
  await page.setInputFiles('#assessment-file', cases('blocks-ranked-separately/input.json'));
  await page.waitForFunction(() => document.querySelector('#assessment-info').textContent !== '');
  assert.match(await page.locator('#assessment-info').textContent(), /Đã nhập “Sở Nội vụ” từ tệp “input\.json”/);
  const builtin = par.listBuiltin()[0].id;
  await page.locator('#builtin').selectOption(builtin);
  await page.waitForFunction(() => document.querySelector('#assessment-info').textContent === '');
  assert.equal(await page.locator('#ranking').textContent(), '');
  assert.equal(await page.locator('#ranking-chart').innerHTML(), '');
  assert.deepEqual(pageErrors, []);
});

test('a sheet imported into the form says what did not come with it', async () => {
  // The department's own reasons, typed beside its self-scores, are no appraisal's: the form is
  // filled without them, and the page says so in the engine's words.
  const dir = 'csv-long-reasons-without-a-score-column';
  await page.setInputFiles('#methodology-file', cases(`${dir}/methodology.json`));
  await page.waitForFunction(() => document.querySelector('#methodology-info').textContent.includes('tiêu chí'));
  await page.setInputFiles('#assessment-file', cases(`${dir}/input.csv`));
  await page.waitForFunction(() => document.querySelector('#assessment-info').textContent !== '');
  assert.match(await page.locator('#assessment-info').textContent(), /Đã nhập “Sở Y tế” từ tệp “input\.csv”/);
  const expected = JSON.parse(readFileSync(cases(`${dir}/expected-read.json`), 'utf8'));
  assert.deepEqual(
    await page.locator('#assessment-problems li.warning').allTextContents(),
    expected.warnings.map((w) => w.message),
  );
  assert.equal(expected.warnings[0].code, 'reasons_not_read');
  await page.locator('#assessment-problems').screenshot({ path: `${artifacts}demo-import-warnings.png` });
  assert.deepEqual(pageErrors, []);
});

test('a criteria annex in Excel becomes the form; a file of another kind is named in the error', async () => {
  await page.setInputFiles('#methodology-file', cases('annex-import/annex.xlsx'));
  await page.waitForFunction(() => document.querySelector('#methodology-info').textContent.includes('tiêu chí'));
  const imported = par.importTable(readFileSync(cases('annex-import/annex.xlsx')));
  const model = imported.methodology.formModel();
  imported.methodology.free();
  assert.equal(await page.locator('.criterion').count(), model.nodes.filter((n) => n.input !== 'children').length);
  assert.deepEqual(
    await page.locator('#methodology-problems li').allTextContents(),
    imported.warnings.map((w) => w.message),
  );

  // Score sheets chosen as a methodology: the error says which file, what it was read as, and why.
  await page.setInputFiles('#methodology-file', cases('blocks-ranked-separately/input.json'));
  await page.waitForFunction(() => document.querySelector('#methodology-problems').textContent.includes('input.json'));
  const lines = await page.locator('#methodology-problems li').allTextContents();
  assert.equal(lines[0], 'Tệp “input.json” (tệp JSON) không đọc được thành bộ tiêu chí:');
  assert.ok(lines.length > 1 && lines.slice(1).every((l) => /mã lỗi/.test(l)), lines.join('\n'));
  await page.setInputFiles('#methodology-file', cases('csv-saved-every-way/input.xlsx'));
  await page.waitForFunction(() => document.querySelector('#methodology-problems').textContent.includes('input.xlsx'));
  assert.equal(
    await page.locator('#methodology-problems li').first().textContent(),
    'Tệp “input.xlsx” (bảng tính Excel) không đọc được thành bộ tiêu chí:',
  );
  // What was loaded before stays.
  assert.equal(await page.locator('.criterion').count(), model.nodes.filter((n) => n.input !== 'children').length);
  assert.deepEqual(pageErrors, []);
});

test('one unit of an Excel score sheet fills the form', async () => {
  await page.locator('#builtin').selectOption('camau-1880-2013-field1-excerpt');
  await page.setInputFiles('#assessment-file', cases('csv-saved-every-way/input.xlsx'));
  await page.waitForFunction(() => document.querySelector('#assessment-info').textContent !== '');
  const expected = JSON.parse(readFileSync(cases('csv-saved-every-way/expected.json'), 'utf8')).units;
  const first = await page.locator('#unit-name').inputValue();
  assert.match(await page.locator('#assessment-info').textContent(), /1\/3 đơn vị trong tệp/);
  assert.equal(await shownIndex(), expected.find((u) => u.unit === first).index);
  assert.deepEqual(pageErrors, []);
});

// Common English words that are not Vietnamese syllables too ("to", "an", "in" are).
const ENGLISH = [
  'the', 'and', 'or', 'of', 'for', 'with', 'from', 'is', 'are', 'not', 'no', 'yes', 'none', 'all',
  'file', 'files', 'choose', 'chosen', 'select', 'load', 'upload', 'import', 'browse', 'download',
  'score', 'scores', 'points', 'unit', 'units', 'block', 'blocks', 'rank', 'ranking', 'index',
  'band', 'criterion', 'criteria', 'methodology', 'field', 'fields', 'self', 'appraised',
  'appraisal', 'evidence', 'reason', 'survey', 'total', 'max', 'missing', 'unknown', 'error',
  'errors', 'warning', 'warnings', 'problem', 'problems', 'code', 'name', 'value', 'mean',
  'median', 'highest', 'lowest', 'counted', 'entered', 'exceeds', 'outside', 'expected', 'invalid',
];
const englishWord = new RegExp(`(?<![\\p{L}\\p{N}_])(${ENGLISH.join('|')})(?![\\p{L}\\p{N}_])`, 'giu');

test('no English is left on the page', async () => {
  // The page as an official sees it: a Vietnamese criteria set, a problem, warnings, a ranking
  // read from a table as Excel saves it in Vietnam (Vietnamese headings, `;`, decimal commas)
  // and its chart.
  await page.locator('#builtin').selectOption('camau-1880-2013-field1-excerpt');
  await control('1.3', 'self').pressSequentially('5');
  const csv = 'Đơn vị;Khối;1.1.1;1.1.2;1.1.3;1.1.4;1.2.1;1.2.2;1.3\n'
    + 'UBND xã An Bình;;1;1;1;1,5;1;0;2,5\n'
    + 'UBND xã Hòa Lạc;;0,5;1;0;2;1;1;3\n';
  await page.setInputFiles('#ranking-file', { name: 'bang-diem.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.waitForSelector('#ranking-chart svg');
  assert.deepEqual(await page.locator('#ranking-problems li').allTextContents(), []);
  assert.equal(await page.locator('#ranking tbody tr').count(), 2);
  assert.ok((await page.locator('.criterion .problems li').count()) > 0, 'a problem is shown');

  assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
  const texts = await page.evaluate(() => [
    document.title,
    document.body.innerText,
    ...[...document.querySelectorAll('option')].map((o) => o.textContent),
    ...[...document.querySelectorAll('[placeholder]')].map((e) => e.placeholder),
    ...[...document.querySelectorAll('[aria-label], [title]')].flatMap((e) => [e.ariaLabel, e.title]),
    ...[...document.querySelectorAll('svg title, svg desc, svg text')].map((e) => e.textContent),
  ].filter(Boolean));
  const english = texts.flatMap((text) => [...text.matchAll(englishWord)].map((m) => m[0]));
  assert.deepEqual(english, [], `English on the page: ${english.join(', ')}`);
  await page.screenshot({ path: `${artifacts}demo-vietnamese.png`, fullPage: true });
  assert.deepEqual(pageErrors, []);
});

test('the importer of criteria tables answers in the page once loaded', async () => {
  const annex = readFileSync(`${cases('annex-import')}/annex.csv`, 'utf8');
  const seen = await page.evaluate(async (csv) => {
    const par = await import('/js/browser.js');
    await par.loadImporter();
    const { methodology, rows, warnings } = par.importTable(csv, { id: 'annex' });
    return [methodology.definition().decision, rows.length, warnings.map((w) => w.row)];
  }, annex);
  assert.deepEqual(seen, ['1234/QĐ-UBND', 20, [18]]);
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
