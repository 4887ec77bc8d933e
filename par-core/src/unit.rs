//! One unit scored, step by step: its entries placed on the criteria tree, the inputs a parent
//! may not have checked, each leaf evaluated under the override rules ([`crate::rules`]) and its
//! points rolled up to the fields, the components' totals, the bonus and penalty adjustments,
//! and the total with its index.
//!
//! Arithmetic is exact (`rust_decimal`) until the very end: sums of unrounded points, one
//! division for each percentage, and one rounding per output value under the methodology's
//! policy. Node results keep exact figures and refer to the unit's own entries for their
//! provenance; rounded figures are derived when results are read or written
//! (`results::NodeView`).

use crate::assessment::{entry_given_twice, Entries, Entry, EntryList, InputValue, UnitAssessment};
use crate::decimal::{normalized, percent, Dec};
use crate::encoding::nfc;
use crate::entry_texts::{
    texts_not_read, with_unread, TextsFrom, EVERY_TEXT, TEXTS_DECIDING_POINTS,
    TEXTS_KEPT_AS_WRITTEN,
};
use crate::error::{ErrorCode, ParError};
use crate::methodology::{
    Methodology, MissingLeaf, NoSurvey, Node, OptionKeys, Policies, UnappraisedSelf,
};
use crate::results::Warning;
use crate::results::{AdjustmentResult, ComponentResult, NodeMap, NodeResult, Source, UnitResult};
use crate::rules::{criterion, eval_inputs, eval_leaf, eval_survey, out_of_range, Outcome, Target};
use crate::text::{EntryText, Input, Lang, Listed, ScoringMsg, WarningMsg};
use crate::worth::{EntryPoints, EntryScoring};
use indexmap::IndexMap;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;
use std::sync::Arc;

/// How a unit's problems end its scoring.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Any problem refuses the unit: results are only made of valid input.
    Strict,
    /// A form being filled in: each invalid entry is reported and counts nothing, the valid ones
    /// count, an empty value is no input yet, and a criterion not yet entered (or not yet
    /// appraised, under `unappraised_self: error`) counts 0 with a warning whatever the policy:
    /// the form is not finished.
    Form,
}

/// Scores one unit; any problem refuses it.
pub(crate) fn score_unit(
    m: &Methodology,
    unit: UnitAssessment,
    lang: Lang,
) -> Result<UnitResult, Vec<ParError>> {
    score_unit_in(m, unit, lang, Mode::Strict).map(|(result, _)| result)
}

/// Scores one unit; in [`Mode::Form`], also with problems, which are given beside the result.
pub(crate) fn score_unit_in(
    m: &Methodology,
    unit: UnitAssessment,
    lang: Lang,
    mode: Mode,
) -> Result<(UnitResult, Vec<ParError>), Vec<ParError>> {
    let UnitAssessment {
        unit: name,
        block,
        mut entries,
    } = unit;
    let policies = policies_for(m, mode);
    let typed_rounds = match mode {
        Mode::Form => leave_out_empty_values(&mut entries),
        Mode::Strict => TypedRounds::default(),
    };
    let mut unit = UnitScoring {
        m,
        policies: &policies,
        lang,
        form: mode == Mode::Form,
        name: &name,
        problems: Vec::new(),
    };
    let block = unit.resolve_block(block);
    let placed = unit.place_entries(&entries);
    let given = unit.check_parent_inputs(&entries, &placed);
    let rescale = unit.rescales_survey(&entries, &placed);
    let mut worth = EntryPoints::for_entries(&entries);
    let tree = unit.evaluate_tree(&entries, &mut worth, &placed, &given, rescale);
    let mut warnings = tree.warnings;
    let components = unit.component_totals(&tree.points, &tree.max, &given, &mut warnings);
    let (adjustments, adjustment_total) =
        unit.apply_adjustments(&entries, &mut worth, &placed, &mut warnings);
    unit.check_texts_read(&entries, &placed, &given);

    let problems = typed_rounds.rename(with_rows(unit.problems, &entries));
    if mode == Mode::Strict && !problems.is_empty() {
        return Err(problems);
    }
    let tree_points: Decimal = m.roots.iter().map(|&i| tree.points[i]).sum();
    let total_max: Decimal = m.roots.iter().map(|&i| tree.max[i]).sum();
    if total_max.is_zero() {
        let nothing = ParError::new(ErrorCode::OutOfRange, ScoringMsg::NothingScorable);
        return Err(vec![nothing.unit(&name)]);
    }
    let total = clamped_total(
        tree_points + adjustment_total,
        total_max,
        lang,
        &mut warnings,
    );
    if rescale {
        let message = WarningMsg::SurveyRescaled { max: total_max };
        warnings.push(Warning::new(message, None, lang));
    }
    let rounding = policies.rounding;
    let index_exact = percent(total, total_max).unwrap_or_default();
    let result = UnitResult {
        unit: name,
        block,
        points: rounding.round(total),
        points_exact: Dec(normalized(total)),
        max: rounding.round(total_max),
        index: rounding.round(index_exact),
        index_exact: Dec(normalized(index_exact)),
        rank: 0,
        band: None,
        survey_rescaled: rescale,
        components: components
            .into_iter()
            .map(|(tag, (p, mx))| {
                let c = ComponentResult {
                    points: rounding.round(p),
                    points_exact: Dec(normalized(p)),
                    max: rounding.round(mx),
                    index: rounding.percent(p, mx),
                };
                (tag, c)
            })
            .collect(),
        nodes: NodeMap::new(
            Arc::clone(&m.results_tree),
            rounding,
            entries,
            worth,
            tree.scored,
            adjustments,
        ),
        warnings,
    };
    Ok((result, problems))
}

/// The policies a unit is scored under. A form is filled in before it is appraised: a criterion
/// not yet entered counts 0, and an unappraised self-score counts 0 with a warning rather than
/// refusing the form.
fn policies_for(m: &Methodology, mode: Mode) -> Cow<'_, Policies> {
    if mode == Mode::Strict {
        return Cow::Borrowed(m.policies());
    }
    let unappraised_self = match m.policies().unappraised_self {
        UnappraisedSelf::Error => UnappraisedSelf::Zero,
        other => other,
    };
    Cow::Owned(Policies {
        missing_leaf: MissingLeaf::Zero,
        unappraised_self,
        ..m.policies().clone()
    })
}

/// The tree total with the adjustments, clamped to 0..max (with a warning when it had to be).
fn clamped_total(
    unclamped: Decimal,
    max: Decimal,
    lang: Lang,
    warnings: &mut Vec<Warning>,
) -> Decimal {
    let total = unclamped.clamp(Decimal::ZERO, max);
    if total != unclamped {
        let message = WarningMsg::TotalClamped {
            total: unclamped,
            max,
        };
        warnings.push(Warning::new(message, None, lang));
    }
    total
}

/// One unit being scored: what it is scored under, and the problems found so far.
struct UnitScoring<'a> {
    m: &'a Methodology,
    policies: &'a Policies,
    lang: Lang,
    /// In a form, a problem leaves its criterion counting nothing (or its self-score alone)
    /// instead of refusing the unit.
    form: bool,
    name: &'a str,
    problems: Vec<ParError>,
}

/// Where each entry of a unit stands: the position in the unit's entries of each node's entry
/// and of each adjustment's. Entries stay where they are: results refer to them by position.
struct Placement {
    node_entry: Vec<Option<u32>>,
    adjustment_entry: Vec<Option<u32>>,
}

/// A leaf's entry, if the unit gave one, to be scored (again, in a form whose appraisal round
/// cannot stand) into what is kept of its worth.
struct LeafEntry<'a> {
    entries: &'a Entries,
    worth: &'a mut EntryPoints,
    input: Option<u32>,
}

impl LeafEntry<'_> {
    fn scoring(&mut self) -> Option<EntryScoring<'_>> {
        self.worth.scoring(self.entries, self.input?)
    }
}

/// The nodes given by value (their points) rather than scored from their children, and the
/// nodes those cover, which are not scored at all.
struct ByValue {
    given: Vec<bool>,
    covered: Vec<bool>,
}

/// The tree evaluated: each node's points and max, the results of the nodes scored in tree
/// order, and the leaves' warnings.
struct Evaluated {
    points: Vec<Decimal>,
    max: Vec<Decimal>,
    scored: Vec<(u32, NodeResult)>,
    warnings: Vec<Warning>,
}

impl UnitScoring<'_> {
    /// Records a problem of this unit.
    fn fail(&mut self, e: ParError) {
        self.problems.push(e.in_unit(self.name));
    }

    /// The unit's block, by id or name; the only block when the methodology has one.
    fn resolve_block(&mut self, given: Option<String>) -> Option<String> {
        match resolve_block(self.m, given) {
            Ok(block) => block,
            Err(e) => {
                self.fail(e);
                None
            }
        }
    }

    /// Places each entry on its node or adjustment; an entry for a code the methodology does
    /// not have is a problem.
    fn place_entries(&mut self, entries: &Entries) -> Placement {
        let m = self.m;
        let mut placed = Placement {
            node_entry: vec![None; m.nodes.len()],
            adjustment_entry: vec![None; m.adjustments.len()],
        };
        // The node after the last one placed: where the next entry's node usually is.
        let mut next = 0;
        for (i, code) in entries.keys().enumerate() {
            let position = Some(i as u32);
            // Two codes spelled apart that name one criterion (`1.1.é` typed as one character
            // and as a letter and its accent, in a Python dict no text reader put in NFC):
            // which entry was meant is not known, as for one code given twice.
            let twice = |place: &mut Option<u32>| std::mem::replace(place, position).is_some();
            let given_twice = if let Some(k) = node_from(m, next, code) {
                next = k + 1;
                twice(&mut placed.node_entry[k])
            } else if let Some(&k) = by_code(&m.adjustment_by_code, code) {
                twice(&mut placed.adjustment_entry[k])
            } else {
                let message = ScoringMsg::NotInCriteriaSet {
                    code: code.to_string(),
                    methodology: m.id().to_string(),
                };
                let unknown = ParError::new(ErrorCode::UnknownNode, message);
                self.fail(unknown.node(code.as_str()).value(code.as_str()));
                false
            };
            if given_twice {
                self.fail(entry_given_twice(code).node(code.as_str()));
            }
        }
        placed
    }

    /// Each entry's texts kept as written, which decide no points, and the evidence and reasons
    /// of the entries whose points are not scored from them (a parent's, a survey-assessed
    /// leaf's, a leaf's under a parent given by value; a scored leaf's are checked with its
    /// points in `eval_leaf`, an adjustment's in `apply_adjustments`): see [`texts_not_read`]. An
    /// entry for a code the methodology lacks is a problem already.
    fn check_texts_read(&mut self, entries: &Entries, placed: &Placement, by_value: &ByValue) {
        let m = self.m;
        let apart =
            |(k, n): (usize, &Node)| !n.children.is_empty() || n.survey || by_value.covered[k];
        let nodes = (m.nodes.iter().enumerate()).map(|(k, n)| (&n.code, apart((k, n))));
        let adjustments = m.adjustments.iter().map(|a| (&a.code, false));
        let at = placed.node_entry.iter().chain(&placed.adjustment_entry);
        for ((code, points_apart), &at) in nodes.chain(adjustments).zip(at) {
            let Some(entry) = entry_at(entries, at) else {
                continue;
            };
            let kinds: &[EntryText] = match points_apart {
                true => &EVERY_TEXT,
                false => &TEXTS_KEPT_AS_WRITTEN,
            };
            let unread = texts_not_read(code, entry, kinds, TextsFrom::Typed);
            unread.into_iter().for_each(|e| self.fail(e));
        }
    }

    /// A parent scores from its children, or from `value` (its points); self-scores,
    /// appraisals and survey results belong to leaves. A node given by value covers its
    /// subtree: no descendant may have input of its own.
    fn check_parent_inputs(&mut self, entries: &Entries, placed: &Placement) -> ByValue {
        let m = self.m;
        let n = m.nodes.len();
        let mut by_value = ByValue {
            given: vec![false; n],
            covered: vec![false; n],
        };
        for (i, node) in m.nodes.iter().enumerate() {
            if node.is_leaf() {
                continue;
            }
            let entry = entry_at(entries, placed.node_entry[i]);
            if let Some(e) = entry {
                self.refuse_leaf_inputs(node, e);
            }
            by_value.given[i] = entry.is_some_and(|e| e.value.is_some());
            if !by_value.given[i] || by_value.covered[i] {
                continue;
            }
            for d in i + 1..node.end {
                by_value.covered[d] = true;
                if entry_at(entries, placed.node_entry[d]).is_some_and(Entry::has_score) {
                    let message = ScoringMsg::DescendantOfValue {
                        criterion: criterion(node),
                        descendant: m.nodes[d].code.clone(),
                    };
                    let conflict = ParError::new(ErrorCode::ConflictingInput, message);
                    self.fail(conflict.node(&m.nodes[d].code).value(&node.code));
                }
            }
        }
        by_value
    }

    /// A parent's entry may give its points (`value`), nothing a leaf takes.
    fn refuse_leaf_inputs(&mut self, node: &Node, e: &Entry) {
        let leaf_inputs = [
            ("self", e.self_score.is_some()),
            ("appraisals", !e.appraisals.is_empty()),
            ("survey", e.survey.is_some()),
        ];
        for (field, _) in leaf_inputs.iter().filter(|(_, given)| *given) {
            let message = ScoringMsg::InputOnParent {
                criterion: criterion(node),
                field: field.to_string(),
            };
            let conflict = ParError::new(ErrorCode::ConflictingInput, message);
            self.fail(conflict.node(&node.code).field(*field));
        }
    }

    /// Whether the unit's survey leaves are left out and the rest rescaled (`no_survey:
    /// rescale`): no survey result given. In a form, only a survey result that counts ends
    /// rescaling: an invalid one counts nothing.
    fn rescales_survey(&self, entries: &Entries, placed: &Placement) -> bool {
        let m = self.m;
        let survey_given = m.survey_nodes.iter().any(|&i| {
            entry_at(entries, placed.node_entry[i]).is_some_and(|e| {
                e.has_score() && (!self.form || eval_survey(&m.nodes[i], e).is_ok())
            })
        });
        self.policies.no_survey == NoSurvey::Rescale && m.has_survey_leaves && !survey_given
    }

    /// Every node's points and max: leaves under the override rules, nodes given by value from
    /// their value, parents from their children. Children come after their parent in
    /// pre-order, so a reverse walk sees them first.
    fn evaluate_tree(
        &mut self,
        entries: &Entries,
        worth: &mut EntryPoints,
        placed: &Placement,
        by_value: &ByValue,
        rescale: bool,
    ) -> Evaluated {
        let m = self.m;
        let n = m.nodes.len();
        let mut tree = Evaluated {
            points: vec![Decimal::ZERO; n],
            max: vec![Decimal::ZERO; n],
            scored: Vec::with_capacity(n),
            warnings: Vec::new(),
        };
        let walk_problems_from = self.problems.len();
        for i in (0..n).rev() {
            if by_value.covered[i] {
                continue;
            }
            let node = &m.nodes[i];
            let input = placed.node_entry[i];
            let (points, max, source) = if by_value.given[i] {
                self.value_points(node, entry_at(entries, input))
            } else if node.is_leaf() && rescale && node.survey {
                self.survey_left_out(node, entry_at(entries, input))
            } else if node.is_leaf() {
                let scoring = LeafEntry {
                    entries,
                    worth,
                    input,
                };
                match self.leaf_points(node, scoring, &mut tree.warnings) {
                    Some(scored) => scored,
                    None => continue,
                }
            } else {
                roll_up(node, &tree, rescale)
            };
            tree.points[i] = points;
            tree.max[i] = max;
            // A survey leaf left out shows no input: none of it counts.
            let shown = input.filter(|_| source != Source::NotSurveyed);
            let result = NodeResult {
                input: shown,
                points,
                max,
                source,
            };
            tree.scored.push((i as u32, result));
        }
        // The walk went backwards; results, warnings and problems read best in tree order.
        tree.scored.reverse();
        tree.warnings.reverse();
        criteria_reversed(&mut self.problems[walk_problems_from..]);
        tree
    }

    /// A node given by value: its value, within 0..max. In a form, points out of range count
    /// nothing.
    fn value_points(&mut self, node: &Node, entry: Option<&Entry>) -> (Decimal, Decimal, Source) {
        let v = entry.and_then(|e| e.value).map_or(Decimal::ZERO, |v| v.0);
        let v = match out_of_range(node, Input::Value, v, node.max) {
            Some(e) => {
                self.fail(e);
                if self.form {
                    Decimal::ZERO
                } else {
                    v
                }
            }
            None => v,
        };
        (v, node.max, Source::Value)
    }

    /// A survey leaf left out of a unit without survey results (`no_survey: rescale`). Only an
    /// invalid survey result can stand here (a valid one ends rescaling): a form still reports
    /// it against its criterion.
    fn survey_left_out(
        &mut self,
        node: &Node,
        entry: Option<&Entry>,
    ) -> (Decimal, Decimal, Source) {
        let given = entry.filter(|e| e.has_score());
        if let Some(Err(errors)) = given.map(|e| eval_survey(node, e)) {
            errors
                .into_iter()
                .for_each(|e| self.fail(e.node(&node.code)));
        }
        (Decimal::ZERO, Decimal::ZERO, Source::NotSurveyed)
    }

    /// A leaf's points under the override rules; `None` when its input cannot stand and the
    /// unit is refused. In a form the criterion is there, its problem beside it: an appraisal
    /// that cannot stand leaves the self-score counting, anything else 0.
    fn leaf_points(
        &mut self,
        node: &Node,
        mut leaf: LeafEntry,
        warnings: &mut Vec<Warning>,
    ) -> Option<(Decimal, Decimal, Source)> {
        let (policies, lang) = (self.policies, self.lang);
        let outcome = match eval_leaf(node, leaf.scoring(), policies, lang) {
            Ok(o) => Some(o),
            Err(errors) => {
                let rounds_only = errors.iter().all(is_about_appraisals);
                errors
                    .into_iter()
                    .for_each(|e| self.fail(e.node(&node.code)));
                if !self.form {
                    return None;
                }
                leaf.scoring()
                    .filter(|_| rounds_only)
                    .and_then(|e| self_score_alone(node, e, policies, lang).ok())
            }
        };
        let Some(o) = outcome else {
            return Some((Decimal::ZERO, node.max, Source::Missing));
        };
        if let Some(message) = o.warning {
            warnings.push(Warning::new(*message, Some(&node.code), lang));
        }
        Some((o.points, node.max, o.source))
    }

    /// Component totals. A node whose leaves share one component adds its own points (the sum
    /// of its leaves, or its value) and its subtree is done; a node given by value that spans
    /// several components belongs to none.
    fn component_totals(
        &self,
        points: &[Decimal],
        max: &[Decimal],
        by_value: &ByValue,
        warnings: &mut Vec<Warning>,
    ) -> IndexMap<String, (Decimal, Decimal)> {
        let m = self.m;
        let mut components: IndexMap<String, (Decimal, Decimal)> = m
            .components
            .iter()
            .map(|c| (c.clone(), (Decimal::ZERO, Decimal::ZERO)))
            .collect();
        let mut i = 0;
        while i < m.nodes.len() {
            let node = &m.nodes[i];
            match node.component {
                Some(c) => {
                    let slot = &mut components[c];
                    slot.0 += points[i];
                    slot.1 += max[i];
                    i = node.end;
                }
                None if by_value.given[i] => {
                    let code = node.code.clone();
                    let message = WarningMsg::ComponentsUnattributed { code: code.clone() };
                    warnings.push(Warning::new(message, Some(&code), self.lang));
                    i = node.end;
                }
                None => i += 1,
            }
        }
        components
    }

    /// The bonus and penalty adjustments given, each capped to its range (with a warning when
    /// it had to be), and their sum.
    fn apply_adjustments(
        &mut self,
        entries: &Entries,
        worth: &mut EntryPoints,
        placed: &Placement,
        warnings: &mut Vec<Warning>,
    ) -> (Vec<AdjustmentResult>, Decimal) {
        let (policies, lang) = (self.policies, self.lang);
        let mut adjustments = Vec::new();
        let mut total = Decimal::ZERO;
        // An adjustment is points, without a rule's options.
        let no_options = OptionKeys::default();
        for (a, &input) in self.m.adjustments.iter().zip(&placed.adjustment_entry) {
            let Some(scoring) = input.and_then(|k| worth.scoring(entries, k)) else {
                continue;
            };
            let target = Target {
                code: &a.code,
                name: "",
                max: a.max,
                rule: None,
                options: &no_options,
            };
            let unread = texts_not_read(
                &a.code,
                scoring.entry,
                &TEXTS_DECIDING_POINTS,
                TextsFrom::Typed,
            );
            let o = match with_unread(unread, eval_inputs(&target, scoring, policies, lang)) {
                Ok(o) => o,
                Err(errors) => {
                    errors.into_iter().for_each(|e| self.fail(e.node(&a.code)));
                    continue;
                }
            };
            let capped = o.points.clamp(a.min, a.max);
            let uncapped = (capped != o.points).then_some(o.points);
            if uncapped.is_some() {
                let message = WarningMsg::AdjustmentCapped {
                    code: a.code.clone(),
                    given: o.points,
                    capped,
                };
                warnings.push(Warning::new(message, Some(&a.code), lang));
            }
            total += capped;
            adjustments.push(AdjustmentResult {
                result: NodeResult {
                    input,
                    points: capped,
                    max: a.max,
                    source: o.source,
                },
                uncapped,
            });
        }
        (adjustments, total)
    }
}

/// A parent's points, the sum of its children's. Validation made every parent's max the sum of
/// its children's; only survey leaves left out under `rescale` lower it.
fn roll_up(node: &Node, tree: &Evaluated, rescale: bool) -> (Decimal, Decimal, Source) {
    let points = node.children.iter().map(|&c| tree.points[c]).sum();
    let max = if rescale {
        node.children.iter().map(|&c| tree.max[c]).sum()
    } else {
        node.max
    };
    (points, max, Source::Children)
}

/// Whether a leaf's problem is in one of its appraisal rounds (a value, a round number, a
/// reason), not in its self-score or its evidence.
fn is_about_appraisals(problem: &ParError) -> bool {
    problem
        .field
        .as_deref()
        .is_some_and(|f| f.starts_with("appraisals"))
}

/// A form's leaf scored from its self-score alone, as if no appraisal had been entered yet: what
/// counts while an appraisal round being typed cannot stand. The points of the rounds that could
/// be scored stay beside them.
fn self_score_alone(
    node: &Node,
    scoring: EntryScoring,
    policies: &Policies,
    lang: Lang,
) -> Result<Outcome, Vec<ParError>> {
    let alone = Entry {
        appraisals: EntryList::new(),
        ..scoring.entry.clone()
    };
    let scoring = EntryScoring {
        entry: &alone,
        worth: scoring.worth,
        round_points: &mut [],
    };
    eval_leaf(node, Some(scoring), policies, lang)
}

/// Problems found criterion by criterion, put in the opposite order of criteria, each criterion's
/// own still in the order they were found (its self-score before its appraisal rounds).
fn criteria_reversed(problems: &mut [ParError]) {
    problems.reverse();
    let mut start = 0;
    while start < problems.len() {
        let node = &problems[start].node;
        let run = problems[start..]
            .iter()
            .take_while(|p| &p.node == node)
            .count();
        problems[start..start + run].reverse();
        start += run;
    }
}

/// A form's empty fields are no input: a self-score or an appraised value of blank text, a
/// blank explanation or reason, and a round with nothing in it. Returns where the rounds kept
/// were typed, for problems to name them there.
fn leave_out_empty_values(entries: &mut Entries) -> TypedRounds {
    let mut typed = TypedRounds::default();
    for (code, entry) in entries.iter_mut() {
        if let Some(positions) = leave_out_empty_values_of(entry) {
            typed.keep(code, positions);
        }
    }
    typed
}

/// Leaves out one entry's empty fields; where blank rounds are left out, returns the position
/// each round kept had among the rounds typed.
fn leave_out_empty_values_of(entry: &mut Entry) -> Option<Vec<usize>> {
    let blank = |v: &InputValue| matches!(v, InputValue::Text(t) if crate::names::shows_nothing(t));
    if entry.self_score.as_ref().is_some_and(blank) {
        entry.self_score = None;
    }
    let typed = entry.appraisals.iter().any(|a| blank(&a.value)).then(|| {
        let kept = entry.appraisals.iter().enumerate();
        kept.filter(|(_, a)| !blank(&a.value))
            .map(|(i, _)| i)
            .collect()
    });
    entry.appraisals.retain(|a| !blank(&a.value));
    if entry
        .explanation
        .as_deref()
        .is_some_and(crate::names::shows_nothing)
    {
        entry.explanation = None;
    }
    entry.evidence.retain(|e| !crate::names::shows_nothing(e));
    typed
}

/// Where a form's rounds were typed, by the code of the entries some of whose rounds were left
/// blank: a phone user who left round 1 empty and typed round 2 is told about the second round
/// (`appraisals[1]`), not about the first of those kept. Problem fields name the rounds of the
/// form as sent, as a problem found when reading it does; the results show the rounds that
/// count, each with its `round` number. Keyed by codes from the input, so a
/// [`crate::HashMap`].
#[derive(Default)]
struct TypedRounds(crate::HashMap<String, Option<Vec<usize>>>);

impl TypedRounds {
    /// Keeps where the rounds kept of the entry with this code were typed. Problems name the
    /// methodology's code, which a code typed otherwise matches in NFC; two entries with one
    /// code in NFC leave their problems' fields as they are, as neither can be told apart.
    fn keep(&mut self, code: &str, positions: Vec<usize>) {
        self.0
            .entry(nfc(code).into_owned())
            .and_modify(|kept| *kept = None)
            .or_insert(Some(positions));
    }

    /// Problems with each round's field named at the position it was typed at: one lookup for
    /// each problem about a round (a form may have tens of thousands of entries).
    fn rename(&self, mut problems: Vec<ParError>) -> Vec<ParError> {
        if self.0.is_empty() {
            return problems;
        }
        for problem in &mut problems {
            let positions = problem.node.as_deref().and_then(|code| self.0.get(code));
            let typed = match (positions, problem.field.as_deref()) {
                (Some(Some(positions)), Some(field)) => typed_field(field, positions),
                _ => None,
            };
            if let Some(field) = typed {
                problem.field = Some(field);
            }
        }
        problems
    }
}

/// `appraisals[k].reason` of the `k`th round kept, named at the position that round was typed.
fn typed_field(field: &str, positions: &[usize]) -> Option<String> {
    renumbered(field, |kept| positions.get(kept).copied())
}

/// A round's field (`appraisals[k].reason`) with its place `k` given as `to(k)`; `None` for
/// another field.
fn renumbered(field: &str, to: impl FnOnce(usize) -> Option<usize>) -> Option<String> {
    let (place, rest) = field.strip_prefix("appraisals[")?.split_once(']')?;
    let to = to(place.parse().ok()?)?;
    Some(format!("appraisals[{to}]{rest}"))
}

/// The place problems name round `i` of an entry by: a table's by the round's number, as the
/// table's columns number it (a row giving only round 2's score has it at place 0); a
/// document's by its place.
pub(crate) fn round_place(entry: &Entry, i: usize) -> usize {
    match (entry.row.get(), entry.appraisals.get(i)) {
        (Some(_), Some(round)) => crate::entry_texts::place_of_round(round.round),
        _ => i,
    }
}

/// The position of the node with this code, looked for first among the nodes from `next` on,
/// past a parent or two: entries usually come in the tree's order (a table's rows, the engine's
/// own documents), and comparing a few codes costs less than hashing one ([`by_code`]).
fn node_from(m: &Methodology, next: usize, code: &str) -> Option<usize> {
    let mut ahead = m.nodes.get(next..).unwrap_or_default().iter().take(3);
    match ahead.position(|n| n.code == code) {
        Some(k) => Some(next + k),
        None => by_code(&m.by_code, code).copied(),
    }
}

/// A node's (or adjustment's) position by its code as given, else by the code in NFC: only a code
/// that does not match is normalised.
fn by_code<'m>(codes: &'m HashMap<String, usize>, code: &str) -> Option<&'m usize> {
    codes.get(code).or_else(|| codes.get(nfc(code).as_ref()))
}

/// A unit's problems, each naming the table row of the entry it is about when the input was a
/// table and the problem does not name one yet, and a round of it by its number, as the table's
/// columns number it (`Thẩm định lần 2`), rather than by its place among the rounds given.
fn with_rows(problems: Vec<ParError>, entries: &Entries) -> Vec<ParError> {
    problems
        .into_iter()
        .map(|e| {
            let from = match e.node.as_deref() {
                Some(code) => entries.get(code),
                // A problem of the unit as a whole (its block) is at the unit's first row.
                None => entries.first().map(|(_, entry)| entry),
            };
            let Some((entry, row)) = from.and_then(|entry| Some((entry, entry.row.get()?))) else {
                return e;
            };
            let e = round_named_by_number(e, entry);
            match e.row {
                None => e.row(row),
                Some(_) => e,
            }
        })
        .collect()
}

/// A problem about a round of a table's entry, named by the round's number ([`round_place`]).
fn round_named_by_number(mut e: ParError, entry: &Entry) -> ParError {
    let field = e.field.as_deref().unwrap_or_default();
    if let Some(named) = renumbered(field, |i| Some(round_place(entry, i))) {
        e.field = Some(named);
    }
    e
}

fn resolve_block(m: &Methodology, given: Option<String>) -> Result<Option<String>, ParError> {
    if m.blocks.is_empty() {
        return Ok(given);
    }
    match given {
        None if m.blocks.len() == 1 => Ok(Some(m.blocks[0].id.clone())),
        None => Err(ParError::new(
            ErrorCode::MissingField,
            ScoringMsg::BlockRequired {
                blocks: block_list(m),
            },
        )
        .field("block")),
        Some(b) => m.find_block(&b).map(|k| Some(k.id.clone())).ok_or_else(|| {
            ParError::new(
                ErrorCode::UnknownBlock,
                ScoringMsg::UnknownBlock {
                    block: b.clone(),
                    blocks: block_list(m),
                },
            )
            .field("block")
            .value(b)
        }),
    }
}

/// The blocks a unit may name, each by its id and its name (`so (Sở, ban, ngành)`): an
/// official knows the blocks by name, a sheet may give either. The first few are named.
fn block_list(m: &Methodology) -> Listed {
    let named = |b: &crate::methodology::CompiledBlock| match &b.name {
        Some(name) if name.trim() != b.id.trim() => format!("{} ({})", b.id, name.trim()),
        _ => b.id.clone(),
    };
    Listed::of(&m.blocks, named)
}

/// The unit's entry at a position, if any.
fn entry_at(entries: &Entries, position: Option<u32>) -> Option<&Entry> {
    entries.get_index(position? as usize).map(|(_, e)| e)
}
