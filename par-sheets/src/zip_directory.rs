//! A zip's directory, checked from its bytes before the zip reader opens it. The reader (the
//! `zip` crate, which calamine shares) holds an entry for every part the directory lists, reserves
//! room for as many parts as a zip64 end record declares, and tries every end-of-directory record
//! it finds, scanning the file for each. Crafted files made each cost without bound: a 54 MB file
//! of a million empty parts took a gigabyte, a 94 MB one declaring millions of parts reserved
//! 416 MB, and a 4 MB one of thousands of end records took 19 s (the time grows with the square
//! of the size). Each is counted here first, in one pass over the bytes per signature.

use memchr::memmem;
use par_core::limits::SHEET_PARTS;
use par_core::text::ReadingMsg;
use par_core::{ErrorCode, ParError};

/// Each entry of the directory starts with it: a file lists no more parts than it holds these.
const DIRECTORY_ENTRY: &[u8] = b"PK\x01\x02";
const END: &[u8] = b"PK\x05\x06";
const ZIP64_LOCATOR: &[u8] = b"PK\x06\x07";
const ZIP64_END: &[u8] = b"PK\x06\x06";

/// End-of-directory records a file may hold: a zip has one, and a workbook storing another zip
/// uncompressed one more for each.
const ENDS: usize = 16;

/// Refuses a zip listing more parts than [`SHEET_PARTS`] or declaring more in its zip64 end
/// record, and one of more end records than a workbook has ([`ENDS`]).
pub(crate) fn check(bytes: &[u8]) -> Result<(), ParError> {
    let entries = memmem::find_iter(bytes, DIRECTORY_ENTRY);
    if entries.take(SHEET_PARTS.max + 1).count() > SHEET_PARTS.max {
        return Err(SHEET_PARTS.exceeded_at_least());
    }
    let ends: Vec<usize> = memmem::find_iter(bytes, END).take(ENDS + 1).collect();
    if ends.len() > ENDS {
        let message = ReadingMsg::ZipEnds { ends: ENDS };
        return Err(ParError::new(ErrorCode::UnreadableFile, message));
    }
    // The zip64 end record the reader takes ends where the locator just before an end record
    // starts.
    let locators = (ends.iter().filter_map(|&end| end.checked_sub(20)))
        .filter(|&at| bytes[at..].starts_with(ZIP64_LOCATOR));
    for locator in locators {
        for at in memmem::find_iter(&bytes[..locator], ZIP64_END) {
            let declared = zip64_parts(&bytes[at..locator]).unwrap_or_default();
            if declared > SHEET_PARTS.max as u64 {
                return Err(SHEET_PARTS.exceeded(usize::try_from(declared).unwrap_or(usize::MAX)));
            }
        }
    }
    Ok(())
}

/// Whether the record ending a zip is whole where a whole zip has it: its 22 bytes and the
/// comment whose length it gives end the file. A zip cut short (an upload that stopped) has
/// none there, or one cut inside itself or its comment.
pub(crate) fn has_end(bytes: &[u8]) -> bool {
    const RECORD: usize = 22;
    let tail_start = bytes.len().saturating_sub(RECORD + u16::MAX as usize);
    let ends_the_file = |at: usize| {
        let comment = super::u16_at(bytes, at + 20);
        comment.is_some_and(|comment| at + RECORD + usize::from(comment) == bytes.len())
    };
    memmem::rfind_iter(&bytes[tail_start..], END).any(|at| ends_the_file(tail_start + at))
}

/// The parts a zip64 end record declares (on its disk, and in all), if `record` is one: its size
/// says it ends where `record` does.
fn zip64_parts(record: &[u8]) -> Option<u64> {
    let number = |at: usize| Some(u64::from_le_bytes(record.get(at..at + 8)?.try_into().ok()?));
    let whole = number(4)?.checked_add(12)? == record.len() as u64;
    whole.then(|| Some(number(24)?.max(number(32)?))).flatten()
}
