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
use crate::methodology::{RoundingPolicy, Rule};
use crate::rules::{measured, rule_points, Target};
use crate::text::{Input, WarningMsg};
use rust_decimal::Decimal;

/// The warning for the input that counted for a leaf (`which`, holding `value`, which gave
/// `points`), where it reads as a percentage typed as a fraction, or as points; `None` for any
/// other input or rule. Points are said rounded as results show them.
pub(crate) fn misread_measure(
    t: &Target,
    which: Input,
    value: &InputValue,
    points: Decimal,
    rounding: RoundingPolicy,
) -> Option<WarningMsg> {
    let rule = t.rule?;
    if !matches!(rule, Rule::Bands { .. } | Rule::Ratio { .. }) {
        return None;
    }
    let InputValue::Text(text) = value else {
        return None;
    };
    if text.trim_end().ends_with('%') {
        return None;
    }
    let read = Read {
        t,
        rule,
        which,
        value: measured(value).ok()?,
        points,
        rounding,
    };
    read.as_fraction().or_else(|| read.as_points())
}

/// A measured input as it was read: which it was, its value and the points it gave.
struct Read<'a> {
    t: &'a Target<'a>,
    rule: &'a Rule,
    which: Input,
    value: Decimal,
    points: Decimal,
    rounding: RoundingPolicy,
}

impl Read<'_> {
    /// Points as results show them.
    fn round(&self, points: Decimal) -> Decimal {
        self.rounding.round(points).0
    }

    /// A percentage typed as the fraction Excel stores: strictly between 0 and 1 (a count never
    /// is), or 1 where the rule measures in `%` (100 % is stored as 1, but a count may be 1),
    /// under a rule on a percentage's scale, where 100 times it scores more.
    fn as_fraction(&self) -> Option<WarningMsg> {
        let (value, rule) = (self.value, self.rule);
        let one = value == Decimal::ONE && in_percent(rule);
        let fraction = value > Decimal::ZERO && (value < Decimal::ONE || one);
        if !fraction || !percent_scale(rule) {
            return None;
        }
        let as_percent = (value * Decimal::ONE_HUNDRED).normalize();
        let points_as_percent = rule_points(rule, self.t.max, as_percent)?;
        (points_as_percent > self.points).then(|| WarningMsg::MeasuredAsFraction {
            criterion: self.t.criterion(),
            input: self.which,
            value: value.normalize(),
            points: self.round(self.points),
            as_percent,
            points_as_percent: self.round(points_as_percent),
        })
    }

    /// Points typed where what was achieved was asked for, read as a percentage: a value within
    /// the criterion's max, one of its bands' points, that fell in the band of fewest points —
    /// a rule that gives more for more achieved, read below its first step (2 for `từ 90%
    /// trở lên: 2 điểm`). A rate of late dossiers (fewer is better) or a count of inspections
    /// (1 is a step of its own) is read as typed. A ratio is asked about only to a target of
    /// 100 (a percentage): a target of 12 months makes any value a likely one.
    fn as_points(&self) -> Option<WarningMsg> {
        let (value, t) = (self.value, self.t);
        let typed_as_points = match self.rule {
            Rule::Bands { bands, .. } => {
                let fewest = bands.iter().map(|band| band.points.0).min()?;
                bands.iter().any(|band| band.points.0 == value) && self.points == fewest
            }
            Rule::Ratio { target } => target.0 == Decimal::ONE_HUNDRED,
            _ => false,
        };
        let within_max = value > Decimal::ZERO && value <= t.max;
        (typed_as_points && within_max && self.points < value).then(|| {
            WarningMsg::MeasuredAsPoints {
                criterion: t.criterion(),
                input: self.which,
                measure: measure(self.rule).map(str::to_string),
                value: value.normalize(),
                points: self.round(self.points),
            }
        })
    }
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

/// Whether the rule's scale is a percentage's: a band bounded above 1 (`70%`), a ratio to 100.
/// A methodology measuring in fractions (bands at 0.7 and 0.9) takes 0.97 as typed; a ratio to
/// 12 months, 0.5 as half a month.
fn percent_scale(rule: &Rule) -> bool {
    match rule {
        Rule::Bands { bands, .. } => bands
            .iter()
            .flat_map(|band| [band.min, band.max])
            .any(|bound| bound.is_some_and(|b| b.0 > Decimal::ONE)),
        Rule::Ratio { target } => target.0 == Decimal::ONE_HUNDRED,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decimal::Dec;
    use crate::methodology::{RoundingPolicy, RuleBand};

    fn band(points: &str, min: Option<&str>, max: Option<&str>) -> RuleBand {
        let dec = |d: &str| Dec(d.parse().expect("a decimal"));
        RuleBand {
            label: None,
            points: dec(points),
            min: min.map(dec),
            min_inclusive: true,
            max: max.map(dec),
            max_inclusive: false,
        }
    }

    /// The code of the warning on `typed` under `rule` (a leaf of max `max`), if any.
    fn said(rule: &Rule, max: &str, typed: &str) -> Option<&'static str> {
        let options = crate::methodology::option_keys(rule);
        let t = Target {
            code: "1.1",
            name: "",
            max: max.parse().expect("a decimal"),
            rule: Some(rule),
            options: &options,
        };
        let value = InputValue::Text(typed.into());
        let points = crate::rules::rule_points(rule, t.max, measured(&value).ok()?)?;
        let warning = misread_measure(
            &t,
            Input::SelfScore,
            &value,
            points,
            RoundingPolicy::default(),
        )?;
        Some(warning.code().into())
    }

    #[test]
    fn a_rule_giving_more_for_more_achieved_says_a_fraction_and_points() {
        let plan = Rule::Bands {
            measure: Some("% kế hoạch".into()),
            bands: vec![
                band("2", Some("90"), None),
                band("1", Some("70"), Some("90")),
                band("0", None, Some("70")),
            ],
        };
        assert_eq!(said(&plan, "2", "0.97"), Some("measured_as_fraction"));
        assert_eq!(said(&plan, "2", "1"), Some("measured_as_fraction"));
        assert_eq!(said(&plan, "2", "2"), Some("measured_as_points"));
        assert_eq!(said(&plan, "2", "0.5"), None, "50 % scores 0 all the same");
        assert_eq!(said(&plan, "2", "97"), None);
        assert_eq!(said(&plan, "2", "0.97%"), None, "typed with its sign");
        let to_plan = Rule::Ratio {
            target: Dec(Decimal::ONE_HUNDRED),
        };
        assert_eq!(said(&to_plan, "2", "0.875"), Some("measured_as_fraction"));
        assert_eq!(said(&to_plan, "2", "1.5"), Some("measured_as_points"));
    }

    #[test]
    fn rates_counts_fractions_and_other_targets_are_read_as_typed() {
        // Fewer late dossiers is better: 0.5 % and 2 % are likely rates.
        let late = Rule::Bands {
            measure: Some("% hồ sơ trễ hạn".into()),
            bands: vec![
                band("2", None, Some("1")),
                band("1", Some("1"), Some("3")),
                band("0", Some("3"), None),
            ],
        };
        assert_eq!(said(&late, "2", "0.5"), None);
        assert_eq!(said(&late, "2", "2"), None);
        // One inspection is a step of its own.
        let inspections = Rule::Bands {
            measure: Some("cuộc kiểm tra".into()),
            bands: vec![
                band("1", Some("3"), None),
                band("0.5", Some("1"), Some("3")),
                band("0", None, Some("1")),
            ],
        };
        assert_eq!(said(&inspections, "1", "1"), None);
        // A methodology measuring in fractions.
        let fractions = Rule::Bands {
            measure: None,
            bands: vec![band("2", Some("0.9"), None), band("0", None, Some("0.9"))],
        };
        assert_eq!(said(&fractions, "2", "0.5"), None);
        // Twelve months as the target: any value up to the max is a likely one.
        let months = Rule::Ratio {
            target: Dec(Decimal::from(12)),
        };
        assert_eq!(said(&months, "1", "0.5"), None);
        assert_eq!(said(&months, "1", "1"), None);
    }
}
