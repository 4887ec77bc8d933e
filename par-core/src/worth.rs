//! What scoring found a unit's inputs worth: the points of each self-score and appraisal round,
//! and the rule's note for the input that counts. They are kept beside the unit's entries,
//! position for position, not written into them: an entry stays what the unit gave, and its
//! results show both.

use crate::assessment::{Entries, Entry};
use crate::decimal::Dec;
use crate::text::{Lang, RuleNote};
use std::borrow::Cow;

/// What one entry's inputs were worth, beside its rounds' points: 32 bytes for each of a
/// national run's million entries.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Worth {
    /// The points the self-score was worth, at the output scale.
    pub self_points: Option<Dec>,
    /// How the rule turned the counted input into points (`choice 'Ban hành kịp thời'`). Most
    /// leaves (the `points` rule) have none, and a box takes 8 bytes in each of a national
    /// run's million entries.
    pub rule: Option<Box<RuleSaid>>,
    /// Where the entry's rounds' points start in [`EntryPoints`]' list (in the room the
    /// fields above leave).
    first_round: u32,
}

impl Worth {
    /// What a results document says an entry was worth.
    pub(crate) fn new(self_points: Option<Dec>, rule: Option<String>) -> Self {
        Worth {
            self_points,
            rule: rule.map(|said| Box::new(RuleSaid::Read(said.into_boxed_str()))),
            first_round: 0,
        }
    }
}

/// A rule's note on an entry: as scoring found it, or as a results document read back says it.
/// Scoring keeps what it found, written out only when the results are: a note holds its
/// option's or band's label, which a methodology may write as a long sentence, and a copy for
/// each entry scored by it would take a million copies in a national run.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum RuleSaid {
    /// What the rule matched, said in the results' language when written.
    Found(RuleNote, Lang),
    Read(Box<str>),
}

impl RuleSaid {
    /// The note as the results say it.
    pub(crate) fn text(&self) -> Cow<'_, str> {
        match self {
            RuleSaid::Found(note, lang) => Cow::Owned(note.render(*lang)),
            RuleSaid::Read(said) => Cow::Borrowed(said),
        }
    }
}

/// An entry being scored: what the unit gave, and where scoring writes what it was worth.
pub(crate) struct EntryScoring<'a> {
    pub entry: &'a Entry,
    pub worth: &'a mut Worth,
    /// The points of each appraisal round, position for position with the entry's rounds; a
    /// round whose value cannot be scored has none.
    pub round_points: &'a mut [Option<Dec>],
}

/// What each of a unit's entries was worth, position for position with the entries. The rounds'
/// points of every entry stand in one list, entry after entry: a national run has a million
/// entries, and a list of its own for each would be a million allocations.
#[derive(Debug, Clone, Default)]
pub(crate) struct EntryPoints {
    entries: Vec<Worth>,
    round_points: Vec<Option<Dec>>,
}

impl EntryPoints {
    /// Room for what each of `entries` will be worth, nothing found yet.
    pub(crate) fn for_entries(entries: &Entries) -> Self {
        let mut rounds = 0;
        let entries = entries
            .values()
            .map(|e| {
                let first_round = rounds;
                rounds += e.appraisals.len() as u32;
                Worth {
                    first_round,
                    ..Worth::default()
                }
            })
            .collect();
        EntryPoints {
            entries,
            round_points: vec![None; rounds as usize],
        }
    }

    /// The entry at `position` of `entries`, to be scored into what this keeps for it.
    pub(crate) fn scoring<'a>(
        &'a mut self,
        entries: &'a Entries,
        position: u32,
    ) -> Option<EntryScoring<'a>> {
        let (_, entry) = entries.get_index(position as usize)?;
        let kept = self.entries.get_mut(position as usize)?;
        let first = kept.first_round as usize;
        let round_points = self
            .round_points
            .get_mut(first..first + entry.appraisals.len())?;
        Some(EntryScoring {
            entry,
            worth: kept,
            round_points,
        })
    }

    /// What the entry at `position` was worth, and its rounds' points (as many as `rounds`).
    pub(crate) fn get(&self, position: u32, rounds: usize) -> (Option<&Worth>, &[Option<Dec>]) {
        let Some(kept) = self.entries.get(position as usize) else {
            return (None, &[]);
        };
        let first = kept.first_round as usize;
        let round_points = self.round_points.get(first..first + rounds).unwrap_or(&[]);
        (Some(kept), round_points)
    }

    /// Keeps what a results document says the entry at `position` was worth, in its place or
    /// after those kept.
    pub(crate) fn set(&mut self, position: u32, worth: Worth, round_points: Vec<Option<Dec>>) {
        let kept = Worth {
            first_round: self.round_points.len() as u32,
            ..worth
        };
        self.round_points.extend(round_points);
        match self.entries.get_mut(position as usize) {
            Some(slot) => *slot = kept,
            None => self.entries.push(kept),
        }
    }
}
