//! Which number cells of an xlsx sheet Excel shows otherwise than calamine gives them, told by
//! the number format their style names (`xl/styles.xml`):
//! - percentages: a unit types a measured rate as `97%`; Excel stores 0.97 and formats the cell
//!   `0%`, and calamine gives the 0.97 alone. The built-in formats 9 (`0%`) and 10 (`0.00%`), or
//!   a custom one with a `%` outside quotes, show one.
//! - dates whose format writes words (`"Cà Mau, ngày "dd" tháng "mm" năm "yyyy`, as the date
//!   below a signed sheet is formatted): calamine 0.32 reads the format's quotes as the XML
//!   writes them (`&quot;`), takes the `;` in that for the end of the format's first section,
//!   and gives the day's serial number (45611), which nobody would recognise. (calamine 0.38
//!   reads the format right; it needs quick-xml and zip versions par-sheets does not use yet.)
//! - fixed decimals (`0.00`, `#,##0.00`): a number stored with more decimals than its format
//!   shows (2.345 shown as 2.35, a formula's result) is read as stored, and noted, as float noise
//!   is: the sheet shows a figure other than the one scored. (One with fewer is read as typed:
//!   `1.1` in a column formatted `0.00`, shown `1.10`, is read `1.1`, as a whole sheet so
//!   formatted holds codes 1.1, 1.2 typed as numbers; a criterion 1.10 typed as a number cannot
//!   be told from 1.1.)

use crate::sheet_cells::{each_cell, WalkedCell};
use crate::sheet_xml::{attr, each_event};
use crate::Zip;
use par_core::limits::{SHEET_CELLS, SHEET_ROWS};
use quick_xml::events::Event;
use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::ControlFlow;

/// How a number cell is shown, where calamine does not give it so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shown {
    Percent,
    Date,
    /// A number shown with at most `max` decimals (`0.0#`: 2).
    Decimals {
        max: usize,
    },
}

/// The number cells of a sheet shown otherwise than calamine gives them, by their places (row
/// and column, from 0), and whether the workbook counts its days from 1904 (Excel for Mac's
/// old workbooks) rather than 1900.
#[derive(Debug, Default)]
pub(crate) struct ShownCells {
    /// In order of place, each place once. A list, not a map: a sheet of 11 million cells
    /// formatted `0%` took 28 s and 540 MB more than one without, mostly hashing its places.
    cells: Vec<((u32, u32), Shown)>,
    /// Where the cell after the last one found is: a sheet's cells are read in order.
    next: usize,
    pub(crate) days_from_1904: bool,
}

impl ShownCells {
    /// How the cell at `place` is shown, if its style says: the cell after the last found is
    /// looked at first, as the sheet's cells are read in the order they were listed in, and a
    /// place between it and the one before is listed in none; any other is searched for (a
    /// sheet's XML may list cells in any order).
    pub(crate) fn at(&mut self, place: (usize, usize)) -> Option<Shown> {
        let place = (u32::try_from(place.0).ok()?, u32::try_from(place.1).ok()?);
        let before = self.next.checked_sub(1).and_then(|i| self.cells.get(i));
        let after_before = before.is_none_or(|(p, _)| *p < place);
        let at = match self.cells.get(self.next) {
            Some((next, _)) if *next == place => self.next,
            next if after_before && next.is_none_or(|(p, _)| place < *p) => return None,
            _ => (self.cells)
                .binary_search_by_key(&place, |(p, _)| *p)
                .ok()?,
        };
        self.next = at + 1;
        Some(self.cells[at].1)
    }
}

/// The number cells of the sheet named `sheet` whose style shows them as percentages or as
/// dates calamine does not see. Empty where the workbook has no such style, or its parts cannot
/// be followed: the cells are then read as calamine gives them, as before.
pub(crate) fn shown_cells(zip: &mut Zip, sheet: &str) -> ShownCells {
    let styles = styles_shown(zip);
    if styles.iter().all(Option::is_none) {
        return ShownCells::default();
    }
    let mut cells = Vec::new();
    each_cell(zip, sheet, |cell| {
        // As many as the table's cells at most, down to the sheet's last row: a larger sheet is
        // refused anyway, when its cells are read.
        if cells.len() >= SHEET_CELLS.max || cell.place.0 >= SHEET_ROWS.max {
            return ControlFlow::Break(());
        }
        // Within a sheet's rows (checked) and its 16,384 columns (as the walk counts them).
        let place = (u32::try_from(cell.place.0), u32::try_from(cell.place.1));
        if let (Some(shown), (Ok(row), Ok(column))) = (shown_as(&cell, &styles), place) {
            cells.push(((row, column), shown));
        }
        ControlFlow::Continue(())
    });
    // A place listed twice (which Excel never writes) is shown as its last listing says.
    cells.sort_by_key(|(place, _)| *place);
    cells.dedup_by(|later, earlier| {
        let same = later.0 == earlier.0;
        if same {
            *earlier = *later;
        }
        same
    });
    let days_from_1904 = !cells.is_empty() && counts_days_from_1904(zip);
    ShownCells {
        cells,
        next: 0,
        days_from_1904,
    }
}

/// How a cell's style shows it, if it is a number. A text, a formula's text or a truth value
/// shows none; nor does a formatted cell without a value (a formatted block of empty cells),
/// which holds nothing.
fn shown_as(cell: &WalkedCell, styles: &[Option<Shown>]) -> Option<Shown> {
    let shown = (*cell.style.and_then(|s| styles.get(s))?)?;
    (cell.number && cell.valued).then_some(shown)
}

/// Whether the workbook counts its days from 1904 (`<workbookPr date1904="1">`).
fn counts_days_from_1904(zip: &mut Zip) -> bool {
    let mut from_1904 = false;
    crate::sheet_xml::each_element(zip, "xl/workbook.xml", |e| {
        if e.local_name().as_ref() == b"workbookPr" {
            let date1904 = attr(e, b"date1904");
            from_1904 = date1904.is_some_and(|v| matches!(v.trim(), "1" | "true"));
        }
    });
    from_1904
}

/// For each cell style (`cellXfs`, in order), how its number format shows a number, where
/// calamine does not: a percentage (the built-in formats 9 and 10, or one the workbook defines
/// in its `numFmts`), or a date whose format writes words. Formats are defined as calamine reads
/// them: a format without its code is none; the last definition of an id counts. They are
/// matched by number, as the schema types them (`0164` is 164), where calamine compares the
/// text. A differential format (`dxfs`, conditional formatting's) defines no cell's format.
fn styles_shown(zip: &mut Zip) -> Vec<Option<Shown>> {
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
                    defined.insert(id, shown_by(&code));
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
    let built_in = |id: u32| match id {
        9 | 10 => Some(Shown::Percent),
        // `0`, `#,##0` and the accounting formats without decimals; then with two.
        1 | 3 | 37 | 38 | 41 | 42 => Some(Shown::Decimals { max: 0 }),
        2 | 4 | 39 | 40 | 43 | 44 => Some(Shown::Decimals { max: 2 }),
        _ => None,
    };
    let shows = |id: u32| defined.get(&id).copied().unwrap_or_else(|| built_in(id));
    style_formats
        .into_iter()
        .map(|id| id.and_then(shows))
        .collect()
}

/// How a custom number format shows a number, where calamine does not: a percentage, a date
/// whose format writes words in quotes (calamine reads every other date format), or a number
/// with fixed decimals.
fn shown_by(code: &str) -> Option<Shown> {
    if shows_percent(code) {
        return Some(Shown::Percent);
    }
    if code.contains('"') && shows_date(code) {
        return Some(Shown::Date);
    }
    decimals_shown(code)
}

/// The most decimals a plain number format's first section shows: `0.00` 2, `#,##0.0#` 2,
/// `0" điểm"` none. Any other format (a date, a fraction, a scientific or scaled number, text)
/// shows none of its own here: its numbers are read as stored.
fn decimals_shown(code: &str) -> Option<Shown> {
    let placeholders = meant_in_first_section(code);
    let placeholders = placeholders.trim_matches(|c: char| " -+()$".contains(c));
    let (whole, decimals) = placeholders.split_once('.').unwrap_or((placeholders, ""));
    let digit = |c: char| matches!(c, '0' | '#' | '?');
    // A comma after the last digit scales the number by a thousand: not shown as stored.
    let plain = whole.ends_with(digit)
        && whole.chars().all(|c| digit(c) || c == ',')
        && decimals.chars().all(digit);
    if !plain {
        return None;
    }
    Some(Shown::Decimals {
        max: decimals.len(),
    })
}

/// Whether a number format's first section shows a date or a time of day: a day, month, year,
/// hour or second (`d`, `m`, `y`, `h`, `s`), read as [`first_section_shows`] reads a format (an
/// elapsed time `[h]`, in brackets, is a duration, shown as its number).
fn shows_date(code: &str) -> bool {
    first_section_shows(code, |c| "dDmMyYhHsS".contains(c))
}

/// Whether a number format's first section shows a percentage (`[$%-409]` is a locale).
fn shows_percent(code: &str) -> bool {
    first_section_shows(code, |c| c == '%')
}

/// Whether a number format's first section holds a character `shown` means, as the format
/// writes it ([`meant_in_first_section`]).
fn first_section_shows(code: &str, shown: impl Fn(char) -> bool) -> bool {
    meant_in_first_section(code).chars().any(shown)
}

/// The characters of a number format's first section (up to its first `;`) that the format
/// means, as it writes them: not quoted (`"%"`), escaped (`\%`), the character after `_` (a space
/// as wide as it) or `*` (a fill), nor inside brackets (a colour, a locale).
fn meant_in_first_section(code: &str) -> String {
    let mut meant = String::new();
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
            ';' => break,
            c => meant.push(c),
        }
    }
    meant
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_shown_with_words_are_those_calamine_reads_as_numbers() {
        for (code, date) in [
            ("\"Cà Mau, ngày \"dd\" tháng \"mm\" năm \"yyyy", true),
            ("\"ngày \"d/m/yyyy", true),
            ("dd/mm/yyyy\" (dự kiến)\"", true),
            // Read as dates by calamine itself: no quote.
            ("dd/mm/yyyy", false),
            ("0.00\" điểm\"", false),
            ("#,##0\" đ\"", false),
            ("\"Tổng: \"0.00", false),
            ("[Red]\"-\"0.00", false),
            ("[Magenta]\"giờ \"0", false),
            ("[h]\" giờ\"", false),
            ("0.00\" ngày\";\"dd\"", false),
        ] {
            assert_eq!(shown_by(code) == Some(Shown::Date), date, "{code}");
        }
    }

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

    /// Cells are found however they are asked for: in the order they were listed, out of it,
    /// or not listed at all.
    #[test]
    fn a_shown_cell_is_found_in_any_order() {
        let mut shown = ShownCells {
            cells: vec![
                ((0, 2), Shown::Percent),
                ((1, 0), Shown::Date),
                ((3, 1), Shown::Percent),
            ],
            ..ShownCells::default()
        };
        let asked = [
            (0, 2),
            (1, 0),
            (3, 1),
            (1, 0),
            (0, 2),
            (2, 0),
            (3, 1),
            (7, 7),
        ];
        let found: Vec<_> = asked.iter().map(|&place| shown.at(place)).collect();
        use Shown::*;
        let expected = [Percent, Date, Percent, Date, Percent].map(Some);
        assert_eq!(found[..5], expected);
        assert_eq!(found[5..], [None, Some(Percent), None]);
    }

    #[test]
    fn decimals_are_those_a_plain_number_format_shows() {
        let decimals = |max| Some(Shown::Decimals { max });
        for (code, shown) in [
            ("0.00", decimals(2)),
            ("#,##0.00", decimals(2)),
            ("0", decimals(0)),
            ("0.0#", decimals(2)),
            ("0.00\" điểm\"", decimals(2)),
            ("[Red]0.00;[Blue]-0.00", decimals(2)),
            ("_(* #,##0.00_);_(* (#,##0.00)", decimals(2)),
            ("General", None),
            ("@", None),
            ("0.00E+00", None),
            ("# ?/?", None),
            ("0.00,", None),
            ("dd/mm/yyyy", None),
        ] {
            assert_eq!(decimals_shown(code), shown, "{code}");
        }
    }
}
