//! Texts of methodologies that cannot be used as they are: the criteria tree, its maxima and
//! codes, scoring rules, bands, blocks, ranking policies, and criteria tables being imported.

use super::{say, Lang};
use rust_decimal::Decimal;

/// A text about a methodology or a criteria table.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(test, derive(strum::EnumIter))]
pub enum DefiningMsg {
    EmptyId,
    RoundingPlaces,
    NoNodes,
    ZeroTotalMax,
    CodeUsedTwice {
        code: String,
    },
    AdjustmentCaps {
        min: Decimal,
        max: Decimal,
    },
    BlockWithoutId,
    BlockDeclaredTwice {
        block: String,
    },
    TieBreakerTwice,
    TieBreakerUnknownComponent {
        component: String,
    },
    TieBreakerUnknownNode {
        code: String,
    },
    NegativeMax,
    RuleOnParent,
    MaxMismatch {
        max: Decimal,
        sum: Decimal,
    },
    /// A code that is not dotted under its parent (`parent` is `None` at the top).
    BadCode {
        code: String,
        parent: Option<String>,
    },
    PointsAboveMax {
        points: Decimal,
        max: Decimal,
    },
    SurveyTakesNoRule,
    ChoiceWithoutOptions,
    OptionWithoutLabel,
    OptionTwice {
        label: String,
    },
    BandsRuleWithoutBands,
    RatioTargetNotPositive,
    RatioWithoutTarget,
    EmptyBand {
        band: Interval,
    },
    BandsOverlap {
        lower: Interval,
        upper: Interval,
    },
    BandsGap {
        lower: Interval,
        upper: Interval,
    },
    ClassBandWithoutLabel,
    ClassBandOutside {
        label: String,
        min: Decimal,
    },
    ClassBandTwice {
        label: String,
    },
    ClassBandsOrder {
        label: String,
        min: Decimal,
        previous: String,
        previous_min: Decimal,
    },
    UnknownMethodology {
        id: String,
        known: Vec<String>,
    },
    /// No row among the first ones names the columns of a criteria table.
    NoCriteriaHeader {
        rows: usize,
    },
    /// A `TỔNG ĐIỂM` row that is not the sum of the fields' maxima.
    TotalRowMismatch {
        written: Decimal,
        sum: Decimal,
    },
    /// A printed number (`STT`) that is none of I, 1.2, a, -.
    NumberNotRead {
        number: String,
    },
    /// A letter or dash with no numbered row above it.
    SubItemWithoutParent {
        number: String,
    },
    /// A classification row whose range is not read with certainty.
    ClassRangeNotRead {
        written: String,
    },
    /// A classification band whose upper bound is not where the band above it starts.
    ClassBandsDisagree {
        label: String,
        upper: Interval,
        above: String,
        above_min: Decimal,
    },
    UnknownPolicy {
        key: String,
        known: Vec<String>,
    },
    PolicyValue {
        key: String,
        value: String,
    },
    /// A criteria table without one of its required columns.
    CriteriaColumnMissing {
        column: String,
    },
    RowWithoutName,
    /// A criterion without sub-criteria and without a max.
    LeafWithoutMax,
    /// A second classification in one annex.
    ClassificationTwice,
    SurveyNotYesNo,
    ParentAfterChild {
        parent: String,
        code: String,
    },
    NoParentRow {
        parent: String,
        code: String,
    },
    YesNoOptions {
        label: String,
    },
    NotABand {
        written: String,
    },
    NotARule {
        given: String,
    },
    PairWithoutPoints {
        part: String,
    },
}

/// An interval of a `bands` rule, as a methodology writes it (bounds and their inclusion).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Interval {
    pub label: Option<String>,
    pub min: Option<Decimal>,
    pub min_inclusive: bool,
    pub max: Option<Decimal>,
    pub max_inclusive: bool,
}

impl Interval {
    /// `“Đạt” [70; 90)` / `'Met' [70, 90)`: the Vietnamese bounds are separated by `;`, since
    /// their decimal mark is `,`.
    pub fn render(&self, lang: Lang) -> String {
        let lo = match self.min {
            None => "(−∞".to_string(),
            Some(m) => format!(
                "{}{}",
                if self.min_inclusive { "[" } else { "(" },
                lang.num(m)
            ),
        };
        let hi = match self.max {
            None => "+∞)".to_string(),
            Some(m) => format!(
                "{}{}",
                lang.num(m),
                if self.max_inclusive { "]" } else { ")" }
            ),
        };
        let label = self
            .label
            .as_deref()
            .map(|l| say!(lang, vi: "“{l}” ", en: "'{l}' "))
            .unwrap_or_default();
        say!(lang, vi: "{label}{lo}; {hi}", en: "{label}{lo}, {hi}")
    }
}

impl DefiningMsg {
    pub fn render(&self, lang: Lang) -> String {
        use DefiningMsg::*;
        let n = |d: &Decimal| lang.num(*d);
        match self {
            EmptyId => say!(lang,
                vi: "mã bộ chỉ số (id) không được để trống",
                en: "id must not be empty"),
            RoundingPlaces => say!(lang,
                vi: "số chữ số làm tròn phải từ 0 đến 10",
                en: "rounding places must be between 0 and 10"),
            NoNodes => say!(lang,
                vi: "bộ chỉ số cần có ít nhất một tiêu chí",
                en: "a methodology needs at least one node"),
            ZeroTotalMax => say!(lang,
                vi: "tổng điểm tối đa của bộ chỉ số phải lớn hơn 0",
                en: "the tree's total max must be above zero"),
            CodeUsedTwice { code } => say!(lang,
                vi: "mã “{code}” được dùng hai lần",
                en: "code '{code}' is used twice"),
            AdjustmentCaps { min, max } => {
                let (min, max) = (n(min), n(max));
                say!(lang,
                    vi: "giới hạn điểm thưởng/điểm trừ phải thỏa mãn min ≤ 0 ≤ max (đang là {min} và {max})",
                    en: "an adjustment's caps must satisfy min ≤ 0 ≤ max (they are {min} and {max})")
            }
            BlockWithoutId => say!(lang,
                vi: "khối cần có mã (id)",
                en: "a block needs an id"),
            BlockDeclaredTwice { block } => say!(lang,
                vi: "khối “{block}” được khai báo hai lần",
                en: "block '{block}' is declared twice"),
            TieBreakerTwice => say!(lang,
                vi: "tiêu chí phụ xếp hạng này được liệt kê hai lần; lần thứ hai không có tác dụng",
                en: "this tie-breaker is listed twice; the second decides nothing"),
            TieBreakerUnknownComponent { component } => say!(lang,
                vi: "tiêu chí phụ xếp hạng dùng thành phần “{component}”, nhưng không tiêu chí nào thuộc thành phần này",
                en: "tie-breaker names component '{component}', which no leaf has"),
            TieBreakerUnknownNode { code } => say!(lang,
                vi: "tiêu chí phụ xếp hạng dùng tiêu chí {code}, không có trong bộ tiêu chí",
                en: "tie-breaker names node '{code}', which the tree does not have"),
            NegativeMax => say!(lang,
                vi: "điểm tối đa không được âm",
                en: "max must not be negative"),
            RuleOnParent => say!(lang,
                vi: "chỉ tiêu chí không có tiêu chí con mới có cách chấm; tiêu chí này có tiêu chí con",
                en: "only leaves have rules; this node has children"),
            MaxMismatch { max, sum } => {
                let (max, sum) = (n(max), n(sum));
                say!(lang,
                    vi: "điểm tối đa {max} khác tổng điểm tối đa của các tiêu chí con ({sum})",
                    en: "max {max} differs from the sum of its children's maxima, {sum}")
            }
            BadCode { code, parent } => match parent {
                Some(p) => say!(lang,
                    vi: "mã “{code}” không đúng dạng; tiêu chí con của {p} phải có mã dạng “{p}.<số>”",
                    en: "code '{code}' is not a dotted code; expected '{p}.<n>' under its parent '{p}'"),
                None => say!(lang,
                    vi: "mã “{code}” không đúng dạng; cần mã như “1” hoặc “1.2”",
                    en: "code '{code}' is not a dotted code; expected a code such as '1' or '1.2'"),
            },
            PointsAboveMax { points, max } => {
                let (points, max) = (n(points), n(max));
                say!(lang,
                    vi: "{points} điểm nằm ngoài khoảng 0..{max} (điểm tối đa của tiêu chí)",
                    en: "{points} points is outside 0..{max}, the node's max")
            }
            SurveyTakesNoRule => say!(lang,
                vi: "tiêu chí điều tra xã hội học được chấm từ điểm hoặc tỷ lệ điều tra; không có cách chấm riêng",
                en: "a survey leaf is scored from survey points or percent; it takes no rule"),
            ChoiceWithoutOptions => say!(lang,
                vi: "cách chấm theo lựa chọn cần có các lựa chọn",
                en: "a choice needs options"),
            OptionWithoutLabel => say!(lang,
                vi: "lựa chọn cần có tên",
                en: "an option needs a label"),
            OptionTwice { label } => say!(lang,
                vi: "lựa chọn “{label}” được liệt kê hai lần",
                en: "option '{label}' is listed twice"),
            BandsRuleWithoutBands => say!(lang,
                vi: "cách chấm theo khoảng cần có các khoảng",
                en: "a bands rule needs bands"),
            RatioTargetNotPositive => say!(lang,
                vi: "mức chuẩn của cách chấm theo tỷ lệ phải lớn hơn 0",
                en: "a ratio's target must be above zero"),
            RatioWithoutTarget => say!(lang,
                vi: "cách chấm theo tỷ lệ cần có mức chuẩn (target)",
                en: "a ratio needs a target"),
            EmptyBand { band } => {
                let band = band.render(lang);
                say!(lang,
                    vi: "khoảng {band} không chứa giá trị nào",
                    en: "band {band} contains no value")
            }
            BandsOverlap { lower, upper } => {
                let (lower, upper) = (lower.render(lang), upper.render(lang));
                say!(lang,
                    vi: "hai khoảng {lower} và {upper} chồng lên nhau",
                    en: "bands {lower} and {upper} overlap")
            }
            BandsGap { lower, upper } => {
                let (lower, upper) = (lower.render(lang), upper.render(lang));
                say!(lang,
                    vi: "giữa hai khoảng {lower} và {upper} còn bị hở",
                    en: "bands {lower} and {upper} leave a gap between them")
            }
            ClassBandWithoutLabel => say!(lang,
                vi: "mức xếp loại cần có tên",
                en: "a band needs a label"),
            ClassBandOutside { label, min } => {
                let min = n(min);
                say!(lang,
                    vi: "mức xếp loại “{label}” bắt đầu từ {min}, ngoài khoảng 0..100",
                    en: "band '{label}' starts at {min}, outside 0..100")
            }
            ClassBandTwice { label } => say!(lang,
                vi: "mức xếp loại “{label}” được liệt kê hai lần",
                en: "band '{label}' is listed twice"),
            ClassBandsOrder {
                label,
                min,
                previous,
                previous_min,
            } => {
                let (min, previous_min) = (n(min), n(previous_min));
                say!(lang,
                    vi: "mức xếp loại “{label}” (từ {min}) chồng lên mức “{previous}” (từ {previous_min}): hãy liệt kê từ mức cao nhất xuống, mức sau bắt đầu thấp hơn mức trước",
                    en: "band '{label}' (from {min}) overlaps band '{previous}' (from {previous_min}): list bands from the highest down, each starting lower")
            }
            UnknownMethodology { id, known } => {
                let known = known.join(", ");
                say!(lang,
                    vi: "không có bộ chỉ số có sẵn “{id}”; các bộ có sẵn: {known}",
                    en: "no built-in methodology '{id}'; built in: {known}")
            }
            NoCriteriaHeader { rows } => say!(lang,
                vi: "không tìm thấy dòng tiêu đề của bảng tiêu chí trong {rows} dòng đầu: cần các cột như “STT”, “Tên tiêu chí” (hoặc “Nội dung”, “Lĩnh vực/Tiêu chí”) và “Điểm tối đa” (hoặc “Thang điểm”)",
                en: "no header row of a criteria table in the first {rows} rows: it needs columns such as 'STT', 'Tên tiêu chí' (or 'Nội dung', 'Lĩnh vực/Tiêu chí') and 'Điểm tối đa' (or 'Thang điểm'), or code, name and max"),
            TotalRowMismatch { written, sum } => {
                let (written, sum) = (n(written), n(sum));
                say!(lang,
                    vi: "dòng tổng ghi {written} điểm nhưng tổng điểm tối đa các lĩnh vực là {sum}",
                    en: "the total row says {written} points but the fields' maxima add up to {sum}")
            }
            NumberNotRead { number } => say!(lang,
                vi: "không đọc được số thứ tự “{number}”: dùng I, II… cho lĩnh vực, 1, 1.2… cho tiêu chí, a, b… hoặc - cho ý nhỏ",
                en: "the number '{number}' is not read: use I, II… for fields, 1, 1.2… for criteria, a, b… or - for sub-items"),
            SubItemWithoutParent { number } => say!(lang,
                vi: "ý “{number}” không có tiêu chí đánh số ở phía trên",
                en: "the sub-item '{number}' has no numbered criterion above it"),
            ClassRangeNotRead { written } => say!(lang,
                vi: "không đọc được khoảng xếp loại “{written}”: viết “Xuất sắc: từ 90% trở lên”, “Tốt: từ 80% đến dưới 90%”, “Yếu: dưới 50%”",
                en: "the classification range '{written}' is not read: write 'Xuất sắc: từ 90% trở lên', 'Tốt: từ 80% đến dưới 90%', 'Yếu: dưới 50%'"),
            ClassBandsDisagree {
                label,
                upper,
                above,
                above_min,
            } => {
                let (upper, above_min) = (upper.render(lang), n(above_min));
                say!(lang,
                    vi: "mức xếp loại “{label}” {upper} không liền với mức “{above}” (từ {above_min}): các mức phải nối tiếp nhau, không hở, không chồng",
                    en: "band '{label}' {upper} does not meet band '{above}' (from {above_min}): bands must follow each other without gap or overlap")
            }
            UnknownPolicy { key, known } => {
                let known = known.join(", ");
                say!(lang,
                    vi: "không có quy tắc “{key}”; các quy tắc: {known}",
                    en: "no policy '{key}'; policies: {known}")
            }
            PolicyValue { key, value } => say!(lang,
                vi: "quy tắc {key} không nhận giá trị “{value}”",
                en: "policy {key} does not take the value '{value}'"),
            CriteriaColumnMissing { column } => say!(lang,
                vi: "bảng tiêu chí cần có cột “{column}”",
                en: "the table needs the column '{column}'"),
            ClassificationTwice => say!(lang,
                vi: "phụ lục có hai phần xếp loại; bộ chỉ số chỉ có một cách xếp loại (xếp loại theo khối: khai báo trong tệp JSON)",
                en: "the annex has two classifications; a methodology has one (per-block classifications: set them in the JSON)"),
            LeafWithoutMax => say!(lang,
                vi: "tiêu chí không có tiêu chí con cần có điểm tối đa",
                en: "a criterion without sub-criteria needs a max"),
            RowWithoutName => say!(lang,
                vi: "dòng không có tên tiêu chí",
                en: "the row has no name"),
            SurveyNotYesNo => say!(lang,
                vi: "cột survey (điều tra xã hội học) phải là có hoặc không",
                en: "survey must be yes or no (có/không)"),
            ParentAfterChild { parent, code } => say!(lang,
                vi: "tiêu chí cha {parent} phải đứng trước {code}",
                en: "parent '{parent}' must come before '{code}'"),
            NoParentRow { parent, code } => say!(lang,
                vi: "{code} không có dòng tiêu chí cha {parent}",
                en: "'{code}' has no parent row '{parent}'"),
            YesNoOptions { label } => say!(lang,
                vi: "cách chấm có/không chỉ có yes=… và no=…, không có “{label}”",
                en: "yes_no options are yes=… and no=…, not '{label}'"),
            NotABand { written } => say!(lang,
                vi: "“{written}” không phải là một khoảng; hãy viết >90%, ≥90%, <70%, ≤70%, 70%-90% hoặc 70%-<90%",
                en: "'{written}' is not a band; write >90%, ≥90%, <70%, ≤70%, 70%-90% or 70%-<90%"),
            NotARule { given } => say!(lang,
                vi: "“{given}” không phải là cách chấm; dùng points, choice, yes_no, bands hoặc ratio",
                en: "'{given}' is not a rule; use points, choice, yes_no, bands or ratio"),
            PairWithoutPoints { part } => say!(lang,
                vi: "“{part}” cần có “=điểm”",
                en: "'{part}' needs '=points'"),
        }
    }
}
