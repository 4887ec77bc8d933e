//! Results (`par.results/1`): per unit the total, index, rank, band, components, every node with its
//! provenance, and warnings; per block the statistics. Every amount is a decimal string at the
//! methodology's scale, with the exact value beside it where rounding could hide something.

use crate::assessment::{exact_list, Appraisal, Entries, Entry, InputValue, SurveyInput};
use crate::decimal::{normalized, percent, Dec};
use crate::error::{Collector, ErrorCode, ParError, Problems};
use crate::methodology::{RankOn, RoundingPolicy, TreeEntry};
use compact_str::CompactString;
use indexmap::IndexMap;
use rust_decimal::Decimal;
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};
use std::collections::HashMap;
use std::sync::Arc;

pub const RESULTS_SCHEMA: &str = "par.results/1";

/// A scored run. Read one back with [`Results::from_json`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Results {
    pub schema: String,
    pub methodology: MethodologyRef,
    pub rounding: RoundingPolicy,
    pub ranked_on: RankOn,
    /// The criteria tree, in pre-order: names and maxima of the node codes used below (shared
    /// with every unit's [`NodeMap`]).
    pub tree: Arc<[TreeEntry]>,
    /// Units by block, then rank, then name.
    pub units: Vec<UnitResult>,
    pub blocks: Vec<BlockStatistics>,
    /// Warnings about the input as a whole (per-unit warnings are on each unit).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
}

impl Serialize for UnitResult {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("unit", &self.unit)?;
        map.serialize_entry("block", &self.block)?;
        map.serialize_entry("points", &self.points)?;
        map.serialize_entry("points_exact", &self.points_exact)?;
        map.serialize_entry("max", &self.max)?;
        map.serialize_entry("index", &self.index)?;
        map.serialize_entry("index_exact", &self.index_exact)?;
        map.serialize_entry("rank", &self.rank)?;
        map.serialize_entry("band", &self.band)?;
        if self.survey_rescaled {
            map.serialize_entry("survey_rescaled", &true)?;
        }
        map.serialize_entry("components", &self.components)?;
        map.serialize_entry("nodes", &Listed(|| self.nodes.iter()))?;
        if self.nodes.adjustments().next().is_some() {
            map.serialize_entry("adjustments", &Listed(|| self.nodes.adjustments()))?;
        }
        map.serialize_entry("warnings", &self.warnings)?;
        map.end()
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComponentResult {
    pub points: Dec,
    pub points_exact: Dec,
    pub max: Dec,
    pub index: Option<Dec>,
}

/// Where a node's points came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// The unit's self-assessment, not (or not yet) appraised.
    #[serde(rename = "self")]
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
/// figures and the inputs behind them are read through [`NodeView`], so the million and a half
/// nodes of a national run take 48 bytes each and no allocation of their own.
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

/// A unit's node results in tree order, its adjustments, and the inputs it gave (kept whole: the
/// self-scores, appraisal rounds with their points, evidence and explanations that results show).
#[derive(Debug, Clone)]
pub struct NodeMap {
    tree: Arc<[TreeEntry]>,
    rounding: RoundingPolicy,
    inputs: Entries,
    /// (position in the tree, result).
    nodes: Vec<(u32, NodeResult)>,
    adjustments: Vec<AdjustmentResult>,
}

impl NodeMap {
    pub(crate) fn new(
        tree: Arc<[TreeEntry]>,
        rounding: RoundingPolicy,
        inputs: Entries,
        nodes: Vec<(u32, NodeResult)>,
        adjustments: Vec<AdjustmentResult>,
    ) -> Self {
        NodeMap {
            tree,
            rounding,
            inputs,
            nodes,
            adjustments,
        }
    }

    /// The node with this code, if the unit scored it (nodes under a node given by value are not).
    pub fn get(&self, code: &str) -> Option<NodeView<'_>> {
        self.iter().find(|v| v.code() == code)
    }
    /// Every scored node, in tree order.
    pub fn iter(&self) -> impl Iterator<Item = NodeView<'_>> {
        self.nodes.iter().filter_map(|(at, result)| {
            let node = self.tree.get(*at as usize)?;
            Some(self.view(&node.code, Some(node), result, None))
        })
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
            Some(self.view(code, None, &a.result, Some(a.uncapped)))
        })
    }
    /// The unit's inputs by node code, as given, with the points scoring found for each
    /// self-score and appraisal round.
    pub fn inputs(&self) -> &Entries {
        &self.inputs
    }

    fn view<'a>(
        &'a self,
        code: &'a str,
        node: Option<&'a TreeEntry>,
        result: &'a NodeResult,
        adjustment: Option<Option<Decimal>>,
    ) -> NodeView<'a> {
        NodeView {
            code,
            node,
            result,
            input: result
                .input
                .and_then(|i| self.inputs.get_index(i as usize))
                .map(|(_, e)| e),
            rounding: self.rounding,
            adjustment,
        }
    }

    /// Rebuilds a unit's nodes from their wire form: exact points, the max as printed, and the
    /// inputs each node shows. A node code missing from the tree is a problem of `unit`.
    fn from_wire(
        tree: &Arc<[TreeEntry]>,
        at: &HashMap<&str, u32>,
        rounding: RoundingPolicy,
        unit: &str,
        nodes: IndexMap<CompactString, NodeWire>,
        adjustments: IndexMap<CompactString, NodeWire>,
        problems: &mut Collector,
    ) -> NodeMap {
        let mut inputs = Entries::with_capacity(nodes.len() + adjustments.len());
        let mut keep = |code: CompactString, entry: Option<Entry>| {
            entry.map(|e| {
                let (i, _) = inputs.insert_full(code, e);
                i as u32
            })
        };
        let mut scored = Vec::with_capacity(nodes.len());
        for (code, wire) in nodes {
            let Some(&position) = at.get(code.as_str()) else {
                problems.push(
                    ParError::new(
                        ErrorCode::UnknownNode,
                        format!("node '{code}' is not in the results' tree"),
                    )
                    .unit(unit)
                    .node(code.as_str())
                    .field("nodes")
                    .value(code.as_str()),
                );
                continue;
            };
            let (mut result, entry, _) = wire.split();
            result.input = keep(code, entry);
            scored.push((position, result));
        }
        let mut adjusted = Vec::with_capacity(adjustments.len());
        for (code, wire) in adjustments {
            let (mut result, entry, uncapped) = wire.split();
            result.input = keep(code, Some(entry.unwrap_or_default()));
            adjusted.push(AdjustmentResult { result, uncapped });
        }
        inputs.shrink_to_fit();
        NodeMap::new(tree.clone(), rounding, inputs, scored, adjusted)
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
    result: &'a NodeResult,
    input: Option<&'a Entry>,
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
    /// points / max × 100; `None` when the max is zero, and for adjustments.
    pub fn index(&self) -> Option<Dec> {
        if self.is_adjustment() {
            return None;
        }
        percent(self.result.points, self.result.max).map(|p| self.rounded(p))
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
    /// The appraisal round that counts, when `source` is `appraisal`.
    pub fn round(&self) -> Option<u32> {
        match self.result.source {
            Source::Appraisal => self.appraisals().last().map(|a| a.round),
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
        self.input?.self_points
    }
    /// Appraisal rounds, each with the points its value was worth at the output scale.
    pub fn appraisals(&self) -> &'a [Appraisal] {
        self.input.map_or(&[], |e| e.appraisals.as_slice())
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
    pub fn rule(&self) -> Option<&'a str> {
        self.input?.rule.as_deref()
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
            && self.max() == o.max()
            && self.source() == o.source()
            && self.self_score() == o.self_score()
            && self.self_points() == o.self_points()
            && self.appraisals() == o.appraisals()
            && self.evidence() == o.evidence()
            && self.explanation() == o.explanation()
            && self.survey() == o.survey()
            && self.rule() == o.rule()
            && self.uncapped() == o.uncapped()
    }
}

/// The wire form: one flat object per node, provenance fields only when present.
impl Serialize for NodeView<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("points", &self.points())?;
        map.serialize_entry("points_exact", &self.points_exact())?;
        map.serialize_entry("max", &self.max())?;
        map.serialize_entry("index", &self.index())?;
        map.serialize_entry("lost", &self.lost())?;
        map.serialize_entry("source", &self.source())?;
        if let Some(v) = self.round() {
            map.serialize_entry("round", &v)?;
        }
        if let Some(v) = self.appraised() {
            map.serialize_entry("appraised", &v)?;
        }
        if let Some(v) = self.self_score() {
            map.serialize_entry("self", v)?;
        }
        if let Some(v) = self.self_points() {
            map.serialize_entry("self_points", &v)?;
        }
        if !self.appraisals().is_empty() {
            map.serialize_entry("appraisals", self.appraisals())?;
        }
        if !self.evidence().is_empty() {
            map.serialize_entry("evidence", self.evidence())?;
        }
        if let Some(v) = self.explanation() {
            map.serialize_entry("explanation", v)?;
        }
        if let Some(v) = self.survey() {
            map.serialize_entry("survey", &v)?;
        }
        if let Some(v) = self.rule() {
            map.serialize_entry("rule", v)?;
        }
        if let Some(v) = self.uncapped() {
            map.serialize_entry("uncapped", &v)?;
        }
        map.end()
    }
}

/// A node result as read from a results document.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NodeWire {
    // Rounded figures, the round and `appraised` are derived again from the exact points, the
    // max and the inputs: they are read (and so checked), not kept.
    #[serde(rename = "points")]
    _points: Dec,
    points_exact: Dec,
    max: Dec,
    #[serde(rename = "index")]
    _index: Option<Dec>,
    #[serde(rename = "lost")]
    _lost: Dec,
    source: Source,
    #[serde(rename = "round", default)]
    _round: Option<u32>,
    #[serde(rename = "appraised", default)]
    _appraised: Option<bool>,
    #[serde(rename = "self", default)]
    self_score: Option<InputValue>,
    #[serde(default)]
    self_points: Option<Dec>,
    #[serde(default, deserialize_with = "exact_list")]
    appraisals: Vec<Appraisal>,
    #[serde(default, deserialize_with = "exact_list")]
    evidence: Vec<CompactString>,
    #[serde(default)]
    explanation: Option<String>,
    #[serde(default)]
    survey: Option<SurveyInput>,
    #[serde(default)]
    rule: Option<String>,
    #[serde(default)]
    uncapped: Option<Dec>,
}

impl NodeWire {
    /// The result (its input still to be placed), the entry it shows, and the uncapped points.
    fn split(self) -> (NodeResult, Option<Entry>, Option<Decimal>) {
        let entry = Entry {
            self_score: self.self_score,
            evidence: self.evidence,
            explanation: self.explanation,
            appraisals: self.appraisals,
            survey: self.survey,
            value: None,
            self_points: self.self_points,
            rule: self.rule,
        };
        let result = NodeResult {
            input: None,
            points: self.points_exact.0,
            max: self.max.0,
            source: self.source,
        };
        let shown = entry != Entry::default();
        (result, shown.then_some(entry), self.uncapped.map(|u| u.0))
    }
}
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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
    /// number cell) were read through their shortest round-trip text.
    FloatConverted,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Warning {
    pub code: WarningCode,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlockStatistics {
    pub block: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub count: usize,
    pub mean: Dec,
    pub median: Dec,
    pub min: Dec,
    pub max: Dec,
    /// Units whose ranked index is strictly above the exact mean.
    pub above_mean: usize,
    /// Units per band label, from the highest band down.
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

/// A leaf's lost points, for "where did this unit lose points" lists.
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
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ResultsWire {
    schema: String,
    methodology: MethodologyRef,
    rounding: RoundingPolicy,
    ranked_on: RankOn,
    tree: Arc<[TreeEntry]>,
    units: Vec<UnitWire>,
    blocks: Vec<BlockStatistics>,
    #[serde(default)]
    warnings: Vec<Warning>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitWire {
    unit: String,
    block: Option<String>,
    points: Dec,
    points_exact: Dec,
    max: Dec,
    index: Dec,
    index_exact: Dec,
    rank: u32,
    band: Option<String>,
    #[serde(default)]
    survey_rescaled: bool,
    components: IndexMap<String, ComponentResult>,
    nodes: IndexMap<CompactString, NodeWire>,
    #[serde(default)]
    adjustments: IndexMap<CompactString, NodeWire>,
    warnings: Vec<Warning>,
}

impl ResultsWire {
    /// Places every unit's nodes on the tree, reporting every code the tree lacks.
    fn into_results(self) -> Result<Results, Problems> {
        let at: HashMap<&str, u32> = self
            .tree
            .iter()
            .enumerate()
            .map(|(i, t)| (t.code.as_str(), i as u32))
            .collect();
        let mut problems = Collector::default();
        let units = self
            .units
            .into_iter()
            .map(|u| {
                let nodes = NodeMap::from_wire(
                    &self.tree,
                    &at,
                    self.rounding,
                    &u.unit,
                    u.nodes,
                    u.adjustments,
                    &mut problems,
                );
                UnitResult {
                    unit: u.unit,
                    block: u.block,
                    points: u.points,
                    points_exact: u.points_exact,
                    max: u.max,
                    index: u.index,
                    index_exact: u.index_exact,
                    rank: u.rank,
                    band: u.band,
                    survey_rescaled: u.survey_rescaled,
                    components: u.components,
                    nodes,
                    warnings: u.warnings,
                }
            })
            .collect();
        problems.finish(())?;
        Ok(Results {
            schema: self.schema,
            methodology: self.methodology,
            rounding: self.rounding,
            ranked_on: self.ranked_on,
            tree: self.tree,
            units,
            blocks: self.blocks,
            warnings: self.warnings,
        })
    }
}

impl Results {
    /// Records that table columns arrived as floating-point numbers and were read through their
    /// shortest round-trip text, so nobody mistakes the conversion for exact input.
    pub fn note_float_columns(&mut self, columns: &[String]) {
        if columns.is_empty() {
            return;
        }
        self.warnings.push(Warning {
            code: WarningCode::FloatConverted,
            message: format!(
                "columns {} held floating-point numbers; each was read through its shortest round-trip text (0.1 as \"0.1\"); give text or decimals for exact input",
                columns.join(", ")
            ),
            node: None,
        });
    }

    pub fn to_json(&self) -> String {
        crate::json::to_pretty(self)
    }

    pub fn from_json(text: &str) -> Result<Results, crate::error::Problems> {
        let results: ResultsWire = crate::json::from_json_str(text)?;
        if results.schema != RESULTS_SCHEMA {
            return Err(ParError::new(
                ErrorCode::UnsupportedSchema,
                format!("schema must be \"{RESULTS_SCHEMA}\""),
            )
            .field("schema")
            .value(results.schema)
            .into());
        }
        results.into_results()
    }

    pub fn unit(&self, name: &str) -> Result<&UnitResult, ParError> {
        self.units.iter().find(|u| u.unit == name).ok_or_else(|| {
            ParError::new(
                ErrorCode::UnknownUnit,
                format!("no unit named '{name}' in the results"),
            )
            .unit(name)
            .value(name)
        })
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

    /// The unit's leaves that lost points, the most first (ties in tree order).
    pub fn lost_points(&self, name: &str) -> Result<Vec<LostPoints>, ParError> {
        let unit = self.unit(name)?;
        let mut lost: Vec<LostPoints> = unit
            .nodes
            .iter()
            .filter_map(|n| {
                let node = n.node().filter(|t| t.leaf)?;
                let lost = n.lost();
                (lost.0 > Decimal::ZERO).then(|| LostPoints {
                    code: node.code.clone(),
                    name: node.name.clone(),
                    points: n.points(),
                    max: n.max(),
                    lost,
                    source: n.source(),
                })
            })
            .collect();
        lost.sort_by_key(|l| std::cmp::Reverse(l.lost));
        Ok(lost)
    }
}
