//! Assessments from tables (CSV files, spreadsheets, pandas DataFrames), in two shapes:
//!
//! - **wide**: `unit`, optional `block`, then one column per node code holding its final points;
//! - **long**: `unit, block, code, self, appraised, evidence, reason` (optionally `explanation`,
//!   `by`, `survey`, `value`), one row per unit and leaf.
//!
//! Cells are text as a spreadsheet gives them: decimals may use `,` as the decimal point.
//! The caller reads the file; this module only interprets cells, so every binding shares it.

use crate::assessment::{
    Appraisal, Entries, Entry, InputValue, SourceRow, SurveyInput, UnitAssessment,
};
use crate::decimal::{parse_decimal_cell, Dec};
use crate::encoding::nfc;
use crate::error::{Collector, ErrorCode, ParError, Problems, Read};
use crate::limits;
use crate::methodology::{Methodology, Rule};
use crate::text::{Input, ReadingMsg, ScoringMsg};
use compact_str::CompactString;
use indexmap::IndexMap;
use std::borrow::Cow;

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
    "tỉnh, thành phố",
    "tỉnh/thành phố",
    "tỉnh, thành phố trực thuộc trung ương",
    "địa phương",
    "bộ, ngành",
    "don vi",
    "don_vi",
];
pub(crate) const BLOCK: &[&str] = &["block", "khối", "khoi"];
const CODE: &[&str] = &["code", "mã", "ma", "mã tiêu chí", "mã tc", "mã số"];
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
/// How many title rows a score sheet may carry above its header.
const TITLE_ROWS: usize = 10;
/// The running number officials put in the first column of every sheet (`STT`, số thứ tự): it
/// numbers the rows and is read as nothing.
const ROW_NUMBER: &[&str] = &["stt", "tt", "số tt", "số thứ tự", "no.", "#"];
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

/// A heading as it is compared with the names of columns: trimmed, lower case, in NFC (a
/// spreadsheet's `Đơn vị` typed with combining marks is the column `đơn vị`).
fn normalise(h: &str) -> String {
    nfc(h.trim_start_matches('\u{feff}').trim()).to_lowercase()
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
            if let Cow::Owned(normal) = nfc(heading) {
                *heading = normal;
            }
        }
        for cell in self.rows.iter_mut().flatten() {
            if let Cow::Owned(normal) = nfc(cell) {
                *cell = normal.into();
            }
        }
        self
    }

    /// Reads CSV text: cells separated by `,`, or by `;` as spreadsheets in Vietnamese locales
    /// write them (where `86,14` is a decimal), or by tabs as Excel's "Unicode Text" does — the
    /// separator the header row uses most.
    ///
    /// A table is never silently reinterpreted: a row whose cells do not line up with the header
    /// (more or fewer cells, or split by the other separator) and quotes that do not pair up (an
    /// opened quote swallows the rows after it into one cell) are problems with their row, all
    /// reported together.
    pub fn from_csv(text: &str) -> Result<Table, Problems> {
        limits::TABLE_BYTES.check(text.len())?;
        // One text for one name, however it was typed: every cell in NFC.
        let text = nfc(text);
        let text = text.as_ref();
        let text = text.trim_start_matches('\u{feff}');
        let (delimiter, other) = separators(text.lines().next().unwrap_or_default());
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut problems = Collector::default();
        let mut header = Vec::new();
        let mut rows = Vec::new();
        let mut cells = 0usize;
        let mut record = csv::StringRecord::new();
        let mut start = 0usize;
        for row_no in 1usize.. {
            match reader.read_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => {
                    problems.push(
                        ParError::new(
                            ErrorCode::BadJson,
                            ReadingMsg::CsvUnreadable {
                                detail: e.to_string(),
                            },
                        )
                        .row(row_no),
                    );
                    break;
                }
            }
            let end = reader.position().byte() as usize;
            let raw = text.as_bytes().get(start..end).unwrap_or_default();
            start = end;
            cells += record.len();
            if cells > limits::TABLE_CELLS.max {
                problems.push(limits::TABLE_CELLS.exceeded_at_least().row(row_no));
                break;
            }
            let unpaired = unclosed_quote(raw, &record);
            if unpaired {
                problems.push(unpaired_quote(row_no));
            }
            if row_no == 1 {
                if let Err(e) = limits::TABLE_COLUMNS.check(record.len()) {
                    return Err(e.row(1).into());
                }
                header = record.iter().map(str::to_string).collect();
                continue;
            }
            let blank = record.iter().all(|c| c.trim().is_empty());
            // Empty cells past the header are what Excel writes for formatted columns.
            let empty_tail = record
                .iter()
                .skip(header.len())
                .all(|c| c.trim().is_empty());
            let misaligned = record.len() < header.len() || !empty_tail;
            if !blank && !unpaired && misaligned {
                problems.push(misaligned_row(
                    &record,
                    header.len(),
                    row_no,
                    (delimiter, other),
                ));
            }
            rows.push(record.iter().map(CompactString::from).collect());
        }
        problems.finish(Table {
            header,
            rows,
            float_columns: Vec::new(),
        })
    }

    /// Refuses a table with more columns or cells than the limits allow, for tables that a
    /// binding built itself (DataFrames, spreadsheets).
    pub fn check_size(&self) -> Result<(), ParError> {
        limits::TABLE_COLUMNS.check(self.header.len())?;
        let cells = self.rows.iter().map(Vec::len).sum::<usize>() + self.header.len();
        limits::TABLE_CELLS.check(cells)
    }

    /// Columns named twice (which would make the last one silently win) and cells to the right of
    /// the header (which belong to no column), each a problem with its row.
    fn misplaced_cells(&self, header_row: usize) -> Vec<ParError> {
        let mut problems = Vec::new();
        let mut first_seen: std::collections::HashMap<String, usize> = Default::default();
        let headed = |c: usize| self.header.get(c).is_some_and(|h| !h.trim().is_empty());
        for (c, h) in self.header.iter().enumerate() {
            let name = normalise(h);
            if name.is_empty() {
                continue;
            }
            if let Some(&earlier) = first_seen.get(&name) {
                problems.push(
                    ParError::new(
                        ErrorCode::DuplicateCode,
                        ReadingMsg::ColumnTwice {
                            column: h.trim().to_string(),
                            first: column_letters(earlier),
                            second: column_letters(c),
                        },
                    )
                    .field(h.trim())
                    .value(h.trim())
                    .row(header_row),
                );
            } else {
                first_seen.insert(name, c);
            }
        }
        for (r, row) in self.rows.iter().enumerate() {
            let mut unheaded = row
                .iter()
                .enumerate()
                .filter(|(c, cell)| !headed(*c) && !cell.trim().is_empty());
            if let Some((c, extra)) = unheaded.next() {
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
            if problems.len() > limits::PROBLEMS.max {
                break;
            }
        }
        problems
    }

    /// Long when a `code` column exists, wide otherwise.
    pub fn shape(&self) -> Shape {
        if column(&self.header, CODE).is_some() {
            Shape::Long
        } else {
            Shape::Wide
        }
    }

    /// The table as assessments for `m`, reporting every problem with its row number.
    pub fn to_assessments(&self, m: &Methodology) -> Result<Vec<UnitAssessment>, Problems> {
        self.read_assessments(m)?.into_result()
    }

    /// Like [`Table::to_assessments`], but keeps the readable rows beside the problems, so that
    /// scoring can report the problems of the readable part too ([`crate::score_read`]).
    pub fn read_assessments(&self, m: &Methodology) -> Result<Read<Vec<UnitAssessment>>, Problems> {
        self.check_size()?;
        let (table, header_row) = self.below_title_rows();
        table.read_below(m, header_row)
    }

    /// The table from its header down, and the header's row number in the file. Score sheets
    /// often carry title rows above the header (the report's name, the province, the date): the
    /// header is the first row, among the first [`TITLE_ROWS`] and the next, that names the unit
    /// column. A table without one is read from its first row, which says so.
    pub(crate) fn below_title_rows(&self) -> (Cow<'_, Table>, usize) {
        if column(&self.header, UNIT).is_some() {
            return (Cow::Borrowed(self), 1);
        }
        let names_unit =
            |row: &Vec<CompactString>| row.iter().any(|c| UNIT.contains(&normalise(c).as_str()));
        match self.rows.iter().take(TITLE_ROWS).position(names_unit) {
            Some(k) => {
                let table = Table {
                    header: self.rows[k].iter().map(|c| c.to_string()).collect(),
                    rows: self.rows[k + 1..].to_vec(),
                    float_columns: self.float_columns.clone(),
                };
                (Cow::Owned(table), k + 2)
            }
            None => (Cow::Borrowed(self), 1),
        }
    }

    /// [`Table::read_assessments`] of a table whose header is row `header_row` of its file.
    fn read_below(
        &self,
        m: &Methodology,
        header_row: usize,
    ) -> Result<Read<Vec<UnitAssessment>>, Problems> {
        let misplaced = self.misplaced_cells(header_row);
        if !misplaced.is_empty() {
            return Err(misplaced.into());
        }
        let Some(unit_col) = column(&self.header, UNIT) else {
            return Err(
                ParError::new(ErrorCode::MissingField, ReadingMsg::NoUnitColumn)
                    .field("unit")
                    .row(header_row)
                    .into(),
            );
        };
        match self.shape() {
            Shape::Wide => self.wide(m, unit_col, header_row),
            Shape::Long => self.long(m, unit_col, header_row),
        }
    }

    /// Non-blank data rows with their spreadsheet row number and unit name, and a problem for
    /// each row without a unit name.
    fn unit_rows(&self, unit_col: usize, header_row: usize) -> (Vec<UnitRow<'_>>, Vec<ParError>) {
        let mut rows = Vec::new();
        let mut problems = Vec::new();
        for (r, row) in self.rows.iter().enumerate() {
            let row_no = header_row + 1 + r;
            if row.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            match self.cell(row, Some(unit_col)) {
                // Rows are grouped by unit: one name typed two ways is one unit.
                Some(name) => rows.push((row_no, row.as_slice(), nfc(name))),
                None => problems.push(missing_unit(row_no)),
            }
        }
        (rows, problems)
    }

    fn cell<'a>(&'a self, row: &'a [CompactString], col: Option<usize>) -> Option<&'a str> {
        col.and_then(|c| row.get(c))
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
    }

    fn wide(
        &self,
        m: &Methodology,
        unit_col: usize,
        header_row: usize,
    ) -> Result<Read<Vec<UnitAssessment>>, Problems> {
        let mut problems = Collector::default();
        let block_col = column(&self.header, BLOCK);
        let mut node_cols = Vec::new();
        for (c, h) in self.header.iter().enumerate() {
            // A column without a heading holds no cell (`misplaced_cells`): Excel saves one for
            // every formatted column.
            let row_number = ROW_NUMBER.contains(&normalise(h).as_str());
            if c == unit_col || Some(c) == block_col || h.trim().is_empty() || row_number {
                continue;
            }
            let code = h.trim().to_string();
            if m.by_code.contains_key(&code) || m.adjustment_by_code.contains_key(&code) {
                node_cols.push((c, code));
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
        let mut units: IndexMap<String, UnitAssessment> = IndexMap::new();
        let (rows, unnamed) = self.unit_rows(unit_col, header_row);
        unnamed.into_iter().for_each(|e| problems.push(e));
        for (row_no, row, name) in &rows {
            let (row_no, name) = (*row_no, name.as_ref());
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
            let mut entries = Entries::with_capacity(node_cols.len());
            for (c, code) in &node_cols {
                let Some(text) = self.cell(row, Some(*c)) else {
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
                    block: self.cell(row, block_col).map(str::to_string),
                    entries,
                },
            );
        }
        Ok(problems.into_read(units.into_values().collect()))
    }

    fn long(
        &self,
        m: &Methodology,
        unit_col: usize,
        header_row: usize,
    ) -> Result<Read<Vec<UnitAssessment>>, Problems> {
        let mut problems = Collector::default();
        let col = |names| column(&self.header, names);
        let (block_col, code_col) = (col(BLOCK), col(CODE));
        let (self_col, appraised_col) = (col(SELF), col(APPRAISED));
        let (evidence_col, reason_col, explanation_col) =
            (col(EVIDENCE), col(REASON), col(EXPLANATION));
        let (by_col, survey_col, value_col) = (col(BY), col(SURVEY), col(VALUE));
        let known = [
            col(ROW_NUMBER),
            Some(unit_col),
            block_col,
            code_col,
            self_col,
            appraised_col,
            evidence_col,
            reason_col,
            explanation_col,
            by_col,
            survey_col,
            value_col,
        ];
        for (c, h) in self.header.iter().enumerate() {
            if !known.contains(&Some(c)) && !h.trim().is_empty() {
                problems.push(
                    ParError::new(
                        ErrorCode::UnknownField,
                        ReadingMsg::NotALongColumn {
                            column: h.trim().to_string(),
                            expected: LONG_COLUMNS.map(str::to_string).to_vec(),
                        },
                    )
                    .field(h.trim())
                    .row(header_row),
                );
            }
        }
        let mut units: IndexMap<String, UnitAssessment> = IndexMap::new();
        // A unit usually has a row per leaf: its entries are given room for them at once, not
        // moved on each doubling.
        let leaves = m.nodes.iter().filter(|n| n.is_leaf()).count();
        let (rows, unnamed) = self.unit_rows(unit_col, header_row);
        unnamed.into_iter().for_each(|e| problems.push(e));
        for (row_no, row, name) in &rows {
            let (row_no, name) = (*row_no, name.as_ref());
            let at = |e: ParError| e.unit(name).row(row_no);
            let Some(code) = self.cell(row, code_col) else {
                problems.push(at(ParError::new(
                    ErrorCode::MissingField,
                    ReadingMsg::RowWithoutCode,
                )
                .field("code")));
                continue;
            };
            let code = nfc(code);
            let code = code.as_ref();
            let rule = m.leaf_rule(code);
            if !m.by_code.contains_key(code) && !m.adjustment_by_code.contains_key(code) {
                problems.push(at(ParError::new(
                    ErrorCode::UnknownNode,
                    ScoringMsg::NotInCriteriaSet {
                        code: code.to_string(),
                        methodology: m.id().to_string(),
                    },
                )
                .node(code)
                .value(code)));
                continue;
            }
            let numeric = matches!(
                rule,
                None | Some(Rule::Points | Rule::Bands { .. } | Rule::Ratio { .. })
            );
            // A measured percentage may be typed with its sign (`97%`); the rule checks its range.
            let measures = matches!(rule, Some(Rule::Bands { .. } | Rule::Ratio { .. }));
            let mut bad = false;
            let mut input = |field: &str, text: Option<&str>| -> Option<InputValue> {
                let text = text?;
                if !numeric {
                    return Some(InputValue::Text(text.into()));
                }
                let (number, percent) = match text.strip_suffix('%').filter(|_| measures) {
                    Some(number) => (number.trim_end(), true),
                    None => (text, false),
                };
                // Keep the figure as typed (scale included), only with a '.' decimal point.
                match parse_decimal_cell(number) {
                    Ok(_) => {
                        let mut figure = CompactString::from(number);
                        if let Some(comma) = figure.find(',') {
                            figure.replace_range(comma..comma + 1, ".");
                        }
                        if percent {
                            figure.push('%');
                        }
                        Some(InputValue::Text(figure))
                    }
                    Err(e) => {
                        let which = match field {
                            "self" => Input::SelfScore,
                            "appraised" => Input::Appraisal(1),
                            "survey" => Input::SurveyPoints,
                            _ => Input::Value,
                        };
                        let e = e.node(code).field(field).about(which, m.criterion(code));
                        problems.push(at(e));
                        bad = true;
                        None
                    }
                }
            };
            let self_score = input("self", self.cell(row, self_col));
            let appraised = input("appraised", self.cell(row, appraised_col));
            let survey = input("survey", self.cell(row, survey_col));
            let value = input("value", self.cell(row, value_col));
            if bad {
                continue;
            }
            let decimal = |v: Option<InputValue>| match v {
                Some(InputValue::Text(t)) => t.parse().ok().map(Dec),
                _ => None,
            };
            let entry = Entry {
                self_score,
                evidence: self
                    .cell(row, evidence_col)
                    .map(|e| {
                        let mut refs: Vec<CompactString> = e
                            .split([';', '\n'])
                            .map(str::trim)
                            .filter(|s| !s.is_empty())
                            .map(CompactString::from)
                            .collect();
                        // At its length, as the JSON reader keeps lists (`assessment`).
                        refs.shrink_to_fit();
                        refs
                    })
                    .unwrap_or_default(),
                explanation: self.cell(row, explanation_col).map(str::to_string),
                appraisals: appraised
                    .map(|value| Appraisal {
                        round: 1,
                        value,
                        reason: self.cell(row, reason_col).map(str::to_string),
                        by: self.cell(row, by_col).map(CompactString::from),
                        points: None,
                    })
                    .into_iter()
                    .collect(),
                survey: decimal(survey).map(SurveyInput::Points),
                value: decimal(value),
                row: SourceRow::at(row_no),
                ..Entry::default()
            };
            let block = self.cell(row, block_col).map(nfc);
            let block = block.as_deref();
            // A unit's rows usually follow each other: its name is copied once, not per row.
            let unit = match units.get_index_of(name) {
                Some(i) => &mut units[i],
                None => units
                    .entry(name.to_string())
                    .or_insert_with(|| UnitAssessment {
                        unit: name.to_string(),
                        block: block.map(str::to_string),
                        entries: Entries::with_capacity(leaves),
                    }),
            };
            if let (Some(given), Some(earlier)) = (block, unit.block.as_deref()) {
                if given != earlier {
                    problems.push(at(ParError::new(
                        ErrorCode::ConflictingInput,
                        ScoringMsg::UnitInAnotherBlock {
                            unit: name.to_string(),
                            earlier: earlier.to_string(),
                        },
                    )
                    .field("block")
                    .value(given)));
                    continue;
                }
            }
            if unit.block.is_none() {
                unit.block = block.map(str::to_string);
            }
            if unit.entries.insert(code.into(), entry).is_some() {
                problems.push(at(ParError::new(
                    ErrorCode::ConflictingInput,
                    ScoringMsg::UnitCodeTwice {
                        unit: name.to_string(),
                        code: code.to_string(),
                    },
                )
                .node(code)
                .field("code")
                .value(code)));
            }
        }
        Ok(problems.into_read(units.into_values().collect()))
    }
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

/// The separator of a table's cells, the one its header row uses most (`,` when it uses none),
/// and the separator a misaligned row is checked for (`;` for `,` and the other way round).
fn separators(header: &str) -> (u8, u8) {
    let count = |c: char| header.matches(c).count();
    let (commas, semicolons, tabs) = (count(','), count(';'), count('\t'));
    if tabs > commas && tabs > semicolons {
        (b'\t', b',')
    } else if semicolons > commas {
        (b';', b',')
    } else {
        (b',', b';')
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
    ParError::new(
        ErrorCode::BadJson,
        ReadingMsg::RowMisaligned { cells, columns },
    )
    .row(row)
    .value(cells.to_string())
}

/// A column's letters as a spreadsheet shows them: 0 → A, 25 → Z, 26 → AA.
fn column_letters(index: usize) -> String {
    let mut letters = Vec::new();
    let mut n = index + 1;
    while n > 0 {
        let digit = (n - 1) % 26;
        letters.push(char::from(b'A' + digit as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// A data row: its spreadsheet row number, its cells, and its unit's name.
type UnitRow<'a> = (usize, &'a [CompactString], Cow<'a, str>);

pub(crate) fn missing_unit(row: usize) -> ParError {
    ParError::new(ErrorCode::MissingField, ReadingMsg::RowWithoutUnit)
        .field("unit")
        .row(row)
}
