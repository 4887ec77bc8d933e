// A portal's self-assessment page on the `parindex` package. In a portal, import from the
// package instead: `import * as par from 'parindex';` (bundler) or the path of its js/browser.js.
//
// Everything on the page is Vietnamese, for the officials who fill it in: its own labels here and
// in index.html, and the engine's problems and warnings, which are Vietnamese by default (the
// package's `lang` option).
//
// Every score shown here is the engine's decimal text. The page never turns a score into a
// JavaScript number: it only replaces a typed "," by "." before sending text to the engine, and
// shows the engine's "." as "," (Vietnamese notation).
import * as par from '../js/browser.js';

const $ = (id) => document.getElementById(id);

/** The loaded methodology (kept in WebAssembly memory) and its leaves. */
let methodology = null;
let tree = [];
let rules = new Map();

// ------------------------------------------------------------------------------------------
// Text helpers
// ------------------------------------------------------------------------------------------

/** A decimal as typed (`3,5` or `3.5`) as the engine reads it. Text in, text out. */
const decimalText = (typed) => typed.trim().replace(/,/g, '.');
/** An engine decimal in Vietnamese notation ("83.56" → "83,56"). */
const vi = (decimal) => (decimal == null ? '—' : decimal.replace('.', ','));

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k in node) node[k] = v;
    else node.setAttribute(k, v);
  }
  node.append(...children.filter((c) => c != null));
  return node;
}

function list(target, items) {
  target.replaceChildren(...items.map((text) => el('li', { textContent: text })));
}

/** The problems of a refusal as a list: the engine's own lines (where, what, and the code). */
function showProblems(target, error) {
  if (!(error instanceof par.ParError)) throw error;
  list(target, error.lines);
}

/** A chosen file's name next to its button (the browser's own file widget is hidden). */
function showFileName(input) {
  const name = input.closest('label').querySelector('.file-name');
  name.textContent = input.files[0]?.name ?? 'Chưa chọn tệp';
}

/** Forgets the file chosen in a file input, so that its name no longer shows. */
function clearFile(input) {
  input.value = '';
  showFileName(input);
}

// ------------------------------------------------------------------------------------------
// Methodology
// ------------------------------------------------------------------------------------------

function collectRules(nodes) {
  for (const n of nodes) {
    rules.set(n.code, n.rule ?? { type: 'points' });
    collectRules(n.children ?? []);
  }
}

function useMethodology(source) {
  let next;
  try {
    next = new par.Methodology(source);
  } catch (e) {
    showProblems($('problems'), e);
    $('methodology-info').textContent = '';
    return;
  }
  methodology?.free();
  methodology = next;
  tree = methodology.tree();
  const definition = methodology.definition();
  rules = new Map();
  collectRules(definition.nodes);
  const leaves = tree.filter((n) => n.leaf).length;
  $('methodology-info').textContent =
    `${methodology.name} — ${leaves} tiêu chí được chấm, tổng tối đa ${vi(sumOfFields())} điểm.`;
  const blocks = definition.blocks ?? [];
  $('block-label').hidden = blocks.length === 0;
  $('block').replaceChildren(
    el('option', { value: '', textContent: '—' }),
    ...blocks.map((b) => el('option', { value: b.id, textContent: b.name ?? b.id })),
  );
  buildForm();
  // A new form holds none of an imported unit's inputs, nor any ranking of the previous tree.
  $('assessment-info').textContent = '';
  clearFile($('assessment-file'));
  rescore();
  $('ranking').replaceChildren();
  list($('ranking-problems'), []);
  clearFile($('csv-file'));
}

/** The tree's max as the engine prints it: read from a score of an empty unit. */
function sumOfFields() {
  try {
    return methodology.score([{ unit: '—' }]).units[0].max;
  } catch {
    return null;
  }
}

// ------------------------------------------------------------------------------------------
// The form: one row per leaf
// ------------------------------------------------------------------------------------------

function valueInput(code, field, rule, survey) {
  const data = { code, field };
  if (survey) {
    return el('input', { className: 'decimal', placeholder: '% hài lòng', inputMode: 'decimal', dataset: data });
  }
  if (rule.type === 'choice') {
    return el(
      'select',
      { dataset: data },
      el('option', { value: '', textContent: '—' }),
      ...rule.options.map((o) => el('option', { value: o.label, textContent: `${o.label} (${vi(o.points)})` })),
    );
  }
  if (rule.type === 'yes_no') {
    return el(
      'select',
      { dataset: { ...data, boolean: 'true' } },
      el('option', { value: '', textContent: '—' }),
      el('option', { value: 'true', textContent: 'Có' }),
      el('option', { value: 'false', textContent: 'Không' }),
    );
  }
  const placeholder = rule.type === 'points' ? 'điểm' : rule.measure ?? (rule.type === 'ratio' ? '%' : 'giá trị');
  return el('input', { className: 'decimal', placeholder, inputMode: 'decimal', dataset: data });
}

function buildForm() {
  const rows = [];
  for (const node of tree) {
    if (!node.leaf) {
      rows.push(el('tr', { className: 'group' },
        el('td', { textContent: node.code }),
        el('td', { colSpan: 6, textContent: node.name }),
        el('td', { className: 'num', dataset: { points: node.code } })));
      continue;
    }
    const rule = rules.get(node.code) ?? { type: 'points' };
    const cells = node.survey
      ? [el('td', {}, valueInput(node.code, 'survey', rule, true)), el('td', { colSpan: 3, className: 'muted', textContent: 'Điều tra xã hội học, không tự chấm' })]
      : [
          el('td', {}, valueInput(node.code, 'self', rule, false)),
          el('td', {}, el('input', { className: 'evidence', placeholder: 'số, ký hiệu văn bản; …', dataset: { code: node.code, field: 'evidence' } })),
          el('td', {}, valueInput(node.code, 'appraisal', rule, false)),
          el('td', {}, el('input', { className: 'reason', placeholder: 'lý do điều chỉnh', dataset: { code: node.code, field: 'reason' } })),
        ];
    rows.push(el('tr', { className: node.survey ? 'survey' : '' },
      el('td', { textContent: node.code }),
      el('td', { className: 'name', textContent: node.name }),
      el('td', { className: 'num', textContent: vi(node.max) }),
      ...cells,
      el('td', { className: 'num', dataset: { points: node.code } })));
  }
  $('entries-body').replaceChildren(...rows);
}

function field(code, name) {
  return document.querySelector(`[data-code="${CSS.escape(code)}"][data-field="${name}"]`);
}

/** The input value of a form control in the rule's domain: text, or true/false for yes/no. */
function readValue(control) {
  if (!control || control.value.trim() === '') return undefined;
  if (control.dataset.boolean) return control.value === 'true';
  return control.tagName === 'SELECT' ? control.value : decimalText(control.value);
}

/** The form as one unit's `par.assessments/1` entry. */
function assessment() {
  const entries = {};
  for (const node of tree.filter((n) => n.leaf)) {
    const entry = {};
    if (node.survey) {
      const percent = readValue(field(node.code, 'survey'));
      if (percent !== undefined) entry.survey = { percent };
    } else {
      const self = readValue(field(node.code, 'self'));
      if (self !== undefined) entry.self = self;
      const evidence = field(node.code, 'evidence').value.split(';').map((s) => s.trim()).filter(Boolean);
      if (evidence.length) entry.evidence = evidence;
      const appraised = readValue(field(node.code, 'appraisal'));
      if (appraised !== undefined) {
        const reason = field(node.code, 'reason').value.trim();
        const round = Number(field(node.code, 'appraisal').dataset.round ?? 1);
        entry.appraisals = [{ round, value: appraised, ...(reason ? { reason } : {}), by: 'Hội đồng thẩm định' }];
      }
    }
    if (Object.keys(entry).length) entries[node.code] = entry;
  }
  const unit = { unit: $('unit-name').value.trim() || 'Đơn vị', entries };
  if ($('block').value) unit.block = $('block').value;
  return { schema: 'par.assessments/1', units: [unit] };
}

// ------------------------------------------------------------------------------------------
// Scoring on every keystroke
// ------------------------------------------------------------------------------------------

function markInvalid(problems) {
  for (const c of document.querySelectorAll('.invalid')) c.classList.remove('invalid');
  for (const p of problems) {
    if (!p.node) continue;
    const name = p.field?.startsWith('appraisals') ? 'appraisal' : p.field?.split(/[.[]/)[0] ?? 'self';
    (field(p.node, name) ?? field(p.node, 'self') ?? field(p.node, 'survey'))?.classList.add('invalid');
  }
}

function rescore() {
  if (!methodology) return;
  let results;
  try {
    results = methodology.score(assessment());
  } catch (e) {
    showProblems($('problems'), e);
    markInvalid(e.problems);
    $('summary').classList.add('stale');
    return;
  }
  list($('problems'), []);
  markInvalid([]);
  $('summary').classList.remove('stale');
  const unit = results.units[0];
  $('summary-unit').textContent = unit.unit;
  $('points').textContent = vi(unit.points);
  $('points').dataset.decimal = unit.points;
  $('max').textContent = vi(unit.max);
  $('index').textContent = vi(unit.index);
  $('index').dataset.decimal = unit.index;
  $('band').textContent = unit.band ?? 'chưa xếp loại';
  for (const cell of document.querySelectorAll('[data-points]')) {
    const n = unit.nodes[cell.dataset.points];
    cell.textContent = n ? vi(n.points) : '';
  }
  // Per-field bars: a CSS width straight from the engine's percentage text.
  $('fields').replaceChildren(...results.tree.filter((n) => n.depth === 1).map((f) => {
    const n = unit.nodes[f.code];
    return el('div', { className: 'field', dataset: { field: f.code } },
      el('div', { textContent: `${f.code}. ${f.name}: ${vi(n.points)}/${vi(n.max)} (${vi(n.index)} %)` }),
      el('div', { className: 'bar' }, el('div', { style: `width: ${n.index ?? '0'}%` })));
  }));
  // The engine's warnings name their criterion themselves.
  list($('warnings'), [...results.warnings ?? [], ...unit.warnings].map((w) => w.message));
}

// ------------------------------------------------------------------------------------------
// Importing one unit, ranking many
// ------------------------------------------------------------------------------------------

function fillForm(unit) {
  for (const c of document.querySelectorAll('#entries [data-field]')) c.value = '';
  $('unit-name').value = unit.unit;
  $('block').value = unit.block ?? '';
  for (const [code, entry] of Object.entries(unit.entries ?? {})) {
    const set = (name, value) => {
      const control = field(code, name);
      if (control && value !== undefined) control.value = String(value);
    };
    set('self', entry.self);
    set('evidence', entry.evidence?.join('; '));
    const last = entry.appraisals?.at(-1);
    if (last) {
      set('appraisal', last.value);
      set('reason', last.reason);
      field(code, 'appraisal')?.setAttribute('data-round', String(last.round));
    }
    set('survey', entry.survey?.percent);
  }
}

async function importUnit(file) {
  const text = await file.text();
  try {
    // Through the engine first: it refuses JSON numbers and unknown nodes before the form sees them.
    let assessments;
    if (file.name.toLowerCase().endsWith('.csv')) {
      assessments = methodology.csvToAssessments(text);
    } else {
      methodology.scoreJson(text);
      assessments = JSON.parse(text);
    }
    const units = assessments.units ?? assessments;
    fillForm(units[0]);
    $('assessment-info').textContent = `Đã nhập ${units[0].unit} (1/${units.length} đơn vị trong tệp).`;
  } catch (e) {
    showProblems($('problems'), e);
    return;
  }
  rescore();
}

function showRanking(results) {
  const rows = par.rankTable(results);
  const sections = results.blocks.map((b) => {
    const statistics = `${b.count} đơn vị · trung bình ${vi(b.mean)} · trung vị ${vi(b.median)} · cao nhất ${vi(b.max)} · thấp nhất ${vi(b.min)}`;
    return el('div', { className: 'block', dataset: { block: b.block ?? '' } },
      el('h3', { textContent: b.name ?? b.block ?? 'Tất cả đơn vị' }),
      el('p', { className: 'muted', textContent: statistics }),
      el('table', {},
        el('thead', {}, el('tr', {},
          el('th', { className: 'num', textContent: 'Xếp hạng' }), el('th', { textContent: 'Đơn vị' }),
          el('th', { className: 'num', textContent: 'Điểm' }), el('th', { className: 'num', textContent: 'Chỉ số (%)' }),
          el('th', { textContent: 'Xếp loại' }))),
        el('tbody', {}, ...rows.filter((r) => r.block === b.block).map((r) =>
          el('tr', { dataset: { unit: r.unit, rank: String(r.rank), index: r.index } },
            el('td', { className: 'num', textContent: String(r.rank) }),
            el('td', { textContent: r.unit }),
            el('td', { className: 'num', textContent: vi(r.points) }),
            el('td', { className: 'num', textContent: vi(r.index) }),
            el('td', { textContent: r.band ?? '—' }))))));
  });
  $('ranking').replaceChildren(...sections);
}

async function rankCsv(file) {
  const text = await file.text();
  try {
    showRanking(methodology.scoreCsv(text));
    list($('ranking-problems'), []);
  } catch (e) {
    showProblems($('ranking-problems'), e);
    $('ranking').replaceChildren();
  }
}

// ------------------------------------------------------------------------------------------
// Wiring
// ------------------------------------------------------------------------------------------

const builtins = par.listBuiltin();
$('builtin').replaceChildren(
  el('option', { value: '', textContent: '— bộ tiêu chí từ tệp —', disabled: true }),
  ...builtins.map((b) => el('option', { value: b.id, textContent: b.name })),
);
$('builtin').addEventListener('change', (e) => {
  useMethodology(e.target.value);
  clearFile($('methodology-file'));
});
$('methodology-file').addEventListener('change', async (e) => {
  const file = e.target.files[0];
  if (!file) return;
  useMethodology(await file.text());
  $('builtin').value = '';
});
for (const input of document.querySelectorAll('input[type="file"]')) {
  input.addEventListener('change', () => showFileName(input));
}
$('assessment-file').addEventListener('change', (e) => e.target.files[0] && importUnit(e.target.files[0]));
$('csv-file').addEventListener('change', (e) => e.target.files[0] && rankCsv(e.target.files[0]));
$('entries').addEventListener('input', rescore);
$('unit-name').addEventListener('input', rescore);
$('block').addEventListener('change', rescore);

useMethodology(builtins.find((b) => b.completeness === 'leaves')?.id ?? builtins[0].id);
$('builtin').value = methodology.id;
document.body.dataset.ready = 'true';
