//! `par-core`: the scoring engine of the Public Administration Reform Index (PAR INDEX,
//! *Chỉ số cải cách hành chính*).
//!
//! One pure library computes what MoHA, the provinces and their portals publish: criteria trees
//! ([`Methodology`]), self-assessments overridden by appraisal rounds ([`UnitAssessment`]),
//! decimal-exact scores rounded once, ranks per block, bands, statistics ([`Results`]), and
//! year-over-year moves ([`compare()`]). The Python and WebAssembly packages wrap [`wire`], which
//! speaks JSON text in and out, so every binding computes byte-identical results; [`schema`]
//! gives the JSON Schemas of those documents, for programs in any language.
//!
//! No floating point, no I/O, no panics on any input: every problem is a [`ParError`] with a stable
//! code, and all problems of an input are reported together as [`Problems`]. Every text for
//! people comes from one catalogue, [`text`], in Vietnamese (the default [`Lang`]) and English.
#![forbid(unsafe_code)]

pub mod analysis;
pub mod assessment;
mod bands;
pub mod builtin;
pub mod compare;
pub mod decimal;
pub mod encoding;
pub mod error;
pub mod form;
pub mod import;
mod json;
pub mod limits;
pub mod methodology;
mod rank;
pub mod results;
pub mod schema;
mod score;
pub mod table;
pub mod text;
pub mod whatif;
pub mod wire;

pub use assessment::{
    parse_assessments, read_assessments, AssessmentSet, Entries, Entry, InputValue, UnitAssessment,
};
/// The string type of entry codes, decimal text and short labels (see [`Entries`]).
pub use compact_str::CompactString;
pub use compare::{compare, Comparison};
pub use error::{ErrorCode, ParError, Problems, Read};
pub use methodology::{Methodology, MethodologyDef};
pub use results::{Results, UnitResult};
pub use score::{score, score_read, score_table, Scorer};
pub use table::{Shape, Table};
pub use text::{Lang, Msg};
