//! Bands of two kinds: the intervals of a `bands` rule (a measured percentage → points, each bound
//! explicitly inclusive or exclusive), and classification bands (xếp loại A/B/C by index).

use crate::error::{ErrorCode, ParError};
use crate::methodology::{label_key, Band, RuleBand};
use crate::text::{DefiningMsg, Interval};
use rust_decimal::Decimal;
use std::cmp::Ordering;

/// A lower bound as an ordered position: `(value, true)` for "≥ value", `(value, false)` for "> value".
/// "≥ v" comes before "> v". `None` is −∞.
fn lower_key(b: &RuleBand) -> (Option<Decimal>, bool) {
    (b.min.map(|d| d.0), !b.min_inclusive)
}

fn cmp_lower(a: &RuleBand, b: &RuleBand) -> Ordering {
    let (av, ax) = lower_key(a);
    let (bv, bx) = lower_key(b);
    match (av, bv) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Less,
        (Some(_), None) => Ordering::Greater,
        (Some(x), Some(y)) => x.cmp(&y).then(ax.cmp(&bx)),
    }
}

/// A band as texts show it.
fn interval(b: &RuleBand) -> Interval {
    Interval {
        label: b.label.as_deref().map(str::to_string),
        min: b.min.map(|m| m.0),
        min_inclusive: b.min_inclusive,
        max: b.max.map(|m| m.0),
        max_inclusive: b.max_inclusive,
    }
}

/// Every overlap, gap and empty interval among the bands of one rule.
pub(crate) fn check_rule_bands(bands: &[RuleBand]) -> Vec<ParError> {
    if let Err(e) = crate::limits::BANDS.check(bands.len()) {
        return vec![e.field("rule.bands")];
    }
    let mut problems = Vec::new();
    for (i, b) in bands.iter().enumerate() {
        if let (Some(lo), Some(hi)) = (b.min, b.max) {
            let empty = lo.0 > hi.0 || (lo.0 == hi.0 && !(b.min_inclusive && b.max_inclusive));
            if empty {
                problems.push(
                    ParError::new(
                        ErrorCode::BadRule,
                        DefiningMsg::EmptyBand { band: interval(b) },
                    )
                    .field(format!("rule.bands[{i}]")),
                );
            }
        }
    }
    let mut order: Vec<usize> = (0..bands.len()).collect();
    order.sort_by(|&a, &b| cmp_lower(&bands[a], &bands[b]));
    for pair in order.windows(2) {
        let (lo, hi) = (&bands[pair[0]], &bands[pair[1]]);
        let field = format!("rule.bands[{}]", pair[1]);
        let (Some(upper), Some(lower)) = (lo.max, hi.min) else {
            // An unbounded upper end before another band overlaps it; an unbounded lower end
            // after the first band cannot happen since −∞ sorts first.
            problems.push(ParError::new(ErrorCode::BandOverlap, overlap(lo, hi)).field(field));
            continue;
        };
        let meets = upper.0 == lower.0 && lo.max_inclusive != hi.min_inclusive;
        let overlaps =
            upper.0 > lower.0 || (upper.0 == lower.0 && lo.max_inclusive && hi.min_inclusive);
        if overlaps {
            problems.push(
                ParError::new(ErrorCode::BandOverlap, overlap(lo, hi))
                    .field(field)
                    .value(upper.0.to_string()),
            );
        } else if !meets {
            problems.push(
                ParError::new(
                    ErrorCode::BandGap,
                    DefiningMsg::BandsGap {
                        lower: interval(lo),
                        upper: interval(hi),
                    },
                )
                .field(field)
                .value(upper.0.to_string()),
            );
        }
    }
    problems
}

fn overlap(lower: &RuleBand, upper: &RuleBand) -> DefiningMsg {
    DefiningMsg::BandsOverlap {
        lower: interval(lower),
        upper: interval(upper),
    }
}

/// The band of a rule that contains `value`.
pub(crate) fn find_rule_band(bands: &[RuleBand], value: Decimal) -> Option<&RuleBand> {
    bands.iter().find(|b| {
        let above = match b.min {
            None => true,
            Some(m) if b.min_inclusive => value >= m.0,
            Some(m) => value > m.0,
        };
        let below = match b.max {
            None => true,
            Some(m) if b.max_inclusive => value <= m.0,
            Some(m) => value < m.0,
        };
        above && below
    })
}

/// Classification bands are listed from the highest down; each one's lower bound must lie strictly
/// below the previous one's (bands with the same bound would overlap), within 0..100.
pub(crate) fn check_classification_bands(bands: &[Band], field: &str) -> Vec<ParError> {
    if let Err(e) = crate::limits::BANDS.check(bands.len()) {
        return vec![e.field(field)];
    }
    let mut problems = Vec::new();
    let mut labels = crate::HashSet::with_capacity_and_hasher(bands.len(), Default::default());
    for (i, b) in bands.iter().enumerate() {
        let at = format!("{field}[{i}]");
        if b.label.trim().is_empty() {
            problems.push(
                ParError::new(ErrorCode::MissingField, DefiningMsg::ClassBandWithoutLabel)
                    .field(&at),
            );
        }
        if b.min.0 < Decimal::ZERO || b.min.0 > Decimal::ONE_HUNDRED {
            problems.push(
                ParError::new(
                    ErrorCode::OutOfRange,
                    DefiningMsg::ClassBandOutside {
                        label: b.label.clone(),
                        min: b.min.0,
                    },
                )
                .field(format!("{at}.min"))
                .value(b.min.0.to_string()),
            );
        }
        // Compared as a what-if's target names a band (`band=Rất tốt`): two labels apart only
        // in capitals or spaces would name one band.
        if !labels.insert(label_key(&b.label)) {
            problems.push(
                ParError::new(
                    ErrorCode::DuplicateCode,
                    DefiningMsg::ClassBandTwice {
                        label: b.label.clone(),
                    },
                )
                .field(format!("{at}.label"))
                .value(&b.label),
            );
        }
        if let Some(prev) = i.checked_sub(1).map(|p| &bands[p]) {
            // "> v" sits above "≥ v": a band starting at ≥ v below one at > v holds exactly v.
            let strictly_lower =
                b.min.0 < prev.min.0 || (b.min.0 == prev.min.0 && !prev.inclusive && b.inclusive);
            if !strictly_lower {
                problems.push(
                    ParError::new(
                        ErrorCode::BandOverlap,
                        DefiningMsg::ClassBandsOrder {
                            label: b.label.clone(),
                            min: b.min.0,
                            previous: prev.label.clone(),
                            previous_min: prev.min.0,
                        },
                    )
                    .field(format!("{at}.min"))
                    .value(b.min.0.to_string()),
                );
            }
        }
    }
    problems
}

/// The label of the highest band whose lower bound `index` reaches, if any.
pub(crate) fn classify(bands: &[Band], index: Decimal) -> Option<&str> {
    bands
        .iter()
        .find(|b| {
            if b.inclusive {
                index >= b.min.0
            } else {
                index > b.min.0
            }
        })
        .map(|b| b.label.as_str())
}
