//! Forms: what a portal needs to draw a methodology's form ([`form_model`]), and a unit's form
//! scored while it is being filled in, on a portal page or a phone ([`score_form`]).
//!
//! A batch refuses a unit with any problem; a form cannot wait for the last field. Here each
//! invalid entry is reported against its criterion and counts nothing, the valid ones count, a
//! field left empty is no input yet, and a criterion not yet entered counts 0 (whatever the
//! methodology's missing-leaf policy: the form is not finished). The total, index and band are
//! those of what is valid; `complete` says whether they are final — no problem, and every
//! criterion entered.

use crate::assessment::{
    over_limits, oversized_entry, read_entry_text, read_unit, read_unit_text, read_unit_value,
    too_many_entries, EntriesGiven, EntryGiven, UnitAssessment,
};
use crate::decimal::Dec;
use crate::encoding::nfc_owned;
use crate::error::{wire_problems, Collector, ErrorCode, ParError, ProblemWire, Problems};
use crate::limits;
use crate::methodology::{AdjustmentDef, Band, Block, Methodology, NodeDef, Rule};
use crate::results::{Source, UnitResult, WarningCode};
use crate::text::Lang;
use crate::unit::{score_unit_in, Mode};
use indexmap::IndexMap;
use serde::Serialize;

pub const FORM_SCHEMA: &str = "par.form/1";

/// A form scored as far as it is valid.
#[derive(Debug, Clone, PartialEq)]
pub struct FormScore {
    /// The unit's result from its valid entries: ranked alone (rank 1) and classified in its band.
    pub unit: UnitResult,
    /// Every invalid entry (and what reading the form found), each naming its criterion.
    pub problems: Vec<ParError>,
}

impl FormScore {
    /// Whether the figures are final: no problem, every criterion the unit enters has an input
    /// (survey results are not the unit's to enter), and none counts 0 for want of evidence or of
    /// an appraisal.
    pub fn complete(&self) -> bool {
        let entered = self
            .unit
            .nodes
            .iter()
            .all(|n| n.source() != Source::Missing || n.node().is_some_and(|t| t.survey));
        let pending = self.unit.warnings.iter().any(|w| {
            matches!(
                w.code,
                WarningCode::EvidenceMissing | WarningCode::NotAppraised
            )
        });
        self.problems.is_empty() && entered && !pending
    }

    /// `par.form/1` JSON: `{"schema", "complete", "unit", "problems"}`, messages in `lang`, on
    /// one line: a form's answer is read by the portal on every keystroke.
    pub fn to_json(&self, lang: Lang) -> String {
        #[derive(Serialize)]
        struct FormWire<'a> {
            schema: &'static str,
            complete: bool,
            unit: &'a UnitResult,
            problems: Vec<ProblemWire<'a>>,
        }
        crate::json::to_compact(&FormWire {
            schema: FORM_SCHEMA,
            complete: self.complete(),
            unit: &self.unit,
            problems: wire_problems(&self.problems, lang),
        })
    }
}

/// Scores one unit's form. Refused whole only where nothing can be scored: a text over its
/// limit (the unit's name, a reason…), a tree with nothing scorable. At most
/// [`crate::limits::PROBLEMS`] problems are listed, and one more counts the rest.
pub fn score_form(
    m: &Methodology,
    mut unit: UnitAssessment,
    lang: Lang,
) -> Result<FormScore, Problems> {
    let oversized = crate::assessment::over_limits(&unit);
    if !oversized.is_empty() {
        return Err(oversized.into());
    }
    unit.normalize_names();
    let (scored, found) = score_unit_in(m, unit, lang, Mode::Form)?;
    let mut problems = Collector::default();
    found.into_iter().for_each(|e| problems.push(e));
    let (ranked, _) = crate::rank::rank(m, vec![scored]);
    let unit = ranked.into_iter().next().ok_or_else(nothing_to_score)?;
    Ok(FormScore {
        unit,
        problems: problems.into_read(()).problems,
    })
}

/// Scores a form given as one unit's JSON object (`{"unit", "block", "entries"}`, as in
/// `par.assessments/1`): an entry that cannot be read is reported with the rest and counts
/// nothing.
pub fn score_form_json(m: &Methodology, unit: &str, lang: Lang) -> Result<FormScore, Problems> {
    let read = read_unit(unit)?;
    let Some(unit) = read.value else {
        return Err(read.problems.into());
    };
    let mut form = score_form(m, unit, lang)?;
    form.problems = in_tree_order(m, read.problems.into_iter().chain(form.problems).collect());
    Ok(form)
}

/// A form being filled in, kept read between keystrokes: a change reads only the entry it
/// changes, so that re-scoring costs the scoring and the answer, not reading the whole form again
/// (a 100-criterion form is read in about ten times the time it is scored in).
#[derive(Debug, Clone)]
pub struct FormSession {
    unit: UnitAssessment,
    /// Each entry that could not be read whole, as given, by criterion code: it is read again
    /// with every answer, which reports its problem (made afresh, not copied: the WebAssembly
    /// module then carries no code copying every kind of message), and what of it can count is in
    /// `unit` (the self-score beside an appraisal round that cannot be read), else nothing.
    unreadable: IndexMap<String, String>,
}

impl FormSession {
    /// Opens a form from one unit's JSON object, as [`score_form_json`] reads it. Its entries may
    /// hold anything a person types; the unit itself (its name, its block, its fields) must be
    /// readable, and its texts within their limits, else it is refused with every problem.
    pub fn open(unit: &str) -> Result<FormSession, Problems> {
        // Entries that are not an object, or more than a unit may have (left out as they were
        // read), are left for reading the unit to refuse, with its other problems.
        let mut given = read_unit_text(unit)?;
        let entries = match given.entries.take() {
            Some(EntriesGiven::Read(entries)) => entries,
            other => {
                given.entries = other;
                IndexMap::new()
            }
        };
        let read = read_unit_value(given);
        let (Some(unit), true) = (read.value, read.problems.is_empty()) else {
            return Err(read.problems.into());
        };
        let mut problems = over_limits(&unit);
        let mut form = FormSession {
            unit,
            unreadable: IndexMap::new(),
        };
        let name = form.unit.unit.clone();
        for (code, entry) in entries {
            if let Err(oversized) = form.put_entry(&nfc_owned(code), entry) {
                // Named as `set_entry` names them: the unit, and the criterion where it can be.
                problems.extend(oversized.into_iter().map(|e| e.in_unit(&name)));
            }
        }
        match problems.is_empty() {
            true => Ok(form),
            false => Err(problems.into()),
        }
    }

    /// Replaces the entry of criterion `code` by `entry`, its JSON object as in `entries`
    /// (`null`, `{}` or only empty fields clear it). An entry with a problem is reported against
    /// its criterion with every answer, and what of it can be read counts; a text that is not
    /// JSON, or over a limit, is refused and the form left as it was.
    pub fn set_entry(&mut self, code: &str, entry: &str) -> Result<(), Problems> {
        let name = self.unit.unit.clone();
        let refusal = |e: ParError| e.unit(&name).node(code);
        let read = read_entry_text(entry).map_err(|e| Problems::from(refusal(e)))?;
        let code = nfc_owned(code.to_string());
        self.put_entry(&code, read)
            .map_err(|found| found.into_iter().map(refusal).collect::<Vec<_>>().into())
    }

    /// Puts an entry in the place of the one it replaces (a new one last), or clears it; an
    /// entry whose code or texts are over their limits, or that gives more than a limit allows
    /// (evidence references, rounds), is refused and changes nothing.
    fn put_entry(&mut self, code: &str, entry: EntryGiven) -> Result<(), Vec<ParError>> {
        let EntryGiven {
            counts,
            problem,
            unreadable,
        } = entry;
        let oversized = match &counts {
            Some(read) => oversized_entry(code, read),
            None => oversized_entry(code, &Default::default()),
        };
        if !oversized.is_empty() {
            return Err(oversized);
        }
        // Over a limit, or with a problem no answer can mend (a criterion given twice in the unit
        // opened): refused. Another problem is said with every answer, the entry kept as given.
        let refused = |p: &ParError| p.code == ErrorCode::LimitExceeded || unreadable.is_none();
        if let Some(refusal) = problem.filter(refused) {
            return Err(vec![refusal.node(code)]);
        }
        let entries = self.unit.entries.len();
        if counts.is_some()
            && entries >= limits::UNIT_ENTRIES.max
            && !self.unit.entries.contains_key(code)
        {
            return Err(vec![too_many_entries()]);
        }
        // An entry replaced keeps its place (IndexMap's insert); a new one goes last.
        match counts {
            Some(read) => drop(self.unit.entries.insert(code.into(), read)),
            None => drop(self.unit.entries.shift_remove(code)),
        }
        match unreadable {
            Some(given) => drop(self.unreadable.insert(code.to_string(), given)),
            None => drop(self.unreadable.shift_remove(code)),
        }
        Ok(())
    }

    /// The form scored as it stands, as [`score_form_json`] scores it, except that its nodes do
    /// not repeat the entries, nor the rule applied to them (the form holds them): each gives
    /// its figures and where they come from (`source`, `appraised`). Half the answer's length,
    /// and the time of writing it, is saved on every keystroke.
    pub fn score(&self, m: &Methodology, lang: Lang) -> Result<FormScore, Problems> {
        let mut form = score_form(m, self.unit.clone(), lang)?;
        drop(form.unit.nodes.forget_inputs());
        let read = self.unreadable.iter().filter_map(|(code, given)| {
            // Its text is the entry's as it was read, which reads again as it did.
            let problem = read_entry_text(given).map_or_else(Some, |read| read.problem);
            problem.map(|p| p.unit(&self.unit.unit).node(code))
        });
        form.problems = in_tree_order(m, read.chain(form.problems).collect());
        Ok(form)
    }
}

/// A form's problems as a person reads the form: those of the unit and of criteria the
/// methodology does not have first, then by criterion in tree order, each criterion's in the
/// order found; at most [`crate::limits::PROBLEMS`], and one more counting the rest.
fn in_tree_order(m: &Methodology, mut problems: Vec<ParError>) -> Vec<ParError> {
    let place = |p: &ParError| {
        if p.code == ErrorCode::LimitExceeded {
            return usize::MAX; // the count of problems not listed stays last
        }
        let node = p.node.as_deref().and_then(|code| m.by_code.get(code));
        node.map_or(0, |i| i + 1)
    };
    problems.sort_by_key(place);
    let mut listed = Collector::default();
    problems.into_iter().for_each(|e| listed.push(e));
    listed.into_read(()).problems
}

/// Ranking one unit gives it back; this is said, not assumed, should it ever not.
fn nothing_to_score() -> Problems {
    ParError::new(
        ErrorCode::OutOfRange,
        crate::text::ScoringMsg::NothingScorable,
    )
    .into()
}

pub const FORM_MODEL_SCHEMA: &str = "par.form-model/1";

/// Everything a portal needs to draw a methodology's form without knowing its rules itself
/// (`par.form-model/1`): the blocks to choose from (none when the methodology has none), the
/// classification, which fields the policies ask for, and every node in tree order with the
/// input it takes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FormModel<'m> {
    pub schema: &'static str,
    pub id: &'m str,
    pub name: &'m str,
    pub max: Dec,
    /// The blocks a unit is ranked in; a form asks for one only when there are some.
    pub blocks: &'m [Block],
    /// The classification of the index, from the highest band down (a block may have its own,
    /// in `blocks`).
    pub bands: &'m [Band],
    /// Bonus and penalty contents, outside the tree's max: a form asks for their points, which
    /// are capped to `min`..`max`.
    pub adjustments: &'m [AdjustmentDef],
    /// Whether a self-score counts only with an evidence reference (a form should ask for one).
    pub evidence_required: bool,
    /// Whether an appraisal that changes a score needs a reason (a form should ask for one).
    pub reason_required: bool,
    pub nodes: Vec<FormNode<'m>>,
}

/// One node of the form.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FormNode<'m> {
    pub code: &'m str,
    pub name: &'m str,
    pub max: Dec,
    pub depth: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<&'m str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub component: Option<&'m str>,
    /// What the form asks for here.
    pub input: FormInput,
    /// A criterion without sub-criteria: its rule, with the options, bands (bounds and labels),
    /// yes/no points or ratio target a form shows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<&'m Rule>,
    /// The scoring guidance or notes the methodology gives for it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<&'m str>,
}

/// The input a node of the form takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FormInput {
    /// Points from 0 to the max.
    Points,
    /// One of the rule's options, by its label.
    Choice,
    /// Yes or no.
    YesNo,
    /// A measured value (a percentage, a count): the rule's bands or ratio give the points.
    Measure,
    /// A survey result (percentage satisfied, or points): not self-assessed.
    Survey,
    /// None: a criterion with sub-criteria, scored from them.
    Children,
}

/// The form model of `m`.
pub fn form_model(m: &Methodology) -> FormModel<'_> {
    let def = m.def();
    // The definition's nodes in pre-order, the order of the compiled tree, for their notes.
    let mut defined: Vec<&NodeDef> = Vec::with_capacity(m.nodes.len());
    let mut stack: Vec<&NodeDef> = def.nodes.iter().rev().collect();
    while let Some(node) = stack.pop() {
        defined.push(node);
        stack.extend(node.children.iter().rev());
    }
    let nodes = m
        .results_tree
        .iter()
        .zip(&m.nodes)
        .zip(defined)
        .map(|((entry, node), definition)| {
            let input = match (&node.rule, entry.leaf, entry.survey) {
                (_, false, _) => FormInput::Children,
                (_, true, true) => FormInput::Survey,
                (Rule::Points, ..) => FormInput::Points,
                (Rule::Choice { .. }, ..) => FormInput::Choice,
                (Rule::YesNo { .. }, ..) => FormInput::YesNo,
                (Rule::Bands { .. } | Rule::Ratio { .. }, ..) => FormInput::Measure,
            };
            let rule = matches!(
                input,
                FormInput::Choice | FormInput::YesNo | FormInput::Measure | FormInput::Points
            )
            .then_some(&node.rule);
            FormNode {
                code: &entry.code,
                name: &entry.name,
                max: entry.max,
                depth: entry.depth,
                parent: entry.parent.as_deref(),
                component: entry.component.as_deref(),
                input,
                rule,
                notes: definition.notes.as_deref(),
            }
        })
        .collect();
    FormModel {
        schema: FORM_MODEL_SCHEMA,
        id: &def.id,
        name: &def.name,
        max: m.policies().rounding.round(m.max()),
        blocks: &def.blocks,
        bands: &def.bands,
        adjustments: &def.adjustments,
        evidence_required: m.policies().evidence_required,
        reason_required: m.policies().reason_required,
        nodes,
    }
}

impl FormModel<'_> {
    pub fn to_json(&self) -> String {
        crate::json::to_pretty(self)
    }
}
