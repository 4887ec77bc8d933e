//! A `par.assessments/1` text the reader of valid documents stepped aside for, read for every
//! problem with its place, a unit at a time: each unit is read as a JSON value and turned into a
//! unit, or its problems, before the next is read. Read as one JSON value, a national run with
//! one bad field near its end stood in memory as sixteen times its text (1.96 GB for 124 MB,
//! more than a browser tab's WebAssembly memory can hold); now one unit's value does, and of a
//! unit giving more entries than a unit may have ([`limits::UNIT_ENTRIES`]) no more than that
//! many: the rest are read and let go. What is found, and in what order, is what reading the
//! document as one value found: every value is still read as a JSON value (a number out of range
//! in an unknown field is still reported), a field given twice still counts once, with its last
//! value, in its first place.

use super::{check_unit_count, parse_unit, UnitAssessment, ASSESSMENTS_SCHEMA};
use crate::error::{Collector, ErrorCode, ParError, Problems, Read};
use crate::json::parse_with;
use crate::limits;
use crate::text::ReadingMsg;
use indexmap::IndexSet;
use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::Value;
use std::fmt;

/// [`read_assessments`](super::read_assessments) for a text known not to read as valid: the walk
/// that finds every problem with its place.
pub(crate) fn read_reporting_problems(text: &str) -> Result<Read<Vec<UnitAssessment>>, Problems> {
    let units = match parse_with(text, |de| de.deserialize_any(TopVisitor))? {
        Top::Units(units) => units,
        Top::Document(document) => document.units()?,
        Top::Other => {
            return Err(ParError::new(ErrorCode::BadJson, ReadingMsg::NotAssessments).into());
        }
    };
    check_unit_count(units.given)?;
    Ok(units.problems.into_read(units.read))
}

/// A unit given on its own (a form) read as a unit of a list is: its JSON value, and whether it
/// gave more entries than a unit may have, which are then left out (see [`super::parse_unit`]).
pub(crate) fn read_unit_text(text: &str) -> Result<(Value, bool), ParError> {
    let unit = parse_with(text, |de| UnitSeed.deserialize(de))?;
    Ok((unit.value, unit.entries_past_limit))
}

/// The units of a list, each read as it came, with the problems found in them.
#[derive(Default)]
struct UnitsRead {
    read: Vec<UnitAssessment>,
    problems: Collector,
    /// How many the list gave: past [`limits::UNITS`], the list is refused for that alone, and
    /// the units after the limit are read as JSON only.
    given: usize,
}

impl UnitsRead {
    fn read_from<'de, A: SeqAccess<'de>>(mut list: A) -> Result<Self, A::Error> {
        let mut units = UnitsRead::default();
        while let Some(unit) = list.next_element_seed(UnitSeed)? {
            let at = units.given;
            units.given += 1;
            if units.given <= limits::UNITS.max {
                let place = format!("units[{at}]");
                let (value, past) = (unit.value, unit.entries_past_limit);
                let read = parse_unit(value, &place, past, &mut units.problems);
                units.read.extend(read);
            }
        }
        Ok(units)
    }
}

/// The top of the text.
enum Top {
    /// A bare list of units.
    Units(UnitsRead),
    /// An object: the document's fields.
    Document(DocumentRead),
    /// Anything else.
    Other,
}

/// The fields of a document as read; a field given twice counts once, with its last value.
#[derive(Default)]
struct DocumentRead {
    schema: Option<Value>,
    /// The units, or `None` where `units` is not a list.
    units: Option<Option<UnitsRead>>,
    /// The fields a document does not have, in the order first given.
    unknown: IndexSet<String>,
}

impl DocumentRead {
    fn read_from<'de, A: MapAccess<'de>>(mut fields: A) -> Result<Self, A::Error> {
        let mut document = DocumentRead::default();
        while let Some(field) = fields.next_key::<String>()? {
            match field.as_str() {
                "schema" => document.schema = Some(fields.next_value()?),
                "units" => document.units = Some(fields.next_value_seed(UnitList)?),
                _ => {
                    fields.next_value::<Value>()?;
                    document.unknown.insert(field);
                }
            }
        }
        Ok(document)
    }

    /// The units, if the document's own fields are as its format has them; else their problems,
    /// and none of the units'.
    fn units(self) -> Result<UnitsRead, Problems> {
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
        for field in self.unknown {
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

/// A value other than a list or an object, read whole by serde_json before it is visited: what
/// the visitor `$visitor` makes of it is `$other`.
macro_rules! scalars_are {
    ($other:expr) => {
        fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
            Ok($other)
        }
        fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
            Ok($other)
        }
        fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
            Ok($other)
        }
        fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
            Ok($other)
        }
        fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
            Ok($other)
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok($other)
        }
    };
}

struct TopVisitor;

impl<'de> Visitor<'de> for TopVisitor {
    type Value = Top;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("assessments")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, list: A) -> Result<Top, A::Error> {
        UnitsRead::read_from(list).map(Top::Units)
    }

    fn visit_map<A: MapAccess<'de>>(self, fields: A) -> Result<Top, A::Error> {
        DocumentRead::read_from(fields).map(Top::Document)
    }

    scalars_are!(Top::Other);
}

/// The value of a document's `units`: its units if it is a list, else `None` (the value read
/// whole all the same).
struct UnitList;

impl<'de> DeserializeSeed<'de> for UnitList {
    type Value = Option<UnitsRead>;

    fn deserialize<D: Deserializer<'de>>(self, value: D) -> Result<Self::Value, D::Error> {
        value.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for UnitList {
    type Value = Option<UnitsRead>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of units")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, list: A) -> Result<Self::Value, A::Error> {
        UnitsRead::read_from(list).map(Some)
    }

    fn visit_map<A: MapAccess<'de>>(self, fields: A) -> Result<Self::Value, A::Error> {
        Value::deserialize(MapAccessDeserializer::new(fields))?;
        Ok(None)
    }

    scalars_are!(None);
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
}

struct UnitSeed;

impl<'de> DeserializeSeed<'de> for UnitSeed {
    type Value = UnitGiven;

    fn deserialize<D: Deserializer<'de>>(self, value: D) -> Result<UnitGiven, D::Error> {
        value.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for UnitSeed {
    type Value = UnitGiven;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a unit")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut fields: A) -> Result<UnitGiven, A::Error> {
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
            let (entries, past_limit) = match fields.next_value_seed(EntriesSeed)? {
                EntriesGiven::Read(entries) => (entries, false),
                EntriesGiven::PastLimit => (Value::Null, true),
            };
            unit.insert(field, entries);
            entries_past_limit = past_limit;
        }
        Ok(UnitGiven {
            value: Value::Object(unit),
            entries_past_limit,
        })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, list: A) -> Result<UnitGiven, A::Error> {
        Value::deserialize(SeqAccessDeserializer::new(list))?;
        Ok(UnitGiven::NOT_AN_OBJECT)
    }

    scalars_are!(UnitGiven::NOT_AN_OBJECT);
}

/// A unit's `entries` as read: its JSON value (an object of at most [`limits::UNIT_ENTRIES`]
/// codes, or whatever else was given), or more codes than that, which were read but not kept.
enum EntriesGiven {
    Read(Value),
    PastLimit,
}

struct EntriesSeed;

impl<'de> DeserializeSeed<'de> for EntriesSeed {
    type Value = EntriesGiven;

    fn deserialize<D: Deserializer<'de>>(self, value: D) -> Result<EntriesGiven, D::Error> {
        value.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for EntriesSeed {
    type Value = EntriesGiven;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a unit's entries")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut codes: A) -> Result<EntriesGiven, A::Error> {
        let mut entries = serde_json::Map::new();
        while entries.len() <= limits::UNIT_ENTRIES.max {
            let Some(code) = codes.next_key::<String>()? else {
                return Ok(EntriesGiven::Read(Value::Object(entries)));
            };
            let entry = codes.next_value()?;
            entries.insert(code, entry);
        }
        // Past the limit, each code and entry is read as the others were, so that what is wrong
        // in it is found as before (a number out of range, nesting past the limit, a lone
        // surrogate), and let go at once.
        drop(entries);
        while codes.next_key::<String>()?.is_some() {
            codes.next_value::<Value>()?;
        }
        Ok(EntriesGiven::PastLimit)
    }

    // Anything else is a problem that quotes it: it is kept as serde_json reads it.
    fn visit_seq<A: SeqAccess<'de>>(self, list: A) -> Result<EntriesGiven, A::Error> {
        Value::deserialize(SeqAccessDeserializer::new(list)).map(EntriesGiven::Read)
    }

    fn visit_bool<E>(self, v: bool) -> Result<EntriesGiven, E> {
        Ok(EntriesGiven::Read(Value::Bool(v)))
    }

    fn visit_i64<E>(self, v: i64) -> Result<EntriesGiven, E> {
        Ok(EntriesGiven::Read(Value::from(v)))
    }

    fn visit_u64<E>(self, v: u64) -> Result<EntriesGiven, E> {
        Ok(EntriesGiven::Read(Value::from(v)))
    }

    fn visit_f64<E>(self, v: f64) -> Result<EntriesGiven, E> {
        Ok(EntriesGiven::Read(Value::from(v)))
    }

    fn visit_str<E>(self, v: &str) -> Result<EntriesGiven, E> {
        Ok(EntriesGiven::Read(Value::from(v)))
    }

    fn visit_unit<E>(self) -> Result<EntriesGiven, E> {
        Ok(EntriesGiven::Read(Value::Null))
    }
}
