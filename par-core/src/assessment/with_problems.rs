//! A `par.assessments/1` text the reader of valid documents stepped aside for, read for every
//! problem with its place, a unit at a time: each unit is turned into a unit, or its problems,
//! and handed on ([`TakesUnits`]: a list keeping it, or a scorer scoring it) before the next is
//! read. Read as one JSON value, a national run with one bad field near its end stood in memory
//! as sixteen times its text (1.96 GB for 124 MB, more than a browser tab's WebAssembly memory
//! can hold); now one unit's value does at most, and of a unit giving more entries than a unit
//! may have ([`limits::UNIT_ENTRIES`]) no more than that many: the rest are read and let go.
//! Scored as they are read, the units are not held either, only what the scorer keeps (no
//! results once a unit's problem refuses the document; a problem of the document's own fields is
//! known only at its end).
//!
//! Most units of such a document are valid: a national run with one typo has ten thousand valid
//! units beside the one. Each unit of the list is therefore first read from the text as the
//! reader of valid documents reads a unit ([`super::stream`]), found where serde_json lends its
//! first field's name, and passed over by serde_json without building its JSON value (building
//! every unit's took most of the time such a document took to refuse, and most of its
//! allocations). Only a unit that reader steps aside for is read as a JSON value, in its place.
//! What that reader takes has nothing a JSON value would report (serde's derived readers read it,
//! through serde_json), so what is found, and in what order, is what reading the document as one
//! value found: every other value is still read as a JSON value (a number out of range in an
//! unknown field is still reported), a field given twice still counts once, with its last value,
//! in its first place.
//!
//! Every part is read by one visitor ([`Part`]), so that serde_json's reader of any value is in
//! the WebAssembly module once, not once a part (four copies cost 1.5 KiB of its 300 gzipped).

use super::stream::unit_starting;
use super::{check_unit_count, parse_unit, UnitAssessment, ASSESSMENTS_SCHEMA};
use crate::error::{Collector, ErrorCode, ParError, Problems, Read};
use crate::json::{other_kind, parse_seeing_text, parse_with};
use crate::limits;
use crate::results::Results;
use crate::score::Scorer;
use crate::text::{DocumentKind, ReadingMsg};
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
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
///
/// The reader of valid documents stepped aside for the text, so it most likely has a problem,
/// often near its end. It is therefore scored first for its problems only, keeping no results
/// (a national run's would fill hundreds of megabytes before its problem is read), and scored
/// again keeping them only when it has none (a field given twice, say). The first reading finds
/// what the second would: a scorer that keeps no results still finds every problem.
pub(crate) fn score_reporting_problems(text: &str, scorer: Scorer) -> Result<Results, Problems> {
    let mut problems_only = scorer.for_problems_only();
    let problems = read_units_into(text, &mut problems_only)?;
    problems_only.finish_given(problems)?;
    let mut scorer = scorer;
    let problems = read_units_into(text, &mut scorer)?;
    scorer.finish_given(problems)
}

/// Reads the units of `text` into `units`, giving the problems found in them; the problems
/// of the document itself (not a list of units, a wrong schema, too many units) alone, as an
/// error, the units read then being of no use.
fn read_units_into(text: &str, units: &mut dyn TakesUnits) -> Result<Vec<ParError>, Problems> {
    let read = parse_seeing_text(text, |de, text| {
        Part::Top(Walk { taker: units, text }).deserialize(de)
    })?;
    let read = match read {
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

/// What the units of a document's list are handed to, and the document's text, where a unit the
/// reader of valid documents takes is read (see the module's comment).
struct Walk<'u> {
    taker: &'u mut dyn TakesUnits,
    text: &'u str,
}

impl Walk<'_> {
    /// The same walk, handed to a part of the document (its `units`).
    fn reborrow(&mut self) -> Walk<'_> {
        Walk {
            taker: &mut *self.taker,
            text: self.text,
        }
    }
}

/// What the units of a document are handed to as they are read. Unlike the reader of valid
/// documents' [`super::Units`], which steps aside at the first unit past the limits, this walk
/// hands on every unit, so that a scorer counts them and refuses them as [`crate::score`] does.
trait TakesUnits {
    /// Takes the next unit read; `within_limits`: its reader measured its every text against its
    /// limit (see [`super::Units::take`]).
    fn take(&mut self, unit: UnitAssessment, within_limits: bool);
    /// Hears that reading found a problem: the document is refused.
    fn refused(&mut self);
    /// Lets go of every unit taken: a document giving `units` twice counts the last.
    fn start_again(&mut self);
}

impl TakesUnits for Vec<UnitAssessment> {
    fn take(&mut self, unit: UnitAssessment, _within_limits: bool) {
        self.push(unit);
    }
    fn refused(&mut self) {}
    fn start_again(&mut self) {
        self.clear();
    }
}

impl TakesUnits for Scorer<'_> {
    fn take(&mut self, unit: UnitAssessment, within_limits: bool) {
        self.add_read(unit, within_limits);
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
    Top(Walk<'u>),
    /// A document's `units`.
    UnitList(Walk<'u>),
    /// One unit given on its own.
    Unit,
    /// One unit of a list in `text`, the document's.
    ListedUnit { text: &'u str, entries_hint: usize },
    /// A unit's `entries`.
    Entries,
}

/// What reading a part gave.
enum Got {
    /// A list of units (the top, or a document's `units`).
    Units(UnitsRead),
    /// A document's fields.
    Document(DocumentRead),
    /// A unit, as a JSON value.
    Unit(UnitGiven),
    /// A unit of a list read as the reader of valid documents reads it.
    Valid {
        unit: UnitAssessment,
        /// Its texts were measured against their limits as they were read.
        within_limits: bool,
    },
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
    fn read_from<'de, A: SeqAccess<'de>>(mut list: A, walk: Walk) -> Result<Self, A::Error> {
        let mut units = UnitsRead::default();
        let mut entries_hint = 0;
        loop {
            let part = Part::ListedUnit {
                text: walk.text,
                entries_hint,
            };
            match list.next_element_seed(part)? {
                None => return Ok(units),
                Some(Got::Valid {
                    unit,
                    within_limits,
                }) => {
                    units.given += 1;
                    entries_hint = unit.entries.len();
                    if units.given <= limits::UNITS.max {
                        walk.taker.take(unit, within_limits);
                    }
                }
                Some(got) => units.read_value(got.unit(), walk.taker),
            }
        }
    }

    /// The next unit given, read from its JSON value: its problems kept, the unit handed on.
    fn read_value(&mut self, unit: UnitGiven, taker: &mut dyn TakesUnits) {
        let at = self.given;
        self.given += 1;
        if self.given > limits::UNITS.max {
            return;
        }
        let place = format!("units[{at}]");
        let (value, past) = (unit.value, unit.entries_past_limit);
        let clean = self.problems.is_empty();
        let read = parse_unit(value, &place, past, &mut self.problems);
        // Told at the first problem, a scorer keeps no more results from then on.
        if clean && !self.problems.is_empty() {
            taker.refused();
        }
        // Read as a JSON value, its texts were not measured: the scorer measures them.
        read.into_iter().for_each(|unit| taker.take(unit, false));
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
    fn read_from<'de, A: MapAccess<'de>>(mut fields: A, mut walk: Walk) -> Result<Self, A::Error> {
        let mut document = DocumentRead::default();
        while let Some(field) = fields.next_key::<String>()? {
            match field.as_str() {
                "schema" => document.schema = Some(fields.next_value()?),
                "units" => {
                    if document.units.is_some() {
                        walk.taker.start_again();
                    }
                    let units = match fields.next_value_seed(Part::UnitList(walk.reborrow()))? {
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
        if let Some(Value::String(schema)) = &self.schema {
            if let Some(problem) = other_kind(schema, DocumentKind::Assessments) {
                return Err(problem.into());
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

    /// A unit given as `{}`.
    fn empty() -> UnitGiven {
        UnitGiven {
            value: Value::Object(serde_json::Map::new()),
            entries_past_limit: false,
        }
    }

    /// The unit's fields, `first` already read (its name) if given.
    fn read_from<'de, A: MapAccess<'de>>(
        mut fields: A,
        mut first: Option<String>,
    ) -> Result<Self, A::Error> {
        let mut unit = serde_json::Map::new();
        let mut entries_past_limit = false;
        while let Some(field) = first
            .take()
            .map_or_else(|| fields.next_key::<String>(), |f| Ok(Some(f)))?
        {
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

/// A unit of a document's list (see the module's comment): read from `text` where its first
/// field's name is, if the reader of valid documents takes it, and passed over by serde_json;
/// else read as a JSON value.
fn listed_unit<'de, A: MapAccess<'de>>(
    mut fields: A,
    text: &str,
    entries_hint: usize,
) -> Result<Got, A::Error> {
    let Some(first) = fields.next_key_seed(FieldName)? else {
        return Ok(Got::Unit(UnitGiven::empty()));
    };
    let valid = first
        .at
        .and_then(|at| unit_starting(object_at(text, at)?, entries_hint));
    let Some((unit, within_limits)) = valid else {
        return UnitGiven::read_from(fields, Some(first.name)).map(Got::Unit);
    };
    fields.next_value::<IgnoredAny>()?;
    while fields.next_key::<IgnoredAny>()?.is_some() {
        fields.next_value::<IgnoredAny>()?;
    }
    Ok(Got::Valid {
        unit,
        within_limits,
    })
}

/// The text from the opening brace of the object whose first field's name starts at the address
/// `name_at` (just after its quote), if that is in `text`. It is: serde_json lends a name only
/// from the text it reads, which is `text` (an escaped name is copied, and has no address), and
/// after an object's brace passes over white space only.
fn object_at(text: &str, name_at: usize) -> Option<&str> {
    let at = name_at.checked_sub(text.as_ptr() as usize)?;
    let before = text.as_bytes().get(..at.checked_sub(1)?)?;
    let brace = before
        .iter()
        .rposition(|&b| !crate::json::is_json_space(b))?;
    (before[brace] == b'{').then(|| text.get(brace..)).flatten()
}

/// A field's name, and where it is when serde_json read it from the text as it is (without an
/// escape): the address of its first byte.
struct NameRead {
    name: String,
    at: Option<usize>,
}

/// Reads a [`NameRead`].
struct FieldName;

impl<'de> DeserializeSeed<'de> for FieldName {
    type Value = NameRead;

    fn deserialize<D: Deserializer<'de>>(self, name: D) -> Result<NameRead, D::Error> {
        name.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for FieldName {
    type Value = NameRead;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a field's name")
    }

    fn visit_borrowed_str<E>(self, name: &'de str) -> Result<NameRead, E> {
        Ok(NameRead {
            at: Some(name.as_ptr() as usize),
            name: name.to_string(),
        })
    }

    fn visit_str<E>(self, name: &str) -> Result<NameRead, E> {
        Ok(NameRead {
            name: name.to_string(),
            at: None,
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
            Part::Unit | Part::ListedUnit { .. } => Got::Unit(UnitGiven::NOT_AN_OBJECT),
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
            Part::Top(walk) | Part::UnitList(walk) => {
                UnitsRead::read_from(list, walk).map(Got::Units)
            }
            Part::Unit | Part::ListedUnit { .. } | Part::Entries => {
                values_of(list).map(|items| self.scalar(Value::Array(items)))
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut fields: A) -> Result<Got, A::Error> {
        match self {
            Part::Top(walk) => DocumentRead::read_from(fields, walk).map(Got::Document),
            Part::Unit => UnitGiven::read_from(fields, None).map(Got::Unit),
            Part::ListedUnit { text, entries_hint } => listed_unit(fields, text, entries_hint),
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
