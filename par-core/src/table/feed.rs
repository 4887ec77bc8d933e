//! A long table's CSV bytes cut into pieces of whole units as a file is read, so that a tool
//! scores a national table without holding its text: each piece is scored on its own, on any
//! core ([`LongCsvPiece::score`]), and the pieces' scorers are merged in order
//! ([`LongCsvFeed::merge`]). The caller reads; this module only cuts and scores, as
//! [`LongCsv`] does for text held whole, whose reading of rows it shares.
//!
//! Only what [`LongCsv`] streams is cut so: UTF-8 text (as Excel's "CSV UTF-8" saves it), the
//! header on the first row or below title rows, no quote in the rows but in their last
//! [`QUOTED_TAIL_BYTES`] (a quoted cell may hold a line break, so lines are not rows: from the
//! first quote, the rest is one piece, read by the CSV reader), each unit's rows together.
//! Anything else is [`Unstreamable`], and the table is read whole, which gives the same results
//! or says what is wrong with it.

use super::{rows_in, LongCsv, NoHeader};
use crate::encoding::utf8_text;
use crate::limits;
use crate::score::Scorer;
use crate::TextEncoding;

/// Why a table cannot be scored piece by piece, and how to read it instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unstreamable {
    /// Not UTF-8 text (or not given as such), with quotes in its rows before their last 4 MiB,
    /// or with lines ended by `\r` alone: read its text whole, which
    /// decodes it, and score it from there (as [`LongCsv`], or as a [`super::Table`]).
    Text,
    /// Read as it streams but not regular (a header that is not a long table's, a unit's rows
    /// apart, text not in NFC, a row without a code, past a limit): read it whole as a
    /// [`super::Table`], which says what is wrong with it, or scores it row by row. (A problem in
    /// a row with a code is no reason: reading goes on past it, as reading whole does.)
    Rows,
}

/// A long table's bytes, cut as they come ([`LongCsvFeed::cut`]). Each byte given is looked at
/// about once, however the reads fall: a unit, or a line, longer than a read is not searched
/// again from its start on every read.
pub struct LongCsvFeed {
    given: Option<TextEncoding>,
    /// The table as its header makes it, once its row has been read: each piece is its rows.
    table: Option<LongCsv<'static>>,
    /// Where the rows start in the pending bytes: at the line break ending the row before them
    /// (the header's, then, once a piece is cut, its last row's, which is both the piece's last
    /// byte and the first byte left pending).
    rows_start: usize,
    /// How far the pending bytes were searched, for quotes and for line breaks.
    searched: usize,
    /// Where the first line not yet read for its unit starts in the pending bytes (first the
    /// line break the rows start with: the line before it, empty, names none).
    lines_seen: usize,
    /// The unit the last of the lines seen named: the unit being read, held back.
    held: Option<String>,
    /// The row number of the next piece's first row.
    next_row: usize,
    /// Bytes cut into pieces so far, against the table's size limit.
    bytes: usize,
    /// Whether a quote stands in the pending rows: they are then cut no more, and are the last
    /// piece if the file ends within [`QUOTED_TAIL_BYTES`].
    quoted: bool,
}

/// Whole units' rows of a long table, cut from its bytes by [`LongCsvFeed::cut`], to be scored
/// on their own.
pub struct LongCsvPiece {
    /// The table as its header makes it.
    table: LongCsv<'static>,
    bytes: Vec<u8>,
    /// Where the rows start in `bytes`: at the line break ending the row before them.
    rows_start: usize,
    first_row: usize,
}

/// A piece scored: the scorer, and the cells its rows took of the table's limit.
pub struct ScoredPiece<'m> {
    pub scorer: Scorer<'m>,
    pub cells: usize,
}

impl LongCsvFeed {
    /// A table to be read in UTF-8, given that encoding or none (a table given another is
    /// [`Unstreamable::Text`] from its first bytes).
    pub fn new(given: Option<TextEncoding>) -> Self {
        LongCsvFeed {
            given,
            table: None,
            rows_start: 0,
            searched: 0,
            lines_seen: 0,
            held: None,
            next_row: 2,
            bytes: 0,
            quoted: false,
        }
    }

    /// Cuts the piece of whole units the `pending` bytes start with, if they hold one: they are
    /// what the last cut left, followed by what was read since; `at_end`: the file has nothing
    /// more. Before the end, the last unit is held back (its rows may go on in what is read
    /// next), so there is no piece until the bytes hold a unit after a whole one. `pending`
    /// then keeps the bytes after the piece, moved into a `buffer` (one read into before, which
    /// a scored piece gives back: [`LongCsvPiece::into_bytes`]), to be read on into.
    pub fn cut(
        &mut self,
        pending: &mut Vec<u8>,
        at_end: bool,
        buffer: impl FnOnce() -> Vec<u8>,
    ) -> Result<Option<LongCsvPiece>, Unstreamable> {
        // Bytes held back count against the table's size limit as well: a unit, or a line,
        // never ending is not read on for ever.
        limits::TABLE_BYTES
            .check(self.bytes.saturating_add(pending.len()))
            .map_err(|_| Unstreamable::Rows)?;
        let searched = std::mem::replace(&mut self.searched, pending.len());
        let new_rows = if self.table.is_some() {
            searched
        } else if self.read_header(pending, at_end)? {
            self.rows_start
        } else {
            return Ok(None);
        };
        // Title rows and the header, read by the CSV reader, may be quoted (Excel quotes a
        // title holding a separator: `"Cà Mau, ngày 15 tháng 11 năm 2024"`); the rows are cut
        // at line breaks, which a quoted cell may hold. Rows with a quote, as the place and
        // date signed on below a table are saved, are no more cut: the rest of the table is
        // one piece, if it ends soon.
        let new = pending.get(new_rows..).unwrap_or_default();
        self.quoted |= memchr::memchr(b'"', new).is_some();
        if self.quoted && !at_end {
            let tail = pending.len() - self.rows_start;
            return match tail > QUOTED_TAIL_BYTES {
                true => Err(Unstreamable::Text),
                false => Ok(None),
            };
        }
        let last_break = memchr::memrchr(b'\n', new).map(|at| new_rows + at);
        let cut = match (at_end, last_break) {
            (true, _) => pending.len(),
            (false, Some(last_break)) => match self.unit_started(pending, last_break)? {
                Some(cut) => cut,
                None => return Ok(None),
            },
            (false, None) => return Ok(None),
        };
        // The bytes after the piece start from the line break ending its last row, as
        // `LongCsv::parts` cuts a text: that byte is counted with them.
        let rest_start = if at_end { cut } else { cut.saturating_sub(1) };
        self.bytes += rest_start;
        let mut rest = buffer();
        rest.clear();
        rest.extend_from_slice(&pending[rest_start..]);
        let mut bytes = std::mem::replace(pending, rest);
        bytes.truncate(cut);
        let table = self.table.clone().ok_or(Unstreamable::Rows)?;
        let piece = LongCsvPiece {
            first_row: self.next_row,
            table,
            bytes,
            rows_start: self.rows_start,
        };
        self.next_row += rows_in(&piece.bytes[self.rows_start..]);
        // What stays pending was searched and seen already, from the line break it starts with.
        self.rows_start = 0;
        self.searched -= rest_start;
        self.lines_seen = self.lines_seen.saturating_sub(rest_start);
        Ok(Some(piece))
    }

    /// Reads the table's header, on its first row or below title rows (see [`LongCsv::read`]);
    /// `false` while the lines read whole hold neither it nor a reason to read the table whole.
    /// A `\r` last may be the first half of a `\r\n`: only the next byte says, so the lines
    /// are known whole up to the last `\n`, or at the end of the file.
    fn read_header(&mut self, bytes: &[u8], at_end: bool) -> Result<bool, Unstreamable> {
        if ended_by_a_return_alone(bytes, at_end) {
            return Err(Unstreamable::Text);
        }
        let whole_lines = match memchr::memrchr(b'\n', bytes) {
            _ if at_end => bytes.len(),
            Some(at) => at + 1,
            None => return Ok(false),
        };
        let lines = utf8_text(&bytes[..whole_lines], self.given).ok_or(Unstreamable::Text)?;
        let table = match LongCsv::read_header(lines) {
            Ok(table) => table,
            Err(NoHeader::TextEnded) if !at_end && whole_lines <= HEADER_SEARCH_BYTES => {
                return Ok(false)
            }
            Err(_) => return Err(Unstreamable::Rows),
        };
        // The rows start at the line break ending the header, the `\n` of a `\r\n` (counted
        // from the end of the lines: their text is the bytes without a byte-order mark).
        let rows = table.rows.as_bytes();
        let crlf = usize::from(rows.starts_with(b"\r\n"));
        self.rows_start = whole_lines - rows.len() + crlf;
        self.lines_seen = self.rows_start;
        self.next_row = table.first_row;
        self.table = Some(table.with_rows("", table.first_row));
        Ok(true)
    }

    /// Where the last unit named in the lines up to the line break at `last_break` starts: the
    /// start of the first line of its rows, if another unit's rows come before them. Lines
    /// are looked at from the last back to those seen by earlier cuts; blank lines and rows
    /// without a unit go with the unit before them.
    fn unit_started(
        &mut self,
        bytes: &[u8],
        last_break: usize,
    ) -> Result<Option<usize>, Unstreamable> {
        let Some(table) = &self.table else {
            return Ok(None);
        };
        let seen = self.lines_seen.min(last_break);
        let (mut last, mut run_start, mut another_before) = (None, last_break, false);
        let mut end = last_break;
        loop {
            let start = memchr::memrchr(b'\n', &bytes[seen..end]).map_or(seen, |at| seen + at + 1);
            if let Some(unit) = unit_of(&bytes[start..end], table)? {
                if last.is_some_and(|last| last != unit) {
                    another_before = true;
                    break;
                }
                last = Some(unit);
                run_start = start;
            }
            if start == seen {
                break;
            }
            end = start - 1;
        }
        self.lines_seen = last_break + 1;
        let Some(last) = last else {
            return Ok(None);
        };
        // Else the unit named before the lines looked at now: the one held back.
        another_before |= self.held.as_deref().is_some_and(|held| held != last);
        if self.held.as_deref() != Some(last) {
            self.held = Some(last.to_string());
        }
        Ok(another_before.then_some(run_start))
    }
}

impl LongCsvPiece {
    /// The piece's units scored as their rows are read (see [`LongCsv::score`]); checked as
    /// UTF-8 here, on the core that scores it.
    pub fn score<'m>(&self, scorer: Scorer<'m>) -> Result<ScoredPiece<'m>, Unstreamable> {
        let text = simdutf8::basic::from_utf8(&self.bytes).map_err(|_| Unstreamable::Text)?;
        let rows = text.get(self.rows_start..).ok_or(Unstreamable::Rows)?;
        let (scorer, cells) = (self.table.with_rows(rows, self.first_row))
            .score_counting_cells(scorer)
            .ok_or(Unstreamable::Rows)?;
        Ok(ScoredPiece { scorer, cells })
    }

    /// The bytes of the piece, to be read into again once it is scored.
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }
}

impl LongCsvFeed {
    /// The table's pieces scored, in the order they were cut, merged and checked against the
    /// table's cell limit, which they share: [`Unstreamable::Rows`] when a piece could not be
    /// scored so, a unit's rows are in two pieces, or the pieces together pass a limit.
    pub fn merge<'m>(
        &self,
        pieces: impl IntoIterator<Item = Result<ScoredPiece<'m>, Unstreamable>>,
    ) -> Result<Scorer<'m>, Unstreamable> {
        let allowed = self.table.as_ref().map_or(0, |t| t.cells);
        merge_pieces(pieces, allowed)
    }
}

/// A table's pieces (or parts) scored, merged in order when together they take at most
/// `allowed` cells ([`Scorer::merge_in_order`]).
pub(super) fn merge_pieces<'m>(
    pieces: impl IntoIterator<Item = Result<ScoredPiece<'m>, Unstreamable>>,
    allowed: usize,
) -> Result<Scorer<'m>, Unstreamable> {
    let mut cells = 0usize;
    let mut scorers = Vec::new();
    for piece in pieces {
        let piece = piece?;
        cells = cells.saturating_add(piece.cells);
        scorers.push(Some(piece.scorer));
    }
    if cells > allowed {
        return Err(Unstreamable::Rows);
    }
    Scorer::merge_in_order(scorers).ok_or(Unstreamable::Rows)
}

/// How many bytes of a table's rows, from the last piece cut, may follow a quote: the rows
/// after one are the last piece, read by the CSV reader (a quoted cell may hold a line break).
/// The signatures below a table take a few hundred bytes; a table with quotes among its units
/// is read whole (by the CSV reader, as one piece), not held here piece after piece.
const QUOTED_TAIL_BYTES: usize = 4 << 20;

/// How far into a table its header is looked for: title rows and a header take a few hundred
/// bytes. A table whose header is not found in its first MiB (below empty lines, say) is read
/// whole, which finds it or says it is missing, rather than searched again on every read.
const HEADER_SEARCH_BYTES: usize = 1 << 20;

/// Whether the table's first line break is a `\r` alone (as old Mac editors end lines): the
/// text's reader takes the header's separator from the first line ended by `\n`, so it reads
/// the text.
fn ended_by_a_return_alone(bytes: &[u8], at_end: bool) -> bool {
    let first_break = memchr::memchr2(b'\n', b'\r', bytes);
    match first_break.map(|at| &bytes[at..]) {
        Some([b'\r', b'\n', ..]) => false,
        Some([b'\r']) => at_end,
        Some([b'\r', ..]) => true,
        _ => false,
    }
}

/// The unit a line of rows names ([`LongCsv::unit_named`]); the line is checked as UTF-8 first.
fn unit_of<'b>(line: &'b [u8], table: &LongCsv) -> Result<Option<&'b str>, Unstreamable> {
    let line = std::str::from_utf8(line).map_err(|_| Unstreamable::Text)?;
    Ok(table.unit_named(line))
}

#[cfg(test)]
mod tests {
    use super::super::tests::line_rows;
    use super::*;

    /// The pieces a feed cuts from `text` read `read` bytes at a time.
    fn pieces(text: &str, read: usize) -> Vec<LongCsvPiece> {
        let mut feed = LongCsvFeed::new(None);
        let (mut pending, mut pieces) = (Vec::new(), Vec::new());
        for (k, bytes) in text.as_bytes().chunks(read).enumerate() {
            pending.extend_from_slice(bytes);
            let at_end = (k + 1) * read >= text.len();
            pieces.extend(feed.cut(&mut pending, at_end, Vec::new).expect("regular"));
        }
        pieces
    }

    #[test]
    fn pieces_start_at_their_rows_numbers() {
        for ending in ["\n", "\r\n"] {
            let mut text = format!("unit,code,self{ending}");
            for u in 0..6 {
                for leaf in ["1.1", "1.2"] {
                    text.push_str(&format!("Xã {u},{leaf},1{ending}"));
                }
                text.push_str(ending);
            }
            for read in [1, 7, 40] {
                let pieces = pieces(&text, read);
                assert!(pieces.len() > 2, "{read}: {} pieces", pieces.len());
                // Each unit takes two rows and a blank one: units start on rows 2, 5, 8, ...
                // (the last piece, cut at the end, may hold only the line break before it).
                for piece in pieces.iter().filter(|p| p.bytes.len() > p.rows_start + 2) {
                    let rows = std::str::from_utf8(&piece.bytes[piece.rows_start..]).expect("text");
                    let first = line_rows(rows).swap_remove(0);
                    let unit: usize = first[4..5].parse().expect("a unit number");
                    assert_eq!(piece.first_row, 2 + 3 * unit, "{first}, read {read}");
                }
            }
        }
    }

    #[test]
    fn a_unit_is_held_back_until_the_next_one_starts() {
        let text = "unit,code,self\nXã 1,1.1,1\nXã 1,1.2,1\n\nXã 2,1.1,1\nXã 2,1.2,";
        let mut feed = LongCsvFeed::new(None);
        let mut pending = text.as_bytes()[..40].to_vec();
        // The first unit's rows, then a blank row: where the unit ends is not known yet.
        assert!(feed
            .cut(&mut pending, false, Vec::new)
            .expect("regular")
            .is_none());
        pending.extend_from_slice(&text.as_bytes()[40..]);
        let first = feed.cut(&mut pending, false, Vec::new).expect("regular");
        let first = first.expect("the first unit");
        let text_of = |bytes: &[u8]| String::from_utf8(bytes.to_vec()).expect("text");
        let rows = text_of(&first.bytes[first.rows_start..]);
        assert_eq!(rows, "\nXã 1,1.1,1\nXã 1,1.2,1\n\n");
        assert_eq!(text_of(&pending), "\nXã 2,1.1,1\nXã 2,1.2,");
        let last = feed.cut(&mut pending, true, Vec::new).expect("regular");
        let last = last.map(|p| (p.first_row, text_of(&p.bytes)));
        assert_eq!(last, Some((5, "\nXã 2,1.1,1\nXã 2,1.2,".to_string())));
        assert!(pending.is_empty());
    }

    #[test]
    fn rows_after_a_quote_are_one_piece_if_the_file_ends_soon() {
        let head = "unit,code,self,reason\nXã 1,1.1,1,\nXã 2,1.1,1,\"a,\nb\"\n";
        let mut feed = LongCsvFeed::new(None);
        let mut pending = head.as_bytes().to_vec();
        // A quoted cell may hold a line break: nothing is cut before the end.
        assert!(feed
            .cut(&mut pending, false, Vec::new)
            .expect("held")
            .is_none());
        let end = "Xã 3,1.1,1,\n";
        pending.extend_from_slice(end.as_bytes());
        let last = feed.cut(&mut pending, true, Vec::new).expect("the rest");
        assert_eq!(last.map(|p| p.bytes.len()), Some(head.len() + end.len()));
        // A table going on far past its quote is read whole as text.
        let mut feed = LongCsvFeed::new(None);
        let mut pending = head.as_bytes().to_vec();
        let rows = "Xã 4,1.1,1,\n".repeat(QUOTED_TAIL_BYTES / 10);
        pending.extend_from_slice(rows.as_bytes());
        let cut = feed.cut(&mut pending, false, Vec::new);
        assert_eq!(cut.err(), Some(Unstreamable::Text));
    }

    #[test]
    fn a_header_ended_by_a_return_alone_is_left_to_the_text_reader() {
        // The text's reader takes the separator from the first line ended by `\n`: here the
        // whole text, where `;` outnumbers `,`.
        let text = "code,unit,self,evidence\r8.1.1,X 0,0,a;b;c;d;e;f;g;h;i;j\r";
        let mut pending = text.as_bytes().to_vec();
        let cut = LongCsvFeed::new(None).cut(&mut pending, true, Vec::new);
        assert_eq!(cut.err(), Some(Unstreamable::Text));
    }
}
