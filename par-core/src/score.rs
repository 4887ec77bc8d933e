//! Scoring: assessments → points per node, per component and in total, with provenance.
//!
//! Arithmetic is exact (`rust_decimal`) until the very end: sums of unrounded points, one division
//! for each percentage, and one rounding per output value under the methodology's policy.

use crate::assessment::{check_unit_count, Entry, InputValue, SurveyInput, UnitAssessment};
use crate::bands::find_rule_band;
use crate::decimal::{exact_text, parse_decimal, round, Dec};
use crate::error::{Collector, ErrorCode, ParError, Problems, Read};
use crate::methodology::{
    same_label, Methodology, MissingLeaf, NoSurvey, Node, Policies, Rule, UnappraisedSelf,
};
use crate::results::{
    ComponentResult, MethodologyRef, NodeMap, NodeResult, Provenance, Results, Source, UnitResult,
    Warning, WarningCode, RESULTS_SCHEMA,
};
use crate::table::Table;
use indexmap::IndexMap;
use rust_decimal::Decimal;
use rustc_hash::FxHashSet as HashSet;

/// Scores and ranks every unit. All problems of all units are reported together.
pub fn score(m: &Methodology, units: Vec<UnitAssessment>) -> Result<Results, Problems> {
    check_unit_count(units.len())?;
    let mut problems = Collector::default();
    let mut seen = HashSet::with_capacity_and_hasher(units.len(), Default::default());
    let mut scored = Vec::with_capacity(units.len());
    for unit in units {
        if !seen.insert(unit.unit.trim().to_string()) {
            problems.push(
                ParError::new(
                    ErrorCode::DuplicateUnit,
                    format!("unit '{}' appears more than once", unit.unit),
                )
                .unit(&unit.unit)
                .field("unit")
                .value(&unit.unit),
            );
            continue;
        }
        match score_unit(m, unit) {
            Ok(u) => scored.push(u),
            Err(errors) => errors.into_iter().for_each(|e| problems.push(e)),
        }
    }
    problems.finish(())?;
    let (units, blocks) = crate::rank::rank(m, scored);
    let policies = m.policies();
    Ok(Results {
        schema: RESULTS_SCHEMA.to_string(),
        methodology: MethodologyRef {
            id: m.id().to_string(),
            name: m.name().to_string(),
        },
        rounding: policies.rounding,
        ranked_on: policies.ranking.on,
        tree: m.tree(),
        units,
        blocks,
        warnings: Vec::new(),
    })
}

/// Scores what could be read of an input, and reports the problems of reading it together with
/// those scoring finds in the readable part (leaving out a second report for a place already
/// reported, such as a missing leaf whose entry could not be read).
pub fn score_read(m: &Methodology, input: Read<Vec<UnitAssessment>>) -> Result<Results, Problems> {
    let Read {
        value: units,
        problems,
    } = input;
    if problems.is_empty() {
        return score(m, units);
    }
    let reported: HashSet<(Option<String>, Option<String>)> = problems
        .iter()
        .map(|e| (e.unit.clone(), e.node.clone()))
        .collect();
    let mut all = problems;
    if let Err(later) = score(m, units) {
        all.extend(
            later
                .problems
                .into_iter()
                .filter(|e| !reported.contains(&(e.unit.clone(), e.node.clone()))),
        );
    }
    Err(all.into())
}

/// Scores a table (wide or long). Columns the caller filled from floating-point numbers are named
/// in a results warning, so that nobody mistakes their conversion for exact input.
pub fn score_table(m: &Methodology, table: &Table) -> Result<Results, Problems> {
    let mut results = score_read(m, table.read_assessments(m)?)?;
    results.note_float_columns(&table.float_columns);
    Ok(results)
}

/// Rounds under the methodology's policy.
struct Rounder {
    places: u32,
    mode: crate::decimal::RoundingMode,
}

impl Rounder {
    fn of(p: &Policies) -> Self {
        Rounder {
            places: p.rounding.places,
            mode: p.rounding.mode,
        }
    }
    fn round(&self, d: Decimal) -> Dec {
        Dec(round(d, self.places, self.mode))
    }
    /// A node's max, rounded once per scoring run rather than once per unit.
    fn max(&self, node: &Node, max: Decimal) -> Dec {
        if max == node.max {
            node.max_rounded
        } else {
            self.round(max)
        }
    }
    /// points / max × 100, exact; `None` when the max is zero.
    fn percent(points: Decimal, max: Decimal) -> Option<Decimal> {
        if max.is_zero() {
            return None;
        }
        // Bounded inputs (|points| ≤ max < 10^12 per node, sums of ≤ 10^4 nodes) cannot overflow;
        // checked arithmetic keeps even a violated bound from panicking.
        (points * Decimal::ONE_HUNDRED).checked_div(max)
    }
    fn node(&self, node: &Node, points: Decimal, max: Decimal, source: Source) -> NodeResult {
        // 100 / max is often exact (max 1, 2, 2.5, 10...): a multiplication then replaces the
        // division, with the same exact result.
        let index = match node.percent_factor {
            Some(f) if max == node.max => Some(points * f),
            _ => Self::percent(points, max),
        };
        NodeResult {
            points: self.round(points),
            points_exact: Dec(exact(points)),
            max: self.max(node, max),
            index: index.map(|p| self.round(p)),
            lost: self.round(max - points),
            source,
            provenance: None,
        }
    }
}

/// The exact value without trailing zeros ("9.4150" → "9.415"), zero without a sign.
fn exact(d: Decimal) -> Decimal {
    let mut n = d.normalize();
    if n.is_zero() {
        n.set_sign_positive(true);
    }
    n
}

/// What a leaf's inputs came to.
struct Outcome {
    points: Decimal,
    source: Source,
    round: Option<u32>,
    appraised: Option<bool>,
    self_points: Option<Decimal>,
    rule: Option<String>,
    warning: Option<(WarningCode, String)>,
}

impl Outcome {
    fn simple(points: Decimal, source: Source) -> Self {
        Outcome {
            points,
            source,
            round: None,
            appraised: None,
            self_points: None,
            rule: None,
            warning: None,
        }
    }
}

fn score_unit(m: &Methodology, unit: UnitAssessment) -> Result<UnitResult, Vec<ParError>> {
    let policies = m.policies();
    let r = Rounder::of(policies);
    let name = unit.unit;
    let mut problems: Vec<ParError> = Vec::new();
    let mut fail = |e: ParError| problems.push(e.in_unit(&name));

    let block = resolve_block(m, unit.block).map_err(|e| vec![e.in_unit(&name)]);
    let block = match block {
        Ok(b) => b,
        Err(e) => {
            e.into_iter().for_each(&mut fail);
            None
        }
    };

    // Place each entry on its node or adjustment.
    let n = m.nodes.len();
    let mut entries: Vec<Option<Entry>> = vec![None; n];
    let mut adjustment_entries: Vec<Option<Entry>> = vec![None; m.adjustments.len()];
    for (code, entry) in unit.entries {
        if let Some(&i) = m.by_code.get(&code) {
            entries[i] = Some(entry);
        } else if let Some(&i) = m.adjustment_by_code.get(&code) {
            adjustment_entries[i] = Some(entry);
        } else {
            fail(
                ParError::new(
                    ErrorCode::UnknownNode,
                    format!("the methodology '{}' has no node '{code}'", m.id()),
                )
                .node(&code)
                .value(&code),
            );
        }
    }

    // A parent scores from its children, or from `value` (its points); self-scores, appraisals
    // and survey results belong to leaves. A node given by value covers its subtree: no
    // descendant may have input of its own.
    let mut covered = vec![false; n];
    for i in 0..n {
        let node = &m.nodes[i];
        if node.is_leaf() {
            continue;
        }
        if let Some(e) = &entries[i] {
            let leaf_inputs = [
                ("self", e.self_score.is_some()),
                ("appraisals", !e.appraisals.is_empty()),
                ("survey", e.survey.is_some()),
            ];
            for (field, _) in leaf_inputs.iter().filter(|(_, given)| *given) {
                fail(
                    ParError::new(
                        ErrorCode::ConflictingInput,
                        format!(
                            "'{}' has sub-criteria: score them, or give the node's points as `value`; it takes no {field}",
                            node.code
                        ),
                    )
                    .node(&node.code)
                    .field(*field),
                );
            }
        }
        let by_value = entries[i].as_ref().is_some_and(|e| e.value.is_some());
        if !by_value || covered[i] {
            continue;
        }
        for d in i + 1..node.end {
            covered[d] = true;
            if entries[d].as_ref().is_some_and(Entry::has_score) {
                fail(
                    ParError::new(
                        ErrorCode::ConflictingInput,
                        format!(
                            "node '{}' is given by value, so its descendant '{}' may not have input",
                            node.code, m.nodes[d].code
                        ),
                    )
                    .node(&m.nodes[d].code)
                    .value(&node.code),
                );
            }
        }
    }

    let has_survey_leaves = m.nodes.iter().any(|n| n.survey && n.is_leaf());
    let survey_given = m
        .nodes
        .iter()
        .zip(&entries)
        .any(|(n, e)| n.survey && e.as_ref().is_some_and(Entry::has_score));
    let rescale = policies.no_survey == NoSurvey::Rescale && has_survey_leaves && !survey_given;

    // Children come after their parent in pre-order, so a reverse walk sees them first.
    let mut points = vec![Decimal::ZERO; n];
    let mut max = vec![Decimal::ZERO; n];
    let mut results: Vec<Option<NodeResult>> = vec![None; n];
    let mut leaf_warnings = Vec::new();
    for i in (0..n).rev() {
        if covered[i] {
            continue;
        }
        let node = &m.nodes[i];
        let mut entry = entries[i].take();
        let result = if let Some(v) = entry
            .as_ref()
            .and_then(|e| e.value)
            .filter(|_| !node.is_leaf())
        {
            if v.0 < Decimal::ZERO || v.0 > node.max {
                fail(out_of_range(node, "value", v.0, node.max));
            }
            points[i] = v.0;
            max[i] = node.max;
            let mut res = r.node(node, points[i], max[i], Source::Value);
            res.provenance = parent_provenance(entry);
            res
        } else if node.is_leaf() {
            if rescale && node.survey {
                r.node(node, Decimal::ZERO, Decimal::ZERO, Source::NotSurveyed)
            } else {
                match eval_leaf(node, entry.as_mut(), policies) {
                    Ok(o) => {
                        points[i] = o.points;
                        max[i] = node.max;
                        if let Some((code, message)) = &o.warning {
                            leaf_warnings.push(Warning {
                                code: *code,
                                message: message.clone(),
                                node: Some(node.code.clone()),
                            });
                        }
                        leaf_result(&r, node, o, entry)
                    }
                    Err(errors) => {
                        errors.into_iter().for_each(|e| fail(e.node(&node.code)));
                        continue;
                    }
                }
            }
        } else {
            points[i] = node.children.iter().map(|&c| points[c]).sum();
            max[i] = node.children.iter().map(|&c| max[c]).sum();
            let mut res = r.node(node, points[i], max[i], Source::Children);
            res.provenance = parent_provenance(entry);
            res
        };
        results[i] = Some(result);
    }

    // The walk went backwards; warnings read best in tree order.
    leaf_warnings.reverse();
    let mut warnings = leaf_warnings;

    // Component totals: from leaves, or from a node given by value when it has one component.
    let mut components: IndexMap<String, (Decimal, Decimal)> = m
        .components
        .iter()
        .map(|c| (c.clone(), (Decimal::ZERO, Decimal::ZERO)))
        .collect();
    for i in 0..n {
        let node = &m.nodes[i];
        let counts = !covered[i]
            && (node.is_leaf()
                || results[i]
                    .as_ref()
                    .is_some_and(|r| r.source == Source::Value));
        if !counts {
            continue;
        }
        match node.component {
            Some(c) => {
                let slot = &mut components[c];
                slot.0 += points[i];
                slot.1 += max[i];
            }
            None => warnings.push(Warning {
                code: WarningCode::ComponentsUnattributed,
                message: format!(
                    "node '{}' is given by value but spans several components; its points are in no component total",
                    node.code
                ),
                node: Some(node.code.clone()),
            }),
        }
    }

    // Adjustments (bonus/penalty), each capped, then the total clamped to 0..max.
    let mut adjustments = IndexMap::new();
    let mut adjustment_total = Decimal::ZERO;
    for (a, entry) in m.adjustments.iter().zip(adjustment_entries) {
        let Some(mut entry) = entry else { continue };
        let pseudo = Node {
            max_rounded: r.round(a.max),
            percent_factor: None,
            key: a.code.as_str().into(),
            code: a.code.clone(),
            name: String::new(),
            max: a.max,
            children: Vec::new(),
            end: 0,
            depth: 0,
            component: None,
            survey: false,
            rule: Rule::Points,
        };
        let outcome = eval_inputs(&pseudo, &mut entry, policies, true);
        let o = match outcome {
            Ok(o) => o,
            Err(errors) => {
                errors.into_iter().for_each(|e| fail(e.node(&a.code)));
                continue;
            }
        };
        let capped = o.points.clamp(a.min, a.max);
        let uncapped = o.points;
        let mut res = leaf_result(
            &r,
            &pseudo,
            Outcome {
                points: capped,
                ..o
            },
            Some(entry),
        );
        res.lost = Dec(round(Decimal::ZERO, r.places, r.mode));
        res.index = None;
        if capped != uncapped {
            res.provenance.get_or_insert_with(Box::default).uncapped = Some(Dec(exact(uncapped)));
            warnings.push(Warning {
                code: WarningCode::AdjustmentCapped,
                message: format!(
                    "adjustment '{}' of {} capped to {}",
                    a.code,
                    exact_text(uncapped),
                    exact_text(capped)
                ),
                node: Some(a.code.clone()),
            });
        }
        adjustment_total += capped;
        adjustments.insert(a.code.clone(), res);
    }

    if !problems.is_empty() {
        return Err(problems);
    }

    let tree_points: Decimal = m.roots.iter().map(|&i| points[i]).sum();
    let total_max: Decimal = m.roots.iter().map(|&i| max[i]).sum();
    if total_max.is_zero() {
        return Err(vec![ParError::new(
            ErrorCode::OutOfRange,
            "no points can be scored: every leaf is survey-assessed and the unit has no survey",
        )
        .unit(&name)]);
    }
    let unclamped = tree_points + adjustment_total;
    let total = unclamped.clamp(Decimal::ZERO, total_max);
    if total != unclamped {
        warnings.push(Warning {
            code: WarningCode::TotalClamped,
            message: format!(
                "the total {} left 0..{} after adjustments and was clamped",
                exact_text(unclamped),
                exact_text(total_max)
            ),
            node: None,
        });
    }
    if rescale {
        warnings.push(Warning {
            code: WarningCode::SurveyRescaled,
            message: format!(
                "no survey input: the index is non-survey points over the non-survey max ({})",
                exact_text(total_max)
            ),
            node: None,
        });
    }
    let index_exact = Rounder::percent(total, total_max).unwrap_or_default();

    Ok(UnitResult {
        unit: name,
        block,
        points: r.round(total),
        points_exact: Dec(exact(total)),
        max: r.round(total_max),
        index: r.round(index_exact),
        index_exact: Dec(exact(index_exact)),
        rank: 0,
        band: None,
        survey_rescaled: rescale,
        components: components
            .into_iter()
            .map(|(tag, (p, mx))| {
                let c = ComponentResult {
                    points: r.round(p),
                    points_exact: Dec(exact(p)),
                    max: r.round(mx),
                    index: Rounder::percent(p, mx).map(|x| r.round(x)),
                };
                (tag, c)
            })
            .collect(),
        nodes: NodeMap({
            let mut nodes = Vec::with_capacity(n);
            nodes.extend(
                m.nodes
                    .iter()
                    .zip(results)
                    .filter_map(|(node, res)| Some((node.key.clone(), res?))),
            );
            nodes
        }),
        adjustments,
        warnings,
    })
}

fn resolve_block(m: &Methodology, given: Option<String>) -> Result<Option<String>, ParError> {
    if m.blocks.is_empty() {
        return Ok(given);
    }
    match given {
        None if m.blocks.len() == 1 => Ok(Some(m.blocks[0].id.clone())),
        None => Err(ParError::new(
            ErrorCode::MissingField,
            format!(
                "the methodology ranks units in blocks; give one of: {}",
                block_list(m)
            ),
        )
        .field("block")),
        Some(b) => m
            .blocks
            .iter()
            .find(|k| k.id == b.trim() || k.name.as_deref().is_some_and(|n| same_label(n, &b)))
            .map(|k| Some(k.id.clone()))
            .ok_or_else(|| {
                ParError::new(
                    ErrorCode::UnknownBlock,
                    format!(
                        "block '{b}' is not declared; give one of: {}",
                        block_list(m)
                    ),
                )
                .field("block")
                .value(b)
            }),
    }
}

fn block_list(m: &Methodology) -> String {
    m.blocks
        .iter()
        .map(|b| b.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn out_of_range(node: &Node, field: &str, value: Decimal, max: Decimal) -> ParError {
    ParError::new(
        ErrorCode::OutOfRange,
        format!(
            "{} is outside 0..{} for node '{}'",
            exact_text(value),
            exact_text(max),
            node.code
        ),
    )
    .node(&node.code)
    .field(field)
    .value(exact_text(value))
}

/// Builds a leaf's result, moving the entry's provenance (self, rounds, evidence) into it.
fn leaf_result(r: &Rounder, node: &Node, o: Outcome, entry: Option<Entry>) -> NodeResult {
    let mut res = r.node(node, o.points, node.max, o.source);
    let mut p = Provenance {
        round: o.round,
        appraised: o.appraised,
        self_points: o.self_points.map(|p| r.round(p)),
        rule: o.rule,
        ..Provenance::default()
    };
    if let Some(e) = entry {
        p.self_score = e.self_score;
        p.evidence = e.evidence;
        p.explanation = e.explanation;
        p.survey = e.survey;
        p.appraisals = e.appraisals;
        for a in &mut p.appraisals {
            a.points = a.points.map(|x| r.round(x.0));
        }
    }
    if p != Provenance::default() {
        res.provenance = Some(Box::new(p));
    }
    res
}

/// Evidence and explanation given for a parent node (kept, though they do not score).
fn parent_provenance(entry: Option<Entry>) -> Option<Box<Provenance>> {
    let e = entry.filter(|e| !e.evidence.is_empty() || e.explanation.is_some())?;
    Some(Box::new(Provenance {
        evidence: e.evidence,
        explanation: e.explanation,
        ..Provenance::default()
    }))
}

/// A leaf's points under the override semantics and the methodology's policies.
fn eval_leaf(
    node: &Node,
    entry: Option<&mut Entry>,
    p: &Policies,
) -> Result<Outcome, Vec<ParError>> {
    let Some(entry) = entry.filter(|e| e.has_score()) else {
        return match p.missing_leaf {
            MissingLeaf::Error => Err(vec![ParError::new(
                ErrorCode::MissingLeaf,
                format!("no score was entered for '{}'", node.code),
            )]),
            MissingLeaf::Zero => Ok(Outcome {
                warning: Some((
                    WarningCode::MissingLeaf,
                    format!("no score was entered for '{}'; counted as 0", node.code),
                )),
                ..Outcome::simple(Decimal::ZERO, Source::Missing)
            }),
        };
    };
    if node.survey {
        return eval_survey(node, entry);
    }
    if entry.survey.is_some() {
        return Err(vec![ParError::new(
            ErrorCode::NotSurvey,
            format!(
                "'{}' is not survey-assessed; give self or appraisals",
                node.code
            ),
        )
        .field("survey")]);
    }
    eval_inputs(node, entry, p, false)
}

fn eval_survey(node: &Node, entry: &Entry) -> Result<Outcome, Vec<ParError>> {
    let mut errors = Vec::new();
    if entry.self_score.is_some() {
        errors.push(survey_only(node, "self"));
    }
    if !entry.appraisals.is_empty() {
        errors.push(survey_only(node, "appraisals"));
    }
    let outcome = match (entry.survey, entry.value) {
        (Some(_), Some(_)) => {
            errors.push(
                ParError::new(
                    ErrorCode::ConflictingInput,
                    "give either survey or value, not both",
                )
                .field("value"),
            );
            None
        }
        (Some(SurveyInput::Percent(pct)), None) => {
            if pct.0 < Decimal::ZERO || pct.0 > Decimal::ONE_HUNDRED {
                errors.push(out_of_range(
                    node,
                    "survey.percent",
                    pct.0,
                    Decimal::ONE_HUNDRED,
                ));
            }
            let points = (node.max * pct.0).checked_div(Decimal::ONE_HUNDRED);
            points.map(|p| Outcome::simple(p, Source::Survey))
        }
        (Some(SurveyInput::Points(pts)), None) => {
            if pts.0 < Decimal::ZERO || pts.0 > node.max {
                errors.push(out_of_range(node, "survey.points", pts.0, node.max));
            }
            Some(Outcome::simple(pts.0, Source::Survey))
        }
        (None, Some(v)) => {
            if v.0 < Decimal::ZERO || v.0 > node.max {
                errors.push(out_of_range(node, "value", v.0, node.max));
            }
            Some(Outcome::simple(v.0, Source::Value))
        }
        (None, None) => None,
    };
    match outcome {
        Some(o) if errors.is_empty() => Ok(o),
        _ => Err(errors),
    }
}

fn survey_only(node: &Node, field: &str) -> ParError {
    ParError::new(
        ErrorCode::SurveyOnly,
        format!(
            "'{}' is assessed only by survey; it takes no {field}",
            node.code
        ),
    )
    .field(field)
}

/// Self-score, appraisal rounds and value → points. Leaf inputs must lie within the rule's range;
/// an adjustment's need not (`capped`): bonus and penalty rules cap them afterwards.
fn eval_inputs(
    node: &Node,
    entry: &mut Entry,
    p: &Policies,
    capped: bool,
) -> Result<Outcome, Vec<ParError>> {
    let mut errors = Vec::new();
    // `round` is None for the self-score; the field name is only spelled out on error.
    let apply = |input: &InputValue, round: Option<usize>| {
        let applied = if capped {
            input_decimal(input).map(|d| (d, None))
        } else {
            apply_rule(&node.rule, node.max, input)
        };
        applied.map_err(|e| {
            let field = match round {
                None => "self".to_string(),
                Some(i) => format!("appraisals[{i}].value"),
            };
            e.node(&node.code).field(field)
        })
    };

    let self_applied = match entry.self_score.as_ref().map(|s| apply(s, None)) {
        Some(Err(e)) => {
            errors.push(e);
            None
        }
        Some(Ok(x)) => Some(x),
        None => None,
    };
    // Each round's points are recorded in the round itself; the last round's rule note is kept.
    let mut last_rule = None;
    let mut last_round = 0;
    for (i, a) in entry.appraisals.iter_mut().enumerate() {
        if a.points.is_some() {
            errors.push(
                ParError::new(
                    ErrorCode::UnknownField,
                    "an appraisal gives its `value`; its `points` are computed by the engine",
                )
                .node(&node.code)
                .field(format!("appraisals[{i}].points")),
            );
        }
        match apply(&a.value, Some(i)) {
            Ok((pts, rule)) => {
                a.points = Some(Dec(pts));
                last_rule = rule;
            }
            Err(e) => errors.push(e),
        }
        if a.round == 0 || a.round <= last_round {
            errors.push(
                ParError::new(
                    ErrorCode::BadRound,
                    "appraisal rounds must be numbered from 1 and strictly increasing",
                )
                .node(&node.code)
                .field(format!("appraisals[{i}].round"))
                .value(a.round.to_string()),
            );
        }
        last_round = a.round;
    }
    if let Some(v) = entry.value {
        if !capped && (v.0 < Decimal::ZERO || v.0 > node.max) {
            errors.push(out_of_range(node, "value", v.0, node.max));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    // Every round now has its points.
    let round_points = |a: &crate::assessment::Appraisal| a.points.map_or(Decimal::ZERO, |d| d.0);

    if p.reason_required {
        let mut previous = self_applied.as_ref().map(|s| s.0);
        for (i, a) in entry.appraisals.iter().enumerate() {
            let pts = round_points(a);
            let blank = a.reason.as_deref().is_none_or(|r| r.trim().is_empty());
            if let Some(prev) = previous.filter(|prev| *prev != pts && blank) {
                let change = format!("{} → {}", exact_text(prev), exact_text(pts));
                errors.push(
                    ParError::new(
                        ErrorCode::ReasonRequired,
                        format!(
                            "round {} changes the score {change} without a reason",
                            a.round
                        ),
                    )
                    .field(format!("appraisals[{i}].reason"))
                    .value(change),
                );
            }
            previous = Some(pts);
        }
        if !errors.is_empty() {
            return Err(errors);
        }
    }

    let base = Outcome {
        self_points: self_applied.as_ref().map(|s| s.0),
        ..Outcome::simple(Decimal::ZERO, Source::Missing)
    };
    if let Some(a) = entry.appraisals.last() {
        return Ok(Outcome {
            points: round_points(a),
            source: Source::Appraisal,
            round: Some(a.round),
            appraised: Some(true),
            rule: last_rule,
            ..base
        });
    }
    if let Some(v) = entry.value {
        return Ok(Outcome {
            points: v.0,
            source: Source::Value,
            ..base
        });
    }
    let Some((pts, rule)) = self_applied else {
        // Only evidence or an explanation (an adjustment entry without points): nothing counts.
        return Ok(base);
    };
    let not_appraised = Outcome {
        source: Source::SelfAssessed,
        appraised: Some(false),
        rule,
        ..base
    };
    if p.evidence_required && pts > Decimal::ZERO && entry.evidence.is_empty() {
        return Ok(Outcome {
            points: Decimal::ZERO,
            warning: Some((
                WarningCode::EvidenceMissing,
                format!(
                    "self-score {} for '{}' has no evidence; counted as 0",
                    exact_text(pts),
                    node.code
                ),
            )),
            ..not_appraised
        });
    }
    match p.unappraised_self {
        UnappraisedSelf::Accept => Ok(Outcome {
            points: pts,
            ..not_appraised
        }),
        UnappraisedSelf::Zero => Ok(Outcome {
            points: Decimal::ZERO,
            warning: Some((
                WarningCode::NotAppraised,
                format!(
                    "self-score {} for '{}' was not appraised; counted as 0",
                    exact_text(pts),
                    node.code
                ),
            )),
            ..not_appraised
        }),
        UnappraisedSelf::Error => Err(vec![ParError::new(
            ErrorCode::NotAppraised,
            format!("the self-score for '{}' has not been appraised", node.code),
        )
        .field("appraisals")]),
    }
}

fn input_decimal(input: &InputValue) -> Result<Decimal, ParError> {
    match input {
        InputValue::Text(t) => parse_decimal(t),
        InputValue::Flag(b) => Err(ParError::new(
            ErrorCode::BadType,
            format!("expected a decimal string, got {b}"),
        )
        .value(b.to_string())),
    }
}

/// Applies a leaf's rule to one input; returns the points and, for rules other than `points`,
/// a note of what the rule matched.
pub(crate) fn apply_rule(
    rule: &Rule,
    max: Decimal,
    input: &InputValue,
) -> Result<(Decimal, Option<String>), ParError> {
    let range = |v: Decimal, hi: Decimal| -> Result<(), ParError> {
        if v < Decimal::ZERO || v > hi {
            Err(ParError::new(
                ErrorCode::OutOfRange,
                format!("{} is outside 0..{}", exact_text(v), exact_text(hi)),
            )
            .value(exact_text(v)))
        } else {
            Ok(())
        }
    };
    match rule {
        Rule::Points => {
            let v = input_decimal(input)?;
            range(v, max)?;
            Ok((v, None))
        }
        Rule::Choice { options } => {
            let InputValue::Text(label) = input else {
                return Err(ParError::new(
                    ErrorCode::BadType,
                    "expected the label of one of the options",
                )
                .value(input.as_text()));
            };
            options
                .iter()
                .find(|o| same_label(&o.label, label))
                .map(|o| (o.points.0, Some(format!("choice '{}'", o.label))))
                .ok_or_else(|| {
                    let listed: Vec<&str> = options.iter().map(|o| o.label.as_str()).collect();
                    ParError::new(
                        ErrorCode::UnknownOption,
                        format!(
                            "'{label}' is not an option; options are: {}",
                            listed.join(" | ")
                        ),
                    )
                    .value(label)
                })
        }
        Rule::YesNo { yes, no } => {
            let answer = match input {
                InputValue::Flag(b) => Some(*b),
                InputValue::Text(t) => match t.trim().to_lowercase().as_str() {
                    "yes" | "true" | "có" | "co" | "đạt" | "1" => Some(true),
                    "no" | "false" | "không" | "khong" | "không đạt" | "0" => Some(false),
                    _ => None,
                },
            };
            match answer {
                Some(true) => Ok((yes.map(|d| d.0).unwrap_or(max), Some("yes".into()))),
                Some(false) => Ok((no.map(|d| d.0).unwrap_or(Decimal::ZERO), Some("no".into()))),
                None => Err(ParError::new(
                    ErrorCode::UnknownOption,
                    "expected yes or no (true/false, có/không)",
                )
                .value(input.as_text())),
            }
        }
        Rule::Bands { bands, measure } => {
            let v = input_decimal(input)?;
            let band = find_rule_band(bands, v).ok_or_else(|| {
                ParError::new(
                    ErrorCode::OutOfRange,
                    format!(
                        "{} {}is in none of the rule's bands",
                        exact_text(v),
                        measure
                            .as_deref()
                            .map(|m| format!("({m}) "))
                            .unwrap_or_default()
                    ),
                )
                .value(exact_text(v))
            })?;
            let label = band
                .label
                .as_deref()
                .map(|l| format!(" '{l}'"))
                .unwrap_or_default();
            Ok((
                band.points.0,
                Some(format!("band{label} for {}", exact_text(v))),
            ))
        }
        Rule::Ratio { target } => {
            let v = input_decimal(input)?;
            range(v, Decimal::from(crate::decimal::MAX_MAGNITUDE))?;
            // v < target keeps the quotient below 1, so the product stays below max.
            let points = if v >= target.0 {
                max
            } else {
                (max * v).checked_div(target.0).unwrap_or(max)
            };
            Ok((
                points,
                Some(format!("ratio {}/{}", exact_text(v), exact_text(target.0))),
            ))
        }
    }
}
