//! A `par.assessments/1` text the reader of valid documents stepped aside for, read for every
//! problem with its place, a unit at a time: each unit is read as a JSON value and turned into a
//! unit, or its problems, and handed on ([`TakesUnits`]: a list keeping it, or a scorer scoring
//! it) before the next is read. Read as one JSON value, a national run with one bad field near
//! its end stood in memory as sixteen times its text (1.96 GB for 124 MB, more than a browser
//! tab's WebAssembly memory can hold); now one unit's value does, and of a unit giving more
//! entries than a unit may have ([`limits::UNIT_ENTRIES`]) no more than that many: the rest are
//! read and let go. Scored as they are read, the units are not held either, only what the scorer
//! keeps (no results once a unit's problem refuses the document; a problem of the document's own
//! fields is known only at its end). What is found, and in what order, is what
//! reading the document as one value found: every value is still read as a JSON value (a number
//! out of range in an unknown field is still reported), a field given twice still counts once,
//! with its last value, in its first place.
//!
//! Every part is read by one visitor ([`Part`]), so that serde_json's reader of any value is in
//! the WebAssembly module once, not once a part (four copies cost 1.5 KiB of its 300 gzipped).

use super::{check_unit_count, parse_unit, UnitAssessment, ASSESSMENTS_SCHEMA};
use crate::error::{Collector, ErrorCode, ParError, Problems, Read};
use crate::json::parse_with;
use crate::limits;
use crate::results::Results;
use crate::score::Scorer;
use crate::text::{DocumentKind, ReadingMsg};
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use std::fmt;

/// [`read_assessments`](super::read_assessments) for a text known not to read as valid: the walk
/// that finds every problem with its place.
pub(crate) fn read_reporting_problems(text: &str) -> Result<Read<Vec<UnitAssessment>>, Problems> {
    let mut units = Vec::new();
    let problems = read_units_into(text, &mut units)?;
    Ok(Read {
        value: units,
        problems,
    })
}

/// [`read_reporting_problems`], each unit handed to `scorer` as it is read: what scoring the
/// units read gives ([`crate::score`]), without holding them.
pub(crate) fn score_reporting_problems(
    text: &str,
    mut scorer: Scorer,
) -> Result<Results, Problems> {
    let problems = read_units_into(text, &mut scorer)?;
    scorer.finish_given(problems)
}

/// Reads the units of `text` into `units`, giving the problems found in them; the problems
/// of the document itself (not a list of units, a wrong schema, too many units) alone, as an
/// error, the units read then being of no use.
fn read_units_into(text: &str, units: &mut dyn TakesUnits) -> Result<Vec<ParError>, Problems> {
    let read = match parse_with(text, |de| Part::Top(units).deserialize(de))? {
        Got::Units(read) => read,
        Got::Document(document) => document.units()?,
        _ => return Err(ParError::new(ErrorCode::BadJson, ReadingMsg::NotAssessments).into()),
    };
    check_unit_count(read.given)?;
    Ok(read.problems.into_problems())
}

/// A unit given on its own (a form) read as a unit of a list is: its JSON value, and whether it
/// gave more entries than a unit may have, which are then left out (see [`super::parse_unit`]).
pub(crate) fn read_unit_text(text: &str) -> Result<(Value, bool), ParError> {
    let unit = parse_with(text, |de| Part::Unit.deserialize(de))?.unit();
    Ok((unit.value, unit.entries_past_limit))
}

/// What the units of a document are handed to as they are read. Unlike the reader of valid
/// documents' [`super::Units`], which steps aside at the first unit past the limits, this walk
/// hands on every unit, so that a scorer counts them and refuses them as [`crate::score`] does.
trait TakesUnits {
    /// Takes the next unit read.
    fn take(&mut self, unit: UnitAssessment);
    /// Hears that reading found a problem: the document is refused.
    fn refused(&mut self);
    /// Lets go of every unit taken: a document giving `units` twice counts the last.
    fn start_again(&mut self);
}

impl TakesUnits for Vec<UnitAssessment> {
    fn take(&mut self, unit: UnitAssessment) {
        self.push(unit);
    }
    fn refused(&mut self) {}
    fn start_again(&mut self) {
        self.clear();
    }
}

impl TakesUnits for Scorer<'_> {
    fn take(&mut self, unit: UnitAssessment) {
        self.add(unit);
    }
    fn refused(&mut self) {
        Scorer::refused(self);
    }
    fn start_again(&mut self) {
        *self = self.anew();
    }
}

/// The part of the document a value is read as.
enum Part<'u> {
    /// The whole text: a list of units, or a document's fields; the units go to what takes them.
    Top(&'u mut dyn TakesUnits),
    /// A document's `units`.
    UnitList(&'u mut dyn TakesUnits),
    /// One unit.
    Unit,
    /// A unit's `entries`.
    Entries,
}

/// What reading a part gave.
enum Got {
    /// A list of units (the top, or a document's `units`).
    Units(UnitsRead),
    /// A document's fields.
    Document(DocumentRead),
    /// A unit.
    Unit(UnitGiven),
    /// A unit's entries, as a JSON value: an object of at most [`limits::UNIT_ENTRIES`] codes, or
    /// whatever else was given.
    Entries(Value),
    /// More entries than a unit may have, read and let go.
    EntriesPastLimit,
    /// Anything else: a top or a `units` that is not a list.
    Other,
}

impl Got {
    /// A unit, as the part [`Part::Unit`] gives it.
    fn unit(self) -> UnitGiven {
        match self {
            Got::Unit(unit) => unit,
            _ => UnitGiven::NOT_AN_OBJECT,
        }
    }
}

/// A list of units read, each handed on as it came: the problems found in them.
#[derive(Default)]
struct UnitsRead {
    problems: Collector,
    /// How many the list gave: past [`limits::UNITS`], the list is refused for that alone, and
    /// the units after the limit are read as JSON only.
    given: usize,
}

impl UnitsRead {
    fn read_from<'de, A: SeqAccess<'de>>(
        mut list: A,
        taker: &mut dyn TakesUnits,
    ) -> Result<Self, A::Error> {
        let mut units = UnitsRead::default();
        while let Some(unit) = list.next_element_seed(Part::Unit)? {
            let unit = unit.unit();
            let at = units.given;
            units.given += 1;
            if units.given <= limits::UNITS.max {
                let place = format!("units[{at}]");
                let (value, past) = (unit.value, unit.entries_past_limit);
                let clean = units.problems.is_empty();
                let read = parse_unit(value, &place, past, &mut units.problems);
                // Told at the first problem, a scorer keeps no more results from then on.
                if clean && !units.problems.is_empty() {
                    taker.refused();
                }
                read.into_iter().for_each(|unit| taker.take(unit));
            }
        }
        Ok(units)
    }
}

/// The fields of a document as read; a field given twice counts once, with its last value.
#[derive(Default)]
struct DocumentRead {
    schema: Option<Value>,
    /// The units, or `None` where `units` is not a list.
    units: Option<Option<UnitsRead>>,
    /// The fields a document does not have, in the order first given (their values are not
    /// kept: a JSON map is the set of their names).
    unknown: serde_json::Map<String, Value>,
}

impl DocumentRead {
    fn read_from<'de, A: MapAccess<'de>>(
        mut fields: A,
        taker: &mut dyn TakesUnits,
    ) -> Result<Self, A::Error> {
        let mut document = DocumentRead::default();
        while let Some(field) = fields.next_key::<String>()? {
            match field.as_str() {
                "schema" => document.schema = Some(fields.next_value()?),
                "units" => {
                    if document.units.is_some() {
                        taker.start_again();
                    }
                    let units = match fields.next_value_seed(Part::UnitList(&mut *taker))? {
                        Got::Units(units) => Some(units),
                        _ => None,
                    };
                    document.units = Some(units);
                }
                _ => {
                    fields.next_value::<Value>()?;
                    document.unknown.insert(field, Value::Null);
                }
            }
        }
        Ok(document)
    }

    /// The units, if the document's own fields are as its format has them; else their problems,
    /// and none of the units'.
    fn units(self) -> Result<UnitsRead, Problems> {
        // Another of the engine's documents (results given to be scored): said alone, not with
        // every field that kind has and assessments lack.
        let wanted = DocumentKind::Assessments;
        if let Some(Value::String(schema)) = &self.schema {
            if let Some(given) = DocumentKind::of_schema(schema).filter(|&k| k != wanted) {
                let message = ReadingMsg::OtherDocument { given, wanted };
                let problem = ParError::new(ErrorCode::UnsupportedSchema, message);
                return Err(problem.field("schema").value(schema.as_str()).into());
            }
        }
        let mut problems = Collector::default();
        match self.schema {
            Some(Value::String(s)) if s == ASSESSMENTS_SCHEMA => {}
            other => problems.push(
                ParError::new(
                    ErrorCode::UnsupportedSchema,
                    ReadingMsg::SchemaMustBe {
                        schema: ASSESSMENTS_SCHEMA.into(),
                    },
                )
                .field("schema")
                .value(other.map(|v| v.to_string()).unwrap_or_default()),
            ),
        }
        let units = self.units.flatten().unwrap_or_else(|| {
            problems.push(
                ParError::new(ErrorCode::MissingField, ReadingMsg::NoUnitList).field("units"),
            );
            UnitsRead::default()
        });
        for field in self.unknown.into_iter().map(|(field, _)| field) {
            problems.push(
                ParError::new(
                    ErrorCode::UnknownField,
                    ReadingMsg::UnknownField {
                        field: field.clone(),
                        expected: vec!["schema".into(), "units".into()],
                    },
                )
                .field(field),
            );
        }
        problems.finish(())?;
        Ok(units)
    }
}

/// A unit of the list as read: its JSON value, its entries left out (a placeholder in their
/// place) when it gave more than a unit may have (`entries_past_limit`).
struct UnitGiven {
    value: Value,
    entries_past_limit: bool,
}

impl UnitGiven {
    /// A unit that is not an object, which is all that is said of it.
    const NOT_AN_OBJECT: UnitGiven = UnitGiven {
        value: Value::Null,
        entries_past_limit: false,
    };

    fn read_from<'de, A: MapAccess<'de>>(mut fields: A) -> Result<Self, A::Error> {
        let mut unit = serde_json::Map::new();
        let mut entries_past_limit = false;
        while let Some(field) = fields.next_key::<String>()? {
            if field != "entries" {
                let value = fields.next_value()?;
                unit.insert(field, value);
                continue;
            }
            // A field given twice counts with its last value, in its first place (where a
            // placeholder keeps it, which the unit's unknown fields are named after).
            let (entries, past_limit) = match fields.next_value_seed(Part::Entries)? {
                Got::Entries(entries) => (entries, false),
                _ => (Value::Null, true),
            };
            unit.insert(field, entries);
            entries_past_limit = past_limit;
        }
        Ok(UnitGiven {
            value: Value::Object(unit),
            entries_past_limit,
        })
    }
}

/// A unit's entries, kept up to the limit; past it, each code and entry is read as the others
/// were, so that what is wrong in it is found as before (a number out of range, nesting past the
/// limit, a lone surrogate), and let go at once.
fn entries_from<'de, A: MapAccess<'de>>(mut codes: A) -> Result<Got, A::Error> {
    let mut entries = serde_json::Map::new();
    while entries.len() <= limits::UNIT_ENTRIES.max {
        let Some(code) = codes.next_key::<String>()? else {
            return Ok(Got::Entries(Value::Object(entries)));
        };
        let entry = codes.next_value()?;
        entries.insert(code, entry);
    }
    drop(entries);
    while codes.next_key::<String>()?.is_some() {
        codes.next_value::<Value>()?;
    }
    Ok(Got::EntriesPastLimit)
}

/// The items of a list, each read as a JSON value, as serde_json reads a list (read so rather
/// than through serde's adapters, which would make the module carry a second copy of
/// serde_json's reader of values).
fn values_of<'de, A: SeqAccess<'de>>(mut list: A) -> Result<Vec<Value>, A::Error> {
    let mut items = Vec::new();
    while let Some(item) = list.next_element()? {
        items.push(item);
    }
    Ok(items)
}

impl Part<'_> {
    /// What a value that is neither a list nor an object gives, read whole by serde_json before
    /// it is visited: only entries keep it (their problem quotes it).
    fn scalar(self, value: Value) -> Got {
        match self {
            Part::Top(_) | Part::UnitList(_) => Got::Other,
            Part::Unit => Got::Unit(UnitGiven::NOT_AN_OBJECT),
            Part::Entries => Got::Entries(value),
        }
    }
}

impl<'de> DeserializeSeed<'de> for Part<'_> {
    type Value = Got;

    fn deserialize<D: Deserializer<'de>>(self, value: D) -> Result<Got, D::Error> {
        value.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Part<'_> {
    type Value = Got;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("assessments")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, list: A) -> Result<Got, A::Error> {
        match self {
            Part::Top(taker) | Part::UnitList(taker) => {
                UnitsRead::read_from(list, taker).map(Got::Units)
            }
            Part::Unit | Part::Entries => {
                values_of(list).map(|items| self.scalar(Value::Array(items)))
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut fields: A) -> Result<Got, A::Error> {
        match self {
            Part::Top(taker) => DocumentRead::read_from(fields, taker).map(Got::Document),
            Part::Unit => UnitGiven::read_from(fields).map(Got::Unit),
            Part::Entries => entries_from(fields),
            // An object given as `units` is no list; it is read whole all the same.
            Part::UnitList(_) => {
                while fields.next_key::<String>()?.is_some() {
                    fields.next_value::<Value>()?;
                }
                Ok(Got::Other)
            }
        }
    }

    fn visit_bool<E>(self, v: bool) -> Result<Got, E> {
        Ok(self.scalar(Value::Bool(v)))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Got, E> {
        Ok(self.scalar(Value::from(v)))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Got, E> {
        Ok(self.scalar(Value::from(v)))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Got, E> {
        Ok(self.scalar(Value::from(v)))
    }

    fn visit_str<E>(self, v: &str) -> Result<Got, E> {
        Ok(self.scalar(Value::from(v)))
    }

    fn visit_unit<E>(self) -> Result<Got, E> {
        Ok(self.scalar(Value::Null))
    }
}
