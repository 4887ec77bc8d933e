//! Results (`par.results/1`): per unit the total, index, rank, band, components, every node with its
//! provenance, and warnings; per block the statistics. Every amount is a decimal string at the
//! methodology's scale, with the exact value beside it where rounding could hide something.

use crate::assessment::{
    exact_list, read_from_objects, Appraisal, Entries, Entry, EntryList, InputValue, SurveyInput,
};
use crate::decimal::{compare, normalized, parse_plain, percent, Dec, MAX_MAGNITUDE};
use crate::encoding::TextEncoding;
use crate::error::{Collector, ErrorCode, ParError, Problems};
use crate::limits;
use crate::methodology::{RankOn, RoundingPolicy, TreeEntry};
use crate::text::{DecimalFault, Lang, ReadingMsg, ScoringMsg, WarningMsg};
use crate::worth::{EntryPoints, RuleSaid, Worth};
use compact_str::CompactString;
use fields::{as_map, key, Fields, Layout, ObjectWriter};
use indexmap::IndexMap;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Display;
use std::num::NonZeroU32;
use std::sync::Arc;

mod feed;
mod fields;
mod workings;

pub use feed::ResultsFeed;
use workings::WorkingsAt;
pub use workings::WorkingsFile;

pub const RESULTS_SCHEMA: &str = "par.results/1";

/// A scored run. Read one back with [`Results::from_json`].
#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    pub schema: String,
    pub methodology: MethodologyRef,
    pub rounding: RoundingPolicy,
    pub ranked_on: RankOn,
    /// Whether each node repeats the inputs behind it; written only when it does not.
    pub detail: Detail,
    /// The criteria tree, in pre-order: names and maxima of the node codes used below (shared
    /// with every unit's [`NodeMap`]).
    pub tree: Arc<[TreeEntry]>,
    /// Units by block, then rank, then name.
    pub units: Vec<UnitResult>,
    pub blocks: Vec<BlockStatistics>,
    /// Warnings about the input as a whole (per-unit warnings are on each unit); written only
    /// when there are some.
    pub warnings: Vec<Warning>,
}

impl Results {
    /// The document's fields, in order.
    fn fields<F: Fields>(&self, f: &mut F) -> Result<(), F::Error> {
        f.value(key!("schema"), &self.schema)?;
        f.value(key!("methodology"), &self.methodology)?;
        f.value(key!("rounding"), &self.rounding)?;
        f.value(key!("ranked_on"), &self.ranked_on)?;
        if !self.detail.is_full() {
            f.value(key!("detail"), &self.detail)?;
        }
        f.value(key!("tree"), &self.tree)?;
        f.units(key!("units"), &self.units)?;
        f.value(key!("blocks"), &self.blocks)?;
        if !self.warnings.is_empty() {
            f.value(key!("warnings"), &self.warnings)?;
        }
        Ok(())
    }
}

impl Serialize for Results {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        as_map(s, |f| self.fields(f))
    }
}

/// How a results document is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonLayout {
    /// Indented, for a person to read ([`Results::to_json`]).
    Pretty,
    /// On one line, for a program: half the size ([`Results::to_compact_json`]).
    Compact,
}

impl JsonLayout {
    /// The layout of a whole document.
    fn of_document(self) -> Layout {
        match self {
            JsonLayout::Pretty => Layout::Pretty { depth: 0 },
            JsonLayout::Compact => Layout::Compact,
        }
    }

    /// The layout of a unit in the list of a document's units.
    fn of_unit(self) -> Layout {
        self.of_document().inner().inner()
    }
}

/// Units as they stand in a results document laid out so, each after what separates it from
/// the one before (`after_others`: whether units of the document come before these), so that
/// units written in parts, one after the other, make the document's list
/// ([`Results::write_json_with`]).
pub fn write_units(
    out: &mut impl std::io::Write,
    units: &[UnitResult],
    layout: JsonLayout,
    after_others: bool,
) -> std::io::Result<()> {
    write_unit_list(out, units, layout, after_others, |out, unit, at| {
        debug_assert!(
            unit.nodes.workings.is_none(),
            "a unit whose workings were written out, written without them"
        );
        ObjectWriter::write(out, at, |f| unit.fields(f))
    })
}

/// Units in the list of a document laid out so, each after what separates it from the one
/// before (`after_others`: see [`write_units`]), written by `unit` at a unit's layout.
fn write_unit_list<W: std::io::Write>(
    out: &mut W,
    units: &[UnitResult],
    layout: JsonLayout,
    after_others: bool,
    mut unit: impl FnMut(&mut W, &UnitResult, Layout) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let list = layout.of_document().inner();
    for (i, u) in units.iter().enumerate() {
        list.entry_start(out, i == 0 && !after_others)?;
        unit(out, u, list.inner())?;
    }
    Ok(())
}

/// Units in compact JSON, separated by commas, as they stand in a compact results document.
pub fn write_compact_units(
    out: &mut impl std::io::Write,
    units: &[UnitResult],
) -> std::io::Result<()> {
    write_units(out, units, JsonLayout::Compact, false)
}

/// How much of its inputs a results document repeats.
///
/// A national run's inputs are a million self-scores and appraisal rounds: repeated in every
/// node they make the document ten times the size of its scores, and scoring keeps them in
/// memory until it is written. Rankings, reports, charts, analyses and comparisons need only the
/// scores; an explanation of a unit's points needs the inputs, which its assessment file holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Detail {
    /// Every node repeats the self-score, appraisal rounds, evidence and explanation behind it.
    #[default]
    Full,
    /// Every node has its figures and the source of its points, and no inputs.
    Scores,
}

impl Detail {
    fn is_full(&self) -> bool {
        *self == Detail::Full
    }

    /// The detail a binding is asked for by name (`full`, `scores`); `full` when none is asked.
    /// A name that is neither is refused, never ignored.
    pub fn resolve(asked: Option<&str>) -> Result<Detail, ParError> {
        match asked.map(str::trim) {
            None | Some("full") => Ok(Detail::Full),
            Some("scores") => Ok(Detail::Scores),
            Some(given) => Err(ParError::new(
                ErrorCode::UnknownOption,
                ReadingMsg::UnknownDetail {
                    given: given.to_string(),
                },
            )
            .field("detail")
            .value(given)),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MethodologyRef {
    pub id: String,
    pub name: String,
}

/// One unit's standing, its components, and every node it scored.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitResult {
    pub unit: String,
    pub block: Option<String>,
    /// Total points, rounded once at the methodology's scale.
    pub points: Dec,
    pub points_exact: Dec,
    pub max: Dec,
    /// points / max × 100, rounded once.
    pub index: Dec,
    pub index_exact: Dec,
    /// 1 = best, within the unit's block.
    pub rank: u32,
    pub band: Option<String>,
    /// The unit had no survey input and the methodology rescales non-survey points to 100.
    pub survey_rescaled: bool,
    /// Totals per assessment component (appraisal, sipas, leaders, impact...).
    pub components: IndexMap<String, ComponentResult>,
    /// Every node scored, in tree order, and the bonus and penalty adjustments, each with the
    /// unit's inputs behind it.
    pub nodes: NodeMap,
    pub warnings: Vec<Warning>,
}

impl UnitResult {
    /// The unit's result as pretty JSON, as it stands inside the results document.
    pub fn to_json(&self) -> String {
        crate::json::to_pretty(self)
    }

    /// The index the unit is ranked on: rounded, or exact, as the methodology ranks.
    pub(crate) fn ranked_index(&self, on: RankOn) -> Decimal {
        match on {
            RankOn::Rounded => self.index.0,
            RankOn::Exact => self.index_exact.0,
        }
    }

    /// The criteria where the unit lost points, where its points were decided (criteria without
    /// sub-criteria, or given their points by `value`: [`NodeView::decides_points`]), the most
    /// first (ties in tree order).
    pub fn lost_nodes(&self) -> Vec<NodeView<'_>> {
        let mut lost: Vec<NodeView> = self.nodes.iter().filter(lost_points_at).collect();
        lost.sort_by_key(|n| std::cmp::Reverse(n.lost()));
        lost
    }

    /// How many criteria [`UnitResult::lost_nodes`] gives, counted without listing them: what a
    /// report counts before it is made.
    pub fn lost_count(&self) -> usize {
        self.nodes.iter().filter(lost_points_at).count()
    }
}

/// Whether the unit lost points at a node where its points were decided.
fn lost_points_at(n: &NodeView) -> bool {
    n.decides_points() && n.lost().0 > Decimal::ZERO
}

/// A unit's name without its marks ([`crate::names::unmarked_key`]).
fn unmarked_key_of(unit: &UnitResult) -> String {
    crate::names::unmarked_key(&unit.unit)
}

impl UnitResult {
    /// The unit's fields, in the order the document gives them.
    fn fields<F: Fields>(&self, f: &mut F) -> Result<(), F::Error> {
        self.standing(f)?;
        self.workings(f)
    }

    /// The fields that say where the unit stands, first: its name, its block and totals, and
    /// what ranking it among the others decides (its rank and band).
    fn standing<F: Fields>(&self, f: &mut F) -> Result<(), F::Error> {
        f.text(key!("unit"), &self.unit)?;
        f.optional_text(key!("block"), self.block.as_deref())?;
        let (points, points_exact) = (key!("points"), key!("points_exact"));
        f.rounded_and_exact((points, self.points), (points_exact, self.points_exact))?;
        f.decimal(key!("max"), self.max)?;
        let (index, index_exact) = (key!("index"), key!("index_exact"));
        f.rounded_and_exact((index, self.index), (index_exact, self.index_exact))?;
        f.count(key!("rank"), self.rank)?;
        f.optional_text(key!("band"), self.band.as_deref())?;
        Ok(())
    }

    /// The fields after its standing: how the unit was scored (its components, every node with
    /// the inputs behind it, its adjustments and warnings), which the unit alone decides, so
    /// that they can be written as soon as it is scored ([`WorkingsFile`]).
    fn workings<F: Fields>(&self, f: &mut F) -> Result<(), F::Error> {
        if self.survey_rescaled {
            f.flag(key!("survey_rescaled"), true)?;
        }
        f.value(key!("components"), &self.components)?;
        f.nodes(key!("nodes"), || self.nodes.iter())?;
        if self.nodes.adjustments().next().is_some() {
            f.nodes(key!("adjustments"), || self.nodes.adjustments())?;
        }
        f.value(key!("warnings"), &self.warnings)
    }
}

impl Serialize for UnitResult {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        as_map(s, |f| self.fields(f))
    }
}

/// Node views serialised as a JSON object keyed by code, in order.
struct Listed<F>(F);

impl<'a, F, I> Serialize for Listed<F>
where
    F: Fn() -> I,
    I: Iterator<Item = NodeView<'a>>,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map((self.0)().map(|v| (v.code(), v)))
    }
}
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ComponentResult {
    #[serde(deserialize_with = "figure")]
    pub points: Dec,
    #[serde(deserialize_with = "figure")]
    pub points_exact: Dec,
    #[serde(deserialize_with = "figure")]
    pub max: Dec,
    #[serde(default, deserialize_with = "optional_figure")]
    pub index: Option<Dec>,
}

/// Where a node's points came from. New sources may be added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema, strum::IntoStaticStr)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[non_exhaustive]
pub enum Source {
    /// The unit's self-assessment, not (or not yet) appraised.
    #[serde(rename = "self")]
    #[strum(serialize = "self")]
    SelfAssessed,
    /// The last appraisal round (see `round`).
    Appraisal,
    /// An already final value given in the input.
    Value,
    /// Survey result.
    Survey,
    /// The sum of the node's children.
    Children,
    /// Nothing was entered; counted as zero.
    Missing,
    /// A survey leaf of a unit without survey, left out of the max under the `rescale` policy.
    NotSurveyed,
}

/// What scoring computed for one node: exact points and max, and where they came from. Rounded
/// figures and the inputs behind them are read through [`NodeView`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct NodeResult {
    /// Position of the unit's entry for this node in [`NodeMap::inputs`].
    pub input: Option<u32>,
    pub points: Decimal,
    pub max: Decimal,
    pub source: Source,
}

/// An adjustment's result: its entry is always given, and the cap may have changed its points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct AdjustmentResult {
    pub result: NodeResult,
    /// The points before the cap, when the cap changed them.
    pub uncapped: Option<Decimal>,
}

/// A node result as a unit keeps it: a national run keeps a million and a half, so each takes
/// 28 bytes and no allocation of its own. Its max is the tree's unless the unit's differ.
#[derive(Debug, Clone, Copy)]
struct KeptNode {
    /// Position in the results' tree.
    at: u32,
    /// Position of the unit's entry for this node in [`NodeMap::inputs`], plus one.
    input: Option<NonZeroU32>,
    points: Decimal,
    source: Source,
}

/// A unit's node results in tree order, its adjustments, and the inputs it gave (kept whole: the
/// self-scores, appraisal rounds, evidence and explanations that results show), with what each
/// input was worth.
#[derive(Debug, Clone)]
pub struct NodeMap {
    tree: Arc<[TreeEntry]>,
    rounding: RoundingPolicy,
    inputs: Entries,
    /// What each of `inputs` was worth, position for position.
    worth: EntryPoints,
    nodes: Vec<KeptNode>,
    /// Each node's exact max, where any differs from the max printed in the tree: a unit without
    /// survey under the `rescale` policy, a max finer than the output scale.
    maxima: Option<Box<[Decimal]>>,
    adjustments: Vec<AdjustmentResult>,
    /// Where the unit's workings, with its inputs, were written when it was scored, its inputs
    /// then let go ([`WorkingsFile`]).
    workings: Option<WorkingsAt>,
    /// Whether the unit's inputs were let go once it was scored ([`NodeMap::forget_inputs`]):
    /// results said to keep every input may keep one unit's alone
    /// ([`crate::Scorer::keeping_inputs_of`]).
    inputs_let_go: bool,
}

impl NodeMap {
    /// Lets go of the inputs behind the results, where whoever reads them holds the inputs
    /// already (a form's answer) or does not need them ([`Detail::Scores`]): the nodes then show
    /// figures and sources only. Gives the inputs let go, whose room a reader may use again.
    pub(crate) fn forget_inputs(&mut self) -> Entries {
        // An adjustment is known by the code of its entry: the codes stay, with nothing entered.
        let mut kept = Entries::default();
        for adjustment in &mut self.adjustments {
            let code = adjustment
                .result
                .input
                .and_then(|at| self.inputs.get_index(at as usize));
            adjustment.result.input =
                code.map(|(code, _)| kept.insert_full(code.clone(), Entry::default()).0 as u32);
        }
        self.nodes.iter_mut().for_each(|n| n.input = None);
        self.worth = EntryPoints::for_entries(&kept);
        self.workings = None;
        self.inputs_let_go = true;
        std::mem::replace(&mut self.inputs, kept)
    }

    /// Lets go of the inputs as [`NodeMap::forget_inputs`] does, the unit's workings with them
    /// having been written `at` in a [`WorkingsFile`], which writes them in the document.
    pub(crate) fn written_out(&mut self, at: WorkingsAt) -> Entries {
        let inputs = self.forget_inputs();
        self.workings = Some(at);
        inputs
    }

    pub(crate) fn new(
        tree: Arc<[TreeEntry]>,
        rounding: RoundingPolicy,
        inputs: Entries,
        worth: EntryPoints,
        nodes: Vec<(u32, NodeResult)>,
        adjustments: Vec<AdjustmentResult>,
    ) -> Self {
        // Compared by value ("1" is the tree's "1.00"), with the aligned comparison: Decimal's
        // own rescales on every call, a million and a half times in a national run.
        let differs = |at: u32, max: Decimal| {
            tree.get(at as usize)
                .is_none_or(|t| compare(t.max.0, max).is_ne())
        };
        let maxima = nodes
            .iter()
            .any(|(at, n)| differs(*at, n.max))
            .then(|| nodes.iter().map(|(_, n)| n.max).collect());
        let nodes = nodes
            .into_iter()
            .map(|(at, n)| KeptNode {
                at,
                input: n.input.and_then(|i| NonZeroU32::new(i.checked_add(1)?)),
                points: n.points,
                source: n.source,
            })
            .collect();
        NodeMap {
            tree,
            rounding,
            inputs,
            worth,
            nodes,
            maxima,
            adjustments,
            workings: None,
            inputs_let_go: false,
        }
    }

    /// Whether the unit's inputs were let go once it was scored: its results keep its scores
    /// only, whatever the results' detail says.
    pub(crate) fn inputs_let_go(&self) -> bool {
        self.inputs_let_go
    }

    /// The node with this code, if the unit scored it (nodes under a node given by value are not).
    /// It walks the unit's nodes: to look up many, find each code's position in the tree once
    /// and use [`NodeMap::at`].
    pub fn get(&self, code: &str) -> Option<NodeView<'_>> {
        self.iter().find(|v| v.code() == code)
    }
    /// The node at this position of the results' tree (`Results::tree`), if the unit scored it.
    /// A unit usually scored every node, so the node sits at its own position; otherwise (nodes
    /// under a node given by value) the nodes, kept in tree order, are searched by halves.
    pub fn at(&self, position: usize) -> Option<NodeView<'_>> {
        let found = match self.nodes.get(position) {
            Some(kept) if kept.at as usize == position => Some(position),
            _ => self
                .nodes
                .binary_search_by_key(&position, |kept| kept.at as usize)
                .ok(),
        };
        self.node_view(found?)
    }
    /// Every scored node, in tree order.
    pub fn iter(&self) -> impl Iterator<Item = NodeView<'_>> {
        (0..self.nodes.len()).filter_map(|i| self.node_view(i))
    }
    /// The view of the `i`th node kept, with its max.
    fn node_view(&self, i: usize) -> Option<NodeView<'_>> {
        let kept = self.nodes.get(i)?;
        let node = self.tree.get(kept.at as usize)?;
        let max = match &self.maxima {
            Some(maxima) => *maxima.get(i)?,
            None => node.max.0,
        };
        let result = NodeResult {
            input: kept.input.map(|i| i.get() - 1),
            points: kept.points,
            max,
            source: kept.source,
        };
        Some(self.view(&node.code, Some(node), result, None))
    }
    pub fn len(&self) -> usize {
        self.nodes.len()
    }
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }
    /// The bonus and penalty adjustments the unit was given, in the methodology's order.
    pub fn adjustments(&self) -> impl Iterator<Item = NodeView<'_>> {
        self.adjustments.iter().filter_map(|a| {
            let (code, _) = self.inputs.get_index(a.result.input? as usize)?;
            Some(self.view(code, None, a.result, Some(a.uncapped)))
        })
    }
    /// The unit's inputs by node code, as given (what each was worth, its node's view shows).
    pub fn inputs(&self) -> &Entries {
        &self.inputs
    }

    fn view<'a>(
        &'a self,
        code: &'a str,
        node: Option<&'a TreeEntry>,
        result: NodeResult,
        adjustment: Option<Option<Decimal>>,
    ) -> NodeView<'a> {
        let input = result
            .input
            .and_then(|i| Some((i, self.inputs.get_index(i as usize)?.1)));
        let (worth, round_points) = match input {
            Some((i, entry)) => self.worth.get(i, entry.appraisals.len()),
            None => (None, &[][..]),
        };
        NodeView {
            code,
            node,
            result,
            input: input.map(|(_, entry)| entry),
            worth,
            round_points,
            rounding: self.rounding,
            adjustment,
        }
    }

    /// Rebuilds a unit's nodes from their wire form: exact points and max, and the inputs each
    /// node shows. A node code missing from the tree, and a figure its exact figures contradict,
    /// are problems of `unit`.
    fn from_wire(
        doc: &TreeIndex,
        unit: &str,
        nodes: IndexMap<CompactString, NodeWire>,
        adjustments: IndexMap<CompactString, NodeWire>,
        problems: &mut Collector,
    ) -> NodeMap {
        let mut inputs =
            Entries::with_capacity_and_hasher(nodes.len() + adjustments.len(), Default::default());
        let mut worth = EntryPoints::default();
        let mut scored = Vec::with_capacity(nodes.len());
        for (code, wire) in nodes {
            let Some(&position) = doc.at.get(code.as_str()) else {
                problems.push(
                    ParError::new(
                        ErrorCode::UnknownNode,
                        ScoringMsg::NotInResultsTree {
                            code: code.to_string(),
                        },
                    )
                    .unit(unit)
                    .node(code.as_str())
                    .field("nodes")
                    .value(code.as_str()),
                );
                continue;
            };
            let node = doc.tree.get(position as usize);
            let mut read = wire.read();
            read.check(&code, node, None, doc.rounding, unit, problems);
            read.result.input = read.keep_input(code, &mut inputs, &mut worth);
            scored.push((position, read.result));
        }
        // Tree order, whatever order the document listed the nodes in: totals add them in that
        // order, and `at` searches it.
        if !scored.is_sorted_by_key(|(at, _)| *at) {
            scored.sort_unstable_by_key(|(at, _)| *at);
        }
        let mut adjusted = Vec::with_capacity(adjustments.len());
        for (code, wire) in adjustments {
            let mut read = wire.read();
            read.check(
                &code,
                None,
                Some(read.uncapped),
                doc.rounding,
                unit,
                problems,
            );
            // An adjustment is known by the code of its entry, even with nothing entered.
            read.entry.get_or_insert_with(Entry::default);
            read.result.input = read.keep_input(code, &mut inputs, &mut worth);
            adjusted.push(AdjustmentResult {
                result: read.result,
                uncapped: read.uncapped,
            });
        }
        inputs.shrink_to_fit();
        let tree = doc.tree.clone();
        NodeMap::new(tree, doc.rounding, inputs, worth, scored, adjusted)
    }

    /// The unit's max as scoring adds it up: its top-level nodes' exact maxima, in tree order;
    /// `None` unless all `roots` of them are here (a hand-written document may leave them out).
    fn top_level_max(&self, roots: usize) -> Option<Decimal> {
        self.top_level_sum(roots, std::iter::empty(), |view| view.result.max)
    }

    /// The unit's points as scoring adds them up: its top-level nodes' exact points and its
    /// adjustments', within 0 and `max`; `None` unless all `roots` top-level nodes are here.
    fn top_level_points(&self, roots: usize, max: Decimal) -> Option<Decimal> {
        self.top_level_sum(roots, self.adjustments(), |view| view.result.points)
            .map(|s| s.clamp(Decimal::ZERO, max))
    }

    /// The sum of `figure` over the unit's top-level nodes, in tree order, and `adjustments`;
    /// `None` unless all `roots` top-level nodes are here.
    fn top_level_sum<'m>(
        &'m self,
        roots: usize,
        adjustments: impl Iterator<Item = NodeView<'m>>,
        figure: impl Fn(&NodeView) -> Decimal,
    ) -> Option<Decimal> {
        let top_level = self
            .iter()
            .filter(|v| v.node.is_some_and(|t| t.parent.is_none()));
        let mut count = 0;
        let mut sum = Some(Decimal::ZERO);
        for view in top_level.chain(adjustments) {
            count += usize::from(!view.is_adjustment());
            sum = sum.and_then(|s| s.checked_add(figure(&view)));
        }
        sum.filter(|_| count == roots)
    }
}

/// Two node maps are equal when they show the same results (inputs that no result shows, such as
/// an entry under a node given by value, do not count).
impl PartialEq for NodeMap {
    fn eq(&self, other: &Self) -> bool {
        self.rounding == other.rounding
            && self.iter().eq(other.iter())
            && self.adjustments().eq(other.adjustments())
    }
}

/// One node of one unit as results show it: rounded figures derived from exact ones under the
/// methodology's rounding policy, and the inputs behind them.
#[derive(Debug, Clone, Copy)]
pub struct NodeView<'a> {
    code: &'a str,
    node: Option<&'a TreeEntry>,
    result: NodeResult,
    input: Option<&'a Entry>,
    /// What the input was worth, and each of its rounds.
    worth: Option<&'a Worth>,
    round_points: &'a [Option<Dec>],
    rounding: RoundingPolicy,
    /// `Some(uncapped)` for adjustments.
    adjustment: Option<Option<Decimal>>,
}

impl<'a> NodeView<'a> {
    fn rounded(&self, value: Decimal) -> Dec {
        self.rounding.round(value)
    }
    pub fn code(&self) -> &'a str {
        self.code
    }
    /// The node in the criteria tree (`None` for adjustments).
    pub fn node(&self) -> Option<&'a TreeEntry> {
        self.node
    }
    /// The unit's entry for this node, if it gave one.
    pub fn input(&self) -> Option<&'a Entry> {
        self.input
    }
    pub fn is_adjustment(&self) -> bool {
        self.adjustment.is_some()
    }
    pub fn points(&self) -> Dec {
        self.rounded(self.result.points)
    }
    pub fn points_exact(&self) -> Dec {
        Dec(normalized(self.result.points))
    }
    pub fn max(&self) -> Dec {
        self.rounded(self.result.max)
    }
    /// The exact max, when the printed max rounds it (a max of 0.125 printed at two places):
    /// results carry it so that the index and lost points read back as they were written.
    pub fn max_exact(&self) -> Option<Dec> {
        let printed = self.max();
        (printed.0 != self.result.max).then(|| Dec(normalized(self.result.max)))
    }
    /// points / max × 100; `None` when the max is zero, and for adjustments.
    pub fn index(&self) -> Option<Dec> {
        if self.is_adjustment() {
            return None;
        }
        self.rounding.percent(self.result.points, self.result.max)
    }
    /// max − points (điểm bị trừ); zero for adjustments, which lie outside the max.
    pub fn lost(&self) -> Dec {
        if self.is_adjustment() {
            return self.rounded(Decimal::ZERO);
        }
        self.rounded(self.result.max - self.result.points)
    }
    pub fn source(&self) -> Source {
        self.result.source
    }
    /// Whether the unit's points on this node were decided here: a criterion without
    /// sub-criteria, or one given its points by `value`, whose sub-criteria go unscored. Points
    /// lost are told where they were decided (a node above them adds them up).
    pub fn decides_points(&self) -> bool {
        self.node
            .is_some_and(|t| t.leaf || self.result.source == Source::Value)
    }
    /// The appraisal round that counts, when `source` is `appraisal`.
    pub fn round(&self) -> Option<u32> {
        match self.result.source {
            Source::Appraisal => self.appraisals().next_back().map(|a| a.round),
            _ => None,
        }
    }
    /// Whether an appraisal decided the points (`false`: the self-score counted unappraised).
    pub fn appraised(&self) -> Option<bool> {
        match self.result.source {
            Source::Appraisal => Some(true),
            Source::SelfAssessed => Some(false),
            _ => None,
        }
    }
    /// The self-assessed input as entered.
    pub fn self_score(&self) -> Option<&'a InputValue> {
        self.input?.self_score.as_ref()
    }
    /// The points the self-score was worth, at the output scale.
    pub fn self_points(&self) -> Option<Dec> {
        self.worth?.self_points
    }
    /// Appraisal rounds, each with the points its value was worth at the output scale.
    pub fn appraisals(
        &self,
    ) -> impl DoubleEndedIterator<Item = AppraisalView<'a>> + ExactSizeIterator + Clone + 'a {
        let rounds = self.input.map_or(&[][..], |e| e.appraisals.as_slice());
        let points = self.round_points;
        rounds
            .iter()
            .enumerate()
            .map(|(i, appraisal)| AppraisalView {
                appraisal,
                points: points.get(i).copied().flatten(),
            })
    }
    pub fn evidence(&self) -> &'a [CompactString] {
        self.input.map_or(&[], |e| e.evidence.as_slice())
    }
    pub fn explanation(&self) -> Option<&'a str> {
        self.input?.explanation.as_deref()
    }
    pub fn survey(&self) -> Option<SurveyInput> {
        self.input?.survey
    }
    /// How the rule turned the counted input into points (`choice 'Ban hành kịp thời'`).
    pub fn rule(&self) -> Option<Cow<'a, str>> {
        self.worth?.rule.as_deref().map(RuleSaid::text)
    }
    /// For adjustments: the points before the cap, when the cap changed them.
    pub fn uncapped(&self) -> Option<Dec> {
        self.adjustment.flatten().map(|u| Dec(normalized(u)))
    }
}

/// Views are equal when they show the same thing.
impl PartialEq for NodeView<'_> {
    fn eq(&self, o: &Self) -> bool {
        self.code == o.code
            && self.result.points == o.result.points
            && self.result.max == o.result.max
            && self.source() == o.source()
            && self.self_score() == o.self_score()
            && self.self_points() == o.self_points()
            && self.appraisals().eq(o.appraisals())
            && self.evidence() == o.evidence()
            && self.explanation() == o.explanation()
            && self.survey() == o.survey()
            && self.rule() == o.rule()
            && self.uncapped() == o.uncapped()
    }
}

impl NodeView<'_> {
    /// The wire form: one flat object per node, provenance fields only when present.
    fn fields<F: Fields>(&self, f: &mut F) -> Result<(), F::Error> {
        let (points, points_exact) = (key!("points"), key!("points_exact"));
        f.rounded_and_exact((points, self.points()), (points_exact, self.points_exact()))?;
        f.decimal(key!("max"), self.max())?;
        if let Some(v) = self.max_exact() {
            f.decimal(key!("max_exact"), v)?;
        }
        f.optional_decimal(key!("index"), self.index())?;
        f.decimal(key!("lost"), self.lost())?;
        f.name(key!("source"), self.source().into())?;
        if let Some(v) = self.round() {
            f.count(key!("round"), v)?;
        }
        if let Some(v) = self.appraised() {
            f.flag(key!("appraised"), v)?;
        }
        if self.input.is_some() || self.worth.is_some() || self.adjustment.is_some() {
            self.provenance(f)?;
        }
        Ok(())
    }

    /// The fields of what was given and what it was worth, which results of scores only, a
    /// million and a half nodes in a national run, do not have: apart, so that the figures
    /// every node writes stay compiled as one short run.
    #[inline(never)]
    fn provenance<F: Fields>(&self, f: &mut F) -> Result<(), F::Error> {
        if let Some(v) = self.self_score() {
            f.input(key!("self"), v)?;
        }
        if let Some(v) = self.self_points() {
            f.decimal(key!("self_points"), v)?;
        }
        if self.appraisals().len() > 0 {
            f.appraisals(key!("appraisals"), self.appraisals())?;
        }
        if !self.evidence().is_empty() {
            f.texts(key!("evidence"), self.evidence())?;
        }
        if let Some(v) = self.explanation() {
            f.text(key!("explanation"), v)?;
        }
        if let Some(v) = self.survey() {
            f.value(key!("survey"), &v)?;
        }
        if let Some(v) = self.rule() {
            f.text(key!("rule"), &v)?;
        }
        if let Some(v) = self.uncapped() {
            f.decimal(key!("uncapped"), v)?;
        }
        Ok(())
    }
}

impl Serialize for NodeView<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        as_map(s, |f| self.fields(f))
    }
}

/// An appraisal round as results show it: what the round gave, and the points its value was
/// worth.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AppraisalView<'a> {
    /// The round as the unit gave it: number, value, reason, appraiser.
    pub appraisal: &'a Appraisal,
    /// The points its value was worth, at the output scale. `None` for a value that could not be
    /// scored (a form shows such a round beside its problem), and for a round read from a
    /// results document that does not give them. A round scored whose reason is missing has its
    /// points, though it does not count.
    pub points: Option<Dec>,
}

impl AppraisalView<'_> {
    /// The wire form: the round's own fields, as the unit gave them, then the points its value
    /// was worth, when scored.
    fn fields<F: Fields>(&self, f: &mut F) -> Result<(), F::Error> {
        let round = self.appraisal;
        f.count(key!("round"), round.round)?;
        f.input(key!("value"), &round.value)?;
        if let Some(v) = &round.reason {
            f.text(key!("reason"), v)?;
        }
        if let Some(v) = &round.by {
            f.text(key!("by"), v)?;
        }
        if let Some(v) = self.points {
            f.decimal(key!("points"), v)?;
        }
        Ok(())
    }
}

/// One flat object: the round's fields, then its points, field by field as the results
/// document's writer writes them.
impl Serialize for AppraisalView<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        as_map(s, |f| self.fields(f))
    }
}

/// The round's number, value, reason and appraiser, as the unit gave them.
impl std::ops::Deref for AppraisalView<'_> {
    type Target = Appraisal;
    fn deref(&self) -> &Appraisal {
        self.appraisal
    }
}

/// A node's appraisal rounds, written as a list.
struct Rounds<I>(I);

impl<'a, I: Iterator<Item = AppraisalView<'a>> + Clone> Serialize for Rounds<I> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.clone())
    }
}

/// A node result as read from a results document.
#[derive(Deserialize, JsonSchema)]
// Read through `read_from_objects!` below: from a JSON object, never an array of its fields.
#[serde(deny_unknown_fields, remote = "Self")]
#[schemars(rename = "NodeResult")]
struct NodeWire {
    #[serde(deserialize_with = "figure")]
    points: Dec,
    #[serde(deserialize_with = "figure")]
    points_exact: Dec,
    #[serde(deserialize_with = "figure")]
    max: Dec,
    #[serde(default, deserialize_with = "optional_figure")]
    max_exact: Option<Dec>,
    #[serde(default, deserialize_with = "optional_figure")]
    index: Option<Dec>,
    #[serde(deserialize_with = "figure")]
    lost: Dec,
    source: Source,
    #[serde(default)]
    round: Option<u32>,
    #[serde(default)]
    appraised: Option<bool>,
    #[serde(rename = "self", default)]
    self_score: Option<InputValue>,
    #[serde(default, deserialize_with = "optional_figure")]
    self_points: Option<Dec>,
    #[serde(default, deserialize_with = "exact_list")]
    #[schemars(with = "Vec<AppraisalWire>", extend("default" = []))]
    appraisals: EntryList<AppraisalWire>,
    #[serde(default, deserialize_with = "exact_list")]
    #[schemars(with = "Vec<String>")]
    evidence: EntryList<CompactString>,
    #[serde(default)]
    explanation: Option<String>,
    #[serde(default)]
    survey: Option<SurveyInput>,
    #[serde(default)]
    rule: Option<String>,
    #[serde(default, deserialize_with = "optional_figure")]
    uncapped: Option<Dec>,
}

/// An appraisal round as a results document gives it: the round as the unit gave it, and the
/// points scoring found its value worth.
#[derive(Deserialize, JsonSchema)]
// Read through `read_from_objects!` below: from a JSON object, never an array of its fields.
#[serde(deny_unknown_fields, remote = "Self")]
#[schemars(rename = "AppraisalResult")]
struct AppraisalWire {
    /// The round's number, from 1; the last round given counts.
    round: u32,
    /// The score the round gave, in the rule's input domain, as the self-score is.
    value: InputValue,
    /// Why the round changed the score (lý do).
    #[serde(default)]
    reason: Option<String>,
    /// Who appraised (council, officer).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    by: Option<CompactString>,
    /// The points the value was worth, at the output scale.
    #[serde(default, deserialize_with = "optional_figure")]
    points: Option<Dec>,
}
read_from_objects!(NodeWire, AppraisalWire, UnitWire);

/// A node as read: its result (its input still to be placed), the entry it shows and what that
/// was worth, the points before a cap, and the figures printed beside the exact ones.
struct NodeRead {
    result: NodeResult,
    entry: Option<Entry>,
    worth: Worth,
    round_points: Vec<Option<Dec>>,
    uncapped: Option<Decimal>,
    printed: Printed,
}

/// What a node prints beside its exact points and max. Results keep only the exact figures and
/// derive these again when written, so reading checks each against what it derives: a document
/// reads back only as it would be written.
struct Printed {
    points: Dec,
    max: Dec,
    index: Option<Dec>,
    lost: Dec,
    round: Option<u32>,
    appraised: Option<bool>,
}

impl NodeWire {
    fn read(self) -> NodeRead {
        // At the rounds' number, as read: a list extended grows to a power of two.
        let mut appraisals = EntryList::with_capacity(self.appraisals.len());
        let mut round_points = Vec::with_capacity(self.appraisals.len());
        for a in self.appraisals {
            appraisals.push(Appraisal {
                round: a.round,
                value: a.value,
                reason: a.reason,
                by: a.by,
            });
            round_points.push(a.points);
        }
        let entry = Entry {
            self_score: self.self_score,
            evidence: self.evidence,
            explanation: self.explanation,
            appraisals,
            survey: self.survey,
            value: None,
            row: Default::default(),
        };
        let worth = Worth::new(self.self_points, self.rule);
        let result = NodeResult {
            input: None,
            points: self.points_exact.0,
            // The printed max is the exact one unless the document says otherwise.
            max: self.max_exact.unwrap_or(self.max).0,
            source: self.source,
        };
        let shown = entry != Entry::default() || worth != Worth::default();
        NodeRead {
            result,
            entry: shown.then_some(entry),
            worth,
            round_points,
            uncapped: self.uncapped.map(|u| u.0),
            printed: Printed {
                points: self.points,
                max: self.max,
                index: self.index,
                lost: self.lost,
                round: self.round,
                appraised: self.appraised,
            },
        }
    }
}

impl NodeRead {
    /// Keeps the entry the node shows, and what it was worth, among the unit's; its position, for
    /// the result.
    fn keep_input(
        &mut self,
        code: CompactString,
        inputs: &mut Entries,
        worth: &mut EntryPoints,
    ) -> Option<u32> {
        let entry = self.entry.take()?;
        let at = inputs.insert_full(code, entry).0 as u32;
        let round_points = std::mem::take(&mut self.round_points);
        worth.set(at, std::mem::take(&mut self.worth), round_points);
        Some(at)
    }

    /// Every printed figure the exact ones contradict, and exact points outside what the node
    /// allows: 0..max, or up to the max for an adjustment (`adjustment: Some(uncapped)`), whose
    /// minimum the results do not carry.
    fn check(
        &self,
        code: &str,
        node: Option<&TreeEntry>,
        adjustment: Option<Option<Decimal>>,
        rounding: RoundingPolicy,
        unit: &str,
        problems: &mut Collector,
    ) {
        let view = NodeView {
            code,
            node,
            result: self.result,
            input: self.entry.as_ref(),
            worth: Some(&self.worth),
            round_points: &self.round_points,
            rounding,
            adjustment,
        };
        let at = Place::node(unit, code);
        let printed = &self.printed;
        let shown = |d: Dec| Some(d.0);
        at.rounding(
            problems,
            "points",
            shown(printed.points),
            shown(view.points()),
        );
        at.rounding(problems, "max", shown(printed.max), shown(view.max()));
        at.rounding(
            problems,
            "index",
            printed.index.map(|d| d.0),
            view.index().map(|d| d.0),
        );
        at.rounding(problems, "lost", shown(printed.lost), shown(view.lost()));
        at.derived(problems, "round", printed.round, view.round());
        at.derived(problems, "appraised", printed.appraised, view.appraised());
        let (points, max) = (self.result.points, self.result.max);
        at.within(problems, "max", max, Some(Decimal::ZERO), None);
        let low = (!view.is_adjustment()).then_some(Decimal::ZERO);
        at.within(problems, "points_exact", points, low, Some(max));
    }
}

/// What a warning is about, stable like [`ErrorCode`]; new kinds may be added.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Deserialize,
    JsonSchema,
    strum::VariantArray,
    strum::IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[non_exhaustive]
pub enum WarningCode {
    /// A leaf with no input counted as zero.
    MissingLeaf,
    /// A self-score that was never appraised counted as zero (`unappraised_self: zero`).
    NotAppraised,
    /// A self-score above zero without evidence counted as zero (`evidence_required`).
    EvidenceMissing,
    /// No survey input: index rescaled from non-survey points.
    SurveyRescaled,
    /// An adjustment outside its caps was capped.
    AdjustmentCapped,
    /// The total left 0..max after adjustments and was clamped.
    TotalClamped,
    /// A node given by value spans several components; its points are in no component total.
    ComponentsUnattributed,
    /// Table cells that arrived as binary floating-point numbers (a pandas float column, an xlsx
    /// number cell) held more digits than a spreadsheet shows (a formula's `0.30000000000000004`)
    /// and were read as stored (see `float_text`).
    FloatConverted,
    /// A table file that is neither UTF-8 nor UTF-16 was read as Windows-1258, the encoding
    /// Excel on a Vietnamese Windows saves "CSV (Comma delimited)" in.
    EncodingGuessed,
    /// A table's summary row (`Tổng cộng`, `Trung bình`) was passed over: it is no unit.
    SummaryRowPassedOver,
    /// The signatures below a table (`NGƯỜI LẬP BIỂU`, `GIÁM ĐỐC`, the signers' names) were
    /// passed over: they are no units.
    SignaturesPassedOver,
    /// The input named no unit (a sheet of its header alone, another sheet than the scores'):
    /// the ranking is empty.
    NoUnits,
    /// Under a methodology that declares no blocks, some units name no block while others do
    /// (a `Khối` cell merged in Excel, saved as CSV): they are ranked together, apart.
    BlockMissing,
    /// A workbook's first sheet holds no table of units (a cover, a guide): the first sheet that
    /// does was read.
    SheetChosen,
    /// Rows a workbook's sheet hides (by hand, or by a filter) hold units' entries: they were
    /// read and scored as the others were.
    RowsHidden,
    /// Later sheets of the workbook hold tables with the columns of the one read (a sheet per
    /// block, or per year): they were not read.
    SheetsAlike,
    /// A wide sheet gives a unit a total (`Tổng điểm`) other than the points of its criteria:
    /// a sum in Excel missing a column, or taking another row's cells.
    OwnTotalDiffers,
    /// A long table of one round without its column of appraised scores (`Tự chấm | Lý do`)
    /// has reasons typed, which are read only beside a round's score: they were not kept.
    ReasonsNotRead,
    /// A measured value typed as a fraction (0.97) that would have scored more as a percentage
    /// (97): a cell Excel formats as `97%` stores 0.97, which a DataFrame from `pd.read_excel`,
    /// a cell formatted `General` or a paste of values holds.
    MeasuredAsFraction,
    /// Points typed (2) where a criterion is scored from a measure (`từ 90% trở lên: 2 điểm`),
    /// read as the measure (2 %) and scoring less: a long sheet's `Điểm tự chấm` column holds
    /// points for every criterion.
    MeasuredAsPoints,
}

serialized_as_static_str!(WarningCode, Source);

impl WarningCode {
    /// Every warning code, for bindings and for the catalogue's completeness test.
    pub const ALL: &'static [WarningCode] = <WarningCode as strum::VariantArray>::VARIANTS;
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Warning {
    pub code: WarningCode,
    /// The warning's text, in the language the units were scored in.
    // Shared among the units, which say the same few texts again and again ([`SharedTexts`]).
    #[schemars(with = "String")]
    pub message: Arc<str>,
    /// The criterion the warning is about.
    // A code: held without a heap allocation up to 24 bytes, as codes nearly always are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub node: Option<CompactString>,
}

/// The texts of a run's warnings, each held once: the units of a run say the same few again and
/// again (a criterion left blank is said alike of every unit that left it so), and a text per
/// warning held 356 MB for a 4 MB document of 99,000 units without entries.
#[derive(Default)]
pub(crate) struct SharedTexts(HashSet<Arc<str>>);

impl SharedTexts {
    /// Texts held at most. Some texts name a unit's own figures (points not appraised, a total
    /// capped) and are rarely said again: once this many are held, they are let go and the set
    /// starts over, so that those do not keep the common texts out.
    const MOST: usize = 10_000;

    /// Each warning's text the one held alike, if any; else held from now on.
    pub(crate) fn share(&mut self, warnings: &mut [Warning]) {
        for warning in warnings {
            if let Some(held) = self.0.get(&*warning.message) {
                warning.message = Arc::clone(held);
                continue;
            }
            if self.0.len() >= Self::MOST {
                self.0.clear();
            }
            self.0.insert(Arc::clone(&warning.message));
        }
    }
}

impl Warning {
    /// The warning a text of the catalogue gives, in `lang`.
    pub fn new(message: WarningMsg, node: Option<&str>, lang: Lang) -> Self {
        Warning {
            code: message.code(),
            message: message.render(lang).into(),
            node: node.map(CompactString::from),
        }
    }

    /// A file's encoding was guessed (see [`crate::encoding::read_text`]): the person can check
    /// its names and give the right one if they read wrong.
    pub fn encoding_guessed(file: Option<&str>, encoding: TextEncoding, lang: Lang) -> Self {
        let message = WarningMsg::EncodingGuessed {
            file: file.map(str::to_string),
            encoding: encoding.name().to_string(),
        };
        Warning::new(message, None, lang)
    }

    /// A table's summary rows passed over (see [`Results::note_passed_over`]).
    pub fn summary_rows(rows: &crate::SummaryRows, file: Option<&str>, lang: Lang) -> Vec<Self> {
        let file = || file.map(str::to_string);
        let said = rows
            .said
            .iter()
            .map(|(row, label)| WarningMsg::SummaryRowPassedOver {
                file: file(),
                row: *row,
                label: label.clone(),
            });
        let more = (rows.more > 0).then(|| WarningMsg::MoreSummaryRows {
            file: file(),
            count: rows.more,
        });
        said.chain(more)
            .map(|m| Warning::new(m, None, lang))
            .collect()
    }

    /// A table's reasons not read, if it has any (see [`crate::Table::passed_over`]).
    pub fn reasons_not_read(
        reasons: Option<&crate::ReasonsNotRead>,
        file: Option<&str>,
        lang: Lang,
    ) -> Option<Self> {
        let reasons = reasons?;
        let message = WarningMsg::ReasonsNotRead {
            file: file.map(str::to_string),
            column: reasons.column.clone(),
            letters: reasons.letters.clone(),
            first_row: reasons.first_row,
            rows: reasons.rows,
        };
        Some(Warning::new(message, None, lang))
    }

    /// What reading a table passed over: its summary rows, its signatures, its reasons not read.
    pub fn passed_over(passed: &crate::PassedOver, file: Option<&str>, lang: Lang) -> Vec<Self> {
        let mut warnings = Warning::summary_rows(&passed.summary_rows, file, lang);
        warnings.extend(passed.signatures.as_ref().map(|signed| {
            let message = WarningMsg::SignaturesPassedOver {
                file: file.map(str::to_string),
                first_row: signed.first_row,
                last_row: signed.last_row,
                titles: signed.titles.clone(),
                notes: signed.notes.clone(),
            };
            Warning::new(message, None, lang)
        }));
        warnings.extend(Warning::reasons_not_read(
            passed.reasons.as_ref(),
            file,
            lang,
        ));
        warnings
    }

    /// A workbook's sheet read in place of its first, which holds no table of units.
    pub fn sheet_chosen(chosen: &crate::table::SheetChosen, lang: Lang) -> Self {
        let message = WarningMsg::SheetChosen {
            first: chosen.first.clone(),
            read: chosen.read.clone(),
        };
        Warning::new(message, None, lang)
    }

    /// Later sheets of a workbook with the columns of the one read, not read (see
    /// [`crate::SheetRead::alike`]).
    pub fn sheets_alike(alike: &crate::SheetsAlike, file: Option<&str>, lang: Lang) -> Self {
        let message = WarningMsg::SheetsAlike {
            file: file.map(str::to_string),
            read: alike.read.clone(),
            others: alike.others.clone(),
        };
        Warning::new(message, None, lang)
    }

    /// A sheet's hidden rows read as the table's, if any were (see
    /// [`crate::Table::rows_hidden_read`]).
    pub fn rows_hidden(
        hidden: Option<&crate::RowsHidden>,
        file: Option<&str>,
        lang: Lang,
    ) -> Option<Self> {
        let hidden = hidden?;
        let message = WarningMsg::RowsHidden {
            file: file.map(str::to_string),
            rows: hidden.rows,
            runs: hidden.runs.clone(),
            units: hidden.units.clone(),
            unit_count: hidden.unit_count,
        };
        Some(Warning::new(message, None, lang))
    }

    /// Table columns arrived as floating-point numbers, if any did (see
    /// [`Results::note_float_columns`]).
    pub fn float_columns(columns: &[String], lang: Lang) -> Option<Self> {
        let columns = columns.to_vec();
        (!columns.is_empty())
            .then(|| Warning::new(WarningMsg::FloatConverted { columns }, None, lang))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BlockStatistics {
    pub block: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub count: usize,
    #[serde(deserialize_with = "figure")]
    pub mean: Dec,
    #[serde(deserialize_with = "figure")]
    pub median: Dec,
    #[serde(deserialize_with = "figure")]
    pub min: Dec,
    #[serde(deserialize_with = "figure")]
    pub max: Dec,
    /// Units whose ranked index is strictly above the exact mean.
    pub above_mean: usize,
    /// Units per band label, from the highest band down.
    #[schemars(with = "BTreeMap<String, usize>")]
    pub bands: IndexMap<String, usize>,
    /// Units below every band.
    pub unbanded: usize,
}

/// One line of a ranking table: a unit's standing without its nodes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RankRow {
    pub block: Option<String>,
    pub rank: u32,
    pub unit: String,
    pub points: Dec,
    pub max: Dec,
    pub index: Dec,
    pub band: Option<String>,
}

/// A criterion's lost points where they were decided, for "where did this unit lose points"
/// lists ([`UnitResult::lost_nodes`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LostPoints {
    pub code: String,
    pub name: String,
    pub points: Dec,
    pub max: Dec,
    pub lost: Dec,
    pub source: Source,
}

/// The results document as read, before each unit's nodes are placed on the tree.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Results")]
pub(crate) struct ResultsWire {
    #[schemars(extend("const" = "par.results/1"))]
    schema: String,
    methodology: MethodologyRef,
    rounding: RoundingPolicy,
    ranked_on: RankOn,
    #[serde(default)]
    detail: Detail,
    #[schemars(with = "Vec<TreeEntry>")]
    tree: Arc<[TreeEntry]>,
    units: Vec<UnitWire>,
    blocks: Vec<BlockStatistics>,
    #[serde(default)]
    warnings: Vec<Warning>,
}

#[derive(Deserialize, JsonSchema)]
// Read through `read_from_objects!` below: from a JSON object, never an array of its fields.
#[serde(deny_unknown_fields, remote = "Self")]
#[schemars(rename = "UnitResult")]
struct UnitWire {
    unit: String,
    block: Option<String>,
    #[serde(deserialize_with = "figure")]
    points: Dec,
    #[serde(deserialize_with = "figure")]
    points_exact: Dec,
    #[serde(deserialize_with = "figure")]
    max: Dec,
    #[serde(deserialize_with = "figure")]
    index: Dec,
    #[serde(deserialize_with = "figure")]
    index_exact: Dec,
    /// Read wider than a rank, so that 0 and negative ranks are refused as ranks.
    rank: i64,
    band: Option<String>,
    #[serde(default)]
    survey_rescaled: bool,
    #[schemars(with = "BTreeMap<String, ComponentResult>")]
    components: IndexMap<String, ComponentResult>,
    #[schemars(with = "BTreeMap<String, NodeWire>")]
    nodes: IndexMap<CompactString, NodeWire>,
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, NodeWire>")]
    adjustments: IndexMap<CompactString, NodeWire>,
    warnings: Vec<Warning>,
}

/// A results document's tree and units within what scoring makes: at most
/// [`limits::TREE_NODES`] nodes, and [`limits::NODE_RESULTS`] units × nodes. Nothing else bounds
/// them in a document: its units may keep none of the tree's nodes, and a ranking made of it
/// reads each unit's every field (a 37 MB document of 300,000 fields and 100,000 units took 79 s
/// to compare).
fn check_size(tree: usize, units: usize) -> Result<(), ParError> {
    limits::TREE_NODES
        .check(tree)
        .map_err(|e| e.field("tree"))?;
    (limits::NODE_RESULTS.check(units.saturating_mul(tree))).map_err(|e| e.field("units"))
}

/// The results' tree as reading needs it: each code's position, and how many top-level nodes
/// a unit's max adds up.
struct TreeIndex {
    tree: Arc<[TreeEntry]>,
    at: HashMap<String, u32>,
    roots: usize,
    rounding: RoundingPolicy,
}

impl TreeIndex {
    fn new(tree: &Arc<[TreeEntry]>, rounding: RoundingPolicy) -> Self {
        TreeIndex {
            tree: Arc::clone(tree),
            at: tree
                .iter()
                .enumerate()
                .map(|(i, t)| (t.code.clone(), i as u32))
                .collect(),
            roots: tree.iter().filter(|t| t.parent.is_none()).count(),
            rounding,
        }
    }
}

impl ResultsWire {
    /// Places every unit's nodes on the tree and checks the document against itself, reporting
    /// every problem: codes the tree lacks, figures that contradict each other, a unit named
    /// twice, ranks and block statistics that the units do not give.
    fn into_results(self) -> Result<Results, Problems> {
        // A document rounding to more places than a methodology may is refused before its
        // figures are read at that scale (a report would format each cell with as many places).
        if let Some(problem) = self.rounding.places_problem("rounding.places") {
            return Err(problem.into());
        }
        check_size(self.tree.len(), self.units.len())?;
        let doc = TreeIndex::new(&self.tree, self.rounding);
        let mut problems = Collector::default();
        let units: Vec<UnitResult> = self
            .units
            .into_iter()
            .map(|u| u.read(&doc, &mut problems))
            .collect();
        let results = Results {
            schema: self.schema,
            methodology: self.methodology,
            rounding: self.rounding,
            ranked_on: self.ranked_on,
            detail: self.detail,
            tree: self.tree,
            units,
            blocks: self.blocks,
            warnings: self.warnings,
        };
        results.checked(problems)
    }
}

impl Results {
    /// The results read, their units each checked already (with the `problems` found), checked
    /// against each other: a unit named twice, ranks and block statistics that the units do not
    /// give.
    fn checked(self, mut problems: Collector) -> Result<Results, Problems> {
        check_unique_units(&self.units, &mut problems);
        check_blocks(
            &self.units,
            &self.blocks,
            self.ranked_on,
            self.rounding,
            &mut problems,
        );
        problems.finish(self)
    }
}

impl UnitWire {
    /// The unit as results hold it, with every problem of its figures recorded.
    fn read(self, doc: &TreeIndex, problems: &mut Collector) -> UnitResult {
        let rank = read_rank(&self.unit, self.rank, problems);
        // Scoring gives a band of a methodology's, within its label's limit: a longer one is
        // copied into every table, chart and comparison of the unit.
        let band = self.band.as_deref().unwrap_or("");
        if let Some(e) = limits::LABEL_BYTES.check_text(band, || "band".into()) {
            problems.push(e.unit(&self.unit));
        }
        let nodes = NodeMap::from_wire(doc, &self.unit, self.nodes, self.adjustments, problems);
        let unit = UnitResult {
            unit: self.unit,
            block: self.block,
            points: self.points,
            points_exact: self.points_exact,
            max: self.max,
            index: self.index,
            index_exact: self.index_exact,
            rank,
            band: self.band,
            survey_rescaled: self.survey_rescaled,
            components: self.components,
            nodes,
            warnings: self.warnings,
        };
        check_totals(&unit, doc, problems);
        check_components(&unit, doc.rounding, problems);
        unit
    }
}

/// Ranks count from 1; anything else is refused (and read as 0).
fn read_rank(unit: &str, rank: i64, problems: &mut Collector) -> u32 {
    match u32::try_from(rank) {
        Ok(r) if r >= 1 => r,
        _ => {
            problems.push(Place::unit(unit).problem(
                ErrorCode::OutOfRange,
                "rank",
                rank.to_string(),
                ScoringMsg::RankNotARank { rank },
            ));
            0
        }
    }
}

/// The unit's total against its nodes and its index against its total. The exact max is the
/// top-level nodes' maxima added up, as scoring adds them, or the printed max when the document
/// leaves nodes out; `index_exact` must be points_exact / max × 100 exactly, and each printed
/// figure the rounding of its exact one under the document's rounding policy.
fn check_totals(u: &UnitResult, doc: &TreeIndex, problems: &mut Collector) {
    let at = Place::unit(&u.unit);
    let round = |d: Decimal| Some(doc.rounding.round(d).0);
    let max = u.nodes.top_level_max(doc.roots).unwrap_or(u.max.0);
    at.rounding(problems, "max", Some(u.max.0), round(max));
    at.rounding(
        problems,
        "points",
        Some(u.points.0),
        round(u.points_exact.0),
    );
    at.rounding(problems, "index", Some(u.index.0), round(u.index_exact.0));
    if max <= Decimal::ZERO {
        let text = normalized(max).to_string();
        let message = ScoringMsg::MaxNotPositive { max };
        problems.push(at.problem(ErrorCode::OutOfRange, "max", text, message));
        return;
    }
    at.within(
        problems,
        "points_exact",
        u.points_exact.0,
        Some(Decimal::ZERO),
        Some(max),
    );
    if let Some(expected) = u.nodes.top_level_points(doc.roots, max) {
        if compare(expected, u.points_exact.0).is_ne() {
            let given = normalized(u.points_exact.0).to_string();
            let message = ScoringMsg::TotalNotNodes {
                given: u.points_exact.0,
                expected: normalized(expected),
            };
            problems.push(at.problem(ErrorCode::ConflictingInput, "points_exact", given, message));
        }
    }
    let index = percent(u.points_exact.0, max);
    if index != Some(u.index_exact.0) {
        let given = normalized(u.index_exact.0).to_string();
        let message = ScoringMsg::IndexNotExact {
            given: u.index_exact.0,
            expected: index,
            points: u.points_exact.0,
            max,
        };
        problems.push(at.problem(ErrorCode::ConflictingInput, "index_exact", given, message));
    }
}

/// Each component's printed points round its exact ones, within 0..max. (Its index is printed
/// only: the results do not carry a component's exact max, which it would be checked against.)
fn check_components(u: &UnitResult, rounding: RoundingPolicy, problems: &mut Collector) {
    let at = Place::unit(&u.unit);
    for (tag, c) in &u.components {
        let field = |name: &str| format!("components.{tag}.{name}");
        let rounded = Some(rounding.round(c.points_exact.0).0);
        at.rounding(problems, &field("points"), Some(c.points.0), rounded);
        let (points, max) = (c.points_exact.0, c.max.0);
        at.within(
            problems,
            &field("points_exact"),
            points,
            Some(Decimal::ZERO),
            None,
        );
        // Rounding keeps order, so the printed points stay within the printed max.
        at.within(problems, &field("points"), c.points.0, None, Some(max));
    }
}

/// A unit has a name and appears once in a results document, as scoring allows it once in its
/// input: however its name is spelled (`SỞ Y TẾ` is `Sở Y tế`), as compare matches units.
fn check_unique_units(units: &[UnitResult], problems: &mut Collector) {
    let mut seen = HashSet::with_capacity(units.len());
    for u in units {
        if crate::names::shows_nothing(&u.unit) {
            let message = ReadingMsg::UnitWithoutName;
            let problem = ParError::new(ErrorCode::MissingField, message).field("unit");
            problems.push(problem.value(u.unit.as_str()));
            continue;
        }
        if !seen.insert(crate::names::unit_key(&u.unit)) {
            problems.push(Place::unit(&u.unit).problem(
                ErrorCode::DuplicateUnit,
                "unit",
                u.unit.as_str(),
                ScoringMsg::UnitTwice {
                    unit: u.unit.clone(),
                },
            ));
        }
    }
}

/// What the units of one block add up to, for checking the block's statistics.
#[derive(Default)]
struct BlockTally<'a> {
    /// The first unit of the block, named in problems about the block as a whole.
    first: &'a str,
    count: usize,
    /// The lowest and highest ranked index.
    lowest: Option<Decimal>,
    highest: Option<Decimal>,
    bands: HashMap<&'a str, usize>,
}

/// Every block's units, in the order the units list them, each with its tally.
fn tally_blocks(units: &[UnitResult], on: RankOn) -> IndexMap<Option<&str>, BlockTally<'_>> {
    let mut tallies: IndexMap<Option<&str>, BlockTally> = IndexMap::new();
    for u in units {
        let t = tallies
            .entry(u.block.as_deref())
            .or_insert_with(|| BlockTally {
                first: &u.unit,
                ..BlockTally::default()
            });
        let ranked = u.ranked_index(on);
        t.count += 1;
        t.lowest = Some(t.lowest.map_or(ranked, |l| l.min(ranked)));
        t.highest = Some(t.highest.map_or(ranked, |h| h.max(ranked)));
        if let Some(band) = &u.band {
            *t.bands.entry(band).or_default() += 1;
        }
    }
    tallies
}

/// Block statistics against the units: one entry per block that has units, each counting them
/// and their bands, with the extremes of their ranked index; every rank within its block's
/// count. Linear in units and bands (the mean and median are only checked to lie between the
/// extremes: recomputing the median would sort).
fn check_blocks(
    units: &[UnitResult],
    blocks: &[BlockStatistics],
    on: RankOn,
    rounding: RoundingPolicy,
    problems: &mut Collector,
) {
    let tallies = tally_blocks(units, on);
    // As many as scoring gives at most ([`crate::score`]): every table, chart and analysis of
    // the results passes over the units once per block. Units of no block are in none.
    let units_name = tallies.keys().filter(|b| b.is_some()).count();
    let listed = blocks.iter().filter(|b| b.block.is_some()).count();
    let most = units_name.max(listed);
    if let Err(e) = limits::BLOCKS.check(most) {
        problems.push(e.field("blocks"));
        return;
    }
    let empty = BlockTally::default();
    let mut described = HashSet::with_capacity(blocks.len());
    for (i, b) in blocks.iter().enumerate() {
        // A methodology's block name, within its label's limit: a comparison copies it for
        // every unit of the block.
        let name = b.name.as_deref().unwrap_or("");
        if let Some(e) = limits::LABEL_BYTES.check_text(name, || format!("blocks[{i}].name")) {
            problems.push(e);
        }
        let at = BlockPlace {
            index: i,
            block: b.block.as_deref(),
        };
        if !described.insert(b.block.as_deref()) {
            let message = ScoringMsg::StatisticsTwice;
            problems.push(
                at.problem("block", message)
                    .value(block_text(b.block.as_deref())),
            );
            continue;
        }
        check_block(
            at,
            b,
            tallies.get(&b.block.as_deref()).unwrap_or(&empty),
            rounding,
            problems,
        );
    }
    for (block, t) in tallies.iter().filter(|(b, _)| !described.contains(*b)) {
        let name = block_text(*block);
        let message = ScoringMsg::BlockWithoutStatistics {
            block: block.map(str::to_string),
        };
        problems.push(Place::unit(t.first).problem(
            ErrorCode::ConflictingInput,
            "block",
            name,
            message,
        ));
    }
    check_ranks_follow_indexes(units, on, &tallies, problems);
    for u in units {
        let count = tallies.get(&u.block.as_deref()).map_or(0, |t| t.count);
        if u.rank as usize > count {
            let message = ScoringMsg::RankBeyondBlock {
                rank: u.rank,
                count,
                block: u.block.clone(),
            };
            problems.push(Place::unit(&u.unit).problem(
                ErrorCode::OutOfRange,
                "rank",
                u.rank.to_string(),
                message,
            ));
        }
    }
}

/// Within each block, a unit's rank is one its ranked index can have: after every unit with a
/// higher index, and no further than the units with its own index reach. Ties count either way
/// (ranks shared with gaps after them, or without gaps, or told apart by tie-breakers), so each
/// index allows ranks from one more than the distinct indexes above it to the units at or above
/// it. A rank already refused (0, beyond its block) is not asked again.
fn check_ranks_follow_indexes(
    units: &[UnitResult],
    on: RankOn,
    tallies: &IndexMap<Option<&str>, BlockTally>,
    problems: &mut Collector,
) {
    let ranked = |u: &UnitResult| u.ranked_index(on);
    let mut by_block: IndexMap<Option<&str>, Vec<Decimal>> = IndexMap::new();
    for u in units {
        by_block
            .entry(u.block.as_deref())
            .or_default()
            .push(ranked(u));
    }
    // Each block's indexes, best first, with the ranks each allows.
    let mut allowed: HashMap<(Option<&str>, Decimal), (u32, u32)> = HashMap::new();
    for (block, indexes) in &mut by_block {
        indexes.sort_unstable_by(|a, b| compare(*b, *a));
        let (mut above, mut distinct_above) = (0usize, 0usize);
        for run in indexes.chunk_by(|a, b| compare(*a, *b).is_eq()) {
            let ranks = (distinct_above + 1, above + run.len());
            let ranks = (ranks.0 as u32, u32::try_from(ranks.1).unwrap_or(u32::MAX));
            allowed.insert((*block, run[0]), ranks);
            above += run.len();
            distinct_above += 1;
        }
    }
    for u in units {
        let count = tallies.get(&u.block.as_deref()).map_or(0, |t| t.count);
        // Decimals hash and compare as numbers, whatever their scale (`90.5` is `90.50`).
        let key = (u.block.as_deref(), ranked(u));
        let Some(&(first, last)) = allowed.get(&key) else {
            continue;
        };
        let refused_already = u.rank < 1 || u.rank as usize > count;
        if refused_already || (first..=last).contains(&u.rank) {
            continue;
        }
        let message = ScoringMsg::RankAgainstIndex {
            rank: u.rank,
            index: ranked(u),
            first,
            last,
        };
        let at = Place::unit(&u.unit);
        problems.push(at.problem(
            ErrorCode::ConflictingInput,
            "rank",
            u.rank.to_string(),
            message,
        ));
    }
}

fn check_block(
    at: BlockPlace,
    b: &BlockStatistics,
    t: &BlockTally,
    rounding: RoundingPolicy,
    problems: &mut Collector,
) {
    let mut counted = |field: &str, given: usize, units: usize| {
        if given != units {
            let message = ScoringMsg::StatisticCount {
                field: field.to_string(),
                given,
                units,
            };
            problems.push(at.problem(field, message).value(given.to_string()));
        }
    };
    counted("count", b.count, t.count);
    let mut banded = 0;
    for (label, &n) in &b.bands {
        let units = t.bands.get(label.as_str()).copied().unwrap_or(0);
        counted(&format!("bands.{label}"), n, units);
        banded += units;
    }
    counted("unbanded", b.unbanded, t.count.saturating_sub(banded));
    if b.above_mean > t.count {
        let message = ScoringMsg::AboveMeanTooMany {
            given: b.above_mean,
            count: t.count,
        };
        problems.push(
            at.problem("above_mean", message)
                .value(b.above_mean.to_string()),
        );
    }
    let extremes = [("min", b.min, t.lowest), ("max", b.max, t.highest)];
    for (field, given, ranked) in extremes {
        let rounded = ranked.map(|r| rounding.round(r));
        if let Some(expected) = rounded.filter(|e| e.0 != given.0) {
            let message = ScoringMsg::StatisticExtreme {
                field: field.to_string(),
                given: given.0,
                expected: expected.0,
            };
            problems.push(at.problem(field, message).value(given.0.to_string()));
        }
    }
    for (field, given) in [("mean", b.mean), ("median", b.median)] {
        if given.0 < b.min.0 || given.0 > b.max.0 {
            let message = ScoringMsg::StatisticOutside {
                field: field.to_string(),
                given: given.0,
                min: b.min.0,
                max: b.max.0,
            };
            problems.push(at.problem(field, message).value(given.0.to_string()));
        }
    }
}

/// A block as a problem's value gives it (`null` for no block, as the document writes it).
fn block_text(block: Option<&str>) -> String {
    block.unwrap_or("null").to_string()
}

/// The statistics of one block, as problems about them name it.
#[derive(Clone, Copy)]
struct BlockPlace<'a> {
    index: usize,
    block: Option<&'a str>,
}

impl BlockPlace<'_> {
    /// A `conflicting_input` problem in field `blocks[index].<field>`, its message prefixed
    /// with the block it describes.
    fn problem(&self, field: &str, message: ScoringMsg) -> ParError {
        let text = ScoringMsg::Statistics {
            block: self.block.map(str::to_string),
            problem: Box::new(message.into()),
        };
        ParError::new(ErrorCode::ConflictingInput, text)
            .field(format!("blocks[{}].{field}", self.index))
    }
}

/// A unit, or one of its nodes, as problems about its figures name it.
#[derive(Clone, Copy)]
struct Place<'a> {
    unit: &'a str,
    node: Option<&'a str>,
}

impl<'a> Place<'a> {
    fn unit(unit: &'a str) -> Self {
        Place { unit, node: None }
    }
    fn node(unit: &'a str, node: &'a str) -> Self {
        Place {
            unit,
            node: Some(node),
        }
    }
    fn problem(
        &self,
        code: ErrorCode,
        field: &str,
        value: impl Into<String>,
        message: ScoringMsg,
    ) -> ParError {
        let e = ParError::new(code, message)
            .unit(self.unit)
            .field(field)
            .value(value);
        match self.node {
            Some(n) => e.node(n),
            None => e,
        }
    }
    /// A printed figure that is not the rounding of its exact one.
    fn rounding(
        &self,
        problems: &mut Collector,
        field: &str,
        printed: Option<Decimal>,
        rounded: Option<Decimal>,
    ) {
        if !same(printed, rounded) {
            let (given, expected) = (shown(printed), shown(rounded));
            let message = ScoringMsg::FigureNotRounded {
                field: field.to_string(),
                given: given.clone(),
                expected,
            };
            problems.push(self.problem(ErrorCode::ConflictingInput, field, given, message));
        }
    }
    /// A printed fact (the round that counts, whether appraised) that its node's source and
    /// inputs do not give.
    fn derived<T: PartialEq + Display>(
        &self,
        problems: &mut Collector,
        field: &str,
        printed: Option<T>,
        derived: Option<T>,
    ) {
        if printed != derived {
            let (given, expected) = (shown(printed), shown(derived));
            let message = ScoringMsg::FactNotDerived {
                field: field.to_string(),
                given: given.clone(),
                expected,
            };
            problems.push(self.problem(ErrorCode::ConflictingInput, field, given, message));
        }
    }
    /// An `out_of_range` problem unless `low ≤ value ≤ high` (a bound left out is open).
    fn within(
        &self,
        problems: &mut Collector,
        field: &str,
        value: Decimal,
        low: Option<Decimal>,
        high: Option<Decimal>,
    ) {
        let below = low.is_some_and(|l| compare(value, l).is_lt());
        if below || high.is_some_and(|h| compare(value, h).is_gt()) {
            let text = normalized(value).to_string();
            let message = ScoringMsg::FigureOutside {
                field: field.to_string(),
                value,
                low,
                high,
            };
            problems.push(self.problem(ErrorCode::OutOfRange, field, text, message));
        }
    }
}

/// Whether two figures are the same number, whatever their scales ("1.50" and "1.5"), compared
/// the fast way: reading compares every printed figure of every node.
fn same(a: Option<Decimal>, b: Option<Decimal>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => compare(a, b).is_eq(),
        (a, b) => a.is_none() && b.is_none(),
    }
}

/// A value as problems print it (`null` for none).
fn shown<T: Display>(value: Option<T>) -> String {
    value.map_or("null".into(), |v| v.to_string())
}

/// The largest figure scoring can produce: a total adds at most [`limits::TREE_NODES`] node
/// maxima, each below [`MAX_MAGNITUDE`] (so below 10^16).
const MAX_FIGURE: Decimal = {
    let bound = MAX_MAGNITUDE as u64 * limits::TREE_NODES.max as u64;
    Decimal::from_parts(bound as u32, (bound >> 32) as u32, 0, false, 0)
};

/// Reads a figure of a results document (points, maxima, indexes, statistics) exactly.
///
/// Scoring prints its exact figures as rust_decimal holds them, and holds more than the limits
/// on input decimals let in: a quotient keeps 28 or 29 significant digits (100 / 3 is
/// 33.333333333333333333333333333), and a total of many nodes may pass 10^12. Those limits
/// leave headroom for the arithmetic on inputs; they do not describe its results. So a figure
/// is read as written when rust_decimal holds it exactly — at most 28 places and 96 bits of
/// mantissa, as everything it prints — and is refused when it would have to be rounded, or lies
/// beyond what scoring can reach. (Printing 28 digits instead would round `index_exact`, which
/// would then no longer be points_exact / max × 100, and could tie units ranked on it.)
fn read_figure(text: &str) -> Result<Decimal, DecimalFault> {
    // Most figures are short plain text ("86.10"), which the input parser's fast path reads
    // exactly as written; it leaves the rest (a sign, many digits) to the general reading below.
    if let Some(value) = parse_plain(text) {
        return Ok(value);
    }
    let body = text.trim();
    let digits = body.strip_prefix(['-', '+']).unwrap_or(body);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let plain = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if whole.len() + fraction.len() == 0 || !plain(whole) || !plain(fraction) {
        return Err(DecimalFault::FigureNotPlain);
    }
    let value = Decimal::from_str_exact(body).map_err(|_| DecimalFault::FigureDigits)?;
    if value.abs() >= MAX_FIGURE {
        return Err(DecimalFault::FigureTooLarge);
    }
    Ok(value)
}

/// A [`Dec`] read with [`read_figure`]; a JSON number is refused with a hint to quote it.
struct Figure(Dec);

impl<'de> Deserialize<'de> for Figure {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::decimal::deserialize_decimal(d, read_figure).map(|v| Figure(Dec(v)))
    }
}

pub(crate) fn figure<'de, D: Deserializer<'de>>(d: D) -> Result<Dec, D::Error> {
    Figure::deserialize(d).map(|f| f.0)
}

fn optional_figure<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Dec>, D::Error> {
    Option::<Figure>::deserialize(d).map(|f| f.map(|f| f.0))
}

impl Results {
    /// Records that a file's encoding was guessed (see [`crate::encoding::read_text`]), so the
    /// person can check its names and give the right one if they read wrong.
    pub fn note_encoding_guessed(
        &mut self,
        file: Option<&str>,
        encoding: TextEncoding,
        lang: Lang,
    ) {
        let warning = Warning::encoding_guessed(file, encoding, lang);
        self.warnings.push(warning);
    }

    /// Records what reading a table passed over ([`crate::Table::passed_over`]): the summary
    /// rows (`Tổng cộng`, `Trung bình`), each said with its row and label and the rest counted,
    /// so that the person sees what was not read as a unit, and the reasons of a sheet without
    /// its column of appraised scores; `file` names the table where several are scored together.
    pub fn note_passed_over(&mut self, passed: &crate::PassedOver, file: Option<&str>, lang: Lang) {
        self.warnings
            .extend(Warning::passed_over(passed, file, lang));
    }

    /// Records that table columns held floating-point numbers with more digits than a spreadsheet
    /// shows, read as stored, so nobody mistakes `0.30000000000000004` for the 0.3 Excel shows.
    pub fn note_float_columns(&mut self, columns: &[String], lang: Lang) {
        self.warnings.extend(Warning::float_columns(columns, lang));
    }

    /// Gives each unit whose sheet gives it a total ([`crate::Table::own_totals`]) other than
    /// its points a warning saying both, for units scored before the totals were known (several
    /// files read whole, then scored together); a table scored whole says it as it scores each
    /// unit.
    pub fn note_own_totals(&mut self, totals: &[crate::OwnTotal], lang: Lang) {
        let given: HashMap<&str, &crate::OwnTotal> =
            totals.iter().map(|t| (t.unit.as_str(), t)).collect();
        for unit in &mut self.units {
            let differs = (given.get(unit.unit.as_str()))
                .and_then(|given| own_total_differs(unit, given, lang));
            unit.warnings.extend(differs);
        }
    }

    /// Notes, first of the warnings, what was said of the sheet the results are of
    /// ([`crate::Table::sheet_warnings`]).
    pub fn note_sheet(&mut self, said: Vec<Warning>) {
        self.warnings.splice(0..0, said);
    }

    /// The results keeping `detail` of their inputs: with [`Detail::Scores`], every unit's
    /// inputs are let go (see [`Detail`]).
    pub fn with_detail(mut self, detail: Detail) -> Results {
        if detail == Detail::Scores {
            self.units
                .iter_mut()
                .for_each(|u| drop(u.nodes.forget_inputs()));
            self.detail = Detail::Scores;
        }
        self
    }

    pub fn to_json(&self) -> String {
        self.to_text(JsonLayout::Pretty)
    }

    /// [`Results::to_json`]'s bytes, written as they are made: a national run's document is
    /// hundreds of megabytes, and need not be held whole to be saved.
    pub fn write_json(&self, mut out: impl std::io::Write) -> std::io::Result<()> {
        self.write_json_with(&mut out, JsonLayout::Pretty, |out, units| {
            write_units(out, units, JsonLayout::Pretty, false)
        })
    }

    /// The document on one line: half the size of [`Results::to_json`]'s, and written in half
    /// the time. For programs; a person reads the indented one.
    pub fn to_compact_json(&self) -> String {
        self.to_text(JsonLayout::Compact)
    }

    /// [`Results::to_compact_json`]'s bytes, written as they are made.
    pub fn write_compact_json<W: std::io::Write>(&self, out: &mut W) -> std::io::Result<()> {
        self.write_compact_json_with(out, |out, units| write_compact_units(out, units))
    }

    /// [`Results::write_compact_json`], with the units written by `units`: each unit as
    /// [`write_compact_units`] writes it, in order, separated by commas.
    pub fn write_compact_json_with<W: std::io::Write>(
        &self,
        out: &mut W,
        units: impl FnOnce(&mut W, &[UnitResult]) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        self.write_json_with(out, JsonLayout::Compact, units)
    }

    /// The document laid out so, with its units written by `units`: each as [`write_units`]
    /// writes it in that layout, in order. The command line writes them on every core.
    pub fn write_json_with<W: std::io::Write>(
        &self,
        out: &mut W,
        layout: JsonLayout,
        units: impl FnOnce(&mut W, &[UnitResult]) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        let mut document = ObjectWriter::open(&mut *out, layout.of_document())?.with_units(units);
        self.fields(&mut document)?;
        document.close()?;
        out.write_all(b"\n")
    }

    /// Whether any unit's workings were written out as it was scored
    /// ([`crate::Scorer::writing_workings`]): the document is then written only by
    /// [`Results::write_json_with_workings`], which copies them back.
    pub fn wrote_workings_out(&self) -> bool {
        self.units.iter().any(|u| u.nodes.workings.is_some())
    }

    /// The document of results whose units' workings were written in `workings` as they were
    /// scored ([`crate::Scorer::writing_workings`]), laid out as the workings were: as
    /// [`Results::write_json_with`] writes it from the same results held whole.
    pub fn write_json_with_workings<W: std::io::Write>(
        &self,
        out: &mut W,
        workings: &WorkingsFile,
    ) -> std::io::Result<()> {
        self.write_json_with(out, workings.layout(), |out, units| {
            workings.write_units(out, units)
        })
    }

    fn to_text(&self, layout: JsonLayout) -> String {
        self.to_text_within(layout, usize::MAX).unwrap_or_default()
    }

    /// [`Results::to_json`], unless it is longer than `most` bytes: `None`, writing stopped once
    /// past them (by a unit's text at most; the few warnings about the input as a whole, written
    /// after the units, are measured at the end). For a binding whose strings are bounded (a
    /// JavaScript string holds 2^29 − 24 bytes at most), which would hold hundreds of megabytes
    /// to no end.
    pub fn to_json_within(&self, most: usize) -> Option<String> {
        self.to_text_within(JsonLayout::Pretty, most)
    }

    /// The document as text laid out so, unless longer than `most` bytes: its units are written
    /// one at a time and the text measured after each. Every text of a document is written
    /// here, into a `Vec` as other texts are: a writer of its own that measured as it went
    /// would add a second copy of all the document's writing code (9 KiB gzipped) to the
    /// WebAssembly module.
    fn to_text_within(&self, layout: JsonLayout, most: usize) -> Option<String> {
        let past_most = || std::io::Error::other("longer than asked");
        // Room for a unit's text past `most` (the national run's are 67 KB).
        let a_unit_past = most.min(16 * 1024 * 1024);
        let room = most.saturating_add(a_unit_past);
        let mut json = Vec::new();
        let written = self.write_json_with(&mut json, layout, |out, units| {
            for (i, unit) in units.iter().enumerate() {
                // Where the next doubling would grow past `most` (a JavaScript string's 536 MB
                // to 1 GiB), room up to it is taken instead, as the text nears the end of its
                // room: WebAssembly memory never shrinks.
                let nearly_full = out.capacity() - out.len() < a_unit_past;
                if nearly_full && out.capacity() >= most / 2 && out.capacity() < room {
                    out.reserve_exact(room - out.len());
                }
                write_units(out, std::slice::from_ref(unit), layout, i > 0)?;
                if out.len() > most {
                    return Err(past_most());
                }
            }
            Ok(())
        });
        let within = written.is_ok() && json.len() <= most;
        // Keys, decimals and serde_json's text: UTF-8.
        within.then(|| String::from_utf8(json).unwrap_or_default())
    }

    pub fn from_json(text: &str) -> Result<Results, crate::error::Problems> {
        let wanted = crate::text::DocumentKind::Results;
        let results: ResultsWire = crate::json::from_document_json(text, wanted)?;
        if results.schema != RESULTS_SCHEMA {
            return Err(ParError::new(
                ErrorCode::UnsupportedSchema,
                ReadingMsg::SchemaMustBe {
                    schema: RESULTS_SCHEMA.into(),
                },
            )
            .field("schema")
            .value(results.schema)
            .into());
        }
        results.into_results()
    }

    /// The name the results give block `block` (`Sở, ban, ngành` for `so`), if they name it.
    pub fn block_name(&self, block: &Option<String>) -> Option<&str> {
        let named = self.blocks.iter().find(|b| b.block == *block);
        named.and_then(|b| b.name.as_deref())
    }

    /// Block `block` as people read it: its name, else its id.
    pub fn block_shown<'b>(&'b self, block: &'b Option<String>) -> Option<&'b str> {
        self.block_name(block).or(block.as_deref())
    }

    /// A unit by name, however its accents and white space were typed (names are compared as
    /// units are named when scored), or in whatever capitals and wherever its tone marks sit
    /// (`sở y tế` for `Sở Y tế`: one unit's spellings, which scoring refuses two units to share),
    /// or without its marks (`so y te`, typed on a phone), if one unit alone is named so. The
    /// problem of a name no unit has lists the units it may mean.
    pub fn unit(&self, name: &str) -> Result<&UnitResult, ParError> {
        let asked = crate::names::NameAsked::new(name);
        let units = || self.units.iter();
        let unmarked_alike = || {
            let mut alike = units().filter(|u| asked.unmarks(&u.unit));
            alike.next().filter(|_| alike.next().is_none())
        };
        units()
            .find(|u| asked.names(&u.unit))
            .or_else(|| units().find(|u| asked.spells(&u.unit)))
            .or_else(unmarked_alike)
            .ok_or_else(|| {
                let (like, more_alike) = self.units_like(asked.unmarked());
                let message = ScoringMsg::UnknownUnit {
                    unit: name.to_string(),
                    like,
                    more_alike,
                };
                ParError::new(ErrorCode::UnknownUnit, message)
                    .unit(name)
                    .value(name)
            })
    }

    /// The names of the units (at most five) whose names without marks hold `unmarked`, a name
    /// no unit has (`y te` for `Sở Y tế`, `so` for every department), and whether more do. None
    /// for a name of one letter.
    fn units_like(&self, unmarked: &str) -> (Vec<String>, bool) {
        const SHOWN: usize = 5;
        if unmarked.trim().chars().count() < 2 {
            return (Vec::new(), false);
        }
        let mut like = (self.units.iter())
            .filter(|u| unmarked_key_of(u).contains(unmarked))
            .map(|u| u.unit.clone());
        let shown: Vec<String> = like.by_ref().take(SHOWN).collect();
        (shown, like.next().is_some())
    }

    /// The ranking, in the results' order (block, rank, name), one row per unit.
    pub fn rank_table(&self) -> Vec<RankRow> {
        self.units
            .iter()
            .map(|u| RankRow {
                block: u.block.clone(),
                rank: u.rank,
                unit: u.unit.clone(),
                points: u.points,
                max: u.max,
                index: u.index,
                band: u.band.clone(),
            })
            .collect()
    }

    /// The unit's criteria that lost points ([`UnitResult::lost_nodes`]), the most first.
    pub fn lost_points(&self, name: &str) -> Result<Vec<LostPoints>, ParError> {
        let unit = self.unit(name)?;
        let lost = unit.lost_nodes().into_iter().filter_map(|n| {
            let node = n.node()?;
            Some(LostPoints {
                code: node.code.clone(),
                name: node.name.clone(),
                points: n.points(),
                max: n.max(),
                lost: n.lost(),
                source: n.source(),
            })
        });
        Ok(lost.collect())
    }
}

/// The warning of a unit whose sheet gives it a total other than its points, if it does. They
/// are compared as the sheet shows its total, to two decimals at most: a sheet showing 86,8
/// for 86,75 points, or a sum giving 86,75000000000001, agrees.
pub(crate) fn own_total_differs(
    unit: &UnitResult,
    given: &crate::OwnTotal,
    lang: Lang,
) -> Option<Warning> {
    let shown = given.total.scale().min(2);
    let round = |d: Decimal| {
        d.round_dp_with_strategy(shown, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
    };
    if round(unit.points_exact.0) == round(given.total) {
        return None;
    }
    let message = WarningMsg::OwnTotalDiffers {
        row: given.row,
        total: given.typed.clone(),
        points: unit.points.0,
    };
    Some(Warning::new(message, None, lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_detail_is_asked_for_by_its_name_and_an_unknown_one_refused() {
        assert_eq!(Detail::resolve(None).ok(), Some(Detail::Full));
        assert_eq!(Detail::resolve(Some("full")).ok(), Some(Detail::Full));
        assert_eq!(Detail::resolve(Some(" scores ")).ok(), Some(Detail::Scores));
        let refused = Detail::resolve(Some("điểm")).expect_err("refused");
        assert_eq!(refused.code, ErrorCode::UnknownOption);
        assert_eq!(refused.field.as_deref(), Some("detail"));
        assert_eq!(refused.value.as_deref(), Some("điểm"));
    }

    /// The size behind the national run's memory figure (1.57 M nodes).
    #[test]
    fn a_kept_node_takes_28_bytes() {
        assert_eq!(std::mem::size_of::<KeptNode>(), 28);
    }
}
