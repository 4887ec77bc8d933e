//! Ranking within blocks, classification bands and per-block statistics.

use crate::bands::classify;
use crate::decimal::compare;
use crate::methodology::{Methodology, RankOn, TieBreaker, TieMode};
use crate::results::{BlockStatistics, UnitResult};
use indexmap::IndexMap;
use rust_decimal::Decimal;
use std::cmp::Ordering;

/// Ranks every block, assigns bands, and orders units by block, rank and name.
/// The outcome does not depend on the order units were given in.
pub(crate) fn rank(
    m: &Methodology,
    units: Vec<UnitResult>,
) -> (Vec<UnitResult>, Vec<BlockStatistics>) {
    let policy = &m.policies().ranking;
    let rounding = m.policies().rounding;

    // Blocks in declared order, then undeclared ones by name (no block first).
    let mut groups: IndexMap<Option<String>, Vec<UnitResult>> = m
        .blocks
        .iter()
        .map(|b| (Some(b.id.clone()), Vec::new()))
        .collect();
    let mut undeclared: Vec<Option<String>> = units
        .iter()
        .map(|u| u.block.clone())
        .filter(|b| !groups.contains_key(b))
        .collect();
    undeclared.sort();
    undeclared.dedup();
    groups.extend(undeclared.into_iter().map(|b| (b, Vec::new())));
    for u in units {
        if let Some(g) = groups.get_mut(&u.block) {
            g.push(u);
        }
    }

    let breakers = resolve_breakers(m, &policy.tie_breakers);
    let mut ordered = Vec::new();
    let mut statistics = Vec::new();
    for (block, mut members) in groups {
        if members.is_empty() {
            continue;
        }
        let keys: Vec<RankKey> = members
            .iter()
            .map(|u| RankKey::of(u, policy.on, &breakers))
            .collect();
        // Best first, ties by name: the order of the output, in which ranks are counted. Names
        // are unique, so the order is total and an unstable sort gives it.
        let mut order: Vec<usize> = (0..members.len()).collect();
        order.sort_unstable_by(|&a, &b| {
            keys[b]
                .cmp(&keys[a])
                .then_with(|| members[a].unit.cmp(&members[b].unit))
        });
        let mut previous: Option<(usize, u32)> = None;
        for (position, &i) in order.iter().enumerate() {
            let rank = match previous {
                Some((p, r)) if keys[p] == keys[i] => r,
                Some((_, r)) if policy.ties == TieMode::Dense => r + 1,
                _ => position as u32 + 1,
            };
            members[i].rank = rank;
            previous = Some((i, rank));
        }
        let bands = m.bands_for(block.as_deref());
        for (u, key) in members.iter_mut().zip(&keys) {
            u.band = classify(bands, key.value).map(str::to_string);
        }

        // Lowest first: the order read backwards.
        let values: Vec<Decimal> = order.iter().rev().map(|&i| keys[i].value).collect();
        let count = values.len();
        let sum: Decimal = values.iter().sum();
        let mean = sum / Decimal::from(count);
        let median = if count % 2 == 1 {
            values[count / 2]
        } else {
            (values[count / 2 - 1] + values[count / 2]) / Decimal::TWO
        };
        let mut band_counts: IndexMap<String, usize> =
            bands.iter().map(|b| (b.label.clone(), 0)).collect();
        let mut unbanded = 0;
        for u in &members {
            match u.band.as_ref().and_then(|b| band_counts.get_mut(b)) {
                Some(c) => *c += 1,
                None => unbanded += 1,
            }
        }
        statistics.push(BlockStatistics {
            name: block
                .as_deref()
                .and_then(|b| m.block(b))
                .and_then(|b| b.name.clone()),
            block: block.clone(),
            count,
            mean: rounding.round(mean),
            median: rounding.round(median),
            min: rounding.round(values[0]),
            max: rounding.round(values[count - 1]),
            above_mean: count_above_mean(&members, &keys, policy.on),
            bands: band_counts,
            unbanded,
        });

        let mut slots: Vec<Option<UnitResult>> = members.into_iter().map(Some).collect();
        ordered.extend(order.iter().filter_map(|&i| slots[i].take()));
    }
    (ordered, statistics)
}

/// Units strictly above the block's mean of the ranked index. Exact indexes are 28-digit
/// roundings of fractions, so a unit exactly at the mean can land a digit above the mean of
/// those roundings. Where every unit is scored out of the tree's max (none rescaled for a
/// missing survey), the index is points / max × 100 with one max, and the points (exact sums of
/// what was entered) decide instead. `n × value > sum` compares without dividing at all.
fn count_above_mean(members: &[UnitResult], keys: &[RankKey], on: RankOn) -> usize {
    let count = Decimal::from(members.len());
    let by_points = on == RankOn::Exact && members.iter().all(|u| !u.survey_rescaled);
    let measure = |i: usize| {
        if by_points {
            members[i].points_exact.0
        } else {
            keys[i].value
        }
    };
    let sum: Decimal = (0..members.len()).map(measure).sum();
    (0..members.len())
        .filter(|&i| measure(i) * count > sum)
        .count()
}

/// What units are compared by: the ranked index, then each tie-breaker, all higher-is-better.
struct RankKey {
    value: Decimal,
    breakers: Vec<Decimal>,
}

/// A tie-breaker with its node found once in the tree, not by code in every unit's nodes.
enum Breaker<'m> {
    Component(&'m str),
    Node(Option<usize>),
}

fn resolve_breakers<'m>(m: &Methodology, tie_breakers: &'m [TieBreaker]) -> Vec<Breaker<'m>> {
    tie_breakers
        .iter()
        .map(|t| match t {
            TieBreaker::Component(c) => Breaker::Component(c),
            // Results keep the methodology's nodes in its order: a node's index is its position.
            TieBreaker::Node(code) => Breaker::Node(m.by_code.get(code).copied()),
        })
        .collect()
}

impl RankKey {
    fn of(u: &UnitResult, on: RankOn, breakers: &[Breaker]) -> Self {
        let value = match on {
            RankOn::Rounded => u.index.0,
            RankOn::Exact => u.index_exact.0,
        };
        let breakers = breakers
            .iter()
            .map(|t| match t {
                Breaker::Component(c) => u.components.get(*c).map(|c| c.points_exact.0),
                Breaker::Node(at) => at.and_then(|at| u.nodes.at(at)).map(|n| n.points_exact().0),
            })
            .map(|v| v.unwrap_or_default())
            .collect();
        RankKey { value, breakers }
    }
}

impl PartialEq for RankKey {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}

impl Eq for RankKey {}

impl PartialOrd for RankKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for RankKey {
    fn cmp(&self, other: &Self) -> Ordering {
        // Every key has one breaker per tie-breaker of the policy.
        let breakers = self.breakers.iter().zip(&other.breakers);
        compare(self.value, other.value).then_with(|| {
            breakers
                .map(|(a, b)| compare(*a, *b))
                .find(|o| o.is_ne())
                .unwrap_or(Ordering::Equal)
        })
    }
}
