//! A results document read a piece at a time as its file is read, without holding its text: the
//! national commune run's indented document (715 MB) is larger than the JSON text the engine
//! reads at once (`json_bytes`), and comparing it with another year's needs only its scores.
//!
//! The document is read in the parts the engine writes it in: its head (schema, methodology,
//! rounding, tree) up to its list of units, then each unit, then its tail (the blocks'
//! statistics, the warnings). Each part is read as reading the document whole reads it, each
//! unit checked against the tree as soon as it is read and kept with the detail asked for. A
//! document in another order (units before the tree), not in UTF-8, or with any problem, is not
//! read so: [`ResultsFeed::finish`] then gives `None`, and reading the document whole
//! ([`Results::from_json`]) says what is wrong with it.

use super::{
    check_size, BlockStatistics, Detail, MethodologyRef, Results, TreeIndex, UnitResult, UnitWire,
    Warning, RESULTS_SCHEMA,
};
use crate::error::Collector;
use crate::json::is_json_space;
use crate::methodology::{RankOn, RoundingPolicy, TreeEntry};
use serde::Deserialize;
use std::sync::Arc;

/// At most this much of the document is held unread once a piece is read (the head, a unit or
/// the tail being given, and what came after it): a longer part is not read in pieces, and
/// reading the document whole then says whether it can be read at all (a national run's unit
/// is 70 kB).
const PART_BYTES: usize = 64 << 20;

/// At most this much text is kept of the units read with [`Detail::Scores`] (their names,
/// blocks, bands, components' names and warnings), and of the units' whole text with
/// [`Detail::Full`]: a document keeping more is not read in pieces but whole, which refuses it
/// only above `json_bytes`. The national commune run's units keep 0.2 MB with their scores
/// alone, and 715 MB in full.
const fn kept_bytes_max(detail: Detail) -> usize {
    match detail {
        Detail::Scores => 64 << 20,
        Detail::Full => 2 << 30,
    }
}

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
    /// The head's text ends with `"units":`; it is read followed by an empty list and the
    /// document's closing brace ([`read_head`]), this field taking the list.
    #[serde(rename = "units")]
    _units: [(); 0],
}

/// What a results document says after its units, as the engine writes it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TailWire {
    /// The tail's text starts after the list of units (`, "blocks": …}`); it is read after
    /// `{"units":[]` ([`ResultsFeed::finish`]), this field taking that list.
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
    /// In the list of units, the head read, the next token expected.
    Units(Next),
    /// After the list: the tail, read once every byte is given.
    Tail,
}

/// What comes next in the list of units.
#[derive(Clone, Copy)]
enum Next {
    /// A unit or the list's end (after its `[`).
    First,
    /// A comma or the list's end (after a unit).
    Comma,
    /// A unit (after a comma).
    Unit,
}

/// A results document read a piece at a time ([`ResultsFeed::push`]), each unit as soon as its
/// text is whole, keeping of each unit's inputs what `detail` asks for: with [`Detail::Scores`],
/// memory holds the scores, whatever the document's size. Each byte given is looked at a bounded
/// number of times, however small the pieces: a unit cut by a piece's end is tried again only
/// once it has twice the bytes it had.
pub struct ResultsFeed {
    detail: Detail,
    /// The bytes given and not yet read: the head until the list of units, then the unit being
    /// given, then the tail.
    held: Vec<u8>,
    /// How many bytes of `held` are whole UTF-8 characters.
    checked: usize,
    /// Bytes at the start of `held` read already (parts read since the last piece).
    read: usize,
    /// How many bytes a unit cut by a piece's end waits for before it is tried again.
    waiting_for: usize,
    stage: Stage,
    /// What the document says before its units, and its tree indexed: read by the time the
    /// stage is [`Stage::Units`].
    head: Option<(Box<HeadWire>, Box<TreeIndex>)>,
    units: Vec<UnitResult>,
    /// What the units read keep: bytes of text ([`kept_bytes_max`]), and nodes
    /// ([`crate::limits::NODE_RESULTS`], as scoring counts them).
    kept_bytes: usize,
    kept_nodes: usize,
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
            head: None,
            units: Vec::new(),
            kept_bytes: 0,
            kept_nodes: 0,
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
        self.gave_up = !(self.check_utf8() && self.read_whole_parts());
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
        let (Stage::Tail, Some((head, _))) = (self.stage, self.head) else {
            return None;
        };
        let tail = std::str::from_utf8(&self.held[self.read..]).ok()?;
        // The tail read as it stands after the list of units (see `TailWire`), in NFC.
        let tail: TailWire = crate::json::from_json_str(&format!("{{\"units\":[]{tail}")).ok()?;
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

    /// Checks the bytes given since the last piece are UTF-8: `false` where they are not. A
    /// character cut by the piece's end waits for the next.
    fn check_utf8(&mut self) -> bool {
        match std::str::from_utf8(&self.held[self.checked..]) {
            Ok(text) => self.checked += text.len(),
            Err(e) if e.error_len().is_none() => self.checked += e.valid_up_to(),
            Err(_) => return false,
        }
        true
    }

    /// Reads every part whose text is whole; `false` where the document cannot be read so,
    /// or more than [`PART_BYTES`] would stay held unread.
    fn read_whole_parts(&mut self) -> bool {
        if !self.read_parts() {
            return false;
        }
        if self.held.len() > PART_BYTES && self.waiting_for > 0 {
            // A unit waiting for twice its bytes may be whole already, with what follows it.
            self.waiting_for = 0;
            if !self.read_parts() {
                return false;
            }
        }
        self.held.len() <= PART_BYTES
    }

    /// Reads the parts whose text is whole, then lets go of what was read (once per piece
    /// rather than once per part); `false` where the document cannot be read so.
    fn read_parts(&mut self) -> bool {
        let readable = loop {
            match self.next_part() {
                Ok(true) => continue,
                Ok(false) => break true,
                Err(GiveUp) => break false,
            }
        };
        self.held.drain(..self.read);
        self.checked -= self.read;
        self.read = 0;
        readable
    }

    /// Reads the next part, or the white space or comma before it, if it came whole: `true` if
    /// it read something.
    fn next_part(&mut self) -> Result<bool, GiveUp> {
        let text = &self.held[self.read..self.checked];
        let next = match &mut self.stage {
            Stage::Head(scan) => {
                let Some(at) = scan.units_start(text) else {
                    return Ok(false);
                };
                self.head = Some(read_head(&text[..at])?);
                self.stage = Stage::Units(Next::First);
                self.read += at + 1;
                return Ok(true);
            }
            Stage::Units(next) => next,
            Stage::Tail => return Ok(false),
        };
        // White space between tokens is let go as it comes, not looked at again.
        let space = text.iter().take_while(|b| is_json_space(**b)).count();
        if space > 0 {
            self.read += space;
            return Ok(true);
        }
        match (text.first(), *next) {
            (None, _) => Ok(false),
            (Some(b']'), Next::First | Next::Comma) => {
                self.read += 1;
                self.stage = Stage::Tail;
                Ok(true)
            }
            (Some(b','), Next::Comma) => {
                self.read += 1;
                *next = Next::Unit;
                Ok(true)
            }
            (Some(b'{'), Next::First | Next::Unit) => match self.next_unit()? {
                Some(len) => {
                    self.read += len;
                    self.stage = Stage::Units(Next::Comma);
                    Ok(true)
                }
                None => Ok(false),
            },
            _ => Err(GiveUp),
        }
    }

    /// Reads the unit the held text starts with, if it came whole: the length of its text.
    fn next_unit(&mut self) -> Result<Option<usize>, GiveUp> {
        let text = &self.held[self.read..self.checked];
        if text.len() < self.waiting_for {
            return Ok(None);
        }
        let tree = self.head.as_ref().map(|(_, tree)| tree).ok_or(GiveUp)?;
        // Bytes, not a text: the UTF-8 was checked as it came, and serde checks it again in the
        // strings it reads, where checking it here would go over the held text at every piece.
        let mut units = serde_json::Deserializer::from_slice(text).into_iter::<UnitWire>();
        match units.next() {
            Some(Ok(wire)) => {
                let len = units.byte_offset();
                let wire = in_nfc(wire, &text[..len])?;
                let unit = read_unit(wire, tree, self.detail)?;
                self.keep(unit, len)?;
                self.waiting_for = 0;
                Ok(Some(len))
            }
            // Cut by the piece's end.
            Some(Err(e)) if e.is_eof() => {
                self.waiting_for = 2 * text.len();
                Ok(None)
            }
            _ => Err(GiveUp),
        }
    }
}

impl ResultsFeed {
    /// Keeps a unit read from `len` bytes of text, unless the units kept would pass the
    /// engine's limits or [`kept_bytes_max`]: memory is bounded as reading the document whole
    /// bounds it, whatever the document's size.
    fn keep(&mut self, unit: UnitResult, len: usize) -> Result<(), GiveUp> {
        self.kept_bytes += match self.detail {
            Detail::Scores => text_kept(&unit),
            Detail::Full => len,
        };
        self.kept_nodes += unit.nodes.len();
        self.units.push(unit);
        let tree = self.head.as_ref().map_or(0, |(_, tree)| tree.tree.len());
        let within = self.units.len() <= crate::limits::UNITS.max
            && self.kept_nodes <= crate::limits::NODE_RESULTS.max
            && check_size(tree, self.units.len()).is_ok()
            && self.kept_bytes <= kept_bytes_max(self.detail);
        within.then_some(()).ok_or(GiveUp)
    }
}

/// The bytes of text a unit read with its scores alone keeps: its name, block and band, the
/// names of its components and its warnings (a document may give a unit any of these, of any
/// length).
fn text_kept(unit: &UnitResult) -> usize {
    let warning = |w: &Warning| w.message.len() + w.node.as_ref().map_or(0, |n| n.len());
    let named = [&unit.block, &unit.band].map(|t| t.as_ref().map_or(0, String::len));
    let components = unit.components.keys().map(String::len);
    let warnings = unit.warnings.iter().map(warning);
    unit.unit.len() + named.iter().sum::<usize>() + components.chain(warnings).sum::<usize>()
}

/// The document cannot be read in pieces.
struct GiveUp;

/// The head, its text up to the `[` of its list of units, read as it stands before the list
/// (see `HeadWire`), with its tree indexed.
fn read_head(text: &[u8]) -> Result<(Box<HeadWire>, Box<TreeIndex>), GiveUp> {
    let text = std::str::from_utf8(text).map_err(|_| GiveUp)?;
    // Put in NFC, as the document read whole is (the head ends with a bracket, with which no
    // character composes).
    let head: HeadWire = crate::json::from_json_str(&format!("{text}[]}}")).map_err(|_| GiveUp)?;
    if head.schema != RESULTS_SCHEMA
        || head.rounding.places_problem("").is_some()
        || check_size(head.tree.len(), 0).is_err()
    {
        return Err(GiveUp);
    }
    let tree = Box::new(TreeIndex::new(&head.tree, head.rounding));
    Ok((Box::new(head), tree))
}

/// The unit read from `text`, read again from its text in NFC where it was not in NFC, as
/// reading the document whole puts it: a unit's text starts and ends with a brace, with which no
/// character composes, so the document in NFC is each of its parts in NFC.
fn in_nfc(wire: UnitWire, text: &[u8]) -> Result<UnitWire, GiveUp> {
    let text = std::str::from_utf8(text).map_err(|_| GiveUp)?;
    match crate::json::json_in_nfc(text) {
        std::borrow::Cow::Borrowed(_) => Ok(wire),
        std::borrow::Cow::Owned(normal) => serde_json::from_str(&normal).map_err(|_| GiveUp),
    }
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
                b if is_json_space(b) => continue,
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
