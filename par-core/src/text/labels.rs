//! Headings, column names and summaries of what the engine prints for people: ranking tables,
//! a unit's explanation, comparisons, the catalogue of methodologies and a methodology's tree.

use super::{say, Lang};
use crate::methodology::Completeness;
use crate::results::Source;
use rust_decimal::Decimal;

/// A label or a summary line.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(test, derive(strum::EnumIter))]
pub enum Label {
    // Column names.
    Block,
    Rank,
    Unit,
    Points,
    Index,
    Band,
    Code,
    Criterion,
    Max,
    /// A row of a table being read.
    Row,
    /// A number as an annex prints it (`STT`).
    Number,
    /// What a row of an annex was read as.
    ReadAs,
    // The criterion analysis's columns.
    Mean,
    Median,
    Lowest,
    Highest,
    MeanIndex,
    AtFull,
    AtZero,
    SelfScore,
    Appraised,
    Lost,
    Source,
    Component,
    Scoring,
    Total,
    Previous,
    Current,
    Change,
    RankBefore,
    RankNow,
    Moved,
    Id,
    Decision,
    Date,
    Level,
    Completeness,
    Name,
    // Words inside cells.
    NoBand,
    AllUnits,
    Survey,
    Yes,
    No,
    /// A `bands` rule's band without a label.
    UnlabelledBand,
    /// A ratio rule: points = max × value / target.
    RatioRule {
        target: Decimal,
    },
    /// An appraisal round, as a cell lists rounds: `r1 0.5` / `lần 1: 0,5`.
    RoundPoints {
        round: u32,
        points: String,
    },
    /// The column of a bonus or penalty adjustment, by its code.
    Adjustment {
        code: String,
    },
    // Headings of an explanation's sections.
    ComponentsHeading,
    AdjustmentsHeading,
    /// Bonus and penalty points, as a chart's legend names them.
    Adjustments,
    LostMostHeading,
    ProvenanceHeading,
    WarningsHeading,
    // Summary lines.
    BlockSummary {
        block: String,
        count: usize,
        mean: String,
        median: String,
        min: String,
        max: String,
        above_mean: usize,
    },
    UnitsWithWarnings {
        count: usize,
    },
    UnitHeadline {
        unit: String,
        block: Option<String>,
        points: String,
        max: String,
        index: String,
        rank: u32,
        band: Option<String>,
    },
    MethodologyLine {
        id: String,
        name: String,
    },
    CappedFrom {
        uncapped: String,
    },
    LostOf {
        points: String,
        max: String,
    },
    RoundReason {
        code: String,
        round: u32,
        by: Option<String>,
        reason: String,
    },
    RuleApplied {
        code: String,
        note: String,
    },
    EvidenceGiven {
        code: String,
        evidence: String,
    },
    ExplanationGiven {
        code: String,
        explanation: String,
    },
    /// Two rankings scored with different methodologies.
    MethodologiesDiffer {
        previous: String,
        current: String,
    },
    /// A ranking compared as published, whose methodology the table does not say.
    PublishedRanking,
    /// Two rankings grouping their units in other blocks: the previous ranks recounted within
    /// the current blocks.
    PreviousRankedInBlocks,
    /// The heading of a block's part of a criterion analysis.
    BlockUnits {
        block: Option<String>,
        units: usize,
    },
    /// The heading of the units only the previous ranking has (the units follow it).
    OnlyInPrevious,
    /// The heading of the units only the current ranking has.
    OnlyInCurrent,
    ValidMethodology {
        id: String,
        nodes: usize,
        max: String,
    },
    ValidAssessments {
        units: usize,
        id: String,
    },
}

impl Label {
    pub fn render(&self, lang: Lang) -> String {
        use Label::*;
        match self {
            Block => say!(lang, vi: "Khối", en: "Block"),
            Rank => say!(lang, vi: "Xếp hạng", en: "Rank"),
            Unit => say!(lang, vi: "Đơn vị", en: "Unit"),
            Points => say!(lang, vi: "Điểm", en: "Points"),
            Index => say!(lang, vi: "Chỉ số (%)", en: "Index"),
            Band => say!(lang, vi: "Xếp loại", en: "Band"),
            Code => say!(lang, vi: "Mã", en: "Code"),
            Criterion => say!(lang, vi: "Tiêu chí", en: "Criterion"),
            Max => say!(lang, vi: "Điểm tối đa", en: "Max"),
            Row => say!(lang, vi: "Dòng", en: "Row"),
            Number => say!(lang, vi: "Số TT", en: "No."),
            ReadAs => say!(lang, vi: "Đọc là", en: "Read as"),
            Mean => say!(lang, vi: "Trung bình", en: "Mean"),
            Median => say!(lang, vi: "Trung vị", en: "Median"),
            Lowest => say!(lang, vi: "Thấp nhất", en: "Lowest"),
            Highest => say!(lang, vi: "Cao nhất", en: "Highest"),
            MeanIndex => say!(lang, vi: "Trung bình (%)", en: "Mean (%)"),
            AtFull => say!(lang, vi: "Đủ điểm", en: "At full"),
            AtZero => say!(lang, vi: "0 điểm", en: "At zero"),
            SelfScore => say!(lang, vi: "Tự chấm", en: "Self"),
            Appraised => say!(lang, vi: "Thẩm định", en: "Appraised"),
            Lost => say!(lang, vi: "Bị trừ", en: "Lost"),
            Source => say!(lang, vi: "Nguồn điểm", en: "Source"),
            Component => say!(lang, vi: "Thành phần", en: "Component"),
            Scoring => say!(lang, vi: "Cách chấm", en: "Scoring"),
            Total => say!(lang, vi: "Tổng cộng", en: "Total"),
            Previous => say!(lang, vi: "Kỳ trước", en: "Previous"),
            Current => say!(lang, vi: "Kỳ này", en: "Current"),
            Change => say!(lang, vi: "Thay đổi", en: "Change"),
            RankBefore => say!(lang, vi: "Hạng trước", en: "Rank before"),
            RankNow => say!(lang, vi: "Hạng nay", en: "Rank now"),
            Moved => say!(lang, vi: "Tăng/giảm hạng", en: "Moved"),
            Id => say!(lang, vi: "Mã bộ chỉ số", en: "Id"),
            Decision => say!(lang, vi: "Quyết định", en: "Decision"),
            Date => say!(lang, vi: "Ngày", en: "Date"),
            Level => say!(lang, vi: "Cấp", en: "Level"),
            Completeness => say!(lang, vi: "Mức đầy đủ", en: "Completeness"),
            Name => say!(lang, vi: "Tên", en: "Name"),
            NoBand => say!(lang, vi: "chưa xếp loại", en: "no band"),
            AllUnits => say!(lang, vi: "Tất cả đơn vị", en: "All units"),
            Survey => say!(lang, vi: "điều tra XHH", en: "survey"),
            Yes => say!(lang, vi: "có", en: "yes"),
            No => say!(lang, vi: "không", en: "no"),
            UnlabelledBand => say!(lang, vi: "khoảng", en: "band"),
            RatioRule { target } => {
                let target = lang.exact(*target);
                say!(lang,
                    vi: "điểm tối đa × giá trị / {target}, không quá điểm tối đa",
                    en: "max × value / {target}, capped")
            }
            RoundPoints { round, points } => {
                let points = lang.decimal_text(points);
                say!(lang, vi: "lần {round}: {points}", en: "r{round} {points}")
            }
            ComponentsHeading => say!(lang, vi: "Thành phần:", en: "Components:"),
            Adjustment { code } => say!(lang,
                vi: "Điểm thưởng/trừ {code}",
                en: "Adjustment {code}"),
            AdjustmentsHeading => format!("{}:", Adjustments.render(lang)),
            Adjustments => say!(lang, vi: "Điểm thưởng/điểm trừ", en: "Adjustments"),
            LostMostHeading => say!(lang, vi: "Bị trừ nhiều điểm nhất:", en: "Lost most points:"),
            ProvenanceHeading => say!(lang, vi: "Nguồn gốc điểm:", en: "Provenance:"),
            WarningsHeading => say!(lang, vi: "Cảnh báo:", en: "Warnings:"),
            BlockSummary {
                block,
                count,
                mean,
                median,
                min,
                max,
                above_mean,
            } => {
                let (mean, median, min, max) = (
                    lang.decimal_text(mean),
                    lang.decimal_text(median),
                    lang.decimal_text(min),
                    lang.decimal_text(max),
                );
                say!(lang,
                    vi: "{block}: {count} đơn vị, trung bình {mean}, trung vị {median}, thấp nhất {min}, cao nhất {max}, trên trung bình {above_mean}",
                    en: "{block}: {count} units, mean {mean}, median {median}, min {min}, max {max}, above mean {above_mean}")
            }
            UnitsWithWarnings { count } => say!(lang,
                vi: "{count} đơn vị có cảnh báo (tiêu chí chưa chấm, điểm thưởng/trừ bị giới hạn...): xem `par explain` hoặc --format json",
                en: "{count} unit(s) have warnings (missing leaves, capped adjustments...): see `par explain` or --format json"),
            UnitHeadline {
                unit,
                block,
                points,
                max,
                index,
                rank,
                band,
            } => {
                let (points, max, index) = (
                    lang.decimal_text(points),
                    lang.decimal_text(max),
                    lang.decimal_text(index),
                );
                let block = block
                    .as_deref()
                    .map(|b| say!(lang, vi: " (khối {b})", en: " (block {b})"))
                    .unwrap_or_default();
                let band = band
                    .as_deref()
                    .map(|b| say!(lang, vi: ", xếp loại {b}", en: ", band {b}"))
                    .unwrap_or_default();
                say!(lang,
                    vi: "{unit}{block} — {points}/{max} điểm, chỉ số {index}%, xếp hạng {rank}{band}",
                    en: "{unit}{block} — {points} / {max} points, index {index}, rank {rank}{band}")
            }
            MethodologyLine { id, name } => say!(lang,
                vi: "bộ chỉ số: {id} — {name}",
                en: "methodology: {id} — {name}"),
            CappedFrom { uncapped } => {
                let uncapped = lang.decimal_text(uncapped);
                say!(lang, vi: " (giới hạn từ {uncapped})", en: " (capped from {uncapped})")
            }
            LostOf { points, max } => {
                let (points, max) = (lang.decimal_text(points), lang.decimal_text(max));
                say!(lang, vi: "({points}/{max} điểm)", en: "({points} of {max})")
            }
            RoundReason {
                code,
                round,
                by,
                reason,
            } => {
                let by = by.as_deref().map(|b| format!(" ({b})")).unwrap_or_default();
                say!(lang,
                    vi: "{code} thẩm định lần {round}{by}: {reason}",
                    en: "{code} round {round}{by}: {reason}")
            }
            RuleApplied { code, note } => say!(lang,
                vi: "{code} cách chấm: {note}",
                en: "{code} rule: {note}"),
            EvidenceGiven { code, evidence } => say!(lang,
                vi: "{code} tài liệu kiểm chứng: {evidence}",
                en: "{code} evidence: {evidence}"),
            ExplanationGiven { code, explanation } => say!(lang,
                vi: "{code} giải trình: {explanation}",
                en: "{code} explanation: {explanation}"),
            MethodologiesDiffer { previous, current } => say!(lang,
                vi: "Lưu ý: kỳ trước chấm theo bộ chỉ số “{previous}”, kỳ này theo “{current}”; chỉ số đo những điều khác nhau nên mức tăng giảm có thể do bộ chỉ số thay đổi",
                en: "Note: the previous ranking was scored with '{previous}', this one with '{current}'; the indexes measure different things, so a move may be the methodology's"),
            PreviousRankedInBlocks => say!(lang,
                vi: "Lưu ý: hai kỳ không xếp hạng trong cùng các khối; hạng kỳ trước được tính lại trong khối của kỳ này: theo thứ tự đã xếp nếu các đơn vị của khối được xếp hạng cùng nhau ở kỳ trước, nếu không thì theo chỉ số kỳ trước",
                en: "Note: the two rankings do not rank within the same blocks; the previous ranks are recounted within this period's blocks: in the order they were ranked where a block's units were ranked together before, else by their previous index"),
            PublishedRanking => say!(lang,
                vi: "Lưu ý: so sánh với bảng xếp hạng đã công bố, không ghi bộ chỉ số; hãy chắc chắn hai kỳ dùng cùng bộ chỉ số",
                en: "Note: compared with a ranking as published, which does not name its methodology; make sure both used the same one"),
            BlockUnits { block, units } => {
                let units = lang.count(*units);
                match block {
                    Some(b) => say!(lang,
                        vi: "Khối {b} — {units} đơn vị; các tiêu chí bị trừ nhiều điểm nhất trước:",
                        en: "Block {b} — {units} units; the criteria losing most points first:"),
                    None => say!(lang,
                        vi: "{units} đơn vị; các tiêu chí bị trừ nhiều điểm nhất trước:",
                        en: "{units} units; the criteria losing most points first:"),
                }
            }
            OnlyInPrevious => say!(lang, vi: "Chỉ có ở kỳ trước:", en: "Only in previous:"),
            OnlyInCurrent => say!(lang, vi: "Chỉ có ở kỳ này:", en: "Only in current:"),
            ValidMethodology { id, nodes, max } => {
                let max = lang.decimal_text(max);
                say!(lang,
                    vi: "hợp lệ: bộ chỉ số “{id}” — {nodes} tiêu chí, điểm tối đa {max}",
                    en: "ok: methodology '{id}' — {nodes} nodes, max {max}")
            }
            ValidAssessments { units, id } => say!(lang,
                vi: "hợp lệ: {units} đơn vị đúng theo bộ chỉ số “{id}”",
                en: "ok: {units} units valid for methodology '{id}'"),
        }
    }

    /// A date as the language writes it: `28/12/2017` in Vietnamese; an ISO date (`2017-12-28`)
    /// stays as it is in English, and any other text (`2013`) as written.
    pub fn date(text: &str, lang: Lang) -> String {
        match (lang, Dated::of(text)) {
            (Lang::Vi, Dated::Day { year, month, day }) => format!("{day}/{month}/{year}"),
            _ => text.to_string(),
        }
    }

    /// Where a node's points came from.
    pub fn source(source: Source, round: Option<u32>, lang: Lang) -> String {
        match (source, round) {
            (Source::Appraisal, Some(r)) => {
                say!(lang, vi: "thẩm định lần {r}", en: "appraisal r{r}")
            }
            (Source::Appraisal, None) => say!(lang, vi: "thẩm định", en: "appraisal"),
            (Source::SelfAssessed, _) => {
                say!(lang, vi: "tự chấm (chưa thẩm định)", en: "self (not appraised)")
            }
            (Source::Value, _) => say!(lang, vi: "điểm nhập trực tiếp", en: "value"),
            (Source::Survey, _) => say!(lang, vi: "điều tra XHH", en: "survey"),
            (Source::Children, _) => say!(lang, vi: "tổng tiêu chí con", en: "sum"),
            (Source::Missing, _) => say!(lang, vi: "CHƯA CHẤM", en: "MISSING"),
            (Source::NotSurveyed, _) => say!(lang, vi: "chưa điều tra", en: "not surveyed"),
        }
    }

    /// How complete a methodology's criteria are.
    pub fn completeness(c: Completeness, lang: Lang) -> String {
        match c {
            Completeness::Leaves => {
                say!(lang, vi: "đủ đến tiêu chí thành phần", en: "leaves")
            }
            Completeness::Criteria => say!(lang, vi: "đến tiêu chí", en: "criteria"),
            Completeness::Fields => say!(lang, vi: "chỉ có lĩnh vực", en: "fields"),
            Completeness::Components => say!(lang, vi: "chỉ có thành phần", en: "components"),
        }
    }
}

/// A methodology's level as people say it: the catalogue's own levels in the language, any
/// other level as the methodology writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(test, derive(strum::EnumIter))]
pub enum LevelName {
    Province,
    Ministry,
    Department,
    District,
    Commune,
}

impl LevelName {
    /// The known level a methodology's `level` names, if any.
    pub fn of(level: &str) -> Option<LevelName> {
        use LevelName::*;
        [Province, Ministry, Department, District, Commune]
            .into_iter()
            .find(|l| l.key() == level.trim())
    }

    fn key(self) -> &'static str {
        match self {
            LevelName::Province => "province",
            LevelName::Ministry => "ministry",
            LevelName::Department => "department",
            LevelName::District => "district",
            LevelName::Commune => "commune",
        }
    }

    pub fn render(self, lang: Lang) -> String {
        use LevelName::*;
        match self {
            Province => say!(lang, vi: "cấp tỉnh", en: "province"),
            Ministry => say!(lang, vi: "bộ, cơ quan ngang bộ", en: "ministry"),
            Department => say!(lang, vi: "sở, ban, ngành", en: "department"),
            District => say!(lang, vi: "cấp huyện", en: "district"),
            Commune => say!(lang, vi: "cấp xã", en: "commune"),
        }
    }

    /// `level` in `lang` when it is a known level, else as written.
    pub fn text(level: &str, lang: Lang) -> String {
        LevelName::of(level).map_or_else(|| level.to_string(), |l| l.render(lang))
    }
}

/// A date as typed (ISO, as the methodology's decision gives it), read as far as it goes.
pub(crate) enum Dated<'t> {
    /// `2017-12-28`.
    Day {
        year: &'t str,
        month: &'t str,
        day: &'t str,
    },
    /// `2013-01`, a month from 01 to 12.
    Month { year: &'t str, month: &'t str },
    /// `2013`.
    Year(&'t str),
    /// Any other text.
    Text,
}

impl<'t> Dated<'t> {
    pub(crate) fn of(text: &'t str) -> Self {
        let text = text.trim();
        let digits = |part: &str, n: usize| part.len() == n && crate::decimal::is_digits(part);
        let parts: Vec<&str> = text.split('-').collect();
        match parts.as_slice() {
            [year, month, day] if digits(year, 4) && digits(month, 2) && digits(day, 2) => {
                Dated::Day { year, month, day }
            }
            [year, month]
                if digits(year, 4) && digits(month, 2) && ("01"..="12").contains(month) =>
            {
                Dated::Month { year, month }
            }
            [year] if digits(year, 4) => Dated::Year(year),
            _ => Dated::Text,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decision_is_dated_by_its_day_its_month_or_its_year() {
        let line = |date: Option<&str>, lang| {
            let decision = "77/QĐ-UBND".to_string();
            let date = date.map(str::to_string);
            crate::text::ReportText::DecisionLine { decision, date }.render(lang)
        };
        assert_eq!(
            line(Some("2025-01-05"), Lang::Vi),
            "Căn cứ 77/QĐ-UBND ngày 05/01/2025"
        );
        assert_eq!(line(Some("2013"), Lang::Vi), "Căn cứ 77/QĐ-UBND năm 2013");
        assert_eq!(line(Some("2013"), Lang::En), "Under 77/QĐ-UBND of 2013");
        assert_eq!(
            line(Some("2013-01"), Lang::Vi),
            "Căn cứ 77/QĐ-UBND tháng 01/2013"
        );
        // No month 13: the date as given.
        assert_eq!(
            line(Some("2013-13"), Lang::Vi),
            "Căn cứ 77/QĐ-UBND ngày 2013-13"
        );
        assert_eq!(line(None, Lang::Vi), "Căn cứ 77/QĐ-UBND");
    }

    #[test]
    fn dates_are_written_as_the_language_writes_them() {
        assert_eq!(Label::date("2017-12-28", Lang::Vi), "28/12/2017");
        assert_eq!(Label::date("2017-12-28", Lang::En), "2017-12-28");
        assert_eq!(Label::date("2013", Lang::Vi), "2013");
        assert_eq!(Label::date("20-12-2817x", Lang::Vi), "20-12-2817x");
    }
}
