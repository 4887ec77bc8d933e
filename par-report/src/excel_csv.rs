//! CSV for Excel: the ranking and the criterion analysis as a person opens them by double-click.
//!
//! Excel reads a CSV file with the computer's regional settings. On a Vietnamese computer the
//! list separator is `;` and the decimal mark `,`, so a table written with `,` and `.` opens as
//! one column of text, or with `67.00` read as 6,700. In Vietnamese the table is written the way
//! that computer reads it: `;`-separated, decimal commas; in English `,` and `.`. A UTF-8
//! byte-order mark makes Excel read the accents as UTF-8 (without it, `Sở Tư pháp` opens as
//! `Sá»Ÿ TÆ° phÃ¡p`), and rows end with CRLF as Excel writes them. Headings are the catalogue's,
//! with criterion names beside their codes.

use crate::signed;
use crate::tables::{analysis_table, changes_table, comparison_notes, ranking_table, Cell, Table};
use par_core::compare::Comparison;
use par_core::{Lang, ParError, Results};

/// The ranking of every block: block, rank, unit, points, index, band, components and fields.
pub fn ranking_csv(results: &Results, lang: Lang) -> String {
    write(&ranking_table(results, lang), lang)
}

/// The criterion analysis: per block, every node's figures; refused where the analysis is
/// ([`par_core::limits::ANALYSIS_TEXT_BYTES`]).
pub fn analysis_csv(results: &Results, lang: Lang) -> Result<String, ParError> {
    Ok(write(&analysis_table(results, lang)?, lang))
}

/// The moves against the previous ranking: index and rank then and now, and each field's change
/// when both were scored on the same methodology.
pub fn changes_csv(comparison: &Comparison, lang: Lang) -> String {
    let mut out = write(&changes_table(comparison, lang), lang);
    // The notes under the table, after a blank row, one a line, where the sheet shows them above
    // it: the header stays the file's first line.
    let notes = comparison_notes(comparison, lang);
    if !notes.is_empty() {
        out.push_str("\r\n");
    }
    let separator = separator(lang);
    for note in notes {
        push_line(
            &mut out,
            std::iter::once(quoted(&note, separator)),
            separator,
        );
    }
    out
}

/// The separator Excel expects in the language's locale: `;` where the decimal mark is `,`.
fn separator(lang: Lang) -> char {
    match lang {
        Lang::Vi => ';',
        Lang::En => ',',
    }
}

fn write(table: &Table, lang: Lang) -> String {
    let separator = separator(lang);
    let mut out = String::from("\u{FEFF}");
    let header = table.header.iter().map(|h| quoted(h, separator));
    push_line(&mut out, header, separator);
    for row in table.written_rows() {
        let cells = row.iter().map(|cell| match cell {
            Cell::Text(text) => quoted(text, separator),
            Cell::Amount(amount) => lang.decimal_text(&amount.0.to_string()),
            Cell::Change(change) => lang.decimal_text(&signed(&change.0.to_string())),
            Cell::Count(n) => n.to_string(),
            Cell::Moved(n) => signed(&n.to_string()),
            Cell::Blank => String::new(),
        });
        push_line(&mut out, cells, separator);
    }
    out
}

fn push_line(out: &mut String, cells: impl Iterator<Item = String>, separator: char) {
    for (i, cell) in cells.enumerate() {
        if i > 0 {
            out.push(separator);
        }
        out.push_str(&cell);
    }
    out.push_str("\r\n");
}

/// A text cell, quoted when it holds the separator, a quote or a line break (quotes doubled),
/// as Excel reads it. A text Excel would take for a formula (`=`, `+`, `-`, `@` first: a unit
/// name typed as `=HYPERLINK(…)`) is kept text by a leading apostrophe; one it would take for a
/// number or a date (a criterion code `1.10`, read as 1.1; `1.2`, read as a date) is written as
/// the formula `="1.10"`, which Excel shows as that text.
fn quoted(text: &str, separator: char) -> String {
    let number_like = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || ".,/:- ".contains(c))
        && text.chars().any(|c| c.is_ascii_digit());
    let text = if number_like {
        format!("=\"{text}\"")
    } else if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([separator, '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}
