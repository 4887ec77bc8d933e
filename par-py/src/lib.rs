//! `parindex._native`: the PyO3 extension behind the `parindex` Python package.
//!
//! It wraps `par-core` and adds no scoring logic: Python objects are converted into the engine's
//! inputs ([`input`]), the engine computes, and its outputs are exposed as read-only Python objects
//! whose amounts are `decimal.Decimal` built from the engine's own decimal strings ([`output`]).
//! Engine problems become `parindex.ParError` subclasses, one per error code, with their texts in
//! the language of the call ([`language`]); a panic inside the engine is caught and raised as
//! `RuntimeError`, never as PyO3's `PanicException`.

mod files;
mod input;
mod methodology;
mod output;
mod text;

use par_core::text::BindingText;
use par_core::{wire, ErrorCode, Lang, Problems};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};
use text::Text;

/// The engine's allocations (millions for a national run) go to mimalloc; Python's own objects
/// keep Python's allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The language of a call's texts, by the rule every binding follows: the `lang` option asked
/// for, else the `PAR_LANG` environment variable, else Vietnamese. Python's `os.environ` writes go
/// through `putenv`, so a variable set from Python is seen here.
pub(crate) fn language(py: Python<'_>, asked: Option<Text<'_>>) -> PyResult<Lang> {
    let env = std::env::var("PAR_LANG").ok();
    // A code holding half a character is refused as such in the language `PAR_LANG` names.
    let asked = match asked.map(|a| a.whole_text()) {
        None => None,
        Some(Some(code)) => Some(code),
        Some(None) => {
            let said_in = Lang::resolve(None, env.as_deref()).unwrap_or_default();
            return Err(input::half_character("lang".into(), said_in));
        }
    };
    Lang::resolve(asked, env.as_deref())
        // The language asked for is unknown, so the refusal is said in the default one.
        .map_err(|refused| engine_error(py, &refused.into(), Lang::default()))
}

/// Runs engine code without the GIL, turning its problems into `ParError`s written in `lang` and
/// a panic into a `RuntimeError`.
pub(crate) fn run<T: Send>(
    py: Python<'_>,
    lang: Lang,
    f: impl FnOnce() -> Result<T, Problems> + Send,
) -> PyResult<T> {
    match py.detach(|| catch_unwind(AssertUnwindSafe(f))) {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(problems)) => Err(engine_error(py, &problems, lang)),
        Err(payload) => Err(panic_error(payload.as_ref())),
    }
}

pub(crate) fn panic_error(payload: &(dyn Any + Send)) -> PyErr {
    let what = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string());
    PyRuntimeError::new_err(format!(
        "internal error in the par engine (a bug; please report it): {what}"
    ))
}

/// The `ParError` subclass instance for the engine's problems, their texts in `lang` (built by
/// `parindex._errors`).
pub(crate) fn engine_error(py: Python<'_>, problems: &Problems, lang: Lang) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let items: Vec<_> = problems
            .problems
            .iter()
            .map(|p| {
                (
                    p.code.as_str(),
                    p.message(lang),
                    p.unit.as_deref(),
                    p.node.as_deref(),
                    p.field.as_deref(),
                    p.value.as_deref(),
                    p.sheet.as_deref(),
                    p.row,
                    p.limit.as_deref(),
                    p.line(lang),
                    wire::problems_json(&Problems::from(p.clone()), lang),
                )
            })
            .collect();
        let error = py.import("parindex._errors")?.call_method1(
            "_from_engine",
            (
                wire::problems_json(problems, lang),
                problems.lines(lang),
                items,
            ),
        )?;
        Ok(PyErr::from_value(error))
    };
    build().unwrap_or_else(|e| e)
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    let codes: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
    m.add("ERROR_CODES", codes)?;
    m.add_function(wrap_pyfunction!(schema, m)?)?;
    m.add_function(wrap_pyfunction!(table_shape_refused, m)?)?;
    output::register(m)?;
    input::register(m)?;
    files::register(m)?;
    Ok(())
}

/// The JSON Schema of a document the engine reads or writes, by name (`methodology`,
/// `assessments`, `results`, `problems`), as JSON text: the files under `schemas/`.
/// The words for a table given as none of the things it is read from (`kind`: `score_sheet`,
/// `criteria_table`, `ranking`; `given`: the type given), in `lang`, for the `TypeError` Python raises.
#[pyfunction]
#[pyo3(signature = (kind, given, *, lang = None))]
fn table_shape_refused(
    py: Python<'_>,
    kind: &str,
    given: String,
    lang: Option<Text<'_>>,
) -> PyResult<String> {
    let text = match kind {
        "score_sheet" => BindingText::ScoreSheetShape { given },
        "criteria_table" => BindingText::CriteriaTableShape { given },
        "ranking" => BindingText::RankingShape { given },
        other => return Err(PyValueError::new_err(format!("no such table: {other}"))),
    };
    Ok(text.render(language(py, lang)?))
}

#[pyfunction]
#[pyo3(signature = (document, lang=None))]
fn schema(py: Python<'_>, document: Text<'_>, lang: Option<Text<'_>>) -> PyResult<String> {
    let lang = language(py, lang)?;
    let document = document.at("document", lang)?;
    par_core::schema::of(document).map_err(|refused| engine_error(py, &refused.into(), lang))
}
