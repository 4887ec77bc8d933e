//! The scoring rules of one criterion: what its inputs are worth under the methodology.
//!
//! - **The override rules.** A leaf's points come from the last appraisal round if any, else
//!   from a value given directly, else from the unit's self-score; a round that changes the
//!   points before it needs a reason (`reason_required`); a self-score without evidence counts
//!   nothing (`evidence_required`); a self-score no round has appraised counts, counts 0 or is
//!   refused (`unappraised_self`); a leaf with no input counts 0 or is refused (`missing_leaf`).
//! - **Survey results** (percent satisfied, or points) belong to survey leaves only.
//! - **A leaf's rule** turns one input into points: points within 0..max, a choice among
//!   labelled options, yes/no, bands of a measured value, or a ratio to a target.
//!
//! Every input outside its range is a problem naming the criterion and the field. The points of
//! the self-score and of each round, and the rule's note for the input that counts, are written
//! beside the unit's entry for the results to show ([`crate::worth`]).

use crate::assessment::{Entry, InputValue, SurveyInput};
use crate::bands::find_rule_band;
use crate::decimal::{compare, exact_text, parse_decimal_cell, parse_plain};
use crate::encoding::nfc;
use crate::entry_texts::{texts_not_read, with_unread, TextsFrom, TEXTS_DECIDING_POINTS};
use crate::error::{ErrorCode, ParError};
use crate::methodology::{
    label_key, MissingLeaf, Node, OptionKeys, Policies, Rule, UnappraisedSelf,
};
use crate::misread::misread_measure;
use crate::results::Source;
use crate::text::{Criterion, Input, Lang, Listed, RuleNote, ScoringMsg, WarningMsg};
use crate::worth::{EntryScoring, RuleSaid};
use rust_decimal::Decimal;

/// What a leaf's inputs came to. What each of them was worth (self-score, rounds, the rule's note)
/// is written beside the unit's entry.
pub(crate) struct Outcome {
    pub(crate) points: Decimal,
    pub(crate) source: Source,
    /// Boxed: rare, and an outcome is handed up through three calls for every leaf.
    pub(crate) warning: Option<Box<WarningMsg>>,
}

impl Outcome {
    pub(crate) fn simple(points: Decimal, source: Source) -> Self {
        Outcome {
            points,
            source,
            warning: None,
        }
    }
}

/// What an input is scored against: a leaf's rule within 0..max, or an adjustment's points,
/// which its caps bound afterwards (`rule: None`).
pub(crate) struct Target<'a> {
    pub(crate) code: &'a str,
    pub(crate) name: &'a str,
    pub(crate) max: Decimal,
    pub(crate) rule: Option<&'a Rule>,
    /// The options of a choice rule by their labels' key ([`Node::options`]).
    pub(crate) options: &'a OptionKeys,
}

impl Target<'_> {
    pub(crate) fn criterion(&self) -> Criterion {
        Criterion::new(self.code, self.name)
    }
}

pub(crate) fn criterion(node: &Node) -> Criterion {
    Criterion::new(&node.code, &node.name)
}

fn about(e: ParError, input: Input, criterion: Criterion) -> ParError {
    e.about(input, criterion)
}

/// Whether `value` lies within 0..max (both included).
fn within(value: Decimal, max: Decimal) -> bool {
    (value.is_zero() || value.is_sign_positive()) && compare(value, max).is_le()
}

/// The field of an entry that gives a node its points whole, as problems name it: a survey's
/// result (`survey.percent`, `survey.points`), else the points given (`value`).
pub(crate) fn points_field(input: Input) -> &'static str {
    match input {
        Input::SurveyPercent => "survey.percent",
        Input::SurveyPoints => "survey.points",
        _ => "value",
    }
}

/// An `out_of_range` problem when `value` lies outside 0..max.
pub(crate) fn out_of_range(
    node: &Node,
    input: Input,
    value: Decimal,
    max: Decimal,
) -> Option<ParError> {
    (!within(value, max)).then(|| {
        let e = range_problem(value, max, input == Input::SurveyPercent)
            .node(&node.code)
            .field(points_field(input));
        about(e, input, criterion(node))
    })
}

/// The problem of a value outside 0..max (0..100 for a percentage).
fn range_problem(value: Decimal, max: Decimal, percentage: bool) -> ParError {
    let message = if percentage {
        ScoringMsg::PercentOutside { value }
    } else if value.is_sign_negative() {
        ScoringMsg::Negative { value, max }
    } else {
        ScoringMsg::AboveMax { value, max }
    };
    ParError::new(ErrorCode::OutOfRange, message).value(exact_text(value))
}

/// A leaf's points under the override semantics and the methodology's policies. Evidence or a
/// reason that is a formula's error refuses the entry, scored or not (a survey-assessed leaf's,
/// which decide none of its points, are checked with the unit's other texts).
pub(crate) fn eval_leaf(
    node: &Node,
    entry: Option<EntryScoring>,
    p: &Policies,
    lang: Lang,
) -> Result<Outcome, Vec<ParError>> {
    let unread = match &entry {
        Some(e) if !node.survey => texts_not_read(
            &node.code,
            e.entry,
            &TEXTS_DECIDING_POINTS,
            TextsFrom::Typed,
        ),
        _ => Vec::new(),
    };
    with_unread(unread, eval_leaf_inputs(node, entry, p, lang))
}

/// [`eval_leaf`] of its inputs.
fn eval_leaf_inputs(
    node: &Node,
    entry: Option<EntryScoring>,
    p: &Policies,
    lang: Lang,
) -> Result<Outcome, Vec<ParError>> {
    let Some(entry) = entry.filter(|e| e.entry.has_score()) else {
        return match p.missing_leaf {
            MissingLeaf::Error => Err(vec![ParError::new(
                ErrorCode::MissingLeaf,
                ScoringMsg::NotScored {
                    criterion: criterion(node),
                },
            )]),
            MissingLeaf::Zero => Ok(Outcome {
                warning: Some(Box::new(WarningMsg::NotScored {
                    criterion: criterion(node),
                })),
                ..Outcome::simple(Decimal::ZERO, Source::Missing)
            }),
        };
    };
    if node.survey {
        return eval_survey(node, entry.entry);
    }
    if entry.entry.survey.is_some() {
        return Err(vec![ParError::new(
            ErrorCode::NotSurvey,
            ScoringMsg::NotSurvey {
                criterion: criterion(node),
            },
        )
        .field("survey")]);
    }
    let target = Target {
        code: &node.code,
        name: &node.name,
        max: node.max,
        rule: Some(&node.rule),
        options: &node.options,
    };
    eval_inputs(&target, entry, p, lang)
}

pub(crate) fn eval_survey(node: &Node, entry: &Entry) -> Result<Outcome, Vec<ParError>> {
    let mut errors = Vec::new();
    if entry.self_score.is_some() {
        errors.push(survey_only(node, "self"));
    }
    if !entry.appraisals.is_empty() {
        errors.push(survey_only(node, "appraisals"));
    }
    let outcome = match (entry.survey, entry.value) {
        (Some(_), Some(_)) => {
            errors.push(
                ParError::new(ErrorCode::ConflictingInput, ScoringMsg::SurveyAndValue)
                    .field("value"),
            );
            None
        }
        (Some(SurveyInput::Percent(pct)), None) => {
            errors.extend(out_of_range(
                node,
                Input::SurveyPercent,
                pct.0,
                Decimal::ONE_HUNDRED,
            ));
            let points = (node.max * pct.0).checked_div(Decimal::ONE_HUNDRED);
            points.map(|p| Outcome::simple(p, Source::Survey))
        }
        (Some(SurveyInput::Points(pts)), None) => {
            errors.extend(out_of_range(node, Input::SurveyPoints, pts.0, node.max));
            Some(Outcome::simple(pts.0, Source::Survey))
        }
        (None, Some(v)) => {
            errors.extend(out_of_range(node, Input::Value, v.0, node.max));
            Some(Outcome::simple(v.0, Source::Value))
        }
        (None, None) => None,
    };
    match outcome {
        Some(o) if errors.is_empty() => Ok(o),
        _ => Err(errors),
    }
}

fn survey_only(node: &Node, field: &str) -> ParError {
    ParError::new(
        ErrorCode::SurveyOnly,
        ScoringMsg::SurveyOnly {
            criterion: criterion(node),
            field: field.to_string(),
        },
    )
    .field(field)
}

/// Self-score, appraisal rounds and value → points, under the override semantics. A leaf's inputs
/// must lie within its rule's range; an adjustment's need not: its caps bound them afterwards.
/// The points of the self-score and of each round, and the rule's note for the input that counts,
/// are written beside the entry for the results to show.
pub(crate) fn eval_inputs(
    t: &Target,
    scoring: EntryScoring,
    p: &Policies,
    lang: Lang,
) -> Result<Outcome, Vec<ParError>> {
    let EntryScoring {
        entry,
        worth,
        round_points,
    } = scoring;
    let mut errors = Vec::new();
    // `at` is None for the self-score, else the round's position and number; the field name is
    // only spelled out on error. A rule's note is written in the results' language.
    let apply = |input: &InputValue, at: Option<(usize, u32)>| {
        if let Some(points) = t.rule.and_then(|rule| plain_points(rule, t.max, input)) {
            return Ok((points, None));
        }
        let applied = match t.rule {
            Some(rule) => apply_rule(rule, t.max, input, t.options),
            None => input_decimal(input).map(|d| (d, None)),
        };
        match applied {
            Ok((points, note)) => Ok((points, note.map(|n| Box::new(RuleSaid::Found(n, lang))))),
            Err(e) => {
                let (field, which) = match at {
                    None => ("self".to_string(), Input::SelfScore),
                    Some((i, round)) => (format!("appraisals[{i}].value"), Input::Appraisal(round)),
                };
                Err(about(e.node(t.code).field(field), which, t.criterion()))
            }
        }
    };

    let self_applied = match entry.self_score.as_ref().map(|s| apply(s, None)) {
        Some(Err(e)) => {
            errors.push(e);
            None
        }
        Some(Ok(x)) => Some(x),
        None => None,
    };
    // Each round's points are recorded; the last round counts. A round that changes the points of
    // the one before (or of the self-score) needs a reason.
    let mut unexplained = Vec::new();
    let mut previous = self_applied.as_ref().map(|s| s.0);
    let mut last = None;
    let mut last_round = 0;
    for ((i, a), points) in entry.appraisals.iter().enumerate().zip(round_points) {
        match apply(&a.value, Some((i, a.round))) {
            Ok((pts, rule)) => {
                let blank = || a.reason.as_deref().is_none_or(crate::names::shows_nothing);
                let changed = previous
                    .filter(|prev| compare(*prev, pts).is_ne() && p.reason_required && blank());
                if let Some(prev) = changed {
                    let change = format!("{} → {}", exact_text(prev), exact_text(pts));
                    unexplained.push(
                        ParError::new(
                            ErrorCode::ReasonRequired,
                            ScoringMsg::ReasonRequired {
                                round: a.round,
                                from: prev,
                                to: pts,
                            },
                        )
                        .field(format!("appraisals[{i}].reason"))
                        .value(change),
                    );
                }
                previous = Some(pts);
                *points = Some(p.rounding.round(pts));
                last = Some((pts, rule, (Input::Appraisal(a.round), &a.value)));
            }
            Err(e) => errors.push(e),
        }
        if a.round == 0 || a.round <= last_round {
            errors.push(
                ParError::new(ErrorCode::BadRound, ScoringMsg::BadRound)
                    .node(t.code)
                    .field(format!("appraisals[{i}].round"))
                    .value(a.round.to_string()),
            );
        }
        last_round = a.round;
    }
    // An adjustment's value is capped, not refused.
    if let Some(v) = entry.value.filter(|_| t.rule.is_some()) {
        let problem = range_problem(v.0, t.max, false).node(t.code).field("value");
        errors.extend((!within(v.0, t.max)).then(|| about(problem, Input::Value, t.criterion())));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if !unexplained.is_empty() {
        return Err(unexplained);
    }
    worth.self_points = self_applied.as_ref().map(|s| p.rounding.round(s.0));

    if let Some((pts, rule, (which, value))) = last {
        worth.rule = rule;
        return Ok(Outcome {
            warning: misread_measure(t, which, value, pts, p.rounding).map(Box::new),
            ..Outcome::simple(pts, Source::Appraisal)
        });
    }
    if let Some(v) = entry.value {
        return Ok(Outcome::simple(v.0, Source::Value));
    }
    let Some((pts, rule)) = self_applied else {
        // Only evidence or an explanation (an adjustment entry without points): nothing counts.
        return Ok(Outcome::simple(Decimal::ZERO, Source::Missing));
    };
    worth.rule = rule;
    // A reference that shows nothing (`""`, a zero-width space a copy left) is no evidence.
    let no_evidence = entry
        .evidence
        .iter()
        .all(|r| crate::names::shows_nothing(r));
    if p.evidence_required && pts > Decimal::ZERO && no_evidence {
        return Ok(Outcome {
            warning: Some(Box::new(WarningMsg::EvidenceMissing {
                criterion: t.criterion(),
                points: pts,
            })),
            ..Outcome::simple(Decimal::ZERO, Source::SelfAssessed)
        });
    }
    match p.unappraised_self {
        UnappraisedSelf::Accept => Ok(Outcome {
            // The self-score counts: it was given, or it would not have applied.
            warning: (entry.self_score.as_ref())
                .and_then(|value| misread_measure(t, Input::SelfScore, value, pts, p.rounding))
                .map(Box::new),
            ..Outcome::simple(pts, Source::SelfAssessed)
        }),
        UnappraisedSelf::Zero => Ok(Outcome {
            warning: Some(Box::new(WarningMsg::NotAppraised {
                criterion: t.criterion(),
                points: pts,
            })),
            ..Outcome::simple(Decimal::ZERO, Source::SelfAssessed)
        }),
        UnappraisedSelf::Error => Err(vec![ParError::new(
            ErrorCode::NotAppraised,
            ScoringMsg::NotAppraised {
                criterion: t.criterion(),
            },
        )
        .field("appraisals")]),
    }
}

fn input_decimal(input: &InputValue) -> Result<Decimal, ParError> {
    match input {
        InputValue::Text(t) => parse_decimal_cell(t),
        InputValue::Flag(b) => Err(ParError::new(
            ErrorCode::BadType,
            ScoringMsg::FlagNotNumber { given: *b },
        )
        .value(b.to_string())),
    }
}

/// The input of a rule that measures (`bands`, `ratio`): a decimal of 0 or more, or a percentage
/// typed with its sign as spreadsheets show it (`97%`, `97.5 %`), which must lie within 0..100.
/// A plain value above 100 is kept: a unit may carry out 105 % of its plan.
pub(crate) fn measured(input: &InputValue) -> Result<Decimal, ParError> {
    let InputValue::Text(text) = input else {
        return input_decimal(input);
    };
    let (number, percent) = match text.trim().strip_suffix('%') {
        Some(number) => (number.trim_end(), true),
        None => (text.as_str(), false),
    };
    let v = parse_decimal_cell(number)?;
    let refused = if percent && !within(v, Decimal::ONE_HUNDRED) {
        Some(ScoringMsg::PercentOutside { value: v })
    } else if v.is_sign_negative() && !v.is_zero() {
        Some(ScoringMsg::NegativeMeasure { value: v })
    } else {
        None
    };
    match refused {
        Some(message) => Err(ParError::new(ErrorCode::OutOfRange, message).value(text.as_str())),
        None => Ok(v),
    }
}

/// [`apply_rule`]'s points for the common input — plain decimal text for the `points` rule,
/// within range — or `None` for every other input, which `apply_rule` then takes. Every input
/// of a run comes this way first: returning a bare decimal instead of a result the size of a
/// `ParError` through three calls made scoring a national run a quarter faster.
fn plain_points(rule: &Rule, max: Decimal, input: &InputValue) -> Option<Decimal> {
    match (rule, input) {
        (Rule::Points, InputValue::Text(text)) => parse_plain(text).filter(|v| within(*v, max)),
        _ => None,
    }
}

/// Applies a leaf's rule to one input; returns the points and, for rules other than `points`,
/// a note of what the rule matched.
fn apply_rule(
    rule: &Rule,
    max: Decimal,
    input: &InputValue,
    option_keys: &OptionKeys,
) -> Result<(Decimal, Option<RuleNote>), ParError> {
    // The node and the field are added by the caller, which knows which input this was.
    let range = |v: Decimal, hi: Decimal| -> Result<(), ParError> {
        if within(v, hi) {
            Ok(())
        } else {
            Err(range_problem(v, hi, false))
        }
    };
    match rule {
        Rule::Points => {
            let v = input_decimal(input)?;
            range(v, max)?;
            Ok((v, None))
        }
        Rule::Choice { options } => {
            let InputValue::Text(label) = input else {
                return Err(
                    ParError::new(ErrorCode::BadType, ScoringMsg::NotAnOptionLabel)
                        .value(input.as_text()),
                );
            };
            // In NFC: a label typed with combining marks is the option's label.
            let label = nfc(label);
            (option_keys.get(&label_key(&label)))
                .and_then(|&i| options.get(i))
                .map(|o| {
                    let note = RuleNote::Choice {
                        label: o.label.clone(),
                    };
                    (o.points.0, Some(note))
                })
                .ok_or_else(|| {
                    let options = Listed::of(options, |o| o.label.to_string());
                    ParError::new(
                        ErrorCode::UnknownOption,
                        ScoringMsg::UnknownOption {
                            given: label.to_string(),
                            options,
                        },
                    )
                    .value(label.as_ref())
                })
        }
        Rule::YesNo { yes, no } => {
            let answer = match input {
                InputValue::Flag(b) => Some(*b),
                InputValue::Text(t) => match nfc(t).trim().to_lowercase().as_str() {
                    "yes" | "true" | "có" | "co" | "đạt" | "1" => Some(true),
                    "no" | "false" | "không" | "khong" | "không đạt" | "0" => Some(false),
                    _ => None,
                },
            };
            match answer {
                Some(true) => Ok((yes.map(|d| d.0).unwrap_or(max), Some(RuleNote::Yes))),
                Some(false) => Ok((no.map(|d| d.0).unwrap_or(Decimal::ZERO), Some(RuleNote::No))),
                None => {
                    let given = input.as_text();
                    let message = ScoringMsg::NotYesNo {
                        given: crate::error::quoted(&given),
                    };
                    Err(ParError::new(ErrorCode::UnknownOption, message).value(given))
                }
            }
        }
        Rule::Bands { bands, measure } => {
            let v = measured(input)?;
            let band = find_rule_band(bands, v).ok_or_else(|| {
                ParError::new(
                    ErrorCode::OutOfRange,
                    ScoringMsg::InNoBand {
                        value: v,
                        measure: measure.clone(),
                    },
                )
                .value(exact_text(v))
            })?;
            let note = RuleNote::Band {
                label: band.label.clone(),
                value: v,
            };
            Ok((band.points.0, Some(note)))
        }
        Rule::Ratio { target } => {
            let v = measured(input)?;
            let points = ratio_points(max, v, target.0);
            let note = RuleNote::Ratio {
                value: v,
                target: target.0,
            };
            Ok((points, Some(note)))
        }
    }
}

/// The points of a measured value under a rule that measures (`bands`, `ratio`); `None` for
/// other rules, or a value in no band.
pub(crate) fn rule_points(rule: &Rule, max: Decimal, v: Decimal) -> Option<Decimal> {
    match rule {
        Rule::Bands { bands, .. } => find_rule_band(bands, v).map(|band| band.points.0),
        Rule::Ratio { target } => Some(ratio_points(max, v, target.0)),
        _ => None,
    }
}

/// max × v / target, capped at max.
fn ratio_points(max: Decimal, v: Decimal, target: Decimal) -> Decimal {
    // v < target keeps the quotient below 1, so the product stays below max.
    if v >= target {
        max
    } else {
        (max * v).checked_div(target).unwrap_or(max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::sync::Arc;

    proptest! {
        /// The fast path gives what the rule gives, scale included, or leaves the input to it.
        #[test]
        fn plain_points_agree_with_the_rule(
            text in "[0-9]{0,3}(\\.[0-9]{0,3})?|[-+ ,.0-9]{1,6}|có|yes",
            max in prop::sample::select(vec!["1", "2.5", "10.00", "0"]),
        ) {
            let max = Decimal::from_str_exact(max).unwrap();
            let input = InputValue::Text(text.into());
            if let Some(fast) = plain_points(&Rule::Points, max, &input) {
                let none = OptionKeys::default();
                let (general, note) = apply_rule(&Rule::Points, max, &input, &none)
                    .expect("the rule accepts what the fast path accepts");
                prop_assert_eq!(fast, general);
                prop_assert_eq!(fast.scale(), general.scale());
                prop_assert_eq!(note, None);
            }
        }
    }

    /// A note names its option or band by the methodology's own label, not a copy of it: a
    /// national run notes a million entries, and a label may be a long sentence.
    #[test]
    fn a_note_shares_the_label_of_the_option_or_band_it_names() {
        let label: Arc<str> = "Ban hành đúng hạn, đủ nội dung theo kế hoạch".into();
        let points = crate::decimal::Dec(Decimal::ONE);
        let choice = Rule::Choice {
            options: vec![crate::methodology::ChoiceOption {
                label: label.clone(),
                points,
            }],
        };
        let typed = InputValue::Text("ban hành đúng hạn,  đủ nội dung theo kế hoạch".into());
        let keys = crate::methodology::option_keys(&choice);
        let noted = apply_rule(&choice, Decimal::ONE, &typed, &keys).map(|(_, note)| note);
        let Ok(Some(RuleNote::Choice { label: chosen })) = noted else {
            panic!("{noted:?}")
        };
        assert!(Arc::ptr_eq(&chosen, &label));

        let bands = Rule::Bands {
            measure: None,
            bands: vec![crate::methodology::RuleBand {
                label: Some(label.clone()),
                points,
                min: None,
                min_inclusive: true,
                max: None,
                max_inclusive: true,
            }],
        };
        let measured = InputValue::Text("97".into());
        let noted = apply_rule(&bands, Decimal::ONE, &measured, &OptionKeys::default());
        let Ok((
            _,
            Some(RuleNote::Band {
                label: Some(band), ..
            }),
        )) = noted
        else {
            panic!("{noted:?}")
        };
        assert!(Arc::ptr_eq(&band, &label));
    }
}
