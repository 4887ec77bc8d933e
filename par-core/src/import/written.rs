//! Rules written in the project's own columns of a criteria table: `rule` (`points`, `choice`,
//! `yes_no`, `bands`, `ratio`), `options` (`Ban hành kịp thời=1; Không kịp thời=0.5`), `bands`
//! (`>90%=2; 70%-90%=1; <70%=0`), `measure` and `target` — the table [`super::export`] writes.

use crate::decimal::{parse_decimal_cell, Dec};
use crate::error::{quoted, ErrorCode, ParError};
use crate::methodology::{ChoiceOption, Rule, RuleBand};
use crate::text::DefiningMsg;

pub fn yes_no(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "yes" | "y" | "true" | "x" | "có" | "co" | "1" => Some(true),
        "no" | "n" | "false" | "không" | "khong" | "0" => Some(false),
        _ => None,
    }
}

pub fn parse_rule(
    rule: Option<&str>,
    options: Option<&str>,
    bands: Option<&str>,
    target: Option<&str>,
    measure: Option<&str>,
) -> Result<Option<Rule>, Vec<ParError>> {
    let kind = match rule.map(|r| r.trim().to_lowercase()) {
        Some(k) => k,
        None if options.is_some() => "choice".into(),
        None if bands.is_some() => "bands".into(),
        None if target.is_some() => "ratio".into(),
        None => return Ok(None),
    };
    let bad = |field: &str, msg: DefiningMsg, value: &str| {
        vec![ParError::new(ErrorCode::BadRule, msg)
            .field(field)
            .value(value)]
    };
    match kind.as_str() {
        "points" => Ok(Some(Rule::Points)),
        "choice" => {
            let text =
                options.ok_or_else(|| bad("options", DefiningMsg::ChoiceWithoutOptions, ""))?;
            Ok(Some(Rule::Choice {
                options: parse_pairs(text, "options")?
                    .into_iter()
                    .map(|(label, points)| ChoiceOption {
                        label: label.into(),
                        points: Dec(points),
                    })
                    .collect(),
            }))
        }
        "yes_no" => {
            let mut yes = None;
            let mut no = None;
            for (label, points) in parse_pairs(options.unwrap_or_default(), "options")? {
                match yes_no(&label) {
                    Some(true) => yes = Some(Dec(points)),
                    Some(false) => no = Some(Dec(points)),
                    None => {
                        return Err(bad(
                            "options",
                            DefiningMsg::YesNoOptions {
                                label: quoted(&label),
                            },
                            &label,
                        ))
                    }
                }
            }
            Ok(Some(Rule::YesNo { yes, no }))
        }
        "bands" => {
            let text = bands.ok_or_else(|| bad("bands", DefiningMsg::BandsRuleWithoutBands, ""))?;
            let mut out = Vec::new();
            let mut errors = Vec::new();
            for (written, points) in parse_pairs(text, "bands")? {
                // `label: interval=points` names the band; a bare interval is its own label.
                let (label, interval) = match written.rsplit_once(':') {
                    Some((l, i)) => (l.trim().to_string(), i.trim().to_string()),
                    None => (written.clone(), written.clone()),
                };
                match parse_interval(&interval) {
                    Some((min, min_inclusive, max, max_inclusive)) => out.push(RuleBand {
                        label: Some(label.into()),
                        points: Dec(points),
                        min,
                        min_inclusive,
                        max,
                        max_inclusive,
                    }),
                    None => errors.extend(bad(
                        "bands",
                        DefiningMsg::NotABand {
                            written: quoted(&interval),
                        },
                        &written,
                    )),
                }
            }
            if errors.is_empty() {
                Ok(Some(Rule::Bands {
                    measure: measure.map(str::to_string),
                    bands: out,
                }))
            } else {
                Err(errors)
            }
        }
        "ratio" => {
            let text = target.ok_or_else(|| bad("target", DefiningMsg::RatioWithoutTarget, ""))?;
            let target = parse_decimal_cell(text).map_err(|e| vec![e.field("target")])?;
            Ok(Some(Rule::Ratio {
                target: Dec(target),
            }))
        }
        other => Err(bad(
            "rule",
            DefiningMsg::NotARule {
                given: quoted(other),
            },
            other,
        )),
    }
}

/// `label=points; label=points` (the last `=` separates, so labels may contain `=`; a label
/// holding `;` writes it twice, `;;`, as [`super::export`] does).
fn parse_pairs(
    text: &str,
    field: &str,
) -> Result<Vec<(String, rust_decimal::Decimal)>, Vec<ParError>> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let parts = pairs_written(text);
    for part in parts.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
        match part.rsplit_once('=') {
            Some((label, points)) => match parse_decimal_cell(points) {
                Ok(p) => out.push((label.trim().to_string(), p)),
                Err(e) => errors.push(e.field(field)),
            },
            None => errors.push(
                ParError::new(
                    ErrorCode::BadRule,
                    DefiningMsg::PairWithoutPoints { part: quoted(part) },
                )
                .field(field)
                .value(part),
            ),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// The pairs of a list written `a=1; b=0`, each `;;` in them read as a `;` of a label. A `;;`
/// after a whole pair (`Đúng hạn=2;; Trễ=1`, a key pressed twice) parts two pairs, as one `;`
/// does: read as a label's, it would join them into one option without a word.
fn pairs_written(text: &str) -> Vec<String> {
    let (mut parts, mut part) = (Vec::new(), String::new());
    let mut rest = text;
    while let Some(at) = rest.find(';') {
        part.push_str(&rest[..at]);
        rest = &rest[at + 1..];
        match rest.strip_prefix(';') {
            Some(after) if !is_whole_pair(&part) => {
                part.push(';');
                rest = after;
            }
            _ => parts.push(std::mem::take(&mut part)),
        }
    }
    part.push_str(rest);
    parts.push(part);
    parts
}

/// Whether `part` reads as a pair already: a label, `=` and points.
fn is_whole_pair(part: &str) -> bool {
    part.rsplit_once('=')
        .is_some_and(|(_, points)| parse_decimal_cell(points.trim()).is_ok())
}

/// A label as a list of pairs writes it: each `;` twice ([`pairs_written`] reads it back).
pub(super) fn label_in_pairs(label: &str) -> std::borrow::Cow<'_, str> {
    match label.contains(';') {
        true => label.replace(';', ";;").into(),
        false => label.into(),
    }
}

type Interval = (Option<Dec>, bool, Option<Dec>, bool);

/// `>90%`, `≥90`, `<70%`, `≤70`, `70%-90%` (both ends in), `70-<90`, `>70-90`, `>70-<90`.
fn parse_interval(text: &str) -> Option<Interval> {
    let t: String = text
        .chars()
        .filter(|c| *c != '%' && !c.is_whitespace())
        .collect();
    let num = |s: &str| parse_decimal_cell(s).ok().map(Dec);
    let lower = |s: &str| -> Option<(Dec, bool)> {
        if let Some(r) = s.strip_prefix(">=").or_else(|| s.strip_prefix('≥')) {
            Some((num(r)?, true))
        } else if let Some(r) = s.strip_prefix('>') {
            Some((num(r)?, false))
        } else {
            Some((num(s)?, true))
        }
    };
    let upper = |s: &str| -> Option<(Dec, bool)> {
        if let Some(r) = s.strip_prefix("<=").or_else(|| s.strip_prefix('≤')) {
            Some((num(r)?, true))
        } else if let Some(r) = s.strip_prefix('<') {
            Some((num(r)?, false))
        } else {
            Some((num(s)?, true))
        }
    };
    // A range has a '-' after its first character (a leading '-' would be a sign).
    if let Some(dash) = t
        .char_indices()
        .skip(1)
        .find(|(_, c)| *c == '-')
        .map(|(i, _)| i)
    {
        let (lo, hi) = (&t[..dash], &t[dash + 1..]);
        let (lo, li) = lower(lo)?;
        let (hi, hx) = upper(hi)?;
        return Some((Some(lo), li, Some(hi), hx));
    }
    if t.starts_with('<') || t.starts_with('≤') {
        let (hi, hx) = upper(&t)?;
        return Some((None, true, Some(hi), hx));
    }
    if t.starts_with('>') || t.starts_with('≥') {
        let (lo, li) = lower(&t)?;
        return Some((Some(lo), li, None, true));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::QUOTED_BYTES;
    use crate::text::Lang;

    #[test]
    fn a_semicolon_written_twice_is_a_labels_own() {
        assert_eq!(pairs_written("a=1; b=0"), ["a=1", " b=0"]);
        assert_eq!(pairs_written("a;; b=1;c=0;"), ["a; b=1", "c=0", ""]);
        assert_eq!(pairs_written(";;;"), [";", ""]);
        // A key pressed twice after a whole pair parts the pairs, as before labels held `;`.
        assert_eq!(
            pairs_written("Đúng hạn=2;; Trễ=1"),
            ["Đúng hạn=2", "", " Trễ=1"]
        );
        assert_eq!(pairs_written("a=1;;"), ["a=1", "", ""]);
        for label in ["a; b", ";", "a;;b", "x"] {
            assert_eq!(pairs_written(&label_in_pairs(label)), [label]);
        }
    }

    /// A cell a message quotes may hold megabytes (a workbook's one shared text in every row of
    /// a column): each problem quotes at most [`QUOTED_BYTES`] of it.
    #[test]
    fn a_rule_written_wrong_is_quoted_in_part() {
        let long = "x".repeat(1 << 20);
        let (pair, yes_no_pair) = (format!("{long}=1"), format!("{long}=1"));
        let cases = [
            parse_rule(Some(&long), None, None, None, None),
            parse_rule(Some("choice"), Some(&long), None, None, None),
            parse_rule(Some("yes_no"), Some(&yes_no_pair), None, None, None),
            parse_rule(Some("bands"), None, Some(&pair), None, None),
        ];
        for (i, case) in cases.into_iter().enumerate() {
            let problems = case.expect_err("refused");
            for problem in problems {
                let line = problem.line(Lang::Vi);
                assert!(
                    line.len() < 3 * QUOTED_BYTES,
                    "case {i}: {} bytes",
                    line.len()
                );
            }
        }
    }
}
