// The public API of `parindex`, over the wasm-bindgen module in ../pkg. The entry points
// (node.js, browser.js) instantiate the module first; this file only wraps it.
//
// Every decimal (points, percentages, maxima) stays a string: functions ending in `Json` return the
// engine's JSON text byte for byte, the others return that text parsed with JSON.parse, in which
// decimals are JSON strings. Nothing here computes a score.
import * as wasm from '../pkg/parindex.js';

/** Refusal of an input by the engine: every problem found, the first one spread on the error. */
export class ParError extends Error {
  #text;

  /** @param {string} problemsJson the engine's `{"problems": [...]}` text */
  constructor(problemsJson) {
    const { problems } = JSON.parse(problemsJson);
    const first = problems[0];
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problems)` : '';
    super(first.message + more);
    this.name = 'ParError';
    this.code = first.code;
    this.unit = first.unit ?? null;
    this.node = first.node ?? null;
    this.path = first.field ?? null;
    this.value = first.value ?? null;
    this.row = first.row ?? null;
    this.limit = first.limit ?? null;
    this.problems = problems;
    this.#text = problemsJson;
  }

  /** The problems exactly as the engine prints them (`par_core::wire::problems_json`). */
  toJSONText() {
    return this.#text;
  }

  /** `JSON.stringify(error)` gives the engine's problems document. */
  toJSON() {
    return { problems: this.problems };
  }
}

// The Rust side throws a refusal as its problems JSON text; anything else is passed on untouched.
function call(f) {
  try {
    return f();
  } catch (e) {
    if (typeof e === 'string' && e.startsWith('{')) throw new ParError(e);
    if (typeof e === 'string') throw new Error(e);
    throw e;
  }
}

// What a value is, for messages: `typeof`, but `null` named as such.
const kind = (value) => (value === null ? 'null' : typeof value);

// Every call that reads a large text (assessments or CSV) goes through here: the module readies
// its memory for the text's size before the text is copied in (see `reserve_heap` in
// src/lib.rs), so that a national run grows WebAssembly memory once.
function withHeapFor(input, f) {
  if (typeof input !== 'string') throw new TypeError(`the input must be text, not ${kind(input)}`);
  wasm.reserveHeap(input.length);
  return call(() => f(input));
}

// JSON arguments may be given as text (passed as is) or as objects (serialised; decimals must
// already be strings, as the engine refuses JSON numbers for points).
function text(value, what) {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  throw new TypeError(`${what} must be JSON text or an object, not ${kind(value)}`);
}

/** A validated methodology kept loaded in WebAssembly memory, for scoring on every keystroke. */
export class Methodology {
  #handle;

  /** @param {string | object} idOrJson a built-in id, `par.methodology/1` JSON text or object */
  constructor(idOrJson) {
    const source = text(idOrJson, 'a methodology');
    this.#handle = call(() => new wasm.Methodology(source));
  }

  get id() {
    return this.#handle.id;
  }

  get name() {
    return this.#handle.name;
  }

  /** Normalised `par.methodology/1` JSON text. */
  toJson() {
    return this.#handle.toJson();
  }

  /** The `par.methodology/1` document (rules, policies, bands, blocks). */
  definition() {
    return JSON.parse(this.toJson());
  }

  /** The criteria tree in pre-order. */
  tree() {
    return JSON.parse(this.#handle.treeJson());
  }

  scoreJson(assessments) {
    return withHeapFor(text(assessments, 'assessments'), (input) => this.#handle.scoreJson(input));
  }

  score(assessments) {
    return JSON.parse(this.scoreJson(assessments));
  }

  /**
   * Scores and keeps the results in WebAssembly memory, to read piece by piece (ranking,
   * statistics, one unit): for large runs, whose whole results text exceeds what a JavaScript
   * string can hold.
   */
  scoreResults(assessments) {
    const handle = withHeapFor(text(assessments, 'assessments'), (input) => this.#handle.scoreResults(input));
    return new ScoredResults(handle);
  }

  scoreCsvJson(csv) {
    return withHeapFor(csv, (input) => this.#handle.scoreCsvJson(input));
  }

  scoreCsv(csv) {
    return JSON.parse(this.scoreCsvJson(csv));
  }

  /** A wide or long CSV table read into `par.assessments/1` JSON text (e.g. to fill a form). */
  csvToAssessmentsJson(csv) {
    return withHeapFor(csv, (input) => this.#handle.csvToAssessmentsJson(input));
  }

  csvToAssessments(csv) {
    return JSON.parse(this.csvToAssessmentsJson(csv));
  }

  /** Releases the WebAssembly memory now rather than at garbage collection. */
  free() {
    this.#handle.free();
  }
}

/** Results held in WebAssembly memory (from `Methodology#scoreResults`). */
export class ScoredResults {
  #handle;

  constructor(handle) {
    this.#handle = handle;
  }

  /** How many units were scored. */
  get count() {
    return this.#handle.count;
  }

  /** The ranking rows, in the results' order (block, rank, name). */
  rankTable() {
    return JSON.parse(this.#handle.rankTableJson());
  }

  /** Statistics per block. */
  statistics() {
    return JSON.parse(this.#handle.statisticsJson());
  }

  /** One unit's results: points, index, rank, band, components and every node. */
  unit(name) {
    return JSON.parse(call(() => this.#handle.unitJson(name)));
  }

  /** The leaves where a unit lost points, the most first. */
  lostPoints(name) {
    return JSON.parse(call(() => this.#handle.lostPointsJson(name)));
  }

  /** The whole `par.results/1` document as text. */
  toJson() {
    return this.#handle.toJson();
  }

  /** Releases the WebAssembly memory now rather than at garbage collection. */
  free() {
    this.#handle.free();
  }
}

/** The built-in methodology catalogue, as JSON text. */
export function listBuiltinJson() {
  return wasm.listBuiltin();
}

export function listBuiltin() {
  return JSON.parse(listBuiltinJson());
}

export function loadMethodology(idOrJson) {
  return new Methodology(idOrJson);
}

/** Validates a methodology; returns it normalised as JSON text. Throws ParError listing every problem. */
export function validateMethodology(idOrJson) {
  const source = text(idOrJson, 'a methodology');
  return call(() => wasm.validateMethodology(source));
}

export function scoreJson(methodology, assessments) {
  if (methodology instanceof Methodology) return methodology.scoreJson(assessments);
  const m = text(methodology, 'a methodology');
  return withHeapFor(text(assessments, 'assessments'), (input) => wasm.scoreJson(m, input));
}

export function score(methodology, assessments) {
  return JSON.parse(scoreJson(methodology, assessments));
}

export function scoreCsvJson(methodology, csv) {
  if (methodology instanceof Methodology) return methodology.scoreCsvJson(csv);
  const m = text(methodology, 'a methodology');
  return withHeapFor(csv, (input) => wasm.scoreCsvJson(m, input));
}

export function scoreCsv(methodology, csv) {
  return JSON.parse(scoreCsvJson(methodology, csv));
}

/**
 * The ranking as rows, in the results' order (by block, then rank, then name): one row per unit
 * with its block, rank, points, max, index and band. Decimals stay strings.
 */
export function rankTable(results) {
  const r = typeof results === 'string' ? JSON.parse(results) : results;
  return r.units.map((u) => ({
    block: u.block,
    rank: u.rank,
    unit: u.unit,
    points: u.points,
    max: u.max,
    index: u.index,
    band: u.band,
  }));
}

export function explainJson(results, unit) {
  const r = text(results, 'results');
  return call(() => wasm.explainJson(r, unit));
}

/** One unit's results: points, index, rank, band, components and every node. */
export function explain(results, unit) {
  return JSON.parse(explainJson(results, unit));
}

export function lostPointsJson(results, unit) {
  const r = text(results, 'results');
  return call(() => wasm.lostPointsJson(r, unit));
}

/** The leaves where a unit lost points, the most first. */
export function lostPoints(results, unit) {
  return JSON.parse(lostPointsJson(results, unit));
}

export function compareJson(previous, current) {
  const p = text(previous, 'previous results');
  const c = text(current, 'current results');
  return call(() => wasm.compareJson(p, c));
}

/** Moves of every unit between two result sets (points, index, rank, band). */
export function compare(previous, current) {
  return JSON.parse(compareJson(previous, current));
}
