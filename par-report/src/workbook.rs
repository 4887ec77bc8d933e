//! The Excel report: one workbook with
//! - the ranking of each block (rank, unit, points, index, band, components, fields);
//! - every unit's points on every node of the tree;
//! - the criterion analysis (per block, every node's mean, median, lowest, highest…);
//! - the points each unit lost, criterion by criterion, the most first;
//! - the moves against the previous ranking, when one is given.
//!
//! Every amount is a numeric cell with the methodology's number of decimals as its format, never
//! text, so that Excel sums, sorts and charts it and shows `67,00` on a Vietnamese computer. Each
//! sheet has title rows naming the methodology and its decision, a frozen header row repeated on
//! every printed page, a filter, column widths for its contents, and is set up to print landscape
//! on A4, fitted to the page's width.
//!
//! The same results give the same bytes: the document's dates are fixed (1 January 1980, the
//! date zip files count from), as are the zip entries' own.

use crate::tables::{
    analysis_table, changes_table, lost_table, points_table, ranking_tables, Cell, Table,
};
use par_core::compare::Comparison;
use par_core::text::{ReadingMsg, ReportText};
use par_core::{ErrorCode, Lang, Methodology, ParError, Results};
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};
use std::collections::{HashMap, HashSet};

/// What a report is made of: scored results, the methodology they were scored on (for the
/// decision that title rows name), the comparison with the previous ranking, and the language.
pub struct Report<'a> {
    pub results: &'a Results,
    pub methodology: Option<&'a Methodology>,
    pub comparison: Option<&'a Comparison>,
    pub lang: Lang,
}

/// Rows an Excel sheet holds.
const EXCEL_ROWS: usize = 1_048_576;
/// Characters of a sheet's name.
const SHEET_NAME_CHARS: usize = 31;
/// Widest a column is made, in characters; longer texts wrap.
const WIDEST: usize = 60;

/// The report as xlsx bytes, or a refusal when it would hold more cells than
/// [`par_core::limits::REPORT_CELLS`] or more text than [`par_core::limits::REPORT_TEXT_BYTES`].
pub fn workbook(report: &Report) -> Result<Vec<u8>, ParError> {
    par_core::limits::REPORT_CELLS.check(cells(report))?;
    // The tables share the texts they repeat; the workbook copies each into its cell.
    let tables = tables(report)?;
    par_core::limits::REPORT_TEXT_BYTES.check(tables.iter().map(text_bytes).sum())?;
    write(report, tables).map_err(|e| {
        ParError::new(
            ErrorCode::LimitExceeded,
            ReadingMsg::CannotWriteOutput {
                detail: e.to_string(),
            },
        )
    })
}

/// The cells a report will have, counted from the results before any sheet is made: a
/// workbook is held in memory while it is written.
fn cells(report: &Report) -> usize {
    let results = report.results;
    let units = results.units.len();
    let nodes = results.tree.len();
    let fields = results.tree.iter().filter(|t| t.parent.is_none()).count();
    let components = results.units.first().map_or(0, |u| u.components.len());
    let ranking = units.saturating_mul(5 + components + fields);
    let points = units.saturating_mul(3 + nodes);
    let analysis = results
        .blocks
        .len()
        .saturating_mul(nodes)
        .saturating_mul(15);
    let lost = lost_rows(results).saturating_mul(crate::tables::LOST_COLUMNS);
    let changes = report
        .comparison
        .map_or(0, |c| c.units.len().saturating_mul(8 + fields));
    [ranking, points, analysis, lost, changes]
        .into_iter()
        .fold(0, usize::saturating_add)
}

/// The rows of the points-lost sheet: each unit's criteria where it lost points, at most
/// [`crate::tables::LOST_PER_UNIT`] of them; a tree of one criterion gives one row a unit.
fn lost_rows(results: &Results) -> usize {
    (results.units.iter())
        .map(|u| u.lost_count().min(crate::tables::LOST_PER_UNIT))
        .fold(0, usize::saturating_add)
}

/// The report's sheets, in order; refused where the analysis is
/// ([`par_core::limits::ANALYSIS_TEXT_BYTES`]).
fn tables(report: &Report) -> Result<Vec<Table>, ParError> {
    let (results, lang) = (report.results, report.lang);
    let mut tables = ranking_tables(results, lang);
    tables.push(points_table(results, lang));
    tables.push(analysis_table(results, lang)?);
    tables.push(lost_table(results, lang));
    if let Some(comparison) = report.comparison {
        tables.push(changes_table(comparison, lang));
    }
    Ok(tables)
}

/// The bytes of text a table's sheet is written with: its name, subtitle, header and text cells.
fn text_bytes(table: &Table) -> usize {
    let header: usize = table.header.iter().map(String::len).sum();
    let cells = table.written_rows().flatten().map(|cell| match cell {
        Cell::Text(text) => text.len(),
        _ => 0,
    });
    let subtitle = table.subtitle.as_ref().map_or(0, String::len);
    table.name.len() + subtitle + header + cells.sum::<usize>()
}

fn write(report: &Report, tables: Vec<Table>) -> Result<Vec<u8>, XlsxError> {
    let lang = report.lang;
    let results = report.results;
    let mut book = Workbook::new();
    let fixed = ExcelDateTime::from_ymd(1980, 1, 1)?;
    let title = ReportText::ReportTitle {
        methodology: results.methodology.name.clone(),
    }
    .render(lang);
    book.set_properties(
        &DocProperties::new()
            .set_title(&title)
            .set_creation_datetime(&fixed),
    );
    let mut titles = vec![title];
    if let Some(decision) = report.methodology.and_then(decision_line(lang)) {
        titles.push(decision);
    }
    let mut sheets = Sheets {
        styles: Styles::new(results.rounding.places),
        titles,
        names: SheetNames::default(),
        lang,
        book: &mut book,
    };
    for table in tables {
        sheets.write(table)?;
    }
    book.save_to_buffer()
}

fn decision_line(lang: Lang) -> impl Fn(&Methodology) -> Option<String> {
    move |m| {
        let def = m.def();
        let decision = def.decision.clone()?;
        Some(
            ReportText::DecisionLine {
                decision,
                date: def.date.clone(),
            }
            .render(lang),
        )
    }
}

struct Styles {
    title: Format,
    subtitle: Format,
    header: Format,
    text: Format,
    amount: Format,
    count: Format,
    change: Format,
    moved: Format,
}

impl Styles {
    fn new(places: u32) -> Styles {
        let amount = match places {
            0 => "0".to_string(),
            n => format!("0.{}", "0".repeat(n as usize)),
        };
        let cell = Format::new().set_border(FormatBorder::Thin);
        Styles {
            title: Format::new().set_bold().set_font_size(14),
            subtitle: Format::new().set_italic(),
            header: cell
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color(0xD9E1F2),
            text: cell.clone().set_text_wrap().set_align(FormatAlign::Top),
            amount: cell.clone().set_num_format(&amount),
            change: cell
                .clone()
                .set_num_format(format!("+{amount};-{amount};{amount}")),
            count: cell.clone().set_num_format("0"),
            moved: cell.set_num_format("+0;-0;0"),
        }
    }
}

/// Sheet names as Excel allows them: at most 31 characters, none of `[]:*?/\`, each once.
#[derive(Default)]
struct SheetNames {
    /// The names taken, lower-cased once: Excel tells sheet names apart regardless of case.
    taken: HashSet<String>,
    /// Per name as cut to its first 31 characters, the number its next ` (n)` is tried from:
    /// every number before it is taken already, and names are never given back, so a thousand
    /// blocks named alike do not each try again the numbers the ones before them took.
    next: HashMap<String, usize>,
}

impl SheetNames {
    fn take(&mut self, wanted: &str) -> String {
        let clean: String = excel_text(wanted)
            .chars()
            .map(|c| match c {
                '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '-',
                c if c.is_control() => ' ',
                c => c,
            })
            .collect();
        // Cut to length before the apostrophes a name may not begin or end with are trimmed.
        let fitted = |room: usize| -> String {
            let cut = within_excel_length(clean.trim(), room);
            cut.trim().trim_matches('\'').trim().to_string()
        };
        // Every candidate is made from these characters alone.
        let stem = within_excel_length(clean.trim(), SHEET_NAME_CHARS).to_string();
        let mut name = fitted(SHEET_NAME_CHARS);
        if !self.is_free(&name) {
            let mut n = self.next.get(&stem).copied().unwrap_or(2);
            loop {
                let suffix = format!(" ({n})");
                name = fitted(SHEET_NAME_CHARS - suffix.chars().count()) + &suffix;
                n += 1;
                if self.is_free(&name) {
                    break;
                }
            }
            self.next.insert(stem, n);
        }
        self.taken.insert(name.to_lowercase());
        name
    }

    /// Whether a sheet may be given `name`: not empty, not taken, not `History` (Excel's own).
    fn is_free(&self, name: &str) -> bool {
        !name.is_empty()
            && !name.eq_ignore_ascii_case("history")
            && !self.taken.contains(&name.to_lowercase())
    }
}

/// The start of a text that fits in `room` of Excel's characters. Excel counts a text's length
/// in UTF-16 units: a character beyond the Basic Multilingual Plane (an emoji, a Nôm character
/// of CJK Extension B) counts twice, and a sheet name of 31 such characters is 62 long, which
/// Excel refuses to open without repairing the workbook.
fn within_excel_length(text: &str, room: usize) -> &str {
    let mut used = 0;
    for (at, c) in text.char_indices() {
        used += c.len_utf16();
        if used > room {
            return &text[..at];
        }
    }
    text
}

/// Where a sheet is written and in what words: shared by every sheet of a report.
struct Sheets<'a> {
    styles: Styles,
    titles: Vec<String>,
    names: SheetNames,
    lang: Lang,
    book: &'a mut Workbook,
}

impl Sheets<'_> {
    fn write(&mut self, table: Table) -> Result<(), XlsxError> {
        write_table(
            self.book,
            &self.styles,
            &self.titles,
            &mut self.names,
            self.lang,
            table,
        )
    }
}

fn write_table(
    book: &mut Workbook,
    styles: &Styles,
    titles: &[String],
    names: &mut SheetNames,
    lang: Lang,
    table: Table,
) -> Result<(), XlsxError> {
    let sheet = book.add_worksheet();
    sheet.set_name(names.take(&table.name))?;
    let mut row: u32 = 0;
    for (i, title) in titles.iter().enumerate() {
        let style = if i == 0 {
            &styles.title
        } else {
            &styles.subtitle
        };
        sheet.write_string_with_format(row, 0, excel_text(title), style)?;
        row += 1;
    }
    if let Some(subtitle) = &table.subtitle {
        sheet.write_string_with_format(row, 0, excel_text(subtitle), &styles.subtitle)?;
        row += 1;
    }
    row += 1;
    let header_row = row;
    let mut widths: Vec<usize> = table.header.iter().map(|h| width(h).min(24)).collect();
    for (col, heading) in table.header.iter().enumerate() {
        sheet.write_string_with_format(
            header_row,
            col as u16,
            excel_text(heading),
            &styles.header,
        )?;
    }
    // The rows and the lists after them, as many as the sheet has room for.
    let room = EXCEL_ROWS - header_row as usize - 2;
    let shown = table.rows.len().min(room);
    for cells in table.written_rows().take(room) {
        row += 1;
        for (col, cell) in cells.iter().enumerate() {
            let written = write_cell(sheet, styles, row, col as u16, cell)?;
            if let Some(w) = widths.get_mut(col) {
                *w = (*w).max(written);
            }
        }
    }
    let count = table.written_len().saturating_sub(room);
    if count > 0 {
        let note = ReportText::RowsNotShown { count }.render(lang);
        sheet.write_string_with_format(row + 1, 0, note, &styles.subtitle)?;
    }
    for (col, w) in widths.iter().enumerate() {
        sheet.set_column_width(col as u16, (*w).clamp(6, WIDEST) as f64 + 2.0)?;
    }
    let last_col = table.header.len().saturating_sub(1) as u16;
    sheet.set_freeze_panes(header_row + 1, 0)?;
    sheet.set_repeat_rows(header_row, header_row)?;
    if shown > 0 {
        sheet.autofilter(header_row, 0, header_row + shown as u32, last_col)?;
    }
    set_up_printing(sheet);
    Ok(())
}

fn set_up_printing(sheet: &mut Worksheet) {
    const A4: u8 = 9;
    sheet
        .set_landscape()
        .set_paper_size(A4)
        .set_print_fit_to_pages(1, 0)
        .set_footer("&C&P / &N");
}

/// Writes one cell; its width in characters, for the column's.
fn write_cell(
    sheet: &mut Worksheet,
    styles: &Styles,
    row: u32,
    col: u16,
    cell: &Cell,
) -> Result<usize, XlsxError> {
    Ok(match cell {
        Cell::Text(text) => {
            sheet.write_string_with_format(row, col, excel_text(text), &styles.text)?;
            width(text)
        }
        Cell::Amount(amount) => {
            sheet.write_number_with_format(row, col, number(amount.0), &styles.amount)?;
            amount.0.to_string().len()
        }
        Cell::Change(change) => {
            sheet.write_number_with_format(row, col, number(change.0), &styles.change)?;
            change.0.to_string().len() + 1
        }
        Cell::Count(n) => {
            sheet.write_number_with_format(row, col, *n as f64, &styles.count)?;
            n.to_string().len()
        }
        Cell::Moved(n) => {
            sheet.write_number_with_format(row, col, *n as f64, &styles.moved)?;
            n.to_string().len() + 1
        }
        Cell::Blank => {
            sheet.write_blank(row, col, &styles.text)?;
            0
        }
    })
}

/// An amount as a spreadsheet number. Cells hold binary floating point; the decimal's own text is
/// parsed (correctly rounded, unlike arithmetic conversions), and a decimal of up to 15 significant
/// digits — every rounded figure of results — is written back as exactly that text.
fn number(amount: Decimal) -> f64 {
    amount.to_string().parse().unwrap_or_default()
}

/// Characters a cell holds.
const CELL_CHARS: usize = 32_767;

/// A text as a cell can hold it: the two characters XML cannot carry (U+FFFE, U+FFFF) replaced,
/// and cut with an ellipsis at the characters a cell holds.
fn excel_text(text: &str) -> std::borrow::Cow<'_, str> {
    let xml_safe = !text.contains(['\u{FFFE}', '\u{FFFF}']);
    let fits = text.len() <= CELL_CHARS || text.chars().count() <= CELL_CHARS;
    if xml_safe && fits {
        return std::borrow::Cow::Borrowed(text);
    }
    let replaced = text.replace(['\u{FFFE}', '\u{FFFF}'], "\u{FFFD}");
    let mut chars: Vec<char> = replaced.chars().collect();
    if chars.len() > CELL_CHARS {
        chars.truncate(CELL_CHARS - 1);
        chars.push('…');
    }
    std::borrow::Cow::Owned(chars.into_iter().collect())
}

/// How wide a text shows, in characters (Vietnamese letters with their marks count once).
fn width(text: &str) -> usize {
    text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::scored;

    /// 2,000 blocks whose names share their first 31 characters each take a sheet, named as
    /// ever: the name cut to make room for ` (n)`. (Each once tried every number before its own
    /// against every name taken: minutes.)
    #[test]
    fn blocks_named_alike_each_take_a_sheet() {
        let stem = format!("Khối {}", "B".repeat(40));
        let cut = |chars: usize| stem.chars().take(chars).collect::<String>();
        let mut names = SheetNames::default();
        let taken: Vec<String> = (0..2000)
            .map(|i| names.take(&format!("{stem}{i}")))
            .collect();
        assert_eq!(taken[0], cut(31));
        assert_eq!(taken[1], cut(27) + " (2)");
        assert_eq!(taken[9], cut(26) + " (10)");
        assert_eq!(taken[1999], cut(24) + " (2000)");
        let distinct: HashSet<String> = taken.iter().map(|t| t.to_lowercase()).collect();
        assert_eq!(distinct.len(), taken.len());
    }

    /// A name is taken whatever its case, and a number another name's cut took is skipped.
    #[test]
    fn a_sheet_name_is_given_once_whatever_its_case() {
        let mut names = SheetNames::default();
        assert_eq!(names.take("Khối A"), "Khối A");
        assert_eq!(names.take("KHỐI A"), "KHỐI A (2)");
        assert_eq!(names.take("khối a (2)"), "khối a (2) (2)");
        assert_eq!(names.take("Khối A"), "Khối A (3)");
        assert_eq!(names.take("history"), "history (2)");
        let x = "X".repeat(27);
        assert_eq!(names.take(&format!("{x}aaaa")), format!("{x}aaaa"));
        assert_eq!(names.take(&format!("{x}bbbb")), format!("{x}bbbb"));
        assert_eq!(names.take(&format!("{x}aaaa")), format!("{x} (2)"));
        assert_eq!(names.take(&format!("{x}bbbb")), format!("{x} (3)"));
    }

    /// The text a sheet is written with, which `report_text_bytes` bounds, is its name, subtitle,
    /// header and the text of every cell, the lists after the table included; figures are none.
    #[test]
    fn a_sheets_text_is_its_name_subtitle_header_and_text_cells() {
        let text = |t: &str| Cell::Text(t.into());
        let table = Table {
            name: "Xếp hạng".into(),
            subtitle: Some("Khối sở".into()),
            header: vec!["Đơn vị".to_string(), "Điểm".to_string()].into(),
            rows: vec![vec![text("Sở Y tế"), Cell::Count(7)]],
            after: vec![vec![text("Ghi chú")]],
        };
        let expected = [
            "Xếp hạng",
            "Khối sở",
            "Đơn vị",
            "Điểm",
            "Sở Y tế",
            "Ghi chú",
        ];
        assert_eq!(
            text_bytes(&table),
            expected.iter().map(|t| t.len()).sum::<usize>()
        );
    }

    /// A name is cut to 31 of Excel's characters, which count a character beyond the Basic
    /// Multilingual Plane (an emoji) twice: 31 emoji are 62 long, and Excel repairs the file.
    #[test]
    fn a_sheet_name_fits_in_excel_s_length_counted_in_utf16() {
        let excel_length = |name: &str| name.encode_utf16().count();
        let mut names = SheetNames::default();
        let emoji = "\u{1F600}".repeat(31);
        let taken = [
            names.take(&emoji),
            names.take(&emoji),
            names.take(&format!("Khối {}", "\u{20000}".repeat(20))),
        ];
        for name in &taken {
            assert!(excel_length(name) <= SHEET_NAME_CHARS, "{name}");
        }
        assert_eq!(taken[0], "\u{1F600}".repeat(15));
        assert_eq!(taken[1], "\u{1F600}".repeat(13) + " (2)");
        assert_eq!(taken[2], format!("Khối {}", "\u{20000}".repeat(13)));
    }

    /// The points-lost sheet is counted by the rows it will have: a tree of one criterion gives
    /// a unit one row at most, not ten.
    #[test]
    fn the_points_lost_are_counted_by_the_criteria_lost() {
        let methodology = r#"{"schema": "par.methodology/1", "id": "one", "name": "One",
            "nodes": [{"code": "1", "name": "Tiêu chí", "max": "10"}]}"#;
        let units: Vec<String> = ["0", "9", "10"]
            .iter()
            .enumerate()
            .map(|(i, v)| {
                format!(r#"{{"unit": "Xã {i}", "entries": {{"1": {{"value": "{v}"}}}}}}"#)
            })
            .collect();
        let results = scored(methodology, &units);
        assert_eq!(lost_rows(&results), 2);
        let report = Report {
            results: &results,
            methodology: None,
            comparison: None,
            lang: Lang::En,
        };
        let lost = lost_table(&results, Lang::En);
        assert_eq!(lost.rows.len(), 2);
        assert!(lost
            .rows
            .iter()
            .all(|r| r.len() == crate::tables::LOST_COLUMNS));
        // Ten rows of nine cells a unit were counted: 315 cells in all.
        assert!(cells(&report) < 3 * 50, "{}", cells(&report));
    }
}
