//! Texts of a criteria annex being imported: what each row was read as, for a person to check it
//! against the annex, and the warnings where the guidance was not read with certainty.

use super::{say, Interval, Lang, Listed};
use crate::methodology::Rule;
use rust_decimal::Decimal;

/// Why a guidance cell was not read as a rule.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(test, derive(strum::EnumIter))]
pub enum Doubt {
    /// A line speaks of points but not as `<outcome>: <n> điểm`.
    LineNotRead {
        line: String,
    },
    /// Some outcomes are ranges and some are not.
    #[default]
    RangesMixedWithOutcomes,
    /// An outcome speaks of a range whose bounds the words leave open.
    RangeNotRead {
        label: String,
    },
    /// Points given or taken per item.
    PointsPerItem,
    OutcomeAboveMax {
        label: String,
        points: Decimal,
        max: Decimal,
    },
    OutcomeTwice {
        label: String,
    },
    /// One outcome alone: what the other cases get is not said.
    SingleOutcome {
        label: String,
    },
    /// A proportional rule beside outcomes with points.
    ProportionWithOutcomes,
    /// A proportional rule with numbers or conditions of its own (`/ 80%`, `nếu …`).
    ProportionWithConditions,
    /// A guidance cell longer than any text the engine keeps.
    TooLong {
        bytes: usize,
    },
    /// An outcome's words longer than an option's label may be (`label_bytes`).
    OutcomeTooLong {
        bytes: usize,
        most: usize,
    },
}

impl Doubt {
    pub fn render(&self, lang: Lang) -> String {
        use Doubt::*;
        match self {
            LineNotRead { line } => say!(lang,
                vi: "dòng “{line}” nói về điểm nhưng không theo dạng “<kết quả>: <n> điểm”",
                en: "the line '{line}' speaks of points but not as '<outcome>: <n> điểm'"),
            RangesMixedWithOutcomes => say!(lang,
                vi: "có mức là một khoảng (tỷ lệ hay số lượng), có mức không phải",
                en: "some outcomes are ranges (of a percentage or a count) and some are not"),
            RangeNotRead { label } => say!(lang,
                vi: "không rõ cận của khoảng “{label}” (viết “từ … trở lên”, “từ … đến dưới …”, “dưới …”)",
                en: "the bounds of '{label}' are not clear (write 'từ … trở lên', 'từ … đến dưới …', 'dưới …')"),
            PointsPerItem => say!(lang,
                vi: "điểm được cộng hoặc trừ theo từng trường hợp",
                en: "points are added or taken per item"),
            OutcomeAboveMax { label, points, max } => {
                let (points, max) = (lang.num(*points), lang.num(*max));
                say!(lang,
                    vi: "mức “{label}” cho {points} điểm, vượt điểm tối đa {max}",
                    en: "'{label}' gives {points} points, above the max {max}")
            }
            OutcomeTwice { label } => say!(lang,
                vi: "mức “{label}” được viết hai lần",
                en: "'{label}' is written twice"),
            SingleOutcome { label } => say!(lang,
                vi: "chỉ có một mức “{label}”, không nói các trường hợp khác được bao nhiêu điểm",
                en: "only one outcome, '{label}': what other cases get is not said"),
            ProportionWithOutcomes => say!(lang,
                vi: "vừa tính điểm theo tỷ lệ vừa có các mức điểm",
                en: "points both in proportion and by outcomes"),
            TooLong { bytes } => {
                let bytes = lang.count(*bytes);
                say!(lang,
                    vi: "ô hướng dẫn dài {bytes} byte, quá dài để là một cách chấm",
                    en: "the guidance cell is {bytes} bytes long, too long to be a rule")
            }
            OutcomeTooLong { bytes, most } => {
                let (bytes, most) = (lang.count(*bytes), lang.count(*most));
                say!(lang,
                    vi: "một kết quả chấm dài {bytes} byte, quá dài để là nhãn của một phương án (tối đa {most})",
                    en: "an outcome is {bytes} bytes long, too long to be an option's label (at most {most})")
            }
            ProportionWithConditions => say!(lang,
                vi: "cách tính theo tỷ lệ có thêm điều kiện hoặc con số riêng",
                en: "the proportional rule has conditions or numbers of its own"),
        }
    }
}

/// What one row of an annex was read as.
#[derive(Debug, Clone, PartialEq)]
pub enum Understood {
    /// A node with sub-criteria: its max is theirs.
    Parent {
        children: usize,
    },
    /// A leaf with a rule read from its guidance or its rule columns.
    Rule {
        rule: Rule,
    },
    /// A leaf scored as points 0..max: no guidance with points.
    Points,
    /// A leaf scored as points 0..max because its guidance was not read with certainty.
    NotRead {
        doubt: Doubt,
    },
    /// The total row, checked against the sum of the fields.
    Total {
        sum: Decimal,
    },
    /// The heading of a section (classification, blocks, policies).
    Section {
        title: String,
    },
    ClassBand {
        band: Interval,
    },
    Block {
        id: String,
    },
    Policy {
        key: String,
        value: String,
    },
    /// A row without a number or points, not read (a note, a continued cell).
    Skipped,
    /// A field's subtotal row (`Cộng lĩnh vực I`), read as nothing.
    Subtotal,
    /// A row that continues the guidance of the criterion above.
    GuidanceContinued,
    /// A dash row that is an option of the criterion `code` above it.
    OptionOf {
        code: String,
    },
}

impl Understood {
    pub fn render(&self, lang: Lang) -> String {
        use Understood::*;
        match self {
            Parent { children } => say!(lang,
                vi: "gồm {children} tiêu chí con; điểm là tổng của chúng",
                en: "has {children} sub-criteria; its points are their sum"),
            Rule { rule } => describe_rule(rule, lang),
            Points => say!(lang,
                vi: "chấm điểm trực tiếp, từ 0 đến điểm tối đa",
                en: "scored as points, from 0 to the max"),
            NotRead { doubt } => {
                let doubt = doubt.render(lang);
                say!(lang,
                    vi: "chấm điểm trực tiếp, từ 0 đến điểm tối đa — hướng dẫn chưa đọc được: {doubt}",
                    en: "scored as points, from 0 to the max — guidance not read: {doubt}")
            }
            Total { sum } => {
                let sum = lang.num(*sum);
                say!(lang,
                    vi: "dòng tổng: khớp tổng điểm tối đa các lĩnh vực ({sum})",
                    en: "total row: matches the fields' maxima ({sum})")
            }
            Section { title } => say!(lang,
                vi: "bắt đầu phần “{title}”",
                en: "starts the section '{title}'"),
            ClassBand { band } => {
                let band = band.render(lang);
                say!(lang,
                    vi: "mức xếp loại {band}",
                    en: "classification band {band}")
            }
            Block { id } => say!(lang,
                vi: "khối “{id}”",
                en: "block '{id}'"),
            Policy { key, value } => say!(lang,
                vi: "quy tắc {key} = {value}",
                en: "policy {key} = {value}"),
            GuidanceContinued => say!(lang,
                vi: "phần tiếp của hướng dẫn chấm điểm ở dòng trên",
                en: "continues the guidance of the row above"),
            Subtotal => say!(lang,
                vi: "dòng cộng của lĩnh vực: bỏ qua (điểm tối đa lấy ở dòng lĩnh vực)",
                en: "a field's subtotal: skipped (the field's row gives its max)"),
            OptionOf { code } => say!(lang,
                vi: "một mức chấm của tiêu chí {code}",
                en: "an option of criterion {code}"),
            Skipped => say!(lang,
                vi: "bỏ qua: dòng không có số thứ tự và không có điểm",
                en: "skipped: the row has no number and no points"),
        }
    }
}

/// A rule as a person checks it against the annex.
fn describe_rule(rule: &Rule, lang: Lang) -> String {
    let n = |d: Decimal| lang.num(d);
    match rule {
        Rule::Points => say!(lang,
            vi: "chấm điểm trực tiếp, từ 0 đến điểm tối đa",
            en: "scored as points, from 0 to the max"),
        Rule::Choice { options } => {
            let options = options
                .iter()
                .map(|o| {
                    let (label, p) = (&o.label, n(o.points.0));
                    say!(lang, vi: "“{label}” = {p}", en: "'{label}' = {p}")
                })
                .collect::<Vec<_>>()
                .join("; ");
            say!(lang, vi: "chọn một mức: {options}", en: "one of: {options}")
        }
        Rule::YesNo { yes, no } => {
            let yes = yes.map_or_else(|| say!(lang, vi: "điểm tối đa", en: "the max"), |y| n(y.0));
            let no = no.map_or_else(|| "0".to_string(), |v| n(v.0));
            say!(lang, vi: "có = {yes}; không = {no}", en: "yes = {yes}; no = {no}")
        }
        Rule::Bands { bands, .. } => {
            let bands = bands
                .iter()
                .map(|b| {
                    let interval = Interval {
                        label: None,
                        min: b.min.map(|m| m.0),
                        min_inclusive: b.min_inclusive,
                        max: b.max.map(|m| m.0),
                        max_inclusive: b.max_inclusive,
                    };
                    format!("{} = {}", interval.render(lang), n(b.points.0))
                })
                .collect::<Vec<_>>()
                .join("; ");
            say!(lang, vi: "theo khoảng: {bands}", en: "by bands: {bands}")
        }
        Rule::Ratio { target } => {
            let target = n(target.0);
            say!(lang,
                vi: "theo tỷ lệ: điểm = điểm tối đa × giá trị / {target}",
                en: "in proportion: points = max × value / {target}")
        }
    }
}

/// A warning of an import: the methodology was made, but a person should look at this row.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(test, derive(strum::EnumIter))]
pub enum ImportWarningMsg {
    /// A leaf's guidance was not read with certainty; it is scored as points 0..max.
    GuidanceNotRead { doubt: Doubt },
    /// The best outcome a rule gives is below the criterion's max.
    BestBelowMax { best: Decimal, max: Decimal },
    /// A node with sub-criteria whose guidance reads as a rule: only leaves have rules.
    GuidanceOnParent,
    /// A column whose heading is none the importer reads.
    ColumnNotRead { column: String },
    /// A row without a number or points.
    RowSkipped,
    /// Past [`crate::limits::PROBLEMS`] warnings, the rest only counted, from this row on.
    MoreWarnings { hidden: usize, shown: usize },
}

impl ImportWarningMsg {
    /// The warning's stable code.
    pub fn code(&self) -> &'static str {
        use ImportWarningMsg::*;
        match self {
            GuidanceNotRead { .. } => "guidance_not_read",
            BestBelowMax { .. } => "best_below_max",
            GuidanceOnParent => "guidance_on_parent",
            ColumnNotRead { .. } => "column_not_read",
            RowSkipped => "row_skipped",
            MoreWarnings { .. } => "more_warnings",
        }
    }

    /// The warning as a line: `dòng 9, tiêu chí 1.1.4: … (cảnh báo: guidance_not_read)`.
    pub fn line(&self, row: usize, node: Option<&str>, lang: Lang) -> String {
        let place = match node {
            Some(node) => {
                say!(lang, vi: "dòng {row}, tiêu chí {node}", en: "row {row}, criterion {node}")
            }
            None => say!(lang, vi: "dòng {row}", en: "row {row}"),
        };
        let (text, code) = (self.render(lang), self.code());
        say!(lang,
            vi: "{place}: {text} (cảnh báo: {code})",
            en: "{place}: {text} (warning: {code})")
    }

    pub fn render(&self, lang: Lang) -> String {
        use ImportWarningMsg::*;
        match self {
            GuidanceNotRead { doubt } => {
                let doubt = doubt.render(lang);
                say!(lang,
                    vi: "hướng dẫn chấm điểm chưa đọc được chắc chắn ({doubt}); tiêu chí được chấm điểm trực tiếp từ 0 đến điểm tối đa — hãy đối chiếu với phụ lục",
                    en: "the scoring guidance was not read with certainty ({doubt}); the criterion is scored as points from 0 to the max — check it against the annex")
            }
            BestBelowMax { best, max } => {
                let (best, max) = (lang.num(*best), lang.num(*max));
                say!(lang,
                    vi: "mức cao nhất của hướng dẫn cho {best} điểm, thấp hơn điểm tối đa {max}",
                    en: "the guidance's best outcome gives {best} points, below the max {max}")
            }
            GuidanceOnParent => say!(lang,
                vi: "tiêu chí có tiêu chí con nên hướng dẫn chấm điểm của nó không được dùng làm cách chấm",
                en: "the criterion has sub-criteria, so its guidance is not used as a rule"),
            ColumnNotRead { column } => say!(lang,
                vi: "cột “{column}” không được đọc",
                en: "the column '{column}' is not read"),
            RowSkipped => say!(lang,
                vi: "dòng không có số thứ tự và không có điểm nên được bỏ qua",
                en: "the row has no number and no points and is skipped"),
            MoreWarnings { hidden, shown } => {
                let (hidden, shown) = (lang.count(*hidden), lang.count(*shown));
                say!(lang,
                    vi: "còn {hidden} cảnh báo khác không được liệt kê; chỉ {shown} cảnh báo đầu tiên được báo",
                    en: "{hidden} more warnings were found and are not shown; the first {shown} are reported")
            }
        }
    }
}

/// What a criteria table written by `par methodology export` does not hold: importing the table
/// back would lose it, and it stays in the methodology's JSON file alone.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(test, derive(strum::EnumIter))]
pub enum NotExported {
    /// The adjustments (bonus and penalty points), by code.
    Adjustments {
        codes: Listed,
    },
    /// The component a node's points count in where the node names none.
    DefaultComponent {
        component: String,
    },
    /// The classification (xếp loại).
    Classification,
    Blocks {
        count: usize,
    },
    Policies,
    /// What the methodology says of itself: its decision, date, level, sources, notes.
    Details {
        fields: Vec<OwnDetail>,
    },
}

/// A detail a methodology gives of itself (its field in the JSON file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(test, derive(strum::EnumIter))]
pub enum OwnDetail {
    Decision,
    Date,
    Level,
    Completeness,
    Sources,
    Notes,
}

impl OwnDetail {
    /// The detail as a person calls it.
    pub fn render(self, lang: Lang) -> &'static str {
        use OwnDetail::*;
        let (vi, en) = match self {
            Decision => ("số quyết định", "decision"),
            Date => ("ngày ban hành", "date"),
            Level => ("cấp đánh giá", "level"),
            Completeness => ("mức đầy đủ", "completeness"),
            Sources => ("nguồn", "sources"),
            Notes => ("ghi chú", "notes"),
        };
        lang.pick(vi, en)
    }
}

impl NotExported {
    /// The notice as a line: `… (cảnh báo: not_exported)`.
    pub fn line(&self, lang: Lang) -> String {
        let text = self.render(lang);
        say!(lang,
            vi: "{text} (cảnh báo: not_exported)",
            en: "{text} (warning: not_exported)")
    }

    pub fn render(&self, lang: Lang) -> String {
        use NotExported::*;
        let (lost_vi, lost_en) = (
            "nhập lại bảng này sẽ mất phần đó; phần đó chỉ còn trong tệp JSON của bộ chỉ số",
            "importing the table back loses it; it stays in the methodology's JSON file alone",
        );
        match self {
            Adjustments { codes } => {
                let others = |n: String| say!(lang, vi: " và {n} mục khác", en: " and {n} more");
                let codes = codes.said(", ", others, lang);
                say!(lang,
                    vi: "bảng tiêu chí không có điểm thưởng, điểm trừ ({codes}): {lost_vi}",
                    en: "the criteria table holds no adjustments ({codes}): {lost_en}")
            }
            DefaultComponent { component } => say!(lang,
                vi: "bảng tiêu chí không ghi thành phần mặc định “{component}”: {lost_vi}",
                en: "the criteria table does not say the default component '{component}': {lost_en}"),
            Classification => say!(lang,
                vi: "bảng tiêu chí không có phần xếp loại: {lost_vi}",
                en: "the criteria table holds no classification: {lost_en}"),
            Blocks { count } => {
                let count = lang.count(*count);
                say!(lang,
                    vi: "bảng tiêu chí không có {count} khối: {lost_vi}",
                    en: "the criteria table holds no blocks ({count}): {lost_en}")
            }
            Policies => say!(lang,
                vi: "bảng tiêu chí không có các quy tắc tính điểm đã đặt: {lost_vi}",
                en: "the criteria table holds none of the policies set: {lost_en}"),
            Details { fields } => {
                let fields: Vec<&str> = fields.iter().map(|f| f.render(lang)).collect();
                let fields = fields.join(", ");
                say!(lang,
                    vi: "bảng tiêu chí không có thông tin chung của bộ chỉ số ({fields}): {lost_vi}",
                    en: "the criteria table holds none of the methodology's own details ({fields}): {lost_en}")
            }
        }
    }
}
