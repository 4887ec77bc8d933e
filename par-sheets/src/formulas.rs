//! The formula cells of an xlsx sheet whose result the file does not hold. Excel and LibreOffice
//! save each formula's last result beside it, and that is the cell's value; a program writing a
//! workbook may write the formula alone: openpyxl writes `<f>B5*0.5</f>` with an empty `<v/>`,
//! xlsxwriter (and rust_xlsxwriter) `<v>0</v>`, each asking for a full calculation when the file
//! is opened (`<calcPr fullCalcOnLoad="1"/>`). calamine gives the first as empty and the second
//! as 0: a score computed so would be read as not entered, or as 0. Such a cell is read as its
//! formula (`=B5*0.5`), which no criterion takes: the unit's problem names the cell's row and
//! criterion and says to save the file in Excel again (or to type the value itself).

use crate::sheet_cells::{each_cell, WalkedCell, FORMULA_CHARS, VALUE_CHARS};
use crate::sheet_xml::{attr, each_element};
use crate::Zip;
use par_core::CompactString;
use std::ops::ControlFlow;

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

impl WalkedCell {
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
