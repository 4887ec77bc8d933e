//! Percentages that arrived as fractions. A cell Excel formats as a percentage shows `97%` and
//! stores 0.97: a workbook is read as it shows, but a DataFrame (`pd.read_excel`), a cell
//! formatted `General` or values pasted as stored hold 0.97, which a measured criterion reads as
//! 0.97 % and scores low, without a word. The entry that counts is said in a warning where its
//! value, a fraction typed without `%`, would have scored more as a percentage (97): a rate of
//! late dossiers of 0.5 %, scored in `dưới 1%`, would score less as 50 and is not said.

use crate::assessment::InputValue;
use crate::methodology::Rule;
use crate::rules::{measured, rule_points, Target};
use crate::text::WarningMsg;
use rust_decimal::Decimal;

/// The warning for the input that counted, `points` as scored, when it reads as a percentage
/// typed as the fraction Excel stores: strictly between 0 and 1 (a count is never), or 1 where
/// the rule measures in percent (`% kế hoạch`: 100 % is stored as 1, but a count may be 1).
pub(crate) fn read_as_fraction(
    t: &Target,
    input: &InputValue,
    points: Decimal,
) -> Option<WarningMsg> {
    let in_percent = match t.rule? {
        Rule::Bands { measure, .. } => measure.as_deref().is_some_and(|m| m.contains('%')),
        Rule::Ratio { .. } => false,
        _ => return None,
    };
    let InputValue::Text(text) = input else {
        return None;
    };
    if text.trim_end().ends_with('%') {
        return None;
    }
    let value = measured(input).ok()?;
    let fraction =
        value > Decimal::ZERO && (value < Decimal::ONE || (value == Decimal::ONE && in_percent));
    if !fraction {
        return None;
    }
    let as_percent = (value * Decimal::ONE_HUNDRED).normalize();
    let points_as_percent = rule_points(t.rule?, t.max, as_percent)?;
    (points_as_percent > points).then(|| WarningMsg::MeasuredAsFraction {
        criterion: t.criterion(),
        value: value.normalize(),
        points,
        as_percent,
        points_as_percent,
    })
}
