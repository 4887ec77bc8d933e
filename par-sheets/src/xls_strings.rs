//! The shared strings of an xls workbook (its SST record), measured as calamine will read them:
//! calamine gives every cell pointing at a shared string (a LabelSst record, ten bytes) a copy of
//! the string, so a file of a few hundred kilobytes can point fifty thousand cells at one string
//! of 90 kilobytes and ask for gigabytes. The sizes are read here, without decoding the strings,
//! so that the cells' text is counted before calamine opens the file.

/// The Continue record, which carries on the record before it past a record's 8,224 bytes.
const CONTINUE: u16 = 0x003C;
/// The code page of the workbook's strings.
const CODEPAGE: u16 = 0x0042;
/// The shared string table.
const SST: u16 = 0x00FC;
/// The code page of UTF-16, calamine's unless a CodePage record says another.
const UTF_16: u16 = 1200;

/// The most bytes each shared string can take once read, in order, from the records of a
/// workbook's globals: calamine reads the last shared string table, each string into UTF-8. In
/// UTF-16 (code page 1200, as Excel writes them) a character takes at most three bytes; in
/// another code page, calamine decodes each byte of a two-byte character apart, at most three
/// bytes each. Walked as calamine walks them: a string's characters may continue in the next
/// Continue record, which starts with its own flags byte; its formatting runs and phonetic text
/// are passed over; an empty Continue record is an empty string. Where the walk cannot go on,
/// as where calamine stops reading, the strings read so far are given.
pub(crate) fn shared_string_sizes<'a>(records: impl Iterator<Item = (u16, &'a [u8])>) -> Vec<u64> {
    let records: Vec<(u16, &[u8])> = records.collect();
    let mut codepage = UTF_16;
    let mut last = None;
    for (at, &(typ, data)) in records.iter().enumerate() {
        match typ {
            CODEPAGE => {
                if let Some(&[low, high]) = data.get(..2) {
                    codepage = u16::from_le_bytes([low, high]);
                }
            }
            SST => last = Some((at, if codepage == UTF_16 { 3 } else { 6 })),
            _ => {}
        }
    }
    let Some((at, bytes_a_char)) = last else {
        return Vec::new();
    };
    let continued =
        (records[at + 1..].iter()).map_while(|&(typ, data)| (typ == CONTINUE).then_some(data));
    let mut pieces = Pieces {
        now: records[at].1.get(8..).unwrap_or_default(),
        rest: continued,
    };
    let mut sizes = Vec::new();
    while let Some(chars) = pieces.next_string() {
        sizes.push(bytes_a_char * chars);
    }
    sizes
}

/// The SST record's data and the Continue records after it, read as one.
struct Pieces<'a, I> {
    now: &'a [u8],
    rest: I,
}

impl<'a, I: Iterator<Item = &'a [u8]>> Pieces<'a, I> {
    /// Moves to the next record's data; `false` where none follows.
    fn next_piece(&mut self) -> bool {
        match self.rest.next() {
            Some(data) => {
                self.now = data;
                true
            }
            None => false,
        }
    }

    /// The next string's count of characters, past all of it; `None` at the end.
    fn next_string(&mut self) -> Option<u64> {
        if self.now.is_empty() {
            if !self.next_piece() {
                return None;
            }
            if self.now.is_empty() {
                return Some(0);
            }
        }
        let chars = u16::from_le_bytes(self.now.get(..2)?.try_into().ok()?);
        let flags = *self.now.get(2)?;
        self.now = &self.now[3..];
        let runs = match flags & 0x8 != 0 {
            true => usize::from(u16::from_le_bytes(self.take(2)?.try_into().ok()?)),
            false => 0,
        };
        let phonetic = match flags & 0x4 != 0 {
            true => u32::from_le_bytes(self.take(4)?.try_into().ok()?) as usize,
            false => 0,
        };
        self.pass_characters(usize::from(chars), flags & 0x1 != 0)?;
        self.skip(runs.checked_mul(4)?.checked_add(phonetic)?)?;
        Some(u64::from(chars))
    }

    /// The next `n` bytes of this record's data.
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let taken = self.now.get(..n)?;
        self.now = &self.now[n..];
        Some(taken)
    }

    /// Passes over `chars` characters of two bytes each where `wide`, else of one; a record
    /// ending among them is continued by the next, which starts with whether its are wide.
    fn pass_characters(&mut self, mut chars: usize, mut wide: bool) -> Option<()> {
        loop {
            let width = if wide { 2 } else { 1 };
            let here = chars.min(self.now.len() / width);
            self.now = &self.now[here * width..];
            chars -= here;
            if chars == 0 {
                return Some(());
            }
            if !self.next_piece() {
                return None;
            }
            wide = *self.now.first()? & 0x1 != 0;
            self.now = &self.now[1..];
        }
    }

    /// Passes over `n` bytes, across records.
    fn skip(&mut self, mut n: usize) -> Option<()> {
        while n > 0 {
            if self.now.is_empty() && !self.next_piece() {
                return None;
            }
            let here = n.min(self.now.len());
            self.now = &self.now[here..];
            n -= here;
        }
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A shared string of `chars` one-byte characters, plain.
    fn narrow(chars: u16) -> Vec<u8> {
        let mut s = chars.to_le_bytes().to_vec();
        s.push(0);
        s.extend(std::iter::repeat_n(b'x', usize::from(chars)));
        s
    }

    #[test]
    fn strings_are_measured_across_continue_records_and_past_their_runs() {
        let mut sst = vec![0; 8];
        sst.extend(narrow(3));
        // A wide string of 4 characters with 1 formatting run, its characters cut after the
        // first: the Continue record goes on with one-byte characters.
        sst.extend([4, 0, 0x9, 1, 0, b'a', 0]);
        let continued = [vec![0, b'b', b'c', b'd', 1, 2, 3, 4], narrow(2)].concat();
        let records = [
            (SST, &sst[..]),
            (CONTINUE, &continued[..]),
            (0x000A, &[][..]),
        ];
        assert_eq!(shared_string_sizes(records.into_iter()), [9, 12, 6]);
    }

    #[test]
    fn the_last_table_is_measured_in_its_code_page_and_an_empty_continue_record_is_a_string() {
        let mut first = vec![0; 8];
        first.extend(narrow(2));
        let mut last = vec![0; 8];
        last.extend(narrow(4));
        let records = [
            (SST, &first[..]),
            (CODEPAGE, &1258u16.to_le_bytes()[..]),
            (SST, &last[..]),
            (CONTINUE, &[][..]),
            (CONTINUE, &narrow(1)[..]),
        ];
        assert_eq!(shared_string_sizes(records.into_iter()), [24, 0, 6]);
    }

    #[test]
    fn a_string_cut_short_ends_the_walk_with_the_strings_before_it() {
        let mut sst = vec![0; 8];
        sst.extend(narrow(2));
        sst.extend([200, 0, 0, b'x']);
        assert_eq!(shared_string_sizes([(SST, &sst[..])].into_iter()), [6]);
        assert!(shared_string_sizes([(0x0085, &[][..])].into_iter()).is_empty());
    }
}
