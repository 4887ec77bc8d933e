//! JSON Schemas of the documents the engine reads, derived from the very types that read them:
//! a portal written in another language (.NET, Java, PHP) checks a document with any JSON Schema
//! validator before sending it. The files under `schemas/` at the repository's root are these,
//! written by `PAR_BLESS=1 cargo test -p par-core --test schemas`, which fails when they differ.
//!
//! A schema says what the engine can read; it cannot say everything the engine checks against
//! a methodology (that a code is one of its criteria, that a label is one of a rule's options,
//! that points are within a criterion's max): those answers come with the problems it reports.

use crate::assessment::AssessmentSet;
use crate::error::{ErrorCode, ParError, ProblemsWire};
use crate::json::to_pretty;
use crate::methodology::MethodologyDef;
use crate::results::ResultsWire;
use crate::text::ReadingMsg;
use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema};
use serde_json::Value;

/// The documents with a schema, by the name of their file under `schemas/`
/// (`{name}.schema.json`).
pub const DOCUMENTS: [&str; 4] = ["methodology", "assessments", "results", "problems"];

/// The schema of the document `name` (one of [`DOCUMENTS`]), as JSON text; any other name is
/// refused (`unknown_option`), with the names there are.
pub fn of(name: &str) -> Result<String, ParError> {
    match name {
        "methodology" => Ok(methodology()),
        "assessments" => Ok(assessments()),
        "results" => Ok(results()),
        "problems" => Ok(problems()),
        _ => Err(ParError::new(
            ErrorCode::UnknownOption,
            ReadingMsg::UnknownSchema {
                given: name.to_string(),
                known: DOCUMENTS.map(str::to_string).to_vec(),
            },
        )
        .field("document")
        .value(name)),
    }
}

/// The schema of a `par.methodology/1` document (`schemas/methodology.schema.json`).
pub fn methodology() -> String {
    let title = "par.methodology/1: a PAR INDEX methodology";
    to_pretty(&root_schema::<MethodologyDef>(read(), "methodology", title))
}

/// The schema of a `par.assessments/1` document (`schemas/assessments.schema.json`).
pub fn assessments() -> String {
    let title = "par.assessments/1: units' self-scores and appraisals";
    to_pretty(&root_schema::<AssessmentSet>(read(), "assessments", title))
}

/// The schema of a `par.results/1` document (`schemas/results.schema.json`), as every binding
/// writes it and `compare`, `explain` and the readers of results read it back.
pub fn results() -> String {
    let title = "par.results/1: scores, ranks and statistics";
    to_pretty(&root_schema::<ResultsWire>(read(), "results", title))
}

/// The schema of the problems document (`schemas/problems.schema.json`): what every binding
/// answers an input it cannot score with (`par score` on standard error as text, the Python
/// `ParError`'s and JavaScript `ParError`'s `problems`). It is written, never read.
pub fn problems() -> String {
    let settings = SchemaSettings::draft2020_12().for_serialize();
    to_pretty(&root_schema::<ProblemsWire>(
        settings,
        "problems",
        "Problems found in an input",
    ))
}

/// The settings of a document the engine reads.
fn read() -> SchemaSettings {
    SchemaSettings::draft2020_12().for_deserialize()
}

/// The schema of `T` as a document of its own: named by its file, with a title.
fn root_schema<T: JsonSchema>(settings: SchemaSettings, file: &str, title: &str) -> Schema {
    let mut schema = settings.into_generator().into_root_schema_for::<T>();
    schema.insert("$id".into(), format!("{file}.schema.json").into());
    schema.insert("title".into(), title.into());
    if let Some(fields) = schema.as_object_mut() {
        fields.values_mut().for_each(unwrap_descriptions);
        if let Some(Value::String(text)) = fields.get_mut("description") {
            *text = unwrapped(text);
        }
    }
    schema
}

/// Every description within on one line (see [`unwrapped`]).
fn unwrap_descriptions(schema: &mut Value) {
    match schema {
        Value::Object(fields) => {
            for (name, value) in fields.iter_mut() {
                match value {
                    Value::String(text) if name == "description" => *text = unwrapped(text),
                    other => unwrap_descriptions(other),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(unwrap_descriptions),
        _ => {}
    }
}

/// A description on one line: doc comments, which descriptions are made of, wrap at 100
/// columns. A blank line, which parts paragraphs, is kept.
fn unwrapped(text: &str) -> String {
    let paragraphs: Vec<String> = text.split("\n\n").map(|p| p.replace('\n', " ")).collect();
    paragraphs.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::unwrapped;

    #[test]
    fn a_description_keeps_its_paragraphs_and_loses_its_wrapping() {
        assert_eq!(
            unwrapped("One line\nwrapped.\n\nA second\nparagraph."),
            "One line wrapped.\n\nA second paragraph."
        );
        assert_eq!(unwrapped("Short."), "Short.");
    }
}
