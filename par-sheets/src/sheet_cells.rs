//! The cells of an xlsx sheet as its XML writes them, walked where calamine's cells do not say
//! enough: how a number is shown ([`crate::number_formats`]), a formula without its result
//! ([`crate::formulas`]). Each cell is at the place calamine gives it, so that what the walk
//! finds is put on the cell calamine read.

use crate::sheet_xml::{attr, each_event, raw_attr, reference, sheet_part};
use crate::Zip;
use par_core::limits::SHEET_CELLS;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use std::ops::ControlFlow;

/// Excel's own limit on a formula's length: a longer text is cut, as it only names the cell.
pub(crate) const FORMULA_CHARS: usize = 8192;

/// Gives `seen` each cell (`<c>`) of the sheet named `sheet` that names or takes a place, with
/// what it holds, in the sheet's order, until `seen` says to stop.
pub(crate) fn each_cell(
    zip: &mut Zip,
    sheet: &str,
    mut seen: impl FnMut(WalkedCell) -> ControlFlow<()>,
) {
    let Some(part) = sheet_part(zip, sheet) else {
        return;
    };
    let mut cell: Option<WalkedCell> = None;
    let mut inside = Inside::Cell;
    let mut next = NextPlace::default();
    each_sheet_data_event(zip, &part, |event| {
        match event {
            Event::Start(e) if e.local_name().as_ref() == b"row" => next.row_started(e),
            Event::End(e) if e.local_name().as_ref() == b"row" => next.row_ended(),
            Event::Start(e) if e.local_name().as_ref() == b"c" => {
                cell = WalkedCell::of(e, &mut next)
            }
            Event::End(e) if e.local_name().as_ref() == b"c" => {
                if let Some(walked) = cell.take() {
                    return seen(walked);
                }
            }
            Event::Start(e) => {
                if let Some(cell) = cell.as_mut() {
                    inside = cell.opened(e);
                }
            }
            Event::End(_) => inside = Inside::Cell,
            // Only a formula's or a value's text is kept: an inline string's is not read.
            Event::Text(t) if inside != Inside::Cell => {
                if let (Some(cell), Ok(text)) = (cell.as_mut(), t.decode()) {
                    cell.read(inside, &text);
                }
            }
            // A formula's text may be written so; a value calamine does not read so.
            Event::CData(t) if inside == Inside::Formula => {
                if let (Some(cell), Ok(text)) = (cell.as_mut(), t.decode()) {
                    cell.read(inside, &text);
                }
            }
            Event::GeneralRef(r) if inside != Inside::Cell => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => r
                        .decode()
                        .ok()
                        .and_then(|name| resolve_predefined_entity(&name).map(str::to_string)),
                };
                if let (Some(cell), Some(text)) = (cell.as_mut(), resolved) {
                    cell.read(inside, &text);
                }
            }
            _ => {}
        }
        ControlFlow::Continue(())
    });
}

/// Calls `seen` with each event inside the `<sheetData>` of the sheet's `part`, until its end
/// or `seen` says to stop: calamine reads the cells of `<sheetData>` alone, and a `<c>`
/// elsewhere (in an extension after it) is no cell.
fn each_sheet_data_event(
    zip: &mut Zip,
    part: &str,
    mut seen: impl FnMut(&Event) -> ControlFlow<()>,
) {
    let (mut in_sheet_data, mut stopped) = (false, false);
    each_event(zip, part, |event| match event {
        _ if stopped => {}
        Event::Start(e) if e.local_name().as_ref() == b"sheetData" => in_sheet_data = true,
        Event::End(e) if e.local_name().as_ref() == b"sheetData" => stopped = true,
        _ if !in_sheet_data => {}
        event => stopped = seen(event).is_break(),
    });
}

/// The rows (from 0) of the sheet named `sheet` that Excel hides (`<row hidden="1">`: rows
/// hidden by hand, or left out by a filter) and that hold a cell, at the places calamine gives
/// their cells. A hidden row without one (a million written to hide the rows below a table)
/// holds nothing to say: there are never more than the sheet's cells.
pub(crate) fn hidden_rows(zip: &mut Zip, sheet: &str) -> Vec<usize> {
    let Some(part) = sheet_part(zip, sheet) else {
        return Vec::new();
    };
    let mut hidden = Vec::new();
    let mut next = NextPlace::default();
    // The hidden row being walked, until its first cell.
    let mut hidden_row = None;
    each_sheet_data_event(zip, &part, |event| {
        match event {
            Event::Start(e) if e.local_name().as_ref() == b"row" => {
                next.row_started(e);
                let is_hidden = matches!(raw_attr(e, b"hidden"), Some(b"1" | b"true"));
                hidden_row = is_hidden.then_some(next.row as usize);
            }
            Event::Start(e) if e.local_name().as_ref() == b"c" => {
                if let Some(row) = hidden_row.take() {
                    hidden.push(row);
                }
            }
            Event::End(e) if e.local_name().as_ref() == b"row" => {
                next.row_ended();
                hidden_row = None;
            }
            _ => {}
        }
        match hidden.len() >= SHEET_CELLS.max {
            true => ControlFlow::Break(()),
            false => ControlFlow::Continue(()),
        }
    });
    hidden
}

/// The place of the next cell that does not name its own (`r` is optional), counted exactly as
/// calamine counts it (`XlsxCellReader::next_cell`): from its row's `r`, one column on from the
/// cell before it; the column starts again at a row's end, not its start; the figures wrap at
/// 32 bits.
#[derive(Default)]
struct NextPlace {
    row: u32,
    col: u32,
}

impl NextPlace {
    fn row_started(&mut self, e: &BytesStart) {
        if let Some((row, _)) = raw_attr(e, b"r").and_then(reference) {
            self.row = row;
        }
    }

    fn row_ended(&mut self) {
        self.row = self.row.wrapping_add(1);
        self.col = 0;
    }

    /// The place of a cell (`<c>`), naming it or not; the next is after it. `None` for a
    /// reference calamine refuses (and with it the sheet).
    fn of_cell(&mut self, e: &BytesStart) -> Option<(usize, usize)> {
        let (row, col) = match raw_attr(e, b"r") {
            Some(raw) => match reference(raw)? {
                (row, Some(col)) => (row, col),
                (_, None) => return None,
            },
            None => (self.row, self.col),
        };
        self.col = col.wrapping_add(1);
        Some((usize::try_from(row).ok()?, usize::try_from(col).ok()?))
    }
}

/// Which of a cell's elements the walk is in.
#[derive(Clone, Copy, PartialEq)]
enum Inside {
    Cell,
    Formula,
    Value,
}

/// A cell (`<c>`) being walked: what it holds so far.
pub(crate) struct WalkedCell {
    pub(crate) place: (usize, usize),
    /// Typed as a number (no `t`, or `t="n"`): an empty value is then no result. A text result
    /// (`t="str"`) may be empty, as a formula giving `""` saves it.
    pub(crate) number: bool,
    /// Typed as a formula's error (`t="e"`).
    pub(crate) error: bool,
    /// The cell's style (`s`), by its position among the workbook's cell styles.
    pub(crate) style: Option<usize>,
    pub(crate) formula: Option<String>,
    /// A value or an inline string, whatever it holds.
    pub(crate) valued: bool,
    /// The value's text, as far as it tells a number 0 from another.
    pub(crate) value: String,
}

/// As much of a value's text as a number 0 is written in (`0.000000`, `-0E-10`).
pub(crate) const VALUE_CHARS: usize = 32;

impl WalkedCell {
    /// The cell a `<c>` starts.
    fn of(e: &BytesStart, next: &mut NextPlace) -> Option<Self> {
        let typed = attr(e, b"t");
        Some(WalkedCell {
            place: next.of_cell(e)?,
            number: typed.as_deref().is_none_or(|t| t == "n"),
            error: typed.as_deref() == Some("e"),
            style: attr(e, b"s").and_then(|s| s.trim().parse().ok()),
            formula: None,
            valued: false,
            value: String::new(),
        })
    }

    /// Notes an element opened in the cell, and says where its text goes.
    fn opened(&mut self, e: &BytesStart) -> Inside {
        match e.local_name().as_ref() {
            b"f" => {
                self.formula.get_or_insert_with(String::new);
                Inside::Formula
            }
            b"v" => {
                self.valued = true;
                Inside::Value
            }
            // An inline string: a text result.
            b"is" => {
                self.valued = true;
                self.number = false;
                Inside::Cell
            }
            _ => Inside::Cell,
        }
    }

    /// Takes a text read inside the cell.
    fn read(&mut self, inside: Inside, text: &str) {
        match (inside, self.formula.as_mut()) {
            (Inside::Formula, Some(formula)) if formula.len() < FORMULA_CHARS => {
                formula.push_str(text);
            }
            (Inside::Value, _) if self.value.len() <= VALUE_CHARS => self.value.push_str(text),
            _ => {}
        }
    }
}
