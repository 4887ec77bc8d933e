//! Methodologies: the criteria tree (fields → criteria → sub-criteria, any depth), leaf rules,
//! assessment components, blocks, bands, bonus/penalty adjustments and the policies that settle
//! what the public record leaves open.
//!
//! [`MethodologyDef`] is the wire form (`par.methodology/1`), kept verbatim for export.
//! [`Methodology`] is the validated, compiled form the engine scores with; the only way to get one
//! is through validation, so the scorer can rely on every invariant checked here.

use crate::decimal::{Dec, RoundingMode};
use crate::encoding::nfc_owned;
use crate::error::{Collector, ErrorCode, ParError, Problems};
use crate::json::{from_document_json_in_parts, from_json_str};
use crate::limits;
use crate::names::spelling_key;
use crate::text::{Criterion, DefiningMsg, ReadingMsg};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
// Node codes are looked up once per input entry: a fast hash matters for national runs.
use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

pub const METHODOLOGY_SCHEMA: &str = "par.methodology/1";

// ---------------------------------------------------------------------------------------------
// Wire form
// ---------------------------------------------------------------------------------------------

/// A methodology as written in a `par.methodology/1` JSON file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MethodologyDef {
    #[schemars(extend("const" = "par.methodology/1"))]
    pub schema: String,
    /// Stable identifier, e.g. `bnv-2948-2017-province`.
    pub id: String,
    pub name: String,
    /// The decision that enacted it, e.g. `2948/QĐ-BNV`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<String>,
    /// Date of the decision, ISO 8601.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Who is assessed: `province`, `ministry`, `department`, `district`, `commune`...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// How deep the published tree goes, so a user knows what it can score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completeness: Option<Completeness>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Component of leaves that neither they nor an ancestor tag (default `appraisal`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_component: Option<String>,
    #[serde(default)]
    pub policies: Policies,
    /// Classification bands used by every block that does not declare its own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bands: Vec<Band>,
    /// Groups of comparable units, ranked separately (sở, huyện, xã). None: one group.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<Block>,
    pub nodes: Vec<NodeDef>,
    /// Bonus/penalty contents, outside the tree's max, each capped.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adjustments: Vec<AdjustmentDef>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Completeness {
    /// Every leaf with its rule: scores from self-assessments.
    Leaves,
    /// Down to criteria: scores from criterion points.
    Criteria,
    /// Field maxima only: scores from field points.
    Fields,
    /// Assessment components only (appraisal, surveys): scores from component points.
    Components,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NodeDef {
    /// Dotted code: a child's code is its parent's code, a dot and one more part (`1`, `1.1`, `1.1.2`).
    pub code: String,
    pub name: String,
    pub max: Dec,
    /// Assessment component (`appraisal`, `sipas`, `leaders`, `impact`...); inherited when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub component: Option<String>,
    /// Scored only from survey input (never self-assessed); inherited by descendants.
    #[serde(default, skip_serializing_if = "is_false")]
    pub survey: bool,
    /// How a leaf's input becomes points; `points` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<Rule>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<NodeDef>,
}

fn is_false(b: &bool) -> bool {
    !*b
}
fn yes() -> bool {
    true
}
fn is_true(b: &bool) -> bool {
    *b
}

/// A leaf's scoring rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Rule {
    /// The input is the points, 0 ≤ points ≤ max.
    Points,
    /// The input names one option; the option gives the points.
    Choice { options: Vec<ChoiceOption> },
    /// The input is yes or no; `yes` defaults to the max, `no` to 0.
    YesNo {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        yes: Option<Dec>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        no: Option<Dec>,
    },
    /// The input is a measured number; the band containing it gives the points.
    Bands {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        measure: Option<String>,
        bands: Vec<RuleBand>,
    },
    /// The input is a measured number; points = max × value / target, capped at max.
    Ratio { target: Dec },
}

impl Rule {
    /// The most points the rule can give, when it lists them (a choice, yes/no with its points,
    /// bands); `None` where any points up to the max can be given (points, ratio, yes/no by
    /// default).
    pub fn best_points(&self) -> Option<Decimal> {
        match self {
            Rule::Choice { options } => options.iter().map(|o| o.points.0).max(),
            Rule::YesNo { yes, .. } => yes.map(|y| y.0),
            Rule::Bands { bands, .. } => bands.iter().map(|b| b.points.0).max(),
            Rule::Points | Rule::Ratio { .. } => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChoiceOption {
    // Shared with the note of each entry scored by it (`RuleNote`): a methodology may label an
    // option in a long sentence, and a national run scores a million entries.
    pub label: Arc<str>,
    pub points: Dec,
}

/// One band of a `bands` rule: an interval of the measure with explicit bound inclusion.
/// A missing `min` is unbounded below, a missing `max` unbounded above.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleBand {
    // Shared with the note of each entry scored in the band (as a choice's label is).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Arc<str>>,
    pub points: Dec,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<Dec>,
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub min_inclusive: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<Dec>,
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub max_inclusive: bool,
}

/// A classification band (xếp loại): units whose index is at or above `min` (or strictly above,
/// when not `inclusive`) and below the next higher band get this label.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub label: String,
    pub min: Dec,
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub inclusive: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Block {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Bands of this block; the methodology's bands when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bands: Option<Vec<Band>>,
}

/// Bonus (điểm thưởng) or penalty (điểm trừ) content: points in [min, max] added to the total.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AdjustmentDef {
    pub code: String,
    pub name: String,
    /// Lower cap, ≤ 0 (the largest penalty).
    pub min: Dec,
    /// Upper cap, ≥ 0 (the largest bonus).
    pub max: Dec,
}

/// The choices the public record leaves open. Each default is the behaviour observed in
/// published results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Policies {
    pub rounding: RoundingPolicy,
    pub ranking: RankingPolicy,
    pub missing_leaf: MissingLeaf,
    pub unappraised_self: UnappraisedSelf,
    /// A self-score above zero with no evidence counts as zero.
    pub evidence_required: bool,
    /// An appraisal that changes a score must give a reason.
    pub reason_required: bool,
    /// What happens to a unit with no survey input at all.
    pub no_survey: NoSurvey,
}

impl Default for Policies {
    fn default() -> Self {
        Policies {
            rounding: RoundingPolicy::default(),
            ranking: RankingPolicy::default(),
            missing_leaf: MissingLeaf::Zero,
            unappraised_self: UnappraisedSelf::Accept,
            evidence_required: false,
            reason_required: true,
            no_survey: NoSurvey::Missing,
        }
    }
}

/// Rounding happens once, at output, from exact values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct RoundingPolicy {
    pub places: u32,
    pub mode: RoundingMode,
}

impl RoundingPolicy {
    /// The most places a methodology rounds to: a results document's figures are written, and
    /// a report's cells formatted, at this many places at most.
    const MOST_PLACES: u32 = 10;

    /// The problem with the policy's places, if there are more than a methodology may round to,
    /// named as `field`.
    pub(crate) fn places_problem(&self, field: &str) -> Option<ParError> {
        (self.places > Self::MOST_PLACES).then(|| {
            ParError::new(ErrorCode::OutOfRange, DefiningMsg::RoundingPlaces)
                .field(field)
                .value(self.places.to_string())
        })
    }

    /// Rounds a value to the output scale under this policy ("86.1" → "86.10").
    pub fn round(&self, value: Decimal) -> Dec {
        Dec(crate::decimal::round(value, self.places, self.mode))
    }

    /// points / max × 100 rounded under this policy (an index); `None` when the max is zero.
    pub fn percent(&self, points: Decimal, max: Decimal) -> Option<Dec> {
        crate::decimal::rounded_percent(points, max, self.places, self.mode).map(Dec)
    }
}

impl Default for RoundingPolicy {
    fn default() -> Self {
        RoundingPolicy {
            places: 2,
            mode: RoundingMode::HalfUp,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Default)]
#[serde(default, deny_unknown_fields)]
pub struct RankingPolicy {
    /// Rank on the rounded (printed) index, or on the exact one.
    pub on: RankOn,
    /// Compared in order, higher first, before units are declared tied.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tie_breakers: Vec<TieBreaker>,
    /// How units still tied share ranks.
    pub ties: TieMode,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Default)]
#[serde(rename_all = "snake_case")]
pub enum RankOn {
    #[default]
    Rounded,
    Exact,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Default)]
#[serde(rename_all = "snake_case")]
pub enum TieMode {
    /// 1, 2, 2, 4 (competition ranking).
    #[default]
    Shared,
    /// 1, 2, 2, 3.
    Dense,
}

/// A value compared (higher first) between tied units: a component's or a node's exact points.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum TieBreaker {
    Component(String),
    Node(String),
}

impl TieBreaker {
    /// The component or node code it names.
    pub fn name(&self) -> &str {
        match self {
            TieBreaker::Component(c) | TieBreaker::Node(c) => c,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Default)]
#[serde(rename_all = "snake_case")]
pub enum MissingLeaf {
    /// Scores zero, with a warning.
    #[default]
    Zero,
    Error,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Default)]
#[serde(rename_all = "snake_case")]
pub enum UnappraisedSelf {
    /// The self-score counts, recorded as not appraised.
    #[default]
    Accept,
    /// The self-score is kept for reporting but counts zero.
    Zero,
    Error,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Default)]
#[serde(rename_all = "snake_case")]
pub enum NoSurvey {
    /// Survey leaves without input are missing leaves (the survey is compulsory).
    #[default]
    Missing,
    /// The survey is optional: without any survey input the index is
    /// non-survey points / non-survey max × 100.
    Rescale,
}

// ---------------------------------------------------------------------------------------------
// Compiled form
// ---------------------------------------------------------------------------------------------

/// A validated methodology, ready to score.
#[derive(Debug, Clone)]
pub struct Methodology {
    def: MethodologyDef,
    pub(crate) nodes: Vec<Node>,
    pub(crate) by_code: HashMap<String, usize>,
    pub(crate) roots: Vec<usize>,
    pub(crate) adjustments: Vec<Adjustment>,
    pub(crate) adjustment_by_code: HashMap<String, usize>,
    /// Distinct component tags, in tree order.
    pub(crate) components: Vec<String>,
    pub(crate) max: Decimal,
    pub(crate) blocks: Vec<CompiledBlock>,
    /// Blocks by id and by the key of their name ([`block_key`]): units name their block
    /// either way, and a methodology may declare up to [`limits::BLOCKS`].
    block_index: HashMap<String, usize>,
    /// Nodes assessed by survey, and whether any of them is a leaf (the `rescale` policy's
    /// question for every unit).
    pub(crate) survey_nodes: Vec<usize>,
    pub(crate) has_survey_leaves: bool,
    /// The tree as results carry it, built once: every scoring call shares it.
    pub(crate) results_tree: Arc<[TreeEntry]>,
}

/// One node of the tree, stored in pre-order so that a node's descendants are `index+1..end`.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub code: String,
    pub name: String,
    pub max: Decimal,
    pub children: Vec<usize>,
    /// One past the last descendant, in pre-order.
    pub end: usize,
    pub depth: usize,
    /// Component index of a leaf; for a parent, the one component all its leaves share, if any.
    pub component: Option<usize>,
    pub survey: bool,
    pub rule: Rule,
    /// A choice rule's options by the key of their labels ([`option_keys`]).
    pub options: OptionKeys,
}

/// A choice rule's options by the key of their labels ([`label_key`]), the first of those alike:
/// a label given is found by its key at once, where comparing it with every option's (a thousand
/// options named in a kilobyte each, on every unit's entry) took minutes.
pub(crate) type OptionKeys = HashMap<String, usize>;

/// The keys of a rule's options; none for a rule that has none.
pub(crate) fn option_keys(rule: &Rule) -> OptionKeys {
    let mut keys = OptionKeys::default();
    if let Rule::Choice { options } = rule {
        for (i, option) in options.iter().enumerate() {
            keys.entry(label_key(&option.label)).or_insert(i);
        }
    }
    keys
}

impl Node {
    /// Its rule, when it is a leaf (a parent's points are its children's).
    pub(crate) fn leaf_rule(&self) -> Option<&Rule> {
        self.is_leaf().then_some(&self.rule)
    }
    pub fn is_leaf(&self) -> bool {
        self.children.is_empty()
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Adjustment {
    pub code: String,
    pub min: Decimal,
    pub max: Decimal,
}

#[derive(Debug, Clone)]
pub(crate) struct CompiledBlock {
    pub id: String,
    pub name: Option<String>,
    pub bands: Vec<Band>,
}

/// A node of the tree as results and listings show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TreeEntry {
    pub code: String,
    pub name: String,
    /// The node's max, rounded as the results' figures are.
    // Read back as the results' other figures are: rounded, a max just below 10^12 (the most a
    // methodology's may be) is 10^12, more than an input decimal may be.
    #[serde(deserialize_with = "crate::results::figure")]
    pub max: Dec,
    pub depth: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub component: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub survey: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub leaf: bool,
}

/// The tree as results and listings show it: each node's code, name, max at the output scale,
/// parent and component.
fn results_tree(
    nodes: &[Node],
    components: &[String],
    rounding: RoundingPolicy,
) -> Arc<[TreeEntry]> {
    let mut parents = vec![None; nodes.len()];
    for (i, n) in nodes.iter().enumerate() {
        for &c in &n.children {
            parents[c] = Some(i);
        }
    }
    nodes
        .iter()
        .zip(parents)
        .map(|(n, parent)| TreeEntry {
            code: n.code.clone(),
            name: n.name.clone(),
            max: rounding.round(n.max),
            depth: n.depth,
            parent: parent.map(|p: usize| nodes[p].code.clone()),
            component: n.component.map(|c| components[c].clone()),
            survey: n.survey,
            leaf: n.is_leaf(),
        })
        .collect()
}

impl Methodology {
    /// Reads and validates a `par.methodology/1` JSON text.
    pub fn from_json(text: &str) -> Result<Methodology, Problems> {
        let wanted = crate::text::DocumentKind::Methodology;
        let def: MethodologyDef = from_document_json_in_parts(text, wanted, every_shape_problem)?;
        Methodology::from_def(def)
    }

    /// Validates a methodology, reporting every problem found. Its names, codes and labels are
    /// put in NFC first, so that inputs typed on any keyboard match them.
    pub fn from_def(mut def: MethodologyDef) -> Result<Methodology, Problems> {
        normalize_texts(&mut def);
        Compiler::default().compile(def)
    }

    pub fn def(&self) -> &MethodologyDef {
        &self.def
    }
    pub fn id(&self) -> &str {
        &self.def.id
    }
    pub fn name(&self) -> &str {
        &self.def.name
    }
    /// How many units one scoring may take: [`crate::limits::UNITS`], fewer for a tree so large
    /// that their node results would pass [`crate::limits::NODE_RESULTS`].
    pub fn most_units(&self) -> usize {
        let per_node = crate::limits::NODE_RESULTS.max / self.nodes.len().max(1);
        crate::limits::UNITS.max.min(per_node)
    }
    pub fn policies(&self) -> &Policies {
        &self.def.policies
    }
    /// The tree's max (the sum of the top-level nodes).
    pub fn max(&self) -> Decimal {
        self.max
    }
    pub fn components(&self) -> &[String] {
        &self.components
    }

    /// The methodology as pretty JSON (`par.methodology/1`).
    pub fn to_json(&self) -> String {
        crate::json::to_pretty(&self.def)
    }

    /// The tree in pre-order, for listings and renderings.
    pub fn tree(&self) -> Vec<TreeEntry> {
        self.results_tree.to_vec()
    }

    /// The codes of the top-level nodes (the fields), in order.
    pub fn field_codes(&self) -> Vec<&str> {
        self.roots
            .iter()
            .map(|&i| self.nodes[i].code.as_str())
            .collect()
    }

    /// The rule of a leaf, by code (`None` for unknown codes and parents).
    pub fn leaf_rule(&self, code: &str) -> Option<&Rule> {
        self.node(code)?.leaf_rule()
    }

    /// The node with this code, as the methodology writes it (`None` for adjustments).
    pub(crate) fn node(&self, code: &str) -> Option<&Node> {
        self.nodes.get(*self.by_code.get(code)?)
    }

    /// Whether a node or an adjustment has `code`.
    pub(crate) fn has_code(&self, code: &str) -> bool {
        self.by_code.contains_key(code) || self.adjustment_by_code.contains_key(code)
    }

    /// The code of a node or adjustment as a table's cell or heading types it: as it is, or
    /// with the dot Word's and Excel's numbered lists end a number with (`1.3.` for `1.3`), or
    /// with characters that show nothing (a zero-width space or a soft hyphen a copy from a web
    /// page left: the cell shows `1.3`). `None` when the methodology has none of them.
    pub(crate) fn code_as_typed<'c>(&self, typed: &'c str) -> Option<Cow<'c, str>> {
        if let Some(code) = self.code_or_numbered(typed) {
            return Some(Cow::Borrowed(code));
        }
        let shown = crate::names::without_what_takes_no_room(typed)?;
        let code = self.code_or_numbered(shown.trim())?;
        Some(Cow::Owned(code.to_string()))
    }

    /// `typed`, or `typed` without the dot ending a numbered list's number, whichever is a code.
    fn code_or_numbered<'c>(&self, typed: &'c str) -> Option<&'c str> {
        if self.has_code(typed) {
            return Some(typed);
        }
        typed.strip_suffix('.').filter(|code| self.has_code(code))
    }

    /// A node (or adjustment) as texts name it: its code and, for a node, its name.
    pub(crate) fn criterion(&self, code: &str) -> Criterion {
        let name = self.node(code).map_or("", |n| n.name.as_str());
        Criterion::new(code, name)
    }

    pub(crate) fn block(&self, id: &str) -> Option<&CompiledBlock> {
        self.block_index
            .get(id)
            .map(|&i| &self.blocks[i])
            .filter(|b| b.id == id)
    }

    /// The block a unit names, by its id or its name (case and surrounding space ignored), the
    /// name perhaps after the word sheets head a block with (`Khối sở, ban, ngành`, `KHỐI UBND
    /// CẤP HUYỆN`).
    pub(crate) fn find_block(&self, given: &str) -> Option<&CompiledBlock> {
        let by_id = self.block_index.get(given.trim());
        by_id
            .or_else(|| self.block_index.get(&block_key(given)))
            .map(|&i| &self.blocks[i])
    }

    /// The bands that apply to a block (the methodology's default bands for undeclared ones).
    pub(crate) fn bands_for(&self, block: Option<&str>) -> &[Band] {
        block
            .and_then(|b| self.block(b))
            .map(|b| b.bands.as_slice())
            .unwrap_or(&self.def.bands)
    }
}

#[derive(Default)]
struct Compiler {
    problems: Collector,
    nodes: Vec<Node>,
    by_code: HashMap<String, usize>,
    components: Vec<String>,
    /// Position of each component in `components`: a tree may tag every leaf differently.
    component_index: HashMap<String, usize>,
    too_many_reported: bool,
}

impl Compiler {
    fn compile(mut self, def: MethodologyDef) -> Result<Methodology, Problems> {
        // Codes and names are repeated in messages and in every unit's results: an oversized
        // one is refused before anything else quotes it.
        let oversized = oversized_texts(&def);
        if !oversized.is_empty() {
            return Err(oversized.into());
        }
        if def.schema != METHODOLOGY_SCHEMA {
            self.problems.push(
                ParError::new(
                    ErrorCode::UnsupportedSchema,
                    ReadingMsg::SchemaMustBe {
                        schema: METHODOLOGY_SCHEMA.into(),
                    },
                )
                .field("schema")
                .value(&def.schema),
            );
        }
        if def.id.trim().is_empty() {
            self.problems
                .push(ParError::new(ErrorCode::MissingField, DefiningMsg::EmptyId).field("id"));
        }
        let rounding = def.policies.rounding;
        if let Some(problem) = rounding.places_problem("policies.rounding.places") {
            self.problems.push(problem);
        }
        if def.nodes.is_empty() {
            self.problems
                .push(ParError::new(ErrorCode::MissingField, DefiningMsg::NoNodes).field("nodes"));
        }
        let default_component = def
            .default_component
            .clone()
            .unwrap_or_else(|| "appraisal".to_string());
        let mut roots = Vec::new();
        let mut max = Decimal::ZERO;
        for n in &def.nodes {
            if let Some(i) = self.add(n, None, 1, &default_component, false) {
                roots.push(i);
                max += self.nodes[i].max;
            }
        }
        if !def.nodes.is_empty() && max <= Decimal::ZERO && self.problems.is_empty() {
            self.problems.push(
                ParError::new(ErrorCode::OutOfRange, DefiningMsg::ZeroTotalMax).field("nodes"),
            );
        }

        let mut adjustments = Vec::new();
        let mut adjustment_by_code = HashMap::default();
        self.count_adjustments(def.adjustments.len());
        for (i, a) in def.adjustments.iter().enumerate() {
            let field = format!("adjustments[{i}]");
            if self.by_code.contains_key(&a.code) || adjustment_by_code.contains_key(&a.code) {
                self.problems.push(
                    ParError::new(
                        ErrorCode::DuplicateCode,
                        DefiningMsg::CodeUsedTwice {
                            code: a.code.clone(),
                        },
                    )
                    .node(&a.code)
                    .field(&field),
                );
            }
            if a.min.0 > Decimal::ZERO || a.max.0 < Decimal::ZERO {
                self.problems.push(
                    ParError::new(
                        ErrorCode::OutOfRange,
                        DefiningMsg::AdjustmentCaps {
                            min: a.min.0,
                            max: a.max.0,
                        },
                    )
                    .node(&a.code)
                    .field(field)
                    .value(format!("[{}, {}]", a.min.0, a.max.0)),
                );
            }
            adjustment_by_code.insert(a.code.clone(), adjustments.len());
            adjustments.push(Adjustment {
                code: a.code.clone(),
                min: a.min.0,
                max: a.max.0,
            });
        }

        self.check_bands(&def.bands, "bands");
        let blocks = self.compile_blocks(&def);
        self.check_tie_breakers(&def.policies.ranking.tie_breakers);
        let block_index = index_blocks(&blocks);

        let Compiler {
            problems,
            nodes,
            by_code,
            components,
            ..
        } = self;
        let survey_nodes: Vec<usize> = (0..nodes.len()).filter(|&i| nodes[i].survey).collect();
        let has_survey_leaves = survey_nodes.iter().any(|&i| nodes[i].is_leaf());
        let results_tree = results_tree(&nodes, &components, def.policies.rounding);
        problems.finish(Methodology {
            def,
            nodes,
            by_code,
            roots,
            adjustments,
            adjustment_by_code,
            components,
            max,
            blocks,
            block_index,
            survey_nodes,
            has_survey_leaves,
            results_tree,
        })
    }

    /// The declared blocks, each id once (checked by hashing: a methodology may declare many).
    fn compile_blocks(&mut self, def: &MethodologyDef) -> Vec<CompiledBlock> {
        if let Err(e) = limits::BLOCKS.check(def.blocks.len()) {
            self.problems.push(e.field("blocks"));
            return Vec::new();
        }
        let mut blocks = Vec::with_capacity(def.blocks.len());
        let mut seen =
            crate::HashSet::with_capacity_and_hasher(def.blocks.len(), Default::default());
        // Names as units' blocks are matched to them ([`block_key`]): two alike but for
        // capitals, commas or `Khối` would leave the second unreachable by its name.
        let mut names_seen = crate::HashSet::default();
        for (i, b) in def.blocks.iter().enumerate() {
            let field = format!("blocks[{i}]");
            if b.id.trim().is_empty() {
                self.problems.push(
                    ParError::new(ErrorCode::MissingField, DefiningMsg::BlockWithoutId)
                        .field(format!("{field}.id")),
                );
            }
            if !seen.insert(b.id.as_str()) {
                self.problems.push(
                    ParError::new(
                        ErrorCode::DuplicateCode,
                        DefiningMsg::BlockDeclaredTwice {
                            block: b.id.clone(),
                        },
                    )
                    .field(format!("{field}.id"))
                    .value(&b.id),
                );
            }
            if let Some(name) = b.name.as_ref().filter(|n| !names_seen.insert(block_key(n))) {
                let block = name.clone();
                self.problems.push(
                    ParError::new(
                        ErrorCode::DuplicateCode,
                        DefiningMsg::BlockDeclaredTwice { block },
                    )
                    .field(format!("{field}.name"))
                    .value(name),
                );
            }
            if let Some(bands) = &b.bands {
                self.check_bands(bands, &format!("{field}.bands"));
            }
            blocks.push(CompiledBlock {
                id: b.id.clone(),
                name: b.name.clone(),
                bands: b.bands.clone().unwrap_or_else(|| def.bands.clone()),
            });
        }
        blocks
    }

    /// Tie-breakers name existing components or nodes, each once: a repeated one decides
    /// nothing the first did not, and would only make every comparison of tied units longer.
    fn check_tie_breakers(&mut self, tie_breakers: &[TieBreaker]) {
        let field = "policies.ranking.tie_breakers";
        if let Err(e) = limits::TIE_BREAKERS.check(tie_breakers.len()) {
            self.problems.push(e.field(field));
            return;
        }
        let mut seen =
            crate::HashSet::with_capacity_and_hasher(tie_breakers.len(), Default::default());
        for (i, t) in tie_breakers.iter().enumerate() {
            let field = format!("{field}[{i}]");
            if !seen.insert(t) {
                self.problems.push(
                    ParError::new(ErrorCode::DuplicateCode, DefiningMsg::TieBreakerTwice)
                        .field(&field)
                        .value(t.name()),
                );
                continue;
            }
            match t {
                TieBreaker::Component(c) if !self.component_index.contains_key(c) => {
                    self.problems.push(
                        ParError::new(
                            ErrorCode::UnknownNode,
                            DefiningMsg::TieBreakerUnknownComponent {
                                component: c.clone(),
                            },
                        )
                        .field(field)
                        .value(c),
                    )
                }
                TieBreaker::Node(code) if !self.by_code.contains_key(code) => self.problems.push(
                    ParError::new(
                        ErrorCode::UnknownNode,
                        DefiningMsg::TieBreakerUnknownNode { code: code.clone() },
                    )
                    .node(code)
                    .field(field),
                ),
                _ => {}
            }
        }
    }

    /// Refuses adjustments past [`limits::TREE_NODES`], which counts them with the nodes:
    /// counted apart, a methodology of a few nodes was let give 100,000 adjustments.
    fn count_adjustments(&mut self, adjustments: usize) {
        let counted = self.nodes.len() + adjustments;
        if counted > limits::TREE_NODES.max {
            self.too_many(limits::TREE_NODES.exceeded(counted).field("adjustments"));
        }
    }

    /// Says the tree has more nodes than [`limits::TREE_NODES`], once.
    fn too_many(&mut self, problem: ParError) {
        if !std::mem::replace(&mut self.too_many_reported, true) {
            self.problems.push(problem);
        }
    }

    /// Adds a node and its subtree in pre-order; returns its index.
    fn add(
        &mut self,
        def: &NodeDef,
        parent: Option<&str>,
        depth: usize,
        inherited_component: &str,
        inherited_survey: bool,
    ) -> Option<usize> {
        let err = |code: ErrorCode, msg: DefiningMsg| ParError::new(code, msg).node(&def.code);
        if depth > limits::TREE_DEPTH.max {
            self.problems.push(
                limits::TREE_DEPTH
                    .exceeded_at_least()
                    .node(&def.code)
                    .field("children"),
            );
            return None;
        }
        if self.nodes.len() >= limits::TREE_NODES.max {
            self.too_many(limits::TREE_NODES.exceeded_at_least().node(&def.code));
            return None;
        }
        self.check_code(def, parent);
        if self.by_code.contains_key(&def.code) {
            self.problems.push(
                err(
                    ErrorCode::DuplicateCode,
                    DefiningMsg::CodeUsedTwice {
                        code: def.code.clone(),
                    },
                )
                .field("code"),
            );
        }
        let max = def.max.0;
        if max < Decimal::ZERO {
            self.problems.push(
                err(ErrorCode::OutOfRange, DefiningMsg::NegativeMax)
                    .field("max")
                    .value(max.to_string()),
            );
        }
        let component_name = def.component.as_deref().unwrap_or(inherited_component);
        let survey = inherited_survey || def.survey;
        let index = self.nodes.len();
        self.by_code.entry(def.code.clone()).or_insert(index);
        let rule = def.rule.clone().unwrap_or(Rule::Points);
        self.nodes.push(Node {
            code: def.code.clone(),
            name: def.name.clone(),
            max,
            children: Vec::new(),
            end: index + 1,
            depth,
            component: None,
            survey,
            options: option_keys(&rule),
            rule,
        });

        if def.children.is_empty() {
            let next = self.components.len();
            let component = *self
                .component_index
                .entry(component_name.to_string())
                .or_insert(next);
            if component == next {
                self.components.push(component_name.to_string());
            }
            self.nodes[index].component = Some(component);
            self.check_rule(def, survey);
        } else {
            if def.rule.is_some() {
                self.problems
                    .push(err(ErrorCode::BadRule, DefiningMsg::RuleOnParent).field("rule"));
            }
            let mut children = Vec::new();
            let mut sum = Decimal::ZERO;
            for c in &def.children {
                if let Some(ci) = self.add(c, Some(&def.code), depth + 1, component_name, survey) {
                    sum += self.nodes[ci].max;
                    children.push(ci);
                }
            }
            if children.len() == def.children.len() && sum != max {
                self.problems.push(
                    err(
                        ErrorCode::MaxMismatch,
                        DefiningMsg::MaxMismatch { max, sum },
                    )
                    .field("max")
                    .value(max.to_string()),
                );
            }
            let shared = children
                .iter()
                .map(|&c| self.nodes[c].component)
                .reduce(|a, b| if a == b { a } else { None })
                .flatten();
            let node = &mut self.nodes[index];
            node.component = shared;
            node.children = children;
        }
        self.nodes[index].end = self.nodes.len();
        Some(index)
    }

    fn check_code(&mut self, def: &NodeDef, parent: Option<&str>) {
        let code = def.code.as_str();
        let well_formed = !code.is_empty()
            && !code.starts_with('.')
            && !code.ends_with('.')
            && !code.contains("..")
            && !code.chars().any(char::is_whitespace);
        let under_parent = match parent {
            Some(p) => code
                .strip_prefix(p)
                .and_then(|rest| rest.strip_prefix('.'))
                .is_some_and(|rest| !rest.contains('.')),
            // Top-level codes are free: an excerpt may start at a criterion (`1.1`).
            None => true,
        };
        if !well_formed || !under_parent {
            self.problems.push(
                ParError::new(
                    ErrorCode::BadCode,
                    DefiningMsg::BadCode {
                        code: code.to_string(),
                        parent: parent.map(str::to_string),
                    },
                )
                .node(code)
                .field("code")
                .value(code),
            );
        }
    }

    fn check_rule(&mut self, def: &NodeDef, survey: bool) {
        if let Some(rule) = &def.rule {
            for e in rule_problems(rule, def.max.0, survey) {
                self.problems.push(e.node(&def.code));
            }
        }
    }

    fn check_bands(&mut self, bands: &[Band], field: &str) {
        for e in crate::bands::check_classification_bands(bands, field) {
            self.problems.push(e);
        }
    }
}

/// Every code longer than [`limits::CODE_BYTES`], label longer than [`limits::LABEL_BYTES`] and
/// other text longer than [`limits::TEXT_BYTES`] in a methodology, each named by its place.
fn oversized_texts(def: &MethodologyDef) -> Vec<ParError> {
    let mut sizes = TextSizes::default();
    sizes.code(def.default_component.as_deref(), || {
        "default_component".into()
    });
    for (i, t) in def.policies.ranking.tie_breakers.iter().enumerate() {
        sizes.code(Some(t.name()), || {
            format!("policies.ranking.tie_breakers[{i}]")
        });
    }
    sizes.text(Some(&def.id), || "id".into());
    sizes.text(Some(&def.name), || "name".into());
    for (value, field) in [
        (&def.decision, "decision"),
        (&def.date, "date"),
        (&def.level, "level"),
        (&def.notes, "notes"),
    ] {
        sizes.text(value.as_deref(), || field.into());
    }
    for (i, s) in def.sources.iter().enumerate() {
        sizes.text(Some(s), || format!("sources[{i}]"));
    }
    sizes.bands(&def.bands, "bands");
    for (i, b) in def.blocks.iter().enumerate() {
        sizes.code(Some(&b.id), || format!("blocks[{i}].id"));
        sizes.label(b.name.as_deref(), || format!("blocks[{i}].name"));
        sizes.bands(
            b.bands.as_deref().unwrap_or(&[]),
            &format!("blocks[{i}].bands"),
        );
    }
    for (i, a) in def.adjustments.iter().enumerate() {
        sizes.code(Some(&a.code), || format!("adjustments[{i}].code"));
        sizes.text(Some(&a.name), || format!("adjustments[{i}].name"));
    }
    sizes.nodes(&def.nodes, "nodes");
    sizes.found
}

/// The oversized texts of a methodology, found as it is walked.
#[derive(Default)]
struct TextSizes {
    found: Vec<ParError>,
}

impl TextSizes {
    fn code(&mut self, code: Option<&str>, field: impl FnOnce() -> String) {
        self.found
            .extend(limits::CODE_BYTES.check_text(code.unwrap_or(""), field));
    }

    fn text(&mut self, text: Option<&str>, field: impl FnOnce() -> String) {
        self.found
            .extend(limits::TEXT_BYTES.check_text(text.unwrap_or(""), field));
    }

    /// A label repeated with every unit or criterion scored under it ([`limits::LABEL_BYTES`]).
    fn label(&mut self, label: Option<&str>, field: impl FnOnce() -> String) {
        self.found
            .extend(limits::LABEL_BYTES.check_text(label.unwrap_or(""), field));
    }

    fn bands(&mut self, bands: &[Band], at: &str) {
        for (i, b) in bands.iter().enumerate() {
            self.label(Some(&b.label), || format!("{at}[{i}].label"));
        }
    }

    fn nodes(&mut self, nodes: &[NodeDef], at: &str) {
        for (i, n) in nodes.iter().enumerate() {
            let here = format!("{at}[{i}]");
            self.code(Some(&n.code), || format!("{here}.code"));
            self.code(n.component.as_deref(), || format!("{here}.component"));
            self.text(Some(&n.name), || format!("{here}.name"));
            self.text(n.notes.as_deref(), || format!("{here}.notes"));
            match &n.rule {
                Some(Rule::Choice { options }) => {
                    for (j, o) in options.iter().enumerate() {
                        self.label(Some(&o.label), || format!("{here}.rule.options[{j}].label"));
                    }
                }
                Some(Rule::Bands { measure, bands }) => {
                    self.text(measure.as_deref(), || format!("{here}.rule.measure"));
                    for (j, b) in bands.iter().enumerate() {
                        let field = || format!("{here}.rule.bands[{j}].label");
                        self.label(b.label.as_deref(), field);
                    }
                }
                _ => {}
            }
            self.nodes(&n.children, &format!("{here}.children"));
        }
    }
}

/// Everything wrong with a leaf's rule, given the leaf's max.
fn rule_problems(rule: &Rule, max: Decimal, survey: bool) -> Vec<ParError> {
    let mut problems = Vec::new();
    let mut bad = |msg: DefiningMsg, field: String, value: String| {
        problems.push(
            ParError::new(ErrorCode::BadRule, msg)
                .field(field)
                .value(value),
        )
    };
    let outside = |p: Decimal| p < Decimal::ZERO || p > max;
    let points_msg = |points: Decimal| DefiningMsg::PointsAboveMax { points, max };
    if survey && !matches!(rule, Rule::Points) {
        bad(
            DefiningMsg::SurveyTakesNoRule,
            "rule".into(),
            rule_name(rule).into(),
        );
    }
    match rule {
        Rule::Points => {}
        Rule::Choice { options } => {
            if options.is_empty() {
                bad(
                    DefiningMsg::ChoiceWithoutOptions,
                    "rule.options".into(),
                    "[]".into(),
                );
            }
            if let Err(e) = limits::RULE_OPTIONS.check(options.len()) {
                problems.push(e.field("rule.options"));
                return problems;
            }
            let mut labels =
                crate::HashSet::with_capacity_and_hasher(options.len(), Default::default());
            for (i, o) in options.iter().enumerate() {
                if outside(o.points.0) {
                    bad(
                        points_msg(o.points.0),
                        format!("rule.options[{i}].points"),
                        o.points.0.to_string(),
                    );
                }
                if o.label.trim().is_empty() {
                    bad(
                        DefiningMsg::OptionWithoutLabel,
                        format!("rule.options[{i}].label"),
                        String::new(),
                    );
                }
                if !labels.insert(label_key(&o.label)) {
                    bad(
                        DefiningMsg::OptionTwice {
                            label: o.label.to_string(),
                        },
                        format!("rule.options[{i}].label"),
                        o.label.to_string(),
                    );
                }
            }
        }
        Rule::YesNo { yes, no } => {
            for (name, v) in [("yes", yes), ("no", no)] {
                if let Some(v) = v.filter(|v| outside(v.0)) {
                    bad(points_msg(v.0), format!("rule.{name}"), v.0.to_string());
                }
            }
        }
        Rule::Bands { bands, .. } => {
            if bands.is_empty() {
                bad(
                    DefiningMsg::BandsRuleWithoutBands,
                    "rule.bands".into(),
                    "[]".into(),
                );
            }
            for (i, b) in bands.iter().enumerate() {
                if outside(b.points.0) {
                    bad(
                        points_msg(b.points.0),
                        format!("rule.bands[{i}].points"),
                        b.points.0.to_string(),
                    );
                }
            }
            problems.extend(crate::bands::check_rule_bands(bands));
        }
        Rule::Ratio { target } => {
            if target.0 <= Decimal::ZERO {
                bad(
                    DefiningMsg::RatioTargetNotPositive,
                    "rule.target".into(),
                    target.0.to_string(),
                );
            }
        }
    }
    problems
}

/// Every text of a methodology that names or is matched against something, in NFC (see
/// [`crate::encoding::nfc`]): ids, codes, names, components, labels, measures.
fn normalize_texts(def: &mut MethodologyDef) {
    fn one<S: AsRef<str> + From<String> + Default>(text: &mut S) {
        *text = nfc_owned(std::mem::take(text));
    }
    fn maybe<S: AsRef<str> + From<String> + Default>(text: &mut Option<S>) {
        text.iter_mut().for_each(one);
    }
    fn bands(bands: &mut [Band]) {
        bands.iter_mut().for_each(|b| one(&mut b.label));
    }
    fn nodes(list: &mut [NodeDef]) {
        for n in list {
            one(&mut n.code);
            one(&mut n.name);
            maybe(&mut n.component);
            match &mut n.rule {
                Some(Rule::Choice { options }) => {
                    options.iter_mut().for_each(|o| one(&mut o.label))
                }
                Some(Rule::Bands { measure, bands }) => {
                    maybe(measure);
                    bands.iter_mut().for_each(|b| maybe(&mut b.label));
                }
                _ => {}
            }
            nodes(&mut n.children);
        }
    }
    one(&mut def.id);
    one(&mut def.name);
    maybe(&mut def.default_component);
    bands(&mut def.bands);
    for b in &mut def.blocks {
        one(&mut b.id);
        maybe(&mut b.name);
        b.bands.iter_mut().for_each(|list| bands(list));
    }
    for a in &mut def.adjustments {
        one(&mut a.code);
        one(&mut a.name);
    }
    for t in &mut def.policies.ranking.tie_breakers {
        match t {
            TieBreaker::Component(name) | TieBreaker::Node(name) => one(name),
        }
    }
    nodes(&mut def.nodes);
}

/// Choice labels match ignoring case and how the spaces around and between their words were
/// typed (two for one, a non-breaking one pasted from Word or a PDF): as [`label_key`] compares
/// them, so no two choices of one criterion match one text. Compared character by character,
/// without allocating: scoring asks it for every choice entry.
pub(crate) fn same_label(a: &str, b: &str) -> bool {
    folded(a).eq(folded(b))
}

/// A label's words after the word sheets head a block with (`khối sở, ban, ngành` →
/// `sở, ban, ngành`), the label in small letters; `None` when it does not start with it.
pub(crate) fn after_khoi(key: &str) -> Option<&str> {
    let rest = key.strip_prefix("khối")?;
    rest.starts_with(' ').then(|| rest.trim_start())
}

/// The form under which a block's names are compared: a label's ([`label_key`]) without the word
/// sheets head a block with (`Khối sở, ban, ngành` is `sở, ban, ngành`), its words told apart by
/// spaces alone (`Sở ban ngành`, `Sở, ban ngành`: one block typed three ways would otherwise rank
/// its units apart, each first in a block of its own; a `+` or a `-` may name another block,
/// `Nhóm A+`), what cannot be seen taken out and its tone marks placed as a unit's name's are
/// ([`crate::names::unit_name`], a zero-width space copied from a web page; [`spelling_key`]:
/// `Huyện Hòa Bình` is `Huyện Hoà Bình`).
pub(crate) fn block_key(label: &str) -> String {
    let between_words = |c: char| matches!(c, ',' | ';' | '.');
    let words: String = crate::names::unit_name(label)
        .chars()
        .map(|c| if between_words(c) { ' ' } else { c })
        .collect();
    let key = label_key(&words);
    spelling_key(after_khoi(&key).unwrap_or(&key))
}

/// The form under which labels are compared: in small letters, each run of spaces (a
/// non-breaking one pasted from Word too) one space. Labels [`same_label`] holds for have equal
/// keys, and only those: a methodology may not list two choices of one criterion so.
pub(crate) fn label_key(label: &str) -> String {
    folded(label).collect()
}

/// A label's characters as [`label_key`] keeps them, one at a time.
fn folded(label: &str) -> Folded<'_> {
    Folded {
        chars: label.chars(),
        started: false,
        space_owed: false,
        lower: None,
    }
}

/// [`folded`]: each character read as it is asked for, so that two labels compared
/// ([`same_label`]) are read up to their first difference only. Splitting a label into its words
/// first read the whole of its first word: a kilobyte-long name, against every unit's.
struct Folded<'a> {
    chars: std::str::Chars<'a>,
    /// Whether a character other than a space was read.
    started: bool,
    /// Whether spaces were read since the last character: one is given before the next.
    space_owed: bool,
    /// The small letters of the last character read, still to be given.
    lower: Option<std::char::ToLowercase>,
}

impl Iterator for Folded<'_> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        loop {
            if let Some(c) = self.lower.as_mut().and_then(Iterator::next) {
                return Some(c);
            }
            let c = self.chars.next()?;
            if c.is_whitespace() {
                self.space_owed |= self.started;
                continue;
            }
            self.started = true;
            self.lower = Some(c.to_lowercase());
            if std::mem::take(&mut self.space_owed) {
                return Some(' ');
            }
        }
    }
}

/// Blocks by id, then by the key of their name ([`block_key`]) where no id is the same text.
fn index_blocks(blocks: &[CompiledBlock]) -> HashMap<String, usize> {
    let mut index: HashMap<String, usize> = HashMap::default();
    for (i, b) in blocks.iter().enumerate() {
        index.entry(b.id.trim().to_string()).or_insert(i);
    }
    for (i, b) in blocks.iter().enumerate() {
        if let Some(name) = &b.name {
            index.entry(block_key(name)).or_insert(i);
        }
    }
    index
}

pub(crate) fn rule_name(rule: &Rule) -> &'static str {
    match rule {
        Rule::Points => "points",
        Rule::Choice { .. } => "choice",
        Rule::YesNo { .. } => "yes_no",
        Rule::Bands { .. } => "bands",
        Rule::Ratio { .. } => "ratio",
    }
}

/// The problems of a methodology document that does not read, for its author to mend at once
/// rather than one a try: the first problem of every node (its children read apart), of every
/// adjustment, and of the rest of the document, each at its place (`nodes[2].children[0].max`).
fn every_shape_problem(mut document: serde_json::Value) -> Collector {
    let mut problems = Collector::default();
    let Some(fields) = document.as_object_mut() else {
        part_problem::<MethodologyDef>(&document, "", &mut problems);
        return problems;
    };
    // Lists read apart; one that is no list stays, for the rest of the document to say so.
    let nodes = list_taken(fields, "nodes");
    let adjustments = list_taken(fields, "adjustments");
    if nodes.is_some() {
        fields.insert("nodes".into(), serde_json::Value::Array(Vec::new()));
    }
    part_problem::<MethodologyDef>(&document, "", &mut problems);
    node_problems(nodes.unwrap_or_default(), "nodes", &mut problems);
    for (i, adjustment) in adjustments.unwrap_or_default().iter().enumerate() {
        part_problem::<AdjustmentDef>(adjustment, &format!("adjustments[{i}]"), &mut problems);
    }
    problems
}

/// The list under `key`, taken out of `fields`; `None`, and nothing taken, where it is no list.
fn list_taken(
    fields: &mut serde_json::Map<String, serde_json::Value>,
    key: &str,
) -> Option<Vec<serde_json::Value>> {
    match fields.remove(key)? {
        serde_json::Value::Array(list) => Some(list),
        other => {
            fields.insert(key.into(), other);
            None
        }
    }
}

/// The first problem of each node of `nodes` (the list at `place`) and of their children.
fn node_problems(nodes: Vec<serde_json::Value>, place: &str, problems: &mut Collector) {
    for (i, mut node) in nodes.into_iter().enumerate() {
        let place = format!("{place}[{i}]");
        let children = node
            .as_object_mut()
            .and_then(|fields| list_taken(fields, "children"));
        part_problem::<NodeDef>(&node, &place, problems);
        let children = children.unwrap_or_default();
        node_problems(children, &format!("{place}.children"), problems);
    }
}

/// Records the first problem of a part of a document, at `place` in it (`""`: the top). The
/// part is read from its text as a whole document is read: the module then holds one reader of
/// each kind of part, not a second one for parsed values (which made the WebAssembly package
/// 16 KiB larger, gzipped).
fn part_problem<T: serde::de::DeserializeOwned>(
    part: &serde_json::Value,
    place: &str,
    problems: &mut Collector,
) {
    let Ok(text) = serde_json::to_string(part) else {
        return;
    };
    let first = from_json_str::<T>(&text)
        .err()
        .and_then(|p| p.problems.into_iter().next());
    if let Some(mut e) = first {
        if !place.is_empty() {
            e.field = Some(match e.field.take() {
                Some(field) => format!("{place}.{field}"),
                None => place.to_string(),
            });
        }
        problems.push(e);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// A label read a character at a time is its words in small letters, one space between
        /// each, as splitting it into words gives it.
        #[test]
        fn a_label_folds_as_its_words_in_small_letters(label in "[ \t\u{a0}\u{3000}aÁảXyĐ\u{130}]{0,12}") {
            let words: Vec<String> = label.split_whitespace().map(str::to_lowercase).collect();
            prop_assert_eq!(label_key(&label), words.join(" "));
        }
    }

    #[test]
    fn labels_are_the_same_whatever_their_capitals_and_spaces() {
        assert!(same_label("  Hoàn  thành\u{a0}tốt ", "hoàn thành TỐT"));
        assert!(!same_label("Hoàn thành", "Hoàn thành tốt"));
        assert!(!same_label("a b", "ab"));
    }
}
