//! `parindex.Methodology`: a validated criteria tree with its rules and policies.

use crate::input::json_value;
use crate::output::{wire_name, TreeNode};
use crate::{language, run};
use par_core::{builtin, Lang};
use pyo3::prelude::*;
use std::path::PathBuf;
use std::sync::Arc;

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
    fn builtin(py: Python<'_>, id: String, lang: Option<&str>) -> PyResult<Self> {
        let lang = language(py, lang)?;
        let inner = run(py, lang, move || builtin::load(&id))?;
        Ok(Methodology {
            inner: Arc::new(inner),
        })
    }

    /// Reads a `par.methodology/1` JSON file (UTF-8).
    #[staticmethod]
    #[pyo3(signature = (path, *, lang = None))]
    fn from_file(py: Python<'_>, path: PathBuf, lang: Option<&str>) -> PyResult<Self> {
        let lang = language(py, lang)?;
        Self::load(py, crate::files::read_json(py, &path, lang)?, lang)
    }

    /// Reads `par.methodology/1` JSON text.
    #[staticmethod]
    #[pyo3(signature = (text, *, lang = None))]
    fn from_json(py: Python<'_>, text: String, lang: Option<&str>) -> PyResult<Self> {
        Self::load(py, text, language(py, lang)?)
    }

    /// Reads a methodology given as a dict shaped like the JSON file. Amounts are strings or
    /// `Decimal`s; a float raises `TypeError`.
    #[staticmethod]
    #[pyo3(signature = (d, *, lang = None))]
    fn from_dict(py: Python<'_>, d: &Bound<'_, PyAny>, lang: Option<&str>) -> PyResult<Self> {
        let lang = language(py, lang)?;
        Self::load(py, json_value(d, "methodology", lang)?.to_string(), lang)
    }

    /// The built-in catalogue, in a stable order.
    #[staticmethod]
    fn list_builtin(py: Python<'_>) -> PyResult<Vec<BuiltinInfo>> {
        // Listing finds no problem to say in a language: `run` only catches a panic here.
        let list = run(py, Lang::default(), || Ok(builtin::list()))?;
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

    /// The methodology as a dict (the JSON file's shape; amounts are strings).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py.import("json")?
            .call_method1("loads", (self.inner.to_json(),))
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

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Methodology>()?;
    m.add_class::<BuiltinInfo>()?;
    Ok(())
}
