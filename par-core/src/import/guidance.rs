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
use crate::error::quoted;
use crate::limits::{LABEL_BYTES, RULE_OPTIONS, TEXT_BYTES};
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

/// What one line of guidance says.
#[derive(Debug, Clone, PartialEq)]
enum LineRead {
    Outcome(Outcome),
    /// Words without points: commentary, a preamble (`Chấm điểm như sau:`), a formula.
    Words,
    /// A line that speaks of points in a way not read with certainty.
    Unread,
}

/// Outcomes that mean "every other case": after ranges, the band below the lowest one.
const CATCH_ALL: &[&str] = &[
    "các trường hợp còn lại",
    "trường hợp còn lại",
    "còn lại",
    "các trường hợp khác",
    "trường hợp khác",
    "không đạt",
];

/// Reads a guidance cell for a criterion whose max is `max`.
pub fn read_guidance(text: &str, max: Decimal) -> Guidance {
    // Guidance is a few lines; a cell past the length of any text the engine keeps is no rule.
    if text.len() > TEXT_BYTES.max {
        return Guidance::Doubtful(Doubt::TooLong { bytes: text.len() });
    }
    let proportional = proportional(text);
    let mut outcomes = Vec::new();
    for line in outcome_lines(text) {
        // The formula of a proportional rule is words, not an outcome.
        if proportional && speaks_of_a_ratio(&line) {
            continue;
        }
        match read_line(&line, max) {
            // An option is chosen by its label, and repeated with every unit scored on it: an
            // outcome of a paragraph is left to the person importing, not made a label.
            LineRead::Outcome(o) if o.label.len() > LABEL_BYTES.max => {
                return Guidance::Doubtful(Doubt::OutcomeTooLong {
                    bytes: o.label.len(),
                    most: LABEL_BYTES.max,
                })
            }
            LineRead::Outcome(o) => outcomes.push(o),
            // Words with a number in them may be an outcome written another way (`Chậm (0,5)`,
            // `>= 90%: 2 points`): not read, rather than dropped.
            LineRead::Words if line.chars().any(|c| c.is_ascii_digit()) => {
                return Guidance::Doubtful(Doubt::LineNotRead {
                    line: quoted(&line),
                })
            }
            LineRead::Words => {}
            LineRead::Unread => {
                return Guidance::Doubtful(Doubt::LineNotRead {
                    line: quoted(&line),
                })
            }
        }
        if outcomes.len() > RULE_OPTIONS.max {
            return Guidance::Doubtful(Doubt::TooLong { bytes: text.len() });
        }
    }
    if proportional {
        return proportion(text, &outcomes);
    }
    if outcomes.is_empty() {
        return Guidance::Silent;
    }
    if let Some(doubt) = doubt_in(&outcomes, max, text) {
        return Guidance::Doubtful(doubt);
    }
    let is_range = |o: &Outcome| mentions_range(&o.label);
    let ranges = outcomes.iter().filter(|o| is_range(o)).count();
    let catch_all = outcomes
        .last()
        .is_some_and(|o| CATCH_ALL.contains(&o.label.to_lowercase().trim_end_matches('.')));
    match ranges {
        0 => Guidance::Rule(choice_or_yes_no(outcomes)),
        n if n == outcomes.len() => bands(&outcomes, None),
        n if catch_all && n + 1 == outcomes.len() => {
            let rest = outcomes.pop();
            bands(&outcomes, rest)
        }
        _ => Guidance::Doubtful(Doubt::RangesMixedWithOutcomes),
    }
}

/// A proportional rule (`điểm = tỷ lệ % × điểm tối đa`) is a ratio of a percentage, target 100;
/// beside outcomes, or with numbers or conditions of its own (`/ 80%`, `nếu dưới 50%`), it is
/// not read.
fn proportion(text: &str, outcomes: &[Outcome]) -> Guidance {
    let lower = text.to_lowercase();
    if !outcomes.is_empty() {
        return Guidance::Doubtful(Doubt::ProportionWithOutcomes);
    }
    // Only `tỷ lệ % × điểm tối đa`: a target (`/ chỉ tiêu`), a difference (`điểm tối đa −`), a
    // deduction, a fraction of the max, a condition or a growth is another formula.
    let other_formula = lower
        .chars()
        .any(|c| c.is_ascii_digit() || "/−–".contains(c))
        || lower.contains(" - ")
        || [
            "nếu",
            "khi",
            "trường hợp",
            "trừ",
            "nửa",
            "so với",
            "tăng",
            "giảm",
            "chỉ tiêu",
        ]
        .iter()
        .any(|w| lower.contains(w));
    if other_formula {
        return Guidance::Doubtful(Doubt::ProportionWithConditions);
    }
    Guidance::Rule(Rule::Ratio {
        target: Dec(Decimal::ONE_HUNDRED),
    })
}

/// Doubts that hold whatever the rule: points per item, an outcome above the max, a label twice,
/// a single outcome (a rule of one option says only what one case gets).
fn doubt_in(outcomes: &[Outcome], max: Decimal, text: &str) -> Option<Doubt> {
    if per_item(text) {
        return Some(Doubt::PointsPerItem);
    }
    if let Some(o) = outcomes.iter().find(|o| o.points > max) {
        return Some(Doubt::OutcomeAboveMax {
            label: quoted(&o.label),
            points: o.points,
            max,
        });
    }
    if let [only] = outcomes {
        return Some(Doubt::SingleOutcome {
            label: quoted(&only.label),
        });
    }
    let mut seen = std::collections::HashSet::new();
    outcomes.iter().find_map(|o| {
        (!seen.insert(o.label.to_lowercase())).then(|| Doubt::OutcomeTwice {
            label: quoted(&o.label),
        })
    })
}

/// Bands from outcomes that are all ranges, and a catch-all outcome (`Các trường hợp còn lại`)
/// as the band below the lowest; or the doubt of the first range not read.
fn bands(outcomes: &[Outcome], rest: Option<Outcome>) -> Guidance {
    let mut bands = Vec::new();
    let mut percent = false;
    for o in outcomes {
        let Some(range) = read_range(&o.label) else {
            return Guidance::Doubtful(Doubt::RangeNotRead {
                label: quoted(&o.label),
            });
        };
        percent |= range.percent;
        let i = range.interval;
        bands.push(RuleBand {
            label: Some(o.label.as_str().into()),
            points: Dec(o.points),
            min: i.min.map(Dec),
            min_inclusive: i.min_inclusive,
            max: i.max.map(Dec),
            max_inclusive: i.max_inclusive,
        });
    }
    if let Some(rest) = rest {
        let lowest = bands
            .iter()
            .filter_map(|b| b.min.map(|m| (m, b.min_inclusive)))
            .min_by_key(|(m, _)| m.0);
        let Some((min, inclusive)) = lowest else {
            return Guidance::Doubtful(Doubt::RangesMixedWithOutcomes);
        };
        bands.push(RuleBand {
            label: Some(rest.label.into()),
            points: Dec(rest.points),
            min: None,
            min_inclusive: true,
            max: Some(min),
            max_inclusive: !inclusive,
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
                label: o.label.into(),
                points: Dec(o.points),
            })
            .collect(),
    }
}

/// The lines of a cell, one outcome each: split at line breaks, at `;`, and after points that
/// close a sentence with more after it (`Không gửi: 0 điểm. Gửi đúng hạn: 1 điểm.`). Bullets
/// (`-`, `+`, `•`, `a)`) are dropped.
fn outcome_lines(text: &str) -> Vec<String> {
    text.lines()
        .flat_map(|line| line.split(';'))
        .flat_map(split_after_points)
        .map(|l| strip_bullet(&l).to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

/// A line cut after each `điểm.` or `điểm,` that has more words after it, in one pass over the
/// line (a cell may hold a great many).
fn split_after_points(line: &str) -> Vec<String> {
    let mut cuts: Vec<usize> = ["điểm. ", "điểm, ", "Điểm. ", "Điểm, "]
        .iter()
        .flat_map(|m| line.match_indices(m).map(|(i, m)| i + m.len()))
        .collect();
    cuts.sort_unstable();
    let mut parts = Vec::with_capacity(cuts.len() + 1);
    let mut start = 0;
    for cut in cuts {
        let head = line.get(start..cut).unwrap_or_default();
        parts.push(head.trim().trim_end_matches([',', '.']).to_string());
        start = cut;
    }
    parts.push(line.get(start..).unwrap_or_default().to_string());
    parts
}

fn strip_bullet(line: &str) -> &str {
    let line = line.trim();
    let line = line
        .trim_start_matches(['-', '+', '•', '*', '–', '—', '·'])
        .trim_start();
    let mut chars = line.chars();
    // `a)` or `a.` before words.
    if let (Some(c), Some(p), Some(' ')) = (chars.next(), chars.next(), chars.next()) {
        if c.is_alphabetic() && c.is_lowercase() && (p == ')' || p == '.') {
            return line.get(c.len_utf8() + 2..).unwrap_or(line).trim();
        }
    }
    line.trim()
}

/// Reads one line: `<words>: <n> điểm`, `<words> (<n> điểm)`, `<words> = <n>đ`, `<words> được
/// <n> điểm`, `<words>: <n>`, `<words>: điểm tối đa`, each perhaps followed by a note in
/// brackets (`… : 1 điểm (trước ngày 31/12)`), which stays with the words.
fn read_line(line: &str, max: Decimal) -> LineRead {
    let (body, note) = trailing_note(line);
    let lower = super::lowercase_in_place(body);
    let Some((number_start, points)) = points_at_end(&lower, max) else {
        let preamble = lower.trim_end().ends_with(':');
        return if lower.contains("điểm") && !preamble {
            LineRead::Unread
        } else {
            LineRead::Words
        };
    };
    // A place in `lower` is the same in `body`.
    let Some(before) = body.get(..number_start) else {
        return LineRead::Unread;
    };
    let before = before.trim_end();
    // `-0,5 điểm` (a deduction) and `0,5 - 1,5 điểm` (points within a range) are not an outcome.
    if let Some(head) = before.strip_suffix(['-', '−', '–']) {
        let head = head.trim_end();
        if head.is_empty()
            || head.ends_with([':', '=', '('])
            || head.ends_with(|c: char| c.is_ascii_digit())
        {
            return LineRead::Unread;
        }
    }
    let label = before
        .trim_end_matches(['(', ':', '=', '→', '-', '–', ','])
        .trim_end();
    let label = ["thì được", "được", "cho", "chấm"]
        .iter()
        .find_map(|w| strip_suffix_word(label, w))
        .unwrap_or(label)
        .trim_end_matches([':', ','])
        .trim();
    if !is_plain_label(label) {
        return LineRead::Unread;
    }
    let label = match note {
        Some(note) => format!("{label} ({note})"),
        None => label.to_string(),
    };
    LineRead::Outcome(Outcome { label, points })
}

/// A line without the note in brackets that follows its points, and the note.
fn trailing_note(line: &str) -> (&str, Option<&str>) {
    let trimmed = line.trim_end().trim_end_matches('.');
    if let (Some(body), true) = (
        trimmed
            .rfind('(')
            .map(|i| (&trimmed[..i], &trimmed[i + 1..])),
        trimmed.ends_with(')'),
    ) {
        let (before, inside) = body;
        let inside = inside.trim_end_matches(')').trim();
        let lower = before.to_lowercase();
        let after_points = lower.trim_end().ends_with("điểm") || lower.trim_end().ends_with('đ');
        if after_points && !inside.is_empty() {
            return (before.trim_end(), Some(inside));
        }
    }
    (line, None)
}

/// Whether the words before the points are an outcome's name, not a formula or a part of a
/// sentence (`Điểm = tỷ lệ … x`, `… : tối đa`, `Thực hiện chưa đầy đủ: 0,5`).
fn is_plain_label(label: &str) -> bool {
    let lower = label.to_lowercase();
    let last = lower.split_whitespace().last().unwrap_or_default();
    let says_points = lower.contains(" điểm") || lower.contains("điểm ");
    !label.is_empty()
        && !says_points
        && !label.contains([':', '='])
        && !label.ends_with(|c: char| c.is_ascii_digit())
        && !lower.starts_with("điểm")
        && ![
            "đa", "thiểu", "x", "×", "nhân", "từ", "đến", "trên", "dưới", "khoảng",
        ]
        .contains(&last)
}

/// `label` without a last word `w` (compared in lower case).
fn strip_suffix_word<'a>(label: &'a str, w: &str) -> Option<&'a str> {
    let cut = label.len().checked_sub(w.len())?;
    let (head, tail) = (label.get(..cut)?, label.get(cut..)?);
    (tail.to_lowercase() == w && head.ends_with(' ')).then(|| head.trim_end())
}

/// The points a line ends with — `1 điểm`, `0,5 điểm)`, `2đ.`, `: 1`, `= 0,5`, `điểm tối đa`
/// (the criterion's max) — and where they start.
fn points_at_end(lower: &str, max: Decimal) -> Option<(usize, Decimal)> {
    let end = lower.trim_end_matches([' ', '.', ')', ';']);
    if let Some(before) = end.strip_suffix("điểm tối đa") {
        return Some((before.len(), max));
    }
    let (before_number, unit) = match end.strip_suffix("điểm").or_else(|| end.strip_suffix('đ'))
    {
        Some(b) => (b.trim_end(), true),
        None => (end, false),
    };
    let start = before_number
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == ',' || *c == '.')
        .last()
        .map(|(i, _)| i)?;
    // Without a unit, only `<words>: <n>` or `<words> = <n>` is points.
    if !unit && !before_number[..start].trim_end().ends_with([':', '=']) {
        return None;
    }
    let points = parse_decimal_cell(&before_number[start..]).ok()?;
    Some((start, points))
}

/// Points given or taken per item (`mỗi …`, `cứ 01 … giảm`, `trừ 0,5 điểm`, `cộng thêm`): a rule
/// the engine writes as plain points, for a person to count.
fn per_item(text: &str) -> bool {
    let lower = text.to_lowercase();
    let mut words = lower.split(|c: char| !c.is_alphabetic());
    words.any(|w| ["mỗi", "trừ", "cứ", "giảm"].contains(&w)) || lower.contains("cộng thêm")
}

fn speaks_of_a_ratio(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.contains("tỷ lệ") || lower.contains("tỉ lệ")
}

/// Points in proportion to a percentage: `điểm = tỷ lệ % × điểm tối đa`, `tính theo tỷ lệ`.
fn proportional(text: &str) -> bool {
    let lower = text.to_lowercase();
    let ratio = speaks_of_a_ratio(text);
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

    /// An outcome of a paragraph is no option's label (`label_bytes`): the criterion is left as
    /// points, with the doubt said, rather than the methodology imported and then refused.
    #[test]
    fn an_outcome_longer_than_a_label_is_a_doubt() {
        let long = "Ban hành kế hoạch đầy đủ nội dung, ".repeat(30);
        let text = format!("- {long}: 1 điểm\n- Không ban hành: 0 điểm");
        assert_eq!(
            doubt(&text, dec!(1)),
            Doubt::OutcomeTooLong {
                bytes: long.trim_end().trim_end_matches(',').len(),
                most: LABEL_BYTES.max
            }
        );
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
        let read: Vec<(&str, Decimal)> = options.iter().map(|o| (&*o.label, o.points.0)).collect();
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
            let labels: Vec<&str> = options.iter().map(|o| &*o.label).collect();
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
            doubt("Từ 90% trở lên: 1 điểm; Không ban hành: 0 điểm", dec!(1)),
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

    /// Wordings a reviewer found read wrongly, each now a doubt: a rule is never guessed.
    #[test]
    fn wordings_that_would_be_misread_are_doubts() {
        for text in [
            "Tỷ lệ hồ sơ đúng hạn không dưới 95%: 1 điểm; Dưới 95%: 0 điểm",
            "Thực hiện đầy đủ: 2 điểm; Thực hiện chưa đầy đủ: 0,5 - 1,5 điểm",
            "Có sáng kiến được công nhận: tối đa 1 điểm",
            "Điểm = tỷ lệ % hồ sơ giải quyết đúng hạn x 2 điểm",
            "Điểm = tỷ lệ % × điểm tối đa; nếu tỷ lệ dưới 50% thì không được điểm",
            "Điểm = (tỷ lệ % đạt được / 80%) × điểm tối đa",
            "- Đạt từ 95% trở lên: 2 điểm\n- Dưới 95%: tính theo tỷ lệ tương ứng",
            "Không vi phạm: 1 điểm; Có vi phạm: -0,5 điểm",
            "Cứ 01 báo cáo chậm giảm 0,25 điểm",
            "Có sáng kiến: 1 điểm",
        ] {
            assert!(
                matches!(read_guidance(text, dec!(2)), Guidance::Doubtful(_)),
                "{text}: {:?}",
                read_guidance(text, dec!(2))
            );
        }
    }

    #[test]
    fn outcomes_written_tersely_or_with_notes_are_read() {
        let options = |text: &str| match read_guidance(text, dec!(2)) {
            Guidance::Rule(Rule::Choice { options }) => options
                .into_iter()
                .map(|o| (o.label.to_string(), o.points.0))
                .collect::<Vec<_>>(),
            other => panic!("{text}: {other:?}"),
        };
        assert_eq!(
            options("Ban hành kịp thời: 1 điểm\n- Ban hành chậm: 0,5\nKhông ban hành: 0"),
            [
                ("Ban hành kịp thời".to_string(), dec!(1)),
                ("Ban hành chậm".to_string(), dec!(0.5)),
                ("Không ban hành".to_string(), dec!(0))
            ]
        );
        assert_eq!(
            options("Chấm điểm như sau:\n- Đúng hạn: điểm tối đa\n- Chậm: 1 điểm (sau ngày 31/12)"),
            [
                ("Đúng hạn".to_string(), dec!(2)),
                ("Chậm (sau ngày 31/12)".to_string(), dec!(1))
            ]
        );
        assert_eq!(
            options("Không gửi: 0 điểm. Gửi đúng hạn: 1 điểm."),
            [
                ("Không gửi".to_string(), dec!(0)),
                ("Gửi đúng hạn".to_string(), dec!(1))
            ]
        );
    }

    #[test]
    fn a_catch_all_after_ranges_is_the_band_below_them() {
        let r = rule(
            "Từ 90% trở lên: 2 điểm; Từ 70% đến dưới 90%: 1 điểm; Các trường hợp còn lại: 0 điểm",
            dec!(2),
        );
        let Rule::Bands { bands, .. } = r else {
            panic!("{r:?}")
        };
        let last = bands.last().unwrap();
        assert_eq!(
            (last.min, last.max.map(|m| m.0), last.max_inclusive),
            (None, Some(dec!(70)), false)
        );
    }

    #[test]
    fn commentary_without_points_is_silent() {
        assert_eq!(
            read_guidance("Căn cứ kế hoạch và báo cáo của đơn vị", dec!(1)),
            Guidance::Silent
        );
    }
}
