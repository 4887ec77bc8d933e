//! Methodologies from criteria tables: the annex of a decision as officials copy it into Excel,
//! or the project's own table that [`export`] writes.
//!
//! An annex is read as it is printed (`../shared/domain/README.md` §4a):
//! - the header row is found below the title rows, which give the set's name and its decision
//!   (`columns.rs`); headings are Vietnamese (`STT`, `Lĩnh vực/Tiêu chí`, `Điểm tối đa`,
//!   `Hướng dẫn chấm điểm`, `Tài liệu kiểm chứng`, `Ghi chú`) or the project's own (`code`,
//!   `name`, `max`, `rule`, `options`, `bands`, …);
//! - printed numbers — Roman fields, numbering restarting in each field, letters, dashes —
//!   become dotted codes by the rules in `numbering.rs`;
//! - the scoring guidance's prose becomes a rule where its words are certain (`guidance.rs`),
//!   and stays points 0..max with a warning naming the row where they are not;
//! - a `TỔNG ĐIỂM` / `Tổng cộng` row is checked against the sum of the fields, not imported;
//! - the classification, blocks and policies come from a section below the criteria or a sheet
//!   of their own (`sections.rs`).
//!
//! Every row's reading is kept ([`RowReading`]) so a person can check it against the annex;
//! every problem names its row.

mod columns;
mod export;
mod guidance;
mod numbering;
mod ranges;
mod sections;
mod written;

pub use export::{export, not_exported};

use crate::decimal::{parse_decimal_cell, Dec};
use crate::encoding::nfc;
use crate::error::{quoted, Collector, ErrorCode, ParError, Problems};
use crate::json::to_pretty;
use crate::limits::{self, TREE_NODES};
use crate::methodology::{
    ChoiceOption, Methodology, MethodologyDef, NodeDef, Policies, Rule, METHODOLOGY_SCHEMA,
};
use crate::table::{written_rows, Table, TITLE_ROWS};
use crate::text::{DefiningMsg, ImportWarningMsg, Lang, ReadingMsg, Understood};
pub(crate) use columns::{
    column_number, is_column_numbers, names_criteria, normalise as normalise_heading, ROMAN,
};
use columns::{normalise, read_title, Column, Columns};
use guidance::{read_guidance, Guidance};
use numbering::{leading_number, parse_number, Coder, Number};
use rust_decimal::Decimal;
use sections::{section_of, Section, Sections};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// The columns of a criteria table, in the order [`export`] writes them.
pub const COLUMNS: [&str; 10] = [
    "code",
    "name",
    "max",
    "component",
    "survey",
    "rule",
    "options",
    "bands",
    "measure",
    "target",
];
const NOTES: &str = "notes";

/// What the person importing says of the methodology; the annex's title rows fill in the name,
/// the decision and its date where they are not given.
#[derive(Debug, Clone, Default)]
pub struct Header {
    pub id: String,
    pub name: Option<String>,
    pub decision: Option<String>,
    pub date: Option<String>,
    pub level: Option<String>,
}

/// What one row of the table was read as.
#[derive(Debug, Clone, PartialEq)]
pub struct RowReading {
    /// The sheet, when the row is not on the criteria sheet.
    pub sheet: Option<String>,
    pub row: usize,
    /// The number as printed (`II`, `1.2`, `a`).
    pub number: Option<String>,
    pub code: Option<String>,
    pub name: Option<String>,
    pub max: Option<Decimal>,
    pub understood: Understood,
}

/// Something a person should check, on a row of a methodology that was made.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportWarning {
    pub message: ImportWarningMsg,
    pub row: usize,
    pub node: Option<String>,
}

/// A methodology read from a table, with what each row was read as and the warnings.
#[derive(Debug, Clone)]
pub struct Imported {
    pub methodology: Methodology,
    pub rows: Vec<RowReading>,
    pub warnings: Vec<ImportWarning>,
}

impl Imported {
    /// `{"methodology": …, "rows": […], "warnings": […]}`, texts in `lang`: what every binding
    /// returns.
    pub fn to_json(&self, lang: Lang) -> String {
        to_pretty(&ImportDocument {
            methodology: self.methodology.def(),
            rows: self.rows.iter().map(|r| RowJson::of(r, lang)).collect(),
            warnings: self
                .warnings
                .iter()
                .map(|w| WarningJson {
                    code: w.message.code(),
                    row: w.row,
                    node: w.node.as_deref(),
                    message: w.message.render(lang),
                })
                .collect(),
        })
    }

    /// One line per warning: `dòng 9, tiêu chí 1.1.4: … (cảnh báo: guidance_not_read)`.
    pub fn warning_lines(&self, lang: Lang) -> Vec<String> {
        self.warnings
            .iter()
            .map(|w| w.message.line(w.row, w.node.as_deref(), lang))
            .collect()
    }
}

/// The import as JSON. Written with the serialiser every document uses (no `serde_json::Value`:
/// a second serialiser of the methodology would weigh on the WebAssembly package).
#[derive(Serialize)]
struct ImportDocument<'a> {
    methodology: &'a MethodologyDef,
    rows: Vec<RowJson<'a>>,
    warnings: Vec<WarningJson<'a>>,
}

#[derive(Serialize)]
struct RowJson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    sheet: Option<&'a str>,
    row: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    number: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max: Option<String>,
    read_as: String,
}

impl<'a> RowJson<'a> {
    fn of(r: &'a RowReading, lang: Lang) -> Self {
        RowJson {
            sheet: r.sheet.as_deref(),
            row: r.row,
            number: r.number.as_deref(),
            code: r.code.as_deref(),
            name: r.name.as_deref(),
            max: r.max.map(|m| m.to_string()),
            read_as: r.understood.render(lang),
        }
    }
}

#[derive(Serialize)]
struct WarningJson<'a> {
    code: &'static str,
    row: usize,
    node: Option<&'a str>,
    message: String,
}

/// A criterion row: where it is, its number and cells, and what its guidance says.
struct Line {
    row: usize,
    printed: Option<String>,
    number: Number,
    max: Option<Decimal>,
    /// The guidance cell's text, and the rows that continue it.
    guidance: Option<String>,
    /// What the guidance says, once read.
    reading: Option<Guidance>,
    node: NodeDef,
    /// Problems of the row, said once its code is known so that they name the criterion.
    problems: Vec<ParError>,
    /// The max cannot be read: the row and its subtree are left out.
    unusable: bool,
    /// A dash row that is an option of the criterion above it (see [`Reader::outcomes_as_rows`]).
    outcome_row: bool,
}

/// Builds and validates a methodology from a criteria sheet and the other sheets of its workbook
/// (those named for a section: `Xếp loại`, `Khối`, `Quy tắc`); every problem names its row.
pub fn import(
    criteria: &Table,
    others: &[(String, Table)],
    header: Header,
) -> Result<Imported, Problems> {
    check_written_rows(criteria)?;
    let mut reader = Reader::default();
    let grid = grid(criteria);
    let Some(h) = written_rows(&grid, TITLE_ROWS + 1).find(|&i| Columns::of(&grid[i]).is_header())
    else {
        let message = DefiningMsg::NoCriteriaHeader {
            rows: TITLE_ROWS + 1,
        };
        return Err(ParError::new(ErrorCode::MissingField, message)
            .field("name")
            .row(1)
            .into());
    };
    let columns = Columns::of(&grid[h]);
    for (_, heading) in &columns.not_read {
        reader.warn(
            ImportWarningMsg::ColumnNotRead {
                column: quoted(heading),
            },
            h + 1,
            None,
        );
    }
    let titles: Vec<String> = grid[..h].iter().map(|r| filled(r).join(" ")).collect();
    let title = read_title(&titles);
    let mut body: Vec<(usize, &Vec<String>)> = grid
        .iter()
        .enumerate()
        .skip(h + 1)
        .map(|(i, r)| (i + 1, r))
        .collect();
    // The column numbers `(1) (2) (3)` printed under the header, perhaps after a blank row.
    let first_filled = body.iter().position(|(_, r)| !filled(r).is_empty());
    if let Some(k) = first_filled.filter(|&k| is_column_numbers(body[k].1)) {
        body.remove(k);
    }
    let mut lines = Vec::new();
    let mut section = None;
    let mut total = None;
    for (row, cells) in body {
        match reader.classify(row, cells, &columns, &mut section) {
            Some(Kind::Line(line)) => lines.push(*line),
            Some(Kind::Total(written)) => total = Some((row, written)),
            Some(Kind::MoreGuidance(more)) => match lines.last_mut() {
                Some(Line {
                    guidance: Some(text),
                    ..
                }) => {
                    text.push('\n');
                    text.push_str(&more);
                }
                Some(line) => line.guidance = Some(more),
                None => {}
            },
            None => {}
        }
    }
    for (name, table) in others {
        if let Some(kind) = section_of(name) {
            reader.read_section_sheet(name, kind, table);
        }
    }
    // A tree larger than a methodology may be is refused before it is built.
    if let Err(e) = TREE_NODES.check(lines.len()) {
        return Err(e.into());
    }
    let nodes = reader.tree(lines);
    if let Some((row, written)) = total {
        reader.check_total(row, written, &nodes);
    }
    let def = MethodologyDef {
        schema: METHODOLOGY_SCHEMA.to_string(),
        name: header
            .name
            .or(title.name)
            .unwrap_or_else(|| header.id.clone()),
        id: header.id,
        decision: header.decision.or(title.decision),
        date: header.date.or(title.date),
        level: header.level,
        completeness: None,
        sources: Vec::new(),
        notes: None,
        default_component: None,
        policies: Policies::default(),
        bands: Vec::new(),
        blocks: Vec::new(),
        nodes,
        adjustments: Vec::new(),
    };
    reader.finish(def)
}

/// Whether a sheet's name says it holds a section of the methodology (`Xếp loại`, `Khối`,
/// `Quy tắc`), for a reader choosing which sheets of a workbook to pass to [`import`].
pub fn names_a_section(sheet: &str) -> bool {
    section_of(sheet).is_some()
}

/// What a body row is, for the import.
enum Kind {
    Line(Box<Line>),
    Total(Decimal),
    /// Guidance continued from the row above.
    MoreGuidance(String),
}

/// The state of one import: problems, readings and warnings as rows are read.
#[derive(Default)]
struct Reader {
    problems: Collector,
    readings: Vec<RowReading>,
    warnings: Warnings,
    sections: Sections,
    /// Node codes and their rows, for problems the methodology's validation finds.
    row_of: HashMap<String, usize>,
    /// Codes of rows left out for their own problems; their subtrees go with them, and their
    /// ancestors' sums are not checked, so that one mistake is reported once.
    unusable: HashSet<String>,
    /// Rows left out before they had a code (a number not read): the sums of the nodes they may
    /// have belonged to are not checked either.
    dropped: Vec<usize>,
}

/// An import's warnings, bounded as its problems are ([`limits::PROBLEMS`]): a table of five
/// million rows passed over, each warned of, held them all in gigabytes. The first ones by row
/// are kept, the rest counted in one closing warning.
#[derive(Default)]
struct Warnings {
    kept: Vec<ImportWarning>,
    /// Warnings let go, and the first row of them.
    hidden: usize,
    first_hidden_row: Option<usize>,
}

impl Warnings {
    const SHOWN: usize = limits::PROBLEMS.max;

    fn push(&mut self, warning: ImportWarning) {
        self.kept.push(warning);
        // Warnings come mostly in row order, not always (a leaf is decided after the rows
        // below it): let go of the last by row only now and then, keeping the first ones.
        if self.kept.len() >= 2 * Self::SHOWN {
            self.keep_first();
        }
    }

    /// Keeps the first [`Self::SHOWN`] warnings by row, counting the others.
    fn keep_first(&mut self) {
        self.kept.sort_by_key(|w| w.row);
        if self.kept.len() <= Self::SHOWN {
            return;
        }
        let dropped = self.kept.split_off(Self::SHOWN);
        self.hidden += dropped.len();
        let first = dropped[0].row;
        self.first_hidden_row = Some(self.first_hidden_row.map_or(first, |r| r.min(first)));
    }

    /// The warnings in row order, and one counting those not shown.
    fn finish(mut self) -> Vec<ImportWarning> {
        self.keep_first();
        if let Some(row) = self.first_hidden_row {
            self.kept.push(ImportWarning {
                message: ImportWarningMsg::MoreWarnings {
                    hidden: self.hidden,
                    shown: Self::SHOWN,
                },
                row,
                node: None,
            });
        }
        self.kept
    }
}

impl Reader {
    fn warn(&mut self, message: ImportWarningMsg, row: usize, node: Option<&str>) {
        self.warnings.push(ImportWarning {
            message,
            row,
            node: node.map(str::to_string),
        });
    }

    fn read(&mut self, row: usize, understood: Understood) {
        self.readings.push(RowReading {
            sheet: None,
            row,
            number: None,
            code: None,
            name: None,
            max: None,
            understood,
        });
    }

    /// Reads one row below the header: a criterion, the total, a section's heading or row, or
    /// nothing (blank, skipped, or refused with its problems).
    fn classify(
        &mut self,
        row: usize,
        cells: &[String],
        columns: &Columns,
        section: &mut Option<Section>,
    ) -> Option<Kind> {
        let filled = filled(cells);
        let first = filled.first()?;
        let cell = |c: Column| {
            columns
                .get(c)
                .and_then(|i| cells.get(i))
                .map(|s| as_typed(s.trim()))
                .filter(|s| !s.is_empty())
        };
        let max_text = cell(Column::Max);
        let numbered = cell(Column::Number).and_then(parse_number).is_some();
        if max_text.is_none() && !numbered && leading_number(first).is_none() {
            if let Some(kind) = section_of(first) {
                if let Err(e) = self.sections.start(kind) {
                    self.problems.push(e.row(row));
                }
                *section = Some(kind);
                self.read(
                    row,
                    Understood::Section {
                        title: first.to_string(),
                    },
                );
                return None;
            }
        }
        if let Some(kind) = *section {
            match self.sections.read_row(kind, None, row, cells) {
                Ok(Some(understood)) => self.read(row, understood),
                Ok(None) => {}
                Err(e) => self.problems.push(e),
            }
            return None;
        }
        // Guidance continued on the next row, its other cells empty, belongs to the row above.
        if let (false, None, None, Some(more)) = (
            numbered,
            max_text,
            cell(Column::Name),
            cell(Column::Guidance),
        ) {
            self.read(row, Understood::GuidanceContinued);
            return Some(Kind::MoreGuidance(more.to_string()));
        }
        if !numbered && (is_total(cell(Column::Number)) || is_total(cell(Column::Name))) {
            let written = max_text.map(max_value)?;
            return match written {
                Ok(w) => Some(Kind::Total(w)),
                Err(e) => {
                    self.problems.push(e.field("max").row(row));
                    None
                }
            };
        }
        if !numbered && is_subtotal(cell(Column::Name).or(cell(Column::Number))) {
            self.read(row, Understood::Subtotal);
            return None;
        }
        self.line(row, cell, max_text)
            .map(|l| Kind::Line(Box::new(l)))
    }

    /// A criterion row; `None` when it is refused or skipped.
    fn line<'a>(
        &mut self,
        row: usize,
        cell: impl Fn(Column) -> Option<&'a str>,
        max_text: Option<&str>,
    ) -> Option<Line> {
        let printed = cell(Column::Number);
        let name_cell = cell(Column::Name).unwrap_or_default();
        let (number, name) = match printed {
            Some(p) => match parse_number(p) {
                Some(n) => (n, name_cell),
                // The number and the name in one cell merged across both columns.
                None if name_cell.is_empty() && leading_number(p).is_some() => {
                    leading_number(p).unwrap_or((Number::Dash, p))
                }
                None => {
                    let message = DefiningMsg::NumberNotRead { number: quoted(p) };
                    self.problems.push(
                        ParError::new(ErrorCode::BadCode, message)
                            .field("code")
                            .value(p)
                            .row(row),
                    );
                    self.dropped.push(row);
                    return None;
                }
            },
            None => match leading_number(name_cell) {
                Some((n, rest)) => (n, rest),
                None if max_text.is_none() => {
                    self.warn(ImportWarningMsg::RowSkipped, row, None);
                    self.read(row, Understood::Skipped);
                    return None;
                }
                None => {
                    self.problems.push(
                        ParError::new(ErrorCode::MissingField, ReadingMsg::RowWithoutCode)
                            .field("code")
                            .row(row),
                    );
                    self.dropped.push(row);
                    return None;
                }
            },
        };
        let printed = printed.map(str::to_string).or_else(|| match &number {
            Number::Roman(_) | Number::Dotted(_) | Number::Letter(_) => cell(Column::Name)
                .and_then(|n| n.split_whitespace().next())
                .map(str::to_string),
            Number::Dash => None,
        });
        let mut problems = Vec::new();
        let max = match max_text.map(max_value) {
            Some(Ok(d)) => Some(d),
            Some(Err(e)) => {
                problems.push(e.field("max"));
                None
            }
            None => None,
        };
        if name.is_empty() {
            problems.push(
                ParError::new(ErrorCode::MissingField, DefiningMsg::RowWithoutName).field("name"),
            );
        }
        let survey = match cell(Column::Survey) {
            None => false,
            Some(text) => written::yes_no(text).unwrap_or_else(|| {
                problems.push(
                    ParError::new(ErrorCode::BadType, DefiningMsg::SurveyNotYesNo)
                        .field("survey")
                        .value(text),
                );
                false
            }),
        };
        let explicit_rule = match written::parse_rule(
            cell(Column::Rule),
            cell(Column::Options),
            cell(Column::Bands),
            cell(Column::Target),
            cell(Column::Measure),
        ) {
            Ok(rule) => rule,
            Err(errors) => {
                problems.extend(errors);
                None
            }
        };
        // Read once the rows continuing it are joined (see `Kind::MoreGuidance`).
        let guidance = cell(Column::Guidance)
            .filter(|_| explicit_rule.is_none() && !survey)
            .map(str::to_string);
        let notes = [
            cell(Column::Notes).map(str::to_string),
            cell(Column::Evidence).map(|e| format!("Tài liệu kiểm chứng: {e}")),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>();
        let unusable = max_text.is_some() && max.is_none();
        Some(Line {
            row,
            printed,
            number,
            max,
            guidance,
            reading: None,
            node: NodeDef {
                code: String::new(),
                name: name.to_string(),
                max: Dec(max.unwrap_or_default()),
                component: cell(Column::Component).map(str::to_string),
                survey,
                rule: explicit_rule,
                notes: (!notes.is_empty()).then(|| notes.join("\n")),
                children: Vec::new(),
            },
            problems,
            unusable,
            outcome_row: false,
        })
    }

    /// Gives the lines their codes and puts them in a tree: each under the line whose code is its
    /// code minus the last part. The shallowest codes are the top level: usually the fields
    /// (`1`), or the criteria (`1.1`) of a table that is an excerpt.
    fn tree(&mut self, lines: Vec<Line>) -> Vec<NodeDef> {
        let numbers: Vec<Option<Number>> = lines.iter().map(|l| Some(l.number.clone())).collect();
        let mut coder = Coder::new(&numbers);
        let mut rows: Vec<Line> = Vec::new();
        for mut line in lines {
            let Some(code) = coder.code(&line.number) else {
                let number = line.printed.clone().unwrap_or_else(|| "-".into());
                let message = DefiningMsg::SubItemWithoutParent {
                    number: quoted(&number),
                };
                self.problems.push(
                    ParError::new(ErrorCode::BadCode, message)
                        .field("code")
                        .value(number)
                        .row(line.row),
                );
                continue;
            };
            for e in line.problems.drain(..) {
                self.problems.push(e.row(line.row).node(&code));
            }
            line.node.code = code.clone();
            if line.unusable {
                self.unusable.insert(code);
                continue;
            }
            self.row_of.insert(code, line.row);
            rows.push(line);
        }
        for line in &mut rows {
            let max = line.max.unwrap_or(Decimal::MAX);
            line.reading = line
                .guidance
                .as_deref()
                .map(|text| read_guidance(text, max));
        }
        let (mut children, tops) = self.attach(&rows);
        for (i, kids) in children.iter_mut().enumerate() {
            if self.outcomes_as_rows(&mut rows, i, kids) {
                kids.clear();
            }
        }
        for (line, children) in rows.iter_mut().zip(&children) {
            if !line.outcome_row {
                self.decide_rule(line, children.len());
            }
        }
        let mut slots: Vec<Option<Line>> = rows.into_iter().map(Some).collect();
        tops.iter()
            .filter_map(|&i| build(i, &mut slots, &children))
            .collect()
    }

    /// Each line's children and the top-level lines; a code whose parent row is missing or comes
    /// after it is a problem.
    fn attach(&mut self, rows: &[Line]) -> (Vec<Vec<usize>>, Vec<usize>) {
        let position: HashMap<&str, usize> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| (r.node.code.as_str(), i))
            .collect();
        let depth = |code: &str| code.matches('.').count();
        let top_depth = rows.iter().map(|r| depth(&r.node.code)).min().unwrap_or(0);
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); rows.len()];
        let mut tops = Vec::new();
        for (i, r) in rows.iter().enumerate() {
            let code = &r.node.code;
            let parent = match code.rsplit_once('.') {
                Some((parent, _)) if depth(code) > top_depth => parent,
                _ => {
                    tops.push(i);
                    continue;
                }
            };
            if self.unusable.contains(parent) {
                self.unusable.insert(code.clone());
                continue;
            }
            let message = match position.get(parent) {
                Some(&p) if p < i => {
                    children[p].push(i);
                    continue;
                }
                Some(_) => DefiningMsg::ParentAfterChild {
                    parent: parent.to_string(),
                    code: code.clone(),
                },
                None => DefiningMsg::NoParentRow {
                    parent: parent.to_string(),
                    code: code.clone(),
                },
            };
            self.problems.push(
                ParError::new(ErrorCode::BadCode, message)
                    .node(code)
                    .field("code")
                    .row(r.row)
                    .value(code),
            );
        }
        (children, tops)
    }

    /// Whether the dash rows under line `i` are its outcomes rather than sub-criteria — `1 | Ban
    /// hành kế hoạch | 1`, then `- | Có ban hành | 1`, `- | Không ban hành | 0` — because one
    /// gives no points or their points do not add up to the line's max. They become the options
    /// of the line's choice.
    fn outcomes_as_rows(&mut self, rows: &mut [Line], i: usize, kids: &[usize]) -> bool {
        let dashes = !kids.is_empty() && kids.iter().all(|&k| rows[k].number == Number::Dash);
        if !dashes {
            return false;
        }
        // Options give points and say nothing more; a sub-criterion worth nothing is no
        // sub-criterion. Anything else stays a sub-criterion, and a sum that is wrong is refused.
        let plain = kids
            .iter()
            .all(|&k| rows[k].max.is_some() && rows[k].guidance.is_none());
        let worth_nothing = kids
            .iter()
            .any(|&k| rows[k].max.is_some_and(|m| m.is_zero()));
        if !(plain && worth_nothing) {
            return false;
        }
        let options = kids
            .iter()
            .map(|&k| ChoiceOption {
                label: rows[k].node.name.as_str().into(),
                points: Dec(rows[k].max.unwrap_or_default()),
            })
            .collect();
        rows[i].reading = Some(Guidance::Rule(Rule::Choice { options }));
        let of = rows[i].node.code.clone();
        for &k in kids {
            rows[k].outcome_row = true;
            self.row_of.remove(&rows[k].node.code);
            self.readings.push(RowReading {
                sheet: None,
                row: rows[k].row,
                number: rows[k].printed.clone(),
                code: None,
                name: Some(rows[k].node.name.clone()),
                max: rows[k].max,
                understood: Understood::OptionOf { code: of.clone() },
            });
        }
        true
    }

    /// Gives a leaf the rule its guidance states, and records what the row was read as. Only
    /// leaves have rules: a parent's guidance is commentary.
    fn decide_rule(&mut self, line: &mut Line, children: usize) {
        let code = line.node.code.clone();
        let guidance = line.reading.take();
        let understood = if children > 0 {
            if matches!(guidance, Some(Guidance::Rule(_))) {
                self.warn(ImportWarningMsg::GuidanceOnParent, line.row, Some(&code));
            }
            Understood::Parent { children }
        } else if line.max.is_none() && !self.lost_children(&code) {
            // A criterion without sub-criteria needs its own max: 0 would silently make it
            // worth nothing.
            self.problems.push(
                ParError::new(ErrorCode::MissingField, DefiningMsg::LeafWithoutMax)
                    .field("max")
                    .node(&code)
                    .row(line.row),
            );
            return;
        } else {
            match guidance {
                Some(Guidance::Rule(rule)) => {
                    if let Some(best) = rule.best_points().filter(|b| *b < line.node.max.0) {
                        let message = ImportWarningMsg::BestBelowMax {
                            best,
                            max: line.node.max.0,
                        };
                        self.warn(message, line.row, Some(&code));
                    }
                    line.node.rule = Some(rule.clone());
                    Understood::Rule { rule }
                }
                Some(Guidance::Doubtful(doubt)) => {
                    let message = ImportWarningMsg::GuidanceNotRead {
                        doubt: doubt.clone(),
                    };
                    self.warn(message, line.row, Some(&code));
                    Understood::NotRead { doubt }
                }
                Some(Guidance::Silent) | None => match &line.node.rule {
                    Some(rule) => Understood::Rule { rule: rule.clone() },
                    None => Understood::Points,
                },
            }
        };
        self.readings.push(RowReading {
            sheet: None,
            row: line.row,
            number: line.printed.clone(),
            code: Some(code),
            name: Some(line.node.name.clone()),
            max: line.max,
            understood,
        });
    }

    /// Checks the total row against the fields' maxima (unless a row was left out, which would
    /// make the sum wrong for a reason already reported).
    fn check_total(&mut self, row: usize, written: Decimal, nodes: &[NodeDef]) {
        if !self.unusable.is_empty() {
            return;
        }
        let sum: Decimal = nodes.iter().map(|n| n.max.0).sum();
        if sum == written {
            self.read(row, Understood::Total { sum });
        } else {
            self.problems.push(
                ParError::new(
                    ErrorCode::MaxMismatch,
                    DefiningMsg::TotalRowMismatch { written, sum },
                )
                .field("max")
                .value(written.to_string())
                .row(row),
            );
        }
    }

    /// A sheet of its own for a section (`Xếp loại`, `Khối`, `Quy tắc`); its problems name it.
    fn read_section_sheet(&mut self, name: &str, kind: Section, table: &Table) {
        // Each row read is kept with what it was read as, as the criteria sheet's are: a sheet
        // of more rows than a criteria sheet may have is refused before it is read.
        if let Err(e) = check_written_rows(table) {
            self.problems.push(e.on_sheet(Some(name)));
            return;
        }
        if let Err(e) = self.sections.start(kind) {
            self.problems.push(e.on_sheet(Some(name)));
        }
        for (i, cells) in grid(table).iter().enumerate() {
            match self.sections.read_row(kind, Some(name), i + 1, cells) {
                Ok(Some(understood)) => self.readings.push(RowReading {
                    sheet: Some(name.to_string()),
                    row: i + 1,
                    number: None,
                    code: None,
                    name: None,
                    max: None,
                    understood,
                }),
                Ok(None) => {}
                Err(e) => self.problems.push(e.on_sheet(Some(name))),
            }
        }
    }

    /// Whether rows under `code` were left out for problems of their own (so that it looks like
    /// a criterion without sub-criteria).
    fn lost_children(&self, code: &str) -> bool {
        let prefix = format!("{code}.");
        self.unusable.iter().any(|u| u.starts_with(&prefix))
    }

    /// Whether a node's sum is wrong because of a row already reported: a child left out, or a
    /// row dropped between the node's own row and the first row after its subtree.
    fn may_have_lost_a_child(&self, code: &str) -> bool {
        let inside = |c: &str| c == code || c.starts_with(&format!("{code}."));
        if self.unusable.iter().any(|u| inside(u)) {
            return true;
        }
        let Some(&start) = self.row_of.get(code) else {
            return false;
        };
        let end = self
            .row_of
            .iter()
            .filter(|(c, _)| inside(c))
            .map(|(_, r)| *r)
            .max()
            .unwrap_or(start);
        let next = self
            .row_of
            .values()
            .filter(|r| **r > end)
            .min()
            .copied()
            .unwrap_or(usize::MAX);
        self.dropped.iter().any(|d| *d > start && *d < next)
    }

    /// Validates the methodology; its problems are given the rows of the nodes they name.
    fn finish(mut self, mut def: MethodologyDef) -> Result<Imported, Problems> {
        std::mem::take(&mut self.sections).finish(&mut def, &mut self.problems);
        match Methodology::from_def(def) {
            Ok(methodology) => {
                // In the order of the sheets and their rows: leaves are decided after the rows
                // below them were read.
                self.readings
                    .sort_by(|a, b| (&a.sheet, a.row).cmp(&(&b.sheet, b.row)));
                let warnings = std::mem::take(&mut self.warnings).finish();
                self.problems.finish(()).map(|()| Imported {
                    methodology,
                    rows: self.readings,
                    warnings,
                })
            }
            Err(p) => {
                // A sum wrong because of a row already reported is not said again; with nothing
                // reported yet, every problem of the validation is said.
                let already_said = !self.problems.is_empty();
                for e in p.problems {
                    let lost_a_child = already_said
                        && e.code == ErrorCode::MaxMismatch
                        && e.node
                            .as_deref()
                            .is_some_and(|n| self.may_have_lost_a_child(n));
                    // Every row refused leaves no criterion: the tree's emptiness is theirs.
                    let left_empty = already_said && e.field.as_deref() == Some("nodes");
                    if lost_a_child || left_empty {
                        continue;
                    }
                    let row = e.node.as_ref().and_then(|n| self.row_of.get(n)).copied();
                    self.problems.push(match row {
                        Some(row) => e.row(row),
                        None => e,
                    });
                }
                // Never empty: the validation's problems are kept, or others were said before.
                self.problems
                    .finish(())
                    .and(Err(Problems { problems: vec![] }))
            }
        }
    }
}

/// Moves line `i` and its subtree out of `slots` into a tree; a parent without a max gets the
/// sum of its children's.
fn build(i: usize, slots: &mut [Option<Line>], children: &[Vec<usize>]) -> Option<NodeDef> {
    let line = slots[i].take()?;
    let mut node = line.node;
    node.children = children[i]
        .iter()
        .filter_map(|&c| build(c, slots, children))
        .collect();
    if line.max.is_none() && !node.children.is_empty() {
        node.max = Dec(node.children.iter().map(|c| c.max.0).sum());
    }
    Some(node)
}

/// Refuses a criteria table of more rows with something written in them than a criteria set has
/// ([`limits::CRITERIA_ROWS`]), before they are copied and each kept with what it was read as.
fn check_written_rows(criteria: &Table) -> Result<(), ParError> {
    limits::CRITERIA_ROWS.check(written_rows(&criteria.rows, usize::MAX).count())
}

/// A table as the rows of its file: the header is row 1. Cells in NFC, so that a name typed two
/// ways is one name.
fn grid(table: &Table) -> Vec<Vec<String>> {
    std::iter::once(table.header.iter().map(|h| nfc(h).into_owned()).collect())
        .chain(
            table
                .rows
                .iter()
                .map(|r| r.iter().map(|c| nfc(c).into_owned()).collect()),
        )
        .collect()
}

/// `text` in small letters where a letter's small form takes the same bytes, every other letter
/// as it is: a place found in it is the same place in `text`. Vietnamese letters keep their
/// length in either case; `İ` (2 bytes, `i̇` in small letters: 3) and `ẞ` (3 bytes, `ß`: 2) do
/// not, and a title holding one had its decision number cut short (`80/QĐ-UBND` for
/// `1880/QĐ-UBND`).
pub(super) fn lowercase_in_place(text: &str) -> String {
    text.chars()
        .map(|c| {
            let mut small = c.to_lowercase();
            match (small.next(), small.next()) {
                (Some(s), None) if s.len_utf8() == c.len_utf8() => s,
                _ => c,
            }
        })
        .collect()
}

/// The non-empty cells of a row, trimmed.
pub(super) fn filled(cells: &[String]) -> Vec<&str> {
    cells
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect()
}

/// Whether a cell says the row is the total: `TỔNG ĐIỂM`, `Tổng cộng`, `Tổng số điểm`, `Cộng`,
/// `Total` (a criterion named `Tổng số văn bản…` has a number, and is read as a criterion).
fn is_total(cell: Option<&str>) -> bool {
    cell.map(normalise).is_some_and(|t| {
        let t = t.trim_end_matches(':');
        ["tổng", "cộng", "tổng số", "total"].contains(&t)
            || ["tổng điểm", "tổng cộng", "tổng số điểm", "total"]
                .iter()
                .any(|w| t.starts_with(w))
    })
}

/// Whether an unnumbered row is a field's subtotal (`Cộng lĩnh vực I`, `Tổng lĩnh vực II`): read
/// as nothing, the fields' own rows carrying their maxima.
fn is_subtotal(cell: Option<&str>) -> bool {
    cell.map(normalise)
        .is_some_and(|t| t.starts_with("cộng ") || t.starts_with("tổng "))
}

/// A max as annexes write it: `2`, `0,5`, `10,5 điểm`, `1đ`, `1 ĐIỂM`.
fn max_value(text: &str) -> Result<Decimal, ParError> {
    let text = text.trim();
    // The word for points (`5 điểm`, `5đ`) is looked for in small letters, and the number read
    // from the text as typed: a problem quotes what was typed (`=SUM(C3:C4)`, not `=sum(c3:c4)`).
    let lower = lowercase_in_place(text);
    let points = lower
        .strip_suffix("điểm")
        .or_else(|| lower.strip_suffix('đ'));
    let number = text.get(..points.unwrap_or(&lower).len()).unwrap_or(text);
    parse_decimal_cell(number.trim()).map_err(|e| e.value(text))
}

/// What a cell starts with when Excel would read it as a formula.
const FORMULA_STARTS: [char; 4] = ['=', '+', '-', '@'];

/// Whether Excel would read a cell as a formula once the apostrophes it starts with are taken
/// away one at a time (as [`as_typed`] takes one).
fn formula_like(cell: &str) -> bool {
    cell.trim_start_matches('\'').starts_with(FORMULA_STARTS)
}

/// A cell's text as typed: one kept text by a leading apostrophe because it starts as a formula
/// does (as `methodology export` writes it, [`export()`]) is the text after it.
fn as_typed(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(text) if formula_like(text) => text,
        _ => cell,
    }
}
