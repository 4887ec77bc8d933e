//! The message catalogue: every text a person reads, in Vietnamese and in English.
//!
//! The people who read what `par` says are Vietnamese officials — a department's PAR officer on a
//! portal form, an appraiser at the Department of Home Affairs, the leaders who read a ranking —
//! so Vietnamese is the default language ([`Lang::Vi`]) and English the second.
//!
//! Texts are typed values, not strings: a problem holds a [`Msg`] with the facts it reports
//! (the value given, the max allowed, the criterion's name), and the text is made once, at the
//! edge, in the language asked for ([`Msg::render`]). Each catalogue file keeps the two languages
//! of a text side by side, in the officials' own terms (`../shared/domain/README.md`,
//! "Words for messages and reports"):
//!
//! - `reading.rs`: documents, tables, decimals and files that cannot be read as they are;
//! - `defining.rs`: methodologies, criteria tables and their rules;
//! - `importing.rs`: what each row of a criteria annex was read as, and its warnings;
//! - `scoring.rs`: scores that cannot be counted, warnings, results and comparisons;
//! - `labels.rs`: headings, column names and summaries of what the engine prints for people;
//! - `reports.rs`: the what-if answer and the reports' sheets, columns and title rows;
//! - `command_line.rs`: the `par` command line's help and the mistakes a command line can have.
//!
//! Numbers in a text follow the language: `87,33` in Vietnamese, `87.33` in English. Machine
//! outputs (JSON, CSV) always keep `.`; a value a person typed is repeated as it was typed.

mod bindings;
mod command_line;
mod defining;
mod importing;
mod labels;
mod reading;
mod reports;
mod scoring;

pub use bindings::{half_character_at, half_character_on_line, BindingText};
pub use command_line::CommandText;
pub use defining::{DefiningMsg, Interval};
pub use importing::{Doubt, ImportWarningMsg, NotExported, OwnDetail, Understood};
pub use labels::{Label, LevelName};
pub use reading::{
    Counted, DecimalFault, DocumentKind, EntryText, FileKind, Found, JsonExpected, ReadingMsg,
    SyntaxFault,
};
pub use reports::ReportText;
pub use scoring::{Criterion, Input, Listed, RuleNote, ScoringMsg, WarningMsg};

use crate::decimal::exact_text;
use crate::error::{ErrorCode, ParError};
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::fmt;

/// A language of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// Vietnamese: the default, the language of the people who read the engine's texts.
    #[default]
    Vi,
    /// English.
    En,
}

impl Lang {
    /// Every language, for tests and for bindings that list them.
    pub const ALL: [Lang; 2] = [Lang::Vi, Lang::En];

    /// Of a text written in each language (a fixed word of the catalogue), the one in this.
    pub(crate) fn pick<'t>(self, vi: &'t str, en: &'t str) -> &'t str {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }

    /// The language's code as `--lang`, `PAR_LANG` and the bindings' `lang` option take it.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// Reads a language code: `vi` or `en`, in any case, with or without a region or encoding
    /// (`vi-VN`, `en_US.UTF-8`), as an environment variable may hold it.
    pub fn parse(code: &str) -> Option<Lang> {
        let primary = code
            .trim()
            .split(['-', '_', '.'])
            .next()
            .unwrap_or_default();
        Lang::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(primary))
    }

    /// The language every binding uses: the one asked for, else the `PAR_LANG` environment
    /// variable (passed in by the binding: the core reads no environment), else Vietnamese.
    /// A code that is neither `vi` nor `en` is refused, never ignored.
    pub fn resolve(asked: Option<&str>, env: Option<&str>) -> Result<Lang, ParError> {
        let (given, field) = match (asked, env) {
            (Some(code), _) => (code, "lang"),
            (None, Some(code)) if !code.trim().is_empty() => (code, "PAR_LANG"),
            _ => return Ok(Lang::default()),
        };
        Lang::parse(given).ok_or_else(|| {
            ParError::new(
                ErrorCode::UnknownOption,
                ReadingMsg::UnknownLanguage {
                    given: given.to_string(),
                },
            )
            .field(field)
            .value(given)
        })
    }

    /// A decimal as this language writes it: `87,33` in Vietnamese, `87.33` in English, without
    /// trailing zeros beyond the value's own (`2.50` stays `2,50`).
    pub fn num(self, value: Decimal) -> String {
        self.decimal_text(&value.to_string())
    }

    /// A decimal without trailing zeros (`2`, not `2.00`), as this language writes it.
    pub fn exact(self, value: Decimal) -> String {
        self.decimal_text(&exact_text(value))
    }

    /// Decimal text written with `.` (as the engine prints it), in this language's decimal mark.
    pub fn decimal_text(self, text: &str) -> String {
        match self {
            Lang::Vi => text.replace('.', ","),
            Lang::En => text.to_string(),
        }
    }

    /// A count with thousands grouped as this language groups them: `1.000` in Vietnamese,
    /// `1,000` in English.
    pub fn count(self, n: usize) -> String {
        let digits = n.to_string();
        let mark = match self {
            Lang::Vi => '.',
            Lang::En => ',',
        };
        let mut out = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(mark);
            }
            out.push(c);
        }
        out
    }

    /// Items joined into one list: `a, b hoặc c` / `a, b or c`.
    pub fn or_list(self, items: &[String]) -> String {
        let last = match self {
            Lang::Vi => " hoặc ",
            Lang::En => " or ",
        };
        join_list(items, last)
    }
}

/// Items joined into one list, `last` before the last one.
pub(super) fn join_list(items: &[String], last: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., tail] => format!("{}{last}{tail}", init.join(", ")),
    }
}

impl std::str::FromStr for Lang {
    type Err = ParError;
    fn from_str(s: &str) -> Result<Lang, ParError> {
        Lang::resolve(Some(s), None)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One text of the catalogue, with the facts it reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    Reading(ReadingMsg),
    Defining(DefiningMsg),
    Scoring(ScoringMsg),
    /// A problem found in a file, named before the problem's own text.
    InFile {
        file: String,
        inner: Box<Msg>,
    },
}

impl Msg {
    /// The text in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        match self {
            Msg::Reading(m) => m.render(lang),
            Msg::Defining(m) => m.render(lang),
            Msg::Scoring(m) => m.render(lang),
            Msg::InFile { file, inner } => format!("{file}: {}", inner.render(lang)),
        }
    }

    /// The files the text is said of, the outermost first, and the text said of them.
    fn in_files(&self) -> (Vec<&str>, &Msg) {
        let mut files = Vec::new();
        let mut text = self;
        while let Msg::InFile { file, inner } = text {
            files.push(file.as_str());
            text = inner;
        }
        (files, text)
    }

    /// The same text, said of a file.
    pub fn in_file(self, file: impl Into<String>) -> Msg {
        Msg::InFile {
            file: file.into(),
            inner: Box::new(self),
        }
    }
}

impl From<ReadingMsg> for Msg {
    fn from(m: ReadingMsg) -> Msg {
        Msg::Reading(m)
    }
}
impl From<DefiningMsg> for Msg {
    fn from(m: DefiningMsg) -> Msg {
        Msg::Defining(m)
    }
}
impl From<ScoringMsg> for Msg {
    fn from(m: ScoringMsg) -> Msg {
        Msg::Scoring(m)
    }
}

/// A text in the chosen language, written with implicit captures of the values bound before it:
/// `say!(lang, vi: "điểm {points}", en: "{points} points")`. Both texts sit side by side, so a
/// reader of the catalogue checks one against the other.
macro_rules! say {
    ($lang:expr, vi: $vi:literal, en: $en:literal $(,)?) => {
        match $lang {
            $crate::text::Lang::Vi => $crate::text::said(format_args!($vi)),
            $crate::text::Lang::En => $crate::text::said(format_args!($en)),
        }
    };
}
pub(crate) use say;

/// The start of `text`, at most `max` bytes of it, cut between characters.
pub(crate) fn cut_at(text: &str, max: usize) -> &str {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// A text of [`say!`], made here rather than where it is said: `format!` is inlined where it is
/// written, and the catalogue says hundreds of texts (the WebAssembly module is smaller so).
#[inline(never)]
pub(crate) fn said(text: std::fmt::Arguments) -> String {
    std::fmt::format(text)
}

impl ErrorCode {
    /// A short title for the kind of problem, e.g. as a heading above a portal's list of them.
    pub fn title(self, lang: Lang) -> &'static str {
        use ErrorCode::*;
        let (vi, en) = match self {
            BadJson => ("Dữ liệu không đọc được", "Unreadable data"),
            UnknownField => ("Trường không có trong định dạng", "Unknown field"),
            MissingField => ("Thiếu thông tin bắt buộc", "Missing field"),
            BadType => ("Sai kiểu dữ liệu", "Wrong type"),
            BadDecimal => ("Không phải là số", "Not a number"),
            OutOfRange => ("Giá trị ngoài phạm vi cho phép", "Value out of range"),
            UnknownNode => ("Không có trong bộ tiêu chí", "Not in the criteria set"),
            UnknownOption => ("Lựa chọn không có trong cách chấm", "Unknown option"),
            UnknownBlock => ("Khối không được khai báo", "Unknown block"),
            DuplicateUnit => ("Đơn vị bị trùng", "Duplicate unit"),
            DuplicateCode => ("Mã bị trùng", "Duplicate code"),
            BadCode => ("Mã tiêu chí không đúng", "Bad criterion code"),
            MaxMismatch => (
                "Điểm tối đa không bằng tổng các tiêu chí con",
                "Max differs from its children's sum",
            ),
            BadRule => ("Cách chấm không hợp lệ", "Bad scoring rule"),
            BandOverlap => ("Các khoảng xếp loại chồng nhau", "Overlapping bands"),
            BandGap => ("Các khoảng xếp loại bị hở", "Gap between bands"),
            MissingLeaf => ("Tiêu chí chưa chấm", "Criterion not scored"),
            NotAppraised => ("Chưa thẩm định", "Not appraised"),
            ReasonRequired => ("Thiếu lý do điều chỉnh", "Reason required"),
            SurveyOnly => (
                "Tiêu chí chỉ chấm qua điều tra xã hội học",
                "Survey-only criterion",
            ),
            NotSurvey => (
                "Tiêu chí không chấm qua điều tra xã hội học",
                "Not a survey criterion",
            ),
            ConflictingInput => ("Dữ liệu mâu thuẫn", "Conflicting input"),
            BadRound => ("Lần thẩm định không đúng thứ tự", "Bad appraisal round"),
            LimitExceeded => ("Vượt giới hạn", "Limit exceeded"),
            UnknownMethodology => ("Không có bộ chỉ số này", "Unknown methodology"),
            UnsupportedSchema => ("Định dạng không được hỗ trợ", "Unsupported format"),
            UnknownUnit => ("Không có đơn vị này", "Unknown unit"),
            BadEncoding => ("Sai bảng mã ký tự", "Bad text encoding"),
            UnreadableFile => ("Tệp không đọc được", "Unreadable file"),
        };
        lang.pick(vi, en)
    }
}

impl ParError {
    /// The problem's text in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        self.message.render(lang)
    }

    /// The problem as one line for people, in `lang`: where it is, what is wrong, and its code
    /// for reference — `dòng 3, đơn vị Sở Y tế, tiêu chí 1.1.2, tự chấm: … (mã lỗi: out_of_range)`
    /// (`tệp so-2024.csv, dòng 3, …` for a problem of one of several files).
    pub fn line(&self, lang: Lang) -> String {
        // A problem of one of several files names the file first, then where in it: `tệp
        // so-2024.xlsx, trang “Điểm”, dòng 4: …`.
        let (files, text) = self.message.in_files();
        // A text about one input of a criterion names both; the place need not repeat them.
        let named = matches!(text, Msg::Scoring(ScoringMsg::About { .. }));
        let file = |file| say!(lang, vi: "tệp {file}", en: "file {file}");
        let mut place: Vec<String> = files.into_iter().map(file).collect();
        if let Some(sheet) = &self.sheet {
            place.push(say!(lang, vi: "trang “{sheet}”", en: "sheet '{sheet}'"));
        }
        if let Some(row) = self.row {
            place.push(say!(lang, vi: "dòng {row}", en: "row {row}"));
        }
        if let Some(unit) = &self.unit {
            // The problem's `unit` names it whole for programs (up to a text's limit); a line
            // for people quotes it, as it quotes a value: another problem of a unit whose name
            // is over its limit would repeat sixteen kilobytes.
            let unit = crate::error::quoted(unit);
            place.push(say!(lang, vi: "đơn vị {unit}", en: "unit {unit}"));
        }
        if let Some(node) = self.node.as_ref().filter(|_| !named) {
            place.push(say!(lang, vi: "tiêu chí {node}", en: "criterion {node}"));
        }
        if let Some(field) = self.field.as_ref().filter(|_| !named) {
            // A field the format does not have is named as given: looked up among the known
            // fields, `name` at a unit would read as a criterion's name.
            let as_given = self.code == ErrorCode::UnknownField;
            place.push(field_name(field, as_given, lang));
        }
        if let Some(limit) = &self.limit {
            place.push(say!(lang, vi: "giới hạn {limit}", en: "limit {limit}"));
        }
        let code = self.code;
        let message = text.render(lang);
        let place = match place.is_empty() {
            true => String::new(),
            false => format!("{}: ", place.join(", ")),
        };
        let line = say!(lang,
            vi: "{place}{message} (mã lỗi: {code})",
            en: "{place}{message} (code: {code})");
        one_visible_line(&line)
    }
}

/// A problem's line as it is printed: a value quoted from a cell may hold line breaks, and a
/// problem stays one line; any other control character is shown by its number
/// ([`control_characters_shown`]).
fn one_visible_line(line: &str) -> String {
    let line = line.replace('\r', "\\r").replace('\n', "\\n");
    control_characters_shown(&line).into_owned()
}

/// A text with the control characters a cell may carry (a terminal's escape sequence, a bell),
/// which would recolour or beep a terminal printing it, shown by their numbers (`\u{001b}`);
/// line breaks and tabs kept. So are the characters that set the direction of the text after
/// them (U+202E, right-to-left override, written backwards from it: `70.00` shows as `00.07`
/// in a terminal that lays out both directions, or in a portal a line is pasted into), and the
/// Unicode line and paragraph separators, which some terminals and editors break a line at.
pub fn control_characters_shown(text: &str) -> Cow<'_, str> {
    let shown_apart = |c: char| {
        (c.is_control() && !matches!(c, '\n' | '\t' | '\r')) || sets_direction_or_breaks(c)
    };
    if !text.contains(shown_apart) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match shown_apart(c) {
            true => shown.push_str(&format!("\\u{{{:04x}}}", u32::from(c))),
            false => shown.push(c),
        }
    }
    Cow::Owned(shown)
}

/// The characters that set the direction of the text around them (Unicode's bidirectional
/// formatting characters, which Vietnamese never needs), and the line and paragraph separators.
fn sets_direction_or_breaks(c: char) -> bool {
    matches!(
        c,
        '\u{061C}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// Where in a unit's input a problem is, in the officials' words for the inputs they type
/// (`tự chấm`, `thẩm định lần 2`); any other field as the document names it (`nodes[2].max`).
/// English keeps the document's names: its readers are the developers who write them.
fn field_name(field: &str, as_given: bool, lang: Lang) -> String {
    if lang == Lang::Vi {
        // `compare` names the document a field is in.
        for (document, words) in [
            ("previous", "kết quả kỳ trước"),
            ("current", "kết quả kỳ này"),
        ] {
            match field.strip_prefix(document) {
                Some("") => return words.to_string(),
                Some(rest) if rest.starts_with('.') => {
                    return format!("{words}, {}", field_name(&rest[1..], as_given, lang));
                }
                _ => {}
            }
        }
        let round = |rest: &str| {
            let i: u32 = rest.split(']').next()?.parse().ok()?;
            Some(i + 1)
        };
        let known = match field {
            _ if as_given => None,
            "self" => Some("tự chấm".to_string()),
            "appraised" => Some("thẩm định".to_string()),
            "appraisals" => Some("các lần thẩm định".to_string()),
            "value" => Some("điểm đạt được".to_string()),
            "evidence" => Some("tài liệu kiểm chứng".to_string()),
            "explanation" => Some("giải trình".to_string()),
            "reason" => Some("lý do điều chỉnh".to_string()),
            "by" => Some("người thẩm định".to_string()),
            "survey" | "survey.points" | "survey.percent" => {
                Some("điều tra xã hội học".to_string())
            }
            "unit" => Some("tên đơn vị".to_string()),
            "units" => Some("danh sách đơn vị".to_string()),
            "block" => Some("khối".to_string()),
            "code" => Some("mã tiêu chí".to_string()),
            "name" => Some("tên tiêu chí".to_string()),
            "max" => Some("điểm tối đa".to_string()),
            "rule" => Some("cách chấm".to_string()),
            "options" => Some("các lựa chọn".to_string()),
            "bands" => Some("các khoảng".to_string()),
            "target" => Some("mức chuẩn".to_string()),
            "target.band" => Some("xếp loại cần đạt".to_string()),
            "target.rank" => Some("hạng cần đạt".to_string()),
            "lang" => Some("ngôn ngữ".to_string()),
            "PAR_LANG" => Some("biến môi trường PAR_LANG".to_string()),
            f if f.starts_with("set.") => Some(Input::Assumed.render(lang)),
            f => f.strip_prefix("appraisals[").and_then(|rest| {
                let n = round(rest)?;
                let what = rest.split_once("].").map_or("", |(_, what)| what);
                Some(match what {
                    "reason" => format!("lý do điều chỉnh lần {n}"),
                    "by" => format!("người thẩm định lần {n}"),
                    "round" => format!("số thứ tự của lần thẩm định {n}"),
                    _ => format!("thẩm định lần {n}"),
                })
            }),
        };
        if let Some(known) = known {
            return known;
        }
    }
    say!(lang, vi: "trường {field}", en: "field {field}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_are_read_as_environments_write_them() {
        assert_eq!(Lang::parse("vi"), Some(Lang::Vi));
        assert_eq!(Lang::parse("VI_VN.UTF-8"), Some(Lang::Vi));
        assert_eq!(Lang::parse("en-GB"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
        assert_eq!(Lang::parse(""), None);
    }

    #[test]
    fn the_asked_language_wins_then_the_environment_then_vietnamese() {
        assert_eq!(Lang::resolve(Some("en"), Some("vi")), Ok(Lang::En));
        assert_eq!(Lang::resolve(None, Some("en")), Ok(Lang::En));
        assert_eq!(Lang::resolve(None, Some(" ")), Ok(Lang::Vi));
        assert_eq!(Lang::resolve(None, None), Ok(Lang::Vi));
        let refused = Lang::resolve(None, Some("fr")).unwrap_err();
        assert_eq!(refused.code, ErrorCode::UnknownOption);
        assert_eq!(refused.field.as_deref(), Some("PAR_LANG"));
        assert!(refused.message(Lang::Vi).contains("fr"));
    }

    #[test]
    fn fields_are_named_in_words_where_people_type_them() {
        assert_eq!(
            field_name("appraisals[1].value", false, Lang::Vi),
            "thẩm định lần 2"
        );
        assert_eq!(field_name("lang", false, Lang::Vi), "ngôn ngữ");
        assert_eq!(
            field_name("previous.units[0].rank", false, Lang::Vi),
            "kết quả kỳ trước, trường units[0].rank"
        );
        assert_eq!(field_name("current", false, Lang::Vi), "kết quả kỳ này");
        assert_eq!(
            field_name("nodes[2].max", false, Lang::Vi),
            "trường nodes[2].max"
        );
        assert_eq!(
            field_name("appraisals[1].value", false, Lang::En),
            "field appraisals[1].value"
        );
        // A field the format does not have, as given: `name` at a unit is no criterion's name.
        assert_eq!(field_name("name", true, Lang::Vi), "trường name");
        assert_eq!(
            field_name("previous.units[0].name", true, Lang::Vi),
            "kết quả kỳ trước, trường units[0].name"
        );
    }

    #[test]
    fn a_line_quotes_a_long_unit_name_that_the_problem_keeps_whole() {
        let name = "X".repeat(17_000);
        let problem = ParError::new(ErrorCode::UnknownNode, ReadingMsg::NoUnitList)
            .unit(&name)
            .node("9.9");
        assert_eq!(problem.unit.as_ref().map(String::len), Some(16 * 1024 + 3));
        let line = problem.line(Lang::Vi);
        assert!(line.starts_with(&format!("đơn vị {}…, tiêu chí 9.9: ", "X".repeat(200))));
    }

    #[test]
    fn a_line_shows_the_control_characters_of_a_value_by_their_numbers() {
        // A code cell holding a terminal's escape would recolour the terminal printing it.
        let problem = ParError::new(ErrorCode::UnknownNode, ReadingMsg::NoUnitList)
            .node("\u{1b}[31m1.1\u{7}")
            .row(3);
        let line = problem.line(Lang::Vi);
        assert!(
            line.starts_with("dòng 3, tiêu chí \\u{001b}[31m1.1\\u{0007}: "),
            "{line}"
        );
        assert!(!line.chars().any(char::is_control), "{line}");
        // Printed to a terminal, a text keeps its line breaks and tabs.
        let block = "Khối \u{1b}[31mSở\u{7}\tA\n";
        assert_eq!(
            control_characters_shown(block),
            "Khối \\u{001b}[31mSở\\u{0007}\tA\n"
        );
        assert!(matches!(
            control_characters_shown("Sở Y tế\n"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn a_line_shows_the_characters_that_turn_its_direction_by_their_numbers() {
        // A unit named with a right-to-left override would show the rest of its line, the
        // figures after the name, backwards.
        let problem = ParError::new(ErrorCode::UnknownNode, ReadingMsg::NoUnitList)
            .unit("Sở \u{202E}Nội vụ\u{202C}")
            .row(3);
        let line = problem.line(Lang::En);
        assert!(line.contains("Sở \\u{202e}Nội vụ\\u{202c}"), "{line}");
        assert_eq!(
            control_characters_shown("A\u{2066}B\u{200F}C\u{2028}D"),
            "A\\u{2066}B\\u{200f}C\\u{2028}D"
        );
    }

    #[test]
    fn numbers_follow_the_language() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(Lang::Vi.num(d("87.33")), "87,33");
        assert_eq!(Lang::En.num(d("87.33")), "87.33");
        assert_eq!(Lang::Vi.exact(d("2.500")), "2,5");
        assert_eq!(Lang::Vi.count(536_870_912), "536.870.912");
        assert_eq!(Lang::En.count(1000), "1,000");
        assert_eq!(Lang::En.count(999), "999");
        assert_eq!(
            Lang::Vi.or_list(&["a".into(), "b".into(), "c".into()]),
            "a, b hoặc c"
        );
    }

    #[test]
    fn every_error_code_has_a_title_in_each_language() {
        for &code in ErrorCode::ALL {
            let (vi, en) = (code.title(Lang::Vi), code.title(Lang::En));
            assert!(!vi.is_empty() && !en.is_empty(), "{code}");
            assert_ne!(vi, en, "{code}: the Vietnamese title is the English one");
            assert!(!vi.is_ascii(), "{code}: '{vi}' has no Vietnamese letter");
        }
    }
}

/// The catalogue is complete: every text of every kind exists in both languages, the two differ,
/// and the Vietnamese one is written in Vietnamese (it has letters outside ASCII).
#[cfg(test)]
mod completeness {
    use super::*;
    use crate::results::WarningCode;
    use strum::IntoEnumIterator;

    fn check(kind: &str, texts: impl Iterator<Item = (String, String)>) -> usize {
        let mut checked = 0;
        for (vi, en) in texts {
            assert!(
                !vi.trim().is_empty() && !en.trim().is_empty(),
                "{kind}: an empty text"
            );
            assert_ne!(vi, en, "{kind}: the Vietnamese text is the English one");
            assert!(
                !vi.is_ascii(),
                "{kind}: '{vi}' is not written in Vietnamese"
            );
            checked += 1;
        }
        assert!(checked > 0, "{kind}: no texts");
        checked
    }

    fn both<T>(render: impl Fn(&T, Lang) -> String) -> impl Fn(T) -> (String, String) {
        move |t| (render(&t, Lang::Vi), render(&t, Lang::En))
    }

    #[test]
    fn every_text_has_a_vietnamese_and_an_english_version() {
        let mut n = 0;
        n += check("reading", ReadingMsg::iter().map(both(ReadingMsg::render)));
        n += check(
            "defining",
            DefiningMsg::iter().map(both(DefiningMsg::render)),
        );
        n += check("scoring", ScoringMsg::iter().map(both(ScoringMsg::render)));
        n += check("warning", WarningMsg::iter().map(both(WarningMsg::render)));
        n += check("rule note", RuleNote::iter().map(both(RuleNote::render)));
        n += check("label", Label::iter().map(both(Label::render)));
        n += check("report", ReportText::iter().map(both(ReportText::render)));
        n += check(
            "package",
            BindingText::iter().map(both(BindingText::render)),
        );
        n += check(
            "command line",
            CommandText::iter().map(both(CommandText::render)),
        );
        n += check(
            "level",
            LevelName::iter().map(both(|l: &LevelName, lang| l.render(lang))),
        );
        n += check(
            "counted",
            Counted::iter().map(both(|c: &Counted, l| c.render(l))),
        );
        n += check("found", Found::iter().map(both(Found::render)));
        n += check(
            "document",
            DocumentKind::iter().map(both(|k: &DocumentKind, l| k.render(l))),
        );
        n += check(
            "entry text",
            EntryText::iter().map(both(|t: &EntryText, l| t.render(l))),
        );
        // A text typed from `=` is told how to keep it, in both languages.
        let typed = ReadingMsg::EntryTextNotRead {
            what: EntryText::Reason,
            given: "=> xem".into(),
            fault: DecimalFault::Formula,
        };
        n += check(
            "entry text typed",
            std::iter::once(typed).map(both(ReadingMsg::render)),
        );
        n += check(
            "expected",
            JsonExpected::iter().map(both(JsonExpected::render)),
        );
        n += check(
            "decimal",
            DecimalFault::iter().map(both(|f: &DecimalFault, l| f.render(l))),
        );
        n += check(
            "syntax",
            SyntaxFault::iter().map(both(|f: &SyntaxFault, l| f.render(l))),
        );
        n += check("doubt", Doubt::iter().map(both(Doubt::render)));
        n += check(
            "import warning",
            ImportWarningMsg::iter().map(both(ImportWarningMsg::render)),
        );
        n += check(
            "not exported",
            NotExported::iter().map(both(NotExported::render)),
        );
        n += check(
            "own detail",
            OwnDetail::iter().map(both(|d: &OwnDetail, l| d.render(l).to_string())),
        );
        n += check(
            "understood",
            understood_samples()
                .into_iter()
                .map(both(Understood::render)),
        );
        let titles = ErrorCode::ALL
            .iter()
            .map(|c| (c.title(Lang::Vi).into(), c.title(Lang::En).into()));
        n += check("error code", titles);
        assert!(n > 200, "only {n} texts checked");
    }

    /// One of each thing a row can be read as (rules carry data strum cannot make up).
    fn understood_samples() -> Vec<Understood> {
        use crate::methodology::Rule;
        vec![
            Understood::Parent { children: 2 },
            Understood::Rule { rule: Rule::Points },
            Understood::Rule {
                rule: Rule::YesNo {
                    yes: None,
                    no: None,
                },
            },
            Understood::Rule {
                rule: Rule::Choice { options: vec![] },
            },
            Understood::Rule {
                rule: Rule::Bands {
                    measure: None,
                    bands: vec![],
                },
            },
            Understood::Rule {
                rule: Rule::Ratio {
                    target: crate::decimal::Dec(Decimal::ONE_HUNDRED),
                },
            },
            Understood::Points,
            Understood::NotRead {
                doubt: Doubt::PointsPerItem,
            },
            Understood::Total { sum: Decimal::TEN },
            Understood::Section {
                title: "XẾP LOẠI".into(),
            },
            Understood::ClassBand {
                band: Interval::default(),
            },
            Understood::Block { id: "sở".into() },
            Understood::Policy {
                key: "k".into(),
                value: "v".into(),
            },
            Understood::Skipped,
            Understood::Subtotal,
            Understood::GuidanceContinued,
            Understood::OptionOf { code: "1.1".into() },
        ]
    }

    #[test]
    fn every_warning_code_has_its_text() {
        let written: std::collections::HashSet<WarningCode> =
            WarningMsg::iter().map(|w| w.code()).collect();
        for &code in WarningCode::ALL {
            assert!(written.contains(&code), "{code:?} has no text");
        }
    }
}
