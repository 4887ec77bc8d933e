//! The columns of a criteria table, found by their headings as annexes print them (`STT`,
//! `Lĩnh vực/Tiêu chí/Tiêu chí thành phần`, `Điểm tối đa`, `Hướng dẫn chấm điểm`, …) or as the
//! project's own table names them (`code`, `name`, `max`, …), and the header row found below the
//! title rows an annex carries (`PHỤ LỤC I`, the set's name, `Kèm theo Quyết định số …`).

use crate::encoding::nfc;
use crate::limits;

/// A column the importer reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    /// The printed number (`STT`) or the node's code.
    Number,
    Name,
    Max,
    Guidance,
    Evidence,
    Notes,
    Component,
    Survey,
    Rule,
    Options,
    Bands,
    Measure,
    Target,
}

/// Headings read as exactly one column, compared trimmed, in lower case and NFC.
const EXACT: &[(&str, Column)] = &[
    ("code", Column::Number),
    ("stt", Column::Number),
    ("tt", Column::Number),
    ("số tt", Column::Number),
    ("số thứ tự", Column::Number),
    ("mã", Column::Number),
    ("mã số", Column::Number),
    ("mã tiêu chí", Column::Number),
    ("name", Column::Name),
    ("tên", Column::Name),
    ("max", Column::Max),
    ("điểm", Column::Max),
    ("notes", Column::Notes),
    ("ghi chú", Column::Notes),
    ("guidance", Column::Guidance),
    ("evidence", Column::Evidence),
    ("component", Column::Component),
    ("thành phần", Column::Component),
    ("survey", Column::Survey),
    ("điều tra xhh", Column::Survey),
    ("điều tra xã hội học", Column::Survey),
    ("rule", Column::Rule),
    ("options", Column::Options),
    ("bands", Column::Bands),
    ("measure", Column::Measure),
    ("target", Column::Target),
];

/// Words that make a heading a column wherever they appear in it, checked in this order:
/// `Hướng dẫn chấm điểm` is guidance though it says `điểm`.
const CONTAINS: &[(&str, Column)] = &[
    ("tài liệu kiểm chứng", Column::Evidence),
    ("hướng dẫn", Column::Guidance),
    ("cách chấm", Column::Guidance),
    ("cách tính", Column::Guidance),
    ("phương pháp chấm", Column::Guidance),
    ("cách thức chấm", Column::Guidance),
    ("chấm điểm", Column::Guidance),
    ("điểm tối đa", Column::Max),
    ("thang điểm", Column::Max),
    ("điểm chuẩn", Column::Max),
    ("tiêu chí", Column::Name),
    ("lĩnh vực", Column::Name),
    ("nội dung", Column::Name),
    ("chỉ số", Column::Name),
];

/// A heading as it is compared: trimmed, without a byte-order mark, one space between words,
/// lower case, NFC, and `Ð` (the Icelandic eth, U+00D0, which some Vietnamese fonts and
/// keyboards give for `Đ`) read as `đ`. Of a cell longer than any text is let be
/// ([`limits::TEXT_BYTES`]), only as much: every cell may be asked whether it is a heading, a
/// label or a title, and a cell of megabytes, normalised for each question, took minutes; a
/// text that long is none of them.
pub fn normalise(heading: &str) -> String {
    let heading = crate::text::cut_at(heading, limits::TEXT_BYTES.max);
    let words: Vec<&str> = heading
        .trim_start_matches('\u{feff}')
        .split_whitespace()
        .collect();
    nfc(&words.join(" ")).to_lowercase().replace('ð', "đ")
}

/// The column a heading names, if any. Scores typed into the annex (`Điểm tự chấm`) are none.
pub fn column_of(heading: &str) -> Option<Column> {
    let h = normalise(heading);
    if let Some((_, c)) = EXACT.iter().find(|(name, _)| *name == h) {
        return Some(*c);
    }
    if h.contains("tự chấm") || h.contains("thẩm định") || h.contains("tự đánh giá") {
        return None;
    }
    CONTAINS
        .iter()
        .find(|(words, _)| h.contains(words))
        .map(|(_, c)| *c)
}

/// The columns of a header row: each column's position (the first heading naming it), and the
/// headings read as nothing, with their position.
pub struct Columns {
    found: Vec<(Column, usize)>,
    pub not_read: Vec<(usize, String)>,
}

impl Columns {
    pub fn of(header: &[String]) -> Columns {
        let mut found: Vec<(Column, usize)> = Vec::new();
        let mut not_read = Vec::new();
        for (i, heading) in header.iter().enumerate() {
            match column_of(heading) {
                Some(c) if !found.iter().any(|(f, _)| *f == c) => found.push((c, i)),
                _ if heading.trim().is_empty() => {}
                _ => not_read.push((i, heading.trim().to_string())),
            }
        }
        Columns { found, not_read }
    }

    pub fn get(&self, c: Column) -> Option<usize> {
        self.found.iter().find(|(f, _)| *f == c).map(|(_, i)| *i)
    }

    /// Whether the row is a criteria table's header: it names the criteria and their maxima.
    pub fn is_header(&self) -> bool {
        self.get(Column::Name).is_some() && self.get(Column::Max).is_some()
    }
}

/// Whether headings are a criteria table's header ([`Columns::is_header`]): how a criteria
/// table's CSV text finds it below title rows ([`crate::Table::from_criteria_csv`]).
pub(crate) fn names_criteria(headings: &[&str]) -> bool {
    let named: Vec<Column> = headings.iter().filter_map(|h| column_of(h)).collect();
    named.contains(&Column::Name) && named.contains(&Column::Max)
}

/// What title rows say of the methodology: its name and its decision.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Title {
    pub name: Option<String>,
    pub decision: Option<String>,
    /// `yyyy-mm-dd`.
    pub date: Option<String>,
}

/// Reads the title rows above a header: the first that is neither `PHỤ LỤC …` nor the
/// `(Kèm theo Quyết định …)` line names the set; `Quyết định số 1880/QĐ-UBND ngày 20/11/2013`
/// gives the decision and its date.
pub fn read_title(rows: &[String]) -> Title {
    let mut title = Title::default();
    for text in rows {
        let lower = super::lowercase_in_place(text);
        if let Some(at) = lower.find("quyết định số") {
            let after = text.get(at + "quyết định số".len()..).unwrap_or_default();
            // `số: 1234/QĐ-UBND`; a number left blank in a template (`số      /QĐ-UBND`) is none.
            title.decision = after
                .trim_start()
                .trim_start_matches(':')
                .split_whitespace()
                .next()
                .map(|d| d.trim_end_matches([',', ')', ';']).to_string())
                .filter(|d| d.starts_with(|c: char| c.is_ascii_digit()));
            title.date = lower
                .find("ngày")
                .and_then(|d| date(&lower[d + "ngày".len()..]));
        } else if title.name.is_none()
            && !lower.starts_with("phụ lục")
            && !lower.contains("kèm theo")
        {
            title.name = Some(text.trim().to_string());
        }
    }
    title
}

/// `20/11/2013`, `20-11-2013` or `20 tháng 11 năm 2013` as `2013-11-20`.
fn date(text: &str) -> Option<String> {
    let numbers: Vec<u32> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .take(3)
        .map(|s| s.parse().ok())
        .collect::<Option<_>>()?;
    match numbers.as_slice() {
        [d, m, y] if (1..=31).contains(d) && (1..=12).contains(m) && (1900..=2999).contains(y) => {
            Some(format!("{y:04}-{m:02}-{d:02}"))
        }
        _ => None,
    }
}

/// Whether a row is the column numbers some annexes and score sheets print under their header:
/// `(1) (2) (3)` or `1 2 3`, the label columns perhaps lettered first (`A B 1 2 3`, `a b 1 2`,
/// `I II 1 2`, as official forms number them), a total's column with its formula (`6=3+4+5`,
/// `(4)=(1)+(2)+(3)`).
pub fn is_column_numbers<S: AsRef<str>>(cells: &[S]) -> bool {
    let filled: Vec<(usize, &str)> = (cells.iter().enumerate())
        .map(|(at, c)| (at, c.as_ref().trim()))
        .filter(|(_, c)| !c.is_empty())
        .collect();
    numbered_in_order(&filled)
}

/// [`is_column_numbers`] of a row's filled cells, each with its column. Apart, and not generic:
/// the scoring module asks it of rows of two types, and has room for one copy.
///
/// Columns are lettered and numbered either among the filled cells (`A B 1 2 3` below merged
/// headings) or by their place in the row: a blank running number's cell before `B` (`;B;1;2`),
/// or the numbers going on from the letters' columns (`A;B;3;4;5;6=3+4+5`, two letters at least).
#[inline(never)]
fn numbered_in_order(filled: &[(usize, &str)]) -> bool {
    // The label columns, lettered `A`, `B` (or `a`, `b`), or numbered `I`, `II`.
    const LETTERS: [[&str; 2]; 6] = [
        ["A", "a"],
        ["B", "b"],
        ["C", "c"],
        ["D", "d"],
        ["E", "e"],
        ["F", "f"],
    ];
    let lettered = |i: usize, c: &str| {
        let c = c.trim_start_matches('(').trim_end_matches(')');
        LETTERS.get(i).is_some_and(|l| l.contains(&c)) || ROMAN.get(i) == Some(&c)
    };
    let letters = (filled.iter().enumerate())
        .take_while(|(i, (at, c))| lettered(*i, c) || lettered(*at, c))
        .count();
    let numbers = &filled[letters..];
    let in_order = (numbers.iter().enumerate()).all(|(i, (_, c))| column_number(c) == Some(i + 1));
    // Numbered on from the label columns only after two letters: `A;2;3;4` is a unit `A`'s row.
    let by_place = letters >= 2
        && numbers
            .iter()
            .all(|(at, c)| column_number(c) == Some(at + 1));
    filled.len() >= 2 && (in_order || by_place)
}

/// The Roman numerals sheets number their blocks, fields and label columns with, in order.
pub(crate) const ROMAN: [&str; 12] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
];

/// The number of a column as printed under a header: `(2)` or `2`, or `6=3+4+5` for a total's.
pub(crate) fn column_number(cell: &str) -> Option<usize> {
    let formula = cell.bytes().position(|b| b == b'=');
    let number = &cell[..formula.unwrap_or(cell.len())];
    number
        .trim()
        .trim_start_matches('(')
        .trim_end_matches(')')
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_longer_than_a_text_is_compared_on_as_much_of_it() {
        // Ten thousand `Ạ` (three bytes each): cut between characters at 16,383 bytes, of which
        // the two spaces before the heading are trimmed.
        let long = format!("  Mã {}", "Ạ".repeat(10_000));
        let compared = normalise(&long);
        assert!(compared.starts_with("mã ạạ"), "{}", &compared[..20]);
        assert_eq!(compared.len(), limits::TEXT_BYTES.max - 3);
    }

    #[test]
    fn annex_headings_name_their_columns() {
        for (heading, column) in [
            ("STT", Some(Column::Number)),
            ("Lĩnh vực/Tiêu chí/Tiêu chí thành phần", Some(Column::Name)),
            ("Nội dung", Some(Column::Name)),
            ("Điểm tối đa", Some(Column::Max)),
            ("Thang  điểm", Some(Column::Max)),
            ("Hướng dẫn chấm điểm", Some(Column::Guidance)),
            ("Cách chấm", Some(Column::Guidance)),
            ("Tài liệu kiểm chứng", Some(Column::Evidence)),
            ("Ghi chú", Some(Column::Notes)),
            ("code", Some(Column::Number)),
            ("Điểm tự chấm", None),
        ] {
            assert_eq!(column_of(heading), column, "{heading}");
        }
    }

    #[test]
    fn the_title_names_the_set_and_its_decision() {
        let rows = [
            "PHỤ LỤC I".to_string(),
            "BỘ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH CỦA CÁC SỞ".to_string(),
            "(Kèm theo Quyết định số 1880/QĐ-UBND ngày 20/11/2013 của UBND tỉnh)".to_string(),
        ];
        assert_eq!(
            read_title(&rows),
            Title {
                name: Some("BỘ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH CỦA CÁC SỞ".into()),
                decision: Some("1880/QĐ-UBND".into()),
                date: Some("2013-11-20".into()),
            }
        );
    }

    #[test]
    fn column_numbers_are_recognised() {
        let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        assert!(is_column_numbers(&row(&["(1)", "(2)", "(3)", ""])));
        assert!(is_column_numbers(&row(&["1", "2", "3"])));
        assert!(!is_column_numbers(&row(&["1", "Kế hoạch", "2"])));
        assert!(is_column_numbers(&row(&[
            "1", "2", "3", "4", "5", "6=3+4+5"
        ])));
        assert!(is_column_numbers(&row(&["A", "B", "1", "2", "3"])));
        assert!(is_column_numbers(&row(&[
            "(A)",
            "(B)",
            "(1)",
            "(2)",
            "(3)=(1)+(2)"
        ])));
        assert!(!is_column_numbers(&row(&["B", "A", "1", "2"])));
        assert!(is_column_numbers(&row(&["a", "b", "1", "2", "3", "4"])));
        assert!(is_column_numbers(&row(&["I", "II", "1", "2", "3", "4"])));
        assert!(!is_column_numbers(&row(&["A", "Sở Tư pháp", "1", "2"])));
        // Lettered and numbered by their place in the row.
        assert!(is_column_numbers(&row(&["", "B", "1", "2", "3", "4"])));
        assert!(is_column_numbers(&row(&[
            "A", "B", "3", "4", "5", "6=3+4+5"
        ])));
        assert!(!is_column_numbers(&row(&["A", "2", "3", "4"])));
        assert!(!is_column_numbers(&row(&["1", "Sở A", "3", "4", "5"])));
        assert!(!is_column_numbers(&row(&["2", "", "3", "4"])));
    }
}
