// The public API of `parindex`, over the wasm-bindgen module in ../pkg. The entry points
// (node.js, browser.js) instantiate the module first; this file only wraps it.
//
// Every decimal (points, percentages, maxima) stays a string: functions ending in `Json` return the
// engine's JSON text byte for byte, the others return that text parsed with JSON.parse, in which
// decimals are JSON strings. Nothing here computes a score.
//
// Every call that writes text for people (problems, warnings, rule notes) takes an options object
// `{ lang }` last. The module chooses the language from that option and the environment's
// `PAR_LANG` (Node only) as the CLI and Python do; this layer only passes both along.
import * as wasm from '../pkg/parindex.js';
import * as importer from '../pkg/parindex_import.js';
import { environmentLanguage } from './environment.js';
import { importerReady } from './importer.js';

export { loadImporter } from './importer.js';

/**
 * Refusal of an input by the engine: every problem found, the first one spread on the error. The
 * message has one line per problem, as the CLI prints them: where, what, and the code.
 */
export class ParError extends Error {
  #text;

  /**
   * @param {string} problemsJson the engine's `{"problems": [...]}` text
   * @param {string} lines the same problems for people, one line each
   */
  constructor(problemsJson, lines) {
    const { problems } = JSON.parse(problemsJson);
    const first = problems[0];
    super(lines);
    this.name = 'ParError';
    this.code = first.code;
    this.unit = first.unit ?? null;
    this.node = first.node ?? null;
    this.path = first.field ?? null;
    this.value = first.value ?? null;
    this.sheet = first.sheet ?? null;
    this.row = first.row ?? null;
    this.limit = first.limit ?? null;
    this.problems = problems;
    this.lines = lines.split('\n');
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

// A call of the scoring module. It stops at a trap (memory run out, or a fault of the engine) or
// at JavaScript's stack running out inside it, after which nothing in it can be trusted: every
// call after it is refused as the stop was (`stopped`), until the page, or the program, loads
// the package again. (The importer module is replaced by a fresh one instead: nothing lives in
// it between calls, see `callImporter`.)
function call(f) {
  if (stoppedBy !== null) throw stoppedBy();
  outOfMemory ??= refusalMade(() => wasm.outOfMemory(...languages(undefined)));
  try {
    return refusals(f);
  } catch (e) {
    const stack = e instanceof RangeError && /call stack/.test(e.message);
    if (e instanceof WebAssembly.RuntimeError || stack) {
      stopped(e);
      throw stoppedBy();
    }
    throw e;
  }
}

// What every call after the scoring module stopped throws, once it has (`call`).
let stoppedBy = null;
// The refusal of a module that ran out of memory, in the environment's language: made while the
// module works (`outOfMemory` in src/lib.rs), as none can be asked of it once it has stopped.
let outOfMemory = null;

// The scoring module stopped at `trap`. A trap without a panic (`panicked` in src/lib.rs: the
// engine panics on no input) is memory run out, said in the catalogue's words (`limit_exceeded`,
// limit `wasm_memory`); a panic, or the stack run out, is thrown again as it came. Every handle
// still held is let go of without a call into the module (`let go`).
function stopped(trap) {
  let ranOut = false;
  if (trap instanceof WebAssembly.RuntimeError) {
    try {
      ranOut = !wasm.panicked();
    } catch {
      // A module that cannot even answer this is not one that ran out of memory only.
    }
  }
  const { json, lines } = outOfMemory;
  stoppedBy = ranOut ? () => new ParError(json, lines) : () => trap;
  for (const handle of handles) handle.deref()?.__destroy_into_raw();
  handles.clear();
}

// The handles of the scoring module not yet garbage-collected, weakly. wasm-bindgen frees a
// handle at garbage collection by a call into the module; once it has stopped, such a call could
// trap where nothing catches it (a finalizer), which ends a Node process: `stopped` lets every
// handle go first. Handles collected are dropped from the set as it doubles.
const handles = new Set();
let handlesPruned = 64;
function held(handle) {
  handles.add(new WeakRef(handle));
  if (handles.size > handlesPruned) {
    for (const h of handles) if (h.deref() === undefined) handles.delete(h);
    handlesPruned = 2 * handles.size + 64;
  }
  return handle;
}

// The problems a call that always refuses gives, as text kept to throw later.
function refusalMade(refuse) {
  try {
    refuse();
  } catch (e) {
    if (!(e instanceof wasm.Refusal)) throw e;
    try {
      return { json: e.json, lines: e.lines };
    } finally {
      e.free();
    }
  }
  throw new Error('the refusal was not made');
}

// A handle of the scoring module kept by one of the package's objects (`what` it is), until
// `free()`. Once freed, it is refused here: wasm-bindgen would pass the module a null pointer,
// which it refuses, leaving some of its stack behind each time. Freeing is what a page's
// clean-up does, which must not throw: a second time, or once the module stopped (whose memory
// went with it, `stopped` letting the handle go), it does nothing.
class Kept {
  #handle;
  #what;

  constructor(handle, what) {
    this.#handle = held(handle);
    this.#what = what;
  }

  get handle() {
    if (this.#handle === null) throw new TypeError(`the ${this.#what} was freed (free()) and can no longer be used`);
    return this.#handle;
  }

  free() {
    const handle = this.#handle;
    this.#handle = null;
    if (handle !== null && stoppedBy === null) call(() => handle.free());
  }
}

// The Rust side throws a refusal as a `Refusal` (problems JSON and lines, in the language of the
// call); anything else is passed on untouched.
function refusals(f) {
  try {
    return f();
  } catch (e) {
    if (e instanceof wasm.Refusal || e instanceof importer.Refusal) throw fromRefusal(e);
    throw e;
  }
}

function fromRefusal(refusal) {
  try {
    return new ParError(refusal.json, refusal.lines);
  } finally {
    refusal.free();
  }
}

// What a value is, for messages: `typeof`, but `null` named as such.
const kind = (value) => (value === null ? 'null' : typeof value);

// The language code a call's options ask for, as given (`undefined` when they ask for none).
function askedLanguage(options) {
  if (options == null) return undefined;
  if (typeof options !== 'object') {
    throw new TypeError(`the options must be an object such as { lang: 'en' }, not ${kind(options)}`);
  }
  const { lang } = options;
  if (lang != null && typeof lang !== 'string') {
    throw new TypeError(`the lang option must be a language code such as 'vi' or 'en', not ${kind(lang)}`);
  }
  return lang ?? undefined;
}

// How much of their inputs results keep, as the options ask: `'full'` (the default) or
// `'scores'`; the engine refuses any other name in the call's language.
function askedDetail(options) {
  const detail = options?.detail;
  if (detail != null && typeof detail !== 'string') {
    throw new TypeError(`the detail option must be 'full' or 'scores', not ${kind(detail)}`);
  }
  return detail ?? undefined;
}

// The two arguments the module takes for the language of a call: the code asked for and the
// environment's; the module chooses (`Lang::resolve`) and refuses an unknown code.
const languages = (asked) => [asked, environmentLanguage()];

// Every call that reads a large text (assessments or CSV) goes through here (a JSON file's bytes
// through `withAssessments`, by the same `readiedThenInNfc`): the module readies
// its memory for the text's size before the text is copied in, whole or in pieces (see
// `inPieces` below, and `reserve_heap` in src/lib.rs), so that a national run grows WebAssembly
// memory once. `f` takes the text and whether it has been put in NFC (see `nfc` below). It goes
// in as given first: the module looks for a character NFC may change (an accent typed apart from
// its letter, mostly) in its own copy of the text, faster than a regular expression here can
// (`as_given_if_nfc` in src/scoring.rs), and throws NOT_IN_NFC (the same words there) when it
// finds one; the text is then sent again in NFC, and read as it is.
const NOT_IN_NFC = 'parindex: text not in NFC';
function withHeapFor(input, asked, f, inNfc = (text) => text.normalize('NFC')) {
  if (typeof input !== 'string') throw new TypeError(`the input must be text, not ${kind(input)}`);
  return readiedThenInNfc(input.length, () => f(input, false), () => f(inNfc(wholeCharacters(input, asked)), true));
}

// A text holding half a character (a lone surrogate: a string cut between the two halves of a
// pair, `JSON.parse('"\\ud800"')`) would reach the module with U+FFFD in its place, without a
// word: refused, naming its line. A large text (assessments, a table) is looked at only where the
// module found U+FFFD in it, which is what a half character becomes on the way in
// (`HALF_CHARACTER_GIVEN` in src/nfc_check.rs): a national run's is not scanned for one here.
// Other texts (a methodology, a form's unit, results) are looked at as they are passed in.
function wholeCharacters(text, asked) {
  if (wellFormed(text)) return text;
  const at = text.search(HALF_PAIR);
  // Lines as an editor counts them: a line break is `\r\n`, `\n` or `\r`.
  const line = 1 + (text.slice(0, at).match(LINE_BREAKS)?.length ?? 0);
  throw new TypeError(call(() => wasm.halfCharacter(undefined, line, ...languages(asked))));
}
const LINE_BREAKS = /\r\n|\n|\r/g;

// The module's memory readied for an input of `length`, then `asGiven()`, and `inNfc()` in its
// place when the module finds that the input may change in NFC.
function readiedThenInNfc(length, asGiven, inNfc) {
  call(() => wasm.reserveHeap(length));
  try {
    return call(asGiven);
  } catch (e) {
    if (e !== NOT_IN_NFC) throw e;
  }
  return call(inNfc);
}

// Assessments go into the module a piece at a time (`TextPieces` in src/scoring.rs): a national
// run's text then never stands whole in WebAssembly memory, whose fresh pages cost more to touch
// than the text takes to read. A piece is about a million UTF-16 code units (at most 3 MiB in
// UTF-8), never ending between the two halves of a surrogate pair.
const PIECE = 1 << 20;
function inPieces(text) {
  let at = 0;
  return {
    ofBytes: false,
    next() {
      if (at >= text.length) return undefined;
      let end = Math.min(at + PIECE, text.length);
      if (end < text.length && (text.charCodeAt(end) & 0xfc00) === 0xdc00) end += 1;
      const piece = text.slice(at, end);
      at = end;
      return piece;
    },
    whole: () => text,
  };
}

// A JSON file's bytes in pieces of about 3 MiB, each ending at the end of a UTF-8 character
// (before a byte that continues one): the module copies them in as they are, where a text is
// encoded to UTF-8 on the way in (a tenth of a national run's time). The engine checks that they
// are UTF-8, and reads a file that is not whole, to say where.
const BYTE_PIECE = 3 << 20;
function bytePieces(bytes) {
  let at = 0;
  return {
    ofBytes: true,
    nextBytes() {
      if (at >= bytes.length) return undefined;
      let end = Math.min(at + BYTE_PIECE, bytes.length);
      while (end < bytes.length && end > at && (bytes[end] & 0xc0) === 0x80) end -= 1;
      if (end === at) end = Math.min(at + BYTE_PIECE, bytes.length); // not UTF-8: said whole
      const piece = bytes.subarray(at, end);
      at = end;
      return piece;
    },
    wholeBytes: () => bytes,
  };
}

// The engine compares names, codes and labels in Unicode NFC, so that `Sở Y tế` typed with
// combining accents is the same unit. The native builds normalise inside the engine; this package
// normalises every text it passes in with the platform's own normaliser, which spares the module
// the normalisation tables (see par-core's `nfc` feature); the large texts are looked at in the
// module first (`withHeapFor`). Other values pass through unchanged. Every text is normalised, not
// only one with an accent typed apart from its letter: NFC also makes signs letters (the ohm sign
// U+2126 is Ω), as the native builds do. Measured on a national run's 120 M characters: 0.29–0.43 s,
// against 0.17–0.20 s for a regular expression looking for accents alone, and 1.1–1.9 s for one
// listing every character NFC may change (src/nfc_check.rs).
const nfc = (value) => (typeof value === 'string' ? value.normalize('NFC') : value);

// A JSON text whose strings read in NFC, their escapes decoded, as the native engines read one
// (`json_in_nfc` in par-core, which this follows step for step, so that even a broken text's
// line and column are the same): Python's `json.dumps` escapes an accent typed apart from its
// letter (`"\u0301"`), which the text normalised as it stands would leave apart, and a mark
// typed right after an escape would join the escape's last letter. Each string that changes is
// decoded, put in NFC and written again; one that does not decode, or holds half a surrogate
// pair, is left for the engine, which refuses it. Strings are found by scanning, not by one
// regular expression: a string of millions of characters overflowed its stack.
const ESCAPE_MAY_CHANGE =
  /\\(?:u(?!0[0-2]|1[eE]|20(?!0[01])[0-9a-cA-C])[0-9a-fA-F]{4}|u[0-9a-fA-F]{4}[^\0-\u02ff\u1e00-\u1eff\u2002-\u20cf]|[^u][^\0-\u02ff\u1e00-\u1eff\u2002-\u20cf])/;
const QUOTE_OR_ESCAPE = /["\\]/g;
const HALF_PAIR = /\p{Cs}/u;
function jsonInNfc(text) {
  // No escape of a character NFC may change or join to another, as far as this quick look tells
  // (from U+0300 up, but ạ … ỹ and the punctuation and currency signs of U+2002–U+20CF: what
  // Python escapes of Vietnamese text, “ ” — ₫), none such typed right after an escape, and the
  // text in NFC: nothing to do. Whatever it lets through is decided string by string below.
  if (!ESCAPE_MAY_CHANGE.test(text) && text.normalize('NFC') === text) return text;
  let normal = '';
  let copied = 0;
  for (let at = text.indexOf('"'); at >= 0; ) {
    const close = stringEnd(text, at + 1);
    if (close < 0) break; // never closed: refused as it is
    const string = text.slice(at, close + 1);
    const written = stringInNfc(string);
    if (written !== string) {
      normal += text.slice(copied, at) + written;
      copied = close + 1;
    }
    at = text.indexOf('"', close + 1);
  }
  return copied === 0 ? text : normal + text.slice(copied);
}

// Where the string whose text starts at `from` ends: its closing quote, or -1.
function stringEnd(text, from) {
  QUOTE_OR_ESCAPE.lastIndex = from;
  for (let found; (found = QUOTE_OR_ESCAPE.exec(text)) !== null; ) {
    if (found[0] === '"') return found.index;
    QUOTE_OR_ESCAPE.lastIndex = found.index + 2; // an escape: `\"` closes nothing
  }
  return -1;
}

// A JSON string (`"…"`, quotes included) with its text in NFC, written again if that changes it.
function stringInNfc(string) {
  if (!string.includes('\\')) return string.normalize('NFC');
  let decoded;
  try {
    decoded = JSON.parse(string);
  } catch {
    return string;
  }
  if (HALF_PAIR.test(decoded)) return string;
  const normal = decoded.normalize('NFC');
  return normal === decoded ? string : JSON.stringify(normal);
}

// A file's bytes as a Uint8Array: as a file input (an ArrayBuffer) or Node's `readFileSync` (a
// Buffer) gives them, or any view of bytes (another typed array, a DataView), from this realm or
// another (a worker's, an iframe's, where `instanceof` does not tell them); `undefined` for any
// other value.
function fileBytes(value) {
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  const tag = Object.prototype.toString.call(value);
  return tag === '[object ArrayBuffer]' || tag === '[object SharedArrayBuffer]' ? new Uint8Array(value) : undefined;
}

// A table as text: text as given, or a file's bytes (a Uint8Array, or an ArrayBuffer as a file
// input gives them) decoded by the engine in whichever encoding Excel saved them — UTF-8, UTF-16
// ("Unicode Text"), Windows-1258 — with the encoding's name when it was guessed; for
// `withHeapFor`, which puts it in NFC. A workbook or a PDF is refused saying what it is.
function decodedTable(source, lang, what) {
  if (typeof source === 'string') return { text: source, guessed: undefined };
  const bytes = fileBytes(source);
  if (bytes === undefined) {
    throw new TypeError(`${what} must be CSV text or a file's bytes (Uint8Array), not ${kind(source)}`);
  }
  return call(() => {
    const decoded = wasm.tableText(bytes, ...languages(lang));
    try {
      return { text: decoded.text, guessed: decoded.guessed ?? undefined };
    } finally {
      decoded.free();
    }
  });
}

// JSON arguments may be given as text (passed as is) or as objects (serialised; decimals must
// already be strings, as the engine refuses JSON numbers for points). `text` puts them in NFC;
// `jsonText` leaves a large text to `withHeapFor`, which does.
function jsonText(value, what, asked) {
  if (typeof value === 'string') return wholeCharacters(value, asked);
  // Bytes are an object too, which would go in as `{"0": …}` and be refused for a field "0".
  if (fileBytes(value) !== undefined) {
    throw new TypeError(`${what} must be JSON text or an object, not a file's bytes: decode them first (new TextDecoder().decode(bytes))`);
  }
  if (value !== null && typeof value === 'object') return writtenAsJson(value, what, asked);
  throw new TypeError(`${what} must be JSON text or an object, not ${kind(value)}`);
}

// An object as JSON text. One nested deeper than `JSON.stringify`'s stack reaches (thousands of
// levels) is refused as the engine refuses JSON nested past its limit (`json_depth`), not with
// JavaScript's RangeError.
function writtenAsJson(value, what, asked) {
  // Whether a string or a key holds half a character, which `JSON.stringify` would write as an
  // escape the module refuses at a column of a text nobody wrote.
  let halfFound = false;
  const replacer = (key, given) => {
    if (!wellFormed(key) || (typeof given === 'string' && !wellFormed(given))) halfFound = true;
    return nonFiniteAsText(given);
  };
  let written;
  try {
    written = JSON.stringify(value, replacer);
  } catch (e) {
    if (e instanceof RangeError && /call stack/.test(e.message)) call(() => wasm.jsonTooDeep(...languages(asked)));
    throw e;
  }
  if (halfFound) {
    // Where `toJSON` made the string, the object is named whole.
    const root = what.replace(/^an? /, '');
    const at = halfCharacterAt(value, root) ?? root;
    throw new TypeError(call(() => wasm.halfCharacter(at, undefined, ...languages(asked))));
  }
  return written;
}

// Whether a string holds no half character: `String.prototype.isWellFormed` (ES2024) where the
// platform has it; Chrome 109 and Firefox 115, the last on Windows 7, do not.
const wellFormed =
  typeof ''.isWellFormed === 'function' ? (string) => string.isWellFormed() : (string) => !HALF_PAIR.test(string);

// Where in `value` the first string holding half a character is, as the Python package names a
// place (`assessments[0].entries.1.3.self`); a key holding one names its object.
function halfCharacterAt(value, at) {
  if (typeof value === 'string') return wellFormed(value) ? undefined : at;
  if (value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = halfCharacterAt(value[i], `${at}[${i}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const [key, inner] of Object.entries(value)) {
    if (!wellFormed(key)) return at;
    const found = halfCharacterAt(inner, `${at}.${key}`);
    if (found !== undefined) return found;
  }
  return undefined;
}

// A unit asked for by its name, refused before the module is called when it is not a string or
// holds half a character.
function unitName(name, asked) {
  if (typeof name !== 'string') throw new TypeError(`the unit must be given by its name (a string), not ${kind(name)}`);
  return nfc(wholeText(name, 'unit', asked));
}

// A text given as an argument (a name, a code, an option), refused where it holds half a
// character, naming `at`, as such a text is in an input: the module would be given U+FFFD in
// its place, without a word.
function wholeText(text, at, asked) {
  if (typeof text !== 'string' || wellFormed(text)) return text;
  throw new TypeError(call(() => wasm.halfCharacter(at, undefined, ...languages(asked))));
}

// Assessments scored by `score(pieces, inNfc)`: JSON text or an object (through `withHeapFor`),
// or a JSON file's bytes (`par.assessments/1` as saved: UTF-8, with or without a byte-order
// mark, or UTF-16 with one, as Notepad saves "Unicode"), which go in as they are
// (`bytePieces`): the engine reads them as the command line reads the file, and refuses a
// workbook, or bytes in no such encoding, in the catalogue's words. A file that may change in
// NFC is decoded by the engine (`jsonText`), put in NFC here and sent again as text.
function withAssessments(assessments, lang, score) {
  const bytes = fileBytes(assessments);
  if (bytes === undefined) {
    const given = typeof assessments === 'string' || (assessments !== null && typeof assessments === 'object');
    if (!given) {
      throw new TypeError(`assessments must be JSON text, an object or a JSON file's bytes (Uint8Array), not ${kind(assessments)}`);
    }
    const [asked] = lang;
    // A text as given: the module looks for a half character in it (`withHeapFor`).
    const text = typeof assessments === 'string' ? assessments : jsonText(assessments, 'assessments', asked);
    return withHeapFor(text, asked, (input, inNfc) => score(inPieces(input), inNfc), jsonInNfc);
  }
  const inNfc = () => jsonInNfc(wasm.jsonText(bytes, ...lang));
  return readiedThenInNfc(bytes.length, () => score(bytePieces(bytes), false), () => score(inPieces(inNfc()), true));
}

// NaN and ±Infinity have no JSON: `JSON.stringify` writes them as null, which reads as a score
// not entered (a portal's `Number('2,5')` is NaN). Written as their names, they are refused as
// any text that is no number is, naming the unit and the criterion.
function nonFiniteAsText(value) {
  return typeof value === 'number' && !Number.isFinite(value) ? String(value) : value;
}
const text = (value, what, options) => jsonInNfc(jsonText(value, what, askedLanguage(options)));

/**
 * A validated methodology kept loaded in WebAssembly memory, for scoring on every keystroke.
 * Each call takes its own `{ lang }`, as every function of the package and of the Python package
 * does: the option, else `PAR_LANG` under Node, else Vietnamese.
 */
export class Methodology {
  #kept;

  // The module's object, until `free()`.
  get #handle() {
    return this.#kept.handle;
  }

  /**
   * @param {string | object} idOrJson a built-in id, `par.methodology/1` JSON text or object
   * @param {{ lang?: string }} [options] the language of messages
   */
  constructor(idOrJson, options) {
    const source = text(idOrJson, 'a methodology', options);
    const lang = languages(askedLanguage(options));
    this.#kept = new Kept(call(() => new wasm.Methodology(source, ...lang)), 'methodology');
  }

  get id() {
    return call(() => this.#handle.id);
  }

  get name() {
    return call(() => this.#handle.name);
  }

  /** Normalised `par.methodology/1` JSON text. */
  toJson() {
    return call(() => this.#handle.toJson());
  }

  /** The `par.methodology/1` document (rules, policies, bands, blocks). */
  definition() {
    return JSON.parse(this.toJson());
  }

  /**
   * What a portal needs to draw the form (`par.form-model/1`): every node in tree order with the
   * input it takes (`points`, `choice`, `yes_no`, `measure`, `survey`, or `children` for a
   * criterion scored from its sub-criteria) and its rule (options with points, bands with their
   * bounds and labels, yes/no points, ratio target), the blocks to choose from (none when there
   * are none), the classification, and whether evidence and reasons are asked for.
   */
  formModel() {
    return JSON.parse(call(() => this.#handle.formModelJson()));
  }

  /** The criteria tree in pre-order. */
  tree() {
    return JSON.parse(call(() => this.#handle.treeJson()));
  }

  scoreJson(assessments, options) {
    const lang = languages(askedLanguage(options));
    const detail = askedDetail(options);
    return withAssessments(assessments, lang, (pieces, inNfc) => this.#handle.scoreJson(pieces, inNfc, detail, ...lang));
  }

  score(assessments, options) {
    return JSON.parse(this.scoreJson(assessments, options));
  }

  /**
   * Scores one unit's form while it is being filled in (`par.form/1` JSON text): the entries
   * that are valid count, each invalid one is a problem against its criterion (in `problems`, the
   * total still counting the others), an empty field is no input yet, and `complete` says whether
   * the figures are final. `unit` is `{ unit, block?, entries }`, as in `par.assessments/1`.
   */
  scoreFormJson(unit, options) {
    const lang = languages(askedLanguage(options));
    const input = text(unit, 'a unit', options);
    return call(() => this.#handle.scoreFormJson(input, ...lang));
  }

  scoreForm(unit, options) {
    return JSON.parse(this.scoreFormJson(unit, options));
  }

  /**
   * Opens a form being filled in, kept read in WebAssembly memory, for a portal that re-scores
   * on every keystroke: `form.set(code, entry)` then reads only the entry that changed and
   * answers as `scoreForm` does (`par.form/1`). `unit` is `{ unit, block?, entries }`, its
   * entries as typed so far; the unit's own fields must be readable (a `ParError` otherwise).
   * Free it with `form.free()` before freeing the methodology.
   */
  openForm(unit, options) {
    const lang = languages(askedLanguage(options));
    const input = text(unit, 'a unit', options);
    return new Form(this.#kept, call(() => this.#handle.openForm(input, ...lang)));
  }

  /**
   * Scores and keeps the results in WebAssembly memory, to read piece by piece (ranking,
   * statistics, one unit): for large runs, whose whole results text exceeds what a JavaScript
   * string can hold.
   */
  scoreResults(assessments, options) {
    const lang = languages(askedLanguage(options));
    const detail = askedDetail(options);
    const handle = withAssessments(assessments, lang, (pieces, inNfc) => this.#handle.scoreResults(pieces, inNfc, detail, ...lang));
    return new ScoredResults(handle);
  }

  /**
   * Scores a wide or long table: CSV text, or a CSV / "Unicode Text" file's bytes in whichever
   * encoding Excel saved them (a guessed Windows-1258 is said in the results' warnings).
   */
  scoreCsvJson(csv, options) {
    const { text, guessed } = decodedTable(csv, askedLanguage(options), 'a table');
    return this.#scoredText(text, options, (input, inNfc, ...rest) => this.#handle.scoreCsvJson(input, inNfc, guessed, ...rest));
  }

  scoreCsv(csv, options) {
    return JSON.parse(this.scoreCsvJson(csv, options));
  }

  /**
   * Scores a table as `scoreCsvJson` does and keeps the results in WebAssembly memory, as
   * `scoreResults` does: a national table's results are longer than a JavaScript string can be.
   */
  scoreCsvResults(csv, options) {
    const { text, guessed } = decodedTable(csv, askedLanguage(options), 'a table');
    const scored = this.#scoredText(text, options, (input, inNfc, ...rest) => this.#handle.scoreCsvResults(input, inNfc, guessed, ...rest));
    return new ScoredResults(scored);
  }

  /**
   * Scores a sheet of a workbook's bytes (`sheet` by name or number from 1, else the first, past
   * a cover or a guide), as the command line and Python score a workbook: the sheet read in
   * place of the first is said in the results' warnings (`sheet_chosen`) and named by each
   * problem (`sheet`); the rows the sheet hides (`rows_hidden`: scored as the others are) and
   * the later sheets with the same columns, not read (`sheets_alike`: a sheet per block or per
   * year), are said after it. Read by the importer module: in a browser, `await loadImporter()`
   * first.
   */
  scoreSheetJson(source, options) {
    const { text, sheet } = sheetOfWorkbook(source, options);
    return this.#scoredText(text, options, (input, inNfc, ...rest) => this.#handle.scoreSheetCsvJson(input, inNfc, sheet, ...rest));
  }

  // A table's text scored by `score(input, inNfc, detail, lang, env)`, as the options ask.
  #scoredText(text, options, score) {
    const detail = askedDetail(options);
    const lang = languages(askedLanguage(options));
    return withHeapFor(text, lang[0], (input, inNfc) => score(input, inNfc, detail, ...lang));
  }

  scoreSheet(source, options) {
    return JSON.parse(this.scoreSheetJson(source, options));
  }

  /** A workbook's sheet scored as `scoreSheetJson` does, the results kept as `scoreResults` keeps them. */
  scoreSheetResults(source, options) {
    const { text, sheet } = sheetOfWorkbook(source, options);
    const scored = this.#scoredText(text, options, (input, inNfc, ...rest) => this.#handle.scoreSheetCsvResults(input, inNfc, sheet, ...rest));
    return new ScoredResults(scored);
  }

  /** A wide or long CSV table read into `par.assessments/1` JSON text (e.g. to fill a form). */
  csvToAssessmentsJson(csv, options) {
    const asked = askedLanguage(options);
    const { text } = decodedTable(csv, asked, 'a table');
    return withHeapFor(text, asked, (input, inNfc) => this.#handle.csvToAssessmentsJson(input, inNfc, ...languages(asked)));
  }

  csvToAssessments(csv, options) {
    return JSON.parse(this.csvToAssessmentsJson(csv, options));
  }

  /**
   * A wide or long table (CSV text, or a file's bytes in any encoding) read into assessments,
   * with what reading did with it, as scoring the table says it: `{ assessments, warnings }`.
   * To fill a form from a department's sheet and show what did not come with it (a summary row
   * passed over, reasons no score keeps, a guessed encoding).
   */
  readCsvJson(csv, options) {
    const asked = askedLanguage(options);
    const { text, guessed } = decodedTable(csv, asked, 'a table');
    return withHeapFor(text, asked, (input, inNfc) => this.#handle.readTableJson(input, inNfc, guessed, undefined, ...languages(asked)));
  }

  readCsv(csv, options) {
    return JSON.parse(this.readCsvJson(csv, options));
  }

  /**
   * A workbook's sheet (`sheet` by name or number from 1, else the first, past a cover) read into
   * assessments as `readCsv` reads a table, the sheet read in place of the first said first in
   * the warnings and named by each problem, the rows the sheet hides said after it. Needs the
   * importer module (`await loadImporter()`).
   */
  readSheetJson(source, options) {
    const asked = askedLanguage(options);
    const { text, sheet } = sheetOfWorkbook(source, options);
    return withHeapFor(text, asked, (input, inNfc) => this.#handle.readTableJson(input, inNfc, undefined, sheet, ...languages(asked)));
  }

  readSheet(source, options) {
    return JSON.parse(this.readSheetJson(source, options));
  }

  /**
   * A methodology imported from a criteria annex or table (see `importTable`); the rows read and
   * the warnings are on `importTable`'s answer.
   */
  static fromTable(source, options) {
    return importTable(source, options).methodology;
  }

  /** Releases the WebAssembly memory now rather than at garbage collection. */
  free() {
    this.#kept.free();
  }
}

/**
 * A form being filled in (from `Methodology#openForm`): one entry changes at a time, and each
 * change answers with the form scored as it then stands (`par.form/1`, as `scoreForm`).
 */
export class Form {
  // The methodology's Kept, not its module object: a form used after its methodology's `free()`
  // is refused here, rather than a freed object handed to the module.
  #methodologyKept;
  #kept;

  // The module's object, until `free()`.
  get #handle() {
    return this.#kept.handle;
  }

  get #methodology() {
    return this.#methodologyKept.handle;
  }

  constructor(methodologyKept, handle) {
    this.#methodologyKept = methodologyKept;
    this.#kept = new Kept(handle, 'form');
  }

  /**
   * Replaces criterion `code`'s entry (`{ self, evidence, appraisals, survey, … }` as in
   * `par.assessments/1`; `null` or `{}` clears it) and returns the form scored, as JSON text.
   */
  setJson(code, entry, options) {
    if (typeof code !== 'string') throw new TypeError(`the criterion must be its code, not ${kind(code)}`);
    wholeText(code, 'code', askedLanguage(options));
    const lang = languages(askedLanguage(options));
    const input = entry === null ? 'null' : text(entry, 'an entry', options);
    const form = this.#handle;
    return call(() => this.#methodology.setFormEntryJson(form, nfc(code), input, ...lang));
  }

  set(code, entry, options) {
    return JSON.parse(this.setJson(code, entry, options));
  }

  /** The form scored as it stands, as JSON text. */
  scoreJson(options) {
    const lang = languages(askedLanguage(options));
    const form = this.#handle;
    return call(() => this.#methodology.scoreOpenFormJson(form, ...lang));
  }

  score(options) {
    return JSON.parse(this.scoreJson(options));
  }

  /** Releases the WebAssembly memory now rather than at garbage collection. */
  free() {
    this.#kept.free();
  }
}

// The importer module, once loaded (see js/importer.js).
function loadedImporter() {
  if (!importerReady()) {
    throw new Error('the module of criteria tables and analyses is not loaded: await loadImporter() first');
  }
  return importer;
}

// What a person may say of an imported methodology; the annex's title rows give the rest.
const IMPORT_OPTIONS = ['sheet', 'id', 'name', 'decision', 'date', 'level'];

/**
 * A sheet as the engine is asked for it: a number is a sheet's place from 1 (`#2`, never the
 * sheet named 2), text its name or place (a number that names one sheet and numbers another is
 * refused, naming both), as Python's `sheet=` is.
 */
function sheetAsked(sheet) {
  return typeof sheet === 'number' ? `#${sheet}` : sheet;
}

function importOptions(options) {
  const lang = askedLanguage(options);
  return IMPORT_OPTIONS.map((key) => {
    let value = options?.[key];
    if (key === 'sheet') value = sheetAsked(value);
    if (value != null && typeof value !== 'string') {
      throw new TypeError(`the ${key} option must be text, not ${kind(value)}`);
    }
    wholeText(value, key, lang);
    return key === 'id' ? value ?? 'methodology' : value ?? undefined;
  }).concat(languages(lang));
}

/**
 * Imports a criteria annex as a province publishes it (title rows, STT, Roman-numeral fields
 * with numbering restarting in each, scoring guidance in prose, a TỔNG ĐIỂM row, the
 * classification below it or on a sheet of its own) or a criteria table in the project's own
 * columns: CSV text, or a file's bytes — a workbook (xlsx, ods, xls; `sheet` names the criteria
 * sheet, else the first) or a CSV / "Unicode Text" file in any encoding Excel saves. Returns the
 * JSON text of `{ methodology, rows, warnings }`. In a browser, `await loadImporter()` first: the
 * importer is a module of its own.
 */
export function importTableJson(source, options) {
  const args = importOptions(options);
  const module = loadedImporter();
  let bytes;
  if (typeof source === 'string') bytes = new TextEncoder().encode(wholeCharacters(source, askedLanguage(options)));
  else bytes = fileBytes(source);
  if (bytes === undefined) {
    throw new TypeError(`a criteria table must be CSV text or a file's bytes (Uint8Array), not ${kind(source)}`);
  }
  return readingWorkbook(module, askedLanguage(options), () => module.importBytesJson(bytes, ...args));
}

/**
 * A sheet of a workbook's bytes (xlsx, ods, xls; `sheet` by name or number from 1, else the
 * first, past a cover) as CSV text, to score with `scoreCsv`: a score sheet kept as a workbook.
 * Read by the importer module: in a browser, `await loadImporter()` first. `scoreSheet` scores
 * it and says which sheet was read.
 */
export function sheetToCsv(source, options) {
  return sheetOfWorkbook(source, options).text;
}

// A workbook's sheet as CSV text in NFC, and what reading found of the sheet (JSON: the sheet
// read in place of the first, the rows it hides, the later sheets with its columns), for the
// results and problems to say.
function sheetOfWorkbook(source, options) {
  const read = workbookRead(source, options, (module, ...args) => module.sheetCsv(...args));
  try {
    return { text: nfc(read.text), sheet: read.sheet };
  } finally {
    read.free();
  }
}

/**
 * A ranking as published in a workbook's bytes (`sheet` by name or number from 1, else every
 * sheet holding one: a report's ranking, a sheet a block) as CSV text, to compare with
 * `compare`. Read by the importer module: in a browser, `await loadImporter()` first.
 */
export function rankingToCsv(source, options) {
  return nfc(workbookRead(source, options, (module, ...args) => module.rankingCsv(...args)));
}

/** A workbook's bytes read by the importer module's `read`, with the sheet and language asked. */
function workbookRead(source, options, read) {
  const lang = askedLanguage(options);
  const sheet = sheetAsked(options?.sheet);
  if (sheet != null && typeof sheet !== 'string') {
    throw new TypeError(`the sheet option must be a name or a number, not ${kind(sheet)}`);
  }
  wholeText(sheet, 'sheet', lang);
  const bytes = fileBytes(source);
  if (bytes === undefined) {
    throw new TypeError(`a workbook must be a file's bytes (Uint8Array), not ${kind(source)}`);
  }
  const module = loadedImporter();
  return readingWorkbook(module, lang, () => read(module, bytes, sheet ?? undefined, ...languages(lang)));
}

// A call of the importer module. A trap there (a panic, which WebAssembly cannot catch, or memory
// run out) leaves the instance as it stopped: it is replaced by a fresh one (wasm-bindgen's
// `__wbg_reset_state`, see run-tests.sh) before the error goes on, so that the next call works.
function callImporter(f) {
  try {
    return refusals(f);
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError) importer.__wbg_reset_state();
    throw e;
  }
}

// A workbook read by the importer module. Its reader stopping inside a damaged file (calamine
// panics on some corrupted .xls) is the refusal the native engines give, in the language asked.
function readingWorkbook(module, lang, read) {
  try {
    return callImporter(read);
  } catch (e) {
    if (!(e instanceof WebAssembly.RuntimeError)) throw e;
  }
  return callImporter(() => module.damagedWorkbook(...languages(lang)));
}

/**
 * `importTableJson` parsed, with the methodology loaded: `{ methodology, rows, warnings }`.
 * `rows` says what each row was read as (`row`, `number`, `code`, `name`, `max`, `read_as`), to
 * check against the annex; `warnings` the rows to look at (`code`, `row`, `node`, `message`).
 */
export function importTable(source, options) {
  const imported = JSON.parse(importTableJson(source, options));
  const methodology = new Methodology(imported.methodology, options);
  return { methodology, rows: imported.rows, warnings: imported.warnings };
}

/**
 * Results held in WebAssembly memory (from `Methodology#scoreResults`, `#scoreCsvResults`,
 * `#scoreSheetResults`). Their warnings are in the
 * language they were scored in; a call that refuses (a unit not in them) speaks its own `{ lang }`.
 */
export class ScoredResults {
  #kept;

  // The module's object, until `free()`.
  get #handle() {
    return this.#kept.handle;
  }

  constructor(handle) {
    this.#kept = new Kept(handle, 'results');
  }

  /** How many units were scored. */
  get count() {
    return call(() => this.#handle.count);
  }

  /** The ranking rows, in the results' order (block, rank, name). */
  rankTable() {
    return JSON.parse(call(() => this.#handle.rankTableJson()));
  }

  /** Statistics per block. */
  statistics() {
    return JSON.parse(call(() => this.#handle.statisticsJson()));
  }

  /** One unit's results: points, index, rank, band, components and every node. */
  unit(name, options) {
    const lang = languages(askedLanguage(options));
    return JSON.parse(call(() => this.#handle.unitJson(unitName(name, askedLanguage(options)), ...lang)));
  }

  /** The leaves where a unit lost points, the most first. */
  lostPoints(name, options) {
    const lang = languages(askedLanguage(options));
    return JSON.parse(call(() => this.#handle.lostPointsJson(unitName(name, askedLanguage(options)), ...lang)));
  }

  /**
   * The whole `par.results/1` document as text; a ParError (`limit_exceeded`) when it is longer
   * than a JavaScript string can be.
   */
  toJson(options) {
    const lang = languages(askedLanguage(options));
    return call(() => this.#handle.toJson(...lang));
  }

  /** Releases the WebAssembly memory now rather than at garbage collection. */
  free() {
    this.#kept.free();
  }
}

/** The built-in methodology catalogue, as JSON text. */
export function listBuiltinJson() {
  return call(() => wasm.listBuiltin());
}

export function listBuiltin() {
  return JSON.parse(listBuiltinJson());
}

export function loadMethodology(idOrJson, options) {
  return new Methodology(idOrJson, options);
}

/** Validates a methodology; returns it normalised as JSON text. Throws ParError listing every problem. */
export function validateMethodology(idOrJson, options) {
  const source = text(idOrJson, 'a methodology', options);
  const lang = languages(askedLanguage(options));
  return call(() => wasm.validateMethodology(source, ...lang));
}

export function scoreJson(methodology, assessments, options) {
  if (methodology instanceof Methodology) return methodology.scoreJson(assessments, options);
  const m = text(methodology, 'a methodology', options);
  const lang = languages(askedLanguage(options));
  const detail = askedDetail(options);
  return withAssessments(assessments, lang, (pieces, inNfc) => wasm.scoreJson(m, pieces, inNfc, detail, ...lang));
}

export function score(methodology, assessments, options) {
  return JSON.parse(scoreJson(methodology, assessments, options));
}

export function scoreCsvJson(methodology, csv, options) {
  if (methodology instanceof Methodology) return methodology.scoreCsvJson(csv, options);
  const m = text(methodology, 'a methodology', options);
  const asked = askedLanguage(options);
  const table = decodedTable(csv, asked, 'a table');
  const detail = askedDetail(options);
  return withHeapFor(table.text, asked, (input, inNfc) => wasm.scoreCsvJson(m, input, inNfc, table.guessed, detail, ...languages(asked)));
}

export function scoreCsv(methodology, csv, options) {
  return JSON.parse(scoreCsvJson(methodology, csv, options));
}

/**
 * The ranking as rows, in the results' order (by block, then rank, then name): one row per unit
 * with its block, rank, points, max, index and band. Decimals stay strings.
 */
export function rankTable(results) {
  const r = typeof results === 'string' ? JSON.parse(results) : results;
  if (r === null || typeof r !== 'object' || !Array.isArray(r.units) || r.schema !== 'par.results/1') {
    if (r instanceof ScoredResults) throw new TypeError('results kept in WebAssembly memory give their own rankTable()');
    const object = r !== null && typeof r === 'object';
    const schema = r?.schema === 'par.results/1' ? 'results without a list of units' : `an object of schema ${JSON.stringify(r?.schema ?? null)}`;
    const given = object ? schema : kind(r);
    throw new TypeError(`rankTable takes results (par.results/1, as score gives them, or their JSON text), not ${given}`);
  }
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

// Reading a results document back (explain, lostPoints, compare) is done by the module loaded on
// demand: in a browser, `await loadImporter()` first. Results kept in WebAssembly memory
// (`Methodology#scoreResults`) answer `unit` and `lostPoints` without it.

export function explainJson(results, unit, options) {
  const r = text(results, 'results', options);
  const lang = languages(askedLanguage(options));
  const module = loadedImporter();
  return callImporter(() => module.explainJson(r, unitName(unit, askedLanguage(options)), ...lang));
}

/**
 * One unit's results: points, index, rank, band, components and every node. Read by the module
 * loaded on demand: in a browser, `await loadImporter()` first.
 */
export function explain(results, unit, options) {
  return JSON.parse(explainJson(results, unit, options));
}

export function lostPointsJson(results, unit, options) {
  const r = text(results, 'results', options);
  const lang = languages(askedLanguage(options));
  const module = loadedImporter();
  return callImporter(() => module.lostPointsJson(r, unitName(unit, askedLanguage(options)), ...lang));
}

/**
 * The leaves where a unit lost points, the most first. Read by the module loaded on demand: in a
 * browser, `await loadImporter()` first.
 */
export function lostPoints(results, unit, options) {
  return JSON.parse(lostPointsJson(results, unit, options));
}

export function compareJson(previous, current, options) {
  const p = text(previous, 'previous results', options);
  const c = text(current, 'current results', options);
  const lang = languages(askedLanguage(options));
  const module = loadedImporter();
  return callImporter(() => module.compareJson(p, c, ...lang));
}

/**
 * The criterion analysis of results: per block, for every node, the mean, median, lowest and
 * highest points, the mean as a percentage of the max, the units at full and at zero points, the
 * points lost, the best and worst units, and the leaves losing most (`par.analysis/1` JSON text).
 * Computed by the module loaded on demand: in a browser, `await loadImporter()` first.
 */
export function criteriaJson(results, options) {
  const r = text(results, 'results', options);
  const lang = languages(askedLanguage(options));
  const module = loadedImporter();
  return callImporter(() => module.criteriaJson(r, ...lang));
}

export function criteria(results, options) {
  return JSON.parse(criteriaJson(results, options));
}

/**
 * The Excel report of results as xlsx bytes (a `Uint8Array`, for a download): a ranking sheet per
 * block, every unit's points on every criterion, the criterion analysis, the points lost and, given
 * `options.previous` (results, or a published ranking's CSV text), the changes. `options.methodology`
 * (a Methodology, an id or JSON) names its decision in the title rows; `options.lang` is the
 * language of the headings. The same bytes as `par report` and Python's `to_excel`. Made by the
 * module loaded on demand: in a browser, `await loadImporter()` first.
 */
export function toXlsx(results, options) {
  const r = text(results, 'results', options);
  const m = options?.methodology;
  const methodology =
    m == null ? undefined : m instanceof Methodology ? m.toJson() : text(m, 'a methodology', options);
  const previous = options?.previous == null ? undefined : text(options.previous, 'the previous ranking', options);
  const lang = languages(askedLanguage(options));
  const module = loadedImporter();
  return callImporter(() => module.reportXlsx(r, methodology, previous, ...lang));
}

/**
 * The ranking (`options.table` `'ranking'`, the default), the criterion analysis (`'criteria'`) or
 * the changes against `options.previous` (`'changes'`, with each field's change) as CSV text that
 * Excel opens by double-click: headings with criterion names in the language; in
 * Vietnamese `;`-separated with decimal commas, as a Vietnamese computer's Excel reads it; a
 * byte-order mark for the accents. The same text as `par score -f excel-csv`. Made by the module
 * loaded on demand: in a browser, `await loadImporter()` first.
 */
export function toExcelCsv(results, options) {
  const r = text(results, 'results', options);
  const table = options?.table ?? 'ranking';
  const previous = options?.previous == null ? undefined : text(options.previous, 'the previous ranking', options);
  const lang = languages(askedLanguage(options));
  const module = loadedImporter();
  const csv = callImporter(() => module.excelCsv(r, String(table), previous, ...lang));
  if (csv === undefined) {
    throw new TypeError(`the table must be 'ranking', 'criteria' or 'changes', not ${JSON.stringify(table)}`);
  }
  return csv;
}

const CHART_KINDS = ['ranking', 'components', 'heatmap', 'changes'];

/**
 * A chart of results as SVG text, to put in a page: `'ranking'` (each block's ranking coloured by
 * band, with its mean), `'components'` (points stacked by component), `'heatmap'` (each unit's
 * index on each field) or `'changes'` (against `options.previous`: results, or a published
 * ranking's CSV text). Labels in `options.lang`; the same SVG as `par chart` and Python's
 * `chart`. Drawn by the module loaded on demand: in a browser, `await loadImporter()` first.
 */
export function chart(results, kind, options) {
  if (!CHART_KINDS.includes(kind)) {
    throw new TypeError(`the kind of chart must be one of ${CHART_KINDS.join(', ')}, not ${JSON.stringify(kind)}`);
  }
  const r = text(results, 'results', options);
  const previous = options?.previous == null ? undefined : text(options.previous, 'the previous ranking', options);
  const lang = languages(askedLanguage(options));
  const module = loadedImporter();
  return callImporter(() => module.chartSvg(kind, r, previous, ...lang));
}

/**
 * What if `unit` had other entries, against the other units' results as they stand
 * (`par.what-if/1` JSON text). `question.set` maps criterion codes to the values assumed, as they
 * are entered (points as text, an option's label, true/false, a measure; each taken as a new
 * appraisal round); `question.target` asks for the way up: `'band'` (the next band), `'band=Tốt'`
 * or `'rank=3'`. Computed by the module loaded on demand: in a browser, `await loadImporter()`.
 */
export function whatIfJson(methodology, results, unit, question, options) {
  const m = methodology instanceof Methodology ? methodology.toJson() : text(methodology, 'a methodology', options);
  const r = text(results, 'results', options);
  const asked = JSON.stringify(whatIfQuestion(unit, question, askedLanguage(options)));
  const lang = languages(askedLanguage(options));
  const module = loadedImporter();
  return callImporter(() => module.whatIfJson(m, r, nfc(asked), ...lang));
}

export function whatIf(methodology, results, unit, question, options) {
  return JSON.parse(whatIfJson(methodology, results, unit, question, options));
}

// The question as the engine reads it: values as text (decimals never travel as JS numbers,
// whose binary fractions are not the decimals typed); the engine reads the target.
// A text in it holding half a character is refused, naming it (`unit`, `set`, `set.1.3`,
// `target`), before the question is written as JSON for the module.
function whatIfQuestion(unit, question, asked) {
  const asWritten = askedQuestion(unit, question);
  // The question is an object of fixed keys: a half character is found in one of its values.
  const at = halfCharacterAt(asWritten, '');
  if (at !== undefined) {
    const named = at.replace(/^\./, '');
    throw new TypeError(call(() => wasm.halfCharacter(named, undefined, ...languages(asked))));
  }
  return asWritten;
}

function askedQuestion(unit, question) {
  if (typeof unit !== 'string') throw new TypeError(`the unit must be its name, not ${kind(unit)}`);
  if (question != null && (typeof question !== 'object' || Array.isArray(question) || question instanceof Map)) {
    throw new TypeError(`the question must be an object { set, target }, not ${kind(question)}`);
  }
  // A key misspelt (`targt`, `sets`) would leave the question asked without it, and answered.
  const unknown = Object.keys(question ?? {}).filter((key) => key !== 'set' && key !== 'target');
  if (unknown.length > 0) {
    throw new TypeError(`the question takes 'set' and 'target', not ${unknown.map((key) => `'${key}'`).join(', ')}`);
  }
  const set = {};
  for (const [code, value] of Object.entries(question?.set ?? {})) {
    if (typeof value === 'boolean') set[code] = String(value);
    else if (typeof value === 'string') set[code] = value;
    else throw new TypeError(`the value assumed for ${code} must be text or true/false, not ${kind(value)}`);
  }
  const target = question?.target;
  if (target == null) return { unit, set };
  if (typeof target === 'string') return { unit, set, target };
  throw new TypeError(`the target must be text ('band', 'band=LABEL', 'rank=N'), not ${kind(target)}`);
}

/**
 * Moves of every unit between two rankings (index, rank): results, or a ranking as published given
 * as CSV text (unit, index and rank columns). Computed by the module loaded on demand: in a
 * browser, `await loadImporter()` first.
 */
export function compare(previous, current, options) {
  return JSON.parse(compareJson(previous, current, options));
}
