//! Files named by a path, read by the command line's own readers (`par_cli::files`): their size
//! is checked against the engine's limit before they are read, and their bytes are decoded by the
//! core (JSON as UTF-8; tables in whichever encoding Excel saved them; workbooks within bounds),
//! so a file that is too large or unreadable raises the same coded `ParError` in Python as in
//! `par`. A path that does not exist is Python's own `FileNotFoundError`, with its `errno`, its
//! `filename` and the catalogue's words ([`os_error`]).

use crate::text::Text;
use crate::{engine_error, language};
use par_cli::{files, Failure};
use par_core::text::{DocumentKind, ReadingMsg};
use par_core::FileText;
use par_core::{Detail, Lang};
use pyo3::exceptions::{PyFileNotFoundError, PyOSError, PyPermissionError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::PyString;
use std::path::{Path, PathBuf};

/// A file's path as Python gives it: a `str`, a `pathlib.Path`, any `os.PathLike`. A name holding
/// half a character (a lone surrogate such as `"\ud800"`, outside the file system's own escapes)
/// has no bytes a file name can have, and PyO3's own conversion to a `PathBuf` panics on it: it
/// is kept as none, to be refused as such a text is everywhere, in the call's language
/// ([`FilePath::named`]).
pub(crate) struct FilePath(Option<PathBuf>);

impl<'a, 'py> FromPyObject<'a, 'py> for FilePath {
    type Error = PyErr;

    fn extract(ob: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let py = ob.py();
        let os = py.import(intern!(py, "os"))?;
        let named = os.call_method1(intern!(py, "fspath"), (ob,))?;
        let encoded = || os.call_method1(intern!(py, "fsencode"), (&named,)).is_ok();
        if named.cast::<PyString>().is_ok() && !encoded() {
            return Ok(FilePath(None));
        }
        Ok(FilePath(Some(named.extract()?)))
    }
}

impl FilePath {
    /// The path, or the refusal of a name holding half a character, in `lang`.
    pub(crate) fn named(self, lang: Lang) -> PyResult<PathBuf> {
        self.0
            .ok_or_else(|| crate::input::half_character("path".into(), lang))
    }
}

/// The text of a JSON file holding a document of the kind `wanted` (methodology, assessments,
/// results): one too long to read that starts as another kind is refused for that.
pub(crate) fn read_json(
    py: Python<'_>,
    path: &Path,
    wanted: DocumentKind,
    lang: Lang,
) -> PyResult<String> {
    read_with(py, path, None, lang, |path, _| {
        files::read_json(path, wanted)
    })
}

/// The text of a table file (CSV, or Excel's "Unicode Text") and the encoding it was read in.
pub(crate) fn read_table_text(py: Python<'_>, path: &Path, lang: Lang) -> PyResult<FileText> {
    read_with(py, path, None, lang, |path, _| {
        files::table_text(path, None)
    })
}

/// A table file of any kind (CSV, Excel's "Unicode Text", a workbook's sheet: the first, or the
/// one named or numbered from 1 by `sheet`) as a table, and the encoding of its text if that was
/// guessed.
pub(crate) fn read_table(
    py: Python<'_>,
    path: &Path,
    sheet: Option<&str>,
    lang: Lang,
) -> PyResult<files::TableFile> {
    read_with(py, path, sheet, lang, files::table)
}

/// A criteria annex or table file: its criteria sheet, the sheets named for a section, and the
/// encoding of its text if that was guessed.
pub(crate) fn read_criteria(
    py: Python<'_>,
    path: &Path,
    sheet: Option<&str>,
    lang: Lang,
) -> PyResult<files::CriteriaSheets> {
    read_with(py, path, sheet, lang, files::criteria_sheets)
}

/// A ranking as published, as CSV text for the engine: a text table as it is, a workbook's
/// `sheet`, else its ranking read on every sheet holding one (`par report` writes a sheet per
/// block).
pub(crate) fn read_ranking_as_csv(
    py: Python<'_>,
    path: &Path,
    sheet: Option<&str>,
    lang: Lang,
) -> PyResult<String> {
    read_with(py, path, sheet, lang, files::ranking_csv)
}

/// The file at `path` read by the command line's `read` (a workbook's `sheet` asked for, the
/// encoding of text found), once it is known to exist: what the command line refuses is raised
/// as it is in Python ([`failure`]).
fn read_with<T>(
    py: Python<'_>,
    path: &Path,
    sheet: Option<&str>,
    lang: Lang,
    read: impl FnOnce(&Path, files::Reading) -> Result<T, Failure>,
) -> PyResult<T> {
    found(path, lang)?;
    let how = files::Reading {
        sheet,
        ..Default::default()
    };
    read(path, how).map_err(|f| failure(py, f, lang))
}

/// Nothing unless `path` cannot be read: then Python's own error for it ([`os_error`]).
fn found(path: &Path, lang: Lang) -> PyResult<()> {
    match std::fs::metadata(path) {
        Ok(_) => Ok(()),
        Err(e) => {
            let message = ReadingMsg::CannotRead {
                detail: e.to_string(),
            };
            Err(os_error(&e, path, message.render(lang)))
        }
    }
}

/// Python's error for a file that cannot be read or written, as `open` raises it: a
/// `FileNotFoundError` or `PermissionError` with its `errno` and `filename` (code that checks
/// `e.errno == errno.ENOENT` works), in the words of the catalogue.
pub(crate) fn os_error(e: &std::io::Error, path: &Path, message: String) -> PyErr {
    let args = (
        e.raw_os_error().unwrap_or(0),
        message,
        path.display().to_string(),
    );
    match e.kind() {
        std::io::ErrorKind::NotFound => PyFileNotFoundError::new_err(args),
        std::io::ErrorKind::PermissionDenied => PyPermissionError::new_err(args),
        _ => PyOSError::new_err(args),
    }
}

/// Writes `bytes` to `path`, or raises Python's error for it ([`os_error`]).
pub(crate) fn write(path: &Path, bytes: &[u8], lang: Lang) -> PyResult<()> {
    std::fs::write(path, bytes).map_err(|e| {
        let message = ReadingMsg::CannotWriteOutput {
            detail: e.to_string(),
        };
        os_error(&e, path, message.render(lang))
    })
}

/// A file the readers refused: its problems as a `ParError`, or, for a file the command line
/// would call a usage error (a kind it does not read), a `ValueError`.
fn failure(py: Python<'_>, failure: Failure, lang: Lang) -> PyErr {
    match failure {
        Failure::Invalid(problems) => engine_error(py, &problems, lang),
        Failure::Usage(message) => PyValueError::new_err(message.render(lang)),
        Failure::Argument(refusal) => PyValueError::new_err(refusal.render(lang)),
    }
}

/// Reads a results file (`kind="results"`, JSON); an assessments document
/// (`kind="assessments"`: a JSON file named so, one named as another kind or none refused as
/// `par score` refuses it); or any table file as CSV text (`kind="ranking"`: a CSV in whichever
/// encoding Excel saved it, or a workbook's first sheet, past a cover), a ranking as published
/// for `compare`. Tables to score are read by `score_table_file`, which keeps the encoding
/// found.
#[pyfunction]
#[pyo3(signature = (path, kind, *, sheet = None, lang = None))]
fn read_text_file(
    py: Python<'_>,
    path: FilePath,
    kind: Text<'_>,
    sheet: Option<&str>,
    lang: Option<Text<'_>>,
) -> PyResult<String> {
    let lang = language(py, lang)?;
    let path = path.named(lang)?;
    match kind.at("kind", lang)? {
        "results" => read_json(py, &path, DocumentKind::Results, lang),
        "assessments" => read_with(py, &path, None, lang, |path, _| {
            files::assessments_json(path)
        }),
        "ranking" => read_ranking_as_csv(py, &path, sheet, lang),
        other => Err(PyValueError::new_err(format!(
            "unknown file kind '{other}'"
        ))),
    }
}

/// A results file read a piece at a time, keeping `detail` of its units' inputs, as `par compare`
/// reads one: a national run's document, whatever its size, without holding its text. `None`
/// where it is not read so (another kind of file, a document with a problem, or not laid out as
/// the engine writes it): reading it whole then says what it is.
pub(crate) fn results_in_pieces(
    py: Python<'_>,
    path: &Path,
    detail: Detail,
    lang: Lang,
) -> PyResult<Option<par_core::Results>> {
    found(path, lang)?;
    let read = py.detach(|| files::results_in_pieces(path, detail));
    read.map_err(|f| failure(py, f, lang))
}

/// [`results_in_pieces`] keeping the scores only, for `compare`.
#[pyfunction]
#[pyo3(signature = (path, *, lang = None))]
fn results_file_scores(
    py: Python<'_>,
    path: FilePath,
    lang: Option<Text<'_>>,
) -> PyResult<Option<crate::output::Results>> {
    let lang = language(py, lang)?;
    let path = path.named(lang)?;
    let read = results_in_pieces(py, &path, Detail::Scores, lang)?;
    Ok(read.map(crate::output::Results::new))
}

/// A workbook's sheet as the engine is asked for it: an int is a sheet's number from 1 (`#2`,
/// never the sheet named 2), anything else its name or number as `str` gives it (a number that
/// names one sheet and numbers another is refused, naming both). A name holding half a
/// character, or an int whose digits are longer than any text the engine reads, is refused in
/// `lang`, as such a value is in an input.
#[pyfunction]
#[pyo3(signature = (sheet, *, lang = None))]
fn sheet_asked(
    py: Python<'_>,
    sheet: Option<&Bound<'_, PyAny>>,
    lang: Option<Text<'_>>,
) -> PyResult<Option<String>> {
    sheet_named(sheet, &|| language(py, lang))
}

/// [`sheet_asked`], a refusal said in the language `lang` gives.
pub(crate) fn sheet_named(
    sheet: Option<&Bound<'_, PyAny>>,
    lang: &dyn Fn() -> PyResult<Lang>,
) -> PyResult<Option<String>> {
    let Some(sheet) = sheet else {
        return Ok(None);
    };
    let py = sheet.py();
    let integral = !sheet.is_instance_of::<pyo3::types::PyBool>();
    if integral && sheet.is_instance_of::<pyo3::types::PyInt>() {
        return match crate::input::int_digits(sheet)? {
            Ok(number) => Ok(Some(format!("#{number}"))),
            Err(bytes) => {
                let limit = par_core::limits::TEXT_BYTES.exceeded(bytes).field("sheet");
                Err(engine_error(py, &limit.into(), lang()?))
            }
        };
    }
    if let Some(number) = sheet.extract::<i64>().ok().filter(|_| integral) {
        return Ok(Some(format!("#{number}")));
    }
    let named = sheet.str()?;
    let name = named
        .as_any()
        .extract::<Text<'_>>()?
        .at_said_in("sheet", lang)?;
    Ok(Some(name.to_string()))
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(read_text_file, m)?)?;
    m.add_function(wrap_pyfunction!(results_file_scores, m)?)?;
    m.add_function(wrap_pyfunction!(sheet_asked, m)?)
}
