//! Texts of the packages' refusals of values Python or JavaScript holds and the engine has no
//! reading of: a `float` where an exact number is wanted, a type a table cell or a JSON document
//! cannot hold, a string holding half a character. (What the engine refuses in what it reads is
//! said by the other messages.)

use super::{say, Lang};

/// A refusal of a Python value, at a place of the input (`units[0].entries.1.3.self`, or a
/// DataFrame's cell, [`BindingText::CellAt`]).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(test, derive(strum::EnumIter))]
pub enum BindingText {
    /// A float where an exact number is wanted, quoted as Python writes it (`given`) and as it
    /// would be typed (`typed`).
    FloatNotExact {
        at: String,
        given: String,
        typed: String,
    },
    /// A table cell of a type no table holds.
    CellType { at: String, given: String },
    /// A value of a type JSON cannot hold.
    NotJson { at: String, given: String },
    /// A dict's key that is not text.
    KeyNotText { at: String, given: String },
    /// A text holding half of a surrogate pair (`json.loads` and `JSON.parse` make one of
    /// `"\ud800"`), which no UTF-8 text can hold, at a place of a value (`at`).
    HalfCharacter { at: String },
    /// [`BindingText::HalfCharacter`] on a line of a text given whole (a CSV or JSON text).
    HalfCharacterOnLine { line: usize },
    /// A DataFrame's cell, as the other texts name their place.
    CellAt { column: String, row: usize },
    /// Assessments of no shape the package reads.
    AssessmentsShape,
    /// A score sheet to read given as none of the things it is read from (`given`: the type).
    ScoreSheetShape { given: String },
    /// A criteria table to import given as none of the things it is read from.
    CriteriaTableShape { given: String },
    /// A ranking to compare given as none of the things it is read from.
    RankingShape { given: String },
    /// A table asked for as a pandas DataFrame where pandas is not installed (`detail`: why
    /// Python could not import it).
    PandasMissing { detail: String },
}

impl BindingText {
    pub fn render(&self, lang: Lang) -> String {
        use BindingText::*;
        match self {
            FloatNotExact { at, given, typed } => say!(lang,
                vi: "{at}: {given} là số thực dấu phẩy động (float), không chính xác nên parindex không nhận; hãy truyền chuỗi hoặc decimal.Decimal (ví dụ '{typed}' hoặc Decimal('{typed}'))",
                en: "{at}: got the float {given}; floats are not exact, so parindex does not accept them: pass a string or a decimal.Decimal instead (e.g. '{typed}' or Decimal('{typed}'))"),
            CellType { at, given } => say!(lang,
                vi: "{at}: ô của bảng phải là str, int, bool, Decimal hoặc ngày tháng, không phải {given}",
                en: "{at}: a table cell must be a str, int, bool, Decimal or date, not {given}"),
            NotJson { at, given } => say!(lang,
                vi: "{at}: không ghi được giá trị kiểu {given} thành JSON",
                en: "{at}: {given} cannot be written as JSON"),
            KeyNotText { at, given } => say!(lang,
                vi: "{at}: khóa của dict phải là chuỗi, không phải {given}",
                en: "{at}: keys must be strings, not {given}"),
            HalfCharacter { at } => half_character_at(at, lang),
            HalfCharacterOnLine { line } => half_character_on_line(*line, lang),
            CellAt { column, row } => say!(lang,
                vi: "cột “{column}”, dòng {row}",
                en: "column '{column}', row {row}"),
            AssessmentsShape => say!(lang,
                vi: "dữ liệu chấm điểm phải là danh sách các dict của đơn vị, một tài liệu par.assessments/1 dạng dict, đường dẫn đến tệp JSON, CSV hoặc bảng tính, nội dung (bytes) của một tệp như vậy, hoặc một DataFrame của pandas",
                en: "assessments must be a list of unit dicts, a par.assessments/1 document as a dict, a path to a JSON, CSV or workbook file, the bytes of such a file, or a pandas DataFrame"),
            ScoreSheetShape { given } => say!(lang,
                vi: "bảng điểm được đọc từ đường dẫn đến tệp, nội dung (bytes) của tệp hoặc một DataFrame của pandas, không phải từ {given}",
                en: "a score sheet is read from a path, a file's bytes or a DataFrame, not {given}"),
            CriteriaTableShape { given } => say!(lang,
                vi: "bảng tiêu chí là đường dẫn đến tệp, nội dung (bytes) của tệp hoặc một DataFrame của pandas, không phải {given}",
                en: "a criteria table is a path, the bytes of a file, or a pandas DataFrame, not {given}"),
            PandasMissing { detail } => say!(lang,
                vi: "to_pandas() cần thư viện pandas, chưa được cài đặt: pip install pandas (hoặc pip install 'parindex[pandas]') (chi tiết kỹ thuật: {detail})",
                en: "to_pandas() needs pandas, which is not installed: pip install pandas (or pip install 'parindex[pandas]') (technical detail: {detail})"),
            RankingShape { given } => say!(lang,
                vi: "kết quả để so sánh là kết quả chấm điểm (Results), nội dung JSON của kết quả, hoặc đường dẫn đến tệp kết quả .json hay bảng xếp hạng đã công bố (.csv, .xlsx), không phải {given}",
                en: "a ranking to compare is results (Results), the JSON text of results, or the path to a results .json file or to a ranking as published (.csv, .xlsx), not {given}"),
        }
    }
}

/// [`BindingText::HalfCharacter`], said without the other texts: the npm package's scoring
/// module links this alone, not every text of the Python package's refusals.
pub fn half_character_at(at: &str, lang: Lang) -> String {
    let half = half_character(lang);
    say!(lang, vi: "{at}: {half}", en: "{at}: {half}")
}

/// [`BindingText::HalfCharacterOnLine`], said without the other texts ([`half_character_at`]).
pub fn half_character_on_line(line: usize, lang: Lang) -> String {
    let half = half_character(lang);
    say!(lang, vi: "dòng {line}: {half}", en: "line {line}: {half}")
}

/// What a text holding half a character is, wherever it is.
fn half_character(lang: Lang) -> String {
    say!(lang,
        vi: "chuỗi chứa nửa ký tự (surrogate đơn lẻ, như \"\\ud800\" trong JSON), không văn bản UTF-8 nào chứa được; hãy kiểm tra lại nguồn dữ liệu",
        en: "the text holds half a character (a lone surrogate, as \"\\ud800\" in JSON), which no UTF-8 text can hold; check where the data came from")
}
