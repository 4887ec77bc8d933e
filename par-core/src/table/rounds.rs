//! A long table's appraisal rounds. Several systems appraise twice (appraisal 1, the unit's
//! explanation, appraisal 2, which counts), and their sheets give each round its columns, the
//! round numbered after the field's heading: `Thẩm định lần 1 | Thẩm định lần 2`, `Lý do (lần
//! 2)`, `Người thẩm định vòng 2`, `appraised round 2`; or the round written under a heading
//! merged over its columns (`Thẩm định` over `Lần 1 | Lần 2`, completed by the header's reader).
//!
//! A column without a number (`Thẩm định`) is round 1, as in a sheet of one round. A reason or an
//! appraiser without a number goes with the score left of it (`Thẩm định lần 2 | Lý do`), or,
//! with none, the last round: the reason a council writes for its final score.

use super::{normalise, APPRAISED, BY, REASON};
/// The fields a table gives each appraisal round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum RoundField {
    /// The appraised score.
    Appraised,
    /// The reason for it.
    Reason,
    /// Who appraised.
    By,
}

impl RoundField {
    /// Every field of a round.
    const ALL: [RoundField; 3] = [RoundField::Appraised, RoundField::Reason, RoundField::By];

    /// The headings of the field's column without a round's number.
    fn headings(self) -> &'static [&'static str] {
        match self {
            RoundField::Appraised => APPRAISED,
            RoundField::Reason => REASON,
            RoundField::By => BY,
        }
    }

    /// The field a heading names without its round's number; also as pandas names a heading a
    /// sheet repeats (`Lý do.1` for a second `Lý do`, a round's after the first's).
    fn named(heading: &str) -> Option<RoundField> {
        let of = |h: &str| {
            let h = normalise(h);
            (RoundField::ALL.into_iter()).find(|field| field.headings().contains(&h.as_str()))
        };
        of(heading).or_else(|| of(super::pandas_repeat_of(heading)?))
    }
}

/// The words that number a round after its field's heading (`lần 2`, `lần thứ 2`, `vòng 2`,
/// typed without accents too, `round 2`).
const ROUND_WORDS: [&str; 5] = ["lần", "vòng", "lan", "vong", "round"];
/// The word between them and the number (`lần thứ 2`).
const ORDINAL_WORDS: [&str; 2] = ["thứ", "thu"];
/// The highest round a column may be of: no system appraises more than a few times, and a number
/// past it is more likely something else.
const LAST_ROUND: u32 = 9;

/// The round field a heading names with its round's number: `Thẩm định lần 2`, `Lý do (lần 2)`,
/// `Lý do (lần 1, nếu có)`, `Thẩm định lần 2 (cuối cùng)`. `None` for a heading without a
/// number.
pub(super) fn round_heading(heading: &str) -> Option<(RoundField, u32)> {
    let (field, round) = numbered(&crate::import::normalise_heading(heading))?;
    Some((RoundField::named(&field)?, round))
}

/// Whether a cell under a heading merged over a round's columns numbers the round: `Lần 1`,
/// `Lần thứ 2`, `(Vòng 2)`, `Lần 2 (cuối cùng)`.
pub(super) fn numbers_a_round(cell: &str) -> bool {
    numbered(&crate::import::normalise_heading(cell)).is_some_and(|(before, _)| before.is_empty())
}

/// A normalised heading's words before its round's number, and the number: last (`thẩm định lần
/// 2`, a remark in brackets after it left out), or first in a remark in brackets after them
/// (`lý do (lần 1, nếu có)`).
fn numbered(h: &str) -> Option<(String, u32)> {
    let Some((before, remark)) = h.strip_suffix(')').and_then(|rest| rest.rsplit_once('(')) else {
        return numbered_last(h);
    };
    // The number alone before anything else the remark says (`lần 1, nếu có`), never a number
    // the remark says more of (`lần 2 - không tính`).
    let first = words(remark.split([',', ';']).next().unwrap_or_default());
    match round_number(&first) {
        Some((round, taken)) if taken == first.len() => Some((before.trim().to_string(), round)),
        _ => numbered_last(before),
    }
}

/// The words before a round's number that ends the text, and the number.
fn numbered_last(text: &str) -> Option<(String, u32)> {
    let words = words(text);
    for from in (0..words.len()).rev() {
        match round_number(&words[from..]) {
            Some((round, taken)) if from + taken == words.len() => {
                return Some((words[..from].join(" "), round));
            }
            _ => {}
        }
    }
    None
}

/// A heading's words, brackets, dashes and list marks read as spaces (`Thẩm định - lần 2`,
/// `Thẩm định – lần 2`, `(lần 2; cuối cùng)`).
fn words(heading: &str) -> Vec<&str> {
    let separator = |c: char| {
        c.is_whitespace() || matches!(c, '(' | ')' | '-' | '–' | '—' | '_' | ':' | ',' | ';')
    };
    let mut words = Vec::new();
    for word in heading.split(separator) {
        if !word.is_empty() {
            words.push(word);
        }
    }
    words
}

/// The round the words start by numbering (`lần 2`, `lần thứ 2`), and how many words that
/// takes.
fn round_number(words: &[&str]) -> Option<(u32, usize)> {
    let (first, rest) = words.split_first()?;
    if !ROUND_WORDS.contains(first) {
        return None;
    }
    let ordinal = rest.first().is_some_and(|w| ORDINAL_WORDS.contains(w));
    let number = rest.get(usize::from(ordinal))?;
    let round: u32 = number.parse().ok()?;
    let taken = 2 + usize::from(ordinal);
    (1..=LAST_ROUND).contains(&round).then_some((round, taken))
}

/// One appraisal round's columns, and how problems name what a row gives in them.
#[derive(Debug, Clone, Default)]
pub(super) struct RoundColumns {
    pub(super) round: u32,
    pub(super) appraised: Option<usize>,
    pub(super) reason: Option<usize>,
    pub(super) by: Option<usize>,
    /// The field problems name the round's score by: a one-round table's column (`appraised`),
    /// or where the table numbers its rounds, the round's as a document names it
    /// (`appraisals[1].value`, read as `thẩm định lần 2`). Made once, not for each row.
    pub(super) score_field: String,
    /// The same for the round's reason (`reason`, `appraisals[1].reason`).
    pub(super) reason_field: String,
    /// The headings of the round's score and reason columns, as typed, which a problem quotes.
    pub(super) score_heading: String,
    pub(super) reason_heading: String,
}

impl RoundColumns {
    /// Round `round`'s columns, its fields named as the table numbers its rounds or not.
    fn of(round: u32, numbered: bool) -> Self {
        let place = crate::entry_texts::place_of_round(round);
        let in_document = |name: &str| crate::entry_texts::round_field(place, name);
        let (score_field, reason_field) = match numbered {
            false => ("appraised".to_string(), "reason".to_string()),
            true => (in_document("value"), in_document("reason")),
        };
        RoundColumns {
            round,
            score_field,
            reason_field,
            ..Self::default()
        }
    }

    /// The column of a field of the round, the first one given (a second is a column named
    /// twice, which the header's problems say).
    fn set(&mut self, field: RoundField, column: usize, heading: &str) {
        let place = match field {
            RoundField::Appraised => &mut self.appraised,
            RoundField::Reason => &mut self.reason,
            RoundField::By => &mut self.by,
        };
        if place.is_some() {
            return;
        }
        *place = Some(column);
        let heading = heading.trim().to_string();
        match field {
            RoundField::Appraised => self.score_heading = heading,
            RoundField::Reason => self.reason_heading = heading,
            RoundField::By => {}
        }
    }

    /// Every column of the round.
    pub(super) fn columns(&self) -> [Option<usize>; 3] {
        [self.appraised, self.reason, self.by]
    }
}

/// A header's appraisal rounds, in order: each column of a round's field with the round
/// [`round_fields`] gives it (none where the table has no column of any round); and whether a
/// heading numbers a round, where problems name every round's fields with its number, round 1's
/// under `Thẩm định` too, as the sheet's reader counts them.
pub(super) fn round_columns(header: &[String]) -> (Vec<RoundColumns>, bool) {
    let fields = round_fields(header);
    let numbered = fields.iter().flatten().any(|of| of.numbered);
    // A round's place is its number (1 to `LAST_ROUND`), so that they come in order.
    let mut rounds: [Option<RoundColumns>; LAST_ROUND as usize] = Default::default();
    for (c, of) in fields.iter().enumerate() {
        let Some(RoundOf { field, round, .. }) = *of else {
            continue;
        };
        let Some(place) = (round as usize)
            .checked_sub(1)
            .and_then(|i| rounds.get_mut(i))
        else {
            continue;
        };
        let columns = place.get_or_insert_with(|| RoundColumns::of(round, numbered));
        columns.set(field, c, &header[c]);
    }
    (rounds.into_iter().flatten().collect(), numbered)
}

/// How many fields every round has together ([`RoundOf::place`]).
pub(super) const ROUND_FIELDS: usize = RoundField::ALL.len() * LAST_ROUND as usize;

impl RoundOf {
    /// The field's place among every round's fields, below [`ROUND_FIELDS`]: one for each field
    /// of each round (`Thẩm định` and `Thẩm định lần 1` have one), for telling a field given
    /// twice.
    pub(super) fn place(self) -> usize {
        let field = RoundField::ALL.iter().position(|f| *f == self.field);
        let round = (self.round as usize).clamp(1, LAST_ROUND as usize) - 1;
        field.unwrap_or_default() * LAST_ROUND as usize + round
    }
}

/// The round's field a column is, and of which round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct RoundOf {
    pub(super) field: RoundField,
    pub(super) round: u32,
    /// Whether its heading numbers the round.
    numbered: bool,
}

/// The field and round of each column that is a round's: numbered by its heading; else round 1
/// for a score (`Thẩm định`), and for a reason or an appraiser the round of the nearest score
/// left of it, or, with none, the last round. `Thẩm định` beside `Thẩm định lần 1` is so one
/// field twice. One pass over the header and one over what it found: a header may be wide.
pub(super) fn round_fields(header: &[String]) -> Vec<Option<RoundOf>> {
    let mut fields: Vec<Option<RoundOf>> = Vec::with_capacity(header.len());
    // `beside`: the round of the nearest score left of the column; `last`: the highest round.
    let (mut beside, mut last) = (None, 1);
    for heading in header {
        let (field, round, numbered) = match round_heading(heading) {
            Some((field, round)) => (field, Some(round), true),
            None => match RoundField::named(heading) {
                Some(field) => (field, None, false),
                None => {
                    fields.push(None);
                    continue;
                }
            },
        };
        let round = match field {
            RoundField::Appraised => {
                let round = round.unwrap_or(1);
                beside = Some(round);
                last = last.max(round);
                Some(round)
            }
            _ => round.or(beside),
        };
        // A round of 0 stands for "the last round", known once every score is seen.
        let round = round.unwrap_or(0);
        fields.push(Some(RoundOf {
            field,
            round,
            numbered,
        }));
    }
    for of in fields.iter_mut().flatten() {
        if of.round == 0 {
            of.round = last;
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_round_is_read_from_the_number_after_its_fields_heading() {
        let read = |h: &str| round_heading(h);
        assert_eq!(read("Thẩm định lần 2"), Some((RoundField::Appraised, 2)));
        assert_eq!(
            read("Điểm thẩm định lần 1"),
            Some((RoundField::Appraised, 1))
        );
        assert_eq!(read("Thẩm định (lần 2)"), Some((RoundField::Appraised, 2)));
        assert_eq!(
            read("Thẩm định lần thứ 2"),
            Some((RoundField::Appraised, 2))
        );
        assert_eq!(read("THẨM ĐỊNH - VÒNG 2"), Some((RoundField::Appraised, 2)));
        assert_eq!(
            read("Thẩm định lần 2 (cuối cùng)"),
            Some((RoundField::Appraised, 2))
        );
        assert_eq!(read("Lý do (lần 2)"), Some((RoundField::Reason, 2)));
        assert_eq!(
            read("Lý do điều chỉnh lần 1"),
            Some((RoundField::Reason, 1))
        );
        assert_eq!(read("Người thẩm định lần 2"), Some((RoundField::By, 2)));
        assert_eq!(read("appraised round 2"), Some((RoundField::Appraised, 2)));
        assert_eq!(read("tham dinh lan 2"), Some((RoundField::Appraised, 2)));
        assert_eq!(read("Thẩm định – lần 2"), Some((RoundField::Appraised, 2)));
        // The number first in a remark, with more said after it.
        assert_eq!(read("Lý do (lần 1, nếu có)"), Some((RoundField::Reason, 1)));
        assert_eq!(
            read("Thẩm định (lần 2; cuối cùng)"),
            Some((RoundField::Appraised, 2))
        );
        // A remark saying more of the number is no round's number: the heading is read without
        // it (`Thẩm định`).
        assert_eq!(read("Thẩm định (lần 2 - không tính)"), None);
        assert_eq!(read("Lý do (lần 1 không đạt)"), None);
        // A heading repeated, as pandas names it, is no round's number.
        assert_eq!(read("Lý do.1"), None);
        // No number, another field's heading, a number past any round, words after it.
        for heading in [
            "Thẩm định",
            "Thẩm định lần cuối",
            "Tự chấm lần 2",
            "Thẩm định lần 10",
            "Thẩm định lần 0",
            "Thẩm định lần 2 năm 2024",
            "Lần 2",
        ] {
            assert_eq!(read(heading), None, "{heading}");
        }
    }

    #[test]
    fn columns_without_a_number_are_round_one_or_go_with_the_score_left_of_them() {
        let header = |cells: &str| cells.split(';').map(str::to_string).collect::<Vec<_>>();
        let rounds = |cells: &str| {
            let (rounds, numbered) = round_columns(&header(cells));
            let rounds = rounds.into_iter().map(|r| (r.round, r.columns(), numbered));
            rounds.collect::<Vec<_>>()
        };
        assert_eq!(
            rounds("Đơn vị;Thẩm định;Lý do"),
            [(1, [Some(1), Some(2), None], false)]
        );
        // Where a heading numbers a round, each round's fields are named with its number.
        assert_eq!(
            rounds("Đơn vị;Thẩm định;Lý do;Thẩm định lần 2;Lý do lần 2"),
            [
                (1, [Some(1), Some(2), None], true),
                (2, [Some(3), Some(4), None], true)
            ]
        );
        assert_eq!(
            rounds("Đơn vị;Thẩm định lần 1;Lý do;Thẩm định lần 2;Người thẩm định"),
            [
                (1, [Some(1), Some(2), None], true),
                (2, [Some(3), None, Some(4)], true)
            ]
        );
        // A reason without a number a round: after each score, one with its number in brackets.
        for cells in [
            "Đơn vị;Thẩm định lần 1;Lý do;Thẩm định lần 2;Lý do",
            "Đơn vị;Thẩm định (lần 1);Lý do (lần 1);Thẩm định (lần 2);Lý do",
            "Đơn vị;Thẩm định lần 1;Lý do;Thẩm định lần 2;Lý do.1",
        ] {
            assert_eq!(
                rounds(cells),
                [
                    (1, [Some(1), Some(2), None], true),
                    (2, [Some(3), Some(4), None], true)
                ],
                "{cells}"
            );
        }
        // With no score left of it, the reason for the final score.
        assert_eq!(
            rounds("Đơn vị;Lý do;Thẩm định lần 1;Thẩm định lần 2"),
            [
                (1, [Some(2), None, None], true),
                (2, [Some(3), Some(1), None], true)
            ]
        );
        assert!(rounds("Đơn vị;Tự chấm").is_empty());
    }

    #[test]
    fn a_field_of_one_round_is_one_field_however_headed() {
        let header: Vec<String> = ["Thẩm định", "Thẩm định lần 1", "Lý do lần 1", "Lý do"]
            .map(str::to_string)
            .to_vec();
        let fields = round_fields(&header);
        let field = |c: usize| fields[c].map(|f| (f.field, f.round));
        assert_eq!(field(0), field(1));
        assert_eq!(field(2), field(3));
        assert_eq!(field(3), Some((RoundField::Reason, 1)));
    }

    #[test]
    fn a_merged_headings_cells_number_rounds() {
        for cell in [
            "Lần 1",
            "lần thứ 2",
            "(Vòng 2)",
            "Round 2",
            "Lần 2 (cuối cùng)",
        ] {
            assert!(numbers_a_round(cell), "{cell}");
        }
        for cell in ["Lần", "Thẩm định", "2", "Lần 2 năm 2024"] {
            assert!(!numbers_a_round(cell), "{cell}");
        }
    }
}
