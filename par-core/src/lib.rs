//! `par-core`: the scoring engine of the Public Administration Reform Index (PAR INDEX,
//! *Chỉ số cải cách hành chính*).
//!
//! One pure library computes what MoHA, the provinces and their portals publish: criteria trees
//! ([`Methodology`]), self-assessments overridden by appraisal rounds ([`UnitAssessment`]),
//! decimal-exact scores rounded once, ranks per block, bands, statistics ([`Results`]), and
//! year-over-year moves ([`compare`]). The Python and WebAssembly packages wrap [`wire`], which
//! speaks JSON text in and out, so every binding computes byte-identical results; [`schema`]
//! gives the JSON Schemas of those documents, for programs in any language.
//!
//! No floating point, no I/O, no panics on any input: every problem is a [`ParError`] with a stable
//! code, and all problems of an input are reported together as [`Problems`]. Every text for
//! people comes from one catalogue, [`text`], in Vietnamese (the default [`Lang`]) and English.
//!
//! # What it offers
//!
//! - Criteria trees: [`Methodology`] (read from [`MethodologyDef`], a `par.methodology/1`
//!   document), or a built-in one by id ([`builtin()`], [`list_builtin`]).
//! - Inputs: [`UnitAssessment`] and its [`Entry`]s, read by [`parse_assessments`] or
//!   [`read_assessments`] (which keeps what is readable beside the problems), or from a
//!   [`Table`] as officials keep them.
//! - Scoring: [`score()`] for a batch, [`score_table`] for a table, or a [`Scorer`] fed unit by
//!   unit, by [`score_json_as_read`] and [`score_csv_as_read`] as text is read.
//! - Results: [`Results`], each [`UnitResult`]'s nodes seen through [`NodeView`], with the
//!   provenance of every node's points, and [`Results::to_json`] / [`Results::from_json`].
//! - Problems: [`Problems`] of [`ParError`]s, each with an [`ErrorCode`].
//! - Features with documents of their own: [`compare`], [`analysis`], [`whatif`], [`form`],
//!   [`import`]; the JSON wire every binding calls, [`wire`], with [`schema`], [`limits`] and
//!   the catalogue [`text`].
//!
//! # The whole flow
//!
//! A methodology, the units' self-scores and appraisal rounds, then the results: each unit's
//! index, rank and band, where every node's points came from, and the problems of an input that
//! cannot be scored, each with its code, criterion and field.
//!
//! ```
//! use par_core::{parse_assessments, score, ErrorCode, Lang, Methodology, Source};
//!
//! let methodology = Methodology::from_json(r#"{
//!     "schema": "par.methodology/1", "id": "example", "name": "Bộ chỉ số mẫu",
//!     "bands": [{"label": "Tốt", "min": "80"}],
//!     "nodes": [
//!         {"code": "1", "name": "Công tác chỉ đạo, điều hành", "max": "10", "children": [
//!             {"code": "1.1", "name": "Kế hoạch CCHC năm", "max": "4"},
//!             {"code": "1.2", "name": "Báo cáo CCHC", "max": "6"}
//!         ]}
//!     ]
//! }"#)?;
//! let units = parse_assessments(r#"{"schema": "par.assessments/1", "units": [
//!     {"unit": "Sở Tư pháp", "entries": {
//!         "1.1": {"self": "4", "evidence": ["KH-12"], "appraisals": [{"round": 1, "value": "4"}]},
//!         "1.2": {"self": "6", "appraisals":
//!             [{"round": 1, "value": "4,5", "reason": "Thiếu báo cáo quý III"}]}}},
//!     {"unit": "Sở Y tế", "entries": {
//!         "1.1": {"value": "2"}, "1.2": {"value": "5"}}}
//! ]}"#)?;
//! let results = score(&methodology, units, Lang::Vi)?;
//!
//! let first = &results.units[0];
//! assert_eq!((first.unit.as_str(), first.rank), ("Sở Tư pháp", 1));
//! assert_eq!((first.index.0.to_string(), first.band.as_deref()), ("85.00".into(), Some("Tốt")));
//! // The appraisal round overrides the self-score, and says why.
//! let report = first.nodes.get("1.2").expect("scored");
//! assert_eq!((report.points().0.to_string(), report.source()), ("4.50".into(), Source::Appraisal));
//! let round = report.appraisals().next_back().expect("appraised");
//! assert_eq!(round.reason.as_deref(), Some("Thiếu báo cáo quý III"));
//! assert_eq!(round.points.map(|p| p.0.to_string()), Some("4.50".into()));
//!
//! // An input that cannot be scored: every problem at once, none of them a panic.
//! let wrong = parse_assessments(r#"{"schema": "par.assessments/1", "units": [
//!     {"unit": "Sở Xây dựng", "entries": {"1.1": {"self": "5"}, "1.9": {"self": "1"}}}
//! ]}"#)?;
//! let problems = score(&methodology, wrong, Lang::Vi).unwrap_err();
//! let codes: Vec<ErrorCode> = problems.problems.iter().map(|p| p.code).collect();
//! assert_eq!(codes, [ErrorCode::UnknownNode, ErrorCode::OutOfRange]);
//! # Ok::<(), par_core::Problems>(())
//! ```
#![forbid(unsafe_code)]

/// Implements `Serialize` for enums of names (codes, sources, policies) as their wire texts
/// (`strum::IntoStaticStr`, named as serde's `rename_all` names them for reading): one table of
/// the names, where serde's derive writes a copy of every name into each writer's code, and the
/// WebAssembly module is built for size. `tests/schemas.rs` checks both name each alike.
macro_rules! serialized_as_static_str {
    ($($kind:ty),*) => {$(
        impl serde::Serialize for $kind {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(<&'static str>::from(*self))
            }
        }
    )*};
}

// The engine's parts. Their public names are listed below, each once; what is not listed is
// the engine's own.
mod assessment;
mod bands;
mod builtin;
mod decimal;
mod encoding;
mod entry_texts;
mod error;
mod json;
mod methodology;
mod misread;
mod names;
mod rank;
mod results;
mod rules;
mod score;
mod table;
mod unit;
mod worth;

/// A hash map keyed by what an input gives (unit names, codes, headings, labels), hashed as
/// [`Entries`] are (`foldhash`, seeded per process; see there), not with FxHash, whose collisions
/// can be computed ahead of time: a table of units whose names all collide would take quadratic
/// time. One hasher for every such map, whose code the WebAssembly module then carries once.
pub(crate) type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
/// A hash set as [`HashMap`].
pub(crate) type HashSet<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;

// Features with documents of their own, each a namespace.
pub mod analysis;
pub mod compare;
pub mod form;
pub mod import;
pub mod whatif;

// The JSON wire the bindings speak, the schemas of its documents, the bounds of every input and
// the catalogue of texts for people.
pub mod limits;
pub mod schema;
pub mod text;
pub mod wire;

// The methodologies the engine carries, as published.
pub use builtin::{list as list_builtin, load as builtin, BuiltinInfo};
// Criteria trees: a methodology document (`par.methodology/1`) and its validated form.
pub use methodology::{
    AdjustmentDef, Band, Block, ChoiceOption, Completeness, Methodology, MethodologyDef,
    MissingLeaf, NoSurvey, NodeDef, Policies, RankOn, RankingPolicy, RoundingPolicy, Rule,
    RuleBand, TieBreaker, TieMode, TreeEntry, UnappraisedSelf, METHODOLOGY_SCHEMA,
};

// Self-assessments and appraisal rounds: an assessments document (`par.assessments/1`).
pub use assessment::{
    parse_assessments, read_assessments, Appraisal, AssessmentSet, Entries, Entry, EntryList,
    InputValue, SourceRow, SurveyInput, UnitAssessment, ASSESSMENTS_SCHEMA,
};
/// The string type of entry codes, decimal text and short labels (see [`Entries`]).
pub use compact_str::CompactString;
// Tables as officials keep them: one row per unit and criterion, or a unit per row.
pub use table::{
    column_letters, LongCsv, LongCsvFeed, LongCsvPiece, LongRows, LongRowsHeader, OwnTotal,
    PassedOver, ReasonsNotRead, RowsHidden, ScoredPiece, Shape, SheetChosen, SheetRead,
    SheetsAlike, SignatureRows, SummaryRows, Table, Unstreamable,
};

// Results: scores, ranks, bands and statistics (`par.results/1`), with the provenance of every
// node's points.
pub use results::{
    write_compact_units, write_units, AppraisalView, BlockStatistics, ComponentResult, Detail,
    JsonLayout, LostPoints, MethodologyRef, NodeMap, NodeView, RankRow, Results, ResultsFeed,
    Source, UnitResult, Warning, WarningCode, WorkingsFile, RESULTS_SCHEMA,
};
// Scoring: a batch at once, or unit by unit as they are read.
pub use names::shows_nothing;
pub use score::{score, score_table, Scorer, UnitsOfFiles};
// Streaming: a JSON document or a long table's CSV text scored as it is read, into a `Scorer`.
pub use assessment::{
    json_parts, score_json_as_read, score_json_reporting_problems, AssessmentStream, JsonPart,
    NotRead, Units,
};
pub use table::score_csv_as_read;

// Decimals: exact, parsed as officials type them, rounded once under the methodology's policy.
pub use decimal::{
    float16_text, float32_text, float_text, parse_decimal, parse_input_decimal, percent_text, Dec,
    RoundingMode,
};
// Text as files and keyboards give it: encodings of Vietnamese Excel, and Unicode normal form.
pub use encoding::{
    decode_owned, is_nfc, nfc, nfc_owned, read_text, utf8_text, FileText, TextEncoding,
};
pub use json::{json_in_nfc, other_document};
// What the WebAssembly package asks of a text it reads in pieces, without the tables `json_in_nfc`
// needs (par-wasm's `nfc_check`).
#[doc(hidden)]
pub use json::{escape_may_compose, escapes_may_compose};
// Problems: every one of an input together, each with a stable code.
pub use error::{ErrorCode, ParError, Problems, Read};
// The language of every text for people (Vietnamese by default), and one such text.
pub use text::{Lang, Msg};
