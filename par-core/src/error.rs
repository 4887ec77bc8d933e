//! Errors are data: every problem has a stable code, a message for people, and the path to the
//! offending place (unit, node code, field, value, table row). Operations report *all* problems they
//! find in an input, never only the first, as a [`Problems`] list.

use crate::limits;
use crate::text::{Criterion, Input, Lang, Msg, ReadingMsg, ScoringMsg};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Stable, machine-readable error codes. Bindings expose one exception class per code, so a code is
/// never renamed once published; new codes may be added.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Deserialize,
    JsonSchema,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[non_exhaustive]
pub enum ErrorCode {
    /// The text is not valid JSON (or CSV), or has the wrong shape.
    BadJson,
    /// A field the format does not know.
    UnknownField,
    /// A required field is absent.
    MissingField,
    /// A value has the wrong JSON type (e.g. a number where a decimal string is expected).
    BadType,
    /// A decimal that cannot be read, or has more than 28 significant digits, or is too large.
    BadDecimal,
    /// A value outside what its node or rule allows.
    OutOfRange,
    /// An input names a node code the methodology does not have.
    UnknownNode,
    /// A name that is not among the choices: a label the rule does not list, or a name a call
    /// is given (a results detail, a schema) that the engine does not have.
    UnknownOption,
    /// A unit names a block the methodology does not declare.
    UnknownBlock,
    /// Two units with the same name in one input.
    DuplicateUnit,
    /// Two nodes (or adjustments) with the same code.
    DuplicateCode,
    /// A node code that is not a dotted number matching its place in the tree.
    BadCode,
    /// A parent whose max differs from the sum of its children's maxima.
    MaxMismatch,
    /// A rule that is inconsistent with its node (points above max, empty options, bad target...).
    BadRule,
    /// Classification or rule bands that overlap.
    BandOverlap,
    /// Rule bands that leave a gap between them.
    BandGap,
    /// A leaf with no input, under the `missing_leaf: error` policy.
    MissingLeaf,
    /// A self-score that was never appraised, under the `unappraised_self: error` policy.
    NotAppraised,
    /// An appraisal changed a score without a reason, under `reason_required`.
    ReasonRequired,
    /// Self-assessment or appraisal given for a survey-assessed leaf.
    SurveyOnly,
    /// Survey input given for a leaf that is not survey-assessed.
    NotSurvey,
    /// Conflicting inputs: e.g. a node given by `value` while one of its descendants has input.
    ConflictingInput,
    /// Appraisal rounds that are not strictly increasing.
    BadRound,
    /// The input exceeds a hard limit (depth, node count, unit count, text size).
    LimitExceeded,
    /// A methodology id that is not built in.
    UnknownMethodology,
    /// The `schema` field names a format this version does not read.
    UnsupportedSchema,
    /// A unit named in a request does not exist in the results.
    UnknownUnit,
    /// Text that is not in a readable encoding (UTF-8 is expected).
    BadEncoding,
    /// A file that cannot be read as the kind its name says (a damaged or mislabelled xlsx, ...).
    UnreadableFile,
}

impl ErrorCode {
    /// The code as it appears on the wire (`"out_of_range"`).
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Every code, for bindings that generate one exception class per code.
    pub const ALL: &'static [ErrorCode] = <ErrorCode as strum::VariantArray>::VARIANTS;
}

serialized_as_static_str!(ErrorCode);

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem, with everything needed to find and fix it. Its text is a [`Msg`] of the
/// catalogue, made in a language when the problem is shown ([`ParError::message`],
/// [`ParError::line`], [`Problems::to_json`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ParError {
    pub code: ErrorCode,
    /// What is wrong, for the person who must fix it. Boxed: problems are the cold path, and a
    /// small `ParError` keeps the results of the hot path small (a national run scores a million
    /// inputs through functions that could fail).
    pub message: Box<Msg>,
    /// The unit (province, department, commune) the problem belongs to.
    pub unit: Option<String>,
    /// The node code (e.g. `1.1.2`) the problem belongs to.
    pub node: Option<String>,
    /// The field inside the unit or node (`self`, `appraisals[1].value`, `max`, ...).
    pub field: Option<String>,
    /// The offending value, as text.
    pub value: Option<String>,
    /// The workbook's sheet the table was read from in place of its first, no sheet being asked
    /// for (a cover or a guide before it): the rows are that sheet's.
    pub sheet: Option<String>,
    /// The 1-based row of a table (CSV, xlsx) the problem was found in, header being row 1.
    pub row: Option<usize>,
    /// For `limit_exceeded`: the name of the limit (see [`crate::limits`]), e.g. `table_bytes`.
    pub limit: Option<String>,
}

/// In the default language (Vietnamese); [`ParError::line`] takes the language.
impl fmt::Display for ParError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.line(Lang::default()))
    }
}

impl ParError {
    pub fn new(code: ErrorCode, message: impl Into<Msg>) -> Self {
        ParError {
            code,
            message: Box::new(message.into()),
            unit: None,
            node: None,
            field: None,
            value: None,
            sheet: None,
            row: None,
            limit: None,
        }
    }
    pub fn unit(mut self, unit: impl Into<String>) -> Self {
        self.unit = Some(clipped(unit.into(), limits::TEXT_BYTES.max));
        self
    }
    pub fn node(mut self, node: impl Into<String>) -> Self {
        self.node = Some(clipped(node.into(), limits::CODE_BYTES.max));
        self
    }
    /// Where in the unit or node: a field's path, quoted as a value is (a path through nesting
    /// built by a program may be as long as the nesting is deep).
    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(clipped(field.into(), QUOTED_BYTES));
        self
    }
    pub fn value(mut self, value: impl Into<String>) -> Self {
        self.value = Some(clipped(value.into(), QUOTED_BYTES));
        self
    }
    pub fn row(mut self, row: usize) -> Self {
        self.row = Some(row);
        self
    }
    /// The workbook's sheet the problem's table was read from (a sheet's name may be long).
    pub fn sheet(mut self, sheet: impl Into<String>) -> Self {
        self.sheet = Some(clipped(sheet.into(), QUOTED_BYTES));
        self
    }
    /// The problem of a table read from a workbook's `sheet` in place of its first, if so,
    /// unless it names its sheet already (see [`Problems::on_sheet`]).
    pub fn on_sheet(self, sheet: Option<&str>) -> Self {
        match sheet.filter(|_| self.sheet.is_none()) {
            Some(sheet) => self.sheet(sheet),
            None => self,
        }
    }
    /// The problem, said of the input and criterion it is about: "the self-score of criterion
    /// 1.1.2 'Ban hành kế hoạch': 4 exceeds the max of 2 points".
    pub fn about(mut self, input: Input, criterion: Criterion) -> Self {
        let problem = self.message;
        self.message = Box::new(
            ScoringMsg::About {
                input,
                criterion,
                problem,
            }
            .into(),
        );
        self
    }

    /// The problem, said of the file it was found in.
    pub fn in_file(mut self, file: impl Into<String>) -> Self {
        self.message = Box::new((*self.message).in_file(file));
        self
    }
    /// Fills in the unit unless the error already names one.
    pub fn in_unit(mut self, unit: &str) -> Self {
        if self.unit.is_none() {
            self.unit = Some(unit.to_string());
        }
        self
    }
}

/// The most of an offending value a problem repeats: enough to recognise it, never the megabytes
/// a hostile input may hold.
pub const QUOTED_BYTES: usize = 200;

/// A person's text as a message quotes it: at most [`QUOTED_BYTES`], a cell may hold megabytes.
pub(crate) fn quoted(text: &str) -> String {
    clipped(text.to_string(), QUOTED_BYTES)
}

/// `text`, cut at a character boundary to at most `max` bytes and marked with `…` when cut.
pub fn clipped(mut text: String, max: usize) -> String {
    if text.len() > max {
        text.truncate(crate::text::cut_at(&text, max).len());
        text.push('…');
    }
    text
}

/// All the problems found in one input. Never empty when returned as an error.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Problems {
    pub problems: Vec<ParError>,
}

impl Problems {
    /// The problems of a table read from a workbook's `sheet` other than its first (a cover
    /// before it), each naming it: the workbook opens on the first sheet, where the rows the
    /// problems name are not, and the warning that says which sheet was read goes with results
    /// a refused table does not give.
    pub fn on_sheet(self, sheet: Option<&str>) -> Problems {
        Problems {
            problems: on_sheet(self.problems, sheet),
        }
    }

    /// One line per problem, in `lang` (see [`ParError::line`]).
    pub fn lines(&self, lang: Lang) -> String {
        let lines: Vec<String> = self.problems.iter().map(|p| p.line(lang)).collect();
        lines.join("\n")
    }

    /// The problems document, `{"problems": [...]}`, with every message in `lang`.
    pub fn to_json(&self, lang: Lang) -> String {
        let problems = wire_problems(&self.problems, lang);
        crate::json::to_pretty(&ProblemsWire { problems })
    }
}

/// Problems as documents list them, each message made in `lang`.
pub(crate) fn wire_problems(problems: &[ParError], lang: Lang) -> Vec<ProblemWire<'_>> {
    problems
        .iter()
        .map(|p| ProblemWire {
            code: p.code,
            message: p.message(lang),
            unit: p.unit.as_deref(),
            node: p.node.as_deref(),
            field: p.field.as_deref(),
            value: p.value.as_deref(),
            sheet: p.sheet.as_deref(),
            row: p.row,
            limit: p.limit.as_deref(),
        })
        .collect()
}

/// A problem: what is wrong, in words for people, and where.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "Problem")]
pub(crate) struct ProblemWire<'a> {
    /// What kind of problem it is; a code is never renamed once published, and new ones may
    /// be added.
    code: ErrorCode,
    /// What is wrong and how to put it right, in the language asked for (Vietnamese or English).
    message: String,
    /// The unit (đơn vị) it concerns.
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<&'a str>,
    /// The criterion's code (mã tiêu chí) it concerns.
    #[serde(skip_serializing_if = "Option::is_none")]
    node: Option<&'a str>,
    /// The field: `self`, `appraisals[0].value`, a column's heading…
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<&'a str>,
    /// The value as given.
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<&'a str>,
    /// The workbook's sheet the table was read from in place of its first, no sheet being asked
    /// for (a cover or a guide before it): the row is that sheet's.
    #[serde(skip_serializing_if = "Option::is_none")]
    sheet: Option<&'a str>,
    /// The row of a table (the header being row 1) or the line of a text.
    #[serde(skip_serializing_if = "Option::is_none")]
    row: Option<usize>,
    /// The limit passed (`limit_exceeded`), by name.
    #[serde(skip_serializing_if = "Option::is_none")]
    limit: Option<&'a str>,
}

/// Every problem found in an input, in the order found: an input is reported whole, never
/// only its first problem.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "Problems")]
pub(crate) struct ProblemsWire<'a> {
    problems: Vec<ProblemWire<'a>>,
}

/// In the default language (Vietnamese); [`Problems::lines`] takes the language.
impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.lines(Lang::default()))
    }
}

impl From<ParError> for Problems {
    fn from(e: ParError) -> Self {
        Problems { problems: vec![e] }
    }
}

impl From<Vec<ParError>> for Problems {
    /// Every problem up to the [`limits::PROBLEMS`] limit, and one problem counting the rest.
    fn from(problems: Vec<ParError>) -> Self {
        // Through the collector even when short: counts of lists capped before are merged too.
        let mut collector = Collector::default();
        problems.into_iter().for_each(|e| collector.push(e));
        Problems {
            problems: collector.into_problems(),
        }
    }
}

/// The last problem of a capped list: how many more were found and not reported.
pub(crate) fn more_problems(hidden: usize) -> ParError {
    let mut e = ParError::new(
        ErrorCode::LimitExceeded,
        ReadingMsg::MoreProblems {
            hidden,
            shown: limits::PROBLEMS.max,
        },
    )
    .value(hidden.to_string());
    e.limit = Some(limits::PROBLEMS.name.to_string());
    e
}

/// Collects problems while a whole input is walked, so that all of them are reported at once.
/// Past [`limits::PROBLEMS`] it only counts them: a table of a million bad rows must not hold a
/// million messages.
#[derive(Debug, Default)]
pub(crate) struct Collector {
    problems: Vec<ParError>,
    hidden: usize,
}

/// How many problems a "more problems" entry of an earlier capped list stands for.
fn counted_problems(e: &ParError) -> Option<usize> {
    let counts =
        e.code == ErrorCode::LimitExceeded && e.limit.as_deref() == Some(limits::PROBLEMS.name);
    counts.then(|| e.value.as_deref()?.parse().ok()).flatten()
}

impl Collector {
    /// Records a problem; past the limit it is only counted. The count of an already capped
    /// list merged in adds to this one's.
    pub fn push(&mut self, e: ParError) {
        if let Some(hidden) = counted_problems(&e) {
            self.hidden += hidden;
        } else if self.problems.len() < limits::PROBLEMS.max {
            self.problems.push(e);
        } else {
            self.hidden += 1;
        }
    }
    /// Records the problems of a later part of the same input, after this part's: kept and
    /// counted as one collector would have kept and counted them all.
    pub fn append(&mut self, later: Collector) {
        later.problems.into_iter().for_each(|e| self.push(e));
        self.hidden += later.hidden;
    }
    /// Keeps the value of a fallible step, recording its error.
    pub fn keep<T>(&mut self, r: Result<T, ParError>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.push(e);
                None
            }
        }
    }
    pub fn is_empty(&self) -> bool {
        self.problems.is_empty()
    }
    /// Whether problems were recorded, none only counted, and every one is `such`.
    pub fn all_are(&self, such: impl Fn(&ParError) -> bool) -> bool {
        self.hidden == 0 && !self.problems.is_empty() && self.problems.iter().all(such)
    }
    /// How many problems were recorded, those only counted included.
    pub fn len(&self) -> usize {
        self.problems.len() + self.hidden
    }
    /// The problems recorded, with one counting those past the limit.
    pub(crate) fn into_problems(mut self) -> Vec<ParError> {
        if self.hidden > 0 {
            self.problems.push(more_problems(self.hidden));
        }
        self.problems
    }
    /// The value read so far with the problems recorded.
    pub fn into_read<T>(self, value: T) -> Read<T> {
        Read {
            value,
            problems: self.into_problems(),
        }
    }
    /// `Ok(value)` if nothing was recorded, else every recorded problem.
    pub fn finish<T>(self, value: T) -> Result<T, Problems> {
        if self.problems.is_empty() {
            Ok(value)
        } else {
            Err(Problems {
                problems: self.into_problems(),
            })
        }
    }
}

/// Problems of a table read from a workbook's `sheet` ([`ParError::on_sheet`]).
fn on_sheet(problems: Vec<ParError>, sheet: Option<&str>) -> Vec<ParError> {
    problems.into_iter().map(|p| p.on_sheet(sheet)).collect()
}

/// What could be read of an input, and the problems found in the rest. Reading goes on past a bad
/// entry so that later steps can report their problems too, all at once.
#[derive(Debug, Clone, PartialEq)]
pub struct Read<T> {
    pub value: T,
    pub problems: Vec<ParError>,
}

/// What was read whole, without problems.
impl<T> From<T> for Read<T> {
    fn from(value: T) -> Self {
        Read {
            value,
            problems: Vec::new(),
        }
    }
}

impl<T> Read<T> {
    /// What was read of a table on a workbook's `sheet` other than its first, its problems
    /// naming it ([`Problems::on_sheet`]).
    pub fn on_sheet(self, sheet: Option<&str>) -> Self {
        Read {
            value: self.value,
            problems: on_sheet(self.problems, sheet),
        }
    }

    /// The value if nothing was wrong, else every problem.
    pub fn into_result(self) -> Result<T, Problems> {
        if self.problems.is_empty() {
            Ok(self.value)
        } else {
            Err(self.problems.into())
        }
    }
}
