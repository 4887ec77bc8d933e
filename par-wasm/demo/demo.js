// A portal's self-assessment page on the `parindex` package. In a portal, import from the
// package instead: `import * as par from 'parindex';` (bundler) or the path of its js/browser.js.
//
// The page draws its form from the engine's form model (`formModel()`: each criterion's input and
// rule) and keeps the form open in the engine (`openForm`): each keystroke sends only the entry
// that changed (`form.set`), valid entries count, each invalid one is shown against its
// criterion, and the total stays in sight. It imports criteria tables and
// score sheets (JSON, CSV, Excel), ranks many units, draws the ranking chart and downloads the
// Excel report, all with the same engine.
//
// Everything on the page is Vietnamese, for the officials who fill it in: its own labels here and
// in index.html, and the engine's problems and warnings, which are Vietnamese by default (the
// package's `lang` option). Every score shown is the engine's decimal text: the page sends what
// was typed as it was typed ("3,5" and "3.5" alike) and shows the engine's "." as ",".
import * as par from '../js/browser.js';

const $ = (id) => document.getElementById(id);

/** The loaded methodology (kept in WebAssembly memory), the form model drawn from it, the open form. */
let methodology = null;
let model = null;
let form = null;
/** The entries of the imported unit, by criterion: what the form's controls do not hold is kept. */
let imported = {};
/** The last ranking: results JSON text and the file it came from, for the downloads. */
let ranking = null;

// ------------------------------------------------------------------------------------------
// Text and page helpers
// ------------------------------------------------------------------------------------------

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

function list(target, items, className) {
  target.replaceChildren(...items.map((text) => el('li', { textContent: text, className: className ?? '' })));
}

/** The engine's lines of a refusal (where, what, and the code); anything else is a fault of the page. */
function linesOf(error) {
  if (error instanceof par.ParError) return error.lines;
  console.error(error);
  return [`Lỗi của trang: ${error.message}`];
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
// Files: told apart by what they hold, named in every problem
// ------------------------------------------------------------------------------------------

const KIND_NAMES = { workbook: 'bảng tính Excel', json: 'tệp JSON', table: 'bảng CSV' };

/**
 * What a chosen file is, by its first bytes rather than its name: a workbook (xlsx and ods are
 * zip archives, xls an OLE file), JSON (text opening with `{` or `[`), else a table as text.
 */
function fileKind(bytes) {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'workbook';
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf) return 'workbook';
  const start = new TextDecoder().decode(bytes.subarray(0, 64)).replace(/^\uFEFF/, '').trimStart();
  return start.startsWith('{') || start.startsWith('[') ? 'json' : 'table';
}

async function readChosen(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const kind = fileKind(bytes);
  return { file, bytes, kind, text: () => new TextDecoder().decode(bytes).replace(/^\uFEFF/, '') };
}

/** The problems of a file as a list headed by the file's name and what it was read as. */
function showFileProblems(target, chosen, meant, error) {
  list(target, [
    `Tệp “${chosen.file.name}” (${KIND_NAMES[chosen.kind]}) không đọc được thành ${meant}:`,
    ...linesOf(error),
  ]);
}

// ------------------------------------------------------------------------------------------
// Methodology
// ------------------------------------------------------------------------------------------

function useMethodology(next, warnings = []) {
  form?.free();
  form = null;
  methodology?.free();
  methodology = next;
  model = methodology.formModel();
  const leaves = model.nodes.filter((n) => n.input !== 'children').length;
  $('methodology-info').textContent =
    `${model.name} — ${leaves} tiêu chí được chấm, tổng tối đa ${vi(model.max)} điểm.`;
  list($('methodology-problems'), warnings.map((w) => w.message), 'warning');
  // The block is asked for only where the methodology ranks blocks separately.
  $('block-label').hidden = model.blocks.length === 0;
  $('block').replaceChildren(
    el('option', { value: '', textContent: '—' }),
    ...model.blocks.map((b) => el('option', { value: b.id, textContent: b.name ?? b.id })),
  );
  // A new form holds none of an imported unit's inputs, nor any ranking of the previous tree.
  imported = {};
  buildForm();
  $('assessment-info').textContent = '';
  list($('assessment-problems'), []);
  clearFile($('assessment-file'));
  reopen();
  showRanking(null);
  list($('ranking-problems'), []);
  clearFile($('ranking-file'));
}

async function openMethodology(file) {
  const chosen = await readChosen(file);
  let next;
  let warnings = [];
  try {
    if (chosen.kind === 'json') {
      next = new par.Methodology(chosen.text());
    } else {
      // A criteria annex as the province publishes it, or a criteria table.
      await par.loadImporter();
      ({ methodology: next, warnings } = par.importTable(chosen.bytes));
    }
  } catch (e) {
    showFileProblems($('methodology-problems'), chosen, 'bộ tiêu chí', e);
    return;
  }
  useMethodology(next, warnings);
  $('builtin').value = '';
}

// ------------------------------------------------------------------------------------------
// The form: drawn from the engine's form model, one card per criterion
// ------------------------------------------------------------------------------------------

/** What to enter for a criterion, from its rule, for the line under its name. */
function ruleHint(node) {
  const rule = node.rule ?? { type: 'points' };
  if (node.input === 'survey') {
    return 'Kết quả điều tra xã hội học, đơn vị không tự chấm: nhập tỷ lệ hài lòng (%).';
  }
  if (node.adjustment) return `Nhập điểm từ ${vi(node.adjustment.min)} đến ${vi(node.adjustment.max)}.`;
  switch (rule.type) {
    case 'points':
      return `Nhập điểm từ 0 đến ${vi(node.max)}.`;
    case 'yes_no':
      return `Có: ${vi(rule.yes ?? node.max)} điểm; Không: ${vi(rule.no ?? '0')} điểm.`;
    case 'bands':
      return `Nhập ${rule.measure ?? 'giá trị đo được'}: `
        + rule.bands.map((b) => `${b.label} → ${vi(b.points)} điểm`).join('; ') + '.';
    case 'ratio':
      return `Nhập giá trị đo được: điểm = ${vi(node.max)} × giá trị / ${vi(rule.target)}, tối đa ${vi(node.max)}.`;
    default:
      return null;
  }
}

/** The control for a value in the rule's domain: a list of options, yes/no, or decimal text. */
function valueControl(node, field) {
  const data = { code: node.code, field };
  const rule = node.rule ?? { type: 'points' };
  if (rule.type === 'choice' && field !== 'survey') {
    return el('select', { dataset: data },
      el('option', { value: '', textContent: '—' }),
      ...rule.options.map((o) => el('option', { value: o.label, textContent: `${o.label} (${vi(o.points)})` })));
  }
  if (rule.type === 'yes_no' && field !== 'survey') {
    return el('select', { dataset: { ...data, boolean: 'true' } },
      el('option', { value: '', textContent: '—' }),
      el('option', { value: 'true', textContent: 'Có' }),
      el('option', { value: 'false', textContent: 'Không' }));
  }
  const placeholder = field === 'survey' ? '% hài lòng'
    : rule.type === 'points' ? 'điểm' : rule.measure ?? 'giá trị';
  return el('input', { inputMode: 'decimal', placeholder, dataset: data });
}

const labelled = (text, control) =>
  // A list of options takes the card's whole width on a phone: its labels are sentences.
  el('label', { className: control.tagName === 'SELECT' && !control.dataset.boolean ? 'options' : '' }, text, control);

function criterionCard(node) {
  const code = node.code;
  const inputs = node.input === 'survey'
    ? [labelled('Kết quả khảo sát', valueControl(node, 'survey'))]
    : [
        labelled('Tự chấm', valueControl(node, 'self')),
        labelled(model.evidence_required ? 'Tài liệu kiểm chứng (bắt buộc)' : 'Tài liệu kiểm chứng',
          el('input', { placeholder: 'số, ký hiệu văn bản; …', dataset: { code, field: 'evidence' } })),
        labelled('Điểm thẩm định', valueControl(node, 'appraisal')),
        labelled(model.reason_required ? 'Lý do điều chỉnh (bắt buộc khi đổi điểm)' : 'Lý do điều chỉnh',
          el('input', { placeholder: 'khi đổi điểm tự chấm', dataset: { code, field: 'reason' } })),
      ];
  const hint = ruleHint(node);
  return el('article', { className: 'criterion', dataset: { node: code, input: node.input } },
    el('header', {},
      el('span', { className: 'code', textContent: code }),
      el('span', { className: 'name', textContent: node.name }),
      el('span', {}, el('output', { dataset: { points: code } }), ` / ${vi(node.max)}`)),
    hint ? el('p', { className: 'hint', textContent: hint }) : null,
    node.notes ? el('p', { className: 'hint', textContent: node.notes }) : null,
    el('div', { className: 'inputs' }, ...inputs),
    el('ul', { className: 'problems', dataset: { problems: code } }),
    el('ul', { className: 'notes', dataset: { notes: code } }));
}

function groupHeading(node) {
  return el(`h${Math.min(node.depth + 2, 6)}`, { className: `group depth-${node.depth}`, dataset: { group: node.code } },
    el('span', { textContent: node.code }),
    el('span', { className: 'name', textContent: node.name }),
    el('span', {}, el('output', { dataset: { points: node.code } }), ` / ${vi(node.max)}`));
}

function buildForm() {
  const parts = model.nodes.map((n) => (n.input === 'children' ? groupHeading(n) : criterionCard(n)));
  if (model.adjustments.length) {
    parts.push(el('h3', { className: 'group depth-1', textContent: 'Điểm thưởng, điểm trừ' }));
    for (const a of model.adjustments) {
      parts.push(criterionCard({ code: a.code, name: a.name, max: a.max, input: 'points', adjustment: a }));
    }
  }
  $('criteria').replaceChildren(...parts);
}

const cardOf = (code) => document.querySelector(`.criterion[data-node="${CSS.escape(code)}"]`);
const controlOf = (card, field) => card?.querySelector(`[data-field="${field}"]`);

/** A control's input as the engine reads it: the text as typed, or true/false for yes/no. */
function valueOf(control) {
  if (control.dataset.boolean && control.value !== '') return control.value === 'true';
  return control.value;
}

/**
 * One criterion's entry: what its card holds, over what was imported for it (an explanation, an
 * earlier appraisal round, a value given as final points stay as the file gave them). Empty
 * fields are sent as they are: the engine takes them as no input yet.
 */
function entryOf(card) {
  const { appraisals = [], ...kept } = imported[card.dataset.node] ?? {};
  if (card.dataset.input === 'survey') {
    const control = controlOf(card, 'survey');
    return { ...kept, survey: { [control.dataset.form ?? 'percent']: control.value } };
  }
  const entry = { ...kept, self: valueOf(controlOf(card, 'self')) };
  const evidence = controlOf(card, 'evidence').value.split(';').map((s) => s.trim()).filter(Boolean);
  if (evidence.length) entry.evidence = evidence;
  else delete entry.evidence;
  const appraisal = controlOf(card, 'appraisal');
  const reason = controlOf(card, 'reason').value;
  const earlier = appraisals.slice(0, -1);
  const round = Number(appraisal.dataset.round ?? earlier.length + 1);
  const latest = appraisal.value !== '' || reason.trim() !== ''
    ? [{ round, value: valueOf(appraisal), reason, by: 'Hội đồng thẩm định' }]
    : [];
  if (earlier.length + latest.length) entry.appraisals = [...earlier, ...latest];
  return entry;
}

/** The form as one unit (`{ unit, block?, entries }`), with imported entries the form has no card for. */
function formUnit() {
  const entries = { ...imported };
  for (const card of document.querySelectorAll('.criterion')) entries[card.dataset.node] = entryOf(card);
  const unit = { unit: $('unit-name').value.trim() || 'Đơn vị', entries };
  if ($('block').value) unit.block = $('block').value;
  return unit;
}

// ------------------------------------------------------------------------------------------
// Scoring on every keystroke
// ------------------------------------------------------------------------------------------

/** The control a problem's field names ("appraisals[0].reason" → the reason box). */
function fieldControl(card, field = '') {
  const name = field.startsWith('appraisals')
    ? (field.endsWith('.reason') ? 'reason' : 'appraisal')
    : field.startsWith('survey') ? 'survey'
      : field.startsWith('evidence') ? 'evidence' : 'self';
  return controlOf(card, name) ?? card.querySelector('[data-field]');
}

function clearMarks() {
  for (const c of document.querySelectorAll('.invalid')) c.classList.remove('invalid');
  for (const c of document.querySelectorAll('.invalid-card')) c.classList.remove('invalid-card');
  for (const ul of document.querySelectorAll('[data-problems], [data-notes]')) ul.replaceChildren();
}

/** Each problem in its criterion's card, its control marked; the others above the total. */
function showFormProblems(problems) {
  const general = [];
  for (const p of problems) {
    const card = p.node ? cardOf(p.node) : null;
    if (!card) {
      general.push(p.message);
      continue;
    }
    card.classList.add('invalid-card');
    fieldControl(card, p.field)?.classList.add('invalid');
    card.querySelector('[data-problems]').append(el('li', { textContent: p.message }));
  }
  list($('problems'), general);
}

/** Warnings in their criterion's card; "not scored yet" only counted, the card's "—" says it. */
function showFormWarnings(warnings) {
  const general = [];
  for (const w of warnings) {
    if (w.code === 'missing_leaf' && cardOf(w.node)) continue;
    const card = w.node ? cardOf(w.node) : null;
    if (card) card.querySelector('[data-notes]').append(el('li', { textContent: w.message }));
    else general.push(w.message);
  }
  list($('warnings'), general);
}

function showTotal(answer) {
  const unit = answer.unit;
  $('summary-unit').textContent = unit.unit;
  $('points').textContent = vi(unit.points);
  $('points').dataset.decimal = unit.points;
  $('max').textContent = vi(unit.max);
  $('index').textContent = vi(unit.index);
  $('index').dataset.decimal = unit.index;
  $('band').textContent = unit.band ?? 'chưa xếp loại';
  const open = unit.warnings.filter((w) => w.code === 'missing_leaf').length;
  const status = $('status');
  status.classList.toggle('complete', answer.complete);
  status.textContent = answer.complete
    ? 'Đã chấm đủ, không có lỗi.'
    : [
        answer.problems.length ? `${answer.problems.length} lỗi cần sửa` : null,
        open ? `${open} tiêu chí chưa chấm` : null,
      ].filter(Boolean).join('; ') || 'Chưa hoàn thành: xem cảnh báo.';
}

/** Opens the form anew from all it holds: on a new methodology, unit name or block, or an import. */
function reopen() {
  form?.free();
  form = null;
  try {
    form = methodology.openForm(formUnit());
    show(form.score());
  } catch (e) {
    list($('problems'), linesOf(e));
  }
}

/** A keystroke in a criterion's card: the engine reads only that criterion's entry again. */
function changed(event) {
  const card = event.target.closest('.criterion');
  if (!card || !form) return;
  try {
    show(form.set(card.dataset.node, entryOf(card)));
  } catch (e) {
    // A refused change (a text over its limit) leaves the form as it was, said against it.
    card.querySelector('[data-problems]').replaceChildren(...linesOf(e).map((t) => el('li', { textContent: t })));
  }
}

/** The form's answer on the page: problems and warnings in their cards, points, the total. */
function show(answer) {
  clearMarks();
  showFormProblems(answer.problems);
  showFormWarnings(answer.unit.warnings);
  showTotal(answer);
  for (const cell of document.querySelectorAll('output[data-points]')) {
    const n = answer.unit.nodes[cell.dataset.points];
    cell.textContent = n && n.source !== 'missing' ? vi(n.points) : '—';
  }
  // Per-field bars: a CSS width straight from the engine's percentage text.
  $('fields').replaceChildren(...model.nodes.filter((n) => n.depth === 1).map((f) => {
    const n = answer.unit.nodes[f.code];
    return el('div', { className: 'field', dataset: { field: f.code } },
      el('div', { textContent: `${f.code}. ${f.name}: ${vi(n.points)}/${vi(n.max)} (${vi(n.index)} %)` }),
      el('div', { className: 'bar' }, el('div', { style: `width: ${n.index ?? '0'}%` })));
  }));
}

// ------------------------------------------------------------------------------------------
// Importing one unit into the form
// ------------------------------------------------------------------------------------------

function fillForm(unit) {
  for (const c of document.querySelectorAll('#criteria [data-field]')) {
    c.value = '';
    delete c.dataset.round;
    delete c.dataset.form;
  }
  $('unit-name').value = unit.unit;
  // A block may be given by its id or its name, as the engine reads it.
  const block = [...$('block').options].find((o) => o.value === unit.block || o.textContent === unit.block);
  $('block').value = block?.value ?? '';
  imported = unit.entries ?? {};
  for (const [code, entry] of Object.entries(imported)) {
    const card = cardOf(code);
    const set = (name, value) => {
      const control = controlOf(card, name);
      if (control && value !== undefined) control.value = String(value);
    };
    set('self', entry.self);
    set('evidence', Array.isArray(entry.evidence) ? entry.evidence.join('; ') : entry.evidence);
    const last = entry.appraisals?.at(-1);
    if (last) {
      set('appraisal', last.value);
      set('reason', last.reason);
      controlOf(card, 'appraisal')?.setAttribute('data-round', String(last.round));
    }
    if (entry.survey) {
      const form = entry.survey.points !== undefined ? 'points' : 'percent';
      set('survey', entry.survey[form]);
      controlOf(card, 'survey')?.setAttribute('data-form', form);
    }
  }
}

/**
 * A file of units as `par.assessments/1`, with what reading it did (`{ assessments, warnings }`):
 * JSON as it is; a table or a workbook's sheet read by the engine, which says what did not come
 * with it (a summary row passed over, reasons no score keeps, the sheet read past a cover, a
 * guessed encoding). The reader of workbooks is loaded when first needed.
 */
async function assessmentsOf(chosen) {
  if (chosen.kind === 'json') {
    try {
      return { assessments: JSON.parse(chosen.text()), warnings: [] };
    } catch {
      // Not JSON: the engine says where and why, in the page's language.
      methodology.scoreJson(chosen.bytes);
    }
  }
  if (chosen.kind !== 'workbook') return methodology.readCsv(chosen.bytes);
  await par.loadImporter();
  return methodology.readSheet(chosen.bytes);
}

async function importUnit(file) {
  const chosen = await readChosen(file);
  let units;
  let warnings;
  try {
    const read = await assessmentsOf(chosen);
    ({ warnings } = read);
    units = Array.isArray(read.assessments) ? read.assessments : read.assessments.units;
  } catch (e) {
    showFileProblems($('assessment-problems'), chosen, 'bảng điểm', e);
    return;
  }
  if (!Array.isArray(units) || units.length === 0 || typeof units[0]?.unit !== 'string') {
    list($('assessment-problems'), [`Tệp “${file.name}” (${KIND_NAMES[chosen.kind]}) không có đơn vị nào để nhập.`]);
    return;
  }
  list($('assessment-problems'), warnings.map((w) => w.message), 'warning');
  fillForm(units[0]);
  $('assessment-info').textContent =
    `Đã nhập “${units[0].unit}” từ tệp “${file.name}” (1/${units.length} đơn vị trong tệp).`;
  reopen();
}

// ------------------------------------------------------------------------------------------
// Ranking many units: tables per block, the chart, the Excel report
// ------------------------------------------------------------------------------------------

function blockTable(block, rows) {
  const statistics = `${block.count} đơn vị · trung bình ${vi(block.mean)} · trung vị ${vi(block.median)} · cao nhất ${vi(block.max)} · thấp nhất ${vi(block.min)}`;
  return el('div', { className: 'block', dataset: { block: block.block ?? '' } },
    el('h3', { textContent: block.name ?? block.block ?? 'Tất cả đơn vị' }),
    el('p', { className: 'muted', textContent: statistics }),
    el('div', { className: 'scroll' }, el('table', {},
      el('thead', {}, el('tr', {},
        el('th', { className: 'num', textContent: 'Hạng' }), el('th', { textContent: 'Đơn vị' }),
        el('th', { className: 'num', textContent: 'Điểm' }), el('th', { className: 'num', textContent: 'Chỉ số (%)' }),
        el('th', { textContent: 'Xếp loại' }))),
      el('tbody', {}, ...rows.filter((r) => r.block === block.block).map((r) =>
        el('tr', { dataset: { unit: r.unit, rank: String(r.rank), index: r.index } },
          el('td', { className: 'num', textContent: String(r.rank) }),
          el('td', { textContent: r.unit }),
          el('td', { className: 'num', textContent: vi(r.points) }),
          el('td', { className: 'num', textContent: vi(r.index) }),
          el('td', { textContent: r.band ?? '—' })))))));
}

/** The ranking's tables, chart and downloads; `null` clears them. */
async function showRanking(next) {
  ranking = next;
  $('downloads').hidden = !next;
  if (!next) {
    $('ranking').replaceChildren();
    $('ranking-chart').replaceChildren();
    return;
  }
  const results = JSON.parse(next.results);
  const rows = par.rankTable(results);
  $('ranking').replaceChildren(...results.blocks.map((b) => blockTable(b, rows)));
  // The chart is drawn by the module loaded on demand, as the downloads are made.
  await par.loadImporter();
  if (ranking === next) $('ranking-chart').innerHTML = par.chart(next.results, 'ranking');
}

async function rankFile(file) {
  const chosen = await readChosen(file);
  let results;
  try {
    // The file's bytes go into the module as they are, not decoded to a string first.
    if (chosen.kind === 'json') results = methodology.scoreJson(chosen.bytes);
    else if (chosen.kind === 'workbook') {
      // Read past a cover as the command line reads it: the problems name the sheet read.
      await par.loadImporter();
      results = methodology.scoreSheetJson(chosen.bytes);
    } else results = methodology.scoreCsvJson(chosen.bytes);
  } catch (e) {
    showFileProblems($('ranking-problems'), chosen, 'bảng điểm để xếp hạng', e);
    await showRanking(null);
    return;
  }
  list($('ranking-problems'), []);
  await showRanking({ results, stem: file.name.replace(/\.[^.]*$/, '') });
}

/** Offers bytes or text as a file to save, as a portal's download button does. */
function download(name, content, type) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = el('a', { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function downloadReport() {
  const xlsx = par.toXlsx(ranking.results, { methodology });
  download(`xep-hang-${ranking.stem}.xlsx`, xlsx,
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
}

function downloadCsv() {
  download(`xep-hang-${ranking.stem}.csv`, par.toExcelCsv(ranking.results), 'text/csv;charset=utf-8');
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
  useMethodology(new par.Methodology(e.target.value));
  clearFile($('methodology-file'));
});
for (const input of document.querySelectorAll('input[type="file"]')) {
  input.addEventListener('change', () => showFileName(input));
}
const onFile = (id, f) => $(id).addEventListener('change', (e) => e.target.files[0] && f(e.target.files[0]));
onFile('methodology-file', openMethodology);
onFile('assessment-file', importUnit);
onFile('ranking-file', rankFile);
$('criteria').addEventListener('input', changed);
$('unit-name').addEventListener('input', reopen);
$('block').addEventListener('change', reopen);
$('download-xlsx').addEventListener('click', downloadReport);
$('download-csv').addEventListener('click', downloadCsv);

useMethodology(new par.Methodology(builtins.find((b) => b.completeness === 'leaves')?.id ?? builtins[0].id));
$('builtin').value = methodology.id;
document.body.dataset.ready = 'true';
