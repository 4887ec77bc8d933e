//! Ranges as annexes write them in words: `từ 90% trở lên` (at least 90), `từ 70% đến dưới 90%`
//! (70 up to but excluding 90), `trên 90%` (more than 90), `dưới 70%` (less than 70), `từ 50%
//! trở xuống` (at most 50), `100%` (exactly 100), and the symbols `≥ > ≤ <` and `70% - 90%`.
//!
//! A range is read only when its words leave no doubt; anything else is `None`, and the caller
//! keeps the rule a person can check. `từ 90%` alone, for one, is left unread: without `trở lên`
//! it does not say which side of 90 it means.

use crate::decimal::parse_decimal_cell;
use crate::text::Interval;
use rust_decimal::Decimal;

/// One piece of a range written in words.
#[derive(Debug, Clone, PartialEq)]
enum Token {
    Number {
        value: Decimal,
        percent: bool,
    },
    Word(String),
    /// `-` or `–` between two numbers: a range with both ends in.
    Dash,
    /// `>` `≥` `<` `≤` (`>=` and `<=` are read as `≥` and `≤`).
    Symbol(char),
    /// A number that may be read two ways: `1.000` (a thousand, or one).
    Ambiguous,
}

/// A range read from words, and whether its numbers were written as percentages.
#[derive(Debug, Clone, PartialEq)]
pub struct Range {
    pub interval: Interval,
    pub percent: bool,
}

/// Whether a text speaks of a range at all: a percentage, or a number next to one of the range
/// words. `Ban hành 02 văn bản` is no range; `từ 3 văn bản trở lên` and `97%` are.
pub fn mentions_range(text: &str) -> bool {
    let tokens = tokens(text);
    let has_number = tokens
        .iter()
        .any(|t| matches!(t, Token::Number { .. } | Token::Ambiguous));
    let percent = tokens
        .iter()
        .any(|t| matches!(t, Token::Number { percent: true, .. }));
    let range_word = tokens.iter().any(|t| match t {
        Token::Word(w) => RANGE_WORDS.contains(&w.as_str()),
        Token::Symbol(_) => true,
        _ => false,
    });
    percent || (has_number && range_word)
}

/// Words that add a condition to a range.
const CONDITIONS: &[&str] = &["và", "hoặc", "nhưng", "đồng", "kèm", "nếu"];
/// Words of comparison the reader does not read (`lớn hơn`, `trên mức`, `vượt`, `cao hơn`).
const COMPARISONS: &[&str] = &[
    "hơn", "mức", "vượt", "lớn", "cao", "thấp", "nhỏ", "gần", "xấp",
];

/// The words that make a number a bound.
const RANGE_WORDS: &[&str] = &[
    "từ", "trên", "dưới", "đến", "tới", "lên", "xuống", "tối", "thiểu", "ít", "nhất", "quá",
];

/// Reads the range a text states, or `None` when its words are not certain. A negation
/// (`không dưới 95%`, `chưa đạt 100%`) is never read: only `không quá` has a certain meaning.
pub fn read_range(text: &str) -> Option<Range> {
    let tokens = tokens(text);
    let negated = tokens.iter().enumerate().any(|(i, t)| {
        matches!(t, Token::Word(w) if w == "chưa")
            || matches!(t, Token::Word(w) if w == "không" && word(&tokens, i + 1) != Some("quá"))
    });
    // A condition beside the range (`và đúng hạn`, `hoặc chậm hạn`), a comparison said in words
    // other than the ones read (`lớn hơn`, `trên mức`, `vượt`), or a number that may be a
    // thousands separator (`1.000`) leaves the range unread.
    let unread = tokens.iter().any(|t| match t {
        Token::Word(w) => CONDITIONS.contains(&w.as_str()) || COMPARISONS.contains(&w.as_str()),
        Token::Ambiguous => true,
        _ => false,
    });
    if negated || unread {
        return None;
    }
    let numbers: Vec<usize> = tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| matches!(t, Token::Number { .. }))
        .map(|(i, _)| i)
        .collect();
    let percent = tokens
        .iter()
        .any(|t| matches!(t, Token::Number { percent: true, .. }));
    let interval = match numbers.as_slice() {
        [one] => one_bound(&tokens, *one)?,
        [lo, hi] => two_bounds(&tokens, *lo, *hi)?,
        _ => return None,
    };
    Some(Range { interval, percent })
}

fn value(tokens: &[Token], i: usize) -> Decimal {
    match tokens[i] {
        Token::Number { value, .. } => value,
        _ => Decimal::ZERO,
    }
}

fn word(tokens: &[Token], i: usize) -> Option<&str> {
    match tokens.get(i) {
        Some(Token::Word(w)) => Some(w),
        _ => None,
    }
}

/// Whether the words `phrase` come right before token `i`.
fn preceded_by(tokens: &[Token], i: usize, phrase: &[&str]) -> bool {
    i >= phrase.len()
        && phrase
            .iter()
            .enumerate()
            .all(|(k, w)| word(tokens, i - phrase.len() + k) == Some(w))
}

/// Whether the words `phrase` come anywhere after token `i`.
fn followed_by(tokens: &[Token], i: usize, phrase: &[&str]) -> bool {
    (i + 1..tokens.len()).any(|s| {
        phrase
            .iter()
            .enumerate()
            .all(|(k, w)| word(tokens, s + k) == Some(w))
    })
}

fn symbol_before(tokens: &[Token], i: usize) -> Option<char> {
    match i.checked_sub(1).map(|p| &tokens[p]) {
        Some(Token::Symbol(s)) => Some(*s),
        _ => None,
    }
}

fn interval(min: Option<(Decimal, bool)>, max: Option<(Decimal, bool)>) -> Interval {
    Interval {
        label: None,
        min: min.map(|m| m.0),
        min_inclusive: min.is_none_or(|m| m.1),
        max: max.map(|m| m.0),
        max_inclusive: max.is_none_or(|m| m.1),
    }
}

/// A range with one number: a lower bound, an upper bound, or the value itself.
fn one_bound(tokens: &[Token], i: usize) -> Option<Interval> {
    let x = value(tokens, i);
    let at_least = Some((x, true));
    let more_than = Some((x, false));
    let up_to = Some((x, true));
    let less_than = Some((x, false));
    let upward = followed_by(tokens, i, &["trở", "lên"]);
    let downward = followed_by(tokens, i, &["trở", "xuống"]);
    if upward && downward {
        return None;
    }
    let read = match symbol_before(tokens, i) {
        Some('≥') => interval(at_least, None),
        Some('>') => interval(more_than, None),
        Some('≤') => interval(None, up_to),
        Some('<') => interval(None, less_than),
        Some(_) => return None,
        None if preceded_by(tokens, i, &["trên"]) => interval(more_than, None),
        None if preceded_by(tokens, i, &["dưới"]) => interval(None, less_than),
        None if upward => interval(at_least, None),
        None if downward => interval(None, up_to),
        None if preceded_by(tokens, i, &["tối", "thiểu"])
            || preceded_by(tokens, i, &["ít", "nhất"]) =>
        {
            interval(at_least, None)
        }
        None if preceded_by(tokens, i, &["không", "quá"])
            || preceded_by(tokens, i, &["tối", "đa"]) =>
        {
            interval(None, up_to)
        }
        // `từ 90%` alone does not say which side; `đến 90%` alone neither; `quá 90%` is said
        // another way.
        None if preceded_by(tokens, i, &["từ"])
            || preceded_by(tokens, i, &["đến"])
            || preceded_by(tokens, i, &["quá"]) =>
        {
            return None
        }
        // A bare percentage is that value when nothing else can be meant: `100%` or `0%` (`Hoàn
        // thành 100% kế hoạch`), or the percentage alone (`đạt 95%`). `Đạt 90% kế hoạch` may
        // mean at least 90%.
        None if matches!(tokens[i], Token::Number { percent: true, .. })
            && (x == Decimal::ONE_HUNDRED || x.is_zero() || alone(tokens, i)) =>
        {
            interval(at_least, Some((x, true)))
        }
        None => return None,
    };
    Some(read)
}

/// Whether the number `i` stands alone, with at most `đạt`, `bằng` or `là` before it.
fn alone(tokens: &[Token], i: usize) -> bool {
    i + 1 == tokens.len()
        && tokens[..i]
            .iter()
            .all(|t| matches!(t, Token::Word(w) if ["đạt", "bằng", "là"].contains(&w.as_str())))
}

/// A range between two numbers: `từ X đến (dưới) Y`, `trên X đến Y`, `X - Y`, `X% - <Y%`.
fn two_bounds(tokens: &[Token], lo: usize, hi: usize) -> Option<Interval> {
    let (x, y) = (value(tokens, lo), value(tokens, hi));
    if x >= y {
        return None;
    }
    let between = &tokens[lo + 1..hi];
    let connected = between.iter().any(|t| {
        matches!(t, Token::Dash) || matches!(t, Token::Word(w) if w == "đến" || w == "tới")
    });
    if !connected {
        return None;
    }
    let lower_open = preceded_by(tokens, lo, &["trên"]) || symbol_before(tokens, lo) == Some('>');
    let upper_open = between
        .iter()
        .any(|t| matches!(t, Token::Word(w) if w == "dưới") || *t == Token::Symbol('<'));
    // Words the connector cannot carry: `từ X trở lên đến Y` says two things.
    let stray = between.iter().any(|t| {
        matches!(t, Token::Word(w) if ["trên", "lên", "xuống"].contains(&w.as_str()))
            || matches!(t, Token::Symbol('>' | '≥'))
    });
    if stray {
        return None;
    }
    Some(interval(Some((x, !lower_open)), Some((y, !upper_open))))
}

/// The text as numbers, words and symbols, lower case. `%` marks the number before it; a number
/// without `%` in a range whose other number has one (`từ 70 đến dưới 90%`) is a percentage too.
fn tokens(text: &str) -> Vec<Token> {
    let text = text.to_lowercase();
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() {
            let start = i;
            while i < chars.len()
                && (chars[i].is_ascii_digit()
                    || ((chars[i] == ',' || chars[i] == '.')
                        && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit())))
            {
                i += 1;
            }
            let written: String = chars[start..i].iter().collect();
            // `1.000` or `1,000`: a thousands separator as often as a decimal mark.
            let grouped = written
                .split_once(['.', ','])
                .is_some_and(|(_, tail)| tail.len() == 3);
            let value = match parse_decimal_cell(&written) {
                Ok(value) if !grouped => value,
                _ => {
                    out.push(Token::Ambiguous);
                    continue;
                }
            };
            let mut k = i;
            while chars.get(k).is_some_and(|c| *c == ' ') {
                k += 1;
            }
            let percent = chars.get(k) == Some(&'%');
            if percent {
                i = k + 1;
            }
            out.push(Token::Number { value, percent });
            continue;
        }
        if c.is_alphabetic() {
            let start = i;
            while i < chars.len() && chars[i].is_alphabetic() {
                i += 1;
            }
            out.push(Token::Word(chars[start..i].iter().collect()));
            continue;
        }
        let next = chars.get(i + 1).copied();
        match (c, next) {
            ('>', Some('=')) => {
                out.push(Token::Symbol('≥'));
                i += 1;
            }
            ('<', Some('=')) => {
                out.push(Token::Symbol('≤'));
                i += 1;
            }
            ('>' | '≥' | '<' | '≤', _) => out.push(Token::Symbol(c)),
            ('-' | '–' | '—', _) => out.push(Token::Dash),
            _ => {}
        }
        i += 1;
    }
    let any_percent = out
        .iter()
        .any(|t| matches!(t, Token::Number { percent: true, .. }));
    if any_percent {
        for t in &mut out {
            if let Token::Number { percent, .. } = t {
                *percent = true;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A decimal written as a literal in a test.
    macro_rules! dec {
        ($x:literal) => {
            stringify!($x).parse::<Decimal>().unwrap()
        };
    }

    /// The interval a text reads as: (min, min in, max, max in).
    fn read(text: &str) -> Option<(Option<Decimal>, bool, Option<Decimal>, bool)> {
        read_range(text).map(|r| {
            let i = r.interval;
            (i.min, i.min_inclusive, i.max, i.max_inclusive)
        })
    }

    #[test]
    fn words_give_exactly_the_bounds_they_say() {
        let cases = [
            ("Từ 90% trở lên", (Some(dec!(90)), true, None, true)),
            (
                "Thực hiện từ 90% kế hoạch trở lên",
                (Some(dec!(90)), true, None, true),
            ),
            (
                "từ 70% đến dưới 90%",
                (Some(dec!(70)), true, Some(dec!(90)), false),
            ),
            (
                "Từ 70 đến dưới 90% kế hoạch",
                (Some(dec!(70)), true, Some(dec!(90)), false),
            ),
            (
                "từ 70% đến 90%",
                (Some(dec!(70)), true, Some(dec!(90)), true),
            ),
            (
                "trên 50% đến dưới 70%",
                (Some(dec!(50)), false, Some(dec!(70)), false),
            ),
            ("70% - 90%", (Some(dec!(70)), true, Some(dec!(90)), true)),
            ("trên 90%", (Some(dec!(90)), false, None, true)),
            ("Dưới 70% kế hoạch", (None, true, Some(dec!(70)), false)),
            ("từ 50% trở xuống", (None, true, Some(dec!(50)), true)),
            ("Đạt 100%", (Some(dec!(100)), true, Some(dec!(100)), true)),
            ("≥ 90%", (Some(dec!(90)), true, None, true)),
            (">=90%", (Some(dec!(90)), true, None, true)),
            ("< 70%", (None, true, Some(dec!(70)), false)),
            ("từ 3 văn bản trở lên", (Some(dec!(3)), true, None, true)),
            ("đạt từ 97,5% trở lên", (Some(dec!(97.5)), true, None, true)),
        ];
        for (text, expected) in cases {
            assert_eq!(read(text), Some(expected), "{text}");
        }
    }

    #[test]
    fn words_that_leave_a_doubt_are_not_read() {
        for text in [
            "từ 90%",
            "Ban hành kế hoạch",
            "từ 90% đến 70%",
            "10%, 20%, 30%",
            "từ 70% trở lên đến 90%",
            "02 văn bản",
            "từ 50% trở lên và trở xuống",
            "Tỷ lệ hồ sơ đúng hạn không dưới 95%",
            "Không hoàn thành 100% kế hoạch",
            "chưa đạt 100%",
            "Lớn hơn 90%",
            "Trên mức 90%",
            "Vượt 90%",
            "Quá 90%",
            "Trên mức 50% đến dưới 70%",
            "Từ 90% trở lên và đúng hạn",
            "Dưới 90% hoặc chậm hạn",
            "Từ 1.000 hồ sơ trở lên",
            "Đạt 90% kế hoạch",
        ] {
            assert_eq!(read(text), None, "{text}");
        }
    }

    #[test]
    fn a_range_is_mentioned_by_a_percentage_or_a_number_beside_range_words() {
        assert!(mentions_range("dưới 70%"));
        assert!(mentions_range("từ 3 cuộc trở lên"));
        assert!(!mentions_range("Tổ chức 02 cuộc kiểm tra"));
        assert!(!mentions_range("Không ban hành"));
    }
}
