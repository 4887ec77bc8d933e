//! The files of the `par` command line (JSON, CSV, xlsx, ods, xls), read within the engine's
//! limits, as a library: the binary (`main.rs`) and the fuzz targets (`fuzz/`) read them through
//! the same functions.

pub mod cores;
pub mod files;

use par_core::text::CommandText;
use par_core::{Msg, ParError, Problems};
use std::path::Path;

/// Why a command failed: bad input, a file that cannot be read among it (exit 1), or a command
/// that cannot be carried out as given, e.g. a path that does not exist (exit 2). Both are said
/// in the catalogue's words, in the language the command was given.
pub enum Failure {
    Invalid(Problems),
    Usage(Msg),
    /// An argument the command line's own words refuse (a `--set` without `=`).
    Argument(CommandText),
}

impl Failure {
    /// The same failure, said of a file.
    pub fn in_file(self, path: &Path) -> Failure {
        match self {
            Failure::Usage(message) => Failure::Usage(message.in_file(path.display().to_string())),
            invalid => invalid,
        }
    }
}

impl From<Problems> for Failure {
    fn from(p: Problems) -> Self {
        Failure::Invalid(p)
    }
}

impl From<ParError> for Failure {
    fn from(e: ParError) -> Self {
        Failure::Invalid(e.into())
    }
}
