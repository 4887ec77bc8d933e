//! What-if: one unit re-scored with changed entries against the others' results as they stand,
//! and the way up — the fewest criteria whose lost points would lift the unit to the next band or
//! to a given rank.
//!
//! The others are not re-read or re-scored: their results are kept and only ranked again with
//! the unit's new result, so a question about one unit of the national run costs one unit's
//! scoring and one ranking.
//!
//! **What a changed value means.** `CODE=VALUE` makes VALUE the input that counts for the
//! criterion, in the rule's own terms (points, an option's label, yes/no, a measured value):
//! - for a criterion scored by self-assessment and appraisal, it is a new appraisal round after
//!   the last one, its reason "what-if" — so every override rule applies to it as to a real round,
//!   and the self-score and earlier rounds stay in the provenance;
//! - for a survey-assessed criterion, it is the survey's result in the form the unit's input
//!   gave it (points, or a percentage satisfied; points where it gave the field's final points,
//!   as a wide sheet does; a percentage where there was none);
//! - for a criterion given as final points (`value`, a criterion with sub-criteria included), it
//!   replaces those points.
//!
//! Otherwise a criterion with sub-criteria takes no value: its sub-criteria do.
//!
//! **The way up.** The candidates are the unit's criteria that lost points and that the unit's
//! own work decides (not survey results): those without sub-criteria, and those given as final
//! points. "Full points" is the most the criterion's rule can give (a choice whose best option is
//! worth less than the max gives that option's points). Candidates are taken in order of the
//! points full marks would regain, the most first — among equal gains, the criteria the ranking's
//! tie-breakers name first, then tree order: no other k criteria regain more points than these k.
//! The answer is the smallest k whose criteria, at full points, reach the target, each k checked
//! by really re-scoring and re-ranking the unit (so caps, components, ties and bands are the
//! engine's). Reaching the target is monotone in k, so k is found by halving. Where tie-breakers
//! decide, an equally small set of other criteria with the same gain may also reach it.

use crate::assessment::{Appraisal, Entry, InputValue, SurveyInput, UnitAssessment};
use crate::decimal::{parse_decimal_cell, Dec};
use crate::error::{ErrorCode, ParError, Problems};
use crate::methodology::{same_label, Methodology, TieBreaker, TreeEntry};
use crate::results::{Detail, MethodologyRef, Results, Source, UnitResult, Warning};
use crate::rules::points_field;
use crate::text::{Criterion, Input, Lang, Msg, ReportText, ScoringMsg};
use crate::HashMap;
use compact_str::CompactString;
use indexmap::IndexMap;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

pub const WHAT_IF_SCHEMA: &str = "par.what-if/1";

/// What is asked: a unit, the values assumed for some of its criteria, and a target to find the
/// way up to.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub unit: String,
    /// Criterion code → the value assumed, as it would be entered.
    #[serde(default)]
    pub set: IndexMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Target>,
}

impl Question {
    /// Reads a question's JSON. A target given as text that is none of `band`, `band=LABEL`,
    /// `rank=N` is refused as the command line and Python refuse it ([`unreadable_target`]),
    /// not as JSON that does not read.
    pub fn from_json(text: &str) -> Result<Question, Problems> {
        crate::json::from_json_str(text).map_err(|problems| {
            let value: Option<serde_json::Value> = serde_json::from_str(text).ok();
            let target = value.as_ref().and_then(|q| q.get("target")?.as_str());
            match target.filter(|t| Target::parse(t).is_none()) {
                Some(target) => unreadable_target(target).into(),
                None => problems,
            }
        })
    }
}

/// Where the way up leads. In a question's JSON: `"band"`, `"band=LABEL"`, `"rank=N"` (as the
/// command line writes it), or `{"band": LABEL}`, `{"rank": N}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", try_from = "TargetWire")]
pub enum Target {
    /// The band above the unit's (the lowest band for a unit below every band).
    NextBand,
    /// A band by its label.
    Band(String),
    /// A rank in the unit's block, or better.
    Rank(u32),
}

#[derive(Deserialize)]
#[serde(untagged, deny_unknown_fields)]
enum TargetWire {
    Text(String),
    Band { band: String },
    Rank { rank: u32 },
}

impl TryFrom<TargetWire> for Target {
    type Error = String;
    fn try_from(wire: TargetWire) -> Result<Target, String> {
        match wire {
            TargetWire::Text(text) => Target::parse(&text)
                .ok_or_else(|| format!("{text:?}: use band, band=LABEL or rank=N")),
            TargetWire::Band { band } => Ok(Target::Band(band)),
            TargetWire::Rank { rank } => Ok(Target::Rank(rank)),
        }
    }
}

impl Target {
    /// Reads `band`, `band=LABEL` or `rank=N`, as the command line takes them.
    pub fn parse(text: &str) -> Option<Target> {
        match text.trim().split_once('=') {
            None if text.trim() == "band" => Some(Target::NextBand),
            Some(("band", label)) => Some(Target::Band(label.trim().to_string())),
            Some(("rank", n)) => n.trim().parse().ok().map(Target::Rank),
            _ => None,
        }
    }
}

/// The problem of a target that is none of `band`, `band=LABEL`, `rank=N`.
pub fn unreadable_target(text: &str) -> ParError {
    let target = text.to_string();
    ParError::new(ErrorCode::BadType, ScoringMsg::UnreadableTarget { target }).value(text)
}

/// The answer (`par.what-if/1`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WhatIf {
    pub schema: String,
    pub methodology: MethodologyRef,
    pub unit: String,
    pub block: Option<String>,
    /// The block's name, when the methodology gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub block_name: Option<String>,
    /// Each value assumed, with the points it is worth against the points before.
    pub changes: Vec<Change>,
    pub before: Standing,
    pub after: Standing,
    /// The other units of the block whose rank the changes move, in the new order.
    pub moved: Vec<Move>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub way_up: Option<WayUp>,
    /// The unit's warnings after the changes (an assumed self-score without evidence...).
    pub warnings: Vec<Warning>,
}

/// A unit's place: its points, index, rank in its block and band.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Standing {
    pub points: Dec,
    pub index: Dec,
    pub rank: u32,
    pub band: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub code: String,
    pub name: String,
    pub value: String,
    pub points_before: Dec,
    pub points: Dec,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Move {
    pub unit: String,
    pub rank_before: u32,
    pub rank: u32,
}

/// The fewest criteria that, at full points, reach the target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WayUp {
    /// The band (its label) or rank aimed at.
    pub band: Option<String>,
    pub rank: Option<u32>,
    /// Whether full points on `criteria` reach it; when not, `criteria` are all the candidates
    /// and `after` what they would give.
    pub reached: bool,
    pub criteria: Vec<Gain>,
    pub after: Standing,
}

/// A criterion on the way up: its points now and the points full marks would add.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gain {
    pub code: String,
    pub name: String,
    pub points: Dec,
    pub max: Dec,
    pub gain: Dec,
    /// The exact max, given as the criterion's points when the way up is tried.
    #[serde(skip)]
    full: Dec,
}

impl WhatIf {
    pub fn to_json(&self) -> String {
        crate::json::to_pretty(self)
    }
}

/// Answers `question` about one unit of `results`, scored on `m`. Texts (the assumed rounds'
/// reason, warnings) are written in `lang`.
pub fn what_if(
    m: &Methodology,
    results: &Results,
    question: &Question,
    lang: Lang,
) -> Result<WhatIf, Problems> {
    if results.methodology.id != m.id() {
        return Err(ParError::new(
            ErrorCode::ConflictingInput,
            ScoringMsg::OtherMethodology {
                results: results.methodology.id.clone(),
                methodology: m.id().to_string(),
            },
        )
        .field("methodology")
        .value(&results.methodology.id)
        .into());
    }
    // Scored again from its inputs: results without them would count every criterion at 0.
    if results.detail == Detail::Scores {
        let problem = ParError::new(ErrorCode::ConflictingInput, ScoringMsg::WhatIfWithoutInputs);
        return Err(problem.field("detail").value("scores").into());
    }
    let mut ranking = Ranking::of(results, &question.unit)?;
    // Results scored for a question about another unit keep that unit's inputs alone.
    if ranking.unit().nodes.inputs_let_go() {
        let problem = ParError::new(ErrorCode::ConflictingInput, ScoringMsg::WhatIfWithoutInputs);
        let problem = problem.unit(&question.unit).field("detail");
        return Err(problem.value("scores").into());
    }
    let before_unit = ranking.unit().clone();
    let before_ranks = ranking.block_ranks();

    let mut assessment = assessment_of(&before_unit);
    // The values that cannot be placed are reported with what scoring finds in the others.
    let (placed, unplaced) = assume(m, &mut assessment, &question.set, lang);
    let scored = ranking.try_unit(m, assessment.clone(), lang);
    let after_unit = match (unplaced.is_empty(), scored) {
        (true, Ok(unit)) => unit,
        (_, scored) => {
            let mut problems: Vec<ParError> = unplaced
                .into_iter()
                .map(|e| e.in_unit(&before_unit.unit))
                .collect();
            let found = scored.err().into_iter().flat_map(|p| p.problems);
            problems.extend(found.map(|e| of_assumed(e, &placed)));
            return Err(problems.into());
        }
    };
    let changes = question
        .set
        .iter()
        .map(|(code, value)| Change {
            code: code.clone(),
            name: node_name(m, code),
            value: value.clone(),
            points_before: node_points(&before_unit, code),
            points: node_points(&after_unit, code),
        })
        .collect();
    let moved = ranking.moved_since(&before_ranks);
    let way_up = match &question.target {
        Some(target) => Some(way_up(m, &mut ranking, assessment, target, lang)?),
        None => None,
    };
    Ok(WhatIf {
        schema: WHAT_IF_SCHEMA.to_string(),
        methodology: ranking.methodology.clone(),
        unit: after_unit.unit.clone(),
        block_name: after_unit
            .block
            .as_deref()
            .and_then(|b| m.block(b))
            .and_then(|b| b.name.clone()),
        block: after_unit.block.clone(),
        changes,
        before: standing(&before_unit),
        after: standing(&after_unit),
        moved,
        way_up,
        warnings: after_unit.warnings,
    })
}

/// Results held for re-ranking one unit among the others of its block.
struct Ranking {
    methodology: MethodologyRef,
    tree: std::sync::Arc<[TreeEntry]>,
    units: Vec<UnitResult>,
    name: String,
}

impl Ranking {
    /// The block of `unit` from `results`: ranks in other blocks do not depend on the unit.
    fn of(results: &Results, unit: &str) -> Result<Ranking, Problems> {
        let found = results.unit(unit)?;
        let (name, block) = (found.unit.clone(), &found.block);
        Ok(Ranking {
            methodology: results.methodology.clone(),
            tree: results.tree.clone(),
            units: results
                .units
                .iter()
                .filter(|u| u.block == *block)
                .cloned()
                .collect(),
            name,
        })
    }

    fn position(&self) -> usize {
        self.units
            .iter()
            .position(|u| u.unit == self.name)
            .unwrap_or_default()
    }

    fn unit(&self) -> &UnitResult {
        &self.units[self.position()]
    }

    fn block_ranks(&self) -> Vec<(String, u32)> {
        self.units
            .iter()
            .map(|u| (u.unit.clone(), u.rank))
            .collect()
    }

    /// Scores the unit from `assessment`, puts it in the ranking and ranks the block again.
    fn try_unit(
        &mut self,
        m: &Methodology,
        assessment: UnitAssessment,
        lang: Lang,
    ) -> Result<UnitResult, Problems> {
        let scored = crate::unit::score_unit(m, assessment, lang)?;
        let at = self.position();
        self.units[at] = scored;
        let (ranked, _) = crate::rank::rank(m, std::mem::take(&mut self.units));
        self.units = ranked;
        Ok(self.unit().clone())
    }

    fn moved_since(&self, before: &[(String, u32)]) -> Vec<Move> {
        // Looked up by name: a block may hold a hundred thousand units.
        let ranks_before: HashMap<&str, u32> = before
            .iter()
            .map(|(name, rank)| (name.as_str(), *rank))
            .collect();
        self.units
            .iter()
            .filter(|u| u.unit != self.name)
            .filter_map(|u| {
                let rank_before = *ranks_before.get(u.unit.as_str())?;
                (rank_before != u.rank).then(|| Move {
                    unit: u.unit.clone(),
                    rank_before,
                    rank: u.rank,
                })
            })
            .collect()
    }
}

/// The unit's inputs as results keep them, ready to be scored again: points given as final
/// (`value`), which a results document shows only as the node's points, are given again.
fn assessment_of(unit: &UnitResult) -> UnitAssessment {
    let mut entries = unit.nodes.inputs().clone();
    let given = unit.nodes.iter().chain(unit.nodes.adjustments());
    for node in given.filter(|n| n.source() == Source::Value) {
        let entry = entries.entry(node.code().into()).or_default();
        if entry.value.is_none() {
            entry.value = Some(node.uncapped().unwrap_or(node.points_exact()));
        }
    }
    UnitAssessment {
        unit: unit.unit.clone(),
        block: unit.block.clone(),
        entries,
    }
}

/// Puts each assumed value where it counts (see the module's documentation): where each was
/// placed (its code and the field of the entry it fills), and the problems of those that cannot
/// be placed.
fn assume(
    m: &Methodology,
    assessment: &mut UnitAssessment,
    set: &IndexMap<String, String>,
    lang: Lang,
) -> (Vec<(String, String)>, Vec<ParError>) {
    let (mut placed, mut unplaced) = (Vec::new(), Vec::new());
    for (code, value) in set {
        match assumed_entry(m, assessment, code, value, lang) {
            Ok(field) => placed.push((code.clone(), field)),
            Err(e) => unplaced.push(e.node(code).field(format!("set.{code}")).value(value)),
        }
    }
    (placed, unplaced)
}

/// A problem scoring found with a value asked about, said of that value as asked (`set.1.3`,
/// the assumed value), not of the appraisal round or the field it was placed in, nor on the
/// row of the unit's own scores: a problem with the field it was placed in, or with its entry
/// as a whole (a sub-criterion assumed under a criterion given by value).
fn of_assumed(mut e: ParError, placed: &[(String, String)]) -> ParError {
    let assumed = placed.iter().find(|(code, field)| {
        let of_field = e.field.as_deref().is_none_or(|f| f == field.as_str());
        e.node.as_deref() == Some(code.as_str()) && of_field
    });
    let Some((code, _)) = assumed else {
        return e;
    };
    if let Msg::Scoring(ScoringMsg::About { input, .. }) = &mut *e.message {
        *input = Input::Assumed;
    }
    e.row = None;
    e.field(format!("set.{code}"))
}

fn assumed_entry(
    m: &Methodology,
    assessment: &mut UnitAssessment,
    code: &str,
    value: &str,
    lang: Lang,
) -> Result<String, ParError> {
    let node = m.node(code);
    if node.is_none() && !m.adjustment_by_code.contains_key(code) {
        return Err(ParError::new(
            ErrorCode::UnknownNode,
            ScoringMsg::NotInCriteriaSet {
                code: code.to_string(),
                methodology: m.id().to_string(),
            },
        ));
    }
    let given_as_points = assessment
        .entries
        .get(code)
        .is_some_and(|e| e.value.is_some() && e.appraisals.is_empty());
    if let Some(node) = node.filter(|n| !n.children.is_empty() && !given_as_points) {
        return Err(ParError::new(
            ErrorCode::ConflictingInput,
            ScoringMsg::AssumedOnParent {
                criterion: Criterion::new(&node.code, &node.name),
            },
        ));
    }
    let entry = assessment
        .entries
        .entry(CompactString::from(code))
        .or_default();
    // A survey field given as its points (as a wide sheet gives every field) takes points, as
    // any criterion given so does.
    let survey_given_as_points = given_as_points && entry.survey.is_none();
    if node.is_some_and(|n| n.survey) && !survey_given_as_points {
        let result = Dec(parse_decimal_cell(value)?);
        let (survey, input) = match entry.survey {
            Some(SurveyInput::Points(_)) => (SurveyInput::Points(result), Input::SurveyPoints),
            _ => (SurveyInput::Percent(result), Input::SurveyPercent),
        };
        entry.survey = Some(survey);
        entry.value = None;
        Ok(points_field(input).to_string())
    } else if given_as_points {
        entry.value = Some(Dec(parse_decimal_cell(value)?));
        Ok(points_field(Input::Value).to_string())
    } else {
        let round = entry
            .appraisals
            .last()
            .map_or(1, |a| a.round.saturating_add(1));
        entry.appraisals.push(Appraisal {
            round,
            value: InputValue::Text(value.trim().into()),
            reason: Some(ReportText::Assumed.render(lang)),
            by: None,
        });
        // Named as scoring names its problems: a table's round by its number.
        let place = crate::unit::round_place(entry, entry.appraisals.len() - 1);
        Ok(crate::entry_texts::round_field(place, "value"))
    }
}

/// The way up to `target` from the unit as `assessment` scores it (already in `ranking`).
fn way_up(
    m: &Methodology,
    ranking: &mut Ranking,
    assessment: UnitAssessment,
    target: &Target,
    lang: Lang,
) -> Result<WayUp, Problems> {
    let now = ranking.unit().clone();
    let goal = Goal::of(m, target, &now, ranking.units.len())?;
    let candidates = candidates(m, &ranking.tree, &now);
    let at_full = |k: usize| {
        let mut trial = assessment.clone();
        for gain in &candidates[..k] {
            let entry = trial.entries.entry(gain.code.as_str().into()).or_default();
            *entry = Entry {
                value: Some(gain.full),
                evidence: std::mem::take(&mut entry.evidence),
                explanation: entry.explanation.take(),
                ..Entry::default()
            };
        }
        trial
    };
    // The smallest k that reaches the goal, by halving [0, all]: none reaches it when all do not.
    let mut reached = goal.reached_by(&now);
    let (mut low, mut high) = (0, candidates.len());
    if !reached {
        reached = goal.reached_by(&ranking.try_unit(m, at_full(high), lang)?);
        if reached {
            while high - low > 1 {
                let middle = (low + high) / 2;
                match goal.reached_by(&ranking.try_unit(m, at_full(middle), lang)?) {
                    true => high = middle,
                    false => low = middle,
                }
            }
        }
    } else {
        high = 0;
    }
    let after = ranking.try_unit(m, at_full(high), lang)?;
    // The ranking goes back to the unit as assumed, for nothing else to see the trial.
    ranking.try_unit(m, assessment, lang)?;
    Ok(WayUp {
        band: goal.band,
        rank: goal.rank,
        reached,
        criteria: candidates.into_iter().take(high).collect(),
        after: standing(&after),
    })
}

/// A target resolved against the unit's block.
struct Goal {
    band: Option<String>,
    rank: Option<u32>,
    /// The bands from the highest down, for comparing a band with the goal's.
    bands: Vec<String>,
}

impl Goal {
    fn of(
        m: &Methodology,
        target: &Target,
        unit: &UnitResult,
        units: usize,
    ) -> Result<Goal, ParError> {
        let bands: Vec<String> = m
            .bands_for(unit.block.as_deref())
            .iter()
            .map(|b| b.label.clone())
            .collect();
        let band = match target {
            Target::Rank(rank) if *rank == 0 || *rank as usize > units => {
                return Err(ParError::new(
                    ErrorCode::OutOfRange,
                    ScoringMsg::RankOutside { rank: *rank, units },
                )
                .field("target.rank")
                .value(rank.to_string()))
            }
            Target::Rank(_) => None,
            Target::NextBand if bands.is_empty() => {
                return Err(
                    ParError::new(ErrorCode::UnknownOption, ScoringMsg::NoClassification)
                        .field("target.band"),
                )
            }
            Target::NextBand => {
                let current = band_position(&bands, unit.band.as_deref());
                Some(bands[current.saturating_sub(1)].clone())
            }
            // A label typed another way (case, accents composed or not) is the same band.
            Target::Band(label) => match bands.iter().find(|b| same_label(b, label)) {
                Some(band) => Some(band.clone()),
                None => {
                    return Err(ParError::new(
                        ErrorCode::UnknownOption,
                        ScoringMsg::UnknownBand {
                            band: label.clone(),
                            bands,
                        },
                    )
                    .field("target.band")
                    .value(label))
                }
            },
        };
        let rank = match target {
            Target::Rank(rank) => Some(*rank),
            _ => None,
        };
        Ok(Goal { band, rank, bands })
    }

    fn reached_by(&self, unit: &UnitResult) -> bool {
        let band_reached = self.band.as_deref().is_none_or(|goal| {
            band_position(&self.bands, unit.band.as_deref())
                <= band_position(&self.bands, Some(goal))
        });
        band_reached && self.rank.is_none_or(|goal| unit.rank <= goal)
    }
}

/// A band's place from the top (0 = highest); below every band is past the last.
fn band_position(bands: &[String], band: Option<&str>) -> usize {
    band.and_then(|b| bands.iter().position(|l| l == b))
        .unwrap_or(bands.len())
}

/// The criteria whose points the unit's own work decides (without sub-criteria, or given as
/// final points; not survey results) that full points would raise, the most regained first —
/// among equal gains, the nodes the ranking's tie-breakers name first, then tree order.
fn candidates(m: &Methodology, tree: &[TreeEntry], unit: &UnitResult) -> Vec<Gain> {
    let breakers: Vec<&str> = m
        .policies()
        .ranking
        .tie_breakers
        .iter()
        .filter_map(|t| match t {
            TieBreaker::Node(code) => Some(code.as_str()),
            TieBreaker::Component(_) => None,
        })
        .collect();
    let mut gains: Vec<(std::cmp::Reverse<Decimal>, usize, Gain)> = tree
        .iter()
        .enumerate()
        .filter(|(_, t)| !t.survey)
        .filter_map(|(at, t)| {
            let node = unit.nodes.at(at).filter(|n| n.decides_points())?;
            let max = node.max_exact().unwrap_or(node.max());
            let best = m
                .by_code
                .get(&t.code)
                .and_then(|&i| m.nodes[i].rule.best_points())
                .map_or(max.0, |best| best.min(max.0));
            let gain = best - node.points_exact().0;
            let breaker = breakers
                .iter()
                .position(|b| *b == t.code)
                .unwrap_or(usize::MAX);
            (gain > Decimal::ZERO).then(|| {
                let shown = Gain {
                    code: t.code.clone(),
                    name: t.name.clone(),
                    points: node.points(),
                    max: node.max(),
                    gain: m.policies().rounding.round(gain),
                    full: Dec(best),
                };
                (std::cmp::Reverse(gain), breaker, shown)
            })
        })
        .collect();
    // Stable: equal gains of nodes no tie-breaker names stay in tree order.
    gains.sort_by_key(|(gain, breaker, _)| (*gain, *breaker));
    gains.into_iter().map(|(_, _, g)| g).collect()
}

fn standing(u: &UnitResult) -> Standing {
    Standing {
        points: u.points,
        index: u.index,
        rank: u.rank,
        band: u.band.clone(),
    }
}

/// A criterion's or a bonus/penalty content's name.
fn node_name(m: &Methodology, code: &str) -> String {
    let criterion = m.node(code).map(|n| n.name.clone());
    criterion
        .or_else(|| {
            let def = m.def();
            def.adjustments
                .iter()
                .find(|a| a.code == code)
                .map(|a| a.name.clone())
        })
        .unwrap_or_default()
}

fn node_points(unit: &UnitResult, code: &str) -> Dec {
    match unit.nodes.get(code) {
        Some(node) => node.points(),
        None => unit
            .nodes
            .adjustments()
            .find(|a| a.code() == code)
            .map(|a| a.points())
            .unwrap_or_default(),
    }
}
