//! Assessments from tables (CSV files, spreadsheets, pandas DataFrames), in two shapes:
//!
//! - **wide**: `unit`, optional `block`, then one column per node code holding its final points;
//! - **long**: `unit, block, code, self, appraised, evidence, reason` (optionally `explanation`,
//!   `by`, `survey`, `value`), one row per unit and leaf.
//!
//! Cells are text as a spreadsheet gives them: decimals may use `,` as the decimal point.
//! The caller reads the file; this module only interprets cells, so every binding shares it.

use crate::assessment::{
    Appraisal, Entries, Entry, EntryList, InputValue, SourceRow, SurveyInput, UnitAssessment, Units,
};
use crate::decimal::{is_digits, parse_decimal_cell, parse_plain, Dec};
use crate::encoding::{is_nfc, nfc, nfc_owned};
use crate::entry_texts::{texts_not_read, TextsFrom, EVERY_TEXT};
use crate::error::{Collector, ErrorCode, ParError, Problems, Read};
use crate::limits;
use crate::methodology::{after_khoi, same_label, Methodology, Node, Rule};
use crate::names::{is_invisible, is_tidy, unit_name};
use crate::results::{Results, Warning};
use crate::score::Scorer;
use crate::text::{DefiningMsg, Input, Lang, Msg, ReadingMsg, ScoringMsg};
use crate::HashMap;
use crate::HashSet;
use compact_str::CompactString;
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

mod feed;
mod rounds;
mod width;
pub use feed::{LongCsvFeed, LongCsvPiece, ScoredPiece, Unstreamable};
use rounds::RoundColumns;

/// A table: a header row and data rows, all cells as text. Row numbers in errors are the rows of
/// the file as a spreadsheet shows them: the header is row 1, or the row below the title rows a
/// score sheet carries above it (see [`Table::read_assessments`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    pub header: Vec<String>,
    /// The cells, short text kept inline (see [`crate::Entries`]): a national long table has
    /// millions.
    pub rows: Vec<Vec<CompactString>>,
    /// Columns whose cells the caller converted from floating-point numbers (pandas float columns,
    /// xlsx number cells); results say so in a warning.
    pub float_columns: Vec<String>,
    /// What the workbook's reader found of the sheet the table is (nothing, for a text file's):
    /// results say each in a warning ([`Table::sheet_warnings`]).
    pub sheet: SheetRead,
    /// The rows of a CSV text whose cells do not line up with its header (a cell typed past the
    /// last column), each the problem it is: left out of `rows` (blank in their place) so that
    /// scoring the rest finds every other problem, and reported first among them by every way
    /// of reading or scoring the table. A table holding any gives no results.
    pub rows_left_out: Vec<ParError>,
}

/// A workbook's sheet read, no sheet being named, in place of its first, which holds no table
/// of units (a cover, a guide): the first sheet's name and the name of the one read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetChosen {
    pub first: String,
    pub read: String,
}

/// What a workbook's reader found of the sheet it read ([`Table::sheet`]), each said in the
/// results' warnings as the person may not expect it ([`Table::sheet_warnings`]). A binding that
/// scores the sheet as CSV text apart from the workbook (the WebAssembly package, whose scoring
/// module has no workbook reader) is given it beside the text, and says the same
/// ([`crate::wire::score_sheet_text`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SheetRead {
    /// The sheet read in place of the workbook's first, which holds no table of units (a
    /// cover, a guide).
    pub chosen: Option<SheetChosen>,
    /// The rows the sheet hides (by hand, or by a filter) that hold a cell, by the numbers the
    /// sheet shows them under: read and scored as every other row ([`Table::rows_hidden_read`]).
    pub rows_hidden: Vec<usize>,
    /// The later sheets holding a table with the same columns, not read: a workbook of a sheet
    /// per block (`Khối Sở`, `Khối Huyện`) or per year, of which one sheet is scored.
    pub alike: Option<SheetsAlike>,
}

/// The sheets of a workbook after the one read (`read`) whose tables have its columns
/// ([`Table::has_the_columns_of`]), not read: `others`, by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetsAlike {
    pub read: String,
    pub others: Vec<String>,
}

impl SheetRead {
    /// What the results say of the sheet ([`Table::sheet_warnings`]), its hidden rows read as
    /// `hidden`, naming `file` where several are read.
    pub fn warnings(
        &self,
        hidden: Option<&RowsHidden>,
        file: Option<&str>,
        lang: Lang,
    ) -> Vec<Warning> {
        let chosen = (self.chosen.iter()).map(|c| Warning::sheet_chosen(c, lang));
        let hidden = Warning::rows_hidden(hidden, file, lang);
        let alike = (self.alike.iter()).map(|a| Warning::sheets_alike(a, file, lang));
        chosen.chain(hidden).chain(alike).collect()
    }

    /// The name of the sheet read in place of the first, if one was: problems name it.
    pub fn sheet_named(&self) -> Option<&str> {
        self.chosen.as_ref().map(|c| c.read.as_str())
    }
}

/// Which of the two table shapes a header describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Wide,
    Long,
}

/// Column names, with the Vietnamese headings spreadsheets commonly use.
pub(crate) const UNIT: &[&str] = &[
    "unit",
    "đơn vị",
    "tên đơn vị",
    "cơ quan, đơn vị",
    "tên cơ quan, đơn vị",
    "cơ quan/đơn vị",
    "cơ quan",
    "tên cơ quan",
    "tỉnh",
    "tên tỉnh",
    "tỉnh, thành phố",
    "tỉnh/thành phố",
    "tỉnh, thành phố trực thuộc trung ương",
    "địa phương",
    "bộ, ngành",
    "don vi",
    "don_vi",
];
pub(crate) const BLOCK: &[&str] = &["block", "khối", "khoi"];
pub(crate) const CODE: &[&str] = &["code", "mã", "ma", "mã tiêu chí", "mã tc", "mã số"];
const SELF: &[&str] = &[
    "self",
    "tự chấm",
    "tự đánh giá",
    "điểm tự chấm",
    "điểm tự đánh giá",
    "tu cham",
];
const APPRAISED: &[&str] = &["appraised", "thẩm định", "điểm thẩm định", "tham dinh"];
const EVIDENCE: &[&str] = &["evidence", "tài liệu kiểm chứng", "tlkc"];
const REASON: &[&str] = &["reason", "lý do", "lý do điều chỉnh", "ly do"];
const EXPLANATION: &[&str] = &["explanation", "giải trình", "giai trinh"];
const BY: &[&str] = &["by", "người thẩm định", "cơ quan thẩm định"];
const SURVEY: &[&str] = &["survey", "điều tra xhh", "điều tra xã hội học", "dieu tra"];
const VALUE: &[&str] = &["value", "điểm đạt được"];
/// The labels of a sheet's summary rows, typed in its unit column or across its first cells: a
/// row that sums, averages or bounds the units above it (or gives the criteria's maxima below
/// the header) is no unit.
const SUMMARY_ROW: &[&str] = &[
    "tổng",
    "tổng cộng",
    "cộng",
    "tổng số",
    "tổng điểm",
    "tổng hợp chung",
    "trung bình",
    "trung bình cộng",
    "điểm trung bình",
    "bình quân",
    "điểm bình quân",
    "trung vị",
    "cao nhất",
    "thấp nhất",
    "số đơn vị",
    "toàn tỉnh",
    "điểm tối đa",
    "điểm tối thiểu",
    "tối đa",
    "tối thiểu",
    "lớn nhất",
    "nhỏ nhất",
    "điểm chuẩn",
    "thang điểm",
    "total",
    "average",
    "mean",
    "median",
    "maximum",
    "minimum",
    "max",
    "min",
];
/// Columns of a long table that are not read: what the methodology says already (the
/// criterion's name and its max) and the sheet's notes.
const LONG_NOT_READ: &[&str] = &[
    "tên tiêu chí",
    "tiêu chí",
    "nội dung",
    "nội dung tiêu chí",
    "điểm tối đa",
    "thang điểm",
    "điểm chuẩn",
    "ghi chú",
    "name",
    "max",
    "notes",
];
/// Columns of a wide table that are not read: what scoring gives (the total, the index, the rank
/// and band) and the sheet's notes.
const WIDE_NOT_READ: &[&str] = &[
    "tổng điểm",
    "tổng cộng",
    "tổng",
    "điểm",
    "chỉ số",
    "chỉ số cchc",
    "xếp hạng",
    "thứ hạng",
    "hạng",
    "xếp loại",
    "ghi chú",
    "total",
    "index",
    "rank",
    "band",
    "notes",
];
/// The headings of a wide sheet's column of each unit's total points, as Excel's sum gives it:
/// read only to compare with the points scored ([`Table::own_totals`]).
const TOTAL: &[&str] = &["tổng điểm", "tổng cộng", "tổng", "total"];
/// How many title rows a sheet may carry above its header (score sheets, rankings, criteria
/// annexes).
pub(crate) const TITLE_ROWS: usize = 10;
/// The running number officials put in the first column of every sheet (`STT`, số thứ tự): it
/// numbers the rows and is read as nothing.
const ROW_NUMBER: &[&str] = &["stt", "tt", "số tt", "số thứ tự", "no.", "#"];

/// Whether a heading is the running number's ([`ROW_NUMBER`]), also as pandas names it where a
/// sheet numbers its rows in more than one column: `STT.1` for the second `STT`.
fn is_row_number(heading: &str) -> bool {
    let named = |h: &str| ROW_NUMBER.contains(&normalise(h).as_str());
    named(heading) || pandas_repeat_of(heading).is_some_and(named)
}

/// The heading `X` of a column pandas named `X.1`, `X.2`…: it names every column apart, so a
/// heading a sheet repeats is read into a DataFrame with a number after it.
fn pandas_repeat_of(heading: &str) -> Option<&str> {
    let (repeated, n) = heading.trim().rsplit_once('.')?;
    (is_digits(n) && !repeated.is_empty()).then_some(repeated)
}

/// The columns of a long table, as a problem lists them.
const LONG_COLUMNS: [&str; 11] = [
    "unit",
    "block",
    "code",
    "self",
    "appraised",
    "evidence",
    "reason",
    "explanation",
    "by",
    "survey",
    "value",
];

/// Whether a heading starts with a criterion's number (`1.1`, `2`, `1.1 Kế hoạch CCHC năm`), as
/// a wide sheet heads its criteria's columns.
fn looks_like_a_code(heading: &str) -> bool {
    is_numbered_code(heading.split_whitespace().next().unwrap_or_default())
}

/// Whether the text is a criterion's number and nothing else: `1`, `1.2`, `1.2.`.
fn is_numbered_code(text: &str) -> bool {
    let numbers = text.trim_end_matches('.');
    !numbers.is_empty() && numbers.split('.').all(is_digits)
}

/// A heading as it is compared: in NFC and small letters, one space between its words (a line
/// break typed in a cell with Alt+Enter, `Điểm⏎tự chấm`, is one), without a remark in brackets
/// after it (`Tài liệu kiểm chứng (nếu có)`, `Lý do (ghi rõ)`).
fn normalise(h: &str) -> String {
    let h = h.trim_start_matches('\u{feff}').trim();
    let remark = h.strip_suffix(')').and_then(|rest| rest.rfind('('));
    let h = match remark.map(|at| h[..at].trim_end()) {
        Some(before) if !before.is_empty() => before,
        _ => h,
    };
    crate::import::normalise_heading(h)
}

pub(crate) fn column(header: &[String], names: &[&str]) -> Option<usize> {
    header
        .iter()
        .position(|h| names.contains(&normalise(h).as_str()))
}

impl Table {
    /// The table with every heading and cell in NFC, for tables built from cells (spreadsheets,
    /// DataFrames) rather than read from CSV text (which [`Table::from_csv`] reads in NFC): the
    /// same sheet gives the same results whichever way it came.
    pub fn in_nfc(mut self) -> Table {
        for heading in &mut self.header {
            *heading = nfc_owned(std::mem::take(heading));
        }
        for cell in self.rows.iter_mut().flatten() {
            *cell = nfc_owned(std::mem::take(cell));
        }
        self
    }

    /// Reads CSV text: cells separated by `,`, or by `;` as spreadsheets in Vietnamese locales
    /// write them (where `86,14` is a decimal), or by tabs as Excel's "Unicode Text" does — the
    /// separator the header row uses most, below title rows typed without it (see
    /// `header_separators`).
    ///
    /// A table is never silently reinterpreted: a row whose cells do not line up with the header
    /// (more or fewer cells, or split by the other separator) and quotes that do not pair up (an
    /// opened quote swallows the rows after it into one cell) are problems with their row, all
    /// reported together. Rows are numbered as a spreadsheet opening the file shows them: an
    /// empty line is a blank row, and a quoted cell's line breaks stay within its row.
    pub fn from_csv(text: &str) -> Result<Table, Problems> {
        Table::from_csv_below_titles(text, Sheet::Scores)
    }

    /// [`Table::from_csv`] for a criteria table (an annex, read by [`crate::import`]), whose
    /// header names the criteria and their maxima rather than a unit column: found so below
    /// title rows typed without separators.
    pub fn from_criteria_csv(text: &str) -> Result<Table, Problems> {
        Table::from_csv_below_titles(text, Sheet::Criteria)
    }

    /// [`Table::from_csv`], the header of a `sheet` found below title rows by what it names.
    fn from_csv_below_titles(text: &str, sheet: Sheet) -> Result<Table, Problems> {
        limits::TABLE_BYTES.check(text.len())?;
        // One text for one name, however it was typed: every cell in NFC.
        let text = nfc(text);
        let is_header = sheet.is_header();
        let mut csv = CsvRows::below_titles(&text, is_header);
        let mut problems = Collector::default();
        let mut header = Vec::new();
        let mut rows: Vec<Vec<CompactString>> = Vec::new();
        // What the rows below the first are lined up with: the header, found below title rows.
        let mut lining: Option<Lining> = None;
        let mut last_row = 0;
        // Whether the row read last is blank: an empty line, or a row of separators only.
        let mut blank_above = false;
        let mut record = csv::StringRecord::new();
        loop {
            let row_no = match csv.next(&mut record) {
                Ok(Some(row_no)) => row_no,
                Ok(None) => break,
                Err(e) => {
                    // The rows read before it come first.
                    if let Some(lining) = lining.take() {
                        lining.finish(&mut problems);
                    }
                    problems.push(e);
                    break;
                }
            };
            // Empty lines stay, as blank rows, so that every row keeps the number a
            // spreadsheet shows it under.
            let blank_rows = row_no - last_row - 1;
            last_row = row_no;
            let Some(lining) = &mut lining else {
                csv.faults(&record, None)
                    .into_iter()
                    .for_each(|e| problems.push(e));
                if let Err(e) = limits::TABLE_COLUMNS.check(record.len()) {
                    return Err(e.row(row_no).into());
                }
                lining = Some(Lining::below(&record, HeaderSearch::of(is_header), sheet));
                if blank_rows == 0 {
                    header = record.iter().map(str::to_string).collect();
                    continue;
                }
                // Empty lines above it: the first row is blank, and the header is found
                // below it, as under title rows (`Table::below_title_rows`).
                rows.extend(std::iter::repeat_with(Vec::new).take(blank_rows - 1));
                rows.push(record.iter().map(CompactString::from).collect());
                continue;
            };
            lining.check(&csv, &record, blank_rows > 0 || blank_above, &mut problems);
            blank_above = record.is_blank();
            rows.extend(std::iter::repeat_with(Vec::new).take(blank_rows));
            let filled = room_taken(record.iter());
            rows.push(
                record
                    .iter()
                    .take(filled)
                    .map(CompactString::from)
                    .collect(),
            );
        }
        if let Some(lining) = lining {
            lining.finish(&mut problems);
        }
        let mut table = Table {
            header,
            rows,
            ..Table::default()
        };
        if sheet == Sheet::Scores {
            problems = table.leave_out_misaligned_rows(problems);
        }
        problems.finish(table)
    }

    /// The problems of reading a score sheet's text, less the rows out of line with the header
    /// where those are all there is and a few of its rows: they are left out of the table, kept
    /// as problems to say with scoring's ([`Table::rows_left_out`]). A text of many such rows (a
    /// table typed with decimal commas in a comma-separated file) is refused as it is read.
    fn leave_out_misaligned_rows(&mut self, problems: Collector) -> Collector {
        let out_of_line = |p: &ParError| {
            matches!(*p.message, Msg::Reading(ReadingMsg::RowMisaligned { .. }))
                // Row n of the text is `rows[n - 2]`: the first row is the header.
                && p.row.is_some_and(|row| row >= 2 && row - 2 < self.rows.len())
        };
        let filled = self.rows.iter().filter(|r| !r.is_blank()).count();
        let few = problems.len() * 2 <= filled;
        if !few || !problems.all_are(out_of_line) {
            return problems;
        }
        let left_out = problems.into_problems();
        for row in left_out.iter().filter_map(|p| p.row) {
            self.rows[row - 2] = Vec::new();
        }
        self.rows_left_out = left_out;
        Collector::default()
    }

    /// What reading the table gave, with the rows left out of it ([`Table::rows_left_out`]) first:
    /// every problem together.
    pub(crate) fn rows_left_out_said<T>(&self, scored: Result<T, Problems>) -> Result<T, Problems> {
        said_with_rows_left_out(&self.rows_left_out, scored)
    }

    /// Refuses a table with more columns or cells than the limits allow, for tables that a
    /// binding built itself (DataFrames, spreadsheets).
    pub fn check_size(&self) -> Result<(), ParError> {
        limits::TABLE_COLUMNS.check(self.header.len())?;
        let cells = self.rows.iter().map(Vec::len).sum::<usize>() + self.header.len();
        limits::TABLE_CELLS.check(cells)
    }

    /// Long when a `code` column exists, wide otherwise.
    pub fn shape(&self) -> Shape {
        shape_of(&self.header)
    }

    /// The table as assessments for `m`, reporting every problem with its row number.
    pub fn to_assessments(&self, m: &Methodology) -> Result<Vec<UnitAssessment>, Problems> {
        self.read_assessments(m)?.into_result()
    }

    /// Like [`Table::to_assessments`], but keeps the readable rows beside the problems, so that
    /// scoring can report the problems of the readable part too ([`crate::score`]).
    pub fn read_assessments(&self, m: &Methodology) -> Result<Read<Vec<UnitAssessment>>, Problems> {
        let sheet = self.sheet.sheet_named();
        let readable = self.readable(m).map_err(|p| Problems {
            problems: with_rows_left_out(&self.rows_left_out, p.on_sheet(sheet).problems),
        })?;
        let mut read = match readable {
            Readable::Wide(units) => units,
            Readable::Long(rows) => {
                let mut units = Vec::new();
                let problems = rows.read(m, &mut |unit, _| units.push(unit));
                problems.into_read(units)
            }
        }
        .on_sheet(sheet);
        read.problems = with_rows_left_out(&self.rows_left_out, read.problems);
        Ok(read)
    }

    /// The table from its header down, checked (its size, cells outside every column, its unit
    /// column), as far as its shape lets it be read before its units are taken: a wide table's
    /// units, a long table's rows.
    fn readable(&self, m: &Methodology) -> Result<Readable<'_>, Problems> {
        self.check_size()?;
        let (table, header_row) = self.below_title_rows();
        let unit_col = table.unit_column(header_row, m)?;
        Ok(match shape_of(&table.header) {
            Shape::Wide => Readable::Wide(table.wide(m, unit_col, header_row)?),
            Shape::Long => Readable::Long(Box::new(table.long_rows(m, unit_col, header_row))),
        })
    }

    /// The table scored, letting go of it: as its rows are read where it can be
    /// ([`Table::score_long_rows`]), else read whole ([`Table::score_whole`]), which says what
    /// is wrong with it; the columns the caller filled from floating-point numbers are named in a
    /// warning. `scorer` makes the scorer for each way tried (given no unit yet). The same
    /// results and problems as [`crate::score_table`], which keeps the table; a workbook's sheet
    /// read in place of its first is said first.
    pub fn score<'m>(mut self, scorer: impl Fn() -> Scorer<'m>) -> Result<Results, Problems> {
        let left_out = std::mem::take(&mut self.rows_left_out);
        said_with_rows_left_out(&left_out, self.score_rows(scorer))
    }

    /// [`Table::score`] of the rows read.
    fn score_rows<'m>(mut self, scorer: impl Fn() -> Scorer<'m>) -> Result<Results, Problems> {
        let first = scorer();
        let lang = first.lang();
        let said_of_the_sheet = self.sheet_warnings(None, lang);
        let sheet = std::mem::take(&mut self.sheet);
        let on_sheet = |p: Problems| p.on_sheet(sheet.sheet_named());
        let mut results = match self.score_long_rows(first) {
            Some(scored) => {
                let mut results = scored.finish().map_err(on_sheet)?;
                results.note_float_columns(&self.float_columns, lang);
                results
            }
            None => self.score_whole(scorer()).map_err(on_sheet)?,
        };
        results.note_sheet(said_of_the_sheet);
        Ok(results)
    }

    /// What the results say first of the sheet the table is ([`Table::sheet`]): the sheet read
    /// in place of the first, then the rows it hides that were read, naming `file` where several
    /// are read. Nothing, for a text file's table.
    pub fn sheet_warnings(&self, file: Option<&str>, lang: Lang) -> Vec<Warning> {
        (self.sheet).warnings(self.rows_hidden_read().as_ref(), file, lang)
    }

    /// Whether the table (below its title rows) has a column of units beside a column of scores:
    /// a score sheet's, not a cover's, nor a guide's that explains the columns a row at a time
    /// (`Tên đơn vị | Ghi tên đầy đủ | Sở Y tế`).
    pub fn names_units(&self) -> bool {
        let (table, _) = self.below_title_rows();
        let Some(unit) = column(&table.header, UNIT) else {
            return false;
        };
        // The columns of scores beside it: any field's but the unit's,
        // what scoring gives, or criteria's codes (a wide sheet's).
        let scores = |h: &String| {
            let named = normalise(h);
            (names_a_field(h) && !UNIT.contains(&named.as_str()))
                || WIDE_NOT_READ.contains(&named.as_str())
                || looks_like_a_code(h)
        };
        (table.header.iter().enumerate()).any(|(c, h)| c != unit && scores(h))
    }

    /// Whether the table's header (below its title rows) heads the columns `other`'s does: the
    /// same fields, however each heading was typed (`Tự chấm`, `Điểm tự chấm`) and in whatever
    /// order, with criteria's columns in common where either has some: a sheet per block, or
    /// per year, of the same workbook (the blocks of a wide sheet may score other criteria).
    /// Columns that are not read (`STT`, `Ghi chú`, `Tổng điểm`) are not compared; a summary
    /// sheet (`Đơn vị | Tổng điểm | Xếp hạng`) beside the scores reads no field but the unit.
    pub fn has_the_columns_of(&self, other: &Table) -> bool {
        let columns = |t: &Table| -> (HashSet<String>, HashSet<String>) {
            let (table, _) = t.below_title_rows();
            let headings = table.header.iter();
            let fields = (headings.clone().filter(|h| names_a_field(h)))
                .map(|h| field_named(&normalise(h)).to_string());
            let codes = headings.filter(|h| looks_like_a_code(h));
            (
                fields.collect(),
                codes.map(|h| h.trim().to_string()).collect(),
            )
        };
        let ((fields, codes), (other_fields, other_codes)) = (columns(self), columns(other));
        let unit_and_more = fields.len() + codes.len() > 1 && fields.contains("unit");
        let codes_shared =
            (codes.is_empty() && other_codes.is_empty()) || !codes.is_disjoint(&other_codes);
        unit_and_more && fields == other_fields && codes_shared
    }

    /// The table read whole and scored, with the results and problems of
    /// [`Table::read_assessments`] then [`crate::score`], and a warning naming the columns the
    /// caller filled from floating-point numbers: for a table that cannot be scored as its rows
    /// are read ([`Table::score_long_rows`]). After the first problem found in reading, each unit
    /// is scored only for its problems and let go.
    ///
    /// What memory holds depends on what the scorer keeps ([`Scorer::with_detail`]). Keeping
    /// scores only, a long table's units are scored as each is read, once its last row is read:
    /// memory holds the cells and the units not yet scored, not every unit beside the cells (a
    /// national sheet's 1.06 M rows: 255 MB of cells, 333 MB of units). Results keeping every
    /// input are larger than the units they come from: the units are held until the first
    /// problem, and without one are scored once the cells are let go.
    ///
    /// `scorer` is given no unit yet: the table's units are counted against the limits alone.
    pub fn score_whole(mut self, scorer: Scorer<'_>) -> Result<Results, Problems> {
        let left_out = std::mem::take(&mut self.rows_left_out);
        said_with_rows_left_out(&left_out, self.score_whole_read(scorer))
    }

    /// [`Table::score_whole`] of the rows read.
    fn score_whole_read(mut self, scorer: Scorer<'_>) -> Result<Results, Problems> {
        let float_columns = std::mem::take(&mut self.float_columns);
        let passed_over = self.passed_over();
        let mut scorer = scorer;
        scorer.comparing_own_totals(self.own_totals(scorer.methodology()));
        let lang = scorer.lang();
        let mut results = self.score_units_read(scorer)?;
        results.note_passed_over(&passed_over, None, lang);
        results.note_float_columns(&float_columns, lang);
        Ok(results)
    }

    /// The totals a wide sheet gives its units beside their criteria (`Tổng điểm`, `Tổng
    /// cộng`), which scoring does not read: each is compared with the unit's points
    /// (`Scorer::comparing_own_totals`). A sum whose range misses a column, or takes another row's
    /// cells, is the commonest error of a score sheet, and the sheet's own total is what its
    /// people read.
    pub fn own_totals(&self, m: &Methodology) -> Vec<OwnTotal> {
        let (table, header_row) = self.below_title_rows();
        if shape_of(&table.header) != Shape::Wide {
            return Vec::new();
        }
        let (Some(unit), Some(total)) = (column(&table.header, UNIT), column(&table.header, TOTAL))
        else {
            return Vec::new();
        };
        let (rows, _) = table.unit_rows(m, Shape::Wide, unit, header_row);
        let given = rows.iter().filter_map(|row| {
            let typed = row.cells.cell(Some(total))?;
            Some(OwnTotal {
                unit: row.name.to_string(),
                row: row.row_no,
                total: parse_decimal_cell(typed).ok()?,
                typed: typed.to_string(),
            })
        });
        given.collect()
    }

    /// What reading the table passes over, for warnings ([`Results::note_passed_over`]): its
    /// summary rows, and the reasons typed in a column no score is read beside.
    pub fn passed_over(&self) -> PassedOver {
        PassedOver {
            summary_rows: self.summary_rows(),
            reasons: self.reasons_not_read(),
            signatures: self.signatures(),
        }
    }

    /// The rows below the table's header that its sheet hides ([`SheetRead::rows_hidden`]), read
    /// and scored as the others are, with the units they name: a sheet keeps last year's units,
    /// or units merged away, in rows hidden rather than deleted, and a filter hides the rows it
    /// leaves out. Only rows read as a unit's are said: not a title above the header, a blank
    /// row, a summary row or the header's own rows (passed over, and said so), the column
    /// numbers under the header, nor a block's heading (a long table's row without a code, a
    /// wide table's with nothing but a name).
    pub fn rows_hidden_read(&self) -> Option<RowsHidden> {
        if self.sheet.rows_hidden.is_empty() {
            return None;
        }
        let (table, header_row) = self.below_title_rows();
        let unit = column(&table.header, UNIT)?;
        let code = column(&table.header, CODE);
        // A wide table's heading holds its number (`I`) and name, perhaps its block: no score.
        let named = [
            Some(unit),
            column(&table.header, ROW_NUMBER),
            column(&table.header, BLOCK),
        ];
        let read = |row: &[CompactString]| {
            let entry = match code {
                Some(code) => row.cell(Some(code)).is_some(),
                None => {
                    (0..row.len()).any(|c| !named.contains(&Some(c)) && row.cell(Some(c)).is_some())
                }
            };
            entry && read_as_units(&table.header, row, unit, code)
        };
        let mut hidden = RowsHidden::default();
        // A long table's units take several rows each, sorted by unit or by criterion.
        let mut counted = HashSet::default();
        for &row in &self.sheet.rows_hidden {
            let below = row.checked_sub(header_row + 1);
            let Some(cells) = below.and_then(|k| table.rows.get(k)) else {
                continue;
            };
            if read(cells) {
                let name = cells.cell(Some(unit));
                hidden.add(row, name.filter(|&name| counted.insert(name)));
            }
        }
        (hidden.rows > 0).then_some(hidden)
    }

    /// The reasons of a long table of one round without its column of appraised scores (`Tự
    /// chấm | Lý do`), which no row's entry keeps: a reason is read only beside the round's
    /// score. Such a sheet is scored as it was before rounds were read; the reasons are said, not
    /// lost without a word. (A table numbering its rounds refuses the column in its header.)
    fn reasons_not_read(&self) -> Option<ReasonsNotRead> {
        let (table, header_row) = self.below_title_rows();
        column(&table.header, CODE)?;
        let columns = LongColumns::of(&table.header, column(&table.header, UNIT)?);
        let round = columns.round_without_scores()?;
        let reason = round.reason?;
        // Only the rows read as a unit's: not a summary row, the header's own rows, nor the
        // column numbers under the header.
        let read = |row: &Vec<CompactString>| {
            read_as_units(&table.header, row, columns.unit, columns.code)
        };
        let mut typed = (table.rows.iter().enumerate())
            .filter(|(_, row)| read(row) && typed_reason(row.as_slice(), reason).is_some());
        let (first, _) = typed.next()?;
        Some(ReasonsNotRead::of(
            round,
            header_row + 1 + first,
            1 + typed.count(),
        ))
    }

    /// The signatures below a score sheet, which reading passes over ([`signatures_start`]): their
    /// rows, and the titles they are signed under.
    fn signatures(&self) -> Option<SignatureRows> {
        let (table, header_row) = self.below_title_rows_and_signatures();
        signature_rows(table.rows, header_row + 1)
    }

    /// The summary rows of a score sheet (`Tổng cộng`, `TRUNG BÌNH:`) and the header's rows
    /// below it naming the unit column again (`Đơn vị`), which reading passes over, for a
    /// warning ([`Results::note_passed_over`]): the first [`SummaryRows::SAID`]
    /// with their rows and labels, and how many more (a sheet of a million `Tổng` rows is
    /// not said a million times). A table that cannot be read (no unit column) has none.
    pub fn summary_rows(&self) -> SummaryRows {
        let (table, header_row) = self.below_title_rows();
        let mut found = SummaryRows::default();
        let Some(unit_col) = column(&table.header, UNIT) else {
            return found;
        };
        let code_col = column(&table.header, CODE);
        for (r, row) in table.rows.iter().enumerate() {
            let Some(label) = passed_over_label(&table.header, row, unit_col, code_col) else {
                continue;
            };
            if found.said.len() < SummaryRows::SAID {
                found
                    .said
                    .push((header_row + 1 + r, label.trim().to_string()));
            } else {
                found.more += 1;
            }
        }
        found
    }

    /// [`Table::score_whole`] without the warnings.
    fn score_units_read(self, mut scorer: Scorer<'_>) -> Result<Results, Problems> {
        let m = scorer.methodology();
        let rows = match self.readable(m)? {
            Readable::Wide(units) => return scorer.score_read(units),
            Readable::Long(rows) => rows,
        };
        // Units are scored as they are read where the scorer keeps scores only, and from the
        // first problem on (the units held until then first, in order). Until then, results
        // keeping every input would be larger than the units: those are held, and scored once the
        // cells are let go. A table naming more units than the limits allow is refused for
        // them (`LongTableRows::read`, which builds no more units than a scoring takes), with
        // every problem of its rows.
        let within_limits = scorer.takes(rows.units());
        let (mut held, mut streaming) = (Vec::new(), false);
        let problems = rows.read(m, &mut |unit, found_problems| {
            streaming |= within_limits && (found_problems || !scorer.keeps_inputs());
            if !streaming {
                held.push(unit);
                return;
            }
            if found_problems {
                scorer.refused();
            }
            held.drain(..).for_each(|unit| scorer.add(unit));
            scorer.add(unit);
        });
        if streaming {
            return scorer.finish_read(problems.into_read(()).problems);
        }
        drop(self);
        scorer.score_read(problems.into_read(held))
    }

    /// The table scored as its rows are read, unit by unit ([`LongRows`]): a national run's
    /// assessments never stand in memory beside its cells. `None` where the table must be read
    /// whole ([`Table::read_assessments`]): title rows above the header, a wide table, a unit's
    /// rows apart, a row without a code. Reading goes on past a row that has a problem, which
    /// the scorer's results report as reading whole reports it; a row left out of the table
    /// ([`Table::rows_left_out`]) is not, and the table is then read whole.
    pub fn score_long_rows<'m>(&self, scorer: Scorer<'m>) -> Option<Scorer<'m>> {
        if !self.rows_left_out.is_empty() {
            return None;
        }
        let mut rows = LongRows::new(&self.header, scorer)?;
        self.rows.iter().try_for_each(|row| rows.add(row))?;
        rows.finish()
    }

    /// The table from its header down, and the header's row number in the file. Score sheets
    /// often carry title rows above the header (the report's name, the province, the date): the
    /// header is found below them ([`HeaderSearch`]). A table without one is read from its first
    /// row, which says so.
    /// The rows are borrowed, not copied: a national sheet's cells are hundreds of megabytes.
    /// The signatures below the table, if it ends with them ([`signatures_start`]), are no rows
    /// of it ([`Table::passed_over`] says them).
    pub(crate) fn below_title_rows(&self) -> (BelowTitles<'_>, usize) {
        let (mut table, header_row) = self.below_title_rows_and_signatures();
        if let Some((start, _)) = signatures_start(table.rows) {
            table.rows = &table.rows[..start];
        }
        (table, header_row)
    }

    /// [`Table::below_title_rows`], the signatures below the table among its rows.
    fn below_title_rows_and_signatures(&self) -> (BelowTitles<'_>, usize) {
        let mut search = HeaderSearch::default();
        let (header, k) = if search.row(self.header.as_slice()) == Sought::Header {
            (Cow::Borrowed(self.header.as_slice()), 0)
        } else {
            let sought = self.rows.iter().map(|row| search.row(row.as_slice()));
            let mut before_the_last_title_row = sought.take_while(|s| *s != Sought::NotFound);
            match before_the_last_title_row.position(|s| s == Sought::Header) {
                Some(k) => (self.rows[k].iter().map(|c| c.to_string()).collect(), k + 1),
                None => (Cow::Borrowed(self.header.as_slice()), 0),
            }
        };
        // `k`: how many rows of `rows` the header and the rows above it take.
        let below = self.rows.get(k).map(Vec::as_slice).unwrap_or_default();
        // A header of three rows: a group's heading over the criteria's names over their codes
        // (`Điểm các lĩnh vực` | `Chỉ đạo điều hành` | `1`). The names are the methodology's:
        // the codes head the columns.
        let codes_below_names = || {
            let codes = self.rows.get(k + 1)?;
            let merged = with_subheadings(&header, codes)?;
            let three_rows = names_over_codes(below, codes) && codes_under_a_group(&header, codes);
            three_rows.then_some(merged)
        };
        // The header's rows below its first, merged into it, and how many there are.
        let subheadings = match with_subheadings(&header, below) {
            Some(merged) => Some((merged, 1)),
            None => codes_below_names().map(|merged| (merged, 2)),
        };
        match subheadings {
            Some((merged, more)) => (
                BelowTitles {
                    header: Cow::Owned(merged),
                    rows: &self.rows[k + more..],
                },
                k + 1 + more,
            ),
            None => (
                BelowTitles {
                    header,
                    rows: &self.rows[k..],
                },
                k + 1,
            ),
        }
    }
}

/// Whether a row of cells is the header of the table looked for: a score sheet's or a
/// ranking's ([`names_unit_column`]), or a criteria table's ([`crate::import::names_criteria`]).
type IsHeader = fn(&[&str]) -> bool;

/// A score sheet's or a ranking's header: it names the unit column.
fn names_unit_column(row: &[&str]) -> bool {
    row.iter().any(|c| UNIT.contains(&normalise(c).as_str()))
}

/// The search for a table's header among its rows as they come, the first row included: the
/// first row that is one (`is_header`: it names the unit column, or for a criteria table the
/// criteria and their maxima) among the first [`TITLE_ROWS`] and one that are not blank. The one
/// rule of a table read whole ([`Table::below_title_rows`]), of its rows lined up as CSV is read
/// ([`Lining`]) and of a table scored as it is read ([`LongCsv::read`]).
struct HeaderSearch {
    /// Rows read that hold text, the header not among them.
    written: usize,
    is_header: IsHeader,
}

/// A score sheet's or a ranking's header is looked for.
impl Default for HeaderSearch {
    fn default() -> Self {
        HeaderSearch::of(names_unit_column)
    }
}

/// What a row read while the header is looked for is.
#[derive(PartialEq)]
enum Sought {
    Header,
    /// A title row, or a blank one.
    Title,
    /// The row after the most title rows a sheet may carry: the table has no header there.
    NotFound,
}

impl HeaderSearch {
    fn of(is_header: IsHeader) -> Self {
        HeaderSearch {
            written: 0,
            is_header,
        }
    }

    fn row<R: Cells + ?Sized>(&mut self, row: &R) -> Sought {
        if row.is_blank() {
            return Sought::Title;
        }
        let texts: Vec<&str> = row.texts().collect();
        if (self.is_header)(&texts) {
            return Sought::Header;
        }
        self.written += 1;
        if self.written > TITLE_ROWS {
            Sought::NotFound
        } else {
            Sought::Title
        }
    }
}

/// What scoring a table gave, with the rows `left_out` of it ([`Table::rows_left_out`]): every
/// problem together. A table with rows left out gives no results.
fn said_with_rows_left_out<T>(
    left_out: &[ParError],
    scored: Result<T, Problems>,
) -> Result<T, Problems> {
    if left_out.is_empty() {
        return scored;
    }
    let problems = scored.err().map(|p| p.problems).unwrap_or_default();
    Err(Problems {
        problems: with_rows_left_out(left_out, problems),
    })
}

/// `problems` after the rows `left_out` of the table: found reading the text, they come first, as
/// reading's problems do. As many are shown as of any input, one counting the rest.
fn with_rows_left_out(left_out: &[ParError], problems: Vec<ParError>) -> Vec<ParError> {
    let mut all = Collector::default();
    (left_out.iter().cloned())
        .chain(problems)
        .for_each(|e| all.push(e));
    all.into_problems()
}

/// How [`Table::from_csv`] lines the rows of CSV text up with its header, which may stand below
/// title rows ([`Table::below_title_rows`]): a title row (`BÁO CÁO KẾT QUẢ TỰ CHẤM ĐIỂM`) has
/// as many cells as it was typed with, and the rows below the header have the header's. Until the
/// header is found, each row's faults against the first row are held: dropped once it is (but
/// for quotes never closed), reported as they are if none is found (the table is then read from
/// its first row, which says so).
struct Lining {
    first_width: usize,
    /// The header's width, once it is found, or the first row's once none can be.
    width: Option<usize>,
    search: HeaderSearch,
    /// Whether the header was found (not the first row taken for it, none being found).
    header_found: bool,
    /// The faults of the rows read until the header is found.
    held: Vec<Held>,
    sheet: Sheet,
    /// Whether no header was found while rows below the first are wider than it: the first
    /// row is a title, not the header, and the rows are not lined up with it.
    no_header: bool,
    /// Whether the signatures below the table have started, some typed without the separators
    /// Excel adds (`NGƯỜI LẬP BIỂU` alone on its line): rows without a figure, from one below a
    /// blank row that may start them ([`may_start_signatures`]) to one with a figure.
    signing: bool,
}

/// The kind of table whose header is looked for, which a problem finding none names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sheet {
    Scores,
    Criteria,
}

impl Sheet {
    /// How the sheet's header is known: by its unit column, or by a criteria table's columns.
    fn is_header(self) -> IsHeader {
        match self {
            Sheet::Scores => names_unit_column,
            Sheet::Criteria => crate::import::names_criteria,
        }
    }
}

impl Lining {
    /// The lining of the rows below `first`, the first row of the text, the header looked for
    /// by `search`.
    fn below(first: &csv::StringRecord, mut search: HeaderSearch, sheet: Sheet) -> Self {
        let found = search.row(first) == Sought::Header;
        Lining {
            first_width: first.len(),
            width: found.then_some(first.len()),
            header_found: found,
            search,
            held: Vec::new(),
            sheet,
            no_header: false,
            signing: false,
        }
    }

    /// Checks the row just read (see [`CsvRows::faults`]), below an empty line if
    /// `below_a_blank_row`.
    fn check(
        &mut self,
        csv: &CsvRows,
        record: &csv::StringRecord,
        below_a_blank_row: bool,
        problems: &mut Collector,
    ) {
        let quotes = |problems: &mut Collector| {
            csv.faults(record, None)
                .into_iter()
                .for_each(|e| problems.push(e))
        };
        if self.no_header {
            return quotes(problems);
        }
        if let Some(width) = self.width {
            if !self.header_found && self.wider_than_a_title(record) {
                self.say_no_header(problems);
                return quotes(problems);
            }
            if self.header_found && self.signs(record, width, below_a_blank_row) {
                return quotes(problems);
            }
            csv.faults(record, Some(width))
                .into_iter()
                .for_each(|e| problems.push(e));
            return;
        }
        let sought = self.search.row(record);
        if sought == Sought::Header {
            self.width = Some(record.len());
            self.header_found = true;
            let held = std::mem::take(&mut self.held).into_iter();
            held.flat_map(|held| held.quotes)
                .for_each(|e| problems.push(e));
            return quotes(problems);
        }
        let faults = csv.faults(record, Some(self.first_width));
        if !faults.is_empty() {
            self.held.push(Held {
                faults,
                quotes: csv.faults(record, None),
                wider: self.wider_than_a_title(record),
            });
        }
        if sought == Sought::NotFound {
            self.width = Some(self.first_width);
            self.report_held(problems);
        }
    }

    /// Whether a row shorter than the header's `width` is one of the signatures below a score
    /// sheet's table (see [`Lining::signing`]), lined up with nothing: the table's reader passes
    /// them over. Only rows below a blank row, or among the signatures, are looked at; a row with
    /// a figure or a code ends them.
    fn signs(&mut self, record: &csv::StringRecord, width: usize, below_a_blank_row: bool) -> bool {
        if self.sheet != Sheet::Scores || !(self.signing || below_a_blank_row) {
            return false;
        }
        let row: Vec<&str> = record.iter().collect();
        if row.iter().any(is_figure) {
            self.signing = false;
            return false;
        }
        self.signing |= below_a_blank_row && may_start_signatures(&row);
        self.signing && row.len() < width
    }

    /// Reports the faults held, the text having ended before its header was found.
    fn finish(mut self, problems: &mut Collector) {
        self.report_held(problems);
    }

    /// The header was not found. A row wider than a first row of one cell (a title typed
    /// alone) says that the header stands among the rows but was not known: that is said once,
    /// rather than a fault of every row. Else the table is read from its first row, which says
    /// what it lacks.
    fn report_held(&mut self, problems: &mut Collector) {
        let held = std::mem::take(&mut self.held);
        if held.iter().any(|h| h.wider) {
            held.into_iter()
                .flat_map(|h| h.quotes)
                .for_each(|e| problems.push(e));
            return self.say_no_header(problems);
        }
        held.into_iter()
            .flat_map(|h| h.faults)
            .for_each(|e| problems.push(e));
    }

    /// Whether a row has cells beyond a first row of one cell: a title typed alone.
    fn wider_than_a_title(&self, record: &csv::StringRecord) -> bool {
        self.first_width == 1 && record.len() > 1
    }

    fn say_no_header(&mut self, problems: &mut Collector) {
        if !std::mem::replace(&mut self.no_header, true) {
            problems.push(header_not_found(self.sheet));
        }
    }
}

/// A row's faults held while the header is looked for: against the first row, and its quotes
/// alone; and whether it is wider than a title typed alone.
struct Held {
    faults: Vec<ParError>,
    quotes: Vec<ParError>,
    wider: bool,
}

/// A table from its header down ([`Table::below_title_rows`]): the header, and the rows below it.
pub(crate) struct BelowTitles<'t> {
    pub(crate) header: Cow<'t, [String]>,
    pub(crate) rows: &'t [Vec<CompactString>],
}

impl<'t> BelowTitles<'t> {
    /// Columns named twice (which would make the last one silently win) and cells to the right of
    /// the header (which belong to no column), each a problem with its row; the criteria of `m`
    /// say which heading Excel may have made of another code.
    fn misplaced_cells(&self, header_row: usize, m: Option<&Methodology>) -> Vec<ParError> {
        // Past the problems' limit, each is only counted: the count said is every row's.
        let mut problems = Collector::default();
        columns_named_twice(&self.header, header_row, m)
            .into_iter()
            .for_each(|e| problems.push(e));
        for (r, row) in self.rows.iter().enumerate() {
            if let Some((c, extra)) = unheaded_cell(&self.header, row.as_slice()) {
                problems.push(
                    ParError::new(
                        ErrorCode::BadJson,
                        ReadingMsg::CellWithoutHeading {
                            column: column_letters(c),
                        },
                    )
                    .value(extra.trim())
                    .row(header_row + 1 + r),
                );
            }
        }
        problems.into_read(()).problems
    }

    /// The unit column of a table whose header is row `header_row` of its file, or what stops
    /// the table from being read for `m`: cells outside every column, no unit column.
    fn unit_column(&self, header_row: usize, m: &Methodology) -> Result<usize, Problems> {
        if self.header.is_blank() && self.rows.iter().all(|row| row.is_blank()) {
            return Err(ParError::new(ErrorCode::MissingField, ReadingMsg::EmptyTable).into());
        }
        if let Some(no_header) = self.under_a_title_alone() {
            return Err(no_header.into());
        }
        let misplaced = self.misplaced_cells(header_row, Some(m));
        if !misplaced.is_empty() {
            return Err(misplaced.into());
        }
        column(&self.header, UNIT).ok_or_else(|| {
            ParError::new(ErrorCode::MissingField, ReadingMsg::NoUnitColumn)
                .field("unit")
                .row(header_row)
                .into()
        })
    }

    /// No header was found, and the row read as one is a title: text in one cell (`BẢNG ĐIỂM
    /// CCHC;;;;` as Excel pads it, a workbook's merged title), rows below it with text in others.
    /// That is said once, rather than of every cell outside the title's column.
    fn under_a_title_alone(&self) -> Option<ParError> {
        let headings = self.header.iter().filter(|h| !h.trim().is_empty()).count();
        let title = headings == 1 && column(&self.header, UNIT).is_none();
        let below =
            || (self.rows.iter()).any(|r| unheaded_cell(&self.header, r.as_slice()).is_some());
        (title && below()).then(|| header_not_found(Sheet::Scores))
    }

    /// Non-blank data rows with their spreadsheet row number, unit name and the block heading
    /// above them ([`BlockHeadings::heading`]), and a problem for each row without a unit name.
    /// A blank unit or block cell is not read as the one above it: a cell merged down is read so
    /// from a workbook (`par-sheets`), but a blank cell in text is as likely a name left out.
    fn unit_rows(
        &self,
        m: &Methodology,
        shape: Shape,
        unit_col: usize,
        header_row: usize,
    ) -> (Vec<UnitRow<'t>>, Vec<ParError>) {
        let mut rows = Vec::new();
        let mut problems = Vec::new();
        let code_col = column(&self.header, CODE).filter(|_| shape == Shape::Long);
        let mut headings = BlockHeadings::new(shape, code_col, self.rows, unit_col);
        let mut heading = None;
        for (r, row) in self.rows.iter().enumerate() {
            let row_no = header_row + 1 + r;
            if row.is_blank() || no_units_row(&self.header, (unit_col, code_col), self.rows, r) {
                continue;
            }
            if let Some(block) = headings.heading(Some(m), row, unit_col) {
                heading = Some(block);
                continue;
            }
            match row.cell(Some(unit_col)) {
                Some(name) => rows.push(UnitRow {
                    row_no,
                    cells: row.as_slice(),
                    // Rows are grouped by unit: one name typed two ways is one unit.
                    name: unit_name(name),
                    heading,
                }),
                None => problems.push(missing_unit(row_no)),
            }
        }
        (rows, problems)
    }

    fn wide(
        &self,
        m: &Methodology,
        unit_col: usize,
        header_row: usize,
    ) -> Result<Read<Vec<UnitAssessment>>, Problems> {
        let mut problems = Collector::default();
        let block_col = column(&self.header, BLOCK);
        let mut node_cols: Vec<(usize, String)> = Vec::new();
        for (c, h) in self.header.iter().enumerate() {
            // A column without a heading holds no cell (`misplaced_cells`): Excel saves one for
            // every formatted column.
            let row_number = is_row_number(h);
            if c == unit_col || Some(c) == block_col || h.trim().is_empty() || row_number {
                continue;
            }
            let code = h.trim().to_string();
            if let Some(known) = m.code_as_typed(&code) {
                // `1.1` and `1.1.` are one criterion's columns: one would silently win.
                if let Some(&(earlier, _)) = node_cols.iter().find(|(_, k)| *k == known) {
                    let message = ReadingMsg::FieldTwice {
                        column: code.clone(),
                        earlier: self.header[earlier].trim().to_string(),
                        first: column_letters(earlier),
                        second: column_letters(c),
                    };
                    let problem = ParError::new(ErrorCode::DuplicateCode, message);
                    problems.push(problem.node(known.as_ref()).value(&code).row(header_row));
                    continue;
                }
                node_cols.push((c, known.into_owned()));
            } else if WIDE_NOT_READ.contains(&normalise(h).as_str()) {
                // What scoring gives, or notes; a criterion may be coded so (`index`).
            } else {
                problems.push(
                    ParError::new(
                        ErrorCode::UnknownNode,
                        ScoringMsg::ColumnNotACriterion {
                            column: code.to_string(),
                            methodology: m.id().to_string(),
                        },
                    )
                    .node(&code)
                    .row(header_row)
                    .value(&code),
                );
            }
        }
        if node_cols.is_empty() && problems.is_empty() {
            problems.push(no_criterion_column(m, header_row));
        }
        let mut units: IndexMap<String, UnitAssessment> = IndexMap::new();
        let (rows, unnamed) = self.unit_rows(m, Shape::Wide, unit_col, header_row);
        unnamed.into_iter().for_each(|e| problems.push(e));
        for unit_row in &rows {
            let (row_no, row, name) = (unit_row.row_no, unit_row.cells, unit_row.name.as_ref());
            if units.contains_key(name) {
                problems.push(
                    ParError::new(
                        ErrorCode::DuplicateUnit,
                        ScoringMsg::UnitRowTwice {
                            unit: name.to_string(),
                        },
                    )
                    .unit(name)
                    .row(row_no)
                    .value(name),
                );
                continue;
            }
            let no_points = node_cols.iter().all(|(c, _)| row.cell(Some(*c)).is_none());
            if no_points && !node_cols.is_empty() {
                problems.push(row_without_points(row_no, name));
                continue;
            }
            let mut entries =
                Entries::with_capacity_and_hasher(node_cols.len(), Default::default());
            for (c, code) in &node_cols {
                let Some(text) = row.cell(Some(*c)) else {
                    continue;
                };
                match parse_decimal_cell(text) {
                    Ok(d) => {
                        entries.insert(
                            code.as_str().into(),
                            Entry {
                                value: Some(Dec(d)),
                                row: SourceRow::at(row_no),
                                ..Entry::default()
                            },
                        );
                    }
                    Err(e) => {
                        let e = e.unit(name).node(code).field("value").row(row_no);
                        problems.push(e.about(Input::Value, m.criterion(code)));
                    }
                }
            }
            entries.shrink_to_fit();
            units.insert(
                name.to_string(),
                UnitAssessment {
                    unit: name.to_string(),
                    block: unit_row.block(block_col).map(str::to_string),
                    entries,
                },
            );
        }
        Ok(problems.into_read(units.into_values().collect()))
    }

    /// A long table's rows below its header, ready to be read into units ([`LongTableRows::read`]).
    fn long_rows(&self, m: &Methodology, unit_col: usize, header_row: usize) -> LongTableRows<'t> {
        let columns = LongColumns::of(&self.header, unit_col);
        let mut header_problems = columns.header_problems(&self.header, header_row);
        let (rows, unnamed) = self.unit_rows(m, Shape::Long, unit_col, header_row);
        header_problems.extend(unnamed);
        // Each unit's last row, and how many rows it has.
        let mut units: HashMap<&str, (usize, usize)> = HashMap::default();
        for (i, row) in rows.iter().enumerate() {
            let (last, count) = units.entry(&row.name).or_default();
            (*last, *count) = (i, *count + 1);
        }
        let mut last = vec![false; rows.len()];
        units.values().for_each(|&(i, _)| last[i] = true);
        let rows_of_unit = (rows.iter())
            .map(|row| units[row.name.as_ref()].1)
            .collect();
        LongTableRows {
            columns,
            problems: header_problems,
            rows,
            last,
            rows_of_unit,
        }
    }
}

/// A table read whole, as far as it is read before its units are taken ([`Table::readable`]).
enum Readable<'t> {
    /// A wide table's units (a row each), with the problems found.
    Wide(Read<Vec<UnitAssessment>>),
    /// A long table's rows.
    Long(Box<LongTableRows<'t>>),
}

/// A long table's rows below its header, each with its row number and unit name, and the
/// problems found in the header and in rows without a unit.
struct LongTableRows<'t> {
    columns: LongColumns,
    problems: Vec<ParError>,
    rows: Vec<UnitRow<'t>>,
    /// Whether each of `rows` is its unit's last: the unit is read once that row is.
    last: Vec<bool>,
    /// How many rows the unit of each of `rows` has: the room its entries take.
    rows_of_unit: Vec<usize>,
}

impl LongTableRows<'_> {
    /// How many units the rows name, at most: some may have no row that reads.
    fn units(&self) -> usize {
        self.last.iter().filter(|&&last| last).count()
    }

    /// Reads the rows into units, handing each to `take` as soon as its last row is read, in the
    /// order the units first appear (a unit's rows may stand apart), with whether a problem was
    /// found so far; gives every problem found. Past the units one scoring takes
    /// ([`Methodology::most_units`]), rows are read for their problems only, and the table is
    /// refused for its count: a million one-row units, or units whose rows stand apart (held
    /// until all are read), would otherwise all stand in memory.
    fn read(self, m: &Methodology, take: &mut dyn FnMut(UnitAssessment, bool)) -> Collector {
        let (named, most) = (self.units(), m.most_units());
        let mut problems = Collector::default();
        self.problems.into_iter().for_each(|e| problems.push(e));
        let leaves = leaf_count(m);
        // The units read so far in the order they first appear, each taken out once handed over;
        // whether each has been read to its last row; where each stands, by name.
        let mut units: Vec<(Option<UnitAssessment>, bool)> = Vec::new();
        let mut place: HashMap<&str, usize> = HashMap::default();
        let mut handed = 0;
        for (i, row) in self.rows.iter().enumerate() {
            let name = &row.name;
            let cells: Vec<&str> = row.cells.texts().collect();
            let mut read_into = |unit: &mut UnitAssessment| {
                let columns = &self.columns;
                columns.read_into(m, &cells, row.row_no, row.heading, unit, &mut problems)
            };
            match place.get(name.as_ref()) {
                // (A unit is handed over once its last row is read: none of its rows follows.)
                Some(&at) => {
                    if let Some(unit) = units[at].0.as_mut() {
                        read_into(unit);
                    }
                }
                None => {
                    // A unit starts at its first row that reads, with room for its rows, as
                    // many as its criteria at most; past the units one scoring takes, its rows
                    // are read for their problems only.
                    let taken = units.len() < most;
                    let room = if taken {
                        self.rows_of_unit[i].min(leaves)
                    } else {
                        0
                    };
                    let mut unit = UnitAssessment {
                        entries: Entries::with_capacity_and_hasher(room, Default::default()),
                        ..UnitAssessment::named(name)
                    };
                    if read_into(&mut unit) != RowRead::Refused && taken {
                        units.push((Some(unit), false));
                        place.insert(name, units.len() - 1);
                    }
                }
            }
            if !self.last[i] {
                continue;
            }
            if let Some(&at) = place.get(name.as_ref()) {
                units[at].1 = true;
            }
            while let Some((unit, true)) = units.get_mut(handed) {
                if let Some(unit) = unit.take() {
                    take(unit, !problems.is_empty());
                }
                handed += 1;
            }
        }
        if let Err(limit) = crate::score::within_limits(m, named) {
            problems.push(limit);
        }
        problems
    }
}

/// Long when a `code` column heads the table, wide otherwise.
fn shape_of(header: &[String]) -> Shape {
    if column(header, CODE).is_some() {
        Shape::Long
    } else {
        Shape::Wide
    }
}

/// No header among a table's first rows, below a title of one cell while rows below it have
/// more: a score sheet's, or a criteria table's (said as the importer says it, finding none).
fn header_not_found(sheet: Sheet) -> ParError {
    let rows = TITLE_ROWS + 1;
    match sheet {
        Sheet::Scores => {
            ParError::new(ErrorCode::MissingField, ReadingMsg::HeaderNotFound { rows })
                .field("unit")
        }
        Sheet::Criteria => ParError::new(
            ErrorCode::MissingField,
            DefiningMsg::NoCriteriaHeader { rows },
        )
        .field("name")
        .row(1),
    }
}

/// Whether a row gives a criterion's code below a group's heading merged over it (the header's
/// cell above it blank): what makes a header of three rows. A unit's row above the header typed
/// again (`Sở Y tế | 2.1 | 4` over `Đơn vị | Mã tiêu chí | Tự chấm`, where pages were pasted
/// together) has text in every column, as names over codes have, but no code below a group.
fn codes_under_a_group<S: AsRef<str>>(header: &[S], codes: &[CompactString]) -> bool {
    let under_a_group = |c: &usize| header.get(*c).is_none_or(|h| h.as_ref().trim().is_empty());
    (0..codes.len())
        .filter(under_a_group)
        .any(|c| looks_like_a_code(codes[c].trim()))
}

/// Whether a row holds the criteria's names over the codes of the row below it: text only where
/// a code stands below (and so none in the unit's column).
fn names_over_codes(names: &[CompactString], codes: &[CompactString]) -> bool {
    let filled = |row: &[CompactString], c: usize| row.get(c).is_some_and(|t| !t.trim().is_empty());
    let named: Vec<usize> = (0..names.len()).filter(|&c| filled(names, c)).collect();
    !named.is_empty() && named.iter().all(|&c| filled(codes, c))
}

/// A header of two rows, as Excel saves one whose heading spans the columns below it (`Điểm`
/// merged over `Tự chấm` and `Thẩm định`, `Điểm các lĩnh vực` over `1`, `2`, `3`): the header
/// with each column's heading from the row below where that row has one. The row below is one
/// of headings when it names no unit and each of its cells is a long table's heading (`Tự
/// chấm`, `Thẩm định`, `Lý do`…), the heading above it again (`Đơn vị` typed in both rows of
/// its merged cell), or a criterion's code where a merged heading spans it (a cell above it is
/// blank). An appraisal round's number joins the heading merged over it (`Thẩm định` over `Lần
/// 1`: `Thẩm định lần 1`), as a field's heading joins the round merged over it (`Lần 1` over
/// `Lý do`: `Lý do lần 1`). `None` where it is not: a unit's row, column numbers (`1`, `2`, …
/// from the first column, or `(1)`, `(2)`), codes under headings of their own, a blank row.
fn with_subheadings<S: AsRef<str>>(header: &[String], below: &[S]) -> Option<Vec<String>> {
    let unit = column(header, UNIT)?;
    let upper = |c: usize| {
        header
            .get(c)
            .map(String::as_str)
            .filter(|h| !h.trim().is_empty())
    };
    let lower = |c: usize| {
        below
            .get(c)
            .map(AsRef::as_ref)
            .filter(|h| !h.trim().is_empty())
    };
    let repeats = |c: usize, h: &str| upper(c).is_some_and(|u| normalise(u) == normalise(h));
    let code = |h: &str| is_numbered_code(h.trim());
    // A round's number under a heading merged over its rounds' columns (`Thẩm định` over `Lần 1 |
    // Lần 2`): the heading's, or the nearest one left of it in the merge.
    let mut merged_over: Vec<Option<&str>> = Vec::new();
    for c in 0..header.len().max(below.len()) {
        let left = merged_over.last().copied().flatten();
        merged_over.push(upper(c).or(left));
    }
    // Or a round's field under the round's number merged over its fields (`Lần 1` over
    // `Thẩm định | Lý do`).
    let round_of = |c: usize| {
        let (upper, lower) = (merged_over[c]?, lower(c)?);
        // The round's words in small letters, as typed after a field's name (`Lý do lần 2`).
        let heading = match rounds::numbers_a_round(lower) {
            true => format!("{upper} {}", lower.to_lowercase()),
            false if rounds::numbers_a_round(upper) => format!("{lower} {}", upper.to_lowercase()),
            false => return None,
        };
        rounds::round_heading(&heading).map(|_| heading)
    };
    // A code stands under a merged heading: under its first column (a heading of its own
    // followed by a blank one, never a running number's `STT`) or a blank one right of it.
    let row_number = |c: usize| upper(c).is_some_and(is_row_number);
    let under_merge = |c: usize| match upper(c) {
        None => true,
        Some(_) => !row_number(c) && upper(c + 1).is_none() && lower(c + 1).is_some_and(code),
    };
    // Whether the row has any text.
    let mut written = false;
    for (c, h) in (0..below.len()).filter_map(|c| Some((c, lower(c)?))) {
        written = true;
        if names_a_field(h) || repeats(c, h) || round_of(c).is_some() {
            continue;
        }
        if !code(h) || !under_merge(c) {
            return None;
        }
    }
    let names_no_unit = lower(unit).is_none_or(|h| repeats(unit, h));
    if !written || !names_no_unit {
        return None;
    }
    let merged = header
        .iter()
        .enumerate()
        .map(|(c, upper)| round_of(c).unwrap_or_else(|| lower(c).unwrap_or(upper).to_string()));
    // A heading below the header's last column widens it.
    let wider = (header.len()..below.len())
        .map(|c| round_of(c).unwrap_or_else(|| lower(c).unwrap_or_default().to_string()));
    Some(merged.chain(wider).collect())
}

/// Whether the `r`th of the rows below the header is none of a unit's, and passed over: the
/// column numbers official forms print under the header (or under the header repeated where
/// printed pages were pasted together), a summary row (said in a warning made of the table:
/// [`Table::summary_rows`]), the header's own rows below it. `code_col`: a long table's code
/// column, where a unit's total may be labelled.
pub(crate) fn no_units_row(
    header: &[String],
    (unit_col, code_col): (usize, Option<usize>),
    rows: &[Vec<CompactString>],
    r: usize,
) -> bool {
    let heads = |row: &[CompactString]| {
        let unit = row.cell(Some(unit_col));
        unit.is_some_and(|name| names_the_unit_column(header, unit_col, name))
    };
    let row = rows[r].as_slice();
    let below_header = r == 0 || heads(&rows[r - 1]);
    (below_header && crate::import::is_column_numbers(row))
        || summary_label(row, unit_col, code_col).is_some()
        || heads(row)
}

/// Whether a unit's name is its column's heading: a row of the header below it (`Đơn vị`
/// merged down a header of three rows, the criteria's maxima on the last), or the header
/// repeated where pages of a printed table were pasted together. Such a row is no unit.
fn names_the_unit_column(header: &[String], unit_col: usize, name: &str) -> bool {
    header.get(unit_col).is_some_and(|h| same_label(h, name))
}

/// A problem for each column named twice, which would make the last one silently win or go
/// unread: by the same heading, or by two headings of one field (`Tự chấm` and `Điểm tự đánh
/// giá`). A criterion's code twice may be another code of `m` Excel made a number of (1.10 as
/// 1.1), which the problem then says rather than to keep one column.
fn columns_named_twice(
    header: &[String],
    header_row: usize,
    m: Option<&Methodology>,
) -> Vec<ParError> {
    let mut problems = Vec::new();
    let names: Vec<String> = header.iter().map(|h| normalise(h)).collect();
    let rounds = rounds::round_fields(header);
    let mut first_seen: HashMap<&str, usize> = HashMap::default();
    let mut first_of_round = [None; rounds::ROUND_FIELDS];
    for (c, (h, name)) in header.iter().zip(&names).enumerate() {
        // Row numbers are not read: two columns of them harm nothing.
        if name.is_empty() || is_row_number(h) {
            continue;
        }
        // A round's field is one whether its heading numbers it or not (`Thẩm định` is round 1's).
        let earlier = match rounds[c] {
            Some(of) => *first_of_round[of.place()].get_or_insert(c),
            None => *first_seen.entry(field_named(name)).or_insert(c),
        };
        if earlier == c {
            continue;
        }
        let (column, first, second) = (
            h.trim().to_string(),
            column_letters(earlier),
            column_letters(c),
        );
        let message = if names[earlier] == *name {
            ReadingMsg::ColumnTwice {
                number_of: m.and_then(|m| code_excel_may_have_shortened(m, &column)),
                column,
                first,
                second,
            }
        } else {
            let earlier = header[earlier].trim().to_string();
            ReadingMsg::FieldTwice {
                column,
                earlier,
                first,
                second,
            }
        };
        let problem = ParError::new(ErrorCode::DuplicateCode, message);
        problems.push(problem.field(h.trim()).value(h.trim()).row(header_row));
    }
    problems
}

/// The fields a table's column may be, each by any of its headings.
const FIELDS: [&[&str]; 11] = [
    UNIT,
    BLOCK,
    CODE,
    SELF,
    APPRAISED,
    EVIDENCE,
    REASON,
    EXPLANATION,
    BY,
    SURVEY,
    VALUE,
];

/// Whether a heading names a field of a table ([`FIELDS`]), an appraisal round's among them
/// (`Thẩm định lần 2`).
fn names_a_field(heading: &str) -> bool {
    let named = normalise(heading);
    FIELDS.iter().any(|f| f.contains(&named.as_str())) || rounds::round_heading(heading).is_some()
}

/// What a normalised heading names: the field it is a heading of (as its first heading), else
/// itself.
fn field_named(heading: &str) -> &str {
    let field = FIELDS.iter().find(|headings| headings.contains(&heading));
    field.map_or(heading, |headings| headings[0])
}

/// The first cell of a row that belongs to no column (right of the header, or under a column
/// without a heading), and its column.
fn unheaded_cell<'c, R: Cells + ?Sized>(header: &[String], row: &'c R) -> Option<(usize, &'c str)> {
    let headed = |c: usize| header.get(c).is_some_and(|h| !h.trim().is_empty());
    row.texts()
        .enumerate()
        .find(|(c, cell)| !headed(*c) && !cell.trim().is_empty())
}

/// Why CSV text gives no [`LongCsv`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NoHeader {
    /// The text ends before the header is found.
    TextEnded,
    /// Not a regular long table's header, or not where streaming takes it: read the table whole.
    Irregular,
}

/// The header of CSV text and its row number, read as [`Table::from_csv`] and
/// [`Table::below_title_rows`] find it ([`HeaderSearch`]), each row down to it whole and in NFC.
fn header_below_titles(csv: &mut CsvRows) -> Result<(usize, Vec<String>), NoHeader> {
    let mut record = csv::StringRecord::new();
    let mut search = HeaderSearch::default();
    loop {
        let row_no = match csv.next(&mut record) {
            Ok(Some(row_no)) => row_no,
            Ok(None) => return Err(NoHeader::TextEnded),
            Err(_) => return Err(NoHeader::Irregular),
        };
        if !csv.faults(&record, None).is_empty() || !record.iter().all(is_nfc) {
            return Err(NoHeader::Irregular);
        }
        match search.row(&record) {
            Sought::Header => return Ok((row_no, record.iter().map(str::to_string).collect())),
            Sought::Title => {}
            Sought::NotFound => return Err(NoHeader::Irregular),
        }
    }
}

/// Scores a long table straight from its CSV text, each unit as soon as its rows are read, so
/// that a national run's million rows never stand in memory as cells: only the unit being read
/// and what the scorer keeps of those before it.
///
/// This is the way for a regular table: in NFC, the header on the first row or below title
/// rows, each unit's rows together, a code in each. At the first thing that is not so (no
/// header found, a wide table, a unit's rows apart, a row without a code, which may be a block's
/// heading) it stops and gives `None`: the table is then read whole ([`Table::from_csv`],
/// [`Table::read_assessments`]), which gives the same results for any table this reads. A row
/// with a problem (a score that is not a number, a code of no criterion, a criterion twice) is
/// no reason to stop: reading goes on past it, and [`Scorer::finish`] refuses the table with
/// every problem, in the order and within the count reading whole gives, without holding a
/// national sheet's cells to say so.
pub fn score_csv_as_read<'m>(text: &str, scorer: Scorer<'m>) -> Option<Scorer<'m>> {
    LongCsv::read(text)?.score(scorer)
}

/// A long table's CSV text, ready to be scored as it is read ([`score_csv_as_read`]), whole or in
/// parts side by side ([`LongCsv::parts`], [`Scorer::merge`]).
#[derive(Clone)]
pub struct LongCsv<'t> {
    header: LongHeader,
    separators: (u8, u8),
    /// The rows below the header, or a part of them.
    rows: &'t str,
    /// The row number of the first of `rows`.
    first_row: usize,
    /// How many cells `rows` may have: what the table's limit leaves after the header, shared
    /// among the parts (a part over its share is scored whole).
    cells: usize,
}

impl<'t> LongCsv<'t> {
    /// The table, if its header is a long table's, with every heading known and none twice, in
    /// NFC (text typed with combining accents is read whole, where each name is put in NFC; the
    /// rows are checked as they are scored, each part on its own core). The header is found as
    /// the table read whole finds it ([`Table::read_assessments`]): on the first row, or below
    /// the title rows a score sheet carries (the report's name, the province, the date).
    pub fn read(text: &'t str) -> Option<Self> {
        Self::read_header(text).ok()
    }

    /// [`LongCsv::read`], saying why there is no table: the text may end before its header
    /// (the start of a file, read on: [`LongCsvFeed`]).
    fn read_header(text: &'t str) -> Result<Self, NoHeader> {
        limits::TABLE_BYTES
            .check(text.len())
            .map_err(|_| NoHeader::Irregular)?;
        let mut csv = CsvRows::new(text);
        let (header_row, names) = header_below_titles(&mut csv)?;
        Ok(LongCsv {
            header: LongHeader::of(names).ok_or(NoHeader::Irregular)?,
            separators: csv.separators,
            cells: limits::TABLE_CELLS.max - csv.cells,
            rows: csv.rest(),
            first_row: header_row + 1,
        })
    }

    /// The table cut into at most `n` parts of whole units, to be scored side by side and merged
    /// in order ([`Scorer::merge`]). A table with quotes in its rows is one part: a quoted cell
    /// may hold a line break, so its lines are not its rows.
    pub fn parts(self, n: usize) -> Vec<LongCsv<'t>> {
        if n < 2 || self.has_quotes() {
            return vec![self];
        }
        let mut parts = Vec::with_capacity(n);
        let mut rest = self.clone();
        rest.cells = self.cells / n;
        for k in (1..n).rev() {
            // The next part is a (k + 1)th of what is left.
            let Some(at) = rest.unit_boundary_near(rest.rows.len() / (k + 1)) else {
                break;
            };
            let (head, tail) = (&rest.rows[..at], from_line_break(rest.rows, at));
            let mut part = rest.clone();
            part.rows = head;
            rest.first_row += rows_in(head.as_bytes());
            rest.rows = tail;
            parts.push(part);
        }
        parts.push(rest);
        parts
    }

    /// Whether a quote stands anywhere in the rows (searched with the `memchr` crate's vector
    /// search, several times faster over a whole table than `str::contains`).
    fn has_quotes(&self) -> bool {
        memchr::memchr(b'"', self.rows.as_bytes()).is_some()
    }

    /// The start of the first line at or after byte `near` whose unit differs from the line
    /// before it: a place to cut the rows without cutting a unit.
    fn unit_boundary_near(&self, near: usize) -> Option<usize> {
        // `near` may fall inside a character; a line break never does.
        let after = self.rows.as_bytes().get(near..)?;
        let start = near + after.iter().position(|&b| b == b'\n')? + 1;
        // Blank lines and rows without a unit belong to no unit: the cut is between two units.
        let mut previous = self.rows[..start - 1]
            .rsplit('\n')
            .find_map(|l| self.unit_named(l));
        let mut at = start;
        for line in self.rows[start..].split_inclusive('\n') {
            if let Some(unit) = self.unit_named(line) {
                if previous.is_some_and(|p| p != unit) {
                    return Some(at);
                }
                previous = Some(unit);
            }
            at += line.len();
        }
        None
    }

    /// The unit a line of the rows names: its unit cell, trimmed, unless empty (a blank line,
    /// a row without its unit).
    fn unit_named<'l>(&self, line: &'l str) -> Option<&'l str> {
        let line = line.trim_end_matches('\r');
        let cell = line
            .split(char::from(self.separators.0))
            .nth(self.header.columns.unit)?;
        Some(cell.trim()).filter(|unit| !unit.is_empty())
    }

    /// The same table's `rows`, the first of them numbered `first_row`: a piece of it read apart
    /// ([`LongCsvPiece`]).
    fn with_rows<'r>(&self, rows: &'r str, first_row: usize) -> LongCsv<'r> {
        LongCsv {
            header: self.header.clone(),
            separators: self.separators,
            rows,
            first_row,
            cells: self.cells,
        }
    }

    /// Scores the table's units (or this part's) as their rows are read; `None` at the first
    /// thing that is not regular (see [`score_csv_as_read`]), or when the rows are not in NFC.
    pub fn score<'m>(&self, scorer: Scorer<'m>) -> Option<Scorer<'m>> {
        self.score_counting_cells(scorer).map(|(scored, _)| scored)
    }

    /// [`LongCsv::score`], with how many cells the rows took (blank rows count as one): the
    /// table's limit is shared by pieces scored apart ([`LongCsvPiece`]).
    fn score_counting_cells<'m>(&self, scorer: Scorer<'m>) -> Option<(Scorer<'m>, usize)> {
        if !is_nfc(self.rows) {
            return None;
        }
        let mut units = UnitsAsRead::new(scorer);
        let cells = if self.has_quotes() {
            self.score_records(&mut units)?
        } else {
            self.score_lines(&mut units)?
        };
        Some((units.finish(&self.header)?, cells))
    }

    /// Rows read by the CSV reader, which unquotes cells (a quoted cell may hold a separator or
    /// a line break); the cells read.
    fn score_records(&self, units: &mut UnitsAsRead) -> Option<usize> {
        let mut csv = CsvRows::of_rows(self.rows, self.separators, self.first_row, self.cells);
        let mut record = csv::StringRecord::new();
        let mut row_before = self.first_row - 1;
        while let Some(row_no) = csv.next(&mut record).ok()? {
            // The empty lines the reader passed over are blank rows (signatures start below one).
            (row_before + 1..row_no).for_each(|blank| units.blank_row(blank));
            row_before = row_no;
            if !csv.faults(&record, Some(self.header.width())).is_empty() {
                return None;
            }
            let cells: Vec<&str> = record.texts().collect();
            self.header.take_row(units, row_no, &cells)?;
        }
        Some(csv.cells)
    }

    /// Rows without a quote, read as the CSV reader reads them and numbered as a spreadsheet
    /// shows them ([`rows_of_cells`]): every separator ends a cell, and a byte-order mark starting the
    /// text is left out. The cells are slices of the text, neither copied nor checked as UTF-8
    /// again. Gives the cells read.
    fn score_lines(&self, units: &mut UnitsAsRead) -> Option<usize> {
        let text = self.rows.strip_prefix('\u{feff}').unwrap_or(self.rows);
        let mut row_no = self.first_row - 1;
        let mut cells_read = 0usize;
        let mut cells: Vec<&str> = Vec::with_capacity(self.header.width());
        rows_of_cells(text, self.separators.0, &mut cells, |cells| {
            row_no += 1;
            // A blank row is read as nothing; it takes room as a cell does (`CsvRows::next`),
            // and is no reason to step aside (blank rows ending a table are no row of it).
            cells_read += room_taken(cells.iter().copied());
            if cells.is_empty() {
                units.blank_row(row_no);
                return Some(());
            }
            if cells_read > self.cells {
                return None;
            }
            self.take_line(units, row_no, cells)
        })?;
        Some(cells_read)
    }

    /// A row read by [`LongCsv::score_lines`], checked as the CSV reader's rows are
    /// ([`CsvRows::faults`]).
    fn take_line(&self, units: &mut UnitsAsRead, row_no: usize, cells: &[&str]) -> Option<()> {
        if cells.misaligned(self.header.width()) {
            return None;
        }
        self.header.take_row(units, row_no, cells)
    }
}

/// The rows of CSV text without quotes, each cut into its cells at every `separator`, given to
/// `row` one after another until it gives `None`. Rows are numbered as a spreadsheet opening the
/// file shows them: a line break (`\n`, `\r`, or `\r\n` as one) ends a row, an empty line is a
/// (blank) row of its own, given as no cells, and the end of the text ends the last row unless
/// nothing follows the last line break. The text starts with the line break ending the row
/// before it ([`CsvRows::rest`], [`from_line_break`]), which starts no row. `cells` is room for
/// a row's cells, used again for each.
///
/// One pass over the bytes finds separators and line breaks together, asking a table of the
/// bytes that end a cell: a row is tens of bytes in a few cells, and a vector search per line
/// and then per separator (or one for the three bytes at once) sets itself up more often than
/// it saves; finding each row's end first and its cells after read every byte twice.
fn rows_of_cells<'t>(
    text: &'t str,
    separator: u8,
    cells: &mut Vec<&'t str>,
    mut row: impl FnMut(&[&'t str]) -> Option<()>,
) -> Option<()> {
    // A separator is ASCII punctuation or a tab (`excel_separator_line`, `CsvRows`): never a
    // line break, nor a byte inside a character, nor the zero `CellEnds` pads the text with.
    debug_assert!(separator.is_ascii() && !matches!(separator, b'\r' | b'\n' | 0));
    let bytes = text.as_bytes();
    let mut ends_cell = [false; 256];
    for b in [separator, b'\n', b'\r'] {
        ends_cell[usize::from(b)] = true;
    }
    // The text starts with the line break ending the row before it, which starts no row.
    let mut start = line_break_at(bytes, 0);
    let (mut cell_start, mut at) = (start, start);
    while let Some(&byte) = bytes.get(at) {
        if !ends_cell[usize::from(byte)] {
            at += 1;
            continue;
        }
        // Separators and line breaks are ASCII: a cell never starts or ends inside a character.
        if byte == separator {
            // A row wider than a table may be (this cell and the one after the separator make
            // it so) is not cut here: the CSV reader refuses it (`CsvRows::next`).
            if cells.len() + 2 > limits::TABLE_COLUMNS.max {
                return None;
            }
            cells.push(text.get(cell_start..at)?);
            at += 1;
            cell_start = at;
            continue;
        }
        if at > start {
            cells.push(text.get(cell_start..at)?);
        }
        row(cells)?;
        cells.clear();
        at += line_break_at(bytes, at);
        (start, cell_start) = (at, at);
    }
    // The last row, unless nothing follows the last line break.
    if start < bytes.len() {
        cells.push(text.get(cell_start..)?);
        row(cells)?;
        cells.clear();
    }
    Some(())
}

/// How many rows text without quotes makes, counted as [`LongCsv::score_lines`] reads them
/// ([`rows_of_cells`]): text from the line break ending the row before it to the one ending its last
/// row (a part, a piece): its line breaks but the first.
fn rows_in(lines: &[u8]) -> usize {
    line_breaks(lines).saturating_sub(1)
}

/// How many line breaks the bytes hold: each `\n`, and each `\r` but the one of a `\r\n`. A
/// national table has a million: they are counted in blocks of bytes small enough to count in
/// a byte, which the compiler turns into vector instructions (three times faster than
/// searching for each, and than [`rows_of_cells`]).
fn line_breaks(bytes: &[u8]) -> usize {
    let Some((&last, _)) = bytes.split_last() else {
        return 0;
    };
    let (these, next) = (&bytes[..bytes.len() - 1], &bytes[1..]);
    let mut breaks = usize::from(matches!(last, b'\r' | b'\n'));
    for (these, next) in these.chunks(255).zip(next.chunks(255)) {
        let mut in_block = 0u8;
        for (&this, &next) in these.iter().zip(next) {
            // `|` and `&`, not `||` and `&&`: no branch, so that the loop is vectorised.
            in_block += u8::from((this == b'\n') | ((this == b'\r') & (next != b'\n')));
        }
        breaks += usize::from(in_block);
    }
    breaks
}

/// A long table given row by row, each row's cells as text (a DataFrame's rows, a sheet's):
/// scored as it is read, as [`score_csv_as_read`] scores CSV text, so that its rows never stand in
/// memory as a [`Table`]. It gives `None` at the first thing that is not regular (see
/// [`score_csv_as_read`]); the caller then reads the table whole ([`crate::score_table`]), which
/// says what is wrong with it.
///
/// A table's rows may also be scored in parts of whole units side by side, each part from its
/// own [`LongRowsHeader::rows`] and finished with [`LongRows::finish_part`], the parts merged in
/// order by [`LongRowsHeader::merge`], as a CSV file's pieces are ([`LongCsvFeed`]).
pub struct LongRows<'m> {
    header: LongRowsHeader,
    units: UnitsAsRead<'m>,
    /// The row number of the last row given: the header is row 1.
    row_no: usize,
    /// How many cells the rows given took of the table's limit (blank rows count as one).
    cells: usize,
}

/// The header of a long table given row by row, read once: the rows below it are scored in one
/// pass ([`LongRows::new`]) or in parts of whole units side by side ([`LongRowsHeader::rows`]).
#[derive(Clone)]
pub struct LongRowsHeader(LongHeader);

impl LongRowsHeader {
    /// The header on row 1; `None` unless it is a long table's, with every heading known and
    /// none twice.
    pub fn of<S: AsRef<str>>(header: &[S]) -> Option<Self> {
        let names = header.iter().map(|h| nfc(h.as_ref()).into_owned());
        LongHeader::of(names.collect()).map(LongRowsHeader)
    }

    /// How many columns the header has: a row's cells, as [`LongRows::add`] takes them.
    pub fn width(&self) -> usize {
        self.0.width()
    }

    /// The unit a row names, as reading it takes it: where a part of whole units may start is
    /// a row naming another unit than the last row that named one (blank rows, and rows
    /// without a unit, go with the unit before them).
    pub fn unit_of<'c, S: AsRef<str>>(&self, row: &'c [S]) -> Option<&'c str> {
        row.cell(Some(self.0.columns.unit))
    }

    /// The rows from spreadsheet row `first_row` on (the first below the header is row 2),
    /// scored by `scorer`.
    pub fn rows<'m>(&self, scorer: Scorer<'m>, first_row: usize) -> LongRows<'m> {
        LongRows {
            header: self.clone(),
            units: UnitsAsRead::new(scorer),
            row_no: first_row.saturating_sub(1),
            cells: 0,
        }
    }

    /// The parts of the table's rows scored side by side, in the rows' order, merged into one
    /// scorer as if one pass had scored them all; `None` when a part could not be scored so
    /// (`None` among them), a unit's rows are in two parts, or the parts together pass the
    /// table's cell limit: the table is then read whole, which says what is wrong with it.
    pub fn merge<'m>(
        &self,
        parts: impl IntoIterator<Item = Option<ScoredPiece<'m>>>,
    ) -> Option<Scorer<'m>> {
        let allowed = limits::TABLE_CELLS.max.checked_sub(self.0.width())?;
        feed::merge_pieces(
            parts.into_iter().map(|p| p.ok_or(Unstreamable::Rows)),
            allowed,
        )
        .ok()
    }
}

impl<'m> LongRows<'m> {
    /// The table's rows, to be given one by one ([`LongRows::add`]) after its header, on row 1;
    /// `None` unless the header is a long table's, with every heading known and none twice.
    pub fn new<S: AsRef<str>>(header: &[S], scorer: Scorer<'m>) -> Option<Self> {
        Some(LongRowsHeader::of(header)?.rows(scorer, 2))
    }

    /// The next row's cells, column by column as the header's (a short row's missing cells are
    /// empty), in NFC as [`Table::in_nfc`] puts them; `None` when it shows that the table is not
    /// regular, or a cell is not in NFC (reading whole keeps such a cell's text as typed).
    pub fn add<S: AsRef<str>>(&mut self, cells: &[S]) -> Option<()> {
        self.row_no += 1;
        self.cells = self.cells.saturating_add(room_taken(cells.texts()));
        let header = &self.header.0;
        if header.width().saturating_add(self.cells) > limits::TABLE_CELLS.max {
            return None;
        }
        if !cells.iter().all(|c| is_nfc(c.as_ref())) {
            return None;
        }
        let cells: Vec<&str> = cells.texts().collect();
        header.take_row(&mut self.units, self.row_no, &cells)
    }

    /// The scorer, with every unit given scored.
    pub fn finish(self) -> Option<Scorer<'m>> {
        self.units.finish(&self.header.0)
    }

    /// A part's scorer, with every unit given scored, and the cells its rows took of the
    /// table's limit, to be merged with the other parts' ([`LongRowsHeader::merge`]).
    pub fn finish_part(self) -> Option<ScoredPiece<'m>> {
        let cells = self.cells;
        let scorer = self.finish()?;
        Some(ScoredPiece { scorer, cells })
    }
}

/// The header of a long table on row 1, every heading known and none twice: what reading its
/// rows as they come needs.
#[derive(Clone)]
struct LongHeader {
    names: Vec<String>,
    columns: LongColumns,
    every_column_headed: bool,
    /// The column of reasons no score is read beside ([`LongColumns::round_without_scores`]).
    unread_reasons: Option<usize>,
}

impl LongHeader {
    fn of(names: Vec<String>) -> Option<Self> {
        limits::TABLE_COLUMNS.check(names.len()).ok()?;
        let columns = LongColumns::of(&names, column(&names, UNIT)?);
        column(&names, CODE)?;
        let regular = columns.header_problems(&names, 1).is_empty()
            && columns_named_twice(&names, 1, None).is_empty();
        regular.then(|| LongHeader {
            every_column_headed: names.iter().all(|h| !h.trim().is_empty()),
            unread_reasons: columns.round_without_scores().and_then(|r| r.reason),
            names,
            columns,
        })
    }

    /// How many columns the header has.
    fn width(&self) -> usize {
        self.names.len()
    }

    /// A row of a regular table, read into the unit it belongs to; `None` when it shows that the
    /// table is not regular.
    fn take_row(&self, units: &mut UnitsAsRead, row_no: usize, row: &[&str]) -> Option<()> {
        // The signatures below the table, in any column: held, to be passed over at its end.
        if units.held_as_signatures(row_no, row)? {
            return Some(());
        }
        let headed = self.every_column_headed && row.len() <= self.width();
        if !headed && unheaded_cell(&self.names, row).is_some() {
            return None;
        }
        let Some(name) = row.cell(Some(self.columns.unit)) else {
            // A blank row is read as nothing; a row without its unit is a problem.
            let blank = row.is_blank();
            if blank {
                units.blank_row(row_no);
            }
            return blank.then_some(());
        };
        // A summary row labelled left of the unit's name (`Tổng cộng:;Toàn tỉnh`) is passed
        // over by the table read whole, which says so (a label in the unit's cell is found
        // where its unit starts: `UnitsAsRead::may_start`).
        let left = &row[..self.columns.unit.min(row.len())];
        if left.iter().any(|cell| is_summary_label(cell)) {
            return None;
        }
        // A unit starts only where the table read whole starts one: not at the column numbers
        // printed under a header (`A;B;1;2` "names" a unit `B`), the header's own rows (a unit
        // `Đơn vị`), a name it reads otherwise, nor a title or a date that may start signatures
        // without the blank row above them (held as signatures, they were taken above). This
        // steps aside there, before the row's problems are said, which reading whole would say
        // otherwise or not at all.
        let starts_unit = units.reading.as_ref().is_none_or(|u| u.unit != name);
        if starts_unit
            && (crate::import::is_column_numbers(row)
                || names_the_unit_column(&self.names, self.columns.unit, name)
                || !units.may_start(name)
                || starts_the_signatures(name, row.cell(self.columns.code)))
        {
            return None;
        }
        // A row without a code may be a block's heading (`I. Khối Sở`), which the table read
        // whole reads as one; a unit's total (`Tổng cộng` for a code) is passed over by it, and
        // said. A row with a code is otherwise always an entry.
        let code = row.cell(self.columns.code)?;
        if is_summary_label(code) {
            return None;
        }
        // A reason no score is read beside is counted, to be said with the results as the table
        // read whole says it (`Table::passed_over`).
        if let Some(reasons) = self.unread_reasons {
            if typed_reason(row, reasons).is_some() {
                units.reason_not_read(row_no);
            }
        }
        let short_cells = row.texts().all(|t| t.len() <= limits::TEXT_BYTES.max);
        units.read_row(&self.columns, name, row, row_no, short_cells)
    }
}

/// The units of a table as its rows are read: the one being read, and those scored already.
struct UnitsAsRead<'m> {
    scorer: Scorer<'m>,
    reading: Option<UnitAssessment>,
    /// Whether every text of the unit being read is within its limit (see [`Scorer::add_read`]).
    within_limits: bool,
    finished: HashSet<String>,
    problems: Collector,
    leaves: usize,
    /// The first row with a reason no score is read beside, and how many rows have one.
    reasons_not_read: Option<(usize, usize)>,
    /// The row number of the last blank row read (0 before the first).
    last_blank_row: usize,
    /// Whether a row was read (an empty line aside): the first, if it may start the signatures,
    /// does so only below a blank row read ([`UnitsAsRead::held_as_signatures`]).
    rows_read: bool,
    /// The rows from one that may start the signatures below the table to the last read.
    signatures: Option<SignaturesHeld>,
}

impl<'m> UnitsAsRead<'m> {
    fn new(scorer: Scorer<'m>) -> Self {
        let leaves = leaf_count(scorer.methodology());
        UnitsAsRead {
            scorer,
            reading: None,
            within_limits: true,
            finished: HashSet::default(),
            problems: Collector::default(),
            leaves,
            reasons_not_read: None,
            last_blank_row: 0,
            rows_read: false,
            signatures: None,
        }
    }

    /// Notes that row `row_no` is blank: the signatures below a table start after one.
    fn blank_row(&mut self, row_no: usize) {
        match &mut self.signatures {
            Some(held) => held.blanks += 1,
            None => self.last_blank_row = row_no,
        }
    }

    /// Whether row `row_no` is held as one of the signatures that may end the table: the first
    /// row after a blank one holding only titles, or only the place and date
    /// ([`signatures_start`]), and every row after it, blank ones too. `None` when more rows
    /// follow it than signatures take, or when the first row read may start them without a
    /// blank row read above it: the table read whole says what they are.
    fn held_as_signatures(&mut self, row_no: usize, row: &[&str]) -> Option<bool> {
        if let Some(held) = &mut self.signatures {
            held.hold(row)?;
            return Some(true);
        }
        let first_read = !std::mem::replace(&mut self.rows_read, true);
        let after_a_blank_row = self.last_blank_row > 0 && row_no == self.last_blank_row + 1;
        if !(after_a_blank_row || first_read) || !may_start_signatures(row) {
            return Some(false);
        }
        // A part of a table cut at a unit's first row (`LongCsv::parts`, `LongCsvFeed`,
        // `LongRowsHeader`) does not know whether the part before it ended with a blank row,
        // which makes such a row the signatures' (or a note's) start, passed over, and not a
        // unit's, read with its problems.
        if !after_a_blank_row {
            return None;
        }
        self.signatures = Some(SignaturesHeld::starting(row_no, row));
        Some(true)
    }

    /// Counts a row's reason that no score is read beside (see [`Table::passed_over`]).
    fn reason_not_read(&mut self, row_no: usize) {
        let (_, rows) = self.reasons_not_read.get_or_insert((row_no, 0));
        *rows += 1;
    }

    /// Reads row `row_no`, of unit `name`, into the unit being read, or, for a row of another
    /// unit, into a new one, which starts there if the row reads (as reading whole starts a
    /// unit), the one read so far being scored then. `None` when the scorer takes no more units.
    /// A row that does not read is said, and reading goes on, as when read whole: the table is
    /// refused, and the units still to come are scored only for their problems. `short_cells`:
    /// whether each of the row's cells is within a text's limit. (A unit starts only where it
    /// may: `LongHeader::take_row` asked.)
    fn read_row(
        &mut self,
        columns: &LongColumns,
        name: &str,
        row: &[&str],
        row_no: usize,
        short_cells: bool,
    ) -> Option<()> {
        let m = self.scorer.methodology();
        let read = match &mut self.reading {
            Some(unit) if unit.unit == name => {
                columns.read_into(m, row, row_no, None, unit, &mut self.problems)
            }
            _ => {
                // The room of the unit before, where its inputs were let go ([`Units`]): its
                // map comes back holding them, and is emptied keeping its room.
                let mut entries = self.scorer.spare_entries().unwrap_or_else(|| {
                    Entries::with_capacity_and_hasher(self.leaves, Default::default())
                });
                entries.clear();
                let mut unit = UnitAssessment {
                    entries,
                    ..UnitAssessment::named(name)
                };
                let read = columns.read_into(m, row, row_no, None, &mut unit, &mut self.problems);
                if read != RowRead::Refused {
                    self.score_unit_read()?;
                    self.reading = Some(unit);
                    self.within_limits = true;
                }
                read
            }
        };
        match read {
            RowRead::Refused => self.scorer.refused(),
            RowRead::Read { placed, code_bytes } => {
                self.within_limits &= short_cells && code_bytes <= limits::CODE_BYTES.max;
                if !placed {
                    self.scorer.refused();
                }
            }
        }
        Some(())
    }

    /// Scores the unit read so far, if any; `None` when the scorer takes no more units.
    fn score_unit_read(&mut self) -> Option<()> {
        let Some(done) = self.reading.take() else {
            return Some(());
        };
        self.finished.insert(done.unit.clone());
        self.score(done)
    }

    /// Whether a unit named `name` may start here. Not where reading whole says what is wrong
    /// (named twice, a summary row), reads the name as it reads any (white space typed two ways
    /// is one name), or passes over the column numbers printed under the header (a unit
    /// "named" `(2)`).
    fn may_start(&self, name: &str) -> bool {
        !self.finished.contains(name)
            && !is_summary_label(name)
            && is_tidy(name)
            && crate::import::column_number(name).is_none()
    }

    fn score(&mut self, unit: UnitAssessment) -> Option<()> {
        if self.scorer.full() {
            return None;
        }
        self.scorer.add_read(unit, self.within_limits);
        Some(())
    }

    /// The scorer, every unit scored, with the reasons not read of the table headed `header`.
    fn finish(mut self, header: &LongHeader) -> Option<Scorer<'m>> {
        self.score_unit_read()?;
        // Rows held that are no signatures ending the table: reading whole says what they are.
        if let Some(held) = self.signatures.take() {
            self.scorer.signatures_passed_over(held.passed_over()?);
        }
        self.scorer.found_in_reading(self.problems);
        let round = header.columns.round_without_scores();
        if let (Some((first_row, rows)), Some(round)) = (self.reasons_not_read, round) {
            let reasons = ReasonsNotRead::of(round, first_row, rows);
            self.scorer.reasons_not_read(reasons);
        }
        Some(self.scorer)
    }
}

/// The rows below a long table read as it comes, from the first that may start its signatures
/// ([`UnitsAsRead::held_as_signatures`]): whether they are its signatures is known at its end,
/// where they are passed over as the table read whole passes them over.
struct SignaturesHeld {
    /// The row number of the first.
    first_row: usize,
    /// The rows held, up to the last that holds something.
    rows: Vec<Vec<CompactString>>,
    /// How many blank rows were read after the last row held: held only if a row follows them
    /// (blank rows ending a table are no row of it).
    blanks: usize,
}

impl SignaturesHeld {
    fn starting(first_row: usize, row: &[&str]) -> Self {
        SignaturesHeld {
            first_row,
            rows: vec![SignaturesHeld::cells_kept(row)],
            blanks: 0,
        }
    }

    /// A row's cells up to its last filled one, as a table read whole keeps them
    /// ([`room_taken`]): the empty cells a row may end with, past the header, take no room.
    fn cells_kept(row: &[&str]) -> Vec<CompactString> {
        let kept = room_taken(row.iter().copied());
        row.iter().take(kept).map(|&cell| cell.into()).collect()
    }

    /// Holds the next row; `None` when the rows would be more than signatures take.
    fn hold(&mut self, row: &[&str]) -> Option<()> {
        if row.is_blank() {
            self.blanks += 1;
            return Some(());
        }
        if self.rows.len() + self.blanks + 1 > SIGNATURE_ROWS {
            return None;
        }
        let blanks = std::iter::repeat_with(Vec::new).take(self.blanks);
        self.rows.extend(blanks);
        self.blanks = 0;
        self.rows.push(SignaturesHeld::cells_kept(row));
        Some(())
    }

    /// The signatures the rows are, starting on the first (below the blank row before it);
    /// `None` when they are not.
    fn passed_over(self) -> Option<SignatureRows> {
        let below_a_blank_row = std::iter::once(Vec::new()).chain(self.rows);
        let rows: Vec<_> = below_a_blank_row.collect();
        let signed = signature_rows(&rows, self.first_row - 1)?;
        (signed.first_row == self.first_row).then_some(signed)
    }
}

/// A unit usually has a row per leaf: its entries are given room for them at once, not moved on
/// each doubling.
fn leaf_count(m: &Methodology) -> usize {
    m.nodes.iter().filter(|n| n.is_leaf()).count()
}

/// The positions of the first `count` of `rows` that hold text, among which a header is looked
/// for below title rows: blank rows (a sheet's top margin, empty lines) are not counted.
pub(crate) fn written_rows<S: AsRef<str>>(
    rows: &[Vec<S>],
    count: usize,
) -> impl Iterator<Item = usize> + '_ {
    let written = rows.iter().enumerate().filter(|(_, row)| !row.is_blank());
    written.map(|(k, _)| k).take(count)
}

/// The cells of a row, however the reader holds them: a table's row, or a CSV record read one at
/// a time.
trait Cells {
    /// The text of the cell in column `col`, as given.
    fn text(&self, col: usize) -> Option<&str>;

    /// Every cell's text, as given.
    fn texts(&self) -> impl Iterator<Item = &str>;

    /// How many cells the row has.
    fn len(&self) -> usize;

    /// The cell in column `col`, trimmed, or `None` when it is empty: also when it holds only
    /// characters that take no room (a zero-width space a copy from a web page left).
    fn cell(&self, col: Option<usize>) -> Option<&str> {
        let text = self.text(col?)?;
        // Nearly every cell starts with a visible ASCII character: nothing to trim before it,
        // and not one that takes no room (none is ASCII). A national run asks seven million.
        // Cells are trimmed of any Unicode white space (the no-break space Excel pastes from the
        // web among them).
        let visible = |b: Option<&u8>| b.is_some_and(u8::is_ascii_graphic);
        if visible(text.as_bytes().first()) {
            return match visible(text.as_bytes().last()) {
                true => Some(text),
                false => Some(text.trim_end()),
            };
        }
        Some(text.trim()).filter(|s| !s.is_empty() && !is_invisible(s))
    }

    /// Whether every cell is empty: a blank row, read as nothing.
    fn is_blank(&self) -> bool {
        self.texts().all(|c| c.trim().is_empty())
    }

    /// Whether the cells do not line up with a header of `columns` columns: fewer cells, or text
    /// past the last column. Empty cells past the header are what Excel writes for formatted
    /// columns, and a blank row lines up with any header.
    fn misaligned(&self, columns: usize) -> bool {
        let past_header = self.texts().skip(columns).any(|c| !c.trim().is_empty());
        (self.len() < columns || past_header) && !self.is_blank()
    }
}

impl<S: AsRef<str>> Cells for [S] {
    fn text(&self, col: usize) -> Option<&str> {
        self.get(col).map(S::as_ref)
    }
    fn texts(&self) -> impl Iterator<Item = &str> {
        self.iter().map(S::as_ref)
    }
    fn len(&self) -> usize {
        <[S]>::len(self)
    }
}

impl Cells for csv::StringRecord {
    fn text(&self, col: usize) -> Option<&str> {
        self.get(col)
    }
    fn texts(&self) -> impl Iterator<Item = &str> {
        self.iter()
    }
    fn len(&self) -> usize {
        csv::StringRecord::len(self)
    }
}

/// Where each column of a long table is.
#[derive(Clone)]
struct LongColumns {
    row_number: Option<usize>,
    unit: usize,
    block: Option<usize>,
    code: Option<usize>,
    self_score: Option<usize>,
    /// Each appraisal round's columns, in order (see [`rounds`]).
    rounds: Vec<RoundColumns>,
    /// Whether a heading numbers a round (`Thẩm định lần 2`): problems then name each round's
    /// fields with its number.
    rounds_numbered: bool,
    evidence: Option<usize>,
    explanation: Option<usize>,
    survey: Option<usize>,
    value: Option<usize>,
}

impl LongColumns {
    fn of(header: &[String], unit: usize) -> Self {
        let col = |names| column(header, names);
        let (rounds, rounds_numbered) = rounds::round_columns(header);
        LongColumns {
            row_number: col(ROW_NUMBER),
            unit,
            block: col(BLOCK),
            code: col(CODE),
            self_score: col(SELF),
            rounds,
            rounds_numbered,
            evidence: col(EVIDENCE),
            explanation: col(EXPLANATION),
            survey: col(SURVEY),
            value: col(VALUE),
        }
    }

    /// The round of a table of one round that has no column of its scores (`Tự chấm | Lý do`):
    /// its reason is never read. (Where the table numbers its rounds, such a round is the
    /// header's problem.)
    fn round_without_scores(&self) -> Option<&RoundColumns> {
        let unscored = |r: &&RoundColumns| r.appraised.is_none();
        self.rounds
            .iter()
            .find(unscored)
            .filter(|_| !self.rounds_numbered)
    }

    /// The problems of a long table's header: each heading that names no column, and, where
    /// the table numbers its rounds, each round's reason or appraiser without the round's score.
    fn header_problems(&self, header: &[String], header_row: usize) -> Vec<ParError> {
        let mut known = vec![
            self.row_number,
            Some(self.unit),
            self.block,
            self.code,
            self.self_score,
            self.evidence,
            self.explanation,
            self.survey,
            self.value,
        ];
        for round in &self.rounds {
            for column in round.columns() {
                known.push(column);
            }
        }
        // Row numbers are not read: a sheet may number its rows in more than one column.
        let not_read = |h: &str| {
            let named = normalise(h);
            named.is_empty() || LONG_NOT_READ.contains(&named.as_str()) || is_row_number(h)
        };
        let unknown = header
            .iter()
            .enumerate()
            .filter(|(c, h)| !known.contains(&Some(*c)) && !not_read(h));
        // A round's reason or appraiser without the round's score would never be read, in a
        // table numbering its rounds. (In one of a single round, `Tự chấm | Lý do` gives the
        // unit's own reasons: such a sheet is read as it was before rounds were.)
        let mut problems = Vec::new();
        let unscored = |r: &&RoundColumns| r.appraised.is_none() && self.rounds_numbered;
        for round in self.rounds.iter().filter(unscored) {
            for c in [round.reason, round.by] {
                let Some(column) = c.and_then(|c| header.get(c)).map(|h| h.trim()) else {
                    continue;
                };
                let message = ReadingMsg::RoundWithoutScore {
                    column: column.to_string(),
                    round: round.round,
                };
                let problem = ParError::new(ErrorCode::MissingField, message);
                problems.push(problem.field(column).row(header_row));
            }
        }
        problems.extend(unknown.map(|(_, h)| {
            ParError::new(
                ErrorCode::UnknownField,
                ReadingMsg::NotALongColumn {
                    column: h.trim().to_string(),
                    expected: LONG_COLUMNS.map(str::to_string).to_vec(),
                },
            )
            .field(h.trim())
            .row(header_row)
        }));
        problems
    }

    /// Reads the row at spreadsheet row `row_no` into `unit`, whose row it is, under the block
    /// `heading` printed above it where the row names none: refused, with its problems recorded,
    /// where its code or cells do not read ([`LongColumns::read_entry`]); read but not placed
    /// where the unit was given another block or the criterion already. The entry is read where
    /// it stays, in the unit's room for it: an entry is a few hundred bytes, and moving each one
    /// from function to function took a sixth of a national run's time. (A criterion given
    /// again is read apart, for its problems.)
    fn read_into(
        &self,
        m: &Methodology,
        row: &[&str],
        row_no: usize,
        heading: Option<&str>,
        unit: &mut UnitAssessment,
        problems: &mut Collector,
    ) -> RowRead {
        let UnitAssessment {
            unit: name,
            block,
            entries,
        } = unit;
        let at = |e: ParError| e.unit(name.as_str()).row(row_no);
        let Some((code, node)) = self.known_code(m, row, &at, problems) else {
            return RowRead::Refused;
        };
        let given_block = row.cell(self.block).or(heading).map(nfc);
        let (index, fresh) = match entries.entry(code.as_ref().into()) {
            indexmap::map::Entry::Vacant(room) => {
                (room.insert_entry(Entry::default()).index(), true)
            }
            indexmap::map::Entry::Occupied(earlier) => (earlier.index(), false),
        };
        let mut apart = None;
        let entry = match fresh {
            true => &mut entries[index],
            false => apart.insert(Entry::default()),
        };
        let read = self.read_entry(m, row, row_no, (&code, node), entry, &at, problems);
        let agrees = read && block_agrees(name, given_block, block, &at, problems);
        if fresh && !agrees {
            entries.pop();
        }
        if !read {
            return RowRead::Refused;
        }
        if !fresh && agrees {
            let message = ScoringMsg::UnitCodeTwice {
                unit: name.to_string(),
                code: code.to_string(),
                earlier_row: entries[index].row.get(),
                number_of: code_excel_may_have_shortened(m, &code),
            };
            let problem = ParError::new(ErrorCode::ConflictingInput, message);
            let problem = problem.node(code.as_ref()).field("code");
            problems.push(at(problem.value(code.as_ref())));
        }
        RowRead::Read {
            placed: fresh && agrees,
            code_bytes: code.len(),
        }
    }

    /// The criterion a row gives, as the methodology names it, with its node (none for an
    /// adjustment); `None` with its problem recorded where the row has no code, or one the
    /// methodology lacks.
    fn known_code<'r, 'm>(
        &self,
        m: &'m Methodology,
        row: &'r [&'r str],
        at: &dyn Fn(ParError) -> ParError,
        problems: &mut Collector,
    ) -> Option<(Cow<'r, str>, Option<&'m Node>)> {
        let cell = |col| row.cell(col);
        let Some(code) = cell(self.code) else {
            // A row of nothing but a name is likelier a line below the table than a unit's.
            let only_a_name =
                (0..row.len()).all(|col| col == self.unit || cell(Some(col)).is_none());
            let message = match only_a_name {
                true => ReadingMsg::RowWithOnlyAName,
                false => ReadingMsg::RowWithoutCode,
            };
            let problem = ParError::new(ErrorCode::MissingField, message).field("code");
            problems.push(at(problem));
            return None;
        };
        let mut code = nfc(code);
        let mut node = m.node(&code);
        if node.is_none() {
            // Looked for again only once the code typed is no node's: rows name nodes.
            let known = m.code_as_typed(&code).map(Cow::into_owned);
            if let Some(known) = known {
                node = m.node(&known);
                code = Cow::Owned(known);
            }
        }
        if node.is_none() && !m.adjustment_by_code.contains_key(code.as_ref()) {
            problems.push(at(ParError::new(
                ErrorCode::UnknownNode,
                ScoringMsg::NotInCriteriaSet {
                    code: code.to_string(),
                    methodology: m.id().to_string(),
                },
            )
            .node(code.as_ref())
            .value(code.as_ref())));
            return None;
        }
        Some((code, node))
    }

    /// Reads the cells of the row at `row_no` into `entry`, the entry it gives criterion `code`
    /// (of `node`); `false`, with its problems recorded, where a cell that needs a number holds
    /// none, a reason stands beside no score, or a text is one a spreadsheet did not compute.
    #[allow(clippy::too_many_arguments)]
    fn read_entry(
        &self,
        m: &Methodology,
        row: &[&str],
        row_no: usize,
        (code, node): (&str, Option<&Node>),
        entry: &mut Entry,
        at: &dyn Fn(ParError) -> ParError,
        problems: &mut Collector,
    ) -> bool {
        let cell = |col| row.cell(col);
        let rule = node.and_then(Node::leaf_rule);
        let mut bad = false;
        // A reason typed beside a blank score is refused: it would be lost, and what it
        // explains with it. What a spreadsheet computed there (`#N/A` or a formula, as a lookup
        // gives on the rows not adjusted) is passed over, as texts on rows without a round are.
        // (A round without a column of scores is the header's problem.)
        for round in self.rounds.iter().filter(|r| r.appraised.is_some()) {
            let typed = |reason: &&str| crate::decimal::spreadsheet_fault(reason).is_none();
            if let (None, Some(reason)) = (cell(round.appraised), cell(round.reason).filter(typed))
            {
                let message = ReadingMsg::ReasonWithoutScore {
                    reason_column: round.reason_heading.clone(),
                    letters: round.reason.map(column_letters).unwrap_or_default(),
                    score_column: round.score_heading.clone(),
                };
                let problem = ParError::new(ErrorCode::MissingField, message);
                let problem = problem.node(code).field(round.reason_field.as_str());
                problems.push(at(problem.value(reason)));
                bad = true;
            }
        }
        let mut input = |(field, which): (&str, Input), text: Option<&str>| {
            cell_input(m, code, rule, (field, which), text?)
                .map_err(|e| {
                    problems.push(at(e));
                    bad = true;
                })
                .ok()
        };
        let self_score = input(("self", Input::SelfScore), cell(self.self_score));
        // A round is given where its score is: a round's reason alone is no appraisal. The
        // list is made at the size of the rounds given: room for more (four, collected) is paid
        // for on every row (a national run's inputs 250 MB more).
        let given = (self.rounds.iter()).filter(|r| cell(r.appraised).is_some());
        let mut appraisals = EntryList::with_capacity(given.count());
        for round in &self.rounds {
            let scored = (round.score_field.as_str(), Input::Appraisal(round.round));
            let Some(value) = input(scored, cell(round.appraised)) else {
                continue;
            };
            appraisals.push(Appraisal {
                round: round.round,
                value,
                reason: cell(round.reason).map(str::to_string),
                by: cell(round.by).map(CompactString::from),
            });
        }
        let survey = input(("survey", Input::SurveyPoints), cell(self.survey));
        let value = input(("value", Input::Value), cell(self.value));
        let decimal = |v: Option<InputValue>| match v {
            Some(InputValue::Text(t)) => rust_decimal::Decimal::from_str_exact(&t).ok().map(Dec),
            _ => None,
        };
        let evidence = match cell(self.evidence).map(evidence_refs).transpose() {
            Ok(refs) => refs.unwrap_or_default(),
            Err(e) => {
                problems.push(at(e.node(code).field("evidence")));
                bad = true;
                EntryList::new()
            }
        };
        entry.self_score = self_score;
        entry.evidence = evidence;
        entry.explanation = cell(self.explanation).map(str::to_string);
        entry.appraisals = appraisals;
        entry.survey = decimal(survey).map(SurveyInput::Points);
        entry.value = decimal(value);
        entry.row = SourceRow::at(row_no);
        // Its texts are checked beside its cells, with every problem of the row.
        let from = TextsFrom::Table {
            rounds_numbered: self.rounds_numbered,
        };
        for problem in texts_not_read(code, entry, &EVERY_TEXT, from) {
            problems.push(at(problem));
            bad = true;
        }
        !bad
    }
}

/// What reading a row into its unit came to ([`LongColumns::read_into`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RowRead {
    /// Its code or its cells have problems (recorded): nothing of it was read.
    Refused,
    /// Its entry was read, and placed in the unit unless the unit was given another block or the
    /// criterion already (recorded); its code, as the methodology names it, is `code_bytes` long.
    Read { placed: bool, code_bytes: usize },
}

/// Whether the block a row of unit `unit` names (`given`) is the one the unit was given before,
/// if any: the first given stands, and another is a problem, recorded.
fn block_agrees(
    unit: &str,
    given: Option<Cow<str>>,
    block: &mut Option<String>,
    at: &dyn Fn(ParError) -> ParError,
    problems: &mut Collector,
) -> bool {
    if let (Some(given), Some(earlier)) = (given.as_deref(), block.as_deref()) {
        if given != earlier {
            let message = ScoringMsg::UnitInAnotherBlock {
                unit: unit.to_string(),
                earlier: earlier.to_string(),
            };
            let problem = ParError::new(ErrorCode::ConflictingInput, message);
            problems.push(at(problem.field("block").value(given)));
            return false;
        }
    }
    if block.is_none() {
        *block = given.map(Cow::into_owned);
    }
    true
}

/// The code of `m` that Excel, having stored it as a number, shows as `code`: the criteria 1.10
/// and 1.100 both become the number 1.1, which a unit's rows (or a header) then give twice. `None` where
/// `code` is no such number, or `m` has no such code.
fn code_excel_may_have_shortened(m: &Methodology, code: &str) -> Option<String> {
    let (whole, fraction) = code.split_once('.')?;
    if !crate::decimal::is_digits(whole) || !crate::decimal::is_digits(fraction) {
        return None;
    }
    (1..=2)
        .map(|zeros| format!("{code}{}", "0".repeat(zeros)))
        .find(|longer| m.has_code(longer))
}

/// The input a cell gives criterion `code`'s `field` (named so in its problem, which says it is
/// `which` input) under its `rule`: a figure as typed (scale included, with a '.' decimal point)
/// where the rule takes a number, the text as it is where it takes a label.
fn cell_input(
    m: &Methodology,
    code: &str,
    rule: Option<&Rule>,
    (field, which): (&str, Input),
    text: &str,
) -> Result<InputValue, ParError> {
    let numeric = matches!(
        rule,
        None | Some(Rule::Points | Rule::Bands { .. } | Rule::Ratio { .. })
    );
    // Digits, with a `.` between them or none (`0.75`, `1`), as nearly every cell of a score
    // sheet is, are the figure as typed: no sign, comma, percent or formula to look for.
    if !numeric || parse_plain(text).is_some() {
        return Ok(InputValue::Text(text.into()));
    }
    // A measured percentage may be typed with its sign (`97%`); the rule checks its range. A
    // formula (`=95%`) is quoted whole.
    let measures = matches!(rule, Some(Rule::Bands { .. } | Rule::Ratio { .. }));
    let formula = text.trim_start().starts_with('=');
    let (number, percent) = match text.strip_suffix('%').filter(|_| measures && !formula) {
        Some(number) => (number.trim_end(), true),
        None => (text, false),
    };
    match parse_decimal_cell(number) {
        Ok(_) => {
            let mut figure = CompactString::from(number);
            if let Some(comma) = figure.bytes().position(|b| b == b',') {
                figure.replace_range(comma..comma + 1, ".");
            }
            if percent {
                figure.push('%');
            }
            Ok(InputValue::Text(figure))
        }
        Err(e) => Err(e.node(code).field(field).about(which, m.criterion(code))),
    }
}

/// The evidence references of a cell: one per line or `;`-separated part. A cell (trimmed, not
/// empty) usually holds one; one listing more than an entry may ([`limits::ENTRY_ITEMS`]) is
/// refused, counted before any is kept.
fn evidence_refs(cell: &str) -> Result<EntryList<CompactString>, ParError> {
    // A cell is short: a plain pass finds a separator sooner than a vector search is set up. A
    // formula is one text: its `;` separates its arguments.
    if !cell.bytes().any(|b| b == b';' || b == b'\n') || cell.trim_start().starts_with('=') {
        return Ok(EntryList::from_buf([CompactString::from(cell)]));
    }
    let parts = || {
        cell.split([';', '\n'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
    };
    let count = parts().count();
    limits::ENTRY_ITEMS.check(count)?;
    // At its length, as the JSON reader keeps lists (`assessment`).
    let mut refs = EntryList::with_capacity(count);
    refs.extend(parts().map(CompactString::from));
    Ok(refs)
}

/// CSV text read one record at a time: cells separated by the separator its header row uses
/// most, the byte-order mark Excel writes left out, the cells counted against the limit.
struct CsvRows<'t> {
    text: &'t str,
    reader: csv::Reader<&'t [u8]>,
    separators: (u8, u8),
    /// Where the last record read starts and ends in the text.
    raw: std::ops::Range<usize>,
    cells: usize,
    most_cells: usize,
    row_no: usize,
    /// Whether the text starts with the line break ending the row before it, which is no empty
    /// line ([`CsvRows::rest`]); until the first record is read.
    after_row: bool,
}

impl<'t> CsvRows<'t> {
    /// A score sheet's or a ranking's rows.
    fn new(text: &'t str) -> Self {
        CsvRows::below_titles(text, names_unit_column)
    }

    /// The rows of a table whose header, found by what it names, may stand below title rows.
    fn below_titles(text: &'t str, is_header: IsHeader) -> Self {
        let text = text.trim_start_matches('\u{feff}');
        let (separators, text) = match excel_separator_line(text) {
            Some((separator, rows)) => (separators_of(separator), rows),
            None => (header_separators(text, is_header), text),
        };
        CsvRows::of_rows(text, separators, 1, limits::TABLE_CELLS.max)
    }

    /// Rows of CSV text (below a header read already, separated as the header is), the first
    /// numbered `first_row`, with at most `cells` cells. Below row 1 the text starts from the line
    /// break ending the row before ([`CsvRows::rest`]).
    fn of_rows(rows: &'t str, separators: (u8, u8), first_row: usize, cells: usize) -> Self {
        let reader = csv::ReaderBuilder::new()
            .delimiter(separators.0)
            .has_headers(false)
            .flexible(true)
            .from_reader(rows.as_bytes());
        CsvRows {
            text: rows,
            reader,
            separators,
            raw: 0..0,
            cells: 0,
            most_cells: cells,
            row_no: first_row - 1,
            after_row: first_row > 1,
        }
    }

    /// The text after the records read.
    /// The text after the records read, from the line break ending the last of them: a reader
    /// given it then reads a byte-order mark at the start of the next row as part of its first
    /// cell, as the reader of the whole text does (a reader drops one at the start of its text).
    fn rest(&self) -> &'t str {
        from_line_break(self.text, self.raw.end)
    }

    /// Reads the next record: its row number, or `None` at the end of the text. Text the CSV
    /// reader cannot go on with, and a table passing the cell limit, are a problem that ends the
    /// reading.
    fn next(&mut self, record: &mut csv::StringRecord) -> Result<Option<usize>, ParError> {
        // The reader passes over empty lines; a spreadsheet shows each as a blank row.
        let bytes = self.text.as_bytes();
        let mut from = self.reader.position().byte() as usize;
        if std::mem::take(&mut self.after_row) {
            from += line_break_at(bytes, from);
        }
        let blank_rows = empty_lines_at(bytes, from);
        self.row_no += 1 + blank_rows;
        let row_no = self.row_no;
        let columns = limits::TABLE_COLUMNS;
        let unread = bytes.get(from..).unwrap_or_default();
        if width::record_wider_than(unread, self.separators.0, columns.max) {
            return Err(columns.exceeded_at_least().row(row_no));
        }
        match self.reader.read_record(record) {
            Ok(true) => {}
            Ok(false) => return Ok(None),
            Err(e) => {
                let detail = e.to_string();
                return Err(ParError::new(
                    ErrorCode::BadJson,
                    ReadingMsg::CsvUnreadable { detail },
                )
                .row(row_no));
            }
        }
        let end = self.reader.position().byte() as usize;
        self.raw = self.raw.end..end;
        // A blank row takes room as a cell does, as a sheet's rows do.
        self.cells += room_taken(record.iter()) + blank_rows;
        if self.cells > self.most_cells {
            return Err(limits::TABLE_CELLS.exceeded_at_least().row(row_no));
        }
        Ok(Some(row_no))
    }

    /// What is wrong with the shape of the record just read: quotes that do not pair up, and,
    /// under a header of `columns` columns, cells that do not line up with it.
    fn faults(&self, record: &csv::StringRecord, columns: Option<usize>) -> Vec<ParError> {
        let raw = self
            .text
            .as_bytes()
            .get(self.raw.clone())
            .unwrap_or_default();
        let unpaired = unclosed_quote(raw, record);
        let mut faults = Vec::new();
        if unpaired {
            faults.push(unpaired_quote(self.row_no));
        }
        let Some(columns) = columns else {
            return faults;
        };
        if !unpaired && record.misaligned(columns) {
            faults.push(misaligned_row(
                record,
                columns,
                self.row_no,
                self.separators,
            ));
        }
        faults
    }
}

/// How many empty lines the text has from byte `from`, where a record's line break has just
/// been read.
fn empty_lines_at(bytes: &[u8], from: usize) -> usize {
    let breaks = bytes.get(from..).unwrap_or_default();
    let breaks = breaks.iter().take_while(|&&b| b == b'\n' || b == b'\r');
    (from..)
        .zip(breaks)
        .filter(|&(at, _)| ends_line(bytes, at))
        .count()
}

/// Whether the byte at `at` ends a line: a `\r`, or a `\n` but the one of a `\r\n` (its `\r`
/// ended the line), as a spreadsheet counts rows.
fn ends_line(bytes: &[u8], at: usize) -> bool {
    match bytes.get(at) {
        Some(b'\r') => true,
        Some(b'\n') => at == 0 || bytes.get(at - 1) != Some(&b'\r'),
        _ => false,
    }
}

/// How long the line break starting at byte `at` is: 2 for `\r\n`, 1 for `\n` or `\r`, 0 where
/// none starts.
fn line_break_at(bytes: &[u8], at: usize) -> usize {
    match bytes.get(at..) {
        Some([b'\r', b'\n', ..]) => 2,
        Some([b'\r' | b'\n', ..]) => 1,
        _ => 0,
    }
}

/// The text from byte `at`, or from the line break just before it: a CSV reader passes over the
/// empty line this starts with, and drops no byte-order mark it would find at the start of its
/// text (see [`CsvRows::rest`]).
fn from_line_break(text: &str, at: usize) -> &str {
    let at = match at.checked_sub(1) {
        // `\r` alone ends a line too (as old Mac editors save them).
        Some(before) if matches!(text.as_bytes().get(before), Some(b'\n' | b'\r')) => before,
        _ => at,
    };
    text.get(at..).unwrap_or_default()
}

/// Quotes pair up in a well-formed CSV record: a quoted cell has its two, and a quote inside one
/// is doubled. An odd count with a line break inside a cell means a cell was opened and never
/// closed, and the rows after it were read into it. (A lone quote in an unquoted cell, as in
/// `Tivi 5"`, is read as the character it is, and breaks no line.)
fn unclosed_quote(raw: &[u8], record: &csv::StringRecord) -> bool {
    let odd = raw.iter().filter(|&&b| b == b'"').count() % 2 == 1;
    odd && record.iter().any(|c| c.contains(['\n', '\r']))
}

fn unpaired_quote(row: usize) -> ParError {
    ParError::new(ErrorCode::BadJson, ReadingMsg::QuoteNeverClosed).row(row)
}

/// The separators of CSV text ([`separators`]): its header row's, which may stand below title
/// rows ([`HeaderSearch`]). The header is the first of the first [`TITLE_ROWS`] and one lines with
/// text that is one (`is_header`: it names the unit column, or a criteria table's columns) cut
/// by one of the separators it uses ([`header_cut`]). A table without one (its unit column
/// missing, which reading it says) is cut as the first of those lines using a separator at all:
/// a title typed without separators says nothing of them, and one holding a comma (`Cà Mau,
/// ngày 15 tháng 01 năm 2025`) can stand above a sheet of `;`.
fn header_separators(text: &str, is_header: IsHeader) -> (u8, u8) {
    let written = text.lines().filter(|line| !blank_line(line));
    let mut first_lines = written.take(TITLE_ROWS + 1);
    if let Some(header) = first_lines
        .clone()
        .find_map(|line| header_cut(line, is_header))
    {
        return header;
    }
    separators(
        first_lines
            .find(|line| line.contains(SEPARATORS))
            .unwrap_or_default(),
    )
}

/// The separator named by the `sep=;` line Excel writes (and reads) first in a CSV file, and the
/// text below that line. Excel shows no row for it, so the rows are numbered from the line
/// after it, as the official sees them; the separator it names (`;`, `,`, a tab, `|`…) is the one
/// the cells use, whatever the title rows or the header hold.
fn excel_separator_line(text: &str) -> Option<(u8, &str)> {
    let (line, rows) = text.split_once('\n').unwrap_or((text, ""));
    let line = line.strip_suffix('\r').unwrap_or(line);
    let separator = match line.as_bytes() {
        [s, e, p, b'=', separator] if [s, e, p].map(u8::to_ascii_lowercase) == *b"sep" => {
            *separator
        }
        _ => return None,
    };
    // Excel takes any character; a letter, a digit or a quote would cut no table.
    let cuts = separator == b'\t' || (separator.is_ascii_punctuation() && separator != b'"');
    cuts.then_some((separator, rows))
}

/// The characters that may separate a table's cells.
const SEPARATORS: [char; 3] = [',', ';', '\t'];

/// Whether a line of CSV is a blank row, whatever its separator: white space, separators and
/// empty quoted cells only (Excel writes a blank row of its sheet's used range as `;;;;`).
fn blank_line(line: &str) -> bool {
    line.chars()
        .all(|c| c.is_whitespace() || c == '"' || SEPARATORS.contains(&c))
}

/// The separators ([`separators`]) by which a line is a header (`is_header`), if any: of those
/// it uses, the one it uses most first. A heading may hold another separator (`Tài liệu kiểm chứng
/// (số, ký hiệu, ngày)` in a sheet of `;`), which may then be used more.
fn header_cut(line: &str, is_header: IsHeader) -> Option<(u8, u8)> {
    let most = separators(line).0;
    let others = SEPARATORS.iter().map(|&c| c as u8).filter(|&c| c != most);
    let used = std::iter::once(most).chain(others);
    used.filter(|c| line.as_bytes().contains(c))
        .find(|&c| is_header(&cells_of(line, c).iter().collect::<Vec<_>>()))
        .map(separators_of)
}

/// The cells of one line of CSV, cut by `separator`.
fn cells_of(line: &str, separator: u8) -> csv::StringRecord {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .has_headers(false)
        .flexible(true)
        .from_reader(line.as_bytes());
    let mut record = csv::StringRecord::new();
    // A line the CSV reader cannot read, or wider than a table may be, names no column.
    if !width::record_wider_than(line.as_bytes(), separator, limits::TABLE_COLUMNS.max) {
        let _ = reader.read_record(&mut record);
    }
    record
}

/// The separator of a table's cells, the one its header row uses most (`,` when it uses none),
/// and the separator a misaligned row is checked for (`;` for `,` and the other way round).
fn separators(header: &str) -> (u8, u8) {
    let count = |c: char| header.matches(c).count();
    let (commas, semicolons, tabs) = (count(','), count(';'), count('\t'));
    if tabs > commas && tabs > semicolons {
        separators_of(b'\t')
    } else if semicolons > commas {
        separators_of(b';')
    } else {
        separators_of(b',')
    }
}

/// A table's separator, and the one a misaligned row is checked for: `;` for `,`, `,` for the
/// others.
fn separators_of(separator: u8) -> (u8, u8) {
    match separator {
        b',' => (b',', b';'),
        other => (other, b','),
    }
}

/// A row whose cells do not line up with the header's columns, with the likeliest cause.
fn misaligned_row(
    record: &csv::StringRecord,
    columns: usize,
    row: usize,
    (separator, other_separator): (u8, u8),
) -> ParError {
    let cells = record.len();
    let (separator, other) = (char::from(separator), char::from(other_separator));
    if cells < columns && record.iter().any(|c| c.contains(other)) {
        let message = ReadingMsg::SeparatorChanges {
            row: other,
            header: separator,
        };
        let text = record
            .iter()
            .collect::<Vec<_>>()
            .join(&separator.to_string());
        return ParError::new(ErrorCode::BadJson, message)
            .row(row)
            .value(text);
    }
    let cut = decimal_comma_cut(record).filter(|_| separator == ',' && cells > columns);
    let message = match cut {
        Some(number) => ReadingMsg::DecimalCommaCut {
            cells,
            columns,
            number,
        },
        None => ReadingMsg::RowMisaligned { cells, columns },
    };
    ParError::new(ErrorCode::BadJson, message)
        .row(row)
        .value(cells.to_string())
}

/// The first number two of a row's cells side by side make when joined by a comma (`1` and `5`:
/// `1,5`), the whole part and the decimals typed in digits: what a decimal comma typed in a file
/// the comma separates is cut into (Excel in Vietnamese writes `;`, a file made by hand may not).
fn decimal_comma_cut(record: &csv::StringRecord) -> Option<String> {
    let digits = |cell: &str| !cell.is_empty() && cell.bytes().all(|b| b.is_ascii_digit());
    let cells: Vec<&str> = record.iter().map(str::trim).collect();
    cells.windows(2).find_map(|pair| {
        let whole = pair[0].strip_prefix(['-', '+']).unwrap_or(pair[0]);
        (digits(whole) && digits(pair[1])).then(|| format!("{},{}", pair[0], pair[1]))
    })
}

/// A column's letters as a spreadsheet shows them: 0 → A, 25 → Z, 26 → AA.
pub fn column_letters(index: usize) -> String {
    let mut letters = Vec::new();
    let mut n = index + 1;
    while n > 0 {
        let digit = (n - 1) % 26;
        letters.push(char::from(b'A' + digit as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// The summary rows a table passes over ([`Table::summary_rows`]): the first of them, each with
/// its spreadsheet row and label, and how many more there are.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SummaryRows {
    pub said: Vec<(usize, String)>,
    pub more: usize,
}

impl SummaryRows {
    /// How many summary rows are said one by one: a sheet has a total, a mean, a subtotal for
    /// each block.
    pub const SAID: usize = 20;
}

/// What reading a table passes over ([`Table::passed_over`]), said in the results' warnings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PassedOver {
    pub summary_rows: SummaryRows,
    pub reasons: Option<ReasonsNotRead>,
    pub signatures: Option<SignatureRows>,
}

/// A unit's total points as its wide sheet gives them ([`Table::own_totals`]): the unit, its
/// row, the total and its text as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnTotal {
    pub unit: String,
    pub row: usize,
    pub total: rust_decimal::Decimal,
    pub typed: String,
}

/// The rows a sheet hides that were read as the table's ([`Table::rows_hidden_read`]): how many,
/// the first [`RowsHidden::SAID`] runs of them (first and last row, as the sheet numbers them),
/// the first [`RowsHidden::SAID`] units they name, and how many units in all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowsHidden {
    pub rows: usize,
    pub runs: Vec<(usize, usize)>,
    pub units: Vec<String>,
    pub unit_count: usize,
}

impl RowsHidden {
    /// Enough to find them in the sheet; the warning says how many more there are.
    pub const SAID: usize = 5;

    /// Counts hidden row `row` (each after the one before), naming a unit not counted yet, if
    /// `unit` is given.
    fn add(&mut self, row: usize, unit: Option<&str>) {
        self.rows += 1;
        let said = self.runs.len();
        match self.runs.last_mut() {
            Some((_, last)) if *last + 1 == row => *last = row,
            _ if said < Self::SAID => self.runs.push((row, row)),
            _ => {}
        }
        let Some(unit) = unit else { return };
        self.unit_count += 1;
        if self.units.len() < Self::SAID {
            self.units.push(unit.to_string());
        }
    }
}

/// The signatures below a score sheet (`NGƯỜI LẬP BIỂU` beside `GIÁM ĐỐC`, the signers' names
/// under them) and the notes typed there (`Ghi chú: …`), which reading passes over: their first
/// and last spreadsheet rows, the first [`SignatureRows::SAID`] titles they are signed under, as
/// written, and the first notes, as their first line is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureRows {
    pub first_row: usize,
    pub last_row: usize,
    pub titles: Vec<String>,
    pub notes: Vec<String>,
}

impl SignatureRows {
    /// A sheet is signed by two or three people.
    pub const SAID: usize = 4;
}

/// Where the signatures below a score sheet start among its rows, and where they end (the rows
/// after them are blank), if it ends with them: a blank row; then the place and date alone on
/// their row, and notes ([`is_note_start`], with the lines under them), or nothing; then a row
/// of titles signed under and nothing else (`NGƯỜI LẬP BIỂU` beside `KT. GIÁM ĐỐC`,
/// [`is_signature_title`], or the note under one, `(Ký, ghi rõ họ tên)`); then, to the end,
/// rows holding no figure and no code (more titles, the space to sign in, the names). A sheet
/// may also end with notes alone, below a blank row, without titles. Exported to CSV or read
/// from the workbook, they would be read as rows of units, and refused. A row holding anything
/// else among its titles is a unit's (an appraiser `Chủ tịch` beside a code and a choice);
/// without the blank row above them, nothing is passed over: the rows are read, and what is
/// wrong with them is said.
fn signatures_start(rows: &[Vec<CompactString>]) -> Option<(usize, usize)> {
    // Blank rows at the end (those Excel keeps formatted) are no part of the table.
    let end = rows.iter().rposition(|row| !row.is_blank())? + 1;
    // A longer run of rows without figures than signatures take (a sheet of choices) is not
    // looked through.
    let wordy = (rows[..end].iter().rev()).take_while(|row| !row.iter().any(is_figure));
    let tail_start = end - wordy.take(SIGNATURE_ROWS).count();
    // Without titles, notes alone may end the sheet.
    let first_title = (tail_start..end).find(|&r| is_titles_row(&rows[r]));
    let above = first_title.unwrap_or(end);
    // Between the first blank row they may start below and the titles, only the place and
    // date, alone on their row, and notes: a unit that entered nothing right above the
    // signatures stays a unit.
    let blank = (tail_start..above).find(|&r| {
        let lead_in = &rows[r + 1..above];
        rows[r].is_blank()
            && is_lead_in(lead_in)
            && (first_title.is_some() || lead_in.iter().any(|row| is_note_start(row)))
    })?;
    // They start at the first row below it holding something (more blank rows may stand
    // between), as a table read as it comes finds them.
    let start = (blank + 1..end).find(|&r| !rows[r].is_blank())?;
    Some((start, end))
}

/// Whether rows between a blank row and the signatures' titles are only the place and date, alone
/// on their row, notes ([`is_note_start`]) and the lines under a note (a cell alone on its row
/// holding no figure), and blank rows.
fn is_lead_in(rows: &[Vec<CompactString>]) -> bool {
    let mut in_a_note = false;
    for row in rows {
        in_a_note = if row.is_blank() {
            false
        } else if is_note_start(row) || (in_a_note && is_note_line(row)) {
            true
        } else if is_date_row(row) {
            false
        } else {
            return false;
        };
    }
    true
}

/// Whether a row is a note typed below a sheet, its first line: its first cell starting as
/// notes do (`Ghi chú:`, `Lưu ý`, `* Đơn vị chưa nộp…`, `(*) …`), the note in it or in the cells
/// after it, none holding a figure.
fn is_note_start<S: AsRef<str>>(row: &[S]) -> bool {
    let starts_a_note = |cell: &str| {
        let cell = cell.trim_start().to_lowercase();
        NOTE_STARTS.iter().any(|start| cell.starts_with(start))
    };
    filled(row).next().is_some_and(starts_a_note) && !filled(row).any(|c| is_figure(&c))
}

/// Whether a row is a line of a note: a cell alone on its row, holding no figure.
fn is_note_line<S: AsRef<str>>(row: &[S]) -> bool {
    let mut cells = filled(row);
    cells.next().is_some_and(|cell| !is_figure(&cell)) && cells.next().is_none()
}

/// How a note below a sheet starts, in small letters.
const NOTE_STARTS: &[&str] = &["ghi chú", "lưu ý", "chú ý", "chú thích", "*", "(*)"];

/// The most rows signatures are looked for in, from the end of a table: the place, the titles,
/// the space to sign in and the names take a dozen.
const SIGNATURE_ROWS: usize = 30;

/// The signatures `rows` end with ([`signatures_start`]), `first_row` being the row number of
/// the first of `rows`: their rows, and the titles they are signed under.
fn signature_rows(rows: &[Vec<CompactString>], first_row: usize) -> Option<SignatureRows> {
    let (start, end) = signatures_start(rows)?;
    let mut titles: Vec<String> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    for (at, row) in rows.iter().enumerate().take(end).skip(start) {
        if is_note_start(row) {
            // A heading alone (`Ghi chú:`) is said with its first line.
            let mut note = filled(row).collect::<Vec<_>>().join(" ");
            let heading = note.trim_end_matches([':', ' ']).to_lowercase();
            let first_line = rows.get(at + 1).filter(|next| is_note_line(next));
            if let (true, Some(line)) = (NOTE_STARTS.contains(&heading.as_str()), first_line) {
                note = format!("{note} {}", filled(line).collect::<String>());
            }
            notes.push(note_said(&note));
            continue;
        }
        for cell in row {
            // One line, as a title broken over two (`KT. GIÁM ĐỐC⏎PHÓ GIÁM ĐỐC`) is said.
            let title = cell.split_whitespace().collect::<Vec<_>>().join(" ");
            if is_signature_title(cell) && !titles.contains(&title) {
                titles.push(title);
            }
        }
    }
    titles.truncate(SignatureRows::SAID);
    notes.truncate(SignatureRows::SAID);
    Some(SignatureRows {
        first_row: first_row + start,
        last_row: first_row + end - 1,
        titles,
        notes,
    })
}

/// A note as a warning says it: its first line, cut after a word within [`NOTE_SAID`]
/// characters.
fn note_said(note: &str) -> String {
    let line = note.lines().next().unwrap_or_default().trim();
    let Some((limit, _)) = line.char_indices().nth(NOTE_SAID) else {
        return line.to_string();
    };
    let cut = line[..limit].rfind(' ').unwrap_or(limit);
    format!("{}…", line[..cut].trim_end_matches([',', ' ']))
}

/// How many characters of a note a warning says.
const NOTE_SAID: usize = 60;

/// Whether a row may be the first of the signatures below a table, right after a blank row
/// ([`signatures_start`]): the place and date alone, a note, or titles and nothing else.
fn may_start_signatures<S: AsRef<str>>(row: &[S]) -> bool {
    !row.is_blank() && (is_date_row(row) || is_note_start(row) || is_titles_row(row))
}

/// Whether a cell holds a figure or a code: no row of the signatures does.
fn is_figure<S: AsRef<str>>(cell: &S) -> bool {
    let cell = cell.as_ref().trim();
    looks_like_a_code(cell) || crate::decimal::parse_decimal_cell(cell).is_ok()
}

/// Whether a row's cells are titles signed under and their notes, one title at least
/// (`NGƯỜI LẬP BIỂU` beside `KT. GIÁM ĐỐC`).
fn is_titles_row<S: AsRef<str>>(row: &[S]) -> bool {
    filled(row).all(is_signed_under) && filled(row).any(is_signature_title)
}

/// Whether a row holds the place and date signed on and nothing else: in one cell, or the place
/// in one and the date, written out, in the next that holds something (`Cà Mau` | `ngày 15
/// tháng 11 năm 2024`), as a sheet sets its date under the director's title. (A unit that
/// entered nothing but a day, or a note dated `Nộp ngày …`, stays a unit.)
fn is_date_row<S: AsRef<str>>(row: &[S]) -> bool {
    let mut cells = filled(row);
    if let (Some(place), Some(date), None) = (cells.next(), cells.next(), cells.next()) {
        let written_out = normalise(date).starts_with("ngày");
        if is_place(place) && written_out && is_date_line(date) {
            return true;
        }
    }
    filled(row).all(is_date_line)
}

/// Whether a cell may be the place a sheet is signed in, before the date in the next cell: a
/// name of a few words (`Cà Mau`, `TP. Hồ Chí Minh,`) without a digit, which no unit's row
/// holds alone beside a date.
fn is_place(cell: &str) -> bool {
    let words = cell.split_whitespace().count();
    (1..=6).contains(&words) && !cell.bytes().any(|b| b.is_ascii_digit()) && !is_signed_under(cell)
}

/// The cells of a row that hold something.
fn filled<S: AsRef<str>>(row: &[S]) -> impl Iterator<Item = &str> {
    row.iter()
        .map(S::as_ref)
        .filter(|cell| !cell.trim().is_empty())
}

/// Whether a cell is the place and date a sheet is signed on (`Cà Mau, ngày 15 tháng 11 năm
/// 2024`, `Cà Mau, ngày 15/11/2024`), or the date alone as a workbook's date cell is read
/// (`15/11/2024`: a cell formatted `"Cà Mau, ngày "dd" tháng "mm" năm "yyyy` shows the place,
/// which is no part of its value).
fn is_date_line(cell: &str) -> bool {
    // Either holds a `y` (of `ngày`) or a `/`: a unit's name seldom does, and every unit's first
    // row is asked as a long table is read as it comes.
    if !cell.bytes().any(|b| matches!(b, b'y' | b'Y' | b'/')) {
        return false;
    }
    let line = normalise(cell);
    let dated = line.contains("ngày") && (line.contains("tháng") || line.contains('/'));
    dated || is_day_shown(&line)
}

/// Whether a text is a day as a workbook's date cell is read: `dd/mm/yyyy`, with the time of
/// day after it if it has one (`par_sheets::date_shown`), or saved to CSV as `d/m/yyyy`.
fn is_day_shown(text: &str) -> bool {
    let (day, time) = text.split_once(' ').unwrap_or((text, ""));
    let mut parts = day.split('/');
    let digits = |part: Option<&str>, lengths: std::ops::RangeInclusive<usize>| {
        part.is_some_and(|p| lengths.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
    };
    let timed = time.is_empty() || time.split(':').all(|p| digits(Some(p), 2..=2));
    digits(parts.next(), 1..=2)
        && digits(parts.next(), 1..=2)
        && digits(parts.next(), 4..=4)
        && parts.next().is_none()
        && timed
}

/// Whether a row naming `unit` (and `code`) may be the first of the signatures below a long
/// table, where one read as it comes steps aside for reading whole, which passes them over
/// ([`signatures_start`]): a title or the place and date in the unit's or the code's cell. (The
/// first row of the signatures holds titles or the date and nothing else: where neither cell
/// holds one, the row names no unit or no code, and steps aside for that.)
fn starts_the_signatures(unit: &str, code: Option<&str>) -> bool {
    let signs = |cell: &str| is_signed_under(cell) || is_date_line(cell);
    signs(unit) || code.is_some_and(signs)
}

/// Whether a cell is a title a score sheet is signed under ([`is_signature_title`]), the note
/// under one (`(Ký, ghi rõ họ tên)`, `(Đã ký)`), or the heading of those it is sent to, beside
/// the titles as an official document has it (`Nơi nhận:`, the list under it holding no
/// figure).
fn is_signed_under(cell: &str) -> bool {
    if !may_be_signed_under(cell) {
        return false;
    }
    let note = normalise(cell);
    let notes = ["(ký", "ký tên", "ký,", "(đã ký", "đã ký", "nơi nhận"];
    is_signature_title(cell) || notes.iter().any(|p| note.starts_with(p))
}

/// Whether a cell starts as every title and note does, asked before normalising it: every
/// unit's first row is asked, as a long table is read as it comes.
fn may_be_signed_under(cell: &str) -> bool {
    let first = cell.trim_start().chars().next().unwrap_or_default();
    matches!(
        first.to_lowercase().next().unwrap_or_default(),
        'n' | 't' | 'g' | 'p' | 'c' | 'k' | 'x' | '(' | 'đ' | 'q'
    )
}

/// Whether a cell is a title a score sheet is signed under: one of [`SIGNATURE_TITLES`], alone or
/// followed by what it heads (`TRƯỞNG PHÒNG KH-TC`, `CHỦ TỊCH UBND`), or held by one acting
/// (`Q. GIÁM ĐỐC`), or one signed for another (`KT. GIÁM ĐỐC`, `TM. ỦY BAN NHÂN DÂN`). Whether
/// the cell stands in a row of titles is [`signatures_start`]'s to ask: an appraiser `Giám đốc
/// Sở Nội vụ` stands beside a code.
fn is_signature_title(cell: &str) -> bool {
    if !may_be_signed_under(cell) {
        return false;
    }
    let title = normalise(cell.trim().trim_end_matches(':'));
    let title = title.trim_end_matches(':');
    // One acting (`Q.`, `QUYỀN`) only before a title: `Q. Bình Thạnh` names a district.
    let acting = ["q.", "quyền ", "q "];
    let acting = acting.iter().find_map(|a| title.strip_prefix(a));
    let title = acting.map_or(title, str::trim_start);
    let heads = |title: &str, known: &str| {
        (title.strip_prefix(known))
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', ':', '\n']))
    };
    let is_title = |title: &str| SIGNATURE_TITLES.iter().any(|known| heads(title, known));
    // Signed for another: with its dot, before anything (`TM. ỦY BAN NHÂN DÂN`); without it
    // (`KT GIÁM ĐỐC`), only before a title or a body, as a unit may be named `TL Huyện`.
    let signed_for = ["kt.", "tm.", "tl.", "tuq."];
    let for_another = |p: &&str| title.starts_with(p) && title.len() > p.len() + 2;
    let without_dot = ["kt ", "tm ", "tl "]
        .iter()
        .find_map(|p| title.strip_prefix(p));
    // (`Ủy ban` and `Uỷ ban`: the tone mark placed where either spelling puts it.)
    let bodies = ["ủy ban", "uỷ ban", "ubnd", "hội đồng", "ban "];
    let signs_for_a_body = |rest: &str| bodies.iter().any(|b| rest.starts_with(b));
    is_title(title)
        || signed_for.iter().any(for_another)
        || without_dot.is_some_and(|rest| is_title(rest) || signs_for_a_body(rest))
}

/// The titles a score sheet is signed under, as [`normalise`] makes them.
const SIGNATURE_TITLES: &[&str] = &[
    "người lập biểu",
    "người lập",
    "người lập bảng",
    "người tổng hợp",
    "người kiểm tra",
    "người duyệt",
    "thủ trưởng",
    "giám đốc",
    "phó giám đốc",
    "chủ tịch",
    "phó chủ tịch",
    "trưởng phòng",
    "phó trưởng phòng",
    "chánh văn phòng",
    "trưởng ban",
    "kế toán trưởng",
    "xác nhận của",
];

/// The reasons of a long table without a column of appraised scores, which are not read
/// ([`Table::passed_over`]): their column, as headed and by its letters, the first row with one,
/// and how many rows have one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReasonsNotRead {
    pub column: String,
    pub letters: String,
    pub first_row: usize,
    pub rows: usize,
}

impl ReasonsNotRead {
    /// The reasons of `round`, a round without its column of scores: from `first_row`, on
    /// `rows` rows.
    fn of(round: &RoundColumns, first_row: usize, rows: usize) -> Self {
        ReasonsNotRead {
            column: round.reason_heading.clone(),
            letters: round.reason.map(column_letters).unwrap_or_default(),
            first_row,
            rows,
        }
    }

    /// The reasons of a table's parts read apart, in order: the first part's first row, the
    /// rows of both.
    pub(crate) fn then(self, later: ReasonsNotRead) -> Self {
        ReasonsNotRead {
            rows: self.rows + later.rows,
            ..self
        }
    }
}

/// Whether a row below a table's header is read as a unit's: not a summary row, nor the
/// header's own row again ([`passed_over_label`]), nor the column numbers printed under it.
fn read_as_units(
    header: &[String],
    row: &[CompactString],
    unit_col: usize,
    code_col: Option<usize>,
) -> bool {
    passed_over_label(header, row, unit_col, code_col).is_none()
        && !crate::import::is_column_numbers(row)
}

/// A row passed over as no unit's, by the label it is known by: a summary row (`Tổng cộng`),
/// or the header's own row naming the unit column again (`Đơn vị`).
fn passed_over_label<'r>(
    header: &[String],
    row: &'r [CompactString],
    unit_col: usize,
    code_col: Option<usize>,
) -> Option<&'r str> {
    summary_label(row, unit_col, code_col).or_else(|| {
        let unit = row.cell(Some(unit_col))?;
        names_the_unit_column(header, unit_col, unit).then_some(unit)
    })
}

/// The reason a row types in column `reason`: one saying something in words or figures (not a
/// `-` filling the cell), and not what a spreadsheet computed (`#N/A`, a formula: a lookup gives
/// one on every row not adjusted).
fn typed_reason<R: Cells + ?Sized>(row: &R, reason: usize) -> Option<&str> {
    // A letter or a digit, Vietnamese letters among them (beyond ASCII, as dashes and an
    // ellipsis are: asked of Unicode's tables, the scoring module would carry them).
    let says = |text: &&str| {
        let dash = |c: char| matches!(c, '–' | '—' | '…');
        text.chars()
            .any(|c| c.is_ascii_alphanumeric() || (!c.is_ascii() && !dash(c)))
    };
    row.cell(Some(reason))
        .filter(says)
        .filter(|text| crate::decimal::spreadsheet_fault(text).is_none())
}

/// A data row: its spreadsheet row number, its cells, its unit's name, and the block heading
/// above it, if any ([`BlockHeadings::heading`]).
struct UnitRow<'a> {
    row_no: usize,
    cells: &'a [CompactString],
    name: Cow<'a, str>,
    heading: Option<&'a str>,
}

impl UnitRow<'_> {
    /// The unit's block: its own cell's, else the heading's above it.
    fn block(&self, block_col: Option<usize>) -> Option<&str> {
        self.cells.cell(block_col).or(self.heading)
    }
}

/// The block headings of a table, found row by row ([`BlockHeadings::heading`]): the table's
/// shape, a long table's code column, whether its units are numbered in digits, and the last
/// Roman numeral a heading was numbered with.
pub(crate) struct BlockHeadings {
    shape: Shape,
    code_col: Option<usize>,
    units_numbered: bool,
    last_roman: i32,
}

impl BlockHeadings {
    /// The headings of the `rows` of a table of `shape`, whose units are named in `unit_col` and
    /// whose code column (a long table's) is `code_col`.
    pub(crate) fn new(
        shape: Shape,
        code_col: Option<usize>,
        rows: &[Vec<CompactString>],
        unit_col: usize,
    ) -> Self {
        BlockHeadings {
            shape,
            code_col,
            units_numbered: numbers_units(rows, unit_col),
            last_roman: 0,
        }
    }

    /// The label of a row heading the units below it with their block (`I;KHỐI SỞ, BAN,
    /// NGÀNH;;;`, or `I. Khối huyện` merged across the row, as summary sheets group their
    /// units), without its number and any remark after it (`(10 đơn vị)`): text in the unit's
    /// column or left of it, and no figure in any other column (no points, no block cell),
    /// either naming a block — one of the methodology's ([`Methodology::find_block`]; a
    /// published ranking, read without one, names none), or starting with the word `Khối` — or
    /// numbered with the Roman numeral after the last heading's (`I` first): `II;Sở Tư pháp;;;`
    /// alone is a unit left unfilled. A wide table's heading both numbered (`I`, or a letter:
    /// `A`) and named may have the block's own totals or means beside it, and so may one named
    /// or numbered so in a table whose units are numbered in digits (`;Khối sở;35,75`,
    /// `II;Các huyện;25` between units numbered `1`, `2`); a long table's row with a code
    /// is always an entry, as the table read row by row reads it ([`LongHeader::take_row`]). A
    /// running number in digits (`2;Khối Văn phòng`) numbers a unit. A unit's row without
    /// points is not a heading: it is refused.
    pub(crate) fn heading<'r>(
        &mut self,
        m: Option<&Methodology>,
        row: &'r [CompactString],
        unit_col: usize,
    ) -> Option<&'r str> {
        // A long table's code, wherever its column stands, makes the row an entry.
        if row.cell(self.code_col).is_some() {
            return None;
        }
        let (left, right) = row.split_at((unit_col + 1).min(row.len()));
        // The texts left of the cells right of the unit's: one or two.
        let mut written = left.iter().map(|c| c.trim()).filter(|t| !t.is_empty());
        let (numbering, label) = match (written.next(), written.next(), written.next()) {
            // `I;KHỐI SỞ`: a number, and the label in the unit's column (perhaps numbered
            // again).
            (Some(number), Some(label), None) => (Numbering::of(number), numbered_label(label).1),
            // `I. KHỐI SỞ` in one cell, or a label alone.
            (Some(label), None, None) => numbered_label(label),
            _ => return None,
        };
        // `2;Khối Văn phòng UBND`, `2. Khối Văn phòng UBND`: a unit's running number.
        if numbering == Numbering::Digits {
            return None;
        }
        let label = without_remark(label);
        let khoi = after_khoi(&normalise(label)).is_some();
        let named = khoi || m.is_some_and(|m| m.find_block(label).is_some());
        let next = numbering == Numbering::Roman(self.last_roman + 1);
        let heading = match (right.is_blank(), self.shape) {
            (true, _) => named || next,
            (false, Shape::Wide) => {
                (numbering != Numbering::None && named) || (self.units_numbered && (named || next))
            }
            (false, Shape::Long) => false,
        };
        if let (true, Numbering::Roman(n)) = (heading, numbering) {
            self.last_roman = n;
        }
        heading.then_some(label)
    }
}

/// Whether at least two of a table's rows are numbered in digits left of their unit's name
/// (`1;Sở Nội vụ`): the sheet numbers its units, and a row named or numbered as a heading
/// among them heads a block even with figures beside it (the block's means).
fn numbers_units(rows: &[Vec<CompactString>], unit_col: usize) -> bool {
    let numbered = |row: &&Vec<CompactString>| {
        let left = &row[..unit_col.min(row.len())];
        left.iter().any(|c| Numbering::of(c) == Numbering::Digits)
    };
    rows.iter().filter(numbered).nth(1).is_some()
}

/// Whether a cell is a running number: digits alone, perhaps followed by a point (`27`, `27.`).
fn is_running_number(cell: &str) -> bool {
    is_digits(cell.trim().trim_end_matches(['.', ')']))
}

/// How a row is numbered: blocks and fields with Roman numerals (`I`, `II`: their value) or
/// capital letters (`A`, `B`), units with digits (or not at all).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Numbering {
    Roman(i32),
    Letter,
    Digits,
    None,
}

impl Numbering {
    fn of(number: &str) -> Numbering {
        let number = number.trim().trim_end_matches(['.', ')']);
        if let Some(value) = roman_value(number) {
            Numbering::Roman(value)
        } else if matches!(number.as_bytes(), [b'A'..=b'Z']) {
            Numbering::Letter
        } else if number.contains(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c)) {
            Numbering::Digits
        } else {
            Numbering::None
        }
    }
}

/// A label without the number printed before it (`I.`, `II)`, `A.`, `1.`, `a)`), and how it
/// was numbered.
fn numbered_label(label: &str) -> (Numbering, &str) {
    let Some((number, rest)) = label.split_once(' ') else {
        return (Numbering::None, label);
    };
    let marked = number.ends_with('.') || number.ends_with(')');
    let digits = number.trim_end_matches(['.', ')']);
    let short = digits.len() <= 4 && digits.bytes().all(|b| b.is_ascii_alphanumeric());
    match marked && short {
        true => (
            Numbering::of(number),
            rest.trim_start_matches(['-', '–']).trim_start(),
        ),
        false => (Numbering::None, label),
    }
}

/// The value of a Roman numeral as sheets number their blocks and fields (`I`, `II`, `IV`: up
/// to `XII`); `C` or `L` alone letter a row. Not [`crate::import::parse_number`], which reads
/// every numbering an annex prints: the scoring module has no room for it (README, "Built for
/// size").
fn roman_value(number: &str) -> Option<i32> {
    let at = crate::import::ROMAN.iter().position(|r| *r == number)?;
    Some(at as i32 + 1)
}

/// A label without a remark in brackets or a colon after it (`UBND cấp huyện (10 đơn vị)`,
/// `Khối sở:`).
fn without_remark(label: &str) -> &str {
    let label = label.trim_end_matches([':', ' ']);
    let remark = label.strip_suffix(')').and_then(|rest| rest.rfind('('));
    match remark.map(|at| label[..at].trim_end()) {
        Some(before) if !before.is_empty() => before,
        _ => label,
    }
}

/// The label of a summary row (`Tổng cộng`): its first cell with text's (a label typed across
/// the running number and the unit's cells, or in the running number's column beside what it
/// sums: `Tổng cộng:;Toàn tỉnh`), its unit cell's, or in a long table its code cell's (a unit's
/// total below its criteria: `Sở Nội vụ;Tổng cộng;86,5`).
fn summary_label<R: Cells + ?Sized>(
    row: &R,
    unit_col: usize,
    code_col: Option<usize>,
) -> Option<&str> {
    let (at, first) = (row.texts().map(str::trim).enumerate()).find(|(_, t)| !t.is_empty())?;
    // A running number left of the unit's name numbers a unit, whatever its name (`2;Trung
    // Bình`, a commune of Sóc Trăng): summary rows are not numbered so. A code is no running
    // number, nor is a label holding a figure (`Trung bình (2 đơn vị)`).
    if at < unit_col && Some(at) != code_col && is_running_number(first) {
        return None;
    }
    let (unit, code) = (row.cell(Some(unit_col)), row.cell(code_col));
    [Some(first), unit, code]
        .into_iter()
        .flatten()
        .find(|label| is_summary_label(label))
}

/// Whether a unit's name is a summary row's label, however it is written (`TỔNG CỘNG:`).
fn is_summary_label(name: &str) -> bool {
    // Read whole, every row's unit is asked: most names start with a letter no label starts with
    // (`Xã`, `Sở`, `UBND`), and are not normalised to be compared.
    let first = name.trim_start().chars().next().unwrap_or_default();
    if !matches!(
        first.to_ascii_lowercase(),
        't' | 'c' | 'b' | 'a' | 'đ' | 'Đ' | 'ð' | 'Ð' | 'g' | 's' | 'm' | 'l' | 'n'
    ) {
        return false;
    }
    let label = normalise(name.trim_end_matches([':', '.']));
    let words: Vec<&str> = label.split_whitespace().collect();
    let label = words.join(" ");
    // A block's or the province's subtotal and mean (`Cộng khối sở`, `Trung bình khối huyện`,
    // `Tổng cộng toàn tỉnh`) start with a label; `Tổng cục Thuế`, a unit, does not.
    let starts_with = |prefix: &&str| {
        label
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
    };
    // The subtotal of a block numbered with a Roman numeral (`Cộng I`, `Cộng (II)`, `Cộng
    // I+II`); `Cộng đồng…` names something.
    let block_subtotal = label.strip_prefix("cộng ").is_some_and(|rest| {
        rest.chars()
            .all(|c| matches!(c, 'i' | 'v' | 'x' | '+' | '(' | ')' | ' ' | ','))
    });
    SUMMARY_ROW.contains(&label.as_str())
        || SUMMARY_PREFIXES.iter().any(starts_with)
        || block_subtotal
}

/// The words a summary row's label may start with, more following or not (`Cộng khối sở`,
/// `Cộng khối:`): a label of two words, or `cộng`/`tổng` with what it sums.
const SUMMARY_PREFIXES: &[&str] = &[
    "tổng cộng",
    "tổng số",
    "tổng điểm",
    "trung bình",
    "điểm trung bình",
    "bình quân",
    "điểm bình quân",
    "tb",
    "điểm tb",
    "chỉ số tb",
    "chỉ số trung bình",
    "chỉ số bình quân",
    "chỉ số cchc trung bình",
    "chỉ số cchc bình quân",
    "giá trị trung bình",
    "giá trị tb",
    "số điểm trung bình",
    "số điểm bình quân",
    "điểm cao nhất",
    "điểm thấp nhất",
    "điểm tối đa",
    "điểm tối thiểu",
    "max điểm",
    "min điểm",
    "cộng khối",
    "cộng toàn",
    "tổng khối",
    "tổng toàn",
];

/// The cells of a row counted against [`limits::TABLE_CELLS`] and kept: those up to its last
/// filled one. Excel saves an empty cell for every formatted column of every row (a national
/// table padded so takes twice its cells), and a row of none takes room as one cell, as a blank
/// row does.
fn room_taken<'c>(cells: impl IntoIterator<Item = &'c str>) -> usize {
    let filled = cells.into_iter().enumerate().filter(|(_, c)| !c.is_empty());
    filled.last().map_or(1, |(last, _)| last + 1)
}

/// A wide table whose header names no criterion: scored, every unit would count 0 (a missing leaf
/// counts 0 under most methodologies), which would look like a ranking.
fn no_criterion_column(m: &Methodology, header_row: usize) -> ParError {
    let leaves = m.nodes.iter().filter(|n| n.is_leaf());
    let examples: Vec<&str> = leaves.take(3).map(|n| n.code.as_str()).collect();
    let message = ReadingMsg::NoCriterionColumn {
        examples: examples.join(", "),
    };
    ParError::new(ErrorCode::MissingField, message).row(header_row)
}

fn row_without_points(row: usize, unit: &str) -> ParError {
    let message = match names_like_a_block(unit) {
        true => ReadingMsg::RowWithoutPointsLikeABlock,
        false => ReadingMsg::RowWithoutPoints,
    };
    ParError::new(ErrorCode::MissingField, message)
        .unit(unit)
        .row(row)
}

/// Whether a row's name reads as a block's heading that names no block (`CÁC SỞ, BAN, NGÀNH`,
/// `Các huyện, thị xã`): in capitals, or starting with `các`. Deleting such a row, as a row
/// without points is told, ranks the blocks together.
fn names_like_a_block(name: &str) -> bool {
    let letters = || name.chars().filter(|c| c.is_alphabetic());
    let capitals = letters().next().is_some() && letters().all(char::is_uppercase);
    let first = name.split_whitespace().next().unwrap_or_default();
    capitals || first.to_lowercase() == "các"
}

pub(crate) fn missing_unit(row: usize) -> ParError {
    ParError::new(ErrorCode::MissingField, ReadingMsg::RowWithoutUnit)
        .field("unit")
        .row(row)
}

#[cfg(test)]
mod signature_tests {
    use super::*;

    fn rows(text: &str) -> Vec<Vec<CompactString>> {
        text.lines()
            .map(|l| {
                l.split(';')
                    .map(CompactString::from)
                    .filter(|c| !c.is_empty())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn signatures_start_below_a_blank_row_with_the_place_and_date() {
        let sheet = "Sở A;1;2\n;;\nCà Mau, ngày 15 tháng 11 năm 2024\nNGƯỜI LẬP BIỂU;;KT. GIÁM ĐỐC\n;;\nNguyễn Văn A;;Trần Thị B";
        assert_eq!(signatures_start(&rows(sheet)), Some((2, 6)));
        // Blank rows Excel keeps formatted below them, however many, are no part of them.
        let formatted = format!("{sheet}{}", "\n;;".repeat(40));
        assert_eq!(signatures_start(&rows(&formatted)), Some((2, 6)));
        let titled = "Sở A;1;2\n;;\nKẾ TOÁN TRƯỞNG;TRƯỞNG PHÒNG KH-TC;GIÁM ĐỐC\n;;\nA;B;C";
        assert_eq!(signatures_start(&rows(titled)), Some((2, 5)));
        // The date as a workbook's date cell is read (its place is in its format), and one
        // acting as director.
        let acting = "Sở A;1;2\n;;\n;;15/11/2024\nNGƯỜI LẬP BIỂU;;Q. GIÁM ĐỐC\n;;\nA;;B";
        assert_eq!(signatures_start(&rows(acting)), Some((2, 6)));
        // The day with its time (`=NOW()`), or saved to CSV without leading zeros; acting
        // written out, or without its dot.
        for (day, title) in [
            ("15/11/2024 08:30", "QUYỀN GIÁM ĐỐC"),
            ("5/3/2024", "Q GIÁM ĐỐC"),
        ] {
            let sheet = format!("Sở A;1;2\n;;\n;;{day}\nNGƯỜI LẬP BIỂU;;{title}\nA;;B");
            assert_eq!(
                signatures_start(&rows(&sheet)),
                Some((2, 5)),
                "{day} {title}"
            );
        }
        // The place in a cell of its own, the date written out under the director's title, in
        // words or with slashes.
        for place in [
            "Cà Mau;;ngày 15 tháng 11 năm 2024",
            "TP. Hồ Chí Minh,;;Ngày 15/11/2024",
        ] {
            let sheet = format!("Sở A;1;2\n;;\n{place}\nNGƯỜI LẬP BIỂU;;GIÁM ĐỐC\nA;;B");
            assert_eq!(signatures_start(&rows(&sheet)), Some((2, 5)), "{place}");
        }
        // Notes typed below the units, with the lines under them, alone or above the signatures.
        let noted = "Sở A;1;2\n;;\nGhi chú: Điểm thẩm định là điểm chính thức";
        assert_eq!(signatures_start(&rows(noted)), Some((2, 3)));
        // Below more blank rows than one, they start at the first row holding something, as a
        // table read as it comes finds them.
        let spaced = "Sở A;1;2\n;;\n;;\n\nGhi chú: Điểm thẩm định là điểm chính thức";
        assert_eq!(signatures_start(&rows(spaced)), Some((4, 5)));
        let lines = "Sở A;1;2\n;;\nGHI CHÚ:\n- Điểm thẩm định là điểm chính thức;;\n;;\n(*) Chưa nộp: 0 điểm";
        assert_eq!(signatures_start(&rows(lines)), Some((2, 6)));
        let in_two_cells = "Sở A;1;2\n;;\nLưu ý:;Điểm thẩm định là điểm chính thức";
        assert_eq!(signatures_start(&rows(in_two_cells)), Some((2, 3)));
        let signed = "Sở A;1;2\n;;\n* Đơn vị chưa nộp được tính 0 điểm\n;;\nCà Mau, ngày 15 tháng 11 năm 2024\nNGƯỜI LẬP BIỂU;;GIÁM ĐỐC\nA;;B";
        assert_eq!(signatures_start(&rows(signed)), Some((2, 7)));
        let said = signature_rows(&rows(signed), 1).expect("signed");
        assert_eq!(said.notes, ["* Đơn vị chưa nộp được tính 0 điểm"]);
        assert_eq!(said.titles, ["NGƯỜI LẬP BIỂU", "GIÁM ĐỐC"]);
        // Those it is sent to beside the title, as an official document lists them.
        let sent =
            "Sở A;1;2\n;;\nNơi nhận:;;KT. GIÁM ĐỐC\n- Như trên;;PHÓ GIÁM ĐỐC\n- Lưu: VT.;;\n;;B";
        assert_eq!(signatures_start(&rows(sent)), Some((2, 6)));
    }

    #[test]
    fn every_title_is_looked_at() {
        for title in SIGNATURE_TITLES {
            assert!(is_signature_title(title), "{title}");
            assert!(is_signature_title(&title.to_uppercase()), "{title}");
        }
    }

    #[test]
    fn what_only_looks_like_a_signature_is_read() {
        // An appraiser named by their title, on the units' rows of a sheet of choices.
        let appraised = "Sở A;1.1;Đạt;Giám đốc Sở Nội vụ\n;;\nSở B;1.1;Đạt;Giám đốc\n";
        assert_eq!(signatures_start(&rows(appraised)), None);
        // A unit's rows after a blank row, its codes no figures, its appraiser `Chủ tịch`.
        let choices =
            "Sở A;KH;Đạt;Hội đồng\n;;;\nHuyện C;KH;Đạt;Chủ tịch\nHuyện C;BC;Không đạt;Chủ tịch";
        assert_eq!(signatures_start(&rows(choices)), None);
        // A unit that entered nothing with a note dated beside it, above the signature.
        let noted = "Tỉnh A;1;2\n;;\nTỉnh C;;;Nộp ngày 5 tháng 3 năm 2024\nNgười lập biểu";
        assert_eq!(signatures_start(&rows(noted)), None);
        // A unit that entered nothing right above the signature, and a district named `Q. …`.
        let entered_nothing = "Sở A;1;2\n;;\nSở B\nNgười lập biểu";
        assert_eq!(signatures_start(&rows(entered_nothing)), None);
        let district = "Q. 1;1;2\n;;\nQ. Bình Thạnh";
        assert_eq!(signatures_start(&rows(district)), None);
        // Units named as one signed for another would be, without its dot, that entered nothing.
        for unit in ["TL Huyện", "KT - HT", "TM Xã An"] {
            let sheet = format!("Sở A;1;2\n;;\n{unit}");
            assert_eq!(signatures_start(&rows(&sheet)), None, "{unit}");
        }
        for title in [
            "KT GIÁM ĐỐC",
            "TM UBND TỈNH",
            "TM. ỦY BAN NHÂN DÂN",
            "TM UỶ BAN NHÂN DÂN",
            "TL. CHỦ TỊCH",
        ] {
            assert!(is_signature_title(title), "{title}");
        }
        // Units listed after a blank row, without a note's first line above them; a note
        // beside a figure, or above a unit's row.
        for unnoted in [
            "Sở A;1;2\n;;\n- Xã An\n- Xã Bình",
            "Sở A;1;2\n;;\nGhi chú;2,5",
            "Sở A;1;2\n;;\nGhi chú: x\nSở B;1;2",
        ] {
            assert_eq!(signatures_start(&rows(unnoted)), None, "{unnoted}");
        }
        // A date among a unit's cells, or a day that is no date as a workbook shows one.
        let dated_unit = "Sở A;1;2\n;;\nSở B;;15/11/2024\nGIÁM ĐỐC";
        assert_eq!(signatures_start(&rows(dated_unit)), None);
        let numbered = "Sở A;1;2\n;;\nSở 2;;ngày 15 tháng 11 năm 2024\nGIÁM ĐỐC";
        assert_eq!(signatures_start(&rows(numbered)), None);
        for not_a_day in [
            "15/11/24",
            "15/11/2024/1",
            "1.5/11/2024",
            "15/11/2024 8h",
            "/11/2024",
        ] {
            assert!(!is_date_line(not_a_day), "{not_a_day}");
        }
        // No blank row above it: the signature is read, and refused as a row of no points.
        assert_eq!(signatures_start(&rows("Sở A;1;2\nNgười lập biểu")), None);
        // A figure below the signature: the table goes on.
        assert_eq!(
            signatures_start(&rows("Sở A;1;2\n;;\nGIÁM ĐỐC\nSở C;1;2")),
            None
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The rows of a part or a piece are counted as the rows of text without quotes are
        /// read, whichever way its lines end.
        #[test]
        fn rows_are_counted_as_they_are_read(
            lines in proptest::collection::vec(("[a-c ]{0,3}", 0usize..3), 0..40)
        ) {
            let mut piece = String::from("\n");
            for (line, ending) in &lines {
                piece.push_str(line);
                piece.push_str(["\n", "\r\n", "\r"][*ending]);
            }
            piece.push('\n');
            prop_assert_eq!(rows_in(piece.as_bytes()), line_rows(&piece).len());
        }
    }

    /// Each row of text without quotes as [`rows_of_cells`] reads it, whole (its cells joined
    /// again), a blank row as nothing.
    pub(super) fn line_rows(text: &str) -> Vec<String> {
        let mut rows = Vec::new();
        rows_of_cells(text, b',', &mut Vec::new(), |cells| {
            rows.push(cells.join(","));
            Some(())
        });
        rows
    }

    #[test]
    fn line_rows_are_numbered_as_a_spreadsheet_shows_them() {
        // The text starts with the line break ending the header (row 1).
        let rows = line_rows;
        assert_eq!(rows("\na\n\nb\n"), ["a", "", "b"]);
        assert_eq!(rows("\r\na\r\n\r\nb"), ["a", "", "b"]);
        assert_eq!(rows("\ra\r\rb\r"), ["a", "", "b"]);
        // A part cut after the `\r` of a `\r\n`: its `\n` ends no row.
        assert_eq!(rows("\nc\r\n"), ["c"]);
        assert_eq!(rows("\n\n\n"), ["", ""]);
        assert_eq!(rows_in(b"\r\na\r\n\r\n\r\nb\r\n"), 4);
        assert_eq!(rows(""), Vec::<&str>::new());
        // Each separator ends a cell; a row of separators alone is empty cells, not a blank row.
        let mut read = Vec::new();
        rows_of_cells("\na;b;\n;\n\nc", b';', &mut Vec::new(), |cells| {
            read.push(cells.to_vec());
            Some(())
        });
        let blank: Vec<&str> = Vec::new();
        assert_eq!(read, [vec!["a", "b", ""], vec!["", ""], blank, vec!["c"]]);
    }

    #[test]
    fn the_reader_counts_the_empty_lines_it_passes_over() {
        assert_eq!(empty_lines_at(b"a\n\n\nb", 2), 2);
        // After a record ended by `\r\n`, the reader stands on its `\n`.
        assert_eq!(empty_lines_at(b"a\r\n\r\nb", 2), 1);
        assert_eq!(empty_lines_at(b"a\r\rb", 2), 1);
        assert_eq!(empty_lines_at(b"\n\nh", 0), 2);
        assert_eq!(empty_lines_at(b"a\nb", 2), 0);
    }

    #[test]
    fn a_row_left_out_is_said_with_what_reading_and_scoring_the_rest_find() {
        let m = crate::builtin("camau-1880-2013-field1-excerpt").expect("built in");
        // Row 5's unit is a formula's text, said where scoring reads the name: a row left out
        // names no unit, and covers no problem of another row that names none either.
        let text = "unit,code,self\nSở A,1.1.1,Ban hành kịp thời,thừa\n\
                    Sở B,1.1.1,Ban hành kịp thời\nSở B,9.9,1\n\"=\"\"Sở C\"\"\",1.3,2\n";
        let table = Table::from_csv(text).expect("read, a row left out");
        let said = |p: Problems| {
            p.problems
                .iter()
                .map(|p| (p.row, p.code))
                .collect::<Vec<_>>()
        };
        let every = [
            (Some(2), ErrorCode::BadJson),
            (Some(4), ErrorCode::UnknownNode),
            (Some(5), ErrorCode::MissingField),
        ];
        // Read into assessments (`par convert`, which leaves names to scoring), scored keeping
        // the table, scored letting go of it.
        let read = table.to_assessments(&m).expect_err("refused");
        assert_eq!(said(read), every[..2]);
        let scored = crate::score_table(&m, &table, crate::Lang::En);
        assert_eq!(said(scored.expect_err("refused")), every);
        let scored = table.score(|| Scorer::new(&m, crate::Lang::En));
        assert_eq!(said(scored.expect_err("refused")), every);
    }

    #[test]
    fn a_row_left_out_counts_against_the_problems_shown_whichever_way_a_table_is_scored() {
        let m = crate::builtin("camau-1880-2013-field1-excerpt").expect("built in");
        let rows: String = (0..limits::PROBLEMS.max + 100)
            .map(|i| format!("Sở {i},1.3,x\n"))
            .collect();
        let text = format!("unit,code,self\nSở Z,1.3,1,thừa\n{rows}");
        let table = Table::from_csv(&text).expect("read, a row left out");
        let shown = |scored: Result<Results, Problems>| {
            let problems = scored.expect_err("refused").problems;
            let counted = problems.last().and_then(|p| p.value.clone());
            (problems.len(), problems[0].row, counted)
        };
        let scorer = || Scorer::new(&m, crate::Lang::En);
        let read = crate::score(
            &m,
            table.read_assessments(&m).expect("read"),
            crate::Lang::En,
        );
        let every = shown(read);
        assert_eq!(
            every,
            (limits::PROBLEMS.max + 1, Some(2), Some("101".into()))
        );
        assert_eq!(
            shown(crate::score_table(&m, &table, crate::Lang::En)),
            every
        );
        assert_eq!(shown(table.clone().score_whole(scorer())), every);
        assert_eq!(shown(table.score(scorer)), every);
    }

    #[test]
    fn signatures_typed_without_separators_line_up_with_nothing_but_a_short_row_of_figures_does() {
        // Below an empty line, the place and date and the titles alone on their lines: read,
        // to be passed over as the signatures they are.
        let signed = "unit,code,self\nXã A,1.1,1\n\n\"Cà Mau, ngày 15 tháng 11 năm 2024\"\nNGƯỜI LẬP BIỂU\n\nNguyễn Văn A\n";
        // Below a row of separators Excel saved, the place and date padded, the titles not.
        let padded_first = "unit,code,self\nXã A,1.1,1\n,,\n\"Cà Mau, ngày 15 tháng 11 năm 2024\",,\nNGƯỜI LẬP BIỂU\n";
        for text in [signed, padded_first] {
            let table = Table::from_csv(text).expect("read");
            assert!(table.rows_left_out.is_empty(), "{:?}", table.rows_left_out);
        }
        // Not without the empty line above them, nor a row with a code or a figure among them,
        // nor a row that may not start them.
        for (text, row) in [
            (
                "unit,code,self\nXã A,1.1,1\nNGƯỜI LẬP BIỂU\nXã B,1.1,1\n",
                3,
            ),
            (
                "unit,code,self\nXã A,1.1,1\n\nNGƯỜI LẬP BIỂU\nXã B,1.2\n",
                5,
            ),
            ("unit,code,self\nXã A,1.1,1\n\nXã B\nXã C,1.1,1\n", 4),
        ] {
            let table = Table::from_csv(text).expect("read, a row left out");
            let left_out: Vec<_> = table.rows_left_out.iter().map(|p| p.row).collect();
            assert_eq!(left_out, [Some(row)], "{text:?}");
        }
    }

    #[test]
    fn rows_are_lined_up_with_the_header_found_below_title_rows() {
        let misaligned_rows = |problems: &[ParError]| -> Vec<usize> {
            problems.iter().map(|p| p.row.expect("a row")).collect()
        };
        // A title typed in one cell: only the row with a cell beyond the header's three is. One
        // row of a few is left out of the table, to be said with what scoring the rest finds.
        let titled = "Báo cáo\n\nunit,code,self\nXã A,1.1,1\nXã A,1.2,1,thừa\n";
        let table = Table::from_csv(titled).expect("read, a row left out");
        assert_eq!(misaligned_rows(&table.rows_left_out), [5]);
        assert!(table.rows[3].is_empty(), "{:?}", table.rows);
        // No header among the rows a sheet may carry above it, the first row a title of one
        // cell: the rows wider than it are not said to be, row by row; that no header was
        // found is, once (its heading unknown, or too many title rows above it).
        let headless = format!("Báo cáo\n{}", "x,y\n".repeat(TITLE_ROWS + 1));
        let below_many_titles = format!("{}unit,code\nXã A,1.1\n", "Báo cáo\n".repeat(12));
        for text in [headless.as_str(), &below_many_titles, "Báo cáo\nx,y\n"] {
            let problems = Table::from_csv(text).expect_err("no header").problems;
            assert_eq!(problems.len(), 1, "{text:?}: {problems:?}");
            assert_eq!(problems[0].code, ErrorCode::MissingField);
            assert!(problems[0]
                .message
                .render(crate::Lang::Vi)
                .starts_with("không tìm thấy dòng tiêu đề"));
        }
        // A first row wider than a title is read as the header, every row lined up with it:
        // every row out of line is no table to score the rest of.
        let headless = format!("x,y\n{}", "x,y,z\n".repeat(2));
        let problems = Table::from_csv(&headless).expect_err("misaligned").problems;
        assert_eq!(misaligned_rows(&problems), [2, 3]);
    }

    #[test]
    fn cells_without_a_heading_past_the_limit_are_counted_on_every_row() {
        let extra = limits::PROBLEMS.max + 250;
        let header = ["unit", "code"].map(String::from).to_vec();
        let row = ["Xã A", "1.1", "thừa"].map(CompactString::from).to_vec();
        let table = BelowTitles {
            header: Cow::Owned(header),
            rows: &vec![row; extra],
        };
        let problems = table.misplaced_cells(1, None);
        assert_eq!(problems.len(), limits::PROBLEMS.max + 1);
        let hidden = problems.last().and_then(|p| p.value.clone());
        assert_eq!(hidden, Some("250".to_string()));
    }

    #[test]
    fn a_unit_column_is_headed_as_officials_head_it() {
        // helper-59: headings of agencies' and provinces' sheets, refused for want of one.
        for heading in [
            "Tên cơ quan, đơn vị",
            "Cơ quan/đơn vị",
            "Cơ quan",
            "Tên cơ quan",
            "Tỉnh",
            "Tên tỉnh",
        ] {
            let header = [heading, "1.3"].map(str::to_string);
            assert_eq!(column(&header, UNIT), Some(0), "{heading}");
        }
    }

    /// A list of the units (a hidden sheet before the scores, a sheet of totals) is no table of
    /// scores: scored, every unit would count 0. A table of scores whose columns are all unknown
    /// is said column by column, not twice.
    #[test]
    fn a_table_without_a_criterion_column_is_refused() {
        let m = crate::builtin::load("camau-1880-2013-field1-excerpt").expect("a built-in");
        let refused = |csv: &str| {
            let table = Table::from_csv(csv).expect("a table");
            let problems = table.read_assessments(&m).map(|r| r.problems);
            let codes = |p: Vec<ParError>| p.into_iter().map(|e| e.code).collect::<Vec<_>>();
            problems.map_or_else(|p| codes(p.problems), codes)
        };
        let list = "STT,Tên đơn vị,Khối\n1,Sở Nội vụ,so\n2,Sở Tư pháp,so\n";
        assert_eq!(refused(list), [ErrorCode::MissingField]);
        let unknown = "Đơn vị,9.1,9.2\nSở Nội vụ,1,2\n";
        assert_eq!(
            refused(unknown),
            [ErrorCode::UnknownNode, ErrorCode::UnknownNode]
        );
    }

    #[test]
    fn a_row_of_headings_or_of_codes_under_a_merge_completes_the_header() {
        let header = |cells: &str| cells.split(';').map(str::to_string).collect::<Vec<_>>();
        let merged = |upper: &str, lower: &str| {
            let below = header(lower);
            with_subheadings(&header(upper), &below).map(|h| h.join(";"))
        };
        let said = |h: &str| Some(h.to_string());
        assert_eq!(
            merged("STT;Đơn vị;Mã tiêu chí;Điểm;", ";;;Tự chấm;Thẩm định"),
            said("STT;Đơn vị;Mã tiêu chí;Tự chấm;Thẩm định")
        );
        assert_eq!(
            merged("STT;Đơn vị;Điểm các lĩnh vực;;;Tổng", ";Đơn vị;1;2;3;"),
            said("STT;Đơn vị;1;2;3;Tổng")
        );
        // Appraisal rounds numbered under a heading merged over their columns.
        assert_eq!(
            merged(
                "Đơn vị;Mã tiêu chí;Tự chấm;Thẩm định;;Lý do;",
                ";;;Lần 1;Lần 2;Lần 1;Lần 2"
            ),
            said("Đơn vị;Mã tiêu chí;Tự chấm;Thẩm định lần 1;Thẩm định lần 2;Lý do lần 1;Lý do lần 2")
        );
        // Rounds merged over their fields.
        assert_eq!(
            merged(
                "Đơn vị;Mã tiêu chí;Lần 1;;Lần 2;",
                ";;Thẩm định;Lý do;Thẩm định;Lý do"
            ),
            said("Đơn vị;Mã tiêu chí;Thẩm định lần 1;Lý do lần 1;Thẩm định lần 2;Lý do lần 2")
        );
        // A sheet's header row ends at its last text, the merge's first cell.
        assert_eq!(
            merged("Đơn vị;Mã tiêu chí;Thẩm định", ";;Lần 1;Lần 2"),
            said("Đơn vị;Mã tiêu chí;Thẩm định lần 1;Thẩm định lần 2")
        );
        // Column numbers, codes under headings of their own, a unit's row, a blank row.
        for (upper, lower) in [
            ("STT;Đơn vị;1;2", "1;2;3;4"),
            ("STT;Đơn vị;1;2", "(1);(2);(3);(4)"),
            ("STT;Đơn vị;Lĩnh vực 1;Lĩnh vực 2", ";;1;2"),
            ("STT;Đơn vị;Điểm;", "1;Sở A;Tự chấm;3"),
            ("STT;Đơn vị;Điểm;", ";;;"),
            // A unit's row without its name: its running number, its points.
            ("STT;Đơn vị;Điểm các lĩnh vực;;", "1;;36;30;20"),
            ("STT;Đơn vị;Ghi chú;Điểm các lĩnh vực;", ";;1;2;3"),
            // Rounds under a field that has none.
            ("Đơn vị;Mã tiêu chí;Tự chấm;", ";;Lần 1;Lần 2"),
        ] {
            assert_eq!(merged(upper, lower), None, "{upper} over {lower}");
        }
    }

    #[test]
    fn every_summary_label_listed_is_one_however_capitalised() {
        // `is_summary_label` looks first at a label's first letter: each listed must pass it.
        for label in SUMMARY_ROW.iter().chain(SUMMARY_PREFIXES) {
            assert!(is_summary_label(label), "{label}");
            assert!(is_summary_label(&label.to_uppercase()), "{label}");
        }
    }

    #[test]
    fn summary_labels_are_told_from_units_names() {
        for label in [
            "Tổng cộng:",
            "TRUNG BÌNH",
            "Cộng khối sở",
            "TB khối sở",
            "Điểm TB",
            "Cộng I",
            "Cộng (II)",
            "Cộng I+II",
            "Điểm cao nhất",
            "Thấp nhất",
            "Số đơn vị",
            "Trung vị",
            "Toàn tỉnh",
            "Tổng hợp chung",
            "Chỉ số CCHC bình quân",
            "Giá trị trung bình",
            "Điểm tối đa",
            // Found in officials' sheets: a maximum row with what it bounds, and `Đ` typed
            // as the Icelandic eth (U+00D0) by some fonts and keyboards.
            "Giá trị TB",
            "Số điểm trung bình",
            "Điểm tối đa tiêu chí",
            "Max điểm",
            "\u{d0}IỂM TRUNG BÌNH",
        ] {
            assert!(is_summary_label(label), "{label}");
        }
        for name in [
            "Tổng cục Thuế",
            "Cộng đồng dân cư",
            "Sở Tài chính",
            "Ban Dân tộc",
            "Thanh tra tỉnh",
            "Công an tỉnh",
            "Mỹ Tho",
            "Giá Rai",
            // A classification heading in a published ranking (`III. Mức Trung bình`).
            "Mức Trung bình",
        ] {
            assert!(!is_summary_label(name), "{name}");
        }
    }

    #[test]
    fn block_headings_are_rows_naming_a_block_or_numbered_as_one() {
        let text = include_str!("../../fixtures/cases/blocks-ranked-separately/methodology.json");
        let m = Methodology::from_json(text).expect("a methodology");
        let row = |cells: &[&str]| {
            cells
                .iter()
                .map(|&c| c.into())
                .collect::<Vec<CompactString>>()
        };
        let heading = |cells: &[&str]| {
            let mut headings = BlockHeadings::new(Shape::Wide, None, &[], 1);
            (headings.heading(Some(&m), &row(cells), 1)).map(str::to_string)
        };
        let said = |label: &str| Some(label.to_string());
        assert_eq!(
            heading(&["I", "KHỐI SỞ, BAN, NGÀNH", "", ""]),
            said("KHỐI SỞ, BAN, NGÀNH")
        );
        assert_eq!(
            heading(&["II. Khối cơ quan khác", "", ""]),
            said("Khối cơ quan khác")
        );
        assert_eq!(heading(&["", "UBND cấp huyện", ""]), said("UBND cấp huyện"));
        assert_eq!(heading(&["", "Khối huyện"]), said("Khối huyện"));
        assert_eq!(heading(&["", "A. Khối sở:", ""]), said("Khối sở"));
        assert_eq!(heading(&["I", "I. Khối sở", ""]), said("Khối sở"));
        assert_eq!(
            heading(&["II", "UBND cấp huyện (2 đơn vị)", ""]),
            said("UBND cấp huyện")
        );
        // Numbered and named as a block's, with the block's totals or means beside it.
        assert_eq!(
            heading(&["I", "KHỐI SỞ (bình quân)", "35,75", "30"]),
            said("KHỐI SỞ")
        );
        assert_eq!(heading(&["I. Khối sở", "", "", "162,5"]), said("Khối sở"));
        assert_eq!(
            heading(&["A", "KHỐI SỞ (bình quân)", "35,75", "30"]),
            said("KHỐI SỞ")
        );
        assert_eq!(
            heading(&["B. Khối huyện", "", "30", "20"]),
            said("Khối huyện")
        );
        // A unit's row without points, numbered or not; a row with a figure or a block cell; a
        // blank row; the word alone.
        for cells in [
            &["3", "Sở Tư pháp", "", ""][..],
            &["", "Tổng cục Thuế", ""],
            &["", "Khối Văn phòng", "36", "30"],
            &["I", "Văn phòng", "36", "30"],
            &["", "TP. Cà Mau", ""],
            &["", "Khối", ""],
            &["I", "Sở A", "so"],
            &["", "", ""],
            // A unit numbered in digits, its name like a block's.
            &["2", "Khối Văn phòng UBND", "", ""],
            &["12", "UBND cấp huyện", ""],
            // A unit left unfilled, numbered as no heading before it would be, or lettered.
            &["II", "Sở Tư pháp", ""],
            &["C", "Sở Tài chính", ""],
            &["２", "Khối Văn phòng UBND tỉnh", ""],
            &["", "2. Khối Văn phòng UBND tỉnh", ""],
            &["A", "Sở Nội vụ", ""],
            &["A", "Sở Nội vụ", "36", "30"],
        ] {
            assert_eq!(heading(cells), None, "{cells:?}");
        }
        // Among units numbered in digits, a heading named as a block's or numbered as the next
        // may have the block's means beside it, numbered or not; a row lettered and not named
        // so is still a unit's.
        let units = [
            row(&["1", "Sở Nội vụ", "36,5"]),
            row(&["2", "Sở Tư pháp", "35"]),
        ];
        let mut headings = BlockHeadings::new(Shape::Wide, None, &units, 1);
        let mut among_units =
            |cells: &[&str]| (headings.heading(None, &row(cells), 1)).map(str::to_string);
        assert_eq!(
            among_units(&["", "Khối sở, ban, ngành", "35,75", "30,5"]),
            said("Khối sở, ban, ngành")
        );
        assert_eq!(among_units(&["I", "Các sở", "35,75"]), said("Các sở"));
        assert_eq!(among_units(&["II", "Các huyện", "25"]), said("Các huyện"));
        assert_eq!(among_units(&["IV", "Cơ quan khác", "25"]), None);
        assert_eq!(among_units(&["A", "Sở Nội vụ", "36", "30"]), None);
        assert_eq!(among_units(&["3", "Khối Văn phòng", "36"]), None);
        // Headings named by their number alone follow one another: `I`, then `II`.
        let mut headings = BlockHeadings::new(Shape::Wide, None, &[], 1);
        let mut next =
            |cells: &[&str]| (headings.heading(None, &row(cells), 1)).map(str::to_string);
        assert_eq!(next(&["I", "Sở, ban, ngành", ""]), said("Sở, ban, ngành"));
        assert_eq!(next(&["III", "Cơ quan khác", ""]), None);
        assert_eq!(next(&["II", "UBND cấp huyện", ""]), said("UBND cấp huyện"));
        // A long table's row with a code is an entry, as the table read row by row reads it.
        let long = |cells: &[&str]| {
            let mut headings = BlockHeadings::new(Shape::Long, None, &[], 1);
            (headings.heading(Some(&m), &row(cells), 1)).map(str::to_string)
        };
        assert_eq!(long(&["I", "Khối sở", "1", "30"]), None);
        assert_eq!(long(&["I", "Khối sở", "", ""]), said("Khối sở"));
        // A code left of the unit's name makes the row an entry too.
        let mut headings = BlockHeadings::new(Shape::Long, Some(0), &[], 1);
        assert_eq!(
            headings.heading(Some(&m), &row(&["I", "Khối sở", ""]), 1),
            None
        );
    }

    #[test]
    fn summary_rows_past_those_said_are_counted() {
        let rows = "Tổng cộng,,1\n".repeat(SummaryRows::SAID + 5);
        let table = Table::from_csv(&format!("unit,block,1\nXã A,,1\n{rows}")).expect("a table");
        let summary = table.summary_rows();
        assert_eq!(summary.said.len(), SummaryRows::SAID);
        assert_eq!(summary.said[0], (3, "Tổng cộng".to_string()));
        assert_eq!(summary.more, 5);
    }

    #[test]
    fn excels_separator_line_names_the_separator_and_is_no_row() {
        let line = |text| excel_separator_line(text).map(|(s, rows)| (char::from(s), rows));
        assert_eq!(line("sep=;\r\nunit;code\r\n"), Some((';', "unit;code\r\n")));
        assert_eq!(line("SEP=,\nunit,code"), Some((',', "unit,code")));
        assert_eq!(line("sep=|"), Some(('|', "")));
        assert_eq!(line("sep=\t\nunit"), Some(('\t', "unit")));
        // Not Excel's line: a letter or a quote cuts no table, a title may start so.
        for text in [
            "sep=a\n",
            "sep=\"\n",
            "sep=;;\n",
            "sep =;\n",
            "unit;code\nsep=;",
        ] {
            assert_eq!(line(text), None, "{text:?}");
        }
    }

    #[test]
    fn cells_are_cut_by_the_separator_of_the_header_below_title_rows() {
        let cut = |text: &str| char::from(header_separators(text, names_unit_column).0);
        // Titles typed without separators, or holding the other one, say nothing of them.
        assert_eq!(
            cut("BÁO CÁO\nCà Mau, ngày 15/01/2025\n\nĐơn vị;Mã tiêu chí\n"),
            ';'
        );
        assert_eq!(cut("BÁO CÁO; NĂM 2024\nunit,code\nXã A;B,1.1\n"), ',');
        assert_eq!(cut("Báo cáo\r\n\"Tên đơn vị\"\tMã TC\r\n"), '\t');
        // Blank rows as Excel saves them do not count among the title rows.
        let blanks = format!(
            "Báo cáo, năm 2024\n{}unit;code\n",
            ";;;\n".repeat(TITLE_ROWS + 1)
        );
        assert_eq!(cut(&blanks), ';');
        // A heading holding more of the other separator than the header has cells.
        let many = "Đơn vị;Mã TC;Tự chấm;Tài liệu kiểm chứng (số, ký hiệu, ngày, tháng, năm)\n";
        assert_eq!(cut(many), ';');
        assert_eq!(cut("unit;code\n"), ';');
        // Without a unit column (a criteria table): the first line with a separator.
        assert_eq!(cut("PHỤ LỤC\nKèm theo Quyết định\nMã;Tiêu chí;Điểm\n"), ';');
        assert_eq!(cut("BẢNG ĐIỂM\n"), ',');
        // Past the title rows a sheet may carry, the header is not looked for.
        let late = format!("Báo cáo, năm 2024\n{}unit;code\n", "x\n".repeat(TITLE_ROWS));
        assert_eq!(cut(&late), ',');
    }

    #[test]
    fn parts_start_at_their_rows_numbers() {
        let mut text = String::from("unit,code,self\r\n");
        for u in 0..6 {
            for leaf in ["1.1", "1.2"] {
                text.push_str(&format!("Xã {u},{leaf},1\r\n"));
            }
            text.push_str("\r\n");
        }
        let parts = LongCsv::read(&text).expect("regular").parts(3);
        assert_eq!(parts.len(), 3);
        // Each unit takes two rows and a blank one: units start on rows 2, 5, 8, ...
        for part in &parts {
            let first = line_rows(part.rows).swap_remove(0);
            let unit: usize = first[4..5].parse().expect("a unit number");
            assert_eq!(part.first_row, 2 + 3 * unit, "{first}");
        }
    }
}
