//! Form scoring: a unit's form scored while it is being filled in, on a portal page or a phone.
//!
//! A batch refuses a unit with any problem; a form cannot wait for the last field. Here each
//! invalid entry is reported against its criterion and counts nothing, the valid ones count, a
//! field left empty is no input yet, and a criterion not yet entered counts 0 (whatever the
//! methodology's missing-leaf policy: the form is not finished). The total, index and band are
//! those of what is valid; `complete` says whether they are final — no problem, and every
//! criterion entered.

use crate::assessment::{read_assessments, UnitAssessment};
use crate::error::{wire_problems, ParError, ProblemWire, Problems};
use crate::methodology::Methodology;
use crate::results::{Source, UnitResult};
use crate::score::{score_unit_in, Mode};
use crate::text::Lang;
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
    /// Whether the figures are final: no problem, and every criterion entered.
    pub fn complete(&self) -> bool {
        self.problems.is_empty()
            && self
                .unit
                .nodes
                .iter()
                .all(|n| n.source() != Source::Missing)
    }

    /// `par.form/1` JSON: `{"schema", "complete", "unit", "problems"}`, messages in `lang`.
    pub fn to_json(&self, lang: Lang) -> String {
        #[derive(Serialize)]
        struct FormWire<'a> {
            schema: &'static str,
            complete: bool,
            unit: &'a UnitResult,
            problems: Vec<ProblemWire<'a>>,
        }
        crate::json::to_pretty(&FormWire {
            schema: FORM_SCHEMA,
            complete: self.complete(),
            unit: &self.unit,
            problems: wire_problems(&self.problems, lang),
        })
    }
}

/// Scores one unit's form. Only what leaves nothing to score (a unit without a name, a tree
/// with nothing scorable) is refused.
pub fn score_form(
    m: &Methodology,
    mut unit: UnitAssessment,
    lang: Lang,
) -> Result<FormScore, Problems> {
    unit.normalize_names();
    let (scored, problems) = score_unit_in(m, unit, lang, Mode::Form)?;
    let (mut ranked, _) = crate::rank::rank(m, vec![scored]);
    let unit = ranked.pop().ok_or_else(|| Problems {
        problems: Vec::new(),
    })?;
    Ok(FormScore { unit, problems })
}

/// Scores a form given as one unit's JSON (`{"unit", "block", "entries"}`, as in
/// `par.assessments/1`): an entry that cannot be read is reported with the rest and counts
/// nothing.
pub fn score_form_json(m: &Methodology, unit: &str, lang: Lang) -> Result<FormScore, Problems> {
    let read = read_assessments(&format!("[{unit}]"))?;
    let Some(first) = read.value.into_iter().next() else {
        return Err(read.problems.into());
    };
    let mut form = score_form(m, first, lang)?;
    let mut problems = read.problems;
    problems.append(&mut form.problems);
    form.problems = problems;
    Ok(form)
}
