//! Engine outputs as read-only Python objects. Every amount is `decimal.Decimal(text)` where
//! `text` is the engine's own decimal string (`"86.10"` stays at the methodology's scale).

use crate::files::FilePath;
use crate::input::decimal_type;
use crate::text::Text;
use crate::{engine_error, language, run};
use par_core::text::{BindingText, DocumentKind};
use par_core::{wire, Dec, Detail, InputValue, Lang, Problems, Source, SurveyInput, TreeEntry};
use pyo3::exceptions::{PyImportError, PyRuntimeError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList};
use pyo3::BoundObject;
use serde::Serialize;
use std::path::PathBuf;
use std::sync::Arc;

/// The wire name of an engine enum (`"self"`, `"half_up"`, `"float_converted"`).
pub(crate) fn wire_name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

fn dec(py: Python<'_>, d: &Dec) -> PyResult<Py<PyAny>> {
    Ok(decimal_type(py)?.call1((d.0.to_string(),))?.unbind())
}

fn opt_dec(py: Python<'_>, d: Option<&Dec>) -> PyResult<Option<Py<PyAny>>> {
    d.map(|d| dec(py, d)).transpose()
}

fn input(py: Python<'_>, v: &InputValue) -> PyResult<Py<PyAny>> {
    Ok(match v {
        InputValue::Text(t) => t.into_pyobject(py)?.into_any().unbind(),
        InputValue::Flag(b) => b.into_pyobject(py)?.to_owned().into_any().unbind(),
    })
}

fn source(s: Source) -> String {
    wire_name(&s)
}

fn problem(py: Python<'_>, e: par_core::ParError, lang: Lang) -> PyErr {
    engine_error(py, &Problems::from(e), lang)
}

/// A node of the criteria tree.
#[pyclass(frozen, get_all, module = "parindex", name = "TreeNode")]
pub struct TreeNode {
    code: String,
    name: String,
    /// The node's max points (`Decimal`).
    max: Py<PyAny>,
    depth: usize,
    parent: Option<String>,
    /// The assessment component of the node's leaves, when they share one.
    component: Option<String>,
    survey: bool,
    leaf: bool,
}

impl TreeNode {
    pub(crate) fn new(py: Python<'_>, t: &TreeEntry) -> PyResult<Self> {
        Ok(TreeNode {
            code: t.code.clone(),
            name: t.name.clone(),
            max: dec(py, &t.max)?,
            depth: t.depth,
            parent: t.parent.clone(),
            component: t.component.clone(),
            survey: t.survey,
            leaf: t.leaf,
        })
    }
}

#[pymethods]
impl TreeNode {
    fn __repr__(&self) -> String {
        format!("TreeNode(code={:?}, name={:?})", self.code, self.name)
    }
}

/// A warning about the input (per unit, or for the whole result set), its message in the language
/// the units were scored in.
#[pyclass(frozen, get_all, module = "parindex", name = "Warning")]
pub struct Warning {
    /// `missing_leaf`, `not_appraised`, `evidence_missing`, `survey_rescaled`,
    /// `adjustment_capped`, `total_clamped`, `components_unattributed`, `float_converted`,
    /// `encoding_guessed`, `summary_row_passed_over`, `signatures_passed_over`, `no_units`,
    /// `block_missing`, `sheet_chosen`, `rows_hidden`, `sheets_alike`, `own_total_differs`,
    /// `reasons_not_read`, `measured_as_fraction` or `measured_as_points`.
    code: String,
    message: String,
    node: Option<String>,
}

impl Warning {
    fn new(w: &par_core::Warning) -> Self {
        Warning {
            code: wire_name(&w.code),
            message: w.message.to_string(),
            node: w.node.as_ref().map(|n| n.to_string()),
        }
    }
}

#[pymethods]
impl Warning {
    fn __repr__(&self) -> String {
        format!("Warning({:?}: {:?})", self.code, self.message)
    }
}

/// Totals of one assessment component (appraisal, sipas, leaders, impact...).
#[pyclass(frozen, get_all, module = "parindex", name = "ComponentResult")]
pub struct ComponentResult {
    points: Py<PyAny>,
    points_exact: Py<PyAny>,
    max: Py<PyAny>,
    index: Option<Py<PyAny>>,
}

impl ComponentResult {
    fn new(py: Python<'_>, c: &par_core::ComponentResult) -> PyResult<Self> {
        Ok(ComponentResult {
            points: dec(py, &c.points)?,
            points_exact: dec(py, &c.points_exact)?,
            max: dec(py, &c.max)?,
            index: opt_dec(py, c.index.as_ref())?,
        })
    }
}

#[pymethods]
impl ComponentResult {
    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "ComponentResult(points={}, max={})",
            self.points.bind(py),
            self.max.bind(py)
        )
    }
}

/// One appraisal round as entered, with the points it was worth.
#[pyclass(frozen, get_all, module = "parindex", name = "AppraisalRecord")]
pub struct AppraisalRecord {
    round: u32,
    /// The appraised input as entered (`str` or `bool`).
    value: Py<PyAny>,
    /// The points the value was worth (always set in results).
    points: Option<Py<PyAny>>,
    reason: Option<String>,
    by: Option<String>,
}

#[pymethods]
impl AppraisalRecord {
    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "AppraisalRecord(round={}, points={})",
            self.round,
            self.points
                .as_ref()
                .map_or_else(|| "None".to_string(), |p| p.bind(py).to_string())
        )
    }
}

/// One scored node of one unit, with where its points came from.
#[pyclass(frozen, get_all, module = "parindex", name = "NodeResult")]
pub struct NodeResult {
    code: String,
    /// The node's name from the tree (`None` for adjustments).
    name: Option<String>,
    points: Py<PyAny>,
    points_exact: Py<PyAny>,
    max: Py<PyAny>,
    /// The exact max, when the printed `max` hides digits (0.125 printed as 0.13); else `None`.
    max_exact: Option<Py<PyAny>>,
    /// points / max × 100; `None` when the max is zero.
    index: Option<Py<PyAny>>,
    /// max − points (điểm bị trừ).
    lost: Py<PyAny>,
    /// `self`, `appraisal`, `value`, `survey`, `children`, `missing` or `not_surveyed`.
    source: String,
    /// The appraisal round that counts, when `source` is `appraisal`.
    round: Option<u32>,
    appraised: Option<bool>,
    /// The self-assessed input as entered (`str` or `bool`).
    self_score: Option<Py<PyAny>>,
    self_points: Option<Py<PyAny>>,
    appraisals: Vec<Py<AppraisalRecord>>,
    evidence: Vec<String>,
    explanation: Option<String>,
    /// `{"percent": Decimal}` or `{"points": Decimal}` for survey leaves.
    survey: Option<Py<PyAny>>,
    /// How the rule turned the input into points (`choice 'Ban hành kịp thời'`).
    rule: Option<String>,
    /// For adjustments: the points before the cap, when the cap changed them.
    uncapped: Option<Py<PyAny>>,
}

impl NodeResult {
    fn new(py: Python<'_>, n: par_core::NodeView<'_>) -> PyResult<Self> {
        let appraisals = n
            .appraisals()
            .map(|a| {
                Py::new(
                    py,
                    AppraisalRecord {
                        round: a.round,
                        value: input(py, &a.value)?,
                        points: opt_dec(py, a.points.as_ref())?,
                        reason: a.reason.clone(),
                        by: a.by.as_deref().map(str::to_string),
                    },
                )
            })
            .collect::<PyResult<_>>()?;
        let survey = n
            .survey()
            .map(|s| -> PyResult<Py<PyAny>> {
                let d = PyDict::new(py);
                match s {
                    SurveyInput::Percent(p) => d.set_item("percent", dec(py, &p)?)?,
                    SurveyInput::Points(p) => d.set_item("points", dec(py, &p)?)?,
                }
                Ok(d.into_any().unbind())
            })
            .transpose()?;
        Ok(NodeResult {
            code: n.code().to_string(),
            name: n.node().map(|t| t.name.clone()),
            points: dec(py, &n.points())?,
            points_exact: dec(py, &n.points_exact())?,
            max: dec(py, &n.max())?,
            max_exact: opt_dec(py, n.max_exact().as_ref())?,
            index: opt_dec(py, n.index().as_ref())?,
            lost: dec(py, &n.lost())?,
            source: source(n.source()),
            round: n.round(),
            appraised: n.appraised(),
            self_score: n.self_score().map(|s| input(py, s)).transpose()?,
            self_points: opt_dec(py, n.self_points().as_ref())?,
            appraisals,
            evidence: n.evidence().iter().map(|e| e.to_string()).collect(),
            explanation: n.explanation().map(str::to_string),
            survey,
            rule: n.rule().map(std::borrow::Cow::into_owned),
            uncapped: opt_dec(py, n.uncapped().as_ref())?,
        })
    }
}

#[pymethods]
impl NodeResult {
    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "NodeResult(code={:?}, points={}, max={}, source={:?})",
            self.code,
            self.points.bind(py),
            self.max.bind(py),
            self.source
        )
    }
}

/// A leaf that lost points (for "where did this unit lose points").
#[pyclass(frozen, get_all, module = "parindex", name = "LostPoints")]
pub struct LostPoints {
    code: String,
    name: String,
    points: Py<PyAny>,
    max: Py<PyAny>,
    lost: Py<PyAny>,
    source: String,
}

#[pymethods]
impl LostPoints {
    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "LostPoints(code={:?}, lost={}, name={:?})",
            self.code,
            self.lost.bind(py),
            self.name
        )
    }
}

/// Statistics of one block (count, mean, median, min, max, units per band).
#[pyclass(frozen, get_all, module = "parindex", name = "BlockStatistics")]
pub struct BlockStatistics {
    block: Option<String>,
    name: Option<String>,
    count: usize,
    mean: Py<PyAny>,
    median: Py<PyAny>,
    min: Py<PyAny>,
    max: Py<PyAny>,
    /// Units whose ranked index is strictly above the exact mean.
    above_mean: usize,
    /// Units per band label, from the highest band down.
    bands: Py<PyDict>,
    /// Units below every band.
    unbanded: usize,
}

#[pymethods]
impl BlockStatistics {
    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "BlockStatistics(block={}, count={}, mean={})",
            // As Python writes it: `'huyen'`, or `None` for the units of no block.
            self.block.as_deref().map_or("None".into(), |b| {
                pyo3::types::PyString::new(py, b)
                    .repr()
                    .map_or_else(|_| b.to_string(), |r| r.to_string())
            }),
            self.count,
            self.mean.bind(py)
        )
    }
}

/// Scoring results: every unit with its total, index, rank, band, components and nodes, and the
/// statistics of every block. Produced by `parindex.score`.
#[pyclass(frozen, module = "parindex", name = "Results")]
pub struct Results {
    inner: Arc<par_core::Results>,
}

impl Results {
    pub(crate) fn new(inner: par_core::Results) -> Self {
        Results {
            inner: Arc::new(inner),
        }
    }

    /// `par.results/1` JSON text read by the engine; its problems said in `lang`.
    fn read(py: Python<'_>, text: String, lang: Lang) -> PyResult<Self> {
        run(py, lang, move || par_core::Results::from_json(&text)).map(Results::new)
    }

    /// The criterion analysis, made without holding Python; its refusal (names past
    /// `analysis_text_bytes`) said in the default language.
    fn analysis(&self, py: Python<'_>) -> PyResult<par_core::analysis::Analysis> {
        let results = Arc::clone(&self.inner);
        let analyzed = move || Ok(par_core::analysis::analyze(&results)?);
        run(py, language(py, None)?, analyzed)
    }

    fn view(&self, index: usize) -> UnitResult {
        UnitResult {
            results: Arc::clone(&self.inner),
            index,
        }
    }

    fn find(&self, py: Python<'_>, unit: &str, lang: Lang) -> PyResult<usize> {
        let r = &self.inner;
        r.unit(unit)
            .map(|found| {
                r.units
                    .iter()
                    .position(|u| std::ptr::eq(u, found))
                    .unwrap_or_default()
            })
            .map_err(|e| problem(py, e, lang))
    }
}

/// Columns for `to_pandas`, filled row by row.
struct Columns<'py> {
    py: Python<'py>,
    names: Vec<&'static str>,
    values: Vec<Vec<Py<PyAny>>>,
}

impl<'py> Columns<'py> {
    fn new(py: Python<'py>, names: &[&'static str]) -> Self {
        Columns {
            py,
            names: names.to_vec(),
            values: names.iter().map(|_| Vec::new()).collect(),
        }
    }
    fn row(&mut self, cells: Vec<Py<PyAny>>) {
        for (column, cell) in self.values.iter_mut().zip(cells) {
            column.push(cell);
        }
    }
    fn into_dict(self) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(self.py);
        for (name, column) in self.names.into_iter().zip(self.values) {
            d.set_item(name, PyList::new(self.py, column)?)?;
        }
        Ok(d)
    }
}

/// The Python objects of a table's cells, the values it repeats each made once and shared: a
/// criterion's code and name on every unit's row, a unit's name on each of its nodes, a figure
/// such as 1.00. A national run's node table has 1.4 million rows, and making a `Decimal` costs
/// a call of Python's constructor. Strings, `Decimal`s and floats are immutable: sharing one is
/// as making it again, in less time and memory.
struct Shared<'a, 'py> {
    py: Python<'py>,
    /// Whether figures are floats (`decimals="float"`): Python's `float(Decimal)` of each,
    /// correctly rounded.
    floats: bool,
    texts: std::collections::HashMap<&'a str, Py<PyAny>>,
    /// By the decimal's 16 bytes (mantissa and scale): `1.0` and `1.00` are two Decimals.
    decimals: std::collections::HashMap<[u8; 16], Py<PyAny>>,
    sources: Vec<(Source, Py<PyAny>)>,
}

impl<'a, 'py> Shared<'a, 'py> {
    /// The cells of a table whose figures are floats or Decimals, as `decimals` asks
    /// (`"decimal"` or `"float"`).
    fn new(py: Python<'py>, decimals: &str) -> PyResult<Self> {
        let floats = match decimals {
            "decimal" => false,
            "float" => true,
            other => return Err(refused_in_env(py, "decimals", other, &["decimal", "float"])),
        };
        Ok(Shared {
            py,
            floats,
            texts: Default::default(),
            decimals: Default::default(),
            sources: Vec::new(),
        })
    }

    /// A node's source of points by its name in the results (`appraisal`).
    fn source(&mut self, of: Source) -> PyResult<Py<PyAny>> {
        if let Some((_, made)) = self.sources.iter().find(|(s, _)| *s == of) {
            return Ok(made.clone_ref(self.py));
        }
        let made = obj(self.py, source(of))?;
        self.sources.push((of, made.clone_ref(self.py)));
        Ok(made)
    }

    fn text(&mut self, text: &'a str) -> PyResult<Py<PyAny>> {
        if let Some(made) = self.texts.get(text) {
            return Ok(made.clone_ref(self.py));
        }
        let made = obj(self.py, text)?;
        self.texts.insert(text, made.clone_ref(self.py));
        Ok(made)
    }

    fn optional_text(&mut self, text: Option<&'a str>) -> PyResult<Py<PyAny>> {
        match text {
            Some(text) => self.text(text),
            None => Ok(self.py.None()),
        }
    }

    fn decimal(&mut self, d: &Dec) -> PyResult<Py<PyAny>> {
        let key = d.0.serialize();
        if let Some(made) = self.decimals.get(&key) {
            return Ok(made.clone_ref(self.py));
        }
        let made = match self.floats {
            true => dec(self.py, d)?.call_method0(self.py, "__float__")?,
            false => dec(self.py, d)?,
        };
        self.decimals.insert(key, made.clone_ref(self.py));
        Ok(made)
    }

    fn optional_decimal(&mut self, d: Option<&Dec>) -> PyResult<Py<PyAny>> {
        match d {
            Some(d) => self.decimal(d),
            None => Ok(self.py.None()),
        }
    }
}

fn obj<'py, T: IntoPyObject<'py>>(py: Python<'py>, v: T) -> PyResult<Py<PyAny>> {
    v.into_pyobject(py)
        .map(|b| b.into_any().unbind())
        .map_err(Into::into)
}

fn field_move<'py>(
    py: Python<'py>,
    f: &par_core::compare::FieldMove,
    names: &mut FieldNames,
) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("code", &f.code)?;
    d.set_item("name", names.of(py, &f.name)?)?;
    d.set_item("previous_index", dec(py, &f.previous_index)?)?;
    d.set_item("current_index", dec(py, &f.current_index)?)?;
    d.set_item("change", dec(py, &f.change)?)?;
    Ok(d)
}

/// The Python text of each field's name in a comparison, made once: the name is shared by every
/// unit's move on the field (known by its address, not hashed: it may be 16 KB), and a Python
/// string made for each move took 16 KB a unit.
#[derive(Default)]
struct FieldNames(std::collections::HashMap<usize, Py<PyAny>>);

impl FieldNames {
    fn of(&mut self, py: Python<'_>, name: &std::sync::Arc<str>) -> PyResult<Py<PyAny>> {
        let at = std::sync::Arc::as_ptr(name).cast::<u8>() as usize;
        if let Some(made) = self.0.get(&at) {
            return Ok(made.clone_ref(py));
        }
        let made = obj(py, &**name)?;
        self.0.insert(at, made.clone_ref(py));
        Ok(made)
    }
}

/// Whether `to_pandas(decimals=…)` asks for floats.
/// [`not_an_option`] for an argument of a method that takes no language (`to_pandas`'s):
/// in `PAR_LANG`'s.
fn refused_in_env(py: Python<'_>, argument: &str, given: &str, known: &[&str]) -> PyErr {
    match language(py, None) {
        Ok(lang) => not_an_option(py, lang, argument, given, known),
        Err(refused) => refused,
    }
}

/// The text of an argument of a method that takes no language (`to_pandas`'s), one holding half
/// a character refused naming it (`at`) in `PAR_LANG`'s language.
fn in_env<'a>(py: Python<'_>, text: Text<'a>, at: &str) -> PyResult<&'a str> {
    text.at_said_in(at, || language(py, None))
}

/// An `UnknownOptionError` (a `ValueError` too) for an argument given a value not among its
/// choices, in the words of the catalogue, in `lang`: the call's, else the one `PAR_LANG` names.
fn not_an_option(py: Python<'_>, lang: Lang, argument: &str, given: &str, known: &[&str]) -> PyErr {
    let message = par_core::text::ReadingMsg::ArgumentNotAnOption {
        argument: argument.to_string(),
        given: given.to_string(),
        known: known.iter().map(|k| k.to_string()).collect(),
    };
    let refused = par_core::ParError::new(par_core::ErrorCode::UnknownOption, message);
    problem(py, refused.field(argument).value(given), lang)
}

/// The columns as a pandas DataFrame, the Decimals as floats when asked.
fn data_frame<'py>(py: Python<'py>, columns: Columns<'py>) -> PyResult<Bound<'py, PyAny>> {
    // Said in `PAR_LANG`'s language, else Vietnamese: `to_pandas` takes none.
    let pandas = py.import("pandas").map_err(|e| {
        let missing = BindingText::PandasMissing {
            detail: e.to_string(),
        };
        // An ImportError whatever `PAR_LANG` holds: code catching it offers another way.
        PyImportError::new_err(missing.render(language(py, None).unwrap_or(Lang::Vi)))
    })?;
    pandas.call_method1("DataFrame", (columns.into_dict()?,))
}

/// Text written to `path` when given, else returned.
fn written(path: Option<PathBuf>, text: String, lang: Lang) -> PyResult<Option<String>> {
    match path {
        Some(path) => {
            crate::files::write(&path, text.as_bytes(), lang)?;
            Ok(None)
        }
        None => Ok(Some(text)),
    }
}

/// The moves of `results` against the `previous` ranking of a report or chart, when one is
/// given: `Results`, or a path to saved results (`.json`) or to a published ranking's table (a
/// workbook's every sheet holding a ranking, or its `sheet`).
fn comparison_with(
    py: Python<'_>,
    (previous, sheet): (Option<&Bound<'_, PyAny>>, Option<&Bound<'_, PyAny>>),
    results: &par_core::Results,
    lang: Lang,
) -> PyResult<Option<par_core::compare::Comparison>> {
    let Some(previous) = previous else {
        return Ok(None);
    };
    let before = match previous.cast::<Results>() {
        Ok(earlier) => par_core::compare::Ranking::of(&earlier.get().inner),
        Err(_) => {
            let path = previous.extract::<FilePath>()?.named(lang)?;
            let json = path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("json"));
            let text = match json {
                true => crate::files::read_json(py, &path, DocumentKind::Results, lang)?,
                false => {
                    let sheet = crate::files::sheet_named(sheet, &|| Ok(lang))?;
                    crate::files::read_ranking_as_csv(py, &path, sheet.as_deref(), lang)?
                }
            };
            run(py, lang, move || wire::ranking(&text))?
        }
    };
    let now = par_core::compare::Ranking::of(results);
    Ok(Some(par_core::compare::compare_rankings(&before, &now)))
}

/// A what-if question from Python's arguments; a value or target that cannot be read is a
/// `ParError` (a float, a `TypeError`).
fn question(
    py: Python<'_>,
    unit: Text<'_>,
    set: Option<Bound<'_, PyDict>>,
    target: Option<Text<'_>>,
    lang: Lang,
) -> PyResult<par_core::whatif::Question> {
    let unit = unit.at("unit", lang)?.to_string();
    let target = target.map(|t| t.at("target", lang)).transpose()?;
    let mut assumed = indexmap::IndexMap::new();
    let mut problems = Vec::new();
    for (code, value) in set.iter().flat_map(|d| d.iter()) {
        let code = code.extract::<Text<'_>>()?.at("set", lang)?.to_string();
        let at = || format!("set[{code:?}]");
        match crate::input::typed_text(&value, &at, lang)? {
            Ok(text) => {
                assumed.insert(code, text);
            }
            Err(e) => problems.push(e.field(format!("set.{code}")).node(&code)),
        }
    }
    let target = match target.map(|t| (t, par_core::whatif::Target::parse(t))) {
        None => None,
        Some((_, Some(t))) => Some(t),
        Some((text, None)) => {
            problems.push(par_core::whatif::unreadable_target(text));
            None
        }
    };
    if !problems.is_empty() {
        return Err(engine_error(py, &Problems::from(problems), lang));
    }
    Ok(par_core::whatif::Question {
        unit,
        set: assumed,
        target,
    })
}

/// An engine document (a what-if answer, a scored form) as Python values, its amounts as
/// Decimals.
pub(crate) fn python_json(py: Python<'_>, text: &str) -> PyResult<Py<PyAny>> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
    python_value(py, &value, None)
}

/// JSON as Python values, the decimal amounts (the fields named below) as Decimals.
fn python_value(py: Python<'_>, v: &serde_json::Value, key: Option<&str>) -> PyResult<Py<PyAny>> {
    use serde_json::Value;
    const AMOUNTS: [&str; 15] = [
        "points",
        "points_exact",
        "index",
        "index_exact",
        "points_before",
        "max",
        "max_exact",
        "min",
        "lost",
        "gain",
        "uncapped",
        "self_points",
        "target",
        "yes",
        "no",
    ];
    Ok(match v {
        Value::Null => py.None(),
        Value::Bool(b) => obj(py, *b)?,
        Value::Number(n) => obj(py, n.as_u64())?,
        Value::String(s) if key.is_some_and(|k| AMOUNTS.contains(&k)) => {
            decimal_type(py)?.call1((s,))?.unbind()
        }
        Value::String(s) => obj(py, s)?,
        Value::Array(items) => {
            let items: PyResult<Vec<_>> = items.iter().map(|i| python_value(py, i, None)).collect();
            PyList::new(py, items?)?.into_any().unbind()
        }
        Value::Object(fields) => {
            let d = PyDict::new(py);
            for (k, value) in fields {
                d.set_item(k, python_value(py, value, Some(k))?)?;
            }
            d.into_any().unbind()
        }
    })
}

/// A chart as SVG text, which Jupyter displays.
#[pyclass(frozen, get_all, module = "parindex", name = "Chart")]
pub struct Chart {
    kind: String,
    svg: String,
}

#[pymethods]
impl Chart {
    /// Writes the SVG file. `PAR_LANG` says only in what language a failure is told: an unknown
    /// one does not stop the file being written.
    fn save(&self, py: Python<'_>, path: FilePath) -> PyResult<()> {
        let lang = language(py, None).unwrap_or_default();
        let path = path.named(lang)?;
        crate::files::write(&path, self.svg.as_bytes(), lang)
    }

    fn _repr_svg_(&self) -> &str {
        &self.svg
    }

    fn __str__(&self) -> &str {
        &self.svg
    }

    fn __repr__(&self) -> String {
        format!("<Chart {} ({} bytes of SVG)>", self.kind, self.svg.len())
    }
}

#[pymethods]
impl Results {
    /// Reads `par.results/1` JSON text (e.g. a previous year's saved results). The warnings and
    /// rule notes keep the language they were scored in; `lang` is that of a `ParError`.
    #[staticmethod]
    #[pyo3(signature = (text, *, lang = None))]
    fn from_json(py: Python<'_>, text: Text<'_>, lang: Option<Text<'_>>) -> PyResult<Self> {
        let lang = language(py, lang)?;
        Self::read(py, text.whole(lang)?.to_string(), lang)
    }

    /// Reads a `par.results/1` JSON file: a piece at a time, without holding its text (a
    /// national run's document is larger than the JSON text read at once), else whole, which
    /// says what is wrong with it.
    #[staticmethod]
    #[pyo3(signature = (path, *, lang = None))]
    fn from_file(py: Python<'_>, path: FilePath, lang: Option<Text<'_>>) -> PyResult<Self> {
        let lang = language(py, lang)?;
        let path = path.named(lang)?;
        match crate::files::results_in_pieces(py, &path, Detail::Full, lang)? {
            Some(results) => Ok(Results::new(results)),
            None => {
                let text = crate::files::read_json(py, &path, DocumentKind::Results, lang)?;
                Self::read(py, text, lang)
            }
        }
    }

    /// The results as `par.results/1` JSON text, byte-identical to every other binding's.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// Pickled and copied as its compact JSON, read back by `_from_pickle`: `multiprocessing`,
    /// `joblib` and a notebook's cache hand results from one process to another so.
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyBytes>,))> {
        let mut json = Vec::new();
        (slf.get().inner.write_compact_json(&mut json))
            .map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
        let read_back = slf.get_type().getattr("_from_pickle")?;
        Ok((read_back, (PyBytes::new(slf.py(), &json),)))
    }

    /// Results pickled by `__reduce__`, read a megabyte at a time as `from_file` reads a file:
    /// a national run's results are larger than a JSON text `from_json` reads whole.
    #[staticmethod]
    fn _from_pickle(py: Python<'_>, json: &[u8]) -> PyResult<Self> {
        let mut feed = par_core::ResultsFeed::new(Detail::Full);
        let fed = json.chunks(1 << 20).all(|piece| feed.push(piece));
        if let Some(results) = fed.then(|| feed.finish()).flatten() {
            return Ok(Results::new(results));
        }
        let text = String::from_utf8_lossy(json).into_owned();
        Self::read(py, text, language(py, None).unwrap_or(Lang::Vi))
    }

    /// The criterion analysis as `par.analysis/1` JSON text, byte-identical to every other
    /// binding's.
    fn criteria_json(&self, py: Python<'_>) -> PyResult<String> {
        Ok(self.analysis(py)?.to_json())
    }

    /// The criterion analysis, one dict per block and node in tree order: `block`, `code`,
    /// `name`, `depth`, `leaf`, `max`, `mean`, `median`, `lowest`, `highest`, `mean_index`
    /// (Decimals), `at_full`, `at_zero`, `lost`, `lost_mean`, `best` and `worst` (unit names), and
    /// `losing_rank` (1 for the leaf of its block that lost most points; None without a loss).
    /// `pandas.DataFrame(results.criteria())` makes the table.
    fn criteria<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        let analysis = self.analysis(py)?;
        let mut rows = Vec::new();
        for block in &analysis.blocks {
            for c in &block.criteria {
                let row = PyDict::new(py);
                row.set_item("block", &block.block)?;
                row.set_item("code", &c.code)?;
                row.set_item("name", &*c.name)?;
                row.set_item("depth", c.depth)?;
                row.set_item("leaf", c.leaf)?;
                for (key, value) in [
                    ("max", &c.max),
                    ("mean", &c.mean),
                    ("median", &c.median),
                    ("lowest", &c.lowest),
                    ("highest", &c.highest),
                    ("lost", &c.lost),
                    ("lost_mean", &c.lost_mean),
                ] {
                    row.set_item(key, dec(py, value)?)?;
                }
                row.set_item("mean_index", opt_dec(py, c.mean_index.as_ref())?)?;
                row.set_item("at_full", c.at_full)?;
                row.set_item("at_zero", c.at_zero)?;
                row.set_item("best", str_list(&c.best))?;
                row.set_item("worst", str_list(&c.worst))?;
                let rank = block.losing_most.iter().position(|code| *code == c.code);
                row.set_item("losing_rank", rank.map(|r| r + 1))?;
                rows.push(row);
            }
        }
        Ok(rows)
    }

    /// The Excel report as xlsx bytes (see `to_excel`), e.g. for a web download.
    #[pyo3(signature = (*, methodology = None, previous = None, sheet = None, lang = None))]
    fn to_xlsx<'py>(
        &self,
        py: Python<'py>,
        methodology: Option<&crate::methodology::Methodology>,
        previous: Option<Bound<'py, PyAny>>,
        sheet: Option<Bound<'py, PyAny>>,
        lang: Option<Text<'_>>,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let lang = language(py, lang)?;
        let previous = (previous.as_ref(), sheet.as_ref());
        let comparison = comparison_with(py, previous, &self.inner, lang)?;
        let m = methodology.map(|m| Arc::clone(&m.inner));
        let results = Arc::clone(&self.inner);
        let bytes = run(py, lang, move || {
            let report = par_report::Report {
                results: &results,
                methodology: m.as_deref(),
                comparison: comparison.as_ref(),
                lang,
            };
            Ok(par_report::workbook(&report)?)
        })?;
        Ok(PyBytes::new(py, &bytes))
    }

    /// Writes the Excel report a Department of Home Affairs sends its leadership: a ranking sheet
    /// per block (rank, unit, points, index, band, components, fields), every unit's points on
    /// every criterion, the criterion analysis, the points lost, and — given the `previous`
    /// ranking (`Results`, a saved results JSON file or a published ranking's table file, a
    /// workbook read on every sheet holding a ranking, or on `sheet`: a name, or a number from
    /// 1) — the changes. Amounts are numeric cells with the methodology's decimals;
    /// `methodology` names its decision in the title rows; `lang` is the language of the
    /// headings. The same results give the same bytes as `par report` and the JavaScript
    /// `toXlsx`.
    #[pyo3(signature = (path, *, methodology = None, previous = None, sheet = None, lang = None))]
    fn to_excel(
        &self,
        py: Python<'_>,
        path: FilePath,
        methodology: Option<&crate::methodology::Methodology>,
        previous: Option<Bound<'_, PyAny>>,
        sheet: Option<Bound<'_, PyAny>>,
        lang: Option<Text<'_>>,
    ) -> PyResult<()> {
        let bytes = self.to_xlsx(py, methodology, previous, sheet, lang)?;
        let lang = language(py, lang)?;
        crate::files::write(&path.named(lang)?, bytes.as_bytes(), lang)
    }

    /// A chart of the results as SVG: `"ranking"` (each block's ranking coloured by band, with
    /// its mean), `"components"` (points stacked by component), `"heatmap"` (each unit's index on
    /// each field) or `"changes"` (against `previous`: `Results`, a saved results file or a
    /// published ranking's table, a workbook's `sheet` as `to_excel` reads it). Shows itself in
    /// Jupyter; `.save(path)` writes it, `.svg` is its text. Labels in `lang`; the same SVG as
    /// `par chart` and the JavaScript `chart`.
    #[pyo3(signature = (kind, *, previous = None, sheet = None, lang = None))]
    fn chart(
        &self,
        py: Python<'_>,
        kind: Text<'_>,
        previous: Option<Bound<'_, PyAny>>,
        sheet: Option<Bound<'_, PyAny>>,
        lang: Option<Text<'_>>,
    ) -> PyResult<Chart> {
        let lang = language(py, lang)?;
        let kind = kind.at("kind", lang)?;
        let Some(kind) = par_report::ChartKind::parse(kind) else {
            let kinds: Vec<&str> = par_report::ChartKind::ALL
                .iter()
                .map(|k| k.name())
                .collect();
            return Err(not_an_option(py, lang, "kind", kind, &kinds));
        };
        let comparison =
            comparison_with(py, (previous.as_ref(), sheet.as_ref()), &self.inner, lang)?;
        let results = Arc::clone(&self.inner);
        let svg = run(py, lang, move || {
            Ok(par_report::chart(
                kind,
                &results,
                comparison.as_ref(),
                lang,
            )?)
        })?;
        Ok(Chart {
            kind: kind.name().to_string(),
            svg,
        })
    }

    /// What if `unit` had other entries, against the other units' results as they stand:
    /// `par.what-if/1` JSON text, byte-identical to every other binding's (see `what_if`).
    #[pyo3(signature = (methodology, unit, set = None, *, target = None, lang = None))]
    fn what_if_json(
        &self,
        py: Python<'_>,
        methodology: &crate::methodology::Methodology,
        unit: Text<'_>,
        set: Option<Bound<'_, PyDict>>,
        target: Option<Text<'_>>,
        lang: Option<Text<'_>>,
    ) -> PyResult<String> {
        let lang = language(py, lang)?;
        let question = question(py, unit, set, target, lang)?;
        let m = Arc::clone(&methodology.inner);
        let results = self.inner.clone();
        run(py, lang, move || {
            par_core::whatif::what_if(&m, &results, &question, lang).map(|w| w.to_json())
        })
    }

    /// What if `unit` had other entries: `set` maps criterion codes to the values assumed (as
    /// they are entered: points, an option's label, yes/no, a measure; each taken as a new
    /// appraisal round), `target` asks for the way up (`"band"`: the next band, `"band=Tốt"`,
    /// `"rank=3"`). The unit is re-scored against the others' results as they stand. Gives a
    /// dict: `changes`, `before` and `after` (points, index, rank, band), `moved` (the units whose
    /// rank changes), `way_up` (the fewest criteria whose full points reach the target, the most
    /// lost first, with `reached` and the standing `after`) and `warnings`; amounts are Decimals.
    #[pyo3(signature = (methodology, unit, set = None, *, target = None, lang = None))]
    fn what_if<'py>(
        &self,
        py: Python<'py>,
        methodology: &crate::methodology::Methodology,
        unit: Text<'_>,
        set: Option<Bound<'py, PyDict>>,
        target: Option<Text<'_>>,
        lang: Option<Text<'_>>,
    ) -> PyResult<Py<PyAny>> {
        let text = self.what_if_json(py, methodology, unit, set, target, lang)?;
        python_json(py, &text)
    }

    /// The methodology's id.
    #[getter]
    fn methodology_id(&self) -> &str {
        &self.inner.methodology.id
    }

    /// Every unit, by block, then rank, then name.
    #[getter]
    fn units(&self) -> Vec<UnitResult> {
        (0..self.inner.units.len()).map(|i| self.view(i)).collect()
    }

    fn __len__(&self) -> usize {
        self.inner.units.len()
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(PyList::new(py, self.units())?
            .into_any()
            .try_iter()?
            .into_any())
    }

    /// One unit's results (raises `UnknownUnitError`, in the language of `PAR_LANG`, else
    /// Vietnamese: `explain(unit, lang=...)` chooses another).
    fn __getitem__(&self, py: Python<'_>, unit: Text<'_>) -> PyResult<UnitResult> {
        self.explain(py, unit, None)
    }

    /// Whether a unit of that name was scored (`"Sở Y tế" in results`), named as `results[unit]`
    /// names it: a name typed another way (in NFD, its spaces typed twice) is found too.
    /// A `UnitResult` is in the results it came from (`for u in results` gives them); anything
    /// else but a text is no unit's name (as `5 in {}` is `False`).
    fn __contains__(&self, unit: &Bound<'_, PyAny>) -> bool {
        if let Ok(result) = unit.cast::<UnitResult>() {
            return Arc::ptr_eq(&result.get().results, &self.inner);
        }
        (unit.extract::<String>()).is_ok_and(|name| self.inner.unit(&name).is_ok())
    }

    /// Warnings about the input as a whole (e.g. `float_converted`).
    #[getter]
    fn warnings(&self) -> Vec<Warning> {
        self.inner.warnings.iter().map(Warning::new).collect()
    }

    /// The criteria tree the results were scored on, in pre-order.
    #[getter]
    fn tree(&self, py: Python<'_>) -> PyResult<Vec<TreeNode>> {
        self.inner
            .tree
            .iter()
            .map(|t| TreeNode::new(py, t))
            .collect()
    }

    /// One unit's results with every node's provenance: self-score, appraisal rounds, evidence,
    /// survey, the rule applied. Raises `UnknownUnitError` for a name not in the results.
    #[pyo3(signature = (unit, *, lang = None))]
    fn explain(
        &self,
        py: Python<'_>,
        unit: Text<'_>,
        lang: Option<Text<'_>>,
    ) -> PyResult<UnitResult> {
        let lang = language(py, lang)?;
        let unit = unit.at("unit", lang)?;
        Ok(self.view(self.find(py, unit, lang)?))
    }

    /// The unit's leaves that lost points, the most first (ties in tree order).
    #[pyo3(signature = (unit, *, lang = None))]
    fn lost_points(
        &self,
        py: Python<'_>,
        unit: Text<'_>,
        lang: Option<Text<'_>>,
    ) -> PyResult<Vec<LostPoints>> {
        let lang = language(py, lang)?;
        let inner = Arc::clone(&self.inner);
        let name = unit.at("unit", lang)?.to_string();
        let lost = run(py, lang, move || {
            inner.lost_points(&name).map_err(Problems::from)
        })?;
        lost.iter()
            .map(|l| {
                Ok(LostPoints {
                    code: l.code.clone(),
                    name: l.name.clone(),
                    points: dec(py, &l.points)?,
                    max: dec(py, &l.max)?,
                    lost: dec(py, &l.lost)?,
                    source: source(l.source),
                })
            })
            .collect()
    }

    /// The ranking: one dict per unit (`rank`, `unit`, `block`, `band`, `points`, `max`,
    /// `index`), by block, then rank, then name.
    fn rank_table<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        self.inner
            .units
            .iter()
            .map(|u| {
                let d = PyDict::new(py);
                d.set_item("rank", u.rank)?;
                d.set_item("unit", &u.unit)?;
                d.set_item("block", &u.block)?;
                d.set_item("band", &u.band)?;
                d.set_item("points", dec(py, &u.points)?)?;
                d.set_item("max", dec(py, &u.max)?)?;
                d.set_item("index", dec(py, &u.index)?)?;
                Ok(d)
            })
            .collect()
    }

    /// Statistics per block: count, mean, median, min, max, units above the mean, per band.
    fn statistics(&self, py: Python<'_>) -> PyResult<Vec<BlockStatistics>> {
        self.inner
            .blocks
            .iter()
            .map(|b| {
                let bands = PyDict::new(py);
                for (label, count) in &b.bands {
                    bands.set_item(label, count)?;
                }
                Ok(BlockStatistics {
                    block: b.block.clone(),
                    name: b.name.clone(),
                    count: b.count,
                    mean: dec(py, &b.mean)?,
                    median: dec(py, &b.median)?,
                    min: dec(py, &b.min)?,
                    max: dec(py, &b.max)?,
                    above_mean: b.above_mean,
                    bands: bands.unbind(),
                    unbanded: b.unbanded,
                })
            })
            .collect()
    }

    /// A pandas DataFrame of the results, one row per unit (`level="unit"`), per unit and node
    /// (`"node"`) or per unit and component (`"component"`). Amounts are `Decimal` (object
    /// columns), exact; `decimals="float"` gives float columns instead, for plotting (matplotlib
    /// and pandas' `.plot()` do not take Decimals), never for arithmetic that is published. Needs
    /// pandas (`pip install pandas`).
    #[pyo3(signature = (level = Text::from("unit"), *, decimals = Text::from("decimal")))]
    fn to_pandas<'py>(
        &self,
        py: Python<'py>,
        level: Text<'_>,
        decimals: Text<'_>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (level, decimals) = (
            in_env(py, level, "level")?,
            in_env(py, decimals, "decimals")?,
        );
        let shared = Shared::new(py, decimals)?;
        let columns = match level {
            "unit" => self.unit_columns(shared)?,
            "node" => self.node_columns(shared)?,
            "component" => self.component_columns(shared)?,
            other => {
                return Err(refused_in_env(
                    py,
                    "level",
                    other,
                    &["unit", "node", "component"],
                ))
            }
        };
        data_frame(py, columns)
    }

    /// The ranking (`table="ranking"`: block, rank, unit, points, index, band, components,
    /// fields) or the criterion analysis (`"criteria"`) as CSV that Excel opens by double-click:
    /// headings with criterion names in `lang`; in Vietnamese `;`-separated with decimal commas,
    /// as a Vietnamese computer's Excel reads it; a byte-order mark for the accents. Written to
    /// `path` when given, else returned as text. The same text as `par score -f excel-csv`.
    #[pyo3(signature = (path = None, *, table = Text::from("ranking"), lang = None))]
    fn to_excel_csv(
        &self,
        py: Python<'_>,
        path: Option<FilePath>,
        table: Text<'_>,
        lang: Option<Text<'_>>,
    ) -> PyResult<Option<String>> {
        let lang = language(py, lang)?;
        let table = table.at("table", lang)?;
        let text = match table {
            "ranking" => par_report::ranking_csv(&self.inner, lang),
            "criteria" => par_report::analysis_csv(&self.inner, lang)
                .map_err(|refused| engine_error(py, &refused.into(), lang))?,
            other => {
                let tables = ["ranking", "criteria"];
                return Err(not_an_option(py, lang, "table", other, &tables));
            }
        };
        written(path.map(|p| p.named(lang)).transpose()?, text, lang)
    }

    fn __repr__(&self) -> String {
        format!(
            "Results(methodology={:?}, units={})",
            self.inner.methodology.id,
            self.inner.units.len()
        )
    }
}

impl Results {
    fn unit_columns<'a, 'py>(&'a self, mut shared: Shared<'a, 'py>) -> PyResult<Columns<'py>> {
        let py = shared.py;
        let mut c = Columns::new(
            py,
            &[
                "unit",
                "block",
                "rank",
                "band",
                "points",
                "points_exact",
                "max",
                "index",
                "index_exact",
                "survey_rescaled",
            ],
        );
        for u in &self.inner.units {
            c.row(vec![
                obj(py, &u.unit)?,
                shared.optional_text(u.block.as_deref())?,
                obj(py, u.rank)?,
                shared.optional_text(u.band.as_deref())?,
                shared.decimal(&u.points)?,
                shared.decimal(&u.points_exact)?,
                shared.decimal(&u.max)?,
                shared.decimal(&u.index)?,
                shared.decimal(&u.index_exact)?,
                obj(py, u.survey_rescaled)?,
            ]);
        }
        Ok(c)
    }

    fn node_columns<'a, 'py>(&'a self, mut shared: Shared<'a, 'py>) -> PyResult<Columns<'py>> {
        let py = shared.py;
        let mut c = Columns::new(
            py,
            &[
                "unit",
                "block",
                "code",
                "name",
                "depth",
                "leaf",
                "component",
                "source",
                "points",
                "points_exact",
                "max",
                "index",
                "lost",
                "self_score",
                "self_points",
                "round",
                "appraised",
            ],
        );
        for u in &self.inner.units {
            for n in u.nodes.iter() {
                let Some(t) = n.node() else {
                    continue;
                };
                c.row(vec![
                    shared.text(&u.unit)?,
                    shared.optional_text(u.block.as_deref())?,
                    shared.text(&t.code)?,
                    shared.text(&t.name)?,
                    obj(py, t.depth)?,
                    obj(py, t.leaf)?,
                    shared.optional_text(t.component.as_deref())?,
                    shared.source(n.source())?,
                    shared.decimal(&n.points())?,
                    shared.decimal(&n.points_exact())?,
                    shared.decimal(&n.max())?,
                    shared.optional_decimal(n.index().as_ref())?,
                    shared.decimal(&n.lost())?,
                    obj(py, n.self_score().map(|s| input(py, s)).transpose()?)?,
                    shared.optional_decimal(n.self_points().as_ref())?,
                    obj(py, n.round())?,
                    obj(py, n.appraised())?,
                ]);
            }
        }
        Ok(c)
    }

    fn component_columns<'a, 'py>(&'a self, mut shared: Shared<'a, 'py>) -> PyResult<Columns<'py>> {
        let py = shared.py;
        let mut c = Columns::new(
            py,
            &[
                "unit",
                "block",
                "component",
                "points",
                "points_exact",
                "max",
                "index",
            ],
        );
        for u in &self.inner.units {
            for (name, r) in &u.components {
                c.row(vec![
                    shared.text(&u.unit)?,
                    shared.optional_text(u.block.as_deref())?,
                    shared.text(name)?,
                    shared.decimal(&r.points)?,
                    shared.decimal(&r.points_exact)?,
                    shared.decimal(&r.max)?,
                    shared.optional_decimal(r.index.as_ref())?,
                ]);
            }
        }
        Ok(c)
    }
}

/// One unit's results. Obtained from `Results.units`, `Results.explain(unit)` or `results[unit]`.
#[pyclass(frozen, module = "parindex", name = "UnitResult")]
pub struct UnitResult {
    results: Arc<par_core::Results>,
    index: usize,
}

impl UnitResult {
    fn get(&self) -> &par_core::UnitResult {
        &self.results.units[self.index]
    }
}

#[pymethods]
impl UnitResult {
    #[getter]
    fn unit(&self) -> &str {
        &self.get().unit
    }
    #[getter]
    fn block(&self) -> Option<&str> {
        self.get().block.as_deref()
    }
    /// Total points, rounded once at the methodology's scale.
    #[getter]
    fn points(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        dec(py, &self.get().points)
    }
    #[getter]
    fn points_exact(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        dec(py, &self.get().points_exact)
    }
    #[getter]
    fn max(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        dec(py, &self.get().max)
    }
    /// points / max × 100, rounded once.
    #[getter]
    fn index(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        dec(py, &self.get().index)
    }
    #[getter]
    fn index_exact(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        dec(py, &self.get().index_exact)
    }
    /// 1 = best, within the unit's block.
    #[getter]
    fn rank(&self) -> u32 {
        self.get().rank
    }
    #[getter]
    fn band(&self) -> Option<&str> {
        self.get().band.as_deref()
    }
    /// The unit had no survey input and the index was rescaled from non-survey points.
    #[getter]
    fn survey_rescaled(&self) -> bool {
        self.get().survey_rescaled
    }
    /// Totals per assessment component, by tag.
    #[getter]
    fn components<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (tag, c) in &self.get().components {
            d.set_item(tag, ComponentResult::new(py, c)?)?;
        }
        Ok(d)
    }
    /// Every scored node, by code, in tree order.
    #[getter]
    fn nodes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for n in self.get().nodes.iter() {
            d.set_item(n.code(), NodeResult::new(py, n)?)?;
        }
        Ok(d)
    }
    /// Bonus and penalty contents, by code.
    #[getter]
    fn adjustments<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for n in self.get().nodes.adjustments() {
            d.set_item(n.code(), NodeResult::new(py, n)?)?;
        }
        Ok(d)
    }
    #[getter]
    fn warnings(&self) -> Vec<Warning> {
        self.get().warnings.iter().map(Warning::new).collect()
    }
    fn __repr__(&self) -> String {
        let u = self.get();
        format!(
            "UnitResult(unit={:?}, rank={}, index={}, points={})",
            u.unit, u.rank, u.index.0, u.points.0
        )
    }
}

/// One unit's move between two result sets.
#[pyclass(frozen, get_all, module = "parindex", name = "Move")]
pub struct Move {
    unit: String,
    block: Option<String>,
    /// The block's name, where the current results name it apart from its id.
    block_name: Option<String>,
    previous_index: Py<PyAny>,
    current_index: Py<PyAny>,
    /// current − previous, of the printed (rounded) indexes.
    change: Py<PyAny>,
    previous_rank: u32,
    current_rank: u32,
    /// previous rank − current rank: positive means the unit moved up.
    rank_change: i64,
    /// Each field's move (`code`, `name`, `previous_index`, `current_index`, `change`) when both
    /// result sets were scored on the same methodology with more than one field.
    fields: Vec<Py<PyDict>>,
}

#[pymethods]
impl Move {
    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "Move(unit={:?}, change={}, rank_change={})",
            self.unit,
            self.change.bind(py),
            self.rank_change
        )
    }
}

/// Year-over-year comparison of two result sets. Produced by `parindex.compare`.
#[pyclass(frozen, module = "parindex", name = "Comparison")]
pub struct Comparison {
    inner: par_core::compare::Comparison,
}

#[pymethods]
impl Comparison {
    /// Units present in both result sets, in the current results' order.
    #[getter]
    fn units(&self, py: Python<'_>) -> PyResult<Vec<Move>> {
        let mut names = FieldNames::default();
        self.inner
            .units
            .iter()
            .map(|m| {
                Ok(Move {
                    unit: m.unit.clone(),
                    block: m.block.clone(),
                    block_name: m.block_name.clone(),
                    previous_index: dec(py, &m.previous_index)?,
                    current_index: dec(py, &m.current_index)?,
                    change: dec(py, &m.change)?,
                    previous_rank: m.previous_rank,
                    current_rank: m.current_rank,
                    rank_change: m.rank_change,
                    fields: m
                        .fields
                        .iter()
                        .map(|f| field_move(py, f, &mut names).map(Bound::unbind))
                        .collect::<PyResult<_>>()?,
                })
            })
            .collect()
    }

    /// A pandas DataFrame of the moves: one row per unit (`level="unit"`: unit, block, previous
    /// and current index, change, ranks, rank change) or per unit and field (`"field"`: unit,
    /// block, code, name, previous and current index, change). Amounts are Decimals, or floats
    /// with `decimals="float"` (for plotting). Needs pandas.
    #[pyo3(signature = (level = Text::from("unit"), *, decimals = Text::from("decimal")))]
    fn to_pandas<'py>(
        &self,
        py: Python<'py>,
        level: Text<'_>,
        decimals: Text<'_>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (level, decimals) = (
            in_env(py, level, "level")?,
            in_env(py, decimals, "decimals")?,
        );
        let mut shared = Shared::new(py, decimals)?;
        let mut names = FieldNames::default();
        let mut columns = match level {
            "unit" => Columns::new(
                py,
                &[
                    "unit",
                    "block",
                    "previous_index",
                    "current_index",
                    "change",
                    "previous_rank",
                    "current_rank",
                    "rank_change",
                ],
            ),
            "field" => Columns::new(
                py,
                &[
                    "unit",
                    "block",
                    "code",
                    "name",
                    "previous_index",
                    "current_index",
                    "change",
                ],
            ),
            other => return Err(refused_in_env(py, "level", other, &["unit", "field"])),
        };
        for m in &self.inner.units {
            if level == "unit" {
                columns.row(vec![
                    obj(py, &m.unit)?,
                    obj(py, &m.block)?,
                    shared.decimal(&m.previous_index)?,
                    shared.decimal(&m.current_index)?,
                    shared.decimal(&m.change)?,
                    obj(py, m.previous_rank)?,
                    obj(py, m.current_rank)?,
                    obj(py, m.rank_change)?,
                ]);
                continue;
            }
            for f in &m.fields {
                columns.row(vec![
                    obj(py, &m.unit)?,
                    obj(py, &m.block)?,
                    obj(py, &f.code)?,
                    names.of(py, &f.name)?,
                    shared.decimal(&f.previous_index)?,
                    shared.decimal(&f.current_index)?,
                    shared.decimal(&f.change)?,
                ]);
            }
        }
        data_frame(py, columns)
    }

    /// The moves as CSV that Excel opens by double-click (each field's change in a column of its
    /// own): in Vietnamese `;`-separated with decimal commas, a byte-order mark. Written to `path`
    /// when given, else returned. The same text as `par compare -f excel-csv`.
    #[pyo3(signature = (path = None, *, lang = None))]
    fn to_excel_csv(
        &self,
        py: Python<'_>,
        path: Option<FilePath>,
        lang: Option<Text<'_>>,
    ) -> PyResult<Option<String>> {
        let lang = language(py, lang)?;
        written(
            path.map(|p| p.named(lang)).transpose()?,
            par_report::changes_csv(&self.inner, lang),
            lang,
        )
    }
    #[getter]
    fn only_in_previous(&self) -> Vec<String> {
        self.inner.only_in_previous.clone()
    }
    #[getter]
    fn only_in_current(&self) -> Vec<String> {
        self.inner.only_in_current.clone()
    }
    /// The methodology the previous ranking was scored with; `None` for a published table.
    #[getter]
    fn previous_methodology(&self) -> Option<String> {
        self.inner.previous_methodology.clone()
    }
    #[getter]
    fn current_methodology(&self) -> Option<String> {
        self.inner.current_methodology.clone()
    }
    /// Whether the previous ranks were recounted within the current blocks: the previous ranking
    /// ranked every unit together, the current one ranks within blocks.
    #[getter]
    fn previous_ranked_in_blocks(&self) -> bool {
        self.inner.previous_ranked_in_blocks
    }
    /// Whether both methodologies are known and differ: a move may then be the methodology's.
    #[getter]
    fn methodologies_differ(&self) -> bool {
        self.inner.methodologies_differ()
    }
    /// The comparison as `par.comparison/1` JSON text; refused past `comparison_text_bytes`
    /// (every unit's move names its fields).
    #[pyo3(signature = (*, lang = None))]
    fn to_json(&self, py: Python<'_>, lang: Option<Text<'_>>) -> PyResult<String> {
        let lang = language(py, lang)?;
        run(py, lang, || Ok(self.inner.to_json()?))
    }
    fn __repr__(&self) -> String {
        format!("Comparison(units={})", self.inner.units.len())
    }
}

/// Compares two scored result sets. A comparison holds no text, but a `lang` the engine does not
/// have is refused here as in every other call, whatever the inputs.
#[pyfunction]
#[pyo3(signature = (previous, current, *, lang = None))]
fn compare_results(
    py: Python<'_>,
    previous: &Results,
    current: &Results,
    lang: Option<Text<'_>>,
) -> PyResult<Comparison> {
    language(py, lang)?;
    Ok(Comparison {
        inner: par_core::compare::compare(&previous.inner, &current.inner),
    })
}

/// Compares two `par.results/1` JSON texts; problems name `previous.` or `current.` fields.
#[pyfunction]
#[pyo3(signature = (previous, current, *, lang = None))]
fn compare_json(
    py: Python<'_>,
    previous: Text<'_>,
    current: Text<'_>,
    lang: Option<Text<'_>>,
) -> PyResult<Comparison> {
    let lang = language(py, lang)?;
    let previous = previous.at("previous", lang)?.to_string();
    let current = current.at("current", lang)?.to_string();
    let text = run(py, lang, move || wire::compare(&previous, &current))?;
    serde_json::from_str(&text)
        .map(|inner| Comparison { inner })
        .map_err(|e| PyRuntimeError::new_err(format!("unreadable comparison: {e}")))
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    crate::methodology::register(m)?;
    m.add_class::<Results>()?;
    m.add_class::<UnitResult>()?;
    m.add_class::<NodeResult>()?;
    m.add_class::<ComponentResult>()?;
    m.add_class::<AppraisalRecord>()?;
    m.add_class::<Warning>()?;
    m.add_class::<BlockStatistics>()?;
    m.add_class::<LostPoints>()?;
    m.add_class::<TreeNode>()?;
    m.add_class::<Comparison>()?;
    m.add_class::<Move>()?;
    m.add_class::<Chart>()?;
    m.add_function(wrap_pyfunction!(compare_results, m)?)?;
    m.add_function(wrap_pyfunction!(compare_json, m)?)?;
    Ok(())
}

/// Shared names as Python takes them.
fn str_list(names: &[std::sync::Arc<str>]) -> Vec<&str> {
    names.iter().map(|n| &**n).collect()
}
