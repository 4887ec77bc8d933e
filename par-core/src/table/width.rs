//! How wide a CSV record is, found before a reader holds its cells.
//!
//! The CSV reader keeps a record's cells whole, eight bytes of bounds for a cell of one byte,
//! and the lines below it are cut into a vector of cells: a 100 MB line of separators took
//! 3.3 GB before any limit could be checked. A record wider than a sheet may be
//! ([`limits::TABLE_COLUMNS`](crate::limits::TABLE_COLUMNS)) is therefore refused from its
//! bytes, counted as the reader cuts them.

/// Whether the record at the start of `bytes` has more than `most` cells, cut as the `csv`
/// reader cuts them: the line breaks before it are passed over (the reader reads no empty
/// record), a separator ends a cell, a line break ends the record, and neither does inside a
/// quoted cell. A quote opens a quoted cell only where a cell starts; elsewhere it is text.
pub(crate) fn record_wider_than(bytes: &[u8], separator: u8, most: usize) -> bool {
    let start = bytes
        .iter()
        .position(|&b| !matches!(b, b'\n' | b'\r'))
        .unwrap_or(bytes.len());
    let record = &bytes[start..];
    // Nearly every record: a line shorter than `most` bytes, without quotes, has at most
    // `most` cells.
    let window = &record[..record.len().min(most)];
    if let Some(end) = memchr::memchr2(b'\n', b'\r', window) {
        if memchr::memchr(b'"', &window[..end]).is_none() {
            return false;
        }
    }
    cells_past(record, separator, most)
}

/// Where the reader is in a record, as `csv_core` steps through it.
#[derive(Clone, Copy, PartialEq)]
enum In {
    CellStart,
    Unquoted,
    Quoted,
    /// A quote inside a quoted cell: the cell's end, or the first of two quotes written for one.
    QuoteInQuoted,
}

/// Whether `record` (starting at a cell) has more than `most` cells before its line break.
fn cells_past(record: &[u8], separator: u8, most: usize) -> bool {
    let mut cells = 1usize;
    let mut at = In::CellStart;
    for &b in record {
        at = match (at, b) {
            (In::Quoted, b'"') => In::QuoteInQuoted,
            (In::Quoted, _) => In::Quoted,
            (In::CellStart | In::QuoteInQuoted, b'"') => In::Quoted,
            (_, b'\n' | b'\r') => return false,
            (_, b) if b == separator => {
                cells += 1;
                if cells > most {
                    return true;
                }
                In::CellStart
            }
            _ => In::Unquoted,
        };
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The cells the `csv` reader cuts the first record of `text` into.
    fn cells_read(text: &[u8], separator: u8) -> usize {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(separator)
            .has_headers(false)
            .flexible(true)
            .from_reader(text);
        let mut record = csv::ByteRecord::new();
        match reader.read_byte_record(&mut record) {
            Ok(true) => record.len(),
            _ => 0,
        }
    }

    #[test]
    fn a_line_of_separators_is_as_wide_as_its_separators_and_one() {
        let line = [b','; 20];
        assert!(record_wider_than(&line, b',', 20));
        assert!(!record_wider_than(&line, b',', 21));
        assert!(!record_wider_than(b"\n\r\na,b,c\nd,e,f,g,h", b',', 3));
    }

    #[test]
    fn separators_in_quotes_cut_no_cell_and_a_quote_within_a_cell_opens_none() {
        assert!(!record_wider_than(b"\"a,b,c,d\",e\n", b',', 2));
        assert!(!record_wider_than(b"\"a\"\",\"\"b\",e\n", b',', 2));
        // `x"` is text: the separators after it cut cells.
        assert!(record_wider_than(b"x\",,,,\n", b',', 4));
        // A line break in quotes does not end the record.
        assert!(record_wider_than(b"\"a\nb\",c,d,e\n", b',', 3));
    }

    proptest! {
        /// The count agrees with the reader's on any record of separators, quotes, line breaks
        /// and text.
        #[test]
        fn cells_are_counted_as_the_reader_cuts_them(
            text in proptest::collection::vec(
                prop_oneof![Just(b','), Just(b';'), Just(b'"'), Just(b'\n'), Just(b'\r'), Just(b'a')],
                0..40,
            ),
            most in 1usize..8,
        ) {
            let read = cells_read(&text, b',');
            prop_assert_eq!(record_wider_than(&text, b',', most), read > most, "read {}", read);
        }
    }
}
