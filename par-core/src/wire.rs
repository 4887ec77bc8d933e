//! The JSON-text API every binding calls: strings in, strings out, errors as [`Problems`].
//! Python and WebAssembly wrap exactly these functions and add no logic of their own, so a result
//! is byte-identical whichever language produced it.
//!
//! Texts for people are written in the [`Lang`] a call is given: the warnings and rule notes of
//! results, and the messages of problems ([`problems_json`]). Codes and keys never change.

use crate::assessment::{score_json_as_read, AssessmentSet};
use crate::builtin;
use crate::compare::{compare_rankings, Ranking};
use crate::encoding::TextEncoding;
use crate::error::Problems;
use crate::import::{self, Header};
use crate::json::to_pretty;
use crate::methodology::Methodology;
use crate::results::{Detail, Results, Warning};
use crate::table::{SheetRead, Table};
use crate::text::Lang;

/// A methodology from a built-in id, or from `par.methodology/1` JSON text.
pub fn load_methodology(id_or_json: &str) -> Result<Methodology, Problems> {
    if crate::json::is_object_text(id_or_json) {
        Methodology::from_json(id_or_json)
    } else {
        builtin::load(id_or_json.trim())
    }
}

/// The built-in catalogue as JSON.
pub fn list_builtin() -> String {
    to_pretty(&builtin::list())
}

/// Validates a methodology; returns it normalised as JSON.
pub fn validate_methodology(id_or_json: &str) -> Result<String, Problems> {
    Ok(load_methodology(id_or_json)?.to_json())
}

/// Scores assessments (`par.assessments/1` JSON) with a methodology (id or JSON); results JSON.
pub fn score(methodology: &str, assessments: &str, lang: Lang) -> Result<String, Problems> {
    let m = load_methodology(methodology)?;
    Ok(score_with(&m, assessments, lang, Detail::Full)?.to_json())
}

/// Scores assessments JSON with a methodology already loaded (kept by a binding between calls),
/// keeping `detail` of the inputs in the results: with [`Detail::Scores`] each unit's inputs are
/// let go as soon as it is scored.
pub fn score_with(
    m: &Methodology,
    assessments: &str,
    lang: Lang,
    detail: Detail,
) -> Result<Results, Problems> {
    let scorer = crate::Scorer::new(m, lang).with_detail(detail);
    match score_json_as_read(assessments, scorer) {
        Some(scorer) => scorer.finish(),
        None => score_reporting_problems(m, assessments, lang, detail),
    }
}

/// Scores assessments JSON that did not read as a valid document as it came (a binding that
/// passed it in pieces, [`crate::AssessmentStream`], or [`score_with`]): read whole, every problem
/// found with its place, without trying the reader of valid documents once more.
pub fn score_reporting_problems(
    m: &Methodology,
    assessments: &str,
    lang: Lang,
    detail: Detail,
) -> Result<Results, Problems> {
    let scorer = crate::Scorer::new(m, lang).with_detail(detail);
    crate::assessment::score_json_reporting_problems(assessments, scorer)
}

/// Scores a CSV table (wide or long) with a methodology (id or JSON); results JSON.
pub fn score_csv(methodology: &str, csv: &str, lang: Lang) -> Result<String, Problems> {
    let m = load_methodology(methodology)?;
    Ok(score_csv_with(&m, csv, lang, Detail::Full)?.to_json())
}

/// Scores a CSV table with a methodology already loaded, keeping `detail` of its inputs: as it is
/// read where it can be, else read whole ([`Table::score_whole`]), which says what is wrong with it.
pub fn score_csv_with(
    m: &Methodology,
    csv: &str,
    lang: Lang,
    detail: Detail,
) -> Result<Results, Problems> {
    let scorer = || crate::Scorer::new(m, lang).with_detail(detail);
    match crate::table::score_csv_as_read(csv, scorer()) {
        Some(scorer) => scorer.finish(),
        None => Table::from_csv(csv)?.score_whole(scorer()),
    }
}

/// Reads a CSV table (wide or long) into assessments JSON for a methodology already loaded, e.g.
/// to fill a form from a spreadsheet.
pub fn csv_to_assessments_with(m: &Methodology, csv: &str) -> Result<String, Problems> {
    Ok(AssessmentSet::new(Table::from_csv(csv)?.to_assessments(m)?).to_json())
}

/// A table read into assessments for a methodology already loaded, with what reading did with
/// it, as scoring the table says it in its results' warnings: the sheet read in place of a
/// workbook's first ([`crate::SheetRead::chosen`]), the rows passed over (a summary row, the header
/// typed again), the reasons no score keeps, the columns read from floating-point numbers, the
/// encoding its file was guessed to be in (`guessed`, with the file's name if it has one; see
/// [`table_text`]). `{"assessments": …, "warnings": […]}`, texts in `lang`: a portal filling a
/// form from a department's sheet shows what did not come with it. A problem names the sheet
/// read, as scoring it does.
pub fn read_table(
    m: &Methodology,
    table: &Table,
    guessed: Option<(TextEncoding, Option<&str>)>,
    lang: Lang,
) -> Result<String, Problems> {
    let units = table.to_assessments(m)?;
    // Said in the order the results of the same table say them.
    let sheet = table.sheet_warnings(None, lang);
    let passed_over = Warning::passed_over(&table.passed_over(), None, lang);
    let floats = Warning::float_columns(&table.float_columns, lang);
    let guessed = guessed.map(|(e, file)| Warning::encoding_guessed(file, e, lang));
    let warnings = (sheet.into_iter().chain(passed_over))
        .chain(floats)
        .chain(guessed);
    Ok(to_pretty(&TableRead {
        assessments: AssessmentSet::new(units),
        warnings: warnings.collect(),
    }))
}

/// [`read_table`] of CSV text: a file's (`guessed`: the encoding its bytes were guessed to be
/// in, see [`table_text`]), or a workbook's sheet's read by a binding without the workbook
/// reader (`sheet`: what the reader found of it, as in [`score_sheet_text`]; nothing, for a
/// file's).
pub fn read_csv(
    m: &Methodology,
    csv: &str,
    guessed: Option<TextEncoding>,
    sheet: &SheetRead,
    lang: Lang,
) -> Result<String, Problems> {
    let table = sheet_of_text(csv, sheet)?;
    read_table(m, &table, guessed.map(|e| (e, None)), lang)
}

/// A workbook's sheet given as CSV text, as a table holding what its reader found of it.
fn sheet_of_text(csv: &str, sheet: &SheetRead) -> Result<Table, Problems> {
    let mut table = Table::from_csv(csv).map_err(|p| p.on_sheet(sheet.sheet_named()))?;
    table.sheet = sheet.clone();
    Ok(table)
}

/// A `par.assessments/1` document (or a bare list of units) read as [`read_table`] reads a
/// table, for a caller given a file it has not told apart: the same document, checked, with no
/// warning (reading JSON passes nothing over).
pub fn read_json(assessments: &str) -> Result<String, Problems> {
    let units = crate::assessment::parse_assessments(assessments)?;
    Ok(to_pretty(&TableRead {
        assessments: AssessmentSet::new(units),
        warnings: Vec::new(),
    }))
}

/// A table read into assessments, and what reading did with it ([`read_table`]).
#[derive(serde::Serialize)]
struct TableRead {
    assessments: AssessmentSet,
    warnings: Vec<Warning>,
}

/// Scores a form being filled in — one unit's JSON (`{"unit", "block", "entries"}`) — on the
/// methodology `methodology` (an id or JSON), as `par.form/1` JSON: valid entries count, each
/// invalid one is a problem against its criterion (see [`crate::form`]).
pub fn score_form(methodology: &str, unit: &str, lang: Lang) -> Result<String, Problems> {
    score_form_with(&load_methodology(methodology)?, unit, lang)
}

/// The form model of a methodology (an id or JSON): every node with the input it takes and its
/// rule, the blocks, the classification, the policies a form shows (`par.form-model/1`).
pub fn form_model(methodology: &str) -> Result<String, Problems> {
    Ok(crate::form::form_model(&load_methodology(methodology)?).to_json())
}

/// [`score_form`] with a loaded methodology (a portal keeps it loaded between keystrokes).
pub fn score_form_with(m: &Methodology, unit: &str, lang: Lang) -> Result<String, Problems> {
    Ok(crate::form::score_form_json(m, unit, lang)?.to_json(lang))
}

/// One unit's results as JSON.
pub fn explain(results: &str, unit: &str) -> Result<String, Problems> {
    let r = Results::from_json(results)?;
    Ok(r.unit(unit)?.to_json())
}

/// A unit's leaves that lost points, the most first, as JSON.
pub fn lost_points(results: &str, unit: &str) -> Result<String, Problems> {
    let r = Results::from_json(results)?;
    Ok(to_pretty(&r.lost_points(unit)?))
}

/// The criterion analysis of `par.results/1` JSON: per block, how the units scored on every node
/// (`par.analysis/1`).
pub fn analyze(results: &str) -> Result<String, Problems> {
    Ok(crate::analysis::analyze(&Results::from_json(results)?)?.to_json())
}

/// Answers a what-if question (`{"unit", "set": {code: value}, "target"}`, see
/// [`crate::whatif`]) about `par.results/1` JSON scored on the methodology `methodology`
/// (an id or JSON), as `par.what-if/1` JSON.
pub fn what_if(
    methodology: &str,
    results: &str,
    question: &str,
    lang: Lang,
) -> Result<String, Problems> {
    let m = load_methodology(methodology)?;
    let question = crate::whatif::Question::from_json(question)?;
    let results = Results::from_json(results)?;
    Ok(crate::whatif::what_if(&m, &results, &question, lang)?.to_json())
}

/// Compares two rankings, each `par.results/1` JSON or a published ranking as CSV text (unit,
/// index, rank; see [`crate::compare::Ranking::from_table`]); problems name `previous.` or
/// `current.` fields.
pub fn compare(previous: &str, current: &str) -> Result<String, Problems> {
    match (ranking(previous), ranking(current)) {
        (Ok(b), Ok(n)) => Ok(compare_rankings(&b, &n).to_json()?),
        (b, n) => {
            let mut problems = Vec::new();
            for (which, r) in [("previous", b), ("current", n)] {
                if let Err(p) = r {
                    problems.extend(p.problems.into_iter().map(|e| {
                        let field = e
                            .field
                            .clone()
                            .map(|f| format!("{which}.{f}"))
                            .unwrap_or(which.into());
                        e.field(field)
                    }));
                }
            }
            Err(problems.into())
        }
    }
}

/// A ranking from results JSON (a document, `{…}`) or from a published table's CSV text.
pub fn ranking(text: &str) -> Result<Ranking, Problems> {
    if crate::json::is_object_text(text) {
        Results::from_json(text).map(|r| Ranking::of(&r))
    } else {
        Ranking::from_table(&Table::from_csv(text)?)
    }
}

/// Problems as JSON (`{"problems": [...]}`) with their messages in `lang`, for bindings that
/// pass errors as data.
pub fn problems_json(p: &Problems, lang: Lang) -> String {
    p.to_json(lang)
}

/// Scores a table file's bytes (CSV, or Excel's "Unicode Text") in whichever encoding it was
/// saved; a guessed encoding is said in the results' warnings.
pub fn score_table_bytes(m: &Methodology, bytes: Vec<u8>, lang: Lang) -> Result<Results, Problems> {
    let text = crate::encoding::read_text(bytes, None)?;
    let guessed = text.guessed.then_some(text.encoding);
    score_decoded(m, &text.text, guessed, lang, Detail::Full)
}

/// Scores a table's text decoded from a file's bytes (see [`table_text`]), keeping `detail` of
/// its inputs; the encoding it was guessed to be in, if it was, is said in the results' warnings.
pub fn score_decoded(
    m: &Methodology,
    csv: &str,
    guessed: Option<TextEncoding>,
    lang: Lang,
    detail: Detail,
) -> Result<Results, Problems> {
    let mut results = score_csv_with(m, csv, lang, detail)?;
    if let Some(encoding) = guessed {
        results.note_encoding_guessed(None, encoding, lang);
    }
    Ok(results)
}

/// Scores a workbook's sheet read as CSV text by a binding without the workbook reader (the
/// WebAssembly package's scoring module), keeping `detail` of its inputs. `sheet`: what the
/// workbook's reader found of it, which the results say first as scoring the workbook itself
/// does ([`crate::Table::score`]): the sheet read in place of the first (a cover), which each
/// problem also names, and the rows the sheet hides.
pub fn score_sheet_text(
    m: &Methodology,
    csv: &str,
    sheet: &SheetRead,
    lang: Lang,
    detail: Detail,
) -> Result<Results, Problems> {
    let on_sheet = |p: Problems| p.on_sheet(sheet.sheet_named());
    let mut results = score_csv_with(m, csv, lang, detail).map_err(on_sheet)?;
    // The text is read as a table again only to name the units of its hidden rows, if any.
    let hidden = match sheet.rows_hidden.is_empty() {
        true => None,
        false => sheet_of_text(csv, sheet)?.rows_hidden_read(),
    };
    results.note_sheet(sheet.warnings(hidden.as_ref(), None, lang));
    Ok(results)
}

/// What a workbook's reader found of a sheet, as JSON: the importer module of the WebAssembly
/// package gives it beside the sheet's CSV text, for the scoring module to say
/// ([`score_sheet_text`], read back by [`sheet_read_of_json`]).
pub fn sheet_read_json(read: &SheetRead) -> String {
    crate::json::to_compact(read)
}

/// [`sheet_read_json`]'s text read back; a problem where it is not one.
pub fn sheet_read_of_json(text: &str) -> Result<SheetRead, Problems> {
    crate::json::from_json_str(text)
}

/// A criteria table or annex as CSV text (its sections, if any, below the criteria) imported:
/// `{"methodology": …, "rows": […], "warnings": […]}`, texts in `lang`.
pub fn import_csv(csv: &str, header: Header, lang: Lang) -> Result<String, Problems> {
    let table = Table::from_criteria_csv(csv)?;
    Ok(import::import(&table, &[], header)?.to_json(lang))
}

/// The text of a table file's bytes, in whichever encoding Excel saved it (see
/// [`crate::encoding::read_text`]), and that encoding if it was guessed; a file that is no text
/// (a workbook, a PDF) is said to be what it is.
pub fn table_text(bytes: Vec<u8>) -> Result<(String, Option<TextEncoding>), Problems> {
    let text = crate::encoding::read_text(bytes, None)?;
    let guessed = text.guessed.then_some(text.encoding);
    Ok((text.text, guessed))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sheet read past its cover, from bytes whose encoding was guessed, with a summary row,
    /// a unit's row hidden and a later sheet alike: each is said, as the results of the same
    /// sheet say them, and a problem names the sheet read.
    #[test]
    fn a_table_read_says_what_reading_did_with_it() {
        let m = builtin::load("camau-1880-2013-field1-excerpt").expect("a built-in");
        let chosen = SheetRead {
            chosen: Some(crate::SheetChosen {
                first: "Bìa".into(),
                read: "Điểm".into(),
            }),
            // The header's row and Sở Tư pháp's.
            rows_hidden: vec![1, 3],
            alike: Some(crate::SheetsAlike {
                read: "Điểm".into(),
                others: vec!["Điểm 2023".into()],
            }),
        };
        // As the importer module gives it to the scoring module.
        let given = sheet_read_json(&chosen);
        assert_eq!(sheet_read_of_json(&given).expect("read back"), chosen);
        let problems = sheet_read_of_json(r#"{"rows_hidden": "3"}"#).expect_err("no rows");
        assert_eq!(problems.problems[0].code, crate::ErrorCode::BadType);
        let csv = "unit,1.3\nSở Y tế,2\nSở Tư pháp,1\nTổng cộng,2\n";
        let guessed = TextEncoding::Windows1258;
        let read = read_csv(&m, csv, Some(guessed), &chosen, Lang::En).expect("reads");
        let read: serde_json::Value = serde_json::from_str(&read).expect("JSON");
        let mut scored =
            score_sheet_text(&m, csv, &chosen, Lang::En, Detail::Scores).expect("scores");
        scored.note_encoding_guessed(None, guessed, Lang::En);
        let said = serde_json::to_value(&scored.warnings).expect("JSON");
        assert_eq!(read["warnings"], said);
        let codes: Vec<&str> = (said.as_array().expect("warnings").iter())
            .filter_map(|w| w["code"].as_str())
            .collect();
        let each = [
            "sheet_chosen",
            "rows_hidden",
            "sheets_alike",
            "summary_row_passed_over",
            "encoding_guessed",
        ];
        assert_eq!(codes, each);
        let hidden = said[1]["message"].as_str().expect("said");
        assert!(
            hidden.starts_with("1 row hidden in the sheet (row 3; unit 'Sở Tư pháp') was read"),
            "{hidden}"
        );
        assert_eq!(read["assessments"]["units"][0]["unit"], "Sở Y tế");

        let refused = read_csv(&m, "unit,9.9\nSở Y tế,4\n", None, &chosen, Lang::En);
        let problems = refused.expect_err("a code no criterion has").problems;
        assert!(problems.iter().all(|p| p.sheet.as_deref() == Some("Điểm")));
    }
}
