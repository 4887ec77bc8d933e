//! Criterion analysis: for every node of the tree and every block, how the units scored on it —
//! the figures a Department of Home Affairs report gives the leadership: the mean, median, lowest
//! and highest points, the mean as a percentage of the max, how many units got full points and
//! how many none, the points lost in all and per unit, the units that did best and worst, and the
//! criteria where the block loses most.
//!
//! Figures are computed from the exact points and rounded once, under the methodology's
//! rounding policy, as every figure of the results is.

use crate::decimal::Dec;
use crate::error::ParError;
use crate::json::escaped_len;
use crate::limits::ANALYSIS_TEXT_BYTES;
use crate::results::{MethodologyRef, Results, UnitResult};
use rust_decimal::Decimal;
use serde::Serialize;
use std::sync::Arc;

pub const ANALYSIS_SCHEMA: &str = "par.analysis/1";

/// The analysis of scored results, block by block.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    pub schema: String,
    pub methodology: MethodologyRef,
    pub blocks: Vec<BlockAnalysis>,
}

/// One block's criteria.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BlockAnalysis {
    pub block: Option<String>,
    /// The block's name, when the methodology gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub units: usize,
    /// Every node a unit of the block scored, in tree order (none no unit of the block scored,
    /// under a node each was given by `value`).
    pub criteria: Vec<CriterionAnalysis>,
    /// The criteria by the points lost where they were decided (on criteria without
    /// sub-criteria, or given their points by `value`), the most first (ties in tree order),
    /// those without such a loss left out: where the block loses most, each loss counted once.
    pub losing_most: Vec<String>,
}

/// How the units of a block scored on one node.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriterionAnalysis {
    pub code: String,
    /// Shared with every block's analysis of the node: a name may be 16 KB and a tree thousands
    /// of nodes in a thousand blocks.
    pub name: Arc<str>,
    pub depth: usize,
    pub leaf: bool,
    pub max: Dec,
    pub mean: Dec,
    pub median: Dec,
    pub lowest: Dec,
    pub highest: Dec,
    /// The mean as a percentage of the max; none for a max of zero.
    pub mean_index: Option<Dec>,
    /// Units with full points.
    pub at_full: usize,
    /// Units with no points.
    pub at_zero: usize,
    /// Points lost by all units together, and per unit.
    pub lost: Dec,
    pub lost_mean: Dec,
    /// The units with the highest points, and those with the lowest (ties all named), by name.
    /// Shared, not copied: every unit of a block may tie on every node.
    pub best: Vec<Arc<str>>,
    pub worst: Vec<Arc<str>>,
}

impl Analysis {
    pub fn to_json(&self) -> String {
        crate::json::to_pretty(self)
    }
}

/// Analyses scored results: per block in the results' order, every node of the tree. Refused
/// once the names it gives pass [`ANALYSIS_TEXT_BYTES`]: every format writes them whole, so
/// that is the size of what is written, which may be a thousand times the results'.
pub fn analyze(results: &Results) -> Result<Analysis, ParError> {
    let names = SharedNames::of(results);
    let mut blocks: Vec<(Option<String>, Vec<Member>)> = Vec::new();
    for (unit, name) in results.units.iter().zip(&names.units) {
        let member = (name, unit);
        match blocks.iter_mut().find(|(b, _)| *b == unit.block) {
            Some((_, members)) => members.push(member),
            None => blocks.push((unit.block.clone(), vec![member])),
        }
    }
    // Counted a block at a time: a block's names are shared, its ties a list of them, so the
    // block that passes the limit holds little.
    let mut named = 0usize;
    let mut analysed = Vec::with_capacity(blocks.len());
    for (block, members) in blocks {
        let (block, bytes) = block_analysis(results, &names.nodes, block, &members);
        named = named.saturating_add(bytes);
        if named > ANALYSIS_TEXT_BYTES.max {
            return Err(ANALYSIS_TEXT_BYTES.exceeded_at_least());
        }
        analysed.push(block);
    }
    Ok(Analysis {
        schema: ANALYSIS_SCHEMA.to_string(),
        methodology: results.methodology.clone(),
        blocks: analysed,
    })
}

/// A unit of a block, with its shared name.
type Member<'a> = (&'a SharedName, &'a UnitResult);

/// A node's or a unit's name, made once and shared by every block, criterion and tie naming it
/// (copied instead, 20 units with 16 KB names tied on 9,999 nodes took more than 4 GB), with
/// the bytes it is written in ([`escaped_len`]), counted once.
struct SharedName {
    text: Arc<str>,
    written: usize,
}

impl SharedName {
    fn of(name: &str) -> Self {
        SharedName {
            text: Arc::from(name),
            written: escaped_len(name),
        }
    }
}

/// The names of the tree's nodes and of the units.
struct SharedNames {
    nodes: Vec<SharedName>,
    units: Vec<SharedName>,
}

impl SharedNames {
    fn of(results: &Results) -> Self {
        SharedNames {
            nodes: results
                .tree
                .iter()
                .map(|t| SharedName::of(&t.name))
                .collect(),
            units: results
                .units
                .iter()
                .map(|u| SharedName::of(&u.unit))
                .collect(),
        }
    }
}

/// The analysis of one block, and the bytes of the names it gives ([`ANALYSIS_TEXT_BYTES`]):
/// its own on each criterion's row, as a table of the analysis writes them, and each
/// criterion's code, name and ties.
fn block_analysis(
    results: &Results,
    node_names: &[SharedName],
    block: Option<String>,
    members: &[Member],
) -> (BlockAnalysis, usize) {
    // Each node with the points lost where it decided units' points (`NodeView::decides_points`):
    // a criterion given by value for one unit and scored on its sub-criteria for another counts
    // the first's loss here, the second's on the sub-criteria.
    let mut analysed: Vec<(CriterionAnalysis, Decimal)> = Vec::new();
    let mut named = 0usize;
    for positions in (0..results.tree.len()).step_by(NODES_READ_TOGETHER) {
        let positions = positions..(positions + NODES_READ_TOGETHER).min(results.tree.len());
        for (position, (scored, decided)) in positions.clone().zip(scored_on(members, positions)) {
            // A node no unit scored (under a node each was given by value) has no figures.
            if scored.is_empty() {
                continue;
            }
            let (node, name) = (&results.tree[position], &node_names[position]);
            let (criterion, bytes) = criterion(results, node, name, &scored);
            named = named.saturating_add(bytes);
            analysed.push((criterion, decided));
        }
    }
    let mut losing: Vec<(&CriterionAnalysis, Decimal)> = analysed
        .iter()
        .filter(|(_, decided)| *decided > Decimal::ZERO)
        .map(|(c, decided)| (c, *decided))
        .collect();
    losing.sort_by_key(|(_, decided)| std::cmp::Reverse(*decided));
    let losing_most: Vec<String> = losing.iter().map(|(c, _)| c.code.clone()).collect();
    let name = results.block_name(&block).map(str::to_string);
    let rows = analysed.len().max(1);
    let own = [&block, &name].into_iter().flatten();
    let own = own.map(|text| escaped_len(text).saturating_mul(rows));
    let losing = losing_most.iter().map(|code| escaped_len(code));
    let named = own.chain(losing).fold(named, usize::saturating_add);
    let analysis = BlockAnalysis {
        name,
        block,
        units: members.len(),
        losing_most,
        criteria: analysed.into_iter().map(|(c, _)| c).collect(),
    };
    (analysis, named)
}

/// Nodes whose points are read from every unit in one pass ([`scored_on`]): a unit's node
/// results lie together, so reading a few side by side reads each unit's once, where reading
/// one node from every unit, then the next, went back to each unit for each node (a third of
/// analysing the national run).
const NODES_READ_TOGETHER: usize = 16;

/// A unit's (name, exact points, exact max) on a node.
type Scored<'a> = (&'a SharedName, Decimal, Decimal);

/// For each node at `positions`, each unit's points on it and its max, in the results' order
/// (rank, then name), and the points lost where they were decided.
fn scored_on<'a>(
    members: &'a [Member],
    positions: std::ops::Range<usize>,
) -> Vec<(Vec<Scored<'a>>, Decimal)> {
    let mut scored: Vec<(Vec<Scored>, Decimal)> = (positions.clone())
        .map(|_| (Vec::with_capacity(members.len()), Decimal::ZERO))
        .collect();
    for (name, u) in members {
        for (position, (on_node, decided)) in positions.clone().zip(&mut scored) {
            let Some(n) = u.nodes.at(position) else {
                continue;
            };
            let (points, max) = (n.points_exact().0, n.max_exact().unwrap_or(n.max()).0);
            if n.decides_points() {
                *decided += max - points;
            }
            on_node.push((name, points, max));
        }
    }
    scored
}

/// The figures of one node from each unit's (name, exact points, exact max).
fn criterion(
    results: &Results,
    node: &crate::methodology::TreeEntry,
    name: &SharedName,
    scored: &[Scored],
) -> (CriterionAnalysis, usize) {
    let round = |d: Decimal| results.rounding.round(d);
    let mut points: Vec<Decimal> = scored.iter().map(|s| s.1).collect();
    points.sort();
    let count = Decimal::from(points.len().max(1));
    let sum: Decimal = points.iter().sum();
    let lost: Decimal = scored.iter().map(|(_, p, max)| max - p).sum();
    let mean = sum / count;
    let median = match points.len() {
        0 => Decimal::ZERO,
        n if n % 2 == 1 => points[n / 2],
        n => (points[n / 2 - 1] + points[n / 2]) / Decimal::TWO,
    };
    let lowest = points.first().copied().unwrap_or_default();
    let highest = points.last().copied().unwrap_or_default();
    // The units tied on `value`, and the bytes their names are written in.
    let named = |value: Decimal| -> (Vec<Arc<str>>, usize) {
        let tied = scored.iter().filter(|s| s.1 == value).map(|s| s.0);
        tied.fold((Vec::new(), 0), |(mut names, bytes), name| {
            names.push(Arc::clone(&name.text));
            (names, bytes.saturating_add(name.written))
        })
    };
    let ((best, best_bytes), (worst, worst_bytes)) = (named(highest), named(lowest));
    let bytes = [
        escaped_len(&node.code),
        name.written,
        best_bytes,
        worst_bytes,
    ];
    let analysis = CriterionAnalysis {
        code: node.code.clone(),
        name: Arc::clone(&name.text),
        depth: node.depth,
        leaf: node.leaf,
        max: node.max,
        mean: round(mean),
        median: round(median),
        lowest: round(lowest),
        highest: round(highest),
        mean_index: results.rounding.percent(mean, node.max.0),
        at_full: scored.iter().filter(|(_, p, max)| p >= max).count(),
        at_zero: scored.iter().filter(|(_, p, _)| p.is_zero()).count(),
        lost: round(lost),
        lost_mean: round(lost / count),
        best,
        worst,
    };
    (analysis, bytes.into_iter().fold(0, usize::saturating_add))
}
