//! Texts of what is made from results for decisions: the what-if answer and the way up, and the
//! reports (the Excel workbook's sheets, columns and title rows). They are a catalogue of their
//! own so that the scoring module of the WebAssembly package, which never shows them, does not
//! carry them.

use super::{say, Lang};

/// A heading, column name or line of a what-if answer or a report.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(test, derive(strum::EnumIter))]
pub enum ReportText {
    /// The reason of a round assumed by a what-if.
    Assumed,
    // A report's sheets, columns and lines.
    RankingSheet,
    PointsSheet,
    AnalysisSheet,
    LostSheet,
    ChangesSheet,
    LostMean,
    BestUnits,
    WorstUnits,
    /// The first line of a report: what it ranks, by which methodology.
    ReportTitle {
        methodology: String,
    },
    /// The decision that enacted the methodology, and its date.
    DecisionLine {
        decision: String,
        date: Option<String>,
    },
    /// A report written to a file.
    ReportWritten {
        file: String,
    },
    /// A sheet cut at the rows a workbook can hold.
    RowsNotShown {
        count: usize,
    },
    /// An assessment component by its tag in the methodology (`appraisal`, `sipas`…).
    Component {
        tag: String,
    },
    /// What the points-lost sheet lists.
    LostMost {
        count: usize,
    },
    /// After the names shown in a cell: how many more there are.
    AndOthers {
        count: usize,
    },
    /// The heading of a field's change in a table of changes.
    FieldChange {
        field: String,
    },
    // Charts: titles, descriptions, headings and tooltips.
    RankingChart {
        methodology: String,
    },
    ComponentsChart {
        methodology: String,
    },
    HeatmapChart {
        methodology: String,
    },
    ChangesChart {
        methodology: String,
    },
    RankingDescription {
        units: usize,
    },
    ComponentsDescription {
        units: usize,
        components: String,
    },
    HeatmapDescription {
        units: usize,
        fields: usize,
    },
    ChangesDescription {
        units: usize,
    },
    BlockHeading {
        block: String,
        units: usize,
    },
    MeanLine {
        mean: String,
    },
    UnitBar {
        unit: String,
        index: String,
        rank: u32,
        band: Option<String>,
    },
    ComponentBar {
        unit: String,
        component: String,
        points: String,
        max: String,
    },
    /// A bonus's or penalty's part of a unit's bar: its points, signed.
    AdjustmentBar {
        unit: String,
        code: String,
        points: String,
    },
    HeatCell {
        unit: String,
        field: String,
        index: String,
    },
    MoveLine {
        unit: String,
        previous: String,
        current: String,
        rank_before: u32,
        rank: u32,
    },
    // A what-if's columns and lines.
    /// The standing the way up would give.
    IfFull,
    Value,
    Before,
    After,
    Gain,
    AssumedFor {
        unit: String,
    },
    Standing {
        points: String,
        index: String,
        rank: u32,
        band: Option<String>,
    },
    /// The units a what-if moves, the first of them named (`units`), and how many more move.
    MovedUnits {
        units: String,
        more: usize,
    },
    /// The way up to a band or a rank: how many criteria at full points reach it, or none can.
    WayUp {
        band: Option<String>,
        rank: Option<u32>,
        criteria: usize,
        reached: bool,
    },
}

impl ReportText {
    pub fn render(&self, lang: Lang) -> String {
        use ReportText::*;
        match self {
            Assumed => say!(lang, vi: "giả định", en: "what-if"),
            RankingSheet => say!(lang, vi: "Xếp hạng", en: "Ranking"),
            PointsSheet => say!(lang, vi: "Điểm theo tiêu chí", en: "Points by criterion"),
            AnalysisSheet => say!(lang, vi: "Phân tích tiêu chí", en: "Criterion analysis"),
            LostSheet => say!(lang, vi: "Điểm bị trừ", en: "Points lost"),
            ChangesSheet => say!(lang, vi: "So với kỳ trước", en: "Changes"),
            LostMean => say!(lang, vi: "Bị trừ bình quân", en: "Lost per unit"),
            BestUnits => say!(lang, vi: "Đơn vị cao nhất", en: "Best units"),
            WorstUnits => say!(lang, vi: "Đơn vị thấp nhất", en: "Worst units"),
            ReportTitle { methodology } => say!(lang,
                vi: "Kết quả Chỉ số cải cách hành chính — {methodology}",
                en: "PAR INDEX results — {methodology}"),
            DecisionLine { decision, date } => {
                // A decision dated by its year only (`2013`) is of a year, not of a day; by its
                // month (`2013-01`), of a month.
                use super::labels::Dated;
                match date.as_deref().map(|d| (d, Dated::of(d))) {
                    Some((_, Dated::Year(year))) => say!(lang,
                        vi: "Căn cứ {decision} năm {year}",
                        en: "Under {decision} of {year}"),
                    Some((_, Dated::Month { year, month })) => say!(lang,
                        vi: "Căn cứ {decision} tháng {month}/{year}",
                        en: "Under {decision} of {year}-{month}"),
                    Some((date, _)) => {
                        let date = super::Label::date(date, lang);
                        say!(lang,
                            vi: "Căn cứ {decision} ngày {date}",
                            en: "Under {decision} of {date}")
                    }
                    None => say!(lang, vi: "Căn cứ {decision}", en: "Under {decision}"),
                }
            }
            ReportWritten { file } => say!(lang,
                vi: "Đã ghi tệp: {file}",
                en: "Written: {file}"),
            RowsNotShown { count } => {
                let count = lang.count(*count);
                say!(lang,
                    vi: "… còn {count} dòng không hiển thị được do giới hạn số dòng của Excel; xem bản CSV (par analyze -f csv)",
                    en: "… {count} more rows do not fit in an Excel sheet; see the CSV (par analyze -f csv)")
            }
            Component { tag } => match tag.as_str() {
                "appraisal" => say!(lang, vi: "Thẩm định", en: "Appraisal"),
                "survey" => say!(lang, vi: "Điều tra xã hội học", en: "Survey"),
                "sipas" => say!(lang,
                    vi: "Sự hài lòng của người dân (SIPAS)",
                    en: "Citizens' satisfaction (SIPAS)"),
                "leaders" => say!(lang,
                    vi: "Điều tra lãnh đạo, quản lý",
                    en: "Leaders' survey"),
                "impact" => say!(lang,
                    vi: "Tác động của cải cách hành chính",
                    en: "Impact of the reform"),
                _ => say!(lang, vi: "thành phần “{tag}”", en: "component '{tag}'"),
            },
            LostMost { count } => say!(lang,
                vi: "{count} tiêu chí bị trừ nhiều điểm nhất của mỗi đơn vị",
                en: "The {count} criteria where each unit lost most points"),
            AndOthers { count } => {
                let count = lang.count(*count);
                say!(lang, vi: " và {count} đơn vị khác", en: " and {count} more")
            }
            FieldChange { field } => say!(lang,
                vi: "{field} (thay đổi chỉ số)",
                en: "{field} (index change)"),
            RankingChart { methodology } => say!(lang,
                vi: "Xếp hạng Chỉ số cải cách hành chính — {methodology}",
                en: "PAR INDEX ranking — {methodology}"),
            ComponentsChart { methodology } => say!(lang,
                vi: "Điểm theo thành phần — {methodology}",
                en: "Points by component — {methodology}"),
            HeatmapChart { methodology } => say!(lang,
                vi: "Chỉ số theo lĩnh vực (%) — {methodology}",
                en: "Index by field (%) — {methodology}"),
            ChangesChart { methodology } => say!(lang,
                vi: "Thay đổi so với kỳ trước — {methodology}",
                en: "Changes against the previous ranking — {methodology}"),
            RankingDescription { units } => say!(lang,
                vi: "Biểu đồ thanh ngang: chỉ số của {units} đơn vị theo thứ hạng trong từng khối, màu theo xếp loại; đường đứt nét là chỉ số trung bình của khối.",
                en: "Horizontal bars: the index of {units} units by rank within each block, coloured by band; the dashed line is the block's mean index."),
            ComponentsDescription { units, components } => say!(lang,
                vi: "Biểu đồ thanh chồng: điểm của {units} đơn vị theo từng thành phần ({components}).",
                en: "Stacked bars: the points of {units} units by component ({components})."),
            HeatmapDescription { units, fields } => say!(lang,
                vi: "Bản đồ nhiệt: chỉ số (%) của {units} đơn vị ở {fields} lĩnh vực, từ đỏ (thấp) đến xanh (cao).",
                en: "Heat map: the index (%) of {units} units on {fields} fields, red (low) to green (high)."),
            ChangesDescription { units } => say!(lang,
                vi: "Chỉ số kỳ trước (chấm rỗng) và kỳ này (chấm đặc) của {units} đơn vị; xanh là tăng, đỏ là giảm; bên phải là số bậc tăng (▲) hoặc giảm (▼) thứ hạng.",
                en: "The previous (hollow) and current (filled) index of {units} units; green is up, red is down; on the right, ranks gained (▲) or lost (▼)."),
            BlockHeading { block, units } => say!(lang,
                vi: "{block} — {units} đơn vị",
                en: "{block} — {units} units"),
            MeanLine { mean } => say!(lang,
                vi: "Trung bình {mean}",
                en: "Mean {mean}"),
            UnitBar {
                unit,
                index,
                rank,
                band,
            } => {
                let band = band
                    .as_deref()
                    .map(|b| say!(lang, vi: ", xếp loại {b}", en: ", band {b}"))
                    .unwrap_or_default();
                say!(lang,
                    vi: "{unit}: chỉ số {index}%, xếp hạng {rank}{band}",
                    en: "{unit}: index {index}, rank {rank}{band}")
            }
            AdjustmentBar { unit, code, points } => say!(lang,
                vi: "{unit} — Điểm thưởng/trừ {code}: {points}",
                en: "{unit} — Adjustment {code}: {points}"),
            ComponentBar {
                unit,
                component,
                points,
                max,
            } => say!(lang,
                vi: "{unit} — {component}: {points}/{max} điểm",
                en: "{unit} — {component}: {points} of {max} points"),
            HeatCell { unit, field, index } => say!(lang,
                vi: "{unit} — {field}: chỉ số {index}%",
                en: "{unit} — {field}: index {index}"),
            MoveLine {
                unit,
                previous,
                current,
                rank_before,
                rank,
            } => say!(lang,
                vi: "{unit}: chỉ số {previous} → {current}, xếp hạng {rank_before} → {rank}",
                en: "{unit}: index {previous} → {current}, rank {rank_before} → {rank}"),
            IfFull => say!(lang,
                vi: "Nếu đủ điểm các tiêu chí trên",
                en: "With full points on these"),
            Value => say!(lang, vi: "Giá trị", en: "Value"),
            Before => say!(lang, vi: "Hiện tại", en: "Now"),
            After => say!(lang, vi: "Sau giả định", en: "What if"),
            Gain => say!(lang, vi: "Tăng thêm", en: "Gain"),
            AssumedFor { unit } => say!(lang,
                vi: "Giả định cho {unit}:",
                en: "What if, for {unit}:"),
            Standing {
                points,
                index,
                rank,
                band,
            } => {
                let (points, index) = (lang.decimal_text(points), lang.decimal_text(index));
                let band = band
                    .as_deref()
                    .map(|b| say!(lang, vi: ", xếp loại {b}", en: ", band {b}"))
                    .unwrap_or_default();
                say!(lang,
                    vi: "{points} điểm, chỉ số {index}%, xếp hạng {rank}{band}",
                    en: "{points} points, index {index}, rank {rank}{band}")
            }
            MovedUnits { units, more: 0 } => say!(lang,
                vi: "Đơn vị đổi hạng: {units}",
                en: "Units that move: {units}"),
            MovedUnits { units, more } => {
                let more = lang.count(*more);
                say!(lang,
                    vi: "Đơn vị đổi hạng: {units} và {more} đơn vị khác (--format json liệt kê tất cả)",
                    en: "Units that move: {units} and {more} more (--format json lists them all)")
            }
            WayUp {
                band,
                rank,
                criteria,
                reached,
            } => {
                let goal = match (band, rank) {
                    (Some(b), Some(r)) => say!(lang,
                        vi: "xếp loại “{b}” và hạng {r}",
                        en: "band '{b}' and rank {r}"),
                    (Some(b), None) => say!(lang, vi: "xếp loại “{b}”", en: "band '{b}'"),
                    (None, Some(r)) => say!(lang, vi: "hạng {r}", en: "rank {r}"),
                    (None, None) => String::new(),
                };
                match (reached, criteria) {
                    (true, 0) => say!(lang,
                        vi: "Đã đạt {goal}.",
                        en: "Already at {goal}."),
                    (true, n) => say!(lang,
                        vi: "Để đạt {goal}: đủ điểm ở {n} tiêu chí sau (bị trừ nhiều nhất trước):",
                        en: "To reach {goal}: full points on these {n} criteria (most lost first):"),
                    (false, 0) => say!(lang,
                        vi: "Không thể đạt {goal}: không còn tiêu chí nào (không kể điều tra xã hội học) bị trừ điểm.",
                        en: "{goal} cannot be reached: no criterion (survey results aside) lost points."),
                    (false, _) => say!(lang,
                        vi: "Không thể đạt {goal} kể cả khi đủ điểm ở mọi tiêu chí bị trừ điểm (không kể điều tra xã hội học):",
                        en: "{goal} cannot be reached even with full points on every criterion that lost points (survey results aside):"),
                }
            }
        }
    }
}
