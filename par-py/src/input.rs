//! Python objects → engine inputs. Conversion only: every value is handed to the engine as the
//! text or flag the caller gave, and the engine decides what it means.
//!
//! A `float` is refused with a `TypeError` (it is not exact), except in a table column the caller
//! declares as floating point (a pandas float column): there each value is read through its
//! shortest round-trip text at its own width (a numpy `float32` as a float32), and the engine adds
//! a `float_converted` warning to the results.

use crate::files::FilePath;
use crate::methodology::Methodology;
use crate::output::Results;
use crate::text::Text;
use crate::{language, panic_error, run};
use par_core::text::{BindingText, DocumentKind, Found, JsonExpected, Msg, ReadingMsg};
use par_core::{
    parse_input_decimal, Appraisal, CompactString, Dec, Detail, Entries, Entry, EntryList,
    ErrorCode, InputValue, Lang, LongRowsHeader, ParError, ScoredPiece, Scorer, SurveyInput, Table,
    UnitAssessment,
};
use par_sheets::AssessmentsFile;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyModule, PyString, PyTuple, PyType};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Mutex};

static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static DATE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static TIME: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// `decimal.Decimal`, imported once.
pub(crate) fn decimal_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    DECIMAL.import(py, "decimal", "Decimal")
}

/// Where a value sits in the input, written out only for an error message.
type Loc<'a> = &'a dyn Fn() -> String;

/// One scalar as the engine reads it: text (a decimal, an option label, yes/no) or a flag; or a
/// `Decimal` whose text, of this many bytes, would be longer than any text the engine reads.
enum Scalar {
    Text(CompactString),
    Flag(bool),
    TooLong(usize),
}

/// The refusal of a value whose text would be `bytes` long, as the engine refuses such a text.
fn too_long(bytes: usize) -> ParError {
    par_core::limits::TEXT_BYTES.exceeded(bytes)
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "object".to_string())
}

/// The kind of a Python value, in the words the catalogue uses for a JSON value of that kind.
fn kind_of(obj: &Bound<'_, PyAny>) -> Found {
    let repr = || obj.repr().map(|r| r.to_string()).unwrap_or_default();
    if let Ok(s) = obj.cast::<PyString>() {
        // Quoted as the JSON reader quotes a string it did not expect.
        return Found::Text(format!("\"{}\"", s.to_string_lossy()));
    }
    if obj.is_instance_of::<PyBool>() {
        return Found::Boolean(repr());
    }
    if obj.is_instance_of::<PyInt>() {
        return Found::Integer(repr());
    }
    if obj.is_instance_of::<PyFloat>() {
        return Found::Float(repr());
    }
    if obj.is_none() {
        return Found::Null;
    }
    if sequence(obj).is_some() {
        return Found::List;
    }
    if obj.is_instance_of::<PyDict>() {
        return Found::Object;
    }
    Found::Other(type_name(obj))
}

/// Whether `obj` is pandas' missing value `pd.NA` (its type `NAType`, of a pandas module),
/// told without importing pandas.
fn is_pandas_na(obj: &Bound<'_, PyAny>) -> bool {
    let kind = obj.get_type();
    let named = |name: PyResult<Bound<'_, PyString>>, wanted: &str| {
        name.is_ok_and(|n| n.to_str().is_ok_and(|n| n.starts_with(wanted)))
    };
    named(kind.name(), "NAType") && named(kind.module(), "pandas")
}

/// A problem with a Python value, which it quotes as Python writes it.
fn value_problem(obj: &Bound<'_, PyAny>, code: ErrorCode, message: impl Into<Msg>) -> ParError {
    ParError::new(code, message).value(obj.repr().map(|r| r.to_string()).unwrap_or_default())
}

fn bad_type(obj: &Bound<'_, PyAny>, expected: JsonExpected) -> ParError {
    let found = kind_of(obj);
    value_problem(
        obj,
        ErrorCode::BadType,
        ReadingMsg::WrongType { found, expected },
    )
}

/// A binary floating-point number as Python or numpy gives it, at its own width: Python's `float`
/// (and `numpy.float64`, a subclass of it), or numpy's `float32` and `float16` (a float32
/// column's values), which widened to a `float` read as digits nobody typed.
#[derive(Clone, Copy)]
enum Float {
    Double(f64),
    Single(f32),
    Half(f32),
}

impl Float {
    /// A numpy `float32` or `float16`; `None` for anything else.
    fn narrow(obj: &Bound<'_, PyAny>) -> PyResult<Option<Float>> {
        let Some(numpy) = numpy_types(obj)? else {
            return Ok(None);
        };
        let py = obj.py();
        let width = if obj.is_instance(numpy.float32.bind(py))? {
            Float::Single
        } else if obj.is_instance(numpy.float16.bind(py))? {
            Float::Half
        } else {
            return Ok(None);
        };
        // Exact both ways: a float64 holds every float32 and float16.
        Ok(Some(width(obj.extract::<f64>()? as f32)))
    }

    fn is_nan(self) -> bool {
        match self {
            Float::Double(v) => v.is_nan(),
            Float::Single(v) | Float::Half(v) => v.is_nan(),
        }
    }

    /// The text a person typed for it, and whether its digits are more than a spreadsheet shows.
    fn text(self) -> (CompactString, bool) {
        match self {
            Float::Double(v) => par_core::float_text(v),
            Float::Single(v) => (par_core::float32_text(v), false),
            Float::Half(v) => (par_core::float16_text(v), false),
        }
    }

    /// The `TypeError` for a float where an exact value is wanted, quoting it as Python does.
    fn refused(self, at: &str, lang: Lang) -> PyErr {
        let (given, typed) = match self {
            Float::Double(v) => (format!("{v:?}"), v.to_string()),
            narrow => {
                let text = narrow.text().0.to_string();
                (text.clone(), text)
            }
        };
        let at = at.to_string();
        PyTypeError::new_err(BindingText::FloatNotExact { at, given, typed }.render(lang))
    }
}

/// The numpy types a value is told apart by.
struct NumpyTypes {
    float32: Py<PyType>,
    float16: Py<PyType>,
    integer: Py<PyType>,
    bool_: Py<PyType>,
}

static NUMPY: PyOnceLock<NumpyTypes> = PyOnceLock::new();

/// numpy's types, when `obj` is a value of one of them (numpy is then imported); `None` for any
/// other value, which pays only for reading its type's module name, and never imports numpy.
fn numpy_types<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Option<&'static NumpyTypes>> {
    if obj.get_type().module()?.to_str()? != "numpy" {
        return Ok(None);
    }
    let py = obj.py();
    let numpy_type = |numpy: &Bound<'py, PyModule>, name: &str| -> PyResult<Py<PyType>> {
        Ok(numpy.getattr(name)?.cast_into::<PyType>()?.unbind())
    };
    NUMPY
        .get_or_try_init(py, || {
            let numpy = py.import("numpy")?;
            Ok::<_, PyErr>(NumpyTypes {
                float32: numpy_type(&numpy, "float32")?,
                float16: numpy_type(&numpy, "float16")?,
                integer: numpy_type(&numpy, "integer")?,
                bool_: numpy_type(&numpy, "bool_")?,
            })
        })
        .map(Some)
}

/// A numpy integer as the Python `int` it equals, and a numpy bool as the Python `bool`: what
/// `df.at[...]`, `iterrows` and an object column give for a cell, exact values taken as Python's
/// are. `None` for any other value.
fn numpy_exact<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Option<Bound<'py, PyAny>>> {
    let Some(numpy) = numpy_types(obj)? else {
        return Ok(None);
    };
    let py = obj.py();
    if obj.is_instance(numpy.bool_.bind(py))? {
        let flag = PyBool::new(py, obj.is_truthy()?);
        return Ok(Some(flag.to_owned().into_any()));
    }
    if obj.is_instance(numpy.integer.bind(py))? {
        return Ok(Some(obj.call_method0("__index__")?));
    }
    Ok(None)
}

/// A value as a person would type it (`True` as `true`, a Decimal without exponent); `float`
/// refused with a `TypeError`, and other types with a problem naming what was given.
pub(crate) fn typed_text(
    obj: &Bound<'_, PyAny>,
    at: Loc<'_>,
    lang: Lang,
) -> PyResult<Result<String, ParError>> {
    Ok(match scalar(obj, at, lang)? {
        Some(Scalar::Text(t)) => Ok(t.to_string()),
        Some(Scalar::Flag(b)) => Ok(b.to_string()),
        Some(Scalar::TooLong(bytes)) => Err(too_long(bytes)),
        None => Err(bad_type(obj, JsonExpected::ScoreValue)),
    })
}

/// `str`, `bool`, `int` and `decimal.Decimal` (written without exponent), and numpy's integers and
/// bools, as the engine's scalars; `float` refused with a `TypeError`; `None` for anything else.
fn scalar(obj: &Bound<'_, PyAny>, at: Loc<'_>, lang: Lang) -> PyResult<Option<Scalar>> {
    if let Ok(f) = obj.cast::<PyFloat>() {
        return Err(Float::Double(f.value()).refused(&at(), lang));
    }
    if let Some(exact) = exact_scalar(obj)? {
        return Ok(Some(exact));
    }
    match Float::narrow(obj)? {
        Some(float) => Err(float.refused(&at(), lang)),
        None => Ok(None),
    }
}

/// [`scalar`] of an exact value; `None` for a `float` too, and for a text holding half a
/// character (see [`text_of`]).
fn exact_scalar(obj: &Bound<'_, PyAny>) -> PyResult<Option<Scalar>> {
    if let Ok(s) = obj.cast::<PyString>() {
        // In NFC, as the engine reads a JSON text's strings (an option label typed apart).
        return Ok(s
            .to_str()
            .ok()
            .map(|t| Scalar::Text(par_core::nfc(t).as_ref().into())));
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Some(Scalar::Flag(b.is_true())));
    }
    if obj.is_instance_of::<PyInt>() {
        return Ok(Some(match int_digits(obj)? {
            Ok(digits) => Scalar::Text(digits.into()),
            Err(bytes) => Scalar::TooLong(bytes),
        }));
    }
    if !obj.is_instance_of::<PyFloat>() && obj.is_instance(decimal_type(obj.py())?)? {
        return decimal_scalar(obj).map(Some);
    }
    match numpy_exact(obj)? {
        Some(exact) => exact_scalar(&exact),
        None => Ok(None),
    }
}

/// An `int`'s digits, or, for one whose digits would be longer than any text the engine reads,
/// how many bytes they would at least take. Python's `str` refuses an int of more than 4,300
/// digits (`sys.set_int_max_str_digits`, 640 at the least) with its own `ValueError`: a large
/// int's size is reckoned from its bits, and its digits, when the engine may read them, written
/// by `decimal.Decimal`, which has no such limit.
pub(crate) fn int_digits(obj: &Bound<'_, PyAny>) -> PyResult<Result<String, usize>> {
    let py = obj.py();
    let bits: u64 = obj.call_method0(intern!(py, "bit_length"))?.extract()?;
    // Up to 2,000 bits an int has at most 603 digits, which `str` always writes.
    if bits <= 2000 {
        return Ok(Ok(obj.str()?.to_str()?.to_string()));
    }
    // 2^(bits - 1) ≤ |n|: at least ⌊(bits - 1)·log10 2⌋ + 1 digits, and a sign.
    let sign = usize::from(obj.lt(0)?);
    // log10(2) is 0.30103…: 30,102 in 100,000 keeps the count a lower bound, in integers.
    let fewest = (bits - 1).saturating_mul(30_102) / 100_000;
    let fewest = usize::try_from(fewest)
        .unwrap_or(usize::MAX)
        .saturating_add(1 + sign);
    if fewest > par_core::limits::TEXT_BYTES.max {
        return Ok(Err(fewest));
    }
    let exact = decimal_type(py)?.call1((obj,))?;
    let text = exact.call_method1(intern!(py, "__format__"), ("f",))?;
    Ok(Ok(text.cast::<PyString>()?.to_str()?.to_string()))
}

/// A `Decimal` as its text without exponent. Its length is reckoned first, from its digits and
/// exponent: `Decimal("1E+100000000")` is a hundred million digits, which are not written (nor
/// `1E+1000000000000`, which Python cannot), when the engine refuses any text past its limit.
fn decimal_scalar(obj: &Bound<'_, PyAny>) -> PyResult<Scalar> {
    let bytes = fixed_point_length(obj)?;
    if bytes > par_core::limits::TEXT_BYTES.max {
        return Ok(Scalar::TooLong(bytes));
    }
    let text = obj.call_method1("__format__", ("f",))?;
    Ok(Scalar::Text(text.cast::<PyString>()?.to_str()?.into()))
}

/// The length of `format(d, "f")` for a `Decimal`, from `d.as_tuple()`: a sign, the digits, and
/// as many zeros as the exponent puts before or after them.
fn fixed_point_length(obj: &Bound<'_, PyAny>) -> PyResult<usize> {
    let (sign, digits, exponent): (u8, Bound<'_, PyTuple>, Bound<'_, PyAny>) =
        obj.call_method0("as_tuple")?.extract()?;
    // NaN and the infinities have a letter for an exponent, and are written as a word.
    let Ok(mut exponent) = exponent.extract::<i128>() else {
        return Ok(0);
    };
    let count = digits.len() as i128;
    // A zero with a positive exponent is written `0`, as Python writes it.
    if count == 1 && exponent > 0 && digits.get_item(0)?.extract::<u8>()? == 0 {
        exponent = 0;
    }
    let whole = exponent + count;
    let length = if whole <= 0 {
        // `0.000123`: "0.", the zeros after the point, and the digits.
        2 - exponent
    } else if exponent < 0 {
        // `12.345`: the digits and a point.
        count + 1
    } else {
        // `12300`: the digits and the zeros after them.
        whole
    };
    Ok(usize::try_from(length + i128::from(sign)).unwrap_or(usize::MAX))
}

/// The items of a list or a tuple as they come, not collected (see [`sequence`]).
fn sequence_items<'py>(
    obj: &Bound<'py, PyAny>,
) -> Option<Box<dyn Iterator<Item = Bound<'py, PyAny>> + 'py>> {
    if let Ok(list) = obj.cast::<PyList>() {
        return Some(Box::new(list.iter()));
    }
    obj.cast::<PyTuple>()
        .ok()
        .map(|tuple| Box::new(tuple.iter()) as Box<dyn Iterator<Item = _>>)
}

/// A list or tuple, as a vector of its items.
fn sequence<'py>(obj: &Bound<'py, PyAny>) -> Option<Vec<Bound<'py, PyAny>>> {
    if let Ok(l) = obj.cast::<PyList>() {
        Some(l.iter().collect())
    } else if let Ok(t) = obj.cast::<PyTuple>() {
        Some(t.iter().collect())
    } else {
        None
    }
}

/// The fields of an assessments document whose values are amounts or scores: there an `int` or a
/// `Decimal` is the decimal it writes, where JSON would need text.
const DECIMAL_FIELDS: &[&str] = &["self", "value", "percent", "points"];

/// Units given as Python dicts: a list of `par.assessments/1` units, or the whole document.
///
/// Valid units, the usual case, are read straight into the engine's types, each handed to `each`
/// as soon as it is read. This reader has no checks and no messages of its own: at the first
/// thing that is not as the engine's JSON reader reads valid text, it stops and gives `None`,
/// and the caller hands the input to the engine as JSON ([`assessments_json`]), whose reader
/// reports every problem in its own words. A `float` is never read here: the JSON writing
/// refuses it with a `TypeError`.
fn read_valid_units(
    obj: &Bound<'_, PyAny>,
    most_units: usize,
    lang: Lang,
    mut each: impl FnMut(UnitAssessment),
) -> PyResult<Option<()>> {
    let units = match obj.cast::<PyDict>() {
        Ok(document) => match document_units(document)? {
            Some(units) => units,
            None => return Ok(None),
        },
        Err(_) => sequence(obj)
            .ok_or_else(|| PyTypeError::new_err(BindingText::AssessmentsShape.render(lang)))?,
    };
    // More units than the methodology can score are refused by the engine, before any is.
    if units.len() > most_units {
        return Ok(None);
    }
    for unit in &units {
        match valid_unit(unit)? {
            Some(u) => each(u),
            None => return Ok(None),
        }
    }
    Ok(Some(()))
}

/// The units of a `par.assessments/1` document given as a dict, if it has its schema and
/// nothing else.
fn document_units<'py>(document: &Bound<'py, PyDict>) -> PyResult<Option<Vec<Bound<'py, PyAny>>>> {
    let py = document.py();
    let Fields { found, others } = lookup(
        document,
        [
            ("schema", intern!(py, "schema")),
            ("units", intern!(py, "units")),
        ],
    )?;
    let [("schema", schema), ("units", units)] = found.as_slice() else {
        return Ok(None);
    };
    let known = schema.extract::<&str>().ok() == Some(par_core::ASSESSMENTS_SCHEMA);
    Ok(sequence(units).filter(|_| known && others.is_empty()))
}

fn valid_unit(obj: &Bound<'_, PyAny>) -> PyResult<Option<UnitAssessment>> {
    let py = obj.py();
    let Some(found) = only_fields(
        obj,
        [
            ("unit", intern!(py, "unit")),
            ("block", intern!(py, "block")),
            ("entries", intern!(py, "entries")),
        ],
    )?
    else {
        return Ok(None);
    };
    let (mut name, mut block, mut entries) = (None, None, Entries::default());
    for (key, value) in found {
        match key {
            // A name that shows nothing (a zero-width space) is read as JSON, which refuses it.
            "unit" => name = text(&value).filter(|n: &String| !par_core::shows_nothing(n)),
            "block" if value.is_none() => {}
            "block" => match text(&value) {
                Some(b) => block = Some(b),
                None => return Ok(None),
            },
            _ => match valid_entries(&value)? {
                Some(read) => entries = read,
                None => return Ok(None),
            },
        }
    }
    Ok(name.map(|unit| UnitAssessment {
        unit,
        block,
        entries,
    }))
}

fn valid_entries(obj: &Bound<'_, PyAny>) -> PyResult<Option<Entries>> {
    let Ok(map) = obj.cast::<PyDict>() else {
        return Ok(None);
    };
    // Taken out first: reading a value may run Python code (a `str` of an int subclass), which
    // must not find the dict being iterated.
    // A unit past its number of entries is read as JSON, which refuses it.
    if map.len() > par_core::limits::UNIT_ENTRIES.max {
        return Ok(None);
    }
    let items: Vec<_> = map.iter().collect();
    let mut entries = Entries::with_capacity_and_hasher(items.len(), Default::default());
    for (code, entry) in &items {
        let (Some(code), Some(entry)) = (text(code), valid_entry(entry)?) else {
            return Ok(None);
        };
        // Two keys one code in NFC (`1.é` typed as one character and as a letter and its
        // accent): read as JSON, which names the criterion given twice.
        if entries.insert(code, entry).is_some() {
            return Ok(None);
        }
    }
    Ok(Some(entries))
}

fn valid_entry(obj: &Bound<'_, PyAny>) -> PyResult<Option<Entry>> {
    let py = obj.py();
    let Some(found) = only_fields(
        obj,
        [
            ("self", intern!(py, "self")),
            ("evidence", intern!(py, "evidence")),
            ("appraisals", intern!(py, "appraisals")),
            ("explanation", intern!(py, "explanation")),
            ("survey", intern!(py, "survey")),
            ("value", intern!(py, "value")),
        ],
    )?
    else {
        return Ok(None);
    };
    let mut e = Entry::default();
    for (key, value) in found {
        // `null` leaves a field out, except a list's, which the JSON reader refuses.
        let read = match key {
            _ if value.is_none() && !matches!(key, "evidence" | "appraisals") => Some(()),
            "self" => input_value(&value)?.map(|v| e.self_score = Some(v)),
            "value" => decimal(&value)?.map(|d| e.value = Some(d)),
            "explanation" => text(&value).map(|t| e.explanation = Some(t)),
            "survey" => survey(&value)?.map(|s| e.survey = Some(s)),
            "evidence" => evidence(&value).map(|items| e.evidence = items),
            _ => appraisals(&value)?.map(|rounds| e.appraisals = rounds),
        };
        if read.is_none() {
            return Ok(None);
        }
    }
    Ok(Some(e))
}

/// The items of an entry's list (its evidence, its rounds); one longer than an entry may list is
/// left to the engine, which refuses it, its length asked before its items are collected.
fn entry_list<'py>(obj: &Bound<'py, PyAny>) -> Option<Vec<Bound<'py, PyAny>>> {
    let length = match (obj.cast::<PyList>(), obj.cast::<PyTuple>()) {
        (Ok(list), _) => list.len(),
        (_, Ok(tuple)) => tuple.len(),
        _ => return None,
    };
    (length <= par_core::limits::ENTRY_ITEMS.max)
        .then(|| sequence(obj))
        .flatten()
}

/// Evidence: a list of texts, kept at its length as the JSON reader keeps lists.
fn evidence(obj: &Bound<'_, PyAny>) -> Option<EntryList<CompactString>> {
    let items = entry_list(obj)?;
    let mut read = EntryList::with_capacity(items.len());
    for item in &items {
        read.push(text(item)?);
    }
    Some(read)
}

fn appraisals(obj: &Bound<'_, PyAny>) -> PyResult<Option<EntryList<Appraisal>>> {
    let Some(items) = entry_list(obj) else {
        return Ok(None);
    };
    let mut rounds = EntryList::with_capacity(items.len());
    for item in &items {
        match appraisal(item)? {
            Some(a) => rounds.push(a),
            None => return Ok(None),
        }
    }
    Ok(Some(rounds))
}

/// One appraisal round; one with any other field (its `points`, copied from results) is left to
/// the engine, which refuses it.
fn appraisal(obj: &Bound<'_, PyAny>) -> PyResult<Option<Appraisal>> {
    let py = obj.py();
    let Some(found) = only_fields(
        obj,
        [
            ("round", intern!(py, "round")),
            ("value", intern!(py, "value")),
            ("reason", intern!(py, "reason")),
            ("by", intern!(py, "by")),
        ],
    )?
    else {
        return Ok(None);
    };
    let (mut round, mut value, mut reason, mut by) = (None, None, None, None);
    for (key, v) in found {
        let read = match key {
            "round" => count(&v).map(|r| round = Some(r)),
            "value" => input_value(&v)?.map(|x| value = Some(x)),
            _ if v.is_none() => Some(()),
            "reason" => text(&v).map(|t| reason = Some(t)),
            _ => text(&v).map(|t| by = Some(t)),
        };
        if read.is_none() {
            return Ok(None);
        }
    }
    Ok(round.zip(value).map(|(round, value)| Appraisal {
        round,
        value,
        reason,
        by,
    }))
}

/// The fields found in a dict, by name, with their values.
type FieldValues<'py> = Vec<(&'static str, Bound<'py, PyAny>)>;

/// The values of a dict's fields, if it is a dict and has no other key.
fn only_fields<'py, const N: usize>(
    obj: &Bound<'py, PyAny>,
    keys: [(&'static str, &Bound<'py, PyString>); N],
) -> PyResult<Option<FieldValues<'py>>> {
    let Ok(dict) = obj.cast::<PyDict>() else {
        return Ok(None);
    };
    let Fields { found, others } = lookup(dict, keys)?;
    Ok(others.is_empty().then_some(found))
}

/// A dict's values for the given keys (`found`) and its other keys (`others`, for the caller to
/// report).
struct Fields<'py> {
    found: FieldValues<'py>,
    others: Vec<Bound<'py, PyAny>>,
}

/// Looks the keys up one by one, and stops when every key of the dict is found (an entry usually
/// has its first three): iterating a dict under the stable ABI copies it into a list of pairs,
/// which costs more than the lookups for the national run's million entries.
fn lookup<'py, const N: usize>(
    dict: &Bound<'py, PyDict>,
    keys: [(&'static str, &Bound<'py, PyString>); N],
) -> PyResult<Fields<'py>> {
    let len = dict.len();
    let mut found = Vec::with_capacity(N);
    for (name, key) in keys {
        if found.len() == len {
            break;
        }
        if let Some(value) = dict.get_item(key)? {
            found.push((name, value));
        }
    }
    let mut others = Vec::new();
    if found.len() != len {
        for k in dict.keys() {
            let known = k
                .cast::<PyString>()
                .ok()
                .and_then(|s| s.to_str().ok())
                .is_some_and(|s| keys.iter().any(|(name, _)| *name == s));
            if !known {
                others.push(k);
            }
        }
    }
    Ok(Fields { found, others })
}

/// A survey result: a dict of one key, `percent` or `points`.
fn survey(obj: &Bound<'_, PyAny>) -> PyResult<Option<SurveyInput>> {
    let Ok(dict) = obj.cast::<PyDict>() else {
        return Ok(None);
    };
    let Some((key, value)) = dict.iter().next().filter(|_| dict.len() == 1) else {
        return Ok(None);
    };
    let make = match key.extract::<&str>() {
        Ok("percent") => SurveyInput::Percent,
        Ok("points") => SurveyInput::Points,
        _ => return Ok(None),
    };
    Ok(decimal(&value)?.map(make))
}

/// A self-score or appraisal value: text, a flag, or an `int` or `Decimal` as its text.
fn input_value(obj: &Bound<'_, PyAny>) -> PyResult<Option<InputValue>> {
    // A value too long is read as JSON, which refuses it.
    Ok(exact_scalar(obj)?.and_then(|s| match s {
        Scalar::Text(t) => Some(InputValue::Text(t)),
        Scalar::Flag(b) => Some(InputValue::Flag(b)),
        Scalar::TooLong(_) => None,
    }))
}

/// An amount, kept at the scale it was written with, as the engine's JSON reader keeps it.
fn decimal(obj: &Bound<'_, PyAny>) -> PyResult<Option<Dec>> {
    Ok(match exact_scalar(obj)? {
        Some(Scalar::Text(t)) => parse_input_decimal(&t).ok(),
        _ => None,
    })
}

/// A round's number: an `int` (not a `bool`, nor another type that converts to one) that fits.
fn count(obj: &Bound<'_, PyAny>) -> Option<u32> {
    let int = obj.is_instance_of::<PyInt>() && !obj.is_instance_of::<PyBool>();
    int.then(|| obj.extract::<u32>().ok()).flatten()
}

/// A Python `str` as the string type wanted, in NFC as the engine reads a JSON text's strings
/// (text typed with its accents apart is the same name, label or reason): `CompactString` for
/// codes and short labels (see `par_core::Entries`), built from the text without an
/// intermediate `String` (a text in NFC, nearly every one, is only looked over).
fn text<T: for<'a> From<&'a str>>(obj: &Bound<'_, PyAny>) -> Option<T> {
    let given = obj.cast::<PyString>().ok()?.to_str().ok()?;
    Some(T::from(par_core::nfc(given).as_ref()))
}

/// Assessments given as Python values (see [`read_valid_units`]) as JSON text for the engine's
/// reader: an `int` or a `Decimal` in an amount's or a score's field as its text, as the fast
/// reading takes it; a `float` refused with a `TypeError`.
///
/// A list of units, and a document's `units`, are written a unit at a time, each unit as a JSON
/// value: the text is the one the whole written as one value gives, without that value (a
/// national run's, beside its dicts, took gigabytes).
fn assessments_json(obj: &Bound<'_, PyAny>, lang: Lang) -> PyResult<String> {
    let writing = JsonWriting {
        lang,
        decimal_fields: Some(DECIMAL_FIELDS),
    };
    let mut text = String::new();
    let at: Loc = &|| "assessments".to_string();
    if let Some(units) = sequence(obj) {
        writing.write_units(&mut text, &units, at, 0)?;
        return Ok(text);
    }
    let Ok(document) = obj.cast::<PyDict>() else {
        writing.write(&mut text, obj, at, 0, false)?;
        return Ok(text);
    };
    text.push('{');
    let fields: Vec<_> = document.iter().collect();
    for (n, (field, value)) in fields.iter().enumerate() {
        let field = writing.key(field, at)?;
        let at: Loc = &|| format!("assessments.{field}");
        if n > 0 {
            text.push(',');
        }
        push_json_string(&mut text, &field);
        text.push(':');
        match (field == "units").then(|| sequence(value)).flatten() {
            Some(units) => writing.write_units(&mut text, &units, at, 1)?,
            None => {
                let decimal = writing.is_decimal_field(&field);
                writing.write(&mut text, value, at, 1, decimal)?;
            }
        }
    }
    text.push('}');
    Ok(text)
}

/// A float in a table cell: NaN is a cell left empty, and a number is read through its text
/// where the column's floats are (a float column, or one of objects).
fn float_cell(
    float: Float,
    float_column: bool,
    at: impl Fn() -> String,
    lang: Lang,
) -> PyResult<(CompactString, bool)> {
    if float.is_nan() {
        return Ok((CompactString::default(), false));
    }
    if !float_column {
        return Err(float.refused(&at(), lang));
    }
    Ok(float.text())
}

/// A `datetime.date` or `datetime` (a pandas `Timestamp`: what `pd.read_excel` makes of a date
/// cell, in a notes column the engine does not read, say) as the text a workbook's date cell is
/// read as (`02/01/2024`), and a `datetime.time` (a time cell's) as a time cell's (`03:30`), so
/// that a DataFrame reads as its file does; `NaT`, a datetime without a year, as an empty cell.
/// `None` for anything else.
fn date_cell(item: &Bound<'_, PyAny>) -> PyResult<Option<CompactString>> {
    if item.is_instance(TIME.import(item.py(), "datetime", "time")?)? {
        let (hour, minute) = (item.getattr("hour")?, item.getattr("minute")?);
        return Ok(Some(par_sheets::time_shown(
            hour.extract()?,
            minute.extract()?,
        )));
    }
    let date = DATE.import(item.py(), "datetime", "date")?;
    if !item.is_instance(date)? {
        return Ok(None);
    }
    let part = |name: &str| -> PyResult<Option<u16>> {
        match item.getattr(name) {
            Ok(value) => Ok(value.extract::<u16>().ok()),
            // A `date` has no time of day: midnight.
            Err(_) if name != "year" && name != "month" && name != "day" => Ok(Some(0)),
            Err(e) => Err(e),
        }
    };
    let (Some(year), Some(month), Some(day)) = (part("year")?, part("month")?, part("day")?) else {
        return Ok(Some(CompactString::default()));
    };
    let time = (part("hour")?, part("minute")?, part("second")?);
    let (Some(hour), Some(minute), Some(second)) = time else {
        return Ok(Some(CompactString::default()));
    };
    let narrow = |n: u16| u8::try_from(n).unwrap_or(u8::MAX);
    let time = (narrow(hour), narrow(minute), narrow(second));
    let shown = par_sheets::date_shown(year, narrow(month), narrow(day), time);
    Ok(Some(shown))
}

/// Rows a long table's columns give to be scored at a time: a few hundred kilobytes of cells.
const ROWS_PER_BATCH: usize = 4096;

/// A table given column by column (e.g. a DataFrame's), as Python values.
struct ColumnsRead<'a, 'py> {
    header: &'a [String],
    columns: &'a [Bound<'py, PyList>],
    float_columns: &'a [bool],
    missing: &'a Bound<'py, PyAny>,
    /// The sheet's row of the columns' first value: 2 below the header, 1 where the columns are
    /// only positions (`header=None`) and their first values are the header row.
    first_row: usize,
    /// The language of a refusal.
    lang: Lang,
}

impl ColumnsRead<'_, '_> {
    /// The cell of column `c` at row `r` from the first (`item`) as text, and whether it was a
    /// float with more digits than a spreadsheet shows. Missing cells (None, NaN, the given NA
    /// marker) are empty.
    fn cell(&self, item: &Bound<'_, PyAny>, c: usize, r: usize) -> PyResult<(CompactString, bool)> {
        // Row numbers count the header as row 1.
        let at = || {
            let column = self.header[c].clone();
            let row = r + self.first_row;
            BindingText::CellAt { column, row }.render(self.lang)
        };
        if let Ok(s) = item.cast::<PyString>() {
            return Ok((text_of(s, &at, self.lang)?.into(), false));
        }
        if item.is_none() || item.is(self.missing) {
            return Ok((CompactString::default(), false));
        }
        let float_column = self.float_columns[c];
        if let Ok(f) = item.cast::<PyFloat>() {
            return float_cell(Float::Double(f.value()), float_column, at, self.lang);
        }
        match exact_scalar(item)? {
            Some(Scalar::Text(t)) => Ok((t, false)),
            Some(Scalar::Flag(b)) => Ok((
                CompactString::const_new(if b { "true" } else { "false" }),
                false,
            )),
            Some(Scalar::TooLong(bytes)) => {
                let problem = too_long(bytes).field(self.header[c].clone());
                let problem = problem.row(r + self.first_row);
                Err(crate::engine_error(item.py(), &problem.into(), self.lang))
            }
            None => match Float::narrow(item)? {
                Some(float) => float_cell(float, float_column, at, self.lang),
                None => match date_cell(item)? {
                    Some(date) => Ok((date, false)),
                    None => {
                        let given = type_name(item);
                        let refusal = BindingText::CellType { at: at(), given };
                        Err(PyTypeError::new_err(refusal.render(self.lang)))
                    }
                },
            },
        }
    }

    /// A `ValueError` unless there are as many columns and float flags as headings, and every
    /// column has as many rows as the first; the rows otherwise.
    fn check_lengths(&self) -> PyResult<usize> {
        let width = self.header.len();
        if self.columns.len() != width || self.float_columns.len() != width {
            return Err(PyValueError::new_err(
                "header, columns and float flags must have the same length",
            ));
        }
        let height = self.columns.first().map_or(0, |c| c.len());
        if self.columns.iter().any(|c| c.len() != height) {
            return Err(PyValueError::new_err(
                "every column must have the same length",
            ));
        }
        Ok(height)
    }

    /// A long table's rows scored as they are read from its columns, without a [`Table`] of its
    /// cells: read under the GIL in batches of whole units, each batch scored as a part of its
    /// own on a free core ([`LongRowsHeader::rows`]) and the parts merged in order, as `par`
    /// scores a CSV file's pieces; `None` when the table must be read whole.
    fn scored_row_by_row(
        &self,
        py: Python<'_>,
        m: &par_core::Methodology,
        lang: Lang,
        detail: Detail,
    ) -> PyResult<Option<par_core::Results>> {
        let Some(table) = LongRowsHeader::of(self.header) else {
            return Ok(None);
        };
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let scorer = || Scorer::new(m, lang).with_detail(detail);
        let stop = AtomicBool::new(false);
        // At most a batch waits per core, beside the one each scores.
        let (hand_over, batches) = mpsc::sync_channel::<Batch>(cores);
        let batches = Mutex::new(batches);
        let (scored, read) = std::thread::scope(|scope| {
            let scorers: Vec<_> = (0..cores)
                .map(|_| {
                    let (batches, table, scorer, stop) = (&batches, &table, &scorer, &stop);
                    scope.spawn(move || score_batches(batches, table, scorer, stop))
                })
                .collect();
            // A refused send is every scorer stopped: the table is not regular.
            let mut handed_over = 0;
            let read = self.read_rows(&table, |batch| {
                let sent = !stop.load(Ordering::Relaxed) && hand_over.send(batch).is_ok();
                handed_over += usize::from(sent);
                sent
            });
            drop(hand_over);
            let joined: Result<Vec<_>, _> =
                py.detach(|| scorers.into_iter().map(|s| s.join()).collect());
            (joined, read.map(|floats| (floats, handed_over)))
        });
        let scored = scored.map_err(|payload| panic_error(payload.as_ref()))?;
        let Some((float_columns, handed_over)) = read else {
            return Ok(None);
        };
        let mut parts: Vec<_> = scored.into_iter().flatten().collect();
        parts.sort_by_key(|(place, _)| *place);
        // Every batch handed over was scored: none is missing from the results.
        if parts.len() != handed_over {
            return Ok(None);
        }
        let Some(scorer) = table.merge(parts.into_iter().map(|(_, part)| part)) else {
            return Ok(None);
        };
        let mut results = run(py, lang, move || scorer.finish())?;
        results.note_float_columns(&float_columns, lang);
        Ok(Some(results))
    }

    /// The cells row by row, in NFC as [`Table::in_nfc`] puts a table's, handed over to `take`
    /// (which says whether to go on) in batches of whole units: a batch of [`ROWS_PER_BATCH`]
    /// rows or more ends where a row names another unit than the last one named, which starts
    /// the next. Gives the names of the columns where a float was converted; `None` once `take`
    /// stops, or at a cell that cannot be read: the table is then read whole, column by column,
    /// which raises the error of the first such cell in that order, wherever streaming stopped.
    fn read_rows(
        &self,
        table: &LongRowsHeader,
        mut take: impl FnMut(Batch) -> bool,
    ) -> Option<Vec<String>> {
        let width = self.header.len();
        let batch_cells = ROWS_PER_BATCH * width;
        let mut items: Vec<_> = self.columns.iter().map(|c| c.iter()).collect();
        let mut floats = vec![false; width];
        let mut batch = Batch::starting(0, self.first_row, batch_cells);
        let mut last_unit: Option<CompactString> = None;
        for r in 0..self.columns.first().map_or(0, |c| c.len()) {
            let row_start = batch.cells.len();
            for (c, item) in items.iter_mut().filter_map(Iterator::next).enumerate() {
                let (text, was_float) = self.cell(&item, c, r).ok()?;
                floats[c] |= was_float;
                batch.cells.push(par_core::nfc_owned(text));
            }
            let Some(unit) = table.unit_of(&batch.cells[row_start..]) else {
                continue;
            };
            if last_unit.as_deref() == Some(unit) {
                continue;
            }
            last_unit = Some(unit.into());
            if row_start >= batch_cells {
                let mut next = Batch::starting(batch.place + 1, self.first_row + r, batch_cells);
                next.cells.extend(batch.cells.drain(row_start..));
                if !take(std::mem::replace(&mut batch, next)) {
                    return None;
                }
            }
        }
        take(batch);
        let converted = self.header.iter().zip(floats).filter(|(_, f)| *f);
        Some(converted.map(|(name, _)| name.clone()).collect())
    }
}

/// A batch of a long table's rows, whole units, as [`ColumnsRead::read_rows`] hands it over:
/// its cells row by row, to be scored as a part of the table.
struct Batch {
    /// Its place among the table's batches, from 0.
    place: usize,
    /// The sheet's row of its first row.
    first_row: usize,
    cells: Vec<CompactString>,
}

impl Batch {
    fn starting(place: usize, first_row: usize, room: usize) -> Self {
        Batch {
            place,
            first_row,
            cells: Vec::with_capacity(room),
        }
    }

    /// The batch's rows scored as a part of the table headed `table`; `None` when they show
    /// that the table is not regular.
    fn score<'m>(&self, table: &LongRowsHeader, scorer: Scorer<'m>) -> Option<ScoredPiece<'m>> {
        let mut rows = table.rows(scorer, self.first_row);
        let width = table.width();
        self.cells.chunks(width).try_for_each(|row| rows.add(row))?;
        rows.finish_part()
    }
}

/// Scores the batches handed over until there are none left, each with a scorer of its own;
/// once one could not be scored so (`stop`), the table is read whole, and the batches left are
/// not scored.
fn score_batches<'m>(
    batches: &Mutex<mpsc::Receiver<Batch>>,
    table: &LongRowsHeader,
    scorer: &(impl Fn() -> Scorer<'m> + Sync),
    stop: &AtomicBool,
) -> Vec<(usize, Option<ScoredPiece<'m>>)> {
    let mut scored = Vec::new();
    // The lock is held while waiting for a batch, not while scoring one.
    while let Some(batch) = batches.lock().ok().and_then(|b| b.recv().ok()) {
        let part = match stop.load(Ordering::Relaxed) {
            true => None,
            false => batch.score(table, scorer()),
        };
        if part.is_none() {
            stop.store(true, Ordering::Relaxed);
        }
        scored.push((batch.place, part));
    }
    scored
}

/// A table's headings as Python gives them (a DataFrame's columns and index names), one holding
/// half a character refused naming its place (`header[2]`).
pub(crate) fn header_texts(header: &[Bound<'_, PyAny>], lang: Lang) -> PyResult<Vec<String>> {
    let heading = |(i, h): (usize, &Bound<'_, PyAny>)| {
        let text = h.extract::<Text<'_>>()?;
        text.at(&format!("header[{i}]"), lang).map(String::from)
    };
    header.iter().enumerate().map(heading).collect()
}

/// A table given column by column (e.g. from a DataFrame), as the engine's [`Table`]. Where the
/// columns are not `named` (a DataFrame read with `header=None`), the first row is the header,
/// as in the sheet.
pub(crate) fn table(
    header: Vec<String>,
    columns: &[Bound<'_, PyList>],
    float_columns: &[bool],
    missing: &Bound<'_, PyAny>,
    named: bool,
    lang: Lang,
) -> PyResult<Table> {
    let given = ColumnsRead {
        header: &header,
        columns,
        float_columns,
        missing,
        first_row: if named { 2 } else { 1 },
        lang,
    };
    let height = given.check_lengths()?;
    // Each row made apart: `vec![row; n]` clones, and a clone of an empty vector has no room.
    let mut rows: Vec<Vec<CompactString>> = (0..height)
        .map(|_| Vec::with_capacity(header.len()))
        .collect();
    let mut converted = Vec::new();
    for (c, column) in columns.iter().enumerate() {
        let mut any_float = false;
        for (r, (item, row)) in column.iter().zip(rows.iter_mut()).enumerate() {
            let (text, was_float) = given.cell(&item, c, r)?;
            any_float |= was_float;
            row.push(text);
        }
        if any_float {
            converted.push(header[c].clone());
        }
    }
    let header = match named || rows.is_empty() {
        true => header,
        false => rows.remove(0).iter().map(|c| c.to_string()).collect(),
    };
    Ok(Table {
        header,
        rows,
        float_columns: converted,
        ..Table::default()
    }
    .in_nfc())
}

/// A Python value (dicts, lists, str, bool, int, None, Decimal) as JSON text; floats refused, and
/// nesting past the JSON limit refused with a `ParError` in `lang`.
pub(crate) fn written_as_json(obj: &Bound<'_, PyAny>, at: &str, lang: Lang) -> PyResult<String> {
    let writing = JsonWriting {
        lang,
        decimal_fields: None,
    };
    writing.text(obj, at)
}

/// A unit (`{"unit", "block", "entries"}`) or one criterion's entry given as Python values, as
/// JSON text for a form: an `int` or a `Decimal` in an amount's or a score's field as its text,
/// as `score` reads units given so.
pub(crate) fn form_input_json(obj: &Bound<'_, PyAny>, at: &str, lang: Lang) -> PyResult<String> {
    let writing = JsonWriting {
        lang,
        decimal_fields: Some(DECIMAL_FIELDS),
    };
    writing.text(obj, at)
}

/// How Python values are written as JSON text, straight into the text: built as JSON values
/// first, with a place named for every item, a list of ten million zeros took 1.4 GB to be
/// refused (its text is 20 MB, which the engine reads within its limits).
struct JsonWriting {
    /// The language of a refusal.
    lang: Lang,
    /// The fields whose numbers are decimals: there an `int` or a `Decimal` is written as its
    /// text, elsewhere as a JSON number, which the engine refuses where it wants text. `None`: a
    /// `Decimal` is text wherever it is, an `int` a number.
    decimal_fields: Option<&'static [&'static str]>,
}

impl JsonWriting {
    /// A whole value as JSON text, `at` naming it in a refusal.
    fn text(&self, obj: &Bound<'_, PyAny>, at: &str) -> PyResult<String> {
        let mut text = String::new();
        self.write(&mut text, obj, &|| at.to_string(), 0, false)?;
        Ok(text)
    }

    /// Writes a value at a depth of nesting, `in_decimal_field` when it is in one of
    /// `decimal_fields`. Python builds nesting JSON text cannot hold (a dict inside itself, or
    /// nested a million deep without recursion): past the JSON limit it is refused, as the
    /// engine refuses such text, instead of overflowing the stack.
    fn write(
        &self,
        out: &mut String,
        obj: &Bound<'_, PyAny>,
        at: Loc,
        depth: usize,
        in_decimal_field: bool,
    ) -> PyResult<()> {
        if depth > par_core::limits::JSON_DEPTH.max {
            let limit = par_core::limits::JSON_DEPTH.exceeded_at_least();
            return Err(crate::engine_error(
                obj.py(),
                &limit.field(at()).into(),
                self.lang,
            ));
        }
        if obj.is_none() {
            out.push_str("null");
            return Ok(());
        }
        if let Ok(dict) = obj.cast::<PyDict>() {
            out.push('{');
            let items: Vec<_> = dict.iter().collect();
            for (n, (k, v)) in items.iter().enumerate() {
                let key = self.key(k, at)?;
                if n > 0 {
                    out.push(',');
                }
                push_json_string(out, &key);
                out.push(':');
                let decimal = self.is_decimal_field(&key);
                self.write(out, v, &|| format!("{}.{key}", at()), depth + 1, decimal)?;
            }
            out.push('}');
            return Ok(());
        }
        // A list's items are written as they come, not collected first (a list of ten million
        // took 80 MB more); pyo3's iterator reads a list again at each item, should writing one
        // run Python code that changes it.
        if let Some(list) = sequence_items(obj) {
            out.push('[');
            for (i, v) in list.enumerate() {
                if i > 0 {
                    out.push(',');
                }
                let item = || format!("{}[{i}]", at());
                self.write(out, &v, &item, depth + 1, in_decimal_field)?;
            }
            out.push(']');
            return Ok(());
        }
        if let Ok(s) = obj.cast::<PyString>() {
            push_json_string(out, &par_core::nfc(text_of(s, at, self.lang)?));
            return Ok(());
        }
        let obj = &numpy_exact(obj)?.unwrap_or_else(|| obj.clone());
        let int = obj.is_instance_of::<PyInt>() && !obj.is_instance_of::<PyBool>();
        if int && self.decimal_fields.is_none() {
            if let Ok(i) = obj.extract::<i64>() {
                out.push_str(&i.to_string());
                return Ok(());
            }
        }
        match scalar(obj, at, self.lang)? {
            // An int or a Decimal outside the decimal fields: the number it is, as a JSON file
            // would give it (a value JSON has no number for, `NaN`, stays text).
            Some(Scalar::Text(t))
                if !in_decimal_field
                    && self.decimal_fields.is_some()
                    && !obj.is_instance_of::<PyString>() =>
            {
                match serde_json::from_str::<serde_json::Number>(&t) {
                    Ok(number) => out.push_str(&number.to_string()),
                    Err(_) => push_json_string(out, &t),
                }
            }
            Some(Scalar::Text(t)) => push_json_string(out, &t),
            Some(Scalar::Flag(b)) => out.push_str(if b { "true" } else { "false" }),
            Some(Scalar::TooLong(bytes)) => {
                return Err(crate::engine_error(
                    obj.py(),
                    &too_long(bytes).field(at()).into(),
                    self.lang,
                ))
            }
            // pandas' missing value (`pd.NA`, in a dict made by `df.to_dict("records")`) is
            // not entered, as `None` is.
            None if is_pandas_na(obj) => out.push_str("null"),
            None => {
                let (at, given) = (at(), type_name(obj));
                let refusal = BindingText::NotJson { at, given };
                return Err(PyTypeError::new_err(refusal.render(self.lang)));
            }
        }
        Ok(())
    }

    /// A dict's key, which JSON needs as text.
    fn key(&self, key: &Bound<'_, PyAny>, at: Loc) -> PyResult<String> {
        if let Ok(text) = key.cast::<PyString>() {
            return text_of(text, at, self.lang).map(str::to_string);
        }
        let (at, given) = (at(), type_name(key));
        Err(PyTypeError::new_err(
            BindingText::KeyNotText { at, given }.render(self.lang),
        ))
    }

    /// Whether a field's numbers are decimals (see `decimal_fields`).
    fn is_decimal_field(&self, field: &str) -> bool {
        self.decimal_fields.is_some_and(|f| f.contains(&field))
    }

    /// A list of units (at `depth`) written as JSON text, a unit at a time.
    fn write_units(
        &self,
        out: &mut String,
        units: &[Bound<'_, PyAny>],
        at: Loc,
        depth: usize,
    ) -> PyResult<()> {
        out.push('[');
        for (i, unit) in units.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            self.write(out, unit, &|| format!("{}[{i}]", at()), depth + 1, false)?;
        }
        out.push(']');
        Ok(())
    }
}

/// A Python `str` as text: one holding half a character (a lone surrogate, which `json.loads`
/// makes of `"\ud800"` and no UTF-8 text holds) is a `ValueError` naming where it is, not
/// Python's `UnicodeEncodeError`.
fn text_of<'s>(s: &'s Bound<'_, PyString>, at: Loc, lang: Lang) -> PyResult<&'s str> {
    s.to_str().map_err(|_| half_character(at(), lang))
}

/// The `ValueError` of a text holding half a character, at `at` (a value's place, or `path`).
pub(crate) fn half_character(at: String, lang: Lang) -> PyErr {
    PyValueError::new_err(BindingText::HalfCharacter { at }.render(lang))
}

/// A text as a JSON string, quoted and escaped.
fn push_json_string(out: &mut String, text: &str) {
    out.push_str(&serde_json::to_string(text).unwrap_or_default());
}

/// Units read per message to the scoring thread: few enough that scoring starts at once, enough
/// that sending costs nothing next to reading them.
const UNITS_PER_BATCH: usize = 64;

/// Scores units given as Python dicts (a list of units, or the whole document). Reading Python
/// objects needs the GIL and scoring does not, so the engine scores each batch of units on a
/// second thread while this one reads the next: for a national run, reading and scoring overlap
/// instead of following each other. Input that is not all valid is scored as the JSON it
/// writes, by the engine's own reader, which reports every problem.
#[pyfunction]
#[pyo3(signature = (methodology, units, *, lang = None, detail = None))]
fn score_units(
    py: Python<'_>,
    methodology: &Methodology,
    units: &Bound<'_, PyAny>,
    lang: Option<Text<'_>>,
    detail: Option<Text<'_>>,
) -> PyResult<Results> {
    let lang = language(py, lang)?;
    let detail = asked_detail(py, detail, lang)?;
    let m = &*methodology.inner;
    let (scored, read) = std::thread::scope(|scope| {
        let (to_scorer, batches) = mpsc::sync_channel::<Vec<UnitAssessment>>(16);
        let scoring = scope.spawn(move || {
            // Each unit's inputs are let go as it is scored, unless the results keep them.
            let mut scorer = Scorer::new(m, lang).with_detail(detail);
            for batch in batches {
                batch.into_iter().for_each(|u| scorer.add(u));
            }
            scorer
        });
        let mut batch = Vec::with_capacity(UNITS_PER_BATCH);
        let read = read_valid_units(units, m.most_units(), lang, |u| {
            batch.push(u);
            if batch.len() == UNITS_PER_BATCH {
                let full = std::mem::replace(&mut batch, Vec::with_capacity(UNITS_PER_BATCH));
                // The scorer stops receiving only if it failed; its join below says how.
                let _ = to_scorer.send(full);
            }
        });
        if matches!(read, Ok(Some(()))) && !batch.is_empty() {
            let _ = to_scorer.send(batch);
        }
        drop(to_scorer);
        (py.detach(|| scoring.join()), read)
    });
    let read = read?;
    let scorer = scored.map_err(|payload| panic_error(payload.as_ref()))?;
    if read.is_some() {
        return run(py, lang, move || scorer.finish()).map(Results::new);
    }
    // What was scored before the first unit that does not read is let go before the input is
    // read again (a national run's results, with a problem near its end).
    drop(scorer);
    let text = assessments_json(units, lang)?;
    run(py, lang, move || {
        par_core::wire::score_with(m, &text, lang, detail)
    })
    .map(Results::new)
}

/// Results scored by `score` in the language and keeping the detail asked for (`options`: the
/// `lang` and `detail` arguments as given), off the GIL, the engine's problems raised as a
/// `ParError`: what the functions scoring a text or a file's bytes share.
fn scored(
    py: Python<'_>,
    methodology: &Methodology,
    (lang, detail): (Option<Text<'_>>, Option<Text<'_>>),
    score: impl FnOnce(
            &par_core::Methodology,
            Lang,
            Detail,
        ) -> Result<par_core::Results, par_core::Problems>
        + Send,
) -> PyResult<Results> {
    let lang = language(py, lang)?;
    let detail = asked_detail(py, detail, lang)?;
    let m = &*methodology.inner;
    run(py, lang, move || score(m, lang, detail)).map(Results::new)
}

/// Scores `par.assessments/1` JSON text: a part of its units per core side by side where it is
/// valid, as the command line scores it.
#[pyfunction]
#[pyo3(signature = (methodology, text, *, lang = None, detail = None))]
fn score_json(
    py: Python<'_>,
    methodology: &Methodology,
    text: &str,
    lang: Option<Text<'_>>,
    detail: Option<Text<'_>>,
) -> PyResult<Results> {
    scored(py, methodology, (lang, detail), |m, lang, detail| {
        par_cli::files::score_json_text(m, text, lang, detail)
    })
}

/// Scores a table file (CSV, or Excel's "Unicode Text"): a long table in UTF-8 as the file is
/// read, a piece of whole units at a time on every core, as the command line does; any other
/// read whole in the encoding found, a guessed encoding said in the results' warnings.
#[pyfunction]
#[pyo3(signature = (methodology, path, *, lang = None, detail = None))]
fn score_table_file(
    py: Python<'_>,
    methodology: &Methodology,
    path: FilePath,
    lang: Option<Text<'_>>,
    detail: Option<Text<'_>>,
) -> PyResult<Results> {
    let lang = language(py, lang)?;
    let path = path.named(lang)?;
    let detail = asked_detail(py, detail, lang)?;
    let (m, file_path) = (Arc::clone(&methodology.inner), path.clone());
    let as_read = run(py, lang, move || {
        par_cli::files::score_csv_file_as_read(&m, &file_path, lang, detail).transpose()
    })?;
    if let Some(results) = as_read {
        return Ok(Results::new(results));
    }
    let file = crate::files::read_table_text(py, &path, lang)?;
    let m = Arc::clone(&methodology.inner);
    let mut results = run(py, lang, move || {
        par_core::wire::score_csv_with(&m, &file.text, lang, detail)
    })?;
    if file.guessed {
        results.note_encoding_guessed(Some(&path.display().to_string()), file.encoding, lang);
    }
    Ok(Results::new(results))
}

/// Scores a workbook's sheet (xlsx, xls, ods), read by the command line's own readers: the first
/// sheet, or the one named (or numbered from 1) by `sheet`.
#[pyfunction]
#[pyo3(signature = (methodology, path, *, sheet = None, lang = None, detail = None))]
fn score_sheet_file(
    py: Python<'_>,
    methodology: &Methodology,
    path: FilePath,
    sheet: Option<&str>,
    lang: Option<Text<'_>>,
    detail: Option<Text<'_>>,
) -> PyResult<Results> {
    let lang = language(py, lang)?;
    let path = path.named(lang)?;
    let detail = asked_detail(py, detail, lang)?;
    let table = crate::files::read_table(py, &path, sheet, lang)?.table;
    let m = Arc::clone(&methodology.inner);
    run(py, lang, move || {
        table.score(|| Scorer::new(&m, lang).with_detail(detail))
    })
    .map(Results::new)
}

/// A table file (CSV, Excel's "Unicode Text", or a workbook's sheet: the first past a cover, or
/// the one named or numbered by `sheet`) read into assessments, with what reading did with it:
/// `{"assessments": …, "warnings": […]}` JSON, as `par_core::wire::read_table` writes it. A JSON
/// document comes back as read (`par_core::wire::read_json`), as from its bytes.
#[pyfunction]
#[pyo3(signature = (methodology, path, *, sheet = None, lang = None))]
fn read_table_file(
    py: Python<'_>,
    methodology: &Methodology,
    path: FilePath,
    sheet: Option<&str>,
    lang: Option<Text<'_>>,
) -> PyResult<String> {
    let lang = language(py, lang)?;
    let path = path.named(lang)?;
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
    {
        let text = crate::files::read_json(py, &path, DocumentKind::Assessments, lang)?;
        return run(py, lang, move || par_core::wire::read_json(&text));
    }
    let file = crate::files::read_table(py, &path, sheet, lang)?;
    let (m, name) = (Arc::clone(&methodology.inner), path.display().to_string());
    run(py, lang, move || {
        let guessed = file.guessed.map(|e| (e, Some(name.as_str())));
        par_core::wire::read_table(&m, &file.table, guessed, lang)
    })
}

/// Scores a file's bytes (an upload a portal's back end received): a workbook's sheet, as
/// [`score_sheet_file`] scores one, a JSON document, or a text table in whichever encoding Excel
/// saved it, as [`score_table_file`] reads one, a guessed encoding said in the results' warnings.
#[pyfunction]
#[pyo3(signature = (methodology, data, *, sheet = None, lang = None, detail = None))]
fn score_file_bytes(
    py: Python<'_>,
    methodology: &Methodology,
    data: Vec<u8>,
    sheet: Option<String>,
    lang: Option<Text<'_>>,
    detail: Option<Text<'_>>,
) -> PyResult<Results> {
    scored(
        py,
        methodology,
        (lang, detail),
        |m, lang, detail| match par_sheets::assessments_file(data, sheet.as_deref())? {
            AssessmentsFile::Workbook(table) => {
                table.score(|| Scorer::new(m, lang).with_detail(detail))
            }
            AssessmentsFile::Text(text) => {
                let guessed = text.guessed.then_some(text.encoding);
                par_core::wire::score_decoded(m, &text.text, guessed, lang, detail)
            }
            AssessmentsFile::Json(text) => par_cli::files::score_json_text(m, &text, lang, detail),
        },
    )
}

/// A file's bytes read into assessments, with what reading did with it, as [`read_table_file`]
/// reads the file and [`score_file_bytes`] scores the bytes (a JSON document is read as it is,
/// with no warning).
#[pyfunction]
#[pyo3(signature = (methodology, data, *, sheet = None, lang = None))]
fn read_file_bytes(
    py: Python<'_>,
    methodology: &Methodology,
    data: Vec<u8>,
    sheet: Option<String>,
    lang: Option<Text<'_>>,
) -> PyResult<String> {
    let lang = language(py, lang)?;
    let m = Arc::clone(&methodology.inner);
    run(py, lang, move || {
        match par_sheets::assessments_file(data, sheet.as_deref())? {
            AssessmentsFile::Workbook(table) => par_core::wire::read_table(&m, &table, None, lang),
            AssessmentsFile::Text(text) => {
                let guessed = text.guessed.then_some(text.encoding);
                par_core::wire::read_csv(&m, &text.text, guessed, &Default::default(), lang)
            }
            AssessmentsFile::Json(text) => par_core::wire::read_json(&text),
        }
    })
}

/// A table given column by column (a DataFrame's, as [`score_columns`] takes it) read into
/// assessments, with what reading did with it, as [`read_table_file`] reads a file: the columns
/// of floats said in the warnings.
#[pyfunction]
#[pyo3(signature = (methodology, header, columns, float_columns, missing, *, named = true, lang = None))]
#[expect(
    clippy::too_many_arguments,
    reason = "the Python function's arguments, as `parindex.read_table` passes a DataFrame's parts"
)]
fn read_table_columns(
    py: Python<'_>,
    methodology: &Methodology,
    header: Vec<Bound<'_, PyAny>>,
    columns: Vec<Bound<'_, PyList>>,
    float_columns: Vec<bool>,
    missing: &Bound<'_, PyAny>,
    named: bool,
    lang: Option<Text<'_>>,
) -> PyResult<String> {
    let lang = language(py, lang)?;
    let header = header_texts(&header, lang)?;
    let table = table(header, &columns, &float_columns, missing, named, lang)?;
    let m = Arc::clone(&methodology.inner);
    run(py, lang, move || {
        par_core::wire::read_table(&m, &table, None, lang)
    })
}

/// Scores a table given column by column; `float_columns` flags the columns of floats. Columns
/// not `named` (`header=None`) have the header as their first row, as the sheet has.
#[pyfunction]
#[pyo3(signature = (methodology, header, columns, float_columns, missing, *, named = true, lang = None, detail = None))]
#[expect(
    clippy::too_many_arguments,
    reason = "the Python function's arguments, as `parindex.score` passes a DataFrame's parts"
)]
fn score_columns(
    py: Python<'_>,
    methodology: &Methodology,
    header: Vec<Bound<'_, PyAny>>,
    columns: Vec<Bound<'_, PyList>>,
    float_columns: Vec<bool>,
    missing: &Bound<'_, PyAny>,
    named: bool,
    lang: Option<Text<'_>>,
    detail: Option<Text<'_>>,
) -> PyResult<Results> {
    let lang = language(py, lang)?;
    let detail = asked_detail(py, detail, lang)?;
    let header = header_texts(&header, lang)?;
    let m = &*methodology.inner;
    let given = ColumnsRead {
        header: &header,
        columns: &columns,
        float_columns: &float_columns,
        missing,
        first_row: 2,
        lang,
    };
    given.check_lengths()?;
    // Rows stream under a header named as a long table's; a header in the first row is read whole.
    if named {
        if let Some(results) = given.scored_row_by_row(py, m, lang, detail)? {
            return Ok(Results::new(results));
        }
    }
    // Not a regular long table: read whole, which says what is wrong with it. It has just shown
    // that it does not stream, so it is not tried so again (as `score_table` would).
    let table = table(
        header.clone(),
        &columns,
        &float_columns,
        missing,
        named,
        lang,
    )?;
    run(py, lang, || {
        table.score_whole(Scorer::new(m, lang).with_detail(detail))
    })
    .map(Results::new)
}

/// The detail the results keep, by name (`full`, the default, or `scores`); another name is a
/// `ParError` in the call's language.
fn asked_detail(py: Python<'_>, asked: Option<Text<'_>>, lang: Lang) -> PyResult<Detail> {
    let asked = asked.map(|a| a.at("detail", lang)).transpose()?;
    Detail::resolve(asked).map_err(|refused| crate::engine_error(py, &refused.into(), lang))
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(score_units, m)?)?;
    m.add_function(wrap_pyfunction!(score_json, m)?)?;
    m.add_function(wrap_pyfunction!(score_table_file, m)?)?;
    m.add_function(wrap_pyfunction!(score_sheet_file, m)?)?;
    m.add_function(wrap_pyfunction!(read_table_file, m)?)?;
    m.add_function(wrap_pyfunction!(read_table_columns, m)?)?;
    m.add_function(wrap_pyfunction!(score_file_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(read_file_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(score_columns, m)?)?;
    Ok(())
}
