//! The engine that scores: methodologies, assessments, results and comparisons, as JSON text.

use crate::nfc_check::{json_may_change_in_nfc, may_change_in_nfc, PiecesMayChange};
use crate::{in_language, wire};
use par_core::text::ReadingMsg;
use par_core::{
    AssessmentStream, Detail, ErrorCode, Lang, ParError, Problems, Results, Scorer, SheetRead,
    TextEncoding,
};
use wasm_bindgen::prelude::*;

/// What a call on a large text throws when the text may not be in NFC, for `withHeapFor` in
/// `js/api.js` to call again with the text normalised (the same words there).
const NOT_IN_NFC: &str = "parindex: text not in NFC";

/// A large text (assessments, a table) as it came in, unless it may change in NFC and the
/// JavaScript layer has not normalised it yet (`normalised`): see [`crate::nfc_check`]. Looking
/// here, in the UTF-8 copy the call made anyway, takes a fraction of what a regular expression
/// over the JavaScript string took (about 240 ms for a national run); only text that may change
/// is normalised and sent again, then read as it comes (a mark NFC cannot compose stays in it).
fn as_given_if_nfc(text: &str, normalised: bool) -> Result<&str, JsValue> {
    match !normalised && may_change_in_nfc(text) {
        true => Err(not_in_nfc()),
        false => Ok(text),
    }
}

/// What is thrown for a text that may change in NFC (see [`as_given_if_nfc`]).
fn not_in_nfc() -> JsValue {
    JsValue::from_str(NOT_IN_NFC)
}

/// The longest results text handed to JavaScript, in bytes: V8's longest string (Chrome, Edge,
/// Node), 2^29 − 24 characters. Node's decoder refuses UTF-8 longer than that in bytes even when
/// its characters are fewer; bytes are never fewer than characters, so no engine refuses less.
const JS_STRING_BYTES: usize = (1 << 29) - 24;

/// A results document as JSON text for JavaScript ([`results_text_within`] a string's length).
/// `kept`: whether the results are held already ([`ScoredResults`]), which the refusal says.
fn results_text(results: &Results, kept: bool) -> Result<String, Problems> {
    results_text_within(results, JS_STRING_BYTES, kept)
}

/// The results' JSON text, refused when it is longer than `most` bytes (a national run's results
/// with every input are 715 MB): JavaScript would throw its own error decoding it (`Cannot
/// create a string longer than…`), which names nothing. Writing stops a unit past `most`
/// ([`Results::to_json_within`]): WebAssembly memory, which never shrinks, grows no further.
fn results_text_within(results: &Results, most: usize, kept: bool) -> Result<String, Problems> {
    results.to_json_within(most).ok_or_else(|| {
        let megabytes = most / 1_000_000;
        let message = ReadingMsg::ResultsTooLongForText { megabytes, kept };
        let mut refusal = ParError::new(ErrorCode::LimitExceeded, message);
        // The limit of JSON text in one call, which a JavaScript string sets lower.
        refusal.limit = Some(par_core::limits::JSON_BYTES.name.to_string());
        refusal.into()
    })
}

#[wasm_bindgen]
extern "C" {
    /// Assessments handed over a piece at a time (`inPieces` and `bytePieces` in `js/api.js`):
    /// a national run's 115 MiB then never stand whole in WebAssembly memory, whose fresh pages
    /// cost more to touch than reading them (measured: 575 MiB touched in 780 ms on the
    /// project's machine). They come as text, or as a JSON file's bytes (`ofBytes`), which pass
    /// in as they are: a portal gives the file a user picks without decoding it to a JavaScript
    /// string, which would be encoded back to UTF-8 on the way in.
    pub type TextPieces;
    /// Whether the pieces are a file's bytes (`nextBytes`, `wholeBytes`), not text.
    #[wasm_bindgen(method, getter, js_name = ofBytes)]
    fn of_bytes(this: &TextPieces) -> bool;
    /// The next piece of text (about a million UTF-16 code units, never a surrogate pair split),
    /// or none after the last.
    #[wasm_bindgen(method)]
    fn next(this: &TextPieces) -> Option<String>;
    /// The whole text at once, to read whole when it does not read as it comes.
    #[wasm_bindgen(method)]
    fn whole(this: &TextPieces) -> String;
    /// The next piece of the bytes (about 3 MiB, never a UTF-8 character split), or none after
    /// the last.
    #[wasm_bindgen(method, js_name = nextBytes)]
    fn next_bytes(this: &TextPieces) -> Option<Vec<u8>>;
    /// The whole bytes at once, to read whole when they do not read as they come.
    #[wasm_bindgen(method, js_name = wholeBytes)]
    fn whole_bytes(this: &TextPieces) -> Vec<u8>;
}

/// The next piece as text, or none after the last: `Err` for a piece of bytes that is not
/// UTF-8 (UTF-16, or no text at all), which the whole file read whole decodes, or says where
/// it is wrong ([`whole_text`]). The byte-order mark of UTF-8 bytes is left out, as
/// [`par_core::decode_owned`] leaves it out.
fn next_piece(pieces: &TextPieces, first: bool) -> Option<Result<String, ()>> {
    if !pieces.of_bytes() {
        return pieces.next().map(Ok);
    }
    let mut bytes = pieces.next_bytes()?;
    if first && bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    Some(String::from_utf8(bytes).map_err(drop))
}

/// The whole text of the pieces: a file's bytes decoded as a JSON file is (UTF-8, or UTF-16
/// by its byte-order mark; a workbook, or bytes in neither, refused naming the byte and its
/// line).
fn whole_text(pieces: &TextPieces) -> Result<String, Problems> {
    match pieces.of_bytes() {
        true => Ok(par_core::decode_owned(pieces.whole_bytes())?),
        false => Ok(pieces.whole()),
    }
}

/// The text of a JSON file's bytes, decoded as [`whole_text`] decodes them: for the JavaScript
/// layer to put in NFC a file that may change in it (see [`as_given_if_nfc`]); a workbook, or
/// bytes in no encoding a JSON file is saved in, refused naming the byte and its line.
#[wasm_bindgen(js_name = jsonText)]
pub fn json_text(
    bytes: Vec<u8>,
    lang: Option<String>,
    env: Option<String>,
) -> Result<String, JsValue> {
    in_language(lang, env, |_| Ok(par_core::decode_owned(bytes)?))
}

/// Assessments scored as their pieces are read ([`AssessmentStream`]); when they do not read so
/// (a problem, or a document the stream does not take), the whole input is read whole, which
/// reports every problem; bytes that are not UTF-8 are decoded whole first, and read as any
/// text is. `None` when the text may change in NFC and `normalised` is false, as for
/// [`as_given_if_nfc`].
fn scored_from_pieces(
    m: &par_core::Methodology,
    pieces: &TextPieces,
    normalised: bool,
    lang: Lang,
    detail: Detail,
) -> Result<Option<Results>, Problems> {
    let mut stream = AssessmentStream::new(Scorer::new(m, lang).with_detail(detail));
    let (mut streamed, mut came_as_utf8, mut first) = (true, true, true);
    let mut may_change = PiecesMayChange::default();
    while let Some(piece) = next_piece(pieces, first) {
        first = false;
        let Ok(piece) = piece else {
            (streamed, came_as_utf8) = (false, false);
            break;
        };
        if !normalised && may_change.piece(&piece) {
            return Ok(None);
        }
        if stream.push(&piece).is_err() {
            streamed = false;
            break;
        }
    }
    if !normalised && streamed && may_change.at_end() {
        return Ok(None);
    }
    if let Some(Ok(scorer)) = streamed.then(|| stream.finish()) {
        return scorer.finish().map(Some);
    }
    let whole = whole_text(pieces)?;
    if !normalised && json_may_change_in_nfc(&whole) {
        return Ok(None);
    }
    match came_as_utf8 {
        // Read as it came and refused: said with every problem.
        true => wire::score_reporting_problems(m, &whole, lang, detail).map(Some),
        // Decoded from UTF-16: read as any text is, as it comes first.
        false => wire::score_with(m, &whole, lang, detail).map(Some),
    }
}

/// The built-in methodology catalogue, as JSON text.
#[wasm_bindgen(js_name = listBuiltin)]
pub fn list_builtin() -> String {
    wire::list_builtin()
}

/// Validates a methodology (built-in id or `par.methodology/1` JSON); returns it normalised.
#[wasm_bindgen(js_name = validateMethodology)]
pub fn validate_methodology(
    id_or_json: &str,
    lang: Option<String>,
    env: Option<String>,
) -> Result<String, JsValue> {
    in_language(lang, env, |_| wire::validate_methodology(id_or_json))
}

/// Scores `par.assessments/1` JSON with a methodology (id or JSON); results JSON keeping the
/// `detail` asked for (`full` or `scores`, [`Detail::resolve`]).
#[wasm_bindgen(js_name = scoreJson)]
pub fn score_json(
    methodology: &str,
    assessments: &TextPieces,
    normalised: bool,
    detail: Option<String>,
    lang: Option<String>,
    env: Option<String>,
) -> Result<String, JsValue> {
    let text = in_language(lang, env, |lang| {
        let detail = Detail::resolve(detail.as_deref())?;
        let m = wire::load_methodology(methodology)?;
        let scored = scored_from_pieces(&m, assessments, normalised, lang, detail)?;
        scored
            .map(|results| results_text(&results, false))
            .transpose()
    })?;
    text.ok_or_else(not_in_nfc)
}

/// Scores CSV text (wide or long table) with a methodology (id or JSON); results JSON. `guessed`
/// is the encoding the text was guessed to be in when it came as a file's bytes ([`crate::table_text`]),
/// said in the results' warnings.
#[wasm_bindgen(js_name = scoreCsvJson)]
pub fn score_csv_json(
    methodology: &str,
    csv: &str,
    normalised: bool,
    guessed: Option<String>,
    detail: Option<String>,
    lang: Option<String>,
    env: Option<String>,
) -> Result<String, JsValue> {
    csv_scored(csv, normalised, detail, (lang, env), |csv, lang, detail| {
        let m = wire::load_methodology(methodology)?;
        results_text(&score_csv(&m, csv, guessed, lang, detail)?, false)
    })
}

/// A table's CSV text scored, `guessed` the name of the encoding it was guessed to be in
/// ([`crate::table_text`]), said in the results' warnings.
fn score_csv(
    m: &par_core::Methodology,
    csv: &str,
    guessed: Option<String>,
    lang: Lang,
    detail: Detail,
) -> Result<Results, Problems> {
    let guessed = guessed.as_deref().and_then(TextEncoding::parse);
    wire::score_decoded(m, csv, guessed, lang, detail)
}

/// A table's CSV text scored by `score`, keeping the detail asked for, in the language asked
/// for (the results as `score` gives them: as JSON, or kept); the text is taken as given only
/// where it is in NFC ([`as_given_if_nfc`]).
fn csv_scored<T>(
    csv: &str,
    normalised: bool,
    detail: Option<String>,
    (lang, env): (Option<String>, Option<String>),
    score: impl FnOnce(&str, Lang, Detail) -> Result<T, Problems>,
) -> Result<T, JsValue> {
    let csv = as_given_if_nfc(csv, normalised)?;
    in_language(lang, env, |lang| {
        let detail = Detail::resolve(detail.as_deref())?;
        score(csv, lang, detail)
    })
}

/// A validated methodology kept in WebAssembly memory, so that scoring on every keystroke does not
/// parse and validate it again.
#[wasm_bindgen]
pub struct Methodology {
    inner: par_core::Methodology,
}

/// A form being filled in, kept read in WebAssembly memory (see `Methodology::open_form`).
#[wasm_bindgen]
pub struct FormSession {
    inner: par_core::form::FormSession,
}

#[wasm_bindgen]
impl Methodology {
    /// Loads a built-in methodology by id, or reads and validates `par.methodology/1` JSON.
    #[wasm_bindgen(constructor)]
    pub fn new(
        id_or_json: &str,
        lang: Option<String>,
        env: Option<String>,
    ) -> Result<Methodology, JsValue> {
        in_language(lang, env, |_| {
            wire::load_methodology(id_or_json).map(|inner| Methodology { inner })
        })
    }

    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.inner.id().to_string()
    }

    #[wasm_bindgen(getter)]
    pub fn name(&self) -> String {
        self.inner.name().to_string()
    }

    /// The methodology as normalised `par.methodology/1` JSON.
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The criteria tree in pre-order (code, name, max, depth, parent, component, survey, leaf),
    /// as JSON; maxima are decimal strings at the methodology's scale.
    #[wasm_bindgen(js_name = treeJson)]
    pub fn tree_json(&self) -> String {
        compact(&self.inner.tree())
    }

    /// What a portal needs to draw the form (`par.form-model/1` JSON): every node with the input
    /// it takes and its rule (options, bands with their bounds, yes/no points, ratio target), the
    /// blocks, the classification, and whether evidence and reasons are asked for.
    #[wasm_bindgen(js_name = formModelJson)]
    pub fn form_model_json(&self) -> String {
        par_core::form::form_model(&self.inner).to_json()
    }

    /// Scores `par.assessments/1` JSON; results JSON keeping the `detail` asked for.
    #[wasm_bindgen(js_name = scoreJson)]
    pub fn score_json(
        &self,
        assessments: &TextPieces,
        normalised: bool,
        detail: Option<String>,
        lang: Option<String>,
        env: Option<String>,
    ) -> Result<String, JsValue> {
        let text = in_language(lang, env, |lang| {
            let detail = Detail::resolve(detail.as_deref())?;
            let scored = scored_from_pieces(&self.inner, assessments, normalised, lang, detail)?;
            scored
                .map(|results| results_text(&results, false))
                .transpose()
        })?;
        text.ok_or_else(not_in_nfc)
    }

    /// Scores a form being filled in: one unit's JSON (`{"unit", "block", "entries"}`), as
    /// `par.form/1` JSON — valid entries count, each invalid one is a problem against its
    /// criterion, empty fields are no input yet, and `complete` says whether the figures are final.
    #[wasm_bindgen(js_name = scoreFormJson)]
    pub fn score_form_json(
        &self,
        unit: &str,
        lang: Option<String>,
        env: Option<String>,
    ) -> Result<String, JsValue> {
        in_language(lang, env, |lang| {
            wire::score_form_with(&self.inner, unit, lang)
        })
    }

    /// Opens a form being filled in, from one unit's JSON as `scoreFormJson` reads it, kept read
    /// in WebAssembly memory: each change then reads only the entry it changes.
    #[wasm_bindgen(js_name = openForm)]
    pub fn open_form(
        &self,
        unit: &str,
        lang: Option<String>,
        env: Option<String>,
    ) -> Result<FormSession, JsValue> {
        in_language(lang, env, |_| {
            par_core::form::FormSession::open(unit).map(|inner| FormSession { inner })
        })
    }

    /// Replaces one entry of an open form (`entry`: its JSON object, `null` or `{}` to clear it)
    /// and scores the form as it then stands, as `par.form/1` JSON.
    #[wasm_bindgen(js_name = setFormEntryJson)]
    pub fn set_form_entry_json(
        &self,
        form: &mut FormSession,
        code: &str,
        entry: &str,
        lang: Option<String>,
        env: Option<String>,
    ) -> Result<String, JsValue> {
        in_language(lang, env, |lang| {
            form.inner.set_entry(code, entry)?;
            Ok(form.inner.score(&self.inner, lang)?.to_json(lang))
        })
    }

    /// An open form scored as it stands, as `par.form/1` JSON.
    #[wasm_bindgen(js_name = scoreOpenFormJson)]
    pub fn score_open_form_json(
        &self,
        form: &FormSession,
        lang: Option<String>,
        env: Option<String>,
    ) -> Result<String, JsValue> {
        in_language(lang, env, |lang| {
            Ok(form.inner.score(&self.inner, lang)?.to_json(lang))
        })
    }

    /// Scores `par.assessments/1` JSON and keeps the results in WebAssembly memory, to be read
    /// piece by piece: a national run's whole results document is larger than a JavaScript string
    /// can be.
    #[wasm_bindgen(js_name = scoreResults)]
    pub fn score_results(
        &self,
        assessments: &TextPieces,
        normalised: bool,
        detail: Option<String>,
        lang: Option<String>,
        env: Option<String>,
    ) -> Result<ScoredResults, JsValue> {
        let scored = in_language(lang, env, |lang| {
            let detail = Detail::resolve(detail.as_deref())?;
            scored_from_pieces(&self.inner, assessments, normalised, lang, detail)
        })?;
        let inner = scored.ok_or_else(not_in_nfc)?;
        Ok(ScoredResults { inner })
    }

    /// Scores CSV text (wide or long table); results JSON. `guessed` as for the function
    /// [`score_csv_json`].
    #[wasm_bindgen(js_name = scoreCsvJson)]
    pub fn score_csv_json(
        &self,
        csv: &str,
        normalised: bool,
        guessed: Option<String>,
        detail: Option<String>,
        lang: Option<String>,
        env: Option<String>,
    ) -> Result<String, JsValue> {
        csv_scored(csv, normalised, detail, (lang, env), |csv, lang, detail| {
            results_text(&score_csv(&self.inner, csv, guessed, lang, detail)?, false)
        })
    }

    /// Scores CSV text as [`Methodology::score_csv_json`] does, and keeps the results in
    /// WebAssembly memory as [`Methodology::score_results`] does: a national table's results.
    #[wasm_bindgen(js_name = scoreCsvResults)]
    pub fn score_csv_results(
        &self,
        csv: &str,
        normalised: bool,
        guessed: Option<String>,
        detail: Option<String>,
        lang: Option<String>,
        env: Option<String>,
    ) -> Result<ScoredResults, JsValue> {
        csv_scored(csv, normalised, detail, (lang, env), |csv, lang, detail| {
            let inner = score_csv(&self.inner, csv, guessed, lang, detail)?;
            Ok(ScoredResults { inner })
        })
    }

    /// Scores a workbook's sheet read as CSV text by the module loaded on demand (`sheetCsv`),
    /// saying first in the results what it found of the sheet (`sheet`, its JSON:
    /// `par_core::SheetRead`) as the command line says it: the sheet read in place of the first
    /// (a cover before it), which each problem also names, the rows it hides, the later sheets
    /// with its columns.
    #[wasm_bindgen(js_name = scoreSheetCsvJson)]
    pub fn score_sheet_csv_json(
        &self,
        csv: &str,
        normalised: bool,
        sheet: Option<String>,
        detail: Option<String>,
        lang: Option<String>,
        env: Option<String>,
    ) -> Result<String, JsValue> {
        let asked = (detail, lang, env);
        self.sheet_scored(csv, normalised, sheet, asked, |results| {
            results_text(&results, false)
        })
    }

    /// Scores a workbook's sheet as [`Methodology::score_sheet_csv_json`] does, and keeps the
    /// results in WebAssembly memory as [`Methodology::score_results`] does.
    #[wasm_bindgen(js_name = scoreSheetCsvResults)]
    pub fn score_sheet_csv_results(
        &self,
        csv: &str,
        normalised: bool,
        sheet: Option<String>,
        detail: Option<String>,
        lang: Option<String>,
        env: Option<String>,
    ) -> Result<ScoredResults, JsValue> {
        let asked = (detail, lang, env);
        self.sheet_scored(csv, normalised, sheet, asked, |inner| {
            Ok(ScoredResults { inner })
        })
    }

    /// A workbook's sheet's CSV text scored as [`Methodology::score_sheet_csv_json`] says, with
    /// the detail and language asked for, the results given to `keep` (as text, or kept).
    fn sheet_scored<T>(
        &self,
        csv: &str,
        normalised: bool,
        sheet: Option<String>,
        (detail, lang, env): (Option<String>, Option<String>, Option<String>),
        keep: impl FnOnce(Results) -> Result<T, Problems>,
    ) -> Result<T, JsValue> {
        csv_scored(csv, normalised, detail, (lang, env), |csv, lang, detail| {
            let sheet = sheet_read(sheet.as_deref())?;
            keep(wire::score_sheet_text(
                &self.inner,
                csv,
                &sheet,
                lang,
                detail,
            )?)
        })
    }

    /// Reads CSV text (wide or long table) into `par.assessments/1` JSON, e.g. to fill a form.
    #[wasm_bindgen(js_name = csvToAssessmentsJson)]
    pub fn csv_to_assessments_json(
        &self,
        csv: &str,
        normalised: bool,
        lang: Option<String>,
        env: Option<String>,
    ) -> Result<String, JsValue> {
        let csv = as_given_if_nfc(csv, normalised)?;
        in_language(lang, env, |_| {
            wire::csv_to_assessments_with(&self.inner, csv)
        })
    }

    /// Reads CSV text (wide or long table), a file's or a workbook's sheet's, into assessments
    /// with what reading did with it: `{"assessments": …, "warnings": […]}`. `guessed` as for
    /// the function [`score_csv_json`], `sheet` as for [`Methodology::score_sheet_csv_json`].
    #[wasm_bindgen(js_name = readTableJson)]
    pub fn read_table_json(
        &self,
        csv: &str,
        normalised: bool,
        guessed: Option<String>,
        sheet: Option<String>,
        lang: Option<String>,
        env: Option<String>,
    ) -> Result<String, JsValue> {
        let csv = as_given_if_nfc(csv, normalised)?;
        let guessed = guessed.as_deref().and_then(TextEncoding::parse);
        in_language(lang, env, |lang| {
            let sheet = sheet_read(sheet.as_deref())?;
            wire::read_csv(&self.inner, csv, guessed, &sheet, lang)
        })
    }
}

/// What `sheetCsv` found of a workbook's sheet, as it gives it (JSON); nothing, for a text
/// file's table.
fn sheet_read(given: Option<&str>) -> Result<SheetRead, Problems> {
    given.map_or_else(|| Ok(SheetRead::default()), wire::sheet_read_of_json)
}

/// Results kept in WebAssembly memory (see [`Methodology::score_results`]), read as JSON pieces.
#[wasm_bindgen]
pub struct ScoredResults {
    inner: par_core::Results,
}

/// Compact JSON of an engine value; serialising the engine's own types cannot fail.
fn compact<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

#[wasm_bindgen]
impl ScoredResults {
    /// How many units were scored.
    #[wasm_bindgen(getter)]
    pub fn count(&self) -> usize {
        self.inner.units.len()
    }

    /// The whole `par.results/1` document, as the other functions return it; refused when it is
    /// longer than a JavaScript string can be.
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self, lang: Option<String>, env: Option<String>) -> Result<String, JsValue> {
        in_language(lang, env, |_| results_text(&self.inner, true))
    }

    /// The ranking rows (block, rank, unit, points, max, index, band), as JSON.
    #[wasm_bindgen(js_name = rankTableJson)]
    pub fn rank_table_json(&self) -> String {
        compact(&self.inner.rank_table())
    }

    /// Statistics per block, as JSON.
    #[wasm_bindgen(js_name = statisticsJson)]
    pub fn statistics_json(&self) -> String {
        compact(&self.inner.blocks)
    }

    /// One unit's results, as JSON.
    #[wasm_bindgen(js_name = unitJson)]
    pub fn unit_json(
        &self,
        unit: &str,
        lang: Option<String>,
        env: Option<String>,
    ) -> Result<String, JsValue> {
        in_language(lang, env, |_| {
            self.inner
                .unit(unit)
                .map_err(Problems::from)
                .map(|u| u.to_json())
        })
    }

    /// The leaves where a unit lost points, the most first, as JSON.
    #[wasm_bindgen(js_name = lostPointsJson)]
    pub fn lost_points_json(
        &self,
        unit: &str,
        lang: Option<String>,
        env: Option<String>,
    ) -> Result<String, JsValue> {
        in_language(lang, env, |_| {
            self.inner
                .lost_points(unit)
                .map_err(Problems::from)
                .map(|l| compact(&l))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small run's results, whose text is `expected`.
    fn results_of_a_small_run() -> (Results, String) {
        let case = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../fixtures/cases/override-semantics"
        );
        let read = |name: &str| std::fs::read_to_string(format!("{case}/{name}")).unwrap();
        let m = wire::load_methodology(&read("methodology.json")).unwrap();
        let results = wire::score_with(&m, &read("input.json"), Lang::Vi, Detail::Full).unwrap();
        (results, read("expected.json"))
    }

    #[test]
    fn results_text_longer_than_a_javascript_string_is_refused_naming_the_way_around() {
        let (results, expected) = results_of_a_small_run();
        let whole = results_text_within(&results, expected.len(), false);
        assert_eq!(whole.ok().as_deref(), Some(expected.as_str()));
        let refused = results_text_within(&results, expected.len() - 1, false).unwrap_err();
        let problem = &refused.problems[0];
        assert_eq!(problem.code, ErrorCode::LimitExceeded);
        assert_eq!(problem.limit.as_deref(), Some("json_bytes"));
        let said = problem.message(Lang::En);
        assert!(
            said.contains("scoreCsvResults") && said.contains("detail: 'scores'"),
            "{said}"
        );
        // Results kept already are read piece by piece, not kept again.
        let kept = results_text_within(&results, 100, true)
            .unwrap_err()
            .problems[0]
            .message(Lang::En);
        assert!(
            kept.contains("rankTable") && !kept.contains("scoreResults"),
            "{kept}"
        );
    }
}
