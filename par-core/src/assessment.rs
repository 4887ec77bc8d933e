//! Assessments: what units submit (self-scores, evidence, explanations), what appraisal councils
//! decide (ordered rounds with reasons), survey results, and already final values.
//!
//! Reading is per entry, so one malformed entry does not hide the problems of the others.

use crate::decimal::Dec;
use crate::error::{Collector, ErrorCode, ParError, Problems, Read};
use crate::json::{from_value, parse_value};
use indexmap::IndexMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub const ASSESSMENTS_SCHEMA: &str = "par.assessments/1";
/// Most units accepted in one input (the national commune run is about 10,600).
pub const MAX_UNITS: usize = 100_000;

/// One unit's assessment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitAssessment {
    /// The unit's name (province, department, district, commune).
    pub unit: String,
    /// The block it is ranked in (sở, huyện, xã).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block: Option<String>,
    /// Inputs per node code, in the order given.
    #[serde(default)]
    pub entries: IndexMap<String, Entry>,
}

/// The inputs for one node.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The self-assessed score, in the rule's input domain (points, option label, yes/no, measure).
    #[serde(rename = "self", default, skip_serializing_if = "Option::is_none")]
    pub self_score: Option<InputValue>,
    /// References to evidence documents (tài liệu kiểm chứng).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// The unit's explanation (giải trình).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
    /// Appraisal rounds, in increasing round number; the last one counts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub appraisals: Vec<Appraisal>,
    /// Survey result, for survey-assessed leaves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub survey: Option<SurveyInput>,
    /// An already final number of points (for a leaf, or a whole parent node).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Dec>,
    /// Filled in by scoring, in results only: the points the self-score was worth, at the
    /// output scale.
    #[serde(skip)]
    pub self_points: Option<Dec>,
    /// Filled in by scoring: how the rule turned the counted input into points.
    #[serde(skip)]
    pub rule: Option<String>,
}

impl Entry {
    /// Whether anything at all was entered.
    pub fn is_empty(&self) -> bool {
        self.self_score.is_none()
            && self.appraisals.is_empty()
            && self.survey.is_none()
            && self.value.is_none()
            && self.evidence.is_empty()
            && self.explanation.is_none()
    }
    /// Whether the entry carries a score (not only evidence or an explanation).
    pub fn has_score(&self) -> bool {
        self.self_score.is_some()
            || !self.appraisals.is_empty()
            || self.survey.is_some()
            || self.value.is_some()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Appraisal {
    pub round: u32,
    pub value: InputValue,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Who appraised (council, officer).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// The points the value is worth, at the output scale: filled in by scoring, in results
    /// only (an input that gives it is refused).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<Dec>,
}

/// A survey result: percent satisfied (points = max × percent / 100), or points directly.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum SurveyInput {
    Percent(Dec),
    Points(Dec),
}

/// An input in a rule's domain: text (a decimal, an option label, "yes"/"no") or a boolean.
/// JSON numbers are refused: decimals travel as strings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputValue {
    Text(String),
    Flag(bool),
}

impl InputValue {
    pub fn as_text(&self) -> String {
        match self {
            InputValue::Text(t) => t.clone(),
            InputValue::Flag(b) => b.to_string(),
        }
    }
}

impl Serialize for InputValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            InputValue::Text(t) => s.serialize_str(t),
            InputValue::Flag(b) => s.serialize_bool(*b),
        }
    }
}

impl<'de> Deserialize<'de> for InputValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = InputValue;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string (decimal, option label, yes/no) or a boolean")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<InputValue, E> {
                Ok(InputValue::Text(v.to_string()))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<InputValue, E> {
                Ok(InputValue::Text(v))
            }
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<InputValue, E> {
                Ok(InputValue::Flag(v))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<InputValue, E> {
                Err(E::custom(crate::decimal::quote_hint(&v.to_string())))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<InputValue, E> {
                Err(E::custom(crate::decimal::quote_hint(&v.to_string())))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<InputValue, E> {
                Err(E::custom(crate::decimal::quote_hint(&v.to_string())))
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// The wire form of a set of assessments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssessmentSet {
    pub schema: String,
    pub units: Vec<UnitAssessment>,
}

impl AssessmentSet {
    pub fn new(units: Vec<UnitAssessment>) -> Self {
        AssessmentSet {
            schema: ASSESSMENTS_SCHEMA.to_string(),
            units,
        }
    }

    pub fn to_json(&self) -> String {
        crate::json::to_pretty(self)
    }
}

/// Reads assessments: `{"schema": "par.assessments/1", "units": [...]}` or a bare list of units.
/// Every malformed unit and entry is reported, each with its unit, node code and field.
pub fn parse_assessments(text: &str) -> Result<Vec<UnitAssessment>, Problems> {
    read_assessments(text)?.into_result()
}

/// Like [`parse_assessments`], but keeps what is readable beside the problems, so that scoring
/// can report the problems of the readable part too ([`crate::score_read`]).
pub fn read_assessments(text: &str) -> Result<Read<Vec<UnitAssessment>>, Problems> {
    // Valid input, the usual case, is read in one typed pass; only input with problems takes the
    // slower walk that finds every problem with its place.
    if let Some(units) = read_valid(text) {
        return Ok(Read {
            value: units,
            problems: Vec::new(),
        });
    }
    let value = parse_value(text)?;
    let units = match value {
        serde_json::Value::Array(units) => units,
        serde_json::Value::Object(mut doc) => {
            let mut problems = Collector::default();
            match doc.remove("schema") {
                Some(serde_json::Value::String(s)) if s == ASSESSMENTS_SCHEMA => {}
                other => problems.push(
                    ParError::new(
                        ErrorCode::UnsupportedSchema,
                        format!("schema must be \"{ASSESSMENTS_SCHEMA}\""),
                    )
                    .field("schema")
                    .value(other.map(|v| v.to_string()).unwrap_or_default()),
                ),
            }
            let units = match doc.remove("units") {
                Some(serde_json::Value::Array(units)) => units,
                _ => {
                    problems.push(
                        ParError::new(ErrorCode::MissingField, "expected a list of units")
                            .field("units"),
                    );
                    Vec::new()
                }
            };
            for key in doc.keys() {
                problems.push(
                    ParError::new(
                        ErrorCode::UnknownField,
                        format!("unknown field `{key}`, expected `schema` or `units`"),
                    )
                    .field(key),
                );
            }
            problems.finish(())?;
            units
        }
        _ => {
            return Err(ParError::new(
                ErrorCode::BadJson,
                "expected an object with `schema` and `units`, or a list of units",
            )
            .into())
        }
    };
    check_unit_count(units.len())?;
    let mut problems = Collector::default();
    let mut out = Vec::with_capacity(units.len());
    for (i, unit) in units.into_iter().enumerate() {
        if let Some(u) = parse_unit(unit, i, &mut problems) {
            out.push(u);
        }
    }
    Ok(problems.into_read(out))
}

/// Refuses more units than [`MAX_UNITS`].
pub(crate) fn check_unit_count(count: usize) -> Result<(), ParError> {
    if count > MAX_UNITS {
        return Err(too_many_units(count));
    }
    Ok(())
}

/// The problem of `count` units, more than [`MAX_UNITS`].
pub(crate) fn too_many_units(count: usize) -> ParError {
    ParError::new(
        ErrorCode::LimitExceeded,
        format!("{count} units given; at most {MAX_UNITS} are accepted"),
    )
    .field("units")
}

/// The units of a valid document, or `None` if anything is wrong with it.
fn read_valid(text: &str) -> Option<Vec<UnitAssessment>> {
    crate::json::check_size(text).ok()?;
    let units = if text.trim_start().starts_with('[') {
        serde_json::from_str::<Vec<UnitAssessment>>(text).ok()?
    } else {
        let set = serde_json::from_str::<AssessmentSet>(text).ok()?;
        (set.schema == ASSESSMENTS_SCHEMA).then_some(set.units)?
    };
    let named = units.iter().all(|u| !u.unit.trim().is_empty());
    (named && units.len() <= MAX_UNITS).then_some(units)
}

fn parse_unit(
    value: serde_json::Value,
    i: usize,
    problems: &mut Collector,
) -> Option<UnitAssessment> {
    let at = format!("units[{i}]");
    let serde_json::Value::Object(mut obj) = value else {
        problems.push(ParError::new(ErrorCode::BadType, "a unit must be an object").field(at));
        return None;
    };
    let name = match obj.remove("unit") {
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => Some(s),
        other => {
            problems.push(
                ParError::new(
                    ErrorCode::MissingField,
                    "every unit needs a non-empty `unit` name",
                )
                .field(format!("{at}.unit"))
                .value(other.map(|v| v.to_string()).unwrap_or_default()),
            );
            None
        }
    };
    let label = name.clone().unwrap_or_else(|| at.clone());
    let block = match obj.remove("block") {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) => Some(s),
        Some(other) => {
            problems.push(
                ParError::new(ErrorCode::BadType, "`block` must be a string")
                    .unit(&label)
                    .field("block")
                    .value(other.to_string()),
            );
            None
        }
    };
    let mut entries = IndexMap::new();
    match obj.remove("entries") {
        None => {}
        Some(serde_json::Value::Object(map)) => {
            for (code, entry) in map {
                match from_value::<Entry>(entry) {
                    Ok(e) => {
                        entries.insert(code, e);
                    }
                    Err(e) => problems.push(e.unit(&label).node(&code)),
                }
            }
        }
        Some(other) => problems.push(
            ParError::new(
                ErrorCode::BadType,
                "`entries` must be an object keyed by node code",
            )
            .unit(&label)
            .field("entries")
            .value(other.to_string()),
        ),
    }
    for key in obj.keys() {
        problems.push(
            ParError::new(
                ErrorCode::UnknownField,
                format!("unknown field `{key}`, expected `unit`, `block` or `entries`"),
            )
            .unit(&label)
            .field(key),
        );
    }
    Some(UnitAssessment {
        unit: name?,
        block,
        entries,
    })
}
