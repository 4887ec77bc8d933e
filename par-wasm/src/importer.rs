//! The module of what is done away from the form (the `importer` feature), loaded only by pages
//! that need it: importing criteria annexes and tables (answered with the methodology's JSON,
//! which the scoring module then loads), reading workbooks, analysing results, what-if, and the
//! reports.

use crate::in_language;
use par_core::wire;
use wasm_bindgen::prelude::*;

/// One unit's results, as JSON. Reading a results document back is an analysis: it is here,
/// not in the scoring module every page loads, whose size it would grow by an eighth.
#[wasm_bindgen(js_name = explainJson)]
pub fn explain_json(
    results: &str,
    unit: &str,
    lang: Option<String>,
    env: Option<String>,
) -> Result<String, JsValue> {
    in_language(lang, env, |_| wire::explain(results, unit))
}

/// The leaves where a unit lost points, the most first, as JSON.
#[wasm_bindgen(js_name = lostPointsJson)]
pub fn lost_points_json(
    results: &str,
    unit: &str,
    lang: Option<String>,
    env: Option<String>,
) -> Result<String, JsValue> {
    in_language(lang, env, |_| wire::lost_points(results, unit))
}

/// Moves between two result sets, as JSON.
#[wasm_bindgen(js_name = compareJson)]
pub fn compare_json(
    previous: &str,
    current: &str,
    lang: Option<String>,
    env: Option<String>,
) -> Result<String, JsValue> {
    in_language(lang, env, |_| wire::compare(previous, current))
}

/// Imports a criteria annex or table given as a file's bytes: a workbook (xlsx, ods, xls: the
/// criteria sheet `sheet`, else the first, and the sheets named for a section) or a text table in
/// whichever encoding it was saved (text given as text is passed in as its UTF-8). The header is
/// what the person says of the methodology (`id`, and optionally `name`, `decision`, `date`,
/// `level`); the annex's title rows give the rest. `{"methodology", "rows", "warnings"}` JSON.
#[wasm_bindgen(js_name = importBytesJson)]
#[allow(clippy::too_many_arguments)]
pub fn import_bytes_json(
    bytes: Vec<u8>,
    sheet: Option<String>,
    id: String,
    name: Option<String>,
    decision: Option<String>,
    date: Option<String>,
    level: Option<String>,
    lang: Option<String>,
    env: Option<String>,
) -> Result<String, JsValue> {
    let header = par_core::import::Header {
        id,
        name,
        decision,
        date,
        level,
    };
    in_language(lang, env, |lang| {
        let (criteria, others) = par_sheets::criteria_tables(bytes, sheet.as_deref())?;
        Ok(par_core::import::import(&criteria, &others, header)?.to_json(lang))
    })
}

/// A sheet of a workbook read as CSV text, and what reading found of the sheet (JSON of
/// `par_core::SheetRead`: the sheet read in place of the first, the rows it hides, the later
/// sheets with its columns), for the scoring module to say (`Methodology::score_sheet_csv_json`).
#[wasm_bindgen(getter_with_clone)]
pub struct SheetText {
    pub text: String,
    pub sheet: String,
}

/// A sheet of a workbook's bytes (xlsx, ods, xls: the one named or numbered from 1 by `sheet`,
/// else the first, past a cover holding no table: `par_sheets::read_sheet`) as CSV text, for the
/// scoring module to score: a score sheet kept as a workbook.
#[wasm_bindgen(js_name = sheetCsv)]
pub fn sheet_csv(
    bytes: Vec<u8>,
    sheet: Option<String>,
    lang: Option<String>,
    env: Option<String>,
) -> Result<SheetText, JsValue> {
    in_language(lang, env, |_| {
        let (text, read) = par_sheets::sheet_csv(&bytes, sheet.as_deref())?;
        let sheet = par_core::wire::sheet_read_json(&read);
        Ok(SheetText { text, sheet })
    })
}

/// A ranking as published in a workbook's bytes (the sheet given, else every sheet holding
/// one, a sheet a block as reports write them: `par_sheets::ranking`) as CSV text (block, unit,
/// index, rank), to compare with `compareJson`.
#[wasm_bindgen(js_name = rankingCsv)]
pub fn ranking_csv(
    bytes: Vec<u8>,
    sheet: Option<String>,
    lang: Option<String>,
    env: Option<String>,
) -> Result<String, JsValue> {
    in_language(lang, env, |_| {
        par_sheets::ranking_csv(&bytes, sheet.as_deref())
    })
}

/// The refusal of a workbook its reader stopped inside (`par_sheets::damaged_workbook`): a panic
/// of the reader traps in WebAssembly, and the JavaScript layer, replacing the instance that
/// trapped, throws this refusal as the native builds give it (`readingWorkbook` in js/api.js).
#[wasm_bindgen(js_name = damagedWorkbook)]
pub fn damaged_workbook(lang: Option<String>, env: Option<String>) -> Result<(), JsValue> {
    in_language(lang, env, |_| Err(par_sheets::damaged_workbook().into()))
}

/// The criterion analysis of results (`par.results/1` JSON), as `par.analysis/1` JSON.
#[wasm_bindgen(js_name = criteriaJson)]
pub fn criteria_json(
    results: &str,
    lang: Option<String>,
    env: Option<String>,
) -> Result<String, JsValue> {
    in_language(lang, env, |_| wire::analyze(results))
}

/// A what-if question (`{"unit", "set": {code: value}, "target"}`) about results (`par.results/1`
/// JSON) scored on `methodology` (an id or JSON), answered as `par.what-if/1` JSON.
#[wasm_bindgen(js_name = whatIfJson)]
pub fn what_if_json(
    methodology: &str,
    results: &str,
    question: &str,
    lang: Option<String>,
    env: Option<String>,
) -> Result<String, JsValue> {
    in_language(lang, env, |lang| {
        wire::what_if(methodology, results, question, lang)
    })
}

/// The Excel report of results (`par.results/1` JSON) as xlsx bytes: `methodology` (an id or
/// JSON) names its decision in the title rows, `previous` (results JSON or a published ranking's
/// CSV text) adds the changes sheet.
#[wasm_bindgen(js_name = reportXlsx)]
pub fn report_xlsx(
    results: &str,
    methodology: Option<String>,
    previous: Option<String>,
    lang: Option<String>,
    env: Option<String>,
) -> Result<Vec<u8>, JsValue> {
    in_language(lang, env, |lang| {
        par_report::xlsx(results, methodology.as_deref(), previous.as_deref(), lang)
    })
}

/// The ranking (`table` = `ranking`), the criterion analysis (`criteria`) or the changes against
/// `previous` (`changes`) of results (`par.results/1` JSON) as CSV for Excel: in Vietnamese
/// `;`-separated with decimal commas, a byte-order mark, headings with criterion names. Another
/// table name is `undefined`.
#[wasm_bindgen(js_name = excelCsv)]
pub fn excel_csv(
    results: &str,
    table: &str,
    previous: Option<String>,
    lang: Option<String>,
    env: Option<String>,
) -> Result<Option<String>, JsValue> {
    in_language(lang, env, |lang| {
        par_report::excel_csv(results, table, previous.as_deref(), lang)
    })
}

/// A chart (`ranking`, `components`, `heatmap`, `changes`) of results (`par.results/1` JSON) as
/// SVG text; `previous` (results JSON or a published ranking's CSV text) is what `changes`
/// compares with. Another kind is `undefined`.
#[wasm_bindgen(js_name = chartSvg)]
pub fn chart_svg(
    kind: &str,
    results: &str,
    previous: Option<String>,
    lang: Option<String>,
    env: Option<String>,
) -> Result<Option<String>, JsValue> {
    in_language(lang, env, |lang| {
        par_report::svg(kind, results, previous.as_deref(), lang)
    })
}
