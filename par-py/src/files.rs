//! Files named by a path: their size is checked against the engine's limit before they are read,
//! and their bytes are decoded by the core as the CLI decodes them, so a file that is too large
//! or not UTF-8 raises the same coded `ParError` in Python as anywhere else.

use crate::{engine_error, language};
use par_core::limits::{Limit, JSON_BYTES, TABLE_BYTES};
use par_core::{Lang, ParError};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use std::path::Path;

/// The text of a JSON file (methodology, assessments, results).
pub(crate) fn read_json(py: Python<'_>, path: &Path, lang: Lang) -> PyResult<String> {
    read_text(py, path, JSON_BYTES, lang)
}

/// The text of the file at `path`, at most `limit` bytes. A missing file is Python's own
/// `FileNotFoundError`; a file too large or not UTF-8 is the engine's problem with its name.
fn read_text(py: Python<'_>, path: &Path, limit: Limit, lang: Lang) -> PyResult<String> {
    let in_file = |e: ParError| {
        let e = e.in_file(path.display().to_string());
        engine_error(py, &e.into(), lang)
    };
    let size = std::fs::metadata(path)?.len();
    limit
        .check(usize::try_from(size).unwrap_or(usize::MAX))
        .map_err(in_file)?;
    let bytes = std::fs::read(path)?;
    par_core::encoding::decode_owned(bytes).map_err(in_file)
}

/// Reads a JSON (`kind="json"`) or CSV (`kind="table"`) file for `parindex.score`.
#[pyfunction]
#[pyo3(signature = (path, kind, *, lang = None))]
fn read_text_file(
    py: Python<'_>,
    path: std::path::PathBuf,
    kind: &str,
    lang: Option<&str>,
) -> PyResult<String> {
    let lang = language(py, lang)?;
    let limit = match kind {
        "json" => JSON_BYTES,
        "table" => TABLE_BYTES,
        other => {
            return Err(PyValueError::new_err(format!(
                "unknown file kind '{other}'"
            )))
        }
    };
    read_text(py, &path, limit, lang)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(read_text_file, m)?)
}
