//! Percentages that arrived as fractions. A cell Excel formats as a percentage shows `95%` and
//! stores 0.95: a file is read as it shows, but a DataFrame (`pd.read_excel`) or a copy of the
//! stored values holds 0.95, which a measured criterion reads as 0.95 % — in the lowest band,
//! without a word. A run whose every value of such a criterion lies between 0 and 1, while the
//! criterion measures on a scale above 1 (`từ 90% trở lên`, a target of 100), is said in a
//! warning of the whole run: one unit alone cannot be told from a unit that did 0.5 %.

use crate::assessment::{Entry, InputValue};
use crate::decimal::parse_decimal_cell;
use crate::methodology::{Methodology, Node, Rule};
use crate::results::{UnitResult, Warning};
use crate::rules::criterion;
use crate::text::{Lang, WarningMsg};
use rust_decimal::Decimal;

/// What a run's units gave each criterion measured on a scale above 1.
#[derive(Default)]
pub(crate) struct MeasuresSeen {
    /// The measured leaves, by position in the criteria tree, each with what was seen.
    leaves: Vec<(usize, Seen)>,
}

#[derive(Default, Clone, Copy)]
struct Seen {
    /// The largest value strictly between 0 and 1, if any was given.
    largest_fraction: Option<Decimal>,
    /// Units that gave such a value.
    units: usize,
    /// Whether a value above 1, or one typed with its `%`, was given: the values are then
    /// percentages as typed.
    as_typed: bool,
}

impl MeasuresSeen {
    /// Room for the methodology's leaves measured on a scale above 1 (none for most).
    pub(crate) fn for_methodology(m: &Methodology) -> Self {
        let leaves = (m.nodes.iter().enumerate())
            .filter(|(_, node)| measures_above_one(node))
            .map(|(at, _)| (at, Seen::default()))
            .collect();
        MeasuresSeen { leaves }
    }

    /// Notes the values a unit just scored gave its measured leaves.
    pub(crate) fn note(&mut self, unit: &UnitResult) {
        for (at, seen) in &mut self.leaves {
            if let Some(entry) = unit.nodes.at(*at).and_then(|n| n.input()) {
                seen.note(entry);
            }
        }
    }

    /// What a later part of the same run saw, added to this part's.
    pub(crate) fn merge(&mut self, later: &MeasuresSeen) {
        for ((_, seen), (_, later)) in self.leaves.iter_mut().zip(&later.leaves) {
            seen.largest_fraction = seen.largest_fraction.max(later.largest_fraction);
            seen.units += later.units;
            seen.as_typed |= later.as_typed;
        }
    }

    /// A warning for each measured criterion whose every value looked like a fraction.
    pub(crate) fn warnings(&self, m: &Methodology, lang: Lang) -> Vec<Warning> {
        let mut warnings = Vec::new();
        for (at, seen) in &self.leaves {
            let (Some(largest), false) = (seen.largest_fraction, seen.as_typed) else {
                continue;
            };
            let node = &m.nodes[*at];
            let message = WarningMsg::MeasuredAsFraction {
                criterion: criterion(node),
                largest,
                units: seen.units,
            };
            warnings.push(Warning::new(message, Some(&node.code), lang));
        }
        warnings
    }
}

impl Seen {
    fn note(&mut self, entry: &Entry) {
        let rounds = entry.appraisals.iter().map(|round| &round.value);
        let mut fraction = None;
        for value in entry.self_score.iter().chain(rounds) {
            let InputValue::Text(text) = value else {
                continue;
            };
            if text.trim_end().ends_with('%') {
                self.as_typed = true;
                continue;
            }
            match parse_decimal_cell(text) {
                Ok(v) if v > Decimal::ONE => self.as_typed = true,
                Ok(v) if v > Decimal::ZERO && v < Decimal::ONE => fraction = fraction.max(Some(v)),
                _ => {}
            }
        }
        if fraction.is_some() {
            self.units += 1;
            self.largest_fraction = self.largest_fraction.max(fraction);
        }
    }
}

/// Whether a leaf measures on a scale above 1: bands bounded above 1 (`từ 70% đến dưới 90%`),
/// or a target above 1. A count's bands (`3 cuộc trở lên`) qualify too, harmlessly: a count is
/// never strictly between 0 and 1.
fn measures_above_one(node: &Node) -> bool {
    match node.leaf_rule() {
        Some(Rule::Bands { bands, .. }) => bands
            .iter()
            .flat_map(|band| [band.min, band.max])
            .any(|bound| bound.is_some_and(|b| b.0 > Decimal::ONE)),
        Some(Rule::Ratio { target }) => target.0 > Decimal::ONE,
        _ => false,
    }
}
