//! Year-over-year comparison of two result sets: change of index and of rank per unit.

use crate::decimal::Dec;
use crate::results::Results;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

pub const COMPARISON_SCHEMA: &str = "par.comparison/1";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Comparison {
    pub schema: String,
    /// Units present in both, in the current results' order.
    pub units: Vec<Move>,
    pub only_in_previous: Vec<String>,
    pub only_in_current: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Move {
    pub unit: String,
    pub block: Option<String>,
    pub previous_index: Dec,
    pub current_index: Dec,
    /// current − previous, of the printed (rounded) indexes, as publications compute it.
    pub change: Dec,
    pub previous_rank: u32,
    pub current_rank: u32,
    /// previous rank − current rank: positive means the unit moved up.
    pub rank_change: i64,
}

/// Matches units by name; a unit that changed block is still matched (blocks are reported as now).
pub fn compare(previous: &Results, current: &Results) -> Comparison {
    let before: HashMap<&str, usize> = previous
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| (u.unit.as_str(), i))
        .collect();
    let mut matched = vec![false; previous.units.len()];
    let mut units = Vec::new();
    let mut only_in_current = Vec::new();
    for now in &current.units {
        match before.get(now.unit.as_str()) {
            Some(&i) => {
                matched[i] = true;
                let then = &previous.units[i];
                units.push(Move {
                    unit: now.unit.clone(),
                    block: now.block.clone(),
                    previous_index: then.index,
                    current_index: now.index,
                    change: Dec(now.index.0 - then.index.0),
                    previous_rank: then.rank,
                    current_rank: now.rank,
                    rank_change: i64::from(then.rank) - i64::from(now.rank),
                });
            }
            None => only_in_current.push(now.unit.clone()),
        }
    }
    let only_in_previous = previous
        .units
        .iter()
        .zip(matched)
        .filter(|(_, m)| !m)
        .map(|(u, _)| u.unit.clone())
        .collect();
    Comparison {
        schema: COMPARISON_SCHEMA.to_string(),
        units,
        only_in_previous,
        only_in_current,
    }
}

impl Comparison {
    pub fn to_json(&self) -> String {
        crate::json::to_pretty(self)
    }
}
