//! What calamine does not say of an ods sheet's cells, read from its `content.xml`:
//! - a number LibreOffice shows as a percentage (`office:value-type="percentage"`), which
//!   calamine gives as the 0.95 it stores: read as the `95%` the sheet shows, as in an xlsx;
//! - a formula's error (`calcext:value-type="error"`, `#DIV/0!` or `Err:502` in its text), which
//!   LibreOffice writes with an empty value, and calamine gives as an empty text: read as the
//!   error it shows;
//! - a formula a program wrote without its result (`table:formula` alone), which calamine gives
//!   as empty: read as its formula (`=1+2`);
//! - cells merged down a column (a unit's name over its criteria's rows), which calamine does not
//!   read from an ods: filled down as an xlsx's are ([`crate::SparseSheet::merged_down`]).
//!
//! Each would otherwise score as not entered, or in the wrong band, or be refused as a row without
//! a unit, without a word of why; read so, the engine refuses the formula's error and the formula
//! without its result naming the unit, criterion and row ([`crate::formulas`]).

use crate::sheet_xml::{attr, each_event};
use crate::Zip;
use calamine::Dimensions;
use par_core::limits::SHEET_CELLS;
use par_core::{CompactString, ParError};
use quick_xml::events::{BytesStart, Event};
use std::collections::HashSet;

/// The cells of one ods table that calamine does not read as the sheet shows them, at their
/// places (row and column, from 0, repeats counted).
#[derive(Default)]
pub(crate) struct OdsCells {
    /// The places of numbers shown as percentages.
    pub(crate) percent: HashSet<(usize, usize)>,
    /// The texts to read in place of what calamine gives: a formula's error, a formula without
    /// its result.
    pub(crate) texts: Vec<((usize, usize), CompactString)>,
    /// The merges reaching down more than one row (`table:number-rows-spanned`).
    pub(crate) merged_down: Vec<Dimensions>,
    /// The rows LibreOffice hides (`table:visibility="collapse"`, hidden by hand; `"filter"`,
    /// left out by a filter): each run's first row (from 0) and how many rows it repeats.
    pub(crate) hidden_rows: Vec<(usize, usize)>,
}

/// How a cell differs from what calamine gives of it.
#[derive(Clone)]
enum Shown {
    Percent,
    Text(CompactString),
}

/// As much of an error cell's text as names its error (`#DIV/0!`, `Err:502`).
const ERROR_CHARS: usize = 64;

/// A cell being walked: how many columns it takes, and what it shows.
struct OdsCell {
    repeats: usize,
    /// How many rows and columns the cell is merged over (1 and 1: none).
    spanned: (usize, usize),
    percent: bool,
    error: bool,
    formula_alone: Option<String>,
    text: String,
}

/// The cells of the ods table named `sheet` that calamine reads otherwise than the sheet shows
/// them. The table is found as calamine finds it: by its name, which no other table has. The
/// extent was checked first ([`crate::check_ods_extent`]): the places listed count against the
/// table's cells, past which the sheet is refused.
pub(crate) fn ods_cells(zip: &mut Zip, sheet: &str) -> Result<OdsCells, ParError> {
    let mut found = OdsCells::default();
    let mut in_table = false;
    let (mut row, mut row_repeats, mut col) = (0usize, 1usize, 0usize);
    let mut in_row: Vec<(usize, usize, Shown)> = Vec::new();
    let mut cell: Option<OdsCell> = None;
    let mut in_annotation = false;
    let mut places = Places::default();
    let mut refused = None;
    each_event(zip, "content.xml", |event| match event {
        _ if refused.is_some() => {}
        Event::Start(e) if e.name().as_ref() == b"table:table" => {
            // (No other table has its name: `chosen_sheet` refuses a sheet whose name another has.)
            in_table = attr(e, b"table:name").as_deref() == Some(sheet);
        }
        Event::End(e) if e.name().as_ref() == b"table:table" => in_table = false,
        _ if !in_table => {}
        // A comment's text (its author, date and words) is not the cell's.
        Event::Start(e) if e.name().as_ref() == b"office:annotation" => in_annotation = true,
        Event::End(e) if e.name().as_ref() == b"office:annotation" => in_annotation = false,
        _ if in_annotation => {}
        Event::Start(e) if e.name().as_ref() == b"table:table-row" => {
            row_repeats = repeats(e, b"table:number-rows-repeated");
            if matches!(
                attr(e, b"table:visibility").as_deref(),
                Some("collapse" | "filter")
            ) {
                found.hidden_rows.push((row, row_repeats));
            }
            (col, cell) = (0, None);
            in_row.clear();
        }
        Event::End(e) if e.name().as_ref() == b"table:table-row" => {
            // As often as the row repeats: each time at its own row.
            for (col, repeats, shown) in &in_row {
                if let Err(limit) = places.count(row_repeats, *repeats) {
                    refused = Some(limit);
                    return;
                }
                for r in row..row.saturating_add(row_repeats) {
                    for c in *col..col.saturating_add(*repeats) {
                        match shown {
                            Shown::Percent => _ = found.percent.insert((r, c)),
                            Shown::Text(text) => found.texts.push(((r, c), text.clone())),
                        }
                    }
                }
            }
            row = row.saturating_add(row_repeats);
        }
        Event::Start(e) if is_cell(e.name().as_ref()) => cell = Some(OdsCell::of(e)),
        Event::End(e) if is_cell(e.name().as_ref()) => {
            if let Some(walked) = cell.take() {
                let repeats = walked.repeats;
                if walked.spanned.0 > 1 {
                    // As often as the cell and its row repeat, each a merge of its own.
                    if let Err(limit) = places.count(row_repeats, repeats) {
                        refused = Some(limit);
                        return;
                    }
                    let at = (row, row_repeats, col, repeats);
                    found.merged_down.extend(merges(at, walked.spanned));
                }
                if let Some(shown) = walked.shown() {
                    in_row.push((col, repeats, shown));
                }
                col = col.saturating_add(repeats);
            }
        }
        Event::Text(t) => {
            if let (Some(cell), Ok(text)) = (cell.as_mut(), t.decode()) {
                if cell.text.len() < ERROR_CHARS {
                    cell.text.push_str(&text);
                }
            }
        }
        _ => {}
    });
    match refused {
        Some(limit) => Err(limit),
        None => Ok(found),
    }
}

/// The places listed so far (repeats counted), against the table's cells: past them the sheet
/// is refused.
#[derive(Default)]
struct Places(usize);

impl Places {
    fn count(&mut self, rows: usize, columns: usize) -> Result<(), ParError> {
        self.0 = self.0.saturating_add(rows.saturating_mul(columns));
        match self.0 > SHEET_CELLS.max {
            true => Err(SHEET_CELLS.exceeded_at_least()),
            false => Ok(()),
        }
    }
}

/// The merges of a cell at `row` and `col`, repeated `row_repeats` and `col_repeats` times, each
/// `spanned` rows and columns; those past calamine's 32-bit places are left out.
fn merges(
    (row, row_repeats, col, col_repeats): (usize, usize, usize, usize),
    (rows, cols): (usize, usize),
) -> impl Iterator<Item = Dimensions> {
    let place = |r: usize, c: usize| Some((u32::try_from(r).ok()?, u32::try_from(c).ok()?));
    let starts = (row..row.saturating_add(row_repeats))
        .flat_map(move |r| (col..col.saturating_add(col_repeats)).map(move |c| (r, c)));
    starts.filter_map(move |(r, c)| {
        let end = (
            r.saturating_add(rows - 1),
            c.saturating_add(cols.max(1) - 1),
        );
        Some(Dimensions::new(place(r, c)?, place(end.0, end.1)?))
    })
}

fn is_cell(name: &[u8]) -> bool {
    name == b"table:table-cell" || name == b"table:covered-table-cell"
}

impl OdsCell {
    fn of(e: &BytesStart) -> Self {
        let mut cell = OdsCell {
            repeats: repeats(e, b"table:number-columns-repeated"),
            spanned: (1, 1),
            percent: false,
            error: false,
            formula_alone: None,
            text: String::new(),
        };
        let mut formula = None;
        let mut valued = false;
        for a in e.attributes().flatten() {
            match a.key.as_ref() {
                b"office:value-type" => {
                    cell.percent = a.value.as_ref() == b"percentage";
                    // A text's value may be the cell's text, which calamine reads.
                    valued |= a.value.as_ref() == b"string";
                }
                b"calcext:value-type" => cell.error = a.value.as_ref() == b"error",
                b"table:formula" => {
                    let raw = std::str::from_utf8(&a.value).ok();
                    formula = raw
                        .and_then(|raw| Some(quick_xml::escape::unescape(raw).ok()?.into_owned()));
                }
                b"office:value"
                | b"office:string-value"
                | b"office:date-value"
                | b"office:time-value"
                | b"office:boolean-value" => valued = true,
                _ => {}
            }
        }
        cell.formula_alone = formula.filter(|_| !valued);
        // Only a merge over a value fills anything: an empty one (a formatted block) is no
        // merge, so that merges are no more than the cells calamine reads.
        if valued {
            cell.spanned = (
                repeats(e, b"table:number-rows-spanned"),
                repeats(e, b"table:number-columns-spanned"),
            );
        }
        cell
    }

    /// What the cell shows that calamine does not give.
    fn shown(self) -> Option<Shown> {
        if self.error {
            return Some(Shown::Text(self.text.trim().into()));
        }
        if let Some(formula) = self.formula_alone {
            // `of:=1+2`: the formula's namespace (OpenFormula, or `msoxl:`), then the formula as
            // typed.
            let typed = match formula.split_once(':') {
                Some((namespace, typed))
                    if typed.starts_with('=')
                        && namespace.bytes().all(|b| b.is_ascii_alphabetic()) =>
                {
                    typed
                }
                _ => formula.as_str(),
            };
            let shown = match typed.starts_with('=') {
                true => typed.to_string(),
                false => format!("={typed}"),
            };
            return Some(Shown::Text(shown.into()));
        }
        self.percent.then_some(Shown::Percent)
    }
}

/// A repeat count, as the extent check reads it ([`crate::repeats`]), which refused the counts
/// it could not read.
fn repeats(e: &BytesStart, name: &[u8]) -> usize {
    crate::repeats(e, name, e.decoder()).map_or(1, crate::to_usize)
}
