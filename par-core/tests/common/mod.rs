//! What the integration tests share: the fixture cases' files.

use par_core::{ErrorCode, Methodology, Problems};
use std::path::Path;

/// Each problem's code, unit and criterion: what a refusal is and where, without its words.
#[allow(dead_code)] // Not every test that shares this module names a refusal's problems.
pub fn code_unit_node(refused: &Problems) -> Vec<(ErrorCode, Option<&str>, Option<&str>)> {
    (refused.problems.iter())
        .map(|p| (p.code, p.unit.as_deref(), p.node.as_deref()))
        .collect()
}

/// A file of a fixture case (`fixtures/cases/<case>/<name>`) as text.
pub fn case_file(case: &str, name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures/cases")
        .join(case)
        .join(name);
    std::fs::read_to_string(path).expect("readable")
}

/// A fixture case's methodology, validated.
pub fn case_methodology(case: &str) -> Methodology {
    Methodology::from_json(&case_file(case, "methodology.json")).expect("valid")
}
