// Type declarations of `parindex`. Every decimal (points, maxima, indexes, percentages) is a
// `Decimal`, i.e. a string such as "86.14": no function returns a JavaScript number for a score.
// Ranks, depths, rounds and table rows are integers and are numbers.

/** A decimal as text, e.g. "86.14". Never a JavaScript number. */
export type Decimal = string;

/** JSON text, or the same document as an object (whose decimals are strings). */
export type JsonInput<T> = string | T;
/**
 * Assessments: `par.assessments/1` JSON text or an object, or a JSON file's bytes as a file input
 * or `readFileSync` gives them (UTF-8, or UTF-16 with its byte-order mark), read by the engine as
 * the command line reads the file (as they are, unless the text may change in NFC).
 */
export type AssessmentsInput = JsonInput<Assessments | UnitAssessment[]> | Uint8Array | ArrayBuffer;

/** A language of the engine's texts: Vietnamese (`vi`, the default) or English (`en`). */
export type Lang = 'vi' | 'en';

/**
 * Options of every call that writes text for people: problems' messages, warnings, rule notes.
 * Without `lang`, the language is Node's `PAR_LANG` environment variable when set, else
 * Vietnamese; an unknown code throws a `ParError` with code `unknown_option`.
 */
export interface LangOptions {
  lang?: Lang;
}

/**
 * Options of a call that scores: its language, and how much of their inputs the results keep:
 * `'full'` (the default: every node repeats the self-score, appraisal rounds, evidence and
 * explanation behind it) or `'scores'` (each node's figures and the source of its points only,
 * `detail: 'scores'` in the document: a national run's results in a fraction of the memory).
 * Another name throws a `ParError` with code `unknown_option`.
 */
export interface ScoreOptions extends LangOptions {
  detail?: 'full' | 'scores';
}

export type ErrorCode =
  | 'bad_json' | 'unknown_field' | 'missing_field' | 'bad_type' | 'bad_decimal' | 'out_of_range'
  | 'unknown_node' | 'unknown_option' | 'unknown_block' | 'duplicate_unit' | 'duplicate_code'
  | 'bad_code' | 'max_mismatch' | 'bad_rule' | 'band_overlap' | 'band_gap' | 'missing_leaf'
  | 'not_appraised' | 'reason_required' | 'survey_only' | 'not_survey' | 'conflicting_input'
  | 'bad_round' | 'limit_exceeded' | 'unknown_methodology' | 'unsupported_schema' | 'unknown_unit'
  | 'bad_encoding' | 'unreadable_file';

/** One problem as the engine reports it. */
export interface Problem {
  code: ErrorCode;
  /** For people, in the language of the call; `code` and the other fields never change with it. */
  message: string;
  unit?: string;
  node?: string;
  /** The field inside the unit or node (`self`, `appraisals[1].value`, `nodes[2].max`...). */
  field?: string;
  value?: string;
  /** The workbook's sheet read in place of its first, no sheet being asked for (a cover before it). */
  sheet?: string;
  /** 1-based table row, the header being row 1. */
  row?: number;
  /**
   * For `limit_exceeded`: the name of the limit (`table_bytes`, `units`, `problems`...);
   * `wasm_memory` when the module ran out of memory and stopped (reload the page to go on).
   */
  limit?: string;
}

/**
 * An input refused by the engine. The first problem is spread on the error; all are in `problems`.
 * `message` is `lines` joined by newlines.
 */
export class ParError extends Error {
  readonly name: 'ParError';
  readonly code: ErrorCode;
  readonly unit: string | null;
  readonly node: string | null;
  /** The engine's `field` of the first problem. */
  readonly path: string | null;
  readonly value: string | null;
  /** The workbook's sheet of the first problem's row, read in place of its first (a cover before it). */
  readonly sheet: string | null;
  readonly row: number | null;
  /** For `limit_exceeded`: the name of the limit. */
  readonly limit: string | null;
  /** Every problem found (at least one). */
  readonly problems: Problem[];
  /** Each problem as one line for people: where (row, unit, criterion, input), what, and the code. */
  readonly lines: string[];
  /** The problems exactly as the engine prints them: `{"problems": [...]}`. */
  toJSONText(): string;
  toJSON(): { problems: Problem[] };
}

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

/** A rule's input: a decimal, an option label, or yes/no. */
export type InputValue = string | boolean;

export interface Appraisal {
  round: number;
  value: InputValue;
  reason?: string;
  by?: string;
}

export type SurveyInput = { percent: Decimal } | { points: Decimal };

export interface Entry {
  self?: InputValue;
  evidence?: string[];
  explanation?: string;
  appraisals?: Appraisal[];
  survey?: SurveyInput;
  value?: Decimal;
}

export interface UnitAssessment {
  unit: string;
  block?: string;
  entries?: Record<string, Entry>;
}

export interface Assessments {
  schema: 'par.assessments/1';
  units: UnitAssessment[];
}

/** A table read into assessments (`Methodology#readCsv`, `#readSheet`) and what reading did with it. */
export interface TableRead {
  assessments: Assessments;
  /** The sheet read past a cover, rows passed over, reasons no score keeps, a guessed encoding. */
  warnings: Warning[];
}

/** A `par.methodology/1` document; see the engine's documentation for every field. */
export interface MethodologyDocument {
  schema: 'par.methodology/1';
  id: string;
  name: string;
  nodes: MethodologyNode[];
  [field: string]: unknown;
}

/** One band of a `bands` rule: the measured value's interval and the points it gives. */
export interface RuleBand {
  label?: string;
  points: Decimal;
  /** Lower bound; none is unbounded below. Inclusive unless `min_inclusive` is false. */
  min?: Decimal;
  min_inclusive?: boolean;
  /** Upper bound; none is unbounded above. Inclusive unless `max_inclusive` is false. */
  max?: Decimal;
  max_inclusive?: boolean;
}

/** A leaf's scoring rule. */
export type Rule =
  | { type: 'points' }
  | { type: 'choice'; options: { label: string; points: Decimal }[] }
  /** `yes` defaults to the max, `no` to 0. */
  | { type: 'yes_no'; yes?: Decimal; no?: Decimal }
  /** The measured value (`measure` says what, e.g. "% kế hoạch") falls in one band. */
  | { type: 'bands'; measure?: string; bands: RuleBand[] }
  /** points = max × value / target, capped at the max. */
  | { type: 'ratio'; target: Decimal };

/** A classification band: units whose index is at or above `min` (above, when not inclusive). */
export interface Band {
  label: string;
  min: Decimal;
  inclusive?: boolean;
}

/** What a form asks for at a node. */
export type FormInput = 'points' | 'choice' | 'yes_no' | 'measure' | 'survey' | 'children';

/** A node of the tree (see `TreeEntry`) with what the form asks for there. */
export interface FormNode extends Omit<TreeEntry, 'survey' | 'leaf'> {
  input: FormInput;
  /** A criterion without sub-criteria (not survey-assessed): its rule. */
  rule?: Rule;
  /** The methodology's scoring guidance or notes for the node. */
  notes?: string;
}

/** Everything a portal needs to draw a methodology's form (`par.form-model/1`). */
export interface FormModel {
  schema: 'par.form-model/1';
  id: string;
  name: string;
  max: Decimal;
  /** Blocks to choose from; empty when the methodology ranks all units together. */
  blocks: { id: string; name?: string; bands?: Band[] }[];
  /** The classification, from the highest band down. */
  bands: Band[];
  /** Bonus (`max` > 0) and penalty (`min` < 0) contents: points a form asks for, capped. */
  adjustments: { code: string; name: string; min: Decimal; max: Decimal }[];
  /** Self-scores count only with an evidence reference: ask for one. */
  evidence_required: boolean;
  /** An appraisal that changes a score needs a reason: ask for one. */
  reason_required: boolean;
  nodes: FormNode[];
}

export interface MethodologyNode {
  code: string;
  name: string;
  max: Decimal;
  component?: string;
  survey?: boolean;
  rule?: Rule;
  notes?: string;
  children?: MethodologyNode[];
}

// ---------------------------------------------------------------------------------------------
// Outputs
// ---------------------------------------------------------------------------------------------

export type Completeness = 'leaves' | 'criteria' | 'fields' | 'components';

export interface BuiltinInfo {
  id: string;
  name: string;
  decision: string | null;
  date: string | null;
  level: string | null;
  completeness: Completeness | null;
  sources: string[];
}

export interface TreeEntry {
  code: string;
  name: string;
  max: Decimal;
  depth: number;
  parent?: string;
  component?: string;
  survey?: boolean;
  leaf?: boolean;
}

export type Source =
  | 'self' | 'appraisal' | 'value' | 'survey' | 'children' | 'missing' | 'not_surveyed';

export interface AppraisalRecord {
  round: number;
  value: InputValue;
  points?: Decimal;
  reason?: string;
  by?: string;
}

export interface NodeResult {
  points: Decimal;
  points_exact: Decimal;
  max: Decimal;
  /** The exact max, present only when the printed `max` hides digits (0.125 printed as 0.13). */
  max_exact?: Decimal;
  index: Decimal | null;
  lost: Decimal;
  source: Source;
  round?: number;
  appraised?: boolean;
  self?: InputValue;
  self_points?: Decimal;
  appraisals?: AppraisalRecord[];
  evidence?: string[];
  explanation?: string;
  survey?: SurveyInput;
  rule?: string;
  uncapped?: Decimal;
}

export interface ComponentResult {
  points: Decimal;
  points_exact: Decimal;
  max: Decimal;
  index: Decimal | null;
}

export interface Warning {
  code: string;
  /** For people, in the language the results were scored in. */
  message: string;
  node?: string;
}

export interface UnitResult {
  unit: string;
  block: string | null;
  points: Decimal;
  points_exact: Decimal;
  max: Decimal;
  index: Decimal;
  index_exact: Decimal;
  rank: number;
  band: string | null;
  survey_rescaled?: boolean;
  components: Record<string, ComponentResult>;
  /**
   * Every node by code. Iterate `Results.tree` for the tree order: JavaScript objects list
   * integer-like keys ("1", "2") before the others.
   */
  nodes: Record<string, NodeResult>;
  adjustments?: Record<string, NodeResult>;
  warnings: Warning[];
}

export interface BlockStatistics {
  block: string | null;
  name?: string;
  count: number;
  mean: Decimal;
  median: Decimal;
  min: Decimal;
  max: Decimal;
  above_mean: number;
  bands: Record<string, number>;
  unbanded: number;
}

export interface Results {
  schema: 'par.results/1';
  methodology: { id: string; name: string };
  rounding: { places: number; mode: 'half_up' | 'half_even' };
  ranked_on: 'rounded' | 'exact';
  /** Present when the nodes keep their figures only (`ScoreOptions.detail`). */
  detail?: 'scores';
  tree: TreeEntry[];
  units: UnitResult[];
  blocks: BlockStatistics[];
  warnings?: Warning[];
}

export interface LostPoints {
  code: string;
  name: string;
  points: Decimal;
  max: Decimal;
  lost: Decimal;
  source: Source;
}

export interface Move {
  unit: string;
  block: string | null;
  /** The block's name, where the current results name it apart from its id. */
  block_name?: string;
  previous_index: Decimal;
  current_index: Decimal;
  change: Decimal;
  previous_rank: number;
  current_rank: number;
  rank_change: number;
}

export interface Comparison {
  schema: 'par.comparison/1';
  units: Move[];
  /** The methodology each ranking was scored with; absent for a ranking as published. */
  previous_methodology?: string;
  current_methodology?: string;
  only_in_previous: string[];
  only_in_current: string[];
}

export interface RankRow {
  block: string | null;
  rank: number;
  unit: string;
  points: Decimal;
  max: Decimal;
  index: Decimal;
  band: string | null;
}

// ---------------------------------------------------------------------------------------------
// API
// ---------------------------------------------------------------------------------------------

/**
 * A validated methodology kept loaded in WebAssembly memory, for scoring on every keystroke. Each
 * call takes its own `lang` (else `PAR_LANG` under Node, else Vietnamese).
 */
/** A form scored as far as it is valid (`par.form/1`). */
export interface FormScore {
  schema: 'par.form/1';
  /** No problem, and every criterion entered: the figures are final. */
  complete: boolean;
  /** The unit's result from its valid entries (rank 1, its band); invalid criteria count 0. */
  unit: UnitResult;
  /** Each invalid entry, against its criterion (`node`), in the language asked for. */
  problems: Problem[];
}

/**
 * A form being filled in (from `Methodology#openForm`). Its answers are `par.form/1` as
 * `scoreForm`'s, except that nodes do not repeat the entries (the form holds them): each node
 * gives its figures and where they come from (`source`, `appraised`).
 */
export class Form {
  /** Replaces criterion `code`'s entry (`null` or `{}` clears it) and scores the form. */
  set(code: string, entry: JsonInput<Entry> | null, options?: LangOptions): FormScore;
  setJson(code: string, entry: JsonInput<Entry> | null, options?: LangOptions): string;
  /** The form scored as it stands. */
  score(options?: LangOptions): FormScore;
  scoreJson(options?: LangOptions): string;
  /** Releases the WebAssembly memory (before freeing the methodology). */
  free(): void;
}

export class Methodology {
  /** A built-in id, or `par.methodology/1` JSON text or object. Throws ParError. */
  constructor(idOrJson: JsonInput<MethodologyDocument>, options?: LangOptions);
  readonly id: string;
  readonly name: string;
  /** Normalised `par.methodology/1` JSON text. */
  toJson(): string;
  definition(): MethodologyDocument;
  tree(): TreeEntry[];
  /** Every node with the input it takes and its rule, the blocks, bands and policies a form shows. */
  formModel(): FormModel;
  scoreJson(assessments: AssessmentsInput, options?: ScoreOptions): string;
  score(assessments: AssessmentsInput, options?: ScoreOptions): Results;
  /**
   * Scores one unit's form while it is filled in: valid entries count, each invalid one is a
   * problem against its criterion, an empty field is no input yet.
   */
  scoreForm(unit: JsonInput<UnitAssessment>, options?: LangOptions): FormScore;
  scoreFormJson(unit: JsonInput<UnitAssessment>, options?: LangOptions): string;
  /**
   * Opens a form kept read in WebAssembly memory, for re-scoring on every keystroke: each
   * `form.set(code, entry)` reads only the entry that changed. The unit's own fields must be
   * readable (ParError otherwise); its entries may hold anything typed, within the limits that
   * `form.set` refuses past (a text over `text_bytes`, more than `entry_items` evidence
   * references or rounds), which refuse the form too.
   */
  openForm(unit: JsonInput<UnitAssessment>, options?: LangOptions): Form;
  /** Scores and keeps the results in WebAssembly memory, for runs too large for one string. */
  scoreResults(assessments: AssessmentsInput, options?: ScoreOptions): ScoredResults;
  /** A wide or long table: CSV text, or a CSV / "Unicode Text" file's bytes in any encoding. */
  scoreCsvJson(csv: TableSource, options?: ScoreOptions): string;
  scoreCsv(csv: TableSource, options?: ScoreOptions): Results;
  /** A table scored as `scoreCsvJson` scores it, the results kept as `scoreResults` keeps them. */
  scoreCsvResults(csv: TableSource, options?: ScoreOptions): ScoredResults;
  /**
   * A sheet of a workbook's bytes (`sheet` by name or number from 1, else the first, past a
   * cover), the sheet read in place of the first said in the warnings (`sheet_chosen`) and named
   * by each problem (`sheet`), the rows the sheet hides (scored as the others: `rows_hidden`)
   * and the later sheets with its columns, not read (`sheets_alike`), said after it. Needs the
   * importer module (`await loadImporter()` in a browser).
   */
  scoreSheetJson(source: Uint8Array | ArrayBuffer, options?: ScoreOptions & { sheet?: string | number }): string;
  scoreSheet(source: Uint8Array | ArrayBuffer, options?: ScoreOptions & { sheet?: string | number }): Results;
  /** A workbook's sheet scored as `scoreSheetJson` scores it, the results kept as `scoreResults` keeps them. */
  scoreSheetResults(source: Uint8Array | ArrayBuffer, options?: ScoreOptions & { sheet?: string | number }): ScoredResults;
  csvToAssessmentsJson(csv: TableSource, options?: LangOptions): string;
  csvToAssessments(csv: TableSource, options?: LangOptions): Assessments;
  /** A table read into assessments, with what reading did with it (rows passed over, reasons no score keeps, a guessed encoding). */
  readCsvJson(csv: TableSource, options?: LangOptions): string;
  readCsv(csv: TableSource, options?: LangOptions): TableRead;
  /** A workbook's sheet read as `readCsv` reads a table; needs the importer module. */
  readSheetJson(source: Uint8Array | ArrayBuffer, options?: LangOptions & { sheet?: string | number }): string;
  readSheet(source: Uint8Array | ArrayBuffer, options?: LangOptions & { sheet?: string | number }): TableRead;
  /** A methodology imported from a criteria annex or table (see `importTable`). Throws ParError. */
  static fromTable(source: TableSource, options?: ImportOptions): Methodology;
  /** Releases the WebAssembly memory now rather than at garbage collection. */
  free(): void;
}

/**
 * A table: CSV text, or the bytes of a CSV / "Unicode Text" file in whichever encoding Excel saved
 * it (UTF-8, UTF-16, Windows-1258). A criteria table's bytes may also be a workbook (xlsx, ods,
 * xls).
 */
export type TableSource = string | Uint8Array | ArrayBuffer;

/** What a person says of an imported methodology; the annex's title rows give the rest. */
export interface ImportOptions extends LangOptions {
  /** The criteria sheet of a workbook, by name or number from 1; default the first. */
  sheet?: string | number;
  /** Default `methodology`. */
  id?: string;
  name?: string;
  decision?: string;
  /** `yyyy-mm-dd`. */
  date?: string;
  level?: string;
}

/** What one row of an annex was read as, to check against the annex. */
export interface RowRead {
  /** A row of another sheet names it. */
  sheet?: string;
  row: number;
  /** The number as printed: `II`, `1.2`, `a`. */
  number?: string;
  /** The code given to the node. */
  code?: string;
  name?: string;
  max?: Decimal;
  read_as: string;
}

export interface ImportWarning {
  code: 'guidance_not_read' | 'best_below_max' | 'guidance_on_parent' | 'column_not_read' | 'row_skipped' | 'more_warnings';
  row: number;
  node: string | null;
  message: string;
}

export interface TableImport {
  methodology: Methodology;
  rows: RowRead[];
  warnings: ImportWarning[];
}

/**
 * Loads the module of what is done away from the form — importing criteria tables, reading
 * workbooks, analysing results — fetched only by pages that need it. Under Node it is loaded with
 * the package; in a browser, await this before `importTable`, `sheetToCsv` or `criteria`.
 */
export function loadImporter(): Promise<void>;
/**
 * A sheet of a workbook's bytes (xlsx, ods, xls) as CSV text, to score with `scoreCsv`. Read by
 * the importer module (`await loadImporter()` in a browser).
 */
export function sheetToCsv(
  source: Uint8Array | ArrayBuffer,
  options?: LangOptions & { sheet?: string | number },
): string;
/**
 * A ranking as published in a workbook's bytes (`sheet`, else every sheet holding one: a
 * report's ranking, a sheet a block) as CSV text (block, unit, index, rank), to `compare`.
 */
export function rankingToCsv(
  source: Uint8Array | ArrayBuffer,
  options?: LangOptions & { sheet?: string | number },
): string;
/** Imports a criteria annex or table; the JSON text of `{ methodology, rows, warnings }`. */
export function importTableJson(source: TableSource, options?: ImportOptions): string;
/** Imports a criteria annex or table: the methodology, what each row was read as, the warnings. */
export function importTable(source: TableSource, options?: ImportOptions): TableImport;

/**
 * Results held in WebAssembly memory, read piece by piece. Their warnings are in the language they
 * were scored in; each call that can refuse takes its own `lang`.
 */
export class ScoredResults {
  private constructor();
  readonly count: number;
  rankTable(): RankRow[];
  statistics(): BlockStatistics[];
  unit(name: string, options?: LangOptions): UnitResult;
  lostPoints(name: string, options?: LangOptions): LostPoints[];
  /** The whole `par.results/1` document; a ParError (`limit_exceeded`) when longer than a string can be. */
  toJson(options?: LangOptions): string;
  free(): void;
}

/** A methodology argument: a loaded Methodology, a built-in id, or its JSON. */
export type MethodologyInput = Methodology | JsonInput<MethodologyDocument>;

export function listBuiltin(): BuiltinInfo[];
export function listBuiltinJson(): string;
export function loadMethodology(idOrJson: JsonInput<MethodologyDocument>, options?: LangOptions): Methodology;
/** Returns the methodology normalised as JSON text; throws ParError with every problem. */
export function validateMethodology(idOrJson: JsonInput<MethodologyDocument>, options?: LangOptions): string;
export function score(
  methodology: MethodologyInput,
  assessments: AssessmentsInput,
  options?: ScoreOptions,
): Results;
export function scoreJson(
  methodology: MethodologyInput,
  assessments: AssessmentsInput,
  options?: ScoreOptions,
): string;
export function scoreCsv(methodology: MethodologyInput, csv: TableSource, options?: ScoreOptions): Results;
export function scoreCsvJson(methodology: MethodologyInput, csv: TableSource, options?: ScoreOptions): string;
/** How the units of a block scored on one node (`par.analysis/1`). */
export interface CriterionAnalysis {
  code: string;
  name: string;
  depth: number;
  leaf: boolean;
  max: Decimal;
  mean: Decimal;
  median: Decimal;
  lowest: Decimal;
  highest: Decimal;
  /** The mean as a percentage of the max; null for a max of zero. */
  mean_index: Decimal | null;
  at_full: number;
  at_zero: number;
  lost: Decimal;
  lost_mean: Decimal;
  best: string[];
  worst: string[];
}

export interface Analysis {
  schema: 'par.analysis/1';
  methodology: { id: string; name: string };
  blocks: {
    block: string | null;
    /** The block's name, when the methodology gives one. */
    name?: string;
    units: number;
    criteria: CriterionAnalysis[];
    /** Leaves by points lost, the most first. */
    losing_most: string[];
  }[];
}

/**
 * The criterion analysis of results: per block, every node's figures and the leaves losing most.
 * Computed by the module loaded on demand (`await loadImporter()` in a browser).
 */
export function criteria(results: JsonInput<Results>, options?: LangOptions): Analysis;
export function criteriaJson(results: JsonInput<Results>, options?: LangOptions): string;
export interface ReportOptions extends LangOptions {
  /** The methodology the results were scored on, for its decision in the title rows. */
  methodology?: Methodology | string | object;
  /** The previous ranking (results, or a published ranking's CSV text), for the changes sheet. */
  previous?: JsonInput<Results> | string;
}

/**
 * The Excel report of results as xlsx bytes: a ranking sheet per block, points on every criterion,
 * the criterion analysis, the points lost, and the changes when `previous` is given. Made by the
 * module loaded on demand (`await loadImporter()` in a browser).
 */
export function toXlsx(results: JsonInput<Results>, options?: ReportOptions): Uint8Array;

/**
 * The ranking, the criterion analysis or the changes (against `previous`) as CSV for Excel (in Vietnamese `;` and decimal commas, a
 * byte-order mark). Made by the module loaded on demand (`await loadImporter()` in a browser).
 */
export function toExcelCsv(
  results: JsonInput<Results>,
  options?: LangOptions & { table?: 'ranking' | 'criteria' | 'changes'; previous?: JsonInput<Results> | string },
): string;

export type ChartKind = 'ranking' | 'components' | 'heatmap' | 'changes';

/**
 * A chart of results as SVG text (`changes` needs `previous`). Drawn by the module loaded on
 * demand (`await loadImporter()` in a browser).
 */
export function chart(
  results: JsonInput<Results>,
  kind: ChartKind,
  options?: LangOptions & { previous?: JsonInput<Results> | string },
): string;

/** A unit's place: points, index, rank in its block and band. */
export interface Standing {
  points: Decimal;
  index: Decimal;
  rank: number;
  band: string | null;
}

export interface WhatIfQuestion {
  /** Criterion code → the value assumed, as entered: points as text, an option's label, a measure, true/false. */
  set?: Record<string, string | boolean>;
  /** The way up: `'band'` (the next band), `'band=LABEL'` or `'rank=N'`. */
  target?: string;
}

export interface WhatIf {
  schema: 'par.what-if/1';
  methodology: { id: string; name: string };
  unit: string;
  block: string | null;
  changes: { code: string; name: string; value: string; points_before: Decimal; points: Decimal }[];
  before: Standing;
  after: Standing;
  /** The other units of the block whose rank the changes move. */
  moved: { unit: string; rank_before: number; rank: number }[];
  /** The fewest criteria whose full points reach the target, the most lost first. */
  way_up?: {
    band: string | null;
    rank: number | null;
    reached: boolean;
    criteria: { code: string; name: string; points: Decimal; max: Decimal; gain: Decimal }[];
    after: Standing;
  };
  warnings: Warning[];
}

/**
 * What if `unit` had other entries, against the other units' results as they stand; with a
 * target, the way up. Computed by the module loaded on demand (`await loadImporter()` in a browser).
 */
export function whatIf(
  methodology: Methodology | string | object,
  results: JsonInput<Results>,
  unit: string,
  question: WhatIfQuestion,
  options?: LangOptions,
): WhatIf;
export function whatIfJson(
  methodology: Methodology | string | object,
  results: JsonInput<Results>,
  unit: string,
  question: WhatIfQuestion,
  options?: LangOptions,
): string;
/** Rows of results already scored: no text of its own, so no language. */
export function rankTable(results: JsonInput<Results>): RankRow[];
/** Reading results back is done by the module loaded on demand: `await loadImporter()` first in a browser. */
export function explain(results: JsonInput<Results>, unit: string, options?: LangOptions): UnitResult;
export function explainJson(results: JsonInput<Results>, unit: string, options?: LangOptions): string;
export function lostPoints(results: JsonInput<Results>, unit: string, options?: LangOptions): LostPoints[];
export function lostPointsJson(results: JsonInput<Results>, unit: string, options?: LangOptions): string;
/**
 * Moves between two rankings, each results (JSON text or object) or a ranking as published, as
 * CSV text (unit, index and rank columns, below title rows: `Tỉnh, thành phố;Chỉ số;Xếp hạng`).
 * Computed by the module loaded on demand: `await loadImporter()` first in a browser.
 */
export function compare(
  previous: JsonInput<Results>,
  current: JsonInput<Results>,
  options?: LangOptions,
): Comparison;
export function compareJson(
  previous: JsonInput<Results>,
  current: JsonInput<Results>,
  options?: LangOptions,
): string;
