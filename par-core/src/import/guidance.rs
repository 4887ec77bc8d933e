//! Scoring guidance (*hướng dẫn chấm điểm*) read as a rule. Annexes write one outcome per line
//! with its points — `- Ban hành kịp thời: 1 điểm` — and the lines say which rule it is:
//!
//! - every outcome a range (`Từ 90% trở lên: 2 điểm`, `Dưới 70%: 0 điểm`): **bands**, with exactly
//!   the bounds the words say ([`super::ranges`]);
//! - the two outcomes `Có` and `Không`: **yes/no**;
//! - any other outcomes: a **choice** among them, each option the line's words;
//! - no outcome, but points in proportion (`điểm = tỷ lệ % × điểm tối đa`): **ratio** of a
//!   percentage, target 100.
//!
//! Whatever cannot be read with certainty — ranges mixed with other outcomes, points per item
//! (`mỗi … trừ 0,5 điểm`), an outcome above the max, a label twice — is a [`Doubt`]: the criterion
//! keeps points 0..max and the import warns with the row, so no rule is silently wrong.

use super::ranges::{mentions_range, read_range};
use crate::decimal::{parse_decimal_cell, Dec};
use crate::methodology::{ChoiceOption, Rule, RuleBand};
use crate::text::Doubt;
use rust_decimal::Decimal;

/// What a guidance cell says about the rule.
#[derive(Debug, Clone, PartialEq)]
pub enum Guidance {
    /// A rule read with certainty.
    Rule(Rule),
    /// The cell gives no outcome with points and speaks of no proportion: commentary, which
    /// leaves the criterion scored as points 0..max.
    Silent,
    /// The cell speaks of points in a way not read with certainty.
    Doubtful(Doubt),
}

/// One line of guidance that gives points: its words and the points.
#[derive(Debug, Clone, PartialEq)]
struct Outcome {
    label: String,
    points: Decimal,
}

/// Reads a guidance cell for a criterion whose max is `max`.
pub fn read_guidance(text: &str, max: Decimal) -> Guidance {
    let lines = outcome_lines(text);
    let mut outcomes = Vec::new();
    let mut unread = None;
    for line in &lines {
        match outcome(line) {
            Some(o) => outcomes.push(o),
            None if mentions_points(line) && unread.is_none() => unread = Some(line.clone()),
            None => {}
        }
    }
    if outcomes.is_empty() && proportional(text) {
        return Guidance::Rule(Rule::Ratio {
            target: Dec(Decimal::ONE_HUNDRED),
        });
    }
    if let Some(line) = unread {
        return Guidance::Doubtful(Doubt::LineNotRead { line });
    }
    if outcomes.is_empty() {
        return Guidance::Silent;
    }
    if let Some(doubt) = doubt_in(&outcomes, max, text) {
        return Guidance::Doubtful(doubt);
    }
    let ranges = outcomes.iter().filter(|o| mentions_range(&o.label)).count();
    match ranges {
        0 => Guidance::Rule(choice_or_yes_no(outcomes)),
        n if n == outcomes.len() => bands(&outcomes),
        _ => Guidance::Doubtful(Doubt::RangesMixedWithOutcomes),
    }
}

/// Doubts that hold whatever the rule: points per item, an outcome above the max, a label twice.
fn doubt_in(outcomes: &[Outcome], max: Decimal, text: &str) -> Option<Doubt> {
    if per_item(text) {
        return Some(Doubt::PointsPerItem);
    }
    if let Some(o) = outcomes.iter().find(|o| o.points > max) {
        return Some(Doubt::OutcomeAboveMax {
            label: o.label.clone(),
            points: o.points,
            max,
        });
    }
    let key = |l: &str| l.to_lowercase();
    outcomes.iter().enumerate().find_map(|(i, o)| {
        outcomes[..i]
            .iter()
            .any(|p| key(&p.label) == key(&o.label))
            .then(|| Doubt::OutcomeTwice {
                label: o.label.clone(),
            })
    })
}

/// Bands from outcomes that are all ranges, or the doubt of the first that is not read.
fn bands(outcomes: &[Outcome]) -> Guidance {
    let mut bands = Vec::new();
    let mut percent = false;
    for o in outcomes {
        let Some(range) = read_range(&o.label) else {
            return Guidance::Doubtful(Doubt::RangeNotRead {
                label: o.label.clone(),
            });
        };
        percent |= range.percent;
        let i = range.interval;
        bands.push(RuleBand {
            label: Some(o.label.clone()),
            points: Dec(o.points),
            min: i.min.map(Dec),
            min_inclusive: i.min_inclusive,
            max: i.max.map(Dec),
            max_inclusive: i.max_inclusive,
        });
    }
    Guidance::Rule(Rule::Bands {
        measure: percent.then(|| "%".to_string()),
        bands,
    })
}

/// `Có` / `Không` alone are a yes/no question; any other outcomes are options.
fn choice_or_yes_no(outcomes: Vec<Outcome>) -> Rule {
    let answer = |o: &Outcome| o.label.to_lowercase();
    if let [a, b] = outcomes.as_slice() {
        if answer(a) == "có" && answer(b) == "không" {
            return Rule::YesNo {
                yes: Some(Dec(a.points)),
                no: Some(Dec(b.points)),
            };
        }
    }
    Rule::Choice {
        options: outcomes
            .into_iter()
            .map(|o| ChoiceOption {
                label: o.label,
                points: Dec(o.points),
            })
            .collect(),
    }
}

/// The lines of a cell, one outcome each: split at line breaks, and at `;` when a line gives
/// several (`Có: 1 điểm; Không: 0 điểm`). Bullets (`-`, `+`, `•`, `a)`) are dropped.
fn outcome_lines(text: &str) -> Vec<String> {
    text.lines()
        .flat_map(|line| line.split(';'))
        .map(strip_bullet)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

fn strip_bullet(line: &str) -> &str {
    let line = line.trim();
    let line = line.trim_start_matches(['-', '+', '•', '*', '–', '—', '·']);
    let mut chars = line.chars();
    // `a)` or `a.` before words.
    if let (Some(c), Some(p), Some(' ')) = (chars.next(), chars.next(), chars.next()) {
        if c.is_alphabetic() && c.is_lowercase() && (p == ')' || p == '.') {
            return line[c.len_utf8() + 2..].trim();
        }
    }
    line.trim()
}

/// Whether a line speaks of points at all (`điểm`, or `đ` after a number).
fn mentions_points(line: &str) -> bool {
    let lower = line.to_lowercase();
    lower.contains("điểm") || points_at_end(&lower).is_some()
}

/// `<words>: <n> điểm`, `<words> (<n> điểm)`, `<words> = <n>đ`, `<words> được <n> điểm`.
fn outcome(line: &str) -> Option<Outcome> {
    let lower = line.to_lowercase();
    let (number_start, points) = points_at_end(&lower)?;
    // `lower` and `line` have the same char boundaries for Vietnamese text; take the label
    // from the line as written.
    let label = line.get(..number_start)?;
    let label = label
        .trim_end()
        .trim_end_matches(['(', ':', '=', '→', '-', '–', ','])
        .trim_end();
    let label = ["thì được", "được", "cho", "chấm"]
        .iter()
        .find_map(|w| strip_suffix_word(label, w))
        .unwrap_or(label)
        .trim_end_matches([':', ','])
        .trim();
    if label.is_empty() {
        return None;
    }
    Some(Outcome {
        label: label.to_string(),
        points,
    })
}

/// `label` without a last word `w` (compared in lower case).
fn strip_suffix_word<'a>(label: &'a str, w: &str) -> Option<&'a str> {
    let cut = label.len().checked_sub(w.len())?;
    let (head, tail) = (label.get(..cut)?, label.get(cut..)?);
    (tail.to_lowercase() == w && head.ends_with(' ')).then(|| head.trim_end())
}

/// The points a line ends with — `1 điểm`, `0,5 điểm)`, `2đ.` — and where their number starts.
fn points_at_end(lower: &str) -> Option<(usize, Decimal)> {
    let end = lower.trim_end_matches([' ', '.', ')', ';']);
    let before_unit = end
        .strip_suffix("điểm")
        .or_else(|| end.strip_suffix('đ'))?
        .trim_end();
    let start = before_unit
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == ',' || *c == '.')
        .last()
        .map(|(i, _)| i)?;
    let points = parse_decimal_cell(&before_unit[start..]).ok()?;
    Some((start, points))
}

/// Points given or taken per item (`mỗi …`, `trừ 0,5 điểm`, `cộng …`): a rule the engine writes
/// as plain points, for a person to count.
fn per_item(text: &str) -> bool {
    let lower = text.to_lowercase();
    let mut words = lower.split(|c: char| !c.is_alphabetic());
    words.any(|w| w == "mỗi" || w == "trừ") || lower.contains("cộng thêm")
}

/// Points in proportion to a percentage: `điểm = tỷ lệ % × điểm tối đa`, `tính theo tỷ lệ`.
fn proportional(text: &str) -> bool {
    let lower = text.to_lowercase();
    let ratio = lower.contains("tỷ lệ") || lower.contains("tỉ lệ");
    let times = [
        "×",
        " x ",
        "nhân",
        "tương ứng",
        "tính theo",
        "tỷ lệ thuận",
        "tỉ lệ thuận",
    ]
    .iter()
    .any(|w| lower.contains(w));
    ratio && times
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

    fn rule(text: &str, max: Decimal) -> Rule {
        match read_guidance(text, max) {
            Guidance::Rule(r) => r,
            other => panic!("{text}: {other:?}"),
        }
    }

    fn doubt(text: &str, max: Decimal) -> Doubt {
        match read_guidance(text, max) {
            Guidance::Doubtful(d) => d,
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn outcome_lines_become_options() {
        let r = rule(
            "- Ban hành kịp thời: 1 điểm\n- Ban hành không kịp thời: 0,5 điểm\n- Không ban hành: 0 điểm",
            dec!(1),
        );
        let Rule::Choice { options } = r else {
            panic!("{r:?}")
        };
        let read: Vec<(&str, Decimal)> = options
            .iter()
            .map(|o| (o.label.as_str(), o.points.0))
            .collect();
        assert_eq!(
            read,
            [
                ("Ban hành kịp thời", dec!(1)),
                ("Ban hành không kịp thời", dec!(0.5)),
                ("Không ban hành", dec!(0))
            ]
        );
    }

    #[test]
    fn outcomes_written_other_ways_read_alike() {
        for text in [
            "Đạt yêu cầu (1 điểm); Không đạt yêu cầu (0 điểm)",
            "Đạt yêu cầu = 1đ\nKhông đạt yêu cầu = 0đ",
            "a) Đạt yêu cầu được 1 điểm.\nb) Không đạt yêu cầu được 0 điểm.",
        ] {
            let Rule::Choice { options } = rule(text, dec!(1)) else {
                panic!("{text}")
            };
            let labels: Vec<&str> = options.iter().map(|o| o.label.as_str()).collect();
            assert_eq!(labels, ["Đạt yêu cầu", "Không đạt yêu cầu"], "{text}");
        }
    }

    #[test]
    fn co_and_khong_alone_are_yes_no() {
        assert_eq!(
            rule("Có: 1 điểm; Không: 0 điểm", dec!(1)),
            Rule::YesNo {
                yes: Some(Dec(dec!(1))),
                no: Some(Dec(dec!(0)))
            }
        );
    }

    #[test]
    fn ranges_become_bands_with_the_bounds_the_words_say() {
        let r = rule(
            "- Thực hiện từ 90% kế hoạch trở lên: 2 điểm\n- Từ 70% đến dưới 90%: 1 điểm\n- Dưới 70%: 0 điểm",
            dec!(2),
        );
        let Rule::Bands { bands, measure } = r else {
            panic!("{r:?}")
        };
        assert_eq!(measure.as_deref(), Some("%"));
        let bounds: Vec<_> = bands
            .iter()
            .map(|b| {
                (
                    b.min.map(|d| d.0),
                    b.min_inclusive,
                    b.max.map(|d| d.0),
                    b.max_inclusive,
                    b.points.0,
                )
            })
            .collect();
        assert_eq!(
            bounds,
            [
                (Some(dec!(90)), true, None, true, dec!(2)),
                (Some(dec!(70)), true, Some(dec!(90)), false, dec!(1)),
                (None, true, Some(dec!(70)), false, dec!(0)),
            ]
        );
    }

    #[test]
    fn proportional_wording_is_a_ratio_of_a_percentage() {
        assert_eq!(
            rule("Điểm = tỷ lệ % hồ sơ đúng hạn × điểm tối đa", dec!(2)),
            Rule::Ratio {
                target: Dec(dec!(100))
            }
        );
    }

    #[test]
    fn what_is_not_certain_is_a_doubt() {
        assert!(matches!(
            doubt("Mỗi báo cáo chậm trừ 0,5 điểm", dec!(1)),
            Doubt::PointsPerItem
        ));
        assert!(matches!(
            doubt("Ban hành: 2 điểm; Không ban hành: 0 điểm", dec!(1)),
            Doubt::OutcomeAboveMax { .. }
        ));
        assert!(matches!(
            doubt("Từ 90% trở lên: 1 điểm; Không thực hiện: 0 điểm", dec!(1)),
            Doubt::RangesMixedWithOutcomes
        ));
        assert!(matches!(
            doubt("Từ 90%: 1 điểm; Dưới 90%: 0 điểm", dec!(1)),
            Doubt::RangeNotRead { .. }
        ));
        assert!(matches!(
            doubt("Đạt: 1 điểm; Đạt: 0 điểm", dec!(1)),
            Doubt::OutcomeTwice { .. }
        ));
        assert!(matches!(
            doubt("Tối đa 1 điểm nếu đầy đủ", dec!(1)),
            Doubt::LineNotRead { .. }
        ));
    }

    #[test]
    fn commentary_without_points_is_silent() {
        assert_eq!(
            read_guidance("Căn cứ kế hoạch và báo cáo của đơn vị", dec!(1)),
            Guidance::Silent
        );
    }
}
