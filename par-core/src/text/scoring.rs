//! Texts of scoring: inputs that cannot be counted, the warnings results carry, the notes of
//! which rule gave a leaf its points, and results documents whose figures do not hold together.

use super::{say, Lang, Msg};
use crate::decimal::spreadsheet_fault;
use crate::results::WarningCode;
use rust_decimal::Decimal;
use std::sync::Arc;

/// Names longer than this are shortened in a text: a criterion's name may run to a paragraph.
const NAME_CHARS: usize = 60;

/// The first few of a list a text names (the blocks a unit may give, a choice's options), and
/// how many more the list has. A methodology may declare a thousand blocks or options, each
/// named in a kilobyte: a problem naming them all said a megabyte, and a thousand such problems
/// (one a unit) ran `par` out of memory printing them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Listed {
    pub first: Vec<String>,
    /// How many more the list has than `first`.
    pub more: usize,
}

impl Listed {
    /// How many of a list a text names.
    pub const NAMED: usize = 10;

    /// The first [`Listed::NAMED`] of `items`, counting the rest (only those named are made).
    pub fn of<T>(items: &[T], name: impl Fn(&T) -> String) -> Listed {
        let first: Vec<String> = items.iter().take(Self::NAMED).map(name).collect();
        Listed {
            more: items.len() - first.len(),
            first,
        }
    }

    /// The names joined by `separator`, and how many more (`a | b và 990 lựa chọn khác`), the
    /// rest said by `others` (in `lang`) of their count.
    pub(super) fn said(
        &self,
        separator: &str,
        others: impl Fn(String) -> String,
        lang: Lang,
    ) -> String {
        let named = self.first.join(separator);
        match self.more {
            0 => named,
            more => format!("{named}{}", others(lang.count(more))),
        }
    }
}

/// Which input of a criterion a text is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(test, derive(strum::EnumIter))]
pub enum Input {
    #[default]
    SelfScore,
    /// The appraisal round (1-based).
    Appraisal(u32),
    /// The node's points given directly (`value`).
    Value,
    SurveyPercent,
    SurveyPoints,
    /// A value asked about by `what-if` (`set`), whichever input it stands for.
    Assumed,
}

impl Input {
    pub(crate) fn render(self, lang: Lang) -> String {
        match self {
            Input::SelfScore => say!(lang, vi: "điểm tự chấm", en: "the self-score"),
            Input::Appraisal(round) => say!(lang,
                vi: "điểm thẩm định lần {round}",
                en: "the appraised score of round {round}"),
            Input::Value => say!(lang, vi: "điểm đạt được", en: "the points given (value)"),
            Input::SurveyPercent => say!(lang,
                vi: "tỷ lệ điều tra xã hội học",
                en: "the survey percentage"),
            Input::SurveyPoints => say!(lang,
                vi: "điểm điều tra xã hội học",
                en: "the survey points"),
            Input::Assumed => say!(lang, vi: "giá trị giả định", en: "the assumed value"),
        }
    }
}

/// A criterion as texts name it: its code and (shortened) name.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Criterion {
    pub code: String,
    pub name: String,
}

impl Criterion {
    pub fn new(code: &str, name: &str) -> Self {
        let name = if name.chars().count() > NAME_CHARS {
            name.chars().take(NAME_CHARS - 1).collect::<String>() + "…"
        } else {
            name.to_string()
        };
        Criterion {
            code: code.to_string(),
            name,
        }
    }

    fn render(&self, lang: Lang) -> String {
        let Criterion { code, name } = self;
        match name.trim().is_empty() {
            true => say!(lang, vi: "tiêu chí {code}", en: "criterion {code}"),
            false => say!(lang, vi: "tiêu chí {code} “{name}”", en: "criterion {code} '{name}'"),
        }
    }
}

/// A text about a unit's inputs or results.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(test, derive(strum::EnumIter))]
pub enum ScoringMsg {
    /// What a rule's problem is about: which input of which criterion.
    About {
        input: Input,
        criterion: Criterion,
        problem: Box<Msg>,
    },
    UnitTwice {
        unit: String,
    },
    NotInCriteriaSet {
        code: String,
        methodology: String,
    },
    /// An input on a criterion that has sub-criteria.
    InputOnParent {
        criterion: Criterion,
        field: String,
    },
    DescendantOfValue {
        criterion: Criterion,
        descendant: String,
    },
    NothingScorable,
    BlockRequired {
        blocks: Listed,
    },
    UnknownBlock {
        block: String,
        blocks: Listed,
    },
    /// A value outside 0..max (the caller says of what, with [`ScoringMsg::About`]).
    AboveMax {
        value: Decimal,
        max: Decimal,
    },
    Negative {
        value: Decimal,
        max: Decimal,
    },
    /// A measured value (of a ratio rule) below zero.
    NegativeMeasure {
        value: Decimal,
    },
    PercentOutside {
        value: Decimal,
    },
    NotScored {
        criterion: Criterion,
    },
    NotSurvey {
        criterion: Criterion,
    },
    SurveyAndValue,
    SurveyOnly {
        criterion: Criterion,
        field: String,
    },
    ReasonRequired {
        round: u32,
        from: Decimal,
        to: Decimal,
    },
    BadRound,
    NotAppraised {
        criterion: Criterion,
    },
    FlagNotNumber {
        given: bool,
    },
    NotAnOptionLabel,
    UnknownOption {
        given: String,
        options: Listed,
    },
    NotYesNo {
        given: String,
    },
    InNoBand {
        value: Decimal,
        measure: Option<String>,
    },
    UnitCodeTwice {
        unit: String,
        code: String,
        /// The row that gave the criterion first, where the unit was read from a table.
        earlier_row: Option<usize>,
        /// The criterion Excel may have shown as `code`, having stored it as a number (1.10 as
        /// 1.1): one of the rows may be that criterion's.
        number_of: Option<String>,
    },
    UnitInAnotherBlock {
        unit: String,
        earlier: String,
    },
    ColumnNotACriterion {
        column: String,
        methodology: String,
    },
    UnitRowTwice {
        unit: String,
    },
    /// Two units whose names differ only in capitals or in where a tone mark sits.
    UnitSpelledTwoWays {
        unit: String,
        earlier: String,
    },
    UnitInAnotherFile {
        unit: String,
        /// Its name as the earlier file spelled it, where that differs.
        earlier: Option<String>,
        file: String,
    },
    // Results documents read back.
    NotInResultsTree {
        code: String,
    },
    RankNotARank {
        rank: i64,
    },
    MaxNotPositive {
        max: Decimal,
    },
    IndexNotExact {
        given: Decimal,
        expected: Option<Decimal>,
        points: Decimal,
        max: Decimal,
    },
    FigureNotRounded {
        field: String,
        given: String,
        expected: String,
    },
    FactNotDerived {
        field: String,
        given: String,
        expected: String,
    },
    FigureOutside {
        field: String,
        value: Decimal,
        low: Option<Decimal>,
        high: Option<Decimal>,
    },
    /// A problem with one block's statistics.
    Statistics {
        block: Option<String>,
        problem: Box<Msg>,
    },
    StatisticsTwice,
    StatisticCount {
        field: String,
        given: usize,
        units: usize,
    },
    AboveMeanTooMany {
        given: usize,
        count: usize,
    },
    StatisticExtreme {
        field: String,
        given: Decimal,
        expected: Decimal,
    },
    StatisticOutside {
        field: String,
        given: Decimal,
        min: Decimal,
        max: Decimal,
    },
    BlockWithoutStatistics {
        block: Option<String>,
    },
    RankBeyondBlock {
        rank: u32,
        count: usize,
        block: Option<String>,
    },
    /// A unit's rank that its ranked index cannot have in its block: from `first` to `last`.
    RankAgainstIndex {
        rank: u32,
        index: Decimal,
        first: u32,
        last: u32,
    },
    /// A unit's total that its top-level criteria and adjustments do not add up to.
    TotalNotNodes {
        given: Decimal,
        expected: Decimal,
    },
    UnknownUnit {
        unit: String,
        /// The units it may mean: those whose names without marks hold it (`y te`), the first
        /// few of them, and whether more do.
        like: Vec<String>,
        more_alike: bool,
    },
    /// A what-if asked of results scored on another methodology.
    OtherMethodology {
        results: String,
        methodology: String,
    },
    /// A what-if asked of results that keep the scores only (`detail: scores`): the unit's
    /// inputs, which it scores again, are not in them.
    WhatIfWithoutInputs,
    /// A what-if value given for a criterion with sub-criteria.
    AssumedOnParent {
        criterion: Criterion,
    },
    /// A way up to the next band asked where the methodology classifies no one.
    NoClassification,
    /// A way up to a band the classification does not have.
    UnknownBand {
        band: String,
        bands: Vec<String>,
    },
    /// Changes asked for without the previous ranking to compare with.
    PreviousRequired,
    /// A way up to a target that is not `band`, `band=LABEL` or `rank=N`.
    UnreadableTarget {
        target: String,
    },
    /// A way up to a rank the block cannot have.
    RankOutside {
        rank: u32,
        units: usize,
    },
}

#[cfg(test)]
impl Default for Box<Msg> {
    fn default() -> Self {
        Box::new(Msg::Scoring(ScoringMsg::BadRound))
    }
}

/// A text a unit's results carry: something was counted in a way the person should know of.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(test, derive(strum::EnumIter))]
pub enum WarningMsg {
    NotScored {
        criterion: Criterion,
    },
    NotAppraised {
        criterion: Criterion,
        points: Decimal,
    },
    EvidenceMissing {
        criterion: Criterion,
        points: Decimal,
    },
    SurveyRescaled {
        max: Decimal,
    },
    AdjustmentCapped {
        code: String,
        given: Decimal,
        capped: Decimal,
    },
    TotalClamped {
        total: Decimal,
        max: Decimal,
    },
    ComponentsUnattributed {
        code: String,
    },
    FloatConverted {
        columns: Vec<String>,
    },
    /// A workbook's `first` sheet holds no table of units; the sheet `read` was read.
    SheetChosen {
        first: String,
        read: String,
    },
    /// A sheet's hidden rows (`rows` of them; the first `runs`, first and last row) were read
    /// and scored: the first of the units they name (`unit_count` in all). `file` names the
    /// sheet's workbook where several files were read.
    RowsHidden {
        file: Option<String>,
        rows: usize,
        runs: Vec<(usize, usize)>,
        units: Vec<String>,
        unit_count: usize,
    },
    /// The workbook's sheets `others` hold tables with the columns of sheet `read`, the one
    /// read; `file` names the workbook where several files were read.
    SheetsAlike {
        file: Option<String>,
        read: String,
        others: Vec<String>,
    },
    /// The sheet's own total of a unit (`total`, as typed, on row `row`) is not its `points`.
    OwnTotalDiffers {
        row: usize,
        total: String,
        points: Decimal,
    },
    /// A table's text guessed to be in `encoding`; `file` names it when it came as a file.
    EncodingGuessed {
        file: Option<String>,
        encoding: String,
    },
    /// A table's summary row passed over: its spreadsheet row and its label.
    /// `file` names the table where several are scored together.
    SummaryRowPassedOver {
        file: Option<String>,
        row: usize,
        label: String,
    },
    /// The signatures below a table passed over: their rows and the titles signed under.
    SignaturesPassedOver {
        file: Option<String>,
        first_row: usize,
        last_row: usize,
        titles: Vec<String>,
        notes: Vec<String>,
    },
    /// More summary rows passed over than are said one by one.
    MoreSummaryRows {
        file: Option<String>,
        count: usize,
    },
    /// Reasons typed in a table without a column of appraised scores (`Tự chấm | Lý do`),
    /// which are read only beside a round's score.
    ReasonsNotRead {
        file: Option<String>,
        column: String,
        letters: String,
        first_row: usize,
        rows: usize,
    },
    /// Nothing was scored: the input named no unit.
    NoUnits,
    /// Units without a block among units that name theirs, under a methodology that declares
    /// none: how many.
    BlockMissing {
        count: usize,
    },
    /// A measured value typed as a fraction (0.97) that as a percentage (97) would have scored
    /// more: the points each gives.
    MeasuredAsFraction {
        criterion: Criterion,
        input: Input,
        value: Decimal,
        points: Decimal,
        as_percent: Decimal,
        points_as_percent: Decimal,
    },
    /// Points typed (2) where a criterion is scored from a measure, which read them as the
    /// measure: the points that gave.
    MeasuredAsPoints {
        criterion: Criterion,
        input: Input,
        measure: Option<String>,
        value: Decimal,
        points: Decimal,
    },
}

/// What a rule matched, kept in the results beside the points it gave.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(test, derive(strum::EnumIter))]
pub enum RuleNote {
    /// The option chosen, by its label as the methodology holds it (shared, not copied).
    Choice {
        label: Arc<str>,
    },
    Yes,
    No,
    Band {
        label: Option<Arc<str>>,
        value: Decimal,
    },
    Ratio {
        value: Decimal,
        target: Decimal,
    },
}

impl ScoringMsg {
    pub fn render(&self, lang: Lang) -> String {
        use ScoringMsg::*;
        let n = |d: &Decimal| lang.exact(*d);
        let block_name = |b: &Option<String>| match b {
            Some(b) => say!(lang, vi: "khối “{b}”", en: "block '{b}'"),
            None => {
                say!(lang, vi: "các đơn vị không thuộc khối nào", en: "the units without a block")
            }
        };
        match self {
            About {
                input,
                criterion,
                problem,
            } => {
                let (input, criterion, problem) = (
                    input.render(lang),
                    criterion.render(lang),
                    problem.render(lang),
                );
                say!(lang, vi: "{input} của {criterion}: {problem}", en: "{input} of {criterion}: {problem}")
            }
            UnitTwice { unit } => say!(lang,
                vi: "đơn vị “{unit}” xuất hiện nhiều lần",
                en: "unit '{unit}' appears more than once"),
            NotInCriteriaSet { code, methodology } => match spreadsheet_fault(code.trim()) {
                Some(fault) => {
                    let fault = fault.render(lang);
                    say!(lang,
                        vi: "“{code}” không phải là mã tiêu chí: {fault}",
                        en: "'{code}' is not a node code: {fault}")
                }
                None => {
                    let hint = read_as_number(code, lang);
                    say!(lang,
                        vi: "tiêu chí {code} không có trong bộ tiêu chí “{methodology}”{hint}",
                        en: "the methodology '{methodology}' has no node '{code}'{hint}")
                }
            },
            InputOnParent { criterion, field } => {
                let (criterion, field) = (criterion.render(lang), input_word(field, lang));
                say!(lang,
                    vi: "{criterion} có tiêu chí thành phần: hãy chấm các tiêu chí thành phần, hoặc nhập thẳng điểm đạt được của cả tiêu chí; tiêu chí này không nhận {field}",
                    en: "{criterion} has sub-criteria: score them, or give the node's points as `value`; it takes no {field}")
            }
            DescendantOfValue {
                criterion,
                descendant,
            } => {
                let criterion = criterion.render(lang);
                say!(lang,
                    vi: "{criterion} đã được nhập thẳng điểm đạt được nên tiêu chí con {descendant} không được nhập thêm",
                    en: "{criterion} is given by value, so its descendant '{descendant}' may not have input")
            }
            // The survey's criteria left out (the unit has no survey), the rest may all be of max 0.
            NothingScorable => say!(lang,
                vi: "không thể tính điểm: các tiêu chí được chấm có tổng điểm tối đa bằng 0 (các tiêu chí chấm qua điều tra xã hội học không được tính vì đơn vị chưa có kết quả điều tra)",
                en: "no points can be scored: the criteria scored have a total max of 0 (the survey-assessed ones are left out: the unit has no survey)"),
            BlockRequired { blocks } => {
                let blocks = other_blocks(blocks, lang);
                say!(lang,
                    vi: "bộ chỉ số xếp hạng theo khối; hãy ghi một trong các khối: {blocks}",
                    en: "the methodology ranks units in blocks; give one of: {blocks}")
            }
            UnknownBlock { block, blocks } => {
                let blocks = other_blocks(blocks, lang);
                say!(lang,
                    vi: "khối “{block}” không được khai báo; hãy ghi một trong các khối: {blocks}",
                    en: "block '{block}' is not declared; give one of: {blocks}")
            }
            AboveMax { value, max } => {
                let (value, max) = (n(value), n(max));
                say!(lang,
                    vi: "{value} vượt điểm tối đa {max}",
                    en: "{value} exceeds the max of {max} points")
            }
            Negative { value, max } => {
                let (value, max) = (n(value), n(max));
                say!(lang,
                    vi: "{value} là số âm; điểm phải từ 0 đến {max}",
                    en: "{value} is negative; points go from 0 to {max}")
            }
            NegativeMeasure { value } => {
                let value = n(value);
                say!(lang,
                    vi: "{value} là số âm; giá trị đo phải từ 0 trở lên",
                    en: "{value} is negative; a measured value is 0 or more")
            }
            PercentOutside { value } => {
                let value = n(value);
                say!(lang,
                    vi: "{value}% nằm ngoài khoảng 0% đến 100%",
                    en: "{value}% is outside 0% to 100%")
            }
            NotScored { criterion } => {
                let criterion = criterion.render(lang);
                say!(lang, vi: "{criterion} chưa chấm", en: "no score was entered for {criterion}")
            }
            NotSurvey { criterion } => {
                let criterion = criterion.render(lang);
                say!(lang,
                    vi: "{criterion} không chấm qua điều tra xã hội học; hãy nhập điểm tự chấm hoặc điểm thẩm định",
                    en: "{criterion} is not survey-assessed; give self or appraisals")
            }
            SurveyAndValue => say!(lang,
                vi: "chỉ nhập kết quả điều tra (survey) hoặc điểm đạt được (value), không nhập cả hai",
                en: "give either survey or value, not both"),
            SurveyOnly { criterion, field } => {
                let (criterion, field) = (criterion.render(lang), input_word(field, lang));
                say!(lang,
                    vi: "{criterion} chỉ chấm qua điều tra xã hội học; không nhận {field}",
                    en: "{criterion} is assessed only by survey; it takes no {field}")
            }
            ReasonRequired { round, from, to } => {
                let (from, to) = (n(from), n(to));
                say!(lang,
                    vi: "lần thẩm định {round} đổi điểm {from} → {to} mà không ghi lý do điều chỉnh",
                    en: "round {round} changes the score {from} → {to} without a reason")
            }
            BadRound => say!(lang,
                vi: "các lần thẩm định phải đánh số từ 1 và tăng dần",
                en: "appraisal rounds must be numbered from 1 and strictly increasing"),
            NotAppraised { criterion } => {
                let criterion = criterion.render(lang);
                say!(lang,
                    vi: "điểm tự chấm của {criterion} chưa được thẩm định",
                    en: "the self-score for {criterion} has not been appraised")
            }
            FlagNotNumber { given } => {
                let given = flag(lang, *given);
                say!(lang,
                    vi: "cần một số điểm, nhưng nhận được giá trị {given}",
                    en: "expected a decimal string, got {given}")
            }
            NotAnOptionLabel => say!(lang,
                vi: "cần ghi tên của một lựa chọn",
                en: "expected the label of one of the options"),
            UnknownOption { given, options } => match spreadsheet_fault(given.trim()) {
                // A formula without its result, or its error: a list of options would not help.
                Some(fault) => {
                    let fault = fault.render(lang);
                    say!(lang,
                        vi: "“{given}” không phải là một lựa chọn: {fault}",
                        en: "'{given}' is not an option: {fault}")
                }
                None => {
                    let more = |count| {
                        say!(lang,
                        vi: " và {count} lựa chọn khác",
                        en: " and {count} more")
                    };
                    let options = options.said(" | ", more, lang);
                    say!(lang,
                        vi: "“{given}” không phải là một lựa chọn; các lựa chọn: {options}",
                        en: "'{given}' is not an option; options are: {options}")
                }
            },
            NotYesNo { given } => say!(lang,
                vi: "“{given}” không phải là có hoặc không; hãy ghi có hoặc không (có/không, true/false)",
                en: "'{given}' is not yes or no; write yes or no (true/false, có/không)"),
            InNoBand { value, measure } => {
                let value = n(value);
                let measure = measure
                    .as_deref()
                    .map(|m| format!(" ({m})"))
                    .unwrap_or_default();
                say!(lang,
                    vi: "{value}{measure} không thuộc khoảng nào của cách chấm",
                    en: "{value}{measure} is in none of the rule's bands")
            }
            UnitCodeTwice {
                unit,
                code,
                earlier_row,
                number_of,
            } => {
                let earlier = match earlier_row {
                    Some(row) => {
                        say!(lang, vi: " (dòng {row} và dòng này)", en: " (row {row} and this one)")
                    }
                    None => String::new(),
                };
                let number = match number_of {
                    Some(longer) => say!(lang,
                        vi: "; có thể một dòng là tiêu chí {longer} mà Excel đã đổi thành số {code}: hãy định dạng cột mã tiêu chí là Văn bản (Text) rồi gõ lại các mã",
                        en: "; one may be criterion {longer}, which Excel made the number {code}: format the codes as Text and type them again"),
                    None => String::new(),
                };
                say!(lang,
                    vi: "đơn vị “{unit}” có nhiều dòng cho tiêu chí {code}{earlier}{number}",
                    en: "unit '{unit}' has more than one row for '{code}'{earlier}{number}")
            }
            UnitInAnotherBlock { unit, earlier } => say!(lang,
                vi: "đơn vị “{unit}” đã thuộc khối “{earlier}” ở một dòng trước",
                en: "unit '{unit}' is in block '{earlier}' on an earlier row"),
            ColumnNotACriterion {
                column,
                methodology,
            } => {
                let hint = read_as_number(column, lang);
                say!(lang,
                    vi: "cột “{column}” không phải là đơn vị, khối hay mã tiêu chí của bộ “{methodology}”{hint}",
                    en: "column '{column}' is neither unit, block nor a node code of '{methodology}'{hint}")
            }
            UnitRowTwice { unit } => say!(lang,
                vi: "đơn vị “{unit}” có nhiều hơn một dòng",
                en: "unit '{unit}' has more than one row"),
            UnitSpelledTwoWays { unit, earlier } => say!(lang,
                vi: "tên đơn vị “{unit}” chỉ khác “{earlier}” ở chữ hoa, chữ thường hoặc vị trí dấu thanh (như “Hòa” và “Hoà”): nếu là một đơn vị, hãy viết tên giống nhau ở mọi dòng",
                en: "unit name '{unit}' differs from '{earlier}' only in capitals or in where a tone mark sits (as 'Hòa' and 'Hoà'): if they are one unit, write its name the same way on every row"),
            UnitInAnotherFile {
                unit,
                earlier,
                file,
            } => {
                let spelled = match earlier {
                    Some(e) => say!(lang, vi: " (ghi là “{e}”)", en: " (written '{e}')"),
                    None => String::new(),
                };
                say!(lang,
                    vi: "đơn vị “{unit}” đã có trong tệp {file}{spelled}: mỗi đơn vị chỉ được chấm ở một tệp; hãy bỏ một trong hai",
                    en: "unit '{unit}' is in {file} already{spelled}: a unit is scored from one file only; leave one of them out")
            }
            NotInResultsTree { code } => say!(lang,
                vi: "tiêu chí {code} không có trong cây tiêu chí của kết quả",
                en: "node '{code}' is not in the results' tree"),
            RankNotARank { rank } => say!(lang,
                vi: "thứ hạng {rank} không hợp lệ: thứ hạng bắt đầu từ 1",
                en: "rank {rank} is not a rank: ranks count from 1"),
            MaxNotPositive { max } => {
                let max = n(max);
                say!(lang,
                    vi: "điểm tối đa {max}: không thể có điểm nên cũng không có chỉ số",
                    en: "max {max}: no points can be scored, so no index either")
            }
            IndexNotExact {
                given,
                expected,
                points,
                max,
            } => {
                let (given, points, max) = (n(given), n(points), n(max));
                let expected = match expected {
                    Some(e) => n(e),
                    None => say!(lang, vi: "không xác định", en: "nothing"),
                };
                say!(lang,
                    vi: "index_exact {given} không bằng points_exact / max × 100 = {expected} ({points} / {max} × 100)",
                    en: "index_exact {given} is not points_exact / max × 100 = {expected} ({points} / {max} × 100)")
            }
            FigureNotRounded {
                field,
                given,
                expected,
            } => {
                let (given, expected) = (lang.decimal_text(given), lang.decimal_text(expected));
                say!(lang,
                vi: "{field} {given} không phải {expected}, số có được khi làm tròn số chính xác theo quy tắc làm tròn của kết quả",
                en: "{field} {given} is not {expected}, what the exact figures give under the results' rounding")
            }
            FactNotDerived {
                field,
                given,
                expected,
            } => say!(lang,
                vi: "{field} {given} không phải {expected}, giá trị suy ra từ nguồn điểm và dữ liệu nhập của tiêu chí",
                en: "{field} {given} is not {expected}, what the node's source and inputs give"),
            FigureOutside {
                field,
                value,
                low,
                high,
            } => {
                let value = n(value);
                let low = low.as_ref().map_or("−∞".to_string(), n);
                let high = high.as_ref().map_or("+∞".to_string(), n);
                say!(lang,
                    vi: "{field} {value} nằm ngoài khoảng {low}..{high}",
                    en: "{field} {value} is outside {low}..{high}")
            }
            Statistics { block, problem } => {
                let (block, problem) = (block_name(block), problem.render(lang));
                say!(lang,
                    vi: "thống kê của {block}: {problem}",
                    en: "the statistics of {block}: {problem}")
            }
            StatisticsTwice => {
                say!(lang, vi: "được liệt kê lần thứ hai", en: "listed a second time")
            }
            StatisticCount {
                field,
                given,
                units,
            } => say!(lang,
                vi: "{field} là {given} trong khi các đơn vị cho {units}",
                en: "{field} is {given} where the units give {units}"),
            AboveMeanTooMany { given, count } => say!(lang,
                vi: "above_mean là {given}, nhiều hơn {count} đơn vị của khối",
                en: "above_mean is {given}, more units than the {count}"),
            StatisticExtreme {
                field,
                given,
                expected,
            } => {
                let (given, expected) = (n(given), n(expected));
                say!(lang,
                    vi: "{field} là {given} trong khi chỉ số xếp hạng của các đơn vị cho {expected}",
                    en: "{field} is {given} where the units' ranked indexes give {expected}")
            }
            StatisticOutside {
                field,
                given,
                min,
                max,
            } => {
                let (given, min, max) = (n(given), n(min), n(max));
                say!(lang,
                    vi: "{field} {given} nằm ngoài khoảng min {min} .. max {max}",
                    en: "{field} {given} lies outside min {min} .. max {max}")
            }
            BlockWithoutStatistics { block } => {
                let block = block_name(block);
                say!(lang,
                    vi: "{block} có đơn vị nhưng không có thống kê trong blocks",
                    en: "{block} has units but no statistics in `blocks`")
            }
            RankBeyondBlock { rank, count, block } => {
                let block = block_name(block);
                say!(lang,
                    vi: "thứ hạng {rank} vượt quá số {count} đơn vị của {block}",
                    en: "rank {rank} is beyond the {count} units of {block}")
            }
            RankAgainstIndex {
                rank,
                index,
                first,
                last,
            } => {
                let index = n(index);
                let ranks = match first == last {
                    true => first.to_string(),
                    false => format!("{first}–{last}"),
                };
                say!(lang,
                    vi: "hạng {rank} không khớp với chỉ số {index}: giữa các đơn vị được xếp hạng cùng, chỉ số này xếp hạng {ranks}",
                    en: "rank {rank} does not follow from index {index}: among the units ranked with it, that index ranks {ranks}")
            }
            TotalNotNodes { given, expected } => {
                let (given, expected) = (n(given), n(expected));
                say!(lang,
                    vi: "points_exact {given} không bằng tổng điểm các lĩnh vực và điểm thưởng, điểm trừ ({expected})",
                    en: "points_exact {given} is not what the fields and the bonus and penalty points add up to ({expected})")
            }
            UnknownUnit { unit, like, .. } if like.is_empty() => say!(lang,
                vi: "kết quả không có đơn vị “{unit}”",
                en: "no unit named '{unit}' in the results"),
            UnknownUnit {
                unit,
                like,
                more_alike,
            } => {
                let (vi, en): (Vec<_>, Vec<_>) = like
                    .iter()
                    .map(|u| (format!("“{u}”"), format!("'{u}'")))
                    .unzip();
                let (vi, en) = (
                    super::join_list(&vi, " hay "),
                    super::join_list(&en, " or "),
                );
                let more = match more_alike {
                    true => say!(lang, vi: " (và các đơn vị khác)", en: " (or others)"),
                    false => String::new(),
                };
                say!(lang,
                    vi: "kết quả không có đơn vị “{unit}”; có phải là {vi}{more} không?",
                    en: "no unit named '{unit}' in the results; did you mean {en}{more}?")
            }
            OtherMethodology {
                results,
                methodology,
            } => say!(lang,
                vi: "kết quả được chấm theo bộ tiêu chí “{results}”, không phải “{methodology}”",
                en: "the results were scored on the methodology '{results}', not '{methodology}'"),
            WhatIfWithoutInputs => say!(lang,
                vi: "kết quả này chỉ giữ điểm (chi tiết “scores”), không giữ điểm tự chấm, điểm thẩm định và tài liệu kiểm chứng để chấm lại đơn vị; hãy chấm điểm lại với đầy đủ chi tiết (mặc định) rồi giả định trên kết quả đó",
                en: "these results keep the scores only (detail 'scores'), not the self-scores, appraisals and evidence the unit is scored again from; score again with full detail (the default) and ask the what-if of those results"),
            AssumedOnParent { criterion } => {
                let criterion = criterion.render(lang);
                say!(lang,
                    vi: "{criterion} có tiêu chí thành phần: hãy giả định điểm của từng tiêu chí thành phần",
                    en: "{criterion} has sub-criteria: assume the points of each sub-criterion instead")
            }
            NoClassification => say!(lang,
                vi: "bộ tiêu chí không có xếp loại nên không có mức xếp loại cao hơn",
                en: "the methodology has no classification, so there is no higher band"),
            UnknownBand { band, bands } if bands.is_empty() => say!(lang,
                vi: "không có mức xếp loại “{band}”: bộ tiêu chí không có xếp loại",
                en: "there is no band '{band}': the methodology has no classification"),
            UnknownBand { band, bands } => {
                let bands = bands.join(", ");
                say!(lang,
                    vi: "không có mức xếp loại “{band}” (các mức: {bands})",
                    en: "there is no band '{band}' (the bands: {bands})")
            }
            PreviousRequired => say!(lang,
                vi: "cần bảng xếp hạng kỳ trước để so sánh (tùy chọn previous: kết quả chấm điểm kỳ trước, hoặc bảng xếp hạng đã công bố)",
                en: "the previous ranking is needed to compare with (the previous option: last year's results, or a ranking as published)"),
            UnreadableTarget { target } => say!(lang,
                vi: "không hiểu mục tiêu “{target}”: hãy dùng band (xếp loại cao hơn kế tiếp), band=TÊN XẾP LOẠI hoặc rank=N",
                en: "the target '{target}' is not understood: use band (the next band up), band=LABEL or rank=N"),
            RankOutside { rank, units } => say!(lang,
                vi: "không có thứ hạng {rank}: khối chỉ có {units} đơn vị",
                en: "rank {rank} does not exist in a block of {units} units"),
        }
    }
}

/// A unit's input named by its field, in words (`self` → "điểm tự chấm"); English keeps the
/// field's own name.
fn input_word(field: &str, lang: Lang) -> String {
    let vi = match field {
        "self" => "điểm tự chấm",
        "appraisals" => "điểm thẩm định",
        "survey" => "kết quả điều tra xã hội học",
        "value" => "điểm đạt được",
        other => other,
    };
    match lang {
        Lang::Vi => vi.to_string(),
        Lang::En => field.to_string(),
    }
}

/// What to do about a code Excel made a number of, shown with a decimal comma as a Vietnamese
/// Windows shows it (`1,1` for the code 1.1, or for 1.10, whose last 0 it dropped): nothing for
/// another code. The code is not read as 1.1: it may have been 1.10.
fn read_as_number(code: &str, lang: Lang) -> String {
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    let number = code
        .trim()
        .split_once(',')
        .is_some_and(|(a, b)| digits(a) && digits(b));
    if !number {
        return String::new();
    }
    say!(lang,
        vi: "; có vẻ Excel đã đổi mã này thành số (như 1.1 hoặc 1.10 thành 1,1): hãy định dạng cột mã tiêu chí là Văn bản (Text) rồi gõ lại các mã",
        en: "; Excel seems to have made this code a number (1.1 or 1.10 shown as 1,1): format the codes as Text and type them again")
}

fn flag(lang: Lang, value: bool) -> String {
    match value {
        true => say!(lang, vi: "đúng (true)", en: "true"),
        false => say!(lang, vi: "sai (false)", en: "false"),
    }
}

impl WarningMsg {
    /// The warning's code in results.
    pub fn code(&self) -> WarningCode {
        use WarningMsg::*;
        match self {
            NotScored { .. } => WarningCode::MissingLeaf,
            NotAppraised { .. } => WarningCode::NotAppraised,
            EvidenceMissing { .. } => WarningCode::EvidenceMissing,
            SurveyRescaled { .. } => WarningCode::SurveyRescaled,
            AdjustmentCapped { .. } => WarningCode::AdjustmentCapped,
            TotalClamped { .. } => WarningCode::TotalClamped,
            ComponentsUnattributed { .. } => WarningCode::ComponentsUnattributed,
            FloatConverted { .. } => WarningCode::FloatConverted,
            SheetChosen { .. } => WarningCode::SheetChosen,
            RowsHidden { .. } => WarningCode::RowsHidden,
            SheetsAlike { .. } => WarningCode::SheetsAlike,
            OwnTotalDiffers { .. } => WarningCode::OwnTotalDiffers,
            EncodingGuessed { .. } => WarningCode::EncodingGuessed,
            SummaryRowPassedOver { .. } | MoreSummaryRows { .. } => {
                WarningCode::SummaryRowPassedOver
            }
            SignaturesPassedOver { .. } => WarningCode::SignaturesPassedOver,
            NoUnits => WarningCode::NoUnits,
            BlockMissing { .. } => WarningCode::BlockMissing,
            ReasonsNotRead { .. } => WarningCode::ReasonsNotRead,
            MeasuredAsFraction { .. } => WarningCode::MeasuredAsFraction,
            MeasuredAsPoints { .. } => WarningCode::MeasuredAsPoints,
        }
    }

    pub fn render(&self, lang: Lang) -> String {
        use WarningMsg::*;
        let n = |d: &Decimal| lang.exact(*d);
        match self {
            NotScored { criterion } => {
                let criterion = criterion.render(lang);
                say!(lang,
                    vi: "{criterion} chưa chấm (tính 0 điểm)",
                    en: "no score was entered for {criterion}; counted as 0")
            }
            NotAppraised { criterion, points } => {
                let (criterion, points) = (criterion.render(lang), n(points));
                say!(lang,
                    vi: "điểm tự chấm {points} của {criterion} chưa được thẩm định (tính 0 điểm)",
                    en: "self-score {points} for {criterion} was not appraised; counted as 0")
            }
            EvidenceMissing { criterion, points } => {
                let (criterion, points) = (criterion.render(lang), n(points));
                say!(lang,
                    vi: "điểm tự chấm {points} của {criterion} không có tài liệu kiểm chứng (tính 0 điểm)",
                    en: "self-score {points} for {criterion} has no evidence; counted as 0")
            }
            SurveyRescaled { max } => {
                let max = n(max);
                say!(lang,
                    vi: "chưa có kết quả điều tra xã hội học: chỉ số được tính trên điểm các tiêu chí còn lại, so với điểm tối đa {max} của chúng",
                    en: "no survey input: the index is non-survey points over the non-survey max ({max})")
            }
            AdjustmentCapped {
                code,
                given,
                capped,
            } => {
                let (given, capped) = (n(given), n(capped));
                say!(lang,
                    vi: "điểm thưởng/điểm trừ {code} là {given}, được giới hạn còn {capped}",
                    en: "adjustment '{code}' of {given} capped to {capped}")
            }
            TotalClamped { total, max } => {
                let (total, max) = (n(total), n(max));
                say!(lang,
                    vi: "tổng điểm {total} sau điểm thưởng/điểm trừ nằm ngoài khoảng 0..{max} nên được đưa về trong khoảng",
                    en: "the total {total} left 0..{max} after adjustments and was clamped")
            }
            ComponentsUnattributed { code } => say!(lang,
                vi: "tiêu chí {code} được nhập thẳng điểm đạt được nhưng gồm nhiều thành phần; điểm của nó không được tính vào tổng của thành phần nào",
                en: "node '{code}' is given by value but spans several components; its points are in no component total"),
            FloatConverted { columns } => {
                let columns = columns.join(", ");
                say!(lang,
                    vi: "các cột {columns} có số mang nhiều chữ số hơn Excel hiển thị (thường do công thức tính ra, như 0.30000000000000004 thay vì 0,3): số được đọc đúng như giá trị đã lưu; nếu cần, hãy làm tròn trong công thức (hàm ROUND)",
                    en: "columns {columns} hold numbers with more digits than Excel shows (usually computed by a formula, such as 0.30000000000000004 for 0.3): each was read as stored; round it in the formula (ROUND) if need be")
            }
            SheetChosen { first, read } => say!(lang,
                vi: "trang tính đầu tiên “{first}” không có bảng: đã đọc trang tính “{read}”; muốn đọc trang khác, hãy ghi rõ tên trang",
                en: "the first sheet '{first}' holds no table: sheet '{read}' was read; to read another, name it"),
            RowsHidden {
                file,
                rows,
                runs,
                units,
                unit_count,
            } => {
                let file = in_file(file.as_deref(), lang);
                let (s, said) = (super::reading::plural(*rows), rows_said(runs, *rows, lang));
                let were = if *rows == 1 { "was" } else { "were" };
                let rows = lang.count(*rows);
                let units = hidden_units(units, *unit_count, lang);
                say!(lang,
                    vi: "{file}{rows} dòng đang bị ẩn trong trang tính ({said}{units}) vẫn được đọc (và chấm điểm) như các dòng khác: nếu các dòng ẩn là của đơn vị không thuộc đợt đánh giá này (đơn vị năm trước, đơn vị đã sáp nhập, dòng bị bộ lọc ẩn), hãy xóa chúng khỏi trang tính rồi chấm lại; nếu không, hãy bỏ ẩn để kiểm tra",
                    en: "{file}{rows} row{s} hidden in the sheet ({said}{units}) {were} read (and scored) like the others: where the hidden rows are of units outside this assessment (last year's units, units merged away, rows a filter hid), delete them from the sheet and score again; otherwise unhide them to check")
            }
            OwnTotalDiffers { row, total, points } => {
                let points = n(points);
                say!(lang,
                    vi: "dòng {row}: tổng điểm ghi trên trang tính ({total}) khác tổng điểm tính từ các tiêu chí ({points}): hãy kiểm tra công thức cộng trong Excel (thiếu hoặc thừa cột, cộng nhầm ô của dòng khác) và điểm của từng tiêu chí",
                    en: "row {row}: the total the sheet gives ({total}) is not the total of the criteria ({points}): check the sum's formula in Excel (a column missed or counted twice, another row's cells) and each criterion's points")
            }
            SheetsAlike { file, read, others } => {
                let file = in_file(file.as_deref(), lang);
                let s = super::reading::plural(others.len());
                let (vi, en) = (quoted(others, '“', '”'), quoted(others, '\'', '\''));
                let hold = if others.len() == 1 { "holds" } else { "hold" };
                let were = if others.len() == 1 { "was" } else { "were" };
                say!(lang,
                    vi: "{file}trang tính {vi} có bảng cùng các cột như trang “{read}” nhưng không được đọc: mỗi lần chỉ đọc một trang tính (trang “{read}”); nếu mỗi trang là một khối hoặc một năm, hãy ghi rõ tên trang cần chấm; để xếp hạng các khối cùng nhau, hãy gộp chúng vào một trang có cột “Khối”",
                    en: "{file}sheet{s} {en} {hold} a table with the columns of sheet '{read}' but {were} not read: one sheet is read at a time ('{read}'); if each sheet is a block or a year, name the sheet to score; to rank the blocks together, put them on one sheet with a 'Khối' (block) column")
            }
            SummaryRowPassedOver { file, row, label } => {
                let file = in_file(file.as_deref(), lang);
                say!(lang,
                    vi: "{file}dòng {row} “{label}” là dòng tổng hợp hoặc tiêu đề của bảng, không phải đơn vị: dòng này không được chấm (tổng và trung bình được tính từ các đơn vị); nếu đây là một đơn vị có tên như vậy, hãy ghi số thứ tự của đơn vị ở cột STT",
                    en: "{file}row {row} '{label}' is a summary or heading row of the sheet, not a unit: it was not scored (totals and means are computed from the units); if it is a unit so named, give the unit its number in an STT column")
            }
            ReasonsNotRead {
                file,
                column,
                letters,
                first_row,
                rows,
            } => {
                let s = super::reading::plural(*rows);
                let (file, rows) = (in_file(file.as_deref(), lang), lang.count(*rows));
                say!(lang,
                    vi: "{file}cột “{column}” (cột {letters}) có lý do ở {rows} dòng (dòng đầu tiên: dòng {first_row}) nhưng bị bỏ qua, không được đọc: bảng không có cột điểm thẩm định, và chương trình chỉ đọc lý do điều chỉnh cùng điểm thẩm định; nếu đó là lý do điều chỉnh, hãy thêm cột “Thẩm định” và ghi điểm thẩm định; nếu đó là giải trình của đơn vị, hãy ghi vào cột “Giải trình”",
                    en: "{file}column '{column}' (column {letters}) has reasons on {rows} row{s} (the first: row {first_row}) that were passed over, not read: the table has no column of appraised scores, and a reason for an adjustment is read only with the appraised score; if they are reasons for adjustments, add an 'appraised' column with the appraised scores; if they are the unit's explanations, put them in an 'explanation' column")
            }
            MeasuredAsFraction {
                criterion,
                input,
                value,
                points,
                as_percent,
                points_as_percent,
            } => {
                let (criterion, input) = (criterion.render(lang), input.render(lang));
                let [value, points, as_percent, points_as_percent] =
                    [value, points, as_percent, points_as_percent].map(n);
                say!(lang,
                    vi: "{criterion}, {input}: giá trị {value} được tính là {value}% ({points} điểm); nếu thực tế là {as_percent}% (ô Excel định dạng % lưu {as_percent}% dưới dạng {value}), hãy nhập {as_percent} hoặc {as_percent}% (được {points_as_percent} điểm)",
                    en: "{criterion}, {input}: the value {value} was counted as {value}% ({points} points); if it is {as_percent}% (an Excel cell formatted as % stores {as_percent}% as {value}), give {as_percent} or {as_percent}% ({points_as_percent} points)")
            }
            MeasuredAsPoints {
                criterion,
                input,
                measure,
                value,
                points,
            } => {
                let (criterion, input) = (criterion.render(lang), input.render(lang));
                let measure = measure
                    .as_ref()
                    .map(|m| say!(lang, vi: " (“{m}”)", en: " ('{m}')"));
                let measure = measure.unwrap_or_default();
                let [value, points] = [value, points].map(n);
                say!(lang,
                    vi: "{criterion}, {input}: tiêu chí được chấm theo kết quả thực hiện{measure}, không nhập trực tiếp điểm; giá trị {value} được hiểu là kết quả thực hiện ({points} điểm), không phải {value} điểm; hãy nhập kết quả thực hiện, chương trình tự tính điểm",
                    en: "{criterion}, {input}: the criterion is scored from what was achieved{measure}, its points are not typed; the value {value} was read as what was achieved ({points} points), not as {value} points; give what was achieved and the points follow from it")
            }
            SignaturesPassedOver {
                file,
                first_row,
                last_row,
                titles,
                notes,
            } => {
                let file = in_file(file.as_deref(), lang);
                let what = end_matter(titles, notes, lang);
                match first_row == last_row {
                    true => say!(lang,
                        vi: "{file}dòng {first_row} dưới bảng là {what}, không phải đơn vị: dòng này không được đọc",
                        en: "{file}row {first_row} below the table is {what}, not a unit: it was not read"),
                    false => say!(lang,
                        vi: "{file}các dòng {first_row}–{last_row} dưới bảng là {what}, không phải đơn vị: các dòng này không được đọc",
                        en: "{file}rows {first_row}–{last_row} below the table are {what}, not units: they were not read"),
                }
            }
            MoreSummaryRows { file, count } => {
                let (file, count) = (in_file(file.as_deref(), lang), lang.count(*count));
                say!(lang,
                    vi: "{file}{count} dòng tổng hợp khác của bảng cũng không được chấm",
                    en: "{file}{count} more summary rows of the sheet were not scored either")
            }
            BlockMissing { count } => {
                let count = lang.count(*count);
                say!(lang,
                    vi: "{count} đơn vị không có khối (ô “Khối” để trống, hoặc không nằm dưới dòng tiêu đề khối nào) trong khi các đơn vị khác có: chúng được xếp hạng chung, ngoài mọi khối; hãy ghi khối cho từng đơn vị (ô “Khối” gộp trong Excel thì ghi vào từng dòng)",
                    en: "{count} units have no block (a blank 'Khối' cell, or no block heading above them) while others have one: they are ranked together, apart from every block; give each unit its block (if 'Khối' was merged in Excel, write it on each row)")
            }
            NoUnits => say!(lang,
                vi: "không có đơn vị nào để chấm: dữ liệu không có dòng đơn vị nào, bảng xếp hạng trống",
                en: "no unit to score: the input names no unit, and the ranking is empty"),
            EncodingGuessed { file, encoding } => {
                let file = match file {
                    Some(f) => say!(lang, vi: "tệp {f}", en: "{f}"),
                    None => say!(lang, vi: "bảng điểm", en: "the table"),
                };
                say!(lang,
                    vi: "{file} không phải UTF-8 nên được đọc theo bảng mã {encoding} (bảng mã Excel dùng trên Windows tiếng Việt); nếu tên đơn vị hay tiêu chí bị sai chữ, hãy lưu lại tệp dưới dạng “CSV UTF-8” hoặc ghi rõ bảng mã (tùy chọn encoding)",
                    en: "{file} is not UTF-8 and was read as {encoding} (what Excel on a Vietnamese Windows saves); if names read wrong, save it again as 'CSV UTF-8' or name its encoding (the encoding option)")
            }
        }
    }
}

impl RuleNote {
    pub fn render(&self, lang: Lang) -> String {
        use RuleNote::*;
        match self {
            Choice { label } => say!(lang, vi: "lựa chọn “{label}”", en: "choice '{label}'"),
            Yes => say!(lang, vi: "có", en: "yes"),
            No => say!(lang, vi: "không", en: "no"),
            Band { label, value } => {
                let value = lang.exact(*value);
                match label {
                    Some(l) => {
                        say!(lang, vi: "khoảng “{l}” với {value}", en: "band '{l}' for {value}")
                    }
                    None => say!(lang, vi: "khoảng chứa {value}", en: "band for {value}"),
                }
            }
            Ratio { value, target } => {
                let (value, target) = (lang.exact(*value), lang.exact(*target));
                say!(lang, vi: "tỷ lệ {value}/{target}", en: "ratio {value}/{target}")
            }
        }
    }
}

/// What the rows passed over below a table are: its signatures (with their titles), notes (their
/// first lines), or both.
fn end_matter(titles: &[String], notes: &[String], lang: Lang) -> String {
    let a_note = if notes.len() == 1 { "a note" } else { "notes" };
    let quoted = |n: &String| say!(lang, vi: "“{n}”", en: "'{n}'");
    let notes = notes.iter().map(quoted).collect::<Vec<_>>().join(", ");
    let titles = titles.join(", ");
    match (notes.is_empty(), titles.is_empty()) {
        (true, _) => say!(lang, vi: "phần ký tên ({titles})", en: "its signatures ({titles})"),
        (false, true) => say!(lang, vi: "ghi chú ({notes})", en: "{a_note} ({notes})"),
        (false, false) => say!(lang,
            vi: "ghi chú ({notes}) và phần ký tên ({titles})",
            en: "{a_note} ({notes}) and its signatures ({titles})"),
    }
}

/// The blocks a unit may give, as a problem lists them: the first few, and how many more.
fn other_blocks(blocks: &Listed, lang: Lang) -> String {
    let more = |count| say!(lang, vi: " và {count} khối khác", en: " and {count} more");
    blocks.said(", ", more, lang)
}

/// The first runs of a sheet's rows (`12–15, 20`), and how many of `rows` in all are not among
/// them.
fn rows_said(runs: &[(usize, usize)], rows: usize, lang: Lang) -> String {
    let run = |&(first, last): &(usize, usize)| match first == last {
        true => first.to_string(),
        false => format!("{first}–{last}"),
    };
    let said = runs.iter().map(run).collect::<Vec<_>>().join(", ");
    let in_runs: usize = runs.iter().map(|(first, last)| last + 1 - first).sum();
    let s = super::reading::plural(in_runs);
    match rows.saturating_sub(in_runs) {
        0 => say!(lang, vi: "dòng {said}", en: "row{s} {said}"),
        more => {
            let s = super::reading::plural(more);
            let more = lang.count(more);
            say!(lang,
                vi: "dòng {said} và {more} dòng khác",
                en: "rows {said} and {more} more row{s}")
        }
    }
}

/// The units hidden rows name, as said after the rows (`; đơn vị “Sở Tư pháp”, “Sở Xây
/// dựng”`): the first of them, and how many more.
fn hidden_units(units: &[String], count: usize, lang: Lang) -> String {
    if units.is_empty() {
        return String::new();
    }
    let s = super::reading::plural(count);
    let (vi, en) = (quoted(units, '“', '”'), quoted(units, '\'', '\''));
    match count.saturating_sub(units.len()) {
        0 => say!(lang, vi: "; đơn vị {vi}", en: "; unit{s} {en}"),
        more => {
            let others = if more == 1 { "other" } else { "others" };
            let more = lang.count(more);
            say!(lang,
                vi: "; đơn vị {vi} và {more} đơn vị khác",
                en: "; units {en} and {more} {others}")
        }
    }
}

/// Names, each between `open` and `close`, one after another (`“Khối Huyện”, “Khối Xã”`).
fn quoted(names: &[String], open: char, close: char) -> String {
    let each: Vec<String> = names.iter().map(|n| format!("{open}{n}{close}")).collect();
    each.join(", ")
}

/// "tệp F, " before what is said of a row of file F, where one is named.
fn in_file(file: Option<&str>, lang: Lang) -> String {
    match file {
        Some(f) => say!(lang, vi: "tệp {f}, ", en: "file {f}, "),
        None => String::new(),
    }
}
