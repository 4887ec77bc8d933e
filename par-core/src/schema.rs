//! JSON Schemas of the documents the engine reads, derived from the very types that read them:
//! a portal written in another language (.NET, Java, PHP) checks a document with any JSON Schema
//! validator before sending it. The files under `schemas/` at the repository's root are these,
//! written by `PAR_BLESS=1 cargo test -p par-core --test schemas`, which fails when they differ.
//!
//! A schema says what the engine can read; it cannot say everything the engine checks against
//! a methodology (that a code is one of its criteria, that a label is one of a rule's options,
//! that points are within a criterion's max): those answers come with the problems it reports.

use crate::assessment::AssessmentSet;
use crate::error::ProblemsWire;
use crate::json::to_pretty;
use crate::methodology::MethodologyDef;
use schemars::generate::SchemaSettings;
use schemars::JsonSchema;

/// The schema of a `par.methodology/1` document (`schemas/methodology.schema.json`).
pub fn methodology() -> String {
    document::<MethodologyDef>("methodology", "par.methodology/1: a PAR INDEX methodology")
}

/// The schema of a `par.assessments/1` document (`schemas/assessments.schema.json`).
pub fn assessments() -> String {
    document::<AssessmentSet>(
        "assessments",
        "par.assessments/1: units' self-scores and appraisals",
    )
}

/// The schema of the problems document (`schemas/problems.schema.json`): what every binding
/// answers an input it cannot score with (`par score` on standard error as text, the Python
/// `ParError`'s and JavaScript `ParError`'s `problems`).
pub fn problems() -> String {
    let settings = SchemaSettings::draft2020_12().for_serialize();
    document_as::<ProblemsWire>(settings, "problems", "Problems found in an input")
}

/// The schema of the document type `T` as the engine reads it, named by its file under
/// `schemas/`, as JSON text.
fn document<T: JsonSchema>(file: &str, title: &str) -> String {
    document_as::<T>(
        SchemaSettings::draft2020_12().for_deserialize(),
        file,
        title,
    )
}

fn document_as<T: JsonSchema>(settings: SchemaSettings, file: &str, title: &str) -> String {
    let mut schema = settings.into_generator().into_root_schema_for::<T>();
    schema.insert("$id".into(), format!("{file}.schema.json").into());
    schema.insert("title".into(), title.into());
    to_pretty(&schema)
}
