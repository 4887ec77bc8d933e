// Drives the demo page in headless Chromium: load a methodology, type a unit's self-scores and one
// appraisal override, check the displayed index against the engine's value for that input, then
// rank a multi-unit CSV and check the table against the shared expected results.
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
  assert.match(await page.locator('#problems').textContent(), /reason_required/);
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
