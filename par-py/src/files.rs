//! Files named by a path: their size is checked against the engine's limit before they are read,
//! and their bytes are decoded by the core as the CLI decodes them (JSON as UTF-8; tables in
//! whichever encoding Excel saved them), so a file that is too large or unreadable raises the
//! same coded `ParError` in Python as anywhere else.

use crate::{engine_error, language};
use par_core::encoding::FileText;
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
    let bytes = read_bytes(py, path, limit, lang)?;
    par_core::encoding::decode_owned(bytes).map_err(|e| in_file(py, path, e, lang))
}

/// The text of a table file (CSV, or Excel's "Unicode Text") and the encoding it was read in.
pub(crate) fn read_table(py: Python<'_>, path: &Path, lang: Lang) -> PyResult<FileText> {
    let bytes = read_bytes(py, path, TABLE_BYTES, lang)?;
    par_core::encoding::read_text(bytes, None).map_err(|e| in_file(py, path, e, lang))
}

/// The bytes of the file at `path`, refused by its size before any is read.
fn read_bytes(py: Python<'_>, path: &Path, limit: Limit, lang: Lang) -> PyResult<Vec<u8>> {
    let size = std::fs::metadata(path)?.len();
    limit
        .check(usize::try_from(size).unwrap_or(usize::MAX))
        .map_err(|e| in_file(py, path, e, lang))?;
    Ok(std::fs::read(path)?)
}

/// The engine's problem with a file, said of the file.
fn in_file(py: Python<'_>, path: &Path, e: ParError, lang: Lang) -> PyErr {
    let e = e.in_file(path.display().to_string());
    engine_error(py, &e.into(), lang)
}

/// Reads a JSON file (`kind="json"`, the one kind `parindex` reads as text; tables are read by
/// `score_table_file`, which keeps the encoding they were found in).
#[pyfunction]
#[pyo3(signature = (path, kind, *, lang = None))]
fn read_text_file(
    py: Python<'_>,
    path: std::path::PathBuf,
    kind: &str,
    lang: Option<&str>,
) -> PyResult<String> {
    let lang = language(py, lang)?;
    match kind {
        "json" => read_text(py, &path, JSON_BYTES, lang),
        other => Err(PyValueError::new_err(format!(
            "unknown file kind '{other}'"
        ))),
    }
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(read_text_file, m)?)
}
