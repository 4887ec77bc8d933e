//! Which number cells of an xlsx sheet Excel shows as percentages. A unit types a measured rate
//! as `97%`: Excel stores 0.97 and formats the cell `0%`, and calamine gives the 0.97 alone. The
//! cell's style names its number format (`xl/styles.xml`), which says so: the built-in formats 9
//! (`0%`) and 10 (`0.00%`), or a custom one with a `%` outside quotes.

use crate::sheet_cells::{each_cell, WalkedCell};
use crate::sheet_xml::{attr, each_event};
use crate::Zip;
use par_core::limits::TABLE_CELLS;
use quick_xml::events::Event;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::ops::ControlFlow;

/// The places (row and column, from 0) of the number cells of the sheet named `sheet` whose
/// style shows them as percentages. Empty where the workbook has no such style, or its parts
/// cannot be followed: the cells are then read as they are stored, as before.
pub(crate) fn percent_cells(zip: &mut Zip, sheet: &str) -> HashSet<(usize, usize)> {
    let styles = percent_styles(zip);
    if !styles.contains(&true) {
        return HashSet::new();
    }
    let mut cells = HashSet::new();
    each_cell(zip, sheet, |cell| {
        // As many as the table's cells at most: a larger sheet is refused anyway.
        if cells.len() >= TABLE_CELLS.max {
            return ControlFlow::Break(());
        }
        if shown_as_percent(&cell, &styles) {
            cells.insert(cell.place);
        }
        ControlFlow::Continue(())
    });
    cells
}

/// Whether a cell is a number its style shows as a percentage. A text, a formula's text or a
/// truth value shows none; nor does a formatted cell without a value (a formatted block of
/// empty cells), which holds nothing.
fn shown_as_percent(cell: &WalkedCell, styles: &[bool]) -> bool {
    let styled = cell.style.and_then(|s| styles.get(s)) == Some(&true);
    cell.number && cell.valued && styled
}

/// For each cell style (`cellXfs`, in order), whether its number format shows a percentage: the
/// built-in formats 9 and 10, or one the workbook defines in its `numFmts` (as calamine reads
/// them: a format without its code is none; the last definition of an id counts). Formats are
/// matched by number, as the schema types them (`0164` is 164), where calamine compares the text.
/// A differential format (`dxfs`, conditional formatting's) defines no cell's format.
fn percent_styles(zip: &mut Zip) -> Vec<bool> {
    let number = |text: Option<Cow<str>>| text.and_then(|t| t.trim().parse::<u32>().ok());
    let mut defined = HashMap::new();
    let mut style_formats = Vec::new();
    let (mut in_formats, mut in_cell_styles) = (false, false);
    each_event(zip, "xl/styles.xml", |event| match event {
        Event::Start(e) => match e.local_name().as_ref() {
            b"numFmts" => in_formats = true,
            b"numFmt" if in_formats => {
                let code = attr(e, b"formatCode").filter(|code| !code.is_empty());
                if let (Some(id), Some(code)) = (number(attr(e, b"numFmtId")), code) {
                    defined.insert(id, shows_percent(&code));
                }
            }
            b"cellXfs" => in_cell_styles = true,
            b"xf" if in_cell_styles => style_formats.push(number(attr(e, b"numFmtId"))),
            _ => {}
        },
        Event::End(e) => match e.local_name().as_ref() {
            b"numFmts" => in_formats = false,
            b"cellXfs" => in_cell_styles = false,
            _ => {}
        },
        _ => {}
    });
    let shows = |id: u32| defined.get(&id).copied().unwrap_or(id == 9 || id == 10);
    style_formats
        .into_iter()
        .map(|id| id.is_some_and(shows))
        .collect()
}

/// Whether a number format's first section shows a percentage: a `%` not quoted (`"%"`),
/// escaped (`\%`), the character after `_` (a space as wide as it) or `*` (a fill), nor inside
/// brackets (`[$%-409]`, a locale).
fn shows_percent(code: &str) -> bool {
    let (mut quoted, mut skip_next, mut bracketed) = (false, false, false);
    for c in code.chars() {
        match c {
            _ if skip_next => skip_next = false,
            '"' => quoted = !quoted,
            _ if quoted => {}
            ']' => bracketed = false,
            _ if bracketed => {}
            '[' => bracketed = true,
            '\\' | '_' | '*' => skip_next = true,
            ';' => return false,
            '%' => return true,
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_formats_are_those_excel_shows_with_a_percent_sign() {
        for (code, percent) in [
            ("0%", true),
            ("0.00%", true),
            ("#,##0.0%", true),
            ("0.00\"%\"", false),
            ("0\\%", false),
            ("0.00;[Red]-0.00%", false),
            ("[Red]0.00%", true),
            ("[$%-409]0.00", false),
            ("0.00_%", false),
            ("0.00*%", false),
            ("General", false),
        ] {
            assert_eq!(shows_percent(code), percent, "{code}");
        }
    }
}
