//! `par-report`: the reports PAR INDEX results are published in, written once for every binding —
//! the command line, Python and WebAssembly give the same bytes for the same results.
//!
//! - [`workbook`](mod@workbook): the Excel report a Department of Home Affairs sends its leadership: the ranking
//!   of each block, every unit's points on every criterion, the criterion analysis, the points
//!   lost, and the changes against the previous year.
//! - [`charts`]: SVG charts of the ranking, the components, the fields (a heat map) and the
//!   changes, readable with a hundred units and more.
//! - [`excel_csv`](mod@excel_csv): the ranking, the criterion analysis and the changes as CSV that Excel opens as it is set up
//!   where it is used (`;` and decimal commas in Vietnamese, a byte-order mark for the accents).
//!
//! Figures come from the core as decimals already rounded under the methodology's policy; nothing
//! here rounds. Texts come from the core's catalogue, in Vietnamese or English.
#![forbid(unsafe_code)]

pub mod charts;
pub mod excel_csv;
mod tables;
#[cfg(test)]
mod testing;
pub mod workbook;

pub use charts::{chart, ChartKind};
pub use excel_csv::{analysis_csv, changes_csv, ranking_csv};
pub use tables::{
    adjustment_codes, adjustment_headers, adjustment_points, comparison_notes, component_name,
    unmatched,
};
pub use workbook::{workbook, Report};

use par_core::{wire, Lang, Problems, Results};

/// The Excel report of results given as `par.results/1` JSON, as the bindings that speak JSON
/// text call it: `methodology` (an id or JSON) names its decision in the title rows, `previous`
/// (results JSON or a published ranking's CSV text) adds the changes sheet.
pub fn xlsx(
    results: &str,
    methodology: Option<&str>,
    previous: Option<&str>,
    lang: Lang,
) -> Result<Vec<u8>, Problems> {
    let results = Results::from_json(results)?;
    let methodology = methodology.map(wire::load_methodology).transpose()?;
    let comparison = comparison(&results, previous)?;
    let report = Report {
        results: &results,
        methodology: methodology.as_ref(),
        comparison: comparison.as_ref(),
        lang,
    };
    Ok(workbook(&report)?)
}

/// The ranking (`table` = `ranking`), the criterion analysis (`criteria`) or the changes against
/// `previous` (`changes`; results JSON or a published ranking's CSV text) of results given as
/// `par.results/1` JSON, as CSV for Excel (see [`excel_csv`](mod@excel_csv)). Another table name is `None`.
pub fn excel_csv(
    results: &str,
    table: &str,
    previous: Option<&str>,
    lang: Lang,
) -> Result<Option<String>, Problems> {
    if !["ranking", "criteria", "changes"].contains(&table) {
        return Ok(None);
    }
    let results = Results::from_json(results)?;
    Ok(Some(match table {
        "ranking" => ranking_csv(&results, lang),
        "criteria" => analysis_csv(&results, lang)?,
        _ => match comparison(&results, previous)? {
            Some(comparison) => changes_csv(&comparison, lang),
            None => return Err(charts::previous_missing().into()),
        },
    }))
}

/// A chart (`ranking`, `components`, `heatmap`, `changes`) of results given as `par.results/1`
/// JSON, as SVG text; `previous` (results JSON or a published ranking's CSV text) is what the
/// `changes` chart compares with. Another kind is `None`.
pub fn svg(
    kind: &str,
    results: &str,
    previous: Option<&str>,
    lang: Lang,
) -> Result<Option<String>, Problems> {
    let Some(kind) = ChartKind::parse(kind) else {
        return Ok(None);
    };
    let results = Results::from_json(results)?;
    let comparison = comparison(&results, previous)?;
    Ok(Some(chart(kind, &results, comparison.as_ref(), lang)?))
}

/// A change as the tables show it, with its sign: `+10.00`, `-2`, `0` (no sign for none).
pub fn signed(text: &str) -> String {
    if text.starts_with('-') || text.trim_start_matches(['0', '.']).is_empty() {
        text.to_string()
    } else {
        format!("+{text}")
    }
}

/// The comparison of `results` with a previous ranking given as text, when there is one.
fn comparison(
    results: &Results,
    previous: Option<&str>,
) -> Result<Option<par_core::compare::Comparison>, Problems> {
    Ok(match previous {
        Some(text) => Some(par_core::compare::compare_rankings(
            &wire::ranking(text)?,
            &par_core::compare::Ranking::of(results),
        )),
        None => None,
    })
}
