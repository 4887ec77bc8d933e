//! A results document read a piece at a time as its file is read, without holding its text: the
//! national commune run's indented document (715 MB) is larger than the JSON text the engine
//! reads at once (`json_bytes`), and comparing it with another year's needs only its scores.
//!
//! The document is read in the parts the engine writes it in: its head (schema, methodology,
//! rounding, tree) up to its list of units, then each unit, then its tail (the blocks'
//! statistics, the warnings). Each part is read as reading the document whole reads it, each
//! unit checked against the tree as soon as it is read and kept with the detail asked for. A
//! document in another order (units before the tree), not in UTF-8 NFC, or with any problem, is
//! not read so: [`ResultsFeed::finish`] then gives `None`, and reading the document whole
//! ([`Results::from_json`]) says what is wrong with it.

use super::{
    BlockStatistics, Detail, MethodologyRef, Results, TreeIndex, UnitResult, UnitWire, Warning,
    RESULTS_SCHEMA,
};
use crate::error::Collector;
use crate::methodology::{RankOn, RoundingPolicy, TreeEntry};
use serde::Deserialize;
use std::sync::Arc;

/// A head, a unit or a tail longer than this is not read in pieces: reading the document whole
/// then says whether it can be read at all (a national run's unit is 70 kB).
const PART_BYTES: usize = 64 << 20;

/// What a results document says before its units, as the engine writes it: the first fields of
/// `ResultsWire` (serde's `flatten` does not go with `deny_unknown_fields`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HeadWire {
    schema: String,
    methodology: MethodologyRef,
    rounding: RoundingPolicy,
    ranked_on: RankOn,
    #[serde(default)]
    detail: Detail,
    tree: Arc<[TreeEntry]>,
    /// Read from the head followed by an empty list (see [`read_head`]).
    #[serde(rename = "units")]
    _units: [(); 0],
}

/// What a results document says after its units, as the engine writes it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TailWire {
    /// Read after an empty list (see [`ResultsFeed::finish`]).
    #[serde(rename = "units")]
    _units: [(); 0],
    blocks: Vec<BlockStatistics>,
    #[serde(default)]
    warnings: Vec<Warning>,
}

/// Where reading has come to.
enum Stage {
    /// In the head: the text scanned so far for the list of units.
    Head(HeadScan),
    /// In the list of units, the head read; `after_unit`: a unit was the last thing read.
    Units {
        head: Box<HeadWire>,
        tree: Box<TreeIndex>,
        after_unit: bool,
    },
    /// After the list: the tail, read once every byte is given.
    Tail { head: Box<HeadWire> },
    /// Between two stages.
    Done,
}

/// A results document read a piece at a time ([`ResultsFeed::push`]), each unit as soon as its
/// text is whole, keeping of each unit's inputs what `detail` asks for: with [`Detail::Scores`],
/// memory holds the scores, whatever the document's size.
pub struct ResultsFeed {
    detail: Detail,
    /// The bytes given and not yet read: the head until the list of units, then the unit being
    /// given, then the tail.
    held: Vec<u8>,
    /// How many bytes of `held` are whole UTF-8 characters, in NFC.
    checked: usize,
    /// Bytes at the start of `held` read already (units read since the last piece).
    read: usize,
    /// How many bytes a unit cut by a piece's end waits for before it is tried again: twice as
    /// many as it had, so that a long unit is not read again for every piece.
    waiting_for: usize,
    stage: Stage,
    units: Vec<UnitResult>,
    /// Whether the document's first bytes were given (a byte-order mark taken off).
    started: bool,
    gave_up: bool,
}

impl ResultsFeed {
    /// A feed keeping `detail` of each unit's inputs.
    pub fn new(detail: Detail) -> Self {
        ResultsFeed {
            detail,
            held: Vec::new(),
            checked: 0,
            read: 0,
            waiting_for: 0,
            stage: Stage::Head(HeadScan::default()),
            units: Vec::new(),
            started: false,
            gave_up: false,
        }
    }

    /// Takes the next bytes of the document, reading what is whole. `false` once the document
    /// cannot be read in pieces: the rest need not be given.
    pub fn push(&mut self, bytes: &[u8]) -> bool {
        if self.gave_up {
            return false;
        }
        self.held.extend_from_slice(bytes);
        // A byte-order mark, as Notepad saves UTF-8, is not the document's.
        if !self.started && self.held.len() >= 3 {
            if self.held.starts_with(b"\xEF\xBB\xBF") {
                self.held.drain(..3);
            }
            self.started = true;
        }
        self.gave_up = !(self.check_text() && self.read_whole_parts());
        !self.gave_up
    }

    /// The results, once every byte of the document was given; `None` where it was not read in
    /// pieces (see the module's documentation).
    pub fn finish(mut self) -> Option<Results> {
        // A unit waiting for more bytes than the document had left is tried with what came.
        self.waiting_for = 0;
        if self.gave_up || self.checked != self.held.len() || !self.read_whole_parts() {
            return None;
        }
        let Stage::Tail { head } = self.stage else {
            return None;
        };
        let tail = std::str::from_utf8(&self.held[self.read..]).ok()?;
        let tail: TailWire = crate::json::from_json_str(&format!("{{\"units\":[]{tail}")).ok()?;
        let head = *head;
        let results = Results {
            schema: head.schema,
            methodology: head.methodology,
            rounding: head.rounding,
            ranked_on: head.ranked_on,
            detail: match self.detail {
                Detail::Scores => Detail::Scores,
                Detail::Full => head.detail,
            },
            tree: head.tree,
            units: self.units,
            blocks: tail.blocks,
            warnings: tail.warnings,
        };
        results.checked(Collector::default()).ok()
    }

    /// Checks the bytes given since the last piece: whole UTF-8 characters (one cut by the
    /// piece's end waits for the next), in NFC as reading whole puts the text. `false` where
    /// they are not.
    fn check_text(&mut self) -> bool {
        let (valid, whole) = match std::str::from_utf8(&self.held[self.checked..]) {
            Ok(text) => (text.len(), true),
            Err(e) => (e.valid_up_to(), e.error_len().is_none()),
        };
        if !whole {
            return false;
        }
        // From the last quote before them: no character composes with a quote, so text in NFC
        // up to it stays so whatever follows.
        let from = (self.held[self.read..self.checked].iter())
            .rposition(|&b| b == b'"')
            .map_or(self.read, |at| self.read + at);
        self.checked += valid;
        std::str::from_utf8(&self.held[from..self.checked]).is_ok_and(crate::is_nfc)
    }

    /// Reads every part whose text is whole; `false` where the document cannot be read so.
    fn read_whole_parts(&mut self) -> bool {
        let read = loop {
            match self.next_part() {
                Ok(true) => continue,
                Ok(false) => break true,
                Err(GiveUp) => break false,
            }
        };
        // What was read is let go, once per piece rather than once per unit.
        self.held.drain(..self.read);
        self.checked -= self.read;
        self.read = 0;
        read && self.held.len() <= PART_BYTES
    }

    /// Reads the next part if its text is whole: `true` if it read one.
    fn next_part(&mut self) -> Result<bool, GiveUp> {
        let text = std::str::from_utf8(&self.held[self.read..self.checked]).map_err(|_| GiveUp)?;
        let (tree, after_unit) = match &mut self.stage {
            Stage::Head(scan) => {
                let Some(at) = scan.units_start(text.as_bytes()) else {
                    return Ok(false);
                };
                self.stage = read_head(&text[..at])?;
                self.read += at + 1;
                return Ok(true);
            }
            Stage::Units {
                tree, after_unit, ..
            } => (tree, after_unit),
            Stage::Tail { .. } | Stage::Done => return Ok(false),
        };
        let rest = text.trim_start_matches(is_json_space);
        let skipped = text.len() - rest.len();
        let at = match (rest.as_bytes().first(), *after_unit) {
            (None, _) => return Ok(false),
            (Some(b']'), _) => {
                self.read += skipped + 1;
                self.stage = match std::mem::replace(&mut self.stage, Stage::Done) {
                    Stage::Units { head, .. } => Stage::Tail { head },
                    _ => return Err(GiveUp),
                };
                return Ok(true);
            }
            // After a unit its comma, read with the unit after it.
            (Some(b','), true) => skipped + 1,
            (Some(b'{'), false) => skipped,
            _ => return Err(GiveUp),
        };
        let unit_text = &text[at..];
        if unit_text.len() < self.waiting_for {
            return Ok(false);
        }
        let mut units = serde_json::Deserializer::from_str(unit_text).into_iter::<UnitWire>();
        match units.next() {
            Some(Ok(wire)) => {
                let end = at + units.byte_offset();
                self.units.push(read_unit(wire, tree, self.detail)?);
                if self.units.len() > crate::limits::UNITS.max {
                    return Err(GiveUp);
                }
                *after_unit = true;
                self.read += end;
                self.waiting_for = 0;
                Ok(true)
            }
            // Cut by the piece's end (or nothing of it given yet, after its comma).
            Some(Err(e)) if e.is_eof() => {
                self.waiting_for = 2 * unit_text.len();
                Ok(false)
            }
            None => Ok(false),
            Some(Err(_)) => Err(GiveUp),
        }
    }
}

/// The document cannot be read in pieces.
struct GiveUp;

/// The head, its text up to the `[` of its list of units, read as it stands before the list.
fn read_head(text: &str) -> Result<Stage, GiveUp> {
    let head: HeadWire = crate::json::from_json_str(&format!("{text}[]}}")).map_err(|_| GiveUp)?;
    if head.schema != RESULTS_SCHEMA || head.rounding.places_problem("").is_some() {
        return Err(GiveUp);
    }
    let tree = Box::new(TreeIndex::new(&head.tree, head.rounding));
    Ok(Stage::Units {
        head: Box::new(head),
        tree,
        after_unit: false,
    })
}

/// A unit read and checked against the tree, keeping `detail` of its inputs.
fn read_unit(wire: UnitWire, tree: &TreeIndex, detail: Detail) -> Result<UnitResult, GiveUp> {
    let mut problems = Collector::default();
    let mut unit = wire.read(tree, &mut problems);
    if !problems.is_empty() {
        return Err(GiveUp);
    }
    if detail == Detail::Scores {
        drop(unit.nodes.forget_inputs());
    }
    Ok(unit)
}

fn is_json_space(c: char) -> bool {
    matches!(c, ' ' | '\n' | '\t' | '\r')
}

/// Where the head's scan for its list of units has come to, across pieces.
#[derive(Default)]
struct HeadScan {
    /// Bytes of the held text scanned.
    scanned: usize,
    depth: usize,
    in_text: bool,
    escaped: bool,
    /// Where the text being scanned at depth 1 started (a key, or a value).
    text_start: usize,
    /// What the last tokens at depth 1 were: the key `units`, then its colon.
    units_key: UnitsKey,
}

#[derive(Default, Clone, Copy, PartialEq)]
enum UnitsKey {
    #[default]
    No,
    Named,
    Colon,
}

impl HeadScan {
    /// Where the `[` of the document's `"units":` stands in `text` (the head given so far), if
    /// it came.
    fn units_start(&mut self, text: &[u8]) -> Option<usize> {
        for (at, &byte) in text.iter().enumerate().skip(self.scanned) {
            if self.in_text {
                match (self.escaped, byte) {
                    (true, _) => self.escaped = false,
                    (false, b'\\') => self.escaped = true,
                    (false, b'"') => {
                        self.in_text = false;
                        if self.depth == 1 {
                            let named = &text[self.text_start..at] == b"units";
                            self.units_key = match named {
                                true => UnitsKey::Named,
                                false => UnitsKey::No,
                            };
                        }
                    }
                    _ => {}
                }
                continue;
            }
            match byte {
                b' ' | b'\n' | b'\t' | b'\r' => continue,
                b'"' => {
                    self.in_text = true;
                    self.text_start = at + 1;
                    continue;
                }
                _ => {}
            }
            let at_top = self.depth == 1;
            let key = std::mem::take(&mut self.units_key);
            match byte {
                b':' if at_top && key == UnitsKey::Named => self.units_key = UnitsKey::Colon,
                b'[' if at_top && key == UnitsKey::Colon => return Some(at),
                b'{' | b'[' => self.depth += 1,
                b'}' | b']' => self.depth = self.depth.saturating_sub(1),
                _ => {}
            }
        }
        self.scanned = text.len();
        None
    }
}
