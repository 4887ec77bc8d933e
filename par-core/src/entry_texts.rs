//! A criterion's texts that a spreadsheet did not compute: evidence, an explanation, a round's
//! reason or appraiser holding the error a formula gave (`#REF!`, `#N/A`), or a formula without
//! its result (`=E2`). They are kept as written, so such a text would otherwise stand for what
//! the unit wrote: evidence `#REF!` counted as evidence under `evidence_required`, a reason
//! `#N/A` let a changed score stand under `reason_required`.
//!
//! A table's texts are checked as it is read (`table.rs`); a document's or a form's as it is
//! scored: evidence and reasons with the points they decide (`rules.rs` `eval_leaf`, `unit.rs`
//! adjustments), the others with the unit's other texts (`unit.rs` `check_texts_read`).

use crate::assessment::Entry;
use crate::error::{ErrorCode, ParError};
use crate::rules::Outcome;
use crate::text::{DecimalFault, EntryText, ReadingMsg};

/// Where an entry's texts come from, which says what is refused in them and how each is named.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum TextsFrom {
    /// A table a spreadsheet saved: a formula without its result is refused as its error is (no
    /// text a person types in a table is told from one); each named by its column (`reason`,
    /// `by`; where the table's columns number its rounds, a round's with its number:
    /// `appraisals[1].reason`, the column `Lý do lần 2`), and one repeated in a cell (`#REF!;
    /// #REF!`) said once.
    Table { rounds_numbered: bool },
    /// A document or a form, typed by a person: a formula's error is refused, and a text typed
    /// from `=` (`=> xem phụ lục`) is kept; each named at its place (`appraisals[0].reason`).
    Typed,
}

/// Every kind of an entry's texts.
pub(crate) const EVERY_TEXT: [EntryText; 4] = [
    EntryText::Evidence,
    EntryText::Explanation,
    EntryText::Reason,
    EntryText::Appraiser,
];
/// The texts that decide points: evidence under `evidence_required`, a reason under
/// `reason_required`.
pub(crate) const TEXTS_DECIDING_POINTS: [EntryText; 2] = [EntryText::Evidence, EntryText::Reason];
/// The texts kept as written, which decide no points.
pub(crate) const TEXTS_KEPT_AS_WRITTEN: [EntryText; 2] =
    [EntryText::Explanation, EntryText::Appraiser];

/// The problems with the entry for `code`'s texts of the kinds `kinds` that a spreadsheet did
/// not compute, in the entry's order. A typed entry read from a table was checked as the table
/// was read, and is not again.
#[inline(always)]
pub(crate) fn texts_not_read(
    code: &str,
    entry: &Entry,
    kinds: &[EntryText],
    from: TextsFrom,
) -> Vec<ParError> {
    let checked_as_read = from == TextsFrom::Typed && entry.row.get().is_some();
    // Every entry of every unit is asked, twice, and its texts are almost never a spreadsheet's
    // fault: they are passed over on their first byte, in the caller's own code (a call per
    // question costs more than the question in WebAssembly, built for size), and the problems
    // made only for the rare one.
    if checked_as_read || !any_may_be_unread(entry) {
        return Vec::new();
    }
    texts_found_not_read(code, entry, kinds, from)
}

/// [`texts_not_read`] of an entry with a text that may be one.
fn texts_found_not_read(
    code: &str,
    entry: &Entry,
    kinds: &[EntryText],
    from: TextsFrom,
) -> Vec<ParError> {
    let mut unread: Vec<ParError> = Vec::new();
    let mut check = |what: EntryText, round: Option<usize>, text: &str| {
        if !kinds.contains(&what) {
            return;
        }
        let Some(problem) = text_not_read(code, what, round, text, from) else {
            return;
        };
        let said = matches!(from, TextsFrom::Table { .. })
            && (unread.iter()).any(|p| (&p.field, &p.value) == (&problem.field, &problem.value));
        if !said {
            unread.push(problem);
        }
    };
    for evidence in &entry.evidence {
        check(EntryText::Evidence, None, evidence);
    }
    if let Some(explanation) = &entry.explanation {
        check(EntryText::Explanation, None, explanation);
    }
    for (i, round) in entry.appraisals.iter().enumerate() {
        // Where the round is named: at its place in a document, by its number in a table.
        let at = match from {
            TextsFrom::Typed => Some(i),
            TextsFrom::Table { rounds_numbered } => {
                rounds_numbered.then(|| place_of_round(round.round))
            }
        };
        if let Some(reason) = &round.reason {
            check(EntryText::Reason, at, reason);
        }
        if let Some(by) = &round.by {
            check(EntryText::Appraiser, at, by);
        }
    }
    unread
}

/// Whether any text of an entry may be one a spreadsheet did not compute ([`may_be_unread`]).
/// Plain loops: asked of every entry twice, an iterator chained over its kinds costs more than
/// the question.
#[inline(always)]
fn any_may_be_unread(entry: &Entry) -> bool {
    let given = |text: Option<&str>| text.is_some_and(may_be_unread);
    entry.evidence.iter().any(|e| may_be_unread(e))
        || given(entry.explanation.as_deref())
        || (entry.appraisals.iter()).any(|r| given(r.reason.as_deref()) || given(r.by.as_deref()))
}

/// Whether a text may be one a spreadsheet did not compute, told from its first byte: a
/// formula's `=`, an error's `#` or LibreOffice's `Err:`; white space or a letter beyond ASCII
/// first is asked in full ([`text_not_read`] trims the text).
#[inline(always)]
fn may_be_unread(text: &str) -> bool {
    match text.as_bytes().first() {
        Some(b'=' | b'#' | b'E') => true,
        Some(b) => !b.is_ascii_graphic(),
        None => false,
    }
}

/// The problem with one text of the entry for `code` (of the appraisal round named at place
/// `round` of `appraisals`, if it is named so), if a spreadsheet did not compute it.
fn text_not_read(
    code: &str,
    what: EntryText,
    round: Option<usize>,
    text: &str,
    from: TextsFrom,
) -> Option<ParError> {
    let fault = crate::decimal::spreadsheet_fault(text.trim())?;
    if fault == DecimalFault::Formula && from == TextsFrom::Typed {
        return None;
    }
    let message = ReadingMsg::EntryTextNotRead {
        what,
        given: crate::error::quoted(text),
        fault,
    };
    let problem = ParError::new(ErrorCode::MissingField, message);
    Some(problem.node(code).field(field(what, round)).value(text))
}

/// The input's field of an entry's text: made only for a problem, not for every text read.
fn field(what: EntryText, round: Option<usize>) -> String {
    let name = match what {
        EntryText::Evidence => "evidence",
        EntryText::Explanation => "explanation",
        EntryText::Reason => "reason",
        EntryText::Appraiser => "by",
    };
    match round {
        Some(i) => round_field(i, name),
        None => name.to_string(),
    }
}

/// The place in `appraisals` that names round `round` where rounds are named by their numbers
/// (a table's columns number them): round 2 at place 1, `appraisals[1]`.
pub(crate) fn place_of_round(round: u32) -> usize {
    round.saturating_sub(1) as usize
}

/// The field `name` of the appraisal round at place `i` (`appraisals[1].reason`), as a document
/// names it and problems say it (`lý do điều chỉnh lần 2`).
pub(crate) fn round_field(i: usize, name: &str) -> String {
    format!("appraisals[{i}].{name}")
}

/// An entry's outcome, refused with the problems of its texts not read, if any, before its own.
#[inline]
pub(crate) fn with_unread(
    mut unread: Vec<ParError>,
    outcome: Result<Outcome, Vec<ParError>>,
) -> Result<Outcome, Vec<ParError>> {
    if unread.is_empty() {
        return outcome;
    }
    if let Err(mut own) = outcome {
        unread.append(&mut own);
    }
    Err(unread)
}
