//! Ranking within blocks, classification bands and per-block statistics.

use crate::bands::classify;
use crate::decimal::compare;
use crate::methodology::{block_key, Methodology, RankOn, TieBreaker, TieMode};
use crate::results::{BlockStatistics, UnitResult};
use indexmap::IndexMap;
use rust_decimal::Decimal;
use std::cmp::Ordering;

/// A block the methodology does not declare is a label its units share: one typed two ways
/// (`Sở, ban, ngành`, `SỞ, BAN, NGÀNH`, `Khối sở, ban, ngành`) is one block, not two ranked
/// apart. It is named as most of its units type it; of spellings typed as often, the last in
/// the order of their letters' code points, where small letters come after capitals and the
/// word `Khối` before most names (`Sở, ban, ngành` rather than `SỞ, BAN, NGÀNH` or `Khối sở,
/// ban, ngành`): the name does not depend on the order the units were given in. (A declared
/// block is found by its id or name, however typed: [`Methodology::find_block`].)
fn name_blocks_as_most_typed(units: &mut [UnitResult]) {
    // Each block's units by what its spellings share ([`block_key`]).
    // (`get_mut` then `insert`, not `entry`: the scoring module has no room for more code.)
    let mut typed: IndexMap<Option<String>, Vec<usize>> = IndexMap::new();
    for (i, u) in units.iter().enumerate() {
        let key = u.block.as_deref().map(block_key);
        match typed.get_mut(&key) {
            Some(members) => members.push(i),
            None => {
                typed.insert(key, vec![i]);
            }
        }
    }
    for members in typed.values() {
        // A block's spellings are few: each with how many units type it.
        let mut spellings: Vec<(Option<&str>, usize)> = Vec::new();
        for &i in members {
            let spelling = units[i].block.as_deref();
            match spellings.iter_mut().find(|(s, _)| *s == spelling) {
                Some((_, n)) => *n += 1,
                None => spellings.push((spelling, 1)),
            }
        }
        if spellings.len() < 2 {
            continue;
        }
        let most = spellings
            .iter()
            .max_by(|(a, m), (b, n)| m.cmp(n).then(a.cmp(b)))
            .map(|(spelling, _)| spelling.map(str::to_string));
        let Some(name) = most else { continue };
        for &i in members {
            units[i].block.clone_from(&name);
        }
    }
}

/// Ranks every block, assigns bands, and orders units by block, rank and name.
/// The ranks, bands, statistics and the names of undeclared blocks
/// ([`name_blocks_as_most_typed`]) do not depend on the order units were given in.
///
/// The units are put in order where they are, not moved through per-block vectors: a national
/// run's units are megabytes, and each copy of them was memory the run held at its peak.
pub(crate) fn rank(
    m: &Methodology,
    mut units: Vec<UnitResult>,
) -> (Vec<UnitResult>, Vec<BlockStatistics>) {
    let policy = &m.policies().ranking;
    let rounding = m.policies().rounding;
    if m.blocks.is_empty() {
        name_blocks_as_most_typed(&mut units);
    }

    // Blocks in declared order, then undeclared ones by name (no block first).
    let mut blocks: IndexMap<Option<String>, Vec<usize>> = m
        .blocks
        .iter()
        .map(|b| (Some(b.id.clone()), Vec::new()))
        .collect();
    let mut undeclared: Vec<Option<String>> = units
        .iter()
        .map(|u| u.block.clone())
        .filter(|b| !blocks.contains_key(b))
        .collect();
    undeclared.sort();
    undeclared.dedup();
    blocks.extend(undeclared.into_iter().map(|b| (b, Vec::new())));
    for (i, u) in units.iter().enumerate() {
        if let Some(members) = blocks.get_mut(&u.block) {
            members.push(i);
        }
    }

    let breakers = resolve_breakers(m, &policy.tie_breakers);
    let keys: Vec<RankKey> = units
        .iter()
        .map(|u| RankKey::of(u, policy.on, &breakers))
        .collect();
    let mut order = Vec::with_capacity(units.len());
    let mut statistics = Vec::new();
    for (block, mut members) in blocks {
        if members.is_empty() {
            continue;
        }
        // Best first, ties by name: the order of the output, in which ranks are counted. Names
        // are unique, so the order is total and an unstable sort gives it.
        members.sort_unstable_by(|&a, &b| {
            keys[b]
                .cmp(&keys[a])
                .then_with(|| units[a].unit.cmp(&units[b].unit))
        });
        let mut previous: Option<(usize, u32)> = None;
        for (position, &i) in members.iter().enumerate() {
            let rank = match previous {
                Some((p, r)) if keys[p] == keys[i] => r,
                Some((_, r)) if policy.ties == TieMode::Dense => r + 1,
                _ => position as u32 + 1,
            };
            units[i].rank = rank;
            previous = Some((i, rank));
        }
        let bands = m.bands_for(block.as_deref());
        for &i in &members {
            units[i].band = classify(bands, keys[i].value).map(str::to_string);
        }

        // Lowest first: the order read backwards.
        let values: Vec<Decimal> = members.iter().rev().map(|&i| keys[i].value).collect();
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
        for &i in &members {
            match units[i].band.as_ref().and_then(|b| band_counts.get_mut(b)) {
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
            above_mean: count_above_mean(&units, &members, &keys, policy.on),
            bands: band_counts,
            unbanded,
        });
        order.extend(members);
    }
    put_in_order(&mut units, &mut order);
    (units, statistics)
}

/// Moves `items[order[k]]` to position `k`, for every `k`, by swaps along the permutation's
/// cycles; `order`, a permutation of the items' positions (every unit's block is among the
/// blocks), is used up.
fn put_in_order<T>(items: &mut [T], order: &mut [usize]) {
    const DONE: usize = usize::MAX;
    for start in 0..order.len() {
        let mut k = start;
        while order[k] != DONE {
            let from = order[k];
            order[k] = DONE;
            if from == start {
                break;
            }
            items.swap(k, from);
            k = from;
        }
    }
}

/// Units strictly above the block's mean of the ranked index. Exact indexes are 28-digit
/// roundings of fractions, so a unit exactly at the mean can land a digit above the mean of
/// those roundings. Where every unit is scored out of the tree's max (none rescaled for a
/// missing survey), the index is points / max × 100 with one max, and the points (exact sums of
/// what was entered) decide instead. `n × value > sum` compares without dividing at all.
fn count_above_mean(
    units: &[UnitResult],
    members: &[usize],
    keys: &[RankKey],
    on: RankOn,
) -> usize {
    let count = Decimal::from(members.len());
    let by_points = on == RankOn::Exact && members.iter().all(|&i| !units[i].survey_rescaled);
    let measure = |i: usize| {
        if by_points {
            units[i].points_exact.0
        } else {
            keys[i].value
        }
    };
    let sum: Decimal = members.iter().map(|&i| measure(i)).sum();
    members
        .iter()
        .filter(|&&i| measure(i) * count > sum)
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
        let value = u.ranked_index(on);
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Swapping along cycles gives what picking each item into a new vector gives.
        #[test]
        fn put_in_order_places_each_item_where_the_order_says(
            order in (0usize..40).prop_flat_map(|n| Just((0..n).collect::<Vec<_>>()).prop_shuffle()),
        ) {
            let items: Vec<String> = (0..order.len()).map(|i| format!("unit {i}")).collect();
            let expected: Vec<String> = order.iter().map(|&i| items[i].clone()).collect();
            let mut placed = items;
            put_in_order(&mut placed, &mut order.clone());
            prop_assert_eq!(placed, expected);
        }
    }
}
