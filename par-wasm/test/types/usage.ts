// Compiled (not run) by types.test.mjs: the declarations type-check, and decimals are strings.
import {
  Methodology, ParError, compare, explain, listBuiltin, loadMethodology, lostPoints, rankTable, score,
  scoreCsv, validateMethodology, importTable, importTableJson, loadImporter, type Decimal, type Lang,
  type LangOptions, type Results, type ScoredResults, type TableImport, type TableRead, type ImportWarning, whatIf, toXlsx, chart, toExcelCsv, type WhatIf,
} from 'parindex';

const m = new Methodology('bnv-876-2022-province');
const results: Results = m.score({ schema: 'par.assessments/1', units: [{ unit: 'A', entries: { '1.1': { self: '1.5', evidence: ['QĐ 1'] } } }] });
const index: string = results.units[0].index;
const points: Decimal = explain(results, 'A').points;
const maxima: string[] = m.tree().map((n) => n.max);
const lost: string[] = lostPoints(results, 'A').map((l) => l.lost);
const change: string = compare(results, results).units[0].change;
const rows: string[] = rankTable(results).map((r) => r.index);
const viaCsv: Results = scoreCsv(m, 'unit,1\nA,5');
const viaSheet: Results = m.scoreSheet(new Uint8Array(), { sheet: 2, lang: 'en' });
const read: TableRead = m.readCsv(new Uint8Array(), { lang: 'en' });
const readSelf: string | boolean | undefined = read.assessments.units[0]?.entries?.['1.1']?.self;
const readWarnings: string[] = m.readSheet(new Uint8Array(), { sheet: 'Điểm' }).warnings.map((w) => w.code);
const readText: string = m.readCsvJson('unit,1\nA,5');
const sheetOfProblem = (e: ParError): string | null => e.sheet;
const ids: string[] = listBuiltin().map((b) => b.id);
const byId: Results = score('bnv-876-2022-province', '{}');

// The language of messages, on every call that writes text for people.
const english: LangOptions = { lang: 'en' };
const lang: Lang = 'vi';
const inEnglish = new Methodology('bnv-876-2022-province', english);
const warnings: string[] = inEnglish.score('{}', { lang }).units[0].warnings.map((w) => w.message);
const run = loadMethodology('bnv-876-2022-province', { lang: 'vi' }).scoreResults('{}', english);
const unitInEnglish: Decimal = run.unit('A', english).index;
// A JSON file's bytes, as a file input gives them.
const fromFile: ScoredResults = inEnglish.scoreResults(new Uint8Array([123, 125]), { detail: 'scores' });
const fromBuffer: Results = score(m, new ArrayBuffer(2));
// @ts-expect-error a number is no assessments
score(m, 12);
const normalised: string = validateMethodology('bnv-876-2022-province', english);
const lostInVietnamese = lostPoints(results, 'A', { lang: 'vi' });
const moves = compare(results, results, english).units;
const fromCsv: Results = scoreCsv(m, 'unit,1\nA,5', { lang: 'en' });
explain(results, 'A', {});
// @ts-expect-error only Vietnamese and English
score(m, '{}', { lang: 'fr' });
// @ts-expect-error the options are an object
m.score('{}', 'en');

// @ts-expect-error a point total is not a number
const wrong: number = results.units[0].points;

try {
  m.scoreJson('{}');
} catch (e) {
  if (e instanceof ParError) {
    const text: string = e.toJSONText();
    const where: (string | null)[] = [e.code, e.unit, e.node, e.path, e.value];
    const row: number | null = e.row;
    const lines: string[] = e.lines;
    console.log(text, where, row, e.problems.length, lines);
  }
}
console.log(index, points, maxima, lost, change, rows, viaCsv, ids, byId, wrong);
console.log(warnings, unitInEnglish, normalised, lostInVietnamese, moves, fromCsv);

// Criteria annexes: the importer is loaded on demand in a browser.
await loadImporter();
const imported: TableImport = importTable('STT,Tên tiêu chí,Điểm tối đa\nI,Lĩnh vực,1\n', { id: 'x', lang: 'vi' });
const readAs: string = imported.rows[0].read_as;
const rowMax: Decimal | undefined = imported.rows[0].max;
const warningCodes: ImportWarning['code'][] = imported.warnings.map((w) => w.code);
const fromBytes: Methodology = Methodology.fromTable(new Uint8Array([0x41]), { decision: '1234/QĐ-UBND' });
const importJson: string = importTableJson('STT,Tên,Điểm tối đa\n', {});
// @ts-expect-error an id is text
importTable('x', { id: 7 });
console.log(readAs, rowMax, warningCodes, fromBytes, importJson);

// What-if and the Excel report, from the module loaded on demand.
const answer: WhatIf = whatIf(m, results, 'Sở Tư pháp', { set: { '1.1': '2', '1.2': true }, target: 'rank=1' });
const newRank: number = answer.after.rank;
const wayUp: string[] | undefined = answer.way_up?.criteria.map((c) => c.code);
// @ts-expect-error values assumed are text or true/false, never JS numbers
whatIf(m, results, 'Sở Tư pháp', { set: { '1.1': 2 } });
const workbook: Uint8Array = toXlsx(results, { methodology: m, previous: results, lang: 'en' });
console.log(newRank, wayUp, workbook);
const svg: string = chart(results, 'heatmap', { lang: 'vi' });
// @ts-expect-error a chart kind the package does not draw
chart(results, 'pie');
const excelCsv: string = toExcelCsv(results, { table: 'criteria' });
console.log(svg, excelCsv);
// A form scored while it is filled in: valid entries count, invalid ones are problems.
const form = m.scoreForm({ unit: 'Sở Tư pháp', entries: { '1.1': { self: '' }, '1.2': { self: '3,5' } } });
const stillCounting: string = form.unit.points;
const finalFigures: boolean = form.complete;
const against: (string | undefined)[] = form.problems.map((p) => p.node);
console.log(stillCounting, finalFigures, against);
// An open form: one entry changes per keystroke.
const open = m.openForm({ unit: 'Sở Tư pháp', entries: {} });
const typed: string = open.set('1.2', { self: '3,5', evidence: ['KH 01'] }).unit.points;
open.set('1.2', null);
// @ts-expect-error an entry's code is text
open.set(1.2, { self: '3,5' });
console.log(typed, open.score().complete);
open.free();
// The form model: a portal draws each criterion's input from the engine's rules.
for (const node of m.formModel().nodes) {
  if (node.rule?.type === 'bands') console.log(node.rule.bands.map((b) => [b.min, b.max, b.points]));
  if (node.rule?.type === 'ratio') console.log(node.rule.target);
  if (node.input === 'choice' && node.rule?.type === 'choice') console.log(node.rule.options[0].label);
}
