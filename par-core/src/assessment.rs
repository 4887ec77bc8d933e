//! Assessments: what units submit (self-scores, evidence, explanations), what appraisal councils
//! decide (ordered rounds with reasons), survey results, and already final values.
//!
//! Reading is per entry, so one malformed entry does not hide the problems of the others.

use crate::decimal::Dec;
use crate::encoding::nfc_owned;
use crate::error::{more_problems, Collector, ErrorCode, ParError, Problems, Read};
use crate::json::from_value;
use crate::limits;
use crate::score::Scorer;
use crate::text::ReadingMsg;
use compact_str::CompactString;
use indexmap::IndexMap;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::de::{SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::marker::PhantomData;

mod stream;
mod with_problems;
pub use stream::{json_parts, AssessmentStream, JsonPart, NotRead, Units};
pub use with_problems::score_json_reporting_problems;
pub(crate) use with_problems::{
    entry_given_twice, field_given_twice, read_entry_text, read_reporting_problems, read_unit_text,
    EntriesGiven, EntryGiven, UnitGiven,
};

pub const ASSESSMENTS_SCHEMA: &str = "par.assessments/1";

/// The documents' objects (a unit, an entry, an appraisal round; in results, a unit, a node and a
/// round) are read from JSON objects only. Serde's derived structs also take an array of their
/// fields in order (`["A", null, {…}]` for a unit), which the formats do not allow and the reader
/// that reports problems refuses: each type's derived code (`#[serde(remote = "Self")]`) is
/// called here on an object's fields.
macro_rules! read_from_objects {
    ($($ty:ty),*) => {$(
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct Fields;
                impl<'de> serde::de::Visitor<'de> for Fields {
                    type Value = $ty;
                    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                        f.write_str("an object")
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(
                        self,
                        map: A,
                    ) -> Result<$ty, A::Error> {
                        <$ty>::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    }
                }
                d.deserialize_map(Fields)
            }
        }
    )*};
}
pub(crate) use read_from_objects;

/// [`read_from_objects`] for types also written: `remote = "Self"` makes the derived writer an
/// inherent function too, which `Serialize` calls.
macro_rules! objects_only {
    ($($ty:ty),*) => {$(
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                <$ty>::serialize(self, s)
            }
        }
        read_from_objects!($ty);
    )*};
}
objects_only!(UnitAssessment, Entry, Appraisal);

/// One unit's assessment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
// Read through `objects_only!` below: from a JSON object, never an array of its fields.
#[serde(deny_unknown_fields, remote = "Self")]
pub struct UnitAssessment {
    /// The unit's name (province, department, district, commune).
    #[schemars(extend("pattern" = "\\S"))]
    pub unit: String,
    /// The block it is ranked in (sở, huyện, xã).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block: Option<String>,
    /// Inputs per node code, in the order given.
    #[serde(default, deserialize_with = "exact_map")]
    #[schemars(with = "BTreeMap<String, Entry>")]
    pub entries: Entries,
}

impl UnitAssessment {
    /// A unit named `unit`, of no block, given nothing yet.
    pub(crate) fn named(unit: &str) -> Self {
        UnitAssessment {
            unit: unit.to_string(),
            block: None,
            entries: Entries::default(),
        }
    }

    /// The unit's name and block in NFC, and the name's white space as one space between words,
    /// so that a name typed on any keyboard is one unit (see `names`). (Entry codes and option
    /// labels are matched in NFC where they are looked up, only when the text as given does not
    /// match: a national run's million entries are not walked once more.)
    pub fn normalize_names(&mut self) {
        let name = crate::names::unit_name(&self.unit);
        if name != self.unit.as_str() {
            self.unit = name.into_owned();
        }
        if let Some(block) = self.block.take() {
            self.block = Some(nfc_owned(block));
        }
    }
}

/// A unit's inputs per node code, in the order given.
///
/// Codes, decimal text, evidence references and appraisers' names are short and a national run
/// holds millions of them, so they are [`CompactString`]s, kept inline when short (up to 24 bytes,
/// 12 in WebAssembly) instead of each in an allocation of its own; prose (reasons, explanations)
/// stays a `String`. Codes are hashed with `foldhash`'s hasher, several times faster than the
/// standard SipHash on short codes. Like SipHash's, its seed is chosen per process (from address
/// randomisation and the clock in native builds; WebAssembly has neither, and std's SipHash
/// keys are fixed there too), so colliding codes cannot be computed ahead of time for a native
/// build; foldhash itself claims no resistance against an attacker who learns the seed. Build
/// one with `Entries::default()` or `Entries::with_capacity_and_hasher(n, Default::default())`.
pub type Entries = IndexMap<CompactString, Entry, foldhash::fast::RandomState>;

/// The inputs for one node.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
// Read through `objects_only!` below: from a JSON object, never an array of its fields.
#[serde(deny_unknown_fields, remote = "Self")]
pub struct Entry {
    /// The self-assessed score, in the rule's input domain (points, option label, yes/no, measure).
    #[serde(rename = "self", default, skip_serializing_if = "Option::is_none")]
    pub self_score: Option<InputValue>,
    /// References to evidence documents (tài liệu kiểm chứng).
    #[serde(
        default,
        deserialize_with = "exact_list",
        skip_serializing_if = "EntryList::is_empty"
    )]
    #[schemars(with = "Vec<String>")]
    pub evidence: EntryList<CompactString>,
    /// The unit's explanation (giải trình).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
    /// Appraisal rounds, in increasing round number; the last one counts.
    #[serde(
        default,
        deserialize_with = "exact_list",
        skip_serializing_if = "EntryList::is_empty"
    )]
    #[schemars(with = "Vec<Appraisal>")]
    pub appraisals: EntryList<Appraisal>,
    /// Survey result, for survey-assessed leaves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub survey: Option<SurveyInput>,
    /// An already final number of points (for a leaf, or a whole parent node).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Dec>,
    /// The table row the entry was read from, so that a problem scoring finds in it names the
    /// row, as a problem found while reading does.
    #[serde(skip)]
    pub row: SourceRow,
}

/// An entry's list of evidence references or of appraisal rounds. Nearly every entry gives one
/// reference and one round, so one item is kept inside the entry: a national run's million
/// entries would otherwise take two allocations each, and WebAssembly's first national run paid
/// for them in allocator time and fresh memory. More items move to an allocation of their own.
/// It reads as a slice (`&entry.appraisals[..]`) and is built from a `Vec` with `.into()`.
pub type EntryList<T> = smallvec::SmallVec<[T; 1]>;

/// The 1-based row of a table an entry was read from (the header being row 1), if any. Where an
/// entry came from is not part of what it says: entries compare equal whatever their rows, so
/// the same input read from a table and from JSON scores to equal results.
#[derive(Debug, Clone, Copy, Default)]
pub struct SourceRow(pub Option<std::num::NonZeroU32>);

impl SourceRow {
    /// The row `row` (a row number past `u32` is not kept).
    pub fn at(row: usize) -> Self {
        SourceRow(u32::try_from(row).ok().and_then(std::num::NonZeroU32::new))
    }
    pub fn get(self) -> Option<usize> {
        self.0.map(|r| r.get() as usize)
    }
}

impl PartialEq for SourceRow {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Entry {
    /// The entry with nothing entered, keeping the room its lists had, to be read into again
    /// (see [`crate::Scorer`]'s spare entries).
    pub(crate) fn emptied(mut self) -> Entry {
        self.empty();
        self
    }

    /// Leaves nothing entered, keeping the room its lists had. (Every field is named, so that a
    /// field added to an entry must be emptied here too.)
    pub(crate) fn empty(&mut self) {
        let Entry {
            self_score,
            evidence,
            explanation,
            appraisals,
            survey,
            value,
            row,
        } = self;
        *self_score = None;
        evidence.clear();
        *explanation = None;
        appraisals.clear();
        *survey = None;
        *value = None;
        *row = SourceRow::default();
    }

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

/// Reads a JSON list into an [`EntryList`] of exactly its length, refusing one of more than
/// [`limits::ENTRY_ITEMS`] items as the item past it is read. Serde grows a vector of unknown length
/// to room for four items at least; a national run's million entries, most with one evidence
/// reference and one appraisal round, would keep three empty places in each. A list of known
/// length (an already parsed JSON value) is given room for it; otherwise the single item kept
/// inside the entry is room enough, and longer lists grow as usual and are trimmed at the end.
pub(crate) fn exact_list<'de, D, T>(d: D) -> Result<EntryList<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct Exact<T>(PhantomData<T>);
    impl<'de, T: Deserialize<'de>> Visitor<'de> for Exact<T> {
        type Value = EntryList<T>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            // Serde's own wording for a vector, so that messages read as for any other list.
            f.write_str("a sequence")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<EntryList<T>, A::Error> {
            let most = limits::ENTRY_ITEMS;
            // A length given by the input is trusted only so far (serde's own caution).
            let mut items = EntryList::with_capacity(seq.size_hint().unwrap_or(1).min(most.max));
            while let Some(item) = seq.next_element()? {
                if items.len() == most.max {
                    return Err(serde::de::Error::custom(most.serde_message()));
                }
                items.push(item);
            }
            items.shrink_to_fit();
            Ok(items)
        }
    }
    d.deserialize_seq(Exact(PhantomData))
}

/// Reads the entries of a unit into a map that keeps room for no more: grown one at a time, it
/// would keep room for up to twice as many entries (112 places for a 100-leaf methodology).
fn exact_map<'de, D: Deserializer<'de>>(d: D) -> Result<Entries, D::Error> {
    struct Codes;
    impl<'de> Visitor<'de> for Codes {
        type Value = Entries;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("entries keyed by criterion code")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut codes: A,
        ) -> Result<Entries, A::Error> {
            let mut entries = Entries::default();
            while let Some((code, entry)) = codes.next_entry::<CompactString, Entry>()? {
                if entries.contains_key(&code) {
                    // Read only by the tests and the fuzzer, which check the stream against
                    // serde's readers; the readers people meet name it in the catalogue's words.
                    let twice = format!("criterion {code} given twice in a unit's entries");
                    return Err(serde::de::Error::custom(twice));
                }
                entries.insert(code, entry);
            }
            entries.shrink_to_fit();
            Ok(entries)
        }
    }
    d.deserialize_map(Codes)
}

/// An appraisal round: the value it gives the criterion, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
// Read through `objects_only!` below: from a JSON object, never an array of its fields.
#[serde(deny_unknown_fields, remote = "Self")]
pub struct Appraisal {
    /// The round's number, from 1; the last round given counts.
    pub round: u32,
    /// The score the round gives, in the rule's input domain, as the self-score is.
    pub value: InputValue,
    /// Why the round changed the score (lý do), which the methodology may require.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Who appraised (council, officer).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub by: Option<CompactString>,
}

/// A survey result: percent satisfied (points = max × percent / 100), or points directly.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum SurveyInput {
    Percent(Dec),
    Points(Dec),
}

/// An input in a rule's domain: text (a decimal, an option label, "yes"/"no") or a boolean.
/// JSON numbers are refused: decimals travel as strings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputValue {
    Text(CompactString),
    Flag(bool),
}

impl InputValue {
    pub fn as_text(&self) -> String {
        match self {
            InputValue::Text(t) => t.to_string(),
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

impl JsonSchema for InputValue {
    fn schema_name() -> Cow<'static, str> {
        "Input".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "An input in the rule's domain: text (a decimal such as \"0.5\", an option's label, \"yes\" or \"no\") or true/false; never a JSON number.",
            "type": ["string", "boolean"]
        })
    }
}

impl<'de> Deserialize<'de> for InputValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = InputValue;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(crate::decimal::EXPECTING_SCORE_VALUE)
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<InputValue, E> {
                Ok(InputValue::Text(v.into()))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<InputValue, E> {
                Ok(InputValue::Text(v.into()))
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AssessmentSet {
    #[schemars(extend("const" = "par.assessments/1"))]
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
/// can report the problems of the readable part too ([`crate::score`]).
pub fn read_assessments(text: &str) -> Result<Read<Vec<UnitAssessment>>, Problems> {
    // Valid input, the usual case, is read in one pass; only input with problems takes the
    // slower walk that finds every problem with its place.
    match read_valid(text) {
        Some(units) => Ok(Read {
            value: units,
            problems: Vec::new(),
        }),
        None => read_reporting_problems(text),
    }
}

/// Reads one unit given on its own (`{"unit", "block", "entries"}`, as a form sends it), keeping
/// what is readable beside the problems; `None` when nothing of it can be read.
pub fn read_unit(text: &str) -> Result<Read<Option<UnitAssessment>>, Problems> {
    Ok(read_unit_value(read_unit_text(text)?))
}

/// [`read_unit`] of the unit [`read_unit_text`] read.
pub(crate) fn read_unit_value(unit: UnitGiven) -> Read<Option<UnitAssessment>> {
    let mut problems = Collector::default();
    let unit = parse_unit(unit, "", &mut problems);
    problems.into_read(unit)
}

/// A form's fields left empty are no input: in an entry, a field that is `null` or blank text
/// (`"value": ""`, `"survey": {"percent": ""}`, `"evidence": null`) is left out, and a round
/// numbered as text (`"round": "1"`, as an HTML form sends it) is read as its number.
fn entry_without_empty_fields(entry: &mut serde_json::Value) {
    let blank =
        |v: &serde_json::Value| v.is_null() || v.as_str().is_some_and(crate::names::shows_nothing);
    let Some(fields) = entry.as_object_mut() else {
        return;
    };
    if let Some(survey) = fields.get_mut("survey").and_then(|s| s.as_object_mut()) {
        survey.retain(|_, v| !blank(v));
        if survey.is_empty() {
            fields.remove("survey");
        }
    }
    fields.retain(|_, v| !blank(v));
    let rounds = fields.get_mut("appraisals").and_then(|a| a.as_array_mut());
    for round in rounds
        .into_iter()
        .flatten()
        .filter_map(|r| r.as_object_mut())
    {
        let number = round.get("round").and_then(|r| r.as_str()).map(str::trim);
        if let Some(n) = number.and_then(|t| t.parse::<u32>().ok()) {
            round.insert("round".into(), n.into());
        }
    }
}

/// One entry of a form given on its own (its JSON value, as in `entries`), read as the form's
/// entries are (see [`read_entry`]); nothing when it holds no input (`null`, `{}`, only empty
/// fields).
pub(crate) fn read_form_entry(mut value: serde_json::Value) -> (Option<Entry>, Option<ParError>) {
    entry_without_empty_fields(&mut value);
    match &value {
        serde_json::Value::Null => (None, None),
        serde_json::Value::Object(fields) if fields.is_empty() => (None, None),
        _ => read_entry(value),
    }
}

/// One entry read from its JSON value: what of it can count, and the problem with the rest. An
/// appraisal round that cannot be read (a round not numbered, a value given as a JSON number)
/// leaves the self-score, the evidence and the explanation readable: they are read without the
/// rounds, so that a form counts its self-score while the round is being typed, and a refusal
/// lists their problems too.
fn read_entry(value: serde_json::Value) -> (Option<Entry>, Option<ParError>) {
    let without_rounds = value
        .as_object()
        .filter(|fields| fields.contains_key("appraisals"))
        .map(|fields| {
            let mut rest = fields.clone();
            rest.remove("appraisals");
            serde_json::Value::Object(rest)
        });
    match from_value::<Entry>(value) {
        Ok(entry) => (Some(entry), None),
        Err(e)
            if e.field
                .as_deref()
                .is_some_and(|f| f.starts_with("appraisals")) =>
        {
            (
                without_rounds.and_then(|v| from_value::<Entry>(v).ok()),
                Some(e),
            )
        }
        Err(e) => (None, Some(e)),
    }
}

/// Every limit a unit is over: its number of entries ([`limits::UNIT_ENTRIES`]; past it, the
/// entries are neither measured nor reported one by one), and every text longer than its limit
/// ([`limits::CODE_BYTES`] for entry codes, [`limits::TEXT_BYTES`] for the rest), each named by
/// its place. The unit is named only when its own name is within the limit: the problem must not
/// repeat megabytes.
pub(crate) fn over_limits(u: &UnitAssessment) -> Vec<ParError> {
    let mut found = Vec::new();
    let text = limits::TEXT_BYTES;
    found.extend(text.check_text(&u.unit, || "unit".into()));
    found.extend(text.check_text(u.block.as_deref().unwrap_or(""), || "block".into()));
    if u.entries.len() > limits::UNIT_ENTRIES.max {
        found.push(too_many_entries());
    } else {
        for (code, e) in &u.entries {
            // A table's cell is found by its row; the unit's own texts by its first row.
            let at_row = |p: ParError| match e.row.get() {
                Some(row) => p.row(row),
                None => p,
            };
            found.extend(oversized_entry(code, e).into_iter().map(at_row));
        }
    }
    let first_row = u.entries.values().find_map(|e| e.row.get());
    for problem in found.iter_mut().filter(|p| p.row.is_none()) {
        problem.row = first_row;
    }
    if u.unit.len() <= text.max {
        found.iter_mut().for_each(|e| e.unit = Some(u.unit.clone()));
    }
    found
}

/// The refusal of a unit giving more entries than a unit may have ([`limits::UNIT_ENTRIES`]),
/// said as "more than" the limit by every reader: past it, a reader that counts as it reads
/// cannot tell a code given twice from the others.
pub(crate) fn too_many_entries() -> ParError {
    limits::UNIT_ENTRIES.exceeded_at_least().field("entries")
}

/// Every text of one entry longer than its limit, as [`over_limits`] names them.
pub(crate) fn oversized_entry(code: &str, e: &Entry) -> Vec<ParError> {
    if let Some(p) = limits::CODE_BYTES.check_text(code, || "entries".into()) {
        return vec![p];
    }
    // Each text is measured first and named only when it is over: nearly every one of a
    // national run's million entries is within its limits.
    let text = limits::TEXT_BYTES;
    let mut found = Vec::new();
    each_text(e, |field, t| {
        if t.len() > text.max {
            found.push(
                text.exceeded(t.len())
                    .node(code)
                    .field(format!("entries.{code}.{field}")),
            );
        }
    });
    found
}

/// Calls `visit` with every text an entry holds and the field it is in (`appraisals[0].reason`).
fn each_text(e: &Entry, mut visit: impl FnMut(EntryText, &str)) {
    fn typed(v: &InputValue) -> &str {
        match v {
            InputValue::Text(t) => t,
            _ => "",
        }
    }
    visit(
        EntryText::SelfScore,
        e.self_score.as_ref().map_or("", typed),
    );
    visit(
        EntryText::Explanation,
        e.explanation.as_deref().unwrap_or(""),
    );
    for (i, item) in e.evidence.iter().enumerate() {
        visit(EntryText::Evidence(i), item);
    }
    for (i, a) in e.appraisals.iter().enumerate() {
        visit(EntryText::RoundValue(i), typed(&a.value));
        visit(EntryText::Reason(i), a.reason.as_deref().unwrap_or(""));
        visit(EntryText::By(i), a.by.as_deref().unwrap_or(""));
    }
}

/// Where in an entry a text is, as a problem names it.
#[derive(Clone, Copy)]
enum EntryText {
    SelfScore,
    Explanation,
    Evidence(usize),
    RoundValue(usize),
    Reason(usize),
    By(usize),
}

impl std::fmt::Display for EntryText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EntryText::SelfScore => write!(f, "self"),
            EntryText::Explanation => write!(f, "explanation"),
            EntryText::Evidence(i) => write!(f, "evidence[{i}]"),
            EntryText::RoundValue(i) => write!(f, "appraisals[{i}].value"),
            EntryText::Reason(i) => write!(f, "appraisals[{i}].reason"),
            EntryText::By(i) => write!(f, "appraisals[{i}].by"),
        }
    }
}

/// Refuses more units than [`limits::UNITS`].
pub(crate) fn check_unit_count(count: usize) -> Result<(), ParError> {
    if count > limits::UNITS.max {
        return Err(too_many_units(count));
    }
    Ok(())
}

/// The problem of `count` units, more than [`limits::UNITS`].
pub(crate) fn too_many_units(count: usize) -> ParError {
    limits::UNITS.exceeded(count).field("units")
}

/// The units of a valid document, or `None` if anything is wrong with it (or it is one the
/// reader of valid documents does not take, see [`AssessmentStream`]).
fn read_valid(text: &str) -> Option<Vec<UnitAssessment>> {
    read_whole_text(text, Vec::new())
}

/// The units of a whole text handed to `units` by [`AssessmentStream`], the text read in NFC as
/// reading it whole and reading results back read it (one text for one name, however it was
/// typed; a text already in NFC, as nearly all are, is only looked over); `None` where the stream
/// steps aside.
fn read_whole_text<U: Units>(text: &str, units: U) -> Option<U> {
    let mut stream = AssessmentStream::new(units);
    stream.push(&crate::json::json_in_nfc(text)).ok()?;
    stream.finish().ok()
}

/// Scores a valid assessments document as it is read, each unit handed to `scorer` as soon as it
/// is parsed ([`AssessmentStream`]): a national run's million entries never stand in memory at
/// once, only the unit being read and what the scorer keeps of those before it. `None` at the
/// first thing wrong with the document (or a unit past the limits): the caller then reads it
/// whole ([`read_assessments`], [`crate::score`]), which reports every problem. What it accepts
/// and gives is what reading it whole does for a valid document: the text is read in NFC, as
/// reading it whole and reading results back read it.
pub fn score_json_as_read<'m>(text: &str, scorer: Scorer<'m>) -> Option<Scorer<'m>> {
    read_whole_text(text, scorer)
}

/// A unit read from the JSON value of its fields and its entries as read; `at` is where it
/// stands in the document (`units[3]`), or empty for a unit given on its own (a form).
fn parse_unit(unit: UnitGiven, at: &str, problems: &mut Collector) -> Option<UnitAssessment> {
    let UnitGiven {
        value,
        entries: given,
        given_twice,
        unknown_past,
    } = unit;
    let place = |field: &str| match at {
        "" => field.to_string(),
        _ => format!("{at}.{field}"),
    };
    let serde_json::Value::Object(mut obj) = value else {
        let unit = ParError::new(ErrorCode::BadType, ReadingMsg::UnitNotObject);
        problems.push(match at {
            "" => unit,
            _ => unit.field(at),
        });
        return None;
    };
    let name = match obj.remove("unit") {
        Some(serde_json::Value::String(s)) if !crate::names::shows_nothing(&s) => Some(s),
        other => {
            problems.push(
                ParError::new(ErrorCode::MissingField, ReadingMsg::UnitWithoutName)
                    .field(place("unit"))
                    .value(other.map(|v| v.to_string()).unwrap_or_default()),
            );
            None
        }
    };
    // A unit without a name is told by its place in the list (`units[1]`).
    let label = name.clone().unwrap_or_else(|| match at {
        "" => "unit".to_string(),
        _ => at.to_string(),
    });
    // Named as the unit's other fields are (`block`, an unknown one), in the unit named.
    for field in &given_twice {
        problems.push(field_given_twice(field, field.clone()).unit(&label));
    }
    let block = match obj.remove("block") {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) => Some(s),
        Some(other) => {
            problems.push(
                ParError::new(ErrorCode::BadType, ReadingMsg::BlockNotText)
                    .unit(&label)
                    .field("block")
                    .value(other.to_string()),
            );
            None
        }
    };
    let mut entries = Entries::default();
    obj.remove("entries"); // its placeholder, which kept its place among the fields
    let entries_past_limit = matches!(given, Some(EntriesGiven::PastLimit));
    match given {
        None | Some(EntriesGiven::PastLimit) => {}
        Some(EntriesGiven::Read(read)) => {
            entries.reserve_exact(read.values().filter(|e| e.counts.is_some()).count());
            for (code, entry) in read {
                if let Some(e) = entry.problem {
                    problems.push(e.unit(&label).node(&code));
                }
                if let Some(e) = entry.counts {
                    entries.insert(code.into(), e);
                }
            }
        }
        Some(EntriesGiven::Other(other)) => problems.push(
            ParError::new(ErrorCode::BadType, ReadingMsg::EntriesNotObject)
                .unit(&label)
                .field("entries")
                .value(other.to_string()),
        ),
    }
    if entries_past_limit {
        problems.push(too_many_entries().unit(&label));
    }
    for key in obj.keys() {
        problems.push(
            ParError::new(
                ErrorCode::UnknownField,
                ReadingMsg::UnknownField {
                    field: key.clone(),
                    expected: vec!["unit".into(), "block".into(), "entries".into()],
                },
            )
            .unit(&label)
            .field(key),
        );
    }
    if unknown_past > 0 {
        problems.push(more_problems(unknown_past));
    }
    if entries_past_limit {
        return None;
    }
    Some(UnitAssessment {
        unit: name?,
        block,
        entries,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONE_UNIT: &str = r#"{"schema": "par.assessments/1", "units": [{"unit": "Xã A", "entries": {
        "1.1": {"self": "0.5", "evidence": ["TLKC-1"], "appraisals": [{"round": 1, "value": "0.25", "reason": "thiếu", "by": "HĐTĐ"}]},
        "1.2": {"self": "1", "evidence": ["a", "b", "c", "d", "e"]},
        "1.3": {"explanation": "không phát sinh"}, "1.4": {"self": "0"}, "1.5": {"self": "1"}}}]}"#;

    /// Lists and entry maps take no more room than their items (see `exact_list`): both readers,
    /// the typed one for valid documents and the one that collects problems, read them so. A
    /// list of one item takes no allocation at all: it is kept inside its entry.
    #[test]
    fn lists_and_entries_are_read_at_their_exact_length() {
        let problem = ONE_UNIT.replace(r#""unit": "Xã A""#, r#""unit": "Xã A", "extra": 1"#);
        let read = read_assessments(&problem).unwrap();
        assert_eq!(read.problems.len(), 1, "the slow reader is taken");
        for units in [parse_assessments(ONE_UNIT).unwrap(), read.value] {
            let entries = &units[0].entries;
            assert_eq!(entries.capacity(), entries.len());
            let exact = |list_spilled: bool, capacity: usize, len: usize| {
                assert_eq!(
                    list_spilled,
                    len > 1,
                    "only a list of more than one item is apart"
                );
                assert!(
                    !list_spilled || capacity == len,
                    "{capacity} places for {len}"
                );
            };
            for entry in entries.values() {
                let (evidence, rounds) = (&entry.evidence, &entry.appraisals);
                exact(evidence.spilled(), evidence.capacity(), evidence.len());
                exact(rounds.spilled(), rounds.capacity(), rounds.len());
            }
            assert_eq!(entries["1.2"].evidence.len(), 5);
            assert_eq!(entries["1.1"].appraisals.len(), 1);
        }
    }

    #[test]
    fn a_list_given_as_anything_else_is_refused_with_its_place() {
        let bad = ONE_UNIT.replace(r#"["TLKC-1"]"#, r#""TLKC-1""#);
        let problems = parse_assessments(&bad).unwrap_err().problems;
        assert_eq!(problems.len(), 1);
        let p = &problems[0];
        assert_eq!(p.code, ErrorCode::BadType);
        assert_eq!(
            (p.unit.as_deref(), p.node.as_deref(), p.field.as_deref()),
            (Some("Xã A"), Some("1.1"), Some("evidence"))
        );
        let message = p.message(crate::text::Lang::Vi);
        assert!(message.contains("cần một danh sách"), "{message}");
    }
}
