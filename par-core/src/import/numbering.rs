//! Node codes from the numbering an annex prints. The codes `par` gives are the dotted codes the
//! rest of the engine (inputs, results, explanations) uses; they are derived from the printed
//! numbers by these rules, so the same annex always gives the same codes:
//!
//! - **Roman numerals** (`I`, `II`, … — fields, *lĩnh vực*) become `1`, `2`, ….
//! - **Dotted numbers** (`1`, `1.2`, `2.3.1`) under a Roman field are prefixed with the field's
//!   code (`II` then `1.2` is `2.1.2`), since annexes restart their numbering in each field. Where
//!   every number under field `N` already begins with `N.` (`II` then `2.1`, `2.2`), the numbering
//!   does not restart and is kept as printed. Without Roman fields, numbers are codes as printed.
//! - **Letters** (`a`, `b`, …) are sub-items of the numbered row above: `1.2` then `b` is `1.2.2`
//!   (the letter's place in the Vietnamese alphabet, `a b c d đ e g h …`, so `b` stays `.2` even if
//!   `a` is missing, and `e` is `.6`).
//! - **Dashes** (`-`, `+`) are sub-items of the row above that is not a dash, numbered in order.
//!
//! A number may also lead the name cell (`II. CẢI CÁCH THỂ CHẾ`, `- Có ban hành`) when the number
//! column is empty.

/// A row's number as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Number {
    Roman(u32),
    Dotted(Vec<u32>),
    Letter(u32),
    Dash,
}

/// Reads a printed number: `II`, `II.`, `1.2`, `1.2.`, `a)`, `b.`, `-`, `+`.
pub fn parse_number(cell: &str) -> Option<Number> {
    let t = cell.trim();
    if matches!(t, "-" | "+" | "–" | "—" | "•" | "*") {
        return Some(Number::Dash);
    }
    let t = t.trim_end_matches(['.', ')', ':']).trim();
    if t.is_empty() {
        return None;
    }
    if let Some(n) = roman(t) {
        return Some(Number::Roman(n));
    }
    let mut chars = t.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if let Some(place) = LETTERS.chars().position(|l| l == c) {
            return Some(Number::Letter(place as u32 + 1));
        }
    }
    let parts: Option<Vec<u32>> = t
        .split('.')
        .map(|p| {
            (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
        })
        .collect();
    // As deep as a tree may be: the project's own `code` column gives every level's number.
    parts
        .filter(|p| p.len() <= crate::limits::TREE_DEPTH.max)
        .map(Number::Dotted)
}

/// The letters of sub-items in the order of the Vietnamese alphabet (`đ` after `d`; no `f`,
/// `j`, `w`, `z`).
const LETTERS: &str = "abcdđeghiklmnopqrstuvxy";

/// A number leading a name (`II. CẢI CÁCH THỂ CHẾ`, `1.2 Báo cáo`, `a) Kế hoạch`), and the name
/// after it.
pub fn leading_number(name: &str) -> Option<(Number, &str)> {
    let name = name.trim_start();
    if let Some(rest) = name.strip_prefix(['-', '+', '–']) {
        return rest
            .starts_with(' ')
            .then(|| (Number::Dash, rest.trim_start()));
    }
    let end = name.find(char::is_whitespace)?;
    let (head, rest) = name.split_at(end);
    // A bare word is no number: `I` must be written `I.` to lead a name, `1` may be `1` or `1.`.
    let marked =
        head.ends_with(['.', ')']) || head.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    if !marked {
        return None;
    }
    Some((parse_number(head)?, rest.trim_start()))
}

/// The value of a Roman numeral in upper case from I to C (a hundred fields is past any annex).
fn roman(t: &str) -> Option<u32> {
    // `LXXXVIII` (88) is the longest numeral up to C.
    if t.is_empty() || t.len() > 8 || !t.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C')) {
        return None;
    }
    let digit = |c: char| match c {
        'I' => 1,
        'V' => 5,
        'X' => 10,
        'L' => 50,
        _ => 100,
    };
    let values: Vec<i32> = t.chars().map(digit).collect();
    let mut total = 0i32;
    for (i, v) in values.iter().enumerate() {
        // A smaller digit before a larger one is subtracted: `IV`, `IX`, `XL`, `XC`.
        match values.get(i + 1) {
            Some(next) if next > v => total -= v,
            _ => total += v,
        }
    }
    // Only the canonical spelling: `IIII` or `VX` are not numerals an annex prints.
    let total = u32::try_from(total).ok()?;
    (to_roman(total) == t).then_some(total)
}

fn to_roman(mut n: u32) -> String {
    let table = [
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, letters) in table {
        while n >= value {
            out.push_str(letters);
            n -= value;
        }
    }
    out
}

/// Gives codes to rows in order, from their printed numbers.
pub struct Coder {
    /// Whether each Roman field (by its number) keeps the numbering printed under it.
    keeps_printed: Vec<(u32, bool)>,
    field: Option<u32>,
    /// The code of the last row numbered with digits (or the field, before any).
    numbered: Option<String>,
    /// The code of the last lettered row under `numbered`.
    lettered: Option<String>,
    /// Dashes counted under the row they belong to.
    dashes: (Option<String>, u32),
}

impl Coder {
    /// A coder for rows whose numbers, in order, are `numbers`.
    pub fn new(numbers: &[Option<Number>]) -> Coder {
        let mut keeps_printed: Vec<(u32, bool)> = Vec::new();
        for n in numbers.iter().flatten() {
            match n {
                Number::Roman(f) => keeps_printed.push((*f, true)),
                Number::Dotted(parts) => {
                    if let Some((field, keeps)) = keeps_printed.last_mut() {
                        *keeps &= parts.len() >= 2 && parts[0] == *field;
                    }
                }
                _ => {}
            }
        }
        Coder {
            keeps_printed,
            field: None,
            numbered: None,
            lettered: None,
            dashes: (None, 0),
        }
    }

    /// The code of the next row, or `None` for a sub-item with no numbered row above it.
    pub fn code(&mut self, number: &Number) -> Option<String> {
        let code = match number {
            Number::Roman(f) => {
                self.field = Some(*f);
                self.numbered = Some(f.to_string());
                self.lettered = None;
                f.to_string()
            }
            Number::Dotted(parts) => {
                let printed = join(parts);
                let code = match self.field {
                    Some(f) if !self.keeps(f) => format!("{f}.{printed}"),
                    _ => printed,
                };
                self.numbered = Some(code.clone());
                self.lettered = None;
                code
            }
            Number::Letter(k) => {
                let code = format!("{}.{k}", self.numbered.as_ref()?);
                self.lettered = Some(code.clone());
                code
            }
            Number::Dash => {
                let parent = self.lettered.clone().or_else(|| self.numbered.clone())?;
                if self.dashes.0.as_ref() != Some(&parent) {
                    self.dashes = (Some(parent.clone()), 0);
                }
                self.dashes.1 += 1;
                return Some(format!("{parent}.{}", self.dashes.1));
            }
        };
        Some(code)
    }

    fn keeps(&self, field: u32) -> bool {
        self.keeps_printed
            .iter()
            .rev()
            .find(|(f, _)| *f == field)
            .is_some_and(|(_, keeps)| *keeps)
    }
}

fn join(parts: &[u32]) -> String {
    parts
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(".")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(printed: &[&str]) -> Vec<Option<String>> {
        let numbers: Vec<Option<Number>> = printed.iter().map(|p| parse_number(p)).collect();
        let mut coder = Coder::new(&numbers);
        numbers
            .iter()
            .map(|n| n.as_ref().and_then(|n| coder.code(n)))
            .collect()
    }

    fn some(codes: &[&str]) -> Vec<Option<String>> {
        codes.iter().map(|c| Some(c.to_string())).collect()
    }

    #[test]
    fn numbering_that_restarts_in_each_field_is_prefixed_with_the_field() {
        assert_eq!(
            codes(&["I", "1", "1.1", "1.2", "2", "II", "1", "1.1", "a", "b", "-", "-"]),
            some(&[
                "1",
                "1.1",
                "1.1.1",
                "1.1.2",
                "1.2",
                "2",
                "2.1",
                "2.1.1",
                "2.1.1.1",
                "2.1.1.2",
                "2.1.1.2.1",
                "2.1.1.2.2"
            ])
        );
    }

    #[test]
    fn numbering_that_already_carries_the_field_is_kept() {
        assert_eq!(
            codes(&["I.", "1.1", "1.2", "II.", "2.1", "2.1.1"]),
            some(&["1", "1.1", "1.2", "2", "2.1", "2.1.1"])
        );
    }

    #[test]
    fn without_roman_fields_numbers_are_codes() {
        assert_eq!(codes(&["1", "1.1", "1.1.1."]), some(&["1", "1.1", "1.1.1"]));
    }

    #[test]
    fn a_sub_item_with_nothing_above_has_no_code() {
        assert_eq!(codes(&["a", "-"]), vec![None, None]);
    }

    #[test]
    fn numerals_are_read_only_as_printed() {
        assert_eq!(parse_number("XIV"), Some(Number::Roman(14)));
        assert_eq!(parse_number("IV"), Some(Number::Roman(4)));
        assert_eq!(parse_number("IX."), Some(Number::Roman(9)));
        assert_eq!(parse_number("XC"), Some(Number::Roman(90)));
        assert_eq!(parse_number(&"C".repeat(1000)), None);
        assert_eq!(parse_number("IIII"), None);
        assert_eq!(parse_number("c)"), Some(Number::Letter(3)));
        assert_eq!(parse_number("đ)"), Some(Number::Letter(5)));
        assert_eq!(parse_number("e"), Some(Number::Letter(6)));
        assert_eq!(
            leading_number("- Có ban hành"),
            Some((Number::Dash, "Có ban hành"))
        );
        assert_eq!(parse_number("Tổng"), None);
        assert_eq!(parse_number("1.a"), None);
        assert_eq!(
            leading_number("II. CẢI CÁCH THỂ CHẾ"),
            Some((Number::Roman(2), "CẢI CÁCH THỂ CHẾ"))
        );
        assert_eq!(leading_number("I Kế hoạch"), None);
        assert_eq!(
            leading_number("1.2 Báo cáo"),
            Some((Number::Dotted(vec![1, 2]), "Báo cáo"))
        );
    }
}
