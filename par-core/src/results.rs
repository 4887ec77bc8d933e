//! Results (`par.results/1`): per unit the total, index, rank, band, components, every node with its
//! provenance, and warnings; per block the statistics. Every amount is a decimal string at the
//! methodology's scale, with the exact value beside it where rounding could hide something.

use crate::assessment::{Appraisal, InputValue, SurveyInput};
use crate::decimal::Dec;
use crate::error::{ErrorCode, ParError};
use crate::methodology::{RankOn, RoundingPolicy, TreeEntry};
use indexmap::IndexMap;
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};
use std::sync::Arc;

pub const RESULTS_SCHEMA: &str = "par.results/1";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Results {
    pub schema: String,
    pub methodology: MethodologyRef,
    pub rounding: RoundingPolicy,
    pub ranked_on: RankOn,
    /// The criteria tree, in pre-order: names and maxima of the node codes used below.
    pub tree: Vec<TreeEntry>,
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
    #[serde(default, skip_serializing_if = "is_false")]
    pub survey_rescaled: bool,
    /// Totals per assessment component (appraisal, sipas, leaders, impact...).
    pub components: IndexMap<String, ComponentResult>,
    /// Every node scored, by code, in tree order.
    pub nodes: NodeMap,
    /// Bonus and penalty contents, by code.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub adjustments: IndexMap<String, NodeResult>,
    pub warnings: Vec<Warning>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl UnitResult {
    /// The unit's result as pretty JSON, as it stands inside the results document.
    pub fn to_json(&self) -> String {
        crate::json::to_pretty(self)
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

/// One node's result. The numbers sit inline; what a leaf's inputs were (self-score, rounds,
/// evidence...) is boxed, so the million nodes of a national run stay small in memory.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(from = "NodeWire")]
pub struct NodeResult {
    pub points: Dec,
    pub points_exact: Dec,
    pub max: Dec,
    /// points / max × 100; null when the max is zero.
    pub index: Option<Dec>,
    /// max − points (điểm bị trừ).
    pub lost: Dec,
    pub source: Source,
    /// Where the points came from, for leaves and adjustments.
    pub provenance: Option<Box<Provenance>>,
}

/// The inputs behind a leaf's points, kept whole in the results.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Provenance {
    /// The appraisal round that counts, when `source` is `appraisal`.
    pub round: Option<u32>,
    /// Whether an appraisal decided the points.
    pub appraised: Option<bool>,
    /// The self-assessed input as entered, and the points it was worth.
    pub self_score: Option<InputValue>,
    pub self_points: Option<Dec>,
    pub appraisals: Vec<Appraisal>,
    pub evidence: Vec<String>,
    pub explanation: Option<String>,
    pub survey: Option<SurveyInput>,
    /// How the rule turned the counted input into points (`choice 'Ban hành kịp thời'`).
    pub rule: Option<String>,
    /// For adjustments: the points before the cap, when the cap changed them.
    pub uncapped: Option<Dec>,
}

impl NodeResult {
    /// The node's provenance, empty for parents.
    pub fn provenance(&self) -> &Provenance {
        static NONE: Provenance = Provenance {
            round: None,
            appraised: None,
            self_score: None,
            self_points: None,
            appraisals: Vec::new(),
            evidence: Vec::new(),
            explanation: None,
            survey: None,
            rule: None,
            uncapped: None,
        };
        self.provenance.as_deref().unwrap_or(&NONE)
    }
}

/// The wire form of a node result: one flat object.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct NodeWire {
    points: Dec,
    points_exact: Dec,
    max: Dec,
    index: Option<Dec>,
    lost: Dec,
    source: Source,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    round: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    appraised: Option<bool>,
    #[serde(rename = "self", default, skip_serializing_if = "Option::is_none")]
    self_score: Option<InputValue>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    self_points: Option<Dec>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    appraisals: Vec<Appraisal>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    evidence: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    explanation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    survey: Option<SurveyInput>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    rule: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    uncapped: Option<Dec>,
}

impl From<NodeWire> for NodeResult {
    fn from(w: NodeWire) -> Self {
        let provenance = Provenance {
            round: w.round,
            appraised: w.appraised,
            self_score: w.self_score,
            self_points: w.self_points,
            appraisals: w.appraisals,
            evidence: w.evidence,
            explanation: w.explanation,
            survey: w.survey,
            rule: w.rule,
            uncapped: w.uncapped,
        };
        NodeResult {
            points: w.points,
            points_exact: w.points_exact,
            max: w.max,
            index: w.index,
            lost: w.lost,
            source: w.source,
            provenance: (provenance != Provenance::default()).then(|| Box::new(provenance)),
        }
    }
}

impl Serialize for NodeResult {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let p = self.provenance();
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("points", &self.points)?;
        map.serialize_entry("points_exact", &self.points_exact)?;
        map.serialize_entry("max", &self.max)?;
        map.serialize_entry("index", &self.index)?;
        map.serialize_entry("lost", &self.lost)?;
        map.serialize_entry("source", &self.source)?;
        if let Some(v) = &p.round {
            map.serialize_entry("round", v)?;
        }
        if let Some(v) = &p.appraised {
            map.serialize_entry("appraised", v)?;
        }
        if let Some(v) = &p.self_score {
            map.serialize_entry("self", v)?;
        }
        if let Some(v) = &p.self_points {
            map.serialize_entry("self_points", v)?;
        }
        if !p.appraisals.is_empty() {
            map.serialize_entry("appraisals", &p.appraisals)?;
        }
        if !p.evidence.is_empty() {
            map.serialize_entry("evidence", &p.evidence)?;
        }
        if let Some(v) = &p.explanation {
            map.serialize_entry("explanation", v)?;
        }
        if let Some(v) = &p.survey {
            map.serialize_entry("survey", v)?;
        }
        if let Some(v) = &p.rule {
            map.serialize_entry("rule", v)?;
        }
        if let Some(v) = &p.uncapped {
            map.serialize_entry("uncapped", v)?;
        }
        map.end()
    }
}

/// Node results in tree order, keyed by code on the wire (`{"1": {…}, "1.1": {…}}`). Codes are
/// shared with the methodology, so a national run does not copy a million strings.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NodeMap(pub Vec<(Arc<str>, NodeResult)>);

impl NodeMap {
    pub fn get(&self, code: &str) -> Option<&NodeResult> {
        self.0.iter().find(|(c, _)| &**c == code).map(|(_, n)| n)
    }
    pub fn iter(&self) -> impl Iterator<Item = (&str, &NodeResult)> {
        self.0.iter().map(|(c, n)| (&**c, n))
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for NodeMap {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(c, n)| (&**c, n)))
    }
}

impl<'de> Deserialize<'de> for NodeMap {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let map = IndexMap::<String, NodeResult>::deserialize(d)?;
        Ok(NodeMap(
            map.into_iter().map(|(c, n)| (Arc::from(c), n)).collect(),
        ))
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
        let results: Results = crate::json::from_json_str(text)?;
        if results.schema != RESULTS_SCHEMA {
            return Err(ParError::new(
                ErrorCode::UnsupportedSchema,
                format!("schema must be \"{RESULTS_SCHEMA}\""),
            )
            .field("schema")
            .value(results.schema)
            .into());
        }
        Ok(results)
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
        let mut lost: Vec<LostPoints> = self
            .tree
            .iter()
            .filter(|t| t.leaf)
            .filter_map(|t| {
                let n = unit.nodes.get(&t.code)?;
                (n.lost.0 > rust_decimal::Decimal::ZERO).then(|| LostPoints {
                    code: t.code.clone(),
                    name: t.name.clone(),
                    points: n.points,
                    max: n.max,
                    lost: n.lost,
                    source: n.source,
                })
            })
            .collect();
        lost.sort_by_key(|l| std::cmp::Reverse(l.lost));
        Ok(lost)
    }
}
