//! A valid `par.assessments/1` text read in one pass, in pieces if it comes in pieces, each unit
//! handed to a [`Scorer`](crate::Scorer) as soon as its closing brace is read.
//!
//! This is the reader a national run takes: serde's derived readers spent about 690 ms of a
//! 1.5 s national run in WebAssembly on its 115 MiB, in the visitor calls made for every field
//! of a million entries. It reads only what serde's derived readers of the same types read
//! without a problem, and gives exactly what they give (`tests/assessment_stream.rs` and the
//! `assessments` fuzz target check it against them). At anything else — a problem, a text over the
//! size limit — it stops ([`NotRead`]), and the caller reads the text whole
//! ([`read_assessments`](super::read_assessments)), which names every problem. It never needs to
//! report one itself.
//!
//! Pieces let a caller pass a text it holds elsewhere a few MiB at a time (WebAssembly, whose
//! memory would otherwise hold the whole text as well as the units read from it); a piece may end
//! anywhere, even inside a string. Texts are read as given: a caller puts the text in NFC first
//! ([`score_json_as_read`](super::score_json_as_read) does; the npm package does before passing
//! it in), as every other reader of the engine reads it.

use super::{
    Appraisal, Entries, Entry, EntryList, InputValue, SurveyInput, UnitAssessment,
    ASSESSMENTS_SCHEMA,
};
use crate::decimal::{parse_input_decimal, Dec};
use crate::json::is_json_space;
use compact_str::CompactString;
use std::borrow::Cow;

/// The text is not one this reader takes: read it whole to learn why. Once refused, a stream
/// stays refused, whatever it is given after.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotRead;

/// Reads a `par.assessments/1` document (or a bare list of units) given in pieces, handing each
/// unit as it is read to `units` (a [`Scorer`](crate::Scorer), or a list): [`AssessmentStream::push`] each
/// piece, then [`AssessmentStream::finish`].
pub struct AssessmentStream<U> {
    units: U,
    place: Place,
    /// The end of the last piece that begins a step not yet complete (a unit cut by the piece's
    /// end): read again with the start of the next piece.
    held: String,
    /// The length of `held` when it was last read and found still cut: it is read again only once
    /// it has doubled (or at the end), so that a unit over many pieces is read a few times, not
    /// once more with every piece.
    tried: usize,
    /// The number of entries the last unit gave: the next unit's map is made that size at first,
    /// not grown from nothing (units of a run mostly give every criterion).
    entries_hint: usize,
    /// Bytes given so far, against [`crate::limits::JSON_BYTES`].
    given: usize,
    /// Entries of units the units' taker let go, emptied, for the next unit's entries to be read
    /// into ([`Units::spare_entries`]).
    recycled: Vec<Entry>,
}

/// Where in the document reading stands, between two steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// Before the document.
    Start,
    /// After `{`, or after a field and its comma (`first` only right after `{`).
    Field { first: bool, fields: Fields },
    /// After a field's value: a comma or the closing brace.
    AfterField(Fields),
    /// After `[`, or after a unit and its comma.
    Unit {
        first: bool,
        in_document: Option<Fields>,
    },
    /// After a unit: a comma or the closing bracket.
    AfterUnit { in_document: Option<Fields> },
    /// After the document: only white space.
    End { fields: Option<Fields> },
    /// The text is not one this reader takes ([`NotRead`]); nothing is read after.
    Refused,
}

/// The document's fields read so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Fields {
    schema: bool,
    units: bool,
}

/// Why a step stopped: the text ended inside it (read it again with more text), or the text is
/// not one this reader takes.
enum Stop {
    More,
    NotRead,
}

impl From<NotRead> for Stop {
    fn from(_: NotRead) -> Self {
        Stop::NotRead
    }
}

type Step<T> = Result<T, Stop>;

/// A held step is completed with this much of the next piece at first, then twice as much each
/// time it is still not complete: a unit is some kilobytes, a piece some megabytes.
const FIRST_TAKE: usize = 64 * 1024;

/// What takes the units read: a [`Scorer`](crate::Scorer) scores each, a list keeps them.
pub trait Units {
    /// Takes one more unit, or refuses it when it would be past the limits. `within_limits`: the
    /// reader found no text of the unit over [`crate::limits::TEXT_BYTES`] and no entry code over
    /// [`crate::limits::CODE_BYTES`] (it looks at every string it reads, field names and amounts
    /// too, so a unit it is unsure of is measured again, as any unit given whole).
    fn take(&mut self, unit: UnitAssessment, within_limits: bool) -> Result<(), NotRead>;

    /// The entries of a unit taken before that are not kept, for the next unit to be read into
    /// (their lists' room is used again): none unless they are let go.
    fn spare_entries(&mut self) -> Option<Entries> {
        None
    }
}

impl Units for Vec<UnitAssessment> {
    fn take(&mut self, unit: UnitAssessment, _within_limits: bool) -> Result<(), NotRead> {
        if self.len() >= crate::limits::UNITS.max {
            return Err(NotRead);
        }
        self.push(unit);
        Ok(())
    }
}

impl<U: Units> AssessmentStream<U> {
    pub fn new(units: U) -> Self {
        AssessmentStream {
            units,
            place: Place::Start,
            held: String::new(),
            tried: 0,
            entries_hint: 0,
            given: 0,
            recycled: Vec::new(),
        }
    }

    /// Reads the next piece of the text.
    pub fn push(&mut self, piece: &str) -> Result<(), NotRead> {
        let read = self.read_piece(piece);
        if read.is_err() {
            self.place = Place::Refused;
            self.held = String::new();
        }
        read
    }

    /// [`AssessmentStream::push`], which remembers a refusal.
    fn read_piece(&mut self, piece: &str) -> Result<(), NotRead> {
        self.given = self.given.saturating_add(piece.len());
        crate::limits::JSON_BYTES
            .check(self.given)
            .map_err(|_| NotRead)?;
        let from = match self.held.is_empty() {
            true => 0,
            false => self.complete_held(piece)?,
        };
        if self.held.is_empty() {
            let read = self.read(&piece[from..])?;
            self.held.push_str(&piece[from + read..]);
            self.tried = self.held.len();
        }
        Ok(())
    }

    /// What took the units, every unit of a complete document given to it; the text held from
    /// the last piece is read at last whatever its length (see `tried`).
    pub fn finish(mut self) -> Result<U, NotRead> {
        if !self.held.is_empty() {
            let held = std::mem::take(&mut self.held);
            if self.read(&held)? < held.len() {
                return Err(NotRead);
            }
        }
        match self.place {
            Place::End { fields } => match fields {
                None
                | Some(Fields {
                    schema: true,
                    units: true,
                }) => Ok(self.units),
                Some(_) => Err(NotRead),
            },
            _ => Err(NotRead),
        }
    }

    /// Completes the step held from the last piece with the start of `piece`; the length of
    /// `piece` read with it, or all of it (kept in `held`) if the step is still not complete.
    fn complete_held(&mut self, piece: &str) -> Result<usize, NotRead> {
        let mut held_length = self.held.len();
        let (mut taken, mut take) = (0, FIRST_TAKE);
        while taken < piece.len() {
            let mut end = (taken + take).min(piece.len());
            while !piece.is_char_boundary(end) {
                end += 1;
            }
            self.held.push_str(&piece[taken..end]);
            taken = end;
            if self.held.len() < self.tried.saturating_mul(2) {
                continue;
            }
            let held = std::mem::take(&mut self.held);
            let read = self.read(&held);
            self.held = held;
            let read = read?;
            if read >= held_length {
                // The held step ended in this piece: go on from there in the piece itself.
                self.held.clear();
                self.tried = 0;
                return Ok(read - held_length);
            }
            self.held.drain(..read);
            held_length -= read;
            self.tried = match read {
                0 => self.held.len(),
                _ => 0,
            };
            take = take.saturating_mul(2);
        }
        Ok(piece.len())
    }

    /// Reads whole steps of `text` from its start; how much was read (a step cut by the end of
    /// `text` is left).
    fn read(&mut self, text: &str) -> Result<usize, NotRead> {
        let mut at = Cursor {
            text,
            at: 0,
            oversized: false,
        };
        loop {
            let before = at.at;
            match self.step(&mut at) {
                Ok(()) => {}
                // After the document, the white space read is done with; a step cut by the
                // text's end is read again whole.
                Err(Stop::More) if matches!(self.place, Place::End { .. }) => return Ok(at.at),
                Err(Stop::More) => return Ok(before),
                Err(Stop::NotRead) => return Err(NotRead),
            }
        }
    }

    /// Reads one step from where reading stands, moving on only when it is complete.
    fn step(&mut self, at: &mut Cursor) -> Step<()> {
        let next = match self.place {
            Place::Start => match at.next_byte_after_bom()? {
                b'{' => Place::Field {
                    first: true,
                    fields: Fields::default(),
                },
                b'[' => Place::Unit {
                    first: true,
                    in_document: None,
                },
                _ => return Err(Stop::NotRead),
            },
            Place::Field { first, fields } => {
                if first && at.peek_byte()? == b'}' {
                    at.at += 1;
                    Place::End {
                        fields: Some(fields),
                    }
                } else {
                    self.field(at, fields)?
                }
            }
            Place::AfterField(fields) => match at.next_byte()? {
                b',' => Place::Field {
                    first: false,
                    fields,
                },
                b'}' => Place::End {
                    fields: Some(fields),
                },
                _ => return Err(Stop::NotRead),
            },
            Place::Unit { first, in_document } => {
                if first && at.peek_byte()? == b']' {
                    at.at += 1;
                    after_units(in_document)
                } else {
                    // (A unit cut by the piece's end is read again with the next piece: the room
                    // it was given is dropped with what was read of it; it is read into fresh.)
                    let room = self.units.spare_entries();
                    let unit = at.unit(self.entries_hint, room, &mut self.recycled)?;
                    self.entries_hint = unit.entries.len();
                    if crate::names::shows_nothing(&unit.unit) {
                        return Err(Stop::NotRead);
                    }
                    self.units.take(unit, !at.oversized)?;
                    Place::AfterUnit { in_document }
                }
            }
            Place::AfterUnit { in_document } => match at.next_byte()? {
                b',' => Place::Unit {
                    first: false,
                    in_document,
                },
                b']' => after_units(in_document),
                _ => return Err(Stop::NotRead),
            },
            Place::Refused => return Err(Stop::NotRead),
            Place::End { .. } => {
                at.skip_space();
                return Err(match at.at == at.text.len() {
                    true => Stop::More,
                    false => Stop::NotRead,
                });
            }
        };
        self.place = next;
        Ok(())
    }

    /// One field of the document: the schema with its value, or `"units": [`.
    fn field(&self, at: &mut Cursor, mut fields: Fields) -> Step<Place> {
        let key = at.key()?;
        match key.as_ref() {
            "schema" if !fields.schema => {
                if at.string()? != ASSESSMENTS_SCHEMA {
                    return Err(Stop::NotRead);
                }
                fields.schema = true;
                Ok(Place::AfterField(fields))
            }
            "units" if !fields.units => {
                at.expect(b'[')?;
                fields.units = true;
                Ok(Place::Unit {
                    first: true,
                    in_document: Some(fields),
                })
            }
            _ => Err(Stop::NotRead),
        }
    }
}

/// Part of a document's list of units, cut at the comma between two units
/// ([`json_parts`]), to be read and scored on its own, on any core, as the one pass over the
/// whole text reads it: the parts' scorers, merged in order ([`Scorer::merge_in_order`](crate::Scorer::merge_in_order)), are
/// the one pass's.
pub struct JsonPart<'t> {
    text: &'t str,
    /// Where reading stands where the part starts: in the list, before its first unit (the
    /// first part, after the document's fields before the list) or before the comma after a
    /// unit (the others).
    start: Place,
    /// Whether the part ends the document (its list and the fields after it).
    last: bool,
}

/// A valid document's text cut into `n` parts of whole units or fewer, to be scored side by side
/// ([`JsonPart::read`]); `None` when it has no list of units to cut or is past
/// [`crate::limits::JSON_BYTES`]. A cut is made at a comma between `}` and `{"unit":`, which
/// only a unit starts in a valid document (a text holds no raw quote, and an entry code
/// `"unit"` follows a `{` only after a `:`). A document where such a comma is not between two
/// units is not valid: the part before it then does not end after a unit, and is not scored
/// ([`JsonPart::read`]). The text is read as given: a caller puts it in NFC first, as
/// [`score_json_as_read`](super::score_json_as_read) does.
pub fn json_parts(text: &str, n: usize) -> Option<Vec<JsonPart<'_>>> {
    crate::limits::JSON_BYTES.check(text.len()).ok()?;
    let (head, in_document) = list_start(text)?;
    let mut parts = Vec::with_capacity(n);
    let (mut from, mut start) = (
        head,
        Place::Unit {
            first: true,
            in_document,
        },
    );
    for k in 1..n {
        let near = head + (text.len() - head) / n * k;
        // A cut after the last one, never at it: each part holds a unit at least.
        let Some(cut) = unit_comma_from(text, near.max(from + 1)) else {
            break;
        };
        parts.push(JsonPart {
            text: text.get(from..cut)?,
            start,
            last: false,
        });
        (from, start) = (cut, Place::AfterUnit { in_document });
    }
    parts.push(JsonPart {
        text: text.get(from..)?,
        start,
        last: true,
    });
    Some(parts)
}

/// Where the document's list of units starts (after its `[`), and the document's fields read
/// before it (none for a bare list); `None` for a text that does not start as a valid document
/// does.
fn list_start(text: &str) -> Option<(usize, Option<Fields>)> {
    let mut stream = AssessmentStream::new(Vec::new());
    let mut at = Cursor {
        text,
        at: 0,
        oversized: false,
    };
    loop {
        if let Place::Unit {
            first: true,
            in_document,
        } = stream.place
        {
            return Some((at.at, in_document));
        }
        stream.step(&mut at).ok()?;
    }
}

/// The first comma at or after `from` that is followed by `{"unit":` and comes after a `}`
/// (white space allowed between them), as between two units of a list.
fn unit_comma_from(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    // The last byte before `end`, and the first from `start`, that are not white space.
    let before = |end: usize| bytes[..end].iter().rposition(|b| !is_json_space(*b));
    let after = |start: usize| {
        let rest = bytes.get(start..)?;
        Some(start + rest.iter().position(|b| !is_json_space(*b))?)
    };
    let keys = memchr::memmem::find_iter(bytes.get(from..)?, b"\"unit\"").map(|k| from + k);
    keys.filter_map(|key| {
        after(key + b"\"unit\"".len()).filter(|&c| bytes[c] == b':')?;
        let brace = before(key).filter(|&b| bytes[b] == b'{')?;
        let comma = before(brace).filter(|&c| bytes[c] == b',' && c >= from)?;
        before(comma).filter(|&b| bytes[b] == b'}')?;
        Some(comma)
    })
    .next()
}

impl JsonPart<'_> {
    /// The part's units given to `units` (a [`Scorer`](crate::Scorer) scores them); `None` where the one pass
    /// would stop, or where the part does not end where a unit does (and, for the last, where
    /// the document does).
    pub fn read<U: Units>(&self, units: U) -> Option<U> {
        let mut stream = AssessmentStream::new(units);
        stream.place = self.start;
        stream.push(self.text).ok()?;
        if self.last {
            return stream.finish().ok();
        }
        let ends_after_unit = matches!(stream.place, Place::AfterUnit { .. });
        let nothing_held = stream.held.bytes().all(is_json_space);
        (ends_after_unit && nothing_held).then_some(stream.units)
    }
}

/// The unit whose JSON object starts `text` (a document's text from a unit of its list on), read
/// as this reader reads a unit: the unit, and whether its texts are within their limits (see
/// [`Units::take`]); `None` where this reader steps aside (a problem, a unit without a name, more
/// entries than a unit may have), which reading the unit as a JSON value then names.
/// `entries_hint` as for the stream's units.
pub(super) fn unit_starting(text: &str, entries_hint: usize) -> Option<(UnitAssessment, bool)> {
    let mut at = Cursor {
        text,
        at: 0,
        oversized: false,
    };
    let unit = at.unit(entries_hint, None, &mut Vec::new()).ok()?;
    let named = !crate::names::shows_nothing(&unit.unit);
    named.then_some((unit, !at.oversized))
}

/// Where reading stands after the list of units.
fn after_units(in_document: Option<Fields>) -> Place {
    match in_document {
        Some(fields) => Place::AfterField(fields),
        None => Place::End { fields: None },
    }
}

/// A position in a text being read; every read skips the white space before its value.
struct Cursor<'t> {
    text: &'t str,
    at: usize,
    /// Whether a string of the unit being read (any: a text, a field's name, an amount) is over
    /// the longest text allowed, or an entry code over the longest code: each is measured as it is
    /// read, so that the scorer need not go over every text again; a unit with one is measured by
    /// the scorer, which names the field.
    oversized: bool,
}

impl<'t> Cursor<'t> {
    #[inline(always)]
    fn skip_space(&mut self) {
        // Most documents are written without white space between their tokens.
        if self.text.as_bytes().get(self.at).is_some_and(|&b| b > b' ') {
            return;
        }
        let rest = &self.text.as_bytes()[self.at..];
        self.at += rest
            .iter()
            .position(|&b| !is_json_space(b))
            .unwrap_or(rest.len());
    }

    /// The next byte after white space, not taken.
    #[inline(always)]
    fn peek_byte(&mut self) -> Step<u8> {
        self.skip_space();
        self.text.as_bytes().get(self.at).copied().ok_or(Stop::More)
    }

    /// The next byte after white space, taken.
    #[inline(always)]
    fn next_byte(&mut self) -> Step<u8> {
        let byte = self.peek_byte()?;
        self.at += 1;
        Ok(byte)
    }

    /// The document's first byte, after the byte-order mark it may begin with (as reading it
    /// whole passes over one).
    fn next_byte_after_bom(&mut self) -> Step<u8> {
        const BOM: &[u8] = "\u{feff}".as_bytes();
        let rest = &self.text.as_bytes()[self.at..];
        if rest.starts_with(BOM) {
            self.at += BOM.len();
        } else if BOM.starts_with(rest) {
            return Err(Stop::More);
        }
        self.next_byte()
    }

    #[inline(always)]
    fn expect(&mut self, byte: u8) -> Step<()> {
        match self.next_byte()? == byte {
            true => Ok(()),
            false => Err(Stop::NotRead),
        }
    }

    /// `null`, `true` or `false`, its first letter already seen.
    fn word(&mut self, word: &str) -> Step<()> {
        let rest = &self.text.as_bytes()[self.at..];
        if rest.starts_with(word.as_bytes()) {
            self.at += word.len();
            Ok(())
        } else if word.as_bytes().starts_with(rest) {
            Err(Stop::More)
        } else {
            Err(Stop::NotRead)
        }
    }

    /// `read`'s value, or `None` for `null`, as serde reads an `Option`.
    fn nullable<T>(&mut self, read: impl FnOnce(&mut Self) -> Step<T>) -> Step<Option<T>> {
        match self.peek_byte()? {
            b'n' => self.word("null").map(|()| None),
            _ => read(self).map(Some),
        }
    }

    /// A JSON string, borrowed from the text unless it holds an escape.
    #[inline(always)]
    fn string(&mut self) -> Step<Cow<'t, str>> {
        self.expect(b'"')?;
        let start = self.at;
        let text = match self.plain_run() {
            Some(b'"') => {
                self.at += 1;
                Cow::Borrowed(&self.text[start..self.at - 1])
            }
            Some(b'\\') => Cow::Owned(self.escaped(start)?),
            Some(_) => return Err(Stop::NotRead),
            None => return Err(Stop::More),
        };
        self.oversized |= text.len() > crate::limits::TEXT_BYTES.max;
        Ok(text)
    }

    /// Moves past bytes that stand for themselves in a string; the byte that stops it (a quote,
    /// a backslash, or a control character, which JSON does not allow there) is not taken.
    #[inline(always)]
    fn plain_run(&mut self) -> Option<u8> {
        let rest = &self.text.as_bytes()[self.at..];
        let stop = plain_bytes(rest);
        self.at += stop;
        rest.get(stop).copied()
    }

    /// The rest of a string from its first backslash, its start at `start`.
    fn escaped(&mut self, start: usize) -> Step<String> {
        let mut text = String::from(&self.text[start..self.at]);
        loop {
            match self.text.as_bytes().get(self.at) {
                None => return Err(Stop::More),
                Some(b'"') => {
                    self.at += 1;
                    return Ok(text);
                }
                Some(b'\\') => {
                    self.at += 1;
                    text.push(self.escape()?);
                }
                Some(_) => {
                    let run = self.at;
                    match self.plain_run() {
                        Some(b'"' | b'\\') => text.push_str(&self.text[run..self.at]),
                        Some(_) => return Err(Stop::NotRead),
                        None => return Err(Stop::More),
                    }
                }
            }
        }
    }

    /// The character an escape after its backslash stands for.
    fn escape(&mut self) -> Step<char> {
        let byte = *self.text.as_bytes().get(self.at).ok_or(Stop::More)?;
        self.at += 1;
        Ok(match byte {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => return self.escaped_char(),
            _ => return Err(Stop::NotRead),
        })
    }

    /// `XXXX` after `\u`, with the low half after it (`\uXXXX`) when it is a surrogate pair's
    /// high half; a lone half is not read (serde refuses it).
    fn escaped_char(&mut self) -> Step<char> {
        let code = self.hex4()?;
        let code = match code {
            0xD800..=0xDBFF => {
                let rest = &self.text.as_bytes()[self.at..];
                if rest.len() < 2 {
                    return Err(match rest.is_empty() || rest == b"\\" {
                        true => Stop::More,
                        false => Stop::NotRead,
                    });
                }
                if &rest[..2] != b"\\u" {
                    return Err(Stop::NotRead);
                }
                self.at += 2;
                let low = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&low) {
                    return Err(Stop::NotRead);
                }
                0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            }
            _ => code,
        };
        char::from_u32(code).ok_or(Stop::NotRead)
    }

    fn hex4(&mut self) -> Step<u32> {
        let digits = self.text.as_bytes().get(self.at..self.at + 4);
        let digits = match digits {
            Some(d) => d,
            None if self.text.as_bytes()[self.at..]
                .iter()
                .all(u8::is_ascii_hexdigit) =>
            {
                return Err(Stop::More)
            }
            None => return Err(Stop::NotRead),
        };
        let mut code = 0;
        for &d in digits {
            code = code * 16 + (d as char).to_digit(16).ok_or(Stop::NotRead)?;
        }
        self.at += 4;
        Ok(code)
    }

    /// A field's name and its colon.
    #[inline(always)]
    fn key(&mut self) -> Step<Cow<'t, str>> {
        let key = self.string()?;
        self.expect(b':')?;
        Ok(key)
    }

    /// An object's fields, each read by `field` after its name; a field given twice is left to
    /// `field` to refuse.
    fn object(&mut self, mut field: impl FnMut(&mut Self, &str) -> Step<()>) -> Step<()> {
        self.expect(b'{')?;
        if self.peek_byte()? == b'}' {
            self.at += 1;
            return Ok(());
        }
        loop {
            // A key is nearly always plain text, borrowed: nothing to let go after `field`.
            match self.key()? {
                Cow::Borrowed(key) => field(self, key)?,
                Cow::Owned(key) => field(self, &key)?,
            }
            match self.next_byte()? {
                b',' => {}
                b'}' => return Ok(()),
                _ => return Err(Stop::NotRead),
            }
        }
    }

    /// A list of at most [`crate::limits::ENTRY_ITEMS`] items read by `item` into `items`
    /// (empty): one of more items than the entry keeps inside it takes exactly the room of its
    /// length, as [`exact_list`](super::exact_list) reads one; one with room of its own already
    /// (an entry read into again, see [`Units::spare_entries`]) keeps it.
    fn list_into<T>(
        &mut self,
        items: &mut EntryList<T>,
        mut item: impl FnMut(&mut Self) -> Step<T>,
    ) -> Step<()> {
        debug_assert!(items.is_empty(), "a list read into one read before");
        self.expect(b'[')?;
        let made_here = !items.spilled();
        if self.peek_byte()? == b']' {
            self.at += 1;
        } else {
            loop {
                // Past the limit, the reader that reports every problem names the list.
                if items.len() == crate::limits::ENTRY_ITEMS.max {
                    return Err(Stop::NotRead);
                }
                items.push(item(self)?);
                match self.next_byte()? {
                    b',' => {}
                    b']' => break,
                    _ => return Err(Stop::NotRead),
                }
            }
        }
        if made_here {
            items.shrink_to_fit();
        }
        Ok(())
    }

    /// A round's number: digits without a leading zero, within `u32`, not followed by a fraction
    /// or an exponent (serde refuses them for a whole number).
    fn round(&mut self) -> Step<u32> {
        self.skip_space();
        let bytes = self.text.as_bytes();
        let start = self.at;
        while bytes.get(self.at).is_some_and(u8::is_ascii_digit) {
            self.at += 1;
        }
        match bytes.get(self.at) {
            None => return Err(Stop::More),
            Some(b'.' | b'e' | b'E') => return Err(Stop::NotRead),
            Some(_) => {}
        }
        let digits = &self.text[start..self.at];
        if digits.is_empty() || (digits.len() > 1 && digits.starts_with('0')) {
            return Err(Stop::NotRead);
        }
        digits.parse().map_err(|_| Stop::NotRead)
    }

    /// A self-score or a round's value: text or true/false.
    fn input(&mut self) -> Step<InputValue> {
        match self.peek_byte()? {
            b'"' => self.compact_string().map(InputValue::Text),
            b't' => self.word("true").map(|()| InputValue::Flag(true)),
            b'f' => self.word("false").map(|()| InputValue::Flag(false)),
            _ => Err(Stop::NotRead),
        }
    }

    /// A JSON string as a compact string (inline when short, as codes, references and
    /// appraisers are).
    fn compact_string(&mut self) -> Step<CompactString> {
        self.string().map(CompactString::from)
    }

    /// An amount as text, read as [`Dec`] reads one.
    fn decimal(&mut self) -> Step<Dec> {
        parse_input_decimal(&self.string()?).map_err(|_| Stop::NotRead)
    }

    // Never inlined: WebAssembly engines compile a function optimised only once it has been called
    // often enough (V8 does not replace a running call's code), and a national run's units are
    // read in one call of `read`.
    //
    // `room`: the entries of a unit let go, to read this unit's entries into, and `recycled`:
    // emptied entries to read each into, whose room is used again (see [`Units::spare_entries`]).
    #[inline(never)]
    fn unit(
        &mut self,
        entries_hint: usize,
        room: Option<Entries>,
        recycled: &mut Vec<Entry>,
    ) -> Step<UnitAssessment> {
        self.oversized = false;
        let (mut name, mut block, mut entries, mut room) = (None, None, None, room);
        self.object(|at, field| {
            match field {
                "unit" if name.is_none() => name = Some(at.string()?.into_owned()),
                "block" if block.is_none() => {
                    block = Some(at.nullable(|at| Ok(at.string()?.into_owned()))?)
                }
                "entries" if entries.is_none() => {
                    entries = Some(at.entries(entries_hint, room.take(), recycled)?)
                }
                _ => return Err(Stop::NotRead),
            }
            Ok(())
        })?;
        Ok(UnitAssessment {
            unit: name.ok_or(Stop::NotRead)?,
            block: block.flatten(),
            entries: entries.unwrap_or_default(),
        })
    }

    /// A unit's entries. A code given twice is not read (serde's reader of the unit refuses it,
    /// and reading the text whole names it). Read into `room`, the entries of a unit let
    /// go, and the `recycled` entries where there are some; a map made here is at its length, as
    /// serde's is.
    ///
    /// Units mostly give the same codes in the same order: while this unit's codes are the last
    /// unit's, each entry is read into the last unit's entry at its place, emptied, and no code
    /// is looked up or kept again. From the first code that differs, the rest of the last unit's
    /// entries are emptied and recycled, and the codes are placed by looking them up.
    fn entries(
        &mut self,
        hint: usize,
        room: Option<Entries>,
        recycled: &mut Vec<Entry>,
    ) -> Step<Entries> {
        let made_here = room.is_none();
        let mut entries = room.unwrap_or_else(|| {
            // No more than a unit may have: a unit giving a million codes does not make every
            // unit after it reserve room for a million.
            let hint = hint.min(crate::limits::UNIT_ENTRIES.max);
            Entries::with_capacity_and_hasher(hint, Default::default())
        });
        // The entries read in the last unit's places so far, while the codes are the same.
        let mut in_place = Some(0);
        self.object(|at, code| {
            at.oversized |= code.len() > crate::limits::CODE_BYTES.max;
            if let Some(read) = in_place {
                if let Some((last_code, entry)) = entries.get_index_mut(read) {
                    if last_code.as_str() == code {
                        in_place = Some(read + 1);
                        entry.empty();
                        return at.entry(entry);
                    }
                }
                recycle_from(&mut entries, read, recycled);
                in_place = None;
            }
            // The entry is read into its place in the map, not moved there from the reader.
            let entry = recycled.pop().unwrap_or_default();
            let (place, earlier) = entries.insert_full(CompactString::from(code), entry);
            if earlier.is_some() || entries.len() > crate::limits::UNIT_ENTRIES.max {
                // Reading the text whole refuses the unit (a code given twice, too many codes).
                return Err(Stop::NotRead);
            }
            match entries.get_index_mut(place) {
                Some((_, entry)) => at.entry(entry),
                None => Err(Stop::NotRead),
            }
        })?;
        if let Some(read) = in_place {
            // Fewer codes than the last unit gave.
            recycle_from(&mut entries, read, recycled);
        }
        if made_here {
            entries.shrink_to_fit();
        }
        Ok(entries)
    }

    /// An entry's fields, into `entry` (empty).
    fn entry(&mut self, entry: &mut Entry) -> Step<()> {
        let mut seen = Seen::default();
        self.object(|at, field| {
            match field {
                "self" => {
                    seen.first(0)?;
                    entry.self_score = at.nullable(Self::input)?
                }
                "evidence" => {
                    seen.first(1)?;
                    at.list_into(&mut entry.evidence, Self::compact_string)?
                }
                "explanation" => {
                    seen.first(2)?;
                    entry.explanation = at.nullable(|at| Ok(at.string()?.into_owned()))?
                }
                "appraisals" => {
                    seen.first(3)?;
                    at.list_into(&mut entry.appraisals, Self::appraisal)?
                }
                "survey" => {
                    seen.first(4)?;
                    entry.survey = at.nullable(Self::survey)?
                }
                "value" => {
                    seen.first(5)?;
                    entry.value = at.nullable(Self::decimal)?
                }
                _ => return Err(Stop::NotRead),
            }
            Ok(())
        })
    }

    fn appraisal(&mut self) -> Step<Appraisal> {
        let (mut round, mut value, mut reason, mut by) = (None, None, None, None);
        self.object(|at, field| {
            match field {
                "round" if round.is_none() => round = Some(at.round()?),
                "value" if value.is_none() => value = Some(at.input()?),
                "reason" if reason.is_none() => {
                    reason = Some(at.nullable(|at| Ok(at.string()?.into_owned()))?)
                }
                "by" if by.is_none() => by = Some(at.nullable(Self::compact_string)?),
                _ => return Err(Stop::NotRead),
            }
            Ok(())
        })?;
        Ok(Appraisal {
            round: round.ok_or(Stop::NotRead)?,
            value: value.ok_or(Stop::NotRead)?,
            reason: reason.flatten(),
            by: by.flatten(),
        })
    }

    /// `{"percent": "…"}` or `{"points": "…"}`.
    fn survey(&mut self) -> Step<SurveyInput> {
        self.expect(b'{')?;
        let kind = self.key()?;
        let amount = self.decimal()?;
        self.expect(b'}')?;
        match kind.as_ref() {
            "percent" => Ok(SurveyInput::Percent(amount)),
            "points" => Ok(SurveyInput::Points(amount)),
            _ => Err(Stop::NotRead),
        }
    }
}

/// The entries of `entries` from place `from` on, emptied into `recycled` to be read into again.
fn recycle_from(entries: &mut Entries, from: usize, recycled: &mut Vec<Entry>) {
    if from < entries.len() {
        recycled.extend(entries.drain(from..).map(|(_, entry)| entry.emptied()));
    }
}

/// How many bytes `bytes` starts with that stand for themselves in a JSON string: up to a quote,
/// a backslash or a control character. Eight bytes are asked at a time, as one 64-bit word
/// (WebAssembly has no vector search, and a national run's strings are read from 115 MiB).
fn plain_bytes(bytes: &[u8]) -> usize {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
    // The high bit of each byte below `limit` (a byte at or above 0x80 never is); a byte's bit
    // may be wrongly set only above one rightly set, so the lowest set bit is the first such byte.
    let below = |word: u64, limit: u8| word.wrapping_sub(ONES * u64::from(limit)) & !word & HIGH;
    let mut words = bytes.chunks_exact(8);
    let mut start = 0;
    for chunk in words.by_ref() {
        let Ok(eight) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let word = u64::from_le_bytes(eight);
        let stops = below(word ^ (ONES * u64::from(b'"')), 1)
            | below(word ^ (ONES * u64::from(b'\\')), 1)
            | below(word, 0x20);
        if stops != 0 {
            return start + (stops.trailing_zeros() / 8) as usize;
        }
        start += 8;
    }
    let rest = words.remainder();
    start
        + rest
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
            .unwrap_or(rest.len())
}

/// The fields of an entry read so far, by their place in the entry, so that one given twice is
/// not read (serde refuses it).
#[derive(Default)]
struct Seen(u8);

impl Seen {
    fn first(&mut self, field: u8) -> Step<()> {
        if self.0 & 1 << field != 0 {
            return Err(Stop::NotRead);
        }
        self.0 |= 1 << field;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::plain_bytes;
    use proptest::prelude::*;

    proptest! {
        /// Word by word, the same stop as asking each byte: strings of any bytes, with the
        /// stops and the bytes next to them (0x1F, 0x20, 0x21, 0x5B, 0x5D, 0x80, 0xFF) common.
        #[test]
        fn plain_bytes_stops_where_a_byte_by_byte_search_does(
            bytes in proptest::collection::vec(
                prop_oneof![
                    2 => any::<u8>(),
                    1 => proptest::sample::select(vec![b'"', b'\\', 0x1F, 0x20, 0x21, 0x5B, 0x5D, 0x80, 0xFF]),
                    // Long runs to the stop, past several words.
                    12 => Just(b'a'),
                ],
                0..64,
            )
        ) {
            let expected = (bytes.iter())
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
                .unwrap_or(bytes.len());
            prop_assert_eq!(plain_bytes(&bytes), expected);
        }
    }
}
