//! Each unit's workings written to a file as the unit is scored, so that a results document with
//! every input behind every score is written without holding those inputs.
//!
//! A national run's inputs are a million entries, with their texts: holding them until every
//! unit is scored and ranked took ten times the input file's size in memory. Only the first
//! fields of a unit's result depend on the other units (its rank and band); the rest, its
//! workings, are written as soon as it is scored, and its inputs let go. The document is then
//! written in ranking order: each unit's standing from memory, its workings copied from the file.

use super::fields::ObjectWriter;
use super::{write_unit_list, JsonLayout, UnitResult};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::sync::{Mutex, MutexGuard};

/// Where a unit's workings stand in its [`WorkingsFile`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WorkingsAt {
    start: u64,
    len: u64,
}

/// What a [`WorkingsFile`] writes into and reads back from: a temporary file (or, in tests, a
/// buffer in memory).
pub trait WorkingsStorage: Read + Write + Seek + Send {}

impl<T: Read + Write + Seek + Send> WorkingsStorage for T {}

/// Where a [`crate::Scorer`] writes each unit's workings as it scores it, laid out as the
/// results document will be ([`crate::Scorer::writing_workings`]), so that memory holds the
/// units' scores and not their inputs; the document is then written by
/// [`crate::Results::write_json_with_workings`], byte for byte as the results held whole write it.
///
/// Scorers on several threads share one file: each unit's workings are made apart, then added
/// at the file's end. Should writing fail (a full disk), the units scored after keep their inputs
/// in memory: the document is the same, only memory is not saved.
pub struct WorkingsFile {
    layout: JsonLayout,
    written: Mutex<Written>,
}

struct Written {
    storage: Box<dyn WorkingsStorage>,
    /// Where the next unit's workings go; `None` once a write failed (what the storage then
    /// holds at its end is not known).
    end: Option<u64>,
}

impl WorkingsFile {
    /// Workings written into `storage`, empty, for a document laid out so.
    pub fn new(storage: impl WorkingsStorage + 'static, layout: JsonLayout) -> Self {
        WorkingsFile {
            layout,
            written: Mutex::new(Written {
                storage: Box::new(storage),
                end: Some(0),
            }),
        }
    }

    /// The layout of the document the workings are written for.
    pub fn layout(&self) -> JsonLayout {
        self.layout
    }

    /// Writes the workings of a unit just scored at the file's end, made in `buffer` (a
    /// scorer's, used again for each unit); where they stand, unless writing failed now or
    /// before, when the unit keeps its inputs.
    pub(crate) fn write(&self, unit: &UnitResult, buffer: &mut Vec<u8>) -> Option<WorkingsAt> {
        // Once writing failed (no `end`), no unit's workings are made only to be let go.
        self.lock().ok()?.end?;
        buffer.clear();
        ObjectWriter::write_rest(buffer, self.layout.of_unit(), |f| unit.workings(f)).ok()?;
        let mut written = self.lock().ok()?;
        let start = written.end?;
        let len = buffer.len() as u64;
        // Where the last unit's workings end: copying workings into a document moves the
        // file's position.
        let at_end = written.storage.seek(SeekFrom::Start(start));
        written.end = match at_end.and_then(|_| written.storage.write_all(buffer)) {
            Ok(()) => Some(start + len),
            Err(_) => None,
        };
        written.end?;
        Some(WorkingsAt { start, len })
    }

    /// The units of a results document, each after what separates it from the one before:
    /// its standing, then its workings copied from the file where they were written, else
    /// (a unit scored after writing failed, or not by a scorer writing here) written whole.
    pub(crate) fn write_units(&self, out: &mut impl Write, units: &[UnitResult]) -> io::Result<()> {
        let mut written = self.lock()?;
        let mut buffer = Vec::new();
        write_unit_list(out, units, self.layout, false, |out, u, at| {
            match u.nodes.workings {
                Some(workings) => {
                    ObjectWriter::write_first(&mut *out, at, |f| u.standing(f))?;
                    written.copy(workings, out, &mut buffer)
                }
                None => ObjectWriter::write(out, at, |f| u.fields(f)),
            }
        })
    }

    fn lock(&self) -> io::Result<MutexGuard<'_, Written>> {
        // Poisoned only by a panic while writing, which is raised where it happened.
        (self.written.lock()).map_err(|_| io::Error::other("a unit's workings were not written"))
    }
}

impl Written {
    /// Copies the workings written `at` into `out`, a megabyte at most at a time (`io::copy`'s
    /// buffer of 8 KiB would make ninety thousand reads of a national run's document).
    fn copy(
        &mut self,
        at: WorkingsAt,
        out: &mut impl Write,
        buffer: &mut Vec<u8>,
    ) -> io::Result<()> {
        const AT_A_TIME: u64 = 1 << 20;
        self.storage.seek(SeekFrom::Start(at.start))?;
        let mut left = at.len;
        while left > 0 {
            let now = left.min(AT_A_TIME);
            buffer.resize(now as usize, 0);
            self.storage.read_exact(buffer)?;
            out.write_all(buffer)?;
            left -= now;
        }
        Ok(())
    }
}
