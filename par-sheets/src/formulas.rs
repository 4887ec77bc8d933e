//! The formula cells of an xlsx sheet whose result the file does not hold. Excel and LibreOffice
//! save each formula's last result beside it, and that is the cell's value; a program writing a
//! workbook may write the formula alone: openpyxl writes `<f>B5*0.5</f>` with an empty `<v/>`,
//! xlsxwriter (and rust_xlsxwriter) `<v>0</v>`, each asking for a full calculation when the file
//! is opened (`<calcPr fullCalcOnLoad="1"/>`). calamine gives the first as empty and the second
//! as 0: a score computed so would be read as not entered, or as 0. Such a cell is read as its
//! formula (`=B5*0.5`), which no criterion takes: the unit's problem names the cell's row and
//! criterion and says to save the file in Excel again (or to type the value itself).

use crate::sheet_xml::{attr, cell_place, each_element, each_event, sheet_part};
use crate::Zip;
use par_core::CompactString;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use std::ops::ControlFlow;

/// Excel's own limit on a formula's length: a longer text is cut, as it only names the cell.
const FORMULA_CHARS: usize = 8192;

/// Whether the workbook asks to be calculated in full when it is opened: its formulas' saved
/// results were not computed by a spreadsheet program, as xlsxwriter's documentation says of the
/// 0 it saves for each. Excel calculates such a workbook on opening and saves its own properties.
/// LibreOffice by default does not calculate it, and saves the 0s as results without the request:
/// such a file cannot be told from one whose formulas gave 0.
pub(crate) fn asks_full_calculation_on_load(zip: &mut Zip) -> bool {
    let mut asked = false;
    each_element(zip, "xl/workbook.xml", |e| {
        if e.local_name().as_ref() == b"calcPr" {
            let full = attr(e, b"fullCalcOnLoad");
            asked |= matches!(full.as_deref(), Some("1" | "true" | "on"));
        }
    });
    asked
}

/// Gives `take` each formula cell of the sheet named `sheet` without a result, in the sheet's
/// order, until `take` says to stop (a table limit reached): its place (row and column, from 0)
/// and its formula as written (`=B5*0.5`; a cell sharing another's formula, which it does not
/// write out, as `=` alone). In a workbook that asks to be calculated on opening
/// ([`asks_full_calculation_on_load`]), a formula's result 0 is the writer's, and no result
/// either; any other is taken as the writer computed it.
pub(crate) fn each_formula_without_result(
    zip: &mut Zip,
    sheet: &str,
    calculated_on_load: bool,
    mut take: impl FnMut((usize, usize), CompactString) -> ControlFlow<()>,
) {
    each_cell(zip, sheet, |cell| {
        match cell.without_result(calculated_on_load) {
            Some((place, formula)) => take(place, formula),
            None => ControlFlow::Continue(()),
        }
    });
}

/// The place (row and column, from 0) of the first cell of the sheet named `sheet` that shows
/// the formula error `value` (`<c t="e"><v>#SPILL!</v></c>`), counted as calamine counts it.
pub(crate) fn place_of_error(zip: &mut Zip, sheet: &str, value: &str) -> Option<(usize, usize)> {
    let mut found = None;
    each_cell(zip, sheet, |cell| {
        if cell.error && cell.value.trim() == value {
            found = Some(cell.place);
            return ControlFlow::Break(());
        }
        ControlFlow::Continue(())
    });
    found
}

/// Gives `seen` each cell (`<c>`) of the sheet named `sheet` that names or takes a place, with
/// what it holds, in the sheet's order, until `seen` says to stop.
fn each_cell(zip: &mut Zip, sheet: &str, mut seen: impl FnMut(WalkedCell) -> ControlFlow<()>) {
    let Some(part) = sheet_part(zip, sheet) else {
        return;
    };
    let mut cell: Option<WalkedCell> = None;
    let mut inside = Inside::Cell;
    let mut next = NextPlace::default();
    let mut stopped = false;
    each_event(zip, &part, |event| match event {
        _ if stopped => {}
        Event::Start(e) if e.local_name().as_ref() == b"row" => next.row_started(e),
        Event::End(e) if e.local_name().as_ref() == b"row" => next.row_ended(),
        Event::Start(e) if e.local_name().as_ref() == b"c" => cell = WalkedCell::of(e, &mut next),
        Event::End(e) if e.local_name().as_ref() == b"c" => {
            if let Some(walked) = cell.take() {
                stopped = seen(walked).is_break();
            }
        }
        Event::Start(e) => {
            if let Some(cell) = cell.as_mut() {
                inside = cell.opened(e);
            }
        }
        Event::End(_) => inside = Inside::Cell,
        Event::Text(t) => {
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
        Event::GeneralRef(r) => {
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
    });
}

/// The place of the next cell that does not name its own (`r` is optional), counted as calamine
/// counts it: from its row's `r`, one column on from the cell before it.
#[derive(Default)]
struct NextPlace {
    row: usize,
    col: usize,
}

impl NextPlace {
    fn row_started(&mut self, e: &BytesStart) {
        let numbered = attr(e, b"r").and_then(|r| r.parse::<usize>().ok());
        if let Some(row) = numbered.and_then(|r| r.checked_sub(1)) {
            self.row = row;
        }
        self.col = 0;
    }

    fn row_ended(&mut self) {
        self.row = self.row.saturating_add(1);
        self.col = 0;
    }

    /// The place of a cell (`<c>`) that has content, naming it or not; the next is after it.
    fn of_cell(&mut self, e: &BytesStart) -> Option<(usize, usize)> {
        let place = match attr(e, b"r") {
            Some(reference) => cell_place(&reference)?,
            None => (self.row, self.col),
        };
        self.col = place.1.saturating_add(1);
        Some(place)
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
struct WalkedCell {
    place: (usize, usize),
    /// Typed as a number (no `t`, or `t="n"`): an empty value is then no result. A text result
    /// (`t="str"`) may be empty, as a formula giving `""` saves it.
    number: bool,
    /// Typed as a formula's error (`t="e"`).
    error: bool,
    formula: Option<String>,
    /// A value or an inline string, whatever it holds.
    valued: bool,
    /// The value's text, as far as it tells a number 0 from another.
    value: String,
}

/// As much of a value's text as a number 0 is written in (`0.000000`, `-0E-10`).
const VALUE_CHARS: usize = 32;

impl WalkedCell {
    /// The cell a `<c>` starts.
    fn of(e: &BytesStart, next: &mut NextPlace) -> Option<Self> {
        let typed = attr(e, b"t");
        Some(WalkedCell {
            place: next.of_cell(e)?,
            number: typed.as_deref().is_none_or(|t| t == "n"),
            error: typed.as_deref() == Some("e"),
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

    /// Whether the cell holds a result: a value not empty, or any value of a cell not typed as
    /// a number; where the workbook asks to be calculated on opening (`calculated_on_load`),
    /// not a number 0.
    fn has_result(&self, calculated_on_load: bool) -> bool {
        if !self.number {
            return self.valued;
        }
        let value = self.value.trim();
        let writers_zero = calculated_on_load && self.value.len() <= VALUE_CHARS && is_zero(value);
        match value {
            "" => false,
            _ => !writers_zero,
        }
    }

    /// The cell's place and formula, if it has one and no result.
    fn without_result(self, calculated_on_load: bool) -> Option<((usize, usize), CompactString)> {
        if self.has_result(calculated_on_load) {
            return None;
        }
        let formula = self.formula?;
        let shown: String = std::iter::once('=')
            .chain(formula.chars().take(FORMULA_CHARS))
            .collect();
        Some((self.place, shown.into()))
    }
}

/// Whether a stored number is 0, however written (`0`, `0.0`, `-0`, `0E0`): its digits before
/// any exponent are all zeros.
fn is_zero(stored: &str) -> bool {
    let unsigned = stored.trim().trim_start_matches(['+', '-']);
    let digits = unsigned.split(['e', 'E']).next().unwrap_or_default();
    digits.contains('0') && digits.chars().all(|c| c == '0' || c == '.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_zero_is_one_however_written() {
        for zero in ["0", " 0 ", "0.0", "-0", "+0", ".0", "00", "0E0", "0e-5"] {
            assert!(is_zero(zero), "{zero}");
        }
        for other in ["", "1", "0.5", "10", "-", ".", "1E0", "e0"] {
            assert!(!is_zero(other), "{other}");
        }
    }
}
