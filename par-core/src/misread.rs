//! Measured values typed as something else. A criterion scored from a measure (`bands`,
//! `ratio`: `từ 90% kế hoạch trở lên: 2 điểm`) reads its input as the measure, and two inputs
//! that officials' sheets give are read so without a word unless said:
//!
//! - **a percentage as the fraction Excel stores**: a cell formatted `97%` holds 0.97, which a
//!   cell formatted `General`, a paste of values or a DataFrame (`pd.read_excel`) gives, read as
//!   0.97 %;
//! - **points**: a long sheet's `Điểm tự chấm` column holds points for every criterion, and 2
//!   points typed for a measured one is read as 2 %.
//!
//! The input that counted is said where the other reading would have scored otherwise: a rate of
//! late dossiers of 0.5 %, scored in `dưới 1%`, would score less as 50 and is not said.

use crate::assessment::InputValue;
use crate::methodology::Rule;
use crate::rules::{measured, rule_points, Target};
use crate::text::WarningMsg;
use rust_decimal::Decimal;

/// The warning for the input that counted, `points` as scored, where it reads as a percentage
/// typed as a fraction, or as points; `None` for any other input or rule.
pub(crate) fn misread_measure(
    t: &Target,
    input: &InputValue,
    points: Decimal,
) -> Option<WarningMsg> {
    let rule = t.rule?;
    if !matches!(rule, Rule::Bands { .. } | Rule::Ratio { .. }) {
        return None;
    }
    let InputValue::Text(text) = input else {
        return None;
    };
    if text.trim_end().ends_with('%') {
        return None;
    }
    let value = measured(input).ok()?;
    as_fraction(t, rule, value, points).or_else(|| as_points(t, rule, value, points))
}

/// A percentage typed as the fraction Excel stores: strictly between 0 and 1 (a count never is),
/// or 1 where the rule measures in `%` (100 % is stored as 1, but a count may be 1), under a rule
/// whose scale goes above 1, where 100 times it scores more.
fn as_fraction(t: &Target, rule: &Rule, value: Decimal, points: Decimal) -> Option<WarningMsg> {
    let fraction = value > Decimal::ZERO
        && (value < Decimal::ONE || (value == Decimal::ONE && in_percent(rule)));
    if !fraction || !scale_above_one(rule) {
        return None;
    }
    let as_percent = (value * Decimal::ONE_HUNDRED).normalize();
    let points_as_percent = rule_points(rule, t.max, as_percent)?;
    (points_as_percent > points).then(|| WarningMsg::MeasuredAsFraction {
        criterion: t.criterion(),
        value: value.normalize(),
        points,
        as_percent,
        points_as_percent,
    })
}

/// Points typed where the measure was asked for: a value within the criterion's max that the
/// rule gives (one band's points; any, for a ratio) and that, read as the measure, scored less.
fn as_points(t: &Target, rule: &Rule, value: Decimal, points: Decimal) -> Option<WarningMsg> {
    let given_by_rule = match rule {
        Rule::Bands { bands, .. } => bands.iter().any(|band| band.points.0 == value),
        _ => true,
    };
    let typed_as_points = value > Decimal::ZERO && value <= t.max && given_by_rule;
    (typed_as_points && points < value).then(|| WarningMsg::MeasuredAsPoints {
        criterion: t.criterion(),
        measure: measure(rule).map(str::to_string),
        value: value.normalize(),
        points,
    })
}

/// What the rule measures, where it says (`% kế hoạch`).
fn measure(rule: &Rule) -> Option<&str> {
    match rule {
        Rule::Bands { measure, .. } => measure.as_deref(),
        _ => None,
    }
}

fn in_percent(rule: &Rule) -> bool {
    measure(rule).is_some_and(|m| m.contains('%'))
}

/// Whether the rule's scale goes above 1: a band bounded above 1 (`70%`), a target above 1. A
/// methodology measuring in fractions (bands at 0.7 and 0.9) takes 0.97 as typed.
fn scale_above_one(rule: &Rule) -> bool {
    match rule {
        Rule::Bands { bands, .. } => bands
            .iter()
            .flat_map(|band| [band.min, band.max])
            .any(|bound| bound.is_some_and(|b| b.0 > Decimal::ONE)),
        Rule::Ratio { target } => target.0 > Decimal::ONE,
        _ => false,
    }
}
