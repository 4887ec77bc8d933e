//! A `par.assessments/1` text the reader of valid documents stepped aside for, read for every
//! problem with its place, a unit at a time: each unit is turned into a unit, or its problems,
//! and handed on ([`TakesUnits`]: a list keeping it, or a scorer scoring it) before the next is
//! read. Read as one JSON value, a national run with one bad field near its end stood in memory
//! as sixteen times its text (1.96 GB for 124 MB, more than a browser tab's WebAssembly memory
//! can hold); now one unit is read at a time, each of its entries read as a JSON value and turned
//! into an entry, or its problem, at once. Only what a problem says of a value is kept ([`Budget`]):
//! an entry no more than a valid one holds, a field the format does not have only its name, a
//! name given as a list as far as a problem quotes it; of a unit giving more entries than a unit
//! may have ([`limits::UNIT_ENTRIES`]), no more than that many. The rest is read and let go.
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
//! unknown field is still reported). A field given twice, which a JSON value would keep once with
//! its last value, is refused ([`field_given_twice`]): which of the two was meant is not known.
//!
//! Every part is read by one visitor ([`Part`]), so that serde_json's reader of any value is in
//! the WebAssembly module once, not once a part (four copies cost 1.5 KiB of its 300 gzipped).

use super::stream::unit_starting;
use super::{
    check_unit_count, parse_unit, read_entry, read_form_entry, Entry, UnitAssessment,
    ASSESSMENTS_SCHEMA,
};
use crate::error::{more_problems, Collector, ErrorCode, ParError, Problems, Read, QUOTED_BYTES};
use crate::json::{other_kind, parse_seeing_text, parse_with};
use crate::limits;
use crate::results::Results;
use crate::score::Scorer;
use crate::text::{DocumentKind, ReadingMsg};
use indexmap::IndexMap;
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

/// Scores an assessments JSON text that did not read as a valid document as it came (the
/// reader that reports every problem, each unit handed to `scorer` as it is read): what scoring
/// the units read gives ([`crate::score`]), without holding them.
///
/// The reader of valid documents stepped aside for the text, so it most likely has a problem,
/// often near its end. It is therefore scored first for its problems only, keeping no results
/// (a national run's would fill hundreds of megabytes before its problem is read), and scored
/// again keeping them only when it has none (a valid document that reader does not take). The
/// first reading finds what the second would: a scorer that keeps no results still finds every
/// problem.
pub fn score_json_reporting_problems(text: &str, scorer: Scorer) -> Result<Results, Problems> {
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

/// A unit given on its own (a form) read as a unit of a list is: its JSON value without its
/// entries, and its entries each read as a form's (see [`EntryGiven::read`]).
pub(crate) fn read_unit_text(text: &str) -> Result<UnitGiven, ParError> {
    Ok(parse_with(text, |de| Part::Unit.deserialize(de))?.unit())
}

/// One entry of a form given on its own (its JSON text, as in `entries`), read as the form's
/// entries are.
pub(crate) fn read_entry_text(text: &str) -> Result<EntryGiven, ParError> {
    let mut budget = Budget::of(ENTRY_VALUES);
    let value = parse_with(text, |de| Part::Kept(&mut budget).deserialize(de))?.kept();
    Ok(EntryGiven::read(value, budget, true))
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
    /// Lets go of every unit taken: of a document giving `units` twice, the problems of the last
    /// list are said after that refusal.
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
    /// One unit given on its own (a form's).
    Unit,
    /// One unit of a list in `text`, the document's.
    ListedUnit { text: &'u str, entries_hint: usize },
    /// A unit's `entries`; `in_form`: a form's (see [`EntryGiven::read`]).
    Entries { in_form: bool },
    /// Any value, kept as far as its budget goes.
    Kept(&'u mut Budget),
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
    /// A unit's entries.
    Entries(EntriesGiven),
    /// A value kept ([`Part::Kept`]); `None` where its budget had run out.
    Value(Option<Value>),
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

    /// Entries, as the part [`Part::Entries`] gives them.
    fn entries(self) -> EntriesGiven {
        match self {
            Got::Entries(entries) => entries,
            _ => EntriesGiven::Other(Value::Null),
        }
    }

    /// A value, as the part [`Part::Kept`] gives it (`null` where nothing of it was kept).
    fn kept(self) -> Value {
        self.kept_if_any().unwrap_or_default()
    }

    /// A value, as the part [`Part::Kept`] gives it, if it was kept.
    fn kept_if_any(self) -> Option<Value> {
        match self {
            Got::Value(value) => value,
            _ => None,
        }
    }
}

/// How many more values a value being read may keep ([`Part::Kept`]): every scalar, list and
/// object counts one. Past them the rest is read, so that what is wrong in it is still found (a
/// number out of range, a lone surrogate), and let go. A JSON value takes 32 bytes for the two
/// of `0,`: kept whole, a list of 30 million zeros took 3.9 GB.
pub(crate) struct Budget {
    left: usize,
    /// Whether values were let go.
    cut: bool,
    /// The field of the outermost object in which values were first let go.
    cut_in: Option<String>,
    /// How deep in lists and objects the value being read is.
    depth: usize,
    /// Where the value being read stands in the value the budget was given for: the fields
    /// and the places in lists read into, outermost first.
    path: Vec<PathStep>,
    /// The first field given twice in an object: its name, and its place
    /// (`appraisals[0].value`).
    given_twice: Option<(String, String)>,
}

/// A step of [`Budget::path`].
enum PathStep {
    Field(String),
    Item(usize),
}

/// Whether `field`, in the object at the end of `path` in an entry, is one of the entry's own
/// fields, or of its rounds or its survey: one given twice is then refused. Another (a field the
/// format does not have, one inside an entry that is no object) is said as it is, whatever is
/// given twice in it. (Only an entry's budget is asked what was given twice.)
fn is_entry_field(path: &[PathStep], field: &str) -> bool {
    let known: &[&str] = match path {
        [] => &[
            "self",
            "evidence",
            "explanation",
            "appraisals",
            "survey",
            "value",
        ],
        [PathStep::Field(f)] if f == "survey" => &["percent", "points"],
        [PathStep::Field(f), PathStep::Item(_)] if f == "appraisals" => {
            &["round", "value", "reason", "by"]
        }
        _ => &[],
    };
    known.contains(&field)
}

/// The place of `field` at the end of `path`, as problems name fields (`appraisals[0].value`).
fn place_in(path: &[PathStep], field: &str) -> String {
    let mut place = String::new();
    for step in path {
        match step {
            PathStep::Field(name) => place.push_str(&format!("{name}.")),
            PathStep::Item(i) => {
                place.pop(); // its list's dot
                place.push_str(&format!("[{i}]."));
            }
        }
    }
    place + field
}

impl Budget {
    fn of(values: usize) -> Budget {
        Budget {
            left: values,
            cut: false,
            cut_in: None,
            depth: 0,
            path: Vec::new(),
            given_twice: None,
        }
    }

    /// Keeps nothing: a value read only to be passed over (an unknown field's).
    fn none() -> Budget {
        Budget::of(0)
    }

    /// Keeps what a problem quotes: a value cut after [`QUOTED_BYTES`] values prints longer than
    /// a problem quotes, each taking a byte at least, so its quote is the whole value's.
    fn quoting() -> Budget {
        Budget::of(QUOTED_BYTES)
    }

    /// Takes one value, if any is left.
    fn take(&mut self) -> bool {
        let left = self.left > 0;
        match left {
            true => self.left -= 1,
            false => self.cut = true,
        }
        left
    }
}

/// The values an entry read as a JSON value may keep: more than a valid entry holds (the entry,
/// its six fields, a survey's figure, [`limits::ENTRY_ITEMS`] evidence references and as many
/// rounds of an object and four fields each: 6,008), so that only an entry refused anyway is cut,
/// and is refused for it. A field given again gives back what its value before kept; once
/// values were let go, the entry is cut, whatever is given after.
const ENTRY_VALUES: usize = 8 * limits::ENTRY_ITEMS.max;

/// What a unit's `entries` gave.
pub(crate) enum EntriesGiven {
    /// An object: each entry read, by code in the order first given (a code given twice is
    /// refused, in its first place: [`EntryGiven::given_twice`]).
    Read(IndexMap<String, EntryGiven>),
    /// More entries than a unit may have ([`limits::UNIT_ENTRIES`]), read and let go.
    PastLimit,
    /// Anything else, kept as far as a problem quotes it.
    Other(Value),
}

/// The refusal of a criterion `code` given more than once in a unit's entries, as reading a
/// document finds it, and as placing a unit's entries does where two spellings of one code name
/// one criterion (`unit::place_entries`).
pub(crate) fn entry_given_twice(code: &str) -> ParError {
    let code = code.to_string();
    ParError::new(
        ErrorCode::ConflictingInput,
        ReadingMsg::EntryGivenTwice { code },
    )
    .field("entries")
}

/// The refusal of a field given more than once in one object, named `name` and standing at
/// `place` (`units[3].unit`, `self`): a JSON reader would keep its last value without a word,
/// and which was meant is not known.
pub(crate) fn field_given_twice(name: &str, place: String) -> ParError {
    // A name is quoted as a value is: one given twice may be as long as the text holding it.
    let field = crate::error::quoted(name);
    ParError::new(
        ErrorCode::ConflictingInput,
        ReadingMsg::FieldGivenTwice { field },
    )
    .field(place)
}

/// Notes `name` among the fields given twice, once however often it is given again.
fn note_given_twice(given_twice: &mut Vec<String>, name: &str) {
    if !given_twice.iter().any(|n| n == name) {
        given_twice.push(name.to_string());
    }
}

/// One entry as read: what of it counts, and its problem.
pub(crate) struct EntryGiven {
    pub counts: Option<Entry>,
    pub problem: Option<ParError>,
    /// A form's entry with a problem, as given (compact JSON): a form reads it again with every
    /// answer (see [`crate::FormSession`]).
    pub unreadable: Option<String>,
}

impl EntryGiven {
    /// An entry read from its `value`, read within `budget`. A form's (`in_form`) is read
    /// without its empty fields, and keeps its text where it has a problem.
    fn read(value: Value, budget: Budget, in_form: bool) -> EntryGiven {
        if budget.cut {
            return EntryGiven::cut(value, budget.cut_in, in_form);
        }
        if let Some((name, place)) = budget.given_twice {
            return EntryGiven::refused(field_given_twice(&name, place));
        }
        let unreadable = in_form.then(|| value.to_string());
        let (counts, problem) = EntryGiven::reader(in_form)(value);
        EntryGiven {
            unreadable: unreadable.filter(|_| problem.is_some()),
            counts,
            problem,
        }
    }

    /// An entry of a code given more than once in a unit's entries: none counts, whichever was
    /// meant.
    fn given_twice(code: &str) -> EntryGiven {
        EntryGiven::refused(entry_given_twice(code))
    }

    /// An entry of which nothing counts, for `problem`, which no answer in a form mends (it
    /// keeps no text to read again: see [`crate::FormSession`]).
    fn refused(problem: ParError) -> EntryGiven {
        EntryGiven {
            counts: None,
            problem: Some(problem),
            unreadable: None,
        }
    }

    /// How an entry's value is read: a form's without its empty fields ([`read_form_entry`]).
    fn reader(in_form: bool) -> fn(Value) -> (Option<Entry>, Option<ParError>) {
        match in_form {
            true => read_form_entry,
            false => read_entry,
        }
    }

    /// An entry whose budget ran out in its field `cut_in`, which gave more than a valid entry
    /// holds: none of it counts. A list kept past its limit is said so; else what is wrong in the
    /// part kept (an unknown field, a list where a text goes: what made it so long), which a form
    /// reads again from the part kept; else (nothing wrong in what was kept) the limit, which a
    /// form refuses, leaving the form as it was (see [`crate::FormSession::set_entry`]).
    fn cut(kept: Value, cut_in: Option<String>, in_form: bool) -> EntryGiven {
        let listed = |field: &str| kept.get(field).and_then(Value::as_array).map(Vec::len);
        let over_limit = cut_in
            .as_deref()
            .filter(|field| matches!(*field, "evidence" | "appraisals"))
            .and_then(listed)
            .is_some_and(|items| items > limits::ENTRY_ITEMS.max);
        let text = in_form.then(|| kept.to_string());
        let wrong = (!over_limit)
            .then(|| EntryGiven::reader(in_form)(kept).1)
            .flatten();
        let Some(wrong) = wrong else {
            let past = limits::ENTRY_ITEMS.exceeded_at_least();
            // Named as any field is, cut to what a problem quotes: a field's name may be long.
            let past = match cut_in {
                Some(field) => past.field(field),
                None => past,
            };
            return EntryGiven::refused(past);
        };
        EntryGiven {
            counts: None,
            problem: Some(wrong),
            unreadable: text,
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
        let clean = self.problems.is_empty();
        let read = parse_unit(unit, &place, &mut self.problems);
        // Told at the first problem, a scorer keeps no more results from then on.
        if clean && !self.problems.is_empty() {
            taker.refused();
        }
        // Read as a JSON value, its texts were not measured: the scorer measures them.
        read.into_iter().for_each(|unit| taker.take(unit, false));
    }
}

/// The fields of a document as read; a field given twice counts once, with its last value, and
/// is refused.
#[derive(Default)]
struct DocumentRead {
    schema: Option<Value>,
    /// The units, or `None` where `units` is not a list.
    units: Option<Option<UnitsRead>>,
    /// The document's own fields given more than once, in the order first given again.
    given_twice: Vec<String>,
    /// The fields a document does not have, in the order first given (their values are not
    /// kept: a JSON map is the set of their names).
    unknown: serde_json::Map<String, Value>,
    /// How many unknown fields were kept in `unknown`, and how many given past them.
    unknown_fields: Unknown,
}

impl DocumentRead {
    fn read_from<'de, A: MapAccess<'de>>(mut fields: A, mut walk: Walk) -> Result<Self, A::Error> {
        let mut document = DocumentRead::default();
        while let Some(field) = fields.next_key::<String>()? {
            let given = match field.as_str() {
                "schema" => document.schema.is_some(),
                "units" => document.units.is_some(),
                _ => false,
            };
            if given {
                note_given_twice(&mut document.given_twice, &field);
            }
            match field.as_str() {
                "schema" => document.schema = Some(quoted_value(&mut fields)?),
                "units" => {
                    if given {
                        walk.taker.start_again();
                    }
                    let units = match fields.next_value_seed(Part::UnitList(walk.reborrow()))? {
                        Got::Units(units) => Some(units),
                        _ => None,
                    };
                    document.units = Some(units);
                }
                _ => {
                    let_go_value(&mut fields)?;
                    document.unknown_fields.keep(&mut document.unknown, field);
                }
            }
        }
        Ok(document)
    }

    /// The units, if the document's own fields are as its format has them; else their problems,
    /// and none of the units'. A field of the document given twice is said first, with the other
    /// problems of its fields where it has some, else with those of the units read (of the last
    /// list, where `units` was given twice).
    fn units(self) -> Result<UnitsRead, Problems> {
        // Another of the engine's documents (results given to be scored): said alone, not with
        // every field that kind has and assessments lack. (A schema given twice is said so.)
        let schema_twice = self.given_twice.iter().any(|f| f == "schema");
        if let (Some(Value::String(schema)), false) = (&self.schema, schema_twice) {
            if let Some(problem) = other_kind(schema, DocumentKind::Assessments) {
                return Err(problem.into());
            }
        }
        let mut problems = Collector::default();
        for field in &self.given_twice {
            problems.push(field_given_twice(field, field.clone()));
        }
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
        if self.unknown_fields.past > 0 {
            problems.push(more_problems(self.unknown_fields.past));
        }
        if problems.len() > self.given_twice.len() {
            let problems = problems.into_problems();
            return Err(Problems { problems });
        }
        problems.append(units.problems);
        Ok(UnitsRead { problems, ..units })
    }
}

/// A unit as read: the JSON value of its fields but its entries, and its entries, if given
/// (given twice: the last, and refused).
pub(crate) struct UnitGiven {
    pub value: Value,
    pub entries: Option<EntriesGiven>,
    /// Its own fields given more than once (`unit`, `block`, `entries`), in the order first
    /// given again: refused.
    pub given_twice: Vec<String>,
    /// How many fields the format does not have were given past those `value` names
    /// ([`Unknown`]).
    pub unknown_past: usize,
}

/// The fields a document or a unit was given that its format does not have: each kept by name
/// among the fields read, to be said once, as many as the problems shown; past them, only
/// counted (a field given again there is counted again). Ten million unknown fields, every name
/// kept, held two gigabytes.
#[derive(Default)]
struct Unknown {
    kept: usize,
    past: usize,
}

impl Unknown {
    fn keep(&mut self, fields: &mut serde_json::Map<String, Value>, field: String) {
        if fields.contains_key(&field) {
            return;
        }
        if self.kept < limits::PROBLEMS.max {
            fields.insert(field, Value::Null);
            self.kept += 1;
        } else {
            self.past += 1;
        }
    }
}

impl UnitGiven {
    /// A unit that is not an object, which is all that is said of it.
    const NOT_AN_OBJECT: UnitGiven = UnitGiven {
        value: Value::Null,
        entries: None,
        given_twice: Vec::new(),
        unknown_past: 0,
    };

    /// A unit given as `{}`.
    fn empty() -> UnitGiven {
        UnitGiven {
            value: Value::Object(serde_json::Map::new()),
            entries: None,
            given_twice: Vec::new(),
            unknown_past: 0,
        }
    }

    /// The unit's fields, `first` already read (its name) if given; `in_form`: a form's (see
    /// [`EntryGiven::read`]). Its name and block are kept as far as a problem quotes them (they
    /// are texts, or refused); of any other field, only its name.
    fn read_from<'de, A: MapAccess<'de>>(
        mut fields: A,
        mut first: Option<String>,
        in_form: bool,
    ) -> Result<Self, A::Error> {
        let mut unit = serde_json::Map::new();
        let mut entries = None;
        let mut given_twice = Vec::new();
        let mut unknown = Unknown::default();
        while let Some(field) = first
            .take()
            .map_or_else(|| fields.next_key::<String>(), |f| Ok(Some(f)))?
        {
            // Of a field the format does not have, that it is unknown is said once.
            let known = matches!(field.as_str(), "unit" | "block" | "entries");
            if known && unit.contains_key(&field) {
                note_given_twice(&mut given_twice, &field);
            }
            match field.as_str() {
                "entries" => {
                    let given = fields.next_value_seed(Part::Entries { in_form })?;
                    entries = Some(given.entries());
                    // Its place is kept, as reading the unit as one JSON value keeps it (its
                    // unknown fields are then named in the same order).
                    unit.insert(field, Value::Null);
                }
                "unit" | "block" => drop(unit.insert(field, quoted_value(&mut fields)?)),
                _ => {
                    let_go_value(&mut fields)?;
                    unknown.keep(&mut unit, field);
                }
            }
        }
        Ok(UnitGiven {
            value: Value::Object(unit),
            entries,
            given_twice,
            unknown_past: unknown.past,
        })
    }
}

/// The next value of `fields`, kept as far as a problem quotes it.
fn quoted_value<'de, A: MapAccess<'de>>(fields: &mut A) -> Result<Value, A::Error> {
    Ok(fields
        .next_value_seed(Part::Kept(&mut Budget::quoting()))?
        .kept())
}

/// The next value of `fields` read (what is wrong in it is found) and let go.
fn let_go_value<'de, A: MapAccess<'de>>(fields: &mut A) -> Result<(), A::Error> {
    fields.next_value_seed(Part::Kept(&mut Budget::none()))?;
    Ok(())
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
        return UnitGiven::read_from(fields, Some(first.name), false).map(Got::Unit);
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

/// A unit's entries, each read as it comes ([`EntryGiven::read`]), up to the limit; past it,
/// each code and entry is read as the others were, so that what is wrong in it is found as
/// before (a number out of range, nesting past the limit, a lone surrogate), and let go at once.
fn entries_from<'de, A: MapAccess<'de>>(mut codes: A, in_form: bool) -> Result<Got, A::Error> {
    let mut entries = IndexMap::new();
    while entries.len() <= limits::UNIT_ENTRIES.max {
        let Some(code) = codes.next_key::<String>()? else {
            return Ok(Got::Entries(EntriesGiven::Read(entries)));
        };
        let mut budget = Budget::of(ENTRY_VALUES);
        let value = codes.next_value_seed(Part::Kept(&mut budget))?.kept();
        let entry = EntryGiven::read(value, budget, in_form);
        match entries.entry(code) {
            indexmap::map::Entry::Vacant(place) => _ = place.insert(entry),
            indexmap::map::Entry::Occupied(mut given) => {
                let twice = EntryGiven::given_twice(given.key());
                given.insert(twice);
            }
        }
    }
    drop(entries);
    while codes.next_key::<String>()?.is_some() {
        let_go_value(&mut codes)?;
    }
    Ok(Got::Entries(EntriesGiven::PastLimit))
}

/// How many values a JSON value holds, itself included, as [`Budget`] counts them.
fn values_in(value: &Value) -> usize {
    1 + match value {
        Value::Array(items) => items.iter().map(values_in).sum(),
        Value::Object(fields) => fields.values().map(values_in).sum(),
        _ => 0,
    }
}

/// A list read within `budget` ([`Part::Kept`]).
fn kept_list<'de, A: SeqAccess<'de>>(
    mut list: A,
    budget: &mut Budget,
) -> Result<Option<Value>, A::Error> {
    let keep = budget.take();
    budget.depth += 1;
    let mut items = Vec::new();
    for i in 0.. {
        budget.path.push(PathStep::Item(i));
        let item = list.next_element_seed(Part::Kept(budget))?;
        budget.path.pop();
        let Some(item) = item else { break };
        items.extend(item.kept_if_any());
    }
    budget.depth -= 1;
    Ok(keep.then_some(Value::Array(items)))
}

/// An object read within `budget` ([`Part::Kept`]); a field given twice counts with its last
/// value, in its first place (as serde_json reads one), and is noted in `budget`.
fn kept_object<'de, A: MapAccess<'de>>(
    mut fields: A,
    budget: &mut Budget,
) -> Result<Option<Value>, A::Error> {
    let keep = budget.take();
    budget.depth += 1;
    let mut object = serde_json::Map::new();
    while let Some(field) = fields.next_key::<String>()? {
        // A field given again replaces its value: the values that one kept are given back.
        if let Some(earlier) = object.get_mut(&field) {
            budget.left += values_in(&std::mem::take(earlier));
            if budget.given_twice.is_none() && is_entry_field(&budget.path, &field) {
                let place = place_in(&budget.path, &field);
                budget.given_twice = Some((field.clone(), place));
            }
        }
        let whole = !budget.cut;
        budget.path.push(PathStep::Field(field.clone()));
        let value = fields.next_value_seed(Part::Kept(budget))?.kept_if_any();
        budget.path.pop();
        if whole && budget.cut && budget.depth == 1 {
            budget.cut_in = Some(field.clone());
        }
        if let Some(value) = value {
            object.insert(field, value);
        }
    }
    budget.depth -= 1;
    Ok(keep.then_some(Value::Object(object)))
}

impl Part<'_> {
    /// What a value that is neither a list nor an object gives, read whole by serde_json before
    /// it is visited: only entries keep it (their problem quotes it).
    fn scalar(self, value: Value) -> Got {
        match self {
            Part::Top(_) | Part::UnitList(_) => Got::Other,
            Part::Unit | Part::ListedUnit { .. } => Got::Unit(UnitGiven::NOT_AN_OBJECT),
            Part::Entries { .. } => Got::Entries(EntriesGiven::Other(value)),
            Part::Kept(budget) => Got::Value(budget.take().then_some(value)),
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
            // A unit is an object, which is all that is said of one that is not.
            Part::Unit | Part::ListedUnit { .. } => {
                kept_list(list, &mut Budget::none())?;
                Ok(Got::Unit(UnitGiven::NOT_AN_OBJECT))
            }
            Part::Entries { .. } => kept_list(list, &mut Budget::quoting())
                .map(|given| Got::Entries(EntriesGiven::Other(given.unwrap_or_default()))),
            Part::Kept(budget) => kept_list(list, budget).map(Got::Value),
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut fields: A) -> Result<Got, A::Error> {
        match self {
            Part::Top(walk) => DocumentRead::read_from(fields, walk).map(Got::Document),
            Part::Unit => UnitGiven::read_from(fields, None, true).map(Got::Unit),
            Part::ListedUnit { text, entries_hint } => listed_unit(fields, text, entries_hint),
            Part::Entries { in_form } => entries_from(fields, in_form),
            Part::Kept(budget) => kept_object(fields, budget).map(Got::Value),
            // An object given as `units` is no list; it is read whole all the same.
            Part::UnitList(_) => {
                while fields.next_key::<String>()?.is_some() {
                    let_go_value(&mut fields)?;
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
