//! `parindex.Methodology`: a validated criteria tree with its rules and policies.

use crate::files::FilePath;
use crate::input::{form_input_json, written_as_json};
use crate::output::{wire_name, TreeNode};
use crate::text::Text;
use crate::{language, run};
use par_core::import::{self, Header, Imported};
use par_core::text::DocumentKind;
use par_core::{Lang, Problems};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

/// A validated methodology (`par.methodology/1`): the criteria tree, leaf rules, blocks, bands,
/// adjustments and policies. Build one with `builtin`, `from_file`, `from_dict` or `from_json`;
/// an invalid methodology raises a `ParError` listing every problem.
#[pyclass(frozen, module = "parindex", name = "Methodology")]
pub struct Methodology {
    pub(crate) inner: Arc<par_core::Methodology>,
}

/// A built-in methodology in the catalogue.
#[pyclass(frozen, get_all, module = "parindex", name = "BuiltinInfo")]
pub struct BuiltinInfo {
    id: String,
    name: String,
    decision: Option<String>,
    date: Option<String>,
    level: Option<String>,
    /// `leaves`, `criteria`, `fields` or `components`: how deep the public record goes.
    completeness: Option<String>,
    sources: Vec<String>,
}

#[pymethods]
impl BuiltinInfo {
    fn __repr__(&self) -> String {
        format!("BuiltinInfo(id={:?}, name={:?})", self.id, self.name)
    }
}

impl Methodology {
    fn load(py: Python<'_>, text: String, lang: Lang) -> PyResult<Self> {
        let inner = run(py, lang, move || par_core::Methodology::from_json(&text))?;
        Ok(Methodology {
            inner: Arc::new(inner),
        })
    }
}

#[pymethods]
impl Methodology {
    /// A built-in methodology by id (see `Methodology.list_builtin()`). `lang` (`"vi"` or `"en"`)
    /// is the language of a `ParError`'s messages: by default `PAR_LANG`, else Vietnamese.
    #[staticmethod]
    #[pyo3(signature = (id, *, lang = None))]
    fn builtin(py: Python<'_>, id: Text<'_>, lang: Option<Text<'_>>) -> PyResult<Self> {
        let lang = language(py, lang)?;
        let id = id.at("id", lang)?;
        let inner = run(py, lang, move || par_core::builtin(id))?;
        Ok(Methodology {
            inner: Arc::new(inner),
        })
    }

    /// Reads a `par.methodology/1` JSON file (UTF-8).
    #[staticmethod]
    #[pyo3(signature = (path, *, lang = None))]
    fn from_file(py: Python<'_>, path: FilePath, lang: Option<Text<'_>>) -> PyResult<Self> {
        let lang = language(py, lang)?;
        let path = path.named(lang)?;
        Self::load(
            py,
            crate::files::read_json(py, &path, DocumentKind::Methodology, lang)?,
            lang,
        )
    }

    /// Reads `par.methodology/1` JSON text.
    #[staticmethod]
    #[pyo3(signature = (text, *, lang = None))]
    fn from_json(py: Python<'_>, text: Text<'_>, lang: Option<Text<'_>>) -> PyResult<Self> {
        let lang = language(py, lang)?;
        Self::load(py, text.whole(lang)?.to_string(), lang)
    }

    /// Reads a methodology given as a dict shaped like the JSON file. Amounts are strings or
    /// `Decimal`s; a float raises `TypeError`.
    #[staticmethod]
    #[pyo3(signature = (d, *, lang = None))]
    fn from_dict(py: Python<'_>, d: &Bound<'_, PyAny>, lang: Option<Text<'_>>) -> PyResult<Self> {
        let lang = language(py, lang)?;
        Self::load(py, written_as_json(d, "methodology", lang)?, lang)
    }

    /// Imports a criteria annex as a province publishes it (title rows, `STT`, Roman-numeral
    /// fields, scoring guidance in prose, a `TỔNG ĐIỂM` row, the classification) or a criteria
    /// table in the project's columns, from a path (`.xlsx`, `.xls`, `.ods`, `.csv`, `.txt`),
    /// the bytes of one, or a pandas DataFrame. Each warning (guidance not read with certainty, a
    /// column not read) is issued as a `parindex.TableWarning`; `parindex.import_table` gives
    /// them, and what every row was read as, as data.
    #[staticmethod]
    #[pyo3(signature = (source, *, sheet = None, id = None, name = None, decision = None, date = None, level = None, lang = None))]
    #[allow(clippy::too_many_arguments)]
    fn from_table(
        py: Python<'_>,
        source: &Bound<'_, PyAny>,
        sheet: Option<&Bound<'_, PyAny>>,
        id: Option<&Bound<'_, PyAny>>,
        name: Option<&Bound<'_, PyAny>>,
        decision: Option<&Bound<'_, PyAny>>,
        date: Option<&Bound<'_, PyAny>>,
        level: Option<&Bound<'_, PyAny>>,
        lang: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<Methodology>> {
        // Handed to `parindex.import_table` as given, which reads them.
        let kwargs = PyDict::new(py);
        kwargs.set_item("sheet", sheet)?;
        kwargs.set_item("id", id)?;
        kwargs.set_item("name", name)?;
        kwargs.set_item("decision", decision)?;
        kwargs.set_item("date", date)?;
        kwargs.set_item("level", level)?;
        kwargs.set_item("lang", lang)?;
        let imported = py
            .import("parindex")?
            .getattr("import_table")?
            .call((source,), Some(&kwargs))?;
        let category = py.import("parindex._errors")?.getattr("TableWarning")?;
        let warn = py.import("warnings")?.getattr("warn")?;
        for line in imported.getattr("warning_lines")?.try_iter()? {
            warn.call1((line?, &category, 2))?;
        }
        Ok(imported.getattr("methodology")?.extract()?)
    }

    /// The built-in catalogue, in a stable order.
    #[staticmethod]
    fn list_builtin(py: Python<'_>) -> PyResult<Vec<BuiltinInfo>> {
        // Listing finds no problem to say in a language: `run` only catches a panic here.
        let list = run(py, Lang::default(), || Ok(par_core::list_builtin()))?;
        Ok(list
            .into_iter()
            .map(|b| BuiltinInfo {
                id: b.id,
                name: b.name,
                decision: b.decision,
                date: b.date,
                level: b.level,
                completeness: b.completeness.map(|c| wire_name(&c)),
                sources: b.sources,
            })
            .collect())
    }

    /// The methodology's id, e.g. `bnv-2948-2017-province`.
    #[getter]
    fn id(&self) -> &str {
        self.inner.id()
    }

    #[getter]
    fn name(&self) -> &str {
        self.inner.name()
    }

    /// The methodology as `par.methodology/1` JSON text.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// Pickled and copied as its JSON text, read back by `from_json` (see `Results`).
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        Ok((slf.get_type().getattr("from_json")?, (slf.get().to_json(),)))
    }

    /// The methodology as a dict (the JSON file's shape; amounts are strings).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py.import("json")?
            .call_method1("loads", (self.inner.to_json(),))
    }

    /// What a portal needs to draw the form: every node with the input it takes (`points`,
    /// `choice`, `yes_no`, `measure`, `survey`, `children`) and its rule (options, bands with their
    /// bounds, yes/no points, ratio target), the blocks, the classification, and whether evidence
    /// and reasons are asked for (`par.form-model/1`, amounts as Decimals).
    fn form_model(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        crate::output::python_json(py, &par_core::form::form_model(&self.inner).to_json())
    }

    /// Scores one unit's form while it is filled in, as `par.form/1` JSON text (see
    /// `score_form`). `unit` is a dict (`{"unit", "block", "entries"}`) or its JSON text.
    #[pyo3(signature = (unit, *, lang = None))]
    fn score_form_json(
        &self,
        py: Python<'_>,
        unit: &Bound<'_, PyAny>,
        lang: Option<Text<'_>>,
    ) -> PyResult<String> {
        let lang = language(py, lang)?;
        let text = json_text(unit, "unit", lang)?;
        let m = Arc::clone(&self.inner);
        run(py, lang, move || {
            par_core::wire::score_form_with(&m, &text, lang)
        })
    }

    /// Scores one unit's form while it is filled in: the entries that are valid count, each
    /// invalid one is a problem against its criterion (the total still counting the others), an
    /// empty field is no input yet. A dict: `complete` (no problem and every criterion entered),
    /// `unit` (points, index, band, components, nodes; amounts as Decimals) and `problems`
    /// (`code`, `message`, `node`, `field`, `value`).
    #[pyo3(signature = (unit, *, lang = None))]
    fn score_form(
        &self,
        py: Python<'_>,
        unit: &Bound<'_, PyAny>,
        lang: Option<Text<'_>>,
    ) -> PyResult<Py<PyAny>> {
        let text = self.score_form_json(py, unit, lang)?;
        crate::output::python_json(py, &text)
    }

    /// Opens a form kept read between changes, for a portal's back end that re-scores as each
    /// field is filled in: `form.set(code, entry)` reads only the entry that changed. `unit` is a
    /// dict (`{"unit", "block", "entries"}`) or its JSON text; its own fields must be readable
    /// (a `ParError` otherwise), its entries may hold anything typed.
    #[pyo3(signature = (unit, *, lang = None))]
    fn open_form(
        &self,
        py: Python<'_>,
        unit: &Bound<'_, PyAny>,
        lang: Option<Text<'_>>,
    ) -> PyResult<Form> {
        let lang = language(py, lang)?;
        let text = json_text(unit, "unit", lang)?;
        let session = run(py, lang, move || par_core::form::FormSession::open(&text))?;
        Ok(Form {
            methodology: Arc::clone(&self.inner),
            session: Mutex::new(session),
        })
    }

    /// The criteria tree in pre-order.
    fn tree(&self, py: Python<'_>) -> PyResult<Vec<TreeNode>> {
        self.inner
            .tree()
            .iter()
            .map(|t| TreeNode::new(py, t))
            .collect()
    }

    fn __repr__(&self) -> String {
        format!("Methodology({:?})", self.inner.id())
    }
}

/// A form's unit or entry given as a dict (or `None`) as JSON text, its amounts as `score`
/// reads them ([`form_input_json`]); text is taken as JSON text already.
fn json_text(value: &Bound<'_, PyAny>, at: &str, lang: Lang) -> PyResult<String> {
    match value.extract::<String>() {
        Ok(text) => Ok(text),
        Err(_) => form_input_json(value, at, lang),
    }
}

/// A form being filled in (from `Methodology.open_form`): one entry changes at a time, and each
/// change answers with the form scored as it then stands (`par.form/1`, as `score_form`, except
/// that nodes do not repeat the entries: each gives its figures and where they come from).
/// A portal's threads may share one (a form kept in a session): each change waits for the one
/// before, where a borrow taken across the engine's work (which lets go of the GIL) refused the
/// second thread with PyO3's "Already borrowed".
#[pyclass(frozen, module = "parindex", name = "Form")]
pub struct Form {
    methodology: Arc<par_core::Methodology>,
    session: Mutex<par_core::form::FormSession>,
}

impl Form {
    /// The form's session, once no other thread is changing it. A change that stopped at a fault
    /// of the engine (a `RuntimeError`) changed nothing it had not finished: the session is
    /// taken as it stands.
    fn session(&self) -> MutexGuard<'_, par_core::form::FormSession> {
        self.session.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[pymethods]
impl Form {
    /// Replaces criterion `code`'s entry (a dict as in `entries`, its JSON text, or `None` to
    /// clear it) and returns the form scored, as `par.form/1` JSON text.
    #[pyo3(signature = (code, entry, *, lang = None))]
    fn set_json(
        &self,
        py: Python<'_>,
        code: Text<'_>,
        entry: &Bound<'_, PyAny>,
        lang: Option<Text<'_>>,
    ) -> PyResult<String> {
        let lang = language(py, lang)?;
        let code = code.at("code", lang)?;
        let text = json_text(entry, "entry", lang)?;
        run(py, lang, move || {
            let mut session = self.session();
            session.set_entry(code, &text)?;
            Ok(session.score(&self.methodology, lang)?.to_json(lang))
        })
    }

    /// `set_json` as a dict (amounts as Decimals).
    #[pyo3(signature = (code, entry, *, lang = None))]
    fn set(
        &self,
        py: Python<'_>,
        code: Text<'_>,
        entry: &Bound<'_, PyAny>,
        lang: Option<Text<'_>>,
    ) -> PyResult<Py<PyAny>> {
        let text = self.set_json(py, code, entry, lang)?;
        crate::output::python_json(py, &text)
    }

    /// The form scored as it stands, as `par.form/1` JSON text.
    #[pyo3(signature = (*, lang = None))]
    fn score_json(&self, py: Python<'_>, lang: Option<Text<'_>>) -> PyResult<String> {
        let lang = language(py, lang)?;
        run(py, lang, move || {
            let session = self.session();
            Ok(session.score(&self.methodology, lang)?.to_json(lang))
        })
    }

    /// `score_json` as a dict (amounts as Decimals).
    #[pyo3(signature = (*, lang = None))]
    fn score(&self, py: Python<'_>, lang: Option<Text<'_>>) -> PyResult<Py<PyAny>> {
        let text = self.score_json(py, lang)?;
        crate::output::python_json(py, &text)
    }
}

/// What the person says of an imported methodology; the annex's title rows give the rest.
/// (`id`, `name`, `decision`, `date`, `level`), each a text holding half a character refused
/// naming it; `id` by default `default_id`, else `methodology`.
fn import_header(
    [id, name, decision, date, level]: [Option<Text<'_>>; 5],
    default_id: Option<String>,
    lang: Lang,
) -> PyResult<Header> {
    let said = |text: Option<Text<'_>>, at: &str| -> PyResult<Option<String>> {
        Ok(text.map(|t| t.at(at, lang)).transpose()?.map(String::from))
    };
    Ok(Header {
        id: (said(id, "id")?.or(default_id)).unwrap_or_else(|| "methodology".into()),
        name: said(name, "name")?,
        decision: said(decision, "decision")?,
        date: said(date, "date")?,
        level: said(level, "level")?,
    })
}

/// An import as Python gets it: the methodology, the whole import's JSON (rows read, warnings)
/// and the warnings as lines, texts in `lang`.
type ImportParts = (Methodology, String, Vec<String>);

fn imported(
    py: Python<'_>,
    lang: Lang,
    read: impl FnOnce() -> Result<Imported, Problems> + Send,
) -> PyResult<ImportParts> {
    let imported = run(py, lang, read)?;
    let json = imported.to_json(lang);
    let lines = imported.warning_lines(lang);
    let methodology = Methodology {
        inner: Arc::new(imported.methodology),
    };
    Ok((methodology, json, lines))
}

/// Imports a criteria annex or table file (CSV in any encoding Excel saves, or a workbook: its
/// first sheet or `sheet`, and the sheets named for a section), by the command line's readers.
#[pyfunction]
#[pyo3(signature = (path, *, sheet = None, id = None, name = None, decision = None, date = None, level = None, lang = None))]
#[allow(clippy::too_many_arguments)]
fn import_table_file(
    py: Python<'_>,
    path: FilePath,
    sheet: Option<&str>,
    id: Option<Text<'_>>,
    name: Option<Text<'_>>,
    decision: Option<Text<'_>>,
    date: Option<Text<'_>>,
    level: Option<Text<'_>>,
    lang: Option<Text<'_>>,
) -> PyResult<ImportParts> {
    let lang = language(py, lang)?;
    let path = path.named(lang)?;
    let sheets = crate::files::read_criteria(py, &path, sheet, lang)?;
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
    let header = import_header([id, name, decision, date, level], stem, lang)?;
    let (criteria, others) = (sheets.criteria, sheets.others);
    let (methodology, json, mut lines) =
        imported(py, lang, move || import::import(&criteria, &others, header))?;
    // A guessed encoding is warned of first, as the command line does: a name read wrong
    // starts there.
    if let Some((file, encoding)) = sheets.guessed {
        lines.insert(0, par_cli::files::guessed(&file, encoding, lang));
    }
    Ok((methodology, json, lines))
}

/// Imports a criteria annex or table given as a file's bytes: a workbook (its criteria sheet
/// `sheet`, else the first, and the sheets named for a section) or a text table in whichever
/// encoding it was saved.
#[pyfunction]
#[pyo3(signature = (data, *, sheet = None, id = None, name = None, decision = None, date = None, level = None, lang = None))]
#[allow(clippy::too_many_arguments)]
fn import_table_bytes(
    py: Python<'_>,
    data: Vec<u8>,
    sheet: Option<String>,
    id: Option<Text<'_>>,
    name: Option<Text<'_>>,
    decision: Option<Text<'_>>,
    date: Option<Text<'_>>,
    level: Option<Text<'_>>,
    lang: Option<Text<'_>>,
) -> PyResult<ImportParts> {
    let lang = language(py, lang)?;
    let header = import_header([id, name, decision, date, level], None, lang)?;
    imported(py, lang, move || {
        let (criteria, others) = par_sheets::criteria_tables(data, sheet.as_deref())?;
        import::import(&criteria, &others, header)
    })
}

/// Imports a criteria annex or table given column by column (a DataFrame). `named` says whether
/// `header` holds the sheet's first row (a DataFrame read with its header) or only positions (read
/// with `header=None`: the first row of the columns is the sheet's first row).
#[pyfunction]
#[pyo3(signature = (header, columns, float_columns, missing, named, *, id = None, name = None, decision = None, date = None, level = None, lang = None))]
#[allow(clippy::too_many_arguments)]
fn import_table_columns(
    py: Python<'_>,
    header: Vec<Bound<'_, PyAny>>,
    columns: Vec<Bound<'_, PyList>>,
    float_columns: Vec<bool>,
    missing: &Bound<'_, PyAny>,
    named: bool,
    id: Option<Text<'_>>,
    name: Option<Text<'_>>,
    decision: Option<Text<'_>>,
    date: Option<Text<'_>>,
    level: Option<Text<'_>>,
    lang: Option<Text<'_>>,
) -> PyResult<ImportParts> {
    let lang = language(py, lang)?;
    // `header` is the table's header row; the import's own header (`about`) is what the person
    // says of the methodology.
    let about = import_header([id, name, decision, date, level], None, lang)?;
    let header = crate::input::header_texts(&header, lang)?;
    let table = crate::input::table(header, &columns, &float_columns, missing, named, lang)?;
    imported(py, lang, move || import::import(&table, &[], about))
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Methodology>()?;
    m.add_class::<Form>()?;
    m.add_class::<BuiltinInfo>()?;
    m.add_function(wrap_pyfunction!(import_table_file, m)?)?;
    m.add_function(wrap_pyfunction!(import_table_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(import_table_columns, m)?)?;
    Ok(())
}
